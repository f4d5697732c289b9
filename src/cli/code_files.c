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
int file_worst(int a, int b)
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

/* --rm with -o: path is to be removed once the output is in place; the
 * name is copied, as -r's names do not outlive their input.  Returns 0, or
 * -1 if out of memory. */
static int note_done(struct run *r, const char *path)
{
        char *copy;

        if (r->shared_ndone == r->shared_done_cap) {
                size_t cap = r->shared_done_cap ? 2 * r->shared_done_cap : 16;
                char **d = realloc(r->shared_done, cap * sizeof(*d));

                if (!d)
                        return -1;
                r->shared_done = d;
                r->shared_done_cap = cap;
        }
        copy = strdup(path);
        if (!copy)
                return -1;
        r->shared_done[r->shared_ndone++] = copy;
        return 0;
}

/* Whether dest is an output this run made (--output-dir-flat: two inputs
 * of the same base name).  Outputs are remembered by device and inode. */
static bool made_by_run(const struct run *r, const struct stat *dest_st)
{
        size_t i;

        for (i = 0; i < r->nmade; i++)
                if (file_same(&r->made[i], dest_st))
                        return true;
        return false;
}

/* Remember dest; failing to costs only the better message later. */
static void note_made(struct run *r, const char *dest)
{
        struct stat st;

        if (!r->a->output_dir || stat(dest, &st) != 0)
                return;
        if (r->nmade == r->made_cap) {
                size_t cap = r->made_cap ? 2 * r->made_cap : 16;
                struct stat *m = realloc(r->made, cap * sizeof(*m));

                if (!m)
                        return;
                r->made = m;
                r->made_cap = cap;
        }
        r->made[r->nmade++] = st;
}

/* Compress, decompress or test one input. */
static int process(struct run *r, const char *operand)
{
        const struct cli_args *a = r->a;
        const bool is_stdin = strcmp(operand, "-") == 0;
        const bool testing = a->mode == CLI_TEST;
        const bool shared = !testing && r->shared;
        const bool on_stdout = !testing && !shared && (a->to_stdout || is_stdin);
        char *dest = NULL, *found;
        const char *dest_name, *path = operand;
        struct stat dest_st;
        bool dest_exists = false;
        struct input in;
        struct fio_result res;
        int out_fd = -1, st;

        found = file_find_input(r, operand, &st);
        if (st != EXIT_OK)
                return st;
        if (found)
                path = found;
        if (!is_stdin && (st = file_check_input(r, path)) != EXIT_OK)
                goto out;
        if (shared) {
                dest_name = r->shared;
                dest_exists = r->shared_exists;
                dest_st = r->shared_st;
                if (strcmp(path, dest_name) == 0) {
                        cli_msg(path, "input and output are the same file; "
                                "not overwritten");
                        drop_shared(r);
                        st = EXIT_ERROR;
                        goto out;
                }
        } else if (on_stdout) {
                dest_name = "stdout";
        } else if (testing) {
                dest_name = "";
        } else {
                if (!(dest = file_output_name(r, path, &st)))
                        goto out;
                dest_name = dest;
                if (strcmp(dest, path) == 0) {
                        cli_msg(path, "output file would be the input file (suffix '%s')",
                              a->suffix);
                        st = EXIT_ERROR;
                        goto out;
                }
                if (!a->force && lstat(dest, &dest_st) == 0 && made_by_run(r, &dest_st)) {
                        cli_msg(dest, "is already the output of another input of that "
                              "name; not overwritten (-f overwrites)");
                        st = EXIT_ERROR;
                        goto out;
                }
                if ((st = file_check_output(dest, a->force, &dest_st, &dest_exists)) != EXIT_OK)
                        goto out;
        }

        if ((st = file_open_input(path, file_follows(r), &in)) != EXIT_OK)
                goto out;
        if (dest_exists && file_same(&in.st, &dest_st)) {
                cli_msg(in.name, "%s is the same file as the input; not overwritten",
                      dest_name);
                if (shared)
                        drop_shared(r);
                st = EXIT_ERROR;
                goto close;
        }
        /* -r may come upon -o's temporary file: it would read itself. */
        if (shared && r->shared_fd >= 0 && fstat(r->shared_fd, &dest_st) == 0 &&
            file_same(&in.st, &dest_st)) {
                cli_msg(in.name, "is the temporary file of %s; not read", dest_name);
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
        /* gzip's -dcf, zcat -f: only to stdout, and only when forced, so
         * that a file that is not .huf is never mistaken for output. */
        r->coder.pass_plain = a->mode == CLI_DECOMPRESS && on_stdout && a->force;
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
                note_made(r, dest);
        }
        if (shared) {
                r->shared_attrs = in.st;
                r->shared_attrs_valid = attrs_source(&in) != NULL;
                if (a->remove_input && !is_stdin && !res.trailing &&
                    note_done(r, path) != 0) {
                        cli_msg(path, "%s", strerror(ENOMEM));
                        st = EXIT_ERROR;
                        goto out;
                }
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
                st = file_worst(st, remove_input(path));
        goto out;
close:
        file_close_input(&in);
out:
        free(dest);
        free(found);
        return st;
}

int file_run_file(struct run *r, const char *path)
{
        int st;

        if (r->shared_failed)
                return EXIT_OK;         /* said already, by abandon_shared() */
        st = r->a->mode == CLI_LIST ? file_list_one(r, path) : process(r, path);
        if (st == EXIT_ERROR && r->shared && !r->shared_failed)
                abandon_shared(r);
        return st;
}

/* The end of a -o run: put the output in place, then remove inputs. */
static int finish_shared(struct run *r)
{
        const char *what = "";
        size_t i;
        int st = EXIT_OK;

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
        for (i = 0; i < r->shared_ndone; i++)
                st = file_worst(st, remove_input(r->shared_done[i]));
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

        /* Before anything is read: what was written would be lost (gzip
         * says so on its first write). */
        if (file_std_closed(STDOUT_FILENO) && (a->mode == CLI_LIST ||
            (a->mode != CLI_TEST && !a->output &&
             (a->to_stdout || cli_args_reads_stdin(a))))) {
                cli_msg("stdout", "%s", strerror(EBADF));
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
                if (file_check_output(a->output, a->force, &r.shared_st, &r.shared_exists) != EXIT_OK)
                        r.shared_failed = true;
                r.status = r.shared_failed ? EXIT_ERROR : EXIT_OK;
        }

        /* With -o, the first error ends the run: the output would lack
         * an input, so it is not written, and the remaining inputs would
         * be work for nothing.  Otherwise a bad file leaves the others to
         * be done. */
        for (i = 0; i < a->nfiles && !r.shared_failed; i++)
                r.status = file_worst(r.status, file_run_one(&r, a->files[i]));
        if (r.shared && !r.shared_failed)
                r.status = file_worst(r.status, finish_shared(&r));
        if (a->mode == CLI_LIST)
                file_list_totals(&r);

        while (r.shared_ndone > 0)
                free(r.shared_done[--r.shared_ndone]);
        free(r.shared_done);
        free(r.made);
        fio_coder_free(&r.coder);
        return r.status;
}
