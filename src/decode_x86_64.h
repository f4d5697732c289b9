/*
 * decode_x86_64.h - the four-stream multi-symbol fast loop in x86-64
 * assembly (decode_x86_64.c), beside its C version in huffman_decode.c
 *
 * Why assembly: the loop needs 15 values at once (four bit buffers, four
 * read positions, four output pointers, the table, two temporaries),
 * exactly the x86-64 registers there are besides the stack pointer.  gcc
 * spills some of them to the stack in the middle of the lookups and adds
 * register moves between the rounds; written by hand everything stays in
 * registers.  Keeping a sentinel bit in each word, rather than a count
 * of valid bits, frees the registers for the read positions: a refill
 * learns how many bits were used from lzcnt, and a lookup is a shift, a
 * load and a store with no counter to update.  Measured with callgrind
 * on book1 (768 KB of text), the loop takes 3.69M instructions, against
 * 4.30M for the same loop with bit counts; with the C loop built by
 * gcc 12 -O2 (make PORTABLE=1) the decoding function takes 5.2M.
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

/*
 * The loop's state; the assembly knows these offsets (checked below).
 * Each stream is a read position p, where an 8-byte load is allowed, and
 * bits = (load64(p) | 1 << 63) >> used: the unread bits from p on, then
 * the sentinel bit, so that the count of bits used since p is the
 * word's leading zeros (at most 62 at a reload: up to 7 after one, and 5
 * lookups of at most 11 bits).
 */
struct huff_fast4 {
        uint64_t bits[4];               /*   0: words with their sentinel */
        uint8_t *op[4];                 /*  32: output positions */
        const uint8_t *next[4];         /*  64: read positions p */
        const uint32_t *table;          /*  96: multi-symbol entries */
        size_t rounds;                  /* 104: rounds to run, >= 1 */
};

#if HUFF_DECODE_X86_64
_Static_assert(offsetof(struct huff_fast4, op) == 32, "asm offsets");
_Static_assert(offsetof(struct huff_fast4, next) == 64, "asm offsets");
_Static_assert(offsetof(struct huff_fast4, table) == 96, "asm offsets");
_Static_assert(offsetof(struct huff_fast4, rounds) == 104, "asm offsets");

/*
 * Run f->rounds rounds: refill the four streams, then five lookups in each,
 * in a table of 2^11 (or 2^8) entries.  The caller has checked that every
 * read and write stays inside the block (safe_rounds(), room_rounds()).
 */
void huff_decode4_multi_x86_64_11(struct huff_fast4 *f);
void huff_decode4_multi_x86_64_8(struct huff_fast4 *f);
/* The same where the CPU has no lzcnt (bsr instead, a little slower). */
void huff_decode4_multi_x86_64_11_bsr(struct huff_fast4 *f);
void huff_decode4_multi_x86_64_8_bsr(struct huff_fast4 *f);

/* Whether the CPU has lzcnt (cpuid), cached in huff_x86_64_lzcnt after the
 * first call: -1 until then, and tests set it to 0 to run the bsr loops. */
extern int huff_x86_64_lzcnt;
int huff_x86_64_has_lzcnt(void);
#endif

#endif
