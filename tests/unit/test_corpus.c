/*
 * test_corpus.c - every corpus file round-trips, and each file over 64 KiB
 * compresses to at most 1.001 x its whole-file optimal 11-bit payload + 64
 * bytes (frame, block headers, tables and block boundaries together may
 * cost at most that).  At -9, where blocks are cut by cost, each file over
 * 64 KiB is no larger than zlib's Huffman-only deflate with the parameters
 * huff bench pins, and the corpus's total is smaller.
 *
 * The corpus is the folder $HUFF_CORPUS names; when that is unset or
 * absent the test says so and passes without checking anything.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "huff.h"
#include "histogram.h"
#include "huffman_lengths.h"
#include "testutil.h"

/* The whole-file static payload in bytes with optimal 11-bit lengths. */
static double wholefile_payload_bytes(const unsigned char *src, size_t n)
{
        uint64_t counts[256], bits = 0;
        uint8_t lens[256];

        huff_hist_count(src, n, counts);
        ck_assert_int_eq(huff_lens_build(counts, 256, 11, lens), HUFF_OK);
        for (int s = 0; s < 256; s++)
                bits += counts[s] * lens[s];
        return (double)bits / 8;
}

/* zlib's Huffman-only raw deflate, pinned as huff bench pins it: memLevel sets
 * its block size and changes its output by up to 20%. */
static size_t zlib_huffman_only_size(const unsigned char *src, size_t n)
{
        z_stream z;
        size_t cap = n + n / 8 + 1024;  /* Huffman-only output is never much over n */
        unsigned char *out = malloc(cap);

        memset(&z, 0, sizeof(z));
        ck_assert_int_eq(deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_HUFFMAN_ONLY), Z_OK);
        z.next_in = (unsigned char *)(uintptr_t)src;
        z.avail_in = (uInt)n;
        z.next_out = out;
        z.avail_out = (uInt)cap;
        ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
        deflateEnd(&z);
        free(out);
        return z.total_out;
}

START_TEST(corpus_round_trips_within_bound)
{
        char line[4096];
        FILE *m;
        unsigned files = 0;
        uint64_t total9 = 0, total_zlib = 0;
        struct huff_params best;

        huff_params_init(&best);
        best.level = 9;

        m = corpus_manifest();
        if (!m)
                return;
        while (fgets(line, sizeof(line), m)) {
                char set[256], name[256], path[4096];
                size_t n, cap, csize, dsize;
                unsigned char *src, *comp, *dec;

                if (sscanf(line, "%255[^\t]\t%255[^\t]", set, name) != 2)
                        continue;
                snprintf(path, sizeof(path), "%s/%s/%s", corpus_dir(), set, name);
                src = read_file(path, &n);
                ck_assert_msg(src != NULL, "%s listed but unreadable", path);
                cap = huff_compress_bound(n);
                comp = malloc(cap);
                dec = malloc(n + 1);
                ck_assert_int_eq(huff_compress(comp, cap, &csize, src, n, NULL), HUFF_OK);
                ck_assert_int_eq(huff_decompress(dec, n, &dsize, comp, csize), HUFF_OK);
                ck_assert_uint_eq(dsize, n);
                ck_assert_msg(memcmp(src, dec, n) == 0, "%s: round trip differs", path);

                double payload = wholefile_payload_bytes(src, n);
                double bound = 1.001 * payload + 64;

                printf("corpus: %-12s %-14s %9zu -> %9zu bytes, %.4f bits/B"
                       " (whole-file 11-bit payload %.0f, bound %.0f)\n",
                       set, name, n, csize, 8.0 * (double)csize / (double)n, payload, bound);
                if (n > 65536)
                        ck_assert_msg((double)csize <= bound, "%s: %zu bytes > bound %.0f",
                                      path, csize, bound);

                size_t zsize = zlib_huffman_only_size(src, n), size9;

                ck_assert_int_eq(huff_compress(comp, cap, &size9, src, n, &best), HUFF_OK);
                ck_assert_int_eq(huff_decompress(dec, n, &dsize, comp, size9), HUFF_OK);
                ck_assert_msg(dsize == n && memcmp(src, dec, n) == 0, "%s: -9 round trip", path);
                printf("corpus:   -9 %9zu bytes, zlib Huffman-only %9zu (%+.2f%%)\n", size9, zsize,
                       100.0 * ((double)size9 - (double)zsize) / (double)zsize);
                if (n > 65536)
                        ck_assert_msg(size9 <= zsize, "%s: -9 gives %zu bytes, zlib %zu",
                                      path, size9, zsize);
                total9 += size9;
                total_zlib += zsize;
                free(src);
                free(comp);
                free(dec);
                files++;
        }
        fclose(m);
        ck_assert_uint_gt(files, 0);
        printf("corpus: total at -9 %llu bytes, zlib Huffman-only %llu\n",
               (unsigned long long)total9, (unsigned long long)total_zlib);
        ck_assert_uint_lt(total9, total_zlib);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("corpus");
        TCase *tc = tcase_create("corpus");

        tcase_set_timeout(tc, 120);
        tcase_add_test(tc, corpus_round_trips_within_bound);
        suite_add_tcase(s, tc);
        return test_run_suite(s);
}
