#!/usr/bin/env python3
"""hufmake_v2 - write .huf frames of version 2, with context blocks (FORMAT.md §9).

    python3 tools/hufmake_v2.py [-K K] [-S S] [-m mod|top] [-B BLOCK_SIZE]
                                [--explicit-map] [--no-check] [--no-size]
                                [-v] [-o OUT] FILE

Compresses FILE (or standard input for "-") into one frame, written to
standard output or OUT.  Each block is a context block (type 5) when its
payload is smaller than the block, else a raw block; a frame without a
context block is written as version 1, as FORMAT.md's introduction asks.

Written from FORMAT.md alone, without huff's source and without hufdump.py's
decoder, so that the two check each other: only XXH3-64 (for check16 and
checksum32, §1) is taken from hufdump.py, which finds it.  It is a test
tool, plain rather than good:

- the model (-m): "mod" gives context c the code c mod K; "top" gives the
  K - 1 most frequent contexts of the block a code each (codes 1..K-1, in
  order of frequency) and every other context code 0;
- each code is an optimal prefix code of the bytes that follow its
  contexts, its lengths limited to 11 by package-merge (§9.1), made
  complete (§4.2) with a byte of no count where fewer than two bytes occur;
- S (-S) is 1, 2, 4 or 8, the largest at most the one asked for with
  S x S <= the block's size (§9.1); 0, the default, asks for 8;
- stream j starts from the context of the byte before its first one (the
  previous block's last byte for stream 1, 0 for the first block);
- --explicit-map writes every context's code number, where the map would
  otherwise say "the code of the context before" (§9.1) with one bit.

As a module (the tests import it), context_parts() gives a context
payload's fields one by one, for tests to break one at a time, and
context_payload() joins them; frame() builds whole frames.
"""

import argparse
import importlib.util
import os
import sys
from collections import Counter

sys.dont_write_bytecode = True       # no __pycache__ next to the tools
_spec = importlib.util.spec_from_file_location(
    "hufdump", os.path.join(os.path.dirname(os.path.abspath(__file__)), "hufdump.py"))
_hufdump = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_hufdump)
XXH3_64 = _hufdump.XXH3_64

MAGIC = b"\x89HUF"
TYPE_RAW, TYPE_CONTEXT = 0, 5
FLAG_CONTENT_SIZE, FLAG_CHECKSUM = 0x01, 0x02
BLOCK_SIZE_MIN, BLOCK_SIZE_MAX = 256, 1 << 20
K_MIN, K_MAX = 2, 32
CONTEXT_MAX_LEN = 11                 # §9.1
PRECODE_MAX_LEN = 7                  # §4.1: precode lengths are 3 bits
PRECODE_ORDER = [17, 18, 0, 16, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]


# --------------------------------------------------------------------------
# §1 integers, check values, bit strings

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
    return u(XXH3_64(b) & 0xFFFF, 2)


def checksum32(b):
    return u(XXH3_64(b) & 0xFFFFFFFF, 4)


def number(v, n):
    """An n-bit number as bits in the order they are read: LSB first (§1)."""
    return "".join("1" if v >> i & 1 else "0" for i in range(n))


def pack(bits):
    """Bits, in the order read ("0101..."), into bytes: each byte filled
    from its least significant bit (§1), zero bits up to the last byte's
    end."""
    if not bits:
        return b""
    nbytes = (len(bits) + 7) // 8
    # int() of the reversed string puts bit i of the string in bit i of the
    # number; little-endian bytes then hold bits 8k..8k+7 in byte k.
    return int(bits[::-1], 2).to_bytes(nbytes, "little")


# --------------------------------------------------------------------------
# §4 codes

def limited_lengths(counts, limit):
    """Optimal code lengths, at most limit, for {symbol: count > 0} (at
    least two symbols, at most 2^limit): package-merge (Larmore and
    Hirschberg, 1990).  Returns {symbol: length}."""
    leaves = sorted(((w, (s,)) for s, w in counts.items()), key=lambda x: (x[0], x[1]))
    assert 2 <= len(leaves) <= 1 << limit
    items = list(leaves)
    for _ in range(limit - 1):
        packages = [(items[i][0] + items[i + 1][0], items[i][1] + items[i + 1][1])
                    for i in range(0, len(items) - 1, 2)]
        items = sorted(leaves + packages, key=lambda x: x[0])   # stable
    lengths = Counter()
    for _, syms in items[:2 * len(leaves) - 2]:
        lengths.update(syms)
    return dict(lengths)


def complete_lengths(counts, limit):
    """256 lengths of a complete code (§4.2) for the bytes of counts (a
    list of 256), at most limit: where fewer than two bytes have a count,
    the lowest other bytes are given a count of 1."""
    used = {s: c for s, c in enumerate(counts) if c}
    filler = 0
    while len(used) < 2:
        if filler not in used:
            used[filler] = 1
        filler += 1
    got = limited_lengths(used, limit)
    return [got.get(s, 0) for s in range(256)]


def canonical(lengths):
    """{symbol: codeword bits, MSB first} from lengths (§4.3)."""
    maxlen = max(lengths)
    count = [0] * (maxlen + 2)
    for ln in lengths:
        if ln:
            count[ln] += 1
    nxt, code = [0] * (maxlen + 2), 0
    for ln in range(1, maxlen + 1):
        code = (code + count[ln - 1]) << 1 if ln > 1 else 0
        nxt[ln] = code
    out = {}
    for s, ln in enumerate(lengths):
        if ln:
            out[s] = format(nxt[ln], "0%db" % ln)
            nxt[ln] += 1
    return out


def table(lengths):
    """The code-length table (§4.1) of 256 lengths: last, then a bit
    stream of hclen, the precode lengths and the precode symbols, padded
    to a byte."""
    last = max(s for s, ln in enumerate(lengths) if ln)
    return bytes([last]) + pack(table_bits(lengths))


def table_bits(lengths):
    """table()'s bit stream, without its padding."""
    last = max(s for s, ln in enumerate(lengths) if ln)
    seq = lengths[:last + 1]
    syms = []            # (precode symbol, extra bits as read)
    i = 0
    while i <= last:
        ln = seq[i]
        run = 1
        while i + run <= last and seq[i + run] == ln:
            run += 1
        if ln == 0 and run >= 11:
            r = min(run, 138)
            syms.append((18, number(r - 11, 7)))
        elif ln == 0 and run >= 3:
            r = min(run, 10)
            syms.append((17, number(r - 3, 3)))
        elif ln != 0 and run >= 4:
            # The length once, then 16: 3..6 copies of it.
            r = 1 + min(run - 1, 6)
            syms.append((ln, ""))
            syms.append((16, number(r - 1 - 3, 2)))
        else:
            r = 1
            syms.append((ln, ""))
        i += r
    freq = Counter(s for s, _ in syms)
    plen = complete_lengths([freq.get(s, 0) for s in range(19)] + [0] * 237,
                            PRECODE_MAX_LEN)[:19]
    pcode = canonical(plen + [0] * 237)
    nplen = max(4, max(i + 1 for i, s in enumerate(PRECODE_ORDER) if plen[s]))
    bits = number(nplen - 4, 4)
    bits += "".join(number(plen[s], 3) for s in PRECODE_ORDER[:nplen])
    bits += "".join(pcode[s] + extra for s, extra in syms)
    return bits


# --------------------------------------------------------------------------
# §9 context blocks

def streams_for(n, want=8):
    """The largest S of 1, 2, 4, 8, at most want, with S x S <= n (§9.1)."""
    s = 8
    while s > 1 and (s > want or s * s > n):
        s //= 2
    return s


def model_numbers(block, before, k, model):
    """The map: the code number (0..k-1) of each of the 256 contexts."""
    if model == "mod":
        return [c % k for c in range(256)]
    freq = Counter(block[:-1])
    freq[before] += 1
    top = [c for c, _ in sorted(freq.items(), key=lambda x: (-x[1], x[0]))][:k - 1]
    top += [c for c in range(256) if c not in top][:k - 1 - len(top)]
    numbers = [0] * 256
    for i, c in enumerate(top):
        numbers[c] = i + 1
    return numbers


def map_bits(numbers, k, explicit=False):
    """The map (§9.1) as bits: per context, 0 for the code of the context
    before (code 0 before context 0), or 1 and w bits."""
    w = (k - 1).bit_length()
    bits, prev = [], 0
    for v in numbers:
        if v == prev and not explicit:
            bits.append("0")
        else:
            bits.append("1" + number(v, w))
        prev = v
    return "".join(bits)


def context_parts(block, k=8, want_streams=8, model="mod", before=0,
                  explicit=False, numbers=None, lengths=None, nstreams=None):
    """The fields of a context block's payload (§9.1) coding block, as a
    dict of bytes: desc, map, tables (a list), starts, jumps, streams (a
    list); and, not part of the payload, stream_bits, each stream's length
    in bits before its padding, and lengths, the K codes' lengths.
    before: the byte before the block (stream 1's start context).
    numbers (the map) and lengths (K lists of 256) may be given, else they
    come from the model and the counts; and nstreams, exactly, even where
    S x S > n."""
    n = len(block)
    if nstreams is None:
        nstreams = streams_for(n, want_streams)
    s = (n + nstreams - 1) // nstreams
    firsts = [j * s for j in range(nstreams)]
    starts = [before if f == 0 else block[f - 1] for f in firsts]
    if numbers is None:
        numbers = model_numbers(block, starts[0], k, model)
    if lengths is None:
        counts = [[0] * 256 for _ in range(k)]
        for j, f in enumerate(firsts):
            prev = starts[j]
            for b in block[f:f + s]:
                counts[numbers[prev]][b] += 1
                prev = b
        lengths = [complete_lengths(c, CONTEXT_MAX_LEN) for c in counts]
    codes = [canonical(ln) for ln in lengths]
    by_context = [codes[v] for v in numbers]
    streams, stream_bits = [], []
    for j, f in enumerate(firsts):
        prev = starts[j]
        bits = []
        for b in block[f:f + s]:
            bits.append(by_context[prev][b])
            prev = b
        bits = "".join(bits)
        streams.append(pack(bits))
        stream_bits.append(len(bits))
    log2s = nstreams.bit_length() - 1
    return {
        "desc": bytes([(k - 1) | log2s << 5]),
        "map": pack(map_bits(numbers, k, explicit)),
        "tables": [table(ln) for ln in lengths],
        "starts": bytes(starts),
        "jumps": b"".join(u(len(st), 3) for st in streams[:-1]),
        "streams": streams,
        "stream_bits": stream_bits,
        "lengths": lengths,
    }


def context_payload(parts):
    return (parts["desc"] + parts["map"] + b"".join(parts["tables"]) + parts["starts"]
            + parts["jumps"] + b"".join(parts["streams"]))


# --------------------------------------------------------------------------
# §3 frames

def frame_header(version=2, block_size=131072, size=None, checksum=True):
    flags = (FLAG_CONTENT_SIZE if size is not None else 0) | (FLAG_CHECKSUM if checksum else 0)
    h = MAGIC + bytes([version, flags]) + u(block_size, 3)
    if size is not None:
        h += varint(size)
    return h + check16(h)


def block(btype, n, payload, tag=None):
    """A block header (§3.2) and its payload; tag overrides the tag byte."""
    h = bytes([btype if tag is None else tag]) + u(n - 1, 3) + u(len(payload), 3)
    return h + check16(h) + payload


def end_mark(data, checksum=True):
    return b"\x07" + (checksum32(data) if checksum else b"")


def frame(data, block_size=131072, k=8, want_streams=8, model="mod", explicit=False,
          checksum=True, with_size=True, log=None):
    """A whole frame for data: context blocks where they are smaller than
    the block, raw blocks elsewhere (§3.3, §9)."""
    blocks, any_context = [], False
    for off in range(0, len(data), block_size):
        chunk = data[off:off + block_size]
        before = data[off - 1] if off else 0
        parts = context_parts(chunk, k, want_streams, model, before, explicit)
        payload = context_payload(parts)
        if len(payload) < len(chunk):
            blocks.append(block(TYPE_CONTEXT, len(chunk), payload))
            any_context = True
            what = "context, K %d, S %d" % ((parts["desc"][0] & 31) + 1,
                                            1 << (parts["desc"][0] >> 5))
        else:
            blocks.append(block(TYPE_RAW, len(chunk), chunk))
            what = "raw"
        if log:
            log("block at %d: %d bytes, %s, payload %d" % (off, len(chunk), what,
                                                           len(blocks[-1]) - 9))
    head = frame_header(2 if any_context else 1, block_size,
                        len(data) if with_size else None, checksum)
    return head + b"".join(blocks) + end_mark(data, checksum)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="hufmake_v2", description="Write a .huf "
                                 "frame with context blocks (FORMAT.md section 9).")
    ap.add_argument("file", metavar="FILE", help="input, - for standard input")
    ap.add_argument("-o", "--output", metavar="OUT", help="output, else standard output")
    ap.add_argument("-K", type=int, default=8, help="codes per block, 2..32 (8)")
    ap.add_argument("-S", type=int, default=0, choices=(0, 1, 2, 4, 8),
                    help="streams at most (0: 8, as the block's size allows)")
    ap.add_argument("-m", "--model", choices=("mod", "top"), default="mod",
                    help="the map: c mod K, or the K-1 most frequent contexts")
    ap.add_argument("-B", "--block-size", type=int, default=131072)
    ap.add_argument("--explicit-map", action="store_true",
                    help="write every context's code number in the map")
    ap.add_argument("--no-check", action="store_true", help="no checksum")
    ap.add_argument("--no-size", action="store_true", help="no content size")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per block")
    args = ap.parse_args(argv)
    if not K_MIN <= args.K <= K_MAX:
        ap.error("-K: 2 to 32")
    if not BLOCK_SIZE_MIN <= args.block_size <= BLOCK_SIZE_MAX:
        ap.error("-B: 256 to 1048576")
    if XXH3_64 is None:
        sys.stderr.write("hufmake_v2: no XXH3-64 (see hufdump.py)\n")
        return 1
    if args.file == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(args.file, "rb") as f:
            data = f.read()

    def log(text):
        sys.stderr.write("hufmake_v2: %s\n" % text)

    out = frame(data, args.block_size, args.K, args.S or 8, args.model,
                args.explicit_map, not args.no_check, not args.no_size,
                log if args.verbose else None)
    if args.output:
        with open(args.output, "wb") as f:
            f.write(out)
    else:
        sys.stdout.buffer.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
