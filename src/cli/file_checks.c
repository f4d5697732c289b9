/*
 * file_checks.c - the files huff, unhuff and hufcat read and write: which
 * may be read at all, which may be written, what an output is called, and
 * how a failure of either is worded
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
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huff.h"
#include "exit_codes.h"
#include "file_run.h"
#include "msg.h"

static bool has_suffix(const char *file, const char *suffix)
{
        size_t n = strlen(file), s = strlen(suffix);
        const char *base = strrchr(file, '/');

        base = base ? base + 1 : file;
        /* "dir/.huf" has no name left once the suffix is taken away. */
        return s > 0 && strlen(base) > s && strcmp(file + n - s, suffix) == 0;
}

bool file_same(const struct stat *x, const struct stat *y)
{
        return x->st_dev == y->st_dev && x->st_ino == y->st_ino;
}

/*
 * Decide from lstat() whether an input is to be read at all; nothing is
 * opened yet (opening a FIFO would block).  Returns EXIT_OK to go on, or the
 * status of the message printed.
 */
int file_check_input(const struct run *r, const char *path)
{
        struct stat st;

        if (lstat(path, &st) != 0) {
                cli_msg(path, "%s", strerror(errno));
                return EXIT_ERROR;
        }
        if (S_ISLNK(st.st_mode)) {
                if (!r->a->force) {
                        cli_warn(path, "is a symbolic link -- ignored (-f follows it)");
                        return EXIT_WARNING;
                }
                if (stat(path, &st) != 0) {
                        cli_msg(path, "%s", strerror(errno));
                        return EXIT_ERROR;
                }
        }
        if (S_ISDIR(st.st_mode)) {
                cli_warn(path, "is a directory -- ignored");
                return EXIT_WARNING;
        }
        if (!S_ISREG(st.st_mode) && !r->a->force) {
                cli_warn(path, "is not a regular file -- ignored (-f reads it)");
                return EXIT_WARNING;
        }
        return EXIT_OK;
}

void file_close_input(struct input *in)
{
        if (!in->is_stdin)
                close(in->fd);
}

int file_open_input(const char *path, bool force, struct input *in)
{
        memset(in, 0, sizeof(*in));
        in->content_size = HUFF_CONTENT_SIZE_UNKNOWN;
        if (strcmp(path, "-") == 0) {
                in->name = "stdin";
                in->is_stdin = true;
                in->fd = STDIN_FILENO;
        } else {
                /* O_NOFOLLOW closes the race with file_check_input(): a file
                 * swapped for a link in between is not followed. */
                int flags = O_RDONLY | O_NOCTTY | (force ? 0 : O_NOFOLLOW);

                in->name = path;
                in->fd = open(path, flags);
                if (in->fd < 0) {
                        cli_msg(path, "%s", strerror(errno));
                        return EXIT_ERROR;
                }
        }
        if (fstat(in->fd, &in->st) != 0) {
                cli_msg(in->name, "%s", strerror(errno));
                file_close_input(in);
                return EXIT_ERROR;
        }
        if (!in->is_stdin && !S_ISREG(in->st.st_mode) && !force) {
                /* Replaced by a FIFO or device since file_check_input(). */
                cli_warn(in->name, "is not a regular file -- ignored (-f reads it)");
                file_close_input(in);
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

/* The named output of one input, or NULL with the message printed and
 * *status set. */
char *file_output_name(const struct run *r, const char *path, int *status)
{
        const char *suffix = r->a->suffix;
        size_t n = strlen(path), s = strlen(suffix);
        char *dest;

        if (r->a->mode == CLI_COMPRESS) {
                if (has_suffix(path, suffix) && !r->a->force) {
                        cli_warn(path, "already has %s suffix -- unchanged", suffix);
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
                        cli_warn(path, "unknown suffix (not %s) -- ignored; "
                              "use -c or -o to decompress it", suffix);
                        *status = EXIT_WARNING;
                        return NULL;
                }
                dest = malloc(n - s + 1);
                if (dest) {
                        memcpy(dest, path, n - s);
                        dest[n - s] = '\0';
                }
        }
        if (!dest) {
                cli_msg(path, "%s", strerror(ENOMEM));
                *status = EXIT_ERROR;
        }
        return dest;
}

/*
 * May dest be written?  Not if it exists, without -f; never if it is a
 * directory.  *exists says whether it exists, and then *dest_st is its
 * lstat(), for the caller to check that it is not the input.
 */
int file_check_output(const char *dest, bool force, struct stat *dest_st,
                        bool *exists)
{
        *exists = lstat(dest, dest_st) == 0;
        if (!*exists) {
                if (errno == ENOENT)
                        return EXIT_OK;
                cli_msg(dest, "%s", strerror(errno));
                return EXIT_ERROR;
        }
        if (S_ISDIR(dest_st->st_mode)) {
                cli_msg(dest, "is a directory; not overwritten");
                return EXIT_ERROR;
        }
        if (!force) {
                cli_msg(dest, "already exists; use -f to overwrite");
                return EXIT_ERROR;
        }
        return EXIT_OK;
}

/* Word a failure of fio_encode/fio_decode.  on_stdout: the output went to
 * stdout, where bytes written cannot be taken back. */
void file_report_failure(const struct run *r, const struct input *in,
                           const char *dest, const struct fio_result *res,
                           bool on_stdout)
{
        const char *note = on_stdout && res->out_bytes > 0
                ? " (output on stdout is incomplete or wrong)" : "";

        switch (res->failure) {
        case FIO_OK:
                break;
        case FIO_READ:
                cli_msg(in->name, "read error: %s%s", strerror(res->err), note);
                break;
        case FIO_WRITE:
                cli_msg(dest, "write error: %s", strerror(res->err));
                break;
        case FIO_CODEC:
                if (r->a->mode == CLI_COMPRESS && res->status == HUFF_ERR_CONTENT_SIZE)
                        cli_msg(in->name, "file changed size while being read%s", note);
                else if (res->status == HUFF_ERR_MODEL_REQUIRED)
                        cli_msg(in->name, "compressed with model %08" PRIx32
                              "; give it with -M%s", res->model_wanted, note);
                else if (res->status == HUFF_ERR_MODEL_MISMATCH)
                        cli_msg(in->name, "compressed with model %08" PRIx32
                              ", not with %s (%08" PRIx32 ")%s", res->model_wanted,
                              cli_input_name(r->a->model), huff_model_id(r->a->params.model), note);
                else if (res->status == HUFF_ERR_MODEL_UNUSED)
                        cli_msg(in->name, "compressed without a model, but -M %s was "
                              "given%s", cli_input_name(r->a->model), note);
                else
                        cli_msg(in->name, "%s%s", huff_strerror(res->status), note);
                break;
        }
}
