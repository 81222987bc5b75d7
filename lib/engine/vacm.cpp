#include "engine/vacm.hpp"

#include <algorithm>
#include <iterator>

namespace snmpio {

const char* to_string(security_level l) noexcept {
  switch (l) {
    case security_level::no_auth_no_priv: return "noAuthNoPriv";
    case security_level::auth_no_priv: return "authNoPriv";
    case security_level::auth_priv: return "authPriv";
  }
  return "unknown";
}

const char* to_string(security_model m) noexcept {
  switch (m) {
    case security_model::any: return "any";
    case security_model::v1: return "v1";
    case security_model::v2c: return "v2c";
    case security_model::usm: return "usm";
  }
  return "unknown";
}

const char* to_string(access_kind k) noexcept {
  switch (k) {
    case access_kind::read: return "read";
    case access_kind::write: return "write";
    case access_kind::notify: return "notify";
    case access_kind::log: return "log";
    case access_kind::execute: return "execute";
    case access_kind::net: return "net";
  }
  return "unknown";
}

namespace detail {

bool vacm_view::matches(const family& f, const oid& name) noexcept {
  // RFC 3415 §5.2: the name has at least as many arcs as the subtree, and every arc
  // the mask marks (a missing mask bit counts as 1) equals the subtree's.
  if (name.size() < f.subtree.size()) return false;
  for (std::size_t i = 0; i < f.subtree.size(); ++i) {
    const bool significant =
        i / 8 >= f.mask.size() || (f.mask[i / 8] & (0x80u >> (i % 8))) != 0;
    if (significant && name[i] != f.subtree[i]) return false;
  }
  return true;
}

void vacm_view::add(oid subtree, std::vector<std::uint8_t> mask, bool included) {
  for (auto& f : families_) {
    if (f.subtree == subtree) {
      f.mask = std::move(mask);
      f.included = included;
      return;
    }
  }
  families_.push_back({std::move(subtree), std::move(mask), included});
}

bool vacm_view::contains(const oid& name) const noexcept {
  const family* best = nullptr;
  for (const auto& f : families_) {
    if (!matches(f, name)) continue;
    if (!best || f.subtree.size() > best->subtree.size() ||
        (f.subtree.size() == best->subtree.size() && f.subtree > best->subtree))
      best = &f;
  }
  return best && best->included;
}

bool vacm_view::may_contain_under(const oid& prefix) const noexcept {
  // Something under `prefix` may be in the view unless the most specific family
  // covering all of `prefix` excludes it and no included family lies below it.
  if (contains(prefix)) return true;
  for (const auto& f : families_) {
    if (!f.included) continue;
    // An included family whose subtree extends or overlaps `prefix`.
    const std::size_t n = std::min(prefix.size(), f.subtree.size());
    bool overlap = true;
    for (std::size_t i = 0; i < n && overlap; ++i) {
      const bool significant = i / 8 >= f.mask.size() || (f.mask[i / 8] & (0x80u >> (i % 8))) != 0;
      if (significant && prefix[i] != f.subtree[i]) overlap = false;
    }
    if (overlap) return true;
  }
  return false;
}

std::error_code parse_view_mask(std::string_view text, std::vector<std::uint8_t>& out) {
  out.clear();
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '.' || text[i] == ':') {
      ++i;
      continue;
    }
    // One or two hex digits make an octet ("f.c0" and "0f.c0" are the same mask).
    const int hi = hex(text[i]);
    if (hi < 0) return make_error_code(errc::invalid_argument);
    int v = hi;
    if (i + 1 < text.size() && hex(text[i + 1]) >= 0) {
      v = hi * 16 + hex(text[i + 1]);
      i += 2;
    } else {
      ++i;
    }
    if (out.size() == 16) return make_error_code(errc::invalid_argument);  // RFC 3415: 0..16 octets
    out.push_back(static_cast<std::uint8_t>(v));
  }
  return {};
}

void vacm::add_group(security_model model, std::string security_name, std::string group) {
  groups_[{model, std::move(security_name)}] = std::move(group);
}

std::error_code vacm::add_view(std::string name, oid subtree, std::string_view mask, bool included) {
  std::vector<std::uint8_t> m;
  if (auto ec = parse_view_mask(mask, m)) return ec;
  if (name.empty() || name.size() > 32) return make_error_code(errc::invalid_argument);
  views_[std::move(name)].add(std::move(subtree), std::move(m), included);
  return {};
}

void vacm::add_access(const vacm_access_entry& e) {
  for (auto& a : access_) {
    if (a.group == e.group && a.context_prefix == e.context_prefix && a.model == e.model && a.level == e.level) {
      a = e;
      return;
    }
  }
  access_.push_back(e);
  if (e.match == context_match::exact) contexts_.emplace(e.context_prefix, true);
}

const vacm_view* vacm::view(const std::string& name) const {
  auto it = views_.find(name);
  return it == views_.end() ? nullptr : &it->second;
}

vacm_result vacm::select_access(security_model model, const std::string& security_name, security_level level,
                                const std::string& context, const vacm_access_entry*& out,
                                bool context_must_exist) const {
  out = nullptr;
  // RFC 3415 §3.2 steps 1-4.
  if (context_must_exist && !contexts_.count(context)) {
    // A context any prefix entry covers exists too.
    bool covered = false;
    for (const auto& a : access_)
      if (a.match == context_match::prefix && context.compare(0, a.context_prefix.size(), a.context_prefix) == 0)
        covered = true;
    if (!covered) return vacm_result::no_such_context;
  }
  auto g = groups_.find({model, security_name});
  if (g == groups_.end()) g = groups_.find({security_model::any, security_name});
  if (g == groups_.end()) return vacm_result::no_group_name;
  // The best access entry, by RFC 3415 §4's order of preference: a specific model over
  // any; an exact context match over a prefix; the longer prefix; the higher level.
  const vacm_access_entry* best = nullptr;
  auto rank = [&](const vacm_access_entry& a) {
    return std::make_tuple(a.model != security_model::any ? 1 : 0,
                           a.match == context_match::exact && a.context_prefix == context ? 1 : 0,
                           a.context_prefix.size(), static_cast<int>(a.level));
  };
  for (const auto& a : access_) {
    if (a.group != g->second) continue;
    if (a.model != security_model::any && a.model != model) continue;
    if (static_cast<int>(a.level) > static_cast<int>(level)) continue;
    if (a.match == context_match::exact ? a.context_prefix != context
                                        : context.compare(0, a.context_prefix.size(), a.context_prefix) != 0)
      continue;
    if (!best || rank(a) > rank(*best)) best = &a;
  }
  if (!best) return vacm_result::no_access_entry;
  out = best;
  return vacm_result::allowed;
}

const vacm_view* vacm::view_of(const vacm_access_entry& e, view_type type) const {
  const std::string* names[] = {&e.read_view, &e.write_view,   &e.notify_view,
                                &e.log_view,  &e.execute_view, &e.net_view};
  const auto kind = static_cast<std::size_t>(type);
  if (kind >= std::size(names) || names[kind]->empty()) return nullptr;
  return view(*names[kind]);
}

vacm_result vacm::select_view(security_model model, const std::string& security_name, security_level level,
                              const std::string& context, view_type type, const vacm_view*& out,
                              bool context_must_exist) const {
  out = nullptr;
  const vacm_access_entry* entry = nullptr;
  // RFC 3415 §3.2 steps 1-4, then step 5: the view of this kind.
  if (auto r = select_access(model, security_name, level, context, entry, context_must_exist);
      r != vacm_result::allowed)
    return r;
  out = view_of(*entry, type);
  return out ? vacm_result::allowed : vacm_result::no_such_view;
}

}  // namespace detail
}  // namespace snmpio
