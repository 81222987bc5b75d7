// BER primitives for SNMP (X.690 as restricted by RFC 3417 §8): a reader that walks
// TLVs over a byte span without copying, content decoders for INTEGER, unsigned, OID,
// and a writer that encodes back to front, so lengths are known when they are written.
//
// Strict in what it writes, liberal (and counting) in what it reads. The writer is
// always minimal. The reader takes, on purpose and tested (man 7 snmpio, WHAT SNMPIO
// ACCEPTS):
//  - a long-form length that uses more octets than needed (RFC 3417 §8 allows it);
//  - an INTEGER with redundant leading 0x00 or 0xFF octets (gosnmp's 4-octet
//    request-ids, negative values padded with 0xFF), and a Counter32, Gauge32,
//    TimeTicks or Counter64 with redundant leading 0x00 octets (8-octet Counter64s),
//    provided the value, read as X.690 two's complement, fits the type; at most
//    max_integer_octets content octets in all (more is errc::bad_integer), so the work
//    stays bounded. Counted in decode_tally::non_minimal_integers;
//  - a Counter32/Gauge32/TimeTicks of at most 4 octets, or a Counter64 of at most 8,
//    whose first octet has the top bit set (negative in X.690: the sender left out the
//    leading 0x00): read as the unsigned number its octets spell, as Net-SNMP reads
//    it. Counted in decode_tally::unsigned_top_bit.
// Everything else out of the type's range is errc::value_out_of_range, and no content
// octets at all errc::bad_integer: parse errors, as before.
#pragma once

#include <snmpio/error.hpp>
#include <snmpio/oid.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

namespace snmpio::ber {

using bytes = std::span<const std::uint8_t>;

inline bytes as_bytes(std::string_view s) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_chars(bytes b) noexcept {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

namespace tag {
inline constexpr std::uint8_t integer = 0x02;
inline constexpr std::uint8_t octet_string = 0x04;
inline constexpr std::uint8_t null = 0x05;
inline constexpr std::uint8_t object_identifier = 0x06;
inline constexpr std::uint8_t sequence = 0x30;
inline constexpr std::uint8_t ip_address = 0x40;
inline constexpr std::uint8_t counter32 = 0x41;
inline constexpr std::uint8_t gauge32 = 0x42;
inline constexpr std::uint8_t time_ticks = 0x43;
inline constexpr std::uint8_t opaque = 0x44;
inline constexpr std::uint8_t counter64 = 0x46;
inline constexpr std::uint8_t constructed_bit = 0x20;
}  // namespace tag

/// One decoded TLV: its tag and a view of its content.
struct tlv {
  std::uint8_t tag = 0;
  bytes content;
};

/// Walks consecutive TLVs in a buffer. Never reads outside it; a claimed length is
/// checked against what remains before anything else uses it.
class reader {
 public:
  reader() noexcept = default;
  explicit reader(bytes b) noexcept : p_(b.data()), end_(b.data() + b.size()) {}

  bool empty() const noexcept { return p_ == end_; }
  std::size_t remaining() const noexcept { return static_cast<std::size_t>(end_ - p_); }
  const std::uint8_t* position() const noexcept { return p_; }

  /// Reads the next TLV and moves past it.
  std::error_code next(tlv& out) noexcept;
  /// Reads the next TLV, which must carry `expected_tag` (else errc::bad_tag).
  std::error_code expect(std::uint8_t expected_tag, bytes& content) noexcept;

 private:
  const std::uint8_t* p_ = nullptr;
  const std::uint8_t* end_ = nullptr;
};

// ---- content decoders (content = the value octets of a primitive TLV) ----

/// The most content octets an integer of any type may have (redundant ones included).
inline constexpr std::size_t max_integer_octets = 16;

/// The tolerated deviations a decode met (see the top of this file). Every decoder
/// taking one adds to it as it goes; callers add it to their counters once the part
/// they decoded turned out well-formed, and drop it otherwise.
struct decode_tally {
  std::uint64_t non_minimal_integers = 0;  ///< integers with redundant leading 0x00/0xFF
  std::uint64_t unsigned_top_bit = 0;      ///< unsigned values missing their leading 0x00

  decode_tally& operator+=(const decode_tally& o) noexcept {
    non_minimal_integers += o.non_minimal_integers;
    unsigned_top_bit += o.unsigned_top_bit;
    return *this;
  }
};

/// INTEGER into Integer32: two's complement, -2^31..2^31-1 (redundant octets tolerated).
std::error_code decode_int32(bytes content, std::int32_t& out, decode_tally* tally = nullptr) noexcept;
/// Counter32 / Gauge32 / TimeTicks: 0..2^32-1 (see the leniencies above).
std::error_code decode_uint32(bytes content, std::uint32_t& out, decode_tally* tally = nullptr) noexcept;
/// Counter64: 0..2^64-1 (same leniencies).
std::error_code decode_uint64(bytes content, std::uint64_t& out, decode_tally* tally = nullptr) noexcept;
/// OBJECT IDENTIFIER into `out` (replacing its arcs, reusing its storage).
std::error_code decode_oid(bytes content, oid& out) noexcept;

// ---- reader conveniences: expect a tag, then decode its content ----
std::error_code read_int32(reader& r, std::int32_t& out, decode_tally* tally = nullptr) noexcept;
/// An INTEGER that must lie in [lo, hi] (else errc::value_out_of_range).
std::error_code read_int32_in(reader& r, std::int32_t lo, std::int32_t hi, std::int32_t& out,
                              decode_tally* tally = nullptr) noexcept;
std::error_code read_octets(reader& r, bytes& out) noexcept;

/// Checks that a whole buffer is well-formed BER: every TLV's length fits its
/// container, constructed values nest at most `max_depth` deep, universal primitives
/// that SNMP uses (INTEGER, NULL, OID) are valid (an INTEGER: 1 octet or more, and
/// redundant leading octets only within max_integer_octets, as the decoders take it),
/// and nothing trails the last TLV.
/// Iterative: no recursion whatever the input.
std::error_code validate(bytes data, std::size_t max_depth = 32) noexcept;

/// Encodes back to front into a growing buffer. Write the last element first; wrap a
/// constructed value by taking mark() before writing its content and calling
/// wrap(tag, mark) after. The buffer is kept between messages: clear() reuses it.
class writer {
 public:
  explicit writer(std::size_t initial_capacity = 1024);

  void clear() noexcept { pos_ = buf_.size(); }
  std::size_t size() const noexcept { return buf_.size() - pos_; }
  std::size_t mark() const noexcept { return size(); }
  bytes data() const noexcept { return {buf_.data() + pos_, size()}; }

  void put_byte(std::uint8_t b) {
    if (pos_ == 0) grow(1);
    buf_[--pos_] = b;
  }
  void put_raw(bytes b) {
    if (pos_ < b.size()) grow(b.size());
    pos_ -= b.size();
    if (!b.empty()) std::memcpy(buf_.data() + pos_, b.data(), b.size());
  }
  void put_length(std::size_t len);
  void put_header(std::uint8_t t, std::size_t len) {
    put_length(len);
    put_byte(t);
  }
  void wrap(std::uint8_t t, std::size_t mark_before_content) { put_header(t, size() - mark_before_content); }

  /// INTEGER-like TLV with a minimal two's complement content.
  void put_integer(std::uint8_t t, std::int64_t v);
  /// Unsigned TLV (Counter32, Gauge32, TimeTicks, Counter64): minimal, with a leading
  /// zero octet when the top bit would otherwise be set.
  void put_unsigned(std::uint8_t t, std::uint64_t v);
  void put_octets(std::uint8_t t, bytes content) {
    put_raw(content);
    put_header(t, content.size());
  }
  void put_null(std::uint8_t t = tag::null) {
    put_byte(0);
    put_byte(t);
  }
  /// OBJECT IDENTIFIER; errc::oid_not_encodable for fewer than 2 arcs, a first arc
  /// above 2, or a second arc >= 40 under 0 or 1; errc::bad_oid above 128 arcs.
  std::error_code put_oid(const oid& o);

 private:
  void grow(std::size_t need);
  std::vector<std::uint8_t> buf_;
  std::size_t pos_;
};

}  // namespace snmpio::ber
