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

void cli_opts_fail(const struct cli_parser *p, void *ctx, const char *fmt,
                   va_list ap)
{
        (void)ctx;
        cli_vmsg(p->name, fmt, ap);
}

int cli_flush_stdout(void)
{
        if (fflush(stdout) != 0 || ferror(stdout)) {
                cli_msg("stdout", "write error: %s", strerror(errno));
                return -1;
        }
        return 0;
}
