// snmpio::endpoint: parsing, printing and hashing.
#include <snmpio/endpoint.hpp>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <ostream>

namespace snmpio {
namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

bool parse_port(std::string_view s, std::uint16_t& port) {
  if (s.empty() || s.size() > 5) return false;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  if (v > 65535) return false;
  port = static_cast<std::uint16_t>(v);
  return true;
}

bool parse_v4(std::string_view s, endpoint::bytes_v4& out) {
  // inet_pton(AF_INET) accepts exactly four dotted decimal parts, nothing else.
  char buf[INET_ADDRSTRLEN];
  if (s.empty() || s.size() >= sizeof buf) return false;
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  return inet_pton(AF_INET, buf, out.data()) == 1;
}

bool parse_v6(std::string_view s, endpoint::bytes_v6& out, std::uint32_t& scope) {
  scope = 0;
  std::size_t pct = s.find('%');
  std::string_view addr = s.substr(0, pct);
  char buf[INET6_ADDRSTRLEN + 1];
  if (addr.empty() || addr.size() >= sizeof buf) return false;
  std::memcpy(buf, addr.data(), addr.size());
  buf[addr.size()] = '\0';
  if (inet_pton(AF_INET6, buf, out.data()) != 1) return false;
  if (pct == std::string_view::npos) return true;
  std::string_view sc = s.substr(pct + 1);
  if (sc.empty() || sc.size() >= IF_NAMESIZE) return false;
  if (std::all_of(sc.begin(), sc.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    auto [p, ec] = std::from_chars(sc.data(), sc.data() + sc.size(), scope);
    return ec == std::errc{} && p == sc.data() + sc.size();
  }
  char name[IF_NAMESIZE];
  std::memcpy(name, sc.data(), sc.size());
  name[sc.size()] = '\0';
  scope = if_nametoindex(name);
  return scope != 0;
}

}  // namespace

result<endpoint> endpoint::parse(std::string_view text, std::uint16_t default_port) {
  enum class want { any, v4, v6 } w = want::any;
  for (std::string_view p : {"udp6:", "udpv6:", "udpipv6:"}) {
    if (starts_with_nocase(text, p)) {
      text.remove_prefix(p.size());
      w = want::v6;
      break;
    }
  }
  if (w == want::any && starts_with_nocase(text, "udp:")) {
    text.remove_prefix(4);
    w = want::v4;
  }
  std::uint16_t port = default_port;
  if (!text.empty() && text.front() == '[') {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos) return errc::invalid_argument;
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !parse_port(rest.substr(1), port)))
      return errc::invalid_argument;
    bytes_v6 a;
    std::uint32_t scope;
    if (w == want::v4 || !parse_v6(text.substr(1, close - 1), a, scope))
      return errc::invalid_argument;
    return v6(a, port, scope);
  }
  std::size_t colons = static_cast<std::size_t>(std::count(text.begin(), text.end(), ':'));
  if (colons >= 2) {  // a bare IPv6 address, no port
    bytes_v6 a;
    std::uint32_t scope;
    if (w == want::v4 || !parse_v6(text, a, scope)) return errc::invalid_argument;
    return v6(a, port, scope);
  }
  std::string_view host = text;
  if (colons == 1) {
    std::size_t c = text.find(':');
    host = text.substr(0, c);
    if (!parse_port(text.substr(c + 1), port)) return errc::invalid_argument;
  }
  bytes_v4 a;
  if (w == want::v6 || !parse_v4(host, a)) return errc::invalid_argument;
  return v4(a, port);
}

bool endpoint::is_loopback() const noexcept {
  if (is_v4()) return addr_[0] == 127;
  if (is_v6()) return *this == loopback_v6(port_) || (is_v4_mapped() && addr_[12] == 127);
  return false;
}

bool endpoint::is_unspecified() const noexcept {
  if (empty()) return false;
  return std::all_of(addr_.begin(), addr_.begin() + (is_v4() ? 4 : 16),
                     [](std::uint8_t b) { return b == 0; });
}

bool endpoint::is_v4_mapped() const noexcept {
  if (!is_v6()) return false;
  for (int i = 0; i < 10; ++i)
    if (addr_[i] != 0) return false;
  return addr_[10] == 0xff && addr_[11] == 0xff;
}

endpoint endpoint::unmapped() const noexcept {
  if (!is_v4_mapped()) return *this;
  return v4({addr_[12], addr_[13], addr_[14], addr_[15]}, port_);
}

endpoint endpoint::v4_mapped() const noexcept {
  if (!is_v4()) return *this;
  bytes_v6 a{};
  a[10] = a[11] = 0xff;
  std::copy(addr_.begin(), addr_.begin() + 4, a.begin() + 12);
  return v6(a, port_);
}

std::string endpoint::address_string() const {
  char buf[INET6_ADDRSTRLEN + 16];
  if (is_v4()) {
    inet_ntop(AF_INET, addr_.data(), buf, sizeof buf);
    return buf;
  }
  if (is_v6()) {
    inet_ntop(AF_INET6, addr_.data(), buf, sizeof buf);
    std::string s = buf;
    if (scope_id_ != 0) s += '%' + std::to_string(scope_id_);
    return s;
  }
  return {};
}

std::string endpoint::to_string() const {
  if (is_v4()) return address_string() + ':' + std::to_string(port_);
  if (is_v6()) return '[' + address_string() + "]:" + std::to_string(port_);
  return {};
}

std::string endpoint::to_netsnmp_string() const {
  if (is_v4()) return "udp:" + to_string();
  if (is_v6()) return "udp6:" + to_string();
  return {};
}

std::size_t endpoint::hash() const noexcept {
  // FNV-1a over the significant bytes; cheap and well spread for map keys.
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::uint8_t b) {
    h ^= b;
    h *= 1099511628211ull;
  };
  mix(static_cast<std::uint8_t>(family_));
  for (std::uint8_t b : address_bytes()) mix(b);
  mix(static_cast<std::uint8_t>(port_ >> 8));
  mix(static_cast<std::uint8_t>(port_));
  for (int i = 0; i < 4; ++i) mix(static_cast<std::uint8_t>(scope_id_ >> (8 * i)));
  return static_cast<std::size_t>(h ^ (h >> 32));
}

std::ostream& operator<<(std::ostream& os, const endpoint& e) { return os << e.to_string(); }

}  // namespace snmpio
