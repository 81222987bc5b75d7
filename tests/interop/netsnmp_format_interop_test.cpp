// Differential test of snmpio's printer against the real Net-SNMP library: every value is
// built in both, printed by both under the same -O options, and must come out
// byte-identical. Net-SNMP's headers define many macros (and a global `oid` typedef), so
// they come last and snmpio's names are always qualified.
#include <snmpio/format.hpp>
#include <snmpio/oid.hpp>
#include <snmpio/value.hpp>
#include <snmpio/varbind.hpp>

#include <gtest/gtest.h>

#include "tests/support/temp_dir.hpp"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

namespace {

using snmpio::format_options;

// ------------------------------------------------------------------ Net-SNMP side

// Net-SNMP initialised as its command-line tools are (init_snmp), but without reading any
// snmp.conf, MIB file or persistent state of this host: the environment it reads during
// init points into an empty temporary folder and is restored right after.
class netsnmp_library {
 public:
  static netsnmp_library& get() {
    static netsnmp_library lib;
    return lib;
  }

  netsnmp_library(const netsnmp_library&) = delete;
  netsnmp_library& operator=(const netsnmp_library&) = delete;

 private:
  netsnmp_library() {
    dir_ = snmpio::test::make_temp_dir("format-interop").string();
    const char* names[] = {"MIBS", "MIBDIRS", "SNMPCONFPATH", "SNMP_PERSISTENT_DIR"};
    std::vector<std::pair<std::string, std::optional<std::string>>> saved;
    for (const char* n : names) {
      const char* old = std::getenv(n);
      saved.emplace_back(n, old ? std::optional<std::string>(old) : std::nullopt);
    }
    setenv("MIBS", "", 1);
    setenv("MIBDIRS", dir_.c_str(), 1);
    setenv("SNMPCONFPATH", dir_.c_str(), 1);
    setenv("SNMP_PERSISTENT_DIR", dir_.c_str(), 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
    init_snmp("snmpio-format-interop");
    hex_output_length_after_init = netsnmp_ds_get_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_HEX_OUTPUT_LENGTH);
    for (auto& [n, v] : saved) {
      if (v)
        setenv(n.c_str(), v->c_str(), 1);
      else
        unsetenv(n.c_str());
    }
  }
  ~netsnmp_library() {
    snmp_shutdown("snmpio-format-interop");
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  std::string dir_;

 public:
  int hex_output_length_after_init = -1;
};

void set_bool(int id, bool on) { netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, id, on ? 1 : 0); }

// Every -O related setting back to what a tool started with -On has.
void reset_netsnmp_options() {
  netsnmp_library::get();
  for (int id : {NETSNMP_DS_LIB_QUICK_PRINT, NETSNMP_DS_LIB_QUICKE_PRINT, NETSNMP_DS_LIB_PRINT_BARE_VALUE,
                 NETSNMP_DS_LIB_NUMERIC_TIMETICKS, NETSNMP_DS_LIB_PRINT_HEX_TEXT,
                 NETSNMP_DS_LIB_PRINT_NUMERIC_ENUM, NETSNMP_DS_LIB_DONT_BREAKDOWN_OIDS,
                 NETSNMP_DS_LIB_ESCAPE_QUOTES, NETSNMP_DS_LIB_EXTENDED_INDEX,
                 NETSNMP_DS_LIB_DONT_PRINT_UNITS, NETSNMP_DS_LIB_2DIGIT_HEX_OUTPUT})
    set_bool(id, false);
  netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_STRING_OUTPUT_FORMAT, 0);
  netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OID_OUTPUT_FORMAT, NETSNMP_OID_OUTPUT_NUMERIC);
  netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_HEX_OUTPUT_LENGTH, 16);
}

// Sets Net-SNMP's settings from our struct (the printing side of the options).
void apply(const format_options& o) {
  reset_netsnmp_options();
  set_bool(NETSNMP_DS_LIB_QUICK_PRINT, o.quick);
  set_bool(NETSNMP_DS_LIB_QUICKE_PRINT, o.quick_equals);
  set_bool(NETSNMP_DS_LIB_PRINT_BARE_VALUE, o.value_only);
  set_bool(NETSNMP_DS_LIB_NUMERIC_TIMETICKS, o.numeric_timeticks);
  set_bool(NETSNMP_DS_LIB_PRINT_HEX_TEXT, o.hex_text);
  int strings = 0;
  if (o.strings == snmpio::string_format::ascii) strings = NETSNMP_STRING_OUTPUT_ASCII;
  if (o.strings == snmpio::string_format::hex) strings = NETSNMP_STRING_OUTPUT_HEX;
  netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_STRING_OUTPUT_FORMAT, strings);
  netsnmp_ds_set_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_HEX_OUTPUT_LENGTH,
                     static_cast<int>(o.hex_line_octets));
}

void append_ber_length(std::string& out, std::size_t n) {
  if (n < 0x80) {
    out.push_back(static_cast<char>(n));
  } else if (n < 0x100) {
    out.push_back('\x81');
    out.push_back(static_cast<char>(n));
  } else {
    out.push_back('\x82');
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n & 0xFF));
  }
}

std::string ber_tlv(unsigned char tag, const std::string& contents) {
  std::string out(1, static_cast<char>(tag));
  append_ber_length(out, contents.size());
  return out + contents;
}

struct pdu_deleter {
  void operator()(netsnmp_pdu* p) const { snmp_free_pdu(p); }
};
using pdu_ptr = std::unique_ptr<netsnmp_pdu, pdu_deleter>;

// The variable Net-SNMP holds for `vb`, in a PDU that owns it; null when Net-SNMP rejects
// it. Opaque values go through Net-SNMP's PDU parser, as a received response would, since
// the parser is where the Opaque-wrapped Float/Double/Counter64/Int64/UInt64 are unwrapped.
pdu_ptr netsnmp_variable(const snmpio::varbind& vb) {
  netsnmp_library::get();
  std::vector<::oid> name(vb.name.begin(), vb.name.end());
  if (vb.value.type() == snmpio::value_type::opaque) {
    std::string name_ber;  // OBJECT IDENTIFIER contents for the name (first two arcs < 40)
    name_ber.push_back(static_cast<char>(name.at(0) * 40 + name.at(1)));
    for (std::size_t i = 2; i < name.size(); ++i) {
      std::uint32_t v = static_cast<std::uint32_t>(name[i]);
      char tmp[5];
      int n = 0;
      do {
        tmp[n++] = static_cast<char>(v & 0x7F);
        v >>= 7;
      } while (v);
      while (n > 1) name_ber.push_back(static_cast<char>(tmp[--n] | 0x80));
      name_ber.push_back(tmp[0]);
    }
    std::string varbind = ber_tlv(0x30, ber_tlv(0x06, name_ber) +
                                            ber_tlv(0x44, std::string(vb.value.as_octets())));
    std::string body = std::string("\x02\x01\x01\x02\x01\x00\x02\x01\x00", 9) + ber_tlv(0x30, varbind);
    std::string msg = ber_tlv(0xA2, body);
    pdu_ptr pdu(snmp_pdu_create(SNMP_MSG_RESPONSE));
    size_t len = msg.size();
    if (snmp_pdu_parse(pdu.get(), reinterpret_cast<u_char*>(msg.data()), &len) != 0 || !pdu->variables)
      return nullptr;
    return pdu;
  }

  pdu_ptr pdu(snmp_pdu_create(SNMP_MSG_RESPONSE));
  const snmpio::value& v = vb.value;
  u_char type = static_cast<u_char>(v.type());
  long i = 0;
  unsigned long u = 0;
  struct counter64 c64 {};
  std::array<std::uint8_t, 4> ip{};
  std::vector<::oid> oid_value;
  std::string octets;
  const void* data = nullptr;
  size_t len = 0;
  switch (v.type()) {
    case snmpio::value_type::integer32: i = v.as_int32(); data = &i; len = sizeof i; break;
    case snmpio::value_type::counter32:
    case snmpio::value_type::gauge32:
    case snmpio::value_type::time_ticks: u = v.as_uint32(); data = &u; len = sizeof u; break;
    case snmpio::value_type::counter64:
      c64.high = v.as_uint64() >> 32;
      c64.low = v.as_uint64() & 0xFFFFFFFFu;
      data = &c64;
      len = sizeof c64;
      break;
    case snmpio::value_type::octet_string:
      octets = std::string(v.as_octets());
      data = octets.data();
      len = octets.size();
      break;
    case snmpio::value_type::ip_address: ip = v.as_ip_address(); data = ip.data(); len = 4; break;
    case snmpio::value_type::object_identifier:
      oid_value.assign(v.as_oid().begin(), v.as_oid().end());
      data = oid_value.data();
      len = oid_value.size() * sizeof(::oid);
      break;
    default: break;  // NULL and the exceptions carry nothing
  }
  if (!snmp_pdu_add_variable(pdu.get(), name.data(), name.size(), type, data, len)) return nullptr;
  return pdu;
}

std::string netsnmp_print(const snmpio::varbind& vb, const format_options& o, bool value_only_call) {
  pdu_ptr pdu = netsnmp_variable(vb);
  if (!pdu) return "<rejected by Net-SNMP>";
  apply(o);
  netsnmp_variable_list* var = pdu->variables;
  size_t buf_len = 256, out_len = 0;
  auto* buf = static_cast<u_char*>(malloc(buf_len));
  int ok = value_only_call
               ? sprint_realloc_value(&buf, &buf_len, &out_len, 1, var->name, var->name_length, var)
               : sprint_realloc_variable(&buf, &buf_len, &out_len, 1, var->name, var->name_length, var);
  std::string s = ok ? std::string(reinterpret_cast<char*>(buf), out_len) : "<print failed>";
  free(buf);
  return s;
}

// ------------------------------------------------------------------ comparison

int compared = 0;  // counts comparisons, so that a test cannot pass by comparing nothing

void expect_same(const snmpio::varbind& vb, const format_options& o, const std::string& label) {
  const std::string theirs = netsnmp_print(vb, o, false);
  const std::string ours = snmpio::format_varbind(vb, o);
  EXPECT_EQ(ours, theirs) << label;
  const std::string theirs_value = netsnmp_print(vb, o, true);
  EXPECT_EQ(snmpio::format_value(vb.value, o), theirs_value) << label << " (value only)";
  ++compared;
}

const snmpio::oid sys_descr{1, 3, 6, 1, 2, 1, 1, 1, 0};

format_options opts(const char* letters) { return snmpio::parse_output_options(letters).value(); }

// Option sets every value is printed under.
const char* const option_sets[] = {"",  "q",  "Q",  "v",  "qv", "Qv", "t",  "qt", "x",  "a",
                                   "T", "qT", "xT", "aT", "qx", "qa", "Qx", "tT", "vT", "vx"};

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s.push_back(static_cast<char>(c));
  return s;
}

std::vector<snmpio::value> edge_values() {
  using snmpio::value;
  std::vector<value> vs = {
      value::integer32(0), value::integer32(5), value::integer32(-5),
      value::integer32(2147483647), value::integer32(-2147483647 - 1),
      value::octet_string(""), value::octet_string("x"), value::octet_string("hello world"),
      value::octet_string("a\nb"), value::octet_string("a\tb"), value::octet_string("a\rb"),
      value::octet_string("a\"b"), value::octet_string("a\\b"), value::octet_string("\"\\\"\\"),
      value::octet_string(bytes({'a', 'b', 0})), value::octet_string(bytes({0})),
      value::octet_string(bytes({'a', 0, 'b'})), value::octet_string(bytes({0x61, 0xC3, 0xA9})),
      value::octet_string(bytes({0x80})), value::octet_string(bytes({0xFF})),
      value::octet_string(bytes({0x7F})), value::octet_string(bytes({'"', 1, '\\', 0x80, '\n'})),
      value::octet_string(std::string(15, 'z') + '\x01'), value::octet_string(std::string(16, 'z') + '\x01'),
      value::octet_string(std::string(31, '\x02')), value::octet_string(std::string(32, '\x02')),
      value::octet_string(std::string(33, '\x02')), value::octet_string(std::string(300, 'q')),
      value::octet_string(std::string(1000, '\xAB')),
      value::null(),
      value::object_identifier(snmpio::oid{1, 3, 6, 1, 4, 1}), value::object_identifier(snmpio::oid{0, 0}),
      value::object_identifier(snmpio::oid{1}), value::object_identifier(snmpio::oid{4294967295u, 0}),
      value::ip_address({1, 2, 3, 4}), value::ip_address({0, 0, 0, 0}), value::ip_address({255, 255, 255, 255}),
      value::counter32(0), value::counter32(7), value::counter32(4294967295u),
      value::gauge32(0), value::gauge32(4294967295u),
      value::time_ticks(0), value::time_ticks(1), value::time_ticks(98), value::time_ticks(99),
      value::time_ticks(100), value::time_ticks(6000), value::time_ticks(359999), value::time_ticks(360000),
      value::time_ticks(1842912), value::time_ticks(8639999), value::time_ticks(8640000),
      value::time_ticks(8640098), value::time_ticks(17280000), value::time_ticks(4294967295u),
      value::counter64(0), value::counter64(4294967296ull), value::counter64(18446744073709551615ull),
      value::opaque(""), value::opaque(bytes({1, 2, 3})), value::opaque("abc"),
      value::opaque(std::string(40, '\x05')), value::opaque(bytes({0x9F})), value::opaque(bytes({0x9F, 0x78})),
      value::opaque(bytes({0x9F, 0x77, 4, 0x3F, 0xC0, 0, 0})),
      value::opaque(bytes({0x9F, 0x78, 4, 0x3F, 0xC0, 0, 0})),
      value::opaque(bytes({0x9F, 0x78, 4, 0x7F, 0xC0, 0, 0})), value::opaque(bytes({0x9F, 0x78, 4, 0xFF, 0xC0, 0, 0})),
      value::opaque(bytes({0x9F, 0x78, 4, 0x7F, 0x80, 0, 0})), value::opaque(bytes({0x9F, 0x78, 4, 0xFF, 0x80, 0, 0})),
      value::opaque(bytes({0x9F, 0x78, 4, 0x7F, 0x7F, 0xFF, 0xFF})), value::opaque(bytes({0x9F, 0x78, 4, 0, 0, 0, 1})),
      value::opaque(bytes({0x9F, 0x78, 4, 0x80, 0, 0, 0})),
      value::opaque(bytes({0x9F, 0x79, 8, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0})),
      value::opaque(bytes({0x9F, 0x79, 8, 0x7F, 0xEF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})),
      value::opaque(bytes({0x9F, 0x79, 8, 0xC4, 0x9F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})),
      value::opaque(bytes({0x9F, 0x79, 8, 0, 0, 0, 0, 0, 0, 0, 1})),
      value::opaque(bytes({0x9F, 0x76, 0})), value::opaque(bytes({0x9F, 0x76, 2, 1, 0})),
      value::opaque(bytes({0x9F, 0x76, 9, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})),
      value::opaque(bytes({0x9F, 0x76, 0x82, 0, 1, 0xFF})),
      value::opaque(bytes({0x9F, 0x7A, 0})), value::opaque(bytes({0x9F, 0x7A, 1, 0xFF})),
      value::opaque(bytes({0x9F, 0x7A, 2, 0x80, 0})),
      value::opaque(bytes({0x9F, 0x7A, 8, 0x80, 0, 0, 0, 0, 0, 0, 0})),
      value::opaque(bytes({0x9F, 0x7A, 9, 0, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})),
      value::opaque(bytes({0x9F, 0x7B, 8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})),
      value::opaque(bytes({0x9F, 0x7B, 0x81, 1, 0xFF})),
      value::no_such_object(), value::no_such_instance(), value::end_of_mib_view(),
  };
  return vs;
}

}  // namespace

TEST(NetsnmpFormatInterop, InitialisedLikeTheTools) {
  // snmpget & co. wrap hex dumps at 16 octets because init_snmp sets that default; the
  // comparison below is only meaningful if our Net-SNMP was initialised the same way.
  EXPECT_EQ(netsnmp_library::get().hex_output_length_after_init, 16);
  EXPECT_EQ(format_options{}.hex_line_octets, 16u);
}

TEST(NetsnmpFormatInterop, EdgeCasesUnderEveryOptionSet) {
  compared = 0;
  const auto values = edge_values();
  for (const char* letters : option_sets) {
    const format_options o = opts(letters);
    for (std::size_t i = 0; i < values.size(); ++i)
      expect_same({sys_descr, values[i]}, o, "-O" + std::string(letters) + " edge value #" + std::to_string(i));
  }
  EXPECT_EQ(compared, static_cast<int>(values.size() * std::size(option_sets)));
}

TEST(NetsnmpFormatInterop, HexLineLengths) {
  const std::string s = std::string(50, '\x01') + "abc";
  for (std::uint32_t width : {0u, 1u, 3u, 7u, 16u, 20u, 53u, 54u}) {
    for (const char* letters : {"", "q", "T", "qT"}) {
      format_options o = opts(letters);
      o.hex_line_octets = width;
      const std::string label = "width " + std::to_string(width) + " -O" + letters;
      expect_same({sys_descr, snmpio::value::octet_string(s)}, o, label);
      expect_same({sys_descr, snmpio::value::opaque(s)}, o, label + " opaque");
    }
  }
}

TEST(NetsnmpFormatInterop, ParseOutputOptionsTogglesLikeNetsnmp) {
  // Random -O letter strings, given to Net-SNMP's own parser and to ours: the resulting
  // settings, and the way a few values print under them, must agree.
  std::mt19937 rng(20240501);
  const std::string alphabet = "qQvtTaxnfsSuebEXU0";
  const auto values = edge_values();
  for (int round = 0; round < 400; ++round) {
    std::string letters;
    const int n = static_cast<int>(rng() % 7);
    for (int i = 0; i < n; ++i) letters.push_back(alphabet[rng() % alphabet.size()]);
    auto ours = snmpio::parse_output_options(letters);
    ASSERT_TRUE(ours) << letters;

    reset_netsnmp_options();
    std::string mutable_letters = letters;
    ASSERT_EQ(snmp_out_options(mutable_letters.data(), 0, nullptr), nullptr) << letters;
    auto flag = [](int id) { return netsnmp_ds_get_boolean(NETSNMP_DS_LIBRARY_ID, id) != 0; };
    EXPECT_EQ(ours->quick, flag(NETSNMP_DS_LIB_QUICK_PRINT)) << letters;
    EXPECT_EQ(ours->quick_equals, flag(NETSNMP_DS_LIB_QUICKE_PRINT)) << letters;
    EXPECT_EQ(ours->value_only, flag(NETSNMP_DS_LIB_PRINT_BARE_VALUE)) << letters;
    EXPECT_EQ(ours->numeric_timeticks, flag(NETSNMP_DS_LIB_NUMERIC_TIMETICKS)) << letters;
    EXPECT_EQ(ours->hex_text, flag(NETSNMP_DS_LIB_PRINT_HEX_TEXT)) << letters;
    EXPECT_EQ(ours->enums_numeric, flag(NETSNMP_DS_LIB_PRINT_NUMERIC_ENUM)) << letters;
    EXPECT_EQ(ours->dont_break_indexes, flag(NETSNMP_DS_LIB_DONT_BREAKDOWN_OIDS)) << letters;
    EXPECT_EQ(ours->escape_index_quotes, flag(NETSNMP_DS_LIB_ESCAPE_QUOTES)) << letters;
    EXPECT_EQ(ours->extended_index, flag(NETSNMP_DS_LIB_EXTENDED_INDEX)) << letters;
    EXPECT_EQ(ours->no_units, flag(NETSNMP_DS_LIB_DONT_PRINT_UNITS)) << letters;
    EXPECT_EQ(ours->hex_leading_zero, flag(NETSNMP_DS_LIB_2DIGIT_HEX_OUTPUT)) << letters;
    const int strings = netsnmp_ds_get_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_STRING_OUTPUT_FORMAT);
    const int want_strings = ours->strings == snmpio::string_format::ascii ? NETSNMP_STRING_OUTPUT_ASCII
                             : ours->strings == snmpio::string_format::hex ? NETSNMP_STRING_OUTPUT_HEX
                                                                           : 0;
    EXPECT_EQ(strings, want_strings) << letters;
    const int oids = netsnmp_ds_get_int(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_OID_OUTPUT_FORMAT);
    const int want_oids = ours->oids == snmpio::oid_format::numeric ? NETSNMP_OID_OUTPUT_NUMERIC
                          : ours->oids == snmpio::oid_format::full  ? NETSNMP_OID_OUTPUT_FULL
                          : ours->oids == snmpio::oid_format::suffix ? NETSNMP_OID_OUTPUT_SUFFIX
                          : ours->oids == snmpio::oid_format::module ? NETSNMP_OID_OUTPUT_MODULE
                                                                     : NETSNMP_OID_OUTPUT_UCD;
    EXPECT_EQ(oids, want_oids) << letters;

    // Printing under the letters (OID names stay numeric: MIB support comes later).
    if (round % 20 == 0)
      for (const auto& v : values) expect_same({sys_descr, v}, *ours, "-O" + letters);
  }
}

TEST(NetsnmpFormatInterop, RandomOctetStrings) {
  std::mt19937 rng(7);
  int hex = 0, text = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::size_t len = rng() % 3 == 0 ? rng() % 8 : rng() % 120;
    std::string s(len, '\0');
    const int kind = static_cast<int>(rng() % 4);
    for (auto& c : s) {
      switch (kind) {
        case 0: c = static_cast<char>(rng() % 256); break;                       // anything
        case 1: c = static_cast<char>(0x20 + rng() % 95); break;                 // printable
        case 2: c = static_cast<char>(rng() % 8 == 0 ? 9 + rng() % 5 : 0x20 + rng() % 95); break;
        default: c = static_cast<char>(rng() % 64 == 0 ? rng() % 256 : 'a' + rng() % 26); break;
      }
    }
    const snmpio::value v = snmpio::value::octet_string(s);
    const std::string plain = snmpio::format_value(v);
    (plain.rfind("Hex-STRING", 0) == 0 ? hex : text)++;
    const char* letters = option_sets[rng() % std::size(option_sets)];
    expect_same({sys_descr, v}, opts(letters), "-O" + std::string(letters) + " string #" + std::to_string(round));
    expect_same({sys_descr, v}, {}, "string #" + std::to_string(round));
    if (HasFailure()) break;  // one clear failure rather than thousands
  }
  // Both forms must have been exercised many times.
  EXPECT_GT(hex, 500);
  EXPECT_GT(text, 500);
}

TEST(NetsnmpFormatInterop, RandomNumbersAddressesAndOids) {
  std::mt19937_64 rng(11);
  auto random_oid = [&](std::size_t min_len) {
    snmpio::oid o{static_cast<std::uint32_t>(rng() % 3), static_cast<std::uint32_t>(rng() % 40)};
    const std::size_t n = min_len + rng() % (snmpio::oid::max_subids - 1);
    while (o.size() < std::min<std::size_t>(n, snmpio::oid::max_subids)) {
      const auto pick = rng() % 4;
      o.push_back(pick == 0 ? static_cast<std::uint32_t>(rng()) : pick == 1 ? 4294967295u
                                                                             : static_cast<std::uint32_t>(rng() % 300));
    }
    return o;
  };
  for (int round = 0; round < 2000; ++round) {
    snmpio::value v;
    switch (round % 8) {
      case 0: v = snmpio::value::integer32(static_cast<std::int32_t>(rng())); break;
      case 1: v = snmpio::value::counter32(static_cast<std::uint32_t>(rng())); break;
      case 2: v = snmpio::value::gauge32(static_cast<std::uint32_t>(rng() >> (rng() % 32))); break;
      case 3: v = snmpio::value::time_ticks(static_cast<std::uint32_t>(rng() >> (rng() % 32))); break;
      case 4: v = snmpio::value::counter64(rng() >> (rng() % 64)); break;
      case 5: {
        const auto r = rng();
        v = snmpio::value::ip_address({static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(r >> 8),
                                       static_cast<std::uint8_t>(r >> 16), static_cast<std::uint8_t>(r >> 24)});
        break;
      }
      case 6: v = snmpio::value::object_identifier(random_oid(1)); break;
      default: v = snmpio::value::null(); break;
    }
    const char* letters = option_sets[rng() % std::size(option_sets)];
    expect_same({random_oid(2), v}, opts(letters), "-O" + std::string(letters) + " #" + std::to_string(round));
    if (HasFailure()) break;
  }
}

TEST(NetsnmpFormatInterop, RandomOpaque) {
  // Random Opaque contents, many of them shaped like the extension encodings. Where
  // Net-SNMP's parser accepts the PDU both printers must agree; where it rejects it, we
  // must print plain Opaque hex (never a special form Net-SNMP would not produce).
  std::mt19937 rng(3);
  const unsigned char tags[] = {0x76, 0x78, 0x79, 0x7A, 0x7B, 0x77, 0x7C, 0x04};
  int accepted = 0, rejected = 0, special = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string c;
    if (rng() % 5 == 0) {
      c.resize(rng() % 40);
      for (auto& ch : c) ch = static_cast<char>(rng() % 256);
    } else {
      c.push_back('\x9F');
      c.push_back(static_cast<char>(tags[rng() % std::size(tags)]));
      std::size_t len = rng() % 11;
      if (rng() % 4 == 0) {
        const std::size_t octets = 1 + rng() % 3;
        c.push_back(static_cast<char>(0x80 | octets));
        for (std::size_t i = octets; i-- > 0;) c.push_back(static_cast<char>(i < sizeof len ? len >> (8 * i) : 0));
      } else {
        c.push_back(static_cast<char>(len));
      }
      const std::size_t actual = rng() % 6 == 0 ? rng() % 12 : len;  // sometimes inconsistent
      for (std::size_t i = 0; i < actual; ++i) c.push_back(static_cast<char>(rng() % 4 == 0 ? 0 : rng() % 256));
    }
    const snmpio::varbind vb{sys_descr, snmpio::value::opaque(c)};
    const char* letters = option_sets[rng() % std::size(option_sets)];
    const format_options o = opts(letters);
    const std::string label = "-O" + std::string(letters) + " opaque #" + std::to_string(round) + " " +
                              snmpio::format_value(snmpio::value::octet_string(c), opts("x"));
    if (netsnmp_variable(vb)) {
      ++accepted;
      expect_same(vb, o, label);
      if (snmpio::format_value(vb.value).rfind("Opaque: ", 0) == 0) ++special;
    } else {
      ++rejected;
      const std::string ours = snmpio::format_value(vb.value);
      EXPECT_EQ(ours.rfind("OPAQUE: ", 0), 0u) << label << ": " << ours;
    }
    if (HasFailure()) break;
  }
  EXPECT_GT(accepted, 500);
  EXPECT_GT(rejected, 100);
  EXPECT_GT(special, 300);
}
