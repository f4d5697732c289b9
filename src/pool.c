/*
 * pool.c - a fixed set of worker threads and a first-in first-out queue
 *
 * The only file of the library that needs POSIX (threads, the number of
 * processors, signal masks).  One pool belongs to one encoder or decoder,
 * which already may not be used by two threads at once: so the pool has a
 * single submitter, and only the workers compete for its queue.
 *
 * The caller is one of the pool's threads: a context with threads N starts
 * N - 1 workers, and its calling thread runs queued jobs whenever it has to
 * wait for one (huff_pool_wait()).  So N threads compute and never more,
 * -T1 starts none, and the calling thread's own serial work (reading,
 * checksums, copying out) fits in between.
 */
#define _POSIX_C_SOURCE 200809L

#include "pool.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

enum { JOB_QUEUED = 1, JOB_RUNNING, JOB_DONE };

struct huff_pool {
        pthread_mutex_t lock;
        pthread_cond_t work;            /* a job was queued, or stop */
        pthread_cond_t done;            /* a job finished */
        struct huff_job *head, *tail;
        int stop;
        unsigned workers;
        pthread_t *tids;
};

unsigned huff_pool_cores(void)
{
        long n = sysconf(_SC_NPROCESSORS_ONLN);

        if (n < 1)
                return 1;
        return n > (long)HUFF_THREADS_MAX ? HUFF_THREADS_MAX : (unsigned)n;
}

/* Take the oldest queued job; the lock is held. */
static struct huff_job *pop(struct huff_pool *p)
{
        struct huff_job *j = p->head;

        if (j) {
                p->head = j->next;
                if (!p->head)
                        p->tail = NULL;
                j->next = NULL;
                j->state = JOB_RUNNING;
        }
        return j;
}

/* Run j with the lock released; the lock is held before and after. */
static void run(struct huff_pool *p, struct huff_job *j, unsigned thread)
{
        pthread_mutex_unlock(&p->lock);
        j->run(j, thread);
        pthread_mutex_lock(&p->lock);
        j->state = JOB_DONE;
        pthread_cond_broadcast(&p->done);
}

struct worker_arg {
        struct huff_pool *pool;
        unsigned index;
};

static void *worker(void *arg)
{
        struct huff_pool *p = ((struct worker_arg *)arg)->pool;
        unsigned index = ((struct worker_arg *)arg)->index;

        free(arg);
        pthread_mutex_lock(&p->lock);
        for (;;) {
                struct huff_job *j = pop(p);

                if (j) {
                        run(p, j, index);
                        continue;
                }
                if (p->stop)
                        break;
                pthread_cond_wait(&p->work, &p->lock);
        }
        pthread_mutex_unlock(&p->lock);
        return NULL;
}

static void stop_workers(struct huff_pool *p, unsigned started)
{
        pthread_mutex_lock(&p->lock);
        p->stop = 1;
        pthread_cond_broadcast(&p->work);
        pthread_mutex_unlock(&p->lock);
        for (unsigned i = 0; i < started; i++)
                pthread_join(p->tids[i], NULL);
}

enum huff_status huff_pool_create(struct huff_pool **pp, unsigned threads)
{
        struct huff_pool *p;
        sigset_t all, old;
        unsigned started = 0;

        *pp = NULL;
        HUFF_ASSERT(threads >= 2 && threads <= HUFF_THREADS_MAX);
        p = calloc(1, sizeof(*p));
        if (!p)
                return HUFF_ERR_NOMEM;
        p->workers = threads - 1;
        p->tids = malloc(p->workers * sizeof(*p->tids));
        if (!p->tids || pthread_mutex_init(&p->lock, NULL) != 0) {
                free(p->tids);
                free(p);
                return HUFF_ERR_NOMEM;
        }
        pthread_cond_init(&p->work, NULL);
        pthread_cond_init(&p->done, NULL);
        /* Threads inherit the creator's mask: a signal for the process
         * (Ctrl-C) must go to a thread of the caller's, whose handler may
         * want to clean up, and not to a worker. */
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        for (; started < p->workers; started++) {
                struct worker_arg *a = malloc(sizeof(*a));

                if (!a)
                        break;
                a->pool = p;
                a->index = started + 1;
                if (pthread_create(&p->tids[started], NULL, worker, a) != 0) {
                        free(a);
                        break;
                }
        }
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (started < p->workers) {
                p->workers = started;
                huff_pool_free(p);
                return HUFF_ERR_NOMEM;
        }
        *pp = p;
        return HUFF_OK;
}

void huff_pool_free(struct huff_pool *p)
{
        if (!p)
                return;
        HUFF_ASSERT(!p->head);
        stop_workers(p, p->workers);
        pthread_cond_destroy(&p->work);
        pthread_cond_destroy(&p->done);
        pthread_mutex_destroy(&p->lock);
        free(p->tids);
        free(p);
}

void huff_pool_submit(struct huff_pool *p, struct huff_job *j)
{
        pthread_mutex_lock(&p->lock);
        j->next = NULL;
        j->state = JOB_QUEUED;
        if (p->tail)
                p->tail->next = j;
        else
                p->head = j;
        p->tail = j;
        pthread_cond_signal(&p->work);
        pthread_mutex_unlock(&p->lock);
}

int huff_pool_done(struct huff_pool *p, struct huff_job *j)
{
        int done;

        pthread_mutex_lock(&p->lock);
        done = j->state == JOB_DONE || j->state == 0;
        pthread_mutex_unlock(&p->lock);
        return done;
}

void huff_pool_wait(struct huff_pool *p, struct huff_job *j)
{
        pthread_mutex_lock(&p->lock);
        while (j->state != JOB_DONE && j->state != 0) {
                struct huff_job *q = pop(p);

                if (q)
                        run(p, q, 0);
                else
                        pthread_cond_wait(&p->done, &p->lock);
        }
        pthread_mutex_unlock(&p->lock);
}
