/*
 * report_text.c - huff report's text: aligned tables for a reader
 *
 * Figures to 4 decimals, 6 significant digits below 0.01 (output.c's
 * out_fig()); the machine-readable formats print full precision.
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

static void print_symbols_text(const struct run *run, const struct result *res,
                               const char *unit)
{
        struct sym_row rows[NSYM];
        struct out_table t;
        unsigned i, k = report_sym_rows(run, res, rows), hidden = 0;
        char b[OUT_CELL];

        if (out_table_init(&t, k + 1, run->has_model ? "lrrrrlr" : "lrrrrl") != 0) {
                cli_msg(res->name, "%s", strerror(ENOMEM));
                return;
        }
        out_table_add(&t, res->is_file ? "byte" : "index");
        out_table_add(&t, res->is_file ? "count" : "weight");
        out_table_add(&t, "p");
        out_table_add(&t, "%s p (%s)", run->o.unit == HUFF_UNIT_NATS ? "-ln" : "-log2", unit);
        out_table_add(&t, run->o.unit == HUFF_UNIT_NATS ? "length (bits)" : "length");
        out_table_add(&t, "codeword");
        if (run->has_model)
                out_table_add(&t, "q's length");
        for (i = 0; i < k; i++) {
                out_table_add(&t, "%s", rows[i].label);
                out_table_add(&t, "%" PRIu64, rows[i].count);
                out_table_add(&t, "%s", out_fig(rows[i].p, b));
                out_table_add(&t, "%s", out_fig(rows[i].info, b));
                out_table_add(&t, "%u", rows[i].len);
                out_table_add(&t, "%s", rows[i].codeword_shown ? rows[i].codeword : "(over 32 bits)");
                hidden += !rows[i].codeword_shown;
                if (run->has_model) {
                        if (rows[i].model_len)
                                out_table_add(&t, "%u", rows[i].model_len);
                        else
                                out_table_add(&t, "none");
                }
        }
        putchar('\n');
        out_table_print(&t, stdout);
        if (hidden)
                printf("  note: %u codeword%s longer than %u bits not shown (%s length%s)\n",
                       hidden, hidden == 1 ? "" : "s", REPORT_CODEWORD_MAX_BITS,
                       hidden == 1 ? "its" : "their", hidden == 1 ? " is" : "s are");
}

/*
 * What q's code is: built here with no length limit (a model file's is
 * its stored code, whose limit the model line gives), and, where q's
 * weights tie so that its optimal codes differ on p, their range and the
 * rule that picked this one.
 */
static void print_model_notes(const struct run *run, const struct huff_report *r,
                              const char *per)
{
        char lo[OUT_CELL], hi[OUT_CELL];

        if (!run->model_file)
                printf("  note: q's code is an optimal code for q with no length limit"
                       " (longest\n  codeword %u bits; huff's encoder limits its codes to"
                       " %u bits, huff train's\n  models to %u by default).\n",
                       r->model_max_len, HUFF_CODE_LEN_DEFAULT, HUFF_MODEL_CODE_LEN_DEFAULT);
        if (r->model_covers_data && r->model_avg_min != r->model_avg_max)
                printf("  note: q's weights tie, and the codes optimal for q differ on p:"
                       " they average\n  %s to %s %s; q's code above breaks ties by symbol"
                       " index (of\n  two equal weights, the lower index never gets the"
                       " shorter codeword).\n", out_fig(r->model_avg_min, lo),
                       out_fig(r->model_avg_max, hi), per);
}

/*
 * The context model huff would use at res->context_level: a line of its
 * blocks and codes, then its figures per symbol (the order-0 ones are the
 * tables above) and its sizes.  Returns 0, or -1 if out of memory.
 */
static int print_context_text(const struct result *res, const char *per)
{
        const struct huff_context_report *c = &res->c;
        struct out_table t;
        char b[OUT_CELL];

        putchar('\n');
        printf("  context model (-%d): %" PRIu64 " block%s, ", res->context_level, c->blocks,
               c->blocks == 1 ? "" : "s");
        if (!c->context_blocks) {
                printf("none with a model\n");
                return 0;
        }
        printf("%" PRIu64 " with a model (%" PRIu64 " symbols), ", c->context_blocks,
               c->context_symbols);
        if (c->codes_min == c->codes_max)
                printf("%u codes\n", c->codes_min);
        else
                printf("%u to %u codes\n", c->codes_min, c->codes_max);
        if (out_table_init(&t, 5, "lrl") != 0)
                return -1;
        out_table_add(&t, "order-1 entropy");
        out_table_add(&t, "%s", out_fig(c->order1_entropy, b));
        out_table_add(&t, "%s, H(X[i] | context), per block", per);
        out_table_add(&t, "clustered entropy");
        out_table_add(&t, "%s", out_fig(c->clustered_entropy, b));
        out_table_add(&t, "%s, the codes' own distributions", per);
        out_table_add(&t, "clustering cost");
        out_table_add(&t, "%s", out_fig(c->clustering_cost, b));
        out_table_add(&t, "%s, clustered - order-1 (weighted KL)", per);
        out_table_fig(&t, "context codes, average", c->code_avg, per);
        out_table_add(&t, "context payload");
        out_table_add(&t, "%" PRIu64, c->payload_bytes);
        out_table_add(&t, "bytes, %" PRIu64 " of them description", c->overhead_bytes);
        out_table_print(&t, stdout);
        return 0;
}

void report_print_text(struct run *run, const struct result *res)
{
        const struct huff_report *r = &res->r;
        const bool nats = run->o.unit == HUFF_UNIT_NATS;
        const char *unit = nats ? "nats" : "bits";
        /* Two rows are defined in bits; in nats their labels say the
         * factor their figures were converted by. */
        const char *ln2 = nats ? "ln2*" : "";
        struct out_table t;
        char b[OUT_CELL], per[16];
        unsigned i;

        snprintf(per, sizeof(per), "%s/symbol", unit);
        if (run->reported++)
                putchar('\n');
        if (res->is_file)
                printf("%s\n", res->name);
        else
                printf("--p %s\n", run->o.p_list);
        if (res->empty) {
                printf("  empty: nothing to report (huff writes it in %" PRIu64
                       " bytes)\n", res->e.huf_bytes);
                return;
        }

        if (!res->is_file) {
                /* The exact integer weights the list became. */
                fputs("  weights ", stdout);
                for (i = 0; i < res->num_syms; i++)
                        printf("%s%" PRIu64, i ? "," : " ", res->p[i]);
                putchar('\n');
        }
        if (out_table_init(&t, 5, "lrl") != 0)
                goto nomem;
        out_table_add(&t, "symbols");
        out_table_add(&t, "%" PRIu64, res->symbols);
        out_table_skip(&t);
        out_table_add(&t, "distinct");
        out_table_add(&t, "%u", r->distinct);
        out_table_skip(&t);
        out_table_fig(&t, "entropy H(p)", r->entropy, per);
        out_table_fig(&t, "entropy, total", res->entropy_total, unit);
        if (res->is_file && isnan(res->order1)) {
                out_table_add(&t, "order-1 entropy");
                out_table_add(&t, "undefined");
                out_table_add(&t, "one byte: no pair X[i-1], X[i]");
        } else if (res->is_file) {
                out_table_add(&t, "order-1 entropy");
                out_table_add(&t, "%s", out_fig(res->order1, b));
                out_table_add(&t, "%s, H(X[i] | X[i-1])", per);
        }
        out_table_print(&t, stdout);

        putchar('\n');
        if (out_table_init(&t, 5, "lrrrrr") != 0)
                goto nomem;
        out_table_add(&t, "code (%s)", per);
        out_table_add(&t, "average");
        out_table_add(&t, "redundancy");
        out_table_add(&t, "efficiency");
        out_table_add(&t, "Kraft sum");
        out_table_add(&t, nats ? "longest (bits)" : "longest");
        out_table_add(&t, "huffman, unlimited");
        out_table_add(&t, "%s", out_fig(r->huffman.avg, b));
        out_table_add(&t, "%s", out_fig(r->huffman.redundancy, b));
        out_table_add(&t, "%s", out_fig(r->huffman.efficiency, b));
        out_table_add(&t, "%s", out_fig(r->huffman.kraft_sum, b));
        out_table_add(&t, "%u", r->huffman.max_len);
        out_table_add(&t, "huffman, limit %u", r->limit);
        out_table_add(&t, "%s", out_fig(r->limited.avg, b));
        out_table_add(&t, "%s", out_fig(r->limited.redundancy, b));
        out_table_add(&t, "%s", out_fig(r->limited.efficiency, b));
        out_table_add(&t, "%s", out_fig(r->limited.kraft_sum, b));
        out_table_add(&t, "%u", r->limited.max_len);
        out_table_add(&t, "shannon, %sceil(-log2 p)", ln2);
        out_table_add(&t, "%s", out_fig(r->shannon_avg, b));
        for (i = 0; i < 4; i++)
                out_table_skip(&t);
        if (res->is_file) {
                if (run->o.level)
                        out_table_add(&t, "huff's .huf -%d (%s8*bytes/n)", res->level, ln2);
                else
                        out_table_add(&t, "huff's .huf (%s8*bytes/n)", ln2);
                out_table_add(&t, "%s", out_fig(res->huf_avg, b));
                for (i = 0; i < 4; i++)
                        out_table_skip(&t);
        }
        out_table_print(&t, stdout);

        putchar('\n');
        if (out_table_init(&t, 2, res->is_file ? "lrrrr" : "lrr") != 0)
                goto nomem;
        out_table_add(&t, "bytes");
        out_table_add(&t, "ideal n*H/8");
        out_table_add(&t, "huffman payload");
        if (res->is_file) {
                out_table_add(&t, "huff's .huf");
                out_table_add(&t, "block entropy");
        }
        out_table_skip(&t);
        out_table_add(&t, "%s", out_fig(r->ideal_bytes, b));
        out_table_add(&t, "%s", out_fig((double)r->huffman.payload_bits / 8, b));
        if (res->is_file) {
                out_table_add(&t, "%" PRIu64, res->e.huf_bytes);
                out_table_add(&t, "%s", out_fig(res->e.block_entropy_bytes, b));
        }
        out_table_print(&t, stdout);
        if (r->distinct == 1)
                printf("\n  note: one symbol: H(p) and ceil(-log2 p) are 0, but the huffman"
                       " codes give it a\n  1-bit codeword by convention (a prefix code has"
                       " no empty codeword: Kraft\n  sum 0.5); huff itself writes such data as"
                       " rle blocks, the byte once a block.\n");
        if (res->is_file && print_context_text(res, per) != 0)
                goto nomem;

        if (run->has_model) {
                putchar('\n');
                printf("  model q: %s\n", run->model_label);
                if (out_table_init(&t, 4, "lrl") != 0)
                        goto nomem;
                out_table_fig(&t, "cross-entropy H(p,q)", r->cross_entropy, per);
                out_table_fig(&t, "KL divergence D(p||q)", r->kl_divergence, per);
                out_table_fig(&t, "q's code on p, average", r->model_avg, per);
                out_table_fig(&t, "overhead over huffman", r->model_overhead, per);
                out_table_print(&t, stdout);
                if (!r->model_covers_data)
                        printf("  q gives probability 0 to a symbol that occurs:"
                               " q's code cannot encode the data.%s\n",
                               run->o.smooth || run->model_file ? "" :
                               "\n  (--smooth ALPHA adds ALPHA "
                               "to every value of q.)");
                print_model_notes(run, r, per);
        }
        if (run->o.symbols)
                print_symbols_text(run, res, unit);
        return;
nomem:
        cli_msg(res->name, "%s", strerror(ENOMEM));
}
