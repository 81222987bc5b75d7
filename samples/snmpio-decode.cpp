// snmpio-decode: decodes SNMP datagrams given as hex and prints them, varbinds in
// Net-SNMP's output format. A debugging aid, and a short tour of snmpio's codec.
//
//   snmpio-decode [-O OPTS] [HEX ...]        datagrams as arguments
//   snmpio-decode [-O OPTS] < FILE           one hex datagram per line, or Net-SNMP -d dumps
#include <snmpio/format.hpp>
#include <snmpio/pdu.hpp>
#include <snmpio/version.hpp>

#include "ber/message_codec.hpp"
#include "samples/common/hex_input.hpp"

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

using namespace snmpio;

namespace {

std::string hex_of(ber::bytes b) {
  static const char digits[] = "0123456789ABCDEF";
  std::string s;
  for (std::uint8_t x : b) {
    if (!s.empty()) s.push_back(' ');
    s.push_back(digits[x >> 4]);
    s.push_back(digits[x & 15]);
  }
  return s.empty() ? "(empty)" : s;
}

void print_pdu(const pdu& p, const format_options& opts) {
  if (p.type == pdu_type::trap_v1) {
    std::printf("  %s enterprise %s agent-addr %u.%u.%u.%u generic-trap %d specific-trap %d time-stamp %u\n",
                to_string(p.type), format_oid(p.enterprise).c_str(), p.agent_address[0], p.agent_address[1],
                p.agent_address[2], p.agent_address[3], p.generic_trap, p.specific_trap, p.time_stamp);
  } else if (p.type == pdu_type::get_bulk_request) {
    std::printf("  %s request-id %d non-repeaters %d max-repetitions %d\n", to_string(p.type), p.request_id,
                p.non_repeaters(), p.max_repetitions());
  } else {
    std::printf("  %s request-id %d error-status %s(%d) error-index %d\n", to_string(p.type), p.request_id,
                error_status_name(p.error_status), p.error_status, p.error_index);
  }
  std::string line;
  for (const auto& vb : p.varbinds) {
    line.assign("  ");
    append_varbind(line, vb, opts);
    std::printf("%s\n", line.c_str());
  }
}

// Returns false when the datagram does not decode.
bool decode_one(const std::vector<std::uint8_t>& d, std::size_t index, const format_options& opts) {
  std::printf("datagram %zu: %zu bytes\n", index, d.size());
  std::int32_t version = -1;
  std::error_code ec = ber::peek_version(d, version);
  if (!ec && (version == 0 || version == 1)) {
    ber::community_message m;
    ec = ber::decode_community_message(d, m);
    if (!ec) {
      std::printf("  SNMPv%s, community \"%s\"\n", to_string(m.version), m.community.c_str());
      print_pdu(m.data, opts);
      return true;
    }
  } else if (!ec && version == 3) {
    ber::v3_message_view v;
    ber::usm_security_parameters_view u;
    ec = ber::decode_v3_message(d, v);
    if (!ec && v.header.security_model == ber::usm_security_model)
      ec = ber::decode_usm_security_parameters(v.security_parameters, u);
    if (!ec) {
      const auto f = v.header.flags;
      std::printf("  SNMPv3, msgID %d, msgMaxSize %d, flags %s%s%s(0x%02X), security model %d\n", v.header.msg_id,
                  v.header.max_size, f & 1 ? "auth " : "", f & 2 ? "priv " : "", f & 4 ? "reportable " : "", f,
                  v.header.security_model);
      if (v.header.security_model == ber::usm_security_model) {
        std::printf("  USM engine ID %s, boots %d, time %d, user \"%.*s\"\n", hex_of(u.engine_id).c_str(),
                    u.engine_boots, u.engine_time, static_cast<int>(u.user_name.size()),
                    reinterpret_cast<const char*>(u.user_name.data()));
        std::printf("  USM auth params %s, priv params %s\n", hex_of(u.auth_params).c_str(),
                    hex_of(u.priv_params).c_str());
      }
      if (v.encrypted) {
        std::printf("  encrypted scopedPDU: %zu octets\n", v.scoped_pdu_data.size());
        return true;
      }
      ber::scoped_pdu s;
      ec = ber::decode_scoped_pdu(v.scoped_pdu_data, s);
      if (!ec) {
        std::printf("  context engine ID %s, context name \"%s\"\n", hex_of(ber::as_bytes(s.context_engine_id)).c_str(),
                    s.context_name.c_str());
        print_pdu(s.data, opts);
        return true;
      }
    }
  } else if (!ec) {
    ec = errc::unsupported_version;
  }
  std::printf("  error: %s\n", ec.message().c_str());
  return false;
}

void usage(FILE* to) {
  std::fprintf(to,
               "usage: snmpio-decode [-O OPTS] [HEX ...]\n"
               "  Decodes SNMP datagrams written as hex (arguments, or one per line on standard\n"
               "  input; Net-SNMP -d dumps are recognised) and prints them.\n"
               "  -O OPTS   output options as for snmpget: n q v Q t x a ...\n"
               "  -h        this help;  -V  version\n");
}

}  // namespace

int main(int argc, char** argv) {
  format_options opts;
  std::vector<std::vector<std::uint8_t>> datagrams;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      usage(stdout);
      return 0;
    }
    if (a == "-V" || a == "--version") {
      std::printf("snmpio-decode %s\n", snmpio::version());
      return 0;
    }
    if (a.rfind("-O", 0) == 0) {
      std::string letters = a.size() > 2 ? a.substr(2) : (i + 1 < argc ? argv[++i] : "");
      auto r = parse_output_options(letters, opts);
      if (!r) {
        std::fprintf(stderr, "snmpio-decode: -O%s: %s\n", letters.c_str(), r.error().message().c_str());
        return 2;
      }
      opts = *r;
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "snmpio-decode: unknown option %s\n", a.c_str());
      usage(stderr);
      return 2;
    }
    auto d = samples::parse_hex(a);
    if (!d) {
      std::fprintf(stderr, "snmpio-decode: argument %d is not hex: %s\n", i, a.c_str());
      return 2;
    }
    datagrams.push_back(std::move(*d));
  }
  if (datagrams.empty()) {
    std::string error;
    datagrams = samples::read_datagrams(std::cin, error);
    if (!error.empty()) {
      std::fprintf(stderr, "snmpio-decode: standard input: %s\n", error.c_str());
      return 2;
    }
    if (datagrams.empty()) {
      std::fprintf(stderr, "snmpio-decode: no datagrams given\n");
      usage(stderr);
      return 2;
    }
  }
  bool all_ok = true;
  for (std::size_t i = 0; i < datagrams.size(); ++i) all_ok &= decode_one(datagrams[i], i + 1, opts);
  return all_ok ? 0 : 1;
}
