/*
 * kim_recode: the register moved onto a new region list (a Kepmendagri
 * decree's amended codes): which records a new list leaves without their
 * region, and the regions of the same name there that may be theirs.
 */
#ifndef KIM_RECODE_H
#define KIM_RECODE_H

#include <stddef.h>

#include "kim_out.h"
#include "kim_record.h"
#include "kim_wilayah.h"

/* The columns of the report of records whose region is gone (kim-check(1)) */
extern const struct kim_col kim_gone_cols[];
extern const size_t kim_gone_ncols;

struct kim_gone;

/*
 * A report, to out, of the records whose region the list new does not
 * have, old being the list they were made with.  new's names are indexed
 * once here; the report's memory grows with new's regions, not with the
 * records.
 */
struct kim_gone *kim_gone_new(const struct kim_wilayah *old,
    const struct kim_wilayah *new, struct kim_out *out);
/*
 * A record of the register, in the register's order (a kim_record_fn):
 * the records of one region come one after another, and make one row.
 */
int kim_gone_record(void *gone, struct kim_record *);
/* The last row out; the number of rows (regions gone); freed. */
long kim_gone_end(struct kim_gone *);

#endif
