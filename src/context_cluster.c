/*
 * context_cluster.c - the merge that orders a block's contexts into
 * clusters, for context_model.c to pick K from (FORMAT.md 9)
 *
 * Steps 1 and 2 of context_model.c's search: count the pairs, start from
 * at most CTX_SLOTS_MAX clusters, then join greedily the two whose union
 * costs the fewest extra bits under ideal codes, recording the clustering
 * and an estimate of its payload at every K from HUFF_CTX_CODES_MAX down.
 */
#include "context_cluster.h"

#include <math.h>
#include <stdlib.h>

#include "histogram.h"

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

void huff_ctx_count_pairs(struct huff_ctx_scratch *s, const uint8_t *src, size_t n)
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

/* Each code's table, estimated before its lengths exist: a few bytes of
 * precode and about five bits per byte value present. */
static double table_estimate(unsigned nnz)
{
        return 6.0 + 0.6 * nnz;
}

static void snapshot(const struct huff_ctx_scratch *s, unsigned live, double ideal_bits,
                     struct huff_ctx_snapshots *snap)
{
        double tables = 0;

        for (unsigned i = 0; i < s->slots; i++)
                if (s->alive[i])
                        tables += table_estimate(s->nnz[i]);
        memcpy(snap->slot_of[live], s->slot_of, 256);
        memcpy(snap->alive[live], s->alive, s->slots);
        snap->estimate[live] = ideal_bits / 8 + tables + (live > 2 ? 40 : 32);
}

void huff_ctx_merge(struct huff_ctx_scratch *s, struct huff_ctx_snapshots *snap)
{
        unsigned live = s->slots;
        double ideal = 0;

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
}
