// snmpio-bench: load generator. Keeps WINDOW requests (or walks) outstanding until
// COUNT have completed, then prints one line:
//   ok=N err=N req/s=R cpu_us_per_req=C max_rss_kb=K
//
//   snmpio-bench get  -v2c -c public -n 100000 -w 64 127.0.0.1 1.3.6.1.2.1.1.1.0
//   snmpio-bench walk -v2c -c public -n 100 -w 8 [-Cr10] 127.0.0.1 1.3.6.1.2.1.2
#include "samples/common/output.hpp"
#include "samples/common/session.hpp"
#include "samples/common/snmpcmd_options.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace snmpio;
using namespace snmpio::samples;

namespace {

double cpu_seconds() {
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

long max_rss_kb() {
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);
#ifdef __APPLE__
  return ru.ru_maxrss / 1024;  // bytes on macOS
#else
  return ru.ru_maxrss;  // kilobytes on Linux and the BSDs
#endif
}

std::optional<unsigned long long> positive(std::string_view text) {
  std::string s(text);
  char* end = nullptr;
  unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (s.empty() || *end || s[0] == '-' || v == 0) return std::nullopt;
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  tool_info tool;
  tool.name = "snmpio-bench";
  tool.usage_args = "get|walk -n COUNT -w WINDOW AGENT OID [OID]...";
  tool.extra_usage =
      "snmpio-bench options\n"
      "  get|walk\t\tGET requests of the OIDs, or walks of the (first) OID\n"
      "  -n COUNT\t\trequests (get) or walks (walk) to complete (default 10000 / 100)\n"
      "  -w WINDOW\t\thow many are outstanding at once (default 16 / 4)\n"
      "  -Cr<NUM>\t\twalk with GETBULK, max-repetitions <NUM> (SNMPv2c)\n";
  unsigned long long count = 0, window = 0;
  long bulk_repetitions = 0;
  tool.extra_flags = "nw";
  tool.on_extra_flag = [&](char f, std::string_view arg) -> std::string {
    auto v = positive(arg);
    if (!v) return std::string("snmpio-bench: -") + f + " needs a positive number, not \"" + std::string(arg) + "\"";
    (f == 'n' ? count : window) = *v;
    return "";
  };
  tool.app_usage = "\t\t\t  r<NUM>:  walk with GETBULK, max-repetitions <NUM>\n";
  tool.on_app_options = [&](std::string_view letters, const auto&) -> std::string {
    for (std::size_t i = 0; i < letters.size();) {
      const char c = letters[i++];
      if (c != 'r') return std::string("Unknown flag passed to -C: ") + c;
      auto v = take_number(letters, i);
      if (!v || *v < 1) return "usage";
      bulk_repetitions = *v;
    }
    return "";
  };
  if (argc < 2 || (std::strcmp(argv[1], "get") != 0 && std::strcmp(argv[1], "walk") != 0)) {
    if (argc >= 2 && (std::strcmp(argv[1], "-V") == 0 || std::strcmp(argv[1], "--version") == 0)) {
      snmpcmd_options ignored;
      return parse_snmpcmd(argc, argv, tool, ignored) == parse_status::exit_success ? 0 : 1;
    }
    return usage_error(tool, "snmpio-bench: the first argument is the mode: get or walk");
  }
  const bool walk = std::strcmp(argv[1], "walk") == 0;
  snmpcmd_options opts;
  if (auto st = parse_snmpcmd(argc - 1, argv + 1, tool, opts); st != parse_status::ok)
    return st == parse_status::exit_success ? 0 : 1;
  if (!count) count = walk ? 100 : 10000;
  if (!window) window = walk ? 4 : 16;
  auto agent = agent_argument(tool, opts);
  if (!agent) return 1;
  int exit_status = 0;
  auto parsed_names = oid_arguments(tool, opts, exit_status);
  if (!parsed_names) return exit_status;
  std::vector<oid> names = std::move(*parsed_names);
  if (bulk_repetitions && opts.version == snmp_version::v1) {
    std::fprintf(stderr, "%s: Cannot send V2 PDU on V1 session\n", tool.name.c_str());
    return 1;
  }

  engine_options eopts;
  eopts.max_in_flight = static_cast<std::size_t>(window);
  session s(opts, *agent, eopts);
  unsigned long long started = 0, ok = 0, err = 0;
  std::error_code first_error;
  walk_options wopts;
  wopts.use_bulk = bulk_repetitions > 0;
  if (bulk_repetitions) wopts.max_repetitions = static_cast<std::int32_t>(bulk_repetitions);

  auto finish_one = [&](bool good, std::error_code ec) {
    if (good) {
      ++ok;
    } else {
      ++err;
      if (!first_error && ec) first_error = ec;
    }
    if (ok + err == count) s.loop().stop();
  };
  // Starts one more request or walk; its completion starts the next one.
  std::function<void()> start_one = [&] {
    if (started >= count) return;
    ++started;
    if (walk) {
      auto h = s.with_auth([&](const auto& a) {
        return s.gen().walk(
            a, s.to(), s.context(), {names[0]}, wopts, [](const std::vector<varbind>&) { return true; },
            [&](std::error_code ec, response last) {
              finish_one(!ec && last.error_status == 0, ec);
              start_one();
            });
      });
      if (!h) {
        finish_one(false, h.error());
        s.loop().post([&] { start_one(); });
      }
    } else {
      auto h = s.with_auth([&](const auto& a) {
        return s.gen().get(a, s.to(), s.context(), names, [&](std::error_code ec, response r) {
          finish_one(!ec && r.error_status == 0, ec);
          start_one();
        });
      });
      if (!h) {
        finish_one(false, h.error());
        s.loop().post([&] { start_one(); });
      }
    }
  };

  const double cpu0 = cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  for (unsigned long long i = 0; i < window && i < count; ++i) start_one();
  if (ok + err < count) {
    if (auto ec = s.loop().run()) {
      std::fprintf(stderr, "%s: %s\n", tool.name.c_str(), ec.message().c_str());
      return 1;
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = cpu_seconds() - cpu0;
  // Walks are measured per SNMP request they made; gets per request.
  const double requests = walk ? static_cast<double>(s.eng().stats().requests) : static_cast<double>(ok + err);
  std::printf("ok=%llu err=%llu req/s=%.1f cpu_us_per_req=%.2f max_rss_kb=%ld\n", ok, err,
              secs > 0 ? requests / secs : 0.0, requests > 0 ? cpu * 1e6 / requests : 0.0, max_rss_kb());
  if (err && first_error) {
    std::fflush(stdout);
    print_failure(tool.name, agent->text, first_error, false);
  }
  return err ? 1 : 0;
}
