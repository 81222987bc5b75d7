// The engine and command_generator against the real Net-SNMP snmpd, over IPv4 and
// IPv6: what snmpio fetches, printed in Net-SNMP's format, equals what Net-SNMP's own
// tools print for the same agent and OIDs.
#include <snmpio/snmpio.hpp>

#include "tests/support/netsnmp_tools.hpp"
#include "tests/support/snmpd_fixture.hpp"

#include <gtest/gtest.h>

using namespace snmpio;
using namespace std::chrono_literals;

namespace {

class EngineNetsnmpAgentInterop : public ::testing::TestWithParam<bool> {
 protected:
  static void SetUpTestSuite() { agent_ = new test::snmpd_fixture(); }
  static void TearDownTestSuite() {
    delete agent_;
    agent_ = nullptr;
  }

  bool v6() const { return GetParam(); }
  target agent_target() const {
    if (v6()) return udp6_target{"::1", agent_->port(), {.timeout = 1000ms, .retries = 2}};
    return udp_target{"127.0.0.1", agent_->port(), {.timeout = 1000ms, .retries = 2}};
  }
  std::string spec() const { return v6() ? agent_->v6_spec() : agent_->v4_spec(); }

  // Runs the loop until `done` is set, at most 10 s.
  void run_until(reactor& loop, const bool& done) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!done && std::chrono::steady_clock::now() < deadline) ASSERT_FALSE(loop.run_once(100ms));
    ASSERT_TRUE(done) << "no completion within 10 s";
  }

  static std::string lines(const std::vector<varbind>& vbs) {
    std::string out;
    for (const auto& vb : vbs) out += format_varbind(vb) + "\n";
    return out;
  }

  static test::snmpd_fixture* agent_;
};

test::snmpd_fixture* EngineNetsnmpAgentInterop::agent_ = nullptr;

TEST_P(EngineNetsnmpAgentInterop, GetMatchesSnmpget) {
  reactor loop;
  engine eng(loop);
  command_generator gen(eng);
  bool done = false;
  std::error_code got_ec;
  response got;
  const std::vector<std::string> oids = {"1.3.6.1.2.1.1.4.0", "1.3.6.1.2.1.1.7.0", "1.3.6.1.2.1.1.2.0",
                                         "1.3.6.1.2.1.1.99.0", "1.3.6.1.2.1.1.3.0"};
  std::vector<oid> names;
  for (auto& o : oids) names.push_back(oid(o));
  auto h = gen.get({"public"}, agent_target(), {}, names, [&](std::error_code ec, response r) {
    got_ec = ec;
    got = std::move(r);
    done = true;
  });
  ASSERT_TRUE(h) << h.error().message();
  run_until(loop, done);
  ASSERT_FALSE(got_ec) << got_ec.message();
  EXPECT_EQ(got.error_status, 0);
  ASSERT_EQ(got.varbinds.size(), oids.size());
  // sysUpTime moves between the two reads: compare all but the last line exactly.
  got.varbinds.pop_back();
  std::string cmd = "snmpget -On -v2c -c public " + spec();
  for (std::size_t i = 0; i + 1 < oids.size(); ++i) cmd += " " + oids[i];
  auto peer = test::run_command(cmd);
  EXPECT_EQ(lines(got.varbinds), peer.text);
}

TEST_P(EngineNetsnmpAgentInterop, BulkWalkAndGetNextWalkMatchSnmpwalk) {
  auto peer = test::run_command("snmpwalk -On -v2c -c public " + spec() + " 1.3.6.1.2.1.2");
  ASSERT_EQ(peer.status, 0) << peer.text;
  for (bool bulk : {false, true}) {
    reactor loop;
    engine eng(loop);
    command_generator gen(eng);
    bool done = false;
    std::error_code walk_ec;
    std::vector<varbind> rows;
    auto h = gen.walk({"public"}, agent_target(), {}, {oid("1.3.6.1.2.1.2")},
                      {.use_bulk = bulk, .max_repetitions = 7},
                      [&](const std::vector<varbind>& row) {
                        rows.insert(rows.end(), row.begin(), row.end());
                        return true;
                      },
                      [&](std::error_code ec, response) {
                        walk_ec = ec;
                        done = true;
                      });
    ASSERT_TRUE(h);
    run_until(loop, done);
    EXPECT_FALSE(walk_ec) << walk_ec.message();
    // Interface counters move between walks: compare the OIDs and the stable columns.
    std::string ours = lines(rows);
    std::vector<std::string> a, b;
    auto split = [](const std::string& s, std::vector<std::string>& out) {
      std::size_t p = 0, q;
      while ((q = s.find('\n', p)) != std::string::npos) {
        std::string l = s.substr(p, q - p);
        p = q + 1;
        if (l.find(".1.3.6.1.2.1.2.2.1.2.") == 0 || l.find(".1.3.6.1.2.1.2.2.1.3.") == 0 ||
            l.find(".1.3.6.1.2.1.2.2.1.4.") == 0 || l.find(".1.3.6.1.2.1.2.1.0") == 0)
          out.push_back(l);  // ifDescr, ifType, ifMtu, ifNumber: whole line
        else
          out.push_back(l.substr(0, l.find(" = ")));  // the rest: OID only
      }
    };
    split(ours, a);
    split(peer.text, b);
    EXPECT_EQ(a, b) << (bulk ? "bulk" : "getnext");
    EXPECT_GT(a.size(), 10u);
  }
}

TEST_P(EngineNetsnmpAgentInterop, SetThenSnmpgetReadsItBack) {
  reactor loop;
  engine eng(loop);
  command_generator gen(eng);
  const std::string name = std::string("snmpio-") + (v6() ? "v6" : "v4") + "-" + std::to_string(::getpid());
  bool done = false;
  response got;
  std::error_code got_ec;
  auto h = gen.set({"private"}, agent_target(), {}, {{oid("1.3.6.1.2.1.1.5.0"), value::octet_string(name)}},
                   [&](std::error_code ec, response r) {
                     got_ec = ec;
                     got = std::move(r);
                     done = true;
                   });
  ASSERT_TRUE(h);
  run_until(loop, done);
  ASSERT_FALSE(got_ec) << got_ec.message();
  EXPECT_EQ(got.error_status, 0);
  auto peer = test::run_command("snmpget -On -Ov -v2c -c public " + spec() + " 1.3.6.1.2.1.1.5.0");
  EXPECT_EQ(peer.text, "STRING: \"" + name + "\"\n");
}

TEST_P(EngineNetsnmpAgentInterop, WrongCommunityTimesOutAndErrorStatusArrives) {
  reactor loop;
  engine eng(loop);
  command_generator gen(eng);
  int done = 0;
  std::error_code wrong_ec;
  response ro;
  target short_target = agent_target();
  std::visit([](auto& t) { t.options = {.timeout = 200ms, .retries = 1}; }, short_target);
  ASSERT_TRUE(gen.get({"wrong-community"}, short_target, {}, {oid("1.3.6.1.2.1.1.5.0")},
                      [&](std::error_code ec, response) {
                        wrong_ec = ec;
                        ++done;
                      }));
  // SET through the read-only community: the agent answers noAccess (v2c) with index 1.
  ASSERT_TRUE(gen.set({"public"}, agent_target(), {}, {{oid("1.3.6.1.2.1.1.5.0"), value::octet_string("x")}},
                      [&](std::error_code ec, response r) {
                        EXPECT_FALSE(ec);
                        ro = std::move(r);
                        ++done;
                      }));
  bool all = false;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (done < 2 && std::chrono::steady_clock::now() < deadline) loop.run_once(50ms);
  all = done == 2;
  ASSERT_TRUE(all);
  EXPECT_EQ(wrong_ec, errc::timeout);
  EXPECT_EQ(error_status_name(ro.error_status), std::string("noAccess"));
  EXPECT_EQ(ro.error_index, 1);
  EXPECT_EQ(eng.stats().retransmissions, 1u);
}

INSTANTIATE_TEST_SUITE_P(Families, EngineNetsnmpAgentInterop, ::testing::Values(false, true),
                         [](const auto& param_info) { return param_info.param ? std::string("IPv6") : std::string("IPv4"); });

}  // namespace

namespace {

class EngineWrappersNetsnmpAgentInterop : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { agent_ = new test::snmpd_fixture(); }
  static void TearDownTestSuite() {
    delete agent_;
    agent_ = nullptr;
  }
  static test::snmpd_fixture* agent_;
};
test::snmpd_fixture* EngineWrappersNetsnmpAgentInterop::agent_ = nullptr;

TEST_F(EngineWrappersNetsnmpAgentInterop, SyncCallsMatchSnmpget) {
  auto r = sync::get({"public"}, udp_target{"127.0.0.1", agent_->port()}, {}, {oid("1.3.6.1.2.1.1.4.0")});
  ASSERT_TRUE(r) << r.error().message();
  ASSERT_EQ(r->varbinds.size(), 1u);
  auto peer = test::run_command("snmpget -On -v2c -c public " + agent_->v4_spec() + " 1.3.6.1.2.1.1.4.0");
  EXPECT_EQ(format_varbind(r->varbinds[0]) + "\n", peer.text);

  auto w = sync::walk({"public"}, udp6_target{"::1", agent_->port()}, {}, {oid("1.3.6.1.2.1.1.9.1.2")});
  ASSERT_TRUE(w) << w.error().message();
  auto peer_walk = test::run_command("snmpwalk -On -v2c -c public " + agent_->v6_spec() + " 1.3.6.1.2.1.1.9.1.2");
  std::string ours;
  for (const auto& vb : w->varbinds) ours += format_varbind(vb) + "\n";
  EXPECT_EQ(ours, peer_walk.text);
  EXPECT_GE(w->varbinds.size(), 3u);

  auto timeout = sync::get({"public"}, udp_target{"127.0.0.1", agent_->port(), {.timeout = 100ms, .retries = 0}},
                           {}, {oid("1.3.6.1.2.1.1.4.0")});
  // The right community answers; a wrong one times out.
  EXPECT_TRUE(timeout);
  auto wrong = sync::get({"nope"}, udp_target{"127.0.0.1", agent_->port(), {.timeout = 100ms, .retries = 0}}, {},
                         {oid("1.3.6.1.2.1.1.4.0")});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error(), errc::timeout);
  auto bad = sync::get({"public"}, udp_target{"::1", agent_->port()}, {}, {oid("1.3.6.1.2.1.1.4.0")});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(), errc::invalid_argument);
}

detached_task get_then_walk(command_generator& gen, std::uint16_t port, std::vector<std::string>& log, bool& done) {
  // Named arguments: GCC 12 rejects std::initializer_list temporaries inside a
  // co_await expression ("array used as initializer").
  const community_data v2c{"public"};
  const community_data v1{"public", snmp_version::v1};
  const target agent = udp_target{"127.0.0.1", port};
  std::vector<oid> sys_services(1, oid("1.3.6.1.2.1.1.7.0"));
  std::vector<oid> or_descr(1, oid("1.3.6.1.2.1.1.9.1.3"));
  std::vector<oid> system(1, oid("1.3.6.1.2.1.1"));
  completion c = co_await gen.async_get(v2c, agent, context_data(), std::move(sys_services));
  log.push_back(c.ec ? c.ec.message() : format_varbind(c.r.varbinds.at(0)));
  completion w = co_await gen.async_walk(v1, agent, context_data(), std::move(or_descr));
  log.push_back(w.ec ? w.ec.message() : std::to_string(w.r.varbinds.size()));
  completion bad = co_await gen.async_get_bulk(v1, agent, context_data(), 0, 5, std::move(system));
  log.push_back(bad.ec.message());
  done = true;
}

TEST_F(EngineWrappersNetsnmpAgentInterop, CoroutinesAwaitRequestsOnTheReactor) {
  reactor loop;
  engine eng(loop);
  command_generator gen(eng);
  std::vector<std::string> log;
  bool done = false;
  get_then_walk(gen, agent_->port(), log, done);
  EXPECT_TRUE(log.empty()) << "the coroutine must not complete inside the call";
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!done && std::chrono::steady_clock::now() < deadline) loop.run_once(100ms);
  ASSERT_TRUE(done);
  ASSERT_EQ(log.size(), 3u);
  auto peer = test::run_command("snmpget -On -v2c -c public " + agent_->v4_spec() + " 1.3.6.1.2.1.1.7.0");
  EXPECT_EQ(log[0] + "\n", peer.text);
  auto peer_walk = test::run_command("snmpwalk -On -v1 -c public " + agent_->v4_spec() + " 1.3.6.1.2.1.1.9.1.3");
  EXPECT_EQ(log[1], std::to_string(std::count(peer_walk.text.begin(), peer_walk.text.end(), '\n')));
  EXPECT_EQ(log[2], make_error_code(errc::invalid_argument).message());
}

}  // namespace
