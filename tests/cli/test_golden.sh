# test_golden - the frozen .huf files of tests/golden/ (format version 1)
# and tests/golden/v2/ (version 2, context blocks) still decode to the
# contents their MANIFESTs record, with the frames and block types recorded.  Every later huff must pass this unchanged: it tests the
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

# check_dir DIR: every file of DIR/MANIFEST.  Version 2's MANIFEST has one
# more column, the context blocks; version 1's files have none.
n=0
check_dir() {
	dir=$1
	[ -f "$dir/MANIFEST" ] || fail "no $dir/MANIFEST"
	while read -r name model size sum frames raw rle huffman repeat modelb context; do
		case $name in '#'*|'') continue ;; esac
		f=$dir/$name
		[ -f "$f" ] || fail "$name is in MANIFEST but not in $dir"
		set --
		[ "$model" = - ] || set -- -M "$dir/$model"
		want="$frames $raw $rle $huffman $repeat $modelb ${context:-0}"

		assert_exit 0 "$HUFF" -d -c "$@" "$f" >out
		assert_stderr_empty
		assert_eq "$(size_of out)" "$size" "$name: decoded size"
		assert_eq "$(sha out)" "$sum" "$name: SHA-256 of the decoded bytes"
		assert_exit 0 "$HUFF" -t "$@" "$f"
		assert_exit 0 "$HUFF" -lv "$@" "$f" >list
		# shellcheck disable=SC2046
		set -- $(tail -n 1 list)
		assert_eq "$6 $7 $8 $9 ${10} ${11} ${12}" "$want" \
			"$name: frames and blocks by type (raw rle huffman repeat model context) of huff -lv"
		assert_eq "$1" "$(size_of "$f")" "$name: compressed size of huff -lv"

		if [ -n "$dump" ]; then
			if [ "$model" = - ]; then
				python3 "$dump" -o ref "$f" 2>"$ERR" || { show_stderr; fail "hufdump rejects $name"; }
			else
				python3 "$dump" --model "$dir/$model" -o ref "$f" 2>"$ERR" ||
					{ show_stderr; fail "hufdump rejects $name"; }
			fi
			assert_eq "$(sha ref)" "$sum" "$name: SHA-256 of hufdump's decoding"
		fi
		n=$((n + 1))
	done <"$dir/MANIFEST"
}
check_dir "$golden"
[ "$n" -ge 9 ] || fail "MANIFEST lists $n files, expected at least 9"
check_dir "$golden/v2"
[ "$n" -ge 14 ] || fail "v2/MANIFEST lists $((n - 9)) files, expected at least 5"
# Version 2 frames say so, and a version 1 frame says 1.
assert_eq "$(od -An -tu1 -j4 -N1 "$golden/v2/context.huf" | tr -d ' ')" 2 "context.huf's version"
assert_eq "$(od -An -tu1 -j4 -N1 "$golden/huffman.huf" | tr -d ' ')" 1 "huffman.huf's version"

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
