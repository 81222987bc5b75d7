// snmpio-translate: names to OIDs and back, with the flags and the output of Net-SNMP's
// snmptranslate(1): -On, -Of, -Os, -OS, -Ou, -IR, -Td, -m, -M.
//
//   snmpio-translate -On SNMPv2-MIB::sysDescr.0        .1.3.6.1.2.1.1.1.0
//   snmpio-translate 1.3.6.1.2.1.2.2.1.2.3             IF-MIB::ifDescr.3
#include "samples/common/mib_setup.hpp"

#include <snmpio/format.hpp>
#include <snmpio/mib.hpp>
#include <snmpio/version.hpp>

#include <cstdio>
#include <string>
#include <vector>

using namespace snmpio;
using namespace snmpio::samples;

namespace {

void usage() {
  std::fprintf(stderr,
               "USAGE: snmpio-translate [OPTIONS] OID [OID]...\n"
               "\n"
               "  Version:  %s (snmpio)\n"
               "\n"
               "OPTIONS:\n"
               "  -h\t\t\tdisplay this help message\n"
               "  -V\t\t\tdisplay package version number\n"
               "  -m MIB[:...]\t\tload given list of MIBs (ALL loads everything)\n"
               "  -M DIR[:...]\t\tlook in given list of directories for MIBs (+DIR appends)\n"
               "  -O OUTOPTS\t\tn: numeric, f: full, s: last element only, S: module::name (default),\n"
               "\t\t\tu: UCD-style, b: do not break indexes down\n"
               "  -I R\t\t\tlook descriptors up in every loaded module (random access)\n"
               "  -T d\t\t\tprint the full details of the given OID\n",
               snmpio::version());
}

const char* kind_keyword(mib_node_kind k) {
  switch (k) {
    case mib_node_kind::scalar:
    case mib_node_kind::table:
    case mib_node_kind::row:
    case mib_node_kind::column: return "OBJECT-TYPE";
    case mib_node_kind::notification: return "NOTIFICATION-TYPE";
    case mib_node_kind::group: return "OBJECT-GROUP";
    case mib_node_kind::compliance: return "MODULE-COMPLIANCE";
    case mib_node_kind::capabilities: return "AGENT-CAPABILITIES";
    default: return "OBJECT IDENTIFIER";
  }
}

const char* access_text(mib_access a) {
  switch (a) {
    case mib_access::not_accessible: return "not-accessible";
    case mib_access::accessible_for_notify: return "accessible-for-notify";
    case mib_access::read_only: return "read-only";
    case mib_access::read_write: return "read-write";
    case mib_access::read_create: return "read-create";
    case mib_access::write_only: return "write-only";
    default: return nullptr;
  }
}

const char* base_text(mib_base_type t) {
  switch (t) {
    case mib_base_type::integer32: return "INTEGER";
    case mib_base_type::unsigned32: return "Unsigned32";
    case mib_base_type::octet_string: return "OCTET STRING";
    case mib_base_type::object_identifier: return "OBJECT IDENTIFIER";
    case mib_base_type::bits: return "BITS";
    case mib_base_type::ip_address: return "IpAddress";
    case mib_base_type::counter32: return "Counter32";
    case mib_base_type::gauge32: return "Gauge32";
    case mib_base_type::time_ticks: return "TimeTicks";
    case mib_base_type::opaque: return "Opaque";
    case mib_base_type::counter64: return "Counter64";
    default: return nullptr;
  }
}

// The details of a definition, in the layout of snmptranslate -Td.
void print_details(const mib& m, const oid& o, const std::string& name) {
  const mib_object* obj = m.find_prefix(o);
  std::printf("%s\n", name.c_str());
  if (!obj) return;
  std::printf("%s %s\n", obj->name.c_str(), kind_keyword(obj->kind));
  if (!obj->module.empty()) std::printf("  -- FROM\t%s\n", obj->module.c_str());
  const char* base = base_text(obj->type);
  if (base && !obj->type_name.empty() && obj->type_name != base)
    std::printf("  -- TEXTUAL CONVENTION %s\n", obj->type_name.c_str());
  if (base) {
    std::string syntax = base;
    if (!obj->named_numbers.empty()) {
      syntax += " {";
      bool first = true;
      for (const auto& nn : obj->named_numbers) {
        syntax += (first ? "" : ", ") + nn.label + "(" + std::to_string(nn.number) + ")";
        first = false;
      }
      syntax += "} ";
    }
    std::printf("  SYNTAX\t%s\n", syntax.c_str());
  }
  if (!obj->display_hint.empty()) std::printf("  DISPLAY-HINT\t\"%s\"\n", obj->display_hint.c_str());
  if (!obj->units.empty()) std::printf("  UNITS\t\t\"%s\"\n", obj->units.c_str());
  if (const char* a = access_text(obj->access); a && obj->kind != mib_node_kind::node)
    std::printf("  MAX-ACCESS\t%s\n", a);
  if (!obj->description.empty()) std::printf("  DESCRIPTION\t\"%s\"\n", obj->description.c_str());
  if (!obj->index.empty()) {
    std::string idx;
    for (const auto& e : obj->index) idx += (idx.empty() ? "" : ", ") + std::string(e.implied ? "IMPLIED " : "") + e.name;
    std::printf("  INDEX\t\t{ %s }\n", idx.c_str());
  }
  // ::= { iso(1) org(3) ... parent-label(n) last }
  std::string path;
  oid prefix;
  for (std::size_t i = 0; i + 1 < obj->oid.size(); ++i) {
    prefix.push_back(obj->oid[i]);
    const mib_object* step = m.find(prefix);
    path += (step ? step->name + "(" + std::to_string(obj->oid[i]) + ")" : std::to_string(obj->oid[i])) + " ";
  }
  if (!obj->oid.empty()) path += std::to_string(obj->oid.back());
  std::printf("::= { %s }\n", path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  mib_settings settings;
  format_options format;
  format.oids = oid_format::module;
  bool random_access = false, details = false;
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.size() < 2 || a[0] != '-') {
      names.push_back(a);
      continue;
    }
    const char f = a[1];
    if (f == 'h') return usage(), 1;
    if (f == 'V') return std::fprintf(stderr, "snmpio version: %s\n", snmpio::version()), 0;
    if (std::string("mMOIT").find(f) == std::string::npos) {
      std::fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], f);
      return usage(), 1;
    }
    std::string arg = a.size() > 2 ? a.substr(2) : "";
    if (arg.empty()) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], f);
        return usage(), 1;
      }
      arg = argv[++i];
    }
    switch (f) {
      case 'm': settings.modules_given = true, settings.modules = arg; break;
      case 'M': settings.dirs_given = true, settings.dirs = arg; break;
      case 'O':
        for (char letter : arg) {
          auto r = parse_output_options(std::string_view(&letter, 1), format);
          if (!r) {
            std::fprintf(stderr, "Unknown output option passed to -O: %c.\n", letter);
            return usage(), 1;
          }
          format = *r;
        }
        break;
      case 'I':
        for (char letter : arg) {
          if (letter == 'R') random_access = true;
          else if (letter != 'b' && letter != 'u' && letter != 's' && letter != 'S') {
            std::fprintf(stderr, "Unknown input option passed to -I: %c.\n", letter);
            return usage(), 1;
          }
        }
        break;
      case 'T':
        for (char letter : arg) {
          if (letter == 'd') details = true;
          else {
            std::fprintf(stderr, "Invalid -T<lostpdsS> character: %c\n", letter);
            return usage(), 1;
          }
        }
        break;
    }
  }
  if (names.empty()) {
    std::fprintf(stderr, "Missing object name\n");
    return usage(), 1;
  }
  mib m;
  load_tool_mibs(m, settings);
  int status = 0;
  std::string out;
  for (const auto& text : names) {
    std::string reason;
    auto o = m.resolve(text, {.random_access = random_access}, reason);
    if (!o) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
      std::fflush(stdout);
      std::fprintf(stderr, "%s: Unknown Object Identifier%s\n", text.c_str(),
                   reason.empty() ? "" : (" (" + reason + ")").c_str());
      status = 2;
      continue;
    }
    const std::string name = m.name(*o, format.oids, format.dont_break_indexes);
    if (details) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
      print_details(m, *o, name);
    } else {
      out += name;
      out.push_back('\n');
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return status;
}
