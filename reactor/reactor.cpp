// snmpio::reactor: the loop. One pass ("tick") caches the monotonic time once, runs
// the expired timers, the posted tasks and deferred transport work, waits for I/O no
// longer than the earliest timer allows, and dispatches what is ready.
#include "reactor/reactor_impl.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

namespace snmpio {
namespace detail {

namespace {
constexpr std::uint32_t token_index(std::uint64_t token) { return static_cast<std::uint32_t>(token); }
constexpr std::uint32_t token_generation(std::uint64_t token) {
  return static_cast<std::uint32_t>(token >> 32);
}
// Rounds of deferred transport work per phase before the reactor moves on; what is
// left runs in the next pass, which then does not block.
constexpr int max_service_rounds = 16;
}  // namespace

result<std::unique_ptr<reactor_impl>> reactor_impl::create(const reactor_options& options) {
  reactor_backend b = options.backend;
  if (b == reactor_backend::automatic) {
#if defined(SNMPIO_HAVE_EPOLL)
    b = reactor_backend::epoll;
#elif defined(SNMPIO_HAVE_KQUEUE)
    b = reactor_backend::kqueue;
#else
    b = reactor_backend::poll;
#endif
  }
  result<std::unique_ptr<poller>> p = std::make_error_code(std::errc::function_not_supported);
  switch (b) {
#if defined(SNMPIO_HAVE_EPOLL)
    case reactor_backend::epoll: p = make_epoll_poller(); break;
#endif
#if defined(SNMPIO_HAVE_KQUEUE)
    case reactor_backend::kqueue: p = make_kqueue_poller(); break;
#endif
    case reactor_backend::poll: p = make_poll_poller(); break;
    default: break;
  }
  if (!p) return p.error();
  std::unique_ptr<reactor_impl> r(new reactor_impl());
  r->poller_ = std::move(*p);
  r->backend_ = b;
  r->events_.resize(std::max<std::size_t>(options.max_events, 1));
  return r;
}

reactor_impl::~reactor_impl() {
  shutting_down_ = true;
  {
    std::lock_guard lock(post_mutex_);
    post_closed_ = true;
  }
  // Transports first: they complete queued sends with errc::shutdown and detach.
  std::vector<io_handler*> live;
  for (io_slot& s : slots_)
    if (s.handler) live.push_back(s.handler);
  for (io_handler* h : live) h->on_shutdown();
  shutdown_resolver();
  timers_.clear();
  std::vector<task> dropped;
  {
    std::lock_guard lock(post_mutex_);
    dropped.swap(posted_);
  }
}

// ------------------------------------------------------------------ loop

std::error_code reactor_impl::run() {
  if (running_) return std::make_error_code(std::errc::resource_deadlock_would_occur);
  std::error_code ec;
  while (!stop_ && has_work()) {
    ec = tick(std::nullopt, false);
    if (ec) break;
  }
  stop_ = false;
  return ec;
}

std::error_code reactor_impl::run_once(std::optional<duration> max_wait) {
  if (running_) return std::make_error_code(std::errc::resource_deadlock_would_occur);
  std::error_code ec = tick(max_wait, true);
  stop_ = false;
  return ec;
}

std::error_code reactor_impl::tick(std::optional<duration> max_wait, bool tail) {
  running_ = true;
  loop_thread_.store(std::this_thread::get_id(), std::memory_order_relaxed);
  struct running_reset {
    reactor_impl* r;
    ~running_reset() {
      r->running_ = false;
      r->loop_thread_.store(std::thread::id{}, std::memory_order_relaxed);
    }
  } reset{this};

  now_ = clock::now();
  const std::size_t ran = run_timers() + run_posted();
  run_services();

  std::optional<duration> timeout = max_wait;
  // run_once() that already ran callbacks in this pass only polls: a caller looping
  // "until my completion ran" must get control back once it has (libuv's UV_RUN_ONCE).
  if (stop_ || has_posted_.load(std::memory_order_relaxed) || !service_.empty() || (tail && ran > 0)) {
    timeout = duration::zero();
  } else if (auto earliest = timers_.earliest()) {
    duration d = std::max(*earliest - now_, duration::zero());
    if (!timeout || d < *timeout) timeout = d;
  } else if (!tail && !has_work()) {
    return {};  // nothing could ever wake us
  }
  if (timeout && *timeout < duration::zero()) timeout = duration::zero();

  result<std::size_t> n = poller_->wait(
      timeout ? std::optional<std::chrono::nanoseconds>(
                    std::chrono::duration_cast<std::chrono::nanoseconds>(*timeout))
              : std::nullopt,
      events_);
  if (!n) return n.error();
  {
    depth_guard g(depth_);
    for (std::size_t i = 0; i < *n; ++i) {
      const poll_event& ev = events_[i];
      if (io_slot* s = lookup(ev.token)) s->handler->on_ready(ev.readable, ev.writable, ev.error);
    }
  }
  run_services();

  if (tail) {
    now_ = clock::now();
    run_timers();
    run_services();
  }
  return {};
}

std::size_t reactor_impl::run_timers() {
  std::uint64_t max_seq = timers_.last_seq();
  timer_heap::callback fn;
  depth_guard g(depth_);
  std::size_t ran = 0;
  while (timers_.pop_expired(now_, max_seq, fn)) {
    task f = std::move(fn);  // the timer's state is gone before it runs
    f();
    ++ran;
  }
  return ran;
}

std::size_t reactor_impl::run_posted() {
  if (!has_posted_.load(std::memory_order_acquire)) return 0;
  {
    std::lock_guard lock(post_mutex_);
    running_posted_.swap(posted_);
    wake_pending_ = false;
    has_posted_.store(false, std::memory_order_relaxed);
  }
  depth_guard g(depth_);
  const std::size_t ran = running_posted_.size();
  for (task& t : running_posted_) {
    task f = std::move(t);
    f();
  }
  running_posted_.clear();
  return ran;
}

void reactor_impl::run_services() {
  for (int round = 0; round < max_service_rounds && !service_.empty(); ++round) {
    service_running_.swap(service_);
    depth_guard g(depth_);
    for (std::uint64_t token : service_running_) {
      io_slot* s = lookup(token);
      if (!s || !s->service_pending) continue;
      s->service_pending = false;
      s->handler->on_service();
    }
    service_running_.clear();
  }
}

void reactor_impl::post(task fn) {
  bool wake;
  {
    std::lock_guard lock(post_mutex_);
    if (post_closed_) return;
    posted_.push_back(std::move(fn));
    wake = !wake_pending_;
    wake_pending_ = true;
    has_posted_.store(true, std::memory_order_release);
  }
  // A post from a callback on the loop's own thread needs no wake-up: the pass that
  // follows sees has_posted_ and does not block.
  if (wake && loop_thread_.load(std::memory_order_relaxed) != std::this_thread::get_id())
    poller_->wake();
}

timer_id reactor_impl::call_at(time_point deadline, task fn) {
  if (shutting_down_ || !fn) return {};
  // A past deadline keeps its place in deadline order. Armed from a callback, it runs
  // in the next pass (run_timers stops at timers armed during the pass), never inline.
  return timers_.add(deadline, std::move(fn));
}

std::optional<reactor_impl::duration> reactor_impl::next_timeout() const noexcept {
  if (has_posted_.load(std::memory_order_relaxed) || !service_.empty()) return duration::zero();
  if (auto e = timers_.earliest()) return std::max(*e - clock::now(), duration::zero());
  return std::nullopt;
}

bool reactor_impl::has_work() const noexcept {
  return !timers_.empty() || has_posted_.load(std::memory_order_relaxed) || referenced_handlers_ > 0 ||
         !resolves_.empty() || !service_.empty();
}

// ------------------------------------------------------------------ transports

std::uint64_t reactor_impl::attach(io_handler* h) {
  std::uint32_t index;
  if (!free_slots_.empty()) {
    index = free_slots_.back();
    free_slots_.pop_back();
  } else {
    index = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  io_slot& s = slots_[index];
  s.handler = h;
  s.service_pending = false;
  s.referenced = true;
  ++live_handlers_;
  ++referenced_handlers_;
  return (std::uint64_t{s.generation} << 32) | index;
}

void reactor_impl::detach(std::uint64_t token) noexcept {
  io_slot* s = lookup(token);
  if (!s) return;
  s->handler = nullptr;
  s->service_pending = false;
  if (s->referenced) --referenced_handlers_;
  s->referenced = false;
  ++s->generation;  // events and service requests already queued for it go nowhere
  free_slots_.push_back(token_index(token));
  --live_handlers_;
}

void reactor_impl::set_referenced(std::uint64_t token, bool on) noexcept {
  io_slot* s = lookup(token);
  if (!s || s->referenced == on) return;
  s->referenced = on;
  if (on) ++referenced_handlers_;
  else --referenced_handlers_;
}

std::error_code reactor_impl::watch(std::uint64_t token, int fd, unsigned old_interest,
                                    unsigned new_interest) {
  if (old_interest == new_interest) return {};
  if (old_interest == interest_none) return poller_->add(fd, new_interest, token);
  if (new_interest == interest_none) return poller_->remove(fd, old_interest);
  return poller_->modify(fd, old_interest, new_interest, token);
}

void reactor_impl::request_service(std::uint64_t token) {
  io_slot* s = lookup(token);
  if (!s || s->service_pending) return;
  s->service_pending = true;
  service_.push_back(token);
}

reactor_impl::io_slot* reactor_impl::lookup(std::uint64_t token) noexcept {
  std::uint32_t i = token_index(token);
  if (i >= slots_.size()) return nullptr;
  io_slot& s = slots_[i];
  if (s.handler == nullptr || s.generation != token_generation(token)) return nullptr;
  return &s;
}

}  // namespace detail

// ------------------------------------------------------------------ public face

reactor::reactor() : reactor(reactor_options{}) {}

reactor::reactor(const reactor_options& options) {
  auto r = detail::reactor_impl::create(options);
  if (!r) throw std::system_error(r.error(), "snmpio::reactor");
  impl_ = std::move(*r);
}

reactor::reactor(std::unique_ptr<detail::reactor_impl> impl) noexcept : impl_(std::move(impl)) {}

result<reactor> reactor::create(const reactor_options& options) {
  auto r = detail::reactor_impl::create(options);
  if (!r) return r.error();
  return reactor(std::move(*r));
}

reactor::~reactor() = default;
reactor::reactor(reactor&&) noexcept = default;
reactor& reactor::operator=(reactor&&) noexcept = default;

bool reactor::backend_available(reactor_backend backend) noexcept {
  switch (backend) {
    case reactor_backend::automatic:
    case reactor_backend::poll:
      return true;
    case reactor_backend::epoll:
#if defined(SNMPIO_HAVE_EPOLL)
      return true;
#else
      return false;
#endif
    case reactor_backend::kqueue:
#if defined(SNMPIO_HAVE_KQUEUE)
      return true;
#else
      return false;
#endif
  }
  return false;
}

reactor_backend reactor::backend() const noexcept { return impl_->backend(); }
std::error_code reactor::run() { return impl_->run(); }
std::error_code reactor::run_once(duration max_wait) {
  if (max_wait == duration::max()) return impl_->run_once(std::nullopt);
  return impl_->run_once(max_wait);
}
std::error_code reactor::poll() { return impl_->run_once(duration::zero()); }
void reactor::stop() noexcept { impl_->stop(); }
void reactor::post(task fn) {
  if (fn) impl_->post(std::move(fn));
}
timer_id reactor::call_after(duration delay, task fn) {
  if (delay < duration::zero()) delay = duration::zero();
  return impl_->call_at(impl_->now() + delay, std::move(fn));
}
timer_id reactor::call_at(time_point deadline, task fn) {
  return impl_->call_at(deadline, std::move(fn));
}
bool reactor::cancel(timer_id id) noexcept { return impl_->cancel(id); }
int reactor::native_handle() const noexcept { return impl_->native_handle(); }
std::optional<reactor::duration> reactor::next_timeout() const noexcept {
  return impl_->next_timeout();
}
reactor::time_point reactor::now() const noexcept { return impl_->now(); }

bool reactor::has_work() const noexcept { return impl_->has_work(); }
std::error_code reactor::resolve(std::string_view host, std::uint16_t port,
                                 resolve_handler handler, resolve_family family) {
  return impl_->resolve(host, port, std::move(handler), family);
}

}  // namespace snmpio
