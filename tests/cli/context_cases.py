# context_cases.py - the broken context blocks (FORMAT.md section 9.2) of
# test_reference_context.sh and test_context_decoder.sh.
#
#   python3 context_cases.py TOOLS_DIR
#
# Writes, in the current directory, one frame NAME.huf per case, each
# breaking one rule (or two, to see which is reported first) and otherwise
# valid: header and block checks, content size and checksum of the bytes
# the block was made from.  cases.txt lists them, one a line:
#
#   NAME<TAB>the error FORMAT.md names<TAB>an ERE for hufdump's message
#
# where the error "-" marks a valid frame, next to the broken ones to show
# that the rule is where it is (lengths of 11 are allowed, 12 are not).
# The frames are made with tools/hufmake_v2.py's pieces, from FORMAT.md;
# a field is broken after it is made.
import importlib.util
import os
import sys

sys.dont_write_bytecode = True
spec = importlib.util.spec_from_file_location(
    "hufmake_v2", os.path.join(sys.argv[1], "hufmake_v2.py"))
mk = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mk)

TEXT = (b"It was the best of times, it was the worst of times, it was the age "
        b"of wisdom, it was the age of foolishness, it was the epoch of belief, "
        b"it was the epoch of incredulity, it was the season of Light, it was "
        b"the season of Darkness.\n") * 8
cases = []

BLOCK_HEADER = "corrupt block header"
CORRUPT = "corrupt data"
LENGTHS = "invalid code lengths"
SIZES = "stream sizes do not add up"


def case(name, error, ere, parts=None, payload=None, data=TEXT, version=2,
         tag=mk.TYPE_CONTEXT):
    if payload is None:
        payload = mk.context_payload(parts)
    frame = (mk.frame_header(version, 131072, len(data))
             + mk.block(tag, len(data), payload) + mk.end_mark(data))
    with open(name + ".huf", "wb") as f:
        f.write(frame)
    cases.append((name, error, ere))


def parts(data=TEXT, k=4, nstreams=4, **kw):
    return mk.context_parts(data, k=k, nstreams=nstreams, **kw)


def with_last_bit(b):
    """b with bit 7 of its last byte set."""
    return b[:-1] + bytes([b[-1] | 0x80])


good = parts()
assert len(mk.context_payload(good)) < len(TEXT)
case("good", "-", "", good)

# Section 3.1: versions 1 and 2 only; a version 2 frame need not hold a
# context block (huff writes none such, but it is valid).
case("version3", "unsupported version", "unsupported format version 3", good, version=3)
case("v2_raw_only", "-", "", payload=TEXT, tag=mk.TYPE_RAW)

# Section 3.2: the block header.
case("v1_frame", BLOCK_HEADER,
     r"invalid block header: block type 5 \(context\) in a version 1 frame",
     good, version=1)
case("four_streams_bit", BLOCK_HEADER,
     "invalid block header: four-streams bit on a context block",
     good, tag=mk.TYPE_CONTEXT | 8)
case("type6", BLOCK_HEADER, "invalid block header: reserved block type 6", good, tag=6)
# The payload is as large as the block: raw would do.
n = len(mk.context_payload(good))
case("payload_not_smaller", BLOCK_HEADER,
     "invalid block header: context block with payload_size %d, not in" % n,
     good, data=TEXT[:n])

# desc: bit 7, K - 1 = 0, S x S > n; bit 7 and S x S > n: bit 7 first.
case("desc_bit7", CORRUPT, "desc 0x.. has bit 7 set",
     dict(good, desc=bytes([good["desc"][0] | 0x80])))
case("desc_k1", CORRUPT, "K - 1 = 0", dict(good, desc=bytes([good["desc"][0] & 0xE0])))
# S x S > n cannot be reached by a frame: a payload of 8 streams is larger
# than 63 bytes (desc, a map of at least 256 bits, 2 tables, 8 starts, 21
# bytes of jumps), so the block header is rejected first (section 3.2).  The
# test calls hufdump's reader on this payload directly.
small = TEXT[:63]
p = mk.context_parts(small, k=2, nstreams=8)
with open("streams_64_for_63.payload", "wb") as f:
    f.write(mk.context_payload(p))
case("desc_streams_in_frame", BLOCK_HEADER, "context block with payload_size .*63 - 1",
     p, data=small)

# The map: a code number >= K, a code no context names, padding; the map
# cut short.
mod3 = [c % 3 for c in range(256)]
p = parts(k=3, numbers=mod3)
bad = list(mod3)
bad[0xFF] = 3              # w = 2 bits can say 3
case("map_code_ge_k", CORRUPT, "the map gives context 0xff code 3, but K = 3",
     dict(p, map=mk.pack(mk.map_bits(bad, 3))))
case("map_code_unnamed", CORRUPT, "no context names code 3 of the K = 4",
     parts(k=4, numbers=mod3))
# K = 4, c mod 4: context 0 takes code 0 in 1 bit, each of the 255 others
# names its code in 3 bits: 766 bits, 2 of padding.
p = parts(k=4)
assert len(mk.map_bits([c % 4 for c in range(256)], 4)) == 766
case("map_padding", CORRUPT, "non-zero padding bits '01' after the map",
     dict(p, map=with_last_bit(p["map"])))
# Code 3 >= K = 3 at context 0xff, after a map that names only 0 and 1: the
# code number is reported, not code 2 left unnamed.
bad = [c % 2 for c in range(256)]
bad[0xFF] = 3
p = parts(k=3, numbers=mod3)
case("map_code_ge_k_unnamed", CORRUPT, "the map gives context 0xff code 3",
     dict(p, map=mk.pack(mk.map_bits(bad, 3))))
p = parts(k=4)
case("map_cut", CORRUPT, "the payload ends inside the map",
     payload=p["desc"] + p["map"][:40])

# The tables: a length above 11 (11 itself allowed), incomplete and
# oversubscribed codes, a table's padding, a table cut short.
def lengths_of(values, first=0x61):
    ln = [0] * 256
    for i, v in enumerate(values):
        ln[first + i] = v
    return ln


deep12 = lengths_of((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12))
deep11 = lengths_of((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11))
def skewed(lengths):
    """Bytes in which each byte value of lengths occurs 2^(12 - length)
    times, shuffled: its own code is the best for them."""
    import random
    out = []
    for b, ln in enumerate(lengths):
        if ln:
            out += [b] * (1 << (12 - ln))
    random.Random(1).shuffle(out)
    return bytes(out)


a13, a12 = skewed(deep12), skewed(deep11)
case("length_12", LENGTHS, "byte 0x6c 'l' has length 12, above 11",
     parts(a13, k=2, lengths=[deep12, deep12]), data=a13)
case("length_11", "-", "", parts(a12, k=2, lengths=[deep11, deep11]), data=a12)
a8 = bytes(0x61 + (i * 5) % 8 for i in range(400))
half = lengths_of((4,) * 8)          # Kraft sum 1/2
over = lengths_of((1, 2, 3, 3, 3, 3, 3, 3))   # 1/2 + 1/4 + 6/8
full = lengths_of((3,) * 8)
case("incomplete", LENGTHS, r"complete prefix code \(Kraft sum 16384/32768",
     parts(a8, k=2, lengths=[full, half]), data=a8)
case("oversubscribed", LENGTHS, r"complete prefix code \(Kraft sum 49152/32768",
     parts(a8, k=2, lengths=[over, full]), data=a8)
p = parts()
i = next(i for i, ln in enumerate(p["lengths"]) if len(mk.table_bits(ln)) % 8)
tables = list(p["tables"])
tables[i] = with_last_bit(tables[i])
case("table_padding", LENGTHS, "non-zero padding bits '.*1' after the table",
     dict(p, tables=tables))
head = p["desc"] + p["map"] + p["tables"][0] + p["tables"][1][:3]
case("table_cut", LENGTHS, "the table runs past the payload", payload=head)

# starts and jumps cut short; jumps past the payload.
p = parts()
before = p["desc"] + p["map"] + b"".join(p["tables"])
case("starts_cut", CORRUPT, "the payload ends inside the 4 start contexts",
     payload=before + p["starts"][:3])
case("jumps_cut", CORRUPT, "the payload ends inside the 3 jumps",
     payload=before + p["starts"] + p["jumps"][:8])
rest = sum(len(s) for s in p["streams"])
jumps = mk.u(rest - 2, 3) + mk.u(1, 3) + mk.u(2, 3)
case("jumps_too_long", SIZES, "stream sizes: streams 1-3 take %d bytes, only %d "
     "follow the jumps" % (rest + 1, rest), dict(p, jumps=jumps))
p2 = parts(k=4, nstreams=2)
rest = sum(len(s) for s in p2["streams"])
case("jump_too_long", SIZES, "stream sizes: stream 1 takes %d bytes, only %d"
     % (rest + 1, rest), dict(p2, jumps=mk.u(rest + 1, 3)))

# The streams: cut, unused whole bytes, padding.
p = parts()
streams = list(p["streams"])
streams[1] = streams[1][:-1]
jumps = b"".join(mk.u(len(s), 3) for s in streams[:-1])
case("stream_cut", CORRUPT, "stream 2 runs out of bits", dict(p, streams=streams,
                                                               jumps=jumps))
case("last_stream_cut", CORRUPT, "stream 4 runs out of bits",
     payload=mk.context_payload(p)[:-1])
streams = list(p["streams"])
streams[0] += b"\x00"
jumps = b"".join(mk.u(len(s), 3) for s in streams[:-1])
case("stream_unused_byte", CORRUPT, "stream 1 has 1 unused whole bytes",
     dict(p, streams=streams, jumps=jumps))
j = next(j for j, b in enumerate(p["stream_bits"]) if b % 8)
streams = list(p["streams"])
streams[j] = with_last_bit(streams[j])
case("stream_padding", CORRUPT, "non-zero padding bits '.*1' at the end of stream %d"
     % (j + 1), dict(p, streams=streams))
p1 = parts(k=4, nstreams=1)
case("one_stream_unused_byte", CORRUPT, "stream 1 has 1 unused whole bytes",
     dict(p1, streams=[p1["streams"][0] + b"\x00"]))

with open("cases.txt", "w") as f:
    for c in cases:
        f.write("\t".join(c) + "\n")
