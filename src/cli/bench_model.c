/*
 * bench_model.c - huff bench --matrix and --sweep: what coding p's data
 * with a code built for another distribution q costs, against D(p||q)
 *
 * The two codes compared, both limited to HUFF_CODE_LEN_DEFAULT bits as
 * huff's blocks are:
 *
 *   L_p  the average length on p of p's own optimal limited code
 *        (huff_code_lengths(), package-merge when the limit binds);
 *   L_q  the average length on p of the lengths huff_model_create() stores
 *        for q, the code a .huf file made with that model uses.
 *
 * L_p is the least average length of any prefix code within the limit, and
 * q's code is one of those, so L_q >= L_p for every pair: the overhead
 * L_q - L_p is never negative.  It is not bounded by D(p||q) either way:
 * p's own code has its redundancy too, which q's code can share or not.
 *
 * Matrix: q is the model file's byte counts smoothed by --smooth ALPHA
 * (huff_model_create(counts, ALPHA)), every pair of distinct files.
 * Sweep: q moves away from p along two families, mixed with the uniform
 * distribution and flattened or sharpened by a power; q is given to the
 * library as integer weights (see sweep_weights()).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define N_APART 5

/* L_p: the average length of p's optimal code within the limit. */
static double own_avg(const uint64_t p[256], unsigned limit, uint8_t lens[256])
{
        if (huff_code_lengths(p, 256, limit, lens) != HUFF_OK)
                return NAN;
        return huff_average_length(p, lens, 256, HUFF_UNIT_BITS);
}

/* huff_compress() with params p, checked by decoding; the frame's size, or
 * 0 after a message. */
static uint64_t huf_size(const struct bench_file *f, const struct huff_model *m,
                         unsigned char *cmp, size_t cap, unsigned char *dec)
{
        struct huff_params p;
        enum huff_status s;
        size_t csize, dsize;

        huff_params_init(&p);
        p.model = m;
        s = huff_compress(cmp, cap, &csize, f->data, f->n, &p);
        if (s == HUFF_OK)
                s = huff_decompress_model(dec, f->n, &dsize, cmp, csize, m);
        if (s != HUFF_OK) {
                bench_msg(f->path, "%s", huff_strerror(s));
                return 0;
        }
        if (dsize != f->n || memcmp(dec, f->data, f->n) != 0) {
                bench_msg(f->path, "round trip failed%s: the decoded bytes differ "
                          "from the input", m ? " with a model" : "");
                return 0;
        }
        return csize;
}

/* Buffers for the largest file. */
static int alloc_buffers(const struct bench_files *fs, unsigned char **cmp,
                         size_t *cap, unsigned char **dec)
{
        size_t largest = 0;
        unsigned i;

        for (i = 0; i < fs->n; i++)
                if (fs->f[i].n > largest)
                        largest = fs->f[i].n;
        *cap = huff_compress_bound(largest);
        *cmp = *cap ? malloc(*cap) : NULL;
        *dec = malloc(largest + 1);
        if (!*cmp || !*dec) {
                free(*cmp);
                free(*dec);
                *cmp = *dec = NULL;     /* the caller frees them too */
                bench_msg(NULL, "%s", strerror(ENOMEM));
                return -1;
        }
        return 0;
}

/* ------------------------------------------------------------------------ */
/* Matrix                                                                    */

static const struct bench_col matrix_cols[] = {
        { "model", "model q", BK_STR, 0, false },
        { "data", "data p", BK_STR, 0, false },
        { "bytes", NULL, BK_UINT, 0, false },
        { "entropy", "H(p)", BK_NUM, 4, false },
        { "cross_entropy", "H(p,q)", BK_NUM, 4, false },
        { "kl", "D(p||q)", BK_NUM, 4, false },
        { "lp", "L_p", BK_NUM, 4, false },
        { "lq", "L_q", BK_NUM, 4, false },
        { "overhead", "L_q-L_p", BK_NUM, 4, false },
        { "gap", "-D", BK_NUM, 4, false },
        { "lq_ge_lp", NULL, BK_BOOL, 0, false },
        { "huf_own_bytes", ".huf own", BK_UINT, 0, false },
        { "huf_model_bytes", ".huf model", BK_UINT, 0, false },
        { "model_saving_bytes", NULL, BK_NUM, 0, false },
};

static const struct bench_col summary_cols[] = {
        { "pairs", "pairs", BK_UINT, 0, false },
        { "smooth", "smooth", BK_STR, 0, false },
        { "limit", "limit", BK_UINT, 0, false },
        { "pearson_r", "r(L_q-L_p, D)", BK_NUM, 4, false },
        { "mean_kl", "mean D", BK_NUM, 4, false },
        { "mean_overhead", "mean L_q-L_p", BK_NUM, 4, false },
        { "mean_abs_gap", "mean |L_q-L_p-D|", BK_NUM, 4, false },
        { "max_abs_gap", "largest", BK_NUM, 4, false },
        { "overhead_below_kl", "L_q-L_p < D", BK_UINT, 0, false },
        { "all_lq_ge_lp", "all L_q >= L_p", BK_BOOL, 0, false },
        { "infinite_pairs", NULL, BK_UINT, 0, false },
};

static const struct bench_col apart_cols[] = {
        { "rank", "", BK_UINT, 0, false },
        { "model", "model q", BK_STR, 0, false },
        { "data", "data p", BK_STR, 0, false },
        { "kl", "D(p||q)", BK_NUM, 4, false },
        { "overhead", "L_q-L_p", BK_NUM, 4, false },
        { "gap", "L_q-L_p-D", BK_NUM, 4, false },
};

struct pair {
        unsigned model, data;
        double kl, overhead, gap;
};

static int by_abs_gap(const void *a, const void *b)
{
        double x = fabs(((const struct pair *)a)->gap);
        double y = fabs(((const struct pair *)b)->gap);

        return (x < y) - (x > y);
}

static double pearson(const struct pair *pr, unsigned n)
{
        double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
        unsigned i;

        if (n < 2)
                return NAN;
        for (i = 0; i < n; i++) {
                mx += pr[i].kl;
                my += pr[i].overhead;
        }
        mx /= n;
        my /= n;
        for (i = 0; i < n; i++) {
                double dx = pr[i].kl - mx, dy = pr[i].overhead - my;

                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN;
}

int bench_matrix(const struct bench_opts *o, const struct bench_files *fs,
                 struct bench_sink *s, struct bench_results *res)
{
        struct huff_model **models = NULL;
        struct pair *pairs = NULL;
        unsigned char *cmp = NULL, *dec = NULL;
        size_t cap;
        unsigned i, j, np = 0, ninf = 0, below = 0;
        bool all_ge = true;
        double sum_abs = 0, max_abs = 0, sum_kl = 0, sum_ov = 0;
        struct bench_table *t, *ts, *ta;
        char title[256];
        int st = -1;

        snprintf(title, sizeof(title), "Mismatch matrix: data p coded with model q "
                 "(the model file's counts + %s), bits per byte", o->smooth);
        t = res->matrix = bench_table_new("matrix", title, matrix_cols, NCOLS(matrix_cols));
        ts = res->matrix_summary = bench_table_new("matrix_summary",
                "How closely L_q - L_p follows D(p||q), over the pairs",
                summary_cols, NCOLS(summary_cols));
        ta = res->matrix_apart = bench_table_new("matrix_apart",
                "The pairs where L_q - L_p and D(p||q) part most", apart_cols,
                NCOLS(apart_cols));
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        models = calloc(fs->n ? fs->n : 1, sizeof(*models));
        pairs = calloc(fs->n ? (size_t)fs->n * fs->n : 1, sizeof(*pairs));
        if (!t || !ts || !ta || !models || !pairs) {
                bench_msg(NULL, "%s", strerror(ENOMEM));
                goto out;
        }
        ts->vertical = true;
        if (alloc_buffers(fs, &cmp, &cap, &dec) != 0)
                goto out;
        for (j = 0; j < fs->n; j++) {
                enum huff_status hs;

                if (fs->f[j].n == 0)
                        continue;
                hs = huff_model_create(&models[j], fs->f[j].counts, o->alpha_num,
                                       o->alpha_den, o->max_len);
                if (hs != HUFF_OK)      /* one byte value, not smoothed */
                        bench_msg(fs->f[j].path, "no model: %s (a model needs two "
                                  "codable byte values)", huff_strerror(hs));
        }
        for (i = 0; i < fs->n; i++) {
                const struct bench_file *f = &fs->f[i];
                uint8_t lens[256], qlens[256];
                uint64_t q[256];
                double h, lp;
                uint64_t own;

                if (f->n == 0)
                        continue;
                bench_progress(o, "matrix: %s (%u of %u)", f->name, i + 1, fs->n);
                h = huff_entropy(f->counts, 256, HUFF_UNIT_BITS);
                lp = own_avg(f->counts, o->max_len, lens);
                own = huf_size(f, NULL, cmp, cap, dec);
                if (!own)
                        goto out;
                for (j = 0; j < fs->n; j++) {
                        double hq, kl, lq;
                        uint64_t with;

                        if (j == i || !models[j])
                                continue;
                        huff_model_weights(models[j], q);
                        huff_model_lengths(models[j], qlens);
                        hq = huff_cross_entropy(f->counts, q, 256, HUFF_UNIT_BITS);
                        kl = huff_kl_divergence(f->counts, q, 256, HUFF_UNIT_BITS);
                        lq = huff_average_length(f->counts, qlens, 256, HUFF_UNIT_BITS);
                        with = huf_size(f, models[j], cmp, cap, dec);
                        if (!with)
                                goto out;
                        if (!(lq >= lp))
                                all_ge = false;
                        if (bench_row(t) != 0)
                                continue;
                        bench_put_str(t, fs->f[j].name);
                        bench_put_str(t, f->name);
                        bench_put_uint(t, f->n);
                        bench_put_num(t, h);
                        bench_put_num(t, hq);
                        bench_put_num(t, kl);
                        bench_put_num(t, lp);
                        bench_put_num(t, lq);
                        bench_put_num(t, lq - lp);
                        bench_put_num(t, isinf(lq) ? NAN : lq - lp - kl);
                        bench_put_bool(t, lq >= lp);
                        bench_put_uint(t, own);
                        bench_put_uint(t, with);
                        bench_put_num(t, (double)own - (double)with);
                        if (isinf(lq) || isinf(kl)) {
                                ninf++;
                                continue;
                        }
                        pairs[np].model = j;
                        pairs[np].data = i;
                        pairs[np].kl = kl;
                        pairs[np].overhead = lq - lp;
                        pairs[np].gap = lq - lp - kl;
                        sum_abs += fabs(pairs[np].gap);
                        sum_kl += kl;
                        sum_ov += lq - lp;
                        if (fabs(pairs[np].gap) > max_abs)
                                max_abs = fabs(pairs[np].gap);
                        if (lq - lp < kl)
                                below++;
                        np++;
                }
        }
        bench_note(t, "L_p: p's own optimal code limited to %u bits (huff_code_lengths()); "
                   "L_q: the lengths huff_model_create() stores", o->max_len);
        bench_note(t, "for q (the code a .huf made with that model uses), on p. "
                   "-D: L_q - L_p - D(p||q).");
        bench_note(t, ".huf own: the data file as huff writes it; .huf model: with "
                   "params.model = q, each block taking the cheaper code.");
        if (t->rows == 0)
                bench_note(t, "(no pairs: the matrix needs two non-empty files)");

        if (bench_row(ts) == 0) {
                bench_put_uint(ts, np);
                bench_put_str(ts, o->smooth);
                bench_put_uint(ts, o->max_len);
                bench_put_num(ts, pearson(pairs, np));
                bench_put_num(ts, np ? sum_kl / np : NAN);
                bench_put_num(ts, np ? sum_ov / np : NAN);
                bench_put_num(ts, np ? sum_abs / np : NAN);
                bench_put_num(ts, np ? max_abs : NAN);
                bench_put_uint(ts, below);
                bench_put_bool(ts, all_ge);
                bench_put_uint(ts, ninf);
        }
        bench_note(ts, "r: Pearson correlation of L_q - L_p with D(p||q) over the "
                   "pairs with finite figures%s.", ninf ? "" : " (all of them)");
        if (ninf)
                bench_note(ts, "%u pair%s left out: q gives 0 to a byte p has "
                           "(--smooth 0).", ninf, ninf > 1 ? "s" : "");

        qsort(pairs, np, sizeof(*pairs), by_abs_gap);
        for (i = 0; i < np && i < N_APART; i++) {
                if (bench_row(ta) != 0)
                        break;
                bench_put_uint(ta, i + 1);
                bench_put_str(ta, fs->f[pairs[i].model].name);
                bench_put_str(ta, fs->f[pairs[i].data].name);
                bench_put_num(ta, pairs[i].kl);
                bench_put_num(ta, pairs[i].overhead);
                bench_put_num(ta, pairs[i].gap);
        }
        bench_emit(s, t);
        bench_emit(s, ts);
        bench_emit(s, ta);
        st = 0;
out:
        if (models)
                for (j = 0; j < fs->n; j++)
                        huff_model_free(models[j]);
        free(models);
        free(pairs);
        free(cmp);
        free(dec);
        return st;
}

/* ------------------------------------------------------------------------ */
/* Sweep                                                                     */

/* λ in hundredths, so that the mixture is exact in integers. */
static const unsigned mix_pct[] = { 0, 1, 2, 5, 10, 20, 30, 50, 70, 100 };
static const double powers[] = { 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3 };

#define N_MIX NCOLS(mix_pct)
#define N_POW NCOLS(powers)

/*
 * The weights of q, as the library takes them (integers summing below
 * 2^56).  Mixture, λ = a/100: q_i = (100 - a) * 256 * c_i + a * n, which
 * is (1-λ) p_i + λ/256 times 25600 n exactly.  Power t: q_i = p_i^t / Σ
 * p_j^t scaled to 2^40 and rounded, over the bytes that occur (a byte p
 * never has gets 0 for every t); a byte that occurs keeps q_i >= 1 where
 * rounding would give it 0.  t = 0 (the uniform distribution over the
 * bytes that occur) and t = 1 (p) are exact.
 */
static void sweep_weights(const struct bench_file *f, int family, unsigned step,
                          uint64_t q[256])
{
        unsigned i;

        if (family == 0) {
                uint64_t a = mix_pct[step];

                for (i = 0; i < 256; i++)
                        q[i] = (100 - a) * 256 * f->counts[i] + a * (uint64_t)f->n;
        } else if (powers[step] == 0 || powers[step] == 1) {
                /* Exact: uniform over the bytes that occur, and p itself. */
                for (i = 0; i < 256; i++)
                        q[i] = powers[step] == 0 ? f->counts[i] != 0 : f->counts[i];
        } else {
                double t = powers[step], lw[256], sum = 0;
                uint64_t cmax = 0;

                for (i = 0; i < 256; i++)
                        if (f->counts[i] > cmax)
                                cmax = f->counts[i];
                for (i = 0; i < 256; i++) {
                        /* Relative to the largest: no overflow for any t. */
                        lw[i] = f->counts[i]
                                ? exp(t * log((double)f->counts[i] / (double)cmax)) : 0;
                        sum += lw[i];
                }
                for (i = 0; i < 256; i++) {
                        q[i] = (uint64_t)llround(ldexp(lw[i] / sum, 40));
                        if (f->counts[i] && q[i] == 0)
                                q[i] = 1;
                }
        }
}

static const struct bench_col sweep_cols[] = {
        { "file", "file", BK_STR, 0, false },
        { "family", "q", BK_STR, 0, false },
        { "param", "param", BK_NUM, 2, false },
        { "cross_entropy", "H(p,q)", BK_NUM, 4, false },
        { "kl", "D(p||q)", BK_NUM, 4, false },
        { "lp", "L_p", BK_NUM, 4, false },
        { "lq", "L_q", BK_NUM, 4, false },
        { "overhead", "L_q-L_p", BK_NUM, 4, false },
        { "gap", "-D", BK_NUM, 4, false },
};

static const struct bench_col sweep_mean_cols[] = {
        { "family", "q", BK_STR, 0, false },
        { "param", "param", BK_NUM, 2, false },
        { "files", "files", BK_UINT, 0, false },
        { "mean_kl", "mean D", BK_NUM, 4, false },
        { "mean_overhead", "mean L_q-L_p", BK_NUM, 4, false },
        { "mean_gap", "mean -D", BK_NUM, 4, false },
};

static const char *const family_name[2] = { "mix", "power" };

int bench_sweep(const struct bench_opts *o, const struct bench_files *fs,
                struct bench_sink *s, struct bench_results *res)
{
        double sum_kl[N_MIX + N_POW] = { 0 }, sum_ov[N_MIX + N_POW] = { 0 };
        unsigned count[N_MIX + N_POW] = { 0 };
        struct bench_table *t, *tm;
        unsigned i, step, k;
        int family;

        t = res->sweep = bench_table_new("sweep", "Model sweep: q = mix (1-λ)p + "
                "λ·uniform, param λ; q = power ∝ p^t, param t; bits per byte",
                sweep_cols, NCOLS(sweep_cols));
        tm = res->sweep_mean = bench_table_new("sweep_mean", "Model sweep, mean "
                "over the files", sweep_mean_cols, NCOLS(sweep_mean_cols));
        if (!t || !tm) {
                bench_msg(NULL, "%s", strerror(ENOMEM));
                return -1;
        }
        for (i = 0; i < fs->n; i++) {
                const struct bench_file *f = &fs->f[i];
                uint8_t lens[256], qlens[256];
                double lp;

                if (f->n == 0)
                        continue;
                bench_progress(o, "sweep: %s (%u of %u)", f->name, i + 1, fs->n);
                lp = own_avg(f->counts, o->max_len, lens);
                for (family = 0, k = 0; family < 2; family++) {
                        unsigned steps = family ? N_POW : N_MIX;

                        for (step = 0; step < steps; step++, k++) {
                                struct huff_model *m = NULL;
                                uint64_t q[256];
                                double kl, hq, lq = NAN;

                                sweep_weights(f, family, step, q);
                                kl = huff_kl_divergence(f->counts, q, 256, HUFF_UNIT_BITS);
                                hq = huff_cross_entropy(f->counts, q, 256, HUFF_UNIT_BITS);
                                /* A file of one byte value has no code of
                                 * its own support alone: null. */
                                if (huff_model_create(&m, q, 0, 1, o->max_len) == HUFF_OK) {
                                        huff_model_lengths(m, qlens);
                                        lq = huff_average_length(f->counts, qlens, 256,
                                                                 HUFF_UNIT_BITS);
                                        huff_model_free(m);
                                }
                                if (bench_row(t) != 0)
                                        continue;
                                bench_put_str(t, f->name);
                                bench_put_str(t, family_name[family]);
                                bench_put_num(t, family ? powers[step] : mix_pct[step] / 100.0);
                                bench_put_num(t, hq);
                                bench_put_num(t, kl);
                                bench_put_num(t, lp);
                                bench_put_num(t, lq);
                                bench_put_num(t, lq - lp);
                                bench_put_num(t, lq - lp - kl);
                                if (isfinite(lq) && isfinite(kl)) {
                                        sum_kl[k] += kl;
                                        sum_ov[k] += lq - lp;
                                        count[k]++;
                                }
                        }
                }
        }
        for (family = 0, k = 0; family < 2; family++) {
                unsigned steps = family ? N_POW : N_MIX;

                for (step = 0; step < steps; step++, k++) {
                        if (bench_row(tm) != 0)
                                break;
                        bench_put_str(tm, family_name[family]);
                        bench_put_num(tm, family ? powers[step] : mix_pct[step] / 100.0);
                        bench_put_uint(tm, count[k]);
                        bench_put_num(tm, count[k] ? sum_kl[k] / count[k] : NAN);
                        bench_put_num(tm, count[k] ? sum_ov[k] / count[k] : NAN);
                        bench_put_num(tm, count[k] ? (sum_ov[k] - sum_kl[k]) / count[k] : NAN);
                }
        }
        bench_note(t, "L_q: the code huff_model_create() makes of q's weights (limit %u) "
                   "on p; L_p: p's own limited code.", o->max_len);
        bench_note(t, "q as integer weights: mix exactly, (100-100λ)·256·count + "
                   "100λ·n; power: 2^40·p^t/Σp^t rounded, at least 1 where p > 0.");
        bench_note(t, "power: over the bytes that occur (t = 0: uniform over them).");
        bench_emit(s, t);
        bench_emit(s, tm);
        return 0;
}
