// snmpio-get: SNMP GET, with the flags and the output of Net-SNMP's snmpget(1).
//
//   snmpio-get -v2c -c public -On 127.0.0.1 1.3.6.1.2.1.1.1.0
#include "samples/common/get_tool.hpp"

int main(int argc, char** argv) { return snmpio::samples::run_get_tool(argc, argv, snmpio::pdu_type::get_request); }
