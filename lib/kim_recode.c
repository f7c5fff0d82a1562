/* kim_recode: the register moved onto a new region list */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim_csv.h"
#include "kim_file.h"
#include "kim_places.h"
#include "kim_recode.h"

/* a line of a mapping: where it is, and the region it maps onto */
struct line {
	long line;
	long to;		/* index in the new list */
};

struct kim_recode {
	const struct kim_wilayah *old, *new;
	long *of;		/* for each old region: its line, or -1 */
	struct line *l;
	size_t n;
	long newcol;		/* the column new, 1-based */
	char *path;		/* as messages name it */
};

struct reading {
	struct kim_recode *m;
	struct kim_diag *d;
	const char *name;
	long col[2];		/* old, new: their columns, or -1 */
	int header;
	long problems;
};

static void
problem(struct reading *rd, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(struct reading *rd, long line, long col, const char *fmt, ...)
{
	va_list ap;

	rd->problems++;
	va_start(ap, fmt);
	kim_vdiagf(rd->d, rd->name, line, col, fmt, ap);
	va_end(ap);
}

static int
on_header(struct reading *rd, const struct kim_csv_row *row)
{
	static const char *const names[] = { "old", "new" };

	rd->header = 1;
	rd->col[0] = rd->col[1] = -1;
	for (size_t i = 0; i < row->n; i++)
		for (int k = 0; k < 2; k++)
			if (strcmp(row->f[i], names[k]) == 0) {
				if (rd->col[k] >= 0) {
					problem(rd, row->line, (long)i + 1,
					    "repeated column '%s'", names[k]);
					return 1;
				}
				rd->col[k] = (long)i;
			}
	for (int k = 0; k < 2; k++)
		if (rd->col[k] < 0) {
			problem(rd, row->line, 0, "the header has no column "
			    "'%s' (a mapping has the columns old and new)",
			    names[k]);
			return 1;
		}
	return 0;
}

/* the region of list w that value v of column k names, or NULL */
static const struct kim_region *
region(struct reading *rd, const struct kim_csv_row *row, int k,
    const struct kim_wilayah *w)
{
	const char *v = row->f[rd->col[k]], *what = k ? "new" : "old";
	long col = rd->col[k] + 1;
	const struct kim_region *r;

	if (!*v && k == 1)
		problem(rd, row->line, col, "new: empty: give the new code "
		    "of %s, or leave the line out", row->f[rd->col[0]]);
	else if (kim_code_level(v) == KIM_LV_INVALID)
		problem(rd, row->line, col, "%s: '%s' is not a region code "
		    "(expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)", what, v);
	else if (!(r = kim_wilayah_find(w, v)))
		problem(rd, row->line, col, "%s: %s is not in %s", what, v,
		    w->path);
	else
		return r;
	return NULL;
}

static int
on_row(void *arg, const struct kim_csv_row *row)
{
	struct reading *rd = arg;
	struct kim_recode *m = rd->m;
	const struct kim_region *from, *to;
	long i;

	if (row->index == 0)
		return on_header(rd, row);
	from = region(rd, row, 0, m->old);
	to = region(rd, row, 1, m->new);
	if (!from || !to)
		return 0;
	i = from - m->old->r;
	if (m->of[i] >= 0) {
		problem(rd, row->line, rd->col[0] + 1, "old: %s is also on "
		    "line %ld", from->code, m->l[m->of[i]].line);
		return 0;
	}
	if (kim_level_depth(from->level) != kim_level_depth(to->level)) {
		problem(rd, row->line, rd->col[1] + 1, "new: %s is a %s, %s "
		    "a %s: a line maps a region onto one of its depth",
		    to->code, kim_level_name(to->level), from->code,
		    kim_level_name(from->level));
		return 0;
	}
	m->l = kim_reallocarray(m->l, m->n + 1, sizeof *m->l);
	m->l[m->n].line = row->line;
	m->l[m->n].to = to - m->new->r;
	m->newcol = rd->col[1] + 1;
	m->of[i] = (long)m->n++;
	return 0;
}

long
kim_recode_load(struct kim_recode **map, const char *path,
    const struct kim_wilayah *old, const struct kim_wilayah *new,
    struct kim_diag *d)
{
	struct kim_recode *m = kim_calloc(1, sizeof *m);
	struct reading rd = { .m = m, .d = d, .name = path };
	int fd;
	long r;

	m->old = old;
	m->new = new;
	m->path = kim_strdup(path);
	m->of = kim_malloc((old->n ? old->n : 1) * sizeof *m->of);
	for (size_t i = 0; i < old->n; i++)
		m->of[i] = -1;
	*map = m;
	if ((fd = kim_open_read(path, 0, d)) < 0)
		return fd == -2 ? 1 : -1;
	r = kim_csv_read(fd, NULL, 0, path, on_row, &rd, d);
	close(fd);
	if (r < 0)
		return -1;
	if (!rd.header && r == 0)
		problem(&rd, 0, 0, "empty file (expected a header old,new)");
	return r + rd.problems;
}

const char *
kim_recode_code(const struct kim_recode *m, const char *code,
    struct kim_buf *out)
{
	return kim_recode_code_at(m, code, out, NULL);
}

const char *
kim_recode_code_at(const struct kim_recode *m, const char *code,
    struct kim_buf *out, struct kim_recode_at *at)
{
	int depth = kim_level_depth(kim_code_level(code));

	/* the most specific line: the region's own, then its ancestors' */
	for (; depth >= 1; depth--) {
		size_t len = kim_code_prefix_len(code, depth);
		const struct kim_region *r;
		kim_buf_reset(out);
		kim_buf_add(out, code, len);
		if ((r = kim_wilayah_find(m->old, kim_buf_str(out))) &&
		    m->of[r - m->old->r] >= 0) {
			const struct line *l = &m->l[m->of[r - m->old->r]];
			if (at) {
				at->path = m->path;
				at->line = l->line;
				at->col = m->newcol;
			}
			kim_buf_reset(out);
			kim_buf_adds(out, m->new->r[l->to].code);
			kim_buf_adds(out, code + len);
			return kim_buf_str(out);
		}
	}
	return NULL;
}

void
kim_recode_free(struct kim_recode *m)
{
	if (!m)
		return;
	free(m->of);
	free(m->l);
	free(m->path);
	free(m);
}

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
	const struct kim_recode *map;
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
    const struct kim_recode *map, struct kim_out *out)
{
	struct kim_gone *g = kim_calloc(1, sizeof *g);

	g->old = old;
	g->new = new;
	g->map = map;
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
	if (g->map && kim_recode_code(g->map, code, &g->fold) &&
	    kim_wilayah_find(g->new, kim_buf_str(&g->fold)))
		return 0;	/* moved by the mapping */
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
