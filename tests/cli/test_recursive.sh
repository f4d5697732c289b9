# -r walks directory operands as gzip -r does: compressing takes every
# regular file below, decompressing, testing and listing the names with
# the suffix; links to directories are never followed, so a walk ends.
# Without -r a directory is skipped with a warning (exit status 2).
# --output-dir-flat DIR (zstd's) puts every output in DIR.
. "$T_LIB"

mkdir -p t/sub/deep
gen_text 30000 >t/a
gen_words 20000 >t/sub/b
gen_text 5000 >t/sub/deep/c
: >t/sub/empty
cp -R t orig
ln -s .. t/sub/deep/up                  # a loop, if it were followed
ln -s sub t/sublink
originals() {
	for f in t/a t/sub/b t/sub/deep/c t/sub/empty; do
		assert_same "$f" "orig/${f#t/}"
	done
}

# Without -r: gzip's warning, nothing done.
assert_exit 2 "$HUFF" t
assert_stderr_matches '^huff: t: is a directory -- ignored$'
assert_missing t/a.huf

# -r: every file below; links to directories warned of, not followed.
assert_exit 2 "$HUFF" -r t
assert_stderr_matches '^huff: t/sub/deep/up: is a symbolic link to a directory -- not followed$'
assert_stderr_matches '^huff: t/sublink: is a symbolic link to a directory -- not followed$'
assert_stderr_lines 2
for f in t/a t/sub/b t/sub/deep/c t/sub/empty; do
	assert_exists "$f.huf"
done
assert_missing t/sublink.huf
# Again: the .huf files are passed over in silence, the outputs exist.
assert_exit 1 "$HUFF" -r -q t
assert_stderr_matches 'a\.huf: already exists'
assert_missing t/a.huf.huf
# --recursive, -t, -l: the .huf files only.
assert_exit 0 "$HUFF" --recursive -t t/sub
assert_stderr_empty
assert_exit 0 "$HUFF" -r -l t >list
assert_eq "$(grep -c '\.huf$' list)" 4 "files listed by -rl"
grep -q '(totals)' list || fail "no totals line: $(cat list)"
# -rc: each file, in name order, one frame after the other.
assert_exit 2 "$HUFF" -r -c -q t/sub >sub.huf
assert_exit 0 "$HUFF" -dc sub.huf >sub.out
cat t/sub/b t/sub/b.huf t/sub/deep/c t/sub/deep/c.huf t/sub/empty.huf >want
assert_same sub.out want
# -rd: every .huf below decompressed; other files untouched.
rm t/a t/sub/b t/sub/deep/c t/sub/empty
assert_exit 0 "$HUFF" -r -d t
originals
# -o FILE gathers a walk into one output.
assert_exit 0 "$HUFF" -r -d -o all.out t/sub
cat t/sub/b t/sub/deep/c >want
assert_same all.out want
# A link to a directory named as the operand is followed where links are.
assert_exit 0 "$HUFF" -r -t t/sublink
assert_exit 2 "$HUFF" -r -d t/sublink
assert_stderr_matches '^huff: t/sublink: is a symbolic link -- ignored'

# --output-dir-flat: outputs in DIR, under their base names.
rm t/*.huf t/sub/*.huf t/sub/deep/*.huf
mkdir flat
assert_exit 0 "$HUFF" --output-dir-flat flat t/a t/sub/deep/c
assert_exists flat/a.huf
assert_exists flat/c.huf
assert_missing t/a.huf
assert_exit 0 "$HUFF" -d --output-dir-flat=flat/ flat/a.huf
assert_same flat/a t/a
# Two inputs of one base name: the second refused, unless -f.
cp t/a t/sub/a
gen_words 100 >t/sub/a
assert_exit 1 "$HUFF" -q --output-dir-flat flat2 -r t 2>"$ERR"
assert_stderr_matches 'No such file or directory'
mkdir flat2
assert_exit 1 "$HUFF" -q --output-dir-flat flat2 -r t
assert_stderr_matches '^huff: flat2/a\.huf: is already the output of another input of that name; not overwritten \(-f overwrites\)$'
assert_exit 0 "$HUFF" -dc flat2/a.huf >out
assert_same out t/a
assert_exit 2 "$HUFF" -f --output-dir-flat flat2 -r t
assert_exit 0 "$HUFF" -dc flat2/a.huf >out
assert_same out t/sub/a
# An output of an earlier run: the usual refusal.
assert_exit 1 "$HUFF" --output-dir-flat flat t/a
assert_stderr_matches '^huff: flat/a\.huf: already exists; use -f to overwrite$'
# Not with -c or -o, which name another place.
assert_exit 1 "$HUFF" -c --output-dir-flat flat t/a
assert_stderr_matches 'cannot be combined with -c or -o'
rm t/sub/a
originals
assert_no_temp_files
