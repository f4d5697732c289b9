# huff report on files: text, JSON and CSV; every field of the man page's
# JSON contract; huf_bytes is the size huff really writes; stdin; an empty
# file; several files, one of them bad.
. "$T_LIB"
. "$(dirname "$T_LIB")/report_lib.sh"

CONTRACT="name symbols distinct entropy huffman_avg limited_avg shannon_avg
huf_avg redundancy efficiency kraft_sum max_len ideal_bytes
huffman_payload_bytes huf_bytes block_entropy_bytes order1_entropy"
MODEL_CONTRACT="cross_entropy kl_divergence model_avg model_overhead
model_covers_data"

gen_text 300000 >a
gen_words 70000 >b

# JSON: one object, every contract field, numbers where numbers belong.
assert_exit 0 "$HUFF" report --json a >a.json
assert_stderr_empty
assert_eq "$(wc -l <a.json | tr -d ' ')" 1 "lines of JSON"
for k in $CONTRACT; do
	v=$(json_get $k a.json)
	[ -n "$v" ] && [ "$v" != null ] || fail "field $k missing or null: '$v'"
done
for k in $MODEL_CONTRACT; do
	if grep -q "\"$k\"" a.json; then fail "$k without a model"; fi
done
assert_json name a.json '"a"'
assert_json symbols a.json 300000
# distinct, counted here: seq output has digits and newlines.
want=$(od -An -v -tu1 a | tr -s ' ' '\n' | grep -v '^$' | sort -u | wc -l | tr -d ' ')
assert_json distinct a.json "$want"

# huf_bytes is the size of what huff writes, to stdout and to a file.
assert_exit 0 "$HUFF" -c a >a.c.huf
assert_json huf_bytes a.json "$(size_of a.c.huf)"
assert_exit 0 "$HUFF" a
assert_json huf_bytes a.json "$(size_of a.huf)"
rm a.huf
n=$(json_get symbols a.json)
assert_near huf_avg a.json "8 * $(json_get huf_bytes a.json) / $n"
# The payload is the average length times n, as an exact integer of bits.
assert_near huffman_payload_bytes a.json "$(json_get huffman_avg a.json) * $n / 8" 1e-6
assert_near huffman_payload_bytes a.json "$(json_get huffman_payload_bits a.json) / 8"
assert_near ideal_bytes a.json "$(json_get entropy a.json) * $n / 8" 1e-6
# Orders the theory guarantees: H <= Huffman <= limited, Huffman < H + 1,
# Huffman <= Shannon; a context model knows more than order 0.
awk -v h="$(json_get entropy a.json)" -v l="$(json_get huffman_avg a.json)" \
    -v m="$(json_get limited_avg a.json)" -v s="$(json_get shannon_avg a.json)" \
    -v o="$(json_get order1_entropy a.json)" \
    'BEGIN { exit !(h <= l && l <= m && l < h + 1 && l <= s && o <= h) }' ||
	fail "figures out of order: $(cat a.json)"
assert_near kraft_sum a.json 1

# Units: every entropy and length in nats is ln 2 times the bits; sizes in
# bytes stay bytes.
assert_exit 0 "$HUFF" report --json --unit nats a >a.nats.json
for k in entropy huffman_avg limited_avg shannon_avg huf_avg redundancy order1_entropy; do
	assert_near $k a.nats.json "$(json_get $k a.json) * log(2)" 1e-12
done
for k in ideal_bytes huffman_payload_bytes huf_bytes block_entropy_bytes efficiency kraft_sum; do
	assert_json $k a.nats.json "$(json_get $k a.json)"
done
# In text, the two rows defined in bits say the factor ln 2 they were
# converted by; codeword lengths stay bits, and say so.
assert_exit 0 "$HUFF" report --unit nats --symbols a >a.nats.txt
s4=$(awk -v s="$(json_get shannon_avg a.nats.json)" 'BEGIN { printf "%.4f", s }')
u4=$(awk -v s="$(json_get huf_avg a.nats.json)" 'BEGIN { printf "%.4f", s }')
grep -Eq "^  shannon, ln2\*ceil\(-log2 p\) +$s4\$" a.nats.txt ||
	fail "nats text: no shannon row ln2*ceil(-log2 p) $s4"
grep -Eq "^  huff's \.huf \(ln2\*8\*bytes/n\) +$u4\$" a.nats.txt ||
	fail "nats text: no .huf row ln2*8*bytes/n $u4"
grep -Eq '^  code \(nats/symbol\) .* longest \(bits\)$' a.nats.txt || fail "nats text: longest"
grep -Eq '^  byte .* length \(bits\) +codeword$' a.nats.txt || fail "nats text: length"
assert_exit 0 "$HUFF" report --unit nats -4 a >a.nats4.txt
grep -Eq "^  huff's \.huf -4 \(ln2\*8\*bytes/n\) " a.nats4.txt || fail "nats text: -4 row"
# In bits the labels are the plain formulas.
assert_exit 0 "$HUFF" report a >a.bits.txt
grep -Eq "^  shannon, ceil\(-log2 p\) " a.bits.txt || fail "bits text: shannon row"
grep -Eq "^  huff's \.huf \(8\*bytes/n\) " a.bits.txt || fail "bits text: .huf row"

# stdin: no FILE, or "-"; the figures of the file.
assert_exit 0 "$HUFF" report --json <a >s.json
assert_json name s.json '"-"'
assert_exit 0 "$HUFF" report --json - <a >s2.json
assert_same s.json s2.json
for k in entropy huffman_avg huf_bytes block_entropy_bytes order1_entropy; do
	assert_json $k s.json "$(json_get $k a.json)"
done

# Text: the name, then aligned figures at 4 decimals.
assert_exit 0 "$HUFF" report a >a.txt
assert_stderr_empty
assert_eq "$(head -n 1 a.txt)" a "first line of text"
grep -Eq "^  symbols +300000\$" a.txt || fail "text: symbols"
e4=$(awk -v e="$(json_get entropy a.json)" 'BEGIN { printf "%.4f", e }')
grep -Eq "^  entropy H\(p\) +$e4  bits/symbol\$" a.txt || fail "text: entropy $e4"
for label in 'huffman, unlimited' 'huffman, limit 11' 'shannon, ceil' \
	     "huff's .huf" 'order-1 entropy' 'block entropy'; do
	grep -q "$label" a.txt || fail "text: no '$label'"
done
grep -Eq "  $(json_get huf_bytes a.json)  " a.txt || fail "text: no huf_bytes"
# The code table's columns line up: every row as long as its header, or
# cut short after its last figure.
sed -n '/^  code (bits\/symbol)/,/^$/p' a.txt >table
w=$(head -n 1 table | awk '{ print length }')
awk -v w="$w" 'NR <= 3 && length != w { exit 1 }' table || fail "text: code table misaligned"

# CSV: a header (the contract's order first), then one row per input.
assert_exit 0 "$HUFF" report --csv a b >ab.csv
assert_stderr_empty
assert_eq "$(wc -l <ab.csv | tr -d ' ')" 3 "csv lines"
head -n 1 ab.csv | tr ',' '\n' | head -n 17 >cols
echo $CONTRACT | tr ' ' '\n' >want.cols
assert_same cols want.cols
awk -F, 'NR == 1 { n = NF } NF != n { exit 1 }' ab.csv || fail "csv: ragged rows"
col=$(head -n 1 ab.csv | tr ',' '\n' | grep -n '^huf_bytes$' | cut -d: -f1)
assert_eq "$(sed -n 2p ab.csv | cut -d, -f"$col")" "$(json_get huf_bytes a.json)" "csv huf_bytes"
assert_eq "$(sed -n 3p ab.csv | cut -d, -f1)" b "csv second name"
# --format spells the same.
assert_exit 0 "$HUFF" report --format=csv a b >ab2.csv
assert_same ab.csv ab2.csv
assert_exit 0 "$HUFF" report --format json a >a2.json
assert_same a.json a2.json

# Several files: one JSON line each, in order; a bad one is an error (exit
# 1, one line) and the others are still reported.
assert_exit 1 "$HUFF" report --json a missing b >ab.json
assert_stderr_matches '^huff: missing: No such file or directory$'
assert_stderr_lines 1
assert_eq "$(wc -l <ab.json | tr -d ' ')" 2 "JSON lines"
assert_eq "$(sed -n 2p ab.json | sed 's/^{"name": "\([^"]*\)".*/\1/')" b "second name"

# An empty file: nothing to report but what huff writes for it.
: >empty
assert_exit 0 "$HUFF" report empty >e.txt
assert_stderr_empty
grep -q 'empty: nothing to report' e.txt || fail "text: empty file"
assert_exit 0 "$HUFF" report --json empty >e.json
assert_json symbols e.json 0
assert_json distinct e.json 0
for k in entropy huffman_avg limited_avg shannon_avg huf_avg redundancy \
	 efficiency kraft_sum max_len ideal_bytes huffman_payload_bytes order1_entropy; do
	assert_json $k e.json null
done
assert_exit 0 "$HUFF" -c empty >e.huf
assert_json huf_bytes e.json "$(size_of e.huf)"
assert_exit 0 "$HUFF" report --json --model b empty >e.json
for k in $MODEL_CONTRACT; do
	assert_json $k e.json null
done
assert_exit 0 "$HUFF" report --csv empty a >e.csv
assert_eq "$(wc -l <e.csv | tr -d ' ')" 3 "csv lines with an empty file"

# One byte: no pair of neighbours, so order-1 entropy is undefined (null,
# empty in CSV, "undefined" in text); ceil(-log2 1) = 0; the codes' 1-bit
# codeword is a convention, which a note states (one_symbol).
printf x >one
assert_exit 0 "$HUFF" report --json one >one.json
assert_near entropy one.json 0
assert_near huffman_avg one.json 1
assert_json order1_entropy one.json null
assert_json shannon_avg one.json 0
assert_json kraft_sum one.json 0.5
assert_json one_symbol one.json true
assert_json one_symbol a.json false
assert_exit 0 "$HUFF" report --csv one >one.csv
for k in order1_entropy shannon_avg one_symbol; do
	col=$(head -n 1 one.csv | tr ',' '\n' | grep -n "^$k\$" | cut -d: -f1)
	[ -n "$col" ] || fail "csv: no $k column"
	eval "csv_$k=\$(sed -n 2p one.csv | cut -d, -f$col)"
done
assert_eq "$csv_order1_entropy:$csv_shannon_avg:$csv_one_symbol" ":0:true" \
	"csv order1_entropy, shannon_avg, one_symbol"
assert_exit 0 "$HUFF" report one >one.txt
grep -Eq '^  order-1 entropy +undefined +one byte: no pair' one.txt ||
	fail "text: order-1 entropy of one byte: $(grep order-1 one.txt)"
grep -Eq '^  shannon, ceil\(-log2 p\) +0\.0000$' one.txt || fail "text: shannon of one symbol"
grep -q '^  note: one symbol: H(p) and ceil(-log2 p) are 0' one.txt ||
	fail "text: no note of one symbol"
grep -q '1-bit codeword by convention' one.txt || fail "text: no note of the 1-bit convention"
grep -q 'rle blocks' one.txt || fail "text: the note does not say what huff writes"
grep -q 'note: one symbol' a.txt && fail "text: the one-symbol note for many symbols"
# Two bytes of one value: one pair, order-1 entropy 0; still one symbol.
printf xx >two
assert_exit 0 "$HUFF" report --json two >two.json
assert_json order1_entropy two.json 0
assert_json one_symbol two.json true
# A one-symbol --p says the same.
report --p 0,4,0
assert_json shannon_avg out.json 0
assert_json one_symbol out.json true
# The reference agrees: undefined for one byte, 0 for two.
if [ -n "${REF_REPORT:-}" ] && [ -x "$REF_REPORT" ]; then
	assert_exit 0 "$REF_REPORT" one two >ref.tsv
	assert_eq "$(cut -f6 ref.tsv | tr '\n' ' ')" "undefined 0 " "reference order1_entropy"
else
	note "no \$REF_REPORT: the reference's one-byte case is not checked"
fi
