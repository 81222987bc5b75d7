// Test helper: an agent process started on a free loopback port (IPv4 and IPv6 on the
// same port number) with a configuration file of the test's making: snmpio-agent from
// $BUILD/bin, or, with the same file, Net-SNMP's snmpd, so that a test can ask both the
// same questions. Both get the listening addresses on the command line, as snmpd takes
// them, and are stopped with SIGTERM when the object goes.
#pragma once

#include "tests/support/temp_dir.hpp"
#include "tests/support/snmpd_fixture.hpp"
#include "tests/support/tool_runner.hpp"

#include "tests/support/daemon_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace snmpio::test {

class agent_fixture {
 public:
  enum class kind { snmpio, netsnmp };

  struct options {
    /// The whole configuration file. It must let community "public" read sysUpTime.0
    /// from 127.0.0.1: that is how readiness is probed.
    std::string config;
    kind which = kind::snmpio;
    /// Further command line arguments (before the listening addresses).
    std::vector<std::string> extra_args{};
  };

  explicit agent_fixture(const options& opt) : which_(opt.which) {
    namespace fs = std::filesystem;
    dir_ = make_temp_dir("agent");
    fs::create_directories(dir_ / "persist");
    std::ofstream(dir_ / "agent.conf") << opt.config;
    for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
      port_ = free_udp_port();
      if (start(opt)) break;
      stop();
    }
    if (pid_ <= 0)
      throw std::runtime_error(std::string(which_ == kind::snmpio ? "snmpio-agent" : "snmpd") +
                               " did not start; its log:\n" + log());
  }

  ~agent_fixture() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  agent_fixture(const agent_fixture&) = delete;
  agent_fixture& operator=(const agent_fixture&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  std::string v4_spec() const { return "udp:127.0.0.1:" + std::to_string(port_); }
  std::string v6_spec() const { return "udp6:[::1]:" + std::to_string(port_); }
  std::filesystem::path config_path() const { return dir_ / "agent.conf"; }
  std::filesystem::path persistent_dir() const { return dir_ / "persist"; }
  pid_t pid() const noexcept { return pid_; }
  std::string log() const {
    std::ifstream in(dir_ / "agent.log");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  /// Sends SIGTERM and waits; returns the exit status, or -1 (killed, or not running).
  int terminate() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 300; ++i) {
      int status;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stop();
    return -1;
  }

 private:
  bool start(const options& opt) {
    const std::string conf = config_path().string();
    const std::string pidfile = (dir_ / "agent.pid").string();
    const std::string logfile = (dir_ / "agent.log").string();
    const std::string persist = persistent_dir().string();
    std::vector<std::string> args;
    if (which_ == kind::snmpio) {
      args = {sample_path("snmpio-agent"), "-f", "-Lo", "-C", "-c", conf, "-p", pidfile, "--persistentDir=" + persist};
    } else {
      args = {"snmpd", "-f", "-Lo", "-C", "-c", conf, "-p", pidfile};
    }
    args.insert(args.end(), opt.extra_args.begin(), opt.extra_args.end());
    args.push_back(v4_spec());
    args.push_back(v6_spec());
    pid_ = ::fork();
    if (pid_ < 0) return false;
    if (pid_ == 0) {
      ::setenv("SNMP_PERSISTENT_DIR", persist.c_str(), 1);
      ::setenv("MIBS", "", 1);
      ::setenv("SNMPCONFPATH", (dir_ / "none").c_str(), 1);
      FILE* log = std::freopen(logfile.c_str(), "w", stdout);
      (void)log;
      ::dup2(STDOUT_FILENO, STDERR_FILENO);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execvp(argv[0], argv.data());
      std::_Exit(127);
    }
    return wait_ready();
  }

  bool wait_ready() { return wait_agent_ready(pid_, port_); }

  void stop() { stop_process(pid_); }

  kind which_;
  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace snmpio::test
