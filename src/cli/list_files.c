/*
 * list_files.c - huff -l: the sizes, ratio and blocks of compressed files,
 * a line per file and the totals
 *
 * Every figure comes from decoding the file (the library's huff_stats): a
 * .huf frame need not record its content size, and a file may hold several
 * frames.  A frame made with a model that -M does not give is skimmed
 * instead: its block headers hold its sizes and block types, so it is
 * listed (unchecked) rather than refused.  With -lv a column per block
 * type the library names, so that a new block type shows without a change
 * here.
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huff.h"
#include "args.h"
#include "exit_codes.h"
#include "file_run.h"
#include "fileio.h"
#include "msg.h"

/*
 * The space saved, 1 - compressed / uncompressed, in tenths of a percent
 * and truncated toward zero, as gzip -l prints it: negative when the
 * compressed file is the larger.  In integers, so that the figure is
 * exact; only sizes that differ by over 2^64 / 1000 bytes (16 PiB), where
 * 1000 * diff would overflow, go through a long double.  u > 0.
 */
static void format_saved(char *buf, size_t cap, uint64_t c, uint64_t u)
{
        uint64_t diff = c <= u ? u - c : c - u, tenths;
        long double t;

        if (diff <= UINT64_MAX / 1000) {
                tenths = diff * 1000 / u;
        } else {
                t = (long double)diff * 1000 / (long double)u;
                tenths = t < 0x1p63L ? (uint64_t)t : UINT64_MAX;
        }
        snprintf(buf, cap, "%s%" PRIu64 ".%" PRIu64 "%%",
                 c > u && tenths > 0 ? "-" : "", tenths / 10, tenths % 10);
}

/*
 * One line of -l.  model_id: the model of the file's frames, or NULL
 * (none).  Decoding succeeded, so with -M every frame named that model (the
 * decoder refuses a frame without one); without -M, the frames made with a
 * model were skimmed, and model_id is the last one's.
 */
static void print_list_line(const struct cli_args *a, const struct huff_stats *s,
                            const char *model_id, const char *name)
{
        char ratio[32] = "-", bpb[32] = "-";

        if (s->decompressed_bytes > 0) {
                format_saved(ratio, sizeof(ratio), s->compressed_bytes,
                             s->decompressed_bytes);
                snprintf(bpb, sizeof(bpb), "%.3f", 8.0 *
                         (double)s->compressed_bytes / (double)s->decompressed_bytes);
        }
        printf("%12" PRIu64 " %14" PRIu64 " %7s %7s %8" PRIu64,
               s->compressed_bytes, s->decompressed_bytes, ratio, bpb, s->blocks);
        if (a->verbosity >= 2) {
                printf(" %7" PRIu64, s->frames);
                /* a column per block type the library names */
                for (unsigned t = 0; t < HUFF_BLOCK_TYPES_MAX; t++)
                        if (huff_block_type_name(t))
                                printf(" %8" PRIu64, s->blocks_by_type[t]);
                printf(" %9s", model_id ? model_id : "-");
        }
        printf("  %s\n", name);
}

int file_list_one(struct run *r, const char *operand)
{
        struct input in;
        struct fio_result res;
        char id[9], *found;
        const char *path = operand;
        bool has_model;
        int st, i;

        found = file_find_input(r, operand, &st);
        if (st != EXIT_OK)
                return st;
        if (found)
                path = found;
        if (strcmp(path, "-") != 0 && (st = file_check_input(r, path)) != EXIT_OK)
                goto out;
        if ((st = file_open_input(path, file_follows(r), &in)) != EXIT_OK)
                goto out;
        /* Without its model a frame cannot be decoded, but its headers
         * give its sizes and blocks: what a line needs. */
        r->coder.skim_model_frames = true;
        fio_decode(&r->coder, in.fd, -1, &res);
        file_close_input(&in);
        if (res.failure != FIO_OK) {
                file_report_failure(r, &in, "", &res, false);
                st = EXIT_ERROR;
                goto out;
        }
        if (r->listed++ == 0) {
                printf("  compressed   uncompressed   ratio  bits/B   blocks");
                if (r->a->verbosity >= 2) {
                        printf("  frames");
                        for (unsigned t = 0; t < HUFF_BLOCK_TYPES_MAX; t++)
                                if (huff_block_type_name(t))
                                        printf(" %8s", huff_block_type_name(t));
                        printf("  model id");
                }
                printf("  name\n");
        }
        has_model = r->a->params.model || res.stats.frames_skimmed > 0;
        snprintf(id, sizeof(id), "%08" PRIx32, res.model_wanted);
        print_list_line(r->a, &res.stats, has_model ? id : NULL, in.name);
        if (has_model) {
                if (r->with_model++ == 0)
                        r->model_id = res.model_wanted;
                else if (r->model_id != res.model_wanted)
                        r->models_differ = true;
        }
        r->total.frames_skimmed += res.stats.frames_skimmed;
        r->total.frames += res.stats.frames;
        r->total.blocks += res.stats.blocks;
        for (i = 0; i < (int)HUFF_BLOCK_TYPES_MAX; i++)
                r->total.blocks_by_type[i] += res.stats.blocks_by_type[i];
        r->total.compressed_bytes += res.stats.compressed_bytes;
        r->total.decompressed_bytes += res.stats.decompressed_bytes;
        st = EXIT_OK;
        if (res.trailing) {
                cli_warn(in.name, "trailing garbage ignored");
                st = EXIT_WARNING;
        }
out:
        free(found);
        return st;
}

void file_list_totals(const struct run *r)
{
        const struct cli_args *a = r->a;
        char id[9] = "";

        /* As gzip: totals whenever several files were named (or found
         * by -r), of those listed, even if some could not be. */
        if (r->listed == 0 || (a->nfiles <= 1 && r->listed <= 1))
                return;
        /* A model id only if every file listed was made with that one */
        snprintf(id, sizeof(id), "%08" PRIx32, r->model_id);
        print_list_line(a, &r->total, r->with_model == r->listed && !r->models_differ ?
                        id : NULL, "(totals)");
}
