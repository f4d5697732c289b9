/*
 * format.h - constants of the .huf format, mirroring FORMAT.md
 *
 * Every multi-byte integer is little-endian.  Section numbers in comments
 * are FORMAT.md's numbered sections.
 */
#ifndef HUFF_FORMAT_H
#define HUFF_FORMAT_H

#include "common.h"

/* Frame header (FORMAT.md 3.1) */
#define HUFF_MAGIC0 0x89u      /* non-ASCII first byte: not mistaken for text */
#define HUFF_MAGIC1 'H'
#define HUFF_MAGIC2 'U'
#define HUFF_MAGIC3 'F'
#define HUFF_MAGIC_SIZE 4
#define HUFF_FORMAT_V1 1u             /* the block types raw .. model */
#define HUFF_FORMAT_V2 2u             /* and context blocks (FORMAT.md 9) */
#define HUFF_FORMAT_VERSION_MAX HUFF_FORMAT_V2
#define HUFF_FLAG_CONTENT_SIZE 0x01u   /* a content size varint follows */
#define HUFF_FLAG_CHECKSUM 0x02u       /* the end mark carries a checksum */
#define HUFF_FLAG_MODEL 0x04u          /* a model identifier follows */
#define HUFF_FLAGS_KNOWN (HUFF_FLAG_CONTENT_SIZE | HUFF_FLAG_CHECKSUM | HUFF_FLAG_MODEL)
/* magic, version, flags, block size (3), model id (4), content size
 * (<= 10), check (2) */
#define HUFF_FRAME_HEADER_MIN 11u
#define HUFF_FRAME_HEADER_MAX 25u
#define HUFF_VARINT_MAX 10u

/* Block header (FORMAT.md 3.2) */
#define HUFF_BLOCK_HEADER_SIZE 9u       /* tag, size-1 (3), payload (3), check (2) */
#define HUFF_TAG_TYPE_MASK 0x07u
#define HUFF_TAG_FOUR_STREAMS 0x08u
#define HUFF_TAG_END 0x07u              /* end of frame */
#define HUFF_END_SIZE 5u                /* end tag + 32-bit checksum, at most */
#define HUFF_PAYLOAD_MAX ((1u << 24) - 1)

/* Huffman payload (FORMAT.md 5) */
#define HUFF_STREAMS 4u
#define HUFF_JUMP_TABLE_SIZE 9u         /* sizes of streams 1..3, 3 bytes each */
#define HUFF_FOUR_STREAMS_MIN 16u       /* smallest block allowed 4 streams */
#define HUFF_MAX_TABLE_SIZE 240u        /* bound on a serialised code table:
                                           1 + (4 + 19*3 + 256*7 bits) / 8 */

/* Context block payload (FORMAT.md 9) */
#define HUFF_CTX_CODES_MIN 2u
#define HUFF_CTX_CODES_MAX 32u
#define HUFF_CTX_STREAMS_MAX 8u
#define HUFF_CTX_LEN_MAX 11u            /* longest codeword of its codes */
#define HUFF_CTX_DESC_STREAMS_SHIFT 5   /* desc: log2 of the stream count */
#define HUFF_CTX_DESC_RESERVED 0x80u

/* Code-length table (FORMAT.md 4) */
#define HUFF_PRECODE_SYMS 19u
#define HUFF_PRECODE_MAX_LEN 7u
#define HUFF_PRE_REPEAT 16u             /* previous length 3..6 times, 2 bits */
#define HUFF_PRE_ZEROS_SHORT 17u        /* zeros 3..10 times, 3 bits */
#define HUFF_PRE_ZEROS_LONG 18u         /* zeros 11..138 times, 7 bits */

/* Model files (FORMAT.md 8) */
#define HUFF_MODEL_MAGIC3 'M'           /* 89 48 55 4D */
#define HUFF_MODEL_VERSION 1u
/* magic, version, limit, 2 + 256 varints, 128 bytes of lengths, checksum */
#define HUFF_MODEL_FILE_MAX (4 + 1 + 1 + 258 * HUFF_VARINT_MAX + 128 + 4)

#endif
