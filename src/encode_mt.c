/*
 * encode_mt.c - segments coded on worker threads, written out in order
 *
 * A ring of slots (job_ring.h), each a segment of input and room for its
 * blocks.  The calling thread fills the slots in input order (the checksum
 * is encoder.c's business, on the same bytes in the same order), hands each
 * full one to the pool, and copies coded slots out strictly in order.  Each
 * job starts a fresh block encoder: a segment depends on nothing before it
 * (segment.h), so the frame is the single-threaded one byte for byte.
 *
 * The one thing a segment cannot know alone is the frame's version, which
 * its first segment decides (FORMAT.md 6): segments are coded as if
 * version 2 were allowed, and one that used a context block in a frame
 * that turned out version 1 is coded again, here, without them.
 */
#include "encode_mt.h"

#include <stdlib.h>

#include "job_ring.h"
#include "segment.h"

struct slot {
        struct huff_ring_item item;     /* first: its job, input, output */
        struct huff_enc_mt *m;
        size_t in_len;
        size_t out_len, out_pos;
        unsigned version;               /* what its blocks need */
};

struct huff_enc_mt {
        struct huff_params params;
        unsigned threads;
        size_t seg, room;
        struct huff_seg_coder *coders;  /* one per thread */
        struct huff_seg_coder recoder;  /* the caller's, for segments coded
                                           again as version 1 */
        unsigned version;               /* the frame's; 0: not known yet */
        struct huff_ring ring;
};

static void code_segment(struct huff_job *j, unsigned thread)
{
        struct slot *s = (struct slot *)j;
        struct huff_enc_mt *m = s->m;
        struct huff_seg_coder *c = &m->coders[thread];

        huff_block_encoder_reset(&c->be, m->params.max_code_len, m->params.model);
        c->types_used = 0;
        s->out_len = huff_seg_encode(c, &m->params, s->item.in, s->in_len, s->item.out);
        s->version = huff_seg_version(c);
}

/* Code s again with version 1's types only, on the calling thread. */
static void recode_v1(struct huff_enc_mt *m, struct slot *s)
{
        struct huff_seg_coder *c = &m->recoder;

        huff_block_encoder_reset(&c->be, m->params.max_code_len, m->params.model);
        huff_seg_coder_allow(c, HUFF_FORMAT_V1);
        s->out_len = huff_seg_encode(c, &m->params, s->item.in, s->in_len, s->item.out);
        s->version = HUFF_FORMAT_V1;
}

static int setup_slot(void *item, void *ctx)
{
        struct slot *s = item;

        s->m = ctx;
        return 1;
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
        m->coders = calloc(threads, sizeof(*m->coders));
        if (!m->coders)
                goto nomem;
        for (unsigned t = 0; t < threads; t++)
                if (huff_seg_coder_init(&m->coders[t], p, m->seg) != HUFF_OK)
                        goto nomem;
        if (m->coders[0].be.version > HUFF_FORMAT_V1 &&
            huff_seg_coder_init(&m->recoder, p, m->seg) != HUFF_OK)
                goto nomem;
        m->room = huff_seg_room(&m->coders[0], m->seg);
        m->version = m->coders[0].be.version == HUFF_FORMAT_V1 ? HUFF_FORMAT_V1 : 0;
        if (huff_ring_create(&m->ring, threads, sizeof(struct slot), m->seg, m->room,
                             code_segment, setup_slot, m) != HUFF_OK)
                goto nomem;
        *mp = m;
        return HUFF_OK;
nomem:
        huff_enc_mt_free(m);
        return HUFF_ERR_NOMEM;
}

void huff_enc_mt_reset(struct huff_enc_mt *m)
{
        huff_ring_reset(&m->ring);
        /* Without context blocks every frame is version 1 from the start. */
        m->version = m->coders[0].be.version == HUFF_FORMAT_V1 ? HUFF_FORMAT_V1 : 0;
}

unsigned huff_enc_mt_version(struct huff_enc_mt *m, int wait)
{
        const struct slot *s;

        if (m->version)
                return m->version;
        s = huff_ring_oldest(&m->ring, wait);
        if (s)
                m->version = s->version;
        return m->version;
}

void huff_enc_mt_free(struct huff_enc_mt *m)
{
        if (!m)
                return;
        huff_ring_free(&m->ring, NULL);
        if (m->coders)
                for (unsigned t = 0; t < m->threads; t++)
                        huff_seg_coder_free(&m->coders[t]);
        huff_seg_coder_free(&m->recoder);
        free(m->coders);
        free(m);
}

size_t huff_enc_mt_put(struct huff_enc_mt *m, const uint8_t *src, size_t n)
{
        size_t taken = 0;

        while (taken < n) {
                struct slot *s = huff_ring_filling(&m->ring);
                size_t k;

                if (!s) {
                        s = huff_ring_take(&m->ring);
                        if (!s)
                                break;
                        s->in_len = s->out_len = s->out_pos = 0;
                }
                k = HUFF_MIN(m->seg - s->in_len, n - taken);
                memcpy(s->item.in + s->in_len, src + taken, k);
                s->in_len += k;
                taken += k;
                if (s->in_len == m->seg)
                        huff_ring_send(&m->ring);
        }
        return taken;
}

void huff_enc_mt_flush(struct huff_enc_mt *m)
{
        const struct slot *s = huff_ring_filling(&m->ring);

        if (!s)
                return;
        if (s->in_len > 0)
                huff_ring_send(&m->ring);
        else
                huff_ring_unfill(&m->ring);     /* an empty slot taken last */
}

int huff_enc_mt_drain(struct huff_enc_mt *m, struct huff_outbuf *out, int wait)
{
        struct slot *s;

        HUFF_ASSERT(m->version || m->ring.used == 0);
        while ((s = huff_ring_oldest(&m->ring, wait)) != NULL) {
                size_t k;

                if (s->version > m->version)
                        recode_v1(m, s);
                k = HUFF_MIN(s->out_len - s->out_pos, out->size - out->pos);

                if (k)
                        memcpy((uint8_t *)out->dst + out->pos, s->item.out + s->out_pos, k);
                out->pos += k;
                s->out_pos += k;
                if (s->out_pos < s->out_len)
                        return 0;               /* out is full */
                huff_ring_retire(&m->ring);
                wait = 0;
        }
        return m->ring.used == 0;
}

size_t huff_enc_mt_pending(const struct huff_enc_mt *m)
{
        size_t n = 0;

        for (size_t i = 0; i < m->ring.used; i++) {
                const struct slot *s = huff_ring_at(&m->ring, i);

                /* Only the oldest is known coded: seen so by a drain. */
                n += i == 0 && m->ring.head_done ? s->out_len - s->out_pos
                                                 : huff_seg_room(&m->coders[0], s->in_len);
        }
        return n;
}
