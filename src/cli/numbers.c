/*
 * numbers.c - the grammar of every number an option of huff takes
 * (numbers.h): whole numbers, sizes, exact decimals, smoothing fractions,
 * comma-separated lists
 *
 * Why exact decimals rather than strtod(): codes are built from integer
 * weights, and a Huffman code is decided by comparisons of sums of
 * weights.  0.3 is not a binary fraction, so 0.5,0.3,0.2 as doubles could
 * tie or order sums differently from 5,3,2; a decimal kept as digits and a
 * power of 10 scales to whole numbers without rounding (huff report), and
 * a smoothing ALPHA becomes the exact fraction a model stores (huff train).
 */
#define _POSIX_C_SOURCE 200809L

#include "numbers.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "huff.h"

int cli_parse_uint(const char *s, unsigned long lo, unsigned long hi,
                   unsigned long *v)
{
        char *end;

        /* NULL: an option table that says no value for an option whose
         * handler wants one; refused, not dereferenced. */
        if (!s || *s < '0' || *s > '9')
                return -1;
        errno = 0;
        *v = strtoul(s, &end, 10);
        return errno || *end || *v < lo || *v > hi ? -1 : 0;
}

int cli_parse_size_span(const char *s, size_t len, unsigned long *v)
{
        const char *p, *end;
        unsigned long long n = 0;
        unsigned shift = 0;

        if (!s || !len || *s < '0' || *s > '9')
                return -1;
        p = s;
        end = s + len;
        for (; p < end && *p >= '0' && *p <= '9'; p++) {
                n = n * 10 + (unsigned)(*p - '0');
                if (n > 0xffffffffull)
                        return -1;
        }
        /* Binary units only, as zstd reads them: 1K is 1024, also as KB. */
        if (p < end && (*p == 'k' || *p == 'K'))
                shift = 10;
        else if (p < end && (*p == 'm' || *p == 'M'))
                shift = 20;
        if (shift) {
                p++;
                if (end - p >= 2 && *p == 'i' && (p[1] == 'B' || p[1] == 'b'))
                        p += 2;
                else if (p < end && (*p == 'B' || *p == 'b'))
                        p++;
        }
        if (p != end)
                return -1;
        n <<= shift;
        if (n > 0xffffffffull)
                return -1;
        *v = (unsigned long)n;
        return 0;
}

int cli_parse_size(const char *s, unsigned long *v)
{
        return s ? cli_parse_size_span(s, strlen(s), v) : -1;
}

const char *cli_parse_decimal(const char *s, size_t len, struct cli_decimal *d)
{
        static const char too_long[] =
                "a decimal >= 0 with fewer significant digits, exact below 2^56";
        const char *p = s, *end = s + len;
        uint64_t m = 0;
        long e = 0, zeros = 0, x = 0;
        int digits = 0, xsign = 1;
        bool point = false;

        while (p < end && (*p == ' ' || *p == '\t'))
                p++;
        while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
                end--;
        if (p < end && *p == '+')
                p++;
        for (; p < end; p++) {
                unsigned dig;

                if (*p == '.' && !point) {
                        point = true;
                        continue;
                }
                if (*p < '0' || *p > '9')
                        break;
                digits++;
                if (point)
                        e--;
                dig = (unsigned)(*p - '0');
                if (dig == 0) {
                        if (m)
                                zeros++;
                        continue;
                }
                for (; zeros >= 0; zeros--) {   /* m * 10^(zeros + 1) */
                        if (m > HUFF_WEIGHT_SUM_LIMIT / 10)
                                return too_long;
                        m *= 10;
                }
                zeros = 0;
                m += dig;
        }
        if (digits == 0)
                return CLI_EXPECT_DECIMAL;
        if (p < end && (*p == 'e' || *p == 'E')) {
                p++;
                if (p < end && (*p == '+' || *p == '-'))
                        xsign = *p++ == '-' ? -1 : 1;
                if (p == end || *p < '0' || *p > '9')
                        return CLI_EXPECT_DECIMAL;
                for (; p < end && *p >= '0' && *p <= '9'; p++)
                        if (x < 1000000)        /* beyond, it fails anyway */
                                x = x * 10 + (*p - '0');
        }
        if (p != end)
                return CLI_EXPECT_DECIMAL;
        d->m = m;
        d->e = m ? e + zeros + xsign * x : 0;
        return NULL;
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
        while (b) {
                uint64_t r = a % b;

                a = b;
                b = r;
        }
        return a;
}

const char *cli_parse_smooth(const char *s, struct cli_decimal *d,
                             uint64_t *num, uint64_t *den)
{
        static const char expect[] =
                "a decimal from 0 to 2^40 such as 0.5 or 1e-3, "
                "to 12 decimal places";
        struct cli_decimal v;
        uint64_t n, q = 1, g;
        long k;

        if (cli_parse_decimal(s, strlen(s), &v) != NULL)
                return expect;
        n = v.m;
        /* n * 10^e as n / q: one of the two scaled, the other 1. */
        for (k = v.e; n && k > 0; k--) {
                if (n > CLI_SMOOTH_NUM_MAX / 10)
                        return expect;
                n *= 10;
        }
        for (k = v.e; n && k < 0; k++) {
                if (q >= CLI_SMOOTH_DEN_MAX)
                        return expect;
                q *= 10;
        }
        g = n ? gcd(n, q) : q;
        n /= g;
        q /= g;
        if (n / q > CLI_SMOOTH_NUM_MAX ||
            (n / q == CLI_SMOOTH_NUM_MAX && n % q))
                return expect;
        if (d)
                *d = v;
        *num = n;
        *den = q;
        return NULL;
}

bool cli_list_next(const char **p, const char **item, size_t *len)
{
        const char *comma;

        if (!*p)
                return false;
        comma = strchr(*p, ',');
        *item = *p;
        *len = comma ? (size_t)(comma - *p) : strlen(*p);
        *p = comma ? comma + 1 : NULL;
        return true;
}

unsigned cli_list_count(const char *list)
{
        unsigned n = 1;

        for (; *list; list++)
                n += *list == ',';
        return n;
}
