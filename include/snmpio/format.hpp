// snmpio — printing OIDs, values and varbinds exactly as Net-SNMP's tools print them
// (snmpget, snmpwalk, ... with -On and the -O letters below).
#pragma once

#include <snmpio/export.hpp>
#include <snmpio/oid.hpp>
#include <snmpio/result.hpp>
#include <snmpio/value.hpp>
#include <snmpio/varbind.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace snmpio {

/// How OCTET STRING values are shown (-Oa, -Ox; the last letter given wins).
enum class string_format : std::uint8_t {
  automatic,  ///< STRING: "text" when every octet is printable or white space, else Hex-STRING
  hex,        ///< -Ox: always Hex-STRING
  ascii,      ///< -Oa: always STRING; octets neither printable nor white space become '.'
};

/// How OIDs are named (-On, -Of, -Os, -OS, -Ou). Every style prints numerically until
/// MIB support exists; the choice is recorded so that the tools can pass it on.
enum class oid_format : std::uint8_t { numeric, full, suffix, module, ucd };

/// Net-SNMP's output options (the letters of snmpcmd's -O). The defaults print like
/// `snmpget -On`.
struct format_options {
  bool quick = false;              ///< -Oq: no type prefix, a space instead of " = "
  bool quick_equals = false;       ///< -OQ: with quick, keep " = "
  bool value_only = false;         ///< -Ov: the value alone, without the OID
  bool numeric_timeticks = false;  ///< -Ot: TimeTicks as the bare number of hundredths
  bool hex_text = false;           ///< -OT: hex dumps followed by their text in [brackets]
  string_format strings = string_format::automatic;  ///< -Oa, -Ox
  oid_format oids = oid_format::numeric;             ///< -On -Of -Os -OS -Ou (recorded)
  /// Octets per line of a hex dump (snmp.conf's hexOutputLength); 0: one line.
  std::uint32_t hex_line_octets = 16;

  // Letters that only change the output of names and values described by MIB modules.
  // They are recorded (and toggled like Net-SNMP does) and have no effect yet.
  bool enums_numeric = false;         ///< -Oe
  bool dont_break_indexes = false;    ///< -Ob
  bool escape_index_quotes = false;   ///< -OE
  bool extended_index = false;        ///< -OX
  bool no_units = false;              ///< -OU
  bool hex_leading_zero = false;      ///< -O0

  friend bool operator==(const format_options&, const format_options&) = default;
};

/// Applies the letters that follow snmpcmd's -O (for instance "nq") to `base`, one by one,
/// with Net-SNMP's semantics: q, Q, v, t, T, e, b, E, X, U and 0 toggle (so "qq" is off
/// again; Q toggles both quick and quick_equals), a and x choose the string format, and
/// n, f, s, S, u the OID format. Fails with errc::invalid_argument on any other character
/// (including -Op, which is not supported).
SNMPIO_EXPORT result<format_options> parse_output_options(std::string_view letters,
                                                          const format_options& base = {});

/// Numeric OID with a leading dot, as -On prints it: ".1.3.6.1.2.1.1.1.0". An empty OID
/// prints ".0", as Net-SNMP shows a zero-length OBJECT IDENTIFIER.
SNMPIO_EXPORT std::string format_oid(const oid& o);
SNMPIO_EXPORT void append_oid(std::string& out, const oid& o);

/// The value as Net-SNMP's snprint_value prints it: "STRING: \"x\"", "INTEGER: 5",
/// "Timeticks: (98) 0:00:00.98", ... (value_only has no effect here). The text may
/// contain newlines: strings are printed raw, and hex dumps wrap every
/// `hex_line_octets` octets.
SNMPIO_EXPORT std::string format_value(const value& v, const format_options& opts = {});
SNMPIO_EXPORT void append_value(std::string& out, const value& v, const format_options& opts = {});

/// A whole output line without the trailing newline, as snprint_variable prints it:
/// ".1.3.6.1.2.1.1.1.0 = STRING: \"x\"".
SNMPIO_EXPORT std::string format_varbind(const varbind& vb, const format_options& opts = {});
/// Appends what format_varbind() returns to `out`; reusing one buffer for many lines
/// avoids an allocation per line.
SNMPIO_EXPORT void append_varbind(std::string& out, const varbind& vb,
                                  const format_options& opts = {});

/// One of the special types Net-SNMP sends wrapped in an Opaque (draft-perkins-opaque:
/// 0x9F, a type octet, a BER length, the value).
struct opaque_special {
  enum class kind : std::uint8_t { float32, float64, counter64, int64, uint64 };
  kind type = kind::float32;
  double real = 0;                   ///< float32 and float64
  std::uint64_t unsigned_value = 0;  ///< counter64 and uint64
  std::int64_t signed_value = 0;     ///< int64
};

/// The special value the octets of an Opaque hold, read with Net-SNMP's rules (the
/// ones format_value() prints as "Opaque: Float: ..."), or nothing for a plain Opaque.
SNMPIO_EXPORT std::optional<opaque_special> decode_opaque_special(std::string_view octets) noexcept;

}  // namespace snmpio
