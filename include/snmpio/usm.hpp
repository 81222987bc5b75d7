// snmpio — SNMPv3 User-based Security Model credentials (RFC 3414, RFC 7860,
// RFC 3826): the C++ form of PySNMP's UsmUserData.
#pragma once

#include <snmpio/export.hpp>
#include <snmpio/oid.hpp>

#include <cstdint>
#include <string>

namespace snmpio {

/// Authentication protocols. Net-SNMP's -a names: MD5, SHA, SHA-224, SHA-256, SHA-384,
/// SHA-512. PySNMP: usmNoAuthProtocol, usmHMACMD5AuthProtocol, usmHMACSHAAuthProtocol,
/// usmHMAC128SHA224AuthProtocol ... usmHMAC384SHA512AuthProtocol.
enum class auth_protocol : std::uint8_t { none, hmac_md5, hmac_sha, hmac_sha224, hmac_sha256, hmac_sha384, hmac_sha512 };

/// Privacy protocols. Net-SNMP's -x names: DES, (3DES: not in Net-SNMP), AES, AES-192,
/// AES-256 (the Blumenthal key extension), AES-192-C, AES-256-C (Reeder, as Cisco does).
/// PySNMP: usmDESPrivProtocol, usm3DESEDEPrivProtocol, usmAesCfb128Protocol,
/// usmAesBlumenthalCfb192Protocol, usmAesBlumenthalCfb256Protocol (Blumenthal), and
/// usmAesCfb192Protocol, usmAesCfb256Protocol (Reeder).
enum class priv_protocol : std::uint8_t {
  none,
  des,
  tdes,
  aes128,
  aes192_blumenthal,
  aes256_blumenthal,
  aes192_reeder,
  aes256_reeder,
};

/// How a key is given (PySNMP's usmKeyTypePassphrase, usmKeyTypeMaster, usmKeyTypeLocalized).
enum class key_type : std::uint8_t { passphrase = 0, master = 1, localized = 2 };

/// The protocol's OID, as PySNMP and the MIBs name it (e.g. 1.3.6.1.6.3.10.1.1.5 for
/// HMAC-SHA-256).
SNMPIO_EXPORT oid protocol_oid(auth_protocol p);
SNMPIO_EXPORT oid protocol_oid(priv_protocol p);
/// Net-SNMP's -a / -x spelling ("SHA-256", "AES-192-C", ...; "3DES" for tdes).
SNMPIO_EXPORT const char* to_string(auth_protocol p) noexcept;
SNMPIO_EXPORT const char* to_string(priv_protocol p) noexcept;

/// An SNMPv3 user. The security level follows from the protocols: noAuthNoPriv,
/// authNoPriv or authPriv (privacy requires authentication). A passphrase must be at
/// least 8 octets (as Net-SNMP requires); a master key is Ku (the hash length of the
/// auth protocol), a localized key is Kul for `security_engine_id`.
struct usm_user_data {
  std::string user_name{};
  auth_protocol auth = auth_protocol::none;
  std::string auth_key{};
  priv_protocol priv = priv_protocol::none;
  std::string priv_key{};
  key_type auth_key_type = key_type::passphrase;
  key_type priv_key_type = key_type::passphrase;
  /// The agent's engine ID (raw octets). Empty: discovered (once per agent). Required
  /// with localized keys.
  std::string security_engine_id{};
};

}  // namespace snmpio
