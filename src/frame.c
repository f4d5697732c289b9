/*
 * frame.c - frame headers, end mark, checks and varints (FORMAT.md 1, 3)
 *
 * Block headers are block.c's, beside the table of block types they name.
 *
 * Headers carry a 16-bit check (the low bits of XXH3 over the header's other
 * bytes) so that a damaged header is reported as such, before its fields are
 * believed: a damaged size field would otherwise show up later as a
 * misleading "corrupt data" or "truncated" error, or not at all until the
 * content checksum.
 */
#include "frame.h"

#include <xxhash.h>

uint32_t huff_frame_header_check(const uint8_t *src, size_t n)
{
        return (uint32_t)(XXH3_64bits(src, n) & 0xffff);
}

/*
 * Every comparison of a stored check16 or checksum32 with the computed one
 * goes through here.  A fuzzer built with libFuzzer's convention,
 * FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, takes any stored value: random
 * input would otherwise stop at the first check, and the decoders behind it
 * would never be reached.  Everything else stays checked.
 */
int huff_check_matches(uint32_t stored, uint32_t computed)
{
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
        (void)stored;
        (void)computed;
        return 1;
#else
        return stored == computed;
#endif
}

int huff_frame_magic_prefix(const uint8_t *src, size_t n)
{
        static const uint8_t magic[HUFF_MAGIC_SIZE] = {
                HUFF_MAGIC0, HUFF_MAGIC1, HUFF_MAGIC2, HUFF_MAGIC3
        };

        return memcmp(src, magic, HUFF_MIN(n, (size_t)HUFF_MAGIC_SIZE)) == 0;
}

size_t huff_varint_write(uint8_t *dst, uint64_t v)
{
        size_t n = 0;

        /* LEB128: 7 bits a byte, low first, high bit = more follows */
        while (v >= 0x80) {
                dst[n++] = (uint8_t)(v | 0x80);
                v >>= 7;
        }
        dst[n++] = (uint8_t)v;
        return n;
}

/* Where a varint at src ends: its size, 0 if src[0..n) ends first, or
 * SIZE_MAX if it runs past HUFF_VARINT_MAX bytes. */
static size_t varint_end(const uint8_t *src, size_t n)
{
        for (size_t i = 0; i < HUFF_VARINT_MAX; i++) {
                if (i >= n)
                        return 0;
                if (!(src[i] & 0x80))
                        return i + 1;
        }
        return SIZE_MAX;
}

size_t huff_varint_read(const uint8_t *src, size_t n, uint64_t *v)
{
        size_t size = varint_end(src, n);

        if (size == 0 || size == SIZE_MAX)
                return 0;
        /* one encoding per value: no high zero byte; and 64 bits at most */
        if (size > 1 && src[size - 1] == 0)
                return 0;
        if (size == HUFF_VARINT_MAX && src[size - 1] > 1)
                return 0;
        *v = 0;
        for (size_t i = 0; i < size; i++)
                *v |= (uint64_t)(src[i] & 0x7f) << (7 * i);
        return size;
}

size_t huff_frame_write_header(uint8_t *dst, const struct huff_frame_header *fh)
{
        size_t n = 0;
        unsigned flags = (fh->content_size != HUFF_CONTENT_SIZE_UNKNOWN ? HUFF_FLAG_CONTENT_SIZE : 0) |
                         (fh->checksum ? HUFF_FLAG_CHECKSUM : 0) |
                         (fh->has_model ? HUFF_FLAG_MODEL : 0);

        dst[n++] = HUFF_MAGIC0;
        dst[n++] = HUFF_MAGIC1;
        dst[n++] = HUFF_MAGIC2;
        dst[n++] = HUFF_MAGIC3;
        dst[n++] = (uint8_t)fh->version;
        dst[n++] = (uint8_t)flags;
        store_le24(dst + n, fh->block_size);
        n += 3;
        if (fh->has_model) {
                store_le32(dst + n, fh->model_id);
                n += 4;
        }
        if (fh->content_size != HUFF_CONTENT_SIZE_UNKNOWN)
                n += huff_varint_write(dst + n, fh->content_size);
        store_le16(dst + n, huff_frame_header_check(dst, n));
        return n + 2;
}

enum huff_status huff_frame_parse_header(const uint8_t *src, size_t n,
                                         struct huff_frame_header *fh,
                                         size_t *size)
{
        size_t pos = 9, vsize = 0;
        unsigned flags;

        /* The order of the checks is FORMAT.md 3.1's. */
        if (!huff_frame_magic_prefix(src, n))
                return HUFF_ERR_BAD_MAGIC;
        /* The version as soon as it is there, before the check: a later
         * version may lay out its header differently, and "unsupported
         * version" is the useful message then. */
        FAIL_IF(n > 4 && (src[4] < HUFF_FORMAT_V1 || src[4] > HUFF_FORMAT_VERSION_MAX),
                HUFF_ERR_VERSION);
        if (n < HUFF_FRAME_HEADER_MIN) {
                *size = HUFF_FRAME_HEADER_MIN;
                return HUFF_ERR_TRUNCATED;
        }
        flags = src[5];
        /* A flag this version does not know may move the check (a newer
         * writer's field), so it is judged before the check, like the
         * version. */
        FAIL_IF(flags & ~HUFF_FLAGS_KNOWN, HUFF_ERR_VERSION);
        if (flags & HUFF_FLAG_MODEL)
                pos += 4;
        if (flags & HUFF_FLAG_CONTENT_SIZE) {
                /* Where the varint ends tells where the check is. */
                vsize = pos < n ? varint_end(src + pos, n - pos) : 0;
                FAIL_IF(vsize == SIZE_MAX, HUFF_ERR_FRAME_HEADER);
                if (vsize == 0) {
                        *size = n + 1;
                        return HUFF_ERR_TRUNCATED;
                }
        }
        if (pos + vsize + 2 > n) {
                *size = pos + vsize + 2;
                return HUFF_ERR_TRUNCATED;
        }
        FAIL_IF(!huff_check_matches(load_le16(src + pos + vsize),
                                   huff_frame_header_check(src, pos + vsize)),
                HUFF_ERR_FRAME_HEADER);
        fh->version = src[4];
        fh->block_size = load_le24(src + 6);
        FAIL_IF(fh->block_size < HUFF_BLOCK_SIZE_MIN || fh->block_size > HUFF_BLOCK_SIZE_MAX,
                HUFF_ERR_FRAME_HEADER);
        fh->checksum = (flags & HUFF_FLAG_CHECKSUM) != 0;
        fh->has_model = (flags & HUFF_FLAG_MODEL) != 0;
        fh->model_id = fh->has_model ? load_le32(src + 9) : 0;
        fh->content_size = HUFF_CONTENT_SIZE_UNKNOWN;
        if (vsize) {
                uint64_t v;

                FAIL_IF(huff_varint_read(src + pos, vsize, &v) != vsize, HUFF_ERR_FRAME_HEADER);
                FAIL_IF(v == HUFF_CONTENT_SIZE_UNKNOWN, HUFF_ERR_FRAME_HEADER);
                fh->content_size = v;
        }
        *size = pos + vsize + 2;
        return HUFF_OK;
}

size_t huff_frame_write_end(uint8_t *dst, int checksum, uint64_t digest)
{
        dst[0] = HUFF_TAG_END;
        if (!checksum)
                return 1;
        store_le32(dst + 1, (uint32_t)digest);
        return HUFF_END_SIZE;
}
