# -T N / --threads=N: the same output for every N, both ways; files, pipes
# and damaged input alike; the value checked.
. "$T_LIB"

# Several 1 MiB segments of mixed data: text, words, a run, random bytes.
{ gen_text 2000000; gen_words 1500000; gen_zeros 300000; gen_random 300000; } >a

for level in 1 6 9; do
	assert_exit 0 "$HUFF" -$level -T1 -c a >ref.huf
	for t in "-T2" "-T 3" "-T4" "-T0" "--threads=2" "--threads 3"; do
		# shellcheck disable=SC2086
		assert_exit 0 "$HUFF" -$level $t -c a >t.huf
		cmp -s ref.huf t.huf || fail "-$level $t: output differs from -T1"
	done
	for t in 1 2 3; do
		assert_exit 0 "$HUFF" -d -T$t -c ref.huf >back
		assert_same back a
	done
done

# A pipe (no content size in the frame) and named files, -T2 against -T1.
assert_exit 0 "$HUFF" -T1 <a >p1.huf
assert_exit 0 "$HUFF" -T2 <a >p2.huf
assert_same p1.huf p2.huf
assert_exit 0 "$HUFF" -d -T2 <p2.huf >p.out
assert_same p.out a
cp a b
assert_exit 0 "$HUFF" -T2 b
assert_exit 0 "$HUFF" -T1 -c a >a1.huf
assert_same b.huf a1.huf
rm b
assert_exit 0 "$UNHUFF" -T2 b.huf
assert_same b a
assert_exit 0 "$HUFF" -t -T2 b.huf
assert_exit 0 "$HUFF" -l -T2 b.huf >l2
assert_exit 0 "$HUFF" -l -T1 b.huf >l1
assert_same l1 l2

# Damage in the middle: the same message, status and bytes on stdout.
cp a1.huf bad.huf
flip_byte bad.huf 1500000
for t in 1 2 4; do
	"$HUFF" -d -T$t -c bad.huf >bad.$t 2>err.$t
	echo $? >rc.$t
done
for t in 2 4; do
	assert_same rc.1 rc.$t
	assert_same err.1 err.$t
	assert_same bad.1 bad.$t
done
assert_eq "$(cat rc.1)" 1 "exit status on damaged input"
assert_exit 1 "$HUFF" -d -T2 bad.huf -o out
assert_missing out
assert_no_temp_files

# Values: 0 to 256.
for v in 257 x -1 "" 2x; do
	assert_exit 1 "$HUFF" -T "$v" -c a
	assert_stderr_matches "invalid thread count"
done
assert_exit 0 "$HUFF" -T 256 -c a >t256.huf
assert_same t256.huf a1.huf
