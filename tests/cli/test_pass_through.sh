# huff -dcf passes data that is not .huf through unchanged, as gzip -dcf
# (zcat -f) does: named files, stdin, .huf and plain files mixed.  Only
# with -c and -f together; data that starts like a frame but is damaged is
# still an error.
. "$T_LIB"

gen_text 300000 >plain
gen_words 5000 >words
"$HUFF" -c plain >plain.huf || fail "setup"
cp plain plain.orig

# Plain files, named and on stdin.
assert_exit 0 "$HUFF" -dcf plain >out
assert_stderr_empty
assert_same out plain
assert_exit 0 "$HUFF" -dcf <words >out
assert_same out words
cat plain >pipe.in
cat pipe.in | "$HUFF" -dcf >out || fail "-dcf from a pipe"
assert_same out plain
assert_exit 0 "$HUFCAT" -f words >out
assert_same out words
# Short inputs: one byte, and an empty file.
printf 'x' >one
assert_exit 0 "$HUFF" -dcf one >out
assert_same out one
: >empty
assert_exit 0 "$HUFF" -dcf empty >out
assert_empty_file out

# A pipe that gives the first bytes in separate reads, the first byte
# that of the magic: what the decoder took before refusing is passed too.
{ printf '\211'; sleep 1; printf 'Hx and the rest'; } >slow.want
{ printf '\211'; sleep 1; printf 'Hx and the rest'; } | "$HUFF" -dcf >out ||
	fail "-dcf from a slow pipe"
assert_same out slow.want

# .huf and plain files in one run, in order.
assert_exit 0 "$HUFF" -dcf plain.huf words plain.huf one >out
cat plain words plain one >want
assert_same out want

# Without -f, or without -c, the error stays.
assert_exit 1 "$HUFF" -dc plain >out
assert_stderr_matches '^huff: plain: not in \.huf format$'
assert_exit 1 "$HUFF" -dc empty >out
cp words w.huf
assert_exit 1 "$HUFF" -df w.huf
assert_stderr_matches '^huff: w\.huf: not in \.huf format$'
assert_missing w
assert_exit 1 "$HUFF" -tf plain

# Damaged .huf data is an error, not passed through: the magic is there.
cp plain.huf bad.huf
flip_byte bad.huf 5
assert_exit 1 "$HUFF" -dcf bad.huf >out
head -c 2000 plain.huf >cut.huf
assert_exit 1 "$HUFF" -dcf cut.huf >out
assert_stderr_matches '^huff: cut\.huf: '
assert_exit 1 "$HUFF" -dcf plain.huf cut.huf words >out

assert_same plain plain.orig
assert_no_temp_files
