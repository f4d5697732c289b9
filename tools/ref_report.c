/*
 * ref_report.c - an independent reference for `huff report`
 *
 *   cc -O2 -Iinclude -Isrc -o ref_report tools/ref_report.c \
 *           build/release/libhuff.a -lxxhash -lm -pthread
 *   ref_report FILE...
 *   ref_report --context LEVEL FILE HUF
 *   ref_report --pq P Q
 *
 * The first form prints one line per file, fields separated by tabs:
 *
 *   name  symbols  entropy  huffman_avg  huffman_payload_bits  order1_entropy
 *
 * entropy, huffman_avg and order1_entropy in bits per symbol, %.17g; the
 * payload is the exact integer cost Σ count·length of an optimal
 * (unlimited) prefix code of the file's bytes.  An empty file prints zeros;
 * order1_entropy is "undefined" for a file of fewer than 2 bytes, which
 * has no pair of neighbours to condition on.
 *
 * The second prints huff report's context model figures of FILE, whose
 * .huf file written by `huff -LEVEL -c` is HUF, on one line:
 *
 *   name  symbols  blocks  context_blocks  context_symbols  codes_min
 *   codes_max  order1  clustered  clustering_cost  context_avg  code_bits
 *   overhead_bytes  payload_bytes
 *
 * The third takes two lists of integer weights (comma-separated, as many
 * in each, at most 9 with q > 0, q > 0 wherever p > 0) and prints, of all
 * the prefix codes optimal for q, the least and the greatest cost on p,
 * Σ p l, exactly, on one line: "least_bits  most_bits" (the range of
 * huff report's model_avg_min and model_avg_max, times Σp).  It finds them
 * by trying every vector of lengths whose Kraft sum is 1, not by Huffman's
 * algorithm as the library does.
 *
 * (0 for what does not exist).  The blocks are read from HUF's block
 * headers, by FORMAT.md 3 alone; each block's model is the one the
 * encoder builds (context_model.h, the one thing taken from libhuff, which
 * the figures are defined by); the figures are then computed here, from a
 * 256x256 table of (context, byte) counts, in long double (huff.h,
 * huff_report_context(), defines them).
 *
 * Nothing else is shared with libhuff (tests/cli/test_report_corpus.sh
 * checks `huff report --json` against it), and its methods differ where
 * they can: bytes and pairs counted one at a time, logarithms in long double
 * taken from exact integer differences (log2(N / c) as log1p((N - c) / c),
 * which keeps a dominant symbol's tiny term), sums in increasing order, and
 * the Huffman cost from a plain array: merge the two smallest weights until
 * one is left, adding each merged weight (every symbol below a merge is one
 * bit deeper).  That cost is unique even where the optimal lengths are not.
 * Plain C11; exit status 1 if a file cannot be read, 2 on bad usage.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context_model.h"

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
        printf("%s\t%llu\t%.17g\t%.17g\t%llu\t", path, (unsigned long long)n,
               (double)entropy(counts),
               n ? (double)payload / (double)n : 0.0,  /* exact operands: one rounding */
               (unsigned long long)payload);
        if (n < 2)
                printf("undefined\n");
        else
                printf("%.17g\n", (double)order1(pairs, n - 1));
        return 0;
}

/* ------------------------------------------------------------------------ */
/* The context model (--context)                                             */

/* The whole of path into *buf, *n bytes.  Returns 0, or 1 after a message. */
static int read_all(const char *path, unsigned char **buf, size_t *n)
{
        FILE *f = fopen(path, "rb");
        size_t cap = 1 << 16, got;

        *n = 0;
        *buf = malloc(cap);
        if (!f || !*buf) {
                fprintf(stderr, "ref_report: %s: %s\n", path, f ? "out of memory" : strerror(errno));
                if (f)
                        fclose(f);
                return 1;
        }
        while ((got = fread(*buf + *n, 1, cap - *n, f)) > 0) {
                *n += got;
                if (*n == cap) {
                        unsigned char *b = realloc(*buf, cap *= 2);

                        if (!b) {
                                fprintf(stderr, "ref_report: %s: out of memory\n", path);
                                fclose(f);
                                return 1;
                        }
                        *buf = b;
                }
        }
        if (ferror(f)) {
                fprintf(stderr, "ref_report: %s: read error\n", path);
                fclose(f);
                return 1;
        }
        fclose(f);
        return 0;
}

static uint64_t le(const unsigned char *p, int bytes)
{
        uint64_t v = 0;

        for (int i = bytes - 1; i >= 0; i--)
                v = v << 8 | p[i];
        return v;
}

/* log2((a * b) / (c * d)), the products below 2^64 (counts of one block of
 * at most 2^20 bytes), so that their difference is exact. */
static long double log2_products(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
        uint64_t x = a * b, y = c * d;
        long double diff = x >= y ? (long double)(x - y) : -(long double)(y - x);

        return log1pl(diff / (long double)y) / logl(2.0L);
}

struct ctx_totals {
        uint64_t blocks, context_blocks, context_symbols, code_bits, overhead, payload;
        unsigned codes_min, codes_max;
        long double order1, clustered, cost;    /* bits, not yet per symbol */
};

/* One block src[0..n) under its model m, into t. */
static void ctx_block(const struct huff_ctx_model *m, const unsigned char *src, size_t n,
                      uint64_t *pairs, struct ctx_totals *t)
{
        uint64_t row[256] = { 0 }, code[HUFF_CTX_CODES_MAX][256], code_n[HUFF_CTX_CODES_MAX];
        size_t s = (n + m->streams - 1) / m->streams;   /* FORMAT.md 9.1 */
        long double o1 = 0, cl = 0, cost = 0;

        memset(pairs, 0, 256 * 256 * sizeof(*pairs));
        memset(code, 0, sizeof(code));
        memset(code_n, 0, sizeof(code_n));
        for (size_t i = 0; i < n; i++) {
                /* stream j's first byte has its start context */
                unsigned c = i % s == 0 ? m->start[i / s] : src[i - 1];

                pairs[c * 256 + src[i]]++;
        }
        for (unsigned c = 0; c < 256; c++)
                for (unsigned x = 0; x < 256; x++) {
                        uint64_t v = pairs[c * 256 + x];

                        row[c] += v;
                        code[m->map[c]][x] += v;
                        code_n[m->map[c]] += v;
                }
        for (unsigned c = 0; c < 256; c++) {
                unsigned k = m->map[c];

                for (unsigned x = 0; x < 256; x++) {
                        uint64_t v = pairs[c * 256 + x];

                        if (!v)
                                continue;
                        o1 += v * log2_ratio(row[c], v);
                        cl += v * log2_ratio(code_n[k], code[k][x]);
                        /* n(c,x) log2 (p_c(x) / q_k(x)), the divergence's term */
                        cost += v * log2_products(v, code_n[k], code[k][x], row[c]);
                        t->code_bits += v * m->lens[k][x];
                }
        }
        t->order1 += o1;
        t->clustered += cl;
        t->cost += cost;
        t->context_blocks++;
        t->context_symbols += n;
        if (t->context_blocks == 1 || m->codes < t->codes_min)
                t->codes_min = m->codes;
        if (m->codes > t->codes_max)
                t->codes_max = m->codes;
        t->overhead += m->desc_size;
        t->payload += m->payload_size;
}

/* The blocks of the frame huf[0..hn) (FORMAT.md 3.1, 3.2), each measured
 * with the model the encoder builds for it.  Returns 0, or 1 after a
 * message. */
static int ctx_report(int level, const char *path, const char *huf_path, uint64_t *pairs)
{
        unsigned char *src = NULL, *huf = NULL;
        size_t n, hn, pos = 9, off = 0;
        struct ctx_totals t;
        struct huff_ctx_scratch *scratch = NULL;
        struct huff_ctx_model m;
        unsigned effort = huff_ctx_effort((unsigned)level);
        int st = 1;

        memset(&t, 0, sizeof(t));
        if (read_all(path, &src, &n) || read_all(huf_path, &huf, &hn))
                goto out;
        if (hn < 11 || memcmp(huf, "\x89HUF", 4) != 0 || (huf[4] != 1 && huf[4] != 2)) {
                fprintf(stderr, "ref_report: %s: not a .huf frame of version 1 or 2\n", huf_path);
                goto out;
        }
        if (huf[5] & 4)                         /* model identifier */
                pos += 4;
        if (huf[5] & 1)                         /* content size varint */
                while (pos < hn && huf[pos++] & 0x80)
                        ;
        pos += 2;                               /* header check */
        if (huff_ctx_scratch_create(&scratch) != HUFF_OK) {
                fprintf(stderr, "ref_report: out of memory\n");
                goto out;
        }
        while (pos < hn && huf[pos] != 0x07) {
                size_t size, payload;

                if (pos + 9 > hn)
                        break;
                size = (size_t)le(huf + pos + 1, 3) + 1;
                payload = (size_t)le(huf + pos + 4, 3);
                if (size > n - off)
                        break;
                t.blocks++;
                if (huff_ctx_model_build(scratch, src + off, size, effort ? effort : 1,
                                         HUFF_CODE_LEN_DEFAULT, &m) != SIZE_MAX)
                        ctx_block(&m, src + off, size, pairs, &t);
                off += size;
                pos += 9 + payload;
        }
        if (pos >= hn || off != n) {
                fprintf(stderr, "ref_report: %s: its blocks are not the %zu bytes of %s\n",
                        huf_path, n, path);
                goto out;
        }
        {
                long double sym = t.context_symbols ? (long double)t.context_symbols : 1;

                printf("%s\t%zu\t%llu\t%llu\t%llu\t%u\t%u\t%.17g\t%.17g\t%.17g\t%.17g\t%llu"
                       "\t%llu\t%llu\n", path, n, (unsigned long long)t.blocks,
                       (unsigned long long)t.context_blocks,
                       (unsigned long long)t.context_symbols, t.codes_min, t.codes_max,
                       (double)(t.order1 / sym), (double)(t.clustered / sym),
                       (double)(t.cost / sym), (double)((long double)t.code_bits / sym),
                       (unsigned long long)t.code_bits, (unsigned long long)t.overhead,
                       (unsigned long long)t.payload);
        }
        st = 0;
out:
        if (scratch)
                huff_ctx_scratch_free(scratch);
        free(src);
        free(huf);
        return st;
}

/* ------------------------------------------------------------------------ */
/* The codes optimal for q (--pq)                                            */

#define PQ_MAX 9

struct pq_search {
        uint64_t p[PQ_MAX], q[PQ_MAX];
        unsigned k, len[PQ_MAX];
        uint64_t best_q, least_p, most_p;
        int found;
};

/* Lengths for symbols i.. of the k, with `room` of the 2^k units of
 * Kraft sum left; a complete code (room 0 at the end) is compared. */
static void pq_try(struct pq_search *s, unsigned i, uint64_t room)
{
        if (i == s->k) {
                uint64_t cq = 0, cp = 0;

                if (room)
                        return;
                for (unsigned j = 0; j < s->k; j++) {
                        cq += s->q[j] * s->len[j];
                        cp += s->p[j] * s->len[j];
                }
                if (!s->found || cq < s->best_q) {
                        s->found = 1;
                        s->best_q = cq;
                        s->least_p = s->most_p = cp;
                } else if (cq == s->best_q) {
                        if (cp < s->least_p)
                                s->least_p = cp;
                        if (cp > s->most_p)
                                s->most_p = cp;
                }
                return;
        }
        for (unsigned l = 1; l < (s->k > 1 ? s->k : 2); l++) {
                uint64_t unit = (uint64_t)1 << (PQ_MAX - l);

                if (unit > room)
                        continue;
                s->len[i] = l;
                pq_try(s, i + 1, room - unit);
        }
}

/* A comma-separated list of integers into w[0..*n).  Returns 0, or 2. */
static int pq_list(const char *s, uint64_t *w, unsigned *n, unsigned max)
{
        char *end;

        for (*n = 0; *s; (*n)++) {
                if (*n == max)
                        return 2;
                w[*n] = strtoull(s, &end, 10);
                if (end == s || (*end && *end != ','))
                        return 2;
                s = *end ? end + 1 : end;
        }
        return 0;
}

static int pq_report(const char *ps, const char *qs)
{
        uint64_t p[256], q[256];
        unsigned np, nq;
        struct pq_search s;

        memset(&s, 0, sizeof(s));
        if (pq_list(ps, p, &np, 256) || pq_list(qs, q, &nq, 256) || np != nq) {
                fprintf(stderr, "ref_report: --pq: two lists of as many integers\n");
                return 2;
        }
        for (unsigned i = 0; i < np; i++) {
                if (p[i] && !q[i]) {
                        fprintf(stderr, "ref_report: --pq: q is 0 where p is not\n");
                        return 2;
                }
                if (!q[i])
                        continue;
                if (s.k == PQ_MAX) {
                        fprintf(stderr, "ref_report: --pq: more than %d q > 0\n", PQ_MAX);
                        return 2;
                }
                s.p[s.k] = p[i];
                s.q[s.k++] = q[i];
        }
        if (s.k == 0) {
                fprintf(stderr, "ref_report: --pq: q is all 0\n");
                return 2;
        }
        /* One symbol: a 1-bit codeword (room for a second left free). */
        pq_try(&s, 0, s.k == 1 ? (uint64_t)1 << (PQ_MAX - 1) : (uint64_t)1 << PQ_MAX);
        printf("%llu\t%llu\n", (unsigned long long)s.least_p, (unsigned long long)s.most_p);
        return 0;
}

int main(int argc, char **argv)
{
        uint64_t *pairs = malloc(256 * 256 * sizeof(*pairs));
        int status = 0;

        if (argc < 2 || (strcmp(argv[1], "--context") == 0 &&
                         (argc != 5 || atoi(argv[2]) < 1 || atoi(argv[2]) > 9)) ||
            (strcmp(argv[1], "--pq") == 0 && argc != 4)) {
                fprintf(stderr, "usage: ref_report FILE...\n"
                        "       ref_report --context LEVEL FILE HUF\n"
                        "       ref_report --pq P Q\n");
                free(pairs);
                return 2;
        }
        if (strcmp(argv[1], "--pq") == 0) {
                free(pairs);
                return pq_report(argv[2], argv[3]);
        }
        if (!pairs) {
                fprintf(stderr, "ref_report: out of memory\n");
                return 1;
        }
        if (strcmp(argv[1], "--context") == 0) {
                status = ctx_report(atoi(argv[2]), argv[3], argv[4], pairs);
                free(pairs);
                return status;
        }
        for (int i = 1; i < argc; i++)
                status |= report(argv[i], pairs);
        free(pairs);
        return status;
}
