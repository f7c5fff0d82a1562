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

/*
 * A region mapping (kim-data(5), REGION MAPPINGS): CSV whose columns old
 * and new (others are ignored) map the region codes of the list old onto
 * those of the list new.  A line maps its region and everything inside
 * it: a village keeps its own part (the four digits) under a kecamatan's
 * line, unless a line of its own says otherwise; the most specific line
 * wins.
 */
struct kim_recode;

/*
 * Read the mapping at path (a file named on the command line).  Each bad line is reported to d with its place and left out:
 * an old or new value that is not a region code, an old region old does
 * not have, a new one new does not have, a line onto a region of another
 * depth, an old region on two lines.  Returns the number of problems
 * (*map set even so), or -1 when the file cannot be read.
 */
long kim_recode_load(struct kim_recode **map, const char *path,
    const struct kim_wilayah *old, const struct kim_wilayah *new,
    struct kim_diag *d);
/*
 * The new code the mapping gives the region code (in out, returned), or
 * NULL when no line maps it or anything it is inside.
 */
const char *kim_recode_code(const struct kim_recode *, const char *code,
    struct kim_buf *out);
/* Where the line that mapped a code is: the mapping, its line, new's column */
struct kim_recode_at {
	const char *path;
	long line, col;
};
/* kim_recode_code, and where the line it took is (at may be NULL) */
const char *kim_recode_code_at(const struct kim_recode *, const char *code,
    struct kim_buf *out, struct kim_recode_at *at);
void kim_recode_free(struct kim_recode *);

struct kim_change;
/*
 * kim-register --recode MAP [--wilayah NEW] (kim-register(1)), under the
 * lock of c's register: every record whose region the mapping moves gets
 * its new region, a new id there (one more than the highest number its
 * ids and former ids used), its old id last in former_ids, and goes to
 * the file of its new kabupaten; with new_list (or NULL) the list is
 * installed as wilayah.csv in the same change.  A mapping line onto a
 * region the new list lacks, a record the new list would leave without
 * its region, two KIM of one name brought into one region: each said
 * with its place, and nothing written (exit 3).
 */
void kim_change_recode(struct kim_change *c, const char *mapping,
    const char *new_list);

struct kim_gone;

/*
 * A report, to out, of the records whose region the list new does not
 * have, old being the list they were made with; with a mapping (or
 * NULL), of those it does not move to a region new has.  new's names are
 * indexed once here; the report's memory grows with new's regions, not
 * with the records.
 */
struct kim_gone *kim_gone_new(const struct kim_wilayah *old,
    const struct kim_wilayah *new, const struct kim_recode *map,
    struct kim_out *out);
/*
 * A record of the register, in the register's order (a kim_record_fn):
 * the records of one region come one after another, and make one row.
 */
int kim_gone_record(void *gone, struct kim_record *);
/* The last row out; the number of rows (regions gone); freed. */
long kim_gone_end(struct kim_gone *);

#endif
