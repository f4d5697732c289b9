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
#include "checksum.h"
#include "decode_mt.h"
#include "encode_mt.h"
#include "frame.h"
#include "model.h"
#include "pool.h"
#include "segment.h"
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
        struct huff_seg_coder sc;
        XXH3_state_t *hash;
        uint64_t fed;                   /* bytes consumed in this frame */
        size_t seg;                     /* bytes coded together: a block, or
                                           a segment the splitter cuts */
        size_t period;                  /* the segment: the previous code is
                                           forgotten every period bytes */
        size_t period_pos;              /* bytes coded of this segment */
        size_t buf_size;                /* largest piece the buffers take */
        uint8_t *in;                    /* a partial piece */
        size_t in_fill;
        uint8_t *stage;                 /* encoded bytes waiting for room */
        size_t stage_pos, stage_len;
        struct huff_enc_mt *mt;         /* threads: segments go there, and
                                           the stage holds only the frame
                                           header and the end mark */
};

static size_t stage_cap(const struct huff_encoder *e)
{
        if (e->mt)
                return HUFF_FRAME_HEADER_MAX + HUFF_END_SIZE;
        return HUFF_FRAME_HEADER_MAX + huff_seg_room(&e->sc, e->buf_size) + HUFF_END_SIZE;
}

/* The threads params ask for: 0 is one per online processor. */
static unsigned threads_wanted(unsigned threads)
{
        return threads ? threads : huff_pool_cores();
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
        e->seg = huff_split_chunk_size(p->level) ? HUFF_SEGMENT_SIZE : p->block_size;
        e->period = huff_segment_size(p);
        e->buf_size = HUFF_MAX(HUFF_MIN(buf_size, e->seg), (size_t)1);
        /* Threads only where there can be two segments to share out. */
        if (threads_wanted(p->threads) >= 2 && buf_size > e->period) {
                if (huff_enc_mt_create(&e->mt, p, threads_wanted(p->threads)) != HUFF_OK) {
                        free(e);
                        return HUFF_ERR_NOMEM;
                }
        } else {
                if (huff_seg_coder_init(&e->sc, p, e->buf_size) != HUFF_OK) {
                        free(e);
                        return HUFF_ERR_NOMEM;
                }
                e->in = malloc(e->buf_size);
        }
        e->stage = malloc(stage_cap(e));
        e->hash = XXH3_createState();
        if ((!e->mt && !e->in) || !e->stage || !e->hash) {
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
        e->period_pos = 0;
        if (e->mt)
                huff_enc_mt_reset(e->mt);
        XXH3_64bits_reset(e->hash);
        return HUFF_OK;
}

void huff_encoder_free(struct huff_encoder *e)
{
        if (!e)
                return;
        huff_enc_mt_free(e->mt);
        free(e->in);
        free(e->stage);
        huff_seg_coder_free(&e->sc);
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

/* Encode a piece: one block, or the blocks the splitter cuts a segment
 * into; straight into out when the whole piece fits there.  The previous
 * code is forgotten at each segment boundary (segment.h). */
static void enc_segment(struct huff_encoder *e, const uint8_t *src, size_t n,
                        struct huff_outbuf *out)
{
        uint8_t *start;
        size_t size;

        if (e->params.checksum)
                huff_checksum_update(e->hash, src, n);
        if (e->period_pos == 0)
                huff_block_encoder_reset(&e->sc.be, e->params.max_code_len, e->params.model);
        e->period_pos += n;
        if (e->period_pos >= e->period)
                e->period_pos = 0;
        if (out->size - out->pos >= huff_seg_room(&e->sc, n)) {
                start = (uint8_t *)out->dst + out->pos;
        } else {
                HUFF_ASSERT(e->stage_len == 0);
                start = e->stage;
        }
        size = huff_seg_encode(&e->sc, &e->params, src, n, start);
        if (start == e->stage)
                e->stage_len = size;
        else
                out->pos += size;
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

/* huff_encoder_feed() with threads: the input goes to the slots (and the
 * checksum, in order), coded segments come back in order.  Waits only when
 * every slot is busy: for the oldest, running queued segments meanwhile. */
static enum huff_status enc_feed_mt(struct huff_encoder *e, struct huff_outbuf *out,
                                    struct huff_inbuf *in)
{
        for (;;) {
                const uint8_t *src = (const uint8_t *)in->src + in->pos;
                size_t avail = in->size - in->pos, n;

                if (!drain(e->stage, &e->stage_pos, &e->stage_len, out))
                        return HUFF_OK;
                huff_enc_mt_drain(e->mt, out, 0);
                if (avail == 0)
                        return HUFF_OK;
                if (e->params.content_size != HUFF_CONTENT_SIZE_UNKNOWN &&
                    avail > e->params.content_size - e->fed)
                        return enc_fail(e, HUFF_ERR_CONTENT_SIZE);
                n = huff_enc_mt_put(e->mt, src, avail);
                if (n > 0) {
                        if (e->params.checksum)
                                huff_checksum_update(e->hash, src, n);
                        in->pos += n;
                        e->fed += n;
                        continue;
                }
                /* Every slot busy: the oldest must go out first. */
                if (out->pos == out->size)
                        return HUFF_OK;
                huff_enc_mt_drain(e->mt, out, 1);
        }
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
        if (e->mt)
                return enc_feed_mt(e, out, in);
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
                if (e->mt) {
                        huff_enc_mt_flush(e->mt);
                        e->state = ENC_FINISH;
                        /* Until out is full or every segment is out. */
                        while (!huff_enc_mt_drain(e->mt, out, 1)) {
                                if (out->pos == out->size) {
                                        *pending = huff_enc_mt_pending(e->mt) + HUFF_END_SIZE;
                                        return HUFF_OK;
                                }
                        }
                }
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
        /* Threads: whole blocks go to mt, which decodes runs of them on
         * its threads and delivers them in order; bd and block are unused. */
        unsigned threads;
        struct huff_dec_mt *mt;
        enum huff_status mt_error;              /* found while parsing ahead:
                                                   reported once every block
                                                   before it is delivered */
        /* Last: huff_decoder_create() zeroes only what is above its tables. */
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
        d->mt_error = HUFF_OK;
        if (d->mt)
                huff_dec_mt_reset(d->mt);
}

void huff_decoder_free(struct huff_decoder *d)
{
        if (!d)
                return;
        huff_dec_mt_free(d->mt);
        free(d->payload);
        free(d->block);
        XXH3_freeState(d->hash);
        free(d);
}

enum huff_status huff_decoder_set_threads(struct huff_decoder *d, unsigned threads)
{
        struct huff_dec_mt *mt = NULL;

        if (!d || threads > HUFF_THREADS_MAX)
                return HUFF_ERR_PARAM;
        if (d->state != DEC_FRAME || d->hdr_fill || d->stats.compressed_bytes)
                return HUFF_ERR_STAGE;
        threads = threads_wanted(threads);
        if (threads == d->threads || (threads == 1 && !d->mt))
                return HUFF_OK;
        if (threads >= 2)
                TRY(huff_dec_mt_create(&mt, threads));
        huff_dec_mt_free(d->mt);
        d->mt = mt;
        d->threads = threads;
        return HUFF_OK;
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
                if (d->mt)
                        huff_dec_mt_frame(d->mt, d->bd.model);
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

        /* out->pos moves only once the block is good: a bad block's bytes
         * never reach the caller (the threaded decoder's rule too). */
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
        TRY(huff_block_decode(&d->bd, &d->bh, src, dst));
        if (d->on_block)
                d->on_block(d->on_block_ctx, d->bh.type, dst, n);
        if (d->fh.checksum)
                huff_checksum_update(d->hash, dst, n);
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

/* dec_payload() with threads: a whole block goes to the current run.
 * *blocked when every run is busy (nothing taken: retry after delivering). */
static enum huff_status dec_payload_mt(struct huff_decoder *d, struct huff_inbuf *in,
                                       int *blocked)
{
        const uint8_t *src = (const uint8_t *)in->src + in->pos;
        size_t avail = in->size - in->pos, need = d->bh.payload_size;
        int direct = d->payload_fill == 0 && avail >= need;

        if (!direct) {
                size_t n = HUFF_MIN(need - d->payload_fill, avail);

                TRY(reserve(&d->payload, &d->payload_cap, d->fh.block_size));
                if (n)
                        memcpy(d->payload + d->payload_fill, src, n);
                d->payload_fill += n;
                in->pos += n;
                d->stats.compressed_bytes += n;
                if (d->payload_fill < need)
                        return HUFF_OK;
                src = d->payload;
        }
        if (!huff_dec_mt_add(d->mt, &d->bh, src)) {
                *blocked = 1;
                return HUFF_OK;
        }
        if (direct) {
                in->pos += need;
                d->stats.compressed_bytes += need;
        }
        d->payload_fill = 0;
        d->frame_out += d->bh.decoded_size;
        d->state = DEC_BLOCK_HEADER;
        return HUFF_OK;
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

/*
 * huff_decoder_feed() with threads.  The calling thread parses headers and
 * hands whole blocks to mt; decoded runs come back in order.  It waits only
 * when it cannot go on: every run busy, the end of a frame (whose checksum
 * needs every byte before it), an error found ahead (reported after every
 * block before it), or a call with no input, which asks for everything fed
 * so far.  Decoded bytes lag the input by up to a few runs until then.
 */
static enum huff_status dec_feed_mt(struct huff_decoder *d, struct huff_outbuf *out,
                                    struct huff_inbuf *in)
{
        const int flush = in->pos == in->size;

        for (;;) {
                struct huff_dec_mt_sink sink = {
                        d->fh.checksum ? d->hash : NULL, &d->stats, d->on_block,
                        d->on_block_ctx,
                };
                enum huff_status s;
                int more_in = in->pos < in->size, blocked = 0, need_input = 0;

                if (d->state == DEC_FAILED)
                        return d->error;
                s = huff_dec_mt_deliver(d->mt, out, 0, &sink);
                if (s != HUFF_OK)
                        return dec_fail(d, s);
                if (d->mt_error != HUFF_OK) {
                        huff_dec_mt_send(d->mt);
                        if (huff_dec_mt_idle(d->mt))
                                return dec_fail(d, d->mt_error);
                        blocked = 1;
                } else {
                        switch (d->state) {
                        case DEC_FAILED:
                        case DEC_FLUSH:         /* single-threaded only */
                                return d->error;
                        case DEC_FRAME:
                                if (!more_in)
                                        need_input = 1;
                                else
                                        s = dec_frame_header(d, in);
                                break;
                        case DEC_BLOCK_HEADER:
                                if (!more_in)
                                        need_input = 1;
                                else
                                        s = dec_block_header(d, in);
                                break;
                        case DEC_PAYLOAD:
                                if (!more_in && d->payload_fill < d->bh.payload_size)
                                        need_input = 1;
                                else
                                        s = dec_payload_mt(d, in, &blocked);
                                break;
                        case DEC_END:
                                huff_dec_mt_send(d->mt);
                                if (!huff_dec_mt_idle(d->mt))
                                        blocked = 1;
                                else if (!more_in && d->fh.checksum)
                                        need_input = 1;
                                else
                                        s = dec_end(d, in);
                                break;
                        }
                }
                if (s != HUFF_OK) {
                        d->mt_error = s;
                        continue;
                }
                if (need_input) {
                        if (!flush)
                                return HUFF_OK;
                        huff_dec_mt_send(d->mt);
                        if (huff_dec_mt_idle(d->mt))
                                return HUFF_OK;
                        blocked = 1;
                }
                if (blocked) {
                        if (out->pos == out->size)
                                return HUFF_OK;
                        s = huff_dec_mt_deliver(d->mt, out, 1, &sink);
                        if (s != HUFF_OK)
                                return dec_fail(d, s);
                }
        }
}

enum huff_status huff_decoder_feed(struct huff_decoder *d, struct huff_outbuf *out,
                                   struct huff_inbuf *in)
{
        if (!d || !out || !in || in->pos > in->size || out->pos > out->size)
                return HUFF_ERR_PARAM;
        if (d->mt)
                return dec_feed_mt(d, out, in);
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

/*
 * Lending.  With threads, the oldest decoded run is lent where it lies
 * (decode_mt.h).  Alone, an output of no room sends each block to d->block
 * (dec_block()), which is lent instead of drained: one block per call,
 * decoded once and never copied.  Either way the next call takes the view
 * back before it decodes anything more.
 */
enum huff_status huff_decoder_view(struct huff_decoder *d, struct huff_inbuf *in,
                                   const void **view, size_t *view_size)
{
        static uint8_t no_room;
        enum huff_status s;

        if (view)
                *view = NULL;
        if (view_size)
                *view_size = 0;
        if (!d || !in || !view || !view_size || in->pos > in->size)
                return HUFF_ERR_PARAM;
        if (d->mt) {
                struct huff_outbuf lend = { NULL, 1, 0 };
                const uint8_t *v;

                s = dec_feed_mt(d, &lend, in);
                if (lend.pos) {
                        huff_dec_mt_lent(d->mt, &v, view_size);
                        *view = v;
                }
                return s;
        }
        struct huff_outbuf none = { &no_room, 0, 0 };

        s = huff_decoder_feed(d, &none, in);
        if (s == HUFF_OK && d->state == DEC_FLUSH && d->block_pos < d->block_len) {
                *view = d->block + d->block_pos;
                *view_size = d->block_len - d->block_pos;
                d->stats.decompressed_bytes += *view_size;
                d->block_pos = d->block_len;
        }
        return s;
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
        if (d->mt)
                return !huff_dec_mt_idle(d->mt);
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
