/*
 * fuzz_roundtrip.c - compress with fuzzed parameters, decompress, compare
 *
 * Input: 4 parameter bytes, then the data.
 *
 *   byte 0: level 1 + (b % 9); bit 4 no checksum, bit 5 a streaming
 *           encoder, bit 6 a model made from the data's own counts
 *           (smoothed if byte 2 is odd), bit 7 (streaming) the content
 *           size pledged
 *   byte 1: code length limit 8 + (b % 8); b >> 3 picks the block size:
 *           0..19 small (256 + u16 of bytes 2-3 mod 3841), 20..25 4 KiB,
 *           26..28 64 KiB, 29 128 KiB, 30 256 KiB, 31 1 MiB
 *   bytes 2-3: also the seed of the streaming piece sizes
 *
 * The frame must decode to the data, one-shot and streaming in random
 * pieces; a streaming encoder with the size pledged must write what
 * huff_compress() writes; and one byte less of room than the frame needs
 * must give HUFF_ERR_DST_TOO_SMALL.
 */
#include "fuzz_util.h"

#define DATA_MAX ((size_t)1 << 18)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Compress src with e in random pieces into dst; returns the frame's size. */
static size_t stream_compress(struct huff_encoder *e, struct fuzz_rng *r, const uint8_t *src,
                              size_t n, uint8_t *dst, size_t cap)
{
        size_t ipos = 0, opos = 0, pending = 1;
        enum huff_status s;

        while (ipos < n) {
                size_t ilen = fuzz_chunk(r, n - ipos), olen = fuzz_chunk(r, 1u << 17);
                struct huff_inbuf in = { src + ipos, ilen, 0 };
                struct huff_outbuf out = { dst + opos, HUFF_MIN_SZ(olen, cap - opos), 0 };

                s = huff_encoder_feed(e, &out, &in);
                FUZZ_ASSERT(s == HUFF_OK, "feed: %s", huff_strerror(s));
                ipos += in.pos;
                opos += out.pos;
        }
        while (pending) {
                size_t olen = fuzz_chunk(r, 1u << 17);
                struct huff_outbuf out = { dst + opos, HUFF_MIN_SZ(olen, cap - opos), 0 };

                s = huff_encoder_finish(e, &out, &pending);
                FUZZ_ASSERT(s == HUFF_OK, "finish: %s", huff_strerror(s));
                opos += out.pos;
                FUZZ_ASSERT(pending == 0 || opos < cap, "no room left with %zu pending", pending);
        }
        return opos;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static uint8_t *comp, *comp2, *back;
        static size_t cap;
        struct huff_model *m = NULL;
        struct huff_params p;
        struct huff_decoder *d;
        struct fuzz_rng r;
        size_t n, csize, dsize, sel;
        enum huff_status s;

        if (size < 4)
                return 0;
        if (!comp) {
                cap = huff_compress_bound(DATA_MAX);
                comp = malloc(cap);
                comp2 = malloc(cap);
                back = malloc(DATA_MAX);
                if (!comp || !comp2 || !back)
                        abort();
        }
        huff_params_init(&p);
        p.level = 1 + data[0] % 9;
        p.checksum = !(data[0] & 0x10);
        p.max_code_len = 8 + data[1] % 8;
        sel = data[1] >> 3;
        p.block_size = sel < 20 ? 256 + (data[2] | (uint32_t)data[3] << 8) % 3841 :
                       sel < 26 ? 4096 : sel < 29 ? 65536 : sel == 29 ? 131072 :
                       sel == 30 ? 262144 : HUFF_BLOCK_SIZE_MAX;
        r.s = data[2] | (uint64_t)data[3] << 8 | (uint64_t)data[0] << 16;
        n = HUFF_MIN_SZ(size - 4, DATA_MAX);
        data += 4;

        if (data[-4] & 0x40) {
                uint64_t counts[256];

                huff_histogram(data, n, counts);
                /* Unsmoothed half the time: byte values the model lacks. */
                if (huff_model_create(&m, counts, data[-2] & 1, 2, p.max_code_len) == HUFF_OK)
                        p.model = m;
        }

        s = huff_compress(comp, cap, &csize, data, n, &p);
        FUZZ_ASSERT(s == HUFF_OK, "compress: %s", huff_strerror(s));
        FUZZ_ASSERT(csize <= huff_compress_bound(n), "%zu bytes over the bound", csize);
        s = huff_compress(comp2, csize - 1, &dsize, data, n, &p);
        FUZZ_ASSERT(s == HUFF_ERR_DST_TOO_SMALL, "one byte short: %s", huff_strerror(s));

        if (data[-4] & 0x20) {
                struct huff_encoder *e;
                size_t c2;

                p.content_size = data[-4] & 0x80 ? n : HUFF_CONTENT_SIZE_UNKNOWN;
                FUZZ_ASSERT(huff_encoder_create(&e, &p) == HUFF_OK, "encoder");
                c2 = stream_compress(e, &r, data, n, comp2, cap);
                huff_encoder_free(e);
                if (p.content_size == n)
                        FUZZ_ASSERT(c2 == csize && memcmp(comp, comp2, csize) == 0,
                                    "streaming with the size pledged differs from one-shot");
                memcpy(comp, comp2, c2);
                csize = c2;
        }

        s = huff_decompress_model(back, DATA_MAX, &dsize, comp, csize, m);
        FUZZ_ASSERT(s == HUFF_OK, "decompress: %s", huff_strerror(s));
        FUZZ_ASSERT(dsize == n && memcmp(back, data, n) == 0, "round trip differs");

        FUZZ_ASSERT(huff_decoder_create(&d) == HUFF_OK, "decoder");
        huff_decoder_set_model(d, m);
        s = fuzz_stream_decode(d, &r, comp, csize, back, DATA_MAX, &dsize, 4096, 4096);
        FUZZ_ASSERT(s == HUFF_OK, "streaming decompress: %s", huff_strerror(s));
        FUZZ_ASSERT(dsize == n && memcmp(back, data, n) == 0, "streaming round trip differs");
        huff_decoder_free(d);
        huff_model_free(m);
        return 0;
}
