# What huff refuses to do, with a clear message, leaving files untouched:
# write compressed data to (or read it from) a terminal without -f,
# overwrite an existing file without -f, decompress a name without the
# suffix unless -c/-o, compress a name with the suffix without -f, write the
# output over the input (whatever the options or names).
. "$T_LIB"

gen_text 50000 >a
cp a a.orig

# --- existing output: refused without -f, replaced with -f.
echo "precious" >a.huf
cp a.huf precious
assert_exit 1 "$HUFF" a
assert_stderr_matches '^huff: a\.huf: already exists; use -f to overwrite$'
assert_same a.huf precious
assert_same a a.orig
assert_no_temp_files
assert_exit 0 "$HUFF" -f a
assert_differ a.huf precious
assert_exit 0 "$HUFF" -dc a.huf >a.back
assert_same a.back a
# The same when decompressing, and with -o.
echo "precious" >a
assert_exit 1 "$HUFF" -d a.huf
assert_stderr_matches '^huff: a: already exists; use -f to overwrite$'
assert_same a precious
assert_exit 1 "$HUFF" -o a a.orig
assert_stderr_matches 'already exists; use -f'
assert_same a precious
assert_exit 0 "$HUFF" -d -f a.huf
assert_same a a.orig
# A directory in the way is not overwritten, even with -f.
mkdir d.huf
gen_text 100 >d
assert_exit 1 "$HUFF" -f d
assert_stderr_matches '^huff: d\.huf: is a directory'
rm -r d.huf d

# --- decompressing a name without the suffix: skipped with a warning,
# exit status 2 as in gzip (1 if another input fails), nothing with -q.
cp a plain
assert_exit 2 "$HUFF" -d plain
assert_stderr_matches '^huff: plain: unknown suffix \(not \.huf\) -- ignored; use -c or -o to decompress it$'
assert_stderr_lines 1
assert_exit 2 "$HUFF" -q -d plain
assert_stderr_empty
assert_exit 1 "$HUFF" -d plain missing.huf
assert_stderr_matches '^huff: plain: unknown suffix'
assert_stderr_matches '^huff: missing\.huf: No such file or directory$'
assert_only_files a a.orig a.huf a.back precious plain
cp a.huf packed
assert_exit 0 "$HUFF" -dc packed >packed.c
assert_same packed.c a
assert_exit 0 "$HUFF" -d -o packed.o packed
assert_same packed.o a
# A name that is only the suffix has no name left.
cp a.huf .huf
assert_exit 2 "$HUFF" -d .huf
assert_stderr_matches 'unknown suffix'
rm .huf packed packed.c packed.o plain

# --- compressing a name that has the suffix: a warning, nothing written.
assert_exit 2 "$HUFF" a.huf
assert_stderr_matches '^huff: a\.huf: already has \.huf suffix -- unchanged$'
assert_missing a.huf.huf
# -f compresses it anyway (gzip does the same).
assert_exit 0 "$HUFF" -f a.huf
assert_exists a.huf.huf
rm a.huf.huf
# -c does not name an output, so there is nothing to warn about.
assert_exit 0 "$HUFF" -c a.huf >twice
assert_stderr_empty
rm twice

# --- the output would be the input.  An empty suffix is a bad option
# (gzip's "invalid suffix ''"), whatever the mode; nothing is done.
for args in "-S ''" "-f -S ''" "-d -f -S ''" "--suffix= -f" "-S '' -c"; do
	eval "set -- $args"
	assert_exit 1 "$HUFF" "$@" a a.huf
	assert_stderr_matches "^huff: invalid suffix '' \(a suffix must not be empty\)$"
	assert_stderr_matches "^Try 'huff --help'"
	assert_stderr_lines 2
	assert_same a a.orig
done
assert_exit 0 "$HUFF" -dc a.huf >check
assert_same check a
rm check
# -o naming the input: one line that says so, the input untouched, no
# temporary file; with another input before it, nothing is written.
assert_exit 1 "$HUFF" -f -o a a
assert_stderr_matches '^huff: a: input and output are the same file; not overwritten$'
assert_stderr_lines 1
assert_same a a.orig
cp a other
assert_exit 1 "$HUFF" -f -o a other a
assert_stderr_matches '^huff: a: input and output are the same file; not overwritten$'
assert_stderr_lines 1
assert_same a a.orig
assert_no_temp_files
rm other
# Another name for the same file: a hard link, a path with ./
ln a a.link
assert_exit 1 "$HUFF" -f -o a.link a
assert_stderr_matches '^huff: a: a\.link is the same file as the input; not overwritten$'
assert_stderr_lines 1
assert_exit 1 "$HUFF" -f -o ./a a
assert_stderr_matches '^huff: a: \./a is the same file as the input; not overwritten$'
assert_stderr_lines 1
assert_same a a.orig
assert_no_temp_files
rm a.link

# --- terminals, through script(1) for a pseudo-terminal.
if command -v script >/dev/null 2>&1 &&
   script -qec 'test -t 1' /dev/null >/dev/null 2>&1; then
	# stdout a terminal: refused, even for a named file given -c.
	script -qec "\"$HUFF\" -c a; echo \"rc=\$?\"" /dev/null >tty.log 2>&1
	grep -q 'rc=1' tty.log || fail "-c to a terminal: $(cat tty.log)"
	grep -q 'compressed data not written to a terminal' tty.log ||
		fail "no message for -c to a terminal: $(cat tty.log)"
	script -qec "\"$HUFF\" <a; echo \"rc=\$?\"" /dev/null >tty.log 2>&1
	grep -q 'rc=1' tty.log || fail "stdin to a terminal: $(cat tty.log)"
	# -f overrides.
	script -qec "\"$HUFF\" -f -c a >/dev/null; \"$HUFF\" -fc a | wc -c; echo \"rc=\$?\"" \
		/dev/null >tty.log 2>&1
	grep -q 'rc=0' tty.log || fail "-f to a terminal: $(cat tty.log)"
	# Decompressed data to a terminal is fine.
	gen_words 20 >w
	"$HUFF" w
	script -qec "\"$HUFF\" -dc w.huf; echo \"rc=\$?\"" /dev/null >tty.log 2>&1
	grep -q 'rc=0' tty.log || fail "-dc to a terminal: $(cat tty.log)"
	grep -q 'quick brown' tty.log || fail "-dc to a terminal: $(cat tty.log)"
	# Compressed data is not read from a terminal.
	script -qec "\"$HUFF\" -d </dev/tty; echo \"rc=\$?\"" /dev/null >tty.log 2>&1
	grep -q 'rc=1' tty.log || fail "-d from a terminal: $(cat tty.log)"
	grep -q 'compressed data not read from a terminal' tty.log ||
		fail "no message for -d from a terminal: $(cat tty.log)"
	rm tty.log w w.huf
else
	note "no script(1) with a pseudo-terminal: terminal checks skipped"
fi

assert_same a a.orig
assert_no_temp_files
