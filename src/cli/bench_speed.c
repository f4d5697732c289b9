/*
 * bench_speed.c - huff bench --speed: compress and decompress speed in
 * memory, huff against zstd's Huffman coder huff0 (when built in) and
 * zlib's Huffman-only deflate on the same buffers
 *
 * The coders take turns on each file, in one process and one run, so that
 * a change of clock speed or load hits them alike:
 *
 *   huff         huff_compress() with checksum = 0: the coder alone;
 *   huff+check   the default parameters: XXH3 of the content at the end;
 *                both at the level of -1..-9 (default 6: huff's), whose
 *                decoding is timed too, since levels 7 to 9 cut other
 *                blocks;
 *   huff0        zstd's Huffman coder, 128 KiB blocks with a table each,
 *                table log 11 (bench_huff0.c), when the build has it
 *                (make HUFF0_SRC=DIR); otherwise its columns are left out
 *                and a note says how to build it;
 *   zlib         raw deflate, deflateInit2(9, Z_DEFLATED, -15, 8,
 *                Z_HUFFMAN_ONLY).  memLevel sets the size of zlib's blocks
 *                and moves its output by up to 20%, so every parameter is
 *                pinned (as the reference zlib measurement pins them).
 *
 * Each coder gets a warm-up call, then o->runs timed runs of compression
 * and of decompression, the coders in turn within each run (huff,
 * huff+check, huff0, zlib, then again); a run repeats the call until it has lasted
 * --min-time (short files would otherwise be timed at the clock's
 * resolution), and a call's time is the run's time over the repetitions.
 * Every run's compressed output is decompressed and compared with the
 * input, and its size with the warm-up's: a coder that gets it wrong stops
 * the benchmark.  Setting up a context (huff's encoder, zlib's z_stream) is
 * part of every call, as for a user of the one-shot functions; huff0 has
 * none beyond its workspaces, made once, as zstd keeps them in its context.
 *
 * MB/s are 10^6 bytes of uncompressed data per second, both ways, as the
 * reference measurements of huff0 and zlib report them.  The total is the sum of the
 * bytes over the sum of the per-file times (best, and median).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "bench.h"

#define MAX_RUNS 1000

/* In the order they take turns, and of their columns. */
enum { C_HUFF, C_CHECK, C_HUFF0, C_ZLIB, N_CODERS };

static const char *const coder_name[N_CODERS] = { "huff", "huff+check", "huff0", "zlib" };

struct coder_run {
        size_t csize;
        double c_best, c_median;        /* seconds per call */
        double d_best, d_median;
        unsigned round_trips;
};

struct speed_ctx {
        const struct bench_opts *o;
        double min_time;
        struct huff_params params[2];   /* coder alone, with the checksum */
        unsigned char *cmp[N_CODERS];
        size_t cmp_cap;
        unsigned char *dec;
        double *tc, *td;                /* per run */
        struct bench_huff0 *huff0;      /* NULL: not built, not measured */
};

/* Whether coder k is measured in this run. */
static bool measured(const struct speed_ctx *x, int k)
{
        return k != C_HUFF0 || x->huff0 != NULL;
}

/* ------------------------------------------------------------------------ */
/* The coders                                                                */

/*
 * zlib_code - zlib's raw deflate in Huffman-only mode (compress) or its
 * inflate, src[0..n) into dst[0..cap), the size made in *size: one call,
 * as huff's one-shot functions are timed.  Returns 0, or -1 on failure.
 */
static int zlib_code(bool compress, unsigned char *dst, size_t cap, size_t *size,
                     const unsigned char *src, size_t n)
{
        z_stream s;
        int r;

        memset(&s, 0, sizeof(s));
        r = compress ? deflateInit2(&s, 9, Z_DEFLATED, -15, 8, Z_HUFFMAN_ONLY)
                     : inflateInit2(&s, -15);
        if (r != Z_OK)
                return -1;
        s.next_in = (unsigned char *)(uintptr_t)src;    /* zlib's API is not const */
        s.avail_in = (uInt)n;
        s.next_out = dst;
        s.avail_out = (uInt)cap;
        r = compress ? deflate(&s, Z_FINISH) : inflate(&s, Z_FINISH);
        *size = (size_t)s.total_out;
        if (compress)
                deflateEnd(&s);
        else
                inflateEnd(&s);
        return r == Z_STREAM_END ? 0 : -1;
}

/* One call of coder k.  Returns 0, or -1 after a message. */
static int compress_once(struct speed_ctx *x, int k, const struct bench_file *f,
                         size_t *csize)
{
        enum huff_status s;

        if (k == C_ZLIB) {
                if (zlib_code(true, x->cmp[k], x->cmp_cap, csize, f->data, f->n) != 0) {
                        bench_msg(f->path, "zlib: deflate failed");
                        return -1;
                }
                return 0;
        }
        if (k == C_HUFF0) {
                if (bench_huff0_compress(x->huff0, x->cmp[k], x->cmp_cap, csize,
                                         f->data, f->n) != 0) {
                        bench_msg(f->path, "huff0: compressing failed");
                        return -1;
                }
                return 0;
        }
        s = huff_compress(x->cmp[k], x->cmp_cap, csize, f->data, f->n, &x->params[k]);
        if (s != HUFF_OK) {
                bench_msg(f->path, "%s: compressing: %s", coder_name[k], huff_strerror(s));
                return -1;
        }
        return 0;
}

static int decompress_once(struct speed_ctx *x, int k, const struct bench_file *f,
                           size_t csize, size_t *dsize)
{
        enum huff_status s;

        if (k == C_ZLIB) {
                if (zlib_code(false, x->dec, f->n, dsize, x->cmp[k], csize) != 0) {
                        bench_msg(f->path, "zlib: inflate failed");
                        return -1;
                }
                return 0;
        }
        if (k == C_HUFF0) {
                if (bench_huff0_decompress(x->huff0, x->dec, f->n, dsize, x->cmp[k],
                                           csize) != 0) {
                        bench_msg(f->path, "huff0: decompressing its own output failed");
                        return -1;
                }
                return 0;
        }
        s = huff_decompress(x->dec, f->n, dsize, x->cmp[k], csize);
        if (s != HUFF_OK) {
                bench_msg(f->path, "%s: decompressing its own output: %s",
                          coder_name[k], huff_strerror(s));
                return -1;
        }
        return 0;
}

/* The decoded bytes are the input's.  dec is cleared before each batch of
 * decompressions, so stale bytes cannot pass for decoded ones. */
static int verify(const struct speed_ctx *x, int k, const struct bench_file *f,
                  size_t dsize, unsigned run)
{
        if (dsize != f->n || memcmp(x->dec, f->data, f->n) != 0) {
                bench_msg(f->path, "%s: round trip failed (%s): the decoded bytes "
                          "differ from the input", coder_name[k],
                          run ? "a timed run" : "the warm-up");
                return -1;
        }
        return 0;
}

/* Repetitions of a call that took t seconds to last at least min_time. */
static unsigned reps_for(double t, double min_time)
{
        double r;

        if (t <= 0)
                t = 1e-9;
        r = ceil(min_time / t);
        return r < 1 ? 1 : r > 1e6 ? 1000000u : (unsigned)r;
}

static int cmp_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;

        return (x > y) - (x < y);
}

/* Best and median of v[0..n), n >= 1; sorts v. */
static void best_median(double *v, unsigned n, double *best, double *median)
{
        qsort(v, n, sizeof(*v), cmp_double);
        *best = v[0];
        *median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * All coders on one file: a warm-up of each, then the timed runs, the
 * coders taking turns within each run.
 */
static int measure_file(struct speed_ctx *x, const struct bench_file *f,
                        struct coder_run cr[N_CODERS])
{
        unsigned reps_c[N_CODERS], reps_d[N_CODERS], run, i;
        double *tc[N_CODERS], *td[N_CODERS];
        size_t dsize;
        double t0;
        int k;

        for (k = 0; k < N_CODERS; k++) {
                tc[k] = x->tc + (size_t)k * x->o->runs;
                td[k] = x->td + (size_t)k * x->o->runs;
                memset(&cr[k], 0, sizeof(cr[k]));
                if (!measured(x, k))
                        continue;
                t0 = bench_now();
                if (compress_once(x, k, f, &cr[k].csize) != 0)
                        return -1;
                reps_c[k] = reps_for(bench_now() - t0, x->min_time);
                memset(x->dec, 0, f->n);
                t0 = bench_now();
                if (decompress_once(x, k, f, cr[k].csize, &dsize) != 0)
                        return -1;
                reps_d[k] = reps_for(bench_now() - t0, x->min_time);
                if (verify(x, k, f, dsize, 0) != 0)
                        return -1;
                cr[k].round_trips++;
        }
        for (run = 0; run < x->o->runs; run++) {
                for (k = 0; k < N_CODERS; k++) {
                        size_t csize = 0;

                        if (!measured(x, k))
                                continue;
                        t0 = bench_now();
                        for (i = 0; i < reps_c[k]; i++)
                                if (compress_once(x, k, f, &csize) != 0)
                                        return -1;
                        tc[k][run] = (bench_now() - t0) / reps_c[k];
                        if (csize != cr[k].csize) {
                                bench_msg(f->path, "%s: compressed to %zu bytes, "
                                          "then to %zu", coder_name[k], cr[k].csize, csize);
                                return -1;
                        }
                        memset(x->dec, 0, f->n);
                        t0 = bench_now();
                        for (i = 0; i < reps_d[k]; i++)
                                if (decompress_once(x, k, f, csize, &dsize) != 0)
                                        return -1;
                        td[k][run] = (bench_now() - t0) / reps_d[k];
                        if (verify(x, k, f, dsize, run + 1) != 0)
                                return -1;
                        cr[k].round_trips++;
                }
        }
        for (k = 0; k < N_CODERS; k++) {
                if (!measured(x, k))
                        continue;
                best_median(tc[k], x->o->runs, &cr[k].c_best, &cr[k].c_median);
                best_median(td[k], x->o->runs, &cr[k].d_best, &cr[k].d_median);
        }
        return 0;
}

/* ------------------------------------------------------------------------ */
/* Tables                                                                    */

/*
 * Every column whose key names huff0 is left out of both tables when huff0
 * is not built (pick_cols()), so that such a run prints what it measured
 * and nothing else.  "x huff0", "x zlib": huff's speed over the other
 * coder's (their time over huff's), from the best times.
 */
static const struct bench_col speed_cols[] = {
        { "file", "file", BK_STR, 0, false },
        { "bytes", "bytes", BK_UINT, 0, false },
        { "level", NULL, BK_UINT, 0, false },
        { "comp_mbs", "huff c", BK_NUM, 0, false },
        { "comp_mbs_median", "med", BK_NUM, 0, true },
        { "decomp_mbs", "huff d", BK_NUM, 0, false },
        { "decomp_mbs_median", "med", BK_NUM, 0, true },
        { "check_comp_mbs", "+check c", BK_NUM, 0, false },
        { "check_comp_mbs_median", "med", BK_NUM, 0, true },
        { "check_decomp_mbs", "+check d", BK_NUM, 0, false },
        { "check_decomp_mbs_median", "med", BK_NUM, 0, true },
        { "huff0_comp_mbs", "huff0 c", BK_NUM, 0, false },
        { "huff0_comp_mbs_median", "med", BK_NUM, 0, true },
        { "huff0_decomp_mbs", "huff0 d", BK_NUM, 0, false },
        { "huff0_decomp_mbs_median", "med", BK_NUM, 0, true },
        { "zlib_comp_mbs", "zlib c", BK_NUM, 1, false },
        { "zlib_comp_mbs_median", "med", BK_NUM, 1, true },
        { "zlib_decomp_mbs", "zlib d", BK_NUM, 0, false },
        { "zlib_decomp_mbs_median", "med", BK_NUM, 0, true },
        { "comp_x_huff0", "c x huff0", BK_NUM, 2, false },
        { "decomp_x_huff0", "d x huff0", BK_NUM, 2, false },
        { "check_comp_x_huff0", "+check c x huff0", BK_NUM, 2, false },
        { "check_decomp_x_huff0", "+check d x huff0", BK_NUM, 2, false },
        { "comp_x_zlib", "c x zlib", BK_NUM, 2, false },
        { "decomp_x_zlib", "d x zlib", BK_NUM, 2, false },
        { "check_comp_x_zlib", NULL, BK_NUM, 2, false },
        { "check_decomp_x_zlib", NULL, BK_NUM, 2, false },
        { "round_trips", "checked", BK_UINT, 0, false },
};

static const struct bench_col size_cols[] = {
        { "file", "file", BK_STR, 0, false },
        { "bytes", "bytes", BK_UINT, 0, false },
        { "level", NULL, BK_UINT, 0, false },
        { "huf_bytes", "huff", BK_UINT, 0, false },
        { "huf_nocheck_bytes", NULL, BK_UINT, 0, false },
        { "bits_per_byte", "bits/B", BK_NUM, 4, false },
        { "entropy_bytes", "n*H/8", BK_NUM, 0, false },
        { "block_entropy_bytes", "block H", BK_NUM, 0, false },
        { "huf_vs_entropy", "huff/nH", BK_NUM, 4, false },
        { "huf_vs_block_entropy", "huff/blockH", BK_NUM, 4, false },
        { "huff0_bytes", "huff0", BK_UINT, 0, false },
        { "huff0_bits_per_byte", "huff0 bits/B", BK_NUM, 4, false },
        { "huf_vs_huff0", "huff/huff0", BK_NUM, 4, false },
        { "zlib_bytes", "zlib", BK_UINT, 0, false },
        { "zlib_bits_per_byte", "zlib bits/B", BK_NUM, 4, false },
        { "huf_vs_zlib", "huff/zlib", BK_NUM, 4, false },
};

static bool is_huff0_col(const struct bench_col *c)
{
        return strstr(c->key, "huff0") != NULL;
}

/* The columns of all[0..n) a run has: into buf (room for n), all of them
 * with huff0, else those that are not huff0's.  Returns how many. */
static unsigned pick_cols(const struct bench_col *all, unsigned n, bool huff0,
                          struct bench_col *buf)
{
        unsigned i, k = 0;

        for (i = 0; i < n; i++)
                if (huff0 || !is_huff0_col(&all[i]))
                        buf[k++] = all[i];
        return k;
}

static double mbs(uint64_t n, double t)
{
        return t > 0 ? (double)n / t / 1e6 : NAN;
}

/* How many times faster than the other coder: its time over this one's. */
static double times(double other, double own)
{
        return own > 0 ? other / own : NAN;
}

struct totals {
        uint64_t bytes, round_trips;
        uint64_t csize[N_CODERS], huf_nocheck;
        double c_best[N_CODERS], c_med[N_CODERS], d_best[N_CODERS], d_med[N_CODERS];
        double entropy, block_entropy;
};

/* A row of speeds; huff0's values only when it is measured (its columns
 * exist only then). */
static void speed_row(struct bench_table *t, bool huff0, const char *name, uint64_t n,
                      int level, const double cb[N_CODERS], const double cm[N_CODERS],
                      const double db[N_CODERS], const double dm[N_CODERS],
                      uint64_t round_trips)
{
        int k;

        if (bench_row(t) != 0)
                return;
        bench_put_str(t, name);
        bench_put_uint(t, n);
        bench_put_uint(t, (uint64_t)level);
        for (k = 0; k < N_CODERS; k++) {
                if (k == C_HUFF0 && !huff0)
                        continue;
                bench_put_num(t, mbs(n, cb[k]));
                bench_put_num(t, mbs(n, cm[k]));
                bench_put_num(t, mbs(n, db[k]));
                bench_put_num(t, mbs(n, dm[k]));
        }
        if (huff0) {
                bench_put_num(t, times(cb[C_HUFF0], cb[C_HUFF]));
                bench_put_num(t, times(db[C_HUFF0], db[C_HUFF]));
                bench_put_num(t, times(cb[C_HUFF0], cb[C_CHECK]));
                bench_put_num(t, times(db[C_HUFF0], db[C_CHECK]));
        }
        bench_put_num(t, times(cb[C_ZLIB], cb[C_HUFF]));
        bench_put_num(t, times(db[C_ZLIB], db[C_HUFF]));
        bench_put_num(t, times(cb[C_ZLIB], cb[C_CHECK]));
        bench_put_num(t, times(db[C_ZLIB], db[C_CHECK]));
        bench_put_uint(t, round_trips);
}

static double ratio(double a, double b)
{
        return b > 0 ? a / b : a > 0 ? INFINITY : NAN;
}

static void size_row(struct bench_table *t, bool huff0, const char *name, uint64_t n,
                     int level, const uint64_t csize[N_CODERS], double entropy,
                     double block_entropy)
{
        uint64_t huf = csize[C_CHECK];

        if (bench_row(t) != 0)
                return;
        bench_put_str(t, name);
        bench_put_uint(t, n);
        bench_put_uint(t, (uint64_t)level);
        bench_put_uint(t, huf);
        bench_put_uint(t, csize[C_HUFF]);
        bench_put_num(t, n ? 8.0 * (double)huf / (double)n : NAN);
        bench_put_num(t, entropy);
        bench_put_num(t, block_entropy);
        bench_put_num(t, ratio((double)huf, entropy));
        bench_put_num(t, ratio((double)huf, block_entropy));
        if (huff0) {
                bench_put_uint(t, csize[C_HUFF0]);
                bench_put_num(t, n ? 8.0 * (double)csize[C_HUFF0] / (double)n : NAN);
                bench_put_num(t, ratio((double)huf, (double)csize[C_HUFF0]));
        }
        bench_put_uint(t, csize[C_ZLIB]);
        bench_put_num(t, n ? 8.0 * (double)csize[C_ZLIB] / (double)n : NAN);
        bench_put_num(t, ratio((double)huf, (double)csize[C_ZLIB]));
}

/* The figures of one file that are not timings: n*H/8 and the block
 * entropy of the blocks huff cuts with p. */
static int entropies(const struct bench_file *f, const struct huff_params *p,
                     double *entropy, double *block)
{
        struct huff_encoding_report e;
        enum huff_status s;

        *entropy = (double)f->n * huff_entropy(f->counts, 256, HUFF_UNIT_BITS) / 8;
        s = huff_report_encoding(f->data, f->n, p, &e);
        if (s != HUFF_OK) {
                bench_msg(f->path, "%s", huff_strerror(s));
                return -1;
        }
        *block = e.block_entropy_bytes;
        return 0;
}

/* The notes under the speed table: what each coder is, or how to get
 * huff0 when it is not built. */
static void speed_notes(struct bench_table *ts, const struct speed_ctx *x,
                        unsigned ncoders, unsigned skipped)
{
        bench_note(ts, "huff: huff_compress()/huff_decompress() at -%d with checksum = 0, "
                   "the coder alone; +check: the default, an XXH3 checksum of the content.",
                   x->o->level);
        if (x->huff0) {
                bench_note(ts, "huff0: zstd %s's Huffman coder, HUF_compress4X_repeat() on "
                           "each 128 KiB block with its own table, table log 11; "
                           "HUF_decompress4X_hufOnly_wksp()%s; no checksum.",
                           bench_huff0_version(),
                           bench_huff0_bmi2(x->huff0) ? ", BMI2" : "");
                bench_note(ts, "x huff0: huff's best speed over huff0's (c, d: the coder "
                           "alone; +check: with its checksum).");
        } else {
                bench_note(ts, "huff0: not built (make HUFF0_SRC=DIR, DIR a zstd source "
                           "tree's lib/).");
        }
        bench_note(ts, "zlib %s: raw deflate, deflateInit2(9, Z_DEFLATED, -15, 8, "
                   "Z_HUFFMAN_ONLY). x zlib: huff's best speed over zlib's (coder alone).",
                   zlibVersion());
        bench_note(ts, "checked: round trips of this row, every one decompressed and "
                   "compared with the input (warm-up and each run, all %u coders): "
                   "all identical.", ncoders);
        if (skipped)
                bench_note(ts, "%u empty file%s not measured.", skipped, skipped > 1 ? "s" : "");
}

int bench_speed(const struct bench_opts *o, const struct bench_files *fs,
                struct bench_sink *s, struct bench_results *res)
{
        static struct bench_col scols[NCOLS(speed_cols)], zcols[NCOLS(size_cols)];
        struct speed_ctx x;
        struct totals tot;
        struct bench_table *ts = NULL, *tz = NULL;
        size_t largest = 0;
        unsigned i, skipped = 0, ncoders = 0, nscols, nzcols;
        char title[256];
        int k, st = -1;
        bool huff0 = bench_huff0_built();

        memset(&x, 0, sizeof(x));
        memset(&tot, 0, sizeof(tot));
        x.o = o;
        x.min_time = o->min_time_ms / 1000.0;
        huff_params_init(&x.params[C_HUFF]);
        x.params[C_HUFF].checksum = 0;
        x.params[C_HUFF].level = o->level;
        huff_params_init(&x.params[C_CHECK]);
        x.params[C_CHECK].level = o->level;
        for (i = 0; i < fs->n; i++)
                if (fs->f[i].n > largest)
                        largest = fs->f[i].n;
        if (largest > UINT_MAX / 2) {
                bench_msg(NULL, "--speed: files of 2 GiB and more are not measured "
                          "(zlib takes its input in one call)");
                return -1;
        }
        if (huff0 && !(x.huff0 = bench_huff0_new())) {
                bench_msg(NULL, "%s", strerror(ENOMEM));
                return -1;
        }
        nscols = pick_cols(speed_cols, NCOLS(speed_cols), huff0, scols);
        nzcols = pick_cols(size_cols, NCOLS(size_cols), huff0, zcols);
        snprintf(title, sizeof(title),
                 "Speed, MB/s (10^6 bytes of input per second), in memory, one thread, "
                 "huff -%d: best/median of %u runs after a warm-up", o->level, o->runs);
        ts = bench_table_new("speed", title, scols, nscols);
        snprintf(title, sizeof(title), "Size: huff -%d (otherwise default parameters) "
                 "against the entropy%s zlib Huffman-only", o->level,
                 huff0 ? ", huff0 and" : " and");
        tz = bench_table_new("size", title, zcols, nzcols);
        res->speed = ts;
        res->size = tz;
        x.cmp_cap = huff_compress_bound(largest);
        if (compressBound((uLong)largest) + 1024 > x.cmp_cap)
                x.cmp_cap = compressBound((uLong)largest) + 1024;
        if (huff0 && bench_huff0_bound(largest) > x.cmp_cap)
                x.cmp_cap = bench_huff0_bound(largest);
        for (k = 0; k < N_CODERS; k++)
                if (measured(&x, k)) {
                        ncoders++;
                        if (!(x.cmp[k] = malloc(x.cmp_cap)))
                                goto nomem;
                }
        x.dec = malloc(largest + 1);
        x.tc = malloc((size_t)N_CODERS * o->runs * sizeof(double));
        x.td = malloc((size_t)N_CODERS * o->runs * sizeof(double));
        if (!ts || !tz || !x.dec || !x.tc || !x.td)
                goto nomem;
        /* Fault the pages in before anything is timed. */
        for (k = 0; k < N_CODERS; k++)
                if (x.cmp[k])
                        memset(x.cmp[k], 0, x.cmp_cap);

        for (i = 0; i < fs->n; i++) {
                const struct bench_file *f = &fs->f[i];
                struct coder_run cr[N_CODERS];
                double cb[N_CODERS], cm[N_CODERS], db[N_CODERS], dm[N_CODERS];
                uint64_t csize[N_CODERS];
                double h, bh;
                uint64_t rt = 0;

                if (f->n == 0) {
                        skipped++;
                        continue;
                }
                bench_progress(o, "speed: %s (%u of %u)", f->name, i + 1, fs->n);
                if (measure_file(&x, f, cr) != 0 || entropies(f, &x.params[C_CHECK], &h, &bh) != 0)
                        goto out;
                for (k = 0; k < N_CODERS; k++) {
                        cb[k] = cr[k].c_best;
                        cm[k] = cr[k].c_median;
                        db[k] = cr[k].d_best;
                        dm[k] = cr[k].d_median;
                        csize[k] = cr[k].csize;
                        rt += cr[k].round_trips;
                        tot.csize[k] += cr[k].csize;
                        tot.c_best[k] += cb[k];
                        tot.c_med[k] += cm[k];
                        tot.d_best[k] += db[k];
                        tot.d_med[k] += dm[k];
                }
                tot.bytes += f->n;
                tot.round_trips += rt;
                tot.entropy += h;
                tot.block_entropy += bh;
                speed_row(ts, huff0, f->name, f->n, o->level, cb, cm, db, dm, rt);
                size_row(tz, huff0, f->name, f->n, o->level, csize, h, bh);
        }
        if (ts->rows > 1) {
                speed_row(ts, huff0, "(total)", tot.bytes, o->level, tot.c_best, tot.c_med,
                          tot.d_best, tot.d_med, tot.round_trips);
                size_row(tz, huff0, "(total)", tot.bytes, o->level, tot.csize,
                         tot.entropy, tot.block_entropy);
        }
        speed_notes(ts, &x, ncoders, skipped);
        bench_note(tz, "n*H/8: the whole file's entropy in bytes; block H: the sum over "
                   "huff's blocks of their own n*H/8 (huff_report_encoding()).");
        if (huff0)
                bench_note(tz, "huff0: its blocks' coded bytes and 8 bytes of sizes a "
                           "block, no frame, no checksum.");
        bench_emit(s, ts);
        bench_emit(s, tz);
        st = 0;
        goto out;
nomem:
        bench_msg(NULL, "%s", strerror(ENOMEM));
out:
        for (k = 0; k < N_CODERS; k++)
                free(x.cmp[k]);
        free(x.dec);
        free(x.tc);
        free(x.td);
        bench_huff0_free(x.huff0);
        return st;
}
