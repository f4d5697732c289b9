/*
 * test_limits.c - headers that claim too much: each is a clean, specific
 * error, and none makes the decoder allocate beyond the frame's block size
 *
 * The frames are built by hand with the library's own writers
 * (huff_frame_write_header(), huff_block_header_write(),
 * huff_table_write(), huff_frame_write_end()), so every check16 and the
 * content checksum are right and decoding reaches the field under test:
 *
 *   - a content size of 2^60 (and 2^64 - 2, the largest valid one): no
 *     allocation follows from it; the frame fails only at its end, with
 *     HUFF_ERR_CONTENT_SIZE, not HUFF_ERR_NOMEM;
 *   - blocks larger than the frame's block size, block sizes outside the
 *     format's range, payloads that claim more than their block;
 *   - code lengths that oversubscribe or undersubscribe the code space,
 *     for the precode and for the code itself;
 *   - four-stream jump tables whose sizes do not add up.
 *
 * Each frame is decoded one-shot and by the streaming decoder a byte at a
 * time, from buffers ending at an unmapped page; both must give the error.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "huff.h"
#include "code_table.h"
#include "block.h"
#include "frame.h"
#include "testutil.h"

/* A frame being built. */
struct frame {
        uint8_t buf[1 << 16];
        size_t n;
        int checksum;
};

static void begin(struct frame *f, uint32_t block_size, uint64_t content_size, int checksum)
{
        struct huff_frame_header fh = { block_size, content_size, checksum, 0, 0, HUFF_FORMAT_V1 };

        f->checksum = checksum;
        f->n = huff_frame_write_header(f->buf, &fh);
}

/* A block header with any fields, then payload (NULL: zeros). */
static void block(struct frame *f, enum huff_block_type type, int four, uint32_t decoded,
                  const uint8_t *payload, size_t payload_size)
{
        huff_block_header_write(f->buf + f->n, type, four, decoded, (uint32_t)payload_size);
        f->n += HUFF_BLOCK_HEADER_SIZE;
        ck_assert_uint_le(f->n + payload_size, sizeof(f->buf));
        if (payload)
                memcpy(f->buf + f->n, payload, payload_size);
        else
                memset(f->buf + f->n, 0, payload_size);
        f->n += payload_size;
}

/* The end mark, with the checksum of content[0..n). */
static void end(struct frame *f, const uint8_t *content, size_t n)
{
        f->n += huff_frame_write_end(f->buf + f->n, f->checksum, XXH3_64bits(content, n));
}

/* Decode one-shot (into cap bytes) and a byte at a time; both must give
 * want. */
static void expect(const struct frame *f, size_t cap, enum huff_status want, const char *what)
{
        uint8_t *in = guarded_copy(f->buf, f->n), *out = alloc_guarded_buffer(cap);
        struct huff_decoder *d;
        size_t dsize;
        enum huff_status s = huff_decompress(out, cap, &dsize, in, f->n);

        ck_assert_msg(s == want, "%s, one-shot: %s, want %s", what, huff_strerror(s),
                      huff_strerror(want));
        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        s = HUFF_OK;
        for (size_t k = 0; k < f->n && s == HUFF_OK; k++) {
                struct huff_inbuf ib = { in + k, 1, 0 };
                struct huff_outbuf ob = { out, cap, 0 };

                s = huff_decoder_feed(d, &ob, &ib);
                ck_assert_msg(s != HUFF_OK || ib.pos == 1, "%s: byte %zu not taken", what, k);
        }
        if (s == HUFF_OK)
                s = huff_decoder_finish(d);
        ck_assert_msg(s == want, "%s, streaming: %s, want %s", what, huff_strerror(s),
                      huff_strerror(want));
        huff_decoder_free(d);
        free_guarded_buffer(in, f->n);
        free_guarded_buffer(out, cap);
}

/* ------------------------------------------------------------------------ */
/* Content size */

START_TEST(content_size_2_60)
{
        static const uint64_t claims[] = { (uint64_t)1 << 60, UINT64_MAX - 1 };
        uint8_t content[1000];
        struct frame f;

        memset(content, 'a', sizeof(content));
        for (unsigned k = 0; k < 2; k++) {
                /* A whole frame of 1,000 bytes claiming 2^60: wrong only at
                 * its end, and the 1,000 bytes fit a 1,000-byte dst. */
                begin(&f, HUFF_BLOCK_SIZE_MAX, claims[k], 1);
                block(&f, HUFF_BLOCK_RLE, 0, 1000, (const uint8_t *)"a", 1);
                end(&f, content, sizeof(content));
                expect(&f, sizeof(content), HUFF_ERR_CONTENT_SIZE, "2^60 claimed, 1000 decoded");

                /* The header alone: more input is wanted, nothing else. */
                begin(&f, HUFF_BLOCK_SIZE_MAX, claims[k], 1);
                expect(&f, 1, HUFF_ERR_TRUNCATED, "2^60 claimed, header only");

                /* 1 MiB blocks under the claim: decoded through a dst
                 * smaller than a block, so the decoder's own block buffer
                 * (the block size, not the claim) is used. */
                begin(&f, HUFF_BLOCK_SIZE_MAX, claims[k], 0);
                for (unsigned b = 0; b < 4; b++)
                        block(&f, HUFF_BLOCK_RLE, 0, HUFF_BLOCK_SIZE_MAX, (const uint8_t *)"z", 1);
                end(&f, NULL, 0);
                expect(&f, 4 * HUFF_BLOCK_SIZE_MAX, HUFF_ERR_CONTENT_SIZE,
                       "2^60 claimed, 4 MiB decoded");
        }
        /* The claim is also checked block by block: a block that would
         * pass a small claim fails at its header, before decoding. */
        begin(&f, 4096, 10, 1);
        block(&f, HUFF_BLOCK_RLE, 0, 11, (const uint8_t *)"a", 1);
        end(&f, content, 11);
        expect(&f, 4096, HUFF_ERR_CONTENT_SIZE, "11 bytes in a frame of 10");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Block sizes */

START_TEST(block_larger_than_block_size)
{
        uint8_t content[HUFF_BLOCK_SIZE_MIN + 1];
        struct frame f;

        memset(content, 0, sizeof(content));
        begin(&f, HUFF_BLOCK_SIZE_MIN, HUFF_CONTENT_SIZE_UNKNOWN, 1);
        block(&f, HUFF_BLOCK_RAW, 0, HUFF_BLOCK_SIZE_MIN + 1, content, sizeof(content));
        end(&f, content, sizeof(content));
        expect(&f, 1 << 20, HUFF_ERR_BLOCK_SIZE, "raw block of 257 in a frame of 256");

        /* The largest the field can say, 2^24, in a frame of 1 MiB. */
        begin(&f, HUFF_BLOCK_SIZE_MAX, HUFF_CONTENT_SIZE_UNKNOWN, 1);
        block(&f, HUFF_BLOCK_RLE, 0, 1u << 24, (const uint8_t *)"a", 1);
        expect(&f, 1 << 20, HUFF_ERR_BLOCK_SIZE, "rle block of 16 MiB");
        begin(&f, HUFF_BLOCK_SIZE_MAX, HUFF_CONTENT_SIZE_UNKNOWN, 1);
        block(&f, HUFF_BLOCK_HUFFMAN, 1, HUFF_BLOCK_SIZE_MAX + 1, NULL, 100);
        expect(&f, 1 << 20, HUFF_ERR_BLOCK_SIZE, "huffman block of 1 MiB + 1");

        /* Payloads that claim more than their block: rejected at the
         * header, before any payload is gathered. */
        begin(&f, HUFF_BLOCK_SIZE_MAX, HUFF_CONTENT_SIZE_UNKNOWN, 1);
        block(&f, HUFF_BLOCK_HUFFMAN, 0, 1000, NULL, 0);
        f.buf[f.n - HUFF_BLOCK_HEADER_SIZE + 4] = 0xff;        /* payload 2^24 - 1 */
        f.buf[f.n - HUFF_BLOCK_HEADER_SIZE + 5] = 0xff;
        f.buf[f.n - HUFF_BLOCK_HEADER_SIZE + 6] = 0xff;
        store_le16(f.buf + f.n - 2, huff_frame_header_check(f.buf + f.n - HUFF_BLOCK_HEADER_SIZE, 7));
        expect(&f, 1 << 20, HUFF_ERR_BLOCK_HEADER, "huffman payload of 16 MiB for 1000 bytes");
        begin(&f, HUFF_BLOCK_SIZE_MAX, HUFF_CONTENT_SIZE_UNKNOWN, 1);
        block(&f, HUFF_BLOCK_RAW, 0, 1000, NULL, 999);
        expect(&f, 1 << 20, HUFF_ERR_BLOCK_HEADER, "raw payload of 999 for 1000 bytes");

        /* A huffman block whose payload never comes: truncated, having
         * buffered no more than the block size. */
        begin(&f, HUFF_BLOCK_SIZE_MAX, HUFF_CONTENT_SIZE_UNKNOWN, 1);
        block(&f, HUFF_BLOCK_HUFFMAN, 1, HUFF_BLOCK_SIZE_MAX, NULL, 200);
        f.n -= 100;
        expect(&f, 1 << 20, HUFF_ERR_TRUNCATED, "payload cut short");
}
END_TEST

/* Frame block sizes outside 256..1 MiB, with a correct check. */
START_TEST(frame_block_size_out_of_range)
{
        static const uint32_t bad[] = { 0, 1, HUFF_BLOCK_SIZE_MIN - 1, HUFF_BLOCK_SIZE_MAX + 1,
                                        (1u << 24) - 1 };
        struct frame f;

        for (unsigned k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
                begin(&f, bad[k], HUFF_CONTENT_SIZE_UNKNOWN, 1);
                end(&f, NULL, 0);
                expect(&f, 16, HUFF_ERR_FRAME_HEADER, "block size out of range");
        }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Code lengths */

/* A huffman block of 64 bytes: the table of lens, then 8 zero bytes. */
static void huffman_with(struct frame *f, const uint8_t *lens)
{
        uint8_t payload[HUFF_MAX_TABLE_SIZE + 16] = { 0 };
        size_t t = huff_table_write(lens, payload);

        begin(f, 4096, 64, 1);
        block(f, HUFF_BLOCK_HUFFMAN, 0, 64, payload, t + 8);
}

START_TEST(code_lengths_over_and_under)
{
        uint8_t lens[256], content[64];
        struct frame f;

        memset(content, 'a', sizeof(content));
        /* The writer can serialise a valid code: the reference. */
        memset(lens, 0, sizeof(lens));
        lens['a'] = 1;
        lens['b'] = 1;
        huffman_with(&f, lens);
        end(&f, content, 64);
        expect(&f, 64, HUFF_OK, "complete code");

        /* Oversubscribed: three codewords of one bit. */
        lens['c'] = 1;
        huffman_with(&f, lens);
        expect(&f, 64, HUFF_ERR_CODE_LENGTHS, "oversubscribed: 1, 1, 1");
        /* Undersubscribed: 1 and 2 bits leave a quarter unused. */
        lens['b'] = 2;
        lens['c'] = 0;
        huffman_with(&f, lens);
        expect(&f, 64, HUFF_ERR_CODE_LENGTHS, "undersubscribed: 1, 2");
        /* One codeword only. */
        lens['b'] = 0;
        huffman_with(&f, lens);
        expect(&f, 64, HUFF_ERR_CODE_LENGTHS, "one codeword");
        /* By the smallest amounts at the longest lengths: 2^-15 over or
         * under. */
        memset(lens, 8, sizeof(lens));          /* complete: 256 * 2^-8 */
        lens[0] = 9;
        lens[1] = 9;
        huffman_with(&f, lens);
        expect(&f, 64, HUFF_ERR_CODE_LENGTHS, "undersubscribed by 2^-8");
        memset(lens, 8, sizeof(lens));
        lens[0] = 7;
        huffman_with(&f, lens);
        expect(&f, 64, HUFF_ERR_CODE_LENGTHS, "oversubscribed by 2^-8");
        memset(lens, 0, sizeof(lens));
        for (unsigned i = 0; i < 15; i++)       /* 1, 2, ..., 15, 15: complete */
                lens[i] = (uint8_t)(i + 1);
        lens[15] = 15;
        huffman_with(&f, lens);
        end(&f, content, 0);                    /* (the data is not 64 'a's) */
        expect(&f, 64, HUFF_ERR_CHECKSUM, "complete code of 15 bits");
        lens[16] = 15;
        huffman_with(&f, lens);
        expect(&f, 64, HUFF_ERR_CODE_LENGTHS, "oversubscribed by 2^-15");
        lens[16] = 0;
        lens[15] = 0;
        huffman_with(&f, lens);
        expect(&f, 64, HUFF_ERR_CODE_LENGTHS, "undersubscribed by 2^-15");
}
END_TEST

/* The precode, by hand: last = 1, hclen = 0 (4 lengths, for precode
 * symbols 17, 18, 0, 16), 3 bits each, least significant bit first. */
static void precode_with(struct frame *f, unsigned l17, unsigned l18, unsigned l0, unsigned l16)
{
        uint32_t bits = 0 | l17 << 4 | l18 << 7 | l0 << 10 | l16 << 13;
        uint8_t payload[12] = { 1, (uint8_t)bits, (uint8_t)(bits >> 8) };

        begin(f, 4096, 64, 1);
        block(f, HUFF_BLOCK_HUFFMAN, 0, 64, payload, sizeof(payload));
}

START_TEST(precode_over_and_under)
{
        struct frame f;

        precode_with(&f, 1, 1, 1, 0);
        expect(&f, 64, HUFF_ERR_CODE_LENGTHS, "precode oversubscribed: 1, 1, 1");
        precode_with(&f, 1, 0, 0, 0);
        expect(&f, 64, HUFF_ERR_CODE_LENGTHS, "precode of one codeword");
        precode_with(&f, 1, 2, 0, 0);
        expect(&f, 64, HUFF_ERR_CODE_LENGTHS, "precode undersubscribed: 1, 2");
        precode_with(&f, 7, 7, 7, 7);
        expect(&f, 64, HUFF_ERR_CODE_LENGTHS, "precode undersubscribed: 7, 7, 7, 7");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Four-stream jump tables */

/* A four-stream huffman block of 4,096 bytes with a two-symbol code, jump
 * table sizes s1..s3 and rest bytes after the jump table. */
static void four_streams_with(struct frame *f, uint32_t s1, uint32_t s2, uint32_t s3, size_t rest,
                              int jump_table)
{
        uint8_t payload[HUFF_MAX_TABLE_SIZE + 9 + 2048] = { 0 }, lens[256] = { 0 };
        size_t t;

        lens['a'] = 1;
        lens['b'] = 1;
        t = huff_table_write(lens, payload);
        if (jump_table) {
                store_le24(payload + t, s1);
                store_le24(payload + t + 3, s2);
                store_le24(payload + t + 6, s3);
                t += HUFF_JUMP_TABLE_SIZE;
        }
        begin(f, 1 << 20, HUFF_CONTENT_SIZE_UNKNOWN, 1);
        block(f, HUFF_BLOCK_HUFFMAN, 1, 4096, payload, t + rest);
}

START_TEST(stream_sizes_do_not_add_up)
{
        struct frame f;

        /* The reference: 4 streams of 128 bytes, 1,024 'a' each (zero
         * bits), decode. */
        four_streams_with(&f, 128, 128, 128, 512, 1);
        {
                uint8_t content[4096];

                memset(content, 'a', sizeof(content));
                end(&f, content, sizeof(content));
                expect(&f, 4096, HUFF_OK, "four streams of 128 bytes");
        }
        four_streams_with(&f, 128, 128, 128, 383, 1);
        expect(&f, 4096, HUFF_ERR_STREAM_SIZES, "3 x 128 bytes, 383 follow");
        four_streams_with(&f, 0xffffff, 0xffffff, 0xffffff, 512, 1);
        expect(&f, 4096, HUFF_ERR_STREAM_SIZES, "3 x (2^24 - 1)");
        four_streams_with(&f, 0, 0, 600, 512, 1);
        expect(&f, 4096, HUFF_ERR_STREAM_SIZES, "600 of 512 in stream 3");
        /* No room for the jump table itself. */
        four_streams_with(&f, 0, 0, 0, 8, 0);
        expect(&f, 4096, HUFF_ERR_STREAM_SIZES, "8 bytes for a 9-byte jump table");
        /* Sizes that add up exactly, leaving stream 4 empty: the sizes are
         * fine, the data is not (stream 4 owes 1,024 codewords). */
        four_streams_with(&f, 100, 100, 312, 512, 1);
        expect(&f, 4096, HUFF_ERR_CORRUPT, "stream 4 empty");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* What an error leaves in the output */

/* A block that fails to decode is not delivered: the output position, the
 * one-shot call's *dst_size and the statistics stop at the last good
 * block, so that a caller writing out what it got never writes the failed
 * block's bytes (uninitialised memory, found by valgrind under the CLI
 * tests: 'huff -dc' wrote them before its error). */
START_TEST(failed_block_not_delivered)
{
        uint8_t lens[256] = { 0 }, payload[HUFF_MAX_TABLE_SIZE + 16] = { 0 }, *out;
        struct huff_decoder *d;
        struct huff_stats st;
        struct frame f;
        size_t t, dsize = 0;
        enum huff_status s;

        lens['a'] = lens['b'] = lens['c'] = 1;          /* oversubscribed */
        t = huff_table_write(lens, payload);
        begin(&f, 4096, HUFF_CONTENT_SIZE_UNKNOWN, 1);
        block(&f, HUFF_BLOCK_RLE, 0, 300, (const uint8_t *)"a", 1);
        block(&f, HUFF_BLOCK_HUFFMAN, 0, 1000, payload, t + 8);
        out = alloc_guarded_buffer(1300);
        memset(out, 0x5c, 1300);

        s = huff_decompress(out, 1300, &dsize, f.buf, f.n);
        ck_assert_int_eq(s, HUFF_ERR_CODE_LENGTHS);
        ck_assert_uint_eq(dsize, 300);

        /* Streaming, with room for both blocks and with room for one
         * byte at a time (the block goes through the decoder's buffer). */
        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        for (size_t room = 1300; room; room = room == 1300 ? 1 : 0) {
                struct huff_inbuf in = { f.buf, f.n, 0 };
                size_t pos = 0;

                huff_decoder_reset(d);
                do {
                        struct huff_outbuf ob = { out + pos, HUFF_MIN(room, 1300 - pos), 0 };

                        s = huff_decoder_feed(d, &ob, &in);
                        pos += ob.pos;
                } while (s == HUFF_OK && in.pos < in.size);
                ck_assert_int_eq(s, HUFF_ERR_CODE_LENGTHS);
                ck_assert_uint_eq(pos, 300);
                huff_decoder_stats(d, &st);
                ck_assert_uint_eq(st.decompressed_bytes, 300);
        }
        huff_decoder_free(d);
        free_guarded_buffer(out, 1300);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("limits");
        TCase *tc = tcase_create("limits");

        tcase_add_test(tc, content_size_2_60);
        tcase_add_test(tc, block_larger_than_block_size);
        tcase_add_test(tc, frame_block_size_out_of_range);
        tcase_add_test(tc, code_lengths_over_and_under);
        tcase_add_test(tc, precode_over_and_under);
        tcase_add_test(tc, stream_sizes_do_not_add_up);
        tcase_add_test(tc, failed_block_not_delivered);
        tcase_set_timeout(tc, 60);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
