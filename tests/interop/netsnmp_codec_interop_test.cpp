// The BER/message codec against Net-SNMP 5.9's tools: every datagram they send must
// decode, and re-encode to the same bytes (both sides emit minimal encodings).
// The tools run with -d against the discard port, where nothing answers.
#include "ber/message_codec.hpp"
#include "tests/support/hex.hpp"
#include "tests/support/netsnmp_tools.hpp"

#include <gtest/gtest.h>

using namespace snmpio;
using snmpio::test::to_hex;

namespace {

const std::string kHost = "udp:127.0.0.1:9";

std::vector<std::vector<std::uint8_t>> datagrams_of(const std::string& tool_and_args) {
  const auto sp = tool_and_args.find(' ');
  std::string cmd = tool_and_args.substr(0, sp) + " -d" +
                    (tool_and_args.rfind("snmptrap", 0) == 0 ? "" : " -r 0 -t 0.2") +
                    tool_and_args.substr(sp);
  auto out = test::run_command(cmd);
  auto d = test::sent_datagrams(out.text);
  EXPECT_FALSE(d.empty()) << cmd << " printed:\n" << out.text;
  return d;
}

ber::community_message decode_and_reencode(const std::vector<std::uint8_t>& d) {
  ber::community_message m;
  std::error_code ec = ber::decode_community_message(d, m);
  EXPECT_FALSE(ec) << ec.message() << " on " << to_hex(d);
  ber::writer w;
  EXPECT_FALSE(ber::encode_community_message(w, m));
  EXPECT_EQ(to_hex(w.data()), to_hex(d));
  return m;
}

}  // namespace

TEST(NetsnmpCodecInterop, GetGetNextAndBulkRequests) {
  auto get = datagrams_of("snmpget -v1 -c public " + kHost + " 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.3.0");
  ASSERT_EQ(get.size(), 1u);
  auto m = decode_and_reencode(get[0]);
  EXPECT_EQ(m.version, snmp_version::v1);
  EXPECT_EQ(m.data.type, pdu_type::get_request);
  ASSERT_EQ(m.data.varbinds.size(), 2u);
  EXPECT_EQ(m.data.varbinds[1].name.to_string(), "1.3.6.1.2.1.1.3.0");

  auto next = datagrams_of("snmpgetnext -v2c -c s3cr3t " + kHost + " 1.3.6.1.2.1.2.2.1.2");
  ASSERT_EQ(next.size(), 1u);
  m = decode_and_reencode(next[0]);
  EXPECT_EQ(m.community, "s3cr3t");
  EXPECT_EQ(m.data.type, pdu_type::get_next_request);

  auto bulk = datagrams_of("snmpbulkget -v2c -c public -Cn1 -Cr37 " + kHost + " 1.3.6.1.2.1.1 1.3.6.1.2.1.2.2");
  ASSERT_EQ(bulk.size(), 1u);
  m = decode_and_reencode(bulk[0]);
  EXPECT_EQ(m.data.type, pdu_type::get_bulk_request);
  EXPECT_EQ(m.data.non_repeaters(), 1);
  EXPECT_EQ(m.data.max_repetitions(), 37);
}

TEST(NetsnmpCodecInterop, SetWithEveryValueTypeTheToolHas) {
  auto d = datagrams_of("snmpset -v2c -c private " + kHost +
                        " 1.3.6.1.4.1.8072.1.1.0 i -2147483648"
                        " 1.3.6.1.4.1.8072.1.2.0 u 4294967295"
                        " 1.3.6.1.4.1.8072.1.3.0 t 12345678"
                        " 1.3.6.1.4.1.8072.1.4.0 a 192.0.2.1"
                        " 1.3.6.1.4.1.8072.1.5.0 o 1.3.6.1.4.1.8072.3.2.10"
                        " 1.3.6.1.4.1.8072.1.6.0 s 'hello world'"
                        " 1.3.6.1.4.1.8072.1.7.0 x 00FF10AB"
                        " 1.3.6.1.4.1.8072.1.8.0 d 1.2.3.4"
                        " 1.3.6.1.4.1.8072.1.9.0 b '1 3 5'"
                        " 1.3.6.1.4.1.8072.1.10.0 i 2147483647");
  ASSERT_EQ(d.size(), 1u);
  auto m = decode_and_reencode(d[0]);
  ASSERT_EQ(m.data.varbinds.size(), 10u);
  const auto& vb = m.data.varbinds;
  EXPECT_EQ(vb[0].value, value::integer32(-2147483647 - 1));
  EXPECT_EQ(vb[1].value, value::gauge32(4294967295u));
  EXPECT_EQ(vb[2].value, value::time_ticks(12345678));
  EXPECT_EQ(vb[3].value, value::ip_address({192, 0, 2, 1}));
  EXPECT_EQ(vb[4].value, value::object_identifier(oid{1, 3, 6, 1, 4, 1, 8072, 3, 2, 10}));
  EXPECT_EQ(vb[5].value, value::octet_string("hello world"));
  EXPECT_EQ(vb[6].value, value::octet_string(std::string("\x00\xff\x10\xab", 4)));
  EXPECT_EQ(vb[7].value, value::octet_string(std::string("\x01\x02\x03\x04", 4)));
  EXPECT_EQ(vb[8].value, value::octet_string(std::string("\x54", 1)));  // BITS 1 3 5 = 0101 0100
  EXPECT_EQ(vb[9].value, value::integer32(2147483647));
}

TEST(NetsnmpCodecInterop, NotificationsV1V2cAndInform) {
  auto t1 = datagrams_of("snmptrap -v1 -c public " + kHost +
                         " 1.3.6.1.4.1.8072.9 192.0.2.77 6 2147483647 4294967295 1.3.6.1.2.1.1.5.0 s host");
  ASSERT_EQ(t1.size(), 1u);
  auto m = decode_and_reencode(t1[0]);
  EXPECT_EQ(m.data.type, pdu_type::trap_v1);
  EXPECT_EQ(m.data.enterprise.to_string(), "1.3.6.1.4.1.8072.9");
  EXPECT_EQ(m.data.agent_address, (std::array<std::uint8_t, 4>{192, 0, 2, 77}));
  EXPECT_EQ(m.data.generic_trap, 6);
  EXPECT_EQ(m.data.specific_trap, 2147483647);
  EXPECT_EQ(m.data.time_stamp, 4294967295u);

  auto t2 = datagrams_of("snmptrap -v2c -c public " + kHost +
                         " 4242 1.3.6.1.6.3.1.1.5.4 1.3.6.1.2.1.2.2.1.1.3 i 3");
  ASSERT_EQ(t2.size(), 1u);
  m = decode_and_reencode(t2[0]);
  EXPECT_EQ(m.data.type, pdu_type::trap_v2);
  ASSERT_EQ(m.data.varbinds.size(), 3u);
  EXPECT_EQ(m.data.varbinds[0].name.to_string(), "1.3.6.1.2.1.1.3.0");  // sysUpTime.0 first
  EXPECT_EQ(m.data.varbinds[0].value, value::time_ticks(4242));
  EXPECT_EQ(m.data.varbinds[1].name.to_string(), "1.3.6.1.6.3.1.1.4.1.0");  // then snmpTrapOID.0
  EXPECT_EQ(m.data.varbinds[1].value, value::object_identifier(oid{1, 3, 6, 1, 6, 3, 1, 1, 5, 4}));

  auto inform = datagrams_of("snmpinform -v2c -c public " + kHost + " 0 1.3.6.1.6.3.1.1.5.1");
  ASSERT_GE(inform.size(), 1u);
  m = decode_and_reencode(inform[0]);
  EXPECT_EQ(m.data.type, pdu_type::inform_request);
}

TEST(NetsnmpCodecInterop, V3MessagesDecodeAndPlaintextReencodes) {
  // Discovery probe: empty engine ID and user, noAuthNoPriv, reportable.
  auto probe = datagrams_of("snmpget -v3 -l authPriv -u user -a SHA -A maplesyrup -x AES -X maplesyrup " + kHost +
                            " 1.3.6.1.2.1.1.1.0");
  ASSERT_GE(probe.size(), 1u);
  ber::v3_message_view v;
  ASSERT_FALSE(ber::decode_v3_message(probe[0], v));
  EXPECT_EQ(v.header.flags, ber::msg_flags::reportable);
  EXPECT_EQ(v.header.security_model, 3);
  ber::usm_security_parameters_view u;
  ASSERT_FALSE(ber::decode_usm_security_parameters(v.security_parameters, u));
  EXPECT_TRUE(u.engine_id.empty());
  ber::scoped_pdu s;
  ASSERT_FALSE(ber::decode_scoped_pdu(v.scoped_pdu_data, s));

  // With a known engine ID: an authenticated, encrypted GET (flags auth|priv|reportable).
  for (const char* level : {"-l authPriv -a SHA-256 -A maplesyrup -x AES -X maplesyrup",
                            "-l authPriv -a MD5 -A maplesyrup -x DES -X maplesyrup",
                            "-l authNoPriv -a SHA-512 -A maplesyrup",
                            "-l noAuthNoPriv -n somecontext"}) {
    auto d = datagrams_of(std::string("snmpget -v3 -u user -e 0x000000000000000000000002 ") + level + " " +
                          kHost + " 1.3.6.1.2.1.1.1.0");
    ASSERT_GE(d.size(), 1u) << level;
    const auto& msg = d.back();
    ASSERT_FALSE(ber::decode_v3_message(msg, v)) << level;
    ASSERT_FALSE(ber::decode_usm_security_parameters(v.security_parameters, u)) << level;
    EXPECT_EQ(to_hex(u.engine_id), "000000000000000000000002") << level;
    EXPECT_EQ(ber::as_chars(u.user_name), "user");
    ber::usm_security_parameters owned{std::string(ber::as_chars(u.engine_id)), u.engine_boots, u.engine_time,
                                       std::string(ber::as_chars(u.user_name)),
                                       std::string(ber::as_chars(u.auth_params)),
                                       std::string(ber::as_chars(u.priv_params))};
    ber::writer w;
    if (v.encrypted) {
      EXPECT_EQ(u.priv_params.size(), 8u) << level;
      ASSERT_FALSE(ber::encode_v3_message_encrypted(w, v.header, owned, v.scoped_pdu_data));
    } else {
      ASSERT_FALSE(ber::decode_scoped_pdu(v.scoped_pdu_data, s)) << level;
      ASSERT_EQ(s.data.varbinds.size(), 1u);
      EXPECT_EQ(s.data.varbinds[0].name.to_string(), "1.3.6.1.2.1.1.1.0");
      ASSERT_FALSE(ber::encode_v3_message(w, v.header, owned, s));
      if (std::string(level).find("somecontext") != std::string::npos) {
        EXPECT_EQ(s.context_name, "somecontext");
      }
    }
    EXPECT_EQ(to_hex(w.data()), to_hex(msg)) << level;
  }
}
