#include "ber/ber.hpp"

#include <algorithm>

namespace snmpio::ber {

std::error_code reader::next(tlv& out) noexcept {
  if (p_ == end_) return errc::truncated;
  const std::uint8_t t = *p_;
  // High-tag-number form (X.690 8.1.2.4): SNMP never uses it.
  if ((t & 0x1F) == 0x1F) return errc::bad_tag;
  if (end_ - p_ < 2) return errc::truncated;
  const std::uint8_t first = p_[1];
  const std::uint8_t* q = p_ + 2;
  std::size_t len;
  if (first < 0x80) {
    len = first;
  } else if (first == 0x80) {
    return errc::indefinite_length;
  } else if (first == 0xFF) {
    return errc::bad_length;  // reserved (X.690 8.1.3.5 c)
  } else {
    const std::size_t n = first & 0x7F;
    if (n > 4) return errc::bad_length;
    if (static_cast<std::size_t>(end_ - q) < n) return errc::truncated;
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | q[i];
    q += n;
  }
  if (len > static_cast<std::size_t>(end_ - q)) return errc::truncated;
  out.tag = t;
  out.content = bytes(q, len);
  p_ = q + len;
  return {};
}

std::error_code reader::expect(std::uint8_t expected_tag, bytes& content) noexcept {
  if (p_ != end_ && *p_ != expected_tag) return errc::bad_tag;
  tlv t;
  if (auto ec = next(t)) return ec;
  content = t.content;
  return {};
}

namespace {

// X.690 8.3.2: the first nine bits of a multi-octet INTEGER are not all equal.
bool minimal_integer(bytes c) noexcept {
  if (c.size() < 2) return true;
  return !((c[0] == 0x00 && !(c[1] & 0x80)) || (c[0] == 0xFF && (c[1] & 0x80)));
}

// The one rule for every integer type (ber.hpp): drops the redundant leading octets
// (0x00 before a clear top bit, 0xFF before a set one), leaving the minimal two's
// complement form of the same value. errc::bad_integer for no octets, or for redundant
// octets in more than max_integer_octets; `redundant` says whether any were dropped.
std::error_code reduce_integer(bytes& c, bool& redundant) noexcept {
  if (c.empty()) return errc::bad_integer;
  redundant = !minimal_integer(c);
  if (!redundant) return {};
  if (c.size() > max_integer_octets) return errc::bad_integer;  // so the loop is bounded
  std::size_t i = 1;
  while (!minimal_integer(c.subspan(i))) ++i;
  c = c.subspan(i);
  return {};
}

template <class U>
std::error_code decode_unsigned(bytes c, U& out, decode_tally* tally) noexcept {
  constexpr std::size_t width = sizeof(U);
  if (c.empty()) return errc::bad_integer;
  // Negative in X.690 (top bit set): only the form with the leading 0x00 left out, at
  // most the type's width, read as the unsigned number its octets spell (0xFF octets
  // included: an unsigned type has no redundant 0xFF). Otherwise the redundant 0x00
  // octets go, and what is left is at most width octets, or width + 1 with a 0x00.
  const bool top_bit = (c[0] & 0x80) != 0;
  bool redundant = false;
  if (!top_bit) {
    if (auto ec = reduce_integer(c, redundant)) return ec;
  }
  const bool fits = c.size() <= width || (!top_bit && c.size() == width + 1 && c[0] == 0x00);
  if (!fits) return errc::value_out_of_range;
  U v = 0;
  for (std::uint8_t b : c) v = static_cast<U>((v << 8) | b);  // a leading 0x00 shifts out
  out = v;
  if (tally) {
    if (redundant) ++tally->non_minimal_integers;
    else if (top_bit) ++tally->unsigned_top_bit;
  }
  return {};
}

}  // namespace

std::error_code decode_int32(bytes c, std::int32_t& out, decode_tally* tally) noexcept {
  bool redundant;
  if (auto ec = reduce_integer(c, redundant)) return ec;
  if (c.size() > 4) return errc::value_out_of_range;
  std::uint32_t v = (c[0] & 0x80) ? 0xFFFFFFFFu : 0u;
  for (std::uint8_t b : c) v = (v << 8) | b;
  out = static_cast<std::int32_t>(v);
  if (tally && redundant) ++tally->non_minimal_integers;
  return {};
}

std::error_code decode_uint32(bytes c, std::uint32_t& out, decode_tally* tally) noexcept {
  return decode_unsigned(c, out, tally);
}
std::error_code decode_uint64(bytes c, std::uint64_t& out, decode_tally* tally) noexcept {
  return decode_unsigned(c, out, tally);
}

std::error_code decode_oid(bytes c, oid& out) noexcept {
  out.clear();
  if (c.empty()) return errc::bad_oid;
  // Arcs are gathered on the stack and handed over in one append: no per-arc checks
  // on the OID's storage, one copy.
  std::uint32_t arcs[oid::max_subids];
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < c.size()) {
    if (c[i] == 0x80) return errc::bad_oid;  // padding (X.690 8.19.2)
    std::uint64_t v = 0;
    while (true) {
      if (i >= c.size()) return errc::bad_oid;  // last octet still had the continuation bit
      const std::uint8_t b = c[i++];
      v = (v << 7) | (b & 0x7F);
      // The first subidentifier packs two arcs: 2.(2^32-1) encodes as 2^32+79.
      if (v > 0xFFFFFFFFull + (n == 0 ? 80u : 0u)) return errc::bad_oid;
      if (!(b & 0x80)) break;
    }
    if (n == 0) {
      const std::uint32_t a = v < 40 ? 0 : v < 80 ? 1 : 2;
      arcs[n++] = a;
      arcs[n++] = static_cast<std::uint32_t>(v - 40u * a);
    } else {
      if (n == oid::max_subids) return errc::bad_oid;
      arcs[n++] = static_cast<std::uint32_t>(v);
    }
  }
  out.append(std::span<const std::uint32_t>(arcs, n));
  return {};
}

std::error_code read_int32(reader& r, std::int32_t& out, decode_tally* tally) noexcept {
  bytes c;
  if (auto ec = r.expect(tag::integer, c)) return ec;
  return decode_int32(c, out, tally);
}

std::error_code read_int32_in(reader& r, std::int32_t lo, std::int32_t hi, std::int32_t& out,
                              decode_tally* tally) noexcept {
  if (auto ec = read_int32(r, out, tally)) return ec;
  if (out < lo || out > hi) return errc::value_out_of_range;
  return {};
}

std::error_code read_octets(reader& r, bytes& out) noexcept { return r.expect(tag::octet_string, out); }

std::error_code validate(bytes data, std::size_t max_depth) noexcept {
  // ends[d] is where the container at depth d ends; depth 0 is the whole buffer.
  constexpr std::size_t hard_limit = 64;
  max_depth = std::min(max_depth, hard_limit);
  const std::uint8_t* ends[hard_limit + 1];
  std::size_t depth = 0;
  ends[0] = data.data() + data.size();
  const std::uint8_t* p = data.data();
  oid scratch;
  while (true) {
    while (depth > 0 && p == ends[depth]) --depth;
    if (p == ends[depth]) break;  // depth 0 and all consumed
    reader r(bytes(p, static_cast<std::size_t>(ends[depth] - p)));
    tlv t;
    if (auto ec = r.next(t)) return ec;
    if (t.tag & tag::constructed_bit) {
      // Constructed encodings of the universal primitive types (e.g. 0x24, a
      // constructed OCTET STRING) are forbidden in SNMP (RFC 3417 §8).
      if ((t.tag & 0xC0) == 0 && t.tag != tag::sequence && t.tag != 0x31) return errc::bad_tag;
      if (depth == max_depth) return errc::nesting_too_deep;
      ends[++depth] = t.content.data() + t.content.size();
      p = t.content.data();
      continue;
    }
    switch (t.tag) {
      case tag::integer: {
        bytes c = t.content;
        bool redundant;
        if (auto ec = reduce_integer(c, redundant)) return ec;
        break;
      }
      case tag::null:
        if (!t.content.empty()) return errc::bad_value_length;
        break;
      case tag::object_identifier:
        if (auto ec = decode_oid(t.content, scratch)) return ec;
        break;
      default:
        break;
    }
    p = r.position();
  }
  return {};
}

writer::writer(std::size_t initial_capacity) : buf_(std::max<std::size_t>(initial_capacity, 16)), pos_(buf_.size()) {}

void writer::grow(std::size_t need) {
  const std::size_t used = size();
  std::size_t cap = std::max(buf_.size() * 2, used + need + 64);
  std::vector<std::uint8_t> next(cap);
  std::memcpy(next.data() + cap - used, buf_.data() + pos_, used);
  buf_.swap(next);
  pos_ = cap - used;
}

void writer::put_length(std::size_t len) {
  if (len < 0x80) {
    put_byte(static_cast<std::uint8_t>(len));
    return;
  }
  std::uint8_t n = 0;
  while (len) {
    put_byte(static_cast<std::uint8_t>(len & 0xFF));
    len >>= 8;
    ++n;
  }
  put_byte(static_cast<std::uint8_t>(0x80 | n));
}

void writer::put_integer(std::uint8_t t, std::int64_t v) {
  std::size_t n = 0;
  while (true) {
    const std::uint8_t b = static_cast<std::uint8_t>(v & 0xFF);
    put_byte(b);
    ++n;
    v >>= 8;  // arithmetic shift: C++20 defines it for negative values
    // Done when the remaining value is pure sign extension of the octet just written.
    if ((v == 0 && !(b & 0x80)) || (v == -1 && (b & 0x80))) break;
  }
  put_header(t, n);
}

void writer::put_unsigned(std::uint8_t t, std::uint64_t v) {
  std::size_t n = 0;
  std::uint8_t b;
  do {
    b = static_cast<std::uint8_t>(v & 0xFF);
    put_byte(b);
    ++n;
    v >>= 8;
  } while (v);
  if (b & 0x80) {
    put_byte(0);
    ++n;
  }
  put_header(t, n);
}

std::error_code writer::put_oid(const oid& o) {
  if (o.size() < 2 || o[0] > 2 || (o[0] < 2 && o[1] >= 40)) return errc::oid_not_encodable;
  if (o.size() > oid::max_subids) return errc::bad_oid;
  const std::size_t start = mark();
  auto put_subid = [this](std::uint64_t v) {
    put_byte(static_cast<std::uint8_t>(v & 0x7F));
    v >>= 7;
    while (v) {
      put_byte(static_cast<std::uint8_t>(0x80 | (v & 0x7F)));
      v >>= 7;
    }
  };
  for (std::size_t i = o.size(); i-- > 2;) put_subid(o[i]);
  put_subid(40ull * o[0] + o[1]);
  wrap(tag::object_identifier, start);
  return {};
}

}  // namespace snmpio::ber
