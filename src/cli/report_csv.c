/*
 * report_csv.c - huff report's CSV: a header, then a row per input, or
 * with --symbols a row per symbol of every input
 *
 * The fields are report_collect()'s, as in the JSON, so the columns of a
 * row are the keys of an object.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huff.h"
#include "msg.h"
#include "output.h"
#include "report_run.h"

void report_print_csv(struct run *run, const struct result *res)
{
        struct out_fields fs;

        report_collect(run, res, &fs);
        if (!run->header_done) {
                out_csv_header(stdout, &fs);
                run->header_done = true;
        }
        out_csv_row(stdout, &fs);
}

/* --csv --symbols: one table of symbols, the input's name first. */
void report_print_csv_symbols(struct run *run, const struct result *res)
{
        struct sym_row rows[NSYM];
        unsigned i, k;

        if (!run->header_done) {
                printf("name,symbol,label,count,p,self_information,code_len,codeword%s\n",
                       run->has_model ? ",model_code_len" : "");
                run->header_done = true;
        }
        if (res->empty)
                return;
        k = report_sym_rows(run, res, rows);
        for (i = 0; i < k; i++) {
                out_csv_str(stdout, res->name);
                printf(",%u,", rows[i].sym);
                out_csv_str(stdout, rows[i].label);
                printf(",%" PRIu64 ",", rows[i].count);
                out_csv_num(stdout, rows[i].p);
                putchar(',');
                out_csv_num(stdout, rows[i].info);
                printf(",%u,%s", rows[i].len, rows[i].codeword);
                if (run->has_model) {
                        putchar(',');
                        if (rows[i].model_len)
                                printf("%u", rows[i].model_len);
                }
                putchar('\n');
        }
}
