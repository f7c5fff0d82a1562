/* kim_register: the register's files, loaded to be changed and written */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kim_git.h"
#include "kim_input.h"
#include "kim_merge.h"
#include "kim_register.h"
#include "kim_sheet.h"

/* Do r's fields lie one after another in text the register keeps? */
static int
lent(const struct kim_register *g, const struct kim_record *r,
    const size_t len[KIM_NFIELDS])
{
	const struct kim_buf *k = NULL;

	for (size_t i = 0; i < g->nkept && !k; i++)
		if (r->f[0] >= g->kept[i].s &&
		    r->f[0] < g->kept[i].s + g->kept[i].len)
			k = &g->kept[i];
	for (int i = 0; i < KIM_NFIELDS; i++)
		if (!k || (i > 0 && r->f[i] != r->f[i - 1] + len[i - 1]) ||
		    r->f[i] + len[i] > k->s + k->len)
			return 0;
	return 1;
}

/*
 * t, a copy of the record to hold; r, the record it was made from (the
 * same, or one whose assigned fields t has given).  When r lives in text
 * the register keeps, h's fields stay there and only those t changed are
 * copied; else all are.
 */
static struct kim_held *
held_new(struct kim_register *g, const struct kim_record *t,
    const struct kim_record *r)
{
	size_t len[KIM_NFIELDS], rlen[KIM_NFIELDS], total = sizeof(struct kim_held);
	int borrow;
	uint32_t apart = 0;
	struct kim_held *h;
	char *p;

	for (int i = 0; i < KIM_NFIELDS; i++) {
		len[i] = strlen(t->f[i]) + 1;
		rlen[i] = t->f[i] == r->f[i] ? len[i] : strlen(r->f[i]) + 1;
	}
	borrow = lent(g, r, rlen);
	for (int i = 0; i < KIM_NFIELDS; i++)
		if (!borrow || t->f[i] != r->f[i]) {
			apart |= (uint32_t)1 << i;
			total += len[i];
		}
	h = kim_pool_alloc(&g->held, total);
	h->file = t->file;
	h->line = t->line;
	h->seq = kim_id_seq(t->f[KIM_F_ID], t->f[KIM_F_REGION]);
	h->clean = t->clean;
	h->col = kim_colset(&g->cols, t->col);
	h->apart = borrow ? apart : 0;
	h->s = borrow ? r->f[0] : h->text;
	p = h->text;
	for (int i = 0; i < KIM_NFIELDS; i++)
		if (apart & (uint32_t)1 << i) {
			memcpy(p, t->f[i], len[i]);
			p += len[i];
		}
	h->id = h->apart & (uint32_t)1 << KIM_F_ID ? h->text : h->s;
	return h;
}

void
kim_held_view(const struct kim_held *h, struct kim_record *r)
{
	const char *p = h->s, *q = h->text;

	for (int i = 0; i < KIM_NFIELDS; i++) {
		if (h->apart & (uint32_t)1 << i) {
			r->f[i] = (char *)q;
			q += strlen(q) + 1;
		} else
			r->f[i] = (char *)p;
		r->col[i] = h->col[i];
		p += strlen(p) + 1;
	}
	r->file = h->file;
	r->line = h->line;
	r->seq = h->seq;
	r->clean = h->clean;
	r->short_fields = 0;
}

const char *
kim_held_region(const struct kim_held *h)
{
	const char *p = h->s;

	for (int i = 0; i < KIM_F_REGION; i++)
		p += strlen(p) + 1;
	return p;
}

void
kim_register_keep(struct kim_register *g, char *text, size_t len)
{
	g->kept = kim_reallocarray(g->kept, g->nkept + 1, sizeof *g->kept);
	g->kept[g->nkept].s = text;
	g->kept[g->nkept].len = g->kept[g->nkept].cap = len;
	g->nkept++;
}

void
kim_register_open(struct kim_register *g, const char *dir,
    const struct kim_ctx *ctx, struct kim_diag *d)
{
	memset(g, 0, sizeof *g);
	g->dir = dir;
	g->ctx = ctx;
	g->d = d;
	kim_date_fmt(&ctx->as_of, g->today);
	g->maxseq = kim_calloc(ctx->w.n, sizeof *g->maxseq);
	g->fileof = kim_calloc(ctx->w.n, sizeof *g->fileof);
}

/* The slot of id in the table: where it is, or where it would go. */
static size_t
slot(const struct kim_register *g, const char *id)
{
	size_t i = kim_hash(id) & (g->capids - 1);

	while (g->ids[i] && strcmp(g->ids[i]->id, id) != 0)
		i = (i + 1) & (g->capids - 1);
	return i;
}

void
kim_register_expect(struct kim_register *g, size_t more)
{
	size_t n = g->capids, cap = n ? n : 1024;
	struct kim_held **old = g->ids;

	while (2 * (g->nids + more) > cap)
		cap *= 2;
	if (cap == n)
		return;
	g->capids = cap;
	g->ids = kim_calloc(g->capids, sizeof *g->ids);
	for (size_t i = 0; i < n; i++)
		if (old[i])
			g->ids[slot(g, old[i]->id)] = old[i];
	free(old);
}

/* The slot of a former id in the table of aliases */
static size_t
alias_slot(const struct kim_register *g, const char *id, size_t n)
{
	size_t i = kim_hashn(id, n) & (g->capaliases - 1);

	while (g->aliases[i].id && (strlen(g->aliases[i].id) != n ||
	    memcmp(g->aliases[i].id, id, n) != 0))
		i = (i + 1) & (g->capaliases - 1);
	return i;
}

/*
 * r's former ids (former, the field of the record r holds), each pointing
 * to it (a KIM replaced: its new copy)
 */
static void
index_aliases(struct kim_register *g, struct kim_held *r, const char *former)
{
	const char *s, *e;

	for (s = former; *s; s = *e ? e + 1 : e) {
		size_t n, i;
		if (!(e = strchr(s, ';')))
			e = s + strlen(s);
		if ((n = (size_t)(e - s)) == 0)
			continue;
		if (2 * (g->naliases + 1) > g->capaliases) {
			struct kim_alias *old = g->aliases;
			size_t cap = g->capaliases;
			g->capaliases = cap ? cap * 2 : 64;
			g->aliases = kim_calloc(g->capaliases, sizeof *old);
			for (i = 0; i < cap; i++)
				if (old[i].id)
					g->aliases[alias_slot(g, old[i].id,
					    strlen(old[i].id))] = old[i];
			free(old);
		}
		i = alias_slot(g, s, n);
		if (!g->aliases[i].id) {
			g->aliases[i].id = kim_pool_alloc(&g->held, n + 1);
			memcpy(g->aliases[i].id, s, n);
			g->aliases[i].id[n] = '\0';
			g->naliases++;
		}
		g->aliases[i].h = r;
	}
}

/* r, which holds the record v, by its id (reg: its region, or NULL) */
static void
index_id(struct kim_register *g, struct kim_held *r,
    const struct kim_record *v, const struct kim_region *reg)
{
	if (!*r->id)
		return;
	index_aliases(g, r, v->f[KIM_F_FORMER_IDS]);
	kim_register_expect(g, 1);
	size_t i = slot(g, r->id);
	g->nids += !g->ids[i];
	g->ids[i] = r;
	if (!reg)
		reg = kim_wilayah_find(&g->ctx->w, v->f[KIM_F_REGION]);
	if (reg && r->seq > g->maxseq[reg - g->ctx->w.r])
		g->maxseq[reg - g->ctx->w.r] = r->seq;
}

struct loading {
	struct kim_register *g;
	struct kim_regfile *f;
};

/* A record of a file being loaded: where it must be, and once. */
static int
hold(void *arg, struct kim_record *r)
{
	struct loading *l = arg;
	struct kim_register *g = l->g;
	struct kim_held *twin;

	unsigned long conflicts = kim_record_conflicts(r);

	/* a conflict of a merge, unless the change sets the fields it is in */
	int resolved = g->resolve && !strcmp(r->f[KIM_F_ID], g->resolve);

	if (resolved)
		g->unresolved = conflicts & ~g->resolving;
	if (conflicts && !(resolved && !g->unresolved)) {
		g->problems += kim_record_check(r, g->ctx, KIM_CHECK_ASSIGNED,
		    g->d);
		return 0;
	}
	g->problems += kim_record_misplaced(r, l->f->rel, g->d);
	if (*r->f[KIM_F_ID] && g->capids &&
	    (twin = g->ids[slot(g, r->f[KIM_F_ID])])) {
		if (g->renumber && !g->first &&
		    strcmp(r->f[KIM_F_ID], g->renumber) == 0) {
			/* --renumber ID: the later takes a number of its own */
			g->first = twin;
			kim_register_put(g, l->f, r, NULL);
			return 0;
		}
		g->problems++;
		kim_record_problem(g->d, r, KIM_F_ID, "%s is also on line %ld "
		    "of %s", r->f[KIM_F_ID], twin->line, twin->file);
	}
	kim_register_put(g, l->f, r, NULL);
	return 0;
}

/* The file of region, which is reg in wilayah.csv (or NULL: not there) */
static struct kim_regfile *
file_of(struct kim_register *g, const char *region,
    const struct kim_region *reg)
{
	const struct kim_wilayah *w = &g->ctx->w;
	const struct kim_region *top = reg;
	char rel[64];
	struct kim_regfile *f;
	struct stat st;

	/* the kabupaten/kota, or the provinsi, whose file it is */
	if (top && kim_level_depth(top->level) > 1)
		top = kim_wilayah_up(w, top, 2);
	if (top && g->fileof[top - w->r])
		return g->fileof[top - w->r];
	kim_record_file(region, rel, sizeof rel);
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->f[i]->rel, rel) == 0)
			return g->f[i];
	f = kim_calloc(1, sizeof *f);
	if (top)
		g->fileof[top - w->r] = f;
	f->rel = kim_strdup(rel);
	f->path = kim_path(g->dir, rel);
	g->f = kim_reallocarray(g->f, g->n + 1, sizeof *g->f);
	g->f[g->n++] = f;
	if (stat(f->path, &st) != 0) {
		if (errno != ENOENT)
			kim_die(KIM_EXIT_IO, "%s: cannot read:", f->path);
		return f;	/* the first KIM of this kabupaten */
	}
	struct loading l = { g, f };
	long r = kim_read_file(f->path, KIM_READ_REGISTER | KIM_READ_CHECK |
	    KIM_READ_CONFLICTS, g->ctx, hold, &l, g->d);
	if (r < 0)
		exit(KIM_EXIT_IO);
	g->problems += r;
	for (size_t i = 0; i < f->n; i++)
		f->r[i]->file = f->path;
	f->changed = 0;
	return f;
}

struct kim_regfile *
kim_register_file(struct kim_register *g, const char *region)
{
	return file_of(g, region, kim_wilayah_find(&g->ctx->w, region));
}

void
kim_register_load_all(struct kim_register *g)
{
	size_t n;
	char **files;

	if (g->all)
		return;
	g->all = 1;
	files = kim_register_files(g->dir, &n);
	for (size_t i = 0; i < n; i++) {
		const char *base = strrchr(files[i], '/');
		char code[64];
		base = base ? base + 1 : files[i];
		snprintf(code, sizeof code, "%.*s", (int)(strlen(base) - 4), base);
		if (kim_code_level(code) != KIM_LV_INVALID)
			kim_register_file(g, code);
	}
	kim_free_list(files, n);
}

/* The KIM that had id, among the files loaded, or NULL */
static struct kim_held *
alias_of(struct kim_register *g, const char *id, struct kim_regfile **fp)
{
	struct kim_held *h;

	if (!g->capaliases || !(h = g->aliases[alias_slot(g, id,
	    strlen(id))].h))
		return NULL;
	if (fp)
		*fp = kim_register_file(g, kim_held_region(h));
	return h;
}

struct kim_held *
kim_register_find(struct kim_register *g, const char *id,
    struct kim_regfile **fp)
{
	const char *dash = strrchr(id, '-');
	char region[32];
	struct kim_regfile *f;
	struct kim_held *h;

	if (!dash || (size_t)(dash - id) >= sizeof region)
		return NULL;
	snprintf(region, sizeof region, "%.*s", (int)(dash - id), id);
	if (kim_code_level(region) == KIM_LV_INVALID)
		return NULL;
	f = kim_register_file(g, region);
	if (g->capids && g->ids[slot(g, id)]) {
		if (fp)
			*fp = f;
		return g->ids[slot(g, id)];
	}
	/* a former id: moved in its kabupaten, else anywhere */
	if ((h = alias_of(g, id, fp)))
		return h;
	kim_register_load_all(g);
	return alias_of(g, id, fp);
}

/* One more than the highest sequence used in reg (NULL: not a region) */
static long
next_of(const struct kim_register *g, const struct kim_region *reg)
{
	return reg ? g->maxseq[reg - g->ctx->w.r] + 1 : 1;
}

long
kim_register_next(const struct kim_register *g, const char *region)
{
	return next_of(g, kim_wilayah_find(&g->ctx->w, region));
}

/* c, the copy of v, into f, or in place of old */
static struct kim_held *
put(struct kim_register *g, struct kim_regfile *f, struct kim_held *c,
    const struct kim_record *v, const struct kim_held *old,
    const struct kim_region *reg)
{
	f->changed = 1;
	index_id(g, c, v, reg);
	for (size_t i = 0; old && i < f->n; i++)
		if (f->r[i] == old) {
			f->r[i] = c;
			return c;
		}
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->r = kim_reallocarray(f->r, f->cap, sizeof *f->r);
	}
	f->r[f->n++] = c;
	return c;
}

struct kim_held *
kim_register_put(struct kim_register *g, struct kim_regfile *f,
    const struct kim_record *r, struct kim_held *old)
{
	return put(g, f, held_new(g, r, r), r, old, NULL);
}

static int
byorder(const void *a, const void *b)
{
	return kim_record_cmp(*(struct kim_record *const *)a,
	    *(struct kim_record *const *)b);
}

static int
byname(const void *a, const void *b)
{
	const struct kim_record *x = *(struct kim_record *const *)a;
	const struct kim_record *y = *(struct kim_record *const *)b;
	int c = strcmp(x->f[KIM_F_REGION], y->f[KIM_F_REGION]);

	if (!c)
		c = kim_name_cmp(x->f[KIM_F_NAME], y->f[KIM_F_NAME]);
	if (!c)
		c = x->seq < y->seq ? -1 : x->seq > y->seq;
	return c;
}

/* The records of f as struct kim_record, pointing into them (free it) */
static struct kim_record *
views(const struct kim_regfile *f)
{
	struct kim_record *v = kim_reallocarray(NULL, f->n ? f->n : 1, sizeof *v);

	for (size_t i = 0; i < f->n; i++)
		kim_held_view(f->r[i], &v[i]);
	return v;
}

/*
 * v by region, name and number.  Records in the order of their regions
 * already (a file as read, a sorted import: a region has one or two) are
 * sorted region by region, not all over again.
 */
static void
sort_names(struct kim_record **v, size_t n)
{
	size_t i = 1, run;

	while (i < n && strcmp(v[i - 1]->f[KIM_F_REGION],
	    v[i]->f[KIM_F_REGION]) <= 0)
		i++;
	if (i < n) {
		qsort(v, n, sizeof *v, byname);
		return;
	}
	for (i = 0; i < n; i += run) {
		for (run = 1; i + run < n && strcmp(v[i]->f[KIM_F_REGION],
		    v[i + run]->f[KIM_F_REGION]) == 0; run++)
			;
		if (run > 1)
			qsort(v + i, run, sizeof *v, byname);
	}
}

long
kim_register_check_names(struct kim_register *g)
{
	long problems = 0;

	for (size_t k = 0; k < g->n; k++) {
		struct kim_regfile *f = g->f[k];
		struct kim_record **v, *all;
		size_t n = 0;

		if (!f->changed)
			continue;
		all = views(f);
		v = kim_calloc(f->n, sizeof *v);
		for (size_t i = 0; i < f->n; i++)
			if (kim_status_index(all[i].f[KIM_F_STATUS]) != KIM_ST_BUBAR)
				v[n++] = &all[i];
		sort_names(v, n);
		for (size_t i = 1; i < n; i++) {
			struct kim_record *a = v[i - 1], *b = v[i];
			if (strcmp(a->f[KIM_F_REGION], b->f[KIM_F_REGION]) ||
			    kim_name_cmp(a->f[KIM_F_NAME], b->f[KIM_F_NAME]) != 0)
				continue;
			/*
			 * name the newcomer, not the record already there; of
			 * two newcomers, the later one
			 */
			int a_old = a->file == f->path, b_old = b->file == f->path;
			if (b_old || (!a_old && a->line > b->line)) {
				struct kim_record *t = a;
				a = b;
				b = t;
			}
			problems++;
			if (a_old)
				kim_record_problem(g->d, b, KIM_F_NAME, "'%s' is "
				    "already a KIM in %s: %s", b->f[KIM_F_NAME],
				    b->f[KIM_F_REGION], a->f[KIM_F_ID]);
			else
				kim_record_problem(g->d, b, KIM_F_NAME, "'%s' is "
				    "given twice for %s (also on line %ld)",
				    b->f[KIM_F_NAME], b->f[KIM_F_REGION], a->line);
		}
		free(v);
		free(all);
	}
	return problems;
}

static int
byfile(const void *a, const void *b)
{
	return strcmp((*(struct kim_regfile *const *)a)->rel,
	    (*(struct kim_regfile *const *)b)->rel);
}

void
kim_register_sort_files(struct kim_register *g)
{
	if (g->n > 1)
		qsort(g->f, g->n, sizeof *g->f, byfile);
}

/* The id REGION-N into buf (size bytes); snprintf is slow for so little. */
static void
make_id(char *buf, size_t size, const char *region, long n)
{
	char digits[24];
	size_t len = strlen(region), k = 0;
	long v = n;

	if (n < 0 || len + 1 + sizeof digits >= size) {
		snprintf(buf, size, "%s-%ld", region, n);
		return;
	}
	do
		digits[k++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	memcpy(buf, region, len);
	buf[len++] = '-';
	while (k > 0)
		buf[len++] = digits[--k];
	buf[len] = '\0';
}

struct kim_held *
kim_register_place(struct kim_register *g, const struct kim_record *r,
    struct kim_held *old, int checked)
{
	const struct kim_region *reg = kim_wilayah_find(&g->ctx->w,
	    r->f[KIM_F_REGION]);
	struct kim_regfile *f = file_of(g, r->f[KIM_F_REGION], reg);
	char id[KIM_ID_MAX];
	struct kim_record t = *r;

	/* r's fields as they are, but for the ones the register assigns */
	if (!*r->f[KIM_F_ID]) {
		/* a new KIM: its id and the day it was registered */
		make_id(id, sizeof id, r->f[KIM_F_REGION], next_of(g, reg));
		t.f[KIM_F_ID] = id;
	}
	/* registered and updated as given (an import's migration), else today */
	if (!*r->f[KIM_F_REGISTERED]) {
		t.f[KIM_F_REGISTERED] = g->today;
		t.col[KIM_F_REGISTERED] = 0;
	}
	if (!*r->f[KIM_F_UPDATED] || old) {
		t.f[KIM_F_UPDATED] = g->today;
		t.col[KIM_F_UPDATED] = 0;
	}
	/* the fields assigned are digits, dashes and dots: r->clean holds */
	t.seq = kim_id_seq(t.f[KIM_F_ID], t.f[KIM_F_REGION]);
	struct kim_record u = t;
	u.f[KIM_F_ID] = (char *)"";
	if (!*r->f[KIM_F_ID] && kim_record_is(&u, id) == 2) {
		g->problems++;	/* a new KIM's former ids: not its own */
		kim_record_problem(g->d, &t, KIM_F_FORMER_IDS, "%s is the KIM's "
		    "own id (former_ids holds the ids it had before)", id);
	}
	g->problems += kim_record_check(&t, g->ctx, KIM_CHECK_ASSIGNED |
	    KIM_CHECK_FUTURE | (checked ? KIM_CHECK_DATES : 0), g->d);
	return put(g, f, held_new(g, &t, r), &t, old, reg);
}

/* 1234567 as "1,234,567" */
static void
thousands(struct kim_buf *b, size_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%zu", n);

	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			kim_buf_addc(b, ',');
		kim_buf_addc(b, digits[i]);
	}
}

/* The commit message of an import of n KIM into the files of t. */
static void
import_message(struct kim_buf *m, size_t n, const struct kim_txn *t,
    const struct kim_sheet *sh)
{
	kim_buf_adds(m, "import ");
	if (sh && (sh->update || sh->skip_existing)) {
		/* what each row did: added, updated, unchanged, skipped */
		const long v[] = { sh->added, sh->updated, sh->unchanged,
		    sh->skipped };
		const char *w[] = { "added", "updated", "unchanged", "skipped" };
		for (int i = 0; i < 4; i++) {
			thousands(m, (size_t)v[i]);
			kim_buf_addf(m, " %s%s", w[i], i < 3 ? ", " : "");
		}
	} else {
		thousands(m, n);
		kim_buf_adds(m, " KIM");
	}
	if (kim_txn_count(t) == 1) {
		kim_buf_addf(m, " into %s\n", kim_txn_file(t, 0));
		return;
	}
	kim_buf_addf(m, " into %zu files\n\n", kim_txn_count(t));
	for (size_t i = 0; i < kim_txn_count(t); i++)
		kim_buf_addf(m, "%s\n", kim_txn_file(t, i));
}

/* The files kim_register_write writes, each on its temporary file */
struct writing {
	struct kim_regfile **f;
	FILE **fp;
};

/* File i of w in order, on any thread: it reads only its own records */
static void
write_file(void *arg, size_t i)
{
	const struct writing *w = arg;
	const struct kim_regfile *f = w->f[i];
	struct kim_record *all = views(f), **v;
	size_t in = 1;	/* the records in order from the first */
	int kept = 0;

	v = kim_calloc(f->n ? f->n : 1, sizeof *v);
	for (size_t k = 0; k < f->n; k++)
		v[k] = &all[k];
	/* in order already, as an import of a sorted file is */
	while (in < f->n && byorder(&v[in - 1], &v[in]) <= 0)
		in++;
	if (in < f->n)
		qsort(v, f->n, sizeof *v, byorder);
	for (size_t k = 0; k < f->n; k++)
		kept |= kim_record_kept(v[k]);
	fprintf(w->fp[i], "%s\n", kim_header_for(kept));
	for (size_t k = 0; k < f->n; k++)
		kim_record_write(w->fp[i], v[k], kept);
	free(v);
	free(all);
}

void
kim_register_write(struct kim_register *g, struct kim_txn *t)
{
	struct writing w;
	size_t n = 0;

	kim_register_sort_files(g);	/* the same order every time */
	w.f = kim_calloc(g->n ? g->n : 1, sizeof *w.f);
	w.fp = kim_calloc(g->n ? g->n : 1, sizeof *w.fp);
	/*
	 * The temporary files made here, in order; written on every core
	 * (an import writes hundreds), each by one thread.
	 */
	for (size_t k = 0; k < g->n; k++)
		if (g->f[k]->changed) {
			w.f[n] = g->f[k];
			w.fp[n++] = kim_txn_open(t, g->f[k]->rel);
		}
	kim_each(n, write_file, &w);
	free(w.f);
	free(w.fp);
}

void
kim_register_close(struct kim_register *g)
{
	for (size_t k = 0; k < g->n; k++) {
		struct kim_regfile *f = g->f[k];
		free(f->r);
		free(f->rel);
		free(f->path);
		free(f);
	}
	free(g->f);
	free(g->maxseq);
	free(g->fileof);
	free(g->ids);
	free(g->aliases);
	for (size_t i = 0; i < g->nkept; i++)
		kim_buf_free(&g->kept[i]);
	free(g->kept);
	kim_pool_free(&g->held);
	kim_colsets_free(&g->cols);
	memset(g, 0, sizeof *g);
}

/* ---- one change of kim-register ---- */

static void
wrote(struct kim_change *c, const char *id)
{
	if (c->nids == c->capids) {
		c->capids = c->capids ? c->capids * 2 : 16;
		c->ids = kim_reallocarray(c->ids, c->capids, sizeof *c->ids);
	}
	c->ids[c->nids++] = id;
}

void
kim_change_wrote(struct kim_change *c, const char *id)
{
	wrote(c, id);
}

void
kim_register_relist(struct kim_register *g, const struct kim_ctx *ctx)
{
	g->ctx = ctx;
	free(g->maxseq);
	free(g->fileof);
	g->maxseq = kim_calloc(ctx->w.n ? ctx->w.n : 1, sizeof *g->maxseq);
	g->fileof = kim_calloc(ctx->w.n ? ctx->w.n : 1, sizeof *g->fileof);
	for (size_t i = 0; i < g->capids; i++) {
		const struct kim_region *reg;
		if (g->ids[i] && (reg = kim_wilayah_find(&ctx->w,
		    kim_held_region(g->ids[i]))) &&
		    g->ids[i]->seq > g->maxseq[reg - ctx->w.r])
			g->maxseq[reg - ctx->w.r] = g->ids[i]->seq;
	}
}

void
kim_change_add(struct kim_change *c, struct kim_recbuf *given)
{
	struct kim_register *g = c->reg;
	struct kim_record r;
	long n;

	kim_recbuf_get(given, &r);
	kim_record_normalize(&r);
	if ((n = kim_record_check(&r, g->ctx, KIM_CHECK_FUTURE, g->d) +
	    kim_record_check_limits(&r, ~0ul, g->d)) > 0)
		c->problems += n;
	else
		wrote(c, kim_register_place(g, &r, NULL, 1)->id);
}

int
kim_change_update(struct kim_change *c, const char *id,
    struct kim_recbuf *given)
{
	struct kim_record was, r, in;
	struct kim_recbuf rb = { 0 };
	struct kim_held *old;
	int changed = 0;

	/* the fields given may resolve the merge conflicts of the KIM */
	c->reg->resolve = id;
	c->reg->resolving = 0;
	for (int i = 0; i < KIM_NFIELDS; i++)
		c->reg->resolving |= given->set[i] ? 1ul << i : 0;
	old = kim_register_find(c->reg, id, NULL);
	c->reg->resolve = NULL;
	if (!old && c->reg->unresolved) {
		struct kim_buf b = { 0 };
		for (int i = 0; i < KIM_NFIELDS; i++)
			if (c->reg->unresolved & 1ul << i)
				kim_buf_addf(&b, " --%s VALUE", kim_field_names[i]);
		kim_warn("%s: a merge conflict is left: to resolve them all, "
		    "give%s too", id, b.s);
		kim_buf_free(&b);
		return -1;
	}
	if (!old) {
		kim_warn("%s: no KIM has this id", id);
		return -1;
	}
	kim_held_view(old, &was);
	/* the fields given, as input is kept; the others as they are */
	kim_recbuf_get(given, &in);
	kim_record_normalize(&in);
	kim_recbuf_clear(&rb);
	for (int i = 0; i < KIM_NFIELDS; i++) {
		const char *v = given->set[i] ? in.f[i] : was.f[i];
		kim_recbuf_set(&rb, i, v, strlen(v),
		    given->set[i] ? KIM_COL_OPTION : 0);
	}
	kim_recbuf_get(&rb, &r);
	for (int i = 0; i < KIM_NFIELDS; i++)
		if (strcmp(r.f[i], was.f[i]) != 0) {
			changed = 1;
			c->changed |= 1ul << i;
		}
	/* the values it changes are held to the limits, not the others */
	c->problems += kim_record_check_limits(&r, c->changed, c->reg->d);
	if (changed)
		kim_register_place(c->reg, &r, old, 0);
	wrote(c, old->id);	/* its id now, when id was a former one */
	kim_recbuf_free(&rb);
	return 0;
}

/* ---- an import that updates (--update) or skips (--skip-existing) ---- */

/* "region\tname folded" of r into k */
static void
name_key(const struct kim_record *r, struct kim_buf *k)
{
	kim_buf_reset(k);
	kim_record_key(r, k);
}

static int
names_find(struct kim_change *c, const char *key, int add)
{
	size_t i;

	if (c->nnames * 2 >= c->capnames) {
		char **old = c->names;
		size_t cap = c->capnames;
		c->capnames = cap ? cap * 2 : 1024;
		c->names = kim_calloc(c->capnames, sizeof *c->names);
		c->nnames = 0;
		for (size_t k = 0; k < cap; k++)
			if (old[k]) {
				for (i = kim_hash(old[k]) & (c->capnames - 1);
				    c->names[i]; i = (i + 1) & (c->capnames - 1))
					;
				c->names[i] = old[k];
				c->nnames++;
			}
		free(old);
	}
	for (i = kim_hash(key) & (c->capnames - 1); c->names[i];
	    i = (i + 1) & (c->capnames - 1))
		if (strcmp(c->names[i], key) == 0)
			return 1;
	if (add) {
		c->names[i] = kim_strdup(key);
		c->nnames++;
	}
	return 0;
}

/* Has r's village a KIM of r's name already (not counting bubar ones)? */
static int
name_taken(struct kim_change *c, const struct kim_record *r)
{
	struct kim_regfile *f = kim_register_file(c->reg, r->f[KIM_F_REGION]);
	struct kim_buf k = { 0 };
	struct kim_record h;
	int taken;

	if (!f->named) {
		f->named = 1;
		for (size_t i = 0; i < f->n; i++) {
			kim_held_view(f->r[i], &h);
			if (kim_status_index(h.f[KIM_F_STATUS]) == KIM_ST_BUBAR)
				continue;
			name_key(&h, &k);
			names_find(c, kim_buf_str(&k), 1);
		}
	}
	name_key(r, &k);
	taken = names_find(c, kim_buf_str(&k), 0);
	kim_buf_free(&k);
	return taken;
}

static void
skipped(struct kim_change *c, const struct kim_record *r, const char *why)
{
	char place[512];

	kim_place(place, sizeof place, r->file, r->line, 0);
	kim_warn("%sskipped: %s (--skip-existing)", place, why);
	c->sheet->skipped++;
}

/*
 * Row r of an import with --update changes KIM old: the columns of the
 * file replace its fields (an empty cell clears an optional field and
 * leaves a required one as it is), the others stay.
 */
static void
import_update(struct kim_change *c, const struct kim_record *r,
    struct kim_held *old)
{
	struct kim_record was, t;
	struct kim_recbuf rb = { 0 };
	int changed = 0;

	kim_held_view(old, &was);
	kim_recbuf_clear(&rb);
	for (int f = 0; f < KIM_NFIELDS; f++) {
		int take = r->col[f] != 0 && f != KIM_F_UPDATED &&
		    (*r->f[f] || kim_columns[f].given == KIM_GIVEN_OPTIONAL);
		const char *v = take ? r->f[f] : was.f[f];
		kim_recbuf_set(&rb, f, v, strlen(v), take ? r->col[f] : 0);
	}
	kim_recbuf_get(&rb, &t);
	t.file = r->file;
	t.line = r->line;
	t.seq = was.seq;
	t.clean = r->clean && was.clean;
	if (strcmp(t.f[KIM_F_REGION], was.f[KIM_F_REGION]) != 0) {
		c->problems++;
		kim_record_problem(c->reg->d, &t, KIM_F_REGION, "%s: the region "
		    "of %s cannot change: its id is made of it (dissolve it "
		    "and register it anew)", t.f[KIM_F_REGION], was.f[KIM_F_ID]);
	} else {
		for (int f = 0; f < KIM_NFIELDS; f++)
			changed |= f != KIM_F_UPDATED &&
			    strcmp(t.f[f], was.f[f]) != 0;
		/* old, and was with it, is freed when the change is placed */
		if (changed)
			kim_register_place(c->reg, &t, old, 0);
		*(changed ? &c->sheet->updated : &c->sheet->unchanged) += 1;
		wrote(c, kim_register_find(c->reg, t.f[KIM_F_ID], NULL)->id);
	}
	kim_recbuf_free(&rb);
}

static int
import_one(void *arg, struct kim_record *r)
{
	struct kim_change *c = arg;
	struct kim_regfile *f;
	struct kim_held *old;
	struct kim_sheet *sh = c->sheet;

	c->replayed++;
	if (sh && sh->skip_existing && (*r->f[KIM_F_ID] ?
	    kim_register_find(c->reg, r->f[KIM_F_ID], NULL) != NULL :
	    name_taken(c, r))) {
		char why[512];
		snprintf(why, sizeof why, *r->f[KIM_F_ID] ? "%s is in the "
		    "register" : "%.200s is already a KIM in %s", *r->f[KIM_F_ID] ?
		    r->f[KIM_F_ID] : r->f[KIM_F_NAME], r->f[KIM_F_REGION]);
		skipped(c, r, why);
		return 0;
	}
	if (sh && sh->update && *r->f[KIM_F_ID]) {
		if ((old = kim_register_find(c->reg, r->f[KIM_F_ID], NULL)))
			import_update(c, r, old);
		else {
			c->problems++;
			kim_record_problem(c->reg->d, r, KIM_F_ID, "%s: no KIM "
			    "has this id (with --update a row with an id changes "
			    "that KIM; leave the id empty for a new one)",
			    r->f[KIM_F_ID]);
		}
		return 0;
	}
	/* a new record is held to the limits (kim-data(5), LIMITS) */
	if (kim_record_check_limits(r, ~0ul, c->reg->d) > 0) {
		c->problems++;
		return 0;
	}
	if (!*r->f[KIM_F_ID]) {
		/* ids are given once every kept id is known */
		if (c->npending == c->cappending) {
			c->cappending = c->cappending ? c->cappending * 2 : 16;
			c->pending = kim_reallocarray(c->pending, c->cappending,
			    sizeof *c->pending);
		}
		c->pending[c->npending++] = c->replayed - 1;
		wrote(c, NULL);
		if (c->sheet)
			c->sheet->added++;
		return 0;
	}
	if (kim_register_find(c->reg, r->f[KIM_F_ID], &f)) {
		c->problems++;
		kim_record_problem(c->reg->d, r, KIM_F_ID, "%s is taken "
		    "(an imported record keeps its id only when it is new "
		    "to the register; --update changes that KIM from the "
		    "row, --skip-existing leaves it)", r->f[KIM_F_ID]);
		return 0;
	}
	wrote(c, kim_register_place(c->reg, r, NULL, 1)->id);
	if (c->sheet)
		c->sheet->added++;
	return 0;
}

static int
import_tick(void *arg, struct kim_record *r)
{
	struct kim_change *c = arg;

	kim_progress_tick(&c->prog, r->line);
	return 0;
}

int
kim_change_renumber(struct kim_change *c, const char *id)
{
	struct kim_register *g = c->reg;
	struct kim_regfile *f;
	struct kim_held *old, *now;
	struct kim_record r;
	char to[64];
	size_t i;

	g->renumber = id;
	if (!(old = kim_register_find(g, id, &f))) {
		kim_warn("%s: no KIM has this id", id);
		return -1;
	}
	kim_held_view(old, &r);
	make_id(to, sizeof to, r.f[KIM_F_REGION],
	    kim_register_next(g, r.f[KIM_F_REGION]));
	r.f[KIM_F_ID] = to;
	r.f[KIM_F_UPDATED] = g->today;
	r.col[KIM_F_UPDATED] = 0;
	snprintf(c->renumbered, sizeof c->renumbered, "%s", id);
	c->changed |= 1ul << KIM_F_ID;
	now = kim_register_place(g, &r, NULL, 0);
	/*
	 * The id finds the first of two records that had it, else nothing:
	 * its slot holds a record of another id, so that the ids after it
	 * in the table are still found.
	 */
	g->ids[slot(g, id)] = g->first ? g->first : now;
	for (i = 0; f->r[i] != old; i++)
		;
	memmove(&f->r[i], &f->r[i + 1], (f->n - i - 1) * sizeof *f->r);
	f->n--;
	wrote(c, now->id);
	return 0;
}

void
kim_change_import_read(struct kim_change *c, const char *file, int progress,
    const struct kim_ctx *ctx)
{
	kim_progress_start(&c->prog, progress, file);
	c->batch = kim_batch_read(file, KIM_READ_CHECK | KIM_READ_FUTURE, ctx,
	    c->sheet, import_tick, c);
	kim_progress_end(&c->prog);
}

int
kim_change_import(struct kim_change *c)
{
	long r;
	size_t k = 0, len;
	char *text = kim_batch_keep(c->batch, &len);

	kim_register_keep(c->reg, text, len);
	kim_register_expect(c->reg, kim_batch_count(c->batch));
	r = kim_batch_replay(c->batch, import_one, c, c->reg->d);
	if (r >= 0) {
		c->problems += r;
		for (size_t i = 0; i < c->nids; i++) {
			if (c->ids[i])
				continue;
			struct kim_record rec;
			kim_batch_record(c->batch, c->pending[k++], &rec);
			c->ids[i] = kim_register_place(c->reg, &rec, NULL, 1)->id;
		}
	}
	kim_batch_free(c->batch);
	c->batch = NULL;
	free(c->pending);
	c->pending = NULL;
	c->npending = 0;
	for (size_t i = 0; i < c->capnames; i++)
		free(c->names[i]);
	free(c->names);
	c->names = NULL;
	c->nnames = c->capnames = 0;
	return r < 0 ? -1 : 0;
}

void
kim_change_message(struct kim_change *c, const struct kim_txn *t,
    struct kim_buf *m)
{
	struct kim_held *h;
	struct kim_record r;

	if (c->message) {
		kim_buf_adds(m, c->message);
		return;
	}
	if (strcmp(c->action, "import") == 0) {
		import_message(m, c->nids, t, c->sheet);
		return;
	}
	if ((h = kim_register_find(c->reg, c->ids[0], NULL)))
		kim_held_view(h, &r);
	if (*c->renumbered)	/* "renumber 51.02.03.2001-1 as ...-2 NAME" */
		kim_buf_addf(m, "%s %s as %s %s", c->action, c->renumbered,
		    c->ids[0], h ? r.f[KIM_F_NAME] : "");
	else
		kim_buf_addf(m, "%s %s %s", c->action, c->ids[0],
		    h ? r.f[KIM_F_NAME] : "");
	if (strcmp(c->action, "register") != 0 && !*c->renumbered) {
		/* the fields changed besides the one the action names */
		int own = strcmp(c->action, "verify") == 0 ? KIM_F_VERIFIED :
		    strcmp(c->action, "update") == 0 ? -1 : KIM_F_STATUS;
		const char *sep = ": ";
		for (int i = 0; i < KIM_NFIELDS; i++)
			if ((c->changed & 1ul << i) && i != own) {
				kim_buf_addf(m, "%s%s", sep, kim_field_names[i]);
				sep = ", ";
			}
	}
	kim_buf_addc(m, '\n');
}

/* Does the register hold a KIM named name that kim-merge renumbered from old? */
static int
renumbered_from(void *arg, const char *old, const char *name)
{
	const struct kim_register *g = arg;
	struct kim_record r;

	for (size_t k = 0; k < g->n; k++)
		for (size_t i = 0; i < g->f[k]->n; i++) {
			kim_held_view(g->f[k]->r[i], &r);
			if (strcmp(r.f[KIM_F_NAME], name) == 0 &&
			    kim_merge_says_was(r.f[KIM_F_NOTES], old))
				return 1;
		}
	return 0;
}

/*
 * The renumberings kim-merge logged in a merge, which git left out of it
 * (when the change is committed), and the change's own, of --renumber, go
 * into kim/renumbered.csv with the change; *pending: to remove after.
 */
static void
log_renumbered(struct kim_change *c, const char *dir, struct kim_txn *t,
    int commit, char **pending)
{
	struct kim_renumbered log = { 0 };
	long n = commit ? kim_merge_log_fold(dir, &log, renumbered_from,
	    c->reg, pending) : 0;
	char *path = kim_path(dir, KIM_RENUMBERED_FILE);
	struct kim_held *h = *c->renumbered && c->nids ?
	    kim_register_find(c->reg, c->ids[0], NULL) : NULL;
	struct kim_record r;

	if (h && !*pending && kim_renumbered_read(&log, path, NULL) != 0)
		kim_warn("%s: not a good log (kim-check says why): the "
		    "renumbering is not added to it", path);
	else if (h) {
		kim_held_view(h, &r);
		kim_renumbered_add(&log, c->reg->today, c->renumbered,
		    c->ids[0], r.f[KIM_F_NAME]);
		n++;
	}
	if (n > 0)
		kim_renumbered_write(kim_txn_open(t, KIM_RENUMBERED_FILE),
		    &log);
	kim_renumbered_free(&log);
	free(path);
}

/* The bytes of the file at path onto out: 0, or -1 when it cannot be read */
static int
copy_into(const char *path, FILE *out)
{
	FILE *in = fopen(path, "rb");
	char buf[65536];
	size_t n;
	int bad;

	if (!in)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	bad = ferror(in);
	fclose(in);
	return bad ? -1 : 0;
}

int
kim_change_write(struct kim_change *c, const char *dir, int commit)
{
	struct kim_txn *t = kim_txn_new(dir);
	struct kim_buf m = { 0 };
	int status = KIM_EXIT_OK;
	char *pending = NULL;

	kim_register_write(c->reg, t);
	if (c->install && copy_into(c->install, kim_txn_open(t,
	    KIM_WILAYAH_FILE)) != 0)
		kim_die(KIM_EXIT_IO, "%s: cannot read:", c->install);
	if ((commit || *c->renumbered) && kim_txn_count(t) > 0)
		log_renumbered(c, dir, t, commit, &pending);
	if (commit)	/* a clone that would merge its work as text */
		kim_git_warn_driver(dir);
	if (commit && kim_txn_count(t) > 0) {
		/* in the journal: a crash leaves the commit to the next */
		kim_change_message(c, t, &m);
		kim_txn_message(t, m.s);
		kim_buf_free(&m);
	}
	if (kim_txn_commit(t) != 0)
		status = KIM_EXIT_IO;
	else if (pending)
		unlink(pending);	/* in the log now, or rows of no merge */
	free(pending);
	kim_txn_free(t);
	return status;
}

void
kim_change_print(const struct kim_change *c, FILE *fp, int rows,
    enum kim_fmt fmt, int excel)
{
	static const struct kim_col col = { "id", KIM_T_TEXT };
	struct kim_out *o = rows ? kim_out_new(fp, fmt, excel, &col, 1) : NULL;

	for (size_t i = 0; i < c->nids; i++) {
		if (o)
			kim_out_row(o, &c->ids[i]);
		else
			fprintf(fp, "%s\n", c->ids[i]);
	}
	if (o)
		kim_out_end(o);
}

void
kim_change_free(struct kim_change *c)
{
	free(c->message);
	c->message = NULL;
	if (c->relisted) {
		kim_wilayah_free(&c->relisted->w);
		free(c->relisted);
		c->relisted = NULL;
	}
	free(c->ids);
	c->ids = NULL;
	c->nids = c->capids = 0;
}

void
kim_change_need_stdout(void)
{
	if (fcntl(STDOUT_FILENO, F_GETFD) == -1 && errno == EBADF)
		kim_die(KIM_EXIT_IO, "standard output is closed: nothing was "
		    "written (the new id could not be printed)");
}

void
kim_change_begin(struct kim_change *c, struct kim_register *reg,
    struct kim_lock *lock, const char *dir, double wait, int commit,
    const struct kim_ctx *ctx, struct kim_diag *d)
{
	kim_lock(lock, dir, 1, wait);
	/* under the lock: no other kim-register is committing */
	if (commit && kim_git_ready(dir) != 0)
		kim_die(KIM_EXIT_IO, "nothing was written: the change could not "
		    "be committed (--no-commit writes without committing)");
	kim_register_open(reg, dir, ctx, d);
	c->reg = reg;
}

void
kim_change_refuse(long problems)
{
	kim_warn("nothing was written: %ld problem%s", problems,
	    problems == 1 ? "" : "s");
	exit(KIM_EXIT_DATA);
}
