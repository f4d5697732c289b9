/*
 * test_block.c - huff_block_encode() / huff_block_decode(), one block at
 * a time, its header read back with huff_block_header_parse()
 *
 * The encoder writes into a buffer of exactly huff_block_room(n) bytes and
 * the decoder reads a payload and writes a block of exactly their sizes, each
 * ending at an unmapped page: a byte written or read outside faults.  Sizes
 * cross the 16-byte and the four-stream (4096) boundaries and reach the
 * format's largest block; every type is produced on purpose; damaged and
 * truncated payloads must never take the decoder outside its buffers.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "code_table.h"
#include "decode_x86_64.h"
#include "frame.h"
#include "histogram.h"
#include "huffman_lengths.h"
#include "testutil.h"

enum { STREAM = 0xb10c };

static const char *type_name(enum huff_block_type t)
{
        static const char *names[] = { "raw", "rle", "huffman", "repeat" };

        return (unsigned)t < 4 ? names[t] : "?";
}

/* A block as encoded: the whole buffer and its parsed header. */
struct coded {
        uint8_t *buf;                   /* guarded, huff_block_room(n) bytes */
        size_t room, size;
        struct huff_block_info info;
        struct huff_block_header h;
        const uint8_t *payload;
};

static void encode(struct huff_block_encoder *be, const uint8_t *src, size_t n,
                   struct coded *c)
{
        c->room = huff_block_room(n);
        c->buf = alloc_guarded_buffer(c->room);
        memset(c->buf, 0xdd, c->room);
        c->size = huff_block_encode(be, src, n, c->buf, &c->info);
        ck_assert_uint_le(c->size, HUFF_BLOCK_HEADER_SIZE + n);
        ck_assert_uint_eq(c->info.decoded_size, n);
        ck_assert_uint_eq(c->info.stored_size, c->size);
        ck_assert_int_eq(huff_block_header_parse(c->buf, (uint32_t)n, HUFF_FORMAT_V1, &c->h), HUFF_OK);
        ck_assert_int_eq(c->h.type, c->info.type);
        ck_assert_uint_eq(c->h.decoded_size, n);
        ck_assert_uint_eq(HUFF_BLOCK_HEADER_SIZE + c->h.payload_size, c->size);
        /* Four streams exactly for coded blocks from HUFF_ENC_FOUR_STREAMS_MIN. */
        ck_assert_int_eq(c->h.four_streams, n >= HUFF_ENC_FOUR_STREAMS_MIN &&
                         (c->h.type == HUFF_BLOCK_HUFFMAN || c->h.type == HUFF_BLOCK_REPEAT));
        c->payload = c->buf + HUFF_BLOCK_HEADER_SIZE;
}

static void coded_free(struct coded *c)
{
        free_guarded_buffer(c->buf, c->room);
}

/* Decode h from a guarded copy of payload into a guarded block; returns the
 * status, and the block (to be freed with free_guarded_buffer) in *out. */
static enum huff_status decode(struct huff_block_decoder *bd, const struct huff_block_header *h,
                               const uint8_t *payload, uint8_t **out)
{
        uint8_t *src = guarded_copy(payload, h->payload_size);
        enum huff_status s;

        *out = alloc_guarded_buffer(h->decoded_size);
        s = huff_block_decode(bd, h, src, *out);
        free_guarded_buffer(src, h->payload_size);
        return s;
}

/* Decode c and compare with src. */
static void expect_decodes(struct huff_block_decoder *bd, const struct coded *c,
                           const uint8_t *src, const char *what)
{
        uint8_t *out;
        enum huff_status s = decode(bd, &c->h, c->payload, &out);
        size_t n = c->h.decoded_size, at;

        ck_assert_msg(s == HUFF_OK, "%s, %zu bytes, %s block: %s", what, n,
                      type_name(c->h.type), huff_strerror(s));
        at = first_diff(out, src, n);
        ck_assert_msg(at == n, "%s, %zu bytes, %s block: differs at %zu", what, n,
                      type_name(c->h.type), at);
        free_guarded_buffer(out, n);
}

static struct huff_block_decoder *new_decoder(void)
{
        struct huff_block_decoder *bd = xmalloc(sizeof(*bd));

        memset(bd, 0, sizeof(*bd));
        return bd;
}

/* The longest code length of a huffman block's table. */
static unsigned table_longest(const struct coded *c)
{
        uint8_t lens[256];
        unsigned longest;
        size_t size;

        ck_assert_int_eq(huff_table_read(c->payload, c->h.payload_size, lens, &longest, &size),
                         HUFF_OK);
        return longest;
}

static void damaged_setup(uint64_t i, uint8_t **src, size_t *n, struct coded *c,
                          size_t *table_size);

/* ------------------------------------------------------------------------ */

static const size_t edge_sizes[] = {
        1, 2, 3, 15, 16, 17, 255, 256, 4095, 4096, 4097, 65536, HUFF_BLOCK_SIZE_MAX,
};
#define NEDGE (sizeof(edge_sizes) / sizeof(edge_sizes[0]))

/* Every edge size with several kinds of data and every code limit. */
static void round_trip_edge_sizes_case(void)
{
        struct rng r;
        size_t n = edge_sizes[test_seed % NEDGE];
        uint8_t *src = xmalloc(n);
        struct huff_block_decoder *bd = new_decoder();
        struct huff_block_encoder be;

        rng_seed(&r, STREAM, test_seed);
        for (unsigned limit = HUFF_CODE_LEN_MIN; limit <= HUFF_CODE_LEN_MAX; limit++) {
                struct coded c;
                const char *what = gen_any(&r, src, n);
                char msg[64];

                huff_block_encoder_init(&be, limit, NULL);
                encode(&be, src, n, &c);
                if (c.h.type == HUFF_BLOCK_HUFFMAN)
                        ck_assert_uint_le(table_longest(&c), limit);
                snprintf(msg, sizeof(msg), "%s, limit %u", what, limit);
                expect_decodes(bd, &c, src, msg);
                coded_free(&c);
        }
        free(bd);
        free(src);
}

START_TEST(round_trip_edge_sizes)
{
        FOR_EACH_SEED(2)
                round_trip_edge_sizes_case();
}
END_TEST

/* Random sizes, kinds and limits, several blocks in a row through one
 * encoder and one decoder (repeat blocks included). */
static void round_trip_random_case(void)
{
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();
        struct huff_block_encoder be;
        unsigned limit;

        rng_seed(&r, STREAM + 1, test_seed);
        limit = (unsigned)rng_range(&r, HUFF_CODE_LEN_MIN, HUFF_CODE_LEN_MAX);
        huff_block_encoder_init(&be, limit, NULL);
        for (unsigned k = 0; k < 6; k++) {
                size_t n = (size_t)rng_range(&r, 1, rng_below(&r, 4) ? 20000 : HUFF_BLOCK_SIZE_MAX);
                uint8_t *src = xmalloc(n);
                const char *what = gen_any(&r, src, n);
                struct coded c;

                encode(&be, src, n, &c);
                expect_decodes(bd, &c, src, what);
                coded_free(&c);
                free(src);
        }
        free(bd);
}

START_TEST(round_trip_random)
{
        FOR_EACH_SEED(2)
                round_trip_random_case();
}
END_TEST

/* Each type where it is the only sensible choice. */
static void each_type_case(void)
{
        struct rng r;
        const size_t n = test_seed % 2 ? 3000 : 40000;    /* one stream, four */
        uint8_t *a = xmalloc(n), *b = xmalloc(n), *u = xmalloc(n), *z = xmalloc(n);
        struct huff_block_decoder *bd = new_decoder();
        struct huff_block_encoder be;
        struct coded c, ca;

        rng_seed(&r, STREAM + 2, test_seed);
        huff_block_encoder_init(&be, (unsigned)rng_range(&r, 8, 15), NULL);
        gen_skewed(&r, a, n, 0.7);
        /* b: a permutation of a, so exactly the same statistics. */
        memcpy(b, a, n);
        for (size_t k = n - 1; k > 0; k--) {
                size_t j = (size_t)rng_below(&r, k + 1);
                uint8_t t = b[k];

                b[k] = b[j];
                b[j] = t;
        }
        gen_uniform(&r, u, n);
        gen_run(z, n, (uint8_t)rng_below(&r, 256));

        encode(&be, a, n, &ca);                 /* skewed: a new code */
        ck_assert_str_eq(type_name(ca.h.type), "huffman");
        ck_assert_uint_lt(ca.size, n / 2);
        expect_decodes(bd, &ca, a, "skewed");

        encode(&be, u, n, &c);                  /* random: stored */
        ck_assert_str_eq(type_name(c.h.type), "raw");
        ck_assert_uint_eq(c.size, HUFF_BLOCK_HEADER_SIZE + n);
        ck_assert(memcmp(c.payload, u, n) == 0);
        expect_decodes(bd, &c, u, "uniform");
        coded_free(&c);

        encode(&be, z, n, &c);                  /* one byte: rle */
        ck_assert_str_eq(type_name(c.h.type), "rle");
        ck_assert_uint_eq(c.size, HUFF_BLOCK_HEADER_SIZE + 1);
        expect_decodes(bd, &c, z, "one byte");
        coded_free(&c);

        /* The same statistics again: the code of the first block, which the
         * decoder kept through the raw and rle blocks. */
        encode(&be, b, n, &c);
        ck_assert_str_eq(type_name(c.h.type), "repeat");
        expect_decodes(bd, &c, b, "same statistics");

        /* A decoder that never saw a code cannot decode it. */
        {
                struct huff_block_decoder *fresh = new_decoder();
                uint8_t *out;

                ck_assert_int_eq(decode(fresh, &c.h, c.payload, &out), HUFF_ERR_CORRUPT);
                free_guarded_buffer(out, n);
                free(fresh);
        }
        /* Nor can one whose last code table was bad: a failed huffman block
         * leaves no code behind (here its precode lengths are zeroed). */
        {
                uint8_t *bad = xmalloc(ca.h.payload_size), *out;

                memcpy(bad, ca.payload, ca.h.payload_size);
                memset(bad + 1, 0, 8);
                ck_assert_int_eq(decode(bd, &ca.h, bad, &out), HUFF_ERR_CODE_LENGTHS);
                free_guarded_buffer(out, n);
                ck_assert_int_eq(decode(bd, &c.h, c.payload, &out), HUFF_ERR_CORRUPT);
                free_guarded_buffer(out, n);
                free(bad);
        }
        coded_free(&c);
        coded_free(&ca);

        /* After a reset (a new frame) the old code is forgotten. */
        huff_block_encoder_init(&be, be.max_code_len, NULL);
        encode(&be, b, n, &c);
        ck_assert_str_eq(type_name(c.h.type), "huffman");
        coded_free(&c);

        free(a);
        free(b);
        free(u);
        free(z);
        free(bd);
}

START_TEST(each_type)
{
        FOR_EACH_SEED(2)
                each_type_case();
}
END_TEST

/* A single byte is rle; two distinct bytes are stored (a code would cost
 * more than the bytes). */
START_TEST(tiny_blocks)
{
        struct huff_block_decoder *bd = new_decoder();
        struct huff_block_encoder be;
        struct coded c;
        const uint8_t one = 'x', two[2] = { 'a', 'b' };

        huff_block_encoder_init(&be, 11, NULL);
        encode(&be, &one, 1, &c);
        ck_assert_int_eq(c.h.type, HUFF_BLOCK_RLE);
        ck_assert_uint_eq(c.payload[0], 'x');
        expect_decodes(bd, &c, &one, "one byte");
        coded_free(&c);
        encode(&be, two, 2, &c);
        ck_assert_int_eq(c.h.type, HUFF_BLOCK_RAW);
        expect_decodes(bd, &c, two, "two bytes");
        coded_free(&c);
        free(bd);
}
END_TEST

/* The longest codes back to back: a flush or refill that makes room for
 * fewer of them than the encoder writes or the decoder reads between two
 * (5 of 11 bits, 4 of 14, 3 of 15 per 56 bits) would lose bits.  A steep
 * distribution gives some symbols the longest length the limit allows;
 * then a tail plays only the rarest symbols. */
static void longest_codes_case(void)
{
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();
        struct huff_block_encoder be;
        const size_t n = test_seed % 2 ? 3500 : 60000;          /* one stream, four */
        const size_t tail = 100;
        unsigned limit = HUFF_CODE_LEN_MIN + (unsigned)(test_seed / 2 % 8);
        uint8_t *src = xmalloc(n), lens[256], absent[256];
        unsigned longest = 0, nabsent = 0, run = 0, best = 0;
        uint64_t counts[256];
        struct coded c;

        rng_seed(&r, STREAM + 6, test_seed);
        gen_skewed(&r, src, n - tail, 0.5);
        huff_hist_count(src, n - tail, counts);
        for (unsigned v = 0; v < 256; v++)
                if (!counts[v])
                        absent[nabsent++] = (uint8_t)v;
        ck_assert_uint_ge(nabsent, tail);
        for (size_t k = 0; k < tail; k++)               /* each once: the rarest */
                src[n - tail + k] = absent[k];
        huff_hist_count(src, n, counts);
        ck_assert_int_eq(huff_lens_build(counts, 256, limit, lens), HUFF_OK);
        for (unsigned v = 0; v < 256; v++)
                longest = lens[v] > longest ? lens[v] : longest;
        /* The tail reordered, longest codes first (the counts, and so the
         * code, stay the same). */
        for (size_t k = n - tail, m = n - tail; k < n; k++) {
                if (lens[src[k]] == longest) {
                        uint8_t t = src[m];

                        src[m++] = src[k];
                        src[k] = t;
                }
        }
        for (size_t k = 0; k < n; k++) {
                run = lens[src[k]] == longest ? run + 1 : 0;
                best = run > best ? run : best;
        }
        /* The case is what it claims: many longest codes in a row, and the
         * longest at the limit (or past the 11/12-bit step where fewer
         * codes fit between refills). */
        ck_assert_uint_ge(best, 8);
        ck_assert_uint_ge(longest, HUFF_MIN(limit, 12u));

        huff_block_encoder_init(&be, limit, NULL);
        encode(&be, src, n, &c);
        ck_assert_int_eq(c.h.type, HUFF_BLOCK_HUFFMAN);
        ck_assert_uint_eq(table_longest(&c), longest);
        expect_decodes(bd, &c, src, "longest codes in a row");
        coded_free(&c);
        free(src);
        free(bd);
}

START_TEST(longest_codes_in_a_row)      /* every limit, one and four streams */
{
        FOR_EACH_SEED(4)
                longest_codes_case();
}
END_TEST

/* Bytes after the last stream's end: the stream did not end where its
 * size says. */
static void extended_payload_case(void)
{
        uint8_t *src, *longer, *out;
        size_t n, table_size;
        struct coded c;
        struct huff_block_decoder *bd = new_decoder();
        struct rng r;

        damaged_setup(test_seed, &src, &n, &c, &table_size);
        rng_seed(&r, STREAM + 7, test_seed);
        for (uint32_t extra = 1; extra <= 9; extra++) {
                struct huff_block_header h = c.h;
                enum huff_status s;

                h.payload_size += extra;
                if (h.payload_size >= h.decoded_size)
                        break;
                longer = xmalloc(h.payload_size);
                memcpy(longer, c.payload, c.h.payload_size);
                memset(longer + c.h.payload_size, 0, extra);
                if (rng_below(&r, 2))
                        gen_uniform(&r, longer + c.h.payload_size, extra);
                s = decode(bd, &h, longer, &out);
                TEST_ASSERT(s == HUFF_ERR_CORRUPT, "payload %u + %u bytes: %s",
                            c.h.payload_size, extra, huff_strerror(s));
                free_guarded_buffer(out, n);
                free(longer);
        }
        coded_free(&c);
        free(src);
        free(bd);
}

START_TEST(extended_payload)
{
        FOR_EACH_SEED(3)
                extended_payload_case();
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Damage */

/* A huffman block of skewed or text data, one or four streams. */
static void damaged_setup(uint64_t i, uint8_t **src, size_t *n, struct coded *c, size_t *table_size)
{
        struct rng r;
        struct huff_block_encoder be;
        uint8_t lens[256];
        unsigned longest;

        rng_seed(&r, STREAM + 3, i);
        *n = i % 2 ? (size_t)rng_range(&r, 64, 4095) : (size_t)rng_range(&r, 4096, 30000);
        *src = xmalloc(*n);
        if (i % 3)
                gen_skewed(&r, *src, *n, 0.5 + 0.4 * rng_unit(&r));
        else
                gen_text(&r, *src, *n);
        huff_block_encoder_init(&be, (unsigned)rng_range(&r, 8, 15), NULL);
        encode(&be, *src, *n, c);
        ck_assert_int_eq(c->h.type, HUFF_BLOCK_HUFFMAN);
        ck_assert_int_eq(huff_table_read(c->payload, c->h.payload_size, lens, &longest,
                                         table_size), HUFF_OK);
}

/* Every truncation of the payload is an error: each stream must end exactly
 * where its size says, and the last one has lost bits it needs. */
static void truncated_payload_case(void)
{
        uint8_t *src;
        size_t n, table_size;
        struct coded c;
        struct huff_block_decoder *bd = new_decoder();

        damaged_setup(test_seed, &src, &n, &c, &table_size);
        for (uint32_t k = 1; k < c.h.payload_size; k++) {
                struct huff_block_header h = c.h;
                uint8_t *out;
                enum huff_status s;

                h.payload_size = k;
                s = decode(bd, &h, c.payload, &out);
                TEST_ASSERT(s != HUFF_OK, "payload of %u cut to %u (table %zu) decoded",
                            c.h.payload_size, k, table_size);
                free_guarded_buffer(out, n);
                /* Stride through long payloads: the ends matter most. */
                if (k > 64 && k + 64 < c.h.payload_size)
                        k += 13;
        }
        coded_free(&c);
        free(src);
        free(bd);
}

START_TEST(truncated_payload)
{
        FOR_EACH_SEED(3)
                truncated_payload_case();
}
END_TEST

/*
 * Flipped bits: never outside the buffers, never an unexpected status, and
 * never accepted with the original output.  A flip in a stream's padding
 * (the zero bits after its last codeword) must be caught.  A flip inside
 * the codewords often is not: a prefix code resynchronises within a few
 * symbols, and when the damaged stretch decodes to as many symbols as the
 * original, the stream still ends where its size says.  The block has no
 * check of its own; the frame's content checksum catches those (asserted
 * in test_stream.c), and the share caught here is printed.
 */
static void flipped_bits_case(void)
{
        struct rng r;
        uint8_t *src, *bad;
        size_t n, table_size;
        struct coded c;
        struct huff_block_decoder *bd = new_decoder();
        unsigned stream_flips = 0, caught = 0, pad_flips = 0;
        uint8_t lens[256];
        unsigned longest, nstreams;
        size_t size, seg, start[HUFF_STREAMS], bytes[HUFF_STREAMS];
        uint64_t bits[HUFF_STREAMS] = { 0 };

        damaged_setup(test_seed, &src, &n, &c, &table_size);
        rng_seed(&r, STREAM + 4, test_seed);
        bad = xmalloc(c.h.payload_size);

        /* Where each stream is, and how many of its bits are codewords. */
        ck_assert_int_eq(huff_table_read(c.payload, c.h.payload_size, lens, &longest, &size),
                         HUFF_OK);
        nstreams = c.h.four_streams ? HUFF_STREAMS : 1;
        seg = c.h.four_streams ? (n + 3) / 4 : n;
        start[0] = table_size + (c.h.four_streams ? HUFF_JUMP_TABLE_SIZE : 0);
        for (unsigned k = 0; k < nstreams; k++) {
                size_t end = HUFF_MIN((k + 1) * seg, n);

                for (size_t i = k * seg; i < end; i++)
                        bits[k] += lens[src[i]];
                if (k + 1 < nstreams) {
                        const uint8_t *jt = c.payload + table_size + 3 * k;

                        bytes[k] = (size_t)jt[0] | (size_t)jt[1] << 8 | (size_t)jt[2] << 16;
                        start[k + 1] = start[k] + bytes[k];
                } else {
                        bytes[k] = c.h.payload_size - start[k];
                }
                ck_assert_uint_eq(bytes[k], (bits[k] + 7) / 8);  /* no byte wasted */
        }

        for (unsigned k = 0; k < nstreams; k++) {
                for (uint64_t b = bits[k]; b < bytes[k] * 8; b++, pad_flips++) {
                        size_t bit = start[k] * 8 + (size_t)b;
                        uint8_t *out;
                        enum huff_status s;

                        memcpy(bad, c.payload, c.h.payload_size);
                        bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
                        s = decode(bd, &c.h, bad, &out);
                        TEST_ASSERT(s == HUFF_ERR_CORRUPT, "stream %u, padding bit %llu: %s",
                                    k, (unsigned long long)(b - bits[k]), huff_strerror(s));
                        free_guarded_buffer(out, n);
                }
        }

        for (unsigned k = 0; k < 300; k++) {
                size_t bit = k < 100 ? (size_t)rng_below(&r, table_size * 8) :
                             (size_t)rng_range(&r, table_size * 8, c.h.payload_size * 8 - 1);
                uint8_t *out;
                enum huff_status s;

                memcpy(bad, c.payload, c.h.payload_size);
                bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
                s = decode(bd, &c.h, bad, &out);
                TEST_ASSERT(s == HUFF_OK || s == HUFF_ERR_CODE_LENGTHS ||
                            s == HUFF_ERR_STREAM_SIZES || s == HUFF_ERR_CORRUPT,
                            "bit %zu: %s", bit, huff_strerror(s));
                if (s == HUFF_OK)
                        TEST_ASSERT(first_diff(out, src, n) < n,
                                    "bit %zu flipped, same output", bit);
                if (k >= 100) {
                        stream_flips++;
                        caught += s != HUFF_OK;
                }
                free_guarded_buffer(out, n);
        }
        if (test_seed < 2)
                printf("block: %zu bytes, %u stream%s: %u of %u random flips in stream data "
                       "caught by the block decoder, %u of %u padding flips\n", n, nstreams,
                       nstreams > 1 ? "s" : "", caught, stream_flips, pad_flips, pad_flips);
        free(bad);
        coded_free(&c);
        free(src);
        free(bd);
}

START_TEST(flipped_bits)
{
        FOR_EACH_SEED(3)
                flipped_bits_case();
}
END_TEST

/* Random payloads under valid headers: no crash, nothing outside. */
static void random_payloads_case(void)
{
        struct rng r;
        struct huff_block_decoder *bd = new_decoder();

        rng_seed(&r, STREAM + 5, test_seed);
        for (unsigned k = 0; k < 200; k++) {
                struct huff_block_header h;
                uint8_t *payload, *out;
                enum huff_status s;

                h.type = rng_below(&r, 2) ? HUFF_BLOCK_HUFFMAN : HUFF_BLOCK_REPEAT;
                h.decoded_size = (uint32_t)rng_range(&r, 2, 5000);
                h.payload_size = (uint32_t)rng_range(&r, 1, h.decoded_size - 1);
                h.four_streams = h.decoded_size >= HUFF_FOUR_STREAMS_MIN && rng_below(&r, 2);
                payload = xmalloc(h.payload_size);
                gen_any(&r, payload, h.payload_size);
                /* Half the time a real table first, so the streams are read. */
                if (h.type == HUFF_BLOCK_HUFFMAN && rng_below(&r, 2) && h.payload_size > 300) {
                        uint8_t lens[256], table[HUFF_MAX_TABLE_SIZE + 8];
                        uint64_t counts[256];
                        size_t ts;

                        gen_skewed(&r, out = xmalloc(1000), 1000, 0.8);
                        huff_hist_count(out, 1000, counts);
                        free(out);
                        ck_assert_int_eq(huff_lens_build(counts, 256, 11, lens), HUFF_OK);
                        ts = huff_table_write(lens, table);
                        memcpy(payload, table, ts);
                }
                s = decode(bd, &h, payload, &out);
                TEST_ASSERT(s == HUFF_OK || s == HUFF_ERR_CODE_LENGTHS ||
                            s == HUFF_ERR_STREAM_SIZES || s == HUFF_ERR_CORRUPT,
                            "random payload #%u: %s", k, huff_strerror(s));
                free_guarded_buffer(out, h.decoded_size);
                free(payload);
        }
        free(bd);
}

START_TEST(random_payloads)
{
        FOR_EACH_SEED(2)
                random_payloads_case();
}
END_TEST

/*
 * The multi-symbol decode tables (up to three symbols a lookup): four-stream
 * blocks whose code is at most HUFF_MULTI_LOG_MAX bits long decode through
 * them when most lookups give two symbols or more.  Sizes cover the fast
 * loop's last rounds and the careful tail; a repeat block after a
 * one-stream block builds the table then.
 */
static void multi_tables_case(void)
{
        struct rng r;
        unsigned limit = HUFF_CODE_LEN_MIN + (unsigned)(test_seed % 4);        /* 8..11 */
        struct huff_block_decoder *bd = new_decoder();
        struct huff_block_encoder be;
        const size_t max_n = 70000;
        uint8_t *src = xmalloc(max_n);

        rng_seed(&r, STREAM + 9, test_seed);
        huff_block_encoder_init(&be, limit, NULL);
        for (unsigned k = 0; k < 40; k++) {
                /* Around both thresholds, then anywhere. */
                size_t n = k < 10 ? HUFF_ENC_FOUR_STREAMS_MIN + k * 7 :
                           k < 20 ? HUFF_MULTI_MIN_BYTES - 5 + k - 10 :
                           rng_range(&r, 4096, max_n);
                int skewed = k % 2 == 0;
                struct coded c;

                if (skewed)
                        gen_skewed(&r, src, n, 0.3);
                else
                        gen_uniform(&r, src, n);
                huff_block_encoder_init(&be, limit, NULL);
                encode(&be, src, n, &c);
                expect_decodes(bd, &c, src, skewed ? "skewed" : "uniform");
                if (c.h.type == HUFF_BLOCK_HUFFMAN) {
                        ck_assert_uint_le(table_longest(&c), limit);
                        /* Short codes share lookups; 8-bit codes of
                         * uniform bytes never do; and a block under
                         * HUFF_MULTI_MIN_BYTES does not pay for the table. */
                        ck_assert_msg(bd->use_multi == (skewed && n >= HUFF_MULTI_MIN_BYTES),
                                      "limit %u, %zu bytes, %s: multi %d",
                                      limit, n, skewed ? "skewed" : "uniform", bd->use_multi);
                }
                coded_free(&c);
        }

        /* Four codewords of 2 bits (DNA): the table is widened to 8 bits
         * so that every lookup gives three symbols; sizes around whole
         * rounds of the fast loop (4 streams x 5 lookups x 3 symbols). */
        for (size_t i = 0; i < 9000; i++)
                src[i] = "ACGT"[rng_below(&r, 4)];
        for (size_t n = 8940; n <= 9000; n += 3) {
                struct coded dna;

                huff_block_encoder_init(&be, limit, NULL);
                encode(&be, src, n, &dna);
                ck_assert_int_eq(dna.h.type, HUFF_BLOCK_HUFFMAN);
                ck_assert_uint_eq(table_longest(&dna), 2);
                expect_decodes(bd, &dna, src, "four letters");
                ck_assert_int_eq(bd->use_multi, 1);
                ck_assert_uint_eq(bd->table_log, HUFF_MULTI_LOG_MIN);
                for (size_t i = 0; i < (size_t)1 << HUFF_MULTI_LOG_MIN; i++)
                        ck_assert_uint_eq(bd->multi[i] >> 30, 3);
                coded_free(&dna);
        }

        /* A block not worth the multi-symbol table brings the code (one
         * stream, then four streams under HUFF_MULTI_MIN_BYTES), a longer
         * one repeats it: the later block is the first over and over, so
         * the same code is the cheapest, and the table is built for it. */
        for (unsigned way = 0; way < 2; way++) {
                const size_t first = way ? HUFF_MULTI_MIN_BYTES - 1 : 3000;
                const size_t later = 3 * first;
                struct coded one, four;

                gen_skewed(&r, src, first, 0.3);
                for (size_t at = first; at < first + later; at += first)
                        memcpy(src + at, src, first);
                huff_block_encoder_init(&be, limit, NULL);
                encode(&be, src, first, &one);
                encode(&be, src + first, later, &four);
                ck_assert_int_eq(one.h.type, HUFF_BLOCK_HUFFMAN);
                ck_assert_int_eq(one.h.four_streams, way);
                ck_assert_int_eq(four.h.type, HUFF_BLOCK_REPEAT);
                expect_decodes(bd, &one, src, way ? "four streams, short" : "one stream");
                ck_assert_int_eq(bd->use_multi, 0);
                expect_decodes(bd, &four, src + first, "repeat, four streams");
                ck_assert_int_eq(bd->use_multi, 1);
                coded_free(&one);
                coded_free(&four);
        }
        free(src);
        free(bd);
}

START_TEST(multi_tables)
{
        FOR_EACH_SEED(2)
                multi_tables_case();
}
END_TEST

#if HUFF_DECODE_X86_64
/* The fast loop's variant for CPUs without lzcnt, on any CPU. */
static void force_bsr(void)
{
        huff_x86_64_lzcnt = 0;
}
#endif

int main(void)
{
        Suite *s = suite_create("block");
        TCase *tc = tcase_create("block");
#if HUFF_DECODE_X86_64
        TCase *bsr = tcase_create("block, the decode loop without lzcnt");

        tcase_add_checked_fixture(bsr, force_bsr, NULL);
        tcase_add_loop_test(bsr, round_trip_random, 0, 8);
        tcase_add_loop_test(bsr, truncated_payload, 0, 4);
        tcase_add_loop_test(bsr, flipped_bits, 0, 4);
        tcase_add_loop_test(bsr, multi_tables, 0, 4);
        tcase_set_timeout(bsr, 60);
        suite_add_tcase(s, bsr);
#endif

        tcase_add_loop_test(tc, round_trip_edge_sizes, 0, NEDGE);
        tcase_add_loop_test(tc, round_trip_random, 0, 8);
        tcase_add_loop_test(tc, each_type, 0, 4);
        tcase_add_test(tc, tiny_blocks);
        tcase_add_loop_test(tc, longest_codes_in_a_row, 0, 4);
        tcase_add_loop_test(tc, extended_payload, 0, 4);
        tcase_add_loop_test(tc, truncated_payload, 0, 4);
        tcase_add_loop_test(tc, flipped_bits, 0, 4);
        tcase_add_loop_test(tc, random_payloads, 0, 4);
        tcase_add_loop_test(tc, multi_tables, 0, 4);
        tcase_set_timeout(tc, 60);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
