# test_output_bytes.sh - the encoder writes exactly the bytes it wrote
# before (tests/cli/output_bytes.txt), for every corpus file of
# $HUFF_CORPUS (default corpus/fetched/, where corpus/fetch.sh puts the
# corpora) at several levels, thread counts,
# block sizes, without a checksum and with a model; and decodes them back.
# A restructuring of the encoder must leave every byte where it was; a
# change that means to change output rewrites the list, saying why.  A
# corpus file whose own bytes differ from the list's (another copy of the
# corpus) is passed over.
. "$T_LIB"

here=$(cd "$(dirname "$0")" && pwd)
list=$here/output_bytes.txt
corpus=${HUFF_CORPUS:-$here/../../corpus/fetched}
[ -d "$corpus" ] || skip "no corpus at $corpus"

# The model: trained here, and its own bytes pinned too.
set -- $(grep '^model ' "$list")
[ -f "$corpus/$3" ] && [ -f "$corpus/$4" ] || skip "the model's sample files are missing"
assert_exit 0 "$HUFF" train -o model "$corpus/$3" "$corpus/$4"
got=$(md5sum < model | cut -c1-32)
[ "$got" = "$2" ] || fail "huff train wrote a model of md5 $got, expected $2"

checked=0 passed_over=0
grep -v '^#' "$list" | grep -v '^model ' > cases
while read -r in_md5 out_md5 file opts; do
	f=$corpus/$file
	if [ ! -f "$f" ] || [ "$(md5sum < "$f" | cut -c1-32)" != "$in_md5" ]; then
		passed_over=$((passed_over + 1))
		continue
	fi
	case "$opts" in
	*-M) set -- $opts model ;;
	*) set -- $opts ;;
	esac
	"$HUFF" "$@" -c "$f" > out.huf 2>"$ERR" || { show_stderr; fail "huff $* -c $file failed"; }
	got=$(md5sum < out.huf | cut -c1-32)
	[ "$got" = "$out_md5" ] || fail "huff $* -c $file: output md5 $got, expected $out_md5"
	case "$opts" in
	*-M) "$HUFF" -d -M model -c out.huf > back ;;
	*) "$HUFF" -d -c out.huf > back ;;
	esac
	cmp -s back "$f" || fail "huff $* -c $file does not decode back"
	checked=$((checked + 1))
done < cases
[ "$checked" -gt 0 ] || skip "no corpus file matches the list ($passed_over passed over)"
note "output bytes: $checked outputs as pinned ($passed_over passed over)"
