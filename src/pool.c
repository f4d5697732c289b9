/*
 * pool.c - a fixed set of worker threads and a first-in first-out queue
 *
 * The only file of the library that needs POSIX (threads, the number of
 * processors, signal masks) and, on Linux, more (processor affinity: see
 * leave_cpu()).  One pool belongs to one encoder or decoder,
 * which already may not be used by two threads at once: so the pool has a
 * single submitter, and only the workers compete for its queue.
 *
 * The caller is one of the pool's threads: a context with threads N starts
 * N - 1 workers, and its calling thread runs queued jobs whenever it has to
 * wait for one (huff_pool_wait()).  So N threads compute and never more,
 * -T1 starts none, and the calling thread's own serial work (reading,
 * checksums, copying out) fits in between.
 */
#ifdef __linux__
/* sched_getcpu(), thread affinity */
#define _GNU_SOURCE /* NOLINT(bugprone-reserved-identifier) */
#else
#define _POSIX_C_SOURCE 200809L
#endif

#include "pool.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

enum { JOB_QUEUED = 1, JOB_RUNNING, JOB_DONE };

struct huff_pool {
        pthread_mutex_t lock;
        pthread_cond_t work;            /* a job was queued, or stop */
        pthread_cond_t done;            /* a job finished */
        struct huff_job *head, *tail;
        atomic_int queued;              /* jobs in the queue: read unlocked
                                           by spinning threads */
        atomic_int stop;
        unsigned workers;               /* to start */
        unsigned started;               /* started so far */
        int spin;                       /* wait by spinning first */
        pthread_t *tids;
};

/*
 * Why a thread spins before it sleeps.  The caller and the workers hand
 * work to each other every few hundred microseconds (a decoder's run of
 * blocks is about half a millisecond of work).  When each waiting thread
 * sleeps at once, every hand-off is a wake-up by the other thread, which
 * then soon sleeps itself; Linux's scheduler reads that pattern as a
 * producer and its consumer, and moves the woken thread onto the waker's
 * processor to share its cache.  Measured with perf sched on 2 cores: both
 * threads took turns on one core while the other sat idle for 4 to 15 ms
 * at a stretch, and -T2 was only 1.4x -T1.  A thread that spins a little
 * instead sees the next job without having slept, stays where it is, and
 * nobody has to wake it.  Spinning is bounded (SPIN_NS), so an idle pool
 * still sleeps, and it is off when there are more threads than processors,
 * where a spinning thread would take a core from a working one.
 */
#define SPIN_NS 500000L

static long long now_ns(void)
{
        struct timespec t;

        clock_gettime(CLOCK_MONOTONIC, &t);
        return (long long)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void cpu_relax(void)
{
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
        __builtin_ia32_pause();
#elif defined(__GNUC__) && defined(__aarch64__)
        __asm__ __volatile__("yield");
#endif
}

/* Spin until ready(arg) or SPIN_NS pass: 1 if it became ready.  Called
 * without the lock; what it reads is atomic. */
static int spin_until(int (*ready)(const void *), const void *arg)
{
        long long end = now_ns() + SPIN_NS;

        for (;;) {
                for (int i = 0; i < 64; i++) {
                        if (ready(arg))
                                return 1;
                        cpu_relax();
                }
                if (now_ns() > end)
                        return 0;
        }
}

/* Called with the lock held, returned with it held: if the pool spins,
 * spin without the lock until ready(arg) (1) or SPIN_NS pass (0). */
static int spin_unlocked(struct huff_pool *p, int (*ready)(const void *), const void *arg)
{
        int got;

        if (!p->spin)
                return 0;
        pthread_mutex_unlock(&p->lock);
        got = spin_until(ready, arg);
        pthread_mutex_lock(&p->lock);
        return got;
}

/* What a worker waits for: a job, or the order to stop. */
static int work_ready(const void *arg)
{
        const struct huff_pool *p = arg;

        return atomic_load_explicit(&p->queued, memory_order_relaxed) > 0 ||
               atomic_load_explicit(&p->stop, memory_order_relaxed);
}

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
                atomic_fetch_sub_explicit(&p->queued, 1, memory_order_relaxed);
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
        int cpu;                        /* the creator's, or -1 */
};

/*
 * Start on another processor than the creator's, where one is allowed.
 * A new thread is placed by the scheduler, which on a virtual machine whose
 * idle processors look busy to it (halted virtual CPUs count as
 * preempted) often puts it beside its creator; the two then take turns on
 * one core until the load balancer parts them, milliseconds later.  The
 * thread leaves the creator's processor once, then takes back its whole
 * affinity mask, so the scheduler stays free to move it afterwards.
 */
static void leave_cpu(int cpu)
{
#ifdef __linux__
        cpu_set_t all, away;
        pthread_t self = pthread_self();

        if (cpu < 0 || cpu >= CPU_SETSIZE ||
            pthread_getaffinity_np(self, sizeof(all), &all) != 0)
                return;
        away = all;
        CPU_CLR(cpu, &away);
        if (CPU_COUNT(&away) == 0)
                return;
        if (pthread_setaffinity_np(self, sizeof(away), &away) == 0)
                (void)pthread_setaffinity_np(self, sizeof(all), &all);
#else
        (void)cpu;
#endif
}

static int current_cpu(void)
{
#ifdef __linux__
        return sched_getcpu();
#else
        return -1;
#endif
}

static void *worker(void *arg)
{
        struct huff_pool *p = ((struct worker_arg *)arg)->pool;
        unsigned index = ((struct worker_arg *)arg)->index;

        if (p->spin)
                leave_cpu(((struct worker_arg *)arg)->cpu);
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
                if (spin_unlocked(p, work_ready, p))
                        continue;
                if (!p->head && !p->stop)
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

        *pp = NULL;
        HUFF_ASSERT(threads >= 2 && threads <= HUFF_THREADS_MAX);
        p = calloc(1, sizeof(*p));
        if (!p)
                return HUFF_ERR_NOMEM;
        p->workers = threads - 1;
        p->spin = threads <= huff_pool_cores();
        p->tids = malloc(p->workers * sizeof(*p->tids));
        if (!p->tids || pthread_mutex_init(&p->lock, NULL) != 0) {
                free(p->tids);
                free(p);
                return HUFF_ERR_NOMEM;
        }
        pthread_cond_init(&p->work, NULL);
        pthread_cond_init(&p->done, NULL);
        *pp = p;
        return HUFF_OK;
}

/*
 * Start the workers: at the first job, so that they begin with work to do
 * instead of sleeping until it comes, which would leave their placement to
 * the wake-up (see SPIN_NS).  A thread that cannot be started is done
 * without: the caller runs whatever the workers do not.
 */
static void start_workers(struct huff_pool *p)
{
        sigset_t all, old;
        int cpu = p->spin ? current_cpu() : -1;

        /* Threads inherit the creator's mask: a signal for the process
         * (Ctrl-C) must go to a thread of the caller's, whose handler may
         * want to clean up, and not to a worker. */
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        while (p->started < p->workers) {
                struct worker_arg *a = malloc(sizeof(*a));

                if (!a)
                        break;
                a->pool = p;
                a->index = p->started + 1;
                a->cpu = cpu;
                if (pthread_create(&p->tids[p->started], NULL, worker, a) != 0) {
                        free(a);
                        break;
                }
                p->started++;
        }
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        p->workers = p->started;        /* no second try */
}

void huff_pool_free(struct huff_pool *p)
{
        if (!p)
                return;
        HUFF_ASSERT(!p->head);
        stop_workers(p, p->started);
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
        atomic_fetch_add_explicit(&p->queued, 1, memory_order_relaxed);
        pthread_cond_signal(&p->work);
        pthread_mutex_unlock(&p->lock);
        if (p->started < p->workers)
                start_workers(p);
}

int huff_pool_done(struct huff_pool *p, struct huff_job *j)
{
        int done;

        pthread_mutex_lock(&p->lock);
        done = j->state == JOB_DONE || j->state == 0;
        pthread_mutex_unlock(&p->lock);
        return done;
}

struct wait_arg {
        const struct huff_pool *p;
        const struct huff_job *j;
};

/* What the caller waits for: its job done, or a job it can run itself. */
static int job_ready(const void *arg)
{
        const struct wait_arg *w = arg;
        int state = atomic_load_explicit(&w->j->state, memory_order_relaxed);

        return state == JOB_DONE || state == 0 ||
               atomic_load_explicit(&w->p->queued, memory_order_relaxed) > 0;
}

void huff_pool_wait(struct huff_pool *p, struct huff_job *j)
{
        struct wait_arg w = { p, j };

        pthread_mutex_lock(&p->lock);
        while (j->state != JOB_DONE && j->state != 0) {
                struct huff_job *q = pop(p);

                if (q) {
                        run(p, q, 0);
                        continue;
                }
                if (spin_unlocked(p, job_ready, &w))
                        continue;
                if (j->state != JOB_DONE && !p->head)
                        pthread_cond_wait(&p->done, &p->lock);
        }
        pthread_mutex_unlock(&p->lock);
}
