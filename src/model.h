/*
 * model.h - a shared code: what the block coders need of a huff_model
 */
#ifndef HUFF_MODEL_H
#define HUFF_MODEL_H

#include "canonical.h"

struct huff_model {
        uint64_t counts[256];           /* from the sample data */
        uint64_t alpha_num, alpha_den;  /* smoothing: + num/den per value */
        unsigned max_code_len;
        uint64_t weights[256];          /* counts * den + num */
        uint8_t lens[256];              /* as stored: coding uses these */
        uint32_t id;
        unsigned longest;
        huff_enc_entry enc[256];
        huff_dec_entry dec[HUFF_DEC_TABLE_MAX];    /* 1 << longest used */
};

#endif
