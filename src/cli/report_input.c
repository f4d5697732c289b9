/*
 * report_input.c - huff report's distributions given on the command line:
 * the lists of --p and --q, the model of --model, the smoothing of
 * --smooth, all as exact integer weights
 *
 * Why exact integer weights: the codes are built from the weights, and a
 * Huffman code is decided by comparisons of sums of weights.  0.3 is not a
 * binary fraction, so 0.5,0.3,0.2 as doubles could tie or order sums
 * differently from 5,3,2; scaling every value of a list (and ALPHA with
 * q's) by the same power of 10 keeps the distribution and makes every
 * comparison exact.  The decimals themselves are numbers.c's, the grammar
 * of every subcommand.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huff.h"
#include "fileio.h"
#include "msg.h"
#include "numbers.h"
#include "output.h"
#include "report_run.h"

/* ------------------------------------------------------------------------ */
/* Exact decimals                                                            */

/*
 * parse_list - the comma-separated decimals of option opt (numbers.h)
 * into v[0..*n).  Returns 0, or -1 after a message.
 */
static int parse_list(const char *opt, const char *list, struct cli_decimal *v,
                      unsigned *n)
{
        const char *p = list, *item, *why;
        unsigned k = 0;
        size_t len;

        while (cli_list_next(&p, &item, &len)) {
                if (k == NSYM) {
                        cli_msg(REPORT_CMD, "%s: more than %u values", opt, NSYM);
                        return -1;
                }
                if ((why = cli_parse_decimal(item, len, &v[k])) != NULL)
                        return cli_bad_item(REPORT_CMD, opt, k + 1, item, len, why);
                k++;
        }
        *n = k;
        return 0;
}

/* x * 10^k, or -1 if that reaches 2^56. */
static int scale10(uint64_t x, long k, uint64_t *out)
{
        if (x)
                for (; k > 0; k--) {
                        if (x >= HUFF_WEIGHT_SUM_LIMIT / 10)
                                return -1;
                        x *= 10;
                }
        *out = x;
        return 0;
}

/*
 * to_weights - w[i] = (v[i] + alpha) * 10^d for the smallest d >= 0 that
 * makes every term an integer; alpha may be NULL (none).  Never d < 0:
 * counts 100,300 stay 100,300 (400 symbols), not 1,3.
 * Returns 0, or -1 if a weight or their sum would reach 2^56.
 */
static int to_weights(const struct cli_decimal *v, unsigned n,
                      const struct cli_decimal *alpha, uint64_t *w)
{
        long t = 0;             /* -d */
        uint64_t a = 0, sum = 0;
        unsigned i;

        for (i = 0; i < n; i++)
                if (v[i].m && v[i].e < t)
                        t = v[i].e;
        if (alpha && alpha->m && alpha->e < t)
                t = alpha->e;
        if (alpha && scale10(alpha->m, alpha->e - t, &a) != 0)
                return -1;
        for (i = 0; i < n; i++) {
                if (scale10(v[i].m, v[i].e - t, &w[i]) != 0)
                        return -1;
                if (w[i] >= HUFF_WEIGHT_SUM_LIMIT - a)
                        return -1;
                w[i] += a;
                sum += w[i];
                if (sum >= HUFF_WEIGHT_SUM_LIMIT)
                        return -1;
        }
        return 0;
}

static bool all_zero(const uint64_t *w, unsigned n)
{
        unsigned i;

        for (i = 0; i < n; i++)
                if (w[i])
                        return false;
        return true;
}

/* ------------------------------------------------------------------------ */
/* Setting up: the lists and the model                                       */

/*
 * --model naming a model file (it starts with the model magic, FORMAT.md
 * section 8): q is its smoothed counts, and its code the stored lengths,
 * not one rebuilt from q.  Frees data.  Returns 0, or -1 after a message.
 */
static int load_model_file(struct run *run, unsigned char *data, size_t n)
{
        const char *name = cli_input_name(run->o.model);
        struct huff_model *m;
        enum huff_status s = huff_model_load(&m, data, n);
        char smoothing[64];

        free(data);
        if (s != HUFF_OK) {
                cli_msg(name, "%s", huff_strerror(s));
                return -1;
        }
        if (run->o.smooth) {
                huff_model_free(m);
                cli_msg(REPORT_CMD, "--smooth: %s is a model file, smoothed when it was made "
                        "(huff train --smooth)", name);
                return -1;
        }
        huff_model_weights(m, run->q);
        huff_model_lengths(m, run->model_lens);
        /* The smoothing the file records (FORMAT.md 8), exactly. */
        huff_model_info(m, NULL, &run->model_alpha_num, &run->model_alpha_den,
                        &run->model_max_len);
        run->smooth = (double)run->model_alpha_num / (double)run->model_alpha_den;
        run->q_syms = 256;
        run->model_file = true;
        run->has_model = true;
        if (run->model_alpha_num)
                snprintf(smoothing, sizeof(smoothing), "smoothed by +%" PRIu64 "/%" PRIu64,
                         run->model_alpha_num, run->model_alpha_den);
        else
                snprintf(smoothing, sizeof(smoothing), "not smoothed");
        snprintf(run->model_label, sizeof(run->model_label),
                 "%s, model file %08" PRIx32 ", its stored code (at most %u bits), %s"
                 " when trained", name, huff_model_id(m), run->model_max_len, smoothing);
        huff_model_free(m);
        return 0;
}

/*
 * The model q: a file's byte counts or the --q list, plus ALPHA, as exact
 * integer weights.  Returns 0, or -1 after a message.
 */
static int load_model(struct run *run)
{
        const struct opts *o = &run->o;
        struct cli_decimal v[NSYM], alpha = { 0, 0 };
        const char *why;
        unsigned i;

        if (o->smooth) {
                uint64_t num, den;      /* checked as train and bench do */

                if ((why = cli_parse_smooth(o->smooth, &alpha, &num, &den)) != NULL)
                        return cli_bad_value(REPORT_CMD, "--smooth", o->smooth, why);
                run->smooth = strtod(o->smooth, NULL);
        }
        if (o->model) {
                unsigned char *data;
                uint64_t counts[256];
                size_t n;
                int err = fio_read_all(o->model, &data, &n);

                if (err) {
                        cli_msg(cli_input_name(o->model),
                                "%s", strerror(err));
                        return -1;
                }
                if (n >= 4 && memcmp(data, "\x89HUM", 4) == 0)
                        return load_model_file(run, data, n);
                huff_histogram(data, n, counts);
                free(data);
                for (i = 0; i < 256; i++) {
                        v[i].m = counts[i];
                        v[i].e = 0;
                }
                run->q_syms = 256;
        } else if (parse_list("--q", o->q_list, v, &run->q_syms) != 0) {
                return -1;
        }
        if (to_weights(v, run->q_syms, o->smooth ? &alpha : NULL, run->q) != 0) {
                if (o->smooth)
                        cli_msg(REPORT_CMD, "--smooth %s: q's values plus ALPHA, made whole "
                                "numbers, would sum to 2^56 or more", o->smooth);
                else
                        cli_msg(REPORT_CMD, "--q: made whole numbers, the values would sum to "
                                "2^56 or more");
                return -1;
        }
        if (all_zero(run->q, run->q_syms)) {
                if (o->model)
                        cli_msg(o->model, "empty: a model needs at least one byte");
                else
                        cli_msg(REPORT_CMD, "--q: all values are zero");
                return -1;
        }
        snprintf(run->model_label, sizeof(run->model_label), "%s%s%s%s",
                 o->model ? o->model : "--q ", o->model ? "" : o->q_list,
                 o->smooth ? ", smoothed by +" : "", o->smooth ? o->smooth : "");
        run->has_model = true;
        return 0;
}

/* Check what the options say together, and read the lists and the model. */
int report_setup(struct run *run)
{
        const struct opts *o = &run->o;
        const unsigned data_syms = o->p_list ? 0 : 256;

        if (o->p_list && o->nfiles > 0) {
                cli_msg(REPORT_CMD, "--p gives the distribution: no FILE with it");
                return -1;
        }
        if (o->model && o->q_list) {
                cli_msg(REPORT_CMD, "--model and --q both give q: one of them, please");
                return -1;
        }
        if (o->smooth && !o->model && !o->q_list) {
                cli_msg(REPORT_CMD, "--smooth smooths a model: give --model or --q");
                return -1;
        }
        if (o->p_list) {
                struct cli_decimal v[NSYM];

                if (parse_list("--p", o->p_list, v, &run->p_syms) != 0)
                        return -1;
                if (to_weights(v, run->p_syms, NULL, run->p_list) != 0) {
                        cli_msg(REPORT_CMD, "--p: made whole numbers, the values would sum to "
                                "2^56 or more");
                        return -1;
                }
                if (all_zero(run->p_list, run->p_syms)) {
                        cli_msg(REPORT_CMD, "--p: all values are zero");
                        return -1;
                }
        }
        if ((o->model || o->q_list) && load_model(run) != 0)
                return -1;
        if (run->has_model) {
                unsigned want = o->p_list ? run->p_syms : data_syms;

                if (run->q_syms != want) {
                        if (o->p_list)
                                cli_msg(REPORT_CMD, "--p has %u values but %s has %u",
                                        run->p_syms, o->model ? "--model" : "--q",
                                        run->q_syms);
                        else
                                cli_msg(REPORT_CMD, "--q has %u values; with a file it needs "
                                        "256, one per byte value", run->q_syms);
                        return -1;
                }
        }
        return 0;
}

/* Report one file ("-": stdin).  Returns an exit status. */
