/*
 * output.h - the formatting shared by huff's measuring subcommands (report,
 * bench): aligned text tables, figures to a fixed number of digits, and
 * JSON and CSV values at full precision
 *
 * One place for these so that "huff report" and "huff bench" print a number,
 * an infinity or a file name the same way in every format.
 */
#ifndef HUFF_CLI_OUTPUT_H
#define HUFF_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* What --format names: the text tables, JSON or CSV. */
enum out_format { OUT_TEXT, OUT_JSON, OUT_CSV };

/* out_format_parse - --format's value: "text", "json" or "csv" into *f.
 * Returns 0, or -1 after "huff: CMD: unknown format ..." for another. */
int out_format_parse(const char *cmd, const char *name, enum out_format *f);

/* The longest cell of a text table, and out_fig()'s buffer, with its NUL. */
#define OUT_CELL 48
/* The most columns a text table has. */
#define OUT_MAX_COLS 32

/* A table of cells, each column as wide as its widest cell. */
struct out_table {
        unsigned rows, cols, at;
        const char *align;      /* a character per column: 'l' or 'r' */
        char (*cell)[OUT_CELL];
};

/*
 * out_table_init - room for rows rows of strlen(align) (at most
 * OUT_MAX_COLS) columns.  Returns 0, or -1 if out of memory.
 */
int out_table_init(struct out_table *t, unsigned rows, const char *align);

/* out_table_add - the next cell, row by row (cut at OUT_CELL - 1 bytes). */
void out_table_add(struct out_table *t, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* out_table_fig - a row of three cells: label, out_fig(x), unit (a figure
 * with its name and unit, the common row of the tables of report and
 * train). */
void out_table_fig(struct out_table *t, const char *label, double x,
                   const char *unit);

/* out_table_skip - an empty cell. */
void out_table_skip(struct out_table *t);

/*
 * out_table_print - print the table to f, two blanks before each column,
 * no trailing blanks, and free it.
 */
void out_table_print(struct out_table *t, FILE *f);

/* out_fig - x to 4 decimals, 6 significant digits for a non-zero figure
 * below 0.01, "inf" or "-inf"; written to buf[OUT_CELL], which it returns. */
const char *out_fig(double x, char *buf);

/* A JSON string: quotes, backslashes and control characters escaped; other
 * bytes (a file name's UTF-8) as they are. */
void out_json_str(FILE *f, const char *s);

/* %.17g round-trips a double; JSON has no infinity or NaN: null. */
void out_json_num(FILE *f, double d);

/* RFC 4180: quoted when it holds a comma, a quote or a line break. */
void out_csv_str(FILE *f, const char *s);

/* Full precision; an infinite figure is "inf" or "-inf" (which
 * spreadsheets and Python read as infinity), NaN is "nan". */
void out_csv_num(FILE *f, double d);

/* ------------------------------------------------------------------------ */
/* Records: named fields printed as one JSON object or one CSV row          */

enum out_kind { OUT_NULL, OUT_STR, OUT_UINT, OUT_NUM, OUT_BOOL };

struct out_field {
        const char *key;
        enum out_kind kind;
        const char *s;
        uint64_t u;
        double d;
};

#define OUT_MAX_FIELDS 64

struct out_fields {
        struct out_field f[OUT_MAX_FIELDS];
        unsigned n;
};

/* Append a field; valid false makes it null (JSON) or empty (CSV). */
void out_add_str(struct out_fields *fs, const char *key, const char *s);
void out_add_uint(struct out_fields *fs, const char *key, bool valid, uint64_t u);
void out_add_num(struct out_fields *fs, const char *key, bool valid, double d);
void out_add_bool(struct out_fields *fs, const char *key, bool valid, bool b);

/* out_json_fields - "key": value pairs separated by ", ", no braces. */
void out_json_fields(FILE *f, const struct out_fields *fs);

/* out_csv_header - the keys, comma-separated, and a line break. */
void out_csv_header(FILE *f, const struct out_fields *fs);

/* out_csv_row - the values, comma-separated, and a line break. */
void out_csv_row(FILE *f, const struct out_fields *fs);

#endif /* HUFF_CLI_OUTPUT_H */
