#!/usr/bin/env python3
"""hufdump - reference decoder and tracer for the .huf format (FORMAT.md).

    python3 tools/hufdump.py [--model MODEL] [--trace] [--bitwise] [-t] [-o OUT] FILE
    python3 tools/hufdump.py --model MODEL [--trace]

Decodes every frame of FILE (or standard input for "-"), of format version 1
or 2 (context blocks, §9), and writes the concatenated contents to standard
output, or to OUT with -o; -t only checks.  Nothing is written unless the
whole file is valid.  --trace prints every field to standard error, the
code-length tables bit by bit, a context block's map by code, and each
frame's blocks by type.

--model MODEL reads a model file (FORMAT.md section 8) for the frames made
with a model; it is checked first, whole, and its fields are traced too with
--trace.  A frame that records a model identifier needs that model; a model
given for a frame made without one is an error as well (section 3.1).  With
--model and no FILE, only the model file is checked (and traced) and its
identifier printed to standard output as "model_id 0x%08x".

Written from FORMAT.md alone, without huff's source, to show that the
document is enough: the section signs in messages and comments (§3.1, ...)
are FORMAT.md's.  It is meant to be read, so it is plain: the tables and
every traced codeword are read one bit at a time, codewords looked up in a
dictionary.  The other codewords are looked up in a table per code
(CanonicalCode.table()), one lookup per symbol, so that files of several
MB decode in seconds (a 4 MB file in about a second, not ten); --bitwise
reads them bit by bit too, to check the tables against the plain reader.

Exit status: 0 valid; 1 invalid, with one line "hufdump: FILE: <problem>"
(or "hufdump: MODEL: <problem>" for the model file); 2 valid frames followed
by trailing garbage (ignored with a warning, §2).

XXH3-64 (for check16, checksum32 and the model identifier, §1, §8) comes
from the first available of: the Python module xxhash, libxxhash through
ctypes, the program `xxhsum -H3`.  With none of them the checks are skipped
with a warning, and a frame's model identifier is not compared with the
model's.
"""

import argparse
import ctypes
import ctypes.util
import re
import shutil
import subprocess
import sys

MAGIC = b"\x89HUF"
VERSIONS = (1, 2)          # §3.1; version 2 adds context blocks (§9)
BLOCK_SIZE_MIN = 256
BLOCK_SIZE_MAX = 1 << 20
END_MARK = 0x07
TYPE_NAMES = {0: "raw", 1: "rle", 2: "huffman", 3: "repeat", 4: "model",
              5: "context", 7: "end of frame"}
TYPE_CONTEXT = 5           # §9, version 2 frames only
FLAG_CONTENT_SIZE = 0x01   # §3.1 flag bits
FLAG_CHECKSUM = 0x02
FLAG_MODEL = 0x04
FLAGS_KNOWN = 0x07
MODEL_MAGIC = b"\x89HUM"   # §8
MODEL_VERSION = 1
MODEL_CODE_LEN_MIN = 8
MODEL_CODE_LEN_MAX = 15
MODEL_Q_SUM_LIMIT = 1 << 56
# §4: the order in which the precode lengths are stored.
PRECODE_ORDER = [17, 18, 0, 16, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
MAX_CODE_LEN = 15
MAX_PRECODE_LEN = 7
CONTEXT_MAX_CODE_LEN = 11  # §9.1: no length above 11 in a context block
CONTEXT_CONTEXTS = 256     # §9: a context is the byte before
TRACE_CODEWORDS_BELOW = 64  # blocks smaller than this get every codeword traced,
TRACE_CONTEXT_HEAD = 8      # context streams too, longer ones their first 8


class Invalid(Exception):
    """The input breaks a rule of FORMAT.md; the message names the rule."""


# --------------------------------------------------------------------------
# XXH3-64, seed 0

def _xxh3_provider():
    """Return (name, function bytes -> int) or (None, None)."""
    try:
        import xxhash  # noqa: F401
        return "python module xxhash", xxhash.xxh3_64_intdigest
    except ImportError:
        pass
    names = [ctypes.util.find_library("xxhash"), "libxxhash.so.0", "libxxhash.so"]
    for name in names:
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
            fn = lib.XXH3_64bits
        except (OSError, AttributeError):
            continue
        fn.restype = ctypes.c_uint64
        fn.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
        return "libxxhash via ctypes (%s)" % name, lambda b: fn(bytes(b), len(b))
    exe = shutil.which("xxhsum")
    if exe:
        def via_xxhsum(b):
            out = subprocess.run([exe, "-H3", "-"], input=bytes(b),
                                 stdout=subprocess.PIPE, check=True).stdout
            m = re.search(rb"\b(?:XXH3_)?([0-9a-fA-F]{16})\b", out)
            if not m:
                raise RuntimeError("cannot read xxhsum output: %r" % out)
            return int(m.group(1), 16)
        if via_xxhsum(b"abc") == 0x78AF5F94892F3950:  # the known XXH3-64("abc")
            return "xxhsum -H3", via_xxhsum
    return None, None


XXH3_NAME, XXH3_64 = _xxh3_provider()


def check16(data):
    return XXH3_64(data) & 0xFFFF if XXH3_64 else None


def checksum32(data):
    return XXH3_64(data) & 0xFFFFFFFF if XXH3_64 else None


# --------------------------------------------------------------------------
# Tracing helpers

class Trace:
    def __init__(self, enabled):
        self.enabled = enabled
        self.depth = 0

    def __call__(self, text=""):
        if self.enabled:
            sys.stderr.write("  " * self.depth + text + "\n")


def hexbytes(b):
    return " ".join("%02x" % x for x in b)


def field(trace, data, off, size, text):
    trace("0x%04x  %-12s %s" % (off, hexbytes(data[off:off + size]), text))


def byte_name(v):
    if 0x20 <= v < 0x7F:
        return "0x%02x %r" % (v, chr(v))
    return "0x%02x" % v


def span(start, end):
    """The bytes start..end-1, inclusive bounds as in the hex dump."""
    if end <= start:
        return "(no bytes) at 0x%04x" % start
    return "0x%04x..0x%04x (%d byte%s)" % (start, end - 1, end - start,
                                          "" if end - start == 1 else "s")


def bitpos(abs_bit):
    """A bit position in the file: byte offset, then bit 0 (LSB) .. 7."""
    return "0x%04x.%d" % (abs_bit >> 3, abs_bit & 7)


# --------------------------------------------------------------------------
# §1 bit streams

class BitReader:
    """Bits of data[start:end], least significant bit of each byte first."""

    def __init__(self, data, start, end, what):
        self.data = data
        self.pos = start * 8        # absolute bit position in data
        self.end = end * 8
        self.what = what            # for the error message, with its rule

    def bit(self):
        if self.pos >= self.end:
            raise Invalid(self.what)
        b = (self.data[self.pos >> 3] >> (self.pos & 7)) & 1
        self.pos += 1
        return b

    def number(self, n):
        """An n-bit number, least significant bit first.  Returns
        (value, bits as read)."""
        value = 0
        seen = ""
        for i in range(n):
            b = self.bit()
            value |= b << i
            seen += str(b)
        return value, seen

    def symbol(self, code):
        """One codeword of a canonical code (MSB first, §1).  Returns
        (symbol, bits as read)."""
        c = 0
        seen = ""
        for length in range(1, code.max_len + 1):
            b = self.bit()
            c = (c << 1) | b
            seen += str(b)
            sym = code.by_codeword.get((length, c))
            if sym is not None:
                return sym, seen
        # Unreachable for a complete code (§4.2): every bit string decodes.
        raise Invalid("bit string %s matches no codeword" % seen)

    def padding_to_byte(self):
        """Read the bits up to the next byte boundary; returns them."""
        seen = ""
        while self.pos & 7:
            seen += str(self.bit())
        return seen


# --------------------------------------------------------------------------
# §4.2, §4.3 canonical codes

class CanonicalCode:
    def __init__(self, lengths, max_len):
        """lengths: {symbol: length}, non-zero lengths only."""
        self.lengths = dict(lengths)
        self.max_len = max(lengths.values()) if lengths else 0
        count = [0] * (max_len + 2)
        for ln in lengths.values():
            count[ln] += 1
        first = [0] * (max_len + 2)
        for ln in range(2, max_len + 1):
            first[ln] = (first[ln - 1] + count[ln - 1]) * 2
        nxt = list(first)
        self.codeword = {}
        for sym in sorted(lengths):
            ln = lengths[sym]
            self.codeword[sym] = nxt[ln]
            nxt[ln] += 1
        self.by_codeword = {(lengths[s], c): s for s, c in self.codeword.items()}
        self._tables = {}   # width -> table(), built on first use

    def bits(self, sym):
        return format(self.codeword[sym], "0%db" % self.lengths[sym])

    def table(self, width):
        """A lookup table for decode_fast(): entry i is symbol << 4 | length
        of the codeword that begins the bit string i, where i holds the
        next `width` >= max_len bits of the stream, the first one read in
        bit 0.  The codeword is MSB first (§1), so it is reversed into i,
        and every i that begins with it (2^(width - length) of them) gets
        the entry.  A complete code (§4.2) fills every entry."""
        cached = self._tables.get(width)
        if cached is not None:
            return cached
        t = [0] * (1 << width)
        for sym, c in self.codeword.items():
            ln = self.lengths[sym]
            rev = int(format(c, "0%db" % ln)[::-1], 2)
            t[rev::1 << ln] = [sym << 4 | ln] * (1 << (width - ln))
        self._tables[width] = t
        return t


def kraft_complete(lengths, max_len):
    """§4.2: at least two non-zero lengths and sum 2^(max-l) = 2^max."""
    nz = [ln for ln in lengths if ln]
    total = sum(1 << (max_len - ln) for ln in nz)
    return len(nz) >= 2 and total == 1 << max_len, total


# --------------------------------------------------------------------------
# §4 code-length table

def read_code_lengths(data, start, end, trace, title="code-length table (§4)",
                      limit=MAX_CODE_LEN):
    """Read a code-length table (§4.1) at data[start:end]: a huffman
    block's, or one of a context block's, whose lengths are at most limit =
    11 (§9.1).  Returns (CanonicalCode, offset of the first byte after the
    table)."""
    bad = "invalid code lengths: "
    trace(title)
    trace.depth += 1
    if start >= end:
        raise Invalid(bad + "the table runs past the payload (no 'last' byte) [§4]")
    last = data[start]
    field(trace, data, start, 1,
          "last = %s: lengths are coded for byte values 0..%d" % (byte_name(last), last))
    br = BitReader(data, start + 1, end, bad + "the table runs past the payload [§4]")

    trace("bit stream from 0x%04x (positions are byte.bit, bit 0 = LSB; bits are "
          "shown in the order read; numbers are read LSB first, codewords MSB first)"
          % (start + 1))
    p = br.pos
    hclen, seen = br.number(4)
    nplen = hclen + 4
    trace("%s  hclen   4 bits %s -> %d: %d precode lengths follow"
          % (bitpos(p), seen, hclen, nplen))

    plens = [0] * 19
    for i in range(nplen):
        p = br.pos
        v, seen = br.number(3)
        sym = PRECODE_ORDER[i]
        plens[sym] = v
        trace("%s  plen[%2d] 3 bits %s -> precode symbol %2d: length %d"
              % (bitpos(p), i, seen, sym, v))
    if nplen < 19:
        trace("precode symbols %s: length 0 (beyond hclen)"
              % " ".join(str(s) for s in PRECODE_ORDER[nplen:]))

    ok, total = kraft_complete(plens, MAX_PRECODE_LEN)
    if not ok:
        raise Invalid(bad + "the precode is not a complete prefix code "
                      "(Kraft sum %d/128, %d non-zero lengths) [§4, §4.2]"
                      % (total, sum(1 for x in plens if x)))
    pre = CanonicalCode({s: ln for s, ln in enumerate(plens) if ln}, MAX_PRECODE_LEN)
    trace("precode canonical codewords (§4.3), Kraft sum 128/128:")
    trace.depth += 1
    for sym in sorted(pre.codeword, key=lambda s: (pre.lengths[s], s)):
        trace("symbol %2d  length %d  codeword %s" % (sym, pre.lengths[sym], pre.bits(sym)))
    trace.depth -= 1

    trace("precode symbols, giving the lengths of byte values 0..%d:" % last)
    trace.depth += 1
    lengths = []
    while len(lengths) < last + 1:
        p = br.pos
        sym, cw = br.symbol(pre)
        here = len(lengths)
        head = "%s  codeword %-7s -> symbol %2d" % (bitpos(p), cw, sym)
        if sym <= 15:
            lengths.append(sym)
            trace("%s: byte %s length %d" % (head, byte_name(here), sym))
            continue
        if sym == 16:
            if not lengths:
                raise Invalid(bad + "symbol 16 (repeat previous length) as the "
                              "first symbol [§4]")
            extra, seen = br.number(2)
            run, value = extra + 3, lengths[-1]
            what = "+ 3 = %d copies of the previous length %d" % (run, value)
        elif sym == 17:
            extra, seen = br.number(3)
            run, value = extra + 3, 0
            what = "+ 3 = %d zero lengths" % run
        else:  # 18
            extra, seen = br.number(7)
            run, value = extra + 11, 0
            what = "+ 11 = %d zero lengths" % run
        if here + run > last + 1:
            raise Invalid(bad + "a run of %d lengths from byte value %d passes "
                          "last = %d [§4]" % (run, here, last))
        lengths.extend([value] * run)
        trace("%s, extra %d bits %s -> %d %s: bytes %s..%s"
              % (head, len(seen), seen, extra, what,
                 byte_name(here), byte_name(here + run - 1)))
    trace.depth -= 1

    p = br.pos
    pad = br.padding_to_byte()
    if "1" in pad:
        raise Invalid(bad + "non-zero padding bits '%s' after the table [§4]" % pad)
    trace("%s  padding %d bits %s; the table ends at 0x%04x"
          % (bitpos(p), len(pad), pad or "(none)", br.pos >> 3))

    if lengths[last] == 0:
        raise Invalid(bad + "byte value last = %d has length 0 [§4]" % last)
    ok, total = kraft_complete(lengths, MAX_CODE_LEN)
    if not ok:
        raise Invalid(bad + "the lengths do not form a complete prefix code "
                      "(Kraft sum %d/32768, %d non-zero lengths) [§4, §4.2]"
                      % (total, sum(1 for x in lengths if x)))
    for b, ln in enumerate(lengths):
        if ln > limit:
            raise Invalid(bad + "byte %s has length %d, above %d, the limit in a "
                          "context block [§9.1]" % (byte_name(b), ln, limit))
    code = CanonicalCode({b: ln for b, ln in enumerate(lengths) if ln}, MAX_CODE_LEN)
    trace("lengths of the %d byte values used (others 0), Kraft sum 32768/32768; "
          "canonical codewords (§4.3):" % len(code.lengths))
    trace.depth += 1
    for b in sorted(code.codeword, key=lambda s: (code.lengths[s], s)):
        trace("byte %-8s length %2d  codeword %s"
              % (byte_name(b), code.lengths[b], code.bits(b)))
    trace.depth -= 1
    trace.depth -= 1
    return code, br.pos >> 3


# --------------------------------------------------------------------------
# §5 coded data

def decode_stream(data, start, end, count, out, trace, name, show, bitwise,
                  code=None, ctx=None, rule="§5"):
    """Decode count codewords from the bit stream data[start:end] (§5), all
    with code, or for a context block (§9.1) each with the code its
    context picks: ctx = (codes, numbers, first), the CanonicalCode and the
    code number of each of the 256 contexts, and the stream's start
    context.  show: trace every codeword, or that many first ones if a
    number.  The traced codewords are read bit by bit, as the trace shows
    them, and so are all with bitwise; the others are looked up in tables
    (decode_fast()).  rule: the sections cited in errors."""
    shown = count if show is True else min(count, show or 0)
    slow = count if bitwise else shown
    runs_out = ("corrupt data: %s runs out of bits (%d bytes for %d symbols) [%s]"
                % (name, end - start, count, rule))
    br = BitReader(data, start, end, runs_out)
    if shown:
        first = "" if ctx is None else ", from context %s (code %d)" % (
            byte_name(ctx[2]), ctx[1][ctx[2]])
        trace("%s: %s, %d symbols%s:" % (name, span(start, end), count, first))
        trace.depth += 1
    prev = None if ctx is None else ctx[2]
    for i in range(slow):
        p = br.pos
        if ctx is None:
            sym, cw = br.symbol(code)
            if i < shown:
                trace("%s  codeword %-15s -> %s" % (bitpos(p), cw, byte_name(sym)))
        else:
            sym, cw = br.symbol(ctx[0][prev])
            if i < shown:
                trace("%s  code %2d  codeword %-11s -> %s"
                      % (bitpos(p), ctx[1][prev], cw, byte_name(sym)))
            prev = sym
        out.append(sym)
    used = br.pos - 8 * start
    if slow < count:
        # The rest by table.  A stream that runs out of bits is decoded
        # from the zero bits decode_fast() reads past its end; those
        # symbols are discarded with it.
        d = data[start:end]
        if ctx is None:
            used = decode_fast(d, used, count - slow, code.table(code.max_len),
                               code.max_len, out)
        else:
            width = max(c.max_len for c in ctx[0])
            used = decode_fast_context(d, used, count - slow,
                                       [c.table(width) for c in ctx[0]],
                                       prev, width, out)
        if used > 8 * (end - start):
            raise Invalid(runs_out)
        if shown:
            trace("... %d more symbols, to %s" % (count - slow, bitpos(8 * start + used)))
    if count == 0:
        if end != start:
            raise Invalid("corrupt data: %s holds 0 symbols but has %d bytes [%s]"
                          % (name, end - start, rule))
        pad = ""
    else:
        br.pos = 8 * start + used
        pad = br.padding_to_byte()
        if "1" in pad:
            raise Invalid("corrupt data: non-zero padding bits '%s' at the end of "
                          "%s [%s]" % (pad, name, rule))
        if br.pos != end * 8:
            raise Invalid("corrupt data: %s has %d unused whole bytes after its "
                          "last codeword [%s]" % (name, end - (br.pos >> 3), rule))
    if shown:
        trace("%s  padding %d bits %s" % (bitpos(8 * start + used), len(pad),
                                          pad or "(none)"))
        trace.depth -= 1
    else:
        trace("%s: %s, %d symbols in %d bits + %d padding bits"
              % (name, span(start, end), count, used, len(pad)))


def decode_fast(d, bit, count, table, width, out):
    """Append to out the count symbols coded with one code in the bytes d
    from bit position bit on, by table lookup (CanonicalCode.table(width));
    returns the bit position after them, more than 8 * len(d) if d ran
    out: past its end, zero bits are read.  One lookup per symbol, as
    huff's own loop (STYLE.md §6): the bit buffer holds at least width
    bits before each."""
    # An order-0 code is a context code whose 256 contexts share a table.
    return decode_fast_context(d, bit, count, [table] * 256, 0, width, out)


def decode_fast_context(d, bit, count, tables, first, width, out):
    """decode_fast() for a context stream (§9.1): tables[c] is the table
    of the code of context c (a symbol is the next one's context), first
    the context of the first symbol."""
    mask = (1 << width) - 1
    pos = bit >> 3
    buf = d[pos] >> (bit & 7) if pos < len(d) else 0
    avail = 8 - (bit & 7)
    pos += 1
    from_bytes = int.from_bytes
    append = out.append
    table = tables[first]
    for _ in range(count):
        if avail < width:
            buf |= from_bytes(d[pos:pos + 7], "little") << avail
            pos += 7
            avail += 56
        e = table[buf & mask]
        ln = e & 15
        buf >>= ln
        avail -= ln
        sym = e >> 4
        append(sym)
        table = tables[sym]
    return 8 * pos - avail


def decode_coded_data(data, start, end, n, four, code, out, trace, bitwise):
    show = n < TRACE_CODEWORDS_BELOW
    trace("coded data (§5), %s:" % ("four streams" if four else "one stream"))
    trace.depth += 1
    if not four:
        decode_stream(data, start, end, n, out, trace, "the stream", show, bitwise,
                      code=code)
    else:
        if end - start < 9:
            raise Invalid("stream sizes: the payload has %d bytes after the table, "
                          "too few for the 9-byte jump table [§5]" % (end - start))
        sizes = [int.from_bytes(data[start + 3 * i:start + 3 * i + 3], "little")
                 for i in range(3)]
        for i in range(3):
            field(trace, data, start + 3 * i, 3, "jump table: stream %d is %d bytes"
                  % (i + 1, sizes[i]))
        left = end - (start + 9)
        if sum(sizes) > left:
            raise Invalid("stream sizes: streams 1-3 take %d bytes, only %d follow "
                          "the jump table [§5]" % (sum(sizes), left))
        sizes.append(left - sum(sizes))
        s = (n + 3) // 4
        counts = [s, s, s, n - 3 * s]
        pos = start + 9
        for i in range(4):
            decode_stream(data, pos, pos + sizes[i], counts[i], out, trace,
                          "stream %d" % (i + 1), show, bitwise, code=code)
            pos += sizes[i]
    trace.depth -= 1


# --------------------------------------------------------------------------
# §9 context blocks

def context_runs(numbers, k):
    """The contexts whose code is k, as runs of consecutive contexts."""
    runs, c = [], 0
    while c < CONTEXT_CONTEXTS:
        if numbers[c] != k:
            c += 1
            continue
        first = c
        while c < CONTEXT_CONTEXTS and numbers[c] == k:
            c += 1
        runs.append(byte_name(first) if c - first == 1
                    else "%s..%s" % (byte_name(first), byte_name(c - 1)))
    return runs


def read_context_block(data, start, end, n, out, trace, bitwise):
    """Decode the payload data[start:end] of a context block of decoded
    size n (§9.1), checked as §9.2 says and in its order."""
    bad = "corrupt data: "
    trace("context block (§9): desc, map, tables, starts, jumps, streams")
    trace.depth += 1
    # desc.  The block header allows no empty payload (§3.2).
    desc = data[start]
    k = (desc & 0x1F) + 1
    log2s = (desc >> 5) & 3
    nstreams = 1 << log2s
    field(trace, data, start, 1, "desc 0x%02x: K - 1 = %d, K = %d codes; log2 S = %d, "
          "S = %d stream%s; bit 7 = %d" % (desc, k - 1, k, log2s, nstreams,
                                          "" if nstreams == 1 else "s", desc >> 7))
    if desc & 0x80:
        raise Invalid(bad + "desc 0x%02x has bit 7 set [§9.1, §9.2]" % desc)
    if k == 1:
        raise Invalid(bad + "desc 0x%02x: K - 1 = 0, a context block has 2 to 32 "
                      "codes [§9.1, §9.2]" % desc)
    if nstreams * nstreams > n:
        raise Invalid(bad + "%d streams for a decoded size of %d: S x S = %d > %d "
                      "[§9.1, §9.2]" % (nstreams, n, nstreams * nstreams, n))

    # map: 256 entries of 1 bit, and w more bits after a 1.
    w = (k - 1).bit_length()
    br = BitReader(data, start + 1, end,
                   bad + "the payload ends inside the map [§9.1, §9.2]")
    numbers = []
    named = 0
    for c in range(CONTEXT_CONTEXTS):
        if br.bit():
            p = br.pos
            v, _ = br.number(w)
            if v >= k:
                raise Invalid(bad + "the map gives context %s code %d, but K = %d "
                              "(bits at %s) [§9.1, §9.2]" % (byte_name(c), v, k, bitpos(p)))
            named += 1
        else:
            v = numbers[-1] if c else 0
        numbers.append(v)
    trace("map (§9.1): %s..%s, %d contexts name a code (1 + %d bits), %d take "
          "the code of the one before (1 bit):" % (bitpos(8 * (start + 1)),
                                                   bitpos(br.pos - 1), named, w,
                                                   CONTEXT_CONTEXTS - named))
    trace.depth += 1
    for code_no in range(k):
        runs = context_runs(numbers, code_no)
        if not runs:
            raise Invalid(bad + "no context names code %d of the K = %d: every code "
                          "is some context's [§9.1, §9.2]" % (code_no, k))
        nctx = numbers.count(code_no)
        head = "code %2d, %3d context%s: " % (code_no, nctx, " " if nctx == 1 else "s")
        for i in range(0, len(runs), 6):
            trace((head if i == 0 else " " * len(head)) + ", ".join(runs[i:i + 6]))
    trace.depth -= 1
    p = br.pos
    pad = br.padding_to_byte()
    if "1" in pad:
        raise Invalid(bad + "non-zero padding bits '%s' after the map [§9.1, §9.2]"
                      % pad)
    trace("%s  padding %d bits %s; the map ends at 0x%04x"
          % (bitpos(p), len(pad), pad or "(none)", br.pos >> 3))

    # K tables, at most 11 bits long.
    pos = br.pos >> 3
    codes = []
    for code_no in range(k):
        code, pos = read_code_lengths(
            data, pos, end, trace, limit=CONTEXT_MAX_CODE_LEN,
            title="code %d: code-length table (§4.1, lengths at most %d, §9.1)"
            % (code_no, CONTEXT_MAX_CODE_LEN))
        codes.append(code)

    # starts and jumps.
    if end - pos < nstreams:
        raise Invalid(bad + "the payload ends inside the %d start contexts at 0x%x "
                      "[§9.1, §9.2]" % (nstreams, pos))
    starts = list(data[pos:pos + nstreams])
    field(trace, data, pos, nstreams, "starts: the start context of each stream")
    trace.depth += 1
    for j, c in enumerate(starts):
        trace("stream %d from context %s: code %d" % (j + 1, byte_name(c), numbers[c]))
    trace.depth -= 1
    pos += nstreams
    njumps = 3 * (nstreams - 1)
    if end - pos < njumps:
        raise Invalid(bad + "the payload ends inside the %d jumps at 0x%x "
                      "[§9.1, §9.2]" % (nstreams - 1, pos))
    sizes = [int.from_bytes(data[pos + 3 * j:pos + 3 * j + 3], "little")
             for j in range(nstreams - 1)]
    for j in range(nstreams - 1):
        field(trace, data, pos + 3 * j, 3, "jump: stream %d is %d bytes"
              % (j + 1, sizes[j]))
    pos += njumps
    left = end - pos
    if sum(sizes) > left:
        raise Invalid("stream sizes: %s %d bytes, only %d follow the jumps "
                      "[§9.1, §9.2]" % ("stream 1 takes" if nstreams == 2 else
                                        "streams 1-%d take" % (nstreams - 1),
                                        sum(sizes), left))
    sizes.append(left - sum(sizes))

    # The streams: s bytes each, the last one the rest.
    s = (n + nstreams - 1) // nstreams
    counts = [s] * (nstreams - 1) + [n - (nstreams - 1) * s]
    by_context = [codes[v] for v in numbers]
    trace("coded data (§9.1), %d stream%s of %s symbols:"
          % (nstreams, "" if nstreams == 1 else "s",
             "%d" % n if nstreams == 1 else "%d x %d + %d" % (nstreams - 1, s, counts[-1])))
    trace.depth += 1
    for j in range(nstreams):
        show = counts[j] < TRACE_CODEWORDS_BELOW or TRACE_CONTEXT_HEAD
        decode_stream(data, pos, pos + sizes[j], counts[j], out, trace,
                      "stream %d" % (j + 1), show, bitwise,
                      ctx=(by_context, numbers, starts[j]), rule="§9.1, §9.2")
        pos += sizes[j]
    trace.depth -= 1
    trace.depth -= 1


# --------------------------------------------------------------------------
# §1 varints

def read_varint(data, p, what, truncated):
    """The varint at data[p:], checked only for its length (at most 10
    bytes, §1).  Returns (value, number of bytes); the caller checks the
    other rules with varint_problem().  truncated(p) makes the exception for
    a file that ends inside it."""
    value, shift, nbytes = 0, 0, 0
    while True:
        if p + nbytes >= len(data):
            raise truncated(p)
        b = data[p + nbytes]
        value |= (b & 0x7F) << shift
        shift += 7
        nbytes += 1
        if not b & 0x80:
            return value, nbytes
        if nbytes == 10:
            raise Invalid("%s: varint longer than 10 bytes [§1]" % what)


def varint_problem(data, p, value, nbytes):
    """What breaks §1 in the varint data[p:p+nbytes] of that value, or None."""
    if nbytes > 1 and data[p + nbytes - 1] == 0:
        return "varint not minimal (its last byte is 00)"
    if value >> 64:
        return "varint does not fit in 64 bits"
    return None


# --------------------------------------------------------------------------
# §8 model files

class Model:
    """A model file's fields; code is the canonical code (§4.3) of its
    stored lengths, ident its identifier (None without XXH3)."""

    def __init__(self, max_code_len, alpha_num, alpha_den, counts, lengths, ident):
        self.max_code_len = max_code_len
        self.alpha_num = alpha_num
        self.alpha_den = alpha_den
        self.counts = counts
        self.lengths = lengths
        self.ident = ident
        self.code = CanonicalCode({b: ln for b, ln in enumerate(lengths) if ln},
                                  MAX_CODE_LEN)

    def ident_text(self):
        return "0x%08x" % self.ident if self.ident is not None else "(not computed)"


def model_ident(lengths):
    """§8: low 32 bits of XXH3-64 of the 256 lengths as 256 bytes."""
    return XXH3_64(bytes(lengths)) & 0xFFFFFFFF if XXH3_64 else None


def read_model(data, trace):
    """Parse and check a model file (§8), in the order §8 gives: magic,
    version, varints and the file's end, checksum, then the fields."""
    bad = "corrupt or truncated model file: "
    trace("model file (§8): %d bytes" % len(data))
    trace.depth += 1
    # The magic.  §8 has no rule for a file that ends inside it (§2 has one
    # for frames): without the 4 bytes it has no magic, so not a model file.
    if data[:4] != MODEL_MAGIC:
        raise Invalid("not a model file: bad magic number [§8]")
    field(trace, data, 0, 4, "magic")
    # The version.
    if len(data) < 5:
        raise Invalid(bad + "the file ends before the version byte [§8]")
    version = data[4]
    field(trace, data, 4, 1, "version %d" % version)
    if version != MODEL_VERSION:
        raise Invalid("unsupported model file version %d (this decoder knows %d) "
                      "[§8]" % (version, MODEL_VERSION))
    # The varints and the file's length: every field up to the checksum.
    if len(data) < 6:
        raise Invalid(bad + "the file ends before max_code_len [§8]")
    max_code_len = data[5]
    field(trace, data, 5, 1, "max_code_len %d" % max_code_len)

    def truncated(p):
        return Invalid(bad + "the file ends inside a varint at 0x%x [§8]" % p)

    def varint(p, what):
        value, n = read_varint(data, p, bad + what, truncated)
        problem = varint_problem(data, p, value, n)
        if problem:
            raise Invalid(bad + "%s at 0x%x: %s [§1, §8]" % (what, p, problem))
        return value, n

    p = 6
    alpha_num, n = varint(p, "alpha_num")
    field(trace, data, p, n, "alpha_num %d (varint)" % alpha_num)
    p += n
    alpha_den, n = varint(p, "alpha_den")
    field(trace, data, p, n, "alpha_den %d (varint)" % alpha_den)
    p += n

    trace("counts of byte values 0..255 (256 varints), q = count x alpha_den "
          "+ alpha_num:")
    trace.depth += 1
    counts = []
    run_start = None      # a run of zero counts, traced as one line
    for v in range(256):
        c, n = varint(p, "count of byte %s" % byte_name(v))
        if c == 0 and n == 1:
            if run_start is None:
                run_start = (v, p)
        else:
            if run_start is not None:
                zero_run(trace, data, run_start, v, p, alpha_num)
                run_start = None
            field(trace, data, p, n, "count[%s] = %d, q = %d"
                  % (byte_name(v), c, c * alpha_den + alpha_num))
        counts.append(c)
        p += n
    if run_start is not None:
        zero_run(trace, data, run_start, 256, p, alpha_num)
    trace.depth -= 1

    want = p + 128 + 4
    if len(data) != want:
        raise Invalid(bad + "%d bytes, but its varints put the end of the "
                      "checksum at %d [§8]" % (len(data), want))
    lengths = []
    trace("lengths of byte values 0..255, 4 bits each, 2k low, 2k+1 high "
          "(bytes 0x%04x..0x%04x):" % (p, p + 127))
    trace.depth += 1
    zero_from = None
    for k in range(128):
        b = data[p + k]
        lengths += [b & 0x0F, b >> 4]
        if b == 0:
            if zero_from is None:
                zero_from = k
            continue
        if zero_from is not None:
            trace("0x%04x..0x%04x  00 ...      lengths of %s..%s: 0"
                  % (p + zero_from, p + k - 1, byte_name(2 * zero_from),
                     byte_name(2 * k - 1)))
            zero_from = None
        field(trace, data, p + k, 1, "length[%s] = %d, length[%s] = %d"
              % (byte_name(2 * k), b & 0x0F, byte_name(2 * k + 1), b >> 4))
    if zero_from is not None:
        trace("0x%04x..0x%04x  00 ...      lengths of %s..%s: 0"
              % (p + zero_from, p + 127, byte_name(2 * zero_from), byte_name(255)))
    trace.depth -= 1
    p += 128

    stored = int.from_bytes(data[p:p + 4], "little")
    computed = checksum32(data[:p])
    field(trace, data, p, 4, "checksum 0x%08x, checksum32 of 0x0000..0x%04x = %s"
          % (stored, p - 1, verdict(stored, computed, 8)))
    if computed is not None and stored != computed:
        raise Invalid(bad + "checksum 0x%08x, computed 0x%08x [§8]"
                      % (stored, computed))

    # The fields, in §8's order.
    if not MODEL_CODE_LEN_MIN <= max_code_len <= MODEL_CODE_LEN_MAX:
        raise Invalid(bad + "max_code_len %d out of 8..15 [§8]" % max_code_len)
    if alpha_den < 1:
        raise Invalid(bad + "alpha_den 0 [§8]")
    q = [c * alpha_den + alpha_num for c in counts]
    trace("q sum %d (below 2^56: %s)" % (sum(q), "ok" if sum(q) < MODEL_Q_SUM_LIMIT
                                          else "NO"))
    if sum(q) >= MODEL_Q_SUM_LIMIT:
        raise Invalid(bad + "the q_i sum %d is not below 2^56 [§8]" % sum(q))
    for v, ln in enumerate(lengths):
        if ln > max_code_len:
            raise Invalid(bad + "byte %s has length %d, above max_code_len %d [§8]"
                          % (byte_name(v), ln, max_code_len))
    ok, total = kraft_complete(lengths, MAX_CODE_LEN)
    if not ok:
        raise Invalid(bad + "the lengths do not form a complete prefix code "
                      "(Kraft sum %d/32768, %d non-zero lengths) [§4.2, §8]"
                      % (total, sum(1 for x in lengths if x)))
    for v in range(256):
        if (lengths[v] == 0) != (q[v] == 0):
            raise Invalid(bad + "byte %s has length %d but q = %d: a length is 0 "
                          "exactly where q is 0 [§8]" % (byte_name(v), lengths[v], q[v]))
    ident = model_ident(lengths)
    model = Model(max_code_len, alpha_num, alpha_den, counts, lengths, ident)
    trace("identifier %s: low 32 bits of XXH3-64 of the 256 lengths as bytes "
          "(§8)" % model.ident_text())
    trace("lengths of the %d byte values used, Kraft sum 32768/32768; canonical "
          "codewords (§4.3):" % len(model.code.lengths))
    trace.depth += 1
    code = model.code
    for b in sorted(code.codeword, key=lambda s: (code.lengths[s], s)):
        trace("byte %-8s length %2d  codeword %s"
              % (byte_name(b), code.lengths[b], code.bits(b)))
    trace.depth -= 1
    trace.depth -= 1
    return model


def zero_run(trace, data, run_start, v, p, alpha_num):
    first, start = run_start
    if v - first == 1:
        field(trace, data, start, 1, "count[%s] = 0, q = %d"
              % (byte_name(first), alpha_num))
    else:
        trace("0x%04x..0x%04x  00 ...      counts of %s..%s: 0, q = %d"
              % (start, p - 1, byte_name(first), byte_name(v - 1), alpha_num))


# --------------------------------------------------------------------------
# §3 frames and blocks

def need(data, pos, size, what):
    if pos + size > len(data):
        raise Invalid("truncated: the file ends inside %s at 0x%x [§3]" % (what, pos))


def read_frame(data, pos, fno, trace, model, bitwise=False, types=None):
    """Decode the frame at data[pos:].  model: the Model given with --model,
    or None; bitwise: decode_stream()'s.  types, if given, counts the
    frame's blocks by type.  Returns (contents, end offset)."""
    start = pos
    trace("frame %d at 0x%04x" % (fno, pos))
    trace.depth += 1

    # §3.1 frame header, checked in the order §3.1 gives.
    # 1. The magic: decode_file() has seen it.  2. The version, as soon as
    # its byte is there.
    need(data, pos, 5, "a frame header")
    field(trace, data, pos, 4, "magic")
    version = data[pos + 4]
    field(trace, data, pos + 4, 1, "version %d" % version)
    if version not in VERSIONS:
        raise Invalid("unsupported format version %d (this decoder knows 1 and 2) "
                      "[§3.1]" % version)
    need(data, pos, 6, "a frame header")
    flags = data[pos + 5]
    # 3. Reserved flag bits, before the check: a newer writer's flag may
    # add a field and move header_check.
    if flags & ~FLAGS_KNOWN & 0xFF:
        raise Invalid("unsupported version: flags 0x%02x, reserved flag bits set "
                      "(a newer writer) [§3.1]" % flags)
    need(data, pos, 9, "a frame header")
    block_size = int.from_bytes(data[pos + 6:pos + 9], "little")
    has_size = flags & FLAG_CONTENT_SIZE
    has_checksum = flags & FLAG_CHECKSUM
    has_model = flags & FLAG_MODEL
    p = pos + 9
    model_id = None
    if has_model:
        need(data, p, 4, "a frame header")
        model_id = int.from_bytes(data[p:p + 4], "little")
        p += 4
    # 4. Where header_check is: after the model identifier and the content
    # size varint, which must end within 10 bytes.  Its other rules
    # (minimal, 64 bits, not 2^64-1) wait for 6.
    content_size, nbytes = None, 0
    if has_size:
        def truncated(_):
            return Invalid("truncated: the file ends inside a frame header at 0x%x "
                           "[§3]" % p)
        content_size, nbytes = read_varint(
            data, p, "invalid frame header: content_size", truncated)
    hdr_end = p + nbytes
    need(data, hdr_end, 2, "a frame header")
    stored = int.from_bytes(data[hdr_end:hdr_end + 2], "little")
    computed = check16(data[pos:hdr_end])
    said = [("content size" if has_size else "no content size"),
            ("checksum" if has_checksum else "no checksum")]
    if has_model:
        said.append("model identifier")
    field(trace, data, pos + 5, 1, "flags 0x%02x: %s" % (flags, ", ".join(said)))
    field(trace, data, pos + 6, 3, "block_size 0x%06x = %d" % (block_size, block_size))
    if has_model:
        field(trace, data, pos + 9, 4, "model_id 0x%08x" % model_id)
    if has_size:
        field(trace, data, hdr_end - nbytes, nbytes, "content_size %d (varint, %d "
              "byte%s)" % (content_size, nbytes, "s" if nbytes > 1 else ""))
    # 5. header_check.
    field(trace, data, hdr_end, 2, "header_check 0x%04x, check16 of 0x%04x..0x%04x "
          "= %s" % (stored, pos, hdr_end - 1, verdict(stored, computed, 4)))
    if computed is not None and stored != computed:
        raise Invalid("invalid frame header: header_check 0x%04x, computed 0x%04x "
                      "[§3.1]" % (stored, computed))
    # 6. The fields, block_size first.
    if not BLOCK_SIZE_MIN <= block_size <= BLOCK_SIZE_MAX:
        raise Invalid("invalid frame header: block_size %d out of 256..1048576 [§3.1]"
                      % block_size)
    if has_size:
        problem = varint_problem(data, hdr_end - nbytes, content_size, nbytes)
        if problem:
            raise Invalid("invalid frame header: content_size %s [§1, §3.1]" % problem)
        if content_size == (1 << 64) - 1:
            raise Invalid("invalid frame header: content_size 2^64-1 [§3.1]")
    # 7. The model; identifiers as 8 lower-case hex digits.
    if has_model:
        if model is None:
            raise Invalid("frame %d needs model %08x: give its model file with "
                          "--model [§3.1]" % (fno, model_id))
        if model.ident is not None and model.ident != model_id:
            raise Invalid("frame %d needs model %08x, but the model given is "
                          "%08x [§3.1]" % (fno, model_id, model.ident))
        trace("model 0x%08x: %s" % (model_id, "the model given" if model.ident
                                    is not None else "not compared (no XXH3)"))
    elif model is not None:
        raise Invalid("frame %d was made without a model, but one was given "
                      "(--model, identifier %s) [§3.1]" % (fno, model.ident_text()))
    pos = hdr_end + 2

    out = bytearray()
    frame_types = {}     # block type -> blocks of the frame
    code = None          # the frame's current code (§3.3)
    code_block = None
    bno = 0
    while True:
        need(data, pos, 1, "frame %d (no end mark)" % fno)
        tag = data[pos]
        if tag == END_MARK:
            break
        bno += 1
        trace("block %d at 0x%04x" % (bno, pos))
        trace.depth += 1
        where = "frame %d block %d at 0x%x: " % (fno, bno, pos)
        try:
            need(data, pos, 9, "a block header")
            btype, four = tag & 7, (tag >> 3) & 1
            size = int.from_bytes(data[pos + 1:pos + 4], "little") + 1
            psize = int.from_bytes(data[pos + 4:pos + 7], "little")
            stored = int.from_bytes(data[pos + 7:pos + 9], "little")
            computed = check16(data[pos:pos + 7])
            field(trace, data, pos, 1, "tag 0x%02x: type %d %s, %s%s" % (
                tag, btype, TYPE_NAMES.get(btype, "(reserved)"),
                "four streams" if four else "one stream",
                ", bits 4-7 = 0x%x" % (tag >> 4) if tag >> 4 else ""))
            field(trace, data, pos + 1, 3, "size_minus_1 %d: decoded size %d"
                  % (size - 1, size))
            field(trace, data, pos + 4, 3, "payload_size %d" % psize)
            field(trace, data, pos + 7, 2, "block_check 0x%04x, check16 of "
                  "0x%04x..0x%04x = %s" % (stored, pos, pos + 6,
                                           verdict(stored, computed, 4)))
            if computed is not None and stored != computed:
                raise Invalid("invalid block header: block_check 0x%04x, computed "
                              "0x%04x [§3.2]" % (stored, computed))
            if tag >> 4:
                raise Invalid("invalid block header: tag 0x%02x has bits 4-7 set "
                              "[§3.2]" % tag)
            if btype == TYPE_CONTEXT and version == 1:
                raise Invalid("invalid block header: block type 5 (context) in a "
                              "version 1 frame [§3.2, §9]")
            if btype > TYPE_CONTEXT:
                raise Invalid("invalid block header: reserved block type %d [§3.2]"
                              % btype)
            if size > block_size:
                raise Invalid("block size %d larger than the frame's block_size %d "
                              "[§3.2]" % (size, block_size))
            if btype == 0 and psize != size:
                raise Invalid("invalid block header: raw block with payload_size %d "
                              "!= decoded size %d [§3.2]" % (psize, size))
            if btype == 1 and psize != 1:
                raise Invalid("invalid block header: rle block with payload_size %d "
                              "!= 1 [§3.2]" % psize)
            if btype in (0, 1, TYPE_CONTEXT) and four:
                raise Invalid("invalid block header: four-streams bit on a %s block "
                              "[§3.2%s]" % (TYPE_NAMES[btype], ", §9.1"
                                            if btype == TYPE_CONTEXT else ""))
            if btype in (2, 3, 4, TYPE_CONTEXT):
                if not 1 <= psize < size:
                    raise Invalid("invalid block header: %s block with payload_size "
                                  "%d, not in 1..decoded size %d - 1 [§3.2]"
                                  % (TYPE_NAMES[btype], psize, size))
                if four and size < 16:  # (not a context block, just above)
                    raise Invalid("invalid block header: four streams for a decoded "
                                  "size of %d < 16 [§3.2]" % size)
            if content_size is not None and len(out) + size > content_size:
                raise Invalid("content size: block takes the frame to %d bytes, past "
                              "its content_size %d [§3.2]"
                              % (len(out) + size, content_size))
            pstart = pos + 9
            need(data, pstart, psize, "a block payload")
            pend = pstart + psize
            trace("payload %s" % span(pstart, pend))
            if btype == 0:
                out += data[pstart:pend]
            elif btype == 1:
                field(trace, data, pstart, 1, "byte %s, %d times"
                      % (byte_name(data[pstart]), size))
                out += bytes([data[pstart]]) * size
            elif btype == TYPE_CONTEXT:
                # Context blocks leave the current code as it is (§3.3, §9).
                read_context_block(data, pstart, pend, size, out, trace, bitwise)
            else:
                if btype == 2:
                    code, cstart = read_code_lengths(data, pstart, pend, trace)
                    code_block = bno
                    use = code
                elif btype == 3:
                    if code is None:
                        raise Invalid("repeat block before any huffman block in its "
                                      "frame [§3.3]")
                    trace("uses the current code, from block %d" % code_block)
                    cstart, use = pstart, code
                else:
                    # Model blocks leave the current code as it is (§3.3).
                    if not has_model:
                        raise Invalid("corrupt data: model block in a frame without "
                                      "a model identifier [§3.3]")
                    trace("uses the model's code, model 0x%08x (§8)" % model_id)
                    cstart, use = pstart, model.code
                decode_coded_data(data, cstart, pend, size, four, use, out, trace,
                                  bitwise)
            pos = pend
            frame_types[btype] = frame_types.get(btype, 0) + 1
        except Invalid as e:
            raise Invalid(where + str(e))
        trace.depth -= 1

    # §3.4 end mark: 07, then checksum32 if flag bit 1 is set.
    if has_checksum:
        need(data, pos, 5, "an end mark")
        field(trace, data, pos, 1, "end mark")
        stored = int.from_bytes(data[pos + 1:pos + 5], "little")
        computed = checksum32(out)
        field(trace, data, pos + 1, 4, "checksum32 0x%08x of the %d decoded bytes = %s"
              % (stored, len(out), verdict(stored, computed, 8)))
        if computed is not None and stored != computed:
            raise Invalid("frame %d: checksum mismatch: stored 0x%08x, computed "
                          "0x%08x [§3.4]" % (fno, stored, computed))
        pos += 5
    else:
        field(trace, data, pos, 1, "end mark, no checksum (flag bit 1 clear)")
        pos += 1
    if content_size is not None:
        trace("content_size %d, decoded %d: %s" % (
            content_size, len(out), "ok" if content_size == len(out) else "MISMATCH"))
        if content_size != len(out):
            raise Invalid("frame %d: content size mismatch: header says %d, decoded "
                          "%d [§3.4]" % (fno, content_size, len(out)))
    trace("frame %d: %s, version %d, %s, decodes to %d bytes"
          % (fno, span(start, pos), version, blocks_by_type(frame_types), len(out)))
    trace.depth -= 1
    if types is not None:
        for t, c in frame_types.items():
            types[t] = types.get(t, 0) + c
    return out, pos


def blocks_by_type(types):
    """"3 blocks (2 huffman, 1 context)" from {type: count}."""
    total = sum(types.values())
    return "%d block%s%s" % (total, "" if total == 1 else "s", " (%s)" % ", ".join(
        "%d %s" % (types[t], TYPE_NAMES[t]) for t in sorted(types)) if total else "")


def verdict(stored, computed, digits):
    if computed is None:
        return "not verified (no XXH3)"
    if stored == computed:
        return "ok"
    return "MISMATCH, computed 0x%0*x" % (digits, computed)


def decode_file(name, data, trace, model=None, bitwise=False):
    """Returns (contents, warning or None)."""
    trace("%s: %d bytes; XXH3-64 from %s" % (name, len(data), XXH3_NAME or "nowhere"))
    if not data:
        raise Invalid("empty file: a .huf file holds at least one frame [§2]")
    out = bytearray()
    pos = 0
    fno = 0
    types = {}
    while pos < len(data):
        rest = data[pos:pos + 4]
        if rest != MAGIC:
            if len(data) - pos < 4 and MAGIC.startswith(rest):
                raise Invalid("truncated: the file ends inside a frame header at "
                              "0x%x [§2]" % pos)
            if fno == 0:
                raise Invalid("not a .huf file: bad magic number [§3.1]")
            msg = ("warning: %d bytes of trailing garbage after frame %d ignored, "
                   "at 0x%x [§2]" % (len(data) - pos, fno, pos))
            trace(msg)
            return out, msg
        fno += 1
        frame, pos = read_frame(data, pos, fno, trace, model, bitwise, types)
        out += frame
    trace("%d frame%s, %s, %d bytes decoded" % (fno, "s" if fno > 1 else "",
                                              blocks_by_type(types), len(out)))
    return out, None


def read_input(name):
    """(display name, bytes); "-" is standard input.  OSError passes."""
    if name == "-":
        return "(stdin)", sys.stdin.buffer.read()
    with open(name, "rb") as f:
        return name, f.read()


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="hufdump", description="Reference decoder of the .huf format "
        "(FORMAT.md), with a field-by-field trace.",
        epilog="With --model and no FILE, only MODEL is checked (and traced "
        "with --trace), and its identifier printed as 'model_id 0x%08x'.  "
        "Exit status: 0 valid, 1 invalid (one line 'hufdump: FILE: problem'), "
        "2 trailing garbage ignored.")
    ap.add_argument("file", metavar="FILE", nargs="?",
                    help=".huf file, - for standard input")
    ap.add_argument("-o", "--output", metavar="OUT",
                    help="write the decoded bytes to OUT, not standard output")
    ap.add_argument("-t", "--test", action="store_true",
                    help="only check the file, write nothing")
    ap.add_argument("-M", "--model", metavar="MODEL",
                    help="model file (FORMAT.md section 8) for frames made with "
                    "a model; checked whole before FILE is read.  A frame "
                    "recording another model's identifier, or none, is an error")
    ap.add_argument("--trace", action="store_true",
                    help="print every field to standard error: the model "
                    "file's (with --model), then FILE's")
    ap.add_argument("--bitwise", action="store_true",
                    help="read every codeword bit by bit, as --trace shows "
                    "them, not by table lookup: slower, to cross-check the "
                    "tables")
    args = ap.parse_args(argv)
    if args.file is None and args.model is None:
        ap.error("give FILE, or --model MODEL to check a model file")
    if args.file is None and (args.output or args.test):
        ap.error("-o and -t need a FILE")
    if args.file == "-" and args.model == "-":
        ap.error("FILE and MODEL cannot both be standard input")
    trace = Trace(args.trace)
    if XXH3_64 is None:
        sys.stderr.write("hufdump: %s: warning: checks not verified: no XXH3 "
                         "available\n" % (args.file or args.model))

    model = None
    if args.model is not None:
        try:
            mname, mdata = read_input(args.model)
        except OSError as e:
            sys.stderr.write("hufdump: %s: %s\n" % (args.model, e.strerror))
            return 1
        trace("%s: XXH3-64 from %s" % (mname, XXH3_NAME or "nowhere"))
        try:
            model = read_model(mdata, trace)
        except Invalid as e:
            sys.stderr.write("hufdump: %s: %s\n" % (mname, e))
            return 1
        if args.file is None:
            sys.stdout.write("model_id %s\n" % model.ident_text())
            return 0

    try:
        name, data = read_input(args.file)
    except OSError as e:
        sys.stderr.write("hufdump: %s: %s\n" % (args.file, e.strerror))
        return 1
    try:
        out, warning = decode_file(name, data, trace, model, args.bitwise)
    except Invalid as e:
        sys.stderr.write("hufdump: %s: %s\n" % (name, e))
        return 1
    if not args.test:
        try:
            if args.output:
                with open(args.output, "wb") as f:
                    f.write(out)
            else:
                sys.stdout.buffer.write(out)
                sys.stdout.buffer.flush()
        except OSError as e:
            sys.stderr.write("hufdump: %s: %s\n" % (args.output or "(stdout)",
                                                    e.strerror))
            return 1
    if warning:
        sys.stderr.write("hufdump: %s: %s\n" % (name, warning))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
