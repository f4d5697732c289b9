/*
 * exit_codes.h - the exit status of huff, unhuff, hufcat and the subcommands
 *
 * gzip's: 0 success, 1 error, 2 warning (an input skipped, trailing garbage
 * ignored).  One definition, so that every part of huff means the same by
 * the same number; the subcommands use only 0 and 1.
 */
#ifndef HUFF_CLI_EXIT_CODES_H
#define HUFF_CLI_EXIT_CODES_H

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_WARNING = 2 };

#endif /* HUFF_CLI_EXIT_CODES_H */
