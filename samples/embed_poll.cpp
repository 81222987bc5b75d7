// embed_poll: drives an snmpio reactor from a foreign poll(2) loop, with nothing but
// reactor::native_handle(), reactor::next_timeout() and reactor::poll().
//
// The program opens a UDP echo server and a client on 127.0.0.1, has a helper thread
// post() a task, arms a timer, and exchanges a few datagrams, all dispatched by the
// outer loop below. It prints what happened and exits 0 when everything arrived.
#include <snmpio/endpoint.hpp>
#include <snmpio/reactor.hpp>
#include <snmpio/udp.hpp>

#include <poll.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <limits>
#include <thread>

using namespace std::chrono_literals;

namespace {

// How long the outer loop may sleep: the reactor's next timer, capped by our own.
int poll_timeout_ms(const snmpio::reactor& r) {
  auto t = r.next_timeout();
  if (!t) return -1;
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(*t).count();
  return ms > std::numeric_limits<int>::max() ? std::numeric_limits<int>::max() : static_cast<int>(ms);
}

}  // namespace

int main() {
  auto made = snmpio::reactor::create();  // epoll on Linux, kqueue on BSD and macOS
  if (!made || made->native_handle() < 0) {
    std::fprintf(stderr, "embed_poll: no reactor descriptor to nest\n");
    return 1;
  }
  snmpio::reactor& loop = *made;

  auto server = snmpio::udp_socket::open(loop, snmpio::endpoint::loopback_v4(0));
  auto client = snmpio::udp_socket::open(loop, snmpio::endpoint::loopback_v4(0));
  if (!server || !client) {
    std::fprintf(stderr, "embed_poll: %s\n", (server ? client.error() : server.error()).message().c_str());
    return 1;
  }
  server->on_receive([&](std::span<const std::byte> data, const snmpio::endpoint& from,
                         const snmpio::endpoint& local) {
    server->send_from(data, from, local);  // echo, from the address it arrived on
  });
  int echoes = 0;
  client->on_receive([&](std::span<const std::byte> data, const snmpio::endpoint& from,
                         const snmpio::endpoint&) {
    std::printf("echo %d from %s: %.*s\n", ++echoes, from.to_string().c_str(),
                static_cast<int>(data.size()), reinterpret_cast<const char*>(data.data()));
  });
  bool timer_fired = false, posted_ran = false;
  loop.call_after(20ms, [&] {
    timer_fired = true;
    std::printf("timer fired\n");
  });
  std::thread helper([&] { loop.post([&] { posted_ran = true; std::printf("posted task ran\n"); }); });

  for (int i = 1; i <= 3; ++i) {
    char msg[32];
    int n = std::snprintf(msg, sizeof msg, "hello %d", i);
    client->send(std::as_bytes(std::span(msg, static_cast<std::size_t>(n))), server->local_endpoint());
  }

  // The foreign loop: it might watch many descriptors of its own; here only the reactor's.
  auto give_up = std::chrono::steady_clock::now() + 5s;
  while (!(echoes == 3 && timer_fired && posted_ran) && std::chrono::steady_clock::now() < give_up) {
    pollfd pfd{loop.native_handle(), POLLIN, 0};
    int ready = ::poll(&pfd, 1, poll_timeout_ms(loop));
    if (ready < 0 && errno != EINTR) {
      std::perror("poll");
      break;
    }
    if (auto ec = loop.poll()) {  // one non-blocking pass: timers, posted tasks, I/O
      std::fprintf(stderr, "embed_poll: %s\n", ec.message().c_str());
      break;
    }
  }
  helper.join();
  bool ok = echoes == 3 && timer_fired && posted_ran;
  std::printf("%s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
