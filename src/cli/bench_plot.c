/*
 * bench_plot.c - huff bench --plot DIR: the data of the plots, a gnuplot
 * script, and the SVG files gnuplot draws from them
 *
 * The data and the script are written whether or not gnuplot is installed,
 * so that the plots can be drawn elsewhere ("cd DIR && gnuplot bench.gp").
 * gnuplot runs in DIR, so that no path has to be quoted for it.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

static double num(const struct bench_table *t, unsigned r, const char *key)
{
        const struct bench_val *v = bench_get(t, r, key);

        return v && v->valid ? v->d : NAN;
}

static const char *str(const struct bench_table *t, unsigned r, const char *key)
{
        const struct bench_val *v = bench_get(t, r, key);

        return v && v->valid && v->s ? v->s : "";
}

/* A name as a gnuplot data string: no quotes or blanks inside. */
static void put_name(FILE *f, const char *s)
{
        fputc('"', f);
        for (; *s; s++)
                fputc(*s == '"' || *s == ' ' || *s == '\t' ? '_' : *s, f);
        fputc('"', f);
}

static FILE *open_in(const char *dir, const char *name)
{
        size_t len = strlen(dir) + strlen(name) + 2;
        char *path = malloc(len);
        FILE *f = NULL;

        if (path) {
                snprintf(path, len, "%s/%s", dir, name);
                f = fopen(path, "w");
                if (!f)
                        bench_msg(path, "%s", strerror(errno));
                free(path);
        }
        return f;
}

static int close_checked(FILE *f, const char *name)
{
        if (fclose(f) != 0) {
                bench_msg(name, "write error: %s", strerror(errno));
                return -1;
        }
        return 0;
}

/* gnuplot on PATH, as "command -v gnuplot" finds it. */
static bool have_gnuplot(void)
{
        const char *path = getenv("PATH");
        char buf[4096];

        if (!path)
                path = "/usr/bin:/bin";
        while (*path) {
                const char *e = strchr(path, ':');
                size_t len = e ? (size_t)(e - path) : strlen(path);

                if (len > 0 && len + 9 < sizeof(buf)) {
                        memcpy(buf, path, len);
                        memcpy(buf + len, "/gnuplot", 9);
                        if (access(buf, X_OK) == 0)
                                return true;
                }
                if (!e)
                        break;
                path = e + 1;
        }
        return false;
}

static int run_gnuplot(const char *dir)
{
        pid_t pid;
        int status;

        fflush(NULL);
        pid = fork();
        if (pid < 0) {
                bench_msg(NULL, "cannot run gnuplot: %s", strerror(errno));
                return -1;
        }
        if (pid == 0) {
                if (chdir(dir) == 0)
                        execlp("gnuplot", "gnuplot", "bench.gp", (char *)NULL);
                _exit(127);
        }
        while (waitpid(pid, &status, 0) < 0)
                if (errno != EINTR) {
                        bench_msg(NULL, "gnuplot: %s", strerror(errno));
                        return -1;
                }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                bench_msg(dir, "gnuplot failed (status %d) on bench.gp",
                          WIFEXITED(status) ? WEXITSTATUS(status) : -1);
                return -1;
        }
        return 0;
}

static const char svg_head[] =
        "set terminal svg size 760,520 dynamic enhanced font 'Helvetica,12' background '#ffffff'\n"
        "set grid lc rgb '#dddddd'\n"
        "set key top left box opaque\n";

/* Matrix pairs and sweep steps: overhead against D(p||q), and y = x. */
static int plot_kl(FILE *gp, const char *dir, const struct bench_results *res)
{
        FILE *f;
        unsigned r;
        double xmax = 0;
        bool sweep = res->sweep && res->sweep->rows;

        if (!res->matrix || res->matrix->rows == 0)
                return 0;
        if (!(f = open_in(dir, "overhead_vs_kl.dat")))
                return -1;
        fprintf(f, "# D(p||q)  L_q-L_p  model  data   (huff bench --matrix)\n");
        for (r = 0; r < res->matrix->rows; r++) {
                double x = num(res->matrix, r, "kl"), y = num(res->matrix, r, "overhead");

                if (!isfinite(x) || !isfinite(y))
                        continue;
                if (x > xmax)
                        xmax = x;
                fprintf(f, "%.10g %.10g ", x, y);
                put_name(f, str(res->matrix, r, "model"));
                fputc(' ', f);
                put_name(f, str(res->matrix, r, "data"));
                fputc('\n', f);
        }
        if (close_checked(f, "overhead_vs_kl.dat") != 0)
                return -1;
        fprintf(gp, "\nset output 'overhead_vs_kl.svg'\n"
                "set title 'Overhead of a mismatched model: L_q - L_p against D(p||q)'\n"
                "set xlabel 'D(p||q), bits per byte'\n"
                "set ylabel 'L_q - L_p, bits per byte'\n"
                "set xrange [0:%.3g]\nset yrange [0:*]\n"
                "plot 'overhead_vs_kl.dat' using 1:2 with points pt 7 ps 0.6 lc rgb '#1f77b4' "
                "title 'matrix: (model file, data file) pairs', \\\n",
                xmax > 0 ? xmax * 1.05 : 1);
        if (sweep)
                fprintf(gp, "     'sweep.dat' using 4:5 with points pt 6 ps 0.4 lc rgb '#ff7f0e' "
                        "title 'sweep: mix and power steps', \\\n");
        fprintf(gp, "     x with lines lc rgb '#444444' dt 2 title 'y = x'\n"
                "unset xrange\nunset yrange\n");
        return 0;
}

/* The sweep: per-file lines of overhead against the parameter, and the
 * mean overhead and mean D over the files. */
static int plot_sweep(FILE *gp, const char *dir, const struct bench_results *res)
{
        const struct bench_table *t = res->sweep, *tm = res->sweep_mean;
        char *prev = NULL;
        FILE *f;
        unsigned r;
        int fam;

        if (!t || t->rows == 0 || !tm)
                return 0;
        if (!(f = open_in(dir, "sweep.dat")))
                return -1;
        /* A data block per file and family, two blank lines between. */
        fprintf(f, "# param  family(0 mix, 1 power)  L_q-L_p  D(p||q)  L_q-L_p  file\n");
        for (r = 0; r < t->rows; r++) {
                const char *file = str(t, r, "file"), *family = str(t, r, "family");
                char key[512];

                snprintf(key, sizeof(key), "%s/%s", file, family);
                if (prev && strcmp(prev, key) != 0)
                        fputs("\n\n", f);
                fprintf(f, "%.6g %d %.10g %.10g %.10g ", num(t, r, "param"),
                        strcmp(family, "power") == 0, num(t, r, "overhead"),
                        num(t, r, "kl"), num(t, r, "overhead"));
                put_name(f, file);
                fputc('\n', f);
                free(prev);
                prev = strdup(key);
        }
        free(prev);
        if (close_checked(f, "sweep.dat") != 0)
                return -1;
        if (!(f = open_in(dir, "sweep_mean.dat")))
                return -1;
        fprintf(f, "# param  mean L_q-L_p  mean D(p||q); mix first, then power\n");
        for (fam = 0; fam < 2; fam++) {
                if (fam)
                        fputs("\n\n", f);
                for (r = 0; r < tm->rows; r++)
                        if ((strcmp(str(tm, r, "family"), "power") == 0) == fam)
                                fprintf(f, "%.6g %.10g %.10g\n", num(tm, r, "param"),
                                        num(tm, r, "mean_overhead"), num(tm, r, "mean_kl"));
        }
        if (close_checked(f, "sweep_mean.dat") != 0)
                return -1;
        for (fam = 0; fam < 2; fam++) {
                fprintf(gp, "\nset output 'overhead_vs_%s.svg'\n"
                        "set title 'Model sweep: q = %s'\n"
                        "set xlabel '%s'\nset ylabel 'bits per byte'\n"
                        "set yrange [0:*]\n"
                        "plot 'sweep.dat' using ($2 == %d ? $1 : 1/0):3 with lines "
                        "lc rgb '#cccccc' notitle, \\\n"
                        "     'sweep_mean.dat' index %d using 1:2 with linespoints lw 2 pt 7 "
                        "lc rgb '#1f77b4' title 'L_q - L_p, mean over the files', \\\n"
                        "     'sweep_mean.dat' index %d using 1:3 with linespoints lw 2 dt 2 "
                        "pt 6 lc rgb '#d62728' title 'D(p||q), mean over the files'\n"
                        "unset yrange\n",
                        fam ? "power" : "lambda",
                        fam ? "p^t normalised (grey: each file)"
                            : "(1-{/Symbol l}) p + {/Symbol l} uniform (grey: each file)",
                        fam ? "t" : "{/Symbol l}", fam, fam, fam);
        }
        return 0;
}

/* Small files: total size against piece size, own code and model. */
static int plot_small(FILE *gp, const char *dir, const struct bench_results *res)
{
        const struct bench_table *t = res->small, *tb = res->small_breakeven;
        double measured = tb ? num(tb, 0, "measured_bytes") : NAN;
        double predicted = tb ? num(tb, 0, "predicted_bytes") : NAN;
        FILE *f;
        unsigned r;

        if (!t || t->rows == 0)
                return 0;
        if (!(f = open_in(dir, "small.dat")))
                return -1;
        fprintf(f, "# piece_bytes  own_bytes  model_bytes\n");
        for (r = 0; r < t->rows; r++)
                fprintf(f, "%.0f %.0f %.0f\n", num(t, r, "piece_bytes"),
                        num(t, r, "own_bytes"), num(t, r, "model_bytes"));
        if (close_checked(f, "small.dat") != 0)
                return -1;
        fprintf(gp, "\nset output 'size_vs_piece.svg'\n"
                "set title 'Small files: total size, each piece its own frame'\n"
                "set xlabel 'piece size, bytes'\nset ylabel 'total compressed bytes'\n"
                "set logscale x 2\nset key top right\n");
        if (isfinite(measured))
                fprintf(gp, "set arrow from %.6g, graph 0 to %.6g, graph 1 nohead "
                        "lc rgb '#2ca02c' dt 2\n"
                        "set label 'measured break-even' at %.6g, graph 0.95 left offset 0.5,0 "
                        "tc rgb '#2ca02c'\n", measured, measured, measured);
        if (isfinite(predicted))
                fprintf(gp, "set arrow from %.6g, graph 0 to %.6g, graph 1 nohead "
                        "lc rgb '#9467bd' dt 3\n"
                        "set label 'predicted 8T/D' at %.6g, graph 0.88 left offset 0.5,0 "
                        "tc rgb '#9467bd'\n", predicted, predicted, predicted);
        fprintf(gp, "plot 'small.dat' using 1:2 with linespoints lw 2 pt 7 lc rgb '#d62728' "
                "title 'own code per piece', \\\n"
                "     'small.dat' using 1:3 with linespoints lw 2 pt 5 lc rgb '#1f77b4' "
                "title 'shared model'\n"
                "unset logscale x\nunset arrow\nunset label\nset key top left\n");
        return 0;
}

int bench_plot(const char *dir, const struct bench_results *res)
{
        FILE *gp;
        int st = 0;

        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
                bench_msg(dir, "%s", strerror(errno));
                return -1;
        }
        if (!(gp = open_in(dir, "bench.gp")))
                return -1;
        fprintf(gp, "# bench.gp - huff bench --plot: run \"gnuplot bench.gp\" in this "
                "directory\n%s", svg_head);
        if (plot_kl(gp, dir, res) != 0 || plot_sweep(gp, dir, res) != 0 ||
            plot_small(gp, dir, res) != 0)
                st = -1;
        if (close_checked(gp, "bench.gp") != 0 || st != 0)
                return -1;
        if (!have_gnuplot()) {
                bench_msg(NULL, "--plot: gnuplot is not installed: no SVG plots drawn; "
                          "their data and script are in %s (cd there and run "
                          "gnuplot bench.gp)", dir);
                return 1;
        }
        return run_gnuplot(dir);
}
