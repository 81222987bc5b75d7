// snmpio's command-line tools against Net-SNMP's: each snmpio tool and the matching
// Net-SNMP tool run with the same flags against the same agent (the real snmpd, or a
// scripted agent for answers snmpd never gives), over IPv4 and IPv6; their standard
// output, standard error and exit status must be identical. Every expected text comes
// from the Net-SNMP tool at test time.
#include "tests/support/scripted_agent.hpp"
#include "tests/support/snmpd_fixture.hpp"
#include "tests/support/tool_runner.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>

#include <regex>
#include <sstream>

using namespace snmpio;

namespace {

struct tool_pair {
  const char* ours;
  const char* theirs;
};
constexpr tool_pair get_tools{"snmpio-get", "snmpget"};
constexpr tool_pair getnext_tools{"snmpio-getnext", "snmpgetnext"};
constexpr tool_pair bulkget_tools{"snmpio-bulkget", "snmpbulkget"};
constexpr tool_pair set_tools{"snmpio-set", "snmpset"};
constexpr tool_pair walk_tools{"snmpio-walk", "snmpwalk"};
constexpr tool_pair bulkwalk_tools{"snmpio-bulkwalk", "snmpbulkwalk"};

// Our messages name our program; Net-SNMP's name theirs. Map ours onto theirs.
std::string normalize_program(std::string text, const tool_pair& t) {
  const std::string path = test::sample_path(t.ours);
  for (const std::string& from : {path, std::string(t.ours)}) {
    std::size_t p = 0;
    while ((p = text.find(from, p)) != std::string::npos) {
      text.replace(p, from.size(), t.theirs);
      p += std::string(t.theirs).size();
    }
  }
  return text;
}

// Values that move between two reads (sysUpTime, interface counters and change times,
// sysORLastChange is fixed): such lines are compared by OID only.
bool volatile_oid(const std::string& oid_text) {
  if (oid_text == ".1.3.6.1.2.1.1.3.0") return true;
  static const std::regex if_column(R"(^\.1\.3\.6\.1\.2\.1\.2\.2\.1\.(\d+)\.)");
  std::smatch m;
  if (std::regex_search(oid_text, m, if_column)) return std::stoi(m[1]) >= 9;
  static const std::regex ifx_column(R"(^\.1\.3\.6\.1\.2\.1\.31\.1\.1\.1\.(\d+)\.)");
  if (std::regex_search(oid_text, m, ifx_column)) return true;
  return false;
}

std::string mask_volatile(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    const std::size_t sp = line.find(' ');
    const std::string first = line.substr(0, sp);
    if (!first.empty() && first[0] == '.' && volatile_oid(first)) line = first + " <volatile>";
    out += line + "\n";
  }
  return out;
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

struct pair_result {
  test::tool_result ours, theirs;
};

pair_result run_pair(const tool_pair& t, const std::string& args) {
  pair_result r;
  r.theirs = test::run_tool(std::string(t.theirs) + args);
  r.ours = test::run_tool(test::sample_path(t.ours) + args);
  r.ours.err = normalize_program(r.ours.err, t);
  return r;
}

// Both tools, same arguments: identical stdout, stderr and exit status.
void expect_same(const tool_pair& t, const std::string& args, bool mask = false) {
  SCOPED_TRACE(std::string(t.theirs) + args);
  auto r = run_pair(t, args);
  if (mask) {
    EXPECT_EQ(mask_volatile(r.ours.out), mask_volatile(r.theirs.out));
  } else {
    EXPECT_EQ(r.ours.out, r.theirs.out);
  }
  EXPECT_EQ(r.ours.err, r.theirs.err);
  EXPECT_EQ(r.ours.status, r.theirs.status);
}

// Bad arguments: the same first line of the error (our usage text differs) and the
// same exit status, nothing on stdout.
void expect_same_usage_error(const tool_pair& t, const std::string& args) {
  SCOPED_TRACE(std::string(t.theirs) + args);
  auto r = run_pair(t, args);
  EXPECT_NE(r.theirs.status, 0);
  EXPECT_EQ(r.ours.status, r.theirs.status);
  EXPECT_EQ(first_line(r.ours.err), first_line(r.theirs.err));
  EXPECT_EQ(r.ours.out, r.theirs.out);
}

// ------------------------------------------------------------------ the real snmpd

class NetsnmpToolsInterop : public ::testing::TestWithParam<bool> {
 protected:
  static void SetUpTestSuite() { agent_ = new test::snmpd_fixture(); }
  static void TearDownTestSuite() {
    delete agent_;
    agent_ = nullptr;
  }
  bool v6() const { return GetParam(); }
  std::string spec() const { return v6() ? agent_->v6_spec() : agent_->v4_spec(); }
  // The agent as typed in several spellings: Net-SNMP echoes it in its messages.
  std::string bracket_spec() const {
    return v6() ? "[::1]:" + std::to_string(agent_->port()) : "127.0.0.1:" + std::to_string(agent_->port());
  }
  std::string v2c(const std::string& flags = "") const { return " -v2c -c public -On " + flags + " " + spec(); }
  std::string v1(const std::string& flags = "") const { return " -v1 -c public -On " + flags + " " + spec(); }

  static test::snmpd_fixture* agent_;
};

test::snmpd_fixture* NetsnmpToolsInterop::agent_ = nullptr;

const std::string sys_descr = "1.3.6.1.2.1.1.1.0";
const std::string sys_object_id = "1.3.6.1.2.1.1.2.0";
const std::string sys_contact = "1.3.6.1.2.1.1.4.0";
const std::string sys_name = "1.3.6.1.2.1.1.5.0";
const std::string sys_services = "1.3.6.1.2.1.1.7.0";
const std::string no_object = "1.3.6.1.2.1.1.99.0";
const std::string no_instance = "1.3.6.1.2.1.1.1.7";

TEST_P(NetsnmpToolsInterop, GetPlainQuickAndValueOnly) {
  const std::string oids = " " + sys_descr + " " + sys_object_id + " " + sys_contact + " " + sys_services;
  expect_same(get_tools, v2c() + oids);
  expect_same(get_tools, v2c("-Oq") + oids);
  expect_same(get_tools, v2c("-Ov") + oids);
  expect_same(get_tools, v2c("-OQ") + oids);
  expect_same(get_tools, v2c("-Ox") + oids);
  expect_same(get_tools, v1() + oids);
  // The agent spelled "[::1]:PORT" / "127.0.0.1:PORT" rather than with a prefix.
  expect_same(get_tools, " -v2c -c public -On " + bracket_spec() + oids);
}

TEST_P(NetsnmpToolsInterop, GetExceptionsAndV1ErrorReporting) {
  const std::string oids = " " + sys_descr + " " + no_object + " " + no_instance + " " + sys_services;
  // SNMPv2c: exceptions in the varbinds, exit 0.
  expect_same(get_tools, v2c() + oids);
  expect_same(get_tools, v2c("-Oq") + oids);
  expect_same(get_tools, v2c("-Ov") + oids);
  // SNMPv1: "Error in packet" with noSuchName, then the request again without the
  // failed object (twice here), exit 2; -Cf: no second request.
  expect_same(get_tools, v1() + oids);
  expect_same(get_tools, v1("-Cf") + oids);
  expect_same(get_tools, v1() + " " + no_object);
  auto r = run_pair(get_tools, v1() + " " + no_object);
  EXPECT_EQ(r.theirs.status, 2);  // the case is the one it claims to be
  EXPECT_NE(r.theirs.err.find("noSuchName"), std::string::npos);
}

TEST_P(NetsnmpToolsInterop, GetNext) {
  expect_same(getnext_tools, v2c() + " 1.3.6.1.2.1.1 1.3.6.1.2.1.1.4.0 1.3.6.1.2.1.1.99 1.4");
  expect_same(getnext_tools, v2c("-Oq") + " 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.9.1.3");
  expect_same(getnext_tools, v1() + " 1.3.6.1.2.1.1.1.0 1.4 1.3.6.1.2.1.1.4.0");
  expect_same(getnext_tools, v1("-Cf") + " 1.4 1.3.6.1.2.1.1.4.0");
}

TEST_P(NetsnmpToolsInterop, BulkGet) {
  expect_same(bulkget_tools, v2c("-Cn1 -Cr5") + " " + sys_descr + " 1.3.6.1.2.1.1.9.1.2 1.3.6.1.2.1.1.9.1.3");
  expect_same(bulkget_tools, v2c("-Cn2r3 -Oq") + " 1.3.6.1.2.1.1.4 1.3.6.1.2.1.1.6 1.3.6.1.2.1.1.9.1.3");
  expect_same(bulkget_tools, v2c("-Cn0 -Cr4 -Ov") + " 1.3.6.1.2.1.1.9.1.3 1.5");
  expect_same(bulkget_tools, v2c() + " 1.3.6.1.2.1.1.9");  // defaults: 0 and 10
}

TEST_P(NetsnmpToolsInterop, WalkSystemInterfacesAndLeaf) {
  expect_same(walk_tools, v2c() + " 1.3.6.1.2.1.1", true);
  expect_same(walk_tools, v2c("-Oq") + " 1.3.6.1.2.1.1", true);
  expect_same(walk_tools, v1() + " 1.3.6.1.2.1.1", true);
  expect_same(walk_tools, v2c() + " 1.3.6.1.2.1.2", true);
  expect_same(walk_tools, v2c("-Cp") + " 1.3.6.1.2.1.2", true);
  // A leaf: the walk finds nothing below it and GETs it.
  expect_same(walk_tools, v2c() + " " + sys_descr);
  expect_same(walk_tools, v1("-Cp") + " " + sys_descr);
  // Nothing there: v2c prints the exception of that GET, v1 nothing; past the end of
  // the MIB: v2c endOfMibView, v1 "End of MIB".
  expect_same(walk_tools, v2c("-Cp") + " 1.3.6.1.2.1.1.99");
  expect_same(walk_tools, v2c("-Cp") + " " + no_instance);
  expect_same(walk_tools, v1("-Cp") + " 1.3.6.1.2.1.1.99");
  expect_same(walk_tools, v2c("-Cp") + " 1.4");
  expect_same(walk_tools, v1("-Cp") + " 1.4");
  // -Ci GETs the root first, -CI never, -CE ends early, -Cc does not check order.
  expect_same(walk_tools, v2c("-Ci -Cp") + " 1.3.6.1.2.1.1.9.1.2");
  expect_same(walk_tools, v2c("-Ci") + " " + sys_descr);
  expect_same(walk_tools, v2c("-CI -Cp") + " " + sys_descr);
  expect_same(walk_tools, v2c("-CE 1.3.6.1.2.1.1.9.1.3.4") + " 1.3.6.1.2.1.1.9");
  expect_same(walk_tools, v2c("-Cc -Ov") + " 1.3.6.1.2.1.1.9.1.2");
}

// A single-arc root (".1", "1", "iso") walks the whole tree, as users type it by habit:
// against an snmpd whose community sees only the system group, both tools print the
// same rows.
TEST(NetsnmpToolsWholeTreeInterop, SingleArcRootsWalkEverything) {
  // ("public" sees sysUpTime only: the fixture's readiness probe asks for it.)
  test::snmpd_fixture agent({.extra_config = "rocommunity sysonly 127.0.0.1 .1.3.6.1.2.1.1\nrocommunity public 127.0.0.1 .1.3.6.1.2.1.1.3\n",
                             .default_communities = false});
  const std::string args = " -v2c -c sysonly -On " + agent.v4_spec();
  for (const char* root : {".1", "1", "iso", ".iso"}) {
    expect_same(walk_tools, args + " " + root, true);
    expect_same(bulkwalk_tools, args + " " + root, true);
  }
  auto r = run_pair(walk_tools, args + " .1");
  EXPECT_NE(r.ours.out.find(".1.3.6.1.2.1.1.1.0 = STRING:"), std::string::npos) << r.ours.out << r.ours.err;
}

TEST_P(NetsnmpToolsInterop, BulkWalk) {
  expect_same(bulkwalk_tools, v2c("-Cr3") + " 1.3.6.1.2.1.1", true);
  expect_same(bulkwalk_tools, v2c("-Cr3 -Cp") + " 1.3.6.1.2.1.2", true);
  expect_same(bulkwalk_tools, v2c("-Cp") + " 1.3.6.1.2.1.1.9.1.4");
  expect_same(bulkwalk_tools, v2c("-Cr1 -Oq") + " 1.3.6.1.2.1.1.9.1.3");
  expect_same(bulkwalk_tools, v2c("-Cp") + " " + sys_descr);
  expect_same(bulkwalk_tools, v2c("-Cp") + " 1.3.6.1.2.1.1.99");
  expect_same(bulkwalk_tools, v2c("-Cp") + " 1.4");
  expect_same(bulkwalk_tools, v2c("-Ci -Cp") + " 1.3.6.1.2.1.1.1");
  expect_same(bulkwalk_tools, v1() + " 1.3.6.1.2.1.1");  // "Cannot send V2 PDU on V1 session"
}

TEST_P(NetsnmpToolsInterop, SetThenReadBack) {
  const std::string name = std::string("snmpio-tools-") + (v6() ? "v6-" : "v4-") + std::to_string(::getpid());
  const std::string rw = " -v2c -c private -On " + spec();
  auto rw_with = [&](const std::string& flags) { return " -v2c -c private -On " + flags + " " + spec(); };
  expect_same(set_tools, rw + " " + sys_name + " s " + name);
  auto back = run_pair(get_tools, v2c("-Ov") + " " + sys_name);
  EXPECT_EQ(back.theirs.out, "STRING: \"" + name + "\"\n");  // the set took effect
  EXPECT_EQ(back.ours.out, back.theirs.out);
  // The set made by snmpio-set alone, read back by snmpget.
  const std::string ours_only = name + "-ours";
  auto set = test::run_tool(test::sample_path("snmpio-set") + rw + " " + sys_name + " s " + ours_only);
  EXPECT_EQ(set.status, 0) << set.err;
  auto read = test::run_tool("snmpget" + v2c("-Oqv") + " " + sys_name);
  EXPECT_EQ(read.out, "\"" + ours_only + "\"\n");
  // Other type letters and output options on the same object.
  expect_same(set_tools, rw_with("-Oq") + " " + sys_name + " x '68 69 6A'");
  expect_same(set_tools, rw_with("-Ov") + " " + sys_name + " d 104.105");
  expect_same(set_tools, rw_with("-Cq") + " " + sys_name + " s quiet");
  // snmpset takes no options after the agent: a value may start with '-'.
  expect_same(set_tools, rw + " " + sys_name + " s -Oq");
}

TEST_P(NetsnmpToolsInterop, SetErrors) {
  const std::string rw2 = " -v2c -c private -On " + spec();
  const std::string rw1 = " -v1 -c private -On " + spec();
  expect_same(set_tools, rw2 + " " + sys_name + " i 5");                   // wrongType
  expect_same(set_tools, rw1 + " " + sys_name + " i 5");                   // badValue
  expect_same(set_tools, v2c() + " " + sys_name + " s x");                 // noAccess (read-only community)
  expect_same(set_tools, v1() + " " + sys_name + " s x");                  // noSuchName
  expect_same(set_tools, rw2 + " " + sys_descr + " s x");                  // notWritable
  expect_same(set_tools, rw2 + " 1.3.6.1.2.1.1.99.0 s x");                 // notWritable
  expect_same(set_tools, rw2 + " " + sys_name + " s a " + sys_services + " i 1");  // several varbinds
}

TEST_P(NetsnmpToolsInterop, TimeoutsAgainstAClosedPort) {
  const auto port = std::to_string(test::free_udp_port());
  const std::string agent = v6() ? "udp6:[::1]:" + port : "udp:127.0.0.1:" + port;
  const std::string plain = v6() ? "[::1]:" + port : "127.0.0.1:" + port;
  const std::string f = " -v2c -c public -On -t 0.2 -r 0 ";
  expect_same(get_tools, f + agent + " " + sys_descr);
  expect_same(get_tools, f + plain + " " + sys_descr);
  expect_same(getnext_tools, f + agent + " " + sys_descr);
  expect_same(bulkget_tools, f + agent + " " + sys_descr);
  expect_same(walk_tools, f + "-Cp " + agent + " 1.3.6.1.2.1.1");
  expect_same(bulkwalk_tools, f + agent + " 1.3.6.1.2.1.1");
  expect_same(set_tools, f + agent + " " + sys_name + " s x");
  auto r = run_pair(get_tools, f + agent + " " + sys_descr);
  EXPECT_EQ(r.theirs.status, 1);
  EXPECT_NE(r.theirs.err.find("Timeout"), std::string::npos);
}

TEST_P(NetsnmpToolsInterop, BadArguments) {
  const std::string s = " " + spec() + " ";
  expect_same_usage_error(get_tools, " -v2c -c public -y" + s + sys_descr);
  expect_same_usage_error(get_tools, " -v2c -c public -Oy" + s + sys_descr);
  expect_same_usage_error(get_tools, " -v5 -c public" + s + sys_descr);
  expect_same_usage_error(get_tools, " -v2c -c public -t abc" + s + sys_descr);
  expect_same_usage_error(get_tools, " -v2c -c public -r abc" + s + sys_descr);
  expect_same_usage_error(get_tools, " -v2c -c public" + s);
  expect_same_usage_error(get_tools, " -v2c -c public");
  expect_same_usage_error(get_tools, " -v2c -c public -Cx" + s + sys_descr);
  expect_same_usage_error(getnext_tools, " -v2c -c public" + s + "1.3.x.1");
  expect_same_usage_error(get_tools, " -v2c -c public" + s + "1.3.6.1.2.1.1.x");
  expect_same_usage_error(get_tools, " -v2c -c public" + s + "1..3");
  expect_same_usage_error(bulkget_tools, " -v2c -c public -Cr" + s + sys_descr);
  expect_same_usage_error(bulkget_tools, " -v2c -c public -Cn3" + s + sys_descr);
  expect_same_usage_error(bulkget_tools, " -v1 -c public" + s + sys_descr);
  expect_same_usage_error(walk_tools, " -v2c -c public -Cz" + s + "1.3.6.1.2.1.1");
  const std::string rw = " -v2c -c private" + s + sys_name;
  expect_same_usage_error(set_tools, rw);
  expect_same_usage_error(set_tools, rw + " s");
  expect_same_usage_error(set_tools, rw + " z x");
  expect_same_usage_error(set_tools, rw + " C 5");
  expect_same_usage_error(set_tools, rw + " i abc");
  expect_same_usage_error(set_tools, rw + " u abc");
  expect_same_usage_error(set_tools, rw + " x 6");
  expect_same_usage_error(set_tools, rw + " x zz");
  expect_same_usage_error(set_tools, rw + " a 1.2.3.256");
  expect_same_usage_error(set_tools, rw + " d 256");
  expect_same_usage_error(set_tools, rw + " o 1.3.x");
  expect_same_usage_error(set_tools, rw + " U abc");
  expect_same_usage_error(get_tools, " -v2c -c public nosuchhost.invalid " + sys_descr);
  // SNMPv3 (also the default version without -v): a user the agent does not know, and
  // no user at all, fail as Net-SNMP's tools fail (tests/interop/netsnmp_tools_v3_interop_test.cpp
  // covers SNMPv3 itself).
  expect_same_usage_error(get_tools, " -v3 -u bob -l noAuthNoPriv -t 0.5 -r 0" + s + sys_descr);
  expect_same_usage_error(get_tools, " -c public -t 0.5 -r 0" + s + sys_descr);
}

// snmpio-bench has no Net-SNMP twin: check its one line and its counts.
TEST_P(NetsnmpToolsInterop, BenchPrintsOneLine) {
  const std::regex line(R"(^ok=(\d+) err=(\d+) req/s=[0-9.]+ cpu_us_per_req=[0-9.]+ max_rss_kb=[1-9]\d*\n$)");
  std::smatch m;
  const std::string bench = test::sample_path("snmpio-bench");
  auto get = test::run_tool(bench + " get -v2c -c public -n 300 -w 8 " + spec() + " " + sys_descr + " " + sys_name);
  EXPECT_EQ(get.status, 0) << get.err;
  ASSERT_TRUE(std::regex_match(get.out, m, line)) << get.out;
  EXPECT_EQ(m[1], "300");
  EXPECT_EQ(m[2], "0");
  auto walk = test::run_tool(bench + " walk -v2c -c public -n 6 -w 3 " + spec() + " 1.3.6.1.2.1.1");
  EXPECT_EQ(walk.status, 0) << walk.err;
  ASSERT_TRUE(std::regex_match(walk.out, m, line)) << walk.out;
  EXPECT_EQ(m[1], "6");
  auto bulk = test::run_tool(bench + " walk -v2c -c public -n 4 -w 2 -Cr5 " + spec() + " 1.3.6.1.2.1.2");
  EXPECT_EQ(bulk.status, 0) << bulk.err;
  ASSERT_TRUE(std::regex_match(bulk.out, m, line)) << bulk.out;
  EXPECT_EQ(m[1], "4");
  // Against a closed port every request fails: counted, reported, exit 1.
  const std::string closed = (v6() ? "udp6:[::1]:" : "udp:127.0.0.1:") + std::to_string(test::free_udp_port());
  auto fail = test::run_tool(bench + " get -v2c -c public -t 0.2 -r 0 -n 4 -w 2 " + closed + " " + sys_descr);
  EXPECT_EQ(fail.status, 1);
  ASSERT_TRUE(std::regex_match(fail.out, m, line)) << fail.out;
  EXPECT_EQ(m[1], "0");
  EXPECT_EQ(m[2], "4");
  EXPECT_NE(fail.err.find("Timeout: No Response from " + closed), std::string::npos) << fail.err;
  // Bad arguments.
  EXPECT_EQ(test::run_tool(bench + " fly -v2c " + spec() + " " + sys_descr).status, 1);
  EXPECT_EQ(test::run_tool(bench + " get -v2c -n 0 " + spec() + " " + sys_descr).status, 1);
}

INSTANTIATE_TEST_SUITE_P(Families, NetsnmpToolsInterop, ::testing::Values(false, true),
                         [](const auto& param_info) { return param_info.param ? std::string("IPv6") : std::string("IPv4"); });

// ------------------------------------------------------------------ a scripted agent

class NetsnmpToolsScriptedInterop : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override { agent_ = std::make_unique<test::scripted_agent>(GetParam()); }
  std::string v2c(const std::string& flags = "") const {
    return " -v2c -c public -On -t 0.5 -r 0 " + flags + " " + agent_->spec();
  }
  std::string v1(const std::string& flags = "") const {
    return " -v1 -c public -On -t 0.5 -r 0 " + flags + " " + agent_->spec();
  }
  std::unique_ptr<test::scripted_agent> agent_;
};

// Every error-status (and one beyond the RFC's), with the failed object at index 1, at
// no index, and at an index past the varbinds.
TEST_P(NetsnmpToolsScriptedInterop, EveryErrorStatus) {
  // The agent answers on its own thread, possibly after this body returns: the handler
  // shares ownership of what it reads, and reads it atomically.
  auto knobs = std::make_shared<std::array<std::atomic<std::int32_t>, 2>>();
  std::atomic<std::int32_t>& status = (*knobs)[0];
  std::atomic<std::int32_t>& index = (*knobs)[1];
  status = 0;
  index = 1;
  agent_->set_handler([knobs](const ber::community_message& req) -> std::optional<pdu> {
    pdu p = req.data;
    p.error_status = (*knobs)[0].load();
    p.error_index = (*knobs)[1].load();
    return p;
  });
  for (status = 1; status <= 19; ++status) {
    SCOPED_TRACE("error-status " + std::to_string(status));
    expect_same(get_tools, v2c("-Cf") + " 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.2.0");
    expect_same(set_tools, v2c() + " 1.3.6.1.2.1.1.5.0 s x");
  }
  status = 5;
  for (std::int32_t i : {0, 2, 3}) {
    index = i;
    SCOPED_TRACE("error-index " + std::to_string(i));
    expect_same(get_tools, v2c() + " 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.2.0");
    expect_same(getnext_tools, v2c() + " 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.2.0");
    expect_same(bulkget_tools, v2c() + " 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.2.0");
    expect_same(walk_tools, v2c("-Cp") + " 1.3.6.1.2.1.1");
    expect_same(bulkwalk_tools, v2c("-Cp") + " 1.3.6.1.2.1.1");
    expect_same(set_tools, v2c() + " 1.3.6.1.2.1.1.5.0 s x 1.3.6.1.2.1.1.6.0 s y");
  }
  EXPECT_FALSE(agent_->requests().empty());
}

// A scripted subtree under 1.3.6.1.9: GETNEXT and GETBULK walk it one varbind per
// answer, in the order `names` gives (which need not increase); past the last name the
// answer is `tail` (an OID outside the subtree, or an exception inside it).
void script_walk(test::scripted_agent& agent, std::vector<std::string> names, varbind tail) {
  agent.set_handler([names, tail](const ber::community_message& req) -> std::optional<pdu> {
    pdu p;
    if (req.data.varbinds.empty()) return p;
    const oid& asked = req.data.varbinds.back().name;
    const oid root("1.3.6.1.9");
    if (req.data.type == pdu_type::get_request) {
      p.varbinds.push_back({asked, value::no_such_object()});
      return p;
    }
    std::size_t next = 0;
    if (asked != root) {
      for (std::size_t i = 0; i < names.size(); ++i)
        if (oid(names[i]) == asked) next = i + 1;
    }
    if (next < names.size()) {
      p.varbinds.push_back({oid(names[next]), value::integer32(static_cast<std::int32_t>(next))});
    } else {
      varbind t = tail;
      if (t.value.is_exception()) t.name = asked;
      p.varbinds.push_back(t);
    }
    return p;
  });
}

TEST_P(NetsnmpToolsScriptedInterop, WalkWithOidsThatDoNotIncrease) {
  script_walk(*agent_, {"1.3.6.1.9.5", "1.3.6.1.9.3", "1.3.6.1.9.7"}, {oid("1.3.6.1.10"), value::integer32(0)});
  expect_same(walk_tools, v2c() + " 1.3.6.1.9");
  expect_same(walk_tools, v2c("-Cc -Cp") + " 1.3.6.1.9");
  expect_same(bulkwalk_tools, v2c("-Cp") + " 1.3.6.1.9");
  expect_same(bulkwalk_tools, v2c("-Cc") + " 1.3.6.1.9");
  auto r = run_pair(walk_tools, v2c() + " 1.3.6.1.9");
  EXPECT_EQ(r.theirs.status, 1);
  EXPECT_NE(r.theirs.err.find("not increasing"), std::string::npos);
}

TEST_P(NetsnmpToolsScriptedInterop, WalkEndingInAnException) {
  script_walk(*agent_, {"1.3.6.1.9.1", "1.3.6.1.9.2"}, {oid(), value::end_of_mib_view()});
  expect_same(walk_tools, v2c("-Cp") + " 1.3.6.1.9");
  expect_same(bulkwalk_tools, v2c("-Cp") + " 1.3.6.1.9");
  script_walk(*agent_, {"1.3.6.1.9.1"}, {oid(), value::no_such_instance()});
  expect_same(walk_tools, v2c() + " 1.3.6.1.9");
  // Nothing in the subtree: the GET of the root prints the agent's noSuchObject.
  script_walk(*agent_, {}, {oid("1.3.6.1.10"), value::integer32(0)});
  expect_same(walk_tools, v2c("-Cp") + " 1.3.6.1.9");
  expect_same(bulkwalk_tools, v2c("-Cp") + " 1.3.6.1.9");
  // No answer at all in the middle of a walk.
  script_walk(*agent_, {"1.3.6.1.9.1"}, {oid("1.3.6.1.10"), value::integer32(0)});
  auto silent_after_first = [](const ber::community_message& req) -> std::optional<pdu> {
    if (req.data.varbinds.empty() || req.data.varbinds[0].name != oid("1.3.6.1.9")) return std::nullopt;
    pdu p;
    p.varbinds.push_back({oid("1.3.6.1.9.1"), value::octet_string("x")});
    return p;
  };
  agent_->set_handler(silent_after_first);
  expect_same(walk_tools, v2c("-Cp") + " 1.3.6.1.9");
  expect_same(bulkwalk_tools, v2c("-Cp") + " 1.3.6.1.9");
}

// Every value type as it comes back from an agent, through every output style.
TEST_P(NetsnmpToolsScriptedInterop, EveryValueType) {
  std::vector<varbind> vbs = {
      {oid("1.3.6.1.9.1"), value::integer32(-42)},
      {oid("1.3.6.1.9.2"), value::octet_string("text")},
      {oid("1.3.6.1.9.3"), value::octet_string(std::string("\x01\x02\xff\x00", 4))},
      {oid("1.3.6.1.9.4"), value::null()},
      {oid("1.3.6.1.9.5"), value::object_identifier(oid("1.3.6.1.4.1.8072"))},
      {oid("1.3.6.1.9.6"), value::ip_address({192, 0, 2, 7})},
      {oid("1.3.6.1.9.7"), value::counter32(4000000000u)},
      {oid("1.3.6.1.9.8"), value::gauge32(7)},
      {oid("1.3.6.1.9.9"), value::time_ticks(123456789)},
      {oid("1.3.6.1.9.10"), value::opaque(std::string("\x9f\x78\x04\x40\xa0\x00\x00", 7))},
      {oid("1.3.6.1.9.11"), value::counter64(18446744073709551615ull)},
      {oid("1.3.6.1.9.12"), value::no_such_object()},
      {oid("1.3.6.1.9.13"), value::no_such_instance()},
      {oid("1.3.6.1.9.14"), value::end_of_mib_view()},
  };
  agent_->set_handler([vbs](const ber::community_message&) -> std::optional<pdu> {  // a copy: see above
    pdu p;
    p.varbinds = vbs;
    return p;
  });
  for (const char* o : {"", "-Oq", "-Ov", "-OQ", "-Ot", "-Ox", "-Oa", "-OT", "-Oqv"})
    expect_same(get_tools, v2c(o) + " 1.3.6.1.9.1");
}

// snmpset's type letters: the agent echoes what it was sent, so equal output means
// equal encodings; the recorded requests are compared as well.
TEST_P(NetsnmpToolsScriptedInterop, SetTypeLetters) {
  agent_->set_handler([](const ber::community_message& req) -> std::optional<pdu> { return req.data; });
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"i", "-17"},     {"i", "2147483647"}, {"u", "4294967295"}, {"t", "12345"},     {"a", "10.1.2.3"},
      {"o", ".1.3.6.1.4.1.8072"},            {"s", "hello world"}, {"s", ""},          {"x", "00 FF 7e"},
      {"x", "0x6869"},  {"d", "1.2.255"},    {"b", "0,3,9"},       {"b", "15"},        {"n", "x"},
      {"U", "5"},       {"U", "18446744073709551615"},           {"I", "-5"},        {"I", "300"},
      {"F", "5"},       {"D", "2.5"},
  };
  for (const auto& [type, text] : cases) {
    const std::string args = v2c() + " 1.3.6.1.9.1 " + type + " '" + text + "'";
    SCOPED_TRACE(type + " " + text);
    expect_same(set_tools, args);
    test::run_tool(std::string("snmpset") + args);
    auto theirs = agent_->requests();
    test::run_tool(test::sample_path("snmpio-set") + args);
    auto ours = agent_->requests();
    ASSERT_FALSE(theirs.empty());
    ASSERT_FALSE(ours.empty());
    EXPECT_EQ(ours.back().data.varbinds, theirs.back().data.varbinds);
    EXPECT_EQ(ours.back().data.type, pdu_type::set_request);
  }
}

INSTANTIATE_TEST_SUITE_P(Families, NetsnmpToolsScriptedInterop, ::testing::Values(false, true),
                         [](const auto& param_info) { return param_info.param ? std::string("IPv6") : std::string("IPv4"); });

}  // namespace
