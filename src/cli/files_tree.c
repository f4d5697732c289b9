/*
 * files_tree.c - huff -r: the files below a directory operand, each handed
 * to file_run_file() as if it had been named on the command line
 *
 * gzip's -r.  Compressing, every file below is taken (file_output_name()
 * passes over the names that already have the suffix, silently: they are
 * an earlier run's outputs); decompressing, testing or listing, only the
 * names with the suffix, the others passed over silently.  A symbolic link
 * to a directory is never followed (file_check_input() says so), and a
 * directory already being walked is not entered again, so that a walk
 * always ends.  Only the operand itself may be a link to a directory,
 * followed where links are (file_follows()): the user named it.
 *
 * Entries are taken in name order (scandir(), alphasort()): with -c or -o
 * the output then does not depend on the order of the directory on disk.
 * They are all read before the first is coded, so outputs written into the
 * directory during the walk are not walked in turn.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exit_codes.h"
#include "file_run.h"
#include "msg.h"

/* The directories being walked, innermost first. */
struct ancestor {
        struct stat st;
        const struct ancestor *up;
};

/* dir/name, malloc'd; NULL if out of memory. */
static char *join(const char *dir, const char *name)
{
        size_t d = strlen(dir), cap = d + strlen(name) + 2;
        char *p = malloc(cap);

        if (p)
                snprintf(p, cap, "%s%s%s", dir, d > 0 && dir[d - 1] != '/' ? "/" : "",
                         name);
        return p;
}

/* Whether a file found below is one to hand on: see the top of the file. */
static bool wanted(const struct run *r, const char *path)
{
        return r->a->mode == CLI_COMPRESS || file_has_suffix(path, r->a->suffix);
}

static int walk(struct run *r, const char *dir, const struct stat *dir_st,
                const struct ancestor *up);

/* One entry of a directory: a directory is walked, a file handed on. */
static int entry(struct run *r, const char *path, const struct ancestor *up)
{
        struct stat st;
        int status;

        if (lstat(path, &st) != 0) {
                /* Removed since the directory was read. */
                cli_msg(path, "%s", strerror(errno));
                return EXIT_ERROR;
        }
        if (S_ISDIR(st.st_mode))
                return walk(r, path, &st, up);
        if (!wanted(r, path))
                return EXIT_OK;
        r->in_tree = true;
        status = file_run_file(r, path);
        r->in_tree = false;
        return status;
}

static int walk(struct run *r, const char *dir, const struct stat *dir_st,
                const struct ancestor *up)
{
        const struct ancestor me = { *dir_st, up };
        const struct ancestor *a;
        struct dirent **names;
        int n, i, status = EXIT_OK;

        for (a = up; a; a = a->up)
                if (file_same(&a->st, dir_st)) {
                        cli_warn(dir, "is a directory already being walked -- "
                                 "not entered again");
                        return EXIT_WARNING;
                }
        n = scandir(dir, &names, NULL, alphasort);
        if (n < 0) {
                cli_msg(dir, "%s", strerror(errno));
                return EXIT_ERROR;
        }
        for (i = 0; i < n; i++) {
                const char *name = names[i]->d_name;
                char *path;

                /* With -o, an error has abandoned the output: walk no further. */
                if (r->shared_failed || strcmp(name, ".") == 0 ||
                    strcmp(name, "..") == 0)
                        continue;
                path = join(dir, name);
                if (!path) {
                        cli_msg(dir, "%s", strerror(ENOMEM));
                        status = EXIT_ERROR;
                        continue;
                }
                status = file_worst(status, entry(r, path, &me));
                free(path);
        }
        for (i = 0; i < n; i++)
                free(names[i]);
        free(names);
        return status;
}

int file_run_one(struct run *r, const char *path)
{
        struct stat st;

        if (!r->a->recursive || strcmp(path, "-") == 0 || lstat(path, &st) != 0)
                return file_run_file(r, path);
        if (S_ISLNK(st.st_mode) && (!file_follows(r) || stat(path, &st) != 0))
                return file_run_file(r, path);  /* which says why not */
        if (!S_ISDIR(st.st_mode))
                return file_run_file(r, path);
        return walk(r, path, &st, NULL);
}
