// Destroying an engine with a long queue of requests held back by the window completes
// every one exactly once with errc::shutdown, in time linear in the queue (leaving the
// queue never searches it).
#include <snmpio/snmpio.hpp>

#include <gtest/gtest.h>

#include <chrono>

using namespace snmpio;
using namespace std::chrono_literals;

TEST(EngineShutdownLoopback, ManyQueuedRequestsCompleteOnceWithShutdown) {
  reactor loop;
  auto sink = udp_socket::open(loop, endpoint::loopback_v4(0));  // bound, never answers
  ASSERT_TRUE(sink);
  const std::size_t n = 50000;
  std::vector<int> calls(n, 0);
  std::size_t shutdowns = 0, cancelled = 0;
  const auto start = std::chrono::steady_clock::now();
  {
    engine eng(loop, {.max_in_flight = 1});
    command_generator gen(eng);
    std::vector<request_handle> handles;
    for (std::size_t i = 0; i < n; ++i) {
      auto h = gen.get({"public"}, udp_target{"127.0.0.1", sink->local_endpoint().port(), {.timeout = 60s, .retries = 0}},
                       {}, {oid{1, 3, 6, 1, 2, 1, 1, 3, 0}}, [&, i](std::error_code ec, response) {
                         ++calls[i];
                         if (ec == errc::shutdown) ++shutdowns;
                         if (ec == errc::cancelled) ++cancelled;
                       });
      ASSERT_TRUE(h);
      handles.push_back(*h);
    }
    EXPECT_EQ(eng.stats().waiting, n - 1);
    for (std::size_t i = 1; i < n; i += 2) EXPECT_TRUE(handles[i].cancel());  // half leave the queue early
    EXPECT_EQ(eng.stats().waiting, n / 2 - 1 + (n % 2));
  }
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(calls[i], 1) << i;
  EXPECT_EQ(cancelled, n / 2);
  EXPECT_EQ(shutdowns, n - n / 2);
  // A bound on the time, not a benchmark: leaving the queue must not search it.
  EXPECT_LT(std::chrono::steady_clock::now() - start, 20s);
}
