// load_engine_state(): the engine ID and snmpEngineBoots kept across restarts
// (RFC 3414 §2.2: boots goes up by one on every start and latches at 2^31-1).
#include <snmpio/engine.hpp>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <sys/stat.h>

namespace snmpio {
namespace {

std::string to_hex(std::string_view s) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

bool from_hex(std::string_view h, std::string& out) {
  if (h.size() % 2) return false;
  out.clear();
  for (std::size_t i = 0; i < h.size(); i += 2) {
    int v = 0;
    for (int k = 0; k < 2; ++k) {
      const char c = h[i + k];
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + d;
    }
    out += static_cast<char>(v);
  }
  return true;
}

}  // namespace

result<engine_state> load_engine_state(const std::string& directory, std::string_view configured_engine_id) {
  if (directory.empty()) return make_error_code(errc::invalid_argument);
  if (!configured_engine_id.empty() && (configured_engine_id.size() < 5 || configured_engine_id.size() > 32))
    return make_error_code(errc::invalid_argument);
  ::mkdir(directory.c_str(), 0700);  // may exist already; the open below reports real failures
  const std::string path = directory + "/snmpio-engine.conf";
  engine_state st;
  bool have = false;
  {
    std::ifstream in(path);
    if (in) {
      // A file that is there but says something else is an error, never silently
      // replaced: a new engine ID would invalidate every key localized to the old one.
      std::string line;
      std::string id;
      long long boots = -1;
      while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream ls(line);
        std::string key, val, extra;
        ls >> key >> val >> extra;
        if (!extra.empty()) return make_error_code(errc::invalid_argument);
        if (key == "engineID") {
          if (!from_hex(val, id)) return make_error_code(errc::invalid_argument);
        } else if (key == "engineBoots") {
          char* end = nullptr;
          boots = std::strtoll(val.c_str(), &end, 10);
          if (val.empty() || *end) return make_error_code(errc::invalid_argument);
        } else {
          return make_error_code(errc::invalid_argument);
        }
      }
      if (id.size() < 5 || id.size() > 32 || boots < 0 || boots > std::numeric_limits<std::int32_t>::max())
        return make_error_code(errc::invalid_argument);
      st.engine_id = id;
      st.engine_boots = static_cast<std::int32_t>(boots);
      have = true;
    }
  }
  if (!have || (!configured_engine_id.empty() && configured_engine_id != st.engine_id)) {
    st.engine_id = configured_engine_id.empty() ? make_engine_id() : std::string(configured_engine_id);
    st.engine_boots = 1;
  } else if (st.engine_boots < std::numeric_limits<std::int32_t>::max()) {
    ++st.engine_boots;  // latches at 2^31-1 (RFC 3414 §2.2.2)
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# snmpio engine state: rewritten at every start\n"
        << "engineID " << to_hex(st.engine_id) << "\n"
        << "engineBoots " << st.engine_boots << "\n";
    out.flush();
    if (!out) return std::error_code(errno ? errno : EIO, std::system_category());
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return std::error_code(errno, std::system_category());
  return st;
}

}  // namespace snmpio
