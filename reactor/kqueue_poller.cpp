// The kqueue backend (FreeBSD, NetBSD, OpenBSD, macOS). An empty translation unit
// elsewhere. Wake-ups use EVFILT_USER where the system has it, else a pipe.
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__)

#include "reactor/poller.hpp"
#include "reactor/wake_fd.hpp"

#include <sys/types.h>
#include <sys/event.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <type_traits>
#include <vector>

namespace snmpio::detail {
namespace {

constexpr std::uint64_t wake_token = ~std::uint64_t{0};

using udata_t = decltype(std::declval<struct kevent>().udata);

udata_t to_udata(std::uint64_t token) {
  if constexpr (std::is_pointer_v<udata_t>)
    return reinterpret_cast<udata_t>(static_cast<std::uintptr_t>(token));
  else
    return static_cast<udata_t>(token);
}

std::uint64_t from_udata(udata_t u) {
  if constexpr (std::is_pointer_v<udata_t>)
    return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(u));
  else
    return static_cast<std::uint64_t>(u);
}

class kqueue_poller final : public poller {
 public:
  ~kqueue_poller() override {
    if (kq_ >= 0) ::close(kq_);
  }

  std::error_code open() {
    kq_ = ::kqueue();
    if (kq_ < 0) return last_error();
    ::fcntl(kq_, F_SETFD, FD_CLOEXEC);
#if defined(EVFILT_USER)
    struct kevent ev;
    EV_SET(&ev, 0, EVFILT_USER, EV_ADD | EV_CLEAR, 0, 0, to_udata(wake_token));
    if (::kevent(kq_, &ev, 1, nullptr, 0, nullptr) != 0) return last_error();
#else
    if (auto ec = wake_.open()) return ec;
    struct kevent ev;
    EV_SET(&ev, wake_.read_fd(), EVFILT_READ, EV_ADD, 0, 0, to_udata(wake_token));
    if (::kevent(kq_, &ev, 1, nullptr, 0, nullptr) != 0) return last_error();
#endif
    return {};
  }

  std::error_code add(int fd, unsigned interest, std::uint64_t token) override {
    return change(fd, interest_none, interest, token);
  }
  std::error_code modify(int fd, unsigned old_interest, unsigned interest,
                         std::uint64_t token) override {
    return change(fd, old_interest, interest, token);
  }
  std::error_code remove(int fd, unsigned old_interest) override {
    return change(fd, old_interest, interest_none, 0);
  }

  result<std::size_t> wait(std::optional<std::chrono::nanoseconds> timeout,
                           std::span<poll_event> out) override {
    if (events_.size() < out.size()) events_.resize(out.size());
    timespec ts{};
    if (timeout) {
      auto ns = timeout->count() < 0 ? 0 : timeout->count();
      ts.tv_sec = static_cast<time_t>(ns / 1000000000);
      ts.tv_nsec = static_cast<long>(ns % 1000000000);
    }
    int n = ::kevent(kq_, nullptr, 0, events_.data(), static_cast<int>(out.size()),
                     timeout ? &ts : nullptr);
    if (n < 0) {
      if (errno == EINTR) return std::size_t{0};
      return last_error();
    }
    std::size_t k = 0;
    for (int i = 0; i < n; ++i) {
      const struct kevent& ev = events_[static_cast<std::size_t>(i)];
      std::uint64_t token = from_udata(ev.udata);
      if (token == wake_token) {
#if !defined(EVFILT_USER)
        wake_.drain();
#endif
        continue;
      }
      bool err = (ev.flags & EV_ERROR) != 0;
      out[k++] = poll_event{token, ev.filter == EVFILT_READ, ev.filter == EVFILT_WRITE,
                            err || (ev.flags & EV_EOF) != 0};
    }
    return k;
  }

  void wake() noexcept override {
#if defined(EVFILT_USER)
    struct kevent ev;
    EV_SET(&ev, 0, EVFILT_USER, 0, NOTE_TRIGGER, 0, to_udata(wake_token));
    ::kevent(kq_, &ev, 1, nullptr, 0, nullptr);
#else
    wake_.signal();
#endif
  }

  int native_handle() const noexcept override { return kq_; }

 private:
  std::error_code change(int fd, unsigned old_interest, unsigned interest,
                         std::uint64_t token) {
    struct kevent ch[2];
    int n = 0;
    auto one = [&](unsigned bit, short filter) {
      bool was = (old_interest & bit) != 0, is = (interest & bit) != 0;
      if (is)  // EV_ADD also updates udata of an existing filter
        EV_SET(&ch[n++], static_cast<uintptr_t>(fd), filter, EV_ADD, 0, 0, to_udata(token));
      else if (was)
        EV_SET(&ch[n++], static_cast<uintptr_t>(fd), filter, EV_DELETE, 0, 0, to_udata(0));
    };
    one(interest_read, EVFILT_READ);
    one(interest_write, EVFILT_WRITE);
    if (n == 0) return {};
    if (::kevent(kq_, ch, n, nullptr, 0, nullptr) != 0) return last_error();
    return {};
  }

  int kq_ = -1;
#if !defined(EVFILT_USER)
  wake_fd wake_;
#endif
  std::vector<struct kevent> events_;
};

}  // namespace

result<std::unique_ptr<poller>> make_kqueue_poller() {
  auto p = std::make_unique<kqueue_poller>();
  if (auto ec = p->open()) return ec;
  return std::unique_ptr<poller>(std::move(p));
}

}  // namespace snmpio::detail

#endif  // BSD or macOS
