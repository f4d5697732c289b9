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

/* A writable argv of "huff" and a NULL-terminated list of words, valid
 * until the next call; its length in *argc. */
static char **make_argv(const char *const *words, int *argc)
{
        static char store[MAXARGS][64];
        static char *argv[MAXARGS + 1];
        int n = 0;

        argv[n++] = store[0];
        strcpy(store[0], "huff");
        for (; *words; words++, n++) {
                ck_assert_int_lt(n, MAXARGS);
                strcpy(store[n], *words);
                argv[n] = store[n];
        }
        argv[n] = NULL;
        *argc = n;
        return argv;
}

/* Parse a NULL-terminated list of words as huff would see them. */
static int parse(struct cli_args *a, enum cli_personality p, const char *const *words)
{
        char err[256];
        int argc;
        char **argv = make_argv(words, &argc);

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

START_TEST(whole_numbers)
{
        unsigned long v;

        ck_assert_int_eq(cli_parse_uint("15", 8, 15, &v), 0);
        ck_assert_uint_eq(v, 15);
        ck_assert_int_eq(cli_parse_uint("0011", 8, 15, &v), 0);
        ck_assert_uint_eq(v, 11);
        ck_assert_int_eq(cli_parse_uint("0", 0, 60000, &v), 0);
        ck_assert_uint_eq(v, 0);
        ck_assert_int_ne(cli_parse_uint("16", 8, 15, &v), 0);
        ck_assert_int_ne(cli_parse_uint("7", 8, 15, &v), 0);
        ck_assert_int_ne(cli_parse_uint("", 0, 15, &v), 0);
        ck_assert_int_ne(cli_parse_uint("-1", 0, 15, &v), 0);
        ck_assert_int_ne(cli_parse_uint("+1", 0, 15, &v), 0);
        ck_assert_int_ne(cli_parse_uint(" 1", 0, 15, &v), 0);
        ck_assert_int_ne(cli_parse_uint("1x", 0, 15, &v), 0);
        ck_assert_int_ne(cli_parse_uint("99999999999999999999999", 0, 15, &v), 0);
}
END_TEST

START_TEST(smoothing_fractions)
{
        const uint64_t grow = 1000000000000ull, den = 1000000000;
        uint64_t n, d;

        ck_assert_ptr_null(cli_parse_alpha("0.5", grow, den, &n, &d));
        ck_assert(n == 1 && d == 2);
        ck_assert_ptr_null(cli_parse_alpha(".25", grow, den, &n, &d));
        ck_assert(n == 1 && d == 4);
        ck_assert_ptr_null(cli_parse_alpha("000.300", grow, den, &n, &d));
        ck_assert(n == 3 && d == 10);
        ck_assert_ptr_null(cli_parse_alpha("2.", grow, den, &n, &d));
        ck_assert(n == 2 && d == 1);
        ck_assert_ptr_null(cli_parse_alpha("0", grow, den, &n, &d));
        ck_assert(n == 0 && d == 1);
        ck_assert_ptr_null(cli_parse_alpha("0.000000001", grow, den, &n, &d));
        ck_assert(n == 1 && d == 1000000000);
        ck_assert_str_eq(cli_parse_alpha("0.0000000001", grow, den, &n, &d),
                         "is too large or has too many digits");
        ck_assert_ptr_null(cli_parse_alpha("10000000000009", grow, den, &n, &d));
        ck_assert_str_eq(cli_parse_alpha("10000000000010", grow, den, &n, &d),
                         "is too large or has too many digits");
        ck_assert_str_eq(cli_parse_alpha("-1", grow, den, &n, &d), "is negative");
        ck_assert_str_eq(cli_parse_alpha(".", grow, den, &n, &d),
                         "is not a decimal number such as 0.5");
        ck_assert_str_eq(cli_parse_alpha("", grow, den, &n, &d),
                         "is not a decimal number such as 0.5");
        ck_assert_str_eq(cli_parse_alpha("1.2.3", grow, den, &n, &d),
                         "is not a decimal number such as 0.5");
        ck_assert_str_eq(cli_parse_alpha("1e3", grow, den, &n, &d),
                         "is not a decimal number such as 0.5");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* cli_opts_parse() as the subcommands use it                               */

struct seen {
        char log[256];          /* "id=value;" per option applied */
        char err[256];
};

static int seen_apply(void *ctx, int id, const char *value, const char *shown)
{
        struct seen *s = ctx;
        size_t n = strlen(s->log);

        snprintf(s->log + n, sizeof(s->log) - n, "%d%s=%s;", id, shown,
                 value ? value : "");
        return 0;
}

static void seen_fail(const struct cli_parser *p, void *ctx, const char *fmt,
                      va_list ap)
{
        struct seen *s = ctx;

        (void)p;
        vsnprintf(s->err, sizeof(s->err), fmt, ap);
}

static const struct cli_opt sub_opts[] = {
        { 'h', "help", 0, false },
        { 'r', "runs", 1, true  },
        {  0,  "json", 2, false },
};

/* Parse words with sub_opts; returns the operand count (or -1), the
 * operands joined by ' ' in ops. */
static int parse_sub(bool bundle, struct seen *s, char *ops, const char *const *words)
{
        const struct cli_parser p = {
                .name = "sub", .opts = sub_opts,
                .nopts = sizeof(sub_opts) / sizeof(sub_opts[0]), .bundle = bundle,
                .apply = seen_apply, .fail = seen_fail,
        };
        int argc, n, i;
        char **argv = make_argv(words, &argc);

        memset(s, 0, sizeof(*s));
        n = cli_opts_parse(&p, s, argc, argv);
        ops[0] = '\0';
        for (i = 1; i <= n; i++)
                strcat(strcat(ops, argv[i]), i < n ? " " : "");
        return n;
}

START_TEST(subcommand_syntax)
{
        struct seen s;
        char ops[256];

        /* A short option a word of its own: "-r5", "-r 5"; "-hr" is unknown. */
        ck_assert_int_eq(parse_sub(false, &s, ops,
                WORDS("a", "-r5", "-h", "-r", "7", "--json", "-", "--", "-h")), 3);
        ck_assert_str_eq(s.log, "1-r=5;0-h=;1-r=7;2--json=;");
        ck_assert_str_eq(ops, "a - -h");
        ck_assert_int_eq(parse_sub(false, &s, ops, WORDS("-hr")), -1);
        ck_assert_str_eq(s.err, "unknown option '-hr' (huff sub -h lists them)");
        ck_assert_int_eq(parse_sub(false, &s, ops, WORDS("-x")), -1);
        ck_assert_str_eq(s.err, "unknown option '-x' (huff sub -h lists them)");
        ck_assert_int_eq(parse_sub(false, &s, ops, WORDS("-r")), -1);
        ck_assert_str_eq(s.err, "option '-r' needs a value");
        /* getopt's: they combine, a value takes the rest or the next word. */
        ck_assert_int_eq(parse_sub(true, &s, ops, WORDS("-hr5", "-hhr", "x", "b")), 1);
        ck_assert_str_eq(s.log, "0-h=;1-r=5;0-h=;0-h=;1-r=x;");
        ck_assert_str_eq(ops, "b");
        ck_assert_int_eq(parse_sub(true, &s, ops, WORDS("-hx")), -1);
        ck_assert_str_eq(s.err, "unknown option '-x' (huff sub -h lists them)");
        /* Long options alike in both. */
        ck_assert_int_eq(parse_sub(true, &s, ops, WORDS("--runs=3", "--runs", "4")), 0);
        ck_assert_str_eq(s.log, "1--runs=3=3;1--runs=4;");
        ck_assert_int_eq(parse_sub(false, &s, ops, WORDS("--bogus=1")), -1);
        ck_assert_str_eq(s.err, "unknown option '--bogus' (huff sub -h lists them)");
        ck_assert_int_eq(parse_sub(false, &s, ops, WORDS("--json=1")), -1);
        ck_assert_str_eq(s.err, "option '--json' takes no value");
        ck_assert_int_eq(parse_sub(false, &s, ops, WORDS("--runs")), -1);
        ck_assert_str_eq(s.err, "option '--runs' needs a value");
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
        tcase_add_test(tc, whole_numbers);
        tcase_add_test(tc, smoothing_fractions);
        tcase_add_test(tc, subcommand_syntax);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
