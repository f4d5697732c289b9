/*
 * args.h - command-line options of huff, unhuff and hufcat
 *
 * Parsing is kept apart from everything that touches files so that it can be
 * tested on its own: cli_args_parse() neither prints nor allocates; it only
 * fills a struct cli_args and, on failure, a one-line message.
 */
#ifndef HUFF_CLI_ARGS_H
#define HUFF_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "huff.h"

/* What to do with each input.  The last mode option given wins (gzip). */
enum cli_mode {
        CLI_COMPRESS,
        CLI_DECOMPRESS,
        CLI_TEST,               /* decode and verify, write nothing */
        CLI_LIST,               /* decode, print sizes and block counts */
};

/* The program's name (argv[0]) sets the default mode, as gunzip/zcat do. */
enum cli_personality {
        CLI_AS_HUFF,            /* compress */
        CLI_AS_UNHUFF,          /* decompress */
        CLI_AS_HUFCAT,          /* decompress to stdout */
};

#define CLI_SUFFIX_DEFAULT ".huf"

struct cli_args {
        enum cli_mode mode;
        bool to_stdout;         /* -c, or -o - */
        const char *output;     /* -o FILE; NULL: named after each input */
        bool remove_input;      /* --rm (-k, the default, clears it) */
        bool force;             /* -f */
        int verbosity;          /* 0 with -q, 1 by default, +1 per -v */
        bool help;              /* -h: print usage and stop */
        bool version;           /* -V: print the version and stop */
        const char *suffix;     /* -S; CLI_SUFFIX_DEFAULT otherwise */
        struct huff_params params;      /* -1..-9, -B, --no-check; params.model
                                           is set by the caller from model */
        const char *model;      /* -M MODEL: the model file, not yet read */
        char **files;           /* the operands, in order; "-" is stdin */
        int nfiles;             /* 0: stdin to stdout */
};

/* cli_personality - which program argv0 names (its basename). */
enum cli_personality cli_personality(const char *argv0);

/* cli_args_init - the defaults of the program called as p. */
void cli_args_init(struct cli_args *a, enum cli_personality p);

/*
 * cli_args_parse - parse argv[1..argc) into *a, which cli_args_init() has
 * set.  Options and operands may be mixed (as GNU getopt allows) until "--";
 * the operands are moved to the front of argv[1..] and a->files points at
 * them, so argv must be writable and outlive *a.
 * Returns 0, or -1 with a message (no program name, no newline) in
 * err[0..err_cap).
 */
int cli_args_parse(struct cli_args *a, int argc, char **argv,
                   char *err, size_t err_cap);

/*
 * cli_parse_size - parse a decimal size with an optional binary unit
 * (K, KB, KiB, M, MB, MiB; any case) into *v.  Returns 0, or -1 if s is
 * not such a size or it overflows 32 bits.
 */
int cli_parse_size(const char *s, unsigned long *v);

#endif /* HUFF_CLI_ARGS_H */
