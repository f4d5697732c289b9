/*
 * job_ring.c - a ring of jobs handed to a pool in order, taken back in order
 *
 * Only the calling thread touches the ring; the pool's workers see nothing
 * of it but the jobs.  A job not sent yet has state 0, which the pool
 * counts as done, so waiting for every item in use is waiting for those
 * sent.
 */
#include "job_ring.h"

#include <stdlib.h>

static struct huff_job *job_at(const struct huff_ring *r, size_t i)
{
        return (struct huff_job *)huff_ring_at(r, i);
}

enum huff_status huff_ring_create(struct huff_ring *r, unsigned threads, size_t item_size,
                                  size_t in_bytes, size_t out_bytes,
                                  void (*run)(struct huff_job *j, unsigned thread),
                                  int (*setup)(void *item, void *ctx), void *ctx)
{
        r->n = (size_t)threads + 2;
        r->size = item_size;
        r->items = calloc(r->n, item_size);
        if (!r->items)
                return HUFF_ERR_NOMEM;
        for (size_t i = 0; i < r->n; i++) {
                struct huff_ring_item *it = huff_ring_slot(r, i);

                it->job.run = run;
                it->in = malloc(in_bytes);
                it->out = malloc(out_bytes);
                if (!it->in || !it->out || !setup(it, ctx))
                        return HUFF_ERR_NOMEM;
        }
        return huff_pool_create(&r->pool, threads);
}

/* None may run past a reset, or past the free of its buffers. */
static void wait_all(struct huff_ring *r)
{
        for (size_t i = 0; i < r->used; i++)
                huff_pool_wait(r->pool, job_at(r, i));
}

void huff_ring_free(struct huff_ring *r, void (*free_item)(void *item))
{
        if (r->pool) {
                wait_all(r);
                huff_pool_free(r->pool);
                r->pool = NULL;
        }
        if (r->items)
                for (size_t i = 0; i < r->n; i++) {
                        struct huff_ring_item *it = huff_ring_slot(r, i);

                        if (free_item)
                                free_item(it);
                        free(it->in);
                        free(it->out);
                }
        free(r->items);
        r->items = NULL;
}

void huff_ring_reset(struct huff_ring *r)
{
        wait_all(r);
        for (size_t i = 0; i < r->n; i++)
                ((struct huff_job *)huff_ring_slot(r, i))->state = 0;
        r->head = r->used = 0;
        r->filling = r->head_done = 0;
}

void *huff_ring_take(struct huff_ring *r)
{
        struct huff_job *j;

        HUFF_ASSERT(!r->filling);
        if (r->used == r->n)
                return NULL;
        j = job_at(r, r->used++);
        j->state = 0;
        r->filling = 1;
        return j;
}

void huff_ring_send(struct huff_ring *r)
{
        HUFF_ASSERT(r->filling);
        r->filling = 0;
        huff_pool_submit(r->pool, job_at(r, r->used - 1));
}

void huff_ring_unfill(struct huff_ring *r)
{
        HUFF_ASSERT(r->filling);
        r->filling = 0;
        r->used--;
}

void *huff_ring_oldest(struct huff_ring *r, int wait)
{
        struct huff_job *j;

        if (r->used == 0 || (r->used == 1 && r->filling))
                return NULL;
        j = job_at(r, 0);
        if (!r->head_done) {
                if (!huff_pool_done(r->pool, j)) {
                        if (!wait)
                                return NULL;
                        huff_pool_wait(r->pool, j);
                }
                r->head_done = 1;
        }
        return j;
}

void huff_ring_retire(struct huff_ring *r)
{
        HUFF_ASSERT(r->head_done && r->used > 0);
        job_at(r, 0)->state = 0;
        r->head = (r->head + 1) % r->n;
        r->used--;
        r->head_done = 0;
}
