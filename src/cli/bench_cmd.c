/*
 * bench_cmd.c - "huff bench": speed and ratio against huff0 and zlib, and
 * what a shared model costs and saves
 *
 * This file reads the options, chooses the sections and runs them, in the
 * order they print: the machine (bench_machine.c), the inputs
 * (bench_inputs.c), then bench_speed.c, bench_model.c and bench_small.c;
 * they fill tables that bench_table.c prints as text, JSON or CSV, and
 * bench_plot.c draws.  Like huff report, it takes every figure from the
 * library (huff.h): it computes no entropy or code length of its own.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "bench.h"
#include "exit_codes.h"
#include "msg.h"
#include "numbers.h"

#define RUNS_DEFAULT 5
#define RUNS_MAX 1000
#define MIN_TIME_MS_DEFAULT 10
#define MIN_TIME_MS_MAX 60000

static const char cmd[] = "bench";

static void usage(void)
{
        printf(
"Usage: huff bench [OPTION]... FILE|DIR...\n"
"Measure huff on FILEs (a DIR: its regular files, one level, by name):\n"
"\n"
"  --speed     compress and decompress speed in memory (MB/s = 10^6 bytes of\n"
"              input per second), best and median of the runs, huff's coder\n"
"              alone (no checksum) and with its checksum, beside zstd's huff0\n"
"              (when built in: make HUFF0_SRC=DIR) and zlib's deflate in\n"
"              Huffman-only mode on the same buffers; sizes, bits per byte,\n"
"              and huff's size over the entropy and the block entropy\n"
"  --matrix    every pair of files: H(p), H(p,q), D(p||q) and what the code of\n"
"              model q (the other file's counts, smoothed) costs on data p over\n"
"              p's own code (L_q - L_p), and the .huf sizes without and with q\n"
"              as a model; how closely L_q - L_p follows D(p||q)\n"
"  --sweep     per file, models q moving away from p: (1-l)p + l*uniform and\n"
"              p^t normalised; D(p||q) and L_q - L_p at each step\n"
"  --small     files cut into pieces, each its own frame, with its own code or\n"
"              a model trained on --train files; where the own code wins\n"
"With none of these, every section that applies: --matrix with two files or\n"
"more, --small with --train.\n"
"\n"
"  -1 .. -9            --speed: the level huff compresses at (default -%d)\n"
"  -r, --runs N        timed runs after a warm-up (default %u)\n"
"      --min-time MS   a timed run repeats a call until MS milliseconds have\n"
"                      passed (default %u); the time of a call is the mean\n"
"      --smooth ALPHA  add ALPHA (a decimal, as huff train reads it) to every\n"
"                      count of a model (default 0.5)\n"
"      --max-len N     longest codeword of the models and of the codes they\n"
"                      are compared with, %u to %u (default %u, as huff\n"
"                      train's)\n"
"      --train FILE    train --small's model on FILE (a DIR: its files); repeat\n"
"                      for more files, whose counts are summed\n"
"      --pieces LIST   --small's piece sizes, comma-separated, K or M for KiB\n"
"                      or MiB, 1 byte to 1024M\n"
"                      (default 256,512,1K,2K,4K,8K,16K,32K,64K)\n"
"      --format FMT    text (the default), json (an object per table row, with\n"
"                      a \"table\" field) or csv (a header per table)\n"
"      --json, --csv   the same as --format json, --format csv\n"
"      --save DIR      also write DIR/bench.txt, DIR/bench.json and a\n"
"                      DIR/TABLE.csv per table, from the same measurements\n"
"      --plot DIR      write SVG plots to DIR with gnuplot (their data and\n"
"                      script too, even without gnuplot)\n"
"  -q, --quiet         no progress lines on standard error\n"
"  -h, --help          print this help and exit\n"
"\n"
"Every compressed output is decompressed and compared with its input; a\n"
"difference is an error.  Speeds move with the CPU and its load: compare\n"
"only figures from one run, on one machine (named at the top).\n"
"Exit status: 0 success, 1 error.\n",
               HUFF_LEVEL_DEFAULT, (unsigned)RUNS_DEFAULT, (unsigned)MIN_TIME_MS_DEFAULT,
               HUFF_CODE_LEN_MIN,
               HUFF_CODE_LEN_MAX,
               HUFF_MODEL_CODE_LEN_DEFAULT);
}

/* ------------------------------------------------------------------------ */
/* Options                                                                   */

enum section { S_SPEED = 1, S_MATRIX = 2, S_SWEEP = 4, S_SMALL = 8 };

struct opts {
        struct bench_opts b;
        unsigned sections;      /* asked for; 0: all that apply */
        enum out_format format;
        const char *plot_dir;
        const char *save_dir;
        bool help;
        char **files;
        const char **train;
        int nfiles, ntrain;
};

enum opt_id {
        OPT_HELP, OPT_RUNS, OPT_MIN_TIME, OPT_SMOOTH, OPT_TRAIN, OPT_PIECES,
        OPT_SPEED, OPT_MATRIX, OPT_SWEEP, OPT_SMALL, OPT_FORMAT, OPT_JSON,
        OPT_CSV, OPT_SAVE, OPT_PLOT, OPT_QUIET, OPT_MAX_LEN, OPT_LEVEL,
};

static const struct cli_opt opt_table[] = {
        { 'h', "help",     OPT_HELP,     false },
        { 'r', "runs",     OPT_RUNS,     true  },
        {  0,  "min-time", OPT_MIN_TIME, true  },
        {  0,  "smooth",   OPT_SMOOTH,   true  },
        {  0,  "max-len",  OPT_MAX_LEN,  true  },
        {  0,  "train",    OPT_TRAIN,    true  },
        {  0,  "pieces",   OPT_PIECES,   true  },
        {  0,  "speed",    OPT_SPEED,    false },
        {  0,  "matrix",   OPT_MATRIX,   false },
        {  0,  "sweep",    OPT_SWEEP,    false },
        {  0,  "small",    OPT_SMALL,    false },
        {  0,  "format",   OPT_FORMAT,   true  },
        {  0,  "json",     OPT_JSON,     false },
        {  0,  "csv",      OPT_CSV,      false },
        {  0,  "save",     OPT_SAVE,     true  },
        {  0,  "plot",     OPT_PLOT,     true  },
        { 'q', "quiet",    OPT_QUIET,    false },
        /* huff's -1..-9, each a word of its own here ("-19" is unknown) */
        { '1', NULL, OPT_LEVEL, false }, { '2', NULL, OPT_LEVEL, false },
        { '3', NULL, OPT_LEVEL, false }, { '4', NULL, OPT_LEVEL, false },
        { '5', NULL, OPT_LEVEL, false }, { '6', NULL, OPT_LEVEL, false },
        { '7', NULL, OPT_LEVEL, false }, { '8', NULL, OPT_LEVEL, false },
        { '9', NULL, OPT_LEVEL, false },
};

static int cmp_size(const void *a, const void *b)
{
        size_t x = *(const size_t *)a, y = *(const size_t *)b;

        return (x > y) - (x < y);
}

/* The largest piece: far beyond what a small file is. */
#define PIECE_BYTES_MAX (1ul << 30)

/* "256,1K,4k": sizes in bytes (numbers.h), sorted, 1 byte to 1 GiB.
 * Returns 0, or -1 after a message. */
static int parse_pieces(struct bench_opts *b, const char *list)
{
        const char *p = list, *item;
        unsigned n = cli_list_count(list), k = 0;
        size_t len;

        free(b->pieces);
        b->pieces = malloc(n * sizeof(*b->pieces));
        if (!b->pieces) {
                bench_msg(NULL, "%s", strerror(ENOMEM));
                return -1;
        }
        while (cli_list_next(&p, &item, &len)) {
                unsigned long v;

                if (cli_parse_size_span(item, len, &v) != 0 || v == 0 ||
                    v > PIECE_BYTES_MAX)
                        return cli_bad_item(cmd, "--pieces", k + 1, item, len,
                                            "a size from 1 to 1024M bytes, "
                                            "K or M for KiB or MiB");
                b->pieces[k++] = (size_t)v;
        }
        qsort(b->pieces, n, sizeof(*b->pieces), cmp_size);
        b->npieces = n;
        return 0;
}

static int apply(void *ctx, int id, const char *v, const char *shown)
{
        struct opts *o = ctx;
        const char *why;
        unsigned long u;

        switch ((enum opt_id)id) {
        case OPT_HELP:   o->help = true; break;
        case OPT_LEVEL:  o->b.level = shown[1] - '0'; break;  /* "-7" */
        case OPT_SPEED:  o->sections |= S_SPEED; break;
        case OPT_MATRIX: o->sections |= S_MATRIX; break;
        case OPT_SWEEP:  o->sections |= S_SWEEP; break;
        case OPT_SMALL:  o->sections |= S_SMALL; break;
        case OPT_JSON:   o->format = OUT_JSON; break;
        case OPT_CSV:    o->format = OUT_CSV; break;
        case OPT_SAVE:   o->save_dir = v; break;
        case OPT_PLOT:   o->plot_dir = v; break;
        case OPT_QUIET:  o->b.quiet = true; break;
        case OPT_TRAIN:  o->train[o->ntrain++] = v; break;
        case OPT_RUNS:
                if (cli_parse_uint(v, 1, RUNS_MAX, &u) != 0)
                        return cli_bad_uint(cmd, "--runs", v, 1, RUNS_MAX);
                o->b.runs = (unsigned)u;
                break;
        case OPT_MIN_TIME:
                if (cli_parse_uint(v, 0, MIN_TIME_MS_MAX, &u) != 0)
                        return cli_bad_uint(cmd, "--min-time", v, 0, MIN_TIME_MS_MAX);
                o->b.min_time_ms = (double)u;
                break;
        case OPT_MAX_LEN:
                if (cli_parse_uint(v, HUFF_CODE_LEN_MIN, HUFF_CODE_LEN_MAX, &u) != 0)
                        return cli_bad_uint(cmd, "--max-len", v, HUFF_CODE_LEN_MIN,
                                            HUFF_CODE_LEN_MAX);
                o->b.max_len = (unsigned)u;
                break;
        case OPT_SMOOTH:
                why = cli_parse_smooth(v, NULL, &o->b.alpha_num, &o->b.alpha_den);
                if (why)
                        return cli_bad_value(cmd, "--smooth", v, why);
                o->b.smooth = v;
                break;
        case OPT_PIECES:
                return parse_pieces(&o->b, v);
        case OPT_FORMAT:
                return out_format_parse(cmd, v, &o->format);
        }
        return 0;
}

/* The syntax of the rest of huff (args.c), each short option a word of its
 * own ("-q", "-r5", "-r 5"), as in huff report. */
static int parse_args(struct opts *o, int argc, char **argv)
{
        static size_t default_pieces[] = {
                256, 512, 1 << 10, 2 << 10, 4 << 10, 8 << 10, 16 << 10, 32 << 10, 64 << 10,
        };

        memset(o, 0, sizeof(*o));
        o->b.runs = RUNS_DEFAULT;
        o->b.min_time_ms = MIN_TIME_MS_DEFAULT;
        o->b.alpha_num = CLI_SMOOTH_DEFAULT_NUM;
        o->b.alpha_den = CLI_SMOOTH_DEFAULT_DEN;
        o->b.smooth = CLI_SMOOTH_DEFAULT;
        o->b.max_len = HUFF_MODEL_CODE_LEN_DEFAULT;
        o->b.level = HUFF_LEVEL_DEFAULT;
        o->b.quiet = !isatty(STDERR_FILENO);
        o->format = OUT_TEXT;
        o->train = malloc((size_t)(argc > 0 ? argc : 1) * sizeof(*o->train));
        o->b.pieces = malloc(sizeof(default_pieces));
        if (!o->train || !o->b.pieces) {
                bench_msg(NULL, "%s", strerror(ENOMEM));
                return -1;
        }
        memcpy(o->b.pieces, default_pieces, sizeof(default_pieces));
        o->b.npieces = sizeof(default_pieces) / sizeof(default_pieces[0]);
        o->nfiles = cli_sub_parse(cmd, opt_table, sizeof(opt_table) / sizeof(opt_table[0]),
                                  false, apply, o, argc, argv, &o->files);
        return o->nfiles < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------------ */

static int open_save(struct bench_sink *s, const char *dir)
{
        size_t len = strlen(dir) + 16;
        char *path = malloc(len);

        if (!path) {
                bench_msg(NULL, "%s", strerror(ENOMEM));
                return -1;
        }
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
                bench_msg(dir, "%s", strerror(errno));
                free(path);
                return -1;
        }
        snprintf(path, len, "%s/bench.txt", dir);
        s->text = fopen(path, "w");
        if (s->text) {
                snprintf(path, len, "%s/bench.json", dir);
                s->json = fopen(path, "w");
        }
        if (!s->text || !s->json) {
                bench_msg(path, "%s", strerror(errno));
                free(path);
                return -1;
        }
        free(path);
        s->save_dir = dir;
        return 0;
}

static int close_save(struct bench_sink *s)
{
        int st = s->failed ? -1 : 0;

        if (s->text && fclose(s->text) != 0)
                st = -1;
        if (s->json && fclose(s->json) != 0)
                st = -1;
        s->text = s->json = NULL;
        if (st != 0)
                bench_msg(s->save_dir, "write error in the saved results");
        return st;
}

static void free_results(struct bench_results *r)
{
        bench_table_free(r->speed);
        bench_table_free(r->size);
        bench_table_free(r->matrix);
        bench_table_free(r->matrix_summary);
        bench_table_free(r->matrix_apart);
        bench_table_free(r->sweep);
        bench_table_free(r->sweep_mean);
        bench_table_free(r->small);
        bench_table_free(r->small_breakeven);
}

/* Which sections run: those asked for, or every one that applies.
 * Returns the set, or 0 after a message. */
static unsigned choose(const struct opts *o, const struct bench_files *fs)
{
        unsigned nonempty = 0, i, want = o->sections;

        for (i = 0; i < fs->n; i++)
                nonempty += fs->f[i].n > 0;
        if (want == 0) {
                want = S_SPEED | S_SWEEP;
                if (nonempty >= 2)
                        want |= S_MATRIX;
                if (o->ntrain > 0)
                        want |= S_SMALL;
                return want;
        }
        if ((want & S_MATRIX) && nonempty < 2) {
                bench_msg(NULL, "--matrix needs two non-empty files or more");
                return 0;
        }
        if ((want & S_SMALL) && o->ntrain == 0) {
                bench_msg(NULL, "--small needs a model's training files: --train FILE");
                return 0;
        }
        return want;
}

int bench_main(int argc, char **argv)
{
        struct opts o;
        struct bench_files files, train;
        struct bench_results res;
        struct bench_sink sink;
        struct bench_table *mach = NULL;
        unsigned want;
        int status = EXIT_ERROR, i;

        memset(&files, 0, sizeof(files));
        memset(&train, 0, sizeof(train));
        memset(&res, 0, sizeof(res));
        memset(&sink, 0, sizeof(sink));
        if (parse_args(&o, argc, argv) != 0)
                goto out;
        if (o.help) {
                usage();
                status = EXIT_OK;
                goto out;
        }
        if (o.nfiles == 0) {
                bench_msg(NULL, "no FILE or DIR to measure (huff bench -h for help)");
                goto out;
        }
        for (i = 0; i < o.nfiles; i++)
                if (bench_add_operand(&files, o.files[i]) != 0)
                        goto out;
        for (i = 0; i < o.ntrain; i++)
                if (bench_add_operand(&train, o.train[i]) != 0)
                        goto out;
        if (files.n == 0) {
                bench_msg(NULL, "no regular file in the operands");
                goto out;
        }
        if ((want = choose(&o, &files)) == 0)
                goto out;
        sink.format = o.format;
        if (o.save_dir && open_save(&sink, o.save_dir) != 0)
                goto out;

        mach = bench_machine(&o.b, &files);
        if (!mach) {
                bench_msg(NULL, "%s", strerror(ENOMEM));
                goto out;
        }
        bench_emit_header(&sink, mach);
        if ((want & S_SPEED) && bench_speed(&o.b, &files, &sink, &res) != 0)
                goto out;
        if ((want & S_MATRIX) && bench_matrix(&o.b, &files, &sink, &res) != 0)
                goto out;
        if ((want & S_SWEEP) && bench_sweep(&o.b, &files, &sink, &res) != 0)
                goto out;
        if ((want & S_SMALL) && bench_small(&o.b, &files, &train, &sink, &res) != 0)
                goto out;
        status = EXIT_OK;
        if (sink.save_dir && close_save(&sink) != 0)
                status = EXIT_ERROR;
        sink.save_dir = NULL;
        if (o.plot_dir && bench_plot(o.plot_dir, &res) < 0)
                status = EXIT_ERROR;
out:
        if (sink.save_dir)
                close_save(&sink);
        if (cli_flush_stdout() != 0)
                status = EXIT_ERROR;
        bench_table_free(mach);
        free_results(&res);
        bench_files_free(&files);
        bench_files_free(&train);
        free((void *)o.train);
        free(o.b.pieces);
        return status;
}
