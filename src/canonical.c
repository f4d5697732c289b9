/*
 * canonical.c - canonical codewords from code lengths; encode and decode tables
 *
 * Only lengths travel in the format: both sides derive the same codewords
 * from them (deflate's rule, RFC 1951 3.2.2): codes of one length are
 * consecutive integers in symbol order, and each length's first code follows
 * the last code of the length before, shifted left by one.
 *
 * Codewords are written most significant bit first into an LSB-first bit
 * stream, so tables hold them bit-reversed: the decoder then indexes its
 * table with the low bits of its bit buffer and needs no reversal per symbol.
 */
#include "canonical.h"

#define R2(n) n, n + 2 * 64, n + 1 * 64, n + 3 * 64
#define R4(n) R2(n), R2(n + 2 * 16), R2(n + 1 * 16), R2(n + 3 * 16)
#define R6(n) R4(n), R4(n + 2 * 4), R4(n + 1 * 4), R4(n + 3 * 4)
const uint8_t huff_rev8[256] = { R6(0), R6(2), R6(1), R6(3) };
#undef R6
#undef R4
#undef R2

enum huff_status huff_canon_check(const uint8_t *lens, unsigned num_syms,
                                  unsigned max_len, unsigned *longest)
{
        /* Kraft sum scaled by 2^max_len: exactly 2^max_len for a complete code. */
        uint64_t kraft = 0;
        unsigned used = 0, top = 0;

        for (unsigned s = 0; s < num_syms; s++) {
                unsigned l = lens[s];

                if (l == 0)
                        continue;
                if (l > max_len)
                        return HUFF_ERR_CODE_LENGTHS;
                kraft += (uint64_t)1 << (max_len - l);
                used++;
                top = HUFF_MAX(top, l);
        }
        if (used < 2 || kraft != (uint64_t)1 << max_len)
                return HUFF_ERR_CODE_LENGTHS;
        *longest = top;
        return HUFF_OK;
}

/* first[l] = first canonical codeword of length l. */
static void first_codes(const uint8_t *lens, unsigned num_syms, uint32_t first[HUFF_CODE_LEN_MAX + 2])
{
        unsigned count[HUFF_CODE_LEN_MAX + 1] = { 0 };
        uint32_t code = 0;

        for (unsigned s = 0; s < num_syms; s++)
                count[lens[s]]++;
        count[0] = 0;
        for (unsigned l = 1; l <= HUFF_CODE_LEN_MAX; l++) {
                code = (code + count[l - 1]) << 1;
                first[l] = code;
        }
}

void huff_canon_enc_table(const uint8_t *lens, unsigned num_syms, huff_enc_entry *enc)
{
        uint32_t next[HUFF_CODE_LEN_MAX + 2];

        first_codes(lens, num_syms, next);
        for (unsigned s = 0; s < num_syms; s++) {
                unsigned l = lens[s];

                HUFF_ASSERT(l <= HUFF_CODE_LEN_MAX);
                enc[s] = l ? huff_bitrev(next[l]++, l) << 8 | l : 0;
        }
}

/*
 * A counting sort in four independent quarters of the alphabet: through one
 * table of counts (or of places) each symbol's update waits for the one
 * before of the same length, which for runs of equal lengths (the unused
 * symbols, above all) is a store and a load a symbol; the quarters' chains
 * run side by side (histogram.c counts so, for the same reason).  Measured
 * on the 256-symbol codes of text: 670 ns a code with one table, 330 with
 * four.
 */
void huff_canon_sort(const uint8_t *lens, unsigned num_syms, uint8_t *sorted,
                     unsigned count[HUFF_CODE_LEN_MAX + 1])
{
        unsigned q4 = num_syms / 4;
        unsigned c[4][HUFF_CODE_LEN_MAX + 1] = { { 0 } }, at[4][HUFF_CODE_LEN_MAX + 1];
        unsigned next = 0;

        HUFF_ASSERT(num_syms <= 256);
        /* Quarters [0, q4), [q4, 2 q4), [2 q4, 3 q4) and the rest. */
        for (unsigned s = 0; s < q4; s++) {
                c[0][lens[s]]++;
                c[1][lens[q4 + s]]++;
                c[2][lens[2 * q4 + s]]++;
                c[3][lens[3 * q4 + s]]++;
        }
        for (unsigned s = 4 * q4; s < num_syms; s++)
                c[3][lens[s]]++;
        for (unsigned l = 0; l <= HUFF_CODE_LEN_MAX; l++) {
                count[l] = 0;
                for (unsigned q = 0; q < 4; q++) {
                        at[q][l] = next;
                        next += c[q][l];
                        count[l] += c[q][l];
                }
        }
        /* The unused symbols too, first: no branch on the lengths, which
         * no predictor follows. */
        for (unsigned s = 0; s < q4; s++) {
                sorted[at[0][lens[s]]++] = (uint8_t)s;
                sorted[at[1][lens[q4 + s]]++] = (uint8_t)(q4 + s);
                sorted[at[2][lens[2 * q4 + s]]++] = (uint8_t)(2 * q4 + s);
                sorted[at[3][lens[3 * q4 + s]]++] = (uint8_t)(3 * q4 + s);
        }
        for (unsigned s = 4 * q4; s < num_syms; s++)
                sorted[at[3][lens[s]]++] = (uint8_t)s;
}

/*
 * Lengths in increasing order, the table doubling as they grow (libdeflate
 * builds its tables this way): after length l the first 2^l entries are
 * right for every codeword of at most l bits, a codeword of length l being
 * written once, at its reversed value; copying them into the next 2^l
 * entries makes the first 2^(l+1) right for the codewords of at most l
 * bits, and those of length l + 1 go in over entries that only prefixes
 * of longer codewords held.  So each entry is stored about once, by
 * memcpy, instead of once per codeword at a stride: a table of 2^11
 * entries took 7 instructions an entry.
 */
void huff_canon_dec_table_sorted(const uint8_t *sorted, const unsigned count[HUFF_CODE_LEN_MAX + 1],
                                 unsigned table_log, huff_dec_entry *dt)
{
        uint32_t code = 0;
        unsigned i = count[0];

        HUFF_ASSERT(table_log <= HUFF_CODE_LEN_MAX);
        for (unsigned l = 1; l <= table_log; l++) {
                if (l > 1)
                        memcpy(dt + ((size_t)1 << (l - 1)), dt,
                               ((size_t)1 << (l - 1)) * sizeof(*dt));
                for (unsigned k = 0; k < count[l]; k++, i++)
                        dt[huff_bitrev(code++, l)] = (huff_dec_entry)(sorted[i] << 8 | l);
                code <<= 1;
        }
}

void huff_canon_dec_table(const uint8_t *lens, unsigned num_syms,
                          unsigned table_log, huff_dec_entry *dt)
{
        unsigned count[HUFF_CODE_LEN_MAX + 1];
        uint8_t sorted[256];

        huff_canon_sort(lens, num_syms, sorted, count);
        huff_canon_dec_table_sorted(sorted, count, table_log, dt);
}
