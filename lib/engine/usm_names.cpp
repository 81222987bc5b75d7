// Names and OIDs of the USM protocols (RFC 3414, RFC 7860, RFC 3826, and the
// Blumenthal/Reeder drafts with PySNMP's identifiers).
#include <snmpio/usm.hpp>

namespace snmpio {

oid protocol_oid(auth_protocol p) {
  // usmNoAuthProtocol .1, usmHMACMD5AuthProtocol .2, usmHMACSHAAuthProtocol .3, then
  // RFC 7860's SHA-224 .4 to SHA-512 .7: the enumerators are in that order.
  return oid{1, 3, 6, 1, 6, 3, 10, 1, 1, static_cast<std::uint32_t>(p) + 1};
}

oid protocol_oid(priv_protocol p) {
  switch (p) {
    case priv_protocol::none: return oid{1, 3, 6, 1, 6, 3, 10, 1, 2, 1};
    case priv_protocol::des: return oid{1, 3, 6, 1, 6, 3, 10, 1, 2, 2};
    case priv_protocol::tdes: return oid{1, 3, 6, 1, 6, 3, 10, 1, 2, 3};
    case priv_protocol::aes128: return oid{1, 3, 6, 1, 6, 3, 10, 1, 2, 4};
    case priv_protocol::aes192_blumenthal: return oid{1, 3, 6, 1, 4, 1, 9, 12, 6, 1, 1};
    case priv_protocol::aes256_blumenthal: return oid{1, 3, 6, 1, 4, 1, 9, 12, 6, 1, 2};
    case priv_protocol::aes192_reeder: return oid{1, 3, 6, 1, 4, 1, 9, 12, 6, 1, 101};
    case priv_protocol::aes256_reeder: return oid{1, 3, 6, 1, 4, 1, 9, 12, 6, 1, 102};
  }
  return oid{1, 3, 6, 1, 6, 3, 10, 1, 2, 1};
}

const char* to_string(auth_protocol p) noexcept {
  switch (p) {
    case auth_protocol::none: return "none";
    case auth_protocol::hmac_md5: return "MD5";
    case auth_protocol::hmac_sha: return "SHA";
    case auth_protocol::hmac_sha224: return "SHA-224";
    case auth_protocol::hmac_sha256: return "SHA-256";
    case auth_protocol::hmac_sha384: return "SHA-384";
    case auth_protocol::hmac_sha512: return "SHA-512";
  }
  return "unknown";
}

const char* to_string(priv_protocol p) noexcept {
  switch (p) {
    case priv_protocol::none: return "none";
    case priv_protocol::des: return "DES";
    case priv_protocol::tdes: return "3DES";
    case priv_protocol::aes128: return "AES";
    case priv_protocol::aes192_blumenthal: return "AES-192";
    case priv_protocol::aes256_blumenthal: return "AES-256";
    case priv_protocol::aes192_reeder: return "AES-192-C";
    case priv_protocol::aes256_reeder: return "AES-256-C";
  }
  return "unknown";
}

}  // namespace snmpio
