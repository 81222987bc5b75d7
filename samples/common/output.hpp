// Sample helpers: printing varbinds and failures the way Net-SNMP's tools do.
#pragma once

#include <snmpio/command_generator.hpp>
#include <snmpio/format.hpp>

#include <cstdio>
#include <string>
#include <system_error>
#include <vector>

namespace snmpio::samples {

/// The "Reason:" text Net-SNMP prints for an error-status: "(noSuchName) There is no
/// such variable name in this MIB.", "noAccess", ...; "Unknown Error" outside 0..18.
const char* error_status_text(std::int32_t status) noexcept;

/// One varbind per line on stdout, as snmpget prints them (-O letters applied, names
/// and values through the tool's MIB modules when they are loaded).
void print_varbinds(const std::vector<varbind>& vbs, const format_options& opts);
void print_varbind(const varbind& vb, const format_options& opts);

/// An OID as fprint_objid prints it: named as the tool's -O letters say
/// ("SNMPv2-MIB::sysDescr.0", or ".1.3.6.1..." with -On) and a newline.
std::string objid_line(const oid& o);

/// The report of an agent's error-status on stderr:
///   HEADING\nReason: TEXT\n[Failed object: OID\n\n]
/// HEADING is "Error in packet" (snmpget) or "Error in packet." (the other tools).
/// The failed object is the varbind at error_index among `r.varbinds`.
void print_packet_error(const char* heading, const response& r);

/// How a failure reads, and its exit status, for an error indication of the engine:
/// timeouts (and ICMP unreachable, which Net-SNMP's tools cannot see and so report as a
/// timeout) as "Timeout: No Response from AGENT" plus "." when `dot` (snmpget and
/// snmpgetnext end it with a dot, the others do not); an unresolvable name as
/// "TOOL: Unknown host (AGENT)"; anything else as "TOOL: MESSAGE". Always exit 1.
int print_failure(const std::string& tool, const std::string& agent_text, std::error_code ec, bool dot);

}  // namespace snmpio::samples
