/*
 * block_state.h - what the block coders keep and share: the state carried
 * across a frame's blocks, a parsed block header, and the encoder's
 * analysis of one block, which every block type's cost function reads
 *
 * Apart from block.h so that the files of the block types (huffman_encode.c,
 * huffman_decode.c) need not include the table that calls them.
 */
#ifndef HUFF_BLOCK_STATE_H
#define HUFF_BLOCK_STATE_H

#include "canonical.h"
#include "format.h"

struct huff_ctx_scratch;
struct huff_ctx_model;

/* Encoder state kept across the blocks of a segment. */
struct huff_block_encoder {
        unsigned max_code_len;
        unsigned version;               /* format version of the frame: the
                                           types it allows */
        const struct huff_model *model; /* NULL, or a shared code */
        int have_prev;                  /* a code exists for repeat blocks */
        unsigned ctx_effort;            /* context blocks: 0 none, else the
                                           search's effort (context_model.h) */
        struct huff_ctx_scratch *ctx_scratch;   /* if ctx_effort */
        struct huff_ctx_model *ctx_model;       /* the last one costed */
        uint8_t prev_lens[256];
        huff_enc_entry prev_enc[256];
};

/*
 * One block as the encoder sees it before choosing its type: counted once;
 * each type's cost function reads it, and may leave what its write needs
 * (the huffman type: the new code and its table).
 */
struct huff_block_plan {
        const uint8_t *src;
        size_t n;
        uint64_t counts[256];
        unsigned distinct;              /* byte values present */
        int four;                       /* coded types use four streams */
        size_t stream_extra;            /* the jump table and the padding of
                                           streams 1..3, if four */
        uint8_t lens[256];              /* the huffman type's new code */
        uint8_t table[HUFF_MAX_TABLE_SIZE + 8];
        size_t table_size;
};

/* Codes up to this long also get a decode table giving up to three
 * symbols a lookup. */
#define HUFF_MULTI_LOG_MAX 11
/* Decode tables are at least this many bits wide. */
#define HUFF_MULTI_LOG_MIN 8
/* Four-stream blocks from this many bytes get the multi-symbol table too:
 * its 2^11 entries cost about 55000 instructions to build, which a block
 * of 4 KiB does not earn back (huff_decompress() of 4227 bytes of text ran
 * 30% fewer instructions and about as fast as huff0 without it), one of
 * 11 KB about does, and one of 24 KB does. */
#define HUFF_MULTI_MIN_BYTES 8192u

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
        /* The last context block's codes (FORMAT.md 9), apart from the
         * current code above, which a context block leaves alone: each
         * code's single-symbol decode table, as wide as its longest
         * codeword, and its multi-symbol table (context_decode.c); then,
         * for each previous byte, the tables of the code that follows it
         * and the masks of their index bits.  Filled by each context block
         * before use. */
        huff_dec_entry ctx_single[HUFF_CTX_CODES_MAX << HUFF_CTX_LEN_MAX];
        uint32_t ctx_multi[HUFF_CTX_CODES_MAX << HUFF_CTX_LEN_MAX];
        const huff_dec_entry *ctx_dt[256];
        const uint32_t *ctx_mt[256];
        uint64_t ctx_mask[256];
        uint64_t ctx_mmask[256];
};

/* A parsed block header (FORMAT.md 3.2). */
struct huff_block_header {
        enum huff_block_type type;
        int four_streams;
        uint32_t decoded_size;
        uint32_t payload_size;
};

/*
 * A block type's three functions, as block.c's table holds them.  cost
 * returns the payload's size in bytes (an upper bound that write never
 * exceeds) or SIZE_MAX if the type cannot code the block, and may leave in
 * *p what its write needs; write puts the payload at dst and returns its
 * end; decode is huff_block_decode() for its type.
 */
typedef size_t huff_type_cost_fn(const struct huff_block_encoder *be,
                                 struct huff_block_plan *p);
typedef uint8_t *huff_type_write_fn(struct huff_block_encoder *be,
                                    const struct huff_block_plan *p, uint8_t *dst);
typedef enum huff_status huff_type_decode_fn(struct huff_block_decoder *bd,
                                             const struct huff_block_header *h,
                                             const uint8_t *src, uint8_t *dst);

/* The types whose payload is Huffman-coded data (FORMAT.md 3.3, 5):
 * huffman_encode.c and huffman_decode.c. */
huff_type_cost_fn huff_type_huffman_cost, huff_type_repeat_cost, huff_type_model_cost;
huff_type_write_fn huff_type_huffman_write, huff_type_repeat_write, huff_type_model_write;
huff_type_decode_fn huff_type_huffman_decode, huff_type_repeat_decode, huff_type_model_decode;

/* The context type (FORMAT.md 9): context_encode.c and context_decode.c. */
huff_type_cost_fn huff_type_context_cost;
huff_type_write_fn huff_type_context_write;
huff_type_decode_fn huff_type_context_decode;

/*
 * huff_block_decoder_load_code - make the code-length table at
 * src[0..n) (a huffman block's payload starts with one) bd's current code,
 * as decoding that block would, without decoding its data: for a run of
 * the threaded decoder whose first coded block is a repeat.
 * Errors: HUFF_ERR_CODE_LENGTHS (then bd has no current code).
 */
enum huff_status huff_block_decoder_load_code(struct huff_block_decoder *bd,
                                              const uint8_t *src, size_t n);

#endif
