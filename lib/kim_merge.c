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
	char **key;		/* which KIM each is: kim_record_key */
	char *taken;		/* matched to a KIM of the base or other side */
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
	s->key = kim_calloc(s->n ? s->n : 1, sizeof *s->key);
	s->taken = kim_calloc(s->n ? s->n : 1, 1);
	for (size_t i = 0; i < s->n; i++) {
		struct kim_buf k = { 0 };
		kim_record_key(s->r[i], &k);
		kim_buf_str(&k);
		s->key[i] = k.s;
	}
	return 0;
}

static void
unload(struct side *s)
{
	for (size_t i = 0; i < s->n; i++) {
		kim_record_free(s->r[i]);
		free(s->key[i]);
	}
	free(s->r);
	free(s->key);
	free(s->taken);
}

/* The index of the record of s with id, or -1 */
static long
at(const struct side *s, const char *id)
{
	struct kim_record key, *k = &key, **p;

	if (s->n == 0)
		return -1;	/* an empty version: bsearch takes no null array */
	key.f[KIM_F_ID] = (char *)id;
	p = bsearch(&k, s->r, s->n, sizeof *s->r, byid);
	return p ? p - s->r : -1;
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

/*
 * Where side s holds each KIM of the base b (an index of s, or -1), its
 * records taken: at the base's id when it is the same KIM there; else the
 * same KIM at another id, one the base has not first (the side renumbered
 * it: a move); else whatever is at the base's id (the side renamed it).
 */
static long *
follow(const struct side *b, struct side *s)
{
	long *w = kim_calloc(b->n ? b->n : 1, sizeof *w);

	for (size_t i = 0; i < b->n; i++) {
		long j = at(s, b->r[i]->f[KIM_F_ID]);
		w[i] = -1;
		if (j >= 0 && strcmp(s->key[j], b->key[i]) == 0) {
			w[i] = j;
			s->taken[j] = 1;
		}
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < b->n; i++)
			for (size_t j = 0; w[i] < 0 && j < s->n; j++)
				if (!s->taken[j] && !strcmp(s->key[j], b->key[i]) &&
				    (pass || at(b, s->r[j]->f[KIM_F_ID]) < 0)) {
					w[i] = (long)j;
					s->taken[j] = 1;
				}
	for (size_t i = 0; i < b->n; i++) {
		long j = w[i] < 0 ? at(s, b->r[i]->f[KIM_F_ID]) : -1;
		if (j >= 0 && !s->taken[j]) {
			w[i] = j;
			s->taken[j] = 1;
		}
	}
	return w;
}

/* One KIM as the three versions hold it (NULL: not in that version) */
struct one {
	const struct kim_record *o, *a, *t;
	struct kim_record *r;	/* merged (owned), at the id it asks for */
};

/* The KIM of the result */
struct result {
	struct one *k;
	size_t n;
};

static void
add(struct result *res, const struct kim_record *o,
    const struct kim_record *a, const struct kim_record *t)
{
	res->k = kim_reallocarray(res->k, res->n + 1, sizeof *res->k);
	res->k[res->n++] = (struct one){ o, a, t, NULL };
}

/* A record of a side not yet matched, by its key */
struct keyed {
	const char *key;
	size_t i;
};

static int
bykey(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c ? c : a->i < b->i ? -1 : a->i > b->i;
}

/* The records of s not yet matched, sorted by key; their number in *n */
static struct keyed *
untaken(const struct side *s, size_t *n)
{
	struct keyed *v = kim_calloc(s->n ? s->n : 1, sizeof *v);

	*n = 0;
	for (size_t i = 0; i < s->n; i++)
		if (!s->taken[i])
			v[(*n)++] = (struct keyed){ s->key[i], i };
	if (*n > 1)
		qsort(v, *n, sizeof *v, bykey);
	return v;
}

/* The index of the only record of v[0..n) under key, or -1 (none, several) */
static long
only(const struct keyed *v, size_t n, const char *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n || strcmp(v[lo].key, key) != 0 ||
	    (lo + 1 < n && strcmp(v[lo + 1].key, key) == 0))
		return -1;
	return (long)v[lo].i;
}

/*
 * The KIM new on one side or both: two new records are one KIM when they
 * are the same KIM (the only one of each side under its key, whatever
 * their ids: one office renumbered it, the other did not) or the same
 * record at one id.
 */
static void
pair_new(struct side *a, struct side *t, struct result *res)
{
	size_t na, nt;
	struct keyed *ka = untaken(a, &na), *kt = untaken(t, &nt);

	for (size_t i = 0; i < a->n; i++) {
		long j = -1;
		if (a->taken[i])
			continue;
		if (only(ka, na, a->key[i]) == (long)i)
			j = only(kt, nt, a->key[i]);
		if (j < 0 || t->taken[j]) {
			j = at(t, a->r[i]->f[KIM_F_ID]);
			if (j >= 0 && (t->taken[j] || !same(a->r[i], t->r[j])))
				j = -1;
		}
		a->taken[i] = 1;
		if (j >= 0)
			t->taken[j] = 1;
		add(res, NULL, a->r[i], j >= 0 ? t->r[j] : NULL);
	}
	for (size_t k = 0; k < t->n; k++)
		if (!t->taken[k])
			add(res, NULL, NULL, t->r[k]);
	free(ka);
	free(kt);
}

/* A value as a conflict shows it */
static void
shown(struct kim_buf *b, const char *v)
{
	kim_buf_adds(b, *v ? v : "\"\"");
}

/* --- notes, and the lines that say a KIM was renumbered ---------------- */

struct notes {
	struct kim_buf body;	/* the lines that are not a renumbering */
	char **was;		/* the renumbering lines */
	size_t nwas;
};

static void
notes_read(struct notes *n, const char *s)
{
	size_t k = strlen(KIM_RENUMBERED_NOTE);

	memset(n, 0, sizeof *n);
	kim_buf_str(&n->body);
	while (s && *s) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len > k && strncmp(s, KIM_RENUMBERED_NOTE, k) == 0) {
			int seen = 0;
			for (size_t i = 0; i < n->nwas; i++)
				seen |= strlen(n->was[i]) == len &&
				    !strncmp(n->was[i], s, len);
			if (!seen) {
				n->was = kim_reallocarray(n->was, n->nwas + 1,
				    sizeof *n->was);
				n->was[n->nwas++] = kim_strndup(s, len);
			}
		} else {
			if (n->body.len)
				kim_buf_addc(&n->body, '\n');
			kim_buf_add(&n->body, s, len);
		}
		s = e ? e + 1 : NULL;
	}
}

static void
notes_free(struct notes *n)
{
	for (size_t i = 0; i < n->nwas; i++)
		free(n->was[i]);
	free(n->was);
	kim_buf_free(&n->body);
}

int
kim_merge_notes_same(const char *a, const char *b)
{
	struct notes na, nb;
	int r;

	notes_read(&na, a);
	notes_read(&nb, b);
	r = strcmp(kim_buf_str(&na.body), kim_buf_str(&nb.body)) == 0;
	notes_free(&na);
	notes_free(&nb);
	return r;
}

/* Renumbering lines in the order of their ids (region, then number) */
static int
bywas(const void *x, const void *y)
{
	const char *a = *(char *const *)x, *b = *(char *const *)y;
	const char *da = strrchr(a, '-'), *db = strrchr(b, '-');
	int c = strncmp(a, b, (size_t)((da - a) < (db - b) ? da - a : db - b));

	if (c || da - a != db - b)
		return c ? c : (da - a) < (db - b) ? -1 : 1;
	long na = strtol(da + 1, NULL, 10), nb = strtol(db + 1, NULL, 10);
	return na != nb ? (na < nb ? -1 : 1) : strcmp(a, b);
}

/* The notes: the body, then each renumbering line once, in order */
static void
notes_write(struct notes *n, struct kim_buf *out)
{
	kim_buf_reset(out);
	kim_buf_adds(out, kim_buf_str(&n->body));
	if (n->nwas > 0)
		qsort(n->was, n->nwas, sizeof *n->was, bywas);
	for (size_t i = 0; i < n->nwas; i++) {
		if (out->len)
			kim_buf_addc(out, '\n');
		kim_buf_adds(out, n->was[i]);
	}
	kim_buf_str(out);
}

/*
 * Notes both sides changed: their bodies merged as one field (o: the
 * base's notes, or NULL), and every renumbering line of either.  Returns
 * 0, or -1 when both changed the body differently (a conflict).
 */
static int
notes_merge(const char *o, const char *a, const char *t, struct kim_buf *out)
{
	struct notes no, na, nt;
	const char *bo, *ba, *bt;
	int r = 0;

	notes_read(&no, o);
	notes_read(&na, a);
	notes_read(&nt, t);
	bo = kim_buf_str(&no.body);
	ba = kim_buf_str(&na.body);
	bt = kim_buf_str(&nt.body);
	if (strcmp(ba, bt) != 0 && o && strcmp(ba, bo) == 0) {
		kim_buf_reset(&na.body);
		kim_buf_adds(&na.body, bt);
	} else if (strcmp(ba, bt) != 0 && !(o && strcmp(bt, bo) == 0))
		r = -1;
	if (!r) {
		struct kim_buf all = { 0 };
		struct notes n;
		kim_buf_adds(&all, kim_buf_str(&na.body));
		for (size_t i = 0; i < na.nwas + nt.nwas; i++) {
			if (all.len)
				kim_buf_addc(&all, '\n');
			kim_buf_adds(&all, i < na.nwas ? na.was[i] :
			    nt.was[i - na.nwas]);
		}
		notes_read(&n, kim_buf_str(&all));	/* each line once */
		notes_write(&n, out);
		notes_free(&n);
		kim_buf_free(&all);
	}
	notes_free(&no);
	notes_free(&na);
	notes_free(&nt);
	return r;
}

/* r, its notes saying on a line that it was old (r replaced, and new) */
static struct kim_record *
noted(struct kim_record *r, const char *old)
{
	struct kim_buf all = { 0 }, out = { 0 };
	struct kim_record x = *r, *c;
	struct notes n;

	kim_buf_adds(&all, r->f[KIM_F_NOTES]);
	if (all.len)
		kim_buf_addc(&all, '\n');
	kim_buf_addf(&all, KIM_RENUMBERED_NOTE "%s", old);
	notes_read(&n, kim_buf_str(&all));	/* each line once */
	notes_write(&n, &out);
	x.f[KIM_F_NOTES] = out.s;
	c = kim_record_dup(&x);
	notes_free(&n);
	kim_buf_free(&all);
	kim_buf_free(&out);
	kim_record_free(r);
	return c;
}

/* r at id (r replaced, and new) */
static struct kim_record *
moved(struct kim_record *r, const char *id)
{
	struct kim_record x = *r, *c;

	x.f[KIM_F_ID] = (char *)id;
	x.seq = kim_id_seq(id, r->f[KIM_F_REGION]);
	c = kim_record_dup(&x);
	kim_record_free(r);
	return c;
}

/*
 * ours and theirs changed the KIM with base o (NULL: new on both), field
 * by field; the id is left to the caller (ours's).
 */
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
		if (i == KIM_F_ID || strcmp(va, vt) == 0)
			;	/* the same on both sides */
		else if (o && strcmp(va, o->f[i]) == 0)
			v = vt;
		else if (o && strcmp(vt, o->f[i]) == 0)
			;	/* changed on our side only */
		else if (i == KIM_F_UPDATED || i == KIM_F_VERIFIED)
			v = strcmp(va, vt) > 0 ? va : vt;	/* the later day */
		else if (i == KIM_F_NOTES && notes_merge(o ? o->f[i] : NULL,
		    va, vt, &b) == 0)
			v = kim_buf_str(&b);
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
	c = kim_record_dup(&r);
	kim_recbuf_free(&rb);
	kim_buf_free(&b);
	return c;
}

/* Note that the KIM now called r took id new instead of old. */
static void
said(struct kim_merge *m, const char *old, const char *new, const char *name,
    int why)
{
	struct kim_renumbering *x;

	m->renum = kim_reallocarray(m->renum, m->nrenum + 1, sizeof *m->renum);
	x = &m->renum[m->nrenum++];
	x->old = kim_strdup(old);
	x->new = kim_strdup(new);
	x->name = kim_strdup(name);
	x->why = why;
}

/*
 * The id the KIM k asks for: where both sides hold it, or where one moved
 * it; of two sides that moved it (or added it) at two ids, the side whose
 * notes say it was at the other's id, else the lower id: the other id is
 * renumbered (*other).
 */
static const struct kim_record *
asks(const struct one *k, const struct kim_record **other)
{
	const struct kim_record *a = k->a, *t = k->t;

	*other = NULL;
	if (!a || !t)
		return a ? a : t ? t : k->o;
	if (!strcmp(a->f[KIM_F_ID], t->f[KIM_F_ID]))
		return a;
	if (k->o && !strcmp(a->f[KIM_F_ID], k->o->f[KIM_F_ID]))
		return t;	/* theirs moved it */
	if (k->o && !strcmp(t->f[KIM_F_ID], k->o->f[KIM_F_ID]))
		return a;
	if (kim_merge_says_was(a->f[KIM_F_NOTES], t->f[KIM_F_ID]))
		return a;
	if (kim_merge_says_was(t->f[KIM_F_NOTES], a->f[KIM_F_ID]))
		return t;
	*other = kim_record_cmp(a, t) <= 0 ? t : a;
	return *other == t ? a : t;
}

/* Each KIM's record, at the id it asks for */
static void
merge_each(struct result *res, struct kim_merge *m)
{
	for (size_t i = 0; i < res->n; i++) {
		struct one *k = &res->k[i];
		const struct kim_record *other, *id = asks(k, &other);
		if (k->a && k->t)
			k->r = moved(fieldwise(k->o, k->a, k->t, m),
			    id->f[KIM_F_ID]);
		else
			k->r = kim_record_dup(k->a ? k->a : k->t ? k->t : k->o);
		if (other) {
			k->r = noted(k->r, other->f[KIM_F_ID]);
			said(m, other->f[KIM_F_ID], k->r->f[KIM_F_ID],
			    k->r->f[KIM_F_NAME], KIM_RENUMBERED_TWICE);
		}
	}
}

/* The order in which KIM keep an id they ask for: by id; then a KIM of
 * the base before a new one, then by content (first) */
static int
bywant(const void *x, const void *y)
{
	const struct one *a = x, *b = y;
	int c = strcmp(a->r->f[KIM_F_ID], b->r->f[KIM_F_ID]);

	if (c)
		return c;
	if (!a->o != !b->o)
		return a->o ? -1 : 1;
	return first(a->r, b->r) ? (first(b->r, a->r) ? 0 : -1) : 1;
}

/* The highest number of region among the ids of the versions and result */
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
		if (strcmp(res->k[i].r->f[KIM_F_REGION], region) == 0 &&
		    res->k[i].r->seq > max)
			max = res->k[i].r->seq;
	return max;
}

/*
 * Of the KIM that ask for one id, the first keeps it; each other takes the
 * next free number of its region, in the order of bywant.
 */
static void
renumber(struct result *res, const struct side *v, size_t nv,
    struct kim_merge *m)
{
	size_t nlose = 0, *lose = kim_calloc(res->n ? res->n : 1, sizeof *lose);

	if (res->n > 0)
		qsort(res->k, res->n, sizeof *res->k, bywant);
	for (size_t i = 1; i < res->n; i++)
		if (!strcmp(res->k[i].r->f[KIM_F_ID], res->k[i - 1].r->f[KIM_F_ID]) ||
		    (nlose && !strcmp(res->k[i].r->f[KIM_F_ID],
		    res->k[lose[nlose - 1]].r->f[KIM_F_ID])))
			lose[nlose++] = i;
	for (size_t i = 0; i < nlose; i++) {
		struct one *k = &res->k[lose[i]];
		struct kim_buf id = { 0 };
		char *old = kim_strdup(k->r->f[KIM_F_ID]);
		kim_buf_addf(&id, "%s-%ld", k->r->f[KIM_F_REGION],
		    highest(v, nv, res, k->r->f[KIM_F_REGION]) + 1);
		k->r = noted(moved(k->r, kim_buf_str(&id)), old);
		said(m, old, id.s, k->r->f[KIM_F_NAME], KIM_RENUMBERED_NEW);
		kim_buf_free(&id);
		free(old);
	}
	free(lose);
}

static int
byorder(const void *a, const void *b)
{
	return kim_record_cmp(((const struct one *)a)->r,
	    ((const struct one *)b)->r);
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
	if (!bad) {
		long *wa = follow(&v[0], &v[1]), *wt = follow(&v[0], &v[2]);
		/* a KIM of the base is kept, even where both removed it */
		for (size_t i = 0; i < v[0].n; i++)
			add(&res, v[0].r[i], wa[i] >= 0 ? v[1].r[wa[i]] : NULL,
			    wt[i] >= 0 ? v[2].r[wt[i]] : NULL);
		free(wa);
		free(wt);
		pair_new(&v[1], &v[2], &res);
		merge_each(&res, m);
		renumber(&res, v, 3, m);
		if (res.n > 0)
			qsort(res.k, res.n, sizeof *res.k, byorder);
		int kept = 0;
		for (size_t i = 0; i < res.n; i++)
			kept |= kim_record_kept(res.k[i].r);
		fprintf(out, "%s\n", kim_header_for(kept));
		for (size_t i = 0; i < res.n; i++)
			kim_record_write(out, res.k[i].r, kept);
	}
	for (size_t i = 0; i < res.n; i++)
		kim_record_free(res.k[i].r);
	free(res.k);
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
