/*
 * decode_mt.c - runs of blocks decoded on worker threads, taken back in order
 *
 * The calling thread parses frame and block headers (decoder.c) and adds
 * whole blocks to runs of about 256 KiB of output; a run goes to the pool
 * (a ring of runs, job_ring.h) and is decoded into its own buffer; runs are
 * taken back strictly in order, by the calling thread, which delivers,
 * checksums and counts their bytes as it does a block decoded alone.
 *
 * A block that uses the frame's current code (a repeat block) needs the
 * code of the last block that set one (a huffman block), which may be in
 * an earlier run, decoded elsewhere.  So each run carries a copy of the
 * code-length table that was current when it started (at most
 * HUFF_MAX_TABLE_SIZE bytes), and a run whose first coded block uses the
 * current code loads that table first (huff_block_decoder_load_code(), the
 * block layer's own table build).  Which types set or use the current code
 * is the block table's to say (block.h).
 *
 * Errors: a run stops at its first bad block and reports it with the bytes
 * of the blocks before it; the runs before it were delivered first, those
 * after it are never looked at.  So the first bad block wins, as it does
 * single-threaded, and the caller (decoder.c) delivers everything before a
 * bad header before reporting that.
 */
#include "decode_mt.h"

#include <stdlib.h>

#include "job_ring.h"

#define RUN_BYTES HUFF_BLOCK_SIZE_MAX   /* room for output (and input) of a
                                           run: one block of the largest size */
/* A run is sent once it holds this much output.  Smaller runs keep both
 * threads busy at the start and end of the input and touch less fresh
 * memory (each page of a run's buffers is faulted in once, at its first
 * use); 1 MiB runs took 1,650 more page faults for -T2 on 100 MB and were
 * slower: bench/threads.sh, 1.58x and 1.67x the single thread at best. */
#define RUN_TARGET (256u << 10)
#define RUN_BLOCKS 2048u                /* blocks in a run: tiny blocks
                                           make short runs, not huge lists */

struct run {
        struct huff_ring_item item;     /* first: its job, input, output */
        struct huff_dec_mt *m;
        size_t in_len;
        struct huff_block_header *bh;
        size_t nblocks;
        size_t out_len;
        const struct huff_model *model;
        int have_table;                 /* table: the code at the start */
        uint8_t table[HUFF_MAX_TABLE_SIZE];
        size_t table_len;
        /* results */
        enum huff_status status;
        size_t good_blocks, good_out;
};

struct huff_dec_mt {
        unsigned threads;
        struct huff_block_decoder *bd;  /* one per thread */
        struct huff_ring ring;
        const struct huff_model *model; /* the frame's */
        int have_table;                 /* the frame's current code */
        uint8_t table[HUFF_MAX_TABLE_SIZE];
        size_t table_len;
};

static void decode_run(struct huff_job *j, unsigned thread)
{
        struct run *r = (struct run *)j;
        struct huff_block_decoder *bd = &r->m->bd[thread];
        const uint8_t *src = r->item.in;
        size_t off = 0, i;
        int primed = !r->have_table;

        bd->model = r->model;
        bd->have_code = 0;
        r->status = HUFF_OK;
        for (i = 0; i < r->nblocks; i++) {
                const struct huff_block_header *h = &r->bh[i];
                enum huff_status s;

                if (huff_block_sets_code(h->type))
                        primed = 1;
                if (huff_block_uses_code(h->type) && !primed) {
                        /* A bad table failed its own block, which came
                         * first; then this block finds no code. */
                        (void)huff_block_decoder_load_code(bd, r->table, r->table_len);
                        primed = 1;
                }
                s = huff_block_decode(bd, h, src, r->item.out + off);
                if (s != HUFF_OK) {
                        r->status = s;
                        break;
                }
                src += h->payload_size;
                off += h->decoded_size;
        }
        r->good_blocks = i;
        r->good_out = off;
}

static int setup_run(void *item, void *ctx)
{
        struct run *r = item;

        r->m = ctx;
        r->bh = malloc(RUN_BLOCKS * sizeof(*r->bh));
        return r->bh != NULL;
}

enum huff_status huff_dec_mt_create(struct huff_dec_mt **mp, unsigned threads)
{
        struct huff_dec_mt *m;

        *mp = NULL;
        m = calloc(1, sizeof(*m));
        if (!m)
                return HUFF_ERR_NOMEM;
        m->threads = threads;
        m->bd = calloc(threads, sizeof(*m->bd));
        if (!m->bd || huff_ring_create(&m->ring, threads, sizeof(struct run), RUN_BYTES,
                                       RUN_BYTES, decode_run,
                                       setup_run, m) != HUFF_OK) {
                huff_dec_mt_free(m);
                return HUFF_ERR_NOMEM;
        }
        *mp = m;
        return HUFF_OK;
}

void huff_dec_mt_reset(struct huff_dec_mt *m)
{
        huff_ring_reset(&m->ring);
        m->have_table = 0;
}

static void free_run(void *item)
{
        struct run *r = item;

        free(r->bh);
}

void huff_dec_mt_free(struct huff_dec_mt *m)
{
        if (!m)
                return;
        huff_ring_free(&m->ring, free_run);
        free(m->bd);
        free(m);
}

void huff_dec_mt_frame(struct huff_dec_mt *m, const struct huff_model *model)
{
        HUFF_ASSERT(huff_dec_mt_idle(m));
        m->model = model;
        m->have_table = 0;
}

void huff_dec_mt_send(struct huff_dec_mt *m)
{
        const struct run *r = huff_ring_filling(&m->ring);

        if (!r)
                return;
        if (r->nblocks == 0)
                huff_ring_unfill(&m->ring);
        else
                huff_ring_send(&m->ring);
}

int huff_dec_mt_add(struct huff_dec_mt *m, const struct huff_block_header *h,
                    const uint8_t *payload)
{
        struct run *r = huff_ring_filling(&m->ring);

        if (r && (r->nblocks == RUN_BLOCKS || r->out_len + h->decoded_size > RUN_TARGET ||
                  r->in_len + h->payload_size > RUN_TARGET)) {
                huff_ring_send(&m->ring);
                r = NULL;
        }
        if (!r) {
                r = huff_ring_take(&m->ring);
                if (!r)
                        return 0;
                r->in_len = r->out_len = r->nblocks = 0;
                r->model = m->model;
                r->have_table = m->have_table;
                if (m->have_table) {
                        memcpy(r->table, m->table, m->table_len);
                        r->table_len = m->table_len;
                }
        }
        /* A block's sizes are within the frame's block size, at most 1 MiB:
         * an empty run always takes it. */
        HUFF_ASSERT(h->decoded_size <= RUN_BYTES && h->payload_size <= RUN_BYTES);
        memcpy(r->item.in + r->in_len, payload, h->payload_size);
        r->in_len += h->payload_size;
        r->out_len += h->decoded_size;
        r->bh[r->nblocks++] = *h;
        if (huff_block_sets_code(h->type)) {
                m->table_len = HUFF_MIN((size_t)h->payload_size, sizeof(m->table));
                memcpy(m->table, payload, m->table_len);
                m->have_table = 1;
        }
        return 1;
}

int huff_dec_mt_idle(const struct huff_dec_mt *m)
{
        return m->ring.used == 0;
}

int huff_dec_mt_oldest(struct huff_dec_mt *m, int wait, struct huff_dec_run *done)
{
        const struct run *r = huff_ring_oldest(&m->ring, wait);

        if (!r)
                return 0;
        done->out = r->item.out;
        done->good_out = r->good_out;
        done->bh = r->bh;
        done->good_blocks = r->good_blocks;
        done->status = r->status;
        return 1;
}

void huff_dec_mt_retire(struct huff_dec_mt *m)
{
        huff_ring_retire(&m->ring);
}
