// make bench: MIB loading and lookups. Load times: every built-in module; every module
// of a MIB directory (MIBDIRS, default the test cache that scripts/fetch-test-mibs.sh
// fills, plus Net-SNMP's /usr/share/snmp/mibs) read from text with libsmi. Lookups: a
// name to its OID, an OID to its name, and a varbind printed with its MIB.
#include <snmpio/mib.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

using namespace snmpio;

namespace {

std::string builtin_list() {
  std::string list;
  for (const auto& b : mib::builtin_modules()) list += (list.empty() ? "" : ":") + b;
  return list;
}

std::string text_dirs() {
  if (const char* d = std::getenv("MIBDIRS")) return d;
  const char* build = std::getenv("BUILD");
  return std::string(build && *build ? build : "build") + "/test-mibs/npm-net-snmp:/usr/share/snmp/mibs";
}

void BM_LoadBuiltinModules(benchmark::State& state) {
  const std::string list = builtin_list();
  for (auto _ : state) {
    mib m;
    benchmark::DoNotOptimize(m.load_modules(list));
  }
}
BENCHMARK(BM_LoadBuiltinModules)->Unit(benchmark::kMillisecond);

void BM_LoadAllTextModules(benchmark::State& state) {
  std::size_t objects = 0;
  for (auto _ : state) {
    mib m;
    m.set_search_path(text_dirs());
    (void)m.load_modules("ALL");
    objects = m.objects().size();
  }
  state.counters["objects"] = static_cast<double>(objects);
}
BENCHMARK(BM_LoadAllTextModules)->Unit(benchmark::kMillisecond);

mib& loaded() {
  static mib m = [] {
    mib x;
    x.set_search_path(text_dirs());
    (void)x.load_modules("ALL");
    (void)x.load_modules(builtin_list());
    return x;
  }();
  return m;
}

void BM_ResolveName(benchmark::State& state) {
  mib& m = loaded();
  for (auto _ : state) benchmark::DoNotOptimize(m.resolve("IF-MIB::ifDescr.3"));
}
BENCHMARK(BM_ResolveName);

void BM_ResolveBareName(benchmark::State& state) {
  mib& m = loaded();
  for (auto _ : state) benchmark::DoNotOptimize(m.resolve("sysDescr.0"));
}
BENCHMARK(BM_ResolveBareName);

void BM_FindByName(benchmark::State& state) {
  const mib& m = loaded();
  for (auto _ : state) benchmark::DoNotOptimize(m.find("SNMPv2-MIB", "sysDescr"));
}
BENCHMARK(BM_FindByName);

void BM_NameOfOid(benchmark::State& state) {
  const mib& m = loaded();
  const oid o("1.3.6.1.6.3.16.1.2.1.3.2.6.112.117.98.108.105.99");
  for (auto _ : state) benchmark::DoNotOptimize(m.name(o));
}
BENCHMARK(BM_NameOfOid);

void BM_FormatVarbind(benchmark::State& state) {
  const mib& m = loaded();
  const varbind vb{oid("1.3.6.1.2.1.2.2.1.3.1"), value::integer32(6)};
  const format_options o{.oids = oid_format::module};
  std::string line;
  for (auto _ : state) {
    line.clear();
    m.append_varbind(line, vb, o);
    benchmark::DoNotOptimize(line.data());
  }
}
BENCHMARK(BM_FormatVarbind);

}  // namespace

BENCHMARK_MAIN();
