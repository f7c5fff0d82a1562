/*
 * kim_origin: who made a change that a merge brought -- the commit on its
 * own line of history, not the merge (kim-report's list of changes).
 */
#ifndef KIM_ORIGIN_H
#define KIM_ORIGIN_H

#include "kim_git.h"
#include "kim_input.h"

struct kim_origin;

/* The changes merge commit merge (an id of g) brought; records read with ctx */
struct kim_origin *kim_origin_new(struct kim_git *g,
    const struct kim_ctx *ctx, const char *merge);
/*
 * The commit that made record id of register file name (NAME.csv) go from
 * was, as the merge's first parent has it, to now, as the merge has it
 * (was NULL: the record is new; now NULL: it is gone): of the commits the
 * merge brought (reachable from its other parents, not from its first),
 * the one whose record has now's values in every field where was and now
 * differ while its parents' have not, found by walking back from the
 * merge through the parents that have them.  The merge itself when none
 * has them, or when the values were already on the first parent's line:
 * a conflict resolved by hand, a number the merge driver gave.  Owned by
 * the kim_origin, valid until kim_origin_free.  The walk is bounded by
 * the commits the merge brought; each blob is read once.
 */
const struct kim_git_rev *kim_origin_of(struct kim_origin *, const char *name,
    const char *id, const struct kim_record *was,
    const struct kim_record *now);
void kim_origin_free(struct kim_origin *);

#endif
