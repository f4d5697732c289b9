/*
 * progress.c - the one-line progress display (progress.h)
 *
 * Cheap enough to call per 256 KiB buffer: one clock_gettime() (a vDSO
 * call, no system call) and a comparison; a line is drawn at most every
 * 200 ms.  The first line is drawn as soon as the input passes the
 * threshold, so that even a fast run shows where it is.  A line is at most
 * 79 columns, so "\r", 79 spaces and "\r" always erases it, also from the
 * signal handler that removes the temporary file on Ctrl-C.
 */
#define _POSIX_C_SOURCE 200809L

#include "progress.h"
#include "msg.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_MIN_BYTES ((uint64_t)64 << 20)
#define REFRESH_NS 200000000ll
#define LINE_MAX_COLS 79

static struct {
        bool on;                        /* may draw for this input */
        const char *name;
        uint64_t size;                  /* of the input, or UINT64_MAX */
        uint64_t min_bytes;
        bool compressing;
        long long start_ns;
        long long next_ns;              /* no drawing before */
} p;

/* A line is on the terminal: read by the signal handler. */
static volatile sig_atomic_t shown;
static int width;                       /* of the longest line drawn */

static const char blank[] =
        "\r                                        "
        "                                       \r";
_Static_assert(sizeof(blank) - 1 == LINE_MAX_COLS + 2, "erases a whole line");

static long long now_ns(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (long long)ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

/* HUFF_PROGRESS_MIN_BYTES: digits only, else the default. */
static uint64_t min_bytes(void)
{
        const char *s = getenv("HUFF_PROGRESS_MIN_BYTES");
        char *end;
        unsigned long long v;

        if (!s || *s < '0' || *s > '9')
                return DEFAULT_MIN_BYTES;
        v = strtoull(s, &end, 10);
        return *end ? DEFAULT_MIN_BYTES : (uint64_t)v;
}

void progress_begin(const char *name, uint64_t input_size, bool compressing,
                    bool allowed)
{
        progress_end();
        p.on = allowed && isatty(STDERR_FILENO);
        if (!p.on)
                return;
        p.name = name;
        p.size = input_size;
        p.compressing = compressing;
        p.min_bytes = min_bytes();
        p.start_ns = now_ns();
        p.next_ns = 0;
}

static void draw(uint64_t in_bytes, uint64_t out_bytes, long long t)
{
        uint64_t plain = p.compressing ? in_bytes : out_bytes;
        uint64_t packed = p.compressing ? out_bytes : in_bytes;
        double secs = (double)(t - p.start_ns) / 1e9;
        char pct[16] = "", speed[24], ratio[24] = "", line[128], full[512];
        int n, room;

        if (p.size != UINT64_MAX && p.size > 0)
                snprintf(pct, sizeof(pct), "%3.0f%%  ",
                         100.0 * (double)(in_bytes < p.size ? in_bytes : p.size) /
                         (double)p.size);
        /* Under 50 ms a speed is noise. */
        if (secs >= 0.05)
                snprintf(speed, sizeof(speed), "%.1f MB/s", (double)plain / 1e6 / secs);
        else
                snprintf(speed, sizeof(speed), "-- MB/s");
        if (plain > 0)
                snprintf(ratio, sizeof(ratio), "  ratio %.1f%%",
                         100.0 * (double)packed / (double)plain);
        n = snprintf(line, sizeof(line), ": %s%.0f MiB  %s%s", pct,
                     (double)plain / (1 << 20), speed, ratio);
        if (n < 0)
                return;
        /* "huff: NAME" in what is left of 79 columns, cut at the left. */
        room = LINE_MAX_COLS - (int)strlen(CLI_PROG) - 2 - n;
        if (room < 4)
                room = 4;
        if ((int)strlen(p.name) <= room)
                n = snprintf(full, sizeof(full), "%s: %s%s", CLI_PROG, p.name, line);
        else
                n = snprintf(full, sizeof(full), "%s: ...%s%s", CLI_PROG,
                             p.name + strlen(p.name) - (size_t)(room - 3), line);
        /* Spaces over the rest of a longer line before: figures change
         * width as they grow. */
        fprintf(stderr, "\r%-*s", width, full);
        if (n > width)
                width = n;
        shown = 1;
}

void progress_update(void *ctx, uint64_t in_bytes, uint64_t out_bytes)
{
        uint64_t plain;
        long long t;

        (void)ctx;
        if (!p.on)
                return;
        plain = p.compressing ? in_bytes : out_bytes;
        if (plain <= p.min_bytes && (p.size == UINT64_MAX || p.size <= p.min_bytes))
                return;
        t = now_ns();
        if (t < p.next_ns)
                return;
        p.next_ns = t + REFRESH_NS;
        draw(in_bytes, out_bytes, t);
}

void progress_clear(void)
{
        if (shown) {
                fputs(blank, stderr);
                shown = 0;
        }
        width = 0;
}

void progress_end(void)
{
        progress_clear();
        p.on = false;
}

void progress_clear_signal(void)
{
        if (shown) {
                ssize_t r = write(STDERR_FILENO, blank, sizeof(blank) - 1);

                (void)r;
                shown = 0;
        }
}
