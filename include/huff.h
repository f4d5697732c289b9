/*
 * huff.h - the public API of libhuff, a canonical length-limited Huffman coder
 *
 * Introduction
 * ------------
 * libhuff compresses bytes with a static Huffman code per block and wraps the
 * blocks in the .huf frame described in FORMAT.md.  It offers:
 *
 *   - one-shot calls (huff_compress(), huff_decompress()) for whole buffers;
 *   - streaming encoders and decoders (huff_encoder_*, huff_decoder_*) that
 *     hold at most a few blocks in memory whatever the length of the input.
 *
 * Conventions
 * -----------
 *   - Every function that can fail returns an enum huff_status; HUFF_OK is 0.
 *     huff_strerror() names each code.  The library never prints or exits.
 *   - Every output buffer comes with its capacity.  On failure the contents
 *     of an output buffer are unspecified, but nothing is written past its
 *     capacity.
 *   - There is no global mutable state.  Distinct contexts may be used from
 *     distinct threads at the same time; one context must not be used by two
 *     threads at once.  Functions without a context are thread-safe.
 *   - Memory is allocated only by huff_*_create(), huff_decoder_set_threads()
 *     and the one-shot calls (which create a context internally), and by
 *     huff_decoder_feed() when a frame announces a block size larger than
 *     any seen before (bounded by HUFF_BLOCK_SIZE_MAX, checked before
 *     allocating).  Threads are started only where params or
 *     huff_decoder_set_threads() ask for them (huff_params.threads).
 *   - Ownership: what a huff_*_create() or huff_model_load() makes belongs
 *     to the caller, who releases it with the matching huff_*_free().  Every
 *     buffer passed in stays the caller's; the library keeps no pointer to
 *     one after the call returns, except the model of huff_params and
 *     huff_decoder_set_model(), which must outlive its use.  Strings the
 *     library returns are static and must not be freed.
 *   - Every function declared here is exported from the shared library
 *     (HUFF_API); nothing else is.
 *
 * Versions
 * --------
 * HUFF_VERSION_* describe this header; huff_version_number() the library
 * linked, which may be newer.  The .huf format is frozen at version 1
 * (FORMAT.md): every later library decodes what this one writes.
 */
#ifndef HUFF_H
#define HUFF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* HUFF_API marks what the shared library exports: it is built with
 * -fvisibility=hidden, so that the cross-file helpers stay private. */
#ifndef HUFF_API
#if defined(__GNUC__) && __GNUC__ >= 4
#define HUFF_API __attribute__((visibility("default")))
#else
#define HUFF_API
#endif
#endif

#define HUFF_VERSION_MAJOR 0
#define HUFF_VERSION_MINOR 3
#define HUFF_VERSION_PATCH 0
#define HUFF_VERSION_NUMBER \
        (HUFF_VERSION_MAJOR * 10000 + HUFF_VERSION_MINOR * 100 + HUFF_VERSION_PATCH)
#define HUFF_VERSION_STRING "0.3.0"

/* huff_version_number - HUFF_VERSION_NUMBER of the library actually linked
 * (MAJOR * 10000 + MINOR * 100 + PATCH).  Cannot fail; thread-safe. */
HUFF_API unsigned huff_version_number(void);
/* huff_version_string - HUFF_VERSION_STRING of the library actually linked,
 * a static string (not to be freed).  Cannot fail; thread-safe. */
HUFF_API const char *huff_version_string(void);

/*
 * Status codes.  Released values never change; new codes are appended.
 */
enum huff_status {
        HUFF_OK = 0,
        HUFF_ERR_PARAM,          /* an argument is out of range or NULL */
        HUFF_ERR_DST_TOO_SMALL,  /* one-shot output capacity exhausted */
        HUFF_ERR_NOMEM,          /* an allocation failed */
        HUFF_ERR_STAGE,          /* call out of order (feed after finish...) */
        HUFF_ERR_BAD_MAGIC,      /* input is not a .huf frame */
        HUFF_ERR_VERSION,        /* frame of an unsupported format version,
                                    or with flags this version does not know */
        HUFF_ERR_FRAME_HEADER,   /* frame header fails its check or is invalid */
        HUFF_ERR_BLOCK_HEADER,   /* block header fails its check or is invalid */
        HUFF_ERR_BLOCK_SIZE,     /* block larger than the frame's block size */
        HUFF_ERR_CODE_LENGTHS,   /* code lengths invalid (over/undersubscribed) */
        HUFF_ERR_STREAM_SIZES,   /* stream sizes do not add up to the block */
        HUFF_ERR_CORRUPT,        /* compressed data inconsistent */
        HUFF_ERR_TRUNCATED,      /* input ends inside a frame */
        HUFF_ERR_CHECKSUM,       /* decoded data does not match its checksum */
        HUFF_ERR_CONTENT_SIZE,   /* decoded size differs from the frame's
                                    declared size, or encoder input differs
                                    from the pledged size */
        HUFF_ERR_TRAILING_DATA,  /* bytes after the last complete frame that do
                                    not start a frame (gzip's "trailing
                                    garbage"); all frames before were good */
        HUFF_ERR_MODEL_REQUIRED, /* the frame was made with a model and none
                                    was given (huff_decoder_model_wanted()) */
        HUFF_ERR_MODEL_MISMATCH, /* the frame was made with another model */
        HUFF_ERR_MODEL_UNUSED,   /* a model was given for a frame made
                                    without one */
        HUFF_ERR_MODEL_FILE,     /* a model file is corrupt or truncated */
        HUFF_ERR_MODEL_VERSION,  /* a model file of an unsupported version */
};

/*
 * huff_strerror - a short, constant, lower-case English description of s
 * (no trailing period), suitable for "huff: FILE: <description>".
 * Unknown values give "unknown error".  The string is static (not to be
 * freed).  Cannot fail; thread-safe.
 */
HUFF_API const char *huff_strerror(enum huff_status s);

/* Block types, as stored in the format (FORMAT.md 3.2). */
enum huff_block_type {
        HUFF_BLOCK_RAW = 0,      /* stored bytes */
        HUFF_BLOCK_RLE = 1,      /* one byte repeated */
        HUFF_BLOCK_HUFFMAN = 2,  /* carries its own code lengths */
        HUFF_BLOCK_REPEAT = 3,   /* reuses the frame's previous Huffman code */
        HUFF_BLOCK_MODEL = 4,    /* coded with the shared model's code */
        HUFF_BLOCK_CONTEXT = 5,  /* codes chosen by the previous byte
                                    (format version 2) */
};

/* Arrays by block type are this long, whatever types a library knows: the
 * format's tag has three type bits and 7 ends a frame, so a type is 0..6
 * forever and such arrays never change size.  Entries of types a library
 * does not know stay 0. */
#define HUFF_BLOCK_TYPES_MAX 8u

/*
 * huff_block_type_name - the name `huff -lv`, `huff report` and the bench
 * give block type t ("raw", "rle", "huffman", "repeat", "model",
 * "context"), a static
 * string, or NULL if this library knows no such type.  A program that
 * shows every type loops over 0..HUFF_BLOCK_TYPES_MAX-1 and skips NULL:
 * it then shows types added after it was written.  Thread-safe.
 */
HUFF_API const char *huff_block_type_name(unsigned t);

/* Limits of the format and of the parameters. */
#define HUFF_BLOCK_SIZE_MIN     256u
#define HUFF_BLOCK_SIZE_MAX     (1u << 20)   /* the format's cap, 1 MiB */
#define HUFF_BLOCK_SIZE_DEFAULT (128u << 10)  /* levels 1 to 6 */
#define HUFF_BLOCK_SIZE_CONTEXT (1u << 20)   /* levels 7 to 9: context
                                                blocks repay their K tables
                                                best on long blocks */
#define HUFF_BLOCK_SIZE_AUTO    0u           /* the level's block size */
#define HUFF_CODE_LEN_MIN       8u
#define HUFF_CODE_LEN_MAX       15u
#define HUFF_CODE_LEN_DEFAULT   11u
/* Models default to 15: smoothing gives every byte value a codeword, and
 * each takes at least 2^-limit of the code space; at 11 bits the values a
 * text model never saw cost 7.7% of it (bench/MEASUREMENTS.md, "Models"). */
#define HUFF_MODEL_CODE_LEN_DEFAULT 15u
#define HUFF_LEVEL_MIN          1
#define HUFF_LEVEL_MAX          9
#define HUFF_LEVEL_DEFAULT      6
#define HUFF_CONTENT_SIZE_UNKNOWN UINT64_MAX
#define HUFF_THREADS_MAX        256u
/* Integer weights of a distribution (huff_report_*, huff_code_lengths(),
 * models) must sum below this: their products with code lengths and with
 * 2^8 stay within 64 bits. */
#define HUFF_WEIGHT_SUM_LIMIT   ((uint64_t)1 << 56)

struct huff_model;

/*
 * Compression parameters.  Always start from huff_params_init(), then set
 * the fields wanted.
 *
 * How this struct grows without breaking programs already built (the
 * policy for every public struct below that ends in reserved words): its
 * size never changes.  A new field takes the place of reserved words, and
 * its value 0 means what the library did before the field existed; so a
 * program built against an older header, whose huff_params_init() (in the
 * library) zeroes the reserved words, gets the old behaviour.  The other
 * way round, huff_params_check() refuses non-zero reserved words
 * (HUFF_ERR_PARAM): a program that asks an older library for a feature it
 * lacks is told so rather than silently served without it.
 */
struct huff_params {
        unsigned max_code_len;  /* HUFF_CODE_LEN_MIN..MAX; longest codeword */
        uint32_t block_size;    /* HUFF_BLOCK_SIZE_MIN..MAX, the largest
                                   block; or HUFF_BLOCK_SIZE_AUTO (0, the
                                   default): HUFF_BLOCK_SIZE_DEFAULT at
                                   levels 1 to 6, HUFF_BLOCK_SIZE_CONTEXT
                                   at 7 to 9 (huff_params_block_size()) */
        int level;              /* HUFF_LEVEL_MIN..MAX; encoder effort:
                                   1 to 6 cut every block_size bytes; 7 to
                                   9 also code context blocks (format
                                   version 2), where each byte's code
                                   depends on the byte before, and cut
                                   where the statistics change: about 19%
                                   smaller than level 6 on the corpora */
        uint64_t content_size;  /* streaming only: the exact number of bytes
                                   that will be fed, stored in the frame
                                   header, or HUFF_CONTENT_SIZE_UNKNOWN */
        int checksum;           /* 1 (default): end the frame with an XXH3
                                   checksum of its content, verified by the
                                   decoder; 0: none (zstd's --no-check), for
                                   speed where integrity is checked elsewhere */
        const struct huff_model *model; /* NULL, or a shared code that blocks
                                   may use instead of their own table; the
                                   frame records its identifier and decoding
                                   needs the same model.  Not owned: it must
                                   outlive the encoder or the call */
        unsigned threads;       /* 1 (default): code on the calling thread
                                   only; N >= 2: N threads, the caller and
                                   N - 1 workers, each coding its own 1 MiB
                                   segment (FORMAT.md 6); 0: one per online
                                   processor.  At most HUFF_THREADS_MAX.
                                   The output is the same for every value */
        uint64_t reserved[8];   /* 0: room for new fields (see above) */
};

/* huff_params_block_size - the block size p gives frames: p->block_size,
 * or the level's if it is HUFF_BLOCK_SIZE_AUTO.  Thread-safe. */
HUFF_API uint32_t huff_params_block_size(const struct huff_params *p);

/* huff_params_init - fill *p with the defaults.  p must not be NULL.
 * Cannot fail; thread-safe (touches only *p). */
HUFF_API void huff_params_init(struct huff_params *p);

/*
 * huff_params_check - HUFF_OK if every field of *p is in range, else
 * HUFF_ERR_PARAM (also for p NULL).  Every function taking params performs
 * this check.  Thread-safe.
 */
HUFF_API enum huff_status huff_params_check(const struct huff_params *p);

/* ------------------------------------------------------------------------ */
/* One-shot compression                                                      */

/*
 * huff_compress_bound - the largest size huff_compress() can produce for
 * src_size bytes with any parameters; a dst of this capacity never gives
 * HUFF_ERR_DST_TOO_SMALL.  Returns 0 if the bound does not fit in size_t.
 * Thread-safe.
 */
HUFF_API size_t huff_compress_bound(size_t src_size);

/*
 * huff_compress - compress src[0..src_size) into one .huf frame in dst.
 * p may be NULL for the defaults; p->content_size is ignored (the frame
 * records src_size).  On success *dst_size is the frame's size.
 * Errors: HUFF_ERR_PARAM, HUFF_ERR_DST_TOO_SMALL, HUFF_ERR_NOMEM.
 * Allocates a context internally for the duration of the call and frees it
 * before returning; dst and src (which must not overlap) stay the caller's.
 * Thread-safe (p->model may be shared by concurrent calls).
 */
HUFF_API enum huff_status huff_compress(void *dst, size_t dst_cap, size_t *dst_size,
                                        const void *src, size_t src_size,
                                        const struct huff_params *p);

/*
 * huff_decompress - decode every frame in src[0..src_size) (concatenated
 * frames decode to the concatenation of their contents) into dst.
 * On success *dst_size is the number of bytes written.
 * HUFF_ERR_TRAILING_DATA: all frames decoded and *dst_size is set, but bytes
 * that do not start a frame follow the last one.  Any other error: *dst_size
 * is the number of bytes of the blocks decoded before it (not to be trusted
 * as data: their frame's checksum was not verified); a block that fails to
 * decode is not counted.
 * An empty src is HUFF_ERR_TRUNCATED: a .huf file holds at least one frame.
 * A frame that needs a model gives HUFF_ERR_MODEL_REQUIRED (use
 * huff_decompress_model()).  Other errors: HUFF_ERR_PARAM (a NULL pointer),
 * HUFF_ERR_DST_TOO_SMALL, HUFF_ERR_NOMEM, and every error of bad input.
 * Allocates a context internally for the duration of the call and frees it
 * before returning; dst and src (which must not overlap) stay the caller's.
 * Thread-safe.
 */
HUFF_API enum huff_status huff_decompress(void *dst, size_t dst_cap, size_t *dst_size,
                                          const void *src, size_t src_size);

/* ------------------------------------------------------------------------ */
/* Streaming                                                                 */

/* A buffer being read: bytes src[pos..size) are still to be consumed. */
struct huff_inbuf {
        const void *src;
        size_t size;
        size_t pos;
};

/* A buffer being written: bytes dst[pos..size) are free. */
struct huff_outbuf {
        void *dst;
        size_t size;
        size_t pos;
};

struct huff_encoder;
struct huff_decoder;

/*
 * huff_encoder_create - a streaming encoder writing one frame.
 * p may be NULL for the defaults; *p is copied (p->model is not: it must
 * outlive the encoder).  *e is NULL on failure.
 * Memory: about 2 * block_size + 8 KiB (levels 7 to 9: about 5 MiB: the
 * splitter's segment, a second coding of it, the context search's
 * scratch), owned by the encoder until huff_encoder_free(*e); with
 * p->threads N >= 2, N + 2 slots of 2 MiB and the workers' threads,
 * started with the first segment of work and joined by huff_encoder_free()
 * (a thread the system will not start is done without: the calling thread
 * does its share, and the output is the same).  With threads,
 * huff_encoder_feed() may wait for a worker when every slot is busy, and
 * compressed bytes lag the input by a few segments until finish.  An
 * encoder is used by one thread at a time; distinct encoders may run in
 * distinct threads.
 * Errors: HUFF_ERR_PARAM, HUFF_ERR_NOMEM.
 */
HUFF_API enum huff_status huff_encoder_create(struct huff_encoder **e,
                                              const struct huff_params *p);

/*
 * huff_encoder_feed - consume as much of in as possible, writing compressed
 * bytes to out.  Returns when in is consumed or out is full; call again with
 * more output space until in->pos == in->size.
 * Errors: HUFF_ERR_STAGE after finish, HUFF_ERR_CONTENT_SIZE when more than
 * the pledged content_size is fed, HUFF_ERR_PARAM for a NULL argument or a
 * pos past its size.  After an error the encoder is unusable (it returns
 * that error again) until huff_encoder_reset().  The buffers stay the caller's: the encoder copies
 * what it keeps of in.
 */
HUFF_API enum huff_status huff_encoder_feed(struct huff_encoder *e,
                                            struct huff_outbuf *out,
                                            struct huff_inbuf *in);

/*
 * huff_encoder_finish - end the frame: encode what is buffered, write the
 * end mark and checksum.  Call until *pending == 0 (bytes still waiting to be
 * written to out).  Then the encoder may be reset or freed.
 * Errors: HUFF_ERR_CONTENT_SIZE when fewer bytes than pledged were fed,
 * the earlier error again after one, HUFF_ERR_PARAM for a NULL argument.
 */
HUFF_API enum huff_status huff_encoder_finish(struct huff_encoder *e,
                                              struct huff_outbuf *out, size_t *pending);

/*
 * huff_encoder_reset - start a new frame with the same parameters, except
 * that content_size becomes the given value (HUFF_CONTENT_SIZE_UNKNOWN if
 * unknown).  Keeps the allocated memory; clears an earlier error.
 * Errors: HUFF_ERR_PARAM (e NULL).
 */
HUFF_API enum huff_status huff_encoder_reset(struct huff_encoder *e,
                                             uint64_t content_size);

/* huff_encoder_free - release e and everything it allocated; NULL is a
 * no-op.  e must not be used afterwards. */
HUFF_API void huff_encoder_free(struct huff_encoder *e);

/*
 * huff_decoder_create - a streaming decoder of any number of concatenated
 * frames.  *d is NULL on failure.  Memory: about 72 KiB (and 400 KiB more
 * that only the context blocks of version 2 frames touch), plus 2 * the
 * largest block size announced by a frame (at most 2 * HUFF_BLOCK_SIZE_MAX
 * plus a little), allocated when the frame header has been checked, owned
 * by the decoder until huff_decoder_free(*d).  A decoder is used by one
 * thread at a time; distinct decoders may run in distinct threads.
 * Errors: HUFF_ERR_NOMEM, HUFF_ERR_PARAM (d NULL).
 */
HUFF_API enum huff_status huff_decoder_create(struct huff_decoder **d);

/*
 * huff_decoder_feed - consume as much of in as possible, writing decoded
 * bytes to out.  Returns HUFF_OK when in is consumed or out is full.
 * Decoded bytes reach out as soon as each block is decoded, before the
 * frame's checksum is verified at its end: a caller writing them out must
 * treat everything as unconfirmed until huff_decoder_finish() succeeds.
 * Errors: every HUFF_ERR_* describing bad input.  HUFF_ERR_TRAILING_DATA
 * means the bytes from in->pos on do not start a frame, and every frame
 * before them was complete and correct.  After an error the decoder is
 * unusable until huff_decoder_reset().  HUFF_ERR_NOMEM if a frame's larger
 * block size cannot be allocated.  The buffers stay the caller's.
 */
HUFF_API enum huff_status huff_decoder_feed(struct huff_decoder *d,
                                            struct huff_outbuf *out,
                                            struct huff_inbuf *in);

/*
 * huff_decoder_view - huff_decoder_feed() that lends decoded bytes instead
 * of copying them: on return *view points to *view_size decoded bytes
 * inside the decoder, valid until the next call on d (any call), or
 * *view_size is 0 when nothing more can be decoded without more input
 * (in is consumed).  Call again with the same in until *view_size is 0,
 * then with more input; at the end of the input, with an empty in until
 * *view_size is 0, then huff_decoder_finish().  The bytes are those
 * huff_decoder_feed() gives, in the same pieces or larger (a block, or with
 * threads a run of blocks), with the same statuses and statistics; on an
 * error *view_size is 0.  What huff_decoder_feed() says of the checksum
 * holds here too.  Mixing the two on one input is allowed.  Saves a copy of
 * every decoded byte where the caller only passes them on (huff -d writes
 * them straight from the decoder).
 * Errors: those of huff_decoder_feed(); HUFF_ERR_PARAM for a NULL argument.
 */
HUFF_API enum huff_status huff_decoder_view(struct huff_decoder *d,
                                            struct huff_inbuf *in,
                                            const void **view, size_t *view_size);

/*
 * huff_decoder_finish - call at the end of the input.  HUFF_OK if the input
 * ended exactly at the end of a frame and at least one frame was decoded
 * with every byte already delivered; HUFF_ERR_TRUNCATED if it ended inside a
 * frame (or no frame was seen); HUFF_ERR_TRAILING_DATA if it ended in a few
 * bytes after the last frame that cannot start a frame.  Does not consume
 * input or write output; the decoder is to be reset before reuse.
 */
HUFF_API enum huff_status huff_decoder_finish(struct huff_decoder *d);

/*
 * huff_decoder_set_threads - decode with threads threads: 1 (the default)
 * the calling thread only; N >= 2 the caller and N - 1 workers, each
 * decoding its own run of blocks of about 256 KiB; 0 one per online
 * processor; at most HUFF_THREADS_MAX.  Call after huff_decoder_create() or
 * huff_decoder_reset(), before the first huff_decoder_feed().
 * With threads, decoded bytes lag the input by a few runs: huff_decoder_feed()
 * delivers a frame's last bytes when it reaches its end mark, and a call
 * with an empty input (in->pos == in->size) delivers everything fed so far
 * (repeat while it fills out), as a call at the end of the input should.
 * Results, errors included, are those of the calling thread alone: the
 * same bytes, the same status, the same counts of huff_decoder_stats() but
 * compressed_bytes, which after an error may count input read ahead.
 * Memory: N + 2 runs of 1 MiB in and out (of which a run of 256 KiB
 * touches a quarter), 72 KiB per thread (472 KiB where context blocks
 * are decoded).  The workers start with the first
 * run; one the system will not start is done without, as for the encoder.
 * Errors: HUFF_ERR_PARAM, HUFF_ERR_STAGE (input already fed),
 * HUFF_ERR_NOMEM (the decoder is then unchanged).
 */
HUFF_API enum huff_status huff_decoder_set_threads(struct huff_decoder *d,
                                                   unsigned threads);

/* huff_decoder_reset - forget all state, errors and statistics; ready for a
 * new input.  Keeps the allocated memory and the model. */
HUFF_API void huff_decoder_reset(struct huff_decoder *d);

/* huff_decoder_free - release d and everything it allocated; NULL is a
 * no-op.  The model given to it is not freed. */
HUFF_API void huff_decoder_free(struct huff_decoder *d);

/*
 * What a decoder has seen since its creation or last reset: complete frames,
 * blocks by type, and byte counts.  For `huff -l`.
 */
struct huff_stats {
        uint64_t frames;                        /* complete frames */
        uint64_t blocks;                        /* all blocks */
        uint64_t blocks_by_type[HUFF_BLOCK_TYPES_MAX];
        uint64_t compressed_bytes;              /* consumed input; after
                                                   HUFF_ERR_TRAILING_DATA,
                                                   the frames' bytes alone
                                                   (not the bytes found not
                                                   to start a frame) */
        uint64_t decompressed_bytes;            /* delivered output, and
                                                   the block headers' sizes
                                                   in skimmed frames */
        uint64_t frames_skimmed;                /* of frames: read by their
                                                   headers alone
                                                   (huff_decoder_skim_model_frames()) */
        uint64_t reserved[7];                   /* 0: room for new figures */
};

/* huff_decoder_stats - copy d's statistics into *st (owned by the caller).
 * Cannot fail. */
HUFF_API void huff_decoder_stats(const struct huff_decoder *d, struct huff_stats *st);

/* ------------------------------------------------------------------------ */
/* Models: a code shared by encoder and decoder (FORMAT.md 8)   */
/*
 * A model holds byte counts from sample data, the additive smoothing that
 * keeps every byte value encodable, and the canonical code lengths built
 * from the smoothed counts.  Coding uses the stored lengths only: they are
 * never rebuilt, so a later change to the code builder cannot break files
 * made with an existing model.  The identifier is derived from the lengths.
 * A model is immutable once made and may be shared by any number of threads
 * and contexts.
 */

/*
 * huff_model_create - a model from counts[256], smoothed by adding
 * alpha_num / alpha_den to every count (alpha_num 0: no smoothing, and byte
 * values never seen cannot be coded with the model), with codes limited to
 * max_code_len (HUFF_CODE_LEN_MIN..MAX).  q_i = counts_i * alpha_den +
 * alpha_num must sum below 2^56.  At least two byte values must end up with
 * a non-zero weight.  *m is NULL on failure; on success it belongs to the
 * caller (huff_model_free()).  Thread-safe.
 * Errors: HUFF_ERR_PARAM, HUFF_ERR_NOMEM.
 */
HUFF_API enum huff_status huff_model_create(struct huff_model **m,
                                            const uint64_t counts[256],
                                            uint64_t alpha_num, uint64_t alpha_den,
                                            unsigned max_code_len);

/* huff_model_free - release m; NULL is a no-op.  No encoder or decoder
 * may still be using it. */
HUFF_API void huff_model_free(struct huff_model *m);

/* huff_model_save_bound - the largest size huff_model_save() can write.
 * Thread-safe. */
HUFF_API size_t huff_model_save_bound(void);

/* huff_model_save - serialise m into dst[0..cap) (FORMAT.md 8);
 * *size is the model file's size.  Thread-safe (m is read only).
 * Errors: HUFF_ERR_DST_TOO_SMALL (cap below the file's size; use
 * huff_model_save_bound()), HUFF_ERR_PARAM (a NULL pointer). */
HUFF_API enum huff_status huff_model_save(const struct huff_model *m, void *dst,
                                          size_t cap,
                                          size_t *size);

/*
 * huff_model_load - a model from the bytes of a model file.
 * Errors: HUFF_ERR_BAD_MAGIC (not a model file), HUFF_ERR_MODEL_VERSION,
 * HUFF_ERR_MODEL_FILE (truncated, checksum or fields wrong), HUFF_ERR_NOMEM,
 * HUFF_ERR_PARAM (a NULL pointer).  The model copies what it needs: src may
 * be freed afterwards.  *m is NULL on failure; on success it belongs to the
 * caller (huff_model_free()).  Thread-safe.
 */
HUFF_API enum huff_status huff_model_load(struct huff_model **m,
                                          const void *src, size_t n);

/* huff_model_id - the model's 32-bit identifier, as frames record it.
 * Cannot fail; thread-safe (this and the three below only read m). */
HUFF_API uint32_t huff_model_id(const struct huff_model *m);

/* huff_model_weights - the smoothed weights q_i (a distribution for
 * huff_report_distribution()). */
HUFF_API void huff_model_weights(const struct huff_model *m, uint64_t q[256]);

/* huff_model_lengths - the model's stored code lengths (0: not codable). */
HUFF_API void huff_model_lengths(const struct huff_model *m, uint8_t lens[256]);

/* huff_model_info - the counts and smoothing it was made from, and its code
 * length limit, copied into the caller's variables. */
HUFF_API void huff_model_info(const struct huff_model *m, uint64_t counts[256],
                              uint64_t *alpha_num, uint64_t *alpha_den,
                              unsigned *max_code_len);

/*
 * huff_decoder_set_model - the model frames may need (NULL: none).  Not
 * owned: it must outlive the decoder's use of it.  Applies from the next
 * frame header on, and is kept across huff_decoder_reset().
 */
HUFF_API void huff_decoder_set_model(struct huff_decoder *d,
                                     const struct huff_model *m);

/*
 * huff_decoder_skim_model_frames - on non-zero: a frame made with a model,
 * when d has none (huff_decoder_set_model()), is skimmed instead of refused
 * with HUFF_ERR_MODEL_REQUIRED: its frame header, block headers and end
 * mark are read and checked, its payloads passed over undecoded, and its
 * checksum is not verified.  It delivers no bytes; its blocks count in
 * huff_stats by their headers (decompressed_bytes: their decoded sizes),
 * and the frame in frames_skimmed.  The headers hold every figure of
 * huff -l, so a file can be listed without its model.  Off by default;
 * applies from the next frame header on, and is kept across
 * huff_decoder_reset().  Cannot fail.
 */
HUFF_API void huff_decoder_skim_model_frames(struct huff_decoder *d, int on);

/*
 * huff_decoder_model_wanted - after HUFF_ERR_MODEL_REQUIRED or
 * HUFF_ERR_MODEL_MISMATCH, the identifier of the model the frame needs
 * (after a successful frame made with a model: that model's identifier;
 * 0 if no frame header named one).  Cannot fail.
 */
HUFF_API uint32_t huff_decoder_model_wanted(const struct huff_decoder *d);

/*
 * huff_decompress_model - huff_decompress() for frames that may need model m
 * (NULL: as huff_decompress()).  Errors as huff_decompress(), and
 * HUFF_ERR_MODEL_MISMATCH or HUFF_ERR_MODEL_UNUSED when a frame was made
 * with another model or none.  m is only read; thread-safe.
 */
HUFF_API enum huff_status huff_decompress_model(void *dst, size_t dst_cap,
                                                size_t *dst_size,
                                                const void *src, size_t src_size,
                                                const struct huff_model *m);

/* ------------------------------------------------------------------------ */
/* Measures: entropy, code lengths, cross-entropy (huff report)             */
/*
 * A distribution is an array of non-negative integer weights (counts, or
 * probabilities scaled to integers), normalised by their sum, over at most
 * HUFF_REPORT_MAX_SYMS symbols.  Integer weights keep every figure exact:
 * the codes are built from the weights themselves, and Σ w·l is an exact
 * integer.  The sum of the weights must stay below 2^56.
 * Every function here is thread-safe and allocates nothing unless it says so.
 */

#define HUFF_REPORT_MAX_SYMS 256u
/* A length limit meaning "no limit": the optimal (Huffman) code. */
#define HUFF_LEN_UNLIMITED 0u

/* huff_histogram - counts[b] = number of bytes b in src[0..n) (counts is
 * overwritten, not added to).  Cannot fail. */
HUFF_API void huff_histogram(const void *src, size_t n, uint64_t counts[256]);

/*
 * huff_code_lengths - optimal prefix-code lengths for weights w[0..n),
 * none longer than max_len (HUFF_LEN_UNLIMITED: no limit, plain Huffman).
 * lens[i] = 0 exactly where w[i] = 0; a single used symbol gets length 1 (a
 * prefix code has no empty codeword).  Ties are broken by symbol index: of
 * two equal weights the lower index never gets the shorter code (so weights
 * 1,1,1,1,1 give lengths 3,3,2,2,2).  Unlimited lengths can exceed 32 (up
 * to about 80 for weights summing near 2^56, such as Fibonacci weights).
 * Errors: HUFF_ERR_PARAM (n > HUFF_REPORT_MAX_SYMS, weights summing past
 * 2^56, or more used symbols than 2^max_len codewords).
 */
HUFF_API enum huff_status huff_code_lengths(const uint64_t *w, unsigned n,
                                            unsigned max_len,
                                            uint8_t *lens);

/*
 * huff_shannon_lengths - lens[i] = ceil(-log2 p_i), computed exactly in
 * integers (the smallest l with w_i * 2^l >= Σw), but at least 1 (a prefix
 * code has no empty codeword); 0 where w[i] = 0.
 * Errors: HUFF_ERR_PARAM as for huff_code_lengths().
 */
HUFF_API enum huff_status huff_shannon_lengths(const uint64_t *w, unsigned n,
                                               uint8_t *lens);

/*
 * huff_canonical_codes - the canonical codewords (FORMAT.md 4.3) of lens,
 * most significant bit first in the low lens[i] bits of codes[i]; 0 where
 * lens[i] = 0 and where lens[i] > 32, which 32 bits cannot hold (only the
 * unlimited codes of extremely skewed weights have them; `huff report
 * --symbols` shows their lengths without codewords).  A codeword depends
 * only on the shorter lengths, so every one of up to 32 bits is the
 * canonical one even when longer ones exist.  Errors: HUFF_ERR_PARAM (n
 * out of range, or lengths that oversubscribe the code space).
 */
HUFF_API enum huff_status huff_canonical_codes(const uint8_t *lens, unsigned n,
                                               uint32_t *codes);

/* Units of entropies and average lengths. */
enum huff_unit {
        HUFF_UNIT_BITS = 0,
        HUFF_UNIT_NATS = 1,
};

/* huff_bits_in_unit - a quantity of bits in unit u (nats: times ln 2).
 * Cannot fail. */
HUFF_API double huff_bits_in_unit(double bits, enum huff_unit u);

/* huff_entropy - H(p) = -Σ p log p, per symbol.  0 for an empty or one-symbol p;
 * NaN if the weights sum past 2^56. */
HUFF_API double huff_entropy(const uint64_t *p, unsigned n, enum huff_unit u);

/* huff_cross_entropy - H(p,q) = -Σ p log q.  +INFINITY when q_i = 0 for some
 * p_i > 0 (q's code cannot encode p's data); NaN if p or q sums to 0 or
 * past 2^56. */
HUFF_API double huff_cross_entropy(const uint64_t *p, const uint64_t *q, unsigned n,
                                   enum huff_unit u);

/* huff_kl_divergence - D(p||q) = H(p,q) - H(p), summed as Σ p log(p/q) so that no
 * precision is lost to cancellation.  +INFINITY as for cross-entropy. */
HUFF_API double huff_kl_divergence(const uint64_t *p, const uint64_t *q, unsigned n,
                                   enum huff_unit u);

/* huff_average_length - Σ p_i l_i in bits (or nats: times ln 2) per symbol;
 * +INFINITY if some p_i > 0 has l_i = 0 (the code cannot encode it). */
HUFF_API double huff_average_length(const uint64_t *p, const uint8_t *lens, unsigned n,
                                    enum huff_unit u);

/* huff_kraft_sum - Σ 2^-l_i over the used symbols (lens[i] > 0); exact for lengths
 * up to 52. */
HUFF_API double huff_kraft_sum(const uint8_t *lens, unsigned n);

/*
 * huff_order1_entropy - H(X_i | X_i-1) over the n - 1 pairs of neighbours
 * of src, per symbol, into *h; NaN when n < 2 (no pair: undefined).  Allocates a 512 KiB table,
 * freed before returning.
 * Errors: HUFF_ERR_NOMEM, HUFF_ERR_PARAM (h NULL).
 */
HUFF_API enum huff_status huff_order1_entropy(const void *src, size_t n,
                                              enum huff_unit u,
                                              double *h);

/* A code's figures against the distribution p it codes. */
struct huff_code_figures {
        double avg;             /* average length per symbol */
        double redundancy;      /* avg - H(p) */
        double efficiency;      /* H(p) / avg (1 when both are 0) */
        double kraft_sum;
        unsigned max_len;       /* longest codeword */
        uint64_t payload_bits;  /* Σ w_i l_i: the coded size of p's data */
        uint8_t lens[HUFF_REPORT_MAX_SYMS];
};

/* Everything `huff report` says of a distribution p, and of a model q. */
struct huff_report {
        unsigned num_syms;      /* size of the alphabet */
        uint64_t symbols;       /* Σ p: number of symbols coded (for a file) */
        unsigned distinct;      /* symbols with p_i > 0 */
        enum huff_unit unit;
        double entropy;         /* H(p) per symbol */
        double ideal_bytes;     /* symbols * H(p) / 8, in bits whatever unit */
        struct huff_code_figures huffman;   /* optimal, unlimited */
        struct huff_code_figures limited;   /* optimal, limited to limit */
        unsigned limit;
        double shannon_avg;     /* Σ p ceil(-log2 p): 0 for a single
                                   symbol (p = 1), whose codes above give
                                   it 1 bit by convention, as does
                                   huff_shannon_lengths() */
        /* With a model q (has_model): */
        int has_model;
        int model_covers_data;  /* q_i > 0 wherever p_i > 0 */
        double cross_entropy;   /* H(p,q) */
        double kl_divergence;   /* D(p||q) */
        double model_avg;       /* q's optimal code's average length on p */
        double model_overhead;  /* model_avg - huffman.avg */
        uint8_t model_lens[HUFF_REPORT_MAX_SYMS];   /* q's optimal code */
        double model_avg_min;   /* the least and the greatest average */
        double model_avg_max;   /* length on p of all the codes optimal for
                                   q, of which model_avg is one: they
                                   differ only where q's weights tie */
        unsigned model_max_len; /* q's code's longest codeword */
        uint64_t reserved[13];  /* 0: room for new figures (the policy of
                                   struct huff_params) */
};

/*
 * huff_report_distribution - fill *r for weights p[0..n) and, if q is not
 * NULL, model weights q[0..n): the entropies, the optimal code unlimited and
 * limited to limit (HUFF_CODE_LEN_MIN..HUFF_CODE_LEN_MAX), the Shannon
 * code, and q's code (optimal for q, unlimited, ties broken as
 * huff_code_lengths() breaks them) measured on p, with the range of that
 * average over every code optimal for q.  When q does not cover p,
 * cross_entropy, kl_divergence, model_avg, model_overhead, model_avg_min
 * and model_avg_max are +INFINITY.  p must have a non-zero weight.
 * Errors: HUFF_ERR_PARAM (n out of range, p all zero, q all zero, sums past
 * 2^56, limit out of range).
 */
HUFF_API enum huff_status huff_report_distribution(const uint64_t *p, const uint64_t *q,
                                                   unsigned n, unsigned limit,
                                                   enum huff_unit u, struct huff_report *r);

/*
 * huff_report_model_code - measure the model's own code lens[0..n) (for a
 * model file: its stored lengths, huff_model_lengths()) instead of q's
 * optimal code: sets model_lens, model_avg, model_overhead, model_max_len
 * and model_avg_min = model_avg_max = model_avg (one code, whatever ties q
 * has) of r, which huff_report_distribution() filled for the same p and a q.
 * Errors: HUFF_ERR_PARAM (r has no model, or n differs).
 */
HUFF_API enum huff_status huff_report_model_code(struct huff_report *r,
                                                 const uint64_t *p,
                                                 const uint8_t *lens, unsigned n);

/*
 * huff_report_encoding - what huff's own encoder makes of a buffer, in *r:
 * the size of the .huf frame that
 * huff_compress() writes with params p (NULL: defaults), its blocks, and the
 * block entropy: the sum over those blocks of (block size * H(block) / 8),
 * in bytes, which a coder that changes its code per block can beat the
 * whole-buffer entropy by.  Allocates what huff_compress() does plus a
 * decoded copy of src: about twice n in all, freed before returning.
 * Errors: those of huff_compress() and huff_decompress() (HUFF_ERR_PARAM,
 * HUFF_ERR_NOMEM).  Thread-safe.
 */
struct huff_encoding_report {
        uint64_t huf_bytes;             /* size of the frame */
        uint64_t blocks;
        uint64_t blocks_by_type[HUFF_BLOCK_TYPES_MAX];
        double block_entropy_bytes;
        uint64_t reserved[8];           /* 0: room for new figures */
};

HUFF_API enum huff_status huff_report_encoding(const void *src, size_t n,
                                               const struct huff_params *p,
                                               struct huff_encoding_report *r);

/*
 * huff_report_context - what the context model of a context block
 * (FORMAT.md 9: each byte coded with one of K codes, chosen by the byte
 * before it through a map of the 256 contexts) makes of a buffer, block
 * by block, in *r.
 *
 * The blocks are those huff_compress() makes of src[0..n) with params p
 * (NULL: defaults): every block_size bytes at levels 1 to 6, cut where
 * the statistics change at 7 to 9.  Each block b of n_b bytes gets the
 * model m_b that huff's encoder builds for it: the search of the effort
 * that level p->level gives context blocks (the cheapest search at the
 * levels that code none), with lengths limited to min(p->max_code_len,
 * 11).  m_b has K_b codes, S_b streams, a map, each stream's start
 * context and each code's lengths len_b[k][x]; a block for which no model
 * exists (fewer than two byte values, or a model whose payload would not
 * be smaller than the block) counts in blocks, and in nothing else.
 *
 * In a block with a model the streams split the bytes as FORMAT.md 9.1
 * says: with s = ceil(n_b / S_b), stream j starts at byte j*s.  The
 * context of byte i is m_b.start[j] when i is the first byte of stream
 * j, else byte i - 1.  n_b(c,x) counts the bytes x in context c, n_b(c) =
 * Σ_x n_b(c,x); context c takes code k = m_b.map[c], and code k's counts
 * are N_b(k,x) = Σ_{c: map[c] = k} n_b(c,x), N_b(k) = Σ_x N_b(k,x).  With
 * N = context_symbols, the bytes of the blocks with a model:
 *
 *   order1_entropy    = Σ_b Σ_c Σ_x n_b(c,x) (-log2 (n_b(c,x) / n_b(c))) / N
 *                       (a full order-1 model per block; not
 *                       huff_order1_entropy(), which counts the whole
 *                       buffer's n - 1 pairs)
 *   clustered_entropy = Σ_b Σ_c Σ_x n_b(c,x) (-log2 (N_b(k,x) / N_b(k))) / N
 *                       (the ideal cost under the codes' distributions)
 *   clustering_cost   = Σ_b Σ_c n_b(c) D(p_b,c || q_b,k) / N, where p_b,c =
 *                       n_b(c,·) / n_b(c) and q_b,k = N_b(k,·) / N_b(k): what
 *                       sharing K codes among the contexts costs.  Summed on
 *                       its own (huff_kl_divergence()), not subtracted; it
 *                       equals clustered_entropy - order1_entropy up to
 *                       rounding
 *   code_avg          = code_bits / N, code_bits = Σ_b Σ_c Σ_x n_b(c,x)
 *                       len_b[k][x], the codewords' bits of every byte,
 *                       which is exactly what the encoder's streams hold
 *                       before their padding
 *
 * in unit u (nats: times ln 2); all four are 0 when no block has a model.
 * overhead_bytes and payload_bytes sum each model's description (desc,
 * map, tables, starts and jumps) and whole payload (description and
 * streams) as the encoder would write them, without block headers.
 * Allocates what huff_compress() does, a copy of its output (about n)
 * and under 1 MiB of counts and model scratch, freed before returning.
 * Errors: HUFF_ERR_PARAM (r NULL, src NULL with n > 0, p out of range, u
 * not a unit), HUFF_ERR_NOMEM.  Thread-safe.
 */
struct huff_context_report {
        enum huff_unit unit;
        unsigned codes_min;             /* K over the blocks with a model */
        unsigned codes_max;             /* (both 0 when none has one) */
        uint64_t symbols;               /* n: every byte measured */
        uint64_t blocks;                /* the encoder's blocks of src */
        uint64_t context_blocks;        /* those with a model */
        uint64_t context_symbols;       /* N: their bytes */
        double order1_entropy;          /* per symbol, as defined above */
        double clustered_entropy;
        double clustering_cost;
        double code_avg;
        uint64_t code_bits;             /* Σ codeword bits (exact) */
        uint64_t overhead_bytes;        /* Σ descriptions */
        uint64_t payload_bytes;         /* Σ payloads */
        uint64_t reserved[8];           /* 0: room for new figures */
};

HUFF_API enum huff_status huff_report_context(const void *src, size_t n,
                                              const struct huff_params *p,
                                              enum huff_unit u,
                                              struct huff_context_report *r);

#ifdef __cplusplus
}
#endif

#endif /* HUFF_H */
