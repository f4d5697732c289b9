/*
 * oneshot.c - huff_compress() and huff_decompress() over whole buffers
 *
 * Thin wrappers over the streaming contexts, whose in-place paths mean that
 * a whole buffer is coded without staging copies.
 */
#include "format.h"
#include "stream.h"

size_t huff_compress_bound(size_t src_size)
{
        /* Every block can fall back to stored; the smallest block size
         * gives the most block headers. */
        size_t blocks = src_size / HUFF_BLOCK_SIZE_MIN + 1;
        size_t fixed = HUFF_FRAME_HEADER_MAX + HUFF_END_SIZE;

        if (src_size > SIZE_MAX - fixed ||
            blocks > (SIZE_MAX - fixed - src_size) / HUFF_BLOCK_HEADER_SIZE)
                return 0;
        return src_size + blocks * HUFF_BLOCK_HEADER_SIZE + fixed;
}

enum huff_status huff_compress(void *dst, size_t dst_cap, size_t *dst_size,
                               const void *src, size_t src_size,
                               const struct huff_params *p)
{
        struct huff_params params;
        struct huff_encoder *e;
        struct huff_inbuf in = { src, src_size, 0 };
        struct huff_outbuf out = { dst, dst_cap, 0 };
        enum huff_status s;
        size_t pending;

        if (!dst_size || (!dst && dst_cap) || (!src && src_size))
                return HUFF_ERR_PARAM;
        *dst_size = 0;
        TRY(huff_params_or_defaults(&params, p));
        params.content_size = src_size;
        TRY(huff_stream_encoder_create(&e, &params, src_size));
        s = huff_encoder_feed(e, &out, &in);
        if (s == HUFF_OK)
                s = huff_encoder_finish(e, &out, &pending);
        if (s == HUFF_OK && (pending || in.pos < in.size))
                s = HUFF_ERR_DST_TOO_SMALL;
        huff_encoder_free(e);
        *dst_size = out.pos;
        return s;
}

enum huff_status huff_decompress(void *dst, size_t dst_cap, size_t *dst_size,
                                 const void *src, size_t src_size)
{
        return huff_decompress_model(dst, dst_cap, dst_size, src, src_size, NULL);
}

enum huff_status huff_decompress_model(void *dst, size_t dst_cap, size_t *dst_size,
                                       const void *src, size_t src_size,
                                       const struct huff_model *m)
{
        struct huff_decoder *d;
        struct huff_inbuf in = { src, src_size, 0 };
        struct huff_outbuf out = { dst, dst_cap, 0 };
        enum huff_status s;

        if (!dst_size || (!dst && dst_cap) || (!src && src_size))
                return HUFF_ERR_PARAM;
        *dst_size = 0;
        TRY(huff_decoder_create(&d));
        huff_decoder_set_model(d, m);
        s = huff_decoder_feed(d, &out, &in);
        /* Input left over with the output full: dst was too small. */
        if (s == HUFF_OK && (in.pos < in.size || huff_stream_decoder_pending(d)))
                s = HUFF_ERR_DST_TOO_SMALL;
        if (s == HUFF_OK)
                s = huff_decoder_finish(d);
        huff_decoder_free(d);
        *dst_size = out.pos;
        return s;
}
