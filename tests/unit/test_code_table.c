/*
 * test_code_table.c - huff_table_write() / huff_table_read(), the code
 * lengths of a Huffman block (FORMAT.md "Code lengths")
 *
 * Codes come from huff_lens_build() on random counts with limits 8..15:
 * two symbols anywhere in the alphabet, all 256, random subsets with and
 * without symbol 255 (the table stops at the last used symbol), and steep
 * counts that push lengths to the limit.  Tables are read from buffers that
 * end at an unmapped page, so that a read past the table's bytes faults.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canonical.h"
#include "code_table.h"
#include "format.h"
#include "histogram.h"
#include "huffman_lengths.h"
#include "testutil.h"

enum { STREAM = 0xc0de };

struct table {
        uint8_t lens[256];
        unsigned longest;
        size_t size;
        uint8_t bytes[HUFF_MAX_TABLE_SIZE + 8];
};

static unsigned longest_of(const uint8_t *lens)
{
        unsigned m = 0;

        for (unsigned s = 0; s < 256; s++)
                if (lens[s] > m)
                        m = lens[s];
        return m;
}

/* Random counts for seed i, of one of several shapes. */
static void random_counts(struct rng *r, uint64_t i, uint64_t counts[256])
{
        unsigned a, b;

        memset(counts, 0, 256 * sizeof(counts[0]));
        switch (i % 6) {
        case 0:                                 /* two symbols */
                switch (rng_below(r, 4)) {
                case 0: a = 0; b = 255; break;
                case 1: a = 0; b = 1; break;
                case 2: a = 254; b = 255; break;
                default:
                        a = (unsigned)rng_below(r, 256);
                        do
                                b = (unsigned)rng_below(r, 256);
                        while (b == a);
                }
                counts[a] = rng_range(r, 1, 1000);
                counts[b] = rng_range(r, 1, 1000);
                break;
        case 1:                                 /* all 256 */
                for (unsigned s = 0; s < 256; s++)
                        counts[s] = rng_range(r, 1, 1u << rng_below(r, 16));
                break;
        case 2:                                 /* steep: lengths at the limit */
                for (unsigned s = 0; s < 256; s++)
                        if (rng_below(r, 3))
                                counts[s] = (uint64_t)1 << rng_below(r, 40);
                break;
        case 3:                                 /* a text-like histogram */
        {
                uint8_t buf[4096];

                gen_text(r, buf, sizeof(buf));
                huff_hist_count(buf, sizeof(buf), counts);
                break;
        }
        default:                                /* a random subset */
        {
                unsigned used = (unsigned)rng_range(r, 2, 256);

                for (unsigned k = 0; k < used; k++)
                        counts[rng_below(r, 256)] += rng_range(r, 1, 5000);
                break;
        }
        }
        /* Symbol 255 used or not, whatever the shape (the table's length
         * depends on the last used symbol). */
        if (i % 6 != 0 && rng_below(r, 2))
                counts[255] = rng_below(r, 2) ? rng_range(r, 1, 100) : 0;
        /* Always at least two symbols. */
        for (;;) {
                unsigned used = 0;

                for (unsigned s = 0; s < 256; s++)
                        used += counts[s] != 0;
                if (used >= 2)
                        break;
                counts[rng_below(r, 256)] = 1;
        }
}

static void make_table(uint64_t seed, struct table *t, unsigned *limit)
{
        struct rng r;
        uint64_t counts[256];

        rng_seed(&r, STREAM, seed);
        random_counts(&r, seed, counts);
        *limit = (unsigned)rng_range(&r, HUFF_CODE_LEN_MIN, HUFF_CODE_LEN_MAX);
        ck_assert_int_eq(huff_lens_build(counts, 256, *limit, t->lens), HUFF_OK);
        t->longest = longest_of(t->lens);
        memset(t->bytes, 0xcc, sizeof(t->bytes));
        t->size = huff_table_write(t->lens, t->bytes);
        ck_assert_uint_ge(t->size, 2);
        ck_assert_uint_le(t->size, HUFF_MAX_TABLE_SIZE);
}

/* Read src[0..n) (a guarded copy) and compare with t. */
static void expect_read(const struct table *t, const uint8_t *src, size_t n, uint64_t seed)
{
        uint8_t lens[256];
        unsigned longest = 99;
        size_t size = 0;
        enum huff_status s = huff_table_read(guarded_small(src, n), n, lens, &longest, &size);

        ck_assert_msg(s == HUFF_OK, "seed %llu, n %zu of %zu: %s", (unsigned long long)seed,
                      n, t->size, huff_strerror(s));
        ck_assert_msg(size == t->size, "seed %llu: read %zu bytes of a %zu-byte table (n %zu)",
                      (unsigned long long)seed, size, t->size, n);
        ck_assert_uint_eq(longest, t->longest);
        ck_assert_msg(memcmp(lens, t->lens, 256) == 0, "seed %llu: lengths differ at %zu",
                      (unsigned long long)seed, first_diff(lens, t->lens, 256));
}

static void round_trip_case(void)
{
        struct table t;
        unsigned limit;
        struct rng r;
        uint8_t more[HUFF_MAX_TABLE_SIZE + 64];
        size_t extra;

        make_table(test_seed, &t, &limit);
        ck_assert_uint_le(t.longest, limit);
        /* Exactly the table's bytes. */
        expect_read(&t, t.bytes, t.size, test_seed);
        /* The table followed by other bytes, as in a block. */
        rng_seed(&r, STREAM + 1, test_seed);
        extra = (size_t)rng_range(&r, 1, 64);
        memcpy(more, t.bytes, t.size);
        gen_uniform(&r, more + t.size, extra);
        expect_read(&t, more, t.size + extra, test_seed);
}

START_TEST(round_trip)
{
        FOR_EACH_SEED(20)
                round_trip_case();
}
END_TEST

/* The case the format was laid out for: a text block's table costs a few
 * dozen bytes, not the 128 of four bits per symbol. */
static void text_table_is_small_case(void)
{
        struct rng r;
        static uint8_t buf[128 << 10];
        uint64_t counts[256];
        uint8_t lens[256], bytes[HUFF_MAX_TABLE_SIZE + 8];
        unsigned distinct;
        size_t size;

        rng_seed(&r, STREAM + 2, test_seed);
        gen_text(&r, buf, sizeof(buf));
        distinct = huff_hist_count(buf, sizeof(buf), counts);
        ck_assert_int_eq(huff_lens_build(counts, 256, HUFF_CODE_LEN_DEFAULT, lens), HUFF_OK);
        size = huff_table_write(lens, bytes);
        if (test_seed == 0)
                printf("code_table: text block of %zu bytes, %u distinct bytes, "
                       "longest %u bits: table of %zu bytes\n",
                       sizeof(buf), distinct, longest_of(lens), size);
        ck_assert_msg(size <= 64, "text table of %zu bytes (%u symbols)", size, distinct);
}

START_TEST(text_table_is_small)
{
        FOR_EACH_SEED(4)
                text_table_is_small_case();
}
END_TEST

/* Every shorter prefix of a table is incomplete and must be rejected:
 * the reader may not take the zero bits it supplies past the end as
 * table bits. */
static void truncation_rejected_case(void)
{
        struct table t;
        unsigned limit, longest;
        uint8_t lens[256];
        size_t size;

        make_table(test_seed, &t, &limit);
        for (size_t n = 0; n < t.size; n++) {
                enum huff_status s = huff_table_read(guarded_small(t.bytes, n), n, lens,
                                                     &longest, &size);

                TEST_ASSERT(s == HUFF_ERR_CODE_LENGTHS,
                            "table of %zu bytes cut to %zu: %s (size %zu)",
                            t.size, n, huff_strerror(s), s == HUFF_OK ? size : 0);
        }
}

START_TEST(truncation_rejected)
{
        FOR_EACH_SEED(10)
                truncation_rejected_case();
}
END_TEST

/* A damaged table is rejected, or (by chance) read as another complete
 * code; never anything else, and never a read outside its bytes. */
static void expect_damaged(const uint8_t *src, size_t n, const char *what,
                           unsigned *accepted)
{
        uint8_t lens[256];
        unsigned longest = 99, check_longest;
        size_t size = 0;
        enum huff_status s = huff_table_read(guarded_small(src, n), n, lens, &longest, &size);

        TEST_ASSERT(s == HUFF_OK || s == HUFF_ERR_CODE_LENGTHS, "%s: %s", what,
                    huff_strerror(s));
        if (s == HUFF_OK) {
                (*accepted)++;
                TEST_ASSERT(huff_canon_check(lens, 256, HUFF_CODE_LEN_MAX, &check_longest) ==
                            HUFF_OK, "%s: accepted an invalid code", what);
                TEST_ASSERT(longest == check_longest, "%s: longest %u, really %u", what,
                            longest, check_longest);
                TEST_ASSERT(size >= 2 && size <= n, "%s: size %zu of %zu", what, size, n);
        }
}

static void damage_rejected_or_valid_case(void)
{
        struct table t;
        struct rng r;
        unsigned limit, accepted = 0, tries = 0;
        uint8_t bad[HUFF_MAX_TABLE_SIZE + 8];
        char what[64];

        make_table(test_seed, &t, &limit);
        rng_seed(&r, STREAM + 3, test_seed);
        /* Every single-bit flip. */
        for (size_t bit = 0; bit < t.size * 8; bit++, tries++) {
                memcpy(bad, t.bytes, t.size);
                bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
                snprintf(what, sizeof(what), "bit %zu flipped", bit);
                expect_damaged(bad, t.size, what, &accepted);
        }
        /* Random bytes replaced, one to four at a time. */
        for (unsigned k = 0; k < 200; k++, tries++) {
                unsigned flips = (unsigned)rng_range(&r, 1, 4);

                memcpy(bad, t.bytes, t.size);
                for (unsigned f = 0; f < flips; f++)
                        bad[rng_below(&r, t.size)] ^= (uint8_t)rng_range(&r, 1, 255);
                snprintf(what, sizeof(what), "byte flips #%u", k);
                expect_damaged(bad, t.size, what, &accepted);
        }
        /* Some damage must be caught (a table that accepted everything
         * would pass the checks above). */
        TEST_ASSERT(accepted < tries / 2, "%u of %u damaged tables accepted", accepted, tries);
}

START_TEST(damage_rejected_or_valid)
{
        FOR_EACH_SEED(3)
                damage_rejected_or_valid_case();
}
END_TEST

/* ------------------------------------------------------------------------ */
/*
 * Tables written here from FORMAT.md section 4, bit by bit, with a precode
 * of our choosing: other encodings of the same lengths (which the reader
 * must accept), and the cases the format rejects one at a time.
 */

static const uint8_t precode_order[19] = {
        17, 18, 0, 16, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
};

struct bitbuf {
        uint8_t buf[1024];
        size_t pos;                     /* in bits */
};

/* A field, least significant bit first. */
static void put_field(struct bitbuf *b, uint32_t v, unsigned n)
{
        for (unsigned k = 0; k < n; k++, b->pos++)
                if (v >> k & 1)
                        b->buf[b->pos / 8] |= (uint8_t)(1u << (b->pos % 8));
}

/* A codeword, most significant bit first. */
static void put_code(struct bitbuf *b, uint32_t code, unsigned len)
{
        for (unsigned k = len; k-- > 0; b->pos++)
                if (code >> k & 1)
                        b->buf[b->pos / 8] |= (uint8_t)(1u << (b->pos % 8));
}

/* Canonical codewords of plens (section 4.3), computed here. */
static void precode_codes(const uint8_t plens[19], uint32_t codes[19])
{
        uint32_t code = 0;

        for (unsigned l = 1; l <= 7; l++) {
                for (unsigned s = 0; s < 19; s++)
                        if (plens[s] == l)
                                codes[s] = code++;
                code <<= 1;
        }
}

struct writer {
        struct bitbuf b;
        uint8_t plens[19];
        uint32_t codes[19];
};

/* Start a table: last, hclen (all 19) and the precode lengths. */
static void w_start(struct writer *w, unsigned last, const uint8_t plens[19])
{
        memset(&w->b, 0, sizeof(w->b));
        w->b.buf[0] = (uint8_t)last;
        w->b.pos = 8;
        memcpy(w->plens, plens, 19);
        precode_codes(plens, w->codes);
        put_field(&w->b, 19 - 4, 4);
        for (unsigned k = 0; k < 19; k++)
                put_field(&w->b, plens[precode_order[k]], 3);
}

static void w_sym(struct writer *w, unsigned sym, unsigned extra)
{
        static const uint8_t extra_bits[19] = { [16] = 2, [17] = 3, [18] = 7 };

        ck_assert_uint_ne(w->plens[sym], 0);
        put_code(&w->b, w->codes[sym], w->plens[sym]);
        put_field(&w->b, extra, extra_bits[sym]);
}

/* Padding to the byte; returns the table's size. */
static size_t w_end(struct writer *w)
{
        return (w->b.pos + 7) / 8;
}

/* Lengths of symbols 0..last, with runs coded literally or as runs at
 * random: every choice is a valid encoding of the same lengths. */
static void w_lengths(struct writer *w, struct rng *r, const uint8_t *lens, unsigned last)
{
        for (unsigned i = 0; i <= last;) {
                unsigned run = 1;

                while (i + run <= last && lens[i + run] == lens[i])
                        run++;
                if (lens[i] == 0 && run >= 3 && rng_below(r, 4)) {
                        unsigned take = run >= 11 && rng_below(r, 2) ?
                                        (unsigned)rng_range(r, 11, HUFF_MIN(run, 138u)) :
                                        (unsigned)rng_range(r, 3, HUFF_MIN(run, 10u));

                        w_sym(w, take >= 11 ? 18 : 17, take >= 11 ? take - 11 : take - 3);
                        i += take;
                } else if (lens[i] != 0 && i > 0 && lens[i - 1] == lens[i] && run >= 3 &&
                           rng_below(r, 4)) {
                        unsigned take = (unsigned)rng_range(r, 3, HUFF_MIN(run, 6u));

                        w_sym(w, 16, take - 3);
                        i += take;
                } else {
                        w_sym(w, lens[i], 0);
                        i++;
                }
        }
}

/* Read a crafted table; the lengths land in a guarded 256-byte array, so
 * that a run written past it faults. */
static enum huff_status read_crafted(const struct writer *w, size_t n, uint8_t *lens_out,
                                     size_t *size)
{
        uint8_t *lens = alloc_guarded_buffer(256);
        unsigned longest;
        enum huff_status s = huff_table_read(guarded_small(w->b.buf, n), n, lens, &longest, size);

        memcpy(lens_out, lens, 256);
        free_guarded_buffer(lens, 256);
        return s;
}

/* A precode with every symbol: thirteen of 4 bits and six of 5. */
static void full_precode(struct rng *r, uint8_t plens[19])
{
        uint8_t perm[19];

        for (unsigned s = 0; s < 19; s++)
                perm[s] = (uint8_t)s;
        for (unsigned s = 18; s > 0; s--) {
                unsigned j = (unsigned)rng_below(r, s + 1);
                uint8_t t = perm[s];

                perm[s] = perm[j];
                perm[j] = t;
        }
        for (unsigned k = 0; k < 19; k++)
                plens[perm[k]] = k < 13 ? 4 : 5;
}

static void crafted_tables_case(void)
{
        struct table t;
        struct rng r;
        struct writer w;
        unsigned limit, last = 255;
        uint8_t plens[19], lens[256];
        size_t size, n;

        make_table(test_seed, &t, &limit);
        rng_seed(&r, STREAM + 5, test_seed);
        full_precode(&r, plens);
        while (t.lens[last] == 0)
                last--;

        /* Another encoding of the same code. */
        w_start(&w, last, plens);
        w_lengths(&w, &r, t.lens, last);
        n = w_end(&w);
        TEST_ASSERT(read_crafted(&w, n, lens, &size) == HUFF_OK, "re-encoded table");
        TEST_ASSERT(size == n && memcmp(lens, t.lens, 256) == 0, "size %zu of %zu", size, n);

        /* The same with a non-zero padding bit. */
        if (w.b.pos % 8) {
                w.b.buf[w.b.pos / 8] |= (uint8_t)(0x80u);
                TEST_ASSERT(read_crafted(&w, n, lens, &size) == HUFF_ERR_CODE_LENGTHS,
                            "padding bit set");
        }

        /* A zero length coded for byte value `last`. */
        if (last < 255) {
                w_start(&w, last + 1, plens);
                w_lengths(&w, &r, t.lens, last);
                w_sym(&w, 0, 0);
                TEST_ASSERT(read_crafted(&w, w_end(&w), lens, &size) == HUFF_ERR_CODE_LENGTHS,
                            "length 0 for last");
        }

        /* A repeat with nothing to repeat. */
        w_start(&w, last, plens);
        w_sym(&w, 16, 0);
        w_lengths(&w, &r, t.lens, last);
        TEST_ASSERT(read_crafted(&w, w_end(&w), lens, &size) == HUFF_ERR_CODE_LENGTHS,
                    "repeat first");

        /* Runs one past `last`: zeros, then a repeat. */
        for (unsigned k = 0; k < 2; k++) {
                unsigned start = last >= 10 ? last - 2 : last;  /* run of 4 from here */

                if (start < 1 || t.lens[start - 1] == 0)
                        continue;
                w_start(&w, last, plens);
                w_lengths(&w, &r, t.lens, start - 1);
                w_sym(&w, k ? 16 : 17, 1);              /* 4 zeros or 4 repeats */
                TEST_ASSERT(read_crafted(&w, w_end(&w), lens, &size) == HUFF_ERR_CODE_LENGTHS,
                            "run of 4 from %u past last %u", start, last);
        }

        /* An incomplete precode: one of its 4-bit codes missing. */
        for (unsigned s = 0; s < 19; s++) {
                if (plens[s] == 4) {
                        uint8_t p2[19];

                        memcpy(p2, plens, 19);
                        p2[s] = 0;
                        w_start(&w, 1, p2);
                        TEST_ASSERT(read_crafted(&w, w_end(&w) + 8, lens, &size) ==
                                    HUFF_ERR_CODE_LENGTHS, "incomplete precode");
                        break;
                }
        }

        /* Lengths that are not a complete code: one length one longer. */
        {
                uint8_t l2[256];
                unsigned s = (unsigned)rng_below(&r, last + 1);

                memcpy(l2, t.lens, 256);
                while (l2[s] == 0)
                        s = (s + 1) % (last + 1);
                if (l2[s] < 15) {
                        l2[s]++;
                        w_start(&w, last, plens);
                        w_lengths(&w, &r, l2, last);
                        TEST_ASSERT(read_crafted(&w, w_end(&w), lens, &size) ==
                                    HUFF_ERR_CODE_LENGTHS, "incomplete code");
                }
        }
}

START_TEST(crafted_tables)
{
        FOR_EACH_SEED(10)
                crafted_tables_case();
}
END_TEST

/* Tables that are not complete codes, written by hand. */
START_TEST(invalid_tables)
{
        uint8_t lens[256], bytes[HUFF_MAX_TABLE_SIZE + 8], junk[HUFF_MAX_TABLE_SIZE];
        unsigned longest;
        size_t size;
        struct rng r;
        unsigned accepted = 0;

        /* Fewer than 2 bytes can hold no table. */
        memset(bytes, 0, sizeof(bytes));
        ck_assert_int_eq(huff_table_read(bytes, 0, lens, &longest, &size), HUFF_ERR_CODE_LENGTHS);
        bytes[0] = 1;
        ck_assert_int_eq(huff_table_read(bytes, 1, lens, &longest, &size), HUFF_ERR_CODE_LENGTHS);
        /* All-zero bytes: a precode of no codes. */
        bytes[0] = 0;
        ck_assert_int_eq(huff_table_read(bytes, sizeof(bytes) - 8, lens, &longest, &size),
                         HUFF_ERR_CODE_LENGTHS);
        /* Random bytes: rarely a table; never a crash. */
        rng_seed(&r, STREAM + 4, 0);
        for (unsigned k = 0; k < 2000; k++) {
                size_t n = (size_t)rng_range(&r, 0, sizeof(junk));
                char what[48];

                gen_uniform(&r, junk, n);
                snprintf(what, sizeof(what), "random table #%u", k);
                expect_damaged(junk, n, what, &accepted);
        }
        ck_assert_uint_lt(accepted, 20);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("code_table");
        TCase *tc = tcase_create("code_table");

        tcase_add_loop_test(tc, round_trip, 0, 12);
        tcase_add_loop_test(tc, text_table_is_small, 0, 1);
        tcase_add_loop_test(tc, truncation_rejected, 0, 12);
        tcase_add_loop_test(tc, damage_rejected_or_valid, 0, 12);
        tcase_add_loop_test(tc, crafted_tables, 0, 12);
        tcase_add_test(tc, invalid_tables);
        tcase_set_timeout(tc, 30);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
