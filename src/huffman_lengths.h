/*
 * huffman_lengths.h - optimal length-limited Huffman code lengths
 */
#ifndef HUFF_HUFFMAN_LENGTHS_H
#define HUFF_HUFFMAN_LENGTHS_H

#include "common.h"

#define HUFF_LENS_MAX_SYMS 256u
/* A limit at or above this is no limit: Huffman's algorithm alone. */
#define HUFF_LENS_UNLIMITED 255u

/*
 * huff_lens_build - code lengths minimising sum(counts[i] * lens[i]) subject
 * to lens[i] <= max_len, for the symbols with a non-zero count.
 *
 * @pre  num_syms <= HUFF_LENS_MAX_SYMS; lens has num_syms entries.
 * @post lens[i] == 0 exactly where counts[i] == 0.  With two or more used
 *       symbols the code is complete (Kraft sum exactly 1) and no length
 *       exceeds max_len.  One used symbol gets length 1; none, all zero.
 *       The result depends only on the inputs (ties broken by symbol index:
 *       of equal counts the lower index never gets the shorter code).
 * Returns HUFF_ERR_PARAM when max_len is 0, when 2^max_len < number of used
 * symbols, when num_syms is too large, or when the counts sum past 2^56.
 * On error lens is unchanged.  Counts may exceed 2^32; their 2^56 cap keeps
 * every code at most 80 deep.  Does not allocate (under 16 KiB of stack);
 * thread-safe.
 */
enum huff_status huff_lens_build(const uint64_t *counts, unsigned num_syms,
                                 unsigned max_len, uint8_t *lens);

#endif
