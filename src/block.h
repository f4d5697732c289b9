/*
 * block.h - encode and decode one block's payload (FORMAT.md "Blocks")
 */
#ifndef HUFF_BLOCK_H
#define HUFF_BLOCK_H

#include "canonical.h"
#include "format.h"

/* Bytes past a block's end that huff_block_encode() may scribble on. */
#define HUFF_BLOCK_SLACK 8u

/* The encoder's smallest block worth four streams: below it the 9-byte jump
 * table and 3 more padding bytes cost more than interleaving saves. */
#define HUFF_ENC_FOUR_STREAMS_MIN 4096u

/* Encoder state kept across the blocks of a frame. */
struct huff_block_encoder {
        unsigned max_code_len;
        const struct huff_model *model; /* NULL, or a shared code */
        int have_prev;                  /* a code exists for repeat blocks */
        uint8_t prev_lens[256];
        huff_enc_entry prev_enc[256];
};

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

/* huff_block_encoder_reset - forget the previous code (new frame). */
void huff_block_encoder_reset(struct huff_block_encoder *be, unsigned max_code_len,
                              const struct huff_model *model);

/*
 * huff_block_encode - encode src[0..n) (1 <= n <= HUFF_BLOCK_SIZE_MAX) as one
 * block, header included, into dst, which has huff_block_room(n) bytes.
 * Chooses the cheapest of raw, rle, huffman, repeat and model.  Returns the size
 * written (at most HUFF_BLOCK_HEADER_SIZE + n) and describes it in *info.
 */
size_t huff_block_encode(struct huff_block_encoder *be, const uint8_t *src,
                         size_t n, uint8_t *dst, struct huff_block_info *info);

/* Codes up to this long also get a decode table giving up to three
 * symbols a lookup. */
#define HUFF_MULTI_LOG_MAX 11
/* Decode tables are at least this many bits wide. */
#define HUFF_MULTI_LOG_MIN 8

/* Decoder state kept across the blocks of a frame. */
struct huff_block_decoder {
        const struct huff_model *model; /* the frame's model, or NULL */
        int have_code;                  /* a code exists for repeat blocks */
        unsigned table_log;
        int use_multi;                  /* multi[] holds the same code */
        uint8_t lens[256];              /* the code's lengths */
        /* The tables stay last: a new decoder zeroes only what is above. */
        huff_dec_entry table[HUFF_DEC_TABLE_MAX];
        uint32_t multi[1u << HUFF_MULTI_LOG_MAX];
};

/* A parsed block header (FORMAT.md "Block header"). */
struct huff_block_header {
        enum huff_block_type type;
        int four_streams;
        uint32_t decoded_size;
        uint32_t payload_size;
};

/*
 * huff_block_decode - decode a block's payload src[0..h->payload_size) into
 * dst[0..h->decoded_size).  Reads nothing outside src and writes nothing
 * outside dst, whatever the payload holds.
 * Errors: HUFF_ERR_CODE_LENGTHS, HUFF_ERR_STREAM_SIZES, HUFF_ERR_CORRUPT.
 */
enum huff_status huff_block_decode(struct huff_block_decoder *bd,
                                   const struct huff_block_header *h,
                                   const uint8_t *src, uint8_t *dst);

#endif
