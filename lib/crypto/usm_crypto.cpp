#include "crypto/usm_crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/provider.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace snmpio::crypto {

// ---------------------------------------------------------------- secure_bytes

void secure_wipe(void* p, std::size_t n) noexcept {
  if (p && n) sodium_memzero(p, n);
}

bool secure_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void secure_bytes::append(std::span<const std::uint8_t> b) {
  if (bytes_.size() + b.size() > bytes_.capacity()) {
    std::vector<std::uint8_t> grown;
    grown.reserve(std::max(bytes_.size() + b.size(), bytes_.capacity() * 2));
    grown.assign(bytes_.begin(), bytes_.end());
    wipe();
    bytes_.swap(grown);
  }
  bytes_.insert(bytes_.end(), b.begin(), b.end());
}

void secure_bytes::truncate(std::size_t n) noexcept {
  if (n >= bytes_.size()) return;
  secure_wipe(bytes_.data() + n, bytes_.size() - n);
  bytes_.resize(n);
}

// ---------------------------------------------------------------- algorithms

namespace {

const EVP_MD* evp_md(auth_algorithm a) noexcept {
  switch (a) {
    case auth_algorithm::md5: return EVP_md5();
    case auth_algorithm::sha1: return EVP_sha1();
    case auth_algorithm::sha224: return EVP_sha224();
    case auth_algorithm::sha256: return EVP_sha256();
    case auth_algorithm::sha384: return EVP_sha384();
    case auth_algorithm::sha512: return EVP_sha512();
    case auth_algorithm::none: break;
  }
  return nullptr;
}

struct md_ctx_free {
  void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
};
struct cipher_ctx_free {
  void operator()(EVP_CIPHER_CTX* c) const noexcept { EVP_CIPHER_CTX_free(c); }
};
struct cipher_free {
  void operator()(EVP_CIPHER* c) const noexcept { EVP_CIPHER_free(c); }
};

// DES-CBC lives in OpenSSL 3's legacy provider. Load it (with the default provider, which
// loading any provider explicitly would otherwise switch off) once, on first need.
const EVP_CIPHER* des_cbc() noexcept {
  static EVP_CIPHER* cipher = [] {
    OSSL_PROVIDER_load(nullptr, "default");
    OSSL_PROVIDER_load(nullptr, "legacy");
    return EVP_CIPHER_fetch(nullptr, "DES-CBC", nullptr);
  }();
  return cipher;
}

const EVP_CIPHER* evp_cipher(priv_algorithm p) noexcept {
  switch (p) {
    case priv_algorithm::des: return des_cbc();
    case priv_algorithm::tdes: return EVP_des_ede3_cbc();
    case priv_algorithm::aes128: return EVP_aes_128_cfb128();
    case priv_algorithm::aes192:
    case priv_algorithm::aes192_reeder: return EVP_aes_192_cfb128();
    case priv_algorithm::aes256:
    case priv_algorithm::aes256_reeder: return EVP_aes_256_cfb128();
    case priv_algorithm::none: break;
  }
  return nullptr;
}

bool is_aes(priv_algorithm p) noexcept {
  return p == priv_algorithm::aes128 || p == priv_algorithm::aes192 || p == priv_algorithm::aes256 ||
         p == priv_algorithm::aes192_reeder || p == priv_algorithm::aes256_reeder;
}

std::size_t cipher_key_length(priv_algorithm p) noexcept {
  switch (p) {
    case priv_algorithm::des: return 8;
    case priv_algorithm::tdes: return 24;
    case priv_algorithm::aes128: return 16;
    case priv_algorithm::aes192:
    case priv_algorithm::aes192_reeder: return 24;
    case priv_algorithm::aes256:
    case priv_algorithm::aes256_reeder: return 32;
    case priv_algorithm::none: break;
  }
  return 0;
}

void put_be32(std::uint8_t* p, std::uint32_t v) noexcept {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}

// The IV: AES (RFC 3826 §3.1.2.1): boots || time || salt(8). DES/3DES (RFC 3414 §8.1.1.1):
// pre-IV (the 8 octets after the cipher key) XOR salt, salt = privParams.
void make_iv(priv_algorithm p, std::span<const std::uint8_t> key, std::int32_t boots, std::int32_t time,
             const std::uint8_t* salt, std::uint8_t* iv) noexcept {
  if (is_aes(p)) {
    put_be32(iv, static_cast<std::uint32_t>(boots));
    put_be32(iv + 4, static_cast<std::uint32_t>(time));
    std::memcpy(iv + 8, salt, 8);
  } else {
    const std::uint8_t* pre_iv = key.data() + cipher_key_length(p);
    for (int i = 0; i < 8; ++i) iv[i] = pre_iv[i] ^ salt[i];
  }
}

// privParams: AES, the 64-bit salt (RFC 3826); DES/3DES, boots then a 32-bit counter
// (RFC 3414 §8.1.1.1).
void make_priv_params(priv_algorithm p, std::int32_t boots, std::uint64_t salt, std::uint8_t (&out)[8]) noexcept {
  if (is_aes(p)) {
    for (int i = 0; i < 8; ++i) out[i] = static_cast<std::uint8_t>(salt >> (56 - 8 * i));
  } else {
    put_be32(out, static_cast<std::uint32_t>(boots));
    put_be32(out + 4, static_cast<std::uint32_t>(salt));
  }
}

std::error_code run_cipher(priv_algorithm p, std::span<const std::uint8_t> key, const std::uint8_t* iv, bool encrypt,
                           std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out) {
  const EVP_CIPHER* cipher = evp_cipher(p);
  if (!cipher) return errc::unsupported_protocol;
  std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_free> ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_CipherInit_ex(ctx.get(), cipher, nullptr, key.data(), iv, encrypt ? 1 : 0) != 1)
    return errc::unsupported_protocol;
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);  // SNMP pads DES itself; CFB needs none
  out.resize(in.size() + 16);
  int n = 0, m = 0;
  if (EVP_CipherUpdate(ctx.get(), out.data(), &n, in.data(), static_cast<int>(in.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), out.data() + n, &m) != 1)
    return encrypt ? make_error_code(errc::unsupported_protocol) : make_error_code(errc::decryption_error);
  out.resize(static_cast<std::size_t>(n + m));
  return {};
}

}  // namespace

std::size_t digest_length(auth_algorithm a) noexcept {
  const EVP_MD* md = evp_md(a);
  return md ? static_cast<std::size_t>(EVP_MD_get_size(md)) : 0;
}

std::size_t auth_params_length(auth_algorithm a) noexcept {
  switch (a) {
    case auth_algorithm::md5:
    case auth_algorithm::sha1: return 12;
    case auth_algorithm::sha224: return 16;
    case auth_algorithm::sha256: return 24;
    case auth_algorithm::sha384: return 32;
    case auth_algorithm::sha512: return 48;
    case auth_algorithm::none: break;
  }
  return 0;
}

std::size_t priv_key_length(priv_algorithm p) noexcept {
  switch (p) {
    case priv_algorithm::des: return 16;   // 8 key + 8 pre-IV
    case priv_algorithm::tdes: return 32;  // 24 key + 8 pre-IV
    default: return cipher_key_length(p);
  }
}

bool priv_available(priv_algorithm p) noexcept { return p == priv_algorithm::none || evp_cipher(p) != nullptr; }

std::error_code password_to_key(auth_algorithm a, std::string_view password, secure_bytes& ku) {
  const EVP_MD* md = evp_md(a);
  if (!md || password.empty()) return errc::invalid_argument;
  std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) return errc::unsupported_protocol;
  // The password repeated to 1 MiB, fed in blocks of 64 octets (RFC 3414 A.2.1).
  std::uint8_t block[64];
  std::size_t index = 0;
  for (std::size_t count = 0; count < 1048576; count += sizeof block) {
    for (std::uint8_t& b : block) b = static_cast<std::uint8_t>(password[index++ % password.size()]);
    EVP_DigestUpdate(ctx.get(), block, sizeof block);
  }
  secure_wipe(block, sizeof block);
  ku = secure_bytes(static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), ku.data(), &len) != 1) return errc::unsupported_protocol;
  return {};
}

std::error_code localize_key(auth_algorithm a, std::span<const std::uint8_t> ku,
                             std::span<const std::uint8_t> engine_id, secure_bytes& kul) {
  const EVP_MD* md = evp_md(a);
  if (!md) return errc::invalid_argument;
  std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) return errc::unsupported_protocol;
  EVP_DigestUpdate(ctx.get(), ku.data(), ku.size());
  EVP_DigestUpdate(ctx.get(), engine_id.data(), engine_id.size());
  EVP_DigestUpdate(ctx.get(), ku.data(), ku.size());
  kul = secure_bytes(static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), kul.data(), &len) != 1) return errc::unsupported_protocol;
  return {};
}

std::error_code extend_priv_key(auth_algorithm a, priv_algorithm p, std::span<const std::uint8_t> kul,
                                std::span<const std::uint8_t> engine_id, secure_bytes& key) {
  const std::size_t need = priv_key_length(p);
  const EVP_MD* md = evp_md(a);
  if (!md || need == 0 || kul.empty()) return errc::invalid_argument;
  key = secure_bytes(kul);
  const bool reeder =
      p == priv_algorithm::tdes || p == priv_algorithm::aes192_reeder || p == priv_algorithm::aes256_reeder;
  while (key.size() < need) {
    secure_bytes more;
    if (reeder) {
      // Reeder: the last block, taken as a password, localized to the same engine.
      secure_bytes ku;
      const auto last = key.view().last(kul.size());
      if (auto ec = password_to_key(a, std::string_view(reinterpret_cast<const char*>(last.data()), last.size()), ku))
        return ec;
      if (auto ec = localize_key(a, ku.view(), engine_id, more)) return ec;
    } else {
      // Blumenthal: the hash of everything so far.
      more = secure_bytes(static_cast<std::size_t>(EVP_MD_get_size(md)));
      unsigned int len = 0;
      if (EVP_Digest(key.data(), key.size(), more.data(), &len, md, nullptr) != 1) return errc::unsupported_protocol;
    }
    key.append(more.view());
  }
  key.truncate(need);
  return {};
}

std::error_code hmac(auth_algorithm a, std::span<const std::uint8_t> key, std::span<const std::uint8_t> message,
                     std::vector<std::uint8_t>& out) {
  const EVP_MD* md = evp_md(a);
  if (!md) return errc::invalid_argument;
  std::uint8_t digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(md, key.data(), static_cast<int>(key.size()), message.data(), message.size(), digest, &len))
    return errc::unsupported_protocol;
  out.assign(digest, digest + auth_params_length(a));
  secure_wipe(digest, sizeof digest);
  return {};
}

std::error_code encrypt(priv_algorithm p, std::span<const std::uint8_t> key, std::int32_t engine_boots,
                        std::int32_t engine_time, std::uint64_t salt, std::span<const std::uint8_t> plaintext,
                        std::vector<std::uint8_t>& ciphertext, std::uint8_t (&priv_params)[8]) {
  if (key.size() < priv_key_length(p) || p == priv_algorithm::none) return errc::invalid_argument;
  make_priv_params(p, engine_boots, salt, priv_params);
  std::uint8_t iv[16];
  make_iv(p, key, engine_boots, engine_time, priv_params, iv);
  std::vector<std::uint8_t> padded;
  std::span<const std::uint8_t> in = plaintext;
  if (!is_aes(p) && plaintext.size() % 8) {
    padded.assign(plaintext.begin(), plaintext.end());
    padded.resize((plaintext.size() + 7) / 8 * 8, 0);
    in = padded;
  }
  auto ec = run_cipher(p, key.first(cipher_key_length(p)), iv, true, in, ciphertext);
  secure_wipe(padded.data(), padded.size());
  return ec;
}

std::error_code decrypt(priv_algorithm p, std::span<const std::uint8_t> key, std::int32_t engine_boots,
                        std::int32_t engine_time, std::span<const std::uint8_t> priv_params,
                        std::span<const std::uint8_t> ciphertext, std::vector<std::uint8_t>& plaintext) {
  if (key.size() < priv_key_length(p) || p == priv_algorithm::none) return errc::invalid_argument;
  if (priv_params.size() != 8) return errc::decryption_error;
  if (!is_aes(p) && ciphertext.size() % 8) return errc::decryption_error;
  std::uint8_t iv[16];
  make_iv(p, key, engine_boots, engine_time, priv_params.data(), iv);
  return run_cipher(p, key.first(cipher_key_length(p)), iv, false, ciphertext, plaintext);
}

// ---------------------------------------------------------------- prepared contexts

struct hmac_key::state {
  std::unique_ptr<EVP_MD_CTX, md_ctx_free> inner, outer, work;
};

hmac_key::hmac_key() = default;
hmac_key::~hmac_key() = default;
hmac_key::hmac_key(hmac_key&&) noexcept = default;
hmac_key& hmac_key::operator=(hmac_key&&) noexcept = default;

std::error_code hmac_key::init(auth_algorithm a, std::span<const std::uint8_t> key) {
  const EVP_MD* md = evp_md(a);
  if (!md) return errc::invalid_argument;
  const std::size_t block = static_cast<std::size_t>(EVP_MD_get_block_size(md));
  // RFC 2104: a key longer than the block is hashed first; then zero-padded to a block.
  std::uint8_t k[128] = {};
  if (key.size() > block) {
    unsigned int len = 0;
    if (EVP_Digest(key.data(), key.size(), k, &len, md, nullptr) != 1) return errc::unsupported_protocol;
  } else {
    std::memcpy(k, key.data(), key.size());
  }
  auto st = std::make_unique<state>();
  st->inner.reset(EVP_MD_CTX_new());
  st->outer.reset(EVP_MD_CTX_new());
  st->work.reset(EVP_MD_CTX_new());
  if (!st->inner || !st->outer || !st->work) return errc::unsupported_protocol;
  std::uint8_t pad[128];
  for (std::size_t i = 0; i < block; ++i) pad[i] = k[i] ^ 0x36;
  bool ok = EVP_DigestInit_ex(st->inner.get(), md, nullptr) == 1 && EVP_DigestUpdate(st->inner.get(), pad, block) == 1;
  for (std::size_t i = 0; i < block; ++i) pad[i] = k[i] ^ 0x5c;
  ok = ok && EVP_DigestInit_ex(st->outer.get(), md, nullptr) == 1 && EVP_DigestUpdate(st->outer.get(), pad, block) == 1;
  secure_wipe(k, sizeof k);
  secure_wipe(pad, sizeof pad);
  if (!ok) return errc::unsupported_protocol;
  alg_ = a;
  s_ = std::move(st);
  return {};
}

std::error_code hmac_key::compute(std::span<const std::uint8_t> message, std::uint8_t* out) const {
  if (!s_) return errc::invalid_argument;
  std::uint8_t inner[EVP_MAX_MD_SIZE], full[EVP_MAX_MD_SIZE];
  unsigned int n = 0, m = 0;
  EVP_MD_CTX* w = s_->work.get();
  if (EVP_MD_CTX_copy_ex(w, s_->inner.get()) != 1 || EVP_DigestUpdate(w, message.data(), message.size()) != 1 ||
      EVP_DigestFinal_ex(w, inner, &n) != 1 || EVP_MD_CTX_copy_ex(w, s_->outer.get()) != 1 ||
      EVP_DigestUpdate(w, inner, n) != 1 || EVP_DigestFinal_ex(w, full, &m) != 1)
    return errc::unsupported_protocol;
  std::memcpy(out, full, auth_params_length(alg_));
  secure_wipe(full, sizeof full);
  return {};
}

struct cipher_key::state {
  std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_free> enc, dec;
  secure_bytes key;  // kept for the DES/3DES pre-IV
};

cipher_key::cipher_key() = default;
cipher_key::~cipher_key() = default;
cipher_key::cipher_key(cipher_key&&) noexcept = default;
cipher_key& cipher_key::operator=(cipher_key&&) noexcept = default;

std::error_code cipher_key::init(priv_algorithm p, std::span<const std::uint8_t> key) {
  const EVP_CIPHER* cipher = evp_cipher(p);
  if (!cipher) return p == priv_algorithm::none ? make_error_code(errc::invalid_argument)
                                                : make_error_code(errc::unsupported_protocol);
  if (key.size() < priv_key_length(p)) return errc::invalid_argument;
  auto st = std::make_unique<state>();
  st->key = secure_bytes(key);
  st->enc.reset(EVP_CIPHER_CTX_new());
  st->dec.reset(EVP_CIPHER_CTX_new());
  if (!st->enc || !st->dec || EVP_CipherInit_ex(st->enc.get(), cipher, nullptr, key.data(), nullptr, 1) != 1 ||
      EVP_CipherInit_ex(st->dec.get(), cipher, nullptr, key.data(), nullptr, 0) != 1)
    return errc::unsupported_protocol;
  EVP_CIPHER_CTX_set_padding(st->enc.get(), 0);
  EVP_CIPHER_CTX_set_padding(st->dec.get(), 0);
  alg_ = p;
  s_ = std::move(st);
  return {};
}

namespace {

// Runs a keyed context over `in` with a new IV only: the key schedule is reused.
std::error_code run_keyed(EVP_CIPHER_CTX* ctx, const std::uint8_t* iv, bool encrypting,
                          std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out) {
  if (EVP_CipherInit_ex(ctx, nullptr, nullptr, nullptr, iv, -1) != 1) return errc::unsupported_protocol;
  out.resize(in.size() + 16);
  int n = 0, m = 0;
  if (EVP_CipherUpdate(ctx, out.data(), &n, in.data(), static_cast<int>(in.size())) != 1 ||
      EVP_CipherFinal_ex(ctx, out.data() + n, &m) != 1)
    return encrypting ? make_error_code(errc::unsupported_protocol) : make_error_code(errc::decryption_error);
  out.resize(static_cast<std::size_t>(n + m));
  return {};
}

}  // namespace

std::error_code cipher_key::encrypt(std::int32_t engine_boots, std::int32_t engine_time, std::uint64_t salt,
                                    std::span<const std::uint8_t> plaintext, std::vector<std::uint8_t>& ciphertext,
                                    std::uint8_t (&priv_params)[8]) const {
  if (!s_) return errc::invalid_argument;
  make_priv_params(alg_, engine_boots, salt, priv_params);
  std::uint8_t iv[16];
  make_iv(alg_, s_->key.view(), engine_boots, engine_time, priv_params, iv);
  if (!is_aes(alg_) && plaintext.size() % 8) {
    std::vector<std::uint8_t> padded(plaintext.begin(), plaintext.end());
    padded.resize((plaintext.size() + 7) / 8 * 8, 0);
    auto ec = run_keyed(s_->enc.get(), iv, true, padded, ciphertext);
    secure_wipe(padded.data(), padded.size());
    return ec;
  }
  return run_keyed(s_->enc.get(), iv, true, plaintext, ciphertext);
}

std::error_code cipher_key::decrypt(std::int32_t engine_boots, std::int32_t engine_time,
                                    std::span<const std::uint8_t> priv_params, std::span<const std::uint8_t> ciphertext,
                                    std::vector<std::uint8_t>& plaintext) const {
  if (!s_) return errc::invalid_argument;
  if (priv_params.size() != 8) return errc::decryption_error;
  if (!is_aes(alg_) && ciphertext.size() % 8) return errc::decryption_error;
  std::uint8_t iv[16];
  make_iv(alg_, s_->key.view(), engine_boots, engine_time, priv_params.data(), iv);
  return run_keyed(s_->dec.get(), iv, false, ciphertext, plaintext);
}

}  // namespace snmpio::crypto
