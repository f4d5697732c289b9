/*
 * report_run.h - "huff report", shared by its files, which call only
 * downwards:
 *   report_cmd.c      options, the inputs one by one, and the format chosen
 *   report_text.c, report_json.c, report_csv.c   the three output formats
 *   report_input.c    the distribution given inline (--p) and the model q
 *                     (--q, --model, --smooth) as exact integer weights
 *   report_measure.c  the figures of one input, its symbol rows, and the
 *                     named fields JSON and CSV print
 */
#ifndef HUFF_CLI_REPORT_RUN_H
#define HUFF_CLI_REPORT_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "huff.h"
#include "output.h"

/* The subcommand's name, the NAME of its own messages. */
#define REPORT_CMD "report"

/* The level of the context model's figures without -1..-9: the one that
 * searches hardest, whatever huff's default. */
#define REPORT_CONTEXT_LEVEL HUFF_LEVEL_MAX

#define NSYM HUFF_REPORT_MAX_SYMS

/* The longest codeword huff_canonical_codes() gives, and --symbols shows. */
#define REPORT_CODEWORD_MAX_BITS 32u

/* The options, as given. */
struct opts {
        enum out_format format;
        enum huff_unit unit;
        bool symbols;
        bool help;
        const char *p_list;     /* --p */
        const char *q_list;     /* --q */
        const char *model;      /* --model */
        const char *smooth;     /* --smooth, as given */
        int level;              /* -1..-9; 0: not given */
        char **files;
        int nfiles;
};

/* One run of huff report: the options and what setup made of them. */
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
        uint64_t model_alpha_num;       /* and the smoothing it records: */
        uint64_t model_alpha_den;       /* + num/den per byte value */
        unsigned model_max_len;         /* its code's length limit */
        double smooth;          /* --smooth, or a model file's num/den, as a
                                   number for json and csv */
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
        int level;              /* files: the level of e */
        struct huff_context_report c;   /* files: the context model */
        int context_level;      /* and its level */
        double huf_avg;         /* files, unless empty */
        double order1;          /* files, unless empty */
        double entropy_total;   /* unless empty */
        uint32_t codes[NSYM];   /* the unlimited code's codewords (up to
                                   REPORT_CODEWORD_MAX_BITS) */
};

/* One row of --symbols. */
struct sym_row {
        unsigned sym;
        uint64_t count;
        char label[12];         /* "e", "0x0a", or the index of a --p value */
        double p;
        double info;            /* -log p */
        unsigned len;           /* in the unlimited optimal code */
        bool codeword_shown;    /* len <= REPORT_CODEWORD_MAX_BITS */
        char codeword[33];      /* "" when longer than 32 bits */
        unsigned model_len;     /* in q's code; 0: q cannot code it */
};

/*
 * report_setup - check what the options say together, and read the lists
 * and the model into run.  Returns 0, or -1 after a message.
 */
int report_setup(struct run *run);

/*
 * report_measure - fill everything of res but the input's own fields from
 * the library's measures; data[0..n) for a file (res->is_file), else
 * res->p.  Returns 0, or -1 after a message naming res->name.
 */
int report_measure(const struct run *run, struct result *res,
                   const unsigned char *data, size_t n);

/* report_sym_rows - the occurring symbols into rows[0..NSYM), most
 * frequent first (ties by symbol).  Returns their number. */
unsigned report_sym_rows(const struct run *run, const struct result *res,
                         struct sym_row *rows);

/* report_collect - the fields of one result, in the order JSON and CSV
 * print them. */
void report_collect(const struct run *run, const struct result *res,
                    struct out_fields *fs);

/* One result on stdout, in each format (csv: a header before the first). */
void report_print_text(struct run *run, const struct result *res);
void report_print_json(const struct run *run, const struct result *res);
void report_print_csv(struct run *run, const struct result *res);
void report_print_csv_symbols(struct run *run, const struct result *res);

#endif /* HUFF_CLI_REPORT_RUN_H */
