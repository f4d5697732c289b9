# bench/run.sh finds its corpus only where it is told (the CORPUS operand,
# $HUFF_CORPUS) or in corpus/fetch.sh's folder; without one it says so on
# one line and exits 2 before it builds or writes anything.  And no file
# the project ships points into the folder beside the checkout.
. "$T_LIB"

here=$(cd "$(dirname "$T_LIB")" && pwd)
root=$(cd "$here/../.." && pwd)

# A tree of its own, so that the checkout's corpus/fetched (if fetched) is
# not found: bench/run.sh and nothing else, not even a Makefile.
mkdir -p tree/bench tree/corpus
cp "$root/bench/run.sh" tree/bench/run.sh
res=$PWD/res

assert_exit 2 env -u HUFF_CORPUS RESULTS="$res" sh tree/bench/run.sh
assert_stderr_lines 1
assert_stderr_matches "^run.sh: no corpus at .*/tree/corpus/fetched, from corpus/fetch.sh's folder"
assert_stderr_matches 'set HUFF_CORPUS, or run corpus/fetch.sh$'
assert_missing "$res"

assert_exit 2 env HUFF_CORPUS="$PWD/nowhere" RESULTS="$res" sh tree/bench/run.sh
assert_stderr_lines 1
assert_stderr_matches "^run.sh: no corpus at $PWD/nowhere, from HUFF_CORPUS: "
assert_missing "$res"

# A folder without all three sets is no corpus either, from the operand.
mkdir -p part/calgary part/canterbury
assert_exit 2 env -u HUFF_CORPUS RESULTS="$res" sh tree/bench/run.sh part
assert_stderr_lines 1
assert_stderr_matches '^run.sh: no corpus at part, from the CORPUS operand: it needs calgary/'
assert_missing "$res"

# The corpus and the reference coders come from the environment and the
# build, never from a folder beside the checkout (the pattern is written
# so that this line does not match it).
if grep -rn '\.\./shared' "$root/bench" "$root/src" "$root/tests" "$root/corpus" \
	"$root/man" "$root/Makefile" >"$T_META/refs"; then
	head -5 "$T_META/refs" >&2
	fail "files name the folder beside the checkout"
fi
exit 0
