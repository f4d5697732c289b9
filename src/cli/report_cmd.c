/*
 * report_cmd.c - "huff report": how close prefix codes come to the entropy
 * of their source, and what a code built from the wrong model costs
 *
 * This file reads the options, runs setup (report_input.c), measures each
 * input (report_measure.c) and prints it in the format asked for
 * (report_text.c, report_json.c, report_csv.c).
 *
 * Every figure printed comes from the library's measures (huff.h,
 * "Measures: entropy, code lengths, cross-entropy"): huff report computes no
 * entropy or length of its own, so that a figure can never disagree with
 * the one the library's tests check.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "huff.h"
#include "args.h"
#include "exit_codes.h"
#include "fileio.h"
#include "msg.h"
#include "output.h"
#include "report_cmd.h"
#include "report_run.h"

static void usage(void)
{
        printf(
"Usage: huff report [OPTION]... [FILE]...\n"
"   or: huff report --p LIST [--q LIST] [OPTION]...\n"
"Measure how close prefix codes come to the entropy of each FILE's bytes:\n"
"the entropy, the optimal Huffman code (unlimited, and limited to %u bits as\n"
"huff uses it), the Shannon code, what huff's .huf file achieves, the block\n"
"entropy of huff's blocks and the order-1 conditional entropy; the context\n"
"model huff's context blocks would code each block with (order-1 and\n"
"clustered entropies, the clustering's cost, its codes' average length and\n"
"payload); with a model q, the cross-entropy, the KL divergence and what q's\n"
"code costs on the data.\n"
"Each FILE is read whole into memory.  With no FILE, or when FILE is -, read\n"
"standard input; with no FILE, not from a terminal (give - for that).\n"
"\n"
"      --model FILE    q is the byte frequencies of FILE or, if FILE is a model\n"
"                      file (huff train), the model's smoothed counts, and\n"
"                      q's code is the model's own stored code\n"
"      --q LIST        q given inline (256 values with a FILE: one per byte)\n"
"      --smooth ALPHA  add ALPHA (a decimal >= 0, to 12 decimal places, at\n"
"                      most 2^40) to every value of q before building q's\n"
"                      code: a symbol q gives 0 becomes codable\n"
"                      (not with a model file, smoothed when it was trained)\n"
"      --p LIST        report on the distribution LIST instead of a FILE\n"
"  -1 .. -9            the level of huff's figures: its .huf file and blocks\n"
"                      (default -%d, huff's own) and the context model\n"
"                      (default -%d, the hardest search)\n"
"      --symbols       one row per occurring symbol, by count: count, p,\n"
"                      -log p, code length and codeword of the optimal code\n"
"      --unit UNIT     bits (the default) or nats\n"
"      --format FMT    text (the default), json (one object per line) or csv\n"
"      --json, --csv   the same as --format json, --format csv\n"
"  -h, --help          print this help and exit\n"
"\n"
"LIST is comma-separated non-negative decimals (3,3,2,1,1 or 0.5,0.3,0.2 or\n"
".5,2e-3), counts or probabilities alike, normalised by their sum; at most\n"
"%u.  Codes are built from exact integer weights: the values of a list are\n"
"scaled by the smallest power of 10 that makes them all whole (0.5,0.3,0.2 ->\n"
"5,3,2; with --smooth, q and ALPHA together), and must then sum below 2^56.\n"
"Text shows figures to 4 decimals (6 significant digits below 0.01); json\n"
"and csv at full precision, an infinite figure as null in json and inf in\n"
"csv.  With --csv --symbols the rows are the symbols of every input.\n"
"Exit status: 0 success, 1 error.\n",
               HUFF_CODE_LEN_DEFAULT, HUFF_LEVEL_DEFAULT, REPORT_CONTEXT_LEVEL, NSYM);
}

/* ------------------------------------------------------------------------ */
/* Options                                                                   */

enum opt_id {
        OPT_HELP, OPT_SYMBOLS, OPT_MODEL, OPT_Q, OPT_P, OPT_SMOOTH, OPT_UNIT,
        OPT_FORMAT, OPT_JSON, OPT_CSV, OPT_LEVEL,
};

static const struct cli_opt opt_table[] = {
        { 'h', "help",    OPT_HELP,    false },
        {  0,  "symbols", OPT_SYMBOLS, false },
        {  0,  "model",   OPT_MODEL,   true  },
        {  0,  "q",       OPT_Q,       true  },
        {  0,  "p",       OPT_P,       true  },
        {  0,  "smooth",  OPT_SMOOTH,  true  },
        {  0,  "unit",    OPT_UNIT,    true  },
        {  0,  "format",  OPT_FORMAT,  true  },
        {  0,  "json",    OPT_JSON,    false },
        {  0,  "csv",     OPT_CSV,     false },
        /* huff's -1..-9, each a word of its own here ("-19" is unknown) */
        { '1', NULL, OPT_LEVEL, false }, { '2', NULL, OPT_LEVEL, false },
        { '3', NULL, OPT_LEVEL, false }, { '4', NULL, OPT_LEVEL, false },
        { '5', NULL, OPT_LEVEL, false }, { '6', NULL, OPT_LEVEL, false },
        { '7', NULL, OPT_LEVEL, false }, { '8', NULL, OPT_LEVEL, false },
        { '9', NULL, OPT_LEVEL, false },
};

static int apply(void *ctx, int id, const char *v, const char *shown)
{
        struct opts *o = ctx;

        switch ((enum opt_id)id) {
        case OPT_HELP:    o->help = true; break;
        case OPT_LEVEL:   o->level = shown[1] - '0'; break;   /* "-7" */
        case OPT_SYMBOLS: o->symbols = true; break;
        case OPT_MODEL:   o->model = v; break;
        case OPT_Q:       o->q_list = v; break;
        case OPT_P:       o->p_list = v; break;
        case OPT_SMOOTH:  o->smooth = v; break;
        case OPT_JSON:    o->format = OUT_JSON; break;
        case OPT_CSV:     o->format = OUT_CSV; break;
        case OPT_UNIT:
                if (strcmp(v, "bits") == 0) {
                        o->unit = HUFF_UNIT_BITS;
                } else if (strcmp(v, "nats") == 0) {
                        o->unit = HUFF_UNIT_NATS;
                } else {
                        cli_msg(REPORT_CMD, "unknown unit '%s' (bits or nats)", v);
                        return -1;
                }
                break;
        case OPT_FORMAT:
                return out_format_parse(REPORT_CMD, v, &o->format);
        }
        return 0;
}

/*
 * The syntax of the rest of huff (args.c), each short option a word of its
 * own; the operands end up in o->files.  Returns 0, or -1 after a message.
 */
static int parse_args(struct opts *o, int argc, char **argv)
{

        memset(o, 0, sizeof(*o));
        o->format = OUT_TEXT;
        o->unit = HUFF_UNIT_BITS;
        o->nfiles = cli_sub_parse(REPORT_CMD, opt_table, sizeof(opt_table) / sizeof(opt_table[0]),
                                  false, apply, o, argc, argv, &o->files);
        return o->nfiles < 0 ? -1 : 0;
}

static void print_result(struct run *run, const struct result *res)
{
        switch (run->o.format) {
        case OUT_TEXT:
                report_print_text(run, res);
                break;
        case OUT_JSON:
                report_print_json(run, res);
                break;
        case OUT_CSV:
                if (run->o.symbols)
                        report_print_csv_symbols(run, res);
                else
                        report_print_csv(run, res);
                break;
        }
}

/* ------------------------------------------------------------------------ */
/* The inputs                                                                */

static int report_file(struct run *run, const char *path)
{
        struct result *res = calloc(1, sizeof(*res));
        unsigned char *data = NULL;
        size_t n;
        int err, st = EXIT_ERROR;

        if (!res) {
                cli_msg(path, "%s", strerror(ENOMEM));
                return EXIT_ERROR;
        }
        res->name = path;
        res->is_file = true;
        err = fio_read_all(path, &data, &n);
        if (err) {
                cli_msg(cli_input_name(path), "%s", strerror(err));
                goto out;
        }
        if (report_measure(run, res, data, n) == 0) {
                print_result(run, res);
                st = EXIT_OK;
        }
out:
        free(data);
        free(res);
        return st;
}

int report_main(int argc, char **argv)
{
        static char dash[] = "-";
        static char *stdin_only[] = { dash };
        struct run *run = calloc(1, sizeof(*run));
        int status = EXIT_OK, i;

        if (!run) {
                cli_msg(REPORT_CMD, "%s", strerror(ENOMEM));
                return EXIT_ERROR;
        }
        if (parse_args(&run->o, argc, argv) != 0) {
                status = EXIT_ERROR;
                goto out;
        }
        /* No FILE means standard input, and on a terminal that would wait
         * for typing with no prompt: refuse, as huff refuses to read
         * compressed data from one; "-" says the terminal is meant.  Before
         * setup, which may read --model - from it. */
        if (!run->o.help && !run->o.p_list && run->o.nfiles == 0 &&
            isatty(STDIN_FILENO)) {
                cli_msg(REPORT_CMD, "standard input is a terminal; give a FILE, "
                        "or - to read it");
                status = EXIT_ERROR;
                goto out;
        }
        if (run->o.help) {
                usage();
        } else if (report_setup(run) != 0) {
                status = EXIT_ERROR;
        } else if (run->o.p_list) {
                struct result *res = calloc(1, sizeof(*res));

                if (!res) {
                        cli_msg(REPORT_CMD, "%s", strerror(ENOMEM));
                        status = EXIT_ERROR;
                        goto out;
                }
                res->name = "--p";
                res->p = run->p_list;
                res->num_syms = run->p_syms;
                if (report_measure(run, res, NULL, 0) == 0)
                        print_result(run, res);
                else
                        status = EXIT_ERROR;
                free(res);
        } else {
                if (run->o.nfiles == 0) {
                        run->o.files = stdin_only;
                        run->o.nfiles = 1;
                }
                /* One bad file does not stop the others (gzip's habit). */
                for (i = 0; i < run->o.nfiles; i++)
                        if (report_file(run, run->o.files[i]) != EXIT_OK)
                                status = EXIT_ERROR;
        }
        if (cli_flush_stdout() != 0)
                status = EXIT_ERROR;
out:
        free(run);
        return status;
}
