# corpus/synth.c writes files whose measured entropy is the exact entropy it
# prints.  synth is built here with cc from its source (no C compiler:
# skipped), writes sources at 256 KiB, and `huff report --json` measures them:
#
#  - the printed exact figures equal their closed forms (log2 k, h(p), the
#    sticky chain's sum of pi_i h(row i)), computed again here with awk;
#  - i.i.d. sources: `entropy` within TOL of the printed rate.  TOL is 0.01
#    bits, or 5 standard deviations of the plug-in estimate when that is
#    more: its sd is about sqrt(Var[-log2 p] / n), measured over 61 seeds as
#    0.0022 for geom-0.75 and 0.0057 for zipf-1.5 (Var[-log2 p] = 9.0 bits^2);
#  - Markov chains: `order1_entropy` near the printed rate and `entropy`
#    near the printed order-0 entropy of the stationary distribution (sd
#    0.0018 to 0.0034), so the gap between the two shows in the data;
#  - uniform-256 does not compress: huff's .huf is 8.00 bits per byte;
#  - the same seed gives the same bytes, whichever other sources are
#    generated with it, and a shorter file is a prefix of a longer one;
#    another seed gives other bytes; the first bytes for seed 1 are pinned,
#    so that a corpus made on one machine or version can be made again on
#    another (change them only with the generator, on purpose);
#  - --list writes nothing and prints the same figures; an unknown source is
#    an error, exit 1.
. "$T_LIB"

root=$(cd "$(dirname "$0")/../.." && pwd)
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || skip "no C compiler ($cc) for corpus/synth.c"
assert_exit 0 "$cc" -std=c11 -O2 -o "$T_META/synth" "$root/corpus/synth.c" -lm
SYNTH=$T_META/synth

# json_field NAME FILE - the value of "NAME" in a one-line JSON object.
json_field() {
	sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\([^,}[:space:]]*\).*/\1/p" "$2"
}

# col NAME N FILE - column N of source NAME's line in synth's output.
col() {
	awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$3"
}

# near GOT WANT TOL WHAT - |GOT - WANT| < TOL, and both are numbers.
near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN {
		if (g !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ || w !~ /^-?[0-9.]+$/) exit 1
		d = g - w; if (d < 0) d = -d; exit !(d < t) }' ||
		fail "$4: $1, expected $2 within $3"
	printf '  %-34s %.6f  exact %.6f  diff %+.5f (tol %s)\n' "$4" "$1" "$2" \
		"$(awk -v g="$1" -v w="$2" 'BEGIN { print g - w }')" "$3"
}

# --- the printed figures are exact --------------------------------------
assert_exit 0 "$SYNTH" --list >list.txt
assert_only_files list.txt
for k in 2 3 10 100 256; do
	want=$(awk -v k="$k" 'BEGIN { printf "%.12f", log(k) / log(2) }')
	near "$(col uniform-$k 3 list.txt)" "$want" 1e-11 "uniform-$k rate = log2 $k"
done
for p in 0.5 0.6 0.75 0.9 0.99 0.999; do
	want=$(awk -v p="$p" 'BEGIN { q = 1 - p
		printf "%.12f", -(p * log(p) + q * log(q)) / log(2) }')
	near "$(col bern-$p 3 list.txt)" "$want" 1e-11 "bern-$p rate = h($p)"
done
# markov-2: rows (0.95, 0.05) and (0.10, 0.90), pi = (2/3, 1/3).
want=$(awk 'function h(p) { return -(p * log(p) + (1 - p) * log(1 - p)) / log(2) }
	BEGIN { printf "%.12f", 2 / 3 * h(0.05) + 1 / 3 * h(0.1) }')
near "$(col markov-2 3 list.txt)" "$want" 1e-11 "markov-2 rate"
want=$(awk 'BEGIN { printf "%.12f", -(2/3 * log(2/3) + 1/3 * log(1/3)) / log(2) }')
near "$(col markov-2 4 list.txt)" "$want" 1e-11 "markov-2 order-0 = H(2/3, 1/3)"
grep -q '^#   stationary pi = (2, 1) / 3;' list.txt ||
	fail "--list does not state markov-2's stationary distribution"

# --- measured against exact ---------------------------------------------
# name tolerance
cat >iid.txt <<'EOF'
uniform-3 0.01
uniform-10 0.01
uniform-256 0.01
bern-0.9 0.01
bern-0.99 0.01
geom-0.5 0.01
geom-0.75 0.012
zipf-1.5 0.03
EOF
names="$(cut -d' ' -f1 iid.txt | tr '\n' ' ')markov-2 markov-4"
# shellcheck disable=SC2086 # the names are words
assert_exit 0 "$SYNTH" -n 256K -s 42 -o a $names >a.txt
while read -r name tol; do
	assert_exit 0 "$HUFF" report --json "a/$name" >r.json
	assert_eq "$(json_field symbols r.json)" 262144 "$name: symbols"
	assert_eq "$(col "$name" 2 a.txt)" 262144 "$name: printed bytes"
	near "$(json_field entropy r.json)" "$(col "$name" 3 a.txt)" "$tol" "$name entropy"
done <iid.txt

for m in markov-2 markov-4; do
	assert_exit 0 "$HUFF" report --json "a/$m" >r.json
	near "$(json_field order1_entropy r.json)" "$(col $m 3 a.txt)" 0.015 "$m order1_entropy vs rate"
	near "$(json_field entropy r.json)" "$(col $m 4 a.txt)" 0.02 "$m entropy vs order-0"
done

assert_exit 0 "$HUFF" report --json a/uniform-256 >r.json
huf_avg=$(json_field huf_avg r.json)
awk -v a="$huf_avg" 'BEGIN { exit !(a >= 8 && a < 8.01) }' ||
	fail "uniform-256: huff's .huf at $huf_avg bits/B, expected 8.00 (raw)"
note "  uniform-256 .huf: $huf_avg bits/B"

# --- determinism ----------------------------------------------------------
assert_exit 0 "$SYNTH" -n 256K -s 42 -o b zipf-1.5 markov >b.txt
for f in zipf-1.5 markov-2 markov-4; do
	assert_same "a/$f" "b/$f"
done
assert_exit 0 "$SYNTH" -n 1000 -s 42 -o c zipf-1.5 markov-4 >/dev/null
cmp -s -n 1000 a/zipf-1.5 c/zipf-1.5 || fail "zipf-1.5: 1000 bytes are not a prefix of 256 KiB"
cmp -s -n 1000 a/markov-4 c/markov-4 || fail "markov-4: 1000 bytes are not a prefix of 256 KiB"
assert_eq "$(size_of c/markov-4)" 1000 "markov-4 -n 1000: size"
assert_exit 0 "$SYNTH" -n 256K -s 43 -o d zipf-1.5 markov-4 >/dev/null
assert_differ a/zipf-1.5 d/zipf-1.5
assert_differ a/markov-4 d/markov-4
assert_exit 0 "$SYNTH" -n 16 -s 1 -o g uniform-256 markov-4 bern-0.9 >/dev/null
assert_eq "$(od -An -tx1 g/uniform-256 | tr -d ' \n')" ecd6677f469155af86796ff3980492da \
	"uniform-256, seed 1, pinned bytes"
assert_eq "$(od -An -tx1 g/markov-4 | tr -d ' \n')" 01010101000000000000000001010300 \
	"markov-4, seed 1, pinned bytes"
assert_eq "$(od -An -tx1 g/bern-0.9 | tr -d ' \n')" 00000000000000000000000000000001 \
	"bern-0.9, seed 1, pinned bytes"
assert_exit 0 "$SYNTH" -n 0 -o e markov-4 uniform-3 >/dev/null
assert_empty_file e/markov-4
assert_empty_file e/uniform-3
[ -z "$(find a b c d e g -name '*.tmp')" ] || fail "temporary files left"

# --list prints what a writing run prints (the bytes column aside).
grep -v '^#' a.txt | awk '{ $2 = ""; print }' >written.txt
grep -v '^#' list.txt | awk '{ $2 = ""; print }' >listed.txt
while read -r line; do
	grep -qxF -- "$line" listed.txt || fail "--list lacks: $line"
done <written.txt

assert_exit 1 "$SYNTH" -o f no-such-source
assert_stderr_matches 'no-such-source: no such source'
assert_missing f
exit 0
