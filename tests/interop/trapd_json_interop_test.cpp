// snmpio-trapd --json, read back with a real JSON parser (Python's json module), for
// notifications sent by Net-SNMP's snmptrap and snmpinform: every SMI type as a typed
// JSON value (numbers as numbers, Counter64 and 64-bit Opaques as strings, OIDs with
// their leading dot), OCTET STRINGs as text only when they are text and always as hex,
// so that binary and the text of its hex dump stay apart, Opaque floats with their
// subtype, and the time in RFC 3339 with its zone.
#include "tests/support/snmpd_fixture.hpp"  // free_udp_port
#include "tests/support/daemon_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/tool_runner.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace snmpio {
namespace {

using namespace std::chrono_literals;

struct temp_dir {
  std::filesystem::path path = test::make_temp_dir("trapd-json");
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// Prints, for each JSON line of `file`, the fields a consumer reads, one per line:
// "pdu version security" then per varbind "oid type value(JSON) hex opaque_type".
// The time must parse as RFC 3339 with a zone offset.
const char* const kReader = R"PY(
import json, sys, datetime
for line in open(sys.argv[1], encoding='utf-8'):
    n = json.loads(line)
    t = datetime.datetime.fromisoformat(n['time'])
    assert t.tzinfo is not None, n['time']
    print('N', n['pdu'], n['version'], n['security'], n.get('level', '-'), n.get('enterprise', '-'))
    for vb in n['varbinds']:
        print('V', vb['oid'], vb['type'].replace(' ', '_'), json.dumps(vb['value'], ensure_ascii=False),
              vb.get('hex', '-'), vb.get('opaque_type', '-'), 'display' in vb)
)PY";

TEST(TrapdJsonInterop, EveryTypeTypedAndParsedByAJsonParser) {
  temp_dir dir;
  {
    std::ofstream(dir.path / "trapd.conf") << "authCommunity log public\n"
                                           << "createUser iu SHA authpass-2 AES-256 privpass-2\nauthUser log iu\n";
    std::ofstream(dir.path / "reader.py") << kReader;
  }
  const auto port = test::free_udp_port();
  const std::string out = (dir.path / "out").string();
  pid_t pid = ::fork();
  if (pid == 0) {
    if (!std::freopen(out.c_str(), "w", stdout)) std::_Exit(127);
    const std::string bin = test::sample_path("snmpio-trapd"), conf = (dir.path / "trapd.conf").string();
    const std::string listen = "udp:127.0.0.1:" + std::to_string(port);
    ::execl(bin.c_str(), bin.c_str(), "-C", "-c", conf.c_str(), "--json", listen.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  ASSERT_GT(pid, 0);
  std::this_thread::sleep_for(300ms);
  const std::string at = " udp:127.0.0.1:" + std::to_string(port);
  // Every type snmptrap can send; a text with a newline and non-ASCII letters, binary
  // octets, and the text of their hex dump.
  auto r = test::run_tool("snmptrap -v2c -c public" + at +
                          " 77 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.1.5.0 s 'h\xc3\xa9llo\nline'"
                          " 1.3.6.1.2.1.1.6.0 x 0102FF 1.3.6.1.2.1.1.7.0 s 0102FF"
                          " 1.3.6.1.2.1.1.8.0 F 1.5 1.3.6.1.2.1.1.9.0 D -2.25"
                          " 1.3.6.1.4.1.1.1 c 5 1.3.6.1.4.1.1.2 C 18446744073709551615"
                          " 1.3.6.1.4.1.1.3 a 10.1.2.3 1.3.6.1.4.1.1.4 o .1.3.6 1.3.6.1.4.1.1.5 i -7"
                          " 1.3.6.1.4.1.1.6 U 99 1.3.6.1.4.1.1.7 I -99 1.3.6.1.4.1.1.8 u 4294967295");
  EXPECT_EQ(r.status, 0) << r.err;
  r = test::run_tool("snmptrap -v1 -c public" + at + " 1.3.6.1.4.1.8072.9 10.2.3.4 6 5 79 1.3.6.1.2.1.1.5.0 s v1");
  EXPECT_EQ(r.status, 0) << r.err;
  r = test::run_tool("snmpinform -v3 -u iu -l authPriv -a SHA -A authpass-2 -x AES-256 -X privpass-2" + at +
                     " 81 1.3.6.1.6.3.1.1.5.2 1.3.6.1.2.1.1.5.0 s inform");
  EXPECT_EQ(r.status, 0) << r.err;
  std::this_thread::sleep_for(300ms);
  test::stop_process(pid);

  auto parsed = test::run_tool("python3 " + (dir.path / "reader.py").string() + " " + out);
  ASSERT_EQ(parsed.status, 0) << "not JSON lines:\n" << parsed.err;
  std::vector<std::string> lines;
  std::istringstream in(parsed.out);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  const std::vector<std::string> want = {
      "N TRAP2 2c public - -",
      "V .1.3.6.1.2.1.1.3.0 TimeTicks 77 - - True",
      "V .1.3.6.1.6.3.1.1.4.1.0 OBJECT_IDENTIFIER \".1.3.6.1.6.3.1.1.5.3\" - - True",
      "V .1.3.6.1.2.1.1.5.0 OCTET_STRING \"h\xc3\xa9llo\\nline\" 68C3A96C6C6F0A6C696E65 - True",
      "V .1.3.6.1.2.1.1.6.0 OCTET_STRING null 0102FF - True",         // binary: no text
      "V .1.3.6.1.2.1.1.7.0 OCTET_STRING \"0102FF\" 303130324646 - True",  // its hex as text
      "V .1.3.6.1.2.1.1.8.0 Opaque 1.5 9F78043FC00000 float True",
      "V .1.3.6.1.2.1.1.9.0 Opaque -2.25 9F7908C002000000000000 double True",
      "V .1.3.6.1.4.1.1.1 Counter32 5 - - True",
      "V .1.3.6.1.4.1.1.2 Counter64 \"18446744073709551615\" - - True",
      "V .1.3.6.1.4.1.1.3 IpAddress \"10.1.2.3\" - - True",
      "V .1.3.6.1.4.1.1.4 OBJECT_IDENTIFIER \".1.3.6\" - - True",
      "V .1.3.6.1.4.1.1.5 INTEGER -7 - - True",
      "V .1.3.6.1.4.1.1.6 Opaque \"99\" 9F7B0163 uint64 True",
      "V .1.3.6.1.4.1.1.7 Opaque \"-99\" 9F7A019D int64 True",
      "V .1.3.6.1.4.1.1.8 Gauge32 4294967295 - - True",
      "N TRAP 1 public - .1.3.6.1.4.1.8072.9",
      "V .1.3.6.1.2.1.1.3.0 TimeTicks 79 - - True",
      "V .1.3.6.1.6.3.1.1.4.1.0 OBJECT_IDENTIFIER \".1.3.6.1.4.1.8072.9.0.5\" - - True",
      "V .1.3.6.1.2.1.1.5.0 OCTET_STRING \"v1\" 7631 - True",
      "V .1.3.6.1.6.3.18.1.3.0 IpAddress \"10.2.3.4\" - - True",
      "V .1.3.6.1.6.3.18.1.4.0 OCTET_STRING \"public\" 7075626C6963 - True",
      "V .1.3.6.1.6.3.1.1.4.3.0 OBJECT_IDENTIFIER \".1.3.6.1.4.1.8072.9\" - - True",
      "N INFORM 3 iu authPriv -",
      "V .1.3.6.1.2.1.1.3.0 TimeTicks 81 - - True",
      "V .1.3.6.1.6.3.1.1.4.1.0 OBJECT_IDENTIFIER \".1.3.6.1.6.3.1.1.5.2\" - - True",
      "V .1.3.6.1.2.1.1.5.0 OCTET_STRING \"inform\" 696E666F726D - True",
  };
  EXPECT_EQ(lines, want) << parsed.out;
}

}  // namespace
}  // namespace snmpio
