// snmpio — udp_socket: a non-blocking UDP or UDP6 socket on a reactor, with a bounded
// outgoing queue.
//
// send() tries the datagram at once; when the kernel says EAGAIN or ENOBUFS it is
// copied to the queue, write interest is turned on, and the queue drains with
// sendmmsg(2) as the socket turns writable. Sends made from a callback running on the
// reactor are gathered and flushed with one sendmmsg(2) before the reactor waits again.
// Datagrams arrive in batches (recvmmsg(2) where the system has it) and are handed to
// the receive handler one by one with their source address and the local address they
// arrived on. ICMP errors (port or host unreachable) reach the error handler with the
// destination they concern, so a request can fail at once instead of timing out.
#pragma once

#include <snmpio/endpoint.hpp>
#include <snmpio/export.hpp>
#include <snmpio/result.hpp>
#include <snmpio/unique_function.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <system_error>

namespace snmpio {

class reactor;
namespace detail {
class udp_transport;
}

struct udp_options {
  /// SO_RCVBUF and SO_SNDBUF in bytes; unset keeps the system default.
  std::optional<int> receive_buffer_size = std::nullopt;
  std::optional<int> send_buffer_size = std::nullopt;
  /// For an IPv6 socket: accept IPv6 only (IPV6_V6ONLY). When false (the default), a
  /// socket bound to [::] also serves IPv4, whose peers appear as IPv4 endpoints.
  bool v6_only = false;
  bool reuse_address = false;  ///< SO_REUSEADDR
  bool reuse_port = false;     ///< SO_REUSEPORT: several sockets (reactors) share a port
  /// Datagrams the outgoing queue may hold; one more completes with errc::queue_full.
  std::size_t max_queued = 4096;
  /// Datagrams taken per recvmmsg(2) call.
  std::size_t receive_batch = 16;
  /// Largest datagram accepted; a longer one is dropped and counted as truncated.
  /// The default takes every UDP datagram IPv4 and IPv6 can carry.
  std::size_t max_datagram_size = 65535;
};

/// Counters since the socket was opened.
struct udp_stats {
  std::uint64_t datagrams_received = 0;
  std::uint64_t bytes_received = 0;
  std::uint64_t datagrams_sent = 0;
  std::uint64_t bytes_sent = 0;
  std::uint64_t truncated_dropped = 0;  ///< longer than max_datagram_size (MSG_TRUNC)
  std::uint64_t queue_overflows = 0;    ///< sends refused with errc::queue_full
  std::uint64_t send_errors = 0;        ///< sends that failed with another error
  std::uint64_t icmp_errors = 0;        ///< errors reported to the error handler
  std::uint64_t queued_sends = 0;       ///< sends that had to wait in the queue
};

class SNMPIO_EXPORT udp_socket {
 public:
  /// One received datagram. `data` is valid only during the call. `from` is the peer
  /// (an IPv4 peer of a dual-stack socket appears as IPv4); `local` is the address the
  /// datagram arrived on, with the socket's port: reply from it with send_from().
  using receive_handler = unique_function<void(std::span<const std::byte> data,
                                               const endpoint& from, const endpoint& local)>;
  /// An error the network reported for traffic to `peer`: errc::unreachable for ICMP
  /// port, host or network unreachable; other errors as std::system_category codes.
  /// `peer` is empty when the system does not say which destination failed.
  using error_handler = unique_function<void(std::error_code ec, const endpoint& peer)>;
  /// Completion of one send: success once the kernel took the datagram, or
  /// errc::queue_full, errc::shutdown, or the system's error.
  using send_handler = unique_function<void(std::error_code ec)>;

  /// A closed socket.
  udp_socket() noexcept;
  /// Opens a socket of `local`'s family, bound to `local` (port 0: an ephemeral port),
  /// registered on `loop`. The socket keeps loop.run() running until it is closed or
  /// unref() is called.
  static result<udp_socket> open(reactor& loop, const endpoint& local,
                                 const udp_options& options = {});

  /// Closes the socket; queued sends with a handler complete with errc::cancelled.
  ~udp_socket();
  udp_socket(udp_socket&&) noexcept;
  udp_socket& operator=(udp_socket&&) noexcept;
  udp_socket(const udp_socket&) = delete;
  udp_socket& operator=(const udp_socket&) = delete;

  bool is_open() const noexcept;
  /// The bound address, with the port the system chose for port 0.
  endpoint local_endpoint() const noexcept;

  void on_receive(receive_handler handler);
  void on_error(error_handler handler);

  /// Sends `data` to `to`. Returns an error when the send cannot be accepted:
  /// errc::invalid_argument (a destination of the wrong family), errc::message_too_big (over the
  /// family's UDP limit), errc::queue_full when there is no handler and the queue is
  /// full, errc::shutdown when the socket is closed, or the system's error. With a
  /// handler, a success return means the handler will run exactly once, later, on the
  /// reactor (queue overflow then completes it with errc::queue_full).
  std::error_code send(std::span<const std::byte> data, const endpoint& to,
                       send_handler handler = {});
  /// As send(), from the local address `from` (IP_PKTINFO / IPV6_PKTINFO): an agent
  /// answers from the address a request arrived on. `from`'s port is ignored.
  std::error_code send_from(std::span<const std::byte> data, const endpoint& to,
                            const endpoint& from, send_handler handler = {});

  /// As libuv's uv_ref / uv_unref: an open socket is referenced and keeps
  /// reactor::run() running; after unref() it no longer does by itself (it still
  /// receives while run() runs for other work, and keeps run() running while datagrams
  /// wait in its outgoing queue). ref() undoes unref(). No effect on a closed socket.
  void ref() noexcept;
  void unref() noexcept;
  /// True when the socket is open and referenced.
  bool has_ref() const noexcept;

  /// Datagrams waiting in the outgoing queue.
  std::size_t queued() const noexcept;
  udp_stats stats() const noexcept;
  /// The receive buffer the kernel granted (SO_RCVBUF as read back), in bytes; 0 when
  /// closed. An engine sizes its in-flight window from it.
  std::size_t receive_buffer_size() const noexcept;
  /// The underlying descriptor, or -1.
  int native_handle() const noexcept;

  /// Closes the socket now; queued sends with a handler complete with errc::cancelled.
  void close() noexcept;

 private:
  explicit udp_socket(std::unique_ptr<detail::udp_transport> impl) noexcept;
  std::unique_ptr<detail::udp_transport> impl_;
};

/// The largest UDP payload: 65,507 bytes over IPv4, 65,527 over IPv6.
constexpr std::size_t max_udp_payload(address_family family) noexcept {
  return family == address_family::ipv6 ? 65527 : 65507;
}

}  // namespace snmpio
