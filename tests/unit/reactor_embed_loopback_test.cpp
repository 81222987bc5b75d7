// A foreign loop (epoll, or poll(2)) drives the reactor through native_handle(),
// next_timeout() and poll() alone: UDP echo over loopback, a timer, a cross-thread post.
#include <snmpio/endpoint.hpp>
#include <snmpio/reactor.hpp>
#include <snmpio/udp.hpp>

#include <gtest/gtest.h>

#include <poll.h>
#if defined(__linux__)
#include <sys/epoll.h>
#include <unistd.h>
#endif

#include <atomic>
#include <chrono>
#include <functional>
#include <limits>
#include <thread>

using namespace std::chrono_literals;
using snmpio::endpoint;
using snmpio::reactor;
using snmpio::udp_socket;

namespace {

int timeout_ms(const reactor& r) {
  auto t = r.next_timeout();
  if (!t) return -1;
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(*t).count();
  return ms > std::numeric_limits<int>::max() ? std::numeric_limits<int>::max() : static_cast<int>(ms);
}

// The work both outer loops must get done; `wait_outer(ms)` blocks in the outer loop.
void drive(reactor& r, const std::function<int(int)>& wait_outer) {
  ASSERT_GE(r.native_handle(), 0);
  auto server = udp_socket::open(r, endpoint::loopback_v4(0));
  auto client = udp_socket::open(r, endpoint::loopback_v6(0));
  auto server6 = udp_socket::open(r, endpoint::loopback_v6(0));
  ASSERT_TRUE(server && client && server6);
  server->on_receive([&](std::span<const std::byte> d, const endpoint& from, const endpoint&) {
    server->send(d, from);
  });
  server6->on_receive([&](std::span<const std::byte> d, const endpoint& from, const endpoint&) {
    server6->send(d, from);
  });
  auto client4 = udp_socket::open(r, endpoint::loopback_v4(0));
  ASSERT_TRUE(client4);
  int echoes = 0;
  auto count = [&](std::span<const std::byte>, const endpoint&, const endpoint&) { ++echoes; };
  client->on_receive(count);
  client4->on_receive(count);

  bool timer_fired = false;
  auto armed = reactor::clock::now();
  reactor::time_point fired_at{};
  r.call_after(30ms, [&] {
    timer_fired = true;
    fired_at = reactor::clock::now();
  });
  std::atomic<bool> posted{false};
  std::thread t([&] { r.post([&] { posted = true; }); });

  const std::byte msg[4] = {std::byte{1}, std::byte{2}, std::byte{3}, std::byte{4}};
  for (int i = 0; i < 10; ++i) {
    ASSERT_FALSE(client4->send(msg, server->local_endpoint()));
    ASSERT_FALSE(client->send(msg, server6->local_endpoint()));
  }
  auto give_up = reactor::clock::now() + 10s;
  int outer_wakeups = 0;
  while (!(echoes == 20 && timer_fired && posted) && reactor::clock::now() < give_up) {
    int n = wait_outer(timeout_ms(r));
    ASSERT_GE(n, 0);
    outer_wakeups += n;
    ASSERT_FALSE(r.poll());
  }
  t.join();
  EXPECT_EQ(echoes, 20);
  EXPECT_TRUE(posted);
  EXPECT_TRUE(timer_fired);
  EXPECT_GE(fired_at - armed, 30ms);
  EXPECT_GT(outer_wakeups, 0) << "the reactor's descriptor turned readable";
}

}  // namespace

#if defined(__linux__)
TEST(ReactorEmbedLoopback, OuterEpollLoop) {
  reactor r;
  int outer = ::epoll_create1(EPOLL_CLOEXEC);
  ASSERT_GE(outer, 0);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ASSERT_EQ(::epoll_ctl(outer, EPOLL_CTL_ADD, r.native_handle(), &ev), 0);
  drive(r, [&](int ms) {
    epoll_event out[4];
    return ::epoll_wait(outer, out, 4, ms);
  });
  ::close(outer);
}
#endif

TEST(ReactorEmbedLoopback, OuterPollLoop) {
  reactor r;
  drive(r, [&](int ms) {
    pollfd p{r.native_handle(), POLLIN, 0};
    return ::poll(&p, 1, ms);
  });
}

TEST(ReactorEmbedLoopback, DescriptorIsQuietWithoutWorkAndReadableWithAPost) {
  reactor r;
  pollfd p{r.native_handle(), POLLIN, 0};
  EXPECT_EQ(::poll(&p, 1, 0), 0);
  std::thread t([&] { r.post([] {}); });
  t.join();
  EXPECT_EQ(::poll(&p, 1, 5000), 1);
  EXPECT_EQ(r.next_timeout(), reactor::duration::zero());
  EXPECT_FALSE(r.poll());
  EXPECT_FALSE(r.next_timeout());
}
