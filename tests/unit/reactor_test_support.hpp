// Shared by the reactor, UDP and embedding tests: the backend list for typed tests and
// a bounded "run until" helper (tests never sleep to synchronise).
#pragma once

#include <snmpio/reactor.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>

namespace snmpio_test {

template <snmpio::reactor_backend B>
struct backend_tag {
  static constexpr snmpio::reactor_backend value = B;
  static snmpio::reactor make() { return snmpio::reactor(snmpio::reactor_options{.backend = B}); }
};

using epoll_backend = backend_tag<snmpio::reactor_backend::epoll>;
using kqueue_backend = backend_tag<snmpio::reactor_backend::kqueue>;
using poll_backend = backend_tag<snmpio::reactor_backend::poll>;

// Every backend compiled in on this platform.
#if defined(__linux__)
using all_backends = ::testing::Types<epoll_backend, poll_backend>;
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__)
using all_backends = ::testing::Types<kqueue_backend, poll_backend>;
#else
using all_backends = ::testing::Types<poll_backend>;
#endif

struct backend_names {
  template <class T>
  static std::string GetName(int) {
    switch (T::value) {
      case snmpio::reactor_backend::epoll: return "epoll";
      case snmpio::reactor_backend::kqueue: return "kqueue";
      case snmpio::reactor_backend::poll: return "poll";
      default: return "automatic";
    }
  }
};

/// Runs passes until `done()` holds; false if it did not within `limit` (a safety net
/// for a broken build, never the expected way out).
inline bool run_until(snmpio::reactor& r, const std::function<bool()>& done,
                      std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    if (r.run_once(std::chrono::milliseconds(50))) return false;
  }
  return true;
}

}  // namespace snmpio_test
