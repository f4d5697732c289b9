/*
 * fuzz_decompress.c - the frame decoder: huff_decompress() and the
 * streaming decoder fed in random pieces must agree
 *
 * Input: one control byte, then the .huf bytes.  The control byte seeds the
 * piece sizes and, with bit 7, gives the decoder fuzz_fixed_model() (the
 * seeds made with that model set it).  Checked: no crash, no read or write
 * outside the buffers (ASan), no hang; the one-shot and both streaming runs
 * (the second after huff_decoder_reset() of the same decoder) return the
 * same status and the same bytes, whatever the pieces.  A last run skims
 * frames made with a model (huff_decoder_skim_model_frames()), none given.
 */
#include "fuzz_util.h"

#define OUT_CAP ((size_t)4 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static uint8_t *one, *two;
        const struct huff_model *m;
        struct huff_decoder *d;
        struct fuzz_rng r;
        enum huff_status s1, s2;
        size_t n1, n2;
        uint8_t ctl;

        if (size < 1)
                return 0;
        if (!one) {
                one = malloc(OUT_CAP);
                two = malloc(OUT_CAP);
                if (!one || !two)
                        abort();
        }
        ctl = data[0];
        data++;
        size--;
        m = ctl & 0x80 ? fuzz_fixed_model() : NULL;
        r.s = ctl;

        s1 = huff_decompress_model(one, OUT_CAP, &n1, data, size, m);
        FUZZ_ASSERT(n1 <= OUT_CAP, "dsize %zu", n1);

        FUZZ_ASSERT(huff_decoder_create(&d) == HUFF_OK, "create");
        for (unsigned pass = 0; pass < 2; pass++) {
                struct huff_stats st;

                huff_decoder_set_model(d, m);
                s2 = fuzz_stream_decode(d, &r, data, size, two, OUT_CAP, &n2,
                                        pass ? 64 : size + 1, pass ? 64 : OUT_CAP);
                huff_decoder_stats(d, &st);
                /* Even after an error: a failed block is not delivered. */
                FUZZ_ASSERT(st.decompressed_bytes == n2, "stats say %llu bytes out, %zu were",
                            (unsigned long long)st.decompressed_bytes, n2);
                if (s1 != HUFF_ERR_DST_TOO_SMALL && s2 != HUFF_ERR_DST_TOO_SMALL) {
                        FUZZ_ASSERT(s1 == s2, "one-shot: %s, streaming pass %u: %s",
                                    huff_strerror(s1), pass, huff_strerror(s2));
                        if (s1 == HUFF_OK || s1 == HUFF_ERR_TRAILING_DATA) {
                                FUZZ_ASSERT(n1 == n2, "%zu bytes one-shot, %zu streaming", n1, n2);
                                FUZZ_ASSERT(memcmp(one, two, n1) == 0, "different bytes");
                        }
                }
                if (s2 != HUFF_OK && s2 != HUFF_ERR_DST_TOO_SMALL && s2 != HUFF_ERR_TRUNCATED) {
                        /* A failed decoder stays failed, with the same
                         * error, until it is reset.  (Truncation is
                         * huff_decoder_finish()'s verdict, not a failure.) */
                        struct huff_inbuf in = { data, size, 0 };
                        struct huff_outbuf out = { two, OUT_CAP, 0 };
                        enum huff_status again = huff_decoder_feed(d, &out, &in);

                        FUZZ_ASSERT(again == s2,
                                    "fed again after %s: %s", huff_strerror(s2),
                                    huff_strerror(again));
                        FUZZ_ASSERT(huff_decoder_finish(d) == s2,
                                    "finish after %s", huff_strerror(s2));
                        if (s2 == HUFF_ERR_MODEL_MISMATCH)
                                FUZZ_ASSERT(huff_decoder_model_wanted(d) != huff_model_id(m),
                                            "a mismatch wants the model it was given");
                }
                huff_decoder_reset(d);
        }
        /* Skimming (huff -l): frames made with a model, none given, are
         * counted by their headers.  Without such frames it must change
         * nothing; with them, deliver nothing of theirs. */
        huff_decoder_set_model(d, NULL);
        huff_decoder_skim_model_frames(d, 1);
        s2 = fuzz_stream_decode(d, &r, data, size, two, OUT_CAP, &n2, 64, 64);
        {
                struct huff_stats st;

                huff_decoder_stats(d, &st);
                FUZZ_ASSERT(st.frames_skimmed <= st.frames, "%llu frames skimmed of %llu",
                            (unsigned long long)st.frames_skimmed,
                            (unsigned long long)st.frames);
                if (!m && s1 != HUFF_ERR_DST_TOO_SMALL && s2 != HUFF_ERR_DST_TOO_SMALL &&
                    st.frames_skimmed == 0 && (s1 == HUFF_OK || s1 == HUFF_ERR_TRAILING_DATA)) {
                        FUZZ_ASSERT(s1 == s2, "one-shot: %s, skimming: %s",
                                    huff_strerror(s1), huff_strerror(s2));
                        FUZZ_ASSERT(n1 == n2, "%zu bytes one-shot, %zu skimming", n1, n2);
                }
        }
        huff_decoder_free(d);
        return 0;
}
