/*
 * huffman_lengths.c - optimal length-limited Huffman code lengths
 *
 * Two algorithms, the cheap one first.  Huffman's algorithm is optimal with
 * no limit, so when its longest code fits the limit it is also the optimal
 * limited code; for 128 KiB blocks of real data and limits of 11 or more
 * that is the usual case.  Only when it does not fit do we run
 * package-merge, optimal under the limit but O(n * max_len).
 *
 * Huffman's algorithm runs in place on the sorted weights (Moffat and
 * Katajainen, "In-place calculation of minimum-redundancy codes", 1995): no
 * heap and no node tree, three linear passes over one array.  Sorting the
 * keys (count << 8 | symbol) both orders the weights and fixes every tie by
 * symbol index, so the lengths depend on the counts alone.  Of two symbols
 * with equal counts the lower index sorts first, as the lighter, and never
 * gets the shorter code.
 *
 * Package-merge (Larmore and Hirschberg, 1990) is the coin collector's
 * version, in place, keeping of each level only one bit per item: leaf or
 * package.  That is all the walk back from level 1 needs to count how many
 * leaves each level contributes, and a leaf's length is the number of levels
 * that take it.
 *
 * The counts total at most 2^56 (checked), which bounds two things.
 *
 * Depth: along the path to a deepest leaf, each node's sibling is at least
 * as heavy as the node's heavier child (Huffman merges the lightest two
 * first), so the weights up the path grow at least like Fibonacci numbers
 * from 1, 2: a code of depth D needs a total of at least F(D + 2), and
 * F(83) > 2^56, so no Huffman code here is deeper than 80, and a limit that
 * binds is below 80.  That sizes package-merge's levels.
 *
 * Sums: the items of a level total at most the counts' total plus the
 * items of the level below, so no item or pair sum exceeds 80 * 2^56 < 2^64.
 */
#include "huffman_lengths.h"

/* See above: F(82) <= 2^56 < F(83). */
#define HUFFMAN_DEPTH_MAX 80u

/* Package-merge keeps the 2n - 2 lightest items of each level: no more are
 * ever taken, since a level j >= 2 takes an even number of items, fewer
 * than twice the number of leaves it takes. */
#define PM_ITEMS_MAX (2 * HUFF_LENS_MAX_SYMS - 2)
#define PM_WORDS ((PM_ITEMS_MAX + 1 + 63) / 64)
/* Levels 1 .. max_len - 1 keep bits (the deepest is all leaves), and a
 * limit that binds is below HUFFMAN_DEPTH_MAX. */
#define PM_LEN_MAX (HUFFMAN_DEPTH_MAX - 1)

static unsigned popcount64(uint64_t v)
{
#if defined(__GNUC__) || defined(__clang__)
        return (unsigned)__builtin_popcountll(v);
#else
        v = v - ((v >> 1) & 0x5555555555555555ull);
        v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
        v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0full;
        return (unsigned)((v * 0x0101010101010101ull) >> 56);
#endif
}

/* Up to this many keys an insertion sort beats the radix sort's fixed cost
 * of 256 buckets a pass (text blocks use 60 to 100 symbols). */
#define INSERTION_SORT_MAX 64u

/*
 * sort_by_count - order keys (count << 8 | symbol) by count, then symbol.
 * @pre  the keys are in symbol order; every count is below 2^56.
 * Returns key or tmp, whichever holds the result (tmp has room for n).
 *
 * Beyond INSERTION_SORT_MAX keys, LSD radix sort, a byte of the count per
 * pass: stable passes from symbol order settle ties by symbol, so the
 * symbol byte needs no pass; the counts of a 128 KiB block take at most
 * three, and a pass is skipped when its byte is the same in every key.
 * With 256 symbols a whole Huffman call went from 6.7 to 3.8 us against a
 * heapsort (the comparisons mispredict).
 */
static uint64_t *sort_by_count(uint64_t *key, uint64_t *tmp, unsigned n,
                               uint64_t max_count)
{
        unsigned shift;

        if (n <= INSERTION_SORT_MAX) {
                for (unsigned i = 1; i < n; i++) {
                        uint64_t v = key[i];
                        unsigned j = i;

                        for (; j > 0 && key[j - 1] > v; j--)
                                key[j] = key[j - 1];
                        key[j] = v;
                }
                return key;
        }
        for (shift = 8; shift < 64 && (max_count >> (shift - 8)) != 0;
             shift += 8) {
                unsigned pos[256] = { 0 };
                unsigned i, sum = 0;
                uint64_t *t;

                for (i = 0; i < n; i++)
                        pos[(key[i] >> shift) & 0xff]++;
                if (pos[(key[0] >> shift) & 0xff] == n)
                        continue;
                for (i = 0; i < 256; i++) {
                        unsigned c = pos[i];

                        pos[i] = sum;
                        sum += c;
                }
                for (i = 0; i < n; i++)
                        tmp[pos[(key[i] >> shift) & 0xff]++] = key[i];
                t = key;
                key = tmp;
                tmp = t;
        }
        return key;
}

/*
 * huffman_in_place - Moffat and Katajainen's algorithm.
 * @pre  a[0..n) are the weights in ascending order, n >= 2.
 * @post a[i] is the code length of the i-th lightest symbol (non-increasing
 *       in i); returns the longest, a[0].
 *
 * Phase 1 combines like the two-queue method: leaves are a[leaf..n),
 * internal nodes a[root..next), and a[next] receives each new node's
 * weight; a node used as a child is overwritten by its parent's index.
 * On equal weights the leaf is taken first, which keeps the tree shallow.
 */
static unsigned huffman_in_place(uint64_t *a, unsigned n)
{
        unsigned root = 0, leaf = 2, next;

        a[0] += a[1];
        for (next = 1; next < n - 1; next++) {
                /* An unused node always exists here: the previous one. */
                if (leaf >= n || a[root] < a[leaf]) {
                        a[next] = a[root];
                        a[root++] = next;
                } else {
                        a[next] = a[leaf++];
                }
                if (leaf >= n || (root < next && a[root] < a[leaf])) {
                        a[next] += a[root];
                        a[root++] = next;
                } else {
                        a[next] += a[leaf++];
                }
        }

        /* Phase 2: parent indices to depths of the n - 1 internal nodes;
         * parents have higher indices, the root is a[n - 2]. */
        a[n - 2] = 0;
        for (next = n - 2; next-- > 0; )
                a[next] = a[a[next]] + 1;

        /* Phase 3: a level with `avail` slots holds `used` internal nodes
         * and leaves in the rest; leaves are filled from the heaviest. */
        {
                unsigned avail = 1, used = 0, depth = 0;
                unsigned r = n - 1;     /* internal nodes a[0..r) unvisited */
                unsigned out = n;       /* leaves a[out..n) assigned */

                while (avail > 0) {
                        while (r > 0 && a[r - 1] == depth) {
                                used++;
                                r--;
                        }
                        while (avail > used) {
                                a[--out] = depth;
                                avail--;
                        }
                        avail = 2 * used;
                        depth++;
                        used = 0;
                }
                HUFF_ASSERT(out == 0);
        }
        return (unsigned)a[0];
}

static unsigned leaves_in_prefix(const uint64_t *is_leaf, unsigned k)
{
        unsigned c = 0, i;

        for (i = 0; i < k / 64; i++)
                c += popcount64(is_leaf[i]);
        if (k % 64)
                c += popcount64(is_leaf[i] & ((1ull << (k % 64)) - 1));
        return c;
}

/*
 * package_merge - optimal lengths under a limit that Huffman's code breaks.
 * @pre  w[0..n) ascending, 2 <= n, 2^max_len >= n, max_len < n - 1,
 *       max_len <= PM_LEN_MAX.
 * @post len[i] is the length of the i-th lightest symbol.
 *
 * The list of level j (max_len the deepest) is the leaves merged with the
 * packages of level j + 1's list, pairs of consecutive items.  Level 1 takes
 * its 2n - 2 lightest items; the packages among the k items a level takes
 * are its first ones, made of the first 2 * packages items of the next.
 *
 * Kept out of line: its 9 KiB stay off the common path's stack.
 */
static HUFF_NOINLINE void package_merge(const uint64_t *w, unsigned n,
                                        unsigned max_len, uint8_t *len)
{
        uint64_t item[PM_ITEMS_MAX + 1];
        uint64_t is_leaf[PM_LEN_MAX - 1][PM_WORDS];
        /* ends[t]: how many levels take exactly the t lightest leaves */
        unsigned ends[HUFF_LENS_MAX_SYMS + 1];
#ifdef HUFF_DEBUG
        unsigned list_len[PM_LEN_MAX];
#endif
        unsigned m, j, i, k, take, depth;

        HUFF_ASSERT(n >= 2 && n <= HUFF_LENS_MAX_SYMS);
        HUFF_ASSERT(max_len >= 1 && max_len < n - 1);
        HUFF_ASSERT(max_len >= 9 || n <= 1u << max_len);
        HUFF_ASSERT(max_len <= PM_LEN_MAX);

        memcpy(item, w, n * sizeof(w[0]));
        m = n;
        for (j = max_len - 1; j >= 1; j--) {
                uint64_t *bits = is_leaf[j - 1];
                unsigned p = m / 2, li = n, o;

                for (i = 0; i < p; i++)
                        item[i] = item[2 * i] + item[2 * i + 1];

                /* Merge from the back, so the packages in item[0..p) are
                 * read before being overwritten: output slot li + p - 1
                 * is never below p - 1.  On equal weights the leaf goes
                 * first (any fixed rule is optimal; this one is fixed).
                 * A branch-free merge measured twice as slow: the branch
                 * follows long runs, the indices' dependency chain not. */
                memset(bits, 0, sizeof(is_leaf[0]));
                o = n + p;
                while (p > 0) {
                        o--;
                        if (li > 0 && w[li - 1] > item[p - 1]) {
                                item[o] = w[--li];
                                bits[o / 64] |= 1ull << (o % 64);
                        } else {
                                item[o] = item[--p];
                        }
                }
                while (li > 0) {
                        o--;
                        item[o] = w[--li];
                        bits[o / 64] |= 1ull << (o % 64);
                }
                HUFF_ASSERT(o == 0);
#ifdef HUFF_DEBUG
                list_len[j] = n + m / 2;
#endif
                m = HUFF_MIN(n + m / 2, 2 * n - 2);
        }

        /* Levels take a prefix of the leaves, lightest first, and a leaf's
         * length is the number of levels that take it. */
        memset(ends, 0, (n + 1) * sizeof(ends[0]));
        k = 2 * n - 2;
        for (j = 1; j <= max_len; j++) {
                if (j < max_len) {
                        HUFF_ASSERT(k <= PM_ITEMS_MAX && k <= list_len[j]);
                        take = leaves_in_prefix(is_leaf[j - 1], k);
                } else {
                        HUFF_ASSERT(k <= n);    /* all leaves down there */
                        take = k;
                }
                ends[take]++;
                k = 2 * (k - take);
        }
        HUFF_ASSERT(k == 0);
        depth = max_len;
        for (i = 0; i < n; i++) {
                depth -= ends[i];
                len[i] = (uint8_t)depth;
        }
}

enum huff_status huff_lens_build(const uint64_t *counts, unsigned num_syms,
                                 unsigned max_len, uint8_t *lens)
{
        uint64_t key[HUFF_LENS_MAX_SYMS];
        uint64_t a[HUFF_LENS_MAX_SYMS];
        const uint64_t *sorted;
        uint8_t sym[HUFF_LENS_MAX_SYMS];        /* lightest first */
        uint8_t len_sorted[HUFF_LENS_MAX_SYMS];
        uint64_t total = 0, max_count = 0;
        unsigned n = 0, i, longest;

        if (num_syms > HUFF_LENS_MAX_SYMS || max_len == 0)
                return HUFF_ERR_PARAM;
        if (num_syms == 0)
                return HUFF_OK;
        if (counts == NULL || lens == NULL)
                return HUFF_ERR_PARAM;

        for (i = 0; i < num_syms; i++) {
                uint64_t c = counts[i];

                if (c == 0)
                        continue;
                /* Written so that the test itself cannot wrap. */
                if (c > HUFF_WEIGHT_SUM_LIMIT - total)
                        return HUFF_ERR_PARAM;
                total += c;
                max_count = HUFF_MAX(max_count, c);
                /* With two used symbols each is below 2^56: the key is
                 * exact.  With one it may wrap, but then only its low byte,
                 * the index, is read. */
                key[n++] = c << 8 | i;
        }
        if (max_len < 9 && n > 1u << max_len)
                return HUFF_ERR_PARAM;

        memset(lens, 0, num_syms);
        if (n <= 1) {
                /* A decoder needs one bit to read even a single symbol. */
                if (n == 1)
                        lens[key[0] & 0xff] = 1;
                return HUFF_OK;
        }

        sorted = sort_by_count(key, a, n, max_count);
        for (i = 0; i < n; i++) {       /* in place if sorted == a */
                sym[i] = (uint8_t)sorted[i];
                a[i] = sorted[i] >> 8;
        }
        longest = huffman_in_place(a, n);
        HUFF_ASSERT(longest <= HUFFMAN_DEPTH_MAX);
        if (longest <= max_len) {
                for (i = 0; i < n; i++)
                        lens[sym[i]] = (uint8_t)a[i];
                return HUFF_OK;
        }

        for (i = 0; i < n; i++)
                a[i] = counts[sym[i]];
        /* The limit binds, so it is below the depth bound: the clamp only
         * keeps memory safe should that proof ever be wrong. */
        package_merge(a, n, HUFF_MIN(max_len, PM_LEN_MAX), len_sorted);
        for (i = 0; i < n; i++)
                lens[sym[i]] = len_sorted[i];
        return HUFF_OK;
}
