#include <snmpio/error.hpp>
#include <snmpio/result.hpp>
#include <snmpio/version.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>

using snmpio::errc;

TEST(Error, CategoryAndMessages) {
  std::error_code ec = errc::timeout;
  EXPECT_STREQ(ec.category().name(), "snmpio");
  EXPECT_EQ(ec, errc::timeout);
  EXPECT_NE(ec, errc::cancelled);
  std::set<std::string> messages;
  for (int e : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 100, 101, 200, 201, 202, 300, 301, 302,
                303, 304, 305, 306, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407}) {
    std::string m = std::error_code(e, snmpio::error_category()).message();
    EXPECT_EQ(m.find("unknown snmpio error"), std::string::npos) << e;
    messages.insert(m);
  }
  EXPECT_EQ(messages.size(), 35u) << "every error has its own message";
  EXPECT_NE(std::error_code(9999, snmpio::error_category()).message().find("9999"), std::string::npos);
}

TEST(Error, ParseErrorClass) {
  EXPECT_TRUE(snmpio::is_parse_error(errc::truncated));
  EXPECT_TRUE(snmpio::is_parse_error(errc::bad_msg_flags));
  EXPECT_FALSE(snmpio::is_parse_error(errc::unsupported_version));
  EXPECT_FALSE(snmpio::is_parse_error(errc::timeout));
  EXPECT_FALSE(snmpio::is_parse_error(std::error_code()));
  EXPECT_FALSE(snmpio::is_parse_error(std::make_error_code(std::errc::invalid_argument)));
}

TEST(Result, ValueAndError) {
  snmpio::result<int> good = 5;
  ASSERT_TRUE(good);
  EXPECT_EQ(*good, 5);
  EXPECT_EQ(good.value(), 5);
  EXPECT_FALSE(good.error());
  snmpio::result<int> bad = errc::bad_oid;
  EXPECT_FALSE(bad);
  EXPECT_EQ(bad.error(), errc::bad_oid);
  EXPECT_EQ(bad.value_or(7), 7);
  EXPECT_THROW((void)bad.value(), std::system_error);
  snmpio::result<std::string> moved{std::in_place, 3, 'x'};
  EXPECT_EQ(std::move(moved).value(), "xxx");
}

TEST(Version, LinkedLibraryMatchesHeader) {
  EXPECT_STREQ(snmpio::version(), SNMPIO_VERSION_STRING);
  EXPECT_EQ(snmpio::version_number(), unsigned(SNMPIO_VERSION_NUMBER));
}
