// The manager's receive path: an engine holds pending requests (request-ids 1..4,
// seeded) toward a peer that never answers; the input, split at 0xFF 0xFF 0xFF 0xFF
// markers, is fed to it as datagrams from that peer (even pieces) or from a stranger
// (odd pieces). Every request must complete exactly once, nothing may leak.
#include <snmpio/command_generator.hpp>
#include <snmpio/reactor.hpp>
#include <snmpio/udp.hpp>

#include "engine/engine_impl.hpp"
#include "tests/fuzz/fuzz_target.hpp"

#include <array>
#include <chrono>
#include <cstring>

using namespace snmpio;

namespace {

struct harness {
  reactor loop;
  udp_socket sink;  // the "agent": bound, never reads
  endpoint peer;
  harness() {
    auto s = udp_socket::open(loop, endpoint::loopback_v4(0));
    if (!s) std::abort();
    sink = std::move(*s);
    peer = sink.local_endpoint();
  }
};

harness& h() {
  static harness* instance = new harness();  // lives for the process: one socket
  return *instance;
}

}  // namespace

SNMPIO_FUZZ_TARGET(manager_receive)(const std::uint8_t* data, std::size_t size) {
  harness& hs = h();
  std::array<int, 4> calls{};
  {
    engine eng(hs.loop);
    eng.impl().seed_request_ids_for_testing(1);
    command_generator gen(eng);
    const community_data auth{"public", size && (data[0] & 1) ? snmp_version::v1 : snmp_version::v2c};
    const target to = udp_target{"127.0.0.1", hs.peer.port(), {std::chrono::milliseconds(60000), 0}};
    std::array<request_handle, 4> handles;
    for (int i = 0; i < 4; ++i) {
      auto r = gen.get(auth, to, {}, {oid{1, 3, 6, 1, 2, 1, 1, static_cast<std::uint32_t>(i + 1), 0}},
                       [&calls, i](std::error_code, response) { ++calls[i]; });
      SNMPIO_FUZZ_CHECK(r.has_value());
      handles[i] = *r;
    }
    const endpoint stranger = endpoint::loopback_v4(static_cast<std::uint16_t>(hs.peer.port() + 1));
    std::size_t start = 0, piece = 0;
    for (std::size_t i = 0; i <= size; ++i) {
      const bool marker = i + 4 <= size && std::memcmp(data + i, "\xff\xff\xff\xff", 4) == 0;
      if (i == size || marker) {
        eng.impl().on_datagram({data + start, i - start}, piece % 2 ? stranger : hs.peer);
        ++piece;
        start = i + 4;
        if (marker) i += 3;
      }
    }
    hs.loop.poll();
    for (int i = 0; i < 4; ++i) SNMPIO_FUZZ_CHECK(calls[i] <= 1);
    // Cancel one that may still be pending, then destroy the engine with the rest.
    handles[3].cancel();
  }
  hs.loop.poll();  // deferred completions (cancel) run here
  for (int i = 0; i < 4; ++i) SNMPIO_FUZZ_CHECK(calls[i] == 1);
  return 0;
}
