#include "samples/common/hex_input.hpp"

#include <cctype>
#include <regex>
#include <sstream>

namespace snmpio::samples {

std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text) {
  std::vector<std::uint8_t> out;
  int high = -1;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ':') continue;
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else return std::nullopt;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(high << 4 | v));
      high = -1;
    }
  }
  if (high >= 0) return std::nullopt;
  return out;
}

std::vector<std::vector<std::uint8_t>> read_datagrams(std::istream& in, std::string& error) {
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  static const std::regex header(R"(^(Sending|Received) (\d+) bytes?)");
  static const std::regex row(R"(^[0-9]{4}: ((?:[0-9A-Fa-f]{2} {1,2})+))");
  std::vector<std::vector<std::uint8_t>> out;
  bool dump = false;
  for (const auto& l : lines)
    if (std::regex_search(l, header)) dump = true;
  if (dump) {
    std::size_t want = 0;
    bool in_block = false;
    for (const auto& l : lines) {
      std::smatch m;
      if (std::regex_search(l, m, header)) {
        out.emplace_back();
        want = std::stoul(m[2]);
        in_block = true;
      } else if (in_block && std::regex_search(l, m, row)) {
        auto bytes = parse_hex(m[1].str());
        if (bytes) out.back().insert(out.back().end(), bytes->begin(), bytes->end());
        if (out.back().size() >= want) {
          out.back().resize(want);
          in_block = false;
        }
      } else if (in_block && !l.empty()) {
        in_block = false;
      }
    }
    return out;
  }
  std::size_t n = 0;
  for (const auto& l : lines) {
    ++n;
    if (l.find_first_not_of(" \t\r") == std::string::npos || l[l.find_first_not_of(" \t")] == '#') continue;
    auto bytes = parse_hex(l);
    if (!bytes) {
      error = "line " + std::to_string(n) + ": not hex";
      return {};
    }
    out.push_back(std::move(*bytes));
  }
  return out;
}

}  // namespace snmpio::samples
