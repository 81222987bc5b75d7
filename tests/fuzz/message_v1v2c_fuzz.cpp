// SNMPv1/v2c message decoding. A message that decodes must encode, decode to the same
// message, and encode to the same bytes again (the encoding is canonical).
#include "ber/message_codec.hpp"
#include "tests/fuzz/fuzz_target.hpp"

#include <vector>

using namespace snmpio;

SNMPIO_FUZZ_TARGET(message_v1v2c)(const std::uint8_t* data, std::size_t size) {
  std::int32_t version;
  (void)ber::peek_version({data, size}, version);
  ber::community_message m;
  if (ber::decode_community_message({data, size}, m)) return 0;
  ber::writer w;
  SNMPIO_FUZZ_CHECK(!ber::encode_community_message(w, m));
  std::vector<std::uint8_t> first(w.data().begin(), w.data().end());
  // (The canonical form may be longer than the input: an unsigned read leniently, such
  // as 43 01 84, is written back with its leading zero, 43 02 00 84; or shorter: the
  // redundant octets of 02 04 00 12 34 56 are not written back.) Nothing the encoder
  // writes needs the decoder's tolerance.
  ber::community_message again;
  ber::decode_tally tally;
  SNMPIO_FUZZ_CHECK(!ber::decode_community_message(first, again, &tally));
  SNMPIO_FUZZ_CHECK(again == m);
  SNMPIO_FUZZ_CHECK(tally.non_minimal_integers == 0 && tally.unsigned_top_bit == 0);
  SNMPIO_FUZZ_CHECK(!ber::encode_community_message(w, again));
  SNMPIO_FUZZ_CHECK(std::vector<std::uint8_t>(w.data().begin(), w.data().end()) == first);
  return 0;
}
