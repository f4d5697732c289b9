/*
 * test_stream.c - the public API: one-shot and streaming coding of frames
 *
 * Round trips at the sizes around a block (0, 1, block-1, block, block+1,
 * several blocks) for every block size class and code limit; the streaming
 * calls fed through random small buffers must give the one-shot output
 * byte for byte; and every way a caller or an input can go wrong gets its
 * status: trailing garbage, an empty input, a small dst, a broken pledge,
 * calls out of order, damaged frames.  Compressed inputs are decoded from
 * buffers that end at an unmapped page, into buffers of exactly the
 * expected size that end at one too.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "huff.h"
#include "block.h"
#include "frame.h"
#include "testutil.h"

enum { STREAM = 0x57e4 };

static struct huff_params params(uint32_t block_size, unsigned max_code_len)
{
        struct huff_params p;

        huff_params_init(&p);
        p.block_size = block_size;
        p.max_code_len = max_code_len;
        return p;
}

/* Compress with huff_compress into a fresh buffer of huff_compress_bound()
 * bytes; returns it and its size. */
static uint8_t *compress(const uint8_t *src, size_t n, const struct huff_params *p,
                         size_t *csize)
{
        size_t bound = huff_compress_bound(n);
        uint8_t *dst = xmalloc(bound);
        enum huff_status s;

        ck_assert_uint_gt(bound, n);
        *csize = 12345;
        s = huff_compress(dst, bound, csize, src, n, p);
        ck_assert_msg(s == HUFF_OK, "huff_compress of %zu bytes: %s", n, huff_strerror(s));
        ck_assert_uint_le(*csize, bound);
        return dst;
}

/* huff_decompress from a guarded copy into a guarded dst of exactly n bytes,
 * and compare with src. */
static void expect_decompress(const uint8_t *comp, size_t csize, const uint8_t *src, size_t n,
                              const char *what)
{
        uint8_t *in = guarded_copy(comp, csize), *out = alloc_guarded_buffer(n);
        size_t dsize = 12345, at;
        enum huff_status s = huff_decompress(out, n, &dsize, in, csize);

        ck_assert_msg(s == HUFF_OK, "%s: %s", what, huff_strerror(s));
        ck_assert_msg(dsize == n, "%s: %zu bytes decoded, want %zu", what, dsize, n);
        at = first_diff(out, src, n);
        ck_assert_msg(at == n, "%s: differs at %zu of %zu", what, at, n);
        free_guarded_buffer(in, csize);
        free_guarded_buffer(out, n);
}

static const uint32_t block_sizes[] = { 256, 4096, 128u << 10, 1u << 20 };

/* For each block size and limit: 0, 1, block-1, block, block+1 and a few
 * blocks and a bit, of data of a random kind. */
static void round_trip_block_edges_case(void)
{
        uint32_t bs = block_sizes[test_seed / 8];
        unsigned limit = HUFF_CODE_LEN_MIN + (unsigned)(test_seed % 8);
        struct huff_params p = params(bs, limit);
        struct rng r;
        size_t sizes[6] = { 0, 1, bs - 1, bs, bs + 1, 0 };

        rng_seed(&r, STREAM, test_seed);
        sizes[5] = (size_t)rng_range(&r, 2, bs >= (1u << 20) ? 2 : 5) * bs +
                   (size_t)rng_range(&r, 1, bs - 1);
        for (unsigned k = 0; k < 6; k++) {
                size_t n = sizes[k], csize;
                uint8_t *src = xmalloc(n), *comp;
                char what[96];
                const char *kind = gen_any(&r, src, n);

                comp = compress(src, n, &p, &csize);
                snprintf(what, sizeof(what), "%zu bytes of %s, block %u, limit %u",
                         n, kind, bs, limit);
                expect_decompress(comp, csize, src, n, what);
                free(comp);
                free(src);
        }
}

START_TEST(round_trip_block_edges)
{
        FOR_EACH_SEED(4)
                round_trip_block_edges_case();
}
END_TEST

/* Several megabytes at the defaults, skewed and uniform. */
START_TEST(round_trip_megabytes)
{
        struct rng r;
        const size_t n = (size_t)6 << 20;
        uint8_t *src = xmalloc(n), *comp;
        size_t csize;

        rng_seed(&r, STREAM + 1, (uint64_t)_i);
        if (_i == 0)
                gen_skewed(&r, src, n, 0.8);
        else
                gen_uniform(&r, src, n);
        comp = compress(src, n, NULL, &csize);
        if (_i == 0)
                ck_assert_uint_lt(csize, n / 2);
        expect_decompress(comp, csize, src, n, _i == 0 ? "6 MiB skewed" : "6 MiB uniform");
        free(comp);
        free(src);
}
END_TEST

/* Incompressible data costs only its block headers: 10 MB grows < 0.1%. */
START_TEST(random_data_barely_grows)
{
        struct rng r;
        const size_t n = (size_t)10 << 20;
        uint8_t *src = xmalloc(n), *comp;
        size_t csize;

        rng_seed(&r, STREAM + 2, 0);
        gen_uniform(&r, src, n);
        comp = compress(src, n, NULL, &csize);
        printf("stream: 10 MiB random -> %zu bytes (+%zu)\n", csize, csize - n);
        ck_assert_uint_ge(csize, n);
        ck_assert_uint_lt(csize - n, n / 1000);
        expect_decompress(comp, csize, src, n, "10 MiB random");
        free(comp);
        free(src);
}
END_TEST

/* 1 MB of one byte: rle blocks, well under a kilobyte. */
START_TEST(one_byte_compresses)
{
        const size_t n = (size_t)1 << 20;
        uint8_t *src = xmalloc(n), *comp;
        size_t csize;

        gen_run(src, n, (uint8_t)(_i * 97));
        comp = compress(src, n, NULL, &csize);
        if (_i == 0)
                printf("stream: 1 MiB of one byte -> %zu bytes\n", csize);
        ck_assert_uint_lt(csize, 1024);
        expect_decompress(comp, csize, src, n, "1 MiB of one byte");
        free(comp);
        free(src);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Bounds and small buffers */

START_TEST(compress_bound_holds)
{
        struct rng r;
        size_t prev = 0;

        /* Monotonic, and 0 when it does not fit. */
        for (size_t n = 0; n < 5000; n += 7) {
                size_t b = huff_compress_bound(n);

                ck_assert_uint_ge(b, prev);
                ck_assert_uint_gt(b, n);
                prev = b;
        }
        ck_assert_uint_eq(huff_compress_bound(SIZE_MAX), 0);
        ck_assert_uint_eq(huff_compress_bound(SIZE_MAX - 10), 0);
        ck_assert_uint_gt(huff_compress_bound(SIZE_MAX / 2), SIZE_MAX / 2);

        /* The worst case: incompressible data in the smallest blocks, with a
         * content size of the longest varint the size can have. */
        rng_seed(&r, STREAM + 3, 0);
        for (unsigned k = 0; k < 40; k++) {
                size_t n = k < 8 ? k : (size_t)rng_range(&r, 1, 300000), csize;
                uint8_t *src = xmalloc(n);
                struct huff_params p = params(HUFF_BLOCK_SIZE_MIN, 8);

                gen_uniform(&r, src, n);
                free(compress(src, n, &p, &csize));     /* asserts csize <= bound */
                free(src);
        }
}
END_TEST

/* One byte short of the output, in either direction: DST_TOO_SMALL, and
 * nothing written past the capacity (the buffers end at unmapped pages). */
static void dst_too_small_case(void)
{
        struct rng r;
        size_t n, csize;
        uint8_t *src, *comp;
        struct huff_params p = params(4096, 11);

        rng_seed(&r, STREAM + 4, test_seed);
        n = test_seed == 0 ? 0 : (size_t)rng_range(&r, 1, 20000);
        src = xmalloc(n);
        gen_any(&r, src, n);
        comp = compress(src, n, &p, &csize);
        for (size_t cap = 0; cap < csize; cap += cap < 40 || cap + 40 > csize ? 1 : 97) {
                uint8_t *dst = alloc_guarded_buffer(cap);
                size_t got = 12345;
                enum huff_status s = huff_compress(dst, cap, &got, src, n, &p);

                ck_assert_msg(s == HUFF_ERR_DST_TOO_SMALL, "compress into %zu of %zu: %s",
                              cap, csize, huff_strerror(s));
                ck_assert_uint_le(got, cap);
                free_guarded_buffer(dst, cap);
        }
        {
                uint8_t *in = guarded_copy(comp, csize);

                for (size_t cap = 0; cap < n; cap += cap < 40 || cap + 40 > n ? 1 : 89) {
                        uint8_t *dst = alloc_guarded_buffer(cap);
                        size_t got = 12345;
                        enum huff_status s = huff_decompress(dst, cap, &got, in, csize);

                        ck_assert_msg(s == HUFF_ERR_DST_TOO_SMALL,
                                      "decompress into %zu of %zu: %s", cap, n,
                                      huff_strerror(s));
                        ck_assert_uint_le(got, cap);
                        /* What was written is the start of the data. */
                        ck_assert_uint_eq(first_diff(dst, src, got), got);
                        free_guarded_buffer(dst, cap);
                }
                free_guarded_buffer(in, csize);
        }
        free(comp);
        free(src);
}

START_TEST(dst_too_small)
{
        FOR_EACH_SEED(2)
                dst_too_small_case();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Streaming through small buffers */

/* A window of 1..max_chunk bytes, no more than left. */
static size_t window(struct rng *r, size_t left, size_t max_chunk)
{
        size_t w = (size_t)rng_range(r, 1, max_chunk);

        return w < left ? w : left;
}

/* Encode src through input and output windows of 1..max_chunk bytes. */
static uint8_t *stream_compress(struct rng *r, const struct huff_params *p, const uint8_t *src,
                                size_t n, size_t max_chunk, size_t *csize)
{
        struct huff_encoder *e = NULL;
        size_t cap = huff_compress_bound(n), written = 0, consumed = 0, pending;
        uint8_t *dst = xmalloc(cap);
        enum huff_status s;

        ck_assert_int_eq(huff_encoder_create(&e, p), HUFF_OK);
        ck_assert_ptr_nonnull(e);
        while (consumed < n) {
                struct huff_inbuf in = { src + consumed,
                                         window(r, n - consumed, max_chunk),
                                         0 };

                while (in.pos < in.size) {
                        struct huff_outbuf out = { dst + written,
                                window(r, cap - written, max_chunk), 0 };
                        size_t before = in.pos;

                        s = huff_encoder_feed(e, &out, &in);
                        TEST_ASSERT(s == HUFF_OK, "feed: %s", huff_strerror(s));
                        TEST_ASSERT(in.pos > before || out.pos > 0, "feed made no progress");
                        TEST_ASSERT(out.pos <= out.size && in.pos <= in.size, "positions");
                        written += out.pos;
                }
                consumed += in.size;
        }
        do {
                struct huff_outbuf out = { dst + written,
                        window(r, cap - written, max_chunk), 0 };

                s = huff_encoder_finish(e, &out, &pending);
                TEST_ASSERT(s == HUFF_OK, "finish: %s", huff_strerror(s));
                TEST_ASSERT(out.pos > 0 || pending == 0, "finish made no progress");
                written += out.pos;
        } while (pending);
        huff_encoder_free(e);
        *csize = written;
        return dst;
}

/* Decode comp through windows of 1..max_chunk bytes into dst[0..cap). */
static size_t stream_decompress(struct rng *r, const uint8_t *comp, size_t csize, uint8_t *dst,
                                size_t cap, size_t max_chunk, struct huff_stats *st)
{
        struct huff_decoder *d = NULL;
        size_t written = 0, consumed = 0;
        enum huff_status s;

        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        while (consumed < csize) {
                size_t len = window(r, csize - consumed, max_chunk);
                uint8_t *g = guarded_copy(comp + consumed, len);
                struct huff_inbuf in = { g, len, 0 };

                for (;;) {
                        struct huff_outbuf out = { dst + written,
                                window(r, cap - written, max_chunk), 0 };
                        size_t before = in.pos;

                        s = huff_decoder_feed(d, &out, &in);
                        TEST_ASSERT(s == HUFF_OK, "decoder feed at %zu: %s", consumed + in.pos,
                                    huff_strerror(s));
                        written += out.pos;
                        /* Input all taken and room left: nothing held back. */
                        if (in.pos == in.size && out.pos < out.size)
                                break;
                        if (written == cap && in.pos == in.size)
                                break;  /* anything held back: finish says so */
                        TEST_ASSERT(in.pos > before || out.pos > 0 || out.size == 0,
                                    "decoder made no progress at %zu", consumed + in.pos);
                        TEST_ASSERT(out.size > 0 || in.pos > before,
                                    "output full with input left at %zu", consumed + in.pos);
                }
                free_guarded_buffer(g, len);
                consumed += len;
        }
        s = huff_decoder_finish(d);
        TEST_ASSERT(s == HUFF_OK, "decoder finish: %s", huff_strerror(s));
        if (st)
                huff_decoder_stats(d, st);
        huff_decoder_free(d);
        return written;
}

/* The streaming encoder gives the one-shot frame byte for byte (when told
 * the content size, which huff_compress records); the streaming decoder
 * gives the data back, through any windows. */
static void streaming_matches_one_shot_case(void)
{
        struct rng r;
        struct huff_params p;
        size_t n, csize, ssize, dsize;
        uint8_t *src, *comp, *scomp, *dst;
        const char *kind;
        size_t max_chunk;

        rng_seed(&r, STREAM + 5, test_seed);
        p = params(test_seed % 4 == 0 ? 256 : (uint32_t)rng_range(&r, 256, 70000),
                   (unsigned)rng_range(&r, 8, 15));
        max_chunk = test_seed % 3 == 0 ? 16 : 1000;
        n = test_seed == 1 ? 0 : (size_t)rng_range(&r, 1, max_chunk * 300);
        src = xmalloc(n);
        kind = gen_any(&r, src, n);
        comp = compress(src, n, &p, &csize);

        p.content_size = n;
        scomp = stream_compress(&r, &p, src, n, max_chunk, &ssize);
        ck_assert_msg(ssize == csize && memcmp(scomp, comp, csize) == 0,
                      "%zu bytes of %s, block %u: streamed frame of %zu bytes differs from "
                      "the one-shot %zu at %zu", n, kind, p.block_size, ssize, csize,
                      first_diff(scomp, comp, HUFF_MIN(csize, ssize)));
        free(scomp);

        dst = alloc_guarded_buffer(n);
        dsize = stream_decompress(&r, comp, csize, dst, n, max_chunk, NULL);
        ck_assert_uint_eq(dsize, n);
        ck_assert_uint_eq(first_diff(dst, src, n), n);
        free_guarded_buffer(dst, n);

        /* Without a pledged size the frame differs only in its header. */
        p.content_size = HUFF_CONTENT_SIZE_UNKNOWN;
        scomp = stream_compress(&r, &p, src, n, max_chunk, &ssize);
        ck_assert_uint_lt(ssize, csize);
        expect_decompress(scomp, ssize, src, n, "streamed, no content size");
        free(scomp);

        free(comp);
        free(src);
}

START_TEST(streaming_matches_one_shot)
{
        FOR_EACH_SEED(3)
                streaming_matches_one_shot_case();
}
END_TEST

/* Input cut in two at every position: headers, tables and payloads split
 * across calls (a block header split after its tag once overflowed the
 * decoder's header buffer: fb2bd76). */
START_TEST(split_anywhere)
{
        struct rng r;
        const size_t n = 1500;
        uint8_t src[1500], out[1500], *comp;
        size_t csize;
        struct huff_params p = params(256, 11);
        struct huff_decoder *d;

        rng_seed(&r, STREAM + 14, (uint64_t)_i);
        gen_text(&r, src, n);
        if (_i)
                gen_skewed(&r, src + 700, 300, 0.5);
        comp = compress(src, n, &p, &csize);
        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        for (size_t k = 0; k <= csize; k++) {
                struct huff_outbuf o = { out, n, 0 };
                struct huff_inbuf a = { guarded_small(comp, k), k, 0 };
                enum huff_status s;

                huff_decoder_reset(d);
                s = huff_decoder_feed(d, &o, &a);
                TEST_ASSERT(s == HUFF_OK && a.pos == k, "split at %zu: %s", k, huff_strerror(s));
                struct huff_inbuf b = { guarded_small(comp + k, csize - k), csize - k, 0 };

                s = huff_decoder_feed(d, &o, &b);
                TEST_ASSERT(s == HUFF_OK && b.pos == b.size, "split at %zu: %s", k,
                            huff_strerror(s));
                s = huff_decoder_finish(d);
                TEST_ASSERT(s == HUFF_OK, "split at %zu: finish: %s", k, huff_strerror(s));
                TEST_ASSERT(o.pos == n && memcmp(out, src, n) == 0, "split at %zu: output", k);
        }
        huff_decoder_free(d);
        free(comp);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Frames in a row, and what may follow them */

static void concatenated_frames_case(void)
{
        struct rng r;
        size_t sizes[4], csizes[4], total = 0, ctotal = 0, dsize;
        uint8_t *srcs[4], *comps[4], *all, *call, *out;
        struct huff_stats st;

        rng_seed(&r, STREAM + 6, test_seed);
        for (unsigned k = 0; k < 4; k++) {
                struct huff_params p = params((uint32_t)rng_range(&r, 256, 1u << 20),
                                              (unsigned)rng_range(&r, 8, 15));

                sizes[k] = k == 2 ? 0 : (size_t)rng_range(&r, 1, 100000);  /* an empty one */
                srcs[k] = xmalloc(sizes[k]);
                gen_any(&r, srcs[k], sizes[k]);
                comps[k] = compress(srcs[k], sizes[k], &p, &csizes[k]);
                total += sizes[k];
                ctotal += csizes[k];
        }
        all = xmalloc(total);
        call = xmalloc(ctotal);
        total = ctotal = 0;
        for (unsigned k = 0; k < 4; k++) {
                memcpy(all + total, srcs[k], sizes[k]);
                memcpy(call + ctotal, comps[k], csizes[k]);
                total += sizes[k];
                ctotal += csizes[k];
        }
        expect_decompress(call, ctotal, all, total, "4 frames");

        out = alloc_guarded_buffer(total);
        dsize = stream_decompress(&r, call, ctotal, out, total, 1000, &st);
        ck_assert_uint_eq(dsize, total);
        ck_assert_uint_eq(first_diff(out, all, total), total);
        ck_assert_uint_eq(st.frames, 4);
        ck_assert_uint_eq(st.compressed_bytes, ctotal);
        ck_assert_uint_eq(st.decompressed_bytes, total);
        free_guarded_buffer(out, total);

        for (unsigned k = 0; k < 4; k++) {
                free(srcs[k]);
                free(comps[k]);
        }
        free(all);
        free(call);
}

START_TEST(concatenated_frames)
{
        FOR_EACH_SEED(2)
                concatenated_frames_case();
}
END_TEST

/* Bytes after the last frame that cannot start one: TRAILING_DATA, with
 * every frame's bytes delivered.  A prefix of the magic is a frame cut
 * short: TRUNCATED. */
static void trailing_garbage_case(void)
{
        struct rng r;
        size_t n, csize, glen, dsize;
        uint8_t *src, *comp, *in, *out;
        enum huff_status s;

        rng_seed(&r, STREAM + 7, test_seed);
        n = (size_t)rng_range(&r, 0, 50000);
        src = xmalloc(n);
        gen_any(&r, src, n);
        comp = compress(src, n, NULL, &csize);
        glen = (size_t)rng_range(&r, 1, 100);
        in = alloc_guarded_buffer(csize + glen);
        memcpy(in, comp, csize);
        gen_uniform(&r, in + csize, glen);
        if (in[csize] == HUFF_MAGIC0)
                in[csize] = 0;
        out = alloc_guarded_buffer(n + 64);
        dsize = 12345;
        s = huff_decompress(out, n + 64, &dsize, in, csize + glen);
        ck_assert_msg(s == HUFF_ERR_TRAILING_DATA, "%zu garbage bytes: %s", glen, huff_strerror(s));
        ck_assert_uint_eq(dsize, n);
        ck_assert_uint_eq(first_diff(out, src, n), n);
        free_guarded_buffer(in, csize + glen);

        /* A lone 0x89 or "\x89H": the start of a frame that never came. */
        for (size_t k = 1; k <= 3; k++) {
                in = alloc_guarded_buffer(csize + k);
                memcpy(in, comp, csize);
                memcpy(in + csize, "\x89HUF", k);
                s = huff_decompress(out, n + 64, &dsize, in, csize + k);
                ck_assert_msg(s == HUFF_ERR_TRUNCATED, "magic prefix of %zu after a frame: %s",
                              k, huff_strerror(s));
                free_guarded_buffer(in, csize + k);
        }
        free_guarded_buffer(out, n + 64);
        free(comp);
        free(src);
}

START_TEST(trailing_garbage)
{
        FOR_EACH_SEED(4)
                trailing_garbage_case();
}
END_TEST

/* After trailing data, compressed_bytes is the frames' size: not the byte
 * found not to start a frame, nor a prefix of the magic before it, even
 * fed a byte per call (huff -l listed 1 byte too many). */
START_TEST(trailing_data_not_counted)
{
        static const char *const junk[] = { "junk", "\211x", "\x89HU!" };   /* \211: 0x89 */
        uint8_t src[3000], out[4096], byte;
        struct huff_decoder *d = NULL;
        struct huff_stats st;
        struct rng r;
        size_t csize, i, len;
        uint8_t *comp, *in;
        enum huff_status s = HUFF_OK;

        rng_seed(&r, STREAM + 17, (uint64_t)_i);
        gen_skewed(&r, src, sizeof(src), 0.7);
        comp = compress(src, sizeof(src), NULL, &csize);
        len = csize + strlen(junk[_i]);
        in = xmalloc(len);
        memcpy(in, comp, csize);
        memcpy(in + csize, junk[_i], len - csize);
        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        for (i = 0; i < len && s == HUFF_OK; i++) {
                struct huff_inbuf ib = { &byte, 1, 0 };
                struct huff_outbuf ob = { out, sizeof(out), 0 };

                byte = in[i];
                s = huff_decoder_feed(d, &ob, &ib);
        }
        ck_assert_msg(s == HUFF_ERR_TRAILING_DATA, "%s", huff_strerror(s));
        huff_decoder_stats(d, &st);
        ck_assert_uint_eq(st.frames, 1);
        ck_assert_uint_eq(st.compressed_bytes, csize);
        ck_assert_uint_eq(st.decompressed_bytes, sizeof(src));
        huff_decoder_free(d);
        free(in);
        free(comp);
}
END_TEST

START_TEST(empty_and_not_huf)
{
        uint8_t out[16];
        size_t dsize = 12345;
        const uint8_t text[] = "hello, world\n";

        ck_assert_int_eq(huff_decompress(out, sizeof(out), &dsize, NULL, 0), HUFF_ERR_TRUNCATED);
        ck_assert_uint_eq(dsize, 0);
        ck_assert_int_eq(huff_decompress(out, sizeof(out), &dsize, text, 1), HUFF_ERR_BAD_MAGIC);
        ck_assert_int_eq(huff_decompress(out, sizeof(out), &dsize, text, sizeof(text)),
                         HUFF_ERR_BAD_MAGIC);
        ck_assert_int_eq(huff_decompress(NULL, 0, &dsize, NULL, 0), HUFF_ERR_TRUNCATED);
        ck_assert_int_eq(huff_decompress(out, sizeof(out), NULL, text, 1), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_decompress(out, sizeof(out), &dsize, NULL, 5), HUFF_ERR_PARAM);
}
END_TEST

/* A frame of another version is named as such from its fifth byte on, even
 * cut short: its header may be laid out in a way this version cannot read. */
START_TEST(other_version_named_early)
{
        const uint8_t v3[] = { 0x89, 'H', 'U', 'F', 0x03, 0x00, 0x00 };
        uint8_t out[16];
        size_t dsize;

        for (size_t n = 5; n <= sizeof(v3); n++)
                ck_assert_int_eq(huff_decompress(out, sizeof(out), &dsize, v3, n),
                                 HUFF_ERR_VERSION);
        ck_assert_int_eq(huff_decompress(out, sizeof(out), &dsize, v3, 4), HUFF_ERR_TRUNCATED);
}
END_TEST

/* Every strict prefix of a frame is an error, and the complete frame
 * decodes: the decoder knows where a frame ends. */
static void truncated_frames_case(void)
{
        struct rng r;
        size_t n, csize;
        uint8_t *src, *comp, *out;
        struct huff_params p = params(256, 11);

        rng_seed(&r, STREAM + 8, test_seed);
        n = (size_t)rng_range(&r, 0, 2000);
        src = xmalloc(n);
        gen_any(&r, src, n);
        comp = compress(src, n, &p, &csize);
        out = xmalloc(n);
        ck_assert_uint_le(csize, GUARDED_SMALL_MAX);
        for (size_t k = 0; k < csize; k++) {
                const uint8_t *in = guarded_small(comp, k);
                size_t dsize;
                enum huff_status s;

                s = huff_decompress(out, n, &dsize, in, k);
                TEST_ASSERT(s == HUFF_ERR_TRUNCATED, "frame of %zu cut to %zu: %s",
                            csize, k, huff_strerror(s));
        }
        free(out);
        free(comp);
        free(src);
}

START_TEST(truncated_frames)
{
        FOR_EACH_SEED(4)
                truncated_frames_case();
}
END_TEST

/* A damaged frame never decodes as good: what the block decoder lets
 * through, the content checksum catches. */
static void damaged_frames_detected_case(void)
{
        struct rng r;
        size_t n, csize;
        uint8_t *src, *comp, *bad, *out;
        struct huff_params p;
        unsigned status_seen[32] = { 0 };

        rng_seed(&r, STREAM + 9, test_seed);
        p = params((uint32_t)rng_range(&r, 1024, 16384), (unsigned)rng_range(&r, 8, 15));
        n = (size_t)rng_range(&r, 1, 60000);
        src = xmalloc(n);
        if (test_seed % 2)
                gen_text(&r, src, n);
        else
                gen_skewed(&r, src, n, 0.6);
        comp = compress(src, n, &p, &csize);
        bad = alloc_guarded_buffer(csize);
        out = alloc_guarded_buffer(n);
        for (unsigned k = 0; k < 400; k++) {
                size_t bit = (size_t)rng_below(&r, csize * 8), dsize;
                enum huff_status s;

                memcpy(bad, comp, csize);
                bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
                s = huff_decompress(out, n, &dsize, bad, csize);
                TEST_ASSERT(s != HUFF_OK, "%zu bytes, bit %zu of %zu flipped: decoded as good",
                            n, bit, csize * 8);
                TEST_ASSERT(dsize <= n, "dsize");
                status_seen[s < 32 ? s : 31]++;
        }
        if (test_seed == 0) {
                printf("stream: 400 bit flips in a %zu-byte frame:", csize);
                for (unsigned s = 0; s < 32; s++)
                        if (status_seen[s])
                                printf(" %s %u,", huff_strerror((enum huff_status)s),
                                       status_seen[s]);
                printf("\n");
        }
        free_guarded_buffer(bad, csize);
        free_guarded_buffer(out, n);
        free(comp);
        free(src);
}

START_TEST(damaged_frames_detected)
{
        FOR_EACH_SEED(2)
                damaged_frames_detected_case();
}
END_TEST

/* A frame cannot begin with a repeat block, not even after a frame that
 * had a code: each frame starts with no code (FORMAT.md "Block header").
 * The frame is put together here from a real repeat block, with a correct
 * checksum, so that nothing else is wrong with it. */
START_TEST(repeat_needs_a_code_in_its_frame)
{
        struct rng r;
        const size_t bs = 4096;
        uint8_t src[2 * 4096], *comp, *two, *out, *p;
        size_t csize, hsize, len;
        struct huff_params prm = params((uint32_t)bs, 11);
        struct huff_frame_header fh = { (uint32_t)bs, HUFF_CONTENT_SIZE_UNKNOWN, 1, 0, 0, HUFF_FORMAT_V1 };
        struct huff_block_header h;
        enum huff_status s;

        rng_seed(&r, STREAM + 15, 0);
        gen_skewed(&r, src, bs, 0.7);
        for (size_t k = 0; k < bs; k++)         /* reversed: same counts, a repeat */
                src[bs + k] = src[bs - 1 - k];
        comp = compress(src, 2 * bs, &prm, &csize);
        ck_assert_int_eq(huff_frame_parse_header(comp, csize, &fh, &hsize), HUFF_OK);
        /* Skip the first block, keep the second. */
        p = comp + hsize;
        ck_assert_int_eq(huff_block_header_parse(p, (uint32_t)bs, HUFF_FORMAT_V1, &h), HUFF_OK);
        ck_assert_int_eq(h.type, HUFF_BLOCK_HUFFMAN);
        p += HUFF_BLOCK_HEADER_SIZE + h.payload_size;
        ck_assert_int_eq(huff_block_header_parse(p, (uint32_t)bs, HUFF_FORMAT_V1, &h), HUFF_OK);
        ck_assert_int_eq(h.type, HUFF_BLOCK_REPEAT);
        len = HUFF_BLOCK_HEADER_SIZE + h.payload_size;

        /* Frame 1 as compressed, then frame 2: header, the repeat block, and
         * an end mark with the checksum of what it would decode to. */
        two = xmalloc(2 * csize + 64);
        memcpy(two, comp, csize);
        fh.content_size = HUFF_CONTENT_SIZE_UNKNOWN;
        size_t n2 = csize + huff_frame_write_header(two + csize, &fh);
        memcpy(two + n2, p, len);
        n2 += len;
        n2 += huff_frame_write_end(two + n2, 1, XXH3_64bits(src + bs, bs));

        out = xmalloc(3 * bs);
        s = huff_decompress(out, 3 * bs, &len, two, n2);
        ck_assert_msg(s == HUFF_ERR_CORRUPT, "repeat block first in frame 2: %s",
                      huff_strerror(s));
        /* Alone, the second frame is no better. */
        s = huff_decompress(out, 3 * bs, &len, two + csize, n2 - csize);
        ck_assert_msg(s == HUFF_ERR_CORRUPT, "repeat block first in a frame: %s",
                      huff_strerror(s));
        free(out);
        free(two);
        free(comp);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Content size pledges */

START_TEST(content_size_pledge)
{
        struct rng r;
        const size_t n = 10000;
        uint8_t *src = xmalloc(n + 1), *dst;
        size_t cap = huff_compress_bound(n + 1), pending;
        struct huff_params p = params(4096, 11);
        struct huff_encoder *e;

        rng_seed(&r, STREAM + 10, 0);
        gen_text(&r, src, n + 1);
        dst = xmalloc(cap);

        /* One byte more than pledged. */
        p.content_size = n;
        ck_assert_int_eq(huff_encoder_create(&e, &p), HUFF_OK);
        {
                struct huff_inbuf in = { src, n + 1, 0 };
                struct huff_outbuf out = { dst, cap, 0 };

                ck_assert_int_eq(huff_encoder_feed(e, &out, &in), HUFF_ERR_CONTENT_SIZE);
                /* and the encoder stays failed */
                ck_assert_int_eq(huff_encoder_feed(e, &out, &in), HUFF_ERR_CONTENT_SIZE);
                ck_assert_int_eq(huff_encoder_finish(e, &out, &pending), HUFF_ERR_CONTENT_SIZE);
        }
        /* The excess in a second call. */
        ck_assert_int_eq(huff_encoder_reset(e, n), HUFF_OK);
        {
                struct huff_inbuf in = { src, n, 0 }, more = { src + n, 1, 0 };
                struct huff_outbuf out = { dst, cap, 0 };

                ck_assert_int_eq(huff_encoder_feed(e, &out, &in), HUFF_OK);
                ck_assert_int_eq(huff_encoder_feed(e, &out, &more), HUFF_ERR_CONTENT_SIZE);
        }
        /* One byte fewer. */
        ck_assert_int_eq(huff_encoder_reset(e, n), HUFF_OK);
        {
                struct huff_inbuf in = { src, n - 1, 0 };
                struct huff_outbuf out = { dst, cap, 0 };

                ck_assert_int_eq(huff_encoder_feed(e, &out, &in), HUFF_OK);
                ck_assert_int_eq(huff_encoder_finish(e, &out, &pending), HUFF_ERR_CONTENT_SIZE);
        }
        /* Nothing at all, pledged 0: a valid empty frame. */
        ck_assert_int_eq(huff_encoder_reset(e, 0), HUFF_OK);
        {
                struct huff_outbuf out = { dst, cap, 0 };
                size_t dsize;
                uint8_t one;

                ck_assert_int_eq(huff_encoder_finish(e, &out, &pending), HUFF_OK);
                ck_assert_uint_eq(pending, 0);
                ck_assert_int_eq(huff_decompress(&one, 1, &dsize, dst, out.pos), HUFF_OK);
                ck_assert_uint_eq(dsize, 0);
        }
        /* Exactly as pledged. */
        ck_assert_int_eq(huff_encoder_reset(e, n), HUFF_OK);
        {
                struct huff_inbuf in = { src, n, 0 };
                struct huff_outbuf out = { dst, cap, 0 };

                ck_assert_int_eq(huff_encoder_feed(e, &out, &in), HUFF_OK);
                ck_assert_int_eq(huff_encoder_finish(e, &out, &pending), HUFF_OK);
                ck_assert_uint_eq(pending, 0);
                expect_decompress(dst, out.pos, src, n, "as pledged");
        }
        huff_encoder_free(e);
        free(dst);
        free(src);
}
END_TEST

/* A frame whose header promises more or less than its blocks hold: the
 * decoder says CONTENT_SIZE (the header is rewritten with a valid check). */
START_TEST(content_size_mismatch_decoded)
{
        struct rng r;
        const size_t n = 5000;
        uint8_t src[5000], *comp, *bad, out[6000];
        size_t csize, hsize, dsize;
        struct huff_frame_header fh;
        struct huff_params p = params(1024, 11);

        rng_seed(&r, STREAM + 11, 0);
        gen_skewed(&r, src, n, 0.7);
        comp = compress(src, n, &p, &csize);
        ck_assert_int_eq(huff_frame_parse_header(comp, csize, &fh, &hsize), HUFF_OK);
        ck_assert_uint_eq(fh.content_size, n);
        bad = xmalloc(csize + 16);
        const uint64_t wrong[] = { 0, 1, n - 1000, n - 1, n + 1, n + 1000, UINT64_MAX - 1 };

        for (size_t k = 0; k < sizeof(wrong) / sizeof(wrong[0]); k++) {
                uint8_t hdr[HUFF_FRAME_HEADER_MAX];
                size_t newh, bsize;
                enum huff_status s;

                fh.content_size = wrong[k];
                newh = huff_frame_write_header(hdr, &fh);
                memcpy(bad, hdr, newh);
                memcpy(bad + newh, comp + hsize, csize - hsize);
                bsize = newh + csize - hsize;
                s = huff_decompress(out, sizeof(out), &dsize, bad, bsize);
                ck_assert_msg(s == HUFF_ERR_CONTENT_SIZE, "content size %llu for %zu bytes: %s",
                              (unsigned long long)wrong[k], n, huff_strerror(s));
        }
        free(bad);
        free(comp);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Calls out of order, parameters, names */

START_TEST(calls_after_finish)
{
        struct huff_encoder *e;
        uint8_t src[3000], dst[4000];
        size_t pending;
        struct huff_params p = params(1024, 11);
        struct rng r;

        rng_seed(&r, STREAM + 12, 0);
        gen_text(&r, src, sizeof(src));
        ck_assert_int_eq(huff_encoder_create(&e, &p), HUFF_OK);
        {
                struct huff_inbuf in = { src, sizeof(src), 0 };
                struct huff_outbuf out = { dst, sizeof(dst), 0 };

                ck_assert_int_eq(huff_encoder_feed(e, &out, &in), HUFF_OK);
                ck_assert_int_eq(huff_encoder_finish(e, &out, &pending), HUFF_OK);
                ck_assert_uint_eq(pending, 0);
                expect_decompress(dst, out.pos, src, sizeof(src), "before the stage errors");
                /* Feeding after the end: even nothing is out of order. */
                in.pos = 0;
                ck_assert_int_eq(huff_encoder_feed(e, &out, &in), HUFF_ERR_STAGE);
                in.pos = in.size;
                ck_assert_int_eq(huff_encoder_feed(e, &out, &in), HUFF_ERR_STAGE);
                /* Finishing again adds nothing. */
                size_t before = out.pos;

                ck_assert_int_eq(huff_encoder_finish(e, &out, &pending), HUFF_OK);
                ck_assert_uint_eq(pending, 0);
                ck_assert_uint_eq(out.pos, before);
        }
        /* A finish that could not write everything yet is still a finish:
         * with no room at all, even the frame header is still waiting. */
        ck_assert_int_eq(huff_encoder_reset(e, HUFF_CONTENT_SIZE_UNKNOWN), HUFF_OK);
        {
                struct huff_inbuf in = { src, sizeof(src), 0 };
                struct huff_outbuf none = { dst, 0, 0 };

                ck_assert_int_eq(huff_encoder_feed(e, &none, &in), HUFF_OK);
                ck_assert_uint_eq(in.pos, 0);
                ck_assert_int_eq(huff_encoder_finish(e, &none, &pending), HUFF_OK);
                ck_assert_uint_gt(pending, 0);
                ck_assert_int_eq(huff_encoder_feed(e, &none, &in), HUFF_ERR_STAGE);
                {
                        struct huff_outbuf out = { dst, sizeof(dst), 0 };

                        ck_assert_int_eq(huff_encoder_feed(e, &out, &in), HUFF_ERR_STAGE);
                        ck_assert_uint_eq(in.pos, 0);
                }
        }
        huff_encoder_free(e);
        huff_encoder_free(NULL);
        huff_decoder_free(NULL);
}
END_TEST

START_TEST(decoder_reset_after_error)
{
        struct huff_decoder *d;
        uint8_t src[1000], out[1000], *comp;
        size_t csize;
        struct huff_stats st;
        const uint8_t junk[] = "not a frame";

        memset(src, 'a', sizeof(src));
        src[500] = 'b';
        comp = compress(src, sizeof(src), NULL, &csize);
        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        {
                struct huff_inbuf in = { junk, sizeof(junk), 0 };
                struct huff_outbuf o = { out, sizeof(out), 0 };

                ck_assert_int_eq(huff_decoder_feed(d, &o, &in), HUFF_ERR_BAD_MAGIC);
                ck_assert_int_eq(huff_decoder_feed(d, &o, &in), HUFF_ERR_BAD_MAGIC);
                ck_assert_int_eq(huff_decoder_finish(d), HUFF_ERR_BAD_MAGIC);
        }
        huff_decoder_reset(d);
        {
                struct huff_inbuf in = { comp, csize, 0 };
                struct huff_outbuf o = { out, sizeof(out), 0 };

                ck_assert_int_eq(huff_decoder_finish(d), HUFF_ERR_TRUNCATED);  /* no frame yet */
                ck_assert_int_eq(huff_decoder_feed(d, &o, &in), HUFF_OK);
                ck_assert_int_eq(huff_decoder_finish(d), HUFF_OK);
                ck_assert_uint_eq(o.pos, sizeof(src));
                ck_assert(memcmp(out, src, sizeof(src)) == 0);
        }
        huff_decoder_stats(d, &st);
        ck_assert_uint_eq(st.frames, 1);
        ck_assert_uint_eq(st.compressed_bytes, csize);
        huff_decoder_free(d);
        free(comp);
}
END_TEST

START_TEST(params_checked)
{
        static char dummy;              /* *e must be set to NULL on failure */
        struct huff_params p, q;
        struct huff_encoder *e;
        uint8_t dst[256], src[4] = "abc";
        size_t dsize;

        huff_params_init(&p);
        ck_assert_uint_eq(p.max_code_len, HUFF_CODE_LEN_DEFAULT);
        ck_assert_uint_eq(p.block_size, HUFF_BLOCK_SIZE_AUTO);
        ck_assert_uint_eq(huff_params_block_size(&p), HUFF_BLOCK_SIZE_DEFAULT);
        ck_assert_int_eq(p.level, HUFF_LEVEL_DEFAULT);
        ck_assert_uint_eq(p.content_size, HUFF_CONTENT_SIZE_UNKNOWN);
        ck_assert_int_eq(huff_params_check(&p), HUFF_OK);
        ck_assert_int_eq(huff_params_check(NULL), HUFF_ERR_PARAM);

#define BAD(field, value) do {                                                  \
        q = p;                                                                  \
        q.field = (value);                                                      \
        ck_assert_msg(huff_params_check(&q) == HUFF_ERR_PARAM, #field " = " #value); \
        ck_assert_int_eq(huff_compress(dst, sizeof(dst), &dsize, src, 3, &q), HUFF_ERR_PARAM); \
        e = (struct huff_encoder *)(void *)&dummy;                              \
        ck_assert_int_eq(huff_encoder_create(&e, &q), HUFF_ERR_PARAM);          \
        ck_assert_ptr_null(e);                                                  \
} while (0)
#define GOOD(field, value) do {                                                 \
        q = p;                                                                  \
        q.field = (value);                                                      \
        ck_assert_msg(huff_params_check(&q) == HUFF_OK, #field " = " #value);   \
} while (0)

        BAD(max_code_len, HUFF_CODE_LEN_MIN - 1);
        BAD(max_code_len, HUFF_CODE_LEN_MAX + 1);
        BAD(max_code_len, 0);
        BAD(max_code_len, 255);
        GOOD(max_code_len, HUFF_CODE_LEN_MIN);
        GOOD(max_code_len, HUFF_CODE_LEN_MAX);
        BAD(block_size, HUFF_BLOCK_SIZE_MIN - 1);
        BAD(block_size, HUFF_BLOCK_SIZE_MAX + 1);
        GOOD(block_size, HUFF_BLOCK_SIZE_AUTO);
        BAD(block_size, UINT32_MAX);
        GOOD(block_size, HUFF_BLOCK_SIZE_MIN);
        GOOD(block_size, HUFF_BLOCK_SIZE_MAX);
        BAD(level, HUFF_LEVEL_MIN - 1);
        BAD(level, HUFF_LEVEL_MAX + 1);
        BAD(level, -1);
        GOOD(level, HUFF_LEVEL_MIN);
        GOOD(level, HUFF_LEVEL_MAX);
        GOOD(content_size, 0);
#undef BAD
#undef GOOD

        ck_assert_int_eq(huff_encoder_create(NULL, &p), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_decoder_create(NULL), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_compress(dst, sizeof(dst), NULL, src, 3, &p), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_compress(NULL, 10, &dsize, src, 3, &p), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_compress(dst, sizeof(dst), &dsize, NULL, 3, &p), HUFF_ERR_PARAM);
        /* NULL params are the defaults. */
        ck_assert_int_eq(huff_encoder_create(&e, NULL), HUFF_OK);
        huff_encoder_free(e);
        ck_assert_uint_eq(huff_version_number(), HUFF_VERSION_NUMBER);
        ck_assert_str_eq(huff_version_string(), HUFF_VERSION_STRING);
}
END_TEST

START_TEST(strerror_names_every_code)
{
        const char *names[HUFF_ERR_MODEL_VERSION + 1];

        for (int s = HUFF_OK; s <= HUFF_ERR_MODEL_VERSION; s++) {
                const char *m = huff_strerror((enum huff_status)s);
                size_t len;

                ck_assert_ptr_nonnull(m);
                len = strlen(m);
                ck_assert_msg(len > 0 && strcmp(m, "unknown error") != 0, "code %d unnamed", s);
                ck_assert_msg(m[len - 1] != '.' && m[len - 1] != '\n',
                              "code %d: \"%s\" ends in punctuation", s, m);
                ck_assert_msg(!(m[0] >= 'A' && m[0] <= 'Z'), "code %d: \"%s\" capitalised", s, m);
                for (int t = 0; t < s; t++)
                        ck_assert_msg(strcmp(names[t], m) != 0, "codes %d and %d: \"%s\"", t, s, m);
                names[s] = m;
        }
        ck_assert_str_eq(huff_strerror((enum huff_status)(HUFF_ERR_MODEL_VERSION + 1)),
                         "unknown error");
        ck_assert_str_eq(huff_strerror((enum huff_status)-1), "unknown error");
}
END_TEST

/* Blocks counted by type: a new code, the same statistics again, one byte,
 * random bytes; two frames. */
START_TEST(decoder_stats_by_type)
{
        struct rng r;
        const size_t bs = 4096, n = 4 * bs;
        uint8_t *src = xmalloc(n), *comp, *two, *out = xmalloc(2 * n);
        size_t csize, dsize;
        struct huff_params p = params((uint32_t)bs, 11);
        struct huff_stats st;

        rng_seed(&r, STREAM + 13, (uint64_t)_i);
        gen_skewed(&r, src, bs, 0.7);
        for (size_t k = 0; k < bs; k++)                 /* reversed: same counts */
                src[bs + k] = src[bs - 1 - k];
        gen_run(src + 2 * bs, bs, 'z');
        gen_uniform(&r, src + 3 * bs, bs);
        comp = compress(src, n, &p, &csize);
        two = xmalloc(2 * csize);
        memcpy(two, comp, csize);
        memcpy(two + csize, comp, csize);

        dsize = stream_decompress(&r, comp, csize, out, n, 1000, &st);
        ck_assert_uint_eq(dsize, n);
        ck_assert_uint_eq(st.frames, 1);
        ck_assert_uint_eq(st.blocks, 4);
        ck_assert_uint_eq(st.blocks_by_type[HUFF_BLOCK_HUFFMAN], 1);
        ck_assert_uint_eq(st.blocks_by_type[HUFF_BLOCK_REPEAT], 1);
        ck_assert_uint_eq(st.blocks_by_type[HUFF_BLOCK_RLE], 1);
        ck_assert_uint_eq(st.blocks_by_type[HUFF_BLOCK_RAW], 1);
        ck_assert_uint_eq(st.compressed_bytes, csize);
        ck_assert_uint_eq(st.decompressed_bytes, n);

        dsize = stream_decompress(&r, two, 2 * csize, out, 2 * n, 1 + (size_t)_i * 3000, &st);
        ck_assert_uint_eq(dsize, 2 * n);
        ck_assert_uint_eq(st.frames, 2);
        ck_assert_uint_eq(st.blocks, 8);
        for (unsigned t = 0; t < HUFF_BLOCK_TYPES_MAX; t++)     /* no model here */
                ck_assert_uint_eq(st.blocks_by_type[t], t == HUFF_BLOCK_MODEL || t > HUFF_BLOCK_MODEL ? 0 : 2);
        ck_assert_uint_eq(st.compressed_bytes, 2 * csize);
        ck_assert_uint_eq(st.decompressed_bytes, 2 * n);
        free(two);
        free(comp);
        free(out);
        free(src);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("stream");
        TCase *tc = tcase_create("stream");

        tcase_add_loop_test(tc, round_trip_block_edges, 0, 8);
        tcase_add_loop_test(tc, round_trip_megabytes, 0, 2);
        tcase_add_test(tc, random_data_barely_grows);
        tcase_add_loop_test(tc, one_byte_compresses, 0, 3);
        tcase_add_test(tc, compress_bound_holds);
        tcase_add_loop_test(tc, dst_too_small, 0, 3);
        tcase_add_loop_test(tc, streaming_matches_one_shot, 0, 8);
        tcase_add_loop_test(tc, split_anywhere, 0, 2);
        tcase_add_loop_test(tc, concatenated_frames, 0, 3);
        tcase_add_loop_test(tc, trailing_garbage, 0, 2);
        tcase_add_loop_test(tc, trailing_data_not_counted, 0, 3);
        tcase_add_test(tc, empty_and_not_huf);
        tcase_add_test(tc, other_version_named_early);
        tcase_add_loop_test(tc, truncated_frames, 0, 2);
        tcase_add_loop_test(tc, damaged_frames_detected, 0, 4);
        tcase_add_test(tc, repeat_needs_a_code_in_its_frame);
        tcase_add_test(tc, content_size_pledge);
        tcase_add_test(tc, content_size_mismatch_decoded);
        tcase_add_test(tc, calls_after_finish);
        tcase_add_test(tc, decoder_reset_after_error);
        tcase_add_test(tc, params_checked);
        tcase_add_test(tc, strerror_names_every_code);
        tcase_add_loop_test(tc, decoder_stats_by_type, 0, 2);
        tcase_set_timeout(tc, 120);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
