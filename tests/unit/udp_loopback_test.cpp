// UDP sockets over 127.0.0.1 and ::1, on every backend compiled in.
#include "tests/unit/reactor_test_support.hpp"

#include <snmpio/reactor.hpp>
#include <snmpio/udp.hpp>

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using snmpio::endpoint;
using snmpio::errc;
using snmpio::reactor;
using snmpio::udp_options;
using snmpio::udp_socket;
using snmpio_test::run_until;

namespace {

std::vector<std::byte> bytes(std::string_view s) {
  std::vector<std::byte> v(s.size());
  std::memcpy(v.data(), s.data(), s.size());
  return v;
}
std::string text(std::span<const std::byte> d) {
  return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}
std::vector<std::byte> pattern(std::size_t n, unsigned seed) {
  std::vector<std::byte> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::byte>((i * 131 + seed) & 0xff);
  return v;
}

udp_socket open_or_die(reactor& r, const endpoint& local, const udp_options& o = {}) {
  auto s = udp_socket::open(r, local, o);
  EXPECT_TRUE(s) << s.error().message() << " binding " << local;
  return s ? std::move(*s) : udp_socket{};
}

const endpoint loopbacks[] = {endpoint::loopback_v4(0), endpoint::loopback_v6(0)};

}  // namespace

template <class B>
class UdpLoopback : public ::testing::Test {
 protected:
  reactor loop_ = B::make();
};
TYPED_TEST_SUITE(UdpLoopback, snmpio_test::all_backends, snmpio_test::backend_names);

TYPED_TEST(UdpLoopback, EchoWithSourceAndLocalAddress) {
  reactor& r = this->loop_;
  for (const endpoint& lo : loopbacks) {
    SCOPED_TRACE(lo.to_string());
    udp_socket server = open_or_die(r, lo);
    udp_socket client = open_or_die(r, lo);
    ASSERT_TRUE(server.is_open());
    endpoint server_ep = server.local_endpoint();
    EXPECT_NE(server_ep.port(), 0) << "an ephemeral port was chosen";
    EXPECT_EQ(server_ep.with_port(0), lo);
    server.on_receive([&](std::span<const std::byte> d, const endpoint& from, const endpoint& local) {
      EXPECT_EQ(from, client.local_endpoint());
      EXPECT_EQ(local, server_ep);
      EXPECT_FALSE(server.send(d, from));
    });
    std::vector<std::string> got;
    client.on_receive([&](std::span<const std::byte> d, const endpoint& from, const endpoint&) {
      EXPECT_EQ(from, server_ep);
      got.push_back(text(d));
    });
    constexpr int n = 200;
    for (int i = 0; i < n; ++i) ASSERT_FALSE(client.send(bytes("ping " + std::to_string(i)), server_ep));
    ASSERT_TRUE(run_until(r, [&] { return got.size() == n; }));
    for (int i = 0; i < n; ++i) EXPECT_EQ(got[static_cast<std::size_t>(i)], "ping " + std::to_string(i));
    EXPECT_EQ(client.stats().datagrams_sent, static_cast<std::uint64_t>(n));
    EXPECT_EQ(client.stats().datagrams_received, static_cast<std::uint64_t>(n));
    EXPECT_EQ(server.stats().datagrams_received, static_cast<std::uint64_t>(n));
    EXPECT_EQ(server.stats().datagrams_sent, static_cast<std::uint64_t>(n));
    EXPECT_EQ(server.queued(), 0u);
  }
  EXPECT_FALSE(r.run()) << "closed sockets leave no work";
}

TYPED_TEST(UdpLoopback, MaximumSizeDatagramsArriveIntact) {
  reactor& r = this->loop_;
  for (const endpoint& lo : loopbacks) {
    SCOPED_TRACE(lo.to_string());
    const std::size_t max = snmpio::max_udp_payload(lo.family());
    udp_options big{.receive_buffer_size = 1 << 20, .send_buffer_size = 1 << 20};
    udp_socket rx = open_or_die(r, lo, big), tx = open_or_die(r, lo, big);
    std::vector<std::vector<std::byte>> got;
    rx.on_receive([&](std::span<const std::byte> d, const endpoint&, const endpoint&) {
      got.emplace_back(d.begin(), d.end());
    });
    auto a = pattern(max, 1), b = pattern(max - 1, 2), c = pattern(1, 3);
    ASSERT_FALSE(tx.send(a, rx.local_endpoint()));
    ASSERT_FALSE(tx.send(b, rx.local_endpoint()));
    ASSERT_FALSE(tx.send(c, rx.local_endpoint()));
    EXPECT_EQ(tx.send(pattern(max + 1, 4), rx.local_endpoint()), errc::message_too_big);
    ASSERT_TRUE(run_until(r, [&] { return got.size() == 3; }));
    EXPECT_EQ(got[0], a);
    EXPECT_EQ(got[1], b);
    EXPECT_EQ(got[2], c);
    EXPECT_EQ(rx.stats().truncated_dropped, 0u);
  }
}

TYPED_TEST(UdpLoopback, TruncatedDatagramsAreDroppedAndCounted) {
  reactor& r = this->loop_;
  udp_socket rx = open_or_die(r, loopbacks[0], {.max_datagram_size = 512});
  udp_socket tx = open_or_die(r, loopbacks[0]);
  std::vector<std::size_t> sizes;
  rx.on_receive([&](std::span<const std::byte> d, const endpoint&, const endpoint&) {
    sizes.push_back(d.size());
  });
  ASSERT_FALSE(tx.send(pattern(513, 0), rx.local_endpoint()));
  ASSERT_FALSE(tx.send(pattern(512, 0), rx.local_endpoint()));
  ASSERT_FALSE(tx.send(pattern(4000, 0), rx.local_endpoint()));
  ASSERT_FALSE(tx.send(pattern(10, 0), rx.local_endpoint()));
  ASSERT_TRUE(run_until(r, [&] { return sizes.size() == 2; }));
  EXPECT_EQ(sizes, (std::vector<std::size_t>{512, 10}));
  EXPECT_EQ(rx.stats().truncated_dropped, 2u);
  EXPECT_EQ(rx.stats().datagrams_received, 2u);
}

TYPED_TEST(UdpLoopback, PortUnreachableReachesTheErrorHandlerWithTheDestination) {
  reactor& r = this->loop_;
  for (const endpoint& lo : loopbacks) {
    SCOPED_TRACE(lo.to_string());
    endpoint closed_port;
    {
      udp_socket gone = open_or_die(r, lo);
      closed_port = gone.local_endpoint();
    }
    udp_socket s = open_or_die(r, lo);
    std::vector<std::pair<std::error_code, endpoint>> errors;
    s.on_error([&](std::error_code ec, const endpoint& peer) { errors.emplace_back(ec, peer); });
    ASSERT_FALSE(s.send(bytes("anyone?"), closed_port));
    ASSERT_TRUE(run_until(r, [&] { return !errors.empty(); }));
    EXPECT_EQ(errors[0].first, errc::unreachable);
#if defined(__linux__)
    EXPECT_EQ(errors[0].second, closed_port) << "IP_RECVERR names the destination";
#endif
    EXPECT_GE(s.stats().icmp_errors, 1u);
    // The socket still works afterwards.
    udp_socket peer = open_or_die(r, lo);
    bool got = false;
    peer.on_receive([&](auto, auto&, auto&) { got = true; });
    ASSERT_FALSE(s.send(bytes("hello"), peer.local_endpoint()));
    ASSERT_TRUE(run_until(r, [&] { return got; }));
  }
}

TYPED_TEST(UdpLoopback, SendCompletionRunsOnceAndNeverInline) {
  reactor& r = this->loop_;
  udp_socket rx = open_or_die(r, loopbacks[0]), tx = open_or_die(r, loopbacks[0]);
  int received = 0;
  rx.on_receive([&](auto, auto&, auto&) { ++received; });
  std::vector<std::error_code> done;
  ASSERT_FALSE(tx.send(bytes("a"), rx.local_endpoint(), [&](std::error_code ec) { done.push_back(ec); }));
  EXPECT_TRUE(done.empty()) << "not inside send()";
  ASSERT_TRUE(run_until(r, [&] { return done.size() == 1 && received == 1; }));
  EXPECT_FALSE(done[0]);
  r.run_once(1ms);
  EXPECT_EQ(done.size(), 1u);
  // A wrong family is refused at once and the handler is never called.
  bool called = false;
  EXPECT_EQ(tx.send(bytes("x"), endpoint::loopback_v6(9), [&](std::error_code) { called = true; }),
            errc::invalid_argument);
  r.poll();
  EXPECT_FALSE(called);
}

TYPED_TEST(UdpLoopback, GatheredSendsOverflowTheBoundedQueue) {
  reactor& r = this->loop_;
  // Sends from a callback wait in the queue for one sendmmsg; the queue holds 8.
  udp_socket tx = open_or_die(r, loopbacks[0], {.max_queued = 8});
  udp_socket rx = open_or_die(r, loopbacks[0]);
  int received = 0;
  rx.on_receive([&](auto, auto&, auto&) { ++received; });
  std::vector<std::error_code> done;
  std::error_code plain_overflow;
  r.post([&] {
    for (int i = 0; i < 10; ++i) {
      ASSERT_FALSE(tx.send(bytes("x"), rx.local_endpoint(), [&](std::error_code ec) { done.push_back(ec); }));
    }
    EXPECT_EQ(tx.queued(), 8u);
    plain_overflow = tx.send(bytes("y"), rx.local_endpoint());
    EXPECT_TRUE(done.empty());
  });
  ASSERT_TRUE(run_until(r, [&] { return done.size() == 10 && received == 8; }));
  EXPECT_EQ(plain_overflow, errc::queue_full);
  int ok = 0, full = 0;
  for (auto ec : done) (ec ? (ec == errc::queue_full ? ++full : 0) : ++ok);
  EXPECT_EQ(ok, 8);
  EXPECT_EQ(full, 2);
  EXPECT_EQ(tx.stats().queue_overflows, 3u);
  EXPECT_EQ(tx.queued(), 0u);
}

TYPED_TEST(UdpLoopback, ManySendsFromOneCallbackGoOutInBatches) {
  reactor& r = this->loop_;
  udp_options o{.receive_buffer_size = 4 << 20};
  udp_socket tx = open_or_die(r, loopbacks[0]), rx = open_or_die(r, loopbacks[0], o);
  constexpr int n = 1000;
  std::vector<int> seen;
  rx.on_receive([&](std::span<const std::byte> d, auto&, auto&) { seen.push_back(std::stoi(text(d))); });
  r.post([&] {
    for (int i = 0; i < n; ++i) ASSERT_FALSE(tx.send(bytes(std::to_string(i)), rx.local_endpoint()));
  });
  ASSERT_TRUE(run_until(r, [&] { return seen.size() == n; }));
  for (int i = 0; i < n; ++i) ASSERT_EQ(seen[static_cast<std::size_t>(i)], i);
}

TYPED_TEST(UdpLoopback, DualStackSocketServesIPv4PeersAsIPv4) {
  reactor& r = this->loop_;
  udp_socket server = open_or_die(r, endpoint::any_v6(0));
  udp_socket client = open_or_die(r, loopbacks[0]);
  endpoint seen_from, seen_local;
  server.on_receive([&](std::span<const std::byte> d, const endpoint& from, const endpoint& local) {
    seen_from = from;
    seen_local = local;
    EXPECT_FALSE(server.send(d, from)) << "an IPv4 peer answered from the IPv6 socket";
  });
  bool echoed = false;
  client.on_receive([&](auto, const endpoint& from, auto&) {
    echoed = true;
    EXPECT_EQ(from, endpoint::loopback_v4(server.local_endpoint().port()));
  });
  ASSERT_FALSE(client.send(bytes("v4"), endpoint::loopback_v4(server.local_endpoint().port())));
  ASSERT_TRUE(run_until(r, [&] { return echoed; }));
  EXPECT_EQ(seen_from, client.local_endpoint());
  EXPECT_EQ(seen_local, endpoint::loopback_v4(server.local_endpoint().port()));
  // v6_only refuses IPv4 destinations.
  udp_socket only6 = open_or_die(r, endpoint::any_v6(0), {.v6_only = true});
  EXPECT_EQ(only6.send(bytes("x"), client.local_endpoint()), errc::invalid_argument);
}

TYPED_TEST(UdpLoopback, RepliesGoOutFromTheAddressTheRequestArrivedOn) {
#if !defined(__linux__)
  GTEST_SKIP() << "127.0.0.2 is only implicitly configured on Linux";
#endif
  reactor& r = this->loop_;
  udp_socket agent = open_or_die(r, endpoint::any_v4(0));
  udp_socket manager = open_or_die(r, loopbacks[0]);
  const std::uint16_t port = agent.local_endpoint().port();
  const endpoint second = *endpoint::parse("127.0.0.2", port);
  std::vector<endpoint> locals;
  agent.on_receive([&](std::span<const std::byte> d, const endpoint& from, const endpoint& local) {
    locals.push_back(local);
    EXPECT_FALSE(agent.send_from(d, from, local));
  });
  std::vector<endpoint> answered_from;
  manager.on_receive([&](auto, const endpoint& from, auto&) { answered_from.push_back(from); });
  ASSERT_FALSE(manager.send(bytes("q1"), endpoint::loopback_v4(port)));
  ASSERT_FALSE(manager.send(bytes("q2"), second));
  ASSERT_TRUE(run_until(r, [&] { return answered_from.size() == 2; }));
  EXPECT_EQ(locals, (std::vector<endpoint>{endpoint::loopback_v4(port), second}));
  EXPECT_EQ(answered_from, (std::vector<endpoint>{endpoint::loopback_v4(port), second}));
}

TYPED_TEST(UdpLoopback, ClosingCompletesQueuedSendsWithCancelled) {
  reactor& r = this->loop_;
  udp_socket tx = open_or_die(r, loopbacks[0]), rx = open_or_die(r, loopbacks[0]);
  std::vector<std::error_code> done;
  r.post([&] {
    ASSERT_FALSE(tx.send(bytes("a"), rx.local_endpoint(), [&](std::error_code ec) { done.push_back(ec); }));
    EXPECT_EQ(tx.queued(), 1u);
    tx.close();
    EXPECT_TRUE(done.empty()) << "not inside close()";
    EXPECT_EQ(tx.send(bytes("b"), rx.local_endpoint()), errc::shutdown);
    rx.close();
  });
  EXPECT_FALSE(r.run());
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0], errc::cancelled);
}

TYPED_TEST(UdpLoopback, HandlerMayDestroyItsSocket) {
  reactor& r = this->loop_;
  auto rx = std::make_unique<udp_socket>(open_or_die(r, loopbacks[0]));
  udp_socket tx = open_or_die(r, loopbacks[0]);
  int calls = 0;
  rx->on_receive([&](auto, auto&, auto&) {
    ++calls;
    rx.reset();  // destroys the socket whose handler is running
  });
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(tx.send(bytes("z"), rx->local_endpoint()));
  ASSERT_TRUE(run_until(r, [&] { return rx == nullptr; }));
  r.poll();
  EXPECT_EQ(calls, 1);
}

TEST(UdpLifetime, DestroyingTheReactorCompletesWithShutdownAndClosesSockets) {
  std::vector<std::error_code> done;
  udp_socket s;
  {
    reactor r;
    s = std::move(*udp_socket::open(r, endpoint::loopback_v4(0)));
    udp_socket rx = std::move(*udp_socket::open(r, endpoint::loopback_v4(0)));
    ASSERT_FALSE(s.send(bytes("a"), rx.local_endpoint(), [&](std::error_code ec) { done.push_back(ec); }));
    EXPECT_TRUE(done.empty());
    rx.close();
  }
  // The datagram was sent before the reactor went; its completion is still delivered.
  ASSERT_EQ(done.size(), 1u);
  EXPECT_FALSE(done[0]);
  EXPECT_FALSE(s.is_open());
  EXPECT_EQ(s.send(bytes("b"), endpoint::loopback_v4(9)), errc::shutdown);
}

TEST(UdpLifetime, OpenRejectsBadOptions) {
  reactor r;
  EXPECT_EQ(udp_socket::open(r, endpoint{}).error(), errc::invalid_argument);
  EXPECT_EQ(udp_socket::open(r, endpoint::loopback_v4(0), {.receive_batch = 0}).error(),
            errc::invalid_argument);
  EXPECT_EQ(udp_socket::open(r, endpoint::loopback_v4(0), {.max_datagram_size = 70000}).error(),
            errc::invalid_argument);
  auto a = udp_socket::open(r, endpoint::loopback_v4(0));
  ASSERT_TRUE(a);
  auto b = udp_socket::open(r, a->local_endpoint());
  EXPECT_EQ(b.error(), std::errc::address_in_use);
  udp_socket closed;
  EXPECT_FALSE(closed.is_open());
  EXPECT_EQ(closed.send(bytes("x"), endpoint::loopback_v4(1)), errc::shutdown);
}
