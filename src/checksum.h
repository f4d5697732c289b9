/*
 * checksum.h - the content checksum's streaming update: XXH3-64, with an
 * AVX2 build of the same function chosen at run time
 *
 * Why not libxxhash's XXH3_64bits_update alone: Debian's static libxxhash
 * is built for the baseline x86-64 (SSE2), about 20 GB/s here; its AVX2
 * dispatch exists only in the shared library.  At 20 GB/s the checksum is
 * 6% of compression time and 10% of decompression time on the 15 MB text
 * (huff bench, "+check" against the coder alone), and when decoding with
 * threads it runs on the caller, in order, beside reading.  The AVX2 build
 * (checksum_avx2.c, compiled with -mavx2) runs at about 40 GB/s.
 *
 * Both compute XXH3-64 exactly (tests/unit/test_checksum.c checks them
 * against the library's one-shot XXH3_64bits), on the same XXH3_state_t:
 * reset and digest stay the library's.
 */
#ifndef HUFF_CHECKSUM_H
#define HUFF_CHECKSUM_H

#include <stddef.h>

#define XXH_STATIC_LINKING_ONLY         /* XXH3_state_t's size */
#include <xxhash.h>

/* XXH3_64bits_update(state, src, n), with AVX2 when the CPU has it. */
void huff_checksum_update(XXH3_state_t *state, const void *src, size_t n);

/* The library's build, for the test; the AVX2 one is checksum_avx2.h's. */
void huff_checksum_update_generic(XXH3_state_t *state, const void *src, size_t n);

#endif
