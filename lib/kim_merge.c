/*
 * kim_merge: git's three-way merge of a register file, record by record,
 * field by field; the conflicts it writes into a field and how they are
 * recognised; the renumbering of a record that two offices gave one id,
 * and its log (renumbered.csv).  kim-merge(1) is its command.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kim_folder.h"
#include "kim_git.h"
#include "kim_input.h"
#include "kim_merge.h"
#include "kim_record.h"
#include "kim_renumbered.h"
#include "kim_store.h"
#include "kim_util.h"

/* The records of one version of the file, sorted by id. */
struct side {
	struct kim_record **r;
	size_t n;
};

static int
keep(void *arg, struct kim_record *r)
{
	struct side *s = arg;

	s->r = kim_reallocarray(s->r, s->n + 1, sizeof *s->r);
	s->r[s->n] = kim_record_dup(r);
	s->r[s->n]->seq = kim_id_seq(r->f[KIM_F_ID], r->f[KIM_F_REGION]);
	s->n++;
	return 0;
}

static int
byid(const void *a, const void *b)
{
	return strcmp((*(struct kim_record *const *)a)->f[KIM_F_ID],
	    (*(struct kim_record *const *)b)->f[KIM_F_ID]);
}

static int
byorder(const void *a, const void *b)
{
	return kim_record_cmp(*(struct kim_record *const *)a,
	    *(struct kim_record *const *)b);
}

/* Read path (an empty file: no records, as git gives a base of none). */
static int
load(const char *path, const char *name, struct side *s, struct kim_diag *d)
{
	struct stat st;

	memset(s, 0, sizeof *s);
	if (stat(path, &st) != 0) {
		kim_diagf(d, path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (st.st_size == 0)
		return 0;
	long r = kim_read_file(path, KIM_READ_REGISTER, NULL, keep, s, d);
	if (r != 0) {
		if (r > 0)
			kim_diagf(d, name, 0, 0, "not merged record by record: "
			    "a version of the file is not a register file");
		return -1;
	}
	if (s->n > 0)
		qsort(s->r, s->n, sizeof *s->r, byid);
	return 0;
}

static void
unload(struct side *s)
{
	for (size_t i = 0; i < s->n; i++)
		kim_record_free(s->r[i]);
	free(s->r);
}

static struct kim_record *
find(const struct side *s, const char *id)
{
	struct kim_record key, *k = &key, **p;

	if (s->n == 0)
		return NULL;	/* an empty version: bsearch takes no null array */
	key.f[KIM_F_ID] = (char *)id;
	p = bsearch(&k, s->r, s->n, sizeof *s->r, byid);
	return p ? *p : NULL;
}

static int
same(const struct kim_record *a, const struct kim_record *b)
{
	for (int i = 0; i < KIM_NFIELDS; i++)
		if (strcmp(a->f[i], b->f[i]) != 0)
			return 0;
	return 1;
}

/*
 * Which of two records given one id keeps it: the earlier registered, then
 * the name, then the other fields in the order of the columns; never the
 * side it came from, so both offices come to the same files.
 */
static int
first(const struct kim_record *a, const struct kim_record *b)
{
	int c = strcmp(a->f[KIM_F_REGISTERED], b->f[KIM_F_REGISTERED]);

	if (!c)
		c = strcmp(a->f[KIM_F_NAME], b->f[KIM_F_NAME]);
	for (int i = 0; !c && i < KIM_NFIELDS; i++)
		c = strcmp(a->f[i], b->f[i]);
	return c <= 0;
}

/* The records of the result (owned) */
struct result {
	struct kim_record **r;
	size_t n;
	struct kim_record **losers;	/* to be renumbered */
	size_t nlosers;
};

static void
put(struct kim_record ***v, size_t *n, struct kim_record *r)
{
	*v = kim_reallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = r;
}

/* A value as a conflict shows it */
static void
shown(struct kim_buf *b, const char *v)
{
	kim_buf_adds(b, *v ? v : "\"\"");
}

/* ours and theirs changed the record with base o (NULL: new on both). */
static struct kim_record *
fieldwise(const struct kim_record *o, const struct kim_record *a,
    const struct kim_record *t, struct kim_merge *m)
{
	struct kim_recbuf rb = { 0 };
	struct kim_buf b = { 0 };
	struct kim_record r, *c;

	kim_recbuf_clear(&rb);
	for (int i = 0; i < KIM_NFIELDS; i++) {
		const char *va = a->f[i], *vt = t->f[i], *v = va;
		if (strcmp(va, vt) == 0)
			;	/* the same on both sides */
		else if (o && strcmp(va, o->f[i]) == 0)
			v = vt;
		else if (o && strcmp(vt, o->f[i]) == 0)
			;	/* changed on our side only */
		else if (i == KIM_F_UPDATED || i == KIM_F_VERIFIED)
			v = strcmp(va, vt) > 0 ? va : vt;	/* the later day */
		else {
			kim_buf_reset(&b);
			kim_buf_adds(&b, KIM_CONFLICT_OPEN);
			shown(&b, va);
			kim_buf_adds(&b, " (ours) or ");
			shown(&b, vt);
			kim_buf_adds(&b, " (theirs)" KIM_CONFLICT_CLOSE);
			v = kim_buf_str(&b);
			m->conflicts++;
		}
		kim_recbuf_set(&rb, i, v, strlen(v), 0);
	}
	kim_recbuf_get(&rb, &r);
	r.seq = a->seq;
	c = kim_record_dup(&r);
	kim_recbuf_free(&rb);
	kim_buf_free(&b);
	return c;
}

/* The highest number of region among the ids of the three versions */
static long
highest(const struct side *v, size_t nv, const struct result *res,
    const char *region)
{
	long max = 0;

	for (size_t k = 0; k < nv; k++)
		for (size_t i = 0; i < v[k].n; i++)
			if (strcmp(v[k].r[i]->f[KIM_F_REGION], region) == 0 &&
			    v[k].r[i]->seq > max)
				max = v[k].r[i]->seq;
	for (size_t i = 0; i < res->n; i++)
		if (strcmp(res->r[i]->f[KIM_F_REGION], region) == 0 &&
		    res->r[i]->seq > max)
			max = res->r[i]->seq;
	return max;
}

/* Give each loser the next free number of its region, in order of ids. */
static void
renumber(struct result *res, const struct side *v, size_t nv,
    struct kim_merge *m)
{
	struct kim_buf notes = { 0 };

	for (size_t i = 0; i < res->nlosers; i++) {
		struct kim_record *r = res->losers[i];
		struct kim_buf id = { 0 };
		long n = highest(v, nv, res, r->f[KIM_F_REGION]) + 1;
		struct kim_renumbering *x;

		kim_buf_addf(&id, "%s-%ld", r->f[KIM_F_REGION], n);
		m->renum = kim_reallocarray(m->renum, m->nrenum + 1,
		    sizeof *m->renum);
		x = &m->renum[m->nrenum++];
		x->old = kim_strdup(r->f[KIM_F_ID]);
		x->new = id.s;
		x->name = kim_strdup(r->f[KIM_F_NAME]);
		/* the record says so itself, in the merge's own commit */
		kim_buf_adds(&notes, r->f[KIM_F_NOTES]);
		if (*r->f[KIM_F_NOTES])
			kim_buf_addc(&notes, '\n');
		kim_buf_addf(&notes, KIM_RENUMBERED_NOTE "%s", x->old);
		r->f[KIM_F_ID] = x->new;
		r->f[KIM_F_NOTES] = (char *)kim_buf_str(&notes);
		r->seq = n;
		put(&res->r, &res->n, kim_record_dup(r));
		kim_buf_reset(&notes);
	}
	kim_buf_free(&notes);
}

int
kim_merge_files(const char *base, const char *ours, const char *theirs,
    const char *name, FILE *out, struct kim_merge *m, struct kim_diag *d)
{
	struct side v[3];	/* base, ours, theirs */
	struct result res = { 0 };
	int bad;

	memset(m, 0, sizeof *m);
	bad = load(base, name, &v[0], d);
	bad |= load(ours, name, &v[1], d);
	bad |= load(theirs, name, &v[2], d);
	for (size_t i = 0; !bad && i < v[1].n; i++) {
		struct kim_record *a = v[1].r[i], *o, *t;
		o = find(&v[0], a->f[KIM_F_ID]);
		t = find(&v[2], a->f[KIM_F_ID]);
		if (!t)
			put(&res.r, &res.n, kim_record_dup(a));
		else if (!o && !same(a, t)) {
			/* one id, two new KIM */
			int af = first(a, t);
			put(&res.r, &res.n, kim_record_dup(af ? a : t));
			put(&res.losers, &res.nlosers, af ? t : a);
		} else
			put(&res.r, &res.n, fieldwise(o, a, t, m));
	}
	for (size_t i = 0; !bad && i < v[2].n; i++)
		if (!find(&v[1], v[2].r[i]->f[KIM_F_ID]))
			put(&res.r, &res.n, kim_record_dup(v[2].r[i]));
	/* removed on both sides: records are never removed, so kept */
	for (size_t i = 0; !bad && i < v[0].n; i++)
		if (!find(&v[1], v[0].r[i]->f[KIM_F_ID]) &&
		    !find(&v[2], v[0].r[i]->f[KIM_F_ID]))
			put(&res.r, &res.n, kim_record_dup(v[0].r[i]));
	if (!bad) {
		renumber(&res, v, 3, m);
		if (res.n > 0)
			qsort(res.r, res.n, sizeof *res.r, byorder);
		fprintf(out, "%s\n", kim_header);
		for (size_t i = 0; i < res.n; i++)
			kim_record_write(out, res.r[i]);
	}
	for (size_t i = 0; i < res.n; i++)
		kim_record_free(res.r[i]);
	free(res.r);
	free(res.losers);
	for (int k = 0; k < 3; k++)
		unload(&v[k]);
	return bad ? -1 : 0;
}

void
kim_merge_free(struct kim_merge *m)
{
	for (size_t i = 0; i < m->nrenum; i++) {
		free(m->renum[i].old);
		free(m->renum[i].new);
		free(m->renum[i].name);
	}
	free(m->renum);
	memset(m, 0, sizeof *m);
}

/* --- the log of renumberings, kim/renumbered.csv ---------------------- */

char *
kim_merge_folder(const char *path)
{
	const char *name = strrchr(path, '/');
	size_t k = strlen(KIM_REGISTER_DIR), n;

	if (!name)
		return kim_strdup(".");
	n = (size_t)(name - path);	/* path[0..n): FOLDER/kim, or kim */
	if (n >= k && strncmp(path + n - k, KIM_REGISTER_DIR, k) == 0 &&
	    (n == k || path[n - k - 1] == '/'))
		n = n == k ? 0 : n - k - 1;
	return n ? kim_strndup(path, n) : kim_strdup(".");
}

int
kim_merge_is_log(const char *path)
{
	return !kim_register_name(path);
}

/* Read the log at path (an empty file, git's base of none: no rows) */
static int
load_log(const char *path, struct kim_renumbered *l, struct kim_renumbered *to,
    struct kim_diag *d)
{
	struct stat st;

	memset(l, 0, sizeof *l);
	if (stat(path, &st) == 0 && st.st_size == 0)
		return 0;
	if (kim_renumbered_read(l, path, d) != 0)
		return -1;
	for (size_t i = 0; i < l->n; i++)
		kim_renumbered_add(to, l->r[i].date, l->r[i].old, l->r[i].new,
		    l->r[i].name);
	kim_renumbered_free(l);
	return 0;
}

int
kim_merge_logs(const char *ours, const char *theirs, FILE *out,
    struct kim_diag *d)
{
	struct kim_renumbered all = { 0 }, one;
	int bad = load_log(ours, &one, &all, d);

	bad |= load_log(theirs, &one, &all, d);
	if (!bad)
		kim_renumbered_write(out, &all);
	kim_renumbered_free(&all);
	return bad ? -1 : 0;
}

long
kim_merge_log(const char *dir, const struct kim_merge *m, const char *date,
    int *waiting, struct kim_diag *d)
{
	struct kim_renumbered log;
	struct kim_lock lock;
	char *path;
	long r;

	*waiting = 0;
	if (m->nrenum == 0)
		return 0;
	kim_lock(&lock, dir, KIM_LOCK_EXCLUSIVE, 10);
	if ((path = kim_git_private(dir, KIM_RENUMBERED_PENDING)))
		*waiting = 1;
	else
		path = kim_path(dir, KIM_RENUMBERED_FILE);
	r = kim_renumbered_read(&log, path, d);
	if (r == 0) {
		for (size_t i = 0; i < m->nrenum; i++)
			kim_renumbered_add(&log, date, m->renum[i].old,
			    m->renum[i].new, m->renum[i].name);
		if (kim_renumbered_save(path, &log) != 0)
			r = -1;
	}
	kim_renumbered_free(&log);
	kim_unlock(&lock);
	free(path);
	return r == 0 ? (long)m->nrenum : -1;
}

int
kim_merge_says_was(const char *notes, const char *old)
{
	size_t n = strlen(KIM_RENUMBERED_NOTE), k = strlen(old);

	for (const char *p = notes; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, KIM_RENUMBERED_NOTE, n) == 0 &&
		    strncmp(p + n, old, k) == 0 && (p[n + k] == '\n' ||
		    p[n + k] == '\0'))
			return 1;
	return 0;
}

long
kim_merge_log_fold(const char *dir, struct kim_renumbered *l,
    int (*was)(void *arg, const char *old, const char *name), void *arg,
    char **pending)
{
	struct kim_renumbered wait;
	char *path;
	long added = 0;

	memset(l, 0, sizeof *l);
	*pending = NULL;
	if (!(path = kim_git_private(dir, KIM_RENUMBERED_PENDING)))
		return 0;
	if (access(path, F_OK) != 0) {
		free(path);
		return 0;
	}
	*pending = path;
	if (kim_renumbered_read(&wait, path, NULL) != 0) {
		kim_warn("%s: not a good list of renumberings: left out",
		    path);
		kim_renumbered_free(&wait);
		return 0;
	}
	char *log = kim_path(dir, KIM_RENUMBERED_FILE);
	if (kim_renumbered_read(l, log, NULL) != 0) {
		kim_warn("%s: not a good log (kim-check says why): the "
		    "renumberings that wait in %s are not added", log, path);
		kim_renumbered_free(l);
		*pending = NULL;
		free(path);
	} else
		for (size_t i = 0; i < wait.n; i++) {
			if (was(arg, wait.r[i].old, wait.r[i].name)) {
				kim_renumbered_add(l, wait.r[i].date,
				    wait.r[i].old, wait.r[i].new, wait.r[i].name);
				added++;
			}
		}
	free(log);
	kim_renumbered_free(&wait);
	return added;
}
