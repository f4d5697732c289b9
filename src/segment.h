/*
 * segment.h - the encoder's unit of independence: fixed segments of input
 *
 * Every decision of the encoder (where blocks are cut, whether a block
 * repeats the previous code) depends only on the bytes of its own segment,
 * and segments are cut at fixed offsets of the input.  So segments can be
 * coded in any order, on any thread, and the frame is the same byte for
 * byte whatever the number of threads (FORMAT.md 6).
 */
#ifndef HUFF_SEGMENT_H
#define HUFF_SEGMENT_H

#include "block.h"

/*
 * huff_segment_size - bytes per segment for p: 1 MiB at levels 7 to 9 (the
 * splitter's segment), else the largest multiple of block_size up to
 * 1 MiB, so that blocks are still cut every block_size bytes.
 */
size_t huff_segment_size(const struct huff_params *p);

/* What one thread needs to code segments: the block encoder (the previous
 * code, reset at each segment) and the splitter's scratch. */
struct huff_seg_coder {
        struct huff_block_encoder be;
        unsigned types_used;            /* bit t: huff_seg_encode() wrote a
                                           block of type t since the caller
                                           last cleared it */
        size_t block_size;
        size_t chunk;                   /* the splitter's grain; 0: none */
        uint32_t *sizes;                /* the splitter's block sizes */
        uint8_t *alt;                   /* a segment coded another way, if
                                           context blocks may be used */
        void *split_work;
};

/* huff_seg_coder_init - for pieces of at most max_n bytes (at most one
 * segment).  Its blocks may be of format version 2 (context blocks) if p's
 * level searches for them; huff_seg_coder_allow() narrows that.
 * Errors: HUFF_ERR_NOMEM (then nothing is left to free). */
enum huff_status huff_seg_coder_init(struct huff_seg_coder *c,
                                     const struct huff_params *p, size_t max_n);
void huff_seg_coder_free(struct huff_seg_coder *c);

/* huff_seg_coder_allow - code blocks of format version <= version from
 * now on (version 1 only, if the level searches for no context blocks). */
void huff_seg_coder_allow(struct huff_seg_coder *c, unsigned version);

/* huff_seg_version - the format version the blocks of c->types_used need. */
unsigned huff_seg_version(const struct huff_seg_coder *c);

/* huff_seg_room - room huff_seg_encode() may need for n bytes. */
size_t huff_seg_room(const struct huff_seg_coder *c, size_t n);

/*
 * huff_seg_encode - code src[0..n) (n >= 1, within one segment) as blocks
 * into dst, which has huff_seg_room(c, n) bytes: cut every block_size bytes,
 * or where the splitter says.  Keeps c->be's previous code: a caller coding
 * a segment in pieces resets it (huff_block_encoder_reset()) at the start of
 * each segment only.  Returns the size written.
 */
size_t huff_seg_encode(struct huff_seg_coder *c, const struct huff_params *p,
                       const uint8_t *src, size_t n, uint8_t *dst);

#endif
