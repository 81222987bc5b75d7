#include "samples/common/session.hpp"

namespace snmpio::samples {

session::session(const snmpcmd_options& opts, const agent_spec& agent, const engine_options& eopts)
    : engine_(loop_, eopts),
      gen_(engine_),
      auth_(opts.version == snmp_version::v3 ? std::variant<community_data, usm_user_data>(opts.user)
                                             : community_data{opts.community, opts.version}),
      context_(opts.context),
      target_(make_target(agent, opts.timing)) {}

outcome session::call(const std::function<result<request_handle>(response_handler)>& start) {
  outcome out;
  bool done = false;
  auto started = start([&](std::error_code ec, response r) {
    out.ec = ec;
    out.r = std::move(r);
    done = true;
    loop_.stop();
  });
  if (!started) {
    out.ec = started.error();
    return out;
  }
  // run() + stop() rather than `while (!done) run_once()`: a completion delivered by a
  // posted task (a failed name lookup) runs at the start of a pass, and run_once()
  // then still blocks waiting for I/O that never comes.
  if (auto ec = loop_.run()) out.ec = ec;
  else if (!done) out.ec = make_error_code(errc::shutdown);
  return out;
}

outcome session::get(std::vector<oid> names) {
  return call([&](response_handler h) {
    return with_auth([&](const auto& a) { return gen_.get(a, target_, context_, std::move(names), std::move(h)); });
  });
}

outcome session::get_next(std::vector<oid> names) {
  return call([&](response_handler h) {
    return with_auth([&](const auto& a) { return gen_.get_next(a, target_, context_, std::move(names), std::move(h)); });
  });
}

outcome session::get_bulk(std::int32_t non_repeaters, std::int32_t max_repetitions, std::vector<oid> names) {
  return call([&](response_handler h) {
    return with_auth([&](const auto& a) {
      return gen_.get_bulk(a, target_, context_, non_repeaters, max_repetitions, std::move(names), std::move(h));
    });
  });
}

outcome session::set(std::vector<varbind> bindings) {
  return call([&](response_handler h) {
    return with_auth([&](const auto& a) { return gen_.set(a, target_, context_, std::move(bindings), std::move(h)); });
  });
}

}  // namespace snmpio::samples
