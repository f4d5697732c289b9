/*
 * synth.c - synthetic sources whose entropy is known exactly
 *
 *   synth [-n BYTES] [-s SEED] [-o DIR] [NAME...]
 *   synth --list [-n BYTES]
 *
 * A corpus file tells how close a coder comes to its own empirical entropy;
 * it cannot tell how close that entropy is to the truth, because nobody
 * knows the source that wrote book1.  These sources are known: each is a
 * stated distribution (or Markov chain), so the entropy rate printed beside
 * a file is the true H of what generated it, computed from the distribution
 * in long double, not estimated from the data.  A measured entropy that
 * strays from it is sampling noise (about sqrt(Var[-log2 p] / n) bits) or a
 * bug, in the generator or in the measurement.
 *
 * Standalone, not part of libhuff: `make synth` builds it alone, and
 * tests/cli/test_synth.sh builds it with cc.  It needs only C11, libm and
 * POSIX mkdir().
 *
 * Determinism.  The generator is xoshiro256** (Blackman and Vigna, 2018,
 * https://prng.di.unimi.it/), its state filled by splitmix64 from
 * SEED xor FNV-1a-64(NAME).  A file therefore depends only on (SEED, NAME,
 * BYTES), not on which other sources are generated with it, and a shorter
 * file is a prefix of a longer one.  Only integer arithmetic decides the
 * bytes, except for the cumulative thresholds below, which are rounded from
 * long double once.
 *
 * Sampling.  Uniform sources take a 64-bit draw by rejection, so every
 * symbol has probability exactly 1/k.  The others use the inverse CDF on a
 * 53-bit uniform u: the symbol is the first k with u < T[k], where
 * T[k] = round(2^53 * (p_0 + ... + p_k)) and T[last] = 2^53.  Each symbol's
 * probability is then (T[k] - T[k-1]) / 2^53, within 2^-53 of p_k; symbols
 * with p_k far below 2^-53 (geometric tails) never occur.  main() checks
 * that the entropy of those realized probabilities is within 1e-9 bits of
 * the printed one (it is within about 1e-13).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define DEFAULT_BYTES   ((uint64_t)1 << 20)
#define DEFAULT_SEED    1u
#define DEFAULT_DIR     "corpus/generated"
#define MAX_SYMS        256
#define MAX_STATES      4       /* Markov chains; see cofactor() on sizes */
#define TWO53           ((uint64_t)1 << 53)

enum family { GEOMETRIC, ZIPF, UNIFORM, BERNOULLI, MARKOV };

/*
 * An order-1 Markov chain over symbols 0..n-1: from state i the next symbol
 * is j with probability w[i][j] / den.  Integer weights make the stationary
 * distribution an exact rational (chain_stationary()).
 */
struct chain {
        unsigned n;
        int64_t den;
        int64_t w[MAX_STATES][MAX_STATES];
};

/* A sticky binary chain: order-0 coding cannot see that runs are long. */
static const struct chain sticky2 = {
        2, 100, {
                { 95,  5 },
                { 10, 90 },
        },
};

/* Four symbols, each row its own shape: one state almost predictable,
 * one uniform-ish, one that forbids nothing but prefers one successor. */
static const struct chain chain4 = {
        4, 100, {
                { 80, 10,  5,  5 },
                { 10, 70, 10, 10 },
                { 10, 10, 40, 40 },
                { 30,  5, 60,  5 },
        },
};

struct source {
        const char *name;
        enum family family;
        long double param;      /* ratio r, exponent s, k, or p */
        const struct chain *chain;
        const char *desc;
};

static const struct source catalogue[] = {
        { "geom-0.25", GEOMETRIC, 0.25L, NULL, "geometric p(k) ~ 0.25^k, k = 0..255" },
        { "geom-0.5",  GEOMETRIC, 0.5L,  NULL, "geometric p(k) ~ 0.5^k, k = 0..255" },
        { "geom-0.75", GEOMETRIC, 0.75L, NULL, "geometric p(k) ~ 0.75^k, k = 0..255" },
        { "geom-0.9",  GEOMETRIC, 0.9L,  NULL, "geometric p(k) ~ 0.9^k, k = 0..255" },
        { "geom-0.97", GEOMETRIC, 0.97L, NULL, "geometric p(k) ~ 0.97^k, k = 0..255" },
        { "zipf-1",    ZIPF, 1.0L, NULL, "Zipf p(k) ~ 1/(k+1), k = 0..255" },
        { "zipf-1.5",  ZIPF, 1.5L, NULL, "Zipf p(k) ~ 1/(k+1)^1.5, k = 0..255" },
        { "zipf-2",    ZIPF, 2.0L, NULL, "Zipf p(k) ~ 1/(k+1)^2, k = 0..255" },
        { "uniform-2",   UNIFORM, 2,   NULL, "uniform over bytes 0..1" },
        { "uniform-3",   UNIFORM, 3,   NULL, "uniform over bytes 0..2" },
        { "uniform-10",  UNIFORM, 10,  NULL, "uniform over bytes 0..9" },
        { "uniform-100", UNIFORM, 100, NULL, "uniform over bytes 0..99" },
        { "uniform-256", UNIFORM, 256, NULL, "uniform over bytes 0..255" },
        { "bern-0.5",   BERNOULLI, 0.5L,   NULL, "bytes 0 and 1, p(0) = 0.5" },
        { "bern-0.6",   BERNOULLI, 0.6L,   NULL, "bytes 0 and 1, p(0) = 0.6" },
        { "bern-0.75",  BERNOULLI, 0.75L,  NULL, "bytes 0 and 1, p(0) = 0.75" },
        { "bern-0.9",   BERNOULLI, 0.9L,   NULL, "bytes 0 and 1, p(0) = 0.9" },
        { "bern-0.99",  BERNOULLI, 0.99L,  NULL, "bytes 0 and 1, p(0) = 0.99" },
        { "bern-0.999", BERNOULLI, 0.999L, NULL, "bytes 0 and 1, p(0) = 0.999" },
        { "markov-2", MARKOV, 0, &sticky2, "order-1 Markov, bytes 0..1, sticky (synth --list)" },
        { "markov-4", MARKOV, 0, &chain4,  "order-1 Markov, bytes 0..3 (synth --list)" },
};

#define N_SOURCES (sizeof(catalogue) / sizeof(catalogue[0]))

/*
 * A source made ready to sample: thresholds, and the figures it prints.
 * For i.i.d. sources row 0 of cut[] is the distribution; for a chain row i
 * is state i's successors and start[] the stationary distribution, from
 * which the first byte is drawn (so every position has the same law and
 * the rate holds from the first byte on).
 */
struct model {
        const struct source *src;
        unsigned nsym;
        uint64_t cut[MAX_SYMS];                 /* i.i.d., or start */
        uint64_t row_cut[MAX_STATES][MAX_STATES];
        long double rate;       /* entropy rate, bits per byte */
        long double h0;         /* entropy of one byte's distribution */
        long double pi[MAX_STATES];
        int64_t pi_num[MAX_STATES], pi_den;
};

/* ---- generator ------------------------------------------------------ */

struct rng {
        uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
        uint64_t z = (*x += 0x9e3779b97f4a7c15u);

        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
        return (x << k) | (x >> (64 - k));
}

/* xoshiro256**, as published. */
static uint64_t rng_next(struct rng *r)
{
        uint64_t *s = r->s;
        uint64_t result = rotl(s[1] * 5, 7) * 9;
        uint64_t t = s[1] << 17;

        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = rotl(s[3], 45);
        return result;
}

static uint64_t fnv1a64(const char *str)
{
        uint64_t h = 0xcbf29ce484222325u;

        for (; *str; str++)
                h = (h ^ (unsigned char)*str) * 0x100000001b3u;
        return h;
}

static void rng_seed(struct rng *r, uint64_t seed, const char *name)
{
        uint64_t x = seed ^ fnv1a64(name);
        int i;

        for (i = 0; i < 4; i++)
                r->s[i] = splitmix64(&x);
}

/* Exactly uniform over 0..k-1: reject the top 2^64 mod k values. */
static unsigned draw_uniform(struct rng *r, unsigned k)
{
        uint64_t lim = UINT64_MAX - UINT64_MAX % k;     /* a multiple of k */
        uint64_t bucket = lim / k;
        uint64_t x;

        do
                x = rng_next(r);
        while (x >= lim);
        return (unsigned)(x / bucket);
}

/* Inverse CDF: the first k with u < cut[k]; cut[n-1] = 2^53. */
static unsigned draw_cut(struct rng *r, const uint64_t *cut, unsigned n)
{
        uint64_t u = rng_next(r) >> 11;
        unsigned lo = 0, hi = n - 1;

        while (lo < hi) {
                unsigned mid = lo + (hi - lo) / 2;

                if (u < cut[mid])
                        hi = mid;
                else
                        lo = mid + 1;
        }
        return lo;
}

/* ---- exact figures -------------------------------------------------- */

static long double entropy(const long double *p, unsigned n)
{
        long double h = 0;
        unsigned i;

        for (i = 0; i < n; i++)
                if (p[i] > 0)
                        h -= p[i] * log2l(p[i]);
        return h;
}

/* cut[] from p[] (which sums to 1): cumulative sums rounded to 2^-53. */
static void make_cut(uint64_t *cut, const long double *p, unsigned n)
{
        long double c = 0;
        unsigned i;

        for (i = 0; i < n; i++) {
                c += p[i];
                cut[i] = (uint64_t)llroundl(ldexpl(c, 53));
                if (cut[i] > TWO53)
                        cut[i] = TWO53;
                if (i > 0 && cut[i] < cut[i - 1])
                        cut[i] = cut[i - 1];
        }
        cut[n - 1] = TWO53;
}

/* The entropy of the probabilities that cut[] realizes. */
static long double cut_entropy(const uint64_t *cut, unsigned n)
{
        long double q[MAX_SYMS];
        unsigned i;

        for (i = 0; i < n; i++)
                q[i] = ldexpl((long double)(cut[i] - (i ? cut[i - 1] : 0)), -53);
        return entropy(q, n);
}

static int64_t gcd64(int64_t a, int64_t b)
{
        while (b) {
                int64_t t = a % b;

                a = b;
                b = t;
        }
        return a < 0 ? -a : a;
}

/*
 * det() - determinant of an integer matrix, exactly, by Bareiss's
 * fraction-free elimination (every division is exact).  Its intermediate
 * values are minors of m; with entries of at most a few hundred and
 * n <= MAX_STATES - 1 = 3 they stay far below 2^63.
 */
static int64_t det(int64_t m[MAX_STATES][MAX_STATES], unsigned n)
{
        int64_t prev = 1, sign = 1;
        unsigned i, j, k;

        for (k = 0; k + 1 < n; k++) {
                if (m[k][k] == 0) {
                        for (i = k + 1; i < n && m[i][k] == 0; i++)
                                ;
                        if (i == n)
                                return 0;
                        for (j = 0; j < n; j++) {
                                int64_t t = m[k][j];

                                m[k][j] = m[i][j];
                                m[i][j] = t;
                        }
                        sign = -sign;
                }
                for (i = k + 1; i < n; i++)
                        for (j = k + 1; j < n; j++)
                                m[i][j] = (m[i][j] * m[k][k] - m[i][k] * m[k][j]) / prev;
                prev = m[k][k];
        }
        return sign * m[n - 1][n - 1];
}

/*
 * chain_stationary() - the stationary distribution as exact integers:
 * pi_i = num[i] / *den.  By the Markov chain tree theorem pi_i is
 * proportional to the (i,i) cofactor of the Laplacian L = den*I - W.  The
 * result is checked exactly, sum_i num[i] w[i][j] = num[j] den, so a wrong
 * theorem or an overflow cannot pass.  Returns 0, or -1 if the chain is
 * not irreducible or the check fails.
 */
static int chain_stationary(const struct chain *c, int64_t *num, int64_t *den)
{
        unsigned n = c->n, i, j, r, s;
        int64_t g = 0, sum = 0;

        for (i = 0; i < n; i++) {
                int64_t m[MAX_STATES][MAX_STATES];
                unsigned a = 0;

                for (r = 0; r < n; r++) {
                        unsigned b = 0;

                        if (r == i)
                                continue;
                        for (s = 0; s < n; s++) {
                                if (s == i)
                                        continue;
                                m[a][b++] = (r == s ? c->den : 0) - c->w[r][s];
                        }
                        a++;
                }
                num[i] = n == 1 ? 1 : det(m, n - 1);
                if (num[i] <= 0)
                        return -1;
                g = gcd64(g, num[i]);
        }
        for (i = 0; i < n; i++) {
                num[i] /= g;
                sum += num[i];
        }
        for (j = 0; j < n; j++) {
                int64_t in = 0;

                for (i = 0; i < n; i++)
                        in += num[i] * c->w[i][j];
                if (in != num[j] * c->den)
                        return -1;
        }
        *den = sum;
        return 0;
}

/* Fill m for src; 0, or -1 (with a message) if the table is inconsistent. */
static int model_init(struct model *m, const struct source *src)
{
        long double p[MAX_SYMS];
        unsigned i, j;

        memset(m, 0, sizeof *m);
        m->src = src;
        switch (src->family) {
        case GEOMETRIC: {
                /* p_k = (1-r) r^k / (1 - r^256): normalized over 256 bytes */
                long double r = src->param, z = 0;

                m->nsym = MAX_SYMS;
                for (i = 0; i < m->nsym; i++)
                        z += p[i] = powl(r, (long double)i);
                for (i = 0; i < m->nsym; i++)
                        p[i] /= z;
                break;
        }
        case ZIPF: {
                long double z = 0;

                m->nsym = MAX_SYMS;
                for (i = 0; i < m->nsym; i++)
                        z += p[i] = powl((long double)(i + 1), -src->param);
                for (i = 0; i < m->nsym; i++)
                        p[i] /= z;
                break;
        }
        case UNIFORM:
                m->nsym = (unsigned)src->param;
                for (i = 0; i < m->nsym; i++)
                        p[i] = 1.0L / m->nsym;
                break;
        case BERNOULLI:
                m->nsym = 2;
                p[0] = src->param;
                p[1] = 1 - src->param;
                break;
        case MARKOV: {
                const struct chain *c = src->chain;

                m->nsym = c->n;
                if (chain_stationary(c, m->pi_num, &m->pi_den) != 0) {
                        fprintf(stderr, "synth: %s: no exact stationary distribution\n",
                                src->name);
                        return -1;
                }
                m->rate = 0;
                for (i = 0; i < c->n; i++) {
                        long double row[MAX_STATES];
                        int64_t rs = 0;

                        for (j = 0; j < c->n; j++) {
                                rs += c->w[i][j];
                                row[j] = (long double)c->w[i][j] / c->den;
                        }
                        if (rs != c->den) {
                                fprintf(stderr, "synth: %s: row %u sums to %lld, not %lld\n",
                                        src->name, i, (long long)rs, (long long)c->den);
                                return -1;
                        }
                        p[i] = m->pi[i] = (long double)m->pi_num[i] / m->pi_den;
                        m->rate += m->pi[i] * entropy(row, c->n);
                        make_cut(m->row_cut[i], row, c->n);
                }
                make_cut(m->cut, p, m->nsym);
                m->h0 = entropy(p, m->nsym);
                return 0;
        }
        }
        if (src->family == UNIFORM)
                m->rate = log2l((long double)m->nsym);
        else
                m->rate = entropy(p, m->nsym);
        m->h0 = m->rate;
        make_cut(m->cut, p, m->nsym);
        if (src->family != UNIFORM &&
            fabsl(cut_entropy(m->cut, m->nsym) - m->rate) > 1e-9L) {
                fprintf(stderr, "synth: %s: sampled distribution strays from the stated one\n",
                        src->name);
                return -1;
        }
        return 0;
}

/* ---- output --------------------------------------------------------- */

static void print_header(void)
{
        printf("# %-11s %9s %15s %15s  %s\n", "source", "bytes", "rate bits/B",
               "order-0 bits/B", "description");
}

static void print_line(const struct model *m, uint64_t n)
{
        printf("%-13s %9llu %15.12Lf %15.12Lf  %s\n", m->src->name,
               (unsigned long long)n, m->rate, m->h0, m->src->desc);
}

/* For --list: a chain's matrix and its exact stationary distribution. */
static void print_chain(const struct model *m)
{
        const struct chain *c = m->src->chain;
        unsigned i, j;

        printf("#   %s: P(next = j | current = i), row i, in 1/%lld:\n",
               m->src->name, (long long)c->den);
        for (i = 0; i < c->n; i++) {
                printf("#     %u:", i);
                for (j = 0; j < c->n; j++)
                        printf(" %4lld", (long long)c->w[i][j]);
                printf("\n");
        }
        printf("#   stationary pi = (");
        for (i = 0; i < c->n; i++)
                printf("%s%lld", i ? ", " : "", (long long)m->pi_num[i]);
        printf(") / %lld; rate = sum pi_i H(row i); order-0 = H(pi)\n",
               (long long)m->pi_den);
}

static int write_source(const struct model *m, uint64_t n, uint64_t seed,
                        const char *dir)
{
        static unsigned char buf[1 << 16];
        const struct source *src = m->src;
        size_t plen = strlen(dir) + strlen(src->name) + 16;
        char *path = malloc(plen), *tmp = malloc(plen);
        struct rng r;
        unsigned state = 0;
        uint64_t done = 0;
        FILE *f = NULL;
        int ret = -1;

        if (!path || !tmp) {
                fprintf(stderr, "synth: out of memory\n");
                goto out;
        }
        snprintf(path, plen, "%s/%s", dir, src->name);
        snprintf(tmp, plen, "%s/.%s.tmp", dir, src->name);
        f = fopen(tmp, "wb");
        if (!f) {
                fprintf(stderr, "synth: %s: %s\n", tmp, strerror(errno));
                goto out;
        }
        rng_seed(&r, seed, src->name);
        if (src->family == MARKOV && n > 0)
                state = draw_cut(&r, m->cut, m->nsym);
        while (done < n) {
                size_t len = n - done < sizeof buf ? (size_t)(n - done) : sizeof buf;
                size_t i = 0;

                if (src->family == MARKOV && done == 0)
                        buf[i++] = (unsigned char)state;
                for (; i < len; i++) {
                        switch (src->family) {
                        case UNIFORM:
                                buf[i] = (unsigned char)draw_uniform(&r, m->nsym);
                                break;
                        case MARKOV:
                                state = draw_cut(&r, m->row_cut[state], m->nsym);
                                buf[i] = (unsigned char)state;
                                break;
                        default:
                                buf[i] = (unsigned char)draw_cut(&r, m->cut, m->nsym);
                                break;
                        }
                }
                if (fwrite(buf, 1, len, f) != len) {
                        fprintf(stderr, "synth: %s: %s\n", tmp, strerror(errno));
                        goto out;
                }
                done += len;
        }
        if (fclose(f) != 0) {
                f = NULL;
                fprintf(stderr, "synth: %s: %s\n", tmp, strerror(errno));
                goto out;
        }
        f = NULL;
        if (rename(tmp, path) != 0) {
                fprintf(stderr, "synth: %s: %s\n", path, strerror(errno));
                goto out;
        }
        ret = 0;
out:
        if (f)
                fclose(f);
        if (ret != 0 && tmp)
                remove(tmp);
        free(path);
        free(tmp);
        return ret;
}

/* mkdir -p */
static int make_dir(const char *dir)
{
        char *p = malloc(strlen(dir) + 1), *s;
        int ret = 0;

        if (!p)
                return -1;
        strcpy(p, dir);
        for (s = p + 1; ret == 0; s++) {
                if (*s != '/' && *s != '\0')
                        continue;
                {
                        char c = *s;

                        *s = '\0';
                        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                                fprintf(stderr, "synth: cannot create %s: %s\n",
                                        p, strerror(errno));
                                ret = -1;
                        }
                        *s = c;
                        if (c == '\0')
                                break;
                }
        }
        free(p);
        return ret;
}

/* ---- command line --------------------------------------------------- */

static void usage(FILE *f)
{
        fprintf(f,
"usage: synth [-n BYTES] [-s SEED] [-o DIR] [NAME...]\n"
"       synth --list [-n BYTES]\n"
"Write files drawn from sources of known entropy into DIR (default\n"
DEFAULT_DIR "/), one per NAME (default: all), and print for each:\n"
"name, bytes, the exact entropy rate of its source and the exact entropy of\n"
"one byte's distribution (equal for i.i.d. sources), in bits per byte.\n"
"  -n BYTES  bytes per file, suffix K, M or G for KiB, MiB, GiB (default 1M)\n"
"  -s SEED   64-bit seed, decimal or 0x hex (default %u); a file depends only\n"
"            on seed, name and size\n"
"  -o DIR    output directory, created if missing\n"
"  --list    print the catalogue (and the Markov matrices) without writing\n"
"  -h        this help\n"
"NAME is a source (zipf-1.5) or a family (zipf: every zipf-*).\n",
                DEFAULT_SEED);
}

static int parse_u64(const char *s, uint64_t *out, int allow_suffix)
{
        char *end;
        unsigned long long v;
        int shift = 0;

        if (*s == '\0' || *s == '-')
                return -1;
        errno = 0;
        v = strtoull(s, &end, allow_suffix ? 10 : 0);
        if (errno || end == s)
                return -1;
        if (allow_suffix && *end) {
                switch (*end) {
                case 'k': case 'K': shift = 10; break;
                case 'm': case 'M': shift = 20; break;
                case 'g': case 'G': shift = 30; break;
                default: return -1;
                }
                end++;
                if (*end == 'i' && end[1] == 'B')
                        end += 2;
                if (v > (UINT64_MAX >> shift))
                        return -1;
                v <<= shift;
        }
        if (*end)
                return -1;
        *out = v;
        return 0;
}

/* NAME selects a source by its name, or a family by the part before '-'. */
static int selects(const char *name, const char *src)
{
        size_t fam = strcspn(src, "-");

        return strcmp(name, src) == 0 ||
               (strlen(name) == fam && strncmp(name, src, fam) == 0);
}

int main(int argc, char **argv)
{
        uint64_t n = DEFAULT_BYTES, seed = DEFAULT_SEED;
        const char *dir = DEFAULT_DIR;
        unsigned char chosen[N_SOURCES];
        int list = 0, any = 0, i;
        unsigned k;

        memset(chosen, 0, sizeof chosen);
        for (i = 1; i < argc; i++) {
                const char *a = argv[i];

                if (strcmp(a, "--list") == 0) {
                        list = 1;
                } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
                        usage(stdout);
                        return 0;
                } else if (strcmp(a, "-n") == 0 || strcmp(a, "-s") == 0 ||
                           strcmp(a, "-o") == 0) {
                        const char *v = argv[++i];

                        if (!v) {
                                fprintf(stderr, "synth: %s needs a value\n", a);
                                return 1;
                        }
                        if (a[1] == 'o') {
                                dir = v;
                        } else if (parse_u64(v, a[1] == 'n' ? &n : &seed, a[1] == 'n')) {
                                fprintf(stderr, "synth: %s: bad value '%s'\n", a, v);
                                return 1;
                        }
                } else if (a[0] == '-' && a[1] != '\0') {
                        fprintf(stderr, "synth: unknown option '%s'\n", a);
                        usage(stderr);
                        return 1;
                } else {
                        int found = 0;

                        for (k = 0; k < N_SOURCES; k++)
                                if (selects(a, catalogue[k].name))
                                        chosen[k] = 1, found = 1;
                        if (!found) {
                                fprintf(stderr, "synth: %s: no such source (synth --list)\n", a);
                                return 1;
                        }
                        any = 1;
                }
        }
        if (!any)
                memset(chosen, 1, sizeof chosen);
        if (!list && make_dir(dir) != 0)
                return 1;

        print_header();
        for (k = 0; k < N_SOURCES; k++) {
                struct model m;

                if (!chosen[k])
                        continue;
                if (model_init(&m, &catalogue[k]) != 0)
                        return 1;
                if (!list && write_source(&m, n, seed, dir) != 0)
                        return 1;
                print_line(&m, n);
                if (list && m.src->family == MARKOV)
                        print_chain(&m);
                fflush(stdout);
        }
        return 0;
}
