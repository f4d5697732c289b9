/*
 * testutil.h - what every unit test shares: seeded randomness, test data,
 * guarded buffers
 *
 * Every random case derives from a seed (usually the loop index _i), so a
 * failure reproduces on any machine: no rand(), no time().
 */
#ifndef HUFF_TESTUTIL_H
#define HUFF_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <check.h>

/* ------------------------------------------------------------------------ */
/* Seeded PRNG: splitmix64 (Vigna), 64-bit state, every seed usable. */

struct rng {
        uint64_t s;
};

/* Distinct (stream, seed) pairs give unrelated sequences. */
void rng_seed(struct rng *r, uint64_t stream, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n), n > 0 (bias below 2^-32 for n < 2^32). */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [lo, hi]. */
uint64_t rng_range(struct rng *r, uint64_t lo, uint64_t hi);
/* Uniform in [0, 1). */
double rng_unit(struct rng *r);
/* A size in [0, max], log-uniform so that small and large are both
 * frequent, with the edges 0, 1 and max each chosen now and then. */
size_t rng_size(struct rng *r, size_t max);

/* ------------------------------------------------------------------------ */
/* Test data generators: each fills dst[0..n). */

/* Independent uniform bytes: incompressible. */
void gen_uniform(struct rng *r, uint8_t *dst, size_t n);
/* Geometric symbol distribution: byte k with probability ~ (1-p) p^k,
 * relabelled by a random permutation of the alphabet.  p in (0, 1):
 * 0.5 is very skewed (about 2 bits a byte), 0.95 mildly. */
void gen_skewed(struct rng *r, uint8_t *dst, size_t n, double p);
/* English-like text: words from English letter frequencies, spaces,
 * capitals after full stops, commas, line breaks near column 72. */
void gen_text(struct rng *r, uint8_t *dst, size_t n);
/* One byte repeated. */
void gen_run(uint8_t *dst, size_t n, uint8_t byte);
/* Runs of random bytes with random lengths (1..max_run). */
void gen_runs(struct rng *r, uint8_t *dst, size_t n, size_t max_run);
/* Some generator chosen by the rng (uniform, skewed of random p, text,
 * runs, one byte); returns its name for messages. */
const char *gen_any(struct rng *r, uint8_t *dst, size_t n);

/* ------------------------------------------------------------------------ */
/* Guarded buffers (libdeflate's tests/test_util.c): size bytes that end
 * exactly at an unmapped page, with another before them, so that reading
 * one byte past either end faults at once, with or without a sanitizer.
 * Aborts the test on failure.  Contents are zero. */
uint8_t *alloc_guarded_buffer(size_t size);
void free_guarded_buffer(uint8_t *p, size_t size);
/* A guarded copy of src[0..n). */
uint8_t *guarded_copy(const void *src, size_t n);
/* The same for n <= GUARDED_SMALL_MAX without a mapping per call: the copy
 * goes at the end of one reused guarded region, valid until the next call.
 * For loops over thousands of small inputs (headers, tables). */
#define GUARDED_SMALL_MAX 4096u
const uint8_t *guarded_small(const void *src, size_t n);

/* ------------------------------------------------------------------------ */
/* Small helpers */

/*
 * Several random cases per Check test: Check runs every test, and every
 * iteration of a loop test, in a process of its own, and a fork costs
 * about 10 ms under ASan, more than most cases.  So a loop test runs
 * cases for seeds _i * per .. _i * per + per - 1, in test_seed, which
 * TEST_ASSERT() names on failure.
 */
extern uint64_t test_seed;
#define FOR_EACH_SEED(per) \
        for (test_seed = (uint64_t)_i * (per); test_seed < (uint64_t)(_i + 1) * (per); test_seed++)

/*
 * TEST_ASSERT(cond, fmt, ...) - ck_assert_msg() for tight loops, naming
 * test_seed.  Check logs the position of every assertion that passes (a
 * write to its log file per call), which costs more than the work checked
 * in a loop over every codeword or every byte; this one calls into Check
 * only on failure.
 */
#define TEST_ASSERT(cond, ...) \
        do { \
                if (!(cond)) \
                        test_fail(__FILE__, __LINE__, "Assertion '" #cond "' failed", \
                                  __VA_ARGS__); \
        } while (0)
void test_fail(const char *file, int line, const char *what, const char *fmt, ...)
        __attribute__((noreturn, format(printf, 4, 5)));

/* Index of the first differing byte of a and b, or n if equal. */
size_t first_diff(const void *a, const void *b, size_t n);
/* malloc that aborts the test on failure (size 0 gives a valid pointer). */
void *xmalloc(size_t n);
/* realloc(), failing the test if it fails. */
void *xrealloc(void *p, size_t n);

/* The corpus (corpus/README.md): $HUFF_CORPUS, "" when it is unset (the
 * tests that need the corpus then skip). */
const char *corpus_dir(void);
/* The corpus's MANIFEST.tsv, open after its header row; NULL, after
 * printing "corpus: ... absent, skipped", if there is no corpus. */
FILE *corpus_manifest(void);
/* The whole of a file, *n bytes, to free(); NULL if it cannot be opened.
 * Aborts the test if it cannot be read. */
uint8_t *read_file(const char *path, size_t *n);

/* test_run_suite - run s with Check's defaults; the exit status for main(). */
int test_run_suite(Suite *s);

#endif
