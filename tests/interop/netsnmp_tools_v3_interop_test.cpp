// The tools with -v 3 against the real snmpd: stdout, stderr (our tool's name in
// place of Net-SNMP's) and exit status equal those of snmpget, snmpgetnext,
// snmpbulkget, snmpwalk, snmpbulkwalk and snmpset with the same SNMPv3 flags.
#include "tests/support/snmpd_fixture.hpp"
#include "tests/support/tool_runner.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

using snmpio::test::run_tool;
using snmpio::test::sample_path;

const char* kUsers =
    "createUser v3-none\nrouser v3-none noauth\n"
    "createUser v3-md5 MD5 md5-passphrase\nrouser v3-md5 auth\n"
    "createUser v3-sha-des SHA sha-passphrase DES des-passphrase\nrwuser v3-sha-des priv\n"
    "createUser v3-sha256-aes SHA-256 sha256-passphrase AES aes-passphrase\nrouser v3-sha256-aes priv\n"
    "createUser v3-sha512-aes256c SHA-512 sha512-passphrase AES-256-C aes256c-passphrase\n"
    "rouser v3-sha512-aes256c priv\n";

class ToolsV3Interop : public ::testing::TestWithParam<bool> {
 protected:
  static void SetUpTestSuite() { agent_ = new snmpio::test::snmpd_fixture({.extra_config = kUsers}); }
  static void TearDownTestSuite() {
    delete agent_;
    agent_ = nullptr;
  }
  std::string spec() const { return GetParam() ? agent_->v6_spec() : agent_->v4_spec(); }

  // Runs `ours` and Net-SNMP's `theirs` with the same arguments; compares everything.
  // For a bad argument only the first stderr line is compared: the usage text that
  // follows it is each tool's own.
  void same(const std::string& ours, const std::string& theirs, const std::string& args, bool first_line = false) {
    auto a = run_tool(sample_path(ours) + " " + args);
    auto b = run_tool(theirs + " " + args);
    std::string err = a.err;
    for (std::size_t p; (p = err.find(ours + ":")) != std::string::npos;) err.replace(p, ours.size(), theirs);
    if (first_line) {
      err = err.substr(0, err.find('\n'));
      b.err = b.err.substr(0, b.err.find('\n'));
      EXPECT_FALSE(err.empty()) << args;
    }
    EXPECT_EQ(a.out, b.out) << args;
    EXPECT_EQ(err, b.err) << args;
    EXPECT_EQ(a.status, b.status) << args;
  }

  static snmpio::test::snmpd_fixture* agent_;
};
snmpio::test::snmpd_fixture* ToolsV3Interop::agent_ = nullptr;

const std::string kSha256Aes = "-v3 -l authPriv -u v3-sha256-aes -a SHA-256 -A sha256-passphrase -x AES -X aes-passphrase";

TEST_P(ToolsV3Interop, GetAtEverySecurityLevel) {
  for (const std::string& flags : std::vector<std::string>{
           "-v3 -l noAuthNoPriv -u v3-none", "-v3 -l authNoPriv -u v3-md5 -a MD5 -A md5-passphrase",
        "-v3 -l authPriv -u v3-sha-des -a SHA -A sha-passphrase -x DES -X des-passphrase", kSha256Aes,
        "-v3 -l authPriv -u v3-sha512-aes256c -a SHA-512 -A sha512-passphrase -x AES-256-C -X aes256c-passphrase",
        "-v3 -l authNoPriv -u v3-md5 -A md5-passphrase"}) {  // MD5 is the default -a
    same("snmpio-get", "snmpget",
         "-On " + flags + " " + spec() + " 1.3.6.1.2.1.1.4.0 1.3.6.1.2.1.1.7.0 1.3.6.1.2.1.1.99.0");
  }
}

TEST_P(ToolsV3Interop, GetNextBulkGetWalksAndSet) {
  same("snmpio-getnext", "snmpgetnext", "-On " + kSha256Aes + " " + spec() + " 1.3.6.1.2.1.1.9.1.2");
  same("snmpio-bulkget", "snmpbulkget", "-On -Cn1 -Cr4 " + kSha256Aes + " " + spec() + " 1.3.6.1.2.1.1.4.0 1.3.6.1.2.1.1.9.1.3");
  same("snmpio-walk", "snmpwalk", "-On " + kSha256Aes + " " + spec() + " 1.3.6.1.2.1.1.9.1.4");
  same("snmpio-bulkwalk", "snmpbulkwalk", "-On -Cr3 " + kSha256Aes + " " + spec() + " 1.3.6.1.2.1.1.9.1.2");
  const std::string rw = "-v3 -l authPriv -u v3-sha-des -a SHA -A sha-passphrase -x DES -X des-passphrase ";
  same("snmpio-set", "snmpset", "-On " + rw + spec() + " 1.3.6.1.2.1.1.5.0 s snmpio-v3-set");
  same("snmpio-get", "snmpget", "-On " + rw + spec() + " 1.3.6.1.2.1.1.5.0");
  // A read-only user may not set: the agent's error, reported identically.
  same("snmpio-set", "snmpset", "-On " + kSha256Aes + " " + spec() + " 1.3.6.1.2.1.1.5.0 s nope");
}

TEST_P(ToolsV3Interop, SecurityErrorsInNetsnmpWords) {
  for (const std::string& flags : std::vector<std::string>{
           "-v3 -l authNoPriv -u v3-md5 -a MD5 -A wrong-passphrase",          // wrong digest
        "-v3 -l authNoPriv -u nobody -a SHA -A some-passphrase",           // unknown user
        "-v3 -l authNoPriv -u v3-none -a SHA -A some-passphrase",          // level too high
        "-v3 -l authPriv -u v3-md5 -a MD5 -A md5-passphrase -x AES -X x-passphrase"}) {  // no priv for user
    same("snmpio-get", "snmpget", "-On -t 0.5 -r 0 " + flags + " " + spec() + " 1.3.6.1.2.1.1.4.0");
  }
  for (const std::string& flags : std::vector<std::string>{"-v3 -l bogus -u v3-none",
                                                           "-v3 -l authNoPriv -u v3-md5 -a NOPE -A md5-passphrase",
                                                           "-v3 -l authPriv -u v3-md5 -x NOPE -X x-passphrase"}) {
    same("snmpio-get", "snmpget", "-On -t 0.5 -r 0 " + flags + " " + spec() + " 1.3.6.1.2.1.1.4.0", true);
  }
}

INSTANTIATE_TEST_SUITE_P(Families, ToolsV3Interop, ::testing::Values(false, true),
                         [](const auto& param_info) { return param_info.param ? std::string("IPv6") : std::string("IPv4"); });

}  // namespace
