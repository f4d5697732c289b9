/*
 * bench_table.c - huff bench's result tables, printed as aligned text, one
 * JSON object per row, or CSV with a header per table
 *
 * A section never formats: it puts values in rows, and every format comes
 * from the same values and the same column list.  JSON and CSV print every
 * column at full precision (output.c's helpers, as huff report does); the
 * text shows the columns that have a heading, to the digits each asks for.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "output.h"

struct bench_table *bench_table_new(const char *name, const char *title,
                                    const struct bench_col *cols, unsigned ncols)
{
        struct bench_table *t = calloc(1, sizeof(*t));

        if (!t)
                return NULL;
        t->name = name;
        t->title = strdup(title ? title : "");
        t->cols = cols;
        t->ncols = ncols;
        if (!t->title) {
                free(t);
                return NULL;
        }
        return t;
}

void bench_table_free(struct bench_table *t)
{
        unsigned i;

        if (!t)
                return;
        for (i = 0; i < t->rows * t->ncols; i++)
                free(t->v[i].s);
        free(t->v);
        free(t->title);
        free(t->notes);
        free(t);
}

int bench_row(struct bench_table *t)
{
        if (t->rows == t->cap) {
                unsigned cap = t->cap ? 2 * t->cap : 16;
                struct bench_val *v = realloc(t->v, (size_t)cap * t->ncols * sizeof(*v));

                if (!v)
                        return -1;
                t->v = v;
                t->cap = cap;
        }
        memset(&t->v[(size_t)t->rows * t->ncols], 0, t->ncols * sizeof(*t->v));
        t->rows++;
        t->at = 0;
        return 0;
}

/* The next value of the current row; a spare one past the last column, so
 * that a section that puts one value too many cannot write out of bounds. */
static struct bench_val *next(struct bench_table *t)
{
        static struct bench_val spare;

        if (t->rows == 0 || t->at >= t->ncols) {
                free(spare.s);
                memset(&spare, 0, sizeof(spare));
                return &spare;
        }
        return &t->v[(size_t)(t->rows - 1) * t->ncols + t->at++];
}

void bench_put_str(struct bench_table *t, const char *s)
{
        struct bench_val *v = next(t);

        v->s = strdup(s);
        v->valid = v->s != NULL;
}

void bench_put_uint(struct bench_table *t, uint64_t u)
{
        struct bench_val *v = next(t);

        v->u = u;
        v->d = (double)u;
        v->valid = true;
}

void bench_put_num(struct bench_table *t, double d)
{
        struct bench_val *v = next(t);

        v->d = d;
        v->valid = !isnan(d);
}

void bench_put_bool(struct bench_table *t, bool b)
{
        struct bench_val *v = next(t);

        v->u = b;
        v->valid = true;
}

void bench_put_null(struct bench_table *t)
{
        next(t)->valid = false;
}

void bench_note(struct bench_table *t, const char *fmt, ...)
{
        size_t old = t->notes ? strlen(t->notes) : 0;
        char line[512];
        char *n;
        va_list ap;
        int len;

        va_start(ap, fmt);
        len = vsnprintf(line, sizeof(line), fmt, ap);
        va_end(ap);
        if (len < 0)
                return;
        n = realloc(t->notes, old + strlen(line) + 2);
        if (!n)
                return;
        memcpy(n + old, line, strlen(line));
        n[old + strlen(line)] = '\n';
        n[old + strlen(line) + 1] = '\0';
        t->notes = n;
}

const struct bench_val *bench_get(const struct bench_table *t, unsigned r,
                                  const char *key)
{
        unsigned c;

        if (!t || r >= t->rows)
                return NULL;
        for (c = 0; c < t->ncols; c++)
                if (strcmp(t->cols[c].key, key) == 0)
                        return &t->v[(size_t)r * t->ncols + c];
        return NULL;
}

/* ------------------------------------------------------------------------ */
/* Text                                                                      */

static void text_value(const struct bench_col *c, const struct bench_val *v,
                       char *buf, size_t cap)
{
        char fig[OUT_CELL];

        if (!v->valid) {
                snprintf(buf, cap, "-");
                return;
        }
        switch (c->kind) {
        case BK_STR:
                snprintf(buf, cap, "%s", v->s);
                break;
        case BK_UINT:
                snprintf(buf, cap, "%" PRIu64, v->u);
                break;
        case BK_BOOL:
                snprintf(buf, cap, "%s", v->u ? "yes" : "no");
                break;
        case BK_NUM:
                if (isinf(v->d))
                        snprintf(buf, cap, "%s", v->d > 0 ? "inf" : "-inf");
                else if (c->decimals < 0)
                        snprintf(buf, cap, "%s", out_fig(v->d, fig));
                else
                        snprintf(buf, cap, "%.*f", c->decimals, v->d + 0.0);
                break;
        }
}

static void print_notes(FILE *f, const struct bench_table *t)
{
        const char *p = t->notes;

        while (p && *p) {
                const char *e = strchr(p, '\n');

                fprintf(f, "  %.*s\n", (int)(e - p), p);
                p = e + 1;
        }
        fputc('\n', f);
}

/* One wide row as lines of "heading  value"; several rows, blank lines
 * between them. */
static void print_vertical(FILE *f, const struct bench_table *t,
                           const unsigned *shown, unsigned ns)
{
        struct out_table ot;
        unsigned r, k;

        for (r = 0; r < t->rows; r++) {
                if (out_table_init(&ot, ns, "ll") != 0) {
                        fprintf(f, "  (%s)\n", strerror(ENOMEM));
                        return;
                }
                for (k = 0; k < ns; k++) {
                        char cell[OUT_CELL];

                        text_value(&t->cols[shown[k]],
                                   &t->v[(size_t)r * t->ncols + shown[k]], cell, sizeof(cell));
                        out_table_add(&ot, "%s", t->cols[shown[k]].head);
                        out_table_add(&ot, "%s", cell);
                }
                if (r)
                        fputc('\n', f);
                out_table_print(&ot, f);
        }
        print_notes(f, t);
}

static void print_text(FILE *f, const struct bench_table *t)
{
        char align[OUT_MAX_COLS + 1];
        unsigned shown[OUT_MAX_COLS];   /* first column of each text cell */
        unsigned ns = 0, c, r, k;
        struct out_table ot;

        for (c = 0; c < t->ncols && ns < OUT_MAX_COLS; c++) {
                if (!t->cols[c].head || (t->cols[c].join && ns > 0))
                        continue;
                align[ns] = t->cols[c].kind == BK_STR ? 'l' : 'r';
                shown[ns++] = c;
        }
        align[ns] = '\0';
        if (t->title[0])
                fprintf(f, "%s\n", t->title);
        if (t->vertical) {
                print_vertical(f, t, shown, ns);
                return;
        }
        if (ns == 0 || out_table_init(&ot, t->rows + 1, align) != 0) {
                fprintf(f, "  (%s)\n\n", ns ? strerror(ENOMEM) : "no columns");
                return;
        }
        for (k = 0; k < ns; k++)
                out_table_add(&ot, "%s", t->cols[shown[k]].head);
        for (r = 0; r < t->rows; r++)
                for (k = 0; k < ns; k++) {
                        char cell[OUT_CELL], part[OUT_CELL];
                        size_t len;

                        c = shown[k];
                        text_value(&t->cols[c], &t->v[(size_t)r * t->ncols + c],
                                   cell, sizeof(cell));
                        /* The joined columns that follow, "a/b". */
                        for (c++; c < t->ncols && t->cols[c].join; c++) {
                                if (!t->cols[c].head)
                                        continue;
                                text_value(&t->cols[c], &t->v[(size_t)r * t->ncols + c],
                                           part, sizeof(part));
                                len = strlen(cell);
                                if (len + 1 + strlen(part) < sizeof(cell)) {
                                        cell[len] = '/';
                                        memcpy(cell + len + 1, part, strlen(part) + 1);
                                }
                        }
                        out_table_add(&ot, "%s", cell);
                }
        out_table_print(&ot, f);
        print_notes(f, t);
}

/* ------------------------------------------------------------------------ */
/* JSON and CSV                                                              */

static void row_fields(const struct bench_table *t, unsigned r, struct out_fields *fs)
{
        unsigned c;

        fs->n = 0;
        out_add_str(fs, "table", t->name);
        for (c = 0; c < t->ncols; c++) {
                const struct bench_val *v = &t->v[(size_t)r * t->ncols + c];
                const char *key = t->cols[c].key;

                switch (t->cols[c].kind) {
                case BK_STR:
                        if (v->valid)
                                out_add_str(fs, key, v->s);
                        else
                                out_add_uint(fs, key, false, 0);
                        break;
                case BK_UINT: out_add_uint(fs, key, v->valid, v->u); break;
                case BK_NUM:  out_add_num(fs, key, v->valid, v->d); break;
                case BK_BOOL: out_add_bool(fs, key, v->valid, v->u != 0); break;
                }
        }
}

static void print_json(FILE *f, const struct bench_table *t)
{
        struct out_fields fs;
        unsigned r;

        for (r = 0; r < t->rows; r++) {
                row_fields(t, r, &fs);
                fputc('{', f);
                out_json_fields(f, &fs);
                fputs("}\n", f);
        }
}

static void print_csv(FILE *f, const struct bench_table *t)
{
        struct out_fields fs;
        unsigned r, c;

        /* The header even for a table without rows. */
        fputs("table", f);
        for (c = 0; c < t->ncols; c++) {
                fputc(',', f);
                out_csv_str(f, t->cols[c].key);
        }
        fputc('\n', f);
        for (r = 0; r < t->rows; r++) {
                row_fields(t, r, &fs);
                out_csv_row(f, &fs);
        }
}

static void save_csv(struct bench_sink *s, const struct bench_table *t)
{
        size_t len = strlen(s->save_dir) + strlen(t->name) + 6;
        char *path = malloc(len);
        FILE *f;

        if (!path) {
                s->failed = true;
                return;
        }
        snprintf(path, len, "%s/%s.csv", s->save_dir, t->name);
        f = fopen(path, "w");
        if (!f) {
                bench_msg(path, "%s", strerror(errno));
                s->failed = true;
        } else {
                print_csv(f, t);
                if (fclose(f) != 0) {
                        bench_msg(path, "write error: %s", strerror(errno));
                        s->failed = true;
                }
        }
        free(path);
}

void bench_emit(struct bench_sink *s, const struct bench_table *t)
{
        switch (s->format) {
        case OUT_TEXT:
                print_text(stdout, t);
                break;
        case OUT_JSON:
                print_json(stdout, t);
                break;
        case OUT_CSV:
                /* Tables have different columns: a header each, a blank
                 * line between them. */
                if (s->csv_started)
                        putchar('\n');
                print_csv(stdout, t);
                s->csv_started = true;
                break;
        }
        fflush(stdout);
        if (s->text)
                print_text(s->text, t);
        if (s->json)
                print_json(s->json, t);
        if (s->save_dir)
                save_csv(s, t);
}

void bench_emit_header(struct bench_sink *s, const struct bench_table *m)
{
        if (s->format == OUT_TEXT || s->text) {
                struct out_table ot;
                FILE *f = s->format == OUT_TEXT ? stdout : NULL;
                unsigned c;
                int pass;

                for (pass = 0; pass < 2; pass++, f = s->text) {
                        if (!f || m->rows == 0 || out_table_init(&ot, m->ncols, "ll") != 0)
                                continue;
                        fprintf(f, "%s\n", m->title);
                        for (c = 0; c < m->ncols; c++) {
                                char cell[OUT_CELL];

                                if (!m->cols[c].head)
                                        continue;
                                text_value(&m->cols[c], &m->v[c], cell, sizeof(cell));
                                out_table_add(&ot, "%s", m->cols[c].head);
                                out_table_add(&ot, "%s", cell);
                        }
                        out_table_print(&ot, f);
                        fputc('\n', f);
                }
        }
        /* In JSON and CSV the machine is a table like the others. */
        if (s->format == OUT_JSON) {
                print_json(stdout, m);
        } else if (s->format == OUT_CSV) {
                print_csv(stdout, m);
                s->csv_started = true;
        }
        if (s->json)
                print_json(s->json, m);
        if (s->save_dir)
                save_csv(s, m);
        fflush(stdout);
}
