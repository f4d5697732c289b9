# huff - build, test and install.
#
#   make                  static and shared library, the huff program
#                         (build/release/)
#   make test             unit tests (Check) and command-line tests
#   make SANITIZE=1 test  the same under ASan+UBSan (build/sanitize/)
#   make install          PREFIX=/usr/local, DESTDIR= (staging), see below
#   make uninstall        removes exactly what install put there
#   make test-install     install into a temporary DESTDIR, build against
#                         it with pkg-config (static and shared), uninstall
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
ifeq ($(PORTABLE),1)
CPPFLAGS += -DHUFF_PORTABLE
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
SONAME  := libhuff.so.$(MAJOR)
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

.PHONY: all lib test test-unit test-cli test-install install uninstall clean synth
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

$(PROG): $(CLI_OBJ) $(B)/libhuff.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libhuff.a $(DEP_LIBS)

$(TPROG): $(TCLI_OBJ) $(B)/test/libhuff.a
	$(CC) $(LDFLAGS) -o $@ $(TCLI_OBJ) $(B)/test/libhuff.a $(DEP_LIBS)

# unhuff and hufcat are the same program under other names (argv[0]).
$(B)/unhuff $(B)/hufcat: $(PROG)
	ln -sf huff $@
$(B)/test/unhuff $(B)/test/hufcat: $(TPROG)
	ln -sf huff $@

$(B)/test/test_%: $(B)/tobj/tests/unit/test_%.o $(THELP_OBJ) $(B)/test/libhuff.a
	$(CC) $(LDFLAGS) -o $@ $< $(THELP_OBJ) $(B)/test/libhuff.a $(CHECK_LIBS) $(DEP_LIBS) -lm

test: test-unit test-cli

test-unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

test-cli: $(TPROG) $(addprefix $(B)/test/,$(LINKS))
	@HUFF=$(CURDIR)/$(TPROG) sh tests/cli/run.sh

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

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
