/*
 * huffman_encode.c - the block types coded with a Huffman code (huffman,
 * repeat, model): their exact costs, and their payloads written
 *
 * A payload is one stream, or four (FORMAT.md 5) that the decoder can run
 * in lock step.  The costs come from the histogram alone: sum(count *
 * length) bits, plus at most one padding byte per stream.
 */
#include "block_state.h"

#include "code_table.h"
#include "huffman_lengths.h"
#include "model.h"

/*
 * A code split in two tables for the encoding loop: with the codeword and
 * its length in separate arrays each symbol costs a byte load, a codeword
 * load, a shift, an or and an add of the length straight from memory,
 * instead of also unpacking a combined entry.
 */
struct enc_code {
        uint32_t code[256];
        uint8_t len[256];
};

static void enc_code_split(const huff_enc_entry *enc, struct enc_code *c)
{
        for (unsigned s = 0; s < 256; s++) {
                c->code[s] = enc[s] >> 8;
                c->len[s] = (uint8_t)enc[s];
        }
}

#define ENC_PUT(k) do {                                                 \
        unsigned s_ = src[k];                                           \
        bits |= (uint64_t)code[s_] << count;                            \
        count += len[s_];                                               \
} while (0)

/* bw_flush() of bitstream.h on locals: through a struct huff_bitwriter the
 * loop ran 2% more instructions and compressed 2% slower (15 MB text). */
#define ENC_FLUSH() do {                                                \
        store_le64(out, bits);                                          \
        out += count >> 3;                                              \
        bits >>= count & 56;                                            \
        count &= 7;                                                     \
} while (0)

/*
 * Encode n symbols as one stream.  spf symbols go into the register between
 * flushes: a flush leaves at most 7 bits, so spf * longest <= 56 keeps the
 * register within 63 bits.  spf is a constant at each call site and the
 * rounds are written out, two per iteration: compilers do not unroll the
 * equivalent loop by themselves at -O2.
 */
HUFF_INLINE uint8_t *encode_stream(const uint8_t *src, size_t n,
                                   const struct enc_code *c, uint8_t *out,
                                   const unsigned spf)
{
        const uint32_t *code = c->code;
        const uint8_t *len = c->len;
        const uint8_t *end = src + n;
        uint64_t bits = 0;
        unsigned count = 0;

        while ((size_t)(end - src) >= 2 * spf) {
                ENC_PUT(0); ENC_PUT(1); ENC_PUT(2);
                if (spf >= 4) ENC_PUT(3);
                if (spf >= 5) ENC_PUT(4);
                ENC_FLUSH();
                src += spf;
                ENC_PUT(0); ENC_PUT(1); ENC_PUT(2);
                if (spf >= 4) ENC_PUT(3);
                if (spf >= 5) ENC_PUT(4);
                ENC_FLUSH();
                src += spf;
        }
        while (src < end) {
                ENC_PUT(0);
                ENC_FLUSH();
                src++;
        }
        store_le64(out, bits);
        return out + (count + 7) / 8;
}

static uint8_t *encode_stream_any(const uint8_t *src, size_t n, const struct enc_code *c,
                                  unsigned longest, uint8_t *out)
{
        if (longest <= 11)
                return encode_stream(src, n, c, out, 5);
        if (longest <= 14)
                return encode_stream(src, n, c, out, 4);
        return encode_stream(src, n, c, out, 3);
}

static uint64_t cost_bits(const uint64_t *counts, const uint8_t *lens)
{
        uint64_t bits = 0;

        for (unsigned s = 0; s < 256; s++)
                bits += counts[s] * lens[s];
        return bits;
}

static int code_covers(const uint64_t *counts, const uint8_t *lens)
{
        for (unsigned s = 0; s < 256; s++)
                if (counts[s] && !lens[s])
                        return 0;
        return 1;
}

static unsigned longest_len(const uint8_t *lens)
{
        unsigned m = 0;

        for (unsigned s = 0; s < 256; s++)
                m = HUFF_MAX(m, lens[s]);
        return m;
}

/* Write the streams of a Huffman payload at p; returns its end. */
static uint8_t *encode_payload(const uint8_t *src, size_t n, int four,
                               const huff_enc_entry *enc, unsigned longest, uint8_t *p)
{
        struct enc_code c;

        enc_code_split(enc, &c);
        if (!four)
                return encode_stream_any(src, n, &c, longest, p);

        /* FORMAT.md 5: streams 1..3 take ceil(n/4) symbols. */
        size_t seg = (n + 3) / 4;
        uint8_t *jump = p;

        p += HUFF_JUMP_TABLE_SIZE;
        for (unsigned k = 0; k < HUFF_STREAMS; k++) {
                uint8_t *start = p;
                size_t len = k < HUFF_STREAMS - 1 ? seg : n - 3 * seg;

                p = encode_stream_any(src + k * seg, len, &c, longest, p);
                if (k < HUFF_STREAMS - 1)
                        store_le24(jump + 3 * k, (uint32_t)(p - start));
        }
        return p;
}

/* Upper bound of a payload of these lengths: each stream pads its last
 * byte. */
static size_t streams_cost(const struct huff_block_plan *p, const uint8_t *lens)
{
        return p->stream_extra + (cost_bits(p->counts, lens) + 7) / 8;
}

/* huffman: a new code, optimal for the block, with its table. */
size_t huff_type_huffman_cost(const struct huff_block_encoder *be, struct huff_block_plan *p)
{
        enum huff_status st;

        /* One byte value: an rle block is smaller. */
        if (p->distinct < 2)
                return SIZE_MAX;
        st = huff_lens_build(p->counts, 256, be->max_code_len, p->lens);
        HUFF_ASSERT(st == HUFF_OK);
        (void)st;
        p->table_size = huff_table_write(p->lens, p->table);
        return p->table_size + streams_cost(p, p->lens);
}

/* The new code also becomes the previous code of later repeat blocks. */
uint8_t *huff_type_huffman_write(struct huff_block_encoder *be,
                                 const struct huff_block_plan *p, uint8_t *dst)
{
        memcpy(dst, p->table, p->table_size);
        memcpy(be->prev_lens, p->lens, sizeof(p->lens));
        huff_canon_enc_table(p->lens, 256, be->prev_enc);
        be->have_prev = 1;
        return encode_payload(p->src, p->n, p->four, be->prev_enc, longest_len(p->lens),
                              dst + p->table_size);
}

/* repeat: the previous huffman block's code, if it covers this block. */
size_t huff_type_repeat_cost(const struct huff_block_encoder *be, struct huff_block_plan *p)
{
        if (!be->have_prev || !code_covers(p->counts, be->prev_lens))
                return SIZE_MAX;
        return streams_cost(p, be->prev_lens);
}

uint8_t *huff_type_repeat_write(struct huff_block_encoder *be,
                                const struct huff_block_plan *p, uint8_t *dst)
{
        return encode_payload(p->src, p->n, p->four, be->prev_enc, longest_len(be->prev_lens),
                              dst);
}

/* model: the shared model's code, if there is one and it covers the block. */
size_t huff_type_model_cost(const struct huff_block_encoder *be, struct huff_block_plan *p)
{
        if (!be->model || !code_covers(p->counts, be->model->lens))
                return SIZE_MAX;
        return streams_cost(p, be->model->lens);
}

uint8_t *huff_type_model_write(struct huff_block_encoder *be,
                               const struct huff_block_plan *p, uint8_t *dst)
{
        return encode_payload(p->src, p->n, p->four, be->model->enc, be->model->longest, dst);
}
