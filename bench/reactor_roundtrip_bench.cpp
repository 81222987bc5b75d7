// The reactor's costs, two ways.
//
//   reactor_roundtrip_bench --roundtrip PORT COUNT WINDOW
//       the client half of bench/reactor_vs_raw.sh: COUNT request/response round trips
//       over an snmpio::udp_socket to the echo server at 127.0.0.1:PORT (the plain C
//       bench/raw_udp_loop server), WINDOW in flight; prints getrusage CPU time.
//   reactor_roundtrip_bench [--benchmark_...]
//       Google Benchmark micro benchmarks: timers, post(), an in-process UDP echo.
#include <snmpio/endpoint.hpp>
#include <snmpio/reactor.hpp>
#include <snmpio/udp.hpp>

#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace std::chrono_literals;

namespace {

double cpu_us() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return (static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)) * 1e6 +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

int roundtrip_client(int port, long count, int window) {
  snmpio::reactor loop;
  auto sock = snmpio::udp_socket::open(loop, snmpio::endpoint::loopback_v4(0),
                                       {.receive_buffer_size = 4 << 20, .receive_batch = 64});
  if (!sock) {
    std::fprintf(stderr, "reactor_client: %s\n", sock.error().message().c_str());
    return 1;
  }
  const snmpio::endpoint server = snmpio::endpoint::loopback_v4(static_cast<std::uint16_t>(port));
  std::byte request[64];
  std::memset(request, 'r', sizeof request);
  long sent = 0, received = 0;
  std::error_code failure;
  sock->on_receive([&](std::span<const std::byte>, const snmpio::endpoint&, const snmpio::endpoint&) {
    if (++received == count) {
      sock->close();
      return;
    }
    if (sent < count) {
      if (auto ec = sock->send(request, server)) failure = ec;
      ++sent;
    }
  });
  // A lost datagram would stall the loop: give up after a generous limit.
  snmpio::timer_id guard = loop.call_after(60s, [&] {
    failure = snmpio::errc::timeout;
    sock->close();
  });
  auto t0 = std::chrono::steady_clock::now();
  double c0 = cpu_us();
  for (int i = 0; i < window && sent < count; ++i, ++sent) sock->send(request, server);
  // The guard timer keeps run() alive; stop once the socket closed.
  while (sock->is_open() && !loop.run_once()) {
  }
  double cpu = cpu_us() - c0;
  double wall = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
  loop.cancel(guard);
  if (failure) {
    std::fprintf(stderr, "reactor_client: %s after %ld round trips\n", failure.message().c_str(), received);
    return 1;
  }
  std::printf("reactor_client round_trips=%ld cpu_us=%.0f wall_us=%.0f\n", received, cpu, wall);
  return 0;
}

void BM_timer_arm_and_cancel(benchmark::State& state) {
  snmpio::reactor loop;
  std::vector<snmpio::timer_id> ids(1024);
  for (auto _ : state) {
    for (auto& id : ids) id = loop.call_after(1s, [] {});
    for (auto& id : ids) loop.cancel(id);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<long>(ids.size()));
}
BENCHMARK(BM_timer_arm_and_cancel);

void BM_timer_fire(benchmark::State& state) {
  snmpio::reactor loop;
  long fired = 0;
  for (auto _ : state) {
    for (int i = 0; i < 1024; ++i) loop.call_after(0ns, [&] { ++fired; });
    loop.run();
  }
  state.SetItemsProcessed(fired);
}
BENCHMARK(BM_timer_fire);

void BM_post_same_thread(benchmark::State& state) {
  snmpio::reactor loop;
  long ran = 0;
  for (auto _ : state) {
    for (int i = 0; i < 1024; ++i) loop.post([&] { ++ran; });
    loop.run();
  }
  state.SetItemsProcessed(ran);
}
BENCHMARK(BM_post_same_thread);

void BM_udp_echo_in_process(benchmark::State& state) {
  snmpio::reactor loop;
  auto a = snmpio::udp_socket::open(loop, snmpio::endpoint::loopback_v4(0));
  auto b = snmpio::udp_socket::open(loop, snmpio::endpoint::loopback_v4(0));
  b->on_receive([&](std::span<const std::byte> d, const snmpio::endpoint& from, const snmpio::endpoint&) {
    b->send(d, from);
  });
  long got = 0;
  a->on_receive([&](std::span<const std::byte>, const snmpio::endpoint&, const snmpio::endpoint&) { ++got; });
  std::byte msg[64]{};
  for (auto _ : state) {
    long want = got + 1;
    a->send(msg, b->local_endpoint());
    while (got < want) loop.run_once(1s);
  }
  state.SetItemsProcessed(got);
}
BENCHMARK(BM_udp_echo_in_process);

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 5 && std::strcmp(argv[1], "--roundtrip") == 0)
    return roundtrip_client(std::atoi(argv[2]), std::atol(argv[3]), std::atoi(argv[4]));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
