#include "crypto/random.hpp"

#include <sodium.h>

#include <cstdlib>

namespace snmpio::crypto {
namespace {

bool init_sodium() noexcept {
  // sodium_init() is idempotent and thread-safe; it fails only without an entropy
  // source, where nothing secure can be done.
  if (sodium_init() < 0) std::abort();
  return true;
}

}  // namespace

void random_bytes(void* out, std::size_t n) noexcept {
  static const bool ready = init_sodium();
  (void)ready;
  randombytes_buf(out, n);
}

}  // namespace snmpio::crypto
