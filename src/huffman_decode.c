/*
 * huffman_decode.c - the block types coded with a Huffman code (huffman,
 * repeat, model), decoded
 *
 * A Huffman block is split in four streams (FORMAT.md 5) so
 * that four table lookups are in flight at once: a single stream's next
 * lookup depends on the previous one's length, which leaves the CPU idle
 * for most of each load's latency.  Each stream is read with the
 * branchless refill of stream_reader.h.
 *
 * The fast loop runs while every stream has 8 readable bytes left and the
 * output segments have room for a whole round; it checks nothing else.
 * The careful loop finishes each stream, feeding zero bits past its end.
 * Whatever the input, no read leaves the payload and no write leaves the
 * block; at the end each stream must have used exactly its bytes, with zero
 * padding bits, or the block is corrupt.
 */
#include "block_state.h"

#include "code_table.h"
#include "decode_x86_64.h"
#include "model.h"
#include "stream_reader.h"

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

        while (op < oend) {
                if (s->avail < table_log)
                        refill_careful(s);
                *op++ = decode_one(s, dt, mask);
        }
        return stream_check_end(s);
}

/*
 * Four streams in lock step.  spr (symbols per refill) is a constant at
 * each call site and the rounds are written out: gcc -O2 keeps a loop over
 * them, with its counter and a pointer increment per symbol.  The streams'
 * state lives in local copies for the fast loop: through the array the
 * compiler would have to assume the output stores may alias it and keep it
 * in memory.  avail is kept libdeflate's way (stream_reader.h).
 */
#define FAST_DECODE(bits, avail, op, k) do {                            \
        huff_dec_entry e_ = dt[bits & mask];                            \
        bits >>= e_ & 63;                                               \
        avail -= e_;                                                    \
        op[k] = (uint8_t)(e_ >> 8);                                     \
} while (0)

#define FAST_ROUND(k) do {                                              \
        FAST_DECODE(b0, a0, op0, k);                                    \
        FAST_DECODE(b1, a1, op1, k);                                    \
        FAST_DECODE(b2, a2, op2, k);                                    \
        FAST_DECODE(b3, a3, op3, k);                                    \
} while (0)

/* Whether every stream has the 8 bytes a fast refill loads. */
HUFF_INLINE int fast_possible(const struct stream s[4])
{
        return s[0].end - s[0].start >= 8 && s[1].end - s[1].start >= 8 &&
               s[2].end - s[2].start >= 8 && s[3].end - s[3].start >= 8;
}

/*
 * The four-stream loops keep their state in locals that each loop
 * declares: b0..b3 (bits), a0..a3 (valid bit counts), n0..n3 (read
 * positions) and l0..l3 (the last position each may load 8 bytes from),
 * which the macros below name.  Separate scalars, not s[] nor a struct:
 * through s[] the compiler would have to assume that the output stores may
 * alias the state and keep it in memory, and gcc -O2 does not split a
 * struct of 112 bytes into registers (measured: the C loop ran 9% more
 * instructions with one).  FAST_STATE_LOAD sets them from fresh streams,
 * whose bit buffers start empty; FAST_STATE_SAVE puts them back.
 */
#define FAST_STATE_LOAD() do {                                          \
        b0 = b1 = b2 = b3 = 0;                                          \
        a0 = a1 = a2 = a3 = 0;                                          \
        n0 = s[0].next; n1 = s[1].next; n2 = s[2].next; n3 = s[3].next; \
        l0 = s[0].end - 8; l1 = s[1].end - 8;                           \
        l2 = s[2].end - 8; l3 = s[3].end - 8;                           \
} while (0)

#define FAST_STATE_SAVE() do {                                          \
        s[0].bits = b0; s[0].avail = a0 & 63; s[0].next = n0;          \
        s[1].bits = b1; s[1].avail = a1 & 63; s[1].next = n1;          \
        s[2].bits = b2; s[2].avail = a2 & 63; s[2].next = n2;          \
        s[3].bits = b3; s[3].avail = a3 & 63; s[3].next = n3;          \
} while (0)

/* r, lowered to the rounds every stream's input allows. */
#define FAST_INPUT_ROUNDS(r) do {                                       \
        r = safe_rounds(n0, l0, r);                                     \
        r = safe_rounds(n1, l1, r);                                     \
        r = safe_rounds(n2, l2, r);                                     \
        r = safe_rounds(n3, l3, r);                                     \
} while (0)

#define FAST_REFILL4() do {                                             \
        FAST_REFILL(b0, a0, n0);                                        \
        FAST_REFILL(b1, a1, n1);                                        \
        FAST_REFILL(b2, a2, n2);                                        \
        FAST_REFILL(b3, a3, n3);                                        \
} while (0)

/* The careful tails of the four streams, each up to its segment's end. */
static enum huff_status finish4(struct stream s[4], const huff_dec_entry *dt,
                                unsigned table_log, uint8_t *const op[4],
                                uint8_t *const oend[4])
{
        for (unsigned k = 0; k < HUFF_STREAMS; k++)
                TRY(finish_stream(&s[k], dt, table_log, op[k], oend[k]));
        return HUFF_OK;
}

HUFF_INLINE enum huff_status decode4(const huff_dec_entry *dt, unsigned table_log,
                                     struct stream s[4], uint8_t *dst, size_t n,
                                     const unsigned spr)
{
        const uint64_t mask = ((uint64_t)1 << table_log) - 1;
        size_t seg = (n + 3) / 4;
        uint8_t *op0 = dst, *op1 = dst + seg, *op2 = dst + 2 * seg, *op3 = dst + 3 * seg;
        uint8_t *oend3 = dst + n;

        if (fast_possible(s)) {
                uint64_t b0, b1, b2, b3;
                unsigned a0, a1, a2, a3;
                const uint8_t *n0, *n1, *n2, *n3, *l0, *l1, *l2, *l3;

                FAST_STATE_LOAD();

                /* Bounds are checked once per batch of rounds, not per
                 * round: the count of rounds every stream can take,
                 * recomputed until none. */
                for (;;) {
                        size_t r = (size_t)(oend3 - op3) / spr;

                        FAST_INPUT_ROUNDS(r);
                        if (r == 0)
                                break;
                        do {
                                FAST_REFILL4();
                                FAST_ROUND(0);
                                FAST_ROUND(1);
                                FAST_ROUND(2);
                                if (spr >= 4) FAST_ROUND(3);
                                if (spr >= 5) FAST_ROUND(4);
                                op0 += spr; op1 += spr; op2 += spr; op3 += spr;
                        } while (--r);
                }
                FAST_STATE_SAVE();
        }
        {
                uint8_t *const op[4] = { op0, op1, op2, op3 };
                uint8_t *const oend[4] = { dst + seg, dst + 2 * seg, dst + 3 * seg, oend3 };

                return finish4(s, dt, table_log, op, oend);
        }
}

/*
 * Up to three symbols a lookup.  A lookup in a single-symbol table yields
 * one symbol after a load whose address depends on the previous lookup, and
 * costs about ten instructions, most of them the same whatever the entry
 * gives; when codes are short, the table_log bits of a lookup usually hold
 * two or three whole codewords, and one lookup can give them all.  Entry
 * (32 bits, from the low byte up): the first, second and third symbol,
 * then one byte of the bits the lookup consumes (all its codewords, never
 * more than table_log; low 6 bits) and the number of symbols (1 to 3; top
 * 2 bits).  All four bytes are always stored, so the symbols' store is one
 * instruction, and the output advances by the count; each stream's fast
 * loop keeps room for the byte past the third symbol.
 */
#define MULTI_COUNT_SHIFT 30
#define MULTI_LEN_SHIFT 24

/*
 * Building the table.  Index bits come LSB first, codewords MSB first
 * (FORMAT.md 4.3), so in the bit-reversed index J the first
 * codeword is J's top bits: the entries of each first symbol form one
 * range of J, the codeword's canonical value times the range's size, and
 * so on inside it for the second and third symbols.  The table is filled
 * range by range, never looking a codeword up: a table per block is 2^11
 * entries, and looking up three codewords for each cost more than the
 * decoding of a 4 KiB block.  A range [j, j + 2^k) of J, j a multiple of
 * 2^k, is the entries huff_bitrev(j, tl) + m * 2^(tl - k), 0 <= m < 2^k.
 */
/* An entry of count symbols (packed in syms) taking used bits. */
static uint32_t multi_entry(uint32_t syms, unsigned used, unsigned count)
{
        return syms | (uint32_t)used << MULTI_LEN_SHIFT | (uint32_t)count << MULTI_COUNT_SHIFT;
}

/* The range [j, j + 2^k) of J, all one entry. */
static void fill_range(uint32_t *mt, unsigned tl, uint32_t j, unsigned k, uint32_t e)
{
        uint32_t *p = mt + huff_bitrev(j, tl);
        uint32_t step = (uint32_t)1 << (tl - k), n = (uint32_t)1 << k;

        for (uint32_t m = 0; m < n; m++)
                p[m * step] = e;
}

/*
 * The range [j, j + 2^b) of J after two symbols that took used bits: its
 * entry m is huff_bitrev(j, tl) + (x << used), where x is the next b bits
 * LSB first, whose third codeword, if it fits in b bits, the single-symbol
 * table gives (x has no bits above b).  Branch-free: whether it fits depends on
 * x, which no predictor follows.
 */
static void fill_third(uint32_t *mt, unsigned tl, const huff_dec_entry *dt,
                       uint32_t j, unsigned b, uint32_t syms, unsigned used)
{
        uint32_t *p = mt + huff_bitrev(j, tl);

        for (uint32_t x = 0; x < (uint32_t)1 << b; x++) {
                huff_dec_entry d = dt[x];
                uint32_t l = d & 63, fits = l <= b;

                p[x << used] = multi_entry(syms | ((uint32_t)(uint8_t)(d >> 8) << 16 & -fits),
                                           used + (l & -fits), 2 + fits);
        }
}

/*
 * Fill mt[0 .. 2^tl) for the code lens, whose single-symbol table is dt
 * (complete, longest <= tl <= HUFF_MULTI_LOG_MAX).  Returns whether two
 * symbols or more come out of at least half the entries, a fair estimate
 * of how often a lookup gives more than one (an index is hit with about
 * the probability of its codeword); below that the wider entries and the
 * variable output steps cost more than they save.
 */
static int build_multi(const uint8_t lens[256], const huff_dec_entry *dt,
                       unsigned tl, uint32_t *mt)
{
        uint8_t sym[256], len[256];     /* canonical order */
        unsigned n_fit[HUFF_MULTI_LOG_MAX + 1] = { 0 }, at[HUFF_MULTI_LOG_MAX + 1], n;
        uint32_t several = 0, j1 = 0;

        HUFF_ASSERT(tl <= HUFF_MULTI_LOG_MAX);
        for (unsigned s = 0; s < 256; s++)
                n_fit[lens[s]]++;
        n_fit[0] = 0;
        for (unsigned l = 1; l <= tl; l++) {
                at[l] = n_fit[l - 1];
                n_fit[l] += n_fit[l - 1];       /* codewords of at most l bits */
        }
        for (unsigned s = 0; s < 256; s++) {
                if (lens[s]) {
                        sym[at[lens[s]]] = (uint8_t)s;
                        len[at[lens[s]]++] = lens[s];
                }
        }
        n = n_fit[tl];
        /* Canonical codewords in order tile J: each takes 2^(bits left). */
        for (unsigned i1 = 0; i1 < n; i1++) {
                unsigned b1 = tl - len[i1];
                uint32_t j2 = j1, end = j1 + ((uint32_t)1 << b1);

                for (unsigned i2 = 0; i2 < n_fit[b1]; i2++) {
                        unsigned b2 = b1 - len[i2];
                        uint32_t syms = sym[i1] | (uint32_t)sym[i2] << 8;

                        if (b2 >= len[0])
                                fill_third(mt, tl, dt, j2, b2, syms, len[i1] + len[i2]);
                        else
                                fill_range(mt, tl, j2, b2,
                                           multi_entry(syms, len[i1] + len[i2], 2));
                        several += (uint32_t)1 << b2;
                        j2 += (uint32_t)1 << b2;
                }
                /* Where the second codeword is longer than b1 bits: not a
                 * power of two in general, entry by entry. */
                for (; j2 < end; j2++)
                        mt[huff_bitrev(j2, tl)] = multi_entry(sym[i1], len[i1], 1);
                j1 = end;
        }
        return several * 2 >= (uint32_t)1 << tl;
}

/* The length byte is subtracted whole: its count bits are a multiple of
 * 64 (see FAST_REFILL), and a shift takes its count modulo 64 on every
 * machine we know but C does not promise it, hence the & 63. */
#define MULTI_DECODE(bits, avail, op) do {                              \
        uint32_t e_ = mt[bits & mask];                                  \
        store32_fast(op, e_);                                           \
        bits >>= (e_ >> MULTI_LEN_SHIFT) & 63;                          \
        avail -= e_ >> MULTI_LEN_SHIFT;                                 \
        op += e_ >> MULTI_COUNT_SHIFT;                                  \
} while (0)

#define MULTI_ROUND() do {                                              \
        MULTI_DECODE(b0, a0, op0);                                      \
        MULTI_DECODE(b1, a1, op1);                                      \
        MULTI_DECODE(b2, a2, op2);                                      \
        MULTI_DECODE(b3, a3, op3);                                      \
} while (0)

/* Rounds of 5 lookups a stream with room for each: a code of at most 11
 * bits, 5 lookups per refill, each advancing at most 3 bytes and storing
 * 4, so 16 bytes a round. */
HUFF_INLINE size_t room_rounds(const uint8_t *op, const uint8_t *oend, size_t r)
{
        return HUFF_MIN(r, (size_t)(oend - op) / 16);
}

/*
 * The four-stream loop stops at the first stream that nears its end, when
 * the others may still have hundreds of symbols to go: each finishes with
 * the same lookups, one stream at a time, and only its last few symbols
 * go through the careful loop.
 */
static enum huff_status finish4_multi(const uint32_t *mt, const huff_dec_entry *dt,
                                      const unsigned table_log, struct stream s[4],
                                      uint8_t *const op_[4], uint8_t *const oend[4])
{
        const uint64_t mask = ((uint64_t)1 << table_log) - 1;

        for (unsigned k = 0; k < HUFF_STREAMS; k++) {
                uint64_t bits = s[k].bits;
                unsigned avail = s[k].avail;
                const uint8_t *next = s[k].next, *last = s[k].end - 8;
                uint8_t *op = op_[k];

                if (s[k].end - s[k].start >= 8) {
                        for (;;) {
                                size_t r = room_rounds(op, oend[k], SIZE_MAX);

                                r = safe_rounds(next, last, r);
                                if (r == 0)
                                        break;
                                do {
                                        FAST_REFILL(bits, avail, next);
                                        MULTI_DECODE(bits, avail, op);
                                        MULTI_DECODE(bits, avail, op);
                                        MULTI_DECODE(bits, avail, op);
                                        MULTI_DECODE(bits, avail, op);
                                        MULTI_DECODE(bits, avail, op);
                                } while (--r);
                        }
                        s[k].bits = bits;
                        s[k].avail = avail & 63;
                        s[k].next = next;
                }
                TRY(finish_stream(&s[k], dt, table_log, op, oend[k]));
        }
        return HUFF_OK;
}

#if HUFF_DECODE_X86_64
/*
 * Stream k of the assembly's state (decode_x86_64.h) from the C loop's
 * avail (low 6 bits valid) and f->next[k], its bits being those before next: the word is loaded again
 * from the byte that holds the first unread bit.  That byte is at most
 * next, so the load stays where the C loop's next refill would be.
 */
HUFF_INLINE void to_sentinel(struct huff_fast4 *f, unsigned k, unsigned avail)
{
        unsigned a = avail & 63, back = (a + 7) >> 3;
        const uint8_t *p = f->next[k] - back;

        f->next[k] = p;
        f->bits[k] = (load_le64(p) | (uint64_t)1 << 63) >> (back * 8 - a);
}

/* And back: the unread bits of the byte the sentinel points into. */
HUFF_INLINE void from_sentinel(const struct huff_fast4 *f, unsigned k, uint64_t *bits,
                               unsigned *avail, const uint8_t **next)
{
        unsigned used = huff_clz64(f->bits[k]), r = used & 7;
        const uint8_t *p = f->next[k] + (used >> 3);

        *bits = r ? (uint64_t)(*p >> r) : 0;
        *avail = r ? 8 - r : 0;
        *next = r ? p + 1 : p;
}

static void fast4_x86_64(struct huff_fast4 *f, uint64_t mask)
{
        int lz = huff_x86_64_has_lzcnt();

        if (mask == ((uint64_t)1 << HUFF_MULTI_LOG_MIN) - 1)
                (lz ? huff_decode4_multi_x86_64_8 : huff_decode4_multi_x86_64_8_bsr)(f);
        else
                (lz ? huff_decode4_multi_x86_64_11 : huff_decode4_multi_x86_64_11_bsr)(f);
}
#endif

HUFF_INLINE enum huff_status decode4_multi(const uint32_t *mt, const huff_dec_entry *dt,
                                           const unsigned table_log, struct stream s[4],
                                           uint8_t *dst, size_t n)
{
        const uint64_t mask = ((uint64_t)1 << table_log) - 1;
        size_t seg = (n + 3) / 4;
        uint8_t *op0 = dst, *op1 = dst + seg, *op2 = dst + 2 * seg, *op3 = dst + 3 * seg;
        uint8_t *oe0 = op1, *oe1 = op2, *oe2 = op3, *oe3 = dst + n;

        HUFF_ASSERT(table_log <= HUFF_MULTI_LOG_MAX);
        if (fast_possible(s)) {
                uint64_t b0, b1, b2, b3;
                unsigned a0, a1, a2, a3;
                const uint8_t *n0, *n1, *n2, *n3, *l0, *l1, *l2, *l3;

                FAST_STATE_LOAD();

                for (;;) {
                        size_t r = room_rounds(op0, oe0, SIZE_MAX);

                        r = room_rounds(op1, oe1, r);
                        r = room_rounds(op2, oe2, r);
                        r = room_rounds(op3, oe3, r);
                        FAST_INPUT_ROUNDS(r);
                        if (r == 0)
                                break;
#if HUFF_DECODE_X86_64
                        struct huff_fast4 f = {
                                { 0 }, { op0, op1, op2, op3 }, { n0, n1, n2, n3 }, mt, r
                        };

                        to_sentinel(&f, 0, a0);
                        to_sentinel(&f, 1, a1);
                        to_sentinel(&f, 2, a2);
                        to_sentinel(&f, 3, a3);
                        fast4_x86_64(&f, mask);
                        from_sentinel(&f, 0, &b0, &a0, &n0);
                        from_sentinel(&f, 1, &b1, &a1, &n1);
                        from_sentinel(&f, 2, &b2, &a2, &n2);
                        from_sentinel(&f, 3, &b3, &a3, &n3);
                        op0 = f.op[0]; op1 = f.op[1]; op2 = f.op[2]; op3 = f.op[3];
#else
                        do {
                                FAST_REFILL4();
                                MULTI_ROUND();
                                MULTI_ROUND();
                                MULTI_ROUND();
                                MULTI_ROUND();
                                MULTI_ROUND();
                        } while (--r);
#endif
                }
                FAST_STATE_SAVE();
        }
        {
                uint8_t *const op[4] = { op0, op1, op2, op3 };
                uint8_t *const oend[4] = { oe0, oe1, oe2, oe3 };

                return finish4_multi(mt, dt, table_log, s, op, oend);
        }
}

/*
 * One stream: its state in locals for the same reason as the four-stream
 * loops' (a byte store may alias anything a pointer reaches), the rounds
 * written out, and the bounds checked once per batch of rounds.  Through
 * struct stream and a loop over the rounds it ran 15 instructions a symbol
 * (a 3.7 KB file), the four-stream loop's 6 to 7.
 */
HUFF_INLINE enum huff_status decode1(const huff_dec_entry *dt, unsigned table_log,
                                     struct stream *s, uint8_t *dst, size_t n,
                                     const unsigned spr)
{
        const uint64_t mask = ((uint64_t)1 << table_log) - 1;
        uint8_t *op = dst, *oend = dst + n;

        if (s->end - s->start >= 8) {
                uint64_t b0 = 0;
                unsigned a0 = 0;
                const uint8_t *n0 = s->next, *l0 = s->end - 8;

                for (;;) {
                        size_t r = safe_rounds(n0, l0, (size_t)(oend - op) / spr);

                        if (r == 0)
                                break;
                        do {
                                FAST_REFILL(b0, a0, n0);
                                FAST_DECODE(b0, a0, op, 0);
                                FAST_DECODE(b0, a0, op, 1);
                                FAST_DECODE(b0, a0, op, 2);
                                if (spr >= 4) FAST_DECODE(b0, a0, op, 3);
                                if (spr >= 5) FAST_DECODE(b0, a0, op, 4);
                                op += spr;
                        } while (--r);
                }
                s->bits = b0;
                s->avail = a0 & 63;
                s->next = n0;
        }
        return finish_stream(s, dt, table_log, op, oend);
}

static enum huff_status decode_streams(const huff_dec_entry *dt, const uint32_t *mt,
                                       unsigned tl, int four,
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
        /* The multi-symbol tables come in two widths (see
         * huff_block_decode), so the index mask is a constant. */
        if (mt && tl == HUFF_MULTI_LOG_MIN)
                return decode4_multi(mt, dt, HUFF_MULTI_LOG_MIN, s, dst, n);
        if (mt)
                return decode4_multi(mt, dt, HUFF_MULTI_LOG_MAX, s, dst, n);
        if (tl <= 11)
                return decode4(dt, tl, s, dst, n, 5);
        if (tl <= 14)
                return decode4(dt, tl, s, dst, n, 4);
        return decode4(dt, tl, s, dst, n, 3);
}

/* Whether the block h is worth a multi-symbol table (HUFF_MULTI_MIN_BYTES):
 * one stream is not, the table's loop being for four. */
static int multi_worth(const struct huff_block_header *h)
{
        return h->four_streams && h->decoded_size >= HUFF_MULTI_MIN_BYTES;
}

/*
 * Make the table at src[0..size) bd's current code; *table_size is its
 * length.  multi: the block that brings it is worth a multi-symbol table.
 */
static enum huff_status load_code(struct huff_block_decoder *bd, const uint8_t *src,
                                  size_t size, int multi, size_t *table_size)
{
        unsigned longest;

        /* A failed table leaves no code for later repeat blocks. */
        bd->have_code = 0;
        TRY(huff_table_read(src, size, bd->lens, &longest, table_size));
        /* Tables HUFF_MULTI_LOG_MIN or HUFF_MULTI_LOG_MAX bits wide (or the
         * longest codeword's, beyond): a code of few short codewords (DNA:
         * four of 2 bits) then still gets three symbols a lookup, and the
         * multi-symbol loop has two constant masks, not a register. */
        bd->table_log = longest <= HUFF_MULTI_LOG_MIN ? HUFF_MULTI_LOG_MIN :
                        HUFF_MAX(longest, HUFF_MULTI_LOG_MAX);
        huff_canon_dec_table(bd->lens, 256, bd->table_log, bd->table);
        bd->use_multi = multi && bd->table_log <= HUFF_MULTI_LOG_MAX &&
                        build_multi(bd->lens, bd->table, bd->table_log, bd->multi);
        bd->have_code = 1;
        return HUFF_OK;
}

enum huff_status huff_block_decoder_load_code(struct huff_block_decoder *bd,
                                              const uint8_t *src, size_t n)
{
        size_t table_size;

        return load_code(bd, src, n, 0, &table_size);
}

enum huff_status huff_type_huffman_decode(struct huff_block_decoder *bd,
                                          const struct huff_block_header *h,
                                          const uint8_t *src, uint8_t *dst)
{
        size_t table_size;

        TRY(load_code(bd, src, h->payload_size, multi_worth(h), &table_size));
        return decode_streams(bd->table, bd->use_multi ? bd->multi : NULL, bd->table_log,
                              h->four_streams, src + table_size,
                              h->payload_size - table_size, dst, h->decoded_size);
}

enum huff_status huff_type_repeat_decode(struct huff_block_decoder *bd,
                                         const struct huff_block_header *h,
                                         const uint8_t *src, uint8_t *dst)
{
        CORRUPT_IF(!bd->have_code);
        /* The code's multi-symbol table may not exist if the block that
         * brought the code was not worth one. */
        if (multi_worth(h) && !bd->use_multi && bd->table_log <= HUFF_MULTI_LOG_MAX)
                bd->use_multi = build_multi(bd->lens, bd->table, bd->table_log, bd->multi);
        return decode_streams(bd->table, bd->use_multi ? bd->multi : NULL, bd->table_log,
                              h->four_streams, src, h->payload_size, dst, h->decoded_size);
}

enum huff_status huff_type_model_decode(struct huff_block_decoder *bd,
                                        const struct huff_block_header *h,
                                        const uint8_t *src, uint8_t *dst)
{
        /* The frame header said a model is needed and the decoder checked
         * it is this one; without one it is corrupt. */
        CORRUPT_IF(!bd->model);
        return decode_streams(bd->model->dec, NULL, bd->model->longest, h->four_streams,
                              src, h->payload_size, dst, h->decoded_size);
}
