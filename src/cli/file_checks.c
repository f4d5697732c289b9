/*
 * file_checks.c - the files huff, unhuff and hufcat read and write: which
 * may be read at all, which may be written, what an output is called, and
 * how a failure of either is worded
 *
 * Input files that are not regular files, the gzip way.  Where an output
 * is written beside the input or the input is removed (the run is "in
 * place"), a link or a FIFO could be replaced or drained by surprise, so:
 *   - a symbolic link named on the command line is skipped with a warning
 *     unless -f, then followed: gzip refuses links so that --rm never
 *     removes a link while compressing what it points to by surprise;
 *   - a FIFO, device or socket is skipped with a warning unless -f, then
 *     read like stdin (its size unknown), so "huff -f fifo" works as in
 *     gzip.
 * Where nothing is written beside the input and nothing removed (-c, -t,
 * -l, -o FILE, --output-dir-flat, hufcat), both are read without -f, as
 * gzip reads them: "huff -c <(cmd)" and "huff -t link.huf" just work.
 * A directory is skipped with a warning, even with -f, unless -r (the
 * walk is files_tree.c's); inside a tree, links to directories are never
 * followed and only regular files are read, so that a walk neither loops
 * nor blocks on a FIFO.  A skipped input is a warning (exit status 2),
 * never an error.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huff.h"
#include "exit_codes.h"
#include "file_run.h"
#include "msg.h"

/* Closed standard descriptors found at start (file_guard_std_fds()). */
static bool std_closed[STDERR_FILENO + 1];

void file_guard_std_fds(void)
{
        int fd;

        /* A closed stdin/stdout/stderr would be reused by the next open(),
         * and compressed data could end up where messages go.  /dev/null
         * read-only keeps the slot; std_closed remembers, so that reading
         * stdin or writing stdout fails with EBADF as gzip's does. */
        for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
                if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
                        continue;
                if (open("/dev/null", O_RDONLY) != fd)
                        exit(EXIT_ERROR);
                std_closed[fd] = true;
        }
}

bool file_std_closed(int fd)
{
        return fd >= 0 && fd <= STDERR_FILENO && std_closed[fd];
}

/* The suffix in any case, as gzip takes "FILE.GZ": names made on systems
 * that do not keep case still decompress. */
bool file_has_suffix(const char *file, const char *suffix)
{
        size_t n = strlen(file), s = strlen(suffix);
        const char *base = strrchr(file, '/');

        base = base ? base + 1 : file;
        /* "dir/.huf" has no name left once the suffix is taken away. */
        return s > 0 && strlen(base) > s && strcasecmp(file + n - s, suffix) == 0;
}

bool file_same(const struct stat *x, const struct stat *y)
{
        return x->st_dev == y->st_dev && x->st_ino == y->st_ino;
}

bool file_in_place(const struct cli_args *a)
{
        if (a->mode == CLI_TEST || a->mode == CLI_LIST || a->to_stdout)
                return false;
        return !(a->output || a->output_dir) || a->remove_input;
}

/* Links are followed and FIFOs read unless that could replace or remove
 * what the user did not mean to (see the top of this file). */
bool file_follows(const struct run *r)
{
        return r->a->force || !file_in_place(r->a);
}

char *file_find_input(const struct run *r, const char *path, int *status)
{
        const char *suffix = r->a->suffix;
        size_t n = strlen(path), s = strlen(suffix);
        struct stat st;
        char *alt;

        *status = EXIT_OK;
        /* gzip -d FILE looks for FILE.gz: only when FILE does not exist,
         * and never for a name that has the suffix already. */
        if (r->a->mode == CLI_COMPRESS || s == 0 || strcmp(path, "-") == 0 ||
            file_has_suffix(path, suffix) || lstat(path, &st) == 0 ||
            errno != ENOENT)
                return NULL;
        alt = malloc(n + s + 1);
        if (!alt) {
                cli_msg(path, "%s", strerror(ENOMEM));
                *status = EXIT_ERROR;
                return NULL;
        }
        memcpy(alt, path, n);
        memcpy(alt + n, suffix, s + 1);
        if (lstat(alt, &st) == 0)
                return alt;
        free(alt);
        return NULL;
}

int file_check_input(const struct run *r, const char *path)
{
        const bool follow = file_follows(r);
        struct stat st;

        if (lstat(path, &st) != 0) {
                cli_msg(path, "%s", strerror(errno));
                return EXIT_ERROR;
        }
        if (S_ISLNK(st.st_mode)) {
                struct stat to;

                /* Inside a tree, never into a directory, even with -f. */
                if (r->in_tree && stat(path, &to) == 0 && S_ISDIR(to.st_mode)) {
                        cli_warn(path, "is a symbolic link to a directory -- not followed");
                        return EXIT_WARNING;
                }
                if (!follow) {
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
        if (!S_ISREG(st.st_mode) && r->in_tree) {
                cli_warn(path, "is not a regular file -- ignored (found by -r)");
                return EXIT_WARNING;
        }
        if (!S_ISREG(st.st_mode) && !follow) {
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

int file_open_input(const char *path, bool follow, struct input *in)
{
        memset(in, 0, sizeof(*in));
        in->content_size = HUFF_CONTENT_SIZE_UNKNOWN;
        if (strcmp(path, "-") == 0) {
                in->name = "stdin";
                in->is_stdin = true;
                in->fd = STDIN_FILENO;
                if (file_std_closed(STDIN_FILENO)) {
                        cli_msg(in->name, "%s", strerror(EBADF));
                        return EXIT_ERROR;
                }
        } else {
                /* O_NOFOLLOW closes the race with file_check_input(): a file
                 * swapped for a link in between is not followed. */
                int flags = O_RDONLY | O_NOCTTY | (follow ? 0 : O_NOFOLLOW);

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
        if (!in->is_stdin && !S_ISREG(in->st.st_mode) && !follow) {
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
 * *status set.  --output-dir-flat DIR: in DIR, under the input's base
 * name (zstd's option: the tree above the inputs is not kept). */
char *file_output_name(const struct run *r, const char *path, int *status)
{
        const char *suffix = r->a->suffix, *dir = r->a->output_dir;
        const char *name = path, *slash, *sep = "";
        size_t s = strlen(suffix), keep, cap;
        char *dest;

        if (r->a->mode == CLI_COMPRESS) {
                if (file_has_suffix(path, suffix) && !r->a->force) {
                        /* -r meets the outputs of an earlier run: they are
                         * no news (gzip says nothing then either). */
                        if (!r->in_tree || r->a->verbosity >= 2)
                                cli_warn(path, "already has %s suffix -- unchanged", suffix);
                        *status = r->in_tree ? EXIT_OK : EXIT_WARNING;
                        return NULL;
                }
        } else if (!file_has_suffix(path, suffix)) {
                cli_warn(path, "unknown suffix (not %s) -- ignored; "
                      "use -c or -o to decompress it", suffix);
                *status = EXIT_WARNING;
                return NULL;
        }
        if (dir) {
                size_t d = strlen(dir);

                slash = strrchr(path, '/');
                name = slash ? slash + 1 : path;
                sep = d > 0 && dir[d - 1] != '/' ? "/" : "";
        } else {
                dir = "";
        }
        /* Compressing, the name and the suffix; else the name without. */
        keep = strlen(name) - (r->a->mode == CLI_COMPRESS ? 0 : s);
        cap = strlen(dir) + 1 + keep + s + 1;
        dest = malloc(cap);
        if (!dest) {
                cli_msg(path, "%s", strerror(ENOMEM));
                *status = EXIT_ERROR;
                return NULL;
        }
        snprintf(dest, cap, "%s%s%.*s%s", dir, sep, (int)keep, name,
                 r->a->mode == CLI_COMPRESS ? suffix : "");
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
