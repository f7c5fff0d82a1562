/* kim_select: choosing records (filters) and the columns to print */
#include <stdlib.h>
#include <string.h>

#include "kim_actsum.h"
#include "kim_select.h"

void
kim_filter_init(struct kim_filter *f)
{
	memset(f, 0, sizeof *f);
	f->any_status = 1;
	f->stale = -1;
	f->dormant = -1;
	f->evidence = -1;
}

void
kim_filter_region(struct kim_filter *f, const char *code)
{
	f->regions = kim_reallocarray(f->regions, f->nregions + 1,
	    sizeof *f->regions);
	f->regions[f->nregions++] = code;
}

int
kim_filter_status(struct kim_filter *f, const char *list, const char **bad)
{
	static char word[64];
	const char *s = list, *e;

	f->any_status = 0;
	do {
		e = strchr(s, ',');
		if (!e)
			e = s + strlen(s);
		snprintf(word, sizeof word, "%.*s", (int)(e - s), s);
		int i = kim_status_index(word);
		if (i < 0) {
			*bad = word;
			return -1;
		}
		f->status[i] = 1;
		s = e + 1;
	} while (*e);
	return 0;
}

static void *
count_make(void *arg)
{
	struct kim_count *c = kim_malloc(sizeof *c);

	*c = *(struct kim_count *)arg;
	c->n = 0;
	return c;
}

static int
count_add(void *arg, struct kim_record *r)
{
	struct kim_count *c = arg;

	c->n += kim_filter_match(c->filter, r, c->ctx);
	return 0;
}

static void
count_merge(void *arg, void *part)
{
	((struct kim_count *)arg)->n += ((struct kim_count *)part)->n;
	free(part);
}

const struct kim_parts kim_count_parts = { count_make, count_add, count_merge };

void
kim_filter_free(struct kim_filter *f)
{
	free(f->regions);
	free(f->sectors);
	free(f->ids);
}

int
kim_has_tag(const char *list, const char *tag)
{
	size_t n = strlen(tag);

	for (const char *s = list; *s; ) {
		const char *e = strchr(s, ';');
		if (!e)
			e = s + strlen(s);
		if ((size_t)(e - s) == n && memcmp(s, tag, n) == 0)
			return 1;
		s = *e ? e + 1 : e;
	}
	return 0;
}

int
kim_is_dormant(const struct kim_record *r, long days,
    const struct kim_ctx *ctx)
{
	long last, recent;

	if (kim_status_index(r->f[KIM_F_STATUS]) != KIM_ST_AKTIF)
		return 0;
	kim_record_activity(r, ctx, &last, &recent);
	return last == KIM_ACTSUM_NONE ||
	    last <= kim_date_days(&ctx->as_of) - days;
}

int
kim_has_evidence(const struct kim_record *r, long days,
    const struct kim_ctx *ctx)
{
	long last, recent;

	kim_record_activity(r, ctx, &last, &recent);
	return last != KIM_ACTSUM_NONE &&
	    last > kim_date_days(&ctx->as_of) - days;
}

int
kim_is_stale(const struct kim_record *r, long months,
    const struct kim_date *as_of)
{
	struct kim_date v;

	if (kim_date_parse(r->f[KIM_F_VERIFIED], &v) == 0)
		return kim_date_months(&v, as_of) >= months;
	/* never verified: stale once it has been in the register that long
	   (a record without the date: formed that long ago) */
	if (kim_date_parse(r->f[KIM_F_REGISTERED], &v) != 0 &&
	    kim_date_parse(r->f[KIM_F_FORMED], &v) != 0)
		return 1;
	return kim_date_months(&v, as_of) >= months;
}

int
kim_filter_match(const struct kim_filter *f, const struct kim_record *r,
    const struct kim_ctx *ctx)
{
	size_t i;

	if (f->nregions) {
		for (i = 0; i < f->nregions; i++)
			if (kim_code_within(r->f[KIM_F_REGION], f->regions[i]))
				break;
		if (i == f->nregions)
			return 0;
	}
	if (!f->any_status) {
		int s = kim_status_index(r->f[KIM_F_STATUS]);
		if (s < 0 || !f->status[s])
			return 0;
	}
	for (i = 0; i < f->nsectors; i++)
		if (!kim_has_tag(r->f[KIM_F_SECTORS], f->sectors[i]))
			return 0;
	for (i = 0; i < f->nids && !kim_record_is(r, f->ids[i]); i++)
		;
	if (f->nids && i == f->nids)
		return 0;
	if (f->has_before || f->has_after) {
		struct kim_date d;
		if (kim_date_parse(r->f[KIM_F_FORMED], &d) != 0)
			return 0;
		if (f->has_before && kim_date_cmp(&d, &f->before) >= 0)
			return 0;
		if (f->has_after && kim_date_cmp(&d, &f->after) <= 0)
			return 0;
	}
	if (f->name && !kim_strcasestr(r->f[KIM_F_NAME], f->name))
		return 0;
	if (f->dormant >= 0 && !kim_is_dormant(r, f->dormant, ctx))
		return 0;
	if (f->evidence >= 0 && !kim_has_evidence(r, f->evidence, ctx))
		return 0;
	if (f->stale >= 0 && !kim_is_stale(r, f->stale, &ctx->as_of))
		return 0;
	return 1;
}

static void
add(struct kim_fields *fs, int c)
{
	fs->col[fs->n] = c;
	fs->out[fs->n].name = kim_field_names[c];
	fs->out[fs->n].type = kim_columns[c].json;
	fs->n++;
}

void
kim_fields_all(struct kim_fields *fs)
{
	fs->n = 0;
	for (int c = 0; c < KIM_NBASE; c++)
		add(fs, c);
}

void
kim_fields_kept(struct kim_fields *fs, enum kim_fmt fmt)
{
	if (fs->chosen || (fmt != KIM_FMT_JSON && fmt != KIM_FMT_JSONL))
		return;
	for (int c = KIM_NBASE; c < KIM_NFIELDS; c++)
		add(fs, c);
}

void
kim_fields_drop_personal(struct kim_fields *fs)
{
	size_t k = 0;

	for (size_t i = 0; i < fs->n; i++)
		if (!kim_columns[fs->col[i]].personal) {
			fs->col[k] = fs->col[i];
			fs->out[k++] = fs->out[i];
		}
	fs->n = k;
}

int
kim_fields_parse(struct kim_fields *fs, const char *list, char **bad)
{
	const char *s = list, *e;

	fs->n = 0;
	fs->chosen = 1;
	do {
		e = strchr(s, ',');
		if (!e)
			e = s + strlen(s);
		int c = kim_column_lookupn(s, (size_t)(e - s), KIM_IN_FIELDS);
		if (c < 0 || fs->n == sizeof fs->col / sizeof *fs->col) {
			*bad = kim_strndup(s, (size_t)(e - s));
			return -1;
		}
		add(fs, c);
		s = e + 1;
	} while (*e);
	return 0;
}

void
kim_out_record(struct kim_out *o, const struct kim_fields *fs,
    const struct kim_record *r, const struct kim_ctx *ctx)
{
	const char *vals[KIM_NCOLUMNS * 2];
	char bufs[KIM_NCOLUMNS * 2][KIM_VALUE_MAX];

	for (size_t i = 0; i < fs->n; i++)
		vals[i] = kim_record_value(r, fs->col[i], ctx, bufs[i]);
	kim_out_row(o, vals);
}

int
kim_sort_init(struct kim_sort *s, const char *spec)
{
	memset(s, 0, sizeof *s);
	s->desc = spec[0] == '-';
	s->key = kim_column_lookup(spec + s->desc, KIM_IN_FIELDS);
	return s->key < 0 ? -1 : 0;
}

void
kim_sort_add(struct kim_sort *s, const struct kim_record *r)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->r = kim_reallocarray(s->r, s->cap, sizeof *s->r);
	}
	s->r[s->n++] = kim_record_dup(r);
}

struct sortkey {
	struct kim_record *r;
	char *text;
	long num;
	size_t idx;
	int desc, numeric, byid;
};

static int
bykey(const void *a, const void *b)
{
	const struct sortkey *x = a, *y = b;
	int c;

	if (x->byid)	/* as the register orders ids: ...-2 before ...-10 */
		c = kim_record_cmp(x->r, y->r);
	else if (x->numeric)
		c = x->num < y->num ? -1 : x->num > y->num;
	else
		c = strcmp(x->text, y->text);
	if (x->desc)
		c = -c;
	return c ? c : x->idx < y->idx ? -1 : x->idx > y->idx;
}

void
kim_sort_run(struct kim_sort *s, const struct kim_ctx *ctx)
{
	struct sortkey *k = kim_calloc(s->n, sizeof *k);
	char b[KIM_VALUE_MAX];
	int numeric = kim_columns[s->key].json == KIM_T_NUM;

	for (size_t i = 0; i < s->n; i++) {
		const char *v = kim_record_value(s->r[i], s->key, ctx, b);
		k[i].r = s->r[i];
		k[i].idx = i;
		k[i].desc = s->desc;
		k[i].numeric = numeric;
		k[i].byid = s->key == KIM_F_ID;
		/* an empty number sorts before every number */
		k[i].num = *v ? strtol(v, NULL, 10) : -1;
		k[i].text = numeric ? NULL : kim_strdup(v);
	}
	qsort(k, s->n, sizeof *k, bykey);
	for (size_t i = 0; i < s->n; i++) {
		s->r[i] = k[i].r;
		free(k[i].text);
	}
	free(k);
}

void
kim_sort_free(struct kim_sort *s)
{
	for (size_t i = 0; i < s->n; i++)
		kim_record_free(s->r[i]);
	free(s->r);
	s->r = NULL;
	s->n = s->cap = 0;
}
