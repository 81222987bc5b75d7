// USM cryptography against the known answers of ../shared/reference/vectors.md
// (RFC 3414 A.3 and A.5, RFC 7860, RFC 2202/4231, NIST SP 800-38A, and whole messages
// verified against Net-SNMP 5.9.3).
#include "crypto/random.hpp"
#include "crypto/usm_crypto.hpp"
#include "ber/message_codec.hpp"
#include "tests/support/hex.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

using namespace snmpio;
using namespace snmpio::crypto;
using snmpio::test::hex;
using snmpio::test::to_hex;

namespace {

const auto kEngine = hex("000000000000000000000002");

std::string kul_hex(auth_algorithm a, std::string_view password) {
  secure_bytes ku, kul;
  EXPECT_FALSE(password_to_key(a, password, ku));
  EXPECT_FALSE(localize_key(a, ku.view(), kEngine, kul));
  return to_hex(kul.view());
}

std::string ku_hex(auth_algorithm a, std::string_view password) {
  secure_bytes ku;
  EXPECT_FALSE(password_to_key(a, password, ku));
  return to_hex(ku.view());
}

}  // namespace

TEST(UsmCrypto, PasswordToKeyAndLocalizationRfc3414A3) {
  EXPECT_EQ(ku_hex(auth_algorithm::md5, "maplesyrup"), "9faf3283884e92834ebc9847d8edd963");
  EXPECT_EQ(kul_hex(auth_algorithm::md5, "maplesyrup"), "526f5eed9fcce26f8964c2930787d82b");
  EXPECT_EQ(ku_hex(auth_algorithm::sha1, "maplesyrup"), "9fb5cc0381497b3793528939ff788d5d79145211");
  EXPECT_EQ(kul_hex(auth_algorithm::sha1, "maplesyrup"), "6695febc9288e36282235fc7151f128497b38f3f");
}

TEST(UsmCrypto, Sha2KeysRfc7860) {
  EXPECT_EQ(ku_hex(auth_algorithm::sha224, "maplesyrup"), "282a5867ee9aac639ad59df9572c7d3ac0fbc13a905b6df07dbbf00b");
  EXPECT_EQ(kul_hex(auth_algorithm::sha224, "maplesyrup"), "0bd8827c6e29f8065e08e09237f177e410f69b90e1782be682075674");
  EXPECT_EQ(ku_hex(auth_algorithm::sha256, "maplesyrup"),
            "ab51014d1e077f6017df2b12bee5f5aa72993177e9bb569c4dff5a4ca0b4afac");
  EXPECT_EQ(kul_hex(auth_algorithm::sha256, "maplesyrup"),
            "8982e0e549e866db361a6b625d84cccc11162d453ee8ce3a6445c2d6776f0f8b");
  EXPECT_EQ(kul_hex(auth_algorithm::sha384, "maplesyrup"),
            "3b298f16164a11184279d5432bf169e2d2a48307de02b3d3f7e2b4f36eb6f0455a53689a3937eea07319a633d2ccba78");
  EXPECT_EQ(kul_hex(auth_algorithm::sha512, "maplesyrup"),
            "22a5a36cedfcc085807a128d7bc6c2382167ad6c0dbc5fdff856740f3d84c099ad1ea87a8db096714d9788bd544047c9"
            "021e4229ce27e4c0a69250adfcffbb0b");
  EXPECT_EQ(ku_hex(auth_algorithm::sha512, "maplesyrup"),
            "7e4396de5aadc77be853819b98c9406265b3a9c37cc3176569847a4e4f6fba63dd3a73d04924d31a63f95a601f9385af"
            "6be4ed1b37f87d040f7c6ed6f8d38a91");
}

TEST(UsmCrypto, KeyChangeRfc3414A5) {
  // keyChange = random || (H(oldKul || random) XOR newKul), random all zeros.
  for (auto [a, expect_new, expect_delta] :
       {std::tuple{auth_algorithm::md5, "87021d7bd9d101ba05ea6e3bf9d9bd4a", "88056151 41676cc9 196174e7 42a32551"},
        std::tuple{auth_algorithm::sha1, "78e2dcce79d59403b58c1bbaa5bff46391f1cd25",
                   "9c1017f4fd483d2de8d5fadbf84392cb06457051"}}) {
    secure_bytes ku_old, old_kul, ku_new, new_kul;
    ASSERT_FALSE(password_to_key(a, "maplesyrup", ku_old));
    ASSERT_FALSE(localize_key(a, ku_old.view(), kEngine, old_kul));
    ASSERT_FALSE(password_to_key(a, "newsyrup", ku_new));
    ASSERT_FALSE(localize_key(a, ku_new.view(), kEngine, new_kul));
    EXPECT_EQ(to_hex(new_kul.view()), expect_new);
    std::vector<std::uint8_t> input(old_kul.view().begin(), old_kul.view().end());
    input.resize(old_kul.size() * 2, 0);  // oldKul || random(zeros)
    secure_bytes digest;
    ASSERT_FALSE(localize_key(a, {}, input, digest));  // H(oldKul || random) via H(empty||x||empty)
    std::vector<std::uint8_t> delta(new_kul.size());
    for (std::size_t i = 0; i < delta.size(); ++i) delta[i] = digest[i] ^ new_kul[i];
    EXPECT_EQ(to_hex(delta), to_hex(hex(expect_delta)));
  }
}

TEST(UsmCrypto, HmacPrimitiveRfc2202AndRfc4231) {
  const std::vector<std::uint8_t> key(20, 0x0b);
  const std::string hi = "Hi There";
  std::vector<std::uint8_t> out;
  ASSERT_FALSE(hmac(auth_algorithm::sha1, key, ber::as_bytes(hi), out));
  EXPECT_EQ(to_hex(out), "b617318655057264e28bc0b6");
  ASSERT_FALSE(hmac(auth_algorithm::sha256, key, ber::as_bytes(hi), out));
  EXPECT_EQ(to_hex(out), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da7");
}

TEST(UsmCrypto, WholeMessageDigestsOfEveryProtocol) {
  // vectors.md §3.3: the 112-octet GetRequest with its auth params zeroed; the digest
  // of each protocol, computed with the maplesyrup Kul, verified by a live snmpd.
  const auto zeroed_sha1 = hex(
      "306e020103300e020101020300ffe3040105020103042c302a040c000000000000000000000002"
      "020101020102040475736572040c0000000000000000000000000400302b040c00000000000000"
      "00000000020400a019020101020100020100300e300c06082b060102010101000500");
  struct {
    auth_algorithm a;
    const char* digest;
  } cases[] = {
      {auth_algorithm::md5, "3b164f5105980686226b6d62"},
      {auth_algorithm::sha1, "3b9c24cc6f1448319ff569f4"},
      {auth_algorithm::sha224, "186fc8ab2e3f9a0395f817b566ef7997"},
      {auth_algorithm::sha256, "6560268da51a9d400e5292564bd3a1266ff62d0492ef2e10"},
      {auth_algorithm::sha384, "fcedaf2e6a297aa93750d95e4820a15892b555eafae65e75d6284fb4234e3432"},
      {auth_algorithm::sha512,
       "2a13ecec1c9c42b29f6151b5a5482e6fcb2b854d881d5b00e2d8ea89213cad96a3b6b05fa98e4dd66ac2074b6207c304"},
  };
  for (const auto& c : cases) {
    // Build the zeroed message with this protocol's placeholder length.
    ber::v3_header h{1, 65507, 5, 3};
    ber::usm_security_parameters u{std::string(ber::as_chars(kEngine)), 1, 2, "user",
                                   std::string(auth_params_length(c.a), '\0'), ""};
    ber::scoped_pdu s{std::string(ber::as_chars(kEngine)), "", {}};
    s.data.request_id = 1;
    s.data.varbinds.push_back({oid{1, 3, 6, 1, 2, 1, 1, 1, 0}, value::null()});
    ber::writer w;
    ber::v3_encoding where;
    ASSERT_FALSE(ber::encode_v3_message(w, h, u, s, &where));
    if (c.a == auth_algorithm::md5 || c.a == auth_algorithm::sha1) {
      EXPECT_EQ(to_hex(w.data()), to_hex(zeroed_sha1));
    }
    secure_bytes ku, kul;
    ASSERT_FALSE(password_to_key(c.a, "maplesyrup", ku));
    ASSERT_FALSE(localize_key(c.a, ku.view(), kEngine, kul));
    std::vector<std::uint8_t> digest;
    ASSERT_FALSE(hmac(c.a, kul.view(), w.data(), digest));
    EXPECT_EQ(to_hex(digest), c.digest) << static_cast<int>(c.a);
    EXPECT_EQ(digest.size(), where.auth_params_length);
  }
}

TEST(UsmCrypto, AesCfb128NistSp80038a) {
  // F.3.13 CFB128-AES128.Encrypt, through the SNMP IV layout: boots || time || salt
  // reproduces the NIST IV 000102030405060708090a0b0c0d0e0f.
  const auto key = hex("2b7e151628aed2a6abf7158809cf4f3c");
  const auto plain = hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
  std::vector<std::uint8_t> out;
  std::uint8_t params[8];
  ASSERT_FALSE(encrypt(priv_algorithm::aes128, key, 0x00010203, 0x04050607, 0x08090a0b0c0d0e0full, plain, out, params));
  EXPECT_EQ(to_hex(out), "3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b");
  EXPECT_EQ(to_hex(std::span<const std::uint8_t>(params, 8)), "08090a0b0c0d0e0f");
  std::vector<std::uint8_t> back;
  ASSERT_FALSE(decrypt(priv_algorithm::aes128, key, 0x00010203, 0x04050607, std::span<const std::uint8_t>(params, 8),
                       out, back));
  EXPECT_EQ(back, plain);
}

TEST(UsmCrypto, AesAndDesMessagesAcceptedByNetsnmp) {
  const auto kul = hex("6695febc9288e36282235fc7151f128497b38f3f");
  const auto scoped = hex("302b040c0000000000000000000000020400a019020101020100020100300e300c06082b060102010101000500");
  std::vector<std::uint8_t> out;
  std::uint8_t params[8];
  ASSERT_FALSE(encrypt(priv_algorithm::aes128, kul, 1, 2, 3, scoped, out, params));
  EXPECT_EQ(to_hex(out),
            "a1e0c801971d93edb17bf7a28098f3e226150e8b170c77f7ff31d85337af8325d63899db6229056c9918220d26");
  EXPECT_EQ(out.size(), 45u) << "AES-CFB does not pad";
  EXPECT_EQ(to_hex(std::span<const std::uint8_t>(params, 8)), "0000000000000003");

  if (!priv_available(priv_algorithm::des)) GTEST_FAIL() << "DES-CBC unavailable: OpenSSL's legacy provider did not load";
  ASSERT_FALSE(encrypt(priv_algorithm::des, kul, 1, 2, 3, scoped, out, params));
  EXPECT_EQ(to_hex(std::span<const std::uint8_t>(params, 8)), "0000000100000003");  // boots || counter
  EXPECT_EQ(to_hex(out),
            "3469e83c41c741e91eb8d80ed57cd4b5019186b2e73392789af78cc5a86afe6358f499eeaa94a33447a3883d58691df8");
  std::vector<std::uint8_t> back;
  ASSERT_FALSE(decrypt(priv_algorithm::des, kul, 1, 2, std::span<const std::uint8_t>(params, 8), out, back));
  ASSERT_EQ(back.size(), 48u);
  EXPECT_EQ(to_hex(std::span<const std::uint8_t>(back).first(45)), to_hex(scoped));
  // The padded plaintext decodes as a scopedPDU once trailing octets are allowed.
  ber::scoped_pdu s;
  EXPECT_FALSE(ber::decode_scoped_pdu(back, s, true));

  // And the authParams over the whole AES message (vectors.md §3.4).
  auto msg = hex(
      "3078020103300e020101020300ffe304010702010304343032040c000000000000000000000002020101020102040475"
      "736572040c000000000000000000000000040800000000000000030"
      "42da1e0c801971d93edb17bf7a28098f3e226150e8b170c77f7ff31d85337af8325d63899db6229056c9918220d26");
  std::vector<std::uint8_t> digest;
  ASSERT_FALSE(hmac(auth_algorithm::sha1, kul, msg, digest));
  EXPECT_EQ(to_hex(digest), "b0f8f62ce86c0afef232f0cc");
}

TEST(UsmCrypto, DecryptionErrorsAreTyped) {
  const auto key = hex("6695febc9288e36282235fc7151f128497b38f3f");
  std::vector<std::uint8_t> out;
  const std::vector<std::uint8_t> seven(7, 1), sixteen(16, 1);
  EXPECT_EQ(decrypt(priv_algorithm::aes128, key, 1, 2, seven, sixteen, out), errc::decryption_error);
  EXPECT_EQ(decrypt(priv_algorithm::des, key, 1, 2, std::vector<std::uint8_t>(8, 0), std::vector<std::uint8_t>(15, 1),
                    out),
            errc::decryption_error);
  EXPECT_EQ(decrypt(priv_algorithm::aes256, key, 1, 2, std::vector<std::uint8_t>(8, 0), sixteen, out),
            errc::invalid_argument)
      << "a 20-octet key is too short for AES-256 before extension";
  secure_bytes ku;
  EXPECT_EQ(password_to_key(auth_algorithm::sha1, "", ku), errc::invalid_argument);
}

TEST(UsmCrypto, KeyExtensionsBlumenthalAndReeder) {
  const auto sha_kul = hex("6695febc9288e36282235fc7151f128497b38f3f");
  secure_bytes k;
  ASSERT_FALSE(extend_priv_key(auth_algorithm::sha1, priv_algorithm::aes256, sha_kul, kEngine, k));
  EXPECT_EQ(to_hex(k.view()), "6695febc9288e36282235fc7151f128497b38f3f505e07eb9af25568fa1f5dbe");
  ASSERT_FALSE(extend_priv_key(auth_algorithm::sha1, priv_algorithm::aes256_reeder, sha_kul, kEngine, k));
  EXPECT_EQ(to_hex(k.view()), "6695febc9288e36282235fc7151f128497b38f3f9b8b6d78936ba6e7d19dfd9c");
  ASSERT_FALSE(extend_priv_key(auth_algorithm::sha1, priv_algorithm::aes192_reeder, sha_kul, kEngine, k));
  EXPECT_EQ(to_hex(k.view()), "6695febc9288e36282235fc7151f128497b38f3f9b8b6d78");
  ASSERT_FALSE(extend_priv_key(auth_algorithm::sha1, priv_algorithm::aes192, sha_kul, kEngine, k));
  EXPECT_EQ(to_hex(k.view()), "6695febc9288e36282235fc7151f128497b38f3f505e07eb");
  const auto md5_kul = hex("526f5eed9fcce26f8964c2930787d82b");
  ASSERT_FALSE(extend_priv_key(auth_algorithm::md5, priv_algorithm::tdes, md5_kul, kEngine, k));
  EXPECT_EQ(to_hex(k.view()), "526f5eed9fcce26f8964c2930787d82b79eff44a90650ee0a3a40abfac5acc12");
  ASSERT_FALSE(extend_priv_key(auth_algorithm::sha1, priv_algorithm::aes128, sha_kul, kEngine, k));
  EXPECT_EQ(k.size(), 16u);
}

TEST(UsmCrypto, EveryCipherRoundTripsAndSaltsNeverRepeat) {
  const auto kul = hex("22a5a36cedfcc085807a128d7bc6c2382167ad6c0dbc5fdff856740f3d84c099");  // 32 octets
  std::vector<std::uint8_t> plain(45);
  for (std::size_t i = 0; i < plain.size(); ++i) plain[i] = static_cast<std::uint8_t>(i * 7);
  for (auto p : {priv_algorithm::des, priv_algorithm::tdes, priv_algorithm::aes128, priv_algorithm::aes192,
                 priv_algorithm::aes256, priv_algorithm::aes192_reeder, priv_algorithm::aes256_reeder}) {
    ASSERT_TRUE(priv_available(p)) << static_cast<int>(p);
    std::vector<std::uint8_t> c, back;
    std::uint8_t params[8];
    ASSERT_FALSE(encrypt(p, kul, 7, 1234, 99, plain, c, params)) << static_cast<int>(p);
    ASSERT_FALSE(decrypt(p, kul, 7, 1234, std::span<const std::uint8_t>(params, 8), c, back));
    back.resize(plain.size());
    EXPECT_EQ(back, plain) << static_cast<int>(p);
  }
  // A salt counter from a random start: 10^5 AES messages, no repeated privParams.
  std::set<std::uint64_t> seen;
  std::uint64_t salt = (std::uint64_t(random_u32()) << 32) | random_u32();
  for (int i = 0; i < 100000; ++i) {
    std::vector<std::uint8_t> c;
    std::uint8_t params[8];
    ASSERT_FALSE(encrypt(priv_algorithm::aes128, kul, 1, 2, salt++, std::span<const std::uint8_t>(plain).first(8), c,
                         params));
    std::uint64_t v = 0;
    for (auto b : params) v = v << 8 | b;
    ASSERT_TRUE(seen.insert(v).second);
  }
}

TEST(UsmCrypto, ConstantTimeCompareAndWipe) {
  const auto a = hex("0102030405"), b = hex("0102030405"), c = hex("0102030406");
  EXPECT_TRUE(secure_equal(a, b));
  EXPECT_FALSE(secure_equal(a, c));
  EXPECT_FALSE(secure_equal(a, std::span<const std::uint8_t>(b).first(4)));
  secure_bytes s(a);
  s.truncate(2);
  EXPECT_EQ(to_hex(s.view()), "0102");
  s.append(c);
  EXPECT_EQ(to_hex(s.view()), "01020102030406");
}

TEST(UsmCrypto, PreparedHmacEqualsOneShotForEveryProtocol) {
  std::mt19937 rng(9);
  for (auto a : {auth_algorithm::md5, auth_algorithm::sha1, auth_algorithm::sha224, auth_algorithm::sha256,
                 auth_algorithm::sha384, auth_algorithm::sha512}) {
    for (std::size_t key_len : {1u, 16u, 64u, 65u, 128u, 129u, 200u}) {  // around both block sizes
      std::vector<std::uint8_t> key(key_len);
      for (auto& b : key) b = static_cast<std::uint8_t>(rng());
      hmac_key prepared;
      ASSERT_FALSE(prepared.init(a, key));
      for (int m = 0; m < 20; ++m) {  // many messages through the same prepared state
        std::vector<std::uint8_t> msg(rng() % 300);
        for (auto& b : msg) b = static_cast<std::uint8_t>(rng());
        std::vector<std::uint8_t> expect;
        ASSERT_FALSE(hmac(a, key, msg, expect));
        std::vector<std::uint8_t> got(prepared.length());
        ASSERT_FALSE(prepared.compute(msg, got.data()));
        ASSERT_EQ(to_hex(got), to_hex(expect)) << static_cast<int>(a) << " key " << key_len;
      }
    }
  }
  // And the vectors.md digest through the prepared form.
  hmac_key sha;
  const auto kul = hex("6695febc9288e36282235fc7151f128497b38f3f");
  ASSERT_FALSE(sha.init(auth_algorithm::sha1, kul));
  std::vector<std::uint8_t> out(12);
  ASSERT_FALSE(sha.compute(hex("306e020103300e020101020300ffe3040105020103042c302a040c000000000000000000000002"
                               "020101020102040475736572040c0000000000000000000000000400302b040c00000000000000"
                               "00000000020400a019020101020100020100300e300c06082b060102010101000500"),
                           out.data()));
  EXPECT_EQ(to_hex(out), "3b9c24cc6f1448319ff569f4");
}

TEST(UsmCrypto, KeyedCipherEqualsOneShotForEveryCipher) {
  std::mt19937 rng(10);
  const auto key = hex("22a5a36cedfcc085807a128d7bc6c2382167ad6c0dbc5fdff856740f3d84c099");
  for (auto p : {priv_algorithm::des, priv_algorithm::tdes, priv_algorithm::aes128, priv_algorithm::aes192,
                 priv_algorithm::aes256, priv_algorithm::aes192_reeder, priv_algorithm::aes256_reeder}) {
    cipher_key keyed;
    ASSERT_FALSE(keyed.init(p, key)) << static_cast<int>(p);
    for (int m = 0; m < 30; ++m) {  // the IV changes per message, the key schedule stays
      std::vector<std::uint8_t> plain(1 + rng() % 120);
      for (auto& b : plain) b = static_cast<std::uint8_t>(rng());
      const std::int32_t boots = static_cast<std::int32_t>(rng() >> 1), time = static_cast<std::int32_t>(rng() >> 1);
      const std::uint64_t salt = (std::uint64_t(rng()) << 32) | rng();
      std::vector<std::uint8_t> a, b, back;
      std::uint8_t pa[8], pb[8];
      ASSERT_FALSE(encrypt(p, key, boots, time, salt, plain, a, pa));
      ASSERT_FALSE(keyed.encrypt(boots, time, salt, plain, b, pb));
      ASSERT_EQ(to_hex(a), to_hex(b)) << static_cast<int>(p);
      ASSERT_EQ(to_hex(std::span<const std::uint8_t>(pa, 8)), to_hex(std::span<const std::uint8_t>(pb, 8)));
      ASSERT_FALSE(keyed.decrypt(boots, time, std::span<const std::uint8_t>(pb, 8), b, back));
      back.resize(plain.size());
      ASSERT_EQ(back, plain);
    }
    std::vector<std::uint8_t> out;
    EXPECT_EQ(keyed.decrypt(1, 2, std::vector<std::uint8_t>(7, 0), std::vector<std::uint8_t>(16, 0), out),
              errc::decryption_error);
  }
  cipher_key none;
  EXPECT_EQ(none.init(priv_algorithm::aes256, std::vector<std::uint8_t>(16, 1)), errc::invalid_argument);
}
