// The engine's dispatcher over 127.0.0.1 against a fake agent whose answers the test
// controls (tests/support/fake_agent.hpp): testing.md §E (transport and matching) and
// the lifetime rules of DESIGN.md §3. Walks and load are in engine_walk_loopback_test.cpp
// and engine_load_loopback_test.cpp.
#include <snmpio/snmpio.hpp>

#include "tests/support/fake_agent.hpp"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <memory>

using namespace snmpio;
using namespace std::chrono_literals;
using test::fake_agent;
using test::run_until;

namespace {

const oid sys_descr{1, 3, 6, 1, 2, 1, 1, 1, 0};
const oid sys_name{1, 3, 6, 1, 2, 1, 1, 5, 0};

udp_target to(const fake_agent& a, std::chrono::milliseconds timeout = 2000ms, int retries = 0) {
  return udp_target{"127.0.0.1", a.port(), {.timeout = timeout, .retries = retries}};
}

// Counts the completions of one request and keeps the last.
struct outcome {
  int calls = 0;
  std::error_code ec;
  response r;
  response_handler handler() {
    return [this](std::error_code e, response resp) {
      ++calls;
      ec = e;
      r = std::move(resp);
    };
  }
};

// A UDP port with nothing behind it: bound, then closed.
std::uint16_t closed_port() {
  int s = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

TEST(EngineLoopback, GetCarriesTheAgentsVarbinds) {
  reactor loop;
  fake_agent agent(loop);
  outcome o;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(gen.get({"public"}, to(agent), {}, {sys_descr, sys_name}, o.handler()));
  ASSERT_TRUE(run_until(loop, [&] { return o.calls > 0; }));
  EXPECT_EQ(o.calls, 1);
  ASSERT_FALSE(o.ec) << o.ec.message();
  ASSERT_EQ(o.r.varbinds.size(), 2u);
  EXPECT_EQ(o.r.varbinds[0], (varbind{sys_descr, test::value_for(sys_descr)}));
  EXPECT_EQ(o.r.varbinds[1], (varbind{sys_name, test::value_for(sys_name)}));
  EXPECT_EQ(eng.stats().responses, 1u);
  EXPECT_EQ(eng.stats().in_flight, 0u);
}

// §E1: an answer from another port, then from another address, is dropped and counted;
// the request times out. The agent answers from a second socket.
TEST(EngineLoopback, ResponseFromUnexpectedSourceIsDroppedAndCounted) {
  for (endpoint other : {endpoint::loopback_v4(0), endpoint::v4({127, 0, 0, 2}, 0)}) {
    reactor loop;
    fake_agent agent(loop);
    fake_agent impostor(loop, other);
    agent.set_policy([&](fake_agent&, ber::community_message& m, const endpoint& from) {
      impostor.send(fake_agent::response_to(m), from);
    });
    outcome o;
    engine eng(loop);
    command_generator gen(eng);
    ASSERT_TRUE(gen.get({"public"}, to(agent, 300ms), {}, {sys_descr}, o.handler()));
    ASSERT_TRUE(run_until(loop, [&] { return o.calls > 0; }));
    EXPECT_EQ(o.ec, errc::timeout) << other;
    EXPECT_EQ(eng.stats().wrong_source, 1u) << other;
    EXPECT_EQ(eng.stats().responses, 0u);
  }
}

TEST(EngineLoopback, AcceptAnySourceTakesTheAnswerFromElsewhere) {
  reactor loop;
  fake_agent agent(loop);
  fake_agent impostor(loop, endpoint::v4({127, 0, 0, 2}, 0));
  agent.set_policy([&](fake_agent&, ber::community_message& m, const endpoint& from) {
    impostor.send(fake_agent::response_to(m), from);
  });
  outcome o;
  engine eng(loop, {.accept_any_source = true});
  command_generator gen(eng);
  ASSERT_TRUE(gen.get({"public"}, to(agent, 2000ms), {}, {sys_descr}, o.handler()));
  ASSERT_TRUE(run_until(loop, [&] { return o.calls > 0; }));
  ASSERT_FALSE(o.ec) << o.ec.message();
  EXPECT_EQ(o.r.varbinds.at(0).value, test::value_for(sys_descr));
  EXPECT_EQ(eng.stats().wrong_source, 0u);
}

// §E2: three copies of the answer: one callback, two counted as unknown.
TEST(EngineLoopback, TriplicatedResponseCompletesOnce) {
  reactor loop;
  fake_agent agent(loop);
  agent.set_policy([](fake_agent& a, ber::community_message& m, const endpoint& from) {
    for (int i = 0; i < 3; ++i) a.answer(m, from);
  });
  outcome o;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(gen.get({"public"}, to(agent), {}, {sys_descr}, o.handler()));
  ASSERT_TRUE(run_until(loop, [&] { return eng.stats().unknown_request_id == 2; }));
  EXPECT_EQ(o.calls, 1);
  EXPECT_FALSE(o.ec);
  EXPECT_EQ(eng.stats().responses, 1u);
}

// §E2: the answer comes after the request timed out: ignored, no use-after-free (ASan).
TEST(EngineLoopback, LateResponseAfterTimeoutIsIgnored) {
  reactor loop;
  fake_agent agent(loop);
  agent.set_policy([](fake_agent& a, ber::community_message& m, const endpoint& from) {
    a.loop().call_after(150ms, [&a, resp = fake_agent::response_to(m), from] { a.send(resp, from); });
  });
  outcome o;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(gen.get({"public"}, to(agent, 40ms, 1), {}, {sys_descr}, o.handler()));
  ASSERT_TRUE(run_until(loop, [&] { return eng.stats().unknown_request_id == 2; }));
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, errc::timeout);
  EXPECT_EQ(eng.stats().retransmissions, 1u);
  EXPECT_EQ(eng.stats().timeouts, 1u);
  EXPECT_EQ(eng.stats().responses, 0u);
}

// A retry answered: the first answer completes; the answer to the retry is unknown.
TEST(EngineLoopback, RetryAfterTimeoutThenBothAnswersCompleteOnce) {
  reactor loop;
  fake_agent agent(loop);
  int seen = 0;
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) {
    if (++seen == 1) {  // the first try: answer late, after the retry went out
      a.loop().call_after(80ms, [&a, resp = fake_agent::response_to(m), from] { a.send(resp, from); });
    } else {
      a.answer(m, from);
    }
  });
  outcome o;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(gen.get({"public"}, to(agent, 50ms, 3), {}, {sys_descr}, o.handler()));
  ASSERT_TRUE(run_until(loop, [&] { return eng.stats().unknown_request_id == 1; }));
  EXPECT_EQ(o.calls, 1);
  EXPECT_FALSE(o.ec);
  EXPECT_EQ(eng.stats().retransmissions, 1u);
  EXPECT_EQ(seen, 2);
}

// §E3: an answer with another request-id is ignored; the right one still completes.
TEST(EngineLoopback, WrongRequestIdIsIgnored) {
  reactor loop;
  fake_agent agent(loop);
  agent.set_policy([](fake_agent& a, ber::community_message& m, const endpoint& from) {
    auto wrong = fake_agent::response_to(m);
    wrong.data.request_id = m.data.request_id ^ 0x5a5a;
    wrong.data.varbinds[0].value = value::octet_string("not yours");
    a.send(wrong, from);
    wrong.data.request_id = 0;
    a.send(wrong, from);
    a.answer(m, from);
  });
  outcome o;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(gen.get({"public"}, to(agent), {}, {sys_descr}, o.handler()));
  ASSERT_TRUE(run_until(loop, [&] { return o.calls > 0; }));
  ASSERT_FALSE(o.ec);
  EXPECT_EQ(o.r.varbinds.at(0).value, test::value_for(sys_descr));
  EXPECT_EQ(eng.stats().unknown_request_id, 2u);
}

// §E4: the right request-id with the wrong community (or version) is dropped and counted.
TEST(EngineLoopback, WrongCommunityOrVersionIsDroppedAndCounted) {
  reactor loop;
  fake_agent agent(loop);
  agent.set_policy([](fake_agent& a, ber::community_message& m, const endpoint& from) {
    auto r = fake_agent::response_to(m);
    r.community = "private";
    a.send(r, from);
    r.community = m.community;
    r.version = snmp_version::v1;
    a.send(r, from);
  });
  outcome o;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(gen.get({"public"}, to(agent, 200ms), {}, {sys_descr}, o.handler()));
  ASSERT_TRUE(run_until(loop, [&] { return o.calls > 0; }));
  EXPECT_EQ(o.ec, errc::timeout);
  EXPECT_EQ(eng.stats().wrong_community, 1u);
  EXPECT_EQ(eng.stats().wrong_version, 1u);
  EXPECT_EQ(eng.stats().responses, 0u);
}

// §E5: garbage, a truncated answer, trailing bytes, a GetRequest echoed back and an
// SNMPv3-looking header arrive first; the valid answer after them is delivered.
TEST(EngineLoopback, GarbageAndTruncatedDatagramsAreIgnored) {
  reactor loop;
  fake_agent agent(loop);
  agent.set_policy([](fake_agent& a, ber::community_message& m, const endpoint& from) {
    const auto good = test::encode(fake_agent::response_to(m));
    a.send_raw(std::vector<std::uint8_t>{0xde, 0xad, 0xbe, 0xef}, from);
    a.send_raw(std::span(good).first(good.size() / 2), from);
    auto trailing = good;
    trailing.push_back(0);
    a.send_raw(trailing, from);
    a.send_raw(std::vector<std::uint8_t>{0x30, 0x03, 0x02, 0x01, 0x03}, from);  // version 3, nothing else
    a.send_raw(std::vector<std::uint8_t>{}, from);
    a.send(m, from);  // the GetRequest itself: right request-id, wrong PDU type
    a.send_raw(good, from);
  });
  outcome o;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(gen.get({"public"}, to(agent), {}, {sys_descr}, o.handler()));
  ASSERT_TRUE(run_until(loop, [&] { return o.calls > 0; }));
  ASSERT_FALSE(o.ec) << o.ec.message();
  EXPECT_EQ(o.r.varbinds.at(0).value, test::value_for(sys_descr));
  const auto s = eng.stats();
  EXPECT_EQ(s.parse_errors + s.bad_version, 5u);
  EXPECT_EQ(s.unexpected_pdu, 1u);
  EXPECT_EQ(s.responses, 1u);
}

// §E6: ICMP port unreachable fails the request long before its 5 s timeout.
TEST(EngineLoopback, ClosedPortFailsWithUnreachableBeforeTheTimeout) {
  reactor loop;
  outcome o;
  engine eng(loop);
  command_generator gen(eng);
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(gen.get({"public"}, udp_target{"127.0.0.1", closed_port(), {.timeout = 5000ms, .retries = 2}}, {},
                      {sys_descr}, o.handler()));
  ASSERT_TRUE(run_until(loop, [&] { return o.calls > 0; }, 3000ms));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1000ms);
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, errc::unreachable);
  EXPECT_EQ(eng.stats().unreachable, 1u);
  EXPECT_EQ(eng.stats().in_flight, 0u);
}

// Several requests to one closed port, with the window holding some back: each fails
// once with unreachable (or, for those sent after the ICMP error, later with it too).
TEST(EngineLoopback, ManyRequestsToAClosedPortEachCompleteOnce) {
  reactor loop;
  std::vector<outcome> o(20);
  engine eng(loop, {.max_in_flight = 4});
  command_generator gen(eng);
  const udp_target dead{"127.0.0.1", closed_port(), {.timeout = 3000ms, .retries = 0}};
  for (auto& x : o) ASSERT_TRUE(gen.get({"public"}, dead, {}, {sys_descr}, x.handler()));
  ASSERT_TRUE(run_until(loop, [&] { return eng.stats().in_flight + eng.stats().waiting == 0; }, 8000ms));
  loop.poll();
  for (auto& x : o) {
    EXPECT_EQ(x.calls, 1);
    EXPECT_EQ(x.ec, errc::unreachable) << x.ec.message();
  }
}

// cancel(): errc::cancelled exactly once, never inside cancel(); a later answer is ignored.
TEST(EngineLoopback, CancelCompletesOnceOutsideCancel) {
  reactor loop;
  fake_agent agent(loop);
  std::vector<std::pair<ber::community_message, endpoint>> held;
  agent.set_policy([&](fake_agent&, ber::community_message& m, const endpoint& from) { held.emplace_back(m, from); });
  outcome o;
  engine eng(loop);
  command_generator gen(eng);
  auto h = gen.get({"public"}, to(agent), {}, {sys_descr}, o.handler());
  ASSERT_TRUE(h);
  ASSERT_TRUE(run_until(loop, [&] { return !held.empty(); }));
  EXPECT_TRUE(h->pending());
  EXPECT_TRUE(h->cancel());
  EXPECT_EQ(o.calls, 0) << "the callback ran inside cancel()";
  EXPECT_FALSE(h->pending());
  EXPECT_FALSE(h->cancel());
  agent.answer(held[0].first, held[0].second);
  ASSERT_TRUE(run_until(loop, [&] { return o.calls > 0 && eng.stats().unknown_request_id == 1; }));
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, errc::cancelled);
  EXPECT_EQ(eng.stats().cancelled, 1u);
  EXPECT_EQ(eng.stats().responses, 0u);
}

// A request cancelled from the callback of another, then everything run to its end.
TEST(EngineLoopback, CallbackCancelsAnotherRequest) {
  reactor loop;
  fake_agent agent(loop);
  int n = 0;
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) {
    if (n++ == 0) a.answer(m, from);  // only the first is answered
  });
  outcome second;
  result<request_handle> h2 = errc::invalid_argument;
  outcome first;
  bool cancelled_ok = false;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(gen.get({"public"}, to(agent), {}, {sys_descr}, [&](std::error_code ec, response r) {
    first.handler()(ec, std::move(r));
    cancelled_ok = h2 && h2->cancel();
    EXPECT_EQ(second.calls, 0);
  }));
  h2 = gen.get({"public"}, to(agent), {}, {sys_name}, second.handler());
  ASSERT_TRUE(h2);
  ASSERT_TRUE(run_until(loop, [&] { return second.calls > 0; }));
  EXPECT_TRUE(cancelled_ok);
  EXPECT_EQ(first.calls, 1);
  EXPECT_EQ(second.calls, 1);
  EXPECT_EQ(second.ec, errc::cancelled);
}

// §G7: destroying the engine completes every pending request once with errc::shutdown,
// those held back by the window included.
TEST(EngineLoopback, DestroyingTheEngineCompletesEachRequestOnceWithShutdown) {
  reactor loop;
  fake_agent agent(loop);
  agent.set_policy([](fake_agent&, ber::community_message&, const endpoint&) {});  // silent
  std::vector<outcome> o(10);
  {
    engine eng(loop, {.max_in_flight = 4});
    command_generator gen(eng);
    for (auto& x : o) ASSERT_TRUE(gen.get({"public"}, to(agent), {}, {sys_descr}, x.handler()));
    ASSERT_TRUE(run_until(loop, [&] { return agent.requests() == 4; }));
    EXPECT_EQ(eng.stats().in_flight, 4u);
    EXPECT_EQ(eng.stats().waiting, 6u);
  }
  for (int i = 0; i < 5; ++i) loop.poll();
  for (auto& x : o) {
    EXPECT_EQ(x.calls, 1);
    EXPECT_EQ(x.ec, errc::shutdown);
  }
  EXPECT_EQ(agent.requests(), 4u) << "requests held by the window were sent during shutdown";
}

// A request started after the engine is gone fails at once and never calls back.
TEST(EngineLoopback, HandleOutlivesTheEngine) {
  reactor loop;
  fake_agent agent(loop);
  result<request_handle> h = errc::invalid_argument;
  outcome o;
  {
    engine eng(loop);
    command_generator gen(eng);
    h = gen.get({"public"}, to(agent), {}, {sys_descr}, o.handler());
    ASSERT_TRUE(h);
  }
  EXPECT_EQ(o.calls, 1);
  EXPECT_FALSE(h->pending());
  EXPECT_FALSE(h->cancel());
}

// cancel(), then the engine and the reactor go before the loop runs again: the
// callback still runs exactly once (with cancelled or shutdown).
TEST(EngineLoopback, CancelledThenEngineAndReactorDestroyedStillCompletesOnce) {
  outcome o;
  {
    reactor loop;
    fake_agent agent(loop);
    agent.set_policy([](fake_agent&, ber::community_message&, const endpoint&) {});
    engine eng(loop);
    command_generator gen(eng);
    auto h = gen.get({"public"}, to(agent), {}, {sys_descr}, o.handler());
    ASSERT_TRUE(h);
    ASSERT_TRUE(h->cancel());
    EXPECT_EQ(o.calls, 0);
  }
  EXPECT_EQ(o.calls, 1) << "a cancelled request's callback was dropped with the reactor";
  if (o.calls == 1) {
    EXPECT_TRUE(o.ec == errc::cancelled || o.ec == errc::shutdown) << o.ec.message();
  }
}

// A callback destroys the engine while other requests are pending; the rest complete
// once with shutdown. Three ways in: a response, a timeout, an ICMP error.
TEST(EngineLoopback, CallbackDestroysTheEngineOnResponse) {
  reactor loop;
  fake_agent agent(loop);
  int n = 0;
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) {
    if (n++ == 0) a.answer(m, from);
  });
  std::vector<outcome> o(5);
  auto eng = std::make_unique<engine>(loop);
  command_generator gen(*eng);
  ASSERT_TRUE(gen.get({"public"}, to(agent), {}, {sys_descr}, [&](std::error_code ec, response r) {
    o[0].handler()(ec, std::move(r));
    eng.reset();
  }));
  for (std::size_t i = 1; i < o.size(); ++i)
    ASSERT_TRUE(gen.get({"public"}, to(agent), {}, {sys_name}, o[i].handler()));
  ASSERT_TRUE(run_until(loop, [&] { return !eng; }));
  EXPECT_FALSE(o[0].ec);
  for (std::size_t i = 1; i < o.size(); ++i) {
    EXPECT_EQ(o[i].calls, 1);
    EXPECT_EQ(o[i].ec, errc::shutdown);
  }
  EXPECT_EQ(o[0].calls, 1);
}

TEST(EngineLoopback, CallbackDestroysTheEngineOnTimeout) {
  reactor loop;
  fake_agent agent(loop);
  agent.set_policy([](fake_agent&, ber::community_message&, const endpoint&) {});
  std::vector<outcome> o(4);
  auto eng = std::make_unique<engine>(loop);
  command_generator gen(*eng);
  ASSERT_TRUE(gen.get({"public"}, to(agent, 30ms), {}, {sys_descr}, [&](std::error_code ec, response r) {
    o[0].handler()(ec, std::move(r));
    eng.reset();
  }));
  for (std::size_t i = 1; i < o.size(); ++i)
    ASSERT_TRUE(gen.get({"public"}, to(agent, 30ms), {}, {sys_name}, o[i].handler()));
  ASSERT_TRUE(run_until(loop, [&] { return !eng; }));
  for (int i = 0; i < 3; ++i) loop.poll();
  EXPECT_EQ(o[0].ec, errc::timeout);
  for (auto& x : o) EXPECT_EQ(x.calls, 1);
}

TEST(EngineLoopback, CallbackDestroysTheEngineOnUnreachable) {
  reactor loop;
  std::vector<outcome> o(4);
  auto eng = std::make_unique<engine>(loop);
  command_generator gen(*eng);
  const udp_target dead{"127.0.0.1", closed_port(), {.timeout = 3000ms, .retries = 0}};
  bool destroyed = false;
  for (auto& x : o)
    ASSERT_TRUE(gen.get({"public"}, dead, {}, {sys_descr}, [&, h = x.handler()](std::error_code ec, response r) mutable {
      h(ec, std::move(r));
      if (!destroyed) {
        destroyed = true;
        eng.reset();
      }
    }));
  ASSERT_TRUE(run_until(loop, [&] { return destroyed; }, 5000ms));
  for (int i = 0; i < 3; ++i) loop.poll();
  for (auto& x : o) EXPECT_EQ(x.calls, 1);
}

// Callbacks start new requests: a chain of 200 GETs, each started by the last one's
// callback, plus a fan-out; all complete once.
TEST(EngineLoopback, CallbacksStartNewRequests) {
  reactor loop;
  fake_agent agent(loop);
  int done = 0, failed = 0;
  engine eng(loop);
  command_generator gen(eng);
  std::function<void(int)> next = [&](int left) {
    auto h = gen.get({"public"}, to(agent), {}, {oid{1, 3, 6, 1, 2, 1, 1, static_cast<std::uint32_t>(left), 0}},
                     [&, left](std::error_code ec, response r) {
                       ++done;
                       if (ec || r.varbinds.size() != 1 ||
                           r.varbinds[0].value != test::value_for(oid{1, 3, 6, 1, 2, 1, 1, static_cast<std::uint32_t>(left), 0}))
                         ++failed;
                       if (left > 1) next(left - 1);
                     });
    if (!h) ++failed;
  };
  next(200);
  ASSERT_TRUE(run_until(loop, [&] { return done == 200; }));
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(eng.stats().requests, 200u);
  EXPECT_EQ(eng.stats().in_flight, 0u);
}

// Errors returned by a call mean the callback never runs.
TEST(EngineLoopback, RejectedCallsNeverCallBack) {
  reactor loop;
  outcome o;
  engine eng(loop);
  command_generator gen(eng);
  EXPECT_FALSE(gen.get({"public"}, udp_target{"", 161}, {}, {sys_descr}, o.handler()));
  EXPECT_FALSE(gen.get({"public"}, udp_target{"127.0.0.1", 161, {.timeout = 0ms}}, {}, {sys_descr}, o.handler()));
  EXPECT_FALSE(gen.get({"public"}, udp_target{"::1", 161}, {}, {sys_descr}, o.handler()));
  EXPECT_FALSE(gen.get_bulk({"public", snmp_version::v1}, udp_target{"127.0.0.1", 161}, {}, 0, 5, {sys_descr},
                           o.handler()));
  for (int i = 0; i < 3; ++i) loop.poll();
  EXPECT_EQ(o.calls, 0);
  EXPECT_EQ(eng.stats().in_flight, 0u);
}

}  // namespace
