/*
 * code_range.c - the least and the greatest cost on p of the codes that
 * are optimal for q
 *
 * Where q's weights tie, q has more than one optimal code, and they need
 * not cost the same on another distribution p: q = 1,1,2,2 has optimal
 * lengths 2,2,2,2 and 3,3,2,1, which code p = 0,0,0,1 in 2 bits and in 1.
 * huff_code_lengths() picks one by its rule of ties; huff report gives the
 * range over them all, so that a reader can tell when the pick matters.
 *
 * Why a Huffman run finds the ends of the range: Huffman's algorithm is
 * optimal for weights in any totally ordered abelian group, as its proof
 * uses only exchanges (a lighter weight never sits higher) and sums.  With
 * the weights (q_i, p_i) ordered lexicographically it minimises (Σ q l,
 * Σ p l) lexicographically: of the codes optimal for q, the one cheapest
 * on p.  With (q_i, -p_i), the one dearest on p.  The cost Σ p l is the
 * sum of the p parts of the merged nodes.
 */
#include "code_range.h"

struct node {
        uint64_t q, p;
};

/* Whether a is lighter than b: less q, then less p (cheapest) or more p
 * (dearest). */
static int lighter(const struct node *a, const struct node *b, int dearest)
{
        if (a->q != b->q)
                return a->q < b->q;
        return dearest ? a->p > b->p : a->p < b->p;
}

/* Σ p l of the lexicographic Huffman code; O(k^2) for k <= 256 used
 * symbols, which is less than the report's other work. */
static uint64_t lex_huffman_cost(const uint64_t *p, const uint64_t *q, unsigned n, int dearest)
{
        struct node t[HUFF_REPORT_MAX_SYMS];
        uint64_t bits = 0;
        unsigned k = 0;

        for (unsigned i = 0; i < n; i++)
                if (q[i])
                        t[k++] = (struct node){ q[i], p[i] };
        if (k == 1)
                return t[0].p;          /* one 1-bit codeword */
        while (k > 1) {
                unsigned a = 0, b = 1;

                if (lighter(&t[1], &t[0], dearest)) {
                        a = 1;
                        b = 0;
                }
                for (unsigned j = 2; j < k; j++) {
                        if (lighter(&t[j], &t[a], dearest)) {
                                b = a;
                                a = j;
                        } else if (lighter(&t[j], &t[b], dearest)) {
                                b = j;
                        }
                }
                /* Sums below 2^56 each; bits below 2^56 * 255. */
                t[a].q += t[b].q;
                t[a].p += t[b].p;
                bits += t[a].p;
                t[b] = t[--k];
        }
        return bits;
}

void huff_code_range_cost(const uint64_t *p, const uint64_t *q, unsigned n,
                          uint64_t *least_bits, uint64_t *most_bits)
{
        *least_bits = lex_huffman_cost(p, q, n, 0);
        *most_bits = lex_huffman_cost(p, q, n, 1);
}
