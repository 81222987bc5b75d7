// Test helpers: run Net-SNMP's command-line tools and read what they print.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace snmpio::test {

/// The `env ...` prefix that keeps a Net-SNMP tool away from the host's configuration and
/// state: no MIBs loaded, no snmp.conf read (SNMPCONFPATH names a folder that does not
/// exist), and its persistent state kept in `dir`, a fresh directory of the caller's that
/// already exists, with the cert_indexes folder every tool wants in it (else the tool
/// makes them and prints "Created directory: ..." into the output under test).
inline std::string netsnmp_isolated_env(const temp_dir& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir / "cert_indexes", ec);
  return "env MIBS= SNMPCONFPATH=" + (dir / "no-conf").string() + " SNMP_PERSISTENT_DIR=" + dir.str() + " ";
}

struct command_output {
  int status = -1;
  std::string text;  // stdout and stderr together
};

/// Runs a shell command line with Net-SNMP isolated from the host's configuration
/// (no MIBs loaded, no snmp.conf read, state kept in a fresh directory removed
/// afterwards) and returns what it printed.
inline command_output run_command(const std::string& cmdline) {
  const temp_dir dir("tool");
  const std::string full = netsnmp_isolated_env(dir) + cmdline + " 2>&1";
  command_output out;
  FILE* p = popen(full.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.text.append(buf.data(), n);
  out.status = pclose(p);
  return out;
}

/// The datagrams a Net-SNMP tool run with -d says it sent ("Sending N bytes ..."
/// followed by a hex dump).
inline std::vector<std::vector<std::uint8_t>> sent_datagrams(const std::string& text) {
  std::vector<std::vector<std::uint8_t>> out;
  std::vector<std::size_t> sizes;
  std::istringstream in(text);
  std::string line;
  static const std::regex sending(R"(^Sending (\d+) bytes)");
  static const std::regex row(R"(^[0-9]{4}: ((?:[0-9A-F]{2} {1,2})+))");
  bool in_dump = false;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, sending)) {
      out.emplace_back();
      sizes.push_back(std::stoul(m[1]));
      in_dump = true;
      continue;
    }
    if (in_dump && std::regex_search(line, m, row)) {
      std::istringstream hexes(m[1].str());
      std::string h;
      while (hexes >> h) out.back().push_back(static_cast<std::uint8_t>(std::stoul(h, nullptr, 16)));
    } else if (in_dump && !line.empty()) {
      in_dump = false;
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i].size() > sizes[i]) out[i].resize(sizes[i]);
  return out;
}

}  // namespace snmpio::test
