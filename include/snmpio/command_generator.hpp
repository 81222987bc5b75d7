// snmpio — the Command Generator (RFC 3413 §3.1): GET, GETNEXT, GETBULK, SET and walks.
#pragma once

#include <snmpio/engine.hpp>
#include <snmpio/export.hpp>
#include <snmpio/pdu.hpp>
#include <snmpio/result.hpp>
#include <snmpio/target.hpp>
#include <snmpio/unique_function.hpp>
#include <snmpio/usm.hpp>

#include <concepts>
#include <coroutine>
#include <cstdint>
#include <memory>
#include <system_error>
#include <vector>

namespace snmpio {

/// What an agent answered: the C++ form of PySNMP's (errorStatus, errorIndex, varBinds).
/// error_status is an SNMP error-status (see error_status_name()); error_index is
/// 1-based, 0 when no varbind is at fault.
struct response {
  std::int32_t error_status = 0;
  std::int32_t error_index = 0;
  std::vector<varbind> varbinds{};
};

/// Completion of a request: `ec` is the error indication (timeout, unreachable,
/// cancelled, shutdown, ...); when `ec` is clear, `r` holds the agent's answer.
using response_handler = unique_function<void(std::error_code ec, response r)>;

/// A walk's per-row callback: one varbind per walked column. Return false to stop.
using row_handler = unique_function<bool(const std::vector<varbind>& row)>;

/// End of a walk: clear `ec` when it ran to its end (or a row handler stopped it);
/// `last` carries the error-status of an agent error that ended it.
using walk_handler = unique_function<void(std::error_code ec, response last)>;

/// Refers to one request or walk; cancel() completes it with errc::cancelled.
/// Copyable; outliving the engine is harmless.
class SNMPIO_EXPORT request_handle {
 public:
  request_handle() noexcept = default;
  /// Cancels the request: its callback runs with errc::cancelled (later, on the
  /// reactor's thread, never inside cancel()). False when it already completed.
  bool cancel();
  /// True while the request has not completed.
  bool pending() const noexcept;

 private:
  friend class detail::engine_impl;
  request_handle(std::weak_ptr<detail::engine_impl> e, std::uint64_t serial) noexcept
      : engine_(std::move(e)), serial_(serial) {}
  std::weak_ptr<detail::engine_impl> engine_;
  std::uint64_t serial_ = 0;
};

namespace detail {
/// A request PDU for `names`, each with a NULL value.
inline pdu make_request_pdu(pdu_type type, std::vector<oid>&& names) {
  pdu p;
  p.type = type;
  p.varbinds.reserve(names.size());
  for (auto& n : names) p.varbinds.push_back({std::move(n), value::null()});
  return p;
}
}  // namespace detail

/// What co_await on a request gives: the callback's two arguments.
struct completion {
  std::error_code ec{};
  response r{};
};

/// The awaitable returned by command_generator::async_*(): co_await starts the request
/// and resumes the coroutine on the reactor's thread when it completes. If the request
/// cannot start, the coroutine goes on at once with that error in `ec`.
class SNMPIO_EXPORT request_awaitable {
 public:
  using initiator = unique_function<result<request_handle>(response_handler)>;
  explicit request_awaitable(initiator start) noexcept : start_(std::move(start)) {}
  request_awaitable(request_awaitable&&) noexcept = default;
  request_awaitable& operator=(request_awaitable&&) noexcept = default;

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> waiting) {
    auto started = start_([this, waiting](std::error_code ec, response r) {
      done_ = {ec, std::move(r)};
      waiting.resume();
    });
    if (!started) {
      done_.ec = started.error();
      return false;  // not suspended: go on with the error
    }
    return true;
  }
  completion await_resume() noexcept { return std::move(done_); }

 private:
  initiator start_;
  completion done_;
};

/// A coroutine type that starts at once and frees itself when it ends: the simplest way
/// to run co_await code on a reactor. An exception escaping it terminates the program.
struct detached_task {
  struct promise_type {
    detached_task get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
};

/// Options of walk(): PySNMP's nextCmd/bulkCmd options.
struct walk_options {
  /// Walk with GETBULK (SNMPv2c) instead of GETNEXT.
  bool use_bulk = false;
  /// GETBULK max-repetitions; halved when the agent answers tooBig, down to 1.
  std::int32_t max_repetitions = 10;
  /// false: stop when every column leaves its root's subtree (as snmpwalk does);
  /// true: go on to the end of the agent's MIB view (PySNMP's lexicographicMode).
  bool lexicographic_mode = false;
  /// Stop after this many rows / requests; 0: no limit.
  std::size_t max_rows = 0;
  std::size_t max_calls = 0;
  /// Accept an OID that does not increase (snmpwalk -Cc). Without it such an answer
  /// ends the walk with errc::not_increasing. With it, a repeated OID still ends it.
  bool ignore_non_increasing_oid = false;
};

/// The manager side on one engine. Every call either returns an error (and its
/// callback is never called) or calls its callback exactly once, on the reactor's
/// thread, never from inside the call. Request state is freed before the callback
/// runs, so a callback may start, cancel, or destroy anything.
class SNMPIO_EXPORT command_generator {
 public:
  explicit command_generator(engine& e) noexcept : engine_(&e) {}

  result<request_handle> get(const community_data& auth, const target& to, const context_data& ctx,
                             std::vector<oid> names, response_handler on_done);
  result<request_handle> get_next(const community_data& auth, const target& to, const context_data& ctx,
                                  std::vector<oid> names, response_handler on_done);
  /// SNMPv2c only (errc::invalid_argument for SNMPv1).
  result<request_handle> get_bulk(const community_data& auth, const target& to, const context_data& ctx,
                                  std::int32_t non_repeaters, std::int32_t max_repetitions,
                                  std::vector<oid> names, response_handler on_done);
  result<request_handle> set(const community_data& auth, const target& to, const context_data& ctx,
                             std::vector<varbind> bindings, response_handler on_done);
  /// Walks the subtrees under `roots` (several roots walk table columns side by side).
  result<request_handle> walk(const community_data& auth, const target& to, const context_data& ctx,
                              std::vector<oid> roots, const walk_options& options, row_handler on_row,
                              walk_handler on_done);
  /// Sends any request PDU (its request-id is assigned by the engine).
  result<request_handle> send(const community_data& auth, const target& to, const context_data& ctx,
                              pdu request, response_handler on_done);

  // C++20 coroutines: `completion c = co_await gen.async_get(...)`, PySNMP's asyncio
  // style over the same calls. async_walk gathers every row's varbinds into c.r.
  request_awaitable async_get(community_data auth, target to, context_data ctx, std::vector<oid> names);
  request_awaitable async_get_next(community_data auth, target to, context_data ctx, std::vector<oid> names);
  request_awaitable async_get_bulk(community_data auth, target to, context_data ctx, std::int32_t non_repeaters,
                                   std::int32_t max_repetitions, std::vector<oid> names);
  request_awaitable async_set(community_data auth, target to, context_data ctx, std::vector<varbind> bindings);
  request_awaitable async_walk(community_data auth, target to, context_data ctx, std::vector<oid> roots,
                               walk_options options = {});

  // SNMPv3: the same calls with an SNMPv3 user (discovery, time synchronisation and
  // keys are handled by the engine, once per agent). Templates only so that a braced
  // community such as {"public"} keeps choosing the calls above.
  template <std::same_as<usm_user_data> User>
  result<request_handle> get(const User& user, const target& to, const context_data& ctx, std::vector<oid> names,
                             response_handler on_done) {
    return send_v3(user, to, ctx, make_request(pdu_type::get_request, std::move(names)), std::move(on_done));
  }
  template <std::same_as<usm_user_data> User>
  result<request_handle> get_next(const User& user, const target& to, const context_data& ctx,
                                  std::vector<oid> names, response_handler on_done) {
    return send_v3(user, to, ctx, make_request(pdu_type::get_next_request, std::move(names)), std::move(on_done));
  }
  template <std::same_as<usm_user_data> User>
  result<request_handle> get_bulk(const User& user, const target& to, const context_data& ctx,
                                  std::int32_t non_repeaters, std::int32_t max_repetitions, std::vector<oid> names,
                                  response_handler on_done) {
    if (non_repeaters < 0 || max_repetitions < 0) return errc::invalid_argument;
    pdu p = make_request(pdu_type::get_bulk_request, std::move(names));
    p.error_status = non_repeaters;
    p.error_index = max_repetitions;
    return send_v3(user, to, ctx, std::move(p), std::move(on_done));
  }
  template <std::same_as<usm_user_data> User>
  result<request_handle> set(const User& user, const target& to, const context_data& ctx,
                             std::vector<varbind> bindings, response_handler on_done) {
    pdu p;
    p.type = pdu_type::set_request;
    p.varbinds = std::move(bindings);
    return send_v3(user, to, ctx, std::move(p), std::move(on_done));
  }
  template <std::same_as<usm_user_data> User>
  result<request_handle> walk(const User& user, const target& to, const context_data& ctx, std::vector<oid> roots,
                              const walk_options& options, row_handler on_row, walk_handler on_done) {
    return walk_v3(user, to, ctx, std::move(roots), options, std::move(on_row), std::move(on_done));
  }
  // The awaitables own copies of every argument (taken by value here, in an ordinary
  // function, not in the caller's coroutine frame).
  template <std::same_as<usm_user_data> User>
  request_awaitable async_get(User user, target to, context_data ctx, std::vector<oid> names) {
    return async_send_v3(std::move(user), std::move(to), std::move(ctx),
                         make_request(pdu_type::get_request, std::move(names)));
  }
  template <std::same_as<usm_user_data> User>
  request_awaitable async_get_next(User user, target to, context_data ctx, std::vector<oid> names) {
    return async_send_v3(std::move(user), std::move(to), std::move(ctx),
                         make_request(pdu_type::get_next_request, std::move(names)));
  }
  template <std::same_as<usm_user_data> User>
  request_awaitable async_get_bulk(User user, target to, context_data ctx, std::int32_t non_repeaters,
                                   std::int32_t max_repetitions, std::vector<oid> names) {
    return async_get_bulk_v3(std::move(user), std::move(to), std::move(ctx), non_repeaters, max_repetitions,
                             std::move(names));
  }
  template <std::same_as<usm_user_data> User>
  request_awaitable async_set(User user, target to, context_data ctx, std::vector<varbind> bindings) {
    pdu p;
    p.type = pdu_type::set_request;
    p.varbinds = std::move(bindings);
    return async_send_v3(std::move(user), std::move(to), std::move(ctx), std::move(p));
  }
  template <std::same_as<usm_user_data> User>
  request_awaitable async_walk(User user, target to, context_data ctx, std::vector<oid> roots,
                               walk_options options = {}) {
    return async_walk_v3(std::move(user), std::move(to), std::move(ctx), std::move(roots), options);
  }

  /// Any request PDU with an SNMPv3 user.
  result<request_handle> send_v3(const usm_user_data& user, const target& to, const context_data& ctx, pdu request,
                                 response_handler on_done);
  result<request_handle> walk_v3(const usm_user_data& user, const target& to, const context_data& ctx,
                                 std::vector<oid> roots, const walk_options& options, row_handler on_row,
                                 walk_handler on_done);

  engine& get_engine() const noexcept { return *engine_; }

 private:
  request_awaitable async_send_v3(usm_user_data user, target to, context_data ctx, pdu request);
  request_awaitable async_get_bulk_v3(usm_user_data user, target to, context_data ctx, std::int32_t non_repeaters,
                                      std::int32_t max_repetitions, std::vector<oid> names);
  request_awaitable async_walk_v3(usm_user_data user, target to, context_data ctx, std::vector<oid> roots,
                                  walk_options options);

  static pdu make_request(pdu_type type, std::vector<oid>&& names) {
    return detail::make_request_pdu(type, std::move(names));
  }

  engine* engine_;
};

}  // namespace snmpio
