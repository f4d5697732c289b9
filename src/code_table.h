/*
 * code_table.h - the compact form of a block's code lengths
 */
#ifndef HUFF_CODE_TABLE_H
#define HUFF_CODE_TABLE_H

#include "common.h"

/*
 * huff_table_write - serialise lens[0..256), a complete code with lengths
 * <= 15, as FORMAT.md 4.  dst needs HUFF_MAX_TABLE_SIZE + 8
 * bytes of room (the bit writer stores 8 bytes at a time).  Returns the
 * number of bytes of the table.
 */
size_t huff_table_write(const uint8_t *lens, uint8_t *dst);

/*
 * huff_table_read - parse a table from src[0..n) (n may extend past the
 * table).  On success lens[0..256) is a complete code, *longest its longest
 * length and *size the table's length in bytes.
 * Errors: HUFF_ERR_CODE_LENGTHS for any malformed or incomplete table.
 */
enum huff_status huff_table_read(const uint8_t *src, size_t n, uint8_t *lens,
                                 unsigned *longest, size_t *size);

#endif
