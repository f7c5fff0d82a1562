/*
 * kim_xlsx_out: rows out as an Office Open XML workbook (libxlsxwriter),
 * for kim_out's -f xlsx and kim-report's sheets
 */
#ifndef KIM_XLSX_OUT_H
#define KIM_XLSX_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "kim_date.h"

struct kim_xlsx;

/* what a column's cells are */
enum kim_xlsx_kind { KIM_XLSX_TEXT, KIM_XLSX_NUMBER, KIM_XLSX_DATE };
struct kim_xlsx_col {
	const char *name;
	enum kim_xlsx_kind kind;
};

/*
 * A new workbook, built in a private temporary folder in $TMPDIR (else
 * /tmp) and written to its stream by kim_xlsx_end.  Exit 4 if it cannot
 * be made.
 */
struct kim_xlsx *kim_xlsx_new(void);
/*
 * The day the workbook says it was made (its properties): by default
 * 1980-01-01, the day of its zip entries, never the time of writing, so
 * that the same data and --as-of give the same bytes.
 */
void kim_xlsx_day(struct kim_xlsx *, const struct kim_date *day);
/*
 * A new sheet (its name cut to Excel's 31 characters, the characters
 * Excel refuses in one as blanks) with these columns: their names in a
 * bold header row, frozen.  The sheet before it gets its widths.
 */
void kim_xlsx_sheet(struct kim_xlsx *, const char *name,
    const struct kim_xlsx_col *cols, size_t ncols);
/*
 * One row of the current sheet, each value typed by its column: a
 * number (shown with the decimals it was written with; a leading '+'
 * allowed), a date
 * (YYYY-MM-DD), or text as it is; never a formula.  A value that is not
 * what its column holds is written as text.
 * "" is an empty cell.  Exit 3 when a value or the rows do not fit in a
 * sheet (32,767 characters, 1,048,576 rows).
 */
void kim_xlsx_row(struct kim_xlsx *, const char *const *vals);
/*
 * Another table below the rows of the current sheet, after an empty row:
 * its own header row in bold, and its own columns for the rows after it.
 */
void kim_xlsx_table(struct kim_xlsx *, const struct kim_xlsx_col *cols,
    size_t ncols);
/*
 * A line of text in the first cell of the next row (a note below a
 * table; "" an empty row), left out of the column's width.
 */
void kim_xlsx_note(struct kim_xlsx *, const char *text);
/* Close the workbook, write it to fp, remove the temporary folder. */
void kim_xlsx_end(struct kim_xlsx *, FILE *fp);
/* Remove the workbook unwritten. */
void kim_xlsx_drop(struct kim_xlsx *);

#endif
