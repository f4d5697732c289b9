# test_golden - the frozen .huf files of tests/golden/ (format version 1)
# still decode to the contents MANIFEST records, with the frames and block
# types it records.  Every later huff must pass this unchanged: it tests the
# decoding of committed bytes, never what the encoder writes today.  When
# python3 is there, tools/hufdump.py (the reference decoder) must agree.
. "$T_LIB"

golden=$(cd "$(dirname "$T_LIB")/../golden" && pwd)
[ -f "$golden/MANIFEST" ] || fail "no $golden/MANIFEST"
dump=""
command -v python3 >/dev/null 2>&1 && dump=$(dirname "$golden")/../tools/hufdump.py

sha() {
	sha256sum <"$1" | cut -d' ' -f1
}

n=0
while read -r name model size sum frames raw rle huffman repeat modelb; do
	case $name in '#'*|'') continue ;; esac
	f=$golden/$name
	[ -f "$f" ] || fail "$name is in MANIFEST but not in tests/golden"
	set --
	[ "$model" = - ] || set -- -M "$golden/$model"

	assert_exit 0 "$HUFF" -d -c "$@" "$f" >out
	assert_stderr_empty
	assert_eq "$(size_of out)" "$size" "$name: decoded size"
	assert_eq "$(sha out)" "$sum" "$name: SHA-256 of the decoded bytes"
	assert_exit 0 "$HUFF" -t "$@" "$f"
	assert_exit 0 "$HUFF" -lv "$@" "$f" >list
	# shellcheck disable=SC2046
	set -- $(tail -n 1 list)
	assert_eq "$6 $7 $8 $9 ${10} ${11}" "$frames $raw $rle $huffman $repeat $modelb" \
		"$name: frames, raw, rle, huffman, repeat and model blocks of huff -lv"
	assert_eq "$1" "$(size_of "$f")" "$name: compressed size of huff -lv"

	if [ -n "$dump" ]; then
		if [ "$model" = - ]; then
			python3 "$dump" -o ref "$f" 2>"$ERR" || { show_stderr; fail "hufdump rejects $name"; }
		else
			python3 "$dump" --model "$golden/$model" -o ref "$f" 2>"$ERR" ||
				{ show_stderr; fail "hufdump rejects $name"; }
		fi
		assert_eq "$(sha ref)" "$sum" "$name: SHA-256 of hufdump's decoding"
	fi
	n=$((n + 1))
done <"$golden/MANIFEST"
[ "$n" -ge 9 ] || fail "MANIFEST lists $n files, expected at least 9"

# Through unhuff and hufcat too, into a file as a user would.
cp "$golden/concat.huf" concat.huf
assert_exit 0 "$UNHUFF" concat.huf
assert_eq "$(sha concat)" "$(awk '$1 == "concat.huf" { print $4 }' "$golden/MANIFEST")" \
	"unhuff concat.huf"
assert_exit 0 "$HUFCAT" "$golden/rle.huf" >out
assert_eq "$(sha out)" "$(awk '$1 == "rle.huf" { print $4 }' "$golden/MANIFEST")" \
	"hufcat rle.huf"

# The model frame needs its model, and says which.
assert_exit 1 "$HUFF" -d -c "$golden/model.huf" >out
assert_stderr_matches '00bebd9c'
# One changed byte of content is caught (the checks are really made).
cp "$golden/huffman.huf" bad.huf
flip_byte bad.huf 40
assert_exit 1 "$HUFF" -d -c bad.huf >out

[ -n "$dump" ] || note "python3 not found: hufdump.py not compared"
note "$n golden files decode as recorded"
