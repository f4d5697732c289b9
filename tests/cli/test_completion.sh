# The bash completion offers every long option of each --help, the
# subcommands, and compressed files where huff decompresses.
. "$T_LIB"

command -v bash >/dev/null 2>&1 || skip "bash is not installed"
comp=$(cd "$(dirname "$T_LIB")/../.." && pwd)/completion/huff.bash
[ -f "$comp" ] || fail "no completion at $comp"

# complete WORD... - what completing the last WORD offers, sorted, one line.
complete_words() {
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=()
		_huff
		printf "%s\n" "${COMPREPLY[@]}"' bash "$comp" "$@" | sort | tr '\n' ' '
}

# The long options of a --help, as the man page test reads them.
long_options() {
	"$@" --help | grep -E '^ +-' | sed -e 's/^ *//' -e 's/   .*//' |
		grep -oE -- '--[a-z][a-z0-9-]*' | sort -u | tr '\n' ' '
}

for sub in "" report train bench; do
	# shellcheck disable=SC2086
	want=$(long_options "$HUFF" $sub)
	# shellcheck disable=SC2086
	got=$(complete_words huff $sub --)
	for o in $want; do
		case " $got " in
		*" $o "*) ;;
		*) fail "huff $sub: completing -- does not offer $o" ;;
		esac
	done
done

assert_eq "$(complete_words huff --dec)" "--decompress " "huff --dec"
assert_eq "$(complete_words huff re)" "report " "huff re"
assert_eq "$(complete_words huff report --unit '')" "bits nats " "report --unit"
assert_eq "$(complete_words huff bench --format '')" "csv json text " "bench --format"

touch a.txt b.huf
mkdir sub
assert_eq "$(complete_words huff -d '')" "b.huf sub " "huff -d: .huf files and directories"
assert_eq "$(complete_words unhuff '')" "b.huf sub " "unhuff"
assert_eq "$(complete_words huff -tv '')" "b.huf sub " "huff -tv"
assert_eq "$(complete_words huff '')" "a.txt b.huf bench report sub train " "huff: files and subcommands"
assert_eq "$(complete_words huff -k a '')" "a.txt b.huf sub " "huff -k a: files"
