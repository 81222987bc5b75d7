// The engine's agent side against Net-SNMP's snmpget: v1, v2c and every SNMPv3
// authentication × privacy combination snmpget supports reach an echoing responder
// through the authoritative USM; wrong passwords, unknown users, too high a level and
// a user without access print what they print against the real snmpd configured the
// same way; refused messages are counted.
#include <snmpio/snmpio.hpp>

#include "tests/support/usm_matrix.hpp"
#include "tests/support/echo_responder.hpp"
#include "tests/support/netsnmp_tools.hpp"
#include "tests/support/snmpd_fixture.hpp"

#include <gtest/gtest.h>

#include <future>

using namespace snmpio;

namespace {

using test::auth_case;
using test::kAuths;
using test::kPrivs;
using test::priv_case;

std::string user_for(const auth_case& a, const priv_case& p) {
  return std::string("u-") + a.name + (p.name[0] ? std::string("-") + p.name : std::string());
}

const oid kSysDescr{1, 3, 6, 1, 2, 1, 1, 1, 0};

// The same users for snmpd (its config) and for the engine (its API).
std::string snmpd_users() {
  std::string conf = "createUser u-none\nrouser u-none noauth\ncreateUser u-noaccess SHA maplesyrup\n";
  for (const auto& a : kAuths)
    for (const auto& p : kPrivs) {
      const std::string u = user_for(a, p);
      conf += "createUser " + u + " " + a.name + " authpass-" + a.name;
      if (p.name[0]) conf += std::string(" ") + p.name + " privpass-" + p.name;
      conf += "\nrouser " + u + (p.name[0] ? " priv" : " auth") + "\n";
    }
  return conf;
}

void configure(engine& eng) {
  eng.add_community({.community = "public", .security_name = "comm"});
  eng.add_community({.community = "local-only", .security_name = "comm", .source = "10.0.0.0/8"});
  eng.add_vacm_group(security_model::v1, "comm", "ro");
  eng.add_vacm_group(security_model::v2c, "comm", "ro");
  ASSERT_FALSE(eng.add_vacm_view("all", oid{1}));
  eng.add_vacm_access({.group = "ro", .read_view = "all"});
  ASSERT_FALSE(eng.add_usm_user({.user_name = "u-none"}));
  ASSERT_FALSE(eng.add_usm_user({.user_name = "u-noaccess", .auth = auth_protocol::hmac_sha, .auth_key = "maplesyrup"}));
  eng.add_vacm_group(security_model::usm, "u-none", "v3");
  for (const auto& a : kAuths)
    for (const auto& p : kPrivs) {
      usm_user_data u{.user_name = user_for(a, p), .auth = a.p, .auth_key = std::string("authpass-") + a.name};
      if (p.name[0]) {
        u.priv = p.p;
        u.priv_key = std::string("privpass-") + p.name;
      }
      ASSERT_FALSE(eng.add_usm_user(u)) << u.user_name;
      eng.add_vacm_group(security_model::usm, u.user_name, "v3");
    }
  eng.add_vacm_access({.group = "v3", .model = security_model::usm, .read_view = "all"});
}

class AgentEngineNetsnmp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    snmpd_ = new test::snmpd_fixture({.extra_config = snmpd_users()});
    agent_ = new test::threaded_agent();
    configure(agent_->eng);
    responder_ = new test::echo_responder(agent_->eng);
    agent_->start();
  }
  static void TearDownTestSuite() {
    agent_->stop();
    delete responder_;
    delete agent_;
    delete snmpd_;
  }
  static std::string ours(const std::string& args, const std::string& host = "127.0.0.1") {
    const std::string at = host == "127.0.0.1" ? host + ":" + std::to_string(agent_->port4)
                                               : "udp6:[::1]:" + std::to_string(agent_->port6);
    return test::run_command("snmpget -t 1 -r 1 " + args + " " + at + " " + kSysDescr.to_string()).text;
  }
  static std::string theirs(const std::string& args) {
    return test::run_command("snmpget -t 1 -r 1 " + args + " 127.0.0.1:" + std::to_string(snmpd_->port()) + " " +
                             kSysDescr.to_string())
        .text;
  }
  static agent_stats stats() {
    std::promise<agent_stats> p;
    auto f = p.get_future();
    agent_->loop.post([&] { p.set_value(agent_->eng.agent_statistics()); });
    return f.get();
  }
  static inline test::snmpd_fixture* snmpd_ = nullptr;
  static inline test::threaded_agent* agent_ = nullptr;
  static inline test::echo_responder* responder_ = nullptr;
};

const std::string kEcho = "\"echo:" + kSysDescr.to_string() + "\"\n";

TEST_F(AgentEngineNetsnmp, CommunitiesOverIpv4AndIpv6) {
  EXPECT_EQ(ours("-v1 -c public -Oqv"), kEcho);
  EXPECT_EQ(ours("-v2c -c public -Oqv"), kEcho);
  EXPECT_EQ(ours("-v2c -c public -Oqv", "::1"), kEcho);
  EXPECT_EQ(ours("-v1 -c public -Oqv", "::1"), kEcho);
}

TEST_F(AgentEngineNetsnmp, WrongCommunitiesAreDroppedAndCounted) {
  const auto before = responder_->seen().size();
  const auto counted = stats().in_bad_community_names;
  for (const char* bad : {"publi", "publicc", "PUBLIC", "xublic", "local-only"}) {
    auto out = test::run_command(std::string("snmpget -t 0.3 -r 0 -v2c -c ") + bad + " 127.0.0.1:" +
                                 std::to_string(agent_->port4) + " " + kSysDescr.to_string());
    EXPECT_NE(out.status, 0) << bad;
    EXPECT_NE(out.text.find("Timeout: No Response"), std::string::npos) << bad << ": " << out.text;
  }
  EXPECT_EQ(responder_->seen().size(), before);
  EXPECT_EQ(stats().in_bad_community_names, counted + 5);
}

TEST_F(AgentEngineNetsnmp, EveryAuthAndPrivCombinationAnswers) {
  std::size_t proven = 0;
  EXPECT_EQ(ours("-v3 -u u-none -l noAuthNoPriv -Oqv"), kEcho);
  for (const auto& a : kAuths)
    for (const auto& p : kPrivs) {
      std::string args = std::string("-v3 -Oqv -u ") + user_for(a, p) + " -a " + a.name + " -A authpass-" + a.name;
      args += p.name[0] ? std::string(" -l authPriv -x ") + p.name + " -X privpass-" + p.name : " -l authNoPriv";
      const auto out = ours(args, proven % 2 ? "::1" : "127.0.0.1");
      EXPECT_EQ(out, kEcho) << args;
      if (out == kEcho) ++proven;
    }
  EXPECT_EQ(proven, 42u);
}

TEST_F(AgentEngineNetsnmp, RefusalsPrintWhatSnmpdMakesSnmpgetPrintAndAreCounted) {
  struct refusal {
    const char* args;
    std::uint64_t agent_stats::*counter;
  };
  const refusal cases[] = {
      {"-v3 -u u-SHA -l authNoPriv -a SHA -A wrongpassword", &agent_stats::usm_wrong_digests},
      {"-v3 -u nosuchuser -l authNoPriv -a SHA -A whatever12", &agent_stats::usm_unknown_user_names},
      {"-v3 -u u-SHA -l authPriv -a SHA -A authpass-SHA -x AES -X privpass-AES",
       &agent_stats::usm_unsupported_sec_levels},
      {"-v3 -u u-noaccess -l authNoPriv -a SHA -A maplesyrup", &agent_stats::authorization_errors},
      {"-v3 -u u-none -l noAuthNoPriv -n nosuchcontext", &agent_stats::unknown_contexts},
  };
  for (const auto& c : cases) {
    const auto before = stats();
    const std::string got = ours(c.args);
    const auto after = stats();
    EXPECT_GE(after.*c.counter, before.*c.counter + 1) << c.args;
    if (std::string(c.args).find("nosuchcontext") != std::string::npos) {
      // snmpd drops it silently (snmpget times out); the RFC 3413 §3.2 answer is a
      // Report of snmpUnknownContexts, which snmpget prints as an error of its own.
      EXPECT_EQ(got.find("Timeout"), std::string::npos) << got;
      EXPECT_NE(got.find("snmpget"), std::string::npos) << got;
      continue;
    }
    EXPECT_EQ(got, theirs(c.args)) << c.args;
  }
  EXPECT_GE(stats().usm_unknown_engine_ids, 1u);  // every snmpget's discovery probe
}

}  // namespace
