// snmpio — the Command Responder (RFC 3413 §3.2): answers GET, GETNEXT, GETBULK and
// SET (RFC 3416) from registered scalars, tables and subtree handlers.
//
// The engine's incoming side runs message processing, security and VACM, then hands
// each request to the responder registered for its context name. The responder walks
// its registrations in lexicographic order, applies the per-variable view checks, the
// SNMPv1 mappings of RFC 3584 §4.4, GETBULK trimming to the requester's message size,
// and the test/commit/undo/cleanup phases of SET.
//
// Reads may be answered later: a handler gets a move-only reply_token and answers
// through it on the reactor's thread whenever it is ready. SET handlers are
// synchronous: the phases must see one consistent state and an undo must run before
// any other request can observe a half-applied SET, which an asynchronous commit
// could not guarantee without locking every registration.
#pragma once

#include <snmpio/endpoint.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/export.hpp>
#include <snmpio/oid.hpp>
#include <snmpio/pdu.hpp>
#include <snmpio/result.hpp>
#include <snmpio/security.hpp>
#include <snmpio/value.hpp>
#include <snmpio/varbind.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <system_error>
#include <vector>

namespace snmpio {

namespace detail {
class request_sink;
class responder_core;
struct responder_request;
struct responder_access;
}  // namespace detail

// ------------------------------------------------------------------ errors

/// Errors of the responder's setup calls (registration, table rows, index encoding).
enum class responder_errc : int {
  empty_oid = 1,            ///< an empty OID where a registration or entry OID is needed
  overlapping_registration, ///< the subtree contains, or is inside, one already registered
  not_registered,           ///< nothing is registered at that OID
  context_taken,            ///< another responder serves this context name on the engine
  bad_index,                ///< an index that does not fit the table's INDEX (see decode_index)
  unknown_column,           ///< a column number the table does not have
  wrong_type,               ///< a value whose type is not the column's or index part's
  no_such_row,              ///< no row with that index
  invalid_table,            ///< a table definition that cannot work (no columns, duplicates)
};

/// The category of responder_errc; name() is "snmpio.responder".
SNMPIO_EXPORT const std::error_category& responder_category() noexcept;
inline std::error_code make_error_code(responder_errc e) noexcept {
  return {static_cast<int>(e), responder_category()};
}

}  // namespace snmpio

template <>
struct std::is_error_code_enum<snmpio::responder_errc> : std::true_type {};

namespace snmpio {

// ------------------------------------------------------------------ requests

/// What a handler knows about the request it serves.
struct request_context {
  snmp_version version = snmp_version::v2c;
  pdu_type type = pdu_type::get_request;
  security_model model = security_model::v2c;
  security_level level = security_level::no_auth_no_priv;
  std::string security_name{};
  std::string context_name{};
  endpoint source{};
};

/// The answer to one variable of a read request. Move-only; answer exactly once with
/// one of the calls below, now (inside the handler) or later, on the reactor's thread.
/// A token destroyed unanswered answers genErr for its variable. Answering after the
/// responder is gone does nothing.
class SNMPIO_EXPORT reply_token {
 public:
  reply_token() noexcept = default;
  reply_token(reply_token&& other) noexcept;
  reply_token& operator=(reply_token&& other) noexcept;
  reply_token(const reply_token&) = delete;
  reply_token& operator=(const reply_token&) = delete;
  ~reply_token();

  /// GET: the value of the name asked for (noSuchInstance / noSuchObject allowed).
  void answer(value v);
  /// GETNEXT: the first instance after the name asked for, inside the handler's
  /// subtree, and its value. `name` must be greater than the name asked for.
  void answer_next(oid name, value v);
  /// GETNEXT: nothing after the name asked for in this subtree; the responder goes on
  /// with the next registration.
  void end_of_subtree();
  /// An error-status for this variable (genErr, resourceUnavailable, ...); the whole
  /// request is answered with it and this variable's error-index.
  void fail(error_status status);
  /// True until the token answers or is moved from.
  bool pending() const noexcept { return req_ != nullptr; }

 private:
  friend class detail::responder_core;
  reply_token(std::shared_ptr<detail::responder_request> req, std::uint32_t slot, std::uint32_t generation) noexcept
      : req_(std::move(req)), slot_(slot), generation_(generation) {}
  void deliver(int kind, oid name, value v, error_status status) noexcept;
  std::shared_ptr<detail::responder_request> req_;
  std::uint32_t slot_ = 0;
  std::uint32_t generation_ = 0;
};

/// The outcome of a SET phase for the variables given to a handler: no_error, or an
/// error-status and the position (0-based, in the span the handler received) of the
/// variable at fault.
struct set_result {
  error_status status = error_status::no_error;
  std::size_t index = 0;
};

/// A subtree handler: everything registered under one OID. The responder only calls
/// it with names inside its subtree (a GETNEXT from before the subtree comes as the
/// subtree's own OID). Instances must be strictly longer than the subtree OID.
///
/// SET runs in four synchronous phases over the variables of one request that fall in
/// this subtree (in request order): set_test (check everything, change nothing),
/// set_commit (apply), set_undo (restore what commit changed; called for every
/// handler whose commit ran, the failing one included, when some commit fails),
/// set_cleanup (always last, for every handler whose set_test ran).
class SNMPIO_EXPORT mib_handler {
 public:
  virtual ~mib_handler();
  virtual void get(const request_context& ctx, const oid& name, reply_token token) = 0;
  virtual void get_next(const request_context& ctx, const oid& name, reply_token token) = 0;
  /// Default: notWritable for the first variable.
  virtual set_result set_test(const request_context& ctx, std::span<const varbind> vbs);
  /// Default: no_error.
  virtual set_result set_commit(const request_context& ctx, std::span<const varbind> vbs);
  /// Default: no_error. An error here makes the request undoFailed.
  virtual set_result set_undo(const request_context& ctx, std::span<const varbind> vbs);
  virtual void set_cleanup(const request_context& ctx, std::span<const varbind> vbs);
};

// ------------------------------------------------------------------ scalars

/// A scalar object (instance `object.0`). `get` is required. It is writable when
/// `commit` is set: a SET checks the type (`type`, when not null), then `test`, then
/// `commit`; if a later variable of the request fails, `undo` runs, or, when `undo`
/// is empty, `commit` again with the value `get` returned before the commit.
struct scalar_handler {
  std::function<value()> get{};
  value_type type = value_type::null;
  std::function<error_status(const value&)> test{};
  std::function<error_status(const value&)> commit{};
  std::function<error_status()> undo{};
};

// ------------------------------------------------------------------ indexes

/// One component of a table's INDEX clause (RFC 2578 §7.7).
enum class index_kind : std::uint8_t {
  integer,            ///< INTEGER / Integer32 index: one sub-identifier 0..2^31-1
  unsigned32,         ///< Unsigned32 / Gauge32 / TimeTicks: one sub-identifier
  fixed_string,       ///< OCTET STRING (SIZE(n)): n sub-identifiers, each 0..255
  string,             ///< variable-length OCTET STRING: length, then the octets (<= 255)
  implied_string,     ///< IMPLIED OCTET STRING: the octets to the end (last part only)
  object_identifier,  ///< OBJECT IDENTIFIER: length, then the arcs
  implied_object_identifier,  ///< IMPLIED OBJECT IDENTIFIER (last part only)
  ip_address,         ///< IpAddress: 4 sub-identifiers, each 0..255
};

struct index_part {
  index_kind kind = index_kind::integer;
  std::size_t length = 0;  ///< fixed_string only
};

using index_spec = std::vector<index_part>;

/// The index OID for `parts` (values of the matching types: integer32 for integer,
/// gauge32 or counter32 or time_ticks for unsigned32, octet_string for the strings,
/// object_identifier for the OIDs, ip_address). responder_errc::wrong_type or
/// bad_index (a negative integer, a fixed string of the wrong length, a string over
/// 255 octets, an IMPLIED part that is not last, a result over 128 arcs).
SNMPIO_EXPORT result<oid> encode_index(const index_spec& spec, std::span<const value> parts);
/// The values an index OID carries. responder_errc::bad_index for an empty or
/// truncated index, a length prefix larger than what remains, an integer index
/// >= 2^31, an octet above 255, a string over 255 octets, or arcs left over.
SNMPIO_EXPORT result<std::vector<value>> decode_index(const index_spec& spec, std::span<const std::uint32_t> index);

// ------------------------------------------------------------------ tables

enum class column_access : std::uint8_t { not_accessible, read_only, read_write, read_create };

/// RowStatus values (RFC 2579).
enum class row_status : std::int32_t {
  active = 1,
  not_in_service = 2,
  not_ready = 3,
  create_and_go = 4,
  create_and_wait = 5,
  destroy = 6,
};

/// One column of a table. `required` columns must hold a value before a row can be
/// active. The RowStatus column (`row_status` true, type integer32, read_create) makes
/// rows creatable and destroyable by SET with the rules of RFC 2579.
struct table_column {
  std::uint32_t id = 0;
  value_type type = value_type::integer32;
  column_access access = column_access::read_only;
  bool required = false;
  bool row_status = false;
  std::size_t min_length = 0;  ///< octet strings: SET outside -> wrongLength
  std::size_t max_length = 65535;
  std::int64_t min_value = std::numeric_limits<std::int64_t>::min();  ///< integers: else wrongValue
  std::int64_t max_value = std::numeric_limits<std::int64_t>::max();
  /// Extra check of a SET value (after type, length and range): no_error to accept.
  std::function<error_status(const oid& index, const value& v)> check{};
  /// The value a new row starts with (null: none).
  value default_value{};
};

/// A conceptual table kept in memory: rows keyed by their index OID, one value per
/// column (a null value is an absent cell, skipped by GETNEXT). Register it with
/// command_responder::register_table; change rows at any time on the reactor's thread.
class SNMPIO_EXPORT mib_table : public mib_handler {
 public:
  /// `entry` is the xxxEntry OID (the table's OID followed by 1).
  mib_table(oid entry, std::vector<table_column> columns, index_spec index);
  ~mib_table() override;

  const oid& entry() const noexcept { return entry_; }
  const index_spec& index() const noexcept { return index_; }

  /// Adds or replaces a row. `cells` are (column id, value) pairs; other columns take
  /// their default. bad_index when `index` does not decode with the table's spec,
  /// unknown_column, wrong_type.
  std::error_code add_row(const oid& index, std::span<const std::pair<std::uint32_t, value>> cells = {});
  std::error_code add_row(const oid& index, std::initializer_list<std::pair<std::uint32_t, value>> cells);
  /// Sets one cell of an existing row (a null value clears it). no_such_row,
  /// unknown_column, wrong_type.
  std::error_code set_cell(const oid& index, std::uint32_t column, value v);
  bool remove_row(const oid& index);
  void clear() noexcept;
  bool has_row(const oid& index) const noexcept;
  /// The cell's value, or nullptr (no such row, column, or an empty cell).
  const value* cell(const oid& index, std::uint32_t column) const noexcept;
  std::size_t size() const noexcept { return rows_.size(); }
  /// Every row's index, in order.
  std::vector<oid> row_indexes() const;
  /// The RowStatus a row reads as (active, notInService or notReady); a table without
  /// a RowStatus column reads active for every row.
  row_status status_of(const oid& index) const noexcept;
  /// Called after a SET changed rows (created, modified or destroyed), once per row.
  void on_change(std::function<void(const oid& index, bool exists)> fn) { on_change_ = std::move(fn); }

  // mib_handler
  void get(const request_context& ctx, const oid& name, reply_token token) override;
  void get_next(const request_context& ctx, const oid& name, reply_token token) override;
  set_result set_test(const request_context& ctx, std::span<const varbind> vbs) override;
  set_result set_commit(const request_context& ctx, std::span<const varbind> vbs) override;
  set_result set_undo(const request_context& ctx, std::span<const varbind> vbs) override;
  void set_cleanup(const request_context& ctx, std::span<const varbind> vbs) override;

 private:
  struct row {
    std::vector<value> cells;
  };
  struct staged_row {
    bool existed = false;
    bool exists_after = false;
    row before;
    row after;
    std::size_t first_vb = 0;
    std::size_t status_vb = 0;
    value status_set{};  // the RowStatus value this SET asks for (null: none)
  };
  friend class command_responder;
  int column_pos(std::uint32_t id) const noexcept;
  bool complete(const row& r) const noexcept;
  row_status read_status(const row& r) const noexcept;
  error_status check_value(const table_column& c, const oid& index, const value& v) const;

  oid entry_;
  std::vector<table_column> columns_;  // sorted by id
  index_spec index_;
  int status_col_ = -1;
  bool valid_ = true;
  bool committed_ = false;
  std::map<oid, row> rows_;
  std::map<oid, staged_row> staged_;
  std::function<void(const oid&, bool)> on_change_{};
};

// ------------------------------------------------------------------ the responder

/// Counters of one responder.
struct responder_stats {
  std::uint64_t get_requests = 0;
  std::uint64_t get_next_requests = 0;
  std::uint64_t get_bulk_requests = 0;
  std::uint64_t set_requests = 0;
  std::uint64_t answered = 0;        ///< responses handed to the engine
  std::uint64_t too_big = 0;         ///< answered tooBig
  std::uint64_t gen_errs = 0;        ///< answered genErr (handler failures, dropped tokens)
  std::uint64_t other_errors = 0;    ///< answered with any other error-status
  std::uint64_t authorization_errors = 0;  ///< no read or write view
  std::uint64_t bulk_trimmed = 0;    ///< GETBULK responses cut short by the size budget
};

/// Serves one context of an engine. Registers itself with the engine at construction
/// (check registered()); destruction unregisters it, and reply tokens still pending
/// then answer nothing. Movable (the registration follows), not copyable. Use it on
/// the reactor's thread.
class SNMPIO_EXPORT command_responder {
 public:
  explicit command_responder(engine& eng, std::string context_name = {});
  ~command_responder();
  command_responder(command_responder&&) noexcept;
  command_responder& operator=(command_responder&&) noexcept;
  command_responder(const command_responder&) = delete;
  command_responder& operator=(const command_responder&) = delete;

  /// False when another responder already serves this context name on the engine
  /// (this one then receives nothing; its sink() still works).
  bool registered() const noexcept;
  const std::string& context_name() const noexcept;

  /// A read-only scalar `object`.0 whose value `get` returns.
  std::error_code register_scalar(const oid& object, std::function<value()> get);
  /// A scalar with SET hooks (see scalar_handler).
  std::error_code register_scalar(const oid& object, scalar_handler handler);
  /// A table, served under table->entry().
  std::error_code register_table(std::shared_ptr<mib_table> table);
  /// Everything under `subtree`.
  std::error_code register_subtree(const oid& subtree, std::shared_ptr<mib_handler> handler);
  /// Removes the registration at exactly `subtree` (requests in progress keep what
  /// they hold). responder_errc::not_registered when there is none.
  std::error_code unregister(const oid& subtree);

  responder_stats stats() const noexcept;

  /// The engine-facing entry (tests and fuzzing call on_request() on it directly).
  detail::request_sink& sink() noexcept;

 private:
  friend struct detail::responder_access;
  std::shared_ptr<detail::responder_core> core_;
};

}  // namespace snmpio
