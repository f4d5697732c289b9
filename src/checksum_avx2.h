/*
 * checksum_avx2.h - the AVX2 build of the checksum update (checksum_avx2.c)
 *
 * Apart from checksum.h, which includes xxhash.h for the library's build:
 * checksum_avx2.c includes xxhash.h inlined (XXH_INLINE_ALL) instead, and
 * needs nothing else of the checksum's.
 */
#ifndef HUFF_CHECKSUM_AVX2_H
#define HUFF_CHECKSUM_AVX2_H

#include <stddef.h>

/* XXH3_64bits_update() with AVX2: returns 0 without touching the state when
 * it is not built in (HUFF_PORTABLE, not x86-64) or the CPU lacks AVX2, else
 * updates it and returns 1.  The state is an XXH3_state_t passed as void *:
 * the inlined xxhash.h renames the type, not its layout. */
int huff_checksum_update_avx2(void *state, const void *src, size_t n);

#endif
