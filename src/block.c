/*
 * block.c - the block types of the format, as data
 *
 * Every block type is one row of kinds[] below: its name, the first format
 * version that has it, how its header bounds its payload, and the
 * functions that cost, write and decode it.  The encoder tries the rows in
 * order and keeps the cheapest (the first, of equal costs); the decoder
 * dispatches on the header's type.  Adding a type is a row here, its
 * functions in a file of its own, FORMAT.md, and tools/hufdump.py.
 */
#include "block.h"

#include "frame.h"
#include "histogram.h"

/* How a type's header bounds its payload (FORMAT.md 3.2). */
enum payload_rule {
        PAYLOAD_STORED,         /* payload size = decoded size */
        PAYLOAD_ONE_BYTE,       /* payload size = 1 */
        PAYLOAD_CODED,          /* 0 < payload size < decoded size: a coded
                                   payload never needs to outgrow a stored
                                   block */
};

/* A type whose payload is Huffman streams: the four-streams bit is its to
 * set, for blocks of at least HUFF_FOUR_STREAMS_MIN bytes. */
#define KIND_STREAMS    1u
/* Its code-length table becomes the frame's current code. */
#define KIND_SETS_CODE  2u
/* It is coded with the frame's current code. */
#define KIND_USES_CODE  4u

struct block_kind {
        const char *name;               /* for -lv, huff report, the bench */
        unsigned min_version;           /* the first format version with it */
        enum payload_rule rule;
        unsigned flags;
        huff_type_cost_fn *cost;
        huff_type_write_fn *write;
        huff_type_decode_fn *decode;
};

static huff_type_cost_fn raw_cost, rle_cost;
static huff_type_write_fn raw_write, rle_write;
static huff_type_decode_fn raw_decode, rle_decode;

/* raw: the bytes themselves, the bound every other type must beat. */
static size_t raw_cost(const struct huff_block_encoder *be, struct huff_block_plan *p)
{
        (void)be;
        return p->n;
}

static uint8_t *raw_write(struct huff_block_encoder *be, const struct huff_block_plan *p,
                          uint8_t *dst)
{
        (void)be;
        memcpy(dst, p->src, p->n);
        return dst + p->n;
}

static enum huff_status raw_decode(struct huff_block_decoder *bd,
                                   const struct huff_block_header *h,
                                   const uint8_t *src, uint8_t *dst)
{
        (void)bd;
        memcpy(dst, src, h->decoded_size);
        return HUFF_OK;
}

/* rle: one byte value throughout. */
static size_t rle_cost(const struct huff_block_encoder *be, struct huff_block_plan *p)
{
        (void)be;
        return p->distinct == 1 ? 1 : SIZE_MAX;
}

static uint8_t *rle_write(struct huff_block_encoder *be, const struct huff_block_plan *p,
                          uint8_t *dst)
{
        (void)be;
        dst[0] = p->src[0];
        return dst + 1;
}

static enum huff_status rle_decode(struct huff_block_decoder *bd,
                                   const struct huff_block_header *h,
                                   const uint8_t *src, uint8_t *dst)
{
        (void)bd;
        memset(dst, src[0], h->decoded_size);
        return HUFF_OK;
}

/*
 * Indexed by type, in the order of preference between equal costs: rle,
 * then raw (nothing to decode), then the codes already known, the model's
 * first (they also save the decoder a table build), then a new code, then
 * context codes (slower to decode, and they need format version 2).
 */
static const struct block_kind kinds[] = {
        [HUFF_BLOCK_RAW] = { "raw", 1, PAYLOAD_STORED, 0,
                             raw_cost, raw_write, raw_decode },
        [HUFF_BLOCK_RLE] = { "rle", 1, PAYLOAD_ONE_BYTE, 0,
                             rle_cost, rle_write, rle_decode },
        [HUFF_BLOCK_HUFFMAN] = { "huffman", 1, PAYLOAD_CODED, KIND_STREAMS | KIND_SETS_CODE,
                                 huff_type_huffman_cost, huff_type_huffman_write,
                                 huff_type_huffman_decode },
        [HUFF_BLOCK_REPEAT] = { "repeat", 1, PAYLOAD_CODED, KIND_STREAMS | KIND_USES_CODE,
                                huff_type_repeat_cost, huff_type_repeat_write,
                                huff_type_repeat_decode },
        [HUFF_BLOCK_MODEL] = { "model", 1, PAYLOAD_CODED, KIND_STREAMS,
                               huff_type_model_cost, huff_type_model_write,
                               huff_type_model_decode },
        [HUFF_BLOCK_CONTEXT] = { "context", 2, PAYLOAD_CODED, 0,
                                 huff_type_context_cost, huff_type_context_write,
                                 huff_type_context_decode },
};
/* The types this library knows: the rows. */
#define KINDS ((unsigned)HUFF_ARRAY_SIZE(kinds))
_Static_assert(HUFF_ARRAY_SIZE(kinds) <= HUFF_TAG_END, "types fit below the end tag");

static const enum huff_block_type preference[] = {
        HUFF_BLOCK_RLE, HUFF_BLOCK_RAW, HUFF_BLOCK_MODEL, HUFF_BLOCK_REPEAT,
        HUFF_BLOCK_HUFFMAN, HUFF_BLOCK_CONTEXT,
};
_Static_assert(HUFF_ARRAY_SIZE(preference) == KINDS, "every type tried");

const char *huff_block_type_name(unsigned t)
{
        return t < KINDS ? kinds[t].name : NULL;
}

int huff_block_sets_code(enum huff_block_type t)
{
        return (kinds[t].flags & KIND_SETS_CODE) != 0;
}

int huff_block_uses_code(enum huff_block_type t)
{
        return (kinds[t].flags & KIND_USES_CODE) != 0;
}

void huff_block_encoder_init(struct huff_block_encoder *be, unsigned max_code_len,
                             const struct huff_model *model)
{
        be->version = HUFF_FORMAT_V1;
        be->ctx_effort = 0;
        be->ctx_scratch = NULL;
        be->ctx_model = NULL;
        huff_block_encoder_reset(be, max_code_len, model);
}

void huff_block_encoder_reset(struct huff_block_encoder *be, unsigned max_code_len,
                              const struct huff_model *model)
{
        be->max_code_len = max_code_len;
        be->model = model;
        be->have_prev = 0;
}

/*
 * The histogram gives the exact size of every candidate before anything is
 * written (a Huffman payload is sum(count * length) bits, plus at most one
 * padding byte per stream), so the choice costs one pass over the
 * histogram per type, and only the winner is encoded.
 */
size_t huff_block_encode(struct huff_block_encoder *be, const uint8_t *src,
                         size_t n, uint8_t *dst, struct huff_block_info *info)
{
        struct huff_block_plan plan;
        uint8_t *payload = dst + HUFF_BLOCK_HEADER_SIZE, *end;
        enum huff_block_type type = HUFF_BLOCK_RAW;
        size_t best = SIZE_MAX;

        HUFF_ASSERT(n >= 1 && n <= HUFF_BLOCK_SIZE_MAX);
        plan.src = src;
        plan.n = n;
        plan.distinct = huff_hist_count(src, n, plan.counts);
        plan.four = n >= HUFF_ENC_FOUR_STREAMS_MIN;
        plan.stream_extra = plan.four ? HUFF_JUMP_TABLE_SIZE + HUFF_STREAMS - 1 : 0;
        for (size_t i = 0; i < HUFF_ARRAY_SIZE(preference); i++) {
                const struct block_kind *k = &kinds[preference[i]];
                size_t cost;

                if (k->min_version > be->version)
                        continue;
                cost = k->cost(be, &plan);
                if (cost < best) {
                        best = cost;
                        type = preference[i];
                }
                /* No payload is smaller than a byte: an rle block ends
                 * the search before a code is built for nothing. */
                if (best <= 1)
                        break;
        }
        end = kinds[type].write(be, &plan, payload);
        HUFF_ASSERT((size_t)(end - payload) <= n);
        huff_block_header_write(dst, type, plan.four && (kinds[type].flags & KIND_STREAMS),
                                (uint32_t)n, (uint32_t)(end - payload));
        info->type = type;
        info->decoded_size = (uint32_t)n;
        info->stored_size = (uint32_t)(end - dst);
        return (size_t)(end - dst);
}

void huff_block_header_write(uint8_t *dst, enum huff_block_type type, int four_streams,
                             uint32_t decoded_size, uint32_t payload_size)
{
        dst[0] = (uint8_t)((unsigned)type | (four_streams ? HUFF_TAG_FOUR_STREAMS : 0));
        store_le24(dst + 1, decoded_size - 1);
        store_le24(dst + 4, payload_size);
        store_le16(dst + 7, huff_frame_header_check(dst, 7));
}

enum huff_status huff_block_header_parse(const uint8_t *src, uint32_t block_size,
                                         unsigned version, struct huff_block_header *h)
{
        unsigned tag = src[0], type = tag & HUFF_TAG_TYPE_MASK;
        const struct block_kind *k;

        FAIL_IF(!huff_check_matches(load_le16(src + 7), huff_frame_header_check(src, 7)),
                HUFF_ERR_BLOCK_HEADER);
        FAIL_IF(tag & ~(HUFF_TAG_TYPE_MASK | HUFF_TAG_FOUR_STREAMS), HUFF_ERR_BLOCK_HEADER);
        FAIL_IF(type >= KINDS || kinds[type].min_version > version,
                HUFF_ERR_BLOCK_HEADER);
        k = &kinds[type];
        h->type = (enum huff_block_type)type;
        h->four_streams = (tag & HUFF_TAG_FOUR_STREAMS) != 0;
        h->decoded_size = load_le24(src + 1) + 1;
        h->payload_size = load_le24(src + 4);
        FAIL_IF(h->decoded_size > block_size, HUFF_ERR_BLOCK_SIZE);
        FAIL_IF(h->four_streams && (!(k->flags & KIND_STREAMS) ||
                                    h->decoded_size < HUFF_FOUR_STREAMS_MIN),
                HUFF_ERR_BLOCK_HEADER);
        switch (k->rule) {
        case PAYLOAD_STORED:
                FAIL_IF(h->payload_size != h->decoded_size, HUFF_ERR_BLOCK_HEADER);
                break;
        case PAYLOAD_ONE_BYTE:
                FAIL_IF(h->payload_size != 1, HUFF_ERR_BLOCK_HEADER);
                break;
        case PAYLOAD_CODED:
                FAIL_IF(h->payload_size == 0 || h->payload_size >= h->decoded_size,
                        HUFF_ERR_BLOCK_HEADER);
                break;
        }
        return HUFF_OK;
}

enum huff_status huff_block_decode(struct huff_block_decoder *bd,
                                   const struct huff_block_header *h,
                                   const uint8_t *src, uint8_t *dst)
{
        return kinds[h->type].decode(bd, h, src, dst);
}
