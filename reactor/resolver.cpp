// reactor::resolve(): getaddrinfo(3) on one helper thread per reactor, started on first
// use. The thread posts each answer back to the reactor. It is detached, so a reactor
// destroyed while a lookup hangs on a slow DNS server does not wait for it: the shared
// state is marked closed and the late answer is dropped.
#include "reactor/reactor_impl.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include "reactor/sockaddr.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <string>
#include <thread>

namespace snmpio::detail {

struct resolver_shared {
  struct job {
    std::uint64_t id;
    std::string host;
    std::uint16_t port;
    resolve_family family;
  };
  std::mutex mutex;
  std::condition_variable cv;
  std::deque<job> jobs;       // guarded by mutex
  reactor_impl* owner;        // guarded by mutex; null once the reactor is gone
  bool closed = false;        // guarded by mutex
};

namespace {

std::vector<endpoint> lookup(const resolver_shared::job& j, std::error_code& ec) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_protocol = IPPROTO_UDP;
  hints.ai_family = j.family == resolve_family::ipv4   ? AF_INET
                    : j.family == resolve_family::ipv6 ? AF_INET6
                                                       : AF_UNSPEC;
  addrinfo* res = nullptr;
  int rc = ::getaddrinfo(j.host.c_str(), nullptr, &hints, &res);
  std::vector<endpoint> found;
  if (rc == 0) {
    for (addrinfo* ai = res; ai; ai = ai->ai_next) {
      endpoint e = from_sockaddr(ai->ai_addr, ai->ai_addrlen);
      if (e.empty()) continue;
      e = e.with_port(j.port);
      if (std::find(found.begin(), found.end(), e) == found.end()) found.push_back(e);
    }
    ::freeaddrinfo(res);
  }
  ec = found.empty() ? make_error_code(errc::resolve_failed) : std::error_code{};
  return found;
}

void resolver_main(std::shared_ptr<resolver_shared> shared) {
  std::unique_lock lock(shared->mutex);
  for (;;) {
    shared->cv.wait(lock, [&] { return shared->closed || !shared->jobs.empty(); });
    if (shared->closed) return;
    resolver_shared::job j = std::move(shared->jobs.front());
    shared->jobs.pop_front();
    lock.unlock();
    std::error_code ec;
    std::vector<endpoint> found = lookup(j, ec);
    lock.lock();
    if (shared->closed) return;
    reactor_impl* owner = shared->owner;
    // post() under our mutex: the reactor's destructor takes it before it goes away.
    owner->post([owner, id = j.id, ec, found = std::move(found)]() mutable {
      owner->complete_resolve(id, ec, std::move(found));
    });
  }
}

}  // namespace

std::error_code reactor_impl::resolve(std::string_view host, std::uint16_t port,
                                      reactor::resolve_handler handler,
                                      resolve_family family) {
  if (shutting_down_) return make_error_code(errc::shutdown);
  if (host.empty() || !handler) return make_error_code(errc::invalid_argument);
  std::uint64_t id = next_resolve_id_++;
  resolves_.emplace(id, std::move(handler));

  // A numeric address needs no lookup; it still completes later, never in this call.
  std::string_view literal = host;
  if (literal.size() > 2 && literal.front() == '[' && literal.back() == ']')
    literal = literal.substr(1, literal.size() - 2);
  auto e = endpoint::parse(literal, port);
  if (e && (e->is_v6() ? literal.front() != '[' : literal.find(':') == std::string_view::npos)) {
    std::error_code ec;
    std::vector<endpoint> found;
    if ((family == resolve_family::ipv4 && !e->is_v4()) ||
        (family == resolve_family::ipv6 && !e->is_v6()))
      ec = make_error_code(errc::resolve_failed);
    else
      found.push_back(*e);
    post([this, id, ec, found = std::move(found)]() mutable {
      complete_resolve(id, ec, std::move(found));
    });
    return {};
  }

  if (!resolver_) {
    resolver_ = std::make_shared<resolver_shared>();
    resolver_->owner = this;
    try {
      std::thread(resolver_main, resolver_).detach();
    } catch (const std::system_error& failure) {
      resolves_.erase(id);
      resolver_.reset();
      return failure.code();
    }
  }
  {
    std::lock_guard lock(resolver_->mutex);
    resolver_->jobs.push_back({id, std::string(host), port, family});
  }
  resolver_->cv.notify_one();
  return {};
}

void reactor_impl::complete_resolve(std::uint64_t id, std::error_code ec,
                                    std::vector<endpoint> found) {
  auto it = resolves_.find(id);
  if (it == resolves_.end()) return;
  reactor::resolve_handler h = std::move(it->second);
  resolves_.erase(it);
  h(ec, std::move(found));
}

void reactor_impl::shutdown_resolver() noexcept {
  if (resolver_) {
    {
      std::lock_guard lock(resolver_->mutex);
      resolver_->closed = true;
      resolver_->owner = nullptr;
      resolver_->jobs.clear();
    }
    resolver_->cv.notify_all();
    resolver_.reset();
  }
  // Each pending lookup completes with errc::shutdown; its entry is gone first.
  while (!resolves_.empty()) {
    auto it = resolves_.begin();
    reactor::resolve_handler h = std::move(it->second);
    resolves_.erase(it);
    h(make_error_code(errc::shutdown), {});
  }
}

}  // namespace snmpio::detail
