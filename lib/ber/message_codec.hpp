// SNMP messages: SNMPv1/v2c community messages (RFC 1157, RFC 1901) and the SNMPv3
// message (RFC 3412 §6) with its UsmSecurityParameters (RFC 3414 §2.4) and scopedPDU.
// Plain structures: security processing (HMAC, privacy, time windows) lives in the
// engine; here are only their wire forms.
#pragma once

#include "ber/ber.hpp"
#include "ber/pdu_codec.hpp"

#include <snmpio/pdu.hpp>

#include <string>

namespace snmpio::ber {

/// SNMPv1 / SNMPv2c message.
struct community_message {
  snmp_version version = snmp_version::v2c;
  std::string community;
  pdu data;

  friend bool operator==(const community_message&, const community_message&) = default;
};

/// Reads msgVersion without decoding the rest: the value of the first INTEGER inside
/// the outer SEQUENCE, whatever it is (the caller counts snmpInBadVersions).
std::error_code peek_version(bytes datagram, std::int32_t& version) noexcept;

/// Decodes a whole datagram as an SNMPv1/v2c message. errc::unsupported_version for a
/// version other than 0 and 1; errc::trailing_data for bytes after the message.
/// Tolerated integer forms (ber.hpp) are added to `tally` when given; so below.
std::error_code decode_community_message(bytes datagram, community_message& out, decode_tally* tally = nullptr);
/// Encodes into `w` (cleared first); the message is w.data().
std::error_code encode_community_message(writer& w, const community_message& m);

namespace msg_flags {
inline constexpr std::uint8_t auth = 0x01;
inline constexpr std::uint8_t priv = 0x02;
inline constexpr std::uint8_t reportable = 0x04;
}  // namespace msg_flags

inline constexpr std::int32_t usm_security_model = 3;
inline constexpr std::int32_t min_msg_max_size = 484;

/// msgGlobalData (RFC 3412 HeaderData).
struct v3_header {
  std::int32_t msg_id = 0;          ///< 0..2^31-1
  std::int32_t max_size = 65507;    ///< 484..2^31-1
  std::uint8_t flags = 0;           ///< msg_flags bits
  std::int32_t security_model = usm_security_model;  ///< 1..2^31-1

  friend bool operator==(const v3_header&, const v3_header&) = default;
};

/// UsmSecurityParameters, owned (for encoding and tests).
struct usm_security_parameters {
  std::string engine_id;  ///< 0..32 octets (0 during discovery)
  std::int32_t engine_boots = 0;
  std::int32_t engine_time = 0;
  std::string user_name;  ///< 0..32 octets
  std::string auth_params;
  std::string priv_params;

  friend bool operator==(const usm_security_parameters&, const usm_security_parameters&) = default;
};

/// UsmSecurityParameters, as views into the received datagram.
struct usm_security_parameters_view {
  bytes engine_id;
  std::int32_t engine_boots = 0;
  std::int32_t engine_time = 0;
  bytes user_name;
  bytes auth_params;  ///< points into the datagram: zero it there to verify the HMAC
  bytes priv_params;
};

struct scoped_pdu {
  std::string context_engine_id;
  std::string context_name;
  pdu data;

  friend bool operator==(const scoped_pdu&, const scoped_pdu&) = default;
};

/// A decoded SNMPv3 message: the header, and views of the parts the security model
/// processes.
struct v3_message_view {
  v3_header header;
  bytes security_parameters;  ///< content of msgSecurityParameters
  bool encrypted = false;     ///< msgData is an encryptedPDU
  bytes scoped_pdu_data;      ///< plaintext: the ScopedPDU TLV; encrypted: the ciphertext
};

/// Decodes the SNMPv3 envelope. Parse errors as everywhere; header ranges are checked
/// (msgID, msgMaxSize >= 484, security model >= 1, msgFlags exactly one octet:
/// errc::bad_msg_flags); privacy without authentication is errc::invalid_msg_flags
/// (the caller counts snmpInvalidMsgs). msgData must be an OCTET STRING exactly when
/// the priv flag is set.
std::error_code decode_v3_message(bytes datagram, v3_message_view& out, decode_tally* tally = nullptr) noexcept;

/// Decodes UsmSecurityParameters (engine ID and user name at most 32 octets; boots
/// and time 0..2^31-1).
std::error_code decode_usm_security_parameters(bytes content, usm_security_parameters_view& out,
                                               decode_tally* tally = nullptr) noexcept;

/// Decodes a ScopedPDU TLV. With `allow_trailing`, octets after it are ignored: the
/// padding a block cipher leaves after decryption (and that some peers add to CFB).
std::error_code decode_scoped_pdu(bytes data, scoped_pdu& out, bool allow_trailing = false,
                                  decode_tally* tally = nullptr);

/// Encodes a ScopedPDU TLV (appends in front of what `w` holds; does not clear).
std::error_code encode_scoped_pdu(writer& w, const scoped_pdu& s);

/// Where msgAuthenticationParameters' octets sit in an encoded message.
struct v3_encoding {
  std::size_t auth_params_offset = 0;
  std::size_t auth_params_length = 0;
};

/// Encodes a whole SNMPv3 message with a plaintext scopedPDU into `w` (cleared first).
std::error_code encode_v3_message(writer& w, const v3_header& h, const usm_security_parameters& usm,
                                  const scoped_pdu& s, v3_encoding* where = nullptr);
/// Same, with msgData an encryptedPDU carrying `ciphertext`.
std::error_code encode_v3_message_encrypted(writer& w, const v3_header& h,
                                            const usm_security_parameters& usm, bytes ciphertext,
                                            v3_encoding* where = nullptr);

}  // namespace snmpio::ber
