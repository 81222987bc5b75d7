// Test helper: the real Net-SNMP snmpd, started on a free loopback port (IPv4 and
// IPv6 on the same port number) with a temporary configuration and persistent
// directory, and stopped (and cleaned up) when the object goes.
#pragma once

#include "tests/support/temp_dir.hpp"
#include "tests/support/daemon_process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace snmpio::test {

/// Finds a UDP port free on both 127.0.0.1 and ::1 (racy by nature; callers retry).
inline std::uint16_t free_udp_port() {
  for (int attempt = 0; attempt < 50; ++attempt) {
    int s4 = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a4{};
    a4.sin_family = AF_INET;
    a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a4;
    if (s4 < 0 || ::bind(s4, reinterpret_cast<sockaddr*>(&a4), sizeof a4) != 0 ||
        ::getsockname(s4, reinterpret_cast<sockaddr*>(&a4), &len) != 0) {
      if (s4 >= 0) ::close(s4);
      continue;
    }
    const std::uint16_t port = ntohs(a4.sin_port);
    int s6 = ::socket(AF_INET6, SOCK_DGRAM, 0);
    sockaddr_in6 a6{};
    a6.sin6_family = AF_INET6;
    a6.sin6_addr = in6addr_loopback;
    a6.sin6_port = htons(port);
    const bool ok6 = s6 >= 0 && ::bind(s6, reinterpret_cast<sockaddr*>(&a6), sizeof a6) == 0;
    if (s6 >= 0) ::close(s6);
    ::close(s4);
    if (ok6) return port;
  }
  throw std::runtime_error("free_udp_port: none found");
}

class snmpd_fixture {
 public:
  struct options {
    /// Lines appended to the generated snmpd.conf.
    std::string extra_config;
    /// Communities: "public" read-only and "private" read-write, on both families.
    bool default_communities = true;
  };

  snmpd_fixture() : snmpd_fixture(options{}) {}
  explicit snmpd_fixture(const options& opt) {
    namespace fs = std::filesystem;
    dir_ = make_temp_dir("snmpd");
    fs::create_directories(dir_ / "persist");
    for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
      port_ = free_udp_port();
      write_config(opt);
      if (start()) break;
      stop();
    }
    if (pid_ <= 0) throw std::runtime_error("snmpd did not start; see " + (dir_ / "snmpd.log").string());
  }

  ~snmpd_fixture() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  snmpd_fixture(const snmpd_fixture&) = delete;
  snmpd_fixture& operator=(const snmpd_fixture&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  /// Agent specs as Net-SNMP's tools take them.
  std::string v4_spec() const { return "udp:127.0.0.1:" + std::to_string(port_); }
  std::string v6_spec() const { return "udp6:[::1]:" + std::to_string(port_); }
  const std::filesystem::path& directory() const noexcept { return dir_; }
  std::string log() const {
    std::ifstream in(dir_ / "snmpd.log");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  void write_config(const options& opt) {
    std::ofstream conf(dir_ / "snmpd.conf");
    conf << "agentaddress udp:127.0.0.1:" << port_ << ",udp6:[::1]:" << port_ << "\n";
    if (opt.default_communities) {
      conf << "rocommunity public 127.0.0.1\n"
           << "rocommunity6 public ::1\n"
           << "rwcommunity private 127.0.0.1\n"
           << "rwcommunity6 private ::1\n";
    }
    conf << "sysContact snmpio-tests@example.org\n"
         << "sysServices 72\n"
         << opt.extra_config << "\n";
  }

  bool start() {
    const std::string conf = (dir_ / "snmpd.conf").string();
    const std::string pidfile = (dir_ / "snmpd.pid").string();
    const std::string logfile = (dir_ / "snmpd.log").string();
    const std::string persist = (dir_ / "persist").string();
    pid_ = ::fork();
    if (pid_ < 0) return false;
    if (pid_ == 0) {
      ::setenv("SNMP_PERSISTENT_DIR", persist.c_str(), 1);
      ::setenv("MIBS", "", 1);
      ::setenv("SNMPCONFPATH", (dir_ / "none").c_str(), 1);
      FILE* log = std::freopen(logfile.c_str(), "w", stdout);
      (void)log;
      ::dup2(STDOUT_FILENO, STDERR_FILENO);
      ::execlp("snmpd", "snmpd", "-f", "-Lo", "-C", "-c", conf.c_str(), "-p", pidfile.c_str(),
               static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    return wait_ready();
  }

  bool wait_ready() { return wait_agent_ready(pid_, port_); }

  void stop() { stop_process(pid_); }

  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace snmpio::test
