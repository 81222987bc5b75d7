// OIDs to names and values with MIB knowledge, in the forms Net-SNMP's tools print:
// "SNMPv2-MIB::sysDescr.0", "IF-MIB::ifType.1 = INTEGER: ethernetCsmacd(6)", table
// indexes decoded by the row's INDEX clause, DISPLAY-HINTs (RFC 2579) applied.
#include "lib/mib/mib_tree.hpp"

#include <charconv>

namespace snmpio {

using mib_detail::node;

namespace mib_detail {
namespace {

void append_number(std::string& out, std::uint64_t v, char fmt, bool leading_zero, std::size_t octets) {
  char buf[72];
  int base = fmt == 'x' ? 16 : fmt == 'o' ? 8 : fmt == 'b' ? 2 : 10;
  auto r = std::to_chars(buf, buf + sizeof buf, v, base);
  std::size_t n = static_cast<std::size_t>(r.ptr - buf);
  if (leading_zero && fmt == 'x' && n < octets * 2) out.append(octets * 2 - n, '0');
  out.append(buf, n);
}

}  // namespace

// RFC 2579 octet-format: [*]LENGTH FORMAT [SEPARATOR] [TERMINATOR], the last
// specification repeated until the octets run out.
bool apply_octet_hint(std::string& out, std::string_view hint, std::string_view data, bool leading_zero) {
  std::size_t h = 0, i = 0;
  std::size_t spec_start = 0;
  if (hint.empty()) return false;
  while (i < data.size()) {
    if (h >= hint.size()) h = spec_start;  // repeat the last specification
    spec_start = h;
    bool star = false;
    if (hint[h] == '*') {
      star = true;
      ++h;
    }
    std::size_t len = 0;
    std::size_t digits = 0;
    while (h < hint.size() && hint[h] >= '0' && hint[h] <= '9') {
      len = len * 10 + static_cast<std::size_t>(hint[h] - '0');
      ++h;
      if (++digits > 6) return false;
    }
    if (digits == 0 || h >= hint.size()) return false;
    const char fmt = hint[h++];
    if (fmt != 'x' && fmt != 'd' && fmt != 'o' && fmt != 'a' && fmt != 't') return false;
    char sep = 0, term = 0;
    auto is_spec_char = [](char c) { return (c >= '0' && c <= '9') || c == '*'; };
    if (h < hint.size() && !is_spec_char(hint[h])) sep = hint[h++];
    if (star && h < hint.size() && !is_spec_char(hint[h])) term = hint[h++];
    std::size_t repeat = 1;
    if (star) repeat = static_cast<unsigned char>(data[i++]);
    for (std::size_t r = 0; r < repeat && i < data.size(); ++r) {
      const std::size_t take = std::min(len, data.size() - i);
      if (fmt == 'a' || fmt == 't') {
        out.append(data.substr(i, take));
      } else {
        if (take > 8) return false;
        std::uint64_t v = 0;
        for (std::size_t k = 0; k < take; ++k) v = v << 8 | static_cast<unsigned char>(data[i + k]);
        append_number(out, v, fmt, leading_zero, take);
      }
      i += take;
      if (len == 0) break;
      if (i < data.size() && sep && !(term && r + 1 == repeat)) out.push_back(sep);
    }
    if (term && i < data.size()) out.push_back(term);
    if (h >= hint.size()) h = spec_start;
  }
  return true;
}

// RFC 2579 integer format: "d", "d-N" (N implied decimal places), "x", "o", "b".
bool apply_integer_hint(std::string& out, std::string_view hint, std::int64_t v) {
  if (hint.empty()) return false;
  const char fmt = hint[0];
  if (fmt == 'd') {
    int places = 0;
    if (hint.size() > 1) {
      if (hint[1] != '-' || hint.size() < 3) return false;
      auto r = std::from_chars(hint.data() + 2, hint.data() + hint.size(), places);
      if (r.ec != std::errc{} || r.ptr != hint.data() + hint.size() || places < 0 || places > 20) return false;
    }
    const bool neg = v < 0;
    const std::uint64_t mag = neg ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    std::string digits = std::to_string(mag);
    if (places > 0) {
      if (digits.size() <= static_cast<std::size_t>(places))
        digits.insert(0, static_cast<std::size_t>(places) + 1 - digits.size(), '0');
      digits.insert(digits.size() - static_cast<std::size_t>(places), 1, '.');
    }
    if (neg) out.push_back('-');
    out += digits;
    return true;
  }
  if (hint.size() != 1 || (fmt != 'x' && fmt != 'o' && fmt != 'b')) return false;
  if (v < 0) {
    out.push_back('-');
    append_number(out, 0 - static_cast<std::uint64_t>(v), fmt, false, 0);
  } else {
    append_number(out, static_cast<std::uint64_t>(v), fmt, false, 0);
  }
  return true;
}

}  // namespace mib_detail

namespace {

constexpr bool printable(unsigned char c) noexcept { return c >= 0x20 && c <= 0x7E; }

bool integer_like(mib_base_type t) {
  return t == mib_base_type::integer32 || t == mib_base_type::unsigned32 || t == mib_base_type::counter32 ||
         t == mib_base_type::gauge32 || t == mib_base_type::time_ticks;
}

void append_arcs(std::string& out, const oid& o, std::size_t from) {
  for (std::size_t i = from; i < o.size(); ++i) {
    out.push_back('.');
    out += std::to_string(o[i]);
  }
}

// Decodes the instance part of a column's OID by the row's INDEX clause.
bool append_indexes(std::string& out, const node& row, const oid& o, std::size_t pos, bool escape_quotes) {
  std::string text;
  for (std::size_t k = 0; k < row.index_nodes.size(); ++k) {
    if (pos >= o.size()) return false;
    const mib_object& io = row.index_nodes[k]->obj;
    const bool implied = k + 1 == row.index_nodes.size() && row.obj.index.back().implied;
    text.push_back('.');
    if (integer_like(io.type)) {
      const std::uint32_t v = o[pos++];
      const mib_named_number* label = nullptr;
      for (const auto& nn : io.named_numbers)
        if (nn.number == static_cast<std::int64_t>(v)) label = &nn;
      if (label) text += label->label;
      else text += std::to_string(v);
    } else if (io.type == mib_base_type::ip_address) {
      if (pos + 4 > o.size()) return false;
      for (int b = 0; b < 4; ++b) {
        if (o[pos] > 255) return false;
        if (b) text.push_back('.');
        text += std::to_string(o[pos++]);
      }
    } else if (io.type == mib_base_type::octet_string || io.type == mib_base_type::bits ||
               io.type == mib_base_type::opaque) {
      std::size_t n;
      if (io.fixed_size) n = io.fixed_size;
      else if (implied) n = o.size() - pos;
      else n = o[pos++];
      if (n > o.size() - pos) return false;
      const char q = io.fixed_size || implied ? '\'' : '"';
      text.push_back(q);
      for (std::size_t b = 0; b < n; ++b) {
        const std::uint32_t c = o[pos++];
        if (c > 255) return false;
        if (c == static_cast<std::uint32_t>(q) && escape_quotes) text.push_back('\\');
        text.push_back(printable(static_cast<unsigned char>(c)) ? static_cast<char>(c) : '.');
      }
      text.push_back(q);
    } else {  // OBJECT IDENTIFIER
      std::size_t n = implied ? o.size() - pos : o[pos++];
      if (n > o.size() - pos) return false;
      text.pop_back();
      if (!implied) text += "." + std::to_string(n);
      for (std::size_t b = 0; b < n; ++b) text += "." + std::to_string(o[pos++]);
    }
  }
  if (pos != o.size()) return false;
  out += text;
  return true;
}

const char* should_be(mib_base_type t) {
  switch (t) {
    case mib_base_type::integer32: return "INTEGER";
    case mib_base_type::unsigned32:
    case mib_base_type::gauge32: return "Gauge32 or Unsigned32";
    case mib_base_type::octet_string: return "OCTET STRING";
    case mib_base_type::object_identifier: return "OBJECT IDENTIFIER";
    case mib_base_type::bits: return "BITS";
    case mib_base_type::ip_address: return "IpAddress";
    case mib_base_type::counter32: return "Counter32";
    case mib_base_type::time_ticks: return "Timeticks";
    case mib_base_type::opaque: return "Opaque";
    case mib_base_type::counter64: return "Counter64";
    default: return "?";
  }
}

bool type_matches(mib_base_type t, value_type v) {
  switch (t) {
    case mib_base_type::integer32: return v == value_type::integer32;
    case mib_base_type::unsigned32:
    case mib_base_type::gauge32: return v == value_type::gauge32;
    case mib_base_type::octet_string:
    case mib_base_type::bits: return v == value_type::octet_string;
    case mib_base_type::object_identifier: return v == value_type::object_identifier;
    case mib_base_type::ip_address: return v == value_type::ip_address;
    case mib_base_type::counter32: return v == value_type::counter32;
    case mib_base_type::time_ticks: return v == value_type::time_ticks;
    case mib_base_type::opaque: return v == value_type::opaque;
    case mib_base_type::counter64: return v == value_type::counter64;
    default: return true;
  }
}

}  // namespace

std::string mib::name(const oid& o, oid_format style, bool dont_break_indexes) const {
  if (style == oid_format::numeric) return format_oid(o);
  std::size_t depth = 0;
  const node* n = impl_->deepest(o, depth);
  if (!n) return format_oid(o);
  std::string out;
  switch (style) {
    case oid_format::full: {
      std::vector<const node*> path;
      for (const node* p = n; p && p != &impl_->root; p = p->parent) path.push_back(p);
      for (auto it = path.rbegin(); it != path.rend(); ++it) {
        out.push_back('.');
        if ((*it)->defined) out += (*it)->obj.name;
        else out += std::to_string((*it)->arc);
      }
      break;
    }
    case oid_format::ucd: {
      // The full path without the well-known ".iso.org.dod.internet.mgmt.mib-2." and
      // ".iso.org.dod.internet.private." beginnings.
      std::vector<const node*> path;
      for (const node* p = n; p && p != &impl_->root; p = p->parent) path.push_back(p);
      std::size_t skip = 0;
      static const oid mib2{1, 3, 6, 1, 2, 1}, priv{1, 3, 6, 1, 4};
      if (o.starts_with(mib2) && depth > mib2.size()) skip = mib2.size();
      else if (o.starts_with(priv) && depth > priv.size()) skip = priv.size();
      bool first = true;
      for (auto it = path.rbegin() + static_cast<std::ptrdiff_t>(skip); it != path.rend(); ++it) {
        if (!first || skip == 0) out.push_back('.');
        first = false;
        if ((*it)->defined) out += (*it)->obj.name;
        else out += std::to_string((*it)->arc);
      }
      break;
    }
    case oid_format::suffix:
      out = n->obj.name;
      break;
    default:
      if (!n->modules.empty()) out = n->obj.module + "::";
      out += n->obj.name;
      break;
  }
  if (depth < o.size()) {
    if (!(!dont_break_indexes && n->row && !n->row->index_nodes.empty() &&
          append_indexes(out, *n->row, o, depth, false)))
      append_arcs(out, o, depth);
  }
  return out;
}

std::string mib::format_value(const oid& name, const value& v, const format_options& opts) const {
  std::string out;
  std::size_t depth = 0;
  const node* n = impl_->deepest(name, depth);
  const mib_object* obj = n && (n->obj.kind == mib_node_kind::scalar || n->obj.kind == mib_node_kind::column)
                              ? &n->obj
                              : nullptr;
  const bool exception = v.type() == value_type::null || v.type() == value_type::no_such_object ||
                         v.type() == value_type::no_such_instance || v.type() == value_type::end_of_mib_view;
  if (!obj || obj->type == mib_base_type::none || exception) {
    if (v.type() == value_type::object_identifier) {
      if (!opts.quick) out += "OID: ";
      out += this->name(v.as_oid(), opts.oids, opts.dont_break_indexes);
      return out;
    }
    append_value(out, v, opts);
    if (obj && !exception && !obj->units.empty() && !opts.no_units) out += " " + obj->units;
    return out;
  }
  if (!type_matches(obj->type, v.type())) {
    out += "Wrong Type (should be ";
    out += should_be(obj->type);
    out += "): ";
    if (v.type() == value_type::object_identifier) {
      if (!opts.quick) out += "OID: ";
      out += this->name(v.as_oid(), opts.oids, opts.dont_break_indexes);
    } else {
      append_value(out, v, opts);
    }
    return out;
  }
  const bool units = !obj->units.empty() && !opts.no_units;
  switch (obj->type) {
    case mib_base_type::integer32: {
      const std::int32_t x = v.as_int32();
      const mib_named_number* label = nullptr;
      if (!opts.enums_numeric)
        for (const auto& nn : obj->named_numbers)
          if (nn.number == x) label = &nn;
      if (!opts.quick) out += "INTEGER: ";
      if (label) {
        out += label->label;
        if (!opts.quick) out += "(" + std::to_string(x) + ")";
      } else if (obj->display_hint.empty() || !mib_detail::apply_integer_hint(out, obj->display_hint, x)) {
        out += std::to_string(x);
      }
      break;
    }
    case mib_base_type::unsigned32:
    case mib_base_type::gauge32:
    case mib_base_type::counter32: {
      const bool gauge = obj->type != mib_base_type::counter32;
      if (!opts.quick) out += gauge ? "Gauge32: " : "Counter32: ";
      if (obj->display_hint.empty() || !mib_detail::apply_integer_hint(out, obj->display_hint, v.as_uint32()))
        out += std::to_string(v.as_uint32());
      break;
    }
    case mib_base_type::octet_string: {
      const std::string_view s = v.as_octets();
      std::string hinted;
      if (!obj->display_hint.empty() &&
          mib_detail::apply_octet_hint(hinted, obj->display_hint, s, opts.hex_leading_zero)) {
        if (!opts.quick) out += "STRING: ";
        out += hinted;
      } else {
        append_value(out, v, opts);
      }
      break;
    }
    case mib_base_type::bits: {
      const std::string_view s = v.as_octets();
      if (opts.quick) {  // the octets alone, as a quoted hex dump
        format_options hex = opts;
        hex.strings = string_format::hex;
        append_value(out, v, hex);
        break;
      }
      out += "BITS: ";
      static const char hex[] = "0123456789ABCDEF";
      for (unsigned char c : s) {
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
        out.push_back(' ');
      }
      for (std::size_t byte = 0; byte < s.size(); ++byte)
        for (int bit = 0; bit < 8; ++bit)
          if (static_cast<unsigned char>(s[byte]) & (0x80 >> bit)) {
            const auto number = static_cast<std::int64_t>(byte * 8 + static_cast<std::size_t>(bit));
            const mib_named_number* label = nullptr;
            if (!opts.enums_numeric)  // -Oe: bit numbers alone, as for enumerations
              for (const auto& nn : obj->named_numbers)
                if (nn.number == number) label = &nn;
            if (label) out += label->label + "(" + std::to_string(number) + ") ";
            else out += std::to_string(number) + " ";
          }
      break;
    }
    case mib_base_type::object_identifier:
      if (!opts.quick) out += "OID: ";
      out += this->name(v.as_oid(), opts.oids, opts.dont_break_indexes);
      break;
    default:
      append_value(out, v, opts);
      break;
  }
  if (units) out += " " + obj->units;
  return out;
}

void mib::append_varbind(std::string& out, const varbind& vb, const format_options& opts) const {
  if (!opts.value_only) {
    out += name(vb.name, opts.oids, opts.dont_break_indexes);
    if (opts.quick && !opts.quick_equals) out.push_back(' ');
    else out += " = ";
  }
  out += format_value(vb.name, vb.value, opts);
}

std::string mib::format_varbind(const varbind& vb, const format_options& opts) const {
  std::string out;
  append_varbind(out, vb, opts);
  return out;
}

}  // namespace snmpio
