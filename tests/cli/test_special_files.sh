# Inputs that are not regular files, the gzip way: a directory is skipped
# (warning, even with -f; -r is test_recursive's).  Where the output is
# written beside the input or the input removed, a symbolic link is
# skipped without -f, followed with -f, and a FIFO or device is skipped
# without -f, read like stdin with -f.  Where nothing is written beside
# the input and nothing removed (-c, -t, -l, -o FILE, hufcat, unhuff -c),
# both are read without -f, as gzip reads them.
. "$T_LIB"

gen_text 50000 >a
cp a a.orig
mkdir dir

# Directories.
assert_exit 2 "$HUFF" dir
assert_stderr_matches '^huff: dir: is a directory -- ignored$'
assert_exit 2 "$HUFF" -f dir
assert_missing dir.huf
assert_exit 2 "$HUFF" -d dir
assert_exit 2 "$HUFF" -l dir

# Symbolic links.
ln -s a link
assert_exit 2 "$HUFF" link
assert_stderr_matches '^huff: link: is a symbolic link -- ignored'
assert_missing link.huf
assert_exit 0 "$HUFF" -f link
assert_exists link.huf
[ -L link.huf ] && fail "link.huf is a link"
assert_exit 0 "$HUFF" -dc link.huf >l.out
assert_same l.out a
assert_same a a.orig
[ -L link ] || fail "the link was replaced"
# --rm -f removes the link, not its target.
rm link.huf
assert_exit 0 "$HUFF" -f --rm link
assert_missing link
assert_same a a.orig
# A dangling link: an error with -f (there is nothing to read).
ln -s nowhere dangling
assert_exit 2 "$HUFF" dangling
assert_exit 1 "$HUFF" -f dangling
assert_stderr_matches '^huff: dangling: No such file or directory$'
# A link to a directory is still a directory.
ln -s dir dirlink
assert_exit 2 "$HUFF" -f dirlink
assert_stderr_matches 'is a directory'
# Decompression follows the same rule.
"$HUFF" -c a >real.huf
ln -s real.huf rl.huf
assert_exit 2 "$HUFF" -d rl.huf
assert_missing rl
assert_exit 0 "$HUFF" -d -f rl.huf
assert_same rl a

# FIFOs.
if command -v mkfifo >/dev/null 2>&1; then
	mkfifo fifo
	assert_exit 2 "$HUFF" fifo                  # not opened: no hang
	assert_stderr_matches '^huff: fifo: is not a regular file -- ignored'
	cat a >fifo &
	assert_exit 0 "$HUFF" -f fifo
	wait
	assert_exit 0 "$HUFF" -dc fifo.huf >f.out
	assert_same f.out a
	# A FIFO's output gets a new file's mode, not the FIFO's.
	[ -p fifo ] || fail "the FIFO is gone"
fi

# Devices: read where nothing is written beside them (gzip -c /dev/null).
assert_exit 0 "$HUFF" -c /dev/null >null.huf
assert_stderr_empty
assert_exit 0 "$HUFF" -dc null.huf >null.out
assert_empty_file null.out
assert_exit 0 "$HUFF" -fc /dev/null >null2.huf
assert_same null2.huf null.huf
# In place, a device is still skipped without -f: /dev/null.huf is not made.
assert_exit 2 "$HUFF" /dev/null
assert_stderr_matches '^huff: /dev/null: is not a regular file -- ignored'
assert_exit 2 "$HUFF" -o null3.huf --rm /dev/null
assert_missing null3.huf

# Links read without -f wherever nothing is written beside them: -c, -t,
# -l, -o FILE, hufcat, unhuff -c.
rm -f link link.huf l.out
ln -s a link
assert_exit 0 "$HUFF" -c link >lc.huf
assert_stderr_empty
assert_exit 0 "$HUFF" -dc lc.huf >l.out
assert_same l.out a
assert_exit 0 "$HUFF" -o lo.huf link
assert_same lo.huf lc.huf
assert_missing link.huf
ln -s lc.huf lc.link
assert_exit 0 "$HUFF" -t lc.link
assert_exit 0 "$HUFF" -l lc.link >list.out
grep -q 'lc\.link$' list.out || fail "-l of a link: $(cat list.out)"
assert_exit 0 "$HUFCAT" lc.link >l2.out
assert_same l2.out a
assert_exit 0 "$UNHUFF" -c lc.link >l3.out
assert_same l3.out a
assert_exit 0 "$HUFF" -d -o l4.out lc.link
assert_same l4.out a
[ -L link ] && [ -L lc.link ] || fail "a link was replaced"
# ... but not where the output goes beside it, nor with -o and --rm, which
# would remove the link.
assert_exit 2 "$HUFF" link
assert_stderr_matches '^huff: link: is a symbolic link -- ignored'
assert_exit 2 "$HUFF" -o lrm.huf --rm link
assert_missing lrm.huf
[ -L link ] || fail "--rm -o removed the link"

# FIFOs with -c, -t and -o need no -f.
if command -v mkfifo >/dev/null 2>&1; then
	rm -f fifo
	mkfifo fifo
	cat a >fifo &
	assert_exit 0 "$HUFF" -c fifo >fc.huf
	wait
	assert_exit 0 "$HUFF" -dc fc.huf >fc.out
	assert_same fc.out a
	cat fc.huf >fifo &
	assert_exit 0 "$HUFF" -t fifo
	wait
	cat fc.huf >fifo &
	assert_exit 0 "$HUFF" -d -o fo.out fifo
	wait
	assert_same fo.out a
	cat fc.huf >fifo &
	assert_exit 0 "$HUFCAT" fifo >fh.out
	wait
	assert_same fh.out a
fi

# Process substitution, bash's: a /dev/fd link to a pipe.
if command -v bash >/dev/null 2>&1; then
	HUFF=$HUFF bash -c '"$HUFF" -c <(cat a) >ps.huf' 2>"$ERR" ||
		{ show_stderr; fail "huff -c <(cat a)"; }
	assert_exit 0 "$HUFF" -dc ps.huf >ps.out
	assert_same ps.out a
	HUFF=$HUFF bash -c '"$HUFF" -t <(cat ps.huf)' 2>"$ERR" ||
		{ show_stderr; fail "huff -t <(cat ps.huf)"; }
fi
assert_same a a.orig
