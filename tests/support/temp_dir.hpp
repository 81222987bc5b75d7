// Test helper: a fresh, empty directory of the test's own, made by mkdtemp(3) under
// $TMPDIR (std::filesystem::temp_directory_path(): /tmp only when TMPDIR is unset) and
// removed with everything in it when the object goes. Tests never use a fixed path:
// nothing an earlier run left behind can help or hurt them, and two runs at once do not
// meet. (tests/scripts/no_fixed_tmp_paths_test.sh keeps it so.)
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace snmpio::test {

/// Makes a fresh directory $TMPDIR/snmpio-TAG-XXXXXX (mkdtemp) and returns its path; the
/// caller removes it (or holds a temp_dir, which does). `tag` says whose a left-over one is.
inline std::filesystem::path make_temp_dir(const std::string& tag) {
  std::error_code ec;
  const std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) throw std::runtime_error("make_temp_dir: no temporary directory: " + ec.message());
  const std::string tmpl = (base / ("snmpio-" + tag + "-XXXXXX")).string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) throw std::runtime_error("make_temp_dir: mkdtemp " + tmpl + " failed");
  return std::filesystem::path(buf.data());
}

class temp_dir {
 public:
  explicit temp_dir(const std::string& tag = "test") : path_(make_temp_dir(tag)) {}
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  std::string str() const { return path_.string(); }
  std::filesystem::path operator/(const std::filesystem::path& p) const { return path_ / p; }

 private:
  std::filesystem::path path_;
};

}  // namespace snmpio::test
