// Sample helpers: reading datagrams written as hex.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snmpio::samples {

/// Hex digits with optional white space and ':' separators -> bytes; nullopt when the
/// text holds anything else or an odd number of digits.
std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text);

/// Reads datagrams from a stream. Either one hex datagram per non-empty line, or, when
/// the text contains Net-SNMP's -d dumps ("Sending 43 bytes to ..." followed by
/// "0000: 30 29 ..." rows), the datagrams of those dumps.
std::vector<std::vector<std::uint8_t>> read_datagrams(std::istream& in, std::string& error);

}  // namespace snmpio::samples
