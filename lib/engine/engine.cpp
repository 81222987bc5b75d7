#include "engine/agent_side.hpp"

#include "crypto/random.hpp"
#include "log/log.hpp"

#include <algorithm>
#include <cstring>

namespace snmpio {
namespace detail {
namespace {

// The community of an encoded SNMPv1/v2c request: read back from the bytes the record
// keeps anyway, rather than stored a second time in every pending request.
std::string_view community_of(const std::vector<std::uint8_t>& wire) noexcept {
  ber::reader outer(wire);
  ber::bytes seq, community;
  std::int32_t version;
  if (outer.expect(ber::tag::sequence, seq)) return {};
  ber::reader r(seq);
  if (ber::read_int32(r, version) || ber::read_octets(r, community)) return {};
  return ber::as_chars(community);
}

}  // namespace

struct engine_impl::resolve_wait {
  credentials auth;
  target_options options;
  pdu request;
  response_handler handler;
  bool cancelled = false;
};

engine_impl::engine_impl(reactor& loop, const engine_options& options)
    : loop_(loop),
      options_(options),
      next_msg_id_(crypto::random_u32()),
      next_request_id_(crypto::random_u32()),
      engine_id_(options.engine_id.empty() ? make_engine_id() : options.engine_id),
      boots_(options.engine_boots < 1 ? 1 : options.engine_boots),
      started_(reactor::clock::now()) {
  options_.logger = resolve_logger(std::move(options_.logger));
}

credentials engine_impl::make_credentials(const community_data& auth) {
  credentials c;
  c.version = auth.version;
  c.community = auth.community;
  return c;
}

engine_impl::~engine_impl() { shutdown(); }

engine_stats engine_impl::stats() const noexcept {
  stats_.in_flight = in_flight_;
  stats_.waiting = waiting_;
  stats_.window = effective_window();
  return stats_;
}

endpoint engine_impl::local_endpoint(address_family f) const noexcept {
  const auto& s = f == address_family::ipv6 ? sock6_ : sock4_;
  return s && s->is_open() ? s->local_endpoint() : endpoint{};
}

std::size_t engine_impl::effective_window() const noexcept {
  if (options_.max_in_flight) return options_.max_in_flight;
  return window_ ? window_ : 256;
}

std::error_code engine_impl::ensure_socket(address_family f) {
  auto& slot = f == address_family::ipv6 ? sock6_ : sock4_;
  if (slot && slot->is_open()) return {};
  udp_options uo;
  uo.receive_buffer_size = options_.receive_buffer_size;
  uo.v6_only = true;
  uo.receive_batch = 32;
  auto s = udp_socket::open(loop_, f == address_family::ipv6 ? options_.local_v6 : options_.local_v4, uo);
  if (!s) return s.error();
  s->on_receive([this](std::span<const std::byte> data, const endpoint& from, const endpoint&) {
    on_datagram({reinterpret_cast<const std::uint8_t*>(data.data()), data.size()}, from);
  });
  s->on_error([this](std::error_code ec, const endpoint& peer) { on_peer_error(ec, peer); });
  slot.emplace(std::move(*s));
  // The manager's socket does not keep reactor::run() running by itself (libuv's
  // uv_unref): a pending request does, through its retry timer (or its name lookup,
  // or its datagram waiting in the socket's queue). So run() returns once every
  // request has completed. An agent's listening sockets stay referenced.
  slot->unref();
  if (!options_.max_in_flight) {
    // Size the window so that a whole window of answers fits the receive buffer the
    // kernel granted: a datagram costs about 2 KiB of buffer (payload plus skb).
    const std::size_t granted = slot->receive_buffer_size();
    window_ = std::clamp<std::size_t>(granted / 2048, 64, 4096);
  }
  return {};
}

std::int32_t engine_impl::next_request_id() {
  while (true) {
    const auto id = static_cast<std::int32_t>(next_request_id_++ & 0x7FFFFFFFu);
    if (id != 0 && !by_request_id_.count(id)) return id;
  }
}

result<request_handle> engine_impl::start(const credentials& auth, const target& to, pdu request,
                                          response_handler h) {
  if (shutting_down_) return errc::shutdown;
  if (!h) return errc::invalid_argument;
  if (auth.version != snmp_version::v1 && auth.version != snmp_version::v2c &&
      !(auth.version == snmp_version::v3 && auth.user))
    return errc::invalid_argument;
  if (!ber::pdu_allowed(auth.version, request.type) || request.type == pdu_type::response ||
      request.type == pdu_type::report || request.type == pdu_type::trap_v1 || request.type == pdu_type::trap_v2)
    return errc::invalid_argument;

  const bool v6 = std::holds_alternative<udp6_target>(to);
  const std::string& host = v6 ? std::get<udp6_target>(to).host : std::get<udp_target>(to).host;
  const std::uint16_t port = v6 ? std::get<udp6_target>(to).port : std::get<udp_target>(to).port;
  const target_options& opt = v6 ? std::get<udp6_target>(to).options : std::get<udp_target>(to).options;
  if (host.empty() || opt.retries < 0 || opt.timeout.count() <= 0) return errc::invalid_argument;

  const std::uint64_t serial = next_serial_++;
  auto numeric = endpoint::parse(host, port);
  if (numeric) {
    if (numeric->is_v6() != v6) return errc::invalid_argument;
    return start_resolved(auth, *numeric, opt, std::move(request), h, serial);
  }
  // A host name: check that the request encodes before going to the resolver, so
  // that an unencodable request fails here and not in its callback.
  writer_.clear();
  if (auto ec = ber::encode_pdu(writer_, auth.version, request)) return ec;
  auto wait = std::make_unique<resolve_wait>(resolve_wait{auth, opt, std::move(request), std::move(h)});
  resolving_.emplace(serial, std::move(wait));
  std::weak_ptr<engine_impl> self = weak_from_this();
  auto ec = loop_.resolve(
      host, port,
      [self, serial](std::error_code rec, std::vector<endpoint> found) {
        auto e = self.lock();
        if (!e) return;
        auto it = e->resolving_.find(serial);
        if (it == e->resolving_.end()) return;
        std::unique_ptr<resolve_wait> w = std::move(it->second);
        e->resolving_.erase(it);
        if (w->cancelled) {
          ++e->stats_.cancelled;
          w->handler(errc::cancelled, {});
          return;
        }
        if (rec || found.empty()) {
          w->handler(rec ? rec : make_error_code(errc::resolve_failed), {});
          return;
        }
        auto started = e->start_resolved(w->auth, found.front(), w->options, std::move(w->request), w->handler,
                                         serial);
        if (!started) w->handler(started.error(), {});  // the handler stays ours on failure
      },
      v6 ? resolve_family::ipv6 : resolve_family::ipv4);
  if (ec) {
    resolving_.erase(serial);
    return ec;
  }
  return request_handle(weak_from_this(), serial);  // counted in stats once resolved
}

result<request_handle> engine_impl::start_resolved(const credentials& auth, const endpoint& peer,
                                                   const target_options& opt, pdu request, response_handler& h,
                                                   std::uint64_t serial) {
  if (auto ec = ensure_socket(peer.family())) return ec;
  pending_request r;
  r.serial = serial;
  r.request_id = next_request_id();
  r.version = auth.version;
  r.type = request.type;
  r.peer = peer;
  r.timeout = opt.timeout;
  r.retries_left = opt.retries;
  request.request_id = r.request_id;
  if (auth.version == snmp_version::v3) {
    // Check that it encodes now (so that errors are this call's), send it later.
    writer_.clear();
    if (auto ec = ber::encode_pdu(writer_, snmp_version::v3, request)) return ec;
    r.v3 = std::make_unique<v3_request>();
    r.v3->user = auth.user;
    r.v3->ctx = auth.ctx;
    r.v3->request = std::move(request);
  } else {
    ber::community_message m{auth.version, auth.community, std::move(request)};
    if (auto ec = ber::encode_community_message(writer_, m)) return ec;
    r.wire.assign(writer_.data().begin(), writer_.data().end());
  }
  r.handler = std::move(h);

  // The record lives in its hash-map node: one allocation, one cache line less to
  // reach when the response comes in.
  pending_request* raw = &by_request_id_.emplace(r.request_id, std::move(r)).first->second;
  by_serial_.emplace(serial, raw);
  auto [tit, inserted] = targets_.try_emplace(peer);
  if (inserted) tit->second.peer = peer;
  raw->target = &tit->second;
  ++tit->second.refs;
  ++stats_.requests;

  if (raw->version == snmp_version::v3) {
    start_v3_record(*raw);
    return request_handle(weak_from_this(), serial);
  }
  // With the window not full, whatever waits is held by its own target's pacing: a
  // request to another target may go ahead of it.
  if ((waiting_ == 0 || options_.max_in_flight_per_target) && may_send(*raw)) {
    transmit(*raw);
  } else {
    raw->waiting = true;
    ++waiting_;
    wait_queue_.push_back(raw->serial);
  }
  return request_handle(weak_from_this(), serial);
}

bool engine_impl::may_send(const pending_request& r) const noexcept {
  if (in_flight_ >= effective_window()) return false;
  if (options_.max_in_flight_per_target && r.target->in_flight >= options_.max_in_flight_per_target) return false;
  return true;
}

void engine_impl::transmit(pending_request& r) {
  if (!r.in_flight) {
    r.in_flight = true;
    ++in_flight_;
    target_state& t = *r.target;
    ++t.in_flight;
    r.prev = nullptr;
    r.next = t.head;
    if (t.head) t.head->prev = &r;
    t.head = &r;
  }
  auto& sock = r.peer.is_v6() ? sock6_ : sock4_;
  ++stats_.sent;
  std::error_code ec = sock->send(std::as_bytes(std::span<const std::uint8_t>(r.wire)), r.peer);
  if (r.armed) disarm(r);
  arm(r);
  if (ec) complete_later(&r, ec == std::errc::connection_refused ? make_error_code(errc::unreachable) : ec);
}

void engine_impl::admit_waiting() {
  // FIFO, except that a request held back by its own target's pacing does not block
  // requests to other targets behind it.
  for (auto it = wait_queue_.begin(); it != wait_queue_.end() && in_flight_ < effective_window();) {
    auto found = by_serial_.find(*it);
    if (found == by_serial_.end() || !found->second->waiting) {  // stale: left the queue
      it = wait_queue_.erase(it);
      continue;
    }
    pending_request* r = found->second;
    if (!may_send(*r)) {
      ++it;
      if (!options_.max_in_flight_per_target) break;
      continue;
    }
    it = wait_queue_.erase(it);
    r->waiting = false;
    --waiting_;
    transmit(*r);
  }
}

void engine_impl::arm(pending_request& r) {
  r.deadline = loop_.now() + r.timeout;
  deadline_list& l = deadlines_[r.timeout.count()];
  r.dprev = l.tail;
  r.dnext = nullptr;
  if (l.tail) l.tail->dnext = &r;
  else l.head = &r;
  l.tail = &r;
  r.armed = true;
  if (!l.timer) {
    const std::int64_t key = r.timeout.count();
    l.timer = loop_.call_at(r.deadline, [this, key] { on_deadline(key); });
  }
}

void engine_impl::disarm(pending_request& r) noexcept {
  if (!r.armed) return;
  deadline_list& l = deadlines_[r.timeout.count()];
  if (r.dprev) r.dprev->dnext = r.dnext;
  else l.head = r.dnext;
  if (r.dnext) r.dnext->dprev = r.dprev;
  else l.tail = r.dprev;
  r.dprev = r.dnext = nullptr;
  r.armed = false;
  // The list's timer stays armed for the old head: when it fires early it re-arms for
  // the new head. That costs one spurious wake-up at most, never a heap operation per
  // answered request. An emptied list drops its timer, so that reactor::run() can
  // return as soon as the last request has completed.
  if (!l.head && l.timer) {
    loop_.cancel(l.timer);
    l.timer = {};
  }
}

void engine_impl::on_deadline(std::int64_t timeout_ms) {
  const auto keep = shared_from_this();  // callbacks below may destroy the engine
  auto it = deadlines_.find(timeout_ms);
  if (it == deadlines_.end()) return;
  it->second.timer = {};
  const auto now = loop_.now();
  while (!shutting_down_) {
    deadline_list& l = deadlines_[timeout_ms];  // handlers may add lists: look it up again
    pending_request* r = l.head;
    if (!r || r->deadline > now) break;
    disarm(*r);
    on_timeout(r);
  }
  if (shutting_down_) return;
  deadline_list& l = deadlines_[timeout_ms];
  if (l.head && !l.timer) l.timer = loop_.call_at(l.head->deadline, [this, timeout_ms] { on_deadline(timeout_ms); });
}

void engine_impl::on_timeout(pending_request* r) {
  if (r->retries_left > 0) {
    --r->retries_left;
    ++stats_.retransmissions;
    transmit(*r);
    return;
  }
  ++stats_.timeouts;
  complete(r, errc::timeout, {});
}

void engine_impl::unlink(pending_request& r) {
  disarm(r);
  if (r.in_flight) {
    target_state& t = *r.target;
    if (r.prev) r.prev->next = r.next;
    else t.head = r.next;
    if (r.next) r.next->prev = r.prev;
    --t.in_flight;
    --in_flight_;
    r.in_flight = false;
  } else if (r.waiting) {
    // No search: the serial left in the queue goes stale and admit_waiting drops it.
    r.waiting = false;
    --waiting_;
  }
  r.awaiting_engine = false;  // a stale serial in the engine's list is skipped later
  if (r.target && --r.target->refs == 0) targets_.erase(r.target->peer);
  r.target = nullptr;
  if (r.msg_id) by_msg_id_.erase(r.msg_id);
  r.msg_id = 0;
  by_serial_.erase(r.serial);
}

void engine_impl::complete(pending_request* r, std::error_code ec, response resp) {
  unlink(*r);
  response_handler h = std::move(r->handler);
  by_request_id_.erase(r->request_id);  // frees the record
  admit_waiting();
  h(ec, std::move(resp));
}

void engine_impl::complete_later(pending_request* r, std::error_code ec) {
  unlink(*r);
  deferred_.emplace_back(std::move(r->handler), ec);
  by_request_id_.erase(r->request_id);
  if (!flush_scheduled_) {
    flush_scheduled_ = true;
    std::weak_ptr<engine_impl> self = weak_from_this();
    loop_.post([self] {
      if (auto e = self.lock()) e->flush_deferred();
    });
  }
  admit_waiting();
}

void engine_impl::flush_deferred() {
  flush_scheduled_ = false;
  // Handlers may defer more: take the batch, run it, leave newcomers for the next task.
  auto batch = std::move(deferred_);
  deferred_.clear();
  for (auto& [h, ec] : batch) h(ec, {});
}

void engine_impl::on_datagram(std::span<const std::uint8_t> data, const endpoint& from) {
  std::int32_t version;
  if (auto ec = ber::peek_version(data, version)) {
    ++stats_.parse_errors;
    return;
  }
  if (version == 3) {
    on_v3_datagram(data, from);
    return;
  }
  if (version != 0 && version != 1) {
    ++stats_.bad_version;
    return;
  }
  ber::decode_tally tally;
  if (ber::decode_community_message(data, rx_, &tally)) {
    ++stats_.parse_errors;
    return;
  }
  count_tolerated(tally);
  auto it = by_request_id_.find(rx_.data.request_id);
  if (it == by_request_id_.end() || !it->second.in_flight) {
    ++stats_.unknown_request_id;
    return;
  }
  pending_request* r = &it->second;
  if (!options_.accept_any_source && from != r->peer) {
    ++stats_.wrong_source;
    return;
  }
  if (rx_.version != r->version) {
    ++stats_.wrong_version;
    return;
  }
  if (rx_.community != community_of(r->wire)) {
    ++stats_.wrong_community;
    return;
  }
  if (rx_.data.type != pdu_type::response) {
    ++stats_.unexpected_pdu;
    return;
  }
  ++stats_.responses;
  response resp{rx_.data.error_status, rx_.data.error_index, std::move(rx_.data.varbinds)};
  rx_.data.varbinds.clear();
  complete(r, {}, std::move(resp));
}

void engine_impl::on_peer_error(std::error_code ec, const endpoint& peer) {
  // A callback below may destroy the engine: keep this object alive to the end.
  const auto keep = shared_from_this();
  auto it = targets_.find(peer);
  if (it == targets_.end()) return;
  if (ec == std::errc::connection_refused || ec == std::errc::host_unreachable ||
      ec == std::errc::network_unreachable)
    ec = errc::unreachable;
  // Collect first: completing a request may erase the target and start new requests.
  std::vector<std::uint64_t> serials;
  for (pending_request* r = it->second.head; r; r = r->next) serials.push_back(r->serial);
  for (std::uint64_t s : serials) {
    if (shutting_down_) return;  // shutdown completed the rest
    auto f = by_serial_.find(s);
    if (f == by_serial_.end()) continue;
    ++stats_.unreachable;
    complete(f->second, ec, {});
  }
}

bool engine_impl::cancel(std::uint64_t serial) {
  if (auto w = walks_.find(serial); w != walks_.end()) return cancel_walk(serial);
  if (auto rw = resolving_.find(serial); rw != resolving_.end()) {
    if (rw->second->cancelled) return false;
    rw->second->cancelled = true;
    return true;
  }
  auto it = by_serial_.find(serial);
  if (it == by_serial_.end()) return false;
  ++stats_.cancelled;
  complete_later(it->second, errc::cancelled);
  return true;
}

bool engine_impl::pending(std::uint64_t serial) const noexcept {
  return by_serial_.count(serial) || walks_.count(serial) ||
         (resolving_.count(serial) && !resolving_.at(serial)->cancelled);
}

void engine_impl::shutdown() {
  if (shutting_down_) return;
  shutting_down_ = true;
  // Handlers may start or cancel other requests: take one at a time.
  while (!walks_.empty()) finish_walk(walks_.begin()->first, errc::shutdown, {});
  while (!resolving_.empty()) {
    auto w = std::move(resolving_.begin()->second);
    resolving_.erase(resolving_.begin());
    w->handler(w->cancelled ? errc::cancelled : errc::shutdown, {});
  }
  while (!by_serial_.empty()) complete(by_serial_.begin()->second, errc::shutdown, {});
  while (!deferred_.empty()) flush_deferred();
  wait_queue_.clear();
  for (auto& [ms, l] : deadlines_)
    if (l.timer) loop_.cancel(l.timer);
  deadlines_.clear();
  sock4_.reset();
  sock6_.reset();
}

}  // namespace detail

// ---- public classes ----

engine::engine(reactor& loop, const engine_options& options)
    : impl_(std::make_shared<detail::engine_impl>(loop, options)) {}

engine::~engine() {
  if (impl_) impl_->shutdown();
}

engine::engine(engine&&) noexcept = default;
engine& engine::operator=(engine&& other) noexcept {
  if (this != &other) {
    if (impl_) impl_->shutdown();
    impl_ = std::move(other.impl_);
  }
  return *this;
}

reactor& engine::get_reactor() const noexcept { return impl_->loop(); }
engine_stats engine::stats() const noexcept { return impl_->stats(); }
endpoint engine::local_endpoint(address_family family) const noexcept { return impl_->local_endpoint(family); }

bool request_handle::cancel() {
  auto e = engine_.lock();
  return e && e->cancel(serial_);
}

bool request_handle::pending() const noexcept {
  auto e = engine_.lock();
  return e && e->pending(serial_);
}

}  // namespace snmpio
