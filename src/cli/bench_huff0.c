/*
 * bench_huff0.c - zstd's Huffman coder huff0 as a coder of huff bench
 * --speed, when the build was given zstd's sources (make HUFF0_SRC=DIR)
 *
 * huff0 (lib/common/huf.h) is not part of libzstd's public API, so it is
 * built from a zstd source tree's lib/ folder, with these calls compiled
 * against that tree's own headers (-DHUFF_HAVE_HUFF0, the Makefile).  It is
 * used as zstd uses it for literals, and as the reference huf0bench does:
 * the input cut into 128 KiB blocks (HUF_BLOCKSIZE_MAX), each coded alone
 * by HUF_compress4X_repeat() with a table of its own (HUF_repeat_none),
 * 4 streams, table log 11 (HUF_TABLELOG_DEFAULT), and decoded by
 * HUF_decompress4X_hufOnly_wksp(), zstd's choice of its single- or
 * double-symbol decoder, its BMI2 assembly loop when the CPU has BMI2.
 *
 * huff0 has no frame: each block is written behind 8 bytes, its coded size
 * and its size (32 bits each, little-endian), the coded size 0 for a block
 * stored as it is (huff0 returns 0 for a block it cannot shrink and 1 for
 * a block of one byte value; zstd would write those raw or RLE).  So
 * huff0's sizes include 8 bytes a block, and no checksum.
 *
 * Without HUFF_HAVE_HUFF0 only bench_huff0_built() is of use: it says no.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "bench.h"

#ifdef HUFF_HAVE_HUFF0

#define HUF_STATIC_LINKING_ONLY
#include "zstd.h"               /* ZSTD_VERSION_STRING */
#include "common/cpu.h"         /* ZSTD_cpuid_bmi2() */
#include "common/error_private.h"
#include "common/huf.h"

#define BLOCK_BYTES ((size_t)HUF_BLOCKSIZE_MAX)
#define BLOCK_HEADER_BYTES 8
/* huf0bench's decoding table: HUF_CREATE_STATIC_DTABLEX1(dt, 12), room
 * for an 11-bit table, its first word the room it has. */
#define DTABLE_LOG 11

struct bench_huff0 {
        U64 cwork[HUF_WORKSPACE_SIZE_U64];
        HUF_CElt ctable[HUF_CTABLE_SIZE_ST(HUF_SYMBOLVALUE_MAX)];
        U32 dwork[HUF_DECOMPRESS_WORKSPACE_SIZE_U32];
        HUF_DTable dtable[HUF_DTABLE_SIZE(DTABLE_LOG)];
        int flags;
};

bool bench_huff0_built(void)
{
        return true;
}

const char *bench_huff0_version(void)
{
        return ZSTD_VERSION_STRING;
}

struct bench_huff0 *bench_huff0_new(void)
{
        struct bench_huff0 *h = calloc(1, sizeof(*h));

        if (!h)
                return NULL;
        h->dtable[0] = (U32)DTABLE_LOG * 0x01000001u;
        h->flags = ZSTD_cpuid_bmi2(ZSTD_cpuid()) ? HUF_flags_bmi2 : 0;
        return h;
}

void bench_huff0_free(struct bench_huff0 *h)
{
        free(h);
}

bool bench_huff0_bmi2(const struct bench_huff0 *h)
{
        return (h->flags & HUF_flags_bmi2) != 0;
}

size_t bench_huff0_bound(size_t n)
{
        size_t blocks = n / BLOCK_BYTES + 1;

        return blocks * (BLOCK_HEADER_BYTES + HUF_COMPRESSBOUND(BLOCK_BYTES));
}

static void put32(unsigned char *p, size_t v)
{
        p[0] = (unsigned char)v;
        p[1] = (unsigned char)(v >> 8);
        p[2] = (unsigned char)(v >> 16);
        p[3] = (unsigned char)(v >> 24);
}

static size_t get32(const unsigned char *p)
{
        return (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 |
               (size_t)p[3] << 24;
}

int bench_huff0_compress(struct bench_huff0 *h, unsigned char *dst, size_t cap,
                         size_t *size, const unsigned char *src, size_t n)
{
        size_t i, o = 0;

        for (i = 0; i < n; i += BLOCK_BYTES) {
                size_t len = n - i < BLOCK_BYTES ? n - i : BLOCK_BYTES;
                HUF_repeat rep = HUF_repeat_none;
                size_t c;

                if (cap - o < BLOCK_HEADER_BYTES + len)
                        return -1;
                c = HUF_compress4X_repeat(dst + o + BLOCK_HEADER_BYTES,
                                          cap - o - BLOCK_HEADER_BYTES, src + i, len,
                                          HUF_SYMBOLVALUE_MAX, HUF_TABLELOG_DEFAULT,
                                          h->cwork, sizeof(h->cwork), h->ctable, &rep,
                                          h->flags);
                if (ERR_isError(c))
                        return -1;
                if (c <= 1) {
                        memcpy(dst + o + BLOCK_HEADER_BYTES, src + i, len);
                        c = 0;
                }
                put32(dst + o, c);
                put32(dst + o + 4, len);
                o += BLOCK_HEADER_BYTES + (c ? c : len);
        }
        *size = o;
        return 0;
}

int bench_huff0_decompress(struct bench_huff0 *h, unsigned char *dst, size_t cap,
                           size_t *size, const unsigned char *src, size_t n)
{
        size_t i = 0, o = 0;

        while (i < n) {
                size_t c, len, stored;

                if (n - i < BLOCK_HEADER_BYTES)
                        return -1;
                c = get32(src + i);
                len = get32(src + i + 4);
                i += BLOCK_HEADER_BYTES;
                stored = c ? c : len;
                if (len > BLOCK_BYTES || stored > n - i || len > cap - o)
                        return -1;
                if (c == 0) {
                        memcpy(dst + o, src + i, len);
                } else {
                        size_t r = HUF_decompress4X_hufOnly_wksp(h->dtable, dst + o, len,
                                                                 src + i, c, h->dwork,
                                                                 sizeof(h->dwork), h->flags);

                        if (ERR_isError(r) || r != len)
                                return -1;
                }
                i += stored;
                o += len;
        }
        *size = o;
        return 0;
}

#else /* !HUFF_HAVE_HUFF0 */

bool bench_huff0_built(void)
{
        return false;
}

const char *bench_huff0_version(void)
{
        return NULL;
}

struct bench_huff0 *bench_huff0_new(void)
{
        return NULL;
}

void bench_huff0_free(struct bench_huff0 *h)
{
        (void)h;
}

bool bench_huff0_bmi2(const struct bench_huff0 *h)
{
        (void)h;
        return false;
}

size_t bench_huff0_bound(size_t n)
{
        (void)n;
        return 0;
}

/* Both directions fail alike without huff0. */
static int not_built(struct bench_huff0 *h, unsigned char *dst, size_t cap, size_t *size,
                     const unsigned char *src, size_t n)
{
        (void)h;
        (void)dst;
        (void)cap;
        (void)src;
        (void)n;
        *size = 0;
        return -1;
}

int bench_huff0_compress(struct bench_huff0 *h, unsigned char *dst, size_t cap,
                         size_t *size, const unsigned char *src, size_t n)
{
        return not_built(h, dst, cap, size, src, n);
}

int bench_huff0_decompress(struct bench_huff0 *h, unsigned char *dst, size_t cap,
                           size_t *size, const unsigned char *src, size_t n)
{
        return not_built(h, dst, cap, size, src, n);
}

#endif /* HUFF_HAVE_HUFF0 */
