// Test helper: run a command line with Net-SNMP isolated from the host's configuration
// (as run_command does) and keep its standard output, standard error and exit status
// apart, so that a test can check which stream a message went to.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "tests/support/netsnmp_tools.hpp"
#include "tests/support/temp_dir.hpp"

namespace snmpio::test {

struct tool_result {
  int status = -1;  ///< exit status (WEXITSTATUS), or -1 when it did not exit normally
  std::string out;
  std::string err;
};

inline tool_result run_tool(const std::string& cmdline) {
  const temp_dir dir("tool");
  const std::string err_file = (dir / "stderr").string();
  const std::string full = netsnmp_isolated_env(dir) + cmdline + " 2>" + err_file;
  tool_result r;
  FILE* p = popen(full.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int raw = pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream in(err_file);
  r.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return r;
}

/// Where the samples were built: $BUILD/bin (the test runner sets BUILD).
inline std::string sample_path(const std::string& name) {
  const char* build = std::getenv("BUILD");
  return std::string(build && *build ? build : "build") + "/bin/" + name;
}

}  // namespace snmpio::test
