/*
 * kim_actsum: what the activity log says of each KIM, in a table of one
 * entry a KIM (never the activities themselves): the day it was formed
 * (from the register, for the checks), its last activity and how many in
 * the window of days up to the as-of day.  Memory grows with the number
 * of KIM, not with the activities.
 */
#ifndef KIM_ACTSUM_H
#define KIM_ACTSUM_H

#include <stddef.h>

#include "kim_date.h"
#include "kim_err.h"
#include "kim_util.h"

/* The window of activities_90d, in days up to the as-of day */
#define KIM_ACTIVITY_WINDOW	90

struct kim_actsum_kim {
	const char *id;
	long formed;		/* days since 1970 (kim_date_days), or
				   KIM_ACTSUM_NONE: not in the register */
	long last;		/* the last activity's day, or KIM_ACTSUM_NONE */
	long recent;		/* activities in the window */
};
#define KIM_ACTSUM_NONE	(-2147483647L)

struct kim_actsum {
	struct kim_actsum_kim *slot;	/* an open hash table (id NULL: free) */
	size_t n, cap;
	long as_of;			/* days since 1970 */
	long window;			/* days: the as-of day and the ones
					   before it */
	struct kim_pool pool;
};

void kim_actsum_init(struct kim_actsum *, const struct kim_date *as_of,
    long window);
/* The entry of id, or NULL; with add, a new one when there is none. */
struct kim_actsum_kim *kim_actsum_find(struct kim_actsum *, const char *id,
    int add);
/* The entry of id, or NULL, without changing the table (any thread) */
const struct kim_actsum_kim *kim_actsum_get(const struct kim_actsum *,
    const char *id);
/* Count an activity of id on day (its date parsed already). */
void kim_actsum_count(struct kim_actsum *, const char *id,
    const struct kim_date *day);
void kim_actsum_free(struct kim_actsum *);

#endif
