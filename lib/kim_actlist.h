/*
 * kim_actlist: the activities kim-activity lists: which ones (-r, --kim,
 * --since, --until, --kind) and the rows it prints, read from the log's
 * files (only those that can hold the regions asked for) or from files
 * given, one activity at a time.
 */
#ifndef KIM_ACTLIST_H
#define KIM_ACTLIST_H

#include "kim_activity.h"
#include "kim_out.h"

struct kim_actlist {
	const char *const *regions;	/* -r: KIM inside any of them */
	size_t nregions;
	const char *kim;		/* --kim: that KIM only, or NULL */
	const char *since, *until;	/* YYYY-MM-DD, or NULL */
	const char *kind;		/* --kind, or NULL */
	struct kim_out *out;		/* the rows, or NULL: only counted */
	long matched;
};

/* The columns of the rows printed: the log's own */
extern const struct kim_col kim_actlist_cols[KIM_A_NFIELDS];

/* Is a one of the activities asked for? */
int kim_actlist_match(const struct kim_actlist *, const struct kim_activity *);
/*
 * List the activities of the files given (n of them, "-" standard input;
 * any input kim_activity_read takes), or with n == 0 of the data folder
 * dir's log, those of ctx's regions' files only; each match printed to
 * out and counted.  Returns the problems found (reported to d), or -1 when
 * a file cannot be read.
 */
long kim_actlist_read(struct kim_actlist *, const char *dir,
    char *const *files, size_t n, const struct kim_date *as_of,
    struct kim_diag *d);

#endif
