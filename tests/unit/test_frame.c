/*
 * test_frame.c - frame headers, block headers and the end mark
 * (FORMAT.md "Frame header", "Block header")
 *
 * Round trips over the edges of each field (content sizes around each
 * varint byte boundary, block sizes at the limits); every strict prefix of a
 * frame header asks for more bytes; every single-bit flip of a header is an
 * error of the right kind; hand-built headers with a correct check but a bad
 * field are rejected by the field's own rule.  Headers are parsed from
 * buffers that end at an unmapped page.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "frame.h"
#include "testutil.h"

enum { STREAM = 0xf4a3 };

static const uint64_t content_sizes[] = {
        HUFF_CONTENT_SIZE_UNKNOWN, 0, 1, 127, 128, 255, 16383, 16384,
        (uint64_t)1 << 32, ((uint64_t)1 << 56) - 1, (uint64_t)1 << 56,
        (uint64_t)1 << 63, ((uint64_t)1 << 63) - 1, UINT64_MAX - 1,
};
#define NCONTENT (sizeof(content_sizes) / sizeof(content_sizes[0]))

static const uint32_t block_sizes[] = {
        HUFF_BLOCK_SIZE_MIN, HUFF_BLOCK_SIZE_MIN + 1, 4096, HUFF_BLOCK_SIZE_DEFAULT,
        HUFF_BLOCK_SIZE_MAX - 1, HUFF_BLOCK_SIZE_MAX,
};
#define NBLOCK (sizeof(block_sizes) / sizeof(block_sizes[0]))

/* The header for case i: the fixed edges first, then random values. */
static void header_for(unsigned i, struct huff_frame_header *fh)
{
        struct rng r;

        rng_seed(&r, STREAM, i);
        /* Checksum and model flags take all four combinations. */
        fh->checksum = (i & 1) == 0;
        fh->has_model = (i & 2) != 0;
        /* Both versions: their headers are laid out alike. */
        fh->version = i & 4 ? HUFF_FORMAT_V2 : HUFF_FORMAT_V1;
        fh->model_id = fh->has_model ? (uint32_t)rng_next(&r) : 0;
        if (i < NCONTENT * NBLOCK) {
                fh->content_size = content_sizes[i % NCONTENT];
                fh->block_size = block_sizes[i / NCONTENT];
        } else {
                /* Any number of significant bits, so every varint length. */
                unsigned bits = (unsigned)rng_range(&r, 1, 64);

                fh->content_size = rng_next(&r) >> (64 - bits);
                fh->block_size = (uint32_t)rng_range(&r, HUFF_BLOCK_SIZE_MIN, HUFF_BLOCK_SIZE_MAX);
        }
}

/* LEB128 length of v: 7 bits a byte, at least one byte. */
static size_t varint_len(uint64_t v)
{
        size_t n = 1;

        while (v >= 0x80) {
                v >>= 7;
                n++;
        }
        return n;
}

static enum huff_status parse(const uint8_t *src, size_t n, struct huff_frame_header *fh,
                              size_t *size)
{
        return huff_frame_parse_header(guarded_small(src, n), n, fh, size);
}

/* ------------------------------------------------------------------------ */
/* Frame header */

static void frame_header_round_trip_case(void)
{
        struct huff_frame_header fh, got;
        uint8_t buf[HUFF_FRAME_HEADER_MAX + 32];
        size_t size, parsed;

        header_for((unsigned)test_seed, &fh);
        memset(buf, 0x5c, sizeof(buf));
        size = huff_frame_write_header(buf, &fh);
        ck_assert_uint_eq(size, HUFF_FRAME_HEADER_MIN + (fh.has_model ? 4 : 0) +
                          (fh.content_size == HUFF_CONTENT_SIZE_UNKNOWN ? 0 :
                           varint_len(fh.content_size)));
        ck_assert_uint_le(size, HUFF_FRAME_HEADER_MAX);
        ck_assert_uint_eq(buf[0], HUFF_MAGIC0);
        ck_assert_uint_eq(buf[4], fh.version);
        ck_assert_uint_eq(buf[5], (fh.content_size == HUFF_CONTENT_SIZE_UNKNOWN ? 0 :
                                   HUFF_FLAG_CONTENT_SIZE) |
                                  (fh.checksum ? HUFF_FLAG_CHECKSUM : 0) |
                                  (fh.has_model ? HUFF_FLAG_MODEL : 0));
        ck_assert_uint_eq(buf[size], 0x5c);             /* nothing written past */

        /* Exactly the header, and the header with what follows it. */
        for (size_t n = size; n <= size + 32; n += 32) {
                memset(&got, 0xee, sizeof(got));
                parsed = 0;
                ck_assert_int_eq(parse(buf, n, &got, &parsed), HUFF_OK);
                ck_assert_uint_eq(parsed, size);
                ck_assert_uint_eq(got.block_size, fh.block_size);
                ck_assert_uint_eq(got.content_size, fh.content_size);
                ck_assert_int_eq(got.checksum, fh.checksum);
                ck_assert_int_eq(got.has_model, fh.has_model);
                ck_assert_uint_eq(got.model_id, fh.model_id);
        }
}

START_TEST(frame_header_round_trip)
{
        FOR_EACH_SEED(8)
                frame_header_round_trip_case();
}
END_TEST

/* Each strict prefix: HUFF_ERR_TRUNCATED, asking for more than it has and
 * no more than the whole header. */
static void frame_header_truncated_case(void)
{
        struct huff_frame_header fh, got;
        uint8_t buf[HUFF_FRAME_HEADER_MAX];
        size_t size;

        header_for((unsigned)test_seed, &fh);
        size = huff_frame_write_header(buf, &fh);
        for (size_t n = 0; n < size; n++) {
                size_t need = 0;
                enum huff_status s = parse(buf, n, &got, &need);

                ck_assert_msg(s == HUFF_ERR_TRUNCATED, "prefix %zu of %zu: %s", n, size,
                              huff_strerror(s));
                ck_assert_msg(need > n && need <= size, "prefix %zu of %zu: needs %zu",
                              n, size, need);
        }
}

START_TEST(frame_header_truncated)
{
        FOR_EACH_SEED(8)
                frame_header_truncated_case();
}
END_TEST

/* Each single-bit flip, with bytes following as in a file: magic flips are
 * "not .huf", version flips "unsupported version", anything else fails the
 * header check. */
static void frame_header_bit_flips_case(void)
{
        struct huff_frame_header fh, got;
        uint8_t buf[HUFF_FRAME_HEADER_MAX + 32], bad[sizeof(buf)];
        struct rng r;
        size_t size;

        header_for((unsigned)test_seed, &fh);
        rng_seed(&r, STREAM + 1, test_seed);
        size = huff_frame_write_header(buf, &fh);
        /* What follows: zeros (a varint may run into them) or random bytes. */
        memset(buf + size, 0, sizeof(buf) - size);
        if (test_seed % 2)
                gen_uniform(&r, buf + size, sizeof(buf) - size);
        for (size_t bit = 0; bit < size * 8; bit++) {
                size_t at = bit / 8, parsed;
                enum huff_status s, want;

                memcpy(bad, buf, sizeof(buf));
                bad[at] ^= (uint8_t)(1u << (bit % 8));
                s = parse(bad, sizeof(bad), &got, &parsed);
                /* Unknown flags (bits 3-7 of byte 5) read as a newer
                 * writer's, before the check: FORMAT.md 3.1, step 3. */
                want = at < HUFF_MAGIC_SIZE ? HUFF_ERR_BAD_MAGIC :
                       at == 4 || (at == 5 && bit % 8 >= 3) ? HUFF_ERR_VERSION :
                       HUFF_ERR_FRAME_HEADER;
                TEST_ASSERT(s == want, "bit %zu flipped: %s, want %s", bit, huff_strerror(s),
                            huff_strerror(want));
        }
}

START_TEST(frame_header_bit_flips)
{
        FOR_EACH_SEED(8)
                frame_header_bit_flips_case();
}
END_TEST

/* A header by hand: magic, version, flags, block size, raw varint bytes,
 * then a correct check.  Returns its size. */
static size_t build_header(uint8_t *dst, unsigned version, unsigned flags, uint32_t block_size,
                           const uint8_t *varint, size_t varint_n)
{
        size_t n = 0;

        dst[n++] = HUFF_MAGIC0;
        dst[n++] = HUFF_MAGIC1;
        dst[n++] = HUFF_MAGIC2;
        dst[n++] = HUFF_MAGIC3;
        dst[n++] = (uint8_t)version;
        dst[n++] = (uint8_t)flags;
        dst[n++] = (uint8_t)block_size;
        dst[n++] = (uint8_t)(block_size >> 8);
        dst[n++] = (uint8_t)(block_size >> 16);
        if (varint_n)
                memcpy(dst + n, varint, varint_n);
        n += varint_n;
        uint32_t c = huff_frame_header_check(dst, n);
        dst[n++] = (uint8_t)c;
        dst[n++] = (uint8_t)(c >> 8);
        return n;
}

START_TEST(frame_header_bad_fields)
{
        uint8_t buf[64];
        struct huff_frame_header fh;
        size_t n, size;
        static const uint8_t v300[2] = { 0xac, 0x02 };
        static const uint8_t nonminimal[2] = { 0x81, 0x00 };      /* 1 in two bytes */
        static const uint8_t zero2[2] = { 0x80, 0x00 };           /* 0 in two bytes */
        static const uint8_t eleven[11] = { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                                            0x80, 0x80, 0x80, 0x00 };
        static const uint8_t max[10] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                         0xff, 0x01 };           /* UINT64_MAX */
        static const uint8_t max1[10] = { 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                          0xff, 0x01 };          /* UINT64_MAX - 1 */
        static const uint8_t over[10] = { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                                          0x80, 0x02 };           /* 2^64 */

        /* The hand-built reference is accepted. */
        n = build_header(buf, 1, HUFF_FLAG_CONTENT_SIZE, 4096, v300, 2);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_OK);
        ck_assert_uint_eq(fh.content_size, 300);
        ck_assert_uint_eq(fh.block_size, 4096);
        ck_assert_uint_eq(size, n);
        n = build_header(buf, 1, HUFF_FLAG_CONTENT_SIZE, 4096, max1, 10);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_OK);
        ck_assert_uint_eq(fh.content_size, UINT64_MAX - 1);

        /* Versions other than 1 and 2. */
        for (unsigned v = 0; v < 256; v += 1 + (v > 3) * 50) {
                if (v == HUFF_FORMAT_V1 || v == HUFF_FORMAT_V2)
                        continue;
                n = build_header(buf, v, 0, 4096, NULL, 0);
                ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_VERSION);
        }
        /* Unknown flags in a checked header: a newer writer.  (Bits 0-2
         * are content size, checksum and model.) */
        for (unsigned f = 8; f < 256; f <<= 1) {
                n = build_header(buf, 1, f, 4096, NULL, 0);
                ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_VERSION);
        }
        /* Block sizes out of range. */
        n = build_header(buf, 1, 0, HUFF_BLOCK_SIZE_MIN - 1, NULL, 0);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_FRAME_HEADER);
        n = build_header(buf, 1, 0, 0, NULL, 0);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_FRAME_HEADER);
        n = build_header(buf, 1, 0, HUFF_BLOCK_SIZE_MAX + 1, NULL, 0);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_FRAME_HEADER);
        n = build_header(buf, 1, 0, 0xffffff, NULL, 0);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_FRAME_HEADER);
        /* Varints: one encoding per value, at most 10 bytes, below 2^64,
         * and UINT64_MAX is reserved for "unknown". */
        n = build_header(buf, 1, HUFF_FLAG_CONTENT_SIZE, 4096, nonminimal, 2);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_FRAME_HEADER);
        n = build_header(buf, 1, HUFF_FLAG_CONTENT_SIZE, 4096, zero2, 2);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_FRAME_HEADER);
        n = build_header(buf, 1, HUFF_FLAG_CONTENT_SIZE, 4096, eleven, 11);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_FRAME_HEADER);
        n = build_header(buf, 1, HUFF_FLAG_CONTENT_SIZE, 4096, max, 10);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_FRAME_HEADER);
        n = build_header(buf, 1, HUFF_FLAG_CONTENT_SIZE, 4096, over, 10);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_FRAME_HEADER);
        /* A wrong check. */
        n = build_header(buf, 1, 0, 4096, NULL, 0);
        buf[n - 1] ^= 0x40;
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_FRAME_HEADER);
        /* Not the magic, from the first byte on. */
        buf[0] = 'H';
        ck_assert_int_eq(parse(buf, 1, &fh, &size), HUFF_ERR_BAD_MAGIC);
        ck_assert_int_eq(parse(buf, n, &fh, &size), HUFF_ERR_BAD_MAGIC);
}
END_TEST

START_TEST(magic_prefix)
{
        const uint8_t magic[4] = { HUFF_MAGIC0, HUFF_MAGIC1, HUFF_MAGIC2, HUFF_MAGIC3 };
        uint8_t buf[8];

        for (size_t n = 0; n <= 4; n++)
                ck_assert_int_eq(huff_frame_magic_prefix(guarded_small(magic, n), n), 1);
        memcpy(buf, magic, 4);
        buf[4] = 0;
        ck_assert_int_eq(huff_frame_magic_prefix(buf, 5), 1);
        for (size_t k = 0; k < 4; k++) {
                memcpy(buf, magic, 4);
                buf[k] ^= 0x20;
                ck_assert_int_eq(huff_frame_magic_prefix(buf, 4), 0);
                ck_assert_int_eq(huff_frame_magic_prefix(buf, k + 1), 0);
                ck_assert_int_eq(huff_frame_magic_prefix(buf, k), 1);
        }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Block header */

/* The types this library knows are 0..known_types()-1, each named. */
static unsigned known_types(void)
{
        unsigned t = 0;

        while (huff_block_type_name(t))
                t++;
        return t;
}

static enum huff_status parse_block(const uint8_t *src, uint32_t block_size,
                                    struct huff_block_header *h)
{
        return huff_block_header_parse(guarded_small(src, HUFF_BLOCK_HEADER_SIZE),
                                       block_size, HUFF_FORMAT_VERSION_MAX, h);
}

/* A valid header of the given type for a frame of block_size. */
static void random_block_header(struct rng *r, enum huff_block_type type, uint32_t block_size,
                                struct huff_block_header *h)
{
        h->type = type;
        h->decoded_size = (uint32_t)(rng_below(r, 4) ? rng_range(r, 1, block_size) :
                                     rng_below(r, 2) ? block_size : rng_range(r, 1, 2));
        h->four_streams = 0;
        switch (type) {
        case HUFF_BLOCK_RAW:
                h->payload_size = h->decoded_size;
                break;
        case HUFF_BLOCK_RLE:
                h->payload_size = 1;
                break;
        default:
                if (h->decoded_size < 2)
                        h->decoded_size = 2;
                h->payload_size = (uint32_t)rng_range(r, 1, h->decoded_size - 1);
                /* context blocks count their streams in their payload */
                h->four_streams = type != HUFF_BLOCK_CONTEXT &&
                                  h->decoded_size >= HUFF_FOUR_STREAMS_MIN && rng_below(r, 2);
                break;
        }
}

static void write_block(uint8_t *dst, const struct huff_block_header *h)
{
        huff_block_header_write(dst, h->type, h->four_streams, h->decoded_size,
                                      h->payload_size);
}

/* Rewrite the check after changing a field by hand. */
static void recheck(uint8_t *hdr)
{
        uint32_t c = huff_frame_header_check(hdr, 7);

        hdr[7] = (uint8_t)c;
        hdr[8] = (uint8_t)(c >> 8);
}

static void block_header_round_trip_case(void)
{
        struct rng r;
        uint32_t bs;

        rng_seed(&r, STREAM + 2, test_seed);
        bs = test_seed % 2 ? HUFF_BLOCK_SIZE_MAX :
             (uint32_t)rng_range(&r, HUFF_BLOCK_SIZE_MIN, HUFF_BLOCK_SIZE_MAX);
        for (unsigned t = 0; huff_block_type_name(t); t++) {
                for (unsigned k = 0; k < 16; k++) {
                        struct huff_block_header h, got;
                        uint8_t buf[HUFF_BLOCK_HEADER_SIZE + 4];

                        random_block_header(&r, (enum huff_block_type)t, bs, &h);
                        memset(buf, 0x77, sizeof(buf));
                        write_block(buf, &h);
                        ck_assert_uint_eq(buf[HUFF_BLOCK_HEADER_SIZE], 0x77);
                        ck_assert_uint_ne(buf[0], HUFF_TAG_END);
                        memset(&got, 0xee, sizeof(got));
                        ck_assert_int_eq(parse_block(buf, bs, &got), HUFF_OK);
                        ck_assert_int_eq(got.type, h.type);
                        ck_assert_int_eq(got.four_streams, h.four_streams);
                        ck_assert_uint_eq(got.decoded_size, h.decoded_size);
                        ck_assert_uint_eq(got.payload_size, h.payload_size);

                        /* Every single-bit flip fails the check. */
                        for (unsigned bit = 0; bit < HUFF_BLOCK_HEADER_SIZE * 8; bit++) {
                                uint8_t bad[HUFF_BLOCK_HEADER_SIZE];
                                enum huff_status s;

                                memcpy(bad, buf, sizeof(bad));
                                bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
                                s = parse_block(bad, bs, &got);
                                TEST_ASSERT(s == HUFF_ERR_BLOCK_HEADER,
                                            "type %u, bit %u flipped: %s", t, bit,
                                            huff_strerror(s));
                        }
                }
        }
}

START_TEST(block_header_round_trip)
{
        FOR_EACH_SEED(2)
                block_header_round_trip_case();
}
END_TEST

/* Headers with a correct check but fields the format forbids. */
START_TEST(block_header_invalid)
{
        const uint32_t bs = 4096;
        struct huff_block_header h;
        uint8_t buf[HUFF_BLOCK_HEADER_SIZE];

#define EXPECT(type, four, dsize, psize, want) do {                             \
        huff_block_header_write(buf, type, four, dsize, psize);           \
        ck_assert_msg(parse_block(buf, bs, &h) == (want),                       \
                      "type %d four %d decoded %u payload %u: %s, want %s",     \
                      (int)(type), four, (unsigned)(dsize), (unsigned)(psize),  \
                      huff_strerror(parse_block(buf, bs, &h)),                  \
                      huff_strerror(want));                                     \
} while (0)

        /* raw: the payload is the data */
        EXPECT(HUFF_BLOCK_RAW, 0, 100, 100, HUFF_OK);
        EXPECT(HUFF_BLOCK_RAW, 0, 100, 99, HUFF_ERR_BLOCK_HEADER);
        EXPECT(HUFF_BLOCK_RAW, 0, 100, 101, HUFF_ERR_BLOCK_HEADER);
        EXPECT(HUFF_BLOCK_RAW, 0, 100, 0, HUFF_ERR_BLOCK_HEADER);
        EXPECT(HUFF_BLOCK_RAW, 1, 100, 100, HUFF_ERR_BLOCK_HEADER);
        /* rle: one byte */
        EXPECT(HUFF_BLOCK_RLE, 0, 100, 1, HUFF_OK);
        EXPECT(HUFF_BLOCK_RLE, 0, 100, 0, HUFF_ERR_BLOCK_HEADER);
        EXPECT(HUFF_BLOCK_RLE, 0, 100, 2, HUFF_ERR_BLOCK_HEADER);
        EXPECT(HUFF_BLOCK_RLE, 0, 1, 1, HUFF_OK);
        EXPECT(HUFF_BLOCK_RLE, 1, 100, 1, HUFF_ERR_BLOCK_HEADER);
        /* huffman and repeat: 1 <= payload < decoded; four streams only
         * from HUFF_FOUR_STREAMS_MIN bytes */
        for (int t = HUFF_BLOCK_HUFFMAN; t <= HUFF_BLOCK_REPEAT; t++) {
                enum huff_block_type ty = (enum huff_block_type)t;

                EXPECT(ty, 0, 100, 99, HUFF_OK);
                EXPECT(ty, 0, 100, 1, HUFF_OK);
                EXPECT(ty, 0, 100, 0, HUFF_ERR_BLOCK_HEADER);
                EXPECT(ty, 0, 100, 100, HUFF_ERR_BLOCK_HEADER);
                EXPECT(ty, 0, 100, 101, HUFF_ERR_BLOCK_HEADER);
                EXPECT(ty, 0, 1, 1, HUFF_ERR_BLOCK_HEADER);
                EXPECT(ty, 1, HUFF_FOUR_STREAMS_MIN, 10, HUFF_OK);
                EXPECT(ty, 1, HUFF_FOUR_STREAMS_MIN - 1, 10, HUFF_ERR_BLOCK_HEADER);
                EXPECT(ty, 1, 2, 1, HUFF_ERR_BLOCK_HEADER);
                EXPECT(ty, 0, HUFF_FOUR_STREAMS_MIN - 1, 10, HUFF_OK);
        }
        /* context: 1 <= payload < decoded, and never the four-streams bit
         * (its stream count is in its payload) */
        EXPECT(HUFF_BLOCK_CONTEXT, 0, 100, 99, HUFF_OK);
        EXPECT(HUFF_BLOCK_CONTEXT, 0, 100, 0, HUFF_ERR_BLOCK_HEADER);
        EXPECT(HUFF_BLOCK_CONTEXT, 0, 100, 100, HUFF_ERR_BLOCK_HEADER);
        EXPECT(HUFF_BLOCK_CONTEXT, 1, 100, 50, HUFF_ERR_BLOCK_HEADER);
        /* Larger than the frame's block size, whatever the type. */
        EXPECT(HUFF_BLOCK_RAW, 0, bs, bs, HUFF_OK);
        EXPECT(HUFF_BLOCK_RAW, 0, bs + 1, bs + 1, HUFF_ERR_BLOCK_SIZE);
        EXPECT(HUFF_BLOCK_RLE, 0, bs + 1, 1, HUFF_ERR_BLOCK_SIZE);
        EXPECT(HUFF_BLOCK_RLE, 0, 1u << 24, 1, HUFF_ERR_BLOCK_SIZE);
        EXPECT(HUFF_BLOCK_HUFFMAN, 1, bs + 1, 100, HUFF_ERR_BLOCK_SIZE);
        EXPECT(HUFF_BLOCK_REPEAT, 0, bs + 1, 100, HUFF_ERR_BLOCK_SIZE);
        /* Types this version does not know, the end tag among them (the
         * caller tells an end mark by its tag before parsing). */
        for (unsigned t = known_types(); t <= HUFF_TAG_TYPE_MASK; t++)
                EXPECT((enum huff_block_type)t, 0, 100, 50, HUFF_ERR_BLOCK_HEADER);
#undef EXPECT

        /* Reserved tag bits, each alone, with a correct check. */
        for (unsigned bit = 0x10; bit <= 0x80; bit <<= 1) {
                for (unsigned t = 0; huff_block_type_name(t); t++) {
                        huff_block_header_write(buf, (enum huff_block_type)t, 0, 100,
                                                      t == HUFF_BLOCK_RAW ? 100 : 1);
                        ck_assert_int_eq(parse_block(buf, bs, &h), HUFF_OK);
                        buf[0] |= (uint8_t)bit;
                        recheck(buf);
                        ck_assert_int_eq(parse_block(buf, bs, &h), HUFF_ERR_BLOCK_HEADER);
                }
        }
        /* The decoded size is stored minus one: 2^24 fits exactly. */
        huff_block_header_write(buf, HUFF_BLOCK_RLE, 0, 1u << 24, 1);
        ck_assert_uint_eq(buf[1] & buf[2] & buf[3], 0xff);
        ck_assert_int_eq(huff_block_header_parse(buf, 1u << 24, HUFF_FORMAT_V1, &h), HUFF_OK);
        ck_assert_uint_eq(h.decoded_size, 1u << 24);
}
END_TEST

/* Each type exists from a format version on (context from 2, the others
 * from 1): a frame of an earlier version cannot hold it.  And the types'
 * roles for the current code are FORMAT.md 3.3's. */
START_TEST(block_types_by_version)
{
        uint8_t buf[HUFF_BLOCK_HEADER_SIZE];
        struct huff_block_header h;

        for (unsigned t = 0; huff_block_type_name(t); t++) {
                huff_block_header_write(buf, (enum huff_block_type)t, 0, 100,
                                        t == HUFF_BLOCK_RAW ? 100 : 1);
                unsigned first = t == HUFF_BLOCK_CONTEXT ? HUFF_FORMAT_V2 : HUFF_FORMAT_V1;

                ck_assert_int_eq(huff_block_header_parse(buf, 1024, first, &h), HUFF_OK);
                ck_assert_int_eq(huff_block_header_parse(buf, 1024, HUFF_FORMAT_VERSION_MAX, &h),
                                 HUFF_OK);
                ck_assert_int_eq(huff_block_header_parse(buf, 1024, first - 1, &h),
                                 HUFF_ERR_BLOCK_HEADER);
                ck_assert_int_eq(huff_block_sets_code((enum huff_block_type)t),
                                 t == HUFF_BLOCK_HUFFMAN);
                ck_assert_int_eq(huff_block_uses_code((enum huff_block_type)t),
                                 t == HUFF_BLOCK_REPEAT);
                ck_assert_ptr_nonnull(huff_block_type_name(t));
        }
}
END_TEST

START_TEST(end_mark)
{
        uint8_t buf[HUFF_END_SIZE + 1];

        memset(buf, 0x33, sizeof(buf));
        ck_assert_uint_eq(huff_frame_write_end(buf, 0, 0x0123456789abcdefull), 1);
        ck_assert_uint_eq(buf[0], HUFF_TAG_END);
        ck_assert_uint_eq(buf[1], 0x33);
        ck_assert_uint_eq(huff_frame_write_end(buf, 1, 0x0123456789abcdefull), HUFF_END_SIZE);
        ck_assert_uint_eq(buf[0], HUFF_TAG_END);
        /* the low 32 bits of the digest, little-endian */
        ck_assert_uint_eq(buf[1], 0xef);
        ck_assert_uint_eq(buf[2], 0xcd);
        ck_assert_uint_eq(buf[3], 0xab);
        ck_assert_uint_eq(buf[4], 0x89);
        ck_assert_uint_eq(buf[5], 0x33);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("frame");
        TCase *tc = tcase_create("frame");

        /* 16 x 8 headers: the NCONTENT x NBLOCK edges, then random ones */
        tcase_add_loop_test(tc, frame_header_round_trip, 0, 16);
        tcase_add_loop_test(tc, frame_header_truncated, 0, 16);
        tcase_add_loop_test(tc, frame_header_bit_flips, 0, 16);
        tcase_add_test(tc, frame_header_bad_fields);
        tcase_add_test(tc, magic_prefix);
        tcase_add_loop_test(tc, block_header_round_trip, 0, 4);
        tcase_add_test(tc, block_header_invalid);
        tcase_add_test(tc, block_types_by_version);
        tcase_add_test(tc, end_mark);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
