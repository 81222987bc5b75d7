// BER primitives against ../shared/reference/vectors.md §3.5 and testing.md §A.
#include "ber/ber.hpp"
#include "ber/pdu_codec.hpp"
#include "tests/support/hex.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <random>

using namespace snmpio;
using snmpio::ber::bytes;
using snmpio::test::hex;
using snmpio::test::to_hex;

namespace {

std::string encode_int(std::int64_t v) {
  ber::writer w;
  w.put_integer(0x02, v);
  return to_hex(w.data());
}

std::string encode_unsigned(std::uint8_t t, std::uint64_t v) {
  ber::writer w;
  w.put_unsigned(t, v);
  return to_hex(w.data());
}

std::error_code decode_tlv_value(std::string_view h, value& out, ber::decode_tally* tally = nullptr) {
  auto data = hex(h);
  ber::reader r(data);
  ber::tlv t;
  if (auto ec = r.next(t)) return ec;
  if (!r.empty()) return errc::trailing_data;
  return ber::decode_value(t, out, tally);
}

std::string encode_value_hex(const value& v) {
  ber::writer w;
  EXPECT_FALSE(ber::encode_value(w, v));
  return to_hex(w.data());
}

std::error_code decode_oid_hex(std::string_view h, oid& out) {
  auto data = hex(h);
  ber::reader r(data);
  bytes c;
  if (auto ec = r.expect(0x06, c)) return ec;
  return ber::decode_oid(c, out);
}

}  // namespace

TEST(BerLength, ShortLongAndNonMinimalForms) {
  struct {
    const char* in;
    std::size_t content;
  } ok[] = {{"04 05 6162636465", 5},
            {"30 81 05 0500050005", 5},         // non-minimal long form: accepted
            {"30 84 00000005 0500050005", 5}};  // 4 length octets, non-minimal
  for (auto& c : ok) {
    auto d = hex(c.in);
    ber::reader r(d);
    ber::tlv t;
    ASSERT_FALSE(r.next(t)) << c.in;
    EXPECT_EQ(t.content.size(), c.content);
    EXPECT_TRUE(r.empty());
  }
  std::vector<std::uint8_t> long128 = hex("04 81 80");
  long128.resize(3 + 128, 'x');
  ber::reader r128(long128);
  ber::tlv t;
  ASSERT_FALSE(r128.next(t));
  EXPECT_EQ(t.content.size(), 128u);
  std::vector<std::uint8_t> long256 = hex("04 82 01 00");
  long256.resize(4 + 256, 'y');
  ber::reader r256(long256);
  ASSERT_FALSE(r256.next(t));
  EXPECT_EQ(t.content.size(), 256u);
}

TEST(BerLength, EncoderEmitsMinimalLengths) {
  for (std::size_t n : {0u, 1u, 127u, 128u, 255u, 256u, 65535u, 65536u}) {
    ber::writer w;
    std::vector<std::uint8_t> content(n, 0xAB);
    w.put_octets(0x04, content);
    auto d = w.data();
    std::string expect_header = n < 128 ? to_hex(std::vector<std::uint8_t>{0x04, std::uint8_t(n)})
                                : n < 256 ? "0481" + to_hex(std::vector<std::uint8_t>{std::uint8_t(n)})
                                : n < 65536
                                    ? "0482" + to_hex(std::vector<std::uint8_t>{std::uint8_t(n >> 8), std::uint8_t(n)})
                                    : "0483010000";
    EXPECT_EQ(to_hex(d.first(expect_header.size() / 2)), expect_header) << n;
    EXPECT_EQ(d.size(), expect_header.size() / 2 + n);
  }
}

TEST(BerLength, RejectsBadLengths) {
  struct {
    const char* in;
    errc e;
  } bad[] = {
      {"04 05 616263", errc::truncated},                 // length > remaining
      {"30 84 FFFFFFFF 00", errc::truncated},            // huge claimed length: no allocation
      {"30 85 0000000001 00", errc::bad_length},         // more than 4 length octets
      {"30 FF 00", errc::bad_length},                    // reserved first length octet
      {"30 80 0500 0000", errc::indefinite_length},      // indefinite length
      {"30", errc::truncated},                           // no length
      {"30 82 00", errc::truncated},                     // length octets cut
      {"", errc::truncated},
      {"1F 01 00", errc::bad_tag},                       // high tag number
  };
  for (auto& c : bad) {
    auto d = hex(c.in);
    ber::reader r(d);
    ber::tlv t;
    EXPECT_EQ(r.next(t), c.e) << c.in;
  }
}

TEST(BerInteger, GoldenEncodings) {
  EXPECT_EQ(encode_int(0), "020100");
  EXPECT_EQ(encode_int(-1), "0201ff");
  EXPECT_EQ(encode_int(127), "02017f");
  EXPECT_EQ(encode_int(128), "02020080");
  EXPECT_EQ(encode_int(-128), "020180");
  EXPECT_EQ(encode_int(-129), "0202ff7f");
  EXPECT_EQ(encode_int(std::numeric_limits<std::int32_t>::min()), "020480000000");
  EXPECT_EQ(encode_int(std::numeric_limits<std::int32_t>::max()), "02047fffffff");
  EXPECT_EQ(encode_int(256), "02020100");
  EXPECT_EQ(encode_int(-32768), "02028000");
  EXPECT_EQ(encode_int(-32769), "0203ff7fff");
}

TEST(BerInteger, DecodesExactlyAndRejectsBadForms) {
  struct {
    const char* content;
    std::int32_t v;
  } ok[] = {{"00", 0},         {"FF", -1},       {"7F", 127},       {"0080", 128},
            {"80", -128},      {"FF7F", -129},   {"80000000", std::numeric_limits<std::int32_t>::min()},
            {"7FFFFFFF", std::numeric_limits<std::int32_t>::max()}};
  for (auto& c : ok) {
    std::int32_t v = 12345;
    EXPECT_FALSE(ber::decode_int32(hex(c.content), v)) << c.content;
    EXPECT_EQ(v, c.v) << c.content;
  }
  std::int32_t v;
  EXPECT_EQ(ber::decode_int32({}, v), errc::bad_integer);                   // empty
  EXPECT_EQ(ber::decode_int32(hex("0080000000"), v), errc::value_out_of_range);  // 2^31
  EXPECT_EQ(ber::decode_int32(hex("FF7FFFFFFF"), v), errc::value_out_of_range);  // -2^31-1
  EXPECT_EQ(ber::decode_int32(hex("010000000000000000"), v), errc::value_out_of_range);  // 9 octets
}

TEST(BerUnsigned, GoldenEncodingsAndBoundaries) {
  EXPECT_EQ(encode_unsigned(0x41, 0), "410100");
  EXPECT_EQ(encode_unsigned(0x41, 127), "41017f");
  EXPECT_EQ(encode_unsigned(0x41, 128), "41020080");
  EXPECT_EQ(encode_unsigned(0x41, 4294967295u), "410500ffffffff");
  EXPECT_EQ(encode_unsigned(0x46, 18446744073709551615ull), "460900ffffffffffffffff");
  EXPECT_EQ(encode_unsigned(0x46, 0x7fffffffffffffffull), "46087fffffffffffffff");
  value v;
  ASSERT_FALSE(decode_tlv_value("41 05 00 FFFFFFFF", v));
  EXPECT_EQ(v, value::counter32(4294967295u));
  ASSERT_FALSE(decode_tlv_value("46 09 00 FFFFFFFFFFFFFFFF", v));
  EXPECT_EQ(v, value::counter64(18446744073709551615ull));
  EXPECT_EQ(decode_tlv_value("41 05 01 00000000", v), errc::value_out_of_range);
  EXPECT_EQ(decode_tlv_value("46 09 01 0000000000000000", v), errc::value_out_of_range);
  EXPECT_EQ(decode_tlv_value("46 0A 01000000000000000000", v), errc::value_out_of_range);
  EXPECT_EQ(decode_tlv_value("41 00", v), errc::bad_integer);
}

TEST(BerUnsigned, DocumentedLeniencyForMissingLeadingZero) {
  // Agents that omit the leading zero: read as unsigned, as Net-SNMP does
  // (its T008asn1_clib test: 01 80 -> 128, 04 80000000 -> 2^31).
  value v;
  ASSERT_FALSE(decode_tlv_value("41 04 FFFFFFFF", v));
  EXPECT_EQ(v, value::counter32(4294967295u));
  ASSERT_FALSE(decode_tlv_value("42 01 80", v));
  EXPECT_EQ(v, value::gauge32(128));
  ASSERT_FALSE(decode_tlv_value("43 04 80000000", v));
  EXPECT_EQ(v, value::time_ticks(2147483648u));
  ASSERT_FALSE(decode_tlv_value("46 08 FFFFFFFFFFFFFFFF", v));
  EXPECT_EQ(v, value::counter64(18446744073709551615ull));
}

// Section 3 of the hardening issue: liberal, and counting, in what is accepted. Each
// tolerated form decodes to its value, is counted once in the right field, and is
// written back minimal; what does not reduce to the type's range still fails.
TEST(BerTolerance, IntegerWithRedundantLeadingOctetsIsReadAndCounted) {
  struct {
    const char* content;
    std::int32_t v;
  } ok[] = {
      {"00 123456", 0x123456},                     // gosnmp: every request-id in 4 octets
      {"00 00 00 01", 1},
      {"0001", 1},
      {"FF80", -128},                               // negative with a redundant 0xFF
      {"FF FF FF FB", -5},
      {"FFFFFFFF FFFFFFFF 80000000", std::numeric_limits<std::int32_t>::min()},
      {"00 7FFFFFFF", std::numeric_limits<std::int32_t>::max()},
      {"00000000 00000000 00000000 00000001", 1},  // 16 octets: the cap, still taken
      {"FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF", -1},
  };
  for (auto& c : ok) {
    ber::decode_tally tally;
    std::int32_t v = 12345;
    EXPECT_FALSE(ber::decode_int32(hex(c.content), v, &tally)) << c.content;
    EXPECT_EQ(v, c.v) << c.content;
    EXPECT_EQ(tally.non_minimal_integers, 1u) << c.content;
    EXPECT_EQ(tally.unsigned_top_bit, 0u) << c.content;
    // Written back minimal, whatever came in: reading that back tolerates nothing.
    ber::decode_tally again;
    value back;
    ASSERT_FALSE(decode_tlv_value(encode_int(v), back, &again)) << c.content;
    EXPECT_EQ(back, value::integer32(c.v)) << c.content;
    EXPECT_EQ(again.non_minimal_integers, 0u) << c.content;
  }
  value val;
  ber::decode_tally tally;
  ASSERT_FALSE(decode_tlv_value("02 02 FF FB", val, &tally));
  EXPECT_EQ(val, value::integer32(-5));
  EXPECT_EQ(encode_value_hex(val), "0201fb");
  EXPECT_EQ(tally.non_minimal_integers, 1u);
}

TEST(BerTolerance, MinimalIntegersAreNotCounted) {
  ber::decode_tally tally;
  std::int32_t v;
  for (const char* c : {"00", "FF", "7F", "0080", "80", "FF7F", "80000000", "7FFFFFFF", "123456"}) {
    EXPECT_FALSE(ber::decode_int32(hex(c), v, &tally)) << c;
  }
  value val;
  for (const char* t : {"41 01 00", "41 02 0080", "41 05 00FFFFFFFF", "46 09 00FFFFFFFFFFFFFFFF", "43 01 7F"}) {
    EXPECT_FALSE(decode_tlv_value(t, val, &tally)) << t;
  }
  EXPECT_EQ(tally.non_minimal_integers, 0u);
  EXPECT_EQ(tally.unsigned_top_bit, 0u);
}

TEST(BerTolerance, IntegersThatDoNotReduceIntoRangeStillFail) {
  ber::decode_tally tally;
  std::int32_t v;
  EXPECT_EQ(ber::decode_int32({}, v, &tally), errc::bad_integer);                          // empty
  EXPECT_EQ(ber::decode_int32(hex("00 0080000000"), v, &tally), errc::value_out_of_range);  // 2^31
  EXPECT_EQ(ber::decode_int32(hex("FF FF7FFFFFFF"), v, &tally), errc::value_out_of_range);  // -2^31-1
  EXPECT_EQ(ber::decode_int32(hex("0000 0100000000"), v, &tally), errc::value_out_of_range);
  EXPECT_EQ(ber::decode_int32(hex("010000000000000000"), v, &tally), errc::value_out_of_range);  // 9 octets
  // 17 octets: past the cap even though the value is 1 (or -1).
  EXPECT_EQ(ber::decode_int32(hex("00" + std::string(30, '0') + "01"), v, &tally), errc::bad_integer);
  EXPECT_EQ(ber::decode_int32(hex(std::string(34, 'F')), v, &tally), errc::bad_integer);
  EXPECT_EQ(tally.non_minimal_integers, 0u);  // nothing taken, nothing counted
  value val;
  EXPECT_EQ(decode_tlv_value("02 00", val, &tally), errc::bad_integer);
  EXPECT_EQ(decode_tlv_value("02 11 " + std::string(32, '0') + "05", val, &tally), errc::bad_integer);
  EXPECT_EQ(tally.non_minimal_integers, 0u);
}

TEST(BerTolerance, UnsignedWithRedundantLeadingZerosIsReadAndCounted) {
  struct {
    const char* tlv;
    value v;
  } ok[] = {
      {"46 08 00 00 00 00 00 00 00 05", value::counter64(5)},  // always 8 octets
      {"46 08 00 00 00 01 00 00 00 00", value::counter64(4294967296ull)},
      {"46 10 00000000 00000000 FFFFFFFF FFFFFFFF", value::counter64(18446744073709551615ull)},
      {"46 0A 00 00FFFFFFFFFFFFFFFF", value::counter64(18446744073709551615ull)},
      {"41 04 00 00 00 05", value::counter32(5)},
      {"42 02 00 7F", value::gauge32(127)},
      {"43 06 00 00 FFFFFFFF", value::time_ticks(4294967295u)},
      {"43 03 00 00 80", value::time_ticks(128)},
  };
  for (auto& c : ok) {
    ber::decode_tally tally;
    value v;
    EXPECT_FALSE(decode_tlv_value(c.tlv, v, &tally)) << c.tlv;
    EXPECT_EQ(v, c.v) << c.tlv;
    EXPECT_EQ(tally.non_minimal_integers, 1u) << c.tlv;
    EXPECT_EQ(tally.unsigned_top_bit, 0u) << c.tlv;
    ber::decode_tally again;
    value back;
    ASSERT_FALSE(decode_tlv_value(encode_value_hex(v), back, &again)) << c.tlv;
    EXPECT_EQ(back, c.v) << c.tlv;
    EXPECT_EQ(again.non_minimal_integers + again.unsigned_top_bit, 0u) << c.tlv;
  }
  value v;
  ASSERT_FALSE(decode_tlv_value("46 08 00 00 00 00 00 00 00 05", v));
  EXPECT_EQ(encode_value_hex(v), "460105");  // the encoder stays minimal
}

TEST(BerTolerance, UnsignedMissingItsLeadingZeroIsReadAsUnsignedAndCounted) {
  struct {
    const char* tlv;
    value v;
  } ok[] = {
      {"41 04 FFFFFFFF", value::counter32(4294967295u)},
      {"43 04 80000000", value::time_ticks(2147483648u)},
      {"42 01 80", value::gauge32(128)},
      {"42 02 FF 80", value::gauge32(0xFF80)},
      {"46 08 FFFFFFFFFFFFFFFF", value::counter64(18446744073709551615ull)},
      {"46 08 8000000000000000", value::counter64(9223372036854775808ull)},
  };
  for (auto& c : ok) {
    ber::decode_tally tally;
    value v;
    EXPECT_FALSE(decode_tlv_value(c.tlv, v, &tally)) << c.tlv;
    EXPECT_EQ(v, c.v) << c.tlv;
    EXPECT_EQ(tally.unsigned_top_bit, 1u) << c.tlv;
    EXPECT_EQ(tally.non_minimal_integers, 0u) << c.tlv;
  }
  // Written back with the leading zero.
  EXPECT_EQ(encode_value_hex(value::counter32(4294967295u)), "410500ffffffff");
}

TEST(BerTolerance, UnsignedThatDoesNotReduceIntoRangeStillFails) {
  ber::decode_tally tally;
  value v;
  const char* bad_range[] = {
      "41 05 FF FFFFFFFF",           // -1 in X.690, 5 octets: not the missing-zero form
      "41 05 80 00000000",           // 5 octets, top bit set
      "41 05 01 00000000",           // 2^32
      "41 06 00 01 00000000",        // 2^32 after reduction
      "43 08 00 00 00 01 00000000",  // likewise
      "46 09 FF FFFFFFFFFFFFFFFF",   // 9 octets, negative in X.690
      "46 09 80 0000000000000000",
      "46 09 01 0000000000000000",   // 2^64
      "46 0A 00 01 0000000000000000",
      "46 10 FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF",  // 16 octets of -1
  };
  for (const char* t : bad_range) EXPECT_EQ(decode_tlv_value(t, v, &tally), errc::value_out_of_range) << t;
  EXPECT_EQ(decode_tlv_value("41 00", v, &tally), errc::bad_integer);
  EXPECT_EQ(decode_tlv_value("46 00", v, &tally), errc::bad_integer);
  // 17 octets, all but the last redundant: past the cap.
  EXPECT_EQ(decode_tlv_value("46 11 " + std::string(32, '0') + "05", v, &tally), errc::bad_integer);
  EXPECT_EQ(decode_tlv_value("41 11 " + std::string(32, '0') + "05", v, &tally), errc::bad_integer);
  std::uint32_t u32;
  std::uint64_t u64;
  EXPECT_EQ(ber::decode_uint32({}, u32, &tally), errc::bad_integer);
  EXPECT_EQ(ber::decode_uint64({}, u64, &tally), errc::bad_integer);
  EXPECT_EQ(tally.non_minimal_integers, 0u);
  EXPECT_EQ(tally.unsigned_top_bit, 0u);
}

TEST(BerTolerance, ValidateTakesWhatTheDecodersTake) {
  EXPECT_FALSE(ber::validate(hex("30 04 02 02 00 01")));
  EXPECT_FALSE(ber::validate(hex("30 12 02 10 " + std::string(30, '0') + "01")));
  EXPECT_EQ(ber::validate(hex("30 13 02 11 " + std::string(32, '0') + "01")), errc::bad_integer);
  EXPECT_EQ(ber::validate(hex("30 02 02 00")), errc::bad_integer);
}

TEST(BerOid, GoldenEncodings) {
  struct {
    oid o;
    const char* h;
  } cases[] = {
      {oid{1, 3, 6, 1}, "06032b0601"},
      {oid{2, 100, 3}, "0603813403"},                     // X.690 example
      {oid{2, 999, 3}, "0603883703"},
      {oid{1, 3, 4294967295u}, "06062b8fffffff7f"},
      {oid{0, 0}, "060100"},
      {oid{0, 39}, "060127"},
      {oid{1, 39}, "06014f"},
      {oid{2, 4294967295u}, "060590808080 4f"},           // first subid 2^32+79
      {oid{1, 3, 6, 1, 2, 1, 1, 1, 0}, "06082b06010201010100"},
  };
  for (auto& c : cases) {
    ber::writer w;
    ASSERT_FALSE(w.put_oid(c.o)) << c.o.to_string();
    EXPECT_EQ(to_hex(w.data()), to_hex(hex(c.h))) << c.o.to_string();
    oid back;
    ASSERT_FALSE(decode_oid_hex(c.h, back)) << c.h;
    EXPECT_EQ(back, c.o) << c.h;
  }
}

TEST(BerOid, EncoderRefusesWhatHasNoEncoding) {
  ber::writer w;
  EXPECT_EQ(w.put_oid(oid{0, 40}), errc::oid_not_encodable);
  EXPECT_EQ(w.put_oid(oid{1, 40}), errc::oid_not_encodable);
  EXPECT_EQ(w.put_oid(oid{1}), errc::oid_not_encodable);
  EXPECT_EQ(w.put_oid(oid{}), errc::oid_not_encodable);
  EXPECT_EQ(w.put_oid(oid{3, 1}), errc::oid_not_encodable);
  EXPECT_EQ(w.size(), 0u) << "nothing written on failure";
}

TEST(BerOid, DecoderRejectsMalformed) {
  oid o;
  EXPECT_EQ(decode_oid_hex("06 00", o), errc::bad_oid);                        // empty
  EXPECT_EQ(decode_oid_hex("06 06 2B 90 80 80 80 00", o), errc::bad_oid);      // subid 2^32
  EXPECT_EQ(decode_oid_hex("06 03 2B 80 01", o), errc::bad_oid);               // 0x80 padding
  EXPECT_EQ(decode_oid_hex("06 03 2B 06 81", o), errc::bad_oid);               // truncated subid
  EXPECT_EQ(decode_oid_hex("06 02 80 01", o), errc::bad_oid);                  // padded first subid
  EXPECT_EQ(decode_oid_hex("06 05 90 80 80 80 50", o), errc::bad_oid);         // 2.(2^32)
  // 128 arcs decode, 129 do not.
  std::vector<std::uint8_t> d{0x06, 127, 0x2B};
  for (int i = 0; i < 126; ++i) d.push_back(0x01);
  ASSERT_FALSE(ber::decode_oid(bytes(d).subspan(2), o));
  EXPECT_EQ(o.size(), 128u);
  d.push_back(0x01);
  EXPECT_EQ(ber::decode_oid(bytes(d).subspan(2), o), errc::bad_oid);
}

TEST(BerValue, GoldenEncodingsOfEveryType) {
  struct {
    value v;
    const char* h;
  } cases[] = {
      {value::integer32(-129), "0202ff7f"},
      {value::octet_string("public"), "04067075626c6963"},
      {value::octet_string(""), "0400"},
      {value::null(), "0500"},
      {value::object_identifier(oid{1, 3, 6, 1}), "06032b0601"},
      {value::ip_address({192, 168, 0, 1}), "4004c0a80001"},
      {value::counter32(4294967295u), "410500ffffffff"},
      {value::gauge32(128), "42020080"},
      {value::unsigned32(5), "420105"},
      {value::time_ticks(98), "430162"},
      {value::opaque(std::string("\x9f\x78\x04\x3f\xc0\x00\x00", 7)), "44079f78043fc00000"},
      {value::counter64(18446744073709551615ull), "460900ffffffffffffffff"},
      {value::no_such_object(), "8000"},
      {value::no_such_instance(), "8100"},
      {value::end_of_mib_view(), "8200"},
  };
  for (auto& c : cases) {
    ber::writer w;
    ASSERT_FALSE(ber::encode_value(w, c.v));
    EXPECT_EQ(to_hex(w.data()), c.h) << to_string(c.v.type());
    value back;
    ASSERT_FALSE(decode_tlv_value(c.h, back)) << c.h;
    EXPECT_EQ(back, c.v) << c.h;
  }
}

TEST(BerValue, RejectsWrongLengthsAndTags) {
  value v;
  EXPECT_EQ(decode_tlv_value("40 03 010203", v), errc::bad_value_length);    // IpAddress != 4
  EXPECT_EQ(decode_tlv_value("40 05 0102030405", v), errc::bad_value_length);
  EXPECT_EQ(decode_tlv_value("05 01 00", v), errc::bad_value_length);        // NULL with content
  EXPECT_EQ(decode_tlv_value("80 01 00", v), errc::bad_value_length);        // exceptions
  EXPECT_EQ(decode_tlv_value("81 01 00", v), errc::bad_value_length);
  EXPECT_EQ(decode_tlv_value("82 01 00", v), errc::bad_value_length);
  EXPECT_EQ(decode_tlv_value("24 03 040161", v), errc::bad_tag);             // constructed OCTET STRING
  EXPECT_EQ(decode_tlv_value("45 01 00", v), errc::bad_tag);                 // NsapAddress: not SMIv2
  EXPECT_EQ(decode_tlv_value("01 01 FF", v), errc::bad_tag);                 // BOOLEAN
  EXPECT_EQ(decode_tlv_value("83 00", v), errc::bad_tag);
}

TEST(BerValidate, DepthIsBoundedWithoutRecursion) {
  // 10^5 nested SEQUENCEs: `30 84 <len>` headers, then nothing. Must fail fast, no stack use.
  const std::size_t depth = 100000;
  std::vector<std::uint8_t> d;
  d.reserve(depth * 6);
  for (std::size_t i = 0; i < depth; ++i) {
    const std::size_t len = (depth - i - 1) * 6;
    d.insert(d.end(), {0x30, 0x84, std::uint8_t(len >> 24), std::uint8_t(len >> 16), std::uint8_t(len >> 8),
                       std::uint8_t(len)});
  }
  EXPECT_EQ(ber::validate(d), errc::nesting_too_deep);
  // Also the short-form chain 30 30 30 ... that ends too early.
  std::vector<std::uint8_t> chain(100000, 0x30);
  EXPECT_TRUE(ber::validate(chain));
}

TEST(BerValidate, AcceptsWellFormedAndRejectsBadPrimitives) {
  EXPECT_FALSE(ber::validate(hex("30 0e 30 0c 06 08 2b06010201010100 05 00")));
  EXPECT_EQ(ber::validate(hex("30 03 02 01 00 00")), errc::truncated);
  EXPECT_EQ(ber::validate(hex("30 02 02 00")), errc::bad_integer);
  EXPECT_EQ(ber::validate(hex("30 03 05 01 00")), errc::bad_value_length);
  EXPECT_EQ(ber::validate(hex("30 02 06 00")), errc::bad_oid);
  EXPECT_EQ(ber::validate(hex("24 03 04 01 61")), errc::bad_tag);
  EXPECT_EQ(ber::validate(hex("30 80 05 00 00 00")), errc::indefinite_length);
  // Indefinite length deeper inside.
  EXPECT_EQ(ber::validate(hex("30 08 30 06 30 80 05 00 00 00")), errc::indefinite_length);
}

TEST(BerWriter, GrowsAndKeepsContent) {
  ber::writer w(16);
  const std::size_t start = w.mark();
  for (int i = 0; i < 10000; ++i) w.put_integer(0x02, i);
  w.wrap(0x30, start);
  ber::reader r(w.data());
  bytes seq;
  ASSERT_FALSE(r.expect(0x30, seq));
  ber::reader in(seq);
  for (int i = 9999; i >= 0; --i) {
    std::int32_t v;
    ASSERT_FALSE(ber::read_int32(in, v));
    ASSERT_EQ(v, i);
  }
  EXPECT_TRUE(in.empty());
}

TEST(BerProperty, RandomIntegersAndUnsignedRoundTrip) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) {
    const int shift = static_cast<int>(rng() % 64);
    const std::uint64_t raw = rng() >> shift;
    const auto i32 = static_cast<std::int32_t>(raw);
    ber::writer w;
    w.put_integer(0x02, i32);
    ber::reader r(w.data());
    std::int32_t back;
    ASSERT_FALSE(ber::read_int32(r, back));
    ASSERT_EQ(back, i32);
    w.clear();
    w.put_unsigned(0x46, raw);
    ber::reader r2(w.data());
    bytes c;
    ASSERT_FALSE(r2.expect(0x46, c));
    std::uint64_t u;
    ASSERT_FALSE(ber::decode_uint64(c, u));
    ASSERT_EQ(u, raw);
  }
}
