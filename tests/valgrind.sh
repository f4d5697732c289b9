#!/bin/sh
# valgrind.sh - make valgrind: the tests under valgrind memcheck
#
#   B=build/release UNIT_BIN="..." sh tests/valgrind.sh [unit|cli|all]
#
# Unit tests run in one process each (CK_FORK=no), so that valgrind's exit
# status is the test's; the test cases tagged long-double are left out
# (valgrind runs x87 long double at double precision, which their
# references need).  Then the command-line tests, with HUFF a wrapper that
# runs huff (or unhuff, hufcat: by the name it is called by) under
# valgrind.  Any valgrind error, a definite leak included, makes valgrind
# exit with status 99, which no test expects: the test fails.  Tests that
# cannot work under valgrind (test_out_of_memory: valgrind needs address
# space of its own) skip on HUFF_UNDER_VALGRIND.
set -eu
what=${1:-all}
: "${B:?set B}"
vg=$(command -v "${VALGRIND:-valgrind}") || { echo "valgrind.sh: no valgrind" >&2; exit 2; }
flags="-q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"

if [ "$what" != cli ]; then
	for t in ${UNIT_BIN:?set UNIT_BIN}; do
		echo "== valgrind $t"
		# shellcheck disable=SC2086
		CK_FORK=no CK_EXCLUDE_TAGS=long-double "$vg" $flags "$t"
	done
fi
if [ "$what" != unit ]; then
	w=$B/valgrind
	mkdir -p "$w"
	real=$(cd "$B/test" && pwd)
	cat >"$w/huff" <<WRAP
#!/bin/sh
n=\${0##*/}
case \$n in unhuff|hufcat) ;; *) n=huff ;; esac
exec "$vg" $flags "$real/\$n" "\$@"
WRAP
	chmod +x "$w/huff"
	ln -sf huff "$w/unhuff"
	ln -sf huff "$w/hufcat"
	echo "== valgrind: command-line tests"
	HUFF=$(cd "$w" && pwd)/huff HUFF_TEST_TIMEOUT=${HUFF_TEST_TIMEOUT:-1800} HUFF_UNDER_VALGRIND=1 \
		sh tests/cli/run.sh ${VALGRIND_CLI_TESTS:-}
fi
