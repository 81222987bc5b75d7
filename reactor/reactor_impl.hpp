// Private: the reactor's state, shared with the transports in this folder.
#pragma once

#include "reactor/poller.hpp"
#include "reactor/timer_heap.hpp"

#include <snmpio/reactor.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace snmpio::detail {

/// Something with a descriptor on the reactor (a UDP transport).
class io_handler {
 public:
  /// Readiness of the registered descriptor.
  virtual void on_ready(bool readable, bool writable, bool error) = 0;
  /// Deferred work asked for with reactor_impl::request_service(): flush gathered
  /// sends, deliver completions and errors. Runs before the reactor waits again.
  virtual void on_service() = 0;
  /// The reactor is being destroyed: close, complete everything with errc::shutdown.
  virtual void on_shutdown() = 0;

 protected:
  ~io_handler() = default;
};

struct resolver_shared;

class reactor_impl {
 public:
  using clock = reactor::clock;
  using duration = reactor::duration;
  using time_point = reactor::time_point;
  using task = reactor::task;

  static result<std::unique_ptr<reactor_impl>> create(const reactor_options& options);
  ~reactor_impl();

  // ---- the loop (reactor thread)
  std::error_code run();
  std::error_code run_once(std::optional<duration> max_wait);
  void stop() noexcept { stop_ = true; }
  void post(task fn);
  timer_id call_at(time_point deadline, task fn);
  bool cancel(timer_id id) noexcept { return timers_.cancel(id); }
  std::optional<duration> next_timeout() const noexcept;
  /// The cached time inside a pass; outside one (before run()), the clock itself.
  time_point now() const noexcept { return depth_ > 0 ? now_ : clock::now(); }
  bool has_work() const noexcept;
  int native_handle() const noexcept { return poller_->native_handle(); }
  reactor_backend backend() const noexcept { return backend_; }
  bool shutting_down() const noexcept { return shutting_down_; }
  std::error_code resolve(std::string_view host, std::uint16_t port,
                          reactor::resolve_handler handler, resolve_family family);

  // ---- for transports
  /// Registers a handler; the returned token names it in watch(), request_service()
  /// and detach(). A handler starts referenced: it counts as work for run() until it
  /// is detached or set_referenced(token, false) (libuv's uv_ref / uv_unref).
  std::uint64_t attach(io_handler* h);
  void detach(std::uint64_t token) noexcept;
  void set_referenced(std::uint64_t token, bool on) noexcept;
  /// Changes the readiness interest of `fd` (interest_none removes it from the poller).
  std::error_code watch(std::uint64_t token, int fd, unsigned old_interest,
                        unsigned new_interest);
  void request_service(std::uint64_t token);
  /// True while a callback runs on this reactor: sends are gathered for sendmmsg.
  bool dispatching() const noexcept { return depth_ > 0; }

  // ---- for the resolver thread
  void complete_resolve(std::uint64_t id, std::error_code ec, std::vector<endpoint> found);

 private:
  struct io_slot {
    io_handler* handler = nullptr;
    std::uint32_t generation = 0;
    bool service_pending = false;
    bool referenced = false;
  };
  struct depth_guard {
    explicit depth_guard(int& d) : d_(d) { ++d_; }
    ~depth_guard() { --d_; }
    int& d_;
  };

  reactor_impl() = default;
  std::error_code tick(std::optional<duration> max_wait, bool tail);
  // Each returns how many callbacks it ran.
  std::size_t run_timers();
  std::size_t run_posted();
  void run_services();
  io_slot* lookup(std::uint64_t token) noexcept;
  void shutdown_resolver() noexcept;

  std::unique_ptr<poller> poller_;
  reactor_backend backend_ = reactor_backend::poll;
  timer_heap timers_;
  time_point now_ = clock::now();
  bool stop_ = false;
  bool running_ = false;
  bool shutting_down_ = false;
  int depth_ = 0;

  std::mutex post_mutex_;
  std::vector<task> posted_;          // guarded by post_mutex_
  bool wake_pending_ = false;         // guarded by post_mutex_
  bool post_closed_ = false;          // guarded by post_mutex_
  std::atomic<bool> has_posted_{false};
  std::atomic<std::thread::id> loop_thread_{};
  std::vector<task> running_posted_;

  std::vector<poll_event> events_;
  std::vector<io_slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::size_t live_handlers_ = 0;
  std::size_t referenced_handlers_ = 0;  // the live handlers that keep run() running
  std::vector<std::uint64_t> service_;
  std::vector<std::uint64_t> service_running_;

  std::shared_ptr<resolver_shared> resolver_;
  std::uint64_t next_resolve_id_ = 1;
  std::unordered_map<std::uint64_t, reactor::resolve_handler> resolves_;
};

}  // namespace snmpio::detail
