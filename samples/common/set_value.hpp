// Sample helpers: the TYPE VALUE pairs of snmpset(1), built with snmpio::value.
#pragma once

#include <snmpio/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace snmpio::samples {

/// The type letters snmpset takes: i u t a o s x d b n U I F D. (Net-SNMP 5.9.3 has no
/// letter for Counter32 or Counter64.)
inline constexpr std::string_view set_type_letters = "iutaosxdbnUIFD";

/// Builds the value of one `OID TYPE VALUE` triple. On failure `error` holds Net-SNMP's
/// wording, prefixed by `name` (the OID as typed): "NAME: Bad object type: z",
/// "NAME: Value out of range (abc)", "NAME: Bad value notation (6)".
std::optional<value> parse_set_value(std::string_view name, std::string_view type, std::string_view text,
                                     std::string& error);

}  // namespace snmpio::samples
