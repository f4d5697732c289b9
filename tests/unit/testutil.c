/*
 * testutil.c - seeded randomness, test data and guarded buffers for the
 * unit tests (see testutil.h)
 *
 * mmap() and mprotect() are POSIX, not C11: only this file asks for them.
 */
#define _DEFAULT_SOURCE

#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ------------------------------------------------------------------------ */
/* PRNG */

void rng_seed(struct rng *r, uint64_t stream, uint64_t seed)
{
        r->s = stream * 0xd1b54a32d192ed03ull ^ seed;
        rng_next(r);
}

uint64_t rng_next(struct rng *r)
{
        uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
        return rng_next(r) % n;
}

uint64_t rng_range(struct rng *r, uint64_t lo, uint64_t hi)
{
        return lo + (hi - lo == UINT64_MAX ? rng_next(r) : rng_below(r, hi - lo + 1));
}

double rng_unit(struct rng *r)
{
        return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

size_t rng_size(struct rng *r, size_t max)
{
        unsigned bits = 0;

        switch (rng_below(r, 16)) {
        case 0: return 0;
        case 1: return max < 1 ? max : 1;
        case 2: return max;
        }
        while (bits < 64 && (max >> bits) > 0)
                bits++;
        uint64_t k = rng_below(r, bits + 1);
        uint64_t v = rng_below(r, k >= 64 ? UINT64_MAX : (uint64_t)1 << k);
        return v > max ? max : (size_t)v;
}

/* ------------------------------------------------------------------------ */
/* Data */

/* A 16-bit-indexed sampler: slot j holds the symbol whose cumulative
 * weight covers j / 65536, so one rng call gives four symbols. */
struct sampler {
        uint8_t sym[65536];
};

static void sampler_build(struct sampler *sp, const double *w, unsigned nsym,
                          const uint8_t *label)
{
        double total = 0, acc = 0;
        unsigned s = 0;

        for (unsigned i = 0; i < nsym; i++)
                total += w[i];
        for (unsigned j = 0; j < 65536; j++) {
                double at = (j + 0.5) / 65536.0 * total;

                while (s + 1 < nsym && acc + w[s] <= at)
                        acc += w[s++];
                sp->sym[j] = label[s];
        }
}

static void sampler_fill(struct rng *r, const struct sampler *sp, uint8_t *dst, size_t n)
{
        size_t i = 0;

        while (i < n) {
                uint64_t v = rng_next(r);

                for (unsigned k = 0; k < 4 && i < n; k++, v >>= 16)
                        dst[i++] = sp->sym[v & 0xffff];
        }
}

void gen_uniform(struct rng *r, uint8_t *dst, size_t n)
{
        size_t i = 0;

        for (; i + 8 <= n; i += 8) {
                uint64_t v = rng_next(r);
                memcpy(dst + i, &v, 8);
        }
        if (i < n) {
                uint64_t v = rng_next(r);
                memcpy(dst + i, &v, n - i);
        }
}

void gen_skewed(struct rng *r, uint8_t *dst, size_t n, double p)
{
        static struct sampler sp;       /* 64 KiB: not on the stack */
        double w[256];
        uint8_t label[256];

        for (unsigned k = 0; k < 256; k++) {
                w[k] = pow(p, k);
                label[k] = (uint8_t)k;
        }
        for (unsigned k = 255; k > 0; k--) {     /* Fisher-Yates */
                unsigned j = (unsigned)rng_below(r, k + 1);
                uint8_t t = label[k];

                label[k] = label[j];
                label[j] = t;
        }
        sampler_build(&sp, w, 256, label);
        sampler_fill(r, &sp, dst, n);
}

void gen_text(struct rng *r, uint8_t *dst, size_t n)
{
        /* Letter frequencies of English text, per mille. */
        static const double freq[26] = {
                82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24,
                67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1,
        };
        static struct sampler sp;
        static int built;
        uint8_t letters[26];
        size_t col = 0;
        int capital = 1;

        if (!built) {
                for (unsigned k = 0; k < 26; k++)
                        letters[k] = (uint8_t)('a' + k);
                sampler_build(&sp, freq, 26, letters);
                built = 1;
        }
        for (size_t i = 0; i < n;) {
                /* A word of 1..12 letters, mean about 4.5. */
                unsigned len = 1;
                uint8_t word[16];

                while (len < 12 && rng_below(r, 100) < 75)
                        len++;
                sampler_fill(r, &sp, word, len);
                if (capital || rng_below(r, 50) == 0)
                        word[0] = (uint8_t)(word[0] - 'a' + 'A');
                capital = 0;
                for (unsigned k = 0; k < len && i < n; k++, col++)
                        dst[i++] = word[k];
                if (i >= n)
                        break;
                /* Punctuation, then a space or a line break. */
                uint64_t p = rng_below(r, 100);
                if (p < 6) {
                        dst[i++] = ',';
                } else if (p < 11) {
                        dst[i++] = '.';
                        capital = 1;
                } else if (p == 11) {
                        dst[i++] = rng_below(r, 2) ? ';' : '?';
                        capital = 1;
                }
                col++;
                if (i >= n)
                        break;
                if (col >= 72) {
                        dst[i++] = '\n';
                        col = 0;
                } else {
                        dst[i++] = ' ';
                        col++;
                }
        }
}

void gen_run(uint8_t *dst, size_t n, uint8_t byte)
{
        memset(dst, byte, n);
}

void gen_runs(struct rng *r, uint8_t *dst, size_t n, size_t max_run)
{
        for (size_t i = 0; i < n;) {
                size_t len = (size_t)rng_range(r, 1, max_run);

                if (len > n - i)
                        len = n - i;
                memset(dst + i, (int)rng_below(r, 256), len);
                i += len;
        }
}

const char *gen_any(struct rng *r, uint8_t *dst, size_t n)
{
        switch (rng_below(r, 6)) {
        case 0:
                gen_uniform(r, dst, n);
                return "uniform";
        case 1:
                gen_skewed(r, dst, n, 0.5);
                return "skewed 0.5";
        case 2:
                gen_skewed(r, dst, n, 0.5 + 0.49 * rng_unit(r));
                return "skewed";
        case 3:
                gen_text(r, dst, n);
                return "text";
        case 4:
                gen_runs(r, dst, n, 64);
                return "runs";
        default:
                gen_run(dst, n, (uint8_t)rng_below(r, 256));
                return "one byte";
        }
}

/* ------------------------------------------------------------------------ */
/* Guarded buffers: [guard page][padding][size bytes][guard page] */

static size_t page_size(void)
{
        long ps = sysconf(_SC_PAGESIZE);

        return ps > 0 ? (size_t)ps : 4096;
}

static size_t round_up(size_t n, size_t to)
{
        return (n + to - 1) / to * to;
}

uint8_t *alloc_guarded_buffer(size_t size)
{
        size_t ps = page_size(), data = round_up(size, ps);
        uint8_t *base;

        base = mmap(NULL, data + 2 * ps, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        ck_assert_msg(base != MAP_FAILED, "mmap of %zu bytes failed", data + 2 * ps);
        ck_assert_int_eq(mprotect(base, ps, PROT_NONE), 0);
        ck_assert_int_eq(mprotect(base + ps + data, ps, PROT_NONE), 0);
        return base + ps + data - size;
}

void free_guarded_buffer(uint8_t *p, size_t size)
{
        size_t ps = page_size(), data = round_up(size, ps);

        if (p)
                munmap(p + size - data - ps, data + 2 * ps);
}

uint8_t *guarded_copy(const void *src, size_t n)
{
        uint8_t *p = alloc_guarded_buffer(n);

        if (n)
                memcpy(p, src, n);
        return p;
}

const uint8_t *guarded_small(const void *src, size_t n)
{
        static uint8_t *region;         /* GUARDED_SMALL_MAX bytes */
        uint8_t *p;

        ck_assert_uint_le(n, GUARDED_SMALL_MAX);
        if (!region)
                region = alloc_guarded_buffer(GUARDED_SMALL_MAX);
        p = region + GUARDED_SMALL_MAX - n;
        if (n)
                memcpy(p, src, n);
        return p;
}

/* ------------------------------------------------------------------------ */

uint64_t test_seed;

void test_fail(const char *file, int line, const char *what, const char *fmt, ...)
{
        char msg[1024];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        _ck_assert_failed(file, line, what, "seed %llu: %s", (unsigned long long)test_seed, msg);
}

size_t first_diff(const void *a, const void *b, size_t n)
{
        const uint8_t *x = a, *y = b;
        size_t i = 0;

        if (n && memcmp(x, y, n) == 0)
                return n;
        while (i < n && x[i] == y[i])
                i++;
        return i;
}

void *xmalloc(size_t n)
{
        void *p = malloc(n ? n : 1);

        ck_assert_msg(p != NULL, "malloc(%zu) failed", n);
        return p;
}

void *xrealloc(void *p, size_t n)
{
        void *q = realloc(p, n ? n : 1);

        ck_assert_msg(q != NULL, "realloc(%zu) failed", n);
        return q;
}

const char *corpus_dir(void)
{
        const char *d = getenv("HUFF_CORPUS");

        return d ? d : "";
}

FILE *corpus_manifest(void)
{
        char manifest[4096], line[4096];
        FILE *m;

        if (!*corpus_dir()) {
                printf("corpus: HUFF_CORPUS unset, skipped\n");
                return NULL;
        }
        snprintf(manifest, sizeof(manifest), "%s/MANIFEST.tsv", corpus_dir());
        m = fopen(manifest, "r");
        if (!m) {
                printf("corpus: %s absent, skipped\n", manifest);
                return NULL;
        }
        ck_assert_ptr_nonnull(fgets(line, sizeof(line), m));   /* header row */
        return m;
}

uint8_t *read_file(const char *path, size_t *n)
{
        FILE *f = fopen(path, "rb");
        uint8_t *buf;
        long size;

        if (!f)
                return NULL;
        fseek(f, 0, SEEK_END);
        size = ftell(f);
        fseek(f, 0, SEEK_SET);
        buf = xmalloc((size_t)size);
        ck_assert_uint_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
        fclose(f);
        *n = (size_t)size;
        return buf;
}

int test_run_suite(Suite *s)
{
        SRunner *sr = srunner_create(s);
        int failed;

        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
