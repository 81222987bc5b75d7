// The engine against the real Net-SNMP snmpd through an in-process proxy that loses,
// triplicates, delays and reorders datagrams in both directions (testing.md §G2):
// every request completes exactly once, every success carries its own request's
// varbinds with the values snmpd was configured with, and no request is sent more
// often than its retries allow.
#include <snmpio/snmpio.hpp>

#include "ber/message_codec.hpp"
#include "tests/support/fake_agent.hpp"
#include "tests/support/fault_proxy.hpp"
#include "tests/support/snmpd_fixture.hpp"

#include <gtest/gtest.h>

#include <map>
#include <unordered_map>

using namespace snmpio;
using namespace std::chrono_literals;

namespace {

const oid sys_contact{1, 3, 6, 1, 2, 1, 1, 4, 0};
const oid sys_services{1, 3, 6, 1, 2, 1, 1, 7, 0};
const oid missing{1, 3, 6, 1, 2, 1, 1, 99, 0};

class EngineFaultProxyInterop : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { agent_ = new test::snmpd_fixture(); }
  static void TearDownTestSuite() {
    delete agent_;
    agent_ = nullptr;
  }

  struct run_result {
    std::size_t total = 0, ok = 0, timeouts = 0, other_errors = 0, wrong = 0, extra_calls = 0;
    std::uint64_t most_sends_of_one_request = 0;
    engine_stats stats;
  };

  // Runs `total` GETs of rotating OID sets through a proxy with `faults`, `window` in
  // flight, then lets every delayed copy arrive before checking.
  run_result run(const test::fault_options& faults, std::size_t total, target_options topt, std::size_t window) {
    reactor loop;
    test::fault_proxy proxy(loop, endpoint::loopback_v4(agent_->port()), faults);
    std::unordered_map<std::int32_t, std::uint64_t> sends;  // request-id -> datagrams the engine sent
    proxy.on_request = [&](std::span<const std::byte> d) {
      ber::community_message m;
      if (!ber::decode_community_message({reinterpret_cast<const std::uint8_t*>(d.data()), d.size()}, m))
        ++sends[m.data.request_id];
    };
    run_result out;
    out.total = total;
    std::vector<int> calls(total, 0);
    std::size_t done = 0;
    {
      engine eng(loop, {.max_in_flight = window});
      command_generator gen(eng);
      const std::vector<std::vector<oid>> sets = {
          {sys_contact}, {sys_services}, {sys_services, sys_contact}, {missing, sys_contact}};
      for (std::size_t i = 0; i < total; ++i) {
        const auto& names = sets[i % sets.size()];
        auto h = gen.get({"public"}, udp_target{"127.0.0.1", proxy.port(), topt}, {}, names,
                         [&, i, names](std::error_code ec, response r) {
                           if (++calls[i] > 1) {
                             ++out.extra_calls;
                             return;
                           }
                           ++done;
                           if (ec == errc::timeout) {
                             ++out.timeouts;
                             return;
                           }
                           if (ec) {
                             ++out.other_errors;
                             return;
                           }
                           ++out.ok;
                           bool right = r.error_status == 0 && r.varbinds.size() == names.size();
                           for (std::size_t k = 0; right && k < names.size(); ++k) {
                             const varbind& vb = r.varbinds[k];
                             right = vb.name == names[k] &&
                                     (names[k] == sys_contact   ? vb.value == value::octet_string("snmpio-tests@example.org")
                                      : names[k] == sys_services ? vb.value == value::integer32(72)
                                                                 : vb.value.type() == value_type::no_such_object);
                           }
                           if (!right) ++out.wrong;
                         });
        EXPECT_TRUE(h) << h.error().message();
      }
      const auto budget = std::chrono::milliseconds(topt.timeout.count() * (topt.retries + 1)) *
                              static_cast<long>(total / window + 2) + 5s;
      EXPECT_TRUE(test::run_until(loop, [&] { return done == total; }, budget)) << done << " of " << total;
      // Late answers and duplicates still travelling through the proxy arrive now.
      EXPECT_TRUE(test::run_until(loop, [&] { return proxy.delayed() == 0; }, 5s));
      for (int i = 0; i < 5; ++i) loop.run_once(20ms);
      out.stats = eng.stats();
    }
    for (const auto& [id, n] : sends) out.most_sends_of_one_request = std::max(out.most_sends_of_one_request, n);
    return out;
  }

  static test::snmpd_fixture* agent_;
};

test::snmpd_fixture* EngineFaultProxyInterop::agent_ = nullptr;

// Triplicates and reordering, nothing lost, a timeout longer than any delay: every
// request succeeds once, with no retransmission; the extra copies are counted.
TEST_F(EngineFaultProxyInterop, DuplicatesAndReorderingWithoutLossAllSucceedOnce) {
  const auto r = run({.loss = 0.0, .duplicate = 0.5, .copies = 3, .max_delay = 150ms, .seed = 11}, 1500,
                     {.timeout = 2000ms, .retries = 0}, 200);
  EXPECT_EQ(r.extra_calls, 0u);
  EXPECT_EQ(r.ok, r.total);
  EXPECT_EQ(r.wrong, 0u);
  EXPECT_EQ(r.stats.retransmissions, 0u);
  EXPECT_EQ(r.stats.responses, r.total);
  EXPECT_GT(r.stats.unknown_request_id, 0u) << "the duplicated answers should have been seen and dropped";
  EXPECT_EQ(r.stats.in_flight, 0u);
}

// 30 % loss each way, triplicates, delays up to 300 ms (longer than some timeouts, so
// answers arrive late): exactly once, right varbinds, retries within bounds.
TEST_F(EngineFaultProxyInterop, LossDuplicatesDelaysCompleteEachRequestExactlyOnce) {
  const target_options topt{.timeout = 350ms, .retries = 3};
  const auto r = run({.loss = 0.3, .duplicate = 0.3, .copies = 3, .max_delay = 300ms, .seed = 2024}, 2000, topt, 400);
  EXPECT_EQ(r.extra_calls, 0u);
  EXPECT_EQ(r.ok + r.timeouts + r.other_errors, r.total);
  EXPECT_EQ(r.other_errors, 0u);
  EXPECT_EQ(r.wrong, 0u);
  EXPECT_GT(r.ok, r.total * 8 / 10);  // 1 - (1 - 0.49)^4 is about 93 %
  EXPECT_GT(r.stats.retransmissions, 0u);
  EXPECT_LE(r.stats.retransmissions, r.total * static_cast<std::size_t>(topt.retries));
  EXPECT_LE(r.most_sends_of_one_request, static_cast<std::uint64_t>(topt.retries + 1));
  EXPECT_EQ(r.stats.timeouts, r.timeouts);
  EXPECT_EQ(r.stats.responses, r.ok);
  EXPECT_EQ(r.stats.in_flight, 0u);
  EXPECT_EQ(r.stats.waiting, 0u);
}

// Heavy loss (50 %) with a small window: many timeouts, still exactly once.
TEST_F(EngineFaultProxyInterop, HalfLostStillCompletesEachRequestExactlyOnce) {
  const target_options topt{.timeout = 200ms, .retries = 2};
  const auto r = run({.loss = 0.5, .duplicate = 0.2, .copies = 3, .max_delay = 100ms, .seed = 7}, 1000, topt, 250);
  EXPECT_EQ(r.extra_calls, 0u);
  EXPECT_EQ(r.ok + r.timeouts, r.total);
  EXPECT_EQ(r.wrong, 0u);
  EXPECT_GT(r.timeouts, 0u);
  EXPECT_GT(r.ok, 0u);
  EXPECT_LE(r.most_sends_of_one_request, static_cast<std::uint64_t>(topt.retries + 1));
  EXPECT_EQ(r.stats.in_flight, 0u);
}

}  // namespace
