/*
 * context_decode.c - context blocks (FORMAT.md 9), decoded
 *
 * A context block codes each byte with the code that its previous byte
 * (its context) names, so in each stream a lookup waits on the one before
 * it twice: for the bits it leaves, as in any Huffman stream, and for the
 * table it selects.  Three things keep that chain short and full:
 *
 * - The map is folded into per-byte arrays: the last symbol decoded indexes
 *   ctx_mt[] and ctx_mmask[] (block_state.h) directly for the next table
 *   and its index mask, two loads side by side, no map lookup between.
 * - Multi-symbol tables, as huffman_decode.c has for order 0: an entry of
 *   code k gives up to three symbols, the second decoded with the code its
 *   first symbol names and the third with the code the second names, so a
 *   lookup does the work of two or three (text at 3 to 4 bits a byte).
 * - The encoder writes up to 8 streams, and the fast loop runs all of them
 *   in lock step: 8 chains in flight.
 *
 * Each code also has a single-symbol table, as wide as its longest
 * codeword, that the multi-symbol tables are built from and the careful
 * loop decodes with; the multi-symbol tables are at least
 * CTX_MULTI_LOG_MIN bits wide, so that codes of few short codewords still
 * give three symbols a lookup.
 *
 * The description (desc, map, tables, starts, jumps) is read by careful
 * readers that never leave the payload.  The streams: the fast loop while
 * every stream has 8 readable bytes and room for a round, then each stream
 * on its own with the same lookups (streams advance at different rates,
 * and the first to near its end stops the lock step), then a careful loop
 * for the last symbols of each, then the exact end checks of FORMAT.md 5.
 */
#include "block_state.h"

#include "bitstream.h"
#include "code_table.h"
#include "stream_reader.h"

#define CTX_DESC_CODES_MASK ((1u << HUFF_CTX_DESC_STREAMS_SHIFT) - 1)

/* Lookups each stream makes between two refills: the 56 bits valid after
 * a refill hold five lookups of at most HUFF_CTX_LEN_MAX bits. */
#define CTX_LPR 5
_Static_assert(CTX_LPR * HUFF_CTX_LEN_MAX <= 56, "five lookups per refill");

/* Room a round needs in a stream's output: five lookups of up to three
 * symbols, the last storing four bytes.  (A stream's input, whose last 8
 * bytes the fast loops leave alone, runs out first, as no symbol takes
 * less than a bit; the check keeps the stores' safety free of that
 * argument, at the cost of a compare a batch of rounds.) */
#define CTX_ROUND_ROOM (CTX_LPR * 3 + 1)

/* The narrowest multi-symbol table (bits). */
#define CTX_MULTI_LOG_MIN 8

/*
 * The most symbols a multi-symbol entry gives, for a block of n bytes whose
 * tables have entries entries.  Building an entry costs, measured, about 2
 * instructions for one symbol (copied from the single-symbol table), 4 for
 * two (filled by ranges) and 23 for three (a lookup each), and is paid
 * whatever the block's size; a lookup costs about 14 whatever it gives.
 * Measured on bible.txt, world192.txt and E.coli in blocks of 8 KiB to
 * 1 MiB: on text with 32 codes (40,000 entries) two a lookup are fastest
 * at 128 KiB and three from about 1 MiB; with the 4-symbol codes of DNA
 * (8,000 entries) three at 128 KiB already; below 16 KiB of text one is as
 * fast as two.
 */
static unsigned entry_symbols(size_t n, size_t entries)
{
        if (n >= 16 * entries)
                return 3;
        return n >= entries / 2 ? 2 : 1;
}

/*
 * A multi-symbol entry, from the low byte up: the first, second and third
 * symbol, then the bits the lookup consumes (low 6 bits) and the number of
 * symbols, 1 to 3 (top 2 bits).  Byte 2 is always the last symbol, the
 * context of the next lookup: an entry of one symbol s is s, s, s, and of
 * two, s1, s2, s2.  All four bytes are stored and the output advances by
 * the count, so the bytes past it are overwritten by the next lookup.
 */
#define CTX_LAST_SHIFT 16
#define CTX_LEN_SHIFT 24
#define CTX_COUNT_SHIFT 30

/* A code as the table builder sees it. */
struct code {
        const huff_dec_entry *dt;       /* single-symbol, longest bits wide */
        uint64_t mask;                  /* dt's index bits */
        uint32_t *mt;                   /* multi-symbol, mt_log bits wide */
        unsigned longest, mt_log, min_len;
        uint16_t n_fit[HUFF_CTX_LEN_MAX + 1];   /* codewords of at most l bits */
        const uint8_t *sym;             /* the codewords in canonical order */
        uint8_t len[256];               /* and their lengths */
        uint8_t order[256];             /* huff_canon_sort()'s: sym within */
};

/*
 * The map (FORMAT.md 9.1) from src[0..n): map[c] for each context c, and
 * the map's size in bytes.  Corrupt if it runs past n, names a code that is
 * not there, leaves one of the codes unnamed (an encoder has no reason to
 * send a code no context uses, and a decoder need not build its table), or
 * has non-zero padding bits.
 */
static enum huff_status read_map(const uint8_t *src, size_t n, unsigned codes,
                                 uint8_t map[256], size_t *size)
{
        struct huff_bitreader br;
        unsigned w = 1, code = 0;
        uint64_t used = 0, consumed;

        while ((1u << w) < codes)
                w++;
        br_init(&br, src, n);
        for (unsigned c = 0; c < 256; c++) {
                if (br_get(&br, 1)) {
                        code = br_get(&br, w);
                        CORRUPT_IF(code >= codes);
                }
                map[c] = (uint8_t)code;
                used |= (uint64_t)1 << code;
        }
        /* As huff_table_read() counts: what was fetched, zero bytes past
         * the end included, less what is still buffered (at most 7 bits,
         * the padding, as no read took more than 5). */
        consumed = ((uint64_t)(br.next - src) + br.overrun) * 8 - br.avail;
        CORRUPT_IF(consumed > (uint64_t)n * 8);
        CORRUPT_IF(used != ((uint64_t)1 << codes) - 1);
        CORRUPT_IF(br.bits & ((1u << (br.avail & 7)) - 1));
        *size = (size_t)((consumed + 7) / 8);
        return HUFF_OK;
}

/* k's canonical order (FORMAT.md 4.3) and its single-symbol table at dt. */
static void code_setup(const uint8_t lens[256], huff_dec_entry *dt, struct code *k)
{
        unsigned count[HUFF_CODE_LEN_MAX + 1], i = 0;

        huff_canon_sort(lens, 256, k->order, count);
        huff_canon_dec_table_sorted(k->order, count, k->longest, dt);
        k->sym = k->order + count[0];
        k->n_fit[0] = 0;
        k->min_len = 0;
        for (unsigned l = 1; l <= HUFF_CTX_LEN_MAX; l++) {
                k->n_fit[l] = (uint16_t)(k->n_fit[l - 1] + count[l]);
                if (!k->min_len && count[l])
                        k->min_len = l;
                memset(k->len + i, (int)l, count[l]);
                i += count[l];
        }
        k->dt = dt;
        k->mask = ((uint64_t)1 << k->longest) - 1;
}

/*
 * The codes' tables from src[0..n): each code's single-symbol table in
 * bd->ctx_single, its canonical order, and the place of its multi-symbol
 * table in bd->ctx_multi; *size, the tables' length in bytes.
 */
static enum huff_status read_codes(struct huff_block_decoder *bd, const uint8_t *src,
                                   size_t n, unsigned codes, struct code *code,
                                   size_t *size)
{
        huff_dec_entry *dt = bd->ctx_single;
        uint32_t *mt = bd->ctx_multi;
        size_t pos = 0;

        for (unsigned i = 0; i < codes; i++) {
                struct code *k = &code[i];
                uint8_t lens[256];
                size_t table_size;

                TRY(huff_table_read(src + pos, n - pos, lens, &k->longest, &table_size));
                FAIL_IF(k->longest > HUFF_CTX_LEN_MAX, HUFF_ERR_CODE_LENGTHS);
                pos += table_size;
                code_setup(lens, dt, k);
                k->mt_log = HUFF_MAX(k->longest, CTX_MULTI_LOG_MIN);
                k->mt = mt;
                dt += (size_t)1 << k->longest;
                mt += (size_t)1 << k->mt_log;
        }
        *size = pos;
        return HUFF_OK;
}

/*
 * Building a multi-symbol table, as huffman_decode.c's build_multi() does
 * (see there): index bits come LSB first and codewords MSB first, so in the
 * bit-reversed index J each first codeword owns one range of J, its
 * canonical value times the range's size, and inside that range the second
 * codewords, of the code the first symbol names, own ranges in their
 * canonical order, and so on.  The table is filled range by range, never
 * looking a codeword up but for the third, which fill_third() takes from
 * the single-symbol table of its code.
 */
static uint32_t multi_entry(unsigned s1, unsigned s2, unsigned s3, unsigned used,
                            unsigned count)
{
        return (uint32_t)s1 | (uint32_t)s2 << 8 | (uint32_t)s3 << CTX_LAST_SHIFT |
               (uint32_t)used << CTX_LEN_SHIFT | (uint32_t)count << CTX_COUNT_SHIFT;
}

/* The range [j, j + 2^b) of J in a table tl bits wide, all one entry. */
static void fill_range(uint32_t *mt, unsigned tl, uint32_t j, unsigned b, uint32_t e)
{
        uint32_t *p = mt + huff_bitrev(j, tl);
        uint32_t step = (uint32_t)1 << (tl - b), n = (uint32_t)1 << b;

        for (uint32_t m = 0; m < n; m++)
                p[m * step] = e;
}

/*
 * The range [j, j + 2^b) of J after the symbols s1 and s2, which took used
 * bits: its entry x is huff_bitrev(j, tl) + (x << used), where x is the
 * next b bits LSB first, whose codeword in k3, if it fits in b bits, k3's
 * table gives.  If b is at least k3's longest codeword every codeword fits
 * and x's low bits index k3's table; else x indexes it whole, with no bits
 * above b (a codeword longer than b then does not fit), and the entry is
 * chosen without a branch: whether it fits depends on x, which no
 * predictor follows.
 */
static void fill_third(uint32_t *mt, unsigned tl, const struct code *k3, uint32_t j,
                       unsigned b, unsigned s1, unsigned s2, unsigned used)
{
        uint32_t *p = mt + huff_bitrev(j, tl);
        const huff_dec_entry *dt = k3->dt;
        size_t step = (size_t)1 << used, n = (size_t)1 << b;
        uint32_t two = multi_entry(s1, s2, s2, used, 2);
        uint32_t three = multi_entry(s1, s2, 0, used, 3);

        if (b >= k3->longest) {
                size_t tsize = (size_t)1 << k3->longest;

                for (size_t x = 0; x < tsize; x++, p += step) {
                        uint32_t d = dt[x];
                        uint32_t e = three + ((d & 0xff00) << 8) + ((d & 63) << CTX_LEN_SHIFT);

                        for (size_t y = 0; y < n; y += tsize)
                                p[y * step] = e;
                }
                return;
        }
        for (size_t x = 0; x < n; x++, p += step) {
                uint32_t d = dt[x], l = d & 63, fits = -(uint32_t)(l <= b);
                uint32_t e = three + ((d & 0xff00) << 8) + (l << CTX_LEN_SHIFT);

                *p = two ^ ((two ^ e) & fits);
        }
}

/* k's multi-symbol table with one symbol an entry, from its single-symbol
 * table, repeated if it is narrower. */
static void build_one(const struct code *k)
{
        size_t n = (size_t)1 << k->longest, size = (size_t)1 << k->mt_log;

        for (size_t x = 0; x < n; x++) {
                uint32_t d = k->dt[x];

                for (size_t y = x; y < size; y += n)
                        k->mt[y] = (d >> 8) * 0x010101u | (d & 63) << CTX_LEN_SHIFT |
                                   (uint32_t)1 << CTX_COUNT_SHIFT;
        }
}

/* Fill k's multi-symbol table with up to syms (2 or 3) symbols an entry;
 * the codes its symbols name are code[map[]]. */
static void build_multi(const struct code *code, const uint8_t map[256], const struct code *k,
                        unsigned syms)
{
        unsigned tl = k->mt_log;
        uint32_t j1 = 0;

        for (unsigned i1 = 0; i1 < k->n_fit[k->longest]; i1++) {
                unsigned s1 = k->sym[i1], l1 = k->len[i1], b1 = tl - l1;
                const struct code *k2 = &code[map[s1]];
                uint32_t j2 = j1, end = j1 + ((uint32_t)1 << b1);
                uint32_t one = multi_entry(s1, s1, s1, l1, 1);

                for (unsigned i2 = 0; i2 < k2->n_fit[b1]; i2++) {
                        unsigned s2 = k2->sym[i2], b2 = b1 - k2->len[i2];
                        const struct code *k3 = &code[map[s2]];

                        if (syms >= 3 && b2 >= k3->min_len)
                                fill_third(k->mt, tl, k3, j2, b2, s1, s2, tl - b2);
                        else
                                fill_range(k->mt, tl, j2, b2,
                                           multi_entry(s1, s2, s2, tl - b2, 2));
                        j2 += (uint32_t)1 << b2;
                }
                /* Where the second codeword is longer than b1 bits: not a
                 * power of two in general, entry by entry. */
                for (; j2 < end; j2++)
                        k->mt[huff_bitrev(j2, tl)] = one;
                j1 = end;
        }
}

/*
 * The fast loops' bit buffers hold a marker bit, zstd's way (its fast
 * four-stream loop), instead of a count of valid bits beside them: the
 * bits consumed since the buffer was loaded are its leading zeros.  Loaded
 * from position n with k bits of the first byte already consumed:
 *
 *     b = (load_le64(n) | 1 << 63) >> k        marker at bit 63 - k
 *
 * (bit 63 of the load is lost under the marker, but a round consumes at
 * most 5 x 11 of the 56 bits below it, and the next refill loads it
 * again).  A lookup shifts b right by its length, the marker with it, so
 * the count costs nothing per lookup, and a stream's state in the loop is
 * its bits, its context and its output position, which lets the compiler
 * keep more of the 8 streams in registers.  A refill advances n by the
 * whole bytes consumed, at most 7.
 */
#define CTX_MARKER ((uint64_t)1 << 63)

/* A stream's state in the fast loops. */
struct lane {
        uint64_t bits;                  /* with the marker */
        const uint8_t *next;            /* where bits was loaded */
        const uint8_t *last;            /* the last position to load 8 bytes from */
        uint8_t *op, *oend;             /* output */
        unsigned ctx;                   /* the byte before op */
};

/*
 * The lock-step loop keeps each stream's state in scalars of its own, as
 * huffman_decode.c's loops do and for the same reason (through an array
 * the compiler must assume the output stores alias it): for stream j, bj
 * (bits), cj (context), nj (where bj was loaded) and oj (output).  The
 * macros name them; a stream j >= L is compiled out, L being a constant at
 * each call.
 */
#define CTX_LOOKUP(j) do {                                              \
        if (L > j) {                                                    \
                uint32_t e_ = bd->ctx_mt[c##j][b##j & bd->ctx_mmask[c##j]]; \
                store32_fast(o##j, e_);                                 \
                b##j >>= (e_ >> CTX_LEN_SHIFT) & 63;                    \
                c##j = (e_ >> CTX_LAST_SHIFT) & 0xff;                   \
                o##j += e_ >> CTX_COUNT_SHIFT;                          \
        }                                                               \
} while (0)

#define CTX_ROUND() do {                                                \
        CTX_LOOKUP(0); CTX_LOOKUP(1); CTX_LOOKUP(2); CTX_LOOKUP(3);     \
        CTX_LOOKUP(4); CTX_LOOKUP(5); CTX_LOOKUP(6); CTX_LOOKUP(7);     \
} while (0)

/* Applies X(j) to each stream j < L. */
#define CTX_EACH(X) do {                                                \
        if (L > 0) X(0);                                                \
        if (L > 1) X(1);                                                \
        if (L > 2) X(2);                                                \
        if (L > 3) X(3);                                                \
        if (L > 4) X(4);                                                \
        if (L > 5) X(5);                                                \
        if (L > 6) X(6);                                                \
        if (L > 7) X(7);                                                \
} while (0)

#define CTX_LOAD(j) (b##j = ln[j].bits, n##j = ln[j].next, c##j = ln[j].ctx, o##j = ln[j].op)
#define CTX_SAVE(j) (ln[j].bits = b##j, ln[j].next = n##j, ln[j].ctx = c##j, ln[j].op = o##j)
#define CTX_REFILL(j) do {                                              \
        unsigned used_ = huff_clz64(b##j);                              \
        n##j += used_ >> 3;                                             \
        b##j = (load_le64(n##j) | CTX_MARKER) >> (used_ & 7);           \
} while (0)
/* r, lowered to the rounds stream j's input and output allow: its next
 * refill loads from n advanced by the bytes consumed. */
#define CTX_ROUNDS(j) (r = safe_rounds(n##j + (huff_clz64(b##j) >> 3), ln[j].last, \
                                       HUFF_MIN(r, (size_t)(ln[j].oend - o##j) / CTX_ROUND_ROOM)))

/* Rounds of the L streams ln[0..L) in lock step, as long as every one has
 * the input and the room for one. */
HUFF_INLINE void decode_fast(const struct huff_block_decoder *bd, struct lane *ln,
                             const unsigned L)
{
        uint64_t b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0;
        unsigned c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
        const uint8_t *n0 = NULL, *n1 = NULL, *n2 = NULL, *n3 = NULL,
                      *n4 = NULL, *n5 = NULL, *n6 = NULL, *n7 = NULL;
        uint8_t *o0 = NULL, *o1 = NULL, *o2 = NULL, *o3 = NULL,
                *o4 = NULL, *o5 = NULL, *o6 = NULL, *o7 = NULL;

        CTX_EACH(CTX_LOAD);
        /* Bounds are checked once per batch of rounds: the rounds every
         * stream can take, recomputed until none. */
        for (;;) {
                size_t r = SIZE_MAX;

                CTX_EACH(CTX_ROUNDS);
                if (r == 0)
                        break;
                do {
                        CTX_EACH(CTX_REFILL);
                        CTX_ROUND();
                        CTX_ROUND();
                        CTX_ROUND();
                        CTX_ROUND();
                        CTX_ROUND();
                } while (--r);
        }
        CTX_EACH(CTX_SAVE);
}

/* Finish a stream from output position op to oend, symbol by symbol, from
 * context c, skip bits into s->next's byte; then check that it ended where
 * it should. */
static enum huff_status finish_stream(const struct huff_block_decoder *bd, struct stream *s,
                                      unsigned c, unsigned skip, uint8_t *op, uint8_t *oend)
{
        refill_careful(s);
        s->bits >>= skip;
        s->avail -= skip;
        while (op < oend) {
                unsigned e;

                if (s->avail < HUFF_CTX_LEN_MAX)
                        refill_careful(s);
                e = bd->ctx_dt[c][s->bits & bd->ctx_mask[c]];
                s->bits >>= e & 63;
                s->avail -= e & 63;
                c = e >> 8;
                *op++ = (uint8_t)c;
        }
        return stream_check_end(s);
}

/*
 * Decode S streams s[0..S) that start from the contexts start[0..S) into
 * dst[0..n) (FORMAT.md 9.1: S - 1 of ceil(n / S) symbols, then the rest).
 */
HUFF_INLINE enum huff_status decode_streams(const struct huff_block_decoder *bd,
                                            struct stream *s, const uint8_t *start,
                                            uint8_t *dst, size_t n, const unsigned S)
{
        size_t seg = (n + S - 1) / S;
        struct lane ln[HUFF_CTX_STREAMS_MAX];
        int all_fast = 1;

        for (unsigned j = 0; j < S; j++) {
                ln[j].bits = CTX_MARKER;
                ln[j].next = s[j].start;
                /* Only meaningful (and only computed) for a stream of 8
                 * bytes or more, the fast loops' condition. */
                ln[j].last = s[j].end - s[j].start >= 8 ? s[j].end - 8 : NULL;
                ln[j].op = dst + j * seg;
                ln[j].oend = j + 1 < S ? dst + (j + 1) * seg : dst + n;
                ln[j].ctx = start[j];
                all_fast &= ln[j].last != NULL;
        }
        if (all_fast && S > 1)
                decode_fast(bd, ln, S);
        for (unsigned j = 0; j < S; j++) {
                unsigned used;

                if (ln[j].last)
                        decode_fast(bd, &ln[j], 1);
                /* Back to a stream of exact counts, at the first byte not
                 * wholly consumed. */
                used = huff_clz64(ln[j].bits);
                s[j].next = ln[j].next + (used >> 3);
                TRY(finish_stream(bd, &s[j], ln[j].ctx, used & 7, ln[j].op, ln[j].oend));
        }
        return HUFF_OK;
}

enum huff_status huff_type_context_decode(struct huff_block_decoder *bd,
                                          const struct huff_block_header *h,
                                          const uint8_t *src, uint8_t *dst)
{
        size_t n = h->decoded_size, size = h->payload_size, pos, part, total = 0;
        size_t entries = 0;
        unsigned syms, desc = src[0], codes = (desc & CTX_DESC_CODES_MASK) + 1;
        unsigned streams = 1u << ((desc >> HUFF_CTX_DESC_STREAMS_SHIFT) & 3);
        struct code code[HUFF_CTX_CODES_MAX];
        struct stream s[HUFF_CTX_STREAMS_MAX];
        size_t sizes[HUFF_CTX_STREAMS_MAX];
        const uint8_t *start;
        uint8_t map[256];

        HUFF_ASSERT(size >= 1);
        CORRUPT_IF(desc & HUFF_CTX_DESC_RESERVED);
        CORRUPT_IF(codes < HUFF_CTX_CODES_MIN);
        /* Every stream holds at least one codeword. */
        CORRUPT_IF((size_t)streams * streams > n);
        pos = 1;
        TRY(read_map(src + pos, size - pos, codes, map, &part));
        pos += part;
        TRY(read_codes(bd, src + pos, size - pos, codes, code, &part));
        for (unsigned k = 0; k < codes; k++)
                entries += (size_t)1 << code[k].mt_log;
        pos += part;

        /* starts, then jumps: the sizes of streams 1 .. S-1 */
        CORRUPT_IF(size - pos < streams + 3 * (streams - 1));
        start = src + pos;
        pos += streams;
        for (unsigned j = 0; j + 1 < streams; j++) {
                sizes[j] = load_le24(src + pos);
                total += sizes[j];
                pos += 3;
        }
        FAIL_IF(total > size - pos, HUFF_ERR_STREAM_SIZES);
        sizes[streams - 1] = size - pos - total;

        /* The payload is sound as far as it can be before decoding: now
         * the multi-symbol tables are worth building. */
        syms = entry_symbols(n, entries);
        for (unsigned k = 0; k < codes; k++) {
                if (syms == 1)
                        build_one(&code[k]);
                else
                        build_multi(code, map, &code[k], syms);
        }
        for (unsigned c = 0; c < 256; c++) {
                const struct code *k = &code[map[c]];

                bd->ctx_dt[c] = k->dt;
                bd->ctx_mask[c] = k->mask;
                bd->ctx_mt[c] = k->mt;
                bd->ctx_mmask[c] = ((uint64_t)1 << k->mt_log) - 1;
        }
        for (unsigned j = 0; j < streams; j++) {
                stream_init(&s[j], src + pos, sizes[j]);
                pos += sizes[j];
        }
        switch (streams) {
        case 1:
                return decode_streams(bd, s, start, dst, n, 1);
        case 2:
                return decode_streams(bd, s, start, dst, n, 2);
        case 4:
                return decode_streams(bd, s, start, dst, n, 4);
        default:
                return decode_streams(bd, s, start, dst, n, 8);
        }
}
