/*
 * args.h - command-line options of huff, unhuff and hufcat
 *
 * Parsing is kept apart from everything that touches files so that it can be
 * tested on its own: cli_args_parse() neither prints nor allocates; it only
 * fills a struct cli_args and, on failure, a one-line message.
 */
#ifndef HUFF_CLI_ARGS_H
#define HUFF_CLI_ARGS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
        bool recursive;         /* -r: the files below directory operands */
        const char *output_dir; /* --output-dir-flat DIR: every named output
                                   in DIR, under its own base name */
        bool restore_time;      /* -N (the default); -n clears it: the
                                   decompressed output keeps the time of
                                   its writing, not the input's */
        int verbosity;          /* 0 with -q, 1 by default, +1 per -v */
        bool help;              /* -h: print usage and stop */
        bool version;           /* -V: print the version and stop */
        const char *suffix;     /* -S; CLI_SUFFIX_DEFAULT otherwise */
        struct huff_params params;      /* -1..-9, -B, --no-check, -T (also
                                           for decoding); params.model
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

/* cli_args_reads_stdin - whether an operand of a is "-" (standard input). */
bool cli_args_reads_stdin(const struct cli_args *a);

/* ------------------------------------------------------------------------ */
/* The option syntax, shared by huff and its subcommands                     */

/* An option: -X, --NAME or both; its value is the rest of the word, after
 * '=', or the next word. */
struct cli_opt {
        char short_name;        /* 0: long only */
        const char *long_name;  /* NULL: short only */
        int id;                 /* the caller's, handed to apply() */
        bool has_value;
};

struct cli_parser {
        const char *name;       /* the subcommand ("report"), whose unknown
                                   options say "(huff report -h lists
                                   them)"; NULL: huff */
        const struct cli_opt *opts;
        size_t nopts;
        /* true: getopt's short options, which combine ("-fv", "-fvoM");
         * false: a short option is a word of its own, and one with a
         * value takes the rest of the word or the next ("-r5", "-r 5"). */
        bool bundle;
        /*
         * apply - option id was given, with value (NULL for an option that
         * takes none), spelt shown ("-o", "--output", "--output=x").
         * Returns 0, or -1 after saying why (by fail() or otherwise).
         */
        int (*apply)(void *ctx, int id, const char *value, const char *shown);
        /*
         * other_short - optional, bundle only: offered each short option
         * character at *p first.  Returns 1 after taking it (and moving *p
         * past what it took), 0 to leave it to opts, or -1 after fail().
         */
        int (*other_short)(void *ctx, const char **p);
        /* fail - say what is wrong: a message without program name or
         * line break. */
        void (*fail)(const struct cli_parser *p, void *ctx, const char *fmt,
                     va_list ap) __attribute__((format(printf, 3, 0)));
};

/*
 * cli_opts_parse - parse argv[1..argc) by p: options and operands mix until
 * "--", "-" alone is an operand, a long option's value follows '=' or is
 * the next word, and a long option may be any beginning of its name that
 * is no other option's (an exact name always wins).  The operands are moved, in order, to argv[1..n], so argv
 * must be writable.  Neither prints nor allocates (fail() may).
 * Returns n, or -1 after fail() or a failed apply().
 */
int cli_opts_parse(const struct cli_parser *p, void *ctx, int argc, char **argv);

#endif /* HUFF_CLI_ARGS_H */
