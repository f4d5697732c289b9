# The man page documents every option of huff and of its subcommands, and
# groff reads it without a warning.
. "$T_LIB"

man=$(cd "$(dirname "$T_LIB")/../.." && pwd)/man/huff.1
[ -f "$man" ] || fail "no man page at $man"

# The page's text without font changes, \- as -: what a reader sees.
sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\c$//' "$man" >page

# Every option a --help lists, as "-x" or "--long", must be in the page.
# Options are the words in the option column of each help: lines that
# start with spaces and a dash.
check_help() {
	assert_exit 0 "$@" --help >help
	grep -E '^ +-' help | sed -e 's/^ *//' -e 's/   .*//' |
		grep -oE '(^|[ ,/])--?[A-Za-z0-9][A-Za-z0-9-]*' |
		sed 's/^[ ,/]//' | sort -u >opts
	[ -s opts ] || fail "found no option in: $* --help"
	while read -r o; do
		grep -qE -- "(^|[^A-Za-z0-9-])$o([^A-Za-z0-9-]|$)" page ||
			fail "$* --help lists $o, the man page does not"
	done <opts
	note "$* --help: $(wc -l <opts | tr -d ' ') options, all in huff.1"
}
check_help "$HUFF"
check_help "$HUFF" report
check_help "$HUFF" train
check_help "$HUFF" bench

# The test itself must be able to fail: an option the page lacks.
printf '  -Y, --no-such-option  nothing\n' >help
grep -E '^ +-' help | sed -e 's/^ *//' -e 's/   .*//' | grep -oE '(^|[ ,/])--?[A-Za-z0-9][A-Za-z0-9-]*' |
	sed 's/^[ ,/]//' >opts
assert_eq "$(tr '\n' ' ' <opts)" "-Y --no-such-option " "option words of a help line"
if grep -qE -- "(^|[^A-Za-z0-9-])--no-such-option([^A-Za-z0-9-]|$)" page; then
	fail "the page matches an option it does not have"
fi

# The page is of this version (a version bump must update it).
v=$("$HUFF" -V) || fail "huff -V"
grep -q "^\.TH HUFF 1 [0-9-]* \"$v\"" "$man" || fail "huff.1's .TH does not name $v"
grep -q "\"$v\"" page || fail "huff.1's -V does not show $v"

# Every exit status and every subcommand has its section.
for s in 'EXIT STATUS' 'ENVIRONMENT' 'EXAMPLES' 'HUFF REPORT' 'HUFF TRAIN' 'HUFF BENCH' 'PROGRESS'; do
	grep -q "^\.SH \"*$s\"*\$" "$man" || fail "the man page has no $s section"
done

if ! command -v groff >/dev/null 2>&1; then
	skip "groff is not installed: options checked, formatting not"
fi
groff -ww -man -Tutf8 "$man" >/dev/null 2>"$ERR" || fail "groff failed on huff.1"
assert_stderr_empty
