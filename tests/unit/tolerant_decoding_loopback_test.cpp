// Liberal, and counting, in what is accepted (man 7 snmpio, WHAT SNMPIO ACCEPTS) on each
// path that receives: the manager (a response from a fake agent), the agent (a request
// sent as raw bytes) and the notification receiver (traps sent as raw bytes). Each
// datagram is delivered rather than dropped as a parse error, and each tolerated integer
// is counted.
#include <snmpio/snmpio.hpp>

#include "ber/message_codec.hpp"
#include "tests/support/echo_responder.hpp"
#include "tests/support/fake_agent.hpp"
#include "tests/support/hex.hpp"
#include "tests/support/sloppy_encoder.hpp"

#include <gtest/gtest.h>

#include <chrono>

using namespace snmpio;
using namespace std::chrono_literals;
using test::fake_agent;
using test::hex;
using test::run_until;

namespace {

const oid if_hc_in_octets{1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 6, 1};
const oid negative_int{1, 3, 6, 1, 4, 1, 99999, 1, 0};

// A Response to `req` written the way some agents write it: the request-id with a
// redundant leading octet, the Counter64 in 8 octets, the INTEGER -5 as FF FF FF FB.
std::vector<std::uint8_t> sloppy_response(const ber::community_message& req) {
  ber::writer w;
  const std::size_t list = w.mark();
  auto vb = [&](const oid& name, const char* tlv) {
    const std::size_t at = w.mark();
    w.put_raw(hex(tlv));
    EXPECT_FALSE(w.put_oid(name));
    w.wrap(ber::tag::sequence, at);
  };
  // Back to front: the last varbind first.
  vb(if_hc_in_octets, "46 08 00 00 00 00 00 00 00 05");
  vb(negative_int, "02 04 FF FF FF FB");
  w.wrap(ber::tag::sequence, list);
  w.put_raw(hex("02 01 00 02 01 00"));
  w.put_raw(test::padded_integer(req.data.request_id));
  w.wrap(static_cast<std::uint8_t>(pdu_type::response), 0);
  w.put_octets(ber::tag::octet_string, ber::as_bytes(req.community));
  w.put_integer(ber::tag::integer, static_cast<std::int32_t>(req.version));
  w.wrap(ber::tag::sequence, 0);
  return {w.data().begin(), w.data().end()};
}

TEST(TolerantDecodingLoopback, ManagerTakesEightOctetCounter64AndPaddedIntegersAndCountsThem) {
  reactor loop;
  fake_agent agent(loop);
  agent.set_policy([](fake_agent& self, ber::community_message& m, const endpoint& from) {
    self.send_raw(sloppy_response(m), from);
  });
  engine eng(loop);
  command_generator gen(eng);
  int calls = 0;
  std::error_code ec;
  response r;
  ASSERT_TRUE(gen.get({"public"}, udp_target{"127.0.0.1", agent.port(), {.timeout = 3000ms, .retries = 0}}, {},
                      {negative_int, if_hc_in_octets}, [&](std::error_code e, response resp) {
                        ++calls;
                        ec = e;
                        r = std::move(resp);
                      }));
  ASSERT_TRUE(run_until(loop, [&] { return calls > 0; }));
  ASSERT_FALSE(ec) << ec.message();  // delivered, not a timeout
  ASSERT_EQ(r.varbinds.size(), 2u);
  EXPECT_EQ(r.varbinds[0], (varbind{negative_int, value::integer32(-5)}));
  EXPECT_EQ(r.varbinds[1], (varbind{if_hc_in_octets, value::counter64(5)}));
  const engine_stats s = eng.stats();
  EXPECT_EQ(s.responses, 1u);
  EXPECT_EQ(s.parse_errors, 0u);
  EXPECT_EQ(s.timeouts, 0u);
  EXPECT_EQ(s.non_minimal_integers, 3u);  // request-id, INTEGER, Counter64
  EXPECT_EQ(s.unsigned_top_bit, 0u);
  // The request itself went out minimal.
  EXPECT_EQ(agent.requests(), 1u);
}

void configure(engine& eng) {
  ASSERT_FALSE(eng.add_community({.community = "public", .security_name = "pub"}));
  eng.add_vacm_group(security_model::v2c, "pub", "g");
  ASSERT_FALSE(eng.add_vacm_view("all", oid{1}));
  eng.add_vacm_access({.group = "g", .read_view = "all"});
}

// Sends `datagram` to `port` on 127.0.0.1 from a fresh socket on `loop` and runs the
// loop until an answer comes back (or 3 s pass).
std::optional<ber::community_message> ask(reactor& loop, std::uint16_t port, const std::vector<std::uint8_t>& datagram) {
  auto client = udp_socket::open(loop, endpoint::loopback_v4(0));
  EXPECT_TRUE(client);
  if (!client) return std::nullopt;
  std::optional<ber::community_message> got;
  client->on_receive([&](std::span<const std::byte> d, const endpoint&, const endpoint&) {
    ber::community_message m;
    const std::span<const std::uint8_t> u(reinterpret_cast<const std::uint8_t*>(d.data()), d.size());
    if (!ber::decode_community_message(u, m)) got = std::move(m);
  });
  EXPECT_FALSE(client->send(std::as_bytes(std::span(datagram)), endpoint::loopback_v4(port)));
  run_until(loop, [&] { return got.has_value(); }, 3000ms);
  return got;
}

TEST(TolerantDecodingLoopback, AgentAnswersAGosnmpRequestIdAndCountsIt) {
  reactor loop;
  engine eng(loop);
  configure(eng);
  test::echo_responder echo(eng);
  ASSERT_FALSE(eng.listen(endpoint::loopback_v4(0)));
  const std::uint16_t port = eng.listening_endpoints().at(0).port();
  // GetRequest sysDescr.0, request-id 0x00123456 in 4 octets as gosnmp writes it.
  const auto get = hex(
      "30 29 02 01 01 04 06 70 75 62 6C 69 63 A0 1C 02 04 00 12 34 56 02 01 00 02 01 00 30 0E 30 0C 06 "
      "08 2B 06 01 02 01 01 01 00 05 00");
  auto answer = ask(loop, port, get);
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->data.type, pdu_type::response);
  EXPECT_EQ(answer->data.request_id, 0x123456);
  ASSERT_EQ(answer->data.varbinds.size(), 1u);
  EXPECT_EQ(answer->data.varbinds[0].name, oid({1, 3, 6, 1, 2, 1, 1, 1, 0}));
  const agent_stats s = eng.agent_statistics();
  EXPECT_EQ(s.in_asn_parse_errs, 0u);
  EXPECT_EQ(s.in_non_minimal_integers, 1u);
  EXPECT_EQ(s.in_unsigned_top_bit, 0u);
  // A request-id that does not reduce into Integer32 is still a parse error, not answered.
  const auto bad = hex(
      "30 2B 02 01 01 04 06 70 75 62 6C 69 63 A0 1E 02 06 00 00 80 00 00 00 02 01 00 02 01 00 30 0E 30 0C "
      "06 08 2B 06 01 02 01 01 01 00 05 00");
  EXPECT_FALSE(ask(loop, port, bad).has_value());
  EXPECT_EQ(eng.agent_statistics().in_asn_parse_errs, 1u);
  EXPECT_EQ(eng.agent_statistics().in_non_minimal_integers, 1u);
}

TEST(TolerantDecodingLoopback, ReceiverTakesTrapsWithPaddedIntegersAndCountsThem) {
  reactor loop;
  engine eng(loop);
  notification_receiver receiver(eng);
  ASSERT_FALSE(eng.listen(endpoint::loopback_v4(0)));
  ASSERT_FALSE(eng.add_community({.community = "public", .security_name = "comm"}));
  // Authorization: the community may notify about everything.
  ASSERT_FALSE(eng.add_vacm_view("all", oid("1")));
  for (auto m : {security_model::v1, security_model::v2c}) eng.add_vacm_group(m, "comm", "g");
  eng.add_vacm_access({.group = "g", .notify_view = "all"});
  std::vector<received_notification> got;
  ASSERT_FALSE(receiver.on_notification([&](const received_notification& n) { got.push_back(n); }));
  const std::uint16_t port = eng.listening_endpoints().at(0).port();
  auto sender = udp_socket::open(loop, endpoint::loopback_v4(0));
  ASSERT_TRUE(sender);

  // SNMPv2-Trap: request-id 00 00 00 2A, sysUpTime.0 = TimeTicks 43 04 00 00 30 39,
  // snmpTrapOID.0 = 1.3.6.1.4.1.8072.2.3, then a Counter64 in 8 octets.
  const auto v2 = hex(
      "30 5C 02 01 01 04 06 70 75 62 6C 69 63 A7 4F 02 04 00 00 00 2A 02 01 00 02 01 00 30 41 "
      "30 10 06 08 2B 06 01 02 01 01 03 00 43 04 00 00 30 39 "
      "30 17 06 0A 2B 06 01 06 03 01 01 04 01 00 06 09 2B 06 01 04 01 BF 08 02 03 "
      "30 14 06 08 2B 06 01 04 01 01 01 00 46 08 00 00 00 00 00 00 00 05");
  // SNMPv1 Trap (Net-SNMP's own, tests/unit/message_codec_test.cpp) with generic-trap
  // 02 02 00 06 and time-stamp 43 04 00 00 30 39.
  const auto v1 = hex(
      "30 3A 02 01 00 04 06 70 75 62 6C 69 63 A4 2D 06 07 2B 06 01 04 01 BF 08 40 04 0A 01 02 03 02 02 "
      "00 06 02 01 11 43 04 00 00 30 39 30 0F 30 0D 06 08 2B 06 01 02 01 01 05 00 04 01 78");
  ASSERT_FALSE(sender->send(std::as_bytes(std::span(v2)), endpoint::loopback_v4(port)));
  ASSERT_TRUE(run_until(loop, [&] { return got.size() == 1; }, 3000ms));
  ASSERT_FALSE(sender->send(std::as_bytes(std::span(v1)), endpoint::loopback_v4(port)));
  ASSERT_TRUE(run_until(loop, [&] { return got.size() == 2; }, 3000ms));

  EXPECT_EQ(got[0].type, pdu_type::trap_v2);
  EXPECT_EQ(got[0].original.request_id, 42);
  ASSERT_EQ(got[0].original.varbinds.size(), 3u);
  EXPECT_EQ(got[0].original.varbinds[0].value, value::time_ticks(12345));
  EXPECT_EQ(got[0].original.varbinds[2].value, value::counter64(5));
  EXPECT_EQ(got[1].type, pdu_type::trap_v1);
  EXPECT_EQ(got[1].original.generic_trap, 6);
  EXPECT_EQ(got[1].original.time_stamp, 12345u);
  const agent_stats s = eng.agent_statistics();
  EXPECT_EQ(s.in_asn_parse_errs, 0u);
  EXPECT_EQ(s.in_notifications, 2u);
  EXPECT_EQ(s.in_non_minimal_integers, 5u);  // v2: request-id, TimeTicks, Counter64; v1: generic, time-stamp
}

}  // namespace
