// snmpio — the SNMP engine: message dispatcher and pending-request table on one reactor.
#pragma once

#include <snmpio/endpoint.hpp>
#include <snmpio/export.hpp>
#include <snmpio/oid.hpp>
#include <snmpio/reactor.hpp>
#include <snmpio/result.hpp>
#include <snmpio/security.hpp>
#include <snmpio/usm.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spdlog {
class logger;
}

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

  /// This engine's snmpEngineID (raw octets, 5 to 32). Empty: a random one is made
  /// (RFC 3411 format 5, under snmpio's enterprise number); it lasts as long as the
  /// engine unless it is persisted (see load_engine_state()).
  std::string engine_id{};
  /// snmpEngineBoots (1 to 2^31-1): load_engine_state() keeps it across restarts.
  std::int32_t engine_boots = 1;
  /// snmpEngineMaxMessageSize: the largest message the agent side sends (answers are
  /// trimmed or become tooBig to fit it and the requester's msgMaxSize), and the size
  /// its SNMPv3 messages announce (484 to 65507).
  std::size_t max_message_size = 65507;
  /// Where the engine and its applications log (spdlog): drops with their cause,
  /// refused notifications, authentication failures with source and user. Null: the
  /// logger registered in spdlog's registry as "snmpio" if there is one, else none
  /// (silent). snmpio never changes spdlog's global settings and never logs keys.
  std::shared_ptr<spdlog::logger> logger{};
};

/// The counters of the agent side (command responder and notification receiver): the
/// snmp group of SNMPv2-MIB, snmpMPDStats (SNMP-MPD-MIB), usmStats
/// (SNMP-USER-BASED-SM-MIB) and the context counters of SNMP-TARGET-MIB. Every incoming
/// datagram that is not answered is counted once.
struct agent_stats {
  std::uint64_t in_pkts = 0;                 ///< snmpInPkts
  std::uint64_t out_pkts = 0;                ///< snmpOutPkts
  std::uint64_t in_bad_versions = 0;         ///< snmpInBadVersions
  std::uint64_t in_bad_community_names = 0;  ///< snmpInBadCommunityNames
  std::uint64_t in_bad_community_uses = 0;   ///< snmpInBadCommunityUses
  std::uint64_t in_asn_parse_errs = 0;       ///< snmpInASNParseErrs
  std::uint64_t silent_drops = 0;            ///< snmpSilentDrops
  std::uint64_t proxy_drops = 0;             ///< snmpProxyDrops
  std::uint64_t unknown_security_models = 0; ///< snmpUnknownSecurityModels
  std::uint64_t invalid_msgs = 0;            ///< snmpInvalidMsgs
  std::uint64_t unknown_pdu_handlers = 0;    ///< snmpUnknownPDUHandlers
  std::uint64_t unavailable_contexts = 0;    ///< snmpUnavailableContexts
  std::uint64_t unknown_contexts = 0;        ///< snmpUnknownContexts
  std::uint64_t usm_unsupported_sec_levels = 0;  ///< usmStatsUnsupportedSecLevels
  std::uint64_t usm_not_in_time_windows = 0;     ///< usmStatsNotInTimeWindows
  std::uint64_t usm_unknown_user_names = 0;      ///< usmStatsUnknownUserNames
  std::uint64_t usm_unknown_engine_ids = 0;      ///< usmStatsUnknownEngineIDs
  std::uint64_t usm_wrong_digests = 0;           ///< usmStatsWrongDigests
  std::uint64_t usm_decryption_errors = 0;       ///< usmStatsDecryptionErrors
  std::uint64_t in_requests = 0;       ///< GET, GETNEXT, GETBULK and SET taken by a responder
  std::uint64_t in_notifications = 0;  ///< traps and informs taken by a receiver
  std::uint64_t reports_sent = 0;      ///< Report PDUs sent
  std::uint64_t authorization_errors = 0;  ///< requests VACM refused
  /// Integers read with redundant leading 0x00/0xFF octets (gosnmp's request-ids, ...)
  /// in messages that decoded: taken, not parse errors (man 7 snmpio, WHAT SNMPIO ACCEPTS).
  std::uint64_t in_non_minimal_integers = 0;
  /// Counter32/Gauge32/TimeTicks/Counter64 values whose leading 0x00 was left out,
  /// read as unsigned (same page).
  std::uint64_t in_unsigned_top_bit = 0;
};

/// What load_engine_state() keeps on disk.
struct engine_state {
  std::string engine_id{};
  std::int32_t engine_boots = 1;
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
  /// Integers read with redundant leading 0x00/0xFF octets in datagrams that decoded
  /// (an 8-octet Counter64, a 0xFF-padded INTEGER: man 7 snmpio, WHAT SNMPIO ACCEPTS).
  std::uint64_t non_minimal_integers = 0;
  /// Unsigned values whose leading 0x00 was left out, read as unsigned (same page).
  std::uint64_t unsigned_top_bit = 0;
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

  /// This engine's snmpEngineID, snmpEngineBoots, and snmpEngineTime (seconds since
  /// the engine started, RFC 3414 §2.2.2; it stops at 2^31-1).
  const std::string& engine_id() const noexcept;
  std::int32_t engine_boots() const noexcept;
  std::int32_t engine_time() const noexcept;
  /// Hundredths of a second since the engine started, modulo 2^32 (sysUpTime).
  std::uint32_t uptime() const noexcept;

  // ---- the agent side: where requests and notifications come in, and who may send
  // them. These configure the authoritative engine shared by command_responder and
  // notification_receiver.

  /// Opens an agent socket bound to `local` (udp or udp6; port 0: ephemeral) whose
  /// datagrams go to the engine's incoming side. Answers leave from the address each
  /// request arrived on.
  std::error_code listen(const endpoint& local);
  /// The endpoints listen() opened, with the ports the system chose.
  std::vector<endpoint> listening_endpoints() const;
  /// Accepts SNMPv1/v2c messages with `entry.community`, under its security name.
  std::error_code add_community(const community_entry& entry);
  /// Adds an SNMPv3 user. With `user.security_engine_id` empty the user belongs to this
  /// engine (requests to this agent, informs to this receiver); with it set, to that
  /// remote engine (traps it sends, as snmptrapd's createUser -e). Keys are localized
  /// once, here.
  std::error_code add_usm_user(const usm_user_data& user);
  /// VACM: security name to group, views, access entries, contexts.
  void add_vacm_group(security_model model, std::string security_name, std::string group);
  /// `mask` in hex, as snmpd.conf writes it ("ff", "ff.c0"); empty: every arc counts.
  std::error_code add_vacm_view(std::string view_name, const oid& subtree, std::string_view mask = {},
                                bool included = true);
  void add_vacm_access(const vacm_access_entry& entry);
  void add_context(std::string context_name);
  /// The counters of the agent side.
  agent_stats agent_statistics() const noexcept;

  detail::engine_impl& impl() noexcept { return *impl_; }

 private:
  std::shared_ptr<detail::engine_impl> impl_;
};

/// Reads the engine ID and boots kept in `directory` (file "snmpio-engine.conf"),
/// adds one to boots (latching at 2^31-1), writes them back, and returns them: call it
/// once at start-up and pass the result to engine_options. A missing file is created
/// with `configured_engine_id`, or a new random engine ID when that is empty; a
/// configured ID that differs from the stored one replaces it and resets boots to 1.
/// A file that exists but does not parse is errc::invalid_argument (it is never
/// silently replaced: a new engine ID would invalidate every key localized to the old).
SNMPIO_EXPORT result<engine_state> load_engine_state(const std::string& directory,
                                                     std::string_view configured_engine_id = {});

/// A random engine ID in RFC 3411 format: 0x80 | snmpio's enterprise number, 0x05,
/// then 8 random octets.
SNMPIO_EXPORT std::string make_engine_id();

}  // namespace snmpio
