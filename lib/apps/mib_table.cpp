// An in-memory conceptual table: GET/GETNEXT in column-then-index order, and SET with
// row creation and deletion through RowStatus (RFC 2579).
//
// A SET is staged per row during set_test (the row as it would be after every
// variable of the request is applied), so the RowStatus rules see the whole request:
// createAndGo with the required columns in the same PDU works, and nothing changes
// until set_commit.
#include <snmpio/command_responder.hpp>

#include <algorithm>

namespace snmpio {

namespace {

bool readable(column_access a) noexcept { return a != column_access::not_accessible; }
bool writable(column_access a) noexcept { return a == column_access::read_write || a == column_access::read_create; }

}  // namespace

mib_table::mib_table(oid entry, std::vector<table_column> columns, index_spec index)
    : entry_(std::move(entry)), columns_(std::move(columns)), index_(std::move(index)) {
  std::sort(columns_.begin(), columns_.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  if (entry_.empty() || columns_.empty() || entry_.size() + 2 > oid::max_subids) valid_ = false;
  for (std::size_t k = 0; k < columns_.size(); ++k) {
    auto& c = columns_[k];
    if (k > 0 && columns_[k - 1].id == c.id) valid_ = false;
    if (c.row_status) {
      if (status_col_ >= 0 || c.type != value_type::integer32) valid_ = false;
      status_col_ = static_cast<int>(k);
      c.access = column_access::read_create;
      c.min_value = std::max<std::int64_t>(c.min_value, 1);
      c.max_value = std::min<std::int64_t>(c.max_value, 6);
    }
  }
}

mib_table::~mib_table() = default;

int mib_table::column_pos(std::uint32_t id) const noexcept {
  auto it = std::lower_bound(columns_.begin(), columns_.end(), id, [](const auto& c, std::uint32_t v) { return c.id < v; });
  if (it == columns_.end() || it->id != id) return -1;
  return static_cast<int>(it - columns_.begin());
}

bool mib_table::complete(const row& r) const noexcept {
  for (std::size_t k = 0; k < columns_.size(); ++k)
    if (columns_[k].required && static_cast<int>(k) != status_col_ && r.cells[k].is_null()) return false;
  return true;
}

row_status mib_table::read_status(const row& r) const noexcept {
  if (status_col_ < 0) return row_status::active;
  const value& v = r.cells[static_cast<std::size_t>(status_col_)];
  if (v.type() == value_type::integer32 && v.as_int32() == static_cast<std::int32_t>(row_status::active))
    return row_status::active;
  return complete(r) ? row_status::not_in_service : row_status::not_ready;
}

error_status mib_table::check_value(const table_column& c, const oid& index, const value& v) const {
  if (v.type() != c.type) return error_status::wrong_type;
  switch (v.type()) {
    case value_type::octet_string:
    case value_type::opaque:
      if (v.as_octets().size() < c.min_length || v.as_octets().size() > c.max_length) return error_status::wrong_length;
      break;
    case value_type::integer32:
      if (v.as_int32() < c.min_value || v.as_int32() > c.max_value) return error_status::wrong_value;
      break;
    case value_type::counter32:
    case value_type::gauge32:
    case value_type::time_ticks:
      if (static_cast<std::int64_t>(v.as_uint32()) < c.min_value ||
          static_cast<std::int64_t>(v.as_uint32()) > c.max_value)
        return error_status::wrong_value;
      break;
    default:
      break;
  }
  if (c.check) return c.check(index, v);
  return error_status::no_error;
}

std::error_code mib_table::add_row(const oid& index, std::initializer_list<std::pair<std::uint32_t, value>> cells) {
  return add_row(index, std::span<const std::pair<std::uint32_t, value>>(cells.begin(), cells.size()));
}

std::error_code mib_table::add_row(const oid& index, std::span<const std::pair<std::uint32_t, value>> cells) {
  if (entry_.size() + 1 + index.size() > oid::max_subids) return responder_errc::bad_index;
  if (!decode_index(index_, index.subids())) return responder_errc::bad_index;
  row r;
  r.cells.reserve(columns_.size());
  for (const auto& c : columns_) r.cells.push_back(c.default_value);
  for (const auto& [id, v] : cells) {
    int k = column_pos(id);
    if (k < 0) return responder_errc::unknown_column;
    if (!v.is_null() && v.type() != columns_[static_cast<std::size_t>(k)].type) return responder_errc::wrong_type;
    r.cells[static_cast<std::size_t>(k)] = v;
  }
  // A row added by the program is active unless it says otherwise.
  if (status_col_ >= 0 && r.cells[static_cast<std::size_t>(status_col_)].is_null())
    r.cells[static_cast<std::size_t>(status_col_)] = value::integer32(static_cast<std::int32_t>(row_status::active));
  rows_[index] = std::move(r);
  return {};
}

std::error_code mib_table::set_cell(const oid& index, std::uint32_t column, value v) {
  auto it = rows_.find(index);
  if (it == rows_.end()) return responder_errc::no_such_row;
  int k = column_pos(column);
  if (k < 0) return responder_errc::unknown_column;
  if (!v.is_null() && v.type() != columns_[static_cast<std::size_t>(k)].type) return responder_errc::wrong_type;
  it->second.cells[static_cast<std::size_t>(k)] = std::move(v);
  return {};
}

bool mib_table::remove_row(const oid& index) { return rows_.erase(index) != 0; }
void mib_table::clear() noexcept { rows_.clear(); }
bool mib_table::has_row(const oid& index) const noexcept { return rows_.count(index) != 0; }

const value* mib_table::cell(const oid& index, std::uint32_t column) const noexcept {
  auto it = rows_.find(index);
  int k = column_pos(column);
  if (it == rows_.end() || k < 0) return nullptr;
  const value& v = it->second.cells[static_cast<std::size_t>(k)];
  return v.is_null() ? nullptr : &v;
}

std::vector<oid> mib_table::row_indexes() const {
  std::vector<oid> out;
  out.reserve(rows_.size());
  for (const auto& [k, r] : rows_) out.push_back(k);
  return out;
}

row_status mib_table::status_of(const oid& index) const noexcept {
  auto it = rows_.find(index);
  if (it == rows_.end()) return row_status::not_ready;
  return read_status(it->second);
}

void mib_table::get(const request_context&, const oid& name, reply_token token) {
  std::size_t e = entry_.size();
  if (name.size() < e + 2) {
    token.answer(name.size() == e + 1 && column_pos(name[e]) >= 0 ? value::no_such_instance() : value::no_such_object());
    return;
  }
  int k = column_pos(name[e]);
  if (k < 0 || !readable(columns_[static_cast<std::size_t>(k)].access)) {
    token.answer(value::no_such_object());
    return;
  }
  auto it = rows_.find(oid(name.subids().subspan(e + 1)));
  if (it == rows_.end()) {
    token.answer(value::no_such_instance());
    return;
  }
  if (k == status_col_) {
    token.answer(value::integer32(static_cast<std::int32_t>(read_status(it->second))));
    return;
  }
  const value& v = it->second.cells[static_cast<std::size_t>(k)];
  token.answer(v.is_null() ? value::no_such_instance() : v);
}

void mib_table::get_next(const request_context&, const oid& name, reply_token token) {
  std::size_t e = entry_.size();
  std::size_t k = 0;
  bool from_index = false;
  oid after;
  if (name.size() > e) {
    std::uint32_t c = name[e];
    k = static_cast<std::size_t>(
        std::lower_bound(columns_.begin(), columns_.end(), c, [](const auto& col, std::uint32_t v) { return col.id < v; }) -
        columns_.begin());
    if (k < columns_.size() && columns_[k].id == c && name.size() > e + 1) {
      from_index = true;
      after = oid(name.subids().subspan(e + 1));
    }
  }
  for (; k < columns_.size(); ++k, from_index = false) {
    if (!readable(columns_[k].access)) continue;
    auto it = from_index ? rows_.upper_bound(after) : rows_.begin();
    for (; it != rows_.end(); ++it) {
      value v = static_cast<int>(k) == status_col_
                    ? value::integer32(static_cast<std::int32_t>(read_status(it->second)))
                    : it->second.cells[k];
      if (v.is_null()) continue;
      oid n = entry_;
      n.push_back(columns_[k].id);
      n += it->first;
      token.answer_next(std::move(n), std::move(v));
      return;
    }
  }
  token.end_of_subtree();
}

set_result mib_table::set_test(const request_context&, std::span<const varbind> vbs) {
  staged_.clear();
  committed_ = false;
  std::size_t e = entry_.size();
  for (std::size_t i = 0; i < vbs.size(); ++i) {
    const oid& name = vbs[i].name;
    const value& v = vbs[i].value;
    int kpos = name.size() > e ? column_pos(name[e]) : -1;
    if (kpos < 0) return {error_status::no_creation, i};
    const auto& col = columns_[static_cast<std::size_t>(kpos)];
    if (!writable(col.access)) return {error_status::not_writable, i};
    if (name.size() < e + 2) return {error_status::no_creation, i};
    oid index(name.subids().subspan(e + 1));
    auto found = rows_.find(index);
    bool exists = found != rows_.end();
    if (!exists) {
      // A name that can never be a row: noCreation (RFC 3416 §4.2.5 step 3).
      if (!decode_index(index_, index.subids())) return {error_status::no_creation, i};
      bool creatable = std::any_of(columns_.begin(), columns_.end(),
                                   [](const auto& c) { return c.access == column_access::read_create; });
      if (!creatable || col.access != column_access::read_create) return {error_status::no_creation, i};
    }
    auto [st, fresh] = staged_.try_emplace(index);
    auto& s = st->second;
    if (fresh) {
      s.existed = exists;
      s.first_vb = i;
      if (exists) {
        s.before = found->second;
        s.after = found->second;
      } else {
        s.after.cells.reserve(columns_.size());
        for (const auto& c : columns_) s.after.cells.push_back(c.default_value);
      }
      s.exists_after = true;
    }
    error_status chk = check_value(col, index, v);
    if (chk != error_status::no_error) return {chk, i};
    if (kpos == status_col_) {
      if (v.as_int32() == static_cast<std::int32_t>(row_status::not_ready)) return {error_status::wrong_value, i};
      s.status_set = v;
      s.status_vb = i;
    } else {
      s.after.cells[static_cast<std::size_t>(kpos)] = v;
    }
  }
  // The RowStatus rules, per row, with every variable of the request applied.
  for (auto& [index, s] : staged_) {
    if (status_col_ < 0) continue;
    auto& cell = s.after.cells[static_cast<std::size_t>(status_col_)];
    const auto stored = [&](row_status rs) { cell = value::integer32(static_cast<std::int32_t>(rs)); };
    if (s.status_set.is_null()) {
      // Columns set without RowStatus: only on an existing row; a missing one could be
      // created, but not this way (inconsistentName).
      if (!s.existed) return {error_status::inconsistent_name, s.first_vb};
      continue;
    }
    auto want = static_cast<row_status>(s.status_set.as_int32());
    switch (want) {
      case row_status::create_and_go:
        if (s.existed || !complete(s.after)) return {error_status::inconsistent_value, s.status_vb};
        stored(row_status::active);
        break;
      case row_status::create_and_wait:
        if (s.existed) return {error_status::inconsistent_value, s.status_vb};
        stored(row_status::not_in_service);
        break;
      case row_status::active:
        if (!s.existed || !complete(s.after)) return {error_status::inconsistent_value, s.status_vb};
        stored(row_status::active);
        break;
      case row_status::not_in_service:
        if (!s.existed || !complete(s.after)) return {error_status::inconsistent_value, s.status_vb};
        stored(row_status::not_in_service);
        break;
      case row_status::destroy:
        s.exists_after = false;
        break;
      default:
        return {error_status::wrong_value, s.status_vb};
    }
  }
  return {};
}

set_result mib_table::set_commit(const request_context&, std::span<const varbind>) {
  for (auto& [index, s] : staged_) {
    if (s.exists_after) rows_[index] = s.after;
    else rows_.erase(index);
  }
  committed_ = true;
  return {};
}

set_result mib_table::set_undo(const request_context&, std::span<const varbind>) {
  if (!committed_) return {};
  for (auto& [index, s] : staged_) {
    if (s.existed) rows_[index] = s.before;
    else rows_.erase(index);
  }
  committed_ = false;
  return {};
}

void mib_table::set_cleanup(const request_context&, std::span<const varbind>) {
  auto staged = std::move(staged_);
  staged_.clear();
  bool changed = committed_;
  committed_ = false;
  if (changed && on_change_)
    for (auto& [index, s] : staged) on_change_(index, s.exists_after);
}

}  // namespace snmpio
