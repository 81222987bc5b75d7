// Part of scripts/gen-builtin-mibs.sh: loads each named module from MIB texts with
// snmpio's own libsmi loader and prints its definitions as rows of the built-in table
// (lib/mib/builtin_modules.inc).
//
//   gen-builtin-mibs-dump DIR MODULE...
#include <snmpio/mib.hpp>

#include <cstdio>
#include <string>

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
}

std::string ident(const std::string& module) {
  std::string s;
  for (char c : module) s.push_back(c == '-' ? '_' : c);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DIR MODULE...\n", argv[0]);
    return 2;
  }
  for (int i = 2; i < argc; ++i) {
    const std::string module = argv[i];
    snmpio::mib m;
    m.set_search_path(argv[1]);
    if (auto ec = m.load_module(module)) {
      std::fprintf(stderr, "%s: %s\n", module.c_str(), ec.message().c_str());
      for (const auto& e : m.errors()) std::fprintf(stderr, "  %s:%d: %s\n", e.file.c_str(), e.line, e.message.c_str());
      return 1;
    }
    std::string imports;
    for (const auto& l : m.loaded_modules())
      if (l != module) imports += (imports.empty() ? "" : ",") + l;
    std::printf("// %s\nstatic const builtin_object %s_objects[] = {\n", module.c_str(), ident(module).c_str());
    std::size_t count = 0;
    for (const snmpio::mib_object* o : m.objects()) {
      if (o->module != module) continue;
      std::string enums, index;
      for (const auto& nn : o->named_numbers)
        enums += (enums.empty() ? "" : ",") + std::to_string(nn.number) + " " + nn.label;
      for (const auto& e : o->index)
        index += (index.empty() ? "" : ",") + e.module + "::" + e.name + (e.implied ? "!" : "");
      std::printf("    {%s, \"%s\", %d, %d, %d, %s, %s, %s, %s, %s, %u},\n", quoted(o->name).c_str(),
                  o->oid.to_string().c_str(), static_cast<int>(o->kind), static_cast<int>(o->type),
                  static_cast<int>(o->access), quoted(o->type_name).c_str(), quoted(o->display_hint).c_str(),
                  quoted(o->units).c_str(), quoted(enums).c_str(), quoted(index).c_str(), o->fixed_size);
      ++count;
    }
    std::printf("};\n//@module %s|%s|%s_objects|%zu\n\n", module.c_str(), imports.c_str(), ident(module).c_str(), count);
  }
  return 0;
}
