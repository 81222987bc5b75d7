// Table index encoding (RFC 2578 §7.7): the values of a row's INDEX objects as the
// sub-identifiers that follow a column's OID. Decoding is strict: every length prefix
// is checked against what remains before it is used.
#include <snmpio/command_responder.hpp>

namespace snmpio {

namespace {

constexpr std::uint32_t max_octet = 255;
constexpr std::size_t max_string = 255;

bool octets_from(std::span<const std::uint32_t> arcs, std::string& out) {
  out.clear();
  out.reserve(arcs.size());
  for (auto a : arcs) {
    if (a > max_octet) return false;
    out.push_back(static_cast<char>(a));
  }
  return true;
}

}  // namespace

result<std::vector<value>> decode_index(const index_spec& spec, std::span<const std::uint32_t> index) {
  const std::error_code bad = responder_errc::bad_index;
  if (index.empty() && !spec.empty()) return bad;
  std::vector<value> out;
  out.reserve(spec.size());
  std::size_t pos = 0;
  std::string octets;
  for (std::size_t k = 0; k < spec.size(); ++k) {
    const auto& part = spec[k];
    std::size_t rem = index.size() - pos;
    bool last = k + 1 == spec.size();
    switch (part.kind) {
      case index_kind::integer:
        if (rem < 1 || index[pos] > 0x7fffffffu) return bad;
        out.push_back(value::integer32(static_cast<std::int32_t>(index[pos])));
        pos += 1;
        break;
      case index_kind::unsigned32:
        if (rem < 1) return bad;
        out.push_back(value::unsigned32(index[pos]));
        pos += 1;
        break;
      case index_kind::ip_address: {
        if (rem < 4) return bad;
        std::array<std::uint8_t, 4> a{};
        for (std::size_t j = 0; j < 4; ++j) {
          if (index[pos + j] > max_octet) return bad;
          a[j] = static_cast<std::uint8_t>(index[pos + j]);
        }
        out.push_back(value::ip_address(a));
        pos += 4;
        break;
      }
      case index_kind::fixed_string:
        if (part.length > max_string || rem < part.length) return bad;
        if (!octets_from(index.subspan(pos, part.length), octets)) return bad;
        out.push_back(value::octet_string(octets));
        pos += part.length;
        break;
      case index_kind::string: {
        if (rem < 1) return bad;
        std::uint32_t len = index[pos];
        if (len > max_string || len > rem - 1) return bad;
        if (!octets_from(index.subspan(pos + 1, len), octets)) return bad;
        out.push_back(value::octet_string(octets));
        pos += 1 + len;
        break;
      }
      case index_kind::implied_string:
        if (!last || rem > max_string) return bad;
        if (!octets_from(index.subspan(pos), octets)) return bad;
        out.push_back(value::octet_string(octets));
        pos = index.size();
        break;
      case index_kind::object_identifier: {
        if (rem < 1) return bad;
        std::uint32_t len = index[pos];
        if (len > oid::max_subids || len > rem - 1) return bad;
        out.push_back(value::object_identifier(oid(index.subspan(pos + 1, len))));
        pos += 1 + len;
        break;
      }
      case index_kind::implied_object_identifier:
        if (!last || rem > oid::max_subids) return bad;
        out.push_back(value::object_identifier(oid(index.subspan(pos))));
        pos = index.size();
        break;
      default:
        return bad;
    }
  }
  if (pos != index.size()) return bad;
  return out;
}

result<oid> encode_index(const index_spec& spec, std::span<const value> parts) {
  const std::error_code bad = responder_errc::bad_index;
  const std::error_code wrong = responder_errc::wrong_type;
  if (parts.size() != spec.size()) return bad;
  std::vector<std::uint32_t> arcs;
  auto put_octets = [&](std::string_view s) {
    for (unsigned char c : s) arcs.push_back(c);
  };
  for (std::size_t k = 0; k < spec.size(); ++k) {
    const auto& part = spec[k];
    const value& v = parts[k];
    bool last = k + 1 == spec.size();
    switch (part.kind) {
      case index_kind::integer:
        if (v.type() != value_type::integer32) return wrong;
        if (v.as_int32() < 0) return bad;
        arcs.push_back(static_cast<std::uint32_t>(v.as_int32()));
        break;
      case index_kind::unsigned32:
        if (v.type() != value_type::gauge32 && v.type() != value_type::counter32 && v.type() != value_type::time_ticks)
          return wrong;
        arcs.push_back(v.as_uint32());
        break;
      case index_kind::ip_address:
        if (v.type() != value_type::ip_address) return wrong;
        for (auto o : v.as_ip_address()) arcs.push_back(o);
        break;
      case index_kind::fixed_string:
        if (v.type() != value_type::octet_string) return wrong;
        if (v.as_octets().size() != part.length || part.length > max_string) return bad;
        put_octets(v.as_octets());
        break;
      case index_kind::string:
        if (v.type() != value_type::octet_string) return wrong;
        if (v.as_octets().size() > max_string) return bad;
        arcs.push_back(static_cast<std::uint32_t>(v.as_octets().size()));
        put_octets(v.as_octets());
        break;
      case index_kind::implied_string:
        if (v.type() != value_type::octet_string) return wrong;
        if (!last || v.as_octets().size() > max_string) return bad;
        put_octets(v.as_octets());
        break;
      case index_kind::object_identifier:
        if (v.type() != value_type::object_identifier) return wrong;
        arcs.push_back(static_cast<std::uint32_t>(v.as_oid().size()));
        arcs.insert(arcs.end(), v.as_oid().begin(), v.as_oid().end());
        break;
      case index_kind::implied_object_identifier:
        if (v.type() != value_type::object_identifier) return wrong;
        if (!last) return bad;
        arcs.insert(arcs.end(), v.as_oid().begin(), v.as_oid().end());
        break;
      default:
        return bad;
    }
    if (arcs.size() > oid::max_subids) return bad;
  }
  if (arcs.empty() && !spec.empty()) return bad;  // an index must name something
  return oid(std::span<const std::uint32_t>(arcs));
}

}  // namespace snmpio
