// One source per fuzz target, two builds:
//  - `make fuzz` (clang, -DSNMPIO_LIBFUZZER): each *_fuzz.cpp is a libFuzzer binary;
//  - `make test`: every target is registered and replayed over tests/fuzz/corpus/<name>/
//    by tests/fuzz/replay_test.cpp, under whatever sanitizers the build uses.
// SNMPIO_FUZZ_CHECK states an invariant: libFuzzer aborts on it, the replay reports it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>

namespace snmpio::fuzz {

using target_fn = int (*)(const std::uint8_t*, std::size_t);

inline std::map<std::string, target_fn>& registry() {
  static std::map<std::string, target_fn> targets;
  return targets;
}

struct registration {
  registration(const char* name, target_fn fn) { registry()[name] = fn; }
};

[[noreturn]] inline void check_failed(const char* expr, const char* file, int line) {
#ifdef SNMPIO_LIBFUZZER
  std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, expr);
  std::abort();
#else
  throw std::logic_error(std::string(file) + ":" + std::to_string(line) + ": invariant failed: " + expr);
#endif
}

}  // namespace snmpio::fuzz

#define SNMPIO_FUZZ_CHECK(cond)                                              \
  do {                                                                       \
    if (!(cond)) ::snmpio::fuzz::check_failed(#cond, __FILE__, __LINE__);   \
  } while (0)

#ifdef SNMPIO_LIBFUZZER
#define SNMPIO_FUZZ_TARGET(name)                                                          \
  static int snmpio_fuzz_body_##name(const std::uint8_t*, std::size_t);                   \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {     \
    return snmpio_fuzz_body_##name(data, size);                                           \
  }                                                                                       \
  static int snmpio_fuzz_body_##name
#else
#define SNMPIO_FUZZ_TARGET(name)                                                          \
  static int snmpio_fuzz_body_##name(const std::uint8_t*, std::size_t);                   \
  static const ::snmpio::fuzz::registration snmpio_fuzz_reg_##name(#name, snmpio_fuzz_body_##name); \
  static int snmpio_fuzz_body_##name
#endif
