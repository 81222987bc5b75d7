// snmpio-agent's notification sinks against Net-SNMP 5.9: one configuration with
// trapsink, trap2sink, informsink and trapsess (v2c inform, v3 authPriv trap, v3
// authPriv inform) starts snmpio-agent, then the real snmpd, each with a real
// snmptrapd of its own; both send coldStart to every sink when they start. snmptrapd
// must log every one, and what it logs from snmpio-agent must match what it logs from
// snmpd: the same kinds of notification with the same security, the same varbind OIDs
// and types (uptime values differ), snmpTrapOID.0 = coldStart.
#include "tests/support/agent_fixture.hpp"
#include "tests/support/snmptrapd_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>

namespace snmpio {
namespace {

using namespace std::chrono_literals;

// engineID snmpio-sinks: 80 00 1F 88 04 "snmpio-sinks", the agent's (and snmpd's) engine
// ID: the v3 trap's authoritative engine, to which snmptrapd's user is localized.
const char* const kAgentEngineHex = "0x80001F8804736E6D70696F2D73696E6B73";

std::string agent_config(std::uint16_t trapd_port) {
  const std::string p = std::to_string(trapd_port);
  // No sysObjectID: the coldStart's enterprise is each agent's default (snmpd's).
  return "engineID snmpio-sinks\n"
         "rocommunity public 127.0.0.1\n"
         // snmpd only sends v3 traps for a user it knows itself.
         "createUser sinkuser SHA sink-auth-pass AES sink-priv-pass\n"
         "trapcommunity public\n"
         "trapsink 127.0.0.1:" + p + "\n"
         "trap2sink 127.0.0.1 public " + p + "\n"
         "informsink udp:127.0.0.1:" + p + "\n"
         "trapsess -v 2c -c public -Ci -r 3 -t 1 udp:127.0.0.1:" + p + "\n"
         "trapsess -v 3 -u sinkuser -l authPriv -a SHA -A sink-auth-pass -x AES -X sink-priv-pass udp:127.0.0.1:" + p + "\n"
         "trapsess -v 3 -Ci -u sinkuser -l authPriv -a SHA -A sink-auth-pass -x AES -X sink-priv-pass 127.0.0.1:" + p + "\n";
}

std::string trapd_config() {
  return std::string("createUser -e ") + kAgentEngineHex + " sinkuser SHA sink-auth-pass AES sink-priv-pass\n" +
         // informs: snmptrapd is authoritative, the same user localized to its own engine
         "createUser sinkuser SHA sink-auth-pass AES sink-priv-pass\n"
         "authUser log sinkuser priv\n";
}

// One logged notification: "PDU, SNMP vX, community|user ..." and its varbinds as
// "OID = TYPE" (values dropped), plus the trap OID (v2) or enterprise|generic (v1).
struct logged {
  std::string security;
  std::string trap;
  std::vector<std::string> varbind_types;
  bool operator<(const logged& o) const {
    return std::tie(security, trap, varbind_types) < std::tie(o.security, o.trap, o.varbind_types);
  }
  bool operator==(const logged& o) const = default;
};

std::ostream& operator<<(std::ostream& os, const logged& l) {
  os << "{" << l.security << " | " << l.trap << " |";
  for (const auto& v : l.varbind_types) os << " " << v;
  return os << "}";
}

// "NOTIFICATION %b | %P | %N | %w | %q | %v"
logged parse_line(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const auto bar = line.find(" | ", start);
    fields.push_back(line.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 3;
  }
  logged l;
  if (fields.size() < 6) return l;
  l.security = fields[1];
  // User-based lines end in ", context "; keep them as they are (both sides alike).
  const std::string& vbs = fields[5];
  if (l.security.rfind("TRAP, SNMP v1", 0) == 0) l.trap = "v1 " + fields[2] + " " + fields[3] + " " + fields[4];
  static const std::regex vb(R"((\.[0-9.]+) = ([A-Za-z0-9 -]+): ([^\t]*))");
  for (auto it = std::sregex_iterator(vbs.begin(), vbs.end(), vb); it != std::sregex_iterator(); ++it) {
    l.varbind_types.push_back((*it)[1].str() + " = " + (*it)[2].str());
    if ((*it)[1].str() == ".1.3.6.1.6.3.1.1.4.1.0") l.trap = (*it)[3].str();
  }
  return l;
}

bool is_cold_start(const logged& l) {
  return l.trap == ".1.3.6.1.6.3.1.1.5.1" || (l.trap.rfind("v1 ", 0) == 0 && l.trap.find(" 0 0") != std::string::npos);
}

// Starts `which` with the sink configuration, waits for six coldStarts at a fresh
// snmptrapd, returns them sorted.
std::vector<logged> cold_starts(test::agent_fixture::kind which, std::string& raw_log) {
  test::snmptrapd_fixture trapd({.extra_config = trapd_config()});
  std::vector<logged> out;
  {
    test::agent_fixture agent({.config = agent_config(trapd.port()), .which = which});
    const auto end = std::chrono::steady_clock::now() + 8s;
    while (std::chrono::steady_clock::now() < end) {
      out.clear();
      for (const auto& line : trapd.notifications()) {
        auto l = parse_line(line);
        if (is_cold_start(l)) out.push_back(l);
      }
      if (out.size() >= 6) break;
      std::this_thread::sleep_for(50ms);
    }
    raw_log = trapd.log() + "\n--- agent log:\n" + agent.log();
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(AgentSinksInterop, SnmpioAgentSendsColdStartToEverySink) {
  std::string raw;
  const auto got = cold_starts(test::agent_fixture::kind::snmpio, raw);
  ASSERT_EQ(got.size(), 6u) << raw;
  std::map<std::string, int> kinds;
  for (const auto& l : got) {
    ++kinds[l.security];
    if (l.security.rfind("TRAP, SNMP v1", 0) == 0) {
      // enterprise = sysObjectID, generic coldStart(0), specific 0, no varbinds
      EXPECT_EQ(l.trap, "v1 .1.3.6.1.4.1.8072.3.2.10 0 0") << raw;
      EXPECT_TRUE(l.varbind_types.empty()) << l;
      continue;
    }
    ASSERT_GE(l.varbind_types.size(), 2u) << l;
    EXPECT_EQ(l.varbind_types[0], ".1.3.6.1.2.1.1.3.0 = Timeticks") << l;
    EXPECT_EQ(l.varbind_types[1], ".1.3.6.1.6.3.1.1.4.1.0 = OID") << l;
    EXPECT_EQ(l.trap, ".1.3.6.1.6.3.1.1.5.1") << l;
  }
  EXPECT_EQ(kinds["TRAP, SNMP v1, community public"], 1) << raw;
  EXPECT_EQ(kinds["TRAP2, SNMP v2c, community public"], 1) << raw;
  EXPECT_EQ(kinds["INFORM, SNMP v2c, community public"], 2) << raw;  // informsink and trapsess -Ci
  EXPECT_EQ(kinds["TRAP2, SNMP v3, user sinkuser, context "], 1) << raw;
  EXPECT_EQ(kinds["INFORM, SNMP v3, user sinkuser, context "], 1) << raw;
}

TEST(AgentSinksInterop, SameColdStartsAsSnmpd) {
  std::string raw_snmpio, raw_snmpd;
  const auto ours = cold_starts(test::agent_fixture::kind::snmpio, raw_snmpio);
  const auto theirs = cold_starts(test::agent_fixture::kind::netsnmp, raw_snmpd);
  ASSERT_EQ(theirs.size(), 6u) << "snmpd did not deliver all six coldStarts:\n" << raw_snmpd;
  ASSERT_EQ(ours.size(), theirs.size()) << raw_snmpio;
  for (std::size_t i = 0; i < ours.size(); ++i) EXPECT_EQ(ours[i], theirs[i]) << raw_snmpio << "\n" << raw_snmpd;
}

}  // namespace
}  // namespace snmpio
