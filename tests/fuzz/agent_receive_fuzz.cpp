// The agent side's receive path (testing.md fuzz targets 3 and 6, agent half): one
// engine with communities, SNMPv3 users and an echoing responder takes each input as
// datagrams. The first octet picks how the rest is used:
//   %3 == 0: a raw datagram (v1/v2c/v3 parsing, community checks, USM refusals);
//   %3 == 1: the scopedPDU octets of an SNMPv3 message that the harness wraps, encrypts
//            (AES-128) and signs (HMAC-SHA-256) for user "fz", at this engine's boots and
//            time, so the mutations get past the digest into decryption, scopedPDU
//            decoding, context and PDU dispatch;
//   %3 == 2: the same, with the reportable flag taken from the second octet.
// Invariants: each datagram fed produces at most one datagram out, and is counted in
// snmpInPkts exactly once.
#include <snmpio/engine.hpp>
#include <snmpio/reactor.hpp>

#include "ber/message_codec.hpp"
#include "crypto/usm_crypto.hpp"
#include "engine/engine_impl.hpp"
#include "tests/fuzz/fuzz_target.hpp"
#include "tests/support/echo_responder.hpp"

#include <cstring>
#include <memory>

using namespace snmpio;

namespace {

const std::string kEngineId("\x80\x00\x1f\x88\x80\x11\x22\x33\x44", 9);

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

struct agent_harness {
  reactor loop;
  engine eng{loop, engine_options{.engine_id = kEngineId, .engine_boots = 3}};
  std::unique_ptr<test::echo_responder> echo;
  std::size_t sent = 0;
  crypto::secure_bytes auth_key, priv_key;

  agent_harness() {
    eng.impl().set_agent_output_for_testing([this](std::span<const std::uint8_t>, const endpoint&) { ++sent; });
    (void)eng.add_community({.community = "public", .security_name = "pub"});
    (void)eng.add_usm_user({.user_name = "fz", .auth = auth_protocol::hmac_sha256, .auth_key = "maplesyrup",
                            .priv = priv_protocol::aes128, .priv_key = "maplesyrup"});
    (void)eng.add_usm_user({.user_name = "none"});
    for (auto m : {security_model::v1, security_model::v2c}) eng.add_vacm_group(m, "pub", "g");
    eng.add_vacm_group(security_model::usm, "fz", "g");
    eng.add_vacm_group(security_model::usm, "none", "g");
    (void)eng.add_vacm_view("all", oid{1});
    (void)eng.add_vacm_view("all", oid{1, 3, 6, 1, 6}, "", false);
    eng.add_vacm_access({.group = "g", .read_view = "all", .write_view = "all"});
    eng.add_context("ctx");
    echo = std::make_unique<test::echo_responder>(eng);
    crypto::secure_bytes ku, pku, pkul;
    (void)crypto::password_to_key(crypto::auth_algorithm::sha256, "maplesyrup", ku);
    (void)crypto::localize_key(crypto::auth_algorithm::sha256, ku.view(), bytes_of(kEngineId), auth_key);
    (void)crypto::localize_key(crypto::auth_algorithm::sha256, ku.view(), bytes_of(kEngineId), pkul);
    (void)crypto::extend_priv_key(crypto::auth_algorithm::sha256, crypto::priv_algorithm::aes128, pkul.view(),
                                  bytes_of(kEngineId), priv_key);
  }

  void feed(std::span<const std::uint8_t> d) {
    const std::size_t before_sent = sent;
    const auto before = eng.agent_statistics().in_pkts;
    eng.impl().on_agent_datagram(d, endpoint::loopback_v4(40000), endpoint::loopback_v4(161));
    SNMPIO_FUZZ_CHECK(eng.agent_statistics().in_pkts == before + 1);
    SNMPIO_FUZZ_CHECK(sent <= before_sent + 1);
  }

  std::vector<std::uint8_t> wrap(std::uint8_t flags, std::span<const std::uint8_t> scoped) {
    ber::v3_header h{77, 65507, flags, 3};
    ber::usm_security_parameters usm{kEngineId, 3, eng.engine_time(), "fz", "", ""};
    if (flags & 1) usm.auth_params.assign(24, '\0');
    ber::writer w;
    ber::v3_encoding where;
    if (flags & 2) {
      std::vector<std::uint8_t> ct;
      std::uint8_t params[8];
      if (crypto::encrypt(crypto::priv_algorithm::aes128, priv_key.view(), 3, usm.engine_time, 99, scoped, ct, params))
        return {};
      usm.priv_params.assign(reinterpret_cast<char*>(params), 8);
      if (ber::encode_v3_message_encrypted(w, h, usm, ct, &where)) return {};
    } else {
      // A plaintext scopedPDU goes in as it is: encode around a placeholder, then splice.
      ber::scoped_pdu s;
      if (ber::encode_v3_message(w, h, usm, s, &where)) return {};
      std::vector<std::uint8_t> out(w.data().begin(), w.data().end());
      return out;  // the raw-scoped case is covered by mode 0; keep this one simple
    }
    std::vector<std::uint8_t> out(w.data().begin(), w.data().end());
    if (flags & 1) {
      std::vector<std::uint8_t> digest;
      if (crypto::hmac(crypto::auth_algorithm::sha256, auth_key.view(), out, digest)) return {};
      std::memcpy(out.data() + where.auth_params_offset, digest.data(), 24);
    }
    return out;
  }
};

agent_harness& the_harness() {
  static agent_harness h;
  return h;
}

}  // namespace

SNMPIO_FUZZ_TARGET(agent_receive)(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& h = the_harness();
  const std::span<const std::uint8_t> rest(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      h.feed(rest);
      break;
    case 1: {
      auto m = h.wrap(0x07, rest);
      if (!m.empty()) h.feed(m);
      break;
    }
    default: {
      if (rest.empty()) break;
      auto m = h.wrap(static_cast<std::uint8_t>((rest[0] & 0x05) | 0x03), rest.subspan(1));
      if (!m.empty()) h.feed(m);
      break;
    }
  }
  return 0;
}
