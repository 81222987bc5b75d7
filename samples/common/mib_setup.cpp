#include "samples/common/mib_setup.hpp"

#include <cstdio>
#include <cstdlib>

namespace snmpio::samples {

namespace {
mib* current = nullptr;
oid_format current_names = oid_format::module;
}

std::string default_mib_dirs() {
  std::string dirs;
  if (const char* home = std::getenv("HOME"); home && *home) dirs = std::string(home) + "/.snmp/mibs:";
  return dirs + "/usr/share/snmp/mibs:/usr/share/snmp/mibs/iana:/usr/share/snmp/mibs/ietf";
}

void load_tool_mibs(mib& m, const mib_settings& s) {
  const char* env_dirs = std::getenv("MIBDIRS");
  m.set_search_path(env_dirs ? std::string(env_dirs) : default_mib_dirs());
  if (env_dirs && *env_dirs == '+') m.set_search_path(default_mib_dirs() + ":" + (env_dirs + 1));
  if (s.dirs_given) m.set_search_path(s.dirs);
  std::string list;
  if (const char* env = std::getenv("MIBS")) {
    list = env;
    if (!list.empty() && list.front() == '+') {
      list.erase(0, 1);
      for (const auto& b : mib::builtin_modules()) list += ":" + b;
    }
  } else {
    for (const auto& b : mib::builtin_modules()) list += (list.empty() ? "" : ":") + b;
  }
  if (s.modules_given) {
    if (!s.modules.empty() && s.modules.front() == '+') list += ":" + s.modules.substr(1);
    else list = s.modules;
  }
  const std::size_t before = m.errors().size();
  (void)m.load_modules(list);
  if (m.errors().size() > before) {
    std::string path;
    for (const auto& d : m.search_path()) path += (path.empty() ? "" : ":") + d;
    std::fprintf(stderr, "MIB search path: %s\n", path.c_str());
  }
  for (std::size_t i = before; i < m.errors().size(); ++i) {
    const auto& e = m.errors()[i];
    if (e.file.empty()) {
      std::fprintf(stderr, "%s: At line 1 in (none)\n", e.message.c_str());
    } else {
      std::fprintf(stderr, "%s: At line %d in %s\n", e.message.c_str(), e.line, e.file.c_str());
    }
  }
}

mib* tool_mib() noexcept { return current; }
oid_format tool_oid_format() noexcept { return current_names; }
void set_tool_mib(mib* m, oid_format names) noexcept {
  current = m;
  current_names = names;
}

}  // namespace snmpio::samples
