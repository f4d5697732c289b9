/*
 * report_cmd.c - "huff report": how close prefix codes come to the entropy
 * of their source, and what a code built from the wrong model costs
 *
 * Every figure printed comes from the library's measures (huff.h, "Measures:
 * entropy, code lengths, cross-entropy"), which the benchmark and the tests
 * share: this file reads inputs, turns the decimal lists of --p, --q and
 * --smooth into exact integer weights, and formats.  It computes no entropy
 * or length of its own, so that a figure can never disagree with the one the
 * library's tests check.
 *
 * Why exact integer weights: the codes are built from the weights, and a
 * Huffman code is decided by comparisons of sums of weights.  0.3 is not a
 * binary fraction, so 0.5,0.3,0.2 as doubles could tie or order sums
 * differently from 5,3,2; scaling every value of a list by the same power of
 * 10 keeps the distribution and makes every comparison exact.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "huff.h"
#include "args.h"
#include "fileio.h"
#include "msg.h"
#include "output.h"
#include "report_cmd.h"

enum { EXIT_OK = 0, EXIT_ERROR = 1 };

#define NSYM HUFF_REPORT_MAX_SYMS
/* huff.h: the weights of a distribution must sum below 2^56. */
#define WEIGHT_LIMIT ((uint64_t)1 << 56)

static const char cmd[] = "report";

static void usage(void)
{
        printf(
"Usage: huff report [OPTION]... [FILE]...\n"
"   or: huff report --p LIST [--q LIST] [OPTION]...\n"
"Measure how close prefix codes come to the entropy of each FILE's bytes:\n"
"the entropy, the optimal Huffman code (unlimited, and limited to %u bits as\n"
"huff uses it), the Shannon code, what huff's .huf file achieves, the block\n"
"entropy of huff's blocks and the order-1 conditional entropy; with a model\n"
"q, the cross-entropy, the KL divergence and what q's code costs on the data.\n"
"Each FILE is read whole into memory.  With no FILE, or when FILE is -, read\n"
"standard input.\n"
"\n"
"      --model FILE    q is the byte frequencies of FILE or, if FILE is a model\n"
"                      file (huff train), the model's smoothed counts, and\n"
"                      q's code is the model's own stored code\n"
"      --q LIST        q given inline (256 values with a FILE: one per byte)\n"
"      --smooth ALPHA  add ALPHA (a decimal >= 0) to every value of q before\n"
"                      building q's code: a symbol q gives 0 becomes codable\n"
"                      (not with a model file, smoothed when it was trained)\n"
"      --p LIST        report on the distribution LIST instead of a FILE\n"
"      --symbols       one row per occurring symbol, by count: count, p,\n"
"                      -log p, code length and codeword of the optimal code\n"
"      --unit UNIT     bits (the default) or nats\n"
"      --format FMT    text (the default), json (one object per line) or csv\n"
"      --json, --csv   the same as --format json, --format csv\n"
"  -h, --help          print this help and exit\n"
"\n"
"LIST is comma-separated non-negative decimals (3,3,2,1,1 or 0.5,0.3,0.2 or\n"
".5,2e-3), counts or probabilities alike, normalised by their sum; at most\n"
"%u.  Codes are built from exact integer weights: the values of a list are\n"
"scaled by the smallest power of 10 that makes them all whole (0.5,0.3,0.2 ->\n"
"5,3,2; with --smooth, q and ALPHA together), and must then sum below 2^56.\n"
"Text shows figures to 4 decimals (6 significant digits below 0.01); json\n"
"and csv at full precision, an infinite figure as null in json and inf in\n"
"csv.  With --csv --symbols the rows are the symbols of every input.\n"
"Exit status: 0 success, 1 error.\n",
               HUFF_CODE_LEN_DEFAULT, NSYM);
}

/* ------------------------------------------------------------------------ */
/* Options                                                                   */

struct opts {
        enum out_format format;
        enum huff_unit unit;
        bool symbols;
        bool help;
        const char *p_list;     /* --p */
        const char *q_list;     /* --q */
        const char *model;      /* --model */
        const char *smooth;     /* --smooth, as given */
        char **files;
        int nfiles;
};

enum opt_id {
        OPT_HELP, OPT_SYMBOLS, OPT_MODEL, OPT_Q, OPT_P, OPT_SMOOTH, OPT_UNIT,
        OPT_FORMAT, OPT_JSON, OPT_CSV,
};

static const struct cli_opt opt_table[] = {
        { 'h', "help",    OPT_HELP,    false },
        {  0,  "symbols", OPT_SYMBOLS, false },
        {  0,  "model",   OPT_MODEL,   true  },
        {  0,  "q",       OPT_Q,       true  },
        {  0,  "p",       OPT_P,       true  },
        {  0,  "smooth",  OPT_SMOOTH,  true  },
        {  0,  "unit",    OPT_UNIT,    true  },
        {  0,  "format",  OPT_FORMAT,  true  },
        {  0,  "json",    OPT_JSON,    false },
        {  0,  "csv",     OPT_CSV,     false },
};

static int apply(void *ctx, int id, const char *v, const char *shown)
{
        struct opts *o = ctx;

        (void)shown;
        switch ((enum opt_id)id) {
        case OPT_HELP:    o->help = true; break;
        case OPT_SYMBOLS: o->symbols = true; break;
        case OPT_MODEL:   o->model = v; break;
        case OPT_Q:       o->q_list = v; break;
        case OPT_P:       o->p_list = v; break;
        case OPT_SMOOTH:  o->smooth = v; break;
        case OPT_JSON:    o->format = OUT_JSON; break;
        case OPT_CSV:     o->format = OUT_CSV; break;
        case OPT_UNIT:
                if (strcmp(v, "bits") == 0) {
                        o->unit = HUFF_UNIT_BITS;
                } else if (strcmp(v, "nats") == 0) {
                        o->unit = HUFF_UNIT_NATS;
                } else {
                        cli_msg(cmd, "unknown unit '%s' (bits or nats)", v);
                        return -1;
                }
                break;
        case OPT_FORMAT:
                return out_format_parse(cmd, v, &o->format);
        }
        return 0;
}

/*
 * The syntax of the rest of huff (args.c), each short option a word of its
 * own; the operands end up in o->files.  Returns 0, or -1 after a message.
 */
static int parse_args(struct opts *o, int argc, char **argv)
{
        static const struct cli_parser parser = {
                .name = cmd,
                .opts = opt_table,
                .nopts = sizeof(opt_table) / sizeof(opt_table[0]),
                .bundle = false,
                .apply = apply,
                .fail = cli_opts_fail,
        };

        memset(o, 0, sizeof(*o));
        o->format = OUT_TEXT;
        o->unit = HUFF_UNIT_BITS;
        o->nfiles = cli_opts_parse(&parser, o, argc, argv);
        o->files = argv + 1;
        return o->nfiles < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------------ */
/* Exact decimals                                                            */

/* A non-negative decimal m * 10^e, exactly; m == 0 is zero whatever e. */
struct decimal {
        uint64_t m;
        long e;
};

/*
 * parse_decimal - s[0..len) (blanks around it allowed) as a non-negative
 * decimal: digits with an optional point and exponent ("1", "0.25", ".5",
 * "2e-3", "1.E+2").  Returns NULL, or why it is not one.  Zeros after the
 * last non-zero digit go to the exponent, so "100000000000000000000" is
 * 1e20, not an overflow; a mantissa past 2^56 could never become a weight.
 */
static const char *parse_decimal(const char *s, size_t len, struct decimal *d)
{
        const char *p = s, *end = s + len;
        uint64_t m = 0;
        long e = 0, zeros = 0, x = 0;
        int digits = 0, xsign = 1;
        bool point = false;

        while (p < end && (*p == ' ' || *p == '\t'))
                p++;
        while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
                end--;
        if (p == end)
                return "is empty";
        if (*p == '-')
                return "is negative";
        if (*p == '+')
                p++;
        for (; p < end; p++) {
                unsigned dig;

                if (*p == '.' && !point) {
                        point = true;
                        continue;
                }
                if (*p < '0' || *p > '9')
                        break;
                digits++;
                if (point)
                        e--;
                dig = (unsigned)(*p - '0');
                if (dig == 0) {
                        if (m)
                                zeros++;
                        continue;
                }
                for (; zeros >= 0; zeros--) {   /* m * 10^(zeros + 1) */
                        if (m > WEIGHT_LIMIT / 10)
                                return "has too many digits (exact weights "
                                       "would pass 2^56)";
                        m *= 10;
                }
                zeros = 0;
                m += dig;
        }
        if (digits == 0)
                return "is not a non-negative decimal number";
        if (p < end && (*p == 'e' || *p == 'E')) {
                p++;
                if (p < end && (*p == '+' || *p == '-'))
                        xsign = *p++ == '-' ? -1 : 1;
                if (p == end || *p < '0' || *p > '9')
                        return "is not a non-negative decimal number";
                for (; p < end && *p >= '0' && *p <= '9'; p++)
                        if (x < 1000000)        /* beyond, it fails anyway */
                                x = x * 10 + (*p - '0');
        }
        if (p != end)
                return "is not a non-negative decimal number";
        d->m = m;
        d->e = m ? e + zeros + xsign * x : 0;
        return NULL;
}

/*
 * parse_list - the comma-separated values of option opt into v[0..*n).
 * Returns 0, or -1 after a message.
 */
static int parse_list(const char *opt, const char *list, struct decimal *v,
                      unsigned *n)
{
        const char *p = list;
        unsigned k = 0;

        for (;;) {
                const char *comma = strchr(p, ',');
                size_t len = comma ? (size_t)(comma - p) : strlen(p);
                const char *why;

                if (k == NSYM) {
                        cli_msg(cmd, "%s: more than %u values", opt, NSYM);
                        return -1;
                }
                if ((why = parse_decimal(p, len, &v[k])) != NULL) {
                        cli_msg(cmd, "%s: value %u, '%.*s', %s", opt, k + 1,
                                (int)len, p, why);
                        return -1;
                }
                k++;
                if (!comma)
                        break;
                p = comma + 1;
        }
        *n = k;
        return 0;
}

/* x * 10^k, or -1 if that reaches 2^56. */
static int scale10(uint64_t x, long k, uint64_t *out)
{
        if (x)
                for (; k > 0; k--) {
                        if (x >= WEIGHT_LIMIT / 10)
                                return -1;
                        x *= 10;
                }
        *out = x;
        return 0;
}

/*
 * to_weights - w[i] = (v[i] + alpha) * 10^d for the smallest d >= 0 that
 * makes every term an integer; alpha may be NULL (none).  Never d < 0:
 * counts 100,300 stay 100,300 (400 symbols), not 1,3.
 * Returns 0, or -1 if a weight or their sum would reach 2^56.
 */
static int to_weights(const struct decimal *v, unsigned n,
                      const struct decimal *alpha, uint64_t *w)
{
        long t = 0;             /* -d */
        uint64_t a = 0, sum = 0;
        unsigned i;

        for (i = 0; i < n; i++)
                if (v[i].m && v[i].e < t)
                        t = v[i].e;
        if (alpha && alpha->m && alpha->e < t)
                t = alpha->e;
        if (alpha && scale10(alpha->m, alpha->e - t, &a) != 0)
                return -1;
        for (i = 0; i < n; i++) {
                if (scale10(v[i].m, v[i].e - t, &w[i]) != 0)
                        return -1;
                if (w[i] >= WEIGHT_LIMIT - a)
                        return -1;
                w[i] += a;
                sum += w[i];
                if (sum >= WEIGHT_LIMIT)
                        return -1;
        }
        return 0;
}

static bool all_zero(const uint64_t *w, unsigned n)
{
        unsigned i;

        for (i = 0; i < n; i++)
                if (w[i])
                        return false;
        return true;
}

/* ------------------------------------------------------------------------ */
/* One report                                                                */

struct run {
        struct opts o;
        /* --p: the exact weights */
        uint64_t p_list[NSYM];
        unsigned p_syms;
        /* the model q (--model or --q, smoothed), or none */
        bool has_model;
        uint64_t q[NSYM];
        unsigned q_syms;
        char model_label[256];  /* what the text calls it */
        bool model_file;        /* --model names a model file: its code is */
        uint8_t model_lens[NSYM];       /* these stored lengths */
        double smooth;          /* --smooth as a number, for json and csv */
        bool header_done;       /* csv */
        int reported;           /* text: a blank line between reports */
};

struct result {
        const char *name;
        bool is_file;           /* the file-only figures exist */
        bool empty;             /* no symbols: only the encoder's figures */
        const uint64_t *p;
        unsigned num_syms;
        uint64_t symbols;
        uint64_t counts[256];   /* a file's histogram */
        struct huff_report r;   /* unless empty */
        struct huff_encoding_report e;  /* files */
        double huf_avg;         /* files, unless empty */
        double order1;          /* files, unless empty */
        double entropy_total;   /* unless empty */
        uint32_t codes[NSYM];   /* the unlimited code's codewords */
        bool codes_ok;          /* huff_canonical_codes() took the lengths */
};

/* Fill everything but the inputs' own fields.  Returns 0, or -1 after a
 * message naming res->name. */
static int measure(const struct run *run, struct result *res,
                   const unsigned char *data, size_t n)
{
        const enum huff_unit u = run->o.unit;
        enum huff_status s;

        if (res->is_file) {
                huff_histogram(data, n, res->counts);
                res->p = res->counts;
                res->num_syms = 256;
                res->symbols = n;
                res->empty = n == 0;
                s = huff_report_encoding(data, n, NULL, &res->e);
                if (s != HUFF_OK) {
                        cli_msg(res->name, "%s", huff_strerror(s));
                        return -1;
                }
                if (res->empty)
                        return 0;
                s = huff_order1_entropy(data, n, u, &res->order1);
                if (s != HUFF_OK) {
                        cli_msg(res->name, "%s", huff_strerror(s));
                        return -1;
                }
        }
        s = huff_report_distribution(res->p, run->has_model ? run->q : NULL,
                                     res->num_syms, HUFF_CODE_LEN_DEFAULT, u, &res->r);
        if (s == HUFF_OK && run->model_file)
                s = huff_report_model_code(&res->r, res->p, run->model_lens,
                                           res->num_syms);
        if (s != HUFF_OK) {
                cli_msg(res->name, "%s", huff_strerror(s));
                return -1;
        }
        res->symbols = res->r.symbols;
        res->entropy_total = huff_bits_in_unit(8.0 * res->r.ideal_bytes, u);
        if (res->is_file)
                res->huf_avg = huff_bits_in_unit(8.0 * (double)res->e.huf_bytes /
                                                 (double)n, u);
        /* Codewords longer than 32 bits (weights like Fibonacci numbers)
         * cannot be shown; their rows say so. */
        res->codes_ok = huff_canonical_codes(res->r.huffman.lens, res->num_syms,
                                             res->codes) == HUFF_OK;
        return 0;
}

/* ------------------------------------------------------------------------ */
/* Symbol rows                                                               */

struct sym_row {
        unsigned sym;
        uint64_t count;
        char label[12];         /* "e", "0x0a", or the index of a --p value */
        double p;
        double info;            /* -log p */
        unsigned len;           /* in the unlimited optimal code */
        char codeword[33];      /* "" when longer than 32 bits */
        unsigned model_len;     /* in q's code; 0: q cannot code it */
};

static int by_count(const void *a, const void *b)
{
        const struct sym_row *x = a, *y = b;

        if (x->count != y->count)
                return x->count > y->count ? -1 : 1;
        return x->sym < y->sym ? -1 : x->sym > y->sym;
}

/*
 * sym_rows - the occurring symbols, most frequent first (ties by symbol).
 * -log p_i is the library's cross-entropy of the point mass on i against
 * p: H(delta_i, p) = -log(p_i), so no logarithm is taken here.
 */
static unsigned sym_rows(const struct run *run, const struct result *res,
                         struct sym_row *rows)
{
        uint64_t delta[NSYM] = { 0 };
        unsigned i, k = 0, b;

        for (i = 0; i < res->num_syms; i++) {
                struct sym_row *row;

                if (!res->p[i])
                        continue;
                row = &rows[k++];
                row->sym = i;
                row->count = res->p[i];
                if (!res->is_file)
                        snprintf(row->label, sizeof(row->label), "%u", i);
                else if (i > 0x20 && i < 0x7f)
                        snprintf(row->label, sizeof(row->label), "%c", (char)i);
                else
                        snprintf(row->label, sizeof(row->label), "0x%02x", i);
                row->p = (double)res->p[i] / (double)res->symbols;
                delta[i] = 1;
                row->info = huff_cross_entropy(delta, res->p, res->num_syms, run->o.unit);
                delta[i] = 0;
                row->len = res->r.huffman.lens[i];
                row->codeword[0] = '\0';
                if (res->codes_ok) {
                        for (b = 0; b < row->len; b++)
                                row->codeword[b] = (char)('0' +
                                        ((res->codes[i] >> (row->len - 1 - b)) & 1));
                        row->codeword[row->len] = '\0';
                }
                row->model_len = run->has_model ? res->r.model_lens[i] : 0;
        }
        qsort(rows, k, sizeof(*rows), by_count);
        return k;
}

/* ------------------------------------------------------------------------ */
/* JSON and CSV: one list of named fields                                    */

/*
 * The order of the README's contract, then the extras, then the model's
 * fields (present whenever a model is given, so every csv row has the same
 * columns).  An empty input has symbols 0, distinct 0, the encoder's
 * figures, and null everywhere else.
 */
static void collect(const struct run *run, const struct result *res,
                    struct out_fields *fs)
{
        const struct huff_report *r = &res->r;
        const bool d = !res->empty;             /* the distribution's figures */
        const bool f = res->is_file;
        const bool fd = f && d;

        fs->n = 0;
        out_add_str(fs, "name", res->name);
        out_add_uint(fs, "symbols", true, res->symbols);
        out_add_uint(fs, "distinct", true, d ? r->distinct : 0);
        out_add_num(fs, "entropy", d, r->entropy);
        out_add_num(fs, "huffman_avg", d, r->huffman.avg);
        out_add_num(fs, "limited_avg", d, r->limited.avg);
        out_add_num(fs, "shannon_avg", d, r->shannon_avg);
        out_add_num(fs, "huf_avg", fd, res->huf_avg);
        out_add_num(fs, "redundancy", d, r->huffman.redundancy);
        out_add_num(fs, "efficiency", d, r->huffman.efficiency);
        out_add_num(fs, "kraft_sum", d, r->huffman.kraft_sum);
        out_add_uint(fs, "max_len", d, r->huffman.max_len);
        out_add_num(fs, "ideal_bytes", d, r->ideal_bytes);
        out_add_num(fs, "huffman_payload_bytes", d, (double)r->huffman.payload_bits / 8);
        out_add_uint(fs, "huf_bytes", f, res->e.huf_bytes);
        out_add_num(fs, "block_entropy_bytes", f, res->e.block_entropy_bytes);
        out_add_num(fs, "order1_entropy", fd, res->order1);
        /* extras */
        out_add_str(fs, "unit", run->o.unit == HUFF_UNIT_NATS ? "nats" : "bits");
        out_add_num(fs, "entropy_total", d, res->entropy_total);
        out_add_uint(fs, "huffman_payload_bits", d, r->huffman.payload_bits);
        out_add_uint(fs, "limit", true, HUFF_CODE_LEN_DEFAULT);
        out_add_num(fs, "limited_redundancy", d, r->limited.redundancy);
        out_add_num(fs, "limited_efficiency", d, r->limited.efficiency);
        out_add_num(fs, "limited_kraft_sum", d, r->limited.kraft_sum);
        out_add_uint(fs, "limited_max_len", d, r->limited.max_len);
        out_add_uint(fs, "limited_payload_bits", d, r->limited.payload_bits);
        out_add_uint(fs, "blocks", f, res->e.blocks);
        if (run->has_model) {
                out_add_str(fs, "model", run->o.model ? run->o.model : "--q");
                out_add_num(fs, "smooth", run->o.smooth != NULL, run->smooth);
                out_add_num(fs, "cross_entropy", d, r->cross_entropy);
                out_add_num(fs, "kl_divergence", d, r->kl_divergence);
                out_add_num(fs, "model_avg", d, r->model_avg);
                out_add_num(fs, "model_overhead", d, r->model_overhead);
                out_add_bool(fs, "model_covers_data", d, r->model_covers_data);
        }
}

static void json_weights(const char *key, const uint64_t *w, unsigned n)
{
        unsigned i;

        printf(", \"%s\": [", key);
        for (i = 0; i < n; i++)
                printf("%s%" PRIu64, i ? ", " : "", w[i]);
        putchar(']');
}

static void print_json(const struct run *run, const struct result *res)
{
        struct out_fields fs;
        unsigned i;

        collect(run, res, &fs);
        putchar('{');
        out_json_fields(stdout, &fs);
        /* The exact integer weights the lists became. */
        if (!res->is_file)
                json_weights("weights", res->p, res->num_syms);
        if (run->has_model && run->o.q_list)
                json_weights("model_weights", run->q, run->q_syms);
        if (run->o.symbols && !res->empty) {
                struct sym_row rows[NSYM];
                unsigned k = sym_rows(run, res, rows);

                fputs(", \"symbol_table\": [", stdout);
                for (i = 0; i < k; i++) {
                        printf("%s{\"symbol\": %u, \"label\": ", i ? ", " : "", rows[i].sym);
                        out_json_str(stdout, rows[i].label);
                        printf(", \"count\": %" PRIu64 ", \"p\": ", rows[i].count);
                        out_json_num(stdout, rows[i].p);
                        fputs(", \"self_information\": ", stdout);
                        out_json_num(stdout, rows[i].info);
                        printf(", \"code_len\": %u, \"codeword\": ", rows[i].len);
                        if (res->codes_ok)
                                out_json_str(stdout, rows[i].codeword);
                        else
                                fputs("null", stdout);
                        if (run->has_model) {
                                fputs(", \"model_code_len\": ", stdout);
                                if (rows[i].model_len)
                                        printf("%u", rows[i].model_len);
                                else
                                        fputs("null", stdout);
                        }
                        putchar('}');
                }
                putchar(']');
        }
        fputs("}\n", stdout);
}

static void print_csv(struct run *run, const struct result *res)
{
        struct out_fields fs;

        collect(run, res, &fs);
        if (!run->header_done) {
                out_csv_header(stdout, &fs);
                run->header_done = true;
        }
        out_csv_row(stdout, &fs);
}

/* --csv --symbols: one table of symbols, the input's name first. */
static void print_csv_symbols(struct run *run, const struct result *res)
{
        struct sym_row rows[NSYM];
        unsigned i, k;

        if (!run->header_done) {
                printf("name,symbol,label,count,p,self_information,code_len,codeword%s\n",
                       run->has_model ? ",model_code_len" : "");
                run->header_done = true;
        }
        if (res->empty)
                return;
        k = sym_rows(run, res, rows);
        for (i = 0; i < k; i++) {
                out_csv_str(stdout, res->name);
                printf(",%u,", rows[i].sym);
                out_csv_str(stdout, rows[i].label);
                printf(",%" PRIu64 ",", rows[i].count);
                out_csv_num(stdout, rows[i].p);
                putchar(',');
                out_csv_num(stdout, rows[i].info);
                printf(",%u,%s", rows[i].len, rows[i].codeword);
                if (run->has_model) {
                        putchar(',');
                        if (rows[i].model_len)
                                printf("%u", rows[i].model_len);
                }
                putchar('\n');
        }
}

/* ------------------------------------------------------------------------ */
/* Text                                                                      */

static void print_symbols_text(const struct run *run, const struct result *res,
                               const char *unit)
{
        struct sym_row rows[NSYM];
        struct out_table t;
        unsigned i, k = sym_rows(run, res, rows);
        char b[OUT_CELL];

        if (out_table_init(&t, k + 1, run->has_model ? "lrrrrlr" : "lrrrrl") != 0) {
                cli_msg(res->name, "%s", strerror(ENOMEM));
                return;
        }
        out_table_add(&t, res->is_file ? "byte" : "index");
        out_table_add(&t, res->is_file ? "count" : "weight");
        out_table_add(&t, "p");
        out_table_add(&t, "%s p (%s)", run->o.unit == HUFF_UNIT_NATS ? "-ln" : "-log2", unit);
        out_table_add(&t, "length");
        out_table_add(&t, "codeword");
        if (run->has_model)
                out_table_add(&t, "q's length");
        for (i = 0; i < k; i++) {
                out_table_add(&t, "%s", rows[i].label);
                out_table_add(&t, "%" PRIu64, rows[i].count);
                out_table_add(&t, "%s", out_fig(rows[i].p, b));
                out_table_add(&t, "%s", out_fig(rows[i].info, b));
                out_table_add(&t, "%u", rows[i].len);
                out_table_add(&t, "%s", res->codes_ok ? rows[i].codeword : "(over 32 bits)");
                if (run->has_model) {
                        if (rows[i].model_len)
                                out_table_add(&t, "%u", rows[i].model_len);
                        else
                                out_table_add(&t, "none");
                }
        }
        putchar('\n');
        out_table_print(&t, stdout);
}

static void print_text(struct run *run, const struct result *res)
{
        const struct huff_report *r = &res->r;
        const char *unit = run->o.unit == HUFF_UNIT_NATS ? "nats" : "bits";
        struct out_table t;
        char b[OUT_CELL], per[16];
        unsigned i;

        snprintf(per, sizeof(per), "%s/symbol", unit);
        if (run->reported++)
                putchar('\n');
        if (res->is_file)
                printf("%s\n", res->name);
        else
                printf("--p %s\n", run->o.p_list);
        if (res->empty) {
                printf("  empty: nothing to report (huff writes it in %" PRIu64
                       " bytes)\n", res->e.huf_bytes);
                return;
        }

        if (!res->is_file) {
                /* The exact integer weights the list became. */
                fputs("  weights ", stdout);
                for (i = 0; i < res->num_syms; i++)
                        printf("%s%" PRIu64, i ? "," : " ", res->p[i]);
                putchar('\n');
        }
        if (out_table_init(&t, 5, "lrl") != 0)
                goto nomem;
        out_table_add(&t, "symbols");
        out_table_add(&t, "%" PRIu64, res->symbols);
        out_table_skip(&t);
        out_table_add(&t, "distinct");
        out_table_add(&t, "%u", r->distinct);
        out_table_skip(&t);
        out_table_add(&t, "entropy H(p)");
        out_table_add(&t, "%s", out_fig(r->entropy, b));
        out_table_add(&t, "%s", per);
        out_table_add(&t, "entropy, total");
        out_table_add(&t, "%s", out_fig(res->entropy_total, b));
        out_table_add(&t, "%s", unit);
        if (res->is_file) {
                out_table_add(&t, "order-1 entropy");
                out_table_add(&t, "%s", out_fig(res->order1, b));
                out_table_add(&t, "%s, H(X[i] | X[i-1])", per);
        }
        out_table_print(&t, stdout);

        putchar('\n');
        if (out_table_init(&t, 5, "lrrrrr") != 0)
                goto nomem;
        out_table_add(&t, "code (%s)", per);
        out_table_add(&t, "average");
        out_table_add(&t, "redundancy");
        out_table_add(&t, "efficiency");
        out_table_add(&t, "Kraft sum");
        out_table_add(&t, "longest");
        out_table_add(&t, "huffman, unlimited");
        out_table_add(&t, "%s", out_fig(r->huffman.avg, b));
        out_table_add(&t, "%s", out_fig(r->huffman.redundancy, b));
        out_table_add(&t, "%s", out_fig(r->huffman.efficiency, b));
        out_table_add(&t, "%s", out_fig(r->huffman.kraft_sum, b));
        out_table_add(&t, "%u", r->huffman.max_len);
        out_table_add(&t, "huffman, limit %u", r->limit);
        out_table_add(&t, "%s", out_fig(r->limited.avg, b));
        out_table_add(&t, "%s", out_fig(r->limited.redundancy, b));
        out_table_add(&t, "%s", out_fig(r->limited.efficiency, b));
        out_table_add(&t, "%s", out_fig(r->limited.kraft_sum, b));
        out_table_add(&t, "%u", r->limited.max_len);
        out_table_add(&t, "shannon, ceil(-log2 p)");
        out_table_add(&t, "%s", out_fig(r->shannon_avg, b));
        for (i = 0; i < 4; i++)
                out_table_skip(&t);
        if (res->is_file) {
                out_table_add(&t, "huff's .huf (8*bytes/n)");
                out_table_add(&t, "%s", out_fig(res->huf_avg, b));
                for (i = 0; i < 4; i++)
                        out_table_skip(&t);
        }
        out_table_print(&t, stdout);

        putchar('\n');
        if (out_table_init(&t, 2, res->is_file ? "lrrrr" : "lrr") != 0)
                goto nomem;
        out_table_add(&t, "bytes");
        out_table_add(&t, "ideal n*H/8");
        out_table_add(&t, "huffman payload");
        if (res->is_file) {
                out_table_add(&t, "huff's .huf");
                out_table_add(&t, "block entropy");
        }
        out_table_skip(&t);
        out_table_add(&t, "%s", out_fig(r->ideal_bytes, b));
        out_table_add(&t, "%s", out_fig((double)r->huffman.payload_bits / 8, b));
        if (res->is_file) {
                out_table_add(&t, "%" PRIu64, res->e.huf_bytes);
                out_table_add(&t, "%s", out_fig(res->e.block_entropy_bytes, b));
        }
        out_table_print(&t, stdout);

        if (run->has_model) {
                putchar('\n');
                printf("  model q: %s\n", run->model_label);
                if (out_table_init(&t, 4, "lrl") != 0)
                        goto nomem;
                out_table_add(&t, "cross-entropy H(p,q)");
                out_table_add(&t, "%s", out_fig(r->cross_entropy, b));
                out_table_add(&t, "%s", per);
                out_table_add(&t, "KL divergence D(p||q)");
                out_table_add(&t, "%s", out_fig(r->kl_divergence, b));
                out_table_add(&t, "%s", per);
                out_table_add(&t, "q's code on p, average");
                out_table_add(&t, "%s", out_fig(r->model_avg, b));
                out_table_add(&t, "%s", per);
                out_table_add(&t, "overhead over huffman");
                out_table_add(&t, "%s", out_fig(r->model_overhead, b));
                out_table_add(&t, "%s", per);
                out_table_print(&t, stdout);
                if (!r->model_covers_data)
                        printf("  q gives probability 0 to a symbol that occurs:"
                               " q's code cannot encode the data.%s\n",
                               run->o.smooth || run->model_file ? "" :
                               "\n  (--smooth ALPHA adds ALPHA "
                               "to every value of q.)");
        }
        if (run->o.symbols)
                print_symbols_text(run, res, unit);
        return;
nomem:
        cli_msg(res->name, "%s", strerror(ENOMEM));
}

static void print_result(struct run *run, const struct result *res)
{
        switch (run->o.format) {
        case OUT_TEXT:
                print_text(run, res);
                break;
        case OUT_JSON:
                print_json(run, res);
                break;
        case OUT_CSV:
                if (run->o.symbols)
                        print_csv_symbols(run, res);
                else
                        print_csv(run, res);
                break;
        }
}

/* ------------------------------------------------------------------------ */
/* Setting up: the lists and the model                                       */

/*
 * --model naming a model file (it starts with the model magic, FORMAT.md
 * section 8): q is its smoothed counts, and its code the stored lengths,
 * not one rebuilt from q.  Frees data.  Returns 0, or -1 after a message.
 */
static int load_model_file(struct run *run, unsigned char *data, size_t n)
{
        const char *name = strcmp(run->o.model, "-") == 0 ? "stdin" : run->o.model;
        struct huff_model *m;
        enum huff_status s = huff_model_load(&m, data, n);

        free(data);
        if (s != HUFF_OK) {
                cli_msg(name, "%s", huff_strerror(s));
                return -1;
        }
        if (run->o.smooth) {
                huff_model_free(m);
                cli_msg(cmd, "--smooth: %s is a model file, smoothed when it was made "
                        "(huff train --smooth)", name);
                return -1;
        }
        huff_model_weights(m, run->q);
        huff_model_lengths(m, run->model_lens);
        run->q_syms = 256;
        run->model_file = true;
        run->has_model = true;
        snprintf(run->model_label, sizeof(run->model_label),
                 "%s, model file %08" PRIx32 ", its stored code", name, huff_model_id(m));
        huff_model_free(m);
        return 0;
}

/*
 * The model q: a file's byte counts or the --q list, plus ALPHA, as exact
 * integer weights.  Returns 0, or -1 after a message.
 */
static int load_model(struct run *run)
{
        const struct opts *o = &run->o;
        struct decimal v[NSYM], alpha = { 0, 0 };
        const char *why;
        unsigned i;

        if (o->smooth) {
                if ((why = parse_decimal(o->smooth, strlen(o->smooth), &alpha)) != NULL) {
                        cli_msg(cmd, "--smooth: '%s' %s", o->smooth, why);
                        return -1;
                }
                run->smooth = strtod(o->smooth, NULL);
        }
        if (o->model) {
                unsigned char *data;
                uint64_t counts[256];
                size_t n;
                int err = fio_read_all(o->model, &data, &n);

                if (err) {
                        cli_msg(strcmp(o->model, "-") == 0 ? "stdin" : o->model,
                                "%s", strerror(err));
                        return -1;
                }
                if (n >= 4 && memcmp(data, "\x89HUM", 4) == 0)
                        return load_model_file(run, data, n);
                huff_histogram(data, n, counts);
                free(data);
                for (i = 0; i < 256; i++) {
                        v[i].m = counts[i];
                        v[i].e = 0;
                }
                run->q_syms = 256;
        } else if (parse_list("--q", o->q_list, v, &run->q_syms) != 0) {
                return -1;
        }
        if (to_weights(v, run->q_syms, o->smooth ? &alpha : NULL, run->q) != 0) {
                if (o->smooth)
                        cli_msg(cmd, "--smooth %s: q's values plus ALPHA, made whole "
                                "numbers, would sum to 2^56 or more", o->smooth);
                else
                        cli_msg(cmd, "--q: made whole numbers, the values would sum to "
                                "2^56 or more");
                return -1;
        }
        if (all_zero(run->q, run->q_syms)) {
                if (o->model)
                        cli_msg(o->model, "empty: a model needs at least one byte");
                else
                        cli_msg(cmd, "--q: all values are zero");
                return -1;
        }
        snprintf(run->model_label, sizeof(run->model_label), "%s%s%s%s",
                 o->model ? o->model : "--q ", o->model ? "" : o->q_list,
                 o->smooth ? ", smoothed by +" : "", o->smooth ? o->smooth : "");
        run->has_model = true;
        return 0;
}

/* Check what the options say together, and read the lists and the model. */
static int setup(struct run *run)
{
        const struct opts *o = &run->o;
        const unsigned data_syms = o->p_list ? 0 : 256;

        if (o->p_list && o->nfiles > 0) {
                cli_msg(cmd, "--p gives the distribution: no FILE with it");
                return -1;
        }
        if (o->model && o->q_list) {
                cli_msg(cmd, "--model and --q both give q: one of them, please");
                return -1;
        }
        if (o->smooth && !o->model && !o->q_list) {
                cli_msg(cmd, "--smooth smooths a model: give --model or --q");
                return -1;
        }
        if (o->p_list) {
                struct decimal v[NSYM];

                if (parse_list("--p", o->p_list, v, &run->p_syms) != 0)
                        return -1;
                if (to_weights(v, run->p_syms, NULL, run->p_list) != 0) {
                        cli_msg(cmd, "--p: made whole numbers, the values would sum to "
                                "2^56 or more");
                        return -1;
                }
                if (all_zero(run->p_list, run->p_syms)) {
                        cli_msg(cmd, "--p: all values are zero");
                        return -1;
                }
        }
        if ((o->model || o->q_list) && load_model(run) != 0)
                return -1;
        if (run->has_model) {
                unsigned want = o->p_list ? run->p_syms : data_syms;

                if (run->q_syms != want) {
                        if (o->p_list)
                                cli_msg(cmd, "--p has %u values but %s has %u",
                                        run->p_syms, o->model ? "--model" : "--q",
                                        run->q_syms);
                        else
                                cli_msg(cmd, "--q has %u values; with a file it needs "
                                        "256, one per byte value", run->q_syms);
                        return -1;
                }
        }
        return 0;
}

/* Report one file ("-": stdin).  Returns an exit status. */
static int report_file(struct run *run, const char *path)
{
        struct result *res = calloc(1, sizeof(*res));
        unsigned char *data = NULL;
        size_t n;
        int err, st = EXIT_ERROR;

        if (!res) {
                cli_msg(path, "%s", strerror(ENOMEM));
                return EXIT_ERROR;
        }
        res->name = path;
        res->is_file = true;
        err = fio_read_all(path, &data, &n);
        if (err) {
                cli_msg(strcmp(path, "-") == 0 ? "stdin" : path, "%s", strerror(err));
                goto out;
        }
        if (measure(run, res, data, n) == 0) {
                print_result(run, res);
                st = EXIT_OK;
        }
out:
        free(data);
        free(res);
        return st;
}

int report_main(int argc, char **argv)
{
        static char dash[] = "-";
        static char *stdin_only[] = { dash };
        struct run *run = calloc(1, sizeof(*run));
        int status = EXIT_OK, i;

        if (!run) {
                cli_msg(cmd, "%s", strerror(ENOMEM));
                return EXIT_ERROR;
        }
        if (parse_args(&run->o, argc, argv) != 0) {
                status = EXIT_ERROR;
                goto out;
        }
        if (run->o.help) {
                usage();
        } else if (setup(run) != 0) {
                status = EXIT_ERROR;
        } else if (run->o.p_list) {
                struct result *res = calloc(1, sizeof(*res));

                if (!res) {
                        cli_msg(cmd, "%s", strerror(ENOMEM));
                        status = EXIT_ERROR;
                        goto out;
                }
                res->name = "--p";
                res->p = run->p_list;
                res->num_syms = run->p_syms;
                if (measure(run, res, NULL, 0) == 0)
                        print_result(run, res);
                else
                        status = EXIT_ERROR;
                free(res);
        } else {
                if (run->o.nfiles == 0) {
                        run->o.files = stdin_only;
                        run->o.nfiles = 1;
                }
                /* One bad file does not stop the others (gzip's habit). */
                for (i = 0; i < run->o.nfiles; i++)
                        if (report_file(run, run->o.files[i]) != EXIT_OK)
                                status = EXIT_ERROR;
        }
        if (cli_flush_stdout() != 0)
                status = EXIT_ERROR;
out:
        free(run);
        return status;
}
