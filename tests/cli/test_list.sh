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
# ratio is gzip's: the space saved, 1 - c / u, in tenths of a percent
# truncated toward zero.
want=$(awk -v c="$1" -v u="$2" 'BEGIN { t = int((u - c) * 1000 / u)
	printf "%s%d.%d%% %.3f", t < 0 ? "-" : "", (t < 0 ? -t : t) / 10, (t < 0 ? -t : t) % 10, 8 * c / u }')
assert_eq "$3 $4" "$want" "ratio and bits per byte"
# By hand: zeros.huf is 59 bytes of 200000, 99.97% saved, shown 99.9%
# (truncated, not rounded up to 100.0%); 10 bytes grow to 36, -260.0%;
# random.huf is 37 bytes over its 100000 (-0.037%), 0.0%; the totals,
# 100132 of 300010, 66.6%.
printf 0123456789 >ten
"$HUFF" -k ten || fail "setup: ten"
assert_eq "$(size_of zeros.huf) $(size_of ten.huf) $(size_of random.huf)" "59 36 100037" \
	"sizes the hand-checked ratios assume"
assert_exit 0 "$HUFF" -l zeros.huf ten.huf random.huf >out
assert_eq "$(awk 'NR > 1 { printf "%s ", $3 }' out)" "99.9% -260.0% 0.0% 66.6% " \
	"ratios: zeros, ten bytes, random, totals"
rm ten ten.huf

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
# Totals of what was listed even when only one file could be, as gzip
# does; still exit 1.
assert_exit 1 "$HUFF" -l zeros.huf bad.huf >out
assert_stderr_matches '^huff: bad\.huf: '
assert_eq "$(wc -l <out | tr -d ' ')" 3 "header, 1 file, totals"
set -- $(grep 'totals' out)
assert_eq "$1 $2 $5" "$(size_of zeros.huf) 200000 4" "totals of the one file listed"
assert_exit 1 "$HUFF" -l missing.huf bad.huf >out
[ -s out ] && fail "-l of two bad files printed: $(cat out)"
# Trailing garbage: listed, with the warning and exit status of -t; the
# compressed size is the frames' alone, to the byte (it counted the first
# byte of the garbage), and so is its share of the totals.  A start of
# the magic before the garbage is garbage too.
cp zeros.huf g.huf
echo junk >>g.huf
assert_exit 2 "$HUFF" -t g.huf
assert_stderr_matches '^huff: g\.huf: decompression OK, trailing garbage ignored$'
assert_exit 2 "$HUFF" -l g.huf >out
assert_stderr_matches '^huff: g\.huf: trailing garbage ignored$'
assert_stderr_lines 1
set -- $(sed -n 2p out)
assert_eq "$1 $2 $6" "$(size_of zeros.huf) 200000 g.huf" "trailing garbage: the frames' size"
cp zeros.huf g2.huf
printf '\211HX' >>g2.huf
assert_exit 2 "$HUFF" -l g2.huf zeros.huf <g.huf >out
set -- $(sed -n 2p out)
assert_eq "$1" "$(size_of zeros.huf)" "garbage after a start of the magic"
set -- $(grep 'totals' out)
assert_eq "$1" "$(( 2 * $(size_of zeros.huf) ))" "totals with trailing garbage"
assert_exit 2 "$HUFF" -l - <g.huf >out
set -- $(sed -n 2p out)
assert_eq "$1 $6" "$(size_of zeros.huf) stdin" "trailing garbage from a pipe"
rm g2.huf
# -l writes no file; > /dev/full is a write error.
assert_only_files text zeros random text.huf zeros.huf random.huf tz.huf \
	empty.huf bad.huf g.huf out
assert_exit 1 "$HUFF" -l text.huf >/dev/full
assert_stderr_matches 'write error'
