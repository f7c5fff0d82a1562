/*
 * kim_activity: the activity log, activity/KK.KK.csv (kim-data(5)): one
 * line per thing a KIM did, kim,date,kind,title,url,notes, sorted by kim
 * (as the register orders ids) then date.  Reading (streamed, row by row),
 * the checks of one activity, its canonical form, and the log of one file
 * loaded to be changed.
 */
#ifndef KIM_ACTIVITY_H
#define KIM_ACTIVITY_H

#include <stdio.h>

#include "kim_date.h"
#include "kim_err.h"
#include "kim_util.h"

#define KIM_ACTIVITY_HEADER	"kim,date,kind,title,url,notes"

enum kim_act_field { KIM_A_KIM, KIM_A_DATE, KIM_A_KIND, KIM_A_TITLE,
    KIM_A_URL, KIM_A_NOTES, KIM_A_NFIELDS };
extern const char *const kim_activity_fields[KIM_A_NFIELDS];

/* The kinds of activity, in the order kim-data(5) lists them; NULL ends */
extern const char *const kim_activity_kinds[];
/* The index of kind in kim_activity_kinds, or -1 */
int kim_activity_kind(const char *kind);
/* "berita, kegiatan, pelatihan, pertemuan, lomba, lainnya" */
const char *kim_activity_kind_list(void);

/*
 * One activity: every field a string ("" when empty); col[f] the 1-based
 * column it was read from (0 when absent, KIM_COL_OPTION from --FIELD).
 */
struct kim_activity {
	const char *f[KIM_A_NFIELDS];
	long col[KIM_A_NFIELDS];
	const char *file;
	long line;
	int clean;		/* every field printable ASCII (the reader
				   saw it): the text checks are only lengths */
};

/* Called for each activity read; non-zero stops the reading. */
typedef int (*kim_activity_fn)(void *arg, const struct kim_activity *);

enum {
	KIM_ACT_LOG    = 1,	/* a file of the log: its exact header, CSV */
	KIM_ACT_FUTURE = 2,	/* no date after the as-of day */
	KIM_ACT_IGNORE = 4	/* an import: leave out the columns of no
				   field (--ignore-columns) */
};

/*
 * Read the activities of path ("-" is standard input): with KIM_ACT_LOG a
 * file of the log (the header exactly KIM_ACTIVITY_HEADER); else CSV with
 * any of the columns in any order, by their names or other names as
 * kim-register --import reads them (kim, date, kind and title required;
 * others left out with KIM_ACT_IGNORE; dates day first as it reads them,
 * blanks around a kind and its case forgiven) or JSON Lines (one object
 * a line, the keys the columns' names).  Every activity is checked (kim_activity_check)
 * and only good ones are passed to fn.  Returns the number of problems
 * reported to d, or -1 when the file cannot be read.
 */
long kim_activity_read(const char *path, int flags,
    const struct kim_date *as_of, kim_activity_fn fn, void *arg,
    struct kim_diag *d);

/*
 * The checks of one activity on its own: kim an id REGION-N, date a real
 * day (not after as_of with KIM_ACT_FUTURE), kind one of the kinds, a
 * title, a url without blanks, text within the limits (title 300
 * characters, url 500, notes 2000; a line break only in notes).  Each
 * problem is reported to d; returns their number.
 */
long kim_activity_check(const struct kim_activity *a, int flags,
    const struct kim_date *as_of, struct kim_diag *d);

/* Report one problem about field f of a ("kim: ..."). */
void kim_activity_problem(struct kim_diag *d, const struct kim_activity *a,
    int f, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * The order of the log: by kim as the register orders ids (region code,
 * then number), then date, kind, url, title and notes.
 */
int kim_activity_cmp(const struct kim_activity *, const struct kim_activity *);
/*
 * Are a and b the same activity: one kim, one date and one url; without a
 * url, one kind and one title.
 */
int kim_activity_same(const struct kim_activity *, const struct kim_activity *);
/* Write a in the canonical form: one CSV line and an LF. */
void kim_activity_write(FILE *, const struct kim_activity *a);

/* The region of a KIM id "51.02.03.2001-4" into buf; -1 when not an id */
int kim_activity_region(const char *id, char *buf, size_t size);

/*
 * The activities of one file of the log, held to be changed: the strings
 * in a pool, the rows in an array.
 */
struct kim_actlog {
	char *rel;			/* "activity/51.02.csv" */
	char *path;			/* as messages name it */
	struct kim_activity *a;
	size_t n, cap;
	size_t added;			/* new this change */
	size_t *slot, nslot;		/* the rows by key (kim_activity_same),
					   an index + 1 a slot */
	struct kim_pool pool;
};

/*
 * Load the file of the log that holds region's activities (a missing file
 * is an empty log).  Returns the problems found in it (reported to d), or
 * -1 when it cannot be read.
 */
long kim_actlog_load(struct kim_actlog *, const char *dir, const char *region,
    struct kim_diag *d);
/* An activity like a, if none the same is there: 1 added, 0 not (*old). */
int kim_actlog_add(struct kim_actlog *, const struct kim_activity *a,
    const struct kim_activity **old);
/* kim_actlog_add as a kim_activity_fn: arg the log; the same ones skipped */
int kim_actlog_hold(void *arg, const struct kim_activity *a);
/* The activity of the log that is the same as a (kim_activity_same), or NULL */
const struct kim_activity *kim_actlog_find(struct kim_actlog *,
    const struct kim_activity *a);
/* Is url logged for kim already, on any day? */
int kim_actlog_has_url(const struct kim_actlog *, const char *kim,
    const char *url);
/*
 * Write the log sorted, header first (the rows stay sorted: the table
 * of keys is dropped).
 */
void kim_actlog_write(struct kim_actlog *, FILE *);
void kim_actlog_free(struct kim_actlog *);

#endif
