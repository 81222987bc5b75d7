// snmpio-agent's snmpd.conf subset (samples/common/agent_config): every directive,
// the shorthand expansions, and every error form with its FILE:LINE.
//
// The parser belongs to the samples, which the test binaries do not link; its one
// translation unit is compiled in here.
#include "samples/common/agent_config.cpp"
#include "samples/common/config_words.cpp"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.hpp"

#include <cstdio>
#include <fstream>

namespace snmpio::samples {
namespace {

struct parsed {
  agent_config cfg;
  std::vector<std::string> errors;
};

parsed parse(std::string_view text) {
  parsed p;
  parse_agent_config(text, "t.conf", p.cfg, p.errors);
  return p;
}

// One line that must fail, with exactly one error on line 1 that contains `what`.
void expect_error(std::string_view line, std::string_view what) {
  auto p = parse(line);
  ASSERT_EQ(p.errors.size(), 1u) << line;
  EXPECT_EQ(p.errors[0].rfind("t.conf:1: ", 0), 0u) << p.errors[0];
  EXPECT_NE(p.errors[0].find(what), std::string::npos) << "'" << line << "' gave: " << p.errors[0];
}

const configured_view* find_view(const agent_config& c, const std::string& name) {
  for (const auto& v : c.views)
    if (v.name == name) return &v;
  return nullptr;
}

TEST(AgentConfig, CommentsAndBlankLinesAreNothing) {
  auto p = parse("# a comment\n\n   \t\n  # indented comment\r\n");
  EXPECT_TRUE(p.errors.empty());
  EXPECT_TRUE(p.cfg.addresses.empty());
  EXPECT_TRUE(p.cfg.communities.empty());
}

TEST(AgentConfig, ErrorsCarryFileAndLine) {
  auto p = parse("sysName ok\n\nnosuchdirective x\nsysName again\nfrobnicate\n");
  ASSERT_EQ(p.errors.size(), 2u);
  EXPECT_EQ(p.errors[0], "t.conf:3: unsupported directive 'nosuchdirective'");
  EXPECT_EQ(p.errors[1], "t.conf:5: unsupported directive 'frobnicate'");
  EXPECT_EQ(p.cfg.sys_name, "again");
}

TEST(AgentConfig, DirectivesAreCaseInsensitive) {
  auto p = parse("SYSNAME a\nsyscontact b\nAgentAddress 1161\n");
  EXPECT_TRUE(p.errors.empty());
  EXPECT_EQ(p.cfg.sys_name, "a");
  EXPECT_EQ(p.cfg.sys_contact, "b");
  ASSERT_EQ(p.cfg.addresses.size(), 1u);
}

TEST(AgentConfig, ListenAddresses) {
  auto p = parse("agentaddress udp:127.0.0.1:1161,udp6:[::1]:1162,1163,udp6:1164,127.0.0.2,localhost:99,"
                 "udp6:localhost,[::1]:7\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  std::vector<std::string> got;
  for (const auto& e : p.cfg.addresses) got.push_back(e.to_string());
  EXPECT_EQ(got, (std::vector<std::string>{"127.0.0.1:1161", "[::1]:1162", "0.0.0.0:1163", "[::]:1164",
                                           "127.0.0.2:161", "127.0.0.1:99", "[::1]:161", "[::1]:7"}));
}

TEST(AgentConfig, ListenAddressErrors) {
  expect_error("agentaddress", "agentaddress takes one");
  expect_error("agentaddress a b", "agentaddress takes one");
  expect_error("agentaddress tcp:127.0.0.1:161", "only udp and udp6");
  expect_error("agentaddress unix:/var/run/agentx/master", "only udp and udp6");
  expect_error("agentaddress udp:", "empty listening address");
  expect_error("agentaddress 161,", "empty listening address");
  expect_error("agentaddress udp:127.0.0.1:99999", "is not [udp:|udp6:]ADDRESS[:PORT]");
  expect_error("agentaddress udp:host.example:161", "numeric address");
  expect_error("agentaddress udp:[::1]:161", "udp needs an IPv4 address");
  expect_error("agentaddress udp6:127.0.0.1:161", "udp6 needs an IPv6 address");
}

TEST(AgentConfig, RocommunityExpandsToMappingGroupsViewAndAccess) {
  auto p = parse("rocommunity public\n");
  ASSERT_TRUE(p.errors.empty());
  const auto& c = p.cfg;
  ASSERT_EQ(c.communities.size(), 1u);
  const auto& e = c.communities[0].entry;
  EXPECT_EQ(e.community, "public");
  EXPECT_EQ(e.source, "0.0.0.0/0");  // rocommunity: IPv4 only, as in snmpd
  EXPECT_EQ(e.context_name, "");
  EXPECT_EQ(c.communities[0].origin.to_string(), "t.conf:1");
  ASSERT_EQ(c.groups.size(), 2u);
  EXPECT_EQ(c.groups[0].model, security_model::v1);
  EXPECT_EQ(c.groups[1].model, security_model::v2c);
  for (const auto& g : c.groups) EXPECT_EQ(g.security_name, e.security_name);
  ASSERT_EQ(c.access.size(), 2u);
  for (const auto& a : c.access) {
    EXPECT_EQ(a.group, c.groups[0].group);
    EXPECT_EQ(a.level, security_level::no_auth_no_priv);
    EXPECT_EQ(a.match, context_match::exact);
    EXPECT_EQ(a.read_view, "_all_");
    EXPECT_EQ(a.write_view, "");  // read-only
    EXPECT_EQ(a.notify_view, "");
  }
  // _all_ as snmpd defines it: .0, .1 and .2 included.
  std::vector<oid> all;
  for (const auto& v : c.views)
    if (v.name == "_all_") {
      EXPECT_TRUE(v.included);
      all.push_back(v.subtree);
    }
  EXPECT_EQ(all, (std::vector<oid>{oid{0}, oid{1}, oid{2}}));
}

TEST(AgentConfig, RwcommunityWritesAndRestrictsSourceAndSubtree) {
  auto p = parse("rwcommunity private 10.0.0.0/8 .1.3.6.1.2.1.1\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  const auto& c = p.cfg;
  ASSERT_EQ(c.communities.size(), 1u);
  EXPECT_EQ(c.communities[0].entry.source, "10.0.0.0/8");
  ASSERT_EQ(c.access.size(), 2u);
  const std::string view = c.access[0].read_view;
  EXPECT_NE(view, "_all_");
  EXPECT_EQ(c.access[0].write_view, view);
  const auto* v = find_view(c, view);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->subtree, oid("1.3.6.1.2.1.1"));
  EXPECT_EQ(find_view(c, "_all_"), nullptr);
}

TEST(AgentConfig, CommunitySources) {
  struct {
    const char* line;
    const char* source;
  } cases[] = {
      {"rocommunity c default", "0.0.0.0/0"},
      {"rocommunity c 127.0.0.1", "127.0.0.1/32"},
      {"rocommunity c localhost", "127.0.0.1/32"},
      {"rocommunity c 192.168.0.0/255.255.0.0", "192.168.0.0/16"},
      {"rocommunity c 192.168.1.0/24", "192.168.1.0/24"},
      {"rocommunity6 c default", "::/0"},
      {"rocommunity6 c", "::/0"},
      {"rocommunity6 c ::1", "::1/128"},
      {"rwcommunity6 c fe80::/10", "fe80::/10"},
      {"rocommunity6 c localhost", "::1/128"},
  };
  for (const auto& t : cases) {
    auto p = parse(t.line);
    ASSERT_TRUE(p.errors.empty()) << t.line << ": " << p.errors[0];
    ASSERT_EQ(p.cfg.communities.size(), 1u);
    EXPECT_EQ(p.cfg.communities[0].entry.source, t.source) << t.line;
  }
}

TEST(AgentConfig, CommunityViewAndContext) {
  auto p = parse("view v1only included .1.3.6.1.2.1.1\nrocommunity pub default -V v1only ctx\n"
                 "rocommunity pub2 default -V v1only pre*\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  const auto& c = p.cfg;
  ASSERT_EQ(c.communities.size(), 2u);
  EXPECT_EQ(c.communities[0].entry.context_name, "ctx");
  ASSERT_EQ(c.access.size(), 4u);
  EXPECT_EQ(c.access[0].read_view, "v1only");
  EXPECT_EQ(c.access[0].context_prefix, "ctx");
  EXPECT_EQ(c.access[0].match, context_match::exact);
  EXPECT_EQ(c.access[2].context_prefix, "pre");
  EXPECT_EQ(c.access[2].match, context_match::prefix);
  EXPECT_EQ(c.contexts, (std::vector<std::string>{"ctx", "pre"}));
  // Two shorthands: two distinct security names and groups.
  EXPECT_NE(c.communities[0].entry.security_name, c.communities[1].entry.security_name);
  EXPECT_NE(c.access[0].group, c.access[2].group);
}

TEST(AgentConfig, CommunityErrors) {
  expect_error("rocommunity", "needs a community");
  expect_error("rocommunity \"\"", "empty community");
  expect_error("rocommunity c 10.0.0.0/33", "bad network mask");
  expect_error("rocommunity c 10.0.0.0/255.0.255.0", "bad network mask");
  expect_error("rocommunity c 10.0.0.0/", "bad network mask");
  expect_error("rocommunity c !10.0.0.0/8", "negated sources are not supported");
  expect_error("rocommunity c host.example", "not a numeric IPv4");
  expect_error("rocommunity c ::1", "use rocommunity6");
  expect_error("rocommunity6 c 127.0.0.1", "not a numeric IPv6");
  expect_error("rocommunity c default system", "not a numeric OID");
  expect_error("rocommunity c default -V", "-V needs a view name");
  expect_error("rocommunity c default -V \"\"", "empty view name");
  expect_error("rocommunity c default .1.3 ctx extra", "unexpected 'extra'");
  expect_error("rocommunity c default -V v ctx extra", "too many arguments");
  expect_error("rwcommunity6 c default .1.3 ctx junk", "unexpected 'junk'");
}

TEST(AgentConfig, RouserDefaultsToAuthInEveryContext) {
  auto p = parse("rouser alice\nrwuser bob priv .1.3.6.1.2.1 ctx\nrouser -s usm carol noauth -V v c*\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  const auto& c = p.cfg;
  ASSERT_EQ(c.groups.size(), 3u);
  EXPECT_EQ(c.groups[0].model, security_model::usm);
  EXPECT_EQ(c.groups[0].security_name, "alice");
  EXPECT_EQ(c.groups[1].security_name, "bob");
  ASSERT_EQ(c.access.size(), 3u);
  EXPECT_EQ(c.access[0].group, c.groups[0].group);
  EXPECT_EQ(c.access[0].model, security_model::usm);
  EXPECT_EQ(c.access[0].level, security_level::auth_no_priv);
  EXPECT_EQ(c.access[0].match, context_match::prefix);
  EXPECT_EQ(c.access[0].context_prefix, "");
  EXPECT_EQ(c.access[0].read_view, "_all_");
  EXPECT_EQ(c.access[0].write_view, "");
  EXPECT_EQ(c.access[1].level, security_level::auth_priv);
  EXPECT_EQ(c.access[1].match, context_match::exact);
  EXPECT_EQ(c.access[1].context_prefix, "ctx");
  EXPECT_EQ(c.access[1].write_view, c.access[1].read_view);
  const auto* v = find_view(c, c.access[1].read_view);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->subtree, oid("1.3.6.1.2.1"));
  EXPECT_EQ(c.access[2].level, security_level::no_auth_no_priv);
  EXPECT_EQ(c.access[2].read_view, "v");
  EXPECT_EQ(c.access[2].context_prefix, "c");
  EXPECT_EQ(c.access[2].match, context_match::prefix);
}

TEST(AgentConfig, RouserErrors) {
  expect_error("rouser", "needs a user name");
  expect_error("rouser -s", "-s needs a security model");
  expect_error("rouser -s tsm alice", "is not supported (only usm)");
  expect_error("rouser alice secret", "unknown security level 'secret'");
  expect_error("rwuser alice auth notanoid", "not a numeric OID");
  expect_error("rouser alice auth -V", "-V needs a view name");
  expect_error("rouser alice auth .1 ctx more", "unexpected 'more'");
}

TEST(AgentConfig, CreateUserEveryProtocolSpelling) {
  struct {
    const char* line;
    auth_protocol auth;
    priv_protocol priv;
  } cases[] = {
      {"createUser u MD5 authpass1", auth_protocol::hmac_md5, priv_protocol::none},
      {"createUser u sha authpass1", auth_protocol::hmac_sha, priv_protocol::none},
      {"createUser u SHA1 authpass1", auth_protocol::hmac_sha, priv_protocol::none},
      {"createUser u SHA-224 authpass1", auth_protocol::hmac_sha224, priv_protocol::none},
      {"createUser u SHA256 authpass1", auth_protocol::hmac_sha256, priv_protocol::none},
      {"createUser u SHA-384 authpass1", auth_protocol::hmac_sha384, priv_protocol::none},
      {"createUser u SHA-512 authpass1", auth_protocol::hmac_sha512, priv_protocol::none},
      {"createUser u SHA authpass1 DES privpass1", auth_protocol::hmac_sha, priv_protocol::des},
      {"createUser u SHA authpass1 AES privpass1", auth_protocol::hmac_sha, priv_protocol::aes128},
      {"createUser u SHA authpass1 aes128 privpass1", auth_protocol::hmac_sha, priv_protocol::aes128},
      {"createUser u SHA authpass1 AES-192 privpass1", auth_protocol::hmac_sha, priv_protocol::aes192_blumenthal},
      {"createUser u SHA authpass1 AES256 privpass1", auth_protocol::hmac_sha, priv_protocol::aes256_blumenthal},
      {"createUser u SHA authpass1 AES-192-C privpass1", auth_protocol::hmac_sha, priv_protocol::aes192_reeder},
      {"createUser u SHA authpass1 AES256C privpass1", auth_protocol::hmac_sha, priv_protocol::aes256_reeder},
  };
  for (const auto& t : cases) {
    auto p = parse(t.line);
    ASSERT_TRUE(p.errors.empty()) << t.line << ": " << p.errors[0];
    ASSERT_EQ(p.cfg.users.size(), 1u);
    const auto& u = p.cfg.users[0].user;
    EXPECT_EQ(u.user_name, "u");
    EXPECT_EQ(u.auth, t.auth) << t.line;
    EXPECT_EQ(u.priv, t.priv) << t.line;
    EXPECT_EQ(u.auth_key, "authpass1");
    EXPECT_EQ(u.auth_key_type, key_type::passphrase);
    if (t.priv != priv_protocol::none) {
      EXPECT_EQ(u.priv_key, "privpass1");
    }
    EXPECT_TRUE(u.security_engine_id.empty());
  }
}

TEST(AgentConfig, CreateUserForms) {
  auto p = parse("createUser nobody\n"
                 "createUser -e 0x8000000001020304 remote SHA authpass1\n"
                 "createUser same SHA authpass1 AES\n"
                 "createUser \"with space\" MD5 \"a pass phrase\"\n"
                 "createUser keys SHA -m 0x0102030405060708090a0b0c0d0e0f1011121314 AES -l 0x000102030405060708090a0b0c0d0e0f\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  const auto& us = p.cfg.users;
  ASSERT_EQ(us.size(), 5u);
  EXPECT_EQ(us[0].user.auth, auth_protocol::none);
  EXPECT_EQ(us[1].user.security_engine_id, std::string("\x80\x00\x00\x00\x01\x02\x03\x04", 8));
  EXPECT_EQ(us[2].user.priv, priv_protocol::aes128);
  EXPECT_EQ(us[2].user.priv_key, "authpass1");  // no privacy pass phrase: the authentication one
  EXPECT_EQ(us[3].user.user_name, "with space");
  EXPECT_EQ(us[3].user.auth_key, "a pass phrase");
  EXPECT_EQ(us[4].user.auth_key_type, key_type::master);
  EXPECT_EQ(us[4].user.auth_key.size(), 20u);
  EXPECT_EQ(us[4].user.auth_key[19], '\x14');
  EXPECT_EQ(us[4].user.priv_key_type, key_type::localized);
  EXPECT_EQ(us[4].user.priv_key.size(), 16u);
  EXPECT_EQ(us[4].origin.to_string(), "t.conf:5");
}

TEST(AgentConfig, CreateUserErrors) {
  expect_error("createUser", "needs a user name");
  expect_error("createUser -e", "-e needs an engine ID");
  expect_error("createUser -e zz u SHA authpass1", "not 5 to 32 octets of hex");
  expect_error("createUser -e 0x0102 u SHA authpass1", "not 5 to 32 octets of hex");
  expect_error("createUser u HMAC-SHA authpass1", "unknown authentication protocol 'HMAC-SHA'");
  expect_error("createUser u SHA", "missing the authentication pass phrase");
  expect_error("createUser u SHA short", "shorter than 8 characters");
  expect_error("createUser u SHA authpass1 3DES privpass1", "unknown privacy protocol '3DES'");
  expect_error("createUser u SHA authpass1 AES short", "privacy pass phrase is shorter than 8");
  expect_error("createUser u SHA authpass1 AES privpass1 extra", "unexpected 'extra'");
  expect_error("createUser u SHA -m", "-m needs a hex authentication key");
  expect_error("createUser u SHA -l 0xnothex", "is not hex");
  expect_error("createUser u SHA -m 0x123", "is not hex");
  expect_error("createUser u SHA authpass1 AES -l", "-l needs a hex privacy key");
  expect_error("createUser " + std::string(33, 'x') + " SHA authpass1", "longer than 32 octets");
  expect_error("createUser \"unterminated SHA authpass1", "unterminated quoted string");
}

TEST(AgentConfig, ViewGroupAccess) {
  auto p = parse("view all included .1\n"
                 "view sys excluded .1.3.6.1.2.1.1.9 ff:80\n"
                 "view row included 1.3.6.1.2.1.2.2.1.0.4 0xffa0\n"
                 "group g v1 s1\ngroup g v2c s1\ngroup gu usm alice\n"
                 "access g \"\" any noauth exact all none none\n"
                 "access gu ctx usm priv prefix all all none\n"
                 "access gu c2 usm authnopriv exact all none all\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  const auto& c = p.cfg;
  ASSERT_EQ(c.views.size(), 3u);
  EXPECT_EQ(c.views[1].name, "sys");
  EXPECT_FALSE(c.views[1].included);
  EXPECT_EQ(c.views[1].mask, "ff.80");
  EXPECT_EQ(c.views[2].mask, "ff.a0");
  EXPECT_EQ(c.views[2].subtree, oid("1.3.6.1.2.1.2.2.1.0.4"));
  ASSERT_EQ(c.groups.size(), 3u);
  EXPECT_EQ(c.groups[2].model, security_model::usm);
  EXPECT_EQ(c.groups[2].security_name, "alice");
  EXPECT_EQ(c.groups[2].group, "gu");
  ASSERT_EQ(c.access.size(), 3u);
  EXPECT_EQ(c.access[0].context_prefix, "");
  EXPECT_EQ(c.access[0].model, security_model::any);
  EXPECT_EQ(c.access[0].read_view, "all");
  EXPECT_EQ(c.access[0].write_view, "");  // "none"
  EXPECT_EQ(c.access[1].level, security_level::auth_priv);
  EXPECT_EQ(c.access[1].match, context_match::prefix);
  EXPECT_EQ(c.access[1].write_view, "all");
  EXPECT_EQ(c.access[2].level, security_level::auth_no_priv);
  EXPECT_EQ(c.access[2].notify_view, "all");
  // An exact context is one the agent knows; a prefix names no context of its own.
  EXPECT_EQ(c.contexts, (std::vector<std::string>{"c2"}));
}

TEST(AgentConfig, ViewGroupAccessErrors) {
  expect_error("view v included", "view takes");
  expect_error("view v included .1 ff extra", "view takes");
  expect_error("view v maybe .1", "neither included nor excluded");
  expect_error("view v included iso", "not a numeric OID");
  expect_error("view v included .1 zz", "bad mask");
  expect_error("view v included .1 f", "bad mask");
  expect_error("view v included .1 ff:", "bad mask");
  expect_error("view v included .1 0x", "bad mask");
  expect_error("view " + std::string(33, 'v') + " included .1", "1 to 32 characters");
  expect_error("group g v1", "group takes");
  expect_error("group g tsm s", "'tsm' is not supported");
  expect_error("group g any s", "'any' is not supported");
  expect_error("access g \"\" any noauth exact all none", "access takes");
  expect_error("access g \"\" ksm noauth exact all none none", "'ksm' is not supported");
  expect_error("access g \"\" any high exact all none none", "unknown security level 'high'");
  expect_error("access g \"\" any noauth fuzzy all none none", "neither exact nor prefix");
  expect_error("access \"\" \"\" any noauth exact all none none", "empty group name");
}

TEST(AgentConfig, SystemGroup) {
  auto p = parse("sysDescr  A test  agent \nsysName \"quoted name\"\nsysContact me@example.org\n"
                 "sysLocation rack 4\nsysObjectID .1.3.6.1.4.1.99999\nsysServices 72\nengineID hello\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  const auto& c = p.cfg;
  EXPECT_EQ(c.sys_descr, "A test  agent");  // inner blanks kept, as snmpd keeps them
  EXPECT_EQ(c.sys_name, "\"quoted name\"");  // snmpd keeps the quotes
  EXPECT_EQ(c.sys_contact, "me@example.org");
  EXPECT_EQ(c.sys_location, "rack 4");
  EXPECT_EQ(c.sys_object_id, oid("1.3.6.1.4.1.99999"));
  EXPECT_EQ(c.sys_services, 72);
  EXPECT_EQ(c.engine_id, std::string("\x80\x00\x1f\x88\x04hello", 10));
}

TEST(AgentConfig, SystemGroupErrors) {
  expect_error("sysDescr", "sysDescr needs a value");
  expect_error("sysLocation   ", "sysLocation needs a value");
  expect_error("sysContact " + std::string(256, 'c'), "longer than 255");
  expect_error("sysObjectID", "sysObjectID takes one OID");
  expect_error("sysObjectID enterprises", "not a numeric OID");
  expect_error("sysObjectID .1", "not a numeric OID");
  expect_error("sysServices", "sysServices takes one number");
  expect_error("sysServices 128", "not a number from 0 to 127");
  expect_error("sysServices -1", "not a number from 0 to 127");
  expect_error("sysServices 7x", "not a number from 0 to 127");
  expect_error("engineID", "engineID needs a value");
  expect_error("engineID " + std::string(28, 'e'), "longer than 27");
  expect_error("[snmp]", "configuration type sections");
  expect_error(std::string_view("sysName a\0b", 11), "NUL character");
}

TEST(AgentConfig, LoadFile) {
  const test::temp_dir tmp("agent-config");
  const std::string path = (tmp / "agent.conf").string();
  {
    std::ofstream out(path);
    out << "sysName from-file\nbad line here\n";
  }
  agent_config cfg;
  std::vector<std::string> errors;
  load_agent_config_file(path, cfg, errors);
  EXPECT_EQ(cfg.sys_name, "from-file");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], path + ":2: unsupported directive 'bad'");

  errors.clear();
  const std::string missing = (tmp / "no-such-dir" / "x.conf").string();
  load_agent_config_file(missing, cfg, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], missing + ": cannot read the file");
}

TEST(AgentConfig, EngineIdFromTextIsSnmpdFormat4) {
  EXPECT_EQ(engine_id_from_text("x"), std::string("\x80\x00\x1f\x88\x04x", 6));
}

}  // namespace
}  // namespace snmpio::samples

// ---------------------------------------------------------------- notification sinks

namespace snmpio::samples {
namespace {

TEST(AgentConfigSinks, TrapsinkTrap2sinkInformsink) {
  auto p = parse(
      "trapsink 127.0.0.1\n"
      "trapcommunity secret\n"
      "trap2sink udp:127.0.0.1:1162\n"
      "informsink 10.1.2.3 other 2162\n"
      "trap2sink -name n1 -tag t1 udp6:[::1]:3162 c6\n"
      "trapsink localhost:4162 c 999\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  ASSERT_EQ(p.cfg.sinks.size(), 5u);
  const auto& s = p.cfg.sinks;
  EXPECT_EQ(s[0].type, configured_sink::kind::trap_v1);
  EXPECT_EQ(s[0].community, "public");  // before trapcommunity: the default
  EXPECT_EQ(s[0].host, "127.0.0.1");
  EXPECT_EQ(s[0].port, 162);
  EXPECT_FALSE(s[0].v6);
  EXPECT_EQ(s[0].origin.to_string(), "t.conf:1");
  EXPECT_EQ(s[1].type, configured_sink::kind::trap_v2c);
  EXPECT_EQ(s[1].community, "secret");
  EXPECT_EQ(s[1].port, 1162);
  EXPECT_EQ(s[2].type, configured_sink::kind::inform_v2c);
  EXPECT_EQ(s[2].community, "other");
  EXPECT_EQ(s[2].host, "10.1.2.3");
  EXPECT_EQ(s[2].port, 2162);  // PORT applies when HOST has none
  EXPECT_TRUE(s[3].v6);
  EXPECT_EQ(s[3].host, "::1");
  EXPECT_EQ(s[3].port, 3162);
  EXPECT_EQ(s[3].community, "c6");
  EXPECT_EQ(s[4].host, "localhost");  // a name, resolved when sending
  EXPECT_EQ(s[4].port, 4162);         // HOST's port wins over PORT
  EXPECT_EQ(s[4].origin.line, 6);
}

TEST(AgentConfigSinks, TrapsessV3AuthPriv) {
  auto p = parse("trapsess -v 3 -u bob -l authPriv -a SHA -A authpass123 -x AES -X privpass123 udp:127.0.0.1:1162\n"
                 "trapsess -v3 -Ci -u al -l authNoPriv -a SHA-256 -A authpass123 -n ctx -r 2 -t 0.5 [::1]:1163\n"
                 "trapsess -v 3 -u nobody -l noAuthNoPriv 127.0.0.1\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  ASSERT_EQ(p.cfg.sinks.size(), 3u);
  const auto& a = p.cfg.sinks[0];
  EXPECT_EQ(a.type, configured_sink::kind::trap_v3);
  EXPECT_EQ(a.user.user_name, "bob");
  EXPECT_EQ(a.user.auth, auth_protocol::hmac_sha);
  EXPECT_EQ(a.user.auth_key, "authpass123");
  EXPECT_EQ(a.user.priv, priv_protocol::aes128);
  EXPECT_EQ(a.user.priv_key, "privpass123");
  EXPECT_EQ(a.port, 1162);
  const auto& b = p.cfg.sinks[1];
  EXPECT_EQ(b.type, configured_sink::kind::inform_v3);
  EXPECT_EQ(b.user.auth, auth_protocol::hmac_sha256);
  EXPECT_EQ(b.user.priv, priv_protocol::none);
  EXPECT_EQ(b.context.context_name, "ctx");
  EXPECT_EQ(b.timing.retries, 2);
  EXPECT_EQ(b.timing.timeout, std::chrono::milliseconds(500));
  EXPECT_TRUE(b.v6);
  EXPECT_EQ(b.port, 1163);
  const auto& c = p.cfg.sinks[2];
  EXPECT_EQ(c.user.auth, auth_protocol::none);
  EXPECT_EQ(c.port, 162);
}

TEST(AgentConfigSinks, TrapsessCommunityForms) {
  auto p = parse("trapcommunity tc\n"
                 "trapsess -v 2c 127.0.0.1:1\n"
                 "trapsess -v2c -Ci -c inf 127.0.0.1:2\n"
                 "trapsess -v 1 -c one 127.0.0.1:3\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  ASSERT_EQ(p.cfg.sinks.size(), 3u);
  EXPECT_EQ(p.cfg.sinks[0].type, configured_sink::kind::trap_v2c);
  EXPECT_EQ(p.cfg.sinks[0].community, "tc");
  EXPECT_EQ(p.cfg.sinks[1].type, configured_sink::kind::inform_v2c);
  EXPECT_EQ(p.cfg.sinks[1].community, "inf");
  EXPECT_EQ(p.cfg.sinks[2].type, configured_sink::kind::trap_v1);
  EXPECT_EQ(p.cfg.sinks[2].community, "one");
}

TEST(AgentConfigSinks, V1TrapAddress) {
  auto p = parse("v1trapaddress 192.0.2.7\n");
  ASSERT_TRUE(p.errors.empty());
  EXPECT_EQ(p.cfg.v1_trap_address, (std::array<std::uint8_t, 4>{192, 0, 2, 7}));
  expect_error("v1trapaddress ::1", "not a numeric IPv4 address");
}

TEST(AgentConfigSinks, Errors) {
  expect_error("trapsink", "needs a host");
  expect_error("trap2sink 127.0.0.1 c 162 extra", "too many arguments");
  expect_error("informsink 127.0.0.1 c 70000", "not a port number");
  expect_error("trap2sink 127.0.0.1 c port", "not a port number");
  expect_error("trapsink tcp:127.0.0.1:162", "only udp and udp6");
  expect_error("trapsink udp6:127.0.0.1", "udp6 needs an IPv6 address");
  expect_error("trapsink 127.0.0.1:99999", "bad port");
  expect_error("trapsink host!name", "not HOST[:PORT]");
  expect_error("trapsink -profile p 127.0.0.1", "-profile");
  expect_error("trapsink -s 127.0.0.2 127.0.0.1", "-s");
  expect_error("trapsink -name", "-name needs a value");
  expect_error("trapcommunity", "trapcommunity takes one community");
  expect_error("trapsess", "needs a host");
  expect_error("trapsess -v 2c", "needs a host");
  expect_error("trapsess -v 2c 127.0.0.1 127.0.0.2", "unexpected '127.0.0.2'");
  expect_error("trapsess -v 4 127.0.0.1", "unknown version '4'");
  expect_error("trapsess -v 1 -Ci 127.0.0.1", "-Ci (inform) needs -v 2c or -v 3");
  expect_error("trapsess -v 2c -Cx 127.0.0.1", "unknown -C flag 'x'");
  expect_error("trapsess -v 3 127.0.0.1", "needs a user name");
  expect_error("trapsess -v 3 -u u -l authNoPriv -A short 127.0.0.1", "shorter than 8");
  expect_error("trapsess -v 3 -u u -l authPriv -A authpass123 -X short 127.0.0.1", "shorter than 8");
  expect_error("trapsess -v 3 -u u -l bogus 127.0.0.1", "unknown security level 'bogus'");
  expect_error("trapsess -v 3 -u u -a MD4 127.0.0.1", "unknown authentication protocol 'MD4'");
  expect_error("trapsess -v 3 -u u -x RC4 127.0.0.1", "unknown privacy protocol 'RC4'");
  expect_error("trapsess -v 3 -u u -e 0x12 127.0.0.1", "not 5 to 32 octets");
  expect_error("trapsess -v 2c -r many 127.0.0.1", "-r");
  expect_error("trapsess -v 2c -t 0 127.0.0.1", "-t");
  expect_error("trapsess -v 2c -q 127.0.0.1", "unsupported option '-q'");
  expect_error("trapsess -v", "-v needs a value");
}

TEST(AgentConfigSinks, ErrorsCarryTheirLine) {
  auto p = parse("trap2sink 127.0.0.1\n\ntrapsess -v 9 127.0.0.1\ninformsink\n");
  ASSERT_EQ(p.errors.size(), 2u);
  EXPECT_EQ(p.errors[0].rfind("t.conf:3: trapsess", 0), 0u) << p.errors[0];
  EXPECT_EQ(p.errors[1], "t.conf:4: informsink needs a host");
  EXPECT_EQ(p.cfg.sinks.size(), 1u);
}

}  // namespace
}  // namespace snmpio::samples

// ---- the shared tokenizer (samples/common/config_words), Net-SNMP's rules

namespace snmpio::samples {
namespace {

std::vector<std::string> words(std::string_view line) {
  std::vector<std::string> w;
  std::string err;
  EXPECT_TRUE(split_config_words(line, w, err)) << line << ": " << err;
  return w;
}

TEST(ConfigWords, QuotesBackslashesAndComments) {
  using v = std::vector<std::string>;
  EXPECT_EQ(words("createUser bob SHA \"pass # word\" AES 'x#y z'"),
            (v{"createUser", "bob", "SHA", "pass # word", "AES", "x#y z"}));
  EXPECT_EQ(words("a pass#word"), (v{"a", "pass#word"}));       // # inside a word
  EXPECT_EQ(words("a b # a comment \"x"), (v{"a", "b"}));        // # that begins a word
  EXPECT_EQ(words("a b #comment"), (v{"a", "b"}));
  EXPECT_EQ(words("   # only a comment"), v{});
  EXPECT_EQ(words(""), v{});
  EXPECT_EQ(words("a\\ b c"), (v{"a b", "c"}));                  // backslash outside quotes
  EXPECT_EQ(words("\"a\\\"b\" 'c\\'d'"), (v{"a\"b", "c'd"}));    // and inside
  EXPECT_EQ(words("\"\" x"), (v{"", "x"}));                      // an empty quoted word
  EXPECT_EQ(words("\"ab\"cd"), (v{"ab", "cd"}));                 // as Net-SNMP: two words
  EXPECT_EQ(words("\ttab\tseparated\r"), (v{"tab", "separated"}));
}

TEST(ConfigWords, UnterminatedQuoteIsAnError) {
  for (std::string_view line : {"createUser bob SHA \"pass word", "a 'b", "a \"b\\\""}) {
    std::vector<std::string> w;
    std::string err;
    EXPECT_FALSE(split_config_words(line, w, err)) << line;
    EXPECT_NE(err.find("unterminated"), std::string::npos) << err;
  }
}

// The passphrase a quoted word holds is the whole word, # and all, in both readers;
// an unquoted # that begins a word ends the line.
TEST(ConfigWords, PassphrasesWithHashInBothReaders) {
  for (auto kind : {config_kind::snmpd, config_kind::snmptrapd}) {
    agent_config c;
    std::vector<std::string> errors;
    parse_agent_config("createUser bob SHA \"pass #1 word\" AES 'priv#2 word' # comment\n"
                       "createUser amy SHA pass#word1\n",
                       "t.conf", c, errors, kind);
    ASSERT_TRUE(errors.empty()) << errors[0];
    ASSERT_EQ(c.users.size(), 2u);
    EXPECT_EQ(c.users[0].user.auth_key, "pass #1 word");
    EXPECT_EQ(c.users[0].user.priv_key, "priv#2 word");
    EXPECT_EQ(c.users[1].user.auth_key, "pass#word1");
    errors.clear();
    // Unquoted, the # starts a comment: the passphrase is missing, an error (never a
    // shorter passphrase).
    parse_agent_config("createUser eve SHA #secret123\n", "t.conf", c, errors, kind);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].find("missing the authentication pass phrase"), std::string::npos) << errors[0];
    errors.clear();
    parse_agent_config("createUser eve SHA \"unterminated #secret\n", "t.conf", c, errors, kind);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].find("t.conf:1: unterminated"), std::string::npos) << errors[0];
  }
}

// ---- snmptrapd.conf: authCommunity, authUser, authGroup as snmptrapd expands them

parsed parse_trapd(std::string_view text) {
  parsed p;
  parse_agent_config(text, "t.conf", p.cfg, p.errors, config_kind::snmptrapd);
  return p;
}

TEST(TrapdConfig, AuthUserDefaultsToAuthEveryContextEverything) {
  auto p = parse_trapd("authUser log bob\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  ASSERT_EQ(p.cfg.groups.size(), 1u);
  EXPECT_EQ(p.cfg.groups[0].model, security_model::usm);
  EXPECT_EQ(p.cfg.groups[0].security_name, "bob");
  EXPECT_EQ(p.cfg.groups[0].group, "grpbob");
  ASSERT_EQ(p.cfg.access.size(), 1u);
  const auto& a = p.cfg.access[0];
  EXPECT_EQ(a.group, "grpbob");
  EXPECT_EQ(a.model, security_model::usm);
  EXPECT_EQ(a.level, security_level::auth_no_priv);
  EXPECT_EQ(a.match, context_match::prefix);
  EXPECT_EQ(a.context_prefix, "");
  EXPECT_EQ(a.log_view, "_all_");
  EXPECT_EQ(a.execute_view, "");
  EXPECT_EQ(a.net_view, "");
  EXPECT_EQ(a.notify_view, "");
}

TEST(TrapdConfig, TypesLevelsOidsViewsAndContexts) {
  auto p = parse_trapd(
      "authUser log,execute|net:notify -s usm al.ice priv .1.3.6.1.6.3.1.1.5 ctx\n"
      "authUser log bob noauth -V myview ctx*\n"
      "authUser execute bob noauth -V myview ctx*\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  ASSERT_EQ(p.cfg.access.size(), 2u);  // bob's two lines are one entry, as setaccess makes them
  const auto& alice = p.cfg.access[0];
  EXPECT_EQ(alice.group, "grpal_ice");
  EXPECT_EQ(alice.level, security_level::auth_priv);
  EXPECT_EQ(alice.match, context_match::exact);
  EXPECT_EQ(alice.context_prefix, "ctx");
  EXPECT_FALSE(alice.log_view.empty());
  EXPECT_EQ(alice.log_view, alice.execute_view);
  EXPECT_EQ(alice.log_view, alice.net_view);
  EXPECT_EQ(alice.log_view, alice.notify_view);
  const auto* v = find_view(p.cfg, alice.log_view);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->subtree, oid("1.3.6.1.6.3.1.1.5"));
  const auto& bob = p.cfg.access[1];
  EXPECT_EQ(bob.level, security_level::no_auth_no_priv);
  EXPECT_EQ(bob.match, context_match::prefix);
  EXPECT_EQ(bob.context_prefix, "ctx");
  EXPECT_EQ(bob.log_view, "myview");
  EXPECT_EQ(bob.execute_view, "myview");
  EXPECT_EQ(bob.net_view, "");
}

TEST(TrapdConfig, AuthCommunityMapsSourceAndVersions) {
  auto p = parse_trapd("authCommunity log,net public\nauthCommunity log -v 2c private 10.0.0.0/8\n"
                       "authCommunity execute v6 fe80::/10 .1.3.6.1.4.1\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  ASSERT_EQ(p.cfg.communities.size(), 3u);
  EXPECT_EQ(p.cfg.communities[0].entry.source, "");  // anywhere, IPv4 and IPv6
  EXPECT_EQ(p.cfg.communities[1].entry.source, "10.0.0.0/8");
  EXPECT_EQ(p.cfg.communities[2].entry.source, "fe80::/10");
  // public: groups for v1 and v2c; private: v2c only.
  int public_groups = 0, private_groups = 0;
  for (const auto& g : p.cfg.groups) {
    if (g.security_name == p.cfg.communities[0].entry.security_name) ++public_groups;
    if (g.security_name == p.cfg.communities[1].entry.security_name) {
      ++private_groups;
      EXPECT_EQ(g.model, security_model::v2c);
    }
  }
  EXPECT_EQ(public_groups, 2);
  EXPECT_EQ(private_groups, 1);
  ASSERT_EQ(p.cfg.access.size(), 3u);
  EXPECT_EQ(p.cfg.access[0].model, security_model::any);
  EXPECT_EQ(p.cfg.access[0].level, security_level::no_auth_no_priv);
  EXPECT_EQ(p.cfg.access[0].log_view, "_all_");
  EXPECT_EQ(p.cfg.access[0].net_view, "_all_");
  EXPECT_EQ(p.cfg.access[0].execute_view, "");
  EXPECT_EQ(p.cfg.access[1].model, security_model::v2c);
  EXPECT_EQ(p.cfg.access[2].log_view, "");
  EXPECT_NE(p.cfg.access[2].execute_view, "");
}

// authGroup authorizes a group made with group lines (snmptrapd.conf(5); Net-SNMP
// 5.9.3's snmptrapd instead reads the name as a user's, see snmpio-trapd(1)).
TEST(TrapdConfig, AuthGroupAuthorizesTheNamedGroup) {
  auto p = parse_trapd("group ops usm alice\ngroup ops usm bob\nauthGroup log ops noauth\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  ASSERT_EQ(p.cfg.groups.size(), 2u);
  ASSERT_EQ(p.cfg.access.size(), 1u);
  EXPECT_EQ(p.cfg.access[0].group, "ops");
  EXPECT_EQ(p.cfg.access[0].level, security_level::no_auth_no_priv);
}

TEST(TrapdConfig, DisableAuthorizationAndOutputSettings) {
  auto p = parse_trapd("disableAuthorization yes\ndoNotLogTraps no\nformat2 %v\\n\noutputOption s\n");
  ASSERT_TRUE(p.errors.empty()) << p.errors[0];
  EXPECT_TRUE(p.cfg.disable_authorization);
  EXPECT_FALSE(p.cfg.do_not_log_traps);
  EXPECT_TRUE(parse_trapd("disableAuthorization 0\n").errors.empty());
  EXPECT_FALSE(parse_trapd("disableAuthorization false\n").cfg.disable_authorization);
}

TEST(TrapdConfig, EveryBadLineIsAnError) {
  const std::pair<const char*, const char*> bad[] = {
      {"authUser log", "takes TYPES"},
      {"authUser logg bob", "unknown authorization type 'logg'"},
      {"authUser log, bob", "unknown authorization type ''"},
      {"authUser log bob high", "unknown security level 'high'"},
      {"authUser log -s tsm bob", "security model 'tsm' is not supported"},
      {"authUser log -s", "-s needs a security model"},
      {"authUser log bob auth .1 ctx extra", "unexpected 'extra'"},
      {"authUser log bob auth .1 \"\"", "empty context"},
      {"authUser log bob auth -V", "-V needs a view name"},
      {"authUser log bob auth 1.3.x", "not a numeric OID"},
      {"authCommunity log", "takes TYPES"},
      {"authCommunity log -v 3 public", "-v '3' is not 1 or 2c"},
      {"authCommunity log public 10.0.0.0/33", "source"},
      {"authCommunity log \"\"", "needs a community"},
      {"disableAuthorization maybe", "not yes or no"},
      {"disableAuthorization", "takes yes or no"},
      {"rocommunity public", "unsupported directive 'rocommunity'"},  // an snmpd line
      {"traphandle default /bin/true", "unsupported directive 'traphandle'"},
  };
  for (const auto& [line, what] : bad) {
    auto p = parse_trapd(line);
    ASSERT_EQ(p.errors.size(), 1u) << line;
    EXPECT_EQ(p.errors[0].rfind("t.conf:1: ", 0), 0u) << p.errors[0];
    EXPECT_NE(p.errors[0].find(what), std::string::npos) << "'" << line << "' gave: " << p.errors[0];
  }
}

}  // namespace
}  // namespace snmpio::samples
