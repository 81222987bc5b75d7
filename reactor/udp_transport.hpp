// Private: the implementation behind snmpio::udp_socket. One non-blocking UDP socket,
// its receive batch buffers, the bounded outgoing queue and the deferred completions.
#pragma once

#include "reactor/reactor_impl.hpp"

#include <snmpio/udp.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <memory>
#include <vector>

#if defined(__linux__) || defined(__FreeBSD__) || defined(__NetBSD__)
#define SNMPIO_HAVE_MMSG 1
#endif

namespace snmpio::detail {

#if defined(SNMPIO_HAVE_MMSG)
using mmsg_t = ::mmsghdr;
#else
struct mmsg_t {
  msghdr msg_hdr;
  unsigned int msg_len;
};
#endif

class udp_transport final : public io_handler {
 public:
  using receive_handler = udp_socket::receive_handler;
  using error_handler = udp_socket::error_handler;
  using send_handler = udp_socket::send_handler;

  static result<std::unique_ptr<udp_transport>> open(reactor_impl& r, const endpoint& local,
                                                     const udp_options& options);
  ~udp_transport();

  bool is_open() const noexcept { return fd_ >= 0; }
  int fd() const noexcept { return fd_; }
  const endpoint& local_endpoint() const noexcept { return local_; }
  std::size_t queued() const noexcept { return queue_.size() - head_; }
  const udp_stats& stats() const noexcept { return stats_; }

  void set_receive_handler(receive_handler h);
  void set_error_handler(error_handler h);
  std::error_code send(std::span<const std::byte> data, const endpoint& to, const endpoint* from,
                       send_handler handler);
  /// Whether the socket keeps reactor::run() running (udp_socket::ref / unref). An
  /// unreferenced socket still does while datagrams wait in its outgoing queue.
  void set_ref(bool on) noexcept;
  bool has_ref() const noexcept { return ref_; }
  /// Closes the descriptor; queued sends complete with `reason` (cancelled when the
  /// owner closes), posted to the reactor unless it is shutting down.
  void close(std::error_code reason) noexcept;

  void on_ready(bool readable, bool writable, bool error) override;
  void on_service() override;
  void on_shutdown() override;

 private:
  struct outgoing {
    std::vector<std::byte> data;
    endpoint to;
    endpoint from;  // empty: the system picks the source address
    send_handler done;
  };
  struct completion {
    send_handler done;
    std::error_code ec;
  };
  struct net_error {
    std::error_code ec;
    endpoint peer;
  };
  static constexpr std::size_t control_size = 128;
  static constexpr std::size_t send_batch = 64;
  struct alignas(cmsghdr) control_buf {
    unsigned char bytes[control_size];
  };

  udp_transport(reactor_impl& r, const udp_options& options);
  std::error_code setup(const endpoint& local);
  std::error_code map_destination(const endpoint& in, endpoint& out) const noexcept;
  socklen_t prepare_msg(msghdr& m, sockaddr_storage& to_addr, iovec& iov, control_buf& ctrl,
                        std::span<const std::byte> data, const endpoint& to,
                        const endpoint& from) noexcept;
  void receive_batch(const bool& destroyed);
  void flush_outgoing();
  void pop_front_sent(std::error_code ec);
  void drain_error_queue(const endpoint& fallback_peer, bool report_fallback);
  void set_write_interest(bool on);
  void update_ref() noexcept;
  void complete_later(send_handler h, std::error_code ec);
  std::vector<completion> take_all_pending(std::error_code queued_reason) noexcept;

  reactor_impl* reactor_;
  std::uint64_t token_ = 0;
  bool attached_ = false;
  int fd_ = -1;
  int family_ = AF_UNSPEC;
  endpoint local_;
  udp_options options_;
  unsigned interest_ = interest_none;
  bool write_blocked_ = false;
  bool ref_ = true;          // what the owner asked for
  bool counted_ref_ = true;  // what the reactor was told: ref_, or sends still queued
  bool* destroyed_flag_ = nullptr;
  udp_stats stats_;

  receive_handler on_receive_;
  error_handler on_error_;
  bool in_receive_handler_ = false;
  bool in_error_handler_ = false;
  receive_handler next_receive_;
  error_handler next_error_;
  bool replace_receive_ = false;
  bool replace_error_ = false;

  // receive batch: one slot per datagram, set up once
  std::unique_ptr<std::byte[]> rx_data_;
  std::vector<mmsg_t> rx_msgs_;
  std::vector<iovec> rx_iov_;
  std::vector<sockaddr_storage> rx_addr_;
  std::vector<control_buf> rx_ctrl_;

  // outgoing queue: a vector used as a FIFO from head_, with its buffers pooled
  std::vector<outgoing> queue_;
  std::size_t head_ = 0;
  std::vector<std::vector<std::byte>> pool_;
  std::vector<mmsg_t> tx_msgs_;
  std::vector<iovec> tx_iov_;
  std::vector<sockaddr_storage> tx_addr_;
  std::vector<control_buf> tx_ctrl_;

  std::vector<completion> completions_;
  std::vector<completion> completions_spare_;
  std::vector<net_error> errors_;
};

}  // namespace snmpio::detail
