# lib.sh - helpers shared by the command-line tests (sourced: . "$T_LIB")
#
# run.sh gives each test a fresh empty cwd, HUFF (absolute) and T_META (a
# private directory outside the cwd).  A test exits 0 to pass, 77 to skip;
# fail() exits 1 with a message.  The helpers run commands directly, never
# in a pipeline, so that fail() ends the test and not just a subshell; put
# piped input in a file first.

set -u

HUFF_DIR=$(dirname "$HUFF")
UNHUFF=$HUFF_DIR/unhuff
HUFCAT=$HUFF_DIR/hufcat
ERR=$T_META/stderr

fail() {
	printf 'FAIL: %s\n' "$*" >&2
	exit 1
}

skip() {
	printf 'SKIP: %s\n' "$*"
	exit 77
}

note() {
	printf '%s\n' "$*" >&2
}

show_stderr() {
	note "--- stderr of the last command:"
	cat "$ERR" >&2
	note "---"
}

# assert_exit N CMD... - run CMD (stdout as redirected by the caller,
# stderr into $ERR) and require exit status N.
assert_exit() {
	_want=$1
	shift
	"$@" 2>"$ERR"
	_got=$?
	if [ "$_got" -ne "$_want" ]; then
		show_stderr
		fail "exit status $_got, expected $_want: $*"
	fi
}

# assert_stderr_matches ERE - the last command's stderr has a matching line.
assert_stderr_matches() {
	if ! grep -Eq -- "$1" "$ERR"; then
		show_stderr
		fail "stderr does not match /$1/"
	fi
}

assert_stderr_not_matches() {
	if grep -Eq -- "$1" "$ERR"; then
		show_stderr
		fail "stderr matches /$1/"
	fi
}

assert_stderr_empty() {
	if [ -s "$ERR" ]; then
		show_stderr
		fail "stderr is not empty"
	fi
}

# assert_stderr_lines N - exactly N lines (one message per problem).
assert_stderr_lines() {
	_n=$(wc -l <"$ERR" | tr -d ' ')
	if [ "$_n" -ne "$1" ]; then
		show_stderr
		fail "stderr has $_n lines, expected $1"
	fi
}

# assert_same FILE1 FILE2 - identical contents.
assert_same() {
	cmp -s -- "$1" "$2" || fail "$1 and $2 differ"
}

assert_differ() {
	if cmp -s -- "$1" "$2"; then
		fail "$1 and $2 are identical"
	fi
}

assert_exists() {
	[ -e "$1" ] || fail "$1 does not exist"
}

assert_missing() {
	if [ -e "$1" ] || [ -L "$1" ]; then
		fail "$1 exists"
	fi
}

assert_empty_file() {
	[ -f "$1" ] && [ ! -s "$1" ] || fail "$1 is not an empty file"
}

# assert_eq GOT WANT WHAT
assert_eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}

# assert_no_temp_files [DIR] - no temporary output left behind.
assert_no_temp_files() {
	_left=$(find "${1:-.}" -name '*huftmp*' 2>/dev/null)
	[ -z "$_left" ] || fail "temporary files left: $_left"
}

# assert_only_files NAME... - the cwd holds exactly these names (sorted).
assert_only_files() {
	_have=$(ls -A | sort | tr '\n' ' ')
	_want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	[ "$_have" = "$_want" ] || fail "directory holds '$_have', expected '$_want'"
}

size_of() {
	wc -c <"$1" | tr -d ' '
}

# Test data.  Sizes in bytes; text compresses, random does not.
gen_text() {
	seq 1 2000000 | head -c "$1"
}

gen_random() {
	head -c "$1" /dev/urandom
}

gen_zeros() {
	head -c "$1" /dev/zero
}

gen_words() {
	yes 'the quick brown fox jumps over the lazy dog' | head -c "$1"
}

# flip_byte FILE OFFSET - invert every bit of one byte, in place.
flip_byte() {
	_b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "\\$(printf '%03o' $((255 - _b)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# attrs FILE - permission bits and modification time to the nanosecond.
attrs() {
	stat -c '%a %y' -- "$1"
}
