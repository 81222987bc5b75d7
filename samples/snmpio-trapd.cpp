// snmpio-trapd: an SNMP notification receiver with the flags of Net-SNMP's
// snmptrapd(8): -f (stay in the foreground: always), -C (no default config files),
// -c FILE, -Lo (log to stdout: always), --json; listening addresses as arguments
// ("udp:127.0.0.1:1162", "udp6:[::1]:1162"; default udp:0.0.0.0:162). One line per
// notification, or one JSON object per line with --json. SIGINT/SIGTERM stop it.
//
//   snmpio-trapd -f -Lo -C -c trapd.conf udp:127.0.0.1:1162 udp6:[::1]:1162
#include <snmpio/format.hpp>
#include <snmpio/notification_receiver.hpp>

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "samples/common/agent_config.hpp"
#include "samples/common/agent_setup.hpp"

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

using namespace snmpio;
using namespace snmpio::samples;

namespace {

volatile std::sig_atomic_t stop_requested = 0;
void on_signal(int) { stop_requested = 1; }

// A received text as one line of the log: control characters, DEL and the backslash
// written as \xHH, so that a value can never start what looks like another line or
// send escape sequences to a terminal.
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string hex_of(std::string_view s) {
  std::string out;
  char buf[4];
  for (unsigned char c : s) {
    std::snprintf(buf, sizeof buf, "%02X", c);
    out += buf;
  }
  return out;
}

const char* pdu_name(pdu_type t) {
  switch (t) {
    case pdu_type::trap_v1: return "TRAP";
    case pdu_type::trap_v2: return "TRAP2";
    case pdu_type::inform_request: return "INFORM";
    default: return "OTHER";
  }
}

std::string source_text(const endpoint& e) {
  return std::string(e.is_v6() ? "udp6:" : "udp:") + e.to_string();
}

std::string security_text(const received_notification& n) {
  if (n.version == snmp_version::v3)
    return one_line(n.security_name) + " (" + to_string(n.level) + ", engine " + hex_of(n.security_engine_id) + ")";
  return one_line(n.community);
}

std::string now_text() {
  char buf[32];
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

std::string now_rfc3339() {
  // RFC 3339 with milliseconds and the zone offset: 2026-12-02T15:09:00.123+01:00.
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  localtime_r(&t, &tm);
  char date[32], zone[8];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
  std::strftime(zone, sizeof zone, "%z", &tm);  // +0100
  char out[64];
  std::snprintf(out, sizeof out, "%s.%03d%.3s:%.2s", date, static_cast<int>(ms), zone, zone + 3);
  return out;
}

// True for octets that are UTF-8 text: well-formed, and no control characters but tab,
// newline and carriage return.
bool is_text(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
      ++i;
      continue;
    }
    std::size_t n;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) n = 1, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) n = 2, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) n = 3, cp = c & 0x07;
    else return false;
    if (i + n >= s.size()) return false;  // the sequence runs past the end
    for (std::size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = cp << 6 | (d & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not text.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp < 0xA0))
      return false;
    i += n + 1;
  }
  return true;
}

// A JSON string of UTF-8 text (is_text()): only the quote, the backslash and control
// characters are escaped.
void json_text(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
}

// Any octets as a JSON string: text as it is, other octets as \u00XX (so the string is
// always valid JSON; "hex" fields carry binary exactly).
void json_string(std::string& out, std::string_view s) {
  if (is_text(s)) return json_text(out, s);
  json_text(out, one_line(s));
}

std::string dotted(const oid& o) { return "." + o.to_string(); }

void json_number(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  out += buf;
}

// An Opaque holding one of Net-SNMP's special types: float and double as numbers, the
// 64-bit ones as decimal strings, with the subtype; a plain Opaque has a null value.
void json_opaque(std::string& out, std::string_view c) {
  out += ",\"value\":";
  const auto s = decode_opaque_special(c);
  if (!s) {
    out += "null";
    return;
  }
  using k = opaque_special::kind;
  switch (s->type) {
    case k::float32: json_number(out, s->real), out += ",\"opaque_type\":\"float\""; break;
    case k::float64: json_number(out, s->real), out += ",\"opaque_type\":\"double\""; break;
    case k::counter64: out += "\"" + std::to_string(s->unsigned_value) + "\",\"opaque_type\":\"counter64\""; break;
    case k::uint64: out += "\"" + std::to_string(s->unsigned_value) + "\",\"opaque_type\":\"uint64\""; break;
    case k::int64: out += "\"" + std::to_string(s->signed_value) + "\",\"opaque_type\":\"int64\""; break;
  }
}

// One varbind in the JSON schema of snmpio-trapd(1).
void json_varbind(std::string& out, const varbind& vb) {
  const value& v = vb.value;
  out += "{\"oid\":";
  json_text(out, dotted(vb.name));
  out += ",\"type\":";
  json_text(out, to_string(v.type()));
  switch (v.type()) {
    case value_type::integer32: out += ",\"value\":" + std::to_string(v.as_int32()); break;
    case value_type::counter32:
    case value_type::gauge32:
    case value_type::time_ticks: out += ",\"value\":" + std::to_string(v.as_uint32()); break;
    case value_type::counter64: out += ",\"value\":\"" + std::to_string(v.as_uint64()) + "\""; break;
    case value_type::object_identifier:
      out += ",\"value\":";
      json_text(out, dotted(v.as_oid()));
      break;
    case value_type::ip_address: {
      const auto a = v.as_ip_address();
      out += ",\"value\":\"" + std::to_string(a[0]) + "." + std::to_string(a[1]) + "." + std::to_string(a[2]) + "." +
             std::to_string(a[3]) + "\"";
      break;
    }
    case value_type::octet_string:
      out += ",\"value\":";
      if (is_text(v.as_octets())) json_text(out, v.as_octets());
      else out += "null";
      out += ",\"hex\":\"" + hex_of(v.as_octets()) + "\"";
      break;
    case value_type::opaque:
      json_opaque(out, v.as_octets());
      out += ",\"hex\":\"" + hex_of(v.as_octets()) + "\"";
      break;
    default: out += ",\"value\":null"; break;  // NULL and the exceptions
  }
  out += ",\"display\":";
  json_string(out, format_value(v));
  out.push_back('}');
}

void print_line(const received_notification& n, bool json) {
  std::string out;
  if (json) {
    out += "{\"time\":";
    json_text(out, now_rfc3339());
    out += ",\"source\":";
    json_text(out, source_text(n.source));
    out += ",\"version\":";
    json_text(out, to_string(n.version));
    out += ",\"security\":";
    json_string(out, n.version == snmp_version::v3 ? n.security_name : n.community);
    if (n.version == snmp_version::v3) {
      out += ",\"level\":";
      json_text(out, to_string(n.level));
      out += ",\"engine_id\":";
      json_text(out, hex_of(n.security_engine_id));
      out += ",\"context_engine_id\":";
      json_text(out, hex_of(n.context_engine_id));
      out += ",\"context\":";
      json_string(out, n.context_name);
    }
    out += ",\"pdu\":";
    json_text(out, pdu_name(n.type));
    if (n.type == pdu_type::trap_v1) {
      out += ",\"enterprise\":";
      json_text(out, dotted(n.original.enterprise));
      out += ",\"agent_address\":";
      const auto& a = n.original.agent_address;
      json_text(out, std::to_string(a[0]) + "." + std::to_string(a[1]) + "." + std::to_string(a[2]) + "." +
                         std::to_string(a[3]));
      out += ",\"generic\":" + std::to_string(n.original.generic_trap);
      out += ",\"specific\":" + std::to_string(n.original.specific_trap);
      out += ",\"timestamp\":" + std::to_string(n.original.time_stamp);
    }
    out += ",\"varbinds\":[";
    bool first = true;
    for (const auto& vb : n.varbinds) {
      if (!first) out.push_back(',');
      first = false;
      json_varbind(out, vb);
    }
    out += "]}";
  } else {
    out = now_text() + " " + source_text(n.source) + " v" + to_string(n.version) + " " + security_text(n) + " " +
          pdu_name(n.type);
    if (n.type == pdu_type::trap_v1)
      out += " enterprise " + n.original.enterprise.to_string() + " generic " +
             std::to_string(n.original.generic_trap) + " specific " + std::to_string(n.original.specific_trap);
    out += ":";
    for (const auto& vb : n.varbinds) out += "\t" + one_line(format_varbind(vb));
  }
  out.push_back('\n');
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
}

int usage() {
  std::fprintf(stderr,
               "Usage: snmpio-trapd [-f] [-C] [-c FILE]... [-Lo] [--json] [LISTENING ADDRESSES]\n"
               "  -f        stay in the foreground (always)\n"
               "  -C        read no default configuration files\n"
               "  -c FILE   read FILE (authCommunity, authUser, authGroup, createUser [-e ENGINEID],\n"
               "            view, group, access, disableAuthorization, doNotLogTraps)\n"
               "  -Lo       log to standard output (always)\n"
               "  --json    one JSON object per line\n"
               "  ADDRESS   udp:HOST:PORT, udp6:[V6]:PORT (default udp:0.0.0.0:162)\n");
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  std::vector<std::string> files;
  std::vector<std::string> addresses;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-f" || a == "-C" || a == "-Lo" || a == "-n") continue;
    if (a == "--json") json = true;
    else if (a == "-c") {
      if (++i >= argc) return usage();
      files.push_back(argv[i]);
    } else if (a.rfind("-c", 0) == 0 && a.size() > 2) {
      files.push_back(a.substr(2));
    } else if (a == "-h" || a == "--help") {
      usage();
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "snmpio-trapd: unknown option %s\n", a.c_str());
      return usage();
    } else {
      addresses.push_back(a);
    }
  }
  agent_config config;
  std::vector<std::string> errors;
  for (const auto& f : files) load_agent_config_file(f, config, errors, config_kind::snmptrapd);
  for (const auto& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
  if (!errors.empty()) return 1;

  std::vector<endpoint> listen_on;
  if (addresses.empty()) addresses.push_back("udp:0.0.0.0:162");
  for (const auto& a : addresses) {
    std::string error;
    // snmpd's address syntax, with 162 in place of 161 when no port is given.
    std::vector<endpoint> eps;
    if (!parse_listen_addresses(a, eps, error)) {
      std::fprintf(stderr, "snmpio-trapd: %s\n", error.c_str());
      return 1;
    }
    std::string_view rest = a;
    for (std::string_view prefix : {"udp6:", "udpv6:", "udpipv6:", "udp:"})
      if (rest.substr(0, prefix.size()) == prefix) {
        rest.remove_prefix(prefix.size());
        break;
      }
    const bool port_given = rest.find_first_not_of("0123456789") == std::string_view::npos ||
                            (rest.front() == '[' ? rest.find("]:") != std::string_view::npos
                                                 : rest.find(':') != std::string_view::npos);
    for (auto& e : eps) listen_on.push_back(port_given || e.port() != 161 ? e : e.with_port(162));
  }

  reactor loop;
  // Refused notifications and other drops the library logs go to standard error.
  auto log = std::make_shared<spdlog::logger>("snmpio-trapd", std::make_shared<spdlog::sinks::stderr_sink_st>());
  log->set_pattern("%Y-%m-%d %H:%M:%S snmpio-trapd: %l: %v");
  log->set_level(spdlog::level::warn);
  engine eng(loop, {.logger = log});
  notification_receiver receiver(eng);
  if (!configure_access(config, eng, errors)) {
    for (const auto& e : errors) std::fprintf(stderr, "snmpio-trapd: %s\n", e.c_str());
    return 1;
  }
  for (const auto& e : listen_on)
    if (auto ec = eng.listen(e)) {
      std::fprintf(stderr, "snmpio-trapd: cannot listen on %s: %s\n", e.to_string().c_str(), ec.message().c_str());
      return 1;
    }
  // snmptrapd's authorization: authCommunity, authUser and authGroup lines are VACM
  // access entries with log, execute and net views; a notification that no view
  // authorizes is dropped (an inform is not acknowledged) and logged on stderr. One
  // that is authorized, but not for log, is acknowledged and not printed, as snmptrapd
  // does. disableAuthorization: every community and every USM-valid user passes.
  receiver.set_accept_any_community(config.disable_authorization);
  receiver.set_authorization(!config.disable_authorization);
  const bool log_traps = !config.do_not_log_traps;
  if (auto ec = receiver.on_notification([json, log_traps](const received_notification& n) {
        if (log_traps && n.allows(access_kind::log)) print_line(n, json);
      })) {
    std::fprintf(stderr, "snmpio-trapd: %s\n", ec.message().c_str());
    return 1;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  if (!json) {
    std::printf("snmpio-trapd: listening on");
    for (const auto& e : eng.listening_endpoints()) std::printf(" %s", source_text(e).c_str());
    std::printf("\n");
    std::fflush(stdout);
  }
  while (!stop_requested) loop.run_once(std::chrono::milliseconds(200));
  return 0;
}
