#!/bin/sh
# run.sh - make test-install: install into a temporary DESTDIR, use it as a
# user would, uninstall, and check that nothing is left
#
#   MAKE=make CC=cc PKG_CONFIG=pkg-config B=build/release sh tests/install/run.sh
#
# (make test-install sets these.)  Checks, in order:
#   1. every file make install promises is there, links and soname right;
#   2. the shared library exports exactly the functions huff.h declares,
#      and huff.h marks every one of them HUFF_API;
#   3. roundtrip.c builds through pkg-config --cflags --libs libhuff with
#      PKG_CONFIG_PATH and PKG_CONFIG_SYSROOT_DIR on the staged tree, once
#      static (pkg-config --static, -static) and once shared, and each
#      binary round-trips 1 MiB; the installed huff does too;
#   4. make uninstall removes every file and link it installed.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
MAKE=${MAKE:-make}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
B=${B:-build/release}
PREFIX=/usr/local

fail() {
        printf 'test-install: FAIL: %s\n' "$*" >&2
        exit 1
}
ok() {
        printf 'test-install: ok   %s\n' "$*"
}

for tool in nm readelf; do
        command -v $tool >/dev/null 2>&1 || fail "$tool (binutils) is needed"
done

ver() { sed -n "s/^#define HUFF_VERSION_$1 *\([0-9][0-9]*\).*/\1/p" include/huff.h; }
VERSION=$(ver MAJOR).$(ver MINOR).$(ver PATCH)
SONAME=libhuff.so.$(sed -n 's/^ABI *:= *\([0-9][0-9]*\).*/\1/p' Makefile)

T=$(mktemp -d "${TMPDIR:-/tmp}/huff-install.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
D=$T/destdir    # the staged tree: nothing else goes in there
W=$T/work       # the test's own files
mkdir "$D" "$W"
R=$D$PREFIX

# 1. make install
$MAKE -s install DESTDIR="$D" PREFIX="$PREFIX" >"$W/install.log" 2>&1 ||
        { cat "$W/install.log" >&2; fail "make install"; }
files="bin/huff bin/unhuff bin/hufcat lib/libhuff.a lib/libhuff.so.$VERSION
       lib/$SONAME lib/libhuff.so include/huff.h lib/pkgconfig/libhuff.pc
       share/man/man1/huff.1 share/bash-completion/completions/huff"
for f in $files; do
        [ -e "$R/$f" ] || fail "make install did not install $PREFIX/$f"
done
for l in unhuff hufcat; do
        [ "$(readlink "$R/bin/$l")" = huff ] || fail "bin/$l is not a link to huff"
done
[ "$(readlink "$R/lib/$SONAME")" = "libhuff.so.$VERSION" ] || fail "lib/$SONAME link"
[ "$(readlink "$R/lib/libhuff.so")" = "$SONAME" ] || fail "lib/libhuff.so link"
readelf -d "$R/lib/libhuff.so.$VERSION" | grep -q "Library soname: \[$SONAME\]" ||
        fail "libhuff.so.$VERSION lacks the soname $SONAME"
[ -x "$R/bin/huff" ] || fail "bin/huff is not executable"
unexpected=$(cd "$D" && find . ! -type d | sed 's|^\./||' | sort)
expected=$(for f in $files; do echo "${PREFIX#/}/$f"; done | sort)
[ "$unexpected" = "$expected" ] ||
        fail "installed files differ from the list: $(echo "$unexpected" | tr '\n' ' ')"
ok "make install: $(echo $files | wc -w) files under DESTDIR$PREFIX, soname $SONAME"

# 2. Exported symbols = the functions huff.h declares = those marked HUFF_API.
# The preprocessor drops comments; HUFF_API becomes a marker to find.
$CC -E -P -DHUFF_API=HUFF_API_MARK "$R/include/huff.h" | tr '\n' ' ' >"$W/h.i"
grep -o 'huff_[a-z0-9_]* *(' "$W/h.i" | sed 's/ *($//' | sort -u >"$W/declared"
grep -o 'HUFF_API_MARK[^;(]*(' "$W/h.i" | sed 's/.*[^a-z0-9_]\(huff_[a-z0-9_]*\) *($/\1/' |
        sort -u >"$W/marked"
nm -D --defined-only "$R/lib/libhuff.so.$VERSION" | awk '{ print $NF }' | sort -u \
        >"$W/exported"
[ -s "$W/declared" ] || fail "found no function in huff.h"
if ! cmp -s "$W/declared" "$W/marked"; then
        diff "$W/declared" "$W/marked" >&2 || :
        fail "huff.h declares functions without HUFF_API (<) "
fi
if ! cmp -s "$W/declared" "$W/exported"; then
        diff "$W/declared" "$W/exported" >&2 || :
        fail "libhuff.so's dynamic symbols (>) differ from huff.h's functions (<)"
fi
ok "libhuff.so exports exactly huff.h's $(wc -l <"$W/declared") functions"

# 3. Build against the staged tree through pkg-config, as a user would.
PKG_CONFIG_PATH=$R/lib/pkgconfig
PKG_CONFIG_SYSROOT_DIR=$D
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
[ "$($PKG_CONFIG --modversion libhuff)" = "$VERSION" ] ||
        fail "pkg-config --modversion libhuff is not $VERSION"
cflags=$($PKG_CONFIG --cflags libhuff)
case " $cflags " in
*" -I$R/include "*) ;;
*) fail "pkg-config --cflags libhuff gives '$cflags', not -I$R/include" ;;
esac

# Static: every library from pkg-config --static, and nothing shared at all,
# so that a dependency missing from Requires.private/Libs.private fails.
# shellcheck disable=SC2046
$CC -static -o "$W/rt-static" tests/install/roundtrip.c \
        $($PKG_CONFIG --cflags libhuff) $($PKG_CONFIG --static --libs libhuff) ||
        fail "static link through pkg-config --static --libs libhuff"
if readelf -d "$W/rt-static" 2>/dev/null | grep -q NEEDED; then
        fail "the static build needs shared libraries"
fi
"$W/rt-static" || fail "the static build's round trip"
ok "static:  $($PKG_CONFIG --static --libs libhuff)"

# shellcheck disable=SC2046
$CC -o "$W/rt-shared" tests/install/roundtrip.c \
        $($PKG_CONFIG --cflags --libs libhuff) ||
        fail "shared link through pkg-config --libs libhuff"
readelf -d "$W/rt-shared" | grep -q "Shared library: \[$SONAME\]" ||
        fail "the shared build does not need $SONAME"
# The loader must take the staged copy, not one in the system's paths.
LD_LIBRARY_PATH=$R/lib LD_TRACE_LOADED_OBJECTS=1 "$W/rt-shared" |
        grep -q "$SONAME => $R/lib/$SONAME" ||
        fail "the shared build does not load $R/lib/$SONAME"
LD_LIBRARY_PATH=$R/lib "$W/rt-shared" || fail "the shared build's round trip"
ok "shared:  $($PKG_CONFIG --libs libhuff), LD_LIBRARY_PATH=DESTDIR$PREFIX/lib"

# The installed program, under its three names.
head -c 300000 "$R/bin/huff" >"$W/data"
"$R/bin/huff" -c "$W/data" >"$W/data.huf" || fail "installed huff -c"
"$R/bin/hufcat" "$W/data.huf" >"$W/back" || fail "installed hufcat"
cmp -s "$W/data" "$W/back" || fail "installed huff round trip differs"
"$R/bin/unhuff" -t "$W/data.huf" || fail "installed unhuff -t"
ok "installed huff, unhuff and hufcat round-trip"

# 4. make uninstall leaves no file or link behind.
$MAKE -s uninstall DESTDIR="$D" PREFIX="$PREFIX" || fail "make uninstall"
left=$(cd "$D" && find . ! -type d)
[ -z "$left" ] || fail "make uninstall left: $(echo $left)"
ok "make uninstall removed everything"
