/*
 * code_range.h - the least and the greatest cost on p of the codes that
 * are optimal for q (code_range.c)
 */
#ifndef HUFF_CODE_RANGE_H
#define HUFF_CODE_RANGE_H

#include <stdint.h>

#include "huff.h"

/*
 * huff_code_range_cost - of all the prefix codes optimal for weights
 * q[0..n) (no codeword where q_i = 0), the least and the greatest Σ p_i
 * l_i, exactly.  Needs n <= HUFF_REPORT_MAX_SYMS, some q_i > 0, q_i > 0
 * wherever p_i > 0 and both sums below 2^56.  A single used symbol has
 * one 1-bit codeword, as huff_code_lengths() gives it.
 */
void huff_code_range_cost(const uint64_t *p, const uint64_t *q, unsigned n,
                          uint64_t *least_bits, uint64_t *most_bits);

#endif /* HUFF_CODE_RANGE_H */
