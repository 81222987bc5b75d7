#include <snmpio/oid.hpp>

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <stdexcept>
#include <unordered_set>
#include <vector>

using snmpio::errc;
using snmpio::oid;

TEST(Oid, ParsesWithAndWithoutLeadingDot) {
  auto a = oid::parse("1.3.6.1.2.1.1.1.0");
  auto b = oid::parse(".1.3.6.1.2.1.1.1.0");
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(a->size(), 9u);
  EXPECT_EQ((*a)[0], 1u);
  EXPECT_EQ(a->back(), 0u);
  EXPECT_EQ(a->to_string(), "1.3.6.1.2.1.1.1.0");
}

TEST(Oid, ParseRejectsMalformedText) {
  for (const char* bad : {"", ".", "..", "1..3", "1.3.", "a.b", "1.3.x", " 1.3", "1.3 ", "-1.3",
                          "1,3", "1.3.4294967296", "1.3.99999999999999999999"}) {
    auto r = oid::parse(bad);
    EXPECT_FALSE(r) << '"' << bad << '"';
    EXPECT_EQ(r.error(), errc::bad_oid) << '"' << bad << '"';
  }
}

TEST(Oid, SubidentifierLimits) {
  auto r = oid::parse("1.3.4294967295");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->back(), 4294967295u);
  EXPECT_EQ(r->to_string(), "1.3.4294967295");
}

TEST(Oid, AtMost128Subidentifiers) {
  std::string text = "1";
  for (int i = 1; i < 128; ++i) text += ".3";
  auto ok = oid::parse(text);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->size(), 128u);
  EXPECT_FALSE(oid::parse(text + ".3"));
  oid o = *ok;
  EXPECT_THROW(o.push_back(1), std::length_error);
  EXPECT_EQ(o.size(), 128u);
  std::vector<std::uint32_t> many(129, 1);
  EXPECT_THROW(oid{std::span<const std::uint32_t>(many)}, std::length_error);
}

TEST(Oid, StringConstructorThrowsOnBadText) {
  EXPECT_NO_THROW(oid("1.3.6"));
  EXPECT_THROW(oid("1..3"), std::system_error);
}

TEST(Oid, OrdersLexicographically) {
  EXPECT_LT(oid({1, 3}), oid({1, 3, 0}));
  EXPECT_LT(oid({1, 3, 6}), oid({1, 4}));
  EXPECT_LT(oid({1, 3, 6, 1, 2}), oid({1, 3, 6, 1, 10}));
  EXPECT_GT(oid({2}), oid({1, 4294967295u}));
  EXPECT_EQ(oid({1, 3, 6}) <=> oid({1, 3, 6}), std::strong_ordering::equal);
  EXPECT_LT(oid(), oid({0}));
}

TEST(Oid, PrefixTests) {
  oid system{1, 3, 6, 1, 2, 1, 1};
  EXPECT_TRUE(oid({1, 3, 6, 1, 2, 1, 1, 1, 0}).starts_with(system));
  EXPECT_TRUE(system.starts_with(system));
  EXPECT_FALSE(oid({1, 3, 6, 1, 2, 1, 2}).starts_with(system));
  EXPECT_FALSE(oid({1, 3, 6}).starts_with(system));
  EXPECT_TRUE(system.starts_with(oid()));
}

TEST(Oid, GrowsPastInlineCapacityAndCopiesAndMoves) {
  oid a;
  for (std::uint32_t i = 0; i < 40; ++i) a.push_back(i * 1000);
  oid b = a;
  EXPECT_EQ(a, b);
  oid c = std::move(b);
  EXPECT_EQ(a, c);
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  oid small{1, 3};
  small = c;  // inline <- heap
  EXPECT_EQ(small, a);
  c = oid{1, 2, 3};  // heap <- inline (move)
  EXPECT_EQ(c, oid({1, 2, 3}));
  c.truncate(2);
  EXPECT_EQ(c, oid({1, 2}));
  c += oid{7, 8};
  EXPECT_EQ(c.to_string(), "1.2.7.8");
  c.pop_back();
  EXPECT_EQ(c.to_string(), "1.2.7");
}

TEST(Oid, RandomOrderAgreesWithVectorOrder) {
  std::mt19937 rng(42);
  std::vector<std::vector<std::uint32_t>> raw;
  for (int i = 0; i < 2000; ++i) {
    std::vector<std::uint32_t> v(1 + rng() % 20);
    for (auto& x : v) x = rng() % 4;  // small alphabet: many shared prefixes
    raw.push_back(v);
  }
  for (std::size_t i = 0; i + 1 < raw.size(); ++i) {
    oid a{std::span<const std::uint32_t>(raw[i])}, b{std::span<const std::uint32_t>(raw[i + 1])};
    EXPECT_EQ(a < b, raw[i] < raw[i + 1]);
    EXPECT_EQ(a == b, raw[i] == raw[i + 1]);
    auto back = oid::parse(a.to_string());
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, a);
  }
}

TEST(Oid, HashesDistinguishNeighbours) {
  std::unordered_set<oid> set;
  for (std::uint32_t i = 0; i < 1000; ++i) set.insert(oid({1, 3, 6, 1, 2, 1, 2, 2, 1, 2, i}));
  EXPECT_EQ(set.size(), 1000u);
  EXPECT_TRUE(set.count(oid({1, 3, 6, 1, 2, 1, 2, 2, 1, 2, 999})));
}
