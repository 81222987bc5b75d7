// SNMPv3 privacy against a real PySNMP 4.4 agent (tests/support/pysnmp_agent.py): 3DES,
// which Net-SNMP lacks, and AES-128/192/256 with both of PySNMP's key extensions
// (Blumenthal, and the Reeder one PySNMP calls usmAesCfb192/256Protocol). What snmpio
// reads must equal what PySNMP's own manager (hlapi getCmd) reads from the same agent.
#include <snmpio/snmpio.hpp>

#include "tests/support/netsnmp_tools.hpp"
#include "tests/support/snmpd_fixture.hpp"

#include <gtest/gtest.h>

#include <poll.h>

#include <filesystem>
#include <map>
#include <sstream>

using namespace snmpio;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

struct pysnmp_user {
  const char* name;
  auth_protocol auth;
  const char* auth_pysnmp;  // hlapi's name of the protocol
  const char* auth_key;
  priv_protocol priv;
  const char* priv_pysnmp;
  const char* priv_key;
};

// The users of tests/support/pysnmp_agent.py.
const pysnmp_user kUsers[] = {
    {"u-3des-md5", auth_protocol::hmac_md5, "usmHMACMD5AuthProtocol", "authpass-3des-md5", priv_protocol::tdes,
     "usm3DESEDEPrivProtocol", "privpass-3des-md5"},
    {"u-3des-sha", auth_protocol::hmac_sha, "usmHMACSHAAuthProtocol", "authpass-3des-sha", priv_protocol::tdes,
     "usm3DESEDEPrivProtocol", "privpass-3des-sha"},
    {"u-aes128", auth_protocol::hmac_sha, "usmHMACSHAAuthProtocol", "authpass-aes128", priv_protocol::aes128,
     "usmAesCfb128Protocol", "privpass-aes128"},
    {"u-aes192-blumenthal", auth_protocol::hmac_sha, "usmHMACSHAAuthProtocol", "authpass-aes192b",
     priv_protocol::aes192_blumenthal, "usmAesBlumenthalCfb192Protocol", "privpass-aes192b"},
    {"u-aes256-blumenthal", auth_protocol::hmac_sha, "usmHMACSHAAuthProtocol", "authpass-aes256b",
     priv_protocol::aes256_blumenthal, "usmAesBlumenthalCfb256Protocol", "privpass-aes256b"},
    {"u-aes192-reeder", auth_protocol::hmac_sha, "usmHMACSHAAuthProtocol", "authpass-aes192r",
     priv_protocol::aes192_reeder, "usmAesCfb192Protocol", "privpass-aes192r"},
    {"u-aes256-reeder", auth_protocol::hmac_sha, "usmHMACSHAAuthProtocol", "authpass-aes256r",
     priv_protocol::aes256_reeder, "usmAesCfb256Protocol", "privpass-aes256r"},
};

const char* const kSysDescr = "1.3.6.1.2.1.1.1.0";
const char* const kSysObjectId = "1.3.6.1.2.1.1.2.0";

// The first Python with PySNMP: Debian's python3-pysnmp4 lives in the system Python,
// which a pyenv or venv python3 earlier on PATH does not see.
std::string find_pysnmp_python() {
  for (const char* py : {"/usr/bin/python3", "python3"}) {
    auto out = test::run_command(std::string(py) + " -c 'import pysnmp.hlapi, pysnmp.entity.engine'");
    if (out.status == 0) return py;
  }
  return {};
}

// PySNMP's manager: one line per varbind, "user|oid|octets|<hex>" or "user|oid|oid|<dotted>",
// or "user|error|<indication or status>".
const char* const kPysnmpClient = R"PY(
import sys
from pysnmp import hlapi
from pyasn1.type import univ
port = int(sys.argv[1])
args = sys.argv[2:]
for k in range(0, len(args), 5):
    user, auth, akey, priv, pkey = args[k:k + 5]
    ind, status, index, vbs = next(hlapi.getCmd(
        hlapi.SnmpEngine(),
        hlapi.UsmUserData(user, akey, pkey, authProtocol=getattr(hlapi, auth), privProtocol=getattr(hlapi, priv)),
        hlapi.UdpTransportTarget(("127.0.0.1", port), timeout=2, retries=1), hlapi.ContextData(),
        hlapi.ObjectType(hlapi.ObjectIdentity("1.3.6.1.2.1.1.1.0")),
        hlapi.ObjectType(hlapi.ObjectIdentity("1.3.6.1.2.1.1.2.0")), lookupMib=False))
    if ind or status:
        print("%s|error|%s" % (user, ind or status.prettyPrint()))
        continue
    for name, val in vbs:
        if isinstance(val, univ.ObjectIdentifier):
            print("%s|%s|oid|%s" % (user, name, val.prettyPrint()))
        elif isinstance(val, univ.OctetString):
            print("%s|%s|octets|%s" % (user, name, val.asOctets().hex()))
        else:
            print("%s|%s|other|%s" % (user, name, val.prettyPrint()))
)PY";

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string hex(std::string_view octets) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : octets) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// snmpio's answer in the client's line format.
std::string lines_of(const std::string& user, const response& r) {
  std::string out;
  for (const auto& vb : r.varbinds) {
    out += user + "|" + vb.name.to_string() + "|";
    if (vb.value.type() == value_type::object_identifier) {
      out += "oid|" + vb.value.as_oid().to_string();
    } else if (vb.value.type() == value_type::octet_string) {
      out += "octets|" + hex(vb.value.as_octets());
    } else {
      out += "other|" + format_value(vb.value);
    }
    out += "\n";
  }
  return out;
}

// The agent, as a child process.
class pysnmp_agent {
 public:
  pysnmp_agent(const std::string& python, std::uint16_t port) {
    const fs::path script = fs::path(__FILE__).parent_path().parent_path() / "support" / "pysnmp_agent.py";
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::close(out[0]);
      ::close(out[1]);
      const std::string p = std::to_string(port);
      ::execlp(python.c_str(), python.c_str(), script.c_str(), p.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    out_ = out[0];
    // Wait for "ready" (PySNMP starts in about a second).
    std::string seen;
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    while (seen.find("ready\n") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd pfd{out_, POLLIN, 0};
      if (::poll(&pfd, 1, 200) <= 0) continue;
      char buf[256];
      const auto n = ::read(out_, buf, sizeof buf);
      if (n <= 0) break;  // the agent died
      seen.append(buf, static_cast<std::size_t>(n));
    }
    ready_ = seen.find("ready\n") != std::string::npos;
  }
  ~pysnmp_agent() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      bool gone = false;
      for (int i = 0; i < 50 && !gone; ++i) {
        gone = ::waitpid(pid_, &status, WNOHANG) == pid_;
        if (!gone) std::this_thread::sleep_for(20ms);
      }
      if (!gone) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
    }
    if (out_ >= 0) ::close(out_);
  }
  pysnmp_agent(const pysnmp_agent&) = delete;
  pysnmp_agent& operator=(const pysnmp_agent&) = delete;
  bool ready() const noexcept { return ready_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool ready_ = false;
};

class PysnmpAgentInterop : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    python_ = new std::string(find_pysnmp_python());
    if (python_->empty()) return;
    port_ = test::free_udp_port();
    agent_ = new pysnmp_agent(*python_, port_);
  }
  static void TearDownTestSuite() {
    delete agent_;
    agent_ = nullptr;
    delete python_;
    python_ = nullptr;
  }
  void SetUp() override {
    ASSERT_FALSE(python_->empty()) << "PySNMP is missing (Debian's python3-pysnmp4): run scripts/deps.sh";
    ASSERT_TRUE(agent_->ready()) << "tests/support/pysnmp_agent.py did not print 'ready'";
  }

  static usm_user_data user_data(const pysnmp_user& u) {
    return {.user_name = u.name, .auth = u.auth, .auth_key = u.auth_key, .priv = u.priv, .priv_key = u.priv_key};
  }
  static target agent_target() { return udp_target{"127.0.0.1", port_, {.timeout = 2s, .retries = 1}}; }

  static std::string* python_;
  static std::uint16_t port_;
  static pysnmp_agent* agent_;
};
std::string* PysnmpAgentInterop::python_ = nullptr;
std::uint16_t PysnmpAgentInterop::port_ = 0;
pysnmp_agent* PysnmpAgentInterop::agent_ = nullptr;

TEST_F(PysnmpAgentInterop, EveryPrivacyProtocolReadsWhatPysnmpReads) {
  // The expected values: PySNMP's manager, all users in one process.
  std::string cmd = *python_ + " -c " + shell_quote(kPysnmpClient) + " " + std::to_string(port_);
  for (const auto& u : kUsers)
    for (const char* arg : {u.name, u.auth_pysnmp, u.auth_key, u.priv_pysnmp, u.priv_key}) cmd += " " + shell_quote(arg);
  const auto peer = test::run_command(cmd);
  ASSERT_EQ(peer.status, 0) << peer.text;
  std::map<std::string, std::string> expected;
  std::istringstream in(peer.text);
  for (std::string line; std::getline(in, line);) expected[line.substr(0, line.find('|'))] += line + "\n";

  for (const auto& u : kUsers) {
    SCOPED_TRACE(u.name);
    const std::string& want = expected[u.name];
    // The peer must have answered properly, or the comparison means nothing.
    ASSERT_NE(want.find(std::string(u.name) + "|" + kSysDescr + "|octets|"), std::string::npos) << peer.text;
    ASSERT_NE(want.find(std::string(u.name) + "|" + kSysObjectId + "|oid|"), std::string::npos) << peer.text;
    auto r = sync::get(user_data(u), agent_target(), {}, {oid(kSysDescr), oid(kSysObjectId)});
    ASSERT_TRUE(r) << to_string(u.priv) << ": " << r.error().message();
    EXPECT_EQ(r->error_status, 0);
    EXPECT_EQ(lines_of(u.name, *r), want) << to_string(u.priv);
  }
}

TEST_F(PysnmpAgentInterop, WrongTripleDesPassphraseEndsInAnError) {
  for (const auto& u : {kUsers[0], kUsers[1]}) {
    SCOPED_TRACE(u.name);
    usm_user_data d = user_data(u);
    d.priv_key = "not-the-privacy-passphrase";
    auto r = sync::get(d, udp_target{"127.0.0.1", port_, {.timeout = 1s, .retries = 0}}, {},
                       {oid(kSysDescr), oid(kSysObjectId)});
    EXPECT_FALSE(r) << "a wrong 3DES key read " << (r ? lines_of(u.name, *r) : std::string());
    if (!r) {
      EXPECT_NE(r.error(), std::error_code(errc::invalid_argument)) << r.error().message();
    }
  }
}

TEST_F(PysnmpAgentInterop, WrongAuthPassphraseIsAnAuthenticationError) {
  // A control for the case above: the agent is up and tells a wrong digest apart.
  usm_user_data d = user_data(kUsers[0]);
  d.auth_key = "not-the-auth-passphrase";
  auto r = sync::get(d, udp_target{"127.0.0.1", port_, {.timeout = 1s, .retries = 0}}, {}, {oid(kSysDescr)});
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error() == errc::authentication_failure || r.error() == errc::timeout) << r.error().message();
}

}  // namespace
