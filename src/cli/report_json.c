/*
 * report_json.c - huff report's JSON: one object per input, on one line
 *
 * The fields are report_collect()'s, as in the CSV, followed by what only
 * JSON can hold: the exact weights the lists became and, with --symbols,
 * the symbol table as an array.
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

static void json_weights(const char *key, const uint64_t *w, unsigned n)
{
        unsigned i;

        printf(", \"%s\": [", key);
        for (i = 0; i < n; i++)
                printf("%s%" PRIu64, i ? ", " : "", w[i]);
        putchar(']');
}

void report_print_json(const struct run *run, const struct result *res)
{
        struct out_fields fs;
        unsigned i;

        report_collect(run, res, &fs);
        putchar('{');
        out_json_fields(stdout, &fs);
        /* The exact integer weights the lists became. */
        if (!res->is_file)
                json_weights("weights", res->p, res->num_syms);
        if (run->has_model && run->o.q_list)
                json_weights("model_weights", run->q, run->q_syms);
        if (run->o.symbols && !res->empty) {
                struct sym_row rows[NSYM];
                unsigned k = report_sym_rows(run, res, rows);

                fputs(", \"symbol_table\": [", stdout);
                for (i = 0; i < k; i++) {
                        printf("%s{\"symbol\": %u, \"label\": ", i ? ", " : "", rows[i].sym);
                        out_json_str(stdout, rows[i].label);
                        printf(", \"count\": %" PRIu64 ", \"p\": ", rows[i].count);
                        out_json_num(stdout, rows[i].p);
                        fputs(", \"self_information\": ", stdout);
                        out_json_num(stdout, rows[i].info);
                        printf(", \"code_len\": %u, \"codeword\": ", rows[i].len);
                        if (rows[i].codeword_shown)
                                out_json_str(stdout, rows[i].codeword);
                        else
                                fputs("null", stdout);
                        if (run->has_model) {
                                fputs(", \"model_code_len\": ", stdout);
                                if (rows[i].model_len)
                                        printf("%u", rows[i].model_len);
                                else
                                        fputs("null", stdout);
                        }
                        putchar('}');
                }
                putchar(']');
        }
        fputs("}\n", stdout);
}
