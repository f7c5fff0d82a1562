/* kim_register: the register's files, loaded to be changed and written */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "kim_input.h"
#include "kim_register.h"

void
kim_register_open(struct kim_register *g, const char *dir,
    const struct kim_ctx *ctx, struct kim_diag *d)
{
	memset(g, 0, sizeof *g);
	g->dir = dir;
	g->ctx = ctx;
	g->d = d;
}

static int
hold(void *arg, struct kim_record *r)
{
	struct kim_regfile *f = arg;

	kim_register_put(f, r, NULL);
	return 0;
}

struct kim_regfile *
kim_register_file(struct kim_register *g, const char *region)
{
	char rel[64];
	struct kim_regfile *f;
	struct stat st;

	kim_record_file(region, rel, sizeof rel);
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->f[i]->rel, rel) == 0)
			return g->f[i];
	f = kim_calloc(1, sizeof *f);
	f->rel = kim_strdup(rel);
	f->path = kim_path(g->dir, rel);
	g->f = kim_reallocarray(g->f, g->n + 1, sizeof *g->f);
	g->f[g->n++] = f;
	if (stat(f->path, &st) != 0) {
		if (errno != ENOENT)
			kim_die(KIM_EXIT_IO, "%s: cannot read:", f->path);
		return f;	/* the first KIM of this kabupaten */
	}
	long r = kim_read_file(f->path, KIM_READ_REGISTER | KIM_READ_CHECK,
	    g->ctx, hold, f, g->d);
	if (r < 0)
		exit(KIM_EXIT_IO);
	g->problems += r;
	for (size_t i = 0; i < f->n; i++)
		f->r[i]->file = f->path;
	f->changed = 0;
	return f;
}

struct kim_record *
kim_register_find(struct kim_register *g, const char *id,
    struct kim_regfile **fp)
{
	const char *dash = strrchr(id, '-');
	char region[32];
	struct kim_regfile *f;

	if (!dash || (size_t)(dash - id) >= sizeof region)
		return NULL;
	snprintf(region, sizeof region, "%.*s", (int)(dash - id), id);
	if (kim_code_level(region) == KIM_LV_INVALID)
		return NULL;
	f = kim_register_file(g, region);
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->r[i]->f[KIM_F_ID], id) == 0) {
			if (fp)
				*fp = f;
			return f->r[i];
		}
	return NULL;
}

long
kim_register_next(const struct kim_regfile *f, const char *region)
{
	long max = 0;

	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->r[i]->f[KIM_F_REGION], region) == 0 &&
		    f->r[i]->seq > max)
			max = f->r[i]->seq;
	return max + 1;
}

struct kim_record *
kim_register_put(struct kim_regfile *f, const struct kim_record *r,
    struct kim_record *old)
{
	struct kim_record *c = kim_record_dup(r);

	c->seq = kim_id_seq(c->f[KIM_F_ID], c->f[KIM_F_REGION]);
	f->changed = 1;
	for (size_t i = 0; old && i < f->n; i++)
		if (f->r[i] == old) {
			kim_record_free(old);
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
		c = strcasecmp(x->f[KIM_F_NAME], y->f[KIM_F_NAME]);
	if (!c)
		c = x->seq < y->seq ? -1 : x->seq > y->seq;
	return c;
}

long
kim_register_check_names(struct kim_register *g)
{
	long problems = 0;

	for (size_t k = 0; k < g->n; k++) {
		struct kim_regfile *f = g->f[k];
		struct kim_record **v;
		size_t n = 0;

		if (!f->changed)
			continue;
		v = kim_calloc(f->n, sizeof *v);
		for (size_t i = 0; i < f->n; i++)
			if (strcmp(f->r[i]->f[KIM_F_STATUS], "bubar") != 0)
				v[n++] = f->r[i];
		qsort(v, n, sizeof *v, byname);
		for (size_t i = 1; i < n; i++) {
			struct kim_record *a = v[i - 1], *b = v[i];
			if (strcmp(a->f[KIM_F_REGION], b->f[KIM_F_REGION]) ||
			    !kim_name_eq(a->f[KIM_F_NAME], b->f[KIM_F_NAME]))
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
kim_register_write(struct kim_register *g, struct kim_txn *t)
{
	if (g->n > 1)	/* in the order of their names, every time */
		qsort(g->f, g->n, sizeof *g->f, byfile);
	for (size_t k = 0; k < g->n; k++) {
		struct kim_regfile *f = g->f[k];
		FILE *fp;

		if (!f->changed)
			continue;
		qsort(f->r, f->n, sizeof *f->r, byorder);
		fp = kim_txn_open(t, f->rel);
		fprintf(fp, "%s\n", kim_header);
		for (size_t i = 0; i < f->n; i++)
			kim_record_write(fp, f->r[i]);
	}
}

void
kim_register_close(struct kim_register *g)
{
	for (size_t k = 0; k < g->n; k++) {
		struct kim_regfile *f = g->f[k];
		for (size_t i = 0; i < f->n; i++)
			kim_record_free(f->r[i]);
		free(f->r);
		free(f->rel);
		free(f->path);
		free(f);
	}
	free(g->f);
	memset(g, 0, sizeof *g);
}
