// Sample helpers: the TYPE VALUE pairs of snmpset(1), built with snmpio::value.
#pragma once

#include <snmpio/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace snmpio::samples {

/// The one table of type letters: snmpset takes i u t a o s x d b n U I F D (Net-SNMP
/// 5.9.3's snmpset has no letter for Counter32 or Counter64); snmptrap also takes
/// c (Counter32) and C (Counter64), which snmptrap(1) documents.
inline constexpr std::string_view set_type_letters = "iutaosxdbnUIFD";
inline constexpr std::string_view trap_type_letters = "iutaosxdbnUIFDcC";

/// Builds the value of one `OID TYPE VALUE` triple. On failure `error` holds Net-SNMP's
/// wording, prefixed by `name` (the OID as typed): "NAME: Bad object type: z",
/// "NAME: Value out of range (abc)", "NAME: Bad value notation (6)".
/// `letters`: the letters this tool takes (set_type_letters or trap_type_letters).
std::optional<value> parse_set_value(std::string_view name, std::string_view type, std::string_view text,
                                     std::string& error, std::string_view letters = set_type_letters);

}  // namespace snmpio::samples
