// Sample helpers: one reactor, engine and command generator, and a blocking call in
// the manner of Net-SNMP's snmp_synch_response: start a request, run the reactor until
// its callback has run, return what it got.
#pragma once

#include <snmpio/command_generator.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/reactor.hpp>

#include "samples/common/snmpcmd_options.hpp"

#include <functional>
#include <variant>
#include <system_error>

namespace snmpio::samples {

struct outcome {
  std::error_code ec;  ///< error indication (timeout, unreachable, resolve_failed, ...)
  response r;
};

class session {
 public:
  session(const snmpcmd_options& opts, const agent_spec& agent, const engine_options& eopts = {});

  reactor& loop() noexcept { return loop_; }
  engine& eng() noexcept { return engine_; }
  command_generator& gen() noexcept { return gen_; }
  /// The community (SNMPv1/v2c) or the SNMPv3 user, and the context, per the flags.
  const std::variant<community_data, usm_user_data>& auth() const noexcept { return auth_; }
  const context_data& context() const noexcept { return context_; }
  /// Calls f(credentials) with the community_data or usm_user_data in force.
  template <class F>
  decltype(auto) with_auth(F&& f) const {
    return std::visit([&](const auto& a) -> decltype(auto) { return f(a); }, auth_);
  }
  const target& to() const noexcept { return target_; }

  /// Starts a request with `start` (which passes the given handler on to a
  /// command_generator call) and runs the reactor until it completes.
  outcome call(const std::function<result<request_handle>(response_handler)>& start);

  outcome get(std::vector<oid> names);
  outcome get_next(std::vector<oid> names);
  outcome get_bulk(std::int32_t non_repeaters, std::int32_t max_repetitions, std::vector<oid> names);
  outcome set(std::vector<varbind> bindings);

 private:
  reactor loop_;
  engine engine_;
  command_generator gen_;
  std::variant<community_data, usm_user_data> auth_;
  context_data context_;
  target target_;
};

}  // namespace snmpio::samples
