/*
 * bench_small.c - huff bench --small: many small files, each with its own
 * code against a shared model
 *
 * The test files are cut into pieces of each size (256 B to 64 KiB by
 * default), and each piece becomes a frame of its own, twice: with the
 * default parameters (the piece's own code, and its table), and with
 * params.model set to a model trained on other files (--train), where each
 * block takes the cheaper of the model's code and its own.  Every frame is
 * decoded again and compared with its piece.
 *
 * The prediction: an own-code frame carries a code table of T bytes that a
 * model frame does not, and the model's code costs about D(p||q) bits per
 * byte more than the data's own; so the own code starts to win at the piece
 * size where size * D / 8 = T.  D is taken over the whole test set (p: the
 * byte counts of all test files together), not per piece.  T is measured:
 * for pieces coded as one Huffman block with their own code and as one
 * model block with the model, T = (own frame - own payload) - (model frame
 * - model payload), the payloads being Σ count * length / 8 of the two
 * codes: the table, less the 4 bytes of the model's identifier, plus the
 * padding of the streams.  T grows with the piece size (more byte values
 * occur), so the crossing is taken where the two curves meet, interpolated
 * on log2(size) between the sizes measured; the measured break-even is
 * interpolated alike between the last size where the model wins and the
 * first where it does not.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static const struct bench_col small_cols[] = {
        { "piece_bytes", "piece", BK_UINT, 0, false },
        { "pieces", "pieces", BK_UINT, 0, false },
        { "bytes", NULL, BK_UINT, 0, false },
        { "own_bytes", "own code", BK_UINT, 0, false },
        { "model_bytes", "model", BK_UINT, 0, false },
        { "saving_bytes", "saving", BK_NUM, 0, false },
        { "saving_pct", "%", BK_NUM, 2, false },
        { "model_block_pct", "model blocks %", BK_NUM, 1, false },
        { "table_bytes", "T", BK_NUM, 1, false },
        { "model_extra_bytes", "size*D/8", BK_NUM, 1, false },
        { "kl_piece", "D(piece||q)", BK_NUM, 4, false },
        { "winner", "wins", BK_STR, 0, false },
        { "predicted", "predicted", BK_STR, 0, false },
};

static const struct bench_col breakeven_cols[] = {
        { "train", "trained on", BK_STR, 0, false },
        { "test", "tested on", BK_STR, 0, false },
        { "smooth", "smooth", BK_STR, 0, false },
        { "limit", "model's length limit", BK_UINT, 0, false },
        { "kl", "D(p_test||q)", BK_NUM, 4, false },
        { "measured_first_bytes", "measured: first size own <= model", BK_UINT, 0, false },
        { "measured_bytes", "measured, interpolated", BK_NUM, 0, false },
        { "table_bytes", "T there", BK_NUM, 1, false },
        { "predicted_bytes", "predicted 8T/D", BK_NUM, 0, false },
        { "ratio", "measured/predicted", BK_NUM, 2, false },
        { "overhead", "L_q-L_p on the test set", BK_NUM, 4, false },
        { "predicted_code_bytes", "predicted, L_q-L_p for D", BK_NUM, 0, false },
        { "ratio_code", "measured/that", BK_NUM, 2, false },
        { "predicted_piece_bytes", "predicted, D per piece", BK_NUM, 0, false },
        { "ratio_piece", "measured/that", BK_NUM, 2, false },
};

struct small_ctx {
        const struct huff_model *m;
        unsigned max_len;
        uint64_t q[256];
        uint8_t qlens[256];
        struct huff_decoder *d;
        unsigned char *cmp, *dec;
        size_t cap;
};

/* Decode a frame with d and compare; the decoder's statistics in *st.
 * Returns 0, or -1 after a message. */
static int check_frame(struct small_ctx *x, const struct bench_file *f,
                       const unsigned char *piece, size_t n, size_t csize,
                       const struct huff_model *m, struct huff_stats *st)
{
        struct huff_inbuf in = { x->cmp, csize, 0 };
        struct huff_outbuf out = { x->dec, n, 0 };
        enum huff_status s;

        huff_decoder_reset(x->d);
        huff_decoder_set_model(x->d, m);
        s = huff_decoder_feed(x->d, &out, &in);
        if (s == HUFF_OK && in.pos < in.size)
                s = HUFF_ERR_CORRUPT;   /* more output than the piece */
        if (s == HUFF_OK)
                s = huff_decoder_finish(x->d);
        if (s != HUFF_OK) {
                bench_msg(f->path, "a piece%s: %s", m ? " with the model" : "",
                          huff_strerror(s));
                return -1;
        }
        if (out.pos != n || memcmp(x->dec, piece, n) != 0) {
                bench_msg(f->path, "round trip failed on a piece%s: the decoded "
                          "bytes differ", m ? " with the model" : "");
                return -1;
        }
        huff_decoder_stats(x->d, st);
        return 0;
}

/* Frame size of piece with the model m or none; 0 after a message. */
static size_t frame(struct small_ctx *x, const struct bench_file *f,
                    const unsigned char *piece, size_t n, const struct huff_model *m,
                    struct huff_stats *st)
{
        struct huff_params p;
        enum huff_status s;
        size_t csize;

        huff_params_init(&p);
        p.model = m;
        s = huff_compress(x->cmp, x->cap, &csize, piece, n, &p);
        if (s != HUFF_OK) {
                bench_msg(f->path, "%s", huff_strerror(s));
                return 0;
        }
        return check_frame(x, f, piece, n, csize, m, st) == 0 ? csize : 0;
}

static uint64_t payload_bits(const uint64_t c[256], const uint8_t lens[256])
{
        uint64_t bits = 0;
        unsigned i;

        for (i = 0; i < 256; i++)
                bits += c[i] * lens[i];
        return bits;
}

struct size_result {
        size_t size;
        uint64_t pieces, bytes, own, model, model_blocks, blocks;
        double t_sum;
        uint64_t t_n;
        double kl_sum;          /* Σ n * D(piece || q) */
};

static int measure_size(struct small_ctx *x, const struct bench_files *fs,
                        struct size_result *r)
{
        unsigned i;

        for (i = 0; i < fs->n; i++) {
                const struct bench_file *f = &fs->f[i];
                size_t off;

                for (off = 0; off < f->n; off += r->size) {
                        const unsigned char *piece = f->data + off;
                        size_t n = f->n - off < r->size ? f->n - off : r->size;
                        struct huff_stats so, sm;
                        size_t own, with;
                        uint64_t c[256];
                        uint8_t lens[256];

                        own = frame(x, f, piece, n, NULL, &so);
                        with = own ? frame(x, f, piece, n, x->m, &sm) : 0;
                        if (!with)
                                return -1;
                        r->pieces++;
                        r->bytes += n;
                        r->own += own;
                        r->model += with;
                        r->blocks += sm.blocks;
                        r->model_blocks += sm.blocks_by_type[HUFF_BLOCK_MODEL];
                        huff_histogram(piece, n, c);
                        r->kl_sum += (double)n * huff_kl_divergence(c, x->q, 256,
                                                                    HUFF_UNIT_BITS);
                        if (so.blocks != 1 || so.blocks_by_type[HUFF_BLOCK_HUFFMAN] != 1 ||
                            sm.blocks != 1 || sm.blocks_by_type[HUFF_BLOCK_MODEL] != 1)
                                continue;
                        if (huff_code_lengths(c, 256, x->max_len, lens) != HUFF_OK)
                                continue;
                        r->t_sum += ((double)own - (double)payload_bits(c, lens) / 8) -
                                    ((double)with - (double)payload_bits(c, x->qlens) / 8);
                        r->t_n++;
                }
        }
        return 0;
}

/* Names of the files, blank-separated, cut short with "..." to fit. */
static void names(const struct bench_files *fs, char *buf, size_t cap)
{
        size_t len = 0;
        unsigned i;

        buf[0] = '\0';
        for (i = 0; i < fs->n; i++) {
                size_t k = strlen(fs->f[i].name);

                if (len + k + 5 > cap) {
                        snprintf(buf + len, cap - len, "%s...", len ? " " : "");
                        return;
                }
                len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? " " : "",
                                        fs->f[i].name);
        }
}

/* x where the line through (x0, y0), (x1, y1) crosses 0. */
static double cross(double x0, double y0, double x1, double y1)
{
        return y0 == y1 ? x1 : x0 + (x1 - x0) * y0 / (y0 - y1);
}

static double size_kl(const struct size_result *r, double kl, bool per_piece)
{
        return per_piece ? (r->bytes ? r->kl_sum / (double)r->bytes : NAN) : kl;
}

/*
 * The piece size where size * D / 8 meets T(size): D the test set's (kl)
 * or, per_piece, the mean D of the pieces of each size; both curves
 * interpolated on log2(size) between the sizes with a measured T.  Past
 * the sizes measured, 8 T / D of the last of them.  *t_at: T there.
 */
static double predict(const struct size_result *r, unsigned n, double kl,
                      bool per_piece, double *t_at)
{
        double xj = NAN, gj = NAN, lt_j = NAN;
        unsigned k;

        *t_at = NAN;
        for (k = 0; k < n; k++) {
                double tk = r[k].t_n ? r[k].t_sum / (double)r[k].t_n : NAN;
                double dk = size_kl(&r[k], kl, per_piece);
                double xk = log2((double)r[k].size), gk, w;

                if (!(tk > 0) || !(dk > 0))
                        continue;
                gk = log2((double)r[k].size * dk / 8) - log2(tk);
                if (gk >= 0 && !isnan(xj)) {
                        w = (cross(xj, gj, xk, gk) - xj) / (xk - xj);
                        *t_at = exp2(lt_j + w * (log2(tk) - lt_j));
                        return exp2(xj + w * (xk - xj));
                }
                *t_at = tk;
                if (gk >= 0)
                        return 8 * tk / dk;
                xj = xk;
                gj = gk;
                lt_j = log2(tk);
        }
        if (isnan(xj))
                return NAN;
        /* No crossing: extrapolate with the last size's T and D. */
        return exp2(xj - gj);
}

int bench_small(const struct bench_opts *o, const struct bench_files *fs,
                const struct bench_files *train, struct bench_sink *s,
                struct bench_results *res)
{
        struct small_ctx x;
        struct huff_model *m = NULL;
        struct size_result *r = NULL;
        struct bench_table *t, *tb;
        uint64_t tc[256] = { 0 }, pc[256] = { 0 };
        size_t largest = 0, max_piece = 0;
        unsigned i, k;
        double kl, measured = NAN, predicted, t_at, predicted_piece, t_at_piece;
        double overhead, predicted_code;
        uint8_t plens[256];
        uint64_t measured_first = 0;
        enum huff_status hs;
        char title[320], tn[200], sn[200];
        int st = -1;

        memset(&x, 0, sizeof(x));
        names(train, tn, sizeof(tn));
        names(fs, sn, sizeof(sn));
        snprintf(title, sizeof(title), "Small files: each piece its own frame; own "
                 "code against a model trained on %s (+%s)", tn, o->smooth);
        t = res->small = bench_table_new("small", title, small_cols, NCOLS(small_cols));
        tb = res->small_breakeven = bench_table_new("small_breakeven",
                "Small files: where the own code starts to win", breakeven_cols,
                NCOLS(breakeven_cols));
        r = calloc(o->npieces ? o->npieces : 1, sizeof(*r));
        if (!t || !tb || !r) {
                bench_msg(NULL, "%s", strerror(ENOMEM));
                goto out;
        }
        tb->vertical = true;
        for (i = 0; i < train->n; i++)
                for (k = 0; k < 256; k++)
                        tc[k] += train->f[i].counts[k];
        for (i = 0; i < fs->n; i++) {
                for (k = 0; k < 256; k++)
                        pc[k] += fs->f[i].counts[k];
                if (fs->f[i].n > largest)
                        largest = fs->f[i].n;
        }
        hs = huff_model_create(&m, tc, o->alpha_num, o->alpha_den, o->max_len);
        if (hs != HUFF_OK) {
                bench_msg(NULL, "--train: no model from the training files: %s",
                          huff_strerror(hs));
                goto out;
        }
        x.m = m;
        x.max_len = o->max_len;
        huff_model_lengths(m, x.qlens);
        huff_model_weights(m, x.q);
        kl = fs->bytes ? huff_kl_divergence(pc, x.q, 256, HUFF_UNIT_BITS) : NAN;
        /* What the model's code costs over the test set's own code, at the
         * same limit: D plus what the limit and the codewords kept for
         * bytes that never occur add. */
        overhead = fs->bytes && huff_code_lengths(pc, 256, o->max_len, plens) == HUFF_OK
                ? huff_average_length(pc, x.qlens, 256, HUFF_UNIT_BITS) -
                  huff_average_length(pc, plens, 256, HUFF_UNIT_BITS) : NAN;
        for (k = 0; k < o->npieces; k++)
                if (o->pieces[k] > max_piece)
                        max_piece = o->pieces[k];
        if (largest > max_piece)
                largest = max_piece;
        x.cap = huff_compress_bound(largest);
        x.cmp = malloc(x.cap ? x.cap : 1);
        x.dec = malloc(largest + 1);
        if (!x.cmp || !x.dec || huff_decoder_create(&x.d) != HUFF_OK) {
                bench_msg(NULL, "%s", strerror(ENOMEM));
                goto out;
        }

        for (k = 0; k < o->npieces; k++) {
                struct size_result *rk = &r[k];
                double tk, extra, saving;

                rk->size = o->pieces[k];
                bench_progress(o, "small: pieces of %zu bytes", rk->size);
                if (measure_size(&x, fs, rk) != 0)
                        goto out;
                tk = rk->t_n ? rk->t_sum / (double)rk->t_n : NAN;
                extra = (double)rk->size * kl / 8;
                saving = (double)rk->own - (double)rk->model;
                if (bench_row(t) != 0)
                        continue;
                bench_put_uint(t, rk->size);
                bench_put_uint(t, rk->pieces);
                bench_put_uint(t, rk->bytes);
                bench_put_uint(t, rk->own);
                bench_put_uint(t, rk->model);
                bench_put_num(t, saving);
                bench_put_num(t, rk->own ? 100 * saving / (double)rk->own : NAN);
                bench_put_num(t, rk->blocks ? 100.0 * (double)rk->model_blocks /
                              (double)rk->blocks : NAN);
                bench_put_num(t, tk);
                bench_put_num(t, extra);
                bench_put_num(t, size_kl(rk, kl, true));
                bench_put_str(t, rk->pieces == 0 ? "-" : rk->own <= rk->model ? "own" : "model");
                bench_put_str(t, isnan(tk) ? "-" : extra >= tk ? "own" : "model");
        }

        /* Measured: the first size where the own code is no larger, and
         * the crossing of the relative saving, interpolated on log2(size). */
        for (k = 0; k < o->npieces; k++) {
                double y = r[k].bytes ? ((double)r[k].own - (double)r[k].model) /
                                        (double)r[k].bytes : NAN;

                if (r[k].pieces && r[k].own <= r[k].model) {
                        measured_first = r[k].size;
                        if (k == 0) {
                                measured = (double)r[k].size;
                        } else {
                                double y0 = ((double)r[k - 1].own - (double)r[k - 1].model) /
                                            (double)r[k - 1].bytes;

                                measured = exp2(cross(log2((double)r[k - 1].size), y0,
                                                      log2((double)r[k].size), y));
                        }
                        break;
                }
        }
        predicted = predict(r, o->npieces, kl, false, &t_at);
        predicted_piece = predict(r, o->npieces, kl, true, &t_at_piece);
        predicted_code = predict(r, o->npieces, overhead, false, &t_at_piece);

        if (bench_row(tb) == 0) {
                bench_put_str(tb, tn);
                bench_put_str(tb, sn);
                bench_put_str(tb, o->smooth);
                bench_put_uint(tb, o->max_len);
                bench_put_num(tb, kl);
                if (measured_first)
                        bench_put_uint(tb, measured_first);
                else
                        bench_put_null(tb);
                bench_put_num(tb, measured);
                bench_put_num(tb, t_at);
                bench_put_num(tb, predicted);
                bench_put_num(tb, measured / predicted);
                bench_put_num(tb, overhead);
                bench_put_num(tb, predicted_code);
                bench_put_num(tb, measured / predicted_code);
                bench_put_num(tb, predicted_piece);
                bench_put_num(tb, measured / predicted_piece);
        }
        bench_note(t, "own code: huff_compress() per piece; model: the same with "
                   "params.model, each block taking the cheaper code (frames carry "
                   "its 4-byte id).");
        bench_note(t, "saving: own - model bytes; model blocks: pieces coded with the "
                   "model's code. Every frame decoded and compared.");
        bench_note(t, "T: the own frame's table, (own - own payload) - (model - model "
                   "payload), over pieces coded as one block each way.");
        bench_note(t, "size*D/8: what the model's code costs a whole piece more, "
                   "predicted from D(p_test||q) = %.4f bits/byte;", kl);
        bench_note(t, "D(piece||q): the mean over the pieces (weighted by bytes) of "
                   "D between each piece's own byte frequencies and q.");
        bench_note(tb, "predicted: where size*D/8 = T, D over the whole test set (all "
                   "test files' counts together), T as measured at each size;");
        bench_note(tb, "with L_q-L_p for D: the same with what the model's code costs "
                   "over the test set's own code (limit %u);", o->max_len);
        bench_note(tb, "with D per piece: with the mean D(piece||q) of each size, "
                   "against which a piece's own code is measured.");
        if (!measured_first)
                bench_note(tb, "The model wins at every size measured: no measured "
                           "break-even.");
        bench_emit(s, t);
        bench_emit(s, tb);
        st = 0;
out:
        huff_decoder_free(x.d);
        huff_model_free(m);
        free(x.cmp);
        free(x.dec);
        free(r);
        return st;
}
