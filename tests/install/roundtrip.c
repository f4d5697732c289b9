/*
 * roundtrip.c - a user's program, built by tests/install/run.sh against an
 * installed libhuff through pkg-config (static, then shared)
 *
 * It includes <huff.h> as users do, checks that the header and the library
 * linked agree on the version, and round-trips 1 MiB through the one-shot
 * and the streaming API.  Exit status 0 only if every byte comes back.
 */
#include <huff.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N (1u << 20)

static int fail(const char *what, enum huff_status s)
{
        fprintf(stderr, "roundtrip: %s: %s\n", what, huff_strerror(s));
        return 1;
}

int main(void)
{
        static unsigned char src[N], back[N];
        size_t cap = huff_compress_bound(N), csize, dsize, i;
        unsigned char *huf = malloc(cap);
        struct huff_params p;
        struct huff_encoder *e;
        struct huff_decoder *d;
        struct huff_inbuf in;
        struct huff_outbuf out;
        size_t pending;
        enum huff_status s;
        uint32_t x = 1;

        if (!huf)
                return 1;
        if (huff_version_number() != HUFF_VERSION_NUMBER ||
            strcmp(huff_version_string(), HUFF_VERSION_STRING) != 0) {
                fprintf(stderr, "roundtrip: header %s, library %s\n",
                        HUFF_VERSION_STRING, huff_version_string());
                return 1;
        }
        /* Skewed bytes: compressible, but not trivially. */
        for (i = 0; i < N; i++) {
                x = x * 1103515245u + 12345u;
                src[i] = (unsigned char)('a' + ((x >> 16) % 7) * ((x >> 20) % 3));
        }

        if ((s = huff_compress(huf, cap, &csize, src, N, NULL)) != HUFF_OK)
                return fail("huff_compress", s);
        if (csize >= N)
                return fail("huff_compress did not compress", HUFF_OK);
        if ((s = huff_decompress(back, N, &dsize, huf, csize)) != HUFF_OK)
                return fail("huff_decompress", s);
        if (dsize != N || memcmp(src, back, N) != 0)
                return fail("one-shot round trip differs", HUFF_OK);

        /* Streaming, 1000-byte pieces in and out, level 9, no checksum. */
        huff_params_init(&p);
        p.level = 9;
        p.checksum = 0;
        if ((s = huff_encoder_create(&e, &p)) != HUFF_OK)
                return fail("huff_encoder_create", s);
        out = (struct huff_outbuf){ huf, 0, 0 };
        for (i = 0; i < N; i += 1000) {
                in = (struct huff_inbuf){ src + i, N - i < 1000 ? N - i : 1000, 0 };
                while (in.pos < in.size) {
                        out.size = out.pos + 1000 <= cap ? out.pos + 1000 : cap;
                        if ((s = huff_encoder_feed(e, &out, &in)) != HUFF_OK)
                                return fail("huff_encoder_feed", s);
                }
        }
        do {
                out.size = out.pos + 1000 <= cap ? out.pos + 1000 : cap;
                if ((s = huff_encoder_finish(e, &out, &pending)) != HUFF_OK)
                        return fail("huff_encoder_finish", s);
        } while (pending > 0);
        huff_encoder_free(e);
        csize = out.pos;

        if ((s = huff_decoder_create(&d)) != HUFF_OK)
                return fail("huff_decoder_create", s);
        in = (struct huff_inbuf){ huf, 0, 0 };
        out = (struct huff_outbuf){ back, 0, 0 };
        memset(back, 0, N);
        while (in.size < csize || out.pos < N) {
                size_t before = in.pos + out.pos;

                in.size = in.size + 1000 <= csize ? in.size + 1000 : csize;
                out.size = out.pos + 1000 <= N ? out.pos + 1000 : N;
                if ((s = huff_decoder_feed(d, &out, &in)) != HUFF_OK)
                        return fail("huff_decoder_feed", s);
                if (in.size == csize && in.pos + out.pos == before)
                        break;
        }
        if ((s = huff_decoder_finish(d)) != HUFF_OK)
                return fail("huff_decoder_finish", s);
        huff_decoder_free(d);
        if (out.pos != N || memcmp(src, back, N) != 0)
                return fail("streaming round trip differs", HUFF_OK);

        printf("roundtrip: libhuff %s, 1048576 bytes, %zu compressed: OK\n",
               huff_version_string(), csize);
        free(huf);
        return 0;
}
