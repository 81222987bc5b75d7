// Names to OIDs: "MODULE::descriptor.suffix", bare descriptors, paths from the root,
// numeric text, and table indexes typed by the row's INDEX clause.
#include "lib/mib/mib_tree.hpp"

#include <charconv>

namespace snmpio {

using mib_detail::node;

namespace {

// The suffix after a descriptor, split at dots; quoted strings ("a.b", 'x') stay whole.
struct token {
  std::string_view text;
  bool quoted = false;
  std::string value;  // quoted: the unescaped contents
};

bool split_tokens(std::string_view s, std::vector<token>& out, std::string& bad) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '"' || s[i] == '\'') {
      const char q = s[i];
      token t;
      t.quoted = true;
      std::size_t j = i + 1;
      for (; j < s.size() && s[j] != q; ++j) {
        if (s[j] == '\\' && j + 1 < s.size()) ++j;
        t.value.push_back(s[j]);
      }
      if (j >= s.size()) return bad = std::string(s.substr(i)), false;
      t.text = s.substr(i, j + 1 - i);
      out.push_back(std::move(t));
      i = j + 1;
      if (i < s.size()) {
        if (s[i] != '.') return bad = std::string(s.substr(i)), false;
        ++i;
        if (i == s.size()) return bad = std::string(s.substr(i - 1)), false;
      }
      continue;
    }
    std::size_t j = s.find('.', i);
    if (j == std::string_view::npos) j = s.size();
    if (j == i) return bad = std::string(s.substr(i)), false;
    out.push_back({s.substr(i, j - i), false, {}});
    i = j + (j < s.size() ? 1 : 0);
    if (j + 1 == s.size()) return bad = ".", false;  // a trailing dot
  }
  return true;
}

bool parse_arc(std::string_view t, std::uint32_t& v) {
  if (t.empty() || t.size() > 10) return false;
  for (char c : t)
    if (c < '0' || c > '9') return false;
  std::uint64_t x = 0;
  std::from_chars(t.data(), t.data() + t.size(), x);
  if (x > 0xFFFFFFFFu) return false;
  v = static_cast<std::uint32_t>(x);
  return true;
}

bool integer_like(mib_base_type t) {
  return t == mib_base_type::integer32 || t == mib_base_type::unsigned32 || t == mib_base_type::counter32 ||
         t == mib_base_type::gauge32 || t == mib_base_type::time_ticks;
}

// Encodes the tokens from `pos` as the row's indexes; false with `reason` on failure.
bool encode_indexes(const node& row, const std::vector<token>& toks, std::size_t pos, oid& out, std::string& reason) {
  auto out_of_range = [&](const token& t, const node* in) {
    reason = "Index out of range: " + std::string(t.text) + " (" + in->obj.name + ")";
    return false;
  };
  for (std::size_t k = 0; k < row.index_nodes.size() && pos < toks.size(); ++k) {
    const node* in = row.index_nodes[k];
    const mib_object& io = in->obj;
    const bool last = k + 1 == row.index_nodes.size();
    const bool implied = last && !row.obj.index.empty() && row.obj.index.back().implied;
    const token& t = toks[pos];
    std::uint32_t arc = 0;
    if (integer_like(io.type)) {
      if (parse_arc(t.text, arc)) {
        out.push_back(arc);
      } else {
        bool found = false;
        for (const auto& nn : io.named_numbers)
          if (!t.quoted && nn.label == t.text) {
            out.push_back(static_cast<std::uint32_t>(nn.number));
            found = true;
          }
        if (!found) return out_of_range(t, in);
      }
      ++pos;
    } else if (io.type == mib_base_type::ip_address) {
      if (t.quoted || pos + 4 > toks.size()) return out_of_range(t, in);
      for (int b = 0; b < 4; ++b) {
        if (!parse_arc(toks[pos].text, arc) || arc > 255) return out_of_range(toks[pos], in);
        out.push_back(arc);
        ++pos;
      }
    } else if (io.type == mib_base_type::octet_string || io.type == mib_base_type::bits ||
               io.type == mib_base_type::opaque) {
      if (t.quoted) {
        if (io.fixed_size && t.value.size() != io.fixed_size) return out_of_range(t, in);
        if (!io.fixed_size && !implied) out.push_back(static_cast<std::uint32_t>(t.value.size()));
        for (unsigned char c : t.value) out.push_back(c);
        ++pos;
      } else {
        std::size_t n = 0;
        if (io.fixed_size) {
          n = io.fixed_size;
        } else if (implied) {
          n = toks.size() - pos;
        } else {
          if (!parse_arc(t.text, arc)) return out_of_range(t, in);
          out.push_back(arc);
          ++pos;
          n = arc;
        }
        if (pos + n > toks.size()) return out_of_range(t, in);
        for (std::size_t b = 0; b < n; ++b, ++pos) {
          if (!parse_arc(toks[pos].text, arc) || arc > 255) return out_of_range(toks[pos], in);
          out.push_back(arc);
        }
      }
    } else {  // OBJECT IDENTIFIER and anything else: numeric arcs
      if (t.quoted) return out_of_range(t, in);
      std::size_t n = 0;
      if (implied) {
        n = toks.size() - pos;
      } else {
        if (!parse_arc(t.text, arc)) return out_of_range(t, in);
        out.push_back(arc);
        ++pos;
        n = arc;
      }
      if (pos + n > toks.size()) return out_of_range(t, in);
      for (std::size_t b = 0; b < n; ++b, ++pos) {
        if (!parse_arc(toks[pos].text, arc)) return out_of_range(toks[pos], in);
        out.push_back(arc);
      }
    }
  }
  for (; pos < toks.size(); ++pos) {
    std::uint32_t arc = 0;
    if (toks[pos].quoted || !parse_arc(toks[pos].text, arc)) return reason = std::string(toks[pos].text), false;
    out.push_back(arc);
  }
  return true;
}

}  // namespace

result<oid> mib::resolve(std::string_view text, const resolve_options& opts) {
  std::string reason;
  return resolve(text, opts, reason);
}

result<oid> mib::resolve(std::string_view text, const resolve_options& opts, std::string& reason) {
  reason.clear();
  if (text.empty()) return errc::mib_unknown_name;
  // Plain numbers first: the common case costs no lookup.
  if (auto o = oid::parse(text)) return *o;
  impl& m = *impl_;
  const node* at = nullptr;
  std::string_view rest;
  const auto sep = text.find("::");
  if (sep != std::string_view::npos) {
    const std::string_view module = text.substr(0, sep);
    if (!m.loaded_set.count(std::string(module))) {
      (void)load_module(module);
      if (!m.loaded_set.count(std::string(module))) {
        reason = "";
        return errc::mib_unknown_module;
      }
    }
    const std::string_view after = text.substr(sep + 2);
    const std::string_view label = after.substr(0, after.find('.'));
    at = m.lookup(module, label);
    if (!at) return errc::mib_unknown_name;
    rest = label.size() < after.size() ? after.substr(label.size() + 1) : std::string_view{};
    if (label.size() < after.size() && rest.empty()) return reason = ".", errc::mib_unknown_name;
  } else {
    const bool rooted = text.front() == '.';
    std::string_view body = rooted ? text.substr(1) : text;
    const std::string_view first = body.substr(0, body.find('.'));
    std::uint32_t arc = 0;
    if (!rooted && opts.random_access) at = m.lookup(first);
    if (!at) {
      // A path from the root: the first label must be one of the roots (or a number).
      for (const node* c : m.root.children)
        if (c->obj.name == first || (parse_arc(first, arc) && c->arc == arc)) at = c;
      if (!at && parse_arc(first, arc)) {
        // A number the tree does not know: the whole text must then be numeric, and
        // oid::parse already refused it.
        reason = std::string(body);
        return errc::mib_unknown_name;
      }
    }
    if (!at) {
      reason = "Sub-id not found: (top) -> " + std::string(first);
      return errc::mib_unknown_name;
    }
    rest = first.size() < body.size() ? body.substr(first.size() + 1) : std::string_view{};
  }
  m.link();
  oid out = at->obj.oid;
  std::vector<token> toks;
  std::string bad;
  if (!split_tokens(rest, toks, bad)) {
    reason = bad;
    return errc::mib_unknown_name;
  }
  std::size_t pos = 0;
  // Labels of children ("system.sysDescr") and numbers walk down the tree.
  const node* cur = at;
  for (; pos < toks.size() && cur; ++pos) {
    if (toks[pos].quoted) break;
    std::uint32_t arc = 0;
    const node* next = nullptr;
    if (parse_arc(toks[pos].text, arc)) {
      // A column's numbers are its index: stop walking there.
      if (cur->row && !cur->row->index_nodes.empty()) break;
      next = m.child(cur, arc);
      if (!next) break;
    } else {
      for (const node* c : cur->children)
        if (c->defined && c->obj.name == toks[pos].text) next = c;
      if (!next) break;
    }
    out.push_back(next->arc);
    cur = next;
  }
  if (pos == toks.size()) return out;
  // What is left: a table instance when `cur` is a column, else plain numbers.
  bool all_numeric = true;
  for (std::size_t i = pos; i < toks.size(); ++i) {
    std::uint32_t arc = 0;
    all_numeric = all_numeric && !toks[i].quoted && parse_arc(toks[i].text, arc);
  }
  if (!all_numeric && cur && cur->row && !cur->row->index_nodes.empty()) {
    if (!encode_indexes(*cur->row, toks, pos, out, reason)) return errc::mib_bad_index;
  } else {
    for (; pos < toks.size(); ++pos) {
      std::uint32_t arc = 0;
      if (toks[pos].quoted || !parse_arc(toks[pos].text, arc)) {
        reason = std::string(toks[pos].text.data(), rest.data() + rest.size() - toks[pos].text.data());
        return errc::mib_unknown_name;
      }
      out.push_back(arc);
    }
  }
  if (out.size() > oid::max_subids) return errc::mib_bad_index;
  return out;
}

// ---------------------------------------------------------------- object_identity

object_identity::object_identity(std::string text) : text_(std::move(text)), form_(0) {}

object_identity::object_identity(std::string module, std::string name, std::vector<index_value> indexes)
    : module_(std::move(module)), name_(std::move(name)), indexes_(std::move(indexes)), form_(1) {}

object_identity::object_identity(snmpio::oid o) : oid_(std::move(o)), form_(2) {}

result<snmpio::oid> object_identity::resolve(mib& m) const {
  if (form_ == 2) return oid_;
  if (form_ == 0) return m.resolve(text_);
  auto base = m.resolve(module_ + "::" + name_);
  if (!base) return base;
  if (indexes_.empty()) return base;
  const mib_object* o = m.find(module_, name_);
  const mib_object* row = nullptr;
  if (o && o->kind == mib_node_kind::column && o->oid.size() > 1) {
    oid parent = o->oid;
    parent.pop_back();
    row = m.find(parent);
  }
  snmpio::oid out = *base;
  // A scalar takes one index, its instance (0).
  if (!row || row->kind != mib_node_kind::row) {
    for (const auto& v : indexes_) {
      auto* n = std::get_if<std::int64_t>(&v);
      if (!n || *n < 0 || *n > 0xFFFFFFFFll) return errc::mib_bad_index;
      out.push_back(static_cast<std::uint32_t>(*n));
    }
    return out;
  }
  if (indexes_.size() > row->index.size()) return errc::mib_bad_index;
  for (std::size_t k = 0; k < indexes_.size(); ++k) {
    const auto& e = row->index[k];
    const mib_object* io = m.find(e.module, e.name);
    if (!io) io = m.find(e.name);
    if (!io) return errc::mib_bad_index;
    const bool implied = e.implied;
    const auto& v = indexes_[k];
    if (integer_like(io->type)) {
      if (auto* n = std::get_if<std::int64_t>(&v); n && *n >= 0 && *n <= 0xFFFFFFFFll) {
        out.push_back(static_cast<std::uint32_t>(*n));
      } else if (auto* s = std::get_if<std::string>(&v)) {
        bool found = false;
        for (const auto& nn : io->named_numbers)
          if (nn.label == *s) out.push_back(static_cast<std::uint32_t>(nn.number)), found = true;
        if (!found) return errc::mib_bad_index;
      } else {
        return errc::mib_bad_index;
      }
    } else if (io->type == mib_base_type::ip_address) {
      auto* s = std::get_if<std::string>(&v);
      if (!s) return errc::mib_bad_index;
      auto a = oid::parse(*s);
      if (!a || a->size() != 4 || (*s)[0] == '.') return errc::mib_bad_index;
      for (auto arc : *a) {
        if (arc > 255) return errc::mib_bad_index;
        out.push_back(arc);
      }
    } else if (io->type == mib_base_type::octet_string || io->type == mib_base_type::bits ||
               io->type == mib_base_type::opaque) {
      auto* s = std::get_if<std::string>(&v);
      if (!s || (io->fixed_size && s->size() != io->fixed_size)) return errc::mib_bad_index;
      if (!io->fixed_size && !implied) out.push_back(static_cast<std::uint32_t>(s->size()));
      for (unsigned char c : *s) out.push_back(c);
    } else if (io->type == mib_base_type::object_identifier) {
      auto* o2 = std::get_if<snmpio::oid>(&v);
      if (!o2) return errc::mib_bad_index;
      if (!implied) out.push_back(static_cast<std::uint32_t>(o2->size()));
      out += *o2;
    } else {
      return errc::mib_bad_index;
    }
    if (out.size() > oid::max_subids) return errc::mib_bad_index;
  }
  return out;
}

}  // namespace snmpio
