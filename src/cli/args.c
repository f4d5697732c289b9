/*
 * args.c - parse the command line of huff, unhuff and hufcat
 *
 * Hand-written rather than getopt_long(): getopt_long is a GNU extension
 * (not in POSIX 2008), and "-1".."-9" are easier to take here than through
 * it.  The accepted syntax is still getopt's: short options combine
 * ("-dcf"), a short option's value is the rest of its word or the next word
 * ("-oFILE", "-o FILE"), a long option's value follows '=' or is the next
 * word ("--suffix=.x", "--suffix .x"), a long option may be shortened to
 * any beginning of its name that no other option shares ("--decomp"),
 * options and operands mix until "--", and "-" alone is an operand (stdin).
 *
 * The subcommands (report, bench, train) read their options with the same
 * cli_opts_parse(), so that every part of huff spells options alike and
 * words its syntax errors alike.
 */
#define _POSIX_C_SOURCE 200809L

#include "args.h"
#include "numbers.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum opt_id {
        OPT_COMPRESS, OPT_DECOMPRESS, OPT_STDOUT, OPT_OUTPUT, OPT_KEEP,
        OPT_RM, OPT_FORCE, OPT_TEST, OPT_LIST, OPT_SUFFIX, OPT_BLOCK_SIZE,
        OPT_VERBOSE, OPT_QUIET, OPT_HELP, OPT_VERSION, OPT_FAST, OPT_BEST,
        OPT_MODEL, OPT_NO_CHECK, OPT_THREADS, OPT_RECURSIVE, OPT_OUTPUT_DIR,
        OPT_NAME, OPT_NO_NAME,
};

/* Aliases are separate rows: gzip's --uncompress and --to-stdout. */
static const struct cli_opt opts[] = {
        { 'z', "compress",   OPT_COMPRESS,   false },
        { 'd', "decompress", OPT_DECOMPRESS, false },
        {  0,  "uncompress", OPT_DECOMPRESS, false },
        { 'c', "stdout",     OPT_STDOUT,     false },
        {  0,  "to-stdout",  OPT_STDOUT,     false },
        { 'o', "output",     OPT_OUTPUT,     true  },
        { 'k', "keep",       OPT_KEEP,       false },
        {  0,  "rm",         OPT_RM,         false },
        { 'f', "force",      OPT_FORCE,      false },
        { 't', "test",       OPT_TEST,       false },
        { 'l', "list",       OPT_LIST,       false },
        { 'S', "suffix",     OPT_SUFFIX,     true  },
        { 'B', "block-size", OPT_BLOCK_SIZE, true  },
        { 'v', "verbose",    OPT_VERBOSE,    false },
        { 'q', "quiet",      OPT_QUIET,      false },
        { 'h', "help",       OPT_HELP,       false },
        { 'V', "version",    OPT_VERSION,    false },
        {  0,  "fast",       OPT_FAST,       false },
        {  0,  "best",       OPT_BEST,       false },
        { 'M', "model",      OPT_MODEL,      true  },
        {  0,  "no-check",   OPT_NO_CHECK,   false },
        { 'T', "threads",    OPT_THREADS,    true  },
        { 'r', "recursive",  OPT_RECURSIVE,  false },
        {  0,  "output-dir-flat", OPT_OUTPUT_DIR, true },
        { 'N', "name",       OPT_NAME,       false },
        { 'n', "no-name",    OPT_NO_NAME,    false },
};

/* ------------------------------------------------------------------------ */
/* The syntax                                                                */

static int say(const struct cli_parser *p, void *ctx, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int say(const struct cli_parser *p, void *ctx, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        p->fail(p, ctx, fmt, ap);
        va_end(ap);
        return -1;
}

/* What an unknown option's message ends with: where to look. */
static const char *hint(const struct cli_parser *p, char *buf, size_t cap)
{
        if (!p->name)
                return "";
        snprintf(buf, cap, " (huff %s -h lists them)", p->name);
        return buf;
}

/* Two rows are one option spelt two ways (--uncompress, --decompress). */
static bool same_option(const struct cli_opt *x, const struct cli_opt *y)
{
        return x->id == y->id && x->has_value == y->has_value;
}

/*
 * The option name[0..len) names, as getopt_long() decides: an exact name,
 * else the one option whose name it begins ("--decomp").  A beginning that
 * several options share is refused with their names, so that a new option
 * never quietly changes what an old abbreviation meant.  Returns the row, or
 * NULL after say().
 */
static const struct cli_opt *find_long(const struct cli_parser *p, void *ctx,
                                       const char *name, size_t len)
{
        const struct cli_opt *found = NULL;
        bool ambiguous = false;
        char names[200], h[64];
        size_t k, used = 0;

        for (k = 0; k < p->nopts; k++) {
                const struct cli_opt *o = &p->opts[k];

                if (!o->long_name || strncmp(o->long_name, name, len) != 0)
                        continue;
                if (o->long_name[len] == '\0')
                        return o;
                if (found && !same_option(found, o))
                        ambiguous = true;
                if (!found)
                        found = o;
        }
        if (!found || len == 0) {       /* "--=x" begins every name */
                say(p, ctx, "unknown option '--%.*s'%s", (int)len, name,
                    hint(p, h, sizeof(h)));
                return NULL;
        }
        if (!ambiguous)
                return found;
        /* getopt_long's words: "possibilities: '--stdout' '--suffix'". */
        names[0] = '\0';
        for (k = 0; k < p->nopts; k++) {
                const struct cli_opt *o = &p->opts[k];
                int n;

                if (!o->long_name || strncmp(o->long_name, name, len) != 0)
                        continue;
                n = snprintf(names + used, sizeof(names) - used, " '--%s'",
                             o->long_name);
                if (n < 0 || (size_t)n >= sizeof(names) - used)
                        break;          /* the names that fit are enough */
                used += (size_t)n;
        }
        say(p, ctx, "option '--%.*s' is ambiguous; possibilities:%s",
            (int)len, name, names);
        return NULL;
}

static const struct cli_opt *find_short(const struct cli_parser *p, char c)
{
        size_t k;

        for (k = 0; k < p->nopts; k++)
                if (p->opts[k].short_name == c)
                        return &p->opts[k];
        return NULL;
}

static int parse_long(const struct cli_parser *p, void *ctx, int argc,
                      char **argv, int *i)
{
        const char *word = argv[*i];            /* shown: "--output", "--output=" */
        const char *name = word + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const char *value = NULL;
        const struct cli_opt *o = find_long(p, ctx, name, len);

        if (!o)
                return -1;
        if (o->has_value) {
                if (eq)
                        value = eq + 1;
                else if (*i + 1 < argc)
                        value = argv[++*i];
                else
                        return say(p, ctx, "option '--%s' needs a value", o->long_name);
        } else if (eq) {
                return say(p, ctx, "option '--%s' takes no value", o->long_name);
        }
        return p->apply(ctx, o->id, value, word);
}

/* getopt's: "-dcf", "-oFILE", "-o FILE", "-fvoFILE". */
static int parse_bundle(const struct cli_parser *p, void *ctx, int argc,
                        char **argv, int *i)
{
        const char *s = argv[*i] + 1;
        char shown[3] = "-?", h[64];

        while (*s) {
                const struct cli_opt *o;

                if (p->other_short) {
                        int r = p->other_short(ctx, &s);

                        if (r < 0)
                                return -1;
                        if (r > 0)
                                continue;
                }
                o = find_short(p, *s);
                if (!o)
                        return say(p, ctx, "unknown option '-%c'%s", *s,
                                   hint(p, h, sizeof(h)));
                shown[1] = *s++;
                if (o->has_value) {
                        const char *value = s;

                        if (*s == '\0') {
                                if (*i + 1 >= argc)
                                        return say(p, ctx, "option '%s' needs a value",
                                                   shown);
                                value = argv[++*i];
                        }
                        return p->apply(ctx, o->id, value, shown);
                }
                if (p->apply(ctx, o->id, NULL, shown) != 0)
                        return -1;
        }
        return 0;
}

/* A short option alone in its word: "-h"; with a value "-r5" or "-r 5". */
static int parse_word(const struct cli_parser *p, void *ctx, int argc,
                      char **argv, int *i)
{
        const char *word = argv[*i];
        const struct cli_opt *o = find_short(p, word[1]);
        const char shown[3] = { '-', word[1], '\0' };
        char h[64];

        if (!o || (!o->has_value && word[2] != '\0'))
                return say(p, ctx, "unknown option '%s'%s", word, hint(p, h, sizeof(h)));
        if (!o->has_value)
                return p->apply(ctx, o->id, NULL, shown);
        if (word[2] != '\0')
                return p->apply(ctx, o->id, word + 2, shown);
        if (*i + 1 >= argc)
                return say(p, ctx, "option '%s' needs a value", shown);
        return p->apply(ctx, o->id, argv[++*i], shown);
}

int cli_opts_parse(const struct cli_parser *p, void *ctx, int argc, char **argv)
{
        bool options_done = false;
        int nfiles = 0;
        int i, r;

        /* Operands move down to argv[1..nfiles]: slot 1 + nfiles is never
         * past i, so nothing not yet read is overwritten. */
        for (i = 1; i < argc; i++) {
                char *arg = argv[i];

                if (options_done || arg[0] != '-' || arg[1] == '\0') {
                        argv[1 + nfiles++] = arg;
                        continue;
                }
                if (arg[1] == '-' && arg[2] == '\0') {
                        options_done = true;
                        continue;
                }
                if (arg[1] == '-')
                        r = parse_long(p, ctx, argc, argv, &i);
                else if (p->bundle)
                        r = parse_bundle(p, ctx, argc, argv, &i);
                else
                        r = parse_word(p, ctx, argc, argv, &i);
                if (r != 0)
                        return -1;
        }
        return nfiles;
}

/* ------------------------------------------------------------------------ */
/* huff's own options                                                        */

/* Where huff's errors go: args.c does no I/O. */
struct parse_ctx {
        struct cli_args *a;
        char *err;
        size_t err_cap;
};

static void fail_into(const struct cli_parser *p, void *ctx, const char *fmt,
                      va_list ap) __attribute__((format(printf, 3, 0)));

static void fail_into(const struct cli_parser *p, void *ctx, const char *fmt,
                      va_list ap)
{
        struct parse_ctx *c = ctx;

        (void)p;
        if (c->err_cap > 0)
                vsnprintf(c->err, c->err_cap, fmt, ap);
}

static int fail(struct parse_ctx *c, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

static int fail(struct parse_ctx *c, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        fail_into(NULL, c, fmt, ap);
        va_end(ap);
        return -1;
}

enum cli_personality cli_personality(const char *argv0)
{
        const char *base = argv0 ? strrchr(argv0, '/') : NULL;

        base = base ? base + 1 : (argv0 ? argv0 : "");
        if (strcmp(base, "unhuff") == 0)
                return CLI_AS_UNHUFF;
        if (strcmp(base, "hufcat") == 0)
                return CLI_AS_HUFCAT;
        return CLI_AS_HUFF;
}

void cli_args_init(struct cli_args *a, enum cli_personality p)
{
        memset(a, 0, sizeof(*a));
        a->mode = p == CLI_AS_HUFF ? CLI_COMPRESS : CLI_DECOMPRESS;
        a->to_stdout = p == CLI_AS_HUFCAT;
        a->verbosity = 1;
        a->restore_time = true;
        a->suffix = CLI_SUFFIX_DEFAULT;
        huff_params_init(&a->params);
}

static int apply(void *ctx, int id, const char *value, const char *shown)
{
        struct parse_ctx *c = ctx;
        struct cli_args *a = c->a;
        unsigned long size;

        /* Options with has_value always get a value (parse_long(),
         * parse_bundle(), parse_word()), which the analyzer cannot see.
         * NOLINTBEGIN(clang-analyzer-core.NullDereference,clang-analyzer-core.NonNullParamChecker) */
        switch ((enum opt_id)id) {
        case OPT_COMPRESS:   a->mode = CLI_COMPRESS; break;
        case OPT_DECOMPRESS: a->mode = CLI_DECOMPRESS; break;
        case OPT_TEST:       a->mode = CLI_TEST; break;
        case OPT_LIST:       a->mode = CLI_LIST; break;
        case OPT_STDOUT:
                a->to_stdout = true;
                a->output = NULL;
                break;
        case OPT_OUTPUT:
                if (value[0] == '\0')
                        return fail(c, "option '%s' needs a file name", shown);
                /* "-o -" is stdout, as for most tools that take -o. */
                a->to_stdout = strcmp(value, "-") == 0;
                a->output = a->to_stdout ? NULL : value;
                break;
        case OPT_KEEP:    a->remove_input = false; break;
        case OPT_RM:      a->remove_input = true; break;
        case OPT_FORCE:   a->force = true; break;
        case OPT_RECURSIVE: a->recursive = true; break;
        case OPT_OUTPUT_DIR:
                if (value[0] == '\0')
                        return fail(c, "option '%s' needs a directory name", shown);
                a->output_dir = value;
                break;
        /* gzip's names: a .huf file stores no name, so only the time is
         * left for them to be about. */
        case OPT_NAME:    a->restore_time = true; break;
        case OPT_NO_NAME: a->restore_time = false; break;
        case OPT_VERBOSE: a->verbosity++; break;
        case OPT_QUIET:   a->verbosity = 0; break;
        case OPT_HELP:    a->help = true; break;
        case OPT_VERSION: a->version = true; break;
        case OPT_NO_CHECK: a->params.checksum = 0; break;
        case OPT_FAST:    a->params.level = HUFF_LEVEL_MIN; break;
        case OPT_BEST:    a->params.level = HUFF_LEVEL_MAX; break;
        case OPT_MODEL:
                if (value[0] == '\0')
                        return fail(c, "option '%s' needs a file name", shown);
                a->model = value;
                break;
        case OPT_SUFFIX:
                /* gzip's refusals: without a suffix the output would be
                 * the input; with a '/' it would be in another directory. */
                if (value[0] == '\0')
                        return fail(c, "invalid suffix '' (a suffix must not be empty)");
                if (strchr(value, '/'))
                        return fail(c, "invalid suffix '%s' (a suffix must not hold a '/')",
                                    value);
                a->suffix = value;
                break;
        case OPT_THREADS:
                if (cli_parse_uint(value, 0, HUFF_THREADS_MAX, &size) != 0)
                        return fail(c, "invalid thread count '%s' (0 to %u; 0: one per "
                                    "processor)", value, HUFF_THREADS_MAX);
                a->params.threads = (unsigned)size;
                break;
        case OPT_BLOCK_SIZE:
                if (cli_parse_size(value, &size) != 0)
                        return fail(c, "invalid block size '%s'", value);
                if (size < HUFF_BLOCK_SIZE_MIN || size > HUFF_BLOCK_SIZE_MAX)
                        return fail(c,
                                    "block size '%s' out of range (%u to %u bytes)",
                                    value, HUFF_BLOCK_SIZE_MIN, HUFF_BLOCK_SIZE_MAX);
                a->params.block_size = (uint32_t)size;
                break;
        }
        /* NOLINTEND(clang-analyzer-core.NullDereference,clang-analyzer-core.NonNullParamChecker) */
        return 0;
}

/* A run of digits is one level: "-19" is an error, not -1 then -9, so zstd
 * habits fail loudly. */
static int level_option(void *ctx, const char **p)
{
        struct parse_ctx *c = ctx;
        const char *start = *p;
        long level = 0;

        if (**p < '0' || **p > '9')
                return 0;
        while (**p >= '0' && **p <= '9' && level <= HUFF_LEVEL_MAX)
                level = level * 10 + (*(*p)++ - '0');
        if (level < HUFF_LEVEL_MIN || level > HUFF_LEVEL_MAX ||
            (**p >= '0' && **p <= '9'))
                return fail(c, "invalid compression level '-%.*s' (-%d to -%d)",
                            (int)strspn(start, "0123456789"), start,
                            HUFF_LEVEL_MIN, HUFF_LEVEL_MAX);
        c->a->params.level = (int)level;
        return 1;
}

bool cli_args_reads_stdin(const struct cli_args *a)
{
        int i;

        for (i = 0; i < a->nfiles; i++)
                if (strcmp(a->files[i], "-") == 0)
                        return true;
        return false;
}

int cli_args_parse(struct cli_args *a, int argc, char **argv,
                   char *err, size_t err_cap)
{
        static const struct cli_parser parser = {
                .name = NULL,
                .opts = opts,
                .nopts = sizeof(opts) / sizeof(opts[0]),
                .bundle = true,
                .apply = apply,
                .other_short = level_option,
                .fail = fail_into,
        };
        struct parse_ctx c = { a, err, err_cap };
        int nfiles = cli_opts_parse(&parser, &c, argc, argv);

        if (nfiles < 0)
                return -1;
        /* Each names where outputs go: together they contradict. */
        if (a->output_dir && (a->to_stdout || a->output))
                return fail(&c, "--output-dir-flat cannot be combined with -c or -o");
        a->files = argv + 1;
        a->nfiles = nfiles;
        return 0;
}
