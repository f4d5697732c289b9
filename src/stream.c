/*
 * stream.c - the streaming encoder and decoder (huff_encoder_*, huff_decoder_*)
 *
 * Both are state machines over caller-supplied buffers of any size.  They
 * copy only when they must: a whole block available in the caller's input
 * is encoded or decoded in place, and when the caller's output has room for
 * a whole block it is written there directly.  So the one-shot calls, which
 * are thin wrappers over these, pay for no staging copies.
 */
#include <stdlib.h>

#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "block.h"
#include "block_split.h"
#include "frame.h"
#include "model.h"
#include "stream.h"

/* ------------------------------------------------------------------------ */
/* Encoder                                                                   */

/* ENC_FINISH: finish was called but the stage could not drain yet, so the
 * end mark is not written; the frame takes no more input from then on. */
enum enc_state { ENC_START, ENC_RUN, ENC_FINISH, ENC_DONE, ENC_FAILED };

struct huff_encoder {
        struct huff_params params;
        enum enc_state state;
        enum huff_status error;
        struct huff_block_encoder be;
        XXH3_state_t *hash;
        uint64_t fed;                   /* bytes consumed in this frame */
        size_t chunk;                   /* splitter's grain; 0: no splitter */
        size_t seg;                     /* bytes coded together: a block, or
                                           a segment the splitter cuts */
        size_t buf_size;                /* largest segment the buffers take */
        uint32_t *sizes;                /* the splitter's block sizes */
        void *split_work;
        uint8_t *in;                    /* a partial segment */
        size_t in_fill;
        uint8_t *stage;                 /* encoded bytes waiting for room */
        size_t stage_pos, stage_len;
};

/* Room for a segment of n bytes cut into at most blocks blocks: each
 * block is at most its header plus its bytes, and the last one's 8-byte
 * stores may run HUFF_BLOCK_SLACK past it. */
static size_t segment_room(size_t n, size_t blocks)
{
        return n + blocks * HUFF_BLOCK_HEADER_SIZE + HUFF_BLOCK_SLACK;
}

static size_t max_blocks(const struct huff_encoder *e, size_t n)
{
        return e->chunk ? huff_split_max_blocks(n, e->chunk) : 1;
}

static size_t stage_cap(const struct huff_encoder *e)
{
        return HUFF_FRAME_HEADER_MAX + segment_room(e->buf_size, max_blocks(e, e->buf_size)) +
               HUFF_END_SIZE;
}

/* buf_size: the most bytes this encoder will be given in all; a one-shot
 * call with a small input needs no segment-sized buffers. */
enum huff_status huff_stream_encoder_create(struct huff_encoder **ep,
                                       const struct huff_params *p, size_t buf_size)
{
        struct huff_encoder *e;

        *ep = NULL;
        e = calloc(1, sizeof(*e));
        if (!e)
                return HUFF_ERR_NOMEM;
        e->params = *p;
        e->chunk = HUFF_MIN(huff_split_chunk_size(p->level), (size_t)p->block_size);
        e->seg = e->chunk ? HUFF_SEGMENT_SIZE : p->block_size;
        e->buf_size = HUFF_MAX(HUFF_MIN(buf_size, e->seg), (size_t)1);
        e->in = malloc(e->buf_size);
        e->stage = malloc(stage_cap(e));
        e->hash = XXH3_createState();
        if (e->chunk) {
                e->sizes = malloc(max_blocks(e, e->buf_size) * sizeof(*e->sizes));
                e->split_work = malloc(huff_split_work_size(e->buf_size, e->chunk));
        }
        if (!e->in || !e->stage || !e->hash || (e->chunk && (!e->sizes || !e->split_work))) {
                huff_encoder_free(e);
                return HUFF_ERR_NOMEM;
        }
        huff_encoder_reset(e, p->content_size);
        *ep = e;
        return HUFF_OK;
}

enum huff_status huff_encoder_create(struct huff_encoder **e, const struct huff_params *p)
{
        struct huff_params def;

        if (!e)
                return HUFF_ERR_PARAM;
        *e = NULL;
        if (!p) {
                huff_params_init(&def);
                p = &def;
        }
        TRY(huff_params_check(p));
        return huff_stream_encoder_create(e, p, SIZE_MAX);
}

enum huff_status huff_encoder_reset(struct huff_encoder *e, uint64_t content_size)
{
        if (!e)
                return HUFF_ERR_PARAM;
        e->params.content_size = content_size;
        e->state = ENC_START;
        e->error = HUFF_OK;
        e->fed = 0;
        e->in_fill = 0;
        e->stage_pos = e->stage_len = 0;
        huff_block_encoder_reset(&e->be, e->params.max_code_len, e->params.model);
        XXH3_64bits_reset(e->hash);
        return HUFF_OK;
}

void huff_encoder_free(struct huff_encoder *e)
{
        if (!e)
                return;
        free(e->in);
        free(e->stage);
        free(e->sizes);
        free(e->split_work);
        XXH3_freeState(e->hash);
        free(e);
}

static enum huff_status enc_fail(struct huff_encoder *e, enum huff_status s)
{
        e->state = ENC_FAILED;
        e->error = s;
        return s;
}

/* Move staged bytes to out; 1 when the stage is empty. */
static int drain(uint8_t *stage, size_t *pos, size_t *len, struct huff_outbuf *out)
{
        size_t n = HUFF_MIN(*len - *pos, out->size - out->pos);

        if (n) {
                memcpy((uint8_t *)out->dst + out->pos, stage + *pos, n);
                out->pos += n;
                *pos += n;
        }
        if (*pos < *len)
                return 0;
        *pos = *len = 0;
        return 1;
}

/* Encode a segment: one block, or the blocks the splitter cuts it into;
 * straight into out when the whole segment fits there. */
static void enc_segment(struct huff_encoder *e, const uint8_t *src, size_t n,
                        struct huff_outbuf *out)
{
        struct huff_block_info info;
        uint32_t one = (uint32_t)n, *sizes = &one;
        size_t blocks = 1;
        uint8_t *dst, *start;

        if (e->params.checksum)
                XXH3_64bits_update(e->hash, src, n);
        if (e->chunk) {
                blocks = huff_split_blocks(src, n, e->chunk, e->params.block_size,
                                           e->params.max_code_len, e->sizes, e->split_work);
                sizes = e->sizes;
        }
        if (out->size - out->pos >= segment_room(n, blocks)) {
                start = (uint8_t *)out->dst + out->pos;
        } else {
                HUFF_ASSERT(e->stage_len == 0);
                start = e->stage;
        }
        dst = start;
        for (size_t b = 0; b < blocks; b++) {
                dst += huff_block_encode(&e->be, src, sizes[b], dst, &info);
                src += sizes[b];
        }
        if (start == e->stage)
                e->stage_len = (size_t)(dst - start);
        else
                out->pos += (size_t)(dst - start);
}

static void enc_start(struct huff_encoder *e)
{
        struct huff_frame_header fh = {
                .block_size = e->params.block_size,
                .content_size = e->params.content_size,
                .checksum = e->params.checksum,
                .has_model = e->params.model != NULL,
                .model_id = e->params.model ? e->params.model->id : 0,
        };

        e->stage_len = huff_frame_write_header(e->stage, &fh);
        e->stage_pos = 0;
        e->state = ENC_RUN;
}

enum huff_status huff_encoder_feed(struct huff_encoder *e, struct huff_outbuf *out,
                                   struct huff_inbuf *in)
{
        size_t bs;

        if (!e || !out || !in || in->pos > in->size || out->pos > out->size)
                return HUFF_ERR_PARAM;
        if (e->state == ENC_FAILED)
                return e->error;
        if (e->state == ENC_FINISH || e->state == ENC_DONE)
                return HUFF_ERR_STAGE;
        if (e->state == ENC_START)
                enc_start(e);
        bs = e->buf_size;
        for (;;) {
                const uint8_t *src = (const uint8_t *)in->src + in->pos;
                size_t avail = in->size - in->pos;

                if (!drain(e->stage, &e->stage_pos, &e->stage_len, out) || avail == 0)
                        return HUFF_OK;
                if (e->params.content_size != HUFF_CONTENT_SIZE_UNKNOWN &&
                    avail > e->params.content_size - e->fed)
                        return enc_fail(e, HUFF_ERR_CONTENT_SIZE);
                if (e->in_fill == 0 && avail >= bs) {
                        enc_segment(e, src, bs, out);
                        in->pos += bs;
                        e->fed += bs;
                        continue;
                }
                size_t n = HUFF_MIN(bs - e->in_fill, avail);

                memcpy(e->in + e->in_fill, src, n);
                e->in_fill += n;
                in->pos += n;
                e->fed += n;
                if (e->in_fill == bs) {
                        enc_segment(e, e->in, bs, out);
                        e->in_fill = 0;
                }
        }
}

enum huff_status huff_encoder_finish(struct huff_encoder *e, struct huff_outbuf *out,
                                     size_t *pending)
{
        if (!e || !out || !pending || out->pos > out->size)
                return HUFF_ERR_PARAM;
        *pending = 0;
        if (e->state == ENC_FAILED)
                return e->error;
        if (e->state == ENC_START)
                enc_start(e);
        if (e->state == ENC_RUN || e->state == ENC_FINISH) {
                if (!drain(e->stage, &e->stage_pos, &e->stage_len, out)) {
                        e->state = ENC_FINISH;
                        *pending = e->stage_len - e->stage_pos + e->in_fill + HUFF_END_SIZE;
                        return HUFF_OK;
                }
                if (e->params.content_size != HUFF_CONTENT_SIZE_UNKNOWN &&
                    e->fed != e->params.content_size)
                        return enc_fail(e, HUFF_ERR_CONTENT_SIZE);
                if (e->in_fill) {
                        /* into the stage, so that the end mark can follow */
                        struct huff_outbuf none = { NULL, 0, 0 };

                        enc_segment(e, e->in, e->in_fill, &none);
                        e->in_fill = 0;
                }
                e->stage_len += huff_frame_write_end(e->stage + e->stage_len, e->params.checksum,
                                                     e->params.checksum ? XXH3_64bits_digest(e->hash) : 0);
                e->state = ENC_DONE;
        }
        drain(e->stage, &e->stage_pos, &e->stage_len, out);
        *pending = e->stage_len - e->stage_pos;
        return HUFF_OK;
}

/* ------------------------------------------------------------------------ */
/* Decoder                                                                   */

enum dec_state { DEC_FRAME, DEC_BLOCK_HEADER, DEC_PAYLOAD, DEC_FLUSH, DEC_END, DEC_FAILED };

struct huff_decoder {
        enum dec_state state;
        enum huff_status error;
        uint8_t hdr[HUFF_FRAME_HEADER_MAX];     /* header bytes so far */
        size_t hdr_fill;
        struct huff_frame_header fh;
        struct huff_block_header bh;
        uint64_t frame_out;                     /* bytes decoded in this frame */
        XXH3_state_t *hash;
        uint8_t *payload;                       /* a payload split across feeds */
        size_t payload_fill, payload_cap;
        uint8_t *block;                         /* a block waiting for room */
        size_t block_pos, block_len, block_cap;
        struct huff_stats stats;
        const struct huff_model *model;         /* given by the caller */
        uint32_t model_wanted;                  /* a frame's model id */
        huff_block_hook on_block;
        void *on_block_ctx;
        struct huff_block_decoder bd;
};

enum huff_status huff_decoder_create(struct huff_decoder **dp)
{
        struct huff_decoder *d;

        if (!dp)
                return HUFF_ERR_PARAM;
        *dp = NULL;
        /* Not calloc: zeroing the decode tables (72 KiB, filled by each
         * block before use) cost more than decoding a 4 KiB file. */
        d = malloc(sizeof(*d));
        if (!d)
                return HUFF_ERR_NOMEM;
        memset(d, 0, offsetof(struct huff_decoder, bd) +
               offsetof(struct huff_block_decoder, table));
        d->hash = XXH3_createState();
        if (!d->hash) {
                free(d);
                return HUFF_ERR_NOMEM;
        }
        huff_decoder_reset(d);
        *dp = d;
        return HUFF_OK;
}

void huff_decoder_reset(struct huff_decoder *d)
{
        if (!d)
                return;
        d->state = DEC_FRAME;
        d->error = HUFF_OK;
        d->model_wanted = 0;
        d->hdr_fill = 0;
        d->payload_fill = 0;
        d->block_pos = d->block_len = 0;
        memset(&d->stats, 0, sizeof(d->stats));
}

void huff_decoder_free(struct huff_decoder *d)
{
        if (!d)
                return;
        free(d->payload);
        free(d->block);
        XXH3_freeState(d->hash);
        free(d);
}

void huff_decoder_stats(const struct huff_decoder *d, struct huff_stats *st)
{
        *st = d->stats;
}

static enum huff_status dec_fail(struct huff_decoder *d, enum huff_status s)
{
        d->state = DEC_FAILED;
        d->error = s;
        return s;
}

/* Grow a buffer to the frame's block size, which the header check has
 * already bounded by HUFF_BLOCK_SIZE_MAX. */
static enum huff_status reserve(uint8_t **buf, size_t *cap, size_t need)
{
        if (*cap >= need)
                return HUFF_OK;
        free(*buf);
        *cap = 0;
        *buf = malloc(need);
        if (!*buf)
                return HUFF_ERR_NOMEM;
        *cap = need;
        return HUFF_OK;
}

/* Copy up to need - hdr_fill bytes of input into hdr; 1 once hdr holds
 * need bytes (at once, when it already holds them). */
static int gather(struct huff_decoder *d, struct huff_inbuf *in, size_t need)
{
        size_t n;

        if (d->hdr_fill >= need)
                return 1;
        n = HUFF_MIN(need - d->hdr_fill, in->size - in->pos);

        memcpy(d->hdr + d->hdr_fill, (const uint8_t *)in->src + in->pos, n);
        d->hdr_fill += n;
        in->pos += n;
        d->stats.compressed_bytes += n;
        return d->hdr_fill == need;
}

static enum huff_status dec_frame_header(struct huff_decoder *d, struct huff_inbuf *in)
{
        for (;;) {
                enum huff_status s;
                size_t size;

                /* Byte by byte through the magic: after a complete frame,
                 * the first byte that cannot start a frame is trailing data.
                 * And through the version byte, so that a frame of another
                 * version is named as such even when it is cut short. */
                if (d->hdr_fill <= HUFF_MAGIC_SIZE) {
                        if (!gather(d, in, d->hdr_fill + 1))
                                return HUFF_OK;
                        if (!huff_frame_magic_prefix(d->hdr, d->hdr_fill))
                                return d->stats.frames ? HUFF_ERR_TRAILING_DATA
                                                       : HUFF_ERR_BAD_MAGIC;
                        if (d->hdr_fill <= HUFF_MAGIC_SIZE)
                                continue;
                }
                s = huff_frame_parse_header(d->hdr, d->hdr_fill, &d->fh, &size);
                if (s == HUFF_ERR_TRUNCATED) {
                        if (!gather(d, in, size))
                                return HUFF_OK;
                        continue;
                }
                TRY(s);
                if (d->fh.has_model) {
                        d->model_wanted = d->fh.model_id;
                        FAIL_IF(!d->model, HUFF_ERR_MODEL_REQUIRED);
                        FAIL_IF(d->model->id != d->fh.model_id, HUFF_ERR_MODEL_MISMATCH);
                } else {
                        FAIL_IF(d->model != NULL, HUFF_ERR_MODEL_UNUSED);
                }
                XXH3_64bits_reset(d->hash);
                d->frame_out = 0;
                d->bd.have_code = 0;
                d->bd.model = d->fh.has_model ? d->model : NULL;
                d->hdr_fill = 0;
                d->state = DEC_BLOCK_HEADER;
                return HUFF_OK;
        }
}

static enum huff_status dec_block_header(struct huff_decoder *d, struct huff_inbuf *in)
{
        if (d->hdr_fill == 0 && !gather(d, in, 1))
                return HUFF_OK;
        if (d->hdr[0] == HUFF_TAG_END) {
                d->state = DEC_END;
                return HUFF_OK;
        }
        if (!gather(d, in, HUFF_BLOCK_HEADER_SIZE))
                return HUFF_OK;
        TRY(huff_frame_parse_block_header(d->hdr, d->fh.block_size, &d->bh));
        FAIL_IF(d->fh.content_size != HUFF_CONTENT_SIZE_UNKNOWN &&
                d->bh.decoded_size > d->fh.content_size - d->frame_out,
                HUFF_ERR_CONTENT_SIZE);
        d->hdr_fill = 0;
        d->payload_fill = 0;
        d->state = DEC_PAYLOAD;
        return HUFF_OK;
}

/* Decode the block whose payload is complete at src. */
static enum huff_status dec_block(struct huff_decoder *d, const uint8_t *src,
                                  struct huff_outbuf *out)
{
        size_t n = d->bh.decoded_size;
        uint8_t *dst;

        if (out->size - out->pos >= n) {
                dst = (uint8_t *)out->dst + out->pos;
                d->state = DEC_BLOCK_HEADER;
        } else {
                TRY(reserve(&d->block, &d->block_cap, d->fh.block_size));
                dst = d->block;
                d->block_pos = 0;
                d->block_len = n;
                d->state = DEC_FLUSH;
        }
        /* A block that fails to decode is not delivered: out->pos moves only
         * past good bytes, and a caller never writes out the garbage. */
        TRY(huff_block_decode(&d->bd, &d->bh, src, dst));
        if (d->on_block)
                d->on_block(d->on_block_ctx, d->bh.type, dst, n);
        if (d->fh.checksum)
                XXH3_64bits_update(d->hash, dst, n);
        d->frame_out += n;
        d->stats.blocks++;
        d->stats.blocks_by_type[d->bh.type]++;
        if (d->state == DEC_BLOCK_HEADER) {
                out->pos += n;
                d->stats.decompressed_bytes += n;
        }
        return HUFF_OK;
}

static enum huff_status dec_payload(struct huff_decoder *d, struct huff_inbuf *in,
                                    struct huff_outbuf *out)
{
        const uint8_t *src = (const uint8_t *)in->src + in->pos;
        size_t avail = in->size - in->pos, need = d->bh.payload_size;

        if (d->payload_fill == 0 && avail >= need) {
                in->pos += need;
                d->stats.compressed_bytes += need;
                return dec_block(d, src, out);
        }
        TRY(reserve(&d->payload, &d->payload_cap, d->fh.block_size));
        size_t n = HUFF_MIN(need - d->payload_fill, avail);

        memcpy(d->payload + d->payload_fill, src, n);
        d->payload_fill += n;
        in->pos += n;
        d->stats.compressed_bytes += n;
        if (d->payload_fill < need)
                return HUFF_OK;
        return dec_block(d, d->payload, out);
}

static enum huff_status dec_end(struct huff_decoder *d, struct huff_inbuf *in)
{
        if (!gather(d, in, d->fh.checksum ? HUFF_END_SIZE : 1))
                return HUFF_OK;
        FAIL_IF(d->fh.checksum &&
                !huff_check_matches(load_le32(d->hdr + 1), (uint32_t)XXH3_64bits_digest(d->hash)),
                HUFF_ERR_CHECKSUM);
        FAIL_IF(d->fh.content_size != HUFF_CONTENT_SIZE_UNKNOWN &&
                d->frame_out != d->fh.content_size, HUFF_ERR_CONTENT_SIZE);
        d->stats.frames++;
        d->hdr_fill = 0;
        d->state = DEC_FRAME;
        return HUFF_OK;
}

enum huff_status huff_decoder_feed(struct huff_decoder *d, struct huff_outbuf *out,
                                   struct huff_inbuf *in)
{
        if (!d || !out || !in || in->pos > in->size || out->pos > out->size)
                return HUFF_ERR_PARAM;
        for (;;) {
                enum huff_status s = HUFF_OK;
                int more_in = in->pos < in->size;

                switch (d->state) {
                case DEC_FAILED:
                        return d->error;
                case DEC_FRAME:
                        if (!more_in)
                                return HUFF_OK;
                        s = dec_frame_header(d, in);
                        break;
                case DEC_BLOCK_HEADER:
                        if (!more_in)
                                return HUFF_OK;
                        s = dec_block_header(d, in);
                        break;
                case DEC_PAYLOAD:
                        /* a payload of size 0 cannot pass the header check */
                        if (!more_in)
                                return HUFF_OK;
                        s = dec_payload(d, in, out);
                        break;
                case DEC_FLUSH: {
                        size_t before = out->pos;
                        int done = drain(d->block, &d->block_pos, &d->block_len, out);

                        d->stats.decompressed_bytes += out->pos - before;
                        if (!done)
                                return HUFF_OK;
                        d->state = DEC_BLOCK_HEADER;
                        break;
                }
                case DEC_END:
                        /* without a checksum the tag was all */
                        if (!more_in && d->fh.checksum)
                                return HUFF_OK;
                        s = dec_end(d, in);
                        break;
                }
                if (s != HUFF_OK)
                        return dec_fail(d, s);
        }
}

void huff_decoder_set_model(struct huff_decoder *d, const struct huff_model *m)
{
        d->model = m;
}

uint32_t huff_decoder_model_wanted(const struct huff_decoder *d)
{
        return d->model_wanted;
}

void huff_stream_decoder_on_block(struct huff_decoder *d, huff_block_hook fn, void *ctx)
{
        d->on_block = fn;
        d->on_block_ctx = ctx;
}

size_t huff_stream_decoder_pending(const struct huff_decoder *d)
{
        return d->state == DEC_FLUSH ? d->block_len - d->block_pos : 0;
}

enum huff_status huff_decoder_finish(struct huff_decoder *d)
{
        if (!d)
                return HUFF_ERR_PARAM;
        if (d->state == DEC_FAILED)
                return d->error;
        if (d->state != DEC_FRAME || d->stats.frames == 0)
                return HUFF_ERR_TRUNCATED;
        /* Bytes after the last frame that are a prefix of the magic: a next
         * frame cut short rather than junk. */
        if (d->hdr_fill > 0)
                return HUFF_ERR_TRUNCATED;
        return HUFF_OK;
}
