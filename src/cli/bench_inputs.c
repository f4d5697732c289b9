/*
 * bench_inputs.c - huff bench's inputs: files and directories read whole
 * into memory, with their byte counts
 *
 * Read once, before anything is timed: the timings must not include reading
 * files, and the matrix uses every file with every other.  A directory
 * gives its regular files, one level, sorted by name, so that the tables
 * come in the same order on every machine.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench.h"
#include "fileio.h"

static int add_file(struct bench_files *fs, const char *path)
{
        struct bench_file *f;
        const char *slash;
        int err;

        if (fs->n == fs->cap) {
                unsigned cap = fs->cap ? 2 * fs->cap : 16;
                struct bench_file *nf = realloc(fs->f, cap * sizeof(*nf));

                if (!nf) {
                        bench_msg(path, "%s", strerror(ENOMEM));
                        return -1;
                }
                fs->f = nf;
                fs->cap = cap;
        }
        f = &fs->f[fs->n];
        memset(f, 0, sizeof(*f));
        f->path = strdup(path);
        if (!f->path) {
                bench_msg(path, "%s", strerror(ENOMEM));
                return -1;
        }
        slash = strrchr(f->path, '/');
        f->name = slash && slash[1] ? slash + 1 : f->path;
        err = fio_read_all(path, &f->data, &f->n);
        if (err) {
                bench_msg(path, "%s", strerror(err));
                free(f->path);
                return -1;
        }
        huff_histogram(f->data, f->n, f->counts);
        fs->bytes += f->n;
        fs->n++;
        return 0;
}

static int cmp_name(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's regular files (links followed), sorted by name; names
 * that start with '.' are left out. */
static int add_dir(struct bench_files *fs, const char *dir)
{
        DIR *d = opendir(dir);
        struct dirent *e;
        char **names = NULL;
        size_t n = 0, cap = 0, i;
        int st = 0;

        if (!d) {
                bench_msg(dir, "%s", strerror(errno));
                return -1;
        }
        while ((e = readdir(d)) != NULL) {
                size_t len = strlen(dir) + strlen(e->d_name) + 2;
                struct stat sb;
                char *path;

                if (e->d_name[0] == '.')
                        continue;
                path = malloc(len);
                if (!path) {
                        st = -1;
                        break;
                }
                snprintf(path, len, "%s%s%s", dir,
                         dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
                if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
                        free(path);
                        continue;
                }
                if (n == cap) {
                        char **nn = realloc(names, (cap = cap ? 2 * cap : 32) * sizeof(*nn));

                        if (!nn) {
                                free(path);
                                st = -1;
                                break;
                        }
                        names = nn;
                }
                names[n++] = path;
        }
        closedir(d);
        if (st != 0)
                bench_msg(dir, "%s", strerror(ENOMEM));
        if (n > 1)
                qsort(names, n, sizeof(*names), cmp_name);
        for (i = 0; i < n; i++) {
                if (st == 0 && add_file(fs, names[i]) != 0)
                        st = -1;
                free(names[i]);
        }
        free(names);
        return st;
}

int bench_add_operand(struct bench_files *fs, const char *path)
{
        struct stat sb;

        if (stat(path, &sb) != 0) {
                bench_msg(path, "%s", strerror(errno));
                return -1;
        }
        if (S_ISDIR(sb.st_mode))
                return add_dir(fs, path);
        if (!S_ISREG(sb.st_mode)) {
                bench_msg(path, "not a regular file or a directory");
                return -1;
        }
        return add_file(fs, path);
}

void bench_files_free(struct bench_files *fs)
{
        unsigned i;

        for (i = 0; i < fs->n; i++) {
                free(fs->f[i].path);
                free(fs->f[i].data);
        }
        free(fs->f);
}
