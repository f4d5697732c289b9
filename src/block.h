/*
 * block.h - one block of a frame: its header, its type, its payload
 * (FORMAT.md 3.2, 3.3)
 *
 * block.c holds the block types as a table: for each, how the encoder
 * costs and writes it, how the decoder reads it, its name and the format
 * versions that allow it.  The encoder and decoder above see blocks only
 * through these functions.
 */
#ifndef HUFF_BLOCK_H
#define HUFF_BLOCK_H

#include "block_state.h"

/* Bytes past a block's end that huff_block_encode() may scribble on. */
#define HUFF_BLOCK_SLACK 8u

/* The encoder's smallest block worth four streams: below it the 9-byte jump
 * table and 3 more padding bytes cost more than interleaving saves. */
#define HUFF_ENC_FOUR_STREAMS_MIN 4096u

/* What a block became, for statistics. */
struct huff_block_info {
        enum huff_block_type type;
        uint32_t decoded_size;
        uint32_t stored_size;           /* header included */
};

/* Room huff_block_encode() needs for n bytes: the result never exceeds a
 * stored block, plus the slack of the 8-byte stores. */
static inline size_t huff_block_room(size_t n)
{
        return HUFF_BLOCK_HEADER_SIZE + n + HUFF_BLOCK_SLACK;
}

/* huff_block_encoder_init - a block encoder for frames of version 1,
 * without context blocks (segment.c gives its own the version and the
 * context search its level asks for). */
void huff_block_encoder_init(struct huff_block_encoder *be, unsigned max_code_len,
                             const struct huff_model *model);

/* huff_block_encoder_reset - forget the previous code (new frame or
 * segment); the version and the context search stay. */
void huff_block_encoder_reset(struct huff_block_encoder *be, unsigned max_code_len,
                              const struct huff_model *model);

/*
 * huff_block_encode - encode src[0..n) (1 <= n <= HUFF_BLOCK_SIZE_MAX) as one
 * block, header included, into dst, which has huff_block_room(n) bytes.
 * Chooses the type of least exact cost among those be's format version
 * allows.  Returns the size written (at most HUFF_BLOCK_HEADER_SIZE + n)
 * and describes it in *info.
 */
size_t huff_block_encode(struct huff_block_encoder *be, const uint8_t *src,
                         size_t n, uint8_t *dst, struct huff_block_info *info);

/*
 * huff_block_header_parse - parse the HUFF_BLOCK_HEADER_SIZE bytes at src
 * of a block that is not an end mark, in a frame of block_size and format
 * version.
 * Errors: HUFF_ERR_BLOCK_HEADER (check or fields wrong, or a type the
 * version does not have), HUFF_ERR_BLOCK_SIZE (decoded size above
 * block_size).
 */
enum huff_status huff_block_header_parse(const uint8_t *src, uint32_t block_size,
                                         unsigned version, struct huff_block_header *h);

/* huff_block_header_write - HUFF_BLOCK_HEADER_SIZE bytes to dst. */
void huff_block_header_write(uint8_t *dst, enum huff_block_type type, int four_streams,
                             uint32_t decoded_size, uint32_t payload_size);

/*
 * huff_block_decode - decode a block's payload src[0..h->payload_size) into
 * dst[0..h->decoded_size); h passed huff_block_header_parse().  Reads
 * nothing outside src and writes nothing outside dst, whatever the payload
 * holds.
 * Errors: HUFF_ERR_CODE_LENGTHS, HUFF_ERR_STREAM_SIZES, HUFF_ERR_CORRUPT.
 */
enum huff_status huff_block_decode(struct huff_block_decoder *bd,
                                   const struct huff_block_header *h,
                                   const uint8_t *src, uint8_t *dst);

/* Whether a block of type t (known, parsed) makes its code-length table,
 * at the start of its payload, the frame's current code; and whether it
 * needs the current code.  The threaded decoder, which decodes runs of
 * blocks apart, carries that code from run to run by them. */
int huff_block_sets_code(enum huff_block_type t);
int huff_block_uses_code(enum huff_block_type t);

#endif
