# test_tar - huff as tar's compressor: tar -I huff runs "huff" (compress
# standard input to standard output) and "huff -d", found on PATH.
. "$T_LIB"

command -v tar >/dev/null 2>&1 || skip "tar not found"
PATH=$HUFF_DIR:$PATH
export PATH

mkdir -p dir/sub
gen_text 300000 >dir/text
gen_random 5000 >dir/sub/random
gen_zeros 70000 >dir/sub/zeros
: >dir/empty
ln -s text dir/link

assert_exit 0 tar -I huff -cf x.tar.huf dir
assert_stderr_empty
assert_eq "$(od -An -tx1 -N4 x.tar.huf | tr -d ' ')" 89485546 "magic of x.tar.huf"
assert_exit 0 "$HUFF" -t x.tar.huf
# Compressed: the text shrinks, so the archive is smaller than its tar.
tar -cf plain.tar dir || fail "tar -cf"
[ "$(size_of x.tar.huf)" -lt "$(size_of plain.tar)" ] || fail "x.tar.huf is not smaller than plain.tar"

assert_exit 0 tar -I huff -tf x.tar.huf >list
grep -qx dir/sub/zeros list || fail "tar -tf does not list dir/sub/zeros"

mkdir out
(cd out && tar -I huff -xf ../x.tar.huf) 2>"$ERR" || { show_stderr; fail "tar -I huff -xf"; }
assert_stderr_empty
for f in text sub/random sub/zeros empty; do
	assert_same "dir/$f" "out/dir/$f"
done
assert_eq "$(readlink out/dir/link)" text "the symbolic link"

# The archive is an ordinary .huf: hufcat gives the tar stream back.
assert_exit 0 "$HUFCAT" x.tar.huf >back.tar
assert_exit 0 tar -tf back.tar >list2
assert_same list list2

# A damaged archive makes tar fail, not extract quietly.
flip_byte x.tar.huf 100
mkdir out2
if (cd out2 && tar -I huff -xf ../x.tar.huf) 2>"$ERR"; then
	fail "tar extracted a damaged archive without error"
fi
assert_stderr_matches '^huff: '
