// Test helpers: random values, varbinds and PDUs for round-trip property tests.
#pragma once

#include <snmpio/pdu.hpp>

#include <random>
#include <string>

namespace snmpio::test {

inline oid random_oid(std::mt19937_64& rng) {
  oid o;
  const std::uint32_t first = static_cast<std::uint32_t>(rng() % 3);
  o.push_back(first);
  const std::uint64_t r = rng();
  o.push_back(first < 2 ? static_cast<std::uint32_t>(r % 40) : static_cast<std::uint32_t>(r >> (32 + rng() % 32)));
  const std::size_t n = rng() % 8 == 0 ? rng() % 127 : rng() % 14;
  for (std::size_t i = 0; i < n; ++i) o.push_back(static_cast<std::uint32_t>(rng() >> (32 + rng() % 32)));
  return o;
}

inline std::string random_octets(std::mt19937_64& rng, std::size_t max_len = 64) {
  std::string s(rng() % (max_len + 1), '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

inline value random_value(std::mt19937_64& rng, bool allow_v2_only = true) {
  const auto shifted = [&] { return rng() >> (rng() % 64); };
  switch (rng() % (allow_v2_only ? 15 : 10)) {
    case 0: return value::integer32(static_cast<std::int32_t>(shifted()));
    case 1: return value::octet_string(random_octets(rng));
    case 2: return value::null();
    case 3: return value::object_identifier(random_oid(rng));
    case 4: return value::ip_address({std::uint8_t(rng()), std::uint8_t(rng()), std::uint8_t(rng()), std::uint8_t(rng())});
    case 5: return value::counter32(static_cast<std::uint32_t>(shifted()));
    case 6: return value::gauge32(static_cast<std::uint32_t>(shifted()));
    case 7: return value::time_ticks(static_cast<std::uint32_t>(shifted()));
    case 8: return value::opaque(random_octets(rng, 16));
    case 9: return value::integer32(-static_cast<std::int32_t>(rng() % 1000));
    case 10: return value::counter64(shifted());
    case 11: return value::no_such_object();
    case 12: return value::no_such_instance();
    case 13: return value::end_of_mib_view();
    default: return value::counter64(~0ull);
  }
}

inline pdu random_pdu(std::mt19937_64& rng, snmp_version v) {
  static const pdu_type v1_types[] = {pdu_type::get_request, pdu_type::get_next_request, pdu_type::response,
                                      pdu_type::set_request, pdu_type::trap_v1};
  static const pdu_type v2_types[] = {pdu_type::get_request,      pdu_type::get_next_request,
                                      pdu_type::response,         pdu_type::set_request,
                                      pdu_type::get_bulk_request, pdu_type::inform_request,
                                      pdu_type::trap_v2,          pdu_type::report};
  pdu p;
  p.type = v == snmp_version::v1 ? v1_types[rng() % 5] : v2_types[rng() % 8];
  if (p.type == pdu_type::trap_v1) {
    p.enterprise = random_oid(rng);
    p.agent_address = {std::uint8_t(rng()), std::uint8_t(rng()), std::uint8_t(rng()), std::uint8_t(rng())};
    p.generic_trap = static_cast<std::int32_t>(rng() % 9);
    p.specific_trap = static_cast<std::int32_t>(rng());
    p.time_stamp = static_cast<std::uint32_t>(rng());
  } else {
    p.request_id = static_cast<std::int32_t>(rng());
    p.error_status = static_cast<std::int32_t>(rng() % 19);
    p.error_index = static_cast<std::int32_t>(rng() % 10);
  }
  const std::size_t n = rng() % 12;
  for (std::size_t i = 0; i < n; ++i) p.varbinds.push_back({random_oid(rng), random_value(rng)});
  return p;
}

}  // namespace snmpio::test
