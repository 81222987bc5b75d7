#include "ber/message_codec.hpp"

#include <limits>

namespace snmpio::ber {
namespace {

constexpr std::int32_t int32_max = std::numeric_limits<std::int32_t>::max();

// The outer SEQUENCE must span the datagram exactly.
std::error_code open_message(bytes datagram, reader& inner) noexcept {
  reader r(datagram);
  bytes content;
  if (auto ec = r.expect(tag::sequence, content)) return ec;
  if (!r.empty()) return errc::trailing_data;
  inner = reader(content);
  return {};
}

}  // namespace

std::error_code peek_version(bytes datagram, std::int32_t& version) noexcept {
  reader r(datagram);
  bytes content;
  if (auto ec = r.expect(tag::sequence, content)) return ec;
  reader inner(content);
  return read_int32(inner, version);
}

std::error_code decode_community_message(bytes datagram, community_message& out, decode_tally* tally) {
  reader r;
  if (auto ec = open_message(datagram, r)) return ec;
  std::int32_t v;
  if (auto ec = read_int32(r, v, tally)) return ec;
  if (v != 0 && v != 1) return errc::unsupported_version;
  out.version = static_cast<snmp_version>(v);
  bytes community;
  if (auto ec = read_octets(r, community)) return ec;
  out.community.assign(as_chars(community));
  if (auto ec = decode_pdu(r, out.version, out.data, tally)) return ec;
  if (!r.empty()) return errc::trailing_data;
  return {};
}

std::error_code encode_community_message(writer& w, const community_message& m) {
  if (m.version != snmp_version::v1 && m.version != snmp_version::v2c) return errc::unsupported_version;
  w.clear();
  if (auto ec = encode_pdu(w, m.version, m.data)) return ec;
  w.put_octets(tag::octet_string, as_bytes(m.community));
  w.put_integer(tag::integer, static_cast<std::int32_t>(m.version));
  w.wrap(tag::sequence, 0);
  return {};
}

std::error_code decode_v3_message(bytes datagram, v3_message_view& out, decode_tally* tally) noexcept {
  reader r;
  if (auto ec = open_message(datagram, r)) return ec;
  std::int32_t v;
  if (auto ec = read_int32(r, v, tally)) return ec;
  if (v != 3) return errc::unsupported_version;

  bytes header;
  if (auto ec = r.expect(tag::sequence, header)) return ec;
  reader h(header);
  if (auto ec = read_int32_in(h, 0, int32_max, out.header.msg_id, tally)) return ec;
  if (auto ec = read_int32_in(h, min_msg_max_size, int32_max, out.header.max_size, tally)) return ec;
  bytes flags;
  if (auto ec = read_octets(h, flags)) return ec;
  if (flags.size() != 1) return errc::bad_msg_flags;
  out.header.flags = flags[0];
  if (auto ec = read_int32_in(h, 1, int32_max, out.header.security_model, tally)) return ec;
  if (!h.empty()) return errc::trailing_data;

  if (auto ec = read_octets(r, out.security_parameters)) return ec;

  const std::uint8_t* data_start = r.position();
  tlv data;
  if (auto ec = r.next(data)) return ec;
  // RFC 3412 §7.2 step 5 judges msgFlags before the security model reads msgData.
  if ((out.header.flags & msg_flags::priv) && !(out.header.flags & msg_flags::auth))
    return errc::invalid_msg_flags;
  out.encrypted = (out.header.flags & msg_flags::priv) != 0;
  if (data.tag != (out.encrypted ? tag::octet_string : tag::sequence)) return errc::bad_tag;
  // Plaintext: the whole ScopedPDU TLV, ready for decode_scoped_pdu.
  out.scoped_pdu_data = out.encrypted ? data.content
                                      : bytes(data_start, static_cast<std::size_t>(r.position() - data_start));
  if (!r.empty()) return errc::trailing_data;
  return {};
}

std::error_code decode_usm_security_parameters(bytes content, usm_security_parameters_view& out,
                                               decode_tally* tally) noexcept {
  reader outer(content);
  bytes seq;
  if (auto ec = outer.expect(tag::sequence, seq)) return ec;
  if (!outer.empty()) return errc::trailing_data;
  reader r(seq);
  if (auto ec = read_octets(r, out.engine_id)) return ec;
  if (out.engine_id.size() > 32) return errc::value_out_of_range;
  if (auto ec = read_int32_in(r, 0, int32_max, out.engine_boots, tally)) return ec;
  if (auto ec = read_int32_in(r, 0, int32_max, out.engine_time, tally)) return ec;
  if (auto ec = read_octets(r, out.user_name)) return ec;
  if (out.user_name.size() > 32) return errc::value_out_of_range;
  if (auto ec = read_octets(r, out.auth_params)) return ec;
  if (auto ec = read_octets(r, out.priv_params)) return ec;
  if (!r.empty()) return errc::trailing_data;
  return {};
}

std::error_code decode_scoped_pdu(bytes data, scoped_pdu& out, bool allow_trailing, decode_tally* tally) {
  reader outer(data);
  bytes seq;
  if (auto ec = outer.expect(tag::sequence, seq)) return ec;
  if (!outer.empty() && !allow_trailing) return errc::trailing_data;
  reader r(seq);
  bytes c;
  if (auto ec = read_octets(r, c)) return ec;
  out.context_engine_id.assign(as_chars(c));
  if (auto ec = read_octets(r, c)) return ec;
  out.context_name.assign(as_chars(c));
  if (auto ec = decode_pdu(r, snmp_version::v3, out.data, tally)) return ec;
  if (!r.empty()) return errc::trailing_data;
  return {};
}

std::error_code encode_scoped_pdu(writer& w, const scoped_pdu& s) {
  const std::size_t start = w.mark();
  if (auto ec = encode_pdu(w, snmp_version::v3, s.data)) return ec;
  w.put_octets(tag::octet_string, as_bytes(s.context_name));
  w.put_octets(tag::octet_string, as_bytes(s.context_engine_id));
  w.wrap(tag::sequence, start);
  return {};
}

namespace {

std::error_code check_header(const v3_header& h, const usm_security_parameters& usm) noexcept {
  if (h.msg_id < 0 || h.max_size < min_msg_max_size || h.security_model < 1 || usm.engine_boots < 0 ||
      usm.engine_time < 0 || usm.engine_id.size() > 32 || usm.user_name.size() > 32)
    return errc::value_out_of_range;
  if ((h.flags & msg_flags::priv) && !(h.flags & msg_flags::auth)) return errc::invalid_msg_flags;
  return {};
}

// Writes everything in front of msgData (already in `w`), recording where the
// authentication parameters land.
void encode_envelope(writer& w, const v3_header& h, const usm_security_parameters& usm, v3_encoding* where) {
  const std::size_t sec_start = w.mark();
  w.put_octets(tag::octet_string, as_bytes(usm.priv_params));
  w.put_raw(as_bytes(usm.auth_params));
  // Offsets from the end stay fixed while the writer prepends.
  const std::size_t auth_end_from_back = w.mark() - usm.auth_params.size();
  w.put_header(tag::octet_string, usm.auth_params.size());
  w.put_octets(tag::octet_string, as_bytes(usm.user_name));
  w.put_integer(tag::integer, usm.engine_time);
  w.put_integer(tag::integer, usm.engine_boots);
  w.put_octets(tag::octet_string, as_bytes(usm.engine_id));
  w.wrap(tag::sequence, sec_start);
  w.wrap(tag::octet_string, sec_start);

  const std::size_t header_start = w.mark();
  w.put_integer(tag::integer, h.security_model);
  const std::uint8_t flags = h.flags;
  w.put_octets(tag::octet_string, bytes(&flags, 1));
  w.put_integer(tag::integer, h.max_size);
  w.put_integer(tag::integer, h.msg_id);
  w.wrap(tag::sequence, header_start);
  w.put_integer(tag::integer, 3);
  w.wrap(tag::sequence, 0);
  if (where) {
    where->auth_params_length = usm.auth_params.size();
    where->auth_params_offset = w.size() - auth_end_from_back - usm.auth_params.size();
  }
}

}  // namespace

std::error_code encode_v3_message(writer& w, const v3_header& h, const usm_security_parameters& usm,
                                  const scoped_pdu& s, v3_encoding* where) {
  if (auto ec = check_header(h, usm)) return ec;
  if (h.flags & msg_flags::priv) return errc::invalid_argument;  // plaintext with the priv flag
  w.clear();
  if (auto ec = encode_scoped_pdu(w, s)) return ec;
  encode_envelope(w, h, usm, where);
  return {};
}

std::error_code encode_v3_message_encrypted(writer& w, const v3_header& h, const usm_security_parameters& usm,
                                            bytes ciphertext, v3_encoding* where) {
  if (auto ec = check_header(h, usm)) return ec;
  if (!(h.flags & msg_flags::priv)) return errc::invalid_argument;
  w.clear();
  w.put_octets(tag::octet_string, ciphertext);
  encode_envelope(w, h, usm, where);
  return {};
}

}  // namespace snmpio::ber
