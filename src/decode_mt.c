/*
 * decode_mt.c - runs of blocks decoded on worker threads, delivered in order
 *
 * The calling thread parses frame and block headers (stream.c) and gathers
 * whole blocks into runs of about 256 KiB of output; a run goes to the pool
 * and is decoded into its own buffer; runs are delivered, checksummed and
 * counted strictly in order, by the calling thread.
 *
 * A repeat block needs the code of the last huffman block before it, which
 * may be in an earlier run, decoded elsewhere.  So each run carries a copy
 * of the code-length table that was current when it started (at most
 * HUFF_MAX_TABLE_SIZE bytes), and a run whose first coded block is a repeat
 * rebuilds that code first.  It does so through huff_block_decode() itself,
 * with a one-byte huffman block (that table, then one zero byte: the
 * all-zero codeword of a complete code over 256 symbols is at most 8 bits
 * long), so that the decode table is built exactly as block_decode.c builds
 * it, whatever its layout.
 *
 * Errors: a run stops at its first bad block and reports it with the bytes
 * of the blocks before it; the runs before it were delivered first, those
 * after it are never looked at.  So the first bad block wins, as it does
 * single-threaded, and the caller (stream.c) delivers everything before a
 * bad header before reporting that.
 */
#include "decode_mt.h"

#include <stdlib.h>

#include "checksum.h"
#include "code_table.h"
#include "pool.h"

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
        struct huff_job job;            /* first: the job is the run */
        struct huff_dec_mt *m;
        uint8_t *in;
        size_t in_len;
        struct huff_block_header *bh;
        size_t nblocks;
        uint8_t *out;
        size_t out_len;
        const struct huff_model *model;
        int have_table;                 /* table: the code at the start */
        uint8_t table[HUFF_MAX_TABLE_SIZE];
        size_t table_len;
        /* results */
        enum huff_status status;
        size_t good_blocks, good_out;
        /* delivery */
        int sent, accepted;
        size_t out_pos;
};

struct huff_dec_mt {
        struct huff_pool *pool;
        unsigned threads;
        struct huff_block_decoder *bd;  /* one per thread */
        struct run *runs;
        size_t nruns, head, used;
        struct run *fill;               /* the run being gathered, or NULL */
        const struct huff_model *model; /* the frame's */
        int have_table;                 /* the frame's current code */
        uint8_t table[HUFF_MAX_TABLE_SIZE];
        size_t table_len;
        const uint8_t *lent;            /* what the last lending call lent */
        size_t lent_size;
};

/* Make table, a huffman block's payload start, bd's current code. */
static void set_code(struct huff_block_decoder *bd, const uint8_t *table, size_t len)
{
        uint8_t buf[HUFF_MAX_TABLE_SIZE + 1], lens[256], one;
        unsigned longest;
        size_t size;
        struct huff_block_header h = { HUFF_BLOCK_HUFFMAN, 0, 1, 0 };

        /* A bad table failed its own block, which came first. */
        if (huff_table_read(table, len, lens, &longest, &size) != HUFF_OK)
                return;
        memcpy(buf, table, size);
        buf[size] = 0;
        h.payload_size = (uint32_t)size + 1;
        (void)huff_block_decode(bd, &h, buf, &one);
}

static void decode_run(struct huff_job *j, unsigned thread)
{
        struct run *r = (struct run *)j;
        struct huff_block_decoder *bd = &r->m->bd[thread];
        const uint8_t *src = r->in;
        size_t off = 0, i;
        int primed = !r->have_table;

        bd->model = r->model;
        bd->have_code = 0;
        r->status = HUFF_OK;
        for (i = 0; i < r->nblocks; i++) {
                const struct huff_block_header *h = &r->bh[i];
                enum huff_status s;

                if (h->type == HUFF_BLOCK_HUFFMAN)
                        primed = 1;
                if (h->type == HUFF_BLOCK_REPEAT && !primed) {
                        set_code(bd, r->table, r->table_len);
                        primed = 1;
                }
                s = huff_block_decode(bd, h, src, r->out + off);
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

enum huff_status huff_dec_mt_create(struct huff_dec_mt **mp, unsigned threads)
{
        struct huff_dec_mt *m;

        *mp = NULL;
        m = calloc(1, sizeof(*m));
        if (!m)
                return HUFF_ERR_NOMEM;
        m->threads = threads;
        m->nruns = threads + 2;
        m->bd = calloc(threads, sizeof(*m->bd));
        m->runs = calloc(m->nruns, sizeof(*m->runs));
        if (!m->bd || !m->runs)
                goto nomem;
        for (size_t i = 0; i < m->nruns; i++) {
                struct run *r = &m->runs[i];

                r->m = m;
                r->job.run = decode_run;
                r->in = malloc(RUN_BYTES);
                r->out = malloc(RUN_BYTES);
                r->bh = malloc(RUN_BLOCKS * sizeof(*r->bh));
                if (!r->in || !r->out || !r->bh)
                        goto nomem;
        }
        if (huff_pool_create(&m->pool, threads) != HUFF_OK)
                goto nomem;
        *mp = m;
        return HUFF_OK;
nomem:
        huff_dec_mt_free(m);
        return HUFF_ERR_NOMEM;
}

static void wait_all(struct huff_dec_mt *m)
{
        for (size_t i = 0; i < m->used; i++) {
                struct run *r = &m->runs[(m->head + i) % m->nruns];

                if (r->sent)
                        huff_pool_wait(m->pool, &r->job);
        }
}

void huff_dec_mt_reset(struct huff_dec_mt *m)
{
        wait_all(m);
        for (size_t i = 0; i < m->nruns; i++) {
                m->runs[i].sent = m->runs[i].accepted = 0;
                m->runs[i].job.state = 0;
        }
        m->head = m->used = 0;
        m->fill = NULL;
        m->have_table = 0;
}

void huff_dec_mt_free(struct huff_dec_mt *m)
{
        if (!m)
                return;
        if (m->pool) {
                wait_all(m);
                huff_pool_free(m->pool);
        }
        if (m->runs)
                for (size_t i = 0; i < m->nruns; i++) {
                        free(m->runs[i].in);
                        free(m->runs[i].out);
                        free(m->runs[i].bh);
                }
        free(m->runs);
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
        if (!m->fill)
                return;
        if (m->fill->nblocks == 0) {
                m->fill = NULL;
                m->used--;
                return;
        }
        m->fill->sent = 1;
        huff_pool_submit(m->pool, &m->fill->job);
        m->fill = NULL;
}

int huff_dec_mt_add(struct huff_dec_mt *m, const struct huff_block_header *h,
                    const uint8_t *payload)
{
        struct run *r = m->fill;

        if (r && (r->nblocks == RUN_BLOCKS || r->out_len + h->decoded_size > RUN_TARGET ||
                  r->in_len + h->payload_size > RUN_TARGET)) {
                huff_dec_mt_send(m);
                r = NULL;
        }
        if (!r) {
                if (m->used == m->nruns)
                        return 0;
                r = m->fill = &m->runs[(m->head + m->used++) % m->nruns];
                r->in_len = r->out_len = r->nblocks = r->out_pos = 0;
                r->sent = r->accepted = 0;
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
        memcpy(r->in + r->in_len, payload, h->payload_size);
        r->in_len += h->payload_size;
        r->out_len += h->decoded_size;
        r->bh[r->nblocks++] = *h;
        if (h->type == HUFF_BLOCK_HUFFMAN) {
                m->table_len = HUFF_MIN((size_t)h->payload_size, sizeof(m->table));
                memcpy(m->table, payload, m->table_len);
                m->have_table = 1;
        }
        return 1;
}

int huff_dec_mt_idle(const struct huff_dec_mt *m)
{
        return m->used == 0;
}

/* A run seen decoded for the first time: account its good blocks (the
 * checksum takes their bytes as they are delivered). */
static void accept(struct run *r, const struct huff_dec_mt_sink *sink)
{
        size_t off = 0;

        for (size_t i = 0; i < r->good_blocks; i++) {
                const struct huff_block_header *h = &r->bh[i];

                if (sink->on_block)
                        sink->on_block(sink->on_block_ctx, h->type, r->out + off,
                                       h->decoded_size);
                sink->stats->blocks++;
                sink->stats->blocks_by_type[h->type]++;
                off += h->decoded_size;
        }
        r->accepted = 1;
}

enum huff_status huff_dec_mt_deliver(struct huff_dec_mt *m, struct huff_outbuf *out,
                                     int wait, const struct huff_dec_mt_sink *sink)
{
        while (m->used > 0) {
                struct run *r = &m->runs[m->head];
                size_t k;

                if (!r->sent)
                        return HUFF_OK;         /* being gathered */
                if (!r->accepted) {
                        if (!huff_pool_done(m->pool, &r->job)) {
                                if (!wait)
                                        return HUFF_OK;
                                huff_pool_wait(m->pool, &r->job);
                        }
                        accept(r, sink);
                }
                if (!out->dst) {
                        /* Lending: the whole rest of the run, once per
                         * call; the run is retired by the next call, when
                         * k is 0, so its buffer stays as it is till then. */
                        if (out->pos == out->size)
                                return HUFF_OK;
                        k = r->good_out - r->out_pos;
                        if (k) {
                                m->lent = r->out + r->out_pos;
                                m->lent_size = k;
                                if (sink->hash)
                                        huff_checksum_update(sink->hash, m->lent, k);
                                out->pos = out->size;
                                r->out_pos += k;
                                sink->stats->decompressed_bytes += k;
                                return HUFF_OK;
                        }
                        goto retire;
                }
                k = HUFF_MIN(r->good_out - r->out_pos, out->size - out->pos);
                if (k) {
                        uint8_t *dst = (uint8_t *)out->dst + out->pos;

                        /* Copy, then checksum the copy: the run was decoded
                         * on another core, and this way its bytes cross
                         * over once, not twice. */
                        memcpy(dst, r->out + r->out_pos, k);
                        if (sink->hash)
                                huff_checksum_update(sink->hash, dst, k);
                }
                out->pos += k;
                r->out_pos += k;
                sink->stats->decompressed_bytes += k;
                if (r->out_pos < r->good_out)
                        return HUFF_OK;         /* out is full */
retire:
                if (r->status != HUFF_OK)
                        return r->status;
                r->sent = r->accepted = 0;
                r->job.state = 0;
                m->head = (m->head + 1) % m->nruns;
                m->used--;
                wait = 0;
        }
        return HUFF_OK;
}

void huff_dec_mt_lent(const struct huff_dec_mt *m, const uint8_t **view, size_t *size)
{
        *view = m->lent;
        *size = m->lent_size;
}
