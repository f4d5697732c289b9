/*
 * encoder.c - the streaming encoder (huff_encoder_*)
 *
 * A state machine over caller-supplied buffers of any size, with one loop
 * that takes the input.  Alone, it cuts the input into pieces (a block, or
 * a segment the splitter cuts) and codes each at once with its own segment
 * coder; with threads, it hands the input to encode_mt.c, which fills
 * segments and codes them on the pool.  Either way the checksum takes the
 * bytes as they are taken, in order.  Coded bytes leave through drain():
 * the stage (the frame header, the end mark, and alone a piece that out
 * had no room for), then the segments the threads coded, in input order.
 *
 * The frame header waits for the first segment where the level may code
 * context blocks: the frame is version 2 only if that segment holds one
 * (FORMAT.md 6), and the version byte comes first.  The header's length
 * does not depend on the version, so the first piece is coded after room
 * for it, and the header written in front.
 *
 * It copies only when it must: a whole piece available in the caller's
 * input is coded in place, and written straight into the caller's output
 * when that has room for it.  So the one-shot calls, thin wrappers over
 * this, pay for no staging copies.
 */
#include <stdlib.h>

#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "block.h"
#include "block_split.h"
#include "checksum.h"
#include "context_model.h"
#include "encode_mt.h"
#include "frame.h"
#include "model.h"
#include "pool.h"
#include "segment.h"
#include "stream.h"

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
        int header_pending;             /* the version waits for the first
                                           segment */
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

/* buf_size: the most bytes this encoder will be given in all; a one-shot
 * call with a small input needs no segment-sized buffers. */
enum huff_status huff_stream_encoder_create(struct huff_encoder **ep,
                                       const struct huff_params *given, size_t buf_size)
{
        unsigned threads = huff_pool_threads(given->threads);
        struct huff_params resolved = *given;
        const struct huff_params *p = &resolved;
        struct huff_encoder *e;

        /* Everything below sees the block size the frames will have. */
        resolved.block_size = huff_params_block_size(given);
        *ep = NULL;
        e = calloc(1, sizeof(*e));
        if (!e)
                return HUFF_ERR_NOMEM;
        e->params = *p;
        e->seg = huff_split_chunk_size(p->level) ? HUFF_SEGMENT_SIZE : p->block_size;
        e->period = huff_segment_size(p);
        e->buf_size = HUFF_MAX(HUFF_MIN(buf_size, e->seg), (size_t)1);
        /* Threads only where there can be two segments to share out. */
        if (threads >= 2 && buf_size > e->period) {
                if (huff_enc_mt_create(&e->mt, p, threads) != HUFF_OK) {
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
        struct huff_params params;

        if (!e)
                return HUFF_ERR_PARAM;
        *e = NULL;
        TRY(huff_params_or_defaults(&params, p));
        return huff_stream_encoder_create(e, &params, SIZE_MAX);
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
        e->header_pending = 0;
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

static size_t write_header(const struct huff_encoder *e, uint8_t *dst, unsigned version)
{
        struct huff_frame_header fh = {
                .block_size = e->params.block_size,
                .content_size = e->params.content_size,
                .checksum = e->params.checksum,
                .has_model = e->params.model != NULL,
                .model_id = e->params.model ? e->params.model->id : 0,
                .version = version,
        };

        return huff_frame_write_header(dst, &fh);
}

/* With threads, the header goes to the stage once the first segment is
 * coded (wait: wait for it) or is known not to exist. */
static void stage_header_mt(struct huff_encoder *e, int wait)
{
        unsigned v = huff_enc_mt_version(e->mt, wait);

        /* Not known yet: the first segment is still being coded, or (the
         * frame not finished) not even sent. */
        if (!v && (e->state == ENC_RUN || huff_enc_mt_pending(e->mt) > 0))
                return;
        HUFF_ASSERT(e->stage_len == 0);
        e->stage_len = write_header(e, e->stage, v ? v : HUFF_FORMAT_V1);
        e->stage_pos = 0;
        e->header_pending = 0;
}

/* Move staged bytes to out; 1 when the stage is empty. */
static int drain_stage(struct huff_encoder *e, struct huff_outbuf *out)
{
        size_t n = HUFF_MIN(e->stage_len - e->stage_pos, out->size - out->pos);

        if (n) {
                memcpy((uint8_t *)out->dst + out->pos, e->stage + e->stage_pos, n);
                out->pos += n;
                e->stage_pos += n;
        }
        if (e->stage_pos < e->stage_len)
                return 0;
        e->stage_pos = e->stage_len = 0;
        return 1;
}

/* Move coded bytes to out in order: the stage, then the threads' segments
 * (wait: for the oldest, if it is not coded yet).  1 when all are out. */
static int drain(struct huff_encoder *e, struct huff_outbuf *out, int wait)
{
        if (e->header_pending && e->mt)
                stage_header_mt(e, wait);
        if (e->header_pending)
                return e->mt ? 0 : drain_stage(e, out);
        if (!drain_stage(e, out))
                return 0;
        return !e->mt || huff_enc_mt_drain(e->mt, out, wait);
}

/* Code a piece alone: one block, or the blocks the splitter cuts a segment
 * into; straight into out when the whole piece fits there, else into the
 * stage (empty).  The previous code is forgotten at each segment boundary
 * (segment.h). */
static void code_piece(struct huff_encoder *e, const uint8_t *src, size_t n,
                       struct huff_outbuf *out)
{
        uint8_t *start;
        size_t size, head = 0;

        if (e->period_pos == 0)
                huff_block_encoder_reset(&e->sc.be, e->params.max_code_len, e->params.model);
        e->period_pos += n;
        if (e->period_pos >= e->period)
                e->period_pos = 0;
        if (e->header_pending)
                head = write_header(e, e->stage, HUFF_FORMAT_V1);
        if (out->size - out->pos >= head + huff_seg_room(&e->sc, n)) {
                start = (uint8_t *)out->dst + out->pos;
        } else {
                HUFF_ASSERT(e->stage_len == 0);
                start = e->stage;
        }
        e->sc.types_used = 0;
        size = head + huff_seg_encode(&e->sc, &e->params, src, n, start + head);
        if (e->header_pending) {
                unsigned v = huff_seg_version(&e->sc);

                write_header(e, start, v);
                /* A version 1 frame cannot take context blocks later. */
                huff_seg_coder_allow(&e->sc, v);
                e->header_pending = 0;
        }
        if (start == e->stage)
                e->stage_len = size;
        else
                out->pos += size;
}

/* Take up to n (>= 1) bytes at src, the stage being empty: alone, a whole
 * piece coded where it lies, or what fits of a partial one; with threads,
 * what the free slots take.  Returns the count: 0 only when every slot of
 * the threads is busy. */
static size_t take(struct huff_encoder *e, const uint8_t *src, size_t n,
                   struct huff_outbuf *out)
{
        size_t bs = e->buf_size, k;

        if (e->mt)
                return huff_enc_mt_put(e->mt, src, n);
        if (e->in_fill == 0 && n >= bs) {
                code_piece(e, src, bs, out);
                return bs;
        }
        k = HUFF_MIN(bs - e->in_fill, n);
        memcpy(e->in + e->in_fill, src, k);
        e->in_fill += k;
        if (e->in_fill == bs) {
                code_piece(e, e->in, bs, out);
                e->in_fill = 0;
        }
        return k;
}

static void enc_start(struct huff_encoder *e)
{
        e->state = ENC_RUN;
        e->stage_pos = e->stage_len = 0;
        if (huff_ctx_effort(e->params.level)) {
                e->header_pending = 1;
                /* Alone, a frame starts allowing what the level codes. */
                if (!e->mt)
                        huff_seg_coder_allow(&e->sc, HUFF_FORMAT_VERSION_MAX);
                return;
        }
        e->stage_len = write_header(e, e->stage, HUFF_FORMAT_V1);
}

enum huff_status huff_encoder_feed(struct huff_encoder *e, struct huff_outbuf *out,
                                   struct huff_inbuf *in)
{
        if (!e || !out || !in || in->pos > in->size || out->pos > out->size)
                return HUFF_ERR_PARAM;
        if (e->state == ENC_FAILED)
                return e->error;
        if (e->state == ENC_FINISH || e->state == ENC_DONE)
                return HUFF_ERR_STAGE;
        if (e->state == ENC_START)
                enc_start(e);
        for (;;) {
                const uint8_t *src = (const uint8_t *)in->src + in->pos;
                size_t avail = in->size - in->pos, n;

                /* Input waits for the stage only: the threads' segments
                 * have slots of their own. */
                (void)drain(e, out, 0);
                if (e->stage_len || avail == 0)
                        return HUFF_OK;
                if (e->params.content_size != HUFF_CONTENT_SIZE_UNKNOWN &&
                    avail > e->params.content_size - e->fed)
                        return enc_fail(e, HUFF_ERR_CONTENT_SIZE);
                n = take(e, src, avail, out);
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
                (void)drain(e, out, 1);
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
                if (!drain_stage(e, out)) {
                        e->state = ENC_FINISH;
                        *pending = e->stage_len - e->stage_pos + e->in_fill + HUFF_END_SIZE +
                                   (e->header_pending ? HUFF_FRAME_HEADER_MAX : 0);
                        return HUFF_OK;
                }
                if (e->params.content_size != HUFF_CONTENT_SIZE_UNKNOWN &&
                    e->fed != e->params.content_size)
                        return enc_fail(e, HUFF_ERR_CONTENT_SIZE);
                if (e->mt) {
                        huff_enc_mt_flush(e->mt);
                        e->state = ENC_FINISH;
                        /* Until out is full or every segment is out. */
                        while (!drain(e, out, 1)) {
                                if (out->pos == out->size) {
                                        *pending = huff_enc_mt_pending(e->mt) + HUFF_END_SIZE;
                                        return HUFF_OK;
                                }
                        }
                }
                if (e->in_fill) {
                        /* into the stage, so that the end mark can follow */
                        struct huff_outbuf none = { NULL, 0, 0 };

                        code_piece(e, e->in, e->in_fill, &none);
                        e->in_fill = 0;
                }
                /* No input: nothing decided the version. */
                if (e->header_pending) {
                        e->stage_len += write_header(e, e->stage + e->stage_len, HUFF_FORMAT_V1);
                        e->header_pending = 0;
                }
                e->stage_len += huff_frame_write_end(e->stage + e->stage_len, e->params.checksum,
                                                     e->params.checksum ? XXH3_64bits_digest(e->hash) : 0);
                e->state = ENC_DONE;
        }
        drain_stage(e, out);
        *pending = e->stage_len - e->stage_pos;
        return HUFF_OK;
}
