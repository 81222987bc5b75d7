// snmpio — endpoint: an IPv4 or IPv6 address with a UDP port, as a plain value.
//
// Hashable, totally ordered and printable ("127.0.0.1:161", "[::1]:161", or in
// Net-SNMP's spelling "udp:127.0.0.1:161", "udp6:[::1]:161"). parse() accepts numeric
// addresses only; host names are resolved without blocking by reactor::resolve().
#pragma once

#include <snmpio/export.hpp>
#include <snmpio/result.hpp>

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

namespace snmpio {

enum class address_family : std::uint8_t { none = 0, ipv4 = 4, ipv6 = 6 };

class SNMPIO_EXPORT endpoint {
 public:
  using bytes_v4 = std::array<std::uint8_t, 4>;
  using bytes_v6 = std::array<std::uint8_t, 16>;

  /// An empty endpoint: family() is address_family::none.
  constexpr endpoint() noexcept = default;

  static constexpr endpoint v4(const bytes_v4& addr, std::uint16_t port) noexcept {
    endpoint e;
    e.family_ = address_family::ipv4;
    for (std::size_t i = 0; i < 4; ++i) e.addr_[i] = addr[i];
    e.port_ = port;
    return e;
  }
  static constexpr endpoint v6(const bytes_v6& addr, std::uint16_t port,
                               std::uint32_t scope_id = 0) noexcept {
    endpoint e;
    e.family_ = address_family::ipv6;
    e.addr_ = addr;
    e.port_ = port;
    e.scope_id_ = scope_id;
    return e;
  }
  static constexpr endpoint any_v4(std::uint16_t port = 0) noexcept { return v4({}, port); }
  static constexpr endpoint any_v6(std::uint16_t port = 0) noexcept { return v6({}, port); }
  static constexpr endpoint loopback_v4(std::uint16_t port = 0) noexcept {
    return v4({127, 0, 0, 1}, port);
  }
  static constexpr endpoint loopback_v6(std::uint16_t port = 0) noexcept {
    return v6({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, port);
  }

  /// Parses "A.B.C.D[:PORT]", "[V6[%SCOPE]][:PORT]" or a bare IPv6 address, with an
  /// optional Net-SNMP transport prefix: "udp:" (IPv4 only) or "udp6:", "udpv6:",
  /// "udpipv6:" (IPv6 only), case-insensitive. Without a port, `default_port` is used.
  /// SCOPE is a number or an interface name. Fails with errc::invalid_argument.
  static result<endpoint> parse(std::string_view text, std::uint16_t default_port = 0);

  constexpr address_family family() const noexcept { return family_; }
  constexpr bool empty() const noexcept { return family_ == address_family::none; }
  constexpr bool is_v4() const noexcept { return family_ == address_family::ipv4; }
  constexpr bool is_v6() const noexcept { return family_ == address_family::ipv6; }
  constexpr std::uint16_t port() const noexcept { return port_; }
  constexpr std::uint32_t scope_id() const noexcept { return scope_id_; }
  /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6, 0 when empty.
  std::span<const std::uint8_t> address_bytes() const noexcept {
    return {addr_.data(), is_v4() ? 4u : is_v6() ? 16u : 0u};
  }

  constexpr endpoint with_port(std::uint16_t port) const noexcept {
    endpoint e = *this;
    e.port_ = port;
    return e;
  }

  bool is_loopback() const noexcept;
  bool is_unspecified() const noexcept;
  /// True for an IPv6 address of the form ::ffff:A.B.C.D.
  bool is_v4_mapped() const noexcept;
  /// ::ffff:A.B.C.D -> A.B.C.D (same port); any other endpoint unchanged.
  endpoint unmapped() const noexcept;
  /// A.B.C.D -> ::ffff:A.B.C.D (same port); any other endpoint unchanged.
  endpoint v4_mapped() const noexcept;

  /// "127.0.0.1", "::1", "fe80::1%2"; "" when empty.
  std::string address_string() const;
  /// "127.0.0.1:161", "[::1]:161"; "" when empty.
  std::string to_string() const;
  /// Net-SNMP's spelling: "udp:127.0.0.1:161", "udp6:[::1]:161"; "" when empty.
  std::string to_netsnmp_string() const;

  std::size_t hash() const noexcept;

  friend constexpr bool operator==(const endpoint&, const endpoint&) noexcept = default;
  friend constexpr std::strong_ordering operator<=>(const endpoint&,
                                                    const endpoint&) noexcept = default;

 private:
  // Order matters: the defaulted comparison sorts by family, address, port, scope.
  address_family family_ = address_family::none;
  bytes_v6 addr_{};
  std::uint16_t port_ = 0;
  std::uint32_t scope_id_ = 0;
};

/// Writes to_string().
SNMPIO_EXPORT std::ostream& operator<<(std::ostream& os, const endpoint& e);

}  // namespace snmpio

template <>
struct std::hash<snmpio::endpoint> {
  std::size_t operator()(const snmpio::endpoint& e) const noexcept { return e.hash(); }
};
