// IF-MIB instrumentation (lib/apps/if_mib.cpp): reading a sysfs tree of the test's own
// making, the host's real interfaces against if_nameindex(3), and the interfaces group
// served over loopback by a command responder and walked by a command generator.
#include <snmpio/command_generator.hpp>
#include <snmpio/command_responder.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/if_mib.hpp>
#include <snmpio/reactor.hpp>

#include <gtest/gtest.h>

#include "tests/support/temp_dir.hpp"

#include <net/if.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

namespace snmpio {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class fake_sysfs {
 public:
  fake_sysfs() {
    root_ = test::make_temp_dir("if-mib");
  }
  ~fake_sysfs() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  void write(const std::string& iface, const std::string& attr, const std::string& content) {
    const fs::path p = root_ / iface / attr;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << content << "\n";
  }
  void add(const std::string& name, int index, int type, int mtu, const std::string& speed, const std::string& mac,
           const std::string& flags, const std::string& operstate) {
    write(name, "ifindex", std::to_string(index));
    write(name, "type", std::to_string(type));
    write(name, "mtu", std::to_string(mtu));
    if (!speed.empty()) write(name, "speed", speed);
    write(name, "address", mac);
    write(name, "flags", flags);
    write(name, "operstate", operstate);
  }
  std::string path() const { return root_.string(); }

 private:
  fs::path root_;
};

// The tree most tests use: an Ethernet interface with big counters, a loopback, a
// down interface of an unmapped type, and a directory without an ifindex.
void populate(fake_sysfs& s) {
  s.add("eth9", 7, 1, 9000, "100000", "aa:bb:cc:dd:ee:0f", "0x1003", "up");
  s.write("eth9", "statistics/rx_bytes", "4294967306");  // 2^32 + 10
  s.write("eth9", "statistics/rx_packets", "1000");
  s.write("eth9", "statistics/multicast", "10");
  s.write("eth9", "statistics/rx_dropped", "3");
  s.write("eth9", "statistics/rx_errors", "4");
  s.write("eth9", "statistics/tx_bytes", "123456");
  s.write("eth9", "statistics/tx_packets", "500");
  s.write("eth9", "statistics/tx_dropped", "5");
  s.write("eth9", "statistics/tx_errors", "6");
  s.add("lo", 1, 772, 65536, "", "00:00:00:00:00:00", "0x9", "unknown");
  s.add("tun3", 12, 65534, 1400, "-1", "", "0x1090", "down");
  s.write("gone", "mtu", "1500");  // no ifindex: not an interface
}

TEST(IfMib, ReadsAFakeSysfsTree) {
  fake_sysfs s;
  populate(s);
  auto ifs = read_interfaces(s.path());
#ifndef __linux__
  EXPECT_TRUE(ifs.empty());
  GTEST_SKIP() << "IF-MIB reads interfaces on Linux only";
#endif
  ASSERT_EQ(ifs.size(), 3u);
  EXPECT_EQ(ifs[0].index, 1);
  EXPECT_EQ(ifs[0].name, "lo");
  EXPECT_EQ(ifs[0].type, 24);
  EXPECT_EQ(ifs[0].phys_address, "");  // all zeros: no address
  EXPECT_EQ(ifs[0].speed, 0u);
  EXPECT_EQ(ifs[0].admin_status, 1);
  EXPECT_EQ(ifs[0].oper_status, 1);  // "unknown" and administratively up

  EXPECT_EQ(ifs[1].index, 7);
  EXPECT_EQ(ifs[1].name, "eth9");
  EXPECT_EQ(ifs[1].type, 6);
  EXPECT_EQ(ifs[1].mtu, 9000);
  EXPECT_EQ(ifs[1].speed, 4294967295u);  // 100 Gb/s does not fit a Gauge32
  EXPECT_EQ(ifs[1].phys_address, "\xaa\xbb\xcc\xdd\xee\x0f");
  EXPECT_EQ(ifs[1].in_octets, 4294967306u);
  EXPECT_EQ(ifs[1].in_ucast_pkts, 990u);
  EXPECT_EQ(ifs[1].in_discards, 3u);
  EXPECT_EQ(ifs[1].in_errors, 4u);
  EXPECT_EQ(ifs[1].out_octets, 123456u);
  EXPECT_EQ(ifs[1].out_ucast_pkts, 500u);
  EXPECT_EQ(ifs[1].out_discards, 5u);
  EXPECT_EQ(ifs[1].out_errors, 6u);

  EXPECT_EQ(ifs[2].index, 12);
  EXPECT_EQ(ifs[2].type, 1);  // ARPHRD_NONE: other
  EXPECT_EQ(ifs[2].speed, 0u);
  EXPECT_EQ(ifs[2].admin_status, 2);
  EXPECT_EQ(ifs[2].oper_status, 2);
  EXPECT_EQ(ifs[2].in_octets, 0u);  // no statistics directory
}

TEST(IfMib, BadAttributesReadAsNothing) {
  fake_sysfs s;
  s.add("x0", 3, 1, 1500, "100", "zz:bb", "nothex", "sideways");
  s.write("x0", "statistics/rx_bytes", "-5");
  s.add("neg", -1, 1, 1500, "100", "", "0x1", "up");
  s.add("huge", 1, 1, 1500, "100", "", "0x1", "up");
  s.write("huge", "ifindex", "99999999999");
  auto ifs = read_interfaces(s.path());
#ifndef __linux__
  GTEST_SKIP() << "IF-MIB reads interfaces on Linux only";
#endif
  ASSERT_EQ(ifs.size(), 1u);
  EXPECT_EQ(ifs[0].phys_address, "");
  EXPECT_EQ(ifs[0].admin_status, 2);
  EXPECT_EQ(ifs[0].oper_status, 4);
  EXPECT_EQ(ifs[0].in_octets, 0u);
  EXPECT_TRUE(read_interfaces(s.path() + "/does-not-exist").empty());
}

#ifdef __linux__
TEST(IfMib, HostInterfacesMatchIfNameindex) {
  auto ifs = read_interfaces();
  std::map<unsigned, std::string> expected;
  if (auto* list = ::if_nameindex()) {
    for (auto* p = list; p->if_index != 0; ++p) expected[p->if_index] = p->if_name;
    ::if_freenameindex(list);
  }
  ASSERT_FALSE(expected.empty());
  std::map<unsigned, std::string> got;
  for (const auto& i : ifs) got[static_cast<unsigned>(i.index)] = i.name;
  EXPECT_EQ(got, expected);
  bool loopback = false;
  for (const auto& i : ifs)
    if (i.name == "lo") loopback = i.type == 24 && i.admin_status == 1;
  EXPECT_TRUE(loopback);
}
#endif

// An agent (engine + responder + IF-MIB on the fake tree) and a manager on one reactor.
class IfMibServed : public ::testing::Test {
 protected:
  void SetUp() override {
    populate(sysfs_);
    ASSERT_FALSE(eng_.listen(endpoint::loopback_v4(0)));
    ASSERT_FALSE(eng_.add_community({"public", "pub", "", ""}));
    eng_.add_vacm_group(security_model::v2c, "pub", "g");
    ASSERT_FALSE(eng_.add_vacm_view("all", oid{1}));
    eng_.add_vacm_access({"g", "", security_model::any, security_level::no_auth_no_priv, context_match::exact, "all",
                          "", ""});
    if_mib_options o;
    o.sysfs_net = sysfs_.path();
    o.now = [this] { return now_; };
    ASSERT_FALSE(register_if_mib(responder_, o));
    port_ = eng_.listening_endpoints().at(0).port();
  }

  response run(pdu_type type, std::vector<oid> names) {
    response out;
    bool done = false;
    std::error_code err;
    auto h = [&](std::error_code ec, response r) {
      err = ec;
      out = std::move(r);
      done = true;
      loop_.stop();
    };
    const target to = udp_target{"127.0.0.1", port_, {.timeout = 2s, .retries = 0}};
    auto started = type == pdu_type::get_request ? gen_.get({"public"}, to, {}, std::move(names), h)
                                                 : gen_.get_next({"public"}, to, {}, std::move(names), h);
    EXPECT_TRUE(started.has_value());
    loop_.run();
    EXPECT_TRUE(done);
    EXPECT_FALSE(err) << err.message();
    return out;
  }

  std::vector<varbind> walk_all() {
    std::vector<varbind> rows;
    bool done = false;
    const target to = udp_target{"127.0.0.1", port_, {.timeout = 2s, .retries = 0}};
    auto started = gen_.walk(
        {"public"}, to, {}, {oid("1.3.6.1.2.1.2")}, {},
        [&](const std::vector<varbind>& row) {
          rows.insert(rows.end(), row.begin(), row.end());
          return true;
        },
        [&](std::error_code ec, response) {
          EXPECT_FALSE(ec) << ec.message();
          done = true;
          loop_.stop();
        });
    EXPECT_TRUE(started.has_value());
    loop_.run();
    EXPECT_TRUE(done);
    return rows;
  }

  fake_sysfs sysfs_;
  reactor loop_;
  engine eng_{loop_};
  command_responder responder_{eng_};
  command_generator gen_{eng_};
  std::chrono::steady_clock::time_point now_{std::chrono::hours(1)};
  std::uint16_t port_ = 0;
};

TEST_F(IfMibServed, WalkServesEveryColumnInOrder) {
#ifndef __linux__
  GTEST_SKIP() << "IF-MIB reads interfaces on Linux only";
#endif
  auto rows = walk_all();
  // ifNumber, then 17 columns x 3 interfaces.
  ASSERT_EQ(rows.size(), 1u + 17u * 3u);
  EXPECT_EQ(rows[0].name, oid("1.3.6.1.2.1.2.1.0"));
  EXPECT_EQ(rows[0].value, value::integer32(3));
  std::map<oid, value> by_name;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_LT(rows[i - 1].name, rows[i].name);
    by_name[rows[i].name] = rows[i].value;
  }
  auto at = [&](std::uint32_t column, std::uint32_t index) {
    oid n("1.3.6.1.2.1.2.2.1");
    n.push_back(column);
    n.push_back(index);
    return by_name.at(n);
  };
  EXPECT_EQ(at(1, 7), value::integer32(7));
  EXPECT_EQ(at(2, 7), value::octet_string("eth9"));
  EXPECT_EQ(at(3, 1), value::integer32(24));
  EXPECT_EQ(at(4, 7), value::integer32(9000));
  EXPECT_EQ(at(5, 7), value::gauge32(4294967295u));
  EXPECT_EQ(at(6, 7), value::octet_string("\xaa\xbb\xcc\xdd\xee\x0f"));
  EXPECT_EQ(at(6, 1), value::octet_string(""));
  EXPECT_EQ(at(7, 12), value::integer32(2));
  EXPECT_EQ(at(8, 7), value::integer32(1));
  EXPECT_EQ(at(9, 7), value::time_ticks(0));
  EXPECT_EQ(at(10, 7), value::counter32(10));  // 2^32 + 10, modulo 2^32
  EXPECT_EQ(at(11, 7), value::counter32(990));
  EXPECT_EQ(at(13, 7), value::counter32(3));
  EXPECT_EQ(at(14, 7), value::counter32(4));
  EXPECT_EQ(at(16, 7), value::counter32(123456));
  EXPECT_EQ(at(17, 7), value::counter32(500));
  EXPECT_EQ(at(19, 7), value::counter32(5));
  EXPECT_EQ(at(20, 7), value::counter32(6));
}

TEST_F(IfMibServed, GetAnswersExceptionsForMissingInstancesAndObjects) {
#ifndef __linux__
  GTEST_SKIP() << "IF-MIB reads interfaces on Linux only";
#endif
  auto r = run(pdu_type::get_request, {oid("1.3.6.1.2.1.2.2.1.2.7"), oid("1.3.6.1.2.1.2.2.1.2.8"),
                                       oid("1.3.6.1.2.1.2.2.1.12.7"), oid("1.3.6.1.2.1.2.1.1"),
                                       oid("1.3.6.1.2.1.2.3.0")});
  ASSERT_EQ(r.varbinds.size(), 5u);
  EXPECT_EQ(r.varbinds[0].value, value::octet_string("eth9"));
  EXPECT_EQ(r.varbinds[1].value, value::no_such_instance());  // no interface 8
  EXPECT_EQ(r.varbinds[2].value, value::no_such_object());    // ifInNUcastPkts: not served
  EXPECT_EQ(r.varbinds[3].value, value::no_such_instance());  // ifNumber.1
  EXPECT_EQ(r.varbinds[4].value, value::no_such_object());
}

TEST_F(IfMibServed, GetNextCrossesColumnsAndLeavesTheGroup) {
#ifndef __linux__
  GTEST_SKIP() << "IF-MIB reads interfaces on Linux only";
#endif
  auto r = run(pdu_type::get_next_request,
               {oid("1.3.6.1.2.1.2.2.1.2.12"), oid("1.3.6.1.2.1.2.2.1.11.4294967295"), oid("1.3.6.1.2.1.2.2.1.20.12")});
  ASSERT_EQ(r.varbinds.size(), 3u);
  EXPECT_EQ(r.varbinds[0].name, oid("1.3.6.1.2.1.2.2.1.3.1"));
  EXPECT_EQ(r.varbinds[1].name, oid("1.3.6.1.2.1.2.2.1.13.1"));
  // After the last column: past the interfaces group (endOfMibView with nothing else
  // registered).
  EXPECT_TRUE(r.varbinds[2].value.type() == value_type::end_of_mib_view ||
              !r.varbinds[2].name.starts_with(oid("1.3.6.1.2.1.2")))
      << r.varbinds[2].name.to_string();
}

TEST_F(IfMibServed, ValuesAreCachedForTheConfiguredTime) {
#ifndef __linux__
  GTEST_SKIP() << "IF-MIB reads interfaces on Linux only";
#endif
  const oid in_octets("1.3.6.1.2.1.2.2.1.10.7");
  EXPECT_EQ(run(pdu_type::get_request, {in_octets}).varbinds.at(0).value, value::counter32(10));
  sysfs_.write("eth9", "statistics/rx_bytes", "20");
  now_ += 500ms;
  EXPECT_EQ(run(pdu_type::get_request, {in_octets}).varbinds.at(0).value, value::counter32(10));
  now_ += 600ms;
  EXPECT_EQ(run(pdu_type::get_request, {in_octets}).varbinds.at(0).value, value::counter32(20));
}

TEST_F(IfMibServed, RegisteringTwiceOverlaps) {
  EXPECT_EQ(register_if_mib(responder_), make_error_code(responder_errc::overlapping_registration));
}

}  // namespace
}  // namespace snmpio
