/*
 * encode_mt.c - segments coded on worker threads, written out in order
 *
 * A ring of slots, each a segment of input and room for its blocks.  The
 * calling thread fills the slots in input order (the checksum is its
 * business, in stream.c, on the same bytes in the same order), hands each
 * full one to the pool, and copies coded slots out strictly in order.  Each
 * job starts a fresh block encoder: a segment depends on nothing before it
 * (segment.h), so the frame is the single-threaded one byte for byte.
 *
 * threads + 2 slots: one per thread coding, one queued so that a worker
 * finishing never waits for the caller, and one being filled or written
 * out.  Fewer left a worker idle while the caller copied (measured: see
 * README "Threads").
 */
#include "encode_mt.h"

#include <stdlib.h>

#include "pool.h"
#include "segment.h"

struct slot {
        struct huff_job job;            /* first: the job is the slot */
        struct huff_enc_mt *m;
        uint8_t *in;
        size_t in_len;
        uint8_t *out;
        size_t out_len, out_pos;
        int sent;                       /* handed to the pool */
        int coded;                      /* seen done by the caller */
};

struct huff_enc_mt {
        struct huff_params params;
        struct huff_pool *pool;
        unsigned threads;
        size_t seg, room;
        struct huff_seg_coder *coders;  /* one per thread */
        struct slot *slots;
        size_t nslots;
        size_t head;                    /* oldest slot in use */
        size_t used;                    /* slots in use, from head on */
        struct slot *fill;              /* the slot being filled, or NULL */
};

static void code_segment(struct huff_job *j, unsigned thread)
{
        struct slot *s = (struct slot *)j;
        struct huff_enc_mt *m = s->m;
        struct huff_seg_coder *c = &m->coders[thread];

        huff_block_encoder_reset(&c->be, m->params.max_code_len, m->params.model);
        s->out_len = huff_seg_encode(c, &m->params, s->in, s->in_len, s->out);
}

enum huff_status huff_enc_mt_create(struct huff_enc_mt **mp, const struct huff_params *p,
                                    unsigned threads)
{
        struct huff_enc_mt *m;

        *mp = NULL;
        m = calloc(1, sizeof(*m));
        if (!m)
                return HUFF_ERR_NOMEM;
        m->params = *p;
        m->threads = threads;
        m->seg = huff_segment_size(p);
        m->nslots = threads + 2;
        m->coders = calloc(threads, sizeof(*m->coders));
        m->slots = calloc(m->nslots, sizeof(*m->slots));
        if (!m->coders || !m->slots)
                goto nomem;
        for (unsigned t = 0; t < threads; t++)
                if (huff_seg_coder_init(&m->coders[t], p, m->seg) != HUFF_OK)
                        goto nomem;
        m->room = huff_seg_room(&m->coders[0], m->seg);
        for (size_t i = 0; i < m->nslots; i++) {
                struct slot *s = &m->slots[i];

                s->m = m;
                s->job.run = code_segment;
                s->in = malloc(m->seg);
                s->out = malloc(m->room);
                if (!s->in || !s->out)
                        goto nomem;
        }
        if (huff_pool_create(&m->pool, threads) != HUFF_OK)
                goto nomem;
        *mp = m;
        return HUFF_OK;
nomem:
        huff_enc_mt_free(m);
        return HUFF_ERR_NOMEM;
}

/* Wait for every slot handed to the pool: none may run past a reset. */
static void wait_all(struct huff_enc_mt *m)
{
        for (size_t i = 0; i < m->used; i++) {
                struct slot *s = &m->slots[(m->head + i) % m->nslots];

                if (s->sent)
                        huff_pool_wait(m->pool, &s->job);
        }
}

void huff_enc_mt_reset(struct huff_enc_mt *m)
{
        wait_all(m);
        for (size_t i = 0; i < m->nslots; i++) {
                m->slots[i].sent = m->slots[i].coded = 0;
                m->slots[i].job.state = 0;
        }
        m->head = m->used = 0;
        m->fill = NULL;
}

void huff_enc_mt_free(struct huff_enc_mt *m)
{
        if (!m)
                return;
        if (m->pool) {
                wait_all(m);
                huff_pool_free(m->pool);
        }
        if (m->slots)
                for (size_t i = 0; i < m->nslots; i++) {
                        free(m->slots[i].in);
                        free(m->slots[i].out);
                }
        if (m->coders)
                for (unsigned t = 0; t < m->threads; t++)
                        huff_seg_coder_free(&m->coders[t]);
        free(m->slots);
        free(m->coders);
        free(m);
}

static void send_fill(struct huff_enc_mt *m)
{
        m->fill->sent = 1;
        huff_pool_submit(m->pool, &m->fill->job);
        m->fill = NULL;
}

size_t huff_enc_mt_put(struct huff_enc_mt *m, const uint8_t *src, size_t n)
{
        size_t taken = 0;

        while (taken < n) {
                size_t k;

                if (!m->fill) {
                        if (m->used == m->nslots)
                                break;
                        m->fill = &m->slots[(m->head + m->used++) % m->nslots];
                        m->fill->in_len = m->fill->out_len = m->fill->out_pos = 0;
                        m->fill->sent = m->fill->coded = 0;
                }
                k = HUFF_MIN(m->seg - m->fill->in_len, n - taken);
                memcpy(m->fill->in + m->fill->in_len, src + taken, k);
                m->fill->in_len += k;
                taken += k;
                if (m->fill->in_len == m->seg)
                        send_fill(m);
        }
        return taken;
}

void huff_enc_mt_flush(struct huff_enc_mt *m)
{
        if (!m->fill)
                return;
        if (m->fill->in_len > 0) {
                send_fill(m);
        } else {
                /* an empty slot taken last: give it back */
                m->fill = NULL;
                m->used--;
        }
}

int huff_enc_mt_drain(struct huff_enc_mt *m, struct huff_outbuf *out, int wait)
{
        while (m->used > 0) {
                struct slot *s = &m->slots[m->head];
                size_t k;

                if (!s->sent)
                        return 0;               /* being filled */
                if (!s->coded) {
                        if (!huff_pool_done(m->pool, &s->job)) {
                                if (!wait)
                                        return 0;
                                huff_pool_wait(m->pool, &s->job);
                        }
                        s->coded = 1;
                }
                k = HUFF_MIN(s->out_len - s->out_pos, out->size - out->pos);
                if (k)
                        memcpy((uint8_t *)out->dst + out->pos, s->out + s->out_pos, k);
                out->pos += k;
                s->out_pos += k;
                if (s->out_pos < s->out_len)
                        return 0;               /* out is full */
                s->sent = s->coded = 0;
                s->job.state = 0;
                m->head = (m->head + 1) % m->nslots;
                m->used--;
                wait = 0;
        }
        return 1;
}

size_t huff_enc_mt_pending(const struct huff_enc_mt *m)
{
        size_t n = 0;

        for (size_t i = 0; i < m->used; i++) {
                const struct slot *s = &m->slots[(m->head + i) % m->nslots];

                n += s->coded ? s->out_len - s->out_pos : huff_seg_room(&m->coders[0], s->in_len);
        }
        return n;
}
