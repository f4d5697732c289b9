/*
 * fileio.c - safe output files, signals, and the streaming loops of huff
 *
 * Output to a named file goes to a temporary file in the same directory,
 * renamed over the destination only once everything has been written and
 * checked: at no moment does a reader see a partial file under the final
 * name, and the rename is atomic (a temporary in /tmp could be on another
 * file system).  A fatal signal removes the temporary file before the
 * process dies; the handler finds its path in a static buffer, which is only
 * changed while those signals are blocked, so it never reads a half-written
 * path.  This is what libdeflate's gzip.c and zstd's fileio.c do.
 */
#define _POSIX_C_SOURCE 200809L

#include "fileio.h"
#include "progress.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_TEMPLATE ".huftmp.XXXXXX"

static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define N_FATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

static char tmp_path[PATH_MAX + sizeof(TMP_TEMPLATE)];
static volatile sig_atomic_t tmp_armed;
static int tmp_fd = -1;

static void fatal_set(sigset_t *set)
{
        size_t i;

        sigemptyset(set);
        for (i = 0; i < N_FATAL; i++)
                sigaddset(set, fatal_signals[i]);
}

static void block_fatal(sigset_t *old)
{
        sigset_t set;

        fatal_set(&set);
        sigprocmask(SIG_BLOCK, &set, old);
}

static void unblock_fatal(const sigset_t *old)
{
        sigprocmask(SIG_SETMASK, old, NULL);
}

/* Async-signal-safe calls only: write(), unlink(), signal(), raise(). */
static void on_fatal_signal(int sig)
{
        progress_clear_signal();        /* the shell's prompt on a clean line */
        if (tmp_armed)
                unlink(tmp_path);
        signal(sig, SIG_DFL);
        /* Pending until the handler returns (sig is blocked inside it), then
         * the default action: the parent sees death by sig, as it should. */
        raise(sig);
}

void fio_signals_install(void)
{
        struct sigaction sa, old;
        size_t i;

        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_fatal_signal;
        fatal_set(&sa.sa_mask);         /* one handler at a time */
        for (i = 0; i < N_FATAL; i++) {
                if (sigaction(fatal_signals[i], NULL, &old) == 0 &&
                    old.sa_handler == SIG_IGN)
                        continue;
                sigaction(fatal_signals[i], &sa, NULL);
        }
}

ssize_t fio_read(int fd, void *buf, size_t n)
{
        ssize_t r;

        do
                r = read(fd, buf, n);
        while (r < 0 && errno == EINTR);
        return r;
}

int fio_write_all(int fd, const void *buf, size_t n)
{
        const unsigned char *p = buf;

        while (n > 0) {
                ssize_t w = write(fd, p, n);

                if (w < 0) {
                        if (errno == EINTR)
                                continue;
                        return -1;
                }
                if (w == 0) {           /* not expected from write(); do not spin */
                        errno = EIO;
                        return -1;
                }
                p += w;
                n -= (size_t)w;
        }
        return 0;
}

int fio_tmp_open(const char *dest)
{
        size_t n = strlen(dest);
        sigset_t old;
        int fd, err;

        if (n + sizeof(TMP_TEMPLATE) > sizeof(tmp_path)) {
                errno = ENAMETOOLONG;
                return -1;
        }
        block_fatal(&old);
        memcpy(tmp_path, dest, n);
        memcpy(tmp_path + n, TMP_TEMPLATE, sizeof(TMP_TEMPLATE));
        fd = mkstemp(tmp_path);
        if (fd < 0 && errno == ENAMETOOLONG) {
                /* dest's own name is near NAME_MAX: use a short name in the
                 * same directory, which is what matters for rename(). */
                const char *slash = strrchr(dest, '/');
                size_t dir_len = slash ? (size_t)(slash - dest) + 1 : 0;

                memcpy(tmp_path + dir_len, TMP_TEMPLATE, sizeof(TMP_TEMPLATE));
                fd = mkstemp(tmp_path);
        }
        err = errno;
        if (fd >= 0) {
                tmp_fd = fd;
                tmp_armed = 1;
        } else {
                tmp_path[0] = '\0';
        }
        unblock_fatal(&old);
        errno = err;
        return fd;
}

static void tmp_forget(void)
{
        sigset_t old;

        block_fatal(&old);
        tmp_armed = 0;
        tmp_path[0] = '\0';
        tmp_fd = -1;
        unblock_fatal(&old);
}

void fio_tmp_discard(void)
{
        if (!tmp_armed)
                return;
        if (tmp_fd >= 0)
                close(tmp_fd);
        unlink(tmp_path);
        tmp_forget();
}

int fio_tmp_commit(const char *dest, const struct stat *attrs, bool with_times,
                   const char **what)
{
        struct timespec times[2];
        sigset_t old;
        mode_t mode;
        int fd = tmp_fd, err;

        if (attrs) {
                /* Only root may give a file away; others keep their own
                 * ownership, as with gzip, and that is not an error. */
                if (fchown(fd, attrs->st_uid, attrs->st_gid) != 0)
                        errno = 0;
                /* Permission bits only: set-id bits on a compressed file
                 * would mean nothing, and on a restored one we would be
                 * handing out privilege the user did not ask for. */
                mode = attrs->st_mode & 0777;
        } else {
                mode = umask(0);
                umask(mode);
                mode = 0666 & ~mode;
        }
        if (fchmod(fd, mode) != 0) {
                *what = "cannot set permissions";
                goto fail;
        }
        /* Last of all, after the final write, which would update them. */
        if (attrs && with_times) {
                times[0] = attrs->st_atim;
                times[1] = attrs->st_mtim;
                if (futimens(fd, times) != 0) {
                        *what = "cannot set modification time";
                        goto fail;
                }
        }
        tmp_fd = -1;
        if (close(fd) != 0) {   /* NFS reports some write errors only here */
                *what = "write error";
                goto fail;
        }
        block_fatal(&old);
        if (rename(tmp_path, dest) != 0) {
                err = errno;
                unblock_fatal(&old);
                errno = err;
                *what = "cannot rename the temporary file into place";
                goto fail;
        }
        tmp_armed = 0;
        tmp_path[0] = '\0';
        unblock_fatal(&old);
        return 0;
fail:
        err = errno;
        fio_tmp_discard();
        errno = err;
        return -1;
}

int fio_coder_init(struct fio_coder *c, const struct huff_params *p)
{
        memset(c, 0, sizeof(*c));
        c->params = *p;
        c->in = malloc(FIO_CHUNK_BYTES);
        c->out = malloc(FIO_CHUNK_BYTES);
        if (!c->in || !c->out) {
                fio_coder_free(c);
                errno = ENOMEM;
                return -1;
        }
        return 0;
}

void fio_coder_free(struct fio_coder *c)
{
        huff_encoder_free(c->enc);
        huff_decoder_free(c->dec);
        free(c->in);
        free(c->out);
        memset(c, 0, sizeof(*c));
}

static void set_codec_error(struct fio_result *r, enum huff_status s)
{
        r->failure = FIO_CODEC;
        r->status = s;
}

/* Write what the library produced, counting it.  Returns 0 or -1. */
static int write_out(int out_fd, const void *p, size_t n, struct fio_result *r)
{
        if (n == 0 || out_fd < 0)
                return 0;
        if (fio_write_all(out_fd, p, n) != 0) {
                r->failure = FIO_WRITE;
                r->err = errno;
                return -1;
        }
        r->out_bytes += n;
        return 0;
}

/*
 * One call of the encoder into c->out, which is then written out: feed in,
 * or with in NULL finish (*pending: what is left to flush).  Returns 0, -1
 * after a write error (in r), or 1 with *s the encoder's error.
 */
static int encode_step(struct fio_coder *c, int out_fd, struct huff_inbuf *in,
                       size_t *pending, enum huff_status *s, struct fio_result *r)
{
        struct huff_outbuf out = { c->out, FIO_CHUNK_BYTES, 0 };

        *s = in ? huff_encoder_feed(c->enc, &out, in)
                : huff_encoder_finish(c->enc, &out, pending);
        if (write_out(out_fd, out.dst, out.pos, r) != 0)
                return -1;
        return *s != HUFF_OK;
}

void fio_encode(struct fio_coder *c, int in_fd, int out_fd,
                uint64_t content_size, struct fio_result *r)
{
        struct huff_inbuf in = { c->in, 0, 0 };
        enum huff_status s;
        size_t pending;
        ssize_t n;
        int e;

        memset(r, 0, sizeof(*r));
        if (c->enc) {
                s = huff_encoder_reset(c->enc, content_size);
        } else {
                struct huff_params p = c->params;

                p.content_size = content_size;
                s = huff_encoder_create(&c->enc, &p);
        }
        if (s != HUFF_OK)
                goto codec_error;

        for (;;) {
                n = fio_read(in_fd, c->in, FIO_CHUNK_BYTES);
                if (n < 0) {
                        r->failure = FIO_READ;
                        r->err = errno;
                        goto drop_encoder;
                }
                if (n == 0)
                        break;
                r->in_bytes += (uint64_t)n;
                in.size = (size_t)n;
                in.pos = 0;
                while (in.pos < in.size)
                        if ((e = encode_step(c, out_fd, &in, NULL, &s, r)) != 0)
                                goto stop;
                if (c->progress)
                        c->progress(c->progress_ctx, r->in_bytes, r->out_bytes);
        }
        do
                if ((e = encode_step(c, out_fd, NULL, &pending, &s, r)) != 0)
                        goto stop;
        while (pending > 0);
        return;

stop:
        if (e < 0)              /* the write error is in r already */
                goto drop_encoder;
codec_error:
        set_codec_error(r, s);
drop_encoder:
        /* An encoder is unusable after an error, and one interrupted mid-
         * frame is of no use to the next file: start afresh. */
        huff_encoder_free(c->enc);
        c->enc = NULL;
}

/*
 * The input's first bytes, kept for pass_plain: the decoder takes the
 * magic a byte at a time and refuses it at its first wrong byte, so what
 * it has taken then is at most a magic's length, which may have come in
 * reads before the one in c->in.  64 bytes is far more than any magic.
 */
struct head {
        unsigned char bytes[64];
        size_t n;
};

static void keep_head(struct head *h, const unsigned char *p, size_t n)
{
        size_t take = sizeof(h->bytes) - h->n < n ? sizeof(h->bytes) - h->n : n;

        memcpy(h->bytes + h->n, p, take);
        h->n += take;
}

/*
 * gzip -dcf: the input is not a frame, so it goes out as it is: what
 * earlier reads gave (head, up to chunk_at), the read in c->in[0..size),
 * then the rest of in_fd.  Returns false if the bytes before c->in are
 * not all in head (not expected: see struct head), having written nothing.
 */
static bool pass_through(struct fio_coder *c, int in_fd, int out_fd,
                         const struct head *h, uint64_t chunk_at, size_t size,
                         struct fio_result *r)
{
        ssize_t n;

        if (chunk_at > h->n)
                return false;
        r->passed = true;
        if (write_out(out_fd, h->bytes, (size_t)chunk_at, r) != 0 ||
            write_out(out_fd, c->in, size, r) != 0)
                return true;
        while ((n = fio_read(in_fd, c->in, FIO_CHUNK_BYTES)) > 0) {
                r->in_bytes += (uint64_t)n;
                if (write_out(out_fd, c->in, (size_t)n, r) != 0)
                        return true;
                if (c->progress)
                        c->progress(c->progress_ctx, r->in_bytes, r->out_bytes);
        }
        if (n < 0) {
                r->failure = FIO_READ;
                r->err = errno;
        }
        return true;
}

void fio_decode(struct fio_coder *c, int in_fd, int out_fd,
                struct fio_result *r)
{
        struct huff_inbuf in = { c->in, 0, 0 };
        enum huff_status s;
        bool eof = false;
        uint64_t decoded = 0;   /* out_bytes counts only what is written */
        uint64_t chunk_at = 0;  /* where in the input c->in starts */
        struct head head = { { 0 }, 0 };
        ssize_t n;

        memset(r, 0, sizeof(*r));
        if (c->dec) {
                huff_decoder_reset(c->dec);
        } else {
                s = huff_decoder_create(&c->dec);
                if (s == HUFF_OK)
                        s = huff_decoder_set_threads(c->dec, c->params.threads);
                if (s != HUFF_OK) {
                        huff_decoder_free(c->dec);
                        c->dec = NULL;
                        set_codec_error(r, s);
                        return;
                }
                huff_decoder_set_model(c->dec, c->params.model);
        }
        huff_decoder_skim_model_frames(c->dec, c->skim_model_frames);

        /* huff_decoder_view(): the decoded bytes are written from where
         * the decoder put them, never copied to a buffer of ours. */
        for (;;) {
                const void *view;
                size_t view_size;

                if (in.pos == in.size && !eof) {
                        n = fio_read(in_fd, c->in, FIO_CHUNK_BYTES);
                        if (n < 0) {
                                r->failure = FIO_READ;
                                r->err = errno;
                                goto stats;
                        }
                        eof = n == 0;
                        chunk_at = r->in_bytes;
                        r->in_bytes += (uint64_t)n;
                        if (c->pass_plain)
                                keep_head(&head, c->in, (size_t)n);
                        in.size = (size_t)n;
                        in.pos = 0;
                }
                s = huff_decoder_view(c->dec, &in, &view, &view_size);
                if (write_out(out_fd, view, view_size, r) != 0)
                        goto stats;
                decoded += view_size;
                if (c->progress)
                        c->progress(c->progress_ctx, r->in_bytes, decoded);
                if (s == HUFF_ERR_TRAILING_DATA) {
                        /* Every frame was good; what follows is not ours.
                         * No need to read the rest of it. */
                        r->trailing = true;
                        goto stats;
                }
                /* Not a frame from its first byte on (after a frame, the
                 * decoder says HUFF_ERR_TRAILING_DATA instead). */
                if (s == HUFF_ERR_BAD_MAGIC && c->pass_plain &&
                    pass_through(c, in_fd, out_fd, &head, chunk_at, in.size, r))
                        goto stats;
                if (s != HUFF_OK) {
                        set_codec_error(r, s);
                        goto stats;
                }
                /* Something lent: more may be waiting in the decoder. */
                if (view_size > 0)
                        continue;
                if (eof)
                        break;
                if (in.pos < in.size) {
                        /* Input left, yet nothing lent: a broken promise
                         * of the library; do not spin forever. */
                        set_codec_error(r, HUFF_ERR_STAGE);
                        goto stats;
                }
        }
        s = huff_decoder_finish(c->dec);
        if (s == HUFF_ERR_TRUNCATED && c->pass_plain && r->in_bytes == 0)
                r->passed = true;       /* empty: nothing to pass, like gzip */
        else if (s == HUFF_ERR_TRAILING_DATA)
                r->trailing = true;
        else if (s != HUFF_OK)
                set_codec_error(r, s);
stats:
        huff_decoder_stats(c->dec, &r->stats);
        r->model_wanted = huff_decoder_model_wanted(c->dec);
}

/* The size of a regular file is known: one allocation and a read that sees
 * the end at once.  A pipe grows the buffer by doubling. */
int fio_read_all(const char *path, unsigned char **buf, size_t *n)
{
        const int is_stdin = strcmp(path, "-") == 0;
        int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_NOCTTY);
        unsigned char *b = NULL;
        size_t cap = 1 << 16, len = 0;
        struct stat st;
        int err = 0;

        *buf = NULL;
        *n = 0;
        if (fd < 0)
                return errno;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
            (uint64_t)st.st_size < SIZE_MAX - 1)
                cap = (size_t)st.st_size + 1;   /* + 1: end of file seen at once */
        for (;;) {
                ssize_t r;

                if (!b || len == cap) {
                        unsigned char *nb;

                        if (b) {
                                if (cap > SIZE_MAX / 2) {
                                        err = ENOMEM;
                                        break;
                                }
                                cap *= 2;
                        }
                        nb = realloc(b, cap);
                        if (!nb) {
                                err = ENOMEM;
                                break;
                        }
                        b = nb;
                }
                r = fio_read(fd, b + len, cap - len);
                if (r < 0) {
                        err = errno;
                        break;
                }
                if (r == 0)
                        break;
                len += (size_t)r;
        }
        if (!is_stdin)
                close(fd);
        if (err) {
                free(b);
                return err;
        }
        *buf = b;
        *n = len;
        return 0;
}

int fio_load_model(const char *path, struct huff_model **m, enum huff_status *s)
{
        const int is_stdin = strcmp(path, "-") == 0;
        const size_t cap = huff_model_save_bound() + 1;
        int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_NOCTTY);
        unsigned char *buf;
        size_t len = 0;
        int err = 0;

        *m = NULL;
        *s = HUFF_OK;
        if (fd < 0)
                return errno;
        buf = malloc(cap);
        if (!buf) {
                err = ENOMEM;
                goto out;
        }
        /* One byte past the bound: a file that long is not a model file,
         * and the library says so from its length. */
        while (len < cap) {
                ssize_t r = fio_read(fd, buf + len, cap - len);

                if (r < 0) {
                        err = errno;
                        goto out;
                }
                if (r == 0)
                        break;
                len += (size_t)r;
        }
        *s = huff_model_load(m, buf, len);
out:
        free(buf);
        if (!is_stdin)
                close(fd);
        return err;
}
