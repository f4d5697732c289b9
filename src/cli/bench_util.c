/*
 * bench_util.c - what every file of huff bench uses: its messages, its
 * progress lines and its clock
 *
 * At the bottom of the bench files, so that the command (bench_cmd.c), the
 * sections below it and the tables under those all call down, never back up.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "bench.h"
#include "msg.h"

/* The subcommand's name: its messages say "huff: bench: ...". */
static const char cmd[] = "bench";

void bench_msg(const char *name, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        cli_vmsg(name ? name : cmd, fmt, ap);
        va_end(ap);
}

void bench_progress(const struct bench_opts *o, const char *fmt, ...)
{
        va_list ap;

        if (o->quiet)
                return;
        fprintf(stderr, "%s %s: ", CLI_PROG, cmd);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
}

double bench_now(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
