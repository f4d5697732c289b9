# Round trips through files: FILE -> FILE.huf -> FILE, for sizes around the
# block size and for data that picks each block type; the input is kept,
# the output goes next to the input, odd names work.
. "$T_LIB"

B=131072        # HUFF_BLOCK_SIZE_DEFAULT
gen_text 0 >empty
gen_text 1 >one
gen_text $((B - 1)) >blk_minus
gen_text $B >blk
gen_text $((B + 1)) >blk_plus
gen_text 1000000 >text
gen_random 300000 >random
gen_zeros 300000 >zeros
gen_words 200000 >words
{ gen_text 100000; gen_zeros 200000; gen_random 150000; gen_text 100000; } >mixed

for f in empty one blk_minus blk blk_plus text random zeros words mixed; do
	cp "$f" "$f.orig"
	assert_exit 0 "$HUFF" "$f"
	assert_stderr_empty
	assert_exists "$f.huf"
	assert_same "$f" "$f.orig"              # input kept (the default)
	rm "$f"
	assert_exit 0 "$HUFF" -d "$f.huf"
	assert_stderr_empty
	assert_same "$f" "$f.orig"
	assert_exists "$f.huf"                  # kept too
done

# Compression happened: text shrinks, random grows by little.
[ "$(size_of text.huf)" -lt $(( $(size_of text) / 2 )) ] ||
	fail "text did not compress: $(size_of text.huf) bytes"
[ "$(size_of random.huf)" -lt $(( $(size_of random) + 1000 )) ] ||
	fail "random expanded too much: $(size_of random.huf) bytes"
[ "$(size_of zeros.huf)" -lt 1000 ] || fail "zeros: $(size_of zeros.huf) bytes"

# Several files in one call, names with spaces, a leading dash, a directory.
mkdir sub
gen_text 5000 >"sub/with space"
gen_text 6000 >-dash
gen_words 7000 >plain
cp "sub/with space" ws.orig
cp -- -dash dash.orig
cp plain plain.orig
assert_exit 0 "$HUFF" "sub/with space" plain -- -dash
assert_exists "sub/with space.huf"      # next to its input, not in the cwd
assert_missing "with space.huf"
assert_exists plain.huf
assert_exists -dash.huf
rm "sub/with space" plain -- -dash
assert_exit 0 "$HUFF" -d -- "sub/with space.huf" plain.huf -dash.huf
assert_same "sub/with space" ws.orig
assert_same plain plain.orig
assert_same -dash dash.orig

# The test build checks the library's invariants: a round trip with the
# smallest and the largest block sizes too.
for bs in 256 1M; do
	assert_exit 0 "$HUFF" -B $bs -c text >text.$bs.huf
	assert_exit 0 "$HUFF" -dc text.$bs.huf >text.$bs
	assert_same text.$bs text
done
assert_no_temp_files
