# The bash completion completes options, option values, the subcommands,
# and compressed files where huff decompresses.  (That it offers every
# option of each --help is test_documented_options.sh's.)
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

assert_eq "$(complete_words huff --dec)" "--decompress " "huff --dec"
assert_eq "$(complete_words huff --no-n)" "--no-name " "huff --no-n"
assert_eq "$(complete_words huff train -v)" "-v " "huff train -v"
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
