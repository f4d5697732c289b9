/*
 * ctx_writer.h - context block payloads (FORMAT.md 9.1) written on the
 * test side, from a model the test chooses, for the decoder's tests and
 * the fuzzers' seeds
 *
 * Written from FORMAT.md, apart from the library's own context encoder, so
 * that the decoder is tested against the spec and not against whatever
 * that encoder happens to write: any map (the library's clustering never
 * makes some of them), any start contexts, maps written with explicit code
 * numbers where a repeat would do, and the payload in pieces for tests
 * that damage one.  Uses only the library's lower layers (code lengths,
 * canonical codes, tables, the bit writer) and not Check, so that
 * tests/fuzz/gen_seeds.c can use it too.
 */
#ifndef HUFF_CTX_WRITER_H
#define HUFF_CTX_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"

struct ctx_model {
        unsigned codes;                         /* K, 2..32 */
        unsigned streams;                       /* S: 1, 2, 4 or 8 */
        int explicit_map;                       /* every context's code
                                                   written out */
        uint8_t map[256];                       /* context -> code */
        uint8_t start[HUFF_CTX_STREAMS_MAX];    /* start contexts */
        uint8_t lens[HUFF_CTX_CODES_MAX][256];  /* each code's lengths */
};

/* Maps for codes codes (each code named by some context): c % codes; the
 * classes of ASCII (lower case, upper case, digits, space, punctuation,
 * the rest), folded onto codes; the codes - 1 most frequent bytes of
 * src[0..n) a code each and the rest the last. */
void ctx_map_mod(uint8_t map[256], unsigned codes);
void ctx_map_classes(uint8_t map[256], unsigned codes);
void ctx_map_frequent(uint8_t map[256], unsigned codes, const uint8_t *src, size_t n);

/*
 * ctx_model_fit - m->lens from the pairs of src[0..n) as m's streams see
 * them (each stream's first byte after its start context), for m->codes,
 * m->streams, m->map and m->start as set: optimal lengths of at most
 * max_len (1..11, 2^max_len >= the byte values), a code that would have
 * fewer than two symbols given unused ones, so that every code is
 * complete.  Needs m->streams^2 <= n.
 */
void ctx_model_fit(struct ctx_model *m, const uint8_t *src, size_t n, unsigned max_len);

/* Room for the payload of n bytes under any model of lengths <= 11, with
 * the 8 bytes of slack the bit writer needs. */
size_t ctx_payload_room(size_t n);

/* Where the pieces of a payload went (offsets in bytes), for tests that
 * damage one. */
struct ctx_layout {
        size_t map, tables, starts, jumps, streams, end;
        size_t map_bits;                        /* before the padding */
        size_t stream_size[HUFF_CTX_STREAMS_MAX];
        size_t stream_bits[HUFF_CTX_STREAMS_MAX];       /* before the padding */
};

/*
 * The pieces of a payload, each at dst with 8 bytes of slack past it;
 * each returns its size in bytes.  ctx_write_map writes map[] for codes
 * codes as explicit_map says, code numbers as given (even >= codes, if they
 * fit in the field), and *bits, its size in bits before the padding.
 * ctx_write_tables writes m's codes' tables (FORMAT.md 4.1).
 * ctx_write_streams writes starts, jumps and the streams of src[0..n), and
 * each stream's size and bits in *lay if not NULL (its offsets from dst).
 */
size_t ctx_write_map(const uint8_t map[256], unsigned codes, int explicit_map,
                     uint8_t *dst, size_t *bits);
size_t ctx_write_tables(const struct ctx_model *m, uint8_t *dst);
size_t ctx_write_streams(const struct ctx_model *m, const uint8_t *src, size_t n,
                         uint8_t *dst, struct ctx_layout *lay);

/* The desc byte of a payload of codes codes and streams streams. */
uint8_t ctx_desc(unsigned codes, unsigned streams);

/* ctx_payload_write - the whole payload of src[0..n) under m at dst
 * (ctx_payload_room(n) bytes), its pieces' places in *lay if not NULL;
 * returns its size. */
size_t ctx_payload_write(const struct ctx_model *m, const uint8_t *src, size_t n,
                         uint8_t *dst, struct ctx_layout *lay);

#endif
