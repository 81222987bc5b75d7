// Blocking wrappers: a private reactor and engine per call, run until completion.
#include <snmpio/sync.hpp>

#include <snmpio/reactor.hpp>

#include "apps/collect_walk.hpp"

namespace snmpio::sync {
namespace {

template <class Start>
result<response> run(Start&& start) {
  auto loop = reactor::create();
  if (!loop) return loop.error();
  engine eng(*loop);
  command_generator gen(eng);
  bool done = false;
  std::error_code ec;
  response out;
  auto started = start(gen, [&](std::error_code e, response r) {
    ec = e;
    out = std::move(r);
    done = true;
  });
  if (!started) return started.error();
  while (!done) {
    if (auto rec = loop->run_once()) return rec;
  }
  if (ec) return ec;
  return out;
}

}  // namespace

result<response> get(const community_data& auth, const target& to, const context_data& ctx, std::vector<oid> names) {
  return run([&](command_generator& g, response_handler h) { return g.get(auth, to, ctx, std::move(names), std::move(h)); });
}

result<response> get_next(const community_data& auth, const target& to, const context_data& ctx,
                          std::vector<oid> names) {
  return run(
      [&](command_generator& g, response_handler h) { return g.get_next(auth, to, ctx, std::move(names), std::move(h)); });
}

result<response> get_bulk(const community_data& auth, const target& to, const context_data& ctx,
                          std::int32_t non_repeaters, std::int32_t max_repetitions, std::vector<oid> names) {
  return run([&](command_generator& g, response_handler h) {
    return g.get_bulk(auth, to, ctx, non_repeaters, max_repetitions, std::move(names), std::move(h));
  });
}

result<response> set(const community_data& auth, const target& to, const context_data& ctx,
                     std::vector<varbind> bindings) {
  return run(
      [&](command_generator& g, response_handler h) { return g.set(auth, to, ctx, std::move(bindings), std::move(h)); });
}

result<response> walk(const community_data& auth, const target& to, const context_data& ctx, std::vector<oid> roots,
                      const walk_options& options) {
  return run([&](command_generator& g, response_handler h) {
    auto [on_row, on_done] = detail::collect_walk(std::move(h));
    return g.walk(auth, to, ctx, std::move(roots), options, std::move(on_row), std::move(on_done));
  });
}

result<response> send_v3(const usm_user_data& user, const target& to, const context_data& ctx, pdu request) {
  return run([&](command_generator& g, response_handler h) {
    return g.send_v3(user, to, ctx, std::move(request), std::move(h));
  });
}

result<response> walk_v3(const usm_user_data& user, const target& to, const context_data& ctx,
                         std::vector<oid> roots, const walk_options& options) {
  return run([&](command_generator& g, response_handler h) {
    auto [on_row, on_done] = detail::collect_walk(std::move(h));
    return g.walk_v3(user, to, ctx, std::move(roots), options, std::move(on_row), std::move(on_done));
  });
}

}  // namespace snmpio::sync
