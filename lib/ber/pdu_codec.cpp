#include "ber/pdu_codec.hpp"

namespace snmpio::detail {

// Refills a value in place: a string or OID already held keeps its buffer, so a
// receive loop that decodes into the same message again and again stops allocating.
struct value_access {
  static void set_octets(value& v, value_type t, std::string_view s) {
    if (auto* str = std::get_if<std::string>(&v.v_)) {
      str->assign(s);
    } else {
      v.v_.emplace<std::string>(s);
    }
    v.type_ = t;
  }
  static std::error_code set_oid(value& v, ber::bytes content) {
    oid* o = std::get_if<oid>(&v.v_);
    if (!o) o = &v.v_.emplace<oid>();
    v.type_ = value_type::object_identifier;
    return ber::decode_oid(content, *o);
  }
};

}  // namespace snmpio::detail

namespace snmpio::ber {

std::error_code decode_value(const tlv& t, value& out, decode_tally* tally) {
  const bytes c = t.content;
  switch (t.tag) {
    case tag::integer: {
      std::int32_t v;
      if (auto ec = decode_int32(c, v, tally)) return ec;
      out = value::integer32(v);
      return {};
    }
    case tag::octet_string:
      detail::value_access::set_octets(out, value_type::octet_string, as_chars(c));
      return {};
    case tag::null:
      if (!c.empty()) return errc::bad_value_length;
      out = value::null();
      return {};
    case tag::object_identifier:
      if (auto ec = detail::value_access::set_oid(out, c)) {
        out = value::null();  // never leave a half-decoded OID behind
        return ec;
      }
      return {};
    case tag::ip_address:
      if (c.size() != 4) return errc::bad_value_length;
      out = value::ip_address({c[0], c[1], c[2], c[3]});
      return {};
    case tag::counter32:
    case tag::gauge32:
    case tag::time_ticks: {
      std::uint32_t v;
      if (auto ec = decode_uint32(c, v, tally)) return ec;
      out = t.tag == tag::counter32 ? value::counter32(v)
            : t.tag == tag::gauge32 ? value::gauge32(v)
                                    : value::time_ticks(v);
      return {};
    }
    case tag::opaque:
      detail::value_access::set_octets(out, value_type::opaque, as_chars(c));
      return {};
    case tag::counter64: {
      std::uint64_t v;
      if (auto ec = decode_uint64(c, v, tally)) return ec;
      out = value::counter64(v);
      return {};
    }
    case 0x80:
    case 0x81:
    case 0x82:
      if (!c.empty()) return errc::bad_value_length;
      out = t.tag == 0x80 ? value::no_such_object()
            : t.tag == 0x81 ? value::no_such_instance()
                            : value::end_of_mib_view();
      return {};
    default:
      return errc::bad_tag;
  }
}

std::error_code encode_value(writer& w, const value& v) {
  const auto t = static_cast<std::uint8_t>(v.type());
  switch (v.type()) {
    case value_type::integer32:
      w.put_integer(t, v.as_int32());
      return {};
    case value_type::octet_string:
    case value_type::opaque: {
      const std::string_view s = v.as_octets();
      if (s.size() > 65535) return errc::value_out_of_range;  // SIZE (0..65535), RFC 2578
      w.put_octets(t, as_bytes(s));
      return {};
    }
    case value_type::null:
    case value_type::no_such_object:
    case value_type::no_such_instance:
    case value_type::end_of_mib_view:
      w.put_null(t);
      return {};
    case value_type::object_identifier:
      return w.put_oid(v.as_oid());
    case value_type::ip_address: {
      const auto a = v.as_ip_address();
      w.put_octets(t, bytes(a.data(), a.size()));
      return {};
    }
    case value_type::counter32:
    case value_type::gauge32:
    case value_type::time_ticks:
      w.put_unsigned(t, v.as_uint32());
      return {};
    case value_type::counter64:
      w.put_unsigned(t, v.as_uint64());
      return {};
  }
  return errc::invalid_argument;
}

bool pdu_allowed(snmp_version version, pdu_type type) noexcept {
  switch (type) {
    case pdu_type::get_request:
    case pdu_type::get_next_request:
    case pdu_type::response:
    case pdu_type::set_request:
      return true;
    case pdu_type::trap_v1:
      return version == snmp_version::v1;
    case pdu_type::get_bulk_request:
    case pdu_type::inform_request:
    case pdu_type::trap_v2:
    case pdu_type::report:
      return version != snmp_version::v1;
  }
  return false;
}

namespace {

bool known_pdu_tag(std::uint8_t t) noexcept { return t >= 0xA0 && t <= 0xA8; }

std::error_code decode_varbinds(bytes list, std::vector<varbind>& out, decode_tally* tally) {
  reader r(list);
  std::size_t n = 0;
  while (!r.empty()) {
    bytes vb;
    if (auto ec = r.expect(tag::sequence, vb)) return ec;
    reader inner(vb);
    // Overwrite in place: reusing each varbind keeps its OID and string storage.
    if (n == out.size()) out.emplace_back();
    varbind& target = out[n++];
    bytes name;
    if (auto ec = inner.expect(tag::object_identifier, name)) return ec;
    if (auto ec = decode_oid(name, target.name)) return ec;
    tlv v;
    if (auto ec = inner.next(v)) return ec;
    if (auto ec = decode_value(v, target.value, tally)) return ec;
    if (!inner.empty()) return errc::trailing_data;
  }
  out.resize(n);
  return {};
}

}  // namespace

std::error_code decode_pdu(reader& r, snmp_version version, pdu& out, decode_tally* tally) {
  tlv t;
  if (auto ec = r.next(t)) return ec;
  if (!known_pdu_tag(t.tag)) return errc::unknown_pdu_type;
  const auto type = static_cast<pdu_type>(t.tag);
  if (!pdu_allowed(version, type)) return errc::wrong_pdu_for_version;
  out.type = type;
  reader in(t.content);
  bytes list;
  if (type == pdu_type::trap_v1) {
    out.request_id = out.error_status = out.error_index = 0;
    bytes c;
    if (auto ec = in.expect(tag::object_identifier, c)) return ec;
    if (auto ec = decode_oid(c, out.enterprise)) return ec;
    if (auto ec = in.expect(tag::ip_address, c)) return ec;
    if (c.size() != 4) return errc::bad_value_length;
    out.agent_address = {c[0], c[1], c[2], c[3]};
    if (auto ec = read_int32(in, out.generic_trap, tally)) return ec;
    if (auto ec = read_int32(in, out.specific_trap, tally)) return ec;
    if (auto ec = in.expect(tag::time_ticks, c)) return ec;
    if (auto ec = decode_uint32(c, out.time_stamp, tally)) return ec;
  } else {
    out.enterprise.clear();
    out.agent_address = {};
    out.generic_trap = out.specific_trap = 0;
    out.time_stamp = 0;
    if (auto ec = read_int32(in, out.request_id, tally)) return ec;
    if (auto ec = read_int32(in, out.error_status, tally)) return ec;
    if (auto ec = read_int32(in, out.error_index, tally)) return ec;
  }
  if (auto ec = in.expect(tag::sequence, list)) return ec;
  if (!in.empty()) return errc::trailing_data;
  return decode_varbinds(list, out.varbinds, tally);
}

std::error_code encode_pdu(writer& w, snmp_version version, const pdu& p) {
  const auto t = static_cast<std::uint8_t>(p.type);
  if (!known_pdu_tag(t)) return errc::unknown_pdu_type;
  if (!pdu_allowed(version, p.type)) return errc::wrong_pdu_for_version;
  const std::size_t pdu_start = w.mark();
  const std::size_t list_start = w.mark();
  for (std::size_t i = p.varbinds.size(); i-- > 0;) {
    const std::size_t vb_start = w.mark();
    if (auto ec = encode_value(w, p.varbinds[i].value)) return ec;
    if (auto ec = w.put_oid(p.varbinds[i].name)) return ec;
    w.wrap(tag::sequence, vb_start);
  }
  w.wrap(tag::sequence, list_start);
  if (p.type == pdu_type::trap_v1) {
    w.put_unsigned(tag::time_ticks, p.time_stamp);
    w.put_integer(tag::integer, p.specific_trap);
    w.put_integer(tag::integer, p.generic_trap);
    w.put_octets(tag::ip_address, bytes(p.agent_address.data(), p.agent_address.size()));
    if (auto ec = w.put_oid(p.enterprise)) return ec;
  } else {
    w.put_integer(tag::integer, p.error_index);
    w.put_integer(tag::integer, p.error_status);
    w.put_integer(tag::integer, p.request_id);
  }
  w.wrap(t, pdu_start);
  return {};
}

}  // namespace snmpio::ber
