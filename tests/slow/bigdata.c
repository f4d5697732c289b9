/*
 * bigdata.c - helpers of make test-slow, which streams more than 4 GiB
 * through huff without writing it anywhere
 *
 *   bigdata gen BYTES SUMFILE   BYTES of generated data on stdout; then
 *                               "BYTES HASH" (XXH3-64, hex) into SUMFILE
 *   bigdata sum                 "BYTES HASH" of stdin, on stdout
 *   bigdata maxrss FILE CMD...  run CMD; write its peak resident memory
 *                               (getrusage's ru_maxrss, KiB) and exit
 *                               status to FILE; exit with its status
 *
 * The data is windows of random position and length (1 KiB to 256 KiB)
 * into an 8 MiB pool of text-like words, zero runs, skewed and random
 * bytes, so that the statistics keep changing from block to block (huff
 * makes huffman and repeat blocks of it), at memcpy speed.  maxrss is here
 * because GNU time and python need not be installed.
 */
#define _DEFAULT_SOURCE     /* wait4() */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xxhash.h>

#define POOL ((size_t)8 << 20)
#define WINDOW_MAX ((size_t)256 << 10)

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t next(void)
{
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        return rng;
}

static void fill_pool(uint8_t *p)
{
        static const char *words[] = {
                "the ", "of ", "and ", "to ", "in ", "is ", "was ", "that ", "for ",
                "huffman ", "block ", "stream ", "code ", "length ", "table ", "frame ",
                "\n", ", ", ". ", "The ",
        };
        size_t i = 0;

        while (i < POOL) {
                size_t len = 1024 + (size_t)(next() % 65536), end;
                unsigned kind = (unsigned)(next() % 8);

                end = i + len < POOL ? i + len : POOL;
                for (; i < end; ) {
                        switch (kind) {
                        case 0: p[i++] = 0; break;
                        case 1: p[i++] = (uint8_t)next(); break;
                        case 2: p[i++] = (uint8_t)(__builtin_ctzll(next() | 1ull << 40) * 7); break;
                        default: {
                                const char *w = words[next() % 20];

                                while (*w && i < end)
                                        p[i++] = (uint8_t)*w++;
                                break;
                        }
                        }
                }
        }
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
        while (n) {
                ssize_t w = write(fd, p, n);

                if (w < 0) {
                        if (errno == EINTR)
                                continue;
                        return -1;
                }
                p += w;
                n -= (size_t)w;
        }
        return 0;
}

static int gen(uint64_t bytes, const char *sumfile)
{
        uint8_t *pool = malloc(POOL);
        XXH3_state_t *h = XXH3_createState();
        uint64_t left = bytes;
        int rc = 1;
        FILE *f;

        if (!pool || !h)
                goto out;
        fill_pool(pool);
        XXH3_64bits_reset(h);
        while (left) {
                size_t len = 1024 + (size_t)(next() % (WINDOW_MAX - 1024));
                size_t at = (size_t)(next() % (POOL - len));

                if (len > left)
                        len = (size_t)left;
                XXH3_64bits_update(h, pool + at, len);
                if (write_all(STDOUT_FILENO, pool + at, len) != 0) {
                        perror("bigdata gen: write");
                        goto out;
                }
                left -= len;
        }
        f = fopen(sumfile, "w");
        if (!f || fprintf(f, "%" PRIu64 " %016" PRIx64 "\n", bytes, (uint64_t)XXH3_64bits_digest(h)) < 0 ||
            fclose(f) != 0) {
                perror(sumfile);
                goto out;
        }
        rc = 0;
out:
        XXH3_freeState(h);
        free(pool);
        return rc;
}

static int sum(void)
{
        static uint8_t buf[1 << 17];
        XXH3_state_t *h = XXH3_createState();
        uint64_t total = 0;
        ssize_t r;

        if (!h)
                return 1;
        XXH3_64bits_reset(h);
        while ((r = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
                if (r < 0) {
                        if (errno == EINTR)
                                continue;
                        perror("bigdata sum: read");
                        return 1;
                }
                XXH3_64bits_update(h, buf, (size_t)r);
                total += (uint64_t)r;
        }
        printf("%" PRIu64 " %016" PRIx64 "\n", total, (uint64_t)XXH3_64bits_digest(h));
        XXH3_freeState(h);
        return 0;
}

static int maxrss(const char *file, char **argv)
{
        struct rusage ru;
        int status;
        pid_t pid = fork();
        FILE *f;

        if (pid < 0) {
                perror("bigdata maxrss: fork");
                return 1;
        }
        if (pid == 0) {
                execvp(argv[0], argv);
                perror(argv[0]);
                _exit(127);
        }
        while (wait4(pid, &status, 0, &ru) < 0) {
                if (errno != EINTR) {
                        perror("bigdata maxrss: wait4");
                        return 1;
                }
        }
        status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        f = fopen(file, "w");
        if (!f || fprintf(f, "%ld %d\n", ru.ru_maxrss, status) < 0 || fclose(f) != 0) {
                perror(file);
                return 1;
        }
        return status;
}

int main(int argc, char **argv)
{
        if (argc == 4 && strcmp(argv[1], "gen") == 0)
                return gen(strtoull(argv[2], NULL, 10), argv[3]);
        if (argc == 2 && strcmp(argv[1], "sum") == 0)
                return sum();
        if (argc >= 4 && strcmp(argv[1], "maxrss") == 0)
                return maxrss(argv[2], argv + 3);
        fprintf(stderr, "usage: bigdata gen BYTES SUMFILE | sum | maxrss FILE CMD...\n");
        return 2;
}
