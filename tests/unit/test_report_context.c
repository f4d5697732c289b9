/*
 * test_report_context.c - huff_report_context() against a computation of
 * its own
 *
 * The reference below shares with the library only the model builder
 * (context_model.h), whose models the report is defined by.  It finds the
 * blocks by reading the frame that huff_compress() wrote with a parser of
 * FORMAT.md 3 of its own, builds each block's model through the header,
 * splits the block into the model's streams as FORMAT.md 9.1 says, counts
 * the pairs (context, byte) in a 256x256 table, and sums every figure
 * with plain loops in long double, each logarithm of a ratio taken from
 * the ratio's exact integer difference from 1 (log1p).  The library must
 * agree to 1e-9 relative (code bits exactly), on random buffers at every
 * level and on the corpus at the levels huff report uses.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context_model.h"
#include "huff.h"
#include "testutil.h"

enum { STREAM = 0xc0de };

#define LOG2E_L 1.4426950408889634073599246810018921L

/* ------------------------------------------------------------------------ */
/* Reference                                                                 */

struct ref_figures {
        uint64_t blocks, context_blocks, context_symbols, code_bits;
        uint64_t overhead_bytes, payload_bytes;
        unsigned codes_min, codes_max;
        long double order1, clustered, cost;    /* bits, before dividing by N */
};

/* log2(a / b), a >= b > 0, from the exact difference. */
static long double log2_ratio(uint64_t a, uint64_t b)
{
        return log1pl((long double)(a - b) / (long double)b) * LOG2E_L;
}

/* log2((a * b) / (c * d)): products below 2^64 here (counts of one block,
 * at most 2^20 each), so their difference is exact in 64 bits. */
static long double log2_product_ratio(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
        uint64_t x = a * b, y = c * d;
        long double diff = x >= y ? (long double)(x - y) : -(long double)(y - x);

        return log1pl(diff / (long double)y) * LOG2E_L;
}

static uint32_t le24(const uint8_t *p)
{
        return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
}

/*
 * The decoded sizes of the blocks of one frame (FORMAT.md 3.1, 3.2):
 * after the header's fixed 9 bytes, an optional model identifier, an
 * optional varint and the 2-byte check, each block is a 9-byte header and
 * its payload, until the end tag 07.  Returns their number.
 */
static size_t block_sizes(const uint8_t *f, size_t size, uint32_t *out, size_t cap)
{
        size_t pos = 9, k = 0;

        ck_assert(size >= 11 && f[0] == 0x89 && f[1] == 'H' && f[2] == 'U' && f[3] == 'F');
        if (f[5] & 4)
                pos += 4;
        if (f[5] & 1)
                while (f[pos++] & 0x80)
                        ;
        pos += 2;
        while (f[pos] != 0x07) {
                ck_assert(pos + 9 <= size && k < cap);
                out[k++] = le24(f + pos + 1) + 1;
                pos += 9 + le24(f + pos + 4);
        }
        return k;
}

static uint64_t pairs[256][256];

/* One block with its model m: the counts and the terms of every figure. */
static void ref_block(const struct huff_ctx_model *m, const uint8_t *src, size_t n,
                      struct ref_figures *t)
{
        uint64_t row[256] = { 0 }, code[HUFF_CTX_CODES_MAX][256], code_n[HUFF_CTX_CODES_MAX];
        size_t s = (n + m->streams - 1) / m->streams;

        ck_assert(m->codes >= 2 && m->codes <= HUFF_CTX_CODES_MAX);
        ck_assert(m->streams == 1 || m->streams == 2 || m->streams == 4 || m->streams == 8);
        ck_assert(m->streams * m->streams <= n);
        memset(pairs, 0, sizeof(pairs));
        memset(code, 0, sizeof(code));
        memset(code_n, 0, sizeof(code_n));
        for (size_t i = 0; i < n; i++) {
                /* the first byte of stream j starts from start[j] */
                unsigned c = i % s == 0 ? m->start[i / s] : src[i - 1];

                pairs[c][src[i]]++;
        }
        for (unsigned c = 0; c < 256; c++)
                for (unsigned x = 0; x < 256; x++) {
                        row[c] += pairs[c][x];
                        code[m->map[c]][x] += pairs[c][x];
                        code_n[m->map[c]] += pairs[c][x];
                }
        for (unsigned c = 0; c < 256; c++) {
                unsigned k = m->map[c];

                for (unsigned x = 0; x < 256; x++) {
                        uint64_t v = pairs[c][x];

                        if (!v)
                                continue;
                        ck_assert_msg(m->lens[k][x] > 0, "code %u has no codeword for %u", k, x);
                        t->order1 += v * log2_ratio(row[c], v);
                        t->clustered += v * log2_ratio(code_n[k], code[k][x]);
                        /* n(c) D(p_c || q_k) = Σ_x n(c,x) log2 (n(c,x) N(k)) / (N(k,x) n(c)) */
                        t->cost += v * log2_product_ratio(v, code_n[k], code[k][x], row[c]);
                        t->code_bits += v * m->lens[k][x];
                }
        }
        t->context_blocks++;
        t->context_symbols += n;
        t->codes_min = t->context_blocks == 1 ? m->codes
                                                : (m->codes < t->codes_min ? m->codes : t->codes_min);
        t->codes_max = m->codes > t->codes_max ? m->codes : t->codes_max;
        t->overhead_bytes += m->desc_size;
        t->payload_bytes += m->payload_size;
}

/* The figures of src[0..n) compressed with params p, from scratch. */
static void reference(const uint8_t *src, size_t n, const struct huff_params *p,
                      struct ref_figures *t, uint64_t *builder_bits)
{
        size_t cap = huff_compress_bound(n), csize, nb, off = 0;
        uint8_t *comp = xmalloc(cap);
        uint32_t *sizes = xmalloc((n / HUFF_BLOCK_SIZE_MIN + 2) * sizeof(*sizes));
        struct huff_ctx_scratch *scratch;
        struct huff_ctx_model m;
        unsigned effort = huff_ctx_effort((unsigned)p->level);

        memset(t, 0, sizeof(*t));
        *builder_bits = 0;
        ck_assert_int_eq(huff_compress(comp, cap, &csize, src, n, p), HUFF_OK);
        nb = block_sizes(comp, csize, sizes, n / HUFF_BLOCK_SIZE_MIN + 2);
        ck_assert_int_eq(huff_ctx_scratch_create(&scratch), HUFF_OK);
        for (size_t b = 0; b < nb; b++) {
                ck_assert(sizes[b] <= n - off);
                if (huff_ctx_model_build(scratch, src + off, sizes[b], effort ? effort : 1,
                                         p->max_code_len, &m) != SIZE_MAX) {
                        ref_block(&m, src + off, sizes[b], t);
                        *builder_bits += m.code_bits;
                }
                off += sizes[b];
        }
        ck_assert_uint_eq(off, n);
        t->blocks = nb;
        huff_ctx_scratch_free(scratch);
        free(sizes);
        free(comp);
}

static int close_to(double got, long double want, double rel, double abs_tol)
{
        return fabsl((long double)got - want) <= rel * fabsl(want) + abs_tol;
}

/*
 * The library's report of src at p against the reference, in bits and in
 * nats; returns the largest relative difference of the four figures.
 */
static double check_report(const uint8_t *src, size_t n, const struct huff_params *p,
                           const char *what)
{
        struct huff_context_report r, rn;
        struct huff_encoding_report er;
        struct ref_figures t;
        uint64_t builder_bits;
        long double N, want[4];
        double got[4], worst = 0;

        reference(src, n, p, &t, &builder_bits);
        memset(&r, 0xa5, sizeof(r));
        TEST_ASSERT(huff_report_context(src, n, p, HUFF_UNIT_BITS, &r) == HUFF_OK,
                    "%s n=%zu: report", what, n);
        TEST_ASSERT(r.unit == HUFF_UNIT_BITS && r.symbols == n, "%s: unit, symbols", what);
        TEST_ASSERT(r.blocks == t.blocks, "%s n=%zu level %d: %llu blocks, the frame has %llu",
                    what, n, p->level, (unsigned long long)r.blocks,
                    (unsigned long long)t.blocks);
        TEST_ASSERT(huff_report_encoding(src, n, p, &er) == HUFF_OK && er.blocks == r.blocks,
                    "%s: blocks differ from huff_report_encoding()'s", what);
        if (p->level <= 6)
                TEST_ASSERT(r.blocks == (n + huff_params_block_size(p) - 1) / huff_params_block_size(p),
                            "%s: not cut every block_size bytes", what);
        TEST_ASSERT(r.context_blocks == t.context_blocks &&
                    r.context_symbols == t.context_symbols &&
                    r.codes_min == t.codes_min && r.codes_max == t.codes_max,
                    "%s: blocks with a model %llu (%llu bytes, K %u..%u), reference %llu "
                    "(%llu bytes, K %u..%u)", what, (unsigned long long)r.context_blocks,
                    (unsigned long long)r.context_symbols, r.codes_min, r.codes_max,
                    (unsigned long long)t.context_blocks,
                    (unsigned long long)t.context_symbols, t.codes_min, t.codes_max);
        TEST_ASSERT(r.code_bits == t.code_bits && t.code_bits == builder_bits,
                    "%s: code bits %llu, reference %llu, the builder's %llu", what,
                    (unsigned long long)r.code_bits, (unsigned long long)t.code_bits,
                    (unsigned long long)builder_bits);
        TEST_ASSERT(r.overhead_bytes == t.overhead_bytes && r.payload_bytes == t.payload_bytes,
                    "%s: sizes %llu/%llu, reference %llu/%llu", what,
                    (unsigned long long)r.overhead_bytes, (unsigned long long)r.payload_bytes,
                    (unsigned long long)t.overhead_bytes, (unsigned long long)t.payload_bytes);
        if (t.context_symbols == 0) {
                TEST_ASSERT(r.order1_entropy == 0 && r.clustered_entropy == 0 &&
                            r.clustering_cost == 0 && r.code_avg == 0 && r.codes_min == 0,
                            "%s: figures without a model", what);
                return 0;
        }
        N = (long double)t.context_symbols;
        want[0] = t.order1 / N;
        want[1] = t.clustered / N;
        want[2] = t.cost / N;
        want[3] = (long double)t.code_bits / N;
        got[0] = r.order1_entropy;
        got[1] = r.clustered_entropy;
        got[2] = r.clustering_cost;
        got[3] = r.code_avg;
        for (int i = 0; i < 4; i++) {
                TEST_ASSERT(close_to(got[i], want[i], 1e-9, 1e-12),
                            "%s n=%zu level %d: figure %d is %.17g, reference %.17Lg", what, n,
                            p->level, i, got[i], want[i]);
                if (want[i] != 0)
                        worst = fmax(worst, (double)(fabsl(got[i] - want[i]) / want[i]));
        }
        /* code_avg is the exact bits over N: one rounding. */
        TEST_ASSERT(r.code_avg == (double)t.code_bits / (double)t.context_symbols,
                    "%s: code_avg not code_bits / N", what);
        /* The cost is the difference of the entropies, summed apart. */
        TEST_ASSERT(fabs(r.clustering_cost - (r.clustered_entropy - r.order1_entropy)) <= 1e-12,
                    "%s: cost %.17g, clustered - order1 %.17g", what, r.clustering_cost,
                    r.clustered_entropy - r.order1_entropy);
        /* What theory orders: H(X|C) <= the clustered codes' H <= their codes. */
        TEST_ASSERT(r.clustering_cost >= 0 && r.order1_entropy <= r.clustered_entropy + 1e-12 &&
                    r.clustered_entropy <= r.code_avg + 1e-12, "%s: figures out of order", what);
        TEST_ASSERT(r.overhead_bytes < r.payload_bytes &&
                    r.payload_bytes <= r.context_symbols - r.context_blocks,
                    "%s: a payload is not smaller than its block", what);

        TEST_ASSERT(huff_report_context(src, n, p, HUFF_UNIT_NATS, &rn) == HUFF_OK, "nats");
        TEST_ASSERT(rn.unit == HUFF_UNIT_NATS && rn.code_bits == r.code_bits &&
                    rn.payload_bytes == r.payload_bytes, "%s: nats changed a count", what);
        TEST_ASSERT(close_to(rn.order1_entropy, want[0] * logl(2.0L), 1e-9, 1e-12) &&
                    close_to(rn.clustered_entropy, want[1] * logl(2.0L), 1e-9, 1e-12) &&
                    close_to(rn.clustering_cost, want[2] * logl(2.0L), 1e-9, 1e-12) &&
                    close_to(rn.code_avg, want[3] * logl(2.0L), 1e-9, 1e-12),
                    "%s: nats are not ln 2 times bits", what);
        return worst;
}

/* ------------------------------------------------------------------------ */
/* Cases                                                                     */

START_TEST(random_buffers_at_every_level)
{
        FOR_EACH_SEED(3) {
                static const uint32_t sizes[] = { 256, 1000, 4096, 65536, HUFF_BLOCK_SIZE_DEFAULT };
                struct huff_params p;
                struct rng rg;
                size_t n;
                uint8_t *buf;
                const char *what;

                rng_seed(&rg, STREAM, test_seed);
                huff_params_init(&p);
                p.level = (int)(test_seed % HUFF_LEVEL_MAX) + 1;
                p.block_size = sizes[rng_below(&rg, 5)];
                p.max_code_len = (unsigned)rng_range(&rg, HUFF_CODE_LEN_MIN, HUFF_CODE_LEN_MAX);
                switch (test_seed % 5) {
                case 0: n = rng_below(&rg, 70); break;
                case 1: n = p.block_size; break;
                case 2: n = p.block_size + 1; break;
                default: n = (size_t)rng_range(&rg, 1, 3) * p.block_size +
                             rng_below(&rg, p.block_size); break;
                }
                buf = xmalloc(n);
                what = gen_any(&rg, buf, n);
                check_report(buf, n, &p, what);
                free(buf);
        }
}
END_TEST

/* Text has models; one byte value repeated never has one, nor does an
 * empty buffer: those blocks count, their figures do not. */
START_TEST(blocks_without_a_model)
{
        struct huff_params p;
        struct huff_context_report r;
        struct rng rg;
        size_t n = 3 * HUFF_BLOCK_SIZE_DEFAULT;
        uint8_t *buf = xmalloc(n);

        huff_params_init(&p);
        rng_seed(&rg, STREAM + 1, 0);
        gen_run(buf, HUFF_BLOCK_SIZE_DEFAULT, 'a');
        gen_text(&rg, buf + HUFF_BLOCK_SIZE_DEFAULT, n - HUFF_BLOCK_SIZE_DEFAULT);
        ck_assert_int_eq(huff_report_context(buf, n, &p, HUFF_UNIT_BITS, &r), HUFF_OK);
        ck_assert_uint_eq(r.blocks, 3);
        ck_assert_uint_eq(r.symbols, n);
        ck_assert_uint_le(r.context_blocks, 2);
        ck_assert_uint_le(r.context_symbols, n - HUFF_BLOCK_SIZE_DEFAULT);
        check_report(buf, n, &p, "one run, then text");

        ck_assert_int_eq(huff_report_context(buf, HUFF_BLOCK_SIZE_DEFAULT, &p, HUFF_UNIT_BITS,
                                             &r), HUFF_OK);
        ck_assert_uint_eq(r.blocks, 1);
        ck_assert_uint_eq(r.context_blocks, 0);
        ck_assert_uint_eq(r.context_symbols, 0);
        ck_assert(r.order1_entropy == 0 && r.code_avg == 0 && r.payload_bytes == 0);

        ck_assert_int_eq(huff_report_context(NULL, 0, NULL, HUFF_UNIT_NATS, &r), HUFF_OK);
        ck_assert_uint_eq(r.blocks, 0);
        ck_assert_uint_eq(r.symbols, 0);
        ck_assert_uint_eq(r.context_blocks, 0);
        free(buf);
}
END_TEST

START_TEST(bad_arguments)
{
        struct huff_params p;
        struct huff_context_report r;
        const uint8_t src[4] = "abc";

        huff_params_init(&p);
        ck_assert_int_eq(huff_report_context(src, 4, &p, HUFF_UNIT_BITS, NULL), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_report_context(NULL, 4, &p, HUFF_UNIT_BITS, &r), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_report_context(src, 4, &p, (enum huff_unit)2, &r),
                         HUFF_ERR_PARAM);
        p.level = HUFF_LEVEL_MAX + 1;
        ck_assert_int_eq(huff_report_context(src, 4, &p, HUFF_UNIT_BITS, &r), HUFF_ERR_PARAM);
        p.level = HUFF_LEVEL_DEFAULT;
        p.block_size = HUFF_BLOCK_SIZE_MIN - 1;
        ck_assert_int_eq(huff_report_context(src, 4, &p, HUFF_UNIT_BITS, &r), HUFF_ERR_PARAM);
        p.block_size = HUFF_BLOCK_SIZE_DEFAULT;
        p.reserved[0] = 1;
        ck_assert_int_eq(huff_report_context(src, 4, &p, HUFF_UNIT_BITS, &r), HUFF_ERR_PARAM);
}
END_TEST

/* Every corpus file at huff report's levels for this section: its default
 * (9) and the library's default (6). */
START_TEST(corpus_matches_reference)
{
        char line[4096];
        unsigned files = 0;
        double worst = 0;
        FILE *m = corpus_manifest();

        if (!m)
                return;
        while (fgets(line, sizeof(line), m)) {
                char set[256], name[256], path[4096];
                unsigned long long listed;
                struct huff_params p;
                size_t n;
                uint8_t *src;

                if (sscanf(line, "%255[^\t]\t%255[^\t]\t%llu", set, name, &listed) != 3)
                        continue;
                snprintf(path, sizeof(path), "%s/%s/%s", corpus_dir(), set, name);
                src = read_file(path, &n);
                ck_assert_msg(src != NULL, "%s listed but unreadable", path);
                huff_params_init(&p);
                p.level = HUFF_LEVEL_MAX;
                worst = fmax(worst, check_report(src, n, &p, path));
                p.level = HUFF_LEVEL_DEFAULT;
                worst = fmax(worst, check_report(src, n, &p, path));
                free(src);
                files++;
        }
        fclose(m);
        ck_assert_uint_gt(files, 0);
        printf("corpus: %u files at -9 and -6; largest relative difference of the context "
               "figures from the reference: %.3g\n", files, worst);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("report_context");
        TCase *tc = tcase_create("report_context");

        tcase_set_timeout(tc, 600);
        tcase_add_loop_test(tc, random_buffers_at_every_level, 0, 9);
        tcase_add_test(tc, blocks_without_a_model);
        tcase_add_test(tc, bad_arguments);
        tcase_add_test(tc, corpus_matches_reference);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
