// Built-in instrumentation: SNMPv2-MIB system and snmp groups, snmpSetSerialNo,
// snmpEngine, snmpMPDStats, usmStats. Every getter reads the engine through a weak
// reference, so a responder that outlives its engine answers noSuchInstance instead
// of touching freed state.
#include <snmpio/agent_mibs.hpp>

#include "apps/responder_core.hpp"
#include "crypto/random.hpp"
#include "engine/engine_impl.hpp"

#include <memory>

namespace snmpio {

namespace {

using weak_engine = std::weak_ptr<detail::engine_impl>;

const oid system_group{1, 3, 6, 1, 2, 1, 1};
const oid snmp_group{1, 3, 6, 1, 2, 1, 11};

oid under(const oid& base, std::uint32_t arc) {
  oid o = base;
  o.push_back(arc);
  return o;
}

value counter(std::uint64_t v) { return value::counter32(static_cast<std::uint32_t>(v)); }  // modulo 2^32

// Reads one agent counter from the engine.
std::function<value()> agent_counter(weak_engine w, std::uint64_t agent_stats::*field) {
  return [w = std::move(w), field] {
    auto e = w.lock();
    return e ? counter(e->agent_statistics().*field) : value::no_such_instance();
  };
}

std::function<value()> responder_counter(std::weak_ptr<detail::responder_core> w, std::uint64_t responder_stats::*field) {
  return [w = std::move(w), field] {
    auto c = w.lock();
    return c ? counter(c->stats_.*field) : value::no_such_instance();
  };
}

// A DisplayString scalar: read-only when configured, else writable in memory.
std::error_code display_string(command_responder& r, const oid& object, std::string configured, bool allow_set,
                               bool writable) {
  auto text = std::make_shared<std::string>(std::move(configured));
  scalar_handler h;
  h.get = [text] { return value::octet_string(*text); };
  if ((text->empty() || writable) && allow_set) {
    h.type = value_type::octet_string;
    h.test = [](const value& v) {
      return v.as_octets().size() > 255 ? error_status::wrong_length : error_status::no_error;
    };
    h.commit = [text](const value& v) {
      *text = std::string(v.as_octets());
      return error_status::no_error;
    };
  }
  return r.register_scalar(object, std::move(h));
}

// A table of sysORTable (sysORIndex, sysORID, sysORDescr, sysORUpTime).
std::shared_ptr<mib_table> sysor_table(const std::vector<sysor_entry>& rows, std::uint32_t now) {
  std::vector<table_column> cols(4);
  cols[0] = {.id = 1, .type = value_type::integer32, .access = column_access::not_accessible};
  cols[1] = {.id = 2, .type = value_type::object_identifier, .access = column_access::read_only};
  cols[2] = {.id = 3, .type = value_type::octet_string, .access = column_access::read_only};
  cols[3] = {.id = 4, .type = value_type::time_ticks, .access = column_access::read_only};
  auto t = std::make_shared<mib_table>(under(under(system_group, 9), 1), std::move(cols),
                                       index_spec{{.kind = index_kind::integer}});
  std::uint32_t i = 1;
  for (const auto& row : rows) {
    (void)t->add_row(oid{i}, {{1, value::integer32(static_cast<std::int32_t>(i))},
                              {2, value::object_identifier(row.id)},
                              {3, value::octet_string(row.descr)},
                              {4, value::time_ticks(now)}});
    ++i;
  }
  return t;
}

}  // namespace

std::error_code register_system_mib(command_responder& r, engine& eng, system_info info) {
  weak_engine w = eng.impl().weak_from_this();
  std::error_code ec;
  auto descr = std::make_shared<std::string>(std::move(info.descr));
  if ((ec = r.register_scalar(under(system_group, 1), [descr] { return value::octet_string(*descr); }))) return ec;
  oid object_id = info.object_id.empty() ? oid{0, 0} : info.object_id;
  if ((ec = r.register_scalar(under(system_group, 2), [object_id] { return value::object_identifier(object_id); })))
    return ec;
  if ((ec = r.register_scalar(under(system_group, 3), [w] {
         auto e = w.lock();
         return e ? value::time_ticks(e->uptime()) : value::no_such_instance();
       })))
    return ec;
  if ((ec = display_string(r, under(system_group, 4), std::move(info.contact), info.allow_set, info.contact_writable)))
    return ec;
  if ((ec = display_string(r, under(system_group, 5), std::move(info.name), info.allow_set, info.name_writable)))
    return ec;
  if ((ec = display_string(r, under(system_group, 6), std::move(info.location), info.allow_set,
                           info.location_writable)))
    return ec;
  // Without a value, sysServices.0 is a known object with no instance, as in snmpd.
  const std::optional<std::int32_t> services = info.services;
  if ((ec = r.register_scalar(under(system_group, 7), [services] {
         return services ? value::integer32(*services) : value::no_such_instance();
       })))
    return ec;
  if (!info.capabilities.empty()) {
    std::uint32_t now = eng.uptime();
    if ((ec = r.register_scalar(under(system_group, 8), [now] { return value::time_ticks(now); }))) return ec;
    if ((ec = r.register_table(sysor_table(info.capabilities, now)))) return ec;
  }
  return {};
}

std::error_code register_snmp_mib(command_responder& r, engine& eng, bool enable_authen_traps) {
  weak_engine w = eng.impl().weak_from_this();
  auto core = detail::responder_access::core(r);
  struct agent_counter_oid {
    std::uint32_t arc;
    std::uint64_t agent_stats::*field;
  };
  static constexpr agent_counter_oid agent_counters[] = {
      {1, &agent_stats::in_pkts},
      {2, &agent_stats::out_pkts},
      {3, &agent_stats::in_bad_versions},
      {4, &agent_stats::in_bad_community_names},
      {5, &agent_stats::in_bad_community_uses},
      {6, &agent_stats::in_asn_parse_errs},
      {31, &agent_stats::silent_drops},
      {32, &agent_stats::proxy_drops},
  };
  struct responder_counter_oid {
    std::uint32_t arc;
    std::uint64_t responder_stats::*field;
  };
  static constexpr responder_counter_oid responder_counters[] = {
      {15, &responder_stats::get_requests},   // snmpInGetRequests
      {16, &responder_stats::get_next_requests},  // snmpInGetNexts
      {17, &responder_stats::set_requests},   // snmpInSetRequests
      {20, &responder_stats::too_big},        // snmpOutTooBigs
      {24, &responder_stats::gen_errs},       // snmpOutGenErrs
      {28, &responder_stats::answered},       // snmpOutGetResponses
  };
  std::error_code ec;
  for (const auto& c : agent_counters)
    if ((ec = r.register_scalar(under(snmp_group, c.arc), agent_counter(w, c.field)))) return ec;
  for (const auto& c : responder_counters)
    if ((ec = r.register_scalar(under(snmp_group, c.arc), responder_counter(core, c.field)))) return ec;

  // snmpEnableAuthenTraps: enabled(1), disabled(2).
  auto authen = std::make_shared<std::int32_t>(enable_authen_traps ? 1 : 2);
  scalar_handler at;
  at.get = [authen] { return value::integer32(*authen); };
  at.type = value_type::integer32;
  at.test = [](const value& v) {
    return v.as_int32() == 1 || v.as_int32() == 2 ? error_status::no_error : error_status::wrong_value;
  };
  at.commit = [authen](const value& v) {
    *authen = v.as_int32();
    return error_status::no_error;
  };
  if ((ec = r.register_scalar(under(snmp_group, 30), std::move(at)))) return ec;

  // snmpSetSerialNo: TestAndIncr (RFC 2579). A SET must carry the current value; it
  // then moves on by one, wrapping from 2147483647 to 0. Starts anywhere.
  std::uint32_t seed = 0;
  crypto::random_bytes(&seed, sizeof seed);
  auto serial = std::make_shared<std::int32_t>(static_cast<std::int32_t>(seed & 0x7fffffffu));
  scalar_handler sn;
  sn.get = [serial] { return value::integer32(*serial); };
  sn.type = value_type::integer32;
  sn.test = [serial](const value& v) {
    if (v.as_int32() < 0) return error_status::wrong_value;
    return v.as_int32() == *serial ? error_status::no_error : error_status::inconsistent_value;
  };
  sn.commit = [serial](const value&) {
    *serial = *serial == 0x7fffffff ? 0 : *serial + 1;
    return error_status::no_error;
  };
  sn.undo = [serial] {
    *serial = *serial == 0 ? 0x7fffffff : *serial - 1;
    return error_status::no_error;
  };
  return r.register_scalar(oid{1, 3, 6, 1, 6, 3, 1, 1, 6, 1}, std::move(sn));
}

std::error_code register_engine_mibs(command_responder& r, engine& eng, std::size_t max_message_size) {
  weak_engine w = eng.impl().weak_from_this();
  const oid engine_group{1, 3, 6, 1, 6, 3, 10, 2, 1};
  std::error_code ec;
  if ((ec = r.register_scalar(under(engine_group, 1), [w] {
         auto e = w.lock();
         return e ? value::octet_string(e->engine_id()) : value::no_such_instance();
       })))
    return ec;
  if ((ec = r.register_scalar(under(engine_group, 2), [w] {
         auto e = w.lock();
         return e ? value::integer32(e->engine_boots()) : value::no_such_instance();
       })))
    return ec;
  if ((ec = r.register_scalar(under(engine_group, 3), [w] {
         auto e = w.lock();
         return e ? value::integer32(e->engine_time()) : value::no_such_instance();
       })))
    return ec;
  auto mms = static_cast<std::int32_t>(max_message_size > 0x7fffffff ? 0x7fffffff : max_message_size);
  if ((ec = r.register_scalar(under(engine_group, 4), [mms] { return value::integer32(mms); }))) return ec;

  const oid mpd{1, 3, 6, 1, 6, 3, 11, 2, 1};
  if ((ec = r.register_scalar(under(mpd, 1), agent_counter(w, &agent_stats::unknown_security_models)))) return ec;
  if ((ec = r.register_scalar(under(mpd, 2), agent_counter(w, &agent_stats::invalid_msgs)))) return ec;
  if ((ec = r.register_scalar(under(mpd, 3), agent_counter(w, &agent_stats::unknown_pdu_handlers)))) return ec;

  const oid usm{1, 3, 6, 1, 6, 3, 15, 1, 1};
  static constexpr std::uint64_t agent_stats::*usm_counters[] = {
      &agent_stats::usm_unsupported_sec_levels, &agent_stats::usm_not_in_time_windows,
      &agent_stats::usm_unknown_user_names,     &agent_stats::usm_unknown_engine_ids,
      &agent_stats::usm_wrong_digests,          &agent_stats::usm_decryption_errors,
  };
  std::uint32_t arc = 1;
  for (auto f : usm_counters)
    if ((ec = r.register_scalar(under(usm, arc++), agent_counter(w, f)))) return ec;
  return {};
}

std::error_code register_agent_mibs(command_responder& r, engine& eng, system_info info, std::size_t max_message_size) {
  std::error_code ec;
  if ((ec = register_system_mib(r, eng, std::move(info)))) return ec;
  if ((ec = register_snmp_mib(r, eng))) return ec;
  return register_engine_mibs(r, eng, max_message_size);
}

}  // namespace snmpio
