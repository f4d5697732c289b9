# huff report's context model section: its JSON and CSV fields, how the
# figures relate (computed here by awk), the levels of -1..-9 and their
# defaults (-6 for the .huf, -9 for the context model), the text, files
# without a model, and a bad level.  tools/ref_report.c checks the figures
# themselves on the corpus (test_report_corpus.sh).
. "$T_LIB"
. "$(dirname "$T_LIB")/report_lib.sh"

CONTEXT="context_level context_level_blocks context_blocks context_symbols
context_codes_min context_codes_max context_order1_entropy
context_clustered_entropy context_clustering_cost context_avg
context_code_bits context_overhead_bytes context_payload_bytes"

gen_text 300000 >a
gen_zeros 200000 >z
: >empty

# JSON: every field, numbers, in the order of the CSV.
report a
for k in level $CONTEXT; do
	v=$(json_get $k out.json)
	case $v in
	''|null|*[!0-9eE.+-]*) fail "$k: '$v' is not a number" ;;
	esac
done
assert_json level out.json 6
assert_json context_level out.json 9
assert_json context_symbols out.json "$(json_get symbols out.json)"
cp out.json a.json
# Figures that must hold whatever the model: the cost is the difference of
# the entropies; the codes' average is their exact bits over the symbols;
# H(X|context) <= clustered <= the codes; no more blocks with a model than
# blocks; a payload below its bytes.
assert_near context_clustering_cost a.json \
	"$(json_get context_clustered_entropy a.json) - $(json_get context_order1_entropy a.json)" 1e-12
assert_near context_avg a.json \
	"$(json_get context_code_bits a.json) / $(json_get context_symbols a.json)" 1e-12
awk -v o="$(json_get context_order1_entropy a.json)" -v c="$(json_get context_clustered_entropy a.json)" \
    -v l="$(json_get context_avg a.json)" -v kmin="$(json_get context_codes_min a.json)" \
    -v kmax="$(json_get context_codes_max a.json)" -v b="$(json_get context_blocks a.json)" \
    -v lb="$(json_get context_level_blocks a.json)" -v d="$(json_get context_overhead_bytes a.json)" \
    -v p="$(json_get context_payload_bytes a.json)" -v n="$(json_get symbols a.json)" \
    'BEGIN { exit !(o <= c + 1e-12 && c <= l + 1e-12 && 2 <= kmin && kmin <= kmax && kmax <= 32 &&
		    1 <= b && b <= lb && d < p && p < n) }' ||
	fail "context figures out of order: $(cat a.json)"

# CSV: the same fields, after the extras, in the same order.
assert_exit 0 "$HUFF" report --csv a >a.csv
head -n 1 a.csv | tr ',' '\n' | grep -n '' | grep -E ':(blocks|level|context_.*)$' | cut -d: -f2 >cols
printf '%s\n' blocks level $CONTEXT >want.cols
assert_same cols want.cols
col=$(head -n 1 a.csv | tr ',' '\n' | grep -n '^context_payload_bytes$' | cut -d: -f1)
assert_eq "$(sed -n 2p a.csv | cut -d, -f"$col")" "$(json_get context_payload_bytes a.json)" \
	"csv context_payload_bytes"

# Nats: ln 2 times the bits; counts and sizes stay.
report --unit nats a
for k in context_order1_entropy context_clustered_entropy context_clustering_cost context_avg; do
	assert_near $k out.json "$(json_get $k a.json) * log(2)" 1e-12
done
for k in context_code_bits context_payload_bytes context_blocks; do
	assert_json $k out.json "$(json_get $k a.json)"
done

# -N sets both levels; without it the .huf stays huff's default, as
# huff -c writes it.
report -9 a
assert_json level out.json 9
assert_json context_level out.json 9
assert_json blocks out.json "$(json_get context_level_blocks a.json)"
for k in $CONTEXT; do
	assert_json $k out.json "$(json_get $k a.json)"
done
assert_exit 0 "$HUFF" -9 -c a >a9.huf
assert_json huf_bytes out.json "$(size_of a9.huf)"
assert_exit 0 "$HUFF" -c a >a6.huf
assert_json huf_bytes a.json "$(size_of a6.huf)"
report -1 a
assert_json level out.json 1
assert_json context_level out.json 1
# Levels 1 to 6 cut every 128 KiB: 3 blocks of 300000 bytes.
assert_json context_level_blocks out.json 3
assert_json blocks out.json 3

# Text: the section names its level, blocks and codes.
assert_exit 0 "$HUFF" report a >a.txt
assert_stderr_empty
grep -Eq "^  context model \(-9\): $(json_get context_level_blocks a.json) blocks?, " a.txt ||
	fail "text: no context model line: $(grep context a.txt)"
for label in 'clustered entropy' 'clustering cost' 'context codes, average' 'context payload'; do
	grep -q "^  $label  " a.txt || fail "text: no '$label'"
done
assert_exit 0 "$HUFF" report -7 a >a7.txt
grep -q '^  context model (-7): ' a7.txt || fail "text: -7 not shown"
grep -q "^  huff's .huf -7 (8\\*bytes/n)" a7.txt || fail "text: the .huf's level not shown"
if grep -q "huff's .huf -" a.txt; then fail "text: a level shown that was not given"; fi

# One byte value: blocks, none with a model, no figures.
report z
zb=$(json_get context_level_blocks out.json)
[ "$zb" -ge 1 ] || fail "z: $zb blocks"
assert_json context_blocks out.json 0
assert_json context_symbols out.json 0
for k in context_codes_min context_order1_entropy context_clustered_entropy \
	 context_clustering_cost context_avg context_code_bits context_payload_bytes; do
	assert_json $k out.json null
done
assert_exit 0 "$HUFF" report z >z.txt
grep -Eq "^  context model \(-9\): $zb blocks?, none with a model\$" z.txt ||
	fail "text: $(grep context z.txt)"
# An empty file: no blocks; and a list has no context model.
report empty
assert_json context_level_blocks out.json 0
assert_json context_blocks out.json 0
assert_json context_avg out.json null
report --p 3,3,2,1,1
for k in level $CONTEXT; do
	assert_json $k out.json null
done

# Levels are huff's: -1 to -9, one word each.
for bad in -0 -10 -19; do
	assert_exit 1 "$HUFF" report $bad a >out
	assert_stderr_matches "^huff: report: unknown option '$bad' "
done
