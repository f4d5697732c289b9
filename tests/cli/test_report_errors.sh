# huff report: every bad input is one line on stderr, "huff: report: ..."
# or "huff: FILE: ...", exit status 1, and nothing on stdout; -h is help.
. "$T_LIB"

gen_text 5000 >a
: >empty
mkdir dir
yes 1 | head -n 255 | paste -sd, - >ones255

# bad ERE ARGS... - huff report ARGS fails with one line matching ERE.
bad() {
	_re=$1
	shift
	assert_exit 1 "$HUFF" report "$@" >out
	assert_stderr_matches "$_re"
	assert_stderr_lines 1
	[ -s out ] && fail "stdout not empty for: $*"
	return 0
}

# Unreadable inputs, the model among them.
bad '^huff: missing: No such file or directory$' missing
bad '^huff: dir: Is a directory$' dir
bad '^huff: missing: No such file or directory$' --model missing a
bad '^huff: empty: empty: a model needs at least one byte$' --model empty a

# Malformed lists.
bad "^huff: report: --p: item 2: invalid value 'x' \\(expected a decimal >= 0 such as 3, 0\\.5 or 2e-3\\)\$" --p 3,x
bad "^huff: report: --p: item 2: invalid value '' \\(expected a decimal >= 0 such as 3, 0\\.5 or 2e-3\\)\$" --p 3,,1
bad "^huff: report: --p: item 1: invalid value '' \\(expected a decimal >= 0 such as 3, 0\\.5 or 2e-3\\)\$" --p ''
bad "^huff: report: --p: item 3: invalid value '' \\(expected a decimal >= 0 such as 3, 0\\.5 or 2e-3\\)\$" --p 1,2,
bad "invalid value .* \\(expected a decimal >= 0 such as 3, 0\\.5 or 2e-3\\)\$" --p 1.2.3
bad "invalid value .* \\(expected a decimal >= 0 such as 3, 0\\.5 or 2e-3\\)\$" --p 1e
bad "invalid value .* \\(expected a decimal >= 0 such as 3, 0\\.5 or 2e-3\\)\$" --p inf
bad "invalid value .* \\(expected a decimal >= 0 such as 3, 0\\.5 or 2e-3\\)\$" --p nan
bad "invalid value .* \\(expected a decimal >= 0 such as 3, 0\\.5 or 2e-3\\)\$" --p 0x10
bad "^huff: report: --q: item 1: invalid value 'y' \\(expected a decimal >= 0 such as 3, 0\\.5 or 2e-3\\)\$" --p 1 --q y
bad "^huff: report: --p: more than 256 values\$" --p "$(cat ones255),1,1"
# Negative and all-zero distributions.
bad "^huff: report: --p: item 2: invalid value '-1' \\(expected a decimal >= 0 such as 3, 0\\.5 or 2e-3\\)\$" --p 3,-1
bad "^huff: report: --p: all values are zero\$" --p 0,0,0
bad "^huff: report: --q: all values are zero\$" --p 1,1 --q 0,0
# Exact weights would pass 2^56.
bad "^huff: report: --p: item 1: invalid value '.*' \\(expected a decimal >= 0 with fewer significant digits" --p 123456789012345678901
bad "^huff: report: --p: made whole numbers, the values would sum to 2\^56 or more\$" --p 1e-20,1
bad "^huff: report: --p: made whole numbers" --p 1e17
bad "^huff: report: --smooth: invalid value '1e-20' \\(expected a decimal from 0 to 2\\^40 such as 0\\.5 or 1e-3, to 12 decimal places\\)\$" --p 1,1 --q 1,1 --smooth 1e-20
bad "^huff: report: --smooth: invalid value '-1' \\(expected a decimal from 0 to 2\\^40 such as 0\\.5 or 1e-3, to 12 decimal places\\)\$" --p 1,1 --q 1,1 --smooth -1
bad "^huff: report: --smooth: invalid value 'x' " --p 1,1 --q 1,1 --smooth x
# p and q of different lengths; --q with a file needs 256 values.
bad "^huff: report: --p has 2 values but --q has 3\$" --p 1,2 --q 1,2,3
bad "^huff: report: --p has 2 values but --model has 256\$" --p 1,2 --model a
bad "^huff: report: --q has 255 values; with a file it needs 256" --q "$(cat ones255)" a
bad "^huff: report: --q has 3 values; with a file it needs 256" --q 1,2,3 <a
# Options that do not go together.
bad "^huff: report: --p gives the distribution: no FILE with it\$" --p 1,2 a
bad "^huff: report: --p gives the distribution: no FILE with it\$" --p 1,2 -
bad "^huff: report: --model and --q both give q" --model a --q 1 --p 1
bad "^huff: report: --smooth smooths a model: give --model or --q\$" --smooth 1 a
# Unknown unit, format or option; a missing or unwanted value.
bad "^huff: report: unknown unit 'bytes' \(bits or nats\)\$" --unit bytes a
bad "^huff: report: unknown unit 'Bits' " --unit=Bits a
bad "^huff: report: unknown format 'xml' \(text, json or csv\)\$" --format xml a
bad "^huff: report: unknown option '--bogus' " --bogus a
bad "^huff: report: unknown option '-x' " -x a
bad "^huff: report: option '--p' needs a value\$" --p
bad "^huff: report: option '--json' takes no value\$" --json=yes a

# An error stops nothing else: the good file is still reported.
assert_exit 1 "$HUFF" report --json a missing >out
assert_eq "$(wc -l <out | tr -d ' ')" 1 "reports despite an error"

# -h and --help: the command's own help on stdout, status 0, even with
# other options; "--" makes "-h" a file name.
for h in -h --help; do
	assert_exit 0 "$HUFF" report $h >help
	assert_stderr_empty
	grep -q '^Usage: huff report ' help || fail "$h: not report's help"
	grep -q 'read whole into memory' help || fail "$h: does not say files are read whole"
done
assert_exit 0 "$HUFF" report --p 1 -h >help
grep -q '^Usage: huff report ' help || fail "-h after options"
assert_exit 1 "$HUFF" report -- -h
assert_stderr_matches '^huff: -h: No such file or directory$'
# huff's own help names the subcommand.
assert_exit 0 "$HUFF" -h >help
grep -q 'huff report' help || fail "huff -h does not mention huff report"

# No FILE with standard input a terminal (a pseudo-terminal from script(1)):
# refused at once, as huff refuses compressed data from a terminal, rather
# than waiting for typing; "-" reads the terminal (here: at once its end,
# which script sends at the end of its own input, /dev/null), and a FILE is
# read as ever.
if ! command -v script >/dev/null 2>&1; then
	note "no script (util-linux): the terminal cases not run"
elif ! script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	note "script cannot open a pseudo-terminal here: the terminal cases not run"
else
	# on_tty CMD - run the shell command CMD on a pseudo-terminal; what
	# appeared there in tty, "rc=N" (CMD's exit status) its last line.
	# timeout: waiting on the terminal is what is tested against; in the
	# foreground, or reading the terminal would suspend the command (SIGTTIN).
	on_tty() {
		script -qec "timeout --foreground 20 $*; echo rc=\$?" /dev/null </dev/null >tty.raw 2>&1
		tr -d '\r' <tty.raw >tty
	}
	on_tty "'$HUFF' report"
	grep -q '^huff: report: standard input is a terminal; give a FILE, or - to read it$' tty ||
		{ cat -v tty.raw >&2; fail "huff report on a terminal: no refusal"; }
	assert_eq "$(tail -n 1 tty)" "rc=1" "huff report on a terminal: exit status"
	assert_eq "$(wc -l <tty | tr -d ' ')" 2 "huff report on a terminal: one line and the status"
	on_tty "'$HUFF' report --json"
	assert_eq "$(tail -n 1 tty)" "rc=1" "huff report --json on a terminal: exit status"
	on_tty "'$HUFF' report -"
	grep -q 'standard input is a terminal' tty && fail "huff report - refused: $(cat tty)"
	assert_eq "$(tail -n 1 tty)" "rc=0" "huff report - on a terminal: exit status"
	on_tty "'$HUFF' report --json a"
	grep -q '"name": *"a"' tty || { cat tty >&2; fail "huff report a, stdin a terminal: no report"; }
	assert_eq "$(tail -n 1 tty)" "rc=0" "huff report a, stdin a terminal: exit status"
	on_tty "'$HUFF' report --p 1,2"
	assert_eq "$(tail -n 1 tty)" "rc=0" "huff report --p on a terminal: exit status"
fi
