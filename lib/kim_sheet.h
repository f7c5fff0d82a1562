/*
 * kim_sheet: kim-register --import of lists kept in spreadsheets: header
 * names by the aliases of the field table, values as spreadsheets write
 * them (dates, status words, sectors), empty rows, other encodings, the
 * options that say how, and the import's summary line.
 */
#ifndef KIM_SHEET_H
#define KIM_SHEET_H

#include "kim_record.h"
#include "kim_util.h"

/* How a date with '/' or '-' between its parts is read (--date-format) */
enum kim_dorder { KIM_DMY, KIM_MDY, KIM_YMD };

struct kim_places;

struct kim_sheet {
	/* the options */
	int ignore_columns;	/* --ignore-columns */
	enum kim_dorder order;	/* --date-format */
	int day_first;		/* no --date-format: day first always */
	const char *encoding;	/* --encoding, NULL for UTF-8 */
	const char *given;	/* the last of the options given, or NULL */
	int update;		/* --update: a row with an id changes it */
	int skip_existing;	/* --skip-existing */
	int update_opt;		/* the option --update of the command */
	const char *sheet;	/* --sheet: of a workbook, else its first */
	char *where;		/* a workbook's "PATH:SHEET!", for messages */
	int serials;		/* a workbook: numbers in date columns are
				   serial days */
	int date1904;		/* of its 1904 date system */
	const char *area;	/* -r: the region the names of places are in */
	const struct kim_region *area_r;	/* it, in the region list */
	struct kim_places *places;	/* their index, made once, when a row
					   first names a place */
	long place_col[2];	/* the header's columns (1-based, 0: none)
				   of the desa and of the kecamatan */
	/* what reading found */
	long rows;		/* rows of data read, empty ones included */
	long empty;		/* rows empty or holding only separators */
	long from_year;		/* dates completed from a bare year */
	long converted;		/* values rewritten as the register keeps them */
	long by_name;		/* region codes found by the names of places */
	int aliased;		/* a column named by another name */
	int has_col[KIM_NFIELDS];	/* the file had the column */
	int header_seen;
	struct kim_buf ignored;	/* "'A', 'B'": columns left out */
	long nignored;
	struct kim_buf derived;	/* "desa, kecamatan": derived columns */
	/* what the change did */
	long added, updated, unchanged, skipped;
};

/*
 * The field a spreadsheet's header name means: a column's name or one of
 * its aliases, ignoring case, with blanks, '_', '-' and '.' alike (a
 * derived column gives its index, >= KIM_NFIELDS); -1 for none.
 */
int kim_sheet_column(const char *name);

/*
 * Does a spreadsheet's header name mean the column canon, whose other
 * names are aliases ('|'-separated, or NULL)?  Compared as
 * kim_sheet_column compares them: case, blanks, '_', '-' and '.' forgiven.
 */
int kim_sheet_name_is(const char *name, const char *canon,
    const char *aliases);

/*
 * With --ignore-columns, note that column name is left out and return 1;
 * else 0.  kim_sheet_warn_ignored warns once, at "FILE:LINE", of those
 * left out.
 */
int kim_sheet_ignore(struct kim_sheet *, const char *name);
void kim_sheet_warn_ignored(struct kim_sheet *, const char *at);

/*
 * A date as spreadsheets write it (dd/mm/yyyy, d-m-yyyy, dd.mm.yyyy in
 * the order of --date-format, yyyy/m/d, a bare year as 1 January, a
 * workbook's serial day), into out as YYYY-MM-DD: 1 when done, 0 when
 * it is of none of those forms (left to the field's check), -1 after
 * reporting "FNAME: ..." at file:line:col.
 */
int kim_sheet_date(struct kim_sheet *, const char *fname, const char *s,
    struct kim_buf *out, struct kim_diag *, const char *file, long line,
    long col);

/*
 * The value of field f as the register keeps it, from what a spreadsheet
 * wrote in s (a cell of len bytes): dates in the day-month-year order of
 * the options, a bare year as 1 January, status words in any case and
 * their synonyms, sectors separated by ',' too.  Returns s itself, or the
 * new value in out; NULL after reporting the problem at file:line:col.
 */
const char *kim_sheet_value(struct kim_sheet *, int f, const char *s,
    struct kim_buf *out, struct kim_diag *, const char *file, long line,
    long col);

/*
 * The region code of a row that has none, found inside the area of -r by
 * the names in its desa and kecamatan cells (kim_places; its index made
 * at the first call).  NULL after reporting at file:line:col that no
 * place, or more than one, has those names, with the candidates.
 */
const char *kim_sheet_place(struct kim_sheet *, const struct kim_wilayah *,
    const char *desa, const char *kec, struct kim_diag *, const char *file,
    long line, long col);

/* Is every field of the row blank? */
int kim_sheet_empty_row(char *const *f, size_t n);

/*
 * The whole of fd converted from the encoding of the options to UTF-8,
 * into out; -1 after reporting the problem (position of the first byte
 * that is not of the encoding) to d, -2 when fd cannot be read.
 */
int kim_sheet_recode(struct kim_sheet *, int fd, const char *name,
    struct kim_buf *out, struct kim_diag *);

/* The summary line of an import, to standard error */
void kim_sheet_summary(const struct kim_sheet *, int dry_run);

void kim_sheet_free(struct kim_sheet *);

#endif
