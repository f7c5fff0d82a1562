/* kim_actmerge: two versions of an activity file merged, activity by activity */
#include <string.h>
#include <sys/stat.h>

#include "kim_activity.h"
#include "kim_actmerge.h"
#include "kim_folder.h"

int
kim_actmerge_is_activity(const char *path)
{
	const char *name = strrchr(path, '/');
	size_t k = strlen(KIM_ACTIVITY_DIR), n;

	if (!name)
		return 0;
	n = (size_t)(name - path);
	return n >= k && strncmp(path + n - k, KIM_ACTIVITY_DIR, k) == 0 &&
	    (n == k || path[n - k - 1] == '/');
}

static int
keep(void *arg, const struct kim_activity *a)
{
	kim_actlog_add(arg, a, NULL);
	return 0;
}

/* Load a version (an empty file is none); -1 when it is not good */
static int
load(struct kim_actlog *l, const char *path, struct kim_diag *d)
{
	struct stat st;

	memset(l, 0, sizeof *l);
	if (stat(path, &st) == 0 && st.st_size == 0)
		return 0;
	return kim_activity_read(path, KIM_ACT_LOG, NULL, keep, l, d) == 0 ?
	    0 : -1;
}

/* Are a and b the same row, field for field? */
static int
equal(const struct kim_activity *a, const struct kim_activity *b)
{
	for (int f = 0; f < KIM_A_NFIELDS; f++)
		if (strcmp(a->f[f], b->f[f]) != 0)
			return 0;
	return 1;
}

long
kim_actmerge(const char *base, const char *ours, const char *theirs,
    FILE *out, struct kim_diag *d)
{
	struct kim_actlog b, o, t, r = { 0 };
	long conflicts = 0;
	int bad = load(&b, base, d);

	bad |= load(&o, ours, d);
	bad |= load(&t, theirs, d);
	for (size_t i = 0; !bad && i < o.n; i++) {
		const struct kim_activity *x = &o.a[i];
		const struct kim_activity *was = kim_actlog_find(&b, x);
		const struct kim_activity *other = kim_actlog_find(&t, x);
		if (other && was && equal(x, was))
			x = other;		/* theirs changed it, or none */
		else if (other && !equal(x, other) && (!was ||
		    !equal(other, was)))
			conflicts++;		/* both did: ours */
		else if (!other && was && equal(x, was))
			continue;		/* theirs removed it */
		kim_actlog_add(&r, x, NULL);
	}
	for (size_t i = 0; !bad && i < t.n; i++) {
		const struct kim_activity *x = &t.a[i];
		const struct kim_activity *was = kim_actlog_find(&b, x);
		if (kim_actlog_find(&o, x) || (was && equal(x, was)))
			continue;	/* merged above, or ours removed it */
		kim_actlog_add(&r, x, NULL);
	}
	if (!bad)
		kim_actlog_write(&r, out);
	kim_actlog_free(&b);
	kim_actlog_free(&o);
	kim_actlog_free(&t);
	kim_actlog_free(&r);
	return bad ? -1 : conflicts;
}
