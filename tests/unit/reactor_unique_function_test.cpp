#include <snmpio/unique_function.hpp>

#include <gtest/gtest.h>

#include <array>
#include <memory>

using snmpio::unique_function;

TEST(ReactorUniqueFunction, HoldsMoveOnlyCallablesInlineAndOnHeap) {
  auto p = std::make_unique<int>(41);
  unique_function<int(int)> f = [p = std::move(p)](int x) { return *p + x; };
  EXPECT_TRUE(f);
  EXPECT_EQ(f(1), 42);
  unique_function<int(int)> g = std::move(f);
  EXPECT_FALSE(f);
  EXPECT_EQ(g(2), 43);

  std::array<char, 200> big{};
  big[199] = 7;
  unique_function<int()> h = [big] { return big[199]; };  // does not fit inline
  unique_function<int()> h2 = std::move(h);
  EXPECT_EQ(h2(), 7);
}

TEST(ReactorUniqueFunction, DestroysItsTargetExactlyOnce) {
  auto token = std::make_shared<int>(0);
  {
    unique_function<void()> a = [token] {};
    unique_function<void()> b;
    EXPECT_FALSE(b);
    b = std::move(a);
    EXPECT_EQ(token.use_count(), 2);
    b = nullptr;
    EXPECT_EQ(token.use_count(), 1);
    b = [token] {};
    unique_function<void()> c = [] {};
    c.swap(b);
    EXPECT_EQ(token.use_count(), 2);
  }
  EXPECT_EQ(token.use_count(), 1);
}

TEST(ReactorUniqueFunction, EmptyFunctionPointerStaysEmpty) {
  void (*fp)() = nullptr;
  unique_function<void()> f = fp;
  EXPECT_FALSE(f);
  EXPECT_TRUE(f == nullptr);
}
