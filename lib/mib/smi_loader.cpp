// Reading SMIv1/SMIv2 text modules with libsmi. libsmi keeps process-wide state, so
// every load runs under one mutex, from smiInit to smiExit, and everything is copied
// into the mib's own tree before libsmi forgets it. The only file that includes <smi.h>.
#include "lib/mib/mib_tree.hpp"

// <smi.h> names a parameter `class`, which C++ cannot parse; rename it while reading.
#define class smi_class
#include <smi.h>
#undef class

#include <algorithm>
#include <cstring>
#include <mutex>

namespace snmpio {
namespace {

std::mutex smi_mutex;
std::vector<mib_load_error>* smi_errors = nullptr;  // guarded by smi_mutex
std::vector<std::string>* smi_missing = nullptr;

void on_smi_error(char* path, int line, int severity, char* msg, char* tag) {
  if (!smi_errors) return;
  const std::string text = msg ? msg : "";
  // "failed to locate MIB module `X'": remember X; the built-ins may have it.
  if (tag && std::strcmp(tag, "module-not-found") == 0 && smi_missing) {
    auto a = text.find('`'), b = text.rfind('\'');
    if (a != std::string::npos && b != std::string::npos && b > a) smi_missing->push_back(text.substr(a + 1, b - a - 1));
    return;  // reported by the caller, once it knows whether a built-in stands in
  }
  // Severity 0-2 are errors that lose definitions; the rest are style warnings.
  if (severity > 2) return;
  smi_errors->push_back({path ? path : "", line, text});
}

bool named(const SmiType* t, const char* n) { return t->name && std::strcmp(t->name, n) == 0; }

bool libsmi_base(const SmiType* t) {
  // libsmi's own names for the ASN.1 base types.
  static const char* const base_names[] = {"Enumeration", "Bits",      "OctetString", "ObjectIdentifier",
                                           "Integer32",   "Unsigned32", "Integer64",  "Unsigned64",
                                           "Float32",     "Float64",    "Float128",   "Pointer"};
  for (const char* b : base_names)
    if (t->name && std::strcmp(t->name, b) == 0) return true;
  return false;
}

bool core_module(const SmiType* t) {
  if (libsmi_base(t)) return true;
  const SmiModule* m = smiGetTypeModule(const_cast<SmiType*>(t));
  if (!m || !m->name || !*m->name) return true;  // libsmi's own base types
  return std::strcmp(m->name, "SNMPv2-SMI") == 0 || std::strcmp(m->name, "RFC1155-SMI") == 0 ||
         std::strcmp(m->name, "RFC-1212") == 0 || std::strcmp(m->name, "RFC1065-SMI") == 0;
}

void copy_type(SmiNode* n, mib_object& o) {
  SmiType* t = smiGetNodeType(n);
  if (n->units) o.units = n->units;  // kept even when the type is unknown (an import missing)
  if (!t) return;
  mib_base_type base = mib_base_type::none;
  bool have_numbers = false, have_range = false;
  for (SmiType* p = t; p; p = smiGetParentType(p)) {
    if (o.type_name.empty() && p->name && !core_module(p)) o.type_name = p->name;
    if (o.display_hint.empty() && p->format) o.display_hint = p->format;
    if (o.units.empty() && p->units) o.units = p->units;
    if (!have_numbers) {
      for (SmiNamedNumber* nn = smiGetFirstNamedNumber(p); nn; nn = smiGetNextNamedNumber(nn)) {
        have_numbers = true;
        std::int64_t v = nn->value.basetype == SMI_BASETYPE_UNSIGNED32 ? nn->value.value.unsigned32
                                                                       : nn->value.value.integer32;
        o.named_numbers.push_back({v, nn->name ? nn->name : ""});
      }
    }
    if (!have_range) {
      SmiRange* r = smiGetFirstRange(p);
      if (r) {
        have_range = true;
        if (!smiGetNextRange(r) && r->minValue.value.unsigned32 == r->maxValue.value.unsigned32 &&
            (p->basetype == SMI_BASETYPE_OCTETSTRING))
          o.fixed_size = r->minValue.value.unsigned32;
      }
    }
    if (base == mib_base_type::none) {
      if (named(p, "Counter32") || named(p, "Counter")) base = mib_base_type::counter32;
      else if (named(p, "Gauge32") || named(p, "Gauge")) base = mib_base_type::gauge32;
      else if (named(p, "Unsigned32")) base = mib_base_type::unsigned32;
      else if (named(p, "TimeTicks")) base = mib_base_type::time_ticks;
      else if (named(p, "IpAddress") || named(p, "NetworkAddress")) base = mib_base_type::ip_address;
      else if (named(p, "Opaque")) base = mib_base_type::opaque;
      else if (named(p, "Counter64")) base = mib_base_type::counter64;
    }
  }
  if (base == mib_base_type::none) {
    switch (t->basetype) {
      case SMI_BASETYPE_INTEGER32:
      case SMI_BASETYPE_ENUM: base = mib_base_type::integer32; break;
      case SMI_BASETYPE_OCTETSTRING: base = mib_base_type::octet_string; break;
      case SMI_BASETYPE_OBJECTIDENTIFIER: base = mib_base_type::object_identifier; break;
      case SMI_BASETYPE_UNSIGNED32: base = mib_base_type::unsigned32; break;
      case SMI_BASETYPE_UNSIGNED64: base = mib_base_type::counter64; break;
      case SMI_BASETYPE_BITS: base = mib_base_type::bits; break;
      default: break;
    }
  }
  o.type = base;
  if (o.type_name.empty()) {
    for (SmiType* p = t; p; p = smiGetParentType(p))
      if (p->name && !libsmi_base(p)) {
        o.type_name = p->name;
        break;
      }
  }
  if (o.type_name.empty()) {
    switch (base) {
      case mib_base_type::integer32: o.type_name = "INTEGER"; break;
      case mib_base_type::octet_string: o.type_name = "OCTET STRING"; break;
      case mib_base_type::object_identifier: o.type_name = "OBJECT IDENTIFIER"; break;
      case mib_base_type::bits: o.type_name = "BITS"; break;
      default: break;
    }
  }
  if (n->format) o.display_hint = n->format;
  if (n->units) o.units = n->units;
}

mib_access to_access(const SmiNode* n) {
  switch (n->access) {
    case SMI_ACCESS_NOT_ACCESSIBLE: return mib_access::not_accessible;
    case SMI_ACCESS_NOTIFY: return mib_access::accessible_for_notify;
    case SMI_ACCESS_READ_ONLY: return mib_access::read_only;
    case SMI_ACCESS_READ_WRITE: return n->create ? mib_access::read_create : mib_access::read_write;
    default: return mib_access::unknown;
  }
}

mib_node_kind to_kind(SmiNodekind k) {
  switch (k) {
    case SMI_NODEKIND_SCALAR: return mib_node_kind::scalar;
    case SMI_NODEKIND_TABLE: return mib_node_kind::table;
    case SMI_NODEKIND_ROW: return mib_node_kind::row;
    case SMI_NODEKIND_COLUMN: return mib_node_kind::column;
    case SMI_NODEKIND_NOTIFICATION: return mib_node_kind::notification;
    case SMI_NODEKIND_GROUP: return mib_node_kind::group;
    case SMI_NODEKIND_COMPLIANCE: return mib_node_kind::compliance;
    case SMI_NODEKIND_CAPABILITIES: return mib_node_kind::capabilities;
    default: return mib_node_kind::node;
  }
}

void copy_index(SmiNode* row, mib_object& o) {
  SmiNode* base = row;
  for (int hops = 0; hops < 8 && base && base->indexkind != SMI_INDEX_INDEX; ++hops) base = smiGetRelatedNode(base);
  if (!base || base->indexkind != SMI_INDEX_INDEX) return;
  for (SmiElement* e = smiGetFirstElement(base); e; e = smiGetNextElement(e)) {
    SmiNode* in = smiGetElementNode(e);
    if (!in || !in->name) continue;
    SmiModule* m = smiGetNodeModule(in);
    o.index.push_back({m && m->name ? m->name : "", in->name, false});
  }
  if (base->implied && !o.index.empty()) o.index.back().implied = true;
}

void copy_module(mib::impl& m, SmiModule* mod) {
  for (SmiNode* n = smiGetFirstNode(mod, SMI_NODEKIND_ANY); n; n = smiGetNextNode(n, SMI_NODEKIND_ANY)) {
    if (!n->name || n->oidlen == 0 || n->oidlen > oid::max_subids) continue;
    mib_object o;
    o.module = mod->name;
    o.name = n->name;
    o.oid = oid(std::span<const std::uint32_t>(n->oid, n->oidlen));
    o.kind = to_kind(n->nodekind);
    if (o.kind == mib_node_kind::scalar || o.kind == mib_node_kind::column) copy_type(n, o);
    o.access = to_access(n);
    if (n->description) o.description = n->description;
    if (o.kind == mib_node_kind::row) copy_index(n, o);
    m.define(std::move(o));
  }
  m.mark_loaded(mod->name);
}

// Imports before the module that imports them, as Net-SNMP reads them: when two modules
// define the same OID, the first one read names it.
void copy_with_imports(mib::impl& m, SmiModule* mod, std::vector<std::string>& visiting) {
  if (!mod || !mod->name || !*mod->name || m.loaded_set.count(mod->name)) return;
  if (std::find(visiting.begin(), visiting.end(), mod->name) != visiting.end()) return;
  visiting.emplace_back(mod->name);
  std::vector<std::string> imports;
  // The SMIv1 macro modules import DisplayString from RFC1158-MIB for their macros
  // only; like Net-SNMP, do not read RFC1158-MIB because of that.
  const bool macro_module = std::strcmp(mod->name, "RFC-1212") == 0 || std::strcmp(mod->name, "RFC-1215") == 0;
  for (SmiImport* imp = macro_module ? nullptr : smiGetFirstImport(mod); imp; imp = smiGetNextImport(imp))
    if (imp->module && std::find(imports.begin(), imports.end(), imp->module) == imports.end())
      imports.emplace_back(imp->module);
  for (const auto& name : imports) copy_with_imports(m, smiGetModule(name.c_str()), visiting);
  copy_module(m, mod);
}

}  // namespace

std::error_code smi_load(mib::impl& m, const std::vector<std::string>& names_or_paths,
                         std::vector<std::string>& loaded_names, std::vector<std::string>& missing) {
  std::lock_guard lock(smi_mutex);
  smiInit("snmpio");
  smiSetFlags(SMI_FLAG_ERRORS);  // errors reach on_smi_error; descriptions are kept (-Td)
  smiSetErrorLevel(3);
  smi_errors = &m.errors;
  smi_missing = &missing;
  smiSetErrorHandler(on_smi_error);
  std::string path;
  for (const auto& d : m.search_path) {
    if (!path.empty()) path += ':';
    path += d;
  }
  smiSetPath(path.c_str());
  std::error_code first;
  for (const auto& n : names_or_paths) {
    const std::size_t errors_before = m.errors.size();
    char* name = smiLoadModule(n.c_str());
    if (name) {
      loaded_names.emplace_back(name);
      // Read, but with errors: what could be read is kept; the caller hears of it.
      if (m.errors.size() > errors_before && !first) first = make_error_code(errc::mib_parse_error);
    } else if (!first) {
      const bool not_found = std::find(missing.begin(), missing.end(), n) != missing.end();
      first = make_error_code(!not_found || m.errors.size() > errors_before ? errc::mib_parse_error
                                                                            : errc::mib_module_not_found);
    }
  }
  // Every module libsmi read (imports too), in the order it read them.
  std::vector<std::string> visiting;
  for (const auto& name : loaded_names) copy_with_imports(m, smiGetModule(name.c_str()), visiting);
  smi_errors = nullptr;
  smi_missing = nullptr;
  smiExit();
  return first;
}

}  // namespace snmpio
