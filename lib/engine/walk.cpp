// Walks: a sequence of GETNEXT or GETBULK requests over one or more subtrees (table
// columns side by side), with PySNMP's options and snmpwalk's stopping rules.
#include "engine/engine_impl.hpp"

namespace snmpio::detail {


result<request_handle> engine_impl::start_walk(const credentials& auth, const target& to, std::vector<oid> roots,
                                               const walk_options& options, row_handler on_row, walk_handler on_done) {
  if (shutting_down_) return errc::shutdown;
  if (roots.empty() || !on_row || !on_done) return errc::invalid_argument;
  if (options.use_bulk && (auth.version == snmp_version::v1 || options.max_repetitions < 1))
    return errc::invalid_argument;
  auto w = std::make_unique<walk_state>();
  w->auth = auth;
  w->to = to;
  w->cursor = roots;
  // A single-arc root (".1", "iso") has no BER encoding; the walk starts after its
  // first two-arc name instead (x.0), which is what snmpwalk sends for it: nothing
  // but x.0 itself is skipped, and no MIB object has a two-arc name.
  for (auto& c : w->cursor)
    if (c.size() == 1) c.push_back(0);
  w->roots = std::move(roots);
  w->active.assign(w->roots.size(), true);
  w->options = options;
  w->max_repetitions = options.max_repetitions;
  w->on_row = std::move(on_row);
  w->on_done = std::move(on_done);
  const std::uint64_t serial = next_serial_++;
  walks_.emplace(serial, std::move(w));
  // The first request is started here so that its errors (bad OID, bad target) are
  // this call's errors, and the handlers are never called.
  walk_step(serial);
  auto it = walks_.find(serial);
  if (it != walks_.end() && it->second->current == 0) {
    // The first request could not start: report it through the return value.
    std::error_code ec = it->second->first_error;
    walks_.erase(it);
    return ec ? ec : make_error_code(errc::invalid_argument);
  }
  return request_handle(weak_from_this(), serial);
}

void engine_impl::walk_step(std::uint64_t serial) {
  auto it = walks_.find(serial);
  if (it == walks_.end()) return;
  walk_state& w = *it->second;
  pdu p;
  p.type = w.options.use_bulk ? pdu_type::get_bulk_request : pdu_type::get_next_request;
  if (w.options.use_bulk) {
    p.error_status = 0;
    p.error_index = w.max_repetitions;
  }
  for (std::size_t i = 0; i < w.roots.size(); ++i)
    if (w.active[i]) p.varbinds.push_back({w.cursor[i], value::null()});
  ++w.calls;
  std::weak_ptr<engine_impl> self = weak_from_this();
  auto started = start(w.auth, w.to, std::move(p), [self, serial](std::error_code ec, response r) {
    if (auto e = self.lock()) e->walk_response(serial, ec, std::move(r));
  });
  if (!started) {
    if (w.current == 0) {
      w.first_error = started.error();  // the first step: start_walk reports it
      return;
    }
    finish_walk(serial, started.error(), {});
    return;
  }
  w.current = started->serial_;
}

void engine_impl::walk_response(std::uint64_t serial, std::error_code ec, response r) {
  auto it = walks_.find(serial);
  if (it == walks_.end()) return;
  walk_state& w = *it->second;
  if (w.cancelled) return finish_walk(serial, errc::cancelled, {});
  if (ec) return finish_walk(serial, ec, {});
  if (r.error_status != 0) {
    if (r.error_status == static_cast<std::int32_t>(error_status::no_such_name) &&
        w.auth.version == snmp_version::v1)
      return finish_walk(serial, {}, {});  // SNMPv1's way of saying "end of the MIB"
    if (r.error_status == static_cast<std::int32_t>(error_status::too_big) && w.options.use_bulk) {
      if (w.max_repetitions <= 1) return finish_walk(serial, errc::too_big, std::move(r));
      w.max_repetitions /= 2;
      --w.calls;  // the retry is the same step
      return walk_step(serial);
    }
    return finish_walk(serial, {}, std::move(r));
  }
  if (r.varbinds.empty()) return finish_walk(serial, errc::empty_response, {});

  std::vector<std::size_t> columns;  // indexes of the columns this request asked for
  for (std::size_t i = 0; i < w.roots.size(); ++i)
    if (w.active[i]) columns.push_back(i);
  const std::size_t k = columns.size();
  const std::size_t nrows = (r.varbinds.size() + k - 1) / k;

  std::vector<varbind> row;
  for (std::size_t ri = 0; ri < nrows; ++ri) {
    row.clear();
    bool any = false;
    for (std::size_t ci = 0; ci < k && ri * k + ci < r.varbinds.size(); ++ci) {
      const std::size_t col = columns[ci];
      if (!w.active[col]) continue;
      varbind& vb = r.varbinds[ri * k + ci];
      const value_type t = vb.value.type();
      if (t == value_type::end_of_mib_view || t == value_type::no_such_object ||
          t == value_type::no_such_instance ||
          (!w.options.lexicographic_mode && !(vb.name.starts_with(w.roots[col]) && vb.name != w.roots[col]))) {
        w.active[col] = false;
        continue;
      }
      if (vb.name <= w.cursor[col]) {
        if (!w.options.ignore_non_increasing_oid || vb.name == w.cursor[col])
          return finish_walk(serial, errc::not_increasing, {});
      }
      w.cursor[col] = vb.name;
      row.push_back(std::move(vb));
      any = true;
    }
    if (!any) break;
    ++w.rows;
    if (!w.on_row(row)) return finish_walk(serial, {}, {});
    if (walks_.find(serial) == walks_.end()) return;  // the row handler cancelled or shut us down
    if (w.cancelled) return finish_walk(serial, errc::cancelled, {});
    if (w.options.max_rows && w.rows >= w.options.max_rows) return finish_walk(serial, {}, {});
  }
  bool more = false;
  for (bool a : w.active) more |= a;
  if (!more) return finish_walk(serial, {}, {});
  if (w.options.max_calls && w.calls >= w.options.max_calls) return finish_walk(serial, {}, {});
  walk_step(serial);
}

bool engine_impl::cancel_walk(std::uint64_t serial) {
  auto it = walks_.find(serial);
  if (it == walks_.end() || it->second->cancelled) return false;
  it->second->cancelled = true;
  // Completion comes through the request in flight: cancelling it completes it with
  // errc::cancelled (later, never inside this call), and walk_response finishes the
  // walk. From inside a row handler there is no request in flight: walk_response
  // sees the flag when the handler returns.
  cancel(it->second->current);
  return true;
}

void engine_impl::finish_walk(std::uint64_t serial, std::error_code ec, response last) {
  auto it = walks_.find(serial);
  if (it == walks_.end()) return;
  std::unique_ptr<walk_state> w = std::move(it->second);
  walks_.erase(it);
  walk_handler done = std::move(w->on_done);
  w.reset();  // state freed before the callback runs
  done(ec, std::move(last));
}

}  // namespace snmpio::detail
