// The Command Responder's RFC 3416 processing, driven through its request sink with
// requests built here (no sockets): GET, GETNEXT, GETBULK, SET, views, SNMPv1
// mappings, size limits, reply tokens, tables, RowStatus and index decoding.
#include <snmpio/agent_mibs.hpp>
#include <snmpio/command_responder.hpp>
#include <snmpio/reactor.hpp>

#include "apps/responder_core.hpp"
#include "engine/engine_impl.hpp"
#include "engine/request_sink.hpp"
#include "engine/vacm.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>

using namespace snmpio;
using detail::access_views;
using detail::incoming_request;
using detail::vacm_view;

namespace {

const oid sys_descr{1, 3, 6, 1, 2, 1, 1, 1};
const oid sys_descr0{1, 3, 6, 1, 2, 1, 1, 1, 0};
const oid if_entry{1, 3, 6, 1, 2, 1, 2, 2, 1};

oid cat(const oid& a, std::initializer_list<std::uint32_t> tail) {
  oid o = a;
  for (auto x : tail) o.push_back(x);
  return o;
}

struct responder_fixture : ::testing::Test {
  reactor loop;
  engine eng{loop};
  command_responder resp{eng};
  vacm_view all;
  std::int32_t counter_value = 7;

  responder_fixture() { all.add(oid{1}, {}, true); }

  std::optional<pdu> run(pdu req, snmp_version v = snmp_version::v2c, std::size_t budget = 65000,
                         access_views views = {}, bool pump = false) {
    if (!views.read && !views.write && !no_views_) views = {&all, &all};
    std::optional<pdu> out;
    incoming_request in;
    in.version = v;
    in.model = v == snmp_version::v1 ? security_model::v1 : security_model::v2c;
    in.security_name = "public";
    in.request = std::move(req);
    in.max_varbinds_size = budget;
    resp.sink().on_request(std::move(in), views, [&out](pdu p) { out = std::move(p); });
    if (pump) {
      for (int k = 0; k < 100 && !out; ++k) loop.run_once(std::chrono::milliseconds(10));
    }
    return out;
  }
  bool no_views_ = false;

  static pdu request(pdu_type t, std::vector<oid> names) {
    pdu p;
    p.type = t;
    p.request_id = 42;
    for (auto& n : names) p.varbinds.push_back({n, value::null()});
    return p;
  }
  static pdu bulk(std::int32_t nr, std::int32_t mr, std::vector<oid> names) {
    pdu p = request(pdu_type::get_bulk_request, std::move(names));
    p.error_status = nr;
    p.error_index = mr;
    return p;
  }
  static pdu set(std::vector<varbind> vbs) {
    pdu p;
    p.type = pdu_type::set_request;
    p.request_id = 43;
    p.varbinds = std::move(vbs);
    return p;
  }

  // A small MIB: sysDescr, sysUpTime-like scalar, a Counter64 scalar at .1.1.4, and an
  // ifTable-like table with 3 rows (columns 1 ifIndex not-accessible, 2 descr, 10 Counter64).
  std::shared_ptr<mib_table> table;
  void small_mib() {
    ASSERT_FALSE(resp.register_scalar(sys_descr, [] { return value::octet_string("box"); }));
    ASSERT_FALSE(resp.register_scalar(oid{1, 3, 6, 1, 2, 1, 1, 3}, [] { return value::time_ticks(100); }));
    ASSERT_FALSE(resp.register_scalar(oid{1, 3, 6, 1, 2, 1, 1, 4}, [] { return value::counter64(1ull << 40); }));
    std::vector<table_column> cols(3);
    cols[0] = {.id = 1, .type = value_type::integer32, .access = column_access::not_accessible};
    cols[1] = {.id = 2, .type = value_type::octet_string, .access = column_access::read_only};
    cols[2] = {.id = 10, .type = value_type::counter64, .access = column_access::read_only};
    table = std::make_shared<mib_table>(if_entry, cols, index_spec{{.kind = index_kind::integer}});
    for (std::int32_t i = 1; i <= 3; ++i)
      ASSERT_FALSE(table->add_row(oid{static_cast<std::uint32_t>(i)},
                                  {{1, value::integer32(i)},
                                   {2, value::octet_string("eth" + std::to_string(i))},
                                   {10, value::counter64(1000u + static_cast<unsigned>(i))}}));
    ASSERT_FALSE(resp.register_table(table));
  }
};

// ------------------------------------------------------------------ registration

TEST_F(responder_fixture, RegistrationRejectsOverlapsAndEmptyOids) {
  EXPECT_TRUE(resp.registered());
  EXPECT_FALSE(resp.register_scalar(sys_descr, [] { return value::integer32(1); }));
  EXPECT_EQ(resp.register_scalar(sys_descr, [] { return value::integer32(1); }),
            make_error_code(responder_errc::overlapping_registration));
  EXPECT_EQ(resp.register_scalar(oid{1, 3, 6, 1, 2, 1, 1}, [] { return value::integer32(1); }),
            make_error_code(responder_errc::overlapping_registration));
  EXPECT_EQ(resp.register_scalar(sys_descr0, [] { return value::integer32(1); }),
            make_error_code(responder_errc::overlapping_registration));
  EXPECT_EQ(resp.register_scalar(oid{}, [] { return value::integer32(1); }),
            make_error_code(responder_errc::empty_oid));
  EXPECT_EQ(resp.unregister(oid{1, 2}), make_error_code(responder_errc::not_registered));
  EXPECT_FALSE(resp.unregister(sys_descr));
  EXPECT_FALSE(resp.register_scalar(sys_descr, [] { return value::integer32(1); }));
  // A second responder on the same context is refused by the engine.
  command_responder other(eng);
  EXPECT_FALSE(other.registered());
  command_responder ctx2(eng, "ctx2");
  EXPECT_TRUE(ctx2.registered());
}

// ------------------------------------------------------------------ GET

TEST_F(responder_fixture, GetAnswersValuesAndTheTwoExceptions) {
  small_mib();
  auto r = run(request(pdu_type::get_request,
                       {sys_descr0, oid{1, 3, 6, 1, 2, 1, 1, 1, 1}, oid{1, 3, 6, 1, 2, 1, 99, 0}, cat(if_entry, {2, 2}),
                        cat(if_entry, {2, 9}), cat(if_entry, {1, 1}), sys_descr}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, pdu_type::response);
  EXPECT_EQ(r->request_id, 42);
  EXPECT_EQ(r->error_status, 0);
  ASSERT_EQ(r->varbinds.size(), 7u);
  EXPECT_EQ(r->varbinds[0].value, value::octet_string("box"));
  EXPECT_EQ(r->varbinds[1].value.type(), value_type::no_such_instance);
  EXPECT_EQ(r->varbinds[2].value.type(), value_type::no_such_object);
  EXPECT_EQ(r->varbinds[3].value, value::octet_string("eth2"));
  EXPECT_EQ(r->varbinds[4].value.type(), value_type::no_such_instance);
  EXPECT_EQ(r->varbinds[5].value.type(), value_type::no_such_object);  // not-accessible column
  EXPECT_EQ(r->varbinds[6].value.type(), value_type::no_such_instance);
  EXPECT_EQ(resp.stats().get_requests, 1u);
  EXPECT_EQ(resp.stats().answered, 1u);
}

TEST_F(responder_fixture, GetOutsideTheReadViewIsNoSuchObject) {
  small_mib();
  vacm_view v;
  v.add(oid{1}, {}, true);
  v.add(sys_descr, {}, false);
  auto r = run(request(pdu_type::get_request, {sys_descr0, cat(if_entry, {2, 1})}), snmp_version::v2c, 65000, {&v, &v});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->varbinds[0].value.type(), value_type::no_such_object);
  EXPECT_EQ(r->varbinds[1].value, value::octet_string("eth1"));
}

TEST_F(responder_fixture, NoReadViewIsAuthorizationErrorAndNoSuchNameInV1) {
  small_mib();
  no_views_ = true;
  auto r = run(request(pdu_type::get_request, {sys_descr0}), snmp_version::v2c, 65000, {nullptr, &all});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::authorization_error));
  EXPECT_EQ(r->error_index, 1);
  ASSERT_EQ(r->varbinds.size(), 1u);
  EXPECT_TRUE(r->varbinds[0].value.is_null());
  r = run(request(pdu_type::get_next_request, {sys_descr0}), snmp_version::v1, 65000, {nullptr, nullptr});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::no_such_name));
  EXPECT_EQ(r->error_index, 1);
}

TEST_F(responder_fixture, GetWhoseResponseDoesNotFitIsTooBigWithNoVarbinds) {
  ASSERT_FALSE(resp.register_scalar(sys_descr, [] { return value::octet_string(std::string(400, 'x')); }));
  auto r = run(request(pdu_type::get_request, {sys_descr0}), snmp_version::v2c, 300);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::too_big));
  EXPECT_EQ(r->error_index, 0);
  EXPECT_TRUE(r->varbinds.empty());
  EXPECT_EQ(resp.stats().too_big, 1u);
  // Exactly at the limit it fits: list header 4 + varbind header 4 + OID 2+8 + string 4+400.
  const std::size_t exact = 4 + 4 + 10 + 404;
  r = run(request(pdu_type::get_request, {sys_descr0}), snmp_version::v2c, exact);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, 0);
  EXPECT_EQ(detail::encoded_list_size(detail::encoded_varbind_size(r->varbinds[0])), exact);
  r = run(request(pdu_type::get_request, {sys_descr0}), snmp_version::v2c, exact - 1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::too_big));
}

// ------------------------------------------------------------------ GETNEXT

TEST_F(responder_fixture, GetNextWalksEveryRegistrationInOrderToEndOfMibView) {
  small_mib();
  std::vector<oid> seen;
  oid cur{1};
  for (int k = 0; k < 50; ++k) {
    auto r = run(request(pdu_type::get_next_request, {cur}));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->error_status, 0);
    ASSERT_EQ(r->varbinds.size(), 1u);
    if (r->varbinds[0].value.type() == value_type::end_of_mib_view) {
      EXPECT_EQ(r->varbinds[0].name, cur);  // endOfMibView carries the name asked for
      break;
    }
    ASSERT_GT(r->varbinds[0].name, cur);
    cur = r->varbinds[0].name;
    seen.push_back(cur);
  }
  std::vector<oid> want = {sys_descr0,          oid{1, 3, 6, 1, 2, 1, 1, 3, 0}, oid{1, 3, 6, 1, 2, 1, 1, 4, 0},
                           cat(if_entry, {2, 1}), cat(if_entry, {2, 2}),        cat(if_entry, {2, 3}),
                           cat(if_entry, {10, 1}), cat(if_entry, {10, 2}),      cat(if_entry, {10, 3})};
  EXPECT_EQ(seen, want);
}

TEST_F(responder_fixture, GetNextStraddlingTableAndMibEndsAndHugeIndexes) {
  small_mib();
  // Index 4294967295 in the middle column, a name past the last row of the table, and
  // one past everything, in one request.
  auto r = run(request(pdu_type::get_next_request,
                       {cat(if_entry, {2, 4294967295u}), cat(if_entry, {10, 3}), cat(if_entry, {10, 4294967295u, 7}),
                        oid{1, 3, 6, 1, 2, 1, 1, 4, 0, 4294967295u}, oid{2, 1}, cat(if_entry, {4294967295u})}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->error_status, 0);
  ASSERT_EQ(r->varbinds.size(), 6u);
  EXPECT_EQ(r->varbinds[0].name, cat(if_entry, {10, 1}));
  EXPECT_EQ(r->varbinds[1].value.type(), value_type::end_of_mib_view);
  EXPECT_EQ(r->varbinds[2].value.type(), value_type::end_of_mib_view);
  EXPECT_EQ(r->varbinds[3].name, cat(if_entry, {2, 1}));
  EXPECT_EQ(r->varbinds[4].value.type(), value_type::end_of_mib_view);
  EXPECT_EQ(r->varbinds[4].name, (oid{2, 1}));
  EXPECT_EQ(r->varbinds[5].value.type(), value_type::end_of_mib_view);
}

TEST_F(responder_fixture, GetNextSkipsWhatTheViewExcludes) {
  small_mib();
  vacm_view v;
  v.add(oid{1}, {}, true);
  v.add(oid{1, 3, 6, 1, 2, 1, 1}, {}, false);      // the whole system group
  v.add(cat(if_entry, {2, 2}), {}, false);          // one cell
  auto r = run(request(pdu_type::get_next_request, {oid{1}, cat(if_entry, {2, 1})}), snmp_version::v2c, 65000, {&v, &v});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->varbinds[0].name, cat(if_entry, {2, 1}));
  EXPECT_EQ(r->varbinds[1].name, cat(if_entry, {2, 3}));
}

// ------------------------------------------------------------------ SNMPv1

TEST_F(responder_fixture, V1MapsCounter64AndExceptionsToNoSuchName) {
  small_mib();
  auto get = request(pdu_type::get_request, {sys_descr0, oid{1, 3, 6, 1, 2, 1, 1, 4, 0}});
  auto r = run(get, snmp_version::v1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::no_such_name));
  EXPECT_EQ(r->error_index, 2);
  EXPECT_EQ(r->varbinds, get.varbinds);  // the request's varbinds, unchanged
  // GETNEXT skips Counter64 values: after sysUpTime comes the table, not .1.1.4.
  r = run(request(pdu_type::get_next_request, {oid{1, 3, 6, 1, 2, 1, 1, 3, 0}}), snmp_version::v1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, 0);
  EXPECT_EQ(r->varbinds[0].name, cat(if_entry, {2, 1}));
  // After the last octet-string column only Counter64 cells remain: end of view,
  // which SNMPv1 says as noSuchName.
  auto end = request(pdu_type::get_next_request, {sys_descr0, cat(if_entry, {2, 3})});
  r = run(end, snmp_version::v1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::no_such_name));
  EXPECT_EQ(r->error_index, 2);
  EXPECT_EQ(r->varbinds, end.varbinds);
  r = run(request(pdu_type::get_request, {oid{1, 3, 6, 1, 2, 1, 1, 1, 5}}), snmp_version::v1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::no_such_name));
  EXPECT_EQ(r->error_index, 1);
}

// ------------------------------------------------------------------ GETBULK

TEST_F(responder_fixture, GetBulkNonRepeatersAndRepetitions) {
  small_mib();
  auto r = run(bulk(1, 2, {oid{1, 3, 6, 1, 2, 1, 1}, cat(if_entry, {2}), cat(if_entry, {10})}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->error_status, 0);
  ASSERT_EQ(r->varbinds.size(), 5u);
  EXPECT_EQ(r->varbinds[0].name, sys_descr0);
  EXPECT_EQ(r->varbinds[1].name, cat(if_entry, {2, 1}));
  EXPECT_EQ(r->varbinds[2].name, cat(if_entry, {10, 1}));
  EXPECT_EQ(r->varbinds[3].name, cat(if_entry, {2, 2}));
  EXPECT_EQ(r->varbinds[4].name, cat(if_entry, {10, 2}));
  // Negative values count as 0; non-repeaters beyond the list are clamped.
  r = run(bulk(-5, -5, {sys_descr, cat(if_entry, {2})}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, 0);
  EXPECT_TRUE(r->varbinds.empty());
  r = run(bulk(7, 100, {sys_descr, cat(if_entry, {2})}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->varbinds.size(), 2u);
  EXPECT_EQ(r->varbinds[1].name, cat(if_entry, {2, 1}));
  r = run(bulk(0, 10, {}));
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->varbinds.empty());
}

TEST_F(responder_fixture, GetBulkStopsWhenEveryRepeaterReachedTheEnd) {
  small_mib();
  auto r = run(bulk(0, 1000, {cat(if_entry, {10, 1}), cat(if_entry, {10, 2})}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->error_status, 0);
  // Repetition 1: 10.2, 10.3; 2: 10.3, end; 3: end, end -> stop.
  ASSERT_EQ(r->varbinds.size(), 6u);
  EXPECT_EQ(r->varbinds[2].name, cat(if_entry, {10, 3}));
  EXPECT_EQ(r->varbinds[3].value.type(), value_type::end_of_mib_view);
  EXPECT_EQ(r->varbinds[5].value.type(), value_type::end_of_mib_view);
  EXPECT_EQ(r->varbinds[5].name, cat(if_entry, {10, 3}));
}

TEST_F(responder_fixture, GetBulkHugeMaxRepetitionsOverABigTableFits484QuicklyAndSpansTheWholeBudget) {
  std::vector<table_column> cols(1);
  cols[0] = {.id = 2, .type = value_type::integer32, .access = column_access::read_only};
  auto big = std::make_shared<mib_table>(if_entry, cols, index_spec{{.kind = index_kind::integer}});
  for (std::uint32_t i = 1; i <= 100000; ++i) ASSERT_FALSE(big->add_row(oid{i}, {{2, value::integer32(1)}}));
  ASSERT_FALSE(resp.register_table(big));
  const std::size_t budget = 484 - 60;
  auto t0 = std::chrono::steady_clock::now();
  auto r = run(bulk(0, 0x7fffffff, {if_entry}), snmp_version::v2c, budget);
  auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, 0);
  std::size_t content = 0;
  for (const auto& vb : r->varbinds) content += detail::encoded_varbind_size(vb);
  EXPECT_LE(detail::encoded_list_size(content), budget);
  EXPECT_GT(detail::encoded_list_size(content) + 17, budget);  // one more varbind would not fit
  EXPECT_GT(r->varbinds.size(), 20u);
  EXPECT_LT(took, std::chrono::milliseconds(10));
  EXPECT_EQ(resp.stats().bulk_trimmed, 1u);
  // Non-repeaters that do not fit: tooBig.
  r = run(bulk(1, 5, {if_entry}), snmp_version::v2c, 10);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::too_big));
  EXPECT_TRUE(r->varbinds.empty());
}

// ------------------------------------------------------------------ SET

struct settable {
  std::int32_t v = 1;
  bool fail_commit = false;
  bool fail_undo = false;
  int commits = 0;
  scalar_handler handler() {
    scalar_handler h;
    h.get = [this] { return value::integer32(v); };
    h.type = value_type::integer32;
    h.test = [](const value& x) { return x.as_int32() >= 0 ? error_status::no_error : error_status::wrong_value; };
    h.commit = [this](const value& x) {
      ++commits;
      if (fail_commit) return error_status::commit_failed;
      v = x.as_int32();
      return error_status::no_error;
    };
    if (fail_undo) h.undo = [] { return error_status::undo_failed; };
    return h;
  }
};

TEST_F(responder_fixture, SetIsAtomicAcrossTestFailures) {
  settable a, b;
  const oid oa{1, 3, 6, 1, 4, 1, 99, 1}, ob{1, 3, 6, 1, 4, 1, 99, 2};
  ASSERT_FALSE(resp.register_scalar(oa, a.handler()));
  ASSERT_FALSE(resp.register_scalar(ob, b.handler()));
  ASSERT_FALSE(resp.register_scalar(sys_descr, [] { return value::octet_string("ro"); }));
  auto r = run(set({{cat(oa, {0}), value::integer32(5)}, {cat(ob, {0}), value::integer32(-1)}}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::wrong_value));
  EXPECT_EQ(r->error_index, 2);
  EXPECT_EQ(a.v, 1);
  EXPECT_EQ(a.commits, 0);
  struct bad_case {
    varbind vb;
    error_status v2, v1;
  };
  const bad_case cases[] = {
      {{cat(ob, {0}), value::octet_string("x")}, error_status::wrong_type, error_status::bad_value},
      {{cat(ob, {0}), value::null()}, error_status::wrong_type, error_status::bad_value},
      {{cat(ob, {1}), value::integer32(1)}, error_status::no_creation, error_status::no_such_name},
      {{sys_descr0, value::octet_string("rw")}, error_status::not_writable, error_status::no_such_name},
      {{oid{1, 3, 6, 1, 4, 1, 98, 0}, value::integer32(1)}, error_status::no_creation, error_status::no_such_name},
  };
  for (const auto& c : cases) {
    r = run(set({{cat(oa, {0}), value::integer32(5)}, c.vb}));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->error_status, static_cast<int>(c.v2)) << c.vb.name.to_string();
    EXPECT_EQ(r->error_index, 2);
    EXPECT_EQ(r->varbinds[1], c.vb);
    r = run(set({{cat(oa, {0}), value::integer32(5)}, c.vb}), snmp_version::v1);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->error_status, static_cast<int>(c.v1));
    EXPECT_EQ(r->error_index, 2);
  }
  EXPECT_EQ(a.v, 1);
  r = run(set({{cat(oa, {0}), value::integer32(5)}, {cat(ob, {0}), value::integer32(6)}}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, 0);
  EXPECT_EQ(r->varbinds[1].value, value::integer32(6));
  EXPECT_EQ(a.v, 5);
  EXPECT_EQ(b.v, 6);
}

TEST_F(responder_fixture, SetUndoesCommittedVariablesWhenALaterCommitFails) {
  settable a, b;
  b.fail_commit = true;
  const oid oa{1, 3, 6, 1, 4, 1, 99, 1}, ob{1, 3, 6, 1, 4, 1, 99, 2};
  ASSERT_FALSE(resp.register_scalar(oa, a.handler()));
  ASSERT_FALSE(resp.register_scalar(ob, b.handler()));
  auto r = run(set({{cat(oa, {0}), value::integer32(5)}, {cat(ob, {0}), value::integer32(6)}}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::commit_failed));
  EXPECT_EQ(r->error_index, 2);
  EXPECT_EQ(a.v, 1);  // committed to 5, then undone
  EXPECT_EQ(a.commits, 2);
  r = run(set({{cat(oa, {0}), value::integer32(5)}, {cat(ob, {0}), value::integer32(6)}}), snmp_version::v1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::gen_err));
}

TEST_F(responder_fixture, SetReportsUndoFailed) {
  settable a, b;
  a.fail_undo = true;
  b.fail_commit = true;
  const oid oa{1, 3, 6, 1, 4, 1, 99, 1}, ob{1, 3, 6, 1, 4, 1, 99, 2};
  ASSERT_FALSE(resp.register_scalar(oa, a.handler()));
  ASSERT_FALSE(resp.register_scalar(ob, b.handler()));
  auto r = run(set({{cat(oa, {0}), value::integer32(5)}, {cat(ob, {0}), value::integer32(6)}}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::undo_failed));
  EXPECT_EQ(r->error_index, 0);
}

TEST_F(responder_fixture, SetViewChecks) {
  settable a;
  const oid oa{1, 3, 6, 1, 4, 1, 99, 1};
  ASSERT_FALSE(resp.register_scalar(oa, a.handler()));
  no_views_ = true;
  auto r = run(set({{cat(oa, {0}), value::integer32(5)}}), snmp_version::v2c, 65000, {&all, nullptr});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::authorization_error));
  EXPECT_EQ(r->error_index, 1);
  vacm_view ro;
  ro.add(oid{1, 3, 6, 1, 2}, {}, true);
  r = run(set({{cat(oa, {0}), value::integer32(5)}}), snmp_version::v2c, 65000, {&all, &ro});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::no_access));
  r = run(set({{cat(oa, {0}), value::integer32(5)}}), snmp_version::v1, 65000, {&all, &ro});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::no_such_name));
  EXPECT_EQ(a.v, 1);
}

// ------------------------------------------------------------------ tables and RowStatus

struct row_fixture : responder_fixture {
  std::shared_ptr<mib_table> t;
  const oid entry{1, 3, 6, 1, 4, 1, 99, 5, 1};
  row_fixture() {
    std::vector<table_column> cols(3);
    cols[0] = {.id = 2, .type = value_type::octet_string, .access = column_access::read_create, .required = true,
               .max_length = 8};
    cols[1] = {.id = 3, .type = value_type::integer32, .access = column_access::read_create, .min_value = 0,
               .max_value = 10, .default_value = value::integer32(1)};
    cols[2] = {.id = 4, .type = value_type::integer32, .access = column_access::read_create, .row_status = true};
    t = std::make_shared<mib_table>(entry, cols,
                                    index_spec{{.kind = index_kind::string}, {.kind = index_kind::integer}});
    EXPECT_FALSE(resp.register_table(t));
  }
  oid col(std::uint32_t c, const oid& index) {
    oid o = cat(entry, {c});
    o += index;
    return o;
  }
  static varbind rs(const oid& name, row_status s) { return {name, value::integer32(static_cast<std::int32_t>(s))}; }
  error_status set_status(std::vector<varbind> vbs, std::int32_t* index = nullptr) {
    auto r = run(set(std::move(vbs)));
    EXPECT_TRUE(r);
    if (index) *index = r->error_index;
    return static_cast<error_status>(r->error_status);
  }
};

TEST_F(row_fixture, CreateAndGoNeedsTheRequiredColumnsAndAFreshRow) {
  const oid idx{2, 'a', 'b', 7};
  std::int32_t ei = 0;
  EXPECT_EQ(set_status({rs(col(4, idx), row_status::create_and_go)}, &ei), error_status::inconsistent_value);
  EXPECT_EQ(ei, 1);
  EXPECT_FALSE(t->has_row(idx));
  EXPECT_EQ(set_status({{col(2, idx), value::octet_string("n")}, rs(col(4, idx), row_status::create_and_go)}),
            error_status::no_error);
  EXPECT_TRUE(t->has_row(idx));
  EXPECT_EQ(t->status_of(idx), row_status::active);
  EXPECT_EQ(*t->cell(idx, 3), value::integer32(1));  // default
  EXPECT_EQ(set_status({rs(col(4, idx), row_status::create_and_go)}), error_status::inconsistent_value);
  EXPECT_EQ(set_status({rs(col(4, idx), row_status::create_and_wait)}), error_status::inconsistent_value);
  // Values are checked: length, range, type, notReady is never settable.
  EXPECT_EQ(set_status({{col(2, idx), value::octet_string("123456789")}}), error_status::wrong_length);
  EXPECT_EQ(set_status({{col(3, idx), value::integer32(11)}}), error_status::wrong_value);
  EXPECT_EQ(set_status({{col(3, idx), value::gauge32(1)}}), error_status::wrong_type);
  EXPECT_EQ(set_status({rs(col(4, idx), row_status::not_ready)}), error_status::wrong_value);
  EXPECT_EQ(set_status({{col(4, idx), value::integer32(7)}}), error_status::wrong_value);
  EXPECT_EQ(set_status({{col(4, idx), value::integer32(0)}}), error_status::wrong_value);
  // destroy removes it.
  EXPECT_EQ(set_status({rs(col(4, idx), row_status::destroy)}), error_status::no_error);
  EXPECT_FALSE(t->has_row(idx));
}

TEST_F(row_fixture, CreateAndWaitReadsNotReadyUntilComplete) {
  const oid idx{1, 'x', 3};
  EXPECT_EQ(set_status({rs(col(4, idx), row_status::active)}), error_status::inconsistent_value);
  EXPECT_EQ(set_status({rs(col(4, idx), row_status::create_and_wait)}), error_status::no_error);
  auto r = run(request(pdu_type::get_request, {col(4, idx)}));
  EXPECT_EQ(r->varbinds[0].value, value::integer32(3));  // notReady
  EXPECT_EQ(set_status({rs(col(4, idx), row_status::active)}), error_status::inconsistent_value);
  EXPECT_EQ(set_status({rs(col(4, idx), row_status::not_in_service)}), error_status::inconsistent_value);
  EXPECT_EQ(set_status({{col(2, idx), value::octet_string("ok")}}), error_status::no_error);
  r = run(request(pdu_type::get_request, {col(4, idx)}));
  EXPECT_EQ(r->varbinds[0].value, value::integer32(2));  // notInService
  EXPECT_EQ(set_status({rs(col(4, idx), row_status::active)}), error_status::no_error);
  EXPECT_EQ(t->status_of(idx), row_status::active);
  EXPECT_EQ(set_status({rs(col(4, idx), row_status::not_in_service)}), error_status::no_error);
  EXPECT_EQ(t->status_of(idx), row_status::not_in_service);
}

TEST_F(row_fixture, MalformedAndUncreatableIndexes) {
  std::int32_t ei = 0;
  // Columns of a missing row without RowStatus: could be created, not like this.
  EXPECT_EQ(set_status({{col(2, oid{1, 'a', 1}), value::octet_string("n")}}), error_status::inconsistent_name);
  const oid bad[] = {
      oid{},                     // empty
      oid{3, 'a', 'b'},          // truncated: length 3, 2 octets
      oid{200, 1},               // length prefix far beyond what remains
      oid{1, 'a', 2147483648u},  // integer index >= 2^31
      oid{1, 'a', 4294967295u},
      oid{1, 300, 1},            // octet above 255
      oid{1, 'a', 1, 9},         // arcs left over
  };
  for (const auto& idx : bad) {
    EXPECT_EQ(set_status({rs(col(4, idx), row_status::create_and_go)}, &ei), error_status::no_creation)
        << idx.to_string();
    EXPECT_EQ(ei, 1);
    auto r = run(request(pdu_type::get_request, {col(2, idx)}));
    EXPECT_EQ(r->varbinds[0].value.type(), idx.empty() ? value_type::no_such_instance : value_type::no_such_instance);
  }
  oid long_string{256};
  for (int k = 0; k < 100; ++k) long_string.push_back('a');
  EXPECT_EQ(set_status({rs(col(4, long_string), row_status::create_and_go)}), error_status::no_creation);
  EXPECT_EQ(t->size(), 0u);
  // Read-only columns and unknown columns.
  EXPECT_EQ(set_status({{cat(entry, {9, 1, 'a', 1}), value::integer32(1)}}), error_status::no_creation);
}

TEST_F(row_fixture, AFailingVariableLeavesRowsUntouched) {
  const oid idx{1, 'q', 1};
  ASSERT_FALSE(t->add_row(idx, {{2, value::octet_string("keep")}}));
  settable s;
  s.fail_commit = true;
  ASSERT_FALSE(resp.register_scalar(oid{1, 3, 6, 1, 4, 1, 99, 9}, s.handler()));
  const oid idx2{1, 'r', 2};
  auto r = run(set({{col(2, idx), value::octet_string("changed")},
                    {col(2, idx2), value::octet_string("new")},
                    rs(col(4, idx2), row_status::create_and_go),
                    {oid{1, 3, 6, 1, 4, 1, 99, 9, 0}, value::integer32(3)}}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::commit_failed));
  EXPECT_EQ(r->error_index, 4);
  EXPECT_EQ(*t->cell(idx, 2), value::octet_string("keep"));
  EXPECT_FALSE(t->has_row(idx2));
  EXPECT_EQ(t->size(), 1u);
}

// ------------------------------------------------------------------ index codec

TEST(ResponderIndex, EncodeDecodeRoundTrips) {
  index_spec spec{{.kind = index_kind::integer},
                  {.kind = index_kind::unsigned32},
                  {.kind = index_kind::ip_address},
                  {.kind = index_kind::fixed_string, .length = 2},
                  {.kind = index_kind::string},
                  {.kind = index_kind::object_identifier},
                  {.kind = index_kind::implied_string}};
  std::vector<value> parts = {value::integer32(5),
                              value::unsigned32(4294967295u),
                              value::ip_address({10, 0, 0, 1}),
                              value::octet_string("ab"),
                              value::octet_string("xyz"),
                              value::object_identifier(oid{1, 3, 6}),
                              value::octet_string("tail")};
  auto o = encode_index(spec, parts);
  ASSERT_TRUE(o) << o.error().message();
  EXPECT_EQ(*o, (oid{5, 4294967295u, 10, 0, 0, 1, 'a', 'b', 3, 'x', 'y', 'z', 3, 1, 3, 6, 't', 'a', 'i', 'l'}));
  auto back = decode_index(spec, o->subids());
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, parts);
  index_spec implied_oid{{.kind = index_kind::implied_object_identifier}};
  auto io = encode_index(implied_oid, std::vector<value>{value::object_identifier(oid{1, 2, 3})});
  ASSERT_TRUE(io);
  EXPECT_EQ(*io, (oid{1, 2, 3}));
}

TEST(ResponderIndex, RejectsMalformedIndexes) {
  const auto bad = make_error_code(responder_errc::bad_index);
  index_spec s{{.kind = index_kind::string}};
  EXPECT_EQ(decode_index(s, oid{}.subids()).error(), bad);
  EXPECT_EQ(decode_index(s, oid{3, 1, 2}.subids()).error(), bad);
  EXPECT_EQ(decode_index(s, oid{4294967295u, 1}.subids()).error(), bad);
  EXPECT_EQ(decode_index(s, oid{1, 256}.subids()).error(), bad);
  EXPECT_EQ(decode_index(s, oid{1, 1, 1}.subids()).error(), bad);
  EXPECT_TRUE(decode_index(s, oid{0}.subids()));  // the empty string
  index_spec i{{.kind = index_kind::integer}};
  EXPECT_EQ(decode_index(i, oid{2147483648u}.subids()).error(), bad);
  EXPECT_EQ(decode_index(i, oid{4294967295u}.subids()).error(), bad);
  EXPECT_TRUE(decode_index(i, oid{2147483647u}.subids()));
  index_spec u{{.kind = index_kind::unsigned32}};
  EXPECT_TRUE(decode_index(u, oid{4294967295u}.subids()));
  index_spec ip{{.kind = index_kind::ip_address}};
  EXPECT_EQ(decode_index(ip, oid{1, 2, 3}.subids()).error(), bad);
  EXPECT_EQ(decode_index(ip, oid{1, 2, 3, 256}.subids()).error(), bad);
  index_spec o{{.kind = index_kind::object_identifier}};
  EXPECT_EQ(decode_index(o, oid{129}.subids()).error(), bad);
  EXPECT_EQ(decode_index(o, oid{2, 1}.subids()).error(), bad);
  std::vector<std::uint32_t> long_string(257, 'a');
  long_string[0] = 256;
  EXPECT_EQ(decode_index(s, long_string).error(), bad);
  index_spec implied_not_last{{.kind = index_kind::implied_string}, {.kind = index_kind::integer}};
  EXPECT_EQ(decode_index(implied_not_last, oid{1, 2}.subids()).error(), bad);
  EXPECT_EQ(encode_index(i, std::vector<value>{value::integer32(-1)}).error(), bad);
  EXPECT_EQ(encode_index(i, std::vector<value>{value::octet_string("x")}).error(),
            make_error_code(responder_errc::wrong_type));
  EXPECT_EQ(encode_index(s, std::vector<value>{value::octet_string(std::string(256, 'x'))}).error(), bad);
}

// ------------------------------------------------------------------ asynchronous answers

class later_handler : public mib_handler {
 public:
  explicit later_handler(reactor& loop) : loop_(loop) {}
  void get(const request_context& ctx, const oid& name, reply_token token) override {
    EXPECT_EQ(ctx.security_name, "public");
    if (name.back() == 9) return;  // dropped: genErr
    auto t = std::make_shared<reply_token>(std::move(token));
    loop_.call_after(std::chrono::milliseconds(1), [t, n = name.back()] { t->answer(value::integer32(static_cast<std::int32_t>(n))); });
  }
  void get_next(const request_context&, const oid& name, reply_token token) override {
    auto t = std::make_shared<reply_token>(std::move(token));
    oid base{1, 3, 6, 1, 4, 1, 77};
    loop_.post([t, name, base] {
      if (name.size() > base.size() && name[base.size()] >= 3) return t->end_of_subtree();
      oid next = base;
      next.push_back(name.size() > base.size() ? name[base.size()] + 1 : 1);
      t->answer_next(next, value::integer32(1));
    });
  }
  reactor& loop_;
};

TEST_F(responder_fixture, TokensAnsweredLaterOnTheReactorAndDroppedTokensAreGenErr) {
  ASSERT_FALSE(resp.register_subtree(oid{1, 3, 6, 1, 4, 1, 77}, std::make_shared<later_handler>(loop)));
  ASSERT_FALSE(resp.register_scalar(oid{1, 3, 6, 1, 4, 1, 78}, [] { return value::integer32(78); }));
  bool answered_inside = false;
  {
    incoming_request in;
    in.security_name = "public";
    in.request = request(pdu_type::get_request, {oid{1, 3, 6, 1, 4, 1, 77, 4}});
    resp.sink().on_request(std::move(in), {&all, &all}, [&](pdu) { answered_inside = true; });
    EXPECT_FALSE(answered_inside);
  }
  auto r = run(request(pdu_type::get_request, {oid{1, 3, 6, 1, 4, 1, 77, 5}, oid{1, 3, 6, 1, 4, 1, 77, 6}}),
               snmp_version::v2c, 65000, {}, true);
  ASSERT_TRUE(r);
  EXPECT_TRUE(answered_inside);
  EXPECT_EQ(r->varbinds[0].value, value::integer32(5));
  EXPECT_EQ(r->varbinds[1].value, value::integer32(6));
  r = run(request(pdu_type::get_request, {oid{1, 3, 6, 1, 4, 1, 77, 5}, oid{1, 3, 6, 1, 4, 1, 77, 9}}),
          snmp_version::v2c, 65000, {}, true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::gen_err));
  EXPECT_EQ(r->error_index, 2);
  // A walk through an asynchronous subtree into the next registration.
  r = run(bulk(0, 10, {oid{1, 3, 6, 1, 4, 1, 77}}), snmp_version::v2c, 65000, {}, true);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->varbinds.size(), 5u);
  EXPECT_EQ(r->varbinds[2].name, (oid{1, 3, 6, 1, 4, 1, 77, 3}));
  EXPECT_EQ(r->varbinds[3].name, (oid{1, 3, 6, 1, 4, 1, 78, 0}));
  EXPECT_EQ(r->varbinds[4].value.type(), value_type::end_of_mib_view);
}

TEST(ResponderLifetime, TokensOutlivingTheResponderAnswerNothing) {
  reactor loop;
  engine eng(loop);
  vacm_view all;
  all.add(oid{1}, {}, true);
  std::shared_ptr<reply_token> kept;
  struct keeper : mib_handler {
    std::shared_ptr<reply_token>* out;
    void get(const request_context&, const oid&, reply_token t) override { *out = std::make_shared<reply_token>(std::move(t)); }
    void get_next(const request_context&, const oid&, reply_token t) override { t.end_of_subtree(); }
  };
  auto h = std::make_shared<keeper>();
  h->out = &kept;
  bool sent = false;
  {
    command_responder resp(eng);
    ASSERT_FALSE(resp.register_subtree(oid{1, 3, 6, 1, 4, 1, 5}, h));
    incoming_request in;
    in.request.type = pdu_type::get_request;
    in.request.varbinds.push_back({oid{1, 3, 6, 1, 4, 1, 5, 0}, value()});
    resp.sink().on_request(std::move(in), {&all, &all}, [&](pdu) { sent = true; });
    ASSERT_TRUE(kept && kept->pending());
  }
  kept->answer(value::integer32(1));
  EXPECT_FALSE(kept->pending());
  EXPECT_FALSE(sent);
  // The context is free again.
  command_responder again(eng);
  EXPECT_TRUE(again.registered());
}

// ------------------------------------------------------------------ built-in MIBs

TEST_F(responder_fixture, BuiltInMibsServeTheEngineAndSnmpSetSerialNo) {
  system_info info;
  info.descr = "snmpio test";
  info.object_id = oid{1, 3, 6, 1, 4, 1, 8072, 3, 2, 10};
  info.location = "rack 1";
  info.capabilities.push_back({oid{1, 3, 6, 1, 6, 3, 1}, "SNMPv2-MIB"});
  ASSERT_FALSE(register_agent_mibs(resp, eng, info, 1500));
  const oid sys{1, 3, 6, 1, 2, 1, 1};
  auto r = run(request(pdu_type::get_request,
                       {cat(sys, {1, 0}), cat(sys, {2, 0}), cat(sys, {3, 0}), cat(sys, {6, 0}), cat(sys, {7, 0}),
                        cat(sys, {9, 1, 2, 1}), oid{1, 3, 6, 1, 6, 3, 10, 2, 1, 1, 0}, oid{1, 3, 6, 1, 6, 3, 10, 2, 1, 4, 0},
                        oid{1, 3, 6, 1, 2, 1, 11, 1, 0}, oid{1, 3, 6, 1, 6, 3, 15, 1, 1, 5, 0}}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->error_status, 0);
  EXPECT_EQ(r->varbinds[0].value, value::octet_string("snmpio test"));
  EXPECT_EQ(r->varbinds[1].value, value::object_identifier(info.object_id));
  EXPECT_EQ(r->varbinds[2].value.type(), value_type::time_ticks);
  EXPECT_EQ(r->varbinds[3].value, value::octet_string("rack 1"));
  EXPECT_EQ(r->varbinds[4].value, value::integer32(72));
  EXPECT_EQ(r->varbinds[5].value, value::object_identifier(oid{1, 3, 6, 1, 6, 3, 1}));
  EXPECT_EQ(r->varbinds[6].value, value::octet_string(eng.engine_id()));
  EXPECT_EQ(r->varbinds[7].value, value::integer32(1500));
  EXPECT_EQ(r->varbinds[8].value.type(), value_type::counter32);
  EXPECT_EQ(r->varbinds[9].value.type(), value_type::counter32);
  // Configured sysLocation is read-only; sysContact (not configured) is writable.
  r = run(set({{cat(sys, {6, 0}), value::octet_string("elsewhere")}}));
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::not_writable));
  r = run(set({{cat(sys, {4, 0}), value::octet_string("ops@example.org")}}));
  EXPECT_EQ(r->error_status, 0);
  r = run(set({{cat(sys, {4, 0}), value::octet_string(std::string(256, 'x'))}}));
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::wrong_length));
  r = run(request(pdu_type::get_request, {cat(sys, {4, 0})}));
  EXPECT_EQ(r->varbinds[0].value, value::octet_string("ops@example.org"));
  // snmpSetSerialNo: TestAndIncr.
  const oid serial{1, 3, 6, 1, 6, 3, 1, 1, 6, 1, 0};
  r = run(request(pdu_type::get_request, {serial}));
  std::int32_t s0 = r->varbinds[0].value.as_int32();
  r = run(set({{serial, value::integer32(s0 == 0 ? 1 : s0 - 1)}}));
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::inconsistent_value));
  r = run(set({{serial, value::integer32(s0)}}));
  EXPECT_EQ(r->error_status, 0);
  r = run(request(pdu_type::get_request, {serial}));
  EXPECT_EQ(r->varbinds[0].value, value::integer32(s0 == 0x7fffffff ? 0 : s0 + 1));
  // A serial number SET that fails elsewhere in the PDU leaves the serial unchanged.
  r = run(request(pdu_type::get_request, {serial}));
  std::int32_t s1 = r->varbinds[0].value.as_int32();
  r = run(set({{serial, value::integer32(s1)}, {cat(sys, {6, 0}), value::octet_string("x")}}));
  EXPECT_EQ(r->error_status, static_cast<int>(error_status::not_writable));
  r = run(request(pdu_type::get_request, {serial}));
  EXPECT_EQ(r->varbinds[0].value, value::integer32(s1));
  // Counters wrap modulo 2^32 with the engine's clock: sysUpTime keeps answering.
  eng.impl().advance_clock_for_testing(std::chrono::seconds(42949673));
  r = run(request(pdu_type::get_request, {cat(sys, {3, 0})}));
  EXPECT_EQ(r->error_status, 0);
  EXPECT_LT(r->varbinds[0].value.as_uint32(), 1000u);
}

}  // namespace
