/*
 * msg.c - huff's messages on standard error (msg.h)
 */
#define _POSIX_C_SOURCE 200809L

#include "msg.h"
#include "args.h"
#include "progress.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void cli_vmsg(const char *name, const char *fmt, va_list ap)
{
        fflush(stdout);         /* keep -l lines and messages in order */
        progress_clear();       /* a message starts its own line */
        if (name)
                fprintf(stderr, "%s: %s: ", CLI_PROG, name);
        else
                fprintf(stderr, "%s: ", CLI_PROG);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
}

void cli_msg(const char *name, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        cli_vmsg(name, fmt, ap);
        va_end(ap);
}

/* huff's -q and -v: warnings are the only messages -q silences. */
static int warn_verbosity = 1;

void cli_set_verbosity(int verbosity)
{
        warn_verbosity = verbosity;
}

void cli_warn(const char *name, const char *fmt, ...)
{
        va_list ap;

        if (warn_verbosity < 1)
                return;
        va_start(ap, fmt);
        cli_vmsg(name, fmt, ap);
        va_end(ap);
}

int cli_bad_item(const char *cmd, const char *opt, unsigned k,
                 const char *item, size_t len, const char *expected)
{
        char where[32] = "";

        if (k)
                snprintf(where, sizeof(where), "item %u: ", k);
        cli_msg(cmd, "%s: %sinvalid value '%.*s' (expected %s)", opt, where,
                (int)len, item, expected);
        return -1;
}

int cli_bad_value(const char *cmd, const char *opt, const char *value,
                  const char *expected)
{
        return cli_bad_item(cmd, opt, 0, value, strlen(value), expected);
}

int cli_bad_uint(const char *cmd, const char *opt, const char *value,
                 unsigned long lo, unsigned long hi)
{
        char expected[64];

        snprintf(expected, sizeof(expected), "a whole number from %lu to %lu",
                 lo, hi);
        return cli_bad_value(cmd, opt, value, expected);
}

void cli_msg_cannot_create(const char *dest, int err)
{
        const char *slash = strrchr(dest, '/');
        const char *base = slash ? slash + 1 : dest;
        char dir[4096];

        if (!slash)
                snprintf(dir, sizeof(dir), ".");
        else
                snprintf(dir, sizeof(dir), "%.*s",
                         slash == dest ? 1 : (int)(slash - dest), dest);
        if (*base)
                cli_msg(dir, "cannot write %s there: %s", base, strerror(err));
        else
                cli_msg(dir, "cannot write the output there: %s", strerror(err));
}

const char *cli_input_name(const char *path)
{
        return strcmp(path, "-") == 0 ? "stdin" : path;
}

void cli_opts_fail(const struct cli_parser *p, void *ctx, const char *fmt,
                   va_list ap)
{
        (void)ctx;
        cli_vmsg(p->name, fmt, ap);
}

int cli_sub_parse(const char *name, const struct cli_opt *opts, size_t nopts,
                  bool bundle,
                  int (*apply)(void *ctx, int id, const char *value, const char *shown),
                  void *ctx, int argc, char **argv, char ***files)
{
        const struct cli_parser parser = {
                .name = name, .opts = opts, .nopts = nopts, .bundle = bundle,
                .apply = apply, .fail = cli_opts_fail,
        };

        *files = argv + 1;
        return cli_opts_parse(&parser, ctx, argc, argv);
}

int cli_flush_stdout(void)
{
        if (fflush(stdout) != 0 || ferror(stdout)) {
                cli_msg("stdout", "write error: %s", strerror(errno));
                return -1;
        }
        return 0;
}
