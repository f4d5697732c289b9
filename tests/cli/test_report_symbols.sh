# huff report --symbols: one row per occurring symbol, most frequent first
# (ties by symbol value), with p, -log p, the optimal code's length and its
# canonical codeword; in text, JSON and CSV.
. "$T_LIB"
. "$(dirname "$T_LIB")/report_lib.sh"

# --p 3,3,2,1,1: lengths 2,2,2,3,3, canonical codewords 00 01 10 110 111.
assert_exit 0 "$HUFF" report --symbols --p 3,3,2,1,1 >p.txt
assert_stderr_empty
sed -n '/^  index/,$p' p.txt >rows
assert_eq "$(wc -l <rows | tr -d ' ')" 6 "header and 5 rows"
grep -Eq '^  index +weight +p +-log2 p \(bits\) +length +codeword$' rows ||
	fail "header: $(head -n 1 rows)"
assert_eq "$(sed 1d rows | awk '{ print $1 ":" $2 ":" $5 ":" $6 }' | tr '\n' ' ')" \
	"0:3:2:00 1:3:2:01 2:2:2:10 3:1:3:110 4:1:3:111 " "rows"
assert_eq "$(sed -n 2p rows | awk '{ print $3, $4 }')" "0.3000 1.7370" "p and -log2 p"

# Ties by index, most frequent first; zero weights have no row.
assert_exit 0 "$HUFF" report --symbols --json --p 1,3,0,3 >t.json
assert_eq "$(grep -o '"symbol": [0-9]*' t.json | awk '{ printf "%s ", $2 }')" \
	"1 3 0 " "order of rows"
grep -o '"self_information": [^,]*' t.json | head -n 1 | cut -d' ' -f2 >info
awk -v i="$(cat info)" 'BEGIN { d = i - log(7 / 3) / log(2); exit !(d < 1e-12 && d > -1e-12) }' ||
	fail "self_information $(cat info)"
grep -q '"symbol": 1, "label": "1", "count": 3, ' t.json || fail "row fields: $(cat t.json)"

# A file: printable bytes as themselves, others as 0xNN; codewords form a
# prefix code whose lengths are code_len.
printf 'aaaab b\n\001' >f
assert_exit 0 "$HUFF" report --symbols f >f.txt
sed -n '/^  byte  /,$p' f.txt | sed 1d | awk '{ print $1, $2 }' >got
printf 'a 4\nb 2\n0x01 1\n0x0a 1\n0x20 1\n' >want
assert_same got want
sed -n '/^  byte  /,$p' f.txt | sed 1d | awk '{ print $5, $6 }' >codes
awk '{ if (length($2) != $1) exit 1 }' codes || fail "codeword lengths: $(cat codes)"
awk '{ c[NR] = $2 } END { for (i in c) for (j in c)
	if (i != j && index(c[j], c[i]) == 1) exit 1 }' codes || fail "not prefix-free: $(cat codes)"

# JSON: a symbol_table after the figures; the counts add up to symbols.
gen_words 5000 >w
assert_exit 0 "$HUFF" report --json --symbols w >w.json
assert_eq "$(grep -o '"count": [0-9]*' w.json | awk '{ s += $2 } END { print s }')" \
	5000 "sum of counts"
assert_eq "$(grep -o '"count": ' w.json | wc -l | tr -d ' ')" "$(json_get distinct w.json)" "rows"
grep -q '"label": " "' w.json && fail "a space is shown as 0x20, not ' '"
grep -q '"symbol": 32, "label": "0x20"' w.json || fail "no space row"

# With a model, each row also gives q's code length (none where q is 0).
assert_exit 0 "$HUFF" report --symbols --p 1,1,2 --q 1,0,1 >m.txt
grep -Eq "q's length\$" m.txt || fail "no q's length column"
grep -Eq '^  1 +1 .* none$' m.txt || fail "no 'none' for a symbol q cannot code"
assert_exit 0 "$HUFF" report --symbols --json --p 1,1,2 --q 1,0,1 >m.json
grep -q '"symbol": 1, [^}]*"model_code_len": null' m.json || fail "json model_code_len"

# CSV with --symbols: one table of symbols of every input, name first.
assert_exit 0 "$HUFF" report --csv --symbols f w >s.csv
assert_stderr_empty
assert_eq "$(head -n 1 s.csv)" "name,symbol,label,count,p,self_information,code_len,codeword" "csv header"
assert_eq "$(grep -c '^f,' s.csv)" 5 "rows of f"
assert_eq "$(grep -c '^w,' s.csv)" "$(json_get distinct w.json)" "rows of w"
assert_eq "$(sed -n 2p s.csv | cut -d, -f1-4)" "f,97,a,4" "first row"
# A comma is quoted.
printf ',,,' >comma
assert_exit 0 "$HUFF" report --csv --symbols comma >c.csv
assert_eq "$(sed -n 2p c.csv | cut -c1-17)" 'comma,44,",",3,1,' "quoted comma"

# Codewords past 32 bits (Fibonacci weights) cannot be shown; lengths can,
# and every shorter codeword is.  34 weights: lengths 1 to 32 and two of
# 33 bits; the weight of length l has codeword 1...10 (l - 1 ones).
fib=1,1,2,3,5,8,13,21,34,55,89,144,233,377,610,987,1597,2584,4181,6765,10946
fib=$fib,17711,28657,46368,75025,121393,196418,317811,514229,832040,1346269
fib=$fib,2178309,3524578,5702887
assert_exit 0 "$HUFF" report --symbols --p $fib >fib.txt
assert_stderr_empty
sed -n '/^  index/,$p' fib.txt | awk '$1 ~ /^[0-9]+$/' >fib.rows
assert_eq "$(wc -l <fib.rows | tr -d ' ')" 34 "rows of 34 weights"
assert_eq "$(grep -c '(over 32 bits)' fib.rows)" 2 "rows without a codeword"
assert_eq "$(awk '$1 == 0 || $1 == 1 { print $5, $6, $7, $8 }' fib.rows | tr '\n' ' ')" \
	"33 (over 32 bits) 33 (over 32 bits) " "the 33-bit rows"
awk '$5 <= 32 { want = ""; for (i = 1; i < $5; i++) want = want "1"
	if ($6 != want "0") exit 1 }' fib.rows || fail "codewords: $(cat fib.rows)"
assert_eq "$(awk '$1 == 2 { print $6 }' fib.rows)" 11111111111111111111111111111110 \
	"the 32-bit codeword"
grep -q '^  note: 2 codewords longer than 32 bits not shown (their lengths are)$' fib.txt ||
	fail "no note of the codewords not shown"
grep -q 'note: .*codeword' p.txt && fail "a note of codewords where all are shown"
assert_exit 0 "$HUFF" report --json --symbols --p $fib >fib.json
assert_eq "$(grep -o '"codeword": null' fib.json | wc -l | tr -d ' ')" 2 "json null codewords"
grep -q '"symbol": 33, [^}]*"code_len": 1, "codeword": "0"}' fib.json || fail "json 1-bit codeword"
assert_exit 0 "$HUFF" report --csv --symbols --p $fib >fib.csv
assert_eq "$(grep -c ',33,$' fib.csv)" 2 "csv empty codewords"
grep -q '^--p,2,2,2,.*,32,11111111111111111111111111111110$' fib.csv || fail "csv 32-bit codeword"
