/* kim_recode: the register moved onto a new region list */
#include <stdlib.h>
#include <string.h>

#include "kim_places.h"
#include "kim_recode.h"

const struct kim_col kim_gone_cols[] = {
	{ "old", KIM_T_TEXT }, { "new", KIM_T_TEXT },
	{ "level", KIM_T_TEXT }, { "name", KIM_T_TEXT },
	{ "candidates", KIM_T_LIST }, { "kim", KIM_T_LIST }
};
const size_t kim_gone_ncols = sizeof kim_gone_cols / sizeof *kim_gone_cols;

/* a name of the new list: its depth, its folded text, its region */
struct named {
	int depth;
	union {
		size_t off;	/* while the arena grows */
		const char *s;	/* once it is whole */
	} key;
	long region;
};

struct kim_gone {
	const struct kim_wilayah *old, *new;
	struct kim_out *out;
	struct named *names;	/* every region of new, sorted */
	size_t nnames;
	struct kim_buf arena;	/* their folded names */
	struct kim_buf region;	/* the region of the records held */
	struct kim_buf ids;	/* their ids, ';'-separated */
	struct kim_buf fold;
	long rows;
};

static int
named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = (x->depth > y->depth) - (x->depth < y->depth);

	if (!c)
		c = strcmp(x->key.s, y->key.s);
	return c ? c : (x->region > y->region) - (x->region < y->region);
}

/* new's regions by depth and folded name (kim_place_fold), sorted once */
static void
index_names(struct kim_gone *g)
{
	const struct kim_wilayah *w = g->new;

	g->names = kim_calloc(w->n ? w->n : 1, sizeof *g->names);
	for (size_t i = 0; i < w->n; i++) {
		struct named *e = &g->names[g->nnames++];
		kim_place_fold(w->r[i].name, &g->fold);
		e->depth = kim_level_depth(w->r[i].level);
		e->key.off = g->arena.len;
		e->region = (long)i;
		kim_buf_add(&g->arena, g->fold.s, g->fold.len + 1);
	}
	for (size_t i = 0; i < g->nnames; i++)
		g->names[i].key.s = g->arena.s + g->names[i].key.off;
	qsort(g->names, g->nnames, sizeof *g->names, named_cmp);
}

struct kim_gone *
kim_gone_new(const struct kim_wilayah *old, const struct kim_wilayah *new,
    struct kim_out *out)
{
	struct kim_gone *g = kim_calloc(1, sizeof *g);

	g->old = old;
	g->new = new;
	g->out = out;
	index_names(g);
	return g;
}

/*
 * The regions of new at the depth of r named as r is: "CODE NAME; ..." in
 * list, and the code that is likely r's new one in likely: the only one,
 * or the only one that old does not have (a new code); else "".
 */
static void
candidates(struct kim_gone *g, const struct kim_region *r,
    struct kim_buf *list, struct kim_buf *likely)
{
	struct named key;
	size_t a = 0, b = g->nnames, n = 0, fresh = 0;
	const struct kim_region *one = NULL, *one_fresh = NULL;

	kim_place_fold(r->name, &g->fold);
	key.depth = kim_level_depth(r->level);
	key.key.s = g->fold.s;
	key.region = -1;
	while (a < b) {		/* the first of them */
		size_t m = a + (b - a) / 2;
		if (named_cmp(&g->names[m], &key) < 0)
			a = m + 1;
		else
			b = m;
	}
	for (; a < g->nnames && g->names[a].depth == key.depth &&
	    strcmp(g->names[a].key.s, key.key.s) == 0; a++) {
		const struct kim_region *c = &g->new->r[g->names[a].region];
		if (n++)
			kim_buf_adds(list, ";");
		kim_buf_addf(list, "%s %s", c->code, c->name);
		one = c;
		if (!kim_wilayah_find(g->old, c->code)) {
			fresh++;
			one_fresh = c;
		}
	}
	if (n == 1)
		kim_buf_adds(likely, one->code);
	else if (fresh == 1)
		kim_buf_adds(likely, one_fresh->code);
}

/* the row of the records held, if any */
static void
flush(struct kim_gone *g)
{
	struct kim_buf list = { 0 }, likely = { 0 };
	const char *code = kim_buf_str(&g->region);
	const struct kim_region *r;
	const char *level;

	if (!g->region.len)
		return;
	if ((r = kim_wilayah_find(g->old, code))) {
		candidates(g, r, &list, &likely);
		level = kim_level_name(r->level);
	} else
		level = kim_code_level(code) == KIM_LV_INVALID ? "" :
		    kim_level_name(kim_code_level(code));
	const char *vals[] = { code, kim_buf_str(&likely), level,
	    r ? r->name : "", kim_buf_str(&list), kim_buf_str(&g->ids) };
	kim_out_row(g->out, vals);
	g->rows++;
	kim_buf_reset(&g->region);
	kim_buf_reset(&g->ids);
	kim_buf_free(&list);
	kim_buf_free(&likely);
}

int
kim_gone_record(void *arg, struct kim_record *rec)
{
	struct kim_gone *g = arg;
	const char *code = rec->f[KIM_F_REGION];

	if (kim_wilayah_find(g->new, code))
		return 0;
	if (strcmp(kim_buf_str(&g->region), code) != 0) {
		flush(g);
		kim_buf_adds(&g->region, code);
	} else
		kim_buf_addc(&g->ids, ';');
	kim_buf_adds(&g->ids, rec->f[KIM_F_ID]);
	return 0;
}

long
kim_gone_end(struct kim_gone *g)
{
	long rows;

	flush(g);
	rows = g->rows;
	free(g->names);
	kim_buf_free(&g->arena);
	kim_buf_free(&g->region);
	kim_buf_free(&g->ids);
	kim_buf_free(&g->fold);
	free(g);
	return rows;
}
