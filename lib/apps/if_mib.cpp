// IF-MIB's interfaces group from Linux's sysfs: one reading of every interface,
// materialized as (instance, value) pairs in OID order and kept for a short while, so
// that a walk does not read sysfs once per variable.
#include <snmpio/command_responder.hpp>
#include <snmpio/if_mib.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

namespace snmpio {
namespace {

#ifdef __linux__
// The first line of a sysfs attribute, or "" when it cannot be read (some attributes,
// such as speed of a virtual device, fail with EINVAL).
std::string read_attribute(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::string line;
  if (!in || !std::getline(in, line)) return {};
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

bool parse_int(const std::string& s, long long& out, int base = 10) {
  if (s.empty()) return false;
  try {
    std::size_t used = 0;
    out = std::stoll(s, &used, base);
    return used == s.size();
  } catch (...) {
    return false;
  }
}

std::uint64_t read_counter(const std::filesystem::path& p) {
  const std::string s = read_attribute(p);
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 20) return 0;
  try {
    return std::stoull(s);
  } catch (...) {
    return 0;
  }
}

// "02:fc:00:00:00:01" -> 6 raw octets; anything else -> "".
std::string parse_mac(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); i += 3) {
    long long v;
    if (i + 2 > s.size() || !parse_int(s.substr(i, 2), v, 16) || v < 0) return {};
    out += static_cast<char>(v);
    if (i + 2 < s.size() && s[i + 2] != ':') return {};
  }
  // All zeros (loopback, tunnels): no address, which RFC 2863 writes as an empty string.
  if (out.find_first_not_of('\0') == std::string::npos) return {};
  return out;
}

// ARPHRD_* (linux/if_arp.h) to IANAifType.
std::int32_t if_type_of(long long arphrd) {
  switch (arphrd) {
    case 1: return 6;     // ARPHRD_ETHER: ethernetCsmacd
    case 772: return 24;  // ARPHRD_LOOPBACK: softwareLoopback
    default: return 1;    // other
  }
}

std::int32_t oper_status_of(const std::string& operstate, bool admin_up) {
  if (operstate == "up") return 1;
  if (operstate == "down") return 2;
  if (operstate == "testing") return 3;
  if (operstate == "dormant") return 5;
  if (operstate == "notpresent") return 6;
  if (operstate == "lowerlayerdown") return 7;
  // "unknown": the driver tracks no carrier (loopback, ifb, many virtual devices);
  // such an interface passes packets whenever it is administratively up.
  return admin_up ? 1 : 4;
}
#endif

constexpr std::uint32_t interfaces_arc[] = {1, 3, 6, 1, 2, 1, 2};

oid interfaces_oid() { return oid(std::span<const std::uint32_t>(interfaces_arc)); }

using instance_map = std::map<oid, value>;

instance_map materialize(const std::vector<interface_info>& ifs) {
  instance_map m;
  oid if_number = interfaces_oid();
  if_number.push_back(1);
  if_number.push_back(0);
  m.emplace(if_number, value::integer32(static_cast<std::int32_t>(ifs.size())));
  auto put = [&](std::uint32_t column, std::int32_t index, value v) {
    oid name = interfaces_oid();
    for (std::uint32_t a : {2u, 1u, column, static_cast<std::uint32_t>(index)}) name.push_back(a);
    m.emplace(std::move(name), std::move(v));
  };
  auto c32 = [](std::uint64_t v) { return value::counter32(static_cast<std::uint32_t>(v)); };
  for (const auto& i : ifs) {
    if (i.index <= 0) continue;
    put(1, i.index, value::integer32(i.index));
    put(2, i.index, value::octet_string(i.name));
    put(3, i.index, value::integer32(i.type));
    put(4, i.index, value::integer32(i.mtu));
    put(5, i.index, value::gauge32(i.speed));
    put(6, i.index, value::octet_string(i.phys_address));
    put(7, i.index, value::integer32(i.admin_status));
    put(8, i.index, value::integer32(i.oper_status));
    put(9, i.index, value::time_ticks(0));
    put(10, i.index, c32(i.in_octets));
    put(11, i.index, c32(i.in_ucast_pkts));
    put(13, i.index, c32(i.in_discards));
    put(14, i.index, c32(i.in_errors));
    put(16, i.index, c32(i.out_octets));
    put(17, i.index, c32(i.out_ucast_pkts));
    put(19, i.index, c32(i.out_discards));
    put(20, i.index, c32(i.out_errors));
  }
  return m;
}

bool is_object(const oid& name) {
  // ifNumber, or a column of ifTable that the table serves.
  const oid base = interfaces_oid();
  if (name.size() < base.size() + 1 || !std::equal(base.begin(), base.end(), name.begin())) return false;
  const auto rest = name.subids().subspan(base.size());
  if (rest[0] == 1) return true;  // ifNumber, not its one instance
  if (rest[0] != 2 || rest.size() < 3 || rest[1] != 1) return false;
  static constexpr std::uint32_t columns[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 16, 17, 19, 20};
  return std::find(std::begin(columns), std::end(columns), rest[2]) != std::end(columns);
}

class if_mib_handler final : public mib_handler {
 public:
  explicit if_mib_handler(if_mib_options options) : options_(std::move(options)) {}

  void get(const request_context&, const oid& name, reply_token token) override {
    const instance_map& m = current();
    auto it = m.find(name);
    if (it != m.end()) return token.answer(it->second);
    token.answer(is_object(name) ? value::no_such_instance() : value::no_such_object());
  }

  void get_next(const request_context&, const oid& name, reply_token token) override {
    const instance_map& m = current();
    auto it = m.upper_bound(name);
    if (it == m.end()) return token.end_of_subtree();
    token.answer_next(it->first, it->second);
  }

 private:
  const instance_map& current() {
    const auto now = options_.now ? options_.now() : std::chrono::steady_clock::now();
    if (!read_ || now - read_at_ >= options_.cache_for || now < read_at_) {
      instances_ = materialize(read_interfaces(options_.sysfs_net));
      read_at_ = now;
      read_ = true;
    }
    return instances_;
  }

  if_mib_options options_;
  instance_map instances_;
  std::chrono::steady_clock::time_point read_at_{};
  bool read_ = false;
};

}  // namespace

std::vector<interface_info> read_interfaces(const std::string& sysfs_net) {
  std::vector<interface_info> out;
#ifdef __linux__
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::directory_iterator it(sysfs_net, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path dir = it->path();
    interface_info i;
    long long v;
    if (!parse_int(read_attribute(dir / "ifindex"), v) || v <= 0 || v > 0x7fffffff) continue;
    i.index = static_cast<std::int32_t>(v);
    i.name = dir.filename().string();
    if (i.name.size() > 255) i.name.resize(255);
    if (parse_int(read_attribute(dir / "type"), v)) i.type = if_type_of(v);
    if (parse_int(read_attribute(dir / "mtu"), v) && v >= 0 && v <= 0x7fffffff) i.mtu = static_cast<std::int32_t>(v);
    if (parse_int(read_attribute(dir / "speed"), v) && v > 0) {
      const unsigned long long bits = static_cast<unsigned long long>(v) * 1000000ull;
      i.speed = bits > 0xffffffffull || static_cast<unsigned long long>(v) > 0xffffffffull
                    ? 0xffffffffu
                    : static_cast<std::uint32_t>(bits);
    }
    i.phys_address = parse_mac(read_attribute(dir / "address"));
    const bool admin_up = parse_int(read_attribute(dir / "flags"), v, 16) && (v & 0x1) != 0;
    i.admin_status = admin_up ? 1 : 2;
    i.oper_status = oper_status_of(read_attribute(dir / "operstate"), admin_up);
    const fs::path st = dir / "statistics";
    const std::uint64_t rx_packets = read_counter(st / "rx_packets");
    const std::uint64_t multicast = read_counter(st / "multicast");
    i.in_octets = read_counter(st / "rx_bytes");
    i.in_ucast_pkts = rx_packets >= multicast ? rx_packets - multicast : 0;
    i.in_discards = read_counter(st / "rx_dropped");
    i.in_errors = read_counter(st / "rx_errors");
    i.out_octets = read_counter(st / "tx_bytes");
    i.out_ucast_pkts = read_counter(st / "tx_packets");
    i.out_discards = read_counter(st / "tx_dropped");
    i.out_errors = read_counter(st / "tx_errors");
    out.push_back(std::move(i));
  }
  std::sort(out.begin(), out.end(), [](const interface_info& a, const interface_info& b) { return a.index < b.index; });
  // Two directories claiming one index (a race with a renamed device): keep the first.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const interface_info& a, const interface_info& b) { return a.index == b.index; }),
            out.end());
#else
  (void)sysfs_net;
#endif
  return out;
}

std::error_code register_if_mib(command_responder& responder, const if_mib_options& options) {
  return responder.register_subtree(interfaces_oid(), std::make_shared<if_mib_handler>(options));
}

}  // namespace snmpio
