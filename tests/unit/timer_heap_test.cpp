#include "reactor/timer_heap.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

using snmpio::timer_id;
using snmpio::detail::timer_heap;
using namespace std::chrono_literals;

namespace {
timer_heap::time_point at(int ms) { return timer_heap::time_point{} + std::chrono::milliseconds(ms); }

void drain(timer_heap& h, timer_heap::time_point now) {
  timer_heap::callback fn;
  while (h.pop_expired(now, h.last_seq(), fn)) fn();
}
}  // namespace

TEST(TimerHeap, PopsInDeadlineOrderFifoAmongEquals) {
  timer_heap h;
  std::vector<int> order;
  h.add(at(30), [&] { order.push_back(30); });
  h.add(at(10), [&] { order.push_back(10); });
  h.add(at(20), [&] { order.push_back(21); });
  h.add(at(20), [&] { order.push_back(22); });
  h.add(at(20), [&] { order.push_back(23); });
  EXPECT_EQ(h.size(), 5u);
  EXPECT_EQ(*h.earliest(), at(10));
  drain(h, at(25));
  EXPECT_EQ(order, (std::vector<int>{10, 21, 22, 23}));
  drain(h, at(30));
  EXPECT_EQ(order.back(), 30);
  EXPECT_TRUE(h.empty());
  EXPECT_FALSE(h.earliest());
}

TEST(TimerHeap, NotBeforeDeadlineNorAfterMaxSeq) {
  timer_heap h;
  int n = 0;
  h.add(at(10), [&] { ++n; });
  timer_heap::callback fn;
  EXPECT_FALSE(h.pop_expired(at(9), h.last_seq(), fn));
  std::uint64_t before = h.last_seq();
  h.add(at(10), [&] { n += 10; });  // armed "during the pass": waits for the next one
  EXPECT_TRUE(h.pop_expired(at(10), before, fn));
  fn();
  EXPECT_FALSE(h.pop_expired(at(10), before, fn));
  EXPECT_TRUE(h.pop_expired(at(10), h.last_seq(), fn));
  fn();
  EXPECT_EQ(n, 11);
}

TEST(TimerHeap, CancelAndStaleIds) {
  timer_heap h;
  int fired = 0;
  timer_id a = h.add(at(1), [&] { ++fired; });
  timer_id b = h.add(at(2), [&] { ++fired; });
  EXPECT_TRUE(a);
  EXPECT_FALSE(timer_id{});
  EXPECT_FALSE(h.cancel(timer_id{}));
  EXPECT_TRUE(h.cancel(a));
  EXPECT_FALSE(h.cancel(a)) << "a second cancel of the same id";
  // The freed slot is reused, but the old id carries an older sequence number.
  timer_id c = h.add(at(3), [&] { ++fired; });
  EXPECT_EQ(c.slot, a.slot);
  EXPECT_FALSE(h.cancel(a));
  EXPECT_EQ(h.size(), 2u);
  drain(h, at(10));
  EXPECT_EQ(fired, 2);
  EXPECT_FALSE(h.cancel(b)) << "already fired";
  EXPECT_FALSE(h.cancel(c));
  EXPECT_FALSE(h.cancel(timer_id{999, 12345}));
}

TEST(TimerHeap, RandomCancelsKeepOrderAgainstReference) {
  std::mt19937 rng(42);
  timer_heap h;
  std::map<std::pair<int, int>, timer_id> live;  // (deadline, arm order) -> id
  std::vector<std::pair<int, int>> fired;
  for (int i = 0; i < 20000; ++i) {
    int d = static_cast<int>(rng() % 500);
    std::pair<int, int> key{d, i};
    live[key] = h.add(at(d), [&fired, key] { fired.push_back(key); });
    if (rng() % 3 == 0 && !live.empty()) {
      auto it = live.begin();
      std::advance(it, static_cast<long>(rng() % live.size()));
      ASSERT_TRUE(h.cancel(it->second));
      live.erase(it);
    }
  }
  ASSERT_EQ(h.size(), live.size());
  drain(h, at(1000));
  std::vector<std::pair<int, int>> expected;
  for (auto& [k, v] : live) expected.push_back(k);
  EXPECT_EQ(fired, expected);
}

TEST(TimerHeap, CallbackIsDestroyedOnCancelAndClear) {
  timer_heap h;
  auto token = std::make_shared<int>(0);
  timer_id a = h.add(at(1), [token] {});
  h.add(at(2), [token] {});
  EXPECT_EQ(token.use_count(), 3);
  h.cancel(a);
  EXPECT_EQ(token.use_count(), 2);
  h.clear();
  EXPECT_EQ(token.use_count(), 1);
  EXPECT_TRUE(h.empty());
}
