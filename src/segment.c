/*
 * segment.c - code a segment of input as blocks, on whatever thread
 *
 * Resetting the previous code at each segment costs a repeat block at the
 * start of a segment its table, a few dozen bytes per MiB (FORMAT.md 6
 * gives the figures), and buys output that does not depend on how many
 * threads coded it: a thread starts a segment knowing nothing of the one
 * before.
 */
#include "segment.h"

#include <stdlib.h>

#include "block_split.h"

size_t huff_segment_size(const struct huff_params *p)
{
        if (huff_split_chunk_size(p->level))
                return HUFF_SEGMENT_SIZE;
        return HUFF_SEGMENT_SIZE / p->block_size * p->block_size;
}

enum huff_status huff_seg_coder_init(struct huff_seg_coder *c,
                                     const struct huff_params *p, size_t max_n)
{
        memset(c, 0, sizeof(*c));
        huff_block_encoder_reset(&c->be, p->max_code_len, p->model);
        c->block_size = p->block_size;
        c->chunk = HUFF_MIN(huff_split_chunk_size(p->level), (size_t)p->block_size);
        if (!c->chunk)
                return HUFF_OK;
        max_n = HUFF_MAX(max_n, (size_t)1);
        c->sizes = malloc(huff_split_max_blocks(max_n, c->chunk) * sizeof(*c->sizes));
        c->split_work = malloc(huff_split_work_size(max_n, c->chunk));
        if (!c->sizes || !c->split_work) {
                huff_seg_coder_free(c);
                return HUFF_ERR_NOMEM;
        }
        return HUFF_OK;
}

void huff_seg_coder_free(struct huff_seg_coder *c)
{
        free(c->sizes);
        free(c->split_work);
        c->sizes = NULL;
        c->split_work = NULL;
}

/* Each block is at most its header plus its bytes, and the last one's
 * 8-byte stores may run HUFF_BLOCK_SLACK past it. */
size_t huff_seg_room(const struct huff_seg_coder *c, size_t n)
{
        size_t blocks = huff_split_max_blocks(n, c->chunk ? c->chunk : c->block_size);

        return n + HUFF_MAX(blocks, (size_t)1) * HUFF_BLOCK_HEADER_SIZE + HUFF_BLOCK_SLACK;
}

size_t huff_seg_encode(struct huff_seg_coder *c, const struct huff_params *p,
                       const uint8_t *src, size_t n, uint8_t *dst)
{
        struct huff_block_info info;
        uint8_t *start = dst;

        HUFF_ASSERT(n >= 1);
        if (c->chunk) {
                size_t blocks = huff_split_blocks(src, n, c->chunk, p->block_size,
                                                  p->max_code_len, c->sizes, c->split_work);

                for (size_t b = 0; b < blocks; b++) {
                        dst += huff_block_encode(&c->be, src, c->sizes[b], dst, &info);
                        src += c->sizes[b];
                }
        } else {
                while (n > 0) {
                        size_t k = HUFF_MIN(n, (size_t)p->block_size);

                        dst += huff_block_encode(&c->be, src, k, dst, &info);
                        src += k;
                        n -= k;
                }
        }
        return (size_t)(dst - start);
}
