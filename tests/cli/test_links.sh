# unhuff decompresses and hufcat decompresses to stdout (argv[0]); the
# links sit next to $HUFF.  Any other name is huff.
. "$T_LIB"

[ -x "$UNHUFF" ] || fail "no $UNHUFF"
[ -x "$HUFCAT" ] || fail "no $HUFCAT"

gen_text 100000 >a
cp a a.orig
"$HUFF" a || fail "setup"
rm a

# unhuff: FILE.huf -> FILE, input kept.
assert_exit 0 "$UNHUFF" a.huf
assert_same a a.orig
assert_exists a.huf
assert_exit 1 "$UNHUFF" a.huf                   # a exists: refused
assert_stderr_matches '^huff: a: already exists'
assert_exit 0 "$UNHUFF" -c a.huf >u.out
assert_same u.out a.orig
assert_exit 0 "$UNHUFF" <a.huf >u2.out
assert_same u2.out a.orig
assert_exit 2 "$UNHUFF" a                       # not a .huf name: skipped
assert_stderr_matches 'unknown suffix'
# -z turns it back into a compressor.
assert_exit 0 "$UNHUFF" -z -c a >uz.huf
assert_same uz.huf a.huf

# hufcat: to stdout, never a file.
rm a
assert_exit 0 "$HUFCAT" a.huf >c.out
assert_same c.out a.orig
assert_missing a
assert_exit 0 "$HUFCAT" a.huf a.huf >cc.out
cat a.orig a.orig >aa
assert_same cc.out aa
assert_exit 0 "$HUFCAT" <a.huf >c2.out
assert_same c2.out a.orig
assert_exit 0 "$HUFCAT" -t a.huf                # options still work
# A name without the suffix is fine on stdout (gzip's zcat does too).
cp a.huf packed
assert_exit 0 "$HUFCAT" packed >c3.out
assert_same c3.out a.orig

# Any other name, through a symlink or a copy: huff.
ln -s "$HUFF" ./myhuff
cp a.orig b
assert_exit 0 ./myhuff b
assert_exists b.huf
# The links' own names through a path of our own work as well.
ln -s "$HUFF" ./unhuff
rm b
assert_exit 0 ./unhuff b.huf
assert_same b a.orig
