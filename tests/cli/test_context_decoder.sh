# test_context_decoder - huff's own decoder reads the context blocks
# (FORMAT.md section 9, format version 2) that tools/hufmake_v2.py writes
# from FORMAT.md alone, to the original bytes, with one thread and several,
# from files and pipes; huff -lv counts them as hufdump.py does; and huff
# rejects the broken ones of context_cases.py with the error FORMAT.md
# names (section 9.2).  test_reference_context checks the same frames with
# tools/hufdump.py.
#
# answers "corrupt compressed data" to every context block.  Delete the
# line marked PENDING below once the decoder lands; nothing else needs to
# change.
. "$T_LIB"


command -v python3 >/dev/null 2>&1 || skip "python3 not found"
here=$(cd "$(dirname "$0")" && pwd)
tools=$here/../../tools
DUMP=$tools/hufdump.py
MAKE=$tools/hufmake_v2.py
[ -f "$DUMP" ] && [ -f "$MAKE" ] || fail "tools/hufdump.py or tools/hufmake_v2.py not found"

make_v2() {
	python3 "$MAKE" "$@"
}

: >empty
make_v2 -o empty.huf empty 2>"$ERR" || {
	grep -q 'no XXH3' "$ERR" && skip "no XXH3 for python3: hufmake_v2.py cannot write frames"
	show_stderr
	fail "hufmake_v2.py failed on an empty file"
}

printf 'x' >one
gen_text 20000 >text
gen_words 150000 >words
gen_random 40000 >random
gen_zeros 3000 >zeros
cat text zeros random words >mixed
head -c 400 words >w400

# context_blocks FILE - the number of context blocks hufdump.py counts.
context_blocks() {
	python3 "$DUMP" --trace -t "$1" 2>&1 |
		sed -n 's/^[0-9]* frames*, .*[(,] *\([0-9]*\) context.*/\1/p' | grep . || echo 0
}

# Every input with each model, K, S, map encoding, block size and flags;
# huff -d -c and -t, one thread and three.
k=0
for opts in "" "-K 2 -S 1" "-K 3 -S 2 -m top --explicit-map" "-K 32 -S 8 -m top" \
	"-K 5 -S 4 -m top -B 512" "-K 17 -B 1024 --no-check --no-size" \
	"-K 16 -B 4096 -m top --no-size"; do
	k=$((k + 1))
	for f in empty one text words random zeros mixed w400; do
		# shellcheck disable=SC2086 # $opts is a list of options
		assert_exit 0 make_v2 $opts -o "$f.$k.huf" "$f"
		assert_exit 0 "$HUFF" -d -c "$f.$k.huf" >"$f.$k.out"
		assert_same "$f.$k.out" "$f"
		assert_exit 0 "$HUFF" -t "$f.$k.huf"
		assert_exit 0 "$HUFF" -d -T 3 -c "$f.$k.huf" >"$f.$k.out"
		assert_same "$f.$k.out" "$f"
	done
done
# From a pipe, and as unhuff.
assert_exit 0 "$HUFF" -d -c - <words.4.huf >words.out
assert_same words.out words
cp mixed.5.huf m.huf
assert_exit 0 "$UNHUFF" m.huf
assert_same m mixed

# Frames of both versions, one after the other.
assert_exit 0 "$HUFF" -c text >text.v1.huf
cat words.3.huf text.v1.huf mixed.5.huf empty.huf text.6.huf >concat.huf
cat words text mixed text >concat
assert_exit 0 "$HUFF" -d -c concat.huf >concat.out
assert_same concat.out concat

# huff -lv: the context column (12th) holds the context blocks.
for f in words.3 mixed.5 concat; do
	assert_exit 0 "$HUFF" -lv "$f.huf" >list.txt
	set -- $(sed -n 2p list.txt)
	assert_eq "${12}" "$(context_blocks "$f.huf")" "$f.huf: context blocks in huff -lv"
done

# Broken context blocks: huff names the error FORMAT.md names; the valid
# cases beside them decode.
assert_exit 0 python3 "$here/context_cases.py" "$tools"
tab=$(printf '\t')
while IFS=$tab read -r name error _; do
	case $error in
	-)
		assert_exit 0 "$HUFF" -t "$name.huf"
		continue ;;
	"corrupt data") msg="corrupt compressed data" ;;
	"unsupported version") msg="unsupported .huf format version" ;;
	*) msg=$error ;;
	esac
	rm -f out
	assert_exit 1 "$HUFF" -d -o out "$name.huf"
	assert_stderr_matches "^huff: $name.huf: $msg"
	assert_missing out
done <cases.txt

# The corpus, if there is one: all its files in one frame of hufmake_v2.py's.
corpus=${HUFF_CORPUS:-}
if [ -d "$corpus" ]; then
	: >corpus.all
	for f in "$corpus"/*/*; do
		[ -f "$f" ] && cat "$f" >>corpus.all
	done
	assert_exit 0 make_v2 -K 32 -m top -o corpus.huf corpus.all
	assert_exit 0 "$HUFF" -d -T 2 -c corpus.huf >corpus.out
	cmp -s corpus.out corpus.all || fail "hufmake_v2.py -K 32 -m top, huff -d: the corpus differs"
	note "  corpus: $(size_of corpus.all) bytes through hufmake_v2.py and huff -d"
else
	note "  no corpus at ${corpus:-(HUFF_CORPUS unset)}: corpus files not tried"
fi
exit 0
