// SNMPv3 on the manager side (testing.md §D) over 127.0.0.1, against a small
// authoritative agent whose every answer the test controls (tests/support/fake_v3_agent.hpp):
// discovery and time synchronisation, reboots, idle agents, unauthenticated Reports and
// Responses, boots regression, mismatched answers, engine replacement, wrong digests and
// the usmStats Reports, privParams uniqueness, and PySNMP's padded AES ciphertext.
#include <snmpio/snmpio.hpp>

#include "tests/support/fake_agent.hpp"
#include "tests/support/fake_v3_agent.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <set>

using namespace snmpio;
using namespace std::chrono_literals;
using test::fake_v3_agent;
using test::run_until;
using test::usm_stat;
using test::v3_agent_user;
using test::v3_received;
using test::v3_reply;

namespace {

const oid sys_descr{1, 3, 6, 1, 2, 1, 1, 1, 0};

const v3_agent_user kAlice{"alice", crypto::auth_algorithm::sha256, "alice-auth-pass", crypto::priv_algorithm::aes128,
                           "alice-priv-pass"};
const usm_user_data kAliceManager{.user_name = "alice",
                                  .auth = auth_protocol::hmac_sha256,
                                  .auth_key = "alice-auth-pass",
                                  .priv = priv_protocol::aes128,
                                  .priv_key = "alice-priv-pass"};

struct outcome {
  int calls = 0;
  std::error_code ec;
  response r;
};

// Keeps running the reactor for `d` (no condition to wait for: checks that nothing more
// happens, e.g. no further resend).
void run_for(reactor& loop, std::chrono::milliseconds d) {
  const auto end = std::chrono::steady_clock::now() + d;
  while (std::chrono::steady_clock::now() < end) loop.run_once(10ms);
}

struct rig {
  reactor loop;
  fake_v3_agent agent{loop};
  engine eng{loop};
  command_generator gen{eng};

  rig() { agent.add_user(kAlice); }

  udp_target to(std::chrono::milliseconds timeout = 2000ms, int retries = 0) const {
    return udp_target{"127.0.0.1", agent.port(), {.timeout = timeout, .retries = retries}};
  }

  std::shared_ptr<outcome> start(const usm_user_data& u, const udp_target& t, const oid& name = sys_descr,
                                 const context_data& ctx = {}) {
    auto o = std::make_shared<outcome>();
    auto h = gen.get(u, t, ctx, {name}, [o](std::error_code ec, response r) {
      ++o->calls;
      o->ec = ec;
      o->r = std::move(r);
    });
    EXPECT_TRUE(h) << h.error().message();
    if (!h) o->calls = -1;
    return o;
  }

  // Starts one GET and runs the reactor until it completes (deadline 10 s).
  outcome get(const usm_user_data& u = kAliceManager, const udp_target* t = nullptr, const context_data& ctx = {}) {
    auto o = start(u, t ? *t : to(), sys_descr, ctx);
    EXPECT_TRUE(run_until(loop, [&] { return o->calls != 0; })) << "the request did not complete";
    return *o;
  }

  // The authentic requests the agent received (discovery probes and forgeries aside).
  std::vector<const v3_received*> authentic() const {
    std::vector<const v3_received*> out;
    for (const auto& q : agent.received())
      if (q.authentic) out.push_back(&q);
    return out;
  }

  std::uint64_t dropped() const {
    const auto s = eng.stats();
    return s.wrong_digests + s.wrong_community + s.decryption_errors + s.unknown_security_models + s.parse_errors +
           s.unexpected_pdu;
  }
};

void expect_agent_value(const outcome& o, const fake_v3_agent& agent) {
  EXPECT_EQ(o.calls, 1);
  ASSERT_FALSE(o.ec) << o.ec.message();
  ASSERT_EQ(o.r.varbinds.size(), 1u);
  EXPECT_EQ(o.r.varbinds[0].name, sys_descr);
  EXPECT_EQ(o.r.varbinds[0].value.as_octets(), agent.value_text());
}

// ---------------------------------------------------------------- D1

TEST(UsmManagerLoopback, DiscoveryThenAuthenticatedRequestInRfc3414Order) {
  rig t;
  t.agent.set_boots(7);
  t.agent.set_time(1234);
  const outcome o = t.get();
  expect_agent_value(o, t.agent);

  const auto& rx = t.agent.received();
  ASSERT_EQ(rx.size(), 2u) << "one discovery probe, then the request";
  // RFC 3414 §4: the probe is noAuthNoPriv and reportable, with an empty engine ID and
  // user name, boots and time 0, and an empty varbind list.
  const v3_received& probe = rx[0];
  ASSERT_TRUE(probe.decoded);
  EXPECT_EQ(probe.header.flags, ber::msg_flags::reportable);
  EXPECT_EQ(probe.usm.engine_id, "");
  EXPECT_EQ(probe.usm.user_name, "");
  EXPECT_EQ(probe.usm.engine_boots, 0);
  EXPECT_EQ(probe.usm.engine_time, 0);
  EXPECT_EQ(probe.usm.auth_params, "");
  ASSERT_TRUE(probe.has_scoped);
  EXPECT_TRUE(probe.scoped.data.varbinds.empty());
  EXPECT_EQ(t.agent.reports_sent(usm_stat::unknown_engine_ids), 1u);

  // Then the request, authPriv, with the discovered engine ID, boots and time, signed
  // and encrypted with keys localized for that engine ID (the agent verified them).
  const v3_received& req = rx[1];
  EXPECT_EQ(req.header.flags, ber::msg_flags::auth | ber::msg_flags::priv | ber::msg_flags::reportable);
  EXPECT_EQ(req.usm.engine_id, t.agent.engine_id());
  EXPECT_EQ(req.usm.engine_boots, 7);
  EXPECT_GE(req.usm.engine_time, 1234);
  EXPECT_LE(req.usm.engine_time, 1236);
  EXPECT_EQ(req.usm.user_name, "alice");
  EXPECT_TRUE(req.authentic);
  EXPECT_TRUE(req.decrypted);
  EXPECT_EQ(req.scoped.context_engine_id, t.agent.engine_id());
  ASSERT_EQ(req.scoped.data.varbinds.size(), 1u);
  EXPECT_EQ(req.scoped.data.varbinds[0].name, sys_descr);
  EXPECT_EQ(t.eng.stats().discoveries, 1u);
  EXPECT_EQ(t.agent.reports_sent(), 1u);
}

TEST(UsmManagerLoopback, OneDiscoveryIsSharedByConcurrentRequests) {
  rig t;
  std::vector<std::shared_ptr<outcome>> outs;
  for (std::uint32_t i = 1; i <= 16; ++i) outs.push_back(t.start(kAliceManager, t.to(), oid{1, 3, 6, 1, 2, 1, 1, i, 0}));
  ASSERT_TRUE(run_until(t.loop, [&] {
    for (auto& o : outs)
      if (!o->calls) return false;
    return true;
  }));
  for (std::uint32_t i = 0; i < outs.size(); ++i) {
    EXPECT_EQ(outs[i]->calls, 1);
    ASSERT_FALSE(outs[i]->ec) << outs[i]->ec.message();
    ASSERT_EQ(outs[i]->r.varbinds.size(), 1u);
    EXPECT_EQ(outs[i]->r.varbinds[0].name, (oid{1, 3, 6, 1, 2, 1, 1, i + 1, 0}));
  }
  EXPECT_EQ(t.eng.stats().discoveries, 1u);
  std::size_t probes = 0;
  for (const auto& q : t.agent.received()) probes += q.usm.engine_id.empty();
  EXPECT_EQ(probes, 1u);
  EXPECT_EQ(t.authentic().size(), 16u);
}

TEST(UsmManagerLoopback, KeysAreLocalizedPerDiscoveredEngineId) {
  rig t;
  fake_v3_agent other(t.loop, std::string("\x80\x00\x1f\x88\x04other-engine", 17));
  other.add_user(kAlice);
  const udp_target to_other{"127.0.0.1", other.port(), {.timeout = 2000ms, .retries = 0}};
  expect_agent_value(t.get(), t.agent);
  expect_agent_value(t.get(kAliceManager, &to_other), other);
  EXPECT_EQ(t.eng.stats().discoveries, 2u);
  // Each agent verified the digest with the key localized for its own engine ID.
  ASSERT_EQ(t.authentic().size(), 1u);
  ASSERT_EQ(other.received().size(), 2u);
  EXPECT_TRUE(other.received()[1].authentic);
  EXPECT_EQ(other.received()[1].usm.engine_id, other.engine_id());
  EXPECT_NE(t.authentic()[0]->usm.auth_params, other.received()[1].usm.auth_params);
}

// ---------------------------------------------------------------- D2

TEST(UsmManagerLoopback, RebootCostsOneAuthenticatedReportAndOneResend) {
  rig t;
  t.agent.set_boots(3);
  expect_agent_value(t.get(), t.agent);
  t.agent.reboot();  // boots 4, time 0
  t.agent.clear_received();
  const outcome o = t.get();
  expect_agent_value(o, t.agent);
  EXPECT_EQ(t.eng.stats().resyncs, 1u);
  EXPECT_EQ(t.agent.reports_sent(usm_stat::not_in_time_windows), 1u);
  const auto& rx = t.agent.received();
  ASSERT_EQ(rx.size(), 2u) << "the stale request, then one resend";
  EXPECT_EQ(rx[0].usm.engine_boots, 3);
  EXPECT_EQ(rx[1].usm.engine_boots, 4);
  EXPECT_LE(rx[1].usm.engine_time, 2);
  EXPECT_TRUE(rx[1].authentic);
  EXPECT_NE(rx[0].header.msg_id, rx[1].header.msg_id) << "the resend is a new message";

  // The timeline was updated: the next request goes out right at once.
  t.agent.clear_received();
  expect_agent_value(t.get(), t.agent);
  ASSERT_EQ(t.agent.received().size(), 1u);
  EXPECT_EQ(t.agent.received()[0].usm.engine_boots, 4);
  EXPECT_EQ(t.eng.stats().resyncs, 1u);
  EXPECT_EQ(t.agent.reports_sent(usm_stat::not_in_time_windows), 1u);
}

TEST(UsmManagerLoopback, AnAgentThatAlwaysSaysNotInTimeWindowIsNotResentForever) {
  rig t;
  t.agent.set_forced_report(usm_stat::not_in_time_windows);
  const outcome o = t.get(kAliceManager, nullptr);
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, make_error_code(errc::not_in_time_window)) << o.ec.message();
  run_for(t.loop, 300ms);
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(t.eng.stats().resyncs, 1u);
  EXPECT_EQ(t.authentic().size(), 2u) << "the request and exactly one resend";
  EXPECT_EQ(t.agent.reports_sent(usm_stat::not_in_time_windows), 2u);
}

// ---------------------------------------------------------------- D3

TEST(UsmManagerLoopback, AnAgentWhoseClockRanAheadIsStillReached) {
  rig t;
  t.agent.set_time(500);
  expect_agent_value(t.get(), t.agent);
  // The agent was idle while its clock moved on 140 s: the manager's estimate lags by
  // 140 s, still inside the window, and the answer moves the timeline forward.
  t.agent.set_time(t.agent.engine_time() + 140);
  t.agent.clear_received();
  expect_agent_value(t.get(), t.agent);
  ASSERT_EQ(t.agent.received().size(), 1u);
  EXPECT_LE(t.agent.received()[0].usm.engine_time, 503);
  EXPECT_EQ(t.agent.reports_sent(usm_stat::not_in_time_windows), 0u);
  t.agent.clear_received();
  expect_agent_value(t.get(), t.agent);
  ASSERT_EQ(t.agent.received().size(), 1u);
  EXPECT_GE(t.agent.received()[0].usm.engine_time, 640) << "the timeline follows the authenticated answer";

  // Far beyond the window (1000 s): one authenticated Report, one resend, success.
  t.agent.set_time(t.agent.engine_time() + 1000);
  t.agent.clear_received();
  expect_agent_value(t.get(), t.agent);
  EXPECT_EQ(t.eng.stats().resyncs, 1u);
  ASSERT_EQ(t.agent.received().size(), 2u);
  EXPECT_GE(t.agent.received()[1].usm.engine_time, 1640);
}

// ---------------------------------------------------------------- D4

TEST(UsmManagerLoopback, UnauthenticatedResponseDoesNotMoveTheTimeline) {
  rig t;
  t.agent.set_boots(5);
  t.agent.set_time(1000);
  expect_agent_value(t.get(), t.agent);
  // A forged noAuthNoPriv Response claiming a later boots and time comes first; the
  // agent's real answer follows.
  t.agent.set_hook([](fake_v3_agent& a, const v3_received& q) {
    if (!q.authentic) return false;
    a.reply(q, {.level = 0, .boots = a.boots() + 10, .time = 99999});
    return false;  // then the default answer
  });
  const auto before = t.eng.stats().wrong_community;
  expect_agent_value(t.get(), t.agent);
  EXPECT_EQ(t.eng.stats().wrong_community, before + 1);
  t.agent.set_hook({});
  t.agent.clear_received();
  expect_agent_value(t.get(), t.agent);
  ASSERT_EQ(t.agent.received().size(), 1u);
  EXPECT_EQ(t.agent.received()[0].usm.engine_boots, 5);
  EXPECT_LT(t.agent.received()[0].usm.engine_time, 1100);
  EXPECT_EQ(t.eng.stats().resyncs, 0u);
}

TEST(UsmManagerLoopback, UnauthenticatedReportDoesNotMoveTheTimeline) {
  rig t;
  t.agent.set_boots(5);
  t.agent.set_time(1000);
  expect_agent_value(t.get(), t.agent);
  // A noAuthNoPriv notInTimeWindow Report claiming boots 15: whatever becomes of the
  // request it answers, the timeline stays.
  t.agent.set_hook([](fake_v3_agent& a, const v3_received& q) {
    if (!q.authentic) return false;
    a.reply(q, {.type = pdu_type::report,
                .varbinds = {{test::usm_stat_oid(usm_stat::not_in_time_windows), value::counter32(1)}},
                .level = 0,
                .boots = a.boots() + 10,
                .time = 99999});
    return true;
  });
  const outcome forged = t.get();
  EXPECT_EQ(forged.calls, 1);
  t.agent.set_hook({});
  t.agent.clear_received();
  expect_agent_value(t.get(), t.agent);
  ASSERT_EQ(t.agent.received().size(), 1u);
  EXPECT_EQ(t.agent.received()[0].usm.engine_boots, 5);
  EXPECT_LT(t.agent.received()[0].usm.engine_time, 1100);
  EXPECT_EQ(t.eng.stats().resyncs, 0u);
}

// The discovery Report is unauthenticated too: boots and time it claims are a hint for
// the first request, not a timeline that an authenticated answer must then exceed
// (RFC 3414 §3.2.7 b updates the timeline from authentic messages only; §4 has the
// first authenticated request carry boots and time 0 for that reason).
TEST(UsmManagerLoopback, UnauthenticatedDiscoveryReportDoesNotFixTheTimeline) {
  rig t;
  t.agent.set_boots(3);
  t.agent.set_time(200);
  t.agent.set_hook([](fake_v3_agent& a, const v3_received& q) {
    if (!q.usm.engine_id.empty()) return false;
    // A forged (or stale) discovery answer: boots 1000.
    a.reply(q, {.type = pdu_type::report,
                .varbinds = {{test::usm_stat_oid(usm_stat::unknown_engine_ids), value::counter32(1)}},
                .level = 0,
                .context_engine_id = a.engine_id(),
                .boots = 1000,
                .time = 5000});
    return true;
  });
  const outcome o = t.get();
  EXPECT_EQ(o.calls, 1);
  EXPECT_FALSE(o.ec) << "the agent's authenticated boots (3) must win over the unauthenticated 1000: "
                     << o.ec.message();
}

// ---------------------------------------------------------------- D5

TEST(UsmManagerLoopback, BootsRegressionOnAnAuthenticatedAnswerIsNotInTimeWindow) {
  rig t;
  t.agent.set_boots(5);
  expect_agent_value(t.get(), t.agent);
  t.agent.set_hook([](fake_v3_agent& a, const v3_received& q) {
    if (!q.authentic) return false;
    a.reply(q, {.boots = a.boots() - 1});
    return true;
  });
  const outcome o = t.get(kAliceManager, nullptr);
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, make_error_code(errc::not_in_time_window)) << o.ec.message();
  EXPECT_EQ(t.eng.stats().not_in_time_windows, 1u);
  EXPECT_EQ(t.eng.stats().timeouts, 0u);
}

// ---------------------------------------------------------------- D6

struct mismatch_case {
  const char* name;
  v3_reply reply;
  std::uint64_t engine_stats::*counter;
};

class UsmManagerLoopbackMismatch : public ::testing::TestWithParam<mismatch_case> {};

TEST_P(UsmManagerLoopbackMismatch, IsDiscardedCountedAndTheRightAnswerStillCompletes) {
  rig t;
  const mismatch_case& c = GetParam();
  expect_agent_value(t.get(), t.agent);
  t.agent.set_hook([&c](fake_v3_agent& a, const v3_received& q) {
    if (!q.authentic) return false;
    a.reply(q, c.reply);
    return false;  // then the right answer
  });
  const auto counted = t.eng.stats().*c.counter;
  const auto dropped = t.dropped();
  const outcome o = t.get();
  expect_agent_value(o, t.agent);
  EXPECT_EQ(t.eng.stats().*c.counter, counted + 1);
  EXPECT_EQ(t.dropped(), dropped + 1);
  EXPECT_EQ(t.eng.stats().responses, 2u);
}

TEST_P(UsmManagerLoopbackMismatch, AloneItLeavesTheRequestToTimeOut) {
  rig t;
  const mismatch_case& c = GetParam();
  expect_agent_value(t.get(), t.agent);
  t.agent.set_hook([&c](fake_v3_agent& a, const v3_received& q) {
    if (!q.authentic) return false;
    a.reply(q, c.reply);
    return true;
  });
  const udp_target quick = t.to(300ms, 0);
  const outcome o = t.get(kAliceManager, &quick);
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, make_error_code(errc::timeout)) << o.ec.message();
  EXPECT_GE(t.eng.stats().*c.counter, 1u);
}

v3_reply with_user(std::string name) { return {.user_name = std::move(name)}; }
v3_reply with_level(std::uint8_t level) { return {.level = level}; }
v3_reply with_context_engine(std::string id) { return {.context_engine_id = std::move(id)}; }
v3_reply with_context_name(std::string name) { return {.context_name = std::move(name)}; }
v3_reply with_model(std::int32_t m) { return {.security_model = m}; }
v3_reply with_request_id_plus_one() { return {.request_id = 0x7000}; }

INSTANTIATE_TEST_SUITE_P(
    Answers, UsmManagerLoopbackMismatch,
    ::testing::Values(mismatch_case{"SecurityName", with_user("mallory"), &engine_stats::wrong_digests},
                      mismatch_case{"LevelNoAuthNoPriv", with_level(0), &engine_stats::wrong_community},
                      mismatch_case{"LevelAuthNoPriv", with_level(1), &engine_stats::wrong_community},
                      mismatch_case{"ContextEngineId", with_context_engine("\x80\x00\x1f\x88\x04other"),
                                    &engine_stats::wrong_community},
                      mismatch_case{"ContextName", with_context_name("other"), &engine_stats::wrong_community},
                      mismatch_case{"SecurityModel", with_model(2), &engine_stats::unknown_security_models},
                      mismatch_case{"RequestId", with_request_id_plus_one(), &engine_stats::wrong_community}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

// ---------------------------------------------------------------- D7

TEST(UsmManagerLoopback, ReplacedEngineIsRediscovered) {
  rig t;
  expect_agent_value(t.get(), t.agent);
  const std::string old_id = t.agent.engine_id();
  t.agent.set_engine_id(std::string("\x80\x00\x1f\x88\x04replacement", 16));
  t.agent.set_boots(1);
  t.agent.set_time(10);
  t.agent.clear_received();
  const outcome o = t.get();
  expect_agent_value(o, t.agent);
  EXPECT_EQ(t.eng.stats().discoveries, 2u);
  EXPECT_EQ(t.agent.reports_sent(usm_stat::unknown_engine_ids), 3u) << "first discovery, stale request, rediscovery";
  const auto& rx = t.agent.received();
  ASSERT_EQ(rx.size(), 3u) << "stale request, probe, request";
  EXPECT_EQ(rx[0].usm.engine_id, old_id);
  EXPECT_TRUE(rx[1].usm.engine_id.empty());
  EXPECT_EQ(rx[2].usm.engine_id, t.agent.engine_id());
  EXPECT_TRUE(rx[2].authentic) << "keys localized for the new engine ID";
}

// ---------------------------------------------------------------- digests and Reports

TEST(UsmManagerLoopback, FlippedDigestBitIsDroppedAndCounted) {
  rig t;
  expect_agent_value(t.get(), t.agent);
  t.agent.set_hook([](fake_v3_agent& a, const v3_received& q) {
    if (!q.authentic) return false;
    a.reply(q, {.flip_digest_bit = true});
    return false;  // then the right answer
  });
  const outcome o = t.get();
  expect_agent_value(o, t.agent);
  EXPECT_EQ(t.eng.stats().wrong_digests, 1u);

  t.agent.set_hook([](fake_v3_agent& a, const v3_received& q) {
    if (!q.authentic) return false;
    a.reply(q, {.flip_digest_bit = true});
    return true;
  });
  const udp_target quick = t.to(300ms, 0);
  const outcome alone = t.get(kAliceManager, &quick);
  EXPECT_EQ(alone.ec, make_error_code(errc::timeout)) << alone.ec.message();
  EXPECT_EQ(t.eng.stats().wrong_digests, 2u);
}

TEST(UsmManagerLoopback, WrongAuthPasswordIsAuthenticationFailure) {
  rig t;
  usm_user_data u = kAliceManager;
  u.auth_key = "not-alices-password";
  const outcome o = t.get(u);
  EXPECT_EQ(o.ec, make_error_code(errc::authentication_failure)) << o.ec.message();
  EXPECT_EQ(t.agent.reports_sent(usm_stat::wrong_digests), 1u);
}

TEST(UsmManagerLoopback, UnknownUserIsUnknownUserName) {
  rig t;
  usm_user_data u = kAliceManager;
  u.user_name = "bob";
  const outcome o = t.get(u);
  EXPECT_EQ(o.ec, make_error_code(errc::unknown_user_name)) << o.ec.message();
  EXPECT_EQ(t.agent.reports_sent(usm_stat::unknown_user_names), 1u);
}

TEST(UsmManagerLoopback, WrongPrivPasswordIsDecryptionError) {
  rig t;
  usm_user_data u = kAliceManager;
  u.priv_key = "not-alices-privacy";
  const outcome o = t.get(u);
  EXPECT_EQ(o.ec, make_error_code(errc::decryption_error)) << o.ec.message();
  EXPECT_EQ(t.agent.reports_sent(usm_stat::decryption_errors), 1u);
}

TEST(UsmManagerLoopback, LevelAboveTheUsersIsUnsupportedSecurityLevel) {
  rig t;
  t.agent.add_user({"carol", crypto::auth_algorithm::sha1, "carol-auth-pass"});  // authNoPriv only
  const usm_user_data u{.user_name = "carol",
                        .auth = auth_protocol::hmac_sha,
                        .auth_key = "carol-auth-pass",
                        .priv = priv_protocol::aes128,
                        .priv_key = "carol-priv-pass"};
  const outcome o = t.get(u);
  EXPECT_EQ(o.ec, make_error_code(errc::unsupported_security_level)) << o.ec.message();
  EXPECT_EQ(t.agent.reports_sent(usm_stat::unsupported_sec_levels), 1u);
}

struct report_case {
  const char* name;
  usm_stat stat;
  errc expected;
};

class UsmManagerLoopbackReport : public ::testing::TestWithParam<report_case> {};

TEST_P(UsmManagerLoopbackReport, MapsToItsOwnError) {
  rig t;
  expect_agent_value(t.get(), t.agent);
  t.agent.set_forced_report(GetParam().stat);
  const outcome o = t.get();
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, make_error_code(GetParam().expected)) << o.ec.message();
}

INSTANTIATE_TEST_SUITE_P(
    UsmStats, UsmManagerLoopbackReport,
    ::testing::Values(report_case{"WrongDigests", usm_stat::wrong_digests, errc::authentication_failure},
                      report_case{"UnknownUserNames", usm_stat::unknown_user_names, errc::unknown_user_name},
                      report_case{"DecryptionErrors", usm_stat::decryption_errors, errc::decryption_error},
                      report_case{"UnsupportedSecLevels", usm_stat::unsupported_sec_levels,
                                  errc::unsupported_security_level}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

// ---------------------------------------------------------------- D9, D10

TEST(UsmManagerLoopback, PrivParamsNeverRepeatAcrossTwoThousandRequests) {
  rig t;
  constexpr std::size_t n = 2000;
  std::vector<std::shared_ptr<outcome>> outs;
  for (std::size_t i = 0; i < n; ++i) outs.push_back(t.start(kAliceManager, t.to(5000ms, 1)));
  ASSERT_TRUE(run_until(t.loop, [&] {
    for (auto& o : outs)
      if (!o->calls) return false;
    return true;
  }, 15s));
  std::size_t ok = 0;
  for (auto& o : outs) ok += o->calls == 1 && !o->ec;
  EXPECT_EQ(ok, n);
  std::set<std::string> params;
  std::size_t encrypted = 0;
  for (const auto* q : t.authentic()) {
    ASSERT_EQ(q->usm.priv_params.size(), 8u);
    params.insert(q->usm.priv_params);
    ++encrypted;
  }
  EXPECT_GE(encrypted, n);
  EXPECT_EQ(params.size(), encrypted) << "a privParams value was used twice";
}

TEST(UsmManagerLoopback, DesPrivParamsStartWithTheBoots) {
  rig t;
  t.agent.add_user({"dave", crypto::auth_algorithm::md5, "dave-auth-pass", crypto::priv_algorithm::des,
                    "dave-priv-pass"});
  t.agent.set_boots(0x01020304);
  const usm_user_data u{.user_name = "dave",
                        .auth = auth_protocol::hmac_md5,
                        .auth_key = "dave-auth-pass",
                        .priv = priv_protocol::des,
                        .priv_key = "dave-priv-pass"};
  std::vector<std::shared_ptr<outcome>> outs;
  for (int i = 0; i < 50; ++i) outs.push_back(t.start(u, t.to()));
  ASSERT_TRUE(run_until(t.loop, [&] {
    for (auto& o : outs)
      if (!o->calls) return false;
    return true;
  }));
  for (auto& o : outs) ASSERT_FALSE(o->ec) << o->ec.message();
  std::set<std::string> params;
  for (const auto* q : t.authentic()) {
    ASSERT_EQ(q->usm.priv_params.size(), 8u);
    EXPECT_EQ(q->usm.priv_params.substr(0, 4), std::string("\x01\x02\x03\x04", 4));
    params.insert(q->usm.priv_params);
  }
  EXPECT_EQ(params.size(), 50u);
}

class UsmManagerLoopbackPadding : public ::testing::TestWithParam<std::pair<crypto::priv_algorithm, priv_protocol>> {};

TEST_P(UsmManagerLoopbackPadding, ZeroPaddedAesPlaintextIsAccepted) {
  rig t;
  t.agent.add_user({"erin", crypto::auth_algorithm::sha1, "erin-auth-pass", GetParam().first, "erin-priv-pass"});
  const usm_user_data u{.user_name = "erin",
                        .auth = auth_protocol::hmac_sha,
                        .auth_key = "erin-auth-pass",
                        .priv = GetParam().second,
                        .priv_key = "erin-priv-pass"};
  std::size_t padded = 0;
  t.agent.set_hook([&padded](fake_v3_agent& a, const v3_received& q) {
    if (!q.authentic) return false;
    a.reply(q, {.pad_plaintext_to = 16});  // as PySNMP 4.4.12 does
    ++padded;
    return true;
  });
  const outcome o = t.get(u);
  EXPECT_EQ(padded, 1u);
  expect_agent_value(o, t.agent);
}

INSTANTIATE_TEST_SUITE_P(Aes, UsmManagerLoopbackPadding,
                         ::testing::Values(std::pair{crypto::priv_algorithm::aes128, priv_protocol::aes128},
                                           std::pair{crypto::priv_algorithm::aes256, priv_protocol::aes256_blumenthal},
                                           std::pair{crypto::priv_algorithm::aes256_reeder,
                                                     priv_protocol::aes256_reeder}));

}  // namespace
