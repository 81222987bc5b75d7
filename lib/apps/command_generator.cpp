// The Command Generator: builds the request PDUs and hands them to the engine.
#include <snmpio/command_generator.hpp>

#include "apps/collect_walk.hpp"
#include "engine/engine_impl.hpp"

namespace snmpio {

using detail::engine_impl;

result<request_handle> command_generator::get(const community_data& auth, const target& to, const context_data&,
                                              std::vector<oid> names, response_handler on_done) {
  return engine_->impl().start(engine_impl::make_credentials(auth), to, make_request(pdu_type::get_request, std::move(names)), std::move(on_done));
}

result<request_handle> command_generator::get_next(const community_data& auth, const target& to, const context_data&,
                                                   std::vector<oid> names, response_handler on_done) {
  return engine_->impl().start(engine_impl::make_credentials(auth), to, make_request(pdu_type::get_next_request, std::move(names)),
                               std::move(on_done));
}

result<request_handle> command_generator::get_bulk(const community_data& auth, const target& to, const context_data&,
                                                   std::int32_t non_repeaters, std::int32_t max_repetitions,
                                                   std::vector<oid> names, response_handler on_done) {
  if (auth.version == snmp_version::v1 || non_repeaters < 0 || max_repetitions < 0) return errc::invalid_argument;
  pdu p = make_request(pdu_type::get_bulk_request, std::move(names));
  p.error_status = non_repeaters;
  p.error_index = max_repetitions;
  return engine_->impl().start(engine_impl::make_credentials(auth), to, std::move(p), std::move(on_done));
}

result<request_handle> command_generator::set(const community_data& auth, const target& to, const context_data&,
                                              std::vector<varbind> bindings, response_handler on_done) {
  pdu p;
  p.type = pdu_type::set_request;
  p.varbinds = std::move(bindings);
  return engine_->impl().start(engine_impl::make_credentials(auth), to, std::move(p), std::move(on_done));
}

result<request_handle> command_generator::walk(const community_data& auth, const target& to, const context_data&,
                                               std::vector<oid> roots, const walk_options& options, row_handler on_row,
                                               walk_handler on_done) {
  return engine_->impl().start_walk(engine_impl::make_credentials(auth), to, std::move(roots), options, std::move(on_row), std::move(on_done));
}

result<request_handle> command_generator::send(const community_data& auth, const target& to, const context_data&,
                                               pdu request, response_handler on_done) {
  return engine_->impl().start(engine_impl::make_credentials(auth), to, std::move(request), std::move(on_done));
}

}  // namespace snmpio

namespace snmpio {

// The initiators own copies of their arguments: the awaitable may start long after
// the call that made it, and unique_function keeps large captures on the heap.
result<request_handle> command_generator::send_v3(const usm_user_data& user, const target& to,
                                                  const context_data& ctx, pdu request, response_handler on_done) {
  auto creds = engine_->impl().make_credentials(user, ctx);
  if (!creds) return creds.error();
  return engine_->impl().start(*creds, to, std::move(request), std::move(on_done));
}

result<request_handle> command_generator::walk_v3(const usm_user_data& user, const target& to,
                                                  const context_data& ctx, std::vector<oid> roots,
                                                  const walk_options& options, row_handler on_row,
                                                  walk_handler on_done) {
  auto creds = engine_->impl().make_credentials(user, ctx);
  if (!creds) return creds.error();
  return engine_->impl().start_walk(*creds, to, std::move(roots), options, std::move(on_row), std::move(on_done));
}

request_awaitable command_generator::async_get(community_data auth, target to, context_data ctx,
                                               std::vector<oid> names) {
  return request_awaitable([this, auth = std::move(auth), to = std::move(to), ctx = std::move(ctx),
                            names = std::move(names)](response_handler h) mutable {
    return get(auth, to, ctx, std::move(names), std::move(h));
  });
}

request_awaitable command_generator::async_get_next(community_data auth, target to, context_data ctx,
                                                    std::vector<oid> names) {
  return request_awaitable([this, auth = std::move(auth), to = std::move(to), ctx = std::move(ctx),
                            names = std::move(names)](response_handler h) mutable {
    return get_next(auth, to, ctx, std::move(names), std::move(h));
  });
}

request_awaitable command_generator::async_get_bulk(community_data auth, target to, context_data ctx,
                                                    std::int32_t non_repeaters, std::int32_t max_repetitions,
                                                    std::vector<oid> names) {
  return request_awaitable([this, auth = std::move(auth), to = std::move(to), ctx = std::move(ctx), non_repeaters,
                            max_repetitions, names = std::move(names)](response_handler h) mutable {
    return get_bulk(auth, to, ctx, non_repeaters, max_repetitions, std::move(names), std::move(h));
  });
}

request_awaitable command_generator::async_set(community_data auth, target to, context_data ctx,
                                               std::vector<varbind> bindings) {
  return request_awaitable([this, auth = std::move(auth), to = std::move(to), ctx = std::move(ctx),
                            bindings = std::move(bindings)](response_handler h) mutable {
    return set(auth, to, ctx, std::move(bindings), std::move(h));
  });
}

request_awaitable command_generator::async_walk(community_data auth, target to, context_data ctx,
                                                std::vector<oid> roots, walk_options options) {
  return request_awaitable([this, auth = std::move(auth), to = std::move(to), ctx = std::move(ctx),
                            roots = std::move(roots), options](response_handler h) mutable {
    auto [on_row, on_done] = detail::collect_walk(std::move(h));
    return walk(auth, to, ctx, std::move(roots), options, std::move(on_row), std::move(on_done));
  });
}

request_awaitable command_generator::async_send_v3(usm_user_data user, target to, context_data ctx, pdu request) {
  return request_awaitable([this, user = std::move(user), to = std::move(to), ctx = std::move(ctx),
                            request = std::move(request)](response_handler h) mutable {
    return send_v3(user, to, ctx, std::move(request), std::move(h));
  });
}

request_awaitable command_generator::async_get_bulk_v3(usm_user_data user, target to, context_data ctx,
                                                       std::int32_t non_repeaters, std::int32_t max_repetitions,
                                                       std::vector<oid> names) {
  return request_awaitable([this, user = std::move(user), to = std::move(to), ctx = std::move(ctx), non_repeaters,
                            max_repetitions, names = std::move(names)](response_handler h) mutable {
    return get_bulk(user, to, ctx, non_repeaters, max_repetitions, std::move(names), std::move(h));
  });
}

request_awaitable command_generator::async_walk_v3(usm_user_data user, target to, context_data ctx,
                                                   std::vector<oid> roots, walk_options options) {
  return request_awaitable([this, user = std::move(user), to = std::move(to), ctx = std::move(ctx),
                            roots = std::move(roots), options](response_handler h) mutable {
    auto [on_row, on_done] = detail::collect_walk(std::move(h));
    return walk_v3(user, to, ctx, std::move(roots), options, std::move(on_row), std::move(on_done));
  });
}

}  // namespace snmpio
