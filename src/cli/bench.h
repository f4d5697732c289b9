/*
 * bench.h - "huff bench", shared by its files, which call only downwards:
 *   bench_cmd.c      options and the run (the top)
 *   bench_speed.c, bench_model.c (mismatch matrix and model sweep),
 *   bench_small.c (small files against a shared model), bench_plot.c,
 *   bench_inputs.c, bench_machine.c   the sections and what they measure
 *   bench_huff0.c    zstd's Huffman coder, when built in, for --speed
 *   bench_table.c    result tables in text, JSON and CSV
 *   bench_util.c     messages, progress lines, the clock (the bottom)
 *
 * Every section fills tables of rows; a table knows its columns, and
 * bench_table.c prints any table in any format, so a figure is named once
 * and appears alike in the text, the JSON and the CSV.
 */
#ifndef HUFF_CLI_BENCH_H
#define HUFF_CLI_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "huff.h"
#include "output.h"

/* bench_main - run "huff bench"; argv[0] is "bench".  Returns the exit
 * status: 0, or 1 after an error (a failed round trip is an error). */
int bench_main(int argc, char **argv);

/* ------------------------------------------------------------------------ */
/* Inputs                                                                    */

struct bench_file {
        char *path;             /* as named, or DIR/NAME */
        const char *name;       /* its last component, for tables */
        unsigned char *data;
        size_t n;
        uint64_t counts[256];
};

struct bench_files {
        struct bench_file *f;
        unsigned n, cap;
        uint64_t bytes;         /* Σ n */
};

/*
 * bench_add_operand - add path to fs: a regular file, or a directory's
 * regular files (links followed, names starting with '.' left out), by
 * name.  Returns 0, or -1 after a message.
 */
int bench_add_operand(struct bench_files *fs, const char *path);
void bench_files_free(struct bench_files *fs);

/* ------------------------------------------------------------------------ */
/* Tables                                                                    */

enum bench_kind { BK_STR, BK_UINT, BK_NUM, BK_BOOL };

struct bench_col {
        const char *key;        /* JSON and CSV name */
        const char *head;       /* text heading; NULL: not in the text */
        enum bench_kind kind;
        int decimals;           /* text, BK_NUM: digits after the point;
                                   -1: out_fig() (4, or 6 significant) */
        bool join;              /* text: after the previous column's value,
                                   in its cell, as "best/median" */
};

/* The columns of a table of struct bench_col. */
#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

struct bench_val {
        bool valid;             /* false: null, "-" in the text */
        uint64_t u;
        double d;
        char *s;                /* owned */
};

struct bench_table {
        const char *name;       /* the "table" field of JSON and CSV */
        char *title;            /* text: the line above the table */
        const struct bench_col *cols;
        unsigned ncols;
        struct bench_val *v;    /* rows * ncols, row by row */
        unsigned rows, cap, at; /* at: values put in the current row */
        char *notes;            /* text: lines below the table */
        bool vertical;          /* text: a "heading  value" line per column
                                   (for tables of one wide row) */
};

/* bench_table_new - an empty table; NULL if out of memory. */
struct bench_table *bench_table_new(const char *name, const char *title,
                                    const struct bench_col *cols, unsigned ncols);
void bench_table_free(struct bench_table *t);

/*
 * Rows: bench_row() starts one, then one bench_put_*() per column, in the
 * order of the columns.  Returns 0, or -1 if out of memory (the table is
 * then unusable and printing it says so).
 */
int bench_row(struct bench_table *t);
void bench_put_str(struct bench_table *t, const char *s);
void bench_put_uint(struct bench_table *t, uint64_t u);
void bench_put_num(struct bench_table *t, double d);    /* NaN: null */
void bench_put_bool(struct bench_table *t, bool b);
void bench_put_null(struct bench_table *t);

/* bench_note - a line printed under the table in the text (printf-like). */
void bench_note(struct bench_table *t, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* The value of column key in row r, or NULL if there is no such column. */
const struct bench_val *bench_get(const struct bench_table *t, unsigned r,
                                  const char *key);

/* Where the tables go: standard output in one format, and with --save
 * DIR also DIR/bench.txt, DIR/bench.json and DIR/<table>.csv. */
struct bench_sink {
        enum out_format format;
        FILE *text, *json;      /* --save; NULL otherwise */
        const char *save_dir;
        bool csv_started;       /* stdout: a table's CSV has been printed */
        bool failed;            /* a write to a saved file failed */
};

/* bench_emit - print t to every destination of s. */
void bench_emit(struct bench_sink *s, const struct bench_table *t);

/* bench_emit_header - the machine: text lines, or a JSON/CSV record of
 * table "machine" from fields cpu, cores, compiler, ... */
void bench_emit_header(struct bench_sink *s, const struct bench_table *machine);

/* ------------------------------------------------------------------------ */
/* Sections                                                                  */

struct bench_opts {
        unsigned runs;          /* timed runs after the warm-up */
        double min_time_ms;     /* a timed run repeats a call this long */
        uint64_t alpha_num, alpha_den;  /* smoothing of models */
        const char *smooth;     /* as given */
        unsigned max_len;       /* code length limit of models and of L_p */
        size_t *pieces;         /* piece sizes for --small */
        unsigned npieces;
        int level;              /* --speed: huff's level, -1..-9 */
        bool quiet;             /* no progress on stderr */
};

/* bench_machine - the table "machine": CPU, cores, system, compiler, build,
 * versions, date, o's runs and fs's size.  NULL if out of memory. */
struct bench_table *bench_machine(const struct bench_opts *o,
                                  const struct bench_files *fs);

/* The results a section hands on: the tables it printed (owned by the
 * caller once returned), for the plots. */
struct bench_results {
        struct bench_table *speed, *size;
        struct bench_table *matrix, *matrix_summary, *matrix_apart;
        struct bench_table *sweep, *sweep_mean;
        struct bench_table *small, *small_breakeven;
};

/*
 * Each section measures, fills its tables in *res and prints them to s.
 * Returns 0, or -1 after a message (out of memory, a library error, or a
 * round trip that did not give back the input).
 */
int bench_speed(const struct bench_opts *o, const struct bench_files *fs,
                struct bench_sink *s, struct bench_results *res);
int bench_matrix(const struct bench_opts *o, const struct bench_files *fs,
                 struct bench_sink *s, struct bench_results *res);
int bench_sweep(const struct bench_opts *o, const struct bench_files *fs,
                struct bench_sink *s, struct bench_results *res);
int bench_small(const struct bench_opts *o, const struct bench_files *fs,
                const struct bench_files *train, struct bench_sink *s,
                struct bench_results *res);

/*
 * bench_plot - write the plots' data, a gnuplot script and, when gnuplot
 * is installed, SVG files into dir.  Returns 0, 1 when gnuplot is missing
 * (after a note; the data and script are written), or -1 after an error.
 */
int bench_plot(const char *dir, const struct bench_results *res);

/* ------------------------------------------------------------------------ */
/* huff0, zstd's Huffman coder (bench_huff0.c)                               */

/* bench_huff0_built - whether the build has huff0 (make HUFF0_SRC=DIR);
 * without it every other bench_huff0_*() fails or returns NULL. */
bool bench_huff0_built(void);
/* The zstd version of the sources huff0 was built from; NULL without. */
const char *bench_huff0_version(void);

/* A coder's tables and workspaces, made once: NULL if out of memory or not
 * built.  Not to be shared between threads. */
struct bench_huff0 *bench_huff0_new(void);
void bench_huff0_free(struct bench_huff0 *h);       /* NULL: no-op */
/* Whether h decodes with huff0's BMI2 loops (the CPU has BMI2). */
bool bench_huff0_bmi2(const struct bench_huff0 *h);

/* The most bytes bench_huff0_compress() makes of n bytes. */
size_t bench_huff0_bound(size_t n);

/*
 * bench_huff0_compress - src[0..n) as 128 KiB blocks, each coded by huff0
 * with its own table (or stored) behind 8 bytes of sizes, into
 * dst[0..cap); *size the bytes made.  bench_huff0_decompress() - the
 * reverse, into dst[0..cap).  Both return 0, or -1 when huff0 fails, the
 * input is not such blocks, or dst is too small.
 */
int bench_huff0_compress(struct bench_huff0 *h, unsigned char *dst, size_t cap,
                         size_t *size, const unsigned char *src, size_t n);
int bench_huff0_decompress(struct bench_huff0 *h, unsigned char *dst, size_t cap,
                           size_t *size, const unsigned char *src, size_t n);

/* bench_util.c: "huff: bench: message" (name NULL) or "huff: NAME: message" on stderr. */
void bench_msg(const char *name, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Progress on stderr, unless quiet: what is being measured. */
void bench_progress(const struct bench_opts *o, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* bench_now - CLOCK_MONOTONIC in seconds. */
double bench_now(void);

#endif /* HUFF_CLI_BENCH_H */
