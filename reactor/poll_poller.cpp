// The poll(2) backend: portable, O(n) per wait. native_handle() is -1: poll has no
// descriptor that stands for the whole set, so this backend cannot be nested.
#include "reactor/poller.hpp"
#include "reactor/wake_fd.hpp"

#include <poll.h>
#include <signal.h>
#include <time.h>

#include <cerrno>
#include <limits>
#include <vector>

namespace snmpio::detail {
namespace {

class poll_poller final : public poller {
 public:
  std::error_code open() {
    if (auto ec = wake_.open()) return ec;
    fds_.push_back(pollfd{wake_.read_fd(), POLLIN, 0});
    tokens_.push_back(0);
    return {};
  }

  std::error_code add(int fd, unsigned interest, std::uint64_t token) override {
    if (fd < 0) return std::make_error_code(std::errc::bad_file_descriptor);
    if (static_cast<std::size_t>(fd) >= index_.size()) index_.resize(static_cast<std::size_t>(fd) + 1, -1);
    if (index_[static_cast<std::size_t>(fd)] >= 0) return std::make_error_code(std::errc::file_exists);
    index_[static_cast<std::size_t>(fd)] = static_cast<int>(fds_.size());
    fds_.push_back(pollfd{fd, events_for(interest), 0});
    tokens_.push_back(token);
    return {};
  }

  std::error_code modify(int fd, unsigned, unsigned interest, std::uint64_t token) override {
    int i = find(fd);
    if (i < 0) return std::make_error_code(std::errc::no_such_file_or_directory);
    fds_[static_cast<std::size_t>(i)].events = events_for(interest);
    tokens_[static_cast<std::size_t>(i)] = token;
    return {};
  }

  std::error_code remove(int fd, unsigned) override {
    int i = find(fd);
    if (i < 0) return std::make_error_code(std::errc::no_such_file_or_directory);
    std::size_t last = fds_.size() - 1;
    if (static_cast<std::size_t>(i) != last) {
      fds_[static_cast<std::size_t>(i)] = fds_[last];
      tokens_[static_cast<std::size_t>(i)] = tokens_[last];
      index_[static_cast<std::size_t>(fds_[last].fd)] = i;
    }
    fds_.pop_back();
    tokens_.pop_back();
    index_[static_cast<std::size_t>(fd)] = -1;
    return {};
  }

  result<std::size_t> wait(std::optional<std::chrono::nanoseconds> timeout,
                           std::span<poll_event> out) override {
    int n;
#if defined(__APPLE__)
    int ms = -1;
    if (timeout) {
      auto c = std::chrono::ceil<std::chrono::milliseconds>(*timeout).count();
      ms = c <= 0 ? 0 : c > std::numeric_limits<int>::max() ? std::numeric_limits<int>::max()
                                                            : static_cast<int>(c);
    }
    n = ::poll(fds_.data(), static_cast<nfds_t>(fds_.size()), ms);
#else
    timespec ts{};
    if (timeout) {
      auto ns = timeout->count() < 0 ? 0 : timeout->count();
      ts.tv_sec = static_cast<time_t>(ns / 1000000000);
      ts.tv_nsec = static_cast<long>(ns % 1000000000);
    }
    n = ::ppoll(fds_.data(), static_cast<nfds_t>(fds_.size()), timeout ? &ts : nullptr, nullptr);
#endif
    if (n < 0) {
      if (errno == EINTR) return std::size_t{0};
      return last_error();
    }
    std::size_t k = 0;
    if (n == 0) return k;
    if (fds_[0].revents != 0) wake_.drain();
    for (std::size_t i = 1; i < fds_.size() && k < out.size(); ++i) {
      short re = fds_[i].revents;
      if (re == 0) continue;
      out[k++] = poll_event{tokens_[i], (re & (POLLIN | POLLHUP)) != 0, (re & POLLOUT) != 0,
                            (re & (POLLERR | POLLNVAL)) != 0};
    }
    return k;
  }

  void wake() noexcept override { wake_.signal(); }
  int native_handle() const noexcept override { return -1; }

 private:
  static short events_for(unsigned interest) {
    return static_cast<short>(((interest & interest_read) ? POLLIN : 0) |
                              ((interest & interest_write) ? POLLOUT : 0));
  }
  int find(int fd) const {
    if (fd < 0 || static_cast<std::size_t>(fd) >= index_.size()) return -1;
    return index_[static_cast<std::size_t>(fd)];
  }

  wake_fd wake_;
  std::vector<pollfd> fds_;
  std::vector<std::uint64_t> tokens_;
  std::vector<int> index_;  // fd -> position in fds_, or -1
};

}  // namespace

result<std::unique_ptr<poller>> make_poll_poller() {
  auto p = std::make_unique<poll_poller>();
  if (auto ec = p->open()) return ec;
  return std::unique_ptr<poller>(std::move(p));
}

}  // namespace snmpio::detail
