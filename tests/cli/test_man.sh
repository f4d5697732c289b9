# The man page is of this version, has its sections, and groff reads it
# without a warning.  (That it documents every option of each --help is
# test_documented_options.sh's.)
. "$T_LIB"

man=$(cd "$(dirname "$T_LIB")/../.." && pwd)/man/huff.1
[ -f "$man" ] || fail "no man page at $man"

# The page's text without font changes, \- as -: what a reader sees.
sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\c$//' "$man" >page

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
