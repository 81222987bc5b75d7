#include "log/log.hpp"

#include <spdlog/spdlog.h>

namespace snmpio::detail {

std::shared_ptr<spdlog::logger> resolve_logger(std::shared_ptr<spdlog::logger> given) {
  if (given) return given;
  if (auto registered = spdlog::get("snmpio")) return registered;
  auto silent = std::make_shared<spdlog::logger>("snmpio");
  silent->set_level(spdlog::level::off);
  return silent;
}

std::string printable(std::string_view s) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (const unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(digits[c >> 4]);
      out.push_back(digits[c & 15]);
    }
  }
  return out;
}

}  // namespace snmpio::detail
