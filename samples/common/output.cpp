#include "samples/common/output.hpp"

#include "samples/common/mib_setup.hpp"

namespace snmpio::samples {

const char* error_status_text(std::int32_t status) noexcept {
  // Net-SNMP's wording, learned from its tools' output (snmp_errstring); the
  // interop tests compare it with what snmpget and snmpset print.
  static const char* const texts[] = {
      "(noError) No Error",
      "(tooBig) Response message would have been too large.",
      "(noSuchName) There is no such variable name in this MIB.",
      "(badValue) The value given has the wrong type or length.",
      "(readOnly) The two parties used do not have access to use the specified SNMP PDU.",
      "(genError) A general failure occured",
      "noAccess",
      "wrongType (The set datatype does not match the data type the agent expects)",
      "wrongLength (The set value has an illegal length from what the agent expects)",
      "wrongEncoding",
      "wrongValue (The set value is illegal or unsupported in some way)",
      "noCreation (That table does not support row creation or that object can not ever be created)",
      "inconsistentValue (The set value is illegal or unsupported in some way)",
      "resourceUnavailable (This is likely a out-of-memory failure within the agent)",
      "commitFailed",
      "undoFailed",
      "authorizationError (access denied to that object)",
      "notWritable (That object does not support modification)",
      "inconsistentName (That object can not currently be created)",
  };
  if (status < 0 || status > 18) return "Unknown Error";
  return texts[status];
}

namespace {

void append_line(std::string& out, const varbind& vb, const format_options& opts) {
  if (const mib* m = tool_mib()) m->append_varbind(out, vb, opts);
  else append_varbind(out, vb, opts);
}

}  // namespace

void print_varbind(const varbind& vb, const format_options& opts) {
  std::string line;
  append_line(line, vb, opts);
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stdout);
}

void print_varbinds(const std::vector<varbind>& vbs, const format_options& opts) {
  std::string text;
  for (const auto& vb : vbs) {
    append_line(text, vb, opts);
    text.push_back('\n');
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
}

std::string objid_line(const oid& o) {
  if (const mib* m = tool_mib()) return m->name(o, tool_oid_format()) + "\n";
  return format_oid(o) + "\n";
}

void print_packet_error(const char* heading, const response& r) {
  std::fflush(stdout);
  std::string text = std::string(heading) + "\nReason: " + error_status_text(r.error_status) + "\n";
  if (r.error_index != 0) {
    text += "Failed object: ";
    if (r.error_index > 0 && static_cast<std::size_t>(r.error_index) <= r.varbinds.size())
      text += objid_line(r.varbinds[static_cast<std::size_t>(r.error_index) - 1].name);
    text += "\n";
  }
  std::fwrite(text.data(), 1, text.size(), stderr);
}

int print_failure(const std::string& tool, const std::string& agent_text, std::error_code ec, bool dot) {
  std::fflush(stdout);
  if (ec == errc::timeout || ec == errc::unreachable) {
    std::fprintf(stderr, "Timeout: No Response from %s%s\n", agent_text.c_str(), dot ? "." : "");
  } else if (ec == errc::authentication_failure) {
    std::fprintf(stderr, "%s: Authentication failure (incorrect password, community or key)\n", tool.c_str());
  } else if (ec == errc::unknown_user_name) {
    std::fprintf(stderr, "%s: Unknown user name\n", tool.c_str());
  } else if (ec == errc::unsupported_security_level) {
    std::fprintf(stderr, "%s: Unsupported security level\n", tool.c_str());
  } else if (ec == errc::unknown_engine_id) {
    std::fprintf(stderr, "%s: Unknown engine identifier\n", tool.c_str());
  } else if (ec == errc::not_in_time_window) {
    std::fprintf(stderr, "%s: Not in time window\n", tool.c_str());
  } else if (ec == errc::decryption_error) {
    std::fprintf(stderr, "%s: Decryption error\n", tool.c_str());
  } else if (ec == errc::resolve_failed) {
    std::fprintf(stderr, "%s: Unknown host (%s)\n", tool.c_str(), agent_text.c_str());
  } else {
    std::fprintf(stderr, "%s: %s\n", tool.c_str(), ec.message().c_str());
  }
  return 1;
}

}  // namespace snmpio::samples
