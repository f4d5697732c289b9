/*
 * msg.h - huff's messages on standard error: "huff: NAME: message", one line
 *
 * One place for the format, so that huff, unhuff, hufcat and the
 * subcommands (report, bench, train) speak alike: NAME is a file, "stdout",
 * or the subcommand for its own errors.
 */
#ifndef HUFF_CLI_MSG_H
#define HUFF_CLI_MSG_H

#include <stdarg.h>

/* The program's name, the first word of every message. */
#define CLI_PROG "huff"

/*
 * cli_msg - "huff: NAME: message" (name NULL: "huff: message") and a line
 * break on stderr, after flushing stdout so that what was printed before
 * stays before the message.
 */
void cli_msg(const char *name, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
void cli_vmsg(const char *name, const char *fmt, va_list ap)
        __attribute__((format(printf, 2, 0)));

/*
 * cli_opts_fail - a subcommand's option errors, for struct cli_parser's
 * fail (args.h): "huff: NAME: message", NAME the parser's name.
 */
struct cli_parser;
void cli_opts_fail(const struct cli_parser *p, void *ctx, const char *fmt,
                   va_list ap) __attribute__((format(printf, 3, 0)));

/*
 * cli_flush_stdout - flush stdout and check that every write to it worked
 * (gnulib's close_stdout: a full disk must not pass silently).  Returns 0,
 * or -1 after "huff: stdout: write error: ...".
 */
int cli_flush_stdout(void);

#endif /* HUFF_CLI_MSG_H */
