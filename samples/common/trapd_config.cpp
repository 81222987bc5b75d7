#include "samples/common/trapd_config.hpp"

#include "samples/common/hex_input.hpp"

#include <fstream>
#include <sstream>
#include <utility>

namespace snmpio::samples {
namespace {

std::vector<std::string> words_of(std::string_view line) {
  // Whitespace-separated; a word may be quoted with double quotes.
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    std::string w;
    if (line[i] == '"') {
      ++i;
      while (i < line.size() && line[i] != '"') w.push_back(line[i++]);
      if (i < line.size()) ++i;
    } else {
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') w.push_back(line[i++]);
    }
    out.push_back(std::move(w));
  }
  return out;
}

bool auth_of(const std::string& w, auth_protocol& p) {
  static const std::pair<const char*, auth_protocol> names[] = {
      {"MD5", auth_protocol::hmac_md5},        {"SHA", auth_protocol::hmac_sha},
      {"SHA-224", auth_protocol::hmac_sha224}, {"SHA-256", auth_protocol::hmac_sha256},
      {"SHA-384", auth_protocol::hmac_sha384}, {"SHA-512", auth_protocol::hmac_sha512}};
  for (const auto& [n, v] : names)
    if (w == n) return p = v, true;
  return false;
}

bool priv_of(const std::string& w, priv_protocol& p) {
  static const std::pair<const char*, priv_protocol> names[] = {
      {"DES", priv_protocol::des},
      {"AES", priv_protocol::aes128},
      {"AES128", priv_protocol::aes128},
      {"AES-128", priv_protocol::aes128},
      {"AES192", priv_protocol::aes192_blumenthal},
      {"AES-192", priv_protocol::aes192_blumenthal},
      {"AES256", priv_protocol::aes256_blumenthal},
      {"AES-256", priv_protocol::aes256_blumenthal},
      {"AES192C", priv_protocol::aes192_reeder},
      {"AES-192-C", priv_protocol::aes192_reeder},
      {"AES256C", priv_protocol::aes256_reeder},
      {"AES-256-C", priv_protocol::aes256_reeder}};
  for (const auto& [n, v] : names)
    if (w == n) return p = v, true;
  return false;
}

std::string parse_create_user(const std::vector<std::string>& w, usm_user_data& u) {
  std::size_t i = 1;
  if (i < w.size() && w[i] == "-e") {
    if (i + 1 >= w.size()) return "createUser: -e needs an engine ID";
    std::string hex = w[i + 1];
    if (hex.rfind("0x", 0) == 0 || hex.rfind("0X", 0) == 0) hex = hex.substr(2);
    auto bytes = parse_hex(hex);
    if (!bytes || bytes->size() < 5 || bytes->size() > 32) return "createUser: bad engine ID " + w[i + 1];
    u.security_engine_id.assign(bytes->begin(), bytes->end());
    i += 2;
  }
  if (i >= w.size()) return "createUser: no user name";
  u.user_name = w[i++];
  if (u.user_name.size() > 32) return "createUser: user name longer than 32";
  if (i >= w.size()) return {};  // noAuthNoPriv
  if (!auth_of(w[i], u.auth)) return "createUser: unknown authentication protocol " + w[i];
  if (++i >= w.size()) return "createUser: no authentication passphrase";
  u.auth_key = w[i++];
  if (u.auth_key.size() < 8) return "createUser: passphrase shorter than 8 characters";
  if (i >= w.size()) return {};
  if (!priv_of(w[i], u.priv)) return "createUser: unknown privacy protocol " + w[i];
  // No privacy passphrase: the authentication one, as Net-SNMP does.
  u.priv_key = ++i < w.size() ? w[i++] : u.auth_key;
  if (u.priv_key.size() < 8) return "createUser: passphrase shorter than 8 characters";
  if (i < w.size()) return "createUser: unexpected " + w[i];
  return {};
}

}  // namespace

void parse_trapd_config(std::string_view text, const std::string& file_name, trapd_config& config,
                        std::vector<std::string>& errors) {
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    const auto w = words_of(line);
    if (w.empty()) continue;
    auto fail = [&](const std::string& why) { errors.push_back(file_name + ":" + std::to_string(number) + ": " + why); };
    const std::string& key = w[0];
    if (key == "authCommunity") {
      // authCommunity TYPES COMMUNITY [SOURCE]
      if (w.size() < 3 || w.size() > 4) {
        fail("authCommunity: expected TYPES COMMUNITY [SOURCE]");
        continue;
      }
      community_entry e;
      e.community = w[2];
      e.security_name = w[2];
      if (w.size() == 4 && w[3] != "default") e.source = w[3];
      config.communities.push_back(std::move(e));
    } else if (key == "createUser") {
      usm_user_data u;
      if (auto why = parse_create_user(w, u); !why.empty()) fail(why);
      else config.users.push_back(std::move(u));
    } else if (key == "authUser") {
      // authUser TYPES [-s MODEL] USER [LEVEL]
      std::size_t i = 2;
      if (i < w.size() && w[i] == "-s") i += 2;
      if (w.size() < 3 || i >= w.size()) {
        fail("authUser: expected TYPES [-s MODEL] USER [LEVEL]");
        continue;
      }
      config.auth_users.push_back(w[i]);
    } else if (key == "disableAuthorization") {
      if (w.size() != 2 || (w[1] != "yes" && w[1] != "no")) fail("disableAuthorization: expected yes or no");
      else config.disable_authorization = w[1] == "yes";
    } else if (key == "doNotLogTraps" || key == "format1" || key == "format2" || key == "outputOption") {
      // Output settings of snmptrapd: snmpio-trapd has its own format.
    } else {
      fail("unknown directive " + key);
    }
  }
}

void load_trapd_config_file(const std::string& path, trapd_config& config, std::vector<std::string>& errors) {
  std::ifstream f(path);
  if (!f) {
    errors.push_back(path + ": cannot read");
    return;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  parse_trapd_config(ss.str(), path, config, errors);
}

}  // namespace snmpio::samples
