// Net-SNMP compatible printing of OIDs, values and varbinds. The expected forms were
// learned from Net-SNMP 5.9's output and are pinned by tests/unit/format_test.cpp and,
// against the real library, by tests/interop/netsnmp_format_interop_test.cpp.
#include <snmpio/format.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace snmpio {
namespace {

constexpr char hex_digits[] = "0123456789ABCDEF";

// Net-SNMP decides with the C locale's isprint() || isspace(): 0x20..0x7E and 0x09..0x0D.
constexpr bool printable_or_space(unsigned char c) noexcept {
  return (c >= 0x20 && c <= 0x7E) || (c >= 0x09 && c <= 0x0D);
}

template <class Int>
void append_decimal(std::string& out, Int v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// Zero-padded to two digits (minutes, seconds, hundredths).
void append_two_digits(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

bool all_printable(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return printable_or_space(static_cast<unsigned char>(c)); });
}

// "XX XX ...", a space after every octet, a newline between lines of `hex_line_octets`;
// with -OT each line is followed by "  [text]".
void append_hex_dump(std::string& out, std::string_view bytes, const format_options& o) {
  const std::size_t n = bytes.size();
  const std::size_t line = o.hex_line_octets ? o.hex_line_octets : std::max<std::size_t>(n, 1);
  out.reserve(out.size() + n * (o.hex_text ? 4 : 3) + n / line * (o.hex_text ? 4 : 1) + 4);
  // At least one line, even for no octets: an empty Opaque shows "  []" under -OT.
  for (std::size_t pos = 0; pos < n || pos == 0; pos += line) {
    const std::size_t end = std::min(n, pos + line);
    for (std::size_t i = pos; i < end; ++i) {
      const auto c = static_cast<unsigned char>(bytes[i]);
      const char hex[3] = {hex_digits[c >> 4], hex_digits[c & 15], ' '};
      out.append(hex, 3);
    }
    if (o.hex_text) {
      out.append("  [", 3);
      for (std::size_t i = pos; i < end; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        out.push_back(printable_or_space(c) ? static_cast<char>(c) : '.');
      }
      out.push_back(']');
    }
    if (end < n) out.push_back('\n');
  }
}

void append_octet_string(std::string& out, std::string_view s, const format_options& o) {
  if (s.empty()) {
    out.append("\"\"", 2);  // no type prefix, whatever the options
    return;
  }
  bool as_hex = o.strings == string_format::hex ||
                (o.strings == string_format::automatic && !all_printable(s));
  if (as_hex) {
    if (o.quick) {
      out.push_back('"');
      append_hex_dump(out, s, o);
      out.push_back('"');
    } else {
      out.append("Hex-STRING: ");
      append_hex_dump(out, s, o);
    }
    return;
  }
  if (!o.quick) out.append("STRING: ");
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') out.push_back('\\');
    out.push_back(printable_or_space(c) ? ch : '.');  // only -Oa reaches the '.'
  }
  out.push_back('"');
}

void append_time_ticks(std::string& out, std::uint32_t ticks, const format_options& o) {
  if (o.numeric_timeticks) {
    append_decimal(out, ticks);
    return;
  }
  const std::uint32_t hundredths = ticks % 100;
  std::uint32_t secs = ticks / 100;
  const std::uint32_t days = secs / 86400;
  secs %= 86400;
  const std::uint32_t hours = secs / 3600;
  const std::uint32_t minutes = secs / 60 % 60;
  secs %= 60;
  if (o.quick) {
    append_decimal(out, days);
    out.push_back(':');
  } else {
    out.append("Timeticks: (");
    append_decimal(out, ticks);
    out.append(") ");
    if (days == 1) {
      out.append("1 day, ");
    } else if (days > 1) {
      append_decimal(out, days);
      out.append(" days, ");
    }
  }
  append_decimal(out, hours);
  out.push_back(':');
  append_two_digits(out, minutes);
  out.push_back(':');
  append_two_digits(out, secs);
  out.push_back('.');
  append_two_digits(out, hundredths);
}

// --- Opaque ------------------------------------------------------------------------
// Net-SNMP (built with opaque special types, as Debian's is) unwraps an Opaque whose
// contents are the extension encodings of draft-perkins-opaque: 0x9F then one of the
// tags below, a BER length and the value. It prints those as "Opaque: Float: ..." etc.
// Contents it cannot unwrap make its parser reject the whole PDU; we print them as
// plain Opaque hex, as we do for every other Opaque.

enum : unsigned char {
  opaque_tag1 = 0x9F,
  opaque_counter64 = 0x76,
  opaque_float = 0x78,
  opaque_double = 0x79,
  opaque_int64 = 0x7A,
  opaque_uint64 = 0x7B,
};

// The extension value's length and where its contents start, when the whole Opaque is
// exactly one such value.
bool opaque_inner(std::string_view c, bool long_form_ok, std::size_t& start, std::size_t& len) {
  const auto first = static_cast<unsigned char>(c[2]);
  if (first < 0x80) {
    start = 3;
    len = first;
  } else {
    const std::size_t octets = first & 0x7F;
    if (!long_form_ok || octets == 0 || octets > 8 || c.size() < 3 + octets) return false;
    std::uint64_t l = 0;
    for (std::size_t i = 0; i < octets; ++i) l = l << 8 | static_cast<unsigned char>(c[3 + i]);
    if (l > c.size()) return false;
    start = 3 + octets;
    len = static_cast<std::size_t>(l);
  }
  return c.size() - start == len;
}

void append_fixed(std::string& out, double d) {
  // printf's "%f" into a 128-octet buffer, as Net-SNMP does: longer numbers (above ~1e120)
  // are cut to 127 characters.
  char buf[400];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed, 6);
  std::size_t n = static_cast<std::size_t>(r.ptr - buf);
  out.append(buf, std::min<std::size_t>(n, 127));
}

// Appends the special form and returns true, or returns false for plain Opaque.
bool append_opaque_special(std::string& out, std::string_view c, const format_options& o) {
  const auto s = decode_opaque_special(c);
  if (!s) return false;
  using k = opaque_special::kind;
  switch (s->type) {
    case k::float32:
    case k::float64:
      if (!o.quick) out.append("Opaque: Float: ");  // Net-SNMP says Float for doubles too
      append_fixed(out, s->real);
      break;
    case k::int64:
      if (!o.quick) out.append("Opaque: Int64: ");
      append_decimal(out, s->signed_value);
      break;
    case k::counter64:
    case k::uint64:
      if (!o.quick) out.append(s->type == k::counter64 ? "Opaque: Counter64: " : "Opaque: UInt64: ");
      append_decimal(out, s->unsigned_value);
      break;
  }
  return true;
}

void append_opaque(std::string& out, std::string_view c, const format_options& o) {
  if (append_opaque_special(out, c, o)) return;
  if (!o.quick) out.append("OPAQUE: ");
  append_hex_dump(out, c, o);
}

}  // namespace

std::optional<opaque_special> decode_opaque_special(std::string_view c) noexcept {
  if (c.size() < 3 || static_cast<unsigned char>(c[0]) != opaque_tag1) return std::nullopt;
  const auto tag = static_cast<unsigned char>(c[1]);
  std::size_t start = 0, len = 0;
  opaque_special out;
  switch (tag) {
    case opaque_float:
    case opaque_double: {
      const std::size_t want = tag == opaque_float ? 4 : 8;
      if (!opaque_inner(c, false, start, len) || len != want) return std::nullopt;
      std::uint64_t bits = 0;
      for (std::size_t i = 0; i < len; ++i) bits = bits << 8 | static_cast<unsigned char>(c[start + i]);
      if (tag == opaque_float) {
        float f;
        const auto b32 = static_cast<std::uint32_t>(bits);
        std::memcpy(&f, &b32, sizeof f);
        out.type = opaque_special::kind::float32;
        out.real = f;
      } else {
        std::memcpy(&out.real, &bits, sizeof out.real);
        out.type = opaque_special::kind::float64;
      }
      return out;
    }
    case opaque_counter64:
    case opaque_int64:
    case opaque_uint64: {
      // Net-SNMP also refuses these when the whole Opaque is longer than 12 octets (the
      // longest short-form encoding), which rules out some long-form lengths.
      if (c.size() > 12 || !opaque_inner(c, true, start, len) || len > 9) return std::nullopt;
      if (len == 9 && c[start] != 0) return std::nullopt;
      std::uint64_t v = 0;
      if (tag == opaque_int64 && len > 0 && static_cast<unsigned char>(c[start]) >= 0x80) v = ~0ull;
      for (std::size_t i = 0; i < len; ++i) v = v << 8 | static_cast<unsigned char>(c[start + i]);
      out.type = tag == opaque_int64 ? opaque_special::kind::int64
                 : tag == opaque_counter64 ? opaque_special::kind::counter64
                                           : opaque_special::kind::uint64;
      out.unsigned_value = v;
      out.signed_value = static_cast<std::int64_t>(v);
      return out;
    }
    default:
      return std::nullopt;
  }
}

result<format_options> parse_output_options(std::string_view letters, const format_options& base) {
  format_options o = base;
  for (char c : letters) {
    switch (c) {
      case 'q': o.quick = !o.quick; break;
      case 'Q':  // as Net-SNMP: sets quick_equals but toggles quick ("QQ" prints normally)
        o.quick_equals = true;
        o.quick = !o.quick;
        break;
      case 'v': o.value_only = !o.value_only; break;
      case 't': o.numeric_timeticks = !o.numeric_timeticks; break;
      case 'T': o.hex_text = !o.hex_text; break;
      case 'a': o.strings = string_format::ascii; break;
      case 'x': o.strings = string_format::hex; break;
      case 'n': o.oids = oid_format::numeric; break;
      case 'f': o.oids = oid_format::full; break;
      case 's': o.oids = oid_format::suffix; break;
      case 'S': o.oids = oid_format::module; break;
      case 'u': o.oids = oid_format::ucd; break;
      case 'e': o.enums_numeric = !o.enums_numeric; break;
      case 'b': o.dont_break_indexes = !o.dont_break_indexes; break;
      case 'E': o.escape_index_quotes = !o.escape_index_quotes; break;
      case 'X': o.extended_index = !o.extended_index; break;
      case 'U': o.no_units = !o.no_units; break;
      case '0': o.hex_leading_zero = !o.hex_leading_zero; break;
      default: return errc::invalid_argument;
    }
  }
  return o;
}

void append_oid(std::string& out, const oid& o) {
  if (o.empty()) {
    out.append(".0", 2);
    return;
  }
  out.reserve(out.size() + o.size() * 4);
  char buf[11];
  buf[0] = '.';
  for (std::uint32_t arc : o) {
    auto r = std::to_chars(buf + 1, buf + sizeof buf, arc);
    out.append(buf, r.ptr);
  }
}

std::string format_oid(const oid& o) {
  std::string s;
  append_oid(s, o);
  return s;
}

void append_value(std::string& out, const value& v, const format_options& o) {
  switch (v.type()) {
    case value_type::integer32:
      if (!o.quick) out.append("INTEGER: ");
      append_decimal(out, v.as_int32());
      return;
    case value_type::octet_string:
      append_octet_string(out, v.as_octets(), o);
      return;
    case value_type::null:
      out.append("NULL");
      return;
    case value_type::object_identifier:
      if (!o.quick) out.append("OID: ");
      append_oid(out, v.as_oid());
      return;
    case value_type::ip_address: {
      if (!o.quick) out.append("IpAddress: ");
      const auto a = v.as_ip_address();
      for (std::size_t i = 0; i < 4; ++i) {
        if (i) out.push_back('.');
        append_decimal(out, static_cast<unsigned>(a[i]));
      }
      return;
    }
    case value_type::counter32:
      if (!o.quick) out.append("Counter32: ");
      append_decimal(out, v.as_uint32());
      return;
    case value_type::gauge32:
      if (!o.quick) out.append("Gauge32: ");
      append_decimal(out, v.as_uint32());
      return;
    case value_type::time_ticks:
      append_time_ticks(out, v.as_uint32(), o);
      return;
    case value_type::opaque:
      append_opaque(out, v.as_octets(), o);
      return;
    case value_type::counter64:
      if (!o.quick) out.append("Counter64: ");
      append_decimal(out, v.as_uint64());
      return;
    case value_type::no_such_object:
      out.append("No Such Object available on this agent at this OID");
      return;
    case value_type::no_such_instance:
      out.append("No Such Instance currently exists at this OID");
      return;
    case value_type::end_of_mib_view:
      out.append("No more variables left in this MIB View (It is past the end of the MIB tree)");
      return;
  }
}

std::string format_value(const value& v, const format_options& o) {
  std::string s;
  append_value(s, v, o);
  return s;
}

void append_varbind(std::string& out, const varbind& vb, const format_options& o) {
  if (!o.value_only) {
    append_oid(out, vb.name);
    if (o.quick && !o.quick_equals)
      out.push_back(' ');
    else
      out.append(" = ", 3);
  }
  append_value(out, vb.value, o);
}

std::string format_varbind(const varbind& vb, const format_options& o) {
  std::string s;
  append_varbind(s, vb, o);
  return s;
}

}  // namespace snmpio
