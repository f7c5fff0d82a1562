/* kim_actlist: the activities asked for, read and printed */
#include <stdlib.h>
#include <string.h>

#include "kim_actlist.h"
#include "kim_folder.h"
#include "kim_wilayah.h"

const struct kim_col kim_actlist_cols[KIM_A_NFIELDS] = {
	{ "kim", KIM_T_TEXT }, { "date", KIM_T_DATE }, { "kind", KIM_T_TEXT },
	{ "title", KIM_T_TEXT }, { "url", KIM_T_TEXT }, { "notes", KIM_T_TEXT }
};

int
kim_actlist_match(const struct kim_actlist *l, const struct kim_activity *a)
{
	const char *date = a->f[KIM_A_DATE];
	char region[32];
	size_t i;

	if (l->kim && strcmp(a->f[KIM_A_KIM], l->kim) != 0)
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
	char region[32];
	const char *one[1] = { region };
	int bykim;

	if (n == 0) {
		own = kim_activity_files(dir, &n);
		files = own;
		flags |= KIM_ACT_LOG;
	}
	/* --kim: its kabupaten's file is the one that can hold it */
	bykim = l->kim && own && kim_activity_region(l->kim, region,
	    sizeof region) == 0;
	for (size_t i = 0; i < n && r >= 0; i++) {
		long k;
		if (own && ((bykim && !kim_register_file_holds(files[i], one,
		    1)) || !kim_register_file_holds(files[i], l->regions,
		    l->nregions)))
			continue;
		k = kim_activity_read(files[i], flags, as_of, on_activity, l, d);
		r = k < 0 ? -1 : r + k;
	}
	kim_free_list(own, own ? n : 0);
	return r;
}
