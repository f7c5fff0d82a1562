/*
 * kim_xlsx_out: rows out as an Office Open XML workbook through
 * libxlsxwriter.  Values are written by their column's type with
 * worksheet_write_string / _number / _datetime, never worksheet_write()
 * or a formula: a name "=1+1" stays the text it is.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "kim_date.h"
#include "kim_err.h"
#include "kim_extlib.h"
#include "kim_util.h"
#include "kim_xlsx_out.h"

/* the widest column a sheet gets, in characters */
#define WIDTH_MAX 60
/* decimals a number is shown with at most */
#define DECIMALS_MAX 6
/* 1980-01-01T00:00:00Z, the time of the workbook's zip entries */
#define MADE_1980 315532800

struct kim_xlsx {
	char *dir, *path;	/* the temporary folder and the workbook in it */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date, *decimals[DECIMALS_MAX + 1];
	const struct kim_xlsx_col *cols;
	size_t ncols;
	size_t *width, nwidth;	/* per column of the sheet */
	lxw_row_t row;
	int sheets;
};

static void
cleanup(struct kim_xlsx *x)
{
	if (x->path)
		unlink(x->path);
	if (x->dir)
		rmdir(x->dir);
	free(x->path);
	free(x->dir);
	free(x->width);
	free(x);
}

struct kim_xlsx *
kim_xlsx_new(void)
{
	struct kim_xlsx *x;
	const char *tmp = getenv("TMPDIR");
	struct kim_buf b = { 0 };
	lxw_workbook_options opt = { 0 };

	kim_extlib_need(KIM_EXT_XLSXWRITER);
	x = kim_calloc(1, sizeof *x);
	kim_buf_addf(&b, "%s/kim-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(b.s))
		kim_die(KIM_EXIT_IO, "%s: cannot make a folder for the "
		    "workbook (TMPDIR):", b.s);
	x->dir = b.s;
	x->path = kim_strdup(x->dir);
	x->path = kim_realloc(x->path, strlen(x->dir) + sizeof "/book.xlsx");
	strcat(x->path, "/book.xlsx");
	/* rows go to a file as they come: memory does not grow with them */
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = x->dir;
	if (!(x->wb = workbook_new_opt(x->path, &opt))) {
		cleanup(x);
		kim_die(KIM_EXIT_IO, "cannot start a workbook");
	}
	kim_xlsx_day(x, NULL);
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	for (int i = 1; i <= DECIMALS_MAX; i++) {
		char f[DECIMALS_MAX + 3] = "0.";
		memset(f + 2, '0', (size_t)i);
		f[2 + i] = '\0';
		x->decimals[i] = workbook_add_format(x->wb);
		format_set_num_format(x->decimals[i], f);
	}
	return x;
}

void
kim_xlsx_day(struct kim_xlsx *x, const struct kim_date *day)
{
	lxw_doc_properties p = { 0 };

	p.created = day ? (time_t)kim_date_days(day) * 86400 : MADE_1980;
	if (workbook_set_properties(x->wb, &p) != LXW_NO_ERROR)
		kim_die(KIM_EXIT_IO, "cannot start a workbook");
}

/* The widths of the sheet's columns: its longest value, and a margin */
static void
widths(struct kim_xlsx *x)
{
	for (size_t i = 0; x->ws && i < x->nwidth; i++) {
		size_t w = x->width[i] + 2;
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i,
		    (double)(w > WIDTH_MAX ? WIDTH_MAX : w), NULL);
	}
}

static void
put_string(struct kim_xlsx *x, size_t col, const char *v, lxw_format *f)
{
	lxw_error e = worksheet_write_string(x->ws, x->row, (lxw_col_t)col, v,
	    f);

	if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
		kim_die(KIM_EXIT_DATA, "row %ld, %s: %zu characters do not fit "
		    "in a spreadsheet cell (at most 32,767)", (long)x->row,
		    col < x->ncols ? x->cols[col].name : "", strlen(v));
	if (e == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
		kim_die(KIM_EXIT_DATA, "more than %ld rows do not fit in a "
		    "sheet", (long)LXW_ROW_MAX - 1);
	if (e != LXW_NO_ERROR)
		kim_die(KIM_EXIT_IO, "cannot write the workbook: %s",
		    lxw_strerror(e));
}

/* A header row at x->row: the columns of the rows after it */
static void
header(struct kim_xlsx *x, const struct kim_xlsx_col *cols, size_t ncols)
{
	x->cols = cols;
	x->ncols = ncols;
	if (ncols > x->nwidth) {
		x->width = kim_reallocarray(x->width, ncols, sizeof *x->width);
		memset(x->width + x->nwidth, 0, (ncols - x->nwidth) *
		    sizeof *x->width);
		x->nwidth = ncols;
	}
	for (size_t i = 0; i < ncols; i++) {
		size_t w = kim_utf8_width(cols[i].name);
		put_string(x, i, cols[i].name, x->bold);
		if (w > x->width[i])
			x->width[i] = w;
	}
}

void
kim_xlsx_table(struct kim_xlsx *x, const struct kim_xlsx_col *cols,
    size_t ncols)
{
	x->row += 2;
	header(x, cols, ncols);
}

void
kim_xlsx_note(struct kim_xlsx *x, const char *text)
{
	x->row++;
	if (*text)
		put_string(x, 0, text, NULL);
}

void
kim_xlsx_sheet(struct kim_xlsx *x, const char *name,
    const struct kim_xlsx_col *cols, size_t ncols)
{
	char sheet[4 * LXW_SHEETNAME_MAX + 1];
	size_t n = 0, chars = 0;

	widths(x);
	/* at most 31 characters, none of []:*?/\ */
	for (const char *p = name; *p && chars < LXW_SHEETNAME_MAX; chars++) {
		size_t len = 1;
		while (len < 4 && (p[len] & 0xc0) == 0x80)
			len++;
		sheet[n] = strchr("[]:*?/\\", *p) ? ' ' : *p;
		memcpy(sheet + n + 1, p + 1, len - 1);
		n += len;
		p += len;
	}
	sheet[n] = '\0';
	x->sheets++;
	if (!n)
		snprintf(sheet, sizeof sheet, "Sheet%d", x->sheets);
	if (!(x->ws = workbook_add_worksheet(x->wb, sheet)))
		kim_die(KIM_EXIT_IO, "cannot add the sheet '%s' to the "
		    "workbook", sheet);
	free(x->width);
	x->width = NULL;
	x->nwidth = 0;
	x->row = 0;
	header(x, cols, ncols);
	worksheet_freeze_panes(x->ws, 1, 0);
}

/* A number as written: its value and decimals; 0 if it is not one */
static int
number(const char *v, double *d, int *decimals)
{
	char *end;
	const char *dot;

	if (!*v || strspn(v, "+-0123456789.") != strlen(v))
		return 0;
	errno = 0;
	*d = strtod(v, &end);
	if (*end || errno)
		return 0;
	dot = strchr(v, '.');
	*decimals = dot ? (int)strlen(dot + 1) : 0;
	if (*decimals > DECIMALS_MAX)
		*decimals = DECIMALS_MAX;
	return 1;
}

void
kim_xlsx_row(struct kim_xlsx *x, const char *const *vals)
{
	x->row++;
	for (size_t i = 0; i < x->ncols; i++) {
		const char *v = vals[i];
		struct kim_date d;
		double n;
		int dec;
		size_t w;

		if (!*v)
			continue;
		w = kim_utf8_width(v);
		if (x->cols[i].kind == KIM_XLSX_NUMBER && number(v, &n, &dec)) {
			if (worksheet_write_number(x->ws, x->row, (lxw_col_t)i,
			    n, dec ? x->decimals[dec] : NULL) != LXW_NO_ERROR)
				put_string(x, i, v, NULL);	/* says why */
		} else if (x->cols[i].kind == KIM_XLSX_DATE &&
		    kim_date_parse(v, &d) == 0) {
			lxw_datetime dt = { d.y, d.m, d.d, 0, 0, 0 };
			if (worksheet_write_datetime(x->ws, x->row,
			    (lxw_col_t)i, &dt, x->date) != LXW_NO_ERROR)
				put_string(x, i, v, NULL);
		} else
			put_string(x, i, v, NULL);
		if (w > x->width[i])
			x->width[i] = w;
	}
}

void
kim_xlsx_end(struct kim_xlsx *x, FILE *fp)
{
	char buf[65536];
	size_t n;
	lxw_error e;
	FILE *in;

	if (!x->sheets)
		kim_xlsx_sheet(x, "", NULL, 0);
	widths(x);
	e = workbook_close(x->wb);
	x->wb = NULL;
	if (e != LXW_NO_ERROR) {
		cleanup(x);
		kim_die(KIM_EXIT_IO, "cannot write the workbook: %s",
		    lxw_strerror(e));
	}
	if (!(in = fopen(x->path, "rb"))) {
		cleanup(x);
		kim_die(KIM_EXIT_IO, "cannot read the workbook written:");
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, fp) != n)
			break;
	fclose(in);
	cleanup(x);
	kim_write_check(fp);
}

void
kim_xlsx_drop(struct kim_xlsx *x)
{
	if (x->wb)
		lxw_workbook_free(x->wb);
	cleanup(x);
}
