// snmpio-agent against Net-SNMP's tools, with Net-SNMP's snmpd as the reference: one
// configuration file starts both agents; snmpget, snmpgetnext, snmpwalk, snmpbulkwalk,
// snmpset and snmptable print the same thing against both wherever the data is the same
// (the configured system group, IF-MIB from the host's interfaces), over SNMPv1, v2c
// (IPv4 and IPv6) and every SNMPv3 authentication x privacy pair. What is snmpio's own
// (the snmp group's counters) is asserted; testing.md B1-B3 and C11 go over the wire.
#include <snmpio/command_generator.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/reactor.hpp>

#include "ber/ber.hpp"
#include "ber/message_codec.hpp"
#include "tests/support/usm_matrix.hpp"
#include "tests/support/agent_fixture.hpp"
#include "tests/support/netsnmp_tools.hpp"
#include "tests/support/tool_runner.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <regex>

using namespace snmpio;
using namespace std::chrono_literals;

namespace {

using test::auth_case;
using test::kAuths;
using test::kPrivs;
using test::priv_case;

std::string user_for(const auth_case& a, const priv_case& p) {
  return std::string("u-") + a.name + (p.name[0] ? std::string("-") + p.name : std::string());
}

const char kEngineIdText[] = "snmpio-interop";

// The one configuration both agents start with.
std::string shared_config() {
  std::string c =
      "# snmpio-agent and snmpd read this same file\n"
      "rocommunity public 127.0.0.1\n"
      "rocommunity6 public ::1\n"
      "rwcommunity private 127.0.0.1\n"
      "rwcommunity6 private ::1\n"
      "sysDescr snmpio interop test agent\n"
      "sysObjectID .1.3.6.1.4.1.99999.42\n"
      "sysContact interop@example.org\n"
      "sysName interop-host\n"
      "sysServices 72\n"
      "engineID " + std::string(kEngineIdText) + "\n"
      "createUser u-none\n"
      "rouser u-none noauth\n"
      "createUser u-restricted SHA restrictedpass\n"
      "group grp-restricted usm u-restricted\n"
      "view sysonly included .1.3.6.1.2.1.1\n"
      "access grp-restricted \"\" usm auth exact sysonly none none\n";
  for (const auto& a : kAuths)
    for (const auto& p : kPrivs) {
      const std::string u = user_for(a, p);
      c += "createUser " + u + " " + a.name + " authpass-" + a.name;
      if (p.name[0]) c += std::string(" ") + p.name + " privpass-" + p.name;
      c += "\nrwuser " + u + (p.name[0] ? " priv" : " auth") + "\n";
    }
  return c;
}

class AgentNetsnmpToolsInterop : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ours_ = new test::agent_fixture({.config = shared_config(), .which = test::agent_fixture::kind::snmpio});
    theirs_ = new test::agent_fixture({.config = shared_config(), .which = test::agent_fixture::kind::netsnmp});
  }
  static void TearDownTestSuite() {
    delete ours_;
    delete theirs_;
    ours_ = theirs_ = nullptr;
  }

  // Runs a Net-SNMP tool against an agent: "AGENT" in `args` is replaced by its spec.
  static test::command_output tool(const test::agent_fixture& a, const std::string& cmd, bool v6 = false) {
    std::string line = cmd;
    const auto at = line.find("AGENT");
    if (at != std::string::npos) line.replace(at, 5, v6 ? a.v6_spec() : a.v4_spec());
    return test::run_command(line);
  }

  // The same command against both agents; both must succeed and print the same.
  static std::string same_on_both(const std::string& cmd, bool v6 = false) {
    auto mine = tool(*ours_, cmd, v6);
    auto ref = tool(*theirs_, cmd, v6);
    EXPECT_EQ(mine.status, 0) << cmd << "\n" << mine.text;
    EXPECT_EQ(ref.status, 0) << cmd << "\n" << ref.text;
    EXPECT_EQ(mine.text, ref.text) << cmd;
    return mine.text;
  }

  // An unsigned number read from snmpio-agent with "snmpget -Oqv".
  static std::uint64_t read_counter(const std::string& name) {
    auto r = tool(*ours_, "snmpget -v2c -c public -Oqv AGENT " + name);
    EXPECT_EQ(r.status, 0) << r.text;
    return std::stoull(r.text);
  }

  static test::agent_fixture* ours_;
  static test::agent_fixture* theirs_;
};
test::agent_fixture* AgentNetsnmpToolsInterop::ours_ = nullptr;
test::agent_fixture* AgentNetsnmpToolsInterop::theirs_ = nullptr;

const std::string kSystem = "1.3.6.1.2.1.1";
const std::string kSysDescr = "1.3.6.1.2.1.1.1.0";
const std::string kSysObjectId = "1.3.6.1.2.1.1.2.0";
const std::string kSysContact = "1.3.6.1.2.1.1.4.0";
const std::string kSysName = "1.3.6.1.2.1.1.5.0";
const std::string kSysLocation = "1.3.6.1.2.1.1.6.0";
const std::string kSysServices = "1.3.6.1.2.1.1.7.0";
const std::string kSnmpInPkts = "1.3.6.1.2.1.11.1.0";
const std::string kSnmpInBadVersions = "1.3.6.1.2.1.11.3.0";
const std::string kSnmpInBadCommunityNames = "1.3.6.1.2.1.11.4.0";
const std::string kIfDescrColumn = "1.3.6.1.2.1.2.2.1.2";

// A file that sets none of the system group: snmpio-agent serves snmpd's defaults
// (sysDescr from uname, sysObjectID NET-SNMP-TC's for this system, sysContact, sysName
// the host name, sysLocation, and no sysServices), as snmpd prints them.
TEST(AgentNetsnmpDefaultsInterop, UnconfiguredSystemGroupIsSnmpds) {
  const std::string config = "rocommunity public 127.0.0.1\nrocommunity6 public ::1\n";
  test::agent_fixture ours({.config = config, .which = test::agent_fixture::kind::snmpio});
  test::agent_fixture theirs({.config = config, .which = test::agent_fixture::kind::netsnmp});
  for (const std::string& name : {kSysDescr, kSysObjectId, kSysContact, kSysName, kSysLocation, kSysServices}) {
    const std::string cmd = "snmpget -On -v2c -c public AGENT " + name;
    auto at = [&](const test::agent_fixture& a) {
      std::string line = cmd;
      line.replace(line.find("AGENT"), 5, a.v4_spec());
      return test::run_command(line);
    };
    const auto mine = at(ours), ref = at(theirs);
    EXPECT_EQ(mine.status, ref.status) << cmd;
    EXPECT_EQ(mine.text, ref.text) << cmd;
  }
  // A walk passes over the missing sysServices on both.
  const std::string walk = "snmpwalk -On -v2c -c public AGENT 1.3.6.1.2.1.1.6";
  std::string a = walk, b = walk;
  a.replace(a.find("AGENT"), 5, ours.v4_spec());
  b.replace(b.find("AGENT"), 5, theirs.v4_spec());
  const auto mine = test::run_command(a), ref = test::run_command(b);
  EXPECT_EQ(mine.text, ref.text);
  const auto next = test::run_command("snmpgetnext -On -v2c -c public " + ours.v4_spec() + " " + kSysLocation);
  EXPECT_EQ(next.text.find(kSysServices), std::string::npos) << next.text;
}

TEST_F(AgentNetsnmpToolsInterop, TheSameFileStartedBothAndTheConfiguredSystemGroupIsTheSame) {
  const std::string cmd = "snmpget -On -v2c -c public AGENT " + kSysDescr + " " + kSysObjectId + " " + kSysContact +
                          " " + kSysName + " " + kSysServices;
  const std::string out = same_on_both(cmd);
  EXPECT_NE(out.find("\"snmpio interop test agent\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"interop-host\""), std::string::npos) << out;
  EXPECT_NE(out.find("OID: .1.3.6.1.4.1.99999.42"), std::string::npos) << out;
  // The engine ID snmpd builds from "engineID TEXT" is the one snmpio-agent uses.
  same_on_both("snmpget -On -v2c -c public AGENT 1.3.6.1.6.3.10.2.1.1.0");
}

TEST_F(AgentNetsnmpToolsInterop, IfTableColumnsMatchSnmpdOnTheSameHost) {
  const std::string if_number = same_on_both("snmpget -On -v2c -c public AGENT 1.3.6.1.2.1.2.1.0");
  EXPECT_NE(if_number.find("INTEGER: "), std::string::npos);
  for (const char* column : {"1", "2", "3", "4", "6"}) {
    const std::string out = same_on_both(std::string("snmpwalk -On -v2c -c public AGENT 1.3.6.1.2.1.2.2.1.") + column);
    EXPECT_FALSE(out.empty()) << column;
  }
  const std::string descr = same_on_both("snmpbulkwalk -On -v2c -c public AGENT " + kIfDescrColumn, true);
  EXPECT_NE(descr.find("STRING: \"lo\""), std::string::npos) << descr;
}

TEST_F(AgentNetsnmpToolsInterop, EveryToolOverV1AndV2cOnBothFamilies) {
  for (const char* version : {"1", "2c"}) {
    for (bool v6 : {false, true}) {
      SCOPED_TRACE(std::string("-v") + version + (v6 ? " IPv6" : " IPv4"));
      const std::string v = std::string(" -v") + version + " -c public ";
      std::string out = same_on_both("snmpget -On" + v + "AGENT " + kSysName + " " + kSysContact, v6);
      EXPECT_NE(out.find("interop@example.org"), std::string::npos);
      same_on_both("snmpgetnext -On" + v + "AGENT " + kSysDescr + " " + kSysContact, v6);
      same_on_both("snmpwalk -On" + v + "AGENT " + kIfDescrColumn, v6);
      same_on_both("snmpwalk -On" + v + "AGENT 1.3.6.1.2.1.2.2.1.3", v6);
      if (std::string(version) == "2c") same_on_both("snmpbulkwalk -On -Cr3" + v + "AGENT 1.3.6.1.2.1.2.2.1.4", v6);
      // A name that is not there: the same exception (v2c) or error (v1) text.
      auto mine = tool(*ours_, "snmpget -On" + v + "AGENT 1.3.6.1.2.1.1.99.0", v6);
      auto ref = tool(*theirs_, "snmpget -On" + v + "AGENT 1.3.6.1.2.1.1.99.0", v6);
      EXPECT_EQ(mine.text, ref.text);
      EXPECT_EQ(mine.status, ref.status);
    }
  }
}

TEST_F(AgentNetsnmpToolsInterop, SnmpsetWritesWhatIsWritableAndRefusesWhatIsConfigured) {
  for (bool v6 : {false, true}) {
    const std::string where = v6 ? "rack 6" : "rack 4";
    // sysLocation is not in the file: writable on both.
    same_on_both("snmpset -On -v2c -c private AGENT " + kSysLocation + " s \"" + where + "\"", v6);
    const std::string got = same_on_both("snmpget -On -v2c -c private AGENT " + kSysLocation, v6);
    EXPECT_EQ(got, ".1.3.6.1.2.1.1.6.0 = STRING: \"" + where + "\"\n");
  }
  // sysContact is configured: read-only on both, with the same error.
  auto mine = tool(*ours_, "snmpset -On -v2c -c private AGENT " + kSysContact + " s nobody");
  auto ref = tool(*theirs_, "snmpset -On -v2c -c private AGENT " + kSysContact + " s nobody");
  EXPECT_NE(mine.status, 0);
  EXPECT_EQ(mine.text, ref.text);
  // The read-only community may not write. Its access entry names no write view:
  // RFC 3413 section 3.2 step 4 makes that (noSuchView) authorizationError, which
  // snmpio answers; snmpd answers noAccess. Everything else is the same.
  mine = tool(*ours_, "snmpset -On -v2c -c public AGENT " + kSysLocation + " s x");
  ref = tool(*theirs_, "snmpset -On -v2c -c public AGENT " + kSysLocation + " s x");
  EXPECT_NE(mine.status, 0);
  EXPECT_EQ(mine.status, ref.status);
  EXPECT_EQ(ref.text, "Error in packet.\nReason: noAccess\nFailed object: .1.3.6.1.2.1.1.6.0\n\n");
  EXPECT_EQ(mine.text, "Error in packet.\nReason: authorizationError (access denied to that object)\n"
                       "Failed object: .1.3.6.1.2.1.1.6.0\n\n");
}

TEST_F(AgentNetsnmpToolsInterop, SnmptableOfIfTable) {
  // snmptable needs the table's MIB, and Debian installs no standard MIB: a
  // self-contained subset of ifTable's definition lives in tests/data/mibs.
  const std::string mib = "env MIBDIRS=tests/data/mibs MIBS=SNMPIO-TEST-IF-MIB ";
  for (const char* v : {"1", "2c"}) {
    for (bool v6 : {false, true}) {
      const std::string out =
          same_on_both(mib + "snmptable -v" + v + " -c public AGENT SNMPIO-TEST-IF-MIB::testIfTable", v6);
      EXPECT_NE(out.find("SNMP table: SNMPIO-TEST-IF-MIB::testIfTable"), std::string::npos) << out;
      EXPECT_NE(out.find("\"lo\""), std::string::npos) << out;
    }
  }
}

TEST_F(AgentNetsnmpToolsInterop, SnmpInPktsCountsExactlyThePacketsSent) {
  const std::uint64_t before = read_counter(kSnmpInPkts);
  for (int i = 0; i < 5; ++i) {
    auto r = tool(*ours_, "snmpget -On -v2c -c public AGENT " + kSysName);
    ASSERT_EQ(r.status, 0) << r.text;
  }
  // Five GETs, then the GET that reads the counter.
  EXPECT_EQ(read_counter(kSnmpInPkts), before + 6);
}

TEST_F(AgentNetsnmpToolsInterop, B2WrongCommunitiesAreDroppedAndCounted) {
  const std::uint64_t before = read_counter(kSnmpInBadCommunityNames);
  const char* wrong[] = {"\"\"", "publi", "publicx", "PUBLIC", "publiC"};
  for (const char* c : wrong) {
    const std::string cmd = std::string("snmpget -On -v2c -t 0.3 -r 0 -c ") + c + " AGENT " + kSysName;
    auto mine = tool(*ours_, cmd);
    auto ref = tool(*theirs_, cmd);
    EXPECT_NE(mine.status, 0) << c;
    EXPECT_EQ(mine.text, "Timeout: No Response from " + ours_->v4_spec() + ".\n") << c;
    EXPECT_EQ(ref.text, "Timeout: No Response from " + theirs_->v4_spec() + ".\n") << c;
  }
  EXPECT_EQ(read_counter(kSnmpInBadCommunityNames), before + std::size(wrong));
}

// A datagram to snmpio-agent over IPv4; true if anything came back within `wait`.
bool answered(std::uint16_t port, const std::vector<std::uint8_t>& datagram, std::chrono::milliseconds wait,
              std::vector<std::uint8_t>* reply = nullptr, std::chrono::microseconds* took = nullptr) {
  const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (s < 0) return false;
  timeval tv{0, static_cast<suseconds_t>(std::chrono::microseconds(wait).count())};
  ::setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  to.sin_port = htons(port);
  const auto t0 = std::chrono::steady_clock::now();
  ::sendto(s, datagram.data(), datagram.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
  std::vector<std::uint8_t> buf(65536);
  const ssize_t n = ::recv(s, buf.data(), buf.size(), 0);
  if (took) *took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  ::close(s);
  if (n <= 0) return false;
  if (reply) reply->assign(buf.begin(), buf.begin() + n);
  return true;
}

std::vector<std::uint8_t> community_datagram(int version, const std::string& community, pdu_type type) {
  ber::community_message m{snmp_version::v2c, community, {}};
  m.data.type = type;
  m.data.request_id = 77;
  m.data.varbinds.push_back({oid(kSysName), value::null()});
  ber::writer w;
  EXPECT_FALSE(ber::encode_community_message(w, m));
  std::vector<std::uint8_t> d(w.data().begin(), w.data().end());
  // The version INTEGER is the first thing in the message: 30 LL 02 01 VV.
  EXPECT_EQ(d[2], 0x02);
  EXPECT_EQ(d[3], 0x01);
  d[4] = static_cast<std::uint8_t>(version);
  return d;
}

TEST_F(AgentNetsnmpToolsInterop, B1BadVersionsAreDroppedAndCounted) {
  const std::uint64_t before = read_counter(kSnmpInBadVersions);
  for (int version : {2, 4, 0x7f}) {
    EXPECT_FALSE(answered(ours_->port(), community_datagram(version, "public", pdu_type::get_request), 300ms))
        << "version " << version;
  }
  // The same message with a good version is answered: the drops were the version's.
  EXPECT_TRUE(answered(ours_->port(), community_datagram(1, "public", pdu_type::get_request), 2000ms));
  EXPECT_EQ(read_counter(kSnmpInBadVersions), before + 3);
}

TEST_F(AgentNetsnmpToolsInterop, B3ResponsesReportsAndTrapsSentToTheAgentAreNotAnswered) {
  for (auto type : {pdu_type::response, pdu_type::report, pdu_type::trap_v2}) {
    EXPECT_FALSE(answered(ours_->port(), community_datagram(1, "public", type), 300ms))
        << static_cast<int>(type);
  }
}

TEST_F(AgentNetsnmpToolsInterop, C11GetBulkWithMsgMaxSize484IsAnsweredWithin10ms) {
  // SNMPv3, noAuthNoPriv user u-none, to the engine ID the configuration names.
  const std::string engine_id = std::string("\x80\x00\x1f\x88\x04", 5) + kEngineIdText;
  ber::v3_header h;
  h.msg_id = 4242;
  h.max_size = 484;
  h.flags = 0x04;  // reportable
  ber::usm_security_parameters usm;
  usm.engine_id = engine_id;
  usm.user_name = "u-none";
  ber::scoped_pdu s;
  s.context_engine_id = engine_id;
  s.data.type = pdu_type::get_bulk_request;
  s.data.request_id = 99;
  s.data.error_status = 0;     // non-repeaters
  s.data.error_index = 10000;  // max-repetitions
  s.data.varbinds.push_back({oid("1.3.6.1"), value::null()});
  ber::writer w;
  ASSERT_FALSE(ber::encode_v3_message(w, h, usm, s));
  const std::vector<std::uint8_t> request(w.data().begin(), w.data().end());

  // The first answer may pay for the IF-MIB reading; time the second.
  std::vector<std::uint8_t> reply;
  ASSERT_TRUE(answered(ours_->port(), request, 2000ms, &reply));
  std::chrono::microseconds took{};
  ASSERT_TRUE(answered(ours_->port(), request, 2000ms, &reply, &took));
  EXPECT_LT(took, 10ms);
  EXPECT_LE(reply.size(), 484u);
  ber::v3_message_view v;
  ASSERT_FALSE(ber::decode_v3_message(reply, v));
  EXPECT_EQ(v.header.msg_id, 4242);
  ber::scoped_pdu answer;
  ASSERT_FALSE(ber::decode_scoped_pdu(v.scoped_pdu_data, answer));
  EXPECT_EQ(answer.data.type, pdu_type::response);
  EXPECT_EQ(answer.data.request_id, 99);
  EXPECT_EQ(answer.data.error_status, 0);
  EXPECT_GT(answer.data.varbinds.size(), 1u);  // truncated to fit, not tooBig
}

TEST_F(AgentNetsnmpToolsInterop, EverySnmpv3AuthAndPrivPairMatchesSnmpd) {
  auto v3 = [](const std::string& user, const std::string& a, const std::string& x) {
    std::string c = " -v3 -u " + user;
    if (a.empty()) return c + " -l noAuthNoPriv";
    if (x.empty()) return c + " -l authNoPriv -a " + a + " -A authpass-" + a;
    return c + " -l authPriv -a " + a + " -A authpass-" + a + " -x " + x + " -X privpass-" + x;
  };
  same_on_both("snmpget -On" + v3("u-none", "", "") + " AGENT " + kSysName);
  int k = 0;
  for (const auto& a : kAuths)
    for (const auto& p : kPrivs) {
      SCOPED_TRACE(user_for(a, p));
      const bool v6 = ++k % 2 == 0;
      const std::string out =
          same_on_both("snmpget -On" + v3(user_for(a, p), a.name, p.name) + " AGENT " + kSysName + " " + kSysContact, v6);
      EXPECT_NE(out.find("\"interop-host\""), std::string::npos);
    }
  // Walks, bulk walks and a SET over one authPriv user, both families.
  const std::string strong = v3("u-SHA-512-AES-256", "SHA-512", "AES-256");
  same_on_both("snmpwalk -On" + strong + " AGENT " + kIfDescrColumn);
  same_on_both("snmpbulkwalk -On" + strong + " AGENT " + kIfDescrColumn, true);
  same_on_both("snmpset -On" + strong + " AGENT " + kSysLocation + " s \"set over v3\"", true);
}

TEST_F(AgentNetsnmpToolsInterop, Snmpv3RefusalsPrintWhatSnmpdMakesThemPrint) {
  const std::string cmds[] = {
      // Wrong password, unknown user, a level the user does not have.
      "snmpget -On -v3 -u u-SHA -l authNoPriv -a SHA -A wrongpassword AGENT " + kSysName,
      "snmpget -On -v3 -u nosuchuser -l noAuthNoPriv AGENT " + kSysName,
      "snmpget -On -v3 -u u-SHA -l authPriv -a SHA -A authpass-SHA -x AES -X privpass-AES AGENT " + kSysName,
      // The restricted user sees the system group only.
      "snmpget -On -v3 -u u-restricted -l authNoPriv -a SHA -A restrictedpass AGENT " + kSysName + " " +
          kIfDescrColumn + ".1",
  };
  for (const auto& cmd : cmds) {
    auto mine = tool(*ours_, cmd);
    auto ref = tool(*theirs_, cmd);
    const std::regex port_re(":" + std::to_string(theirs_->port()));
    EXPECT_EQ(mine.text, std::regex_replace(ref.text, port_re, ":" + std::to_string(ours_->port()))) << cmd;
    EXPECT_EQ(mine.status, ref.status) << cmd;
  }
}

// ---------------------------------------------------------------- the process itself

TEST(AgentProcessInterop, SigtermStopsItCleanlyAndTheStartLineIsLogged) {
  test::agent_fixture a({.config = "rocommunity public 127.0.0.1\n"});
  EXPECT_NE(a.log().find("snmpio-agent 0.1.0 started"), std::string::npos) << a.log();
  EXPECT_EQ(a.terminate(), 0);
  EXPECT_NE(a.log().find("shutting down"), std::string::npos) << a.log();
}

TEST(AgentProcessInterop, BootsGoUpAcrossRestartsWithThePersistentDirectory) {
  const test::temp_dir tmp("agent-persist");
  const std::string dir = (tmp / "persist").string();  // made by the agent itself
  std::vector<std::string> boots;
  for (int i = 0; i < 2; ++i) {
    test::agent_fixture a({.config = "rocommunity public 127.0.0.1\n", .extra_args = {"--persistentDir=" + dir}});
    auto r = test::run_command("snmpget -v2c -c public -Oqv " + a.v4_spec() + " 1.3.6.1.6.3.10.2.1.2.0");
    boots.push_back(r.text);
  }
  ASSERT_EQ(boots.size(), 2u);
  EXPECT_EQ(std::stoi(boots[1]), std::stoi(boots[0]) + 1);
}

TEST(AgentProcessInterop, BadConfigurationLinesAndFlagsExitNonZeroWithTheirPlace) {
  const test::temp_dir tmp("agent-bad");
  const std::string conf = (tmp / "bad.conf").string();
  std::ofstream(conf) << "rocommunity public 127.0.0.1\nproxy -v 2c -c x 10.0.0.1 .1.3\nsysServices 300\n";
  auto r = test::run_tool(test::sample_path("snmpio-agent") + " -f -Lo -C -c " + conf + " udp:127.0.0.1:0");
  std::remove(conf.c_str());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(conf + ":2: unsupported directive 'proxy'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(conf + ":3: sysServices: '300' is not a number from 0 to 127"), std::string::npos) << r.err;

  r = test::run_tool(test::sample_path("snmpio-agent") + " -f -C -Q");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("unknown option -Q"), std::string::npos) << r.err;
  r = test::run_tool(test::sample_path("snmpio-agent") + " -f -C tcp:127.0.0.1:1161");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("only udp and udp6"), std::string::npos) << r.err;
  const std::string missing = (tmp / "no-such-dir" / "snmpio.conf").string();
  r = test::run_tool(test::sample_path("snmpio-agent") + " -f -C -c " + missing);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(missing + ": cannot read the file"), std::string::npos) << r.err;
}

TEST(AgentProcessInterop, APortInUseIsAClearError) {
  test::agent_fixture a({.config = "rocommunity public 127.0.0.1\n"});
  auto r = test::run_tool(test::sample_path("snmpio-agent") + " -f -C " + a.v4_spec());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("cannot listen on " + a.v4_spec()), std::string::npos) << r.err;
}

}  // namespace
