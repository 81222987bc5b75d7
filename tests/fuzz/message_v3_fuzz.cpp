// SNMPv3 envelope, UsmSecurityParameters and scopedPDU decoding (parse only: the
// authenticated harness that re-signs mutations comes with USM). What decodes must
// re-encode to a message that decodes to the same parts.
#include "ber/message_codec.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace snmpio;

SNMPIO_FUZZ_TARGET(message_v3)(const std::uint8_t* data, std::size_t size) {
  ber::bytes in(data, size);
  // The same bytes as a decrypted scopedPDU, padding allowed.
  ber::scoped_pdu loose;
  (void)ber::decode_scoped_pdu(in, loose, true);

  ber::v3_message_view v;
  if (ber::decode_v3_message(in, v)) return 0;
  SNMPIO_FUZZ_CHECK(v.scoped_pdu_data.data() >= data && v.scoped_pdu_data.data() + v.scoped_pdu_data.size() <= data + size);
  ber::usm_security_parameters_view uv;
  if (ber::decode_usm_security_parameters(v.security_parameters, uv)) return 0;
  SNMPIO_FUZZ_CHECK(uv.auth_params.data() >= data && uv.auth_params.data() + uv.auth_params.size() <= data + size);

  ber::usm_security_parameters u;
  u.engine_id.assign(ber::as_chars(uv.engine_id));
  u.engine_boots = uv.engine_boots;
  u.engine_time = uv.engine_time;
  u.user_name.assign(ber::as_chars(uv.user_name));
  u.auth_params.assign(ber::as_chars(uv.auth_params));
  u.priv_params.assign(ber::as_chars(uv.priv_params));

  ber::writer w;
  ber::v3_encoding where;
  if (v.encrypted) {
    SNMPIO_FUZZ_CHECK(!ber::encode_v3_message_encrypted(w, v.header, u, v.scoped_pdu_data, &where));
  } else {
    ber::scoped_pdu s;
    if (ber::decode_scoped_pdu(v.scoped_pdu_data, s)) return 0;
    SNMPIO_FUZZ_CHECK(!ber::encode_v3_message(w, v.header, u, s, &where));
    ber::v3_message_view v2;
    SNMPIO_FUZZ_CHECK(!ber::decode_v3_message(w.data(), v2));
    ber::scoped_pdu s2;
    SNMPIO_FUZZ_CHECK(!ber::decode_scoped_pdu(v2.scoped_pdu_data, s2));
    SNMPIO_FUZZ_CHECK(s2 == s);
  }
  SNMPIO_FUZZ_CHECK(where.auth_params_length == u.auth_params.size());
  SNMPIO_FUZZ_CHECK(where.auth_params_offset + where.auth_params_length <= w.size());
  SNMPIO_FUZZ_CHECK(ber::as_chars(w.data().subspan(where.auth_params_offset, where.auth_params_length)) == u.auth_params);
  ber::v3_message_view v3;
  SNMPIO_FUZZ_CHECK(!ber::decode_v3_message(w.data(), v3));
  SNMPIO_FUZZ_CHECK(v3.header == v.header);
  return 0;
}
