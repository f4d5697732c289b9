# `huff report --json` on every corpus file (calgary/, canterbury/, large/
# under $HUFF_CORPUS) against tools/ref_report.c,
# an independent reference that takes from libhuff only the context model
# builder: symbols equal, entropy, huffman_avg and order1_entropy to 1e-9
# relative, the Huffman payload within a byte of the reference's exact
# bits, huf_bytes equal to the size of what `huff -k -c` writes; and the
# context model (at -9, the report's default), its figures computed by the
# reference from the blocks of what `huff -9 -c` writes: the counts and
# sizes equal, the four figures per symbol to 1e-9 relative.  Prints each
# file's figures and the largest relative differences.  The reference is
# $REF_REPORT (make test builds it), or built here against the libhuff.a
# beside $HUFF.  Absent corpus, or no reference: skipped.
. "$T_LIB"

here=$(cd "$(dirname "$T_LIB")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${HUFF_CORPUS:-}
[ -d "$corpus" ] || skip "no corpus at ${corpus:-(HUFF_CORPUS unset)}"
if [ -n "${REF_REPORT:-}" ] && [ -x "$REF_REPORT" ]; then
	ref=$REF_REPORT
else
	cc=${CC:-cc}
	lib=$(dirname "$HUFF")/libhuff.a
	command -v "$cc" >/dev/null 2>&1 || skip "no C compiler ($cc) for tools/ref_report.c"
	[ -f "$lib" ] || skip "no \$REF_REPORT, nor $lib to build tools/ref_report.c with"
	# shellcheck disable=SC2046
	assert_exit 0 "$cc" -O2 -I"$root/include" -I"$root/src" -o ref_report \
		"$root/tools/ref_report.c" "$lib" $(pkg-config --libs libxxhash 2>/dev/null ||
		echo -lxxhash) -lm -pthread
	ref=./ref_report
fi

# json_field NAME FILE - the value of "NAME" in a one-line JSON object.
json_field() {
	sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\([^,}[:space:]]*\).*/\1/p" "$2"
}

# field NAME - json_field on report.json, which must have it.
field() {
	_v=$(json_field "$1" report.json)
	[ -n "$_v" ] || fail "$name: no \"$1\" in: $(cat report.json)"
	printf '%s\n' "$_v"
}

# rel GOT WANT - |GOT - WANT| / |WANT| (0 when both are 0).
rel() {
	awk -v g="$1" -v w="$2" 'BEGIN {
		d = g - w; if (d < 0) d = -d; if (w < 0) w = -w
		if (w == 0) print (d == 0 ? 0 : 1); else printf "%.3g\n", d / w }'
}

# within R LIMIT - R <= LIMIT.
within() {
	awk -v r="$1" -v l="$2" 'BEGIN { exit !(r + 0 <= l + 0) }'
}

# The context model's fields, in the order of ref_report --context's
# columns 3 on; the first five and the last three are counts.
CTX="context_level_blocks context_blocks context_symbols context_codes_min
context_codes_max context_order1_entropy context_clustered_entropy
context_clustering_cost context_avg context_code_bits context_overhead_bytes
context_payload_bytes"

n=0
max_h=0
max_l=0
max_o=0
max_c=0
printf '%-24s %9s %20s %20s %9s %9s %9s %9s %9s\n' file symbols entropy huffman_avg \
	rel.H rel.L rel.o1 rel.ctx huf
for set in calgary canterbury large; do
	[ -d "$corpus/$set" ] || continue
	for f in "$corpus/$set"/*; do
		[ -f "$f" ] || continue
		name=$set/$(basename "$f")
		assert_exit 0 "$HUFF" report --json "$f" >report.json
		[ "$(wc -l <report.json | tr -d ' ')" -eq 1 ] ||
			fail "$name: report --json printed $(wc -l <report.json) lines"
		assert_exit 0 "$ref" "$f" >ref.tsv
		assert_exit 0 "$HUFF" -k -c "$f" >out.huf
		assert_exit 0 "$HUFF" -9 -k -c "$f" >out9.huf
		assert_exit 0 "$ref" --context 9 "$f" out9.huf >ctx.tsv

		# ref.tsv: name symbols entropy huffman_avg payload_bits order1
		want_n=$(cut -f2 ref.tsv)
		want_h=$(cut -f3 ref.tsv)
		want_l=$(cut -f4 ref.tsv)
		want_bits=$(cut -f5 ref.tsv)
		want_o=$(cut -f6 ref.tsv)

		got_n=$(field symbols) || exit 1
		got_h=$(field entropy) || exit 1
		got_l=$(field huffman_avg) || exit 1
		got_o=$(field order1_entropy) || exit 1
		got_pay=$(field huffman_payload_bytes) || exit 1
		got_huf=$(field huf_bytes) || exit 1

		awk -v g="$got_n" -v w="$want_n" 'BEGIN { exit !(g == w) }' ||
			fail "$name: symbols $got_n, reference $want_n"
		rh=$(rel "$got_h" "$want_h")
		rl=$(rel "$got_l" "$want_l")
		# Undefined (no pair of neighbours) in both, or numbers.
		if [ "$want_o" = undefined ]; then
			[ "$got_o" = null ] || fail "$name: order1_entropy $got_o, reference undefined"
			got_o=0 want_o=0
		fi
		ro=$(rel "$got_o" "$want_o")
		within "$rh" 1e-9 || fail "$name: entropy $got_h, reference $want_h ($rh relative)"
		within "$rl" 1e-9 || fail "$name: huffman_avg $got_l, reference $want_l ($rl relative)"
		within "$ro" 1e-9 || fail "$name: order1_entropy $got_o, reference $want_o ($ro relative)"
		awk -v g="$got_pay" -v w="$want_bits" 'BEGIN { d = g * 8 - w; exit !(d < 8 && d > -8) }' ||
			fail "$name: huffman_payload_bytes $got_pay, reference $want_bits bits"
		huf=$(size_of out.huf)
		awk -v g="$got_huf" -v w="$huf" 'BEGIN { exit !(g == w) }' ||
			fail "$name: huf_bytes $got_huf, but huff -c writes $huf bytes"

		# The context model: counts equal, figures to 1e-9; none at all
		# (null) where no block has a model.
		[ "$(field context_level)" = 9 ] || fail "$name: context_level is not 9"
		col=3
		rc=0
		want_cb=$(cut -f4 ctx.tsv)
		for k in $CTX; do
			want=$(cut -f$col ctx.tsv)
			got=$(json_field "$k" report.json)
			col=$((col + 1))
			case $k in
			context_level_blocks|context_blocks|context_symbols) ;;
			*) if [ "$want_cb" -eq 0 ]; then
				[ "$got" = null ] || fail "$name: $k is $got without a model"
				continue
			   fi ;;
			esac
			case $k in
			*_entropy|*_cost|*_avg)
				r=$(rel "$got" "$want")
				within "$r" 1e-9 || fail "$name: $k $got, reference $want ($r relative)"
				rc=$(awk -v a="$rc" -v b="$r" 'BEGIN { print (b + 0 > a + 0 ? b : a) }') ;;
			*)
				[ "$got" = "$want" ] || fail "$name: $k $got, reference $want" ;;
			esac
		done

		printf '%-24s %9s %20s %20s %9s %9s %9s %9s %9s\n' "$name" "$got_n" "$got_h" \
			"$got_l" "$rh" "$rl" "$ro" "$rc" "$huf"
		max_h=$(awk -v a="$max_h" -v b="$rh" 'BEGIN { print (b + 0 > a + 0 ? b : a) }')
		max_l=$(awk -v a="$max_l" -v b="$rl" 'BEGIN { print (b + 0 > a + 0 ? b : a) }')
		max_o=$(awk -v a="$max_o" -v b="$ro" 'BEGIN { print (b + 0 > a + 0 ? b : a) }')
		max_c=$(awk -v a="$max_c" -v b="$rc" 'BEGIN { print (b + 0 > a + 0 ? b : a) }')
		n=$((n + 1))
		rm -f report.json ref.tsv out.huf out9.huf ctx.tsv
	done
done
[ $n -gt 0 ] || skip "no files in $corpus"
echo "$n files; largest relative difference from tools/ref_report.c:" \
	"entropy $max_h, huffman_avg $max_l, order1_entropy $max_o," \
	"context figures $max_c"
