/*
 * kim_actchange: a change of the activity log, as kim-activity makes it:
 * under the data folder's lock (the one kim-register takes), each activity
 * held to the register (its KIM there, not before it was formed), the
 * files of the kabupaten it touched written in one transaction and
 * committed in git with one message (kim_store, kim_git).
 */
#ifndef KIM_ACTCHANGE_H
#define KIM_ACTCHANGE_H

#include "kim_activity.h"
#include "kim_register.h"
#include "kim_store.h"

struct kim_actchange {
	const char *dir;
	const struct kim_ctx *ctx;
	struct kim_diag *d;
	struct kim_register reg;	/* the register, to look KIM up */
	struct kim_lock lock;
	struct kim_actlog **logs;	/* the files loaded */
	size_t nlogs;
	long added, known, early, problems;
	const char *first;		/* the KIM of the first one added */
	int skip_early;			/* a feed: an activity before the KIM
					   was formed is counted in early, not
					   a problem, and one whose url is
					   logged on any day is known */
};

/*
 * Take the folder's lock for writing (waiting up to wait seconds, else
 * exit 5) and, with commit, see that git can commit (else exit 4).
 */
void kim_actchange_begin(struct kim_actchange *, const char *dir, double wait,
    int commit, const struct kim_ctx *ctx, struct kim_diag *d);
/*
 * Log a (checked on its own already): 1 added, 0 the same activity was
 * logged (counted in known; with skip_early also its url on another
 * day), -1 a problem (said, counted): no KIM of its id, or a date before
 * the KIM was formed (with skip_early: counted in early, 0).
 */
int kim_actchange_add(struct kim_actchange *, const struct kim_activity *a);
/*
 * Write the files the change added to, and with commit commit them with
 * message; the exit status (4 when the write or the commit failed).
 */
int kim_actchange_write(struct kim_actchange *, int commit,
    const char *message);
/*
 * The end of a change: with one, the activity given; else file's import
 * (or feed, with skip_early).  Unless dry_run, write it (with commit,
 * committed with the message "activity KIM DATE KIND: TITLE", "activity
 * import FILE: N added" or "activity feed FILE: N added").  Say on
 * standard error what a file's activities came to, or that one was
 * logged already.  Returns the exit status: 1 when one was logged
 * already, 4 when the write or the commit failed.
 */
int kim_actchange_finish(struct kim_actchange *, const struct kim_activity *one,
    const char *file, int commit, int dry_run);
/* Unlock and free. */
void kim_actchange_end(struct kim_actchange *);

#endif
