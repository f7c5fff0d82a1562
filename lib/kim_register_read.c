/*
 * kim_register_read: files read whole into batches, their records and
 * messages held to be replayed: the whole register read on every core
 * (kim_read_register, kim_read_register_parts) and an import read before
 * the lock (kim_batch_*), of kim_input.h; the reading of one file is
 * kim_input.c.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "kim_input.h"
#include "kim_sheet.h"

/*
 * Reading the register on every core.  Worker threads each take the next
 * file and read it whole (CSV parse and record checks) into a batch: the
 * records and the messages, in the order they came.  The calling thread
 * replays the batches in the order of the files, so the callback and the
 * messages see exactly what one thread reading file after file would
 * show, and stop where it would stop.  At most WINDOW batches are held at
 * a time, in WINDOW slots that file i takes in turn (i % WINDOW): memory
 * grows with the size of a file, not of the register, and the room made
 * for one file is there for the next, not given back and asked again.
 */
/* A message, and how many records came before it */
struct event {
	size_t before;
	long line, col;
	size_t at;		/* its text */
	size_t file;		/* the file it names, or (size_t)-1 */
	int warning;		/* a warning, not a problem */
};

/*
 * A record: its values one after the other from text + at, each ended by
 * its NUL.  Small, as the register's own kim_held: a batch of a whole
 * import is held at once, and every byte of it is memory touched.
 */
struct held {
	size_t at;
	const int32_t *col;	/* a set of the batch's cols */
	long line, seq;
	int clean;
};

struct batch {
	struct kim_buf text;	/* field values and messages, NUL-ended */
	struct held *rec;
	size_t nrec, caprec;
	struct kim_colsets cols;	/* the columns the records came from */
	struct event *ev;	/* the messages */
	size_t nev, capev;
	long result;		/* what kim_read_file returned */
	int done;
};

static size_t
hold_text(struct batch *b, const char *s)
{
	size_t at = b->text.len;

	kim_buf_add(&b->text, s, strlen(s) + 1);
	return at;
}

static struct event *
next_event(struct batch *b)
{
	if (b->nev == b->capev) {
		b->capev = b->capev ? b->capev * 2 : 256;
		b->ev = kim_reallocarray(b->ev, b->capev, sizeof *b->ev);
	}
	return &b->ev[b->nev++];
}

static int
hold_record(void *arg, struct kim_record *r)
{
	struct batch *b = arg;
	struct held *h;

	if (b->nrec == b->caprec) {
		b->caprec = b->caprec ? b->caprec * 2 : 256;
		b->rec = kim_reallocarray(b->rec, b->caprec, sizeof *b->rec);
	}
	h = &b->rec[b->nrec];
	/* the values one after the other, the room for all made at once */
	size_t len[KIM_NFIELDS], total = 0;
	for (int f = 0; f < KIM_NFIELDS; f++)
		total += len[f] = strlen(r->f[f]) + 1;
	kim_buf_reserve(&b->text, total);
	h->at = b->text.len;
	h->col = kim_colset(&b->cols, r->col);
	for (int f = 0; f < KIM_NFIELDS; f++) {
		memcpy(b->text.s + b->text.len, r->f[f], len[f]);
		b->text.len += len[f];
	}
	b->text.s[b->text.len] = '\0';
	h->line = r->line;
	h->seq = r->seq;
	h->clean = r->clean;
	b->nrec++;
	return 0;
}

static void
hold_message(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	struct batch *b = d->ctx;
	size_t f = file ? hold_text(b, file) : (size_t)-1;
	size_t at = hold_text(b, msg);
	struct event *e = next_event(b);

	e->before = b->nrec;
	e->line = line;
	e->col = col;
	e->at = at;
	e->file = f;
	e->warning = d->warning;
}

/* b emptied for the next file, its room kept */
static void
batch_reset(struct batch *b)
{
	b->text.len = 0;
	b->nrec = 0;
	b->nev = 0;
	b->result = 0;
	b->done = 0;
}

static void
batch_free(struct batch *b)
{
	kim_buf_free(&b->text);
	free(b->rec);
	free(b->ev);
	kim_colsets_free(&b->cols);
	memset(b, 0, sizeof *b);
}

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char **files;
	size_t n, next, replayed, window;
	int quit;
	struct batch *b;	/* window slots: file i's is b[i % window] */
	kim_file_fn readone;
	int flags;
	const struct kim_ctx *ctx;
	const struct kim_parts *parts;	/* or NULL: records held in order */
	int hold;		/* without parts: a record is held for fn */
};

struct thread {
	pthread_t id;
	struct pool *pool;
	void *part;		/* with parts: this thread's */
};

/* File i read into its batch: its records held, or added to part. */
static void
read_batch(struct pool *p, size_t i, void *part)
{
	struct batch *b = &p->b[i % p->window];
	struct kim_diag d = { .report = hold_message, .ctx = b };

	if (p->parts)
		b->result = p->readone(p->files[i], p->flags, p->ctx,
		    p->parts->add, part, &d);
	else
		b->result = p->readone(p->files[i], p->flags, p->ctx,
		    p->hold ? hold_record : NULL, b, &d);
}

static void *
worker(void *arg)
{
	struct thread *t = arg;
	struct pool *p = t->pool;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->quit && p->next < p->n &&
		    p->next >= p->replayed + p->window)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->quit || p->next >= p->n)
			break;
		size_t i = p->next++;
		pthread_mutex_unlock(&p->mu);
		read_batch(p, i, t->part);
		pthread_mutex_lock(&p->mu);
		p->b[i % p->window].done = 1;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* The batch of file i to the caller; its problems, or -1. */
/* record i of b, its values where b holds them */
static void
view(const struct batch *b, size_t i, const char *name, struct kim_record *r)
{
	const struct held *h = &b->rec[i];
	const char *p = b->text.s + h->at;

	for (int f = 0; f < KIM_NFIELDS; f++) {
		r->f[f] = (char *)p;
		r->col[f] = h->col[f];
		p += strlen(p) + 1;
	}
	r->file = name;
	r->line = h->line;
	r->seq = h->seq;
	r->clean = h->clean;
	r->short_fields = 0;
}

static long
replay(struct batch *b, const char *name, kim_record_fn fn, void *arg,
    struct kim_diag *d)
{
	long problems = 0;
	size_t k = 0;

	for (size_t i = 0; i <= b->nrec; i++) {
		/* the messages that came before record i, then record i */
		for (; k < b->nev && b->ev[k].before == i; k++) {
			const struct event *e = &b->ev[k];
			if (e->warning) {
				/* said as it was held: "warning: ..." */
				d->warning = 1;
				d->report(d, e->file == (size_t)-1 ? NULL :
				    b->text.s + e->file, e->line, e->col,
				    b->text.s + e->at);
				d->warning = 0;
				continue;
			}
			kim_diagf(d, e->file == (size_t)-1 ? NULL :
			    b->text.s + e->file, e->line, e->col, "%s",
			    b->text.s + e->at);
			problems++;
		}
		if (i == b->nrec)
			break;
		struct kim_record r;
		view(b, i, name, &r);
		if (fn(arg, &r))
			return problems;	/* where one thread stops */
	}
	return b->result;
}

struct kim_batch {
	struct batch b;
	int kept;		/* its text is the caller's (kim_batch_keep) */
	const char *name;
	kim_record_fn tick;
	void *arg;
};

static int
batch_add(void *arg, struct kim_record *r)
{
	struct kim_batch *kb = arg;

	if (kb->tick && kb->tick(kb->arg, r))
		return 1;
	return hold_record(&kb->b, r);
}

struct kim_batch *
kim_batch_read(const char *path, int flags, const struct kim_ctx *ctx,
    struct kim_sheet *sheet, kim_record_fn tick, void *arg)
{
	struct kim_batch *kb = kim_calloc(1, sizeof *kb);
	struct kim_diag d = { .report = hold_message, .ctx = &kb->b };
	struct stat st;

	kb->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	/*
	 * Room for the values at once: a CSV or JSON file's values with
	 * their NULs are no longer than the file (a workbook's may be, and
	 * the room grows then as always).
	 */
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISREG(st.st_mode))
		kim_buf_reserve(&kb->b.text, kim_room((uintmax_t)st.st_size));
	kb->tick = tick;
	kb->arg = arg;
	kb->b.result = kim_read_sheet(path, flags, ctx, sheet, batch_add, kb,
	    &d);
	if (sheet && sheet->where)	/* a workbook's rows name their cells */
		kb->name = sheet->where;
	return kb;
}

long
kim_batch_replay(struct kim_batch *kb, kim_record_fn fn, void *arg,
    struct kim_diag *d)
{
	return replay(&kb->b, kb->name, fn, arg, d);
}

char *
kim_batch_keep(struct kim_batch *kb, size_t *len)
{
	char *text = kb->b.text.s;

	*len = kb->b.text.len;
	kb->kept = 1;
	return text;
}

size_t
kim_batch_count(const struct kim_batch *kb)
{
	return kb->b.nrec;
}

void
kim_batch_record(const struct kim_batch *kb, size_t i, struct kim_record *r)
{
	view(&kb->b, i, kb->name, r);
}

void
kim_batch_free(struct kim_batch *kb)
{
	if (!kb)
		return;
	if (kb->kept)
		kb->b.text.s = NULL;	/* the caller's now */
	batch_free(&kb->b);
	free(kb);
}

static long
read_parallel(char **files, size_t n, size_t nthreads, kim_file_fn readone,
    int flags, const struct kim_ctx *ctx, const struct kim_parts *parts,
    kim_record_fn fn, void *arg, struct kim_diag *d)
{
	struct pool p;
	struct thread *t = kim_calloc(nthreads, sizeof *t);
	size_t started = 0;
	void *own = NULL;
	long total = 0;

	memset(&p, 0, sizeof p);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	p.files = files;
	p.n = n;
	p.window = 2 * nthreads;
	p.b = kim_calloc(p.window, sizeof *p.b);
	p.readone = readone;
	p.flags = flags;
	p.ctx = ctx;
	p.parts = parts;
	p.hold = fn != NULL;
	/* what is made once on first use, made before the threads share it */
	kim_column_list(KIM_IN_REGISTER);
	json_object_seed(0);
	for (size_t i = 0; i < nthreads; i++) {
		t[started].pool = &p;
		t[started].part = parts ? parts->make(arg) : NULL;
		if (pthread_create(&t[started].id, NULL, worker, &t[started]) == 0)
			started++;
		else if (parts)
			parts->merge(arg, t[started].part);	/* empty */
	}
	if (started == 0 && parts)
		own = parts->make(arg);

	for (size_t i = 0; i < n; i++) {
		struct batch *b = &p.b[i % p.window];
		long r;
		if (started == 0) {
			/* no thread could start: this one reads */
			read_batch(&p, i, own);
			b->done = 1;
		}
		pthread_mutex_lock(&p.mu);
		while (!b->done)
			pthread_cond_wait(&p.cv, &p.mu);
		pthread_mutex_unlock(&p.mu);
		r = replay(b, files[i], fn, arg, d);
		pthread_mutex_lock(&p.mu);
		batch_reset(b);
		p.replayed = i + 1;
		if (r < 0)
			p.quit = 1;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
		if (r < 0) {
			total = -1;
			break;
		}
		total += r;
	}
	for (size_t i = 0; i < started; i++) {
		pthread_join(t[i].id, NULL);
		if (parts)
			parts->merge(arg, t[i].part);
	}
	if (own)
		parts->merge(arg, own);
	for (size_t i = 0; i < p.window; i++)
		batch_free(&p.b[i]);
	free(p.b);
	free(t);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
	return total;
}

/* files[0..n), each read by readone; on every core if there are two */
static long
read_files(char **files, size_t n, kim_file_fn readone, int flags,
    const struct kim_ctx *ctx, const struct kim_parts *parts,
    kim_record_fn fn, void *arg, struct kim_diag *d)
{
	size_t nthreads = kim_threads(n);
	long total = 0;

	if (nthreads > 1)
		return read_parallel(files, n, nthreads, readone, flags, ctx,
		    parts, fn, arg, d);
	void *part = parts ? parts->make(arg) : NULL;
	for (size_t i = 0; i < n; i++) {
		long r = readone(files[i], flags, ctx, parts ? parts->add : fn,
		    parts ? part : arg, d);
		if (r < 0) {
			total = -1;
			break;
		}
		total += r;
	}
	if (parts)
		parts->merge(arg, part);
	return total;
}

static long
read_register(const char *dir, int flags, const struct kim_ctx *ctx,
    const struct kim_parts *parts, kim_record_fn fn, void *arg,
    struct kim_diag *d)
{
	size_t n;
	char **files = kim_register_files(dir, &n);
	/* of the regions asked for, only the files that can hold them */
	size_t kept = kim_files_holding(files, n, ctx->regions, ctx->nregions);
	long total;

	total = read_files(files, kept, kim_read_file,
	    flags | KIM_READ_REGISTER, ctx, parts, fn, arg, d);
	kim_free_list(files, kept);
	return total;
}

long
kim_read_files(char **files, size_t n, kim_file_fn readone, int flags,
    const struct kim_ctx *ctx, kim_record_fn fn, void *arg,
    struct kim_diag *d)
{
	return read_files(files, n, readone, flags, ctx, NULL, fn, arg, d);
}

long
kim_read_register(const char *dir, int flags, const struct kim_ctx *ctx,
    kim_record_fn fn, void *arg, struct kim_diag *d)
{
	return read_register(dir, flags, ctx, NULL, fn, arg, d);
}

long
kim_read_register_parts(const char *dir, int flags, const struct kim_ctx *ctx,
    const struct kim_parts *parts, void *arg, struct kim_diag *d)
{
	return read_register(dir, flags, ctx, parts, NULL, arg, d);
}
