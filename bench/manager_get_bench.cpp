// snmpio's manager side, measured three ways (bench/manager_vs_netsnmp.sh runs them):
//
//   manager_get_bench --get [-u USER -A AUTHPASS -X PRIVPASS] PORT COUNT WINDOW [OID...]
//       COUNT SNMPv2c GETs (community "public", default OID sysUpTime.0) through
//       snmpio::command_generator to the agent at 127.0.0.1:PORT, WINDOW in flight (each
//       callback starts the next). With -u: SNMPv3 authPriv GETs instead (usm_user_data,
//       HMAC-SHA-256 + AES-128, passphrases), after one unmeasured GET that does what
//       Net-SNMP's snmp_open does before netsnmp_async_get measures: engine ID discovery,
//       time synchronisation and key localization. Prints the line
//       bench/netsnmp_async_get.c and bench/raw_snmp_floor.c print:
//         snmpio ok=N err=E cpu_us=U wall_us=W cpu_us_per_req=C
//   manager_get_bench --outstanding N
//       memory per outstanding request: N GETs toward a black hole (a bound UDP socket
//       that never reads), all in flight at once; counts the bytes the heap holds for
//       them (operator new is counted in this program) and the RSS growth.
//   manager_get_bench --scaling N1,N2,...
//       CPU per response with N requests outstanding: an in-process responder thread
//       holds about N-256 requests and answers random ones; each completion starts a
//       new request, so the engine's table stays at N. CPU is the reactor thread's
//       (getrusage RUSAGE_THREAD).
//   manager_get_bench [--benchmark_...]
//       a Google Benchmark micro benchmark: a GET and its answer in one process.
#include <snmpio/snmpio.hpp>

#include "engine/engine_impl.hpp"

#include <benchmark/benchmark.h>

#include <arpa/inet.h>
#include <malloc.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <random>
#include <string>
#include <thread>
#include <vector>

// ---- heap accounting: live bytes (malloc_usable_size) and allocation count ----
namespace {
std::atomic<long> g_live_bytes{0};
std::atomic<long> g_allocs{0};
}  // namespace

void* operator new(std::size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  g_live_bytes.fetch_add(static_cast<long>(malloc_usable_size(p)), std::memory_order_relaxed);
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  return p;
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept {
  if (!p) return;
  g_live_bytes.fetch_sub(static_cast<long>(malloc_usable_size(p)), std::memory_order_relaxed);
  std::free(p);
}
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }

using namespace snmpio;
using namespace std::chrono_literals;

namespace {

double cpu_us(int who = RUSAGE_SELF) {
  rusage ru{};
  getrusage(who, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

double wall_us() {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

long rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

std::vector<oid> parse_oids(int argc, char** argv, int first) {
  std::vector<oid> names;
  for (int i = first; i < argc; ++i) {
    auto o = oid::parse(argv[i]);
    if (!o) {
      std::fprintf(stderr, "bad OID %s\n", argv[i]);
      std::exit(2);
    }
    names.push_back(*o);
  }
  if (names.empty()) names.push_back(oid{1, 3, 6, 1, 2, 1, 1, 3, 0});
  return names;
}

// ---- --get: against a real agent ----
// v3 == nullptr: SNMPv2c, community "public"; otherwise SNMPv3 with that user.
int run_get(int port, long count, long window, const std::vector<oid>& names, const usm_user_data* v3) {
  reactor loop;
  engine eng(loop);
  command_generator gen(eng);
  const udp_target agent{"127.0.0.1", static_cast<std::uint16_t>(port), {.timeout = 5000ms, .retries = 0}};
  long sent = 0, done = 0, ok = 0, err = 0;
  std::error_code failure;
  if (v3) {
    // Unmeasured: discovery (engine ID, boots/time) and key localization, once per agent.
    bool warm = false;
    std::error_code warm_ec;
    auto h = gen.get(*v3, agent, {}, names, [&](std::error_code ec, response) {
      warm = true;
      warm_ec = ec;
    });
    if (!h) warm_ec = h.error();
    else
      while (!warm) loop.run_once(1s);
    if (warm_ec) {
      std::fprintf(stderr, "manager_get_bench: SNMPv3 warm-up GET: %s\n", warm_ec.message().c_str());
      return 1;
    }
  }
  auto start = [&](response_handler on_done) {
    return v3 ? gen.get(*v3, agent, {}, names, std::move(on_done)) : gen.get({"public"}, agent, {}, names, std::move(on_done));
  };
  unique_function<void()> send_one;
  send_one = [&] {
    ++sent;
    auto h = start([&](std::error_code ec, response r) {
      ++done;
      bool good = !ec && r.error_status == 0 && r.varbinds.size() == names.size();
      if (good)
        for (const auto& vb : r.varbinds)
          if (vb.value.type() == value_type::no_such_object || vb.value.type() == value_type::no_such_instance ||
              vb.value.type() == value_type::end_of_mib_view)
            good = false;
      (good ? ok : err) += 1;
      if (sent < count) send_one();
    });
    if (!h) {
      failure = h.error();
      ++done;
      ++err;
    }
  };
  const double c0 = cpu_us(), w0 = wall_us();
  for (long i = 0; i < window && sent < count; ++i) send_one();
  while (done < count && !failure) loop.run_once(1s);
  const double cpu = cpu_us() - c0, wall = wall_us() - w0;
  if (failure) std::fprintf(stderr, "manager_get_bench: %s\n", failure.message().c_str());
  std::printf("snmpio ok=%ld err=%ld cpu_us=%.0f wall_us=%.0f cpu_us_per_req=%.3f\n", ok, err, cpu, wall,
              done ? cpu / static_cast<double>(done) : 0.0);
  return err ? 1 : 0;
}

// A UDP socket on 127.0.0.1 that the caller reads (or never reads).
int bound_socket(int rcvbuf, std::uint16_t* port) {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) != 0)
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    std::perror("bind");
    std::exit(1);
  }
  *port = ntohs(a.sin_port);
  return fd;
}

// ---- --outstanding: memory per outstanding request ----
int run_outstanding(long n) {
  std::uint16_t hole_port = 0;
  const int hole = bound_socket(64 * 1024, &hole_port);  // never read: answers nothing
  reactor loop;
  engine eng(loop, {.max_in_flight = static_cast<std::size_t>(n) + 1});
  command_generator gen(eng);
  const udp_target target{"127.0.0.1", hole_port, {.timeout = 600s, .retries = 0}};
  const oid name{1, 3, 6, 1, 2, 1, 1, 3, 0};
  long completions = 0;
  // Warm up: the engine's socket and buffers exist before the measurement starts.
  {
    auto h = gen.get({"public"}, target, {}, {name}, [&](std::error_code, response) { ++completions; });
    h->cancel();
    for (int i = 0; i < 3; ++i) loop.poll();
  }
  const long bytes0 = g_live_bytes.load(), allocs0 = g_allocs.load(), rss0 = rss_bytes();
  for (long i = 0; i < n; ++i) {
    auto h = gen.get({"public"}, target, {}, {name}, [&](std::error_code, response) { ++completions; });
    if (!h) {
      std::fprintf(stderr, "manager_get_bench: %s\n", h.error().message().c_str());
      return 1;
    }
  }
  for (int i = 0; i < 3; ++i) loop.poll();
  const long bytes1 = g_live_bytes.load(), allocs1 = g_allocs.load(), rss1 = rss_bytes();
  const auto s = eng.stats();
  const double per = static_cast<double>(bytes1 - bytes0) / static_cast<double>(n);
  std::printf(
      "outstanding=%ld in_flight=%zu heap_bytes_per_request=%.1f heap_allocs_per_request=%.2f "
      "rss_bytes_per_request=%.1f sizeof_pending_request=%zu\n",
      n, s.in_flight, per, static_cast<double>(allocs1 - allocs0) / static_cast<double>(n),
      static_cast<double>(rss1 - rss0) / static_cast<double>(n), sizeof(detail::pending_request));
  ::close(hole);
  return s.in_flight == static_cast<std::size_t>(n) ? 0 : 1;
}

// ---- --scaling: CPU per response as the table grows ----

// Holds requests and answers random ones once it holds more than `hold`: the answer is
// the request with its PDU tag turned into Response (varbind values stay NULL).
class responder {
 public:
  responder() { fd_ = bound_socket(256 << 20, &port_); }
  ~responder() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  std::uint16_t port() const { return port_; }
  void start(std::size_t hold) {
    hold_ = hold;
    thread_ = std::thread([this] { loop(); });
  }

 private:
  struct held {
    std::uint8_t data[128];
    std::uint16_t len;
  };
  static bool to_response(held& h) {
    // 30 L 02 01 v 04 L community A0 ...
    std::size_t p = 0;
    if (h.len < 8 || h.data[0] != 0x30) return false;
    p = (h.data[1] & 0x80) ? 2 + (h.data[1] & 0x7f) : 2;
    p += 3;  // version
    if (p + 2 > h.len || h.data[p] != 0x04) return false;
    p += 2 + h.data[p + 1];
    if (p >= h.len || h.data[p] != 0xA0) return false;
    h.data[p] = 0xA2;
    return true;
  }
  void loop() {
    std::vector<held> pool;
    pool.reserve(1 << 18);
    std::mt19937 rng(1);
    constexpr int batch = 64;
    static held in[batch];
    mmsghdr rmsg[batch];
    iovec riov[batch];
    sockaddr_in peer{};
    timeval tv{0, 50000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::vector<held> out;
    std::vector<mmsghdr> smsg;
    std::vector<iovec> siov;
    while (!stop_) {
      for (int i = 0; i < batch; ++i) {
        riov[i] = {in[i].data, sizeof in[i].data};
        std::memset(&rmsg[i].msg_hdr, 0, sizeof rmsg[i].msg_hdr);
        rmsg[i].msg_hdr.msg_iov = &riov[i];
        rmsg[i].msg_hdr.msg_iovlen = 1;
        rmsg[i].msg_hdr.msg_name = &peer;
        rmsg[i].msg_hdr.msg_namelen = sizeof peer;
      }
      // Block only when nothing is to be answered.
      const int n = ::recvmmsg(fd_, rmsg, batch, pool.size() > hold_ ? MSG_DONTWAIT : MSG_WAITFORONE, nullptr);
      for (int i = 0; i < n; ++i) {
        in[i].len = static_cast<std::uint16_t>(rmsg[i].msg_len);
        if (to_response(in[i])) pool.push_back(in[i]);
      }
      if (pool.size() <= hold_) continue;
      out.clear();
      while (pool.size() > hold_ && out.size() < 256) {
        std::size_t k = std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(rng);
        out.push_back(pool[k]);
        pool[k] = pool.back();
        pool.pop_back();
      }
      smsg.assign(out.size(), mmsghdr{});
      siov.resize(out.size());
      for (std::size_t i = 0; i < out.size(); ++i) {
        siov[i] = {out[i].data, out[i].len};
        smsg[i].msg_hdr.msg_iov = &siov[i];
        smsg[i].msg_hdr.msg_iovlen = 1;
        smsg[i].msg_hdr.msg_name = &peer;
        smsg[i].msg_hdr.msg_namelen = sizeof peer;
      }
      std::size_t done = 0;
      while (done < smsg.size()) {
        int s = ::sendmmsg(fd_, smsg.data() + done, static_cast<unsigned>(smsg.size() - done), 0);
        if (s <= 0) break;
        done += static_cast<std::size_t>(s);
      }
    }
  }

  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::size_t hold_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

int run_scaling_one(std::size_t n, long measured) {
  responder agent;
  const std::size_t margin = 256;
  agent.start(n > 2 * margin ? n - margin : n / 2);
  reactor loop;
  engine eng(loop, {.max_in_flight = n, .receive_buffer_size = 64 << 20});
  command_generator gen(eng);
  const udp_target target{"127.0.0.1", agent.port(), {.timeout = 120s, .retries = 0}};
  const oid name{1, 3, 6, 1, 2, 1, 1, 3, 0};
  long done = 0, err = 0;
  bool measuring = false;
  const long warmup = static_cast<long>(n) + 20000;
  unique_function<void()> send_one;
  send_one = [&] {
    auto h = gen.get({"public"}, target, {}, {name}, [&](std::error_code ec, response) {
      ++done;
      err += ec ? 1 : 0;
      send_one();
    });
    if (!h) ++err;
  };
  for (std::size_t i = 0; i < n; ++i) {
    send_one();
    if (i % 4096 == 4095) loop.poll();  // let the responder keep up with the first burst
  }
  double c0 = 0, w0 = 0;
  long d0 = 0;
  std::size_t most = 0;
  while (done < warmup + measured && err == 0) {
    loop.run_once(1s);
    most = std::max(most, eng.stats().in_flight);
    if (!measuring && done >= warmup) {
      measuring = true;
      c0 = cpu_us(RUSAGE_THREAD);
      w0 = wall_us();
      d0 = done;
    }
  }
  const double cpu = cpu_us(RUSAGE_THREAD) - c0, wall = wall_us() - w0;
  const long responses = done - d0;
  std::printf("scaling outstanding=%zu in_flight=%zu responses=%ld err=%ld cpu_us=%.0f wall_us=%.0f cpu_us_per_response=%.3f\n",
              n, most, responses, err, cpu, wall, responses ? cpu / static_cast<double>(responses) : 0.0);
  std::fflush(stdout);
  eng.impl().shutdown();  // completions start no new requests from here on
  return err ? 1 : 0;
}

int run_scaling(const std::string& list, long measured) {
  int status = 0;
  std::size_t p = 0;
  while (p < list.size()) {
    std::size_t q = list.find(',', p);
    if (q == std::string::npos) q = list.size();
    status |= run_scaling_one(std::stoul(list.substr(p, q - p)), measured);
    p = q + 1;
  }
  return status;
}

// ---- Google Benchmark: a GET and its answer in one process ----
void BM_get_roundtrip_in_process(benchmark::State& state) {
  reactor loop;
  auto agent_sock = udp_socket::open(loop, endpoint::loopback_v4(0));
  auto& agent = *agent_sock;
  agent.on_receive([&](std::span<const std::byte> data, const endpoint& from, const endpoint&) {
    std::vector<std::byte> copy(data.begin(), data.end());
    std::size_t p = (static_cast<std::uint8_t>(copy[1]) & 0x80) ? 2 + (static_cast<std::uint8_t>(copy[1]) & 0x7f) : 2;
    p += 3;
    p += 2 + static_cast<std::uint8_t>(copy[p + 1]);
    copy[p] = std::byte{0xA2};
    agent.send(copy, from);
  });
  engine eng(loop);
  command_generator gen(eng);
  const udp_target target{"127.0.0.1", agent.local_endpoint().port(), {.timeout = 5000ms, .retries = 0}};
  const oid name{1, 3, 6, 1, 2, 1, 1, 3, 0};
  for (auto _ : state) {
    bool done = false;
    auto h = gen.get({"public"}, target, {}, {name}, [&](std::error_code, response) { done = true; });
    while (!done) loop.run_once(1s);
  }
}
BENCHMARK(BM_get_roundtrip_in_process);

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--get") == 0) {
    // Optional SNMPv3 user, as netsnmp_async_get takes it: -u USER -A AUTHPASS -X PRIVPASS.
    usm_user_data user{.auth = auth_protocol::hmac_sha256, .priv = priv_protocol::aes128};
    int a = 2;
    bool has_user = false, has_auth = false, has_priv = false;
    for (; a + 1 < argc && argv[a][0] == '-' && argv[a][1] && !argv[a][2]; a += 2) {
      if (argv[a][1] == 'u') user.user_name = argv[a + 1], has_user = true;
      else if (argv[a][1] == 'A') user.auth_key = argv[a + 1], has_auth = true;
      else if (argv[a][1] == 'X') user.priv_key = argv[a + 1], has_priv = true;
      else break;
    }
    if (argc - a < 3 || has_user != has_auth || has_user != has_priv) {
      std::fprintf(stderr, "usage: %s --get [-u USER -A AUTHPASS -X PRIVPASS] PORT COUNT WINDOW [OID...]\n", argv[0]);
      return 2;
    }
    return run_get(std::atoi(argv[a]), std::atol(argv[a + 1]), std::atol(argv[a + 2]), parse_oids(argc, argv, a + 3),
                   has_user ? &user : nullptr);
  }
  if (argc >= 3 && std::strcmp(argv[1], "--outstanding") == 0) return run_outstanding(std::atol(argv[2]));
  if (argc >= 3 && std::strcmp(argv[1], "--scaling") == 0)
    return run_scaling(argv[2], argc >= 4 ? std::atol(argv[3]) : 100000);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
