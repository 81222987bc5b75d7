// The engine's agent side as the authoritative SNMPv3 engine (RFC 3414 §3.2) and its
// v1/v2c message handling, fed crafted datagrams directly (no sockets): every check of
// testing.md section C with its counter and Report, and the section B message cases.
#include <snmpio/engine.hpp>

#include "ber/message_codec.hpp"
#include "crypto/usm_crypto.hpp"
#include "engine/engine_impl.hpp"
#include "tests/support/echo_responder.hpp"
#include "tests/support/sloppy_encoder.hpp"

#include <gtest/gtest.h>

#include <cstring>

using namespace snmpio;
namespace crypto = snmpio::crypto;

namespace {

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

const std::string kEngineId("\x80\x00\x1f\x88\x80\x01\x02\x03\x04", 9);
const oid kName{1, 3, 6, 1, 2, 1, 1, 5, 0};

// A manager's message to the agent, built from the codec and USM cryptography.
struct v3_message {
  std::string engine_id = kEngineId;
  std::int32_t boots = 7;
  std::int32_t time = 1000;
  std::string user = "alice";
  crypto::auth_algorithm auth = crypto::auth_algorithm::sha1;
  std::string auth_pass = "alice-auth-pass";
  crypto::priv_algorithm priv = crypto::priv_algorithm::aes128;
  std::string priv_pass = "alice-priv-pass";
  std::uint8_t flags = 7;  // authPriv, reportable
  std::int32_t msg_id = 4242;
  std::int32_t max_size = 65507;
  std::int32_t security_model = 3;
  std::string context_engine_id = kEngineId;
  std::string context_name;
  pdu data = [] {
    pdu p;
    p.type = pdu_type::get_request;
    p.request_id = 99;
    p.varbinds.push_back({kName, value::null()});
    return p;
  }();
  // Tampering.
  std::optional<std::size_t> auth_params_size;
  bool flip_digest_bit = false;
  std::optional<std::string> priv_params;
  bool truncate_ciphertext = false;

  std::vector<std::uint8_t> build() const {
    crypto::secure_bytes ku, kul, pku, pkul, pkey;
    if (auth != crypto::auth_algorithm::none) {
      EXPECT_FALSE(crypto::password_to_key(auth, auth_pass, ku));
      EXPECT_FALSE(crypto::localize_key(auth, ku.view(), bytes_of(engine_id), kul));
    }
    if (priv != crypto::priv_algorithm::none) {
      EXPECT_FALSE(crypto::password_to_key(auth, priv_pass, pku));
      EXPECT_FALSE(crypto::localize_key(auth, pku.view(), bytes_of(engine_id), pkul));
      EXPECT_FALSE(crypto::extend_priv_key(auth, priv, pkul.view(), bytes_of(engine_id), pkey));
    }
    ber::v3_header h{msg_id, max_size, flags, security_model};
    ber::usm_security_parameters usm{engine_id, boots, time, user, "", ""};
    const std::size_t alen = auth_params_size ? *auth_params_size
                             : (flags & 1)    ? crypto::auth_params_length(auth)
                                              : 0;
    usm.auth_params.assign(alen, '\0');
    ber::scoped_pdu s{context_engine_id, context_name, data};
    ber::writer w;
    ber::v3_encoding where;
    if (flags & 2) {
      ber::writer sw;
      EXPECT_FALSE(ber::encode_scoped_pdu(sw, s));
      std::vector<std::uint8_t> ct;
      std::uint8_t params[8];
      EXPECT_FALSE(crypto::encrypt(priv, pkey.view(), boots, time, 12345, sw.data(), ct, params));
      if (truncate_ciphertext) ct.pop_back();
      usm.priv_params = priv_params ? *priv_params : std::string(reinterpret_cast<char*>(params), 8);
      EXPECT_FALSE(ber::encode_v3_message_encrypted(w, h, usm, ct, &where));
    } else {
      EXPECT_FALSE(ber::encode_v3_message(w, h, usm, s, &where));
    }
    std::vector<std::uint8_t> out(w.data().begin(), w.data().end());
    if ((flags & 1) && alen) {
      std::vector<std::uint8_t> digest;
      EXPECT_FALSE(crypto::hmac(auth, kul.view(), out, digest));
      std::memcpy(out.data() + where.auth_params_offset, digest.data(), std::min(alen, digest.size()));
      if (flip_digest_bit) out[where.auth_params_offset] ^= 0x01;
    }
    return out;
  }
};

// What the agent sent back, decoded.
struct answer {
  ber::v3_header header;
  ber::usm_security_parameters usm;
  bool encrypted = false;
  ber::scoped_pdu scoped;
};

class AgentUsm : public ::testing::Test {
 protected:
  AgentUsm() : eng_(loop_, engine_options{.engine_id = kEngineId, .engine_boots = 7}), echo_(eng_) {
    eng_.impl().set_agent_output_for_testing([this](std::span<const std::uint8_t> d, const endpoint&) {
      sent_.emplace_back(d.begin(), d.end());
    });
    EXPECT_FALSE(eng_.add_usm_user({.user_name = "alice", .auth = auth_protocol::hmac_sha, .auth_key = "alice-auth-pass",
                                    .priv = priv_protocol::aes128, .priv_key = "alice-priv-pass"}));
    EXPECT_FALSE(eng_.add_usm_user({.user_name = "bob", .auth = auth_protocol::hmac_md5, .auth_key = "bob-auth-pass"}));
    EXPECT_FALSE(eng_.add_usm_user({.user_name = "carol"}));
    EXPECT_FALSE(eng_.add_usm_user({.user_name = "dave", .auth = auth_protocol::hmac_sha, .auth_key = "dave-auth-pass",
                                    .priv = priv_protocol::des, .priv_key = "dave-priv-pass"}));
    for (const char* u : {"alice", "bob", "carol", "dave"}) eng_.add_vacm_group(security_model::usm, u, "g");
    EXPECT_FALSE(eng_.add_vacm_view("all", oid{1}));
    eng_.add_vacm_access({.group = "g", .model = security_model::usm, .read_view = "all"});
    EXPECT_FALSE(eng_.add_community({.community = "public", .security_name = "pub"}));
    eng_.add_vacm_group(security_model::v2c, "pub", "g2");
    eng_.add_vacm_group(security_model::v1, "pub", "g2");
    eng_.add_vacm_access({.group = "g2", .read_view = "all"});
  }

  void feed(const std::vector<std::uint8_t>& d) {
    eng_.impl().on_agent_datagram(d, endpoint::loopback_v4(5000), endpoint::loopback_v4(161));
  }
  // The one datagram sent since the last call, decoded (nullopt: nothing was sent).
  std::optional<answer> reply(crypto::priv_algorithm priv = crypto::priv_algorithm::none) {
    if (sent_.empty()) return std::nullopt;
    EXPECT_EQ(sent_.size(), 1u);
    auto d = sent_.back();
    sent_.clear();
    ber::v3_message_view v;
    EXPECT_FALSE(ber::decode_v3_message(d, v));
    ber::usm_security_parameters_view u;
    EXPECT_FALSE(ber::decode_usm_security_parameters(v.security_parameters, u));
    answer a;
    a.header = v.header;
    a.usm = {std::string(ber::as_chars(u.engine_id)), u.engine_boots, u.engine_time,
             std::string(ber::as_chars(u.user_name)), std::string(ber::as_chars(u.auth_params)),
             std::string(ber::as_chars(u.priv_params))};
    a.encrypted = v.encrypted;
    if (v.encrypted) {
      crypto::secure_bytes pku, pkul, key;
      EXPECT_FALSE(crypto::password_to_key(crypto::auth_algorithm::sha1, "alice-priv-pass", pku));
      EXPECT_FALSE(crypto::localize_key(crypto::auth_algorithm::sha1, pku.view(), bytes_of(kEngineId), pkul));
      EXPECT_FALSE(crypto::extend_priv_key(crypto::auth_algorithm::sha1, priv, pkul.view(), bytes_of(kEngineId), key));
      std::vector<std::uint8_t> plain;
      EXPECT_FALSE(crypto::decrypt(priv, key.view(), u.engine_boots, u.engine_time, u.priv_params,
                                   v.scoped_pdu_data, plain));
      EXPECT_FALSE(ber::decode_scoped_pdu(plain, a.scoped, true));
    } else {
      EXPECT_FALSE(ber::decode_scoped_pdu(v.scoped_pdu_data, a.scoped));
    }
    return a;
  }
  agent_stats stats() { return eng_.agent_statistics(); }
  // The engine's current time, as the manager would have learnt it.
  std::int32_t now() { return eng_.engine_time(); }

  reactor loop_;
  engine eng_;
  test::echo_responder echo_;
  std::vector<std::vector<std::uint8_t>> sent_;
};

oid usm_stat(std::uint32_t n) { return oid{1, 3, 6, 1, 6, 3, 15, 1, 1, n, 0}; }

void expect_report(const std::optional<answer>& a, std::uint32_t stat, std::uint64_t count, std::uint8_t flags,
                   std::int32_t request_id) {
  ASSERT_TRUE(a);
  EXPECT_EQ(a->header.flags, flags);
  EXPECT_EQ(a->header.msg_id, 4242);
  EXPECT_EQ(a->usm.engine_id, kEngineId);
  EXPECT_EQ(a->usm.engine_boots, 7);
  ASSERT_EQ(a->scoped.data.type, pdu_type::report);
  EXPECT_EQ(a->scoped.data.request_id, request_id);
  ASSERT_EQ(a->scoped.data.varbinds.size(), 1u);
  EXPECT_EQ(a->scoped.data.varbinds[0].name, usm_stat(stat));
  EXPECT_EQ(a->scoped.data.varbinds[0].value, value::counter32(static_cast<std::uint32_t>(count)));
}

TEST_F(AgentUsm, AnAuthPrivGetIsAnsweredEncryptedWithTheSameUserAndLevel) {
  v3_message m;
  m.time = now();
  feed(m.build());
  auto a = reply(crypto::priv_algorithm::aes128);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->header.flags, 3);  // authPriv, not reportable
  EXPECT_EQ(a->header.msg_id, 4242);
  EXPECT_EQ(a->usm.user_name, "alice");
  EXPECT_EQ(a->usm.auth_params.size(), 12u);
  ASSERT_EQ(a->scoped.data.type, pdu_type::response);
  EXPECT_EQ(a->scoped.data.request_id, 99);
  ASSERT_EQ(a->scoped.data.varbinds.size(), 1u);
  EXPECT_EQ(a->scoped.data.varbinds[0].value, value::octet_string("echo:" + kName.to_string()));
  EXPECT_EQ(stats().in_requests, 1u);
}

TEST_F(AgentUsm, C1DiscoveryProbeGetsUnknownEngineIdReport) {
  v3_message m;
  m.engine_id = "";
  m.user = "";
  m.flags = 4;
  m.context_engine_id = "";
  m.boots = m.time = 0;
  m.auth = crypto::auth_algorithm::none;
  m.priv = crypto::priv_algorithm::none;
  m.data.varbinds.clear();
  feed(m.build());
  auto a = reply();
  expect_report(a, 4, 1, 0, 99);
  EXPECT_EQ(a->usm.engine_time, now());
  EXPECT_EQ(stats().usm_unknown_engine_ids, 1u);
}

TEST_F(AgentUsm, C2UnknownUserGetsReport) {
  v3_message m;
  m.user = "mallory";
  m.flags = 5;
  m.priv = crypto::priv_algorithm::none;
  m.time = now();
  feed(m.build());
  expect_report(reply(), 3, 1, 0, 99);
  EXPECT_EQ(stats().usm_unknown_user_names, 1u);
}

// man 7 snmpio, WHAT SNMPIO ACCEPTS: an SNMPv3 header whose msgID and msgMaxSize carry
// redundant leading zeros is answered, and each is counted.
TEST_F(AgentUsm, HeaderIntegersWithRedundantOctetsAreTakenAndCounted) {
  v3_message m;
  m.user = "carol";  // noAuthNoPriv: nothing signs the header
  m.flags = 4;
  m.auth = crypto::auth_algorithm::none;
  m.priv = crypto::priv_algorithm::none;
  const auto minimal = m.build();
  ber::v3_message_view v;
  ASSERT_FALSE(ber::decode_v3_message(minimal, v));
  ber::writer w;
  w.put_raw(v.scoped_pdu_data);
  w.put_octets(ber::tag::octet_string, v.security_parameters);
  const std::size_t header = w.mark();
  w.put_integer(ber::tag::integer, v.header.security_model);
  w.put_octets(ber::tag::octet_string, std::span<const std::uint8_t>(&v.header.flags, 1));
  w.put_raw(test::padded_integer(v.header.max_size, 2));
  w.put_raw(test::padded_integer(v.header.msg_id));
  w.wrap(ber::tag::sequence, header);
  w.put_integer(ber::tag::integer, 3);
  w.wrap(ber::tag::sequence, 0);
  feed({w.data().begin(), w.data().end()});
  auto a = reply();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->header.msg_id, 4242);
  EXPECT_EQ(a->scoped.data.type, pdu_type::response);
  EXPECT_EQ(a->scoped.data.request_id, 99);
  EXPECT_EQ(stats().in_asn_parse_errs, 0u);
  EXPECT_EQ(stats().in_non_minimal_integers, 2u);
}

TEST_F(AgentUsm, C3LevelsAboveTheUsersAreUnsupported) {
  v3_message m;
  m.user = "carol";  // noAuthNoPriv only
  m.flags = 5;
  m.priv = crypto::priv_algorithm::none;
  feed(m.build());
  expect_report(reply(), 1, 1, 0, 99);
  v3_message p;
  p.user = "bob";  // authNoPriv only
  p.auth = crypto::auth_algorithm::md5;
  p.auth_pass = "bob-auth-pass";
  p.time = now();
  p.flags = 7;
  p.priv = crypto::priv_algorithm::aes128;
  feed(p.build());
  expect_report(reply(), 1, 2, 0, 0);  // encrypted: its request-id is unknown
  EXPECT_EQ(stats().usm_unsupported_sec_levels, 2u);
}

TEST_F(AgentUsm, C4WrongDigestsOfEveryLengthAreReported) {
  std::uint64_t n = 0;
  {
    v3_message m;
    m.time = now();
    m.flip_digest_bit = true;
    feed(m.build());
    expect_report(reply(), 5, ++n, 0, 0);
  }
  for (std::size_t len : {0u, 1u, 11u, 13u, 24u, 48u}) {
    v3_message m;
    m.time = now();
    m.auth_params_size = len;
    feed(m.build());
    expect_report(reply(), 5, ++n, 0, 0);
  }
  {
    v3_message m;  // the right digest under another user's key
    m.time = now();
    m.auth_pass = "not-alices-password";
    feed(m.build());
    expect_report(reply(), 5, ++n, 0, 0);
  }
  EXPECT_EQ(stats().usm_wrong_digests, n);
  EXPECT_EQ(stats().in_requests, 0u);
}

TEST_F(AgentUsm, C4RandomDigestsAreNeverAccepted) {
  // 20,000 random digests (the 10^6 of testing.md runs in the fuzz target's time).
  v3_message m;
  m.time = now();
  auto good = m.build();
  ber::v3_message_view v;
  ASSERT_FALSE(ber::decode_v3_message(good, v));
  ber::usm_security_parameters_view u;
  ASSERT_FALSE(ber::decode_usm_security_parameters(v.security_parameters, u));
  const std::size_t at = static_cast<std::size_t>(u.auth_params.data() - good.data());
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 20000; ++i) {
    auto d = good;
    for (std::size_t k = 0; k < 12; ++k) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      d[at + k] = static_cast<std::uint8_t>(x);
    }
    if (std::equal(d.begin(), d.end(), good.begin())) continue;
    feed(d);
  }
  EXPECT_EQ(stats().in_requests, 0u);
  EXPECT_EQ(stats().usm_wrong_digests, 20000u);
  sent_.clear();
}

TEST_F(AgentUsm, C5TimeWindow) {
  eng_.impl().advance_clock_for_testing(std::chrono::seconds(1000));
  struct c {
    int dboots, dtime;
    bool accepted;
  };
  std::uint64_t n = 0;
  for (auto [db, dt, ok] : {c{1, 0, false}, c{-1, 0, false}, c{0, 151, false}, c{0, -151, false}, c{0, 149, true},
                            c{0, -149, true}}) {
    v3_message m;
    m.boots = 7 + db;
    m.time = now() + dt;
    feed(m.build());
    auto a = reply(crypto::priv_algorithm::aes128);
    ASSERT_TRUE(a) << db << " " << dt;
    if (ok) {
      EXPECT_EQ(a->scoped.data.type, pdu_type::response) << db << " " << dt;
    } else {
      // Authenticated, so that the manager can trust the time in it: flags 01.
      expect_report(a, 2, ++n, 1, 0);
      EXPECT_EQ(a->usm.auth_params.size(), 12u);
      EXPECT_NE(a->usm.auth_params, std::string(12, '\0'));
    }
  }
  EXPECT_EQ(stats().usm_not_in_time_windows, n);
}

TEST_F(AgentUsm, C5BootsAtTheLatchAreAlwaysOutsideTheWindow) {
  reactor loop;
  engine eng(loop, engine_options{.engine_id = kEngineId, .engine_boots = 2147483647});
  std::vector<std::vector<std::uint8_t>> sent;
  eng.impl().set_agent_output_for_testing(
      [&](std::span<const std::uint8_t> d, const endpoint&) { sent.emplace_back(d.begin(), d.end()); });
  ASSERT_FALSE(eng.add_usm_user({.user_name = "alice", .auth = auth_protocol::hmac_sha, .auth_key = "alice-auth-pass",
                                 .priv = priv_protocol::aes128, .priv_key = "alice-priv-pass"}));
  test::echo_responder echo(eng);
  v3_message m;
  m.boots = 2147483647;
  m.time = eng.engine_time();
  eng.impl().on_agent_datagram(m.build(), endpoint::loopback_v4(5000), endpoint::loopback_v4(161));
  EXPECT_EQ(eng.agent_statistics().usm_not_in_time_windows, 1u);
  EXPECT_EQ(eng.agent_statistics().in_requests, 0u);
}

TEST_F(AgentUsm, C6PrivacyErrorsAreReportedWithoutPlaintext) {
  std::uint64_t n = 0;
  for (const char* pp : {"", "1234567", "123456789"}) {
    v3_message m;
    m.time = now();
    m.priv_params = std::string(pp);
    feed(m.build());
    expect_report(reply(), 6, ++n, 0, 0);
  }
  v3_message d;  // DES: a ciphertext that is not a multiple of 8
  d.user = "dave";
  d.auth_pass = "dave-auth-pass";
  d.priv = crypto::priv_algorithm::des;
  d.priv_pass = "dave-priv-pass";
  d.time = now();
  d.truncate_ciphertext = true;
  if (crypto::priv_available(crypto::priv_algorithm::des)) {
    feed(d.build());
    expect_report(reply(), 6, ++n, 0, 0);
  }
  EXPECT_EQ(stats().usm_decryption_errors, n);
  EXPECT_EQ(stats().in_requests, 0u);
}

TEST_F(AgentUsm, C7InvalidFlagsAndUnknownModelsAreDroppedSilently) {
  for (std::uint8_t flags : {2, 6}) {
    // The encoder refuses privacy without authentication: patch a noAuthNoPriv
    // message's msgFlags octet (04 01 04) instead.
    v3_message m;
    m.flags = 4;
    m.auth = crypto::auth_algorithm::none;
    m.priv = crypto::priv_algorithm::none;
    auto d = m.build();
    bool patched = false;
    for (std::size_t i = 0; i + 2 < d.size() && !patched; ++i) {
      if (d[i] == 0x04 && d[i + 1] == 0x01 && d[i + 2] == 0x04) {
        d[i + 2] = flags;
        patched = true;
      }
    }
    ASSERT_TRUE(patched);
    feed(d);
  }
  EXPECT_EQ(stats().invalid_msgs, 2u);
  v3_message m;
  m.security_model = 2;
  m.flags = 4;
  m.auth = crypto::auth_algorithm::none;
  m.priv = crypto::priv_algorithm::none;
  feed(m.build());
  EXPECT_EQ(stats().unknown_security_models, 1u);
  EXPECT_TRUE(sent_.empty());
}

TEST_F(AgentUsm, C9NoReportAboutAResponseTrapOrReportNorWhenNotReportable) {
  for (pdu_type t : {pdu_type::response, pdu_type::trap_v2, pdu_type::report}) {
    v3_message m;
    m.user = "mallory";
    m.flags = 4;
    m.auth = crypto::auth_algorithm::none;
    m.priv = crypto::priv_algorithm::none;
    m.data.type = t;
    feed(m.build());
  }
  EXPECT_TRUE(sent_.empty());
  EXPECT_EQ(stats().usm_unknown_user_names, 3u);
  // Encrypted (so undecodable) and not reportable: no Report.
  v3_message m;
  m.flags = 3;
  m.time = now();
  m.flip_digest_bit = true;
  feed(m.build());
  EXPECT_TRUE(sent_.empty());
  EXPECT_EQ(stats().usm_wrong_digests, 1u);
  // A plaintext GET is confirmed class: reported even without the reportable flag.
  v3_message g;
  g.user = "mallory";
  g.flags = 0;
  g.auth = crypto::auth_algorithm::none;
  g.priv = crypto::priv_algorithm::none;
  feed(g.build());
  expect_report(reply(), 3, 4, 0, 99);
}

TEST_F(AgentUsm, C10ReplayInsideTheWindowIsAccepted) {
  v3_message m;
  m.time = now();
  const auto d = m.build();
  feed(d);
  feed(d);
  EXPECT_EQ(sent_.size(), 2u);
  EXPECT_EQ(stats().in_requests, 2u);
}

TEST_F(AgentUsm, UnknownContextAndForeignContextEngineAreReported) {
  v3_message m;
  m.time = now();
  m.context_name = "nosuch";
  feed(m.build());
  auto a = reply(crypto::priv_algorithm::aes128);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->header.flags, 3);  // the user's level: the request authenticated
  ASSERT_EQ(a->scoped.data.varbinds.size(), 1u);
  EXPECT_EQ(a->scoped.data.varbinds[0].name, (oid{1, 3, 6, 1, 6, 3, 12, 1, 5, 0}));
  EXPECT_EQ(stats().unknown_contexts, 1u);
  m.context_name = "";
  m.context_engine_id = "\x80\x00\x00\x00\x05other";
  feed(m.build());
  a = reply(crypto::priv_algorithm::aes128);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->scoped.data.varbinds[0].name, (oid{1, 3, 6, 1, 6, 3, 11, 2, 1, 3, 0}));
  EXPECT_EQ(stats().unknown_pdu_handlers, 1u);
}

TEST_F(AgentUsm, B1BadVersionsAndB3ResponsesToTheAgentAreNotAnswered) {
  for (std::int32_t version : {2, 4, -1, 0x7fffffff}) {
    // A v2c GET with the version field rewritten.
    ber::community_message c{snmp_version::v2c, "public", {}};
    c.data.type = pdu_type::get_request;
    c.data.varbinds.push_back({kName, value::null()});
    ber::writer w;
    ASSERT_FALSE(ber::encode_community_message(w, c));
    std::vector<std::uint8_t> d(w.data().begin(), w.data().end());
    // 30 LL 02 01 01 ...: the version's one octet is at index 4 for short messages.
    ASSERT_EQ(d[2], 0x02);
    ASSERT_EQ(d[3], 0x01);
    if (version < 0 || version > 127) continue;
    d[4] = static_cast<std::uint8_t>(version);
    feed(d);
  }
  EXPECT_EQ(stats().in_bad_versions, 2u);
  for (pdu_type t : {pdu_type::response, pdu_type::report, pdu_type::trap_v2}) {
    ber::community_message c{snmp_version::v2c, "public", {}};
    c.data.type = t;
    ber::writer w;
    ASSERT_FALSE(ber::encode_community_message(w, c));
    feed(std::vector<std::uint8_t>(w.data().begin(), w.data().end()));
  }
  const std::vector<std::uint8_t> garbage{0x30, 0x03, 0x02, 0x01};
  feed(garbage);
  EXPECT_EQ(stats().in_asn_parse_errs, 1u);
  EXPECT_TRUE(sent_.empty());
}

TEST_F(AgentUsm, B2CommunitiesMatchExactlyAndFromAllowedSources) {
  EXPECT_EQ(eng_.add_community({.community = "net10", .source = "10.0.0.0/8"}), std::error_code());
  EXPECT_TRUE(eng_.add_community({.community = "x", .source = "10.0.0.0/33"}));
  EXPECT_TRUE(eng_.add_community({.community = "x", .source = "not-an-address"}));
  EXPECT_TRUE(eng_.add_community({.community = ""}));
  for (const char* bad : {"", "publi", "publicc", "PUBLIC", "pubLic", "net10"}) {
    ber::community_message c{snmp_version::v2c, bad, {}};
    c.data.type = pdu_type::get_request;
    c.data.varbinds.push_back({kName, value::null()});
    ber::writer w;
    ASSERT_FALSE(ber::encode_community_message(w, c));
    feed(std::vector<std::uint8_t>(w.data().begin(), w.data().end()));
  }
  EXPECT_EQ(stats().in_bad_community_names, 6u);
  EXPECT_TRUE(sent_.empty());
  ber::community_message c{snmp_version::v1, "public", {}};
  c.data.type = pdu_type::get_request;
  c.data.request_id = 5;
  c.data.varbinds.push_back({kName, value::null()});
  ber::writer w;
  ASSERT_FALSE(ber::encode_community_message(w, c));
  feed(std::vector<std::uint8_t>(w.data().begin(), w.data().end()));
  ASSERT_EQ(sent_.size(), 1u);
  ber::community_message r;
  ASSERT_FALSE(ber::decode_community_message(sent_[0], r));
  EXPECT_EQ(r.version, snmp_version::v1);
  EXPECT_EQ(r.community, "public");
  EXPECT_EQ(r.data.type, pdu_type::response);
  EXPECT_EQ(r.data.request_id, 5);
}

TEST_F(AgentUsm, C11ResponsesThatDoNotFitMsgMaxSizeBecomeTooBigThatFits) {
  // A responder answering far more than 484 octets.
  class big_sink : public detail::request_sink {
   public:
    void on_request(detail::incoming_request&& req, detail::access_views, detail::response_sender send) override {
      budget = req.max_varbinds_size;
      pdu r;
      for (int i = 0; i < 40; ++i) r.varbinds.push_back({kName, value::octet_string(std::string(100, 'x'))});
      send(std::move(r));
    }
    std::size_t budget = 0;
  } sink;
  eng_.impl().register_responder("big", &sink);
  eng_.add_context("big");
  v3_message m;
  m.time = now();
  m.max_size = 484;
  m.context_name = "big";
  feed(m.build());
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_LE(sent_[0].size(), 484u);
  EXPECT_GT(sink.budget, 200u);
  EXPECT_LT(sink.budget, 484u);
  auto a = reply(crypto::priv_algorithm::aes128);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->scoped.data.error_status, static_cast<std::int32_t>(error_status::too_big));
  EXPECT_EQ(a->scoped.data.error_index, 0);
  EXPECT_TRUE(a->scoped.data.varbinds.empty());
  eng_.impl().unregister_responder("big", &sink);
}

TEST_F(AgentUsm, B11UptimeWrapsAndTheAgentKeepsAnswering) {
  eng_.impl().advance_clock_for_testing(std::chrono::seconds(42949672));  // 2^32 hundredths, nearly
  const auto before = eng_.uptime();
  eng_.impl().advance_clock_for_testing(std::chrono::seconds(2));
  EXPECT_LT(eng_.uptime(), before);  // wrapped to 0 and on
  v3_message m;
  m.time = now();
  feed(m.build());
  auto a = reply(crypto::priv_algorithm::aes128);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->scoped.data.type, pdu_type::response);
}

}  // namespace
