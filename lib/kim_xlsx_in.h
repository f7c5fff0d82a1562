/* kim_xlsx_in: the rows of one sheet of an Office Open XML workbook */
#ifndef KIM_XLSX_IN_H
#define KIM_XLSX_IN_H

#include "kim_csv.h"
#include "kim_err.h"

/* the most bytes one part of a workbook may hold once inflated */
#define KIM_XLSX_PART_MAX	(256L * 1024 * 1024)

/* Is path a workbook (.xlsx, by its name)? */
int kim_xlsx_is(const char *path);

/*
 * Read the sheet named sheet (NULL: the first) of the workbook path: its
 * rows to fn as CSV rows (the first row the header; line is the row
 * number, a field's column its column, A = 1), every cell as text: shared
 * and inline strings as they are, numbers as written, a number in a date
 * format as YYYY-MM-DD (1900 and 1904 systems).  *where is set to
 * "PATH:SHEET!", the name for kim_place to show cells (C7).  *date1904
 * tells the date system, for serial numbers of date columns without a
 * date format.  Returns the problems reported to d (0 when read), or -1
 * when the file cannot be read.
 */
long kim_xlsx_read(const char *path, const char *sheet, kim_csv_fn fn,
    void *arg, struct kim_diag *d, char **where, int *date1904);

/* The date of serial number v in that system into buf (11 bytes); -1 if
 * it is no day from 1900 to 9999 */
int kim_xlsx_serial_date(double v, int date1904, char *buf);

#endif
