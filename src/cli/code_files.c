/*
 * code_files.c - compress, decompress or test every input of huff, unhuff
 * and hufcat (-l lists them, list_files.c)
 *
 * An output is written to a temporary file and renamed into place once
 * complete (fileio.c), and the input removed (--rm) only after that.  With
 * -o FILE every input goes into one output, written only if every input
 * succeeded.  An error on one input does not stop the others (without -o),
 * and the exit status is the worst of them: gzip's 0, 1 or 2.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
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
#include "exit_codes.h"
#include "file_run.h"
#include "fileio.h"
#include "msg.h"
#include "progress.h"

static void info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void info(const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
}

/* Whose mode and times the output takes: a named regular file's.  Data from
 * stdin, a FIFO or a device makes a new file, with a new file's mode. */
static const struct stat *attrs_source(const struct input *in)
{
        return !in->is_stdin && S_ISREG(in->st.st_mode) ? &in->st : NULL;
}

/* -n: a decompressed output gets the time of its writing (a file that make
 * sees as new), -N (the default): the input's times.  A compressed output
 * always takes them, as in gzip. */
static bool keeps_times(const struct cli_args *a)
{
        return a->mode == CLI_COMPRESS || a->restore_time;
}

/* An error outranks a warning, which outranks success. */
static int worst(int a, int b)
{
        if (a == EXIT_ERROR || b == EXIT_ERROR)
                return EXIT_ERROR;
        return a > b ? a : b;
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

/* Drop the -o output without a word: for when the message already said
 * why (an input that is the output itself). */
static void drop_shared(struct run *r)
{
        if (r->shared_fd >= 0)
                fio_tmp_discard();
        r->shared_fd = -1;
        r->shared_failed = true;
}

static void abandon_shared(struct run *r)
{
        drop_shared(r);
        cli_msg(r->shared, "not written: an input failed, the output would be incomplete");
}

/* A warning, as in gzip: the output is complete, only the input stays.
 * Returns the exit status it sets. */
static int remove_input(const char *path)
{
        if (unlink(path) == 0)
                return EXIT_OK;
        cli_warn(path, "cannot remove: %s", strerror(errno));
        return EXIT_WARNING;
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

        if (!is_stdin && (st = file_check_input(r, path)) != EXIT_OK)
                return st;
        if (shared) {
                dest_name = r->shared;
                dest_exists = r->shared_exists;
                dest_st = r->shared_st;
                if (strcmp(path, dest_name) == 0) {
                        cli_msg(path, "input and output are the same file; "
                                "not overwritten");
                        drop_shared(r);
                        return EXIT_ERROR;
                }
        } else if (on_stdout) {
                dest_name = "stdout";
        } else if (testing) {
                dest_name = "";
        } else {
                if (!(dest = file_output_name(r, path, &st)))
                        return st;
                dest_name = dest;
                if (strcmp(dest, path) == 0) {
                        cli_msg(path, "output file would be the input file (suffix '%s')",
                              a->suffix);
                        st = EXIT_ERROR;
                        goto out;
                }
                if ((st = file_check_output(dest, a->force, &dest_st, &dest_exists)) != EXIT_OK)
                        goto out;
        }

        if ((st = file_open_input(path, r->a->force, &in)) != EXIT_OK)
                goto out;
        if (dest_exists && file_same(&in.st, &dest_st)) {
                cli_msg(in.name, "%s is the same file as the input; not overwritten",
                      dest_name);
                if (shared)
                        drop_shared(r);
                st = EXIT_ERROR;
                goto close;
        }

        if (on_stdout) {
                out_fd = STDOUT_FILENO;
        } else if (shared) {
                if (r->shared_fd < 0 && (r->shared_fd = fio_tmp_open(r->shared)) < 0) {
                        cli_msg_cannot_create(r->shared, errno);
                        /* Said of the output itself: nothing to abandon. */
                        r->shared_failed = true;
                        st = EXIT_ERROR;
                        goto close;
                }
                out_fd = r->shared_fd;
        } else if (!testing) {
                out_fd = fio_tmp_open(dest);
                if (out_fd < 0) {
                        cli_msg_cannot_create(dest, errno);
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
        file_close_input(&in);

        if (res.failure != FIO_OK) {
                file_report_failure(r, &in, dest_name, &res, on_stdout);
                if (dest)
                        fio_tmp_discard();
                st = EXIT_ERROR;
                goto out;
        }
        st = EXIT_OK;
        if (res.trailing) {
                cli_warn(in.name, "decompression OK, trailing garbage ignored%s",
                        a->remove_input && !is_stdin && !on_stdout && !testing
                        ? " (input kept)" : "");
                st = EXIT_WARNING;
        }

        if (dest) {
                const char *what = "";

                if (fio_tmp_commit(dest, attrs_source(&in), keeps_times(a), &what) != 0) {
                        cli_msg(dest, "%s: %s", what, strerror(errno));
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
                st = worst(st, remove_input(path));
        goto out;
close:
        file_close_input(&in);
out:
        free(dest);
        return st;
}

/* The end of a -o run: put the output in place, then remove inputs. */
static int finish_shared(struct run *r)
{
        const char *what = "";
        int i, st = EXIT_OK;

        if (r->shared_fd < 0)
                return EXIT_OK;
        /* One input: the output is its counterpart and gets its mode and
         * times.  Several: a new file, like any other new file. */
        if (fio_tmp_commit(r->shared, r->shared_inputs == 1 && r->shared_attrs_valid
                           ? &r->shared_attrs : NULL, keeps_times(r->a), &what) != 0) {
                r->shared_fd = -1;
                cli_msg(r->shared, "%s: %s", what, strerror(errno));
                return EXIT_ERROR;
        }
        r->shared_fd = -1;
        if (r->a->remove_input)
                for (i = 0; i < r->shared_inputs; i++)
                        if (r->shared_done[i])
                                st = worst(st, remove_input(r->shared_done[i]));
        return st;
}

int file_run_all(struct cli_args *a)
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
            (a->to_stdout || cli_args_reads_stdin(a)) && isatty(STDOUT_FILENO)) {
                cli_msg(NULL, "compressed data not written to a terminal; "
                      "use -f to force, -h for help");
                return EXIT_ERROR;
        }
        if (a->mode != CLI_COMPRESS && !a->force && cli_args_reads_stdin(a) &&
            isatty(STDIN_FILENO)) {
                cli_msg(NULL, "compressed data not read from a terminal; "
                      "use -f to force, -h for help");
                return EXIT_ERROR;
        }

        memset(&r, 0, sizeof(r));
        r.a = a;
        r.shared_fd = -1;
        if (fio_coder_init(&r.coder, &a->params) != 0) {
                cli_msg(NULL, "%s", strerror(errno));
                return EXIT_ERROR;
        }
        if (a->output && (a->mode == CLI_COMPRESS || a->mode == CLI_DECOMPRESS)) {
                r.shared = a->output;
                r.shared_done = calloc((size_t)a->nfiles, sizeof(*r.shared_done));
                if (!r.shared_done) {
                        cli_msg(NULL, "%s", strerror(errno));
                        fio_coder_free(&r.coder);
                        return EXIT_ERROR;
                }
                if (file_check_output(a->output, a->force, &r.shared_st, &r.shared_exists) != EXIT_OK)
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
                st = a->mode == CLI_LIST ? file_list_one(&r, a->files[i])
                                         : process(&r, a->files[i]);
                if (st == EXIT_ERROR && r.shared && !r.shared_failed)
                        abandon_shared(&r);
                r.status = worst(r.status, st);
        }
        if (r.shared && !r.shared_failed)
                r.status = worst(r.status, finish_shared(&r));
        if (a->mode == CLI_LIST)
                file_list_totals(&r);

        free(r.shared_done);
        fio_coder_free(&r.coder);
        return r.status;
}
