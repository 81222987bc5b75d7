// SNMPv1/v2c/v3 message structures: golden vectors, testing.md §A, round trips.
#include "ber/message_codec.hpp"
#include "tests/support/hex.hpp"
#include "tests/support/random_pdu.hpp"

#include <gtest/gtest.h>

#include <memory>

using namespace snmpio;
using snmpio::ber::bytes;
using snmpio::test::hex;
using snmpio::test::to_hex;

namespace {

// Captured from Net-SNMP 5.9.3's tools with -d (the interop suite re-asks them live):
//   snmpget -v2c -c public HOST 1.3.6.1.2.1.1.1.0
const char* kNetsnmpGetV2c =
    "30 29 02 01 01 04 06 70 75 62 6C 69 63 A0 1C 02 04 76 FF E7 57 02 01 00 02 01 00 30 0E 30 0C 06 "
    "08 2B 06 01 02 01 01 01 00 05 00";
//   snmpset -v1 -c private HOST 1.3.6.1.2.1.1.4.0 s hello 1.3.6.1.2.1.1.7.0 i -5
const char* kNetsnmpSetV1 =
    "30 3E 02 01 00 04 07 70 72 69 76 61 74 65 A3 30 02 04 1D 83 56 A2 02 01 00 02 01 00 30 22 30 11 "
    "06 08 2B 06 01 02 01 01 04 00 04 05 68 65 6C 6C 6F 30 0D 06 08 2B 06 01 02 01 01 07 00 02 01 FB";
//   snmptrap -v1 -c public HOST 1.3.6.1.4.1.8072 10.1.2.3 6 17 12345 1.3.6.1.2.1.1.5.0 s x
const char* kNetsnmpTrapV1 =
    "30 37 02 01 00 04 06 70 75 62 6C 69 63 A4 2A 06 07 2B 06 01 04 01 BF 08 40 04 0A 01 02 03 02 01 "
    "06 02 01 11 43 02 30 39 30 0F 30 0D 06 08 2B 06 01 02 01 01 05 00 04 01 78";

// vectors.md §3.3: SNMPv3 GetRequest sysDescr.0, auth params zeroed (12 octets).
const char* kV3ZeroedSha1 =
    "306e020103300e020101020300ffe3040105020103042c302a040c000000000000000000000002"
    "020101020102040475736572040c0000000000000000000000000400302b040c00000000000000"
    "00000000020400a019020101020100020100300e300c06082b060102010101000500";

// vectors.md §3.4: the AES-128 authPriv message accepted by Net-SNMP.
const char* kV3AesMessage =
    "3078020103300e020101020300ffe304010702010304343032040c000000000000000000000002020101020102040475"
    "736572040cb0f8f62ce86c0afef232f0cc04080000000000000003042da1e0c801971d93edb17bf7a28098f3e226150e"
    "8b170c77f7ff31d85337af8325d63899db6229056c9918220d26";

std::error_code decode_community(std::string_view h, ber::community_message& m) {
  auto d = hex(h);
  return ber::decode_community_message(d, m);
}

std::string encode_community(const ber::community_message& m) {
  ber::writer w;
  EXPECT_FALSE(ber::encode_community_message(w, m));
  return to_hex(w.data());
}

// Decoding on an exact-size heap copy, so that ASan sees any read past the end.
std::error_code decode_exact(const std::vector<std::uint8_t>& d, std::size_t n, bool v3) {
  std::unique_ptr<std::uint8_t[]> copy(new std::uint8_t[n ? n : 1]);
  std::copy(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(n), copy.get());
  bytes b(copy.get(), n);
  if (!v3) {
    ber::community_message m;
    return ber::decode_community_message(b, m);
  }
  ber::v3_message_view v;
  if (auto ec = ber::decode_v3_message(b, v)) return ec;
  ber::usm_security_parameters_view usm;
  if (auto ec = ber::decode_usm_security_parameters(v.security_parameters, usm)) return ec;
  if (v.encrypted) return {};
  ber::scoped_pdu s;
  return ber::decode_scoped_pdu(v.scoped_pdu_data, s);
}

ber::scoped_pdu sysdescr_scoped() {
  ber::scoped_pdu s;
  s.context_engine_id = std::string(11, '\0') + '\x02';
  s.data.type = pdu_type::get_request;
  s.data.request_id = 1;
  s.data.varbinds.push_back({oid{1, 3, 6, 1, 2, 1, 1, 1, 0}, value::null()});
  return s;
}

ber::usm_security_parameters usm_user(std::size_t auth_len) {
  ber::usm_security_parameters u;
  u.engine_id = std::string(11, '\0') + '\x02';
  u.engine_boots = 1;
  u.engine_time = 2;
  u.user_name = "user";
  u.auth_params.assign(auth_len, '\0');
  return u;
}

}  // namespace

TEST(CommunityMessage, DecodesNetsnmpGetAndEncodesItBack) {
  ber::community_message m;
  ASSERT_FALSE(decode_community(kNetsnmpGetV2c, m));
  EXPECT_EQ(m.version, snmp_version::v2c);
  EXPECT_EQ(m.community, "public");
  EXPECT_EQ(m.data.type, pdu_type::get_request);
  EXPECT_EQ(m.data.request_id, 0x76FFE757);
  ASSERT_EQ(m.data.varbinds.size(), 1u);
  EXPECT_EQ(m.data.varbinds[0].name, oid({1, 3, 6, 1, 2, 1, 1, 1, 0}));
  EXPECT_TRUE(m.data.varbinds[0].value.is_null());
  EXPECT_EQ(encode_community(m), to_hex(hex(kNetsnmpGetV2c)));
}

TEST(CommunityMessage, DecodesNetsnmpSetV1AndEncodesItBack) {
  ber::community_message m;
  ASSERT_FALSE(decode_community(kNetsnmpSetV1, m));
  EXPECT_EQ(m.version, snmp_version::v1);
  EXPECT_EQ(m.community, "private");
  EXPECT_EQ(m.data.type, pdu_type::set_request);
  ASSERT_EQ(m.data.varbinds.size(), 2u);
  EXPECT_EQ(m.data.varbinds[0].value, value::octet_string("hello"));
  EXPECT_EQ(m.data.varbinds[1].value, value::integer32(-5));
  EXPECT_EQ(encode_community(m), to_hex(hex(kNetsnmpSetV1)));
}

TEST(CommunityMessage, DecodesNetsnmpTrapV1AndEncodesItBack) {
  ber::community_message m;
  ASSERT_FALSE(decode_community(kNetsnmpTrapV1, m));
  EXPECT_EQ(m.data.type, pdu_type::trap_v1);
  EXPECT_EQ(m.data.enterprise, oid({1, 3, 6, 1, 4, 1, 8072}));
  EXPECT_EQ(m.data.agent_address, (std::array<std::uint8_t, 4>{10, 1, 2, 3}));
  EXPECT_EQ(m.data.generic_trap, 6);
  EXPECT_EQ(m.data.specific_trap, 17);
  EXPECT_EQ(m.data.time_stamp, 12345u);
  ASSERT_EQ(m.data.varbinds.size(), 1u);
  EXPECT_EQ(m.data.varbinds[0].value, value::octet_string("x"));
  EXPECT_EQ(encode_community(m), to_hex(hex(kNetsnmpTrapV1)));
}

TEST(CommunityMessage, EveryPrefixIsAParseError) {
  std::mt19937_64 rng(1);
  std::vector<std::vector<std::uint8_t>> messages = {hex(kNetsnmpGetV2c), hex(kNetsnmpSetV1), hex(kNetsnmpTrapV1)};
  for (auto v : {snmp_version::v1, snmp_version::v2c}) {
    for (int i = 0; i < 12; ++i) {
      ber::community_message m{v, "public", test::random_pdu(rng, v)};
      ber::writer w;
      ASSERT_FALSE(ber::encode_community_message(w, m));
      messages.emplace_back(w.data().begin(), w.data().end());
    }
  }
  ASSERT_GE(messages.size(), 20u);
  for (const auto& d : messages) {
    ASSERT_FALSE(decode_exact(d, d.size(), false));
    for (std::size_t n = 0; n < d.size(); ++n) {
      std::error_code ec = decode_exact(d, n, false);
      EXPECT_TRUE(is_parse_error(ec)) << "prefix " << n << " of " << to_hex(d) << ": " << ec.message();
    }
  }
}

TEST(CommunityMessage, RejectsStructuralErrors) {
  ber::community_message m;
  // Version 2 and 3 are not community versions.
  EXPECT_EQ(decode_community("30 12 02 01 02 04 00 A0 0B 02 01 01 02 01 00 02 01 00 30 00", m),
            errc::unsupported_version);
  // Trailing garbage after the message.
  EXPECT_EQ(decode_community(std::string(kNetsnmpGetV2c) + " 00", m), errc::trailing_data);
  // GetBulk (A5) in an SNMPv1 message; Trap-PDU (A4) in SNMPv2c.
  EXPECT_EQ(decode_community("30 13 02 01 00 04 01 70 A5 0B 02 01 01 02 01 00 02 01 0A 30 00", m),
            errc::wrong_pdu_for_version);
  EXPECT_EQ(decode_community("30 13 02 01 01 04 01 70 A4 0B 02 01 01 02 01 00 02 01 0A 30 00", m),
            errc::wrong_pdu_for_version);
  for (const char* t : {"A6", "A7", "A8"}) {
    EXPECT_EQ(decode_community(std::string("30 13 02 01 00 04 01 70 ") + t + " 0B 02 01 01 02 01 00 02 01 00 30 00", m),
              errc::wrong_pdu_for_version) << t;
  }
  // Unknown PDU tag.
  EXPECT_EQ(decode_community("30 13 02 01 01 04 01 70 AF 0B 02 01 01 02 01 00 02 01 00 30 00", m),
            errc::unknown_pdu_type);
  // A varbind SEQUENCE with three elements.
  EXPECT_EQ(decode_community("30 1C 02 01 01 04 01 70 A0 14 02 01 01 02 01 00 02 01 00 30 09 30 07 06 01 2B 05 00 "
                             "05 00",
                             m),
            errc::trailing_data);
  // Four elements in the PDU (extra INTEGER after the varbind list).
  EXPECT_EQ(decode_community("30 16 02 01 01 04 01 70 A0 0E 02 01 01 02 01 00 02 01 00 30 00 02 01 00", m),
            errc::trailing_data);
  // request-id 2^31: outside Integer32.
  EXPECT_EQ(decode_community("30 17 02 01 01 04 01 70 A0 0F 02 05 00 80 00 00 00 02 01 00 02 01 00 30 00", m),
            errc::value_out_of_range);
  // error-status with 9 octets.
  EXPECT_EQ(decode_community("30 1B 02 01 01 04 01 70 A0 13 02 01 01 02 09 01 00 00 00 00 00 00 00 00 02 01 00 30 "
                             "00",
                             m),
            errc::value_out_of_range);
  // A value whose length overruns its varbind: must not take bytes of the next varbind.
  EXPECT_EQ(decode_community("30 23 02 01 01 04 01 70 A2 1B 02 01 01 02 01 00 02 01 00 30 10 30 06 06 01 2B 04 "
                             "03 61 30 06 06 01 2B 04 01 62",
                             m),
            errc::truncated);
  // Response containing a value with an unknown tag.
  EXPECT_EQ(decode_community("30 16 02 01 01 04 01 70 A2 0E 02 01 01 02 01 00 02 01 00 30 03 30 01 47", m),
            errc::bad_tag);
}

TEST(CommunityMessage, DecodingReusesStorage) {
  ber::community_message m;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 200; ++i) {
    ber::community_message in{snmp_version::v2c, test::random_octets(rng, 20), test::random_pdu(rng, snmp_version::v2c)};
    ber::writer w;
    ASSERT_FALSE(ber::encode_community_message(w, in));
    ASSERT_FALSE(ber::decode_community_message(w.data(), m));  // same object every time
    ASSERT_EQ(m, in);
  }
}

TEST(CommunityMessage, RandomRoundTrip) {
  std::mt19937_64 rng(11);
  ber::writer w;
  for (int i = 0; i < 3000; ++i) {
    const auto v = i % 2 ? snmp_version::v1 : snmp_version::v2c;
    ber::community_message in{v, test::random_octets(rng, 12), test::random_pdu(rng, v)};
    ASSERT_FALSE(ber::encode_community_message(w, in));
    ber::community_message out;
    ASSERT_FALSE(ber::decode_community_message(w.data(), out)) << to_hex(w.data());
    ASSERT_EQ(out, in);
    // Encoding is canonical: the decoded message encodes to the same bytes.
    std::vector<std::uint8_t> first(w.data().begin(), w.data().end());
    ASSERT_FALSE(ber::encode_community_message(w, out));
    ASSERT_EQ(to_hex(w.data()), to_hex(first));
  }
}

TEST(CommunityMessage, EncoderRefusesWhatCannotBeSent) {
  ber::writer w;
  ber::community_message m{snmp_version::v1, "public", {}};
  m.data.type = pdu_type::get_bulk_request;
  EXPECT_EQ(ber::encode_community_message(w, m), errc::wrong_pdu_for_version);
  m.version = snmp_version::v3;
  EXPECT_EQ(ber::encode_community_message(w, m), errc::unsupported_version);
  m.version = snmp_version::v2c;
  m.data.type = pdu_type::get_request;
  m.data.varbinds.push_back({oid{1, 40}, value::null()});
  EXPECT_EQ(ber::encode_community_message(w, m), errc::oid_not_encodable);
  m.data.varbinds[0] = {oid{1, 3}, value::octet_string(std::string(65536, 'x'))};
  EXPECT_EQ(ber::encode_community_message(w, m), errc::value_out_of_range);
}

TEST(CommunityMessage, PeekVersion) {
  std::int32_t v = -1;
  ASSERT_FALSE(ber::peek_version(hex(kNetsnmpGetV2c), v));
  EXPECT_EQ(v, 1);
  ASSERT_FALSE(ber::peek_version(hex(kV3ZeroedSha1), v));
  EXPECT_EQ(v, 3);
  EXPECT_TRUE(is_parse_error(ber::peek_version(hex("30 03 04 01 00"), v)));
}

TEST(V3Message, EncodesTheVectorsMdMessageByteForByte) {
  ber::v3_header h{1, 65507, ber::msg_flags::auth | ber::msg_flags::reportable, 3};
  ber::writer w;
  ber::v3_encoding where;
  ASSERT_FALSE(ber::encode_v3_message(w, h, usm_user(12), sysdescr_scoped(), &where));
  EXPECT_EQ(to_hex(w.data()), kV3ZeroedSha1);
  EXPECT_EQ(w.size(), 112u);
  EXPECT_EQ(where.auth_params_length, 12u);
  // The 12 zero octets after "04 0c" that follows the user name "user".
  EXPECT_EQ(to_hex(w.data().subspan(where.auth_params_offset - 6, 6)), "75736572040c");
  // SHA-256's 24-octet placeholder moves the offset consistently.
  ASSERT_FALSE(ber::encode_v3_message(w, h, usm_user(24), sysdescr_scoped(), &where));
  EXPECT_EQ(where.auth_params_length, 24u);
  EXPECT_EQ(to_hex(w.data().subspan(where.auth_params_offset - 2, 2)), "0418");
}

TEST(V3Message, DecodesTheVectorsMdMessage) {
  auto d = hex(kV3ZeroedSha1);
  ber::v3_message_view v;
  ASSERT_FALSE(ber::decode_v3_message(d, v));
  EXPECT_EQ(v.header, (ber::v3_header{1, 65507, 5, 3}));
  EXPECT_FALSE(v.encrypted);
  ber::usm_security_parameters_view usm;
  ASSERT_FALSE(ber::decode_usm_security_parameters(v.security_parameters, usm));
  EXPECT_EQ(ber::as_chars(usm.engine_id), std::string(11, '\0') + '\x02');
  EXPECT_EQ(usm.engine_boots, 1);
  EXPECT_EQ(usm.engine_time, 2);
  EXPECT_EQ(ber::as_chars(usm.user_name), "user");
  EXPECT_EQ(usm.auth_params.size(), 12u);
  EXPECT_EQ(usm.auth_params.data() - d.data(), 53) << "auth params view points into the datagram";
  EXPECT_TRUE(usm.priv_params.empty());
  ber::scoped_pdu s;
  ASSERT_FALSE(ber::decode_scoped_pdu(v.scoped_pdu_data, s));
  EXPECT_EQ(s, sysdescr_scoped());
}

TEST(V3Message, DecodesAndReencodesTheAesMessage) {
  auto d = hex(kV3AesMessage);
  ber::v3_message_view v;
  ASSERT_FALSE(ber::decode_v3_message(d, v));
  EXPECT_EQ(v.header.flags, 7);
  EXPECT_TRUE(v.encrypted);
  EXPECT_EQ(v.scoped_pdu_data.size(), 45u);
  ber::usm_security_parameters_view usm;
  ASSERT_FALSE(ber::decode_usm_security_parameters(v.security_parameters, usm));
  EXPECT_EQ(to_hex(usm.auth_params), "b0f8f62ce86c0afef232f0cc");
  EXPECT_EQ(to_hex(usm.priv_params), "0000000000000003");
  ber::usm_security_parameters owned = usm_user(0);
  owned.auth_params.assign(ber::as_chars(usm.auth_params));
  owned.priv_params.assign(ber::as_chars(usm.priv_params));
  ber::writer w;
  ber::v3_encoding where;
  ASSERT_FALSE(ber::encode_v3_message_encrypted(w, v.header, owned, v.scoped_pdu_data, &where));
  EXPECT_EQ(to_hex(w.data()), kV3AesMessage);
  EXPECT_EQ(where.auth_params_offset, static_cast<std::size_t>(usm.auth_params.data() - d.data()));
}

TEST(V3Message, ScopedPduAfterDecryptionMayCarryPadding) {
  ber::writer w;
  ASSERT_FALSE(ber::encode_scoped_pdu(w, sysdescr_scoped()));
  std::vector<std::uint8_t> padded(w.data().begin(), w.data().end());
  padded.resize(48, 0);  // DES pads to a multiple of 8
  ber::scoped_pdu s;
  EXPECT_EQ(ber::decode_scoped_pdu(padded, s), errc::trailing_data);
  ASSERT_FALSE(ber::decode_scoped_pdu(padded, s, true));
  EXPECT_EQ(s, sysdescr_scoped());
}

TEST(V3Message, HeaderRangesAndFlags) {
  // Builds a plaintext v3 message with a hand-written HeaderData and USM parameters.
  auto build = [](const std::string& header, const std::string& usm, const std::string& data = "") {
    ber::writer w;
    if (data.empty()) {
      EXPECT_FALSE(ber::encode_scoped_pdu(w, sysdescr_scoped()));
    } else {
      w.put_raw(hex(data));
    }
    auto usm_bytes = hex(usm);
    w.put_octets(0x04, usm_bytes);
    w.put_raw(hex(header));
    w.put_integer(0x02, 3);
    w.wrap(0x30, 0);
    return std::vector<std::uint8_t>(w.data().begin(), w.data().end());
  };
  const std::string good_usm = "30 14 04 05 8000000001 02 01 00 02 01 00 04 01 75 04 00 04 00";
  auto code = [](errc e) { return e == errc{} ? std::error_code() : make_error_code(e); };
  auto check = [&](const std::string& header, const std::string& usm, errc expect_envelope, errc expect_usm) {
    auto d = build(header, usm);
    ber::v3_message_view v;
    std::error_code ec = ber::decode_v3_message(d, v);
    EXPECT_EQ(ec, code(expect_envelope)) << header;
    if (ec) return;
    ber::usm_security_parameters_view u;
    EXPECT_EQ(ber::decode_usm_security_parameters(v.security_parameters, u), code(expect_usm)) << usm;
  };
  const errc ok{};
  check("30 0D 02 01 01 02 02 05DC 04 01 04 02 01 03", good_usm, ok, ok);
  check("30 0D 02 01 FF 02 02 05DC 04 01 04 02 01 03", good_usm, errc::value_out_of_range, ok);  // msgID < 0
  check("30 0D 02 01 01 02 02 01E3 04 01 04 02 01 03", good_usm, errc::value_out_of_range, ok);  // maxSize 483
  check("30 0D 02 01 01 02 02 01E4 04 01 04 02 01 03", good_usm, ok, ok);                        // maxSize 484
  check("30 0C 02 01 01 02 02 05DC 04 00 02 01 03", good_usm, errc::bad_msg_flags, ok);          // 0 octets
  check("30 0E 02 01 01 02 02 05DC 04 02 0400 02 01 03", good_usm, errc::bad_msg_flags, ok);     // 2 octets
  check("30 0D 02 01 01 02 02 05DC 04 01 00 02 01 00", good_usm, errc::value_out_of_range, ok);  // model 0
  check("30 0D 02 01 01 02 02 05DC 04 01 04 02 01 02", good_usm, ok, ok);  // model 2: the MPD counts it
  // Boots and time outside 0..2^31-1, user name of 33 octets, engine ID of 33 octets.
  check("30 0D 02 01 01 02 02 05DC 04 01 04 02 01 03",
        "30 14 04 05 8000000001 02 01 FF 02 01 00 04 01 75 04 00 04 00", ok, errc::value_out_of_range);
  check("30 0D 02 01 01 02 02 05DC 04 01 04 02 01 03",
        "30 18 04 05 8000000001 02 01 00 02 05 0080000000 04 01 75 04 00 04 00", ok, errc::value_out_of_range);
  check("30 0D 02 01 01 02 02 05DC 04 01 04 02 01 03",
        "30 34 04 05 8000000001 02 01 00 02 01 00 04 21 " + std::string(66, '6') + " 04 00 04 00", ok,
        errc::value_out_of_range);
  check("30 0D 02 01 01 02 02 05DC 04 01 04 02 01 03",
        "30 30 04 21 " + std::string(66, '8') + " 02 01 00 02 01 00 04 01 75 04 00 04 00", ok,
        errc::value_out_of_range);
  // USM SEQUENCE followed by junk inside msgSecurityParameters.
  check("30 0D 02 01 01 02 02 05DC 04 01 04 02 01 03", good_usm + " 00", ok, errc::trailing_data);

  // Priv without auth: flags 02 and 06 are invalid (snmpInvalidMsgs), not parse errors.
  for (const char* f : {"02", "06"}) {
    auto d = build(std::string("30 0D 02 01 01 02 02 05DC 04 01 ") + f + " 02 01 03", good_usm, "04 03 010203");
    ber::v3_message_view v;
    std::error_code ec = ber::decode_v3_message(d, v);
    EXPECT_EQ(ec, errc::invalid_msg_flags) << f;
    EXPECT_FALSE(is_parse_error(ec));
  }
  // Priv flag with a plaintext scopedPDU, and no priv flag with an OCTET STRING.
  {
    auto d = build("30 0D 02 01 01 02 02 05DC 04 01 07 02 01 03", good_usm);
    ber::v3_message_view v;
    EXPECT_EQ(ber::decode_v3_message(d, v), errc::bad_tag);
    auto d2 = build("30 0D 02 01 01 02 02 05DC 04 01 05 02 01 03", good_usm, "04 03 010203");
    EXPECT_EQ(ber::decode_v3_message(d2, v), errc::bad_tag);
  }
  // A v1 Trap-PDU inside a scopedPDU.
  {
    ber::scoped_pdu s;
    s.data.type = pdu_type::trap_v1;
    ber::writer w;
    EXPECT_EQ(ber::encode_scoped_pdu(w, s), errc::wrong_pdu_for_version);
  }
}

TEST(V3Message, EncoderChecksRanges) {
  ber::writer w;
  ber::v3_header h{1, 483, 4, 3};
  EXPECT_EQ(ber::encode_v3_message(w, h, usm_user(0), sysdescr_scoped()), errc::value_out_of_range);
  h.max_size = 484;
  h.flags = ber::msg_flags::priv;
  EXPECT_EQ(ber::encode_v3_message(w, h, usm_user(0), sysdescr_scoped()), errc::invalid_msg_flags);
  h.flags = 3;
  EXPECT_EQ(ber::encode_v3_message(w, h, usm_user(12), sysdescr_scoped()), errc::invalid_argument);
  auto u = usm_user(12);
  u.user_name.assign(33, 'u');
  h.flags = 1;
  EXPECT_EQ(ber::encode_v3_message(w, h, u, sysdescr_scoped()), errc::value_out_of_range);
}

TEST(V3Message, EveryPrefixIsAParseErrorAndRandomRoundTrip) {
  std::mt19937_64 rng(5);
  std::vector<std::vector<std::uint8_t>> messages = {hex(kV3ZeroedSha1), hex(kV3AesMessage)};
  for (int i = 0; i < 400; ++i) {
    ber::v3_header h{static_cast<std::int32_t>(rng() >> 33), static_cast<std::int32_t>(484 + rng() % 70000),
                     static_cast<std::uint8_t>(std::array<int, 4>{0, 1, 4, 5}[rng() % 4]), 3};
    ber::usm_security_parameters u;
    u.engine_id = test::random_octets(rng, 32);
    u.engine_boots = static_cast<std::int32_t>(rng() >> 33);
    u.engine_time = static_cast<std::int32_t>(rng() >> 33);
    u.user_name = test::random_octets(rng, 32);
    u.auth_params = test::random_octets(rng, 48);
    ber::scoped_pdu s{test::random_octets(rng, 32), test::random_octets(rng, 32), test::random_pdu(rng, snmp_version::v3)};
    ber::writer w;
    ASSERT_FALSE(ber::encode_v3_message(w, h, u, s));
    ber::v3_message_view v;
    ASSERT_FALSE(ber::decode_v3_message(w.data(), v));
    EXPECT_EQ(v.header, h);
    ber::usm_security_parameters_view uv;
    ASSERT_FALSE(ber::decode_usm_security_parameters(v.security_parameters, uv));
    EXPECT_EQ(ber::as_chars(uv.user_name), u.user_name);
    EXPECT_EQ(ber::as_chars(uv.auth_params), u.auth_params);
    ber::scoped_pdu back;
    ASSERT_FALSE(ber::decode_scoped_pdu(v.scoped_pdu_data, back));
    ASSERT_EQ(back, s);
    if (i < 20) messages.emplace_back(w.data().begin(), w.data().end());
  }
  for (const auto& d : messages) {
    for (std::size_t n = 0; n < d.size(); ++n) {
      std::error_code ec = decode_exact(d, n, true);
      EXPECT_TRUE(is_parse_error(ec)) << "prefix " << n << ": " << ec.message();
    }
  }
}

// Section 3 of the hardening issue: what peers in wide use send, taken and counted.
TEST(TolerantDecoding, GosnmpRequestIdInFourOctetsIsReadCountedAndAnsweredMinimal) {
  // kNetsnmpGetV2c with request-id 0x00123456 written as gosnmp writes it: 02 04 00 12 34 56.
  const std::string gosnmp =
      "30 29 02 01 01 04 06 70 75 62 6C 69 63 A0 1C 02 04 00 12 34 56 02 01 00 02 01 00 30 0E 30 0C 06 "
      "08 2B 06 01 02 01 01 01 00 05 00";
  ber::community_message m;
  ber::decode_tally tally;
  ASSERT_FALSE(ber::decode_community_message(hex(gosnmp), m, &tally));
  EXPECT_EQ(m.data.request_id, 0x123456);
  EXPECT_EQ(m.data.varbinds.at(0).name, oid({1, 3, 6, 1, 2, 1, 1, 1, 0}));
  EXPECT_EQ(tally.non_minimal_integers, 1u);
  EXPECT_EQ(tally.unsigned_top_bit, 0u);
  // The same message written by snmpio: the request-id in 3 octets.
  EXPECT_EQ(encode_community(m),
            "302802010104067075626c6963a01b020312345602010002010030"
            "0e300c06082b060102010101000500");
}

TEST(TolerantDecoding, ResponseWithEightOctetCounter64AndPaddedNegativeIntegers) {
  // Response: request-id 7, error-status 0 in 2 octets, error-index 0; varbinds
  // 1.3.6.1.2.1.31.1.1.1.6.1 = Counter64 in 8 octets, 1.3.6.1.4.1.1.1 = INTEGER -5 as FF FF FF FB,
  // 1.3.6.1.4.1.1.2 = TimeTicks missing its leading zero.
  ber::writer w;
  const std::size_t list = w.mark();
  auto vb = [&](const char* name, const char* tlv) {
    const std::size_t at = w.mark();
    w.put_raw(hex(tlv));
    EXPECT_FALSE(w.put_oid(oid(name)));
    w.wrap(0x30, at);
  };
  vb("1.3.6.1.4.1.1.2", "43 04 80 00 00 00");
  vb("1.3.6.1.4.1.1.1", "02 04 FF FF FF FB");
  vb("1.3.6.1.2.1.31.1.1.1.6.1", "46 08 00 00 00 00 00 00 00 05");
  w.wrap(0x30, list);
  w.put_raw(hex("02 01 07 02 02 00 00 02 01 00"));
  w.wrap(0xA2, 0);
  w.put_octets(0x04, ber::as_bytes("public"));
  w.put_integer(0x02, 1);
  w.wrap(0x30, 0);
  ber::community_message m;
  ber::decode_tally tally;
  ASSERT_FALSE(ber::decode_community_message(w.data(), m, &tally));
  EXPECT_EQ(m.data.type, pdu_type::response);
  EXPECT_EQ(m.data.request_id, 7);
  ASSERT_EQ(m.data.varbinds.size(), 3u);
  EXPECT_EQ(m.data.varbinds[0].value, value::counter64(5));
  EXPECT_EQ(m.data.varbinds[1].value, value::integer32(-5));
  EXPECT_EQ(m.data.varbinds[2].value, value::time_ticks(2147483648u));
  EXPECT_EQ(tally.non_minimal_integers, 3u);  // error-status, Counter64, INTEGER
  EXPECT_EQ(tally.unsigned_top_bit, 1u);
  // Without a tally it decodes all the same.
  ber::community_message m2;
  EXPECT_FALSE(ber::decode_community_message(w.data(), m2));
  EXPECT_EQ(m2, m);
  // Re-encoded minimal: 8-octet Counter64 becomes 46 01 05, -5 becomes 02 01 FB.
  const std::string back = encode_community(m);
  EXPECT_NE(back.find("460105"), std::string::npos) << back;
  EXPECT_NE(back.find("0201fb"), std::string::npos) << back;
  EXPECT_NE(back.find("43050080000000"), std::string::npos) << back;
  EXPECT_EQ(back.find("46080000"), std::string::npos) << back;
}

TEST(TolerantDecoding, TrapV1FieldsAndVersionWithRedundantOctets) {
  // kNetsnmpTrapV1 with version 02 02 00 00, generic-trap 02 02 00 06 and time-stamp
  // 43 04 00 00 30 39.
  const std::string trap =
      "30 3B 02 02 00 00 04 06 70 75 62 6C 69 63 A4 2D 06 07 2B 06 01 04 01 BF 08 40 04 0A 01 02 03 02 02 "
      "00 06 02 01 11 43 04 00 00 30 39 30 0F 30 0D 06 08 2B 06 01 02 01 01 05 00 04 01 78";
  ber::community_message m;
  ber::decode_tally tally;
  ASSERT_FALSE(ber::decode_community_message(hex(trap), m, &tally));
  EXPECT_EQ(m.version, snmp_version::v1);
  EXPECT_EQ(m.data.generic_trap, 6);
  EXPECT_EQ(m.data.specific_trap, 17);
  EXPECT_EQ(m.data.time_stamp, 12345u);
  EXPECT_EQ(tally.non_minimal_integers, 3u);
  EXPECT_EQ(encode_community(m), to_hex(hex(kNetsnmpTrapV1)));  // back to Net-SNMP's own bytes
  std::int32_t version = -1;
  EXPECT_FALSE(ber::peek_version(hex(trap), version));
  EXPECT_EQ(version, 0);
}

TEST(TolerantDecoding, RequestIdsThatDoNotReduceStillFail) {
  ber::community_message m;
  ber::decode_tally tally;
  // 17-octet request-id 1: past the cap.
  EXPECT_EQ(decode_community("30 23 02 01 01 04 01 70 A0 1B 02 11 " + std::string(32, '0') +
                                 "01 02 01 00 02 01 00 30 00",
                             m),
            errc::bad_integer);
  // 2^31 with a redundant zero: out of Integer32 after reduction.
  EXPECT_EQ(decode_community("30 18 02 01 01 04 01 70 A0 10 02 06 00 00 80 00 00 00 02 01 00 02 01 00 30 00", m),
            errc::value_out_of_range);
  // An empty request-id.
  EXPECT_EQ(decode_community("30 12 02 01 01 04 01 70 A0 0A 02 00 02 01 00 02 01 00 30 00", m),
            errc::bad_integer);
}

TEST(TolerantDecoding, V3HeaderAndUsmIntegersWithRedundantOctetsAreCounted) {
  // vectors.md §3.3 with msgID 02 04 00 00 00 01 and engine boots 02 02 00 01.
  ber::writer w;
  ASSERT_FALSE(ber::encode_scoped_pdu(w, sysdescr_scoped()));
  w.put_octets(0x04, hex("30 1F 04 0C 000000000000000000000002 02 02 00 01 02 01 02 04 04 75736572 04 00 04 00"));
  w.put_raw(hex("30 11 02 04 00 00 00 01 02 03 00FFE3 04 01 04 02 01 03"));
  w.put_integer(0x02, 3);
  w.wrap(0x30, 0);
  ber::v3_message_view v;
  ber::decode_tally tally;
  ASSERT_FALSE(ber::decode_v3_message(w.data(), v, &tally));
  EXPECT_EQ(v.header.msg_id, 1);
  EXPECT_EQ(tally.non_minimal_integers, 1u);
  ber::usm_security_parameters_view u;
  ASSERT_FALSE(ber::decode_usm_security_parameters(v.security_parameters, u, &tally));
  EXPECT_EQ(u.engine_boots, 1);
  EXPECT_EQ(tally.non_minimal_integers, 2u);
  ber::scoped_pdu s;
  ASSERT_FALSE(ber::decode_scoped_pdu(v.scoped_pdu_data, s, false, &tally));
  EXPECT_EQ(s, sysdescr_scoped());
  EXPECT_EQ(tally.non_minimal_integers, 2u);  // the scopedPDU itself was minimal
}
