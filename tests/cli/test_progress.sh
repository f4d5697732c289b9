# test_progress - the progress line: drawn on a terminal (a pseudo-terminal
# from script(1)) for inputs over the threshold, erased at the end and
# before an error message; never with -q, never over output to the
# terminal, never when standard error is not a terminal.
# HUFF_PROGRESS_MIN_BYTES lowers the 64 MiB threshold to keep this fast.
. "$T_LIB"

command -v script >/dev/null 2>&1 || skip "script (util-linux) not found"
script -qec true /dev/null </dev/null >/dev/null 2>&1 ||
	skip "script cannot open a pseudo-terminal here"

# on_tty FILE CMD - run the shell command CMD with stdout and stderr on a
# pseudo-terminal, what appears there in FILE, one line per \r or \n.
on_tty() {
	_out=$1
	shift
	script -qec "$*" /dev/null </dev/null >"$_out.raw" 2>&1
	_rc=$?
	tr '\r' '\n' <"$_out.raw" >"$_out"
	return $_rc
}
# The erasing: 79 spaces between two \r.
blank=$(printf '%79s' '')

gen_text 3000000 >in

# Over the threshold: lines with percent, MiB, MB/s and ratio; the last
# drawing is followed by the erasing, and nothing else is printed.
on_tty tty "HUFF_PROGRESS_MIN_BYTES=1000 '$HUFF' -f in" || fail "huff -f in on a terminal"
grep -Eq '^huff: in: +[0-9]+%  [0-9]+ MiB  (--|[0-9.]+) MB/s  ratio [0-9.]+%' tty ||
	{ cat -v tty.raw >&2; fail "no progress line on the terminal"; }
last=$(grep -v '^$' tty | tail -n 1)
assert_eq "$last" "$blank" "the last thing on the terminal (the erased line)"
assert_eq "$(grep -v '^$' tty | grep -cv "^huff: in: \|^$blank\$")" 0 "other output"
"$HUFF" -dc in.huf >back 2>"$ERR" || fail "decompress"
assert_same in back

# Decompressing, testing, and from a pipe (size unknown: no percent).
on_tty tty "HUFF_PROGRESS_MIN_BYTES=1000 '$HUFF' -d -f -o back in.huf" || fail "huff -d"
grep -Eq '^huff: in.huf: +[0-9]+%  [0-9]+ MiB ' tty || fail "no progress line decompressing"
assert_same in back
on_tty tty "HUFF_PROGRESS_MIN_BYTES=1000 '$HUFF' -t in.huf" || fail "huff -t"
grep -Eq '^huff: in.huf: +[0-9]+%' tty || fail "no progress line testing"
on_tty tty "cat in | HUFF_PROGRESS_MIN_BYTES=1000 '$HUFF' -c >piped.huf" || fail "from a pipe"
grep -Eq '^huff: stdin: [0-9]+ MiB' tty || { cat -v tty.raw >&2; fail "no progress line from a pipe"; }
assert_exit 0 "$HUFF" -t piped.huf

# Below the threshold (the default, 64 MiB), with -q, and with the output
# on the terminal: no progress line.
on_tty tty "'$HUFF' -f -k in" || fail "huff -f in, default threshold"
assert_eq "$(grep -c 'MB/s' tty)" 0 "progress lines under 64 MiB"
on_tty tty "HUFF_PROGRESS_MIN_BYTES=1000 '$HUFF' -q -f in" || fail "huff -q"
assert_eq "$(grep -c 'MB/s' tty)" 0 "progress lines with -q"
on_tty tty "HUFF_PROGRESS_MIN_BYTES=1000 '$HUFF' -dc in.huf" || fail "huff -dc to the terminal"
assert_eq "$(grep -c 'MB/s' tty)" 0 "progress lines over output to the terminal"
grep -qx 123456 tty || fail "huff -dc did not write to the terminal"

# An error: the line is erased, and the message starts a line of its own.
head -c 500000 in.huf >cut.huf
on_tty tty "HUFF_PROGRESS_MIN_BYTES=1000 '$HUFF' -d -f cut.huf" && fail "a truncated input passed"
grep -Eq '^huff: cut.huf: +[0-9]+%' tty || fail "no progress line before the error"
grep -qx 'huff: cut.huf: unexpected end of file' tty ||
	{ cat -v tty.raw >&2; fail "the error message does not stand on a line of its own"; }
grep -B1 -x 'huff: cut.huf: unexpected end of file' tty | head -n 1 | grep -qx "$blank" ||
	fail "the progress line was not erased before the error message"

# Not a terminal: nothing on stderr, whatever the threshold.
HUFF_PROGRESS_MIN_BYTES=1000 "$HUFF" -f in 2>"$ERR" || fail "huff -f in"
assert_stderr_empty
HUFF_PROGRESS_MIN_BYTES=1000 "$HUFF" -d -f -o back in.huf 2>"$ERR" || fail "huff -d"
assert_stderr_empty
