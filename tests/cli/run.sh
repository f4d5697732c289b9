#!/bin/sh
# run.sh - run every tests/cli/test_*.sh against one huff binary
#
#   HUFF=/abs/path/to/huff sh tests/cli/run.sh [NAME...]
#
# Each test runs with sh in a fresh empty directory of its own (its cwd),
# with HUFF (absolute) and T_META (a directory for lib.sh's files, outside
# the cwd so that tests may list the cwd) in the environment.  Exit status
# 0 is a pass, 77 a skip (as in automake), anything else a failure.  A
# test's output is shown under its name (a failure's last 40 lines).  The last line, "N passed, N failed, N skipped", is
# read by CI; the exit status is non-zero if any test failed.
# NAME... (e.g. test_concat) runs only those tests.

here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${HUFF:-}" ]; then
	echo "run.sh: set HUFF to the huff binary to test" >&2
	exit 2
fi
case $HUFF in
/*) ;;
*) HUFF=$(pwd)/$HUFF ;;
esac
if [ ! -x "$HUFF" ]; then
	echo "run.sh: $HUFF: not an executable" >&2
	exit 2
fi
export HUFF

# Under ASan/UBSan, a sanitizer report must not pass for the exit status 1
# that a test expects from a corrupt input: give reports their own status.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87:print_stacktrace=1"
export ASAN_OPTIONS UBSAN_OPTIONS

# A hung test (say, a FIFO never opened) must fail, not stall CI.
limit=""
if command -v timeout >/dev/null 2>&1; then
	limit="timeout ${HUFF_TEST_TIMEOUT:-300}"
fi

if [ $# -gt 0 ]; then
	tests=""
	for n in "$@"; do
		tests="$tests $here/${n%.sh}.sh"
	done
else
	tests=$(ls "$here"/test_*.sh)
fi

passed=0
failed=0
skipped=0
for t in $tests; do
	name=$(basename "$t" .sh)
	dir=$(mktemp -d "${TMPDIR:-/tmp}/huff-cli.XXXXXX") || exit 2
	mkdir "$dir/work" "$dir/meta"
	start=$(date +%s)
	(cd "$dir/work" && T_META="$dir/meta" T_LIB="$here/lib.sh" \
		$limit sh "$t") >"$dir/log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	case $rc in
	0)
		passed=$((passed + 1))
		printf '%-40s pass (%ss)\n' "$name" "$secs"
		# What a passing test prints is a report (test_corpus's table).
		sed 's/^/    /' "$dir/log" ;;
	77)
		skipped=$((skipped + 1))
		printf '%-40s skip: %s\n' "$name" "$(tail -n 1 "$dir/log")" ;;
	*)
		failed=$((failed + 1))
		printf '%-40s FAIL (exit %s)\n' "$name" "$rc"
		sed 's/^/    | /' "$dir/log" | tail -n 40 ;;
	esac
	chmod -R u+rwx "$dir" 2>/dev/null
	rm -rf "$dir"
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
