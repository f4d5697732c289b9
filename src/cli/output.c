/*
 * output.c - text tables, figures, JSON and CSV values for huff report and
 * huff bench (output.h)
 */
#define _POSIX_C_SOURCE 200809L

#include "output.h"
#include "msg.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int out_format_parse(const char *cmd, const char *name, enum out_format *f)
{
        static const char *const names[] = { "text", "json", "csv" };
        unsigned i;

        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (strcmp(name, names[i]) == 0) {
                        *f = (enum out_format)i;
                        return 0;
                }
        cli_msg(cmd, "unknown format '%s' (text, json or csv)", name);
        return -1;
}

int out_table_init(struct out_table *t, unsigned rows, const char *align)
{
        t->rows = rows;
        t->cols = (unsigned)strlen(align);
        t->align = align;
        t->at = 0;
        if (t->cols == 0 || t->cols > OUT_MAX_COLS) {
                t->cell = NULL;
                return -1;
        }
        t->cell = calloc((size_t)(rows ? rows : 1) * t->cols, OUT_CELL);
        return t->cell ? 0 : -1;
}

void out_table_add(struct out_table *t, const char *fmt, ...)
{
        va_list ap;

        if (t->at >= t->rows * t->cols)
                return;
        va_start(ap, fmt);
        vsnprintf(t->cell[t->at++], OUT_CELL, fmt, ap);
        va_end(ap);
}

void out_table_fig(struct out_table *t, const char *label, double x,
                   const char *unit)
{
        char b[OUT_CELL];

        out_table_add(t, "%s", label);
        out_table_add(t, "%s", out_fig(x, b));
        out_table_add(t, "%s", unit);
}

void out_table_skip(struct out_table *t)
{
        if (t->at < t->rows * t->cols)
                t->cell[t->at++][0] = '\0';
}

void out_table_print(struct out_table *t, FILE *f)
{
        size_t width[OUT_MAX_COLS] = { 0 };
        unsigned r, c, last;

        for (r = 0; r < t->at / t->cols; r++)
                for (c = 0; c < t->cols; c++) {
                        size_t w = strlen(t->cell[r * t->cols + c]);

                        if (w > width[c])
                                width[c] = w;
                }
        for (r = 0; r < t->at / t->cols; r++) {
                const char (*row)[OUT_CELL] = t->cell + r * t->cols;

                /* No trailing blanks: stop at the last non-empty cell. */
                for (last = t->cols; last > 0 && !row[last - 1][0]; last--)
                        ;
                fputs("  ", f);
                for (c = 0; c < last; c++) {
                        if (c)
                                fputs("  ", f);
                        if (t->align[c] == 'r')
                                fprintf(f, "%*s", (int)width[c], row[c]);
                        else if (c + 1 == last)
                                fputs(row[c], f);
                        else
                                fprintf(f, "%-*s", (int)width[c], row[c]);
                }
                fputc('\n', f);
        }
        free(t->cell);
        t->cell = NULL;
}

const char *out_fig(double x, char *buf)
{
        if (isinf(x))
                strcpy(buf, x > 0 ? "inf" : "-inf");
        else if (x != 0 && x > -0.01 && x < 0.01)
                snprintf(buf, OUT_CELL, "%.6g", x);
        else
                snprintf(buf, OUT_CELL, "%.4f", x + 0.0);       /* + 0.0: no "-0" */
        return buf;
}

void out_json_str(FILE *f, const char *s)
{
        fputc('"', f);
        for (; *s; s++) {
                unsigned char c = (unsigned char)*s;

                if (c == '"' || c == '\\')
                        fprintf(f, "\\%c", c);
                else if (c < 0x20)
                        fprintf(f, "\\u%04x", c);
                else
                        fputc(c, f);
        }
        fputc('"', f);
}

void out_json_num(FILE *f, double d)
{
        if (isfinite(d))
                fprintf(f, "%.17g", d);
        else
                fputs("null", f);
}

void out_csv_str(FILE *f, const char *s)
{
        if (!strpbrk(s, ",\"\r\n")) {
                fputs(s, f);
                return;
        }
        fputc('"', f);
        for (; *s; s++) {
                if (*s == '"')
                        fputc('"', f);
                fputc(*s, f);
        }
        fputc('"', f);
}

void out_csv_num(FILE *f, double d)
{
        if (isfinite(d))
                fprintf(f, "%.17g", d);
        else if (isinf(d))
                fputs(d > 0 ? "inf" : "-inf", f);
        else
                fputs("nan", f);
}

/* ------------------------------------------------------------------------ */

static struct out_field *add(struct out_fields *fs, const char *key, enum out_kind kind)
{
        /* A full record drops fields rather than write past its end; the
         * callers' records are fixed lists well below OUT_MAX_FIELDS. */
        static struct out_field spill;
        struct out_field *f = fs->n < OUT_MAX_FIELDS ? &fs->f[fs->n++] : &spill;

        f->key = key;
        f->kind = kind;
        return f;
}

void out_add_str(struct out_fields *fs, const char *key, const char *s)
{
        add(fs, key, OUT_STR)->s = s;
}

void out_add_uint(struct out_fields *fs, const char *key, bool valid, uint64_t u)
{
        add(fs, key, valid ? OUT_UINT : OUT_NULL)->u = u;
}

void out_add_num(struct out_fields *fs, const char *key, bool valid, double d)
{
        add(fs, key, valid ? OUT_NUM : OUT_NULL)->d = d;
}

void out_add_bool(struct out_fields *fs, const char *key, bool valid, bool b)
{
        add(fs, key, valid ? OUT_BOOL : OUT_NULL)->u = b;
}

/* One value, as JSON or as a CSV cell: the formats differ only in null,
 * strings and numbers. */
static void put_value(FILE *f, const struct out_field *x, bool json)
{
        switch (x->kind) {
        case OUT_NULL:
                if (json)
                        fputs("null", f);
                break;
        case OUT_STR:  (json ? out_json_str : out_csv_str)(f, x->s); break;
        case OUT_UINT: fprintf(f, "%" PRIu64, x->u); break;
        case OUT_NUM:  (json ? out_json_num : out_csv_num)(f, x->d); break;
        case OUT_BOOL: fputs(x->u ? "true" : "false", f); break;
        }
}

void out_json_fields(FILE *f, const struct out_fields *fs)
{
        unsigned i;

        for (i = 0; i < fs->n; i++) {
                if (i)
                        fputs(", ", f);
                out_json_str(f, fs->f[i].key);
                fputs(": ", f);
                put_value(f, &fs->f[i], true);
        }
}

/* A CSV line of fs: the keys (the header) or the values (a row), one
 * loop so that the columns of the two can never differ. */
static void csv_line(FILE *f, const struct out_fields *fs, bool keys)
{
        unsigned i;

        for (i = 0; i < fs->n; i++) {
                if (i)
                        fputc(',', f);
                if (keys)
                        out_csv_str(f, fs->f[i].key);
                else
                        put_value(f, &fs->f[i], false);
        }
        fputc('\n', f);
}

void out_csv_header(FILE *f, const struct out_fields *fs)
{
        csv_line(f, fs, true);
}

void out_csv_row(FILE *f, const struct out_fields *fs)
{
        csv_line(f, fs, false);
}
