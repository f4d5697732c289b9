/*
 * code_table.c - the compact form of a block's code lengths
 *
 * A text block uses 60 to 100 of the 256 byte values, with lengths that
 * change slowly along the alphabet and long runs of unused values.  Storing
 * 4 bits per symbol would cost 128 bytes; deflate's answer (RFC 1951 3.2.7)
 * costs a few dozen: the lengths, in symbol order up to the last used
 * symbol, are themselves Huffman coded with a 19-symbol "precode" (lengths
 * 0..15, a repeat of the previous length, two sizes of zero runs) whose
 * 3-bit lengths come first, in an order that puts the usually unused
 * entries last so that they can be cut off.
 */
#include "code_table.h"

#include "bitstream.h"
#include "canonical.h"
#include "format.h"
#include "huffman_lengths.h"

/* Zero runs and mid-range lengths first: rare lengths trail and get cut. */
static const uint8_t precode_order[HUFF_PRECODE_SYMS] = {
        17, 18, 0, 16, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
};

/* Extra bits after each precode symbol, and the run each base stands for. */
static unsigned extra_bits(unsigned sym)
{
        return sym == HUFF_PRE_REPEAT ? 2 : sym == HUFF_PRE_ZEROS_SHORT ? 3 :
               sym == HUFF_PRE_ZEROS_LONG ? 7 : 0;
}

struct token {
        uint8_t sym;
        uint8_t extra;
};

static unsigned tokenize(const uint8_t *lens, unsigned last, struct token *tok)
{
        unsigned nt = 0;

        for (unsigned i = 0; i <= last;) {
                unsigned v = lens[i], run = 1;

                while (i + run <= last && lens[i + run] == v)
                        run++;
                i += run;
                if (v == 0) {
                        while (run >= 11) {
                                unsigned r = HUFF_MIN(run, 138u);
                                tok[nt++] = (struct token){ HUFF_PRE_ZEROS_LONG, (uint8_t)(r - 11) };
                                run -= r;
                        }
                        if (run >= 3) {
                                tok[nt++] = (struct token){ HUFF_PRE_ZEROS_SHORT, (uint8_t)(run - 3) };
                                run = 0;
                        }
                } else {
                        tok[nt++] = (struct token){ (uint8_t)v, 0 };
                        run--;
                        while (run >= 3) {
                                unsigned r = HUFF_MIN(run, 6u);
                                tok[nt++] = (struct token){ HUFF_PRE_REPEAT, (uint8_t)(r - 3) };
                                run -= r;
                        }
                }
                while (run--)
                        tok[nt++] = (struct token){ (uint8_t)v, 0 };
        }
        return nt;
}

size_t huff_table_write(const uint8_t *lens, uint8_t *dst)
{
        struct token tok[256];
        uint64_t counts[HUFF_PRECODE_SYMS] = { 0 };
        uint8_t plens[HUFF_PRECODE_SYMS];
        huff_enc_entry penc[HUFF_PRECODE_SYMS];
        unsigned last = 255, nt, used = 0, hclen;
        struct huff_bitwriter bw;
        enum huff_status st;

        while (last > 0 && lens[last] == 0)
                last--;
        nt = tokenize(lens, last, tok);
        for (unsigned t = 0; t < nt; t++)
                counts[tok[t].sym]++;
        for (unsigned s = 0; s < HUFF_PRECODE_SYMS; s++)
                used += counts[s] != 0;
        /* The format wants a complete precode: give a lone symbol a partner
         * that is never used, so both get 1-bit codes. */
        if (used == 1)
                counts[counts[0] ? 1 : 0] = 1;
        st = huff_lens_build(counts, HUFF_PRECODE_SYMS, HUFF_PRECODE_MAX_LEN, plens);
        HUFF_ASSERT(st == HUFF_OK);
        (void)st;
        huff_canon_enc_table(plens, HUFF_PRECODE_SYMS, penc);

        for (hclen = HUFF_PRECODE_SYMS; hclen > 4 && plens[precode_order[hclen - 1]] == 0; hclen--)
                ;
        dst[0] = (uint8_t)last;
        bw_init(&bw, dst + 1);
        bw_put(&bw, hclen - 4, 4);
        for (unsigned k = 0; k < hclen; k++) {
                bw_put(&bw, plens[precode_order[k]], 3);
                bw_flush(&bw);
        }
        for (unsigned t = 0; t < nt; t++) {
                huff_enc_entry e = penc[tok[t].sym];

                bw_put(&bw, e >> 8, e & 0xff);
                bw_put(&bw, tok[t].extra, extra_bits(tok[t].sym));
                bw_flush(&bw);
        }
        return (size_t)(bw_finish(&bw) - dst);
}

enum huff_status huff_table_read(const uint8_t *src, size_t n, uint8_t *lens,
                                 unsigned *longest, size_t *size)
{
        uint8_t plens[HUFF_PRECODE_SYMS] = { 0 };
        huff_dec_entry pdt[1u << HUFF_PRECODE_MAX_LEN];
        struct huff_bitreader br;
        unsigned last, hclen, plongest;
        uint64_t consumed;

        FAIL_IF(n < 2, HUFF_ERR_CODE_LENGTHS);
        last = src[0];
        br_init(&br, src + 1, n - 1);
        hclen = br_get(&br, 4) + 4;
        FAIL_IF(hclen > HUFF_PRECODE_SYMS, HUFF_ERR_CODE_LENGTHS);
        for (unsigned k = 0; k < hclen; k++)
                plens[precode_order[k]] = (uint8_t)br_get(&br, 3);
        TRY(huff_canon_check(plens, HUFF_PRECODE_SYMS, HUFF_PRECODE_MAX_LEN, &plongest));
        huff_canon_dec_table(plens, HUFF_PRECODE_SYMS, plongest, pdt);

        memset(lens, 0, 256);
        for (unsigned i = 0; i <= last;) {
                huff_dec_entry e = pdt[br_peek(&br, plongest)];
                unsigned sym = e >> 8, run;

                br_skip(&br, e & 0xff);
                if (sym < 16) {
                        lens[i++] = (uint8_t)sym;
                        continue;
                }
                run = br_get(&br, extra_bits(sym));
                run += sym == HUFF_PRE_ZEROS_LONG ? 11 : 3;
                FAIL_IF(run > last + 1 - i, HUFF_ERR_CODE_LENGTHS);
                FAIL_IF(sym == HUFF_PRE_REPEAT && i == 0, HUFF_ERR_CODE_LENGTHS);
                memset(lens + i, sym == HUFF_PRE_REPEAT ? lens[i - 1] : 0, run);
                i += run;
        }
        /* Bits really used: everything fetched, the zero bytes supplied past
         * the end included, minus what is still buffered.  Without those
         * bytes a table cut short would pass for a shorter one, and a table
         * whose last lookahead ran past n would report a size one short. */
        consumed = ((uint64_t)(br.next - (src + 1)) + br.overrun) * 8 - br.avail;
        FAIL_IF(consumed > (uint64_t)(n - 1) * 8, HUFF_ERR_CODE_LENGTHS);
        /* The table pads to a byte boundary with zero bits. */
        FAIL_IF(br.bits & ((1u << (br.avail & 7)) - 1), HUFF_ERR_CODE_LENGTHS);
        /* The last symbol coded is used, so each table has one encoding. */
        FAIL_IF(lens[last] == 0, HUFF_ERR_CODE_LENGTHS);
        TRY(huff_canon_check(lens, 256, HUFF_CODE_LEN_MAX, longest));
        *size = 1 + (size_t)((consumed + 7) / 8);
        return HUFF_OK;
}
