// The reactor over every backend compiled in: timers, posting, stop, run_once.
#include "tests/unit/reactor_test_support.hpp"

#include <snmpio/reactor.hpp>
#include <snmpio/udp.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <random>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using snmpio::reactor;
using snmpio::timer_id;

template <class B>
class ReactorTyped : public ::testing::Test {
 protected:
  reactor loop_ = B::make();
};
TYPED_TEST_SUITE(ReactorTyped, snmpio_test::all_backends, snmpio_test::backend_names);

TYPED_TEST(ReactorTyped, ReportsItsBackend) {
  EXPECT_EQ(this->loop_.backend(), TypeParam::value);
  EXPECT_TRUE(reactor::backend_available(TypeParam::value));
  if (TypeParam::value == snmpio::reactor_backend::poll)
    EXPECT_EQ(this->loop_.native_handle(), -1);
  else
    EXPECT_GE(this->loop_.native_handle(), 0);
}

TYPED_TEST(ReactorTyped, RunReturnsAtOnceWithoutWork) {
  EXPECT_FALSE(this->loop_.has_work());
  EXPECT_FALSE(this->loop_.run());
  EXPECT_FALSE(this->loop_.next_timeout());
}

TYPED_TEST(ReactorTyped, HundredThousandRandomTimersFireInDeadlineOrder) {
  reactor& r = this->loop_;
  constexpr int n = 100000;
  std::mt19937 rng(7);
  auto base = reactor::clock::now() + 2ms;
  struct rec {
    reactor::time_point deadline;
    int armed;
  };
  std::vector<rec> fired;
  fired.reserve(n);
  std::vector<reactor::time_point> deadlines(n);
  for (int i = 0; i < n; ++i) {
    // Whole milliseconds over 0..30 ms: thousands of equal deadlines, FIFO among them.
    deadlines[i] = base + std::chrono::milliseconds(rng() % 31);
    r.call_at(deadlines[i], [&fired, &deadlines, &r, i] {
      fired.push_back({deadlines[i], i});
      EXPECT_GE(r.now(), deadlines[i]) << "fired early";
    });
  }
  ASSERT_FALSE(r.run());
  ASSERT_EQ(fired.size(), static_cast<std::size_t>(n));
  for (std::size_t i = 1; i < fired.size(); ++i) {
    ASSERT_TRUE(fired[i - 1].deadline < fired[i].deadline ||
                (fired[i - 1].deadline == fired[i].deadline && fired[i - 1].armed < fired[i].armed))
        << "at " << i;
  }
}

TYPED_TEST(ReactorTyped, CancelFromInsideACallback) {
  reactor& r = this->loop_;
  std::vector<int> ran;
  timer_id b, self;
  auto due = reactor::clock::now() + 1ms;
  self = r.call_at(due, [&] {
    ran.push_back(1);
    EXPECT_FALSE(r.cancel(self)) << "a running timer is no longer armed";
    EXPECT_TRUE(r.cancel(b)) << "b is due in this same pass but has not run";
    EXPECT_FALSE(r.cancel(b));
  });
  b = r.call_at(due, [&] { ran.push_back(2); });
  r.call_at(due, [&] { ran.push_back(3); });
  EXPECT_FALSE(r.run());
  EXPECT_EQ(ran, (std::vector<int>{1, 3}));
  EXPECT_FALSE(r.cancel(self));
}

TYPED_TEST(ReactorTyped, TimerArmedByACallbackNeverRunsInline) {
  reactor& r = this->loop_;
  int depth = 0, runs = 0;
  std::function<void()> again = [&] {
    EXPECT_EQ(depth, 0);
    ++depth;
    if (++runs < 100) r.call_after(0ms, again);
    --depth;
  };
  r.call_after(-5ms, again);  // negative: due at once, but still not inside the call
  EXPECT_EQ(runs, 0);
  EXPECT_FALSE(r.run());
  EXPECT_EQ(runs, 100);
}

TYPED_TEST(ReactorTyped, TimersAreMillisecondPrecise) {
  reactor& r = this->loop_;
  for (auto delay : {1ms, 3ms, 10ms}) {
    auto start = reactor::clock::now();
    reactor::time_point fired_at{};
    r.call_after(delay, [&] { fired_at = reactor::clock::now(); });
    EXPECT_FALSE(r.run());
    auto late = fired_at - (start + delay);
    EXPECT_GE(late, 0ns) << "fired early";
    EXPECT_LT(late, 50ms) << "a coarse tick";
  }
  // Sub-millisecond: never early.
  auto start = reactor::clock::now();
  reactor::time_point fired_at{};
  r.call_after(300us, [&] { fired_at = reactor::clock::now(); });
  EXPECT_FALSE(r.run());
  EXPECT_GE(fired_at - start, 300us);
}

TYPED_TEST(ReactorTyped, PostFromFourThreadsInFifoOrderPerThread) {
  reactor& r = this->loop_;
  constexpr int threads = 4, per_thread = 100000;
  std::vector<int> next(threads, 0);
  int total = 0;
  bool in_order = true;
  // Keeps run() going until the last task arrives (then cancelled by it).
  timer_id keep_alive = r.call_after(60s, [] { ADD_FAILURE() << "posts were lost"; });
  std::vector<std::thread> ts;
  std::atomic<bool> go{false};
  for (int t = 0; t < threads; ++t) {
    ts.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < per_thread; ++i) {
        r.post([&, t, i] {
          if (next[t] != i) in_order = false;
          next[t] = i + 1;
          if (++total == threads * per_thread) r.cancel(keep_alive);
        });
      }
    });
  }
  go = true;
  EXPECT_FALSE(r.run());
  for (auto& t : ts) t.join();
  EXPECT_EQ(total, threads * per_thread);
  EXPECT_TRUE(in_order);
}

TYPED_TEST(ReactorTyped, PostWakesABlockedRun) {
  reactor& r = this->loop_;
  timer_id keep_alive = r.call_after(60s, [] { ADD_FAILURE() << "not woken"; });
  std::atomic<bool> ran{false};
  auto start = reactor::clock::now();
  std::thread t([&] {
    r.post([&] {
      ran = true;
      r.cancel(keep_alive);
    });
  });
  EXPECT_FALSE(r.run());
  t.join();
  EXPECT_TRUE(ran);
  EXPECT_LT(reactor::clock::now() - start, 10s);
}

TYPED_TEST(ReactorTyped, PostedTaskRunsLaterNeverInline) {
  reactor& r = this->loop_;
  std::vector<int> order;
  r.post([&] {
    order.push_back(1);
    r.post([&] { order.push_back(3); });
    order.push_back(2);
  });
  EXPECT_TRUE(order.empty());
  EXPECT_EQ(r.next_timeout(), reactor::duration::zero());
  EXPECT_FALSE(r.run());
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TYPED_TEST(ReactorTyped, StopEndsRunAndTheNextRunStartsAfresh) {
  reactor& r = this->loop_;
  int ticks = 0;
  std::function<void()> tick = [&] {
    if (++ticks == 3) r.stop();
    r.call_after(0ms, tick);
  };
  r.call_after(0ms, tick);
  EXPECT_FALSE(r.run());
  EXPECT_EQ(ticks, 3);
  EXPECT_TRUE(r.has_work());
  r.call_after(0ms, [&] { r.stop(); });
  EXPECT_FALSE(r.run());
  EXPECT_GE(ticks, 4);
}

TYPED_TEST(ReactorTyped, RunOnceWaitsNoLongerThanAsked) {
  reactor& r = this->loop_;
  bool fired = false;
  r.call_after(30s, [&] { fired = true; });
  auto start = reactor::clock::now();
  EXPECT_FALSE(r.run_once(5ms));
  auto waited = reactor::clock::now() - start;
  EXPECT_GE(waited, 4ms);
  EXPECT_LT(waited, 5s);
  EXPECT_FALSE(fired);
  auto t0 = reactor::clock::now();
  EXPECT_FALSE(r.poll());
  EXPECT_LT(reactor::clock::now() - t0, 1s);
  // run_once returns after firing a timer that fell due during its wait.
  bool soon = false;
  r.call_after(2ms, [&] { soon = true; });
  EXPECT_FALSE(r.run_once());
  EXPECT_TRUE(soon);
}

TYPED_TEST(ReactorTyped, NextTimeoutFollowsTheEarliestTimer) {
  reactor& r = this->loop_;
  EXPECT_FALSE(r.next_timeout());
  timer_id late = r.call_after(10s, [] {});
  auto t = r.next_timeout();
  ASSERT_TRUE(t);
  EXPECT_GT(*t, 9s);
  EXPECT_LE(*t, 10s);
  timer_id early = r.call_after(100ms, [] {});
  EXPECT_LE(*r.next_timeout(), 100ms);
  EXPECT_TRUE(r.cancel(early));
  EXPECT_GT(*r.next_timeout(), 9s);
  EXPECT_TRUE(r.cancel(late));
  EXPECT_FALSE(r.next_timeout());
}

TYPED_TEST(ReactorTyped, NestedRunIsRefused) {
  reactor& r = this->loop_;
  std::error_code inner;
  r.post([&] { inner = r.run(); });
  EXPECT_FALSE(r.run());
  EXPECT_TRUE(inner);
}

TEST(ReactorLifetime, DestroyingDropsTimersAndPostsWithoutCallingThem) {
  auto token = std::make_shared<int>(0);
  bool called = false;
  {
    reactor r;
    r.call_after(1ms, [token, &called] { called = true; });
    r.post([token, &called] { called = true; });
    EXPECT_EQ(token.use_count(), 3);
  }
  EXPECT_FALSE(called);
  EXPECT_EQ(token.use_count(), 1) << "callbacks destroyed with the reactor";
}

TEST(ReactorLifetime, CreateReportsAnUnavailableBackend) {
  if (reactor::backend_available(snmpio::reactor_backend::kqueue)) GTEST_SKIP();
  auto r = reactor::create({.backend = snmpio::reactor_backend::kqueue});
  EXPECT_FALSE(r);
  EXPECT_TRUE(r.error());
}

TEST(ReactorLifetime, MovedReactorKeepsItsWork) {
  reactor a;
  int n = 0;
  a.call_after(0ms, [&] { ++n; });
  reactor b = std::move(a);
  EXPECT_FALSE(b.run());
  EXPECT_EQ(n, 1);
}

// ---------------------------------------------------------------- resolver

TEST(ReactorResolve, LocalhostAndNumericCompleteLaterOnTheLoop) {
  reactor r;
  std::vector<snmpio::endpoint> v4, numeric6;
  std::error_code ec4 = snmpio::errc::timeout, ec6 = snmpio::errc::timeout;
  ASSERT_FALSE(r.resolve("localhost", 161, [&](std::error_code ec, std::vector<snmpio::endpoint> e) {
    ec4 = ec;
    v4 = std::move(e);
  }, snmpio::resolve_family::ipv4));
  ASSERT_FALSE(r.resolve("::1", 162, [&](std::error_code ec, std::vector<snmpio::endpoint> e) {
    ec6 = ec;
    numeric6 = std::move(e);
  }));
  EXPECT_EQ(ec4, snmpio::errc::timeout) << "never inside the initiating call";
  EXPECT_EQ(ec6, snmpio::errc::timeout);
  EXPECT_FALSE(r.run());
  EXPECT_FALSE(ec4);
  ASSERT_FALSE(v4.empty());
  for (auto& e : v4) {
    EXPECT_TRUE(e.is_v4());
    EXPECT_TRUE(e.is_loopback());
    EXPECT_EQ(e.port(), 161);
  }
  EXPECT_FALSE(ec6);
  ASSERT_EQ(numeric6.size(), 1u);
  EXPECT_EQ(numeric6[0], snmpio::endpoint::loopback_v6(162));
}

TEST(ReactorResolve, FailureAndInvalidArguments) {
  reactor r;
  std::error_code ec;
  int calls = 0;
  ASSERT_FALSE(r.resolve("no-such-host.invalid", 161, [&](std::error_code e, auto found) {
    ec = e;
    EXPECT_TRUE(found.empty());
    ++calls;
  }));
  ASSERT_FALSE(r.resolve("127.0.0.1", 161, [&](std::error_code e, auto) {
    EXPECT_EQ(e, snmpio::errc::resolve_failed) << "IPv4 literal, IPv6 asked";
    ++calls;
  }, snmpio::resolve_family::ipv6));
  EXPECT_EQ(r.resolve("", 161, [&](std::error_code, auto) { ++calls; }),
            snmpio::errc::invalid_argument);
  EXPECT_EQ(r.resolve("localhost", 161, nullptr), snmpio::errc::invalid_argument);
  EXPECT_FALSE(r.run());
  EXPECT_EQ(ec, snmpio::errc::resolve_failed);
  EXPECT_EQ(calls, 2);
}

TEST(ReactorResolve, DestroyingTheReactorCompletesPendingWithShutdown) {
  std::vector<std::error_code> got;
  {
    reactor r;
    ASSERT_FALSE(r.resolve("localhost", 161, [&](std::error_code e, auto) { got.push_back(e); }));
    ASSERT_FALSE(r.resolve("10.0.0.1", 161, [&](std::error_code e, auto) { got.push_back(e); }));
    EXPECT_TRUE(got.empty());
  }
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], snmpio::errc::shutdown);
  EXPECT_EQ(got[1], snmpio::errc::shutdown);
}

// run_once() that ran a callback (posted task or timer) returns instead of blocking on
// I/O: "loop until my completion ran" must terminate even while a socket keeps the
// reactor busy and nothing else will ever happen.
TEST(ReactorRunOnce, ReturnsAfterRunningAPostedTaskOrTimerWhileASocketIsOpen) {
  snmpio::reactor loop;
  auto sock = snmpio::udp_socket::open(loop, snmpio::endpoint::loopback_v4(0));
  ASSERT_TRUE(sock);
  bool done = false;
  loop.post([&] { done = true; });
  const auto start = std::chrono::steady_clock::now();
  while (!done) ASSERT_FALSE(loop.run_once());
  bool fired = false;
  loop.call_after(std::chrono::milliseconds(1), [&] { fired = true; });
  while (!fired) ASSERT_FALSE(loop.run_once());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}
