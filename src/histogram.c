/*
 * histogram.c - byte counts of a buffer
 *
 * One table would make every byte's increment wait for the previous one
 * when the same byte repeats (a store-to-load dependency through memory).
 * Four tables, indexed by position mod 4, let four increments proceed at
 * once; they are 32-bit for cache footprint and summed into 64-bit totals
 * every 2^30 bytes, so no 32-bit count can overflow.
 */
#include "histogram.h"

#define CHUNK ((size_t)1 << 30)   /* per table: at most CHUNK/4 per pass */

static void count_chunk(const uint8_t *src, size_t n, uint32_t t[4][256])
{
        const uint8_t *end4 = src + (n & ~(size_t)15);
        const uint8_t *end = src + n;

        while (src < end4) {
                /* 16 bytes per iteration from two 8-byte loads */
                uint64_t a = load_le64(src), b = load_le64(src + 8);
                for (int k = 0; k < 8; k += 2) {
                        t[0][(uint8_t)(a >> (8 * k))]++;
                        t[1][(uint8_t)(a >> (8 * k + 8))]++;
                        t[2][(uint8_t)(b >> (8 * k))]++;
                        t[3][(uint8_t)(b >> (8 * k + 8))]++;
                }
                src += 16;
        }
        while (src < end)
                t[0][*src++]++;
}

unsigned huff_hist_count(const uint8_t *src, size_t n, uint64_t counts[256])
{
        uint32_t t[4][256];
        unsigned distinct = 0;

        memset(counts, 0, 256 * sizeof(counts[0]));
        while (n > 0) {
                size_t len = HUFF_MIN(n, CHUNK);

                memset(t, 0, sizeof(t));
                count_chunk(src, len, t);
                for (unsigned i = 0; i < 256; i++)
                        counts[i] += (uint64_t)t[0][i] + t[1][i] + t[2][i] + t[3][i];
                src += len;
                n -= len;
        }
        for (unsigned i = 0; i < 256; i++)
                distinct += counts[i] != 0;
        return distinct;
}
