// snmpio — the values an SNMP varbind carries (RFC 2578 SMI types, RFC 3416 exceptions).
#pragma once

#include <snmpio/export.hpp>
#include <snmpio/oid.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace snmpio {

namespace detail {
struct value_access;  // lets the decoder refill a value in place, reusing its storage
}

/// The type of a value; each enumerator is the value's BER tag.
enum class value_type : std::uint8_t {
  integer32 = 0x02,          ///< INTEGER / Integer32
  octet_string = 0x04,       ///< OCTET STRING
  null = 0x05,               ///< NULL (the value of a request varbind)
  object_identifier = 0x06,  ///< OBJECT IDENTIFIER
  ip_address = 0x40,         ///< IpAddress, exactly 4 octets
  counter32 = 0x41,          ///< Counter32
  gauge32 = 0x42,            ///< Gauge32, also Unsigned32
  time_ticks = 0x43,         ///< TimeTicks (hundredths of a second)
  opaque = 0x44,             ///< Opaque (arbitrary BER-encoded octets)
  counter64 = 0x46,          ///< Counter64
  no_such_object = 0x80,     ///< exception: noSuchObject
  no_such_instance = 0x81,   ///< exception: noSuchInstance
  end_of_mib_view = 0x82,    ///< exception: endOfMibView
};

/// The SMI name of a type: "INTEGER", "OCTET STRING", "Counter64", "noSuchObject", ...
SNMPIO_EXPORT const char* to_string(value_type t) noexcept;

/// One SNMP value. Default-constructed, it is NULL. Values are built with the named
/// factories and read with the as_*() accessors; an accessor called on a value of
/// another type throws std::bad_variant_access.
class SNMPIO_EXPORT value {
 public:
  value() noexcept : type_(value_type::null) {}

  static value integer32(std::int32_t v) { return value(value_type::integer32, v); }
  static value octet_string(std::string_view octets) {
    return value(value_type::octet_string, std::string(octets));
  }
  static value octet_string(std::string&& octets) {
    return value(value_type::octet_string, std::move(octets));
  }
  static value octet_string(const char* text) { return octet_string(std::string_view(text)); }
  static value null() noexcept { return value(); }
  static value object_identifier(oid v) { return value(value_type::object_identifier, std::move(v)); }
  static value ip_address(std::array<std::uint8_t, 4> a) { return value(value_type::ip_address, a); }
  static value counter32(std::uint32_t v) { return value(value_type::counter32, v); }
  static value gauge32(std::uint32_t v) { return value(value_type::gauge32, v); }
  static value unsigned32(std::uint32_t v) { return value(value_type::gauge32, v); }
  static value time_ticks(std::uint32_t v) { return value(value_type::time_ticks, v); }
  static value opaque(std::string_view octets) { return value(value_type::opaque, std::string(octets)); }
  static value counter64(std::uint64_t v) { return value(value_type::counter64, v); }
  static value no_such_object() noexcept { return exception(value_type::no_such_object); }
  static value no_such_instance() noexcept { return exception(value_type::no_such_instance); }
  static value end_of_mib_view() noexcept { return exception(value_type::end_of_mib_view); }

  value_type type() const noexcept { return type_; }
  /// True for noSuchObject, noSuchInstance and endOfMibView.
  bool is_exception() const noexcept { return static_cast<std::uint8_t>(type_) >= 0x80; }
  bool is_null() const noexcept { return type_ == value_type::null; }

  /// integer32.
  std::int32_t as_int32() const { return std::get<std::int32_t>(v_); }
  /// counter32, gauge32 (unsigned32) and time_ticks.
  std::uint32_t as_uint32() const { return std::get<std::uint32_t>(v_); }
  /// counter64.
  std::uint64_t as_uint64() const { return std::get<std::uint64_t>(v_); }
  /// octet_string and opaque: the raw octets.
  std::string_view as_octets() const { return std::get<std::string>(v_); }
  /// object_identifier.
  const oid& as_oid() const { return std::get<oid>(v_); }
  /// ip_address.
  std::array<std::uint8_t, 4> as_ip_address() const { return std::get<std::array<std::uint8_t, 4>>(v_); }

  friend bool operator==(const value& a, const value& b) noexcept {
    return a.type_ == b.type_ && a.v_ == b.v_;
  }

 private:
  friend struct detail::value_access;
  using storage = std::variant<std::monostate, std::int32_t, std::uint32_t, std::uint64_t,
                               std::string, oid, std::array<std::uint8_t, 4>>;
  template <class T>
  value(value_type t, T&& v) : type_(t), v_(std::forward<T>(v)) {}
  static value exception(value_type t) noexcept {
    value v;
    v.type_ = t;
    return v;
  }

  value_type type_;
  storage v_;
};

}  // namespace snmpio
