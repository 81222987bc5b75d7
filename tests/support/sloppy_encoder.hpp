// Test helper: writes SNMP messages the way some peers in wide use write them, with
// integers that carry redundant leading octets (gosnmp's 4-octet request-ids), which
// snmpio's own encoder never produces. Used to check that snmpio takes and counts them
// (man 7 snmpio, WHAT SNMPIO ACCEPTS).
#pragma once

#include "ber/message_codec.hpp"

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace snmpio::test {

/// An INTEGER TLV for `v` with `extra` redundant leading octets (0x00, or 0xFF for a
/// negative value) in front of its minimal form.
inline std::vector<std::uint8_t> padded_integer(std::int32_t v, std::size_t extra = 1) {
  ber::writer w;
  w.put_integer(ber::tag::integer, v);
  std::vector<std::uint8_t> t(w.data().begin(), w.data().end());
  t.insert(t.begin() + 2, extra, v < 0 ? 0xFF : 0x00);
  t[1] = static_cast<std::uint8_t>(t[1] + extra);
  return t;
}

/// A v1/v2c message (not a Trap-PDU) written minimal except for its request-id, which
/// takes `extra` redundant leading octets.
inline std::vector<std::uint8_t> encode_with_padded_request_id(const ber::community_message& m,
                                                                std::size_t extra = 1) {
  ber::writer w;
  const std::size_t list = w.mark();
  for (std::size_t i = m.data.varbinds.size(); i-- > 0;) {
    const std::size_t at = w.mark();
    if (ber::encode_value(w, m.data.varbinds[i].value) || w.put_oid(m.data.varbinds[i].name))
      throw std::runtime_error("encode_with_padded_request_id: cannot encode a varbind");
    w.wrap(ber::tag::sequence, at);
  }
  w.wrap(ber::tag::sequence, list);
  w.put_integer(ber::tag::integer, m.data.error_index);
  w.put_integer(ber::tag::integer, m.data.error_status);
  const auto id = padded_integer(m.data.request_id, extra);
  w.put_raw(id);
  w.wrap(static_cast<std::uint8_t>(m.data.type), 0);
  w.put_octets(ber::tag::octet_string, ber::as_bytes(m.community));
  w.put_integer(ber::tag::integer, static_cast<std::int32_t>(m.version));
  w.wrap(ber::tag::sequence, 0);
  return {w.data().begin(), w.data().end()};
}

}  // namespace snmpio::test
