#!/bin/sh
# coverage.sh - make fuzz-coverage: line coverage of the decoder files
# reached by the fuzz harnesses' corpora
#
# Each harness, built with clang's source-based coverage
# (-fprofile-instr-generate -fcoverage-mapping) in $FCB, runs every input of
# its corpus ($FUZZ_WORK/NAME) and of its seeds ($SEEDS/NAME) once
# (libFuzzer's -runs=0); the profiles are merged and llvm-cov reports, per
# decoder file, the lines executed.  Exits 1 if a file is below
# FUZZ_COVERAGE_MIN percent (default 90).
set -eu
: "${FCB:?}" "${FUZZ_WORK:?}" "${SEEDS:?}" "${FUZZ_NAMES:?}"
: "${LLVM_PROFDATA:?no llvm-profdata}" "${LLVM_COV:?no llvm-cov}"
min=${FUZZ_COVERAGE_MIN:-90}
files="src/huffman_decode.c src/context_decode.c src/block.c src/frame.c src/decoder.c src/code_table.c src/canonical.c src/model.c"

rm -rf "$FCB/prof"
mkdir -p "$FCB/prof"
objects=""
for n in $FUZZ_NAMES; do
	dirs=""
	for d in "$FUZZ_WORK/$n" "$SEEDS/$n"; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	echo "== fuzz_$n over$dirs"
	# shellcheck disable=SC2086
	LLVM_PROFILE_FILE="$FCB/prof/$n.profraw" "$FCB/fuzz_$n" -runs=0 -max_len=65536 \
		$dirs >"$FCB/prof/$n.log" 2>&1 || { tail -n 20 "$FCB/prof/$n.log"; exit 1; }
	grep -E 'INITED|DONE' "$FCB/prof/$n.log" | tail -n 1
	# llvm-cov: the first binary by itself, the others after -object.
	objects="$objects${objects:+ -object} $FCB/fuzz_$n"
done
"$LLVM_PROFDATA" merge -sparse "$FCB"/prof/*.profraw -o "$FCB/prof/all.profdata"

# Per file: executable lines, lines executed, from llvm-cov show's
# "LINE|COUNT|source" (COUNT empty where there is no code).
status=0
printf '%-22s %6s %8s %7s\n' file lines executed percent
for f in $files; do
	# shellcheck disable=SC2086
	"$LLVM_COV" show -instr-profile="$FCB/prof/all.profdata" $objects "$f" \
		>"$FCB/prof/$(basename "$f").txt"
	from=1
	name=$f
	awk -F'|' -v from="$from" -v name="$name" -v min="$min" '
		NF >= 3 && $1 ~ /^ *[0-9]+ *$/ {
			line = $1 + 0; count = $2; gsub(/ /, "", count)
			if (line < from || count == "") next
			lines++
			if (count != "0") hit++
		}
		END {
			pct = lines ? 100 * hit / lines : 0
			printf "%-22s %6d %8d %6.1f%%\n", name, lines, hit, pct
			exit pct < min
		}' "$FCB/prof/$(basename "$f").txt" || status=1
done
# The lines never reached, for whoever wants to raise the figures.
for f in $files; do
	awk -F'|' -v f="$f" 'NF >= 3 && $1 ~ /^ *[0-9]+ *$/ {
		c = $2; gsub(/ /, "", c); if (c == "0") printf "%s:%d:%s\n", f, $1, $3 }' \
		"$FCB/prof/$(basename "$f").txt"
done >"$FCB/prof/missed.txt"
echo "lines never reached: $FCB/prof/missed.txt"
[ $status -eq 0 ] || echo "fuzz-coverage: a file is below $min%"
exit $status
