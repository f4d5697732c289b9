# Input arriving in small pieces, as from a slow pipe or a socket: the
# streaming loops must not depend on how read() cuts the data.  dd bs=N
# into a pipe makes most of huff's reads N bytes long, so frame and block
# headers arrive split across calls of the library.
. "$T_LIB"

{ gen_text 20000; gen_zeros 3000; gen_random 3000; gen_words 10000; } >a
"$HUFF" -B 1K -c a >a.huf || fail "setup"       # many blocks, many headers
cat a.huf a.huf >aa.huf
cat a a >aa

for bs in 1 2 3 5 7 9 10 4093; do
	dd if=a.huf bs=$bs 2>/dev/null | "$HUFF" -d >out.$bs 2>"$ERR" ||
		{ show_stderr; fail "decoding from $bs-byte pieces failed"; }
	assert_same out.$bs a
	dd if=aa.huf bs=$bs 2>/dev/null | "$HUFF" -t 2>"$ERR" ||
		{ show_stderr; fail "testing two frames from $bs-byte pieces failed"; }
	dd if=a bs=$bs 2>/dev/null | "$HUFF" -B 1K >in.$bs.huf 2>"$ERR" ||
		{ show_stderr; fail "encoding from $bs-byte pieces failed"; }
	assert_exit 0 "$HUFF" -dc in.$bs.huf >in.$bs
	assert_same in.$bs a
done

# The same from a regular file: huff reads 256 KiB at a time, and with raw
# blocks of 280 bytes (289 with their header) a block header straddles the
# first read boundary.  (Found this way: a segfault in the decoder.)
gen_random 400000 >r
assert_exit 0 "$HUFF" -B 280 r
assert_exit 0 "$HUFF" -t r.huf
assert_exit 0 "$HUFF" -dc r.huf >r.out
assert_same r.out r
