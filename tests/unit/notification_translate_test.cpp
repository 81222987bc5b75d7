// RFC 3584 §3 translation between SNMPv1 Trap-PDUs and SNMPv2 notifications, and the
// odd Trap-PDUs of testing.md B10.
#include <snmpio/notification_originator.hpp>

#include <snmpio/error.hpp>

#include <gtest/gtest.h>

#include <climits>

namespace snmpio {
namespace {

namespace no = notification_oids;

pdu v1_trap(oid enterprise, std::int32_t generic, std::int32_t specific) {
  pdu p;
  p.type = pdu_type::trap_v1;
  p.enterprise = std::move(enterprise);
  p.agent_address = {192, 0, 2, 7};
  p.generic_trap = generic;
  p.specific_trap = specific;
  p.time_stamp = 4242;
  p.varbinds.push_back({oid("1.3.6.1.2.1.2.2.1.1.3"), value::integer32(3)});
  return p;
}

TEST(NotificationTranslate, GenericTrapsBecomeSnmpTrapsNPlusOne) {
  for (int g = 0; g <= 5; ++g) {
    auto v = translate_v1_to_v2(v1_trap(oid("1.3.6.1.4.1.8072"), g, 0), "public");
    ASSERT_TRUE(v) << g;
    ASSERT_EQ(v->size(), 6u);
    EXPECT_EQ((*v)[0].name, no::sys_up_time());
    EXPECT_EQ((*v)[0].value, value::time_ticks(4242));
    EXPECT_EQ((*v)[1].name, no::snmp_trap_oid());
    oid expected = no::snmp_traps();
    expected.push_back(static_cast<std::uint32_t>(g + 1));
    EXPECT_EQ((*v)[1].value, value::object_identifier(expected));
    EXPECT_EQ((*v)[2].name, oid("1.3.6.1.2.1.2.2.1.1.3"));
    EXPECT_EQ((*v)[3].name, oid("1.3.6.1.6.3.18.1.3.0"));
    EXPECT_EQ((*v)[3].value, value::ip_address({192, 0, 2, 7}));
    EXPECT_EQ((*v)[4].name, oid("1.3.6.1.6.3.18.1.4.0"));
    EXPECT_EQ((*v)[4].value, value::octet_string("public"));
    EXPECT_EQ((*v)[5].name, oid("1.3.6.1.6.3.1.1.4.3.0"));
    EXPECT_EQ((*v)[5].value, value::object_identifier(oid("1.3.6.1.4.1.8072")));
  }
}

TEST(NotificationTranslate, EnterpriseSpecificIsEnterpriseZeroSpecific) {
  auto v = translate_v1_to_v2(v1_trap(oid("1.3.6.1.4.1.8072.2.3"), 6, 17));
  ASSERT_TRUE(v);
  EXPECT_EQ((*v)[1].value, value::object_identifier(oid("1.3.6.1.4.1.8072.2.3.0.17")));
  // No community given: no snmpTrapCommunity.0.
  ASSERT_EQ(v->size(), 5u);
  EXPECT_EQ((*v)[4].name, no::snmp_trap_enterprise());
}

TEST(NotificationTranslate, OddTrapPdusConvertedOrRejected) {
  // Generic 7+ and negative: rejected.
  for (int g : {7, 8, 100, -1, INT_MIN, INT_MAX})
    EXPECT_EQ(translate_v1_to_v2(v1_trap(oid("1.3.6.1.4.1.1"), g, 0)).error(), errc::invalid_argument) << g;
  // Specific INT32_MIN / INT32_MAX: the arc keeps the 32 bits.
  auto lo = translate_v1_to_v2(v1_trap(oid("1.3.6.1.4.1.1"), 6, INT_MIN));
  ASSERT_TRUE(lo);
  EXPECT_EQ((*lo)[1].value.as_oid().back(), 0x80000000u);
  auto hi = translate_v1_to_v2(v1_trap(oid("1.3.6.1.4.1.1"), 6, INT_MAX));
  ASSERT_TRUE(hi);
  EXPECT_EQ((*hi)[1].value.as_oid().back(), 0x7FFFFFFFu);
  // Enterprise of 0 arcs: nothing to put .0.specific under.
  EXPECT_EQ(translate_v1_to_v2(v1_trap(oid(), 6, 1)).error(), errc::invalid_argument);
  // ... but a generic trap does not need it.
  EXPECT_TRUE(translate_v1_to_v2(v1_trap(oid(), 0, 0)));
  // 1, 127 and 128 arcs.
  std::vector<std::uint32_t> arcs(128, 1);
  EXPECT_TRUE(translate_v1_to_v2(v1_trap(oid(std::span(arcs.data(), 1)), 6, 1)));
  EXPECT_TRUE(translate_v1_to_v2(v1_trap(oid(std::span(arcs.data(), 126)), 6, 1)));
  EXPECT_EQ(translate_v1_to_v2(v1_trap(oid(std::span(arcs.data(), 127)), 6, 1)).error(), errc::invalid_argument);
  EXPECT_EQ(translate_v1_to_v2(v1_trap(oid(std::span(arcs.data(), 128)), 6, 1)).error(), errc::invalid_argument);
  auto generic128 = translate_v1_to_v2(v1_trap(oid(std::span(arcs.data(), 128)), 3, 0));
  ASSERT_TRUE(generic128);
  EXPECT_EQ(generic128->back().value.as_oid().size(), 128u);
}

std::vector<varbind> v2(oid trap, std::vector<varbind> rest = {}) {
  std::vector<varbind> vbs{{no::sys_up_time(), value::time_ticks(99)}, {no::snmp_trap_oid(), value::object_identifier(trap)}};
  vbs.insert(vbs.end(), rest.begin(), rest.end());
  return vbs;
}

TEST(NotificationTranslate, V2ToV1Generic) {
  auto p = translate_v2_to_v1(v2(oid("1.3.6.1.6.3.1.1.5.3"), {{oid("1.3.6.1.2.1.2.2.1.1.2"), value::integer32(2)}}));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->type, pdu_type::trap_v1);
  EXPECT_EQ(p->generic_trap, 2);
  EXPECT_EQ(p->specific_trap, 0);
  EXPECT_EQ(p->enterprise, no::snmp_traps());
  EXPECT_EQ(p->time_stamp, 99u);
  ASSERT_EQ(p->varbinds.size(), 1u);
  // With snmpTrapEnterprise.0 and snmpTrapAddress.0.
  auto q = translate_v2_to_v1(v2(oid("1.3.6.1.6.3.1.1.5.1"),
                                 {{no::snmp_trap_address(), value::ip_address({10, 1, 2, 3})},
                                  {no::snmp_trap_enterprise(), value::object_identifier(oid("1.3.6.1.4.1.99"))}}));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->enterprise, oid("1.3.6.1.4.1.99"));
  EXPECT_EQ(q->agent_address, (std::array<std::uint8_t, 4>{10, 1, 2, 3}));
}

TEST(NotificationTranslate, V2ToV1SpecificDropsCounter64) {
  auto p = translate_v2_to_v1(v2(oid("1.3.6.1.4.1.8072.2.3.0.1"), {{oid("1.3.6.1.4.1.1.1"), value::counter64(5)},
                                                                  {oid("1.3.6.1.4.1.1.2"), value::counter32(5)}}));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->generic_trap, 6);
  EXPECT_EQ(p->specific_trap, 1);
  EXPECT_EQ(p->enterprise, oid("1.3.6.1.4.1.8072.2.3"));
  ASSERT_EQ(p->varbinds.size(), 1u);
  EXPECT_EQ(p->varbinds[0].value, value::counter32(5));
  // Without the .0: the enterprise is the OID minus its last arc.
  auto q = translate_v2_to_v1(v2(oid("1.3.6.1.4.1.8072.9.7")));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->enterprise, oid("1.3.6.1.4.1.8072.9"));
  EXPECT_EQ(q->specific_trap, 7);
}

TEST(NotificationTranslate, RoundTrip) {
  pdu t = v1_trap(oid("1.3.6.1.4.1.8072.2.3"), 6, 17);
  auto v = translate_v1_to_v2(t, "c");
  ASSERT_TRUE(v);
  auto back = translate_v2_to_v1(*v);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->enterprise, t.enterprise);
  EXPECT_EQ(back->generic_trap, 6);
  EXPECT_EQ(back->specific_trap, 17);
  EXPECT_EQ(back->agent_address, t.agent_address);
  EXPECT_EQ(back->time_stamp, t.time_stamp);
}

TEST(NotificationTranslate, V2ToV1RejectsMissingHeader) {
  EXPECT_EQ(translate_v2_to_v1({}).error(), errc::invalid_argument);
  auto swapped = v2(oid("1.3.6.1.6.3.1.1.5.1"));
  std::swap(swapped[0], swapped[1]);
  EXPECT_EQ(translate_v2_to_v1(swapped).error(), errc::invalid_argument);
  EXPECT_EQ(translate_v2_to_v1(v2(oid("1.3"))).error(), errc::invalid_argument);
}

}  // namespace
}  // namespace snmpio
