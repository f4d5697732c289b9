/*
 * test_corruption.c - damaged .huf files: every cut and thousands of bit
 * flips and byte overwrites, through the library
 *
 * Each file below is compressed from generated data so that, between them,
 * they hold every block type (raw, rle, huffman, repeat, model, four-stream
 * huffman), many small blocks, and several concatenated frames; the test
 * checks that they do (file_has_what_it_says).  Then:
 *
 *   - every truncation of a file up to 4 KiB compressed, and for bigger
 *     ones a seeded sample plus every cut within 2 bytes of a header, must
 *     give HUFF_ERR_TRUNCATED, except a cut exactly between two frames,
 *     which is a valid shorter file and must decode to its frames' content;
 *   - 1,500 seeded single-bit flips or byte overwrites per checksummed file
 *     (10,500 in all) must never decode without error to different bytes,
 *     and must give an input error, never HUFF_ERR_PARAM, NOMEM or STAGE;
 *     one case in eight is also decoded by the streaming decoder in random
 *     pieces, which must give the same status;
 *   - a file without checksums may decode damage to other bytes (nothing
 *     checks its content): there only no crash and no stray access count.
 *
 * Inputs end at an unmapped page and outputs are exactly the content's
 * size, ending at one too, so any read or write past either faults, with or
 * without ASan; Check's timeout catches a hang.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huff.h"
#include "block.h"
#include "frame.h"
#include "testutil.h"

#define STREAM 0xc0a2u
#define MUTATIONS 1500u
#define SAMPLED_CUTS 300u

/* A test file: content, its .huf form, the sizes of its frames. */
struct file {
        const char *name;
        uint8_t *content;
        size_t n;
        uint8_t *huf;
        size_t size;
        size_t frame_end[4];            /* offsets where each frame ends */
        size_t frame_content_end[4];    /* content decoded by then */
        unsigned frames;
        int checked;                    /* every frame has a checksum */
        struct huff_model *model;
};

enum { TINY, ONE_BYTE, ONE_BLOCK, SMALL_BLOCKS, MODEL, FOUR_STREAMS, CONCATENATED,
       UNCHECKED, NFILES };

/* Data of every kind in turn, in pieces of 300 to 1,800 bytes, with a
 * piece repeated reversed now and then (same counts: a repeat block). */
static void gen_mixed(struct rng *r, uint8_t *dst, size_t n)
{
        size_t i = 0;

        for (unsigned part = 0; i < n; part++) {
                size_t len = (size_t)rng_range(r, 300, 1800);

                len = HUFF_MIN(n - i, len);

                switch (part % 5) {
                case 0: gen_text(r, dst + i, len); break;
                case 1: gen_run(dst + i, len, (uint8_t)rng_next(r)); break;
                case 2: gen_uniform(r, dst + i, len); break;
                case 3: gen_skewed(r, dst + i, len, 0.7); break;
                default:
                        for (size_t k = 0; k < len && k < i; k++)
                                dst[i + k] = dst[i - 1 - k];
                        break;
                }
                i += len;
        }
}

static struct huff_params params(uint32_t block_size, int level, int checksum)
{
        struct huff_params p;

        huff_params_init(&p);
        p.block_size = block_size;
        p.level = level;
        p.checksum = checksum;
        return p;
}

/* Append one frame of content[from..to) to f->huf. */
static void add_frame(struct file *f, size_t from, size_t to, const struct huff_params *p)
{
        size_t bound = huff_compress_bound(to - from), csize;
        enum huff_status s;

        f->huf = realloc(f->huf, f->size + bound);
        ck_assert_ptr_nonnull(f->huf);
        s = huff_compress(f->huf + f->size, bound, &csize, f->content + from, to - from, p);
        ck_assert_msg(s == HUFF_OK, "%s: %s", f->name, huff_strerror(s));
        f->size += csize;
        f->frame_end[f->frames] = f->size;
        f->frame_content_end[f->frames] = to;
        f->frames++;
}

static void make_file(unsigned which, struct file *f)
{
        struct rng r;
        struct huff_params p;

        memset(f, 0, sizeof(*f));
        f->checked = 1;
        rng_seed(&r, STREAM, which);
        switch (which) {
        case TINY:
                f->name = "tiny";
                f->n = 23;
                f->content = xmalloc(f->n);
                memcpy(f->content, "abracadabra abracadabra", 23);
                p = params(HUFF_BLOCK_SIZE_DEFAULT, 6, 1);
                add_frame(f, 0, f->n, &p);
                break;
        case ONE_BYTE:
                f->name = "one byte";
                f->n = 1;
                f->content = xmalloc(1);
                f->content[0] = 'x';
                p = params(HUFF_BLOCK_SIZE_DEFAULT, 6, 1);
                add_frame(f, 0, 1, &p);
                break;
        case ONE_BLOCK:
                f->name = "one block";
                f->n = 3000;
                f->content = xmalloc(f->n);
                gen_text(&r, f->content, f->n);
                p = params(HUFF_BLOCK_SIZE_DEFAULT, 6, 1);
                add_frame(f, 0, f->n, &p);
                break;
        case SMALL_BLOCKS:
                f->name = "small blocks";
                f->n = 12000;
                f->content = xmalloc(f->n);
                gen_mixed(&r, f->content, f->n);
                p = params(256, 1, 1);
                add_frame(f, 0, f->n, &p);
                break;
        case MODEL: {
                uint64_t counts[256];
                uint8_t train[1 << 14];

                f->name = "model";
                gen_text(&r, train, sizeof(train));
                huff_histogram(train, sizeof(train), counts);
                ck_assert_int_eq(huff_model_create(&f->model, counts, 1, 2, 15), HUFF_OK);
                f->n = 6000;
                f->content = xmalloc(f->n);
                gen_text(&r, f->content, f->n);
                p = params(256, 6, 1);
                p.model = f->model;
                add_frame(f, 0, f->n, &p);
                break;
        }
        case FOUR_STREAMS:
                f->name = "four streams";
                f->n = 40000;
                f->content = xmalloc(f->n);
                gen_text(&r, f->content, f->n);
                p = params(16384, 6, 1);
                add_frame(f, 0, f->n, &p);
                break;
        case CONCATENATED:
                f->name = "concatenated";
                f->n = 9000;
                f->content = xmalloc(f->n);
                gen_mixed(&r, f->content, f->n);
                p = params(1024, 9, 1);
                add_frame(f, 0, 4000, &p);
                p = params(256, 1, 1);
                add_frame(f, 4000, 4001, &p);
                p = params(4096, 6, 1);
                add_frame(f, 4001, f->n, &p);
                break;
        default:
                f->name = "unchecked";
                f->n = 12000;
                f->content = xmalloc(f->n);
                gen_mixed(&r, f->content, f->n);
                p = params(256, 1, 0);
                add_frame(f, 0, f->n, &p);
                f->checked = 0;
                break;
        }
}

static void free_file(struct file *f)
{
        free(f->content);
        free(f->huf);
        huff_model_free(f->model);
}

/* Where each header (frame, block, end mark) of f starts, by walking it;
 * counts blocks by type (index 5: four-stream ones).  Returns how many
 * starts it stored (at most cap). */
static size_t walk(const struct file *f, size_t *starts, size_t cap, unsigned kinds[6])
{
        size_t pos = 0, ns = 0;

        memset(kinds, 0, 6 * sizeof(kinds[0]));
        for (unsigned fr = 0; fr < f->frames; fr++) {
                struct huff_frame_header fh;
                size_t hsize;

                if (ns < cap)
                        starts[ns++] = pos;
                ck_assert_int_eq(huff_frame_parse_header(f->huf + pos, f->size - pos, &fh, &hsize),
                                 HUFF_OK);
                pos += hsize;
                while (f->huf[pos] != HUFF_TAG_END) {
                        struct huff_block_header h;

                        if (ns < cap)
                                starts[ns++] = pos;
                        ck_assert_int_eq(huff_block_header_parse(f->huf + pos, fh.block_size, HUFF_FORMAT_V1, &h),
                                         HUFF_OK);
                        kinds[h.type]++;
                        kinds[5] += (unsigned)h.four_streams;
                        pos += HUFF_BLOCK_HEADER_SIZE + h.payload_size;
                }
                if (ns < cap)
                        starts[ns++] = pos;
                pos += fh.checksum ? HUFF_END_SIZE : 1;
                ck_assert_uint_eq(pos, f->frame_end[fr]);
        }
        return ns;
}

/* The files hold what the header comment promises. */
START_TEST(file_has_what_it_says)
{
        unsigned total[6] = { 0 }, kinds[6];
        size_t starts[1];

        for (unsigned i = 0; i < NFILES; i++) {
                struct file f;

                make_file(i, &f);
                walk(&f, starts, 0, kinds);
                for (unsigned k = 0; k < 6; k++)
                        total[k] += kinds[k];
                printf("corruption: %-13s %6zu bytes, %5zu compressed, %u frame(s); blocks: "
                       "raw %u, rle %u, huffman %u, repeat %u, model %u, four-stream %u\n",
                       f.name, f.n, f.size, f.frames, kinds[0], kinds[1], kinds[2], kinds[3],
                       kinds[4], kinds[5]);
                if (i == SMALL_BLOCKS)
                        ck_assert_uint_ge(kinds[0] + kinds[1] + kinds[2] + kinds[3], 40);
                free_file(&f);
        }
        for (unsigned k = 0; k < 6; k++)
                ck_assert_msg(total[k] > 0, "no block of kind %u in the files", k);
}
END_TEST

static enum huff_status decode(const struct file *f, const uint8_t *in, size_t n, uint8_t *out,
                               size_t *dsize)
{
        return huff_decompress_model(out, f->n, dsize, in, n, f->model);
}

/* The streaming decoder fed in pieces of 1..64 bytes, with all the room
 * of out at once; HUFF_ERR_DST_TOO_SMALL if it stops for lack of room. */
static enum huff_status stream_decode(struct rng *r, const struct file *f, const uint8_t *in,
                                      size_t n, uint8_t *out)
{
        struct huff_decoder *d;
        struct huff_outbuf ob = { out, f->n, 0 };
        size_t pos = 0;
        enum huff_status s = HUFF_OK;

        ck_assert_int_eq(huff_decoder_create(&d), HUFF_OK);
        huff_decoder_set_model(d, f->model);
        while (pos < n && s == HUFF_OK) {
                size_t len = (size_t)rng_range(r, 1, 64);
                struct huff_inbuf ib;

                len = HUFF_MIN(n - pos, len);
                ib = (struct huff_inbuf){ in + pos, len, 0 };
                s = huff_decoder_feed(d, &ob, &ib);
                if (s == HUFF_OK && ib.pos < len)
                        s = HUFF_ERR_DST_TOO_SMALL;
                pos += ib.pos;
        }
        if (s == HUFF_OK)
                s = huff_decoder_finish(d);
        huff_decoder_free(d);
        return s;
}

/* ------------------------------------------------------------------------ */
/* Truncation */

static void check_cut(const struct file *f, size_t len, uint8_t *out)
{
        enum huff_status s;
        size_t dsize = 0;
        unsigned fr;
        const uint8_t *in;
        uint8_t *g = NULL;

        if (len <= GUARDED_SMALL_MAX) {
                in = guarded_small(f->huf, len);
        } else {
                g = guarded_copy(f->huf, len);
                in = g;
        }
        s = decode(f, in, len, out, &dsize);
        for (fr = 0; fr < f->frames && f->frame_end[fr] != len; fr++)
                ;
        if (fr < f->frames) {
                /* Between frames (or the whole file): valid. */
                size_t want = f->frame_content_end[fr];

                TEST_ASSERT(s == HUFF_OK, "%s cut to %zu of %zu, after frame %u: %s", f->name,
                            len, f->size, fr + 1, huff_strerror(s));
                TEST_ASSERT(dsize == want && memcmp(out, f->content, want) == 0,
                            "%s cut after frame %u: wrong content", f->name, fr + 1);
        } else {
                TEST_ASSERT(s == HUFF_ERR_TRUNCATED, "%s cut to %zu of %zu: %s", f->name, len,
                            f->size, huff_strerror(s));
        }
        free_guarded_buffer(g, len);
}

START_TEST(every_cut)
{
        struct file f;
        uint8_t *out;
        size_t starts[4096];
        unsigned kinds[6], cuts = 0;
        size_t ns;
        struct rng r;

        make_file((unsigned)_i, &f);
        out = alloc_guarded_buffer(f.n);
        test_seed = (uint64_t)_i;
        if (f.size <= 4096) {
                for (size_t len = 0; len <= f.size; len++, cuts++)
                        check_cut(&f, len, out);
        } else {
                /* Within 2 bytes of every header's start... */
                ns = walk(&f, starts, sizeof(starts) / sizeof(starts[0]), kinds);
                for (size_t k = 0; k < ns; k++)
                        for (size_t len = starts[k] > 2 ? starts[k] - 2 : 0;
                             len <= starts[k] + 2 + HUFF_BLOCK_HEADER_SIZE && len <= f.size;
                             len++, cuts++)
                                check_cut(&f, len, out);
                /* ...and a seeded sample of the rest. */
                rng_seed(&r, STREAM + 1, (uint64_t)_i);
                for (unsigned k = 0; k < SAMPLED_CUTS; k++, cuts++)
                        check_cut(&f, (size_t)rng_below(&r, f.size + 1), out);
                check_cut(&f, f.size, out);
        }
        printf("corruption: %-13s %u cuts\n", f.name, cuts);
        free_guarded_buffer(out, f.n);
        free_file(&f);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Bit flips and byte overwrites */

START_TEST(flips_and_overwrites)
{
        struct file f;
        struct rng r;
        uint8_t *bad, *out;
        unsigned seen[32] = { 0 }, same = 0;

        make_file((unsigned)_i, &f);
        bad = guarded_copy(f.huf, f.size);
        out = alloc_guarded_buffer(f.n);
        rng_seed(&r, STREAM + 2, (uint64_t)_i);
        for (unsigned k = 0; k < MUTATIONS; k++) {
                size_t at = (size_t)rng_below(&r, f.size), dsize = 0;
                uint8_t was = bad[at];
                enum huff_status s;

                test_seed = k;
                if (k % 2 == 0) {
                        bad[at] ^= (uint8_t)(1u << rng_below(&r, 8));
                } else {
                        do
                                bad[at] = (uint8_t)rng_next(&r);
                        while (bad[at] == was);
                }
                s = decode(&f, bad, f.size, out, &dsize);
                TEST_ASSERT(dsize <= f.n, "%s: %zu bytes out", f.name, dsize);
                TEST_ASSERT(s != HUFF_ERR_PARAM && s != HUFF_ERR_NOMEM && s != HUFF_ERR_STAGE,
                            "%s: byte %zu %02x -> %02x: %s", f.name, at, was, bad[at],
                            huff_strerror(s));
                if (f.checked) {
                        /* Damage never passes for content. */
                        TEST_ASSERT(s != HUFF_OK || (dsize == f.n && memcmp(out, f.content, f.n) == 0),
                                    "%s: byte %zu %02x -> %02x decodes without error to "
                                    "different bytes", f.name, at, was, bad[at]);
                        same += s == HUFF_OK;
                }
                if (k % 8 == 0 && s != HUFF_ERR_DST_TOO_SMALL) {
                        enum huff_status s2 = stream_decode(&r, &f, bad, f.size, out);

                        TEST_ASSERT(s2 == s || s2 == HUFF_ERR_DST_TOO_SMALL,
                                    "%s: byte %zu %02x -> %02x: one-shot %s, streaming %s",
                                    f.name, at, was, bad[at], huff_strerror(s), huff_strerror(s2));
                }
                seen[s < 32 ? s : 31]++;
                bad[at] = was;
        }
        printf("corruption: %-13s %u flips/overwrites:", f.name, MUTATIONS);
        for (unsigned s = 0; s < 32; s++)
                if (seen[s])
                        printf(" %s %u,", s == HUFF_OK ? "decoded" : huff_strerror((enum huff_status)s),
                               seen[s]);
        printf("\n");
        /* A checked file decodes damage as good only if it is no damage
         * at all, which a single changed byte cannot be here. */
        ck_assert_uint_eq(same, 0);
        free_guarded_buffer(bad, f.size);
        free_guarded_buffer(out, f.n);
        free_file(&f);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("corruption");
        TCase *tc = tcase_create("corruption");

        tcase_add_test(tc, file_has_what_it_says);
        tcase_add_loop_test(tc, every_cut, 0, NFILES);
        tcase_add_loop_test(tc, flips_and_overwrites, 0, NFILES);
        tcase_set_timeout(tc, 120);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
