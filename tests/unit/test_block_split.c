/*
 * test_block_split.c - the block splitter cuts where statistics change
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "block_split.h"
#include "huff.h"
#include "testutil.h"

#define STREAM 0x73706c6974ull

static size_t split(const uint8_t *src, size_t n, size_t chunk, size_t max_block,
                    uint32_t *sizes)
{
        void *work = xmalloc(huff_split_work_size(n, chunk));
        size_t k = huff_split_blocks(src, n, chunk, max_block, 11, sizes, work);

        free(work);
        return k;
}

/* Whatever the input: sizes cover it exactly, none above the maximum, no
 * more than the chunks, and the same input gives the same cut. */
START_TEST(cuts_cover_the_input)
{
        struct rng r;
        size_t n, chunk, max_block, k, k2, sum = 0;
        uint8_t *src;
        uint32_t *sizes, *again;

        rng_seed(&r, STREAM, (uint64_t)_i);
        n = (size_t)rng_range(&r, 1, HUFF_SEGMENT_SIZE);
        chunk = (size_t)1 << rng_range(&r, 8, 14);
        max_block = chunk << rng_range(&r, 0, 6);
        src = xmalloc(n);
        gen_any(&r, src, n);
        sizes = xmalloc(huff_split_max_blocks(n, chunk) * sizeof(*sizes));
        again = xmalloc(huff_split_max_blocks(n, chunk) * sizeof(*again));
        k = split(src, n, chunk, max_block, sizes);
        ck_assert_uint_ge(k, 1);
        ck_assert_uint_le(k, huff_split_max_blocks(n, chunk));
        for (size_t b = 0; b < k; b++) {
                ck_assert_uint_gt(sizes[b], 0);
                ck_assert_uint_le(sizes[b], max_block);
                sum += sizes[b];
        }
        ck_assert_uint_eq(sum, n);
        k2 = split(src, n, chunk, max_block, again);
        ck_assert_uint_eq(k2, k);
        ck_assert_mem_eq(again, sizes, k * sizeof(*sizes));
        free(src);
        free(sizes);
        free(again);
}
END_TEST

/* Text, then random bytes, then text: a cut at each change, and the
 * homogeneous stretches in as few blocks as the maximum allows. */
START_TEST(cuts_where_statistics_change)
{
        struct rng r;
        const size_t part = 64 << 10, n = 3 * part, chunk = 4096;
        uint8_t *src = xmalloc(n);
        uint32_t sizes[3 * 16];
        size_t k, at = 0;
        int cut_a = 0, cut_b = 0;

        rng_seed(&r, STREAM + 1, 0);
        gen_text(&r, src, part);
        gen_uniform(&r, src + part, part);
        gen_text(&r, src + 2 * part, part);
        k = split(src, n, chunk, HUFF_BLOCK_SIZE_MAX, sizes);
        for (size_t b = 0; b < k; b++) {
                at += sizes[b];
                cut_a |= at == part;
                cut_b |= at == 2 * part;
        }
        ck_assert_msg(cut_a && cut_b, "no cut at the changes (%zu blocks)", k);
        ck_assert_uint_le(k, 5);
        free(src);
}
END_TEST

START_TEST(homogeneous_input_stays_whole)
{
        struct rng r;
        const size_t n = 512 << 10;
        uint8_t *src = xmalloc(n);
        uint32_t sizes[512];
        size_t k;

        rng_seed(&r, STREAM + 2, 0);
        gen_skewed(&r, src, n, 0.6);
        k = split(src, n, 1024, 128 << 10, sizes);
        /* Merging saves a table every time, so close to the four blocks of
         * the maximum size: greedy merges need not align with multiples of
         * the maximum, which may leave one block more. */
        ck_assert_uint_ge(k, 4);
        ck_assert_uint_le(k, 5);
        free(src);
}
END_TEST

/* The levels that split make smaller output than fixed blocks on input
 * whose statistics change, and everything round-trips. */
START_TEST(levels_that_split_round_trip)
{
        struct rng r;
        const size_t n = 600 << 10;
        uint8_t *src = xmalloc(n), *out = xmalloc(n);
        size_t cap = huff_compress_bound(n), size[HUFF_LEVEL_MAX + 1], dsize;
        uint8_t *comp = xmalloc(cap);
        struct huff_params p;

        rng_seed(&r, STREAM + 3, 0);
        for (size_t off = 0; off < n; off += 20000)
                gen_any(&r, src + off, HUFF_MIN((size_t)20000, n - off));
        huff_params_init(&p);
        for (int level = HUFF_LEVEL_MIN; level <= HUFF_LEVEL_MAX; level++) {
                p.level = level;
                ck_assert_int_eq(huff_compress(comp, cap, &size[level], src, n, &p), HUFF_OK);
                ck_assert_int_eq(huff_decompress(out, n, &dsize, comp, size[level]), HUFF_OK);
                ck_assert_uint_eq(dsize, n);
                ck_assert_mem_eq(out, src, n);
        }
        ck_assert_uint_lt(size[9], size[6]);
        ck_assert_uint_le(size[9], size[8]);
        free(src);
        free(out);
        free(comp);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("block_split");
        TCase *tc = tcase_create("block_split");

        tcase_set_timeout(tc, 60);
        tcase_add_loop_test(tc, cuts_cover_the_input, 0, 6);
        tcase_add_test(tc, cuts_where_statistics_change);
        tcase_add_test(tc, homogeneous_input_stays_whole);
        tcase_add_test(tc, levels_that_split_round_trip);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
