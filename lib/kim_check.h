/* kim_check: every rule of the data folder, checked */
#ifndef KIM_CHECK_H
#define KIM_CHECK_H

#include "kim_date.h"
#include "kim_err.h"
#include "kim_input.h"

/*
 * Check a data folder: wilayah.csv, every register file (its name, header,
 * records, order, ids, names and canonical form), targets.csv and rules,
 * and the folder's state: a journal left pending, register files git has
 * not committed.  Every problem is reported to d.  Returns their number, or -1 when the
 * folder's wilayah.csv cannot be read (also reported).
 */
long kim_check_folder(const char *dir, const struct kim_date *as_of,
    struct kim_diag *d);
/*
 * The same but for wilayah.csv itself and the folder's state, on the region list and as-of day of
 * ctx, and of the register files that can hold ctx's regions only (all
 * when it has none); each record read goes on to fn (when not NULL), with
 * its problems or not, so that one reading both checks the register and
 * uses it.
 * Returns the number of problems.
 */
long kim_check_register(const char *dir, const struct kim_ctx *ctx,
    struct kim_diag *d, kim_record_fn fn, void *arg);

#endif
