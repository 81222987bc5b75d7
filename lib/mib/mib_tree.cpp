// snmpio::mib: the tree of loaded definitions, the name maps, and where modules come
// from (the search path through libsmi, else the built-in table).
#include "lib/mib/mib_tree.hpp"

#include <algorithm>
#include <filesystem>

namespace snmpio {

using mib_detail::node;

mib::impl::impl() {
  // The three roots every OID starts from; they belong to no module.
  static const char* const roots[] = {"ccitt", "iso", "joint-iso-ccitt"};
  for (std::uint32_t arc = 0; arc < 3; ++arc) {
    node* n = ensure_child(&root, arc);
    n->defined = true;
    n->obj.name = roots[arc];
    by_label[roots[arc]].push_back(n);
  }
}

node* mib::impl::child(const node* n, std::uint32_t arc) const {
  auto it = std::lower_bound(n->children.begin(), n->children.end(), arc,
                             [](const node* c, std::uint32_t a) { return c->arc < a; });
  return it != n->children.end() && (*it)->arc == arc ? *it : nullptr;
}

node* mib::impl::ensure_child(node* n, std::uint32_t arc) {
  auto it = std::lower_bound(n->children.begin(), n->children.end(), arc,
                             [](const node* c, std::uint32_t a) { return c->arc < a; });
  if (it != n->children.end() && (*it)->arc == arc) return *it;
  node& c = nodes.emplace_back();
  c.arc = arc;
  c.parent = n;
  c.obj.oid = n->obj.oid;
  c.obj.oid.push_back(arc);
  n->children.insert(it, &c);
  return &c;
}

node* mib::impl::ensure(const oid& o) {
  node* n = &root;
  for (std::uint32_t arc : o) n = ensure_child(n, arc);
  return n;
}

const node* mib::impl::deepest(const oid& o, std::size_t& depth) const {
  const node* n = &root;
  const node* best = nullptr;
  depth = 0;
  for (std::size_t i = 0; i < o.size(); ++i) {
    n = child(n, o[i]);
    if (!n) break;
    if (n->defined) {
      best = n;
      depth = i + 1;
    }
  }
  return best;
}

void mib::impl::define(mib_object obj) {
  if (obj.oid.empty()) return;
  node* n = ensure(obj.oid);
  const std::string module = obj.module;
  const std::string name = obj.name;
  if (n->parent == &root) {  // ccitt, iso, joint-iso-ccitt stay module-less
    by_qualified.emplace(module + "::" + name, n);
    return;
  }
  if (std::find(n->modules.begin(), n->modules.end(), module) == n->modules.end()) n->modules.push_back(module);
  if (!n->defined || n->modules.size() == 1) {
    // The first module read that defines an OID names it and types it (as Net-SNMP
    // does); later ones are listed in `modules` and found by their own name.
    obj.oid = n->obj.oid;
    n->obj = std::move(obj);
    n->defined = true;
  }
  auto& same = by_label[name];
  if (std::find(same.begin(), same.end(), n) == same.end()) same.push_back(n);
  by_qualified.emplace(module + "::" + name, n);
  links_dirty = true;
}

void mib::impl::mark_loaded(const std::string& module) {
  if (loaded_set.insert(module).second) loaded.push_back(module);
}

const node* mib::impl::lookup(std::string_view module, std::string_view name) const {
  std::string key;
  key.reserve(module.size() + 2 + name.size());
  key.append(module).append("::").append(name);
  auto it = by_qualified.find(key);
  return it == by_qualified.end() ? nullptr : it->second;
}

const node* mib::impl::lookup(std::string_view name) const {
  auto it = by_label.find(name);
  return it == by_label.end() || it->second.empty() ? nullptr : it->second.back();
}

void mib::impl::link() {
  if (!links_dirty) return;
  for (node& n : nodes) {
    if (!n.defined) continue;
    if (n.obj.kind == mib_node_kind::row) {
      n.index_nodes.clear();
      for (const auto& e : n.obj.index) {
        const node* in = lookup(e.module, e.name);
        if (!in) in = lookup(e.name);
        if (!in) {
          n.index_nodes.clear();  // an index we cannot type: instances stay numeric
          break;
        }
        n.index_nodes.push_back(in);
      }
    }
    n.row = n.parent && n.parent->defined && n.parent->obj.kind == mib_node_kind::row ? n.parent : nullptr;
  }
  links_dirty = false;
}

std::error_code mib::impl::load_builtin(const mib_detail::builtin_module& b) {
  if (loaded_set.count(b.name)) return {};
  mark_loaded(b.name);  // first, so that import cycles end
  for (std::string_view imports = b.imports; !imports.empty();) {
    auto comma = imports.find(',');
    std::string_view one = imports.substr(0, comma);
    if (!loaded_set.count(std::string(one))) {
      if (auto* dep = mib_detail::find_builtin(one)) load_builtin(*dep);
    }
    imports = comma == std::string_view::npos ? std::string_view{} : imports.substr(comma + 1);
  }
  for (std::size_t i = 0; i < b.count; ++i) define(mib_detail::from_builtin(b.name, b.objects[i]));
  return {};
}

std::error_code mib::impl::load_one(std::string_view name) {
  if (loaded_set.count(std::string(name))) return {};
  std::vector<std::string> got, missing;
  std::error_code ec = make_error_code(errc::mib_module_not_found);
  if (!search_path.empty()) ec = smi_load(*this, {std::string(name)}, got, missing);
  cover_missing(missing, name);
  if (ec == errc::mib_module_not_found) {
    if (auto* b = mib_detail::find_builtin(name)) return load_builtin(*b);
    errors.push_back({"", 0, "Cannot find module (" + std::string(name) + ")"});
  }
  return ec;
}

void mib::impl::cover_missing(const std::vector<std::string>& missing, std::string_view requested) {
  // Imports libsmi could not find: built-ins stand in when they can.
  for (const auto& miss : missing) {
    if (miss == requested || loaded_set.count(miss)) continue;
    if (auto* b = mib_detail::find_builtin(miss)) load_builtin(*b);
    else errors.push_back({"", 0, "Cannot find module (" + miss + ")"});
  }
}

std::error_code mib::impl::load_all_files() {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& dir : search_path) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string file = it->path().filename().string();
      if (file.empty() || file[0] == '.' || !it->is_regular_file(ec)) continue;
      files.push_back(it->path().string());
    }
  }
  std::vector<std::string> got, missing;
  auto ec = files.empty() ? std::error_code{} : smi_load(*this, files, got, missing);
  cover_missing(missing, {});
  return ec;
}

// ---------------------------------------------------------------- public

mib::mib() : impl_(std::make_unique<impl>()) {}
mib::~mib() = default;
mib::mib(mib&&) noexcept = default;
mib& mib::operator=(mib&&) noexcept = default;

void mib::set_search_path(std::string_view dirs) {
  bool append = !dirs.empty() && dirs.front() == '+';
  if (append) dirs.remove_prefix(1);
  if (!append) impl_->search_path.clear();
  while (!dirs.empty()) {
    auto colon = dirs.find(':');
    std::string_view one = dirs.substr(0, colon);
    if (!one.empty()) impl_->search_path.emplace_back(one);
    dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
  }
}

const std::vector<std::string>& mib::search_path() const noexcept { return impl_->search_path; }

std::error_code mib::load_modules(std::string_view list) {
  if (!list.empty() && list.front() == '+') list.remove_prefix(1);
  std::error_code first;
  while (!list.empty()) {
    auto colon = list.find(':');
    std::string_view one = list.substr(0, colon);
    if (!one.empty()) {
      auto ec = one == "ALL" ? impl_->load_all_files() : impl_->load_one(one);
      if (ec && !first) first = ec;
    }
    list = colon == std::string_view::npos ? std::string_view{} : list.substr(colon + 1);
  }
  impl_->link();
  return first;
}

std::error_code mib::load_module(std::string_view name) {
  if (name.empty() || name.find(':') != std::string_view::npos) return errc::invalid_argument;
  auto ec = name == "ALL" ? impl_->load_all_files() : impl_->load_one(name);
  impl_->link();
  return ec;
}

result<std::string> mib::load_file(const std::string& path) {
  std::vector<std::string> got, missing;
  auto ec = smi_load(*impl_, {path}, got, missing);
  impl_->cover_missing(missing, {});
  impl_->link();
  if (ec) return ec;
  if (got.empty()) return errc::mib_parse_error;
  return got.front();
}

std::error_code mib::add(const mib_object& obj) {
  if (obj.module.empty() || obj.name.empty() || obj.oid.empty()) return errc::invalid_argument;
  impl_->define(obj);
  impl_->mark_loaded(obj.module);
  impl_->link();
  return {};
}

const std::vector<std::string>& mib::builtin_modules() { return mib_detail::builtin_names(); }

std::vector<std::string> mib::loaded_modules() const { return impl_->loaded; }

const std::vector<mib_load_error>& mib::errors() const noexcept { return impl_->errors; }

const mib_object* mib::find(std::string_view module, std::string_view name) const {
  const node* n = impl_->lookup(module, name);
  return n ? &n->obj : nullptr;
}

const mib_object* mib::find(std::string_view name) const {
  const node* n = impl_->lookup(name);
  return n ? &n->obj : nullptr;
}

const mib_object* mib::find(const oid& o) const {
  std::size_t depth = 0;
  const node* n = impl_->deepest(o, depth);
  return n && depth == o.size() ? &n->obj : nullptr;
}

const mib_object* mib::find_prefix(const oid& o) const {
  std::size_t depth = 0;
  const node* n = impl_->deepest(o, depth);
  return n ? &n->obj : nullptr;
}

std::vector<const mib_object*> mib::objects() const {
  std::vector<const mib_object*> out;
  std::vector<const node*> stack{&impl_->root};
  while (!stack.empty()) {
    const node* n = stack.back();
    stack.pop_back();
    if (n->defined && !n->modules.empty()) out.push_back(&n->obj);
    for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) stack.push_back(*it);
  }
  return out;
}

}  // namespace snmpio
