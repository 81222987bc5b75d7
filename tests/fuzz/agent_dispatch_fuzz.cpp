// agent_dispatch: GET, GETNEXT, GETBULK and SET against a synthetic MIB tree (scalars,
// tables with integer, string, IMPLIED, OID and IpAddress indexes, RowStatus, and an
// asynchronous subtree), fed straight into the responder's request sink.
//
// Input: byte 0 chooses the version (bits 0-1), a restricted view (bit 2), how the PDU
// is made (bit 3: BER-decoded from the rest, else built from the bytes) and the size
// budget (bits 4-7). Built PDUs take a type, non-repeaters, max-repetitions, then
// varbinds whose names are a chosen prefix plus arcs from the input (with the extreme
// values 2^31 and 2^32-1 reachable) and whose values are of a chosen type.
//
// Invariants: exactly one response per request, after the asynchronous answers;
// request-id kept; error-index within the varbinds; a successful response fits the
// budget, answers each GET/GETNEXT variable in order with a name that moves forward,
// never carries Counter64 or exceptions in SNMPv1, and a GETBULK stays within
// non-repeaters + repeaters x max-repetitions.
#include <snmpio/command_responder.hpp>
#include <snmpio/reactor.hpp>

#include "apps/responder_core.hpp"
#include "ber/pdu_codec.hpp"
#include "engine/request_sink.hpp"
#include "engine/vacm.hpp"
#include "tests/fuzz/fuzz_target.hpp"

#include <memory>
#include <optional>
#include <vector>

using namespace snmpio;

namespace {

struct byte_source {
  const std::uint8_t* p;
  std::size_t n;
  std::uint8_t next() {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
  bool empty() const { return n == 0; }
};

std::uint32_t arc_from(std::uint8_t b) {
  switch (b) {
    case 0xff: return 4294967295u;
    case 0xfe: return 2147483648u;
    case 0xfd: return 2147483647u;
    case 0xfc: return 256;
    case 0xfb: return 255;
    default: return b < 0x80 ? b % 12u : b;
  }
}

// A subtree whose answers come after on_request returns (or never: dropped).
class deferred_handler : public mib_handler {
 public:
  std::vector<std::pair<oid, reply_token>> pending;
  bool next_mode = false;
  void get(const request_context&, const oid& name, reply_token t) override { pending.emplace_back(name, std::move(t)); }
  void get_next(const request_context&, const oid& name, reply_token t) override {
    pending.emplace_back(name, std::move(t));
  }
  // Answers what is pending: for GETNEXT the next of up to 4 instances .1-.4.
  void settle(std::uint8_t mode) {
    while (!pending.empty()) {
      auto batch = std::move(pending);
      pending.clear();
      for (auto& [name, t] : batch) {
        const oid base{1, 3, 6, 1, 4, 1, 9999, 3};
        if (mode % 7 == 6) continue;  // dropped: genErr
        if (name.size() == base.size() + 1 && name.back() >= 1 && name.back() <= 4) {
          // Could be a GET (answer) or a GETNEXT (answer_next): the token tells which
          // by what it accepts; answering the wrong kind is a genErr, also fine.
          if (mode & 1) t.answer(value::gauge32(name.back()));
          else if (name.back() < 4) {
            oid n = base;
            n.push_back(name.back() + 1);
            t.answer_next(n, value::gauge32(n.back()));
          } else {
            t.end_of_subtree();
          }
        } else if (name.size() <= base.size()) {
          oid n = base;
          n.push_back(1);
          if (mode & 1) t.answer(value::no_such_instance());
          else t.answer_next(n, value::counter64(1));
        } else {
          if (mode & 1) t.answer(value::no_such_instance());
          else t.end_of_subtree();
        }
      }
    }
  }
};

struct tree {
  std::shared_ptr<deferred_handler> deferred = std::make_shared<deferred_handler>();
  std::int32_t writable = 5;

  void build(command_responder& r) {
    const oid ent{1, 3, 6, 1, 4, 1, 9999};
    (void)r.register_scalar(oid{1, 3, 6, 1, 2, 1, 1, 1}, [] { return value::octet_string("fuzz"); });
    (void)r.register_scalar(oid{1, 3, 6, 1, 2, 1, 1, 3}, [] { return value::time_ticks(12345); });
    (void)r.register_scalar(oid{1, 3, 6, 1, 4, 1, 9999, 1}, [] { return value::counter64(~0ull); });
    scalar_handler h;
    h.get = [this] { return value::integer32(writable); };
    h.type = value_type::integer32;
    h.test = [](const value& v) { return v.as_int32() > 100 ? error_status::wrong_value : error_status::no_error; };
    h.commit = [this](const value& v) {
      if (v.as_int32() == 99) return error_status::commit_failed;
      writable = v.as_int32();
      return error_status::no_error;
    };
    (void)r.register_scalar(oid{1, 3, 6, 1, 4, 1, 9999, 2}, std::move(h));
    (void)r.register_subtree(oid{1, 3, 6, 1, 4, 1, 9999, 3}, deferred);

    // Integer index, three columns, one of them Counter64.
    {
      std::vector<table_column> c(3);
      c[0] = {.id = 1, .type = value_type::integer32, .access = column_access::not_accessible};
      c[1] = {.id = 2, .type = value_type::octet_string, .access = column_access::read_write, .max_length = 16};
      c[2] = {.id = 3, .type = value_type::counter64};
      auto t = std::make_shared<mib_table>(oid{1, 3, 6, 1, 4, 1, 9999, 4, 1}, c, index_spec{{.kind = index_kind::integer}});
      for (std::uint32_t i : {1u, 2u, 7u, 2147483647u})
        (void)t->add_row(oid{i}, {{1, value::integer32(static_cast<std::int32_t>(i))},
                                  {2, value::octet_string("if")},
                                  {3, value::counter64(i)}});
      (void)r.register_table(t);
    }
    // String + integer index with RowStatus (creatable).
    {
      std::vector<table_column> c(3);
      c[0] = {.id = 2, .type = value_type::octet_string, .access = column_access::read_create, .required = true};
      c[1] = {.id = 3, .type = value_type::integer32, .access = column_access::read_create, .min_value = 0, .max_value = 9};
      c[2] = {.id = 4, .type = value_type::integer32, .access = column_access::read_create, .row_status = true};
      auto t = std::make_shared<mib_table>(oid{1, 3, 6, 1, 4, 1, 9999, 5, 1}, c,
                                           index_spec{{.kind = index_kind::string}, {.kind = index_kind::integer}});
      (void)t->add_row(oid{1, 'a', 1}, {{2, value::octet_string("x")}});
      (void)r.register_table(t);
    }
    // IMPLIED string, OID + IpAddress, unsigned indexes.
    {
      std::vector<table_column> c(1);
      c[0] = {.id = 2, .type = value_type::integer32, .access = column_access::read_create};
      auto t = std::make_shared<mib_table>(oid{1, 3, 6, 1, 4, 1, 9999, 6, 1}, c,
                                           index_spec{{.kind = index_kind::implied_string}});
      (void)t->add_row(oid{'a', 'b'}, {{2, value::integer32(1)}});
      (void)r.register_table(t);
      std::vector<table_column> d(1);
      d[0] = {.id = 3, .type = value_type::ip_address, .access = column_access::read_write};
      auto u = std::make_shared<mib_table>(
          oid{1, 3, 6, 1, 4, 1, 9999, 7, 1}, d,
          index_spec{{.kind = index_kind::object_identifier}, {.kind = index_kind::ip_address},
                     {.kind = index_kind::unsigned32}});
      (void)u->add_row(oid{2, 1, 3, 127, 0, 0, 1, 4294967295u}, {{3, value::ip_address({1, 2, 3, 4})}});
      (void)r.register_table(u);
    }
    (void)ent;
  }
};

const oid prefixes[] = {
    oid{1, 3, 6, 1, 2, 1, 1},          oid{1, 3, 6, 1, 4, 1, 9999},       oid{1, 3, 6, 1, 4, 1, 9999, 4, 1},
    oid{1, 3, 6, 1, 4, 1, 9999, 5, 1}, oid{1, 3, 6, 1, 4, 1, 9999, 6, 1}, oid{1, 3, 6, 1, 4, 1, 9999, 7, 1},
    oid{1, 3},                         oid{2, 999},
};

value value_from(byte_source& in) {
  std::uint8_t t = in.next();
  std::uint8_t b = in.next();
  switch (t % 9) {
    case 0: return value::integer32(static_cast<std::int32_t>(b) - 8);
    case 1: return value::octet_string(std::string(b % 20 == 19 ? 300 : b % 20, 'v'));
    case 2: return value::null();
    case 3: return value::gauge32(b);
    case 4: return value::integer32(b % 8);  // RowStatus values
    case 5: return value::object_identifier(oid{1, 3, b});
    case 6: return value::ip_address({b, 0, 0, 1});
    case 7: return value::counter64(b);
    default: return value::no_such_instance();
  }
}

pdu built_pdu(byte_source& in) {
  pdu p;
  static constexpr pdu_type types[] = {pdu_type::get_request, pdu_type::get_next_request, pdu_type::get_bulk_request,
                                       pdu_type::set_request};
  p.type = types[in.next() % 4];
  p.request_id = 1234;
  if (p.type == pdu_type::get_bulk_request) {
    p.error_status = static_cast<std::int8_t>(in.next());
    std::uint8_t m = in.next();
    p.error_index = m == 0xff ? 0x7fffffff : static_cast<std::int8_t>(m);
  }
  for (int k = 0; k < 16 && !in.empty(); ++k) {
    oid name = prefixes[in.next() % std::size(prefixes)];
    std::size_t arcs = in.next() % 10;
    for (std::size_t j = 0; j < arcs; ++j) name.push_back(arc_from(in.next()));
    varbind vb{name, value::null()};
    if (p.type == pdu_type::set_request) vb.value = value_from(in);
    p.varbinds.push_back(std::move(vb));
  }
  return p;
}

std::size_t list_size(const std::vector<varbind>& vbs) {
  std::size_t c = 0;
  for (const auto& vb : vbs) c += detail::encoded_varbind_size(vb);
  return detail::encoded_list_size(c);
}

}  // namespace

SNMPIO_FUZZ_TARGET(agent_dispatch)(const std::uint8_t* data, std::size_t size) {
  static reactor loop;
  static engine eng(loop);
  static detail::vacm_view all, some;
  static bool once = [] {
    all.add(oid{1}, {}, true);
    some.add(oid{1}, {}, true);
    some.add(oid{1, 3, 6, 1, 4, 1, 9999, 4, 1, 2}, {}, false);
    some.add(oid{1, 3, 6, 1, 2, 1, 1, 3}, {}, false);
    return true;
  }();
  (void)once;
  if (size < 1) return 0;
  byte_source in{data + 1, size - 1};
  std::uint8_t ctl = data[0];
  static constexpr snmp_version versions[] = {snmp_version::v1, snmp_version::v2c, snmp_version::v3, snmp_version::v2c};
  snmp_version version = versions[ctl & 3];
  static constexpr std::size_t budgets[] = {0, 16, 40, 100, 300, 424, 484, 1000, 1400, 4000, 65000, 8, 2, 60, 200, 500};
  std::size_t budget = budgets[ctl >> 4];

  pdu req;
  if (ctl & 8) {
    ber::reader r({data + 1, size - 1});
    if (ber::decode_pdu(r, version, req)) return 0;
  } else {
    req = built_pdu(in);
  }
  bool is_request = req.type == pdu_type::get_request || req.type == pdu_type::get_next_request ||
                    req.type == pdu_type::get_bulk_request || req.type == pdu_type::set_request;
  if (version == snmp_version::v1 && req.type == pdu_type::get_bulk_request) is_request = false;

  tree t;
  command_responder resp(eng);
  t.build(resp);
  detail::access_views views{&all, &all};
  if (ctl & 4) views = {&some, (size & 1) ? nullptr : &some};
  if ((ctl & 0xf4) == 0xf4) views.read = nullptr;

  int calls = 0;
  std::optional<pdu> out;
  detail::incoming_request ir;
  ir.version = version;
  ir.request = req;
  ir.max_varbinds_size = budget;
  resp.sink().on_request(std::move(ir), views, [&](pdu p) {
    ++calls;
    out = std::move(p);
  });
  std::uint8_t mode = size > 1 ? data[size - 1] : 0;
  t.deferred->settle(mode);
  SNMPIO_FUZZ_CHECK(t.deferred->pending.empty());
  if (!is_request) {
    SNMPIO_FUZZ_CHECK(calls == 0);
    return 0;
  }
  SNMPIO_FUZZ_CHECK(calls == 1);
  SNMPIO_FUZZ_CHECK(out->type == pdu_type::response);
  SNMPIO_FUZZ_CHECK(out->request_id == req.request_id);
  SNMPIO_FUZZ_CHECK(out->error_index >= 0 && static_cast<std::size_t>(out->error_index) <= req.varbinds.size());
  SNMPIO_FUZZ_CHECK(out->error_status >= 0 && out->error_status <= 18);
  if (version == snmp_version::v1) SNMPIO_FUZZ_CHECK(out->error_status <= 5);
  if (out->error_status != 0) {
    SNMPIO_FUZZ_CHECK(out->varbinds.empty() || out->varbinds == req.varbinds);
    return 0;
  }
  std::size_t effective = budget ? budget : 65507;
  SNMPIO_FUZZ_CHECK(list_size(out->varbinds) <= effective);
  if (version == snmp_version::v1)
    for (const auto& vb : out->varbinds)
      SNMPIO_FUZZ_CHECK(!vb.value.is_exception() && vb.value.type() != value_type::counter64);
  if (req.type == pdu_type::get_request || req.type == pdu_type::set_request) {
    SNMPIO_FUZZ_CHECK(out->varbinds.size() == req.varbinds.size());
    for (std::size_t k = 0; k < req.varbinds.size(); ++k) SNMPIO_FUZZ_CHECK(out->varbinds[k].name == req.varbinds[k].name);
  } else if (req.type == pdu_type::get_next_request) {
    SNMPIO_FUZZ_CHECK(out->varbinds.size() == req.varbinds.size());
    for (std::size_t k = 0; k < req.varbinds.size(); ++k) {
      const auto& o = out->varbinds[k];
      if (o.value.type() == value_type::end_of_mib_view) SNMPIO_FUZZ_CHECK(o.name == req.varbinds[k].name);
      else SNMPIO_FUZZ_CHECK(o.name > req.varbinds[k].name);
    }
  } else {
    std::size_t n = req.varbinds.size();
    std::size_t nr = std::min<std::size_t>(req.error_status < 0 ? 0 : static_cast<std::size_t>(req.error_status), n);
    std::size_t mr = req.error_index < 0 ? 0 : static_cast<std::size_t>(req.error_index);
    SNMPIO_FUZZ_CHECK(out->varbinds.size() <= nr + (n - nr) * mr);
    SNMPIO_FUZZ_CHECK(out->varbinds.size() >= nr);
  }
  return 0;
}
