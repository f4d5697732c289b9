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
#include <stdbool.h>
#include <stddef.h>

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
 * cli_warn - cli_msg(), unless verbosity is below 1 (-q silences warnings;
 * the exit status still says 2, as in gzip).  cli_set_verbosity() sets it
 * (1 by default).
 */
void cli_warn(const char *name, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
void cli_set_verbosity(int verbosity);

/*
 * cli_bad_value - an option's value refused: "huff: CMD: OPT: invalid value
 * 'VALUE' (expected EXPECTED)", EXPECTED from the parser that refused it
 * (numbers.h), so that every subcommand words a bad value alike.
 * cli_bad_item() is the same for item k (from 1) of a list, value[0..len):
 * "huff: CMD: OPT: item K: invalid value 'ITEM' (expected ...)".
 * cli_bad_uint() says "a whole number from LO to HI".  All return -1.
 */
int cli_bad_value(const char *cmd, const char *opt, const char *value,
                  const char *expected);
int cli_bad_item(const char *cmd, const char *opt, unsigned k,
                 const char *item, size_t len, const char *expected);
int cli_bad_uint(const char *cmd, const char *opt, const char *value,
                 unsigned long lo, unsigned long hi);

/*
 * cli_msg_cannot_create - the output dest could not be created in its
 * directory (errno value err): "huff: DIR: cannot write NAME there: REASON",
 * DIR the directory ("." for a name without one), NAME the last part of
 * dest.  The temporary file huff writes first is left unnamed: it is how
 * the output is written, not what the user asked for.
 */
void cli_msg_cannot_create(const char *dest, int err);

/* cli_input_name - how messages name an input: "-" is "stdin". */
const char *cli_input_name(const char *path);

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

/*
 * cli_sub_parse - parse a subcommand's argv[1..argc) with cli_opts_parse()
 * (args.h) and the table opts[0..nopts): its errors are "huff: NAME: ...",
 * bundle as in struct cli_parser.  The operands end up at *files.
 * Returns their number, or -1 after a message.
 */
struct cli_opt;
int cli_sub_parse(const char *name, const struct cli_opt *opts, size_t nopts,
                  bool bundle,
                  int (*apply)(void *ctx, int id, const char *value, const char *shown),
                  void *ctx, int argc, char **argv, char ***files);

#endif /* HUFF_CLI_MSG_H */
