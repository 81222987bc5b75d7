#include "samples/common/snmpcmd_options.hpp"

#include <strings.h>

#include <snmpio/endpoint.hpp>
#include <snmpio/version.hpp>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace snmpio::samples {

namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

std::optional<std::uint16_t> parse_port(std::string_view p) {
  if (p.empty() || p.size() > 5) return std::nullopt;
  unsigned v = 0;
  for (char c : p) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  if (v > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(v);
}

// Flags of snmpcmd that take an argument, and those that take none. -D takes an
// optional argument attached to it (-Dtoken).
constexpr std::string_view with_argument = "vcrtOCmMILPulaAxXeEnZT";
constexpr std::string_view without_argument = "hHVd";

}  // namespace

std::optional<agent_spec> parse_agent_spec(std::string_view text, std::string& error) {
  agent_spec a;
  a.text = std::string(text);
  std::string_view rest = text;
  // Transport prefixes. Only UDP exists in snmpio for now.
  static constexpr std::string_view v6_prefixes[] = {"udp6:", "udpv6:", "udpipv6:"};
  bool prefixed = false;
  for (auto p : v6_prefixes)
    if (starts_with_ci(rest, p)) {
      a.v6 = true;
      rest.remove_prefix(p.size());
      prefixed = true;
      break;
    }
  if (!prefixed && starts_with_ci(rest, "udp:")) {
    rest.remove_prefix(4);
    prefixed = true;
  }
  if (!prefixed) {
    for (std::string_view t : {"tcp:", "tcp6:", "tcpv6:", "tcpipv6:", "unix:", "ipx:", "aal5pvc:", "dtlsudp:",
                               "tls:", "tlstcp:", "ssh:"})
      if (starts_with_ci(rest, t)) {
        error = "transport \"" + std::string(t.substr(0, t.size() - 1)) + "\" is not supported (only udp and udp6)";
        return std::nullopt;
      }
  }
  if (rest.empty()) {
    error = "no host in agent \"" + a.text + "\"";
    return std::nullopt;
  }
  // Numeric forms first: endpoint::parse knows brackets, scopes and the prefixes.
  if (auto e = endpoint::parse(text, 161)) {
    a.v6 = e->is_v6();
    a.host = e->address_string();
    a.port = e->port();
    return a;
  }
  // A host name, maybe with ":PORT". A bracketed or multi-colon text that did not
  // parse above is a bad address, not a name.
  std::string_view host = rest;
  if (!host.empty() && host.front() == '[') {
    error = "bad IPv6 address in agent \"" + a.text + "\"";
    return std::nullopt;
  }
  const auto colon = host.find(':');
  if (colon != std::string_view::npos) {
    if (host.find(':', colon + 1) != std::string_view::npos) {
      error = "bad address in agent \"" + a.text + "\"";
      return std::nullopt;
    }
    auto port = parse_port(host.substr(colon + 1));
    if (!port) {
      error = "bad port in agent \"" + a.text + "\"";
      return std::nullopt;
    }
    a.port = *port;
    host = host.substr(0, colon);
  }
  if (host.empty()) {
    error = "no host in agent \"" + a.text + "\"";
    return std::nullopt;
  }
  a.host = std::string(host);
  return a;
}

target make_target(const agent_spec& a, const target_options& timing) {
  if (a.v6) return udp6_target{a.host, a.port, timing};
  return udp_target{a.host, a.port, timing};
}

void print_usage(const tool_info& tool) {
  std::fprintf(stderr,
               "USAGE: %s [OPTIONS] %s\n"
               "\n"
               "  Version:  %s (snmpio)\n"
               "\n"
               "OPTIONS:\n"
               "  -h, --help\t\tdisplay this help message\n"
               "  -v 1|2c|3\t\tspecifies SNMP version to use\n"
               "  -V, --version\t\tdisplay package version number\n"
               "SNMP Version 1 or 2c specific\n"
               "  -c COMMUNITY\t\tset the community string\n"
               "SNMP Version 3 specific\n"
               "  -a PROTOCOL\t\tset authentication protocol (MD5|SHA|SHA-224|SHA-256|SHA-384|SHA-512)\n"
               "  -A PASSPHRASE\t\tset authentication protocol pass phrase\n"
               "  -e ENGINE-ID\t\tset security engine ID (e.g. 800000020109840301)\n"
               "  -E ENGINE-ID\t\tset context engine ID (e.g. 800000020109840301)\n"
               "  -l LEVEL\t\tset security level (noAuthNoPriv|authNoPriv|authPriv)\n"
               "  -n CONTEXT\t\tset context name (e.g. bridge1)\n"
               "  -u USER-NAME\t\tset security name (e.g. bert)\n"
               "  -x PROTOCOL\t\tset privacy protocol (DES|3DES|AES|AES-192|AES-256|AES-192-C|AES-256-C)\n"
               "  -X PASSPHRASE\t\tset privacy protocol pass phrase\n"
               "  -Z BOOTS,TIME\t\taccepted and ignored (the engine keeps the time itself)\n"
               "General communication options\n"
               "  -r RETRIES\t\tset the number of retries (default 5)\n"
               "  -t TIMEOUT\t\tset the request timeout in seconds, fractions allowed (default 1)\n"
               "Debugging\n"
               "  -d\t\t\tdump packets (accepted; not implemented yet)\n"
               "  -D[TOKEN[,...]]\taccepted and ignored\n"
               "General options\n"
               "  -m MIB[:...]\t\tload given list of MIBs (ALL loads everything)\n"
               "  -M DIR[:...]\t\tlook in given list of directories for MIBs (+DIR appends)\n"
               "  -O OUTOPTS\t\tToggle various defaults controlling output display:\n"
               "\t\t\t  a:  print all strings in ascii format\n"
               "\t\t\t  f:  print full OIDs on output\n"
               "\t\t\t  n:  print OIDs numerically\n"
               "\t\t\t  q:  quick print for easier parsing\n"
               "\t\t\t  Q:  quick print with equal-signs\n"
               "\t\t\t  t:  print timeticks unparsed as numeric integers\n"
               "\t\t\t  T:  print human-readable text along with hex strings\n"
               "\t\t\t  v:  print values only (not OID = value)\n"
               "\t\t\t  x:  print all strings in hex format\n"
               "\t\t\t  s:  print only last symbolic element of OID\n"
               "\t\t\t  S:  print MIB module-id plus last element (the default)\n"
               "\t\t\t  u:  print OIDs using UCD-style prefix suppression\n"
               "\t\t\t  e:  print enums numerically\n"
               "\t\t\t  b:  do not break OID indexes down\n"
               "\t\t\t  U:  don't print units\n"
               "\t\t\t  0:  print leading 0 for single-digit hex characters\n"
               "\t\t\t  E X:  accepted\n",
               tool.name.c_str(), tool.usage_args.c_str(), snmpio::version());
  if (!tool.app_usage.empty())
    std::fprintf(stderr, "  -C APPOPTS\t\tSet various application specific behaviours:\n%s", tool.app_usage.c_str());
  if (!tool.extra_usage.empty()) std::fprintf(stderr, "%s", tool.extra_usage.c_str());
}

int usage_error(const tool_info& tool, const std::string& message) {
  if (!message.empty()) std::fprintf(stderr, "%s\n", message.c_str());
  print_usage(tool);
  return 1;
}

std::optional<long> take_number(std::string_view letters, std::size_t& i) {
  std::size_t j = i;
  while (j < letters.size() && std::isdigit(static_cast<unsigned char>(letters[j]))) ++j;
  if (j == i || j - i > 9) return std::nullopt;
  long v = std::strtol(std::string(letters.substr(i, j - i)).c_str(), nullptr, 10);
  i = j;
  return v;
}

std::optional<oid> parse_oid_arg(std::string_view text, std::string& error) {
  if (auto o = oid::parse(text)) return *o;
  if (mib* m = tool_mib()) {
    std::string reason;
    auto o = m->resolve(text, {.random_access = true}, reason);
    if (o) return *o;
    error = std::string(text) + ": Unknown Object Identifier" + (reason.empty() ? "" : " (" + reason + ")");
    return std::nullopt;
  }
  // Without MIB modules: say where it went wrong as Net-SNMP does: the text from the
  // first arc it could not read, or, when that is the first arc, the label it looked up.
  std::string_view rest = text;
  std::size_t pos = !rest.empty() && rest[0] == '.' ? 1 : 0;
  std::string reason;
  bool first = true;
  while (true) {
    std::size_t end = text.find('.', pos);
    std::string_view arc = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    bool numeric = !arc.empty() && arc.size() <= 10;
    for (char c : arc) numeric &= c >= '0' && c <= '9';
    if (numeric && std::strtoull(std::string(arc).c_str(), nullptr, 10) > 4294967295ull) numeric = false;
    if (!numeric) {
      reason = first ? "Sub-id not found: (top) -> " + std::string(arc) : std::string(text.substr(pos));
      break;
    }
    if (end == std::string_view::npos) {
      reason = "too many sub-identifiers";
      break;
    }
    pos = end + 1;
    first = false;
  }
  error = std::string(text) + ": Unknown Object Identifier (" + reason + ")";
  return std::nullopt;
}

namespace {

struct v3_args {
  std::string user;
  int level = 0;  // 0 noAuthNoPriv, 1 authNoPriv, 2 authPriv
  std::optional<auth_protocol> auth;
  std::optional<priv_protocol> priv;
  std::string auth_pass, priv_pass, engine_id, context_engine_id, context;
};

// "0x8000..." or "8000..." -> octets.
bool hex_engine_id(const std::string& text, std::string& out) {
  std::string_view t = text;
  if (t.size() > 1 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) t.remove_prefix(2);
  if (t.empty() || t.size() % 2 || t.size() > 64) return false;
  out.clear();
  for (std::size_t i = 0; i < t.size(); i += 2) {
    auto nib = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    const int hi = nib(t[i]), lo = nib(t[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi << 4 | lo));
  }
  return true;
}

bool v3_flag(char f, const std::string& arg, v3_args& v3, std::string& error) {
  switch (f) {
    case 'u':
      v3.user = arg;
      return true;
    case 'l':
      if (arg == "noAuthNoPriv" || arg == "1" || arg == "nanp") v3.level = 0;
      else if (arg == "authNoPriv" || arg == "2" || arg == "anp") v3.level = 1;
      else if (arg == "authPriv" || arg == "3" || arg == "ap") v3.level = 2;
      else return error = "Invalid security level specified after -3l flag: " + arg, false;
      return true;
    case 'a': {
      static const std::pair<const char*, auth_protocol> names[] = {
          {"MD5", auth_protocol::hmac_md5},         {"SHA", auth_protocol::hmac_sha},
          {"SHA-224", auth_protocol::hmac_sha224},  {"SHA-256", auth_protocol::hmac_sha256},
          {"SHA-384", auth_protocol::hmac_sha384},  {"SHA-512", auth_protocol::hmac_sha512},
          {"SHA1", auth_protocol::hmac_sha}};
      for (auto& [n, p] : names)
        if (strcasecmp(arg.c_str(), n) == 0) return v3.auth = p, true;
      return error = "Invalid authentication protocol specified after -3a flag: " + arg, false;
    }
    case 'x': {
      static const std::pair<const char*, priv_protocol> names[] = {
          {"DES", priv_protocol::des},
          {"3DES", priv_protocol::tdes},
          {"AES", priv_protocol::aes128},
          {"AES128", priv_protocol::aes128},
          {"AES-128", priv_protocol::aes128},
          {"AES-192", priv_protocol::aes192_blumenthal},
          {"AES192", priv_protocol::aes192_blumenthal},
          {"AES-256", priv_protocol::aes256_blumenthal},
          {"AES256", priv_protocol::aes256_blumenthal},
          {"AES-192-C", priv_protocol::aes192_reeder},
          {"AES192C", priv_protocol::aes192_reeder},
          {"AES-256-C", priv_protocol::aes256_reeder},
          {"AES256C", priv_protocol::aes256_reeder}};
      for (auto& [n, p] : names)
        if (strcasecmp(arg.c_str(), n) == 0) return v3.priv = p, true;
      return error = "Invalid privacy protocol specified after -3x flag: " + arg, false;
    }
    case 'A':
      v3.auth_pass = arg;
      return true;
    case 'X':
      v3.priv_pass = arg;
      return true;
    case 'e':
      if (!hex_engine_id(arg, v3.engine_id)) return error = "Bad engine ID value after -3e flag.", false;
      return true;
    case 'E':
      if (!hex_engine_id(arg, v3.context_engine_id)) return error = "Bad engine ID value after -3E flag.", false;
      return true;
    case 'n':
      v3.context = arg;
      return true;
    default:  // -Z BOOTS,TIME: the engine keeps the timeline itself
      return true;
  }
}

}  // namespace

parse_status parse_snmpcmd(int argc, char** argv, const tool_info& tool, snmpcmd_options& out) {
  v3_args v3;
  int i = 1;
  bool options_done = false;
  out.format.oids = oid_format::module;  // Net-SNMP's default: MODULE::name (-OS)
  auto fail = [&](const std::string& message, bool with_usage) {
    if (with_usage) {
      usage_error(tool, message);
    } else {
      std::fprintf(stderr, "%s\n", message.c_str());
    }
    return parse_status::exit_failure;
  };
  while (i < argc) {
    std::string_view a = argv[i];
    if (options_done || a.size() < 2 || a[0] != '-') {
      if (tool.options_before_positional_only) options_done = true;
      out.positional.emplace_back(a);
      ++i;
      continue;
    }
    if (a == "--") {
      options_done = true;
      ++i;
      continue;
    }
    if (a == "--help") a = "-h";
    if (a == "--version") a = "-V";
    // A cluster of flags, as getopt reads it: "-dOn" is -d then -O n.
    std::size_t k = 1;
    ++i;
    while (k < a.size()) {
      const char f = a[k++];
      const bool extra = tool.extra_flags.find(f) != std::string::npos;
      if (!extra && without_argument.find(f) != std::string_view::npos) {
        if (f == 'h') {
          print_usage(tool);
          return parse_status::exit_failure;
        }
        if (f == 'H') {
          std::fprintf(stderr, "%s reads no configuration files.\n", tool.name.c_str());
          return parse_status::exit_failure;
        }
        if (f == 'V') {
          std::fprintf(stderr, "snmpio version: %s\n", snmpio::version());
          return parse_status::exit_success;
        }
        if (f == 'd') out.dump = true;
        continue;
      }
      if (!extra && f == 'D') break;  // -D[TOKENS]: debugging tokens, ignored
      if (!extra && with_argument.find(f) == std::string_view::npos) {
        return fail(std::string(argv[0]) + ": invalid option -- '" + f + "'", true);
      }
      std::string arg;
      if (k < a.size()) {
        arg = std::string(a.substr(k));
        k = a.size();
      } else if (i < argc) {
        arg = argv[i++];
      } else {
        return fail(std::string(argv[0]) + ": option requires an argument -- '" + f + "'", true);
      }
      if (extra) {
        if (auto e = tool.on_extra_flag(f, arg); !e.empty()) return fail(e, true);
        continue;
      }
      switch (f) {
        case 'v':
          if (arg == "1") out.version = snmp_version::v1;
          else if (arg == "2c") out.version = snmp_version::v2c;
          else if (arg == "3") out.version = snmp_version::v3;
          else return fail("Invalid version specified after -v flag: " + arg, true);
          break;
        case 'c':
          out.community = arg;
          break;
        case 'r': {
          char* end = nullptr;
          long r = std::strtol(arg.c_str(), &end, 10);
          if (arg.empty() || *end || r < 0 || r > 1000000)
            return fail("Invalid number of retries after -r flag.", true);
          out.timing.retries = static_cast<int>(r);
          break;
        }
        case 't': {
          char* end = nullptr;
          double t = std::strtod(arg.c_str(), &end);
          if (arg.empty() || *end || !(t > 0) || t > 1e6)
            return fail("Invalid timeout in seconds after -t flag.", true);
          auto ms = static_cast<long long>(std::llround(t * 1000.0));
          out.timing.timeout = std::chrono::milliseconds(ms > 0 ? ms : 1);
          break;
        }
        case 'O':
          for (char letter : arg) {
            auto r = parse_output_options(std::string_view(&letter, 1), out.format);
            if (!r) return fail(std::string("Unknown output option passed to -O: ") + letter + ".", true);
            out.format = *r;
          }
          break;
        case 'C': {
          if (!tool.on_app_options) return fail(std::string("Unknown flag passed to -C: ") + arg.substr(0, 1), false);
          std::function<std::optional<std::string>()> next = [&]() -> std::optional<std::string> {
            if (i < argc) return std::string(argv[i++]);
            return std::nullopt;
          };
          if (auto e = tool.on_app_options(arg, next); !e.empty()) {
            // "usage" asks for the usage text alone, as Net-SNMP does for a bad -Cr.
            if (e == "usage") return fail("", true);
            return fail(e, false);
          }
          break;
        }
        case 'm':
          out.mibs.modules_given = true;
          out.mibs.modules = arg;
          break;
        case 'M':
          out.mibs.dirs_given = true;
          out.mibs.dirs = arg;
          break;
        case 'I':
          out.input_options += arg;
          break;
        case 'L':
        case 'P':
        case 'T':
          break;  // logging and other input options: accepted, nothing to do
        default: {  // u l a A x X e E n Z: SNMPv3
          out.v3_flags_given = true;
          std::string error;
          if (!v3_flag(f, arg, v3, error)) return fail(error, true);
          break;
        }
      }
    }
  }
  if (out.positional.empty()) return fail("No hostname specified.", true);
  static mib tool_modules;  // lives as long as the tool
  load_tool_mibs(tool_modules, out.mibs);
  set_tool_mib(&tool_modules, out.format.oids);
  if (out.version == snmp_version::v3) {
    if (v3.user.empty()) return fail(tool.name + ": No securityName specified", false);
    // The level decides which protocols take part; Net-SNMP's defaults are MD5 and DES.
    out.user.user_name = v3.user;
    out.user.security_engine_id = v3.engine_id;
    out.context = {v3.context_engine_id, v3.context};
    if (v3.level >= 1) {
      out.user.auth = v3.auth.value_or(auth_protocol::hmac_md5);
      out.user.auth_key = v3.auth_pass;
    }
    if (v3.level == 2) {
      out.user.priv = v3.priv.value_or(priv_protocol::des);
      out.user.priv_key = v3.priv_pass;
    }
  }
  return parse_status::ok;
}

std::optional<agent_spec> agent_argument(const tool_info& tool, const snmpcmd_options& opts) {
  std::string error;
  auto agent = parse_agent_spec(opts.positional[0], error);
  if (!agent) std::fprintf(stderr, "%s: %s\n", tool.name.c_str(), error.c_str());
  return agent;
}

std::optional<std::vector<oid>> oid_arguments(const tool_info& tool, const snmpcmd_options& opts, int& exit_status) {
  if (opts.positional.size() < 2) {
    exit_status = usage_error(tool, "Missing object name");
    return std::nullopt;
  }
  std::vector<oid> names;
  std::string error;
  for (std::size_t i = 1; i < opts.positional.size(); ++i) {
    auto o = parse_oid_arg(opts.positional[i], error);
    if (!o) {
      std::fprintf(stderr, "%s\n", error.c_str());
      exit_status = 1;
      return std::nullopt;
    }
    names.push_back(std::move(*o));
  }
  return names;
}

}  // namespace snmpio::samples
