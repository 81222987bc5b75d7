// The Command Responder: RFC 3416 §4.2 processing of GET, GETNEXT, GETBULK and SET
// over a sorted registry of subtrees.
//
// Reads run as a small state machine per variable ("slot"). A handler answers through
// a reply_token, now or later; an answer is queued on the request and a driver loop
// takes it, so a handler that answers synchronously never recurses into the next
// lookup (a walk over ten thousand rows outside the view stays a loop, not a stack).
#include "apps/responder_core.hpp"

#include "ber/ber.hpp"
#include "ber/pdu_codec.hpp"
#include "engine/engine_impl.hpp"
#include "engine/vacm.hpp"

#include <algorithm>
#include <exception>

namespace snmpio {

namespace {

enum answer_kind : int { k_value = 1, k_next = 2, k_end = 3, k_fail = 4 };

// A bound on the handler calls one request may make: names strictly increase, so a
// finite tree ends every walk, but a handler with an endless supply of names must not
// hold the reactor.
constexpr std::uint64_t max_steps_per_request = 1u << 20;

// When the engine gives no budget (tests), the largest UDP payload.
constexpr std::size_t default_budget = 65507;

class responder_error_category : public std::error_category {
 public:
  const char* name() const noexcept override { return "snmpio.responder"; }
  std::string message(int ev) const override {
    switch (static_cast<responder_errc>(ev)) {
      case responder_errc::empty_oid: return "empty OID";
      case responder_errc::overlapping_registration: return "overlaps a registered subtree";
      case responder_errc::not_registered: return "nothing registered there";
      case responder_errc::context_taken: return "another responder serves this context";
      case responder_errc::bad_index: return "index does not fit the table's INDEX";
      case responder_errc::unknown_column: return "no such column";
      case responder_errc::wrong_type: return "value of the wrong type";
      case responder_errc::no_such_row: return "no such row";
      case responder_errc::invalid_table: return "invalid table definition";
    }
    return "unknown responder error";
  }
};

// A scalar object served at object.0.
class scalar_entry final : public mib_handler {
 public:
  scalar_entry(const oid& object, scalar_handler h) : instance_(object), h_(std::move(h)) { instance_.push_back(0); }

  void get(const request_context&, const oid& name, reply_token token) override {
    if (name == instance_) token.answer(h_.get());
    else token.answer(value::no_such_instance());
  }
  void get_next(const request_context&, const oid& name, reply_token token) override {
    // A getter that answers an exception has no instance now: GETNEXT passes over it.
    if (name < instance_) {
      value v = h_.get();
      if (!v.is_exception()) return token.answer_next(instance_, std::move(v));
    }
    token.end_of_subtree();
  }
  set_result set_test(const request_context&, std::span<const varbind> vbs) override {
    for (std::size_t i = 0; i < vbs.size(); ++i) {
      if (vbs[i].name != instance_) return {error_status::no_creation, i};
      if (!h_.commit) return {error_status::not_writable, i};
      const value& v = vbs[i].value;
      // NULL and the exceptions are not values of any object type.
      if (v.is_null() || v.is_exception() || (h_.type != value_type::null && v.type() != h_.type))
        return {error_status::wrong_type, i};
      if (h_.test) {
        auto s = h_.test(vbs[i].value);
        if (s != error_status::no_error) return {s, i};
      }
    }
    return {};
  }
  set_result set_commit(const request_context&, std::span<const varbind> vbs) override {
    // A commit that fails changes nothing, so only a successful one is undone.
    value before = h_.get();
    for (std::size_t i = 0; i < vbs.size(); ++i) {
      auto s = h_.commit(vbs[i].value);
      if (s != error_status::no_error) return {s, i};
      if (!committed_) saved_ = before;
      committed_ = true;
    }
    return {};
  }
  set_result set_undo(const request_context&, std::span<const varbind>) override {
    if (!committed_) return {};
    committed_ = false;
    auto s = h_.undo ? h_.undo() : h_.commit(saved_);
    return {s, 0};
  }
  void set_cleanup(const request_context&, std::span<const varbind>) override {
    committed_ = false;
    saved_ = value();
  }

 private:
  oid instance_;
  scalar_handler h_;
  value saved_;
  bool committed_ = false;
};

}  // namespace

const std::error_category& responder_category() noexcept {
  static const responder_error_category c;
  return c;
}

// ------------------------------------------------------------------ mib_handler

mib_handler::~mib_handler() = default;
set_result mib_handler::set_test(const request_context&, std::span<const varbind>) {
  return {error_status::not_writable, 0};
}
set_result mib_handler::set_commit(const request_context&, std::span<const varbind>) { return {}; }
set_result mib_handler::set_undo(const request_context&, std::span<const varbind>) { return {}; }
void mib_handler::set_cleanup(const request_context&, std::span<const varbind>) {}

// ------------------------------------------------------------------ reply_token

reply_token::reply_token(reply_token&& other) noexcept
    : req_(std::move(other.req_)), slot_(other.slot_), generation_(other.generation_) {}

reply_token& reply_token::operator=(reply_token&& other) noexcept {
  if (this != &other) {
    if (req_) deliver(k_fail, oid(), value(), error_status::gen_err);
    req_ = std::move(other.req_);
    slot_ = other.slot_;
    generation_ = other.generation_;
  }
  return *this;
}

reply_token::~reply_token() {
  if (req_) deliver(k_fail, oid(), value(), error_status::gen_err);
}

void reply_token::answer(value v) { deliver(k_value, oid(), std::move(v), error_status::no_error); }
void reply_token::answer_next(oid name, value v) { deliver(k_next, std::move(name), std::move(v), error_status::no_error); }
void reply_token::end_of_subtree() { deliver(k_end, oid(), value(), error_status::no_error); }
void reply_token::fail(error_status status) {
  if (status == error_status::no_error) status = error_status::gen_err;
  deliver(k_fail, oid(), value(), status);
}

void reply_token::deliver(int kind, oid name, value v, error_status status) noexcept {
  auto req = std::move(req_);
  if (!req) return;
  detail::responder_core::deliver(req, slot_, generation_, kind, std::move(name), std::move(v), status);
}

namespace detail {

error_status v1_error(error_status s) noexcept {
  switch (s) {
    case error_status::no_error:
    case error_status::too_big:
    case error_status::no_such_name:
    case error_status::bad_value:
    case error_status::read_only:
    case error_status::gen_err:
      return s;
    case error_status::wrong_value:
    case error_status::wrong_encoding:
    case error_status::wrong_type:
    case error_status::wrong_length:
    case error_status::inconsistent_value:
      return error_status::bad_value;
    case error_status::no_access:
    case error_status::not_writable:
    case error_status::no_creation:
    case error_status::inconsistent_name:
    case error_status::authorization_error:
      return error_status::no_such_name;
    default:
      return error_status::gen_err;
  }
}

std::size_t encoded_varbind_size(const varbind& vb) {
  thread_local ber::writer w(256);
  w.clear();
  if (ber::encode_value(w, vb.value)) return 0;
  if (w.put_oid(vb.name)) return 0;
  std::size_t content = w.size();
  return encoded_list_size(content);  // SEQUENCE header: same rule as the list's
}

std::size_t encoded_list_size(std::size_t content) noexcept {
  std::size_t len_octets = content < 0x80 ? 1 : content < 0x100 ? 2 : content < 0x10000 ? 3 : content < 0x1000000 ? 4 : 5;
  return 1 + len_octets + content;
}

namespace {

std::size_t list_size(const std::vector<varbind>& vbs, bool& encodable) {
  std::size_t content = 0;
  encodable = true;
  for (const auto& vb : vbs) {
    std::size_t s = encoded_varbind_size(vb);
    if (s == 0) encodable = false;
    content += s;
  }
  return encoded_list_size(content);
}

pdu make_response(const pdu& req) {
  pdu p;
  p.type = pdu_type::response;
  p.request_id = req.request_id;
  return p;
}

}  // namespace

// ------------------------------------------------------------------ the core

responder_core::responder_core(std::weak_ptr<engine_impl> eng, std::string context)
    : engine_(std::move(eng)), context_(std::move(context)) {}

responder_core::~responder_core() = default;

std::error_code responder_core::add(const oid& subtree, std::shared_ptr<mib_handler> handler) {
  if (subtree.empty()) return responder_errc::empty_oid;
  if (!handler) return errc::invalid_argument;
  // Registrations never overlap, so only the first key at or after `subtree` can lie
  // inside it, and only the one just before can contain it.
  auto it = registry_.lower_bound(subtree);
  if (it != registry_.end() && it->first.starts_with(subtree)) return responder_errc::overlapping_registration;
  if (it != registry_.begin() && subtree.starts_with(std::prev(it)->first))
    return responder_errc::overlapping_registration;
  registry_.emplace_hint(it, subtree, std::move(handler));
  return {};
}

std::error_code responder_core::remove(const oid& subtree) {
  return registry_.erase(subtree) ? std::error_code{} : make_error_code(responder_errc::not_registered);
}

responder_core::registry::const_iterator responder_core::containing(const oid& name) const {
  auto it = registry_.upper_bound(name);
  if (it == registry_.begin()) return registry_.end();
  --it;
  return name.starts_with(it->first) ? it : registry_.end();
}

void responder_core::on_request(incoming_request&& in, access_views views, response_sender send) {
  request_context ctx;
  ctx.version = in.version;
  ctx.type = in.request.type;
  ctx.model = in.model;
  ctx.level = in.level;
  ctx.security_name = std::move(in.security_name);
  ctx.context_name = std::move(in.context_name);
  ctx.source = in.source;

  switch (in.request.type) {
    case pdu_type::get_request: ++stats_.get_requests; break;
    case pdu_type::get_next_request: ++stats_.get_next_requests; break;
    case pdu_type::get_bulk_request: ++stats_.get_bulk_requests; break;
    case pdu_type::set_request: ++stats_.set_requests; break;
    default: return;  // not a request: nothing to answer (the engine filters these)
  }
  if (in.request.type == pdu_type::get_bulk_request && in.version == snmp_version::v1) return;
  if (in.request.type == pdu_type::set_request) {
    process_set(in, views, send, ctx);
    return;
  }

  auto r = std::make_shared<responder_request>();
  r->core = weak_from_this();
  r->ctx = std::move(ctx);
  r->views = views;
  r->send = std::move(send);
  r->req = std::move(in.request);
  r->budget = in.max_varbinds_size ? in.max_varbinds_size : default_budget;

  if (!views.read) {
    ++stats_.authorization_errors;
    answer_error(*r, error_status::authorization_error, r->req.varbinds.empty() ? 0 : 1);
    return;
  }

  const auto& vbs = r->req.varbinds;
  std::size_t n = vbs.size();
  if (r->req.type == pdu_type::get_bulk_request) {
    std::int32_t nr = r->req.non_repeaters(), mr = r->req.max_repetitions();
    r->non_repeaters = std::min<std::size_t>(nr < 0 ? 0 : static_cast<std::size_t>(nr), n);
    r->max_repetitions = mr < 0 ? 0 : static_cast<std::size_t>(mr);
    if (r->max_repetitions == 0) n = r->non_repeaters;  // repeaters ask for nothing
  }
  r->slots.resize(n);
  r->ready.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto& s = r->slots[i];
    s.cursor = vbs[i].name;
    s.origin = vbs[i].name;
    s.get = r->req.type == pdu_type::get_request;
    s.request_index = i;
  }
  r->outstanding = n;
  for (std::uint32_t i = 0; i < n; ++i) r->ready.push_back(i);
  drive(r);
}

void responder_core::queue(responder_request& r, std::uint32_t i) { r.ready.push_back(i); }

void responder_core::drive(const std::shared_ptr<responder_request>& r) {
  if (r->driving) return;
  r->driving = true;
  while (!r->finished) {
    if (r->ready_head < r->ready.size()) {
      std::uint32_t i = r->ready[r->ready_head++];
      if (r->ready_head == r->ready.size()) {
        r->ready.clear();
        r->ready_head = 0;
      }
      step(r, i);
      continue;
    }
    if (r->outstanding == 0) {
      round_complete(*r);
      continue;
    }
    break;  // waiting for a handler that answers later
  }
  r->driving = false;
}

void responder_core::deliver(const std::shared_ptr<responder_request>& r, std::uint32_t slot, std::uint32_t generation,
                             int kind, oid name, value v, error_status status) noexcept {
  if (r->finished || slot >= r->slots.size()) return;
  auto& s = r->slots[slot];
  if (!s.waiting || s.generation != generation) return;
  s.waiting = false;
  s.has_answer = true;
  s.answer_kind = kind;
  s.answer_name = std::move(name);
  s.answer_value = std::move(v);
  s.answer_status = status;
  try {
    r->ready.push_back(slot);
    if (r->driving) return;  // the driver on the stack takes it
    auto core = r->core.lock();
    if (!core) return;  // the responder is gone: nothing to answer with
    core->drive(r);
  } catch (...) {
    // Out of memory while queueing: the request is abandoned (the manager times out).
    r->finished = true;
  }
}

void responder_core::slot_done(responder_request& r, std::uint32_t i) {
  auto& s = r.slots[i];
  if (s.done) return;
  s.done = true;
  --r.outstanding;
}

void responder_core::slot_error(responder_request& r, std::uint32_t i, error_status st) {
  if (r.status == error_status::no_error) {
    r.status = st;
    r.status_index = r.slots[i].request_index + 1;
  }
  slot_done(r, i);
}

void responder_core::call_handler(const std::shared_ptr<responder_request>& r, std::uint32_t i,
                                  const std::shared_ptr<mib_handler>& h, bool next) {
  auto& s = r->slots[i];
  if (++r->steps > max_steps_per_request) {
    slot_error(*r, i, error_status::gen_err);
    return;
  }
  s.waiting = true;
  std::uint32_t gen = ++s.generation;
  // The handler keeps itself alive across the call even if it unregisters itself.
  std::shared_ptr<mib_handler> keep = h;
  oid asked = s.asked;
  try {
    if (next) keep->get_next(r->ctx, asked, reply_token(r, i, gen));
    else keep->get(r->ctx, asked, reply_token(r, i, gen));
  } catch (...) {
    // The token was destroyed during unwinding (genErr) unless the handler kept it;
    // either way the variable fails.
    auto& again = r->slots[i];
    if (again.generation == gen && again.waiting) {
      again.waiting = false;
      again.has_answer = true;
      again.answer_kind = k_fail;
      again.answer_status = error_status::gen_err;
      r->ready.push_back(i);
    }
  }
}

void responder_core::step(const std::shared_ptr<responder_request>& rp, std::uint32_t i) {
  auto& r = *rp;
  if (r.finished || r.slots[i].done) return;
  if (r.slots[i].has_answer) {
    take_answer(r, i);
    if (r.slots[i].done || r.slots[i].has_answer) return;
    // Not done: the answer moved the cursor; look further now.
  }
  auto& s = r.slots[i];
  if (r.status != error_status::no_error) {  // the request fails anyway: stop looking
    slot_done(r, i);
    return;
  }
  if (s.get) {
    auto it = containing(s.cursor);
    if (it == registry_.end() || !r.views.read->contains(s.cursor)) {
      s.result = {s.cursor, value::no_such_object()};
      slot_done(r, i);
      return;
    }
    s.reg_key = it->first;
    s.asked = s.cursor;
    call_handler(rp, i, it->second, false);
    return;
  }
  // GETNEXT: the registration holding the cursor, else the first one after it.
  registry::const_iterator it;
  if (s.has_after) {
    it = registry_.upper_bound(s.after_key);
  } else {
    it = containing(s.cursor);
    if (it == registry_.end()) it = registry_.upper_bound(s.cursor);
  }
  while (it != registry_.end() && !r.views.read->may_contain_under(it->first)) ++it;
  if (it == registry_.end()) {
    s.result = {s.origin, value::end_of_mib_view()};
    s.ended = true;
    slot_done(r, i);
    return;
  }
  s.reg_key = it->first;
  s.asked = (!s.has_after && s.cursor.starts_with(it->first)) ? s.cursor : it->first;
  s.has_after = false;
  call_handler(rp, i, it->second, true);
}

void responder_core::take_answer(responder_request& r, std::uint32_t i) {
  auto& s = r.slots[i];
  s.has_answer = false;
  int kind = s.answer_kind;
  if (kind == k_fail) {
    slot_error(r, i, s.answer_status);
    return;
  }
  if (s.get) {
    if (kind != k_value) {
      slot_error(r, i, error_status::gen_err);
      return;
    }
    s.result = {s.cursor, std::move(s.answer_value)};
    slot_done(r, i);
    return;
  }
  if (kind == k_value) {
    slot_error(r, i, error_status::gen_err);
    return;
  }
  if (kind == k_end || s.answer_value.type() == value_type::end_of_mib_view) {
    s.has_after = true;
    s.after_key = s.reg_key;
    return;
  }
  // k_next: the name must move forward and stay in the handler's subtree.
  const oid& name = s.answer_name;
  if (!(name > s.asked) || !name.starts_with(s.reg_key) || name.size() <= s.reg_key.size() ||
      s.answer_value.is_exception()) {
    slot_error(r, i, error_status::gen_err);
    return;
  }
  bool skip = !r.views.read->contains(name) ||
              (r.ctx.version == snmp_version::v1 && s.answer_value.type() == value_type::counter64);
  if (skip) {
    s.cursor = std::move(s.answer_name);
    s.has_after = false;
    return;
  }
  s.result = {std::move(s.answer_name), std::move(s.answer_value)};
  slot_done(r, i);
}

void responder_core::round_complete(responder_request& r) {
  if (r.status != error_status::no_error) {
    answer_error(r, r.status, r.status_index);
    return;
  }
  bool v1 = r.ctx.version == snmp_version::v1;
  if (r.req.type != pdu_type::get_bulk_request) {
    pdu resp = make_response(r.req);
    resp.varbinds.reserve(r.slots.size());
    for (auto& s : r.slots) {
      if (v1 && (s.result.value.is_exception() || s.result.value.type() == value_type::counter64)) {
        answer_error(r, error_status::no_such_name, s.request_index + 1);
        return;
      }
      resp.varbinds.push_back(std::move(s.result));
    }
    bool ok = true;
    std::size_t size = list_size(resp.varbinds, ok);
    if (!ok) {
      answer_error(r, error_status::gen_err, 0);
      return;
    }
    if (size > r.budget) {
      answer_error(r, error_status::too_big, 0);
      return;
    }
    finish(r, std::move(resp));
    return;
  }

  // GETBULK: the non-repeaters come with the first round and must fit whole.
  bool first = r.repetitions_done == 0 && r.out.empty();
  const std::size_t begin = r.non_repeaters;
  if (first) {
    for (std::size_t k = 0; k < r.non_repeaters; ++k) {
      auto& s = r.slots[k];
      std::size_t sz = encoded_varbind_size(s.result);
      if (sz == 0) {
        answer_error(r, error_status::gen_err, s.request_index + 1);
        return;
      }
      r.out_content += sz;
      r.out.push_back(std::move(s.result));
    }
    if (encoded_list_size(r.out_content) > r.budget) {
      answer_error(r, error_status::too_big, 0);
      return;
    }
  }
  bool trimmed = false;
  bool all_ended = true;
  std::size_t repeaters = r.slots.size() - r.non_repeaters;
  if (repeaters > 0 && r.repetitions_done < r.max_repetitions) {
    for (std::size_t k = begin; k < r.slots.size(); ++k) {
      auto& s = r.slots[k];
      std::size_t sz = encoded_varbind_size(s.result);
      if (sz == 0) {
        answer_error(r, error_status::gen_err, s.request_index + 1);
        return;
      }
      if (encoded_list_size(r.out_content + sz) > r.budget) {
        trimmed = true;
        break;
      }
      r.out_content += sz;
      r.out.push_back(s.result);
      if (!s.ended) all_ended = false;
    }
    ++r.repetitions_done;
  }
  if (trimmed) ++stats_.bulk_trimmed;
  if (trimmed || all_ended || repeaters == 0 || r.repetitions_done >= r.max_repetitions) {
    pdu resp = make_response(r.req);
    resp.varbinds = std::move(r.out);
    finish(r, std::move(resp));
    return;
  }
  // The next repetition: each repeater goes on from where it stopped; one that reached
  // the end of the view repeats endOfMibView without another lookup.
  r.outstanding = repeaters;
  for (std::size_t k = r.non_repeaters; k < r.slots.size(); ++k) {
    auto& s = r.slots[k];
    s.done = false;
    if (s.ended) {
      s.result.value = value::end_of_mib_view();
      slot_done(r, static_cast<std::uint32_t>(k));
      continue;
    }
    s.cursor = s.result.name;
    s.origin = s.result.name;
    s.has_after = false;
    queue(r, static_cast<std::uint32_t>(k));
  }
}

void responder_core::finish(responder_request& r, pdu response) {
  if (r.finished) return;
  r.finished = true;
  ++stats_.answered;
  auto st = static_cast<error_status>(response.error_status);
  if (st == error_status::too_big) ++stats_.too_big;
  else if (st == error_status::gen_err) ++stats_.gen_errs;
  else if (st != error_status::no_error) ++stats_.other_errors;
  if (r.send) {
    auto send = std::move(r.send);
    send(std::move(response));
  }
}

void responder_core::answer_error(responder_request& r, error_status s, std::size_t index) {
  bool v1 = r.ctx.version == snmp_version::v1;
  if (v1) s = v1_error(s);
  pdu resp = make_response(r.req);
  resp.error_status = static_cast<std::int32_t>(s);
  resp.error_index = static_cast<std::int32_t>(index);
  // An error response carries the request's variable bindings (RFC 3416 §4.2.1),
  // except tooBig in SNMPv2, and anything that would not fit.
  if (s != error_status::too_big || v1) {
    bool ok = true;
    if (list_size(r.req.varbinds, ok) <= r.budget && ok) resp.varbinds = r.req.varbinds;
  }
  if (s == error_status::too_big) resp.error_index = 0;
  finish(r, std::move(resp));
}

void responder_core::process_set(incoming_request& in, access_views views, response_sender& send,
                                 const request_context& ctx) {
  responder_request r;
  r.ctx = ctx;
  r.send = std::move(send);
  r.req = std::move(in.request);
  r.budget = in.max_varbinds_size ? in.max_varbinds_size : default_budget;
  const auto& vbs = r.req.varbinds;

  bool ok = true;
  if (list_size(vbs, ok) > r.budget || !ok) {
    answer_error(r, error_status::too_big, 0);
    return;
  }
  if (!views.write) {
    ++stats_.authorization_errors;
    answer_error(r, error_status::authorization_error, vbs.empty() ? 0 : 1);
    return;
  }
  struct group {
    std::shared_ptr<mib_handler> handler;
    std::vector<varbind> vbs;
    std::vector<std::size_t> index;  // 0-based positions in the request
  };
  std::vector<group> groups;
  std::map<oid, std::size_t> by_key;
  for (std::size_t i = 0; i < vbs.size(); ++i) {
    const auto& vb = vbs[i];
    if (!views.write->contains(vb.name)) {
      answer_error(r, error_status::no_access, i + 1);
      return;
    }
    auto it = containing(vb.name);
    if (it == registry_.end()) {
      answer_error(r, error_status::no_creation, i + 1);
      return;
    }
    auto [g, fresh] = by_key.try_emplace(it->first, groups.size());
    if (fresh) groups.push_back({it->second, {}, {}});
    groups[g->second].vbs.push_back(vb);
    groups[g->second].index.push_back(i);
  }

  auto at = [&](const group& g, const set_result& res) {
    return res.index < g.index.size() ? g.index[res.index] + 1 : g.index.front() + 1;
  };
  std::size_t tested = 0;
  auto cleanup = [&] {
    for (std::size_t k = 0; k < tested; ++k) {
      try {
        groups[k].handler->set_cleanup(ctx, groups[k].vbs);
      } catch (...) {
      }
    }
  };
  for (; tested < groups.size();) {
    auto& g = groups[tested];
    set_result res;
    ++tested;
    try {
      res = g.handler->set_test(ctx, g.vbs);
    } catch (...) {
      res = {error_status::gen_err, 0};
    }
    if (res.status != error_status::no_error) {
      cleanup();
      answer_error(r, res.status, at(g, res));
      return;
    }
  }
  std::size_t committed = 0;
  for (; committed < groups.size();) {
    auto& g = groups[committed];
    set_result res;
    ++committed;
    try {
      res = g.handler->set_commit(ctx, g.vbs);
    } catch (...) {
      res = {error_status::commit_failed, 0};
    }
    if (res.status != error_status::no_error) {
      bool undo_failed = false;
      for (std::size_t k = committed; k-- > 0;) {
        try {
          if (groups[k].handler->set_undo(ctx, groups[k].vbs).status != error_status::no_error) undo_failed = true;
        } catch (...) {
          undo_failed = true;
        }
      }
      cleanup();
      if (undo_failed) answer_error(r, error_status::undo_failed, 0);
      else answer_error(r, error_status::commit_failed, at(g, res));
      return;
    }
  }
  cleanup();
  pdu resp = make_response(r.req);
  resp.varbinds = r.req.varbinds;
  finish(r, std::move(resp));
}

}  // namespace detail

// ------------------------------------------------------------------ command_responder

command_responder::command_responder(engine& eng, std::string context_name)
    : core_(std::make_shared<detail::responder_core>(eng.impl().weak_from_this(), std::move(context_name))) {
  core_->registered_ = eng.impl().register_responder(core_->context_, core_.get());
}

command_responder::~command_responder() {
  if (!core_) return;
  if (core_->registered_) {
    if (auto e = core_->engine_.lock()) e->unregister_responder(core_->context_, core_.get());
  }
}

command_responder::command_responder(command_responder&&) noexcept = default;

command_responder& command_responder::operator=(command_responder&& other) noexcept {
  if (this != &other) {
    command_responder gone(std::move(*this));
    core_ = std::move(other.core_);
  }
  return *this;
}

bool command_responder::registered() const noexcept { return core_ && core_->registered_; }
const std::string& command_responder::context_name() const noexcept { return core_->context_; }

std::error_code command_responder::register_scalar(const oid& object, std::function<value()> get) {
  if (!get) return errc::invalid_argument;
  scalar_handler h;
  h.get = std::move(get);
  return register_scalar(object, std::move(h));
}

std::error_code command_responder::register_scalar(const oid& object, scalar_handler handler) {
  if (object.empty()) return responder_errc::empty_oid;
  if (!handler.get || object.size() >= oid::max_subids) return errc::invalid_argument;
  return core_->add(object, std::make_shared<scalar_entry>(object, std::move(handler)));
}

std::error_code command_responder::register_table(std::shared_ptr<mib_table> table) {
  if (!table) return errc::invalid_argument;
  if (!table->valid_) return responder_errc::invalid_table;
  oid entry = table->entry();
  return core_->add(entry, std::move(table));
}

std::error_code command_responder::register_subtree(const oid& subtree, std::shared_ptr<mib_handler> handler) {
  return core_->add(subtree, std::move(handler));
}

std::error_code command_responder::unregister(const oid& subtree) { return core_->remove(subtree); }

responder_stats command_responder::stats() const noexcept { return core_->stats_; }

detail::request_sink& command_responder::sink() noexcept { return *core_; }

}  // namespace snmpio
