# A run that fails leaves no output file and no temporary file, and the
# input untouched (also with --rm): corrupt data (a byte flipped in the
# middle), truncated data, a file that changes size while read, a write
# error.  On stdout, where bytes may be out before the error is found, the
# message says so.
. "$T_LIB"

gen_text 600000 >a
"$HUFF" a || fail "setup"
mv a a.orig
cp a.huf a.huf.orig
size=$(size_of a.huf)

# A byte flipped in the middle.
cp a.huf.orig a.huf
flip_byte a.huf $((size / 2))
cp a.huf flipped
assert_exit 1 "$HUFF" -d --rm a.huf
assert_stderr_matches '^huff: a\.huf: [a-z]'
assert_stderr_lines 1
assert_missing a
assert_no_temp_files
assert_same a.huf flipped               # input untouched, not removed

# Each of a few positions: header, first block, end (checksum).
for pos in 0 4 10 100 $((size - 4)) $((size - 1)); do
	cp a.huf.orig a.huf
	flip_byte a.huf $pos
	assert_exit 1 "$HUFF" -d a.huf
	assert_missing a
	assert_no_temp_files
done

# Truncated: at several lengths, including inside the last bytes.
for len in 0 1 10 1000 $((size / 2)) $((size - 1)); do
	head -c "$len" a.huf.orig >a.huf
	assert_exit 1 "$HUFF" -d --rm a.huf
	assert_missing a
	assert_exists a.huf
	assert_no_temp_files
done
assert_stderr_matches '^huff: a\.huf: '

# -t says the same and writes nothing.
assert_exit 1 "$HUFF" -t a.huf
assert_missing a

# On stdout: exit 1, and the message warns that what was written is bad.
cp a.huf.orig a.huf
flip_byte a.huf $((size - 2))              # in the checksum: found last
assert_exit 1 "$HUFF" -dc a.huf >partial
assert_stderr_matches '^huff: a\.huf: .*\(output on stdout is incomplete or wrong\)$'
[ -s partial ] || note "(no bytes were out before the error)"
head -c $((size / 2)) a.huf.orig >a.huf
assert_exit 1 "$HUFF" -d <a.huf >partial
assert_stderr_matches '^huff: stdin: .*output on stdout is incomplete'
# Several files to stdout: the bad one is reported, the others still done.
cp a.huf.orig good.huf
assert_exit 1 "$HUFF" -dc good.huf a.huf good.huf >out
assert_stderr_lines 1
rm out partial good.huf

# Write errors: stdout on a full device.
if [ -w /dev/full ]; then
	assert_exit 1 "$HUFF" -c a.orig >/dev/full
	assert_stderr_matches '^huff: stdout: write error: No space left on device$'
	assert_exit 1 "$HUFF" -dc a.huf.orig >/dev/full
	assert_stderr_matches 'write error: No space left on device'
	assert_exit 1 "$HUFF" -h >/dev/full
	assert_stderr_matches 'write error'
else
	note "no /dev/full: write errors not tested"
fi

# A regular file that gives more bytes than its size says (Linux /proc
# files have size 0): refused as a file that changed size, nothing left.
if [ -f /proc/version ] && [ "$(stat -c %s /proc/version)" = 0 ] &&
   [ -n "$(head -c 1 /proc/version)" ]; then
	assert_exit 1 "$HUFF" -o proc.huf /proc/version
	assert_stderr_matches '^huff: /proc/version: file changed size while being read$'
	assert_missing proc.huf
	assert_exit 1 "$HUFF" -c /proc/version >proc.out
	assert_stderr_matches 'file changed size while being read \(output on stdout'
	rm proc.out
fi

# An output directory we cannot write in (not as root: root can).
if [ "$(id -u)" -ne 0 ]; then
	mkdir ro
	cp a.orig ro/a
	chmod a-w ro
	assert_exit 1 "$HUFF" ro/a
	assert_stderr_matches '^huff: ro/a\.huf: .*Permission denied'
	chmod u+w ro
	assert_missing ro/a.huf
fi

assert_no_temp_files
