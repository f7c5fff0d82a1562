/*
 * kim_merge: git's three-way merge of a register file, record by record
 * (kim-merge(1)).
 */
#ifndef KIM_MERGE_H
#define KIM_MERGE_H

#include <stdio.h>

#include "kim_err.h"

/* One record that took a new number: the old id, the new one, its name. */
struct kim_renumbering {
	char *old, *new, *name;
};

#define KIM_RENUMBERED_NOTE	"renumbered by kim-merge: was "

struct kim_merge {
	long conflicts;		/* fields both sides changed differently */
	struct kim_renumbering *renum;
	size_t nrenum;
};

/*
 * Merge the register files ours and theirs, both descended from base (as
 * git passes them to a merge driver; name is the file's path in the
 * repository, for messages) into the canonical file, written to out: a
 * record changed on one side only takes that change, one changed on both
 * takes both changes field by field (of updated and verified, the later
 * day); a field changed to different values is a conflict (m->conflicts).
 * Two new records with one id: the one whose registered day, then name,
 * then other fields come first keeps it; the other gets the next free
 * number of its region (m->renum), and a last line of its notes that
 * says so: KIM_RENUMBERED_NOTE and the old id.  Returns 0, or -1 when a file cannot be
 * read as a register file (said to d; nothing written).
 */
int kim_merge_files(const char *base, const char *ours, const char *theirs,
    const char *name, FILE *out, struct kim_merge *m, struct kim_diag *d);
void kim_merge_free(struct kim_merge *);

#endif
