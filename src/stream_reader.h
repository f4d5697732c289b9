/*
 * stream_reader.h - the bit reader of one coded stream (FORMAT.md 5, 9.1),
 * shared by the decoders of the Huffman-coded types (huffman_decode.c) and
 * of context blocks (context_decode.c)
 *
 * Each stream has a 64-bit bit buffer refilled without branches (libdeflate's
 * trick): load 8 bytes at the read position, shift them in above the valid
 * bits, and advance by the whole bytes that fitted.  After a refill at least
 * 56 bits are valid, enough for 5 codes of 11 bits, 4 of 14, or 3 of 15.
 * That refill needs 8 readable bytes; near a stream's end the careful
 * refill goes byte by byte and supplies zero bits past it, counted, so
 * that the end check below knows how many bits were really there.
 *
 * The fast loops keep each stream's state in scalars of their own (see
 * huffman_decode.c) and use FAST_REFILL on them; struct stream holds the
 * state between the loops.  Static inline only: both decoders' loops are
 * built around these.
 */
#ifndef HUFF_STREAM_READER_H
#define HUFF_STREAM_READER_H

#include "common.h"

struct stream {
        uint64_t bits;
        unsigned avail;                 /* valid bits in bits */
        const uint8_t *next, *start, *end;
        size_t phantom;                 /* zero bytes supplied past end */
};

HUFF_INLINE void stream_init(struct stream *s, const uint8_t *src, size_t n)
{
        s->bits = 0;
        s->avail = 0;
        s->next = s->start = src;
        s->end = src + n;
        s->phantom = 0;
}

HUFF_INLINE void refill_careful(struct stream *s)
{
        while (s->avail <= 56) {
                if (s->next < s->end)
                        s->bits |= (uint64_t)*s->next++ << s->avail;
                else
                        s->phantom++;   /* zero bits: the buffer is 0 above avail */
                s->avail += 8;
        }
}

/*
 * After a stream's last symbol: it must have ended in its last byte
 * (FORMAT.md 5) with zero padding bits.  Running out of bits (the careful
 * refill supplied some), or leaving whole bytes unused, is corrupt data.
 * In the fast loops bits above avail may hold bytes not yet counted; the
 * careful loop has refilled byte by byte since, or not at all, so the
 * count is exact either way.
 */
HUFF_INLINE enum huff_status stream_check_end(const struct stream *s)
{
        uint64_t used, size = (uint64_t)(s->end - s->start);

        used = (uint64_t)(s->next - s->start + s->phantom) * 8 - s->avail;
        CORRUPT_IF(used > size * 8);
        CORRUPT_IF(size > 0 && used <= (size - 1) * 8);
        /* Padding bits in the last byte are zero. */
        CORRUPT_IF(s->bits & (((uint64_t)1 << (s->avail & 7)) - 1));
        return HUFF_OK;
}

/*
 * avail is kept libdeflate's way in the fast loops: a lookup subtracts
 * more than the bits it takes (the whole entry, or the length byte with
 * flags above it), but always a multiple of 64 more, so avail's low 6 bits
 * stay exact (a code never takes more bits than are valid, and at most 63
 * are) and only they are used.  That saves masking the length out of
 * every entry.
 */
#define FAST_REFILL(bits, avail, next) do {                             \
        bits |= load_le64(next) << (avail & 63);                        \
        next += 7 - ((avail >> 3) & 7);                                 \
        avail = (avail & 63) | 56;                                      \
} while (0)

/* Rounds that are safe from here: each advances a stream by at most 7
 * bytes, and a refill needs 8 readable bytes (last = the stream's end - 8,
 * only meaningful for a stream of 8 bytes or more). */
HUFF_INLINE size_t safe_rounds(const uint8_t *next, const uint8_t *last, size_t r)
{
        if (next > last)
                return 0;
        return HUFF_MIN(r, (size_t)(last - next) / 7 + 1);
}

/* One 4-byte store of a multi-symbol entry: its symbols, from its low
 * byte up, in memory order. */
HUFF_INLINE void store32_fast(uint8_t *p, uint32_t v)
{
        if (HUFF_BIG_ENDIAN)
                v = (uint32_t)(huff_bswap64(v) >> 32);
        memcpy(p, &v, 4);
}

#endif
