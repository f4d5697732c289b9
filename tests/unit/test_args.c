/*
 * test_args.c - the command line's option parser, on its own
 *
 * args.c does no I/O, so it is compiled into this test directly (it defines
 * _POSIX_C_SOURCE itself, hence first).
 */
#include "../../src/cli/args.c"

#include <check.h>
#include <stdlib.h>
#include "testutil.h"

#define MAXARGS 16

/* Parse a NULL-terminated list of words as huff would see them. */
static int parse(struct cli_args *a, enum cli_personality p, const char *const *words)
{
        static char store[MAXARGS][64];
        static char *argv[MAXARGS + 1];
        char err[256];
        int argc = 0;

        argv[argc++] = store[0];
        strcpy(store[0], "huff");
        for (; *words; words++, argc++) {
                ck_assert_int_lt(argc, MAXARGS);
                strcpy(store[argc], *words);
                argv[argc] = store[argc];
        }
        argv[argc] = NULL;
        cli_args_init(a, p);
        return cli_args_parse(a, argc, argv, err, sizeof(err));
}

#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })

START_TEST(combined_short_options)
{
        struct cli_args a;

        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("-dcf", "x.huf")), 0);
        ck_assert_int_eq(a.mode, CLI_DECOMPRESS);
        ck_assert(a.to_stdout);
        ck_assert(a.force);
        ck_assert_int_eq(a.nfiles, 1);
        ck_assert_str_eq(a.files[0], "x.huf");
}
END_TEST

START_TEST(option_values_in_every_spelling)
{
        struct cli_args a;

        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("-B", "64K", "-oout", "a")), 0);
        ck_assert_uint_eq(a.params.block_size, 65536);
        ck_assert_str_eq(a.output, "out");
        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("--block-size=1M", "--suffix=.hf", "a")), 0);
        ck_assert_uint_eq(a.params.block_size, 1u << 20);
        ck_assert_str_eq(a.suffix, ".hf");
        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("-S", ".z", "-o", "o", "a")), 0);
        ck_assert_str_eq(a.suffix, ".z");
        ck_assert_str_eq(a.output, "o");
}
END_TEST

/* -M only names the file (args.c reads nothing); --no-check is a param. */
START_TEST(model_and_no_check)
{
        struct cli_args a;

        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("a")), 0);
        ck_assert_ptr_null(a.model);
        ck_assert_int_eq(a.params.checksum, 1);
        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("-M", "m", "--no-check", "a")), 0);
        ck_assert_str_eq(a.model, "m");
        ck_assert_int_eq(a.params.checksum, 0);
        ck_assert_ptr_null(a.params.model);
        ck_assert_int_eq(parse(&a, CLI_AS_UNHUFF, WORDS("-tMm", "a.huf")), 0);
        ck_assert_int_eq(a.mode, CLI_TEST);
        ck_assert_str_eq(a.model, "m");
        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("--model=x.model", "a")), 0);
        ck_assert_str_eq(a.model, "x.model");
        ck_assert_int_eq(a.nfiles, 1);
        ck_assert_int_ne(parse(&a, CLI_AS_HUFF, WORDS("--model=", "a")), 0);
        ck_assert_int_ne(parse(&a, CLI_AS_HUFF, WORDS("a", "-M")), 0);
        ck_assert_int_ne(parse(&a, CLI_AS_HUFF, WORDS("--no-check=1", "a")), 0);
}
END_TEST

START_TEST(block_size_limits)
{
        struct cli_args a;

        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("-B", "256", "a")), 0);
        ck_assert_int_ne(parse(&a, CLI_AS_HUFF, WORDS("-B", "255", "a")), 0);
        ck_assert_int_ne(parse(&a, CLI_AS_HUFF, WORDS("-B", "2M", "a")), 0);
        ck_assert_int_ne(parse(&a, CLI_AS_HUFF, WORDS("-B", "12Q", "a")), 0);
}
END_TEST

START_TEST(levels_and_double_dash)
{
        struct cli_args a;

        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("-9", "--", "-d")), 0);
        ck_assert_int_eq(a.params.level, 9);
        ck_assert_int_eq(a.mode, CLI_COMPRESS);
        ck_assert_int_eq(a.nfiles, 1);
        ck_assert_str_eq(a.files[0], "-d");
        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("--fast", "f")), 0);
        ck_assert_int_eq(a.params.level, 1);
        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("--best", "f")), 0);
        ck_assert_int_eq(a.params.level, 9);
        ck_assert_int_ne(parse(&a, CLI_AS_HUFF, WORDS("--no-such-option")), 0);
}
END_TEST

START_TEST(personalities)
{
        struct cli_args a;

        ck_assert_int_eq(cli_personality("/usr/bin/unhuff"), CLI_AS_UNHUFF);
        ck_assert_int_eq(cli_personality("hufcat"), CLI_AS_HUFCAT);
        ck_assert_int_eq(cli_personality("./huff"), CLI_AS_HUFF);
        ck_assert_int_eq(parse(&a, CLI_AS_UNHUFF, WORDS("x.huf")), 0);
        ck_assert_int_eq(a.mode, CLI_DECOMPRESS);
        ck_assert_int_eq(parse(&a, CLI_AS_HUFCAT, WORDS("x.huf")), 0);
        ck_assert_int_eq(a.mode, CLI_DECOMPRESS);
        ck_assert(a.to_stdout);
}
END_TEST

START_TEST(sizes_with_units)
{
        unsigned long v;

        ck_assert_int_eq(cli_parse_size("128K", &v), 0);
        ck_assert_uint_eq(v, 131072);
        ck_assert_int_eq(cli_parse_size("1MiB", &v), 0);
        ck_assert_uint_eq(v, 1048576);
        ck_assert_int_eq(cli_parse_size("300", &v), 0);
        ck_assert_uint_eq(v, 300);
        ck_assert_int_ne(cli_parse_size("", &v), 0);
        ck_assert_int_ne(cli_parse_size("K", &v), 0);
        ck_assert_int_ne(cli_parse_size("99999999999M", &v), 0);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("args");
        TCase *tc = tcase_create("args");

        tcase_add_test(tc, combined_short_options);
        tcase_add_test(tc, option_values_in_every_spelling);
        tcase_add_test(tc, model_and_no_check);
        tcase_add_test(tc, block_size_limits);
        tcase_add_test(tc, levels_and_double_dash);
        tcase_add_test(tc, personalities);
        tcase_add_test(tc, sizes_with_units);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
