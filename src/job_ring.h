/*
 * job_ring.h - a ring of jobs handed to a pool in order, taken back in order
 *
 * Both threaded stages work this way (encode_mt.c: segments; decode_mt.c:
 * runs of blocks): the calling thread fills the newest item, hands it to
 * the pool, and takes items back oldest first, so that output leaves in
 * input order whatever thread finished first.
 */
#ifndef HUFF_JOB_RING_H
#define HUFF_JOB_RING_H

#include "pool.h"

/*
 * threads + 2 items: one per thread working, one queued so that a worker
 * finishing never waits for the caller, and one being filled or taken
 * back.  Fewer left a worker idle while the caller copied (measured: see
 * bench/MEASUREMENTS.md, "Threads").
 */
struct huff_ring {
        struct huff_pool *pool;
        unsigned char *items;           /* n items of size bytes, each
                                           starting with its struct huff_job */
        size_t size, n;
        size_t head;                    /* the oldest item in use */
        size_t used;                    /* items in use, from head on */
        int filling;                    /* the newest in use is being
                                           filled, not sent */
        int head_done;                  /* the oldest was seen done */
};

/* What every item starts with: its job, and the input it is given and the
 * output its job makes, which the ring allocates and frees. */
struct huff_ring_item {
        struct huff_job job;            /* first: the job is the item */
        uint8_t *in;
        uint8_t *out;
};

/*
 * huff_ring_create - threads + 2 items of item_size bytes (a struct that
 * starts with its struct huff_ring_item) whose jobs call run, each with
 * in_bytes of input and out_bytes of output, and a pool of threads (>= 2).
 * Each item is zeroed, given its buffers, then to setup(item, ctx), which
 * may allocate more (0: out of memory).  r is zeroed by the caller; on
 * failure, huff_ring_free() it.  Errors: HUFF_ERR_NOMEM.
 */
enum huff_status huff_ring_create(struct huff_ring *r, unsigned threads, size_t item_size,
                                  size_t in_bytes, size_t out_bytes,
                                  void (*run)(struct huff_job *j, unsigned thread),
                                  int (*setup)(void *item, void *ctx), void *ctx);

/* huff_ring_free - wait for the jobs sent, call free_item (if not NULL) on
 * every item, set up or not, and release their buffers, the items and the
 * pool. */
void huff_ring_free(struct huff_ring *r, void (*free_item)(void *item));

/* huff_ring_reset - wait for the jobs sent and drop every item. */
void huff_ring_reset(struct huff_ring *r);

/* Item i of the ring (0 to n - 1), in use or not: for setting them up. */
static inline void *huff_ring_slot(const struct huff_ring *r, size_t i)
{
        return r->items + i * r->size;
}

/* The i-th item in use, the oldest first (i < r->used). */
static inline void *huff_ring_at(const struct huff_ring *r, size_t i)
{
        return huff_ring_slot(r, (r->head + i) % r->n);
}

/* huff_ring_filling - the item being filled, or NULL. */
static inline void *huff_ring_filling(const struct huff_ring *r)
{
        return r->filling ? huff_ring_at(r, r->used - 1) : NULL;
}

/* huff_ring_take - a free item, now the one being filled (none may be
 * already), or NULL when every item is in use. */
void *huff_ring_take(struct huff_ring *r);

/* huff_ring_send - hand the item being filled to the pool. */
void huff_ring_send(struct huff_ring *r);

/* huff_ring_unfill - give back the item being filled, unsent. */
void huff_ring_unfill(struct huff_ring *r);

/*
 * huff_ring_oldest - the oldest item, once its job has run, or NULL: none
 * in use, the oldest is being filled, or (wait 0) its job has not run yet.
 * wait: wait for it, running queued jobs meanwhile.
 */
void *huff_ring_oldest(struct huff_ring *r, int wait);

/* huff_ring_retire - free the oldest item, which huff_ring_oldest() gave. */
void huff_ring_retire(struct huff_ring *r);

#endif
