/*
 * decoder.c - the streaming decoder (huff_decoder_*)
 *
 * A state machine over caller-supplied buffers of any size.  One loop
 * parses frame headers, block headers and end marks, whatever the number of
 * threads, with one gatherer for payloads split across calls; each whole
 * block goes to dec_block(), which either decodes it at once on the calling
 * thread or adds it to the current run of the worker threads (decode_mt.c).
 *
 * Decoded bytes reach the caller in one way.  Alone, a block is decoded
 * straight into the caller's output when that has room for all of it;
 * otherwise it is held: decoded into a block buffer (alone) or a run's
 * buffer (threads), and copied or lent from there by deliver(), which also
 * takes the threads' runs back in order.  The checksum and the counts take
 * the bytes as they reach the caller, the hook each block once it is known
 * good: the same for one thread or many.
 *
 * It copies only when it must: a payload whole in the caller's input is
 * decoded where it lies, and the one-shot calls pay for no staging copies.
 *
 * A frame made with a model the caller does not have may be skimmed
 * instead of refused (for huff -l): its headers read and checked, its
 * payloads passed over, its blocks counted by their headers.
 */
#include <stdlib.h>

#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "block.h"
#include "checksum.h"
#include "decode_mt.h"
#include "frame.h"
#include "model.h"
#include "pool.h"
#include "stream.h"

enum dec_state { DEC_FRAME, DEC_BLOCK_HEADER, DEC_PAYLOAD, DEC_END, DEC_FAILED };

struct huff_decoder {
        enum dec_state state;
        enum huff_status error;
        enum huff_status ahead;                 /* found while parsing ahead of
                                                   the decoded bytes: reported
                                                   once every block before it
                                                   is delivered */
        uint8_t hdr[HUFF_FRAME_HEADER_MAX];     /* header bytes so far */
        size_t hdr_fill;
        struct huff_frame_header fh;
        struct huff_block_header bh;
        uint64_t frame_out;                     /* bytes decoded in this frame */
        XXH3_state_t *hash;
        uint8_t *payload;                       /* a payload split across feeds */
        size_t payload_fill, payload_cap;
        uint8_t *block;                         /* alone: a block out had no
                                                   room for */
        size_t block_cap;
        /* Decoded bytes not yet the caller's: in block, or the oldest run
         * of mt.  held NULL: none. */
        const uint8_t *held;
        size_t held_pos, held_len;
        enum huff_status held_status;           /* the error after them */
        const uint8_t *lent;                    /* what the last view lent */
        size_t lent_size;
        struct huff_stats stats;
        const struct huff_model *model;         /* given by the caller */
        uint32_t model_wanted;                  /* a frame's model id */
        int skim_model_frames;                  /* the caller's choice */
        int skimming;                           /* this frame: its headers
                                                   read, its payloads not
                                                   decoded (no model) */
        huff_block_hook on_block;
        void *on_block_ctx;
        /* Threads: whole blocks go to mt, which decodes runs of them on its
         * threads; bd and block are unused. */
        unsigned threads;
        struct huff_dec_mt *mt;
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
         * block before use) cost more than decoding a 4 KiB file.  And the
         * 400 KiB of context blocks' tables after them are then never
         * touched by a frame without context blocks. */
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
        d->ahead = HUFF_OK;
        d->model_wanted = 0;
        d->skimming = 0;
        d->hdr_fill = 0;
        d->payload_fill = 0;
        d->held = NULL;
        d->held_pos = d->held_len = 0;
        memset(&d->stats, 0, sizeof(d->stats));
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
        threads = huff_pool_threads(threads);
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
                        if (!huff_frame_magic_prefix(d->hdr, d->hdr_fill)) {
                                if (!d->stats.frames)
                                        return HUFF_ERR_BAD_MAGIC;
                                /* What was gathered is not a frame: the
                                 * frames' size must not count it. */
                                d->stats.compressed_bytes -= d->hdr_fill;
                                return HUFF_ERR_TRAILING_DATA;
                        }
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
                d->skimming = 0;
                if (d->fh.has_model) {
                        d->model_wanted = d->fh.model_id;
                        d->skimming = !d->model && d->skim_model_frames;
                        FAIL_IF(!d->model && !d->skimming, HUFF_ERR_MODEL_REQUIRED);
                        FAIL_IF(d->model && d->model->id != d->fh.model_id,
                                HUFF_ERR_MODEL_MISMATCH);
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
        TRY(huff_block_header_parse(d->hdr, d->fh.block_size, d->fh.version, &d->bh));
        FAIL_IF(d->fh.content_size != HUFF_CONTENT_SIZE_UNKNOWN &&
                d->bh.decoded_size > d->fh.content_size - d->frame_out,
                HUFF_ERR_CONTENT_SIZE);
        d->hdr_fill = 0;
        d->payload_fill = 0;
        d->state = DEC_PAYLOAD;
        return HUFF_OK;
}

/* A block decoded and found good, in order: the hook and the counts. */
static void account(struct huff_decoder *d, const struct huff_block_header *h,
                    const uint8_t *data)
{
        if (d->on_block)
                d->on_block(d->on_block_ctx, h->type, data, h->decoded_size);
        d->stats.blocks++;
        d->stats.blocks_by_type[h->type]++;
}

/* Decoded bytes now the caller's (written to out, or lent), in order. */
static void delivered(struct huff_decoder *d, const uint8_t *data, size_t n)
{
        if (d->fh.checksum)
                huff_checksum_update(d->hash, data, n);
        d->stats.decompressed_bytes += n;
}

/*
 * The block whose payload is whole at src: decoded here and now, or added
 * to the threads' current run.  *taken 0: every run is busy, nothing was
 * taken; deliver() frees them.  Alone, out->pos moves only once the block
 * is good, as with threads: a bad block's bytes never reach the caller.
 */
static enum huff_status dec_block(struct huff_decoder *d, const uint8_t *src,
                                  struct huff_outbuf *out, int *taken)
{
        size_t n = d->bh.decoded_size;
        uint8_t *dst;

        if (d->mt) {
                *taken = huff_dec_mt_add(d->mt, &d->bh, src);
                return HUFF_OK;
        }
        *taken = 1;
        if (out->dst && out->size - out->pos >= n) {
                dst = (uint8_t *)out->dst + out->pos;
        } else {
                TRY(reserve(&d->block, &d->block_cap, d->fh.block_size));
                dst = d->block;
        }
        TRY(huff_block_decode(&d->bd, &d->bh, src, dst));
        account(d, &d->bh, dst);
        if (dst == d->block) {
                d->held = dst;
                d->held_pos = 0;
                d->held_len = n;
                d->held_status = HUFF_OK;
        } else {
                delivered(d, dst, n);
                out->pos += n;
        }
        return HUFF_OK;
}

/* A skimmed frame's payload, passed over undecoded: the block counts by
 * its header, the only record of it. */
static enum huff_status skim_payload(struct huff_decoder *d, struct huff_inbuf *in)
{
        size_t n = HUFF_MIN(d->bh.payload_size - d->payload_fill, in->size - in->pos);

        in->pos += n;
        d->payload_fill += n;
        d->stats.compressed_bytes += n;
        if (d->payload_fill < d->bh.payload_size)
                return HUFF_OK;
        d->stats.blocks++;
        d->stats.blocks_by_type[d->bh.type]++;
        d->stats.decompressed_bytes += d->bh.decoded_size;
        d->payload_fill = 0;
        d->frame_out += d->bh.decoded_size;
        d->state = DEC_BLOCK_HEADER;
        return HUFF_OK;
}

/* The payload gatherer: whole in the input, the block is decoded where it
 * lies; else it is gathered in d->payload across calls.  *blocked when
 * dec_block() could not take it (then it stays gathered, or in the input). */
static enum huff_status dec_payload(struct huff_decoder *d, struct huff_inbuf *in,
                                    struct huff_outbuf *out, int *blocked)
{
        const uint8_t *src = (const uint8_t *)in->src + in->pos;
        size_t avail = in->size - in->pos, need = d->bh.payload_size;
        int direct = d->payload_fill == 0 && avail >= need, taken;
        enum huff_status s;

        if (d->skimming)
                return skim_payload(d, in);

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
        s = dec_block(d, src, out, &taken);
        if (!taken) {
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
        return s;
}

static enum huff_status dec_end(struct huff_decoder *d, struct huff_inbuf *in)
{
        if (!gather(d, in, d->fh.checksum ? HUFF_END_SIZE : 1))
                return HUFF_OK;
        FAIL_IF(d->fh.checksum && !d->skimming &&
                !huff_check_matches(load_le32(d->hdr + 1), (uint32_t)XXH3_64bits_digest(d->hash)),
                HUFF_ERR_CHECKSUM);
        FAIL_IF(d->fh.content_size != HUFF_CONTENT_SIZE_UNKNOWN &&
                d->frame_out != d->fh.content_size, HUFF_ERR_CONTENT_SIZE);
        d->stats.frames++;
        d->stats.frames_skimmed += (uint64_t)d->skimming;
        d->hdr_fill = 0;
        d->state = DEC_FRAME;
        return HUFF_OK;
}

/*
 * Move held bytes to out, in order, as far as out has room, taking back
 * the threads' decoded runs oldest first (wait: if the oldest is not
 * decoded yet, wait for it, decoding queued runs meanwhile).  Returns the
 * error that stopped a run once the bytes of the blocks before the bad one
 * are delivered, else HUFF_OK.
 * out->dst NULL lends instead of copying (huff_decoder_view()): out is
 * { NULL, 1, 0 } at the start of the call; the rest of what is held is lent
 * where it lies, out->pos becomes 1 (full), and nothing more is delivered
 * until the next call, which drops it: so the lent bytes stay valid till
 * then.
 */
static enum huff_status deliver(struct huff_decoder *d, struct huff_outbuf *out, int wait)
{
        for (;;) {
                size_t k;

                if (!d->held) {
                        struct huff_dec_run r;
                        size_t off = 0;

                        if (!d->mt || !huff_dec_mt_oldest(d->mt, wait, &r))
                                return HUFF_OK;
                        for (size_t i = 0; i < r.good_blocks; i++) {
                                account(d, &r.bh[i], r.out + off);
                                off += r.bh[i].decoded_size;
                        }
                        d->held = r.out;
                        d->held_pos = 0;
                        d->held_len = r.good_out;
                        d->held_status = r.status;
                }
                if (!out->dst) {
                        if (out->pos == out->size)
                                return HUFF_OK;
                        k = d->held_len - d->held_pos;
                        if (k) {
                                d->lent = d->held + d->held_pos;
                                d->lent_size = k;
                                delivered(d, d->lent, k);
                                d->held_pos += k;
                                out->pos = out->size;
                                return HUFF_OK;
                        }
                } else {
                        k = HUFF_MIN(d->held_len - d->held_pos, out->size - out->pos);
                        if (k) {
                                uint8_t *dst = (uint8_t *)out->dst + out->pos;

                                /* Copy, then checksum the copy: a run was
                                 * decoded on another core, and this way its
                                 * bytes cross over once, not twice. */
                                memcpy(dst, d->held + d->held_pos, k);
                                delivered(d, dst, k);
                                out->pos += k;
                                d->held_pos += k;
                        }
                        if (d->held_pos < d->held_len)
                                return HUFF_OK;         /* out is full */
                }
                if (d->held_status != HUFF_OK)
                        return d->held_status;
                d->held = NULL;
                if (d->mt)
                        huff_dec_mt_retire(d->mt);
                wait = 0;
        }
}

/* Hand the threads' current run, if any, to them: it will be waited for. */
static void send_run(struct huff_decoder *d)
{
        if (d->mt)
                huff_dec_mt_send(d->mt);
}

/* 1 when every block taken has been delivered. */
static int idle(const struct huff_decoder *d)
{
        return !d->held && (!d->mt || huff_dec_mt_idle(d->mt));
}

/*
 * huff_decoder_feed() and huff_decoder_view(): the one loop.  Alone, a
 * block held stops it until out takes the block.  With threads it parses
 * ahead and decoded bytes lag the input by up to a few runs; it waits only
 * when it cannot go on: every run busy, the end of a frame (whose checksum
 * needs every byte before it), an error found ahead (reported after every
 * block before it), or a call with no input, which asks for everything fed
 * so far.
 */
static enum huff_status dec_run(struct huff_decoder *d, struct huff_outbuf *out,
                                struct huff_inbuf *in)
{
        const int flush = in->pos == in->size;

        for (;;) {
                enum huff_status s;
                int more_in = in->pos < in->size, blocked = 0, need_input = 0;

                if (d->state == DEC_FAILED)
                        return d->error;
                s = deliver(d, out, 0);
                if (s != HUFF_OK)
                        return dec_fail(d, s);
                if (d->held && !d->mt) {
                        blocked = 1;            /* alone: one block buffer */
                } else if (d->ahead != HUFF_OK) {
                        send_run(d);
                        if (idle(d))
                                return dec_fail(d, d->ahead);
                        blocked = 1;
                } else {
                        switch (d->state) {
                        case DEC_FAILED:
                                return d->error;
                        case DEC_FRAME:
                        case DEC_BLOCK_HEADER:
                                if (!more_in)
                                        need_input = 1;
                                else if (d->state == DEC_FRAME)
                                        s = dec_frame_header(d, in);
                                else
                                        s = dec_block_header(d, in);
                                break;
                        case DEC_PAYLOAD:
                                /* a payload of size 0 cannot pass the header
                                 * check; a whole one waits for a free run */
                                if (!more_in && d->payload_fill < d->bh.payload_size)
                                        need_input = 1;
                                else
                                        s = dec_payload(d, in, out, &blocked);
                                break;
                        case DEC_END:
                                send_run(d);
                                if (!idle(d))
                                        blocked = 1;
                                /* without a checksum the tag was all */
                                else if (!more_in && d->fh.checksum)
                                        need_input = 1;
                                else
                                        s = dec_end(d, in);
                                break;
                        }
                }
                if (s != HUFF_OK) {
                        d->ahead = s;
                        continue;
                }
                if (need_input) {
                        if (!flush)
                                return HUFF_OK;
                        send_run(d);
                        if (idle(d))
                                return HUFF_OK;
                        blocked = 1;
                }
                if (blocked) {
                        if (out->pos == out->size)
                                return HUFF_OK;
                        s = deliver(d, out, 1);
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
        return dec_run(d, out, in);
}

/*
 * Lending: what is held is lent where it lies (deliver()) instead of
 * copied.  Alone, an output that is only a lending mark sends each block
 * to d->block, which is lent: one block per call, decoded once and never
 * copied; with threads, the rest of the oldest decoded run.  Either way the
 * next call takes the view back before it decodes anything more.
 */
enum huff_status huff_decoder_view(struct huff_decoder *d, struct huff_inbuf *in,
                                   const void **view, size_t *view_size)
{
        struct huff_outbuf lend = { NULL, 1, 0 };
        enum huff_status s;

        if (view)
                *view = NULL;
        if (view_size)
                *view_size = 0;
        if (!d || !in || !view || !view_size || in->pos > in->size)
                return HUFF_ERR_PARAM;
        s = dec_run(d, &lend, in);
        if (lend.pos) {
                *view = d->lent;
                *view_size = d->lent_size;
        }
        return s;
}

void huff_decoder_set_model(struct huff_decoder *d, const struct huff_model *m)
{
        d->model = m;
}

void huff_decoder_skim_model_frames(struct huff_decoder *d, int on)
{
        d->skim_model_frames = on != 0;
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
        return d->held ? d->held_len - d->held_pos : 0;
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
