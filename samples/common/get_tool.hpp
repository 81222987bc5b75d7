// Sample helpers: snmpio-get and snmpio-getnext, which differ only in the PDU they send
// and in a dot (Net-SNMP's snmpget says "Error in packet", snmpgetnext "Error in packet.").
#pragma once

#include <snmpio/pdu.hpp>

namespace snmpio::samples {

/// main() of snmpio-get (get_request) and snmpio-getnext (get_next_request).
int run_get_tool(int argc, char** argv, pdu_type type);

}  // namespace snmpio::samples
