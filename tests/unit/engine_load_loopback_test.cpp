// The engine under load over 127.0.0.1 (testing.md §G1): many outstanding requests
// across many fake agents answered in random order, the in-flight window and
// per-target pacing.
#include <snmpio/snmpio.hpp>

#include "tests/support/fake_agent.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>

using namespace snmpio;
using namespace std::chrono_literals;
using test::fake_agent;
using test::run_until;

namespace {

struct held_request {
  fake_agent* agent;
  ber::community_message request;
  endpoint from;
};

// §G1: 10,000 requests outstanding at once across 1,000 agent ports, answered only
// once all have arrived, in random order: each completes exactly once with its own
// varbinds, and the table empties.
TEST(EngineLoadLoopback, TenThousandOutstandingAcrossAThousandTargetsInRandomOrder) {
  constexpr std::size_t targets = 1000, per_target = 10, total = targets * per_target;
  reactor loop;
  std::vector<std::unique_ptr<fake_agent>> agents;
  std::vector<held_request> held;
  held.reserve(total);
  for (std::size_t i = 0; i < targets; ++i) {
    agents.push_back(std::make_unique<fake_agent>(loop));
    agents.back()->set_policy([&held](fake_agent& a, ber::community_message& m, const endpoint& from) {
      held.push_back({&a, std::move(m), from});
    });
  }
  std::vector<int> calls(total, 0);
  std::size_t done = 0, wrong = 0;
  engine eng(loop, {.max_in_flight = total});
  command_generator gen(eng);
  for (std::size_t i = 0; i < total; ++i) {
    const fake_agent& a = *agents[i % targets];
    const oid name{1, 3, 6, 1, 4, 1, 99999, static_cast<std::uint32_t>(i)};
    auto h = gen.get({"public"}, udp_target{"127.0.0.1", a.port(), {.timeout = 20s, .retries = 0}}, {}, {name},
                     [&, i, name](std::error_code ec, response r) {
                       ++calls[i];
                       ++done;
                       if (ec || r.varbinds.size() != 1 || r.varbinds[0].name != name ||
                           r.varbinds[0].value != test::value_for(name))
                         ++wrong;
                     });
    ASSERT_TRUE(h);
  }
  ASSERT_TRUE(run_until(loop, [&] { return held.size() == total; }, 15s)) << held.size();
  EXPECT_EQ(eng.stats().in_flight, total);
  EXPECT_EQ(done, 0u);

  std::mt19937 rng(4242);
  std::shuffle(held.begin(), held.end(), rng);
  // Answer in slices so that a slice fits the engine's receive buffer.
  std::size_t next = 0;
  while (next < held.size()) {
    const std::size_t end = std::min(next + 500, held.size());
    for (; next < end; ++next) held[next].agent->answer(held[next].request, held[next].from);
    const std::size_t want = next;
    ASSERT_TRUE(run_until(loop, [&] { return done == want; }, 10s)) << done << " of " << want;
  }
  EXPECT_EQ(wrong, 0u);
  EXPECT_TRUE(std::all_of(calls.begin(), calls.end(), [](int c) { return c == 1; }));
  const auto s = eng.stats();
  EXPECT_EQ(s.responses, total);
  EXPECT_EQ(s.in_flight, 0u);
  EXPECT_EQ(s.unknown_request_id, 0u);
  EXPECT_EQ(s.retransmissions, 0u);
}

// The window: 300 requests to one agent with max_in_flight 8. The agent sees at most 8
// unanswered requests at any time and the engine never reports more in flight.
TEST(EngineLoadLoopback, WindowBoundsRequestsInFlightToOneTarget) {
  reactor loop;
  fake_agent agent(loop);
  std::size_t done = 0, failed = 0;
  engine eng(loop, {.max_in_flight = 8});
  command_generator gen(eng);
  std::vector<held_request> held;
  std::size_t most_held = 0, most_in_flight = 0;
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) {
    held.push_back({&a, std::move(m), from});
    most_held = std::max(most_held, held.size());
    most_in_flight = std::max(most_in_flight, eng.stats().in_flight);
  });
  for (int i = 0; i < 300; ++i)
    ASSERT_TRUE(gen.get({"public"}, udp_target{"127.0.0.1", agent.port(), {.timeout = 5s, .retries = 0}}, {},
                        {oid{1, 3, 6, 1, 2, 1, 1, 1, 0}}, [&](std::error_code ec, response) {
                          ++done;
                          failed += ec ? 1 : 0;
                        }));
  EXPECT_EQ(eng.stats().in_flight, 8u);
  EXPECT_EQ(eng.stats().waiting, 292u);
  std::mt19937 rng(7);
  while (done < 300) {
    ASSERT_TRUE(run_until(loop, [&] { return !held.empty(); }, 5s)) << done;
    // Answer a random half of what is held.
    std::shuffle(held.begin(), held.end(), rng);
    const std::size_t n = (held.size() + 1) / 2;
    for (std::size_t i = 0; i < n; ++i) held[i].agent->answer(held[i].request, held[i].from);
    held.erase(held.begin(), held.begin() + static_cast<std::ptrdiff_t>(n));
    const std::size_t want = done + n;
    ASSERT_TRUE(run_until(loop, [&] { return done >= want; }, 5s));
  }
  EXPECT_EQ(failed, 0u);
  EXPECT_LE(most_held, 8u);
  EXPECT_LE(most_in_flight, 8u);
  EXPECT_EQ(eng.stats().in_flight, 0u);
  EXPECT_EQ(eng.stats().waiting, 0u);
}

// A window of one: each request to the agent waits for the previous one's answer. The
// target's in-flight count falls to zero between two requests while the next waits.
TEST(EngineLoadLoopback, WindowOfOneSerialisesRequestsToOneTarget) {
  reactor loop;
  fake_agent agent(loop);
  std::size_t done = 0, failed = 0, most_in_flight = 0;
  engine eng(loop, {.max_in_flight = 1});
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) {
    most_in_flight = std::max(most_in_flight, eng.stats().in_flight);
    a.answer(m, from);
  });
  command_generator gen(eng);
  for (int i = 0; i < 20; ++i)
    ASSERT_TRUE(gen.get({"public"}, udp_target{"127.0.0.1", agent.port(), {.timeout = 5s, .retries = 0}}, {},
                        {oid{1, 3, 6, 1, 2, 1, 1, 1, 0}}, [&](std::error_code ec, response) {
                          ++done;
                          failed += ec ? 1 : 0;
                        }));
  ASSERT_TRUE(run_until(loop, [&] { return done == 20; }, 5s)) << done;
  EXPECT_EQ(failed, 0u);
  EXPECT_EQ(most_in_flight, 1u);
  EXPECT_EQ(agent.requests(), 20u);
}

// Per-target pacing: three agents, at most 2 requests in flight to each, a window of
// 5 overall; a slow agent does not hold back the others.
TEST(EngineLoadLoopback, PerTargetPacingAndWindowAreBothRespected) {
  reactor loop;
  std::vector<std::unique_ptr<fake_agent>> agents;
  std::vector<std::vector<held_request>> held(3);
  std::vector<std::size_t> most(3, 0);
  std::size_t most_in_flight = 0;
  std::vector<std::size_t> done(3, 0);
  std::size_t failed = 0;
  engine eng(loop, {.max_in_flight = 5, .max_in_flight_per_target = 2});
  for (std::size_t i = 0; i < 3; ++i) {
    agents.push_back(std::make_unique<fake_agent>(loop));
    agents.back()->set_policy([&, i](fake_agent& a, ber::community_message& m, const endpoint& from) {
      held[i].push_back({&a, std::move(m), from});
      most[i] = std::max(most[i], held[i].size());
      most_in_flight = std::max(most_in_flight, eng.stats().in_flight);
    });
  }
  command_generator gen(eng);
  // Agent 0 gets 30 requests first, then agents 1 and 2 get 30 each.
  std::vector<std::size_t> order(30, 0);
  for (int i = 0; i < 60; ++i) order.push_back(1 + i % 2);
  for (std::size_t t : order)
    ASSERT_TRUE(gen.get({"public"}, udp_target{"127.0.0.1", agents[t]->port(), {.timeout = 5s, .retries = 0}}, {},
                        {oid{1, 3, 6, 1, 2, 1, 1, 1, 0}}, [&, t](std::error_code ec, response) {
                          ++done[t];
                          failed += ec ? 1 : 0;
                        }));
  // Agent 0 stays silent: agents 1 and 2 must still get all their requests answered.
  ASSERT_TRUE(run_until(loop, [&] { return held[0].size() == 2; }, 5s));
  while (done[1] + done[2] < 60) {
    ASSERT_TRUE(run_until(loop, [&] { return !held[1].empty() || !held[2].empty(); }, 5s))
        << done[1] << " " << done[2];
    for (std::size_t i = 1; i < 3; ++i) {
      for (auto& h : held[i]) h.agent->answer(h.request, h.from);
      held[i].clear();
    }
    loop.poll();
  }
  // Now agent 0.
  while (done[0] < 30) {
    ASSERT_TRUE(run_until(loop, [&] { return !held[0].empty(); }, 5s)) << done[0];
    for (auto& h : held[0]) h.agent->answer(h.request, h.from);
    held[0].clear();
    loop.poll();
  }
  EXPECT_EQ(failed, 0u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_LE(most[i], 2u) << "agent " << i;
  EXPECT_LE(most_in_flight, 5u);
  EXPECT_EQ(eng.stats().in_flight, 0u);
  EXPECT_EQ(eng.stats().waiting, 0u);
}

// A burst far larger than the socket buffers, with the default window: the window
// keeps every answer (no retransmission needed, nothing lost).
TEST(EngineLoadLoopback, BurstOfTwentyThousandWithTheDefaultWindowLosesNothing) {
  reactor loop;
  fake_agent agent(loop);
  std::size_t done = 0, failed = 0;
  engine eng(loop);
  command_generator gen(eng);
  constexpr std::size_t total = 20000;
  for (std::size_t i = 0; i < total; ++i)
    ASSERT_TRUE(gen.get({"public"}, udp_target{"127.0.0.1", agent.port(), {.timeout = 10s, .retries = 0}}, {},
                        {oid{1, 3, 6, 1, 2, 1, 2, 2, 1, 10, static_cast<std::uint32_t>(i)}},
                        [&](std::error_code ec, response) {
                          ++done;
                          failed += ec ? 1 : 0;
                        }));
  ASSERT_TRUE(run_until(loop, [&] { return done == total; }, 20s)) << done;
  EXPECT_EQ(failed, 0u);
  EXPECT_EQ(eng.stats().retransmissions, 0u);
  EXPECT_LE(eng.stats().window, 4096u);
}

}  // namespace
