// Notification Originator to Notification Receiver over 127.0.0.1, two engines on one
// reactor: v1/v2c traps, v2c informs, SNMPv3 traps (sender authoritative) and informs
// (receiver authoritative, discovered first), and what the receiver refuses.
#include <snmpio/notification_originator.hpp>
#include <snmpio/notification_receiver.hpp>

#include <snmpio/error.hpp>

#include <gtest/gtest.h>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <chrono>
#include <sstream>

namespace snmpio {
namespace {

using namespace std::chrono_literals;
namespace no = notification_oids;

struct NotificationLoopback : ::testing::Test {
  reactor loop;
  // What the receiving engine logs (spdlog, injected).
  std::ostringstream log_text;
  std::shared_ptr<spdlog::logger> log =
      std::make_shared<spdlog::logger>("rx", std::make_shared<spdlog::sinks::ostream_sink_st>(log_text));
  engine rx_engine{loop, {.engine_id = std::string("\x80\x00\x1f\x88\x04rxeng", 10), .logger = log}};
  engine tx_engine{loop, {.engine_id = std::string("\x80\x00\x1f\x88\x04txeng", 10)}};
  notification_receiver receiver{rx_engine};
  notification_originator originator{tx_engine};
  std::vector<received_notification> got;
  std::uint16_t port = 0;

  void SetUp() override {
    ASSERT_FALSE(rx_engine.listen(endpoint::loopback_v4(0)));
    port = rx_engine.listening_endpoints().at(0).port();
    ASSERT_FALSE(rx_engine.add_community({.community = "public", .security_name = "comm"}));
    ASSERT_FALSE(rx_engine.add_vacm_view("all", oid("1"), ""));
    allow(security_model::v1, "comm");
    allow(security_model::v2c, "comm");
    ASSERT_FALSE(receiver.on_notification([this](const received_notification& n) { got.push_back(n); }));
  }
  // Authorizes notifications from `name` at `level` and above (VACM: its own group, an
  // access entry whose notify view holds everything).
  void allow(security_model model, const std::string& name, security_level level = security_level::no_auth_no_priv,
             std::string view = "all") {
    rx_engine.add_vacm_group(model, name, "g-" + name);
    rx_engine.add_vacm_access({.group = "g-" + name, .model = model, .level = level, .notify_view = std::move(view)});
  }
  udp_target to() const { return {"127.0.0.1", port, {.timeout = 300ms, .retries = 2}}; }
  template <class Pred>
  bool run_until(Pred p, std::chrono::milliseconds limit = 3000ms) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!p() && std::chrono::steady_clock::now() < end) loop.run_once(20ms);
    return p();
  }
  static notification sample() {
    notification n;
    n.trap_oid = oid("1.3.6.1.4.1.8072.2.3.0.1");
    n.uptime = 1234;
    n.varbinds.push_back({oid("1.3.6.1.4.1.8072.2.3.2.1"), value::integer32(42)});
    n.varbinds.push_back({oid("1.3.6.1.2.1.1.5.0"), value::octet_string("host")});
    return n;
  }
  static void expect_v2_varbinds(const std::vector<varbind>& vbs) {
    ASSERT_GE(vbs.size(), 4u);
    EXPECT_EQ(vbs[0].name, no::sys_up_time());
    EXPECT_EQ(vbs[0].value, value::time_ticks(1234));
    EXPECT_EQ(vbs[1].name, no::snmp_trap_oid());
    EXPECT_EQ(vbs[1].value, value::object_identifier(oid("1.3.6.1.4.1.8072.2.3.0.1")));
    EXPECT_EQ(vbs[2].value, value::integer32(42));
    EXPECT_EQ(vbs[3].value, value::octet_string("host"));
  }
};

TEST_F(NotificationLoopback, V2cTrap) {
  int sent = 0;
  std::error_code sent_ec = errc::timeout;
  ASSERT_FALSE(originator.send_trap(community_data{"public", snmp_version::v2c}, to(), sample(),
                                    [&](std::error_code ec) { ++sent, sent_ec = ec; }));
  EXPECT_EQ(sent, 0);  // never from inside the call
  ASSERT_TRUE(run_until([&] { return !got.empty() && sent; }));
  EXPECT_FALSE(sent_ec);
  const auto& n = got[0];
  EXPECT_EQ(n.version, snmp_version::v2c);
  EXPECT_EQ(n.type, pdu_type::trap_v2);
  EXPECT_EQ(n.community, "public");
  EXPECT_EQ(n.security_name, "comm");
  EXPECT_EQ(n.source.port(), tx_engine.local_endpoint(address_family::ipv4).port());
  expect_v2_varbinds(n.varbinds);
  EXPECT_EQ(n.varbinds.size(), 4u);
}

TEST_F(NotificationLoopback, V1TrapFromV2FormAndGivenFields) {
  ASSERT_FALSE(originator.send_trap(community_data{"public", snmp_version::v1}, to(), sample()));
  notification explicit_v1 = sample();
  explicit_v1.v1 = notification::v1_fields{oid("1.3.6.1.4.1.99"), {10, 0, 0, 9}, 6, 77};
  ASSERT_FALSE(originator.send_trap(community_data{"public", snmp_version::v1}, to(), explicit_v1));
  ASSERT_TRUE(run_until([&] { return got.size() == 2; }));
  for (const auto& n : got) {
    EXPECT_EQ(n.version, snmp_version::v1);
    EXPECT_EQ(n.type, pdu_type::trap_v1);
  }
  // Translated from the v2 form (RFC 3584 §3.2) and back (§3.1).
  EXPECT_EQ(got[0].original.enterprise, oid("1.3.6.1.4.1.8072.2.3"));
  EXPECT_EQ(got[0].original.generic_trap, 6);
  EXPECT_EQ(got[0].original.specific_trap, 1);
  EXPECT_EQ(got[0].original.time_stamp, 1234u);
  expect_v2_varbinds(got[0].varbinds);
  ASSERT_EQ(got[0].varbinds.size(), 7u);
  EXPECT_EQ(got[0].varbinds[5].value, value::octet_string("public"));  // snmpTrapCommunity.0
  EXPECT_EQ(got[1].original.enterprise, oid("1.3.6.1.4.1.99"));
  EXPECT_EQ(got[1].original.agent_address, (std::array<std::uint8_t, 4>{10, 0, 0, 9}));
  EXPECT_EQ(got[1].original.specific_trap, 77);
  EXPECT_EQ(got[1].varbinds[1].value, value::object_identifier(oid("1.3.6.1.4.1.99.0.77")));
}

TEST_F(NotificationLoopback, V2cInformAcknowledgedWithItsVarbinds) {
  int calls = 0;
  response ack;
  std::error_code ack_ec = errc::timeout;
  auto h = originator.send_inform(community_data{"public"}, to(), sample(), [&](std::error_code ec, response r) {
    ++calls, ack_ec = ec, ack = std::move(r);
  });
  ASSERT_TRUE(h);
  ASSERT_TRUE(run_until([&] { return calls > 0; }));
  run_until([] { return false; }, 100ms);
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(ack_ec);
  expect_v2_varbinds(ack.varbinds);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].type, pdu_type::inform_request);
  EXPECT_EQ(receiver.stats().informs_acknowledged, 1u);
}

TEST_F(NotificationLoopback, InformWithoutReceiverTimesOutOnce) {
  int calls = 0;
  std::error_code ec0;
  udp_target nowhere = to();
  nowhere.options = {.timeout = 50ms, .retries = 1};
  ASSERT_FALSE(rx_engine.add_community({.community = "x", .security_name = "x"}));
  auto h = originator.send_inform(community_data{"wrong"}, nowhere, sample(), [&](std::error_code ec, response) {
    ++calls, ec0 = ec;
  });
  ASSERT_TRUE(h);
  ASSERT_TRUE(run_until([&] { return calls > 0; }));
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(ec0, errc::timeout);
  EXPECT_TRUE(got.empty());
  EXPECT_EQ(rx_engine.agent_statistics().in_bad_community_names, 2u);  // first try and one retry
}

TEST_F(NotificationLoopback, WrongCommunityTrapDroppedAndCounted) {
  ASSERT_FALSE(originator.send_trap(community_data{"publi", snmp_version::v2c}, to(), sample()));
  ASSERT_FALSE(originator.send_trap(community_data{"public", snmp_version::v2c}, to(), sample()));
  ASSERT_TRUE(run_until([&] { return got.size() == 1; }));
  run_until([] { return false; }, 50ms);
  EXPECT_EQ(got.size(), 1u);
  EXPECT_EQ(rx_engine.agent_statistics().in_bad_community_names, 1u);
}

usm_user_data user(std::string name, auth_protocol a, priv_protocol p) {
  usm_user_data u;
  u.user_name = std::move(name);
  u.auth = a;
  u.priv = p;
  if (a != auth_protocol::none) u.auth_key = "authpass1";
  if (p != priv_protocol::none) u.priv_key = "privpass1";
  return u;
}

TEST_F(NotificationLoopback, V3TrapsAuthenticatedAgainstTheSendersEngineUsers) {
  const std::vector<usm_user_data> users = {user("na", auth_protocol::none, priv_protocol::none),
                                            user("an", auth_protocol::hmac_sha256, priv_protocol::none),
                                            user("ap", auth_protocol::hmac_sha, priv_protocol::aes128),
                                            user("ap2", auth_protocol::hmac_sha512, priv_protocol::aes256_blumenthal)};
  for (auto u : users) {
    u.security_engine_id = tx_engine.engine_id();  // snmptrapd's createUser -e
    ASSERT_FALSE(rx_engine.add_usm_user(u));
    allow(security_model::usm, u.user_name);
  }
  for (const auto& u : users) ASSERT_FALSE(originator.send_trap(u, to(), context_data{}, sample()));
  ASSERT_TRUE(run_until([&] { return got.size() == users.size(); }));
  for (std::size_t i = 0; i < users.size(); ++i) {
    EXPECT_EQ(got[i].version, snmp_version::v3);
    EXPECT_EQ(got[i].security_name, users[i].user_name);
    EXPECT_EQ(got[i].security_engine_id, tx_engine.engine_id());
    EXPECT_EQ(static_cast<int>(got[i].level), static_cast<int>(i == 0 ? 1 : i == 1 ? 2 : 3));
    expect_v2_varbinds(got[i].varbinds);
  }
}

TEST_F(NotificationLoopback, V3TrapWrongPasswordAndUnknownEngineRejected) {
  auto u = user("ap", auth_protocol::hmac_sha, priv_protocol::aes128);
  auto configured = u;
  configured.security_engine_id = tx_engine.engine_id();
  configured.auth_key = "otherpass1";
  ASSERT_FALSE(rx_engine.add_usm_user(configured));
  ASSERT_FALSE(originator.send_trap(u, to(), context_data{}, sample()));
  // From an engine nobody configured: usmStatsUnknownEngineIDs.
  engine stranger(loop, {.engine_id = std::string("\x80\x00\x1f\x88\x04other", 10)});
  notification_originator o2(stranger);
  ASSERT_FALSE(o2.send_trap(u, to(), context_data{}, sample()));
  ASSERT_TRUE(run_until([&] {
    auto s = rx_engine.agent_statistics();
    return s.usm_wrong_digests == 1 && s.usm_unknown_engine_ids == 1;
  }));
  EXPECT_TRUE(got.empty());
}

TEST_F(NotificationLoopback, UnknownEngineLearnedOnlyWhenOptedIn) {
  auto u = user("learner", auth_protocol::hmac_sha, priv_protocol::aes128);
  ASSERT_FALSE(rx_engine.add_usm_user(u));  // a local user of the receiver
  allow(security_model::usm, u.user_name);
  ASSERT_FALSE(originator.send_trap(u, to(), context_data{}, sample()));
  ASSERT_TRUE(run_until([&] { return rx_engine.agent_statistics().usm_unknown_engine_ids == 1; }));
  EXPECT_TRUE(got.empty());
  receiver.set_learn_engine_ids(true);
  ASSERT_FALSE(originator.send_trap(u, to(), context_data{}, sample()));
  ASSERT_TRUE(run_until([&] { return got.size() == 1; }));
  EXPECT_EQ(got[0].security_engine_id, tx_engine.engine_id());
}

TEST_F(NotificationLoopback, V3InformDiscoversTheReceiver) {
  for (auto [a, p] : {std::pair{auth_protocol::none, priv_protocol::none},
                      std::pair{auth_protocol::hmac_md5, priv_protocol::des},
                      std::pair{auth_protocol::hmac_sha384, priv_protocol::aes192_blumenthal}}) {
    got.clear();
    auto u = user("inf" + std::to_string(static_cast<int>(a)), a, p);
    ASSERT_FALSE(rx_engine.add_usm_user(u));  // a user of the receiver's own engine
    allow(security_model::usm, u.user_name);
    int calls = 0;
    response ack;
    std::error_code ack_ec = errc::timeout;
    auto h = originator.send_inform(u, to(), context_data{}, sample(), [&](std::error_code ec, response r) {
      ++calls, ack_ec = ec, ack = std::move(r);
    });
    ASSERT_TRUE(h);
    ASSERT_TRUE(run_until([&] { return calls > 0; }));
    EXPECT_EQ(calls, 1);
    EXPECT_FALSE(ack_ec) << ack_ec.message();
    expect_v2_varbinds(ack.varbinds);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].security_engine_id, rx_engine.engine_id());
    EXPECT_EQ(got[0].type, pdu_type::inform_request);
  }
}

// ---- authorization (RFC 3415 VACM, as snmptrapd applies it)

// A user whose access asks for authPriv: the same user name at noAuthNoPriv (no keys
// needed: USM lets a lower level through) and at authNoPriv is refused, counted and
// logged; at authPriv it passes.
TEST_F(NotificationLoopback, V3TrapBelowTheAccessLevelRefusedCountedAndLogged) {
  auto u = user("ap", auth_protocol::hmac_sha, priv_protocol::aes128);
  auto configured = u;
  configured.security_engine_id = tx_engine.engine_id();
  ASSERT_FALSE(rx_engine.add_usm_user(configured));
  allow(security_model::usm, "ap", security_level::auth_priv);
  auto no_auth = user("ap", auth_protocol::none, priv_protocol::none);
  auto auth_only = user("ap", auth_protocol::hmac_sha, priv_protocol::none);
  ASSERT_FALSE(originator.send_trap(no_auth, to(), context_data{}, sample()));
  ASSERT_FALSE(originator.send_trap(auth_only, to(), context_data{}, sample()));
  ASSERT_FALSE(originator.send_trap(u, to(), context_data{}, sample()));
  ASSERT_TRUE(run_until([&] { return got.size() == 1 && receiver.stats().unauthorized == 2; }));
  EXPECT_EQ(got[0].level, security_level::auth_priv);
  EXPECT_TRUE(got[0].allows(access_kind::notify));
  EXPECT_EQ(receiver.stats().notifications, 1u);
  const std::string text = log_text.str();
  EXPECT_NE(text.find("trap from 127.0.0.1:"), std::string::npos) << text;
  EXPECT_NE(text.find("refused: user \"ap\" at noAuthNoPriv"), std::string::npos) << text;
  EXPECT_NE(text.find("refused: user \"ap\" at authNoPriv"), std::string::npos) << text;
  EXPECT_NE(text.find("no access entry"), std::string::npos) << text;
}

// An inform below the access level is not acknowledged: the originator times out.
TEST_F(NotificationLoopback, V3InformBelowTheAccessLevelIsNotAcknowledged) {
  ASSERT_FALSE(rx_engine.add_usm_user(user("inf", auth_protocol::hmac_sha256, priv_protocol::aes128)));
  allow(security_model::usm, "inf", security_level::auth_no_priv);
  int calls = 0;
  std::error_code ack_ec;
  auto h = originator.send_inform(user("inf", auth_protocol::none, priv_protocol::none), to(), context_data{},
                                  sample(), [&](std::error_code ec, response) { ++calls, ack_ec = ec; });
  ASSERT_TRUE(h);
  ASSERT_TRUE(run_until([&] { return calls > 0; }));
  EXPECT_EQ(ack_ec, errc::timeout);
  EXPECT_TRUE(got.empty());
  EXPECT_EQ(receiver.stats().informs_acknowledged, 0u);
  EXPECT_GE(receiver.stats().unauthorized, 1u);
  EXPECT_NE(log_text.str().find("inform from 127.0.0.1:"), std::string::npos) << log_text.str();
}

// Only notifications whose snmpTrapOID is in the view pass.
TEST_F(NotificationLoopback, TrapOidOutsideTheViewRefused) {
  ASSERT_FALSE(rx_engine.add_community({.community = "c2", .security_name = "comm2"}));
  ASSERT_FALSE(rx_engine.add_vacm_view("std-traps", oid("1.3.6.1.6.3.1.1.5"), ""));
  allow(security_model::v2c, "comm2", security_level::no_auth_no_priv, "std-traps");
  ASSERT_FALSE(originator.send_trap(community_data{"c2"}, to(), sample()));  // an enterprise trap OID
  notification cold = sample();
  cold.trap_oid = oid("1.3.6.1.6.3.1.1.5.1");
  ASSERT_FALSE(originator.send_trap(community_data{"c2"}, to(), cold));
  ASSERT_TRUE(run_until([&] { return got.size() == 1 && receiver.stats().unauthorized == 1; }));
  EXPECT_EQ(got[0].varbinds[1].value, value::object_identifier(oid("1.3.6.1.6.3.1.1.5.1")));
  EXPECT_NE(log_text.str().find("snmpTrapOID is in no view"), std::string::npos) << log_text.str();
}

// The access bits say which kinds of view hold the trap OID (snmptrapd's log,
// execute, net): an entry with only a log view grants log, and nothing else.
TEST_F(NotificationLoopback, AccessBitsAreTheKindsOfViewGranted) {
  ASSERT_FALSE(rx_engine.add_community({.community = "logonly", .security_name = "lo"}));
  rx_engine.add_vacm_group(security_model::v2c, "lo", "g-lo");
  rx_engine.add_vacm_access({.group = "g-lo", .level = security_level::no_auth_no_priv, .log_view = "all",
                             .net_view = "all"});
  ASSERT_FALSE(originator.send_trap(community_data{"logonly"}, to(), sample()));
  ASSERT_TRUE(run_until([&] { return got.size() == 1; }));
  EXPECT_TRUE(got[0].allows(access_kind::log));
  EXPECT_TRUE(got[0].allows(access_kind::net));
  EXPECT_FALSE(got[0].allows(access_kind::notify));
  EXPECT_FALSE(got[0].allows(access_kind::execute));
  EXPECT_FALSE(got[0].allows(access_kind::read));
}

// No VACM at all: nothing passes (snmptrapd: "No access configuration - dropping
// trap"), until authorization is turned off; then every kind is granted.
TEST(NotificationAuthorization, NothingPassesWithoutAccessConfigurationUntilTurnedOff) {
  reactor loop;
  engine rx(loop), tx(loop);
  notification_receiver receiver(rx);
  notification_originator originator(tx);
  ASSERT_FALSE(rx.listen(endpoint::loopback_v4(0)));
  ASSERT_FALSE(rx.add_community({.community = "public", .security_name = "public"}));
  std::vector<received_notification> got;
  ASSERT_FALSE(receiver.on_notification([&](const received_notification& n) { got.push_back(n); }));
  const udp_target to{"127.0.0.1", rx.listening_endpoints().at(0).port()};
  notification n;
  n.trap_oid = oid("1.3.6.1.6.3.1.1.5.1");
  auto run_until = [&](auto pred) {
    const auto end = std::chrono::steady_clock::now() + 3s;
    while (!pred() && std::chrono::steady_clock::now() < end) loop.run_once(20ms);
    return pred();
  };
  ASSERT_FALSE(originator.send_trap(community_data{"public"}, to, n));
  ASSERT_TRUE(run_until([&] { return receiver.stats().unauthorized == 1; }));
  EXPECT_TRUE(got.empty());
  receiver.set_authorization(false);
  ASSERT_FALSE(originator.send_trap(community_data{"public"}, to, n));
  ASSERT_TRUE(run_until([&] { return got.size() == 1; }));
  EXPECT_EQ(got[0].access, 0x3f);
}

// What a sender controls (community, user name) is logged with its control characters
// escaped: a newline cannot forge a second log line.
TEST_F(NotificationLoopback, RefusalLogEscapesWhatTheSenderControls) {
  receiver.set_accept_any_community(true);  // any community reaches authorization
  ASSERT_FALSE(originator.send_trap(community_data{"evil\n2026-01-01 forged line\x1b[2J"}, to(), sample()));
  ASSERT_TRUE(run_until([&] { return receiver.stats().unauthorized == 1; }));
  const std::string text = log_text.str();
  EXPECT_NE(text.find("evil\\x0a2026-01-01 forged line\\x1b[2J"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  EXPECT_TRUE(got.empty());
}

TEST_F(NotificationLoopback, BadArguments) {
  notification empty;
  EXPECT_EQ(originator.send_trap(community_data{"public"}, to(), empty), errc::invalid_argument);
  EXPECT_FALSE(originator.send_inform(community_data{"public", snmp_version::v1}, to(), sample(),
                                      [](std::error_code, response) {}));
  auto u = user("x", auth_protocol::hmac_sha, priv_protocol::none);
  u.security_engine_id = "\x80\x00\x00\x00\x01zz";
  EXPECT_EQ(originator.send_trap(u, to(), context_data{}, sample()), errc::invalid_argument);
  notification bad_v1 = sample();
  bad_v1.v1 = notification::v1_fields{oid("1.3.6.1.4.1.1"), {}, 9, 0};
  EXPECT_EQ(originator.send_trap(community_data{"public", snmp_version::v1}, to(), bad_v1), errc::invalid_argument);
  // A second receiver on the same engine is refused.
  notification_receiver second(rx_engine);
  EXPECT_EQ(second.on_notification([](const received_notification&) {}), errc::invalid_argument);
}

}  // namespace
}  // namespace snmpio
