/* kim_check: every rule of the data folder, checked */
#ifndef KIM_CHECK_H
#define KIM_CHECK_H

#include "kim_date.h"
#include "kim_err.h"

/*
 * Check a data folder: wilayah.csv, every register file (its name, header,
 * records, order, ids, names and canonical form), targets.csv and rules.
 * Every problem is reported to d.  Returns their number, or -1 when the
 * folder's wilayah.csv cannot be read (also reported).
 */
long kim_check_folder(const char *dir, const struct kim_date *as_of,
    struct kim_diag *d);

#endif
