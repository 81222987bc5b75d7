// snmpio-getnext: SNMP GETNEXT, with the flags and the output of Net-SNMP's
// snmpgetnext(1).
//
//   snmpio-getnext -v2c -c public -On 127.0.0.1 1.3.6.1.2.1.1
#include "samples/common/get_tool.hpp"

int main(int argc, char** argv) {
  return snmpio::samples::run_get_tool(argc, argv, snmpio::pdu_type::get_next_request);
}
