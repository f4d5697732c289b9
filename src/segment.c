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
#include "context_model.h"

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
        huff_block_encoder_init(&c->be, p->max_code_len, p->model);
        c->block_size = p->block_size;
        c->chunk = HUFF_MIN(huff_split_chunk_size(p->level), (size_t)p->block_size);
        c->be.ctx_effort = huff_ctx_effort(p->level);
        if (c->be.ctx_effort) {
                c->be.version = HUFF_FORMAT_V2;
                c->be.ctx_model = malloc(sizeof(*c->be.ctx_model));
                c->alt = malloc(huff_seg_room(c, HUFF_MAX(max_n, (size_t)1)));
                if (!c->be.ctx_model || !c->alt ||
                    huff_ctx_scratch_create(&c->be.ctx_scratch) != HUFF_OK) {
                        huff_seg_coder_free(c);
                        return HUFF_ERR_NOMEM;
                }
        }
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
        free(c->be.ctx_model);
        free(c->alt);
        c->alt = NULL;
        huff_ctx_scratch_free(c->be.ctx_scratch);
        c->sizes = NULL;
        c->split_work = NULL;
        c->be.ctx_model = NULL;
        c->be.ctx_scratch = NULL;
}

void huff_seg_coder_allow(struct huff_seg_coder *c, unsigned version)
{
        c->be.version = c->be.ctx_effort ? version : HUFF_FORMAT_V1;
}

unsigned huff_seg_version(const struct huff_seg_coder *c)
{
        return c->types_used & (1u << HUFF_BLOCK_CONTEXT) ? HUFF_FORMAT_V2 : HUFF_FORMAT_V1;
}

/* Each block is at most its header plus its bytes, and the last one's
 * 8-byte stores may run HUFF_BLOCK_SLACK past it. */
size_t huff_seg_room(const struct huff_seg_coder *c, size_t n)
{
        size_t blocks = huff_split_max_blocks(n, c->chunk ? c->chunk : c->block_size);

        return n + HUFF_MAX(blocks, (size_t)1) * HUFF_BLOCK_HEADER_SIZE + HUFF_BLOCK_SLACK;
}

/* Blocks where the splitter cuts, from chunks of chunk bytes. */
static size_t code_split_by(struct huff_seg_coder *c, const struct huff_params *p,
                            size_t chunk, const uint8_t *src, size_t n, uint8_t *dst)
{
        struct huff_block_info info;
        uint8_t *start = dst;
        size_t blocks = huff_split_blocks(src, n, chunk, p->block_size, p->max_code_len,
                                          c->sizes, c->split_work);

        for (size_t b = 0; b < blocks; b++) {
                dst += huff_block_encode(&c->be, src, c->sizes[b], dst, &info);
                c->types_used |= 1u << info.type;
                src += c->sizes[b];
        }
        return (size_t)(dst - start);
}

static size_t code_split(struct huff_seg_coder *c, const struct huff_params *p,
                         const uint8_t *src, size_t n, uint8_t *dst)
{
        return code_split_by(c, p, c->chunk, src, n, dst);
}

/* Blocks every cut bytes. */
static size_t code_every(struct huff_seg_coder *c, size_t cut, const uint8_t *src, size_t n,
                         uint8_t *dst)
{
        struct huff_block_info info;
        uint8_t *start = dst;

        while (n > 0) {
                size_t k = HUFF_MIN(n, cut);

                dst += huff_block_encode(&c->be, src, k, dst, &info);
                c->types_used |= 1u << info.type;
                src += k;
                n -= k;
        }
        return (size_t)(dst - start);
}

/* Blocks every block_size bytes. */
static size_t code_fixed(struct huff_seg_coder *c, const struct huff_params *p,
                         const uint8_t *src, size_t n, uint8_t *dst)
{
        return code_every(c, p->block_size, src, n, dst);
}

/* Blocks every block_size bytes, or every HUFF_BLOCK_SIZE_DEFAULT if that
 * is less: how levels 1 to 6 cut by default. */
static size_t code_fixed_default(struct huff_seg_coder *c, const struct huff_params *p,
                                 const uint8_t *src, size_t n, uint8_t *dst)
{
        return code_every(c, HUFF_MIN(p->block_size, HUFF_BLOCK_SIZE_DEFAULT), src, n, dst);
}

/*
 * One way of coding a whole segment, from the segment's starting state,
 * into dst; *size and *types what it gave.  version: the block types it
 * may use.
 */
typedef size_t segment_way(struct huff_seg_coder *c, const struct huff_params *p,
                           const uint8_t *src, size_t n, uint8_t *dst);

static size_t code_way(struct huff_seg_coder *c, const struct huff_params *p,
                       segment_way *way, unsigned version, const uint8_t *src, size_t n,
                       uint8_t *dst, unsigned *types)
{
        size_t size;

        huff_block_encoder_reset(&c->be, p->max_code_len, p->model);
        huff_seg_coder_allow(c, version);
        c->types_used = 0;
        size = way(c, p, src, n, dst);
        *types = c->types_used;
        return size;
}

/*
 * Where context blocks may be used, a segment is coded in up to three ways
 * and the smallest kept, the earlier of equal sizes: blocks every
 * block_size bytes with context blocks; blocks every 128 KiB (or
 * block_size, if less) without them, so that no segment is larger than at
 * level 6 with its default block size (FORMAT.md 6); and
 * the splitter's cuts with the order-0 types (the splitter judges cuts by
 * order-0 costs, and a context block pays for its K tables only on a long
 * block).  The second and third only where huff_ctx_split_bound() says
 * they could be smaller, and the third not where context blocks are
 * already a tenth below the order-0 bound of the fixed cuts.
 */
/* Keep in dst whichever of dst (size) and c->alt (s) is smaller. */
static void keep_smaller(struct huff_seg_coder *c, uint8_t *dst, size_t *size, unsigned *types,
                         size_t s, unsigned t)
{
        if (s < *size) {
                memcpy(dst, c->alt, s);
                *size = s;
                *types = t;
        }
}

static size_t code_best(struct huff_seg_coder *c, const struct huff_params *p,
                        const uint8_t *src, size_t n, uint8_t *dst)
{
        unsigned allowed = c->be.version, types, t;
        size_t size, s;
        double bound;

        size = code_way(c, p, code_fixed, allowed, src, n, dst, &types);
        /* The other ways only if their bounds leave them a chance.  The
         * fixed cuts' bound is cheap (few, long blocks); where context
         * blocks beat it by a tenth, the splitter's finer order-0 cuts are
         * not tried either: they gain a few percent over fixed cuts, not
         * that. */
        bound = huff_ctx_split_bound(c->be.ctx_scratch, src, n,
                                     HUFF_MIN(p->block_size, HUFF_BLOCK_SIZE_DEFAULT));
        if ((types & (1u << HUFF_BLOCK_CONTEXT)) && (double)size < 0.9 * bound)
                goto done;
        if (((types & (1u << HUFF_BLOCK_CONTEXT)) || p->block_size > HUFF_BLOCK_SIZE_DEFAULT) &&
            bound < (double)size) {
                s = code_way(c, p, code_fixed_default, HUFF_FORMAT_V1, src, n, c->alt, &t);
                keep_smaller(c, dst, &size, &types, s, t);
        }
        bound = huff_ctx_split_bound(c->be.ctx_scratch, src, n, c->chunk);
        /* The bound of fine chunks flatters them (a short chunk's own
         * entropy is below what any code for it costs): the splitter is
         * tried only where it promises more than 3%. */
        if (bound < 0.97 * (double)size) {
                s = code_way(c, p, code_split, HUFF_FORMAT_V1, src, n, c->alt, &t);
                keep_smaller(c, dst, &size, &types, s, t);
        }
done:
        huff_seg_coder_allow(c, allowed);
        c->types_used |= types;
        return size;
}

size_t huff_seg_encode(struct huff_seg_coder *c, const struct huff_params *p,
                       const uint8_t *src, size_t n, uint8_t *dst)
{
        HUFF_ASSERT(n >= 1);
        if (!c->chunk)
                return code_fixed(c, p, src, n, dst);
        if (!c->be.ctx_effort)
                return code_split(c, p, src, n, dst);
        return code_best(c, p, src, n, dst);
}
