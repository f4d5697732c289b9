/*
 * numbers.h - the grammar of every number an option of huff takes: whole
 * numbers, sizes, exact decimals, smoothing fractions and comma-separated
 * lists of them
 *
 * One parser per kind of number, shared by huff and its subcommands, so
 * that a value means the same to huff report, huff train and huff bench,
 * and one that is refused is refused by all alike.  Nothing here prints:
 * a parser that refuses a value returns what was expected instead, for
 * cli_bad_value() (msg.h) to say "OPTION: invalid value 'X' (expected
 * ...)".  Hence also testable on its own (tests/unit/test_args.c).
 */
#ifndef HUFF_CLI_NUMBERS_H
#define HUFF_CLI_NUMBERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What cli_parse_decimal() expects. */
#define CLI_EXPECT_DECIMAL "a decimal >= 0 such as 3, 0.5 or 2e-3"

/*
 * Smoothing (--smooth ALPHA of report, train and bench) as a reduced
 * fraction num/den: at most 12 decimal places and at most 2^40, far beyond
 * any useful smoothing and small enough that a model's 256 * num cannot
 * overflow.  The default, 1/2, is the Krichevsky-Trofimov estimator.
 */
#define CLI_SMOOTH_DEN_MAX 1000000000000ull     /* 10^12 */
#define CLI_SMOOTH_NUM_MAX ((uint64_t)1 << 40)
#define CLI_SMOOTH_DEFAULT "0.5"
#define CLI_SMOOTH_DEFAULT_NUM 1
#define CLI_SMOOTH_DEFAULT_DEN 2

/*
 * cli_parse_uint - s, all digits (no sign, no blanks), as a number in
 * [lo, hi] into *v.  Returns 0, or -1 if s is not such a number (s NULL
 * included).
 */
int cli_parse_uint(const char *s, unsigned long lo, unsigned long hi,
                   unsigned long *v);

/*
 * cli_parse_size - parse a decimal size with an optional binary unit
 * (K, KB, KiB, M, MB, MiB; any case) into *v.  Returns 0, or -1 if s is
 * not such a size or it overflows 32 bits.  cli_parse_size_span() reads
 * s[0..len) (a list's item) instead of a string.
 */
int cli_parse_size(const char *s, unsigned long *v);
int cli_parse_size_span(const char *s, size_t len, unsigned long *v);

/* A non-negative decimal m * 10^e, exactly; m == 0 is zero whatever e. */
struct cli_decimal {
        uint64_t m;
        long e;
};

/*
 * cli_parse_decimal - s[0..len) (blanks around it allowed) as a
 * non-negative decimal: digits with an optional point and exponent ("1",
 * "0.25", ".5", "2e-3", "1.E+2", "+3").  Zeros after the last non-zero
 * digit go to the exponent, so "100000000000000000000" is 1e20, not an
 * overflow; a mantissa of 2^56 or more (it could never become a weight,
 * huff.h's HUFF_WEIGHT_SUM_LIMIT) is refused.  Returns NULL, or what was
 * expected (CLI_EXPECT_DECIMAL, or fewer digits).
 */
const char *cli_parse_decimal(const char *s, size_t len, struct cli_decimal *d);

/*
 * cli_parse_smooth - a smoothing ALPHA, cli_parse_decimal()'s grammar, as
 * the decimal *d and as the exact reduced fraction *num / *den (0.5 is
 * 1/2, 1e-3 is 1/1000, 0 is 0/1) within CLI_SMOOTH_NUM_MAX and
 * CLI_SMOOTH_DEN_MAX.  d may be NULL.  Returns NULL, or what was expected.
 */
const char *cli_parse_smooth(const char *s, struct cli_decimal *d,
                             uint64_t *num, uint64_t *den);

/*
 * cli_list_next - the items of a comma-separated list, one per call: the
 * next item at *p is (*item, *len) (empty ones too: "1,,2" has three),
 * and *p moves past it and its comma.  Returns false, with nothing set,
 * once the last item has been taken; "" is one empty item.
 */
bool cli_list_next(const char **p, const char **item, size_t *len);

/* The number of items cli_list_next() finds in list (at least 1). */
unsigned cli_list_count(const char *list);

#endif /* HUFF_CLI_NUMBERS_H */
