// Walks against a fake agent over 127.0.0.1 (testing.md §F): non-increasing OIDs,
// empty answers, tooBig during a bulk walk, endOfMibView, row and call caps.
#include <snmpio/snmpio.hpp>

#include "tests/support/fake_agent.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace snmpio;
using namespace std::chrono_literals;
using test::fake_agent;
using test::run_until;

namespace {

const oid root{1, 3, 6, 1, 4, 1, 99999, 1};

// A small MIB: root.1 .. root.N, plus one object past the subtree.
struct fake_mib {
  std::map<oid, value> objects;
  explicit fake_mib(std::uint32_t n) {
    for (std::uint32_t i = 1; i <= n; ++i) {
      oid o = root;
      o.push_back(i);
      objects.emplace(o, value::integer32(static_cast<std::int32_t>(i)));
    }
    objects.emplace(oid{1, 3, 6, 1, 4, 1, 99999, 2, 1}, value::integer32(-1));
  }
  varbind next(const oid& after) const {
    auto it = objects.upper_bound(after);
    if (it == objects.end()) return {after, value::end_of_mib_view()};
    return {it->first, it->second};
  }
  // A GETNEXT or GETBULK answer (non-repeaters honoured).
  ber::community_message answer(const ber::community_message& req) const {
    ber::community_message r = req;
    r.data.type = pdu_type::response;
    r.data.error_status = 0;
    r.data.error_index = 0;
    r.data.varbinds.clear();
    if (req.data.type == pdu_type::get_next_request) {
      for (const auto& vb : req.data.varbinds) r.data.varbinds.push_back(next(vb.name));
      return r;
    }
    const auto nr = static_cast<std::size_t>(std::max(0, req.data.non_repeaters()));
    const int reps = req.data.max_repetitions();
    for (std::size_t i = 0; i < nr && i < req.data.varbinds.size(); ++i)
      r.data.varbinds.push_back(next(req.data.varbinds[i].name));
    std::vector<oid> cursor;
    for (std::size_t i = nr; i < req.data.varbinds.size(); ++i) cursor.push_back(req.data.varbinds[i].name);
    for (int k = 0; k < reps && !cursor.empty(); ++k) {
      for (auto& c : cursor) {
        varbind vb = next(c);
        c = vb.name;
        r.data.varbinds.push_back(std::move(vb));
      }
    }
    return r;
  }
};

struct walk_result {
  bool done = false;
  int calls = 0;
  std::error_code ec;
  response last;
  std::vector<varbind> rows;
};

result<request_handle> start_walk(command_generator& gen, const fake_agent& agent, const walk_options& opt,
                                  walk_result& out, std::vector<oid> roots = {root}) {
  return gen.walk(
      {"public"}, udp_target{"127.0.0.1", agent.port(), {.timeout = 1000ms, .retries = 0}}, {}, std::move(roots), opt,
      [&out](const std::vector<varbind>& row) {
        out.rows.insert(out.rows.end(), row.begin(), row.end());
        return true;
      },
      [&out](std::error_code ec, response last) {
        ++out.calls;
        out.done = true;
        out.ec = ec;
        out.last = std::move(last);
      });
}

class EngineWalkLoopback : public ::testing::TestWithParam<bool> {
 protected:
  bool bulk() const { return GetParam(); }
  walk_options opts() const { return {.use_bulk = bulk(), .max_repetitions = 4}; }
};

TEST_P(EngineWalkLoopback, EndOfMibViewAndLeavingTheSubtreeEndCleanly) {
  reactor loop;
  fake_agent agent(loop);
  fake_mib mib(25);
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) { a.send(mib.answer(m), from); });
  walk_result in_tree, to_end;
  engine eng(loop);
  command_generator gen(eng);
  // Under the root: stops at root's end. From the 1.3.6.1.4.1.99999 arc in
  // lexicographic mode: runs to endOfMibView.
  ASSERT_TRUE(start_walk(gen, agent, opts(), in_tree));
  walk_options lex = opts();
  lex.lexicographic_mode = true;
  ASSERT_TRUE(start_walk(gen, agent, lex, to_end, {oid{1, 3, 6, 1, 4, 1, 99999}}));
  ASSERT_TRUE(run_until(loop, [&] { return in_tree.done && to_end.done; }));
  EXPECT_FALSE(in_tree.ec) << in_tree.ec.message();
  EXPECT_EQ(in_tree.calls, 1);
  ASSERT_EQ(in_tree.rows.size(), 25u);
  for (std::uint32_t i = 0; i < 25; ++i) {
    EXPECT_EQ(in_tree.rows[i].name.back(), i + 1);
    EXPECT_EQ(in_tree.rows[i].value, value::integer32(static_cast<std::int32_t>(i + 1)));
  }
  EXPECT_FALSE(to_end.ec) << to_end.ec.message();
  EXPECT_EQ(to_end.rows.size(), 26u);
  EXPECT_EQ(eng.stats().in_flight, 0u);
}

TEST_P(EngineWalkLoopback, NonIncreasingOidEndsWithNotIncreasing) {
  reactor loop;
  fake_agent agent(loop);
  fake_mib mib(25);
  int n = 0;
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) {
    auto r = mib.answer(m);
    if (++n == 2) {  // goes back to the first object, inside the subtree
      oid first = root;
      first.push_back(1);
      r.data.varbinds.front().name = first;
    }
    a.send(r, from);
  });
  walk_result w;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(start_walk(gen, agent, opts(), w));
  ASSERT_TRUE(run_until(loop, [&] { return w.done; }));
  EXPECT_EQ(w.ec, errc::not_increasing);
  EXPECT_EQ(w.calls, 1);
  EXPECT_EQ(n, 2);
}

TEST_P(EngineWalkLoopback, RepeatedOidEndsEvenWhenNonIncreasingIsIgnored) {
  reactor loop;
  fake_agent agent(loop);
  int n = 0;
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) {
    ++n;
    auto r = fake_agent::response_to(m);
    oid same = root;
    same.push_back(1);
    r.data.varbinds.resize(1);
    r.data.varbinds[0] = {same, value::integer32(1)};  // always the same OID
    a.send(r, from);
  });
  walk_result w;
  engine eng(loop);
  command_generator gen(eng);
  walk_options o = opts();
  o.ignore_non_increasing_oid = true;
  ASSERT_TRUE(start_walk(gen, agent, o, w));
  ASSERT_TRUE(run_until(loop, [&] { return w.done; }));
  EXPECT_EQ(w.ec, errc::not_increasing);
  EXPECT_EQ(n, 2);
}

// net-snmp #746: an empty varbind list must end the walk, not loop resending.
TEST_P(EngineWalkLoopback, EmptyVarbindListEndsWithEmptyResponse) {
  reactor loop;
  fake_agent agent(loop);
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) {
    auto r = fake_agent::response_to(m);
    r.data.varbinds.clear();
    a.send(r, from);
  });
  walk_result w;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(start_walk(gen, agent, opts(), w));
  ASSERT_TRUE(run_until(loop, [&] { return w.done; }));
  EXPECT_EQ(w.ec, errc::empty_response);
  for (int i = 0; i < 3; ++i) loop.poll();
  EXPECT_EQ(agent.requests(), 1u);
  EXPECT_EQ(w.calls, 1);
}

TEST_P(EngineWalkLoopback, MaxRowsAndMaxCallsAreHonoured) {
  reactor loop;
  fake_agent agent(loop);
  fake_mib mib(25);
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) { a.send(mib.answer(m), from); });
  walk_result rows, calls;
  engine eng(loop);
  command_generator gen(eng);
  walk_options o = opts();
  o.max_rows = 7;
  ASSERT_TRUE(start_walk(gen, agent, o, rows));
  ASSERT_TRUE(run_until(loop, [&] { return rows.done; }));
  EXPECT_FALSE(rows.ec);
  EXPECT_EQ(rows.rows.size(), 7u);

  const std::size_t before = agent.requests();
  o = opts();
  o.max_calls = 3;
  ASSERT_TRUE(start_walk(gen, agent, o, calls));
  ASSERT_TRUE(run_until(loop, [&] { return calls.done; }));
  EXPECT_FALSE(calls.ec);
  EXPECT_EQ(agent.requests() - before, 3u);
  EXPECT_EQ(calls.rows.size(), bulk() ? 12u : 3u);
}

INSTANTIATE_TEST_SUITE_P(Modes, EngineWalkLoopback, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& p) { return p.param ? "GetBulk" : "GetNext"; });

// tooBig during a bulk walk halves max-repetitions and goes on.
TEST(EngineBulkWalkLoopback, TooBigHalvesMaxRepetitionsAndContinues) {
  reactor loop;
  fake_agent agent(loop);
  fake_mib mib(25);
  std::vector<int> asked;
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) {
    asked.push_back(m.data.max_repetitions());
    if (m.data.max_repetitions() > 3) {
      auto r = fake_agent::response_to(m);
      r.data.error_status = static_cast<std::int32_t>(error_status::too_big);
      a.send(r, from);
      return;
    }
    a.send(mib.answer(m), from);
  });
  walk_result w;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(start_walk(gen, agent, {.use_bulk = true, .max_repetitions = 16}, w));
  ASSERT_TRUE(run_until(loop, [&] { return w.done; }));
  EXPECT_FALSE(w.ec) << w.ec.message();
  EXPECT_EQ(w.rows.size(), 25u);
  ASSERT_GE(asked.size(), 4u);
  EXPECT_EQ(asked[0], 16);
  EXPECT_EQ(asked[1], 8);
  EXPECT_EQ(asked[2], 4);
  EXPECT_EQ(asked[3], 2);
  EXPECT_TRUE(std::all_of(asked.begin() + 3, asked.end(), [](int r) { return r == 2; }));
}

TEST(EngineBulkWalkLoopback, TooBigAtOneRepetitionEndsWithTooBig) {
  reactor loop;
  fake_agent agent(loop);
  std::vector<int> asked;
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) {
    asked.push_back(m.data.max_repetitions());
    auto r = fake_agent::response_to(m);
    r.data.error_status = static_cast<std::int32_t>(error_status::too_big);
    a.send(r, from);
  });
  walk_result w;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(start_walk(gen, agent, {.use_bulk = true, .max_repetitions = 10}, w));
  ASSERT_TRUE(run_until(loop, [&] { return w.done; }));
  EXPECT_EQ(w.ec, errc::too_big);
  EXPECT_EQ(w.calls, 1);
  EXPECT_EQ(asked, (std::vector<int>{10, 5, 2, 1}));
  EXPECT_TRUE(w.rows.empty());
}

// Two columns walked side by side, one shorter: the walk ends when both leave.
TEST(EngineBulkWalkLoopback, ColumnsOfUnequalLengthEndCleanly) {
  reactor loop;
  fake_agent agent(loop);
  fake_mib mib(0);
  for (std::uint32_t col : {2u, 3u})
    for (std::uint32_t row = 1; row <= (col == 2 ? 9u : 4u); ++row)
      mib.objects.emplace(oid{1, 3, 6, 1, 4, 1, 99999, 5, col, row}, value::integer32(static_cast<std::int32_t>(col * 100 + row)));
  agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) { a.send(mib.answer(m), from); });
  walk_result w;
  engine eng(loop);
  command_generator gen(eng);
  ASSERT_TRUE(start_walk(gen, agent, {.use_bulk = true, .max_repetitions = 3}, w,
                         {oid{1, 3, 6, 1, 4, 1, 99999, 5, 2}, oid{1, 3, 6, 1, 4, 1, 99999, 5, 3}}));
  ASSERT_TRUE(run_until(loop, [&] { return w.done; }));
  EXPECT_FALSE(w.ec) << w.ec.message();
  EXPECT_EQ(w.rows.size(), 13u);
}

// A walk cancelled while its request is in flight ends once with cancelled.
TEST(EngineBulkWalkLoopback, CancelledWalkEndsOnce) {
  reactor loop;
  fake_agent agent(loop);
  agent.set_policy([](fake_agent&, ber::community_message&, const endpoint&) {});
  walk_result w;
  engine eng(loop);
  command_generator gen(eng);
  auto h = start_walk(gen, agent, {.use_bulk = true}, w);
  ASSERT_TRUE(h);
  ASSERT_TRUE(run_until(loop, [&] { return agent.requests() == 1; }));
  EXPECT_TRUE(h->cancel());
  EXPECT_FALSE(w.done);
  ASSERT_TRUE(run_until(loop, [&] { return w.done; }));
  for (int i = 0; i < 3; ++i) loop.poll();
  EXPECT_EQ(w.calls, 1);
  EXPECT_EQ(w.ec, errc::cancelled);
}

}  // namespace

namespace {

// A single-arc root (".1") has no BER encoding: the walk asks for what follows 1.0
// and returns the whole tree under 1, GETNEXT and GETBULK alike.
TEST(EngineWalkLoopback, SingleArcRootWalksTheWholeTree) {
  for (const bool bulk : {false, true}) {
    reactor loop;
    fake_agent agent(loop);
    fake_mib mib(5);  // root.1..root.5 and one object past it: 6 objects under 1
    std::vector<oid> asked;
    agent.set_policy([&](fake_agent& a, ber::community_message& m, const endpoint& from) {
      asked.push_back(m.data.varbinds.at(0).name);
      a.send(mib.answer(m), from);
    });
    walk_result w;
    engine eng(loop);
    command_generator gen(eng);
    ASSERT_TRUE(start_walk(gen, agent, {.use_bulk = bulk, .max_repetitions = 4}, w, {oid{1}}));
    ASSERT_TRUE(run_until(loop, [&] { return w.done; }));
    EXPECT_FALSE(w.ec) << w.ec.message();
    EXPECT_EQ(w.rows.size(), 6u) << bulk;
    ASSERT_FALSE(asked.empty());
    EXPECT_EQ(asked[0], (oid{1, 0}));
  }
}

}  // namespace
