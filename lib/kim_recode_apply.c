/*
 * kim_recode_apply: kim-register --recode MAP [--wilayah NEW]: the
 * register moved onto the amended region codes in one change
 */
#include <stdlib.h>
#include <string.h>

#include "kim_recode.h"
#include "kim_register.h"

/* A table of strings (region codes, keys of KIM) to a value, open hashing */
struct table {
	char **key;
	long *val;
	const char **id;	/* keys of KIM: the id that has it */
	size_t n, cap;
	struct kim_pool pool;
};

static size_t
table_slot(const struct table *t, const char *key, size_t len)
{
	size_t i = kim_hashn(key, len) & (t->cap - 1);

	while (t->key[i] && (strlen(t->key[i]) != len ||
	    memcmp(t->key[i], key, len) != 0))
		i = (i + 1) & (t->cap - 1);
	return i;
}

/* The slot of key (its first len bytes), made when add and not there */
static long
table_find(struct table *t, const char *key, size_t len, int add)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		struct table old = *t;
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->key = kim_calloc(t->cap, sizeof *t->key);
		t->val = kim_calloc(t->cap, sizeof *t->val);
		t->id = kim_calloc(t->cap, sizeof *t->id);
		for (size_t k = 0; k < old.cap; k++)
			if (old.key[k]) {
				i = table_slot(t, old.key[k], strlen(old.key[k]));
				t->key[i] = old.key[k];
				t->val[i] = old.val[k];
				t->id[i] = old.id[k];
			}
		free(old.key);
		free(old.val);
		free(old.id);
	}
	i = table_slot(t, key, len);
	if (!t->key[i] && add) {
		t->key[i] = kim_pool_alloc(&t->pool, len + 1);
		memcpy(t->key[i], key, len);
		t->key[i][len] = '\0';
		t->n++;
	}
	return t->key[i] ? (long)i : -1;
}

static void
table_free(struct table *t)
{
	free(t->key);
	free(t->val);
	free(t->id);
	kim_pool_free(&t->pool);
}

/* The highest number an id REGION-N (of len bytes) used in its region */
static void
note_id(struct table *seqs, const char *id, size_t len)
{
	char buf[64];
	size_t dash = len;
	long n, i;

	while (dash > 0 && id[dash - 1] != '-')
		dash--;
	if (dash < 2 || len >= sizeof buf)
		return;
	memcpy(buf, id, len);
	buf[len] = '\0';
	if ((n = kim_parse_count(buf + dash, 999999999L)) <= 0)
		return;
	buf[dash - 1] = '\0';
	i = table_find(seqs, buf, strlen(buf), 1);
	if (n > seqs->val[i])
		seqs->val[i] = n;
}

/* A record the mapping moves */
struct move {
	struct kim_held *h;
	char *region;			/* its new region */
	struct kim_recode_at at;	/* the line that moved it */
};

struct recoding {
	struct kim_register *g;
	const struct kim_wilayah *new;
	const char *new_path;		/* NULL: the folder's list stays */
	struct kim_recode *map;
	struct move *mv;
	size_t nmv, capmv;
	struct table seqs;		/* region -> highest number used */
	long problems;
};

/*
 * Every record: the numbers its ids used; where the mapping takes it (a
 * move, out of its file), or, staying, whether the new list has its region
 */
static void
collect(struct recoding *rc)
{
	struct kim_register *g = rc->g;
	struct kim_buf code = { 0 };
	struct kim_record r;

	kim_register_sort_files(g);
	for (size_t k = 0; k < g->n; k++) {
		struct kim_regfile *f = g->f[k];
		size_t kept = 0;
		for (size_t i = 0; i < f->n; i++) {
			struct kim_held *h = f->r[i];
			struct kim_recode_at at = { NULL, 0, 0 };
			const char *s, *e, *to;

			kim_held_view(h, &r);
			note_id(&rc->seqs, r.f[KIM_F_ID], strlen(r.f[KIM_F_ID]));
			for (s = r.f[KIM_F_FORMER_IDS]; *s; s = *e ? e + 1 : e) {
				if (!(e = strchr(s, ';')))
					e = s + strlen(s);
				note_id(&rc->seqs, s, (size_t)(e - s));
			}
			to = kim_recode_code_at(rc->map, r.f[KIM_F_REGION], &code,
			    &at);
			if (to && strcmp(to, r.f[KIM_F_REGION]) != 0) {
				if (!kim_wilayah_find(rc->new, to)) {
					rc->problems++;
					kim_diagf(g->d, at.path, at.line, at.col,
					    "new: the line moves %s (%s) to %s, "
					    "which %s does not have: give the "
					    "region a line of its own",
					    r.f[KIM_F_REGION], r.f[KIM_F_ID], to,
					    rc->new->path);
				}
				if (rc->nmv == rc->capmv) {
					rc->capmv = rc->capmv ? rc->capmv * 2 : 64;
					rc->mv = kim_reallocarray(rc->mv, rc->capmv,
					    sizeof *rc->mv);
				}
				rc->mv[rc->nmv].h = h;
				rc->mv[rc->nmv].region = kim_strdup(to);
				rc->mv[rc->nmv++].at = at;
				f->changed = 1;
				continue;
			}
			if (rc->new_path && !kim_wilayah_find(rc->new,
			    r.f[KIM_F_REGION])) {
				rc->problems++;
				kim_record_problem(g->d, &r, KIM_F_REGION, "%s is "
				    "not in %s, and the mapping does not move it "
				    "(kim-check --wilayah lists such regions)",
				    r.f[KIM_F_REGION], rc->new_path);
			}
			f->r[kept++] = h;
		}
		f->n = kept;
	}
	kim_buf_free(&code);
}

/*
 * Two KIM of one name (folded) in one region, not dissolved, after the
 * moves: the register tells KIM apart so.  Only the regions records move
 * into are looked at.
 */
static void
check_names(struct recoding *rc)
{
	struct kim_register *g = rc->g;
	struct table into = { 0 }, keys = { 0 };
	struct kim_buf k = { 0 };
	struct kim_record r;
	long slot;

	for (size_t i = 0; i < rc->nmv; i++)
		table_find(&into, rc->mv[i].region, strlen(rc->mv[i].region), 1);
	for (size_t f = 0; f < g->n && rc->nmv; f++)
		for (size_t i = 0; i < g->f[f]->n; i++) {
			kim_held_view(g->f[f]->r[i], &r);
			if (kim_status_index(r.f[KIM_F_STATUS]) == KIM_ST_BUBAR ||
			    table_find(&into, r.f[KIM_F_REGION],
			    strlen(r.f[KIM_F_REGION]), 0) < 0)
				continue;
			kim_buf_reset(&k);
			kim_record_key(&r, &k);
			slot = table_find(&keys, k.s, k.len, 1);
			keys.id[slot] = g->f[f]->r[i]->id;
		}
	for (size_t i = 0; i < rc->nmv; i++) {
		struct move *m = &rc->mv[i];
		kim_held_view(m->h, &r);
		if (kim_status_index(r.f[KIM_F_STATUS]) == KIM_ST_BUBAR)
			continue;
		r.f[KIM_F_REGION] = m->region;
		kim_buf_reset(&k);
		kim_record_key(&r, &k);
		if ((slot = table_find(&keys, k.s, k.len, 0)) >= 0) {
			rc->problems++;
			kim_diagf(g->d, m->at.path, m->at.line, m->at.col,
			    "new: %s '%s' would be a second KIM of that name "
			    "in %s, with %s", m->h->id, r.f[KIM_F_NAME],
			    m->region, keys.id[slot]);
			continue;
		}
		slot = table_find(&keys, k.s, k.len, 1);	/* it may grow */
		keys.id[slot] = m->h->id;
	}
	kim_buf_free(&k);
	table_free(&into);
	table_free(&keys);
}

/* Each move placed in its new region, with its new id; the message */
static void
place(struct recoding *rc, struct kim_change *c, struct kim_buf *msg)
{
	struct kim_register *g = rc->g;
	struct kim_buf former = { 0 };
	struct kim_record r;
	char id[KIM_ID_MAX];

	for (size_t i = 0; i < rc->nmv; i++) {
		struct move *m = &rc->mv[i];
		long slot = table_find(&rc->seqs, m->region, strlen(m->region), 1);
		kim_held_view(m->h, &r);
		snprintf(id, sizeof id, "%s-%ld", m->region, ++rc->seqs.val[slot]);
		kim_buf_reset(&former);
		kim_buf_addf(&former, "%s%s%s", r.f[KIM_F_FORMER_IDS],
		    *r.f[KIM_F_FORMER_IDS] ? ";" : "", r.f[KIM_F_ID]);
		kim_buf_addf(msg, "%s -> %s %s\n", r.f[KIM_F_ID], id,
		    r.f[KIM_F_NAME]);
		r.f[KIM_F_ID] = id;
		r.f[KIM_F_REGION] = m->region;
		r.f[KIM_F_FORMER_IDS] = former.s;
		r.f[KIM_F_UPDATED] = g->today;
		r.col[KIM_F_UPDATED] = 0;
		r.seq = rc->seqs.val[slot];
		kim_change_wrote(c, kim_register_place(g, &r, NULL, 0)->id);
	}
	kim_buf_free(&former);
}

void
kim_change_recode(struct kim_change *c, const char *mapping,
    const char *new_list)
{
	struct kim_register *g = c->reg;
	struct recoding rc = { .g = g, .new_path = new_list };
	struct kim_buf msg = { 0 };
	long r;

	rc.new = &g->ctx->w;
	if (new_list) {
		c->relisted = kim_calloc(1, sizeof *c->relisted);
		*c->relisted = *g->ctx;
		memset(&c->relisted->w, 0, sizeof c->relisted->w);
		if ((r = kim_wilayah_load(&c->relisted->w, new_list, g->d)) < 0)
			exit(KIM_EXIT_IO);
		if (r > 0)
			kim_change_refuse(r);
		rc.new = &c->relisted->w;
	}
	if ((r = kim_recode_load(&rc.map, mapping, &g->ctx->w, rc.new,
	    g->d)) < 0)
		exit(KIM_EXIT_IO);
	if (r > 0)
		kim_change_refuse(r);
	kim_register_load_all(g);
	if (g->problems > 0)
		kim_change_refuse(g->problems);
	collect(&rc);
	if (rc.problems == 0)
		check_names(&rc);
	if (rc.problems > 0)
		kim_change_refuse(rc.problems);
	if (c->relisted)
		kim_register_relist(g, c->relisted);
	kim_buf_addf(&msg, "recode %zu KIM by %s", rc.nmv, mapping);
	if (new_list)
		kim_buf_addf(&msg, "; %s from %s", KIM_WILAYAH_FILE, new_list);
	kim_buf_adds(&msg, "\n\n");
	place(&rc, c, &msg);
	c->message = kim_strdup(kim_buf_str(&msg));
	c->install = new_list;
	kim_buf_free(&msg);
	for (size_t i = 0; i < rc.nmv; i++)
		free(rc.mv[i].region);
	free(rc.mv);
	table_free(&rc.seqs);
	kim_recode_free(rc.map);
}
