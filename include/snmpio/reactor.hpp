// snmpio — reactor: the event loop everything asynchronous in snmpio runs on.
//
// One reactor per thread. It owns the poller (epoll on Linux, kqueue on the BSDs and
// macOS, poll(2) anywhere), a timer heap, a queue of posted tasks, the UDP sockets
// opened on it (udp.hpp) and a host name resolver. Every callback runs on the thread
// that calls run(), run_once() or poll(); post() is the one call that may be made from
// any thread. See snmpio(7) for the callback and threading contract.
#pragma once

#include <snmpio/endpoint.hpp>
#include <snmpio/export.hpp>
#include <snmpio/result.hpp>
#include <snmpio/unique_function.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

namespace snmpio {

namespace detail {
class reactor_impl;
}

/// Names a timer armed by reactor::call_after() or call_at(). A default-constructed
/// timer_id names no timer. Ids are never reused, so cancelling a timer that has fired
/// or was cancelled returns false and touches nothing.
struct timer_id {
  std::uint64_t seq = 0;
  std::uint32_t slot = 0;

  explicit operator bool() const noexcept { return seq != 0; }
  friend bool operator==(const timer_id&, const timer_id&) noexcept = default;
};

enum class reactor_backend : std::uint8_t {
  automatic,  ///< epoll on Linux, kqueue on FreeBSD, NetBSD, OpenBSD and macOS, else poll
  epoll,
  kqueue,
  poll,
};

struct reactor_options {
  reactor_backend backend = reactor_backend::automatic;
  /// Readiness events taken from the poller per wait.
  std::size_t max_events = 256;
};

/// Which addresses reactor::resolve() asks for.
enum class resolve_family : std::uint8_t { any, ipv4, ipv6 };

class SNMPIO_EXPORT reactor {
 public:
  using clock = std::chrono::steady_clock;
  using duration = clock::duration;
  using time_point = clock::time_point;
  using task = unique_function<void()>;
  /// Receives every address found (IPv4 and IPv6 as asked), or an error and no address.
  using resolve_handler = unique_function<void(std::error_code ec, std::vector<endpoint> found)>;

  /// Opens a reactor with the automatic backend; throws std::system_error when the
  /// poller cannot be created (out of file descriptors). create() reports it instead.
  reactor();
  explicit reactor(const reactor_options& options);
  static result<reactor> create(const reactor_options& options = {});

  /// Completes everything pending: queued sends and resolves with errc::shutdown
  /// (their callbacks run inside the destructor, on the calling thread); drops timers
  /// and posted tasks without calling them; closes every socket still open on it.
  ~reactor();
  reactor(reactor&&) noexcept;
  reactor& operator=(reactor&&) noexcept;
  reactor(const reactor&) = delete;
  reactor& operator=(const reactor&) = delete;

  /// True when `backend` is compiled in and usable on this system.
  static bool backend_available(reactor_backend backend) noexcept;
  /// The backend in use (never automatic).
  reactor_backend backend() const noexcept;

  /// Runs until stop() is called or no work remains: no armed timer, no posted task,
  /// no pending resolve, no referenced socket (see udp_socket::unref()). An engine's
  /// manager sockets are unreferenced, so pending requests keep run() running (their
  /// timers) and it returns after the last one completed; an agent's listening
  /// sockets are referenced. Returns a poller error, else success.
  std::error_code run();
  /// Runs expired timers and posted tasks, waits at most `max_wait` for I/O (less if a
  /// timer falls due sooner), dispatches it, then runs the timers that fell due.
  std::error_code run_once(duration max_wait = duration::max());
  /// One pass that never blocks: run_once(0).
  std::error_code poll();
  /// Makes run() return after the callback that called stop(); the next run() starts
  /// afresh. Call it on the reactor's thread (from another: post([&]{ r.stop(); })).
  void stop() noexcept;

  /// Queues `fn` to run on the reactor's thread in the next pass, in FIFO order. The
  /// one thread-safe member: it wakes a waiting reactor (eventfd, EVFILT_USER or pipe).
  void post(task fn);

  /// Arms a one-shot timer. Timers fire in deadline order, FIFO among equal deadlines;
  /// a zero or negative duration fires in the next pass, never inside this call.
  timer_id call_after(duration delay, task fn);
  timer_id call_at(time_point deadline, task fn);
  /// Disarms a timer and destroys its callback without calling it. False when `id`
  /// names no armed timer (already fired, cancelled or default-constructed).
  bool cancel(timer_id id) noexcept;

  /// The epoll or kqueue descriptor; -1 with the poll backend. It is readable while
  /// the reactor has I/O or posted tasks ready, so an outer loop can wait on it, then
  /// call poll(); it does not turn readable for timers: wait at most next_timeout().
  int native_handle() const noexcept;
  /// How long an outer loop may sleep: zero when work is ready now, the time until the
  /// earliest timer, or nullopt when no timer is armed.
  std::optional<duration> next_timeout() const noexcept;

  /// The monotonic time cached at the start of the current pass.
  time_point now() const noexcept;
  /// True while run() would still have something to wait for.
  bool has_work() const noexcept;

  /// Resolves `host` (a name or a numeric address) with getaddrinfo on a helper thread,
  /// never blocking the reactor. `handler` receives every address with `port` set, or
  /// errc::resolve_failed. Returns errc::invalid_argument for an empty host or handler
  /// (and then never calls it).
  std::error_code resolve(std::string_view host, std::uint16_t port, resolve_handler handler,
                          resolve_family family = resolve_family::any);

  /// For the library's own transports.
  detail::reactor_impl& impl() noexcept { return *impl_; }

 private:
  explicit reactor(std::unique_ptr<detail::reactor_impl> impl) noexcept;
  std::unique_ptr<detail::reactor_impl> impl_;
};

}  // namespace snmpio
