# test_reference_context - context blocks (FORMAT.md section 9, format
# version 2) between two programs written from FORMAT.md alone:
# tools/hufmake_v2.py writes them, tools/hufdump.py decodes them back to the
# original bytes (by table and bit by bit), traces them, and rejects the
# broken ones of context_cases.py (section 9.2) with one
# "hufdump: FILE: <problem>" line.  If the two disagree, one of them or
# FORMAT.md is wrong.  With a corpus ($HUFF_CORPUS)
# every file goes through both, and through huff -9 and hufdump.  huff's
# own decoder of context blocks is test_context_decoder's.
. "$T_LIB"

command -v python3 >/dev/null 2>&1 || skip "python3 not found"
here=$(cd "$(dirname "$0")" && pwd)
tools=$here/../../tools
DUMP=$tools/hufdump.py
MAKE=$tools/hufmake_v2.py
[ -f "$DUMP" ] && [ -f "$MAKE" ] || fail "tools/hufdump.py or tools/hufmake_v2.py not found"

dump() {
	python3 "$DUMP" "$@"
}

make_v2() {
	python3 "$MAKE" "$@"
}

: >empty
make_v2 -o empty.huf empty 2>"$ERR" || {
	grep -q 'no XXH3' "$ERR" && skip "no XXH3 for python3: hufmake_v2.py cannot write frames"
	show_stderr
	fail "hufmake_v2.py failed on an empty file"
}

version_of() {
	od -An -tx1 -j 4 -N1 "$1" | tr -d ' '
}

# Inputs: text, words (one byte follows each context mostly), random bytes
# (raw blocks: the frame stays version 1), zeros, all of them mixed, one
# byte, and 400 bytes of text, whose 8 streams are short enough for every
# codeword to be traced.
printf 'x' >one
gen_text 20000 >text
gen_words 150000 >words
gen_random 40000 >random
gen_zeros 3000 >zeros
cat text zeros random words >mixed
head -c 400 words >w400

# Every input through hufmake_v2.py and back through hufdump.py, with each
# model, K, S, map encoding, block size and set of flags: in one python3,
# the two tools imported (their command lines are tried below).  The
# bit-by-bit reader (--bitwise) must decode as the tables do.  Prints
# "INPUT CONFIG VERSION" for each frame.
cat >roundtrip.py <<'EOF_RT'
import importlib.util
import os
import sys

sys.dont_write_bytecode = True


def load(name):
    spec = importlib.util.spec_from_file_location(
        name, os.path.join(sys.argv[1], name + ".py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


hd, mk = load("hufdump"), load("hufmake_v2")
configs = {
    "default": {},
    "k2s1": dict(k=2, want_streams=1),
    "top3": dict(k=3, want_streams=2, model="top", explicit=True),
    "top32": dict(k=32, want_streams=8, model="top"),
    "small": dict(k=5, want_streams=4, block_size=256),
    "top5": dict(k=5, want_streams=4, block_size=512, model="top"),
    "nocheck": dict(k=17, block_size=1024, checksum=False, with_size=False),
    "top16": dict(k=16, block_size=4096, model="top", with_size=False),
}
for name, kw in configs.items():
    for f in sys.argv[2:]:
        data = open(f, "rb").read()
        frame = mk.frame(data, **kw)
        for bitwise in (False, True) if name == "top32" else (False,):
            try:
                out, warning = hd.decode_file(f, frame, hd.Trace(False),
                                              bitwise=bitwise)
            except hd.Invalid as e:
                sys.exit("%s %s: hufdump: %s" % (f, name, e))
            if bytes(out) != data or warning:
                sys.exit("%s %s: decoded to other bytes (%s)" % (f, name, warning))
        print(f, name, "%02x" % frame[4])
EOF_RT
assert_exit 0 python3 roundtrip.py "$tools" empty one text words random zeros mixed w400 >ver

# Version 2 exactly for the frames with a context block: not empty, one
# byte or random (raw blocks).
assert_eq "$(grep -c ' default 02$' ver)" 5 "version 2 frames at the defaults ($(grep default ver | tr '\n' ' '))"
for f in empty one random; do
	grep -q "^$f default 01$" ver || fail "$f: not a version 1 frame: $(grep default ver | tr '\n' ' ')"
done
# Each configuration wrote context blocks somewhere (-B 256 only for zeros).
for c in $(cut -d' ' -f2 ver | sort -u); do
	grep -q " $c 02$" ver || fail "$c: no context block in any frame"
done

# The command lines: files, standard input and output, the options.
assert_exit 0 make_v2 -K 3 -S 2 -m top --explicit-map -o words.top3.huf words
assert_exit 0 make_v2 -o w400.huf w400
assert_exit 0 make_v2 -K 5 -S 4 -m top -B 512 -v -o mixed.small.huf mixed
assert_stderr_matches '^hufmake_v2: block at 512: 512 bytes, context, K 5, S 4, payload [0-9]+$'
assert_stderr_matches '^hufmake_v2: block at [0-9]+: 512 bytes, raw, payload 512$'
assert_exit 0 make_v2 -K 17 --no-check --no-size - <text >text.huf
assert_eq "$(od -An -tx1 -j 4 -N2 text.huf | tr -d ' ')" 0200 "version and flags of --no-check --no-size"
assert_exit 0 dump - <text.huf >text.out
assert_same text.out text
for f in words.top3 w400 mixed.small; do
	assert_exit 0 dump -o "$f.out" "$f.huf"
	assert_same "$f.out" "${f%%.*}"
done
assert_exit 0 dump --bitwise -o words.out words.top3.huf
assert_same words.out words
assert_exit 2 make_v2 -K 33 text
assert_exit 2 make_v2 -S 3 text

# Concatenated frames of both versions, huff's and hufmake_v2.py's.
assert_exit 0 "$HUFF" -c text >text.v1.huf
cat words.top3.huf text.v1.huf mixed.small.huf empty.huf text.huf >concat.huf
cat words text mixed text >concat
assert_exit 0 dump -o concat.out concat.huf
assert_same concat.out concat

# The trace of a context block: desc, the map by code, each table, starts,
# jumps, codewords, the frame's summary.
assert_exit 0 dump --trace -t words.top3.huf
for re in 'version 2' 'tag 0x05: type 5 context, one stream' \
	'desc 0x22: K - 1 = 2, K = 3 codes; log2 S = 1, S = 2 streams; bit 7 = 0' \
	'map \(§9\.1\): 0x0018.0..0x0077.7, 256 contexts name a code \(1 \+ 2 bits\), 0 take' \
	'code  0, 2.. contexts: 0x00\.\.' 'code  1,   1 context : ' \
	'code 2: code-length table \(§4\.1, lengths at most 11' \
	'0x0078.0  padding 0 bits \(none\); the map ends at 0x0078' 'hclen +4 bits' \
	'starts: the start context of each stream' 'stream 2 from context 0x.*: code [0-2]' \
	'jump: stream 1 is [0-9]+ bytes' 'coded data \(§9\.1\), 2 streams of 1 x 65536 \+ 65536 symbols' \
	'code  [0-2]  codeword [01]+ +-> 0x' '\.\.\. 65528 more symbols' \
	'frame 1: .*version 2, 2 blocks \(2 context\), decodes to 150000 bytes'; do
	assert_stderr_matches "$re"
done
# Streams of fewer than 64 symbols: every codeword.
assert_exit 0 dump --trace -t w400.huf
assert_stderr_matches 'coded data \(§9\.1\), 8 streams of 7 x 50 \+ 50 symbols'
assert_stderr_matches "stream 1: 0x.*, 50 symbols, from context 0x00 \\(code 0\\):"
assert_stderr_matches "code  [0-7]  codeword [01]+ +-> 0x74 't'"
assert_stderr_not_matches 'more symbols'
# Mixed block types are counted apart.
assert_exit 0 dump --trace -t mixed.small.huf
assert_stderr_matches '^1 frame, [0-9]+ blocks \([0-9]+ raw, [0-9]+ context\)'

# rejected FILE ERE - hufdump fails with one line naming FILE and matching
# ERE, and writes no output file.
rejected() {
	rm -f out
	assert_exit 1 dump -o out "$1"
	assert_stderr_lines 1
	assert_stderr_matches "^hufdump: $1: .*$2"
	assert_missing out
}

# Broken context blocks, one rule each (section 9.2), and valid ones beside
# them: the cases and their messages are context_cases.py's.
assert_exit 0 python3 "$here/context_cases.py" "$tools"
n=0
tab=$(printf '\t')
while IFS=$tab read -r name error ere; do
	if [ "$error" = - ]; then
		assert_exit 0 dump -t "$name.huf"
	else
		rejected "$name.huf" "$ere"
	fi
	n=$((n + 1))
done <cases.txt
[ "$n" -ge 25 ] || fail "only $n cases in cases.txt"
# Bit-by-bit, the same messages.
for name in stream_cut stream_padding stream_unused_byte last_stream_cut; do
	ere=$(grep "^$name$tab" cases.txt | cut -f3)
	assert_exit 1 dump --bitwise -t "$name.huf"
	assert_stderr_matches "$ere"
done
# S x S > n: no frame can carry it (context_cases.py says why), so
# hufdump's reader is called on the payload itself.
cat >sxs.py <<'EOF'
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
import hufdump
d = open("streams_64_for_63.payload", "rb").read()
try:
    hufdump.read_context_block(d, 0, len(d), 63, bytearray(), hufdump.Trace(False), False)
except hufdump.Invalid as e:
    print(e)
EOF
python3 sxs.py "$tools" >sxs.out 2>"$ERR" || { show_stderr; fail "sxs.py failed"; }
grep -q 'corrupt data: 8 streams for a decoded size of 63: S x S = 64 > 63' sxs.out ||
	fail "S x S > n: $(cat sxs.out)"

# The corpus, if there is one: all its files in one frame of
# hufmake_v2.py's (K = 32, the most frequent contexts) through hufdump.py;
# and huff -9's frames of each file, one after the other, through
# hufdump.py (version 1 today; context blocks once huff -9 writes them).
corpus=${HUFF_CORPUS:-}
if [ -d "$corpus" ]; then
	files=0 v2=0
	: >corpus.all
	: >corpus9.huf
	for f in "$corpus"/*/*; do
		[ -f "$f" ] || continue
		cat "$f" >>corpus.all
		assert_exit 0 "$HUFF" -9 -c "$f" >c9.huf
		[ "$(version_of c9.huf)" = 02 ] && v2=$((v2 + 1))
		cat c9.huf >>corpus9.huf
		files=$((files + 1))
	done
	assert_exit 0 make_v2 -K 32 -m top -o corpus.huf corpus.all
	assert_exit 0 dump -o corpus.out corpus.huf
	cmp -s corpus.out corpus.all || fail "hufmake_v2.py -K 32 -m top, hufdump.py: the corpus differs"
	assert_exit 0 dump -o corpus.out corpus9.huf
	cmp -s corpus.out corpus.all || fail "huff -9, hufdump.py: the corpus differs"
	note "  corpus: $files files, $(size_of corpus.all) bytes, through hufmake_v2.py" \
		"and hufdump.py, and huff -9 and hufdump.py ($v2 of huff's frames version 2)"
else
	note "  no corpus at ${corpus:-(HUFF_CORPUS unset)}: corpus files not tried"
fi
exit 0
