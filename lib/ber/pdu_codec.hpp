// BER encoding and decoding of SNMP values, varbinds and PDUs (RFC 3416, RFC 1157).
#pragma once

#include "ber/ber.hpp"

#include <snmpio/pdu.hpp>
#include <snmpio/value.hpp>

namespace snmpio::ber {

/// Decodes one value from its TLV. Exceptions must have empty content, NULL too,
/// IpAddress exactly 4 octets; unknown or constructed tags are errc::bad_tag. Tolerated
/// integer forms (ber.hpp) are added to `tally` when given.
std::error_code decode_value(const tlv& t, value& out, decode_tally* tally = nullptr);
/// Encodes one value as a complete TLV (back to front, like everything in writer).
std::error_code encode_value(writer& w, const value& v);

/// Decodes the PDU TLV that `r` is positioned at, into `out` (reusing its varbind
/// storage). `version` restricts the PDU types: no GetBulk/Inform/SNMPv2-Trap/Report
/// in SNMPv1, no SNMPv1 Trap-PDU in SNMPv2c and SNMPv3 (errc::wrong_pdu_for_version).
std::error_code decode_pdu(reader& r, snmp_version version, pdu& out, decode_tally* tally = nullptr);
/// Encodes `p` as a PDU TLV, with the same version rules as decode_pdu.
std::error_code encode_pdu(writer& w, snmp_version version, const pdu& p);

/// Whether `version` may carry `type`.
bool pdu_allowed(snmp_version version, pdu_type type) noexcept;

}  // namespace snmpio::ber
