# Inputs that are not regular files, the gzip way: a directory is skipped
# (warning, even with -f); a symbolic link is skipped without -f, followed
# with -f; a FIFO or device is skipped without -f, read like stdin with -f.
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

# Devices.
assert_exit 2 "$HUFF" -c /dev/null
assert_stderr_matches '^huff: /dev/null: is not a regular file'
assert_exit 0 "$HUFF" -fc /dev/null >null.huf
assert_exit 0 "$HUFF" -dc null.huf >null.out
assert_empty_file null.out
