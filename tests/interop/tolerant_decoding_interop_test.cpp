// Liberal in what is accepted, checked against the real peers (man 7 snmpio, WHAT SNMPIO
// ACCEPTS): a GetRequest whose request-id carries a redundant leading zero, as gosnmp
// writes one request-id in 256, goes as raw bytes to snmpio-agent and to Net-SNMP's
// snmpd started from the same configuration file; both answer, and snmpio's answer is
// snmpd's, varbind for varbind. Then the requests Net-SNMP's snmpget and PySNMP's getCmd
// really send are captured on a UDP socket of the test and replayed to both agents, as
// sent and with their request-id padded likewise.
#include "ber/message_codec.hpp"
#include "tests/support/agent_fixture.hpp"
#include "tests/support/netsnmp_tools.hpp"
#include "tests/support/sloppy_encoder.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <fstream>
#include <optional>
#include <random>

using namespace snmpio;
using namespace std::chrono_literals;

namespace {

const char kConfig[] =
    "# snmpio-agent and snmpd read this same file\n"
    "rocommunity public 127.0.0.1\n"
    "rocommunity6 public ::1\n"
    "sysDescr snmpio tolerant decoding test agent\n"
    "sysObjectID .1.3.6.1.4.1.99999.42\n"
    "sysContact tolerant@example.org\n"
    "sysName tolerant-host\n"
    "sysServices 72\n";

const oid kSysDescr{1, 3, 6, 1, 2, 1, 1, 1, 0};
const oid kSysObjectId{1, 3, 6, 1, 2, 1, 1, 2, 0};
const oid kSysContact{1, 3, 6, 1, 2, 1, 1, 4, 0};
const oid kSysName{1, 3, 6, 1, 2, 1, 1, 5, 0};
const oid kSysServices{1, 3, 6, 1, 2, 1, 1, 7, 0};

// A UDP socket on 127.0.0.1 with a receive timeout.
class udp_client {
 public:
  explicit udp_client(std::chrono::milliseconds wait) {
    fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("udp_client: bind");
    port_ = ntohs(a.sin_port);
    timeval tv{static_cast<time_t>(wait.count() / 1000), static_cast<suseconds_t>((wait.count() % 1000) * 1000)};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~udp_client() { ::close(fd_); }
  udp_client(const udp_client&) = delete;
  udp_client& operator=(const udp_client&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  void send(const std::vector<std::uint8_t>& d, std::uint16_t to_port) const {
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to.sin_port = htons(to_port);
    ::sendto(fd_, d.data(), d.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
  }
  std::optional<std::vector<std::uint8_t>> receive() const {
    std::vector<std::uint8_t> buf(65536);
    const ssize_t n = ::recv(fd_, buf.data(), buf.size(), 0);
    if (n <= 0) return std::nullopt;
    buf.resize(static_cast<std::size_t>(n));
    return buf;
  }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

// Sends `datagram` to an agent and decodes its answer.
std::optional<ber::community_message> ask(std::uint16_t port, const std::vector<std::uint8_t>& datagram) {
  udp_client c(3000ms);
  c.send(datagram, port);
  auto reply = c.receive();
  if (!reply) return std::nullopt;
  ber::community_message m;
  ber::decode_tally tally;
  if (ber::decode_community_message(*reply, m, &tally)) return std::nullopt;
  // snmpio writes minimal BER; snmpd does too.
  EXPECT_EQ(tally.non_minimal_integers + tally.unsigned_top_bit, 0u);
  return m;
}

class TolerantDecodingInterop : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ours_ = new test::agent_fixture({.config = kConfig, .which = test::agent_fixture::kind::snmpio});
    theirs_ = new test::agent_fixture({.config = kConfig, .which = test::agent_fixture::kind::netsnmp});
  }
  static void TearDownTestSuite() {
    delete ours_;
    delete theirs_;
    ours_ = theirs_ = nullptr;
  }

  // Both agents answer `datagram`, the same way. Returns snmpio's answer.
  static ber::community_message same_answer(const std::vector<std::uint8_t>& datagram, const std::string& what) {
    auto mine = ask(ours_->port(), datagram);
    auto ref = ask(theirs_->port(), datagram);
    EXPECT_TRUE(ref.has_value()) << what << ": snmpd did not answer";
    EXPECT_TRUE(mine.has_value()) << what << ": snmpio-agent did not answer";
    if (!mine || !ref) return {};
    EXPECT_EQ(mine->version, ref->version) << what;
    EXPECT_EQ(mine->community, ref->community) << what;
    EXPECT_EQ(mine->data.type, ref->data.type) << what;
    EXPECT_EQ(mine->data.request_id, ref->data.request_id) << what;
    EXPECT_EQ(mine->data.error_status, ref->data.error_status) << what;
    EXPECT_EQ(mine->data.error_index, ref->data.error_index) << what;
    EXPECT_EQ(mine->data.varbinds.size(), ref->data.varbinds.size()) << what;
    for (std::size_t i = 0; i < std::min(mine->data.varbinds.size(), ref->data.varbinds.size()); ++i)
      EXPECT_EQ(mine->data.varbinds[i], ref->data.varbinds[i]) << what << ", varbind " << i;
    return *mine;
  }

  static test::agent_fixture* ours_;
  static test::agent_fixture* theirs_;
};
test::agent_fixture* TolerantDecodingInterop::ours_ = nullptr;
test::agent_fixture* TolerantDecodingInterop::theirs_ = nullptr;

TEST_F(TolerantDecodingInterop, AGosnmpRequestIdWithALeadingZeroIsAnsweredAsSnmpdAnswersIt) {
  ber::community_message get{snmp_version::v2c, "public", {}};
  get.data.type = pdu_type::get_request;
  for (const auto& name : {kSysDescr, kSysObjectId, kSysContact, kSysName, kSysServices})
    get.data.varbinds.push_back({name, value::null()});
  for (std::int32_t id : {0x123456, 0x7F, 0x00FF00, 0x5A5A5A}) {
    get.data.request_id = id;
    const auto datagram = test::encode_with_padded_request_id(get);
    // As gosnmp writes it: 02 04 00 xx xx xx (or shorter for a small id), never minimal.
    ber::decode_tally tally;
    ber::community_message check;
    ASSERT_FALSE(ber::decode_community_message(datagram, check, &tally));
    ASSERT_EQ(tally.non_minimal_integers, 1u);
    const auto answer = same_answer(datagram, "request-id " + std::to_string(id));
    EXPECT_EQ(answer.data.request_id, id);
    ASSERT_EQ(answer.data.varbinds.size(), 5u);
    EXPECT_EQ(answer.data.varbinds[0].value, value::octet_string("snmpio tolerant decoding test agent"));
    EXPECT_EQ(answer.data.varbinds[4].value, value::integer32(72));
  }
  // Three redundant octets (the most a 4-octet field can carry), and a GETNEXT.
  get.data.request_id = 9;
  same_answer(test::encode_with_padded_request_id(get, 3), "request-id 00 00 00 09");
  // GETNEXT from names whose successors both agents hold alike (sysObjectID.0,
  // sysContact.0, sysName.0; the system groups differ past sysName.0, and sysUpTime
  // is the agent's own).
  get.data.type = pdu_type::get_next_request;
  get.data.varbinds.clear();
  for (const auto& name : {kSysDescr, oid{1, 3, 6, 1, 2, 1, 1, 3, 0}, kSysContact})
    get.data.varbinds.push_back({name, value::null()});
  const auto next = same_answer(test::encode_with_padded_request_id(get, 2), "GETNEXT, request-id 00 00 09");
  ASSERT_EQ(next.data.varbinds.size(), 3u);
  EXPECT_EQ(next.data.varbinds[2].name, kSysName);
}

// The datagrams peers send to a UDP socket of the test, `count` of them (they are never
// answered: each request gives up after its timeout).
std::vector<std::vector<std::uint8_t>> capture(const std::string& what, std::size_t count,
                                               const std::function<std::string(std::uint16_t)>& make) {
  udp_client sink(100ms);
  const auto out = test::run_command(make(sink.port()));
  std::vector<std::vector<std::uint8_t>> got;
  while (auto d = sink.receive()) got.push_back(std::move(*d));
  EXPECT_EQ(got.size(), count) << what << " printed:\n" << out.text;
  return got;
}

// The first Python with PySNMP (Debian's python3-pysnmp4 is in the system Python).
std::string pysnmp_python() {
  for (const char* py : {"/usr/bin/python3", "python3"}) {
    if (test::run_command(std::string(py) + " -c 'import pysnmp.hlapi'").status == 0) return py;
  }
  return {};
}

// One GetRequest with mpModel 0 (SNMPv1), one with mpModel 1 (SNMPv2c), from one
// process: importing PySNMP is what takes the time.
const char kPysnmpGet[] = R"PY(import sys
from pysnmp import hlapi
port = int(sys.argv[1])
oids = [hlapi.ObjectType(hlapi.ObjectIdentity(tuple(int(a) for a in o.split('.')))) for o in sys.argv[2:]]
engine = hlapi.SnmpEngine()
for model in (0, 1):
    err = next(hlapi.getCmd(engine, hlapi.CommunityData('public', mpModel=model),
                            hlapi.UdpTransportTarget(('127.0.0.1', port), timeout=0.3, retries=0),
                            hlapi.ContextData(), *oids))[0]
    print(model, err)
)PY";

// Replays what a real peer sent, as sent and with its request-id padded, to both agents.
void replay(const std::vector<std::uint8_t>& sent, const std::string& who,
            const std::function<ber::community_message(const std::vector<std::uint8_t>&, const std::string&)>& same) {
  ber::community_message m;
  ASSERT_FALSE(ber::decode_community_message(sent, m)) << who;
  ASSERT_EQ(m.data.type, pdu_type::get_request) << who;
  const auto as_sent = same(sent, who + ", as sent");
  EXPECT_EQ(as_sent.data.request_id, m.data.request_id) << who;
  EXPECT_EQ(as_sent.data.varbinds.size(), m.data.varbinds.size()) << who;
  const auto padded = test::encode_with_padded_request_id(m);
  const auto answer = same(padded, who + ", request-id padded");
  EXPECT_EQ(answer.data.request_id, m.data.request_id) << who;
}

TEST_F(TolerantDecodingInterop, RequestsCapturedFromSnmpgetAndPysnmpAreAnsweredAsSnmpdAnswersThem) {
  const std::string oids = "1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.5.0 1.3.6.1.2.1.1.7.0";
  for (const char* v : {"1", "2c"}) {
    const auto sent = capture("snmpget", 1, [&](std::uint16_t port) {
      return std::string("snmpget -v") + v + " -c public -t 0.3 -r 0 udp:127.0.0.1:" + std::to_string(port) + " " +
             oids;
    });
    if (sent.size() == 1) replay(sent[0], std::string("snmpget -v") + v, same_answer);
  }

  const std::string py = pysnmp_python();
  ASSERT_FALSE(py.empty()) << "PySNMP is not installed (scripts/deps.sh installs python3-pysnmp4)";
  const test::temp_dir tmp("tolerant");
  const std::filesystem::path dir = tmp.path();
  std::ofstream(dir / "get.py") << kPysnmpGet;
  const auto sent = capture("PySNMP getCmd", 2, [&](std::uint16_t port) {
    return py + " " + (dir / "get.py").string() + " " + std::to_string(port) + " " + oids;
  });
  for (std::size_t i = 0; i < sent.size(); ++i) replay(sent[i], "PySNMP getCmd #" + std::to_string(i), same_answer);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0][4], 0x00);  // msgVersion: SNMPv1 first, then SNMPv2c
  EXPECT_EQ(sent[1][4], 0x01);
}

}  // namespace
