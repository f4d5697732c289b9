/*
 * test_bitstream.c - the bit writer and the careful bit reader
 *
 * Random fields of 1..32 bits are written (flushing whenever the next one
 * would break bw_put()'s count + n <= 63), compared with an independent
 * bit-at-a-time packing in the format's order (FORMAT.md "Bit order": from
 * the least significant bit of each byte up), and read back from a buffer
 * that ends at an unmapped page: the reader must never touch the byte after
 * its end, and must say so when asked for bits past it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bitstream.h"
#include "testutil.h"

enum { STREAM = 0xb175, FIELDS = 3000 };

struct field {
        uint32_t v;
        uint8_t n;
};

static void random_fields(struct rng *r, struct field *f, size_t count, unsigned max_n)
{
        for (size_t k = 0; k < count; k++) {
                unsigned n = (unsigned)rng_range(r, 1, max_n);
                uint64_t v = rng_next(r) & (((uint64_t)1 << n) - 1);

                /* Now and then all ones or all zeros: the edges of a field. */
                if (rng_below(r, 8) == 0)
                        v = rng_below(r, 2) ? ((uint64_t)1 << n) - 1 : 0;
                f[k].v = (uint32_t)v;
                f[k].n = (uint8_t)n;
        }
}

static uint64_t total_bits(const struct field *f, size_t count)
{
        uint64_t bits = 0;

        for (size_t k = 0; k < count; k++)
                bits += f[k].n;
        return bits;
}

/* Write the fields with the bit writer; returns the size in bytes. */
static size_t write_fields(struct rng *r, const struct field *f, size_t count, uint8_t *dst)
{
        struct huff_bitwriter bw;

        bw_init(&bw, dst);
        for (size_t k = 0; k < count; k++) {
                /* Flush when needed, and sometimes when not. */
                if (bw.count + f[k].n > 63 || rng_below(r, 4) == 0)
                        bw_flush(&bw);
                TEST_ASSERT(bw.count + f[k].n <= 63, "field %zu", k);
                bw_put(&bw, f[k].v, f[k].n);
        }
        return (size_t)(bw_finish(&bw) - dst);
}

/* The reference: one bit at a time, LSB first, into zeroed bytes. */
static size_t pack_reference(const struct field *f, size_t count, uint8_t *dst)
{
        uint64_t pos = 0;

        for (size_t k = 0; k < count; k++)
                for (unsigned b = 0; b < f[k].n; b++, pos++)
                        if (f[k].v >> b & 1)
                                dst[pos / 8] |= (uint8_t)(1u << (pos % 8));
        return (size_t)((pos + 7) / 8);
}

static void round_trip_random_widths_case(void)
{
        struct rng r;
        static struct field f[FIELDS];
        static uint8_t buf[FIELDS * 4 + 8], ref[FIELDS * 4];
        size_t count, size, ref_size;
        struct huff_bitreader br;
        uint8_t *g;

        rng_seed(&r, STREAM, test_seed);
        count = (size_t)rng_range(&r, 1, FIELDS);
        /* Narrow fields in some cases, so that many share a byte. */
        random_fields(&r, f, count, test_seed % 4 == 0 ? (unsigned)rng_range(&r, 1, 7) : 32);
        memset(buf, 0xa5, sizeof(buf));        /* stale bytes must not leak in */
        memset(ref, 0, sizeof(ref));
        size = write_fields(&r, f, count, buf);
        ref_size = pack_reference(f, count, ref);
        ck_assert_uint_eq(size, ref_size);
        ck_assert_uint_eq(first_diff(buf, ref, size), size);

        /* Read back from exactly the bytes written. */
        g = guarded_copy(buf, size);
        br_init(&br, g, size);
        for (size_t k = 0; k < count; k++) {
                uint32_t v;

                if (rng_below(&r, 2)) {
                        v = br_peek(&br, f[k].n);
                        TEST_ASSERT(br_peek(&br, f[k].n) == v, "peek %zu moved", k);
                        br_skip(&br, f[k].n);
                } else {
                        v = br_get(&br, f[k].n);
                }
                TEST_ASSERT(v == f[k].v, "field %zu (%u bits): %#x, want %#x",
                            k, f[k].n, v, f[k].v);
        }
        ck_assert_int_eq(br.overrun, 0);
        /* The padding reads as zero bits, and past it the reader overruns. */
        unsigned pad = (unsigned)(size * 8 - total_bits(f, count));

        ck_assert_uint_lt(pad, 8);
        ck_assert_uint_eq(br_get(&br, pad), 0);
        ck_assert_int_eq(br.overrun, 0);
        ck_assert_uint_eq(br_get(&br, 1), 0);
        ck_assert(br.overrun != 0);
        free_guarded_buffer(g, size);
}

START_TEST(round_trip_random_widths)
{
        FOR_EACH_SEED(4)
                round_trip_random_widths_case();
}
END_TEST

/* bw_finish: zero padding up to the byte, no byte when already aligned,
 * and the size is ceil(bits / 8). */
static void finish_pads_with_zeros_case(void)
{
        struct rng r;

        rng_seed(&r, STREAM + 1, test_seed);
        for (unsigned bits = 0; bits <= 64; bits++) {
                uint8_t buf[8 + 8 + 8];
                struct huff_bitwriter bw;
                size_t size;
                unsigned left = bits;

                memset(buf, 0xff, sizeof(buf));
                bw_init(&bw, buf);
                while (left) {
                        unsigned n = left < 32 ? left : (unsigned)rng_range(&r, 1, 32);

                        if (n > left)
                                n = left;
                        if (bw.count + n > 63)
                                bw_flush(&bw);
                        bw_put(&bw, (uint64_t)1 << (n - 1), n);    /* a 1 at the top */
                        left -= n;
                }
                size = (size_t)(bw_finish(&bw) - buf);
                ck_assert_uint_eq(size, (bits + 7) / 8);
                ck_assert_uint_eq(bw.count, 0);
                if (bits % 8) {
                        unsigned used = bits % 8;

                        ck_assert_msg((buf[size - 1] >> used) == 0,
                                      "%u bits: last byte %#x has padding bits set",
                                      bits, buf[size - 1]);
                        ck_assert_msg(buf[size - 1] >> (used - 1) == 1,
                                      "%u bits: the last bit written is gone (%#x)",
                                      bits, buf[size - 1]);
                }
                /* Finishing an empty writer writes nothing. */
                bw_init(&bw, buf);
                ck_assert_ptr_eq(bw_finish(&bw), buf);
        }
}

START_TEST(finish_pads_with_zeros)
{
        FOR_EACH_SEED(4)
                finish_pads_with_zeros_case();
}
END_TEST

/* The reader at its end: zero bits, overrun set, and no read of the
 * byte after the end (the buffer ends at an unmapped page). */
static void reader_overrun_case(void)
{
        struct rng r;
        size_t n;
        uint8_t *g;
        struct huff_bitreader br;

        rng_seed(&r, STREAM + 2, test_seed);
        n = (size_t)(test_seed % 12);          /* 0..11 bytes, 0 included */
        g = alloc_guarded_buffer(n);
        gen_uniform(&r, g, n);
        br_init(&br, g, n);
        for (size_t k = 0; k < n; k++) {
                ck_assert_uint_eq(br_get(&br, 8), g[k]);
                ck_assert_int_eq(br.overrun, 0);
        }
        /* Peeking up to 32 bits past the end: zeros, and the flag. */
        ck_assert_uint_eq(br_peek(&br, 32), 0);
        ck_assert(br.overrun != 0);
        ck_assert_uint_eq(br_get(&br, 32), 0);
        ck_assert_uint_eq(br_get(&br, 17), 0);
        ck_assert(br.overrun != 0);

        /* A read that straddles the end: the real bits, zeros above them. */
        if (n > 0) {
                unsigned skip = (unsigned)rng_range(&r, 0, 7);

                br_init(&br, g, n);
                for (size_t k = 0; k + 1 < n; k++)
                        br_get(&br, 8);
                br_get(&br, skip);
                ck_assert_int_eq(br.overrun, 0);
                ck_assert_uint_eq(br_get(&br, 16), (uint32_t)g[n - 1] >> skip);
                ck_assert(br.overrun != 0);
        }
        free_guarded_buffer(g, n);
}

START_TEST(reader_overrun)
{
        FOR_EACH_SEED(12)
                reader_overrun_case();
}
END_TEST

int main(void)
{
        Suite *s = suite_create("bitstream");
        TCase *tc = tcase_create("bitstream");

        tcase_add_loop_test(tc, round_trip_random_widths, 0, 12);
        tcase_add_loop_test(tc, finish_pads_with_zeros, 0, 2);
        tcase_add_loop_test(tc, reader_overrun, 0, 2);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
