/*
 * status.c - version, error names and parameters
 */
#include "common.h"
#include "stream.h"

unsigned huff_version_number(void)
{
        return HUFF_VERSION_NUMBER;
}

const char *huff_version_string(void)
{
        return HUFF_VERSION_STRING;
}

const char *huff_strerror(enum huff_status s)
{
        /* No default: the compiler warns when a code is left unnamed. */
        switch (s) {
        case HUFF_OK:                return "success";
        case HUFF_ERR_PARAM:         return "invalid parameter";
        case HUFF_ERR_DST_TOO_SMALL: return "output buffer too small";
        case HUFF_ERR_NOMEM:         return "out of memory";
        case HUFF_ERR_STAGE:         return "call out of sequence";
        case HUFF_ERR_BAD_MAGIC:     return "not in .huf format";
        case HUFF_ERR_VERSION:       return "unsupported .huf format version";
        case HUFF_ERR_FRAME_HEADER:  return "corrupt frame header";
        case HUFF_ERR_BLOCK_HEADER:  return "corrupt block header";
        case HUFF_ERR_BLOCK_SIZE:    return "block larger than the frame's block size";
        case HUFF_ERR_CODE_LENGTHS:  return "invalid code lengths";
        case HUFF_ERR_STREAM_SIZES:  return "stream sizes do not add up";
        case HUFF_ERR_CORRUPT:       return "corrupt compressed data";
        case HUFF_ERR_TRUNCATED:     return "unexpected end of file";
        case HUFF_ERR_CHECKSUM:      return "checksum mismatch";
        case HUFF_ERR_CONTENT_SIZE:  return "size differs from the size recorded";
        case HUFF_ERR_TRAILING_DATA: return "trailing garbage after the last frame";
        case HUFF_ERR_MODEL_REQUIRED: return "compressed with a model, and none was given";
        case HUFF_ERR_MODEL_MISMATCH: return "compressed with a different model";
        case HUFF_ERR_MODEL_UNUSED:  return "compressed without a model, but a model was given";
        case HUFF_ERR_MODEL_FILE:    return "corrupt or truncated model file";
        case HUFF_ERR_MODEL_VERSION: return "unsupported model file version";
        }
        return "unknown error";
}

void huff_params_init(struct huff_params *p)
{
        p->max_code_len = HUFF_CODE_LEN_DEFAULT;
        p->block_size = HUFF_BLOCK_SIZE_AUTO;
        p->level = HUFF_LEVEL_DEFAULT;
        p->content_size = HUFF_CONTENT_SIZE_UNKNOWN;
        p->checksum = 1;
        p->model = NULL;
        p->threads = 1;
        memset(p->reserved, 0, sizeof(p->reserved));
}

uint32_t huff_params_block_size(const struct huff_params *p)
{
        if (p->block_size != HUFF_BLOCK_SIZE_AUTO)
                return p->block_size;
        return p->level >= 7 ? HUFF_BLOCK_SIZE_CONTEXT : HUFF_BLOCK_SIZE_DEFAULT;
}

enum huff_status huff_params_check(const struct huff_params *p)
{
        if (!p || p->max_code_len < HUFF_CODE_LEN_MIN || p->max_code_len > HUFF_CODE_LEN_MAX ||
            (p->block_size != HUFF_BLOCK_SIZE_AUTO &&
             (p->block_size < HUFF_BLOCK_SIZE_MIN || p->block_size > HUFF_BLOCK_SIZE_MAX)) ||
            p->level < HUFF_LEVEL_MIN || p->level > HUFF_LEVEL_MAX ||
            (p->checksum != 0 && p->checksum != 1) || p->threads > HUFF_THREADS_MAX)
                return HUFF_ERR_PARAM;
        /* A field this library does not know yet (huff.h, "Compression
         * parameters"): refused, not ignored. */
        for (size_t i = 0; i < HUFF_ARRAY_SIZE(p->reserved); i++)
                if (p->reserved[i])
                        return HUFF_ERR_PARAM;
        return HUFF_OK;
}

enum huff_status huff_params_or_defaults(struct huff_params *out, const struct huff_params *p)
{
        if (p)
                *out = *p;
        else
                huff_params_init(out);
        return huff_params_check(out);
}
