// Generic BER: the TLV walker, and value decoding of the first TLV with a round trip.
#include "ber/pdu_codec.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace snmpio;

SNMPIO_FUZZ_TARGET(ber_decode)(const std::uint8_t* data, std::size_t size) {
  ber::bytes in(data, size);
  (void)ber::validate(in);

  ber::reader r(in);
  ber::tlv t;
  if (r.next(t)) return 0;
  value v;
  if (!ber::decode_value(t, v)) {
    ber::writer w;
    SNMPIO_FUZZ_CHECK(!ber::encode_value(w, v));
    ber::reader again(w.data());
    ber::tlv t2;
    SNMPIO_FUZZ_CHECK(!again.next(t2) && again.empty());
    value v2;
    SNMPIO_FUZZ_CHECK(!ber::decode_value(t2, v2));
    SNMPIO_FUZZ_CHECK(v2 == v);
  }
  oid o;
  if (!ber::decode_oid(t.content, o)) {
    ber::writer w;
    SNMPIO_FUZZ_CHECK(!w.put_oid(o));
  }
  return 0;
}
