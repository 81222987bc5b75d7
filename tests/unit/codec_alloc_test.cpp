// Decoding into a reused message allocates nothing once its storage has grown:
// the receive loops of the engine rely on it.
#include "ber/message_codec.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <new>

namespace {
thread_local long t_allocs = 0;
}

void* operator new(std::size_t n) {
  ++t_allocs;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace snmpio;

TEST(CodecAllocations, SteadyStateDecodeAllocatesNothing) {
  ber::community_message m{snmp_version::v2c, "a-community-longer-than-sso", {}};
  m.data.type = pdu_type::response;
  for (std::uint32_t i = 0; i < 10; ++i) {
    oid name{1, 3, 6, 1, 2, 1, 2, 2, 1, 2, i, 7, 7, 7, 7, 7, 7, 7, 7, 7};  // 20 arcs: on the heap
    m.data.varbinds.push_back({name, i % 2 ? value::octet_string(std::string(100, 'x'))
                                            : value::object_identifier(name)});
  }
  ber::writer w;
  ASSERT_FALSE(ber::encode_community_message(w, m));
  ber::community_message out;
  ASSERT_FALSE(ber::decode_community_message(w.data(), out));  // grows the storage
  const long before = t_allocs;
  for (int i = 0; i < 100; ++i) ASSERT_FALSE(ber::decode_community_message(w.data(), out));
  EXPECT_EQ(t_allocs - before, 0);
  EXPECT_EQ(out, m);
  // And a fresh decode allocates only the varbind storage: the vector, 10 long OIDs,
  // 5 OID values on the heap, 5 long strings, the long community.
  ber::community_message fresh;
  const long before_fresh = t_allocs;
  ASSERT_FALSE(ber::decode_community_message(w.data(), fresh));
  EXPECT_LE(t_allocs - before_fresh, 1 + 10 + 5 + 5 + 1 + 4 /* vector growth */);
}
