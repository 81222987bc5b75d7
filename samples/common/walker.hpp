// Sample helpers: snmpwalk's and snmpbulkwalk's walk, step by step as they do it, so
// that what is printed (exceptions inside the subtree, "End of MIB" for SNMPv1, the GET
// of the root when the subtree is empty, "Variables found: N") matches them.
#pragma once

#include <snmpio/format.hpp>

#include "samples/common/session.hpp"

#include <optional>
#include <string>

namespace snmpio::samples {

struct walk_settings {
  bool bulk = false;                  ///< snmpbulkwalk: GETBULK; else GETNEXT
  std::int32_t non_repeaters = 0;     ///< -Cn (bulk)
  std::int32_t max_repetitions = 10;  ///< -Cr (bulk)
  bool include_requested = false;     ///< -Ci: GET the root first
  bool dont_get_requested = false;    ///< -CI: no GET of the root when nothing was found
  bool check_increasing = true;       ///< off with -Cc
  bool print_count = false;           ///< -Cp
  bool print_time = false;            ///< -Ct
  std::optional<oid> end;             ///< -CE: stop at this OID (snmpwalk)
};

/// Walks `root`, printing as it goes; returns the exit status (0, 1 for timeouts and
/// OIDs that do not increase, 2 for an error-status).
int run_walk(session& s, const std::string& tool, const std::string& agent_text, const oid& root,
             const walk_settings& settings, const format_options& format);

}  // namespace snmpio::samples
