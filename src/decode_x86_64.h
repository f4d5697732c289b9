/*
 * decode_x86_64.h - the four-stream multi-symbol fast loop in x86-64
 * assembly (decode_x86_64.c), beside its C version in block_decode.c
 *
 * Why assembly: the loop needs 15 values at once (four bit buffers, four
 * valid-bit counts, four output pointers, the table, two temporaries),
 * exactly the x86-64 registers there are besides the stack pointer.  gcc
 * spills some of them to the stack in the middle of the lookups and adds
 * register moves between the rounds; written by hand the lookups touch
 * only registers and the read positions, needed once a refill, live on
 * the stack.  Measured on the 15 MB text (README, Benchmarks): about a
 * quarter fewer instructions per byte than gcc -O2's code for the same
 * loop.
 *
 * The assembly does what decode4_multi()'s inner C loop does, round for
 * round; the C code computes how many rounds are safe and does everything
 * else.  Built on x86-64 ELF targets (LP64) with a GNU-compatible compiler
 * unless HUFF_PORTABLE is defined (make PORTABLE=1), which keeps the C
 * loop.
 */
#ifndef HUFF_DECODE_X86_64_H
#define HUFF_DECODE_X86_64_H

#include "common.h"

/* __LP64__: not x32, whose pointers are 4 bytes (the offsets below). */
#if defined(__x86_64__) && defined(__LP64__) && defined(__GNUC__) && \
    defined(__ELF__) && !defined(HUFF_PORTABLE)
#  define HUFF_DECODE_X86_64 1
#else
#  define HUFF_DECODE_X86_64 0
#endif

/* The loop's state; the assembly knows these offsets (checked below). */
struct huff_fast4 {
        uint64_t bits[4];               /*   0: bit buffers */
        uint8_t *op[4];                 /*  32: output positions */
        const uint8_t *next[4];         /*  64: read positions */
        const uint32_t *table;          /*  96: multi-symbol entries */
        size_t rounds;                  /* 104: rounds to run, >= 1 */
        uint32_t avail[4];              /* 112: valid bits (low 6 bits) */
};

#if HUFF_DECODE_X86_64
_Static_assert(offsetof(struct huff_fast4, op) == 32, "asm offsets");
_Static_assert(offsetof(struct huff_fast4, next) == 64, "asm offsets");
_Static_assert(offsetof(struct huff_fast4, table) == 96, "asm offsets");
_Static_assert(offsetof(struct huff_fast4, rounds) == 104, "asm offsets");
_Static_assert(offsetof(struct huff_fast4, avail) == 112, "asm offsets");

/*
 * Run f->rounds rounds: refill the four streams, then five lookups in each,
 * in a table of 2^11 (or 2^8) entries.  The caller has checked that every
 * read and write stays inside the block (safe_rounds(), room_rounds()).
 */
void huff_decode4_multi_x86_64_11(struct huff_fast4 *f);
void huff_decode4_multi_x86_64_8(struct huff_fast4 *f);
#endif

#endif
