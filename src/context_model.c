/*
 * context_model.c - clustering a block's 256 contexts into K codes, and
 * writing the context block that results (FORMAT.md 9)
 *
 * The search, in the spirit of brotli's histogram clustering:
 *
 *  1. Count the pairs (previous byte, byte) of the block: one histogram per
 *     context that occurs.
 *  2. Merge greedily: each step joins the two clusters whose union costs
 *     the fewest extra bits under ideal codes (n log n sums, so only the
 *     byte values of the smaller cluster are visited).  This orders every
 *     K from the number of contexts down to 1.
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

#include <math.h>
#include <stdlib.h>

#include "bitstream.h"
#include "code_table.h"
#include "canonical.h"
#include "histogram.h"
#include "huffman_lengths.h"

/* Below this many bytes a block cannot repay K tables. */
#define CTX_MIN_BYTES 256u
/* f(h) = h log2 h comes from a table below this count. */
#define NLOGN_TABLE 4096u
/* The merge starts from at most this many clusters: the most frequent
 * contexts each alone, the rest joined to the one they fit best.  Greedy
 * merging costs the cube of its start, and the rare contexts' bytes weigh
 * little either way. */
#define CTX_SLOTS_MAX 64u
/* Streams: eight (the decoder interleaves them) from this size up. */
#define CTX_EIGHT_STREAMS_MIN 4096u

struct huff_ctx_scratch {
        uint32_t pairs[256][256];       /* pairs[c][x]: x after c */
        uint32_t ctx_total[256];
        uint8_t cnz[256][256];          /* the bytes after c, in order */
        uint16_t cnnz[256];
        /* The clusters of the merge, by slot: slot i starts as the i-th
         * context present. */
        uint32_t hist[CTX_SLOTS_MAX][256];
        uint32_t total[CTX_SLOTS_MAX];
        uint8_t nz[CTX_SLOTS_MAX][256]; /* the byte values present, in order */
        uint16_t nnz[CTX_SLOTS_MAX];
        double bits[CTX_SLOTS_MAX];               /* ideal cost of each cluster */
        float delta[CTX_SLOTS_MAX][CTX_SLOTS_MAX];      /* merge cost of slots i < j */
        uint16_t best[CTX_SLOTS_MAX];   /* each slot's cheapest partner */
        uint8_t alive[CTX_SLOTS_MAX];
        uint8_t slot_of[256];           /* context -> slot */
        float ideal[CTX_SLOTS_MAX][256];        /* each first slot's ideal
                                                   code lengths */
        unsigned slots;
        float nlogn[NLOGN_TABLE];
};

enum huff_status huff_ctx_scratch_create(struct huff_ctx_scratch **sp)
{
        struct huff_ctx_scratch *s = malloc(sizeof(*s));

        *sp = s;
        if (!s)
                return HUFF_ERR_NOMEM;
        memset(s->pairs, 0, sizeof(s->pairs));
        memset(s->ctx_total, 0, sizeof(s->ctx_total));
        s->nlogn[0] = 0;
        for (unsigned i = 1; i < NLOGN_TABLE; i++)
                s->nlogn[i] = (float)(i * log2((double)i));
        return HUFF_OK;
}

void huff_ctx_scratch_free(struct huff_ctx_scratch *s)
{
        free(s);
}

unsigned huff_ctx_effort(unsigned level)
{
        return level >= 7 ? level - 6 : 0;
}

/* h log2 h; above the table, log2 from the table at h's top 12 bits (an
 * error below 0.001 bit per symbol, which only orders candidates). */
HUFF_INLINE double nlogn(const struct huff_ctx_scratch *s, uint32_t h)
{
        unsigned shift;
        uint32_t top;

        if (h < NLOGN_TABLE)
                return (double)s->nlogn[h];
        shift = (unsigned)(32 - 12 - __builtin_clz(h));
        top = h >> shift;
        return (double)h * ((double)s->nlogn[top] / top + shift);
}

double huff_ctx_split_bound(const struct huff_ctx_scratch *s, const uint8_t *src, size_t n,
                            size_t chunk)
{
        uint32_t counts[256];
        double bits = 0;

        uint64_t wide[256];

        /* Small chunks: one plain table, as huff_hist_count()'s four cost
         * more to clear and sum than to fill. */
        for (size_t at = 0; at < n; at += chunk) {
                size_t k = HUFF_MIN(chunk, n - at);

                if (k >= 16384) {
                        huff_hist_count(src + at, k, wide);
                        for (unsigned x = 0; x < 256; x++)
                                counts[x] = (uint32_t)wide[x];
                } else {
                        memset(counts, 0, sizeof(counts));
                        for (size_t i = 0; i < k; i++)
                                counts[src[at + i]]++;
                }
                bits += nlogn(s, (uint32_t)k);
                for (unsigned x = 0; x < 256; x++)
                        bits -= nlogn(s, counts[x]);
        }
        return bits / 8;
}

/* Bits of slot i's bytes under its ideal code: T log T - sum h log h. */
static double slot_bits(const struct huff_ctx_scratch *s, unsigned i)
{
        double sum = 0;

        for (unsigned k = 0; k < s->nnz[i]; k++)
                sum += nlogn(s, s->hist[i][s->nz[i][k]]);
        return nlogn(s, s->total[i]) - sum;
}

/* Extra ideal bits if slots a and b were one. */
static float merge_delta(const struct huff_ctx_scratch *s, unsigned a, unsigned b)
{
        double sum;

        if (s->nnz[b] < s->nnz[a]) {
                unsigned t = a;

                a = b;
                b = t;
        }
        /* Only values present in a change the sum when b is added. */
        sum = nlogn(s, s->total[a] + s->total[b]) - nlogn(s, s->total[a]) -
              nlogn(s, s->total[b]);
        for (unsigned k = 0; k < s->nnz[a]; k++) {
                unsigned x = s->nz[a][k];
                uint32_t ha = s->hist[a][x], hb = s->hist[b][x];

                if (hb)
                        sum -= nlogn(s, ha + hb) - nlogn(s, ha) - nlogn(s, hb);
        }
        return (float)sum;
}

HUFF_INLINE float delta_of(const struct huff_ctx_scratch *s, unsigned a, unsigned b)
{
        return a < b ? s->delta[a][b] : s->delta[b][a];
}

static void find_best(struct huff_ctx_scratch *s, unsigned i)
{
        unsigned best = i;
        float d = INFINITY;

        for (unsigned j = 0; j < s->slots; j++) {
                if (j != i && s->alive[j] && delta_of(s, i, j) < d) {
                        d = delta_of(s, i, j);
                        best = j;
                }
        }
        s->best[i] = (uint16_t)best;
}

static void rebuild_nz(struct huff_ctx_scratch *s, unsigned i)
{
        unsigned k = 0;

        for (unsigned x = 0; x < 256; x++)
                if (s->hist[i][x])
                        s->nz[i][k++] = (uint8_t)x;
        s->nnz[i] = (uint16_t)k;
}

static void slot_add(struct huff_ctx_scratch *s, unsigned i, unsigned c)
{
        for (unsigned k = 0; k < s->cnnz[c]; k++)
                s->hist[i][s->cnz[c][k]] += s->pairs[c][s->cnz[c][k]];
        s->total[i] += s->ctx_total[c];
        s->slot_of[c] = (uint8_t)i;
}

/* Count the pairs of src and make the slots the merge starts from. */
static void count_pairs(struct huff_ctx_scratch *s, const uint8_t *src, size_t n)
{
        uint8_t order[256];
        unsigned present = 0;

        /* Only the rows the last block used are dirty. */
        for (unsigned c = 0; c < 256; c++)
                if (s->ctx_total[c])
                        memset(s->pairs[c], 0, sizeof(s->pairs[c]));
        for (size_t i = 1; i < n; i++)
                s->pairs[src[i - 1]][src[i]]++;
        /* The first byte has no byte before it; counted after itself, it
         * has a codeword in some code, which a stream can start from (a
         * byte found only there would otherwise be in none). */
        s->pairs[src[0]][src[0]]++;
        for (unsigned c = 0; c < 256; c++) {
                uint32_t t = 0;
                unsigned k = 0;

                for (unsigned x = 0; x < 256; x++) {
                        t += s->pairs[c][x];
                        s->cnz[c][k] = (uint8_t)x;
                        k += s->pairs[c][x] != 0;
                }
                s->cnnz[c] = (uint16_t)k;
                s->ctx_total[c] = t;
                s->slot_of[c] = 0;
                if (t)
                        order[present++] = (uint8_t)c;
        }
        /* Most frequent first; of equal counts, the lower context (an
         * insertion sort: at most 256). */
        for (unsigned i = 1; i < present; i++) {
                uint8_t c = order[i];
                unsigned j = i;

                for (; j > 0 && s->ctx_total[order[j - 1]] < s->ctx_total[c]; j--)
                        order[j] = order[j - 1];
                order[j] = c;
        }
        s->slots = HUFF_MIN(present, CTX_SLOTS_MAX);
        for (unsigned i = 0; i < s->slots; i++) {
                memset(s->hist[i], 0, sizeof(s->hist[0]));
                s->total[i] = 0;
                slot_add(s, i, order[i]);
                rebuild_nz(s, i);
        }
        if (present == s->slots)
                return;
        /* The rest, each to the slot whose ideal code it costs least in,
         * the slots as they began: a byte the slot lacks counts 24 bits. */
        for (unsigned i = 0; i < s->slots; i++) {
                double lt = log2((double)s->total[i]);

                for (unsigned x = 0; x < 256; x++)
                        s->ideal[i][x] = s->hist[i][x] ? (float)(lt - log2((double)s->hist[i][x]))
                                                       : 24.0f;
        }
        for (unsigned r = s->slots; r < present; r++) {
                unsigned c = order[r], best = 0, nnz = 0;
                uint8_t xs[256];
                float bc = INFINITY;

                nnz = s->cnnz[c];
                memcpy(xs, s->cnz[c], nnz);
                for (unsigned i = 0; i < s->slots; i++) {
                        float b = 0;

                        for (unsigned k = 0; k < nnz; k++)
                                b += (float)s->pairs[c][xs[k]] * s->ideal[i][xs[k]];
                        if (b < bc) {
                                bc = b;
                                best = i;
                        }
                }
                s->slot_of[c] = (uint8_t)best;
        }
        for (unsigned r = s->slots; r < present; r++)
                slot_add(s, s->slot_of[order[r]], order[r]);
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

static unsigned width_of(unsigned codes)
{
        unsigned w = 1;

        while ((1u << w) < codes)
                w++;
        return w;
}

/* The map's bytes (FORMAT.md 9.1): contexts absent from the block take
 * the code of the context before, which costs one bit. */
static size_t map_bytes(const uint8_t *map, unsigned codes)
{
        unsigned w = width_of(codes), prev = 0;
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

/* Each code's table, estimated before its lengths exist: a few bytes of
 * precode and about five bits per byte value present. */
static double table_estimate(unsigned nnz)
{
        return 6.0 + 0.6 * nnz;
}

/* The clustering at each K the merge passes, by context, and its
 * estimated payload in bytes. */
struct snapshots {
        uint8_t slot_of[HUFF_CTX_CODES_MAX + 1][256];
        uint8_t alive[HUFF_CTX_CODES_MAX + 1][CTX_SLOTS_MAX];
        double estimate[HUFF_CTX_CODES_MAX + 1];
};

static void snapshot(const struct huff_ctx_scratch *s, unsigned live, double ideal_bits,
                     struct snapshots *snap)
{
        double tables = 0;

        for (unsigned i = 0; i < s->slots; i++)
                if (s->alive[i])
                        tables += table_estimate(s->nnz[i]);
        memcpy(snap->slot_of[live], s->slot_of, 256);
        memcpy(snap->alive[live], s->alive, s->slots);
        snap->estimate[live] = ideal_bits / 8 + tables + (live > 2 ? 40 : 32);
}

/* The candidate of the clustering at K = live (snapshot): codes numbered
 * by slot. */
static void cand_from_snapshot(const struct huff_ctx_scratch *s, const struct snapshots *snap,
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

/* Merge greedily down to two slots, estimating each K on the way; then
 * measure exactly the K around the best estimate (more of them at higher
 * efforts) and refine the best.  The result lands in *best. */
static void search(struct huff_ctx_scratch *s, unsigned effort, unsigned max_len, size_t n,
                   struct candidate *best, struct candidate *work, struct snapshots *snap)
{
        unsigned live = s->slots, top = HUFF_MIN(s->slots, HUFF_CTX_CODES_MAX), kbest = 2;
        double ideal = 0;

        best->size = SIZE_MAX;
        for (unsigned i = 0; i < s->slots; i++) {
                s->alive[i] = 1;
                s->bits[i] = slot_bits(s, i);
                ideal += s->bits[i];
        }
        for (unsigned i = 0; i < s->slots; i++)
                for (unsigned j = i + 1; j < s->slots; j++)
                        s->delta[i][j] = merge_delta(s, i, j);
        for (unsigned i = 0; i < s->slots; i++)
                find_best(s, i);
        for (;;) {
                unsigned a = 0, b;
                float d = INFINITY;

                if (live <= HUFF_CTX_CODES_MAX)
                        snapshot(s, live, ideal, snap);
                if (live <= HUFF_CTX_CODES_MIN)
                        break;
                for (unsigned i = 0; i < s->slots; i++) {
                        if (s->alive[i] && delta_of(s, i, s->best[i]) < d) {
                                d = delta_of(s, i, s->best[i]);
                                a = i;
                        }
                }
                b = s->best[a];
                if (b < a) {
                        unsigned t = a;

                        a = b;
                        b = t;
                }
                /* b joins a. */
                ideal += d;
                for (unsigned k = 0; k < s->nnz[b]; k++)
                        s->hist[a][s->nz[b][k]] += s->hist[b][s->nz[b][k]];
                s->total[a] += s->total[b];
                s->alive[b] = 0;
                for (unsigned c = 0; c < 256; c++)
                        if (s->ctx_total[c] && s->slot_of[c] == b)
                                s->slot_of[c] = (uint8_t)a;
                rebuild_nz(s, a);
                live--;
                for (unsigned j = 0; j < s->slots; j++) {
                        if (j == a || !s->alive[j])
                                continue;
                        if (j < a)
                                s->delta[j][a] = merge_delta(s, j, a);
                        else
                                s->delta[a][j] = merge_delta(s, a, j);
                }
                find_best(s, a);
                for (unsigned j = 0; j < s->slots; j++) {
                        if (j == a || !s->alive[j])
                                continue;
                        if (s->best[j] == a || s->best[j] == b)
                                find_best(s, j);
                        else if (delta_of(s, j, a) < delta_of(s, j, s->best[j]))
                                s->best[j] = (uint16_t)a;
                }
        }
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

/* First byte of stream j, and the streams' sizes in bytes (FORMAT.md 9.1). */
HUFF_INLINE size_t stream_len(size_t n, unsigned streams)
{
        return (n + streams - 1) / streams;
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
        size_t s = stream_len(n, m->streams);
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
        size_t len = stream_len(n, m->streams);
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
        count_pairs(s, src, n);
        if (s->slots < HUFF_CTX_CODES_MIN)
                return SIZE_MAX;
        /* Zeroed, though search() writes each candidate before reading it:
         * static analysis cannot follow that through the snapshots. */
        best = calloc(1, 2 * sizeof(*best) + sizeof(struct snapshots));
        if (!best)
                return SIZE_MAX;
        work = best + 1;
        search(s, effort, HUFF_MIN(max_len, HUFF_CTX_LEN_MAX), n, best, work,
               (struct snapshots *)(best + 2));
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
                m->start[j] = start_context(m, src[j * stream_len(n, m->streams)]);
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

static uint8_t *write_map(const struct huff_ctx_model *m, uint8_t *dst)
{
        struct huff_bitwriter bw;
        unsigned w = width_of(m->codes), prev = 0;

        bw_init(&bw, dst);
        for (unsigned c = 0; c < 256; c++) {
                if (m->map[c] == prev)
                        bw_put(&bw, 0, 1);
                else
                        bw_put(&bw, 1u | (unsigned)m->map[c] << 1, 1 + w);
                prev = m->map[c];
                bw_flush(&bw);
        }
        return bw_finish(&bw);
}

uint8_t *huff_ctx_model_write(const struct huff_ctx_model *m, const uint8_t *src, size_t n,
                              uint8_t *dst)
{
        huff_enc_entry enc[HUFF_CTX_CODES_MAX][256];
        const huff_enc_entry *by_ctx[256];
        size_t s = stream_len(n, m->streams);
        uint8_t *jumps, *start = dst;
        unsigned log2s = 0;

        while ((1u << log2s) < m->streams)
                log2s++;
        *dst++ = (uint8_t)((m->codes - 1) | log2s << HUFF_CTX_DESC_STREAMS_SHIFT);
        dst = write_map(m, dst);
        for (unsigned k = 0; k < m->codes; k++) {
                dst += huff_table_write(m->lens[k], dst);
                huff_canon_enc_table(m->lens[k], 256, enc[k]);
        }
        for (unsigned c = 0; c < 256; c++)
                by_ctx[c] = enc[m->map[c]];
        memcpy(dst, m->start, m->streams);
        dst += m->streams;
        jumps = dst;
        dst += 3 * (m->streams - 1);
        for (unsigned j = 0; j < m->streams; j++) {
                size_t from = j * s, to = HUFF_MIN(n, from + s);
                struct huff_bitwriter bw;
                uint8_t *begin = dst;
                huff_enc_entry e = by_ctx[m->start[j]][src[from]];

                size_t i = from + 1;

                bw_init(&bw, dst);
                bw_put(&bw, e >> 8, e & 0xff);
                /* Four codewords of at most 11 bits between flushes: 7
                 * pending bits + 44 fit the 64-bit buffer. */
                for (; i + 4 <= to; i += 4) {
                        huff_enc_entry e0 = by_ctx[src[i - 1]][src[i]];
                        huff_enc_entry e1 = by_ctx[src[i]][src[i + 1]];
                        huff_enc_entry e2 = by_ctx[src[i + 1]][src[i + 2]];
                        huff_enc_entry e3 = by_ctx[src[i + 2]][src[i + 3]];

                        bw_flush(&bw);
                        bw_put(&bw, e0 >> 8, e0 & 0xff);
                        bw_put(&bw, e1 >> 8, e1 & 0xff);
                        bw_put(&bw, e2 >> 8, e2 & 0xff);
                        bw_put(&bw, e3 >> 8, e3 & 0xff);
                }
                bw_flush(&bw);
                for (; i < to; i++) {
                        e = by_ctx[src[i - 1]][src[i]];
                        bw_put(&bw, e >> 8, e & 0xff);
                }
                dst = bw_finish(&bw);
                if (j + 1 < m->streams)
                        store_le24(jumps + 3 * j, (uint32_t)(dst - begin));
        }
        HUFF_ASSERT((size_t)(dst - start) <= m->payload_size);
        (void)start;
        return dst;
}
