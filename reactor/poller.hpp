// Private: the readiness poller behind the reactor. One implementation per file:
// epoll_poller.cpp (Linux), kqueue_poller.cpp (FreeBSD, NetBSD, OpenBSD, macOS) and
// poll_poller.cpp (poll(2), anywhere). Each owns its wake-up mechanism, which wake()
// triggers from any thread and wait() consumes silently.
#pragma once

#include <snmpio/reactor.hpp>
#include <snmpio/result.hpp>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <system_error>

#if defined(__linux__)
#define SNMPIO_HAVE_EPOLL 1
#endif
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__)
#define SNMPIO_HAVE_KQUEUE 1
#endif

namespace snmpio::detail {

enum interest : unsigned { interest_none = 0, interest_read = 1, interest_write = 2 };

struct poll_event {
  std::uint64_t token;  // what add() was given
  bool readable;
  bool writable;
  bool error;  // error or hang-up condition (e.g. an ICMP error queued on a UDP socket)
};

class poller {
 public:
  virtual ~poller() = default;
  /// Level-triggered registration of `fd` for `interest` (a mask of interest_*).
  virtual std::error_code add(int fd, unsigned interest, std::uint64_t token) = 0;
  virtual std::error_code modify(int fd, unsigned old_interest, unsigned interest,
                                 std::uint64_t token) = 0;
  virtual std::error_code remove(int fd, unsigned old_interest) = 0;
  /// Waits up to `timeout` (nullopt: forever) and stores up to out.size() events.
  /// An interrupted wait returns 0 events. Wake-ups are consumed, not reported.
  virtual result<std::size_t> wait(std::optional<std::chrono::nanoseconds> timeout,
                                   std::span<poll_event> out) = 0;
  /// Makes a concurrent or the next wait() return. Thread-safe and async-signal-safe.
  virtual void wake() noexcept = 0;
  /// The descriptor an outer loop can wait on, or -1.
  virtual int native_handle() const noexcept = 0;
};

#if defined(SNMPIO_HAVE_EPOLL)
result<std::unique_ptr<poller>> make_epoll_poller();
#endif
#if defined(SNMPIO_HAVE_KQUEUE)
result<std::unique_ptr<poller>> make_kqueue_poller();
#endif
result<std::unique_ptr<poller>> make_poll_poller();

inline std::error_code last_error() noexcept { return {errno, std::system_category()}; }

}  // namespace snmpio::detail
