// Net-SNMP's output format, pinned form by form. Every expectation here was checked
// against Net-SNMP 5.9.3 (tests/interop/netsnmp_format_interop_test.cpp re-checks the
// same forms, and thousands of random ones, against the real library).
#include <snmpio/format.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

using snmpio::errc;
using snmpio::format_options;
using snmpio::format_value;
using snmpio::format_varbind;
using snmpio::oid;
using snmpio::string_format;
using snmpio::value;
using snmpio::varbind;

namespace {

const oid sys_descr{1, 3, 6, 1, 2, 1, 1, 1, 0};

std::string line(const value& v, const format_options& o = {}) {
  return format_varbind(varbind{sys_descr, v}, o);
}

format_options opts(const char* letters) { return snmpio::parse_output_options(letters).value(); }

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s.push_back(static_cast<char>(c));
  return s;
}

}  // namespace

TEST(FormatOid, NumericWithLeadingDot) {
  EXPECT_EQ(snmpio::format_oid(sys_descr), ".1.3.6.1.2.1.1.1.0");
  EXPECT_EQ(snmpio::format_oid(oid{1}), ".1");
  EXPECT_EQ(snmpio::format_oid(oid{4294967295u, 0}), ".4294967295.0");
  EXPECT_EQ(snmpio::format_oid(oid{}), ".0");  // what Net-SNMP shows for a zero-length OID
  std::string out = "x";
  snmpio::append_oid(out, oid{1, 3});
  EXPECT_EQ(out, "x.1.3");
}

TEST(FormatOid, LongOidOnTheHeap) {
  oid o;
  std::string want;
  for (std::uint32_t i = 0; i < oid::max_subids; ++i) {
    o.push_back(i * 33554432u);
    want += '.' + std::to_string(i * 33554432u);
  }
  EXPECT_EQ(snmpio::format_oid(o), want);
}

TEST(FormatValue, EveryTypeInTheDefaultForm) {
  EXPECT_EQ(line(value::integer32(5)), ".1.3.6.1.2.1.1.1.0 = INTEGER: 5");
  EXPECT_EQ(format_value(value::integer32(-2147483647 - 1)), "INTEGER: -2147483648");
  EXPECT_EQ(format_value(value::octet_string("x")), "STRING: \"x\"");
  EXPECT_EQ(format_value(value::null()), "NULL");
  EXPECT_EQ(format_value(value::object_identifier(oid{1, 3, 6, 1, 4, 1})), "OID: .1.3.6.1.4.1");
  EXPECT_EQ(format_value(value::ip_address({1, 2, 3, 4})), "IpAddress: 1.2.3.4");
  EXPECT_EQ(format_value(value::ip_address({255, 0, 10, 255})), "IpAddress: 255.0.10.255");
  EXPECT_EQ(format_value(value::counter32(7)), "Counter32: 7");
  EXPECT_EQ(format_value(value::gauge32(4294967295u)), "Gauge32: 4294967295");
  EXPECT_EQ(format_value(value::unsigned32(0)), "Gauge32: 0");
  EXPECT_EQ(format_value(value::time_ticks(98)), "Timeticks: (98) 0:00:00.98");
  EXPECT_EQ(format_value(value::opaque(bytes({1, 2, 3}))), "OPAQUE: 01 02 03 ");
  EXPECT_EQ(format_value(value::counter64(18446744073709551615ull)),
            "Counter64: 18446744073709551615");
  EXPECT_EQ(format_value(value::no_such_object()),
            "No Such Object available on this agent at this OID");
  EXPECT_EQ(format_value(value::no_such_instance()), "No Such Instance currently exists at this OID");
  EXPECT_EQ(format_value(value::end_of_mib_view()),
            "No more variables left in this MIB View (It is past the end of the MIB tree)");
}

TEST(FormatValue, TimeTicks) {
  EXPECT_EQ(format_value(value::time_ticks(0)), "Timeticks: (0) 0:00:00.00");
  EXPECT_EQ(format_value(value::time_ticks(1842912)), "Timeticks: (1842912) 5:07:09.12");
  EXPECT_EQ(format_value(value::time_ticks(8640000)), "Timeticks: (8640000) 1 day, 0:00:00.00");
  EXPECT_EQ(format_value(value::time_ticks(17280000)), "Timeticks: (17280000) 2 days, 0:00:00.00");
  EXPECT_EQ(format_value(value::time_ticks(4294967295u)),
            "Timeticks: (4294967295) 497 days, 2:27:52.95");
  // -Oq: days:hours:minutes:seconds.hundredths, days always present.
  EXPECT_EQ(format_value(value::time_ticks(98), opts("q")), "0:0:00:00.98");
  EXPECT_EQ(format_value(value::time_ticks(8640098), opts("q")), "1:0:00:00.98");
  EXPECT_EQ(format_value(value::time_ticks(4294967295u), opts("q")), "497:2:27:52.95");
  // -Ot: the bare number, without a type prefix even when not quick.
  EXPECT_EQ(line(value::time_ticks(8640098), opts("t")), ".1.3.6.1.2.1.1.1.0 = 8640098");
  EXPECT_EQ(format_value(value::time_ticks(98), opts("qt")), "98");
}

TEST(FormatValue, PrintableStringsAreQuotedWithBackslashEscapes) {
  EXPECT_EQ(format_value(value::octet_string("a\"b")), "STRING: \"a\\\"b\"");
  EXPECT_EQ(format_value(value::octet_string("a\\b")), "STRING: \"a\\\\b\"");
  // White space (\t \n \v \f \r) is printable and printed raw, newlines included.
  EXPECT_EQ(format_value(value::octet_string("a\nb")), "STRING: \"a\nb\"");
  EXPECT_EQ(format_value(value::octet_string("\t\v\f\r")), "STRING: \"\t\v\f\r\"");
  EXPECT_EQ(format_value(value::octet_string(" ~")), "STRING: \" ~\"");
}

TEST(FormatValue, EmptyStringHasNoTypePrefixInAnyMode) {
  for (const char* o : {"", "q", "Q", "v", "x", "a", "T", "xT"})
    EXPECT_EQ(format_value(value::octet_string(""), opts(o)), "\"\"") << "-O" << o;
  EXPECT_EQ(line(value::octet_string("")), ".1.3.6.1.2.1.1.1.0 = \"\"");
}

TEST(FormatValue, AnyOtherOctetMakesAHexString) {
  EXPECT_EQ(format_value(value::octet_string(bytes({'a', 'b', 0}))), "Hex-STRING: 61 62 00 ");
  EXPECT_EQ(format_value(value::octet_string(bytes({0x61, 0xC3, 0xA9}))), "Hex-STRING: 61 C3 A9 ");
  EXPECT_EQ(format_value(value::octet_string(bytes({0x7F}))), "Hex-STRING: 7F ");
  EXPECT_EQ(format_value(value::octet_string(bytes({0x08}))), "Hex-STRING: 08 ");
  EXPECT_EQ(format_value(value::octet_string(bytes({0x0E}))), "Hex-STRING: 0E ");
}

TEST(FormatValue, HexDumpsWrapAfterSixteenOctets) {
  std::string s;
  for (int i = 0; i < 33; ++i) s.push_back(static_cast<char>(i));
  EXPECT_EQ(format_value(value::octet_string(s.substr(0, 16))),
            "Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F ");
  EXPECT_EQ(format_value(value::octet_string(s.substr(0, 17))),
            "Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F \n10 ");
  EXPECT_EQ(format_value(value::octet_string(s)),
            "Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F \n"
            "10 11 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E 1F \n"
            "20 ");
  format_options one_line;
  one_line.hex_line_octets = 0;
  EXPECT_EQ(format_value(value::octet_string(s.substr(0, 17)), one_line),
            "Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 ");
  format_options four;
  four.hex_line_octets = 4;
  EXPECT_EQ(format_value(value::opaque(s.substr(0, 6)), four), "OPAQUE: 00 01 02 03 \n04 05 ");
}

TEST(FormatValue, HexWithText) {  // -OT
  EXPECT_EQ(format_value(value::octet_string(bytes({'"', 1, '\\'})), opts("T")),
            "Hex-STRING: 22 01 5C   [\".\\]");
  EXPECT_EQ(format_value(value::opaque("a\x01"), opts("T")), "OPAQUE: 61 01   [a.]");
  std::string s = bytes({0x80, 'A', '\n'});
  s.append(14, 'z');
  EXPECT_EQ(format_value(value::octet_string(s), opts("T")),
            "Hex-STRING: 80 41 0A 7A 7A 7A 7A 7A 7A 7A 7A 7A 7A 7A 7A 7A   [.A\nzzzzzzzzzzzzz]\n"
            "7A   [z]");
  EXPECT_EQ(format_value(value::octet_string(bytes({0x80})), opts("qT")), "\"80   [.]\"");
  // Printable strings are not hex dumps: -OT leaves them alone.
  EXPECT_EQ(format_value(value::octet_string("x"), opts("T")), "STRING: \"x\"");
  EXPECT_EQ(format_value(value::octet_string("x"), opts("Tx")), "Hex-STRING: 78   [x]");
}

TEST(FormatValue, StringFormatLetters) {
  const value mixed = value::octet_string(bytes({'"', 1, '\\', 0x80, '\n'}));
  EXPECT_EQ(format_value(value::octet_string("x"), opts("x")), "Hex-STRING: 78 ");
  EXPECT_EQ(format_value(value::octet_string("x"), opts("qx")), "\"78 \"");
  EXPECT_EQ(format_value(mixed, opts("a")), "STRING: \"\\\".\\\\.\n\"");
  EXPECT_EQ(format_value(mixed, opts("qa")), "\"\\\".\\\\.\n\"");
  // The last of a and x wins.
  EXPECT_EQ(format_value(mixed, opts("xa")), "STRING: \"\\\".\\\\.\n\"");
  EXPECT_EQ(format_value(mixed, opts("ax")), "Hex-STRING: 22 01 5C 80 0A ");
  // Opaque is always hex, even with -Oa.
  EXPECT_EQ(format_value(value::opaque("abc"), opts("a")), "OPAQUE: 61 62 63 ");
}

TEST(FormatValue, QuickFormHasNoTypePrefix) {
  const format_options q = opts("q");
  EXPECT_EQ(format_value(value::integer32(-5), q), "-5");
  EXPECT_EQ(format_value(value::octet_string("x"), q), "\"x\"");
  EXPECT_EQ(format_value(value::octet_string(bytes({'a', 'b', 0})), q), "\"61 62 00 \"");
  EXPECT_EQ(format_value(value::null(), q), "NULL");
  EXPECT_EQ(format_value(value::object_identifier(oid{1, 3, 6}), q), ".1.3.6");
  EXPECT_EQ(format_value(value::ip_address({10, 0, 0, 1}), q), "10.0.0.1");
  EXPECT_EQ(format_value(value::counter32(7), q), "7");
  EXPECT_EQ(format_value(value::gauge32(8), q), "8");
  EXPECT_EQ(format_value(value::opaque(bytes({1, 2, 3})), q), "01 02 03 ");
  EXPECT_EQ(format_value(value::opaque(""), q), "");
  EXPECT_EQ(format_value(value::opaque(""), {}), "OPAQUE: ");
  EXPECT_EQ(format_value(value::counter64(1), q), "1");
  EXPECT_EQ(format_value(value::no_such_instance(), q), "No Such Instance currently exists at this OID");
}

TEST(FormatVarbind, SeparatorsAndValueOnly) {
  const value v = value::counter32(7);
  EXPECT_EQ(line(v), ".1.3.6.1.2.1.1.1.0 = Counter32: 7");
  EXPECT_EQ(line(v, opts("q")), ".1.3.6.1.2.1.1.1.0 7");
  EXPECT_EQ(line(v, opts("Q")), ".1.3.6.1.2.1.1.1.0 = 7");
  EXPECT_EQ(line(v, opts("v")), "Counter32: 7");
  EXPECT_EQ(line(v, opts("qv")), "7");
  EXPECT_EQ(line(v, opts("Qv")), "7");
  EXPECT_EQ(line(value::no_such_object(), opts("q")),
            ".1.3.6.1.2.1.1.1.0 No Such Object available on this agent at this OID");
}

TEST(FormatVarbind, AppendReusesTheBuffer) {
  std::string out;
  out.reserve(256);
  const char* data = out.data();
  for (int i = 0; i < 100; ++i) {
    out.clear();
    snmpio::append_varbind(out, varbind{sys_descr, value::integer32(i)});
  }
  EXPECT_EQ(out, ".1.3.6.1.2.1.1.1.0 = INTEGER: 99");
  EXPECT_EQ(out.data(), data);
  snmpio::append_varbind(out, varbind{oid{1, 3}, value::null()}, opts("q"));
  EXPECT_EQ(out, ".1.3.6.1.2.1.1.1.0 = INTEGER: 99.1.3 NULL");
}

TEST(FormatValue, OpaqueSpecialTypes) {
  // Opaque-wrapped Float, Double, Counter64, Int64, UInt64 (0x9F 0x78 ...), as Net-SNMP
  // built with opaque special types (Debian's is) unwraps them.
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x78, 4, 0x3F, 0xC0, 0, 0}))),
            "Opaque: Float: 1.500000");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x79, 8, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0}))),
            "Opaque: Float: 1.500000");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x78, 4, 0xFF, 0x80, 0, 0}))),
            "Opaque: Float: -inf");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x76, 2, 1, 0}))), "Opaque: Counter64: 256");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x76, 0}))), "Opaque: Counter64: 0");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x7A, 1, 0xFF}))), "Opaque: Int64: -1");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x7A, 2, 0, 0xFF}))), "Opaque: Int64: 255");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x7A, 9, 0, 0x80, 0, 0, 0, 0, 0, 0, 0}))),
            "Opaque: Int64: -9223372036854775808");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x7B, 0x81, 1, 0xFF}))), "Opaque: UInt64: 255");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x7B, 1, 5})), opts("q")), "5");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x78, 4, 0x3F, 0xC0, 0, 0})), opts("q")),
            "1.500000");
  // Anything else stays plain hex: unknown extension tags, bad lengths, trailing octets,
  // nine-octet integers that do not start with 0.
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x77, 1, 0}))), "OPAQUE: 9F 77 01 00 ");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x78}))), "OPAQUE: 9F 78 ");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x78, 3, 1, 2, 3}))), "OPAQUE: 9F 78 03 01 02 03 ");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x76, 1, 0xFF, 0}))), "OPAQUE: 9F 76 01 FF 00 ");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x76, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0}))),
            "OPAQUE: 9F 76 09 01 00 00 00 00 00 00 00 00 ");
  // A long-form length is fine while the whole Opaque stays within 12 octets.
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x76, 0x83, 0, 0, 1, 0xFF}))), "Opaque: Counter64: 255");
  EXPECT_EQ(format_value(value::opaque(bytes({0x9F, 0x76, 0x82, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8}))),
            "OPAQUE: 9F 76 82 00 08 01 02 03 04 05 06 07 08 ");
}

TEST(FormatValue, HugeDoublesAreCutLikeNetSnmp) {
  // DBL_MAX: 309 digits and ".000000"; Net-SNMP prints the first 127 characters.
  std::string out = format_value(value::opaque(bytes({0x9F, 0x79, 8, 0x7F, 0xEF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})));
  ASSERT_EQ(out.size(), std::string("Opaque: Float: ").size() + 127);
  EXPECT_EQ(out.substr(0, 30), "Opaque: Float: 179769313486231");
}

TEST(FormatOptions, ParseLetters) {
  auto o = snmpio::parse_output_options("nq");
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->quick);
  EXPECT_FALSE(o->value_only);
  EXPECT_EQ(o->oids, snmpio::oid_format::numeric);

  EXPECT_FALSE(snmpio::parse_output_options("qq")->quick);  // letters toggle
  auto big_q = snmpio::parse_output_options("Q");
  EXPECT_TRUE(big_q->quick && big_q->quick_equals);
  auto q_then_big_q = snmpio::parse_output_options("qQ");  // Q toggles quick too
  EXPECT_FALSE(q_then_big_q->quick);
  EXPECT_TRUE(q_then_big_q->quick_equals);
  auto big_q_twice = snmpio::parse_output_options("QQ");  // ... but sets quick_equals
  EXPECT_FALSE(big_q_twice->quick);
  EXPECT_TRUE(big_q_twice->quick_equals);
  EXPECT_EQ(line(value::counter32(7), *big_q_twice), ".1.3.6.1.2.1.1.1.0 = Counter32: 7");
  EXPECT_EQ(snmpio::parse_output_options("ax")->strings, string_format::hex);
  EXPECT_EQ(snmpio::parse_output_options("xa")->strings, string_format::ascii);
  EXPECT_EQ(snmpio::parse_output_options("xx")->strings, string_format::hex);  // sets, no toggle
  EXPECT_EQ(snmpio::parse_output_options("fs")->oids, snmpio::oid_format::suffix);
  EXPECT_EQ(snmpio::parse_output_options("Su")->oids, snmpio::oid_format::ucd);
  auto mib = snmpio::parse_output_options("ebEXU0");
  ASSERT_TRUE(mib);
  EXPECT_TRUE(mib->enums_numeric && mib->dont_break_indexes && mib->escape_index_quotes &&
              mib->extended_index && mib->no_units && mib->hex_leading_zero);
  EXPECT_TRUE(snmpio::parse_output_options("").value() == format_options{});

  // Applied on top of a base, as repeated -O options are.
  format_options base;
  base.quick = true;
  auto again = snmpio::parse_output_options("qv", base);
  EXPECT_FALSE(again->quick);
  EXPECT_TRUE(again->value_only);
}

TEST(FormatOptions, UnknownLettersAreRejected) {
  for (const char* bad : {"z", "nqz", "p", "p%.2f", " ", "-q", "O"}) {
    auto r = snmpio::parse_output_options(bad);
    EXPECT_FALSE(r) << bad;
    EXPECT_EQ(r.error(), errc::invalid_argument) << bad;
  }
}

namespace {

// The Opaque special types, read as format_value() prints them.
TEST(DecodeOpaqueSpecial, EveryKindAndPlainOpaque) {
  using k = snmpio::opaque_special::kind;
  auto d = [](std::initializer_list<unsigned char> b) {
    return snmpio::decode_opaque_special(std::string(b.begin(), b.end()));
  };
  auto f = d({0x9F, 0x78, 0x04, 0x3F, 0xC0, 0x00, 0x00});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->type, k::float32);
  EXPECT_EQ(f->real, 1.5);
  auto g = d({0x9F, 0x79, 0x08, 0xC0, 0x02, 0, 0, 0, 0, 0, 0});
  ASSERT_TRUE(g);
  EXPECT_EQ(g->type, k::float64);
  EXPECT_EQ(g->real, -2.25);
  auto i = d({0x9F, 0x7A, 0x01, 0x9D});
  ASSERT_TRUE(i);
  EXPECT_EQ(i->type, k::int64);
  EXPECT_EQ(i->signed_value, -99);
  auto u = d({0x9F, 0x7B, 0x01, 0x63});
  ASSERT_TRUE(u);
  EXPECT_EQ(u->type, k::uint64);
  EXPECT_EQ(u->unsigned_value, 99u);
  auto c = d({0x9F, 0x76, 0x09, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->type, k::counter64);
  EXPECT_EQ(c->unsigned_value, ~0ull);
  EXPECT_FALSE(d({0x9F, 0x76, 0x09, 0x01, 0, 0, 0, 0, 0, 0, 0, 0}));  // 9 octets not led by 0
  EXPECT_FALSE(d({0x9F, 0x78, 0x03, 0x3F, 0xC0, 0x00}));              // a float of 3 octets
  EXPECT_FALSE(d({0x04, 0x01, 0x41}));                                 // plain Opaque
  EXPECT_FALSE(d({}));
}

}  // namespace
