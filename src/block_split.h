/*
 * block_split.h - where to cut blocks: by cost, not by size
 */
#ifndef HUFF_BLOCK_SPLIT_H
#define HUFF_BLOCK_SPLIT_H

#include "common.h"

/* The encoder decides block boundaries within fixed segments of the input,
 * so that every decision depends on the input alone (FORMAT.md 6). */
#define HUFF_SEGMENT_SIZE ((size_t)1 << 20)

/* Chunk size the splitter works in at a level, or 0: blocks of the
 * maximum block size, cut without looking (the fastest). */
size_t huff_split_chunk_size(int level);

/* The most blocks huff_split_blocks() can return for n bytes. */
static inline size_t huff_split_max_blocks(size_t n, size_t chunk)
{
        return chunk ? (n + chunk - 1) / chunk : 1;
}

/*
 * huff_split_blocks - cut src[0..n) (n <= HUFF_SEGMENT_SIZE) into blocks of
 * at most max_block bytes where that makes the output smallest, starting
 * from chunks of chunk bytes and merging neighbours while a merge saves
 * bytes (each block pays a header and a code table; a merged block pays one
 * code for statistics that may differ).  sizes receives the block sizes, in
 * order; returns their number (at most huff_split_max_blocks(n, chunk)).
 * work is scratch for huff_split_work_size(n, chunk) bytes.
 */
size_t huff_split_blocks(const uint8_t *src, size_t n, size_t chunk, size_t max_block,
                         unsigned max_code_len, uint32_t *sizes, void *work);

size_t huff_split_work_size(size_t n, size_t chunk);

#endif
