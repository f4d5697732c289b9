/*
 * test_threads.c - threads change nothing but speed
 *
 * The encoder's output is the same bytes for threads 1, 2, 3, 4 and 0, at
 * levels 1, 6 and 9, for block sizes that do and do not divide a segment,
 * for inputs of less than one segment, just around one and of several,
 * one-shot and streamed through random small buffers, and for the corpus
 * files of over a segment.  The threaded decoder gives what the calling
 * thread alone gives: on good input the data, on damaged or cut input the
 * same status, the same bytes before the bad block and the same counts.
 * Frames that repeat one code across many runs of the threaded decoder (as
 * encoders before segments wrote them) must decode too.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "huff.h"
#include "block.h"
#include "frame.h"
#include "stream.h"
#include "testutil.h"

enum { THREADS = 0x7e4d };

static const unsigned thread_counts[] = { 2, 3, 4, 0 };
#define NCOUNTS (sizeof(thread_counts) / sizeof(thread_counts[0]))

static uint8_t *compress_with(const uint8_t *src, size_t n, const struct huff_params *p,
                              size_t *csize)
{
        size_t bound = huff_compress_bound(n);
        uint8_t *dst = xmalloc(bound);
        enum huff_status s = huff_compress(dst, bound, csize, src, n, p);

        ck_assert_msg(s == HUFF_OK, "huff_compress of %zu bytes, threads %u: %s", n,
                      p->threads, huff_strerror(s));
        return dst;
}

/* Sizes of pieces: HUFF_MIN() evaluates its arguments twice. */
static size_t piece(struct rng *r, size_t max, size_t left)
{
        size_t k = (size_t)rng_range(r, 1, max);

        return HUFF_MIN(k, left);
}

/* The streaming encoder fed and drained through random small buffers,
 * pledging the size as huff_compress() does. */
static uint8_t *compress_streamed(const uint8_t *src, size_t n, const struct huff_params *p,
                                  struct rng *r, size_t *csize)
{
        size_t cap = huff_compress_bound(n), len = 0, pending;
        uint8_t *dst = xmalloc(cap);
        struct huff_encoder *e;
        struct huff_inbuf in = { src, 0, 0 };
        struct huff_params pledged = *p;
        enum huff_status s;

        pledged.content_size = n;
        ck_assert_int_eq(huff_encoder_create(&e, &pledged), HUFF_OK);
        while (in.pos < n) {
                in.size = in.pos + piece(r, 300000, n - in.pos);
                while (in.pos < in.size) {
                        struct huff_outbuf out = { dst + len, piece(r, 200000, cap - len), 0 };

                        s = huff_encoder_feed(e, &out, &in);
                        ck_assert_msg(s == HUFF_OK, "feed: %s", huff_strerror(s));
                        len += out.pos;
                }
        }
        do {
                struct huff_outbuf out = { dst + len, piece(r, 200000, cap - len), 0 };

                s = huff_encoder_finish(e, &out, &pending);
                ck_assert_msg(s == HUFF_OK, "finish: %s", huff_strerror(s));
                len += out.pos;
        } while (pending > 0);
        huff_encoder_free(e);
        *csize = len;
        return dst;
}

static void expect_same(const uint8_t *a, size_t na, const uint8_t *b, size_t nb,
                        const char *what)
{
        size_t at = first_diff(a, b, HUFF_MIN(na, nb));

        TEST_ASSERT(na == nb && at == na, "%s: %zu and %zu bytes, first difference at %zu",
                    what, na, nb, at);
}

/* ------------------------------------------------------------------------ */
/* Decoding, single-threaded or not, and all it reports                      */

struct decoded {
        enum huff_status status;
        uint8_t *out;
        size_t len;
        struct huff_stats st;
};

/* How decoded bytes are taken: copied (huff_decoder_feed()), lent
 * (huff_decoder_view()), or each call one or the other. */
enum take { COPY, LEND, MIXED };

/* One call of the decoder as take says, appending to res; *more: the call
 * filled what it could (call again before new input). */
static enum huff_status take_some(struct huff_decoder *d, struct huff_inbuf *in,
                                  enum take how, struct rng *r, size_t cap,
                                  struct decoded *res, int *more)
{
        size_t room = cap - res->len;
        enum huff_status s;

        if (how == MIXED)
                how = r ? (rng_below(r, 2) ? LEND : COPY) : (res->len / 4096) % 2 ? LEND : COPY;
        if (how == LEND) {
                const void *v;
                size_t vn;

                s = huff_decoder_view(d, in, &v, &vn);
                TEST_ASSERT(vn <= room, "lent %zu bytes past %zu", vn, cap);
                if (vn)
                        memcpy(res->out + res->len, v, vn);
                res->len += vn;
                *more = vn > 0;
                TEST_ASSERT(vn > 0 || s != HUFF_OK || in->pos == in->size,
                            "nothing lent with input left");
                return s;
        }
        struct huff_outbuf out = { res->out + res->len,
                                   r && room ? piece(r, 300000, room) : room, 0 };

        TEST_ASSERT(room > 0, "decoded more than %zu bytes", cap);
        s = huff_decoder_feed(d, &out, in);
        res->len += out.pos;
        *more = out.pos == out.size || in->pos < in->size;
        return s;
}

/*
 * Decode comp with threads through input pieces and output room chosen by
 * r (whole buffers if r is NULL), then feed no input until nothing more
 * comes (the end of the input), then finish.
 */
static void decode_as(const uint8_t *comp, size_t csize, unsigned threads, struct rng *r,
                      size_t cap, enum take how, struct decoded *res)
{
        struct huff_decoder *d;
        struct huff_inbuf in = { comp, 0, 0 };
        enum huff_status s = HUFF_OK;

        memset(res, 0, sizeof(*res));
        res->out = xmalloc(cap);
        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        ck_assert_int_eq(huff_decoder_set_threads(d, threads), HUFF_OK);
        for (;;) {
                int end = in.pos == csize, more = 1;

                if (!end)
                        in.size = r ? in.pos + piece(r, 200000, csize - in.pos) : csize;
                while (more) {
                        s = take_some(d, &in, how, r, cap, res, &more);
                        if (s != HUFF_OK)
                                goto done;
                }
                if (end)
                        break;
        }
        s = huff_decoder_finish(d);
done:
        res->status = s;
        huff_decoder_stats(d, &res->st);
        huff_decoder_free(d);
}

static void decode(const uint8_t *comp, size_t csize, unsigned threads, struct rng *r,
                   size_t cap, struct decoded *res)
{
        decode_as(comp, csize, threads, r, cap, COPY, res);
}

/* What threads must not change: status, bytes, counts (but compressed_bytes
 * after an error: the threaded decoder may have read ahead). */
static void expect_same_decoding(const struct decoded *a, const struct decoded *b,
                                 const char *what)
{
        TEST_ASSERT(a->status == b->status, "%s: status %s, threaded %s", what,
                    huff_strerror(a->status), huff_strerror(b->status));
        expect_same(a->out, a->len, b->out, b->len, what);
        TEST_ASSERT(a->len == a->st.decompressed_bytes && b->len == b->st.decompressed_bytes,
                    "%s: delivered %zu and %zu bytes, counted %llu and %llu", what,
                    a->len, b->len, (unsigned long long)a->st.decompressed_bytes,
                    (unsigned long long)b->st.decompressed_bytes);
        TEST_ASSERT(a->st.frames == b->st.frames && a->st.blocks == b->st.blocks,
                    "%s: %llu frames %llu blocks, threaded %llu %llu", what,
                    (unsigned long long)a->st.frames, (unsigned long long)a->st.blocks,
                    (unsigned long long)b->st.frames, (unsigned long long)b->st.blocks);
        for (unsigned t = 0; t < HUFF_BLOCK_TYPES_MAX; t++)
                TEST_ASSERT(a->st.blocks_by_type[t] == b->st.blocks_by_type[t],
                            "%s: blocks of type %u", what, t);
        if (a->status == HUFF_OK)
                TEST_ASSERT(a->st.compressed_bytes == b->st.compressed_bytes,
                            "%s: compressed bytes", what);
}

/* Every thread count decodes comp as one thread does, in whole buffers and
 * in random pieces; if src, that is src. */
static void expect_decodes_alike(const uint8_t *comp, size_t csize, const uint8_t *src,
                                 size_t n, size_t cap, struct rng *r, const char *what)
{
        struct decoded one, many;
        char msg[160];

        decode(comp, csize, 1, NULL, cap, &one);
        if (src) {
                TEST_ASSERT(one.status == HUFF_OK, "%s: %s", what, huff_strerror(one.status));
                expect_same(one.out, one.len, src, n, what);
        }
        for (unsigned k = 0; k < NCOUNTS; k++) {
                for (int pieces = 0; pieces < 2; pieces++) {
                        snprintf(msg, sizeof(msg), "%s, decoded with threads %u%s", what,
                                 thread_counts[k], pieces ? " in pieces" : "");
                        decode(comp, csize, thread_counts[k], pieces ? r : NULL, cap, &many);
                        expect_same_decoding(&one, &many, msg);
                        free(many.out);
                }
        }
        /* Lent instead of copied, and both in turn: alone and threaded. */
        for (unsigned t = 1; t <= 2; t++)
                for (enum take how = LEND; how <= MIXED; how++) {
                        snprintf(msg, sizeof(msg), "%s, %s with threads %u in pieces", what,
                                 how == LEND ? "lent" : "lent and copied", t);
                        decode_as(comp, csize, t, r, cap, how, &many);
                        expect_same_decoding(&one, &many, msg);
                        free(many.out);
                }
        free(one.out);
}

/* ------------------------------------------------------------------------ */
/* The encoder                                                               */

static const uint32_t block_sizes[] = { 4096, 100000, 128u << 10, 1u << 20 };
static const int levels[] = { 1, 6, 9 };

/* _i picks a level and a block size; sizes around and over a segment. */
START_TEST(encoder_output_independent_of_threads)
{
        const size_t seg = (size_t)1 << 20;
        size_t sizes[] = { 1, 5000, seg - 1, seg, seg + 1, 0 };
        struct huff_params p;
        struct rng r;

        huff_params_init(&p);
        p.level = levels[_i % 3];
        p.block_size = block_sizes[_i / 3];
        rng_seed(&r, THREADS, (uint64_t)_i);
        sizes[5] = 3 * seg + (size_t)rng_range(&r, 1, seg);
        for (unsigned k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
                size_t n = sizes[k], size1, size;
                uint8_t *src = xmalloc(n), *one, *comp;
                const char *kind = gen_any(&r, src, n);
                char what[160];

                if (n > seg && _i % 2)          /* text, whose blocks repeat codes */
                        gen_text(&r, src, n), kind = "text";
                p.threads = 1;
                one = compress_with(src, n, &p, &size1);
                for (unsigned t = 0; t < NCOUNTS; t++) {
                        p.threads = thread_counts[t];
                        snprintf(what, sizeof(what), "%zu bytes of %s, level %d, block %u, "
                                 "threads %u", n, kind, p.level, p.block_size, p.threads);
                        comp = compress_with(src, n, &p, &size);
                        expect_same(one, size1, comp, size, what);
                        free(comp);
                        if (t == 1 || (t == 0 && n > seg)) {
                                strcat(what, ", streamed");
                                comp = compress_streamed(src, n, &p, &r, &size);
                                expect_same(one, size1, comp, size, what);
                                free(comp);
                        }
                }
                /* and the streamed single thread, which has its own paths */
                p.threads = 1;
                comp = compress_streamed(src, n, &p, &r, &size);
                expect_same(one, size1, comp, size, "streamed, one thread");
                free(comp);
                if (n > seg) {
                        snprintf(what, sizeof(what), "%zu bytes of %s, level %d, block %u",
                                 n, kind, p.level, p.block_size);
                        expect_decodes_alike(one, size1, src, n, n + 1, &r, what);
                }
                free(one);
                free(src);
        }
}
END_TEST

/* The corpus files of more than a segment, at -6 and -9, both ways. */
START_TEST(corpus_independent_of_threads)
{
        char line[4096];
        FILE *m = corpus_manifest();
        unsigned files = 0;
        struct rng r;

        if (!m)
                return;
        rng_seed(&r, THREADS + 1, 0);
        while (fgets(line, sizeof(line), m)) {
                char set[256], name[256], path[4096];
                size_t n;
                uint8_t *src;

                if (sscanf(line, "%255[^\t]\t%255[^\t]", set, name) != 2)
                        continue;
                snprintf(path, sizeof(path), "%s/%s/%s", corpus_dir(), set, name);
                src = read_file(path, &n);
                ck_assert_msg(src != NULL, "%s listed but unreadable", path);
                if (n > ((size_t)1 << 20)) {
                        for (int level = 6; level <= 9; level += 3) {
                                struct huff_params p;
                                size_t size1, size3;
                                uint8_t *one, *three;
                                char what[600];

                                huff_params_init(&p);
                                p.level = level;
                                one = compress_with(src, n, &p, &size1);
                                p.threads = 3;
                                three = compress_with(src, n, &p, &size3);
                                snprintf(what, sizeof(what), "%s/%s at -%d", set, name, level);
                                expect_same(one, size1, three, size3, what);
                                expect_decodes_alike(one, size1, src, n, n + 1, &r, what);
                                free(one);
                                free(three);
                        }
                        files++;
                }
                free(src);
        }
        fclose(m);
        printf("threads: %u corpus files of over 1 MiB coded alike with 1 and 3 threads\n",
               files);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* The decoder                                                               */

/*
 * A frame as encoders before segments wrote it: one huffman block, then
 * repeat blocks of the same code for megabytes, so that most of the
 * threaded decoder's runs begin with a repeat block.  Built block by block
 * with one block encoder that is never reset.
 */
static uint8_t *old_style_frame(const uint8_t *src, size_t n, uint32_t bs, size_t *size)
{
        struct huff_block_encoder be;
        struct huff_block_info info;
        struct huff_frame_header fh = { bs, n, 1, 0, 0, HUFF_FORMAT_V1 };
        uint8_t *dst = xmalloc(huff_compress_bound(n) + HUFF_BLOCK_SLACK), *p = dst;
        size_t repeats = 0;

        huff_block_encoder_init(&be, 11, NULL);
        p += huff_frame_write_header(p, &fh);
        for (size_t off = 0; off < n; off += bs) {
                p += huff_block_encode(&be, src + off, HUFF_MIN((size_t)bs, n - off), p, &info);
                repeats += info.type == HUFF_BLOCK_REPEAT;
        }
        p += huff_frame_write_end(p, 1, XXH3_64bits(src, n));
        ck_assert_uint_gt(repeats, n / bs / 10);
        *size = (size_t)(p - dst);
        return dst;
}

START_TEST(decoder_repeats_across_runs)
{
        struct rng r;
        const size_t n = (size_t)5 << 20;
        uint8_t *src = xmalloc(n), *comp, *two;
        size_t csize;

        rng_seed(&r, THREADS + 2, (uint64_t)_i);
        gen_skewed(&r, src, n, 0.7);
        comp = old_style_frame(src, n, _i ? 4096 : 128u << 10, &csize);
        expect_decodes_alike(comp, csize, src, n, n + 1, &r, "one code repeated for 5 MiB");
        /* twice, as two frames: the second starts with no code */
        two = xmalloc(2 * csize);
        memcpy(two, comp, csize);
        memcpy(two + csize, comp, csize);
        expect_decodes_alike(two, 2 * csize, NULL, 0, 2 * n + 1, &r, "two frames");
        free(two);
        free(comp);
        free(src);
}
END_TEST

/* Many frames of many sizes one after the other, some of them tiny, and
 * blocks of 256 bytes (runs cut by their number of blocks). */
START_TEST(decoder_many_frames)
{
        struct rng r;
        size_t total = 0, len = 0, cap = 0;
        uint8_t *all = NULL, *data = NULL;

        rng_seed(&r, THREADS + 3, (uint64_t)_i);
        for (unsigned f = 0; f < 12; f++) {
                struct huff_params p;
                size_t n = f % 3 == 0 ? (size_t)rng_range(&r, 0, 3000)
                                      : (size_t)rng_range(&r, 1, 2500000), csize;
                uint8_t *src = xmalloc(n), *comp;

                huff_params_init(&p);
                p.block_size = f % 4 == 1 ? 256 : (uint32_t)rng_range(&r, 256, 1u << 20);
                p.level = (int)rng_range(&r, 1, 9);
                p.checksum = f % 5 != 4;
                gen_any(&r, src, n);
                comp = compress_with(src, n, &p, &csize);
                all = xrealloc(all, len + csize);
                data = xrealloc(data, total + n + 1);
                memcpy(all + len, comp, csize);
                memcpy(data + total, src, n);
                len += csize;
                total += n;
                free(comp);
                free(src);
        }
        cap = total + 1;
        expect_decodes_alike(all, len, data, total, cap, &r, "12 frames");
        free(all);
        free(data);
}
END_TEST

/*
 * Damage: bit flips anywhere (headers, tables, streams, checksums) and cuts
 * at any length, in a frame of several runs.  Each must give the same
 * status, bytes and counts with threads as without.
 */
START_TEST(decoder_errors_as_single_threaded)
{
        struct rng r;
        const size_t n = (size_t)3 << 20;
        uint8_t *src = xmalloc(n), *comp, *bad;
        struct huff_params p;
        size_t csize;
        unsigned seen[32] = { 0 };

        rng_seed(&r, THREADS + 4, (uint64_t)_i);
        huff_params_init(&p);
        p.block_size = _i % 2 ? 16384 : 128u << 10;
        p.level = _i % 2 ? 9 : 6;
        gen_text(&r, src, n);
        comp = compress_with(src, n, &p, &csize);
        bad = xmalloc(csize);
        for (unsigned k = 0; k < 24; k++) {
                struct decoded one, many;
                size_t len = csize;
                char what[96];

                memcpy(bad, comp, csize);
                if (k % 4 == 3) {
                        len = (size_t)rng_below(&r, csize);
                        snprintf(what, sizeof(what), "cut to %zu of %zu bytes", len, csize);
                } else {
                        size_t bit = (size_t)rng_below(&r, csize * 8);

                        /* Headers are rare: aim at one now and then. */
                        if (k % 4 == 2)
                                bit = (size_t)rng_below(&r, 8 * 64);
                        bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
                        snprintf(what, sizeof(what), "bit %zu of %zu flipped", bit, csize * 8);
                }
                decode(bad, len, 1, NULL, n + 1, &one);
                /* Version 2 has bits that cannot matter: the map entry of a
                 * context the block never has.  A flip there decodes, and
                 * must decode to the very input; any other flip fails. */
                TEST_ASSERT(one.status != HUFF_OK ||
                            (comp[4] == 2 && len == csize && one.len == n &&
                             memcmp(one.out, src, n) == 0),
                            "%s: decoded as good, but not as the input", what);
                seen[one.status < 32 ? one.status : 31]++;
                for (unsigned t = 0; t < NCOUNTS; t++) {
                        decode(bad, len, thread_counts[t], t % 2 ? &r : NULL, n + 1, &many);
                        expect_same_decoding(&one, &many, what);
                        free(many.out);
                }
                /* Lending: the same bytes before the bad block, the same
                 * status, alone and threaded. */
                for (unsigned t = 1; t <= 2; t++) {
                        decode_as(bad, len, t, k % 2 ? &r : NULL, n + 1, LEND, &many);
                        expect_same_decoding(&one, &many, what);
                        free(many.out);
                }
                free(one.out);
        }
        if (_i == 0) {
                printf("threads: damaged frames gave:");
                for (unsigned s = 0; s < 32; s++)
                        if (seen[s])
                                printf(" %s %u,", huff_strerror((enum huff_status)s), seen[s]);
                printf(" alike with every thread count\n");
        }
        free(bad);
        free(comp);
        free(src);
}
END_TEST

/* Make the payload of the block at comp[at] certainly bad: a huffman
 * block's table then codes byte value 0 alone (not a complete code), a
 * repeat block's jump table promises more than the payload holds. */
static enum huff_status break_payload(uint8_t *comp, size_t at)
{
        struct huff_block_header h;
        uint8_t *payload = comp + at + HUFF_BLOCK_HEADER_SIZE;

        ck_assert_int_eq(huff_block_header_parse(comp + at, 128u << 10, HUFF_FORMAT_V1, &h), HUFF_OK);
        if (h.type == HUFF_BLOCK_HUFFMAN) {
                payload[0] = 0;
                return HUFF_ERR_CODE_LENGTHS;
        }
        ck_assert_int_eq(h.type, HUFF_BLOCK_REPEAT);
        ck_assert(h.four_streams);
        memset(payload, 0xff, 3);
        return HUFF_ERR_STREAM_SIZES;
}

/* The earliest bad block wins: damage two blocks in different runs; the
 * first one's error is reported with exactly the bytes before it. */
START_TEST(earliest_bad_block_wins)
{
        struct rng r;
        const size_t n = (size_t)4 << 20;
        const uint32_t bs = 128u << 10;
        uint8_t *src = xmalloc(n), *comp, *bad;
        struct huff_params p;
        struct huff_frame_header fh;
        enum huff_status want;
        struct huff_block_header h;
        size_t csize, hsize, at, starts[64], nb = 0;
        struct decoded one, many;

        rng_seed(&r, THREADS + 5, 0);
        huff_params_init(&p);
        gen_text(&r, src, n);
        comp = compress_with(src, n, &p, &csize);
        ck_assert_int_eq(huff_frame_parse_header(comp, csize, &fh, &hsize), HUFF_OK);
        for (at = hsize; comp[at] != HUFF_TAG_END; at += HUFF_BLOCK_HEADER_SIZE + h.payload_size) {
                ck_assert_int_eq(huff_block_header_parse(comp + at, bs, HUFF_FORMAT_V1, &h), HUFF_OK);
                ck_assert_uint_lt(nb, 64);
                starts[nb++] = at;
        }
        ck_assert_uint_eq(nb, 32);
        /* block 13's header (in the second run) and block 27's payload */
        bad = xmalloc(csize);
        memcpy(bad, comp, csize);
        bad[starts[13] + 1] ^= 0x10;
        break_payload(bad, starts[27]);
        decode(bad, csize, 1, NULL, n + 1, &one);
        ck_assert_int_eq(one.status, HUFF_ERR_BLOCK_HEADER);
        ck_assert_uint_eq(one.len, (size_t)13 * bs);
        for (unsigned t = 0; t < NCOUNTS; t++) {
                decode(bad, csize, thread_counts[t], NULL, n + 1, &many);
                expect_same_decoding(&one, &many, "block 13's header, block 27's payload");
                free(many.out);
        }
        free(one.out);
        /* now the other way round: a payload early, a header late */
        memcpy(bad, comp, csize);
        want = break_payload(bad, starts[5]);
        bad[starts[20] + 1] ^= 0x10;
        decode(bad, csize, 1, NULL, n + 1, &one);
        ck_assert_int_eq(one.status, want);
        ck_assert_uint_eq(one.len, (size_t)5 * bs);
        for (unsigned t = 0; t < NCOUNTS; t++) {
                decode(bad, csize, thread_counts[t], NULL, n + 1, &many);
                expect_same_decoding(&one, &many, "block 5's payload, block 20's header");
                free(many.out);
        }
        free(one.out);
        free(bad);
        free(comp);
        free(src);
}
END_TEST

/* The on_block hook (huff_report_encoding()'s) sees, with threads, the
 * blocks one thread sees: in order, each type with its decoded bytes, and
 * none past a bad block; copied or lent. */
struct hook_log {
        size_t n;
        enum huff_block_type type[64];
        size_t size[64];
        uint64_t hash[64];
};

static void log_block(void *ctx, enum huff_block_type type, const uint8_t *data, size_t size)
{
        struct hook_log *l = ctx;

        ck_assert_uint_lt(l->n, 64);
        l->type[l->n] = type;
        l->size[l->n] = size;
        l->hash[l->n++] = XXH3_64bits(data, size);
}

static enum huff_status decode_logged(const uint8_t *comp, size_t csize, unsigned threads,
                                      int lend, uint8_t *out, size_t cap, struct hook_log *l)
{
        struct huff_decoder *d;
        struct huff_inbuf in = { comp, csize, 0 };
        enum huff_status s;

        memset(l, 0, sizeof(*l));
        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        ck_assert_int_eq(huff_decoder_set_threads(d, threads), HUFF_OK);
        huff_stream_decoder_on_block(d, log_block, l);
        if (lend) {
                const void *v;
                size_t vn;

                do
                        s = huff_decoder_view(d, &in, &v, &vn);
                while (s == HUFF_OK && vn > 0);
        } else {
                struct huff_outbuf o = { out, cap, 0 };

                s = huff_decoder_feed(d, &o, &in);
        }
        if (s == HUFF_OK)
                s = huff_decoder_finish(d);
        huff_decoder_free(d);
        return s;
}

START_TEST(hook_sees_blocks_as_single_threaded)
{
        struct rng r;
        const size_t n = (size_t)3 << 20;
        uint8_t *src = xmalloc(n), *comp, *out = xmalloc(n + 1);
        struct huff_params p;
        struct huff_block_header h;
        struct huff_frame_header fh;
        size_t csize, at, nb = 0;
        struct hook_log one, many;

        rng_seed(&r, THREADS + 6, (uint64_t)_i);
        huff_params_init(&p);
        gen_text(&r, src, n);
        comp = compress_with(src, n, &p, &csize);
        if (_i) {
                /* damage the payload of block 17, in a later run */
                ck_assert_int_eq(huff_frame_parse_header(comp, csize, &fh, &at), HUFF_OK);
                for (; nb < 17; at += HUFF_BLOCK_HEADER_SIZE + h.payload_size, nb++)
                        ck_assert_int_eq(huff_block_header_parse(comp + at, 128u << 10,
                                                                 HUFF_FORMAT_V1, &h),
                                         HUFF_OK);
                break_payload(comp, at);
        }
        enum huff_status want = decode_logged(comp, csize, 1, 0, out, n + 1, &one);

        ck_assert_int_eq(want != HUFF_OK, _i);
        ck_assert_uint_eq(one.n, _i ? 17 : 24);
        for (unsigned t = 0; t < NCOUNTS; t++)
                for (int lend = 0; lend < 2; lend++) {
                        ck_assert_int_eq(decode_logged(comp, csize, thread_counts[t], lend, out,
                                                       n + 1, &many), want);
                        ck_assert_uint_eq(many.n, one.n);
                        for (size_t i = 0; i < one.n; i++) {
                                ck_assert_int_eq(many.type[i], one.type[i]);
                                ck_assert_uint_eq(many.size[i], one.size[i]);
                                ck_assert(many.hash[i] == one.hash[i]);
                        }
                }
        free(comp);
        free(out);
        free(src);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Parameters                                                                */

START_TEST(thread_counts_checked)
{
        struct huff_params p;
        struct huff_encoder *e;
        struct huff_decoder *d;
        uint8_t src[100] = { 0 }, comp[200], out[100];
        struct huff_inbuf in = { comp, 0, 0 };
        struct huff_outbuf o = { out, sizeof(out), 0 };
        size_t csize;

        huff_params_init(&p);
        ck_assert_uint_eq(p.threads, 1);
        p.threads = HUFF_THREADS_MAX;
        ck_assert_int_eq(huff_params_check(&p), HUFF_OK);
        p.threads = HUFF_THREADS_MAX + 1;
        ck_assert_int_eq(huff_params_check(&p), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_encoder_create(&e, &p), HUFF_ERR_PARAM);
        ck_assert_ptr_null(e);
        ck_assert_int_eq(huff_compress(comp, sizeof(comp), &csize, src, sizeof(src), &p),
                         HUFF_ERR_PARAM);
        p.threads = 0;
        ck_assert_int_eq(huff_compress(comp, sizeof(comp), &csize, src, sizeof(src), &p),
                         HUFF_OK);

        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        ck_assert_int_eq(huff_decoder_set_threads(NULL, 2), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_decoder_set_threads(d, HUFF_THREADS_MAX + 1), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_decoder_set_threads(d, 4), HUFF_OK);
        ck_assert_int_eq(huff_decoder_set_threads(d, 1), HUFF_OK);
        ck_assert_int_eq(huff_decoder_set_threads(d, 2), HUFF_OK);
        /* once input is fed: too late, until a reset */
        in.size = 3;
        ck_assert_int_eq(huff_decoder_feed(d, &o, &in), HUFF_OK);
        ck_assert_int_eq(huff_decoder_set_threads(d, 3), HUFF_ERR_STAGE);
        huff_decoder_reset(d);
        ck_assert_int_eq(huff_decoder_set_threads(d, 3), HUFF_OK);
        in.pos = 0;
        in.size = csize;
        ck_assert_int_eq(huff_decoder_feed(d, &o, &in), HUFF_OK);
        in.pos = in.size;
        ck_assert_int_eq(huff_decoder_feed(d, &o, &in), HUFF_OK);
        ck_assert_int_eq(huff_decoder_finish(d), HUFF_OK);
        ck_assert_uint_eq(o.pos, sizeof(src));
        huff_decoder_free(d);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("threads");
        TCase *tc = tcase_create("threads");

        tcase_set_timeout(tc, 600);
        tcase_add_loop_test(tc, encoder_output_independent_of_threads, 0, 12);
        tcase_add_test(tc, corpus_independent_of_threads);
        tcase_add_loop_test(tc, decoder_repeats_across_runs, 0, 2);
        tcase_add_loop_test(tc, decoder_many_frames, 0, 2);
        tcase_add_loop_test(tc, decoder_errors_as_single_threaded, 0, 2);
        tcase_add_test(tc, earliest_bad_block_wins);
        tcase_add_loop_test(tc, hook_sees_blocks_as_single_threaded, 0, 2);
        tcase_add_test(tc, thread_counts_checked);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
