// snmpio — blocking wrappers for scripts: each call runs its own reactor and engine
// until the request completes. Not for event-driven programs: those use
// command_generator on their reactor.
#pragma once

#include <snmpio/command_generator.hpp>
#include <snmpio/export.hpp>
#include <snmpio/result.hpp>
#include <snmpio/target.hpp>

#include <concepts>
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

/// SNMPv3: any request PDU, and walks, with an SNMPv3 user.
SNMPIO_EXPORT result<response> send_v3(const usm_user_data& user, const target& to, const context_data& ctx,
                                       pdu request);
SNMPIO_EXPORT result<response> walk_v3(const usm_user_data& user, const target& to, const context_data& ctx,
                                       std::vector<oid> roots, const walk_options& options = {});

/// The calls above with an SNMPv3 user (templates so that a braced community such as
/// {"public"} keeps choosing the community calls).
template <std::same_as<usm_user_data> User>
result<response> get(const User& user, const target& to, const context_data& ctx, std::vector<oid> names) {
  return send_v3(user, to, ctx, snmpio::detail::make_request_pdu(pdu_type::get_request, std::move(names)));
}
template <std::same_as<usm_user_data> User>
result<response> get_next(const User& user, const target& to, const context_data& ctx, std::vector<oid> names) {
  return send_v3(user, to, ctx, snmpio::detail::make_request_pdu(pdu_type::get_next_request, std::move(names)));
}
template <std::same_as<usm_user_data> User>
result<response> get_bulk(const User& user, const target& to, const context_data& ctx, std::int32_t non_repeaters,
                          std::int32_t max_repetitions, std::vector<oid> names) {
  if (non_repeaters < 0 || max_repetitions < 0) return errc::invalid_argument;
  pdu p = snmpio::detail::make_request_pdu(pdu_type::get_bulk_request, std::move(names));
  p.error_status = non_repeaters;
  p.error_index = max_repetitions;
  return send_v3(user, to, ctx, std::move(p));
}
template <std::same_as<usm_user_data> User>
result<response> set(const User& user, const target& to, const context_data& ctx, std::vector<varbind> bindings) {
  pdu p;
  p.type = pdu_type::set_request;
  p.varbinds = std::move(bindings);
  return send_v3(user, to, ctx, std::move(p));
}
template <std::same_as<usm_user_data> User>
result<response> walk(const User& user, const target& to, const context_data& ctx, std::vector<oid> roots,
                      const walk_options& options = {}) {
  return walk_v3(user, to, ctx, std::move(roots), options);
}

}  // namespace snmpio::sync
