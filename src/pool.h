/*
 * pool.h - worker threads for the encoder's segments and the decoder's runs
 * of blocks
 */
#ifndef HUFF_POOL_H
#define HUFF_POOL_H

#include <stdatomic.h>

#include "common.h"

/*
 * A unit of work.  run() is called once, on some thread: thread is 0 when
 * the calling thread runs it (while it waits, huff_pool_wait()), 1 to
 * threads-1 on the pool's workers, so that per-thread scratch can be
 * indexed by it.  Everything run() writes is visible to whoever sees the
 * job done (the pool's mutex orders them).
 */
struct huff_job {
        void (*run)(struct huff_job *j, unsigned thread);
        struct huff_job *next;          /* the queue; the pool's */
        atomic_int state;               /* the pool's; written under its
                                           mutex, read by spinning waiters */
};

struct huff_pool;

/* huff_pool_cores - online processors (at least 1): what threads 0 means. */
unsigned huff_pool_cores(void);

/* The threads a context's threads setting asks for: 0 is one per core. */
static inline unsigned huff_pool_threads(unsigned threads)
{
        return threads ? threads : huff_pool_cores();
}

/*
 * huff_pool_create - a pool of threads - 1 workers (threads >= 2): the
 * calling thread is the last one, working while it waits.  The workers
 * start at the first huff_pool_submit(), so that they begin with work; one
 * the system will not start is done without (the caller runs the jobs it
 * would have).  Workers block every signal, so that signals reach the
 * caller's threads as before.  Errors: HUFF_ERR_NOMEM.
 */
enum huff_status huff_pool_create(struct huff_pool **p, unsigned threads);

/* huff_pool_free - stop and join the workers; no job may be queued or
 * running (huff_pool_wait() each first).  NULL is a no-op. */
void huff_pool_free(struct huff_pool *p);

/* huff_pool_submit - queue j (first in, first run). */
void huff_pool_submit(struct huff_pool *p, struct huff_job *j);

/* huff_pool_done - 1 if j has run (does not wait).  A job never submitted
 * counts as done. */
int huff_pool_done(struct huff_pool *p, struct huff_job *j);

/* huff_pool_wait - return once j has run; meanwhile run queued jobs, the
 * oldest first, on the calling thread (thread 0). */
void huff_pool_wait(struct huff_pool *p, struct huff_job *j);

#endif
