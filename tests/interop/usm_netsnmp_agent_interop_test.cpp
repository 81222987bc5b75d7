// SNMPv3 (USM) against the real Net-SNMP snmpd: every authentication × privacy
// combination snmpd supports, compared with what snmpget prints for the same user;
// wrong passwords, unknown users and security levels give their distinct errors.
#include <snmpio/snmpio.hpp>

#include "tests/support/usm_matrix.hpp"
#include "tests/support/netsnmp_tools.hpp"
#include "tests/support/snmpd_fixture.hpp"

#include <gtest/gtest.h>

using namespace snmpio;
using namespace std::chrono_literals;

namespace {

using test::auth_case;
using test::kAuths;
using test::kPrivs;
using test::priv_case;

std::string user_for(const auth_case& a, const priv_case& p) {
  std::string u = std::string("u-") + a.name + (p.name[0] ? std::string("-") + p.name : std::string());
  return u;
}

std::string users_config() {
  std::string conf = "createUser u-none\nrouser u-none noauth\n";
  conf += "createUser u-authonly SHA maplesyrup\nrouser u-authonly auth\n";
  for (const auto& a : kAuths) {
    for (const auto& p : kPrivs) {
      const std::string u = user_for(a, p);
      conf += "createUser " + u + " " + a.name + " authpass-" + a.name;
      if (p.name[0]) conf += std::string(" ") + p.name + " privpass-" + p.name;
      conf += "\nrouser " + u + (p.name[0] ? " priv" : " auth") + "\n";
    }
  }
  return conf;
}

class UsmNetsnmpAgentInterop : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { agent_ = new test::snmpd_fixture({.extra_config = users_config()}); }
  static void TearDownTestSuite() {
    delete agent_;
    agent_ = nullptr;
  }

  // Runs several requests on one engine and collects their completions.
  struct outcome {
    std::error_code ec;
    response r;
    bool done = false;
  };

  static void run(reactor& loop, std::vector<outcome>& outs) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    auto all = [&] {
      for (auto& o : outs)
        if (!o.done) return false;
      return true;
    };
    while (!all() && std::chrono::steady_clock::now() < deadline) loop.run_once(100ms);
    ASSERT_TRUE(all()) << "requests did not complete";
  }

  static std::string lines(const std::vector<varbind>& vbs) {
    std::string out;
    for (const auto& vb : vbs) out += format_varbind(vb) + "\n";
    return out;
  }

  static test::snmpd_fixture* agent_;
};
test::snmpd_fixture* UsmNetsnmpAgentInterop::agent_ = nullptr;

TEST_F(UsmNetsnmpAgentInterop, EveryAuthAndPrivCombinationMatchesSnmpget) {
  reactor loop;
  engine eng(loop);
  command_generator gen(eng);
  const std::vector<std::string> oids = {"1.3.6.1.2.1.1.4.0", "1.3.6.1.2.1.1.7.0", "1.3.6.1.2.1.1.99.0"};
  struct job {
    std::string user, a, x;
  };
  std::vector<job> jobs;
  std::vector<outcome> outs(std::size(kAuths) * std::size(kPrivs) + 1);
  std::size_t i = 0;
  auto start = [&](const usm_user_data& u, const target& t) {
    std::vector<oid> names;
    for (auto& o : oids) names.push_back(oid(o));
    auto h = gen.get(u, t, {}, names, [&outs, k = i](std::error_code ec, response r) {
      outs[k].ec = ec;
      outs[k].r = std::move(r);
      outs[k].done = true;
    });
    ASSERT_TRUE(h) << u.user_name << ": " << h.error().message();
    ++i;
  };
  // Half over IPv4, half over IPv6: discovery runs once per agent address.
  start({.user_name = "u-none"}, udp_target{"127.0.0.1", agent_->port()});
  jobs.push_back({"u-none", "", ""});
  for (const auto& a : kAuths) {
    for (const auto& p : kPrivs) {
      usm_user_data u{.user_name = user_for(a, p), .auth = a.p, .auth_key = std::string("authpass-") + a.name};
      if (p.name[0]) {
        u.priv = p.p;
        u.priv_key = std::string("privpass-") + p.name;
      }
      const target t = i % 2 ? target(udp6_target{"::1", agent_->port()}) : target(udp_target{"127.0.0.1", agent_->port()});
      start(u, t);
      jobs.push_back({u.user_name, a.name, p.name});
    }
  }
  run(loop, outs);
  EXPECT_EQ(eng.stats().discoveries, 2u) << "one discovery per agent address, shared by every request";
  for (std::size_t k = 0; k < jobs.size(); ++k) {
    const job& j = jobs[k];
    ASSERT_FALSE(outs[k].ec) << j.user << ": " << outs[k].ec.message();
    std::string cmd = "snmpget -On -v3 -u " + j.user;
    if (j.a.empty()) {
      cmd += " -l noAuthNoPriv";
    } else if (j.x.empty()) {
      cmd += " -l authNoPriv -a " + j.a + " -A authpass-" + j.a;
    } else {
      cmd += " -l authPriv -a " + j.a + " -A authpass-" + j.a + " -x " + j.x + " -X privpass-" + j.x;
    }
    cmd += " " + (k % 2 ? agent_->v6_spec() : agent_->v4_spec());
    for (auto& o : oids) cmd += " " + o;
    auto peer = test::run_command(cmd);
    EXPECT_EQ(lines(outs[k].r.varbinds), peer.text) << j.user;
  }
}

TEST_F(UsmNetsnmpAgentInterop, WrongPasswordsUnknownUsersAndLevelsGiveDistinctErrors) {
  reactor loop;
  engine eng(loop);
  command_generator gen(eng);
  const udp_target t{"127.0.0.1", agent_->port(), {.timeout = 1s, .retries = 1}};
  struct c {
    usm_user_data u;
    errc expect;
  } cases[] = {
      {{.user_name = "u-SHA", .auth = auth_protocol::hmac_sha, .auth_key = "wrong-password"},
       errc::authentication_failure},
      {{.user_name = "u-SHA-256-AES",
        .auth = auth_protocol::hmac_sha256,
        .auth_key = "authpass-SHA-256",
        .priv = priv_protocol::aes128,
        .priv_key = "wrong-privpass"},
       errc::timeout},  // replaced below by what snmpget reports for the same mistake
      {{.user_name = "nobody", .auth = auth_protocol::hmac_sha, .auth_key = "maplesyrup"}, errc::unknown_user_name},
      {{.user_name = "u-none", .auth = auth_protocol::hmac_sha, .auth_key = "maplesyrup"},
       errc::unsupported_security_level},
      {{.user_name = "u-authonly",
        .auth = auth_protocol::hmac_sha,
        .auth_key = "maplesyrup",
        .priv = priv_protocol::aes128,
        .priv_key = "maplesyrup"},
       errc::unsupported_security_level},
  };
  std::vector<outcome> outs(std::size(cases));
  for (std::size_t k = 0; k < std::size(cases); ++k) {
    auto h = gen.get(cases[k].u, t, {}, std::vector<oid>{oid("1.3.6.1.2.1.1.4.0")},
                     [&outs, k](std::error_code ec, response r) {
                       outs[k] = {ec, std::move(r), true};
                     });
    ASSERT_TRUE(h) << h.error().message();
  }
  run(loop, outs);
  EXPECT_EQ(outs[0].ec, errc::authentication_failure) << outs[0].ec.message();
  EXPECT_EQ(outs[2].ec, errc::unknown_user_name) << outs[2].ec.message();
  EXPECT_EQ(outs[3].ec, errc::unsupported_security_level) << outs[3].ec.message();
  EXPECT_EQ(outs[4].ec, errc::unsupported_security_level) << outs[4].ec.message();
  // A wrong privacy password: snmpd cannot decrypt. Whatever it does, snmpget and snmpio
  // must agree: a decryption-error Report, or no answer at all.
  auto peer = test::run_command("snmpget -On -v3 -r 1 -t 1 -l authPriv -u u-SHA-256-AES -a SHA-256 -A authpass-SHA-256 "
                                "-x AES -X wrong-privpass " + agent_->v4_spec() + " 1.3.6.1.2.1.1.4.0");
  if (peer.text.find("Timeout") != std::string::npos) {
    EXPECT_EQ(outs[1].ec, errc::timeout) << outs[1].ec.message() << " vs snmpget: " << peer.text;
  } else {
    EXPECT_EQ(outs[1].ec, errc::decryption_error) << outs[1].ec.message() << " vs snmpget: " << peer.text;
  }
}

TEST_F(UsmNetsnmpAgentInterop, ContextNamesReachTheAgent) {
  // snmpd serves the default context. What it does with a named one it does not know
  // (answer, Report, or silence) is asked of snmpget, and snmpio must do the same.
  reactor loop;
  engine eng(loop);
  command_generator gen(eng);
  const usm_user_data u{.user_name = "u-SHA", .auth = auth_protocol::hmac_sha, .auth_key = "authpass-SHA"};
  std::vector<outcome> outs(2);
  ASSERT_TRUE(gen.get(u, udp_target{"127.0.0.1", agent_->port()}, {}, std::vector<oid>{oid("1.3.6.1.2.1.1.4.0")},
                      [&](std::error_code ec, response r) { outs[0] = {ec, std::move(r), true}; }));
  ASSERT_TRUE(gen.get(u, udp_target{"127.0.0.1", agent_->port(), {.timeout = 500ms, .retries = 0}},
                      context_data{"", "no-such-context"},
                      std::vector<oid>{oid("1.3.6.1.2.1.1.4.0")},
                      [&](std::error_code ec, response r) { outs[1] = {ec, std::move(r), true}; }));
  run(loop, outs);
  EXPECT_FALSE(outs[0].ec);
  auto peer = test::run_command("snmpget -On -t 0.5 -r 0 -v3 -l authNoPriv -u u-SHA -a SHA -A authpass-SHA -n no-such-context " +
                                agent_->v4_spec() + " 1.3.6.1.2.1.1.4.0");
  if (peer.text.find(" = ") != std::string::npos) {
    EXPECT_EQ(lines(outs[1].r.varbinds), peer.text);
  } else if (peer.text.find("Timeout") != std::string::npos) {
    EXPECT_EQ(outs[1].ec, errc::timeout) << outs[1].ec.message();
  } else {
    EXPECT_TRUE(outs[1].ec) << "snmpget printed: " << peer.text;
    EXPECT_EQ(outs[1].ec, errc::report) << outs[1].ec.message() << " vs snmpget: " << peer.text;
  }
}

TEST_F(UsmNetsnmpAgentInterop, BulkWalkOverAuthPrivMatchesSnmpbulkwalk) {
  const usm_user_data u{.user_name = "u-SHA-512-AES-256",
                        .auth = auth_protocol::hmac_sha512,
                        .auth_key = "authpass-SHA-512",
                        .priv = priv_protocol::aes256_blumenthal,
                        .priv_key = "privpass-AES-256"};
  auto w = sync::walk(u, udp6_target{"::1", agent_->port()}, {}, {oid("1.3.6.1.2.1.1.9")}, {.use_bulk = true});
  ASSERT_TRUE(w) << w.error().message();
  auto peer = test::run_command(
      "snmpbulkwalk -On -v3 -l authPriv -u u-SHA-512-AES-256 -a SHA-512 -A authpass-SHA-512 -x AES-256 -X "
      "privpass-AES-256 " + agent_->v6_spec() + " 1.3.6.1.2.1.1.9");
  // sysORUpTime values are stable; the whole walk must match.
  EXPECT_EQ(lines(w->varbinds), peer.text);
  EXPECT_GT(w->varbinds.size(), 10u);
}

}  // namespace
