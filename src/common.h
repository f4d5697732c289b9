/*
 * common.h - compiler and endian helpers shared by every stage
 *
 * Loads and stores go through memcpy: compilers turn it into one unaligned
 * move on x86 and ARMv8, and it is defined behaviour everywhere.  Byte order
 * is fixed little-endian in the format; a big-endian host swaps.
 */
#ifndef HUFF_COMMON_H
#define HUFF_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "huff.h"

#define HUFF_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__) || defined(__clang__)
#  define HUFF_LIKELY(x)   __builtin_expect(!!(x), 1)
#  define HUFF_UNLIKELY(x) __builtin_expect(!!(x), 0)
#  define HUFF_INLINE      static inline __attribute__((always_inline))
#  define HUFF_NOINLINE    __attribute__((noinline))
#else
#  define HUFF_LIKELY(x)   (x)
#  define HUFF_UNLIKELY(x) (x)
#  define HUFF_INLINE      static inline
#  define HUFF_NOINLINE
#endif

/* Internal invariants: checked in test builds (HUFF_DEBUG), free otherwise.
 * Never used for properties of input data: those are errors, not asserts. */
#ifdef HUFF_DEBUG
#  include <assert.h>
#  define HUFF_ASSERT(c) assert(c)
#else
#  define HUFF_ASSERT(c) ((void)0)
#endif

/* Forward a failure. */
#define TRY(e) do { enum huff_status s_ = (e); if (s_ != HUFF_OK) return s_; } while (0)
/* Reject input that breaks the format with a specific code. */
#define FAIL_IF(c, code) do { if (HUFF_UNLIKELY(c)) return (code); } while (0)
#define CORRUPT_IF(c) FAIL_IF(c, HUFF_ERR_CORRUPT)

#define HUFF_MIN(a, b) ((a) < (b) ? (a) : (b))
#define HUFF_MAX(a, b) ((a) > (b) ? (a) : (b))

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#  define HUFF_BIG_ENDIAN 1
#else
#  define HUFF_BIG_ENDIAN 0
#endif

HUFF_INLINE uint64_t huff_bswap64(uint64_t v)
{
#if defined(__GNUC__) || defined(__clang__)
        return __builtin_bswap64(v);
#else
        v = ((v & 0x00ff00ff00ff00ffull) << 8) | ((v >> 8) & 0x00ff00ff00ff00ffull);
        v = ((v & 0x0000ffff0000ffffull) << 16) | ((v >> 16) & 0x0000ffff0000ffffull);
        return (v << 32) | (v >> 32);
#endif
}

HUFF_INLINE uint64_t load_le64(const uint8_t *p)
{
        uint64_t v;
        memcpy(&v, p, 8);
        return HUFF_BIG_ENDIAN ? huff_bswap64(v) : v;
}

HUFF_INLINE void store_le64(uint8_t *p, uint64_t v)
{
        if (HUFF_BIG_ENDIAN)
                v = huff_bswap64(v);
        memcpy(p, &v, 8);
}

/* The number of leading zero bits of v, which is not 0. */
HUFF_INLINE unsigned huff_clz64(uint64_t v)
{
#if defined(__GNUC__) || defined(__clang__)
        return (unsigned)__builtin_clzll(v);
#else
        unsigned n = 0;

        for (; !(v >> 63); v <<= 1)
                n++;
        return n;
#endif
}

/* Small fields of headers: byte by byte, no alignment or width concerns. */
HUFF_INLINE uint32_t load_le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
HUFF_INLINE uint32_t load_le24(const uint8_t *p) { return load_le16(p) | (uint32_t)p[2] << 16; }
HUFF_INLINE uint32_t load_le32(const uint8_t *p) { return load_le24(p) | (uint32_t)p[3] << 24; }

HUFF_INLINE void store_le16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
HUFF_INLINE void store_le24(uint8_t *p, uint32_t v) { store_le16(p, v); p[2] = (uint8_t)(v >> 16); }
HUFF_INLINE void store_le32(uint8_t *p, uint32_t v) { store_le24(p, v); p[3] = (uint8_t)(v >> 24); }

/* Each byte value with its 8 bits reversed (canonical.c). */
extern const uint8_t huff_rev8[256];

/* Reverse the low n bits of v (n <= 16): codewords are stored LSB first.
 * Two table loads, no loop: the multi-symbol decode table reverses an
 * index per range it fills, hundreds a block. */
HUFF_INLINE uint32_t huff_bitrev(uint32_t v, unsigned n)
{
        return ((uint32_t)huff_rev8[v & 0xff] << 8 | huff_rev8[v >> 8 & 0xff]) >> (16 - n);
}

#endif /* HUFF_COMMON_H */
