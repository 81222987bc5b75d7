// Test helper: every SNMPv3 authentication and privacy protocol Net-SNMP's tools and
// daemons support, with the spelling their -a and -x flags take: 6 × 7 = 42 pairs,
// the matrix every SNMPv3 interop test walks.
#pragma once

#include <snmpio/usm.hpp>

namespace snmpio::test {

struct auth_case {
  auth_protocol p;
  const char* name;  // Net-SNMP's -a
};
struct priv_case {
  priv_protocol p;
  const char* name;  // Net-SNMP's -x ("" for none)
};

inline constexpr auth_case kAuths[] = {{auth_protocol::hmac_md5, "MD5"},       {auth_protocol::hmac_sha, "SHA"},
                                       {auth_protocol::hmac_sha224, "SHA-224"}, {auth_protocol::hmac_sha256, "SHA-256"},
                                       {auth_protocol::hmac_sha384, "SHA-384"}, {auth_protocol::hmac_sha512, "SHA-512"}};
inline constexpr priv_case kPrivs[] = {{priv_protocol::none, ""},
                                       {priv_protocol::des, "DES"},
                                       {priv_protocol::aes128, "AES"},
                                       {priv_protocol::aes192_blumenthal, "AES-192"},
                                       {priv_protocol::aes256_blumenthal, "AES-256"},
                                       {priv_protocol::aes192_reeder, "AES-192-C"},
                                       {priv_protocol::aes256_reeder, "AES-256-C"}};

}  // namespace snmpio::test
