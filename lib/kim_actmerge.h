/*
 * kim_actmerge: the merge of two versions of an activity file, as
 * kim-merge does it for git (kim-data(5), ACTIVITY LOG).
 */
#ifndef KIM_ACTMERGE_H
#define KIM_ACTMERGE_H

#include <stdio.h>

#include "kim_err.h"

/* Is path (git's %P) a file of the activity log, activity/NAME.csv? */
int kim_actmerge_is_activity(const char *path);
/*
 * Merge ours and theirs, two versions of one activity file from base
 * (an empty file: none), activity by activity, keyed as the log tells
 * one activity from another (kim, date and url; without a url, kind and
 * title): every activity either side added, none that a side removed
 * and the other left as it was; an activity both sides kept, with the
 * version of the side that changed it (ours when both did).  The result,
 * sorted and written canonically, goes to out.  Returns the number of
 * activities both sides changed differently (ours kept), or -1 when a
 * version is not a good file of the log (said to d).
 */
long kim_actmerge(const char *base, const char *ours, const char *theirs,
    FILE *out, struct kim_diag *d);

#endif
