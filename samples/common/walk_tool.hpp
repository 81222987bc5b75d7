// Sample helpers: snmpio-walk and snmpio-bulkwalk, which share the walk and differ in
// the PDU and in their -C letters (snmpwalk: p i I c t T E; snmpbulkwalk: c i n p r).
#pragma once

namespace snmpio::samples {

/// main() of snmpio-walk (bulk false) and snmpio-bulkwalk (bulk true).
int run_walk_tool(int argc, char** argv, bool bulk);

}  // namespace snmpio::samples
