// The agent side over real sockets: answers leave from the address a request arrived
// on (testing.md C13, G8), v4 and v6 sockets at once, and a control request is still
// answered under a flood of valid, wrong-community and garbage datagrams (G4, B).
#include <snmpio/command_generator.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/udp.hpp>

#include "ber/message_codec.hpp"
#include "tests/support/echo_responder.hpp"

#include <gtest/gtest.h>

#include <chrono>

using namespace snmpio;
using namespace std::chrono_literals;

namespace {

void configure(engine& eng) {
  ASSERT_FALSE(eng.add_community({.community = "public", .security_name = "pub"}));
  eng.add_vacm_group(security_model::v2c, "pub", "g");
  ASSERT_FALSE(eng.add_vacm_view("all", oid{1}));
  eng.add_vacm_access({.group = "g", .read_view = "all"});
}

std::vector<std::uint8_t> v2c_get(const std::string& community, std::int32_t request_id) {
  ber::community_message m{snmp_version::v2c, community, {}};
  m.data.type = pdu_type::get_request;
  m.data.request_id = request_id;
  m.data.varbinds.push_back({oid{1, 3, 6, 1, 2, 1, 1, 3, 0}, value::null()});
  ber::writer w;
  EXPECT_FALSE(ber::encode_community_message(w, m));
  return {w.data().begin(), w.data().end()};
}

std::span<const std::byte> as_bytes(const std::vector<std::uint8_t>& v) {
  return {reinterpret_cast<const std::byte*>(v.data()), v.size()};
}

TEST(AgentLoopback, AnswersLeaveFromTheAddressTheRequestArrivedOn) {
  reactor loop;
  engine eng(loop);
  configure(eng);
  test::echo_responder echo(eng);
  ASSERT_FALSE(eng.listen(endpoint::any_v4(0)));
  ASSERT_FALSE(eng.listen(endpoint::any_v6(0)));
  const auto eps = eng.listening_endpoints();
  ASSERT_EQ(eps.size(), 2u);
  auto client4 = udp_socket::open(loop, endpoint::loopback_v4(0));
  auto client6 = udp_socket::open(loop, endpoint::loopback_v6(0));
  ASSERT_TRUE(client4 && client6);
  std::vector<endpoint> answered_from;
  auto record = [&](std::span<const std::byte> d, const endpoint& from, const endpoint&) {
    ber::community_message m;
    const std::span<const std::uint8_t> u(reinterpret_cast<const std::uint8_t*>(d.data()), d.size());
    if (!ber::decode_community_message(u, m) && m.data.type == pdu_type::response) answered_from.push_back(from);
    if (answered_from.size() == 3) loop.stop();
  };
  client4->on_receive(record);
  client6->on_receive(record);
  // 127.0.0.2 is another address of the loopback interface: a socket bound to
  // 0.0.0.0 must answer from it, not from 127.0.0.1.
  const endpoint to_a = endpoint::v4({127, 0, 0, 2}, eps[0].port());
  const endpoint to_b = endpoint::loopback_v4(eps[0].port());
  const endpoint to_c = endpoint::loopback_v6(eps[1].port());
  ASSERT_FALSE(client4->send(as_bytes(v2c_get("public", 1)), to_a));
  ASSERT_FALSE(client4->send(as_bytes(v2c_get("public", 2)), to_b));
  ASSERT_FALSE(client6->send(as_bytes(v2c_get("public", 3)), to_c));
  auto guard = loop.call_after(3s, [&] { loop.stop(); });
  loop.run();
  loop.cancel(guard);
  ASSERT_EQ(answered_from.size(), 3u);
  std::sort(answered_from.begin(), answered_from.end());
  std::vector<endpoint> expected{to_a, to_b, to_c};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(answered_from, expected);
}

TEST(AgentLoopback, AControlRequestIsAnsweredUnderAFlood) {
  reactor loop;
  engine eng(loop);
  configure(eng);
  test::echo_responder echo(eng);
  ASSERT_FALSE(eng.listen(endpoint::loopback_v4(0)));
  const endpoint agent = eng.listening_endpoints().at(0);
  auto flooder = udp_socket::open(loop, endpoint::loopback_v4(0), {.max_queued = 1 << 20});
  ASSERT_TRUE(flooder);
  std::size_t flood_answers = 0;
  flooder->on_receive([&](std::span<const std::byte>, const endpoint&, const endpoint&) { ++flood_answers; });
  const auto good = v2c_get("public", 10);
  const auto wrong = v2c_get("publiC", 11);
  const std::vector<std::uint8_t> garbage{0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01};
  constexpr int kFlood = 30000;
  int sent = 0;
  // The flood goes out in bursts from a timer, so the reactor keeps turning meanwhile.
  std::function<void()> burst = [&] {
    for (int i = 0; i < 500 && sent < kFlood; ++i, ++sent) {
      const auto& d = sent % 3 == 0 ? good : sent % 3 == 1 ? wrong : garbage;
      (void)flooder->send(as_bytes(d), agent);
    }
    if (sent < kFlood) loop.call_after(0ms, [&] { burst(); });
  };
  loop.call_after(0ms, [&] { burst(); });
  engine manager(loop);
  command_generator gen(manager);
  std::error_code control_ec = make_error_code(errc::timeout);
  std::chrono::steady_clock::duration control_time{};
  const auto start = std::chrono::steady_clock::now();
  loop.call_after(5ms, [&] {
    auto h = gen.get(community_data{"public"}, udp_target{"127.0.0.1", agent.port(), {.timeout = 200ms, .retries = 5}},
                     context_data{}, {oid{1, 3, 6, 1, 2, 1, 1, 5, 0}}, [&](std::error_code ec, response r) {
                       control_ec = ec;
                       control_time = std::chrono::steady_clock::now() - start;
                       EXPECT_EQ(r.varbinds.size(), 1u);
                     });
    ASSERT_TRUE(h);
  });
  auto guard = loop.call_after(10s, [&] { loop.stop(); });
  while (loop.has_work() && (sent < kFlood || control_time == std::chrono::steady_clock::duration{})) {
    loop.run_once(50ms);
    if (sent >= kFlood && control_time != std::chrono::steady_clock::duration{}) break;
  }
  // Drain what is still in flight.
  for (int i = 0; i < 20; ++i) loop.run_once(10ms);
  loop.cancel(guard);
  EXPECT_FALSE(control_ec) << control_ec.message();
  EXPECT_LT(control_time, 2s);
  const agent_stats s = eng.agent_statistics();
  EXPECT_GE(s.in_bad_community_names, 1u);
  EXPECT_GE(s.in_asn_parse_errs, 1u);
  EXPECT_GT(flood_answers, 0u);
  // Every datagram that arrived is counted once: answered, or dropped as what it was.
  EXPECT_EQ(s.in_pkts, s.in_requests + s.in_bad_community_names + s.in_asn_parse_errs);
  EXPECT_EQ(s.out_pkts, s.in_requests);
}

}  // namespace
