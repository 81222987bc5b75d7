// snmpio — IF-MIB (RFC 2863) instrumentation: the interfaces group (ifNumber and
// ifTable) served from the host's network interfaces, with the kernel's interface
// indexes. Linux only; elsewhere the table is empty and ifNumber is 0.
#pragma once

#include <snmpio/export.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <system_error>
#include <vector>

namespace snmpio {

class command_responder;

/// One row of ifTable, as read from the system.
struct interface_info {
  std::int32_t index = 0;           ///< ifIndex: the kernel's interface index
  std::string name{};               ///< ifDescr: the interface name ("eth0")
  std::int32_t type = 1;            ///< ifType (IANAifType): 6 ethernetCsmacd, 24 softwareLoopback, 1 other
  std::int32_t mtu = 0;             ///< ifMtu
  std::uint32_t speed = 0;          ///< ifSpeed in bits/s, clamped to 2^32-1; 0 when unknown
  std::string phys_address{};       ///< ifPhysAddress: raw octets; empty when all zeros (loopback)
  std::int32_t admin_status = 2;    ///< ifAdminStatus: 1 up, 2 down
  std::int32_t oper_status = 4;     ///< ifOperStatus: 1 up, 2 down, 3 testing, 4 unknown, 5 dormant, 6 notPresent, 7 lowerLayerDown
  std::uint64_t in_octets = 0;
  std::uint64_t in_ucast_pkts = 0;
  std::uint64_t in_discards = 0;
  std::uint64_t in_errors = 0;
  std::uint64_t out_octets = 0;
  std::uint64_t out_ucast_pkts = 0;
  std::uint64_t out_discards = 0;
  std::uint64_t out_errors = 0;
};

struct if_mib_options {
  /// Where the interfaces are read: Linux's sysfs directory of network devices, one
  /// subdirectory per interface (ifindex, type, mtu, speed, address, flags, operstate,
  /// statistics/). Tests point it at a tree of their own.
  std::string sysfs_net = "/sys/class/net";
  /// How long one reading of the interfaces answers requests (a walk is many requests).
  std::chrono::milliseconds cache_for{1000};
  /// The clock the cache uses; empty: std::chrono::steady_clock.
  std::function<std::chrono::steady_clock::time_point()> now{};
};

/// Reads the interfaces under `sysfs_net`, ordered by ifIndex. An interface whose
/// ifindex cannot be read is left out; any other unreadable attribute reads as 0 or
/// empty. Empty on systems other than Linux.
SNMPIO_EXPORT std::vector<interface_info> read_interfaces(const std::string& sysfs_net = "/sys/class/net");

/// Serves ifNumber (1.3.6.1.2.1.2.1.0) and ifTable (1.3.6.1.2.1.2.2) on `responder`:
/// ifIndex, ifDescr, ifType, ifMtu, ifSpeed, ifPhysAddress, ifAdminStatus,
/// ifOperStatus, ifLastChange (0), ifInOctets, ifInUcastPkts, ifInDiscards,
/// ifInErrors, ifOutOctets, ifOutUcastPkts, ifOutDiscards, ifOutErrors (the 64-bit
/// kernel counters modulo 2^32). Registers the subtree 1.3.6.1.2.1.2; fails with
/// responder_errc::overlapping_registration when something is registered there.
SNMPIO_EXPORT std::error_code register_if_mib(command_responder& responder, const if_mib_options& options = {});

}  // namespace snmpio
