/*
 * fuzz_model.c - the model-file parser, huff_model_load(), then the model
 * in use
 *
 * Input: the model file's length (u16, little-endian), the model file, then
 * the rest.  A model that loads must save back to the same bytes (the format
 * has one encoding per model; the checksum, unchecked in fuzzing builds, is
 * left out of the comparison) and reload to the same identifier; then the
 * rest is decoded as .huf frames with it, and compressed with it at a level
 * taken from the rest's first byte and decompressed, which must give the
 * rest back: a model whose code cannot code some byte values must make the
 * encoder choose other block types for them.
 */
#include "fuzz_util.h"

#define OUT_CAP ((size_t)1 << 20)
#define RT_MAX ((size_t)1 << 16)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static uint8_t *out, *comp, *back;
        static size_t comp_cap;
        struct huff_model *m, *m2;
        struct huff_params p;
        uint8_t *file, saved[4096], lens[256];
        uint64_t q[256], counts[256], an, ad;
        unsigned limit;
        size_t flen, ssize, rest, dsize, csize;
        enum huff_status s;

        if (size < 2)
                return 0;
        if (!out) {
                comp_cap = huff_compress_bound(RT_MAX);
                out = malloc(OUT_CAP);
                comp = malloc(comp_cap);
                back = malloc(RT_MAX);
                if (!out || !comp || !back)
                        abort();
        }
        flen = data[0] | (size_t)data[1] << 8;
        if (flen > size - 2)
                flen = size - 2;
        file = malloc(flen ? flen : 1);
        FUZZ_ASSERT(file != NULL, "malloc");
        memcpy(file, data + 2, flen);
        s = huff_model_load(&m, file, flen);
        free(file);
        if (s != HUFF_OK) {
                FUZZ_ASSERT(m == NULL, "a model from a failed load");
                FUZZ_ASSERT(s == HUFF_ERR_BAD_MAGIC || s == HUFF_ERR_MODEL_VERSION ||
                            s == HUFF_ERR_MODEL_FILE, "unexpected status %s", huff_strerror(s));
                return 0;
        }

        FUZZ_ASSERT(huff_model_save_bound() <= sizeof(saved), "save bound");
        FUZZ_ASSERT(huff_model_save(m, saved, sizeof(saved), &ssize) == HUFF_OK, "save");
        FUZZ_ASSERT(ssize == flen && memcmp(saved, data + 2, flen - 4) == 0,
                    "saved model differs from the file loaded (%zu, %zu bytes)", ssize, flen);
        FUZZ_ASSERT(huff_model_load(&m2, saved, ssize) == HUFF_OK, "reload");
        FUZZ_ASSERT(huff_model_id(m2) == huff_model_id(m), "identifier changed");
        huff_model_free(m2);
        huff_model_weights(m, q);
        huff_model_lengths(m, lens);
        huff_model_info(m, counts, &an, &ad, &limit);
        for (unsigned i = 0; i < 256; i++)
                FUZZ_ASSERT((q[i] == 0) == (lens[i] == 0), "byte %u: weight and length", i);

        data += 2 + flen;
        rest = size - 2 - flen;
        s = huff_decompress_model(out, OUT_CAP, &dsize, data, rest, m);
        FUZZ_ASSERT(dsize <= OUT_CAP, "dsize");
        FUZZ_ASSERT(s != HUFF_ERR_PARAM && s != HUFF_ERR_NOMEM && s != HUFF_ERR_STAGE,
                    "decoding with the model: %s", huff_strerror(s));

        if (rest > RT_MAX)
                rest = RT_MAX;
        huff_params_init(&p);
        p.model = m;
        p.level = rest ? 1 + data[0] % 9 : HUFF_LEVEL_DEFAULT;
        p.block_size = HUFF_BLOCK_SIZE_MIN << (rest ? data[0] % 5 : 0);
        s = huff_compress(comp, comp_cap, &csize, data, rest, &p);
        FUZZ_ASSERT(s == HUFF_OK, "compress with the model: %s", huff_strerror(s));
        s = huff_decompress_model(back, RT_MAX, &dsize, comp, csize, m);
        FUZZ_ASSERT(s == HUFF_OK, "decompress with the model: %s", huff_strerror(s));
        FUZZ_ASSERT(dsize == rest && memcmp(back, data, rest) == 0, "round trip differs");
        huff_model_free(m);
        return 0;
}
