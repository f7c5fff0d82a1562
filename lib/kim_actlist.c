/* kim_actlist: the activities asked for, read and printed */
#include <stdlib.h>
#include <string.h>

#include "kim_actlist.h"
#include "kim_folder.h"
#include "kim_register.h"
#include "kim_wilayah.h"

const struct kim_col kim_actlist_cols[KIM_A_NFIELDS] = {
	{ "kim", KIM_T_TEXT }, { "date", KIM_T_DATE }, { "kind", KIM_T_TEXT },
	{ "title", KIM_T_TEXT }, { "url", KIM_T_TEXT }, { "notes", KIM_T_TEXT }
};

static void
add_id(struct kim_actlist *l, const char *id)
{
	l->ids = kim_reallocarray(l->ids, l->nids + 1, sizeof *l->ids);
	l->ids[l->nids++] = kim_strdup(id);
}

void
kim_actlist_ids(struct kim_actlist *l, struct kim_cli *c,
    struct kim_ctx *ctx)
{
	struct kim_register reg;
	struct kim_held *h;
	struct kim_record r;
	const char *s;
	char was[KIM_ID_MAX];

	kim_cli_context(c, ctx);
	kim_register_open(&reg, c->dir, ctx, &c->diag);
	if ((h = kim_register_find(&reg, l->kim, NULL))) {
		kim_held_view(h, &r);
		add_id(l, r.f[KIM_F_ID]);
		for (s = r.f[KIM_F_FORMER_IDS]; kim_former_next(&s, was,
		    sizeof was);)
			add_id(l, was);
	} else
		add_id(l, l->kim);
	kim_register_close(&reg);
}

void
kim_actlist_free(struct kim_actlist *l)
{
	kim_free_list(l->ids, l->nids);
	l->ids = NULL;
	l->nids = 0;
}

/* Is id one of the ids asked for (all when none is)? */
static int
asked(const struct kim_actlist *l, const char *id)
{
	if (!l->kim)
		return 1;
	if (l->nids == 0)
		return strcmp(id, l->kim) == 0;
	for (size_t i = 0; i < l->nids; i++)
		if (strcmp(id, l->ids[i]) == 0)
			return 1;
	return 0;
}

int
kim_actlist_match(const struct kim_actlist *l, const struct kim_activity *a)
{
	const char *date = a->f[KIM_A_DATE];
	char region[32];
	size_t i;

	if (!asked(l, a->f[KIM_A_KIM]))
		return 0;
	if (l->kind && strcmp(a->f[KIM_A_KIND], l->kind) != 0)
		return 0;
	if ((l->since && strcmp(date, l->since) < 0) ||
	    (l->until && strcmp(date, l->until) > 0))
		return 0;
	if (l->nregions == 0)
		return 1;
	if (kim_activity_region(a->f[KIM_A_KIM], region, sizeof region) != 0)
		return 0;
	for (i = 0; i < l->nregions; i++)
		if (kim_code_within(region, l->regions[i]))
			return 1;
	return 0;
}

static int
on_activity(void *arg, const struct kim_activity *a)
{
	struct kim_actlist *l = arg;

	if (!kim_actlist_match(l, a))
		return 0;
	l->matched++;
	if (l->out)
		kim_out_row(l->out, a->f);
	return 0;
}

long
kim_actlist_read(struct kim_actlist *l, const char *dir, char *const *files,
    size_t n, const struct kim_date *as_of, struct kim_diag *d)
{
	char **own = NULL;
	long r = 0;
	int flags = KIM_ACT_FUTURE;
	char **kims = NULL;
	size_t nkims = 0;

	if (n == 0) {
		own = kim_activity_files(dir, &n);
		files = own;
		flags |= KIM_ACT_LOG;
	}
	/* --kim: the files of its ids' kabupaten are those that can hold it */
	for (size_t i = 0; own && l->kim && i < (l->nids ? l->nids : 1); i++) {
		char region[32];
		if (kim_activity_region(l->nids ? l->ids[i] : l->kim, region,
		    sizeof region) != 0)
			continue;
		kims = kim_reallocarray(kims, nkims + 1, sizeof *kims);
		kims[nkims++] = kim_strdup(region);
	}
	for (size_t i = 0; i < n && r >= 0; i++) {
		long k;
		if (own && ((nkims && !kim_register_file_holds(files[i],
		    (const char *const *)kims, nkims)) ||
		    !kim_register_file_holds(files[i], l->regions,
		    l->nregions)))
			continue;
		k = kim_activity_read(files[i], flags, as_of, on_activity, l, d);
		r = k < 0 ? -1 : r + k;
	}
	kim_free_list(kims, nkims);
	kim_free_list(own, own ? n : 0);
	return r;
}
