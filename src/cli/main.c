/*
 * main.c - the huff program: "user code" of libhuff, as lz4's programs/ are
 * of liblz4
 *
 * One binary, three names (argv[0]): huff compresses, unhuff decompresses,
 * hufcat decompresses to standard output.  The behaviour follows gzip where
 * gzip and zstd agree, and zstd where they differ in a way users of a new
 * tool will expect (inputs are kept by default; -o takes several inputs).
 *
 * Input files that are not regular files, the gzip way:
 *   - a directory is skipped with a warning, even with -f (there is no -r);
 *   - a symbolic link named on the command line is skipped with a warning
 *     unless -f, then followed: gzip refuses links so that --rm never
 *     removes a link while compressing what it points to by surprise;
 *   - a FIFO, device or socket is skipped with a warning unless -f, then
 *     read like stdin (its size unknown), so "huff -f /dev/stdin" and
 *     "huff -f fifo" work as in gzip.
 * A skipped input is a warning (exit status 2), never an error.
 *
 * Exit status, gzip's: 0 success, 1 error, 2 warning; an error on one input
 * does not stop the others, and the final status is the worst of them.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huff.h"
#include "args.h"
#include "fileio.h"
#include "msg.h"
#include "progress.h"
#include "report_cmd.h"
#include "bench.h"
#include "train_cmd.h"

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_WARNING = 2 };

static int verbosity = 1;

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

/* ------------------------------------------------------------------------ */
/* Messages: "huff: NAME: what is wrong", one line on stderr (msg.h)         */

static void error(const char *name, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static void warning(const char *name, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static void info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void error(const char *name, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        cli_vmsg(name, fmt, ap);
        va_end(ap);
}

/* -q silences warnings, but the exit status still says 2, as in gzip. */
static void warning(const char *name, const char *fmt, ...)
{
        va_list ap;

        if (verbosity < 1)
                return;
        va_start(ap, fmt);
        cli_vmsg(name, fmt, ap);
        va_end(ap);
}

static void info(const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
}

/* An error outranks a warning, which outranks success. */
static int worst(int a, int b)
{
        if (a == EXIT_ERROR || b == EXIT_ERROR)
                return EXIT_ERROR;
        return a > b ? a : b;
}

static void usage(void)
{
        printf(
"Usage: huff [OPTION]... [FILE]...\n"
"Compress or decompress FILEs with the .huf format: a static Huffman code\n"
"per block.  FILE is compressed to FILE.huf, FILE.huf decompressed to FILE;\n"
"the input is kept.  With no FILE, or when FILE is -, read standard input and\n"
"write standard output.\n"
"\n"
"  -z, --compress        compress (the default)\n"
"  -d, --decompress      decompress (also --uncompress)\n"
"  -c, --stdout          write to standard output (also --to-stdout)\n"
"  -o, --output=FILE     write to FILE; with several inputs, their frames (or,\n"
"                        decompressing, their contents) one after the other\n"
"  -k, --keep            keep input files (the default)\n"
"      --rm              remove each input file once its output is complete\n"
"  -f, --force           overwrite existing files; write compressed data to a\n"
"                        terminal; follow symbolic links and read FIFOs and\n"
"                        devices; compress files that already have the suffix\n"
"  -t, --test            check the integrity of compressed files\n"
"  -l, --list            list compressed and uncompressed size, ratio, bits per\n"
"                        byte and blocks of compressed files (-lv: blocks by type)\n"
"  -S, --suffix=SUF      use suffix SUF instead of .huf\n"
"  -B, --block-size=SIZE bytes per block, 256 to 1M; K and M units (default 128K)\n"
"  -1 .. -9              encoder effort, --fast = -1, --best = -9 (default -6);\n"
"                        -7 to -9 cut blocks where the statistics change\n"
"                        (slower, smaller); -1 to -6 cut every block size\n"
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
"Exit status: 0 success, 1 error, 2 warning (an input skipped, or trailing\n"
"garbage after the last frame ignored).\n");
}

/* ------------------------------------------------------------------------ */
/* One run over the inputs                                                   */

struct run {
        const struct cli_args *a;
        struct fio_coder coder;
        int status;

        /* -o FILE: one temporary output for every input, committed at the
         * end; an input that fails abandons it (it would be partial). */
        const char *shared;
        bool shared_exists;             /* shared_st is valid */
        struct stat shared_st;
        int shared_fd;                  /* -1 until the first input */
        bool shared_failed;
        int shared_inputs;
        struct stat shared_attrs;       /* of the last input put in */
        bool shared_attrs_valid;        /* that input was a regular file */
        const char **shared_done;       /* inputs put in, for --rm */

        /* -l */
        int listed;
        struct huff_stats total;
};

struct input {
        const char *name;       /* for messages */
        int fd;
        struct stat st;         /* fstat of fd */
        bool is_stdin;
        uint64_t content_size;
};

static bool has_suffix(const char *file, const char *suffix)
{
        size_t n = strlen(file), s = strlen(suffix);
        const char *base = strrchr(file, '/');

        base = base ? base + 1 : file;
        /* "dir/.huf" has no name left once the suffix is taken away. */
        return s > 0 && strlen(base) > s && strcmp(file + n - s, suffix) == 0;
}

static bool same_file(const struct stat *x, const struct stat *y)
{
        return x->st_dev == y->st_dev && x->st_ino == y->st_ino;
}

/*
 * Decide from lstat() whether an input is to be read at all; nothing is
 * opened yet (opening a FIFO would block).  Returns EXIT_OK to go on, or the
 * status of the message printed.
 */
static int check_input(const struct run *r, const char *path)
{
        struct stat st;

        if (lstat(path, &st) != 0) {
                error(path, "%s", strerror(errno));
                return EXIT_ERROR;
        }
        if (S_ISLNK(st.st_mode)) {
                if (!r->a->force) {
                        warning(path, "is a symbolic link -- ignored (-f follows it)");
                        return EXIT_WARNING;
                }
                if (stat(path, &st) != 0) {
                        error(path, "%s", strerror(errno));
                        return EXIT_ERROR;
                }
        }
        if (S_ISDIR(st.st_mode)) {
                warning(path, "is a directory -- ignored");
                return EXIT_WARNING;
        }
        if (!S_ISREG(st.st_mode) && !r->a->force) {
                warning(path, "is not a regular file -- ignored (-f reads it)");
                return EXIT_WARNING;
        }
        return EXIT_OK;
}

static void close_input(struct input *in)
{
        if (!in->is_stdin)
                close(in->fd);
}

static int open_input(const struct run *r, const char *path, struct input *in)
{
        memset(in, 0, sizeof(*in));
        in->content_size = HUFF_CONTENT_SIZE_UNKNOWN;
        if (strcmp(path, "-") == 0) {
                in->name = "stdin";
                in->is_stdin = true;
                in->fd = STDIN_FILENO;
        } else {
                /* O_NOFOLLOW closes the race with check_input(): a file
                 * swapped for a link in between is not followed. */
                int flags = O_RDONLY | O_NOCTTY | (r->a->force ? 0 : O_NOFOLLOW);

                in->name = path;
                in->fd = open(path, flags);
                if (in->fd < 0) {
                        error(path, "%s", strerror(errno));
                        return EXIT_ERROR;
                }
        }
        if (fstat(in->fd, &in->st) != 0) {
                error(in->name, "%s", strerror(errno));
                close_input(in);
                return EXIT_ERROR;
        }
        if (!in->is_stdin && !S_ISREG(in->st.st_mode) && !r->a->force) {
                /* Replaced by a FIFO or device since check_input(). */
                warning(in->name, "is not a regular file -- ignored (-f reads it)");
                close_input(in);
                return EXIT_WARNING;
        }
        if (S_ISREG(in->st.st_mode)) {
                /* stdin may be a file already partly read by the shell. */
                off_t at = lseek(in->fd, 0, SEEK_CUR);

                if (at >= 0 && at <= in->st.st_size)
                        in->content_size = (uint64_t)(in->st.st_size - at);
        }
        return EXIT_OK;
}

/* Whose mode and times the output takes: a named regular file's.  Data from
 * stdin, a FIFO or a device makes a new file, with a new file's mode. */
static const struct stat *attrs_source(const struct input *in)
{
        return !in->is_stdin && S_ISREG(in->st.st_mode) ? &in->st : NULL;
}

/* The named output of one input, or NULL with the message printed and
 * *status set. */
static char *output_name(const struct run *r, const char *path, int *status)
{
        const char *suffix = r->a->suffix;
        size_t n = strlen(path), s = strlen(suffix);
        char *dest;

        if (r->a->mode == CLI_COMPRESS) {
                if (has_suffix(path, suffix) && !r->a->force) {
                        warning(path, "already has %s suffix -- unchanged", suffix);
                        *status = EXIT_WARNING;
                        return NULL;
                }
                dest = malloc(n + s + 1);
                if (dest) {
                        memcpy(dest, path, n);
                        memcpy(dest + n, suffix, s + 1);
                }
        } else {
                if (!has_suffix(path, suffix)) {
                        error(path, "unknown suffix (not %s) -- ignored; "
                              "use -c or -o to decompress it", suffix);
                        *status = EXIT_ERROR;
                        return NULL;
                }
                dest = malloc(n - s + 1);
                if (dest) {
                        memcpy(dest, path, n - s);
                        dest[n - s] = '\0';
                }
        }
        if (!dest) {
                error(path, "%s", strerror(ENOMEM));
                *status = EXIT_ERROR;
        }
        return dest;
}

/*
 * May dest be written?  Not if it exists, without -f; never if it is a
 * directory.  *exists says whether it exists, and then *dest_st is its
 * lstat(), for the caller to check that it is not the input.
 */
static int check_output(const struct run *r, const char *dest,
                        struct stat *dest_st, bool *exists)
{
        *exists = lstat(dest, dest_st) == 0;
        if (!*exists) {
                if (errno == ENOENT)
                        return EXIT_OK;
                error(dest, "%s", strerror(errno));
                return EXIT_ERROR;
        }
        if (S_ISDIR(dest_st->st_mode)) {
                error(dest, "is a directory; not overwritten");
                return EXIT_ERROR;
        }
        if (!r->a->force) {
                error(dest, "already exists; use -f to overwrite");
                return EXIT_ERROR;
        }
        return EXIT_OK;
}

static void print_ratio(const char *name, uint64_t compressed,
                        uint64_t uncompressed, const char *dest)
{
        if (uncompressed == 0)
                info("%s: empty -> %s\n", name, dest);
        else
                info("%s: %.2f bits/B, %.1f%% -> %s\n", name,
                     8.0 * (double)compressed / (double)uncompressed,
                     100.0 * (double)compressed / (double)uncompressed, dest);
}

static const char *model_name(const struct cli_args *a)
{
        return strcmp(a->model, "-") == 0 ? "stdin" : a->model;
}

/* Word a failure of fio_encode/fio_decode.  on_stdout: the output went to
 * stdout, where bytes written cannot be taken back. */
static void report_failure(const struct run *r, const struct input *in,
                           const char *dest, const struct fio_result *res,
                           bool on_stdout)
{
        const char *note = on_stdout && res->out_bytes > 0
                ? " (output on stdout is incomplete or wrong)" : "";

        switch (res->failure) {
        case FIO_OK:
                break;
        case FIO_READ:
                error(in->name, "read error: %s%s", strerror(res->err), note);
                break;
        case FIO_WRITE:
                error(dest, "write error: %s", strerror(res->err));
                break;
        case FIO_CODEC:
                if (r->a->mode == CLI_COMPRESS && res->status == HUFF_ERR_CONTENT_SIZE)
                        error(in->name, "file changed size while being read%s", note);
                else if (res->status == HUFF_ERR_MODEL_REQUIRED)
                        error(in->name, "compressed with model %08" PRIx32
                              "; give it with -M%s", res->model_wanted, note);
                else if (res->status == HUFF_ERR_MODEL_MISMATCH)
                        error(in->name, "compressed with model %08" PRIx32
                              ", not with %s (%08" PRIx32 ")%s", res->model_wanted,
                              model_name(r->a), huff_model_id(r->a->params.model), note);
                else if (res->status == HUFF_ERR_MODEL_UNUSED)
                        error(in->name, "compressed without a model, but -M %s was "
                              "given%s", model_name(r->a), note);
                else
                        error(in->name, "%s%s", huff_strerror(res->status), note);
                break;
        }
}

static void abandon_shared(struct run *r)
{
        if (r->shared_fd >= 0)
                fio_tmp_discard();
        r->shared_fd = -1;
        r->shared_failed = true;
        error(r->shared, "not written: an input failed, the output would be incomplete");
}

static void remove_input(const char *path)
{
        if (unlink(path) != 0)
                warning(path, "cannot remove: %s", strerror(errno));
}

/* Compress, decompress or test one input. */
static int process(struct run *r, const char *path)
{
        const struct cli_args *a = r->a;
        const bool is_stdin = strcmp(path, "-") == 0;
        const bool testing = a->mode == CLI_TEST;
        const bool shared = !testing && r->shared;
        const bool on_stdout = !testing && !shared && (a->to_stdout || is_stdin);
        char *dest = NULL;
        const char *dest_name;
        struct stat dest_st;
        bool dest_exists = false;
        struct input in;
        struct fio_result res;
        int out_fd = -1, st;

        if (!is_stdin && (st = check_input(r, path)) != EXIT_OK)
                return st;
        if (shared) {
                dest_name = r->shared;
                dest_exists = r->shared_exists;
                dest_st = r->shared_st;
                if (strcmp(path, dest_name) == 0) {
                        error(path, "is also the output file");
                        return EXIT_ERROR;
                }
        } else if (on_stdout) {
                dest_name = "stdout";
        } else if (testing) {
                dest_name = "";
        } else {
                if (!(dest = output_name(r, path, &st)))
                        return st;
                dest_name = dest;
                if (strcmp(dest, path) == 0) {
                        error(path, "output file would be the input file (suffix '%s')",
                              a->suffix);
                        st = EXIT_ERROR;
                        goto out;
                }
                if ((st = check_output(r, dest, &dest_st, &dest_exists)) != EXIT_OK)
                        goto out;
        }

        if ((st = open_input(r, path, &in)) != EXIT_OK)
                goto out;
        if (dest_exists && same_file(&in.st, &dest_st)) {
                error(in.name, "%s is the same file as the input; not overwritten",
                      dest_name);
                st = EXIT_ERROR;
                goto close;
        }

        if (on_stdout) {
                out_fd = STDOUT_FILENO;
        } else if (shared) {
                if (r->shared_fd < 0 && (r->shared_fd = fio_tmp_open(r->shared)) < 0) {
                        error(r->shared, "cannot create a temporary file: %s",
                              strerror(errno));
                        /* Said of the output itself: nothing to abandon. */
                        r->shared_failed = true;
                        st = EXIT_ERROR;
                        goto close;
                }
                out_fd = r->shared_fd;
        } else if (!testing) {
                out_fd = fio_tmp_open(dest);
                if (out_fd < 0) {
                        error(dest, "cannot create a temporary file: %s",
                              strerror(errno));
                        st = EXIT_ERROR;
                        goto close;
                }
        }

        /* The progress line: not with -q, nor when the output is the
         * terminal it would be drawn over. */
        progress_begin(in.name, S_ISREG(in.st.st_mode) ? (uint64_t)in.st.st_size
                                                     : UINT64_MAX,
                       a->mode == CLI_COMPRESS,
                       a->verbosity >= 1 && !(out_fd == STDOUT_FILENO &&
                                              isatty(STDOUT_FILENO)));
        r->coder.progress = progress_update;
        if (a->mode == CLI_COMPRESS)
                fio_encode(&r->coder, in.fd, out_fd, in.content_size, &res);
        else
                fio_decode(&r->coder, in.fd, out_fd, &res);
        progress_end();
        close_input(&in);

        if (res.failure != FIO_OK) {
                report_failure(r, &in, dest_name, &res, on_stdout);
                if (dest)
                        fio_tmp_discard();
                st = EXIT_ERROR;
                goto out;
        }
        st = EXIT_OK;
        if (res.trailing) {
                warning(in.name, "decompression OK, trailing garbage ignored%s",
                        a->remove_input && !is_stdin && !on_stdout && !testing
                        ? " (input kept)" : "");
                st = EXIT_WARNING;
        }

        if (dest) {
                const char *what = "";

                if (fio_tmp_commit(dest, attrs_source(&in), &what) != 0) {
                        error(dest, "%s: %s", what, strerror(errno));
                        st = EXIT_ERROR;
                        goto out;
                }
        }
        if (shared) {
                r->shared_attrs = in.st;
                r->shared_attrs_valid = attrs_source(&in) != NULL;
                if (!is_stdin && !res.trailing)
                        r->shared_done[r->shared_inputs] = path;
                r->shared_inputs++;
        }

        if (a->verbosity >= 2) {
                if (testing)
                        info("%s: OK\n", in.name);
                else if (a->mode == CLI_COMPRESS)
                        print_ratio(in.name, res.out_bytes, res.in_bytes, dest_name);
                else
                        print_ratio(in.name, res.in_bytes, res.out_bytes, dest_name);
        }
        /* Never before the output is complete and in place; never with
         * trailing garbage, which the output does not hold. */
        if (a->remove_input && dest && !res.trailing)
                remove_input(path);
        goto out;
close:
        close_input(&in);
out:
        free(dest);
        return st;
}

/* The end of a -o run: put the output in place, then remove inputs. */
static int finish_shared(struct run *r)
{
        const char *what = "";
        int i;

        if (r->shared_fd < 0)
                return EXIT_OK;
        /* One input: the output is its counterpart and gets its mode and
         * times.  Several: a new file, like any other new file. */
        if (fio_tmp_commit(r->shared, r->shared_inputs == 1 && r->shared_attrs_valid
                           ? &r->shared_attrs : NULL, &what) != 0) {
                r->shared_fd = -1;
                error(r->shared, "%s: %s", what, strerror(errno));
                return EXIT_ERROR;
        }
        r->shared_fd = -1;
        if (r->a->remove_input)
                for (i = 0; i < r->shared_inputs; i++)
                        if (r->shared_done[i])
                                remove_input(r->shared_done[i]);
        return EXIT_OK;
}

/* ------------------------------------------------------------------------ */
/* -l                                                                        */

/*
 * One line of -l.  model_id: the model every frame of the file was made
 * with, or NULL.  Decoding succeeded, so with -M every frame named that
 * model (the decoder refuses a frame without one) and without -M none did.
 */
static void print_list_line(const struct cli_args *a, const struct huff_stats *s,
                            const char *model_id, const char *name)
{
        char ratio[16] = "-", bpb[16] = "-";

        if (s->decompressed_bytes > 0) {
                snprintf(ratio, sizeof(ratio), "%.1f%%", 100.0 *
                         (double)s->compressed_bytes / (double)s->decompressed_bytes);
                snprintf(bpb, sizeof(bpb), "%.3f", 8.0 *
                         (double)s->compressed_bytes / (double)s->decompressed_bytes);
        }
        printf("%12" PRIu64 " %14" PRIu64 " %7s %7s %8" PRIu64,
               s->compressed_bytes, s->decompressed_bytes, ratio, bpb, s->blocks);
        if (a->verbosity >= 2)
                printf(" %7" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8" PRIu64
                       " %8" PRIu64 " %9s",
                       s->frames, s->blocks_by_type[HUFF_BLOCK_RAW],
                       s->blocks_by_type[HUFF_BLOCK_RLE],
                       s->blocks_by_type[HUFF_BLOCK_HUFFMAN],
                       s->blocks_by_type[HUFF_BLOCK_REPEAT],
                       s->blocks_by_type[HUFF_BLOCK_MODEL], model_id ? model_id : "-");
        printf("  %s\n", name);
}

static int list_one(struct run *r, const char *path)
{
        struct input in;
        struct fio_result res;
        char id[9];
        int st, i;

        if (strcmp(path, "-") != 0 && (st = check_input(r, path)) != EXIT_OK)
                return st;
        if ((st = open_input(r, path, &in)) != EXIT_OK)
                return st;
        fio_decode(&r->coder, in.fd, -1, &res);
        close_input(&in);
        if (res.failure != FIO_OK) {
                report_failure(r, &in, "", &res, false);
                return EXIT_ERROR;
        }
        if (r->listed++ == 0) {
                printf("  compressed   uncompressed   ratio  bits/B   blocks");
                if (r->a->verbosity >= 2)
                        printf("  frames      raw      rle  huffman   repeat"
                               "    model  model id");
                printf("  name\n");
        }
        snprintf(id, sizeof(id), "%08" PRIx32, res.model_wanted);
        print_list_line(r->a, &res.stats, r->a->params.model ? id : NULL, in.name);
        r->total.frames += res.stats.frames;
        r->total.blocks += res.stats.blocks;
        for (i = 0; i < HUFF_BLOCK_TYPES; i++)
                r->total.blocks_by_type[i] += res.stats.blocks_by_type[i];
        r->total.compressed_bytes += res.stats.compressed_bytes;
        r->total.decompressed_bytes += res.stats.decompressed_bytes;
        if (res.trailing) {
                warning(in.name, "trailing garbage ignored");
                return EXIT_WARNING;
        }
        return EXIT_OK;
}

/* ------------------------------------------------------------------------ */

/* A closed stdin/stdout/stderr would be reused by the next open(), and
 * compressed data could end up where messages go.  /dev/null read-only
 * keeps the slot: reads see an empty input, writes fail loudly. */
static void guard_std_fds(void)
{
        int fd;

        for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
                if (fcntl(fd, F_GETFD) < 0 && errno == EBADF &&
                    open("/dev/null", O_RDONLY) != fd)
                        exit(EXIT_ERROR);
}

static bool any_stdin(const struct cli_args *a)
{
        int i;

        for (i = 0; i < a->nfiles; i++)
                if (strcmp(a->files[i], "-") == 0)
                        return true;
        return false;
}

static int run_files(struct cli_args *a)
{
        static char dash[] = "-";
        static char *stdin_only[] = { dash };
        struct run r;
        int i;

        if (a->nfiles == 0) {
                a->files = stdin_only;
                a->nfiles = 1;
        }

        /* Like zstd (and gzip, which does not even take -f here): a
         * terminal cannot hold binary data, and it is almost always a
         * forgotten file name. */
        if (a->mode == CLI_COMPRESS && !a->force && !a->output &&
            (a->to_stdout || any_stdin(a)) && isatty(STDOUT_FILENO)) {
                error(NULL, "compressed data not written to a terminal; "
                      "use -f to force, -h for help");
                return EXIT_ERROR;
        }
        if (a->mode != CLI_COMPRESS && !a->force && any_stdin(a) &&
            isatty(STDIN_FILENO)) {
                error(NULL, "compressed data not read from a terminal; "
                      "use -f to force, -h for help");
                return EXIT_ERROR;
        }

        memset(&r, 0, sizeof(r));
        r.a = a;
        r.shared_fd = -1;
        if (fio_coder_init(&r.coder, &a->params) != 0) {
                error(NULL, "%s", strerror(errno));
                return EXIT_ERROR;
        }
        if (a->output && (a->mode == CLI_COMPRESS || a->mode == CLI_DECOMPRESS)) {
                r.shared = a->output;
                r.shared_done = calloc((size_t)a->nfiles, sizeof(*r.shared_done));
                if (!r.shared_done) {
                        error(NULL, "%s", strerror(errno));
                        fio_coder_free(&r.coder);
                        return EXIT_ERROR;
                }
                if (check_output(&r, a->output, &r.shared_st, &r.shared_exists) != EXIT_OK)
                        r.shared_failed = true;
                r.status = r.shared_failed ? EXIT_ERROR : EXIT_OK;
        }

        for (i = 0; i < a->nfiles; i++) {
                int st;

                /* With -o, the first error ends the run: the output would
                 * lack an input, so it is not written, and the remaining
                 * inputs would be work for nothing.  Otherwise one bad
                 * file does not stop the others. */
                if (r.shared_failed)
                        break;
                st = a->mode == CLI_LIST ? list_one(&r, a->files[i])
                                         : process(&r, a->files[i]);
                if (st == EXIT_ERROR && r.shared && !r.shared_failed)
                        abandon_shared(&r);
                r.status = worst(r.status, st);
        }
        if (r.shared && !r.shared_failed)
                r.status = worst(r.status, finish_shared(&r));
        if (a->mode == CLI_LIST && r.listed > 1) {
                char id[9] = "";

                if (a->params.model)
                        snprintf(id, sizeof(id), "%08" PRIx32,
                                 huff_model_id(a->params.model));
                print_list_line(a, &r.total, a->params.model ? id : NULL, "(totals)");
        }

        free(r.shared_done);
        fio_coder_free(&r.coder);
        return r.status;
}

/* -M MODEL: read and check the model before any input is touched, so that
 * a bad model writes nothing.  Returns EXIT_OK with *m set, or the status
 * of the message printed. */
static int load_model(const struct cli_args *a, struct huff_model **m)
{
        const char *name = model_name(a);
        enum huff_status s;
        int err;

        if (strcmp(a->model, "-") == 0 && (a->nfiles == 0 || any_stdin(a))) {
                error(NULL, "standard input cannot be both the model (-M -) and "
                      "an input");
                return EXIT_ERROR;
        }
        err = fio_load_model(a->model, m, &s);
        if (err) {
                error(name, "%s", strerror(err));
                return EXIT_ERROR;
        }
        switch (s) {
        case HUFF_OK:
                return EXIT_OK;
        case HUFF_ERR_BAD_MAGIC:
                error(name, "not a huff model file");
                break;
        case HUFF_ERR_NOMEM:
                error(name, "%s", strerror(ENOMEM));
                break;
        default:        /* corrupt or truncated, unsupported version */
                error(name, "%s", huff_strerror(s));
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

        guard_std_fds();
        if (who == CLI_AS_HUFF && argc > 1) {
                const struct subcommand *c = find_subcommand(argv[1]);

                if (c)
                        return c->run(argc - 1, argv + 1);
        }

        cli_args_init(&a, who);
        if (cli_args_parse(&a, argc, argv, err, sizeof(err)) != 0) {
                error(NULL, "%s", err);
                fprintf(stderr, "Try '%s --help' for more information.\n", CLI_PROG);
                return EXIT_ERROR;
        }
        verbosity = a.verbosity;
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
                        status = run_files(&a);
                }
                huff_model_free(model);
        }
        /* -l, -h and -V print with stdio: a full disk must not pass
         * silently (gnulib's close_stdout). */
        if (cli_flush_stdout() != 0)
                status = EXIT_ERROR;
        return status;
}
