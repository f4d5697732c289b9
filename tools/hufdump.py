#!/usr/bin/env python3
"""hufdump - reference decoder and tracer for the .huf format (FORMAT.md).

    python3 tools/hufdump.py [--trace] [-t] [-o OUT] FILE

Decodes every frame of FILE (or standard input for "-") and writes the
concatenated contents to standard output, or to OUT with -o; -t only checks.
Nothing is written unless the whole file is valid.  --trace prints every
field to standard error, the code-length tables bit by bit.

Written from FORMAT.md alone, without huff's source, to show that the
document is enough: the section signs in messages and comments (§3.1, ...)
are FORMAT.md's.  It is meant to be read, so it is plain and slow: bits are
read one at a time and codewords looked up in a dictionary.

Exit status: 0 valid; 1 invalid, with one line "hufdump: FILE: <problem>";
2 valid frames followed by trailing garbage (ignored with a warning, §2).

XXH3-64 (for check16 and checksum32, §1) comes from the first available of:
the Python module xxhash, libxxhash through ctypes, the program `xxhsum -H3`.
With none of them the checks are skipped with a warning.
"""

import argparse
import ctypes
import ctypes.util
import re
import shutil
import subprocess
import sys

MAGIC = b"\x89HUF"
VERSION = 1
BLOCK_SIZE_MIN = 256
BLOCK_SIZE_MAX = 1 << 20
END_MARK = 0x07
TYPE_NAMES = {0: "raw", 1: "rle", 2: "huffman", 3: "repeat"}
# §4: the order in which the precode lengths are stored.
PRECODE_ORDER = [17, 18, 0, 16, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
MAX_CODE_LEN = 15
MAX_PRECODE_LEN = 7
TRACE_CODEWORDS_BELOW = 64  # blocks smaller than this get every codeword traced


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

    def bits(self, sym):
        return format(self.codeword[sym], "0%db" % self.lengths[sym])


def kraft_complete(lengths, max_len):
    """§4.2: at least two non-zero lengths and sum 2^(max-l) = 2^max."""
    nz = [ln for ln in lengths if ln]
    total = sum(1 << (max_len - ln) for ln in nz)
    return len(nz) >= 2 and total == 1 << max_len, total


# --------------------------------------------------------------------------
# §4 code-length table

def read_code_lengths(data, start, end, trace):
    """Read the table of a huffman block at data[start:end].  Returns
    (CanonicalCode, offset of the first byte after the table)."""
    bad = "invalid code lengths: "
    trace("code-length table (§4)")
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

def decode_stream(data, start, end, count, code, out, trace, name, show):
    """Decode count codewords from the bit stream data[start:end]."""
    br = BitReader(data, start, end,
                   "corrupt data: %s runs out of bits (%d bytes for %d symbols) [§5]"
                   % (name, end - start, count))
    if show:
        trace("%s: %s, %d symbols:" % (name, span(start, end), count))
        trace.depth += 1
    for _ in range(count):
        p = br.pos
        sym, cw = br.symbol(code)
        out.append(sym)
        if show:
            trace("%s  codeword %-15s -> %s" % (bitpos(p), cw, byte_name(sym)))
    used = br.pos - start * 8
    p = br.pos
    if count == 0:
        if end != start:
            raise Invalid("corrupt data: %s holds 0 symbols but has %d bytes [§5]"
                          % (name, end - start))
        pad = ""
    else:
        pad = br.padding_to_byte()
        if "1" in pad:
            raise Invalid("corrupt data: non-zero padding bits '%s' at the end of "
                          "%s [§5]" % (pad, name))
        if br.pos != end * 8:
            raise Invalid("corrupt data: %s has %d unused whole bytes after its "
                          "last codeword [§5]" % (name, end - (br.pos >> 3)))
    if show:
        trace("%s  padding %d bits %s" % (bitpos(p), len(pad), pad or "(none)"))
        trace.depth -= 1
    else:
        trace("%s: %s, %d symbols in %d bits + %d padding bits"
              % (name, span(start, end), count, used, len(pad)))


def decode_coded_data(data, start, end, n, four, code, out, trace):
    show = n < TRACE_CODEWORDS_BELOW
    trace("coded data (§5), %s:" % ("four streams" if four else "one stream"))
    trace.depth += 1
    if not four:
        decode_stream(data, start, end, n, code, out, trace, "the stream", show)
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
            decode_stream(data, pos, pos + sizes[i], counts[i], code, out, trace,
                          "stream %d" % (i + 1), show)
            pos += sizes[i]
    trace.depth -= 1


# --------------------------------------------------------------------------
# §3 frames and blocks

def need(data, pos, size, what):
    if pos + size > len(data):
        raise Invalid("truncated: the file ends inside %s at 0x%x [§3]" % (what, pos))


def read_frame(data, pos, fno, trace):
    """Decode the frame at data[pos:].  Returns (contents, end offset)."""
    start = pos
    trace("frame %d at 0x%04x" % (fno, pos))
    trace.depth += 1

    # §3.1 frame header
    need(data, pos, 5, "a frame header")
    field(trace, data, pos, 4, "magic")
    version = data[pos + 4]
    field(trace, data, pos + 4, 1, "version %d" % version)
    if version != VERSION:
        raise Invalid("unsupported format version %d (this decoder knows %d) [§3.1]"
                      % (version, VERSION))
    flags = data[pos + 5]
    need(data, pos, 9, "a frame header")
    block_size = int.from_bytes(data[pos + 6:pos + 9], "little")
    has_size = flags & 1
    p = pos + 9
    content_size = None
    if has_size:
        # §1 varint: read up to 10 bytes to find where header_check is.
        # FORMAT.md says to verify header_check "before believing any other
        # field", but finding it needs flag bit 0 and the varint's length:
        # only an unterminated varint is rejected before the check, its
        # other rules (minimal, 64 bits, not 2^64-1) after it.
        content_size, shift, nbytes = 0, 0, 0
        while True:
            need(data, p + nbytes, 1, "a frame header")
            b = data[p + nbytes]
            content_size |= (b & 0x7F) << shift
            shift += 7
            nbytes += 1
            if not b & 0x80:
                break
            if nbytes == 10:
                raise Invalid("invalid frame header: content_size varint longer "
                              "than 10 bytes [§1, §3.1]")
    else:
        nbytes = 0
    need(data, p + nbytes, 2, "a frame header")
    hdr_end = p + nbytes
    stored = int.from_bytes(data[hdr_end:hdr_end + 2], "little")
    computed = check16(data[pos:hdr_end])
    flag_text = "flags 0x%02x: %s" % (
        flags, "content size present" if has_size else "no content size")
    if flags & 0xFE:
        flag_text += ", reserved bits 0x%02x set" % (flags & 0xFE)
    field(trace, data, pos + 5, 1, flag_text)
    field(trace, data, pos + 6, 3, "block_size 0x%06x = %d" % (block_size, block_size))
    if has_size:
        field(trace, data, p, nbytes, "content_size %d (varint, %d byte%s)"
              % (content_size, nbytes, "s" if nbytes > 1 else ""))
    field(trace, data, hdr_end, 2, "header_check 0x%04x, check16 of 0x%04x..0x%04x "
          "= %s" % (stored, pos, hdr_end - 1, verdict(stored, computed, 4)))
    if computed is not None and stored != computed:
        raise Invalid("invalid frame header: header_check 0x%04x, computed 0x%04x "
                      "[§3.1]" % (stored, computed))
    if has_size:
        if nbytes > 1 and data[hdr_end - 1] == 0:
            raise Invalid("invalid frame header: content_size varint not minimal "
                          "[§1, §3.1]")
        if content_size >= 1 << 64:
            raise Invalid("invalid frame header: content_size does not fit in 64 "
                          "bits [§1, §3.1]")
        if content_size == (1 << 64) - 1:
            raise Invalid("invalid frame header: content_size 2^64-1 [§3.1]")
    if flags & 0xFE:
        raise Invalid("unsupported flags 0x%02x: reserved flag bits set [§3.1]" % flags)
    if not BLOCK_SIZE_MIN <= block_size <= BLOCK_SIZE_MAX:
        raise Invalid("invalid frame header: block_size %d out of 256..1048576 [§3.1]"
                      % block_size)
    pos = hdr_end + 2

    out = bytearray()
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
            if btype > 3:
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
            if btype in (0, 1) and four:
                raise Invalid("invalid block header: four-streams bit on a %s block "
                              "[§3.2]" % TYPE_NAMES[btype])
            if btype in (2, 3):
                if not 1 <= psize < size:
                    raise Invalid("invalid block header: %s block with payload_size "
                                  "%d, not in 1..decoded size %d - 1 [§3.2]"
                                  % (TYPE_NAMES[btype], psize, size))
                if four and size < 16:
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
            else:
                if btype == 2:
                    code, cstart = read_code_lengths(data, pstart, pend, trace)
                    code_block = bno
                else:
                    if code is None:
                        raise Invalid("repeat block before any huffman block in its "
                                      "frame [§3.3]")
                    trace("uses the current code, from block %d" % code_block)
                    cstart = pstart
                decode_coded_data(data, cstart, pend, size, four, code, out, trace)
            pos = pend
        except Invalid as e:
            raise Invalid(where + str(e))
        trace.depth -= 1

    # §3.4 end mark
    need(data, pos, 5, "an end mark")
    field(trace, data, pos, 1, "end mark")
    stored = int.from_bytes(data[pos + 1:pos + 5], "little")
    computed = checksum32(out)
    field(trace, data, pos + 1, 4, "checksum32 0x%08x of the %d decoded bytes = %s"
          % (stored, len(out), verdict(stored, computed, 8)))
    if computed is not None and stored != computed:
        raise Invalid("frame %d: checksum mismatch: stored 0x%08x, computed 0x%08x "
                      "[§3.4]" % (fno, stored, computed))
    if content_size is not None:
        trace("content_size %d, decoded %d: %s" % (
            content_size, len(out), "ok" if content_size == len(out) else "MISMATCH"))
        if content_size != len(out):
            raise Invalid("frame %d: content size mismatch: header says %d, decoded "
                          "%d [§3.4]" % (fno, content_size, len(out)))
    pos += 5
    trace("frame %d: %s, decodes to %d bytes" % (fno, span(start, pos), len(out)))
    trace.depth -= 1
    return out, pos


def verdict(stored, computed, digits):
    if computed is None:
        return "not verified (no XXH3)"
    if stored == computed:
        return "ok"
    return "MISMATCH, computed 0x%0*x" % (digits, computed)


def decode_file(name, data, trace):
    """Returns (contents, warning or None)."""
    trace("%s: %d bytes; XXH3-64 from %s" % (name, len(data), XXH3_NAME or "nowhere"))
    if not data:
        raise Invalid("empty file: a .huf file holds at least one frame [§2]")
    out = bytearray()
    pos = 0
    fno = 0
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
        frame, pos = read_frame(data, pos, fno, trace)
        out += frame
    trace("%d frame%s, %d bytes decoded" % (fno, "s" if fno > 1 else "", len(out)))
    return out, None


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="hufdump", description="Reference decoder of the .huf format "
        "(FORMAT.md), with a field-by-field trace.")
    ap.add_argument("file", metavar="FILE", help=".huf file, - for standard input")
    ap.add_argument("-o", "--output", metavar="OUT",
                    help="write the decoded bytes to OUT, not standard output")
    ap.add_argument("-t", "--test", action="store_true",
                    help="only check the file, write nothing")
    ap.add_argument("--trace", action="store_true",
                    help="print every field to standard error")
    args = ap.parse_args(argv)
    name = args.file
    try:
        if name == "-":
            data = sys.stdin.buffer.read()
            name = "(stdin)"
        else:
            with open(name, "rb") as f:
                data = f.read()
    except OSError as e:
        sys.stderr.write("hufdump: %s: %s\n" % (name, e.strerror))
        return 1
    if XXH3_64 is None:
        sys.stderr.write("hufdump: %s: warning: checks not verified: no XXH3 "
                         "available\n" % name)
    try:
        out, warning = decode_file(name, data, Trace(args.trace))
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
