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

namespace snmpio::test {

struct tool_result {
  int status = -1;  ///< exit status (WEXITSTATUS), or -1 when it did not exit normally
  std::string out;
  std::string err;
};

inline tool_result run_tool(const std::string& cmdline) {
  static int counter = 0;
  const std::string err_file =
      "/tmp/snmpio-tool-stderr-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
  const std::string full = "env MIBS= SNMPCONFPATH=/nonexistent SNMP_PERSISTENT_DIR=/tmp/snmpio-test-persist " +
                           cmdline + " 2>" + err_file;
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
  std::remove(err_file.c_str());
  return r;
}

/// Where the samples were built: $BUILD/bin (the test runner sets BUILD).
inline std::string sample_path(const std::string& name) {
  const char* build = std::getenv("BUILD");
  return std::string(build && *build ? build : "build") + "/bin/" + name;
}

}  // namespace snmpio::test
