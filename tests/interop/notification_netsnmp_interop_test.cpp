// Notifications both ways against Net-SNMP 5.9:
//  - snmpio-trap (the sample, on the library's originator) to the real snmptrapd:
//    v1 trap, v2c trap and inform, v3 traps and informs over every auth x priv pair
//    snmptrapd takes, IPv4 and IPv6; snmptrapd's log is read back varbind by varbind.
//  - snmptrap and snmpinform to snmpio's receiver (an engine on its own thread), and
//    to the snmpio-trapd sample: the same matrix, the varbinds compared, the odd v1
//    traps of testing.md B10 and unknown engine IDs rejected.
#include <snmpio/notification_originator.hpp>
#include <snmpio/notification_receiver.hpp>

#include "tests/support/usm_matrix.hpp"
#include "tests/support/echo_responder.hpp"
#include "tests/support/snmptrapd_fixture.hpp"
#include "tests/support/tool_runner.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <future>
#include <mutex>

namespace snmpio {
namespace {

using namespace std::chrono_literals;

using test::auth_case;
using test::kAuths;
using test::kPrivs;
using test::priv_case;

// The engine ID snmpio-trap / snmptrap send v3 traps with (their -e).
const char* const kSenderEngineHex = "0x80001F8804736E6D70696F";  // 80 00 1F 88 04 "snmpio"
const std::string kSenderEngine("\x80\x00\x1f\x88\x04snmpio", 11);

std::string user_name(const char* kind, const auth_case& a, const priv_case& p) {
  return std::string(kind) + "-" + a.name + (p.name[0] ? std::string("-") + p.name : std::string());
}
std::string v3_flags(const std::string& user, const auth_case& a, const priv_case& p) {
  std::string f = " -v3 -u " + user + " -l " + (p.name[0] ? "authPriv" : "authNoPriv") + " -a " + a.name +
                  " -A authpass-" + a.name;
  if (p.name[0]) f += std::string(" -x ") + p.name + " -X privpass-" + p.name;
  return f;
}
std::string create_user_line(const std::string& engine_flag, const std::string& user, const auth_case& a,
                             const priv_case& p) {
  std::string l = "createUser " + engine_flag + user + " " + a.name + " authpass-" + a.name;
  if (p.name[0]) l += std::string(" ") + p.name + " privpass-" + p.name;
  return l + "\n";
}

// ---------------------------------------------------------------- snmpio -> snmptrapd

class SnmpioToSnmptrapdInterop : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string conf = "createUser -e " + std::string(kSenderEngineHex) + " t-none\nauthUser log t-none noauth\n";
    for (const auto& a : kAuths)
      for (const auto& p : kPrivs) {
        const auto t = user_name("t", a, p), i = user_name("i", a, p);
        conf += create_user_line("-e " + std::string(kSenderEngineHex) + " ", t, a, p);
        conf += create_user_line("", i, a, p);
        conf += "authUser log " + t + " noauth\nauthUser log " + i + " noauth\n";
      }
    trapd_ = new test::snmptrapd_fixture({.extra_config = conf});
  }
  static void TearDownTestSuite() {
    delete trapd_;
    trapd_ = nullptr;
  }
  static std::string trap_tool() { return test::sample_path("snmpio-trap"); }
  static test::snmptrapd_fixture* trapd_;
  static inline int marker_ = 0;
  std::string next_marker() { return "marker-" + std::to_string(::getpid()) + "-" + std::to_string(++marker_); }
};
test::snmptrapd_fixture* SnmpioToSnmptrapdInterop::trapd_ = nullptr;

TEST_F(SnmpioToSnmptrapdInterop, V1Trap) {
  const auto m = next_marker();
  auto r = test::run_tool(trap_tool() + " -v1 -c public " + trapd_->v4_spec() +
                          " 1.3.6.1.4.1.8072.9 192.0.2.7 6 77 4242 1.3.6.1.2.1.1.5.0 s " + m +
                          " 1.3.6.1.4.1.8072.9.1 i -5");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto line = trapd_->wait_for(m);
  ASSERT_FALSE(line.empty()) << trapd_->log();
  EXPECT_NE(line.find("TRAP, SNMP v1, community public"), std::string::npos) << line;
  EXPECT_NE(line.find("| .1.3.6.1.4.1.8072.9 | 6 | .77 |"), std::string::npos) << line;
  EXPECT_NE(line.find(".1.3.6.1.2.1.1.5.0 = STRING: \"" + m + "\""), std::string::npos) << line;
  EXPECT_NE(line.find(".1.3.6.1.4.1.8072.9.1 = INTEGER: -5"), std::string::npos) << line;
}

TEST_F(SnmpioToSnmptrapdInterop, V2cTrapAndInformOverIpv4AndIpv6) {
  for (const auto& spec : {trapd_->v4_spec(), trapd_->v6_spec()})
    for (const bool inform : {false, true}) {
      const auto m = next_marker();
      auto r = test::run_tool(trap_tool() + (inform ? " -Ci" : "") + " -v2c -c public " + spec +
                              " 12345 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.2.1.1.5.0 s " + m +
                              " 1.3.6.1.4.1.8072.2.3.2.1 u 4000000000");
      ASSERT_EQ(r.status, 0) << spec << r.err;
      const auto line = trapd_->wait_for(m);
      ASSERT_FALSE(line.empty()) << spec << trapd_->log();
      EXPECT_NE(line.find(inform ? "INFORM, SNMP v2c, community public" : "TRAP2, SNMP v2c, community public"),
                std::string::npos)
          << line;
      EXPECT_NE(line.find(".1.3.6.1.2.1.1.3.0 = Timeticks: (12345)"), std::string::npos) << line;
      EXPECT_NE(line.find(".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.4.1.8072.2.3.0.1"), std::string::npos) << line;
      EXPECT_NE(line.find(".1.3.6.1.4.1.8072.2.3.2.1 = Gauge32: 4000000000"), std::string::npos) << line;
    }
}

TEST_F(SnmpioToSnmptrapdInterop, V3TrapsAndInformsEveryAuthPrivPair) {
  int checked = 0;
  for (const auto& a : kAuths)
    for (const auto& p : kPrivs)
      for (const bool inform : {false, true}) {
        const auto user = user_name(inform ? "i" : "t", a, p);
        const auto m = next_marker();
        std::string cmd = trap_tool() + (inform ? " -Ci" : " -e " + std::string(kSenderEngineHex)) +
                          v3_flags(user, a, p) + " " + trapd_->v4_spec() +
                          " '' 1.3.6.1.6.3.1.1.5.4 1.3.6.1.2.1.2.2.1.1.2 i 2 1.3.6.1.2.1.1.5.0 s " + m;
        auto r = test::run_tool(cmd);
        ASSERT_EQ(r.status, 0) << cmd << "\n" << r.err;
        const auto line = trapd_->wait_for(m);
        ASSERT_FALSE(line.empty()) << cmd << "\n" << trapd_->log();
        EXPECT_NE(line.find(std::string(inform ? "INFORM" : "TRAP2") + ", SNMP v3, user " + user), std::string::npos)
            << line;
        EXPECT_NE(line.find(".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.6.3.1.1.5.4"), std::string::npos) << line;
        EXPECT_NE(line.find(".1.3.6.1.2.1.2.2.1.1.2 = INTEGER: 2"), std::string::npos) << line;
        ++checked;
      }
  EXPECT_EQ(checked, 84);
  // noAuthNoPriv trap.
  const auto m = next_marker();
  auto r = test::run_tool(trap_tool() + " -e " + kSenderEngineHex + " -v3 -u t-none -l noAuthNoPriv " +
                          trapd_->v4_spec() + " '' 1.3.6.1.6.3.1.1.5.1 1.3.6.1.2.1.1.5.0 s " + m);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(trapd_->wait_for(m).empty());
}

TEST_F(SnmpioToSnmptrapdInterop, V3InformWrongPasswordFails) {
  const auto& a = kAuths[1];
  const auto& p = kPrivs[2];
  auto r = test::run_tool(trap_tool() + " -Ci -r 0 -t 1 -v3 -u " + user_name("i", a, p) +
                          " -l authPriv -a SHA -A wrongpass1 -x AES -X privpass-AES " + trapd_->v4_spec() +
                          " '' 1.3.6.1.6.3.1.1.5.1");
  EXPECT_NE(r.status, 0);
}

// ---------------------------------------------------------------- Net-SNMP -> snmpio

struct recording_receiver {
  test::threaded_agent agent;
  notification_receiver receiver{agent.eng};
  std::mutex mu;
  std::vector<received_notification> got;

  recording_receiver() {
    agent.eng.add_community({.community = "public", .security_name = "comm"});
    // Authorization: the community and every user, at the level each one is made for.
    agent.eng.add_vacm_view("all", oid("1"));
    for (auto m : {security_model::v1, security_model::v2c}) agent.eng.add_vacm_group(m, "comm", "g-comm");
    agent.eng.add_vacm_access({.group = "g-comm", .level = security_level::no_auth_no_priv, .notify_view = "all"});
    auto allow = [&](const std::string& name, security_level level) {
      agent.eng.add_vacm_group(security_model::usm, name, "g-" + name);
      agent.eng.add_vacm_access({.group = "g-" + name, .model = security_model::usm, .level = level,
                                 .notify_view = "all"});
    };
    allow("t-none", security_level::no_auth_no_priv);
    usm_user_data none;
    none.user_name = "t-none";
    none.security_engine_id = kSenderEngine;
    agent.eng.add_usm_user(none);
    for (const auto& a : kAuths)
      for (const auto& p : kPrivs)
        for (const bool inform : {false, true}) {
          usm_user_data u;
          u.user_name = user_name(inform ? "i" : "t", a, p);
          u.auth = a.p;
          u.auth_key = std::string("authpass-") + a.name;
          u.priv = p.p;
          if (p.name[0]) u.priv_key = std::string("privpass-") + p.name;
          if (!inform) u.security_engine_id = kSenderEngine;
          EXPECT_FALSE(agent.eng.add_usm_user(u)) << u.user_name;
          allow(u.user_name, p.name[0] ? security_level::auth_priv : security_level::auth_no_priv);
        }
    EXPECT_FALSE(receiver.on_notification([this](const received_notification& n) {
      std::lock_guard<std::mutex> lock(mu);
      got.push_back(n);
    }));
    agent.start();
  }
  std::optional<received_notification> wait_for(const std::string& marker, std::chrono::milliseconds limit = 5000ms) {
    const auto end = std::chrono::steady_clock::now() + limit;
    do {
      {
        std::lock_guard<std::mutex> lock(mu);
        for (const auto& n : got)
          for (const auto& vb : n.varbinds)
            if (vb.value.type() == value_type::octet_string && vb.value.as_octets() == marker) return n;
      }
      std::this_thread::sleep_for(10ms);
    } while (std::chrono::steady_clock::now() < end);
    return std::nullopt;
  }
  std::size_t count() {
    std::lock_guard<std::mutex> lock(mu);
    return got.size();
  }
  // The receiver and engine live on the agent's thread: read them there.
  receiver_stats receiver_stats_now() {
    std::promise<receiver_stats> p;
    auto f = p.get_future();
    agent.loop.post([&] { p.set_value(receiver.stats()); });
    return f.get();
  }
  agent_stats agent_stats_now() {
    std::promise<agent_stats> p;
    auto f = p.get_future();
    agent.loop.post([&] { p.set_value(agent.eng.agent_statistics()); });
    return f.get();
  }
};

class NetsnmpToSnmpioInterop : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { rx_ = new recording_receiver(); }
  static void TearDownTestSuite() {
    delete rx_;
    rx_ = nullptr;
  }
  static std::string spec(bool v6 = false) {
    return v6 ? "udp6:[::1]:" + std::to_string(rx_->agent.port6) : "udp:127.0.0.1:" + std::to_string(rx_->agent.port4);
  }
  static recording_receiver* rx_;
  static inline int marker_ = 0;
  std::string next_marker() { return "nmark-" + std::to_string(::getpid()) + "-" + std::to_string(++marker_); }
};
recording_receiver* NetsnmpToSnmpioInterop::rx_ = nullptr;

void expect_header(const received_notification& n, std::uint32_t uptime, const oid& trap) {
  ASSERT_GE(n.varbinds.size(), 2u);
  EXPECT_EQ(n.varbinds[0].name, notification_oids::sys_up_time());
  if (uptime) {
    EXPECT_EQ(n.varbinds[0].value, value::time_ticks(uptime));
  }
  EXPECT_EQ(n.varbinds[1].name, notification_oids::snmp_trap_oid());
  EXPECT_EQ(n.varbinds[1].value, value::object_identifier(trap));
}

TEST_F(NetsnmpToSnmpioInterop, V1TrapTranslated) {
  const auto m = next_marker();
  auto r = test::run_tool("snmptrap -v1 -c public " + spec() + " 1.3.6.1.4.1.8072.9 192.0.2.7 6 77 4242 1.3.6.1.2.1.1.5.0 s " +
                          m + " 1.3.6.1.4.1.8072.9.1 i -5");
  ASSERT_EQ(r.status, 0) << r.err;
  auto n = rx_->wait_for(m);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->version, snmp_version::v1);
  EXPECT_EQ(n->type, pdu_type::trap_v1);
  EXPECT_EQ(n->community, "public");
  EXPECT_EQ(n->original.enterprise, oid("1.3.6.1.4.1.8072.9"));
  EXPECT_EQ(n->original.agent_address, (std::array<std::uint8_t, 4>{192, 0, 2, 7}));
  EXPECT_EQ(n->original.generic_trap, 6);
  EXPECT_EQ(n->original.specific_trap, 77);
  EXPECT_EQ(n->original.time_stamp, 4242u);
  expect_header(*n, 4242, oid("1.3.6.1.4.1.8072.9.0.77"));
  ASSERT_EQ(n->varbinds.size(), 7u);
  EXPECT_EQ(n->varbinds[3], (varbind{oid("1.3.6.1.4.1.8072.9.1"), value::integer32(-5)}));
  EXPECT_EQ(n->varbinds[4], (varbind{notification_oids::snmp_trap_address(), value::ip_address({192, 0, 2, 7})}));
  EXPECT_EQ(n->varbinds[5], (varbind{notification_oids::snmp_trap_community(), value::octet_string("public")}));
  EXPECT_EQ(n->varbinds[6],
            (varbind{notification_oids::snmp_trap_enterprise(), value::object_identifier(oid("1.3.6.1.4.1.8072.9"))}));
}

// An empty agent address: snmptrap fills in the host's address (RFC 1157: the address
// of the object generating the trap); snmpio-trap must fill in the same one.
TEST_F(NetsnmpToSnmpioInterop, V1TrapEmptyAgentAddressIsTheHostsAsSnmptrapSends) {
  const auto m1 = next_marker(), m2 = next_marker();
  const std::string tail = " 1.3.6.1.4.1.8072.9 '' 6 1 5 1.3.6.1.2.1.1.5.0 s ";
  auto r = test::run_tool("snmptrap -v1 -c public " + spec() + tail + m1);
  ASSERT_EQ(r.status, 0) << r.err;
  r = test::run_tool(test::sample_path("snmpio-trap") + " -v1 -c public " + spec() + tail + m2);
  ASSERT_EQ(r.status, 0) << r.err;
  auto theirs = rx_->wait_for(m1), ours = rx_->wait_for(m2);
  ASSERT_TRUE(theirs && ours);
  EXPECT_EQ(ours->original.agent_address, theirs->original.agent_address);
}

// snmptrap's value types c (Counter32) and C (Counter64), in snmpio-trap too, sent as
// snmptrap sends them; out-of-range and malformed values are errors.
TEST_F(NetsnmpToSnmpioInterop, TrapValueTypesCounter32AndCounter64AsSnmptrap) {
  const std::string vbs = " 1.3.6.1.4.1.1.1 c 4294967295 1.3.6.1.4.1.1.2 C 18446744073709551615 1.3.6.1.4.1.1.3 c 0";
  const auto m1 = next_marker(), m2 = next_marker();
  const std::string head = " -v2c -c public " + spec() + " 5 1.3.6.1.6.3.1.1.5.1 1.3.6.1.2.1.1.5.0 s ";
  auto r = test::run_tool("snmptrap" + head + m1 + vbs);
  ASSERT_EQ(r.status, 0) << r.err;
  r = test::run_tool(test::sample_path("snmpio-trap") + head + m2 + vbs);
  ASSERT_EQ(r.status, 0) << r.err;
  auto theirs = rx_->wait_for(m1), ours = rx_->wait_for(m2);
  ASSERT_TRUE(theirs && ours);
  ASSERT_EQ(ours->varbinds.size(), theirs->varbinds.size());
  for (std::size_t i = 3; i < ours->varbinds.size(); ++i) EXPECT_EQ(ours->varbinds[i], theirs->varbinds[i]) << i;
  EXPECT_EQ(ours->varbinds[4].value, value::counter64(18446744073709551615u));
  for (const char* bad : {" c 4294967296", " c -1", " c x", " C 18446744073709551616", " C 1.5", " q 1"}) {
    r = test::run_tool(test::sample_path("snmpio-trap") + head + "m 1.3.6.1.4.1.1.1" + bad);
    EXPECT_EQ(r.status, 1) << bad;
    EXPECT_NE(r.err.find("1.3.6.1.4.1.1.1: "), std::string::npos) << bad << ": " << r.err;
  }
}

TEST_F(NetsnmpToSnmpioInterop, V1TrapsWithOddFields) {
  // testing.md B10: short enterprises, every generic trap, specific at the INT32 limits.
  struct odd {
    const char* enterprise;
    int generic;
    const char* specific;
    const char* expected_trap_oid;
  };
  const odd cases[] = {{"1.3", 6, "2147483647", "1.3.0.2147483647"},
                       {"1.3", 6, "-2147483648", "1.3.0.2147483648"},
                       {"1.3.6.1.4.1.1", 0, "0", "1.3.6.1.6.3.1.1.5.1"},
                       {"1.3.6.1.4.1.1", 5, "9", "1.3.6.1.6.3.1.1.5.6"}};
  for (const auto& c : cases) {
    const auto m = next_marker();
    auto r = test::run_tool(std::string("snmptrap -v1 -c public ") + spec() + " " + c.enterprise + " 10.1.1.1 " +
                            std::to_string(c.generic) + " " + c.specific + " 7 1.3.6.1.2.1.1.5.0 s " + m);
    ASSERT_EQ(r.status, 0) << r.err;
    auto n = rx_->wait_for(m);
    ASSERT_TRUE(n) << c.enterprise << " " << c.specific;
    expect_header(*n, 7, oid(c.expected_trap_oid));
  }
  // A v1 trap whose enterprise is 128 arcs long: enterprise.0.specific cannot be
  // formed; it is dropped and counted, the receiver keeps going.
  std::string long_ent = "1.3";
  for (int i = 0; i < 126; ++i) long_ent += ".1";
  const auto before = rx_->receiver_stats_now().untranslatable;
  auto r = test::run_tool("snmptrap -v1 -c public " + spec() + " " + long_ent + " 10.1.1.1 6 1 7");
  ASSERT_EQ(r.status, 0) << r.err;
  for (int i = 0; i < 200 && rx_->receiver_stats_now().untranslatable == before; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(rx_->receiver_stats_now().untranslatable, before + 1);
}

TEST_F(NetsnmpToSnmpioInterop, V2cTrapAndInformOverIpv4AndIpv6) {
  for (const bool v6 : {false, true})
    for (const bool inform : {false, true}) {
      const auto m = next_marker();
      auto r = test::run_tool(std::string(inform ? "snmpinform" : "snmptrap") + " -v2c -c public " + spec(v6) +
                              " 12345 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.2.1.1.5.0 s " + m +
                              " 1.3.6.1.4.1.8072.2.3.2.1 u 4000000000");
      ASSERT_EQ(r.status, 0) << r.err;  // snmpinform exits 0 only once acknowledged
      auto n = rx_->wait_for(m);
      ASSERT_TRUE(n);
      EXPECT_EQ(n->type, inform ? pdu_type::inform_request : pdu_type::trap_v2);
      EXPECT_EQ(n->source.is_v6(), v6);
      expect_header(*n, 12345, oid("1.3.6.1.4.1.8072.2.3.0.1"));
      ASSERT_EQ(n->varbinds.size(), 4u);
      EXPECT_EQ(n->varbinds[3], (varbind{oid("1.3.6.1.4.1.8072.2.3.2.1"), value::gauge32(4000000000u)}));
    }
  // A wrong community: snmpinform gets no acknowledgement.
  auto r = test::run_tool("snmpinform -r 0 -t 1 -v2c -c wrong " + spec() + " '' 1.3.6.1.6.3.1.1.5.1");
  EXPECT_NE(r.status, 0);
}

TEST_F(NetsnmpToSnmpioInterop, V3TrapsAndInformsEveryAuthPrivPair) {
  int checked = 0;
  for (const auto& a : kAuths)
    for (const auto& p : kPrivs)
      for (const bool inform : {false, true}) {
        const auto user = user_name(inform ? "i" : "t", a, p);
        const auto m = next_marker();
        std::string cmd = std::string(inform ? "snmpinform" : "snmptrap -e " + std::string(kSenderEngineHex)) +
                          v3_flags(user, a, p) + " " + spec() +
                          " '' 1.3.6.1.6.3.1.1.5.4 1.3.6.1.2.1.2.2.1.1.2 i 2 1.3.6.1.2.1.1.5.0 s " + m;
        auto r = test::run_tool(cmd);
        ASSERT_EQ(r.status, 0) << cmd << "\n" << r.err;
        auto n = rx_->wait_for(m);
        ASSERT_TRUE(n) << cmd;
        EXPECT_EQ(n->version, snmp_version::v3);
        EXPECT_EQ(n->security_name, user);
        EXPECT_EQ(n->level, p.name[0] ? security_level::auth_priv : security_level::auth_no_priv);
        EXPECT_EQ(n->security_engine_id, inform ? rx_->agent.eng.engine_id() : kSenderEngine);
        expect_header(*n, 0, oid("1.3.6.1.6.3.1.1.5.4"));
        ASSERT_EQ(n->varbinds.size(), 4u);
        EXPECT_EQ(n->varbinds[2], (varbind{oid("1.3.6.1.2.1.2.2.1.1.2"), value::integer32(2)}));
        ++checked;
      }
  EXPECT_EQ(checked, 84);
}

TEST_F(NetsnmpToSnmpioInterop, UnknownEngineIdRejected) {
  const auto before = rx_->agent_stats_now().usm_unknown_engine_ids;
  const auto m = next_marker();
  auto r = test::run_tool("snmptrap -e 0x80001F88046F74686572" + v3_flags("t-SHA-AES", kAuths[1], kPrivs[2]) + " " +
                          spec() + " '' 1.3.6.1.6.3.1.1.5.1 1.3.6.1.2.1.1.5.0 s " + m);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(rx_->wait_for(m, 500ms));
  EXPECT_EQ(rx_->agent_stats_now().usm_unknown_engine_ids, before + 1);
}

// ---------------------------------------------------------------- Net-SNMP -> snmpio-trapd

// snmptrapd's authorization in snmpio-trapd: without disableAuthorization only listed
// communities and authUser users are printed; with it, any community is.
TEST(NetsnmpToSnmpioTrapdInterop, AuthorizationFollowsAuthCommunityAuthUserAndDisableAuthorization) {
  namespace fs = std::filesystem;
  for (const bool disabled : {false, true}) {
    const test::temp_dir dir(disabled ? "trapd-auth-d" : "trapd-auth-e");
    {
      std::ofstream conf(dir / "trapd.conf");
      conf << "authCommunity log public\n"
           << "createUser -e " << kSenderEngineHex << " listed SHA authpass-1\n"
           << "createUser -e " << kSenderEngineHex << " unlisted SHA authpass-1\n"
           << "authUser log listed\n"
           << (disabled ? "disableAuthorization yes\n" : "");
    }
    const auto port = test::free_udp_port();
    const std::string out = (dir / "out").string();
    auto started = test::run_tool(test::sample_path("snmpio-trapd") + " -f -Lo -C -c " + (dir / "trapd.conf").string() +
                                  " udp:127.0.0.1:" + std::to_string(port) + " > " + out + " 2>&1 & echo $!");
    const int pid = std::atoi(started.out.c_str());
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(300ms);
    const std::string at = " udp:127.0.0.1:" + std::to_string(port) + " 5 1.3.6.1.6.3.1.1.5.1 1.3.6.1.2.1.1.5.0 s ";
    EXPECT_EQ(test::run_tool("snmptrap -v2c -c public" + at + "listed-community").status, 0);
    EXPECT_EQ(test::run_tool("snmptrap -v2c -c other" + at + "other-community").status, 0);
    for (const char* u : {"listed", "unlisted"})
      EXPECT_EQ(test::run_tool(std::string("snmptrap -e ") + kSenderEngineHex + " -v3 -u " + u +
                               " -l authNoPriv -a SHA -A authpass-1" + at + u + "-user")
                    .status,
                0);
    std::this_thread::sleep_for(300ms);
    ::kill(pid, SIGTERM);
    std::this_thread::sleep_for(100ms);
    std::ifstream in(out);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("listed-community"), std::string::npos) << text;
    EXPECT_NE(text.find("listed-user"), std::string::npos) << text;
    EXPECT_EQ(text.find("other-community") != std::string::npos, disabled) << text;
    EXPECT_EQ(text.find("unlisted-user") != std::string::npos, disabled) << text;
  }
}

}  // namespace
}  // namespace snmpio
