// The library's logging (spdlog). An engine logs to the logger its options name, else
// to the one registered in spdlog's registry as "snmpio", else to a silent one. The
// library never touches spdlog's global settings, never adds sinks of its own, and
// never logs key material. Everything outside lib/log reaches spdlog through here.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <string_view>

namespace snmpio::detail {

/// The logger to use: `given`, else spdlog's registered "snmpio", else a silent one
/// (no sinks, level off: a disabled log statement costs one level compare).
std::shared_ptr<spdlog::logger> resolve_logger(std::shared_ptr<spdlog::logger> given);

/// `s` with every control octet, DEL, backslash and non-ASCII octet written as \xHH, so
/// that what a peer sends can never start a new log line or drive a terminal.
std::string printable(std::string_view s);

}  // namespace snmpio::detail
