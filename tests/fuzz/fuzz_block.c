/*
 * fuzz_block.c - the block decoder, huff_block_decode() (src/block.h), fed
 * arbitrary headers, code-length tables and streams
 *
 * Input: a control byte (bit 0: the frame has fuzz_fixed_model()), then
 * blocks, each as
 *
 *   tag (1)  decoded size - 1 (u24, taken mod 2^17)  payload size (u16;
 *   0: the rest of the input)  payload
 *
 * A header goes through huff_block_header_parse() for a frame of the
 * largest block size and the latest format version first (so that context
 * blocks, type 5, are reached), as in a real frame: the decoder's contract
 * starts from a header that passed it (a raw block's payload is as long as
 * its content, and so on).  The blocks share one huff_block_decoder, so
 * repeat blocks find the previous block's code (and context blocks must
 * leave it alone).  Each payload is copied to a
 * buffer of exactly its size and decoded into one of exactly the block's
 * size, so that ASan sees any access past either.
 */
#include "fuzz_util.h"

#include "block.h"
#include "frame.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* One decoder for every input, as huff_decoder_create() makes one:
         * what is above its tables zeroed, the tables (472 KiB with the
         * context blocks', which a fresh calloc() would map and unmap each
         * time) left as the last input left them, which a block must not
         * rely on. */
        static struct huff_block_decoder *bd;
        size_t pos = 1;

        if (size < 1)
                return 0;
        if (!bd) {
                bd = malloc(sizeof(*bd));
                FUZZ_ASSERT(bd != NULL, "malloc");
                memset(bd, 0xa5, sizeof(*bd));
        }
        memset(bd, 0, offsetof(struct huff_block_decoder, table));
        bd->model = data[0] & 1 ? fuzz_fixed_model() : NULL;
        while (size - pos >= 6) {
                struct huff_block_header h;
                uint8_t hdr[HUFF_BLOCK_HEADER_SIZE];
                uint32_t dsize = (load_le24(data + pos + 1) & 0x1ffff) + 1;
                size_t psize = load_le16(data + pos + 4), rest = size - pos - 6;
                uint8_t *payload, *out;
                enum huff_status s;

                if (psize == 0 || psize > rest)
                        psize = rest;
                hdr[0] = data[pos];
                store_le24(hdr + 1, dsize - 1);
                store_le24(hdr + 4, (uint32_t)psize);
                store_le16(hdr + 7, huff_frame_header_check(hdr, 7));
                pos += 6;
                if (huff_block_header_parse(hdr, HUFF_BLOCK_SIZE_MAX, HUFF_FORMAT_VERSION_MAX, &h) != HUFF_OK) {
                        pos += psize;
                        continue;
                }
                payload = malloc(psize);
                out = malloc(dsize);
                FUZZ_ASSERT(payload && out, "malloc");
                memcpy(payload, data + pos, psize);
                pos += psize;
                s = huff_block_decode(bd, &h, payload, out);
                FUZZ_ASSERT(s == HUFF_OK || s == HUFF_ERR_CODE_LENGTHS ||
                            s == HUFF_ERR_STREAM_SIZES || s == HUFF_ERR_CORRUPT,
                            "unexpected status %s", huff_strerror(s));
                free(payload);
                free(out);
        }
        return 0;
}
