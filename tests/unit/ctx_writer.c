/*
 * ctx_writer.c - context block payloads written on the test side (see
 * ctx_writer.h), from FORMAT.md 9.1
 */
#include "ctx_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bitstream.h"
#include "canonical.h"
#include "code_table.h"
#include "huffman_lengths.h"

/* A broken test, not a finding: stop at once. */
#define CTX_REQUIRE(c) do {                                             \
        if (!(c)) {                                                     \
                fprintf(stderr, "%s:%d: ctx_writer: %s\n", __FILE__, __LINE__, #c); \
                abort();                                                \
        }                                                               \
} while (0)

/* The width of a code number in the map (FORMAT.md 9.1). */
static unsigned code_bits(unsigned codes)
{
        unsigned w = 1;

        while ((1u << w) < codes)
                w++;
        return w;
}

void ctx_map_mod(uint8_t map[256], unsigned codes)
{
        for (unsigned c = 0; c < 256; c++)
                map[c] = (uint8_t)(c % codes);
}

static unsigned ascii_class(unsigned c)
{
        if (c >= 'a' && c <= 'z')
                return 0;
        if (c == ' ')
                return 1;
        if (c >= 'A' && c <= 'Z')
                return 2;
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?')
                return 3;
        if (c == '\n')
                return 4;
        if (c >= '0' && c <= '9')
                return 5;
        return 6;
}

void ctx_map_classes(uint8_t map[256], unsigned codes)
{
        /* Codes past the 7 classes go to single letters ('a', 'b', ...; at
         * most 25 of them, so 'z' keeps the lower-case class named). */
        for (unsigned c = 0; c < 256; c++)
                map[c] = (uint8_t)(ascii_class(c) % codes);
        for (unsigned k = 7; k < codes; k++)
                map['a' + (k - 7)] = (uint8_t)k;
}

void ctx_map_frequent(uint8_t map[256], unsigned codes, const uint8_t *src, size_t n)
{
        size_t counts[256] = { 0 };
        uint8_t order[256];

        for (size_t i = 0; i < n; i++)
                counts[src[i]]++;
        for (unsigned c = 0; c < 256; c++)
                order[c] = (uint8_t)c;
        /* Insertion sort by count, most frequent first, ties by value. */
        for (unsigned i = 1; i < 256; i++) {
                uint8_t v = order[i];
                unsigned j = i;

                while (j > 0 && counts[order[j - 1]] < counts[v]) {
                        order[j] = order[j - 1];
                        j--;
                }
                order[j] = v;
        }
        for (unsigned i = 0; i < 256; i++)
                map[order[i]] = (uint8_t)(i < codes - 1 ? i : codes - 1);
}

void ctx_model_fit(struct ctx_model *m, const uint8_t *src, size_t n, unsigned max_len)
{
        uint64_t (*counts)[256] = calloc(HUFF_CTX_CODES_MAX, sizeof(*counts));
        size_t seg;

        CTX_REQUIRE(counts != NULL);
        CTX_REQUIRE(m->codes >= 2 && m->codes <= HUFF_CTX_CODES_MAX);
        CTX_REQUIRE(m->streams >= 1 && m->streams <= HUFF_CTX_STREAMS_MAX);
        CTX_REQUIRE((size_t)m->streams * m->streams <= n);
        CTX_REQUIRE(max_len >= 1 && max_len <= HUFF_CTX_LEN_MAX);
        seg = (n + m->streams - 1) / m->streams;
        for (unsigned j = 0; j < m->streams; j++) {
                size_t end = j + 1 < m->streams ? (j + 1) * seg : n;
                unsigned prev = m->start[j];

                for (size_t i = j * seg; i < end; i++) {
                        counts[m->map[prev]][src[i]]++;
                        prev = src[i];
                }
        }
        for (unsigned k = 0; k < m->codes; k++) {
                unsigned used = 0, first = 0;

                for (unsigned b = 0; b < 256; b++) {
                        if (counts[k][b]) {
                                if (!used)
                                        first = b;
                                used++;
                        }
                }
                if (used == 0)
                        counts[k][0] = counts[k][1] = 1;
                else if (used == 1)
                        counts[k][first == 0 ? 1 : 0] = 1;
                CTX_REQUIRE(huff_lens_build(counts[k], 256, max_len, m->lens[k]) == HUFF_OK);
        }
        free(counts);
}

size_t ctx_payload_room(size_t n)
{
        /* desc, the longest map (256 x 6 bits), 32 tables, starts, jumps;
         * the streams, 11 bits a byte and a byte of padding each; slack. */
        return 1 + 192 + HUFF_CTX_CODES_MAX * HUFF_MAX_TABLE_SIZE + 8 + 21 +
               (n * HUFF_CTX_LEN_MAX + 7) / 8 + HUFF_CTX_STREAMS_MAX + 8;
}

size_t ctx_write_map(const uint8_t map[256], unsigned codes, int explicit_map,
                     uint8_t *dst, size_t *bits)
{
        struct huff_bitwriter bw;
        unsigned w = code_bits(codes), prev = 0;
        size_t nbits = 0;

        bw_init(&bw, dst);
        for (unsigned c = 0; c < 256; c++) {
                CTX_REQUIRE(map[c] < 1u << w);
                if (explicit_map || map[c] != prev) {
                        bw_put(&bw, 1 | (uint64_t)map[c] << 1, 1 + w);
                        nbits += 1 + w;
                } else {
                        bw_put(&bw, 0, 1);
                        nbits++;
                }
                prev = map[c];
                bw_flush(&bw);
        }
        *bits = nbits;
        return (size_t)(bw_finish(&bw) - dst);
}

size_t ctx_write_tables(const struct ctx_model *m, uint8_t *dst)
{
        size_t pos = 0;

        for (unsigned k = 0; k < m->codes; k++)
                pos += huff_table_write(m->lens[k], dst + pos);
        return pos;
}

size_t ctx_write_streams(const struct ctx_model *m, const uint8_t *src, size_t n,
                         uint8_t *dst, struct ctx_layout *lay)
{
        huff_enc_entry (*enc)[256] = malloc(HUFF_CTX_CODES_MAX * sizeof(*enc));
        unsigned S = m->streams;
        size_t seg = (n + S - 1) / S, pos = S + 3 * (S - 1);

        CTX_REQUIRE(enc != NULL);
        for (unsigned k = 0; k < m->codes; k++)
                huff_canon_enc_table(m->lens[k], 256, enc[k]);
        memcpy(dst, m->start, S);
        if (lay) {
                lay->starts = 0;
                lay->jumps = S;
                lay->streams = pos;
        }
        for (unsigned j = 0; j < S; j++) {
                size_t end = j + 1 < S ? (j + 1) * seg : n, bits = 0;
                unsigned prev = m->start[j], pending = 0;
                struct huff_bitwriter bw;
                uint8_t *sp = dst + pos;

                bw_init(&bw, sp);
                for (size_t i = j * seg; i < end; i++) {
                        huff_enc_entry e = enc[m->map[prev]][src[i]];

                        CTX_REQUIRE((e & 0xff) != 0);   /* the byte has a codeword */
                        bw_put(&bw, e >> 8, e & 0xff);
                        bits += e & 0xff;
                        /* 7 bits left over and three codewords of up to
                         * 15 bits fit the 63 */
                        if (++pending == 3) {
                                bw_flush(&bw);
                                pending = 0;
                        }
                        prev = src[i];
                }
                pos += (size_t)(bw_finish(&bw) - sp);
                if (j + 1 < S)
                        store_le24(dst + S + 3 * j, (uint32_t)(dst + pos - sp));
                if (lay) {
                        lay->stream_size[j] = (size_t)(dst + pos - sp);
                        lay->stream_bits[j] = bits;
                }
        }
        if (lay)
                lay->end = pos;
        free(enc);
        return pos;
}

uint8_t ctx_desc(unsigned codes, unsigned streams)
{
        unsigned log2s = 0;

        while ((1u << log2s) < streams)
                log2s++;
        CTX_REQUIRE(1u << log2s == streams && log2s <= 3);
        CTX_REQUIRE(codes >= 1 && codes <= HUFF_CTX_CODES_MAX);
        return (uint8_t)((codes - 1) | log2s << HUFF_CTX_DESC_STREAMS_SHIFT);
}

size_t ctx_payload_write(const struct ctx_model *m, const uint8_t *src, size_t n,
                         uint8_t *dst, struct ctx_layout *lay)
{
        struct ctx_layout l;
        size_t pos = 0, base;

        dst[pos++] = ctx_desc(m->codes, m->streams);
        l.map = pos;
        pos += ctx_write_map(m->map, m->codes, m->explicit_map, dst + pos, &l.map_bits);
        l.tables = pos;
        pos += ctx_write_tables(m, dst + pos);
        base = pos;
        pos += ctx_write_streams(m, src, n, dst + pos, &l);
        /* ctx_write_streams gave its offsets from its own start */
        l.starts += base;
        l.jumps += base;
        l.streams += base;
        l.end += base;
        if (lay)
                *lay = l;
        return pos;
}
