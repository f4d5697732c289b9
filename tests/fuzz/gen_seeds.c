/*
 * gen_seeds.c - seed corpora for the fuzz harnesses, made with the library
 *
 *   gen_seeds DIR     writes DIR/decompress, DIR/block, DIR/model and
 *                     DIR/roundtrip, a few hundred small files in all
 *
 * Seeds are generated (make fuzz-seeds), not committed: small inputs of
 * several kinds (text, one byte, runs, skewed, random) compressed with
 * every block type in mind: small block sizes for many blocks and repeat
 * blocks, 4 KiB and more for four streams, levels 1, 6 and 9, with and
 * without checksums, concatenated frames, frames made with the harnesses'
 * fixed model, model files of every length limit with and without
 * smoothing, version 2 frames with context blocks between a huffman block
 * and a repeat block (their payloads written by tests/unit/ctx_writer.c, so
 * that the seeds have every shape of map and stream count whatever the
 * library's context encoder chooses).  Each is laid out as its harness
 * reads it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <xxhash.h>

#include "fuzz_util.h"

#include "block.h"
#include "ctx_writer.h"
#include "frame.h"

static const char *dir;
static unsigned nfiles;

static void put(const char *harness, const void *a, size_t na, const void *b, size_t nb)
{
        char path[4096];
        FILE *f;

        snprintf(path, sizeof(path), "%s/%s", dir, harness);
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
                perror(path);
                exit(1);
        }
        snprintf(path, sizeof(path), "%s/%s/seed-%04u", dir, harness, nfiles++);
        f = fopen(path, "wb");
        if (!f || fwrite(a, 1, na, f) != na || (nb && fwrite(b, 1, nb, f) != nb) ||
            fclose(f) != 0) {
                perror(path);
                exit(1);
        }
}

enum kind { TEXT, ONE_BYTE, RUNS, SKEWED, RANDOM, MIXED, KINDS };

static void gen(struct fuzz_rng *r, enum kind k, uint8_t *dst, size_t n)
{
        static const char words[] = "the of and to in is was that for it with as his on be at by";
        size_t i = 0;

        switch (k) {
        case TEXT:
                while (i < n) {
                        size_t w = (size_t)(fuzz_next(r) % (sizeof(words) - 1));

                        while (w > 0 && words[w - 1] != ' ')
                                w--;
                        while (i < n && words[w] && words[w] != ' ')
                                dst[i++] = (uint8_t)words[w++];
                        if (i < n)
                                dst[i++] = fuzz_next(r) % 12 ? ' ' : '\n';
                }
                break;
        case ONE_BYTE:
                memset(dst, 'a', n);
                break;
        case RUNS:
                while (i < n) {
                        size_t len = 1 + (size_t)(fuzz_next(r) % 40);
                        uint8_t b = (uint8_t)fuzz_next(r);

                        while (len-- && i < n)
                                dst[i++] = b;
                }
                break;
        case SKEWED:
                for (; i < n; i++) {
                        uint64_t v = fuzz_next(r);
                        unsigned b = 0;

                        while (b < 200 && (v & 1)) {
                                b++;
                                v >>= 1;
                                if (!v)
                                        v = fuzz_next(r);
                        }
                        dst[i] = (uint8_t)(b * 37);
                }
                break;
        case RANDOM:
                for (; i < n; i++)
                        dst[i] = (uint8_t)fuzz_next(r);
                break;
        case MIXED:     /* one kind after another: every block type in a frame */
                for (size_t part = 0; i < n; part++) {
                        size_t len = 300 + (size_t)(fuzz_next(r) % 3000);

                        len = HUFF_MIN_SZ(n - i, len);

                        gen(r, (enum kind)(part % MIXED), dst + i, len);
                        i += len;
                }
                break;
        case KINDS:
                break;
        }
}

static uint8_t *compress(const uint8_t *src, size_t n, const struct huff_params *p,
                         size_t *csize)
{
        size_t cap = huff_compress_bound(n);
        uint8_t *dst = malloc(cap);

        if (!dst || huff_compress(dst, cap, csize, src, n, p) != HUFF_OK) {
                fprintf(stderr, "gen_seeds: compress failed\n");
                exit(1);
        }
        return dst;
}

/* The frame's blocks in fuzz_block's layout, if every payload fits a u16. */
static void block_seed(const uint8_t *f, size_t n, int model)
{
        struct huff_frame_header fh;
        uint8_t *seed = malloc(2 * n + 1);
        size_t pos, len = 0;

        if (!seed || huff_frame_parse_header(f, n, &fh, &pos) != HUFF_OK)
                exit(1);
        seed[len++] = (uint8_t)model;
        while (pos < n && f[pos] != HUFF_TAG_END) {
                struct huff_block_header h;

                if (huff_block_header_parse(f + pos, fh.block_size, fh.version, &h) != HUFF_OK ||
                    h.payload_size >= 65536) {
                        free(seed);
                        return;
                }
                seed[len++] = f[pos];
                memcpy(seed + len, f + pos + 1, 3);     /* decoded size - 1 */
                store_le16(seed + len + 3, h.payload_size);
                len += 5;
                memcpy(seed + len, f + pos + HUFF_BLOCK_HEADER_SIZE, h.payload_size);
                len += h.payload_size;
                pos += HUFF_BLOCK_HEADER_SIZE + h.payload_size;
        }
        put("block", seed, len, NULL, 0);
        free(seed);
}

/*
 * A version 2 frame of src[0..3n): a huffman block of its first third, a
 * context block of the second (codes codes, streams streams, a map of kind
 * map_kind), a repeat block of the third (a copy of the first).  Returns
 * its size, 0 if the context block would not be smaller than its bytes.
 */
static size_t v2_frame(struct fuzz_rng *r, const uint8_t *src, size_t n, unsigned codes,
                       unsigned streams, unsigned map_kind, uint8_t *dst)
{
        struct huff_frame_header fh = { 131072, 3 * n, 1, 0, 0, HUFF_FORMAT_V2 };
        struct huff_block_encoder be;
        struct huff_block_info info;
        static struct ctx_model m;
        uint8_t *payload = malloc(ctx_payload_room(n));
        size_t pos, psize;

        if (!payload)
                exit(1);
        memset(&m, 0, sizeof(m));
        m.codes = codes;
        m.streams = streams;
        m.explicit_map = (map_kind & 4) != 0;
        if (map_kind % 3 == 0)
                ctx_map_mod(m.map, codes);
        else if (map_kind % 3 == 1)
                ctx_map_classes(m.map, codes);
        else
                ctx_map_frequent(m.map, codes, src + n, n);
        for (unsigned j = 0; j < HUFF_CTX_STREAMS_MAX; j++)
                m.start[j] = (uint8_t)fuzz_next(r);
        ctx_model_fit(&m, src + n, n, 8 + map_kind % 4);
        psize = ctx_payload_write(&m, src + n, n, payload, NULL);
        if (psize >= n) {
                free(payload);
                return 0;
        }
        pos = huff_frame_write_header(dst, &fh);
        huff_block_encoder_reset(&be, 11, NULL);
        pos += huff_block_encode(&be, src, n, dst + pos, &info);
        huff_block_header_write(dst + pos, HUFF_BLOCK_CONTEXT, 0, (uint32_t)n, (uint32_t)psize);
        memcpy(dst + pos + HUFF_BLOCK_HEADER_SIZE, payload, psize);
        pos += HUFF_BLOCK_HEADER_SIZE + psize;
        pos += huff_block_encode(&be, src + 2 * n, n, dst + pos, &info);
        pos += huff_frame_write_end(dst + pos, 1, XXH3_64bits(src, 3 * n));
        free(payload);
        return pos;
}

/* Seeds with context blocks: every stream count, codes from 2 to 32. */
static void context_seeds(struct fuzz_rng *r)
{
        static const size_t sizes[] = { 300, 3000, 16000 };
        static const unsigned codes[] = { 2, 3, 5, 9, 17, 32 };
        static const enum kind kinds[] = { TEXT, SKEWED, MIXED, RUNS };
        size_t cap = 3 * 16000 + 3 * ctx_payload_room(16000) + 256;
        uint8_t *frame = malloc(cap), *check = malloc(3 * 16000), *buf = malloc(3 * 16000);
        unsigned v = 0;

        if (!frame || !check || !buf)
                exit(1);
        for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
                for (unsigned S = 1; S <= HUFF_CTX_STREAMS_MAX; S *= 2) {
                        size_t n = sizes[si], fsize, dsize;
                        unsigned K = codes[v % 6];
                        uint8_t ctl = (uint8_t)(v * 29 % 128);

                        v++;
                        if (S * S > n)
                                continue;
                        gen(r, kinds[v % 4], buf, n);
                        gen(r, kinds[(v + 1) % 4], buf + n, n);
                        memcpy(buf + 2 * n, buf, n);
                        fsize = v2_frame(r, buf, n, K, S, v, frame);
                        if (!fsize)
                                continue;
                        /* A seed that does not decode would seed nothing
                         * but the first checks. */
                        if (huff_decompress(check, 3 * n, &dsize, frame, fsize) != HUFF_OK ||
                            dsize != 3 * n || memcmp(check, buf, 3 * n) != 0) {
                                fprintf(stderr, "gen_seeds: a context frame does not decode\n");
                                exit(1);
                        }
                        put("decompress", &ctl, 1, frame, fsize);
                        block_seed(frame, fsize, 0);
                }
        }
        free(buf);
        free(check);
        free(frame);
}

int main(int argc, char **argv)
{
        static const size_t sizes[] = { 0, 1, 17, 300, 3000, 5000, 20000 };
        static const uint32_t blocks[] = { 256, 1024, 4096, 16384, 131072 };
        struct fuzz_rng r = { 1 };
        uint8_t *buf = malloc(20000);

        if (argc != 2 || !buf) {
                fprintf(stderr, "usage: gen_seeds DIR\n");
                free(buf);
                return 2;
        }
        dir = argv[1];
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
                perror(dir);
                free(buf);
                return 1;
        }
        for (unsigned k = 0; k < KINDS; k++) {
                for (unsigned si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
                        size_t n = sizes[si], csize, csize2;
                        unsigned v = k * 7 + si;
                        struct huff_params p;
                        uint8_t *c, *c2, rt[4], ctl;

                        gen(&r, (enum kind)k, buf, n);
                        huff_params_init(&p);
                        p.block_size = blocks[v % 5];
                        p.level = v % 3 == 0 ? 1 : v % 3 == 1 ? 6 : 9;
                        p.max_code_len = 8 + v % 8;
                        p.checksum = v % 4 != 3;
                        p.model = v % 5 == 2 ? fuzz_fixed_model() : NULL;
                        c = compress(buf, n, &p, &csize);
                        ctl = (uint8_t)(v * 13 % 128) | (p.model ? 0x80 : 0);
                        put("decompress", &ctl, 1, c, csize);
                        if (!p.model)
                                block_seed(c, csize, 0);
                        else
                                block_seed(c, csize, 1);
                        /* Two frames, the second of other parameters. */
                        p.block_size = 256;
                        p.checksum = !p.checksum;
                        c2 = compress(buf, n / 2, &p, &csize2);
                        {
                                uint8_t *cc = realloc(c, csize + csize2);

                                if (!cc)
                                        return 1;
                                c = cc;
                        }
                        memcpy(c + csize, c2, csize2);
                        put("decompress", &ctl, 1, c, csize + csize2);
                        free(c);
                        free(c2);

                        /* Round trip: parameters in the harness's layout. */
                        rt[0] = (uint8_t)(v % 9 | (v % 4 == 3) << 4 | (v % 3 == 1) << 5 |
                                          (v % 5 == 2) << 6 | (v % 2) << 7);
                        rt[1] = (uint8_t)(v % 8 | (v * 11 % 32) << 3);
                        rt[2] = (uint8_t)v;
                        rt[3] = (uint8_t)(v >> 3);
                        put("roundtrip", rt, 4, buf, n);
                }
        }

        /* Model files: every length limit, smoothed or not, from counts of
         * several kinds; each with a frame made with it. */
        for (unsigned limit = HUFF_CODE_LEN_MIN; limit <= HUFF_CODE_LEN_MAX; limit++) {
                for (unsigned k = 0; k < KINDS; k++) {
                        uint64_t counts[256];
                        struct huff_model *m;
                        struct huff_params p;
                        uint8_t file[4096], *frame, *seed;
                        size_t fsize, csize, n = 3000;

                        gen(&r, (enum kind)k, buf, n);
                        huff_histogram(buf, n, counts);
                        if (huff_model_create(&m, counts, (limit + k) % 3, 1 + k % 2, limit) != HUFF_OK)
                                continue;
                        if (huff_model_save(m, file, sizeof(file), &fsize) != HUFF_OK)
                                return 1;
                        huff_params_init(&p);
                        p.model = m;
                        p.block_size = 1024;
                        gen(&r, (enum kind)((k + limit) % KINDS), buf, n);
                        frame = compress(buf, n, &p, &csize);
                        seed = malloc(2 + fsize + csize);
                        if (!seed)
                                return 1;
                        store_le16(seed, (uint32_t)fsize);
                        memcpy(seed + 2, file, fsize);
                        memcpy(seed + 2 + fsize, frame, csize);
                        put("model", seed, 2 + fsize + csize, NULL, 0);
                        /* The model with plain data after it, for the
                         * harness's own round trip. */
                        put("model", seed, 2 + fsize, buf, 500);
                        free(seed);
                        free(frame);
                        huff_model_free(m);
                }
        }
        /* Codes 15 bits deep: Fibonacci counts (1, 1, 2, 3, ..., 987 for 16
         * byte values, 2,583 bytes) make the optimal code that deep.  One
         * copy is a one-stream block, two a four-stream one; the same as
         * a model's code, for model blocks. */
        for (unsigned copies = 1; copies <= 2; copies++) {
                uint8_t file[4096], rt[4] = { 0x05, 7 | 26 << 3, 0, 0 }, *c, *seed;
                uint64_t counts[256];
                struct huff_params p;
                struct huff_model *m;
                size_t n = 0, csize, fsize;

                for (unsigned k = 0; k < copies; k++) {
                        uint32_t f1 = 1, f2 = 1;

                        for (unsigned s = 0; s < 16; s++) {
                                uint32_t t = f1 + f2;

                                memset(buf + n, 'A' + (int)s, f1);
                                n += f1;
                                f1 = f2;
                                f2 = t;
                        }
                }
                huff_params_init(&p);
                p.max_code_len = 15;
                p.block_size = 16384;
                c = compress(buf, n, &p, &csize);
                put("decompress", "", 1, c, csize);
                block_seed(c, csize, 0);
                free(c);
                put("roundtrip", rt, 4, buf, n);
                huff_histogram(buf, n, counts);
                if (huff_model_create(&m, counts, 0, 1, 15) != HUFF_OK ||
                    huff_model_save(m, file, sizeof(file), &fsize) != HUFF_OK)
                        return 1;
                p.model = m;
                c = compress(buf, n, &p, &csize);
                seed = malloc(2 + fsize + csize);
                if (!seed)
                        return 1;
                store_le16(seed, (uint32_t)fsize);
                memcpy(seed + 2, file, fsize);
                memcpy(seed + 2 + fsize, c, csize);
                put("model", seed, 2 + fsize + csize, NULL, 0);
                free(seed);
                free(c);
                huff_model_free(m);
        }
        context_seeds(&r);
        free(buf);
        printf("gen_seeds: %u files in %s\n", nfiles, dir);
        return 0;
}
