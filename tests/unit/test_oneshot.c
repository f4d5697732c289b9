/*
 * test_oneshot.c - huff_compress() and huff_decompress() on small inputs
 *
 * The one-shot calls code straight from the caller's buffers, with buffers
 * sized by the input; the decoder picks its tables by the block's size and
 * stream count (one stream under 4 KiB, four streams without the
 * multi-symbol table under HUFF_MULTI_MIN_BYTES).  So sizes cross each of
 * those boundaries; each output is compared with the streaming encoder's
 * for the same input and params, and written into a capacity of exactly
 * its size and of one byte less, with a guard area after it that must
 * stay untouched.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "testutil.h"
#include "huff.h"

enum { STREAM = 0x0e5407 };

#define GUARD 64u               /* bytes after dst_cap that must stay */
#define GUARD_BYTE 0xa5u

static const size_t sizes[] = {
        0, 1, 2, 15, 16, 17, 255, 256, 4095, 4096, 4097,
        HUFF_MULTI_MIN_BYTES - 1, HUFF_MULTI_MIN_BYTES, HUFF_MULTI_MIN_BYTES + 1,
        11150, 24603, 53161,
};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

/* The data of case i: text, skewed or uniform bytes, by i. */
static const char *fill(struct rng *r, uint8_t *src, size_t n, unsigned i)
{
        switch (i % 3) {
        case 0:
                gen_text(r, src, n);
                return "text";
        case 1:
                gen_skewed(r, src, n, 0.8);
                return "skewed";
        default:
                gen_uniform(r, src, n);
                return "uniform";
        }
}

/* The whole frame from the streaming encoder, in one feed. */
static size_t stream_compress(uint8_t *dst, size_t cap, const uint8_t *src, size_t n,
                              const struct huff_params *p)
{
        struct huff_encoder *e;
        struct huff_inbuf in = { src, n, 0 };
        struct huff_outbuf out = { dst, cap, 0 };
        size_t pending;

        ck_assert_int_eq(huff_encoder_create(&e, p), HUFF_OK);
        ck_assert_int_eq(huff_encoder_reset(e, n), HUFF_OK);
        ck_assert_int_eq(huff_encoder_feed(e, &out, &in), HUFF_OK);
        ck_assert_int_eq(huff_encoder_finish(e, &out, &pending), HUFF_OK);
        ck_assert_uint_eq(pending, 0);
        ck_assert_uint_eq(in.pos, n);
        huff_encoder_free(e);
        return out.pos;
}

/* A buffer of cap bytes and GUARD more, all GUARD_BYTE. */
static uint8_t *guarded_dst(size_t cap)
{
        uint8_t *p = xmalloc(cap + GUARD);

        memset(p, GUARD_BYTE, cap + GUARD);
        return p;
}

static void expect_guard(const uint8_t *p, size_t cap, const char *what, size_t n)
{
        for (size_t i = 0; i < GUARD; i++)
                ck_assert_msg(p[cap + i] == GUARD_BYTE, "%s, %zu bytes: byte %zu past dst_cap written",
                              what, n, i);
}

static void oneshot_case(size_t n, unsigned i, int checksum)
{
        struct rng r;
        struct huff_params p;
        uint8_t *src = xmalloc(n + 1);
        size_t bound = huff_compress_bound(n), size, size2, got;
        uint8_t *frame = guarded_dst(bound), *ref = xmalloc(bound), *dst, *out;
        const char *what;
        enum huff_status s;

        rng_seed(&r, STREAM, i);
        what = fill(&r, src, n, i);
        huff_params_init(&p);
        p.checksum = checksum;

        /* The one-shot frame is the streaming encoder's, byte for byte. */
        ck_assert_int_eq(huff_compress(frame, bound, &size, src, n, &p), HUFF_OK);
        expect_guard(frame, bound, what, n);
        size2 = stream_compress(ref, bound, src, n, &p);
        ck_assert_uint_eq(size, size2);
        ck_assert_msg(memcmp(frame, ref, size) == 0, "%s, %zu bytes: one-shot and streaming differ",
                      what, n);

        /* Exactly enough room, then one byte short. */
        dst = guarded_dst(size);
        ck_assert_int_eq(huff_compress(dst, size, &got, src, n, &p), HUFF_OK);
        ck_assert_uint_eq(got, size);
        ck_assert(memcmp(dst, frame, size) == 0);
        expect_guard(dst, size, what, n);
        free(dst);
        dst = guarded_dst(size - 1);
        s = huff_compress(dst, size - 1, &got, src, n, &p);
        ck_assert_msg(s == HUFF_ERR_DST_TOO_SMALL, "%s, %zu bytes into %zu: %s", what, n,
                      size - 1, huff_strerror(s));
        ck_assert_uint_le(got, size - 1);
        expect_guard(dst, size - 1, what, n);
        free(dst);

        /* And back, into exactly n bytes and into n - 1. */
        out = guarded_dst(n);
        ck_assert_int_eq(huff_decompress(out, n, &got, frame, size), HUFF_OK);
        ck_assert_uint_eq(got, n);
        ck_assert_msg(first_diff(out, src, n) == n, "%s, %zu bytes: round trip differs", what, n);
        expect_guard(out, n, what, n);
        free(out);
        if (n > 0) {
                out = guarded_dst(n - 1);
                s = huff_decompress(out, n - 1, &got, frame, size);
                ck_assert_msg(s == HUFF_ERR_DST_TOO_SMALL, "%s, %zu bytes into %zu: %s", what, n,
                              n - 1, huff_strerror(s));
                ck_assert_uint_le(got, n - 1);
                expect_guard(out, n - 1, what, n);
                free(out);
        }
        free(src);
        free(frame);
        free(ref);
}

/* Loop index: the size, times three kinds of data, checksum on and off. */
START_TEST(round_trip_small)
{
        size_t n = sizes[(unsigned)_i % NSIZES];

        for (unsigned k = 0; k < 3; k++) {
                oneshot_case(n, (unsigned)_i * 3 + k, 1);
                oneshot_case(n, (unsigned)_i * 3 + k, 0);
        }
}
END_TEST

/* The decoder's reads stay in src: a frame that ends at an unmapped page,
 * whatever the table and stream count its blocks got. */
START_TEST(frame_at_page_end)
{
        size_t n = sizes[(unsigned)_i % NSIZES];
        struct rng r;
        struct huff_params p;
        size_t bound = huff_compress_bound(n), size, got;
        uint8_t *src = xmalloc(n + 1), *frame = xmalloc(bound), *g, *out;

        rng_seed(&r, STREAM + 1, (uint64_t)_i);
        gen_text(&r, src, n);
        huff_params_init(&p);
        p.checksum = 0;
        ck_assert_int_eq(huff_compress(frame, bound, &size, src, n, &p), HUFF_OK);
        g = guarded_copy(frame, size);
        out = alloc_guarded_buffer(n);
        ck_assert_int_eq(huff_decompress(out, n, &got, g, size), HUFF_OK);
        ck_assert_uint_eq(got, n);
        ck_assert(first_diff(out, src, n) == n);
        free_guarded_buffer(out, n);
        free_guarded_buffer(g, size);
        free(frame);
        free(src);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("oneshot");
        TCase *tc = tcase_create("oneshot");

        tcase_add_loop_test(tc, round_trip_small, 0, NSIZES);
        tcase_add_loop_test(tc, frame_at_page_end, 0, NSIZES);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
