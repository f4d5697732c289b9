/*
 * canonical.h - canonical codewords from code lengths; encode and decode tables
 */
#ifndef HUFF_CANONICAL_H
#define HUFF_CANONICAL_H

#include "common.h"

/*
 * Encoder table entry: the codeword already bit-reversed for LSB-first
 * writing, shifted left by 8, with its length in the low byte, so that one
 * load gives both:  bits |= (e >> 8) << count;  count += e & 0xff;
 */
typedef uint32_t huff_enc_entry;

/*
 * Decoder table entry, one per value of the next table_log input bits:
 * the symbol in the high byte, the codeword's length in the low byte.
 *   e = dt[bits & mask];  *out = e >> 8;  bits >>= e & 63;
 * Lengths are at most 15, so "& 63" keeps the symbol out of the shift.
 */
typedef uint16_t huff_dec_entry;

#define HUFF_DEC_TABLE_MAX (1u << HUFF_CODE_LEN_MAX)

/*
 * huff_canon_check - HUFF_OK if lens[0..num_syms) (each 0..max_len) form a
 * complete prefix code of at least two codewords, else
 * HUFF_ERR_CODE_LENGTHS.  *longest receives the longest length.
 */
enum huff_status huff_canon_check(const uint8_t *lens, unsigned num_syms,
                                  unsigned max_len, unsigned *longest);

/*
 * huff_canon_enc_table - encoder entries for a valid code: canonical
 * codewords (shorter first, then by symbol) as FORMAT.md 4.3.
 * Symbols with length 0 get entry 0.
 */
void huff_canon_enc_table(const uint8_t *lens, unsigned num_syms,
                          huff_enc_entry *enc);

/*
 * huff_canon_dec_table - fill dt[0 .. 1 << table_log) for a code that passed
 * huff_canon_check() with longest <= table_log.
 */
void huff_canon_dec_table(const uint8_t *lens, unsigned num_syms,
                          unsigned table_log, huff_dec_entry *dt);

/*
 * huff_canon_sort - the canonical order of a code (FORMAT.md 4.3): the
 * symbols 0..num_syms-1 (<= 256) into sorted[0..num_syms), the unused ones
 * first, then the used ones shorter first and by symbol; count[l], the
 * number of length l (count[0]: the unused).
 */
void huff_canon_sort(const uint8_t *lens, unsigned num_syms, uint8_t *sorted,
                     unsigned count[HUFF_CODE_LEN_MAX + 1]);

/*
 * huff_canon_dec_table_sorted - huff_canon_dec_table() from the order
 * huff_canon_sort() gave, for a caller that needs that order too.
 */
void huff_canon_dec_table_sorted(const uint8_t *sorted, const unsigned count[HUFF_CODE_LEN_MAX + 1],
                                 unsigned table_log, huff_dec_entry *dt);

#endif
