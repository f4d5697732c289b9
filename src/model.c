/*
 * model.c - models: a code shared by encoder and decoder
 *
 * A model file keeps the counts it was trained on and the smoothing as well
 * as the lengths, so that `huff report` can show the model's distribution q;
 * but coding only ever uses the stored lengths, and the identifier frames
 * record is derived from them alone.  A later change to the code builder
 * therefore changes neither old models' codes nor their identifiers.
 *
 * The tables are built once here: a model is immutable and can be shared
 * by every encoder and decoder of a process.
 */
#include <stdlib.h>

#include <xxhash.h>

#include "format.h"
#include "frame.h"
#include "huffman_lengths.h"
#include "model.h"

/* Tables and identifier from lens, which the caller has validated. */
static void finish_model(struct huff_model *m)
{
        m->id = (uint32_t)XXH3_64bits(m->lens, 256);
        huff_canon_enc_table(m->lens, 256, m->enc);
        huff_canon_dec_table(m->lens, 256, m->longest, m->dec);
}

/* weights from counts and smoothing; 0 if they sum past 2^56. */
static int smooth(struct huff_model *m)
{
        uint64_t sum = 0;

        for (unsigned i = 0; i < 256; i++) {
                uint64_t c = m->counts[i];

                if (c && m->alpha_den > (HUFF_WEIGHT_SUM_LIMIT - m->alpha_num) / c)
                        return 0;
                m->weights[i] = c * m->alpha_den + m->alpha_num;
                if (m->weights[i] > HUFF_WEIGHT_SUM_LIMIT - sum)
                        return 0;
                sum += m->weights[i];
        }
        return 1;
}

enum huff_status huff_model_create(struct huff_model **mp, const uint64_t counts[256],
                                   uint64_t alpha_num, uint64_t alpha_den,
                                   unsigned max_code_len)
{
        struct huff_model *m;

        if (!mp)
                return HUFF_ERR_PARAM;
        *mp = NULL;
        if (!counts || alpha_den == 0 || alpha_num > HUFF_WEIGHT_SUM_LIMIT ||
            max_code_len < HUFF_CODE_LEN_MIN || max_code_len > HUFF_CODE_LEN_MAX)
                return HUFF_ERR_PARAM;
        m = calloc(1, sizeof(*m));
        if (!m)
                return HUFF_ERR_NOMEM;
        memcpy(m->counts, counts, sizeof(m->counts));
        m->alpha_num = alpha_num;
        m->alpha_den = alpha_den;
        m->max_code_len = max_code_len;
        if (!smooth(m) ||
            huff_lens_build(m->weights, 256, max_code_len, m->lens) != HUFF_OK ||
            huff_canon_check(m->lens, 256, max_code_len, &m->longest) != HUFF_OK) {
                /* too heavy, or fewer than two codable values */
                free(m);
                return HUFF_ERR_PARAM;
        }
        finish_model(m);
        *mp = m;
        return HUFF_OK;
}

void huff_model_free(struct huff_model *m)
{
        free(m);
}

size_t huff_model_save_bound(void)
{
        return HUFF_MODEL_FILE_MAX;
}

enum huff_status huff_model_save(const struct huff_model *m, void *dst, size_t cap,
                                 size_t *size)
{
        uint8_t buf[HUFF_MODEL_FILE_MAX], *p = buf;

        if (!m || !size || (!dst && cap))
                return HUFF_ERR_PARAM;
        *p++ = HUFF_MAGIC0;
        *p++ = HUFF_MAGIC1;
        *p++ = HUFF_MAGIC2;
        *p++ = HUFF_MODEL_MAGIC3;
        *p++ = HUFF_MODEL_VERSION;
        *p++ = (uint8_t)m->max_code_len;
        p += huff_varint_write(p, m->alpha_num);
        p += huff_varint_write(p, m->alpha_den);
        for (unsigned i = 0; i < 256; i++)
                p += huff_varint_write(p, m->counts[i]);
        for (unsigned i = 0; i < 256; i += 2)
                *p++ = (uint8_t)(m->lens[i] | m->lens[i + 1] << 4);
        store_le32(p, (uint32_t)XXH3_64bits(buf, (size_t)(p - buf)));
        p += 4;
        *size = (size_t)(p - buf);
        if (*size > cap)
                return HUFF_ERR_DST_TOO_SMALL;
        memcpy(dst, buf, *size);
        return HUFF_OK;
}

enum huff_status huff_model_load(struct huff_model **mp, const void *src, size_t n)
{
        static const uint8_t magic[4] = { HUFF_MAGIC0, HUFF_MAGIC1, HUFF_MAGIC2, HUFF_MODEL_MAGIC3 };
        const uint8_t *s = src;
        struct huff_model *m;
        size_t pos = 6, k;
        unsigned longest;

        if (!mp || (!src && n))
                return HUFF_ERR_PARAM;
        *mp = NULL;
        /* FORMAT.md 8: magic, then the version before anything
         * else, then the checksum, then the fields. */
        if (n < 4 || memcmp(s, magic, 4) != 0)
                return HUFF_ERR_BAD_MAGIC;
        FAIL_IF(n < 6, HUFF_ERR_MODEL_FILE);
        FAIL_IF(s[4] != HUFF_MODEL_VERSION, HUFF_ERR_MODEL_VERSION);
        m = calloc(1, sizeof(*m));
        if (!m)
                return HUFF_ERR_NOMEM;
        m->max_code_len = s[5];
        k = huff_varint_read(s + pos, n - pos, &m->alpha_num);
        pos += k;
        if (k)
                k = huff_varint_read(s + pos, n - pos, &m->alpha_den);
        pos += k;
        for (unsigned i = 0; i < 256 && k; i++) {
                k = huff_varint_read(s + pos, n - pos, &m->counts[i]);
                pos += k;
        }
        if (!k || n != pos + 128 + 4 ||
            !huff_check_matches(load_le32(s + pos + 128), (uint32_t)XXH3_64bits(s, pos + 128)))
                goto corrupt;
        for (unsigned i = 0; i < 256; i += 2) {
                m->lens[i] = s[pos] & 15;
                m->lens[i + 1] = s[pos++] >> 4;
        }
        /* The fields, checksum or not: a file made by hand must not make a
         * code that cannot decode. */
        if (m->max_code_len < HUFF_CODE_LEN_MIN || m->max_code_len > HUFF_CODE_LEN_MAX ||
            m->alpha_den == 0 || !smooth(m) ||
            huff_canon_check(m->lens, 256, m->max_code_len, &longest) != HUFF_OK)
                goto corrupt;
        for (unsigned i = 0; i < 256; i++)
                if ((m->weights[i] == 0) != (m->lens[i] == 0))
                        goto corrupt;
        m->longest = longest;
        finish_model(m);
        *mp = m;
        return HUFF_OK;
corrupt:
        free(m);
        return HUFF_ERR_MODEL_FILE;
}

uint32_t huff_model_id(const struct huff_model *m)
{
        return m->id;
}

void huff_model_weights(const struct huff_model *m, uint64_t q[256])
{
        memcpy(q, m->weights, sizeof(m->weights));
}

void huff_model_lengths(const struct huff_model *m, uint8_t lens[256])
{
        memcpy(lens, m->lens, sizeof(m->lens));
}

void huff_model_info(const struct huff_model *m, uint64_t counts[256],
                     uint64_t *alpha_num, uint64_t *alpha_den, unsigned *max_code_len)
{
        if (counts)
                memcpy(counts, m->counts, sizeof(m->counts));
        if (alpha_num)
                *alpha_num = m->alpha_num;
        if (alpha_den)
                *alpha_den = m->alpha_den;
        if (max_code_len)
                *max_code_len = m->max_code_len;
}
