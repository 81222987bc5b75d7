// Sample helpers: the MIB modules of a tool, chosen as Net-SNMP's tools choose them:
// MIBDIRS and -M for the directories, MIBS and -m for the modules.
#pragma once

#include <snmpio/mib.hpp>

#include <string>

namespace snmpio::samples {

/// What the command line and the environment say about MIBs.
struct mib_settings {
  bool dirs_given = false;     ///< -M
  std::string dirs;            ///< -M DIRS ("+DIR" appends)
  bool modules_given = false;  ///< -m
  std::string modules;         ///< -m LIST ("+LIST" adds, "ALL")
};

/// The directories searched when neither MIBDIRS nor -M says otherwise:
/// $HOME/.snmp/mibs and Net-SNMP's system directories.
std::string default_mib_dirs();

/// Loads the tool's modules into `m`: the search path from MIBDIRS (else the
/// default), then -M; the modules from MIBS (else every built-in module), then -m.
/// Modules that cannot be loaded are reported on stderr as Net-SNMP does
/// ("Cannot find module (X): At line 0 in (none)") and do not stop the tool.
void load_tool_mibs(mib& m, const mib_settings& s);

/// The tool's MIB, loaded by parse_snmpcmd (nullptr before), and how it names OIDs
/// (-On, -Of, -Os, -OS, -Ou) in messages such as "Failed object: ...".
mib* tool_mib() noexcept;
oid_format tool_oid_format() noexcept;
void set_tool_mib(mib* m, oid_format names) noexcept;

}  // namespace snmpio::samples
