/*
 * file_run.h - one run of huff, unhuff or hufcat over its inputs, shared by
 * the files that do it, which call only downwards:
 *   code_files.c   compress, decompress or test each input (the top)
 *   files_tree.c   -r: the files below a directory, to either of these
 *   list_files.c   -l
 *   file_checks.c  which inputs may be read and outputs written, their
 *                  names, and how failures are worded (the bottom)
 */
#ifndef HUFF_CLI_FILE_RUN_H
#define HUFF_CLI_FILE_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "args.h"
#include "fileio.h"

struct run {
        const struct cli_args *a;
        struct fio_coder coder;
        int status;
        bool in_tree;                   /* the input was found by -r */

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
        char **shared_done;             /* --rm: inputs put in (copies) */
        size_t shared_ndone, shared_done_cap;

        /* --output-dir-flat: the outputs made, to tell two inputs of the
         * same base name from an output of an earlier run */
        struct stat *made;
        size_t nmade, made_cap;

        /* -l */
        int listed;
        struct huff_stats total;
        int with_model;                 /* files listed that had a model */
        uint32_t model_id;              /* the first one's */
        bool models_differ;             /* another's was not the same */
};

struct input {
        const char *name;       /* for messages */
        int fd;
        struct stat st;         /* fstat of fd */
        bool is_stdin;
        uint64_t content_size;
};

/* file_run_all - every input of a (none: stdin), in a->mode.  Returns the
 * exit status, the worst of the inputs'. */
int file_run_all(struct cli_args *a);

/* file_list_one - one line of -l for path, its figures added to r->total.
 * file_list_totals - the totals line of the files listed, when several
 * were named (some may have failed). */
int file_list_one(struct run *r, const char *path);
void file_list_totals(const struct run *r);

/*
 * file_run_one - one operand: with -r a directory is walked (files_tree.c),
 * anything else goes to file_run_file().  Returns the exit status, the
 * worst of the files'.
 * file_run_file - compress, decompress, test or list one input; with -o,
 * an error abandons the output (r->shared_failed: nothing more is done).
 * file_worst - the exit status of a and b together: an error outranks a
 * warning, which outranks success.
 */
int file_run_one(struct run *r, const char *path);
int file_run_file(struct run *r, const char *path);
int file_worst(int a, int b);

/*
 * file_guard_std_fds - at start: put /dev/null (read-only) where stdin,
 * stdout or stderr is closed, so that no file opened later takes its
 * number, and remember which were.  file_std_closed - whether fd was.
 */
void file_guard_std_fds(void);
bool file_std_closed(int fd);

/* file_has_suffix - file ends in suffix (in any case) and has a name left
 * before it. */
bool file_has_suffix(const char *file, const char *suffix);

/* file_in_place - a's outputs are written beside its inputs, or its
 * inputs removed.  file_follows - r's inputs may be links (followed) or
 * FIFOs and devices (read): not in place, or -f. */
bool file_in_place(const struct cli_args *a);
bool file_follows(const struct run *r);

/*
 * file_find_input - decompressing, testing or listing path that does not
 * exist and lacks the suffix: path with the suffix, malloc'd, if that
 * exists (gzip's FILE -> FILE.gz).  NULL to use path as it is, or after a
 * message with *status EXIT_ERROR.
 */
char *file_find_input(const struct run *r, const char *path, int *status);

/*
 * file_check_input - decide from lstat() whether an input is to be read at
 * all; nothing is opened yet (opening a FIFO would block).  Returns
 * EXIT_OK to go on, or the status of the message printed.
 * file_open_input - open path ("-": stdin) into *in; unless follow, not
 * through a link, and a file that is not regular is skipped.  Returns
 * EXIT_OK, or the status of the message printed (stdin closed at start:
 * EBADF, an error).
 */
int file_check_input(const struct run *r, const char *path);
int file_open_input(const char *path, bool follow, struct input *in);
void file_close_input(struct input *in);

/* file_output_name - the named output of one input (malloc'd), or NULL
 * with the message printed and *status set. */
char *file_output_name(const struct run *r, const char *path, int *status);

/*
 * file_check_output - may dest be written?  Not if it exists, without
 * force; never if it is a directory.  *exists says whether it exists, and
 * then *dest_st is its lstat(), for the caller to check that it is not the
 * input.  Returns EXIT_OK, or EXIT_ERROR after a message.
 */
int file_check_output(const char *dest, bool force, struct stat *dest_st,
                      bool *exists);

/* file_same - x and y are the same file. */
bool file_same(const struct stat *x, const struct stat *y);

/* file_report_failure - word a failure of fio_encode/fio_decode.
 * on_stdout: the output went to stdout, where bytes written cannot be
 * taken back. */
void file_report_failure(const struct run *r, const struct input *in,
                         const char *dest, const struct fio_result *res,
                         bool on_stdout);

#endif /* HUFF_CLI_FILE_RUN_H */
