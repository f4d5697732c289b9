/*
 * fuzz_util.h - what the libFuzzer harnesses share: a PRNG seeded from the
 * input (chunk sizes), the streaming decoder driven in random pieces, and
 * the fixed model that seeds and harnesses agree on
 *
 * Everything here depends on the input bytes alone, so that a crash
 * reproduces from its file.  The harnesses are built with
 * FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION: the library then ignores
 * check16 and checksum32 mismatches (frame.c, huff_check_matches()), and
 * random input reaches the decoders.
 */
#ifndef HUFF_FUZZ_UTIL_H
#define HUFF_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huff.h"

/* A finding: print what went wrong and abort, which libFuzzer records. */
#define FUZZ_ASSERT(c, ...) do {                                        \
        if (!(c)) {                                                     \
                fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, #c); \
                fprintf(stderr, __VA_ARGS__);                           \
                fputc('\n', stderr);                                    \
                abort();                                                \
        }                                                               \
} while (0)

/* Evaluates its arguments twice: no calls in them. */
#define HUFF_MIN_SZ(a, b) ((size_t)(a) < (size_t)(b) ? (size_t)(a) : (size_t)(b))

/* splitmix64 */
struct fuzz_rng {
        uint64_t s;
};

static inline uint64_t fuzz_next(struct fuzz_rng *r)
{
        uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
}

/* A piece size in [1, max]: mostly tiny, sometimes up to max. */
static inline size_t fuzz_chunk(struct fuzz_rng *r, size_t max)
{
        uint64_t v = fuzz_next(r);
        size_t n;

        switch (v & 3) {
        case 0: n = 1 + (size_t)((v >> 8) % 16); break;
        case 1: n = 1 + (size_t)((v >> 8) % 300); break;
        default: n = 1 + (size_t)((v >> 8) % max); break;
        }
        return n < max ? n : max;
}

/*
 * Decode src[0..n) with d in pieces: input pieces of 1..in_max bytes and
 * output room of 1..out_max bytes at a time, into dst (capacity cap).
 * Returns the status of the first failing call, or of huff_decoder_finish();
 * HUFF_ERR_DST_TOO_SMALL if the output would pass cap.  *dsize: bytes out.
 */
static inline enum huff_status fuzz_stream_decode(struct huff_decoder *d, struct fuzz_rng *r,
                                                  const uint8_t *src, size_t n,
                                                  uint8_t *dst, size_t cap, size_t *dsize,
                                                  size_t in_max, size_t out_max)
{
        size_t ipos = 0, opos = 0;
        enum huff_status s = HUFF_OK;

        *dsize = 0;
        for (;;) {
                size_t ilen = fuzz_chunk(r, in_max), olen = fuzz_chunk(r, out_max);
                struct huff_inbuf in;
                struct huff_outbuf out;

                if (ilen > n - ipos)
                        ilen = n - ipos;
                if (opos == cap)
                        olen = 0;
                else if (olen > cap - opos)
                        olen = cap - opos;
                in = (struct huff_inbuf){ src + ipos, ilen, 0 };
                out = (struct huff_outbuf){ dst + opos, olen, 0 };
                s = huff_decoder_feed(d, &out, &in);
                FUZZ_ASSERT(in.pos <= ilen && out.pos <= olen, "feed overran its buffers");
                ipos += in.pos;
                opos += out.pos;
                *dsize = opos;
                if (s != HUFF_OK)
                        return s;
                if (in.pos == 0 && out.pos == 0) {
                        /* No progress: the output is full, or all input
                         * is in and nothing is held back. */
                        if (opos == cap)
                                return HUFF_ERR_DST_TOO_SMALL;
                        FUZZ_ASSERT(ipos == n, "no progress with input and room left");
                        break;
                }
        }
        return huff_decoder_finish(d);
}

/*
 * The model the decoder harness and its seeds share: skewed counts over
 * printable bytes, smoothed so that every byte value has a codeword.
 */
static inline struct huff_model *fuzz_fixed_model(void)
{
        static struct huff_model *m;

        if (!m) {
                uint64_t counts[256] = { 0 };

                for (unsigned i = 0; i < 256; i++)
                        counts[i] = (i >= 32 && i < 127) ? 1000u / (1u + i % 17) : 0;
                counts[' '] = 5000;
                counts['e'] = 3000;
                if (huff_model_create(&m, counts, 1, 2, 13) != HUFF_OK)
                        abort();
        }
        return m;
}

#endif
