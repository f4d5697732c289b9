# Concatenated frames decode to the concatenated contents; -o with several
# inputs writes their frames (or contents) one after the other; bytes after
# the last frame are a warning (exit 2) and the output is kept and correct.
. "$T_LIB"

gen_text 300000 >a
gen_random 50000 >b
gen_words 0 >c
cat a b c >abc
"$HUFF" a b c || fail "setup"

# cat a.huf b.huf c.huf | huff -d == a + b + c
cat a.huf b.huf c.huf >abc.cat.huf
assert_exit 0 "$HUFF" -d <abc.cat.huf >abc.out
assert_same abc.out abc
assert_exit 0 "$HUFF" -t abc.cat.huf
mv abc.cat.huf joined.huf
assert_exit 0 "$HUFF" -d joined.huf
assert_same joined abc
rm joined

# -o FILE with several inputs: frames in order (zstd's way).
assert_exit 0 "$HUFF" -o abc.o.huf a b c
assert_same abc.o.huf joined.huf
assert_exit 0 "$HUFF" -dc abc.o.huf >abc.o.out
assert_same abc.o.out abc
# Decompressing with -o: the contents one after the other.
assert_exit 0 "$HUFF" -d -o abc.d.out a.huf b.huf c.huf
assert_same abc.d.out abc
assert_exit 0 "$HUFF" -d -o abca.out joined.huf a.huf
cat abc a >abca
assert_same abca.out abca

# -o, and one input is bad: the output would lack it, so none is written.
cp a.huf bad.huf
flip_byte bad.huf 100000
assert_exit 1 "$HUFF" -d -o none.out a.huf bad.huf b.huf
assert_stderr_matches '^huff: bad\.huf: '
assert_stderr_matches '^huff: none\.out: not written'
assert_missing none.out
assert_exit 1 "$HUFF" -o none.huf a missing b
assert_missing none.huf
assert_no_temp_files

# Trailing garbage: warning, exit 2, output complete and kept.
cp a.huf g.huf
printf 'this is not a frame' >>g.huf
assert_exit 2 "$HUFF" -dc g.huf >g.out
assert_stderr_matches '^huff: g\.huf: decompression OK, trailing garbage ignored$'
assert_same g.out a
mv a a.orig
assert_exit 2 "$HUFF" -d g.huf
assert_same g a.orig
rm g
mv a.orig a
# From stdin, after concatenated frames, a single stray byte.
cat a.huf b.huf >g2.huf
printf 'x' >>g2.huf
assert_exit 2 "$HUFF" -d <g2.huf >g2.out
assert_stderr_matches '^huff: stdin: decompression OK, trailing garbage ignored$'
cat a b >ab
assert_same g2.out ab
# -t and -q.
assert_exit 2 "$HUFF" -t g.huf
assert_exit 2 "$HUFF" -q -dc g.huf >/dev/null
assert_stderr_empty
# --rm keeps an input with trailing garbage: the garbage is in no output.
cp g.huf keep.huf
assert_exit 2 "$HUFF" -d --rm keep.huf
assert_stderr_matches 'input kept'
assert_exists keep.huf
assert_same keep a

# Not a frame at all: an error, not trailing garbage.
printf 'just some text, no frame\n' >nota.huf
assert_exit 1 "$HUFF" -d nota.huf
assert_missing nota
assert_stderr_not_matches 'trailing'
# An empty file holds no frame.
: >empty.huf
assert_exit 1 "$HUFF" -d empty.huf
assert_missing empty
assert_no_temp_files
