// Test helper: the co_await call shapes the documentation promises (temporaries for
// every argument, named lvalues, braced arguments, co_await in a loop, the SNMPv3
// overloads), run against an in-process agent on 127.0.0.1. Public API only: the unit
// tests include it, and tests/scripts/coroutine_compilers_test.sh compiles it with
// g++ and clang++ (GCC 12 once freed a temporary community_data twice here).
#pragma once

#include <snmpio/snmpio.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace snmpio::test {

struct coroutine_shapes_result {
  std::vector<std::string> log;  // one line per co_await, "<shape>: <what came back>"
  bool done = false;
};

inline std::string describe(const completion& c) {
  if (c.ec) return "error " + c.ec.message();
  std::string s = "status " + std::to_string(c.r.error_status);
  for (const auto& vb : c.r.varbinds) s += " | " + format_varbind(vb);
  return s;
}

/// The SNMPv3 user the agent below knows.
inline usm_user_data coroutine_shapes_user() {
  return usm_user_data{.user_name = "coro", .auth = auth_protocol::hmac_sha256, .auth_key = "coro-auth-pass",
                       .priv = priv_protocol::aes128, .priv_key = "coro-priv-pass"};
}

inline detached_task coroutine_shapes(command_generator& gen, std::uint16_t port, coroutine_shapes_result& out,
                                      reactor& loop) {
  const oid sys_name("1.3.6.1.2.1.1.5.0");
  std::vector<oid> names(1, sys_name);

  // Temporaries for every argument.
  out.log.push_back("temporaries: " + describe(co_await gen.async_get(
                                          community_data{"public"}, udp_target{"127.0.0.1", port}, context_data{},
                                          std::vector<oid>(1, oid("1.3.6.1.2.1.1.5.0")))));
  // The form of the issue: a temporary community and a braced context.
  const target agent = udp_target{"127.0.0.1", port, {.timeout = std::chrono::seconds(2), .retries = 2}};
  out.log.push_back("issue form: " + describe(co_await gen.async_get(community_data{"public"}, agent, {}, names)));
  // Braced arguments only.
  out.log.push_back("braced: " + describe(co_await gen.async_get({"public", snmp_version::v1}, agent, {}, names)));
  // Named lvalues.
  const community_data v2c{"public"};
  const context_data ctx;
  out.log.push_back("lvalues: " + describe(co_await gen.async_get(v2c, agent, ctx, names)));

  // co_await in a loop: GETNEXT through the system group, with fresh temporaries each time.
  const oid system("1.3.6.1.2.1.1");
  oid cur = system;
  int steps = 0;
  while (steps < 50) {
    completion c = co_await gen.async_get_next(community_data{"public"}, udp_target{"127.0.0.1", port}, {},
                                               std::vector<oid>(1, cur));
    if (c.ec || c.r.error_status || c.r.varbinds.size() != 1 || !c.r.varbinds[0].name.starts_with(system)) break;
    cur = c.r.varbinds[0].name;
    ++steps;
  }
  completion walked = co_await gen.async_walk(community_data{"public"}, udp_target{"127.0.0.1", port},
                                              context_data{}, std::vector<oid>(1, system), walk_options{});
  out.log.push_back("getnext loop: " + std::to_string(steps) + " steps, walk: " +
                    (walked.ec ? walked.ec.message() : std::to_string(walked.r.varbinds.size())) + " rows");

  completion bulk = co_await gen.async_get_bulk(community_data{"public"}, udp_target{"127.0.0.1", port},
                                                context_data{}, 0, 3, std::vector<oid>(1, system));
  out.log.push_back("bulk: " + std::to_string(bulk.r.varbinds.size()) + " varbinds" +
                    (bulk.ec ? " " + bulk.ec.message() : ""));
  std::vector<varbind> bindings(1);
  bindings[0].name = sys_name;
  bindings[0].value = value::octet_string("renamed");
  out.log.push_back("set: " + describe(co_await gen.async_set(community_data{"private"},
                                                                udp_target{"127.0.0.1", port}, {}, bindings)));

  // SNMPv3: the same calls with a user (a named variable: usm_user_data is an aggregate).
  const usm_user_data user = coroutine_shapes_user();
  out.log.push_back("v3 get: " + describe(co_await gen.async_get(user, udp_target{"127.0.0.1", port}, {}, names)));
  out.log.push_back("v3 get_next: " +
                    describe(co_await gen.async_get_next(user, udp_target{"127.0.0.1", port}, context_data{},
                                                         std::vector<oid>(1, oid("1.3.6.1.2.1.1.4")))));
  completion v3bulk = co_await gen.async_get_bulk(user, agent, {}, 0, 2, std::vector<oid>(1, system));
  out.log.push_back("v3 get_bulk: " + std::to_string(v3bulk.r.varbinds.size()) + " varbinds" +
                    (v3bulk.ec ? " " + v3bulk.ec.message() : ""));
  bindings[0].value = value::octet_string("v3-renamed");
  out.log.push_back("v3 set: " + describe(co_await gen.async_set(user, agent, context_data{}, bindings)));
  completion v3walk = co_await gen.async_walk(user, agent, {}, std::vector<oid>(1, system), {.use_bulk = true});
  out.log.push_back("v3 walk: " + (v3walk.ec ? v3walk.ec.message() : std::to_string(v3walk.r.varbinds.size())) +
                    " rows");
  out.done = true;
  loop.stop();
}

/// The agent: communities "public" (read) and "private" (write), the user above, the
/// built-in system group with a writable sysName. Runs the shapes; false on setup error.
inline bool run_coroutine_shapes(coroutine_shapes_result& out) {
  reactor loop;
  engine agent(loop);
  if (agent.listen(endpoint::loopback_v4(0))) return false;
  agent.add_community({.community = "public", .security_name = "ro"});
  agent.add_community({.community = "private", .security_name = "rw"});
  if (agent.add_usm_user(coroutine_shapes_user())) return false;
  agent.add_vacm_group(security_model::v1, "ro", "readers");
  agent.add_vacm_group(security_model::v2c, "ro", "readers");
  agent.add_vacm_group(security_model::v2c, "rw", "writers");
  agent.add_vacm_group(security_model::usm, "coro", "writers");
  agent.add_vacm_view("all", oid("1.3.6.1"));
  agent.add_vacm_access({.group = "readers", .read_view = "all"});
  agent.add_vacm_access({.group = "writers", .read_view = "all", .write_view = "all"});
  agent.add_vacm_access({.group = "writers", .model = security_model::usm, .level = security_level::auth_priv,
                         .read_view = "all", .write_view = "all"});
  command_responder responder(agent);
  register_agent_mibs(responder, agent, {.descr = "coroutine shapes"});

  engine manager(loop);
  command_generator gen(manager);
  coroutine_shapes(gen, agent.listening_endpoints().at(0).port(), out, loop);
  const auto guard = loop.call_after(std::chrono::seconds(30), [&] { loop.stop(); });
  loop.run();
  loop.cancel(guard);
  return true;
}

}  // namespace snmpio::test
