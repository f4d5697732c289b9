#!/bin/sh
# run.sh - the whole benchmark suite over a corpus, results into bench/results/
#
#   bench/run.sh [CORPUS]
#
# CORPUS holds the standard corpora as CORPUS/calgary, CORPUS/canterbury and
# CORPUS/large (the layout of ../shared/corpus and of corpus/fetch.sh's
# output); default ../shared/corpus when present, else corpus/fetched.
# Each run of huff bench writes text, JSON, CSV and plots into a directory
# of its own (bench/README.md says what each holds):
#
#   speed/         --speed over every corpus file, and the reference coders
#                  huff0 and zlib Huffman-only from ../shared/anchors/compare
#   text15/        --speed on the 15 MB text (bible.txt, world192.txt,
#                  lcet10.txt, book1, twice) and compare on the same file
#   matrix/        --matrix and --sweep over the Canterbury corpus;
#                  matrix-len11/ the same with 11-bit codes
#   small/         --small as issue 5 sets it: a model trained on Calgary
#                  book1 and paper1..paper3, the pieces of book2 and
#                  paper4..paper6 (15-bit model, huff train's default);
#                  small-len11/ the same with an 11-bit model
#
# and bench/results/README.md names the machine, the compiler, the date and
# the commit.  Environment: HUFF (the huff binary; default: make, then
# build/release/huff), RUNS (timed runs, default 5), RESULTS (default
# bench/results), ANCHORS (the compare script, default
# ../shared/anchors/compare; "none" skips it).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
me=run.sh

die() {
	printf '%s: %s\n' "$me" "$*" >&2
	exit 1
}

corpus=${1:-}
if [ -z "$corpus" ]; then
	if [ -d "$root/../shared/corpus" ]; then
		corpus=$root/../shared/corpus
	else
		corpus=$root/corpus/fetched
	fi
fi
[ -d "$corpus/canterbury" ] && [ -d "$corpus/calgary" ] && [ -d "$corpus/large" ] ||
	die "no corpus at $corpus (calgary/, canterbury/, large/): corpus/fetch.sh fetches it"
corpus=$(cd "$corpus" && pwd)

if [ -z "${HUFF:-}" ]; then
	make -C "$root" >/dev/null
	HUFF=$root/build/release/huff
fi
RUNS=${RUNS:-5}
R=${RESULTS:-$here/results}
anchors=${ANCHORS:-$root/../shared/anchors/compare}
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

# compare DIR FILE... - huff0 and zlib Huffman-only on the same files.
compare() {
	_out=$R/$1/anchors.txt
	shift
	if [ "$anchors" = none ] || [ ! -x "$anchors" ]; then
		echo "(no reference coders: $anchors not found)" >"$_out"
		return
	fi
	echo "== compare -> $_out" >&2
	RUNS=$RUNS ANCHORS_BIN=$tmp "$anchors" "$@" |
		sed "s|$corpus/||; s|$tmp/||" >"$_out"
}

C=$corpus/calgary
L=$corpus/large
cat "$L/bible.txt" "$L/world192.txt" "$corpus/canterbury/lcet10.txt" "$C/book1" \
	"$L/bible.txt" "$L/world192.txt" "$corpus/canterbury/lcet10.txt" "$C/book1" \
	>"$tmp/text15"

bench speed --speed -r "$RUNS" "$C" "$corpus/canterbury" "$L"
compare speed "$C"/* "$corpus"/canterbury/* "$L"/*
bench text15 --speed -r "$RUNS" "$tmp/text15"
compare text15 "$tmp/text15"
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
| date | $(field date) |
| runs | $RUNS timed runs after a warm-up, each at least $(field min_time_ms) ms |
| corpus | Calgary, Canterbury and Large Canterbury ($(field files) files, $(field bytes) bytes) |

Speeds move with the CPU and its load: compare only figures from one run.

- \`speed/\`: huff bench --speed over every corpus file; \`anchors.txt\`:
  huff0 and zlib Huffman-only (../shared/anchors/compare) on the same files
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
