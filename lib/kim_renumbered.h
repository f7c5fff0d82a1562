/*
 * kim_renumbered: kim/renumbered.csv, the log of the ids kim-merge gave a
 * new number (kim-data(5)): header date,old,new,name, one row each.
 */
#ifndef KIM_RENUMBERED_H
#define KIM_RENUMBERED_H

#include <stdio.h>

#include "kim_err.h"

#define KIM_RENUMBERED_HEADER	"date,old,new,name"

struct kim_renumbered_row {
	char *date, *old, *new, *name;
	long line;		/* where it was read, 0 when added */
};

struct kim_renumbered {
	struct kim_renumbered_row *r;
	size_t n;
};

/*
 * Read the log at path into l (empty first; a missing file is an empty
 * log); every problem, a bad header, a date that is not a real day, an id
 * that is not REGION-N, an old id the same as the new, an empty name, is
 * reported to d with its line and column and the row is left out.
 * Returns the number of problems, or -1 when the file cannot be read
 * (reported).  d may be NULL: nothing said.
 */
long kim_renumbered_read(struct kim_renumbered *l, const char *path,
    struct kim_diag *d);
/* Add a row (the strings are copied). */
void kim_renumbered_add(struct kim_renumbered *l, const char *date,
    const char *old, const char *new, const char *name);
/*
 * Write the log as every tool writes it: the header, then the rows in the
 * order of date, old id, new id and name, each row once; so two clones
 * that logged the same renumberings in either order write the same bytes.
 */
void kim_renumbered_write(FILE *, struct kim_renumbered *l);
/*
 * Replace the file at path with the log, atomically (a temporary file in
 * its folder, flushed to disk, renamed).  0, or -1 after a message.
 */
int kim_renumbered_save(const char *path, struct kim_renumbered *l);
void kim_renumbered_free(struct kim_renumbered *l);

#endif
