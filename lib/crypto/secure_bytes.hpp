// Key material: a byte buffer that is wiped (sodium_memzero) when it is destroyed,
// resized or reassigned, and compared in constant time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace snmpio::crypto {

void secure_wipe(void* p, std::size_t n) noexcept;
/// Constant-time equality of two equally long buffers (false when lengths differ).
bool secure_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept;

class secure_bytes {
 public:
  secure_bytes() = default;
  explicit secure_bytes(std::size_t n) : bytes_(n) {}
  explicit secure_bytes(std::span<const std::uint8_t> b) : bytes_(b.begin(), b.end()) {}
  secure_bytes(const secure_bytes& o) : bytes_(o.bytes_) {}
  secure_bytes(secure_bytes&& o) noexcept : bytes_(std::move(o.bytes_)) {}
  secure_bytes& operator=(const secure_bytes& o) {
    if (this != &o) {
      wipe();
      bytes_ = o.bytes_;
    }
    return *this;
  }
  secure_bytes& operator=(secure_bytes&& o) noexcept {
    if (this != &o) {
      wipe();
      bytes_ = std::move(o.bytes_);
    }
    return *this;
  }
  ~secure_bytes() { wipe(); }

  std::uint8_t* data() noexcept { return bytes_.data(); }
  const std::uint8_t* data() const noexcept { return bytes_.data(); }
  std::size_t size() const noexcept { return bytes_.size(); }
  bool empty() const noexcept { return bytes_.empty(); }
  std::uint8_t& operator[](std::size_t i) noexcept { return bytes_[i]; }
  std::uint8_t operator[](std::size_t i) const noexcept { return bytes_[i]; }
  std::span<const std::uint8_t> view() const noexcept { return {bytes_.data(), bytes_.size()}; }
  std::span<const std::uint8_t> first(std::size_t n) const noexcept { return view().first(n); }

  /// Appends; the old block is wiped if the vector moves.
  void append(std::span<const std::uint8_t> b);
  void truncate(std::size_t n) noexcept;

 private:
  void wipe() noexcept { secure_wipe(bytes_.data(), bytes_.size()); }
  std::vector<std::uint8_t> bytes_;
};

}  // namespace snmpio::crypto
