// snmpio — blocking wrappers for scripts: each call runs its own reactor and engine
// until the request completes. Not for event-driven programs: those use
// command_generator on their reactor.
#pragma once

#include <snmpio/command_generator.hpp>
#include <snmpio/export.hpp>
#include <snmpio/result.hpp>
#include <snmpio/target.hpp>

#include <vector>

namespace snmpio::sync {

/// Each returns the agent's response (its error_status may be non-zero), or the error
/// indication (errc::timeout, errc::unreachable, errc::resolve_failed, ...).
SNMPIO_EXPORT result<response> get(const community_data& auth, const target& to, const context_data& ctx,
                                   std::vector<oid> names);
SNMPIO_EXPORT result<response> get_next(const community_data& auth, const target& to, const context_data& ctx,
                                        std::vector<oid> names);
SNMPIO_EXPORT result<response> get_bulk(const community_data& auth, const target& to, const context_data& ctx,
                                        std::int32_t non_repeaters, std::int32_t max_repetitions,
                                        std::vector<oid> names);
SNMPIO_EXPORT result<response> set(const community_data& auth, const target& to, const context_data& ctx,
                                   std::vector<varbind> bindings);
/// Every varbind of the walk, in order, in response::varbinds; error_status is set when
/// an agent error ended the walk.
SNMPIO_EXPORT result<response> walk(const community_data& auth, const target& to, const context_data& ctx,
                                    std::vector<oid> roots, const walk_options& options = {});

}  // namespace snmpio::sync
