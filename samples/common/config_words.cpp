#include "samples/common/config_words.hpp"

#include <cctype>

namespace snmpio::samples {

bool split_config_words(std::string_view line, std::vector<std::string>& words, std::string& error) {
  words.clear();
  auto blank = [&](std::size_t i) { return std::isspace(static_cast<unsigned char>(line[i])) != 0; };
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && blank(i)) ++i;
    if (i >= line.size() || line[i] == '#') return true;
    std::string w;
    if (line[i] == '"' || line[i] == '\'') {
      const char quote = line[i++];
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '\\' && i + 1 < line.size()) {
          w += line[i + 1];
          i += 2;
        } else if (line[i] == quote) {
          ++i;
          closed = true;
          break;
        } else {
          w += line[i++];
        }
      }
      if (!closed) {
        error = std::string("unterminated quoted string (no closing ") + quote + ")";
        return false;
      }
    } else {
      while (i < line.size() && !blank(i)) {
        if (line[i] == '\\' && i + 1 < line.size()) {
          w += line[i + 1];
          i += 2;
        } else {
          w += line[i++];
        }
      }
    }
    words.push_back(std::move(w));
  }
}

}  // namespace snmpio::samples
