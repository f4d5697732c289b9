/*
 * bitstream.h - LSB-first bit writer and careful bit reader
 *
 * The format packs bits from the least significant bit of each byte up
 * (FORMAT.md 1).  The writer keeps up to 63 pending bits in a
 * 64-bit register and flushes whole bytes with one unaligned 8-byte store,
 * so the buffer needs 8 bytes of slack past the last byte it will keep.
 *
 * The reader here is the careful one, for headers and code tables: it never
 * reads past its end, supplies zero bits there and counts the zero bytes it
 * supplied, so that a caller can tell how many bits it really consumed.
 * The block decoder has its own fast four-stream loop (huffman_decode.c).
 */
#ifndef HUFF_BITSTREAM_H
#define HUFF_BITSTREAM_H

#include "common.h"

struct huff_bitwriter {
        uint64_t bits;      /* pending bits, the oldest at bit 0 */
        unsigned count;     /* number of pending bits, <= 63 */
        uint8_t *next;      /* where the next whole byte goes */
};

HUFF_INLINE void bw_init(struct huff_bitwriter *bw, uint8_t *dst)
{
        bw->bits = 0;
        bw->count = 0;
        bw->next = dst;
}

/* Append n bits of v (v < 2^n); the caller keeps count + n <= 63. */
HUFF_INLINE void bw_put(struct huff_bitwriter *bw, uint64_t v, unsigned n)
{
        HUFF_ASSERT(bw->count + n <= 63);
        bw->bits |= v << bw->count;
        bw->count += n;
}

/* Write the whole pending bytes; leaves count <= 7.  Needs 8 bytes room. */
HUFF_INLINE void bw_flush(struct huff_bitwriter *bw)
{
        store_le64(bw->next, bw->bits);
        bw->next += bw->count >> 3;
        bw->bits >>= bw->count & 56;
        bw->count &= 7;
}

/* Flush and pad the last byte with zero bits; returns the end of the data. */
HUFF_INLINE uint8_t *bw_finish(struct huff_bitwriter *bw)
{
        bw_flush(bw);
        if (bw->count) {
                *bw->next++ = (uint8_t)bw->bits;
                bw->bits = 0;
                bw->count = 0;
        }
        return bw->next;
}

struct huff_bitreader {
        const uint8_t *next, *end;
        uint64_t bits;
        unsigned avail;     /* valid bits in bits */
        unsigned overrun;   /* zero bytes supplied past the end */
};

HUFF_INLINE void br_init(struct huff_bitreader *br, const uint8_t *src, size_t n)
{
        br->next = src;
        br->end = src + n;
        br->bits = 0;
        br->avail = 0;
        br->overrun = 0;
}

/* Make at least n (<= 32) bits available, byte by byte. */
HUFF_INLINE void br_need(struct huff_bitreader *br, unsigned n)
{
        while (br->avail < n) {
                if (br->next < br->end)
                        br->bits |= (uint64_t)*br->next++ << br->avail;
                else
                        br->overrun++;
                br->avail += 8;
        }
}

HUFF_INLINE uint32_t br_peek(struct huff_bitreader *br, unsigned n)
{
        br_need(br, n);
        return (uint32_t)(br->bits & (((uint64_t)1 << n) - 1));
}

HUFF_INLINE void br_skip(struct huff_bitreader *br, unsigned n)
{
        HUFF_ASSERT(n <= br->avail);
        br->bits >>= n;
        br->avail -= n;
}

HUFF_INLINE uint32_t br_get(struct huff_bitreader *br, unsigned n)
{
        uint32_t v = br_peek(br, n);

        br_skip(br, n);
        return v;
}

#endif
