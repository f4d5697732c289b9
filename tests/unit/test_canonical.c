/*
 * test_canonical.c - huff_canon_check(), huff_canon_enc_table(),
 * huff_canon_sort() and huff_canon_dec_table() on random complete codes
 *
 * The codes come from random binary trees grown here (split a leaf, again
 * and again), not from huff_lens_build(): shapes an optimiser would never
 * produce, such as one very deep chain, are in the mix.  Codewords are
 * checked against the definition (FORMAT.md "Canonical codes") rather than
 * against another implementation: prefix-free, and in the canonical order.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canonical.h"
#include "testutil.h"

enum { STREAM = 0xca40 };

struct code {
        unsigned num_syms;      /* alphabet size */
        unsigned max_len;       /* no length above this */
        unsigned longest;       /* the longest length used */
        unsigned used;          /* symbols with a non-zero length */
        uint8_t lens[256];
};

/*
 * A random complete code: grow a binary tree from a root by splitting leaves
 * (below max_len) until it has `used` leaves, then give the leaves' depths
 * to `used` random symbols.  Half the splits take the leaf split last, which
 * grows long chains and so lengths up to the limit.
 */
static void random_code(struct rng *r, struct code *c, unsigned num_syms,
                        unsigned max_len, unsigned used)
{
        uint8_t depth[256], sym[256];
        unsigned leaves = 2, last = 1;

        ck_assert(used >= 2 && used <= num_syms && num_syms <= 256);
        ck_assert(max_len <= 15 && (max_len >= 8 || used <= 1u << max_len));
        depth[0] = depth[1] = 1;
        while (leaves < used) {
                unsigned k = rng_below(r, 2) && depth[last] < max_len ?
                             last : (unsigned)rng_below(r, leaves);

                if (depth[k] >= max_len)
                        continue;       /* some leaf is shallower: a full
                                           tree of depth max_len would have
                                           2^max_len >= used leaves */
                depth[k]++;
                depth[leaves] = depth[k];
                last = rng_below(r, 2) ? k : leaves;
                leaves++;
        }
        for (unsigned s = 0; s < num_syms; s++)
                sym[s] = (uint8_t)s;
        for (unsigned s = num_syms - 1; s > 0; s--) {
                unsigned j = (unsigned)rng_below(r, s + 1);
                uint8_t t = sym[s];

                sym[s] = sym[j];
                sym[j] = t;
        }
        memset(c->lens, 0, sizeof(c->lens));
        c->num_syms = num_syms;
        c->max_len = max_len;
        c->used = used;
        c->longest = 0;
        for (unsigned k = 0; k < used; k++) {
                c->lens[sym[k]] = depth[k];
                if (depth[k] > c->longest)
                        c->longest = depth[k];
        }
}

/* A code of random alphabet, limit and number of symbols for seed i. */
static void code_for_seed(struct code *c, uint64_t stream, uint64_t i)
{
        struct rng r;
        unsigned num_syms, max_len, used;

        rng_seed(&r, stream, i);
        switch (i % 4) {
        case 0: num_syms = 256; break;
        case 1: num_syms = 19; break;                   /* the precode */
        default: num_syms = (unsigned)rng_range(&r, 2, 256); break;
        }
        max_len = (unsigned)rng_range(&r, 1, 15);
        used = (unsigned)rng_range(&r, 2, num_syms);
        while (used > 1u << max_len)
                max_len++;
        if (i % 8 == 0)
                used = num_syms;                        /* every symbol */
        while (used > 1u << max_len)
                max_len++;
        random_code(&r, c, num_syms, max_len, used);
}

static uint64_t kraft_scaled(const uint8_t *lens, unsigned n)   /* x 2^15 */
{
        uint64_t k = 0;

        for (unsigned s = 0; s < n; s++)
                if (lens[s])
                        k += (uint64_t)1 << (15 - lens[s]);
        return k;
}

static enum huff_status check(const struct code *c, unsigned max_len, unsigned *longest)
{
        return huff_canon_check(c->lens, c->num_syms, max_len, longest);
}

/* ------------------------------------------------------------------------ */
/* huff_canon_check */

static void check_accepts_complete_codes_case(void)
{
        struct code c;
        unsigned longest = 99;

        code_for_seed(&c, STREAM, test_seed);
        ck_assert_uint_eq(kraft_scaled(c.lens, c.num_syms), 1u << 15);  /* the generator */
        ck_assert_int_eq(check(&c, c.max_len, &longest), HUFF_OK);
        ck_assert_uint_eq(longest, c.longest);
        /* Any limit at or above the longest length is met. */
        for (unsigned m = c.longest; m <= 15; m++) {
                longest = 99;
                ck_assert_int_eq(check(&c, m, &longest), HUFF_OK);
                ck_assert_uint_eq(longest, c.longest);
        }
}

START_TEST(check_accepts_complete_codes)
{
        FOR_EACH_SEED(8)
                check_accepts_complete_codes_case();
}
END_TEST

static void check_rejects_broken_codes_case(void)
{
        struct code c, bad;
        struct rng r;
        unsigned longest, s, z = 256;

        code_for_seed(&c, STREAM, test_seed);
        rng_seed(&r, STREAM + 1, test_seed);
        for (unsigned k = 0; k < c.num_syms; k++)
                if (!c.lens[k])
                        z = k;          /* an unused symbol, if any */
        /* Lengths over the limit. */
        if (c.longest > 1)
                ck_assert_int_eq(check(&c, c.longest - 1, &longest), HUFF_ERR_CODE_LENGTHS);

        do
                s = (unsigned)rng_below(&r, c.num_syms);
        while (!c.lens[s]);

        /* Oversubscribed: a codeword one bit shorter, or one more codeword. */
        if (c.lens[s] > 1) {
                bad = c;
                bad.lens[s]--;
                ck_assert_int_eq(check(&bad, 15, &longest), HUFF_ERR_CODE_LENGTHS);
        }
        if (z < 256) {
                bad = c;
                bad.lens[z] = (uint8_t)c.max_len;
                ck_assert_int_eq(check(&bad, c.max_len, &longest), HUFF_ERR_CODE_LENGTHS);
                bad.lens[z] = 15;
                ck_assert_int_eq(check(&bad, 15, &longest), HUFF_ERR_CODE_LENGTHS);
        }
        /* Undersubscribed: a codeword one bit longer, or one fewer. */
        bad = c;
        bad.lens[s]++;
        ck_assert_int_eq(check(&bad, 15, &longest), HUFF_ERR_CODE_LENGTHS);
        bad = c;
        bad.lens[s] = 0;
        ck_assert_int_eq(check(&bad, 15, &longest), HUFF_ERR_CODE_LENGTHS);
        /* A length past the limit, even where Kraft would balance: two
         * codewords of length L+1 in place of one of length L. */
        if (z < 256 && c.lens[s] == c.longest && c.longest < 15) {
                bad = c;
                bad.lens[s]++;
                bad.lens[z] = bad.lens[s];
                ck_assert_uint_eq(kraft_scaled(bad.lens, bad.num_syms), 1u << 15);
                ck_assert_int_eq(check(&bad, c.longest, &longest), HUFF_ERR_CODE_LENGTHS);
                ck_assert_int_eq(check(&bad, c.longest + 1, &longest), HUFF_OK);
        }
}

START_TEST(check_rejects_broken_codes)
{
        FOR_EACH_SEED(8)
                check_rejects_broken_codes_case();
}
END_TEST

START_TEST(check_edge_cases)
{
        uint8_t lens[256] = { 0 };
        unsigned longest = 99;

        /* No symbol, one symbol of any length: never a code. */
        ck_assert_int_eq(huff_canon_check(lens, 256, 15, &longest), HUFF_ERR_CODE_LENGTHS);
        ck_assert_int_eq(huff_canon_check(lens, 0, 15, &longest), HUFF_ERR_CODE_LENGTHS);
        for (unsigned s = 0; s < 256; s += 51) {
                for (unsigned l = 1; l <= 15; l++) {
                        memset(lens, 0, sizeof(lens));
                        lens[s] = (uint8_t)l;
                        ck_assert_int_eq(huff_canon_check(lens, 256, 15, &longest),
                                         HUFF_ERR_CODE_LENGTHS);
                }
        }
        /* Two symbols of length 1: the smallest code, at both ends. */
        memset(lens, 0, sizeof(lens));
        lens[0] = lens[255] = 1;
        ck_assert_int_eq(huff_canon_check(lens, 256, 1, &longest), HUFF_OK);
        ck_assert_uint_eq(longest, 1);
        /* ... but symbol 255 is outside an alphabet of 255. */
        ck_assert_int_eq(huff_canon_check(lens, 255, 15, &longest), HUFF_ERR_CODE_LENGTHS);
        lens[1] = 1;                                    /* three of length 1 */
        ck_assert_int_eq(huff_canon_check(lens, 256, 15, &longest), HUFF_ERR_CODE_LENGTHS);
        lens[1] = 2;                                    /* 1, 1, 2 */
        ck_assert_int_eq(huff_canon_check(lens, 256, 15, &longest), HUFF_ERR_CODE_LENGTHS);
        lens[255] = 2;                                  /* 1, 2, 2 */
        longest = 99;
        ck_assert_int_eq(huff_canon_check(lens, 256, 2, &longest), HUFF_OK);
        ck_assert_uint_eq(longest, 2);
        ck_assert_int_eq(huff_canon_check(lens, 256, 1, &longest), HUFF_ERR_CODE_LENGTHS);

        /* 256 symbols of length 8: complete; with 15 of them at 16 bits
         * more than the format allows. */
        memset(lens, 8, sizeof(lens));
        ck_assert_int_eq(huff_canon_check(lens, 256, 8, &longest), HUFF_OK);
        ck_assert_uint_eq(longest, 8);
        ck_assert_int_eq(huff_canon_check(lens, 256, 7, &longest), HUFF_ERR_CODE_LENGTHS);
        /* The deepest code within 15 bits: lengths 1, 2, ..., 15, 15. */
        memset(lens, 0, sizeof(lens));
        for (unsigned l = 1; l <= 15; l++)
                lens[l * 16] = (uint8_t)l;
        lens[255] = 15;
        ck_assert_int_eq(huff_canon_check(lens, 256, 15, &longest), HUFF_OK);
        ck_assert_uint_eq(longest, 15);
        /* One step deeper (1..16, 16) balances Kraft but breaks the limit. */
        lens[255] = 16;
        lens[254] = 16;
        ck_assert_int_eq(huff_canon_check(lens, 256, 15, &longest), HUFF_ERR_CODE_LENGTHS);
        /* Lengths so long that 2^-l would vanish must not wrap around. */
        memset(lens, 0, sizeof(lens));
        lens[0] = 1;
        lens[1] = 1;
        lens[2] = 200;
        ck_assert_int_eq(huff_canon_check(lens, 256, 15, &longest), HUFF_ERR_CODE_LENGTHS);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Encoder table */

/* The codeword of symbol s, most significant bit first, from its entry. */
static uint32_t codeword(const huff_enc_entry *enc, unsigned s, unsigned len)
{
        uint32_t v = enc[s] >> 8, r = 0;

        for (unsigned k = 0; k < len; k++)
                r = r << 1 | ((v >> k) & 1);
        return r;
}

static void enc_table_prefix_free_and_canonical_case(void)
{
        struct code c;
        huff_enc_entry enc[256];
        uint32_t cw[256];
        unsigned order[256], n = 0;

        code_for_seed(&c, STREAM + 2, test_seed);
        memset(enc, 0xee, sizeof(enc));
        huff_canon_enc_table(c.lens, c.num_syms, enc);

        for (unsigned s = 0; s < c.num_syms; s++) {
                unsigned l = c.lens[s];

                if (!l) {
                        TEST_ASSERT(enc[s] == 0, "unused symbol %u: entry %#x", s, enc[s]);
                        continue;
                }
                TEST_ASSERT((enc[s] & 0xff) == l, "symbol %u: length %u in entry, want %u",
                            s, enc[s] & 0xff, l);
                TEST_ASSERT(enc[s] >> 8 >> l == 0, "symbol %u: bits above its length", s);
                cw[s] = codeword(enc, s, l);
        }

        /* Prefix-free: no codeword starts another (pairwise). */
        for (unsigned a = 0; a < c.num_syms; a++) {
                for (unsigned b = 0; b < c.num_syms; b++) {
                        unsigned la = c.lens[a], lb = c.lens[b];

                        if (a == b || !la || !lb || la > lb)
                                continue;
                        TEST_ASSERT(cw[b] >> (lb - la) != cw[a],
                                    "codeword of %u (len %u) is a prefix of %u's (len %u)",
                                    a, la, b, lb);
                }
        }

        /* Canonical: sorted by (length, symbol), the first codeword is all
         * zeros and each next one is the previous plus one, shifted left by
         * the growth in length.  Left-aligned to 15 bits, they increase. */
        for (unsigned l = 1; l <= 15; l++)
                for (unsigned s = 0; s < c.num_syms; s++)
                        if (c.lens[s] == l)
                                order[n++] = s;
        ck_assert_uint_eq(n, c.used);
        ck_assert_uint_eq(cw[order[0]], 0);
        for (unsigned k = 1; k < n; k++) {
                unsigned p = order[k - 1], s = order[k];
                uint32_t want = (cw[p] + 1) << (c.lens[s] - c.lens[p]);

                TEST_ASSERT(cw[s] == want, "symbol %u (len %u): codeword %#x, want %#x",
                            s, c.lens[s], cw[s], want);
                TEST_ASSERT(cw[p] << (15 - c.lens[p]) < cw[s] << (15 - c.lens[s]),
                            "left-aligned codewords of %u and %u not increasing", p, s);
        }
        /* Complete: the last codeword is all ones. */
        ck_assert_uint_eq(cw[order[n - 1]], (1u << c.lens[order[n - 1]]) - 1);
}

START_TEST(enc_table_prefix_free_and_canonical)
{
        FOR_EACH_SEED(8)
                enc_table_prefix_free_and_canonical_case();
}
END_TEST

/* A known code by hand (RFC 1951 3.2.2's example: A..H with lengths
 * 3 3 3 3 3 2 4 4 give F=00 A=010 B=011 C=100 D=101 E=110 G=1110 H=1111). */
START_TEST(enc_table_rfc1951_example)
{
        const uint8_t lens[8] = { 3, 3, 3, 3, 3, 2, 4, 4 };
        const uint32_t want[8] = { 2, 3, 4, 5, 6, 0, 14, 15 };
        huff_enc_entry enc[8];

        huff_canon_enc_table(lens, 8, enc);
        for (unsigned s = 0; s < 8; s++)
                TEST_ASSERT(codeword(enc, s, lens[s]) == want[s] && (enc[s] & 0xff) == lens[s],
                            "symbol %c: %#x/%u", 'A' + s, enc[s] >> 8, enc[s] & 0xff);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Decoder table */

static void dec_table_decodes_every_codeword_case(void)
{
        struct code c;
        struct rng r;
        huff_enc_entry enc[256];
        static huff_dec_entry dt[HUFF_DEC_TABLE_MAX];
        unsigned logs[2];

        code_for_seed(&c, STREAM + 3, test_seed);
        rng_seed(&r, STREAM + 4, test_seed);
        huff_canon_enc_table(c.lens, c.num_syms, enc);
        logs[0] = c.longest;                             /* the decoder's choice */
        logs[1] = (unsigned)rng_range(&r, c.longest, 15); /* any larger */

        for (unsigned t = 0; t < 2; t++) {
                unsigned tl = logs[t];
                uint32_t size = 1u << tl;

                for (uint32_t i = 0; i < size; i++)
                        dt[i] = 0xffff;         /* no valid entry looks like this */
                huff_canon_dec_table(c.lens, c.num_syms, tl, dt);

                /* Every symbol: its reversed codeword under random high bits. */
                for (unsigned s = 0; s < c.num_syms; s++) {
                        unsigned l = c.lens[s];

                        if (!l)
                                continue;
                        for (unsigned k = 0; k < 8; k++) {
                                uint32_t hi = (uint32_t)rng_below(&r, size >> l);
                                uint32_t idx = (enc[s] >> 8) | hi << l;

                                TEST_ASSERT(dt[idx] == (huff_dec_entry)(s << 8 | l),
                                            "table_log %u, symbol %u len %u, index %#x: "
                                            "entry %#x", tl, s, l, idx, dt[idx]);
                        }
                }
                /* Every entry: a used symbol whose reversed codeword is the
                 * entry's low bits (so no entry was left unfilled). */
                for (uint32_t i = 0; i < size; i++) {
                        unsigned s = dt[i] >> 8, l = dt[i] & 0xff;

                        TEST_ASSERT(s < c.num_syms && l >= 1 && l == c.lens[s],
                                    "table_log %u, index %#x: entry %#x", tl, i, dt[i]);
                        TEST_ASSERT((i & ((1u << l) - 1)) == enc[s] >> 8,
                                    "table_log %u, index %#x: symbol %u's codeword %#x",
                                    tl, i, s, enc[s] >> 8);
                }
                /* Nothing written past the table. */
                if (size < HUFF_DEC_TABLE_MAX) {
                        dt[size] = 0x1234;
                        huff_canon_dec_table(c.lens, c.num_syms, tl, dt);
                        ck_assert_uint_eq(dt[size], 0x1234);
                }
        }
}

START_TEST(dec_table_decodes_every_codeword)
{
        FOR_EACH_SEED(8)
                dec_table_decodes_every_codeword_case();
}
END_TEST

/* huff_canon_sort: every symbol once, the unused first, then by length and
 * within a length by symbol; the counts those of the lengths. */
static void sort_is_canonical_order_case(void)
{
        struct code c;
        uint8_t sorted[256];
        unsigned count[HUFF_CODE_LEN_MAX + 1], want[HUFF_CODE_LEN_MAX + 1] = { 0 };
        unsigned seen[256] = { 0 };

        code_for_seed(&c, STREAM + 5, test_seed);
        huff_canon_sort(c.lens, c.num_syms, sorted, count);
        for (unsigned s = 0; s < c.num_syms; s++)
                want[c.lens[s]]++;
        for (unsigned l = 0; l <= HUFF_CODE_LEN_MAX; l++)
                TEST_ASSERT(count[l] == want[l], "length %u: %u, not %u", l, count[l], want[l]);
        for (unsigned i = 0; i < c.num_syms; i++) {
                TEST_ASSERT(sorted[i] < c.num_syms && !seen[sorted[i]], "place %u", i);
                seen[sorted[i]] = 1;
                if (i > 0) {
                        unsigned a = sorted[i - 1], b = sorted[i];
                        /* (length, symbol) in increasing order */
                        unsigned ka = c.lens[a] * 256u + a, kb = c.lens[b] * 256u + b;

                        TEST_ASSERT(ka < kb, "places %u and %u: %u (length %u), %u (length %u)",
                                    i - 1, i, a, c.lens[a], b, c.lens[b]);
                }
        }
}

START_TEST(sort_is_canonical_order)
{
        FOR_EACH_SEED(8)
                sort_is_canonical_order_case();
}
END_TEST

/* huff_bitrev against the plain definition, bit by bit: every n up to
 * 16, every 16-bit value, with bits above them that must be ignored. */
START_TEST(bitrev_reverses_low_bits)
{
        for (unsigned n = 0; n <= 16; n++) {
                for (uint32_t v = 0; v < 0x10000; v++) {
                        uint32_t want = 0;

                        for (unsigned i = 0; i < n; i++)
                                want |= (v >> i & 1) << (n - 1 - i);
                        ck_assert_uint_eq(huff_bitrev(v | 0xabc00000u, n), want);
                }
        }
}
END_TEST

int main(void)
{
        Suite *s = suite_create("canonical");
        TCase *tc = tcase_create("canonical");

        tcase_add_test(tc, bitrev_reverses_low_bits);
        tcase_add_loop_test(tc, check_accepts_complete_codes, 0, 8);
        tcase_add_loop_test(tc, check_rejects_broken_codes, 0, 8);
        tcase_add_test(tc, check_edge_cases);
        tcase_add_loop_test(tc, enc_table_prefix_free_and_canonical, 0, 8);
        tcase_add_test(tc, enc_table_rfc1951_example);
        tcase_add_loop_test(tc, dec_table_decodes_every_codeword, 0, 8);
        tcase_add_loop_test(tc, sort_is_canonical_order, 0, 8);
        tcase_set_timeout(tc, 30);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
