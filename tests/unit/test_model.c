/*
 * test_model.c - models: files, identifiers, and coding with a shared code
 *
 * FORMAT.md section 8 for the file, 3.1 (step 7) for the decoder's checks.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "huff.h"
#include "testutil.h"

#define STREAM 0x6d6f64656cull

/* A model of generated text, smoothed by 1/2, at the given limit. */
static struct huff_model *text_model(uint64_t seed, unsigned limit)
{
        struct rng r;
        uint8_t *buf = xmalloc(1 << 16);
        uint64_t counts[256];
        struct huff_model *m;

        rng_seed(&r, STREAM, seed);
        gen_text(&r, buf, 1 << 16);
        huff_histogram(buf, 1 << 16, counts);
        ck_assert_int_eq(huff_model_create(&m, counts, 1, 2, limit), HUFF_OK);
        free(buf);
        return m;
}

static size_t save(const struct huff_model *m, uint8_t *buf)
{
        size_t size;

        ck_assert_int_eq(huff_model_save(m, buf, huff_model_save_bound(), &size), HUFF_OK);
        ck_assert_uint_le(size, huff_model_save_bound());
        return size;
}

START_TEST(save_load_round_trip)
{
        uint8_t buf[4096], lens_a[256], lens_b[256];
        uint64_t qa[256], qb[256], ca[256], cb[256], na, nb, da, db;
        unsigned la, lb;
        struct huff_model *a = text_model((uint64_t)_i, 8 + (unsigned)_i % 8), *b;
        size_t size = save(a, buf);

        ck_assert_int_eq(huff_model_load(&b, buf, size), HUFF_OK);
        ck_assert_uint_eq(huff_model_id(a), huff_model_id(b));
        huff_model_lengths(a, lens_a);
        huff_model_lengths(b, lens_b);
        ck_assert_mem_eq(lens_a, lens_b, 256);
        huff_model_weights(a, qa);
        huff_model_weights(b, qb);
        ck_assert_mem_eq(qa, qb, sizeof(qa));
        huff_model_info(a, ca, &na, &da, &la);
        huff_model_info(b, cb, &nb, &db, &lb);
        ck_assert_mem_eq(ca, cb, sizeof(ca));
        ck_assert_uint_eq(na, nb);
        ck_assert_uint_eq(da, db);
        ck_assert_uint_eq(la, lb);
        /* Smoothing keeps every byte value codable: q_i = 2 c_i + 1. */
        for (int i = 0; i < 256; i++) {
                ck_assert_uint_eq(qa[i], 2 * ca[i] + 1);
                ck_assert_uint_gt(lens_a[i], 0);
                ck_assert_uint_le(lens_a[i], la);
        }
        huff_model_free(a);
        huff_model_free(b);
}
END_TEST

/* The identifier is the low 32 bits of XXH3-64 of the 256 lengths: equal
 * lengths, equal identifiers, whatever the counts (FORMAT.md 8). */
START_TEST(identifier_follows_the_lengths)
{
        uint64_t c1[256], c2[256];
        struct huff_model *a, *b, *c;

        for (int i = 0; i < 256; i++) {
                c1[i] = 1000;           /* uniform: every length 8 */
                c2[i] = 1001;
        }
        ck_assert_int_eq(huff_model_create(&a, c1, 0, 1, 11), HUFF_OK);
        ck_assert_int_eq(huff_model_create(&b, c2, 0, 1, 11), HUFF_OK);
        ck_assert_uint_eq(huff_model_id(a), huff_model_id(b));
        c2[0] = 100000;                 /* a different code */
        ck_assert_int_eq(huff_model_create(&c, c2, 0, 1, 11), HUFF_OK);
        ck_assert_uint_ne(huff_model_id(a), huff_model_id(c));
        huff_model_free(a);
        huff_model_free(b);
        huff_model_free(c);
}
END_TEST

START_TEST(create_rejects)
{
        uint64_t counts[256] = { 0 };
        struct huff_model *m = (struct huff_model *)&counts;   /* must become NULL */

        counts['a'] = 10;
        /* one byte value and no smoothing: no complete code */
        ck_assert_int_eq(huff_model_create(&m, counts, 0, 1, 11), HUFF_ERR_PARAM);
        ck_assert_ptr_null(m);
        ck_assert_int_eq(huff_model_create(&m, counts, 1, 0, 11), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_model_create(&m, counts, 1, 2, 7), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_model_create(&m, counts, 1, 2, 16), HUFF_ERR_PARAM);
        /* a count times alpha_den past 2^56, and one that would wrap 2^64 */
        counts['b'] = (uint64_t)1 << 55;
        ck_assert_int_eq(huff_model_create(&m, counts, 1, 4, 11), HUFF_ERR_PARAM);
        counts['b'] = (uint64_t)1 << 63;
        ck_assert_int_eq(huff_model_create(&m, counts, 1, 2, 11), HUFF_ERR_PARAM);
        /* with smoothing, one byte value is enough */
        counts['b'] = 0;
        ck_assert_int_eq(huff_model_create(&m, counts, 1, 2, 11), HUFF_OK);
        huff_model_free(m);
        huff_model_free(NULL);
}
END_TEST

/* Every truncation and every single-bit flip of a model file is refused,
 * with the error FORMAT.md 8's order gives. */
START_TEST(damaged_files_refused)
{
        uint8_t buf[4096], bad[4096];
        struct huff_model *a = text_model(7, 11), *b;
        size_t size = save(a, buf);
        enum huff_status s;

        for (size_t n = 0; n < size; n++) {
                s = huff_model_load(&b, guarded_small(buf, n), n);
                TEST_ASSERT(s == (n < 4 ? HUFF_ERR_BAD_MAGIC : HUFF_ERR_MODEL_FILE),
                            "model cut to %zu of %zu: %s", n, size, huff_strerror(s));
        }
        memcpy(bad, buf, size);
        bad[size] = 0;
        s = huff_model_load(&b, bad, size + 1);
        ck_assert_int_eq(s, HUFF_ERR_MODEL_FILE);          /* a byte too many */
        for (size_t bit = 0; bit < size * 8; bit++) {
                enum huff_status want = bit < 32 ? HUFF_ERR_BAD_MAGIC :
                                        bit < 40 ? HUFF_ERR_MODEL_VERSION : HUFF_ERR_MODEL_FILE;

                memcpy(bad, buf, size);
                bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
                s = huff_model_load(&b, guarded_small(bad, size), size);
                TEST_ASSERT(s == want, "bit %zu flipped: %s, want %s", bit, huff_strerror(s),
                            huff_strerror(want));
        }
        huff_model_free(a);
}
END_TEST

/* Compress pieces with a model and decode them; the checks of FORMAT.md
 * 3.1, step 7, each with its own error and the identifier wanted. */
START_TEST(coding_with_a_model)
{
        struct rng r;
        struct huff_model *m = text_model(11, 15), *other = text_model(12, 11);
        struct huff_params p;
        size_t n = 1024, cap = huff_compress_bound(n), with, without, dsize;
        uint8_t *src = xmalloc(n), *comp = xmalloc(cap), *plain = xmalloc(cap),
                *out = xmalloc(n);
        struct huff_decoder *d;
        struct huff_inbuf in;
        struct huff_outbuf ob = { out, n, 0 };
        struct huff_stats st;

        rng_seed(&r, STREAM + 1, 0);
        gen_text(&r, src, n);
        huff_params_init(&p);
        ck_assert_int_eq(huff_compress(plain, cap, &without, src, n, &p), HUFF_OK);
        p.model = m;
        ck_assert_int_eq(huff_compress(comp, cap, &with, src, n, &p), HUFF_OK);
        /* the model spares a 1 KiB piece its table */
        ck_assert_uint_lt(with, without);

        ck_assert_int_eq(huff_decompress_model(out, n, &dsize, comp, with, m), HUFF_OK);
        ck_assert_uint_eq(dsize, n);
        ck_assert_mem_eq(out, src, n);

        ck_assert_int_eq(huff_decompress(out, n, &dsize, comp, with), HUFF_ERR_MODEL_REQUIRED);
        ck_assert_int_eq(huff_decompress_model(out, n, &dsize, comp, with, other),
                         HUFF_ERR_MODEL_MISMATCH);
        ck_assert_int_eq(huff_decompress_model(out, n, &dsize, plain, without, m),
                         HUFF_ERR_MODEL_UNUSED);

        /* The decoder names the identifier it wanted, and counts model blocks. */
        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        in = (struct huff_inbuf){ comp, with, 0 };
        ck_assert_int_eq(huff_decoder_feed(d, &ob, &in), HUFF_ERR_MODEL_REQUIRED);
        ck_assert_uint_eq(huff_decoder_model_wanted(d), huff_model_id(m));
        huff_decoder_reset(d);
        /* reset forgets all state: no identifier from the last input */
        ck_assert_uint_eq(huff_decoder_model_wanted(d), 0);
        huff_decoder_set_model(d, m);
        in = (struct huff_inbuf){ comp, with, 0 };
        ob.pos = 0;
        ck_assert_int_eq(huff_decoder_feed(d, &ob, &in), HUFF_OK);
        ck_assert_int_eq(huff_decoder_finish(d), HUFF_OK);
        huff_decoder_stats(d, &st);
        ck_assert_uint_eq(st.blocks_by_type[HUFF_BLOCK_MODEL], 1);
        huff_decoder_free(d);
        huff_model_free(m);
        huff_model_free(other);
        free(src);
        free(comp);
        free(plain);
        free(out);
}
END_TEST

/* Feed all of src in pieces of `piece` bytes; out takes what is decoded.
 * Returns the last status and the bytes delivered in *got. */
static enum huff_status feed_pieces(struct huff_decoder *d, const uint8_t *src, size_t n,
                                    size_t piece, uint8_t *out, size_t cap, size_t *got)
{
        struct huff_outbuf ob = { out, cap, 0 };
        enum huff_status s = HUFF_OK;

        for (size_t at = 0; at < n && s == HUFF_OK; at += piece) {
                struct huff_inbuf in = { src + at, n - at < piece ? n - at : piece, 0 };

                while (s == HUFF_OK && in.pos < in.size)
                        s = huff_decoder_feed(d, &ob, &in);
        }
        /* threads: what is still in the runs */
        for (size_t before = ~(size_t)0; s == HUFF_OK && ob.pos != before;) {
                struct huff_inbuf none = { NULL, 0, 0 };

                before = ob.pos;
                s = huff_decoder_feed(d, &ob, &none);
        }
        *got = ob.pos;
        return s == HUFF_OK ? huff_decoder_finish(d) : s;
}

/* Skimming: a frame made with a model the decoder lacks is counted by its
 * headers, the same figures as decoding it with the model, and delivers
 * nothing; a frame without a model beside it decodes as ever.  Alone and
 * with threads (_i), fed in pieces that split every header. */
START_TEST(skim_frames_without_their_model)
{
        struct rng r;
        struct huff_model *m = text_model(13, 15);
        struct huff_params p;
        size_t n = 40000, cap = huff_compress_bound(n), a, b, got;
        uint8_t *src = xmalloc(n), *both = xmalloc(2 * cap), *out = xmalloc(2 * n);
        struct huff_decoder *d;
        struct huff_stats with, skim;

        rng_seed(&r, STREAM + 3, 0);
        gen_text(&r, src, n);
        huff_params_init(&p);
        p.block_size = 4096;
        p.model = m;
        ck_assert_int_eq(huff_compress(both, cap, &a, src, n, &p), HUFF_OK);
        p.model = NULL;
        ck_assert_int_eq(huff_compress(both + a, cap, &b, src, n, &p), HUFF_OK);

        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        ck_assert_int_eq(huff_decoder_set_threads(d, _i ? 4 : 1), HUFF_OK);
        huff_decoder_set_model(d, m);
        huff_decoder_skim_model_frames(d, 1);   /* a model given: no skimming */
        ck_assert_int_eq(feed_pieces(d, both, a, 7, out, 2 * n, &got), HUFF_OK);
        ck_assert_uint_eq(got, n);
        huff_decoder_stats(d, &with);
        ck_assert_uint_eq(with.frames_skimmed, 0);
        ck_assert_uint_gt(with.blocks_by_type[HUFF_BLOCK_MODEL], 0);

        huff_decoder_reset(d);
        huff_decoder_set_model(d, NULL);
        huff_decoder_skim_model_frames(d, 0);
        ck_assert_int_eq(feed_pieces(d, both, a + b, 7, out, 2 * n, &got),
                         HUFF_ERR_MODEL_REQUIRED);

        huff_decoder_reset(d);
        huff_decoder_skim_model_frames(d, 1);
        ck_assert_int_eq(feed_pieces(d, both, a, 7, out, 2 * n, &got), HUFF_OK);
        ck_assert_uint_eq(got, 0);
        huff_decoder_stats(d, &skim);
        ck_assert_uint_eq(skim.frames_skimmed, 1);
        skim.frames_skimmed = 0;
        ck_assert_mem_eq(&skim, &with, sizeof(skim));

        /* the model's frame, then one without: only the second delivers */
        huff_decoder_reset(d);
        ck_assert_int_eq(feed_pieces(d, both, a + b, 1000, out, 2 * n, &got), HUFF_OK);
        ck_assert_uint_eq(got, n);
        ck_assert_mem_eq(out, src, n);
        huff_decoder_stats(d, &skim);
        ck_assert_uint_eq(skim.frames, 2);
        ck_assert_uint_eq(skim.frames_skimmed, 1);
        ck_assert_uint_eq(skim.compressed_bytes, a + b);
        ck_assert_uint_eq(skim.decompressed_bytes, 2 * n);
        huff_decoder_free(d);
        huff_model_free(m);
        free(src);
        free(both);
        free(out);
}
END_TEST

/* A model without smoothing cannot code bytes its samples lacked: blocks
 * holding one carry their own code, and everything still round-trips. */
START_TEST(unsmoothed_model_falls_back)
{
        uint64_t counts[256] = { 0 };
        struct huff_model *m;
        struct huff_params p;
        uint8_t src[2048], out[2048], comp[4096];
        size_t csize, dsize;

        for (int i = 0; i < 2048; i++)
                src[i] = (uint8_t)("abcd"[i % 4]);
        src[1500] = 'z';                /* never seen in training */
        counts['a'] = counts['b'] = counts['c'] = counts['d'] = 10;
        ck_assert_int_eq(huff_model_create(&m, counts, 0, 1, 11), HUFF_OK);
        huff_params_init(&p);
        p.model = m;
        p.block_size = 1024;
        ck_assert_int_eq(huff_compress(comp, sizeof(comp), &csize, src, sizeof(src), &p), HUFF_OK);
        ck_assert_int_eq(huff_decompress_model(out, sizeof(out), &dsize, comp, csize, m), HUFF_OK);
        ck_assert_uint_eq(dsize, sizeof(src));
        ck_assert_mem_eq(out, src, sizeof(src));
        huff_model_free(m);
}
END_TEST

/* Frames without a checksum: 4 bytes shorter, and still decoded. */
START_TEST(frames_without_checksum)
{
        struct rng r;
        struct huff_params p;
        uint8_t src[5000], a[6000], b[6000], out[5000];
        size_t sa, sb, dsize;

        rng_seed(&r, STREAM + 2, 0);
        gen_text(&r, src, sizeof(src));
        huff_params_init(&p);
        ck_assert_int_eq(p.checksum, 1);
        ck_assert_int_eq(huff_compress(a, sizeof(a), &sa, src, sizeof(src), &p), HUFF_OK);
        p.checksum = 0;
        ck_assert_int_eq(huff_compress(b, sizeof(b), &sb, src, sizeof(src), &p), HUFF_OK);
        ck_assert_uint_eq(sb + 4, sa);
        ck_assert_int_eq(huff_decompress(out, sizeof(out), &dsize, b, sb), HUFF_OK);
        ck_assert_mem_eq(out, src, sizeof(src));
        p.checksum = 2;
        ck_assert_int_eq(huff_params_check(&p), HUFF_ERR_PARAM);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("model");
        TCase *tc = tcase_create("model");

        tcase_add_loop_test(tc, save_load_round_trip, 0, 8);
        tcase_add_test(tc, identifier_follows_the_lengths);
        tcase_add_test(tc, create_rejects);
        tcase_add_test(tc, damaged_files_refused);
        tcase_add_test(tc, coding_with_a_model);
        tcase_add_loop_test(tc, skim_frames_without_their_model, 0, 2);
        tcase_add_test(tc, unsmoothed_model_falls_back);
        tcase_add_test(tc, frames_without_checksum);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
