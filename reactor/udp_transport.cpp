// snmpio::udp_socket and its implementation, detail::udp_transport.
#include "reactor/udp_transport.hpp"

#include "reactor/sockaddr.hpp"

#include <snmpio/reactor.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <unistd.h>
#if defined(__linux__)
#include <linux/errqueue.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace snmpio::detail {
namespace {

bool would_block(int e) { return e == EAGAIN || e == EWOULDBLOCK || e == ENOBUFS; }

/// Errors an ICMP message leaves on a socket.
bool is_network_error(int e) {
  return e == ECONNREFUSED || e == EHOSTUNREACH || e == ENETUNREACH
#if defined(EHOSTDOWN)
         || e == EHOSTDOWN
#endif
      ;
}

std::error_code map_network_error(int e) {
  if (is_network_error(e)) return make_error_code(errc::unreachable);
  return {e, std::system_category()};
}

std::error_code set_int(int fd, int level, int name, int value) {
  if (::setsockopt(fd, level, name, &value, sizeof value) != 0) return last_error();
  return {};
}

#if !defined(SNMPIO_HAVE_MMSG)
int recvmmsg(int fd, mmsg_t* v, unsigned n, int flags, void*) {
  unsigned i = 0;
  for (; i < n; ++i) {
    ssize_t r = ::recvmsg(fd, &v[i].msg_hdr, flags);
    if (r < 0) break;
    v[i].msg_len = static_cast<unsigned>(r);
  }
  return i > 0 ? static_cast<int>(i) : -1;
}
int sendmmsg(int fd, mmsg_t* v, unsigned n, int flags) {
  unsigned i = 0;
  for (; i < n; ++i) {
    ssize_t r = ::sendmsg(fd, &v[i].msg_hdr, flags);
    if (r < 0) break;
    v[i].msg_len = static_cast<unsigned>(r);
  }
  return i > 0 ? static_cast<int>(i) : -1;
}
#else
using ::recvmmsg;
using ::sendmmsg;
#endif

}  // namespace

udp_transport::udp_transport(reactor_impl& r, const udp_options& options)
    : reactor_(&r), options_(options) {}

result<std::unique_ptr<udp_transport>> udp_transport::open(reactor_impl& r,
                                                           const endpoint& local,
                                                           const udp_options& options) {
  if (r.shutting_down()) return errc::shutdown;
  if (local.empty() || options.receive_batch == 0 || options.receive_batch > 1024 ||
      options.max_datagram_size == 0 || options.max_datagram_size > 65535)
    return errc::invalid_argument;
  std::unique_ptr<udp_transport> t(new udp_transport(r, options));
  if (auto ec = t->setup(local)) {
    t->close(make_error_code(errc::cancelled));
    return ec;
  }
  return t;
}

std::error_code udp_transport::setup(const endpoint& local) {
  family_ = local.is_v4() ? AF_INET : AF_INET6;
#if defined(SOCK_NONBLOCK)
  fd_ = ::socket(family_, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return last_error();
#else
  fd_ = ::socket(family_, SOCK_DGRAM, 0);
  if (fd_ < 0) return last_error();
  if (::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK) != 0 ||
      ::fcntl(fd_, F_SETFD, FD_CLOEXEC) != 0)
    return last_error();
#endif
  std::error_code ec;
  if (options_.receive_buffer_size && (ec = set_int(fd_, SOL_SOCKET, SO_RCVBUF, *options_.receive_buffer_size)))
    return ec;
  if (options_.send_buffer_size && (ec = set_int(fd_, SOL_SOCKET, SO_SNDBUF, *options_.send_buffer_size)))
    return ec;
  if (options_.reuse_address && (ec = set_int(fd_, SOL_SOCKET, SO_REUSEADDR, 1))) return ec;
#if defined(SO_REUSEPORT)
  if (options_.reuse_port && (ec = set_int(fd_, SOL_SOCKET, SO_REUSEPORT, 1))) return ec;
#else
  if (options_.reuse_port) return std::make_error_code(std::errc::operation_not_supported);
#endif
  if (family_ == AF_INET6) {
    if ((ec = set_int(fd_, IPPROTO_IPV6, IPV6_V6ONLY, options_.v6_only ? 1 : 0))) return ec;
    if ((ec = set_int(fd_, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1))) return ec;
#if defined(__linux__)
    if ((ec = set_int(fd_, IPPROTO_IPV6, IPV6_RECVERR, 1))) return ec;
    // IPv4 traffic of a dual-stack socket reports its ICMP errors through IP_RECVERR.
    if (!options_.v6_only && (ec = set_int(fd_, IPPROTO_IP, IP_RECVERR, 1))) return ec;
#endif
  } else {
#if defined(IP_PKTINFO)
    if ((ec = set_int(fd_, IPPROTO_IP, IP_PKTINFO, 1))) return ec;
#elif defined(IP_RECVDSTADDR)
    if ((ec = set_int(fd_, IPPROTO_IP, IP_RECVDSTADDR, 1))) return ec;
#endif
#if defined(__linux__)
    if ((ec = set_int(fd_, IPPROTO_IP, IP_RECVERR, 1))) return ec;
#endif
  }
  sockaddr_storage ss;
  socklen_t len = to_sockaddr(local, ss);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&ss), len) != 0) return last_error();
  len = sizeof ss;
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return last_error();
  local_ = from_sockaddr(reinterpret_cast<sockaddr*>(&ss), len);

  // Receive slots, set up once; each recvmmsg only resets the lengths.
  const std::size_t batch = options_.receive_batch;
  rx_data_.reset(new std::byte[batch * options_.max_datagram_size]);
  rx_msgs_.resize(batch);
  rx_iov_.resize(batch);
  rx_addr_.resize(batch);
  rx_ctrl_.resize(batch);
  for (std::size_t i = 0; i < batch; ++i) {
    rx_iov_[i] = iovec{rx_data_.get() + i * options_.max_datagram_size, options_.max_datagram_size};
    msghdr& m = rx_msgs_[i].msg_hdr;
    std::memset(&m, 0, sizeof m);
    m.msg_name = &rx_addr_[i];
    m.msg_iov = &rx_iov_[i];
    m.msg_iovlen = 1;
    m.msg_control = rx_ctrl_[i].bytes;
  }
  tx_msgs_.resize(send_batch);
  tx_iov_.resize(send_batch);
  tx_addr_.resize(send_batch);
  tx_ctrl_.resize(send_batch);

  token_ = reactor_->attach(this);
  attached_ = true;
  if ((ec = reactor_->watch(token_, fd_, interest_none, interest_read))) return ec;
  interest_ = interest_read;
  return {};
}

udp_transport::~udp_transport() {
  if (destroyed_flag_) *destroyed_flag_ = true;
  close(make_error_code(errc::cancelled));
}

void udp_transport::close(std::error_code reason) noexcept {
  if (fd_ >= 0) {
    if (reactor_ && interest_ != interest_none) reactor_->watch(token_, fd_, interest_, interest_none);
    interest_ = interest_none;
    ::close(fd_);
    fd_ = -1;
  }
  if (reactor_ && attached_) {
    reactor_->detach(token_);
    attached_ = false;
  }
  std::vector<completion> pending = take_all_pending(reason);
  if (pending.empty() || !reactor_) return;
  // Completions never run inside close() or a destructor: the reactor runs them.
  reactor_->post([pending = std::move(pending)]() mutable {
    for (completion& c : pending) c.done(c.ec);
  });
}

std::vector<udp_transport::completion> udp_transport::take_all_pending(
    std::error_code queued_reason) noexcept {
  std::vector<completion> out = std::move(completions_);
  completions_.clear();
  for (std::size_t i = head_; i < queue_.size(); ++i)
    if (queue_[i].done) out.push_back({std::move(queue_[i].done), queued_reason});
  queue_.clear();
  head_ = 0;
  errors_.clear();
  return out;
}

void udp_transport::on_shutdown() {
  // The reactor is going away: finish here, with errc::shutdown, on its thread.
  if (fd_ >= 0) {
    if (interest_ != interest_none) reactor_->watch(token_, fd_, interest_, interest_none);
    interest_ = interest_none;
    ::close(fd_);
    fd_ = -1;
  }
  if (attached_) reactor_->detach(token_);
  attached_ = false;
  reactor_ = nullptr;
  std::vector<completion> pending = take_all_pending(make_error_code(errc::shutdown));
  for (completion& c : pending) c.done(c.ec);  // may destroy *this: touch nothing after
}

void udp_transport::set_receive_handler(receive_handler h) {
  if (in_receive_handler_) {  // replacing the handler that is running: swap after it returns
    next_receive_ = std::move(h);
    replace_receive_ = true;
  } else {
    on_receive_ = std::move(h);
  }
}

void udp_transport::set_error_handler(error_handler h) {
  if (in_error_handler_) {
    next_error_ = std::move(h);
    replace_error_ = true;
  } else {
    on_error_ = std::move(h);
  }
}

// ------------------------------------------------------------------ sending

std::error_code udp_transport::map_destination(const endpoint& in, endpoint& out) const noexcept {
  if (family_ == AF_INET) {
    if (in.is_v4()) out = in;
    else if (in.is_v4_mapped()) out = in.unmapped();
    else return make_error_code(errc::invalid_argument);
  } else {
    if (in.is_v6()) out = in;
    else if (in.is_v4() && !options_.v6_only) out = in.v4_mapped();
    else return make_error_code(errc::invalid_argument);
  }
  return {};
}

socklen_t udp_transport::prepare_msg(msghdr& m, sockaddr_storage& to_addr, iovec& iov,
                                     control_buf& ctrl, std::span<const std::byte> data,
                                     const endpoint& to, const endpoint& from) noexcept {
  std::memset(&m, 0, sizeof m);
  socklen_t len = to_sockaddr(to, to_addr);
  m.msg_name = &to_addr;
  m.msg_namelen = len;
  iov.iov_base = const_cast<std::byte*>(data.data());
  iov.iov_len = data.size();
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  if (from.empty()) return len;
  std::memset(ctrl.bytes, 0, sizeof ctrl.bytes);
  m.msg_control = ctrl.bytes;
  if (family_ == AF_INET6) {
    m.msg_controllen = CMSG_SPACE(sizeof(in6_pktinfo));
    cmsghdr* c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = IPPROTO_IPV6;
    c->cmsg_type = IPV6_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(in6_pktinfo));
    in6_pktinfo pi{};
    std::memcpy(&pi.ipi6_addr, from.address_bytes().data(), 16);
    pi.ipi6_ifindex = from.scope_id();
    std::memcpy(CMSG_DATA(c), &pi, sizeof pi);
  } else {
#if defined(IP_PKTINFO)
    m.msg_controllen = CMSG_SPACE(sizeof(in_pktinfo));
    cmsghdr* c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
    in_pktinfo pi{};
    std::memcpy(&pi.ipi_spec_dst, from.address_bytes().data(), 4);
    std::memcpy(CMSG_DATA(c), &pi, sizeof pi);
#elif defined(IP_SENDSRCADDR)
    m.msg_controllen = CMSG_SPACE(sizeof(in_addr));
    cmsghdr* c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_SENDSRCADDR;
    c->cmsg_len = CMSG_LEN(sizeof(in_addr));
    std::memcpy(CMSG_DATA(c), from.address_bytes().data(), 4);
#endif
  }
  return len;
}

std::error_code udp_transport::send(std::span<const std::byte> data, const endpoint& to,
                                    const endpoint* from, send_handler handler) {
  if (fd_ < 0) return make_error_code(errc::shutdown);
  endpoint dst, src;
  if (auto ec = map_destination(to, dst)) return ec;
  if (from && !from->empty()) {
    if (auto ec = map_destination(*from, src)) return ec;
  }
  if (data.size() > max_udp_payload(to.unmapped().family())) return make_error_code(errc::message_too_big);

  // Outside a callback the datagram goes out at once. From a callback it waits in the
  // queue until the reactor flushes it with one sendmmsg, before it waits again.
  if (queued() == 0 && !reactor_->dispatching()) {
    sockaddr_storage ss;
    iovec iov;
    msghdr m;
    prepare_msg(m, ss, iov, tx_ctrl_[0], data, dst, src);
    for (int attempt = 0; attempt < 3; ++attempt) {
      ssize_t r = ::sendmsg(fd_, &m, 0);
      if (r >= 0) {
        ++stats_.datagrams_sent;
        stats_.bytes_sent += data.size();
        if (handler) complete_later(std::move(handler), {});
        return {};
      }
      int e = errno;
      if (e == EINTR) continue;
      if (would_block(e)) {
        ++stats_.queued_sends;
        set_write_interest(true);
        break;
      }
      if (is_network_error(e)) {
        // An ICMP error from an earlier datagram: report it, then send this one.
        drain_error_queue(to, true);
        continue;
      }
      ++stats_.send_errors;
      return {e, std::system_category()};
    }
  }

  if (queued() >= options_.max_queued) {
    ++stats_.queue_overflows;
    if (!handler) return make_error_code(errc::queue_full);
    complete_later(std::move(handler), make_error_code(errc::queue_full));
    return {};
  }
  std::vector<std::byte> buf;
  if (!pool_.empty()) {
    buf = std::move(pool_.back());
    pool_.pop_back();
  }
  buf.assign(data.begin(), data.end());
  queue_.push_back(outgoing{std::move(buf), dst, src, std::move(handler)});
  if (!counted_ref_) update_ref();
  if (!write_blocked_) {
    if (queued() >= send_batch) flush_outgoing();
    else reactor_->request_service(token_);
  }
  return {};
}

void udp_transport::set_ref(bool on) noexcept {
  ref_ = on;
  update_ref();
}

void udp_transport::update_ref() noexcept {
  const bool want = ref_ || queued() > 0;
  if (want == counted_ref_ || !attached_) return;
  counted_ref_ = want;
  reactor_->set_referenced(token_, want);
}

void udp_transport::complete_later(send_handler h, std::error_code ec) {
  completions_.push_back({std::move(h), ec});
  if (attached_) reactor_->request_service(token_);
}

void udp_transport::pop_front_sent(std::error_code ec) {
  outgoing& o = queue_[head_];
  if (!ec) {
    ++stats_.datagrams_sent;
    stats_.bytes_sent += o.data.size();
  } else {
    ++stats_.send_errors;
  }
  if (o.done) complete_later(std::move(o.done), ec);
  if (pool_.size() < send_batch * 4) pool_.push_back(std::move(o.data));
  ++head_;
  if (head_ == queue_.size()) {
    queue_.clear();
    head_ = 0;
    if (!ref_) update_ref();
  }
}

void udp_transport::flush_outgoing() {
  int network_retries = 0;
  while (fd_ >= 0 && queued() > 0) {
    std::size_t n = std::min(queued(), send_batch);
    for (std::size_t i = 0; i < n; ++i) {
      outgoing& o = queue_[head_ + i];
      prepare_msg(tx_msgs_[i].msg_hdr, tx_addr_[i], tx_iov_[i], tx_ctrl_[i], o.data, o.to, o.from);
    }
    int r = sendmmsg(fd_, tx_msgs_.data(), static_cast<unsigned>(n), 0);
    if (r > 0) {
      for (int i = 0; i < r; ++i) pop_front_sent({});
      continue;
    }
    int e = errno;
    if (e == EINTR) continue;
    if (would_block(e)) {
      set_write_interest(true);
      return;
    }
    if (is_network_error(e) && network_retries++ < 4) {
      drain_error_queue(queue_[head_].to.unmapped(), true);
      continue;
    }
    pop_front_sent({e, std::system_category()});  // this datagram cannot go; the rest may
  }
  if (queued() == 0) {
    // The pass that drained the queue also compacts it; grown storage stays for reuse.
    set_write_interest(false);
  }
}

void udp_transport::set_write_interest(bool on) {
  write_blocked_ = on;
  if (fd_ < 0 || !reactor_) return;
  unsigned want = on ? (interest_read | interest_write) : interest_read;
  if (want == interest_) return;
  if (!reactor_->watch(token_, fd_, interest_, want)) interest_ = want;
}

// ------------------------------------------------------------------ receiving

void udp_transport::drain_error_queue(const endpoint& fallback_peer, bool report_fallback) {
  bool found = false;
#if defined(__linux__)
  for (int i = 0; i < 256 && fd_ >= 0; ++i) {
    sockaddr_storage addr;
    alignas(cmsghdr) unsigned char ctrl[512];
    std::byte payload[64];
    iovec iov{payload, sizeof payload};
    msghdr m{};
    m.msg_name = &addr;
    m.msg_namelen = sizeof addr;
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctrl;
    m.msg_controllen = sizeof ctrl;
    if (::recvmsg(fd_, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (cmsghdr* c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
      bool v4 = c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR;
      bool v6 = c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR;
      if (!v4 && !v6) continue;
      sock_extended_err ee;
      std::memcpy(&ee, CMSG_DATA(c), sizeof ee);
      endpoint peer = from_sockaddr(reinterpret_cast<sockaddr*>(&addr), m.msg_namelen).unmapped();
      errors_.push_back({map_network_error(static_cast<int>(ee.ee_errno)), peer});
      ++stats_.icmp_errors;
      found = true;
    }
  }
#endif
  if (!found && report_fallback) {
    errors_.push_back({make_error_code(errc::unreachable), fallback_peer});
    ++stats_.icmp_errors;
    found = true;
  }
  if (found && attached_) reactor_->request_service(token_);
}

void udp_transport::receive_batch(const bool& destroyed) {
  const unsigned batch = static_cast<unsigned>(rx_msgs_.size());
  for (int round = 0; round < 4 && fd_ >= 0; ++round) {
    for (unsigned i = 0; i < batch; ++i) {
      msghdr& m = rx_msgs_[i].msg_hdr;
      m.msg_namelen = sizeof(sockaddr_storage);
      m.msg_controllen = control_size;
      m.msg_flags = 0;
    }
    int n = recvmmsg(fd_, rx_msgs_.data(), batch, 0, nullptr);
    if (n < 0) {
      int e = errno;
      if (e == EINTR) continue;
      if (e == EAGAIN || e == EWOULDBLOCK) return;
      if (is_network_error(e)) {
        drain_error_queue(endpoint{}, true);
        continue;
      }
      errors_.push_back({std::error_code(e, std::system_category()), endpoint{}});
      if (attached_) reactor_->request_service(token_);
      return;
    }
    for (int i = 0; i < n; ++i) {
      msghdr& m = rx_msgs_[static_cast<std::size_t>(i)].msg_hdr;
      if (m.msg_flags & MSG_TRUNC) {
        ++stats_.truncated_dropped;
        continue;
      }
      std::size_t len = rx_msgs_[static_cast<std::size_t>(i)].msg_len;
      ++stats_.datagrams_received;
      stats_.bytes_received += len;
      if (!on_receive_) continue;
      endpoint from =
          from_sockaddr(static_cast<sockaddr*>(m.msg_name), m.msg_namelen).unmapped();
      endpoint local = local_;
      for (cmsghdr* c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
          in6_pktinfo pi;
          std::memcpy(&pi, CMSG_DATA(c), sizeof pi);
          endpoint::bytes_v6 a;
          std::memcpy(a.data(), &pi.ipi6_addr, 16);
          bool link_local = a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
          local = endpoint::v6(a, local_.port(), link_local ? pi.ipi6_ifindex : 0).unmapped();
        }
#if defined(IP_PKTINFO)
        else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
          in_pktinfo pi;
          std::memcpy(&pi, CMSG_DATA(c), sizeof pi);
          endpoint::bytes_v4 a;
          std::memcpy(a.data(), &pi.ipi_addr, 4);
          local = endpoint::v4(a, local_.port());
        }
#elif defined(IP_RECVDSTADDR)
        else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVDSTADDR) {
          endpoint::bytes_v4 a;
          std::memcpy(a.data(), CMSG_DATA(c), 4);
          local = endpoint::v4(a, local_.port());
        }
#endif
      }
      in_receive_handler_ = true;
      on_receive_(std::span<const std::byte>(static_cast<const std::byte*>(m.msg_iov->iov_base), len),
                  from, local);
      if (destroyed) return;
      in_receive_handler_ = false;
      if (replace_receive_) {
        on_receive_ = std::move(next_receive_);
        replace_receive_ = false;
      }
      if (fd_ < 0) return;
    }
    if (static_cast<unsigned>(n) < batch) return;  // level-triggered: the rest is reported again
  }
}

void udp_transport::on_ready(bool readable, bool writable, bool error) {
  bool destroyed = false;
  destroyed_flag_ = &destroyed;
  if (error) drain_error_queue(endpoint{}, false);
  if (readable || error) receive_batch(destroyed);
  if (destroyed) return;
  destroyed_flag_ = nullptr;
  if (writable && fd_ >= 0) {
    write_blocked_ = false;
    flush_outgoing();
  }
}

void udp_transport::on_service() {
  bool destroyed = false;
  destroyed_flag_ = &destroyed;
  if (!write_blocked_ && queued() > 0) flush_outgoing();

  if (!completions_.empty()) {
    std::vector<completion> batch = std::move(completions_);
    completions_ = std::move(completions_spare_);
    completions_.clear();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      send_handler h = std::move(batch[i].done);
      h(batch[i].ec);
      if (destroyed) {
        // The owner is gone; the remaining completions are still owed their call.
        for (std::size_t j = i + 1; j < batch.size(); ++j) batch[j].done(batch[j].ec);
        return;
      }
    }
    batch.clear();
    completions_spare_ = std::move(batch);
  }

  while (!errors_.empty() && fd_ >= 0) {
    net_error e = errors_.front();
    errors_.erase(errors_.begin());
    if (!on_error_) continue;
    in_error_handler_ = true;
    on_error_(e.ec, e.peer);
    if (destroyed) return;
    in_error_handler_ = false;
    if (replace_error_) {
      on_error_ = std::move(next_error_);
      replace_error_ = false;
    }
  }
  destroyed_flag_ = nullptr;
}

}  // namespace snmpio::detail

// ------------------------------------------------------------------ public face

namespace snmpio {

udp_socket::udp_socket() noexcept = default;
udp_socket::udp_socket(std::unique_ptr<detail::udp_transport> impl) noexcept
    : impl_(std::move(impl)) {}
udp_socket::~udp_socket() = default;
udp_socket::udp_socket(udp_socket&&) noexcept = default;
udp_socket& udp_socket::operator=(udp_socket&&) noexcept = default;

result<udp_socket> udp_socket::open(reactor& loop, const endpoint& local,
                                    const udp_options& options) {
  auto t = detail::udp_transport::open(loop.impl(), local, options);
  if (!t) return t.error();
  return udp_socket(std::move(*t));
}

bool udp_socket::is_open() const noexcept { return impl_ && impl_->is_open(); }
endpoint udp_socket::local_endpoint() const noexcept {
  return impl_ ? impl_->local_endpoint() : endpoint{};
}
void udp_socket::on_receive(receive_handler handler) {
  if (impl_) impl_->set_receive_handler(std::move(handler));
}
void udp_socket::on_error(error_handler handler) {
  if (impl_) impl_->set_error_handler(std::move(handler));
}
std::error_code udp_socket::send(std::span<const std::byte> data, const endpoint& to,
                                 send_handler handler) {
  if (!impl_) return make_error_code(errc::shutdown);
  return impl_->send(data, to, nullptr, std::move(handler));
}
std::error_code udp_socket::send_from(std::span<const std::byte> data, const endpoint& to,
                                      const endpoint& from, send_handler handler) {
  if (!impl_) return make_error_code(errc::shutdown);
  return impl_->send(data, to, &from, std::move(handler));
}
void udp_socket::ref() noexcept {
  if (impl_) impl_->set_ref(true);
}
void udp_socket::unref() noexcept {
  if (impl_) impl_->set_ref(false);
}
bool udp_socket::has_ref() const noexcept { return impl_ && impl_->is_open() && impl_->has_ref(); }
std::size_t udp_socket::queued() const noexcept { return impl_ ? impl_->queued() : 0; }
udp_stats udp_socket::stats() const noexcept { return impl_ ? impl_->stats() : udp_stats{}; }
int udp_socket::native_handle() const noexcept { return impl_ ? impl_->fd() : -1; }

std::size_t udp_socket::receive_buffer_size() const noexcept {
  if (!impl_ || impl_->fd() < 0) return 0;
  int value = 0;
  socklen_t len = sizeof value;
  if (::getsockopt(impl_->fd(), SOL_SOCKET, SO_RCVBUF, &value, &len) != 0 || value < 0) return 0;
  return static_cast<std::size_t>(value);
}
void udp_socket::close() noexcept {
  if (impl_) impl_->close(make_error_code(errc::cancelled));
}

}  // namespace snmpio
