/*
 * checksum_avx2.c - XXH3-64's streaming update built for AVX2
 *
 * The Makefile compiles this file, and only this one, with -mavx2 on
 * x86-64: xxhash.h then picks its AVX2 accumulator, inlined here
 * (XXH_INLINE_ALL: static copies, which cannot clash with the library's
 * symbols).  Nothing here runs unless the CPU says it has AVX2; the check
 * is libgcc's, which also asks the OS whether it saves the YMM registers.
 */
#include "checksum_avx2.h"

#if defined(__AVX2__) && defined(__x86_64__) && defined(__GNUC__) && !defined(HUFF_PORTABLE)

#define XXH_INLINE_ALL
#define XXH_VECTOR XXH_AVX2
#include <xxhash.h>

int huff_checksum_update_avx2(void *state, const void *src, size_t n)
{
        if (!__builtin_cpu_supports("avx2"))
                return 0;
        /* The library's XXH3_state_t, from the same header: one layout. */
        (void)XXH3_64bits_update((XXH3_state_t *)state, src, n);
        return 1;
}

#else

int huff_checksum_update_avx2(void *state, const void *src, size_t n)
{
        (void)state;
        (void)src;
        (void)n;
        return 0;
}

#endif
