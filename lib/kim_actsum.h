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
#include <stdint.h>

#include "kim_date.h"
#include "kim_err.h"
#include "kim_util.h"

/* The window of activities_90d, in days up to the as-of day */
#define KIM_ACTIVITY_WINDOW	90

struct kim_actsum_kim {
	const char *id;
	uint32_t hash;		/* kim_hash(id): probes and growth compare
				   and place by it, not reading the id */
	/* int32_t, not long: 32 bytes an entry, fewer pages to touch */
	int32_t formed;		/* days since 1970 (kim_date_days), or
				   KIM_ACTSUM_NONE: not in the register */
	int32_t last;		/* the last activity's day, or KIM_ACTSUM_NONE */
	int32_t recent;		/* activities in the window */
	int32_t period;		/* activities in the period, if one is set
				   (kim_actsum_period) and the KIM inside it */
};
#define KIM_ACTSUM_NONE	(-2147483647L)

struct kim_actsum {
	struct kim_actsum_kim *slot;	/* an open hash table (id NULL: free) */
	size_t n, cap;
	long as_of;			/* days since 1970 */
	long window;			/* days: the as-of day and the ones
					   before it */
	struct kim_pool pool;
	/* the entry counted last (the log is sorted by KIM): its id, or
	   NULL, and its slot */
	const char *hint_id;
	size_t hint;
	/*
	 * A period of days (kim_actsum_period), for a report: the activities
	 * in it of the KIM inside regions (all with nregions 0) counted by
	 * KIM (period) and by week, Monday to Sunday, from week0.
	 */
	long from, to, week0;
	long *weeks;			/* NULL: no period */
	size_t nweeks;
	const char *const *regions;
	size_t nregions;
};

void kim_actsum_init(struct kim_actsum *, const struct kim_date *as_of,
    long window);
/*
 * Count the activities of the days from..to (both included, as-of day at
 * the latest) of the KIM whose ids lie inside the n regions as well, by
 * KIM and by week.  Before the log is read.
 */
void kim_actsum_period(struct kim_actsum *, const struct kim_date *from,
    const struct kim_date *to, const char *const *regions, size_t n);
/* part set up to count as whole does, empty (a thread's table) */
void kim_actsum_part(struct kim_actsum *part, const struct kim_actsum *whole);
/* Room for n KIM without growing (a table grows by moving every entry) */
void kim_actsum_reserve(struct kim_actsum *, size_t n);
/* part's counts added to to's */
void kim_actsum_add(struct kim_actsum *to, const struct kim_actsum *part);
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
