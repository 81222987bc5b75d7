// Unpredictable numbers for request-ids, msgIDs and salts (libsodium's randombytes).
#pragma once

#include <cstddef>
#include <cstdint>

namespace snmpio::crypto {

/// Fills `n` bytes from the system CSPRNG. Thread-safe.
void random_bytes(void* out, std::size_t n) noexcept;

inline std::uint32_t random_u32() noexcept {
  std::uint32_t v;
  random_bytes(&v, sizeof v);
  return v;
}

}  // namespace snmpio::crypto
