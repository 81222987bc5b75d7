// snmpio — MIB support: names instead of numbers, both ways.
//
// A snmpio::mib holds the MIB modules a program loaded: the built-in core modules
// (SNMPv2-SMI, SNMPv2-TC, SNMPv2-MIB, IF-MIB and the SNMPv3 framework modules, which
// need no file on disk) and any SMIv1/SMIv2 text module read from the search path.
// It turns "SNMPv2-MIB::sysDescr.0" into 1.3.6.1.2.1.1.1.0 and back, decodes table
// indexes, and prints values with their enumeration labels, DISPLAY-HINTs and BITS
// names, as Net-SNMP's tools do.
#pragma once

#include <snmpio/export.hpp>
#include <snmpio/format.hpp>
#include <snmpio/oid.hpp>
#include <snmpio/result.hpp>
#include <snmpio/value.hpp>
#include <snmpio/varbind.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <variant>
#include <vector>

namespace snmpio {

/// What a MIB definition is.
enum class mib_node_kind : std::uint8_t {
  node,          ///< OBJECT IDENTIFIER value, OBJECT-IDENTITY, MODULE-IDENTITY
  scalar,        ///< OBJECT-TYPE outside a table
  table,         ///< OBJECT-TYPE, SEQUENCE OF
  row,           ///< OBJECT-TYPE with INDEX or AUGMENTS
  column,        ///< OBJECT-TYPE inside a row
  notification,  ///< NOTIFICATION-TYPE, TRAP-TYPE
  group,         ///< OBJECT-GROUP, NOTIFICATION-GROUP
  compliance,    ///< MODULE-COMPLIANCE
  capabilities,  ///< AGENT-CAPABILITIES
};

/// The base type of an object's SYNTAX (after following textual conventions).
enum class mib_base_type : std::uint8_t {
  none,  ///< not an object with a value (a node, a table, a row ...)
  integer32,
  unsigned32,
  octet_string,
  object_identifier,
  bits,
  ip_address,
  counter32,
  gauge32,
  time_ticks,
  opaque,
  counter64,
};

enum class mib_access : std::uint8_t {
  unknown,
  not_accessible,
  accessible_for_notify,
  read_only,
  read_write,
  read_create,
  write_only,
};

/// One label of an enumeration (INTEGER) or one bit of BITS.
struct mib_named_number {
  std::int64_t number = 0;
  std::string label;
};

/// One object of a row's INDEX clause (AUGMENTS is already followed).
struct mib_index_entry {
  std::string module;
  std::string name;
  bool implied = false;
};

/// A definition, as loaded.
struct mib_object {
  std::string module;  ///< the module it is printed with (the first loaded that defines it)
  std::string name;    ///< its descriptor, "sysDescr"
  snmpio::oid oid;     ///< 1.3.6.1.2.1.1.1
  mib_node_kind kind = mib_node_kind::node;
  mib_base_type type = mib_base_type::none;
  std::string type_name;     ///< the textual convention ("DisplayString"), or the base type's name
  std::string display_hint;  ///< "255a", "1x:", ... (from the textual convention chain)
  std::string units;
  std::string description;   ///< only for modules read from text
  mib_access access = mib_access::unknown;
  std::vector<mib_named_number> named_numbers;  ///< enumeration labels or BITS names
  std::vector<mib_index_entry> index;           ///< rows only
  /// OCTET STRING of one fixed size (SIZE(6)): the size; 0 when it varies.
  std::uint32_t fixed_size = 0;
};

/// A problem met while loading: the file and line (0 when unknown) and what it was.
struct mib_load_error {
  std::string file;
  int line = 0;
  std::string message;
};

/// How a name is looked up.
struct resolve_options {
  /// A bare descriptor ("sysDescr.0") is searched in every loaded module (Net-SNMP's
  /// -IR, and its tools' default). When false it must be a path from the root.
  bool random_access = true;
};

/// The loaded MIB modules. Move-only; not thread-safe (one per thread, or guard it).
class SNMPIO_EXPORT mib {
 public:
  /// No module loaded; the built-in modules and the search path are available.
  mib();
  ~mib();
  mib(mib&&) noexcept;
  mib& operator=(mib&&) noexcept;
  mib(const mib&) = delete;
  mib& operator=(const mib&) = delete;

  /// Sets the directories searched for MIB files, colon-separated, with the meaning of
  /// Net-SNMP's MIBDIRS and -M: "+DIR" (a leading '+') appends to the current path
  /// instead of replacing it. The initial path is empty.
  void set_search_path(std::string_view dirs);
  const std::vector<std::string>& search_path() const noexcept;

  /// Loads modules named in a colon-separated list, with the meaning of Net-SNMP's MIBS
  /// and -m: "ALL" loads every file in the search path; "+LIST" is accepted as LIST
  /// (modules only accumulate). A module is looked for in the search path first (any
  /// file whose module name matches), then among the built-in modules. Modules that
  /// fail do not stop the others; returns errc::mib_module_not_found (or
  /// errc::mib_parse_error) for the first failure, and errors() has every message.
  std::error_code load_modules(std::string_view list);
  /// One module by name (the same search as load_modules).
  std::error_code load_module(std::string_view name);
  /// One file; returns the name of the module it defines.
  result<std::string> load_file(const std::string& path);

  /// Adds one definition, as the loaders do: a program can describe its own objects
  /// (an agent's private MIB) without a MIB file. The module counts as loaded. Fails
  /// with errc::invalid_argument when the module, name or OID is empty.
  std::error_code add(const mib_object& obj);

  /// Names of the built-in modules.
  static const std::vector<std::string>& builtin_modules();
  /// Modules loaded so far, in load order.
  std::vector<std::string> loaded_modules() const;
  /// Every problem met while loading, in order ("FILE:LINE: MESSAGE").
  const std::vector<mib_load_error>& errors() const noexcept;

  /// The definition of MODULE::name (nullptr when not loaded).
  const mib_object* find(std::string_view module, std::string_view name) const;
  /// The definition of a descriptor in any loaded module (the first loaded wins).
  const mib_object* find(std::string_view name) const;
  /// The definition at exactly this OID.
  const mib_object* find(const oid& o) const;
  /// The definition at the longest prefix of `o` that is defined; nullptr when none.
  const mib_object* find_prefix(const oid& o) const;
  /// Every loaded definition, in OID order.
  std::vector<const mib_object*> objects() const;

  /// Resolves a name to its OID: "SNMPv2-MIB::sysDescr.0", "sysDescr.0",
  /// ".iso.org.dod.internet.mgmt.mib-2.system.sysDescr.0", "1.3.6.1.2.1.1.1.0",
  /// table instances with their indexes typed as the INDEX clause says
  /// (`IF-MIB::ifDescr.3`, `NET-SNMP-EXTEND-MIB::nsExtendArgs."test"`,
  /// `RFC1213-MIB::ipAdEntAddr.127.0.0.1`). "MODULE::" loads MODULE when it is not
  /// loaded yet. Errors: errc::mib_unknown_module, errc::mib_unknown_name,
  /// errc::mib_bad_index.
  result<oid> resolve(std::string_view text, const resolve_options& opts = {});
  /// Like resolve(), and on failure `reason` says why in Net-SNMP's words
  /// ("Sub-id not found: (top) -> sysDescr", "Index out of range: abc (ifIndex)").
  result<oid> resolve(std::string_view text, const resolve_options& opts, std::string& reason);

  /// The OID as a name in the style `style` chooses: module ("SNMPv2-MIB::sysDescr.0",
  /// Net-SNMP's default), suffix ("sysDescr.0"), full (".iso.org...sysDescr.0"),
  /// ucd ("system.sysDescr.0") or numeric (".1.3.6.1.2.1.1.1.0"). Table instances
  /// show their decoded indexes unless `dont_break_indexes`.
  std::string name(const oid& o, oid_format style = oid_format::module, bool dont_break_indexes = false) const;

  /// Net-SNMP's output with MIB knowledge: the name as `opts.oids` asks, the value with
  /// enumeration labels, DISPLAY-HINTs, BITS names and UNITS of the object it belongs to.
  std::string format_value(const oid& name, const value& v, const format_options& opts = {}) const;
  std::string format_varbind(const varbind& vb, const format_options& opts = {}) const;
  void append_varbind(std::string& out, const varbind& vb, const format_options& opts = {}) const;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

/// One index value of an object_identity: a number, a string (OCTET STRING, or a
/// dotted IpAddress) or an OID.
using index_value = std::variant<std::int64_t, std::string, oid>;

/// A name to resolve later against a mib, like PySNMP's ObjectIdentity:
/// object_identity("SNMPv2-MIB", "sysDescr", {0}), object_identity("SNMPv2-MIB::sysDescr.0"),
/// object_identity("IF-MIB", "ifDescr", {3}), object_identity(oid{1,3,6,1}).
class SNMPIO_EXPORT object_identity {
 public:
  explicit object_identity(std::string text);
  object_identity(std::string module, std::string name, std::vector<index_value> indexes = {});
  explicit object_identity(snmpio::oid o);

  /// The OID; loads the module when needed. Errors as mib::resolve, and
  /// errc::mib_bad_index when an index value does not fit the INDEX clause.
  result<snmpio::oid> resolve(mib& m) const;

 private:
  std::string text_;
  std::string module_;
  std::string name_;
  std::vector<index_value> indexes_;
  snmpio::oid oid_;
  int form_ = 0;  // 0 text, 1 module+name+indexes, 2 oid
};

}  // namespace snmpio
