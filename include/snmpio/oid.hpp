// snmpio — OBJECT IDENTIFIER.
#pragma once

#include <snmpio/export.hpp>
#include <snmpio/result.hpp>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace snmpio {

/// An OBJECT IDENTIFIER: 0 to 128 sub-identifiers, each 0..2^32-1 (RFC 2578 §3.5).
/// Up to `inline_capacity` sub-identifiers are stored inside the object, so the
/// common OIDs of SNMP never allocate. Ordered lexicographically, as SNMP walks them.
class SNMPIO_EXPORT oid {
 public:
  using value_type = std::uint32_t;
  using const_iterator = const std::uint32_t*;
  using iterator = const_iterator;

  static constexpr std::size_t max_subids = 128;
  static constexpr std::size_t inline_capacity = 14;

  oid() noexcept : size_(0), capacity_(inline_capacity) {}
  /// Throws std::length_error if `subids` holds more than max_subids.
  oid(std::initializer_list<std::uint32_t> subids);
  explicit oid(std::span<const std::uint32_t> subids);
  /// Parses dotted text, as parse() does; throws std::system_error(errc::bad_oid)
  /// when the text is not an OID. Use parse() where the text is not trusted.
  explicit oid(std::string_view text);
  explicit oid(const char* text) : oid(std::string_view(text)) {}

  oid(const oid& other);
  oid(oid&& other) noexcept;
  oid& operator=(const oid& other);
  oid& operator=(oid&& other) noexcept;
  ~oid();

  /// Parses "1.3.6.1" or ".1.3.6.1". Fails with errc::bad_oid on empty text, empty
  /// arcs, anything but digits and dots, an arc above 4294967295 or more than
  /// 128 arcs.
  static result<oid> parse(std::string_view text);

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const std::uint32_t* data() const noexcept { return ptr(); }
  const_iterator begin() const noexcept { return ptr(); }
  const_iterator end() const noexcept { return ptr() + size_; }
  std::uint32_t operator[](std::size_t i) const noexcept { return ptr()[i]; }
  std::uint32_t back() const noexcept { return ptr()[size_ - 1]; }
  std::span<const std::uint32_t> subids() const noexcept { return {ptr(), size_}; }

  /// Appends one arc; throws std::length_error past max_subids.
  void push_back(std::uint32_t subid);
  /// Appends arcs; throws std::length_error past max_subids.
  void append(std::span<const std::uint32_t> subids);
  oid& operator+=(const oid& suffix) { append(suffix.subids()); return *this; }
  void pop_back() noexcept { if (size_) --size_; }
  /// Keeps the first `n` arcs (no effect when n >= size()).
  void truncate(std::size_t n) noexcept { if (n < size_) size_ = static_cast<std::uint32_t>(n); }
  void clear() noexcept { size_ = 0; }

  /// True when this OID starts with `prefix` (an OID is a prefix of itself).
  bool starts_with(const oid& prefix) const noexcept;

  /// Dotted text without a leading dot: "1.3.6.1.2.1.1.1.0".
  std::string to_string() const;

  std::size_t hash() const noexcept;

  friend bool operator==(const oid& a, const oid& b) noexcept;
  friend std::strong_ordering operator<=>(const oid& a, const oid& b) noexcept;

 private:
  bool on_heap() const noexcept { return capacity_ > inline_capacity; }
  std::uint32_t* ptr() noexcept { return on_heap() ? heap_ : inline_; }
  const std::uint32_t* ptr() const noexcept { return on_heap() ? heap_ : inline_; }
  void reserve(std::size_t n);

  std::uint32_t size_;
  std::uint32_t capacity_;
  union {
    std::uint32_t inline_[inline_capacity];
    std::uint32_t* heap_;
  };
};

}  // namespace snmpio

template <>
struct std::hash<snmpio::oid> {
  std::size_t operator()(const snmpio::oid& o) const noexcept { return o.hash(); }
};
