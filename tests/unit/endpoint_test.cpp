#include <snmpio/endpoint.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <unordered_set>

using snmpio::endpoint;
using snmpio::errc;

TEST(Endpoint, ParsesIPv4WithAndWithoutPort) {
  auto e = endpoint::parse("192.0.2.7:1161");
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->is_v4());
  EXPECT_EQ(e->port(), 1161);
  EXPECT_EQ(e->to_string(), "192.0.2.7:1161");
  EXPECT_EQ(e->address_bytes().size(), 4u);
  EXPECT_EQ(e->address_bytes()[3], 7);
  auto d = endpoint::parse("10.1.2.3", 161);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->port(), 161);
  EXPECT_EQ(d->to_netsnmp_string(), "udp:10.1.2.3:161");
}

TEST(Endpoint, ParsesIPv6Forms) {
  auto a = endpoint::parse("[::1]:161");
  ASSERT_TRUE(a);
  EXPECT_EQ(*a, endpoint::loopback_v6(161));
  EXPECT_EQ(a->to_string(), "[::1]:161");
  EXPECT_EQ(a->to_netsnmp_string(), "udp6:[::1]:161");
  auto bare = endpoint::parse("2001:db8::5", 162);
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->to_string(), "[2001:db8::5]:162");
  auto brackets_no_port = endpoint::parse("[2001:db8::5]", 99);
  ASSERT_TRUE(brackets_no_port);
  EXPECT_EQ(brackets_no_port->port(), 99);
  auto scoped = endpoint::parse("[fe80::1%7]:161");
  ASSERT_TRUE(scoped);
  EXPECT_EQ(scoped->scope_id(), 7u);
  EXPECT_EQ(scoped->to_string(), "[fe80::1%7]:161");
  auto lo = endpoint::parse("[fe80::1%lo]:161");
  ASSERT_TRUE(lo) << "interface names are accepted as scope";
  EXPECT_NE(lo->scope_id(), 0u);
}

TEST(Endpoint, NetSnmpPrefixes) {
  EXPECT_EQ(*endpoint::parse("udp:127.0.0.1:161"), endpoint::loopback_v4(161));
  EXPECT_EQ(*endpoint::parse("UDP:127.0.0.1:161"), endpoint::loopback_v4(161));
  EXPECT_EQ(*endpoint::parse("udp6:[::1]:161"), endpoint::loopback_v6(161));
  EXPECT_EQ(*endpoint::parse("udpv6:[::1]:161"), endpoint::loopback_v6(161));
  EXPECT_EQ(*endpoint::parse("udpipv6:[::1]:161"), endpoint::loopback_v6(161));
  EXPECT_EQ(*endpoint::parse("udp6:::1", 161), endpoint::loopback_v6(161));
  EXPECT_EQ(endpoint::parse("udp:[::1]:161").error(), errc::invalid_argument);
  EXPECT_EQ(endpoint::parse("udp6:127.0.0.1:161").error(), errc::invalid_argument);
}

TEST(Endpoint, RejectsMalformedAndNames) {
  for (const char* bad : {"", ":", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4:", "1.2.3.4:65536",
                          "1.2.3.4:-1", "1.2.3.4:16a", "localhost", "localhost:161", "[::1",
                          "[::1]161", "[::1]:", "[1.2.3.4]:161", "::g", "[fe80::1%]:1",
                          "[fe80::1%no-such-if0]:1", "tcp:1.2.3.4:161", " 1.2.3.4"}) {
    EXPECT_EQ(endpoint::parse(bad).error(), errc::invalid_argument) << '"' << bad << '"';
  }
}

TEST(Endpoint, ComparesHashesAndPrints) {
  endpoint a = endpoint::loopback_v4(161), b = endpoint::loopback_v4(162);
  endpoint c = endpoint::loopback_v6(161);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c) << "IPv4 sorts before IPv6";
  EXPECT_NE(a, a.with_port(1));
  std::unordered_set<endpoint> set{a, b, c, a};
  EXPECT_EQ(set.size(), 3u);
  EXPECT_EQ(std::hash<endpoint>{}(a), std::hash<endpoint>{}(endpoint::loopback_v4(161)));
  std::ostringstream os;
  os << c;
  EXPECT_EQ(os.str(), "[::1]:161");
  EXPECT_EQ(endpoint{}.to_string(), "");
  EXPECT_TRUE(endpoint{}.empty());
  EXPECT_TRUE(endpoint::any_v6().is_unspecified());
  EXPECT_TRUE(endpoint::any_v4(5).is_unspecified());
  EXPECT_FALSE(a.is_unspecified());
}

TEST(Endpoint, V4MappedRoundTrip) {
  endpoint v4 = *endpoint::parse("192.0.2.1:161");
  endpoint mapped = v4.v4_mapped();
  EXPECT_TRUE(mapped.is_v6());
  EXPECT_TRUE(mapped.is_v4_mapped());
  EXPECT_EQ(mapped.to_string(), "[::ffff:192.0.2.1]:161");
  EXPECT_EQ(mapped.unmapped(), v4);
  EXPECT_EQ(endpoint::loopback_v6().unmapped(), endpoint::loopback_v6());
  EXPECT_TRUE(endpoint::loopback_v4().v4_mapped().is_loopback());
}
