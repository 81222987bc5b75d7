// The co_await forms of command_generator against an in-process agent, in every call
// shape the documentation promises. tests/scripts/coroutine_compilers_test.sh runs the
// same program built by g++ and clang++, with and without AddressSanitizer.
#include "tests/support/coroutine_shapes.hpp"

#include <gtest/gtest.h>

namespace snmpio {
namespace {

TEST(CoroutineLoopback, EveryDocumentedCallShapeCompletesWithTheAgentsAnswer) {
  test::coroutine_shapes_result out;
  ASSERT_TRUE(test::run_coroutine_shapes(out));
  ASSERT_TRUE(out.done) << "the coroutine did not finish";
  const std::vector<std::string> expected{
      "temporaries: status 0 | .1.3.6.1.2.1.1.5.0 = \"\"",
      "issue form: status 0 | .1.3.6.1.2.1.1.5.0 = \"\"",
      "braced: status 0 | .1.3.6.1.2.1.1.5.0 = \"\"",
      "lvalues: status 0 | .1.3.6.1.2.1.1.5.0 = \"\"",
      "getnext loop: 7 steps, walk: 7 rows",  // the system group without sysORTable
      "bulk: 3 varbinds",
      "set: status 0 | .1.3.6.1.2.1.1.5.0 = STRING: \"renamed\"",
      "v3 get: status 0 | .1.3.6.1.2.1.1.5.0 = STRING: \"renamed\"",
      "v3 get_next: status 0 | .1.3.6.1.2.1.1.4.0 = \"\"",
      "v3 get_bulk: 2 varbinds",
      "v3 set: status 0 | .1.3.6.1.2.1.1.5.0 = STRING: \"v3-renamed\"",
      "v3 walk: 7 rows",
  };

  EXPECT_EQ(out.log, expected);
}

TEST(CoroutineLoopback, AnAwaitableThatCannotStartResumesAtOnceWithTheError) {
  reactor loop;
  engine eng(loop);
  command_generator gen(eng);
  completion got{};
  bool done = false;
  [](command_generator& g, completion& c, bool& d) -> detached_task {
    // GETBULK does not exist in SNMPv1: the request fails to start.
    c = co_await g.async_get_bulk(community_data{"public", snmp_version::v1}, udp_target{"127.0.0.1", 9}, {}, 0,
                                  5, std::vector<oid>(1, oid("1.3.6.1.2.1.1")));
    d = true;
  }(gen, got, done);
  EXPECT_TRUE(done) << "a request that cannot start continues the coroutine at once";
  EXPECT_EQ(got.ec, make_error_code(errc::invalid_argument));
}

}  // namespace
}  // namespace snmpio
