# Every file of the reference corpora (calgary/, canterbury/, large/ under
# $HUFF_CORPUS) through the command line: copy,
# compress, decompress with -c, compare; print size, compressed size and
# bits per byte.  Absent corpus: skipped.
. "$T_LIB"

here=$(cd "$(dirname "$T_LIB")" && pwd)
corpus=${HUFF_CORPUS:-}
[ -d "$corpus" ] || skip "no corpus at ${corpus:-(HUFF_CORPUS unset)}"

n=0
total_in=0
total_out=0
printf '%-24s %10s %10s %7s\n' file bytes huf bits/B
for set in calgary canterbury large; do
	[ -d "$corpus/$set" ] || continue
	for f in "$corpus/$set"/*; do
		[ -f "$f" ] || continue
		name=$set.$(basename "$f")
		cp "$f" "$name"
		assert_exit 0 "$HUFF" "$name"
		assert_exit 0 "$HUFF" -dc "$name.huf" >"$name.out"
		cmp -s "$name.out" "$f" || fail "$name: round trip differs"
		in=$(size_of "$f")
		out=$(size_of "$name.huf")
		printf '%-24s %10s %10s %7s\n' "$set/$(basename "$f")" "$in" "$out" \
			"$(awk -v o="$out" -v i="$in" 'BEGIN { printf "%.3f", i ? 8 * o / i : 0 }')"
		total_in=$((total_in + in))
		total_out=$((total_out + out))
		n=$((n + 1))
		rm "$name" "$name.huf" "$name.out"
	done
done
[ $n -gt 0 ] || skip "no files in $corpus"
printf '%-24s %10s %10s %7s\n' "($n files)" "$total_in" "$total_out" \
	"$(awk -v o="$total_out" -v i="$total_in" 'BEGIN { printf "%.3f", 8 * o / i }')"
