# huff report with a model q: cross-entropy, KL divergence and q's code on
# p's data, from --q and --model; a q that does not cover p, and --smooth.
. "$T_LIB"
. "$(dirname "$T_LIB")/report_lib.sh"

# A 3-class prediction q against its one-hot label p = [0, 1, 0]:
# H(p,q) = -log2 q_2 = 2.32, 1.00 and 0.32 bits; H(p) = 0, so D(p||q) is the
# same.  q's optimal code gives the label 2, 1 and 1 bits.
report --p 0,1,0 --q 0.6,0.2,0.2
assert_near cross_entropy out.json '-l2(0.2)'
assert_near cross_entropy out.json 2.321928 5e-7
assert_near kl_divergence out.json '-l2(0.2)'
assert_near model_avg out.json 2
assert_near model_overhead out.json 1
assert_json model_covers_data out.json true
assert_eq "$(json_list model_weights out.json)" 6,2,2 "q's weights"
report --p 0,1,0 --q 0.3,0.5,0.2
assert_near cross_entropy out.json 1
assert_near kl_divergence out.json 1
assert_near model_avg out.json 1
assert_near model_overhead out.json 0
report --p 0,1,0 --q 0.1,0.8,0.1
assert_near cross_entropy out.json '-l2(0.8)'
assert_near cross_entropy out.json 0.321928 5e-7
assert_near model_avg out.json 1
# In nats.
report --p 0,1,0 --q 0.6,0.2,0.2 --unit nats
assert_near cross_entropy out.json '-log(0.2)'

# A general p: KL = Σ p log(p/q) = H(p,q) - H(p).
# q = 1,2,4,8,16 (no ties): q's code has lengths 4,4,3,2,1.
report --p 3,3,2,1,1 --q 1,2,4,8,16
assert_near cross_entropy out.json 'l2(31) - (0.3 * 1 + 0.2 * 2 + 0.1 * 3 + 0.1 * 4)'
assert_near kl_divergence out.json 'l2(31) - 1.4 + (0.6 * l2(0.3) + 0.2 * l2(0.2) + 0.2 * l2(0.1))'
assert_near model_avg out.json 3.3
assert_near model_overhead out.json 1.1

# q = 0 where p > 0: infinite, and q's code cannot encode the data.
report --p 1,1,2 --q 1,0,1
for k in cross_entropy kl_divergence model_avg model_overhead; do
	assert_json $k out.json null
done
assert_json model_covers_data out.json false
assert_exit 0 "$HUFF" report --p 1,1,2 --q 1,0,1 >out.txt
grep -Eq '^  cross-entropy H\(p,q\) +inf ' out.txt || fail "text: no inf cross-entropy"
grep -Eq '^  KL divergence D\(p\|\|q\) +inf ' out.txt || fail "text: no inf KL divergence"
grep -q "q's code cannot encode the data" out.txt || fail "text: no plain sentence"
assert_exit 0 "$HUFF" report --csv --p 1,1,2 --q 1,0,1 >out.csv
tail -n 1 out.csv | grep -q ',inf,inf,inf,inf,false,' || fail "csv: $(tail -n 1 out.csv)"

# --smooth ALPHA adds ALPHA to every value of q, exactly: 1,0,1 + 0.5 is
# weights 15,5,15.
report --p 1,1,2 --q 1,0,1 --smooth 0.5
assert_eq "$(json_list model_weights out.json)" 15,5,15 "smoothed weights"
assert_json model_covers_data out.json true
assert_near cross_entropy out.json '0.25 * l2(35/15) + 0.25 * l2(7) + 0.5 * l2(35/15)'
assert_near smooth out.json 0.5
assert_exit 0 "$HUFF" report --p 1,1,2 --q 1,0,1 --smooth 0.5 >out.txt
if grep -q ' inf ' out.txt; then fail "smoothed text still infinite"; fi
# ALPHA = 0 smooths nothing.
report --p 1,1,2 --q 1,0,1 --smooth 0
assert_json model_covers_data out.json false

# --model FILE: q from a file's bytes.  Digits and letters share only the
# newline: q does not cover p until smoothed.
gen_text 30000 >digits
gen_words 20000 >words
report --model words digits
assert_json model_covers_data out.json false
assert_json cross_entropy out.json null
assert_json model out.json '"words"'
report --model words --smooth 1 digits
assert_json model_covers_data out.json true
e=$(json_get entropy out.json)
h=$(json_get huffman_avg out.json)
x=$(json_get cross_entropy out.json)
m=$(json_get model_avg out.json)
assert_near kl_divergence out.json "$x - $e" 1e-9
assert_near model_overhead out.json "$m - $h" 1e-9
awk "BEGIN { exit !($x > $e && $m > $h) }" || fail "a wrong model costs nothing"
# A file against itself: no divergence, no overhead.
report --model digits digits
assert_near kl_divergence out.json 0
assert_near cross_entropy out.json "$(json_get entropy out.json)"
assert_near model_overhead out.json 0
# With --p, a model file gives 256 values: p needs as many.
yes 1 | head -n 256 | paste -sd, - >ones
report --p "$(cat ones)" --model digits
assert_json model_covers_data out.json false
# --q with a file: 256 values, one per byte value.  Uniform q: 8 bits.
report --q "$(cat ones)" digits
assert_near cross_entropy out.json 8
assert_near model_avg out.json 8
assert_near kl_divergence out.json "8 - $(json_get entropy out.json)"

# Text shows the model's section.
assert_exit 0 "$HUFF" report --model words --smooth 1 digits >out.txt
assert_stderr_empty
grep -q '^  model q: words, smoothed by +1$' out.txt || fail "text: no model line"
grep -Eq '^  overhead over huffman +[0-9.]+  bits/symbol$' out.txt || fail "text: no overhead"
