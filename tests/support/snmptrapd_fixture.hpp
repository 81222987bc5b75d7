// Test helper: the real Net-SNMP snmptrapd, started on a free loopback port (IPv4 and
// IPv6 on the same port number) with a temporary configuration, logging every
// notification to a file in a format the tests read back (numeric OIDs, one line per
// notification), and stopped (and cleaned up) when the object goes.
#pragma once

#include "tests/support/snmpd_fixture.hpp"  // free_udp_port

#include "tests/support/temp_dir.hpp"
#include "tests/support/daemon_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace snmpio::test {

class snmptrapd_fixture {
 public:
  struct options {
    /// Lines appended to the generated snmptrapd.conf (createUser, authCommunity ...).
    std::string extra_config;
    /// authCommunity log public.
    bool public_community = true;
  };

  explicit snmptrapd_fixture(const options& opt) {
    namespace fs = std::filesystem;
    dir_ = make_temp_dir("snmptrapd");
    fs::create_directories(dir_ / "persist");
    for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
      port_ = free_udp_port();
      write_config(opt);
      if (start()) break;
      stop();
    }
    if (pid_ <= 0) throw std::runtime_error("snmptrapd did not start; see " + (dir_ / "snmptrapd.log").string());
  }
  ~snmptrapd_fixture() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  snmptrapd_fixture(const snmptrapd_fixture&) = delete;
  snmptrapd_fixture& operator=(const snmptrapd_fixture&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  std::string v4_spec() const { return "udp:127.0.0.1:" + std::to_string(port_); }
  std::string v6_spec() const { return "udp6:[::1]:" + std::to_string(port_); }

  /// Everything snmptrapd logged so far.
  std::string log() const {
    std::ifstream in(dir_ / "snmptrapd.log");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  /// The notification lines ("NOTIFICATION ..."), in arrival order.
  std::vector<std::string> notifications() const {
    std::vector<std::string> out;
    std::istringstream in(log());
    std::string line;
    while (std::getline(in, line))
      if (line.rfind("NOTIFICATION ", 0) == 0) out.push_back(line);
    return out;
  }
  /// Waits (up to `limit`) for a notification line with the string value "`marker`"; returns it or "".
  std::string wait_for(const std::string& marker, std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) const {
    const auto end = std::chrono::steady_clock::now() + limit;
    do {
      for (const auto& l : notifications())
        if (l.find("\"" + marker + "\"") != std::string::npos) return l;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (std::chrono::steady_clock::now() < end);
    return {};
  }

 private:
  void write_config(const options& opt) {
    std::ofstream conf(dir_ / "snmptrapd.conf");
    if (opt.public_community) conf << "authCommunity log public\n";
    conf << "doNotLogTraps no\n" << opt.extra_config << "\n";
  }

  bool start() {
    const std::string conf = (dir_ / "snmptrapd.conf").string();
    const std::string logfile = (dir_ / "snmptrapd.log").string();
    const std::string persist = (dir_ / "persist").string();
    const std::string listen = "udp:127.0.0.1:" + std::to_string(port_) + ",udp6:[::1]:" + std::to_string(port_);
    {
      std::ofstream truncate(logfile);
    }
    pid_ = ::fork();
    if (pid_ < 0) return false;
    if (pid_ == 0) {
      ::setenv("SNMP_PERSISTENT_DIR", persist.c_str(), 1);
      ::setenv("MIBS", "", 1);
      ::setenv("SNMPCONFPATH", (dir_ / "none").c_str(), 1);
      FILE* log = std::freopen(logfile.c_str(), "a", stdout);
      (void)log;
      ::dup2(STDOUT_FILENO, STDERR_FILENO);
      // One line per notification: %P the security (version, community or user), %v
      // the varbinds (numeric OIDs, -On), separated by " ;; ".
      ::execlp("snmptrapd", "snmptrapd", "-f", "-Lo", "-C", "-c", conf.c_str(), "-On", "-F",
               "NOTIFICATION %b | %P | %N | %w | %q | %v\n", listen.c_str(), static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    return wait_ready();
  }

  // Ready when it says so in its log.
  bool wait_ready() {
    for (int i = 0; i < 200; ++i) {
      int status;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      if (log().find("NET-SNMP version") != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  void stop() { stop_process(pid_); }

  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace snmpio::test
