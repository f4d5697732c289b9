/*
 * report_measure.c - the figures of one input of huff report, its symbol
 * rows, and the named fields that JSON and CSV print
 *
 * Every figure comes from the library's measures (huff.h, "Measures:
 * entropy, code lengths, cross-entropy"), which the benchmark and the
 * tests share: nothing here computes an entropy or a length of its own, so
 * that a figure can never disagree with the one the library's tests check.
 * The formats only arrange what this file measured.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huff.h"
#include "msg.h"
#include "output.h"
#include "report_run.h"

int report_measure(const struct run *run, struct result *res,
                   const unsigned char *data, size_t n)
{
        const enum huff_unit u = run->o.unit;
        enum huff_status s;

        if (res->is_file) {
                struct huff_params par;

                huff_histogram(data, n, res->counts);
                res->p = res->counts;
                res->num_syms = 256;
                res->symbols = n;
                res->empty = n == 0;
                huff_params_init(&par);
                if (run->o.level)
                        par.level = run->o.level;
                res->level = par.level;
                s = huff_report_encoding(data, n, &par, &res->e);
                if (s == HUFF_OK) {
                        par.level = run->o.level ? run->o.level : REPORT_CONTEXT_LEVEL;
                        res->context_level = par.level;
                        s = huff_report_context(data, n, &par, u, &res->c);
                }
                if (s != HUFF_OK) {
                        cli_msg(res->name, "%s", huff_strerror(s));
                        return -1;
                }
                if (res->empty)
                        return 0;
                s = huff_order1_entropy(data, n, u, &res->order1);
                if (s != HUFF_OK) {
                        cli_msg(res->name, "%s", huff_strerror(s));
                        return -1;
                }
        }
        s = huff_report_distribution(res->p, run->has_model ? run->q : NULL,
                                     res->num_syms, HUFF_CODE_LEN_DEFAULT, u, &res->r);
        if (s == HUFF_OK && run->model_file)
                s = huff_report_model_code(&res->r, res->p, run->model_lens,
                                           res->num_syms);
        if (s != HUFF_OK) {
                cli_msg(res->name, "%s", huff_strerror(s));
                return -1;
        }
        res->symbols = res->r.symbols;
        res->entropy_total = huff_bits_in_unit(8.0 * res->r.ideal_bytes, u);
        if (res->is_file)
                res->huf_avg = huff_bits_in_unit(8.0 * (double)res->e.huf_bytes /
                                                 (double)n, u);
        /* Codewords longer than 32 bits (weights like Fibonacci numbers)
         * cannot be shown; their rows say so, and every other row shows
         * its codeword. */
        s = huff_canonical_codes(res->r.huffman.lens, res->num_syms, res->codes);
        if (s != HUFF_OK) {
                /* The library's own optimal code is never oversubscribed. */
                cli_msg(res->name, "%s", huff_strerror(s));
                return -1;
        }
        return 0;
}

/* ------------------------------------------------------------------------ */
/* Symbol rows                                                               */

static int by_count(const void *a, const void *b)
{
        const struct sym_row *x = a, *y = b;

        if (x->count != y->count)
                return x->count > y->count ? -1 : 1;
        return x->sym < y->sym ? -1 : x->sym > y->sym;
}

/*
 * sym_rows - the occurring symbols, most frequent first (ties by symbol).
 * -log p_i is the library's cross-entropy of the point mass on i against
 * p: H(delta_i, p) = -log(p_i), so no logarithm is taken here.
 */
unsigned report_sym_rows(const struct run *run, const struct result *res,
                         struct sym_row *rows)
{
        uint64_t delta[NSYM] = { 0 };
        unsigned i, k = 0, b;

        for (i = 0; i < res->num_syms; i++) {
                struct sym_row *row;

                if (!res->p[i])
                        continue;
                row = &rows[k++];
                row->sym = i;
                row->count = res->p[i];
                if (!res->is_file)
                        snprintf(row->label, sizeof(row->label), "%u", i);
                else if (i > 0x20 && i < 0x7f)
                        snprintf(row->label, sizeof(row->label), "%c", (char)i);
                else
                        snprintf(row->label, sizeof(row->label), "0x%02x", i);
                row->p = (double)res->p[i] / (double)res->symbols;
                delta[i] = 1;
                row->info = huff_cross_entropy(delta, res->p, res->num_syms, run->o.unit);
                delta[i] = 0;
                row->len = res->r.huffman.lens[i];
                row->codeword[0] = '\0';
                row->codeword_shown = row->len <= REPORT_CODEWORD_MAX_BITS;
                if (row->codeword_shown) {
                        for (b = 0; b < row->len; b++)
                                row->codeword[b] = (char)('0' +
                                        ((res->codes[i] >> (row->len - 1 - b)) & 1));
                        row->codeword[row->len] = '\0';
                }
                row->model_len = run->has_model ? res->r.model_lens[i] : 0;
        }
        qsort(rows, k, sizeof(*rows), by_count);
        return k;
}

/* ------------------------------------------------------------------------ */
/* JSON and CSV: one list of named fields                                    */

/*
 * The order of the stable fields (man page, "HUFF REPORT"), then the
 * extras, then the model's fields (present whenever a model is given, so
 * every csv row has the same columns).  An empty input has symbols 0, distinct 0, the encoder's
 * figures, and null everywhere else.
 */
void report_collect(const struct run *run, const struct result *res,
                    struct out_fields *fs)
{
        const struct huff_report *r = &res->r;
        const bool d = !res->empty;             /* the distribution's figures */
        const bool f = res->is_file;
        const bool fd = f && d;
        const bool cm = f && res->c.context_blocks > 0;  /* a context model */

        fs->n = 0;
        out_add_str(fs, "name", res->name);
        out_add_uint(fs, "symbols", true, res->symbols);
        out_add_uint(fs, "distinct", true, d ? r->distinct : 0);
        out_add_num(fs, "entropy", d, r->entropy);
        out_add_num(fs, "huffman_avg", d, r->huffman.avg);
        out_add_num(fs, "limited_avg", d, r->limited.avg);
        out_add_num(fs, "shannon_avg", d, r->shannon_avg);
        out_add_num(fs, "huf_avg", fd, res->huf_avg);
        out_add_num(fs, "redundancy", d, r->huffman.redundancy);
        out_add_num(fs, "efficiency", d, r->huffman.efficiency);
        out_add_num(fs, "kraft_sum", d, r->huffman.kraft_sum);
        out_add_uint(fs, "max_len", d, r->huffman.max_len);
        out_add_num(fs, "ideal_bytes", d, r->ideal_bytes);
        out_add_num(fs, "huffman_payload_bytes", d, (double)r->huffman.payload_bits / 8);
        out_add_uint(fs, "huf_bytes", f, res->e.huf_bytes);
        out_add_num(fs, "block_entropy_bytes", f, res->e.block_entropy_bytes);
        /* undefined (NaN) for one byte: no pair of neighbours */
        out_add_num(fs, "order1_entropy", fd && !isnan(res->order1), res->order1);
        /* extras */
        out_add_str(fs, "unit", run->o.unit == HUFF_UNIT_NATS ? "nats" : "bits");
        out_add_num(fs, "entropy_total", d, res->entropy_total);
        out_add_uint(fs, "huffman_payload_bits", d, r->huffman.payload_bits);
        out_add_uint(fs, "limit", true, HUFF_CODE_LEN_DEFAULT);
        out_add_num(fs, "limited_redundancy", d, r->limited.redundancy);
        out_add_num(fs, "limited_efficiency", d, r->limited.efficiency);
        out_add_num(fs, "limited_kraft_sum", d, r->limited.kraft_sum);
        out_add_uint(fs, "limited_max_len", d, r->limited.max_len);
        out_add_uint(fs, "limited_payload_bits", d, r->limited.payload_bits);
        /* One symbol: the codes' 1 bit is a convention (report_text.c) */
        out_add_bool(fs, "one_symbol", d, r->distinct == 1);
        out_add_uint(fs, "blocks", f, res->e.blocks);
        out_add_uint(fs, "level", f, (uint64_t)res->level);
        /* The context model, at its own level (huff_report_context()) */
        out_add_uint(fs, "context_level", f, (uint64_t)res->context_level);
        out_add_uint(fs, "context_level_blocks", f, res->c.blocks);
        out_add_uint(fs, "context_blocks", f, res->c.context_blocks);
        out_add_uint(fs, "context_symbols", f, res->c.context_symbols);
        out_add_uint(fs, "context_codes_min", cm, res->c.codes_min);
        out_add_uint(fs, "context_codes_max", cm, res->c.codes_max);
        out_add_num(fs, "context_order1_entropy", cm, res->c.order1_entropy);
        out_add_num(fs, "context_clustered_entropy", cm, res->c.clustered_entropy);
        out_add_num(fs, "context_clustering_cost", cm, res->c.clustering_cost);
        out_add_num(fs, "context_avg", cm, res->c.code_avg);
        out_add_uint(fs, "context_code_bits", cm, res->c.code_bits);
        out_add_uint(fs, "context_overhead_bytes", cm, res->c.overhead_bytes);
        out_add_uint(fs, "context_payload_bytes", cm, res->c.payload_bytes);
        if (run->has_model) {
                out_add_str(fs, "model", run->o.model ? run->o.model : "--q");
                out_add_num(fs, "smooth", run->o.smooth != NULL || run->model_file,
                            run->smooth);
                out_add_num(fs, "cross_entropy", d, r->cross_entropy);
                out_add_num(fs, "kl_divergence", d, r->kl_divergence);
                out_add_num(fs, "model_avg", d, r->model_avg);
                out_add_num(fs, "model_overhead", d, r->model_overhead);
                out_add_bool(fs, "model_covers_data", d, r->model_covers_data);
                /* q's code: its longest codeword, its limit (a model
                 * file's; null: none), and the range of the average on p
                 * over the codes optimal for q (their ties) */
                out_add_uint(fs, "model_max_len", d, r->model_max_len);
                out_add_uint(fs, "model_code_limit", run->model_file, run->model_max_len);
                out_add_num(fs, "model_avg_min", d, r->model_avg_min);
                out_add_num(fs, "model_avg_max", d, r->model_avg_max);
        }
}
