/*
 * test_huffman_lengths.c - huff_lens_build() against independent references
 *
 * Optimal codes are not unique, so the lengths are compared by cost
 * (sum of count * length), which is.  Three references, none sharing code
 * with the library: exhaustive search over every length assignment (tiny
 * alphabets), a heap-and-tree Huffman (limit not binding) and a textbook
 * package-merge with a node per package (any limit).  The references
 * check each other where both apply.
 *
 * Every random case comes from a seed (loop index and batch position),
 * printed on failure.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "huffman_lengths.h"

/* Check's ck_assert*() reports its location to the runner at every call
 * that passes: in the loops here that costs more than the code under test.
 * This one only calls into Check on failure. */
#define EXPECT(cond, ...) \
        do { if (!(cond)) ck_abort_msg(__VA_ARGS__); } while (0)

#define NSYM 256u
#define UNLIMITED HUFF_LENS_UNLIMITED

/* ------------------------------------------------------------------------ */
/* Seeded randomness (xorshift64*): the same cases on every machine. */

struct rng {
        uint64_t s;
};

static void rng_seed(struct rng *r, uint64_t seed)
{
        r->s = seed * 0x9e3779b97f4a7c15ull + 0x2545f4914f6cdd1dull;
        if (r->s == 0)
                r->s = 1;
}

static uint64_t rng_next(struct rng *r)
{
        r->s ^= r->s >> 12;
        r->s ^= r->s << 25;
        r->s ^= r->s >> 27;
        return r->s * 0x2545f4914f6cdd1dull;
}

/* Uniform in [0, n), n > 0 (the tiny modulo bias does not matter). */
static uint64_t rng_below(struct rng *r, uint64_t n)
{
        return rng_next(r) % n;
}

static double rng_unit(struct rng *r)
{
        return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

/* ------------------------------------------------------------------------ */
/* Properties */

static uint64_t cost_of(const uint64_t *counts, const uint8_t *lens,
                        unsigned n)
{
        uint64_t c = 0;

        for (unsigned i = 0; i < n; i++)
                c += counts[i] * lens[i];
        return c;
}

static unsigned used_of(const uint64_t *counts, unsigned n)
{
        unsigned u = 0;

        for (unsigned i = 0; i < n; i++)
                u += counts[i] != 0;
        return u;
}

static unsigned longest_of(const uint8_t *lens, unsigned n)
{
        unsigned m = 0;

        for (unsigned i = 0; i < n; i++)
                if (lens[i] > m)
                        m = lens[i];
        return m;
}

/* Sum of 2^(scale - len) over the used lengths; 2^scale means Kraft = 1. */
static uint64_t kraft_scaled(const uint8_t *lens, unsigned n, unsigned scale)
{
        uint64_t k = 0;

        for (unsigned i = 0; i < n; i++)
                if (lens[i])
                        k += 1ull << (scale - lens[i]);
        return k;
}

/* Kraft sum exactly 1 for lengths of any depth (up to 255): fold the
 * number of codes per length from the deepest up, two codes making one a
 * level above; a complete code leaves exactly one at the root. */
static int kraft_is_one(const uint8_t *lens, unsigned n)
{
        uint64_t per_len[256] = { 0 };
        uint64_t carry = 0;

        for (unsigned i = 0; i < n; i++)
                per_len[lens[i]]++;
        for (unsigned l = 255; l >= 1; l--) {
                carry += per_len[l];
                if (carry % 2)
                        return 0;
                carry /= 2;
        }
        return carry == 1;
}

static const uint64_t *order_counts;

static int order_cmp(const void *pa, const void *pb)
{
        unsigned a = *(const unsigned *)pa, b = *(const unsigned *)pb;

        if (order_counts[a] != order_counts[b])
                return order_counts[a] < order_counts[b] ? -1 : 1;
        return a < b ? -1 : a > b;
}

/* The used symbols, lightest first, equal counts by index. */
static unsigned weight_order(const uint64_t *counts, unsigned n,
                             unsigned *order)
{
        unsigned k = 0;

        for (unsigned i = 0; i < n; i++)
                if (counts[i])
                        order[k++] = i;
        order_counts = counts;
        qsort(order, k, sizeof(order[0]), order_cmp);
        return k;
}

/*
 * Everything the contract promises, for a successful call: zero exactly
 * where the count is zero, one used symbol of length 1, otherwise a
 * complete code within the limit; and lengths that never grow with the
 * count, ties by index (the lower index no shorter).  order: from
 * weight_order(), or NULL to compute it here.
 */
static void check_valid_ordered(const uint64_t *counts, unsigned n,
                                unsigned limit, const uint8_t *lens,
                                const unsigned *order, const char *what,
                                unsigned seed)
{
        unsigned used = used_of(counts, n);
        unsigned longest = longest_of(lens, n);
        unsigned own[NSYM];

        if (order == NULL) {
                weight_order(counts, n, own);
                order = own;
        }
        for (unsigned i = 1; i < used; i++)
                EXPECT(lens[order[i - 1]] >= lens[order[i]],
                              "%s seed %u limit %u: sym %u (count %llu) len %u"
                              " < sym %u (count %llu) len %u", what, seed, limit,
                              order[i - 1], (unsigned long long)counts[order[i - 1]],
                              lens[order[i - 1]], order[i],
                              (unsigned long long)counts[order[i]], lens[order[i]]);

        for (unsigned i = 0; i < n; i++)
                EXPECT((counts[i] == 0) == (lens[i] == 0),
                              "%s seed %u limit %u: sym %u count %llu len %u",
                              what, seed, limit, i,
                              (unsigned long long)counts[i], lens[i]);
        if (used == 1)
                EXPECT(longest == 1, "%s seed %u: single len %u",
                              what, seed, longest);
        if (used < 2)
                return;
        if (limit < UNLIMITED)
                EXPECT(longest <= limit,
                              "%s seed %u: longest %u > limit %u",
                              what, seed, longest, limit);
        if (longest <= 63)
                EXPECT(kraft_scaled(lens, n, longest) == 1ull << longest,
                              "%s seed %u limit %u: Kraft %llu / 2^%u",
                              what, seed, limit,
                              (unsigned long long)kraft_scaled(lens, n, longest),
                              longest);
        EXPECT(kraft_is_one(lens, n),
                      "%s seed %u limit %u: Kraft sum not 1", what, seed, limit);
}

static void check_valid(const uint64_t *counts, unsigned n, unsigned limit,
                        const uint8_t *lens, const char *what, unsigned seed)
{
        check_valid_ordered(counts, n, limit, lens, NULL, what, seed);
}

/* ------------------------------------------------------------------------ */
/* Reference 1: exhaustive search, for a handful of used symbols. */

struct exh {
        uint64_t w[8];
        unsigned n;
        unsigned lmax;          /* lengths tried: 1..lmax, lmax <= 8 */
        uint64_t best;
};

static void exh_rec(struct exh *e, unsigned i, uint64_t kraft, uint64_t cost)
{
        if (cost >= e->best)
                return;
        if (i == e->n) {
                e->best = cost;
                return;
        }
        for (unsigned l = 1; l <= e->lmax; l++) {
                uint64_t k = kraft + (1ull << (e->lmax - l));

                if (k <= 1ull << e->lmax)
                        exh_rec(e, i + 1, k, cost + e->w[i] * l);
        }
}

/* Least cost over every assignment of lengths 1..min(limit, used) with a
 * Kraft sum at most 1 (prefix codes exist for exactly these; an optimal
 * code is complete, hence no deeper than used - 1). */
static uint64_t exhaustive_cost(const uint64_t *counts, unsigned n,
                                unsigned limit)
{
        struct exh e = { .n = 0, .best = UINT64_MAX };

        for (unsigned i = 0; i < n; i++)
                if (counts[i])
                        e.w[e.n++] = counts[i];
        if (e.n < 2)
                return e.n ? e.w[0] : 0;
        e.lmax = limit < e.n ? limit : e.n;
        exh_rec(&e, 0, 0, 0);
        return e.best;
}

/* ------------------------------------------------------------------------ */
/* Reference 2: Huffman with a binary heap and an explicit tree. */

struct ref_tree {
        uint64_t w[2 * NSYM];
        int parent[2 * NSYM];
        int heap[2 * NSYM];
        int heap_n;
};

static int tree_less(const struct ref_tree *t, int a, int b)
{
        return t->w[a] < t->w[b] || (t->w[a] == t->w[b] && a < b);
}

static void heap_push(struct ref_tree *t, int v)
{
        int i = t->heap_n++;

        while (i > 0 && tree_less(t, v, t->heap[(i - 1) / 2])) {
                t->heap[i] = t->heap[(i - 1) / 2];
                i = (i - 1) / 2;
        }
        t->heap[i] = v;
}

static int heap_pop(struct ref_tree *t)
{
        int top = t->heap[0];
        int v = t->heap[--t->heap_n];
        int i = 0;

        for (;;) {
                int c = 2 * i + 1;

                if (c >= t->heap_n)
                        break;
                if (c + 1 < t->heap_n && tree_less(t, t->heap[c + 1], t->heap[c]))
                        c++;
                if (!tree_less(t, t->heap[c], v))
                        break;
                t->heap[i] = t->heap[c];
                i = c;
        }
        if (t->heap_n > 0)
                t->heap[i] = v;
        return top;
}

/* Textbook Huffman lengths; returns the cost.  Two or more used symbols. */
static uint64_t ref_huffman(const uint64_t *counts, unsigned n, uint8_t *lens)
{
        static struct ref_tree t;
        int sym_node[NSYM];
        int nodes = 0;

        t.heap_n = 0;
        for (unsigned i = 0; i < n; i++) {
                sym_node[i] = -1;
                if (counts[i] == 0)
                        continue;
                sym_node[i] = nodes;
                t.w[nodes] = counts[i];
                t.parent[nodes] = -1;
                heap_push(&t, nodes++);
        }
        while (t.heap_n > 1) {
                int a = heap_pop(&t);
                int b = heap_pop(&t);

                t.w[nodes] = t.w[a] + t.w[b];
                t.parent[nodes] = -1;
                t.parent[a] = t.parent[b] = nodes;
                heap_push(&t, nodes++);
        }
        for (unsigned i = 0; i < n; i++) {
                unsigned d = 0;

                if (sym_node[i] >= 0)
                        for (int v = sym_node[i]; t.parent[v] >= 0; v = t.parent[v])
                                d++;
                lens[i] = (uint8_t)d;
        }
        return cost_of(counts, lens, n);
}

/* ------------------------------------------------------------------------ */
/* Reference 3: package-merge as in the textbook, a node per package. */

#define PM_LEVELS_MAX 96u

struct pm_node {
        uint64_t w;
        int sym;                /* leaves: the symbol; packages: -1 */
        int left, right;
};

static struct pm_node pm_pool[NSYM + PM_LEVELS_MAX * NSYM];
static int pm_nodes;

static void pm_count(int v, uint8_t *lens)
{
        if (pm_pool[v].sym >= 0) {
                lens[pm_pool[v].sym]++;
                return;
        }
        pm_count(pm_pool[v].left, lens);
        pm_count(pm_pool[v].right, lens);
}

static int pm_leaf_cmp(const void *pa, const void *pb)
{
        const struct pm_node *a = &pm_pool[*(const int *)pa];
        const struct pm_node *b = &pm_pool[*(const int *)pb];

        if (a->w != b->w)
                return a->w < b->w ? -1 : 1;
        return a->sym - b->sym;
}

/*
 * Each level's list is the leaves merged with the pairs of the list below;
 * the lightest 2n - 2 items of the top list, expanded to leaves, count each
 * symbol once per unit of length.  Needs 2 <= used <= 2^limit.
 */
static uint64_t ref_package_merge(const uint64_t *counts, unsigned n,
                                  unsigned limit, uint8_t *lens)
{
        static int leaves[NSYM], list[2][2 * NSYM], pkg[NSYM];
        int nl = 0, len, cur = 0;

        EXPECT(limit <= PM_LEVELS_MAX, "reference limit %u", limit);
        pm_nodes = 0;
        for (unsigned i = 0; i < n; i++) {
                lens[i] = 0;
                if (counts[i] == 0)
                        continue;
                pm_pool[pm_nodes] = (struct pm_node){ counts[i], (int)i, -1, -1 };
                leaves[nl++] = pm_nodes++;
        }
        qsort(leaves, (size_t)nl, sizeof(leaves[0]), pm_leaf_cmp);

        memcpy(list[cur], leaves, (size_t)nl * sizeof(int));
        len = nl;
        for (unsigned level = limit - 1; level >= 1; level--) {
                int np = 0, a = 0, b = 0, o = 0;

                for (int i = 0; i + 1 < len; i += 2) {
                        int l = list[cur][i], r = list[cur][i + 1];

                        pm_pool[pm_nodes] = (struct pm_node){
                                pm_pool[l].w + pm_pool[r].w, -1, l, r };
                        pkg[np++] = pm_nodes++;
                }
                while (a < nl || b < np) {
                        if (b >= np || (a < nl &&
                                        pm_pool[leaves[a]].w <= pm_pool[pkg[b]].w))
                                list[!cur][o++] = leaves[a++];
                        else
                                list[!cur][o++] = pkg[b++];
                }
                cur = !cur;
                len = o;
        }
        EXPECT(len >= 2 * nl - 2, "reference list of %d", len);
        for (int i = 0; i < 2 * nl - 2; i++)
                pm_count(list[cur][i], lens);
        return cost_of(counts, lens, n);
}

/* ------------------------------------------------------------------------ */
/* Histograms */

enum hist_kind {
        H_UNIFORM, H_ZIPF, H_GEOMETRIC, H_FIBONACCI, H_BIG, H_EQUAL, H_TWO,
        H_SPARSE, H_POW2, H_MAX_SUM, H_SPIKES, H_NEAR_TIES, H_KINDS
};

static const char *const kind_name[H_KINDS] = {
        "uniform", "zipf", "geometric", "fibonacci", "big", "equal", "two",
        "sparse", "pow2", "max-sum", "spikes", "near-ties",
};

static void shuffle(struct rng *r, uint64_t *c, unsigned n)
{
        for (unsigned i = n; i > 1; i--) {
                unsigned j = (unsigned)rng_below(r, i);
                uint64_t t = c[i - 1];

                c[i - 1] = c[j];
                c[j] = t;
        }
}

/* Zero a random subset (about `percent`%) of the counts. */
static void holes(struct rng *r, uint64_t *c, unsigned n, unsigned percent)
{
        for (unsigned i = 0; i < n; i++)
                if (rng_below(r, 100) < percent)
                        c[i] = 0;
}

static void make_hist(struct rng *r, enum hist_kind kind, uint64_t *c)
{
        memset(c, 0, NSYM * sizeof(c[0]));
        switch (kind) {
        case H_UNIFORM: {
                uint64_t range = 1ull << rng_below(r, 24);

                for (unsigned i = 0; i < NSYM; i++)
                        c[i] = rng_below(r, range + 1);
                holes(r, c, NSYM, (unsigned)rng_below(r, 60));
                break;
        }
        case H_ZIPF: {
                double s = 0.5 + 2.0 * rng_unit(r);
                double top = (double)(1ull << (10 + rng_below(r, 30)));

                for (unsigned i = 0; i < NSYM; i++)
                        c[i] = (uint64_t)(top / pow(i + 1.0, s));
                shuffle(r, c, NSYM);
                break;
        }
        case H_GEOMETRIC: {
                double q = 0.3 + 0.65 * rng_unit(r);
                double v = (double)(1ull << (20 + rng_below(r, 28)));

                for (unsigned i = 0; i < NSYM; i++, v *= q)
                        c[i] = (uint64_t)v + (rng_below(r, 4) == 0);
                shuffle(r, c, NSYM);
                break;
        }
        case H_FIBONACCI: {
                /* Chains far deeper than any limit, up to the sum cap;
                 * a scale and some noise so the chain is not exact. */
                unsigned k = 20 + (unsigned)rng_below(r, 55);
                uint64_t a = 1, b = 1, scale = 1 + rng_below(r, 3);

                for (unsigned i = 0; i < k; i++) {
                        uint64_t t = a + b;

                        c[i] = a * scale + rng_below(r, 2);
                        a = b;
                        b = t;
                }
                for (unsigned i = k; i < NSYM; i++)
                        c[i] = rng_below(r, 3);
                shuffle(r, c, NSYM);
                break;
        }
        case H_BIG:
                /* Above 2^32, below 2^56 in total. */
                for (unsigned i = 0; i < NSYM; i++)
                        c[i] = (1ull << 32) + rng_below(r, 1ull << (33 + rng_below(r, 15)));
                holes(r, c, NSYM, (unsigned)rng_below(r, 30));
                break;
        case H_EQUAL: {
                uint64_t v = 1 + rng_below(r, 1ull << rng_below(r, 48));

                for (unsigned i = 0; i < NSYM; i++)
                        c[i] = v;
                break;
        }
        case H_TWO: {
                unsigned x = (unsigned)rng_below(r, NSYM);
                unsigned y = (x + 1 + (unsigned)rng_below(r, NSYM - 1)) % NSYM;

                c[x] = 1 + rng_below(r, 1ull << rng_below(r, 54));
                c[y] = 1 + rng_below(r, 1ull << rng_below(r, 54));
                break;
        }
        case H_SPARSE: {
                unsigned k = 3 + (unsigned)rng_below(r, 30);

                for (unsigned i = 0; i < k; i++)
                        c[rng_below(r, NSYM)] = 1 + rng_below(r, 1000);
                break;
        }
        case H_POW2:
                /* Many ties, sums that tie with leaves. */
                for (unsigned i = 0; i < NSYM; i++)
                        c[i] = 1ull << rng_below(r, 40);
                holes(r, c, NSYM, (unsigned)rng_below(r, 50));
                break;
        case H_MAX_SUM: {
                /* Total exactly 2^56: the largest the contract accepts. */
                uint64_t left = 1ull << 56;
                unsigned k = 2 + (unsigned)rng_below(r, NSYM - 1);

                for (unsigned i = 0; i + 1 < k; i++) {
                        uint64_t v = 1 + rng_below(r, left / (k - i) * 2 - 1);

                        if (v > left - (k - i - 1))
                                v = left - (k - i - 1);
                        c[i] = v;
                        left -= v;
                }
                c[k - 1] = left;
                shuffle(r, c, NSYM);
                break;
        }
        case H_SPIKES:
                /* A few dominant symbols over a long flat tail of ones. */
                for (unsigned i = 0; i < NSYM; i++)
                        c[i] = 1;
                for (unsigned i = 0, k = 1 + (unsigned)rng_below(r, 6); i < k; i++)
                        c[rng_below(r, NSYM)] = 1ull << (30 + rng_below(r, 20));
                break;
        case H_NEAR_TIES:
                /* Powers of two off by a few units, large: sums and leaves
                 * differ by less than rounding would hide. */
                for (unsigned i = 0; i < NSYM; i++)
                        c[i] = (1ull << (36 + rng_below(r, 5))) + rng_below(r, 8);
                holes(r, c, NSYM, (unsigned)rng_below(r, 90));
                break;
        case H_KINDS:
                break;
        }
}

/*
 * One histogram, every limit from the smallest feasible to 15, then
 * unlimited: valid, and as cheap as the references.  Where Huffman's code
 * fits the limit, all three costs must agree.
 */
static void check_histogram(const uint64_t *c, unsigned n, const char *what,
                            unsigned seed)
{
        uint8_t lens[NSYM], ref[NSYM];
        unsigned order[NSYM];
        unsigned used = weight_order(c, n, order);
        uint64_t huff_cost = 0;
        unsigned huff_depth = 0, limit;

        if (used >= 2) {
                huff_cost = ref_huffman(c, n, ref);
                huff_depth = longest_of(ref, n);
        }
        for (limit = 1; limit <= 16; limit++) {
                unsigned l = limit == 16 ? UNLIMITED : limit;
                uint64_t got;

                if (l < 9 && used > 1u << l) {
                        memset(lens, 0xa5, sizeof(lens));
                        EXPECT(huff_lens_build(c, n, l, lens) == HUFF_ERR_PARAM,
                               "%s seed %u limit %u: accepted %u used", what,
                               seed, l, used);
                        continue;
                }
                memset(lens, 0xa5, sizeof(lens));
                EXPECT(huff_lens_build(c, n, l, lens) == HUFF_OK,
                              "%s seed %u limit %u: error", what, seed, l);
                check_valid_ordered(c, n, l, lens, order, what, seed);
                if (used < 2)
                        continue;
                got = cost_of(c, lens, n);
                if (l >= huff_depth)
                        EXPECT(got == huff_cost,
                                      "%s seed %u limit %u: cost %llu, Huffman %llu",
                                      what, seed, l, (unsigned long long)got,
                                      (unsigned long long)huff_cost);
                else    /* another Huffman tree may be shallower */
                        EXPECT(got >= huff_cost,
                                      "%s seed %u limit %u: %llu beats Huffman %llu",
                                      what, seed, l, (unsigned long long)got,
                                      (unsigned long long)huff_cost);
                if (l <= 15) {
                        uint64_t want = ref_package_merge(c, n, l, ref);

                        EXPECT(got == want,
                                      "%s seed %u limit %u: cost %llu, package-merge %llu",
                                      what, seed, l, (unsigned long long)got,
                                      (unsigned long long)want);
                }
        }
}

/* ------------------------------------------------------------------------ */
/* Tests: optimality */

/*
 * Check forks a process per test, and per loop index: tens of them, not
 * thousands (under ASan a fork costs milliseconds), each running a batch of
 * cases.  A case is named by its seed alone.
 */
#define SMALL_BATCH 35u
#define WIDE_BATCH 10u
#define SIZES_BATCH 15u

/* Up to 8 symbols, some unused, counts with many ties or wide ranges;
 * every feasible limit up to the number used (the binding ones and not)
 * and unlimited, against the cheapest of all length assignments. */
static void small_case(unsigned seed)
{
        struct rng r;
        uint64_t c[8];
        uint8_t lens[8];
        unsigned n, used, range_bits;

        rng_seed(&r, seed);
        n = 2 + seed % 7;
        range_bits = rng_below(&r, 4) == 0 ? 2 : 1 + (unsigned)rng_below(&r, 40);
        do {
                for (unsigned i = 0; i < n; i++)
                        c[i] = rng_below(&r, 1ull << range_bits) + 1;
                if (n == 8)
                        c[rng_below(&r, n)] = 0;        /* at most 7 used */
                if (rng_below(&r, 4) == 0)
                        c[rng_below(&r, n)] = 0;
                used = used_of(c, n);
        } while (used < 2);

        for (unsigned l = 1; l <= used + 1; l++) {
                unsigned limit = l == used + 1 ? UNLIMITED : l;
                uint64_t want, got;

                if (limit < 9 && used > 1u << limit)
                        continue;
                want = exhaustive_cost(c, n, limit);
                EXPECT(huff_lens_build(c, n, limit, lens) == HUFF_OK,
                       "small seed %u limit %u: error", seed, limit);
                check_valid(c, n, limit, lens, "small", seed);
                got = cost_of(c, lens, n);
                EXPECT(got == want, "small seed %u limit %u: cost %llu, "
                       "exhaustive %llu", seed, limit,
                       (unsigned long long)got, (unsigned long long)want);
        }
}

START_TEST(small_alphabets_match_exhaustive_search)
{
        for (unsigned k = 0; k < SMALL_BATCH; k++)
                small_case((unsigned)_i * SMALL_BATCH + k);
}
END_TEST

/* One histogram of every kind per seed, 256 symbols. */
START_TEST(random_256_match_references)
{
        uint64_t c[NSYM];

        for (unsigned b = 0; b < WIDE_BATCH; b++) {
                unsigned seed = (unsigned)_i * WIDE_BATCH + b;

                for (unsigned k = 0; k < H_KINDS; k++) {
                        struct rng r;

                        rng_seed(&r, (uint64_t)seed * H_KINDS + k);
                        make_hist(&r, (enum hist_kind)k, c);
                        check_histogram(c, NSYM, kind_name[k], seed);
                }
        }
}
END_TEST

/* Alphabets other than 256: num_syms from 1 to 255. */
START_TEST(random_sizes_match_references)
{
        uint64_t c[NSYM];

        for (unsigned b = 0; b < SIZES_BATCH; b++) {
                unsigned seed = (unsigned)_i * SIZES_BATCH + b;
                struct rng r;
                unsigned n;

                rng_seed(&r, 1000003u + (uint64_t)seed);
                n = 1 + (unsigned)rng_below(&r, NSYM - 1);
                make_hist(&r, (enum hist_kind)rng_below(&r, H_KINDS), c);
                check_histogram(c, n, "sizes", seed);
        }
}
END_TEST

/*
 * The deepest Huffman code the sum cap allows: 80 Fibonacci counts total
 * F(82) - 1 < 2^56 and chain to depth 79.  Limits far above 15 bind here,
 * with package sums up to limit * 2^56: the overflow argument in practice.
 */
START_TEST(deepest_code_under_the_cap)
{
        uint64_t c[NSYM] = { 0 };
        uint8_t lens[NSYM], ref[NSYM];
        uint64_t a = 1, b = 1, total = 0, huff;
        unsigned k = 0;

        while (total + a <= 1ull << 56) {
                c[(k * 37 + 11) % NSYM] = a;    /* spread, not sorted */
                total += a;
                b += a;
                a = b - a;
                k++;
        }
        ck_assert_uint_eq(k, 80);
        huff = ref_huffman(c, NSYM, ref);
        ck_assert_uint_eq(longest_of(ref, NSYM), 79);

        ck_assert_int_eq(huff_lens_build(c, NSYM, UNLIMITED, lens), HUFF_OK);
        check_valid(c, NSYM, UNLIMITED, lens, "fib", 0);
        ck_assert_uint_eq(longest_of(lens, NSYM), 79);
        ck_assert_uint_eq(cost_of(c, lens, NSYM), huff);

        for (unsigned l = 7; l <= 79; l++) {
                uint64_t want = ref_package_merge(c, NSYM, l, ref);

                ck_assert_int_eq(huff_lens_build(c, NSYM, l, lens), HUFF_OK);
                check_valid(c, NSYM, l, lens, "fib", l);
                EXPECT(cost_of(c, lens, NSYM) == want,
                              "limit %u: cost %llu, package-merge %llu", l,
                              (unsigned long long)cost_of(c, lens, NSYM),
                              (unsigned long long)want);
        }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Tests: edge cases */

START_TEST(no_symbols)
{
        uint64_t c[NSYM] = { 0 };
        uint8_t lens[NSYM];

        memset(lens, 0xa5, sizeof(lens));
        ck_assert_int_eq(huff_lens_build(c, NSYM, 11, lens), HUFF_OK);
        for (unsigned i = 0; i < NSYM; i++)
                ck_assert_uint_eq(lens[i], 0);
        ck_assert_int_eq(huff_lens_build(c, NSYM, 1, lens), HUFF_OK);
        ck_assert_int_eq(huff_lens_build(NULL, 0, 11, NULL), HUFF_OK);
        ck_assert_int_eq(huff_lens_build(c, 0, 11, lens), HUFF_OK);
}
END_TEST

START_TEST(one_symbol)
{
        uint64_t c[NSYM] = { 0 };
        uint8_t lens[NSYM];
        static const unsigned where[] = { 0, 1, 97, 255 };
        static const uint64_t count[] = { 1, 12345, 1ull << 40, 1ull << 56 };

        for (unsigned w = 0; w < 4; w++) {
                for (unsigned l = 1; l <= 16; l++) {
                        memset(c, 0, sizeof(c));
                        c[where[w]] = count[w];
                        memset(lens, 0xa5, sizeof(lens));
                        ck_assert_int_eq(huff_lens_build(c, NSYM, l == 16 ? UNLIMITED : l,
                                                         lens), HUFF_OK);
                        for (unsigned i = 0; i < NSYM; i++)
                                ck_assert_uint_eq(lens[i], i == where[w]);
                }
        }
}
END_TEST

START_TEST(two_symbols)
{
        uint64_t c[NSYM] = { 0 };
        uint8_t lens[NSYM];

        c[3] = 1;
        c[200] = (1ull << 56) - 2;     /* room for a third */
        for (unsigned l = 1; l <= 16; l++) {
                memset(lens, 0xa5, sizeof(lens));
                ck_assert_int_eq(huff_lens_build(c, NSYM, l == 16 ? UNLIMITED : l,
                                                 lens), HUFF_OK);
                for (unsigned i = 0; i < NSYM; i++)
                        ck_assert_uint_eq(lens[i], i == 3 || i == 200);
        }
        c[0] = 1;       /* three symbols: two bits needed */
        ck_assert_int_eq(huff_lens_build(c, NSYM, 1, lens), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_lens_build(c, NSYM, 2, lens), HUFF_OK);
}
END_TEST

/* 256 equal counts: every length 8, whatever the limit; 2^limit == used is
 * feasible, one symbol more is not. */
START_TEST(all_equal_and_exact_fit)
{
        uint64_t c[NSYM];
        uint8_t lens[NSYM];

        for (unsigned i = 0; i < NSYM; i++)
                c[i] = 1ull << 40;
        for (unsigned l = 8; l <= 16; l++) {
                ck_assert_int_eq(huff_lens_build(c, NSYM, l == 16 ? UNLIMITED : l,
                                                 lens), HUFF_OK);
                for (unsigned i = 0; i < NSYM; i++)
                        ck_assert_uint_eq(lens[i], 8);
        }
        ck_assert_int_eq(huff_lens_build(c, NSYM, 7, lens), HUFF_ERR_PARAM);

        /* Skewed, 256 used, limit 8: the only complete code is flat. */
        for (unsigned i = 0; i < NSYM; i++)
                c[i] = 1 + (uint64_t)i * i * i;
        ck_assert_int_eq(huff_lens_build(c, NSYM, 8, lens), HUFF_OK);
        for (unsigned i = 0; i < NSYM; i++)
                ck_assert_uint_eq(lens[i], 8);

        /* 129 used, limit 8: barely feasible, binding. */
        memset(c, 0, sizeof(c));
        for (unsigned i = 0; i < 129; i++)
                c[i < 128 ? 2 * i : 1] = 1 + (uint64_t)i * i;
        ck_assert_int_eq(huff_lens_build(c, NSYM, 8, lens), HUFF_OK);
        check_valid(c, NSYM, 8, lens, "129", 0);
        {
                uint8_t ref[NSYM];

                ck_assert_uint_eq(cost_of(c, lens, NSYM),
                                  ref_package_merge(c, NSYM, 8, ref));
        }
}
END_TEST

/* Limits 8..15 on a text-like histogram with a long tail: binding at the
 * low end, not at the high end; the cost never rises with the limit. */
START_TEST(limits_8_to_15)
{
        uint64_t c[NSYM] = { 0 };
        uint8_t lens[NSYM], ref[NSYM];
        uint64_t prev = UINT64_MAX, huff;
        unsigned huff_depth;

        for (unsigned i = 0; i < NSYM; i++)
                c[i] = (uint64_t)(200000.0 / pow(i + 1.0, 1.6));
        huff = ref_huffman(c, NSYM, ref);
        huff_depth = longest_of(ref, NSYM);
        ck_assert_uint_gt(huff_depth, 12);      /* so that 8..12 bind */
        for (unsigned l = 8; l <= 15; l++) {
                uint64_t got;

                ck_assert_int_eq(huff_lens_build(c, NSYM, l, lens), HUFF_OK);
                check_valid(c, NSYM, l, lens, "limits", l);
                got = cost_of(c, lens, NSYM);
                ck_assert_uint_eq(got, ref_package_merge(c, NSYM, l, ref));
                ck_assert_uint_le(got, prev);
                if (l < huff_depth)
                        ck_assert_uint_gt(got, huff);
                else
                        ck_assert_uint_eq(got, huff);
                prev = got;
        }
}
END_TEST

/* Equal counts: the lower index is the lighter, never the shorter code. */
START_TEST(ties_broken_by_index)
{
        uint64_t c3[3] = { 5, 5, 5 };
        uint64_t c5[5] = { 1, 1, 1, 1, 1 };
        uint8_t lens[5];

        ck_assert_int_eq(huff_lens_build(c3, 3, UNLIMITED, lens), HUFF_OK);
        ck_assert_uint_eq(lens[0], 2);
        ck_assert_uint_eq(lens[1], 2);
        ck_assert_uint_eq(lens[2], 1);

        /* Huffman gives 3,3,2,2,2: the two lowest indices go deeper. */
        ck_assert_int_eq(huff_lens_build(c5, 5, 3, lens), HUFF_OK);
        ck_assert_uint_eq(lens[0], 3);
        ck_assert_uint_eq(lens[1], 3);
        ck_assert_uint_eq(lens[2], 2);
        ck_assert_uint_eq(lens[3], 2);
        ck_assert_uint_eq(lens[4], 2);
}
END_TEST

/* Same input, same output, whatever the output buffer held and however
 * often it runs; on the package-merge path as well. */
START_TEST(deterministic)
{
        uint64_t c[NSYM];
        uint8_t a[NSYM], b[NSYM];
        struct rng r;

        rng_seed(&r, 42);
        make_hist(&r, H_POW2, c);
        for (unsigned l = 8; l <= 16; l++) {
                unsigned lim = l == 16 ? UNLIMITED : l;

                memset(a, 0x00, sizeof(a));
                memset(b, 0xff, sizeof(b));
                ck_assert_int_eq(huff_lens_build(c, NSYM, lim, a), HUFF_OK);
                ck_assert_int_eq(huff_lens_build(c, NSYM, lim, b), HUFF_OK);
                ck_assert_mem_eq(a, b, sizeof(a));
        }
}
END_TEST

/* Any limit at or above HUFF_LENS_UNLIMITED is none. */
START_TEST(unlimited_values)
{
        uint64_t c[NSYM] = { 0 };
        uint8_t a[NSYM], b[NSYM];
        static const unsigned lim[] = { 254, 255, 256, 1000, 0xffffffffu };
        uint64_t x = 1, y = 1;

        for (unsigned i = 0; i < 60; i++) {
                c[i] = x;
                y += x;
                x = y - x;
        }
        ck_assert_int_eq(huff_lens_build(c, NSYM, UNLIMITED, a), HUFF_OK);
        ck_assert_uint_eq(longest_of(a, NSYM), 59);
        for (unsigned k = 0; k < 5; k++) {
                ck_assert_int_eq(huff_lens_build(c, NSYM, lim[k], b), HUFF_OK);
                ck_assert_mem_eq(a, b, sizeof(a));
        }
}
END_TEST

START_TEST(bad_parameters)
{
        uint64_t c[NSYM + 1];
        uint8_t lens[NSYM + 1], before[NSYM + 1];

        for (unsigned i = 0; i <= NSYM; i++)
                c[i] = 1;
        memset(lens, 0x5a, sizeof(lens));
        memcpy(before, lens, sizeof(lens));

        ck_assert_int_eq(huff_lens_build(c, NSYM + 1, 11, lens), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_lens_build(c, NSYM, 0, lens), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_lens_build(c, 0, 0, lens), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_lens_build(NULL, NSYM, 11, lens), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_lens_build(c, NSYM, 11, NULL), HUFF_ERR_PARAM);
        /* More used symbols than 2^max_len codes. */
        ck_assert_int_eq(huff_lens_build(c, NSYM, 7, lens), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_lens_build(c, 129, 7, lens), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_lens_build(c, 5, 2, lens), HUFF_ERR_PARAM);
        ck_assert_int_eq(huff_lens_build(c, 3, 1, lens), HUFF_ERR_PARAM);
        ck_assert_mem_eq(lens, before, sizeof(lens));
        ck_assert_int_eq(huff_lens_build(c, 128, 7, lens), HUFF_OK);
        ck_assert_int_eq(huff_lens_build(c, 4, 2, lens), HUFF_OK);
        ck_assert_int_eq(huff_lens_build(c, 2, 1, lens), HUFF_OK);
}
END_TEST

/* The sum cap, 2^56, checked without wrapping: 2^63 + 2^63 is 0 mod 2^64. */
START_TEST(count_sum_limit)
{
        uint64_t c[NSYM] = { 0 };
        uint8_t lens[NSYM], before[NSYM];

        memset(lens, 0x5a, sizeof(lens));
        memcpy(before, lens, sizeof(lens));

        c[0] = 1ull << 63;
        c[1] = 1ull << 63;
        ck_assert_int_eq(huff_lens_build(c, NSYM, 11, lens), HUFF_ERR_PARAM);
        c[0] = UINT64_MAX;
        c[1] = 1;
        ck_assert_int_eq(huff_lens_build(c, NSYM, 11, lens), HUFF_ERR_PARAM);
        c[0] = 1;
        c[1] = UINT64_MAX;
        ck_assert_int_eq(huff_lens_build(c, NSYM, 11, lens), HUFF_ERR_PARAM);
        c[0] = 1ull << 55;
        c[1] = 0 - c[0];        /* the sum wraps to exactly 0 */
        ck_assert_int_eq(huff_lens_build(c, NSYM, 11, lens), HUFF_ERR_PARAM);
        c[1] = 0 - c[0] + 5;    /* ... or to a small, valid-looking 5 */
        ck_assert_int_eq(huff_lens_build(c, NSYM, 11, lens), HUFF_ERR_PARAM);
        c[0] = (1ull << 56) + 1;
        c[1] = 0;
        ck_assert_int_eq(huff_lens_build(c, NSYM, 11, lens), HUFF_ERR_PARAM);
        ck_assert_mem_eq(lens, before, sizeof(lens));

        /* 2^56 exactly is accepted, also spread over all 256 symbols. */
        c[0] = 1ull << 56;
        ck_assert_int_eq(huff_lens_build(c, NSYM, 11, lens), HUFF_OK);
        ck_assert_uint_eq(lens[0], 1);
        for (unsigned i = 0; i < NSYM; i++)
                c[i] = 1ull << 48;
        ck_assert_int_eq(huff_lens_build(c, NSYM, 8, lens), HUFF_OK);
        c[255]++;
        ck_assert_int_eq(huff_lens_build(c, NSYM, 8, lens), HUFF_ERR_PARAM);
        c[255] -= 2;
        c[254] = (1ull << 48) + 1;
        ck_assert_int_eq(huff_lens_build(c, NSYM, 8, lens), HUFF_OK);
        check_valid(c, NSYM, 8, lens, "cap", 0);
}
END_TEST

/* ------------------------------------------------------------------------ */

static Suite *lens_suite(void)
{
        Suite *s = suite_create("huffman_lengths");
        TCase *tc;

        tc = tcase_create("optimal");
        tcase_add_loop_test(tc, small_alphabets_match_exhaustive_search, 0, 20);
        tcase_add_loop_test(tc, random_256_match_references, 0, 20);
        tcase_add_loop_test(tc, random_sizes_match_references, 0, 20);
        tcase_add_test(tc, deepest_code_under_the_cap);
        tcase_set_timeout(tc, 30);
        suite_add_tcase(s, tc);

        tc = tcase_create("edges");
        tcase_add_test(tc, no_symbols);
        tcase_add_test(tc, one_symbol);
        tcase_add_test(tc, two_symbols);
        tcase_add_test(tc, all_equal_and_exact_fit);
        tcase_add_test(tc, limits_8_to_15);
        tcase_add_test(tc, ties_broken_by_index);
        tcase_add_test(tc, deterministic);
        tcase_add_test(tc, unlimited_values);
        tcase_add_test(tc, bad_parameters);
        tcase_add_test(tc, count_sum_limit);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        SRunner *sr = srunner_create(lens_suite());
        int failed;

        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
