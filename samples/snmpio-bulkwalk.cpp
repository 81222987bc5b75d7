// snmpio-bulkwalk: walks a subtree with GETBULK, with the flags and the output of
// Net-SNMP's snmpbulkwalk(1).
//
//   snmpio-bulkwalk -v2c -c public -On -Cr25 127.0.0.1 1.3.6.1.2.1.2
#include "samples/common/walk_tool.hpp"

int main(int argc, char** argv) { return snmpio::samples::run_walk_tool(argc, argv, true); }
