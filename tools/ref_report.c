/*
 * ref_report.c - an independent reference for `huff report`
 *
 *   cc -O2 -o ref_report tools/ref_report.c -lm
 *   ref_report FILE...
 *
 * Prints one line per file, fields separated by tabs:
 *
 *   name  symbols  entropy  huffman_avg  huffman_payload_bits  order1_entropy
 *
 * entropy, huffman_avg and order1_entropy in bits per symbol, %.17g; the
 * payload is the exact integer cost Σ count·length of an optimal
 * (unlimited) prefix code of the file's bytes.  An empty file prints zeros.
 *
 * It shares no code with libhuff (tests/cli/test_report_corpus.sh checks
 * `huff report --json` against it), and its methods differ where they
 * can: bytes and pairs counted one at a time, logarithms in long double
 * taken from exact integer differences (log2(N / c) as log1p((N - c) / c),
 * which keeps a dominant symbol's tiny term), sums in increasing order, and
 * the Huffman cost from a plain array: merge the two smallest weights until
 * one is left, adding each merged weight (every symbol below a merge is one
 * bit deeper).  That cost is unique even where the optimal lengths are not.
 * Plain C11; exit status 1 if a file cannot be read.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* log2(a / b) for integers a >= b > 0. */
static long double log2_ratio(uint64_t a, uint64_t b)
{
        return log1pl((long double)(a - b) / (long double)b) / logl(2.0L);
}

static int cmp_ld(const void *a, const void *b)
{
        long double x = *(const long double *)a, y = *(const long double *)b;

        return (x > y) - (x < y);
}

/* Σ t[0..k), smallest first. */
static long double sum_sorted(long double *t, size_t k)
{
        long double s = 0;

        qsort(t, k, sizeof(t[0]), cmp_ld);
        for (size_t i = 0; i < k; i++)
                s += t[i];
        return s;
}

/* H = Σ (c/N) log2(N/c), N = Σc. */
static long double entropy(const uint64_t c[256])
{
        long double t[256];
        uint64_t total = 0;
        size_t k = 0;

        for (int i = 0; i < 256; i++)
                total += c[i];
        for (int i = 0; i < 256; i++)
                if (c[i])
                        t[k++] = (long double)c[i] / (long double)total * log2_ratio(total, c[i]);
        return sum_sorted(t, k);
}

/* The cost of an optimal prefix code: Huffman on an array, O(k^2). */
static uint64_t huffman_cost(const uint64_t c[256])
{
        uint64_t w[256], cost = 0;
        size_t k = 0;

        for (int i = 0; i < 256; i++)
                if (c[i])
                        w[k++] = c[i];
        if (k == 1)
                return w[0];            /* one symbol: a 1-bit code */
        while (k > 1) {
                size_t a = 0, b = 1;

                if (w[b] < w[a]) {
                        a = 1;
                        b = 0;
                }
                for (size_t j = 2; j < k; j++) {
                        if (w[j] < w[a]) {
                                b = a;
                                a = j;
                        } else if (w[j] < w[b]) {
                                b = j;
                        }
                }
                w[a] += w[b];
                cost += w[a];
                w[b] = w[--k];
        }
        return cost;
}

/* H(X_i | X_i-1) = Σ_ab (c_ab / (n-1)) log2(c_a / c_ab), c_a = Σ_b c_ab. */
static long double order1(const uint64_t *pairs, uint64_t npairs)
{
        long double *t;
        size_t k = 0;

        if (npairs == 0)
                return 0;
        t = malloc(256 * 256 * sizeof(*t));
        if (!t) {
                fprintf(stderr, "ref_report: out of memory\n");
                exit(1);
        }
        for (int a = 0; a < 256; a++) {
                uint64_t ca = 0;

                for (int b = 0; b < 256; b++)
                        ca += pairs[a * 256 + b];
                for (int b = 0; b < 256; b++) {
                        uint64_t cab = pairs[a * 256 + b];

                        if (cab)
                                t[k++] = (long double)cab / (long double)npairs * log2_ratio(ca, cab);
                }
        }
        long double h = sum_sorted(t, k);

        free(t);
        return h;
}

static int report(const char *path, uint64_t *pairs)
{
        static unsigned char buf[1 << 16];
        uint64_t counts[256] = { 0 }, n = 0, payload;
        FILE *f = fopen(path, "rb");
        int prev = -1;
        size_t got;

        if (!f) {
                fprintf(stderr, "ref_report: %s: %s\n", path, strerror(errno));
                return 1;
        }
        memset(pairs, 0, 256 * 256 * sizeof(*pairs));
        while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
                for (size_t i = 0; i < got; i++) {
                        counts[buf[i]]++;
                        if (prev >= 0)
                                pairs[prev * 256 + buf[i]]++;
                        prev = buf[i];
                }
                n += got;
        }
        if (ferror(f)) {
                fprintf(stderr, "ref_report: %s: read error\n", path);
                fclose(f);
                return 1;
        }
        fclose(f);
        payload = n ? huffman_cost(counts) : 0;
        printf("%s\t%llu\t%.17g\t%.17g\t%llu\t%.17g\n", path, (unsigned long long)n,
               (double)entropy(counts),
               n ? (double)payload / (double)n : 0.0,  /* exact operands: one rounding */
               (unsigned long long)payload, (double)order1(pairs, n ? n - 1 : 0));
        return 0;
}

int main(int argc, char **argv)
{
        uint64_t *pairs = malloc(256 * 256 * sizeof(*pairs));
        int status = 0;

        if (argc < 2) {
                fprintf(stderr, "usage: ref_report FILE...\n");
                return 2;
        }
        if (!pairs) {
                fprintf(stderr, "ref_report: out of memory\n");
                return 1;
        }
        for (int i = 1; i < argc; i++)
                status |= report(argv[i], pairs);
        free(pairs);
        return status;
}
