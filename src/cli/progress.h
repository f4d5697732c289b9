/*
 * progress.h - the one-line progress display of huff on a terminal
 *
 * As zstd's: for a large input (over 64 MiB, or HUFF_PROGRESS_MIN_BYTES),
 * when standard error is a terminal, a line "huff: NAME: 42%  118 MiB
 * 623.5 MB/s  ratio 57.3%" redrawn in place a few times a second, erased
 * when the file is done and before any message.  Never in a pipe or a log.
 * There is one display at a time: the state is static.
 */
#ifndef HUFF_CLI_PROGRESS_H
#define HUFF_CLI_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

/*
 * progress_begin - get ready for one input.  allowed: neither -q nor an
 * output on the terminal forbids it (standard error being a terminal is
 * checked here).  input_size: the input's size when known, else
 * UINT64_MAX; compressing says which side is the uncompressed one.
 */
void progress_begin(const char *name, uint64_t input_size, bool compressing,
                    bool allowed);

/*
 * progress_update - in_bytes read and out_bytes written so far.  Called
 * once per I/O buffer; costs a clock read, and draws only when the last
 * drawing is 200 ms old.  ctx is unused (the fio_coder callback's).
 */
void progress_update(void *ctx, uint64_t in_bytes, uint64_t out_bytes);

/* progress_end - erase the line, if one is shown; the display is off until
 * the next progress_begin(). */
void progress_end(void);

/* progress_clear - erase the line, if one is shown (before a message). */
void progress_clear(void);

/* progress_clear_signal - the same from a signal handler: write() only. */
void progress_clear_signal(void);

#endif /* HUFF_CLI_PROGRESS_H */
