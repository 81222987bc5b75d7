// snmpio-walk: walks a subtree with GETNEXT, with the flags and the output of
// Net-SNMP's snmpwalk(1).
//
//   snmpio-walk -v2c -c public -On 127.0.0.1 1.3.6.1.2.1.1
#include "samples/common/walk_tool.hpp"

int main(int argc, char** argv) { return snmpio::samples::run_walk_tool(argc, argv, false); }
