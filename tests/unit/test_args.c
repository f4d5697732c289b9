/*
 * test_args.c - the command line's option parser and the grammar of its
 * numbers (numbers.c), on their own
 *
 * args.c and numbers.c do no I/O, so they are compiled into this test
 * directly (they define _POSIX_C_SOURCE themselves, hence first).
 */
#include "../../src/cli/args.c"
#include "../../src/cli/numbers.c"

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

/* The smoothing of report, train and bench: exact, reduced, bounded. */
START_TEST(smoothing_fractions)
{
        static const char expect[] = "a decimal from 0 to 2^40 such as 0.5 or "
                                     "1e-3, to 12 decimal places";
        static const struct { const char *s; uint64_t num, den; } ok[] = {
                { "0.5", 1, 2 }, { ".25", 1, 4 }, { "000.300", 3, 10 },
                { "2.", 2, 1 }, { "0", 0, 1 }, { "1e-3", 1, 1000 },
                { "2E+2", 200, 1 }, { " 0.5\t", 1, 2 }, { "+1", 1, 1 },
                { "0.000000000001", 1, 1000000000000ull },
                { "1e-12", 1, 1000000000000ull },
                { "0.50000000000000000000", 1, 2 },   /* zeros reduce away */
                { "1099511627776", (uint64_t)1 << 40, 1 },
                { "1099511627775.5", ((uint64_t)1 << 41) - 1, 2 },
                { "0e-99", 0, 1 },
        };
        static const char *const bad[] = {
                "-1", "x", "", ".", "1.2.3", "1e", "0x10", "inf", "nan",
                "1e-13", "0.0000000000001", "1099511627777", "1099511627776.5",
                "1e13", "1 2", "1,5",
        };
        struct cli_decimal d;
        uint64_t n, q;
        size_t i;

        for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
                ck_assert_msg(cli_parse_smooth(ok[i].s, &d, &n, &q) == NULL,
                              "'%s' refused", ok[i].s);
                ck_assert_msg(n == ok[i].num && q == ok[i].den,
                              "'%s' is %llu/%llu", ok[i].s,
                              (unsigned long long)n, (unsigned long long)q);
        }
        for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
                ck_assert_str_eq(cli_parse_smooth(bad[i], &d, &n, &q), expect);
        /* The decimal is handed back too (report scales q and ALPHA by the
         * same power of 10). */
        ck_assert_ptr_null(cli_parse_smooth("2.50", &d, &n, &q));
        ck_assert(d.m == 25 && d.e == -1);
}
END_TEST

/* Exact decimals: digits, a power of 10, nothing rounded. */
START_TEST(exact_decimals)
{
        static const char too_long[] =
                "a decimal >= 0 with fewer significant digits, exact below 2^56";
        struct cli_decimal d;

        ck_assert_ptr_null(cli_parse_decimal("0.25", 4, &d));
        ck_assert(d.m == 25 && d.e == -2);
        ck_assert_ptr_null(cli_parse_decimal("100000000000000000000", 21, &d));
        ck_assert(d.m == 1 && d.e == 20);
        ck_assert_ptr_null(cli_parse_decimal("1.E+2", 5, &d));
        ck_assert(d.m == 1 && d.e == 2);
        ck_assert_ptr_null(cli_parse_decimal("2e-3", 4, &d));
        ck_assert(d.m == 2 && d.e == -3);
        ck_assert_ptr_null(cli_parse_decimal(" 0 ", 3, &d));
        ck_assert(d.m == 0 && d.e == 0);
        /* A span: what follows it is not read. */
        ck_assert_ptr_null(cli_parse_decimal("3,x", 1, &d));
        ck_assert(d.m == 3 && d.e == 0);
        ck_assert_str_eq(cli_parse_decimal("-1", 2, &d), CLI_EXPECT_DECIMAL);
        ck_assert_str_eq(cli_parse_decimal("", 0, &d), CLI_EXPECT_DECIMAL);
        ck_assert_str_eq(cli_parse_decimal("1e", 2, &d), CLI_EXPECT_DECIMAL);
        ck_assert_str_eq(cli_parse_decimal("0x10", 4, &d), CLI_EXPECT_DECIMAL);
        ck_assert_str_eq(cli_parse_decimal("123456789012345678901", 21, &d), too_long);
}
END_TEST

/* Lists: every item, empty ones too; sizes read from a span. */
START_TEST(comma_lists)
{
        const char *p = "1,,2K ", *item;
        unsigned long v;
        size_t len;

        ck_assert_uint_eq(cli_list_count(p), 3);
        ck_assert_uint_eq(cli_list_count(""), 1);
        ck_assert(cli_list_next(&p, &item, &len));
        ck_assert(len == 1 && item[0] == '1');
        ck_assert(cli_list_next(&p, &item, &len));
        ck_assert_uint_eq(len, 0);
        ck_assert(cli_list_next(&p, &item, &len));
        ck_assert_uint_eq(len, 3);
        ck_assert(!cli_list_next(&p, &item, &len));
        p = "";
        ck_assert(cli_list_next(&p, &item, &len));
        ck_assert_uint_eq(len, 0);
        ck_assert(!cli_list_next(&p, &item, &len));

        ck_assert_int_eq(cli_parse_size_span("2K,x", 2, &v), 0);
        ck_assert_uint_eq(v, 2048);
        ck_assert_int_eq(cli_parse_size_span("1MiB", 4, &v), 0);
        ck_assert_uint_eq(v, 1048576);
        ck_assert_int_eq(cli_parse_size_span("1Mi", 3, &v), -1);
        ck_assert_int_eq(cli_parse_size_span("1KB", 2, &v), 0);
        ck_assert_uint_eq(v, 1024);
        ck_assert_int_ne(cli_parse_size_span("", 0, &v), 0);
        ck_assert_int_ne(cli_parse_size(NULL, &v), 0);
        ck_assert_int_ne(cli_parse_size("4096M", &v), 0);
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

/* A printf-like callback: clang's -Wformat-nonliteral wants it said. */
__attribute__((format(printf, 3, 0)))
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

/* getopt_long's abbreviations: any beginning of one long option's name;
 * an exact name wins over the longer names it begins; a beginning shared
 * by two options is refused with both names. */
START_TEST(long_option_prefixes)
{
        struct cli_args a;
        char err[256];
        int argc;
        char **argv;

        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("--decomp", "--std", "x.huf")), 0);
        ck_assert_int_eq(a.mode, CLI_DECOMPRESS);
        ck_assert(a.to_stdout);
        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("--output=o", "--suf", ".z", "--bl=1M", "a")), 0);
        ck_assert_str_eq(a.output, "o");
        ck_assert_str_eq(a.suffix, ".z");
        ck_assert_uint_eq(a.params.block_size, 1u << 20);
        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("--unc", "--to", "--no-c", "a")), 0);
        ck_assert_int_eq(a.mode, CLI_DECOMPRESS);
        ck_assert(a.to_stdout);
        ck_assert_uint_eq(a.params.checksum, 0);
        /* "--rm" is a name of its own, though "--r" also begins
         * "--recursive"; "--re" is --recursive's alone. */
        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("--rm", "a")), 0);
        ck_assert(a.remove_input);
        ck_assert_int_eq(parse(&a, CLI_AS_HUFF, WORDS("--re", "a")), 0);
        ck_assert(a.recursive);

        argv = make_argv(WORDS("--s", "a"), &argc);
        cli_args_init(&a, CLI_AS_HUFF);
        ck_assert_int_eq(cli_args_parse(&a, argc, argv, err, sizeof(err)), -1);
        ck_assert_str_eq(err, "option '--s' is ambiguous; possibilities: '--stdout' "
                         "'--suffix'");
        argv = make_argv(WORDS("--=x"), &argc);
        ck_assert_int_eq(cli_args_parse(&a, argc, argv, err, sizeof(err)), -1);
        ck_assert_str_eq(err, "unknown option '--'");
        argv = make_argv(WORDS("--decompression"), &argc);
        ck_assert_int_eq(cli_args_parse(&a, argc, argv, err, sizeof(err)), -1);
        ck_assert_str_eq(err, "unknown option '--decompression'");
        /* A prefix takes a value as the full name does, and is named by
         * its full name when the value is missing. */
        argv = make_argv(WORDS("--suf"), &argc);
        ck_assert_int_eq(cli_args_parse(&a, argc, argv, err, sizeof(err)), -1);
        ck_assert_str_eq(err, "option '--suffix' needs a value");
}
END_TEST

START_TEST(subcommand_long_option_prefixes)
{
        struct seen s;
        char ops[256];

        ck_assert_int_eq(parse_sub(true, &s, ops, WORDS("--ru=3", "--j", "--he")), 0);
        ck_assert_str_eq(s.log, "1--ru=3=3;2--j=;0--he=;");
        ck_assert_int_eq(parse_sub(false, &s, ops, WORDS("--jsonx")), -1);
        ck_assert_str_eq(s.err, "unknown option '--jsonx' (huff sub -h lists them)");
}
END_TEST

/* -n/-N: the last one wins; -N (times kept) is the default. */
START_TEST(name_and_no_name)
{
        struct cli_args a;

        ck_assert_int_eq(parse(&a, CLI_AS_UNHUFF, WORDS("x.huf")), 0);
        ck_assert(a.restore_time);
        ck_assert_int_eq(parse(&a, CLI_AS_UNHUFF, WORDS("-Nn", "x.huf")), 0);
        ck_assert(!a.restore_time);
        ck_assert_int_eq(parse(&a, CLI_AS_UNHUFF, WORDS("--no-name", "--name", "x.huf")), 0);
        ck_assert(a.restore_time);
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
        tcase_add_test(tc, exact_decimals);
        tcase_add_test(tc, comma_lists);
        tcase_add_test(tc, subcommand_syntax);
        tcase_add_test(tc, long_option_prefixes);
        tcase_add_test(tc, subcommand_long_option_prefixes);
        tcase_add_test(tc, name_and_no_name);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
