/*
 * test_pool.c - the worker pool: every job runs once, waits return when
 * their job is done, and workers work without the caller's help
 *
 * Both ways of waiting are covered: spinning first (threads no more than
 * the processors) and sleeping at once (more threads than processors).
 * Workers start at the first job (pool.c): a pool never given one must
 * still free cleanly, and a job the caller never waits for must still be
 * run, by a worker.
 */
#define _POSIX_C_SOURCE 200809L   /* nanosleep */

#include <check.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "pool.h"
#include "testutil.h"

struct counted {
        struct huff_job job;            /* first: the job is the struct */
        atomic_int runs;
        unsigned thread;
        uint64_t sum;                   /* some work, so that jobs overlap */
};

static void count_run(struct huff_job *j, unsigned thread)
{
        struct counted *c = (struct counted *)j;
        uint64_t x = (uint64_t)(uintptr_t)c;

        for (int i = 0; i < 20000; i++)
                x = x * 6364136223846793005u + 1442695040888963407u;
        c->sum = x;
        c->thread = thread;
        atomic_fetch_add(&c->runs, 1);
}

static void init_job(struct counted *c)
{
        memset(c, 0, sizeof(*c));
        c->job.run = count_run;
}

/* threads for each case: 2 and the cores (spinning, when at most the
 * cores), and more than the cores (sleeping at once). */
static unsigned case_threads(int i)
{
        unsigned cores = huff_pool_cores();

        if (i == 0)
                return 2;
        if (i == 1)
                return cores >= 2 ? cores : 2;
        return cores + 2 <= HUFF_THREADS_MAX ? cores + 2 : HUFF_THREADS_MAX;
}

/* Submit jobs in waves, waiting for each wave oldest first, as the decoder
 * and encoder do: each job ran exactly once, on a thread of the pool. */
START_TEST(every_job_runs_once)
{
        enum { JOBS = 64, WAVE = 6 };
        static struct counted jobs[JOBS];
        unsigned threads = case_threads(_i);
        struct huff_pool *p;

        ck_assert_int_eq(huff_pool_create(&p, threads), HUFF_OK);
        for (int k = 0; k < JOBS; k++)
                init_job(&jobs[k]);
        for (int k = 0; k < JOBS; k += WAVE) {
                int end = k + WAVE < JOBS ? k + WAVE : JOBS;

                for (int m = k; m < end; m++)
                        huff_pool_submit(p, &jobs[m].job);
                for (int m = k; m < end; m++) {
                        huff_pool_wait(p, &jobs[m].job);
                        ck_assert(huff_pool_done(p, &jobs[m].job));
                        ck_assert_int_eq(atomic_load(&jobs[m].runs), 1);
                        /* What the job wrote is seen once it is done. */
                        ck_assert_uint_ne(jobs[m].sum, 0);
                }
        }
        for (int k = 0; k < JOBS; k++) {
                ck_assert_int_eq(atomic_load(&jobs[k].runs), 1);
                ck_assert_uint_lt(jobs[k].thread, threads);
        }
        huff_pool_free(p);
}
END_TEST

/* A job the caller does not wait for is run by a worker (thread >= 1):
 * submitting starts the workers. */
START_TEST(workers_run_without_the_caller)
{
        struct counted c;
        struct huff_pool *p;
        struct timespec pause = { 0, 1000000 };
        int waited = 0;

        ck_assert_int_eq(huff_pool_create(&p, case_threads(_i)), HUFF_OK);
        init_job(&c);
        huff_pool_submit(p, &c.job);
        /* Up to 20 s, for a loaded machine under a sanitizer. */
        while (!huff_pool_done(p, &c.job) && waited < 20000) {
                nanosleep(&pause, NULL);
                waited++;
        }
        ck_assert_msg(huff_pool_done(p, &c.job), "no worker ran the job in 20 s");
        ck_assert_int_eq(atomic_load(&c.runs), 1);
        ck_assert_uint_ge(c.thread, 1);
        huff_pool_free(p);
}
END_TEST

/* A pool given no job starts no thread, and frees without waiting. */
START_TEST(unused_pool_frees)
{
        struct huff_pool *p;
        struct counted c;

        ck_assert_int_eq(huff_pool_create(&p, case_threads(_i)), HUFF_OK);
        /* A job never submitted counts as done; waiting for it returns. */
        init_job(&c);
        ck_assert(huff_pool_done(p, &c.job));
        huff_pool_wait(p, &c.job);
        ck_assert_int_eq(atomic_load(&c.runs), 0);
        huff_pool_free(p);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("pool");
        TCase *tc = tcase_create("pool");

        tcase_add_loop_test(tc, every_job_runs_once, 0, 3);
        tcase_add_loop_test(tc, workers_run_without_the_caller, 0, 3);
        tcase_add_loop_test(tc, unused_pool_frees, 0, 3);
        tcase_set_timeout(tc, 60);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
