// snmpio — the SNMP engine: message dispatcher and pending-request table on one reactor.
#pragma once

#include <snmpio/endpoint.hpp>
#include <snmpio/export.hpp>
#include <snmpio/reactor.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace snmpio {

namespace detail {
class engine_impl;
}

struct engine_options {
  /// Requests in flight at once (sent, not yet answered). Further requests wait in a
  /// FIFO and go out as answers come back, so a burst never overflows the socket's
  /// receive buffer. 0 sizes it from the receive buffer the kernel actually granted.
  std::size_t max_in_flight = 0;
  /// Requests in flight at once to one agent (pacing); 0: no limit beyond the window.
  std::size_t max_in_flight_per_target = 0;
  /// SO_RCVBUF to ask for on the engine's sockets (the kernel may grant less).
  int receive_buffer_size = 8 << 20;
  /// Accept a response from any source address; by default only the address and port
  /// the request went to (anything else is dropped and counted).
  bool accept_any_source = false;
  /// Local addresses the manager sockets bind to (port 0: ephemeral).
  endpoint local_v4 = endpoint::any_v4();
  endpoint local_v6 = endpoint::any_v6();
};

/// Counters of the dispatcher. Every datagram that is not accepted is counted once.
struct engine_stats {
  std::uint64_t requests = 0;          ///< requests started
  std::uint64_t sent = 0;              ///< datagrams sent (first tries and retries)
  std::uint64_t retransmissions = 0;   ///< retries sent after a timeout
  std::uint64_t responses = 0;         ///< responses accepted
  std::uint64_t timeouts = 0;          ///< requests completed with errc::timeout
  std::uint64_t unreachable = 0;       ///< requests completed with errc::unreachable
  std::uint64_t cancelled = 0;         ///< requests completed with errc::cancelled
  std::uint64_t parse_errors = 0;      ///< datagrams that did not decode
  std::uint64_t unknown_request_id = 0;///< no pending request: late, duplicate or foreign
  std::uint64_t wrong_source = 0;      ///< request-id matched, source address did not
  std::uint64_t wrong_community = 0;   ///< request-id matched, community did not
  std::uint64_t wrong_version = 0;     ///< request-id matched, version did not
  std::uint64_t unexpected_pdu = 0;    ///< a PDU that is not a Response
  std::uint64_t bad_version = 0;       ///< datagrams of a version the engine does not take
  std::uint64_t unknown_security_models = 0;  ///< SNMPv3 messages not for the USM
  std::uint64_t wrong_digests = 0;     ///< SNMPv3 answers whose HMAC did not verify (dropped)
  std::uint64_t not_in_time_windows = 0;  ///< authenticated answers outside the time window
  std::uint64_t decryption_errors = 0; ///< SNMPv3 answers that did not decrypt (dropped)
  std::uint64_t discoveries = 0;       ///< engine discovery probes sent
  std::uint64_t resyncs = 0;           ///< requests resent after an authenticated notInTimeWindow
  std::size_t in_flight = 0;           ///< now: sent and waiting for an answer
  std::size_t waiting = 0;             ///< now: held back by the window or pacing
  std::size_t window = 0;              ///< the in-flight window in force
};

/// The SNMP engine of one reactor. Owns the manager-side UDP sockets (opened when first
/// needed), the pending requests and their timers. Destroying it completes every
/// pending request with errc::shutdown. Not thread-safe: use it on the reactor's thread.
class SNMPIO_EXPORT engine {
 public:
  explicit engine(reactor& loop, const engine_options& options = {});
  ~engine();
  engine(engine&&) noexcept;
  engine& operator=(engine&&) noexcept;
  engine(const engine&) = delete;
  engine& operator=(const engine&) = delete;

  reactor& get_reactor() const noexcept;
  engine_stats stats() const noexcept;

  /// The local endpoint of the manager socket of `family`, once it is open.
  endpoint local_endpoint(address_family family) const noexcept;

  detail::engine_impl& impl() noexcept { return *impl_; }

 private:
  std::shared_ptr<detail::engine_impl> impl_;
};

}  // namespace snmpio
