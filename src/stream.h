/*
 * stream.h - private calls into the streaming encoder (encoder.c) and
 * decoder (decoder.c), for the one-shot calls and the reports
 */
#ifndef HUFF_STREAM_H
#define HUFF_STREAM_H

#include "common.h"

/*
 * huff_stream_encoder_create - huff_encoder_create() with buffers for at
 * most buf_size bytes: a one-shot call with a small input needs no
 * segment-sized buffers.  The output is the same as with full buffers as
 * long as no more than buf_size bytes are fed in all.  p has been checked.
 */
enum huff_status huff_stream_encoder_create(struct huff_encoder **e,
                                            const struct huff_params *p,
                                            size_t buf_size);

/* *out = *p, or the defaults where p is NULL, checked (huff_params_check()). */
enum huff_status huff_params_or_defaults(struct huff_params *out, const struct huff_params *p);

/* Decoded bytes held back because the output had no room for them. */
size_t huff_stream_decoder_pending(const struct huff_decoder *d);

/*
 * huff_stream_decoder_on_block - have fn called after each block is decoded,
 * with its type and decoded bytes (for huff_report_encoding()).
 */
typedef void (*huff_block_hook)(void *ctx, enum huff_block_type type,
                                const uint8_t *data, size_t size);
void huff_stream_decoder_on_block(struct huff_decoder *d, huff_block_hook fn, void *ctx);

#endif
