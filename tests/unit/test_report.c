/*
 * test_report.c - the figures of `huff report` against values computed
 * independently
 *
 * Three kinds of expected values, none taken from the library:
 *
 *   - the worked examples of the issue, by hand: each expected entropy is
 *     written out as its sum of p log p, each average length as its exact
 *     fraction, and the printed rounding is checked too;
 *   - properties on seeded random distributions (n from 1 to 256, weights
 *     from 1 to 2^40, zeros, Fibonacci weights for codes deeper than 52):
 *     Gibbs' inequality, the Huffman and Shannon bounds, Kraft sums, exact
 *     integer costs, bits against nats, a model's overhead;
 *   - a plain reference implementation below ("Reference") that calls
 *     nothing of libhuff: its own byte counts, entropies summed in long
 *     double in increasing order, a Huffman cost by repeatedly merging the
 *     two smallest weights of an array (the cost of an optimal code is
 *     unique even where its lengths are not), Shannon lengths and the
 *     order-1 conditional entropy from a 256x256 table of pair counts, with
 *     each logarithm of a ratio taken from the ratio's exact integer
 *     difference from 1 (log1p).  On random distributions, random buffers
 *     and every corpus file the library must agree with it to 1e-9
 *     relative, and exactly for integer costs; entropies_to_the_last_digit
 *     and skewed_distributions_by_hand ask 1e-12 of H, H(p,q) and KL
 *     however small they are.
 *
 * The corpus is the folder $HUFF_CORPUS names; when that is unset or
 * absent the corpus test says so and checks nothing.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huff.h"
#include "testutil.h"

enum { STREAM = 0x52e9 };

#define LN2 0.693147180559945309417232121458176568

/* ------------------------------------------------------------------------ */
/* Reference: plain C, no libhuff                                            */

static void ref_histogram(const uint8_t *s, size_t n, uint64_t c[256])
{
        memset(c, 0, 256 * sizeof(c[0]));
        for (size_t i = 0; i < n; i++)
                c[s[i]]++;
}

static int cmp_ld(const void *a, const void *b)
{
        long double x = *(const long double *)a, y = *(const long double *)b;

        return (x > y) - (x < y);
}

/* Σ t[0..k) in long double, smallest first (non-negative terms). */
static long double ref_sum_sorted(long double *t, unsigned k)
{
        long double s = 0;

        qsort(t, k, sizeof(t[0]), cmp_ld);
        for (unsigned i = 0; i < k; i++)
                s += t[i];
        return s;
}

/*
 * log2(a / b) for integers a >= b > 0, from the exact difference: when one
 * symbol dominates, a / b is 1 + ε and rounding the quotient first would
 * leave little of ε (log1p keeps it).
 */
static long double ref_log2_ratio(uint64_t a, uint64_t b)
{
        return log1pl((long double)(a - b) / (long double)b) / logl(2.0L);
}

/* H(p) = Σ p_i log2(Σp / p_i) in bits. */
static long double ref_entropy(const uint64_t *w, unsigned n)
{
        long double t[256];
        uint64_t tot = 0;
        unsigned k = 0;

        for (unsigned i = 0; i < n; i++)
                tot += w[i];
        for (unsigned i = 0; i < n; i++)
                if (w[i])
                        t[k++] = (long double)w[i] / tot * ref_log2_ratio(tot, w[i]);
        return ref_sum_sorted(t, k);
}

/* H(p,q) = Σ p_i log2(Σq / q_i); +inf where q misses p. */
static long double ref_cross_entropy(const uint64_t *p, const uint64_t *q, unsigned n)
{
        long double t[256];
        uint64_t ps = 0, qs = 0;
        unsigned k = 0;

        for (unsigned i = 0; i < n; i++) {
                ps += p[i];
                qs += q[i];
        }
        for (unsigned i = 0; i < n; i++) {
                if (!p[i])
                        continue;
                if (!q[i])
                        return INFINITY;
                t[k++] = (long double)p[i] / ps * ref_log2_ratio(qs, q[i]);
        }
        return ref_sum_sorted(t, k);
}

/* a * b exactly, as two 64-bit halves. */
static void mul_64x64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
        uint64_t a0 = a & 0xffffffff, a1 = a >> 32, b0 = b & 0xffffffff, b1 = b >> 32;
        uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
        uint64_t mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);

        *lo = (mid << 32) | (p00 & 0xffffffff);
        *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/* (a*b - c*d) / (c*d) with the difference exact (128-bit). */
static long double ref_rel_diff_of_products(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
        uint64_t xh, xl, yh, yl, dh, dl;
        long double diff;
        int neg = 0;

        mul_64x64(a, b, &xh, &xl);
        mul_64x64(c, d, &yh, &yl);
        if (xh < yh || (xh == yh && xl < yl)) {
                uint64_t th = xh, tl = xl;

                xh = yh, xl = yl, yh = th, yl = tl;
                neg = 1;
        }
        dl = xl - yl;
        dh = xh - yh - (xl < yl);
        diff = ldexpl((long double)dh, 64) + (long double)dl;
        return (neg ? -diff : diff) / ((long double)c * (long double)d);
}

/* D(p||q) = Σ p_i log2((p_i Σq) / (q_i Σp)); each ratio from its exact
 * difference from 1, so that a q near p keeps its tiny divergence. */
static long double ref_kl(const uint64_t *p, const uint64_t *q, unsigned n)
{
        uint64_t ps = 0, qs = 0;
        long double d = 0;

        for (unsigned i = 0; i < n; i++) {
                ps += p[i];
                qs += q[i];
        }
        for (unsigned i = 0; i < n; i++) {
                if (!p[i])
                        continue;
                if (!q[i])
                        return INFINITY;
                d += (long double)p[i] / ps *
                     log1pl(ref_rel_diff_of_products(p[i], qs, q[i], ps)) / logl(2.0L);
        }
        return d;
}

/*
 * The cost Σ w_i l_i of an optimal prefix code: Huffman's algorithm on a
 * plain array, each merge of the two smallest weights adding their sum
 * (every symbol below a merged node is one bit deeper).  One used symbol
 * costs one bit per occurrence.  O(k^2), k <= 256.
 */
static uint64_t ref_huffman_cost(const uint64_t *w, unsigned n)
{
        uint64_t a[256], cost = 0;
        unsigned k = 0;

        for (unsigned i = 0; i < n; i++)
                if (w[i])
                        a[k++] = w[i];
        if (k == 1)
                return a[0];
        while (k > 1) {
                unsigned i1 = 0, i2 = 1;

                if (a[i2] < a[i1]) {
                        i1 = 1;
                        i2 = 0;
                }
                for (unsigned j = 2; j < k; j++) {
                        if (a[j] < a[i1]) {
                                i2 = i1;
                                i1 = j;
                        } else if (a[j] < a[i2]) {
                                i2 = j;
                        }
                }
                a[i1] += a[i2];
                cost += a[i1];
                a[i2] = a[--k];
        }
        return cost;
}

/* Shannon lengths: the smallest l >= 1 with w * 2^l >= Σw, 0 for w = 0. */
static void ref_shannon_lengths(const uint64_t *w, unsigned n, uint8_t *lens)
{
        uint64_t tot = 0;

        for (unsigned i = 0; i < n; i++)
                tot += w[i];
        for (unsigned i = 0; i < n; i++) {
                uint64_t v = w[i];
                unsigned l = 0;

                if (!v) {
                        lens[i] = 0;
                        continue;
                }
                while (v < tot) {       /* tot < 2^57: no overflow */
                        v <<= 1;
                        l++;
                }
                lens[i] = (uint8_t)(l ? l : 1);
        }
}

/* H(X_i | X_i-1) = Σ_ab c_ab/(n-1) log2(c_a/c_ab) over the n - 1 pairs;
 * undefined (NaN) without a pair. */
static long double ref_order1(const uint8_t *s, size_t n)
{
        uint64_t *pairs, first[256] = { 0 };
        long double h = 0;

        if (n < 2)
                return NAN;
        pairs = xmalloc(256 * 256 * sizeof(*pairs));
        memset(pairs, 0, 256 * 256 * sizeof(*pairs));
        for (size_t i = 0; i + 1 < n; i++)
                pairs[(size_t)s[i] * 256 + s[i + 1]]++;
        for (unsigned a = 0; a < 256; a++)
                for (unsigned b = 0; b < 256; b++)
                        first[a] += pairs[a * 256 + b];
        for (unsigned a = 0; a < 256; a++) {
                long double row = 0;

                for (unsigned b = 0; b < 256; b++) {
                        uint64_t c = pairs[a * 256 + b];

                        if (c)
                                row += (long double)c * ref_log2_ratio(first[a], c);
                }
                h += row;
        }
        free(pairs);
        return h / (long double)(n - 1);
}

/* Σ over chunks of block_size bytes of len * H(chunk) / 8. */
static long double ref_block_entropy_bytes(const uint8_t *s, size_t n, size_t block_size)
{
        long double sum = 0;

        for (size_t at = 0; at < n; at += block_size) {
                size_t len = n - at < block_size ? n - at : block_size;
                uint64_t c[256];

                ref_histogram(s + at, len, c);
                sum += (long double)len * ref_entropy(c, 256) / 8;
        }
        return sum;
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

/* |got - want| <= rel * |want| + abs_tol; both infinite alike also match. */
static int close_to(double got, long double want, double rel, double abs_tol)
{
        if (isnan(want) || isnan(got))
                return isnan(got) && isnan(want);
        if (isinf(want) || isinf(got))
                return isinf(got) && isinf(want) && (got > 0) == (want > 0);
        return fabsl((long double)got - want) <= rel * fabsl(want) + abs_tol;
}

static double rel_diff(double got, long double want)
{
        if (want == 0)
                return got == 0 ? 0 : INFINITY;
        return (double)(fabsl((long double)got - want) / fabsl(want));
}

#define ASSERT_CLOSE(got, want, rel) \
        ck_assert_msg(close_to((got), (want), (rel), 0), "%s = %.17g, expected %.17g", \
                      #got, (double)(got), (double)(want))

#define ASSERT_PRINTS(fmt, v, want) \
        do { \
                char buf_[64]; \
                snprintf(buf_, sizeof(buf_), fmt, (v)); \
                ck_assert_msg(strcmp(buf_, (want)) == 0, "%s printed with %s: %s, expected %s", \
                              #v, fmt, buf_, (want)); \
        } while (0)

static void report(const uint64_t *p, const uint64_t *q, unsigned n, enum huff_unit u,
                   struct huff_report *r)
{
        memset(r, 0xa5, sizeof(*r));    /* every field must be written */
        ck_assert_int_eq(huff_report_distribution(p, q, n, HUFF_CODE_LEN_DEFAULT, u, r),
                         HUFF_OK);
}

static uint64_t cost_of(const uint64_t *w, const uint8_t *lens, unsigned n)
{
        uint64_t c = 0;

        for (unsigned i = 0; i < n; i++)
                c += w[i] * lens[i];
        return c;
}

static uint64_t sum_of(const uint64_t *w, unsigned n)
{
        uint64_t s = 0;

        for (unsigned i = 0; i < n; i++)
                s += w[i];
        return s;
}

static unsigned max_of(const uint8_t *lens, unsigned n)
{
        unsigned m = 0;

        for (unsigned i = 0; i < n; i++)
                m = lens[i] > m ? lens[i] : m;
        return m;
}

/* Kraft sum exactly 1, for lengths of any depth: fold the codes per length
 * from the deepest up, two making one a level above; a complete code
 * leaves exactly one at the root. */
static int kraft_is_one(const uint8_t *lens, unsigned n)
{
        uint64_t per_len[256] = { 0 }, carry = 0;

        for (unsigned i = 0; i < n; i++)
                if (lens[i])
                        per_len[lens[i]]++;
        for (unsigned l = 255; l >= 1; l--) {
                carry += per_len[l];
                if (carry % 2)
                        return 0;
                carry /= 2;
        }
        return carry == 1;
}

/* Kraft sum at most 1 (lengths <= 63). */
static int kraft_at_most_one(const uint8_t *lens, unsigned n)
{
        uint64_t k = 0;

        for (unsigned i = 0; i < n; i++)
                if (lens[i])
                        k += (uint64_t)1 << (63 - lens[i]);
        return k <= (uint64_t)1 << 63;
}

/* codes[] is a prefix code for lens[], canonical as FORMAT.md 4.3 says:
 * in order of (length, symbol), each codeword is the previous one plus
 * one, shifted left by the growth in length; the first is all zeros. */
static void check_canonical(const uint8_t *lens, const uint32_t *codes, unsigned n)
{
        unsigned order[256], k = 0;

        for (unsigned l = 1; l <= 32; l++)
                for (unsigned i = 0; i < n; i++)
                        if (lens[i] == l)
                                order[k++] = i;
        for (unsigned j = 0; j < k; j++) {
                unsigned s = order[j], l = lens[s];

                TEST_ASSERT(l == 32 || codes[s] >> l == 0, "code %u of symbol %u wider than %u bits",
                            codes[s], s, l);
                if (j == 0) {
                        TEST_ASSERT(codes[s] == 0, "first codeword %u", codes[s]);
                } else {
                        unsigned t = order[j - 1];
                        uint64_t want = ((uint64_t)codes[t] + 1) << (l - lens[t]);

                        TEST_ASSERT(codes[s] == want, "symbol %u: code %u, canonical %llu",
                                    s, codes[s], (unsigned long long)want);
                }
        }
        /* Prefix-free: as intervals of [0, 2^32), codeword c of length l
         * covers [c 2^(32-l), (c+1) 2^(32-l)); taken in the order above they
         * must start at increasing points and never overlap, so no
         * codeword begins another. */
        for (unsigned j = 1; j < k; j++) {
                unsigned s = order[j], t = order[j - 1];
                uint64_t start = (uint64_t)codes[s] << (32 - lens[s]);
                uint64_t prev_end = ((uint64_t)codes[t] + 1) << (32 - lens[t]);

                TEST_ASSERT(start >= prev_end, "code of %u (%u bits) overlaps %u's (%u bits)",
                            s, lens[s], t, lens[t]);
        }
}

/* ------------------------------------------------------------------------ */
/* Worked examples, by hand                                                  */

START_TEST(four_equally_likely_balls)
{
        const uint64_t p[4] = { 1, 1, 1, 1 };
        const double h = -(4 * 0.25 * log2(0.25));      /* 2 */
        struct huff_report r;

        report(p, NULL, 4, HUFF_UNIT_BITS, &r);
        ck_assert_uint_eq(r.num_syms, 4);
        ck_assert_uint_eq(r.symbols, 4);
        ck_assert_uint_eq(r.distinct, 4);
        ck_assert_int_eq(r.has_model, 0);
        ASSERT_CLOSE(r.entropy, h, 1e-12);
        ASSERT_CLOSE(r.entropy, 2.0, 1e-12);
        ASSERT_PRINTS("%.6f", r.entropy, "2.000000");
        ck_assert_uint_eq(r.huffman.payload_bits, 8);
        ASSERT_CLOSE(r.huffman.avg, 2.0, 1e-12);
        ck_assert(fabs(r.huffman.redundancy) < 1e-15);
        ASSERT_CLOSE(r.huffman.efficiency, 1.0, 1e-12);
        ck_assert(r.huffman.kraft_sum == 1.0);
        ck_assert_uint_eq(r.huffman.max_len, 2);
        ASSERT_CLOSE(r.shannon_avg, 2.0, 1e-12);
        ASSERT_CLOSE(r.ideal_bytes, 4 * 2.0 / 8, 1e-12);
        ASSERT_CLOSE(huff_entropy(p, 4, HUFF_UNIT_BITS), h, 1e-12);
}
END_TEST

START_TEST(one_white_three_blue)
{
        const uint64_t p[2] = { 1, 3 };
        const double h = -(0.25 * log2(0.25) + 0.75 * log2(0.75));
        struct huff_report r;

        report(p, NULL, 2, HUFF_UNIT_BITS, &r);
        ASSERT_CLOSE(r.entropy, h, 1e-12);
        ASSERT_PRINTS("%.6f", r.entropy, "0.811278");
        ASSERT_PRINTS("%.3f", r.entropy, "0.811");
        /* Two symbols: a 1-bit code, redundancy 1 - H. */
        ck_assert_uint_eq(r.huffman.payload_bits, 4);
        ASSERT_CLOSE(r.huffman.avg, 1.0, 1e-12);
        ASSERT_CLOSE(r.huffman.redundancy, 1 - h, 1e-12);
        ASSERT_CLOSE(r.huffman.efficiency, h, 1e-12);
        /* Shannon: ceil(log2 4) = 2 and ceil(log2 4/3) = 1: 5/4 bits. */
        ASSERT_CLOSE(r.shannon_avg, 5.0 / 4, 1e-12);
}
END_TEST

START_TEST(three_three_two_one_one)
{
        /* 3 red, 3 blue, 2 yellow, 1 white, 1 black */
        const uint64_t p[5] = { 3, 3, 2, 1, 1 };
        const uint8_t article[5] = { 1, 2, 3, 4, 4 };   /* 0/10/110/1110/1111 */
        const uint8_t optimal[5] = { 2, 2, 2, 3, 3 };   /* the only cost-22 code */
        const uint32_t canonical[5] = { 0x0, 0x1, 0x2, 0x6, 0x7 }; /* 00 01 10 110 111 */
        const double h = -(2 * 0.3 * log2(0.3) + 0.2 * log2(0.2) + 2 * 0.1 * log2(0.1));
        double article_avg;
        uint32_t codes[5];
        struct huff_report r;

        report(p, NULL, 5, HUFF_UNIT_BITS, &r);
        ASSERT_CLOSE(r.entropy, h, 1e-12);
        ASSERT_PRINTS("%.6f", r.entropy, "2.170951");
        ASSERT_PRINTS("%.3f", r.entropy, "2.171");      /* not the article's 2.187 */
        ck_assert_uint_eq(r.huffman.payload_bits, 22);
        ASSERT_CLOSE(r.huffman.avg, 22.0 / 10, 1e-12);
        ASSERT_PRINTS("%.6f", r.huffman.avg, "2.200000");
        ASSERT_CLOSE(r.huffman.redundancy, 22.0 / 10 - h, 1e-12);
        ASSERT_CLOSE(r.huffman.efficiency, h / (22.0 / 10), 1e-12);
        ck_assert_mem_eq(r.huffman.lens, optimal, 5);
        ck_assert(r.huffman.kraft_sum == 1.0);
        ck_assert_uint_eq(r.huffman.max_len, 3);
        ck_assert_uint_eq(r.limited.payload_bits, 22);

        /* The article's code: complete, but 23/10 bits a symbol. */
        article_avg = huff_average_length(p, article, 5, HUFF_UNIT_BITS);
        ASSERT_CLOSE(article_avg, 23.0 / 10, 1e-12);
        ASSERT_PRINTS("%.1f", article_avg, "2.3");
        ck_assert(huff_kraft_sum(article, 5) == 1.0);
        ck_assert(r.huffman.avg < article_avg);

        ck_assert_int_eq(huff_canonical_codes(r.huffman.lens, 5, codes), HUFF_OK);
        ck_assert_mem_eq(codes, canonical, sizeof(codes));
        /* Shannon: ceil(log2 10/3) = 2 twice, ceil(log2 5) = 3,
         * ceil(log2 10) = 4 twice: (6 + 6 + 6 + 4 + 4) / 10. */
        ASSERT_CLOSE(r.shannon_avg, 26.0 / 10, 1e-12);
}
END_TEST

START_TEST(half_three_tenths_one_fifth)
{
        const uint64_t p[3] = { 5, 3, 2 };
        const double h = -(0.5 * log2(0.5) + 0.3 * log2(0.3) + 0.2 * log2(0.2));
        const double h_nats = -(0.5 * log(0.5) + 0.3 * log(0.3) + 0.2 * log(0.2));
        struct huff_report r, rn;

        report(p, NULL, 3, HUFF_UNIT_BITS, &r);
        report(p, NULL, 3, HUFF_UNIT_NATS, &rn);
        ASSERT_CLOSE(r.entropy, h, 1e-12);
        ASSERT_CLOSE(rn.entropy, h_nats, 1e-12);
        ASSERT_CLOSE(huff_entropy(p, 3, HUFF_UNIT_BITS), h, 1e-12);
        ASSERT_CLOSE(huff_entropy(p, 3, HUFF_UNIT_NATS), h_nats, 1e-12);
        ASSERT_PRINTS("%.6f", r.entropy, "1.485475");
        ASSERT_PRINTS("%.6f", rn.entropy, "1.029653");
        ASSERT_PRINTS("%.3f", r.entropy, "1.485");
        ASSERT_PRINTS("%.3f", rn.entropy, "1.030");
        /* Code 0/10/11: (5 + 6 + 4) / 10 bits. */
        ck_assert_uint_eq(r.huffman.payload_bits, 15);
        ASSERT_CLOSE(r.huffman.avg, 15.0 / 10, 1e-12);
        ASSERT_CLOSE(rn.huffman.avg, 15.0 / 10 * log(2.0), 1e-12);
        ASSERT_CLOSE(rn.huffman.redundancy, (15.0 / 10 - h) * log(2.0), 1e-12);
        ASSERT_CLOSE(rn.huffman.efficiency, h / (15.0 / 10), 1e-12);
        /* ideal_bytes stays in bits whatever the unit. */
        ASSERT_CLOSE(rn.ideal_bytes, 10 * h / 8, 1e-12);
}
END_TEST

/* One-hot label p = [0, 1, 0] against three predictions. */
START_TEST(one_hot_against_predictions)
{
        static const struct {
                uint64_t q[3];
                double h_pq;            /* log2(Σq / q_1), by hand */
                const char *printed;
                uint8_t len1;           /* q's code length of symbol 1 */
        } ex[] = {
                { { 6, 2, 2 }, 2.321928094887362, "2.321928", 2 },   /* log2(10/2) */
                { { 3, 5, 2 }, 1.0, "1.000000", 1 },                 /* log2(10/5) */
                { { 1, 8, 1 }, 0.32192809488736235, "0.321928", 1 }, /* log2(10/8) */
        };
        const uint64_t p[3] = { 0, 1, 0 };

        for (unsigned k = 0; k < 3; k++) {
                const uint64_t *q = ex[k].q;
                double want = -log2((double)q[1] / 10);
                struct huff_report r;

                ASSERT_CLOSE(want, ex[k].h_pq, 1e-15);
                report(p, q, 3, HUFF_UNIT_BITS, &r);
                ck_assert(r.entropy == 0);
                ck_assert_int_eq(r.has_model, 1);
                ck_assert_int_eq(r.model_covers_data, 1);
                ASSERT_CLOSE(r.cross_entropy, want, 1e-12);
                ASSERT_CLOSE(r.kl_divergence, want, 1e-12);    /* H(p) = 0 */
                ASSERT_PRINTS("%.6f", r.cross_entropy, ex[k].printed);
                ASSERT_PRINTS("%.6f", r.kl_divergence, ex[k].printed);
                ASSERT_CLOSE(huff_cross_entropy(p, q, 3, HUFF_UNIT_BITS), want, 1e-12);
                ASSERT_CLOSE(huff_kl_divergence(p, q, 3, HUFF_UNIT_BITS), want, 1e-12);
                ASSERT_CLOSE(huff_cross_entropy(p, q, 3, HUFF_UNIT_NATS), want * LN2, 1e-12);
                ASSERT_CLOSE(huff_kl_divergence(p, q, 3, HUFF_UNIT_NATS), want * LN2, 1e-12);
                /* q's Huffman code (1 bit for its largest weight, 2 for
                 * the others) on p's single symbol; p's own code is 1 bit. */
                ck_assert_uint_eq(r.model_lens[1], ex[k].len1);
                ASSERT_CLOSE(r.model_avg, (double)ex[k].len1, 1e-12);
                ASSERT_CLOSE(r.huffman.avg, 1.0, 1e-12);
                ASSERT_CLOSE(r.model_overhead, ex[k].len1 - 1.0, 1e-12);
        }
        ASSERT_PRINTS("%.2f", -log2(2.0 / 10), "2.32");
        ASSERT_PRINTS("%.2f", -log2(8.0 / 10), "0.32");
}
END_TEST

/* A single used symbol: H = 0, but a prefix code needs a 1-bit codeword. */
START_TEST(single_symbol)
{
        const uint64_t p4[4] = { 0, 0, 7, 0 }, p1[1] = { 5 };
        uint8_t lens[4];
        struct huff_report r;

        report(p4, NULL, 4, HUFF_UNIT_BITS, &r);
        ck_assert_uint_eq(r.distinct, 1);
        ck_assert(r.entropy == 0);
        ck_assert(r.ideal_bytes == 0);
        ck_assert_uint_eq(r.huffman.lens[2], 1);
        ck_assert_uint_eq(r.huffman.lens[0] | r.huffman.lens[1] | r.huffman.lens[3], 0);
        ck_assert_uint_eq(r.huffman.payload_bits, 7);
        ASSERT_CLOSE(r.huffman.avg, 1.0, 1e-12);
        ASSERT_CLOSE(r.huffman.redundancy, 1.0, 1e-12);
        ck_assert(r.huffman.efficiency == 0);
        ck_assert(r.huffman.kraft_sum == 0.5);
        ck_assert_uint_eq(r.huffman.max_len, 1);
        ASSERT_CLOSE(r.limited.avg, 1.0, 1e-12);
        /* ceil(-log2 1) = 0, though huff_shannon_lengths() gives the
         * symbol a usable 1-bit codeword. */
        ck_assert(r.shannon_avg == 0);
        ck_assert_int_eq(huff_shannon_lengths(p4, 4, lens), HUFF_OK);
        ck_assert_uint_eq(lens[2], 1);
        ck_assert(huff_entropy(p4, 4, HUFF_UNIT_BITS) == 0);

        report(p1, NULL, 1, HUFF_UNIT_NATS, &r);
        ck_assert(r.entropy == 0);
        ASSERT_CLOSE(r.huffman.avg, LN2, 1e-12);
        ASSERT_CLOSE(r.huffman.redundancy, LN2, 1e-12);
        ck_assert_uint_eq(r.huffman.payload_bits, 5);
}
END_TEST

/* q gives zero probability to a symbol p uses: infinite, and said so. */
START_TEST(model_missing_a_symbol)
{
        const uint64_t p[3] = { 1, 2, 3 }, q[3] = { 4, 0, 4 };
        const uint64_t p2[3] = { 1, 0, 3 }, q2[3] = { 2, 0, 2 };
        uint8_t lens[3];
        struct huff_report r;

        report(p, q, 3, HUFF_UNIT_BITS, &r);
        ck_assert_int_eq(r.has_model, 1);
        ck_assert_int_eq(r.model_covers_data, 0);
        ck_assert(isinf(r.cross_entropy) && r.cross_entropy > 0);
        ck_assert(isinf(r.kl_divergence) && r.kl_divergence > 0);
        ck_assert(isinf(r.model_avg) && r.model_avg > 0);
        ck_assert(isinf(r.model_overhead) && r.model_overhead > 0);
        ck_assert(isfinite(r.entropy) && isfinite(r.huffman.avg));
        ck_assert(isinf(huff_cross_entropy(p, q, 3, HUFF_UNIT_BITS)));
        ck_assert(isinf(huff_kl_divergence(p, q, 3, HUFF_UNIT_NATS)));
        ck_assert_int_eq(huff_code_lengths(q, 3, HUFF_LEN_UNLIMITED, lens), HUFF_OK);
        ck_assert(isinf(huff_average_length(p, lens, 3, HUFF_UNIT_BITS)));

        /* A zero where p is zero too costs nothing: 1/4 log2(1/2 / 1/4)
         * + 3/4 log2(1/2 / 3/4). */
        report(p2, q2, 3, HUFF_UNIT_BITS, &r);
        ck_assert_int_eq(r.model_covers_data, 1);
        ASSERT_CLOSE(r.cross_entropy, 1.0, 1e-12);
        ASSERT_CLOSE(r.kl_divergence, 0.25 * log2(0.25 / 0.5) + 0.75 * log2(0.75 / 0.5), 1e-12);
        ASSERT_CLOSE(r.model_overhead, 0.0, 0);
}
END_TEST

/*
 * q's optimal code where q's weights tie: q = 1,1,2,2 has the optimal
 * lengths 2,2,2,2 (huff_code_lengths()'s, ties by index) and 3,3,2,1 or
 * 3,3,1,2, so p = 0,0,0,1 costs 2 bits under q's code but 1 under another
 * optimal one; without ties (1,2,4,8,16) there is one code, and a model's
 * stored code is one code whatever q's ties.
 */
START_TEST(model_code_ties)
{
        const uint64_t p[4] = { 0, 0, 0, 1 }, q[4] = { 1, 1, 2, 2 };
        const uint64_t p5[5] = { 3, 3, 2, 1, 1 }, q5[5] = { 1, 2, 4, 8, 16 };
        const uint8_t stored[4] = { 2, 2, 2, 2 };
        struct huff_report r;

        report(p, q, 4, HUFF_UNIT_BITS, &r);
        ck_assert_uint_eq(r.model_lens[3], 2);
        ASSERT_CLOSE(r.model_avg, 2.0, 0);
        ASSERT_CLOSE(r.model_avg_min, 1.0, 0);
        ASSERT_CLOSE(r.model_avg_max, 2.0, 0);
        ck_assert_uint_eq(r.model_max_len, 2);
        report(p, q, 4, HUFF_UNIT_NATS, &r);
        ASSERT_CLOSE(r.model_avg_min, LN2, 1e-15);
        ASSERT_CLOSE(r.model_avg_max, 2 * LN2, 1e-15);
        /* Symbol 0 gets 2 bits (2,2,2,2) or 3 (3,3,2,1). */
        {
                const uint64_t p2[4] = { 1, 0, 0, 0 };

                report(p2, q, 4, HUFF_UNIT_BITS, &r);
                ASSERT_CLOSE(r.model_avg_min, 2.0, 0);
                ASSERT_CLOSE(r.model_avg_max, 3.0, 0);
        }
        report(p5, q5, 5, HUFF_UNIT_BITS, &r);
        ck_assert(r.model_avg_min == r.model_avg && r.model_avg_max == r.model_avg);
        ck_assert_uint_eq(r.model_max_len, 4);
        /* Not covered: no code can code p. */
        {
                const uint64_t q0[4] = { 1, 1, 2, 0 };

                report(p, q0, 4, HUFF_UNIT_BITS, &r);
                ck_assert(isinf(r.model_avg_min) && isinf(r.model_avg_max));
        }
        /* A stored code: one code. */
        report(p, q, 4, HUFF_UNIT_BITS, &r);
        ck_assert_int_eq(huff_report_model_code(&r, p, stored, 4), HUFF_OK);
        ck_assert(r.model_avg_min == 2.0 && r.model_avg_max == 2.0 && r.model_avg == 2.0);
}
END_TEST

START_TEST(bad_arguments)
{
        uint64_t p[257] = { 0 }, q[3] = { 0, 0, 0 };
        uint8_t lens[257];
        uint32_t codes[4];
        struct huff_report r;

#define REFUSED(p, q, n, limit) \
        ck_assert_int_eq(huff_report_distribution(p, q, n, limit, HUFF_UNIT_BITS, &r), \
                         HUFF_ERR_PARAM)
        p[0] = 1;
        REFUSED(p, NULL, 0, 11);
        REFUSED(p, NULL, 257, 11);
        REFUSED(p, NULL, 3, HUFF_CODE_LEN_MIN - 1);
        REFUSED(p, NULL, 3, HUFF_CODE_LEN_MAX + 1);
        REFUSED(p, q, 3, 11);           /* q all zero */
        REFUSED(q, NULL, 3, 11);        /* p all zero */
        p[1] = (uint64_t)1 << 55;
        p[2] = (uint64_t)1 << 55;       /* Σ = 2^56 + 1 */
        REFUSED(p, NULL, 3, 11);
#undef REFUSED
        ck_assert_int_eq(huff_code_lengths(p, 3, HUFF_LEN_UNLIMITED, lens), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_code_lengths(p, 257, HUFF_LEN_UNLIMITED, lens), HUFF_ERR_PARAM);
        /* 256 used symbols do not fit in 7-bit codes. */
        for (unsigned i = 0; i < 256; i++)
                p[i] = 1;
        ck_assert_int_eq(huff_code_lengths(p, 256, 7, lens), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_code_lengths(p, 256, 8, lens), HUFF_OK);
        /* Oversubscribed, at any length: the 40-bit one does not fit
         * below two 1-bit codewords either. */
        lens[0] = 1, lens[1] = 1, lens[2] = 2, lens[3] = 0;
        ck_assert_int_eq(huff_canonical_codes(lens, 4, codes), HUFF_ERR_PARAM);
        lens[0] = 1, lens[1] = 1, lens[2] = 40, lens[3] = 0;
        ck_assert_int_eq(huff_canonical_codes(lens, 4, codes), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_canonical_codes(lens, 4, NULL), HUFF_ERR_PARAM);
}
END_TEST

/*
 * Codewords past 32 bits have no 32-bit value, but every shorter one is
 * still shown: 1, 2, ..., 32 bits and two of 33 (Fibonacci-like lengths)
 * give 0, 10, 110, ..., 1...10 (32 bits), and 0 for the two 33-bit ones.
 */
START_TEST(canonical_codes_past_32_bits)
{
        uint8_t lens[34];
        uint32_t codes[34];

        for (unsigned i = 0; i < 32; i++)
                lens[i] = (uint8_t)(i + 1);
        lens[32] = lens[33] = 33;
        ck_assert_int_eq(huff_canonical_codes(lens, 34, codes), HUFF_OK);
        for (unsigned i = 0; i < 32; i++)
                ck_assert_uint_eq(codes[i], (uint32_t)(((uint64_t)1 << (i + 1)) - 2));
        ck_assert_uint_eq(codes[32], 0);
        ck_assert_uint_eq(codes[33], 0);
        /* One 1-bit and one 33-bit codeword: the short one is 0. */
        lens[0] = 1, lens[1] = 33;
        ck_assert_int_eq(huff_canonical_codes(lens, 2, codes), HUFF_OK);
        ck_assert_uint_eq(codes[0], 0);
        ck_assert_uint_eq(codes[1], 0);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Properties on seeded random distributions                                 */

/* Random weights w[0..n), at least one non-zero; returns the shape's name. */
static const char *random_weights(struct rng *r, uint64_t *w, unsigned n)
{
        unsigned zero_pct = (unsigned[]){ 0, 0, 30, 90 }[rng_below(r, 4)];
        const char *what;
        uint64_t a = 1, b = 1;

        switch (rng_below(r, 6)) {
        case 0:                 /* small counts */
                what = "small";
                for (unsigned i = 0; i < n; i++)
                        w[i] = rng_range(r, 1, 10);
                break;
        case 1:                 /* log-uniform up to 2^40 */
                what = "log-uniform";
                for (unsigned i = 0; i < n; i++)
                        w[i] = rng_range(r, 1, (uint64_t)1 << rng_below(r, 41));
                break;
        case 2:                 /* geometric */
                what = "geometric";
                for (unsigned i = 0; i < n; i++)
                        w[i] = (uint64_t)ldexp(1.0, 40 - (int)(i * 40 / n)) + rng_below(r, 3);
                break;
        case 3:                 /* one huge, the rest tiny */
                what = "one huge";
                for (unsigned i = 0; i < n; i++)
                        w[i] = rng_range(r, 1, 3);
                w[rng_below(r, n)] = (uint64_t)1 << 40;
                break;
        case 4:                 /* Fibonacci: codes up to ~58 bits deep */
                what = "fibonacci";
                for (unsigned i = 0; i < n; i++) {
                        uint64_t c = a + b;

                        w[i] = a;
                        if (c <= (uint64_t)1 << 40) {
                                a = b;
                                b = c;
                        }
                }
                break;
        default:                /* equal */
                what = "equal";
                a = rng_range(r, 1, (uint64_t)1 << 40);
                for (unsigned i = 0; i < n; i++)
                        w[i] = a;
                break;
        }
        for (unsigned i = 0; i < n; i++)
                if (rng_below(r, 100) < zero_pct)
                        w[i] = 0;
        if (sum_of(w, n) == 0)
                w[rng_below(r, n)] = rng_range(r, 1, 1000);
        /* Shuffle, so that the shapes are not sorted by symbol. */
        for (unsigned i = n - 1; i > 0; i--) {
                unsigned j = (unsigned)rng_below(r, i + 1);
                uint64_t t = w[i];

                w[i] = w[j];
                w[j] = t;
        }
        return what;
}

/* A model q for p: p itself, other data covering p, p slightly
 * perturbed, or other data that may miss a symbol of p. */
static const char *random_model(struct rng *r, const uint64_t *p, uint64_t *q, unsigned n)
{
        switch (rng_below(r, 4)) {
        case 0:
                memcpy(q, p, n * sizeof(q[0]));
                return "q = p";
        case 1:
                random_weights(r, q, n);
                for (unsigned i = 0; i < n; i++)
                        if (p[i] && !q[i])
                                q[i] = rng_range(r, 1, 100);
                return "q covers p";
        case 2:
                for (unsigned i = 0; i < n; i++)
                        q[i] = p[i] ? p[i] + rng_below(r, 1 + p[i] / 1000) : 0;
                return "q near p";
        default:
                random_weights(r, q, n);
                return "q any";
        }
}

/* The figures of r_bits and r_nats (same p and q) are the same in
 * different units. */
static void check_units(const struct huff_report *b, const struct huff_report *x)
{
#define SAME_IN_NATS(f) \
        TEST_ASSERT(close_to(x->f, (long double)b->f * LN2, 1e-12, 1e-15), \
                    #f ": %.17g nats, %.17g bits", x->f, b->f)
        SAME_IN_NATS(entropy);
        SAME_IN_NATS(huffman.avg);
        SAME_IN_NATS(huffman.redundancy);
        SAME_IN_NATS(limited.avg);
        SAME_IN_NATS(limited.redundancy);
        SAME_IN_NATS(shannon_avg);
        if (b->has_model) {
                SAME_IN_NATS(cross_entropy);
                SAME_IN_NATS(kl_divergence);
                SAME_IN_NATS(model_avg);
                SAME_IN_NATS(model_overhead);
        }
#undef SAME_IN_NATS
        TEST_ASSERT(x->unit == HUFF_UNIT_NATS && b->unit == HUFF_UNIT_BITS, "units");
        TEST_ASSERT(close_to(x->ideal_bytes, b->ideal_bytes, 1e-15, 0),
                    "ideal_bytes in nats %.17g, bits %.17g", x->ideal_bytes, b->ideal_bytes);
        TEST_ASSERT(close_to(x->huffman.efficiency, b->huffman.efficiency, 1e-15, 0),
                    "efficiency in nats %.17g, bits %.17g", x->huffman.efficiency,
                    b->huffman.efficiency);
        TEST_ASSERT(x->huffman.payload_bits == b->huffman.payload_bits, "payload");
        TEST_ASSERT(x->huffman.kraft_sum == b->huffman.kraft_sum, "kraft");
        TEST_ASSERT(memcmp(x->huffman.lens, b->huffman.lens, b->num_syms) == 0, "lens");
}

/* A code's figures in r against p: exact cost, average, bounds, Kraft. */
static void check_code(const char *which, const struct huff_code_figures *f,
                       const uint64_t *p, unsigned n, unsigned limit, double h)
{
        uint64_t tot = sum_of(p, n), cost = cost_of(p, f->lens, n);
        unsigned distinct = 0;
        uint8_t lens[256];

        for (unsigned i = 0; i < n; i++) {
                distinct += p[i] != 0;
                TEST_ASSERT((f->lens[i] == 0) == (p[i] == 0), "%s: lens[%u] = %u for weight %llu",
                            which, i, f->lens[i], (unsigned long long)p[i]);
        }
        TEST_ASSERT(huff_code_lengths(p, n, limit, lens) == HUFF_OK, "%s: lengths", which);
        TEST_ASSERT(memcmp(lens, f->lens, n) == 0, "%s: lens differ from huff_code_lengths()",
                    which);
        TEST_ASSERT(f->payload_bits == cost, "%s: payload %llu, Σ w l = %llu", which,
                    (unsigned long long)f->payload_bits, (unsigned long long)cost);
        TEST_ASSERT(close_to(f->avg * (double)tot, (long double)cost, 1e-12, 0),
                    "%s: avg %.17g * %llu != %llu", which, f->avg, (unsigned long long)tot,
                    (unsigned long long)cost);
        TEST_ASSERT(close_to(f->avg, (long double)cost / (long double)tot, 1e-15, 0),
                    "%s: avg %.17g, cost/total %.17Lg", which, f->avg,
                    (long double)cost / (long double)tot);
        TEST_ASSERT(f->max_len == max_of(f->lens, n), "%s: max_len %u", which, f->max_len);
        TEST_ASSERT(limit == HUFF_LEN_UNLIMITED || f->max_len <= limit, "%s: max_len %u > %u",
                    which, f->max_len, limit);
        TEST_ASSERT(close_to(f->redundancy, (long double)f->avg - h, 0, 1e-12),
                    "%s: redundancy %.17g, avg %.17g, H %.17g", which, f->redundancy, f->avg, h);
        if (distinct >= 2) {
                TEST_ASSERT(f->avg >= h * (1 - 1e-12), "%s: avg %.17g < H %.17g", which, f->avg, h);
                TEST_ASSERT(close_to(f->efficiency, (long double)h / f->avg, 1e-12, 0),
                            "%s: efficiency %.17g", which, f->efficiency);
                TEST_ASSERT(kraft_is_one(f->lens, n), "%s: Kraft sum not 1", which);
                if (f->max_len <= 52)
                        TEST_ASSERT(f->kraft_sum == 1.0, "%s: kraft_sum %.17g", which, f->kraft_sum);
                else
                        TEST_ASSERT(fabs(f->kraft_sum - 1.0) < 1e-15, "%s: kraft_sum %.17g",
                                    which, f->kraft_sum);
        } else {
                TEST_ASSERT(f->avg == 1.0 && h == 0 && f->redundancy == 1.0 && f->efficiency == 0,
                            "%s: one symbol: avg %.17g, H %.17g, redundancy %.17g, eff %.17g",
                            which, f->avg, h, f->redundancy, f->efficiency);
                TEST_ASSERT(f->kraft_sum == 0.5, "%s: kraft_sum %.17g", which, f->kraft_sum);
        }
        /* Canonical codewords: every one that fits the API's 32 bits,
         * whatever the longest (check_canonical() looks at those only),
         * and 0 for the longer ones. */
        {
                uint32_t codes[256];

                TEST_ASSERT(huff_canonical_codes(f->lens, n, codes) == HUFF_OK,
                            "%s: codes of a %u-bit code", which, f->max_len);
                check_canonical(f->lens, codes, n);
                for (unsigned i = 0; i < n; i++)
                        TEST_ASSERT(f->lens[i] <= 32 || codes[i] == 0,
                                    "%s: a %u-bit codeword given", which, f->lens[i]);
        }
}

static void check_distribution(const uint64_t *p, const uint64_t *q, unsigned n,
                               const char *what)
{
        struct huff_report r, rn;
        uint64_t tot = sum_of(p, n), ref_cost = ref_huffman_cost(p, n);
        long double h = ref_entropy(p, n);
        unsigned limit = (unsigned)(HUFF_CODE_LEN_MIN + test_seed % 8), distinct = 0;
        uint8_t shannon[256], ref_shannon[256];
        int covers = 1;

        for (unsigned i = 0; i < n; i++) {
                distinct += p[i] != 0;
                if (q && p[i] && !q[i])
                        covers = 0;
        }
        if (distinct > 1u << limit)
                limit = HUFF_CODE_LEN_MAX;
        memset(&r, 0xa5, sizeof(r));
        TEST_ASSERT(huff_report_distribution(p, q, n, limit, HUFF_UNIT_BITS, &r) == HUFF_OK,
                    "%s n=%u: report", what, n);
        TEST_ASSERT(huff_report_distribution(p, q, n, limit, HUFF_UNIT_NATS, &rn) == HUFF_OK,
                    "%s n=%u: report in nats", what, n);
        TEST_ASSERT(r.num_syms == n && r.symbols == tot && r.distinct == distinct &&
                    r.limit == limit && r.has_model == (q != NULL),
                    "%s n=%u: counts %u %llu %u %u %d", what, n, r.num_syms,
                    (unsigned long long)r.symbols, r.distinct, r.limit, r.has_model);

        /* Entropy against the reference (to 1e-9, or 1e-15 absolute, here:
         * entropies_to_the_last_digit asks for more); ideal size in bits. */
        TEST_ASSERT(close_to(r.entropy, h, 1e-9, 1e-15), "%s n=%u: H %.17g, reference %.17Lg",
                    what, n, r.entropy, h);
        TEST_ASSERT(huff_entropy(p, n, HUFF_UNIT_BITS) == r.entropy, "%s n=%u: huff_entropy",
                    what, n);
        TEST_ASSERT(close_to(r.ideal_bytes, (long double)tot * r.entropy / 8, 1e-12, 0),
                    "%s n=%u: ideal_bytes %.17g", what, n, r.ideal_bytes);
        TEST_ASSERT(distinct > 1 || r.entropy == 0, "%s: one symbol, H = %.17g", what, r.entropy);

        /* Huffman: the reference's optimal cost, exactly; H <= L < H + 1. */
        check_code("huffman", &r.huffman, p, n, HUFF_LEN_UNLIMITED, r.entropy);
        TEST_ASSERT(r.huffman.payload_bits == ref_cost, "%s n=%u: payload %llu, reference %llu",
                    what, n, (unsigned long long)r.huffman.payload_bits,
                    (unsigned long long)ref_cost);
        TEST_ASSERT(distinct < 2 || r.huffman.avg < r.entropy + 1, "%s: avg %.17g >= H + 1",
                    what, r.huffman.avg);

        /* Limited: never better than unlimited; as good when the limit
         * does not bind. */
        check_code("limited", &r.limited, p, n, limit, r.entropy);
        TEST_ASSERT(r.limited.payload_bits >= r.huffman.payload_bits, "%s: limited beats huffman",
                    what);
        TEST_ASSERT(r.huffman.max_len > limit || r.limited.payload_bits == r.huffman.payload_bits,
                    "%s: limit %u does not bind but costs %llu > %llu", what, limit,
                    (unsigned long long)r.limited.payload_bits,
                    (unsigned long long)r.huffman.payload_bits);

        /* Shannon: ceil(-log2 p), H <= avg < H + 1, never better than
         * Huffman, Kraft <= 1. */
        ref_shannon_lengths(p, n, ref_shannon);
        TEST_ASSERT(huff_shannon_lengths(p, n, shannon) == HUFF_OK, "%s: shannon", what);
        TEST_ASSERT(memcmp(shannon, ref_shannon, n) == 0, "%s: shannon lengths", what);
        TEST_ASSERT(kraft_at_most_one(shannon, n), "%s: Shannon Kraft sum > 1", what);
        TEST_ASSERT(huff_kraft_sum(shannon, n) <= 1.0, "%s: huff_kraft_sum(shannon) %.17g", what,
                    huff_kraft_sum(shannon, n));
        TEST_ASSERT(cost_of(p, ref_shannon, n) >= ref_cost, "%s: Shannon beats Huffman", what);
        /* shannon_avg is Σ p ceil(-log2 p): the lengths' average, but 0
         * for one symbol (ceil(-log2 1)), where the lengths give it 1. */
        if (distinct >= 2) {
                TEST_ASSERT(close_to(r.shannon_avg, (long double)cost_of(p, ref_shannon, n) /
                                     (long double)tot, 1e-15, 0),
                            "%s: shannon_avg %.17g", what, r.shannon_avg);
                TEST_ASSERT(r.shannon_avg >= r.huffman.avg, "%s: shannon_avg < huffman avg",
                            what);
                TEST_ASSERT(r.shannon_avg >= r.entropy * (1 - 1e-12) &&
                            r.shannon_avg < r.entropy + 1,
                            "%s: shannon_avg %.17g, H %.17g", what, r.shannon_avg, r.entropy);
        } else {
                TEST_ASSERT(r.shannon_avg == 0, "%s: one symbol, shannon_avg %.17g", what,
                            r.shannon_avg);
        }

        if (q) {
                long double hpq = ref_cross_entropy(p, q, n), kl = ref_kl(p, q, n);

                TEST_ASSERT(r.model_covers_data == covers, "%s: covers %d", what,
                            r.model_covers_data);
                if (!covers) {
                        TEST_ASSERT(isinf(r.cross_entropy) && r.cross_entropy > 0 &&
                                    isinf(r.kl_divergence) && r.kl_divergence > 0 &&
                                    isinf(r.model_avg) && r.model_avg > 0 &&
                                    isinf(r.model_overhead) && r.model_overhead > 0,
                                    "%s: q misses p: %g %g %g %g", what, r.cross_entropy,
                                    r.kl_divergence, r.model_avg, r.model_overhead);
                } else {
                        uint64_t lq_cost = cost_of(p, r.model_lens, n);
                        double tol = 1e-9 * fmax(1, r.cross_entropy);

                        /* Against the reference. */
                        TEST_ASSERT(close_to(r.cross_entropy, hpq, 1e-9, 1e-15),
                                    "%s: H(p,q) %.17g, reference %.17Lg", what, r.cross_entropy, hpq);
                        TEST_ASSERT(close_to(r.kl_divergence, kl, 1e-9, 1e-12),
                                    "%s: KL %.17g, reference %.17Lg", what, r.kl_divergence, kl);
                        /* Gibbs: KL >= 0, H(p,q) >= H(p), KL = H(p,q) - H(p). */
                        TEST_ASSERT(r.kl_divergence >= 0, "%s: KL %.17g < 0", what, r.kl_divergence);
                        TEST_ASSERT(r.cross_entropy >= r.entropy - 1e-12 * fmax(1, r.entropy),
                                    "%s: H(p,q) %.17g < H(p) %.17g", what, r.cross_entropy,
                                    r.entropy);
                        TEST_ASSERT(fabs(r.kl_divergence - (r.cross_entropy - r.entropy)) <= tol,
                                    "%s: KL %.17g, H(p,q) - H(p) = %.17g", what, r.kl_divergence,
                                    r.cross_entropy - r.entropy);
                        /* q's code: optimal for q, measured on p, never
                         * better than p's own. */
                        TEST_ASSERT(cost_of(q, r.model_lens, n) == ref_huffman_cost(q, n),
                                    "%s: q's code is not optimal for q", what);
                        TEST_ASSERT(close_to(r.model_avg, (long double)lq_cost / (long double)tot,
                                             1e-15, 0), "%s: model_avg %.17g", what, r.model_avg);
                        TEST_ASSERT(lq_cost >= ref_cost, "%s: q's code beats p's optimum", what);
                        /* q's code is one of the codes optimal for q:
                         * within their range on p, which p's optimum
                         * bounds below. */
                        TEST_ASSERT(r.model_avg_min <= r.model_avg &&
                                    r.model_avg <= r.model_avg_max &&
                                    r.model_avg_min >= r.huffman.avg,
                                    "%s: model_avg %.17g outside [%.17g, %.17g]", what,
                                    r.model_avg, r.model_avg_min, r.model_avg_max);
                        TEST_ASSERT(r.model_overhead >= 0, "%s: overhead %.17g", what,
                                    r.model_overhead);
                        TEST_ASSERT(close_to(r.model_overhead,
                                             (long double)r.model_avg - r.huffman.avg, 0, 1e-12),
                                    "%s: overhead %.17g", what, r.model_overhead);
                        if (memcmp(p, q, n * sizeof(p[0])) == 0)
                                TEST_ASSERT(r.kl_divergence == 0 && r.model_overhead == 0 &&
                                            close_to(r.cross_entropy, r.entropy, 1e-15, 0),
                                            "%s: q = p: KL %.17g, overhead %.17g", what,
                                            r.kl_divergence, r.model_overhead);
                }
                TEST_ASSERT(close_to(huff_cross_entropy(p, q, n, HUFF_UNIT_BITS), r.cross_entropy,
                                     0, 0) &&
                            close_to(huff_kl_divergence(p, q, n, HUFF_UNIT_BITS), r.kl_divergence,
                                     0, 0), "%s: the report's H(p,q) and KL are not the functions'",
                            what);
        }
        check_units(&r, &rn);
}

START_TEST(random_distributions)
{
        FOR_EACH_SEED(40) {
                struct rng rg;
                uint64_t p[256], q[256];
                unsigned n;
                const char *what;

                rng_seed(&rg, STREAM, test_seed);
                n = rng_below(&rg, 4) == 0 ? (unsigned)rng_range(&rg, 1, 4)
                                           : (unsigned)rng_range(&rg, 1, 256);
                what = random_weights(&rg, p, n);
                check_distribution(p, NULL, n, what);
                random_model(&rg, p, q, n);
                check_distribution(p, q, n, what);
                memcpy(q, p, sizeof(q));
                check_distribution(p, q, n, what);
        }
}
END_TEST

/*
 * The entropies to 1e-12 relative, however small: text reports print 6
 * significant digits below 0.01 and JSON 17, and a sum of at most 256
 * non-negative double terms stays within about 1e-14.  KL to 1e-9: its
 * terms have both signs, and when q is near p (ratios 1 + δ) they cancel
 * down to about δ², so even exact terms summed in double lose about ε/δ;
 * 1e-9 still keeps the 6 printed digits right with room.  The reference
 * takes each log2(Σw / w) from the exact integer difference Σw - w, and
 * each KL ratio (p_i Σq) / (q_i Σp) from its exact 128-bit difference from
 * 1: when one symbol dominates, or q is near p, the ratio is 1 + ε and a
 * rounded quotient keeps only a few bits of ε.  Fails on c3f30c2 (report.c
 * takes log2 of rounded quotients), until the library does likewise.
 */
static void check_precision(const uint64_t *p, const uint64_t *q, unsigned n, const char *what)
{
        long double h = ref_entropy(p, n), hpq = ref_cross_entropy(p, q, n), kl = ref_kl(p, q, n);
        double got_h = huff_entropy(p, n, HUFF_UNIT_BITS);
        double got_hpq = huff_cross_entropy(p, q, n, HUFF_UNIT_BITS);
        double got_kl = huff_kl_divergence(p, q, n, HUFF_UNIT_BITS);

        TEST_ASSERT(close_to(got_h, h, 1e-12, 0), "%s n=%u: H %.17g, reference %.17Lg (%.2g relative)",
                    what, n, got_h, h, rel_diff(got_h, h));
        TEST_ASSERT(close_to(got_hpq, hpq, 1e-12, 0),
                    "%s n=%u: H(p,q) %.17g, reference %.17Lg (%.2g relative)", what, n, got_hpq,
                    hpq, rel_diff(got_hpq, hpq));
        TEST_ASSERT(close_to(got_kl, kl, 1e-9, 0),
                    "%s n=%u: KL %.17g, reference %.17Lg (%.2g relative)", what, n, got_kl, kl,
                    rel_diff(got_kl, kl));
}

START_TEST(entropies_to_the_last_digit)
{
        FOR_EACH_SEED(40) {
                struct rng rg;
                uint64_t p[256], q[256];
                unsigned n;
                const char *what;

                rng_seed(&rg, STREAM, test_seed);      /* random_distributions' cases */
                n = rng_below(&rg, 4) == 0 ? (unsigned)rng_range(&rg, 1, 4)
                                           : (unsigned)rng_range(&rg, 1, 256);
                what = random_weights(&rg, p, n);
                random_model(&rg, p, q, n);
                check_precision(p, q, n, what);
        }
}
END_TEST

/*
 * One symbol of weight 10^15 and one of weight 1: H = log2(W)/W +
 * (10^15/W) log2(1 + 10^-15) with W = 10^15 + 1, that is 5.12716e-14 bits
 * (the second term is 1.4427e-15).  A one-hot p on the heavy symbol against
 * q = [10^15, 1]: H(p,q) = D(p||q) = log2(1 + 10^-15) = 1.4427e-15 bits.
 * Text reports print 6 significant digits below 0.01, JSON 17.
 */
START_TEST(skewed_distributions_by_hand)
{
        const uint64_t big = 1000000000000000ull;       /* 10^15 */
        const uint64_t p[2] = { big, 1 }, one_hot[2] = { 1, 0 };
        const double w = 1e15 + 1;
        const double h = log2(w) / w + (1e15 / w) * (log1p(1e-15) / log(2.0));
        const double hq = log1p(1e-15) / log(2.0);

        ASSERT_PRINTS("%.6g", h, "5.12716e-14");
        ASSERT_PRINTS("%.6g", hq, "1.4427e-15");
        ASSERT_CLOSE(huff_entropy(p, 2, HUFF_UNIT_BITS), h, 1e-12);
        ASSERT_PRINTS("%.6g", huff_entropy(p, 2, HUFF_UNIT_BITS), "5.12716e-14");
        ASSERT_CLOSE(huff_cross_entropy(one_hot, p, 2, HUFF_UNIT_BITS), hq, 1e-12);
        ASSERT_CLOSE(huff_kl_divergence(one_hot, p, 2, HUFF_UNIT_BITS), hq, 1e-12);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Histogram and order-1 entropy of buffers                                  */

START_TEST(histogram_matches_reference)
{
        FOR_EACH_SEED(10) {
                struct rng rg;
                size_t n;
                uint8_t *buf;
                uint64_t got[256], want[256];

                rng_seed(&rg, STREAM + 1, test_seed);
                n = rng_size(&rg, (size_t)1 << 18);
                buf = xmalloc(n);
                gen_any(&rg, buf, n);
                memset(got, 0x5a, sizeof(got));
                huff_histogram(buf, n, got);
                ref_histogram(buf, n, want);
                TEST_ASSERT(memcmp(got, want, sizeof(got)) == 0, "n=%zu: histograms differ", n);
                free(buf);
        }
}
END_TEST

static double order1(const void *s, size_t n, enum huff_unit u)
{
        double h = -1;

        ck_assert_int_eq(huff_order1_entropy(s, n, u, &h), HUFF_OK);
        return h;
}

START_TEST(order1_by_hand)
{
        const char *abab = "abababababababab";

        /* No pair of neighbours: undefined, not 0. */
        ck_assert(isnan(order1(NULL, 0, HUFF_UNIT_BITS)));
        ck_assert(isnan(order1("a", 1, HUFF_UNIT_BITS)));
        ck_assert(isnan(order1("a", 1, HUFF_UNIT_NATS)));
        ck_assert(order1("ab", 2, HUFF_UNIT_BITS) == 0);
        ck_assert(order1(abab, strlen(abab), HUFF_UNIT_BITS) == 0);
        ck_assert(order1(abab, strlen(abab), HUFF_UNIT_NATS) == 0);
        ck_assert(order1("aaaaaaa", 7, HUFF_UNIT_BITS) == 0);
        /* "aab": after a, a or b equally: 1 bit. */
        ASSERT_CLOSE(order1("aab", 3, HUFF_UNIT_BITS), 1.0, 1e-12);
        ASSERT_CLOSE(order1("aab", 3, HUFF_UNIT_NATS), LN2, 1e-12);
        /* "abac": pairs ab, ba, ac; after a: b or c (1 bit), after b: a.
         * (2 * 1 + 0) / 3. */
        ASSERT_CLOSE(order1("abac", 4, HUFF_UNIT_BITS), 2.0 / 3, 1e-12);
        /* "abcabd": pairs ab bc ca ab bd; only after b (twice) is there a
         * choice: 2 bits over 5 pairs. */
        ASSERT_CLOSE(order1("abcabd", 6, HUFF_UNIT_BITS), 2.0 / 5, 1e-12);
}
END_TEST

START_TEST(order1_matches_reference)
{
        FOR_EACH_SEED(6) {
                struct rng rg;
                size_t n;
                uint8_t *buf;
                const char *what;
                long double want;
                double got;

                rng_seed(&rg, STREAM + 2, test_seed);
                n = rng_size(&rg, (size_t)1 << 18);
                buf = xmalloc(n);
                if (test_seed % 3 == 0) {
                        gen_text(&rg, buf, n);
                        what = "text";
                } else {
                        what = gen_any(&rg, buf, n);
                }
                want = ref_order1(buf, n);
                got = order1(buf, n, HUFF_UNIT_BITS);
                TEST_ASSERT(close_to(got, want, 1e-9, 0), "%s n=%zu: order-1 %.17g, reference %.17Lg",
                            what, n, got, want);
                got = order1(buf, n, HUFF_UNIT_NATS);
                TEST_ASSERT(close_to(got, want * LN2, 1e-9, 0), "%s n=%zu: order-1 nats %.17g",
                            what, n, got);
                free(buf);
        }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* huff_report_encoding: what the encoder really wrote                       */

static void check_encoding(const uint8_t *src, size_t n, const struct huff_params *pp,
                           const char *what)
{
        struct huff_encoding_report er;
        struct huff_params def;
        size_t cap = huff_compress_bound(n), csize = 0, bs;
        uint8_t *comp = xmalloc(cap), *back = xmalloc(n + 1);
        struct huff_decoder *d = NULL;
        struct huff_inbuf in;
        struct huff_outbuf out = { back, n + 1, 0 };
        struct huff_stats st;
        uint64_t by_type = 0, hist[256];
        long double want_entropy;

        huff_params_init(&def);
        bs = huff_params_block_size(pp ? pp : &def);
        memset(&er, 0xa5, sizeof(er));
        TEST_ASSERT(huff_report_encoding(src, n, pp, &er) == HUFF_OK, "%s n=%zu: report", what, n);
        TEST_ASSERT(huff_compress(comp, cap, &csize, src, n, pp) == HUFF_OK, "%s: compress", what);
        TEST_ASSERT(er.huf_bytes == csize, "%s n=%zu bs=%zu: huf_bytes %llu, huff_compress %zu",
                    what, n, bs, (unsigned long long)er.huf_bytes, csize);

        /* Blocks: cut every block_size bytes; types as a decoder sees them. */
        TEST_ASSERT(er.blocks == (n + bs - 1) / bs, "%s n=%zu bs=%zu: %llu blocks", what, n, bs,
                    (unsigned long long)er.blocks);
        for (unsigned t = 0; t < HUFF_BLOCK_TYPES_MAX; t++)
                by_type += er.blocks_by_type[t];
        TEST_ASSERT(by_type == er.blocks, "%s: blocks by type add up to %llu, not %llu", what,
                    (unsigned long long)by_type, (unsigned long long)er.blocks);
        TEST_ASSERT(huff_decoder_create(&d) == HUFF_OK, "decoder");
        in = (struct huff_inbuf){ comp, csize, 0 };
        TEST_ASSERT(huff_decoder_feed(d, &out, &in) == HUFF_OK && in.pos == csize &&
                    huff_decoder_finish(d) == HUFF_OK && out.pos == n, "%s: decode", what);
        huff_decoder_stats(d, &st);
        huff_decoder_free(d);
        TEST_ASSERT(st.blocks == er.blocks &&
                    memcmp(st.blocks_by_type, er.blocks_by_type, sizeof(st.blocks_by_type)) == 0,
                    "%s: block types differ from the decoder's", what);

        /* Block entropy: each block_size chunk's n H / 8, by the reference;
         * never more than the whole buffer's (entropy is concave). */
        want_entropy = ref_block_entropy_bytes(src, n, bs);
        TEST_ASSERT(close_to(er.block_entropy_bytes, want_entropy, 1e-9, 1e-12),
                    "%s n=%zu bs=%zu: block entropy %.17g bytes, reference %.17Lg", what, n, bs,
                    er.block_entropy_bytes, want_entropy);
        ref_histogram(src, n, hist);
        TEST_ASSERT(er.block_entropy_bytes <= (double)((long double)n * ref_entropy(hist, 256) / 8) *
                                                      (1 + 1e-12) + 1e-12,
                    "%s: block entropy above the whole buffer's", what);
        free(comp);
        free(back);
}

START_TEST(encoding_report)
{
        FOR_EACH_SEED(6) {
                static const uint32_t sizes[] = { 256, 257, 1000, 4096, 65536,
                                                  HUFF_BLOCK_SIZE_DEFAULT };
                struct rng rg;
                struct huff_params par;
                size_t bs, n;
                uint8_t *buf;
                const char *what;

                rng_seed(&rg, STREAM + 3, test_seed);
                huff_params_init(&par);
                par.block_size = sizes[rng_below(&rg, 6)];
                par.max_code_len = (unsigned)rng_range(&rg, HUFF_CODE_LEN_MIN, HUFF_CODE_LEN_MAX);
                bs = par.block_size;
                switch (test_seed % 6) {
                case 0: n = 0; break;
                case 1: n = 1; break;
                case 2: n = bs - 1; break;
                case 3: n = bs; break;
                case 4: n = bs + 1; break;
                default: n = (size_t)rng_range(&rg, 2, 4) * bs + rng_below(&rg, bs); break;
                }
                buf = xmalloc(n);
                what = gen_any(&rg, buf, n);
                check_encoding(buf, n, &par, what);
                if (test_seed % 4 == 0)
                        check_encoding(buf, n, NULL, what);
                free(buf);
        }
}
END_TEST

START_TEST(encoding_report_bad_params)
{
        struct huff_params par;
        struct huff_encoding_report er;
        const uint8_t src[4] = "abc";

        huff_params_init(&par);
        par.block_size = HUFF_BLOCK_SIZE_MIN - 1;
        ck_assert_int_eq(huff_report_encoding(src, 4, &par, &er), HUFF_ERR_PARAM);
        par.block_size = HUFF_BLOCK_SIZE_DEFAULT;
        par.max_code_len = HUFF_CODE_LEN_MAX + 1;
        ck_assert_int_eq(huff_report_encoding(src, 4, &par, &er), HUFF_ERR_PARAM);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Every corpus file against the reference                                   */

START_TEST(corpus_matches_reference)
{
        char line[4096];
        double max_h = 0, max_l = 0, max_o1 = 0, max_be = 0;
        unsigned files = 0;
        FILE *m;

        m = corpus_manifest();
        if (!m)
                return;
        printf("corpus: %-24s %9s %19s %19s %19s %19s\n", "file", "n", "H", "L", "L-H",
               "order-1");
        while (fgets(line, sizeof(line), m)) {
                char set[256], name[256], path[4096];
                unsigned long long listed;
                uint64_t hist[256], lib_hist[256], ref_cost;
                struct huff_report r;
                struct huff_encoding_report er;
                long double h, o1, be;
                double lib_o1;
                size_t n;
                uint8_t *src;

                if (sscanf(line, "%255[^\t]\t%255[^\t]\t%llu", set, name, &listed) != 3)
                        continue;
                snprintf(path, sizeof(path), "%s/%s/%s", corpus_dir(), set, name);
                src = read_file(path, &n);
                ck_assert_msg(src != NULL, "%s listed but unreadable", path);
                ck_assert_msg(n == listed, "%s: %zu bytes, MANIFEST says %llu", path, n, listed);

                ref_histogram(src, n, hist);
                huff_histogram(src, n, lib_hist);
                ck_assert_msg(memcmp(hist, lib_hist, sizeof(hist)) == 0, "%s: histogram", path);
                h = ref_entropy(hist, 256);
                ref_cost = ref_huffman_cost(hist, 256);
                o1 = ref_order1(src, n);
                be = ref_block_entropy_bytes(src, n, HUFF_BLOCK_SIZE_DEFAULT);

                report(hist, NULL, 256, HUFF_UNIT_BITS, &r);
                ck_assert_uint_eq(r.symbols, n);
                ck_assert_msg(close_to(r.entropy, h, 1e-9, 0), "%s: H %.17g, reference %.17Lg",
                              path, r.entropy, h);
                ck_assert_msg(r.huffman.payload_bits == ref_cost, "%s: payload %llu, reference %llu",
                              path, (unsigned long long)r.huffman.payload_bits,
                              (unsigned long long)ref_cost);
                ck_assert_msg((uint64_t)llround(r.huffman.avg * (double)n) == ref_cost,
                              "%s: avg * n = %.17g, reference %llu", path, r.huffman.avg * (double)n,
                              (unsigned long long)ref_cost);
                ck_assert_msg(close_to(r.huffman.avg, (long double)ref_cost / n, 1e-9, 0),
                              "%s: L %.17g", path, r.huffman.avg);
                lib_o1 = order1(src, n, HUFF_UNIT_BITS);
                ck_assert_msg(close_to(lib_o1, o1, 1e-9, 0), "%s: order-1 %.17g, reference %.17Lg",
                              path, lib_o1, o1);
                ck_assert_int_eq(huff_report_encoding(src, n, NULL, &er), HUFF_OK);
                ck_assert_msg(close_to(er.block_entropy_bytes, be, 1e-9, 0),
                              "%s: block entropy %.17g, reference %.17Lg", path,
                              er.block_entropy_bytes, be);

                max_h = fmax(max_h, rel_diff(r.entropy, h));
                max_l = fmax(max_l, rel_diff(r.huffman.avg, (long double)ref_cost / n));
                max_o1 = fmax(max_o1, rel_diff(lib_o1, o1));
                max_be = fmax(max_be, rel_diff(er.block_entropy_bytes, be));
                printf("corpus: %-24s %9zu %19.17f %19.17f %19.17f %19.17f\n",
                       path + strlen(corpus_dir()) + 1, n, r.entropy, r.huffman.avg,
                       r.huffman.avg - r.entropy, lib_o1);
                free(src);
                files++;
        }
        fclose(m);
        ck_assert_uint_gt(files, 0);
        printf("corpus: %u files; largest relative difference from the reference: "
               "H %.3g, L %.3g, order-1 %.3g, block entropy %.3g\n",
               files, max_h, max_l, max_o1, max_be);
}
END_TEST

/* Bad sums give NaN, as huff.h says, for the divergence too: its clamp of
 * tiny negative sums to 0 must not turn a NaN into 0. */
START_TEST(bad_sums_are_nan)
{
        const uint64_t p[2] = { 1, 3 }, zero[2] = { 0, 0 };
        const uint64_t huge[2] = { HUFF_WEIGHT_SUM_LIMIT - 1, 2 };

        ck_assert(isnan(huff_cross_entropy(p, zero, 2, HUFF_UNIT_BITS)));
        ck_assert(isnan(huff_kl_divergence(p, zero, 2, HUFF_UNIT_BITS)));
        ck_assert(isnan(huff_cross_entropy(zero, p, 2, HUFF_UNIT_BITS)));
        ck_assert(isnan(huff_kl_divergence(zero, p, 2, HUFF_UNIT_NATS)));
        ck_assert(isnan(huff_cross_entropy(p, huge, 2, HUFF_UNIT_BITS)));
        ck_assert(isnan(huff_kl_divergence(huge, p, 2, HUFF_UNIT_BITS)));
        /* and a good pair still gives numbers */
        ck_assert(fabs(huff_kl_divergence(p, p, 2, HUFF_UNIT_BITS)) < 1e-15);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("report");
        TCase *tc = tcase_create("report");

        tcase_add_test(tc, four_equally_likely_balls);
        tcase_add_test(tc, one_white_three_blue);
        tcase_add_test(tc, three_three_two_one_one);
        tcase_add_test(tc, half_three_tenths_one_fifth);
        tcase_add_test(tc, one_hot_against_predictions);
        tcase_add_test(tc, single_symbol);
        tcase_add_test(tc, model_missing_a_symbol);
        tcase_add_test(tc, model_code_ties);
        tcase_add_test(tc, bad_arguments);
        tcase_add_test(tc, canonical_codes_past_32_bits);
        tcase_add_test(tc, bad_sums_are_nan);
        tcase_add_test(tc, skewed_distributions_by_hand);
        tcase_add_loop_test(tc, histogram_matches_reference, 0, 2);
        tcase_add_test(tc, order1_by_hand);
        tcase_add_loop_test(tc, order1_matches_reference, 0, 4);
        tcase_add_loop_test(tc, encoding_report, 0, 6);
        tcase_add_test(tc, encoding_report_bad_params);
        tcase_add_test(tc, corpus_matches_reference);
        tcase_set_timeout(tc, 120);
        suite_add_tcase(s, tc);
        /* The references compute in long double, which valgrind runs at
         * double precision: make valgrind leaves these out by their tag. */
        tc = tcase_create("report-long-double");
        tcase_set_tags(tc, "long-double");
        tcase_add_loop_test(tc, random_distributions, 0, 10);
        tcase_add_loop_test(tc, entropies_to_the_last_digit, 0, 10);
        tcase_set_timeout(tc, 120);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
