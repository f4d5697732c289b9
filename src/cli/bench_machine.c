/*
 * bench_machine.c - the machine huff bench ran on, its first table
 *
 * Speeds mean something only beside the CPU, the compiler and the build
 * they came from (a sanitizer build's timings mean nothing), so every
 * output of huff bench starts with them.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "bench.h"

/* /proc/cpuinfo's "model name", else uname's machine. */
static void cpu_name(char *buf, size_t cap)
{
        FILE *f = fopen("/proc/cpuinfo", "r");
        char line[512];
        struct utsname u;

        if (f) {
                while (fgets(line, sizeof(line), f))
                        if (strncmp(line, "model name", 10) == 0) {
                                char *v = strchr(line, ':'), *end;

                                if (!v)
                                        continue;
                                for (v++; *v == ' ' || *v == '\t'; v++)
                                        ;
                                end = v + strlen(v);
                                while (end > v && (end[-1] == '\n' || end[-1] == ' '))
                                        *--end = '\0';
                                if (*v) {
                                        snprintf(buf, cap, "%s", v);
                                        fclose(f);
                                        return;
                                }
                        }
                fclose(f);
        }
        if (uname(&u) == 0)
                snprintf(buf, cap, "%s %s", u.sysname, u.machine);
        else
                snprintf(buf, cap, "unknown");
}

static const struct bench_col machine_cols[] = {
        { "cpu", "CPU", BK_STR, 0, false },
        { "cores", "cores online", BK_UINT, 0, false },
        { "os", "system", BK_STR, 0, false },
        { "compiler", "compiler", BK_STR, 0, false },
        { "build", "build", BK_STR, 0, false },
        { "huff_version", "huff", BK_STR, 0, false },
        { "zlib_version", "zlib", BK_STR, 0, false },
        { "date", "date", BK_STR, 0, false },
        { "runs", "runs", BK_UINT, 0, false },
        { "min_time_ms", "min time/run, ms", BK_UINT, 0, false },
        { "files", "files", BK_UINT, 0, false },
        { "bytes", "bytes", BK_UINT, 0, false },
};

struct bench_table *bench_machine(const struct bench_opts *o, const struct bench_files *fs)
{
        struct bench_table *t = bench_table_new("machine", "huff bench",
                machine_cols, sizeof(machine_cols) / sizeof(machine_cols[0]));
        char cpu[256], os[256], date[64];
        struct utsname u;
        time_t now = time(NULL);
        struct tm tm;
        long cores = sysconf(_SC_NPROCESSORS_ONLN);

        if (!t || bench_row(t) != 0)
                return t;
        cpu_name(cpu, sizeof(cpu));
        if (uname(&u) == 0)
                snprintf(os, sizeof(os), "%s %s %s", u.sysname, u.release, u.machine);
        else
                snprintf(os, sizeof(os), "unknown");
        if (gmtime_r(&now, &tm))
                strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", &tm);
        else
                snprintf(date, sizeof(date), "unknown");
        bench_put_str(t, cpu);
        bench_put_uint(t, cores > 0 ? (uint64_t)cores : 0);
        bench_put_str(t, os);
#if defined(__clang__)
        bench_put_str(t, "clang " __clang_version__);
#elif defined(__GNUC__)
        bench_put_str(t, "gcc " __VERSION__);
#else
        bench_put_str(t, "unknown");
#endif
#if defined(__SANITIZE_ADDRESS__)
        bench_put_str(t, "with sanitizers: timings mean nothing");
#elif defined(__OPTIMIZE__)
        bench_put_str(t, "optimised");
#else
        bench_put_str(t, "not optimised: timings mean little");
#endif
        bench_put_str(t, huff_version_string());
        bench_put_str(t, zlibVersion());
        bench_put_str(t, date);
        bench_put_uint(t, o->runs);
        bench_put_uint(t, (uint64_t)o->min_time_ms);
        bench_put_uint(t, fs->n);
        bench_put_uint(t, fs->bytes);
        return t;
}
