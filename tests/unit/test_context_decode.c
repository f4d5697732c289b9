/*
 * test_context_decode.c - huff_type_context_decode() (FORMAT.md 9), through
 * huff_block_decode(), on payloads that tests/unit/ctx_writer.c writes from
 * models chosen here
 *
 * Every payload is decoded from a copy of exactly its size into a block of
 * exactly its size, each ending at an unmapped page: a byte read or written
 * outside faults.  Round trips cover 1, 2, 4 and 8 streams, 2 to 32 codes,
 * sizes from S * S bytes (the least the format allows) to 1 MiB, maps of
 * every shape with arbitrary start contexts, and the three kinds of
 * multi-symbol table the decoder picks by size; every rule of FORMAT.md
 * 9.2 is broken on purpose and must give its own status; every truncation
 * and random damage must be rejected or decoded without a fault.  A
 * context block must leave the frame's current code alone, in a hand-made
 * version 2 frame too, decoded on one thread and on several.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huff.h"
#include "block.h"
#include "canonical.h"
#include "code_table.h"
#include "ctx_writer.h"
#include "frame.h"
#include "huffman_lengths.h"
#include "testutil.h"

enum { STREAM = 0xc0de };

static const unsigned stream_counts[] = { 1, 2, 4, 8 };

/* A payload as written, with its model and layout. */
struct payload {
        struct ctx_model m;
        struct ctx_layout lay;
        uint8_t *buf;
        size_t size;
};

static struct huff_block_decoder *new_decoder(void)
{
        struct huff_block_decoder *bd = xmalloc(sizeof(*bd));

        /* Garbage, not zeros, in what a context block must fill itself. */
        memset(bd, 0xa5, sizeof(*bd));
        bd->model = NULL;
        bd->have_code = 0;
        return bd;
}

/* A map of a random kind for codes codes; every code is named. */
static const char *random_map(struct rng *r, uint8_t map[256], unsigned codes,
                              const uint8_t *src, size_t n)
{
        switch (rng_below(r, 4)) {
        case 0:
                ctx_map_mod(map, codes);
                return "c % K";
        case 1:
                ctx_map_classes(map, codes);
                return "classes";
        case 2:
                ctx_map_frequent(map, codes, src, n);
                return "frequent";
        default: {
                /* Random codes, then for each code a context of its own. */
                uint8_t taken[256] = { 0 };

                for (unsigned c = 0; c < 256; c++)
                        map[c] = (uint8_t)rng_below(r, codes);
                for (unsigned k = 0; k < codes; k++) {
                        unsigned c = (unsigned)rng_below(r, 256);

                        while (taken[c])
                                c = (c + 1) % 256;
                        taken[c] = 1;
                        map[c] = (uint8_t)k;
                }
                return "random";
        }
        }
}

/* Write the payload of src[0..n) with the model set up in p->m but its
 * lengths, fitted here with limit max_len. */
static void payload_write(struct payload *p, const uint8_t *src, size_t n, unsigned max_len)
{
        ctx_model_fit(&p->m, src, n, max_len);
        p->buf = xmalloc(ctx_payload_room(n));
        p->size = ctx_payload_write(&p->m, src, n, p->buf, &p->lay);
}

/* A random model of codes codes and streams streams for src[0..n). */
static void payload_random(struct payload *p, struct rng *r, const uint8_t *src, size_t n,
                           unsigned codes, unsigned streams)
{
        memset(&p->m, 0, sizeof(p->m));
        p->m.codes = codes;
        p->m.streams = streams;
        p->m.explicit_map = rng_below(r, 4) == 0;
        random_map(r, p->m.map, codes, src, n);
        for (unsigned j = 0; j < HUFF_CTX_STREAMS_MAX; j++)
                p->m.start[j] = (uint8_t)rng_below(r, 256);
        payload_write(p, src, n, (unsigned)rng_range(r, 8, HUFF_CTX_LEN_MAX));
}

/* Decode payload[0..size) as a context block of n bytes, both guarded; the
 * block to free_guarded_buffer() in *out (NULL: freed here). */
static enum huff_status decode(struct huff_block_decoder *bd, const uint8_t *payload,
                               size_t size, size_t n, uint8_t **out)
{
        struct huff_block_header h = { HUFF_BLOCK_CONTEXT, 0, (uint32_t)n, (uint32_t)size };
        uint8_t *copy = size > GUARDED_SMALL_MAX ? guarded_copy(payload, size) : NULL;
        const uint8_t *src = copy ? copy : guarded_small(payload, size);
        uint8_t *dst = alloc_guarded_buffer(n);
        enum huff_status s;

        s = huff_block_decode(bd, &h, src, dst);
        if (copy)
                free_guarded_buffer(copy, size);
        if (out)
                *out = dst;
        else
                free_guarded_buffer(dst, n);
        return s;
}

/* Decode p and compare with src[0..n). */
static void expect_round_trip(struct huff_block_decoder *bd, const struct payload *p,
                              const uint8_t *src, size_t n, const char *what)
{
        uint8_t *out;
        enum huff_status s = decode(bd, p->buf, p->size, n, &out);
        size_t at;

        TEST_ASSERT(s == HUFF_OK, "%s, %zu bytes, K %u, S %u: %s", what, n, p->m.codes,
                    p->m.streams, huff_strerror(s));
        at = first_diff(out, src, n);
        TEST_ASSERT(at == n, "%s, %zu bytes, K %u, S %u: differs at %zu", what, n,
                    p->m.codes, p->m.streams, at);
        free_guarded_buffer(out, n);
}

/* Data of a random kind: text, or any of testutil's. */
static const char *random_data(struct rng *r, uint8_t *dst, size_t n)
{
        if (rng_below(r, 2)) {
                gen_text(r, dst, n);
                return "text";
        }
        return gen_any(r, dst, n);
}

/* ------------------------------------------------------------------------ */

/* Random sizes (log-uniform from S * S to 64 KiB), codes, streams, maps,
 * data, starts. */
static void round_trip_random_case(void)
{
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();

        rng_seed(&r, STREAM, test_seed);
        for (unsigned t = 0; t < 4; t++) {
                unsigned S = stream_counts[rng_below(&r, 4)];
                unsigned K = (unsigned)rng_range(&r, 2, HUFF_CTX_CODES_MAX);
                size_t n = S * S + rng_size(&r, 65536 - S * S);
                uint8_t *src = xmalloc(n);
                const char *what = random_data(&r, src, n);
                struct payload p;

                payload_random(&p, &r, src, n, K, S);
                expect_round_trip(bd, &p, src, n, what);
                free(p.buf);
                free(src);
        }
        free(bd);
}

START_TEST(round_trip_random)
{
        FOR_EACH_SEED(8)
                round_trip_random_case();
}
END_TEST

/* The smallest blocks each stream count allows, and the sizes around the
 * fast loops' limits: streams of fewer than 8 bytes, last streams shorter
 * than the others by 0 to S - 1 symbols. */
static void round_trip_edges_case(void)
{
        static const size_t extra[] = { 0, 1, 2, 7, 8, 9, 63, 64, 65, 200, 1000 };
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();
        unsigned S = stream_counts[test_seed % 4];

        rng_seed(&r, STREAM + 1, test_seed);
        for (size_t e = 0; e < HUFF_ARRAY_SIZE(extra); e++) {
                for (unsigned d = 0; d < S; d++) {
                        size_t n = S * S + extra[e] * S + d;
                        uint8_t *src = xmalloc(n);
                        const char *what = random_data(&r, src, n);
                        struct payload p;

                        payload_random(&p, &r, src, n, (unsigned)rng_range(&r, 2, 32), S);
                        expect_round_trip(bd, &p, src, n, what);
                        free(p.buf);
                        free(src);
                }
        }
        free(bd);
}

START_TEST(round_trip_edges)
{
        FOR_EACH_SEED(1)
                round_trip_edges_case();
}
END_TEST

/* Every code count with every stream count, on text; sizes around the
 * decoder's choices of one, two or three symbols a lookup (which depend on
 * the size against the tables' entries) and up to 1 MiB. */
static void round_trip_codes_case(void)
{
        static const size_t sizes[] = { 4096, 20000, 131072, 300000, HUFF_BLOCK_SIZE_MAX };
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();
        size_t n = sizes[test_seed % HUFF_ARRAY_SIZE(sizes)];
        uint8_t *src = xmalloc(n);

        rng_seed(&r, STREAM + 2, test_seed);
        gen_text(&r, src, n);
        for (unsigned K = 2; K <= HUFF_CTX_CODES_MAX; K += n >= 300000 ? 10 : 3) {
                struct payload p;

                payload_random(&p, &r, src, n, K, stream_counts[(K + test_seed) % 4]);
                expect_round_trip(bd, &p, src, n, "text");
                free(p.buf);
        }
        free(src);
        free(bd);
}

START_TEST(round_trip_codes)
{
        FOR_EACH_SEED(1)
                round_trip_codes_case();
}
END_TEST

/* Codes as short and as long as they get: two byte values (1-bit codes,
 * one symbol of which a code may not use), 256 of them at the 11-bit limit,
 * and a length limit of 1 to 11 on small alphabets. */
static void round_trip_code_shapes_case(void)
{
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();
        size_t n = 2000 + test_seed * 3000;
        uint8_t *src = xmalloc(n);

        rng_seed(&r, STREAM + 3, test_seed);
        for (unsigned limit = 1; limit <= HUFF_CTX_LEN_MAX; limit++) {
                unsigned values = 1u << (limit < 8 ? limit : 8);
                struct payload p;

                for (size_t i = 0; i < n; i++)
                        src[i] = (uint8_t)(rng_below(&r, values) * 7);
                memset(&p.m, 0, sizeof(p.m));
                p.m.codes = 2 + limit % 5;
                p.m.streams = stream_counts[limit % 4];
                ctx_map_mod(p.m.map, p.m.codes);
                for (unsigned j = 0; j < HUFF_CTX_STREAMS_MAX; j++)
                        p.m.start[j] = (uint8_t)rng_below(&r, 256);
                payload_write(&p, src, n, limit);
                expect_round_trip(bd, &p, src, n, "short alphabet");
                free(p.buf);
        }
        /* Skewed so that the 11-bit limit binds in every code. */
        gen_skewed(&r, src, n, 0.9);
        {
                struct payload p;

                payload_random(&p, &r, src, n, 5, 4);
                expect_round_trip(bd, &p, src, n, "skewed");
                free(p.buf);
        }
        free(src);
        free(bd);
}

START_TEST(round_trip_code_shapes)
{
        FOR_EACH_SEED(1)
                round_trip_code_shapes_case();
}
END_TEST

/* Codes of two 1-bit codewords: every lookup of the fast loops gives three
 * symbols, so every round fills its whole room, and the streams' lengths
 * (multiples of 15 symbols, a round's) make the last round end exactly at
 * each stream's end: the room a round needs is tested to the byte. */
static void three_symbols_to_the_end_case(void)
{
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();
        unsigned S = stream_counts[test_seed % 4];

        rng_seed(&r, STREAM + 10, test_seed);
        for (size_t rounds = 600; rounds < 600 + 8; rounds++) {
                size_t n = S * 15 * rounds - (test_seed / 4) * 15;
                uint8_t *src = xmalloc(n);
                struct payload p;

                for (size_t i = 0; i < n; i++)
                        src[i] = (uint8_t)(rng_below(&r, 2) + 'a');
                memset(&p.m, 0, sizeof(p.m));
                p.m.codes = 2;
                p.m.streams = S;
                ctx_map_mod(p.m.map, 2);
                memset(p.m.start, 'a', sizeof(p.m.start));
                payload_write(&p, src, n, 11);
                expect_round_trip(bd, &p, src, n, "1-bit codes");
                free(p.buf);
                free(src);
        }
        free(bd);
}

START_TEST(three_symbols_to_the_end)
{
        FOR_EACH_SEED(1)
                three_symbols_to_the_end_case();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* A context block leaves the frame's current code alone (FORMAT.md 3.3). */

static size_t encode_v1(struct huff_block_encoder *be, const uint8_t *src, size_t n,
                        uint8_t *dst, enum huff_block_type want)
{
        struct huff_block_info info;
        size_t size = huff_block_encode(be, src, n, dst, &info);

        ck_assert_int_eq(info.type, want);
        return size;
}

START_TEST(keeps_current_code)
{
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();
        struct huff_block_encoder be;
        size_t n = 20000, hsize, rsize;
        uint8_t *src = xmalloc(3 * n), *hblock = xmalloc(huff_block_room(n));
        uint8_t *rblock = xmalloc(huff_block_room(n));
        uint8_t *table = xmalloc(sizeof(bd->table)), lens[256];
        struct huff_block_header hh, rh;
        struct payload p;
        uint8_t *out;

        rng_seed(&r, STREAM + 4, _i);
        gen_text(&r, src, n);
        memcpy(src + 2 * n, src, n);            /* the repeat block's */
        gen_any(&r, src + n, n);                /* the context block's: other data */
        huff_block_encoder_init(&be, 11, NULL);
        hsize = encode_v1(&be, src, n, hblock, HUFF_BLOCK_HUFFMAN);
        rsize = encode_v1(&be, src + 2 * n, n, rblock, HUFF_BLOCK_REPEAT);
        ck_assert_int_eq(huff_block_header_parse(hblock, n, HUFF_FORMAT_V1, &hh), HUFF_OK);
        ck_assert_int_eq(huff_block_header_parse(rblock, n, HUFF_FORMAT_V1, &rh), HUFF_OK);
        ck_assert_uint_eq(hsize, HUFF_BLOCK_HEADER_SIZE + hh.payload_size);
        ck_assert_uint_eq(rsize, HUFF_BLOCK_HEADER_SIZE + rh.payload_size);

        out = alloc_guarded_buffer(n);
        ck_assert_int_eq(huff_block_decode(bd, &hh, hblock + HUFF_BLOCK_HEADER_SIZE, out),
                         HUFF_OK);
        ck_assert_int_eq(bd->have_code, 1);
        memcpy(table, bd->table, sizeof(bd->table));
        memcpy(lens, bd->lens, 256);

        payload_random(&p, &r, src + n, n, 32, 8);
        expect_round_trip(bd, &p, src + n, n, "the context block");
        ck_assert_int_eq(bd->have_code, 1);
        ck_assert(memcmp(table, bd->table, sizeof(bd->table)) == 0);
        ck_assert(memcmp(lens, bd->lens, 256) == 0);

        ck_assert_int_eq(huff_block_decode(bd, &rh, rblock + HUFF_BLOCK_HEADER_SIZE, out),
                         HUFF_OK);
        ck_assert(memcmp(out, src + 2 * n, n) == 0);

        /* And before any code: a repeat block after a context block still
         * finds none. */
        {
                struct huff_block_decoder *fresh = new_decoder();

                expect_round_trip(fresh, &p, src + n, n, "the context block");
                ck_assert_int_eq(huff_block_decode(fresh, &rh, rblock + HUFF_BLOCK_HEADER_SIZE,
                                                   out), HUFF_ERR_CORRUPT);
                free(fresh);
        }
        free_guarded_buffer(out, n);
        free(p.buf);
        free(table);
        free(rblock);
        free(hblock);
        free(src);
        free(bd);
}
END_TEST

/* A version 2 frame by hand: huffman, context, repeat, context, repeat
 * blocks (each context block of another model), through the streaming
 * decoder on one thread and on two. */
static uint8_t *v2_frame(struct rng *r, uint8_t *content, size_t n, size_t *size)
{
        struct huff_frame_header fh = { HUFF_BLOCK_SIZE_MAX, 5 * n, 0, 0, 0, HUFF_FORMAT_V2 };
        size_t cap = HUFF_FRAME_HEADER_MAX + 5 * huff_block_room(n) + 5 * ctx_payload_room(n) +
                     HUFF_END_SIZE, pos;
        uint8_t *f = xmalloc(cap);
        struct huff_block_encoder be;

        gen_text(r, content, n);
        memcpy(content + 2 * n, content, n);
        memcpy(content + 4 * n, content, n);
        gen_text(r, content + n, n);
        gen_skewed(r, content + 3 * n, n, 0.8);
        pos = huff_frame_write_header(f, &fh);
        huff_block_encoder_init(&be, 11, NULL);
        pos += encode_v1(&be, content, n, f + pos, HUFF_BLOCK_HUFFMAN);
        for (unsigned b = 1; b < 5; b++) {
                if (b % 2 == 0) {
                        pos += encode_v1(&be, content + b * n, n, f + pos, HUFF_BLOCK_REPEAT);
                } else {
                        struct payload p;

                        payload_random(&p, r, content + b * n, n,
                                       (unsigned)rng_range(r, 2, 32), stream_counts[b % 4]);
                        huff_block_header_write(f + pos, HUFF_BLOCK_CONTEXT, 0, (uint32_t)n,
                                                (uint32_t)p.size);
                        memcpy(f + pos + HUFF_BLOCK_HEADER_SIZE, p.buf, p.size);
                        pos += HUFF_BLOCK_HEADER_SIZE + p.size;
                        free(p.buf);
                }
        }
        pos += huff_frame_write_end(f + pos, 0, 0);
        ck_assert_uint_le(pos, cap);
        *size = pos;
        return f;
}

START_TEST(v2_frame_keeps_current_code)
{
        struct rng r;
        size_t n = 30000, size, dsize;
        uint8_t *content = xmalloc(5 * n), *frame, *in, *out;
        enum huff_status s;

        rng_seed(&r, STREAM + 5, _i);
        frame = v2_frame(&r, content, n, &size);
        in = guarded_copy(frame, size);
        out = alloc_guarded_buffer(5 * n);
        s = huff_decompress(out, 5 * n, &dsize, in, size);
        ck_assert_msg(s == HUFF_OK, "one shot: %s", huff_strerror(s));
        ck_assert_uint_eq(dsize, 5 * n);
        ck_assert(memcmp(out, content, 5 * n) == 0);

        for (unsigned threads = 1; threads <= 3; threads++) {
                struct huff_decoder *d;
                struct huff_inbuf ib = { in, size, 0 };
                struct huff_outbuf ob = { out, 5 * n, 0 };
                struct huff_stats st;

                memset(out, 0, 5 * n);
                ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
                ck_assert_int_eq(huff_decoder_set_threads(d, threads), HUFF_OK);
                ck_assert_int_eq(huff_decoder_feed(d, &ob, &ib), HUFF_OK);
                ib.pos = ib.size;       /* and an empty input: deliver the rest */
                ck_assert_int_eq(huff_decoder_feed(d, &ob, &ib), HUFF_OK);
                ck_assert_int_eq(huff_decoder_finish(d), HUFF_OK);
                ck_assert_uint_eq(ob.pos, 5 * n);
                ck_assert_msg(memcmp(out, content, 5 * n) == 0, "%u threads", threads);
                huff_decoder_stats(d, &st);
                ck_assert_uint_eq(st.blocks_by_type[HUFF_BLOCK_CONTEXT], 2);
                ck_assert_uint_eq(st.blocks_by_type[HUFF_BLOCK_REPEAT], 2);
                huff_decoder_free(d);
        }
        free_guarded_buffer(out, 5 * n);
        free_guarded_buffer(in, size);
        free(frame);
        free(content);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Each rule of FORMAT.md 9.2, broken on its own, with its status. */

/* A small valid payload to damage: text, K codes, S streams. */
static void small_payload(struct payload *p, uint8_t *src, size_t n, unsigned K, unsigned S,
                          uint64_t seed)
{
        struct rng r;

        rng_seed(&r, STREAM + 6, seed);
        gen_text(&r, src, n);
        memset(&p->m, 0, sizeof(p->m));
        p->m.codes = K;
        p->m.streams = S;
        ctx_map_classes(p->m.map, K);
        memset(p->m.start, ' ', sizeof(p->m.start));
        payload_write(p, src, n, 11);
}

static void expect_status(struct huff_block_decoder *bd, const uint8_t *buf, size_t size,
                          size_t n, enum huff_status want, const char *what)
{
        enum huff_status s = decode(bd, buf, size, n, NULL);

        ck_assert_msg(s == want, "%s: %s, not %s", what, huff_strerror(s), huff_strerror(want));
}

START_TEST(rejects_desc)
{
        struct huff_block_decoder *bd = new_decoder();
        size_t n = 3000;
        uint8_t *src = xmalloc(n);
        struct payload p;

        small_payload(&p, src, n, 7, 4, 1);
        expect_status(bd, p.buf, p.size, n, HUFF_OK, "the payload itself");
        p.buf[0] |= HUFF_CTX_DESC_RESERVED;
        expect_status(bd, p.buf, p.size, n, HUFF_ERR_CORRUPT, "desc bit 7");
        p.buf[0] = ctx_desc(1, 4);
        expect_status(bd, p.buf, p.size, n, HUFF_ERR_CORRUPT, "one code");
        /* S * S > n: 4 streams need 16 bytes, 8 need 64. */
        p.buf[0] = ctx_desc(7, 4);
        expect_status(bd, p.buf, p.size, 15, HUFF_ERR_CORRUPT, "4 streams of 15 bytes");
        p.buf[0] = ctx_desc(7, 8);
        expect_status(bd, p.buf, p.size, 63, HUFF_ERR_CORRUPT, "8 streams of 63 bytes");
        /* A payload of the desc byte alone ends inside the map. */
        p.buf[0] = ctx_desc(7, 4);
        expect_status(bd, p.buf, 1, n, HUFF_ERR_CORRUPT, "desc alone");
        free(p.buf);
        free(src);
        free(bd);
}
END_TEST

/* The payload p with its map replaced by map[] written for codes codes
 * (padding bits pad ORed into the map's last byte) and desc to match. */
static uint8_t *with_map(const struct payload *p, const uint8_t map[256], unsigned codes,
                         int explicit_map, unsigned pad, size_t *size)
{
        uint8_t mbuf[256], *buf = xmalloc(p->size + 256);
        size_t bits, msize = ctx_write_map(map, codes, explicit_map, mbuf, &bits);
        size_t rest = p->size - p->lay.tables;

        if (pad)
                mbuf[msize - 1] |= (uint8_t)pad;
        buf[0] = ctx_desc(codes, p->m.streams);
        memcpy(buf + 1, mbuf, msize);
        memcpy(buf + 1 + msize, p->buf + p->lay.tables, rest);
        *size = 1 + msize + rest;
        return buf;
}

START_TEST(rejects_map)
{
        struct huff_block_decoder *bd = new_decoder();
        size_t n = 3000, size;
        uint8_t *src = xmalloc(n), map[256], *buf;
        struct payload p;

        /* K = 3: code numbers of 2 bits, of which 3 is not a code. */
        small_payload(&p, src, n, 3, 2, 2);
        buf = with_map(&p, p.m.map, 3, 1, 0, &size);
        expect_status(bd, buf, size, n, HUFF_OK, "the map written out in full");
        free(buf);
        memcpy(map, p.m.map, 256);
        map[200] = 3;
        buf = with_map(&p, map, 3, 0, 0, &size);
        expect_status(bd, buf, size, n, HUFF_ERR_CORRUPT, "code 3 of 3");
        free(buf);
        /* Every context names code 0 or 1: code 2 is unused (the tables
         * are still three). */
        for (unsigned c = 0; c < 256; c++)
                map[c] = (uint8_t)(c & 1);
        buf = with_map(&p, map, 3, 0, 0, &size);
        expect_status(bd, buf, size, n, HUFF_ERR_CORRUPT, "code 2 unused");
        free(buf);
        /* A padding bit: in a map that ends inside a byte (the last
         * context given a code of its own until it does). */
        {
                uint8_t mbuf[256];
                size_t bits;

                memcpy(map, p.m.map, 256);
                for (unsigned k = 0; k < 3; k++) {
                        map[255] = (uint8_t)k;
                        ctx_write_map(map, 3, 0, mbuf, &bits);
                        if (bits % 8)
                                break;
                }
                ck_assert_uint_ne(bits % 8, 0);
                buf = with_map(&p, map, 3, 0, 0, &size);
                expect_status(bd, buf, size, n, HUFF_OK, "that map");
                free(buf);
                buf = with_map(&p, map, 3, 0, 0x80, &size);
                expect_status(bd, buf, size, n, HUFF_ERR_CORRUPT, "a padding bit");
                free(buf);
        }
        /* Code 2 named only by byte 0xff, which the text never has: the
         * streams decode the same without it, so that only the rule
         * rejects the map that no longer names it. */
        {
                struct payload q;

                memset(&q.m, 0, sizeof(q.m));
                q.m.codes = 3;
                q.m.streams = 2;
                ctx_map_mod(q.m.map, 2);
                q.m.map[0xff] = 2;
                memset(q.m.start, 'e', sizeof(q.m.start));
                payload_write(&q, src, n, 11);
                expect_status(bd, q.buf, q.size, n, HUFF_OK, "code 2 for byte 0xff");
                memcpy(map, q.m.map, 256);
                map[0xff] = 1;
                buf = with_map(&q, map, 3, 0, 0, &size);
                expect_status(bd, buf, size, n, HUFF_ERR_CORRUPT, "code 2 named by none");
                free(buf);
                free(q.buf);
        }
        /* The payload ends inside the map. */
        for (size_t cut = 1; cut < p.lay.tables; cut++)
                expect_status(bd, p.buf, cut, n, HUFF_ERR_CORRUPT, "cut inside the map");
        free(p.buf);
        free(src);
        free(bd);
}
END_TEST

START_TEST(rejects_tables)
{
        struct huff_block_decoder *bd = new_decoder();
        size_t n = 3000;
        uint8_t *src = xmalloc(n), *buf = xmalloc(n + 4096);
        struct payload p;
        size_t t1;

        small_payload(&p, src, n, 4, 2, 3);
        /* Ends right after the map, or inside any table. */
        for (size_t cut = p.lay.tables; cut < p.lay.starts; cut++)
                expect_status(bd, p.buf, cut, n, HUFF_ERR_CODE_LENGTHS, "cut in the tables");
        /* Code 1's table replaced by an incomplete code. */
        {
                uint8_t lens[256] = { 0 }, tbl[HUFF_MAX_TABLE_SIZE + 8];
                unsigned longest;
                size_t size0, pos, tsize;

                ck_assert_int_eq(huff_table_read(p.buf + p.lay.tables, p.size - p.lay.tables,
                                                 lens, &longest, &size0), HUFF_OK);
                t1 = p.lay.tables + size0;
                memcpy(buf, p.buf, t1);
                memset(lens, 0, sizeof(lens));
                lens['a'] = 1;
                lens['b'] = 2;          /* Kraft sum 3/4 */
                tsize = huff_table_write(lens, tbl);
                ck_assert_int_ne(huff_table_read(tbl, tsize, lens, &longest, &size0), HUFF_OK);
                memcpy(buf + t1, tbl, tsize);
                ck_assert_int_eq(huff_table_read(p.buf + t1, p.size - t1, lens, &longest,
                                                 &size0), HUFF_OK);
                pos = t1 + tsize;
                memcpy(buf + pos, p.buf + t1 + size0, p.size - t1 - size0);
                pos += p.size - t1 - size0;
                expect_status(bd, buf, pos, n, HUFF_ERR_CODE_LENGTHS, "an incomplete code");
        }
        free(p.buf);

        /* A code with a length of 12: valid in a huffman block, not here.
         * Code 1 follows only byte 0xff, which the text never has, so that
         * its lengths can be any: the stream needs none of its codewords. */
        {
                struct payload q;
                uint64_t counts[256] = { 0 };
                unsigned longest;

                memset(&q.m, 0, sizeof(q.m));
                q.m.codes = 2;
                q.m.streams = 1;
                q.m.map[0xff] = 1;
                q.m.start[0] = ' ';
                payload_write(&q, src, n, 11);
                expect_status(bd, q.buf, q.size, n, HUFF_OK, "code 1 unused by the data");
                /* Fibonacci counts make the optimal code 13 deep. */
                for (unsigned k = 0, f1 = 1, f2 = 1; k < 14; k++) {
                        unsigned t = f1 + f2;

                        counts['A' + k] = f1;
                        f1 = f2;
                        f2 = t;
                }
                ck_assert_int_eq(huff_lens_build(counts, 256, 12, q.m.lens[1]), HUFF_OK);
                ck_assert_int_eq(huff_canon_check(q.m.lens[1], 256, 15, &longest), HUFF_OK);
                ck_assert_uint_eq(longest, 12);
                q.size = ctx_payload_write(&q.m, src, n, q.buf, &q.lay);
                expect_status(bd, q.buf, q.size, n, HUFF_ERR_CODE_LENGTHS, "a 12-bit codeword");
                ck_assert_int_eq(huff_lens_build(counts, 256, 11, q.m.lens[1]), HUFF_OK);
                q.size = ctx_payload_write(&q.m, src, n, q.buf, &q.lay);
                expect_status(bd, q.buf, q.size, n, HUFF_OK, "the same code at 11 bits");
                free(q.buf);
        }
        free(buf);
        free(src);
        free(bd);
}
END_TEST

START_TEST(rejects_starts_and_jumps)
{
        struct huff_block_decoder *bd = new_decoder();
        size_t n = 5000;
        uint8_t *src = xmalloc(n), *buf = xmalloc(n + 4096);
        struct payload p;

        small_payload(&p, src, n, 5, 8, 5);
        /* Ends inside starts or jumps. */
        for (size_t cut = p.lay.starts; cut < p.lay.streams; cut++)
                expect_status(bd, p.buf, cut, n, HUFF_ERR_CORRUPT, "cut in starts or jumps");
        /* Sizes past the payload: the first by one more than there is. */
        memcpy(buf, p.buf, p.size);
        store_le24(buf + p.lay.jumps, (uint32_t)(p.size - p.lay.streams + 1));
        expect_status(bd, buf, p.size, n, HUFF_ERR_STREAM_SIZES, "stream 1 too long");
        /* Exactly all of it: the last stream is empty (and so corrupt). */
        store_le24(buf + p.lay.jumps, (uint32_t)(p.size - p.lay.streams));
        for (unsigned j = 1; j < 7; j++)
                store_le24(buf + p.lay.jumps + 3 * j, 0);
        expect_status(bd, buf, p.size, n, HUFF_ERR_CORRUPT, "empty streams");
        /* The sizes of all seven at the largest a u24 holds: the sum does
         * not wrap. */
        for (unsigned j = 0; j < 7; j++)
                store_le24(buf + p.lay.jumps + 3 * j, 0xffffff);
        expect_status(bd, buf, p.size, n, HUFF_ERR_STREAM_SIZES, "sizes of 2^24 - 1");
        /* Each stream cut short by a byte, or given one more (the next
         * loses it), or the last one a byte longer. */
        for (unsigned j = 0; j + 1 < 8; j++) {
                memcpy(buf, p.buf, p.size);
                store_le24(buf + p.lay.jumps + 3 * j, (uint32_t)(p.lay.stream_size[j] - 1));
                expect_status(bd, buf, p.size, n, HUFF_ERR_CORRUPT, "a stream a byte short");
                store_le24(buf + p.lay.jumps + 3 * j, (uint32_t)(p.lay.stream_size[j] + 1));
                expect_status(bd, buf, p.size, n, HUFF_ERR_CORRUPT, "a stream a byte long");
        }
        memcpy(buf, p.buf, p.size);
        buf[p.size] = 0;
        expect_status(bd, buf, p.size + 1, n, HUFF_ERR_CORRUPT, "a whole unused byte");
        free(p.buf);
        free(buf);
        free(src);
        free(bd);
}
END_TEST

/* Non-zero padding in each stream that has padding. */
START_TEST(rejects_stream_padding)
{
        struct huff_block_decoder *bd = new_decoder();
        size_t n = 4000 + _i * 37;
        uint8_t *src = xmalloc(n), *buf = xmalloc(n + 4096);
        struct payload p;
        size_t at;
        unsigned padded = 0;

        small_payload(&p, src, n, 6, 8, 6 + (uint64_t)_i);
        at = p.lay.streams;
        for (unsigned j = 0; j < 8; j++) {
                size_t bits = p.lay.stream_bits[j];

                at += p.lay.stream_size[j];
                ck_assert_uint_eq(p.lay.stream_size[j], (bits + 7) / 8);
                if (bits % 8) {
                        memcpy(buf, p.buf, p.size);
                        buf[at - 1] |= 0x80;
                        expect_status(bd, buf, p.size, n, HUFF_ERR_CORRUPT, "a padding bit");
                        padded++;
                }
        }
        ck_assert_uint_eq(at, p.size);
        ck_assert_uint_gt(padded, 0);
        free(p.buf);
        free(buf);
        free(src);
        free(bd);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Damage: every truncation, random flips and overwrites. */

/* The status a payload cut to cut bytes must give (FORMAT.md 9.2). */
static enum huff_status cut_status(const struct payload *p, size_t cut)
{
        size_t sum = 0;

        if (cut < p->lay.tables)
                return HUFF_ERR_CORRUPT;
        if (cut < p->lay.starts)
                return HUFF_ERR_CODE_LENGTHS;
        if (cut < p->lay.streams)
                return HUFF_ERR_CORRUPT;
        for (unsigned j = 0; j + 1 < p->m.streams; j++)
                sum += p->lay.stream_size[j];
        return cut - p->lay.streams < sum ? HUFF_ERR_STREAM_SIZES : HUFF_ERR_CORRUPT;
}

static void every_truncation_case(void)
{
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();
        unsigned S = stream_counts[test_seed % 4];
        size_t n;
        uint8_t *src;
        struct payload p;

        rng_seed(&r, STREAM + 7, test_seed);
        n = S * S + rng_size(&r, 3000);
        src = xmalloc(n);
        random_data(&r, src, n);
        payload_random(&p, &r, src, n, (unsigned)rng_range(&r, 2, 32), S);
        for (size_t cut = 1; cut < p.size; cut++) {
                enum huff_status s = decode(bd, p.buf, cut, n, NULL), want = cut_status(&p, cut);

                TEST_ASSERT(s == want, "%zu of %zu bytes: %s, not %s", cut, p.size,
                            huff_strerror(s), huff_strerror(want));
        }
        free(p.buf);
        free(src);
        free(bd);
}

START_TEST(every_truncation)
{
        FOR_EACH_SEED(4)
                every_truncation_case();
}
END_TEST

static void random_damage_case(void)
{
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();
        unsigned S = stream_counts[test_seed % 4];
        size_t n = S * S + 64 + test_seed % 5000;
        uint8_t *src = xmalloc(n), *buf;
        struct payload p;
        unsigned decoded = 0;

        rng_seed(&r, STREAM + 8, test_seed);
        random_data(&r, src, n);
        payload_random(&p, &r, src, n, (unsigned)rng_range(&r, 2, 32), S);
        buf = xmalloc(p.size);
        for (unsigned t = 0; t < 64; t++) {
                enum huff_status s;

                memcpy(buf, p.buf, p.size);
                for (unsigned f = 0, flips = (unsigned)rng_range(&r, 1, 4); f < flips; f++) {
                        size_t at = rng_below(&r, p.size);

                        if (rng_below(&r, 4))
                                buf[at] ^= (uint8_t)(1u << rng_below(&r, 8));
                        else
                                buf[at] = (uint8_t)rng_next(&r);
                }
                s = decode(bd, buf, p.size, n, NULL);
                TEST_ASSERT(s == HUFF_OK || s == HUFF_ERR_CORRUPT || s == HUFF_ERR_CODE_LENGTHS ||
                            s == HUFF_ERR_STREAM_SIZES, "status %s", huff_strerror(s));
                decoded += s == HUFF_OK;
        }
        (void)decoded;
        free(buf);
        free(p.buf);
        free(src);
        free(bd);
}

START_TEST(random_damage)
{
        FOR_EACH_SEED(16)
                random_damage_case();
}
END_TEST

/* Payloads of random bytes, with a plausible desc. */
static void random_payloads_case(void)
{
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();
        uint8_t buf[GUARDED_SMALL_MAX];

        rng_seed(&r, STREAM + 9, test_seed);
        for (unsigned t = 0; t < 64; t++) {
                size_t size = 1 + rng_below(&r, sizeof(buf)), n = 64 + rng_below(&r, 20000);
                enum huff_status s;

                for (size_t i = 0; i < size; i++)
                        buf[i] = (uint8_t)rng_next(&r);
                buf[0] &= 0x7f;
                s = decode(bd, buf, size, n, NULL);
                TEST_ASSERT(s == HUFF_OK || s == HUFF_ERR_CORRUPT || s == HUFF_ERR_CODE_LENGTHS ||
                            s == HUFF_ERR_STREAM_SIZES, "status %s", huff_strerror(s));
        }
        free(bd);
}

START_TEST(random_payloads)
{
        FOR_EACH_SEED(8)
                random_payloads_case();
}
END_TEST

int main(void)
{
        Suite *s = suite_create("context_decode");
        TCase *tc = tcase_create("context_decode");

        tcase_add_loop_test(tc, round_trip_random, 0, 8);
        tcase_add_loop_test(tc, round_trip_edges, 0, 4);
        tcase_add_loop_test(tc, round_trip_codes, 0, 5);
        tcase_add_loop_test(tc, round_trip_code_shapes, 0, 3);
        tcase_add_loop_test(tc, three_symbols_to_the_end, 0, 8);
        tcase_add_loop_test(tc, keeps_current_code, 0, 2);
        tcase_add_loop_test(tc, v2_frame_keeps_current_code, 0, 2);
        tcase_add_test(tc, rejects_desc);
        tcase_add_test(tc, rejects_map);
        tcase_add_test(tc, rejects_tables);
        tcase_add_test(tc, rejects_starts_and_jumps);
        tcase_add_loop_test(tc, rejects_stream_padding, 0, 4);
        tcase_add_loop_test(tc, every_truncation, 0, 8);
        tcase_add_loop_test(tc, random_damage, 0, 8);
        tcase_add_loop_test(tc, random_payloads, 0, 4);
        tcase_set_timeout(tc, 120);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
