/*
 * decode_mt.h - runs of blocks decoded on worker threads, delivered in order
 */
#ifndef HUFF_DECODE_MT_H
#define HUFF_DECODE_MT_H

#include <xxhash.h>

#include "block.h"
#include "stream.h"

struct huff_dec_mt;

/*
 * huff_dec_mt_create - threads >= 2 threads decoding runs of blocks of about
 * 256 KiB.  Memory: threads + 2 slots of 1 MiB in and 1 MiB out (the
 * largest block), and a decode table (64 KiB) per thread.
 * Errors: HUFF_ERR_NOMEM.
 */
enum huff_status huff_dec_mt_create(struct huff_dec_mt **m, unsigned threads);

/* huff_dec_mt_free - wait for the jobs running, release m; NULL: no-op. */
void huff_dec_mt_free(struct huff_dec_mt *m);

/* huff_dec_mt_reset - wait for the jobs running and drop everything. */
void huff_dec_mt_reset(struct huff_dec_mt *m);

/* huff_dec_mt_frame - a new frame starts (no code yet), with its model. */
void huff_dec_mt_frame(struct huff_dec_mt *m, const struct huff_model *model);

/*
 * huff_dec_mt_add - append the block h, whose payload (complete, already
 * checked header) is at payload, to the current run; a full run goes to
 * the threads first.  Copies the payload.  Returns 0, taking nothing, when
 * no slot is free: huff_dec_mt_deliver() frees them.
 */
int huff_dec_mt_add(struct huff_dec_mt *m, const struct huff_block_header *h,
                    const uint8_t *payload);

/* huff_dec_mt_send - hand the current run, if any, to the threads. */
void huff_dec_mt_send(struct huff_dec_mt *m);

/* huff_dec_mt_idle - 1 when every block added has been delivered. */
int huff_dec_mt_idle(const struct huff_dec_mt *m);

/* Where delivered blocks are accounted for, in order. */
struct huff_dec_mt_sink {
        XXH3_state_t *hash;             /* NULL: the frame has no checksum */
        struct huff_stats *stats;       /* blocks, by type, decompressed bytes */
        huff_block_hook on_block;
        void *on_block_ctx;
};

/*
 * huff_dec_mt_deliver - copy decoded runs to out in order, as far as out
 * has room, accounting each block to sink as single-threaded decoding
 * would.  wait: if the oldest run is not decoded yet, wait for it (decoding
 * queued runs meanwhile).  Returns the first error of a run once the blocks
 * before the bad one are delivered (the earliest bad block wins), else
 * HUFF_OK.
 * out->dst NULL lends instead of copying (huff_decoder_view()): out is
 * { NULL, 1, 0 } at the start of the library call; the rest of the oldest
 * decoded run is lent, out->pos becomes 1 (full), and nothing more is
 * delivered until the next call, which retires that run: so the lent bytes
 * (huff_dec_mt_lent()) stay valid until then.
 */
enum huff_status huff_dec_mt_deliver(struct huff_dec_mt *m, struct huff_outbuf *out,
                                     int wait, const struct huff_dec_mt_sink *sink);

/* huff_dec_mt_lent - what the last deliver into { NULL, 1, 0 } lent. */
void huff_dec_mt_lent(const struct huff_dec_mt *m, const uint8_t **view, size_t *size);

#endif
