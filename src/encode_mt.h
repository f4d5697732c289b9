/*
 * encode_mt.h - segments coded on worker threads, written out in order
 */
#ifndef HUFF_ENCODE_MT_H
#define HUFF_ENCODE_MT_H

#include "common.h"

struct huff_enc_mt;

/*
 * huff_enc_mt_create - threads >= 2 threads coding segments with p (checked).
 * Memory: threads + 2 slots of a segment in and its coded bytes out, and a
 * splitter's scratch per thread at levels 7 to 9.
 * Errors: HUFF_ERR_NOMEM.
 */
enum huff_status huff_enc_mt_create(struct huff_enc_mt **m, const struct huff_params *p,
                                    unsigned threads);

/* huff_enc_mt_free - wait for the jobs running, release m; NULL: no-op. */
void huff_enc_mt_free(struct huff_enc_mt *m);

/* huff_enc_mt_reset - wait for the jobs running and drop every segment:
 * ready for a new frame. */
void huff_enc_mt_reset(struct huff_enc_mt *m);

/*
 * huff_enc_mt_version - the frame's format version, which its first
 * segment decides: 0 while that is not coded (wait: wait for it, unless
 * there is none yet).  Once it is known, segments are written out in it.
 */
unsigned huff_enc_mt_version(struct huff_enc_mt *m, int wait);

/*
 * huff_enc_mt_put - take up to n bytes of input, in order; each segment
 * filled goes to the threads.  Returns the count taken: fewer than n when
 * every slot is busy (huff_enc_mt_drain() frees them).
 */
size_t huff_enc_mt_put(struct huff_enc_mt *m, const uint8_t *src, size_t n);

/* huff_enc_mt_flush - send the last, partial segment (end of the frame). */
void huff_enc_mt_flush(struct huff_enc_mt *m);

/*
 * huff_enc_mt_drain - move coded segments to out, in input order, as far as
 * out has room.  wait: if the oldest segment is not coded yet, wait for it
 * (running queued segments meanwhile) rather than return.  Returns 1 when
 * every segment sent has been written out.
 */
int huff_enc_mt_drain(struct huff_enc_mt *m, struct huff_outbuf *out, int wait);

/* huff_enc_mt_pending - bytes taken but not yet written out: coded bytes
 * where known, else the input's size (an upper bound of what is left). */
size_t huff_enc_mt_pending(const struct huff_enc_mt *m);

#endif
