/*
 * kim_merge: git's three-way merge of a register file, record by record
 * (kim-merge(1)).
 */
#ifndef KIM_MERGE_H
#define KIM_MERGE_H

#include <stdio.h>

#include "kim_err.h"
#include "kim_renumbered.h"

/* One record that took a new number: the old id, the new one, its name. */
struct kim_renumbering {
	char *old, *new, *name;
	int why;		/* KIM_RENUMBERED_NEW or _TWICE */
};

enum {
	KIM_RENUMBERED_NEW,	/* two KIM asked for one id */
	KIM_RENUMBERED_TWICE	/* the two sides renumbered one KIM differently */
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
 * repository, for messages) into the canonical file, written to out.
 * Records are matched as KIM: by id, and by region and folded name
 * (kim_record_key) across a renumbering: a KIM of the base that a side
 * holds at an id the base has not is moved there; two records both sides
 * added are one KIM when each side has one of that key.  A record changed
 * on one side only takes that change, one changed on both takes both
 * changes field by field (of updated and verified, the later day; of
 * notes, the renumbering lines of both, each once, after the rest); a field
 * changed to different values is a conflict (m->conflicts).  A KIM moved
 * to two ids takes the one its side's notes say it came from the other,
 * else the lower (m->renum, KIM_RENUMBERED_TWICE).  Of KIM that ask for
 * one id, a KIM of the base before a new one, then the one whose
 * registered day, then name, then other fields come first keeps it; each
 * other gets the next free number of its region (m->renum,
 * KIM_RENUMBERED_NEW).  A renumbered record's notes say so, on a line:
 * KIM_RENUMBERED_NOTE and the old id.  Returns 0, or -1 when a file
 * cannot be read as a register file (said to d; nothing written).
 */
int kim_merge_files(const char *base, const char *ours, const char *theirs,
    const char *name, FILE *out, struct kim_merge *m, struct kim_diag *d);
void kim_merge_free(struct kim_merge *);

/*
 * The data folder of the file git names path (its %P): "data" for
 * data/kim/51.02.csv, "." for kim/51.02.csv (a new string).
 */
char *kim_merge_folder(const char *path);
/* Is path (git's %P) the log kim/renumbered.csv rather than a register file? */
int kim_merge_is_log(const char *path);
/*
 * Merge two versions of the log kim/renumbered.csv (base is not needed:
 * rows are only added): every row of either, written canonically to out.
 * Returns 0, or -1 when a version is not a good log (said to d).
 */
int kim_merge_logs(const char *ours, const char *theirs, FILE *out,
    struct kim_diag *d);
/*
 * Log m's renumberings, on day date, for the data folder dir, under its
 * lock: in a git repository, where git would leave the file out of the
 * merge (or overwrite it), as rows waiting in KIM_RENUMBERED_PENDING of
 * the git directory, which kim-register's next change adds to the log and
 * commits (kim_merge_log_fold), *waiting set; elsewhere straight into
 * kim/renumbered.csv.  Returns the number of rows, or -1 when the log
 * there is not a good log (said to d; nothing written).
 */
long kim_merge_log(const char *dir, const struct kim_merge *m,
    const char *date, int *waiting, struct kim_diag *d);
/*
 * The rows waiting for the data folder dir, each kept when the register
 * holds a KIM of its name whose notes say, on a line, KIM_RENUMBERED_NOTE
 * and its old id (a merge given up leaves rows of no renumbering; a KIM
 * renumbered twice keeps both lines), added to the log l (read from the
 * folder first).  Returns the number of rows added, and the path of the
 * waiting file, to remove once the log is committed, in *pending (NULL
 * when there is none).  was(arg, old, name) says whether the register
 * holds such a KIM.
 */
long kim_merge_log_fold(const char *dir, struct kim_renumbered *l,
    int (*was)(void *arg, const char *old, const char *name), void *arg,
    char **pending);
/* Are notes a and b the same, but for their lines of KIM_RENUMBERED_NOTE? */
int kim_merge_notes_same(const char *a, const char *b);
/* Does notes say, on a line of its own, KIM_RENUMBERED_NOTE and old? */
int kim_merge_says_was(const char *notes, const char *old);

#endif
