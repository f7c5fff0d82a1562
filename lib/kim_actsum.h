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
/* Count an activity of id on day (its date parsed already). */
void kim_actsum_count(struct kim_actsum *, const char *id,
    const struct kim_date *day);
/*
 * Count every activity of the data folder dir's log files that can hold
 * the n regions (all with n == 0), each file checked as it is read (bad
 * rows are reported to d and not counted).  Returns the problems, or -1
 * when a file cannot be read.
 */
long kim_actsum_load(struct kim_actsum *, const char *dir,
    const char *const *regions, size_t n, struct kim_diag *d);
void kim_actsum_free(struct kim_actsum *);

/*
 * Check a file of the log, path (rel "activity/51.02.csv" in the folder):
 * its header and rows (kim_activity_check, no date after as_of), each
 * KIM known to sum (the register's KIM, formed set) and in the file of
 * its kabupaten, no date before the KIM was formed, the rows sorted, no
 * activity twice (kim_activity_same), and the file written as the tools
 * write it.  The file is streamed: memory holds one KIM's day of rows.
 * Returns the number of problems reported to d.
 */
long kim_actsum_check_file(struct kim_actsum *sum, const char *path,
    const char *rel, const struct kim_date *as_of, struct kim_diag *d);

#endif
