/*
 * frame.h - frame headers, end mark, checks and varints (FORMAT.md 1, 3)
 */
#ifndef HUFF_FRAME_H
#define HUFF_FRAME_H

#include "format.h"

struct huff_frame_header {
        uint32_t block_size;            /* largest decoded size of a block */
        uint64_t content_size;          /* or HUFF_CONTENT_SIZE_UNKNOWN */
        int checksum;                   /* the end mark carries a checksum */
        int has_model;
        uint32_t model_id;              /* if has_model */
        unsigned version;               /* format version (HUFF_FORMAT_V1 or
                                           V2), parsed and written */
};

/* huff_frame_write_header - write a frame header to dst (room for
 * HUFF_FRAME_HEADER_MAX bytes); returns its size. */
size_t huff_frame_write_header(uint8_t *dst, const struct huff_frame_header *fh);

/*
 * huff_frame_parse_header - parse a frame header from src[0..n).
 * HUFF_OK: *fh filled and *size is the header's length.
 * HUFF_ERR_TRUNCATED: more bytes are needed; *size is how many in total are
 * needed to go on (a lower bound), always > n.
 * Other errors: HUFF_ERR_BAD_MAGIC, HUFF_ERR_VERSION, HUFF_ERR_FRAME_HEADER.
 */
enum huff_status huff_frame_parse_header(const uint8_t *src, size_t n,
                                         struct huff_frame_header *fh,
                                         size_t *size);

/* 1 if src[0..n) could be the beginning of a frame (of the magic). */
int huff_frame_magic_prefix(const uint8_t *src, size_t n);

/* The 16-bit check of header bytes, and the 32-bit content checksum as
 * stored from a 64-bit XXH3 digest. */
uint32_t huff_frame_header_check(const uint8_t *src, size_t n);

/* huff_check_matches - 1 if a stored check or checksum equals the computed
 * one.  Always 1 in fuzzing builds (FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION),
 * so that fuzzers get past the checks to the decoders. */
int huff_check_matches(uint32_t stored, uint32_t computed);

/* Writes the end mark, with the checksum if the frame has one; returns
 * its size (1 or HUFF_END_SIZE). */
size_t huff_frame_write_end(uint8_t *dst, int checksum, uint64_t digest);

/* LEB128 varints (FORMAT.md 1): write returns the size (<= 10); read
 * returns the size, or 0 if src[0..n) does not hold a valid, minimal one. */
size_t huff_varint_write(uint8_t *dst, uint64_t v);
size_t huff_varint_read(const uint8_t *src, size_t n, uint64_t *v);

#endif
