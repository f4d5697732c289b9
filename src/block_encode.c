/*
 * block_encode.c - choose a block's type by exact cost and write it
 *
 * The histogram gives the exact size of every candidate before anything is
 * written: a Huffman payload is sum(count * length) bits, plus at most one
 * padding byte per stream.  So the choice between raw, rle, a new code with
 * its table and the previous code costs one pass over the histogram, and
 * only the winner is encoded.
 */
#include "block.h"

#include "code_table.h"
#include "frame.h"
#include "histogram.h"
#include "huffman_lengths.h"
#include "model.h"

void huff_block_encoder_reset(struct huff_block_encoder *be, unsigned max_code_len,
                              const struct huff_model *model)
{
        be->max_code_len = max_code_len;
        be->model = model;
        be->have_prev = 0;
}

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

        /* FORMAT.md "Huffman block": streams 1..3 take ceil(n/4) symbols. */
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

size_t huff_block_encode(struct huff_block_encoder *be, const uint8_t *src,
                         size_t n, uint8_t *dst, struct huff_block_info *info)
{
        uint64_t counts[256];
        uint8_t lens[256];
        uint8_t table[HUFF_MAX_TABLE_SIZE + 8];
        uint8_t *payload = dst + HUFF_BLOCK_HEADER_SIZE, *end;
        enum huff_block_type type;
        int four = n >= HUFF_ENC_FOUR_STREAMS_MIN;
        size_t stream_extra = four ? HUFF_JUMP_TABLE_SIZE + HUFF_STREAMS - 1 : 0;
        size_t table_size, new_size, rep_size = SIZE_MAX, model_size = SIZE_MAX, best;
        unsigned distinct;
        enum huff_status st;

        HUFF_ASSERT(n >= 1 && n <= HUFF_BLOCK_SIZE_MAX);
        distinct = huff_hist_count(src, n, counts);
        if (distinct == 1) {
                type = HUFF_BLOCK_RLE;
                payload[0] = src[0];
                end = payload + 1;
                goto done;
        }

        st = huff_lens_build(counts, 256, be->max_code_len, lens);
        HUFF_ASSERT(st == HUFF_OK);
        (void)st;
        table_size = huff_table_write(lens, table);
        /* Upper bounds: each stream pads its last byte. */
        new_size = table_size + stream_extra + (cost_bits(counts, lens) + 7) / 8;
        if (be->have_prev && code_covers(counts, be->prev_lens))
                rep_size = stream_extra + (cost_bits(counts, be->prev_lens) + 7) / 8;
        if (be->model && code_covers(counts, be->model->lens))
                model_size = stream_extra + (cost_bits(counts, be->model->lens) + 7) / 8;

        /* Ties go to the codes already known, the model's first: they
         * also save the decoder a table build. */
        best = HUFF_MIN(HUFF_MIN(new_size, rep_size), model_size);
        if (best >= n) {
                type = HUFF_BLOCK_RAW;
                memcpy(payload, src, n);
                end = payload + n;
        } else if (model_size == best) {
                type = HUFF_BLOCK_MODEL;
                end = encode_payload(src, n, four, be->model->enc, be->model->longest, payload);
        } else if (rep_size == best) {
                type = HUFF_BLOCK_REPEAT;
                end = encode_payload(src, n, four, be->prev_enc,
                                     longest_len(be->prev_lens), payload);
        } else {
                type = HUFF_BLOCK_HUFFMAN;
                memcpy(payload, table, table_size);
                memcpy(be->prev_lens, lens, sizeof(lens));
                huff_canon_enc_table(lens, 256, be->prev_enc);
                be->have_prev = 1;
                end = encode_payload(src, n, four, be->prev_enc, longest_len(lens),
                                     payload + table_size);
        }
done:
        HUFF_ASSERT((size_t)(end - payload) <= n);
        huff_frame_write_block_header(dst, type, four && type != HUFF_BLOCK_RAW &&
                                      type != HUFF_BLOCK_RLE,
                                      (uint32_t)n, (uint32_t)(end - payload));
        info->type = type;
        info->decoded_size = (uint32_t)n;
        info->stored_size = (uint32_t)(end - dst);
        return (size_t)(end - dst);
}
