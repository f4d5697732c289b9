/*
 * histogram.h - byte counts of a buffer
 */
#ifndef HUFF_HISTOGRAM_H
#define HUFF_HISTOGRAM_H

#include "common.h"

/*
 * huff_hist_count - counts[b] = number of bytes equal to b in src[0..n).
 * Overwrites counts.  Returns the number of distinct byte values.
 */
unsigned huff_hist_count(const uint8_t *src, size_t n, uint64_t counts[256]);

#endif
