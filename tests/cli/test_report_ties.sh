# huff report with a model q: what q's code is.  Built from q, it has no
# length limit (a note says so, and how long its longest codeword is);
# where q's weights tie, the codes optimal for q may differ on p, and then
# a note gives their range (model_avg_min, model_avg_max) and the rule that
# picked q's code.  The range is checked against tools/ref_report.c --pq,
# which tries every complete code.
. "$T_LIB"
. "$(dirname "$T_LIB")/report_lib.sh"

# q = 1,1,2,2: optimal lengths 2,2,2,2 (ties by index: q's code) or
# 3,3,2,1; p = 0,0,0,1 costs 2 bits under the first, 1 under the second.
report --p 0,0,0,1 --q 1,1,2,2
assert_near model_avg out.json 2
assert_near model_avg_min out.json 1
assert_near model_avg_max out.json 2
assert_json model_max_len out.json 2
assert_json model_code_limit out.json null
assert_exit 0 "$HUFF" report --p 0,0,0,1 --q 1,1,2,2 >tie.txt
assert_stderr_empty
grep -q "^  note: q's code is an optimal code for q with no length limit" tie.txt ||
	fail "text: no note of q's code's limit"
grep -q "^  codeword 2 bits; huff's encoder limits its codes to 11 bits" tie.txt ||
	fail "text: the note does not give the longest codeword"
grep -q "^  note: q's weights tie, and the codes optimal for q differ on p" tie.txt ||
	fail "text: no note of the ties"
grep -q "^  1.0000 to 2.0000 bits/symbol; q's code above breaks ties by symbol index" tie.txt ||
	fail "text: the note of the ties has no range: $(grep -A2 'weights tie' tie.txt)"
assert_exit 0 "$HUFF" report --unit nats --p 0,0,0,1 --q 1,1,2,2 >tie.nats.txt
grep -q "^  0.6931 to 1.3863 nats/symbol" tie.nats.txt || fail "nats: the range"

# No ties, or ties that change nothing on p: one figure, no note of ties.
report --p 3,3,2,1,1 --q 1,2,4,8,16
assert_near model_avg_min out.json 3.3
assert_near model_avg_max out.json 3.3
assert_json model_max_len out.json 4
assert_exit 0 "$HUFF" report --p 3,3,2,1,1 --q 1,2,4,8,16 >notie.txt
grep -q 'weights tie' notie.txt && fail "text: a note of ties without any"
grep -q "no length limit" notie.txt || fail "text: no note of the limit"
report --p 1,1,1,1 --q 1,1,1,1
assert_json model_avg_min out.json 2
assert_json model_avg_max out.json 2
# q does not cover p: no code of q codes p.
report --p 1,1,2 --q 1,0,1
assert_json model_avg_min out.json null
assert_json model_avg_max out.json null
assert_exit 0 "$HUFF" report --csv --p 1,1,2 --q 1,0,1 >nc.csv
assert_eq "$(head -n 1 nc.csv | tr ',' '\n' | tail -n 4 | tr '\n' ' ')" \
	"model_max_len model_code_limit model_avg_min model_avg_max " "csv columns"
assert_eq "$(tail -n 1 nc.csv | cut -d, -f"$(head -n 1 nc.csv | tr ',' '\n' | grep -n '^model_avg_min$' | cut -d: -f1)")" \
	inf "csv model_avg_min"

# Unlimited: Fibonacci-like q gives q's code a 15-bit codeword, more than
# huff's encoder's 11.
fib=1,1,2,3,5,8,13,21,34,55,89,144,233,377,610,987
ones=1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
report --p $ones --q $fib
assert_json model_max_len out.json 15

# A model file's code is its stored code: its limit, one code.
gen_words 20000 >w
assert_exit 0 "$HUFF" train --max-len 12 -o w.model w
report --model w.model w
assert_json model_code_limit out.json 12
awk -v m="$(json_get model_max_len out.json)" 'BEGIN { exit !(m >= 1 && m <= 12) }' ||
	fail "model_max_len $(json_get model_max_len out.json) over the model's limit"
assert_eq "$(json_get model_avg_min out.json)" "$(json_get model_avg out.json)" "model file min"
assert_eq "$(json_get model_avg_max out.json)" "$(json_get model_avg out.json)" "model file max"
assert_exit 0 "$HUFF" report --model w.model w >mf.txt
grep -q 'no length limit' mf.txt && fail "text: a model file's code said unlimited"
grep -q 'weights tie' mf.txt && fail "text: a model file's code said to depend on ties"

# Against the reference: every complete code of small, tie-ridden q.
if [ -z "${REF_REPORT:-}" ] || [ ! -x "$REF_REPORT" ]; then
	note "no \$REF_REPORT: the range is not checked against the reference"
	exit 0
fi
assert_exit 0 "$REF_REPORT" --pq 0,0,0,1 1,1,2,2 >ref.tsv
assert_eq "$(cat ref.tsv)" "$(printf '1\t2')" "reference on the example"
seed=12345
rand() {	# rand N: a number in 0..N-1, from a fixed sequence
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	echo $(( seed / 65536 % $1 ))
}
i=0
while [ $i -lt 40 ]; do
	k=$(( 2 + $(rand 6) ))
	p= q=
	j=0
	while [ $j -lt $k ]; do
		qv=$(( 1 + $(rand 3) ))
		pv=$(rand 5)
		p=${p:+$p,}$pv q=${q:+$q,}$qv
		j=$((j + 1))
	done
	case $p in *[1-9]*) ;; *) p=1${p#0} ;; esac
	assert_exit 0 "$REF_REPORT" --pq "$p" "$q" >ref.tsv
	report --p "$p" --q "$q"
	sum=$(echo "$p" | tr ',' '\n' | awk '{ s += $1 } END { print s }')
	assert_near model_avg_min out.json "$(cut -f1 ref.tsv) / $sum" 1e-12
	assert_near model_avg_max out.json "$(cut -f2 ref.tsv) / $sum" 1e-12
	i=$((i + 1))
done
echo "40 random p, q: the range of q's optimal codes on p as the reference's"
