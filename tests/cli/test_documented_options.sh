# Every option that a --help lists (huff's and each subcommand's) is in the
# man page, in that command's section, and is offered by the bash
# completion for that command; and the completion offers no option that
# the help does not list.  The three are written by hand, so this is what
# keeps them saying the same thing.
. "$T_LIB"

root=$(cd "$(dirname "$T_LIB")/../.." && pwd)
man=$root/man/huff.1
comp=$root/completion/huff.bash
[ -f "$man" ] || fail "no man page at $man"
[ -f "$comp" ] || fail "no completion at $comp"
command -v bash >/dev/null 2>&1 || skip "bash is not installed"

# help_options HELP - the options of a help text, one a line: the words
# "-x" or "--long" in its option column, the lines that start with at most
# six spaces and a dash (more spaces: a description's continuation line,
# whose dashes are text such as "-log p").
help_options() {
	grep -E '^ {1,6}-' "$1" | sed -e 's/^ *//' -e 's/   .*//' |
		grep -oE '(^|[ ,/])--?[A-Za-z0-9][A-Za-z0-9-]*' |
		sed 's/^[ ,/]//' | sort -u
}

# page_section PAGE SECTION - the text of one .SH section of a man page
# as a reader sees it (font changes gone, \- as -); SECTION "OPTIONS" is
# huff's own.
page_section() {
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\c$//' "$1" |
		awk -v want="$2" '
			/^\.SH/ { sub(/^\.SH +/, ""); gsub(/"/, ""); on = ($0 == want); next }
			on'
}

# completion_offers COMP SUB - every word COMP offers after "huff SUB -".
completion_offers() {
	# shellcheck disable=SC2016
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=()
		_huff
		printf "%s\n" "${COMPREPLY[@]}"' bash "$1" huff $2 - | sort -u
}

# check OPTS PAGE_TEXT OFFERS WHAT - each option of OPTS in PAGE_TEXT and in
# OFFERS, and each word of OFFERS in OPTS.  Prints what is missing and
# returns 1 if anything is.
check() {
	_bad=0
	while read -r o; do
		if ! grep -qE -- "(^|[^A-Za-z0-9-])$o([^A-Za-z0-9-]|$)" "$2"; then
			note "$4 --help lists $o, the man page does not"
			_bad=1
		fi
		if ! grep -qxF -- "$o" "$3"; then
			note "$4 --help lists $o, the completion does not offer it"
			_bad=1
		fi
	done <"$1"
	# The completion's own words: -2 .. -8 are the help's "-1 .. -9".
	while read -r o; do
		case $o in -[2-8]) grep -qxF -- -1 "$1" && continue ;; esac
		if ! grep -qxF -- "$o" "$1"; then
			note "the completion offers $o, which $4 --help does not list"
			_bad=1
		fi
	done <"$3"
	return $_bad
}

for sub in "" report train bench; do
	case $sub in
	"") section=OPTIONS ;;
	*) section="HUFF $(printf '%s' "$sub" | tr a-z A-Z)" ;;
	esac
	# shellcheck disable=SC2086
	assert_exit 0 "$HUFF" $sub --help >help
	help_options help >opts
	[ "$(wc -l <opts)" -ge 5 ] || fail "huff $sub --help: only $(wc -l <opts) options found"
	page_section "$man" "$section" >page
	[ -s page ] || fail "the man page has no $section section"
	completion_offers "$comp" "$sub" >offers
	check opts page offers "huff${sub:+ $sub}" || fail "huff $sub: help, man page and completion differ"
	note "huff${sub:+ $sub} --help: $(wc -l <opts | tr -d ' ') options, all in huff.1 ($section) and the completion"
done

# The check can fail: an option taken out of the page, or out of the
# completion, or a help line it cannot find in either.
assert_exit 0 "$HUFF" --help >help
help_options help >opts
page_section "$man" OPTIONS >page
completion_offers "$comp" "" >offers
grep -qxF -- --no-name opts || fail "huff --help does not list --no-name"
sed 's/--no-name//g' page >page.cut
check opts page.cut offers huff 2>/dev/null && fail "a page without --no-name passes"
grep -vxF -- --no-name offers >offers.cut
check opts page offers.cut huff 2>/dev/null && fail "a completion without --no-name passes"
printf '%s\n' --no-such-option >>opts
check opts page offers huff 2>/dev/null && fail "an option in neither passes"
# ...and the man page's own option entry, not a mention elsewhere, is what
# the check sees: the page without the .TP entry of -n fails.
awk '/^\.BR \\-n ", " \\-\\-no\\-name$/ { skip = 1; next }
     skip && /^\.TP/ { skip = 0 }
     !skip' "$man" >huff.cut.1
cmp -s "$man" huff.cut.1 && fail "no .TP entry for -n, --no-name in the man page"
page_section huff.cut.1 OPTIONS >page.cut
help_options help >opts
check opts page.cut offers huff 2>/dev/null && fail "a page without the entry of -n passes"
rm -f help opts page page.cut offers offers.cut huff.cut.1
