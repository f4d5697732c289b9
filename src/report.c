/*
 * report.c - entropy, cross-entropy, KL divergence and code figures
 *
 * Every figure `huff report` and the benchmark print comes from here, so
 * that each is computed once and tested once.
 *
 * Distributions are integer weights.  That keeps the code-length side exact:
 * codes are built from the weights themselves, and a code's cost Σ w·l is an
 * integer, so an average length is one correctly rounded division.  The
 * logarithmic side is summed as non-negative terms where possible
 * (H = Σ p log(1/p), D = Σ p log(p/q) rather than a difference of two
 * entropies), and each logarithm is taken as log1p of an exact integer
 * difference: log(S/w) = log1p((S - w) / w).  log2(S / w) of a rounded
 * ratio would lose most of the information when w is close to S (one
 * dominant symbol, or q close to p), which shows in the printed digits.
 */
#include <math.h>
#include <stdlib.h>

#include "block.h"
#include "code_range.h"
#include "context_model.h"
#include "frame.h"
#include "histogram.h"
#include "huffman_lengths.h"
#include "stream.h"

#define LN2 0.693147180559945309417232121458176568

/* log2(a / b) for integers 0 < b <= a, from their exact difference. */
static double log2_ratio(uint64_t a, uint64_t b)
{
        return log1p((double)(a - b) / (double)b) / LN2;
}

/* log2((p * qs) / (q * ps)), from the exact difference of the products
 * (each below 2^112): the terms of a KL divergence with q close to p. */
static double log2_cross_ratio(uint64_t p, uint64_t qs, uint64_t q, uint64_t ps)
{
#ifdef __SIZEOF_INT128__
        unsigned __int128 num = (unsigned __int128)p * qs, den = (unsigned __int128)q * ps;
        double diff = num >= den ? (double)(num - den) : -(double)(den - num);

        return log1p(diff / (double)den) / LN2;
#else
        long double num = (long double)p * qs, den = (long double)q * ps;

        return (double)(log1pl((num - den) / den) / LN2);
#endif
}

double huff_bits_in_unit(double bits, enum huff_unit u)
{
        return u == HUFF_UNIT_NATS ? bits * LN2 : bits;
}

void huff_histogram(const void *src, size_t n, uint64_t counts[256])
{
        huff_hist_count(src, n, counts);
}

/* Σw, or 0 with *ok = 0 when it passes 2^56. */
static uint64_t weight_sum(const uint64_t *w, unsigned n, int *ok)
{
        uint64_t sum = 0;

        *ok = 1;
        for (unsigned i = 0; i < n; i++) {
                if (w[i] > HUFF_WEIGHT_SUM_LIMIT - sum) {
                        *ok = 0;
                        return 0;
                }
                sum += w[i];
        }
        return sum;
}

enum huff_status huff_code_lengths(const uint64_t *w, unsigned n, unsigned max_len,
                                   uint8_t *lens)
{
        if (!w || !lens || n > HUFF_REPORT_MAX_SYMS)
                return HUFF_ERR_PARAM;
        return huff_lens_build(w, n, max_len == HUFF_LEN_UNLIMITED ? HUFF_LENS_UNLIMITED
                                                                    : max_len, lens);
}

enum huff_status huff_shannon_lengths(const uint64_t *w, unsigned n, uint8_t *lens)
{
        uint64_t sum;
        int ok;

        if (!w || !lens || n > HUFF_REPORT_MAX_SYMS)
                return HUFF_ERR_PARAM;
        sum = weight_sum(w, n, &ok);
        if (!ok)
                return HUFF_ERR_PARAM;
        for (unsigned i = 0; i < n; i++) {
                unsigned l = 0;

                /* w < 2^56 and the loop stops once w * 2^l >= sum, so the
                 * shift never overflows. */
                while (w[i] && (w[i] << l) < sum)
                        l++;
                lens[i] = (uint8_t)(w[i] ? HUFF_MAX(l, 1u) : 0);
        }
        return HUFF_OK;
}

enum huff_status huff_canonical_codes(const uint8_t *lens, unsigned n, uint32_t *codes)
{
        unsigned count[256] = { 0 }, maxl = 0;
        uint64_t next[33], code = 0, left = 1;

        if (!lens || !codes || n > HUFF_REPORT_MAX_SYMS)
                return HUFF_ERR_PARAM;
        for (unsigned i = 0; i < n; i++) {
                count[lens[i]]++;
                maxl = HUFF_MAX(maxl, lens[i]);
        }
        /* Oversubscribed: the codewords left free at each depth go below
         * zero.  Past 256 free ones no more than 256 symbols can use them
         * up, so the count is capped there and stays exact at any length. */
        for (unsigned l = 1; l <= maxl; l++) {
                left = HUFF_MIN(2 * left, (uint64_t)2 * HUFF_REPORT_MAX_SYMS);
                if (count[l] > left)
                        return HUFF_ERR_PARAM;
                left -= count[l];
        }
        /* FORMAT.md 4.3.  A codeword depends only on the shorter lengths,
         * so those that fit 32 bits are the same whatever longer ones
         * follow. */
        count[0] = 0;
        for (unsigned l = 1; l <= 32; l++) {
                code = (code + count[l - 1]) << 1;
                next[l] = code;
        }
        for (unsigned i = 0; i < n; i++)
                codes[i] = lens[i] && lens[i] <= 32 ? (uint32_t)next[lens[i]]++ : 0;
        return HUFF_OK;
}

double huff_entropy(const uint64_t *p, unsigned n, enum huff_unit u)
{
        uint64_t sum;
        double h = 0;
        int ok;

        sum = weight_sum(p, n, &ok);
        if (!ok)
                return NAN;
        if (sum == 0)
                return 0;
        for (unsigned i = 0; i < n; i++)
                if (p[i])
                        h += (double)p[i] / (double)sum * log2_ratio(sum, p[i]);
        return huff_bits_in_unit(h, u);
}

static double total(const uint64_t *w, unsigned n)
{
        double s = 0;

        for (unsigned i = 0; i < n; i++)
                s += (double)w[i];
        return s;
}

/* The integer sums of p and q, or 0 when one is zero or passes 2^56. */
static int pq_sums(const uint64_t *p, const uint64_t *q, unsigned n,
                   uint64_t *ps, uint64_t *qs)
{
        int okp, okq;

        *ps = weight_sum(p, n, &okp);
        *qs = weight_sum(q, n, &okq);
        return okp && okq && *ps && *qs;
}

/*
 * Σ p_i/Σp · f over the p_i > 0, where f is -log2 q_i/Σq (cross-entropy)
 * or log2 (p_i/Σp)/(q_i/Σq) (divergence, summed so that no precision is
 * lost to cancellation); +INFINITY where q cannot code p, NaN for bad sums.
 */
static double p_weighted_sum(const uint64_t *p, const uint64_t *q, unsigned n, int kl)
{
        uint64_t ps, qs;
        double sum = 0;

        if (!pq_sums(p, q, n, &ps, &qs))
                return NAN;
        for (unsigned i = 0; i < n; i++) {
                if (!p[i])
                        continue;
                if (!q[i])
                        return INFINITY;
                sum += (double)p[i] / (double)ps *
                       (kl ? log2_cross_ratio(p[i], qs, q[i], ps) : log2_ratio(qs, q[i]));
        }
        return sum;
}

double huff_cross_entropy(const uint64_t *p, const uint64_t *q, unsigned n,
                          enum huff_unit u)
{
        return huff_bits_in_unit(p_weighted_sum(p, q, n, 0), u);
}

double huff_kl_divergence(const uint64_t *p, const uint64_t *q, unsigned n,
                          enum huff_unit u)
{
        double d = p_weighted_sum(p, q, n, 1);

        /* D >= 0 (Gibbs); a negative sum is rounding of a zero or tiny D
         * (and NaN, for bad sums, stays NaN). */
        return huff_bits_in_unit(d < 0 ? 0 : d, u);
}

/* Σ w·l exactly, or UINT64_MAX when some w > 0 has l = 0. */
static uint64_t cost_bits(const uint64_t *w, const uint8_t *lens, unsigned n)
{
        uint64_t bits = 0;

        for (unsigned i = 0; i < n; i++) {
                if (w[i] && !lens[i])
                        return UINT64_MAX;
                bits += w[i] * lens[i];   /* < 2^56 * 256: no overflow */
        }
        return bits;
}

double huff_average_length(const uint64_t *p, const uint8_t *lens, unsigned n,
                           enum huff_unit u)
{
        uint64_t bits = cost_bits(p, lens, n);
        double sum = total(p, n);

        if (bits == UINT64_MAX)
                return INFINITY;
        if (sum == 0)
                return NAN;
        return huff_bits_in_unit((double)bits / sum, u);
}

double huff_kraft_sum(const uint8_t *lens, unsigned n)
{
        double k = 0;

        for (unsigned i = 0; i < n; i++)
                if (lens[i])
                        k += ldexp(1.0, -(int)lens[i]);
        return k;
}

enum huff_status huff_order1_entropy(const void *src, size_t n, enum huff_unit u, double *h)
{
        const uint8_t *s = src;
        uint64_t *pairs, first[256] = { 0 };
        double sum = 0;

        if (!h || (!src && n))
                return HUFF_ERR_PARAM;
        /* No pair of neighbours: nothing is conditioned on anything. */
        *h = NAN;
        if (n < 2)
                return HUFF_OK;
        pairs = calloc(256 * 256, sizeof(*pairs));
        if (!pairs)
                return HUFF_ERR_NOMEM;
        for (size_t i = 1; i < n; i++)
                pairs[s[i - 1] << 8 | s[i]]++;
        for (unsigned a = 0; a < 256; a++)
                for (unsigned b = 0; b < 256; b++)
                        first[a] += pairs[a << 8 | b];
        /* H(X_i | X_i-1) = Σ_ab P(a,b) log(P(a) / P(a,b)) over the pairs */
        for (unsigned a = 0; a < 256; a++)
                for (unsigned b = 0; b < 256; b++) {
                        uint64_t c = pairs[a << 8 | b];

                        if (c)
                                sum += (double)c * log2_ratio(first[a], c);
                }
        free(pairs);
        *h = huff_bits_in_unit(sum / (double)(n - 1), u);
        return HUFF_OK;
}

static unsigned longest(const uint8_t *lens, unsigned n)
{
        unsigned l = 0;

        for (unsigned i = 0; i < n; i++)
                l = HUFF_MAX(l, lens[i]);
        return l;
}

static enum huff_status code_figures(const uint64_t *p, unsigned n, unsigned limit,
                                     double entropy_bits, enum huff_unit u,
                                     struct huff_code_figures *f)
{
        double avg_bits;

        TRY(huff_code_lengths(p, n, limit, f->lens));
        f->payload_bits = cost_bits(p, f->lens, n);
        avg_bits = (double)f->payload_bits / total(p, n);
        f->avg = huff_bits_in_unit(avg_bits, u);
        f->redundancy = huff_bits_in_unit(avg_bits - entropy_bits, u);
        f->efficiency = avg_bits > 0 ? entropy_bits / avg_bits : 1;
        f->kraft_sum = huff_kraft_sum(f->lens, n);
        f->max_len = longest(f->lens, n);
        return HUFF_OK;
}

enum huff_status huff_report_distribution(const uint64_t *p, const uint64_t *q,
                                          unsigned n, unsigned limit,
                                          enum huff_unit u, struct huff_report *r)
{
        uint8_t shannon[HUFF_REPORT_MAX_SYMS];
        uint64_t psum, qsum;
        double h_bits;
        int ok;

        if (!p || !r || n == 0 || n > HUFF_REPORT_MAX_SYMS ||
            limit < HUFF_CODE_LEN_MIN || limit > HUFF_CODE_LEN_MAX ||
            (u != HUFF_UNIT_BITS && u != HUFF_UNIT_NATS))
                return HUFF_ERR_PARAM;
        psum = weight_sum(p, n, &ok);
        if (!ok || psum == 0)
                return HUFF_ERR_PARAM;
        memset(r, 0, sizeof(*r));
        r->num_syms = n;
        r->symbols = psum;
        r->unit = u;
        r->limit = limit;
        for (unsigned i = 0; i < n; i++)
                r->distinct += p[i] != 0;
        h_bits = huff_entropy(p, n, HUFF_UNIT_BITS);
        r->entropy = huff_bits_in_unit(h_bits, u);
        r->ideal_bytes = (double)psum * h_bits / 8;
        TRY(code_figures(p, n, HUFF_LEN_UNLIMITED, h_bits, u, &r->huffman));
        TRY(code_figures(p, n, limit, h_bits, u, &r->limited));
        TRY(huff_shannon_lengths(p, n, shannon));
        /* Σ p ceil(-log2 p): the lengths' average, except that ceil(-log2 1)
         * is 0 where the lengths give a lone symbol a usable 1 bit. */
        r->shannon_avg = r->distinct == 1 ? 0 : huff_average_length(p, shannon, n, u);

        if (!q)
                return HUFF_OK;
        qsum = weight_sum(q, n, &ok);
        if (!ok || qsum == 0)
                return HUFF_ERR_PARAM;
        r->has_model = 1;
        r->model_covers_data = 1;
        for (unsigned i = 0; i < n; i++)
                if (p[i] && !q[i])
                        r->model_covers_data = 0;
        r->cross_entropy = huff_cross_entropy(p, q, n, u);
        r->kl_divergence = huff_kl_divergence(p, q, n, u);
        TRY(huff_code_lengths(q, n, HUFF_LEN_UNLIMITED, r->model_lens));
        r->model_avg = huff_average_length(p, r->model_lens, n, u);
        r->model_overhead = r->model_covers_data ? r->model_avg - r->huffman.avg : INFINITY;
        r->model_max_len = longest(r->model_lens, n);
        r->model_avg_min = r->model_avg_max = INFINITY;
        if (r->model_covers_data) {
                uint64_t least, most;

                /* Divided as huff_average_length() divides, so that
                 * min <= model_avg <= max holds exactly. */
                huff_code_range_cost(p, q, n, &least, &most);
                r->model_avg_min = huff_bits_in_unit((double)least / total(p, n), u);
                r->model_avg_max = huff_bits_in_unit((double)most / total(p, n), u);
        }
        return HUFF_OK;
}

enum huff_status huff_report_model_code(struct huff_report *r, const uint64_t *p,
                                        const uint8_t *lens, unsigned n)
{
        if (!r || !p || !lens || !r->has_model || n != r->num_syms)
                return HUFF_ERR_PARAM;
        memcpy(r->model_lens, lens, n);
        r->model_avg = huff_average_length(p, lens, n, r->unit);
        r->model_overhead = r->model_avg - r->huffman.avg;   /* inf - x = inf */
        /* One code, whatever ties q has. */
        r->model_avg_min = r->model_avg_max = r->model_avg;
        r->model_max_len = longest(lens, n);
        return HUFF_OK;
}

struct block_tally {
        double entropy_bytes;
};

static void tally_block(void *ctx, enum huff_block_type type, const uint8_t *data, size_t size)
{
        struct block_tally *t = ctx;
        uint64_t counts[256];

        (void)type;
        huff_hist_count(data, size, counts);
        t->entropy_bytes += (double)size * huff_entropy(counts, 256, HUFF_UNIT_BITS) / 8;
}

enum huff_status huff_report_encoding(const void *src, size_t n,
                                      const struct huff_params *p,
                                      struct huff_encoding_report *r)
{
        size_t cap = huff_compress_bound(n), csize = 0;
        uint8_t *comp = NULL, *back = NULL;
        struct huff_decoder *d = NULL;
        struct block_tally tally = { 0 };
        struct huff_stats st;
        enum huff_status s;

        if (!r || (!src && n) || cap == 0)
                return HUFF_ERR_PARAM;
        memset(r, 0, sizeof(*r));
        comp = malloc(cap);
        back = malloc(n ? n : 1);
        s = comp && back ? HUFF_OK : HUFF_ERR_NOMEM;
        if (s == HUFF_OK)
                s = huff_compress(comp, cap, &csize, src, n, p);
        if (s == HUFF_OK)
                s = huff_decoder_create(&d);
        if (s == HUFF_OK) {
                /* Decode what the encoder wrote, so that the blocks are
                 * measured as it cut them, whatever rule it follows. */
                struct huff_inbuf in = { comp, csize, 0 };
                struct huff_outbuf out = { back, n, 0 };

                huff_stream_decoder_on_block(d, tally_block, &tally);
                s = huff_decoder_feed(d, &out, &in);
                if (s == HUFF_OK)
                        s = huff_decoder_finish(d);
                HUFF_ASSERT(s != HUFF_OK || memcmp(back, src, n) == 0);
        }
        if (s == HUFF_OK) {
                huff_decoder_stats(d, &st);
                r->huf_bytes = csize;
                r->blocks = st.blocks;
                memcpy(r->blocks_by_type, st.blocks_by_type, sizeof(r->blocks_by_type));
                r->block_entropy_bytes = tally.entropy_bytes;
        }
        huff_decoder_free(d);
        free(comp);
        free(back);
        return s;
}

/* ------------------------------------------------------------------------ */
/* Context models (huff_report_context())                                    */

/* One block's counts, cleared after each block where it was written. */
struct ctx_counts {
        uint64_t pairs[256][256];                       /* n_b(c, x) */
        uint64_t rows[256];                             /* n_b(c) */
        uint64_t codes[HUFF_CTX_CODES_MAX][256];        /* N_b(k, x) */
};

/* The report's sums, in bits, before the division by N. */
struct ctx_sums {
        double order1, clustered, cost;
};

/*
 * Count block src[0..n) under m, its model, with the contexts of FORMAT.md
 * 9.1, and add its terms to *t and *r.  Each row n_b(c,.) is a distribution
 * for the measures above, code k's counts its model q: the per-row figures
 * are the entropy, cross-entropy and divergence of that pair, weighted by
 * the row's count.
 */
static void context_block(const struct huff_ctx_model *m, const uint8_t *src, size_t n,
                          struct ctx_counts *w, struct ctx_sums *t,
                          struct huff_context_report *r)
{
        size_t stride = (n + m->streams - 1) / m->streams;
        uint64_t bits = 0;

        for (size_t i = 0; i < n; i++) {
                unsigned c = i % stride == 0 ? m->start[i / stride] : src[i - 1];

                w->pairs[c][src[i]]++;
                w->rows[c]++;
                w->codes[m->map[c]][src[i]]++;
        }
        for (unsigned c = 0; c < 256; c++) {
                const uint64_t *row = w->pairs[c], *q = w->codes[m->map[c]];
                double rc = (double)w->rows[c];
                uint64_t b;

                if (!w->rows[c])
                        continue;
                t->order1 += rc * huff_entropy(row, 256, HUFF_UNIT_BITS);
                t->clustered += rc * huff_cross_entropy(row, q, 256, HUFF_UNIT_BITS);
                t->cost += rc * huff_kl_divergence(row, q, 256, HUFF_UNIT_BITS);
                b = cost_bits(row, m->lens[m->map[c]], 256);
                HUFF_ASSERT(b != UINT64_MAX);   /* a code covers its contexts */
                bits += b;
                memset(w->pairs[c], 0, sizeof(w->pairs[c]));
                w->rows[c] = 0;
        }
        memset(w->codes, 0, m->codes * sizeof(w->codes[0]));
        /* The builder's count of the same bits, which the payload's size
         * came from. */
        HUFF_ASSERT(bits == m->code_bits);
        r->code_bits += bits;
        r->context_blocks++;
        r->context_symbols += n;
        r->codes_min = r->context_blocks == 1 ? m->codes : HUFF_MIN(r->codes_min, m->codes);
        r->codes_max = HUFF_MAX(r->codes_max, m->codes);
        r->overhead_bytes += m->desc_size;
        r->payload_bytes += m->payload_size;
}

/*
 * Walk the blocks of the frame comp[0..csize) that huff_compress() wrote
 * of src, each block's decoded size read from its header, and measure each
 * with the model the encoder would build for it.
 */
static enum huff_status context_blocks(const uint8_t *comp, size_t csize,
                                       const uint8_t *src, size_t n,
                                       const struct huff_params *p,
                                       struct ctx_counts *w, struct huff_ctx_scratch *scratch,
                                       struct ctx_sums *t, struct huff_context_report *r)
{
        unsigned effort = HUFF_MAX(huff_ctx_effort((unsigned)p->level), 1u);
        struct huff_frame_header fh;
        struct huff_ctx_model m;
        size_t pos, off = 0;

        TRY(huff_frame_parse_header(comp, csize, &fh, &pos));
        for (;;) {
                struct huff_block_header h;

                HUFF_ASSERT(pos < csize);
                if (comp[pos] == HUFF_TAG_END)
                        break;
                HUFF_ASSERT(pos + HUFF_BLOCK_HEADER_SIZE <= csize);
                TRY(huff_block_header_parse(comp + pos, fh.block_size, fh.version, &h));
                /* Never past src, even were the encoder wrong. */
                HUFF_ASSERT(h.decoded_size <= n - off);
                FAIL_IF(h.decoded_size > n - off, HUFF_ERR_CORRUPT);
                r->blocks++;
                if (huff_ctx_model_build(scratch, src + off, h.decoded_size, effort,
                                         p->max_code_len, &m) != SIZE_MAX)
                        context_block(&m, src + off, h.decoded_size, w, t, r);
                off += h.decoded_size;
                pos += HUFF_BLOCK_HEADER_SIZE + h.payload_size;
        }
        HUFF_ASSERT(off == n);
        return HUFF_OK;
}

enum huff_status huff_report_context(const void *src, size_t n, const struct huff_params *p,
                                     enum huff_unit u, struct huff_context_report *r)
{
        size_t cap = huff_compress_bound(n), csize = 0;
        struct huff_params params;
        struct huff_ctx_scratch *scratch = NULL;
        struct ctx_counts *w = NULL;
        struct ctx_sums t = { 0, 0, 0 };
        uint8_t *comp = NULL;
        enum huff_status s;
        double sym;

        if (!r || (!src && n) || cap == 0 || (u != HUFF_UNIT_BITS && u != HUFF_UNIT_NATS))
                return HUFF_ERR_PARAM;
        TRY(huff_params_or_defaults(&params, p));
        memset(r, 0, sizeof(*r));
        r->unit = u;
        r->symbols = n;
        comp = malloc(cap);
        w = calloc(1, sizeof(*w));
        s = comp && w ? huff_ctx_scratch_create(&scratch) : HUFF_ERR_NOMEM;
        if (s == HUFF_OK)
                s = huff_compress(comp, cap, &csize, src, n, &params);
        if (s == HUFF_OK) {
                s = context_blocks(comp, csize, src, n, &params, w, scratch, &t, r);
                /* The encoder's own frame parses. */
                HUFF_ASSERT(s == HUFF_OK);
        }
        if (s == HUFF_OK && r->context_symbols) {
                sym = (double)r->context_symbols;
                r->order1_entropy = huff_bits_in_unit(t.order1 / sym, u);
                r->clustered_entropy = huff_bits_in_unit(t.clustered / sym, u);
                r->clustering_cost = huff_bits_in_unit(t.cost / sym, u);
                r->code_avg = huff_bits_in_unit((double)r->code_bits / sym, u);
        }
        if (scratch)
                huff_ctx_scratch_free(scratch);
        free(w);
        free(comp);
        return s;
}
