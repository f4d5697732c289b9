/*
 * decode_mt.h - runs of blocks decoded on worker threads, taken back in order
 */
#ifndef HUFF_DECODE_MT_H
#define HUFF_DECODE_MT_H

#include "block.h"

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
 * no run is free: huff_dec_mt_retire() frees them.
 */
int huff_dec_mt_add(struct huff_dec_mt *m, const struct huff_block_header *h,
                    const uint8_t *payload);

/* huff_dec_mt_send - hand the current run, if any, to the threads. */
void huff_dec_mt_send(struct huff_dec_mt *m);

/* huff_dec_mt_idle - 1 when every block added has been taken back. */
int huff_dec_mt_idle(const struct huff_dec_mt *m);

/* A decoded run: the bytes and headers of its good blocks, in order, and
 * the error of the block that stopped it. */
struct huff_dec_run {
        const uint8_t *out;             /* good_out bytes */
        size_t good_out;
        const struct huff_block_header *bh;     /* good_blocks headers */
        size_t good_blocks;
        enum huff_status status;        /* HUFF_OK, or block good_blocks' */
};

/*
 * huff_dec_mt_oldest - describe the oldest run in *done once it is
 * decoded: returns 1, and the run stays as it is (its bytes where they
 * lie) until huff_dec_mt_retire().  Returns 0 when no run has been sent, or
 * (wait 0) the oldest is not decoded yet.  wait: wait for it, decoding
 * queued runs meanwhile.
 */
int huff_dec_mt_oldest(struct huff_dec_mt *m, int wait, struct huff_dec_run *done);

/* huff_dec_mt_retire - free the oldest run, which huff_dec_mt_oldest() gave. */
void huff_dec_mt_retire(struct huff_dec_mt *m);

#endif
