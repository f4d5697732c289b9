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

/*
 * Byte loads straight into the indices: a load is cheaper than extracting
 * bytes from a wide register (shift, zero-extend), and the loads are not
 * the bottleneck, the increments' stores are.  Written out 16 bytes at a
 * time: gcc -O2 keeps a loop over positions as a loop.
 */
#define COUNT4(p) do {                                                  \
        t[0][(p)[0]]++;                                                 \
        t[1][(p)[1]]++;                                                 \
        t[2][(p)[2]]++;                                                 \
        t[3][(p)[3]]++;                                                 \
} while (0)

static void count_chunk(const uint8_t *src, size_t n, uint32_t t[4][256])
{
        const uint8_t *end16 = src + (n & ~(size_t)15);
        const uint8_t *end = src + n;

        while (src < end16) {
                COUNT4(src);
                COUNT4(src + 4);
                COUNT4(src + 8);
                COUNT4(src + 12);
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
