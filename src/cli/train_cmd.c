/*
 * train_cmd.c - "huff train": a model (a shared code) from sample files
 *
 * A model pays when many small files of one kind are compressed: each
 * would otherwise carry its own code-length table, tens of bytes that a
 * 1 KiB file cannot afford.  Training is only counting: the samples are
 * streamed in chunks through huff_histogram() and the counts added, so a
 * sample set of any size needs 256 KiB of memory.  The library builds the
 * code and serialises the model (huff.h, "Models"; FORMAT.md section 8);
 * this file reads, checks options and writes the file the way compressed
 * output is written (fileio.c: a temporary file renamed into place), so an
 * error or a signal never leaves a partial model behind.
 *
 * Smoothing: every byte value gets ALPHA added to its count, so that bytes
 * the samples lack still get a codeword.  The default, 1/2, is the
 * Krichevsky-Trofimov (Jeffreys prior) estimator, the usual choice for a
 * code that must serve data it has not seen; 0 keeps the raw counts, and a
 * block holding a byte the model cannot code then uses its own code.
 * ALPHA is kept exactly, as digits over a power of 10 (then reduced: 0.5 is
 * 1/2), because the code is built from integer weights count * den + num
 * and doubles would make that depend on rounding.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huff.h"
#include "args.h"
#include "exit_codes.h"
#include "file_run.h"
#include "fileio.h"
#include "msg.h"
#include "numbers.h"
#include "output.h"
#include "train_cmd.h"

static const char cmd[] = "train";

static void usage(void)
{
        printf(
"Usage: huff train -o MODEL [OPTION]... FILE...\n"
"Make a model from sample FILEs: their byte counts, summed and smoothed, and\n"
"the canonical code built from them.  huff -M MODEL then codes each block\n"
"with the model's code wherever that beats the block's own code and table,\n"
"which pays for many small files of the kind the samples are.  The model\n"
"file keeps the counts, the smoothing and the code lengths; its identifier\n"
"(8 hex digits, recorded in every frame made with it) depends on the code\n"
"lengths alone.  FILE - is standard input.\n"
"\n"
"  -o, --output=MODEL  write the model to MODEL (- for standard output)\n"
"      --smooth=ALPHA  add ALPHA, a decimal >= 0, to the count of every byte\n"
"                      value, so that bytes the samples lack stay codable\n"
"                      (default 0.5: the Krichevsky-Trofimov, or Jeffreys,\n"
"                      estimator); 0: none, and a block with a byte the\n"
"                      samples lack then carries its own code\n"
"      --max-len=L     longest codeword, %u to %u bits (default %u); with\n"
"                      smoothing, 15 codes better than the compressor's 11:\n"
"                      every codable byte value takes at least 2^-L of the\n"
"                      code space\n"
"  -f, --force         overwrite MODEL; write it to a terminal\n"
"  -v, --verbose       print the model's identifier, size and entropy figures\n"
"  -h, --help          print this help and exit\n"
"\n"
"ALPHA (0.5, .25, 1e-3: to 12 decimal places, at most 2^40) is kept exactly,\n"
"as its digits over a power of 10, reduced (0.5 is 1/2, 0.3 is 3/10); the\n"
"smoothed counts count * den + num must sum below 2^56.\n"
"Exit status: 0 success, 1 error (and then no model is written).\n",
               HUFF_CODE_LEN_MIN, HUFF_CODE_LEN_MAX, HUFF_MODEL_CODE_LEN_DEFAULT);
}

/* ------------------------------------------------------------------------ */
/* Options                                                                   */

struct train {
        const char *output;     /* -o; "-": stdout */
        const char *smooth;     /* --smooth as given; NULL: the default */
        uint64_t alpha_num, alpha_den;
        unsigned max_len;
        bool force, help;
        int verbosity;
        char **files;
        int nfiles;

        bool to_stdout;
        bool dest_exists;       /* dest_st is valid */
        struct stat dest_st;
        uint64_t counts[256];
        uint64_t bytes;         /* Σ counts */
};

enum opt_id { OPT_OUTPUT, OPT_SMOOTH, OPT_MAX_LEN, OPT_FORCE, OPT_VERBOSE, OPT_HELP };

static const struct cli_opt opt_table[] = {
        { 'o', "output",  OPT_OUTPUT,  true  },
        {  0,  "smooth",  OPT_SMOOTH,  true  },
        {  0,  "max-len", OPT_MAX_LEN, true  },
        { 'f', "force",   OPT_FORCE,   false },
        { 'v', "verbose", OPT_VERBOSE, false },
        { 'h', "help",    OPT_HELP,    false },
};

static int apply(void *ctx, int id, const char *v, const char *shown)
{
        struct train *t = ctx;
        const char *why;
        unsigned long u;

        switch ((enum opt_id)id) {
        case OPT_FORCE:   t->force = true; break;
        case OPT_VERBOSE: t->verbosity++; break;
        case OPT_HELP:    t->help = true; break;
        case OPT_OUTPUT:
                if (v[0] == '\0') {
                        cli_msg(cmd, "option '%s' needs a file name", shown);
                        return -1;
                }
                t->output = v;
                break;
        case OPT_SMOOTH:
                why = cli_parse_smooth(v, NULL, &t->alpha_num, &t->alpha_den);
                if (why)
                        return cli_bad_value(cmd, "--smooth", v, why);
                t->smooth = v;
                break;
        case OPT_MAX_LEN:
                if (cli_parse_uint(v, HUFF_CODE_LEN_MIN, HUFF_CODE_LEN_MAX, &u) != 0)
                        return cli_bad_uint(cmd, "--max-len", v, HUFF_CODE_LEN_MIN,
                                            HUFF_CODE_LEN_MAX);
                t->max_len = (unsigned)u;
                break;
        }
        return 0;
}

/*
 * The syntax of the rest of huff (args.c): short options combine ("-fv"),
 * a value is the rest of the word or the next word ("-oM", "-o M",
 * "--smooth=1", "--smooth 1"), options and operands mix until "--", and
 * "-" alone is an operand.  The operands end up in t->files.
 * Returns 0, or -1 after a message.
 */
static int parse_args(struct train *t, int argc, char **argv)
{

        t->nfiles = cli_sub_parse(cmd, opt_table, sizeof(opt_table) / sizeof(opt_table[0]),
                                  true, apply, t, argc, argv, &t->files);
        return t->nfiles < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------------ */
/* Counting                                                                  */

/* Add the byte counts of one sample.  Returns 0, or -1 after a message. */
static int count_file(struct train *t, const char *path, unsigned char *buf)
{
        uint64_t chunk[256];
        struct input in;
        int ret = -1;
        unsigned i;

        /* Links and FIFOs are read, as huff -f reads them: a sample named
         * is a sample wanted. */
        if (file_open_input(path, true, &in) != EXIT_OK)
                return -1;
        if (S_ISDIR(in.st.st_mode)) {
                cli_msg(in.name, "is a directory");
                goto out;
        }
        if (t->dest_exists && file_same(&in.st, &t->dest_st)) {
                cli_msg(in.name, "is also the output file");
                goto out;
        }
        for (;;) {
                ssize_t n = fio_read(in.fd, buf, FIO_CHUNK_BYTES);

                if (n < 0) {
                        cli_msg(in.name, "read error: %s", strerror(errno));
                        goto out;
                }
                if (n == 0)
                        break;
                huff_histogram(buf, (size_t)n, chunk);
                for (i = 0; i < 256; i++)
                        t->counts[i] += chunk[i];
                t->bytes += (uint64_t)n;
        }
        ret = 0;
out:
        file_close_input(&in);
        return ret;
}

/* ------------------------------------------------------------------------ */
/* The model                                                                 */

static unsigned distinct_bytes(const uint64_t counts[256])
{
        unsigned i, k = 0;

        for (i = 0; i < 256; i++)
                k += counts[i] != 0;
        return k;
}

/* Returns 0 with *m made, or -1 after a message. */
static int make_model(const struct train *t, struct huff_model **m)
{
        enum huff_status s;

        /* Smoothing alone would make a code of uniform lengths, one that
         * knows nothing: no samples is a mistake to name, not a model. */
        if (t->bytes == 0) {
                cli_msg(cmd, "no data to train on: %s",
                        t->nfiles == 1 ? "the sample is empty"
                                       : "every sample is empty");
                return -1;
        }
        /* Σ (count * den + num) = bytes * den + 256 * num (num < 2^40). */
        if (t->bytes > (HUFF_WEIGHT_SUM_LIMIT - 1 - 256 * t->alpha_num) / t->alpha_den) {
                cli_msg(cmd, "the samples (%" PRIu64 " bytes) are too large for exact "
                        "weights with --smooth %s: count * %" PRIu64 " + %" PRIu64
                        " must sum below 2^56", t->bytes, t->smooth ? t->smooth : CLI_SMOOTH_DEFAULT,
                        t->alpha_den, t->alpha_num);
                return -1;
        }
        if (t->alpha_num == 0 && distinct_bytes(t->counts) < 2) {
                cli_msg(cmd, "the samples hold a single byte value: a code needs "
                        "two (or --smooth above 0)");
                return -1;
        }
        s = huff_model_create(m, t->counts, t->alpha_num, t->alpha_den, t->max_len);
        if (s != HUFF_OK) {
                cli_msg(cmd, "%s", huff_strerror(s));
                return -1;
        }
        return 0;
}

/*
 * -v: what the model is, and how its code does on the samples it was made
 * from; every figure from the library's measures (huff_report_*), as in
 * huff report --model.
 */
static void print_figures(const struct train *t, const struct huff_model *m,
                          size_t size, const char *dest)
{
        uint64_t q[256];
        uint8_t lens[256];
        struct huff_report r;
        struct out_table tab;
        char label[OUT_CELL];
        unsigned i, longest = 0, codable = 0;

        huff_model_weights(m, q);
        huff_model_lengths(m, lens);
        for (i = 0; i < 256; i++) {
                if (lens[i] > longest)
                        longest = lens[i];
                codable += lens[i] != 0;
        }
        fprintf(stderr, "%s: model %08" PRIx32 ", %zu bytes, from %d file%s "
                "(%" PRIu64 " bytes)\n", dest, huff_model_id(m), size, t->nfiles,
                t->nfiles == 1 ? "" : "s", t->bytes);
        if (out_table_init(&tab, 9, "lrl") != 0)
                return;
        out_table_add(&tab, "smoothing");
        out_table_add(&tab, "+%" PRIu64 "/%" PRIu64, t->alpha_num, t->alpha_den);
        out_table_add(&tab, "per byte value (--smooth %s)", t->smooth ? t->smooth : CLI_SMOOTH_DEFAULT);
        out_table_add(&tab, "longest codeword");
        out_table_add(&tab, "%u", longest);
        out_table_add(&tab, "bits (--max-len %u)", t->max_len);
        out_table_add(&tab, "byte values with a codeword");
        out_table_add(&tab, "%u", codable);
        out_table_add(&tab, "of 256");
        if (t->bytes > 0 &&
            huff_report_distribution(t->counts, q, 256, t->max_len, HUFF_UNIT_BITS,
                                     &r) == HUFF_OK &&
            huff_report_model_code(&r, t->counts, lens, 256) == HUFF_OK) {
                out_table_fig(&tab, "entropy H(p) of the samples", r.entropy, "bits/byte");
                out_table_fig(&tab, "cross-entropy H(p,q), q the model", r.cross_entropy, "bits/byte");
                out_table_fig(&tab, "KL divergence D(p||q)", r.kl_divergence, "bits/byte");
                out_table_fig(&tab, "the model's code on the samples", r.model_avg, "bits/byte");
                snprintf(label, sizeof(label), "the samples' optimal code, limit %u",
                         t->max_len);
                out_table_fig(&tab, label, r.limited.avg, "bits/byte");
        }
        out_table_print(&tab, stderr);
}

/* Write the model to t->output.  Returns 0, or -1 after a message. */
static int write_model(const struct train *t, const unsigned char *buf, size_t size)
{
        const char *dest = t->output, *what = "";
        int fd;

        if (t->to_stdout) {
                if (fio_write_all(STDOUT_FILENO, buf, size) != 0) {
                        cli_msg("stdout", "write error: %s", strerror(errno));
                        return -1;
                }
                return 0;
        }
        fd = fio_tmp_open(dest);
        if (fd < 0) {
                cli_msg(dest, "cannot create a temporary file: %s", strerror(errno));
                return -1;
        }
        if (fio_write_all(fd, buf, size) != 0) {
                int err = errno;

                fio_tmp_discard();
                cli_msg(dest, "write error: %s", strerror(err));
                return -1;
        }
        if (fio_tmp_commit(dest, NULL, false, &what) != 0) {
                cli_msg(dest, "%s: %s", what, strerror(errno));
                return -1;
        }
        return 0;
}

/* May the model go where -o says?  Returns 0, or -1 after a message. */
static int check_output(struct train *t)
{
        if (!t->output) {
                cli_msg(cmd, "no output named: give -o MODEL (-o - for standard output)");
                return -1;
        }
        t->to_stdout = strcmp(t->output, "-") == 0;
        if (t->to_stdout) {
                if (!t->force && isatty(STDOUT_FILENO)) {
                        cli_msg(cmd, "model not written to a terminal; use -f to force");
                        return -1;
                }
                return 0;
        }
        /* As huff's own outputs: never a directory, not over a file
         * without -f. */
        return file_check_output(t->output, t->force, &t->dest_st,
                                 &t->dest_exists) == EXIT_OK ? 0 : -1;
}

static int train(struct train *t)
{
        struct huff_model *m = NULL;
        unsigned char *buf;
        size_t size, cap = huff_model_save_bound();
        enum huff_status s;
        int i, status = EXIT_ERROR;

        if (t->nfiles == 0) {
                cli_msg(cmd, "no sample files given");
                return EXIT_ERROR;
        }
        if (check_output(t) != 0)
                return EXIT_ERROR;
        buf = malloc(FIO_CHUNK_BYTES > cap ? FIO_CHUNK_BYTES : cap);
        if (!buf) {
                cli_msg(cmd, "%s", strerror(ENOMEM));
                return EXIT_ERROR;
        }
        /* The first unreadable sample ends the run: a model of fewer
         * samples than asked for is not what the user wants. */
        for (i = 0; i < t->nfiles; i++)
                if (count_file(t, t->files[i], buf) != 0)
                        goto out;
        if (make_model(t, &m) != 0)
                goto out;
        s = huff_model_save(m, buf, cap, &size);
        if (s != HUFF_OK) {
                cli_msg(cmd, "%s", huff_strerror(s));
                goto out;
        }
        fio_signals_install();
        if (write_model(t, buf, size) != 0)
                goto out;
        if (t->verbosity >= 2)
                print_figures(t, m, size, t->to_stdout ? "stdout" : t->output);
        status = EXIT_OK;
out:
        huff_model_free(m);
        free(buf);
        return status;
}

int train_main(int argc, char **argv)
{
        struct train *t = calloc(1, sizeof(*t));
        int status = EXIT_OK;

        if (!t) {
                cli_msg(cmd, "%s", strerror(ENOMEM));
                return EXIT_ERROR;
        }
        /* 0.5, the Krichevsky-Trofimov estimator. */
        t->alpha_num = CLI_SMOOTH_DEFAULT_NUM;
        t->alpha_den = CLI_SMOOTH_DEFAULT_DEN;
        t->max_len = HUFF_MODEL_CODE_LEN_DEFAULT;
        t->verbosity = 1;
        if (parse_args(t, argc, argv) != 0)
                status = EXIT_ERROR;
        else if (t->help)
                usage();
        else
                status = train(t);
        if (cli_flush_stdout() != 0)
                status = EXIT_ERROR;
        free(t);
        return status;
}
