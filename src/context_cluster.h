/*
 * context_cluster.h - the pair counts and the greedy merge of a block's
 * contexts (context_cluster.c), as context_model.c uses them
 */
#ifndef HUFF_CONTEXT_CLUSTER_H
#define HUFF_CONTEXT_CLUSTER_H

#include "context_model.h"

/* f(h) = h log2 h comes from a table below this count. */
#define NLOGN_TABLE 4096u
/* The merge starts from at most this many clusters: the most frequent
 * contexts each alone, the rest joined to the one they fit best.  Greedy
 * merging costs the cube of its start, and the rare contexts' bytes weigh
 * little either way. */
#define CTX_SLOTS_MAX 64u

struct huff_ctx_scratch {
        uint32_t pairs[256][256];       /* pairs[c][x]: x after c */
        uint32_t ctx_total[256];
        uint8_t cnz[256][256];          /* the bytes after c, in order */
        uint16_t cnnz[256];
        /* The clusters of the merge, by slot: slot i starts as the i-th
         * context present. */
        uint32_t hist[CTX_SLOTS_MAX][256];
        uint32_t total[CTX_SLOTS_MAX];
        uint8_t nz[CTX_SLOTS_MAX][256]; /* the byte values present, in order */
        uint16_t nnz[CTX_SLOTS_MAX];
        double bits[CTX_SLOTS_MAX];               /* ideal cost of each cluster */
        float delta[CTX_SLOTS_MAX][CTX_SLOTS_MAX];      /* merge cost of slots i < j */
        uint16_t best[CTX_SLOTS_MAX];   /* each slot's cheapest partner */
        uint8_t alive[CTX_SLOTS_MAX];
        uint8_t slot_of[256];           /* context -> slot */
        float ideal[CTX_SLOTS_MAX][256];        /* each first slot's ideal
                                                   code lengths */
        unsigned slots;
        float nlogn[NLOGN_TABLE];
};

/* The clustering at each K the merge passes, by context, and its
 * estimated payload in bytes. */
struct huff_ctx_snapshots {
        uint8_t slot_of[HUFF_CTX_CODES_MAX + 1][256];
        uint8_t alive[HUFF_CTX_CODES_MAX + 1][CTX_SLOTS_MAX];
        double estimate[HUFF_CTX_CODES_MAX + 1];
};

/* Count the pairs of src[0..n) (n >= 1) and make the slots the merge
 * starts from: s->slots of them, each context's in s->slot_of. */
void huff_ctx_count_pairs(struct huff_ctx_scratch *s, const uint8_t *src, size_t n);

/* Merge the slots down to HUFF_CTX_CODES_MIN, recording in snap the
 * clustering and its estimated payload at each K <= HUFF_CTX_CODES_MAX
 * passed (every K from min(s->slots, HUFF_CTX_CODES_MAX) down). */
void huff_ctx_merge(struct huff_ctx_scratch *s, struct huff_ctx_snapshots *snap);

#endif
