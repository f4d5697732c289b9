/*
 * main.c - the huff program: "user code" of libhuff, as lz4's programs/ are
 * of liblz4
 *
 * One binary, three names (argv[0]): huff compresses, unhuff decompresses,
 * hufcat decompresses to standard output.  The behaviour follows gzip where
 * gzip and zstd agree, and zstd where they differ in a way users of a new
 * tool will expect (inputs are kept by default; -o takes several inputs).
 *
 * This file picks the program by its name and the subcommand by the first
 * argument, reads the options and the model, and hands the inputs to
 * code_files.c; which files may be read and written is file_checks.c's.
 *
 * Exit status, gzip's (exit_codes.h): 0 success, 1 error, 2 warning.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "huff.h"
#include "args.h"
#include "bench.h"
#include "exit_codes.h"
#include "file_run.h"
#include "fileio.h"
#include "msg.h"
#include "report_cmd.h"
#include "train_cmd.h"

/* ------------------------------------------------------------------------ */
/* Subcommands                                                               */

/*
 * A subcommand is recognised only as the very first argument of "huff", so
 * "huff -- report" and "huff ./report" still compress a file named report.
 * Each sees its own name as argv[0] ("report", "train", "bench").
 */
struct subcommand {
        const char *name;
        int (*run)(int argc, char **argv);
};

static const struct subcommand subcommands[] = {
        { "report", report_main },
        { "bench", bench_main },
        { "train", train_main },
        { NULL, NULL },
};

static const struct subcommand *find_subcommand(const char *name)
{
        const struct subcommand *c;

        for (c = subcommands; c->name; c++)
                if (strcmp(c->name, name) == 0)
                        return c;
        return NULL;
}

static void usage(void)
{
        printf(
"Usage: huff [OPTION]... [FILE]...\n"
"Compress or decompress FILEs with the .huf format: a static Huffman code\n"
"per block.  FILE is compressed to FILE.huf, FILE.huf (or FILE, if FILE.huf\n"
"exists and FILE does not) decompressed to FILE; the input is kept.  With\n"
"no FILE, or when FILE is -, read standard input and write standard output.\n"
"\n"
"  -z, --compress        compress (the default)\n"
"  -d, --decompress      decompress\n"
"      --uncompress      the same as -d (gzip's other name)\n"
"  -c, --stdout          write to standard output\n"
"      --to-stdout       the same as -c (gzip's other name)\n"
"  -o, --output=FILE     write to FILE; with several inputs, their frames (or,\n"
"                        decompressing, their contents) one after the other\n"
"      --output-dir-flat=DIR\n"
"                        write each named output into DIR, under its base name\n"
"  -k, --keep            keep input files (the default)\n"
"      --rm              remove each input file once its output is complete\n"
"  -n, --no-name         decompressing, leave the output the time it was\n"
"                        written at, not the input's times (a .huf file stores\n"
"                        no name or time stamp; compressing, -n changes nothing)\n"
"  -N, --name            decompressing, give the output the input's access and\n"
"                        modification times (the default)\n"
"  -f, --force           overwrite existing files; write compressed data to a\n"
"                        terminal; follow symbolic links and read FIFOs and\n"
"                        devices even where the output goes beside them;\n"
"                        compress files that already have the suffix; with\n"
"                        -dc, pass data that is not .huf through unchanged\n"
"  -t, --test            check the integrity of compressed files\n"
"  -r, --recursive       compress every file below directory operands;\n"
"                        decompress, test or list every FILE.huf below\n"
"  -l, --list            list compressed and uncompressed size, ratio, bits per\n"
"                        byte and blocks of compressed files (-lv: blocks by type)\n"
"  -S, --suffix=SUF      use suffix SUF instead of .huf\n"
"  -B, --block-size=SIZE bytes per block, 256 to 1M; K and M units (default 128K)\n"
"  -1 .. -9              encoder effort (default -6): -7 to -9 cut blocks where\n"
"                        the statistics change (slower, smaller); -1 to -6 cut\n"
"                        every block size\n"
"      --fast, --best    the same as -1, -9\n"
"  -M, --model=MODEL     compress with the shared code of MODEL (made by huff\n"
"                        train) wherever it beats a block's own code; decoding\n"
"                        a file made so needs the same -M MODEL\n"
"  -T, --threads=N       compress or decompress with N threads (default 1;\n"
"                        0: one per processor); the output is the same for\n"
"                        every N\n"
"      --no-check        compress without the content checksum (zstd's\n"
"                        --no-check): 4 bytes less per frame, but the data\n"
"                        then has no end-to-end check; headers keep theirs\n"
"  -v, --verbose         print bits per byte and ratio of each file\n"
"  -q, --quiet           suppress warnings\n"
"  -h, --help            print this help and exit\n"
"  -V, --version         print the version and exit\n"
"  --                    end of options: what follows are file names\n"
"\n"
"huff report [OPTION]... [FILE]... measures entropy, code lengths and a\n"
"model's cost instead (huff report -h); huff train -o MODEL FILE... makes a\n"
"model from sample files (huff train -h); huff bench FILE|DIR... measures\n"
"speed against zlib and what models cost and save (huff bench -h).\n"
"Run as unhuff, huff decompresses; as hufcat, it decompresses to standard\n"
"output.  Ratios are compressed size / uncompressed size.\n"
"Exit status: 0 success, 1 error, 2 warning (an input skipped or not removed,\n"
"or trailing garbage after the last frame ignored).\n");
}

/* ------------------------------------------------------------------------ */

/* -M MODEL: read and check the model before any input is touched, so that
 * a bad model writes nothing.  Returns EXIT_OK with *m set, or the status
 * of the message printed. */
static int load_model(const struct cli_args *a, struct huff_model **m)
{
        const char *name = cli_input_name(a->model);
        enum huff_status s;
        int err;

        if (strcmp(a->model, "-") == 0 && (a->nfiles == 0 || cli_args_reads_stdin(a))) {
                cli_msg(NULL, "standard input cannot be both the model (-M -) and "
                      "an input");
                return EXIT_ERROR;
        }
        /* Closed, stdin would read as empty: "not a huff model file". */
        err = strcmp(a->model, "-") == 0 && file_std_closed(STDIN_FILENO)
                ? EBADF : fio_load_model(a->model, m, &s);
        /* "model file:": the name alone would read as an input's. */
        if (err) {
                cli_msg(name, "model file: %s", strerror(err));
                return EXIT_ERROR;
        }
        switch (s) {
        case HUFF_OK:
                return EXIT_OK;
        case HUFF_ERR_BAD_MAGIC:
                cli_msg(name, "not a huff model file");
                break;
        case HUFF_ERR_NOMEM:
                cli_msg(name, "model file: %s", strerror(ENOMEM));
                break;
        default:        /* corrupt or truncated, unsupported version:
                           the library's words name the model file */
                cli_msg(name, "%s", huff_strerror(s));
                break;
        }
        return EXIT_ERROR;
}

int main(int argc, char **argv)
{
        enum cli_personality who = cli_personality(argc > 0 ? argv[0] : NULL);
        struct cli_args a;
        char err[256];
        int status;

        file_guard_std_fds();
        if (who == CLI_AS_HUFF && argc > 1) {
                const struct subcommand *c = find_subcommand(argv[1]);

                if (c)
                        return c->run(argc - 1, argv + 1);
        }

        cli_args_init(&a, who);
        if (cli_args_parse(&a, argc, argv, err, sizeof(err)) != 0) {
                cli_msg(NULL, "%s", err);
                fprintf(stderr, "Try '%s --help' for more information.\n", CLI_PROG);
                return EXIT_ERROR;
        }
        cli_set_verbosity(a.verbosity);
        if (a.help) {
                usage();
                status = EXIT_OK;
        } else if (a.version) {
                printf("%s %s\n", CLI_PROG, huff_version_string());
                status = EXIT_OK;
        } else {
                struct huff_model *model = NULL;

                status = a.model ? load_model(&a, &model) : EXIT_OK;
                if (status == EXIT_OK) {
                        a.params.model = model;
                        fio_signals_install();
                        status = file_run_all(&a);
                }
                huff_model_free(model);
        }
        /* -l, -h and -V print with stdio: a full disk must not pass
         * silently (gnulib's close_stdout). */
        if (cli_flush_stdout() != 0)
                status = EXIT_ERROR;
        return status;
}
