/*
 * kim_actlist: the activities kim-activity lists: which ones (-r, --kim,
 * --since, --until, --kind) and the rows it prints, read from the log's
 * files (only those that can hold the regions asked for) or from files
 * given, one activity at a time.
 */
#ifndef KIM_ACTLIST_H
#define KIM_ACTLIST_H

#include "kim_activity.h"
#include "kim_cli.h"
#include "kim_out.h"

struct kim_actlist {
	const char *const *regions;	/* -r: KIM inside any of them */
	size_t nregions;
	const char *kim;		/* --kim: that KIM only, or NULL */
	char **ids;			/* and the ids it has had (kim_actlist_ids) */
	size_t nids;
	const char *since, *until;	/* YYYY-MM-DD, or NULL */
	const char *kind;		/* --kind, or NULL */
	struct kim_out *out;		/* the rows, or NULL: only counted */
	long matched;
};

/* The columns of the rows printed: the log's own */
extern const struct kim_col kim_actlist_cols[KIM_A_NFIELDS];

/*
 * --kim: the ids the KIM has had, its own and its former_ids, found in the
 * register of c's data folder (its regions loaded into ctx) as every
 * command finds an id; when no KIM has it, the id alone.  An activity
 * logged under any of them is the KIM's.  kim_actlist_free frees them.
 */
void kim_actlist_ids(struct kim_actlist *, struct kim_cli *c,
    struct kim_ctx *ctx);
void kim_actlist_free(struct kim_actlist *);

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
