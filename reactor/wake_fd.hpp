// Private: a self-pipe for the epoll and poll pollers: an eventfd on Linux, a
// non-blocking pipe elsewhere. signal() is thread-safe; drain() resets it.
#pragma once

#include <snmpio/result.hpp>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/eventfd.h>
#endif

#include <system_error>

namespace snmpio::detail {

class wake_fd {
 public:
  wake_fd() = default;
  wake_fd(const wake_fd&) = delete;
  wake_fd& operator=(const wake_fd&) = delete;
  ~wake_fd() {
    if (read_fd_ >= 0) ::close(read_fd_);
    if (write_fd_ >= 0 && write_fd_ != read_fd_) ::close(write_fd_);
  }

  std::error_code open() noexcept {
#if defined(__linux__)
    read_fd_ = write_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (read_fd_ < 0) return {errno, std::system_category()};
#else
    int p[2];
    if (::pipe(p) != 0) return {errno, std::system_category()};
    read_fd_ = p[0];
    write_fd_ = p[1];
    for (int fd : p) {
      ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
      ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
#endif
    return {};
  }

  int read_fd() const noexcept { return read_fd_; }

  void signal() noexcept {
#if defined(__linux__)
    std::uint64_t one = 1;
    ssize_t r;
    do r = ::write(write_fd_, &one, sizeof one);
    while (r < 0 && errno == EINTR);
#else
    char c = 0;
    ssize_t r;
    do r = ::write(write_fd_, &c, 1);
    while (r < 0 && errno == EINTR);
#endif
    // EAGAIN: the counter or pipe is already full, so the reader will wake anyway.
  }

  void drain() noexcept {
    char buf[64];
    while (::read(read_fd_, buf, sizeof buf) > 0) {
#if defined(__linux__)
      break;  // one read resets an eventfd
#endif
    }
  }

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;
};

}  // namespace snmpio::detail
