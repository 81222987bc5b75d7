#include "samples/common/set_value.hpp"

#include "samples/common/snmpcmd_options.hpp"

#include <arpa/inet.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace snmpio::samples {

namespace {

bool all_space(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t') return false;
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// strtol/strtoul with the whole text consumed; nullopt otherwise.
std::optional<long long> to_signed(std::string_view text) {
  std::string s(text);
  if (s.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno || *end) return std::nullopt;
  return v;
}

std::optional<unsigned long long> to_unsigned(std::string_view text) {
  std::string s(text);
  std::size_t p = s.find_first_not_of(" \t");
  if (p == std::string::npos || s[p] == '-') return std::nullopt;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (errno || *end) return std::nullopt;
  return v;
}

// Opaque-wrapped special types (Net-SNMP's OPAQUE_SPECIAL_TYPES): 0x9F, a type octet,
// a length and the content.
std::string opaque_wrapped(std::uint8_t type, const std::string& content) {
  std::string out;
  out.push_back(static_cast<char>(0x9F));
  out.push_back(static_cast<char>(type));
  out.push_back(static_cast<char>(content.size()));
  out += content;
  return out;
}

std::string minimal_unsigned(std::uint64_t v) {
  std::string b;
  do {
    b.insert(b.begin(), static_cast<char>(v & 0xFF));
    v >>= 8;
  } while (v);
  if (static_cast<std::uint8_t>(b[0]) & 0x80) b.insert(b.begin(), '\0');
  return b;
}

std::string minimal_signed(std::int64_t v) {
  std::string b;
  auto u = static_cast<std::uint64_t>(v);
  for (int i = 7; i >= 0; --i) b.push_back(static_cast<char>((u >> (8 * i)) & 0xFF));
  std::size_t skip = 0;
  while (skip < 7) {
    auto first = static_cast<std::uint8_t>(b[skip]);
    auto next = static_cast<std::uint8_t>(b[skip + 1]);
    if ((first == 0x00 && !(next & 0x80)) || (first == 0xFF && (next & 0x80))) ++skip;
    else break;
  }
  return b.substr(skip);
}

template <class T>
std::string big_endian(T v) {
  unsigned char raw[sizeof(T)];
  std::memcpy(raw, &v, sizeof(T));
  std::string b;
  for (std::size_t i = 0; i < sizeof(T); ++i) b.push_back(static_cast<char>(raw[sizeof(T) - 1 - i]));
  return b;  // little-endian hosts; the byte order check below keeps big-endian ones right
}

bool host_little_endian() {
  const std::uint16_t one = 1;
  unsigned char b;
  std::memcpy(&b, &one, 1);
  return b == 1;
}

template <class T>
std::string network_order(T v) {
  if (host_little_endian()) return big_endian(v);
  std::string b(sizeof(T), '\0');
  std::memcpy(b.data(), &v, sizeof(T));
  return b;
}

}  // namespace

std::optional<value> parse_set_value(std::string_view name, std::string_view type, std::string_view text,
                                     std::string& error, std::string_view letters) {
  const std::string prefix = std::string(name) + ": ";
  const std::string shown(text);
  auto out_of_range = [&] {
    error = prefix + "Value out of range (" + shown + ")";
    return std::nullopt;
  };
  auto bad_notation = [&] {
    error = prefix + "Bad value notation (" + shown + ")";
    return std::nullopt;
  };
  if (type.size() != 1 || letters.find(type[0]) == std::string_view::npos) {
    error = prefix + "Bad object type: " + std::string(type.substr(0, 1));
    return std::nullopt;
  }
  switch (type[0]) {
    case 'i': {
      if (all_space(text)) return bad_notation();
      auto v = to_signed(text);
      if (!v || *v < INT32_MIN || *v > INT32_MAX) return out_of_range();
      return value::integer32(static_cast<std::int32_t>(*v));
    }
    case 'c': {
      // Counter32 (snmptrap): decimal digits only; beyond 2^32-1 is an error (snmptrap
      // silently wraps).
      if (!all_digits(text)) return bad_notation();
      auto v = to_unsigned(text);
      if (!v || *v > UINT32_MAX) return out_of_range();
      return value::counter32(static_cast<std::uint32_t>(*v));
    }
    case 'C': {
      if (!all_digits(text)) return bad_notation();
      auto v = to_unsigned(text);
      if (!v) return out_of_range();
      return value::counter64(*v);
    }
    case 'u':
    case 't': {
      auto v = to_unsigned(text);
      if (!v || *v > UINT32_MAX) return bad_notation();
      return type[0] == 'u' ? value::unsigned32(static_cast<std::uint32_t>(*v))
                            : value::time_ticks(static_cast<std::uint32_t>(*v));
    }
    case 'a': {
      in_addr a{};
      if (text.empty() || ::inet_aton(shown.c_str(), &a) == 0) return bad_notation();
      std::array<std::uint8_t, 4> bytes;
      std::memcpy(bytes.data(), &a.s_addr, 4);
      return value::ip_address(bytes);
    }
    case 'o': {
      std::string oid_error;
      auto o = parse_oid_arg(text, oid_error);
      if (!o) {
        error = prefix + oid_error.substr(text.size() + 2);
        return std::nullopt;
      }
      return value::object_identifier(*o);
    }
    case 's':
      return value::octet_string(text);
    case 'x': {
      std::string_view t = text;
      if (t.size() >= 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) t.remove_prefix(2);
      std::string bytes;
      int high = -1;
      for (char c : t) {
        if (c == ' ' || c == '\t') continue;
        int v;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
        else return bad_notation();
        if (high < 0) {
          high = v;
        } else {
          bytes.push_back(static_cast<char>(high << 4 | v));
          high = -1;
        }
      }
      if (high >= 0) return bad_notation();
      return value::octet_string(std::move(bytes));
    }
    case 'd': {
      std::string bytes;
      std::size_t i = 0;
      while (i < text.size()) {
        if (text[i] == '.' || text[i] == ' ') {
          ++i;
          continue;
        }
        std::size_t j = i;
        unsigned v = 0;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9' && j - i < 4) v = v * 10 + unsigned(text[j++] - '0');
        if (j == i || v > 255 || (j < text.size() && text[j] != '.' && text[j] != ' ')) return bad_notation();
        bytes.push_back(static_cast<char>(v));
        i = j;
      }
      return value::octet_string(std::move(bytes));
    }
    case 'b': {
      std::vector<std::uint8_t> bits;
      std::size_t i = 0;
      while (i < text.size()) {
        if (text[i] == ',' || text[i] == ' ' || text[i] == '\t') {
          ++i;
          continue;
        }
        std::size_t j = i;
        unsigned long v = 0;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9' && j - i < 6) v = v * 10 + unsigned(text[j++] - '0');
        if (j == i || (j < text.size() && text[j] != ',' && text[j] != ' ' && text[j] != '\t')) return out_of_range();
        if (bits.size() <= v / 8) bits.resize(v / 8 + 1, 0);
        bits[v / 8] |= static_cast<std::uint8_t>(0x80u >> (v % 8));
        i = j;
      }
      return value::octet_string(std::string(bits.begin(), bits.end()));
    }
    case 'n':
      return value::null();
    case 'U': {
      auto v = to_unsigned(text);
      if (!v) return bad_notation();
      return value::opaque(opaque_wrapped(0x7B, minimal_unsigned(*v)));
    }
    case 'I': {
      auto v = to_signed(text);
      if (!v) return bad_notation();
      return value::opaque(opaque_wrapped(0x7A, minimal_signed(*v)));
    }
    case 'F':
    case 'D': {
      std::string s(text);
      errno = 0;
      char* end = nullptr;
      double d = std::strtod(s.c_str(), &end);
      if (s.empty() || *end || errno) return bad_notation();
      if (type[0] == 'F') return value::opaque(opaque_wrapped(0x78, network_order(static_cast<float>(d))));
      return value::opaque(opaque_wrapped(0x79, network_order(d)));
    }
  }
  return bad_notation();
}

}  // namespace snmpio::samples
