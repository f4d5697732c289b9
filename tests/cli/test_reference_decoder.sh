# test_reference_decoder - tools/hufdump.py, a decoder written from
# FORMAT.md alone, decodes what huff writes to the original bytes, and
# rejects damaged files with one "hufdump: FILE: <problem>" line.  If the two
# disagree, FORMAT.md or huff is wrong.  Frames without a checksum, model
# files and frames made with a model are also built by hand from FORMAT.md
# (gen.py below), and taken from huff once its --help offers them.
. "$T_LIB"

command -v python3 >/dev/null 2>&1 || skip "python3 not found"
DUMP=$(dirname "$0")/../../tools/hufdump.py
[ -f "$DUMP" ] || fail "$DUMP not found"

dump() {
	python3 "$DUMP" "$@"
}

# Inputs: the worked example, the smallest cases, text (huffman blocks, one
# and four streams), random bytes (raw blocks), several blocks of the same
# text (repeat blocks), zeros (rle).
printf 'abracadabra abracadabra' >abra
: >empty
printf 'aaaa' >aaaa
gen_text 20000 >text
gen_random 40000 >random
gen_words 150000 >words
gen_zeros 3000 >zeros

for f in abra empty aaaa text random words zeros; do
	assert_exit 0 "$HUFF" -c "$f" >"$f.huf"
done
# Small blocks: every block type, many repeat blocks.
cat text zeros random text >mixed
assert_exit 0 "$HUFF" -c -B 1024 mixed >mixed.huf
# No content size in the header (input from a pipe is of unknown size; a
# redirected file is not a pipe, its size is known).
cat text | "$HUFF" -c >pipe.huf || fail "huff -c from a pipe failed"
cp text pipe
# Concatenated frames decode to the concatenated contents.
cat abra.huf empty.huf mixed.huf aaaa.huf >concat.huf
cat abra empty mixed aaaa >concat

# abra, empty, aaaa and mixed are decoded within concat.
for f in text random words zeros pipe concat; do
	assert_exit 0 dump -o "$f.out" "$f.huf"
	assert_same "$f.out" "$f"
done
# Standard output, with the trace on stderr.
assert_exit 0 dump --trace abra.huf >abra.out
assert_same abra.out abra
assert_stderr_matches 'last = 0x72'
assert_stderr_matches 'hclen +4 bits'
assert_stderr_matches 'end mark'
# Without an XXH3 for python3 the checks are skipped with a warning.
checked=yes
lines=1
if grep -q 'checks not verified' "$ERR"; then
	note "no XXH3 for python3: checksums not verified, checksum cases skipped"
	checked=no
	lines=2
fi

# rejected FILE ERE - hufdump fails with one line naming FILE and matching ERE
# (after the warning, without XXH3), and writes no output file.
rejected() {
	rm -f out
	assert_exit 1 dump -o out "$1"
	assert_stderr_lines $lines
	assert_stderr_matches "^hufdump: $1: .*$2"
	assert_missing out
}

cp abra.huf bad.huf; flip_byte bad.huf 0
rejected bad.huf 'bad magic'
cp abra.huf bad.huf; flip_byte bad.huf 4
rejected bad.huf 'unsupported format version'
: >bad.huf
rejected bad.huf 'empty file'
head -c 40 abra.huf >bad.huf
rejected bad.huf 'truncated'
# A proper prefix of the magic after a frame is a truncated frame.
cat abra.huf >bad.huf; printf '\211HU' >>bad.huf
rejected bad.huf 'truncated'

if [ "$checked" = yes ]; then
	# In abra.huf (FORMAT.md section 7): header_check, a block's
	# payload_size, the precode lengths, the coded data, the checksum; in
	# random.huf a raw payload byte that only the frame checksum covers.
	for off in 10 17 22 38 44; do
		cp abra.huf bad.huf; flip_byte bad.huf $off
		rejected bad.huf '\[§'
	done
	cp random.huf bad.huf; flip_byte bad.huf 20000
	rejected bad.huf 'checksum mismatch'
fi

# Trailing garbage after a complete frame: the data, a warning, status 2.
cat abra.huf >tail.huf; printf 'garbage' >>tail.huf
assert_exit 2 dump -o tail.out tail.huf
assert_stderr_matches 'trailing garbage'
assert_same tail.out abra

# The frame header's flags as huff writes them today: content size (bit 0)
# when the size is known, and a checksum (bit 1).
flags_of() {
	od -An -tx1 -j 5 -N1 "$1" | tr -d ' '
}
assert_eq "$(flags_of abra.huf)" 03 "flags of abra.huf"
assert_eq "$(flags_of pipe.huf)" 02 "flags of pipe.huf"

# model_rejected MODEL ERE - hufdump refuses the model file MODEL, with one
# line naming it, both alone and before decoding a frame that needs a model.
model_rejected() {
	rm -f out
	assert_exit 1 dump --model "$1"
	assert_stderr_lines $lines
	assert_stderr_matches "^hufdump: $1: .*$2"
	assert_exit 1 dump --model "$1" -o out model.huf
	assert_stderr_lines $lines
	assert_stderr_matches "^hufdump: $1: .*$2"
	assert_missing out
}

if [ "$checked" = no ]; then
	note "no XXH3 for python3: hand-built frames and model files skipped"
	exit 0
fi

# Hand-built from FORMAT.md: what huff's command line cannot write yet.
cat >gen.py <<'EOF_GEN'
# Build .huf frames and model files by hand from FORMAT.md, for the paths
# huff's command line cannot write yet: frames without a checksum (flag bit
# 1 clear, a 1-byte end mark), model files (section 8), frames with a model
# identifier and model blocks (type 4), and broken variants of each.
# Only XXH3-64 is taken from hufdump.py (argv[1]); the canonical codes and
# bit packing are written again here.
import importlib.util
import sys

sys.dont_write_bytecode = True     # no __pycache__ next to hufdump.py
spec = importlib.util.spec_from_file_location("hufdump", sys.argv[1])
hd = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hd)
XXH3 = hd.XXH3_64


def u(v, n):
    return v.to_bytes(n, "little")


def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        out.append(b | (0x80 if v else 0))
        if not v:
            return bytes(out)


def check16(b):
    return u(XXH3(b) & 0xFFFF, 2)


def checksum32(b):
    return u(XXH3(b) & 0xFFFFFFFF, 4)


def frame_header(flags, model_id=None, size=None, block_size=256):
    h = b"\x89HUF" + bytes([1, flags]) + u(block_size, 3)
    if model_id is not None:
        h += u(model_id, 4)
    if size is not None:
        h += varint(size)
    return h + check16(h)


def block(tag, n, payload):
    h = bytes([tag]) + u(n - 1, 3) + u(len(payload), 3)
    return h + check16(h) + payload


def end_mark(data, with_checksum):
    return b"\x07" + (checksum32(data) if with_checksum else b"")


def canonical(lengths):
    """{symbol: (codeword, length)} from 256 lengths (section 4.3)."""
    count = [0] * 16
    for ln in lengths:
        if ln:
            count[ln] += 1
    code, nxt = 0, [0] * 16
    for ln in range(1, 16):
        code = (code + count[ln - 1]) << 1 if ln > 1 else 0
        nxt[ln] = code
    out = {}
    for s, ln in enumerate(lengths):
        if ln:
            out[s] = (nxt[ln], ln)
            nxt[ln] += 1
    return out


def stream(code, data):
    """Codewords MSB first, packed LSB first, zero padding (sections 1, 5)."""
    out, acc, nbits = bytearray(), 0, 0
    for s in data:
        cw, ln = code[s]
        for i in range(ln - 1, -1, -1):
            acc |= ((cw >> i) & 1) << nbits
            nbits += 1
            if nbits == 8:
                out.append(acc)
                acc, nbits = 0, 0
    if nbits:
        out.append(acc)
    return bytes(out)


def coded(code, data, four):
    if not four:
        return stream(code, data)
    s = (len(data) + 3) // 4
    parts = [stream(code, data[i * s:(i + 1) * s]) for i in range(3)]
    parts.append(stream(code, data[3 * s:]))
    return b"".join(u(len(p), 3) for p in parts[:3]) + b"".join(parts)


def model_file(max_len, anum, aden, counts, lengths, version=1, fix=None):
    body = b"\x89HUM" + bytes([version, max_len]) + varint(anum) + varint(aden)
    body += b"".join(varint(c) for c in counts)
    body += bytes(lengths[2 * k] | lengths[2 * k + 1] << 4 for k in range(128))
    if fix:
        body = fix(body)
    return body + checksum32(body)


def model_id(lengths):
    return XXH3(bytes(lengths)) & 0xFFFFFFFF


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


# The model: the code of FORMAT.md section 7.1, a 1, b d r 3, space c 4.
ABRA = b"abracadabra abracadabra"
counts = [0] * 256
for c in ABRA:
    counts[c] += 1
lengths = [0] * 256
for c, ln in zip(b"abdr c", (1, 3, 3, 3, 4, 4)):
    lengths[c] = ln
code = canonical(lengths)
# The same code and bytes as section 7: the same coded data.
assert stream(code, ABRA) == bytes.fromhex("32af3227f32a03"), stream(code, ABRA).hex()
mid = model_id(lengths)
write("abra.hum", model_file(8, 0, 1, counts, lengths))
write("abra.id", b"0x%08x\n" % mid)

# Another model: a 1, b 2, c 2.
o_counts, o_lengths = [0] * 256, [0] * 256
for c, n, ln in ((0x61, 2, 1), (0x62, 1, 2), (0x63, 1, 2)):
    o_counts[c], o_lengths[c] = n, ln
write("other.hum", model_file(8, 0, 1, o_counts, o_lengths))
assert model_id(o_lengths) != mid

# A frame with the model: model blocks (one and four streams), rle, raw,
# content size, checksum.
data = ABRA + ABRA + b"xxxxx" + b"hello"
f = frame_header(0x07, mid, len(data))
f += block(0x04, 23, coded(code, ABRA, False))
f += block(0x0C, 23, coded(code, ABRA, True))
f += block(0x01, 5, b"x")
f += block(0x00, 5, b"hello")
write("model.huf", f + end_mark(data, True))
write("model.out", data)

# Model, no checksum, no content size: flags 04, a 1-byte end mark.
f = frame_header(0x04, mid) + block(0x04, 23, coded(code, ABRA, False))
write("model_nocheck.huf", f + end_mark(ABRA, False))
write("model_nocheck.out", ABRA)

# No model, no checksum: flags 00 and 01 (content size), 1-byte end marks.
hello = b"hello, world\n"
write("nocheck.huf", frame_header(0x00) + block(0x00, len(hello), hello) + b"\x07")
write("nocheck.out", hello)
write("nocheck_size.huf", frame_header(0x01, size=300) + block(0x01, 256, b"z")
      + block(0x01, 44, b"z") + b"\x07")
write("nocheck_size.out", b"z" * 300)
# After a 1-byte end mark, a checksum is trailing garbage.
write("nocheck_tail.huf", frame_header(0x00) + block(0x00, len(hello), hello)
      + b"\x07" + checksum32(hello))

# Broken frames.
# The end mark without its checksum while flag bit 1 is set: truncated.
write("bad_nochecksum.huf", frame_header(0x02) + block(0x00, len(hello), hello)
      + b"\x07")
# A model block in a frame without a model identifier.
write("bad_modelblock.huf", frame_header(0x02) + block(0x04, 23, coded(code, ABRA, False))
      + end_mark(ABRA, True))
# Model blocks set no current code: a repeat block after one is invalid.
write("bad_repeat.huf", frame_header(0x06, mid) + block(0x04, 23, coded(code, ABRA, False))
      + block(0x03, 23, coded(code, ABRA, False)) + end_mark(ABRA + ABRA, True))
# A reserved flag bit (3), with a good header_check.
write("bad_flag3.huf", frame_header(0x0A) + block(0x00, len(hello), hello)
      + end_mark(hello, True))
# Block type 5 (context) is only for version 2 frames (section 9); 6 is
# reserved.  (Context blocks themselves are test_reference_context's.)
write("bad_type5.huf", frame_header(0x02) + block(0x05, 23, coded(code, ABRA, False))
      + end_mark(ABRA, True))
write("bad_type6.huf", frame_header(0x02) + block(0x06, 23, coded(code, ABRA, False))
      + end_mark(ABRA, True))
# A model block larger than its decoded size.
write("bad_modelsize.huf", frame_header(0x06, mid) + block(0x04, 5, coded(code, ABRA, False))
      + end_mark(ABRA, True))

# Broken model files, one rule each, the checksum right unless it is the
# rule; then two rules at once, to see which is reported first (section 8).
good = model_file(8, 0, 1, counts, lengths)
write("mbad_magic.hum", b"\x89HUF" + good[4:])
write("mbad_empty.hum", b"")
write("mbad_short.hum", b"\x89HU")
write("mbad_version.hum", model_file(8, 0, 1, counts, lengths, version=2))
write("mbad_truncated.hum", good[:-1])
write("mbad_long.hum", good + b"\x00")
write("mbad_checksum.hum", good[:-1] + bytes([good[-1] ^ 1]))
# alpha_den 1 as the 2-byte varint 81 00.
write("mbad_varint.hum", model_file(8, 0, 1, counts, lengths,
                                    fix=lambda b: b[:7] + b"\x81\x00" + b[8:]))
write("mbad_maxlen7.hum", model_file(7, 0, 1, counts, lengths))
write("mbad_maxlen16.hum", model_file(16, 0, 1, counts, lengths))
write("mbad_alphaden.hum", model_file(8, 0, 0, counts, lengths))
big = list(counts)
big[0x61] = 1 << 56
write("mbad_qsum.hum", model_file(8, 0, 1, big, lengths))
# Lengths 1, 2, ..., 8, 9, 9: complete, but above max_code_len 8.
deep_c, deep_l = [0] * 256, [0] * 256
for i, ln in enumerate((1, 2, 3, 4, 5, 6, 7, 8, 9, 9)):
    deep_c[0x30 + i], deep_l[0x30 + i] = 1, ln
write("mbad_deep.hum", model_file(8, 0, 1, deep_c, deep_l))
write("deep9.hum", model_file(9, 0, 1, deep_c, deep_l))
inc = list(lengths)
inc[0x63] = 5
write("mbad_incomplete.hum", model_file(8, 0, 1, counts, inc))
# Smoothing makes every q_i > 0, but most lengths are 0.
write("mbad_zerolen.hum", model_file(8, 1, 2, counts, lengths))
# 'c' not counted, yet it has a codeword.
nc = list(counts)
nc[0x63] = 0
write("mbad_unused.hum", model_file(8, 0, 1, nc, lengths))
# Two problems: the first in section 8's order is reported.
write("mbad_version_checksum.hum",
      model_file(8, 0, 1, counts, lengths, version=2)[:-1] + b"\x00")
write("mbad_truncated_maxlen.hum", model_file(7, 0, 1, counts, lengths)[:-2])
write("mbad_checksum_maxlen.hum", model_file(7, 0, 1, counts, lengths)[:-1] + b"\x00")
EOF_GEN
assert_exit 0 python3 gen.py "$DUMP"
id=$(cat abra.id)

# Frames without a checksum: flags 00 and 01, a 1-byte end mark (section 3.4).
for f in nocheck nocheck_size; do
	assert_exit 0 dump -o "$f.got" "$f.huf"
	assert_same "$f.got" "$f.out"
done
assert_exit 0 dump --trace -t nocheck.huf
assert_stderr_matches 'flags 0x00: no content size, no checksum'
assert_stderr_matches 'end mark, no checksum'
# Its 1-byte end mark ends the frame: 4 more bytes are trailing garbage.
assert_exit 2 dump -o tail.got nocheck_tail.huf
assert_stderr_matches 'trailing garbage'
assert_same tail.got nocheck.out
# With flag bit 1, the end mark has 4 more bytes.
rejected bad_nochecksum.huf 'truncated'
# Frames with and without a checksum, one after the other.
cat nocheck.huf abra.huf nocheck_size.huf >mixcheck.huf
cat nocheck.out abra nocheck_size.out >mixcheck
assert_exit 0 dump -o mixcheck.got mixcheck.huf
assert_same mixcheck.got mixcheck
# Reserved flag bits (3-7) are a newer writer's: unsupported version.
rejected bad_flag3.huf 'unsupported version'
rejected bad_type5.huf 'block type 5 \(context\) in a version 1 frame'
rejected bad_type6.huf 'reserved block type 6'
# huff reads them as hufdump does.
for f in nocheck nocheck_size mixcheck; do
	assert_exit 0 "$HUFF" -d -c "$f.huf" >"$f.huff"
done
assert_same nocheck.huff nocheck.out
assert_same nocheck_size.huff nocheck_size.out
assert_same mixcheck.huff mixcheck
for f in bad_nochecksum bad_flag3 bad_type5 bad_type6 bad_modelblock; do
	assert_exit 1 "$HUFF" -t "$f.huf"
done

# The model file: checked, traced, its identifier.
assert_exit 0 dump --model abra.hum >id.out
assert_eq "$(cat id.out)" "model_id $id" "identifier of abra.hum"
assert_exit 0 dump --model abra.hum --trace >/dev/null
for re in 'magic' 'version 1' 'max_code_len 8' 'alpha_num 0' 'alpha_den 1' \
	"count\[0x61 'a'\] = 10" "length\[0x62 'b'\] = 3" 'checksum 0x.* = ok' \
	"identifier $id" "byte 0x63 'c' length  4  codeword 1111"; do
	assert_stderr_matches "$re"
done
# A maximum length of 9 allows a 9-bit codeword.
assert_exit 0 dump --model deep9.hum >/dev/null

# Frames with a model: model blocks of one and four streams among raw and
# rle blocks, with and without checksum and content size.
for f in model model_nocheck; do
	assert_exit 0 dump --model abra.hum -o "$f.got" "$f.huf"
	assert_same "$f.got" "$f.out"
done
assert_exit 0 dump --model abra.hum --trace -t model.huf
assert_stderr_matches 'flags 0x07: content size, checksum, model identifier'
assert_stderr_matches "model_id $id"
assert_stderr_matches 'type 4 model, one stream'
assert_stderr_matches 'type 4 model, four streams'
assert_stderr_matches "uses the model's code"
assert_stderr_matches 'max_code_len 8'
# Section 3.1, item 6: the model is needed (named), must be the one, and
# must not be given for a frame made without one.
rejected model.huf "needs model ${id#0x}"
rm -f out
assert_exit 1 dump --model other.hum -o out model.huf
assert_stderr_lines 1
assert_stderr_matches "^hufdump: model.huf: .*needs model ${id#0x}, but the model given is [0-9a-f]{8}"
assert_missing out
assert_exit 1 dump --model abra.hum -o out nocheck.huf
assert_stderr_lines 1
assert_stderr_matches '^hufdump: nocheck.huf: .*made without a model'
assert_missing out
# Model blocks: only in a frame with a model; no current code for repeat;
# smaller than their decoded size.
rejected bad_modelblock.huf 'model block in a frame without a model identifier'
assert_exit 1 dump --model abra.hum -t bad_repeat.huf
assert_stderr_matches 'repeat block before any huffman block'
assert_exit 1 dump --model abra.hum -t bad_modelsize.huf
assert_stderr_matches 'invalid block header: model block'

# Broken model files, in the order of section 8's checks.
model_rejected mbad_magic.hum 'not a model file'
model_rejected mbad_empty.hum 'not a model file'
model_rejected mbad_short.hum 'not a model file'
model_rejected mbad_version.hum 'unsupported model file version 2'
model_rejected mbad_truncated.hum 'corrupt or truncated model file'
model_rejected mbad_long.hum 'corrupt or truncated model file'
model_rejected mbad_varint.hum 'alpha_den.*not minimal'
model_rejected mbad_checksum.hum 'corrupt or truncated model file: checksum'
model_rejected mbad_maxlen7.hum 'max_code_len 7'
model_rejected mbad_maxlen16.hum 'max_code_len 16'
model_rejected mbad_alphaden.hum 'alpha_den 0'
model_rejected mbad_qsum.hum '2\^56'
model_rejected mbad_deep.hum 'above max_code_len 8'
model_rejected mbad_incomplete.hum 'complete prefix code'
model_rejected mbad_zerolen.hum 'length 0 but q = 1'
model_rejected mbad_unused.hum "0x63 'c' has length 4 but q = 0"
model_rejected mbad_version_checksum.hum 'unsupported model file version'
model_rejected mbad_truncated_maxlen.hum 'the end of the checksum'
model_rejected mbad_checksum_maxlen.hum 'checksum 0x'

# huff's own frames without a checksum and with a model, once it writes them.
"$HUFF" --help >help.txt 2>&1
if grep -q -e '--no-check' help.txt; then
	assert_exit 0 "$HUFF" -c --no-check text >nc.huf
	assert_eq "$(flags_of nc.huf)" 01 "flags of huff -c --no-check"
	cat text | "$HUFF" -c --no-check >ncpipe.huf ||
		fail "huff -c --no-check from a pipe failed"
	assert_eq "$(flags_of ncpipe.huf)" 00 "flags of huff -c --no-check from a pipe"
	for f in nc ncpipe; do
		assert_exit 0 dump -o "$f.out" "$f.huf"
		assert_same "$f.out" text
	done
else
	note "huff --help has no --no-check: huff's frames without a checksum not tested"
fi
if grep -q -e 'train' help.txt && grep -q -e '-M' help.txt; then
	assert_exit 0 "$HUFF" train -o words.hum words
	assert_exit 0 dump --model words.hum >id.out
	wid=$(sed 's/^model_id //' id.out)
	# Small blocks, so that the model's code wins some of them.
	assert_exit 0 "$HUFF" -M words.hum -c -B 256 words >wm.huf
	assert_exit 0 "$HUFF" -M words.hum -c text >tm.huf
	for f in wm tm; do
		assert_exit 0 dump --model words.hum -o "$f.out" "$f.huf"
	done
	assert_same wm.out words
	assert_same tm.out text
	assert_exit 0 dump --model words.hum --trace -t wm.huf
	grep -q 'type 4 model' "$ERR" ||
		note "huff -M chose no model block in wm.huf (hand-built ones are tested)"
	# The frame records the identifier hufdump computes (bytes 9..12).
	assert_eq "0x$(od -An -tx1 -j 9 -N4 wm.huf | awk '{print $4 $3 $2 $1}')" \
		"$wid" "model_id in huff's frame"
	rejected wm.huf "needs model ${wid#0x}"
	assert_exit 1 dump --model abra.hum -t wm.huf
	assert_stderr_matches "needs model ${wid#0x}, but the model given is ${id#0x}"
	assert_exit 1 dump --model words.hum -t abra.huf
	assert_stderr_matches 'made without a model'
	# huff reads the hand-built files as hufdump does.
	for f in model model_nocheck; do
		assert_exit 0 "$HUFF" -d -c -M abra.hum "$f.huf" >"$f.huff"
		assert_same "$f.huff" "$f.out"
	done
	assert_exit 1 "$HUFF" -t model.huf
	assert_stderr_matches "${id#0x}"
	assert_exit 1 "$HUFF" -t -M other.hum model.huf
	assert_exit 1 "$HUFF" -t -M abra.hum nocheck.huf
	for f in bad_repeat bad_modelsize; do
		assert_exit 1 "$HUFF" -t -M abra.hum "$f.huf"
	done
	for m in mbad_*.hum; do
		assert_exit 1 "$HUFF" -t -M "$m" model.huf
	done
else
	note "huff --help has no train and -M: huff's models not tested"
fi
exit 0
