#include "samples/common/agent_config.hpp"

#include "samples/common/config_words.hpp"

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace snmpio::samples {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || ::strncasecmp(a.data(), b.data(), a.size()) == 0);
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<std::uint16_t> parse_port(std::string_view p) {
  if (p.empty() || p.size() > 5) return std::nullopt;
  unsigned v = 0;
  for (char c : p) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  if (v > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(v);
}

std::optional<std::vector<std::uint8_t>> parse_hex_octets(std::string_view h) {
  if (istarts_with(h, "0x")) h.remove_prefix(2);
  if (h.empty() || h.size() % 2) return std::nullopt;
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < h.size(); i += 2) {
    int v = 0;
    for (int k = 0; k < 2; ++k) {
      const char c = h[i + static_cast<std::size_t>(k)];
      const int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + d;
    }
    out.push_back(static_cast<std::uint8_t>(v));
  }
  return out;
}

std::optional<oid> parse_numeric_oid(std::string_view text) {
  auto o = oid::parse(text);
  if (!o || o->size() < 1) return std::nullopt;
  return *o;
}

// "10.0.0.0/8", "10.0.0.0/255.0.0.0", "127.0.0.1", "::1", "fe80::/10", "localhost",
// "default" -> "ADDRESS/BITS" in the family `v6` asks for ("" never: default is the
// whole family, so that rocommunity stays IPv4 and rocommunity6 IPv6, as in snmpd).
std::optional<std::string> parse_source(std::string_view text, bool v6, std::string& error) {
  if (iequals(text, "default")) return std::string(v6 ? "::/0" : "0.0.0.0/0");
  if (!text.empty() && text.front() == '!') {
    error = "source '" + std::string(text) + "': negated sources are not supported";
    return std::nullopt;
  }
  std::string_view addr = text, bits;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    addr = text.substr(0, slash);
    bits = text.substr(slash + 1);
  }
  std::string address;
  if (iequals(addr, "localhost")) {
    address = v6 ? "::1" : "127.0.0.1";
  } else {
    auto e = endpoint::parse(v6 ? "[" + std::string(addr) + "]" : std::string(addr));
    if (!e || (e->is_v6() != v6) || e->port() != 0) {
      error = "source '" + std::string(text) + "' is not a numeric " + (v6 ? "IPv6" : "IPv4") +
              " address or network" + (v6 ? "" : " (use rocommunity6/rwcommunity6 for IPv6)");
      return std::nullopt;
    }
    address = e->address_string();
  }
  const unsigned max_bits = v6 ? 128 : 32;
  unsigned prefix = max_bits;
  if (!bits.empty() || text.find('/') != std::string_view::npos) {
    bool digits = !bits.empty() && bits.size() <= 3 &&
                  std::all_of(bits.begin(), bits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
      prefix = static_cast<unsigned>(std::stoul(std::string(bits)));
      if (prefix > max_bits) digits = false;
    } else if (!v6) {
      // A dotted mask: contiguous ones only.
      auto m = endpoint::parse(std::string(bits));
      if (m && m->is_v4() && m->port() == 0) {
        std::uint32_t v = 0;
        for (auto b : m->address_bytes()) v = (v << 8) | b;
        const std::uint32_t inv = ~v;
        if ((inv & (inv + 1)) == 0) {
          prefix = 0;
          for (std::uint32_t t = v; t & 0x80000000u; t <<= 1) ++prefix;
          digits = true;
        }
      }
    }
    if (!digits) {
      error = "source '" + std::string(text) + "': bad network mask";
      return std::nullopt;
    }
  }
  return address + "/" + std::to_string(prefix);
}

std::optional<security_level> parse_level(std::string_view w) {
  if (iequals(w, "noauth") || iequals(w, "noauthnopriv")) return security_level::no_auth_no_priv;
  if (iequals(w, "auth") || iequals(w, "authnopriv")) return security_level::auth_no_priv;
  if (iequals(w, "priv") || iequals(w, "authpriv")) return security_level::auth_priv;
  return std::nullopt;
}

std::optional<auth_protocol> parse_auth(std::string_view w) {
  struct name {
    std::string_view text;
    auth_protocol p;
  };
  static constexpr name names[] = {
      {"MD5", auth_protocol::hmac_md5},        {"SHA", auth_protocol::hmac_sha},
      {"SHA1", auth_protocol::hmac_sha},       {"SHA-1", auth_protocol::hmac_sha},
      {"SHA-224", auth_protocol::hmac_sha224}, {"SHA224", auth_protocol::hmac_sha224},
      {"SHA-256", auth_protocol::hmac_sha256}, {"SHA256", auth_protocol::hmac_sha256},
      {"SHA-384", auth_protocol::hmac_sha384}, {"SHA384", auth_protocol::hmac_sha384},
      {"SHA-512", auth_protocol::hmac_sha512}, {"SHA512", auth_protocol::hmac_sha512},
  };
  for (const auto& n : names)
    if (iequals(w, n.text)) return n.p;
  return std::nullopt;
}

std::optional<priv_protocol> parse_priv(std::string_view w) {
  struct name {
    std::string_view text;
    priv_protocol p;
  };
  static constexpr name names[] = {
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
      {"AES-256-C", priv_protocol::aes256_reeder},
  };
  for (const auto& n : names)
    if (iequals(w, n.text)) return n.p;
  return std::nullopt;
}

// A view mask as snmpd.conf writes it ("0xf0", "ff:a0", "ff.c0") -> "f0", "ff.a0".
std::optional<std::string> normalize_mask(std::string_view m) {
  if (istarts_with(m, "0x")) m.remove_prefix(2);
  if (m.empty()) return std::nullopt;
  std::string out;
  std::size_t i = 0;
  while (i < m.size()) {
    std::size_t j = i;
    while (j < m.size() && m[j] != '.' && m[j] != ':') ++j;
    std::string_view octets = m.substr(i, j - i);
    if (octets.size() == 1) return std::nullopt;  // "f": half an octet
    auto bytes = parse_hex_octets(octets);
    if (!bytes) return std::nullopt;
    for (auto b : *bytes) {
      static const char* digits = "0123456789abcdef";
      if (!out.empty()) out += '.';
      out += digits[b >> 4];
      out += digits[b & 15];
    }
    if (j == m.size()) break;
    i = j + 1;
    if (i == m.size()) return std::nullopt;  // trailing separator
  }
  if (out.size() > 16 * 3 - 1) return std::nullopt;  // 16 octets: 128 arcs
  return out;
}

class parser {
 public:
  parser(const std::string& file, agent_config& config, std::vector<std::string>& errors, config_kind kind)
      : file_(file), cfg_(config), errors_(errors), kind_(kind) {}

  void line(int number, std::string_view text) {
    line_ = number;
    text = trim(text);
    std::vector<std::string> w;
    std::string err;
    if (!split_config_words(text, w, err)) return fail(err);
    if (w.empty()) return;  // blank, or a comment
    const std::string& d = w.front();
    // The rest of the line after the directive, for the sys* strings (snmpd takes them
    // verbatim, quotes included; a rest that begins with # is a comment).
    const std::size_t blank = text.find_first_of(" \t");
    std::string_view rest = blank == std::string_view::npos ? std::string_view() : trim(text.substr(blank));
    if (!rest.empty() && rest.front() == '#') rest = {};
    // Access control and users: the same lines in snmpd.conf and snmptrapd.conf.
    if (iequals(d, "createUser")) return create_user(w);
    if (iequals(d, "view")) return view(w);
    if (iequals(d, "group")) return group(w);
    if (iequals(d, "access")) return access(w);
    if (kind_ == config_kind::snmptrapd) return trapd_line(w);
    if (iequals(d, "agentaddress")) return agentaddress(w);
    if (iequals(d, "rocommunity")) return community(w, false, false);
    if (iequals(d, "rwcommunity")) return community(w, true, false);
    if (iequals(d, "rocommunity6")) return community(w, false, true);
    if (iequals(d, "rwcommunity6")) return community(w, true, true);
    if (iequals(d, "rouser")) return user_access(w, false);
    if (iequals(d, "rwuser")) return user_access(w, true);
    if (iequals(d, "sysDescr")) return sys_string(d, rest, cfg_.sys_descr);
    if (iequals(d, "sysName")) return sys_string(d, rest, cfg_.sys_name);
    if (iequals(d, "sysContact")) return sys_string(d, rest, cfg_.sys_contact);
    if (iequals(d, "sysLocation")) return sys_string(d, rest, cfg_.sys_location);
    if (iequals(d, "sysObjectID")) return sys_object_id(w);
    if (iequals(d, "sysServices")) return sys_services(w);
    if (iequals(d, "engineID")) return engine_id(rest);
    if (iequals(d, "trapcommunity")) return trap_community(w);
    if (iequals(d, "trapsink")) return sink(w, configured_sink::kind::trap_v1);
    if (iequals(d, "trap2sink")) return sink(w, configured_sink::kind::trap_v2c);
    if (iequals(d, "informsink")) return sink(w, configured_sink::kind::inform_v2c);
    if (iequals(d, "trapsess")) return trapsess(w);
    if (iequals(d, "v1trapaddress")) return v1_trap_address(w);
    if (d.front() == '[') return fail("configuration type sections (" + d + ") are not supported");
    fail("unsupported directive '" + d + "'");
  }

 private:
  // ---- snmptrapd.conf ----
  void trapd_line(const std::vector<std::string>& w) {
    const std::string& d = w.front();
    if (iequals(d, "authCommunity")) return auth_community(w);
    if (iequals(d, "authUser")) return auth_user(w, false);
    if (iequals(d, "authGroup")) return auth_user(w, true);
    if (iequals(d, "disableAuthorization")) {
      if (w.size() != 2) return fail("disableAuthorization takes yes or no");
      auto b = parse_bool(w[1]);
      if (!b) return fail("disableAuthorization: '" + w[1] + "' is not yes or no");
      cfg_.disable_authorization = *b;
      return;
    }
    if (iequals(d, "doNotLogTraps")) {
      if (w.size() != 2) return fail("doNotLogTraps takes yes or no");
      auto b = parse_bool(w[1]);
      if (!b) return fail("doNotLogTraps: '" + w[1] + "' is not yes or no");
      cfg_.do_not_log_traps = *b;
      return;
    }
    if (iequals(d, "format1") || iequals(d, "format2") || iequals(d, "format") || iequals(d, "outputOption"))
      return;  // snmptrapd's output settings: snmpio-trapd has its own line format
    if (d.front() == '[') return fail("configuration type sections (" + d + ") are not supported");
    fail("unsupported directive '" + d + "'");
  }

  static std::optional<bool> parse_bool(std::string_view w) {
    if (iequals(w, "yes") || iequals(w, "true") || w == "1") return true;
    if (iequals(w, "no") || iequals(w, "false") || w == "0") return false;
    return std::nullopt;
  }

  // TYPES: snmptrapd's authorization types, separated by ',', '|' or ':'.
  bool parse_types(const std::string& d, const std::string& text, std::vector<access_kind>& out) {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find_first_of(",|:", start);
      if (end == std::string::npos) end = text.size();
      const std::string t = text.substr(start, end - start);
      static const std::pair<const char*, access_kind> names[] = {
          {"log", access_kind::log},   {"execute", access_kind::execute}, {"net", access_kind::net},
          {"read", access_kind::read}, {"write", access_kind::write},     {"notify", access_kind::notify}};
      bool known = false;
      for (const auto& [n, k] : names)
        if (t == n) {
          out.push_back(k);
          known = true;
        }
      if (!known) {
        fail(d + ": unknown authorization type '" + t + "' (log, execute, net)");
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  // The optional LEVEL word of rouser, rwuser, authUser and authGroup at w[i]: `level`
  // keeps its default when there is none. False after failing.
  bool optional_level(const std::vector<std::string>& w, std::size_t& i, security_level& level) {
    if (i >= w.size()) return true;
    auto l = parse_level(w[i]);
    if (!l) {
      fail(w[0] + ": unknown security level '" + w[i] + "' (noauth, auth or priv)");
      return false;
    }
    level = *l;
    ++i;
    return true;
  }

  // The shared tail of authCommunity, authUser and authGroup: [OID | -V VIEW [CONTEXT]]
  // from w[i]; then one access entry per TYPE, merged into an existing entry of the
  // same group, context, model and level (snmptrapd's setaccess keeps the other kinds).
  void auth_access(const std::vector<std::string>& w, std::size_t i, const std::vector<access_kind>& kinds,
                   const std::string& group, const std::string& own_view, security_model model,
                   security_level level) {
    const std::string& d = w[0];
    std::string view;
    i = shorthand_view(w, i, own_view, view);
    if (i == 0) return;
    if (view.empty()) return fail(d + ": -V needs a view name");
    std::string context;
    context_match match = context_match::prefix;  // no context: every context
    if (i < w.size()) {
      context = w[i++];
      if (context.empty()) return fail(d + ": an empty context; leave it out to mean every context");
      if (context.back() == '*') context.pop_back();
      else match = context_match::exact;
    }
    if (i < w.size()) return fail(d + ": unexpected '" + w[i] + "'");
    auto it = std::find_if(cfg_.access.begin(), cfg_.access.end(), [&](const vacm_access_entry& a) {
      return a.group == group && a.context_prefix == context && a.model == model && a.level == level;
    });
    if (it == cfg_.access.end()) {
      vacm_access_entry e;
      e.group = group;
      e.context_prefix = context;
      e.model = model;
      e.level = level;
      cfg_.access.push_back(e);
      it = cfg_.access.end() - 1;
    }
    it->match = match;
    for (auto k : kinds) {
      switch (k) {
        case access_kind::read: it->read_view = view; break;
        case access_kind::write: it->write_view = view; break;
        case access_kind::notify: it->notify_view = view; break;
        case access_kind::log: it->log_view = view; break;
        case access_kind::execute: it->execute_view = view; break;
        case access_kind::net: it->net_view = view; break;
      }
    }
    if (match == context_match::exact) add_context(context);
  }

  // authCommunity TYPES [-v 1|2c] COMMUNITY [SOURCE [OID | -V VIEW [CONTEXT]]]: as
  // snmptrapd, a community mapping to a security name of its own (from SOURCE, IPv4 or
  // IPv6; "default": anywhere), that name in a group for v1 and v2c (or the one -v
  // names), and access at noAuthNoPriv for each TYPE.
  void auth_community(const std::vector<std::string>& w) {
    const std::string& d = w[0];
    if (w.size() < 3) return fail(d + " takes TYPES [-v 1|2c] COMMUNITY [SOURCE [OID | -V VIEW [CONTEXT]]]");
    std::vector<access_kind> kinds;
    if (!parse_types(d, w[1], kinds)) return;
    std::size_t i = 2;
    std::vector<security_model> models{security_model::v1, security_model::v2c};
    security_model access_model = security_model::any;
    if (w[i] == "-v") {
      if (i + 1 >= w.size()) return fail(d + ": -v needs 1 or 2c");
      const std::string& v = w[i + 1];
      if (v == "1" || iequals(v, "v1")) access_model = security_model::v1;
      else if (iequals(v, "2c") || iequals(v, "v2c")) access_model = security_model::v2c;
      else return fail(d + ": -v '" + v + "' is not 1 or 2c");
      models = {access_model};
      i += 2;
    }
    if (i >= w.size() || w[i].empty()) return fail(d + " needs a community");
    const std::string community = w[i++];
    std::string source;  // anywhere, IPv4 and IPv6
    if (i < w.size()) {
      const std::string& s = w[i++];
      if (!iequals(s, "default")) {
        std::string err;
        const bool v6 = s.find(':') != std::string::npos;
        auto parsed = parse_source(s, v6, err);
        if (!parsed) return fail(d + ": " + err);
        source = *parsed;
      }
    }
    const int n = ++cfg_.shorthand_count;
    const std::string name = "comm" + std::to_string(n);
    const std::string group = "grp" + name;
    cfg_.communities.push_back({community_entry{community, name, "", source}, here()});
    for (auto m : models) cfg_.groups.push_back({m, name, group});
    auth_access(w, i, kinds, group, name + "_view", access_model, security_level::no_auth_no_priv);
  }

  // authUser TYPES [-s MODEL] USER [LEVEL [OID | -V VIEW [CONTEXT]]] (LEVEL: auth by
  // default) and authGroup TYPES [-s MODEL] GROUP [...]: as snmptrapd, the user in the
  // group "grpUSER" for MODEL (usm by default), access at LEVEL or above for each TYPE.
  void auth_user(const std::vector<std::string>& w, bool is_group) {
    const std::string& d = w[0];
    if (w.size() < 3)
      return fail(d + " takes TYPES [-s MODEL] " + (is_group ? "GROUP" : "USER") +
                  " [LEVEL [OID | -V VIEW [CONTEXT]]]");
    std::vector<access_kind> kinds;
    if (!parse_types(d, w[1], kinds)) return;
    std::size_t i = 2;
    security_model model = security_model::usm;
    if (w[i] == "-s") {
      if (i + 1 >= w.size()) return fail(d + ": -s needs a security model");
      const std::string& m = w[i + 1];
      if (iequals(m, "usm")) model = security_model::usm;
      else if (iequals(m, "v1")) model = security_model::v1;
      else if (iequals(m, "v2c")) model = security_model::v2c;
      else return fail(d + ": security model '" + m + "' is not supported (usm, v1 or v2c)");
      i += 2;
    }
    if (i >= w.size() || w[i].empty()) return fail(d + (is_group ? " needs a group name" : " needs a user name"));
    const std::string name = w[i++];
    security_level level = security_level::auth_no_priv;
    if (!optional_level(w, i, level)) return;
    std::string group = name;
    if (!is_group) {
      // snmptrapd's group name for a user: "grp" and the name's first 28 characters,
      // each one that is not a letter or digit made '_'.
      group = "grp" + name.substr(0, 28);
      for (auto& c : group)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      cfg_.groups.push_back({model, name, group});
    }
    const int n = ++cfg_.shorthand_count;
    auth_access(w, i, kinds, group, "viewUSM" + std::to_string(n), model, level);
  }

  void fail(const std::string& message) {
    errors_.push_back(file_ + ":" + std::to_string(line_) + ": " + message);
  }
  config_origin here() const { return {file_, line_}; }

  void agentaddress(const std::vector<std::string>& w) {
    if (w.size() != 2) return fail("agentaddress takes one comma-separated list of addresses");
    std::vector<endpoint> eps;
    std::string err;
    if (!parse_listen_addresses(w[1], eps, err)) return fail(err);
    cfg_.addresses.insert(cfg_.addresses.end(), eps.begin(), eps.end());
  }

  void add_context(const std::string& name) {
    if (name.empty()) return;
    if (std::find(cfg_.contexts.begin(), cfg_.contexts.end(), name) == cfg_.contexts.end())
      cfg_.contexts.push_back(name);
  }

  // The view part of a shorthand: "OID" or "-V VIEW", starting at w[i]. Sets `view`
  // and returns the index after it, or 0 after failing.
  std::size_t shorthand_view(const std::vector<std::string>& w, std::size_t i, const std::string& own_name,
                             std::string& view) {
    if (i >= w.size()) {
      view = "_all_";
      const bool defined = std::any_of(cfg_.views.begin(), cfg_.views.end(),
                                       [](const configured_view& v) { return v.name == "_all_"; });
      // As snmpd and snmptrapd define it: .0, .1 and .2, everything.
      if (!defined)
        for (std::uint32_t arc : {0u, 1u, 2u}) cfg_.views.push_back({"_all_", oid{arc}, "", true, here()});
      return i;
    }
    if (w[i] == "-V") {
      if (i + 1 >= w.size()) {
        fail("-V needs a view name");
        return 0;
      }
      view = w[i + 1];
      return i + 2;
    }
    auto o = parse_numeric_oid(w[i]);
    if (!o) {
      fail("'" + w[i] + "' is not a numeric OID (only numeric OIDs are supported)");
      return 0;
    }
    view = own_name;
    cfg_.views.push_back({own_name, *o, "", true, here()});
    return i + 1;
  }

  // rocommunity COMMUNITY [SOURCE [OID | -V VIEW [CONTEXT]]]: like snmpd, a community
  // mapping to a security name of its own, that name in a group for v1 and v2c, a view
  // (the OID's subtree, the named view, or everything) and an access entry.
  void community(const std::vector<std::string>& w, bool write, bool v6) {
    const std::string& d = w[0];
    if (w.size() < 2) return fail(d + " needs a community");
    if (w.size() > 6) return fail(d + ": too many arguments (COMMUNITY [SOURCE [OID | -V VIEW [CONTEXT]]])");
    if (w[1].empty()) return fail(d + ": empty community");
    std::string err;
    auto source = parse_source(w.size() > 2 ? std::string_view(w[2]) : "default", v6, err);
    if (!source) return fail(err);
    const int n = ++cfg_.shorthand_count;
    const std::string name = "_community" + std::to_string(n);
    std::string view;
    std::size_t next = w.size() > 2 ? shorthand_view(w, 3, name + "_view", view) : shorthand_view(w, 2, "", view);
    if (next == 0) return;
    std::string context;
    bool prefix = false;
    if (next < w.size()) {
      context = w[next++];
      if (!context.empty() && context.back() == '*') {
        context.pop_back();
        prefix = true;
      }
    }
    if (next < w.size()) return fail(d + ": unexpected '" + w[next] + "'");
    if (view.empty() && w.size() > 3) return fail(d + ": empty view name");
    add_context(context);
    cfg_.communities.push_back({community_entry{w[1], name, context, *source}, here()});
    for (auto model : {security_model::v1, security_model::v2c}) {
      cfg_.groups.push_back({model, name, name + "_group"});
      cfg_.access.push_back(vacm_access_entry{name + "_group", context, model, security_level::no_auth_no_priv,
                                              prefix ? context_match::prefix : context_match::exact, view,
                                              write ? view : "", ""});
    }
  }

  // rouser [-s usm] USER [noauth|auth|priv [OID | -V VIEW [CONTEXT]]]: the user in a
  // group of its own for the USM, with an access entry at that minimum level (auth by
  // default), in every context unless one is named ("ctx*": a prefix).
  void user_access(const std::vector<std::string>& w, bool write) {
    const std::string& d = w[0];
    std::size_t i = 1;
    if (i < w.size() && w[i] == "-s") {
      if (i + 1 >= w.size()) return fail(d + ": -s needs a security model");
      if (!iequals(w[i + 1], "usm")) return fail(d + ": security model '" + w[i + 1] + "' is not supported (only usm)");
      i += 2;
    }
    if (i >= w.size() || w[i].empty()) return fail(d + " needs a user name");
    const std::string user = w[i++];
    security_level level = security_level::auth_no_priv;
    if (!optional_level(w, i, level)) return;
    const int n = ++cfg_.shorthand_count;
    const std::string name = "_user" + std::to_string(n);
    std::string view;
    std::size_t next = shorthand_view(w, i, name + "_view", view);
    if (next == 0) return;
    std::string context;
    context_match match = context_match::prefix;  // no context: every context
    if (next < w.size()) {
      context = w[next++];
      if (context == "*") context.clear();
      else if (!context.empty() && context.back() == '*') context.pop_back();
      else match = context_match::exact;
    }
    if (next < w.size()) return fail(d + ": unexpected '" + w[next] + "'");
    if (view.empty()) return fail(d + ": empty view name");
    add_context(context);
    cfg_.groups.push_back({security_model::usm, user, name + "_group"});
    cfg_.access.push_back(
        vacm_access_entry{name + "_group", context, security_model::usm, level, match, view, write ? view : "", ""});
  }

  // createUser [-e ENGINEID] USER [AUTH [-m|-l] AUTHKEY [PRIV [-m|-l] [PRIVKEY]]]
  void create_user(const std::vector<std::string>& w) {
    std::size_t i = 1;
    usm_user_data u;
    if (i < w.size() && w[i] == "-e") {
      if (i + 1 >= w.size()) return fail("createUser: -e needs an engine ID");
      auto id = parse_hex_octets(w[i + 1]);
      if (!id || id->size() < 5 || id->size() > 32)
        return fail("createUser: engine ID '" + w[i + 1] + "' is not 5 to 32 octets of hex");
      u.security_engine_id.assign(id->begin(), id->end());
      i += 2;
    }
    if (i >= w.size() || w[i].empty()) return fail("createUser needs a user name");
    u.user_name = w[i++];
    if (u.user_name.size() > 32) return fail("createUser: user name longer than 32 octets");
    if (i < w.size()) {
      auto a = parse_auth(w[i]);
      if (!a) return fail("createUser: unknown authentication protocol '" + w[i] + "' (MD5, SHA, SHA-224, SHA-256, "
                          "SHA-384 or SHA-512)");
      u.auth = *a;
      ++i;
      if (!read_key(w, i, "authentication", u.auth_key, u.auth_key_type)) return;
      if (i < w.size()) {
        auto p = parse_priv(w[i]);
        if (!p) return fail("createUser: unknown privacy protocol '" + w[i] + "' (DES, AES, AES-192, AES-256, "
                            "AES-192-C or AES-256-C)");
        u.priv = *p;
        ++i;
        if (i < w.size()) {
          if (!read_key(w, i, "privacy", u.priv_key, u.priv_key_type)) return;
        } else {
          u.priv_key = u.auth_key;  // no privacy pass phrase: the authentication one
          u.priv_key_type = u.auth_key_type;
        }
      }
      if (i < w.size()) return fail("createUser: unexpected '" + w[i] + "'");
    }
    cfg_.users.push_back({std::move(u), here()});
  }

  bool read_key(const std::vector<std::string>& w, std::size_t& i, const char* what, std::string& key,
                key_type& type) {
    type = key_type::passphrase;
    if (i < w.size() && (w[i] == "-m" || w[i] == "-l")) {
      type = w[i] == "-m" ? key_type::master : key_type::localized;
      if (++i >= w.size()) {
        fail(std::string("createUser: ") + w[i - 1] + " needs a hex " + what + " key");
        return false;
      }
      auto k = parse_hex_octets(w[i]);
      if (!k) {
        fail(std::string("createUser: ") + what + " key '" + w[i] + "' is not hex (0x...)");
        return false;
      }
      key.assign(k->begin(), k->end());
      ++i;
      return true;
    }
    if (i >= w.size()) {
      fail(std::string("createUser: missing the ") + what + " pass phrase");
      return false;
    }
    if (w[i].size() < 8) {
      fail(std::string("createUser: the ") + what + " pass phrase is shorter than 8 characters");
      return false;
    }
    key = w[i++];
    return true;
  }

  // view NAME included|excluded SUBTREE [MASK]
  void view(const std::vector<std::string>& w) {
    if (w.size() < 4 || w.size() > 5) return fail("view takes NAME included|excluded SUBTREE [MASK]");
    if (w[1].empty() || w[1].size() > 32) return fail("view: the name must be 1 to 32 characters");
    bool included;
    if (iequals(w[2], "included")) included = true;
    else if (iequals(w[2], "excluded")) included = false;
    else return fail("view: '" + w[2] + "' is neither included nor excluded");
    auto o = parse_numeric_oid(w[3]);
    if (!o) return fail("view: '" + w[3] + "' is not a numeric OID (only numeric OIDs are supported)");
    std::string mask;
    if (w.size() == 5) {
      auto m = normalize_mask(w[4]);
      if (!m) return fail("view: bad mask '" + w[4] + "' (hex octets, separated by ':' or '.')");
      mask = *m;
    }
    cfg_.views.push_back({w[1], *o, mask, included, here()});
  }

  // group NAME v1|v2c|usm SECNAME
  void group(const std::vector<std::string>& w) {
    if (w.size() != 4) return fail("group takes NAME MODEL SECURITYNAME");
    security_model m;
    if (iequals(w[2], "v1")) m = security_model::v1;
    else if (iequals(w[2], "v2c")) m = security_model::v2c;
    else if (iequals(w[2], "usm")) m = security_model::usm;
    else return fail("group: security model '" + w[2] + "' is not supported (v1, v2c or usm)");
    if (w[1].empty() || w[3].empty()) return fail("group: empty name");
    cfg_.groups.push_back({m, w[3], w[1]});
  }

  // access GROUP CONTEXT any|v1|v2c|usm LEVEL exact|prefix READ WRITE NOTIFY
  void access(const std::vector<std::string>& w) {
    if (w.size() != 9) return fail("access takes GROUP CONTEXT MODEL LEVEL PREFX READ WRITE NOTIFY");
    vacm_access_entry e;
    e.group = w[1];
    e.context_prefix = w[2];
    if (iequals(w[3], "any")) e.model = security_model::any;
    else if (iequals(w[3], "v1")) e.model = security_model::v1;
    else if (iequals(w[3], "v2c")) e.model = security_model::v2c;
    else if (iequals(w[3], "usm")) e.model = security_model::usm;
    else return fail("access: security model '" + w[3] + "' is not supported (any, v1, v2c or usm)");
    auto l = parse_level(w[4]);
    if (!l) return fail("access: unknown security level '" + w[4] + "' (noauth, auth or priv)");
    e.level = *l;
    if (iequals(w[5], "exact")) e.match = context_match::exact;
    else if (iequals(w[5], "prefix")) e.match = context_match::prefix;
    else return fail("access: '" + w[5] + "' is neither exact nor prefix");
    // "none" names no view (snmpd's convention).
    auto view_name = [](const std::string& v) { return v == "none" ? std::string() : v; };
    e.read_view = view_name(w[6]);
    e.write_view = view_name(w[7]);
    e.notify_view = view_name(w[8]);
    if (e.group.empty()) return fail("access: empty group name");
    if (e.match == context_match::exact) add_context(e.context_prefix);
    cfg_.access.push_back(std::move(e));
  }

  void sys_string(const std::string& d, std::string_view rest, std::optional<std::string>& out) {
    if (rest.empty()) return fail(d + " needs a value");
    if (rest.size() > 255) return fail(d + ": longer than 255 characters");
    out = std::string(rest);
  }

  void sys_object_id(const std::vector<std::string>& w) {
    if (w.size() != 2) return fail("sysObjectID takes one OID");
    auto o = parse_numeric_oid(w[1]);
    if (!o || o->size() < 2) return fail("sysObjectID: '" + w[1] + "' is not a numeric OID");
    cfg_.sys_object_id = *o;
  }

  void sys_services(const std::vector<std::string>& w) {
    if (w.size() != 2) return fail("sysServices takes one number");
    const std::string& v = w[1];
    if (v.empty() || v.size() > 3 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(v) > 127)
      return fail("sysServices: '" + v + "' is not a number from 0 to 127");
    cfg_.sys_services = std::stoi(v);
  }

  void engine_id(std::string_view rest) {
    if (rest.empty()) return fail("engineID needs a value");
    if (rest.size() > 27) return fail("engineID: longer than 27 characters (the engine ID holds 32 octets)");
    cfg_.engine_id = engine_id_from_text(rest);
  }

  void trap_community(const std::vector<std::string>& w) {
    if (w.size() != 2 || w[1].empty()) return fail("trapcommunity takes one community");
    cfg_.trap_community = w[1];
  }

  void v1_trap_address(const std::vector<std::string>& w) {
    if (w.size() != 2) return fail("v1trapaddress takes one IPv4 address");
    auto e = endpoint::parse(w[1], 0);
    if (!e || !e->is_v4() || e->port() != 0) return fail("v1trapaddress: '" + w[1] + "' is not a numeric IPv4 address");
    const auto b = e->address_bytes();
    std::copy(b.begin(), b.end(), cfg_.v1_trap_address.begin());
  }

  // The options every sink directive takes first: -profile P, -name N, -tag T, -s SRC.
  // -name and -tag only name SNMP-NOTIFICATION-MIB rows, which snmpio-agent does not
  // serve: accepted. Returns the index after them, or 0 after failing.
  std::size_t sink_options(const std::vector<std::string>& w, std::size_t i) {
    const std::string& d = w[0];
    while (i < w.size() && (w[i] == "-profile" || w[i] == "-name" || w[i] == "-tag" || w[i] == "-s")) {
      if (i + 1 >= w.size()) {
        fail(d + ": " + w[i] + " needs a value");
        return 0;
      }
      if (w[i] == "-profile") {
        fail(d + ": notification filter profiles (-profile) are not supported");
        return 0;
      }
      if (w[i] == "-s") {
        fail(d + ": source addresses (-s) are not supported");
        return 0;
      }
      i += 2;
    }
    return i;
  }

  // trapsink|trap2sink|informsink [OPTIONS] HOST [COMMUNITY [PORT]]
  void sink(const std::vector<std::string>& w, configured_sink::kind type) {
    const std::string& d = w[0];
    std::size_t i = sink_options(w, 1);
    if (i == 0) return;
    if (i >= w.size() || w[i].empty()) return fail(d + " needs a host");
    if (w.size() - i > 3) return fail(d + ": too many arguments (HOST [COMMUNITY [PORT]])");
    std::uint16_t port = 162;
    if (i + 2 < w.size()) {
      auto p = parse_port(w[i + 2]);
      if (!p || *p == 0) return fail(d + ": '" + w[i + 2] + "' is not a port number");
      port = *p;
    }
    configured_sink s;
    s.type = type;
    s.community = i + 1 < w.size() ? w[i + 1] : cfg_.trap_community;
    if (s.community.empty()) return fail(d + ": empty community");
    s.origin = here();
    std::string err;
    if (!parse_sink_address(w[i], port, s, err)) return fail(d + ": " + err);
    cfg_.sinks.push_back(std::move(s));
  }

  // trapsess [OPTIONS] [SNMPCMD ARGUMENTS] HOST: snmptrap's -v -c -u -l -a -A -x -X -e
  // -E -n -r -t, and -Ci for informs.
  void trapsess(const std::vector<std::string>& w) {
    const std::string d = "trapsess";
    std::size_t i = sink_options(w, 1);
    if (i == 0) return;
    snmp_version version = snmp_version::v3;  // snmptrap's default
    bool inform = false;
    configured_sink s;
    s.community = cfg_.trap_community;
    int level = 0;
    std::optional<auth_protocol> auth;
    std::optional<priv_protocol> priv;
    std::string auth_pass, priv_pass;
    std::vector<std::string> positional;
    while (i < w.size()) {
      const std::string& a = w[i++];
      if (a.size() < 2 || a[0] != '-') {
        positional.push_back(a);
        continue;
      }
      const char f = a[1];
      static constexpr std::string_view with_value = "vcuaAxXlLeEnrtCZ";
      if (with_value.find(f) == std::string_view::npos) return fail(d + ": unsupported option '" + a + "'");
      std::string v;
      if (a.size() > 2) {
        v = a.substr(2);
      } else {
        if (i >= w.size()) return fail(d + ": " + a + " needs a value");
        v = w[i++];
      }
      switch (f) {
        case 'v':
          if (v == "1") version = snmp_version::v1;
          else if (v == "2c") version = snmp_version::v2c;
          else if (v == "3") version = snmp_version::v3;
          else return fail(d + ": unknown version '" + v + "' (1, 2c or 3)");
          break;
        case 'c':
          if (v.empty()) return fail(d + ": empty community");
          s.community = v;
          break;
        case 'u':
          if (v.empty() || v.size() > 32) return fail(d + ": the user name must be 1 to 32 characters");
          s.user.user_name = v;
          break;
        case 'l':
          if (iequals(v, "noAuthNoPriv") || v == "1" || v == "nanp") level = 0;
          else if (iequals(v, "authNoPriv") || v == "2" || v == "anp") level = 1;
          else if (iequals(v, "authPriv") || v == "3" || v == "ap") level = 2;
          else return fail(d + ": unknown security level '" + v + "' (noAuthNoPriv, authNoPriv or authPriv)");
          break;
        case 'a':
          if (!(auth = parse_auth(v))) return fail(d + ": unknown authentication protocol '" + v + "'");
          break;
        case 'x':
          if (!(priv = parse_priv(v))) return fail(d + ": unknown privacy protocol '" + v + "'");
          break;
        case 'A':
          auth_pass = v;
          break;
        case 'X':
          priv_pass = v;
          break;
        case 'e':
        case 'E': {
          auto id = parse_hex_octets(v);
          if (!id || id->size() < 5 || id->size() > 32)
            return fail(d + ": engine ID '" + v + "' is not 5 to 32 octets of hex");
          (f == 'e' ? s.user.security_engine_id : s.context.context_engine_id).assign(id->begin(), id->end());
          break;
        }
        case 'n':
          s.context.context_name = v;
          break;
        case 'r': {
          auto r = parse_port(v);  // digits, bounded
          if (!r || *r > 100) return fail(d + ": -r: '" + v + "' is not a number of retries from 0 to 100");
          s.timing.retries = *r;
          break;
        }
        case 't': {
          char* end = nullptr;
          const double t = std::strtod(v.c_str(), &end);
          if (v.empty() || *end || !(t > 0) || t > 3600) return fail(d + ": -t: '" + v + "' is not a timeout in seconds");
          s.timing.timeout = std::chrono::milliseconds(std::max<long long>(1, static_cast<long long>(t * 1000 + 0.5)));
          break;
        }
        case 'C':
          for (char c : v)
            if (c == 'i') inform = true;
            else return fail(d + ": unknown -C flag '" + std::string(1, c) + "' (only -Ci)");
          break;
        default:  // -L (logging), -Z (boots and time): nothing to do for a sink
          break;
      }
    }
    if (positional.empty()) return fail(d + " needs a host");
    if (positional.size() > 1) return fail(d + ": unexpected '" + positional[1] + "' after the host");
    if (version == snmp_version::v1 && inform) return fail(d + ": -Ci (inform) needs -v 2c or -v 3");
    if (version == snmp_version::v3) {
      if (s.user.user_name.empty()) return fail(d + ": -v 3 needs a user name (-u)");
      if (level >= 1) {
        if (auth_pass.size() < 8) return fail(d + ": the authentication pass phrase (-A) is shorter than 8 characters");
        s.user.auth = auth.value_or(auth_protocol::hmac_md5);
        s.user.auth_key = auth_pass;
      }
      if (level == 2) {
        if (priv_pass.empty()) priv_pass = auth_pass;
        if (priv_pass.size() < 8) return fail(d + ": the privacy pass phrase (-X) is shorter than 8 characters");
        s.user.priv = priv.value_or(priv_protocol::des);
        s.user.priv_key = priv_pass;
      }
      s.type = inform ? configured_sink::kind::inform_v3 : configured_sink::kind::trap_v3;
    } else {
      s.type = version == snmp_version::v1 ? configured_sink::kind::trap_v1
               : inform                    ? configured_sink::kind::inform_v2c
                                           : configured_sink::kind::trap_v2c;
    }
    s.origin = here();
    std::string err;
    if (!parse_sink_address(positional[0], 162, s, err)) return fail(d + ": " + err);
    cfg_.sinks.push_back(std::move(s));
  }

  const std::string& file_;
  agent_config& cfg_;
  std::vector<std::string>& errors_;
  config_kind kind_ = config_kind::snmpd;
  int line_ = 0;
};

}  // namespace

std::string engine_id_from_text(std::string_view text) {
  std::string id = {'\x80', '\x00', '\x1f', '\x88', '\x04'};
  id.append(text);
  return id;
}

bool parse_sink_address(std::string_view text, std::uint16_t default_port, configured_sink& out, std::string& error) {
  out.address = std::string(text);
  std::string_view rest = text;
  bool prefixed = false;
  out.v6 = false;
  for (std::string_view p : {"udp6:", "udpv6:", "udpipv6:"})
    if (istarts_with(rest, p)) {
      rest.remove_prefix(p.size());
      out.v6 = prefixed = true;
      break;
    }
  if (!prefixed && istarts_with(rest, "udp:")) {
    rest.remove_prefix(4);
    prefixed = true;
  }
  if (!prefixed)
    for (std::string_view p : {"tcp", "unix:", "ipx:", "pvc:", "aal5pvc:", "dtls", "tls", "ssh:"})
      if (istarts_with(rest, p)) {
        error = "address '" + out.address + "': only udp and udp6 transports are supported";
        return false;
      }
  if (rest.empty()) {
    error = "empty address";
    return false;
  }
  if (auto e = endpoint::parse(std::string(text), default_port)) {
    if (prefixed && e->is_v6() != out.v6) {
      error = "address '" + out.address + "': " + (out.v6 ? "udp6 needs an IPv6 address" : "udp needs an IPv4 address");
      return false;
    }
    out.v6 = e->is_v6();
    out.host = e->address_string();
    out.port = e->port();
    return true;
  }
  // A host name, maybe with ":PORT".
  std::string_view host = rest;
  out.port = default_port;
  if (host.front() == '[' || std::count(host.begin(), host.end(), ':') > 1) {
    error = "address '" + out.address + "' is not HOST[:PORT]";
    return false;
  }
  if (auto colon = host.find(':'); colon != std::string_view::npos) {
    auto port = parse_port(host.substr(colon + 1));
    if (!port || *port == 0) {
      error = "address '" + out.address + "': bad port";
      return false;
    }
    out.port = *port;
    host = host.substr(0, colon);
  }
  const bool name_chars = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
  });
  if (!name_chars) {
    error = "address '" + out.address + "' is not HOST[:PORT]";
    return false;
  }
  if (endpoint::parse(std::string(host), 0)) {  // numeric, but not of the prefix's family
    error = "address '" + out.address + "': " + (out.v6 ? "udp6 needs an IPv6 address" : "udp needs an IPv4 address");
    return false;
  }
  out.host = std::string(host);
  return true;
}

bool parse_listen_addresses(std::string_view list, std::vector<endpoint>& out, std::string& error) {
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = list.find(',', start);
    std::string_view item = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    start = comma == std::string_view::npos ? list.size() + 1 : comma + 1;
    const std::string text(item);
    std::string_view rest = item;
    bool v6 = false;
    bool prefixed = false;
    for (std::string_view p : {"udp6:", "udpv6:", "udpipv6:"})
      if (istarts_with(rest, p)) {
        rest.remove_prefix(p.size());
        v6 = prefixed = true;
        break;
      }
    if (!prefixed && istarts_with(rest, "udp:")) {
      rest.remove_prefix(4);
      prefixed = true;
    }
    if (!prefixed) {
      for (std::string_view p : {"tcp", "unix:", "ipx:", "pvc:", "aal5pvc:", "dtls", "tls", "ssh:"})
        if (istarts_with(rest, p)) {
          error = "listening address '" + text + "': only udp and udp6 transports are supported";
          return false;
        }
    }
    if (rest.empty()) {
      error = "empty listening address" + (text.empty() ? std::string() : " '" + text + "'");
      return false;
    }
    if (auto port = parse_port(rest)) {  // PORT alone: every interface of the family
      out.push_back(v6 ? endpoint::any_v6(*port) : endpoint::any_v4(*port));
      continue;
    }
    // localhost[:PORT]
    if (istarts_with(rest, "localhost") &&
        (rest.size() == 9 || (rest[9] == ':' && parse_port(rest.substr(10))))) {
      const std::uint16_t port = rest.size() == 9 ? 161 : *parse_port(rest.substr(10));
      out.push_back(v6 ? endpoint::loopback_v6(port) : endpoint::loopback_v4(port));
      continue;
    }
    auto e = endpoint::parse(std::string(rest), 161);
    if (!e) {
      error = "listening address '" + text + "' is not [udp:|udp6:]ADDRESS[:PORT] with a numeric address";
      return false;
    }
    if (e->is_v6() != v6 && prefixed) {
      error = "listening address '" + text + "': " + (v6 ? "udp6 needs an IPv6 address" : "udp needs an IPv4 address");
      return false;
    }
    out.push_back(*e);
  }
  return true;
}

void parse_agent_config(std::string_view text, const std::string& file_name, agent_config& config,
                        std::vector<std::string>& errors, config_kind kind) {
  parser p(file_name, config, errors, kind);
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    ++number;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.find('\0') != std::string_view::npos) {
      errors.push_back(file_name + ":" + std::to_string(number) + ": NUL character in line");
    } else {
      p.line(number, l);
    }
    start = end + 1;
  }
}

void load_agent_config_file(const std::string& path, agent_config& config, std::vector<std::string>& errors,
                            config_kind kind) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back(path + ": cannot read the file");
    return;
  }
  std::ostringstream s;
  s << in.rdbuf();
  parse_agent_config(s.str(), path, config, errors, kind);
}

}  // namespace snmpio::samples
