/* kim_origin: the commit that made a change a merge brought */
#include <stdlib.h>
#include <string.h>

#include "kim_merge.h"
#include "kim_origin.h"
#include "kim_util.h"

/* One commit the merge brought (or the merge), read when first reached */
struct node {
	int read;
	struct kim_git_rev rev;
	kim_git_id *parent;
	size_t np;
	unsigned long file;	/* the file (o->file) whose blob is known: */
	int has;		/* whether the commit has it, */
	kim_git_id oid;		/* and which */
};

/* A blob's records, by id; and whether they matched the question */
struct parsed {
	kim_git_id oid;
	struct kim_record **r;
	size_t n;
	unsigned long asked;	/* the question answered in matched */
	int matched;
};

struct kim_origin {
	struct kim_git *g;
	const struct kim_ctx *ctx;
	struct node merge;
	kim_git_id *brought;	/* sorted */
	struct node *nodes;	/* nodes[i] is brought[i] */
	size_t n;
	struct parsed *blobs;	/* sorted by oid */
	size_t nblobs;
	struct kim_record **held;
	size_t nheld;
	struct kim_buf buf;
	struct kim_diag quiet;
	/* the question: record id of file name, from was to now */
	unsigned long asked;
	char *name;
	unsigned long file;	/* a number for name, 1 and up */
	const char *id;
	const struct kim_record *was, *now;
	struct kim_buf key;	/* now's kim_record_key, for a new KIM */
};

static void
drop(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	(void)d; (void)file; (void)line; (void)col; (void)msg;
}

static int
cmp_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int
cmp_record(const void *a, const void *b)
{
	return strcmp((*(struct kim_record *const *)a)->f[KIM_F_ID],
	    (*(struct kim_record *const *)b)->f[KIM_F_ID]);
}

struct kim_origin *
kim_origin_new(struct kim_git *g, const struct kim_ctx *ctx,
    const char *merge)
{
	struct kim_origin *o = kim_calloc(1, sizeof *o);

	o->g = g;
	o->ctx = ctx;
	o->quiet.report = drop;
	kim_git_commit(g, merge, &o->merge.rev, &o->merge.parent,
	    &o->merge.np);
	o->merge.read = 1;
	o->brought = kim_git_brought(g, merge, &o->n);
	o->nodes = kim_calloc(o->n ? o->n : 1, sizeof *o->nodes);
	return o;
}

/* The commit id among those the merge brought, read; NULL if not one */
static struct node *
brought(struct kim_origin *o, const char *id)
{
	kim_git_id *at = o->n ? bsearch(id, o->brought, o->n,
	    sizeof *o->brought, cmp_id) : NULL;
	struct node *c;

	if (!at)
		return NULL;
	c = &o->nodes[at - o->brought];
	if (!c->read) {
		kim_git_commit(o->g, *at, &c->rev, &c->parent, &c->np);
		c->read = 1;
	}
	return c;
}

static int
hold(void *arg, struct kim_record *k)
{
	struct kim_origin *o = arg;

	o->held = kim_reallocarray(o->held, o->nheld + 1, sizeof *o->held);
	o->held[o->nheld++] = kim_record_dup(k);
	return 0;
}

/* The records of blob oid, read once */
static struct parsed *
parsed(struct kim_origin *o, const char *oid)
{
	struct parsed key, *p;
	size_t at;

	p = o->nblobs ? bsearch(oid, o->blobs, o->nblobs, sizeof *o->blobs,
	    cmp_id) : NULL;
	if (p)
		return p;
	memset(&key, 0, sizeof key);
	snprintf(key.oid, sizeof key.oid, "%s", oid);
	kim_git_blob(o->g, oid, &o->buf);
	o->held = NULL;
	o->nheld = 0;
	kim_read_buf(o->name, o->buf.s ? o->buf.s : "", o->buf.len,
	    KIM_READ_REGISTER, o->ctx, hold, o, &o->quiet);
	if (o->nheld > 1)
		qsort(o->held, o->nheld, sizeof *o->held, cmp_record);
	key.r = o->held;
	key.n = o->nheld;
	o->blobs = kim_reallocarray(o->blobs, o->nblobs + 1,
	    sizeof *o->blobs);
	for (at = o->nblobs; at > 0 && strcmp(o->blobs[at - 1].oid, oid) > 0;
	    at--)
		o->blobs[at] = o->blobs[at - 1];
	o->blobs[at] = key;
	o->nblobs++;
	return &o->blobs[at];
}

/*
 * Has the record, as it is in this version, the values asked for?  A new
 * KIM is the same KIM at any id, and a merge's renumbering lines in its
 * notes aside: the commit that registered it is the one asked for.
 */
static int
answer(const struct kim_origin *o, const struct kim_record *k)
{
	if (!o->now || !k)
		return !o->now && !k;
	for (int f = 0; f < KIM_NFIELDS; f++) {
		if (!o->was && f == KIM_F_ID)
			continue;
		if (!o->was && f == KIM_F_NOTES) {
			if (!kim_merge_notes_same(k->f[f], o->now->f[f]))
				return 0;
			continue;
		}
		if ((!o->was || strcmp(o->was->f[f], o->now->f[f]) != 0) &&
		    strcmp(k->f[f], o->now->f[f]) != 0)
			return 0;
	}
	return 1;
}

/* The record of p that is the new KIM asked for, by its key */
static struct kim_record *
by_key(struct kim_origin *o, const struct parsed *p)
{
	struct kim_buf k = { 0 };
	struct kim_record *r = NULL;

	for (size_t i = 0; !r && i < p->n; i++) {
		kim_buf_reset(&k);
		kim_record_key(p->r[i], &k);
		if (strcmp(kim_buf_str(&k), kim_buf_str(&o->key)) == 0)
			r = p->r[i];
	}
	kim_buf_free(&k);
	return r;
}

/* Does the file in the commit whose blob is oid (NULL: none) match? */
static int
matches(struct kim_origin *o, const char *oid)
{
	struct parsed *p;
	struct kim_record key, *kp = &key, **k;

	if (!oid)
		return answer(o, NULL);
	p = parsed(o, oid);
	if (p->asked != o->asked) {
		key.f[KIM_F_ID] = (char *)o->id;
		k = p->n ? bsearch(&kp, p->r, p->n, sizeof *p->r,
		    cmp_record) : NULL;
		p->matched = answer(o, k ? *k : NULL) ||
		    (!o->was && o->now && answer(o, by_key(o, p)));
		p->asked = o->asked;
	}
	return p->matched;
}

/* Does commit c (the merge or one it brought) match? */
static int
node_matches(struct kim_origin *o, struct node *c)
{
	if (c->file != o->file) {
		c->has = kim_git_file_at(o->g, c->rev.id, o->name, c->oid);
		c->file = o->file;
	}
	return matches(o, c->has ? c->oid : NULL);
}

/* Does commit id, on the first parent's line, match? */
static int
outside_matches(struct kim_origin *o, const char *id)
{
	kim_git_id oid;

	return matches(o, kim_git_file_at(o->g, id, o->name, oid) ? oid :
	    NULL);
}

const struct kim_git_rev *
kim_origin_of(struct kim_origin *o, const char *name, const char *id,
    const struct kim_record *was, const struct kim_record *now)
{
	struct node *c = &o->merge, *next;

	o->asked++;
	if (!o->name || strcmp(o->name, name) != 0) {
		free(o->name);
		o->name = kim_strdup(name);
		o->file++;
	}
	o->id = id;
	o->was = was;
	o->now = now;
	kim_buf_reset(&o->key);
	if (now)
		kim_record_key(now, &o->key);
	for (;;) {
		int outside = 0;
		next = NULL;
		for (size_t i = 0; !next && i < c->np; i++) {
			struct node *p = brought(o, c->parent[i]);
			if (p && node_matches(o, p))
				next = p;
			else if (!p && c != &o->merge &&
			    outside_matches(o, c->parent[i]))
				outside = 1;
		}
		if (next)
			c = next;
		else
			return outside ? &o->merge.rev : &c->rev;
	}
}

void
kim_origin_free(struct kim_origin *o)
{
	if (!o)
		return;
	free(o->merge.rev.author);
	free(o->merge.parent);
	for (size_t i = 0; i < o->n; i++)
		if (o->nodes[i].read) {
			free(o->nodes[i].rev.author);
			free(o->nodes[i].parent);
		}
	for (size_t i = 0; i < o->nblobs; i++) {
		for (size_t j = 0; j < o->blobs[i].n; j++)
			kim_record_free(o->blobs[i].r[j]);
		free(o->blobs[i].r);
	}
	free(o->nodes);
	free(o->brought);
	free(o->blobs);
	kim_buf_free(&o->buf);
	kim_buf_free(&o->key);
	free(o->name);
	free(o);
}
