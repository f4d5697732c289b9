/*
 * test_histogram.c - huff_hist_count() against a naive loop
 *
 * The library counts 16 bytes per iteration into four interleaved tables
 * and sums them every 2^30 bytes; the reference counts one byte at a time.
 * Sizes around the 16-byte step (0, 1, 15, 16, 17, ...) and a start at every
 * alignment exercise the tail loop; inputs end at an unmapped page, so an
 * 8-byte load past the end faults.  HUFF_TEST_SLOW=1 adds a 1 GiB input.
 */
#define _DEFAULT_SOURCE         /* MAP_ANONYMOUS, for the 1 GiB case */

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "histogram.h"
#include "testutil.h"

enum { STREAM = 0x4157 };

static unsigned naive_count(const uint8_t *src, size_t n, uint64_t counts[256])
{
        unsigned distinct = 0;

        memset(counts, 0, 256 * sizeof(counts[0]));
        for (size_t i = 0; i < n; i++)
                counts[src[i]]++;
        for (unsigned b = 0; b < 256; b++)
                distinct += counts[b] != 0;
        return distinct;
}

/* Count src[0..n) both ways, from a guarded copy, and compare. */
static void check_counts(const uint8_t *src, size_t n, const char *what)
{
        uint64_t got[256], want[256];
        uint8_t *g = guarded_copy(src, n);
        unsigned dg, dw;

        /* Stale contents must be overwritten, not added to. */
        memset(got, 0xa5, sizeof(got));
        dg = huff_hist_count(g, n, got);
        dw = naive_count(src, n, want);
        TEST_ASSERT(dg == dw, "%s n=%zu: %u distinct, want %u", what, n, dg, dw);
        for (unsigned b = 0; b < 256; b++)
                TEST_ASSERT(got[b] == want[b], "%s n=%zu: count[%u] = %llu, want %llu",
                            what, n, b, (unsigned long long)got[b],
                            (unsigned long long)want[b]);
        free_guarded_buffer(g, n);
}

/* Every size 0..300 once, each generator: all tail lengths and a few
 * multiples of the 16-byte step. */
START_TEST(small_sizes_match_naive)
{
        struct rng r;
        uint8_t buf[300];

        rng_seed(&r, STREAM, (uint64_t)_i);
        for (size_t n = 0; n <= sizeof(buf); n++) {
                const char *what = gen_any(&r, buf, n);

                check_counts(buf, n, what);
        }
}
END_TEST

/* Random sizes up to 1 MiB, random data of every kind. */
START_TEST(random_sizes_match_naive)
{
        FOR_EACH_SEED(5) {
                struct rng r;
                size_t n;
                uint8_t *buf;
                const char *what;

                rng_seed(&r, STREAM + 1, test_seed);
                n = rng_size(&r, (size_t)1 << 20);
                buf = xmalloc(n);
                what = gen_any(&r, buf, n);
                check_counts(buf, n, what);
                free(buf);
        }
}
END_TEST

/* The same data seen from each alignment of its start. */
START_TEST(every_alignment)                    /* and every length mod 16 */
{
        FOR_EACH_SEED(4) {
                struct rng r;
                uint8_t buf[4096 + 16];

                rng_seed(&r, STREAM + 2, test_seed);
                gen_text(&r, buf, sizeof(buf));
                for (size_t off = 0; off < 16; off++)
                        check_counts(buf + off, 4096 + 16 - off - (size_t)test_seed, "text");
        }
}
END_TEST

/* A run of one byte: one count holds everything (no increment is lost to
 * the interleaving), the rest are zero. */
START_TEST(one_byte_runs)
{
        static const size_t sizes[] = { 1, 2, 15, 16, 17, 4095, 4096, 65537 };
        uint64_t counts[256];

        for (unsigned b = (unsigned)_i * 32; b < (unsigned)_i * 32 + 32; b++) {
                for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
                        size_t n = sizes[k];
                        uint8_t *g = alloc_guarded_buffer(n);

                        gen_run(g, n, (uint8_t)b);
                        TEST_ASSERT(huff_hist_count(g, n, counts) == 1, "run of %u x %zu", b, n);
                        for (unsigned v = 0; v < 256; v++)
                                TEST_ASSERT(counts[v] == (v == b ? n : 0),
                                            "run of %u x %zu: count[%u] = %llu", b, n,
                                            v, (unsigned long long)counts[v]);
                        free_guarded_buffer(g, n);
                }
        }
}
END_TEST

/* Exactly k distinct values, each at least once: distinct == k. */
static void check_distinct(unsigned k)
{
        struct rng r;
        uint8_t vals[256], buf[2000];
        uint64_t counts[256];
        size_t n;

        test_seed = k;
        rng_seed(&r, STREAM + 3, k);
        for (unsigned v = 0; v < 256; v++)
                vals[v] = (uint8_t)v;
        for (unsigned v = 255; v > 0; v--) {
                unsigned j = (unsigned)rng_below(&r, v + 1);
                uint8_t t = vals[v];

                vals[v] = vals[j];
                vals[j] = t;
        }
        n = k == 0 ? 0 : k + (size_t)rng_below(&r, sizeof(buf) - k + 1);
        for (size_t i = 0; i < n; i++)
                buf[i] = vals[i < k ? i : rng_below(&r, k)];
        TEST_ASSERT(huff_hist_count(buf, n, counts) == k, "%u values", k);
        check_counts(buf, n, "k values");
}

START_TEST(distinct_count)              /* k = 16 _i .. 16 _i + 15, and 256 */
{
        for (unsigned k = (unsigned)_i * 16; k < (unsigned)_i * 16 + 16 && k <= 256; k++)
                check_distinct(k);
}
END_TEST

/* Past 2^30 bytes the 32-bit tables are summed and restarted.  Zero pages
 * of an anonymous mapping cost no memory; a few marked bytes near the
 * chunk boundary and at the end check that nothing is counted twice or
 * dropped there. */
START_TEST(past_one_chunk)
{
        const size_t chunk = (size_t)1 << 30, n = chunk + 4096 + 5;
        uint8_t *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        uint64_t counts[256];

        ck_assert(p != MAP_FAILED);
        p[chunk - 1] = 1;
        p[chunk] = 2;
        p[chunk + 1] = 2;
        p[n - 1] = 3;
        ck_assert_uint_eq(huff_hist_count(p, n, counts), 4);
        ck_assert_uint_eq(counts[0], n - 4);
        ck_assert_uint_eq(counts[1], 1);
        ck_assert_uint_eq(counts[2], 2);
        ck_assert_uint_eq(counts[3], 1);
        munmap(p, n);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("histogram");
        TCase *tc = tcase_create("histogram");

        tcase_add_loop_test(tc, small_sizes_match_naive, 0, 4);
        tcase_add_loop_test(tc, random_sizes_match_naive, 0, 8);
        tcase_add_loop_test(tc, every_alignment, 0, 4);
        tcase_add_loop_test(tc, one_byte_runs, 0, 8);
        tcase_add_loop_test(tc, distinct_count, 0, 17);
        /* Reads 1 GiB: about a second here, several under ASan. */
        if (getenv("HUFF_TEST_SLOW"))
                tcase_add_test(tc, past_one_chunk);
        tcase_set_timeout(tc, 60);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
