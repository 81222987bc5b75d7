// The cryptography of the User-based Security Model: password to key and key
// localization (RFC 3414 A.2), HMAC authentication (RFC 3414 §6-7, RFC 7860), and
// privacy: DES-CBC (RFC 3414 §8), 3DES-EDE (draft-reeder-snmpv3-usm-3desede),
// AES-CFB128 (RFC 3826) and its 192/256-bit variants with both key extensions,
// Blumenthal (draft-blumenthal-aes-usm-04; Net-SNMP's AES-192/AES-256) and Reeder
// (Cisco's; Net-SNMP's AES-192-C/AES-256-C).
#pragma once

#include "crypto/secure_bytes.hpp"

#include <snmpio/error.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace snmpio::crypto {

enum class auth_algorithm : std::uint8_t { none, md5, sha1, sha224, sha256, sha384, sha512 };
enum class priv_algorithm : std::uint8_t { none, des, tdes, aes128, aes192, aes256, aes192_reeder, aes256_reeder };

/// Hash output length (the key length of the protocol): 16, 20, 28, 32, 48, 64.
std::size_t digest_length(auth_algorithm a) noexcept;
/// msgAuthenticationParameters length: 12, 12, 16, 24, 32, 48 (RFC 3414, RFC 7860).
std::size_t auth_params_length(auth_algorithm a) noexcept;
/// Privacy key length the cipher needs: 16 (DES: key + pre-IV), 32 (3DES: key + pre-IV),
/// 16, 24, 32.
std::size_t priv_key_length(priv_algorithm p) noexcept;

/// Ku: the hash of the password repeated to 1,048,576 octets. An empty password is
/// errc::invalid_argument (Net-SNMP also refuses fewer than 8 octets; callers enforce).
std::error_code password_to_key(auth_algorithm a, std::string_view password, secure_bytes& ku);
/// Kul = H(Ku || engineID || Ku).
std::error_code localize_key(auth_algorithm a, std::span<const std::uint8_t> ku,
                             std::span<const std::uint8_t> engine_id, secure_bytes& kul);
/// The localized privacy key extended to priv_key_length(p): Blumenthal extension for
/// aes192/aes256 (Kul || H(Kul) || ...), Reeder for tdes and the *_reeder AES variants
/// (Kul || localize(P2K(Kul)) || ...); unchanged when Kul is long enough.
std::error_code extend_priv_key(auth_algorithm a, priv_algorithm p, std::span<const std::uint8_t> kul,
                                std::span<const std::uint8_t> engine_id, secure_bytes& key);

/// HMAC of `message` under `key`, truncated to auth_params_length(a).
std::error_code hmac(auth_algorithm a, std::span<const std::uint8_t> key, std::span<const std::uint8_t> message,
                     std::vector<std::uint8_t>& out);

/// Encrypts a scopedPDU. `salt` is the 64-bit counter the caller keeps (a random start);
/// privacy parameters (8 octets) are written to `priv_params`. DES/3DES pad to a
/// multiple of 8; AES-CFB does not pad.
std::error_code encrypt(priv_algorithm p, std::span<const std::uint8_t> key, std::int32_t engine_boots,
                        std::int32_t engine_time, std::uint64_t salt, std::span<const std::uint8_t> plaintext,
                        std::vector<std::uint8_t>& ciphertext, std::uint8_t (&priv_params)[8]);
/// Decrypts; errc::decryption_error when privParams is not 8 octets or a DES/3DES
/// ciphertext is not a multiple of 8 (RFC 3414 §8.3.2).
std::error_code decrypt(priv_algorithm p, std::span<const std::uint8_t> key, std::int32_t engine_boots,
                        std::int32_t engine_time, std::span<const std::uint8_t> priv_params,
                        std::span<const std::uint8_t> ciphertext, std::vector<std::uint8_t>& plaintext);

/// Whether the platform's OpenSSL provides the cipher (DES needs the legacy provider).
bool priv_available(priv_algorithm p) noexcept;

/// A keyed HMAC prepared once (the inner and outer pads already hashed), so that each
/// message costs only its own hashing: what the engine keeps per localized key.
class hmac_key {
 public:
  hmac_key();
  ~hmac_key();
  hmac_key(hmac_key&&) noexcept;
  hmac_key& operator=(hmac_key&&) noexcept;
  std::error_code init(auth_algorithm a, std::span<const std::uint8_t> key);
  /// The digest of `message`, truncated to auth_params_length(): `out` gets that many.
  std::error_code compute(std::span<const std::uint8_t> message, std::uint8_t* out) const;
  std::size_t length() const noexcept { return auth_params_length(alg_); }

 private:
  struct state;
  auth_algorithm alg_ = auth_algorithm::none;
  std::unique_ptr<state> s_;
};

/// A privacy key with its cipher contexts keyed once; each message only sets its IV.
class cipher_key {
 public:
  cipher_key();
  ~cipher_key();
  cipher_key(cipher_key&&) noexcept;
  cipher_key& operator=(cipher_key&&) noexcept;
  /// `key` as extend_priv_key() gives it (cipher key, then the DES/3DES pre-IV).
  std::error_code init(priv_algorithm p, std::span<const std::uint8_t> key);
  /// As the free encrypt() and decrypt() above.
  std::error_code encrypt(std::int32_t engine_boots, std::int32_t engine_time, std::uint64_t salt,
                          std::span<const std::uint8_t> plaintext, std::vector<std::uint8_t>& ciphertext,
                          std::uint8_t (&priv_params)[8]) const;
  std::error_code decrypt(std::int32_t engine_boots, std::int32_t engine_time, std::span<const std::uint8_t> priv_params,
                          std::span<const std::uint8_t> ciphertext, std::vector<std::uint8_t>& plaintext) const;

 private:
  struct state;
  priv_algorithm alg_ = priv_algorithm::none;
  std::unique_ptr<state> s_;
};

}  // namespace snmpio::crypto
