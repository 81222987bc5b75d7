// Replays every fuzz target over its checked-in corpus (tests/fuzz/corpus/<target>/),
// crash inputs included: the regression suite for everything a fuzzer ever found.
#include "tests/fuzz/fuzz_target.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace fs = std::filesystem;

namespace {

fs::path corpus_root() {
  if (const char* dir = std::getenv("SNMPIO_FUZZ_CORPUS")) return dir;
  return fs::path(__FILE__).parent_path() / "corpus";
}

class FuzzCorpusReplay : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzCorpusReplay, EveryInputPassesTheTarget) {
  const std::string name = GetParam();
  const auto fn = snmpio::fuzz::registry().at(name);
  const fs::path dir = corpus_root() / name;
  ASSERT_TRUE(fs::is_directory(dir)) << dir << " is missing: every target keeps a corpus";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 10u) << "corpus for " << name << " is too small to mean anything";
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::vector<char> raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // An exact-size heap copy, so a sanitizer sees any read past the end.
    std::vector<std::uint8_t> data(raw.begin(), raw.end());
    data.shrink_to_fit();
    try {
      fn(data.data(), data.size());
    } catch (const std::exception& e) {
      ADD_FAILURE() << f.filename() << ": " << e.what();
    }
  }
}

std::vector<std::string> target_names() {
  std::vector<std::string> names;
  for (const auto& [name, fn] : snmpio::fuzz::registry()) names.push_back(name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzCorpusReplay, ::testing::ValuesIn(target_names()),
                         [](const auto& param_info) { return param_info.param; });

TEST(FuzzTargets, AllExpectedTargetsAreRegistered) {
  for (const char* t : {"ber_decode", "message_v1v2c", "message_v3", "oid_text", "manager_receive", "usm_resign"})
    EXPECT_EQ(snmpio::fuzz::registry().count(t), 1u) << t;
}

}  // namespace
