/*
 * block_decode.c - decode one block's payload
 *
 * A Huffman block is split in four streams (FORMAT.md "Huffman block") so
 * that four table lookups are in flight at once: a single stream's next
 * lookup depends on the previous one's length, which leaves the CPU idle
 * for most of each load's latency.
 *
 * Each stream has a 64-bit bit buffer refilled without branches (libdeflate's
 * trick): load 8 bytes at the read position, shift them in above the valid
 * bits, and advance by the whole bytes that fitted.  After a refill at least
 * 56 bits are valid, enough for 5 codes of 11 bits, 4 of 14, or 3 of 15.
 *
 * The fast loop runs while every stream has 8 readable bytes left and the
 * output segments have room for a whole round; it checks nothing else.
 * The careful loop finishes each stream, feeding zero bits past its end.
 * Whatever the input, no read leaves the payload and no write leaves the
 * block; at the end each stream must have used exactly its bytes, with zero
 * padding bits, or the block is corrupt.
 */
#include "block.h"

#include "code_table.h"
#include "model.h"

struct stream {
        uint64_t bits;
        unsigned avail;                 /* valid bits in bits */
        const uint8_t *next, *start, *end;
        size_t phantom;                 /* zero bytes supplied past end */
};

static void stream_init(struct stream *s, const uint8_t *src, size_t n)
{
        s->bits = 0;
        s->avail = 0;
        s->next = s->start = src;
        s->end = src + n;
        s->phantom = 0;
}

/* Needs 8 readable bytes at s->next. */
HUFF_INLINE void refill_fast(struct stream *s)
{
        s->bits |= load_le64(s->next) << s->avail;
        s->next += (63 - s->avail) >> 3;
        s->avail |= 56;
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

HUFF_INLINE uint8_t decode_one(struct stream *s, const huff_dec_entry *dt, uint64_t mask)
{
        huff_dec_entry e = dt[s->bits & mask];

        s->bits >>= e & 63;
        s->avail -= e & 63;
        return (uint8_t)(e >> 8);
}

/* Finish a stream symbol by symbol, then check it ended where it should. */
static enum huff_status finish_stream(struct stream *s, const huff_dec_entry *dt,
                                      unsigned table_log, uint8_t *op, uint8_t *oend)
{
        uint64_t mask = ((uint64_t)1 << table_log) - 1;
        uint64_t used, size = (uint64_t)(s->end - s->start);

        while (op < oend) {
                if (s->avail < table_log)
                        refill_careful(s);
                *op++ = decode_one(s, dt, mask);
        }
        /* In the fast loop bits above avail may hold bytes not yet counted;
         * here the buffer has been refilled byte by byte or not at all, so
         * the count is exact either way. */
        used = (uint64_t)(s->next - s->start + s->phantom) * 8 - s->avail;
        CORRUPT_IF(used > size * 8);
        CORRUPT_IF(size > 0 && used <= (size - 1) * 8);
        /* Padding bits in the last byte are zero. */
        CORRUPT_IF(s->bits & (((uint64_t)1 << (s->avail & 7)) - 1));
        return HUFF_OK;
}

/*
 * Four streams in lock step.  spr (symbols per refill) is a constant at
 * each call site so the rounds unroll.  The streams' state lives in local
 * copies for the fast loop: through the array the compiler would have to
 * assume the output stores may alias it and keep it in memory.
 */
#define FAST_REFILL(bits, avail, next) do {                             \
        bits |= load_le64(next) << avail;                               \
        next += (63 - avail) >> 3;                                      \
        avail |= 56;                                                    \
} while (0)

#define FAST_DECODE(bits, avail, op) do {                               \
        huff_dec_entry e_ = dt[bits & mask];                            \
        bits >>= e_ & 63;                                               \
        avail -= e_ & 63;                                               \
        *op++ = (uint8_t)(e_ >> 8);                                     \
} while (0)

HUFF_INLINE enum huff_status decode4(const huff_dec_entry *dt, unsigned table_log,
                                     struct stream s[4], uint8_t *dst, size_t n,
                                     const unsigned spr)
{
        const uint64_t mask = ((uint64_t)1 << table_log) - 1;
        size_t seg = (n + 3) / 4;
        uint8_t *op0 = dst, *op1 = dst + seg, *op2 = dst + 2 * seg, *op3 = dst + 3 * seg;
        uint8_t *oend3 = dst + n;

        if (op3 + spr <= oend3 &&
            s[0].end - s[0].next >= 8 && s[1].end - s[1].next >= 8 &&
            s[2].end - s[2].next >= 8 && s[3].end - s[3].next >= 8) {
                uint64_t b0 = 0, b1 = 0, b2 = 0, b3 = 0;
                unsigned a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                const uint8_t *n0 = s[0].next, *n1 = s[1].next, *n2 = s[2].next, *n3 = s[3].next;
                /* The last position each stream may load 8 bytes from. */
                const uint8_t *l0 = s[0].end - 8, *l1 = s[1].end - 8,
                              *l2 = s[2].end - 8, *l3 = s[3].end - 8;
                uint8_t *olim = oend3 - spr;

                do {
                        FAST_REFILL(b0, a0, n0);
                        FAST_REFILL(b1, a1, n1);
                        FAST_REFILL(b2, a2, n2);
                        FAST_REFILL(b3, a3, n3);
                        for (unsigned k = 0; k < spr; k++) {
                                FAST_DECODE(b0, a0, op0);
                                FAST_DECODE(b1, a1, op1);
                                FAST_DECODE(b2, a2, op2);
                                FAST_DECODE(b3, a3, op3);
                        }
                } while (op3 <= olim && n0 <= l0 && n1 <= l1 && n2 <= l2 && n3 <= l3);
                s[0].bits = b0; s[0].avail = a0; s[0].next = n0;
                s[1].bits = b1; s[1].avail = a1; s[1].next = n1;
                s[2].bits = b2; s[2].avail = a2; s[2].next = n2;
                s[3].bits = b3; s[3].avail = a3; s[3].next = n3;
        }
        TRY(finish_stream(&s[0], dt, table_log, op0, dst + seg));
        TRY(finish_stream(&s[1], dt, table_log, op1, dst + 2 * seg));
        TRY(finish_stream(&s[2], dt, table_log, op2, dst + 3 * seg));
        return finish_stream(&s[3], dt, table_log, op3, oend3);
}

HUFF_INLINE enum huff_status decode1(const huff_dec_entry *dt, unsigned table_log,
                                     struct stream *s, uint8_t *dst, size_t n,
                                     const unsigned spr)
{
        const uint64_t mask = ((uint64_t)1 << table_log) - 1;
        uint8_t *op = dst, *oend = dst + n;

        while (op + spr <= oend && s->end - s->next >= 8) {
                refill_fast(s);
                for (unsigned k = 0; k < spr; k++)
                        *op++ = decode_one(s, dt, mask);
        }
        return finish_stream(s, dt, table_log, op, oend);
}

static enum huff_status decode_streams(const huff_dec_entry *dt, unsigned tl, int four,
                                       const uint8_t *src, size_t src_size,
                                       uint8_t *dst, size_t n)
{
        struct stream s[HUFF_STREAMS];

        if (!four) {
                stream_init(&s[0], src, src_size);
                if (tl <= 11)
                        return decode1(dt, tl, &s[0], dst, n, 5);
                if (tl <= 14)
                        return decode1(dt, tl, &s[0], dst, n, 4);
                return decode1(dt, tl, &s[0], dst, n, 3);
        }

        FAIL_IF(src_size < HUFF_JUMP_TABLE_SIZE, HUFF_ERR_STREAM_SIZES);
        size_t sizes[HUFF_STREAMS], total = HUFF_JUMP_TABLE_SIZE;

        for (unsigned k = 0; k < HUFF_STREAMS - 1; k++) {
                sizes[k] = load_le24(src + 3 * k);
                total += sizes[k];
        }
        FAIL_IF(total > src_size, HUFF_ERR_STREAM_SIZES);
        sizes[3] = src_size - total;
        src += HUFF_JUMP_TABLE_SIZE;
        for (unsigned k = 0; k < HUFF_STREAMS; k++) {
                stream_init(&s[k], src, sizes[k]);
                src += sizes[k];
        }
        if (tl <= 11)
                return decode4(dt, tl, s, dst, n, 5);
        if (tl <= 14)
                return decode4(dt, tl, s, dst, n, 4);
        return decode4(dt, tl, s, dst, n, 3);
}

enum huff_status huff_block_decode(struct huff_block_decoder *bd,
                                   const struct huff_block_header *h,
                                   const uint8_t *src, uint8_t *dst)
{
        size_t n = h->decoded_size, size = h->payload_size;

        switch (h->type) {
        case HUFF_BLOCK_RAW:
                memcpy(dst, src, n);
                return HUFF_OK;
        case HUFF_BLOCK_RLE:
                memset(dst, src[0], n);
                return HUFF_OK;
        case HUFF_BLOCK_HUFFMAN: {
                uint8_t lens[256];
                size_t table_size;
                unsigned longest;

                /* A failed table leaves no code for later repeat blocks. */
                bd->have_code = 0;
                TRY(huff_table_read(src, size, lens, &longest, &table_size));
                huff_canon_dec_table(lens, 256, longest, bd->table);
                bd->table_log = longest;
                bd->have_code = 1;
                return decode_streams(bd->table, bd->table_log, h->four_streams,
                                      src + table_size, size - table_size, dst, n);
        }
        case HUFF_BLOCK_REPEAT:
                CORRUPT_IF(!bd->have_code);
                return decode_streams(bd->table, bd->table_log, h->four_streams,
                                      src, size, dst, n);
        case HUFF_BLOCK_MODEL:
                /* The frame header said a model is needed and the stream
                 * layer checked it is this one; without one it is corrupt. */
                CORRUPT_IF(!bd->model);
                return decode_streams(bd->model->dec, bd->model->longest, h->four_streams,
                                      src, size, dst, n);
        case HUFF_BLOCK_TYPES:
                break;
        }
        return HUFF_ERR_CORRUPT;
}
