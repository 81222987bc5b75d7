#include <snmpio/oid.hpp>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace snmpio {

oid::oid(std::initializer_list<std::uint32_t> subids) : oid() {
  append(std::span<const std::uint32_t>(subids.begin(), subids.size()));
}

oid::oid(std::span<const std::uint32_t> subids) : oid() { append(subids); }

oid::oid(std::string_view text) : oid() {
  result<oid> r = parse(text);
  if (!r) throw std::system_error(r.error(), "snmpio::oid");
  *this = std::move(*r);
}

oid::oid(const oid& other) : oid() { append(other.subids()); }

oid::oid(oid&& other) noexcept : size_(other.size_), capacity_(other.capacity_) {
  if (other.on_heap()) {
    heap_ = other.heap_;
    other.capacity_ = inline_capacity;
  } else {
    std::memcpy(inline_, other.inline_, size_ * sizeof(std::uint32_t));
  }
  other.size_ = 0;
}

oid& oid::operator=(const oid& other) {
  if (this != &other) {
    size_ = 0;
    append(other.subids());
  }
  return *this;
}

oid& oid::operator=(oid&& other) noexcept {
  if (this == &other) return *this;
  if (other.on_heap()) {
    if (on_heap()) delete[] heap_;
    heap_ = other.heap_;
    capacity_ = other.capacity_;
    size_ = other.size_;
    other.capacity_ = inline_capacity;
  } else {
    // Keeps our own heap block, if any: the arcs fit in any capacity >= inline.
    std::memcpy(ptr(), other.inline_, other.size_ * sizeof(std::uint32_t));
    size_ = other.size_;
  }
  other.size_ = 0;
  return *this;
}

oid::~oid() {
  if (on_heap()) delete[] heap_;
}

void oid::reserve(std::size_t n) {
  if (n <= capacity_) return;
  if (n > max_subids) throw std::length_error("snmpio::oid: more than 128 sub-identifiers");
  std::size_t cap = std::max<std::size_t>(n, std::min<std::size_t>(capacity_ * 2, max_subids));
  auto* block = new std::uint32_t[cap];
  std::memcpy(block, ptr(), size_ * sizeof(std::uint32_t));
  if (on_heap()) delete[] heap_;
  heap_ = block;
  capacity_ = static_cast<std::uint32_t>(cap);
}

void oid::push_back(std::uint32_t subid) {
  if (size_ == capacity_) reserve(size_ + 1);
  ptr()[size_++] = subid;
}

void oid::append(std::span<const std::uint32_t> subids) {
  if (subids.empty()) return;
  if (size_ + subids.size() > max_subids)
    throw std::length_error("snmpio::oid: more than 128 sub-identifiers");
  reserve(size_ + subids.size());
  std::memcpy(ptr() + size_, subids.data(), subids.size() * sizeof(std::uint32_t));
  size_ += static_cast<std::uint32_t>(subids.size());
}

result<oid> oid::parse(std::string_view text) {
  if (!text.empty() && text.front() == '.') text.remove_prefix(1);
  if (text.empty()) return errc::bad_oid;
  oid out;
  std::size_t i = 0;
  while (true) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return errc::bad_oid;
    std::uint64_t v = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      v = v * 10 + static_cast<std::uint64_t>(text[i] - '0');
      if (v > 0xFFFFFFFFu) return errc::bad_oid;
      ++i;
    }
    if (out.size() == max_subids) return errc::bad_oid;
    out.push_back(static_cast<std::uint32_t>(v));
    if (i == text.size()) break;
    if (text[i] != '.') return errc::bad_oid;
    ++i;  // a trailing '.' fails on the next turn: arcs may not be empty
  }
  return out;
}

bool oid::starts_with(const oid& prefix) const noexcept {
  return prefix.size_ <= size_ && std::equal(prefix.begin(), prefix.end(), begin());
}

std::string oid::to_string() const {
  std::string s;
  s.reserve(size_ * 4);
  char digits[10];
  for (std::size_t i = 0; i < size_; ++i) {
    if (i) s.push_back('.');
    std::uint32_t v = ptr()[i];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    while (n) s.push_back(digits[--n]);
  }
  return s;
}

std::size_t oid::hash() const noexcept {
  // FNV-1a over the arcs; OIDs differ mostly in their last arcs, which this mixes in.
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (std::uint32_t v : *this) {
    h ^= v;
    h *= 0x100000001b3ull;
  }
  return static_cast<std::size_t>(h ^ (h >> 32));
}

bool operator==(const oid& a, const oid& b) noexcept {
  return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
}

std::strong_ordering operator<=>(const oid& a, const oid& b) noexcept {
  return std::lexicographical_compare_three_way(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace snmpio
