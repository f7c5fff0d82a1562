/*
 * kim_xlsx_in: reading one sheet of an Office Open XML workbook (.xlsx)
 * through minizip (the archive) and expat (its XML), streamed row by row
 * into the CSV row callback every reader of records uses; the limits
 * against zip bombs and endless sheets hold while inflating.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "kim_date.h"
#include "kim_extlib.h"
#include "kim_util.h"
#include "kim_xlsx_in.h"

int
kim_xlsx_is(const char *path)
{
	size_t n = strlen(path);

	return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

int
kim_xlsx_serial_date(double v, int date1904, char *buf)
{
	struct kim_date base = { 1899, 12, 30 }, d;
	long days;

	if (date1904)
		base = (struct kim_date){ 1904, 1, 1 };
	else if (v < 61)	/* Lotus's 29 February 1900 that never was */
		base = (struct kim_date){ 1899, 12, 31 };
	if (!(v >= 1 && v < 3e6))
		return -1;
	days = kim_date_days(&base) + (long)floor(v);
	d = kim_date_from_days(days);
	if (d.y < 1900 || d.y > 9999)
		return -1;
	kim_date_fmt(&d, buf);
	return 0;
}

/* the local part of an XML name: "x:row" is "row" */
static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *
attr(const char **a, const char *name)
{
	for (; a[0]; a += 2)
		if (strcmp(local(a[0]), name) == 0)
			return a[1];
	return NULL;
}

struct xl {
	const char *path;
	char *where;		/* "PATH:SHEET!" */
	struct kim_diag *d;
	long problems;
	XML_Parser p;
	/* workbook */
	const char *want;	/* the sheet asked for, or NULL */
	char *sheet, *rid, *target;
	int date1904;
	/* shared strings */
	struct kim_buf ss;	/* the strings, each NUL-terminated */
	size_t *ssoff, nss, capss;
	int in_si, in_t, in_rph;
	/* styles: is cell format k a date? */
	int in_xfs;
	char **customs;		/* numFmtId -> formatCode, for ids < 512 */
	unsigned char *isdate;
	size_t nxf;
	/* the sheet */
	struct kim_buf text;	/* of the value being read */
	int in_v, in_is, cell_t;	/* cell type: 's', 'n', 'i', 'b', 'e', 'd', 'r' */
	long cell_col, cell_style;
	char **cells;		/* this row's, by column - 1 */
	size_t ncells, capcells;
	long row;
	size_t width;		/* the header's columns; 0 before it */
	long index;
	kim_csv_fn fn;
	void *arg;
	int stop;
};

static void
xl_problem(struct xl *x, long line, long col, const char *fmt, const char *s)
{
	x->problems++;
	kim_diagf(x->d, line ? x->where : x->path, line, col, fmt, s);
}

/* C7 into its column 3 and row 7; -1 when it is no cell reference */
static int
cellref(const char *s, long *col, long *row)
{
	long c = 0, r = 0;

	for (; *s >= 'A' && *s <= 'Z' && c < 20000; s++)
		c = c * 26 + (*s - 'A' + 1);
	for (; *s >= '0' && *s <= '9' && r < 100000000; s++)
		r = r * 10 + (*s - '0');
	if (*s || c == 0 || r == 0)
		return -1;
	*col = c;
	*row = r;
	return 0;
}

/* Inflate part name of the archive into the parser; 1 when absent. */
static int
parse_part(struct xl *x, unzFile uf, const char *name, int required)
{
	unz_file_info64 info;
	char buf[1 << 16];
	long long total = 0;
	int n = 0, r = 0;

	if (unzLocateFile(uf, name, 1) != UNZ_OK) {
		if (required)
			xl_problem(x, 0, 0, "not a workbook: it has no %s "
			    "(save it again as an Excel workbook, .xlsx)", name);
		return required ? -1 : 1;
	}
	if (unzGetCurrentFileInfo64(uf, &info, NULL, 0, NULL, 0, NULL, 0) !=
	    UNZ_OK || (info.flag & 1)) {
		xl_problem(x, 0, 0, "%s: the workbook is encrypted (save it "
		    "without a password)", name);
		return -1;
	}
	if (info.uncompressed_size > (unsigned long long)KIM_XLSX_PART_MAX) {
		char what[300];
		snprintf(what, sizeof what, "%s inflates to %llu bytes", name,
		    (unsigned long long)info.uncompressed_size);
		xl_problem(x, 0, 0, "%s: more than the limit of 256 MiB a "
		    "part (kim-data(5), LIMITS)", what);
		return -1;
	}
	if (unzOpenCurrentFile(uf) != UNZ_OK) {
		xl_problem(x, 0, 0, "%s: cannot be inflated (the workbook is "
		    "broken)", name);
		return -1;
	}
	while (!x->stop && (n = unzReadCurrentFile(uf, buf, sizeof buf)) > 0) {
		total += n;
		if (total > KIM_XLSX_PART_MAX) {
			/* the size it claimed was a lie: a zip bomb */
			xl_problem(x, 0, 0, "%s: inflates to more than the limit "
			    "of 256 MiB a part (kim-data(5), LIMITS)", name);
			r = -1;
			break;
		}
		if (XML_Parse(x->p, buf, n, 0) == XML_STATUS_ERROR &&
		    !x->stop) {
			char what[600];
			snprintf(what, sizeof what, "%s, line %lu: %s", name,
			    (unsigned long)XML_GetCurrentLineNumber(x->p),
			    XML_ErrorString(XML_GetErrorCode(x->p)));
			xl_problem(x, 0, 0, "not a workbook: %s", what);
			r = -1;
			break;
		}
	}
	if (n < 0 && r == 0) {
		xl_problem(x, 0, 0, "%s: cannot be inflated (the workbook is "
		    "broken)", name);
		r = -1;
	}
	if (r == 0 && !x->stop && XML_Parse(x->p, "", 0, 1) ==
	    XML_STATUS_ERROR) {
		xl_problem(x, 0, 0, "not a workbook: %s ends too early", name);
		r = -1;
	}
	unzCloseCurrentFile(uf);
	return r;
}

/* ---- workbook.xml and its relationships ---- */

static void XMLCALL
wb_start(void *arg, const char *el, const char **a)
{
	struct xl *x = arg;
	const char *v, *n = local(el);

	if (strcmp(n, "workbookPr") == 0 && (v = attr(a, "date1904")))
		x->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	if (strcmp(n, "sheet") == 0 && !x->sheet && (v = attr(a, "name")) &&
	    (!x->want || strcmp(v, x->want) == 0) && attr(a, "id")) {
		x->sheet = kim_strdup(v);
		x->rid = kim_strdup(attr(a, "id"));
	}
}

static void XMLCALL
rel_start(void *arg, const char *el, const char **a)
{
	struct xl *x = arg;
	const char *id = attr(a, "Id"), *t = attr(a, "Target");

	if (strcmp(local(el), "Relationship") != 0 || !id || !t || x->target ||
	    strcmp(id, x->rid) != 0)
		return;
	if (t[0] == '/')
		x->target = kim_strdup(t + 1);
	else {
		x->target = kim_malloc(strlen(t) + 4);
		sprintf(x->target, "xl/%s", t);
	}
}

/* ---- sharedStrings.xml ---- */

static void XMLCALL
ss_start(void *arg, const char *el, const char **a)
{
	struct xl *x = arg;
	const char *n = local(el);

	(void)a;
	if (strcmp(n, "si") == 0) {
		x->in_si = 1;
		if (x->nss == x->capss) {
			x->capss = x->capss ? x->capss * 2 : 256;
			x->ssoff = kim_reallocarray(x->ssoff, x->capss,
			    sizeof *x->ssoff);
		}
		x->ssoff[x->nss++] = x->ss.len;
	} else if (strcmp(n, "rPh") == 0)
		x->in_rph = 1;	/* phonetic reading: not the text */
	else if (strcmp(n, "t") == 0 && x->in_si && !x->in_rph)
		x->in_t = 1;
}

static void XMLCALL
ss_end(void *arg, const char *el)
{
	struct xl *x = arg;
	const char *n = local(el);

	if (strcmp(n, "si") == 0) {
		kim_buf_add(&x->ss, "", 1);
		x->in_si = 0;
	} else if (strcmp(n, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(n, "t") == 0)
		x->in_t = 0;
}

static void XMLCALL
ss_text(void *arg, const char *s, int len)
{
	struct xl *x = arg;

	if (x->in_t)
		kim_buf_add(&x->ss, s, (size_t)len);
}

/* ---- styles.xml: which cell formats show dates ---- */

static int
date_code(const char *code)
{
	int q = 0, br = 0;

	for (; *code; code++) {
		if (*code == '"')
			q = !q;
		else if (*code == '[')
			br = 1;
		else if (*code == ']')
			br = 0;
		else if (!q && !br && strchr("dDyY", *code))
			return 1;
	}
	return 0;
}

static void XMLCALL
st_start(void *arg, const char *el, const char **a)
{
	struct xl *x = arg;
	const char *n = local(el), *v;

	if (strcmp(n, "numFmt") == 0 && (v = attr(a, "numFmtId")) &&
	    attr(a, "formatCode")) {
		long id = strtol(v, NULL, 10);
		if (id >= 0 && id < 512 && !x->customs[id])
			x->customs[id] = kim_strdup(attr(a, "formatCode"));
	} else if (strcmp(n, "cellXfs") == 0)
		x->in_xfs = 1;
	else if (strcmp(n, "xf") == 0 && x->in_xfs) {
		long id = (v = attr(a, "numFmtId")) ? strtol(v, NULL, 10) : 0;
		x->isdate = realloc(x->isdate, x->nxf + 1);
		if (!x->isdate)
			kim_die(KIM_EXIT_IO, "out of memory");
		x->isdate[x->nxf++] = (unsigned char)((id >= 14 && id <= 22) ||
		    (id >= 45 && id <= 47) || (id >= 0 && id < 512 &&
		    x->customs[id] && date_code(x->customs[id])));
	}
}

static void XMLCALL
st_end(void *arg, const char *el)
{
	struct xl *x = arg;

	if (strcmp(local(el), "cellXfs") == 0)
		x->in_xfs = 0;
}

/* ---- the sheet ---- */

static void
set_cell(struct xl *x, long col, const char *s, size_t len)
{
	size_t k = (size_t)col - 1;

	if (k >= x->capcells) {
		size_t cap = x->capcells ? x->capcells : 32;
		while (cap <= k)
			cap *= 2;
		x->cells = kim_reallocarray(x->cells, cap, sizeof *x->cells);
		memset(x->cells + x->capcells, 0,
		    (cap - x->capcells) * sizeof *x->cells);
		x->capcells = cap;
	}
	free(x->cells[k]);
	x->cells[k] = kim_malloc(len + 1);
	memcpy(x->cells[k], s, len);
	x->cells[k][len] = '\0';
	if (k + 1 > x->ncells)
		x->ncells = k + 1;
}

static void
end_row(struct xl *x)
{
	static char empty[] = "";
	size_t n = x->ncells, i;

	/* trailing empty cells are no columns */
	while (n > 0 && (!x->cells[n - 1] || !*x->cells[n - 1]))
		n--;
	if (x->width == 0 && n == 0)
		goto done;		/* before the header */
	if (x->width == 0)
		x->width = n;
	else if (n > x->width) {
		char ref[16];
		long c = (long)n;
		size_t k = sizeof ref - 1;
		ref[k] = '\0';
		for (; c > 0; c = (c - 1) / 26)
			ref[--k] = (char)('A' + (c - 1) % 26);
		xl_problem(x, x->row, (long)n, "a value in column %s, which "
		    "has no name in the header", ref + k);
		goto done;
	}
	if (x->index > KIM_RECORDS_MAX) {
		x->problems++;
		kim_diagf(x->d, x->where, x->row, 0, "more than %ld records in "
		    "one sheet: that is the limit (kim-data(5), LIMITS)",
		    KIM_RECORDS_MAX);
		x->stop = 1;
		XML_StopParser(x->p, 0);
		goto done;
	}
	{
		char **f = kim_calloc(x->width, sizeof *f);
		size_t *len = kim_calloc(x->width, sizeof *len);
		int clean = 1;
		for (i = 0; i < x->width; i++) {
			f[i] = i < x->ncells && x->cells[i] ? x->cells[i] : empty;
			len[i] = strlen(f[i]);
			for (size_t k = 0; k < len[i]; k++)
				clean &= f[i][k] >= 0x20 && f[i][k] < 0x7f;
		}
		struct kim_csv_row r = { .n = x->width, .f = f, .len = len,
		    .line = x->row, .index = x->index++, .clean = clean };
		if (x->fn(x->arg, &r)) {
			x->stop = 1;
			XML_StopParser(x->p, 0);
		}
		free(f);
		free(len);
	}
done:
	for (i = 0; i < x->ncells; i++) {
		free(x->cells[i]);
		x->cells[i] = NULL;
	}
	x->ncells = 0;
}

static void XMLCALL
sh_start(void *arg, const char *el, const char **a)
{
	struct xl *x = arg;
	const char *n = local(el), *v;

	if (strcmp(n, "row") == 0) {
		x->row = (v = attr(a, "r")) ? strtol(v, NULL, 10) : x->row + 1;
		x->cell_col = 0;
	} else if (strcmp(n, "c") == 0) {
		long col = x->cell_col + 1, row = x->row;
		if ((v = attr(a, "r")) && cellref(v, &col, &row) < 0)
			col = x->cell_col + 1;
		x->cell_col = col;
		v = attr(a, "t");
		x->cell_t = !v ? 'n' : strcmp(v, "s") == 0 ? 's' :
		    strcmp(v, "inlineStr") == 0 ? 'i' : strcmp(v, "str") == 0 ?
		    'r' : v[0];
		x->cell_style = (v = attr(a, "s")) ? strtol(v, NULL, 10) : 0;
		kim_buf_reset(&x->text);
	} else if (strcmp(n, "v") == 0)
		x->in_v = 1;
	else if (strcmp(n, "is") == 0)
		x->in_is = 1;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 1;
	else if (strcmp(n, "t") == 0 && x->in_is && !x->in_rph)
		x->in_t = 1;
}

static void
end_cell(struct xl *x)
{
	const char *s = kim_buf_str(&x->text);
	char date[16];
	size_t len = x->text.len;

	if (x->cell_col > 16384)
		return;
	if (x->cell_t == 's') {
		char *end;
		unsigned long k = strtoul(s, &end, 10);
		if (*end || k >= x->nss) {
			xl_problem(x, x->row, x->cell_col, "a shared string "
			    "that is not in the workbook: %s", s);
			return;
		}
		s = x->ss.s + x->ssoff[k];
		len = strlen(s);
	} else if (x->cell_t == 'n' && len > 0 && x->cell_style >= 0 &&
	    (size_t)x->cell_style < x->nxf && x->isdate[x->cell_style]) {
		char *end;
		double v = strtod(s, &end);
		if (!*end && kim_xlsx_serial_date(v, x->date1904, date) == 0) {
			s = date;
			len = strlen(date);
		}
	} else if (x->cell_t == 'b')
		s = strcmp(s, "1") == 0 ? "TRUE" : "FALSE", len = strlen(s);
	set_cell(x, x->cell_col, s, len);
}

static void XMLCALL
sh_end(void *arg, const char *el)
{
	struct xl *x = arg;
	const char *n = local(el);

	if (strcmp(n, "row") == 0)
		end_row(x);
	else if (strcmp(n, "c") == 0)
		end_cell(x);
	else if (strcmp(n, "v") == 0)
		x->in_v = 0;
	else if (strcmp(n, "is") == 0)
		x->in_is = 0;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(n, "t") == 0)
		x->in_t = 0;
}

static void XMLCALL
sh_text(void *arg, const char *s, int len)
{
	struct xl *x = arg;

	if (x->in_v || x->in_t) {
		if (x->text.len + (size_t)len > (size_t)KIM_FIELD_MAX) {
			xl_problem(x, x->row, x->cell_col, "%s", "a cell of more "
			    "than 64 KiB: that is the limit (kim-data(5), "
			    "LIMITS)");
			x->stop = 1;
			XML_StopParser(x->p, 0);
			return;
		}
		kim_buf_add(&x->text, s, (size_t)len);
	}
}

/* A new parser for the next part, with these handlers. */
static void
parser(struct xl *x, XML_StartElementHandler st, XML_EndElementHandler en,
    XML_CharacterDataHandler tx)
{
	if (x->p)
		XML_ParserFree(x->p);
	x->p = XML_ParserCreate("UTF-8");
	if (!x->p)
		kim_die(KIM_EXIT_IO, "out of memory");
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, st, en);
	XML_SetCharacterDataHandler(x->p, tx);
}

long
kim_xlsx_read(const char *path, const char *sheet, kim_csv_fn fn, void *arg,
    struct kim_diag *d, char **where, int *date1904)
{
	struct xl x;
	unzFile uf;
	FILE *fp;
	unsigned char magic[8] = { 0 };

	kim_extlib_need(KIM_EXT_MINIZIP);
	kim_extlib_need(KIM_EXT_EXPAT);
	memset(&x, 0, sizeof x);
	x.path = path;
	x.d = d;
	x.want = sheet;
	x.fn = fn;
	x.arg = arg;
	x.customs = kim_calloc(512, sizeof *x.customs);
	if (!(fp = fopen(path, "rb"))) {
		kim_diagf(d, path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	size_t got = fread(magic, 1, sizeof magic, fp);
	fclose(fp);
	if (got >= 4 && memcmp(magic, "\xd0\xcf\x11\xe0", 4) == 0) {
		/* an OLE container: Excel's encrypted workbook, or an .xls */
		xl_problem(&x, 0, 0, "%s", "the workbook is encrypted, or an "
		    "old .xls (save it as .xlsx without a password)");
		goto out;
	}
	if (!(uf = unzOpen64(path))) {
		xl_problem(&x, 0, 0, "%s", "not a workbook: not a zip archive "
		    "(the file is broken, or not .xlsx)");
		goto out;
	}
	parser(&x, wb_start, NULL, NULL);
	if (parse_part(&x, uf, "xl/workbook.xml", 1) != 0)
		goto close;
	if (!x.sheet) {
		if (sheet)
			xl_problem(&x, 0, 0, "the workbook has no sheet named "
			    "'%s'", sheet);
		else
			xl_problem(&x, 0, 0, "%s", "the workbook has no sheet");
		goto close;
	}
	parser(&x, rel_start, NULL, NULL);
	if (parse_part(&x, uf, "xl/_rels/workbook.xml.rels", 1) != 0)
		goto close;
	if (!x.target) {
		xl_problem(&x, 0, 0, "not a workbook: sheet '%s' has no part",
		    x.sheet);
		goto close;
	}
	parser(&x, ss_start, ss_end, ss_text);
	if (parse_part(&x, uf, "xl/sharedStrings.xml", 0) < 0)
		goto close;
	parser(&x, st_start, st_end, NULL);
	if (parse_part(&x, uf, "xl/styles.xml", 0) < 0)
		goto close;
	x.where = kim_malloc(strlen(path) + strlen(x.sheet) + 3);
	sprintf(x.where, "%s:%s!", path, x.sheet);
	*where = x.where;
	*date1904 = x.date1904;
	parser(&x, sh_start, sh_end, sh_text);
	parse_part(&x, uf, x.target, 1);
close:
	unzClose(uf);
out:
	if (x.p)
		XML_ParserFree(x.p);
	for (size_t i = 0; i < x.capcells; i++)
		free(x.cells[i]);
	for (int i = 0; i < 512; i++)
		free(x.customs[i]);
	free(x.customs);
	free(x.cells);
	free(x.isdate);
	free(x.ssoff);
	free(x.sheet);
	free(x.rid);
	free(x.target);
	kim_buf_free(&x.ss);
	kim_buf_free(&x.text);
	return x.problems;
}
