// Names of the data model's enumerations.
#include <snmpio/pdu.hpp>
#include <snmpio/value.hpp>

namespace snmpio {

const char* to_string(value_type t) noexcept {
  switch (t) {
    case value_type::integer32: return "INTEGER";
    case value_type::octet_string: return "OCTET STRING";
    case value_type::null: return "NULL";
    case value_type::object_identifier: return "OBJECT IDENTIFIER";
    case value_type::ip_address: return "IpAddress";
    case value_type::counter32: return "Counter32";
    case value_type::gauge32: return "Gauge32";
    case value_type::time_ticks: return "TimeTicks";
    case value_type::opaque: return "Opaque";
    case value_type::counter64: return "Counter64";
    case value_type::no_such_object: return "noSuchObject";
    case value_type::no_such_instance: return "noSuchInstance";
    case value_type::end_of_mib_view: return "endOfMibView";
  }
  return "unknown";
}

const char* to_string(snmp_version v) noexcept {
  switch (v) {
    case snmp_version::v1: return "1";
    case snmp_version::v2c: return "2c";
    case snmp_version::v3: return "3";
  }
  return "unknown";
}

const char* to_string(pdu_type t) noexcept {
  switch (t) {
    case pdu_type::get_request: return "GetRequest";
    case pdu_type::get_next_request: return "GetNextRequest";
    case pdu_type::response: return "Response";
    case pdu_type::set_request: return "SetRequest";
    case pdu_type::trap_v1: return "Trap";
    case pdu_type::get_bulk_request: return "GetBulkRequest";
    case pdu_type::inform_request: return "InformRequest";
    case pdu_type::trap_v2: return "SNMPv2-Trap";
    case pdu_type::report: return "Report";
  }
  return "unknown";
}

const char* error_status_name(std::int32_t status) noexcept {
  static const char* const names[] = {
      "noError",       "tooBig",         "noSuchName",         "badValue",
      "readOnly",      "genErr",         "noAccess",           "wrongType",
      "wrongLength",   "wrongEncoding",  "wrongValue",         "noCreation",
      "inconsistentValue", "resourceUnavailable", "commitFailed", "undoFailed",
      "authorizationError", "notWritable", "inconsistentName"};
  if (status < 0 || status > 18) return "unknown";
  return names[status];
}

}  // namespace snmpio
