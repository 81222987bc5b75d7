// snmpio-agent: an SNMP agent that takes snmpd(8)'s flags and a subset of its
// snmpd.conf(5): communities, USM users, VACM, the system group, IF-MIB, and the
// notification sinks (trapsink, trap2sink, informsink, trapsess), which get a
// coldStart when it starts.
//
//   snmpio-agent -f -Lo -C -c agent.conf udp:127.0.0.1:1161 udp6:[::1]:1161
#include "samples/common/agent_config.hpp"
#include "samples/common/agent_setup.hpp"

#include <snmpio/command_responder.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/reactor.hpp>
#include <snmpio/version.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;

std::atomic<int> stop_signal{0};

extern "C" void on_stop_signal(int sig) { stop_signal.store(sig, std::memory_order_relaxed); }

constexpr const char* default_config = "/etc/snmp/snmpio-agent.conf";

struct options {
  bool foreground = false;
  bool no_default_config = false;
  std::vector<std::string> config_files;
  enum class log_to { stderr_, stdout_, file } log = log_to::stderr_;
  bool log_given = false;  ///< without -L, a daemon logs nowhere
  std::string log_file;
  std::string pid_file;
  std::string persistent_dir;
  std::vector<std::string> addresses;
};

void usage(FILE* to) {
  std::fprintf(to,
               "Usage: snmpio-agent [OPTIONS] [LISTENING ADDRESSES]\n"
               "\n"
               "  -f\t\t\tdo not fork from the shell\n"
               "  -C\t\t\tdo not read the default configuration file (%s)\n"
               "  -c FILE[,...]\t\tread FILE as a configuration file (may repeat)\n"
               "  -Lo, -Le, -Lf FILE\tlog to standard output, standard error, or FILE\n"
               "  -p FILE\t\tstore the process ID in FILE\n"
               "  --persistentDir=DIR\tkeep the engine ID and boots in DIR\n"
               "  -v\t\t\tprint the version and exit\n"
               "  -h\t\t\tprint this help and exit\n"
               "\n"
               "LISTENING ADDRESSES: [udp:|udp6:]HOST[:PORT] or PORT, as snmpd takes them\n",
               default_config);
}

void split_commas(const std::string& s, std::vector<std::string>& out) {
  std::size_t start = 0;
  while (true) {
    const std::size_t c = s.find(',', start);
    out.push_back(s.substr(start, c == std::string::npos ? std::string::npos : c - start));
    if (c == std::string::npos) return;
    start = c + 1;
  }
}

// 0: go on; 1: exit failure; 2: exit success.
int parse_args(int argc, char** argv, options& o) {
  auto fail = [](const std::string& msg) {
    std::fprintf(stderr, "snmpio-agent: %s\n", msg.c_str());
    usage(stderr);
    return 1;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::size_t attached_at, std::string& out) {
      if (a.size() > attached_at) {
        out = a.substr(attached_at);
        return true;
      }
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    if (a == "--") {
      for (++i; i < argc; ++i) o.addresses.push_back(argv[i]);
      break;
    }
    if (a.rfind("--persistentDir=", 0) == 0) {
      o.persistent_dir = a.substr(16);
      if (o.persistent_dir.empty()) return fail("--persistentDir needs a directory");
      continue;
    }
    if (a == "--help") {
      usage(stdout);
      return 2;
    }
    if (a.size() < 2 || a[0] != '-') {
      o.addresses.push_back(a);
      continue;
    }
    switch (a[1]) {
      case 'f':
      case 'C':
      case 'h':
      case 'v':
        if (a.size() != 2) return fail("unknown option " + a);
        if (a[1] == 'f') o.foreground = true;
        if (a[1] == 'C') o.no_default_config = true;
        if (a[1] == 'h') {
          usage(stdout);
          return 2;
        }
        if (a[1] == 'v') {
          std::printf("snmpio-agent %s\n", SNMPIO_VERSION_STRING);
          return 2;
        }
        break;
      case 'c': {
        std::string files;
        if (!value(2, files) || files.empty()) return fail("-c needs a configuration file");
        split_commas(files, o.config_files);
        break;
      }
      case 'p':
        if (!value(2, o.pid_file) || o.pid_file.empty()) return fail("-p needs a file");
        break;
      case 'L': {
        o.log_given = true;
        if (a == "-Lo" || a == "-LO") o.log = options::log_to::stdout_;
        else if (a == "-Le" || a == "-LE") o.log = options::log_to::stderr_;
        else if (a.rfind("-Lf", 0) == 0 || a.rfind("-LF", 0) == 0) {
          if (!value(3, o.log_file) || o.log_file.empty()) return fail("-Lf needs a file");
          o.log = options::log_to::file;
        } else {
          return fail("unsupported logging option " + a + " (-Lo, -Le or -Lf FILE)");
        }
        break;
      }
      default:
        return fail("unknown option " + a);
    }
  }
  return 0;
}

bool write_pid_file(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return false;
  std::fprintf(f, "%ld\n", static_cast<long>(::getpid()));
  return std::fclose(f) == 0;
}

// Detaches from the shell as daemons do: the parent returns at once, the child leaves
// the session and the terminal behind.
bool daemonize(bool keep_stdout, bool keep_stderr) {
  const pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid > 0) std::_Exit(0);
  ::setsid();
  if (::chdir("/") != 0) return false;
  const int null = ::open("/dev/null", O_RDWR);
  if (null >= 0) {
    ::dup2(null, STDIN_FILENO);
    if (!keep_stdout) ::dup2(null, STDOUT_FILENO);
    if (!keep_stderr) ::dup2(null, STDERR_FILENO);
    if (null > STDERR_FILENO) ::close(null);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  options opt;
  if (int r = parse_args(argc, argv, opt); r != 0) return r == 2 ? 0 : 1;

  snmpio::samples::agent_config cfg;
  std::vector<std::string> errors;
  if (!opt.no_default_config && ::access(default_config, F_OK) == 0)
    snmpio::samples::load_agent_config_file(default_config, cfg, errors);
  for (const auto& f : opt.config_files) snmpio::samples::load_agent_config_file(f, cfg, errors);
  std::vector<snmpio::endpoint> addresses;
  for (const auto& a : opt.addresses) {
    std::string err;
    if (!snmpio::samples::parse_listen_addresses(a, addresses, err)) errors.push_back(err);
  }
  if (!errors.empty()) {
    for (const auto& e : errors) std::fprintf(stderr, "snmpio-agent: %s\n", e.c_str());
    return 1;
  }
  // Addresses on the command line replace agentaddress, as in snmpd; neither: UDP 161.
  if (addresses.empty()) addresses = cfg.addresses;
  if (addresses.empty()) addresses.push_back(snmpio::endpoint::any_v4(161));

  FILE* log = stderr;
  if (opt.log == options::log_to::stdout_) log = stdout;
  if (opt.log == options::log_to::file) {
    log = std::fopen(opt.log_file.c_str(), "a");
    if (!log) {
      std::fprintf(stderr, "snmpio-agent: cannot open the log file %s: %s\n", opt.log_file.c_str(),
                   std::strerror(errno));
      return 1;
    }
  }
  std::setvbuf(log, nullptr, _IOLBF, 0);

  snmpio::engine_options eo;
  eo.engine_id = cfg.engine_id;
  if (!opt.persistent_dir.empty()) {
    auto st = snmpio::load_engine_state(opt.persistent_dir, cfg.engine_id);
    if (!st) {
      std::fprintf(stderr, "snmpio-agent: cannot keep the engine state in %s: %s\n", opt.persistent_dir.c_str(),
                   st.error().message().c_str());
      return 1;
    }
    eo.engine_id = st->engine_id;
    eo.engine_boots = st->engine_boots;
  }

  snmpio::reactor loop;
  snmpio::engine eng(loop, eo);
  snmpio::command_responder responder(eng);
  snmpio::samples::agent_setup setup;
  if (!snmpio::samples::configure_agent(cfg, eng, responder, setup, eo.max_message_size, errors)) {
    for (const auto& e : errors) std::fprintf(stderr, "snmpio-agent: %s\n", e.c_str());
    return 1;
  }
  for (const auto& a : addresses) {
    if (auto ec = eng.listen(a)) {
      std::fprintf(stderr, "snmpio-agent: cannot listen on %s: %s\n", a.to_netsnmp_string().c_str(),
                   ec.message().c_str());
      return 1;
    }
  }

  if (!opt.foreground && !daemonize(opt.log == options::log_to::stdout_, opt.log_given && opt.log == options::log_to::stderr_)) {
    std::fprintf(stderr, "snmpio-agent: cannot detach: %s\n", std::strerror(errno));
    return 1;
  }
  if (!opt.pid_file.empty() && !write_pid_file(opt.pid_file)) {
    std::fprintf(log, "snmpio-agent: cannot write the pid file %s: %s\n", opt.pid_file.c_str(), std::strerror(errno));
    return 1;
  }

  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  ::sigemptyset(&sa.sa_mask);
  ::sigaction(SIGTERM, &sa, nullptr);
  ::sigaction(SIGINT, &sa, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  // A signal handler may only touch the atomic; a short timer on the reactor's thread
  // looks at it and stops the loop.
  snmpio::unique_function<void()> watch;
  watch = [&] {
    if (stop_signal.load(std::memory_order_relaxed) != 0) {
      loop.stop();
      return;
    }
    loop.call_after(50ms, [&] { watch(); });
  };
  loop.call_after(50ms, [&] { watch(); });

  std::string where;
  for (const auto& e : eng.listening_endpoints()) where += " " + e.to_netsnmp_string();
  std::fprintf(log, "snmpio-agent %s started, listening on%s\n", SNMPIO_VERSION_STRING, where.c_str());

  // coldStart to every sink, as snmpd does when it starts.
  snmpio::notification_originator originator(eng);
  snmpio::samples::send_to_sinks(cfg, originator, snmpio::samples::cold_start_notification(cfg), log);

  const std::error_code ec = loop.run();
  const int sig = stop_signal.load();
  if (sig != 0) std::fprintf(log, "Received %s signal... shutting down...\n", sig == SIGTERM ? "TERM" : "INT");
  if (!opt.pid_file.empty()) ::unlink(opt.pid_file.c_str());
  if (ec) {
    std::fprintf(log, "snmpio-agent: %s\n", ec.message().c_str());
    return 1;
  }
  return 0;
}
