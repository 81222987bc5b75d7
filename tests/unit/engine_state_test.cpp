// load_engine_state(): engine ID and boots persisted, +1 per start, latched at 2^31-1
// (testing.md C12), a configured ID replacing the stored one, a damaged file an error.
#include <snmpio/engine.hpp>

#include <gtest/gtest.h>

#include "tests/support/temp_dir.hpp"

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace snmpio;
namespace fs = std::filesystem;

namespace {

class EngineState : public ::testing::Test {
 protected:
  EngineState() {
    dir_ = tmp_ / "state";  // made by load_engine_state() or write()
  }
  void write(const std::string& text) {
    fs::create_directories(dir_);
    std::ofstream(dir_ / "snmpio-engine.conf") << text;
  }
  snmpio::test::temp_dir tmp_{"state"};
  fs::path dir_;
};

TEST_F(EngineState, BootsStartAtOneAndGoUpByOnePerStartWithTheSameId) {
  auto a = load_engine_state(dir_.string());
  ASSERT_TRUE(a) << a.error().message();
  EXPECT_EQ(a->engine_boots, 1);
  EXPECT_EQ(a->engine_id.size(), 13u);
  EXPECT_EQ(static_cast<unsigned char>(a->engine_id[0]), 0x80);
  auto b = load_engine_state(dir_.string());
  ASSERT_TRUE(b);
  EXPECT_EQ(b->engine_boots, 2);
  EXPECT_EQ(b->engine_id, a->engine_id);
  auto c = load_engine_state(dir_.string(), a->engine_id);  // the same ID configured: kept
  ASSERT_TRUE(c);
  EXPECT_EQ(c->engine_boots, 3);
}

TEST_F(EngineState, AConfiguredIdReplacesTheStoredOneAndResetsBoots) {
  ASSERT_TRUE(load_engine_state(dir_.string()));
  ASSERT_TRUE(load_engine_state(dir_.string()));
  const std::string id("\x80\x00\x1f\x88\x04mine", 9);
  auto s = load_engine_state(dir_.string(), id);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->engine_id, id);
  EXPECT_EQ(s->engine_boots, 1);
  EXPECT_EQ(load_engine_state(dir_.string())->engine_boots, 2);
}

TEST_F(EngineState, BootsLatchAtTheMaximum) {
  write("engineID 800000000501020304\nengineBoots 2147483646\n");
  EXPECT_EQ(load_engine_state(dir_.string())->engine_boots, 2147483647);
  EXPECT_EQ(load_engine_state(dir_.string())->engine_boots, 2147483647);
}

TEST_F(EngineState, DamagedFilesAndBadArgumentsAreErrors) {
  for (const char* text : {"engineID zz\nengineBoots 1\n", "engineID 8000000005\nengineBoots -1\n",
                           "engineID 8000000005\nengineBoots 2147483648\n", "engineID 80\nengineBoots 1\n",
                           "engineBoots 1\n", "engineID 8000000005\nengineBoots 1x\n", "bogus line\n"}) {
    write(text);
    auto s = load_engine_state(dir_.string());
    EXPECT_FALSE(s) << text;
    if (!s) {
      EXPECT_EQ(s.error(), errc::invalid_argument) << text;
    }
  }
  EXPECT_FALSE(load_engine_state(""));
  EXPECT_FALSE(load_engine_state(dir_.string(), "abc"));  // shorter than 5 octets
  EXPECT_FALSE(load_engine_state("/proc/no-such-place/x"));
}

TEST_F(EngineState, TheEngineUsesWhatItIsGiven) {
  auto s = load_engine_state(dir_.string());
  ASSERT_TRUE(s);
  reactor loop;
  engine eng(loop, engine_options{.engine_id = s->engine_id, .engine_boots = s->engine_boots});
  EXPECT_EQ(eng.engine_id(), s->engine_id);
  EXPECT_EQ(eng.engine_boots(), 1);
  EXPECT_GE(eng.engine_time(), 0);
  engine other(loop);
  EXPECT_EQ(other.engine_id().size(), 13u);
  EXPECT_NE(other.engine_id(), eng.engine_id());
}

}  // namespace
