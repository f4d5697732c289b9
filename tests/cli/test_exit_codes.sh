# Exit status as gzip: 0 success, 1 error, 2 warning; several inputs give
# the worst status and an error on one does not stop the others; usage
# errors are 1; -q hides warnings but not the status.
. "$T_LIB"

gen_text 20000 >a
gen_text 30000 >b
mkdir dir

assert_exit 0 "$HUFF" a
assert_stderr_empty
rm a.huf

# Error: a missing input, with strerror's words.
assert_exit 1 "$HUFF" missing
assert_stderr_matches '^huff: missing: No such file or directory$'
assert_stderr_lines 1

# Warning: a directory is skipped.
assert_exit 2 "$HUFF" dir
assert_stderr_matches '^huff: dir: is a directory -- ignored$'

# Worst of several, and the others are still done.
assert_exit 1 "$HUFF" a missing dir b
assert_stderr_matches 'missing: No such file'
assert_stderr_matches 'dir: is a directory'
assert_stderr_lines 2
assert_exists a.huf
assert_exists b.huf
rm a.huf b.huf
assert_exit 2 "$HUFF" dir a
assert_exists a.huf
rm a.huf
assert_exit 1 "$HUFF" missing dir            # error outranks warning
assert_exit 1 "$HUFF" dir missing

# Decompression: a corrupt file among good ones.
"$HUFF" a b
cp a.huf bad.huf
flip_byte bad.huf 5000
mkdir out
assert_exit 1 "$HUFF" -d a.huf bad.huf b.huf -c >/dev/null
assert_stderr_matches '^huff: bad\.huf: '
assert_stderr_lines 1
mv a a.orig
mv b b.orig
assert_exit 1 "$HUFF" -d a.huf bad.huf b.huf
assert_same a a.orig
assert_same b b.orig
assert_missing bad

# -q: the warning is not shown, the status still says 2.
assert_exit 2 "$HUFF" -q dir
assert_stderr_empty
assert_exit 1 "$HUFF" -q missing           # errors are always shown
assert_stderr_matches 'missing'

# Usage errors: 1, a message and a hint, and nothing done.
rm -f a.huf
assert_exit 1 "$HUFF" --no-such-option
assert_stderr_matches "^huff: unknown option '--no-such-option'$"
assert_stderr_matches "Try 'huff --help'"
assert_exit 1 "$HUFF" -Y a
assert_stderr_matches "unknown option '-Y'"
assert_exit 1 "$HUFF" -o
assert_stderr_matches "option '-o' needs a value"
assert_exit 1 "$HUFF" --suffix
assert_exit 1 "$HUFF" --keep=yes a
assert_stderr_matches "option '--keep' takes no value"
# An empty value named by the option, not by the (empty) value word.
assert_exit 1 "$HUFF" --output '' a
assert_stderr_matches "^huff: option '--output' needs a file name$"
assert_exit 1 "$HUFF" --model '' a
assert_stderr_matches "^huff: option '--model' needs a file name$"
assert_exit 1 "$HUFF" -B 100 a
assert_stderr_matches 'block size .* out of range'
assert_exit 1 "$HUFF" -0 a
assert_stderr_matches 'invalid compression level'
assert_exit 1 "$HUFF" -19 a
assert_stderr_matches 'invalid compression level'
assert_missing a.huf                      # nothing done after a usage error

# Warnings with their status 2, errors outranking them: a name without the
# suffix when decompressing (gzip's "unknown suffix -- ignored")...
cp a plain
assert_exit 2 "$HUFF" -d plain
assert_stderr_matches '^huff: plain: unknown suffix \(not \.huf\) -- ignored'
assert_exit 2 "$HUFF" -q -d plain
assert_stderr_empty
assert_exit 1 "$HUFF" -d plain missing.huf
# ...and an input --rm cannot remove once its output is in place (gzip
# warns too): /proc/self/fd/0 is a link (followed with -f) that no one may
# unlink, root included.
if [ -L /proc/self/fd/0 ] && ! (: >/proc/huff-probe) 2>/dev/null; then
	assert_exit 2 "$HUFF" -f --rm -o rm.huf /proc/self/fd/0 <a
	assert_stderr_matches '^huff: /proc/self/fd/0: cannot remove: '
	assert_stderr_lines 1
	assert_exit 0 "$HUFF" -dc rm.huf >rm.out
	assert_same rm.out a
	rm rm.huf rm.out
else
	note "no /proc/self/fd: the warning of --rm skipped"
fi

# A model file that is not there: the message says it is the model.
assert_exit 1 "$HUFF" -M nope a
assert_stderr_matches '^huff: nope: model file: No such file or directory$'
assert_stderr_lines 1
assert_missing a.huf
