// Test helper: an in-process UDP proxy between one client and one server that loses,
// duplicates, delays and so reorders datagrams in both directions, from a seeded RNG
// (testing.md §G2 without netem). It runs on the test's reactor.
#pragma once

#include <snmpio/reactor.hpp>
#include <snmpio/udp.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <span>
#include <stdexcept>
#include <vector>

namespace snmpio::test {

struct fault_options {
  double loss = 0.0;              ///< probability that a datagram is dropped
  double duplicate = 0.0;         ///< probability that a datagram is sent `copies` times
  int copies = 3;
  std::chrono::milliseconds max_delay{0};  ///< each copy waits uniformly 0..max_delay
  std::uint64_t seed = 1;
};

class fault_proxy {
 public:
  /// Listens on 127.0.0.1 (ephemeral port) and forwards to `server`.
  fault_proxy(reactor& loop, endpoint server, fault_options opt)
      : loop_(loop), server_(server), opt_(opt), rng_(opt.seed) {
    auto f = udp_socket::open(loop, endpoint::loopback_v4(0), {.receive_buffer_size = 8 << 20, .receive_batch = 64});
    auto b = udp_socket::open(loop, server.is_v6() ? endpoint::loopback_v6(0) : endpoint::loopback_v4(0),
                              {.receive_buffer_size = 8 << 20, .receive_batch = 64});
    if (!f || !b) throw std::runtime_error("fault_proxy: cannot open sockets");
    front_ = std::move(*f);
    back_ = std::move(*b);
    front_.on_receive([this](std::span<const std::byte> d, const endpoint& from, const endpoint&) {
      client_ = from;
      ++from_client_;
      if (on_request) on_request(d);
      forward(d, back_, server_);
    });
    back_.on_receive([this](std::span<const std::byte> d, const endpoint& from, const endpoint&) {
      if (from != server_) return;
      ++from_server_;
      if (!client_.empty()) forward(d, front_, client_);
    });
  }

  fault_proxy(const fault_proxy&) = delete;
  fault_proxy& operator=(const fault_proxy&) = delete;

  ~fault_proxy() = default;

  std::uint16_t port() const noexcept { return front_.local_endpoint().port(); }
  std::uint64_t from_client() const noexcept { return from_client_; }
  std::uint64_t from_server() const noexcept { return from_server_; }
  std::uint64_t dropped() const noexcept { return dropped_; }
  std::uint64_t duplicated() const noexcept { return duplicated_; }
  /// Copies still waiting for their delay to pass.
  std::size_t delayed() const noexcept { return delayed_; }

  /// Sees every datagram the client sends, before any fault is applied.
  std::function<void(std::span<const std::byte>)> on_request;

 private:
  void forward(std::span<const std::byte> d, udp_socket& out, const endpoint& to) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    if (u(rng_) < opt_.loss) {
      ++dropped_;
      return;
    }
    int n = 1;
    if (u(rng_) < opt_.duplicate) {
      n = opt_.copies;
      ++duplicated_;
    }
    for (int i = 0; i < n; ++i) {
      const auto delay = opt_.max_delay.count() > 0
                             ? std::chrono::milliseconds(
                                   std::uniform_int_distribution<long>(0, static_cast<long>(opt_.max_delay.count()))(rng_))
                             : std::chrono::milliseconds(0);
      if (delay.count() == 0) {
        out.send(d, to);
        continue;
      }
      ++delayed_;
      std::vector<std::byte> copy(d.begin(), d.end());
      // A copy whose delay outlives the proxy is dropped: the timer holds only a weak
      // reference to it.
      loop_.call_after(delay, [alive = std::weak_ptr<int>(alive_), this, &out, to, copy = std::move(copy)] {
        if (alive.expired()) return;
        --delayed_;
        out.send(copy, to);
      });
    }
  }

  reactor& loop_;
  endpoint server_;
  fault_options opt_;
  std::mt19937_64 rng_;
  udp_socket front_, back_;
  endpoint client_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  std::uint64_t from_client_ = 0, from_server_ = 0, dropped_ = 0, duplicated_ = 0;
  std::size_t delayed_ = 0;
};

}  // namespace snmpio::test
