# -l: a header, one line per file (compressed bytes, uncompressed bytes,
# ratio, bits per byte, blocks, name), a totals line for several files;
# -lv adds frames and blocks by type.  Values are checked against the files.
. "$T_LIB"

gen_text 300000 >text
gen_zeros 200000 >zeros
gen_random 100000 >random
"$HUFF" -B 64K text zeros random || fail "setup"

assert_exit 0 "$HUFF" -l text.huf >out
assert_stderr_empty
assert_eq "$(wc -l <out | tr -d ' ')" 2 "lines for one file (header + 1)"
head -n 1 out | grep -Eq 'compressed +uncompressed +ratio +bits/B +blocks +name' ||
	fail "header: $(head -n 1 out)"
set -- $(sed -n 2p out)
assert_eq "$1" "$(size_of text.huf)" "compressed bytes"
assert_eq "$2" 300000 "uncompressed bytes"
assert_eq "$5" 5 "blocks of 300000 bytes at 64K"
assert_eq "$6" text.huf "name"
want=$(awk -v c="$1" -v u="$2" 'BEGIN { printf "%.1f%% %.3f", 100 * c / u, 8 * c / u }')
assert_eq "$3 $4" "$want" "ratio and bits per byte"

# Several files: a line each and totals.
assert_exit 0 "$HUFF" -l text.huf zeros.huf random.huf >out
assert_eq "$(wc -l <out | tr -d ' ')" 5 "lines for three files"
set -- $(grep 'totals' out)
total=$(( $(size_of text.huf) + $(size_of zeros.huf) + $(size_of random.huf) ))
assert_eq "$1" "$total" "total compressed"
assert_eq "$2" 600000 "total uncompressed"
assert_eq "$5" 11 "total blocks (5 + 4 + 2)"

# -lv: frames and blocks by type, and the model id ("-": none; the model
# column and id with -M are test_models's); the types add up to the blocks.
assert_exit 0 "$HUFF" -lv text.huf zeros.huf random.huf >out
head -n 1 out | grep -Eq 'blocks +frames +raw +rle +huffman +repeat +model +context +model id +name' ||
	fail "-lv header: $(head -n 1 out)"
awk 'NR > 1 && ($5 != $7 + $8 + $9 + $10 + $11 + $12 || $11 != 0 || $13 != "-") { exit 1 }' out ||
	fail "types do not add up, or a model without -M: $(cat out)"
set -- $(grep 'zeros\.huf$' out)
assert_eq "$6 $8" "1 4" "zeros: 1 frame, 4 rle blocks"
set -- $(grep 'random\.huf$' out)
assert_eq "$7" 2 "random: raw blocks"
set -- $(grep 'text\.huf$' out)
[ $(( $9 + ${10} )) -eq 5 ] || fail "text: huffman + repeat blocks: $(cat out)"

# Concatenated frames count as one file of several frames.
cat text.huf zeros.huf >tz.huf
assert_exit 0 "$HUFF" -lv tz.huf >out
set -- $(sed -n 2p out)
assert_eq "$1 $2 $5 $6" "$(size_of tz.huf) 500000 9 2" "concatenated frames"

# stdin, and an empty frame.
assert_exit 0 "$HUFF" -l <text.huf >out
grep -q ' stdin$' out || fail "-l stdin: $(cat out)"
"$HUFF" -c </dev/null >empty.huf
assert_exit 0 "$HUFF" -l empty.huf >out
set -- $(sed -n 2p out)
assert_eq "$2 $3 $4" "0 - -" "empty frame: no ratio"

# A bad file: an error, no line for it, the others still listed.
cp text.huf bad.huf
flip_byte bad.huf 20000
assert_exit 1 "$HUFF" -l zeros.huf bad.huf random.huf >out
assert_stderr_matches '^huff: bad\.huf: '
grep -q 'bad\.huf' out && fail "a line for the bad file: $(cat out)"
assert_eq "$(wc -l <out | tr -d ' ')" 4 "header, 2 files, totals"
# Trailing garbage: listed, with a warning.
cp zeros.huf g.huf
echo junk >>g.huf
assert_exit 2 "$HUFF" -l g.huf >out
assert_stderr_matches 'trailing garbage'
grep -q 'g\.huf$' out || fail "no line for g.huf"
# -l writes no file; > /dev/full is a write error.
assert_only_files text zeros random text.huf zeros.huf random.huf tz.huf \
	empty.huf bad.huf g.huf out
assert_exit 1 "$HUFF" -l text.huf >/dev/full
assert_stderr_matches 'write error'
