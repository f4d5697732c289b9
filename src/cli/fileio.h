/*
 * fileio.h - file handling of the huff program: safe output, signals, and
 * streaming through the library's encoder and decoder
 *
 * Nothing here prints: failures come back as errno values or as a struct
 * fio_result, and file_checks.c words the messages.
 */
#ifndef HUFF_CLI_FILEIO_H
#define HUFF_CLI_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "huff.h"

/* Bytes per read and per output buffer, for coding and for huff train's
 * counting: 256 KiB, twice the default block, so that a whole block comes
 * in one read. */
#define FIO_CHUNK_BYTES (256u << 10)

/*
 * fio_signals_install - on SIGINT, SIGTERM and SIGHUP, remove the temporary
 * output file (if one is open) and die of the signal.  A signal that is
 * ignored on entry stays ignored (nohup, background jobs of a shell without
 * job control), as gzip does.
 */
void fio_signals_install(void);

/* fio_read - read(), retried on EINTR.  Returns the count, 0 at end of
 * file, -1 with errno set. */
ssize_t fio_read(int fd, void *buf, size_t n);

/* fio_write_all - write all n bytes despite short writes and EINTR.
 * Returns 0, or -1 with errno set. */
int fio_write_all(int fd, const void *buf, size_t n);

/*
 * The temporary output file.  There is at most one at a time; its path is
 * kept where the signal handler can find it.
 *
 * fio_tmp_open - create "<dest>.huftmp.XXXXXX" (or ".huftmp.XXXXXX" in
 * dest's directory if that name is too long) with mode 0600.  Returns its
 * descriptor, or -1 with errno set.
 */
int fio_tmp_open(const char *dest);

/*
 * fio_tmp_commit - give the temporary file the permission bits, owner (when
 * allowed) and, if with_times, the access and modification times of
 * *attrs, or if attrs is NULL the mode a new file would get (0666 less the
 * umask); close it and rename it to dest.  Without with_times the file
 * keeps the times of its writing.  Returns 0, or -1 with errno set and *what naming the
 * step that failed; the temporary file is removed either way.
 */
int fio_tmp_commit(const char *dest, const struct stat *attrs, bool with_times,
                   const char **what);

/* fio_tmp_discard - close and remove the temporary file, if any. */
void fio_tmp_discard(void);

/* Buffers and library contexts, kept from one file to the next. */
struct fio_coder {
        struct huff_params params;      /* params.model: the model to encode
                                           with, and the one the decoder is
                                           given (NULL: none) */
        struct huff_encoder *enc;       /* created on first use */
        struct huff_decoder *dec;       /* created on first use */
        bool skim_model_frames;         /* decoding: frames needing a model
                                           the coder lacks are read by their
                                           headers alone, not refused
                                           (huff_decoder_skim_model_frames()) */
        unsigned char *in;
        unsigned char *out;
        /* NULL, or called after each buffer with the bytes read and
         * written (decoded, when only testing) so far: the progress line */
        void (*progress)(void *ctx, uint64_t in_bytes, uint64_t out_bytes);
        void *progress_ctx;
        /* fio_decode: an input that is not a frame from its first byte on
         * (or is empty) is copied to the output unchanged, as gzip -dcf
         * does; one that starts like a frame is decoded, errors and all */
        bool pass_plain;
};

/* fio_coder_init - allocate the buffers.  Returns 0, or -1 (ENOMEM). */
int fio_coder_init(struct fio_coder *c, const struct huff_params *p);
void fio_coder_free(struct fio_coder *c);

enum fio_failure {
        FIO_OK = 0,
        FIO_READ,               /* reading the input failed: err */
        FIO_WRITE,              /* writing the output failed: err */
        FIO_CODEC,              /* the library reported status */
};

struct fio_result {
        enum fio_failure failure;
        int err;                        /* errno, for FIO_READ/FIO_WRITE */
        enum huff_status status;        /* for FIO_CODEC */
        bool trailing;                  /* decoding succeeded, but bytes that
                                           are not a frame follow (ignored) */
        bool passed;                    /* pass_plain: copied, not decoded */
        uint64_t in_bytes;              /* read from the input */
        uint64_t out_bytes;             /* written to the output */
        struct huff_stats stats;        /* decoding: the decoder's counts */
        uint32_t model_wanted;          /* decoding: the model identifier of
                                           the last frame header that named
                                           one (huff_decoder_model_wanted());
                                           meaningful after the MODEL errors,
                                           or after success with a model */
};

/*
 * fio_encode - compress in_fd into one frame written to out_fd.
 * content_size is the exact number of bytes in_fd will give, or
 * HUFF_CONTENT_SIZE_UNKNOWN; if in_fd then gives another number, the result
 * is FIO_CODEC with HUFF_ERR_CONTENT_SIZE.
 */
void fio_encode(struct fio_coder *c, int in_fd, int out_fd,
                uint64_t content_size, struct fio_result *r);

/*
 * fio_decode - decode every frame of in_fd to out_fd, or only check them
 * if out_fd is -1 (or, with c->pass_plain, copy what is not a frame).  Decoded bytes are written before the checksum that
 * covers them has been read: on failure, out_fd has unconfirmed data.
 */
void fio_decode(struct fio_coder *c, int in_fd, int out_fd,
                struct fio_result *r);

/*
 * fio_read_all - the whole of path ("-": stdin) into a malloc'd *buf, its
 * size in *n.  Returns 0, or an errno value (then *buf is NULL).
 */
int fio_read_all(const char *path, unsigned char **buf, size_t *n);

/*
 * fio_load_model - the model file path ("-": stdin) as a model.  Reads no
 * more than a model file can hold (huff_model_save_bound() + 1 bytes), so
 * naming a large data file by mistake costs nothing.  Returns 0 with *s
 * HUFF_OK and *m set, or with *s the library's error (HUFF_ERR_BAD_MAGIC:
 * not a model file) and *m NULL; or an errno value if path cannot be read.
 */
int fio_load_model(const char *path, struct huff_model **m, enum huff_status *s);

#endif /* HUFF_CLI_FILEIO_H */
