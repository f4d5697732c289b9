/*
 * maxrss.c - run a command; write its peak resident memory and wall time
 *
 *   maxrss REPORT CMD [ARG]...
 *
 * Runs CMD with this process's stdin, stdout and stderr, then writes one
 * line "KIB SECONDS" to the file REPORT: the child's ru_maxrss (KiB on
 * Linux) from wait4() and the wall-clock time it took.  Exits with CMD's
 * exit status (128 + N if a signal N killed it), 127 if it could not run.
 *
 * For tests/cli/test_memory.sh and the README's thread figures: GNU time
 * and Python are not on every CI machine; a C compiler is.
 */
#define _DEFAULT_SOURCE

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
        struct timespec t0, t1;
        struct rusage ru;
        int status;
        pid_t pid;
        FILE *report;

        if (argc < 3) {
                fprintf(stderr, "usage: maxrss REPORT CMD [ARG]...\n");
                return 2;
        }
        clock_gettime(CLOCK_MONOTONIC, &t0);
        pid = fork();
        if (pid < 0) {
                perror("maxrss: fork");
                return 127;
        }
        if (pid == 0) {
                execvp(argv[2], argv + 2);
                perror(argv[2]);
                _exit(127);
        }
        if (wait4(pid, &status, 0, &ru) < 0) {
                perror("maxrss: wait4");
                return 127;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        report = fopen(argv[1], "w");
        if (!report) {
                perror(argv[1]);
                return 127;
        }
        fprintf(report, "%ld %.6f\n", ru.ru_maxrss,
                (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
        if (fclose(report) != 0) {
                perror(argv[1]);
                return 127;
        }
        if (WIFSIGNALED(status))
                return 128 + WTERMSIG(status);
        return WEXITSTATUS(status);
}
