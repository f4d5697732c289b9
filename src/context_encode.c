/*
 * context_encode.c - context blocks (FORMAT.md 9), costed and written
 *
 * The cost is the payload of the best model the block encoder's search
 * effort finds (context_model.c), exact but for the padding of its
 * streams, at most a byte each; the model waits in the block encoder for
 * the write, should the block take this type.
 */
#include "block_state.h"

#include "context_model.h"

size_t huff_type_context_cost(const struct huff_block_encoder *be, struct huff_block_plan *p)
{
        if (!be->ctx_effort || p->distinct < 2)
                return SIZE_MAX;
        return huff_ctx_model_plan(be->ctx_scratch, p->src, p->n, be->ctx_effort,
                                   be->max_code_len, be->ctx_model);
}

uint8_t *huff_type_context_write(struct huff_block_encoder *be,
                                 const struct huff_block_plan *p, uint8_t *dst)
{
        return huff_ctx_model_write(be->ctx_model, p->src, p->n, dst);
}
