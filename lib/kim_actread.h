/*
 * kim_actread: the activity log's files read whole: summed up by KIM
 * (kim_actsum) for the derived columns, or checked for kim-check.
 */
#ifndef KIM_ACTREAD_H
#define KIM_ACTREAD_H

#include "kim_actsum.h"

/*
 * Count every activity of the data folder dir's log files that can hold
 * the n regions (all with n == 0), each file checked as it is read (bad
 * rows are reported to d and not counted).  Returns the problems, or -1
 * when a file cannot be read.
 */
long kim_actread_sum(struct kim_actsum *, const char *dir,
    const char *const *regions, size_t n, struct kim_diag *d);
/*
 * Check a file of the log, path (rel "activity/51.02.csv" in the folder):
 * its header and rows (kim_activity_check, no date after as_of), each
 * KIM known to sum (the register's KIM, formed set) and in the file of
 * its kabupaten, no date before the KIM was formed, the rows sorted, no
 * activity twice (kim_activity_same), and the file written as the tools
 * write it.  The file is streamed: memory holds one KIM's day of rows.
 * Returns the number of problems reported to d.
 */
long kim_actread_check(struct kim_actsum *sum, const char *path,
    const char *rel, const struct kim_date *as_of, struct kim_diag *d);

#endif
