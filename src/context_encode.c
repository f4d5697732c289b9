/*
 * context_encode.c - context blocks (FORMAT.md 9), costed and written
 *
 * The cost is the payload of the best model the block encoder's search
 * effort finds (context_model.c), exact but for the padding of its
 * streams, at most a byte each; the model waits in the block encoder for
 * the write, should the block take this type.
 */
#include "block_state.h"

#include "bitstream.h"
#include "canonical.h"
#include "code_table.h"
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

/* The map (FORMAT.md 9.1): a 0 bit where a context keeps the code of the
 * context before, else a 1 and the code. */
static uint8_t *write_map(const struct huff_ctx_model *m, uint8_t *dst)
{
        struct huff_bitwriter bw;
        unsigned w = huff_ctx_map_width(m->codes), prev = 0;

        bw_init(&bw, dst);
        for (unsigned c = 0; c < 256; c++) {
                if (m->map[c] == prev)
                        bw_put(&bw, 0, 1);
                else
                        bw_put(&bw, 1u | (unsigned)m->map[c] << 1, 1 + w);
                prev = m->map[c];
                bw_flush(&bw);
        }
        return bw_finish(&bw);
}

uint8_t *huff_ctx_model_write(const struct huff_ctx_model *m, const uint8_t *src, size_t n,
                              uint8_t *dst)
{
        huff_enc_entry enc[HUFF_CTX_CODES_MAX][256];
        const huff_enc_entry *by_ctx[256];
        size_t s = huff_ctx_stream_len(n, m->streams);
        uint8_t *jumps, *start = dst;
        unsigned log2s = 0;

        while ((1u << log2s) < m->streams)
                log2s++;
        *dst++ = (uint8_t)((m->codes - 1) | log2s << HUFF_CTX_DESC_STREAMS_SHIFT);
        dst = write_map(m, dst);
        for (unsigned k = 0; k < m->codes; k++) {
                dst += huff_table_write(m->lens[k], dst);
                huff_canon_enc_table(m->lens[k], 256, enc[k]);
        }
        for (unsigned c = 0; c < 256; c++)
                by_ctx[c] = enc[m->map[c]];
        memcpy(dst, m->start, m->streams);
        dst += m->streams;
        jumps = dst;
        dst += 3 * (m->streams - 1);
        for (unsigned j = 0; j < m->streams; j++) {
                size_t from = j * s, to = HUFF_MIN(n, from + s);
                struct huff_bitwriter bw;
                uint8_t *begin = dst;
                huff_enc_entry e = by_ctx[m->start[j]][src[from]];

                size_t i = from + 1;

                bw_init(&bw, dst);
                bw_put(&bw, e >> 8, e & 0xff);
                /* Four codewords of at most 11 bits between flushes: 7
                 * pending bits + 44 fit the 64-bit buffer. */
                for (; i + 4 <= to; i += 4) {
                        huff_enc_entry e0 = by_ctx[src[i - 1]][src[i]];
                        huff_enc_entry e1 = by_ctx[src[i]][src[i + 1]];
                        huff_enc_entry e2 = by_ctx[src[i + 1]][src[i + 2]];
                        huff_enc_entry e3 = by_ctx[src[i + 2]][src[i + 3]];

                        bw_flush(&bw);
                        bw_put(&bw, e0 >> 8, e0 & 0xff);
                        bw_put(&bw, e1 >> 8, e1 & 0xff);
                        bw_put(&bw, e2 >> 8, e2 & 0xff);
                        bw_put(&bw, e3 >> 8, e3 & 0xff);
                }
                bw_flush(&bw);
                for (; i < to; i++) {
                        e = by_ctx[src[i - 1]][src[i]];
                        bw_put(&bw, e >> 8, e & 0xff);
                }
                dst = bw_finish(&bw);
                if (j + 1 < m->streams)
                        store_le24(jumps + 3 * j, (uint32_t)(dst - begin));
        }
        HUFF_ASSERT((size_t)(dst - start) <= m->payload_size);
        (void)start;
        return dst;
}
