/*
 * context_model.h - the clustered order-1 model of a context block
 * (FORMAT.md 9): which of K codes follows each previous byte
 *
 * The encoder counts the block's pairs of neighbours, groups the 256
 * contexts (previous bytes) into clusters whose byte distributions are
 * alike, gives each cluster a length-limited code, and keeps the number of
 * clusters K whose whole payload is smallest.  The same builder serves the
 * encoder's cost (context_encode.c) and the reporter (report.c), so that
 * what huff report says of a context model is what the encoder would write.
 */
#ifndef HUFF_CONTEXT_MODEL_H
#define HUFF_CONTEXT_MODEL_H

#include "format.h"

/* A block's context model, and the exact size of the payload it gives. */
struct huff_ctx_model {
        unsigned codes;                         /* K, 2..HUFF_CTX_CODES_MAX */
        unsigned streams;                       /* S: 1, 2, 4 or 8 */
        uint8_t map[256];                       /* context -> code */
        uint8_t start[HUFF_CTX_STREAMS_MAX];    /* each stream's start context */
        uint8_t lens[HUFF_CTX_CODES_MAX][256];  /* each code's lengths, <= 11 */
        size_t desc_size;                       /* desc, map, tables, starts and
                                                   jumps: the payload before the
                                                   streams */
        size_t payload_size;                    /* desc_size + the streams */
        uint64_t code_bits;                     /* the codewords' bits, padding
                                                   not counted */
};

/* Bits of a code number in the map: enough for codes - 1. */
HUFF_INLINE unsigned huff_ctx_map_width(unsigned codes)
{
        unsigned w = 1;

        while ((1u << w) < codes)
                w++;
        return w;
}

/* The bytes each stream codes, the last one's at most (FORMAT.md 9.1):
 * stream j starts at byte j * huff_ctx_stream_len(n, streams). */
HUFF_INLINE size_t huff_ctx_stream_len(size_t n, unsigned streams)
{
        return (n + streams - 1) / streams;
}

/* Pair counts and the clustering's work space: about 300 KiB, allocated
 * once per segment coder. */
struct huff_ctx_scratch;

enum huff_status huff_ctx_scratch_create(struct huff_ctx_scratch **s);
void huff_ctx_scratch_free(struct huff_ctx_scratch *s);

/*
 * huff_ctx_effort - how hard level (1..9) searches for a context model: 0
 * where it codes no context blocks, else 1 (cheapest) .. 3 (level 9).
 */
unsigned huff_ctx_effort(unsigned level);

/*
 * huff_ctx_model_build - the cheapest context model of src[0..n) that the
 * search of the given effort (>= 1) finds, with code lengths at most
 * min(max_len, HUFF_CTX_LEN_MAX), into *m.  The result depends on the
 * arguments alone.  Returns m->payload_size, or SIZE_MAX when no context
 * block can code src (fewer than two contexts, n below 256, or a payload
 * that would not be smaller than src).
 */
size_t huff_ctx_model_build(struct huff_ctx_scratch *s, const uint8_t *src, size_t n,
                            unsigned effort, unsigned max_len, struct huff_ctx_model *m);

/* huff_ctx_model_plan - huff_ctx_model_build()'s model, without the pass
 * over src that makes payload_size exact: payload_size is then a bound, at
 * most a byte a stream above the size huff_ctx_model_write() writes
 * (code_bits stays exact).  For the encoder's choice of a block's type. */
size_t huff_ctx_model_plan(struct huff_ctx_scratch *s, const uint8_t *src, size_t n,
                           unsigned effort, unsigned max_len, struct huff_ctx_model *m);

/*
 * huff_ctx_split_bound - bytes that no cutting of src[0..n) at multiples
 * of chunk (<= 1 MiB) can go below with order-0 codes: the ideal bits of
 * each chunk under its own distribution (cutting coarser only merges
 * distributions, which never lowers the sum).  Lets a segment that context
 * blocks code well skip the splitter.
 */
double huff_ctx_split_bound(const struct huff_ctx_scratch *s, const uint8_t *src, size_t n,
                            size_t chunk);

/*
 * huff_ctx_model_write (context_encode.c) - the payload of a context block for src[0..n)
 * under m (built or planned for the same src), at dst, which has
 * m->payload_size + 8 bytes of room; returns its end (dst +
 * m->payload_size for a built model, at most that for a planned one).
 */
uint8_t *huff_ctx_model_write(const struct huff_ctx_model *m, const uint8_t *src, size_t n,
                              uint8_t *dst);

#endif
