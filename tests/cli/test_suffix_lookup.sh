# Decompressing, testing or listing FILE that does not exist looks for
# FILE.huf, as gzip -d FILE looks for FILE.gz; the suffix is taken in any
# case (FILE.HUF decompresses to FILE).
. "$T_LIB"

gen_text 40000 >a
cp a a.orig
"$HUFF" a || fail "setup"
rm a

# -d a: a does not exist, a.huf does.
assert_exit 0 "$HUFF" -d a
assert_stderr_empty
assert_same a a.orig
assert_exists a.huf
rm a
assert_exit 0 "$HUFF" -dc a >out
assert_same out a.orig
assert_exit 0 "$HUFF" -t a
assert_exit 0 "$HUFF" -l a >list
grep -q ' a\.huf$' list || fail "-l a did not list a.huf: $(cat list)"
assert_exit 0 "$UNHUFF" a
assert_same a a.orig
rm a
assert_exit 0 "$HUFCAT" a >out
assert_same out a.orig
# -S: the suffix in use.
cp a.huf b.z
assert_exit 0 "$HUFF" -d -S .z b
assert_same b a.orig
rm b b.z
# Neither exists: the name given is missing.
assert_exit 1 "$HUFF" -d nothing
assert_stderr_matches '^huff: nothing: No such file or directory$'
# A name with the suffix is not looked up again (a.huf.huf).
assert_exit 1 "$HUFF" -d gone.huf
assert_stderr_matches '^huff: gone\.huf: No such file or directory$'
# When FILE exists, it is FILE that is meant, as in gzip.
cp a.orig a
assert_exit 2 "$HUFF" -d a
assert_stderr_matches '^huff: a: unknown suffix'
rm a
# Compressing never looks.
assert_exit 1 "$HUFF" a
assert_stderr_matches '^huff: a: No such file or directory$'

# The suffix in any case.
cp a.huf C.HUF
assert_exit 0 "$HUFF" -d C.HUF
assert_same C a.orig
cp a.huf d.Huf
assert_exit 0 "$HUFF" -d d.Huf
assert_same d a.orig
rm d
# Compressing a name with the suffix in another case: already compressed.
assert_exit 2 "$HUFF" C.HUF
assert_stderr_matches 'already has \.huf suffix'
assert_missing C.HUF.huf
assert_no_temp_files
