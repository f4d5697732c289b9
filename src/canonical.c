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

void huff_canon_dec_table(const uint8_t *lens, unsigned num_syms,
                          unsigned table_log, huff_dec_entry *dt)
{
        uint32_t next[HUFF_CODE_LEN_MAX + 2];

        first_codes(lens, num_syms, next);
        for (unsigned s = 0; s < num_syms; s++) {
                unsigned l = lens[s];

                if (l == 0)
                        continue;
                HUFF_ASSERT(l <= table_log);
                /* A codeword of length l owns every index whose low l bits
                 * are it (reversed): 2^(table_log - l) entries, stride 2^l. */
                huff_dec_entry e = (huff_dec_entry)(s << 8 | l);
                uint32_t step = (uint32_t)1 << l, size = (uint32_t)1 << table_log;

                for (uint32_t i = huff_bitrev(next[l]++, l); i < size; i += step)
                        dt[i] = e;
        }
}
