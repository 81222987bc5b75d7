// Test helper: a tiny SNMPv1/v2c agent on a loopback port whose answers a test
// scripts: error-status values, OIDs that do not increase, exceptions inside a subtree,
// echoes of SET values. It lets a test put Net-SNMP's tools and ours in front of answers
// that the real snmpd never gives. Requests are recorded for inspection.
#pragma once

#include "ber/message_codec.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace snmpio::test {

class scripted_agent {
 public:
  /// Returns the response PDU for a request (type, request-id and version are filled
  /// in), or nullopt to stay silent.
  using handler = std::function<std::optional<pdu>(const ber::community_message& request)>;

  explicit scripted_agent(bool v6) : v6_(v6) {
    fd_ = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);
    if (fd_ < 0) throw std::runtime_error("scripted_agent: socket");
    sockaddr_storage ss{};
    socklen_t len;
    if (v6) {
      auto* a = reinterpret_cast<sockaddr_in6*>(&ss);
      a->sin6_family = AF_INET6;
      a->sin6_addr = in6addr_loopback;
      len = sizeof *a;
    } else {
      auto* a = reinterpret_cast<sockaddr_in*>(&ss);
      a->sin_family = AF_INET;
      a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      len = sizeof *a;
    }
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&ss), len) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&ss), &len) != 0) {
      ::close(fd_);
      throw std::runtime_error("scripted_agent: bind");
    }
    port_ = ntohs(v6 ? reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port : reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
    thread_ = std::thread([this] { serve(); });
  }

  ~scripted_agent() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }

  scripted_agent(const scripted_agent&) = delete;
  scripted_agent& operator=(const scripted_agent&) = delete;

  void set_handler(handler h) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(h);
    requests_.clear();
  }

  std::vector<ber::community_message> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  std::uint16_t port() const noexcept { return port_; }
  std::string spec() const {
    return (v6_ ? "udp6:[::1]:" : "udp:127.0.0.1:") + std::to_string(port_);
  }

 private:
  void serve() {
    std::vector<std::uint8_t> buf(65536);
    ber::writer w;
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      sockaddr_storage from{};
      socklen_t flen = sizeof from;
      ssize_t n = ::recvfrom(fd_, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &flen);
      if (n <= 0) continue;
      ber::community_message req;
      if (ber::decode_community_message(ber::bytes(buf.data(), static_cast<std::size_t>(n)), req)) continue;
      std::optional<pdu> answer;
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(req);
        if (handler_) answer = handler_(req);
      }
      if (!answer) continue;
      answer->type = pdu_type::response;
      answer->request_id = req.data.request_id;
      ber::community_message resp{req.version, req.community, std::move(*answer)};
      if (ber::encode_community_message(w, resp)) continue;
      ::sendto(fd_, w.data().data(), w.data().size(), 0, reinterpret_cast<sockaddr*>(&from), flen);
    }
  }

  bool v6_;
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  handler handler_;
  std::vector<ber::community_message> requests_;
  std::thread thread_;
};

}  // namespace snmpio::test
