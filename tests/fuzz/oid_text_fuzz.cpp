// Text parsers the library exposes: OID strings. Whatever parses prints back to text
// that parses to the same OID.
#include <snmpio/oid.hpp>

#include "tests/fuzz/fuzz_target.hpp"

#include <string_view>

SNMPIO_FUZZ_TARGET(oid_text)(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = snmpio::oid::parse(text);
  if (!r) return 0;
  SNMPIO_FUZZ_CHECK(r->size() >= 1 && r->size() <= snmpio::oid::max_subids);
  auto again = snmpio::oid::parse(r->to_string());
  SNMPIO_FUZZ_CHECK(again && *again == *r);
  return 0;
}
