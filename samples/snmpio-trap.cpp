// snmpio-trap: sends an SNMP trap, or with -Ci an inform, with the arguments of
// Net-SNMP's snmptrap(1) / snmpinform(1):
//
//   snmpio-trap -v1 -c public HOST ENTERPRISE AGENT-ADDR GENERIC SPECIFIC UPTIME [OID TYPE VALUE]...
//   snmpio-trap -v2c -c public HOST UPTIME TRAP-OID [OID TYPE VALUE]...
//   snmpio-trap -v3 -u USER -l authPriv -a SHA -A PASS -x AES -X PASS -e ENGINEID HOST UPTIME TRAP-OID ...
//   snmpio-trap -Ci -v2c -c public HOST UPTIME TRAP-OID ...   (waits for the acknowledgement)
//
// An empty UPTIME ('') is the host's uptime, as snmptrap sends it; an empty ENTERPRISE is
// 1.3.6.1.4.1.3.1.1 (snmptrap's default); an empty AGENT-ADDR is 0.0.0.0. The default
// port is 162. For v3 traps -e is the sender's (this tool's) engine ID.
#include <snmpio/notification_originator.hpp>

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include "samples/common/output.hpp"
#include "samples/common/set_value.hpp"
#include "samples/common/snmpcmd_options.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace snmpio;
using namespace snmpio::samples;

namespace {

std::array<std::uint8_t, 4> host_ipv4_address() {
  std::array<std::uint8_t, 4> out{};
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return out;
  for (ifaddrs* i = list; i; i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !(i->ifa_flags & IFF_UP) ||
        (i->ifa_flags & IFF_LOOPBACK))
      continue;
    const auto* sin = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
    const auto* b = reinterpret_cast<const std::uint8_t*>(&sin->sin_addr.s_addr);
    if (b[0] == 127) continue;
    std::copy(b, b + 4, out.begin());
    break;
  }
  ::freeifaddrs(list);
  return out;
}

bool parse_uint32(const std::string& s, std::uint32_t& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (*end || v > 0xFFFFFFFFull || s[0] == '-') return false;
  out = static_cast<std::uint32_t>(v);
  return true;
}

bool parse_int32(const std::string& s, std::int32_t& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (*end || v < INT32_MIN || v > INT32_MAX) return false;
  out = static_cast<std::int32_t>(v);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bool inform = false;
  tool_info tool;
  tool.name = "snmpio-trap";
  tool.usage_args = "AGENT TRAP-PARAMETERS";
  tool.options_before_positional_only = true;
  tool.app_usage = "\t\t\t  i:  send an INFORM-PDU (wait for its acknowledgement)\n";
  tool.extra_usage =
      "\n  TRAP-PARAMETERS:\n"
      "\t -v 1 TRAP-PARAMETERS:\n"
      "\t   enterprise-oid agent trap-type specific-type uptime [OID TYPE VALUE]...\n"
      "\t or\n"
      "\t -v 2 TRAP-PARAMETERS:\n"
      "\t   uptime trapoid [OID TYPE VALUE] ...\n";
  tool.on_app_options = [&](std::string_view letters, const auto&) -> std::string {
    for (char c : letters) {
      if (c == 'i') inform = true;
      else return std::string("Unknown flag passed to -C: ") + c;
    }
    return "";
  };
  snmpcmd_options opts;
  if (auto st = parse_snmpcmd(argc, argv, tool, opts); st != parse_status::ok)
    return st == parse_status::exit_success ? 0 : 1;
  auto agent = agent_argument(tool, opts);
  if (!agent) return 1;
  // snmptrap's default port is 162 (snmp-trap), not 161.
  {
    const std::string& t = agent->text;
    if (agent->port == 161 && !(t.size() >= 4 && t.compare(t.size() - 4, 4, ":161") == 0)) agent->port = 162;
  }
  const auto& args = opts.positional;
  const bool v1 = opts.version == snmp_version::v1;
  if (inform && v1) {
    std::fprintf(stderr, "Cannot send INFORM as SNMPv1 PDU\n");
    return 1;
  }
  const std::size_t fixed = v1 ? 5 : 2;
  if (args.size() < 1 + fixed) return usage_error(tool, "Missing trap parameters");

  notification n;
  std::string error;
  const std::string& uptime = args[v1 ? 5 : 1];
  if (uptime.empty()) {
    // As snmptrap: the host's uptime (/proc/uptime), in hundredths of a second.
    if (std::FILE* f = std::fopen("/proc/uptime", "r")) {
      double seconds = 0;
      if (std::fscanf(f, "%lf", &seconds) == 1 && seconds >= 0)
        n.uptime = static_cast<std::uint32_t>(static_cast<std::uint64_t>(seconds * 100) & 0xffffffffu);
      std::fclose(f);
    }
  } else {
    std::uint32_t t = 0;
    if (!parse_uint32(uptime, t)) {
      std::fprintf(stderr, "%s: Bad uptime value\n", uptime.c_str());
      return 1;
    }
    n.uptime = t;
  }
  if (v1) {
    notification::v1_fields f;
    if (args[1].empty()) {
      f.enterprise = oid("1.3.6.1.4.1.3.1.1");
    } else {
      auto e = parse_oid_arg(args[1], error);
      if (!e) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
      }
      f.enterprise = *e;
    }
    if (args[2].empty()) {
      // RFC 1157: the address of the object generating the trap. As snmptrap does:
      // the first IPv4 interface that is up and not loopback (0.0.0.0 when none is).
      f.agent_address = host_ipv4_address();
    } else {
      auto ep = endpoint::parse(args[2], 0);
      if (!ep || !ep->is_v4()) {
        std::fprintf(stderr, "%s: Bad agent address\n", args[2].c_str());
        return 1;
      }
      const auto b = ep->address_bytes();
      std::copy(b.begin(), b.end(), f.agent_address.begin());
    }
    if (!parse_int32(args[3], f.generic_trap) || f.generic_trap < 0 || f.generic_trap > 6) {
      std::fprintf(stderr, "%s: Bad generic trap type\n", args[3].c_str());
      return 1;
    }
    if (!parse_int32(args[4], f.specific_trap)) {
      std::fprintf(stderr, "%s: Bad specific trap type\n", args[4].c_str());
      return 1;
    }
    n.v1 = std::move(f);
  } else {
    auto t = parse_oid_arg(args[2], error);
    if (!t) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    n.trap_oid = *t;
  }
  for (std::size_t i = 1 + fixed; i < args.size(); i += 3) {
    if (i + 1 >= args.size()) {
      std::fprintf(stderr, "%s: Needs type and value\n", args[i].c_str());
      return 1;
    }
    if (i + 2 >= args.size()) {
      std::fprintf(stderr, "%s: Needs value\n", args[i].c_str());
      return 1;
    }
    auto name = parse_oid_arg(args[i], error);
    if (!name) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    auto v = parse_set_value(args[i], args[i + 1], args[i + 2], error, trap_type_letters);
    if (!v) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    n.varbinds.push_back({std::move(*name), std::move(*v)});
  }

  engine_options eopts;
  usm_user_data user = opts.user;
  if (opts.version == snmp_version::v3 && !inform && !user.security_engine_id.empty()) {
    // A v3 trap's authoritative engine is the sender: -e names this tool's engine.
    eopts.engine_id = user.security_engine_id;
    user.security_engine_id.clear();
  }
  if (opts.version == snmp_version::v3 && user.user_name.empty()) {
    std::fprintf(stderr, "%s: No securityName specified\n", tool.name.c_str());
    return 1;
  }
  reactor loop;
  engine eng(loop, eopts);
  notification_originator originator(eng);
  const target to = make_target(*agent, opts.timing);
  const community_data community{opts.community, opts.version};

  if (!inform) {
    std::error_code sent_ec = make_error_code(errc::shutdown);
    bool done = false;
    auto on_sent = [&](std::error_code ec) {
      sent_ec = ec;
      done = true;
      loop.stop();
    };
    std::error_code ec = opts.version == snmp_version::v3
                             ? originator.send_trap(user, to, opts.context, n, on_sent)
                             : originator.send_trap(community, to, n, on_sent);
    if (!ec) {
      if (auto rec = loop.run()) ec = rec;
      else ec = done ? sent_ec : make_error_code(errc::shutdown);
    }
    if (ec) return print_failure(tool.name, agent->text, ec, false);
    return 0;
  }

  std::error_code result_ec = make_error_code(errc::shutdown);
  bool done = false;
  auto on_done = [&](std::error_code ec, response) {
    result_ec = ec;
    done = true;
    loop.stop();
  };
  auto h = opts.version == snmp_version::v3 ? originator.send_inform(user, to, opts.context, n, on_done)
                                            : originator.send_inform(community, to, n, on_done);
  if (!h) return print_failure(tool.name, agent->text, h.error(), false);
  if (auto rec = loop.run()) result_ec = rec;
  else if (!done) result_ec = make_error_code(errc::shutdown);
  if (result_ec) return print_failure(tool.name, agent->text, result_ec, false);
  return 0;
}
