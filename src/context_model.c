/*
 * context_model.c - a block's 256 contexts clustered into K codes, and
 * the exact size of the payload that results (FORMAT.md 9)
 *
 * The search, in the spirit of brotli's histogram clustering:
 *
 *  1. Count the pairs (previous byte, byte) of the block: one histogram per
 *     context that occurs (steps 1 and 2: context_cluster.c).
 *  2. Merge greedily: each step joins the two clusters whose union costs
 *     the fewest extra bits under ideal codes (n log n sums, so only the
 *     byte values of the smaller cluster are visited).  This orders every
 *     K from the number of contexts down to 2.
 *  3. For each K up to HUFF_CTX_CODES_MAX met on the way, build the real
 *     length-limited codes and measure the payload exactly: tables, map,
 *     stream description and codeword bits.  Lower efforts measure fewer K.
 *  4. At the best K, move each context to the code that codes its own
 *     bytes in the fewest bits, rebuild the codes, and keep the result
 *     while it shrinks the payload (k-means on real code lengths).
 *
 * Only the exact sizes decide; the estimates of step 2 only order the
 * candidates.  Everything is deterministic: ties go to the lower index.
 */
#include "context_model.h"

#include <stdlib.h>

#include "code_table.h"
#include "context_cluster.h"
#include "huffman_lengths.h"

/* Below this many bytes a block cannot repay K tables. */
#define CTX_MIN_BYTES 256u
/* Streams: eight (the decoder interleaves them) from this size up. */
#define CTX_EIGHT_STREAMS_MIN 4096u

unsigned huff_ctx_effort(unsigned level)
{
        return level >= 7 ? level - 6 : 0;
}

/* A candidate: an assignment of contexts to codes 0..K-1, and its codes. */
struct candidate {
        unsigned codes;
        uint8_t map[256];
        uint8_t lens[HUFF_CTX_CODES_MAX][256];
        uint64_t counts[HUFF_CTX_CODES_MAX][256];
        size_t tables;                  /* bytes of the K tables */
        uint64_t bits;                  /* codeword bits, from the pairs */
        size_t size;                    /* the payload, streams estimated */
};

/* The map's bytes (FORMAT.md 9.1): contexts absent from the block take
 * the code of the context before, which costs one bit. */
static size_t map_bytes(const uint8_t *map, unsigned codes)
{
        unsigned w = huff_ctx_map_width(codes), prev = 0;
        size_t bits = 0;

        for (unsigned c = 0; c < 256; c++) {
                bits += map[c] == prev ? 1 : 1 + w;
                prev = map[c];
        }
        return (bits + 7) / 8;
}

static unsigned stream_count(size_t n)
{
        return n >= CTX_EIGHT_STREAMS_MIN ? 8 : 1;
}

/* Build cand's codes from its counts and size it; 0 if a code cannot be
 * built (cannot happen for counts of at most 2^32 with a limit >= 8). */
static int cand_codes(struct candidate *cand, unsigned max_len, size_t n)
{
        uint8_t tmp[HUFF_MAX_TABLE_SIZE + 8];
        unsigned streams = stream_count(n);

        cand->tables = 0;
        cand->bits = 0;
        for (unsigned k = 0; k < cand->codes; k++) {
                uint64_t *cnt = cand->counts[k];
                uint8_t *lens = cand->lens[k];
                unsigned used = 0, only = 0;

                for (unsigned x = 0; x < 256; x++) {
                        if (cnt[x]) {
                                used++;
                                only = x;
                        }
                }
                if (huff_lens_build(cnt, 256, max_len, lens) != HUFF_OK)
                        return 0;
                /* A code needs two codewords (FORMAT.md 4.2): a cluster of
                 * one byte value gets an unused second one. */
                if (used <= 1)
                        lens[only == 0 ? 1 : 0] = 1, lens[only] = 1;
                for (unsigned x = 0; x < 256; x++)
                        cand->bits += cnt[x] * lens[x];
                cand->tables += huff_table_write(lens, tmp);
        }
        /* desc, map, tables, starts, jumps, and at most a byte of padding
         * per stream (refined once the model is chosen). */
        cand->size = 1 + map_bytes(cand->map, cand->codes) + cand->tables + streams +
                     3 * (streams - 1) + (size_t)(cand->bits + 7) / 8 + streams / 2;
        return 1;
}

/* Bits context c's bytes take under code lens, or UINT64_MAX if a byte of
 * c has no codeword there. */
static uint64_t ctx_cost(const struct huff_ctx_scratch *s, unsigned c, const uint8_t *lens)
{
        uint64_t bits = 0;

        for (unsigned k = 0; k < s->cnnz[c]; k++) {
                unsigned x = s->cnz[c][k];

                if (!lens[x])
                        return UINT64_MAX;
                bits += (uint64_t)s->pairs[c][x] * lens[x];
        }
        return bits;
}

/* Move each context to its cheapest code, renumber, rebuild; 1 if any moved. */
static int remap(const struct huff_ctx_scratch *s, const struct candidate *from,
                 struct candidate *to, unsigned max_len, size_t n)
{
        uint8_t renum[HUFF_CTX_CODES_MAX];
        int moved = 0;
        unsigned k;

        memset(to->counts, 0, sizeof(to->counts));
        memset(renum, 0xff, sizeof(renum));
        for (unsigned c = 0; c < 256; c++) {
                unsigned best = from->map[c];
                uint64_t bc;

                if (!s->ctx_total[c])
                        continue;
                bc = ctx_cost(s, c, from->lens[best]);
                for (k = 0; k < from->codes; k++) {
                        uint64_t b = ctx_cost(s, c, from->lens[k]);

                        if (b < bc) {
                                bc = b;
                                best = k;
                        }
                }
                moved |= best != from->map[c];
                to->map[c] = (uint8_t)best;
        }
        if (!moved)
                return 0;
        /* Codes left without a context go; the rest keep their order. */
        k = 0;
        for (unsigned c = 0; c < 256; c++)
                if (s->ctx_total[c])
                        renum[to->map[c]] = 1;
        for (unsigned j = 0; j < from->codes; j++)
                if (renum[j] != 0xff)
                        renum[j] = (uint8_t)k++;
        to->codes = k;
        for (unsigned c = 0, prev = 0; c < 256; c++) {
                if (s->ctx_total[c]) {
                        prev = renum[to->map[c]];
                        for (unsigned i = 0; i < s->cnnz[c]; i++)
                                to->counts[prev][s->cnz[c][i]] += s->pairs[c][s->cnz[c][i]];
                }
                to->map[c] = (uint8_t)prev;
        }
        return to->codes >= HUFF_CTX_CODES_MIN && cand_codes(to, max_len, n);
}

/* The candidate of the clustering at K = live (snapshot): codes numbered
 * by slot. */
static void cand_from_snapshot(const struct huff_ctx_scratch *s, const struct huff_ctx_snapshots *snap,
                               unsigned live, struct candidate *cand)
{
        uint8_t code_of[256];
        unsigned k = 0;

        for (unsigned i = 0; i < s->slots; i++)
                if (snap->alive[live][i])
                        code_of[i] = (uint8_t)k++;
        cand->codes = k;
        memset(cand->counts, 0, (size_t)k * sizeof(cand->counts[0]));
        for (unsigned c = 0, prev = 0; c < 256; c++) {
                if (s->ctx_total[c]) {
                        prev = code_of[snap->slot_of[live][c]];
                        for (unsigned i = 0; i < s->cnnz[c]; i++)
                                cand->counts[prev][s->cnz[c][i]] += s->pairs[c][s->cnz[c][i]];
                }
                cand->map[c] = (uint8_t)prev;
        }
}

/* Merge down to two clusters, estimating each K on the way; then measure
 * exactly the K around the best estimate (more of them at higher efforts)
 * and refine the best.  The result lands in *best. */
static void search(struct huff_ctx_scratch *s, unsigned effort, unsigned max_len, size_t n,
                   struct candidate *best, struct candidate *work, struct huff_ctx_snapshots *snap)
{
        unsigned top = HUFF_MIN(s->slots, HUFF_CTX_CODES_MAX), kbest = 2;

        best->size = SIZE_MAX;
        huff_ctx_merge(s, snap);
        for (unsigned k = 2; k <= top; k++)
                if (snap->estimate[k] < snap->estimate[kbest])
                        kbest = k;
        /* Measure the estimate's best K, and at higher efforts K a
         * factor away on either side (the estimate errs by a few K). */
        {
                static const float factors[] = { 1.0f, 1.25f, 0.8f, 1.6f, 0.625f };
                unsigned tries = effort >= 3 ? 3 : 1;
                uint64_t done = 0;      /* K runs to 32: one bit each */

                for (unsigned t = 0; t < tries; t++) {
                        unsigned k = (unsigned)((float)kbest * factors[t] + 0.5f);

                        k = HUFF_MIN(HUFF_MAX(k, HUFF_CTX_CODES_MIN), top);
                        if (done & ((uint64_t)1 << k))
                                continue;
                        done |= (uint64_t)1 << k;
                        cand_from_snapshot(s, snap, k, work);
                        if (cand_codes(work, max_len, n) && work->size < best->size)
                                *best = *work;
                }
        }
        if (best->size == SIZE_MAX)
                return;
        for (unsigned round = 1; round < effort; round++) {
                if (!remap(s, best, work, max_len, n) || work->size >= best->size)
                        break;
                *best = *work;
        }
}

/* The context that codes byte x in the fewest bits: of the contexts of the
 * best code, the lowest. */
static uint8_t start_context(const struct huff_ctx_model *m, uint8_t x)
{
        unsigned best = 0, len = 255;

        for (unsigned k = 0; k < m->codes; k++) {
                if (m->lens[k][x] && m->lens[k][x] < len) {
                        len = m->lens[k][x];
                        best = k;
                }
        }
        for (unsigned c = 0; c < 256; c++)
                if (m->map[c] == best)
                        return (uint8_t)c;
        return 0;
}

/* Exact bits of each stream under m. */
static void stream_bits(const struct huff_ctx_model *m, const uint8_t *src, size_t n,
                        uint64_t *bits)
{
        size_t s = huff_ctx_stream_len(n, m->streams);
        const uint8_t *by_ctx[256];

        for (unsigned c = 0; c < 256; c++)
                by_ctx[c] = m->lens[m->map[c]];
        for (unsigned j = 0; j < m->streams; j++) {
                size_t from = j * s, to = HUFF_MIN(n, from + s);
                uint64_t b = by_ctx[m->start[j]][src[from]];

                for (size_t i = from + 1; i < to; i++)
                        b += by_ctx[src[i - 1]][src[i]];
                bits[j] = b;
        }
}

/* The codeword bits of m on src, from the pair counts: each stream's
 * first byte is coded from its start context, not from the byte before. */
static uint64_t pair_bits(const struct huff_ctx_scratch *s, const struct huff_ctx_model *m,
                          const uint8_t *src, size_t n)
{
        size_t len = huff_ctx_stream_len(n, m->streams);
        /* The first byte: from its start context, not the pair counted
         * for it. */
        uint64_t bits = m->lens[m->map[m->start[0]]][src[0]] - m->lens[m->map[src[0]]][src[0]];

        for (unsigned c = 0; c < 256; c++) {
                const uint8_t *lens = m->lens[m->map[c]];

                for (unsigned k = 0; k < s->cnnz[c]; k++)
                        bits += (uint64_t)s->pairs[c][s->cnz[c][k]] * lens[s->cnz[c][k]];
        }
        for (unsigned j = 1; j < m->streams; j++) {
                uint8_t x = src[j * len];

                bits += m->lens[m->map[m->start[j]]][x];
                bits -= m->lens[m->map[src[j * len - 1]]][x];
        }
        return bits;
}

/*
 * exact: the payload's exact size, from each stream's bits (a pass over
 * src); else a bound at most a byte a stream above it, from the pair
 * counts alone, which is all the encoder's choice of type needs.
 */
static size_t build(struct huff_ctx_scratch *s, const uint8_t *src, size_t n, unsigned effort,
                    unsigned max_len, struct huff_ctx_model *m, int exact)
{
        struct candidate *best, *work;
        uint64_t bits[HUFF_CTX_STREAMS_MAX];
        uint8_t tmp[HUFF_MAX_TABLE_SIZE + 8];
        size_t size;

        if (n < CTX_MIN_BYTES)
                return SIZE_MAX;
        huff_ctx_count_pairs(s, src, n);
        if (s->slots < HUFF_CTX_CODES_MIN)
                return SIZE_MAX;
        /* Zeroed, though search() writes each candidate before reading it:
         * static analysis cannot follow that through the snapshots. */
        best = calloc(1, 2 * sizeof(*best) + sizeof(struct huff_ctx_snapshots));
        if (!best)
                return SIZE_MAX;
        work = best + 1;
        search(s, effort, HUFF_MIN(max_len, HUFF_CTX_LEN_MAX), n, best, work,
               (struct huff_ctx_snapshots *)(best + 2));
        if (best->size == SIZE_MAX) {
                free(best);
                return SIZE_MAX;
        }
        m->codes = best->codes;
        m->streams = stream_count(n);
        memcpy(m->map, best->map, sizeof(m->map));
        memcpy(m->lens, best->lens, (size_t)best->codes * sizeof(m->lens[0]));
        free(best);
        for (unsigned j = 0; j < m->streams; j++)
                m->start[j] = start_context(m, src[j * huff_ctx_stream_len(n, m->streams)]);
        m->desc_size = 1 + map_bytes(m->map, m->codes) + m->streams + 3 * (m->streams - 1);
        for (unsigned k = 0; k < m->codes; k++)
                m->desc_size += huff_table_write(m->lens[k], tmp);
        if (!exact) {
                m->code_bits = pair_bits(s, m, src, n);
                m->payload_size = m->desc_size + (size_t)((m->code_bits + 7 * m->streams) / 8);
                return m->payload_size < n ? m->payload_size : SIZE_MAX;
        }
        stream_bits(m, src, n, bits);
        size = m->desc_size;
        m->code_bits = 0;
        for (unsigned j = 0; j < m->streams; j++) {
                m->code_bits += bits[j];
                size += (size_t)(bits[j] + 7) / 8;
        }
        m->payload_size = size;
        /* A coded payload must be smaller than its block (FORMAT.md 3.2). */
        return size < n ? size : SIZE_MAX;
}

size_t huff_ctx_model_build(struct huff_ctx_scratch *s, const uint8_t *src, size_t n,
                            unsigned effort, unsigned max_len, struct huff_ctx_model *m)
{
        return build(s, src, n, effort, max_len, m, 1);
}

size_t huff_ctx_model_plan(struct huff_ctx_scratch *s, const uint8_t *src, size_t n,
                           unsigned effort, unsigned max_len, struct huff_ctx_model *m)
{
        return build(s, src, n, effort, max_len, m, 0);
}
