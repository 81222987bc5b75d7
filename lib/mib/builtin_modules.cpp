// The built-in modules: a table generated from the real MIB texts by
// scripts/gen-builtin-mibs.sh (see there how to regenerate it), so that the core
// modules need no file on disk.
#include "lib/mib/mib_tree.hpp"

#include <charconv>

namespace snmpio::mib_detail {
namespace {

#include "lib/mib/builtin_modules.inc"

// "1 up,2 down" -> {1, "up"}, {2, "down"}
std::vector<mib_named_number> parse_enums(std::string_view s) {
  std::vector<mib_named_number> out;
  while (!s.empty()) {
    auto comma = s.find(',');
    std::string_view one = s.substr(0, comma);
    auto sp = one.find(' ');
    if (sp != std::string_view::npos) {
      std::int64_t v = 0;
      std::from_chars(one.data(), one.data() + sp, v);
      out.push_back({v, std::string(one.substr(sp + 1))});
    }
    s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
  }
  return out;
}

// "MODULE::a,MODULE::b!" -> entries; '!' marks IMPLIED.
std::vector<mib_index_entry> parse_index(std::string_view s) {
  std::vector<mib_index_entry> out;
  while (!s.empty()) {
    auto comma = s.find(',');
    std::string_view one = s.substr(0, comma);
    mib_index_entry e;
    if (!one.empty() && one.back() == '!') {
      e.implied = true;
      one.remove_suffix(1);
    }
    auto sep = one.find("::");
    if (sep != std::string_view::npos) {
      e.module = std::string(one.substr(0, sep));
      e.name = std::string(one.substr(sep + 2));
    } else {
      e.name = std::string(one);
    }
    out.push_back(std::move(e));
    s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
  }
  return out;
}

}  // namespace

const builtin_module* find_builtin(std::string_view name) {
  for (const auto& m : builtin_table)
    if (name == m.name) return &m;
  return nullptr;
}

const std::vector<std::string>& builtin_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& m : builtin_table) v.emplace_back(m.name);
    return v;
  }();
  return names;
}

mib_object from_builtin(const char* module, const builtin_object& b) {
  mib_object o;
  o.module = module;
  o.name = b.name;
  o.oid = oid(b.oid);
  o.kind = static_cast<mib_node_kind>(b.kind);
  o.type = static_cast<mib_base_type>(b.type);
  o.access = static_cast<mib_access>(b.access);
  o.type_name = b.type_name;
  o.display_hint = b.hint;
  o.units = b.units;
  o.named_numbers = parse_enums(b.enums);
  o.index = parse_index(b.index);
  o.fixed_size = b.fixed_size;
  return o;
}

}  // namespace snmpio::mib_detail
