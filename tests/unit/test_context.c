/*
 * test_context.c - context blocks as the encoder makes them: the model
 * builder's contract, the payload it writes, and the frames of levels 7
 * to 9 (their version, their size against level 6, threads)
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "block_split.h"
#include "block_state.h"
#include "canonical.h"
#include "context_model.h"
#include "huff.h"
#include "testutil.h"

#define STREAM 0x637478ull

/*
 * Bytes from a random order-1 source: each previous byte has a handful of
 * likely successors, so the order-1 entropy is far below order 0 and
 * context blocks pay.
 */
static void gen_markov(struct rng *r, uint8_t *dst, size_t n, unsigned alphabet)
{
        uint8_t next[256][4];
        uint8_t prev = 0;

        for (unsigned c = 0; c < 256; c++)
                for (unsigned k = 0; k < 4; k++)
                        next[c][k] = (uint8_t)rng_below(r, alphabet);
        for (size_t i = 0; i < n; i++) {
                uint64_t u = rng_below(r, 16);

                /* 1/2, 1/4, 1/8, 1/16 and 1/16 for any of the alphabet */
                prev = u < 8 ? next[prev][0] : u < 12 ? next[prev][1] : u < 14 ? next[prev][2] :
                       u < 15 ? next[prev][3] : (uint8_t)rng_below(r, alphabet);
                dst[i] = prev;
        }
}

static int complete(const uint8_t *lens, unsigned *longest)
{
        return huff_canon_check(lens, 256, HUFF_CODE_LEN_MAX, longest) == HUFF_OK;
}

/* Everything FORMAT.md 9 asks of a model, for src. */
static void check_model(const struct huff_ctx_model *m, const uint8_t *src, size_t n,
                        unsigned max_len)
{
        unsigned named[HUFF_CTX_CODES_MAX] = { 0 };
        size_t s;

        ck_assert_uint_ge(m->codes, HUFF_CTX_CODES_MIN);
        ck_assert_uint_le(m->codes, HUFF_CTX_CODES_MAX);
        ck_assert_uint_eq(m->streams, n >= 4096 ? 8 : 1);
        ck_assert_uint_le((size_t)m->streams * m->streams, n);
        for (unsigned c = 0; c < 256; c++) {
                ck_assert_uint_lt(m->map[c], m->codes);
                named[m->map[c]]++;
        }
        for (unsigned k = 0; k < m->codes; k++) {
                unsigned longest;

                ck_assert_uint_gt(named[k], 0);
                ck_assert(complete(m->lens[k], &longest));
                ck_assert_uint_le(longest, max_len < HUFF_CTX_LEN_MAX ? max_len : HUFF_CTX_LEN_MAX);
        }
        /* Every byte has a codeword in the code its context selects. */
        s = (n + m->streams - 1) / m->streams;
        for (size_t i = 0; i < n; i++) {
                uint8_t ctx = i % s == 0 ? m->start[i / s] : src[i - 1];

                ck_assert_uint_gt(m->lens[m->map[ctx]][src[i]], 0);
        }
        ck_assert_uint_lt(m->desc_size, m->payload_size);
}

/* Build, check, write, and decode back with the block decoder. */
/* may_fail: src may be too random for a payload smaller than itself
 * (then SIZE_MAX, checked against raw's size). */
static size_t round_trip_or_not(struct huff_ctx_scratch *s, const uint8_t *src, size_t n,
                                unsigned effort, unsigned max_len, int may_fail)
{
        struct huff_ctx_model *m = xmalloc(sizeof(*m)), *again = xmalloc(sizeof(*again));
        struct huff_block_decoder *bd = xmalloc(sizeof(*bd));
        struct huff_block_header h = { HUFF_BLOCK_CONTEXT, 0, (uint32_t)n, 0 };
        uint8_t *payload, *out, *end;
        size_t size = huff_ctx_model_build(s, src, n, effort, max_len, m);

        if (may_fail && size == SIZE_MAX) {
                free(bd);
                free(again);
                free(m);
                return n;
        }
        ck_assert_uint_ne(size, SIZE_MAX);
        ck_assert_uint_lt(size, n);
        ck_assert_uint_eq(size, m->payload_size);
        check_model(m, src, n, max_len);
        /* The same arguments, the same model. */
        ck_assert_uint_eq(huff_ctx_model_build(s, src, n, effort, max_len, again), size);
        ck_assert_uint_eq(again->codes, m->codes);
        ck_assert_mem_eq(again->map, m->map, 256);
        ck_assert_mem_eq(again->lens, m->lens, m->codes * sizeof(m->lens[0]));

        payload = xmalloc(size + 8);
        end = huff_ctx_model_write(m, src, n, payload);
        ck_assert_uint_eq((size_t)(end - payload), size);
        ck_assert_uint_eq(payload[0] & 0x1f, m->codes - 1);
        h.payload_size = (uint32_t)size;
        memset(bd, 0, sizeof(*bd));
        out = xmalloc(n);
        ck_assert_int_eq(huff_type_context_decode(bd, &h, guarded_copy(payload, size), out),
                         HUFF_OK);
        ck_assert_mem_eq(out, src, n);
        free(out);
        free(payload);
        free(bd);
        free(again);
        free(m);
        return size;
}

static size_t round_trip(struct huff_ctx_scratch *s, const uint8_t *src, size_t n,
                         unsigned effort, unsigned max_len)
{
        return round_trip_or_not(s, src, n, effort, max_len, 0);
}

START_TEST(models_are_valid_and_decode)
{
        static const size_t sizes[] = { 256, 300, 1000, 4095, 4096, 50000, 131072, 1u << 20 };
        struct huff_ctx_scratch *s;
        struct rng r;
        size_t n = sizes[_i % HUFF_ARRAY_SIZE(sizes)];
        uint8_t *src = xmalloc(n);

        ck_assert_int_eq(huff_ctx_scratch_create(&s), HUFF_OK);
        rng_seed(&r, STREAM, (uint64_t)_i);
        gen_markov(&r, src, n, _i % 3 == 0 ? 256 : _i % 3 == 1 ? 40 : 3);
        for (unsigned effort = 1; effort <= 3; effort++) {
                size_t size = round_trip_or_not(s, src, n, effort, 11, _i % 3 == 0);

                /* An order-1 source of this kind: well below a byte. */
                if (n >= 4096 && _i % 3 != 0)
                        ck_assert_uint_lt(size, n / 2);
        }
        round_trip_or_not(s, src, n, 3, 8, _i % 3 == 0);
        round_trip_or_not(s, src, n, 3, 15, _i % 3 == 0);
        huff_ctx_scratch_free(s);
        free(src);
}
END_TEST

/* Blocks no context block can code: too short, or a single context. */
START_TEST(no_model_where_none_can_pay)
{
        struct huff_ctx_scratch *s;
        struct huff_ctx_model *m = xmalloc(sizeof(*m));
        uint8_t buf[4096];
        struct rng r;

        ck_assert_int_eq(huff_ctx_scratch_create(&s), HUFF_OK);
        rng_seed(&r, STREAM + 1, 0);
        gen_markov(&r, buf, sizeof(buf), 40);
        ck_assert_uint_eq(huff_ctx_model_build(s, buf, 255, 3, 11, m), SIZE_MAX);
        memset(buf, 'a', sizeof(buf));
        ck_assert_uint_eq(huff_ctx_model_build(s, buf, sizeof(buf), 3, 11, m), SIZE_MAX);
        /* Two contexts (a after b, b after a): a model, two one-symbol
         * codes each with its unused second codeword. */
        for (size_t i = 0; i < sizeof(buf); i++)
                buf[i] = i % 2 ? 'a' : 'b';
        ck_assert_uint_ne(huff_ctx_model_build(s, buf, sizeof(buf), 3, 11, m), SIZE_MAX);
        ck_assert_uint_eq(m->codes, 2);
        round_trip(s, buf, sizeof(buf), 3, 11);
        /* A byte value found only first, which no pair counts after a
         * context: a code must still give it a codeword to start from. */
        gen_markov(&r, buf, sizeof(buf), 40);
        buf[0] = 200;
        round_trip(s, buf, 256, 3, 11);
        round_trip(s, buf, sizeof(buf), 1, 8);
        huff_ctx_scratch_free(s);
        free(m);
}
END_TEST

static uint8_t *compress(const uint8_t *src, size_t n, unsigned level, unsigned threads,
                         size_t *size)
{
        struct huff_params p;
        size_t cap = huff_compress_bound(n);
        uint8_t *dst = xmalloc(cap);

        huff_params_init(&p);
        p.level = level;
        p.threads = threads;
        ck_assert_int_eq(huff_compress(dst, cap, size, src, n, &p), HUFF_OK);
        return dst;
}

/* Decodes to src; returns the number of context blocks. */
static uint64_t decode_check(const uint8_t *comp, size_t size, const uint8_t *src, size_t n)
{
        struct huff_decoder *d;
        struct huff_stats st;
        uint8_t *out = xmalloc(n + 1);
        struct huff_inbuf in = { comp, size, 0 };
        struct huff_outbuf o = { out, n + 1, 0 };

        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        ck_assert_int_eq(huff_decoder_feed(d, &o, &in), HUFF_OK);
        ck_assert_int_eq(huff_decoder_finish(d), HUFF_OK);
        ck_assert_uint_eq(o.pos, n);
        ck_assert_mem_eq(out, src, n);
        huff_decoder_stats(d, &st);
        huff_decoder_free(d);
        free(out);
        return st.blocks_by_type[HUFF_BLOCK_CONTEXT];
}

enum kind { MARKOV, RANDOM, RANDOM_THEN_MARKOV, MARKOV_THEN_RANDOM, KINDS };

static uint8_t *make(enum kind k, uint64_t seed, size_t *n)
{
        struct rng r;
        size_t seg = HUFF_SEGMENT_SIZE, half;
        uint8_t *src;

        rng_seed(&r, STREAM + 2, seed);
        *n = k == MARKOV ? (size_t)rng_range(&r, 1, 3 * seg) : 2 * seg + 12345;
        half = k == MARKOV ? *n : seg + 1000;
        src = xmalloc(*n);
        switch (k) {
        case MARKOV:
                gen_markov(&r, src, *n, 64);
                break;
        case RANDOM:
                gen_uniform(&r, src, *n);
                break;
        case RANDOM_THEN_MARKOV:
                gen_uniform(&r, src, half);
                gen_markov(&r, src + half, *n - half, 64);
                break;
        case MARKOV_THEN_RANDOM:
                gen_markov(&r, src, half, 64);
                gen_uniform(&r, src + half, *n - half);
                break;
        case KINDS:
                break;
        }
        return src;
}

/*
 * A frame is version 2 exactly when its first segment has a context block
 * (FORMAT.md 6), and then only: data whose first segment gains nothing
 * stays readable by every version 1 decoder, and has no context block.
 * Levels 1 to 6 never write version 2.  No level 7 to 9 frame is larger
 * than level 6's, and every thread count writes the same bytes.
 */
START_TEST(frame_versions_sizes_and_threads)
{
        enum kind k = (enum kind)(_i % KINDS);
        size_t n, s6, s9, st;
        uint8_t *src = make(k, (uint64_t)_i, &n), *c6, *c9;
        int v2 = k == MARKOV || k == MARKOV_THEN_RANDOM;

        c6 = compress(src, n, 6, 1, &s6);
        ck_assert_uint_eq(c6[4], 1);
        ck_assert_uint_eq(decode_check(c6, s6, src, n), 0);
        for (unsigned level = 7; level <= 9; level++) {
                c9 = compress(src, n, level, 1, &s9);
                ck_assert_uint_eq(c9[4], v2 ? 2 : 1);
                if (v2)
                        ck_assert_uint_gt(decode_check(c9, s9, src, n), 0);
                else
                        ck_assert_uint_eq(decode_check(c9, s9, src, n), 0);
                ck_assert_uint_le(s9, s6);
                if (k == MARKOV)
                        ck_assert_uint_lt(s9, s6 - s6 / 8);
                for (unsigned t = 2; t <= 4; t++) {
                        uint8_t *ct = compress(src, n, level, t, &st);

                        ck_assert_uint_eq(st, s9);
                        ck_assert_mem_eq(ct, c9, s9);
                        free(ct);
                }
                free(c9);
        }
        free(c6);
        free(src);
}
END_TEST

/* The streaming encoder, fed and drained a few bytes at a time, writes
 * what the one-shot call writes: the header that waits for the first
 * segment's version comes out in front whatever the buffers. */
START_TEST(streaming_in_small_pieces)
{
        struct rng r;
        size_t n, size, cap;
        uint8_t *src, *want, *got;
        struct huff_params p;
        struct huff_encoder *e;
        struct huff_outbuf out;
        size_t pending, step;

        rng_seed(&r, STREAM + 3, (uint64_t)_i);
        n = _i == 0 ? 0 : (size_t)rng_range(&r, 1, 300000);
        src = xmalloc(n + 1);
        gen_markov(&r, src, n, 64);
        want = compress(src, n, 9, (unsigned)(1 + _i % 2), &size);
        huff_params_init(&p);
        p.level = 9;
        p.threads = (unsigned)(1 + _i % 2);
        p.content_size = n;             /* as the one-shot call records it */
        cap = huff_compress_bound(n);
        got = xmalloc(cap);
        ck_assert_int_eq(huff_encoder_create(&e, &p), HUFF_OK);
        out = (struct huff_outbuf){ got, 0, 0 };
        step = (size_t)rng_range(&r, 1, 5000);
        for (size_t at = 0; at < n;) {
                struct huff_inbuf in = { src + at, HUFF_MIN(step, n - at), 0 };

                out.size = HUFF_MIN(out.pos + 7, cap);
                ck_assert_int_eq(huff_encoder_feed(e, &out, &in), HUFF_OK);
                at += in.pos;
        }
        do {
                out.size = HUFF_MIN(out.pos + 7, cap);
                ck_assert_int_eq(huff_encoder_finish(e, &out, &pending), HUFF_OK);
        } while (pending);
        huff_encoder_free(e);
        ck_assert_uint_eq(out.pos, size);
        ck_assert_mem_eq(got, want, size);
        free(got);
        free(want);
        free(src);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("context");
        TCase *tc = tcase_create("context");

        tcase_set_timeout(tc, 300);
        tcase_add_loop_test(tc, models_are_valid_and_decode, 0, 16);
        tcase_add_test(tc, no_model_where_none_can_pay);
        tcase_add_loop_test(tc, frame_versions_sizes_and_threads, 0, 2 * KINDS);
        tcase_add_loop_test(tc, streaming_in_small_pieces, 0, 6);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
