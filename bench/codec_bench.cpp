// make bench: BER encode/decode of a GetRequest and a 10-varbind Response, and the
// heap allocations each decode makes (reported as the "allocs" counter).
#include "ber/message_codec.hpp"

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> g_allocs{0};
}

void* operator new(std::size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace snmpio;

namespace {

ber::community_message get_request() {
  ber::community_message m{snmp_version::v2c, "public", {}};
  m.data.type = pdu_type::get_request;
  m.data.request_id = 0x12345678;
  m.data.varbinds.push_back({oid{1, 3, 6, 1, 2, 1, 1, 1, 0}, value::null()});
  return m;
}

// A typical answer to a 10-varbind GET of system and interface objects.
ber::community_message response10() {
  ber::community_message m{snmp_version::v2c, "public", {}};
  m.data.type = pdu_type::response;
  m.data.request_id = 0x12345678;
  auto& vb = m.data.varbinds;
  vb.push_back({oid{1, 3, 6, 1, 2, 1, 1, 1, 0}, value::octet_string("Linux router 6.1.0-18-amd64 #1 SMP x86_64")});
  vb.push_back({oid{1, 3, 6, 1, 2, 1, 1, 2, 0}, value::object_identifier(oid{1, 3, 6, 1, 4, 1, 8072, 3, 2, 10})});
  vb.push_back({oid{1, 3, 6, 1, 2, 1, 1, 3, 0}, value::time_ticks(123456789)});
  vb.push_back({oid{1, 3, 6, 1, 2, 1, 1, 5, 0}, value::octet_string("router1")});
  vb.push_back({oid{1, 3, 6, 1, 2, 1, 2, 2, 1, 2, 1}, value::octet_string("eth0")});
  vb.push_back({oid{1, 3, 6, 1, 2, 1, 2, 2, 1, 8, 1}, value::integer32(1)});
  vb.push_back({oid{1, 3, 6, 1, 2, 1, 2, 2, 1, 10, 1}, value::counter32(4000000000u)});
  vb.push_back({oid{1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 6, 1}, value::counter64(123456789012345ull)});
  vb.push_back({oid{1, 3, 6, 1, 2, 1, 4, 20, 1, 1, 10, 0, 0, 1}, value::ip_address({10, 0, 0, 1})});
  vb.push_back({oid{1, 3, 6, 1, 2, 1, 2, 2, 1, 5, 1}, value::gauge32(1000000000)});
  return m;
}

void encode(benchmark::State& state, const ber::community_message& m) {
  ber::writer w;
  for (auto _ : state) {
    auto ec = ber::encode_community_message(w, m);
    benchmark::DoNotOptimize(ec);
    benchmark::DoNotOptimize(w.data().data());
  }
  state.counters["bytes"] = static_cast<double>(w.size());
}

void decode(benchmark::State& state, const ber::community_message& m) {
  ber::writer w;
  if (ber::encode_community_message(w, m)) state.SkipWithError("encode failed");
  std::vector<std::uint8_t> wire(w.data().begin(), w.data().end());
  ber::community_message out;  // reused, as a receive loop would
  long allocs = 0;
  for (auto _ : state) {
    const long before = g_allocs.load(std::memory_order_relaxed);
    auto ec = ber::decode_community_message(wire, out);
    allocs += g_allocs.load(std::memory_order_relaxed) - before;
    benchmark::DoNotOptimize(ec);
    benchmark::DoNotOptimize(out.data.varbinds.data());
  }
  state.counters["allocs"] = benchmark::Counter(static_cast<double>(allocs), benchmark::Counter::kAvgIterations);
  state.counters["bytes"] = static_cast<double>(wire.size());
}

void BM_EncodeGetRequest(benchmark::State& s) { encode(s, get_request()); }
void BM_DecodeGetRequest(benchmark::State& s) { decode(s, get_request()); }
void BM_EncodeResponse10(benchmark::State& s) { encode(s, response10()); }
void BM_DecodeResponse10(benchmark::State& s) { decode(s, response10()); }

}  // namespace

BENCHMARK(BM_EncodeGetRequest);
BENCHMARK(BM_DecodeGetRequest);
BENCHMARK(BM_EncodeResponse10);
BENCHMARK(BM_DecodeResponse10);
BENCHMARK_MAIN();
