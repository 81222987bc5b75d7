// What keeps reactor::run() running (snmpio(7), "What keeps run() running"): pending
// requests, timers, posted tasks, resolves and referenced sockets (an agent's or
// receiver's listening sockets); not a manager engine's own sockets.
#include <snmpio/snmpio.hpp>

#include "tests/support/echo_responder.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace snmpio {
namespace {

using namespace std::chrono_literals;

// The agent runs on its own thread so that its listening sockets do not count on the
// manager's reactor.
struct agent_on_a_thread {
  test::threaded_agent agent;
  command_responder responder{agent.eng};
  agent_on_a_thread() {
    agent.eng.add_community({.community = "public", .security_name = "ro"});
    agent.eng.add_vacm_group(security_model::v2c, "ro", "readers");
    agent.eng.add_vacm_view("all", oid("1.3.6.1"));
    agent.eng.add_vacm_access({.group = "readers", .read_view = "all"});
    register_agent_mibs(responder, agent.eng, {.descr = "liveness", .name = "liveness"});
    agent.start();
  }
};

TEST(RunLiveness, RunReturnsOnItsOwnOnceTheLastRequestHasCompleted) {
  agent_on_a_thread a;
  reactor loop;
  engine eng(loop);
  command_generator gen(eng);
  int calls = 0;
  std::string got;
  // A long timeout: run() must not wait for a retry timer of an answered request.
  auto h = gen.get(community_data{"public"}, udp_target{"127.0.0.1", a.agent.port4, {.timeout = 10s, .retries = 1}},
                   context_data{}, {oid("1.3.6.1.2.1.1.5.0")}, [&](std::error_code ec, response r) {
                     ++calls;
                     got = ec ? ec.message() : format_varbind(r.varbinds.at(0));
                     // A second request started from the callback keeps run() going too.
                     if (calls == 1)
                       (void)gen.get_next(community_data{"public"}, udp_target{"127.0.0.1", a.agent.port4},
                                          context_data{}, {oid("1.3.6.1.2.1.1.5.0")},
                                          [&](std::error_code, response) { ++calls; });
                   });
  ASSERT_TRUE(h);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(loop.run());  // no stop() anywhere
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(got, ".1.3.6.1.2.1.1.5.0 = STRING: \"liveness\"");
  EXPECT_FALSE(loop.has_work()) << "the engine's open socket alone is no work";
  EXPECT_TRUE(eng.local_endpoint(address_family::ipv4).port() != 0) << "the socket stays open for the next request";
}

TEST(RunLiveness, AnUnansweredRequestKeepsRunRunningUntilItTimesOut) {
  reactor silent_loop;  // never run: what is sent to it is never answered
  auto silent = udp_socket::open(silent_loop, endpoint::loopback_v4(0));
  ASSERT_TRUE(silent);
  reactor loop;
  engine eng(loop);
  command_generator gen(eng);
  std::error_code got;
  int calls = 0;
  ASSERT_TRUE(gen.get(community_data{"public"},
                      udp_target{"127.0.0.1", silent->local_endpoint().port(), {.timeout = 100ms, .retries = 1}},
                      context_data{}, {oid("1.3.6.1.2.1.1.5.0")}, [&](std::error_code ec, response) {
                        ++calls;
                        got = ec;
                      }));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(loop.run());
  EXPECT_GE(std::chrono::steady_clock::now() - start, 190ms);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(got, make_error_code(errc::timeout));
}

TEST(RunLiveness, AListeningAgentKeepsRunRunningUntilStop) {
  reactor loop;
  engine agent(loop);
  ASSERT_FALSE(agent.listen(endpoint::loopback_v4(0)));
  EXPECT_TRUE(loop.has_work());
  bool stopped = false;
  std::thread stopper([&] {
    std::this_thread::sleep_for(300ms);
    loop.post([&] {
      stopped = true;
      loop.stop();
    });
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(loop.run());
  const auto took = std::chrono::steady_clock::now() - start;
  stopper.join();
  EXPECT_TRUE(stopped) << "run() returned before stop()";
  EXPECT_GE(took, 290ms);
}

TEST(RunLiveness, AnUnreferencedSocketDoesNotKeepRunRunning) {
  reactor loop;
  auto s = udp_socket::open(loop, endpoint::loopback_v4(0));
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->has_ref());
  EXPECT_TRUE(loop.has_work());
  s->unref();
  EXPECT_FALSE(s->has_ref());
  EXPECT_FALSE(loop.has_work());
  EXPECT_FALSE(loop.run());  // returns at once
  // It still receives while run() runs for other work.
  auto peer = udp_socket::open(loop, endpoint::loopback_v4(0));
  ASSERT_TRUE(peer);
  peer->unref();
  int received = 0;
  s->on_receive([&](std::span<const std::byte>, const endpoint&, const endpoint&) { ++received; });
  const std::byte one[1]{std::byte{1}};
  ASSERT_FALSE(peer->send(one, s->local_endpoint()));
  loop.call_after(100ms, [] {});
  EXPECT_FALSE(loop.run());
  EXPECT_EQ(received, 1);
  s->ref();
  EXPECT_TRUE(loop.has_work());
  s->close();
  EXPECT_FALSE(s->has_ref());
  EXPECT_FALSE(loop.has_work());
}

}  // namespace
}  // namespace snmpio
