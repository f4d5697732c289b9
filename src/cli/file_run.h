/*
 * file_run.h - one run of huff, unhuff or hufcat over its inputs, shared by
 * the files that do it, which call only downwards:
 *   code_files.c   compress, decompress or test each input (the top)
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
 * file_check_input - decide from lstat() whether an input is to be read at
 * all; nothing is opened yet (opening a FIFO would block).  Returns
 * EXIT_OK to go on, or the status of the message printed.
 * file_open_input - open path ("-": stdin) into *in; without force, not
 * through a link, and a file that is not regular is skipped.  Returns
 * EXIT_OK, or the status of the message printed.
 */
int file_check_input(const struct run *r, const char *path);
int file_open_input(const char *path, bool force, struct input *in);
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
