# snmpio — the one build.
#
#   make                 library (static + shared) and every sample, into build/
#   make test            install missing deps, build, run every test tier; last line "N passed, N failed"
#   make demo            install missing deps, build, run the demo
#   make bench           build and run the benchmarks
#   make fuzz            build the libFuzzer targets (clang) into build/fuzz/
#   make check-man       lint every man page
#   make install         PREFIX=/usr/local DESTDIR=
#   make SANITIZE=address,undefined test    same suite under sanitizers, in its own folder
#
# Sources are found by wildcard: a new lib/*/*.cpp, reactor/*.cpp, samples/*.cpp or
# tests/*/*_test.cpp is built without touching this file.

VERSION_MAJOR := 0
VERSION_MINOR := 1
VERSION_PATCH := 0
VERSION := $(VERSION_MAJOR).$(VERSION_MINOR).$(VERSION_PATCH)

PREFIX ?= /usr/local
DESTDIR ?=
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man

CXX ?= g++
CLANGXX ?= clang++
CXXFLAGS ?= -O2 -g
SANITIZE ?=
comma := ,

ifeq ($(SANITIZE),)
BUILD ?= build
SAN_FLAGS :=
else
BUILD ?= build-$(subst $(comma),-,$(SANITIZE))
SAN_FLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
# GCC's -Wmaybe-uninitialized misfires inside libstdc++ (<regex>) once sanitizers
# instrument the code; the plain build keeps the warning.
SAN_CXXFLAGS := -Wno-maybe-uninitialized
endif

UNAME_S := $(shell uname -s)

# Third-party flags come from pkg-config; recursive (=) so that they are only asked for
# when a recipe runs, after scripts/deps.sh has had its chance to install them.
DEP_PKGS := openssl libsodium spdlog
DEP_CFLAGS = $(shell pkg-config --cflags $(DEP_PKGS))
DEP_LIBS = $(shell pkg-config --libs $(DEP_PKGS))
# libsmi (lib/mib only): MIB text loading.
DEP_LIBS += $(shell pkg-config --libs libsmi 2>/dev/null || echo -lsmi)
GTEST_LIBS = $(shell pkg-config --libs gtest 2>/dev/null || echo -lgtest) -pthread
BENCH_LIBS = -lbenchmark -pthread
NETSNMP_LIBS = $(shell net-snmp-config --libs 2>/dev/null || echo -lnetsnmp)

# V=1 shows every command; by default one short line per step.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-7s %s\n' $(1) $(2)
endif

WARN := -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor -Wpointer-arith
BASE_CXXFLAGS := -std=c++20 $(WARN) -fPIC -fvisibility=hidden -fvisibility-inlines-hidden \
  -Iinclude -Ilib -I. -MMD -MP $(SAN_FLAGS)
ALL_CXXFLAGS = $(BASE_CXXFLAGS) $(SAN_CXXFLAGS) $(DEP_CFLAGS) $(CXXFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)

# ---------------------------------------------------------------- sources
LIB_SRCS := $(sort $(wildcard lib/*.cpp lib/*/*.cpp))
REACTOR_SRCS := $(sort $(wildcard reactor/*.cpp))
SAMPLE_COMMON_SRCS := $(sort $(wildcard samples/common/*.cpp))
SAMPLE_SRCS := $(sort $(wildcard samples/*.cpp))
UNIT_TEST_SRCS := $(sort $(wildcard tests/unit/*.cpp))
INTEROP_TEST_SRCS := $(sort $(wildcard tests/interop/*.cpp))
FUZZ_TARGET_SRCS := $(sort $(wildcard tests/fuzz/*_fuzz.cpp))
FUZZ_SUPPORT_SRCS := $(filter-out $(FUZZ_TARGET_SRCS),$(sort $(wildcard tests/fuzz/*.cpp)))
BENCH_SRCS := $(sort $(wildcard bench/*_bench.cpp))
BENCH_C_SRCS := $(sort $(wildcard bench/*.c))
PUBLIC_HEADERS := $(sort $(wildcard include/snmpio/*.hpp))
MAN_PAGES := $(sort $(wildcard man/man1/*.1 man/man3/*.3 man/man5/*.5 man/man7/*.7))

obj = $(patsubst %.cpp,$(BUILD)/obj/%.o,$(1))

LIB_OBJS := $(call obj,$(LIB_SRCS) $(REACTOR_SRCS))
SAMPLE_COMMON_OBJS := $(call obj,$(SAMPLE_COMMON_SRCS))
SAMPLE_BINS := $(patsubst samples/%.cpp,$(BUILD)/bin/%,$(SAMPLE_SRCS))
HEADER_TEST_SRCS := $(patsubst include/snmpio/%.hpp,$(BUILD)/gen/header_%_test.cpp,$(PUBLIC_HEADERS))

STATIC_LIB := $(BUILD)/lib/libsnmpio.a
SHARED_LIB := $(BUILD)/lib/libsnmpio.so.$(VERSION)
SONAME := libsnmpio.so.$(VERSION_MAJOR)

UNIT_TESTS := $(BUILD)/tests/unit_tests
INTEROP_TESTS := $(BUILD)/tests/interop_tests
FUZZ_REPLAY := $(BUILD)/tests/fuzz_replay
HEADER_TESTS := $(BUILD)/tests/header_tests
TEST_BINS := $(HEADER_TESTS) $(UNIT_TESTS) $(FUZZ_REPLAY) $(if $(INTEROP_TEST_SRCS),$(INTEROP_TESTS))
# Shell-level checks counted with the test binaries (install, man pages).
TEST_SCRIPTS := $(sort $(wildcard tests/scripts/*_test.sh))

.PHONY: all lib samples test tests demo bench fuzz install uninstall clean check-man deps \
  _test _demo FORCE
.DEFAULT_GOAL := all
.SECONDARY:

all: lib samples

lib: $(STATIC_LIB) $(SHARED_LIB)

samples: $(SAMPLE_BINS)

deps:
	@scripts/deps.sh

# ---------------------------------------------------------------- library
$(BUILD)/obj/%.o: %.cpp
	@mkdir -p $(dir $@)
	$(call say,CXX,$<)
	$(Q)$(CXX) $(ALL_CXXFLAGS) -c $< -o $@

$(STATIC_LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(SHARED_LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CXX) -shared -Wl,-soname,$(SONAME) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS) -pthread
	$(Q)ln -sf libsnmpio.so.$(VERSION) $(BUILD)/lib/$(SONAME)
	$(Q)ln -sf $(SONAME) $(BUILD)/lib/libsnmpio.so

# ---------------------------------------------------------------- samples
$(BUILD)/bin/%: $(BUILD)/obj/samples/%.o $(SAMPLE_COMMON_OBJS) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CXX) $(ALL_LDFLAGS) -o $@ $< $(SAMPLE_COMMON_OBJS) $(STATIC_LIB) $(DEP_LIBS) -pthread

# ---------------------------------------------------------------- tests
# One self-contained translation unit per public header: it must compile on its own.
$(BUILD)/gen/header_%_test.cpp: include/snmpio/%.hpp
	@mkdir -p $(dir $@)
	@printf '#include <snmpio/%s.hpp>\n#include <snmpio/%s.hpp>  // and twice: include guards\n#include <gtest/gtest.h>\nTEST(PublicHeader, %s) { SUCCEED(); }\n' \
	  '$*' '$*' '$(subst -,_,$*)' > $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.cpp
	@mkdir -p $(dir $@)
	$(call say,CXX,$<)
	$(Q)$(CXX) $(ALL_CXXFLAGS) -c $< -o $@

$(HEADER_TESTS): $(patsubst $(BUILD)/gen/%.cpp,$(BUILD)/obj/gen/%.o,$(HEADER_TEST_SRCS)) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CXX) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(STATIC_LIB) $(DEP_LIBS) $(GTEST_LIBS) -lgtest_main

$(UNIT_TESTS): $(call obj,$(UNIT_TEST_SRCS)) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CXX) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(STATIC_LIB) $(DEP_LIBS) $(GTEST_LIBS) -lgtest_main

$(INTEROP_TESTS): $(call obj,$(INTEROP_TEST_SRCS)) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CXX) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(STATIC_LIB) $(DEP_LIBS) $(NETSNMP_LIBS) $(GTEST_LIBS) -lgtest_main

# The fuzz targets, compiled by the normal compiler and replayed over the checked-in corpus.
$(FUZZ_REPLAY): $(call obj,$(FUZZ_TARGET_SRCS) $(FUZZ_SUPPORT_SRCS)) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CXX) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(STATIC_LIB) $(DEP_LIBS) $(GTEST_LIBS) -lgtest_main

tests: lib samples $(TEST_BINS)

test:
	@scripts/deps.sh
	@$(MAKE) --no-print-directory _test

_test: tests
	@BUILD=$(BUILD) SANITIZE=$(SANITIZE) scripts/run-tests.sh $(TEST_BINS) $(TEST_SCRIPTS)

# ---------------------------------------------------------------- demo
demo:
	@scripts/deps.sh
	@$(MAKE) --no-print-directory _demo

_demo: lib samples
	@BUILD=$(BUILD) scripts/demo.sh

# ---------------------------------------------------------------- bench
BENCH_BINS := $(patsubst bench/%.cpp,$(BUILD)/bench/%,$(BENCH_SRCS))
BENCH_C_BINS := $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_C_SRCS))

$(BUILD)/bench/%: $(BUILD)/obj/bench/%.o $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_LDFLAGS) -o $@ $< $(STATIC_LIB) $(DEP_LIBS) $(BENCH_LIBS)

$(BUILD)/bench/%: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -Wall -Wextra -Werror -o $@ $< $(if $(findstring netsnmp,$*),$(NETSNMP_LIBS))

bench: lib samples $(BENCH_BINS) $(BENCH_C_BINS)
	@BUILD=$(BUILD) scripts/run-bench.sh

# ---------------------------------------------------------------- fuzz
# libFuzzer targets: clang, ASan + UBSan, the library sources compiled in.
FUZZ_BUILD := $(BUILD)/fuzz
FUZZ_FLAGS := -std=c++20 -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
  -fno-sanitize-recover=all -Iinclude -Ilib -I. -DSNMPIO_LIBFUZZER -MMD -MP
FUZZ_LIB_OBJS := $(patsubst %.cpp,$(FUZZ_BUILD)/obj/%.o,$(LIB_SRCS) $(REACTOR_SRCS))
FUZZ_BINS := $(patsubst tests/fuzz/%.cpp,$(FUZZ_BUILD)/%,$(FUZZ_TARGET_SRCS))

$(FUZZ_BUILD)/obj/%.o: %.cpp
	@mkdir -p $(dir $@)
	$(CLANGXX) $(FUZZ_FLAGS) $(DEP_CFLAGS) -c $< -o $@

$(FUZZ_BUILD)/%_fuzz: $(FUZZ_BUILD)/obj/tests/fuzz/%_fuzz.o $(FUZZ_LIB_OBJS)
	$(CLANGXX) -fsanitize=fuzzer,address,undefined -o $@ $^ $(DEP_LIBS)

fuzz: $(FUZZ_BINS)

# ---------------------------------------------------------------- man pages
check-man:
	@scripts/check-man.sh $(MAN_PAGES)

# ---------------------------------------------------------------- install
PC_FILE := $(BUILD)/snmpio.pc
# snmpio.pc names libdir and includedir through ${prefix} when they lie under PREFIX, so
# that `pkg-config --define-prefix` finds a tree moved elsewhere (or installed with
# DESTDIR). Its Cflags are snmpio's own: the public headers include no third-party header,
# so the dependencies (spdlog's -DSPDLOG_* defines above all) stay out of the user's build;
# they are only named, as libraries, for static linking (Libs.private).
PC_LIBDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCLUDEDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))

# Written on every install: PREFIX, LIBDIR and INCLUDEDIR may differ from the last run.
$(PC_FILE): FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' \
	  'prefix=$(PREFIX)' \
	  'libdir=$(PC_LIBDIR)' \
	  'includedir=$(PC_INCLUDEDIR)' \
	  '' \
	  'Name: snmpio' \
	  'Description: C++20 SNMP library: command generator/responder, notifications, SNMPv3' \
	  'Version: $(VERSION)' \
	  'Cflags: -I$${includedir} -std=c++20' \
	  'Libs: -L$${libdir} -lsnmpio' \
	  'Libs.private: $(strip $(DEP_LIBS)) -pthread' > $@

FORCE:

# Only the command-line tools (snmpio-*) are installed; the other samples (embed_poll)
# are examples to read and build, not programs for $(BINDIR).
TOOL_BINS := $(filter $(BUILD)/bin/snmpio-%,$(SAMPLE_BINS))

install: lib samples $(PC_FILE)
	install -d $(DESTDIR)$(INCLUDEDIR)/snmpio $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(BINDIR)
	install -m 644 $(PUBLIC_HEADERS) $(DESTDIR)$(INCLUDEDIR)/snmpio/
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SHARED_LIB) $(DESTDIR)$(LIBDIR)/
	ln -sf libsnmpio.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libsnmpio.so
	install -m 644 $(PC_FILE) $(DESTDIR)$(LIBDIR)/pkgconfig/
	$(if $(TOOL_BINS),install -m 755 $(TOOL_BINS) $(DESTDIR)$(BINDIR)/)
	@# An alias page (one more name of a call a family page documents) is a relative
	@# symlink in man/ and is installed as one.
	$(Q)for f in $(MAN_PAGES); do \
	  d=$(DESTDIR)$(MANDIR)/$$(basename $$(dirname $$f)); \
	  install -d $$d || exit 1; \
	  if [ -L $$f ]; then ln -sfn $$(readlink $$f) $$d/$$(basename $$f) || exit 1; \
	  else install -m 644 $$f $$d/ || exit 1; fi; \
	done

uninstall:
	rm -rf $(DESTDIR)$(INCLUDEDIR)/snmpio
	rm -f $(DESTDIR)$(LIBDIR)/libsnmpio.a $(DESTDIR)$(LIBDIR)/libsnmpio.so* $(DESTDIR)$(LIBDIR)/pkgconfig/snmpio.pc
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(TOOL_BINS)))
	for f in $(MAN_PAGES); do rm -f $(DESTDIR)$(MANDIR)/$$(basename $$(dirname $$f))/$$(basename $$f); done

clean:
	rm -rf build build-*

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
