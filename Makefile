# huff - build, test and install.
#
#   make                  static library and the huff program (build/release/)
#   make test             unit tests (Check) and command-line tests
#   make SANITIZE=1 test  the same under ASan+UBSan (build/sanitize/)
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

ALL_CFLAGS := $(WARN) $(CFLAGS) $(DEP_CFLAGS) -pthread

LIB_SRC  := $(sort $(wildcard src/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_HELPERS := $(filter-out $(UNIT_SRC),$(sort $(wildcard tests/unit/*.c)))

LIB_OBJ  := $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/obj/%.o)
# The test build: the same sources with assertions on (HUFF_DEBUG).
TLIB_OBJ := $(LIB_SRC:%.c=$(B)/tobj/%.o)
TCLI_OBJ := $(CLI_SRC:%.c=$(B)/tobj/%.o)
THELP_OBJ := $(UNIT_HELPERS:%.c=$(B)/tobj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/test/%)

PROG     := $(B)/huff
TPROG    := $(B)/test/huff
LINKS    := unhuff hufcat

.PHONY: all lib test test-unit test-cli clean synth
all: $(PROG) $(addprefix $(B)/,$(LINKS))
lib: $(B)/libhuff.a

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/tobj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DHUFF_DEBUG -Isrc $(ALL_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c $< -o $@

$(B)/libhuff.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

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

# corpus/synth.c stands alone (see corpus/README.md): not part of all.
synth: $(B)/synth
$(B)/synth: corpus/synth.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -o $@ $< -lm

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
