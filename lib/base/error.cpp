#include <snmpio/error.hpp>

#include <string>

namespace snmpio {
namespace {

class snmpio_category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "snmpio"; }

  std::string message(int code) const override {
    switch (static_cast<errc>(code)) {
      case errc::truncated: return "truncated data: a length runs past the end";
      case errc::bad_length: return "invalid BER length";
      case errc::indefinite_length: return "indefinite BER length is not allowed";
      case errc::bad_tag: return "unexpected or invalid BER tag";
      case errc::bad_integer: return "invalid INTEGER encoding";
      case errc::value_out_of_range: return "value out of range for its type";
      case errc::bad_oid: return "invalid OBJECT IDENTIFIER";
      case errc::bad_value_length: return "wrong length for a fixed-size value";
      case errc::nesting_too_deep: return "BER values nested too deeply";
      case errc::trailing_data: return "unexpected data after a value";
      case errc::unknown_pdu_type: return "unknown PDU type";
      case errc::wrong_pdu_for_version: return "PDU type not allowed in this SNMP version";
      case errc::bad_msg_flags: return "msgFlags is not exactly one octet";
      case errc::unsupported_version: return "unsupported SNMP version";
      case errc::invalid_msg_flags: return "invalid msgFlags: privacy without authentication";
      case errc::invalid_argument: return "invalid argument";
      case errc::oid_not_encodable: return "OBJECT IDENTIFIER cannot be encoded";
      case errc::message_too_big: return "message too big";
      case errc::timeout: return "timeout: no response";
      case errc::cancelled: return "cancelled";
      case errc::shutdown: return "shut down with the request pending";
      case errc::queue_full: return "outgoing queue full";
      case errc::unreachable: return "destination unreachable";
      case errc::resolve_failed: return "host name could not be resolved";
      case errc::too_big: return "response too big";
      case errc::not_increasing: return "OID not increasing";
      case errc::empty_response: return "empty response";
      case errc::unknown_engine_id: return "unknown engine ID";
      case errc::unknown_user_name: return "unknown user name";
      case errc::unsupported_security_level: return "unsupported security level";
      case errc::authentication_failure: return "authentication failure (incorrect password, community or key)";
      case errc::not_in_time_window: return "not in time window";
      case errc::decryption_error: return "decryption error";
      case errc::unsupported_protocol: return "authentication or privacy protocol not supported here";
      case errc::report: return "the agent answered with a Report";
      case errc::mib_module_not_found: return "MIB module not found";
      case errc::mib_parse_error: return "MIB file could not be parsed";
      case errc::mib_unknown_module: return "unknown MIB module";
      case errc::mib_unknown_name: return "unknown object name";
      case errc::mib_bad_index: return "index does not fit the table's INDEX clause";
    }
    return "unknown snmpio error " + std::to_string(code);
  }
};

}  // namespace

const std::error_category& error_category() noexcept {
  static const snmpio_category category;
  return category;
}

bool is_parse_error(std::error_code ec) noexcept {
  return ec.category() == error_category() && ec.value() >= static_cast<int>(errc::truncated) &&
         ec.value() <= static_cast<int>(errc::bad_msg_flags);
}

}  // namespace snmpio
