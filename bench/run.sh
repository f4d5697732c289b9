#!/bin/sh
# run.sh - the whole benchmark suite over a corpus, results into bench/results/
#
#   bench/run.sh [CORPUS]
#
# CORPUS holds the standard corpora as CORPUS/calgary, CORPUS/canterbury and
# CORPUS/large (the layout corpus/fetch.sh writes); default $HUFF_CORPUS,
# else corpus/fetched (corpus/fetch.sh's folder).  Without one it says where
# it looked and exits 2, before building or writing anything.
# Each run of huff bench writes text, JSON, CSV and plots into a directory
# of its own (bench/README.md says what each holds):
#
#   speed/         --speed over every corpus file: huff, zstd's huff0 (when
#                  built in, below) and zlib Huffman-only in the same run
#   text15/        --speed on the 15 MB text (bible.txt, world192.txt,
#                  lcet10.txt, book1, twice)
#   matrix/        --matrix and --sweep over the Canterbury corpus;
#                  matrix-len11/ the same with 11-bit codes
#   small/         --small: a model trained on Calgary
#                  book1 and paper1..paper3, the pieces of book2 and
#                  paper4..paper6 (15-bit model, huff train's default);
#                  small-len11/ the same with an 11-bit model
#
# and bench/results/README.md names the machine, the compiler, the date and
# the commit.  Environment: HUFF0_SRC (a zstd source tree's lib/: huff is
# built with huff0 from it, make HUFF0_SRC=DIR; without it the speed tables
# say huff0 is not built), HUFF (the huff binary; default: make, then
# build/release/huff), RUNS (timed runs, default 5), RESULTS (default
# bench/results).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
me=run.sh

die() {
	printf '%s: %s\n' "$me" "$*" >&2
	exit 1
}

# has_corpus DIR - DIR holds the three sets.
has_corpus() {
	[ -d "$1/canterbury" ] && [ -d "$1/calgary" ] && [ -d "$1/large" ]
}

if [ $# -gt 0 ]; then
	corpus=$1 from="the CORPUS operand"
elif [ -n "${HUFF_CORPUS:-}" ]; then
	corpus=$HUFF_CORPUS from="HUFF_CORPUS"
else
	corpus=$root/corpus/fetched from="corpus/fetch.sh's folder (HUFF_CORPUS is unset)"
fi
if ! has_corpus "$corpus"; then
	printf '%s: no corpus at %s, from %s: it needs calgary/, canterbury/ and large/; %s\n' \
		"$me" "$corpus" "$from" \
		"give a CORPUS directory, set HUFF_CORPUS, or run corpus/fetch.sh" >&2
	exit 2
fi
corpus=$(cd "$corpus" && pwd)

if [ -z "${HUFF:-}" ]; then
	if [ -n "${HUFF0_SRC:-}" ]; then
		make -C "$root" HUFF0_SRC="$HUFF0_SRC" >/dev/null
	else
		make -C "$root" >/dev/null
	fi
	HUFF=$root/build/release/huff
fi
[ -x "$HUFF" ] || die "$HUFF: not an executable"
RUNS=${RUNS:-5}
R=${RESULTS:-$here/results}
mkdir -p "$R"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/huff-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# bench DIR ARGS... - one run of huff bench, saved and plotted into $R/DIR.
bench() {
	_d=$R/$1
	shift
	rm -rf "$_d"
	mkdir -p "$_d"
	echo "== huff bench $* -> $_d" >&2
	"$HUFF" bench -q --save "$_d" --plot "$_d" "$@" >/dev/null
}

C=$corpus/calgary
L=$corpus/large
cat "$L/bible.txt" "$L/world192.txt" "$corpus/canterbury/lcet10.txt" "$C/book1" \
	"$L/bible.txt" "$L/world192.txt" "$corpus/canterbury/lcet10.txt" "$C/book1" \
	>"$tmp/text15"

bench speed --speed -r "$RUNS" "$C" "$corpus/canterbury" "$L"
bench text15 --speed -r "$RUNS" "$tmp/text15"
bench matrix --matrix --sweep "$corpus/canterbury"
bench matrix-len11 --matrix --sweep --max-len 11 "$corpus/canterbury"
train="--train $C/book1 --train $C/paper1 --train $C/paper2 --train $C/paper3"
test_files="$C/book2 $C/paper4 $C/paper5 $C/paper6"
# shellcheck disable=SC2086
bench small --small $train $test_files
# shellcheck disable=SC2086
bench small-len11 --small --max-len 11 $train $test_files

# The machine, from the speed run's own record of it.
field() {
	awk -F, -v k="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == k) c = i }
			   NR == 2 { print $c }' "$R/speed/machine.csv"
}
# huff0's line, from the speed run's own note.
if grep -q '^  huff0: not built' "$R/speed/bench.txt"; then
	huff0="not built (make HUFF0_SRC=DIR)"
else
	huff0=$(sed -n 's/^  huff0: zstd \([^ ]*\)'"'"'s Huffman coder.*/zstd \1 sources/p' "$R/speed/bench.txt")
fi
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$root" status --porcelain -- src include 2>/dev/null)" ]; then
	commit="$commit (with uncommitted changes in src/ or include/)"
fi
cat >"$R/README.md" <<EOF
# Benchmark results

Made by \`bench/run.sh\` (see \`bench/README.md\` for what each file holds).

| | |
|---|---|
| CPU | $(field cpu), $(field cores) cores online |
| system | $(field os) |
| compiler | $(field compiler), $(field build) |
| huff | $(field huff_version), commit $commit |
| zlib | $(field zlib_version) |
| huff0 | $huff0 |
| date | $(field date) |
| runs | $RUNS timed runs after a warm-up, each at least $(field min_time_ms) ms |
| corpus | Calgary, Canterbury and Large Canterbury ($(field files) files, $(field bytes) bytes) |

Speeds move with the CPU and its load: compare only figures from one run.

- \`speed/\`: huff bench --speed over every corpus file: huff, huff0 (when
  built in) and zlib Huffman-only, measured in the same run
- \`text15/\`: the same on the 15 MB text (bible.txt, world192.txt,
  lcet10.txt, book1, twice)
- \`matrix/\`: --matrix and --sweep over the Canterbury corpus (15-bit
  models), with \`overhead_vs_kl.svg\`, \`overhead_vs_lambda.svg\`,
  \`overhead_vs_power.svg\`; \`matrix-len11/\`: the same with 11-bit codes
- \`small/\`: --small, a model trained on Calgary book1 and paper1..paper3
  (15-bit, huff train's default), the pieces of book2 and paper4..paper6,
  with \`size_vs_piece.svg\`; \`small-len11/\`: the same with an 11-bit
  model (--max-len 11, the compressor's own limit)

In each: \`bench.txt\` (the text output), \`bench.json\` (an object per table
row), \`TABLE.csv\` per table, the plots' \`.dat\` files and \`bench.gp\`.
EOF
echo "== results in $R" >&2
