// snmpio::mib without any file on disk: the built-in modules, names to OIDs and back,
// table indexes, value formatting with enumerations, DISPLAY-HINTs and BITS, and typed
// errors for bad names. (What Net-SNMP prints for the same names is checked against
// snmptranslate and snmpwalk in tests/interop/mib_interop_test.cpp.)
#include <snmpio/mib.hpp>

#include <gtest/gtest.h>

#include "tests/support/temp_dir.hpp"

#include <filesystem>
#include <fstream>

#include "lib/mib/mib_tree.hpp"

using namespace snmpio;

namespace {

mib builtins() {
  mib m;
  EXPECT_FALSE(m.load_modules("SNMPv2-MIB:IF-MIB:SNMP-FRAMEWORK-MIB:SNMP-VIEW-BASED-ACM-MIB:SNMP-COMMUNITY-MIB"));
  return m;
}

}  // namespace

TEST(Mib, BuiltinModulesNeedNoFile) {
  const auto& names = mib::builtin_modules();
  for (const char* want : {"SNMPv2-SMI", "SNMPv2-TC", "SNMPv2-MIB", "IF-MIB", "SNMP-FRAMEWORK-MIB", "SNMP-MPD-MIB",
                           "SNMP-USER-BASED-SM-MIB", "SNMP-VIEW-BASED-ACM-MIB", "SNMP-TARGET-MIB",
                           "SNMP-NOTIFICATION-MIB", "SNMP-COMMUNITY-MIB"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
    mib m;  // empty search path: only the built-ins can answer
    EXPECT_FALSE(m.load_module(want)) << want;
  }
}

TEST(Mib, NamesResolveBothWays) {
  mib m = builtins();
  EXPECT_EQ(*m.resolve("SNMPv2-MIB::sysDescr.0"), oid("1.3.6.1.2.1.1.1.0"));
  EXPECT_EQ(*m.resolve("sysDescr.0"), oid("1.3.6.1.2.1.1.1.0"));
  EXPECT_EQ(*m.resolve("IF-MIB::ifDescr.3"), oid("1.3.6.1.2.1.2.2.1.2.3"));
  EXPECT_EQ(*m.resolve("SNMPv2-MIB::coldStart"), oid("1.3.6.1.6.3.1.1.5.1"));
  EXPECT_EQ(*m.resolve(".iso.org.dod.internet.mgmt.mib-2.system.sysDescr.0"), oid("1.3.6.1.2.1.1.1.0"));
  EXPECT_EQ(*m.resolve("SNMPv2-MIB::system.sysDescr.0"), oid("1.3.6.1.2.1.1.1.0"));
  EXPECT_EQ(*m.resolve("1.3.6.1.2.1.1.1.0"), oid("1.3.6.1.2.1.1.1.0"));
  EXPECT_EQ(m.name(oid("1.3.6.1.2.1.1.1.0")), "SNMPv2-MIB::sysDescr.0");
  EXPECT_EQ(m.name(oid("1.3.6.1.2.1.1.1.0"), oid_format::suffix), "sysDescr.0");
  EXPECT_EQ(m.name(oid("1.3.6.1.2.1.1.1.0"), oid_format::full), ".iso.org.dod.internet.mgmt.mib-2.system.sysDescr.0");
  EXPECT_EQ(m.name(oid("1.3.6.1.2.1.1.1.0"), oid_format::ucd), "system.sysDescr.0");
  EXPECT_EQ(m.name(oid("1.3.6.1.2.1.1.1.0"), oid_format::numeric), ".1.3.6.1.2.1.1.1.0");
  EXPECT_EQ(m.name(oid("1.3.6.1.2.1.2.2.1.2.3")), "IF-MIB::ifDescr.3");
  EXPECT_EQ(m.name(oid("1.3.6.1.6.3.1.1.5.1")), "SNMPv2-MIB::coldStart");
  EXPECT_EQ(m.name(oid("1.3.6.1.4.1.8072.3.2.10")), "SNMPv2-SMI::enterprises.8072.3.2.10");
  EXPECT_EQ(m.name(oid("1.3")), "SNMPv2-SMI::org");
  EXPECT_EQ(m.name(oid("1.5.7")), "iso.5.7");
  mib empty;
  EXPECT_EQ(empty.name(oid("1.3.6.1.2.1.1.1.0")), "iso.3.6.1.2.1.1.1.0");
}

TEST(Mib, ModuleLoadsOnDemand) {
  mib m;
  EXPECT_TRUE(m.loaded_modules().empty());
  EXPECT_EQ(*m.resolve("IF-MIB::ifType.1"), oid("1.3.6.1.2.1.2.2.1.3.1"));
  const auto loaded = m.loaded_modules();
  EXPECT_NE(std::find(loaded.begin(), loaded.end(), "IF-MIB"), loaded.end());
}

TEST(Mib, StringIndexesRoundTrip) {
  mib m = builtins();
  // vacmGroupName: INDEX { vacmSecurityModel, vacmSecurityName } (a length-prefixed string)
  const oid want("1.3.6.1.6.3.16.1.2.1.3.2.6.112.117.98.108.105.99");
  EXPECT_EQ(*m.resolve("SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.2.\"public\""), want);
  EXPECT_EQ(m.name(want), "SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.2.\"public\"");
  EXPECT_EQ(m.name(want, oid_format::module, true), "SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.2.6.112.117.98.108.105.99");
  // snmpCommunityName: INDEX { IMPLIED snmpCommunityIndex }: no length, single quotes
  const oid implied("1.3.6.1.6.3.18.1.1.1.2.116");
  EXPECT_EQ(m.name(implied), "SNMP-COMMUNITY-MIB::snmpCommunityName.'t'");
  EXPECT_EQ(*m.resolve("SNMP-COMMUNITY-MIB::snmpCommunityName.'t'"), implied);
  // A truncated instance stays numeric.
  EXPECT_EQ(m.name(oid("1.3.6.1.6.3.16.1.2.1.3.2.6.112")), "SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.2.6.112");
  // object_identity, PySNMP style.
  EXPECT_EQ(*object_identity("SNMP-VIEW-BASED-ACM-MIB", "vacmGroupName", {std::int64_t{2}, std::string("public")})
                 .resolve(m),
            want);
  EXPECT_EQ(*object_identity("SNMPv2-MIB", "sysDescr", {std::int64_t{0}}).resolve(m), oid("1.3.6.1.2.1.1.1.0"));
  EXPECT_EQ(*object_identity("SNMPv2-MIB::sysDescr.0").resolve(m), oid("1.3.6.1.2.1.1.1.0"));
  EXPECT_EQ(*object_identity(oid("1.3.6")).resolve(m), oid("1.3.6"));
}

TEST(Mib, IpAddressIndexes) {
  // No built-in row is indexed by an IpAddress; define one the way a loader would.
  mib m = builtins();
  mib_object row;
  row.module = "TEST-MIB";
  row.name = "tEntry";
  row.oid = oid("1.3.6.1.4.1.99999.1.1");
  row.kind = mib_node_kind::row;
  row.index = {{"TEST-MIB", "tAddr", false}};
  mib_object addr;
  addr.module = "TEST-MIB";
  addr.name = "tAddr";
  addr.oid = oid("1.3.6.1.4.1.99999.1.1.1");
  addr.kind = mib_node_kind::column;
  addr.type = mib_base_type::ip_address;
  mib_object val = addr;
  val.name = "tValue";
  val.oid = oid("1.3.6.1.4.1.99999.1.1.2");
  val.type = mib_base_type::integer32;
  val.named_numbers = {{1, "up"}, {2, "down"}};
  EXPECT_FALSE(m.add(row));
  EXPECT_FALSE(m.add(addr));
  EXPECT_FALSE(m.add(val));
  EXPECT_EQ(m.add(mib_object{}), make_error_code(errc::invalid_argument));
  const oid inst("1.3.6.1.4.1.99999.1.1.2.127.0.0.1");
  EXPECT_EQ(m.name(inst), "TEST-MIB::tValue.127.0.0.1");
  EXPECT_EQ(*m.resolve("TEST-MIB::tValue.127.0.0.1"), inst);
  EXPECT_EQ(*object_identity("TEST-MIB", "tValue", {std::string("127.0.0.1")}).resolve(m), inst);
  EXPECT_EQ(object_identity("TEST-MIB", "tValue", {std::string("300.0.0.1")}).resolve(m).error(),
            make_error_code(errc::mib_bad_index));
  EXPECT_EQ(m.format_varbind({inst, value::integer32(2)}, {.oids = oid_format::module}), "TEST-MIB::tValue.127.0.0.1 = INTEGER: down(2)");
}

TEST(Mib, ValuesWithEnumsHintsAndBits) {
  mib m = builtins();
  format_options o;
  o.oids = oid_format::module;
  EXPECT_EQ(m.format_varbind({oid("1.3.6.1.2.1.2.2.1.3.1"), value::integer32(6)}, o),
            "IF-MIB::ifType.1 = INTEGER: ethernetCsmacd(6)");
  EXPECT_EQ(m.format_varbind({oid("1.3.6.1.2.1.2.2.1.3.1"), value::integer32(100000)}, o),
            "IF-MIB::ifType.1 = INTEGER: 100000");
  auto quick = *parse_output_options("q", o);
  EXPECT_EQ(m.format_varbind({oid("1.3.6.1.2.1.2.2.1.7.1"), value::integer32(1)}, quick), "IF-MIB::ifAdminStatus.1 up");
  auto numeric_enums = *parse_output_options("e", o);
  EXPECT_EQ(m.format_varbind({oid("1.3.6.1.2.1.2.2.1.7.1"), value::integer32(1)}, numeric_enums),
            "IF-MIB::ifAdminStatus.1 = INTEGER: 1");
  // PhysAddress "1x:" (MacAddress-like) and DisplayString "255a".
  EXPECT_EQ(m.format_value(oid("1.3.6.1.2.1.2.2.1.6.2"),
                           value::octet_string(std::string("\x00\x1a\x2b\x3c\x4d\x5e", 6)), o),
            "STRING: 0:1a:2b:3c:4d:5e");
  auto zero = *parse_output_options("0", o);
  EXPECT_EQ(m.format_value(oid("1.3.6.1.2.1.2.2.1.6.2"), value::octet_string(std::string("\x00\x1a", 2)), zero),
            "STRING: 00:1a");
  EXPECT_EQ(m.format_value(oid("1.3.6.1.2.1.1.1.0"), value::octet_string("Linux"), o), "STRING: Linux");
  // A type the MIB does not expect.
  EXPECT_EQ(m.format_value(oid("1.3.6.1.2.1.1.1.0"), value::integer32(5), o), "Wrong Type (should be OCTET STRING): INTEGER: 5");
  // OID values are named too.
  EXPECT_EQ(m.format_value(oid("1.3.6.1.2.1.1.2.0"), value::object_identifier(oid("1.3.6.1.6.3.1.1.5.1")), o),
            "OID: SNMPv2-MIB::coldStart");
  // Exceptions print as without MIB.
  EXPECT_EQ(m.format_value(oid("1.3.6.1.2.1.1.1.0"), value::no_such_instance(), o),
            "No Such Instance currently exists at this OID");
}

TEST(Mib, DisplayHints) {
  using mib_detail::apply_octet_hint;
  using mib_detail::apply_integer_hint;
  std::string out;
  // DateAndTime, with and without the time zone.
  const std::string dt("\x07\xE8\x01\x05\x0A\x03\x04\x00\x2B\x00\x00", 11);
  EXPECT_TRUE(apply_octet_hint(out, "2d-1d-1d,1d:1d:1d.1d,1a1d:1d", dt, false));
  EXPECT_EQ(out, "2024-1-5,10:3:4.0,+0:0");
  out.clear();
  EXPECT_TRUE(apply_octet_hint(out, "2d-1d-1d,1d:1d:1d.1d,1a1d:1d", dt.substr(0, 8), false));
  EXPECT_EQ(out, "2024-1-5,10:3:4.0");
  out.clear();
  // InetAddressIPv4 and InetAddressIPv6.
  EXPECT_TRUE(apply_octet_hint(out, "1d.1d.1d.1d", std::string("\x7F\x00\x00\x01", 4), false));
  EXPECT_EQ(out, "127.0.0.1");
  out.clear();
  EXPECT_TRUE(apply_octet_hint(out, "2x:2x:2x:2x:2x:2x:2x:2x", std::string("\x20\x01\x0d\xb8", 4) + std::string(12, '\0'),
                               false));
  EXPECT_EQ(out, "2001:db8:0:0:0:0:0:0");
  out.clear();
  // A repeat count taken from the data ("*1d." style).
  EXPECT_TRUE(apply_octet_hint(out, "*1x:/", std::string("\x02\xAA\xBB\x01\xCC", 5), false));
  EXPECT_EQ(out, "aa:bb/cc");
  out.clear();
  EXPECT_FALSE(apply_octet_hint(out, "zz", "x", false));
  EXPECT_TRUE(apply_integer_hint(out, "d-2", 1234));
  EXPECT_EQ(out, "12.34");
  out.clear();
  EXPECT_TRUE(apply_integer_hint(out, "d-2", -5));
  EXPECT_EQ(out, "-0.05");
  out.clear();
  EXPECT_TRUE(apply_integer_hint(out, "x", 255));
  EXPECT_EQ(out, "ff");
  out.clear();
  EXPECT_FALSE(apply_integer_hint(out, "d-", 1));
}

TEST(Mib, BadNamesGiveTypedErrors) {
  mib m = builtins();
  std::string reason;
  EXPECT_EQ(m.resolve("nosuch.0", {}, reason).error(), make_error_code(errc::mib_unknown_name));
  EXPECT_EQ(reason, "Sub-id not found: (top) -> nosuch");
  EXPECT_EQ(m.resolve("sysDescr.0", {.random_access = false}, reason).error(), make_error_code(errc::mib_unknown_name));
  EXPECT_EQ(m.resolve("NOSUCH-MIB::sysDescr.0").error(), make_error_code(errc::mib_unknown_module));
  EXPECT_EQ(m.resolve("SNMPv2-MIB::nosuch").error(), make_error_code(errc::mib_unknown_name));
  EXPECT_EQ(m.resolve("IF-MIB::ifDescr.abc", {}, reason).error(), make_error_code(errc::mib_bad_index));
  EXPECT_EQ(reason, "Index out of range: abc (ifIndex)");
  EXPECT_EQ(m.resolve("SNMPv2-MIB::sysDescr.0.foo", {}, reason).error(), make_error_code(errc::mib_unknown_name));
  EXPECT_EQ(reason, "foo");
  for (const char* bad : {"", ".", "::", "SNMPv2-MIB::", "SNMPv2-MIB::sysDescr.", "sysDescr..0", "sysDescr.\"x",
                          "IF-MIB::ifDescr.\"", "1.3.6.1.99999999999", "SNMP-COMMUNITY-MIB::snmpCommunityName.'",
                          "SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.2.\"a\"b"}) {
    EXPECT_FALSE(m.resolve(bad)) << bad;
  }
  EXPECT_EQ(object_identity("IF-MIB", "ifDescr", {std::string("x")}).resolve(m).error(),
            make_error_code(errc::mib_bad_index));
  EXPECT_EQ(m.load_module("NO-SUCH-MODULE"), make_error_code(errc::mib_module_not_found));
  ASSERT_FALSE(m.errors().empty());
  EXPECT_EQ(m.errors().back().message, "Cannot find module (NO-SUCH-MODULE)");
}

TEST(Mib, BadFileNamesItsLineAndOthersStillLoad) {
  const test::temp_dir tmp("mib-bad");
  const std::string dir = tmp.str();
  {
    std::ofstream(dir + "/BROKEN-MIB.txt") << "BROKEN-MIB DEFINITIONS ::= BEGIN\nIMPORTS enterprises FROM SNMPv2-SMI;\n"
                                              "broken OBJECT IDENTIFIER ::= { enterprises 99998 }\n"
                                              "this is not SMI at all ::= \nEND\n";
    std::ofstream(dir + "/GOOD-MIB.txt") << "GOOD-MIB DEFINITIONS ::= BEGIN\n"
                                            "good OBJECT IDENTIFIER ::= { iso 3 6 1 4 1 99997 }\nEND\n";
  }
  mib m;
  m.set_search_path(dir);
  EXPECT_TRUE(m.load_modules("BROKEN-MIB:GOOD-MIB"));
  ASSERT_FALSE(m.errors().empty());
  bool named = false;
  for (const auto& e : m.errors()) named |= e.file.find("BROKEN-MIB.txt") != std::string::npos && e.line > 0;
  EXPECT_TRUE(named);
  EXPECT_EQ(*m.resolve("GOOD-MIB::good"), oid("1.3.6.1.4.1.99997"));
}
