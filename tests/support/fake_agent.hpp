// Test helper: a tiny SNMPv1/v2c agent on an snmpio::udp_socket, built on the library's
// own codec, whose every answer the test controls. Not a mock of Net-SNMP (the interop
// tests start the real one): it is the misbehaving peer a manager must survive —
// duplicates, delays, wrong sources, wrong request-ids, garbage.
#pragma once

#include <snmpio/reactor.hpp>
#include <snmpio/udp.hpp>

#include "ber/message_codec.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace snmpio::test {

/// The value the default answer gives `name`: its dotted text, so a test can check that
/// each response carries the varbinds of its own request.
inline value value_for(const oid& name) { return value::octet_string(name.to_string()); }

class fake_agent {
 public:
  /// Decides what to do with one decoded request. `from` is the manager's address.
  using policy = std::function<void(fake_agent& self, ber::community_message& request, const endpoint& from)>;

  explicit fake_agent(reactor& loop, endpoint local = endpoint::loopback_v4(0)) : loop_(loop) {
    auto s = udp_socket::open(loop, local, {.receive_buffer_size = 4 << 20, .receive_batch = 64});
    if (!s) throw std::runtime_error("fake_agent: " + s.error().message());
    sock_ = std::move(*s);
    sock_.on_receive([this](std::span<const std::byte> data, const endpoint& from, const endpoint&) {
      ++datagrams_;
      ber::community_message m;
      std::span<const std::uint8_t> bytes{reinterpret_cast<const std::uint8_t*>(data.data()), data.size()};
      if (ber::decode_community_message(bytes, m)) {
        ++undecodable_;
        return;
      }
      ++requests_;
      if (policy_) policy_(*this, m, from);
      else answer(m, from);
    });
  }

  fake_agent(const fake_agent&) = delete;
  fake_agent& operator=(const fake_agent&) = delete;

  void set_policy(policy p) { policy_ = std::move(p); }

  std::uint16_t port() const noexcept { return sock_.local_endpoint().port(); }
  endpoint address() const noexcept { return sock_.local_endpoint(); }
  reactor& loop() noexcept { return loop_; }
  udp_socket& socket() noexcept { return sock_; }
  std::size_t requests() const noexcept { return requests_; }
  std::size_t datagrams() const noexcept { return datagrams_; }

  /// The default answer: a Response with the request's request-id and community, each
  /// varbind valued value_for(name).
  static ber::community_message response_to(const ber::community_message& request) {
    ber::community_message r = request;
    r.data.type = pdu_type::response;
    r.data.error_status = 0;
    r.data.error_index = 0;
    for (auto& vb : r.data.varbinds) vb.value = value_for(vb.name);
    return r;
  }

  /// Encodes `m` and sends it to `to` from this agent's socket.
  void send(const ber::community_message& m, const endpoint& to) {
    ber::writer w;
    if (ber::encode_community_message(w, m)) throw std::runtime_error("fake_agent: encode failed");
    send_raw(w.data(), to);
  }
  void send_raw(std::span<const std::uint8_t> bytes, const endpoint& to) {
    sock_.send(std::as_bytes(bytes), to);
  }
  void answer(const ber::community_message& request, const endpoint& to) { send(response_to(request), to); }

 private:
  reactor& loop_;
  udp_socket sock_;
  policy policy_;
  std::size_t datagrams_ = 0;
  std::size_t requests_ = 0;
  std::size_t undecodable_ = 0;
};

/// Encodes a message to bytes (for tests that corrupt or replay it).
inline std::vector<std::uint8_t> encode(const ber::community_message& m) {
  ber::writer w;
  if (ber::encode_community_message(w, m)) throw std::runtime_error("encode failed");
  return {w.data().begin(), w.data().end()};
}

/// Runs passes of `loop` until `done()` holds or `limit` passes; false on timeout.
template <class Pred>
bool run_until(reactor& loop, Pred&& done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    if (loop.run_once(std::chrono::milliseconds(20))) return false;
  }
  return true;
}

}  // namespace snmpio::test
