/*
 * checksum.c - the content checksum's streaming update (checksum.h)
 */
#include "checksum.h"
#include "checksum_avx2.h"

void huff_checksum_update_generic(XXH3_state_t *state, const void *src, size_t n)
{
        /* Fails only for a NULL state with n > 0: never here. */
        (void)XXH3_64bits_update(state, src, n);
}

void huff_checksum_update(XXH3_state_t *state, const void *src, size_t n)
{
        if (!huff_checksum_update_avx2(state, src, n))
                huff_checksum_update_generic(state, src, n);
}
