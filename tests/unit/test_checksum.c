/*
 * test_checksum.c - the content checksum's update (src/checksum.h)
 *
 * Both builds, the library's and the AVX2 one, fed the same bytes in
 * random pieces, must give XXH3_64bits() of the whole: lengths around
 * XXH3's own edges (the short-input paths up to 240 bytes, its 256-byte
 * internal buffer, 1 KiB blocks of stripes) and beyond, from guarded
 * buffers so that a read past the end faults.  On an x86-64 build with
 * AVX2 the AVX2 build must be the one running.
 */
#include <check.h>
#include <stdlib.h>

#include "checksum.h"
#include "checksum_avx2.h"
#include "testutil.h"

enum { STREAM = 0x7a11 };

typedef int update_fn(XXH3_state_t *state, const void *src, size_t n);

static int update_generic(XXH3_state_t *state, const void *src, size_t n)
{
        huff_checksum_update_generic(state, src, n);
        return 1;
}

static int update_avx2(XXH3_state_t *state, const void *src, size_t n)
{
        return huff_checksum_update_avx2(state, src, n);
}

static int update_chosen(XXH3_state_t *state, const void *src, size_t n)
{
        huff_checksum_update(state, src, n);
        return 1;
}

/* XXH3 of src[0..n) through update, in pieces of at most max_piece bytes
 * (0: one piece); 0 in *ran if update declined (AVX2 not there). */
static uint64_t hash_in_pieces(update_fn *update, const uint8_t *src, size_t n,
                               size_t max_piece, struct rng *r, int *ran)
{
        XXH3_state_t *s = XXH3_createState();
        size_t pos = 0;

        ck_assert_ptr_nonnull(s);
        ck_assert_int_eq(XXH3_64bits_reset(s), XXH_OK);
        *ran = 1;
        do {
                size_t k = max_piece ? rng_range(r, 0, max_piece) : n;

                if (k > n - pos)
                        k = n - pos;
                if (!update(s, src + pos, k)) {
                        *ran = 0;
                        break;
                }
                pos += k;
        } while (pos < n);
        uint64_t h = XXH3_64bits_digest(s);

        XXH3_freeState(s);
        return h;
}

static const size_t lengths[] = {
        0, 1, 3, 4, 8, 9, 16, 17, 128, 129, 240, 241, 255, 256, 257, 511,
        512, 1023, 1024, 1025, 2047, 4096, 65536 + 7, 1000003,
};
#define NLEN (sizeof(lengths) / sizeof(lengths[0]))
static const size_t pieces[] = { 0, 1, 63, 64, 300, 5000, 1 << 17 };
#define NPIECE (sizeof(pieces) / sizeof(pieces[0]))

static void check_builds(size_t n, size_t max_piece, uint64_t seed)
{
        struct rng r;
        uint8_t *buf;
        uint64_t want;
        int ran;

        rng_seed(&r, STREAM, seed);
        buf = alloc_guarded_buffer(n);
        gen_any(&r, buf, n);
        want = XXH3_64bits(buf, n);

        uint64_t got = hash_in_pieces(update_generic, buf, n, max_piece, &r, &ran);
        ck_assert_msg(got == want, "generic: n %zu pieces of <= %zu", n, max_piece);
        got = hash_in_pieces(update_chosen, buf, n, max_piece, &r, &ran);
        ck_assert_msg(got == want, "chosen: n %zu pieces of <= %zu", n, max_piece);
        got = hash_in_pieces(update_avx2, buf, n, max_piece, &r, &ran);
        if (ran)
                ck_assert_msg(got == want, "avx2: n %zu pieces of <= %zu", n, max_piece);
        free_guarded_buffer(buf, n);
}

START_TEST(every_build_is_xxh3)
{
        size_t n = lengths[(size_t)_i % NLEN];

        for (size_t p = 0; p < NPIECE; p++)
                check_builds(n, pieces[p], (uint64_t)_i * NPIECE + p);
}
END_TEST

/* The build this test runs in (the Makefile's -mavx2 on checksum_avx2.c)
 * uses AVX2 where the CPU has it: the speed the README quotes. */
START_TEST(avx2_runs_where_it_can)
{
        XXH3_state_t *s = XXH3_createState();
        int want = 0;

#if defined(__x86_64__) && defined(__GNUC__) && !defined(HUFF_PORTABLE)
        want = __builtin_cpu_supports("avx2") != 0;
#endif
        ck_assert_ptr_nonnull(s);
        ck_assert_int_eq(XXH3_64bits_reset(s), XXH_OK);
        ck_assert_int_eq(huff_checksum_update_avx2(s, "abc", 3), want);
        XXH3_freeState(s);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("checksum");
        TCase *tc = tcase_create("checksum");

        tcase_add_loop_test(tc, every_build_is_xxh3, 0, (int)NLEN);
        tcase_add_test(tc, avx2_runs_where_it_can);
        tcase_set_timeout(tc, 60);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
