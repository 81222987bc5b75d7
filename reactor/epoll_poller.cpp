// The epoll backend (Linux).
#if defined(__linux__)

#include "reactor/poller.hpp"
#include "reactor/wake_fd.hpp"

#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <limits>
#include <vector>

namespace snmpio::detail {
namespace {

constexpr std::uint64_t wake_token = std::numeric_limits<std::uint64_t>::max();

class epoll_poller final : public poller {
 public:
  ~epoll_poller() override {
    if (epfd_ >= 0) ::close(epfd_);
  }

  std::error_code open() {
    epfd_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epfd_ < 0) return last_error();
    if (auto ec = wake_.open()) return ec;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = wake_token;
    if (::epoll_ctl(epfd_, EPOLL_CTL_ADD, wake_.read_fd(), &ev) != 0) return last_error();
    return {};
  }

  std::error_code add(int fd, unsigned interest, std::uint64_t token) override {
    return ctl(EPOLL_CTL_ADD, fd, interest, token);
  }
  std::error_code modify(int fd, unsigned, unsigned interest, std::uint64_t token) override {
    return ctl(EPOLL_CTL_MOD, fd, interest, token);
  }
  std::error_code remove(int fd, unsigned) override {
    if (::epoll_ctl(epfd_, EPOLL_CTL_DEL, fd, nullptr) != 0) return last_error();
    return {};
  }

  result<std::size_t> wait(std::optional<std::chrono::nanoseconds> timeout,
                           std::span<poll_event> out) override {
    if (events_.size() < out.size()) events_.resize(out.size());
    int max = static_cast<int>(out.size());
    int n;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
    if (have_pwait2_ && timeout && *timeout > std::chrono::nanoseconds::zero()) {
      // Sub-millisecond timeouts: epoll_wait would round them to whole milliseconds.
      timespec ts{static_cast<time_t>(timeout->count() / 1000000000),
                  static_cast<long>(timeout->count() % 1000000000)};
      n = ::epoll_pwait2(epfd_, events_.data(), max, &ts, nullptr);
      if (n < 0 && errno == ENOSYS) {
        have_pwait2_ = false;
        n = ::epoll_wait(epfd_, events_.data(), max, to_ms(timeout));
      }
    } else {
      n = ::epoll_wait(epfd_, events_.data(), max, to_ms(timeout));
    }
#else
    n = ::epoll_wait(epfd_, events_.data(), max, to_ms(timeout));
#endif
    if (n < 0) {
      if (errno == EINTR) return std::size_t{0};
      return last_error();
    }
    std::size_t k = 0;
    for (int i = 0; i < n; ++i) {
      const epoll_event& ev = events_[static_cast<std::size_t>(i)];
      if (ev.data.u64 == wake_token) {
        wake_.drain();
        continue;
      }
      out[k++] = poll_event{ev.data.u64, (ev.events & (EPOLLIN | EPOLLHUP)) != 0,
                            (ev.events & EPOLLOUT) != 0, (ev.events & EPOLLERR) != 0};
    }
    return k;
  }

  void wake() noexcept override { wake_.signal(); }
  int native_handle() const noexcept override { return epfd_; }

 private:
  static int to_ms(std::optional<std::chrono::nanoseconds> t) {
    if (!t) return -1;
    auto ms = std::chrono::ceil<std::chrono::milliseconds>(*t).count();
    if (ms <= 0) return 0;
    if (ms > std::numeric_limits<int>::max()) return std::numeric_limits<int>::max();
    return static_cast<int>(ms);
  }

  std::error_code ctl(int op, int fd, unsigned interest, std::uint64_t token) {
    epoll_event ev{};
    ev.events = ((interest & interest_read) ? EPOLLIN : 0u) |
                ((interest & interest_write) ? EPOLLOUT : 0u);
    ev.data.u64 = token;
    if (::epoll_ctl(epfd_, op, fd, &ev) != 0) return last_error();
    return {};
  }

  int epfd_ = -1;
  bool have_pwait2_ = true;
  wake_fd wake_;
  std::vector<epoll_event> events_;
};

}  // namespace

result<std::unique_ptr<poller>> make_epoll_poller() {
  auto p = std::make_unique<epoll_poller>();
  if (auto ec = p->open()) return ec;
  return std::unique_ptr<poller>(std::move(p));
}

}  // namespace snmpio::detail

#endif  // __linux__
