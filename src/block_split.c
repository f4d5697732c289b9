/*
 * block_split.c - where to cut blocks: by cost, not by size
 *
 * A block pays a 9-byte header and a code table of a few dozen bytes; in
 * return its code fits its own statistics.  Where the statistics do not
 * change (E.coli, most text) large blocks win; where they do (kennedy.xls,
 * obj2) small ones do, and fixed 128 KiB blocks lose up to 5% to zlib's
 * Huffman-only mode, whose 16 K-symbol blocks adapt.
 *
 * The splitter starts from chunks of a fixed size and merges neighbours,
 * always the pair whose merge saves the most bytes, while one saves any: a
 * bottom-up greedy in the spirit of zstd's and libdeflate's block splitters.
 * Costs are exact for the block's own code: optimal limited lengths from the
 * histogram, the table's real serialised size, the header and jump table.
 * Each merge reprices only the two pairs next to it, so a segment of k
 * chunks costs about 3k code builds and k^2 comparisons.
 */
#include "block_split.h"

#include "block.h"
#include "code_table.h"
#include "histogram.h"
#include "huffman_lengths.h"

size_t huff_split_chunk_size(int level)
{
        /* Measured on the corpora (bench/MEASUREMENTS.md, "Levels and
         * block boundaries"): finer chunks find more boundaries and cost
         * more code builds. */
        switch (level) {
        case 9: return 1024;
        case 8: return 4096;
        case 7: return 16384;
        default: return 0;
        }
}

struct span {
        uint32_t hist[256];     /* a segment is at most 1 MiB: 32 bits do */
        uint32_t len;
        uint32_t next, prev;    /* live spans form a list; NONE ends it */
        double cost;            /* of this span as one block */
        double merged;          /* of this span merged with the next */
        double gain;            /* cost + next's cost - merged */
};

#define NONE UINT32_MAX

size_t huff_split_work_size(size_t n, size_t chunk)
{
        return huff_split_max_blocks(n, chunk) * sizeof(struct span);
}

/* Bytes of one block with its own optimal code (or raw, or rle). */
static double block_cost(const uint32_t *hist, size_t len, unsigned max_code_len)
{
        uint64_t counts[256], bits = 0;
        uint8_t lens[256], table[HUFF_MAX_TABLE_SIZE + 8];
        unsigned distinct = 0;
        size_t size;

        for (unsigned s = 0; s < 256; s++) {
                counts[s] = hist[s];
                distinct += hist[s] != 0;
        }
        if (distinct <= 1)
                return HUFF_BLOCK_HEADER_SIZE + 1;
        huff_lens_build(counts, 256, max_code_len, lens);
        for (unsigned s = 0; s < 256; s++)
                bits += counts[s] * lens[s];
        size = huff_table_write(lens, table) + (bits + 7) / 8;
        if (len >= HUFF_ENC_FOUR_STREAMS_MIN)
                size += HUFF_JUMP_TABLE_SIZE + HUFF_STREAMS - 1;
        return (double)(HUFF_BLOCK_HEADER_SIZE + HUFF_MIN(size, len));
}

/* Price merging span a with the span after it. */
static void price_pair(struct span *sp, uint32_t a, size_t max_block, unsigned max_code_len)
{
        uint32_t b = sp[a].next, hist[256];

        if (b == NONE || (size_t)sp[a].len + sp[b].len > max_block) {
                sp[a].gain = -1;
                return;
        }
        for (unsigned s = 0; s < 256; s++)
                hist[s] = sp[a].hist[s] + sp[b].hist[s];
        sp[a].merged = block_cost(hist, (size_t)sp[a].len + sp[b].len, max_code_len);
        sp[a].gain = sp[a].cost + sp[b].cost - sp[a].merged;
}

size_t huff_split_blocks(const uint8_t *src, size_t n, size_t chunk, size_t max_block,
                         unsigned max_code_len, uint32_t *sizes, void *work)
{
        struct span *sp = work;
        size_t k = huff_split_max_blocks(n, chunk), count = 0;

        HUFF_ASSERT(n <= HUFF_SEGMENT_SIZE && n > 0 && chunk > 0 && chunk <= max_block);
        for (size_t i = 0; i < k; i++) {
                size_t off = i * chunk, len = HUFF_MIN(chunk, n - off);
                uint64_t counts[256];

                huff_hist_count(src + off, len, counts);
                for (unsigned s = 0; s < 256; s++)
                        sp[i].hist[s] = (uint32_t)counts[s];
                sp[i].len = (uint32_t)len;
                sp[i].prev = i ? (uint32_t)i - 1 : NONE;
                sp[i].next = i + 1 < k ? (uint32_t)i + 1 : NONE;
                sp[i].cost = block_cost(sp[i].hist, len, max_code_len);
        }
        for (size_t i = 0; i < k; i++)
                price_pair(sp, (uint32_t)i, max_block, max_code_len);

        for (;;) {
                uint32_t best = NONE, b;
                double gain = 0;

                /* The first of equal gains: the result depends on the input
                 * alone. */
                for (uint32_t i = 0; i != NONE; i = sp[i].next)
                        if (sp[i].gain > gain) {
                                gain = sp[i].gain;
                                best = i;
                        }
                if (best == NONE)
                        break;
                b = sp[best].next;
                for (unsigned s = 0; s < 256; s++)
                        sp[best].hist[s] += sp[b].hist[s];
                sp[best].len += sp[b].len;
                sp[best].cost = sp[best].merged;
                sp[best].next = sp[b].next;
                if (sp[b].next != NONE)
                        sp[sp[b].next].prev = best;
                price_pair(sp, best, max_block, max_code_len);
                if (sp[best].prev != NONE)
                        price_pair(sp, sp[best].prev, max_block, max_code_len);
        }
        for (uint32_t i = 0; i != NONE; i = sp[i].next)
                sizes[count++] = sp[i].len;
        return count;
}
