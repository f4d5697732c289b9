# huff - build, test and install.
#
#   make                  static and shared library, the huff program
#                         (build/release/)
#   make test             unit tests (Check) and command-line tests
#   make SANITIZE=1 test  the same under ASan+UBSan (build/sanitize/)
#   make PORTABLE=1 test  C only, without the x86-64 decode loop
#                         (build/release-portable/; with SANITIZE=1 too)
#   make install          PREFIX=/usr/local, DESTDIR= (staging), see below
#   make uninstall        removes exactly what install put there
#   make test-install     install into a temporary DESTDIR, build against
#                         it with pkg-config (static and shared), uninstall
#   make test-slow        5 GiB through huff -c | huff -dc, memory measured
#   make valgrind         the tests under valgrind memcheck
#   make lint             cppcheck and clang-tidy
#   make HUFF0_SRC=DIR    huff bench --speed also measures zstd's huff0,
#                         built from DIR, a zstd source tree's lib/ (below)
#   make fuzz             libFuzzer harnesses (tests/fuzz/), see below
#   make clean
#
# New files are picked up by wildcard: src/*.c go into the library,
# src/cli/*.c into the program, tests/unit/test_*.c each become a Check test
# program, tests/cli/*.sh are run by tests/cli/run.sh.

CC      ?= cc
PKG_CONFIG ?= pkg-config
OPT     ?= -O2
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wundef -Wpointer-arith -Wcast-qual -Wvla \
           -Wformat=2
# CI sets CI=true: there warnings are errors (not in users' builds, whose
# compilers may know warnings ours do not).
ifeq ($(CI),true)
WARN    += -Werror
endif

DEP_PKGS  := zlib libxxhash
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEP_PKGS))
# -pthread: the library's worker threads (src/pool.c, huff_params.threads).
DEP_LIBS  := $(shell $(PKG_CONFIG) --libs $(DEP_PKGS)) -lm -pthread
# The library itself needs only xxHash, libm and threads (zlib is huff
# bench's baseline): what libhuff.so links and libhuff.pc lists.
LIB_DEP_LIBS := $(shell $(PKG_CONFIG) --libs libxxhash) -lm -pthread
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check)

CFLAGS  ?= $(OPT) -g
CPPFLAGS += -Iinclude
ifeq ($(SANITIZE),1)
B       := build/sanitize
CFLAGS  += -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
           -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
else
B       := build/release
endif
# clang builds apart from gcc's (CI builds both, warnings as errors).
ifneq ($(filter clang%,$(notdir $(CC))),)
B       := $(B)-clang
endif
# PORTABLE=1: C only, no x86-64 assembly (src/decode_x86_64.h); its own
# build directory, so that both builds can be tested side by side.
ifeq ($(PORTABLE),1)
CPPFLAGS += -DHUFF_PORTABLE
B       := $(B)-portable
endif

# src/checksum_avx2.c alone is built for AVX2 on x86-64; it runs only on a
# CPU that has it (src/checksum.h).
ifneq ($(filter x86_64-%,$(shell $(CC) -dumpmachine)),)
$(B)/obj/src/checksum_avx2.o $(B)/pic/src/checksum_avx2.o $(B)/tobj/src/checksum_avx2.o: ALL_CFLAGS += -mavx2
endif

# The library exports only what huff.h marks HUFF_API (tests/install/
# checks the shared library's dynamic symbols against the header).
VIS     := -fvisibility=hidden
ALL_CFLAGS := $(WARN) $(CFLAGS) $(DEP_CFLAGS) -pthread

# The version, from huff.h: one place to change it.
version_part = $(shell sed -n 's/^\#define HUFF_VERSION_$(1) *\([0-9][0-9]*\).*/\1/p' include/huff.h)
MAJOR   := $(call version_part,MAJOR)
MINOR   := $(call version_part,MINOR)
PATCH   := $(call version_part,PATCH)
VERSION := $(MAJOR).$(MINOR).$(PATCH)
# The soname's number counts ABI breaks, not releases: a program built
# against libhuff.so.N runs with every later libhuff.so.N.  1: huff_params,
# huff_stats and the reports got reserved words (huff.h, "Compression
# parameters") and arrays by block type their fixed length.
ABI     := 1
SONAME  := libhuff.so.$(ABI)
SHLIB   := libhuff.so.$(VERSION)

LIB_SRC  := $(sort $(wildcard src/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_HELPERS := $(filter-out $(UNIT_SRC),$(sort $(wildcard tests/unit/*.c)))

LIB_OBJ  := $(LIB_SRC:%.c=$(B)/obj/%.o)
# The shared library's objects: the same sources, position-independent.
PIC_OBJ  := $(LIB_SRC:%.c=$(B)/pic/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/obj/%.o)
# The test build: the same sources with assertions on (HUFF_DEBUG).
TLIB_OBJ := $(LIB_SRC:%.c=$(B)/tobj/%.o)
TCLI_OBJ := $(CLI_SRC:%.c=$(B)/tobj/%.o)
THELP_OBJ := $(UNIT_HELPERS:%.c=$(B)/tobj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/test/%)

PROG     := $(B)/huff
TPROG    := $(B)/test/huff
LINKS    := unhuff hufcat

# ------------------------------------------------------------------------
# huff0, zstd's Huffman coder, as a coder of huff bench --speed
# (src/cli/bench_huff0.c):
#
#   make HUFF0_SRC=DIR    DIR: a zstd source tree's lib/ folder, zstd 1.5.5
#                         or later (whose huff0 calls take HUF_flags)
#
# huff0 is not public API of libzstd: it is declared in lib/common/huf.h,
# so it is built here from those sources, the files and defines zstd's
# huff0 needs (DYNAMIC_BMI2: its BMI2 code chosen at run time, and on
# x86-64 its assembly decode loop), at HUFF0_CFLAGS, with zstd's warnings,
# not ours.  There is no HUFF0=libzstd: Debian's libzstd-dev (1.5.4 in
# Debian 12) installs zstd.h, zdict.h and zstd_errors.h but not huf.h; its
# libzstd.a does export HUF_compress4X_repeat() and
# HUF_decompress4X_hufOnly_wksp() as global symbols, but a declaration
# written here would be one release's private signature, and that changed
# in 1.5.5 (preferRepeat, bmi2 and suspectUncompressible became one flags
# argument): built against the wrong one, the bench would link and crash.
#
# huff (PROG) then has huff0; the test program (TPROG) never has, so that
# the tests see both: $(B)/test/huff-huff0 is the test program with huff0,
# given to the command-line tests as HUFF_HUFF0 (tests/cli/test_bench.sh).
# Without HUFF0_SRC huff bench --speed says once that huff0 is not built.
# $(B)/huff0.conf holds the setting, so that changing it relinks huff.
HUFF0_SRC    ?=
HUFF0_CFLAGS ?= -O3 -g
HUFF0_DEFS   := -DDYNAMIC_BMI2=1
HUFF0_FILES  := common/entropy_common.c common/fse_decompress.c \
                common/error_private.c common/debug.c compress/huf_compress.c \
                compress/fse_compress.c compress/hist.c decompress/huf_decompress.c
ifneq ($(filter x86_64-%,$(shell $(CC) -dumpmachine)),)
HUFF0_FILES  += decompress/huf_decompress_amd64.S
endif
HUFF0_CONF   := $(B)/huff0.conf
HUFF0_SETTING := huff0 $(if $(HUFF0_SRC),$(abspath $(HUFF0_SRC)) $(strip $(HUFF0_CFLAGS)),none)
ifneq ($(shell cat $(HUFF0_CONF) 2>/dev/null),$(HUFF0_SETTING))
$(shell mkdir -p $(B) && echo '$(HUFF0_SETTING)' >$(HUFF0_CONF))
endif
GLUE_OBJ     := $(B)/obj/src/cli/bench_huff0.o
TGLUE_OBJ    := $(B)/tobj/src/cli/bench_huff0.o
ifneq ($(HUFF0_SRC),)
ifeq ($(wildcard $(HUFF0_SRC)/common/huf.h),)
$(error HUFF0_SRC=$(HUFF0_SRC): no common/huf.h there; it must be a zstd source tree's lib/ folder)
endif
HUFF0_DIR    := $(abspath $(HUFF0_SRC))
HUFF0_OBJ    := $(HUFF0_FILES:%=$(B)/huff0/zstd/%.o)
HGLUE_OBJ    := $(B)/huff0/obj/src/cli/bench_huff0.o
THGLUE_OBJ   := $(B)/huff0/tobj/src/cli/bench_huff0.o
PROG_OBJ     := $(filter-out $(GLUE_OBJ),$(CLI_OBJ)) $(HGLUE_OBJ) $(HUFF0_OBJ)
TPROG_HUFF0  := $(B)/test/huff-huff0
TEST_HUFF0_ENV := HUFF_HUFF0=$(CURDIR)/$(TPROG_HUFF0)
else
PROG_OBJ     := $(CLI_OBJ)
TPROG_HUFF0  :=
TEST_HUFF0_ENV :=
endif

.PHONY: all lib test test-unit test-cli test-install install uninstall test-slow valgrind lint clean synth
all: $(PROG) $(addprefix $(B)/,$(LINKS)) $(B)/$(SHLIB)
lib: $(B)/libhuff.a $(B)/$(SHLIB)

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(VIS) -MMD -MP -c $< -o $@

$(B)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(VIS) -fPIC -MMD -MP -c $< -o $@

$(B)/tobj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DHUFF_DEBUG -Isrc $(ALL_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c $< -o $@

$(B)/libhuff.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

# -z defs: an undefined symbol is an error now, not at a user's link.
$(B)/$(SHLIB): $(PIC_OBJ)
	$(CC) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,-z,defs -o $@ $^ $(LIB_DEP_LIBS)
	ln -sf $(SHLIB) $(B)/$(SONAME)
	ln -sf $(SONAME) $(B)/libhuff.so

$(B)/test/libhuff.a: $(TLIB_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

$(PROG): $(PROG_OBJ) $(B)/libhuff.a $(HUFF0_CONF)
	$(CC) $(LDFLAGS) -o $@ $(PROG_OBJ) $(B)/libhuff.a $(DEP_LIBS)

$(TPROG): $(TCLI_OBJ) $(B)/test/libhuff.a
	$(CC) $(LDFLAGS) -o $@ $(TCLI_OBJ) $(B)/test/libhuff.a $(DEP_LIBS)

# huff0's objects and the glue built with it (HUFF0_SRC, above).
ifneq ($(HUFF0_SRC),)
$(B)/huff0/zstd/%.c.o: $(HUFF0_DIR)/%.c $(HUFF0_CONF)
	@mkdir -p $(dir $@)
	$(CC) $(HUFF0_CFLAGS) $(HUFF0_DEFS) -I$(HUFF0_DIR) -MMD -MP -c $< -o $@
$(B)/huff0/zstd/%.S.o: $(HUFF0_DIR)/%.S $(HUFF0_CONF)
	@mkdir -p $(dir $@)
	$(CC) $(HUFF0_CFLAGS) $(HUFF0_DEFS) -I$(HUFF0_DIR) -MMD -MP -c $< -o $@
# The glue with huff0: zstd's headers as system headers (our warnings are
# for our code).
$(HGLUE_OBJ): src/cli/bench_huff0.c $(HUFF0_CONF)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DHUFF_HAVE_HUFF0 -isystem $(HUFF0_DIR) $(ALL_CFLAGS) -MMD -MP -c $< -o $@
$(THGLUE_OBJ): src/cli/bench_huff0.c $(HUFF0_CONF)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DHUFF_DEBUG -DHUFF_HAVE_HUFF0 -isystem $(HUFF0_DIR) $(ALL_CFLAGS) -MMD -MP -c $< -o $@
$(TPROG_HUFF0): $(filter-out $(TGLUE_OBJ),$(TCLI_OBJ)) $(THGLUE_OBJ) $(HUFF0_OBJ) $(B)/test/libhuff.a
	$(CC) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)
endif

# unhuff and hufcat are the same program under other names (argv[0]).
$(B)/unhuff $(B)/hufcat: $(PROG)
	ln -sf huff $@
$(B)/test/unhuff $(B)/test/hufcat: $(TPROG)
	ln -sf huff $@

# Kept, not deleted as intermediates: a failing test relinks at once, or
# runs under a debugger with its objects still there.
.SECONDARY: $(UNIT_SRC:%.c=$(B)/tobj/%.o) $(THELP_OBJ)

$(B)/test/test_%: $(B)/tobj/tests/unit/test_%.o $(THELP_OBJ) $(B)/test/libhuff.a
	$(CC) $(LDFLAGS) -o $@ $< $(THELP_OBJ) $(B)/test/libhuff.a $(CHECK_LIBS) $(DEP_LIBS) -lm

# tools/ref_report.c, the reference tests/cli/test_report_corpus.sh checks
# huff report against: it takes the context model builder from the
# library, nothing else.
REF_REPORT := $(B)/test/ref_report
$(REF_REPORT): tools/ref_report.c $(B)/test/libhuff.a
	$(CC) $(CPPFLAGS) -Isrc $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(B)/test/libhuff.a $(DEP_LIBS)

test: test-unit test-cli

test-unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

test-cli: $(TPROG) $(addprefix $(B)/test/,$(LINKS)) $(REF_REPORT) $(TPROG_HUFF0)
	@HUFF=$(CURDIR)/$(TPROG) REF_REPORT=$(CURDIR)/$(REF_REPORT) $(TEST_HUFF0_ENV) \
		sh tests/cli/run.sh

# More than 4 GiB through pipes, huff's memory measured (tests/slow/run.sh);
# not part of `make test`.  Under sanitizers memory is not limited.
test-slow: $(PROG) $(B)/bigdata
	HUFF=$(CURDIR)/$(PROG) BIGDATA=$(CURDIR)/$(B)/bigdata $(if $(filter 1,$(SANITIZE)),HUFF_SLOW_RSS_KIB=0) \
		sh tests/slow/run.sh
$(B)/bigdata: tests/slow/bigdata.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(DEP_CFLAGS) $(LDFLAGS) -o $@ $< $(DEP_LIBS)

# The tests under valgrind memcheck (tests/valgrind.sh): unit tests, then the
# command-line tests with huff under valgrind (VALGRIND_WHAT=unit: the unit
# tests only).  Uses the plain build, not SANITIZE=1.
VALGRIND_WHAT ?= all
valgrind: $(UNIT_BIN) $(TPROG) $(addprefix $(B)/test/,$(LINKS)) $(REF_REPORT)
	@test "$(SANITIZE)" != 1 || { echo "make valgrind: not with SANITIZE=1" >&2; exit 2; }
	B=$(B) UNIT_BIN="$(UNIT_BIN)" REF_REPORT=$(CURDIR)/$(REF_REPORT) sh tests/valgrind.sh $(VALGRIND_WHAT)

# Static analysis: cppcheck over src/ and tests/, clang-tidy (checks in
# .clang-tidy) over src/, tests/fuzz/ and tests/slow/; any warning fails.
# What is switched off, and why, is in tests/LINT.md.
CPPCHECK   ?= cppcheck
CLANG_TIDY ?= $(shell command -v clang-tidy || ls /usr/bin/clang-tidy-* 2>/dev/null | tail -n 1)
LINT_TIDY_SRC := $(LIB_SRC) $(CLI_SRC) $(sort $(wildcard tests/fuzz/*.c tests/slow/*.c))
lint:
	$(CPPCHECK) -q --std=c11 --enable=warning,performance,portability \
		--error-exitcode=1 --inline-suppr -Iinclude -Isrc \
		--suppress='uninitvar:tests/unit/*' --suppress='legacyUninitvar:tests/unit/*' \
		--suppress=arrayIndexThenCheck:tests/unit/test_huffman_lengths.c \
		--suppress=memleak:tests/install/roundtrip.c \
		src tests
	$(CLANG_TIDY) -quiet $(LINT_TIDY_SRC) -- -std=c11 -Iinclude -Isrc -Itests/unit $(DEP_CFLAGS)

# ------------------------------------------------------------------------
# Installation, GNU style: PREFIX (alias prefix) and the directories below
# may be overridden; DESTDIR stages the whole tree elsewhere (packaging,
# tests/install/run.sh).  libhuff.pc is written with the PREFIX given to
# install, so pkg-config finds the files where they went.
PREFIX     ?= $(if $(prefix),$(prefix),/usr/local)
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
MANDIR     ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
INSTALL    ?= install

INSTALLED := $(BINDIR)/huff $(addprefix $(BINDIR)/,$(LINKS)) \
             $(LIBDIR)/libhuff.a $(LIBDIR)/$(SHLIB) $(LIBDIR)/$(SONAME) \
             $(LIBDIR)/libhuff.so $(INCLUDEDIR)/huff.h \
             $(PKGCONFIGDIR)/libhuff.pc $(MANDIR)/man1/huff.1 \
             $(BASHCOMPDIR)/huff

install: all
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(LIBDIR)' \
		'$(DESTDIR)$(INCLUDEDIR)' '$(DESTDIR)$(PKGCONFIGDIR)' \
		'$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(BASHCOMPDIR)'
	$(INSTALL) -m 755 $(PROG) '$(DESTDIR)$(BINDIR)/huff'
	for l in $(LINKS); do ln -sf huff '$(DESTDIR)$(BINDIR)'/$$l; done
	$(INSTALL) -m 644 $(B)/libhuff.a '$(DESTDIR)$(LIBDIR)/libhuff.a'
	$(INSTALL) -m 755 $(B)/$(SHLIB) '$(DESTDIR)$(LIBDIR)/$(SHLIB)'
	ln -sf $(SHLIB) '$(DESTDIR)$(LIBDIR)/$(SONAME)'
	ln -sf $(SONAME) '$(DESTDIR)$(LIBDIR)/libhuff.so'
	$(INSTALL) -m 644 include/huff.h '$(DESTDIR)$(INCLUDEDIR)/huff.h'
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    libhuff.pc.in > '$(DESTDIR)$(PKGCONFIGDIR)/libhuff.pc'
	chmod 644 '$(DESTDIR)$(PKGCONFIGDIR)/libhuff.pc'
	$(INSTALL) -m 644 man/huff.1 '$(DESTDIR)$(MANDIR)/man1/huff.1'
	$(INSTALL) -m 644 completion/huff.bash '$(DESTDIR)$(BASHCOMPDIR)/huff'

# Files only: directories such as /usr/local/bin are shared with others.
uninstall:
	rm -f $(foreach f,$(INSTALLED),'$(DESTDIR)$(f)')

test-install: all
	@MAKE='$(MAKE)' CC='$(CC)' PKG_CONFIG='$(PKG_CONFIG)' B='$(B)' \
		sh tests/install/run.sh

# corpus/synth.c stands alone (see corpus/README.md): not part of all.
synth: $(B)/synth
$(B)/synth: corpus/synth.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -o $@ $< -lm

# ------------------------------------------------------------------------
# Fuzzing (tests/fuzz/, clang's libFuzzer; not part of `make test`)
#
#   make fuzz [FUZZ_SECONDS=N] [FUZZ_WORK=DIR]  each harness for N seconds
#   make fuzz-seeds                            the seed corpora, generated
#   make fuzz-coverage [FUZZ_WORK=DIR]         line coverage of the decoder
#                                              files reached by the corpora
#
# The harnesses and the library they test are built with
# FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION (libFuzzer's convention): check16
# and checksum32 mismatches are then not fatal, so that random input gets
# past them (src/frame.c, huff_check_matches()).  Each harness's corpus
# grows in $(FUZZ_WORK)/NAME, crashes go to $(FUZZ_WORK)/NAME-crash-*.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_WORK    ?= build/fuzz/corpus
LLVM_PROFDATA ?= $(shell command -v llvm-profdata || ls /usr/bin/llvm-profdata-* 2>/dev/null | tail -n 1)
LLVM_COV      ?= $(shell command -v llvm-cov || ls /usr/bin/llvm-cov-* 2>/dev/null | tail -n 1)
FB           := build/fuzz
FCB          := build/fuzzcov
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_DEFS    := -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -Iinclude -Isrc $(DEP_CFLAGS)
FUZZ_CFLAGS  := $(WARN) -g -O1 -fno-omit-frame-pointer $(FUZZ_DEFS)
FUZZ_SAN     := address,undefined -fno-sanitize-recover=all
FUZZ_COV     := -fprofile-instr-generate -fcoverage-mapping
# The largest input each harness is given (bytes).
FUZZ_MAX_LEN_decompress := 65536
FUZZ_MAX_LEN_block      := 65536
FUZZ_MAX_LEN_model      := 16384
FUZZ_MAX_LEN_roundtrip  := 32768

FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FB)/obj/%.o)
FCOV_LIB_OBJ := $(LIB_SRC:%.c=$(FCB)/obj/%.o)
FUZZ_BINS    := $(FUZZ_NAMES:%=$(FB)/fuzz_%)
FCOV_BINS    := $(FUZZ_NAMES:%=$(FCB)/fuzz_%)

.PHONY: fuzz fuzz-build fuzz-seeds fuzz-coverage
# Objects, not intermediates: make would delete them after each build.
.SECONDARY: $(FUZZ_LIB_OBJ) $(FCOV_LIB_OBJ)
$(FB)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) -MMD -MP -c $< -o $@
$(FB)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.h $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $< $(FUZZ_LIB_OBJ) $(DEP_LIBS)
# The seeds' context blocks come from the unit tests' payload writer (the
# library's encoder writes what its search chooses, not every shape).
$(FB)/gen_seeds: tests/fuzz/gen_seeds.c tests/fuzz/fuzz_util.h tests/unit/ctx_writer.c \
		tests/unit/ctx_writer.h $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Itests/unit -fsanitize=$(FUZZ_SAN) -o $@ $< \
		tests/unit/ctx_writer.c $(FUZZ_LIB_OBJ) $(DEP_LIBS)
$(FCB)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_COV) -fsanitize=fuzzer-no-link -c $< -o $@
$(FCB)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.h $(FCOV_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_COV) -fsanitize=fuzzer -o $@ $< $(FCOV_LIB_OBJ) $(DEP_LIBS)

fuzz-build: $(FUZZ_BINS) $(FB)/gen_seeds

fuzz-seeds: $(FB)/gen_seeds
	@rm -rf $(FB)/seeds
	$(FB)/gen_seeds $(FB)/seeds

fuzz: fuzz-build fuzz-seeds
	@set -e; for n in $(FUZZ_NAMES); do \
		mkdir -p $(FUZZ_WORK)/$$n; \
		echo "== fuzz_$$n for $(FUZZ_SECONDS) s"; \
		$(FB)/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -timeout=25 \
			-max_len=$$(case $$n in decompress) echo $(FUZZ_MAX_LEN_decompress);; \
				block) echo $(FUZZ_MAX_LEN_block);; model) echo $(FUZZ_MAX_LEN_model);; \
				*) echo $(FUZZ_MAX_LEN_roundtrip);; esac) \
			-print_final_stats=1 -artifact_prefix=$(FUZZ_WORK)/$$n- \
			$(FUZZ_WORK)/$$n $(FB)/seeds/$$n 2>$(FUZZ_WORK)/$$n.log || \
			{ tail -n 60 $(FUZZ_WORK)/$$n.log; exit 1; }; \
		grep -E '^(Done|stat::number_of_executed_units)' $(FUZZ_WORK)/$$n.log || true; \
	done

fuzz-coverage: $(FCOV_BINS) fuzz-seeds
	FUZZ_WORK=$(FUZZ_WORK) FCB=$(FCB) SEEDS=$(FB)/seeds FUZZ_NAMES="$(FUZZ_NAMES)" \
		LLVM_PROFDATA=$(LLVM_PROFDATA) LLVM_COV=$(LLVM_COV) sh tests/fuzz/coverage.sh

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
