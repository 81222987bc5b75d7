// The tree behind snmpio::mib: one node per OID arc that a loaded module defines (or
// that lies on the way to one), names found through hash maps. Private to lib/mib.
#pragma once

#include <snmpio/mib.hpp>

#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace snmpio {

namespace mib_detail {

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

template <class V>
using string_map = std::unordered_map<std::string, V, string_hash, std::equal_to<>>;

struct node {
  std::uint32_t arc = 0;
  node* parent = nullptr;
  std::vector<node*> children;  // sorted by arc
  bool defined = false;         // a loaded module defines it (else only a step on the way)
  mib_object obj;               // obj.oid is always set; the rest when defined
  std::vector<std::string> modules;       // every loaded module that defines it
  std::vector<const node*> index_nodes;   // rows: the INDEX objects, once linked
  const node* row = nullptr;              // columns: their row, once linked
};

// One definition as a loader hands it over (module, descriptor, numeric OID, ...).
struct definition {
  mib_object obj;
};

// Built-in module table (lib/mib/builtin_modules.inc).
struct builtin_object {
  const char* name;
  const char* oid;
  std::uint8_t kind;
  std::uint8_t type;
  std::uint8_t access;
  const char* type_name;
  const char* hint;
  const char* units;
  const char* enums;  // "1 up,2 down"
  const char* index;  // "MODULE::name,MODULE::name!" ('!' = IMPLIED)
  std::uint32_t fixed_size;
};

struct builtin_module {
  const char* name;
  const char* imports;  // "SNMPv2-SMI,SNMPv2-TC"
  const builtin_object* objects;
  std::size_t count;
};

const builtin_module* find_builtin(std::string_view name);
const std::vector<std::string>& builtin_names();

// Decodes a built-in row into a mib_object (enums and index lists parsed).
mib_object from_builtin(const char* module, const builtin_object& b);

}  // namespace mib_detail

struct mib::impl {
  impl();

  std::deque<mib_detail::node> nodes;
  mib_detail::node root;  // above ccitt(0), iso(1), joint-iso-ccitt(2)
  mib_detail::string_map<std::vector<mib_detail::node*>> by_label;
  mib_detail::string_map<mib_detail::node*> by_qualified;  // "MODULE::descriptor"
  std::vector<std::string> search_path;
  std::vector<std::string> loaded;
  std::unordered_set<std::string> loaded_set;
  std::vector<mib_load_error> errors;
  bool links_dirty = false;

  mib_detail::node* child(const mib_detail::node* n, std::uint32_t arc) const;
  mib_detail::node* ensure_child(mib_detail::node* n, std::uint32_t arc);
  mib_detail::node* ensure(const oid& o);
  // The deepest defined node on the way to `o`, and how many arcs it covers.
  const mib_detail::node* deepest(const oid& o, std::size_t& depth) const;

  void define(mib_object obj);
  void mark_loaded(const std::string& module);
  void link();  // resolves INDEX names and column->row pointers
  const mib_detail::node* lookup(std::string_view module, std::string_view name) const;
  const mib_detail::node* lookup(std::string_view name) const;

  std::error_code load_one(std::string_view name);
  std::error_code load_builtin(const mib_detail::builtin_module& b);
  std::error_code load_all_files();
  void cover_missing(const std::vector<std::string>& missing, std::string_view requested);
};

// libsmi (lib/mib/smi_loader.cpp): reads modules (names or file paths) with the search
// path, copies every module libsmi loaded on the way into `m` (skipping modules already
// there), and records libsmi's errors. `missing` receives the modules libsmi could not
// find (imports included), so that built-ins can stand in for them.
std::error_code smi_load(mib::impl& m, const std::vector<std::string>& names_or_paths,
                         std::vector<std::string>& loaded_names, std::vector<std::string>& missing);

// Formatting helpers (lib/mib/mib_format.cpp).
namespace mib_detail {
bool apply_octet_hint(std::string& out, std::string_view hint, std::string_view data, bool leading_zero);
bool apply_integer_hint(std::string& out, std::string_view hint, std::int64_t v);
}  // namespace mib_detail

}  // namespace snmpio
