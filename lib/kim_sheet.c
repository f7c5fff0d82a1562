/*
 * kim_sheet: what kim-register --import accepts of a list kept in a
 * spreadsheet, once for CSV and .xlsx: the header names of the field
 * table's aliases, values as spreadsheets write them, empty rows, other
 * encodings (iconv), the options that govern them, and the summary line.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim_csv.h"
#include "kim_file.h"
#include "kim_places.h"
#include "kim_sheet.h"
#include "kim_xlsx_in.h"

/* the most bytes --encoding converts (the file is converted in memory) */
#define RECODE_MAX	(512L * 1024 * 1024)


/* name as header names are compared: lower case, " _-." alike, trimmed */
static void
fold(const char *name, size_t len, struct kim_buf *out)
{
	kim_buf_reset(out);
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)name[i];
		if (strchr(" \t_-.", c)) {
			if (out->len > 0 && out->s[out->len - 1] != ' ')
				kim_buf_addc(out, ' ');
			continue;
		}
		kim_buf_addc(out, tolower(c));
	}
	while (out->len > 0 && out->s[out->len - 1] == ' ')
		out->len--;
	kim_buf_addc(out, '\0');
	out->len--;
}

int
kim_sheet_name_is(const char *name, const char *canon, const char *aliases)
{
	struct kim_buf want = { 0 }, have = { 0 };
	int found;

	fold(name, strlen(name), &want);
	fold(canon, strlen(canon), &have);
	found = strcmp(kim_buf_str(&want), kim_buf_str(&have)) == 0;
	while (!found && aliases && *aliases) {
		size_t n = strcspn(aliases, "|");
		fold(aliases, n, &have);
		found = strcmp(kim_buf_str(&want), kim_buf_str(&have)) == 0;
		aliases += n + (aliases[n] == '|');
	}
	kim_buf_free(&want);
	kim_buf_free(&have);
	return found;
}

int
kim_sheet_column(const char *name)
{
	for (int c = 0; c < KIM_NCOLUMNS; c++)
		if ((kim_columns[c].where & KIM_IN_FIELDS) && kim_sheet_name_is(
		    name, kim_columns[c].name, kim_columns[c].aliases))
			return c;
	return -1;
}

int
kim_sheet_ignore(struct kim_sheet *sh, const char *name)
{
	if (!sh->ignore_columns)
		return 0;
	kim_buf_addf(&sh->ignored, "%s'%s'", sh->nignored++ ? ", " : "", name);
	return 1;
}

void
kim_sheet_warn_ignored(struct kim_sheet *sh, const char *at)
{
	if (sh->nignored > 0)
		kim_warn("%s: %ld column%s left out (--ignore-columns): %s", at,
		    sh->nignored, sh->nignored == 1 ? "" : "s",
		    kim_buf_str(&sh->ignored));
}

int
kim_sheet_empty_row(char *const *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (f[i][strspn(f[i], " \t")])
			return 0;
	return 1;
}

/* digits of s from *i, at most max of them; -1 when none */
static int
digits(const char *s, size_t *i, int max, int *n)
{
	int v = 0, k = 0;

	while (k < max && isdigit((unsigned char)s[*i])) {
		v = v * 10 + s[(*i)++] - '0';
		k++;
	}
	*n = k;
	return k ? v : -1;
}

/*
 * A date as spreadsheets write it, into out as YYYY-MM-DD: 1 done, 0 not
 * of those forms (left to the record's check), -1 reported.
 */
int
kim_sheet_date(struct kim_sheet *sh, const char *fname, const char *s,
    struct kim_buf *out, struct kim_diag *d, const char *file, long line,
    long col)
{
	size_t i = 0;
	int a, b, c, na, nb, nc, y, m, day;
	char sep;

	a = digits(s, &i, 5, &na);
	if (sh->serials && na == 5 && (s[i] == '\0' || s[i] == '.')) {
		/* a workbook's serial number of a day, 2019-08-10 is 43687 */
		char *end, ymd[16];
		double v = strtod(s, &end);
		if (*end || kim_xlsx_serial_date(v, sh->date1904, ymd) < 0)
			return 0;
		kim_buf_adds(out, ymd);
		return 1;
	}
	if (na == 5)
		return 0;
	if (na == 4 && s[i] == '\0') {
		/* a bare year: 1 January of it */
		kim_buf_addf(out, "%04d-01-01", a);
		sh->from_year++;
		return 1;
	}
	sep = s[i];
	if (a < 0 || (sep != '/' && sep != '-' && sep != '.'))
		return 0;
	i++;
	b = digits(s, &i, 2, &nb);
	if (b < 0 || s[i] != sep)
		return 0;
	i++;
	c = digits(s, &i, 4, &nc);
	if (c < 0 || s[i] != '\0')
		return 0;
	if (na == 4 && nc <= 2) {
		/* year first (2019-8-10); not a real date: the check says so */
		if (sep == '-' && nb == 2 && nc == 2)
			return 0;	/* YYYY-MM-DD already */
		y = a, m = b, day = c;
		if (m < 1 || m > 12 || day < 1 || day > kim_date_mdays(y, m))
			return 0;
	} else if (na <= 2 && nc == 4) {
		if (sh->order == KIM_YMD) {
			kim_diagf(d, file, line, col, "%s: '%s' is not "
			    "year-month-day (--date-format ymd): write it as "
			    "YYYY-MM-DD", fname, s);
			return -1;
		}
		y = c;
		m = sh->order == KIM_MDY ? a : b;
		day = sh->order == KIM_MDY ? b : a;
		if (sh->order == KIM_DMY && m > 12 && day <= 12 &&
		    sh->day_first) {
			kim_diagf(d, file, line, col, "%s: '%s' is not "
			    "day/month/year (there is no month %d): write it "
			    "as %02d%c%02d%c%d", fname, s, m, m, sep, day, sep, y);
			return -1;
		}
		if (sh->order == KIM_DMY && m > 12 && day <= 12) {
			kim_diagf(d, file, line, col, "%s: '%s' is not "
			    "day/month/year (there is no month %d): write it "
			    "as %02d%c%02d%c%d, or give --date-format mdy if "
			    "every date of the file is month first", fname, s,
			    m, m, sep, day, sep, y);
			return -1;
		}
	} else
		return 0;
	if (m < 1 || m > 12 || day < 1 || day > kim_date_mdays(y, m)) {
		kim_diagf(d, file, line, col, "%s: '%s' is not a real date "
		    "(read as day %d, month %d, year %d)", fname, s, day, m, y);
		return -1;
	}
	kim_buf_addf(out, "%04d-%02d-%02d", y, m, day);
	return 1;
}

const char *
kim_sheet_value(struct kim_sheet *sh, int f, const char *s,
    struct kim_buf *out, struct kim_diag *d, const char *file, long line,
    long col)
{
	int st;

	/* the quote kim-list --excel puts before = + - @ */
	if (s[0] == '\'' && s[1] && strchr("=+-@", s[1])) {
		s++;
		sh->converted++;
	}
	if (!*s)
		return s;
	switch (kim_columns[f].type) {
	case KIM_FT_DATE:
		switch (kim_sheet_date(sh, kim_field_names[f], s, out, d, file, line,
		    col)) {
		case 1:
			sh->converted += strcmp(s, kim_buf_str(out)) != 0;
			return kim_buf_str(out);
		case -1:
			return NULL;
		}
		return s;
	case KIM_FT_STATUS:
		if ((st = kim_status_synonym(s)) < 0)
			return s;
		kim_buf_adds(out, kim_status_names[st]);
		sh->converted += strcmp(s, kim_buf_str(out)) != 0;
		return kim_buf_str(out);
	case KIM_FT_TAGS:
	case KIM_FT_IDS:
		if (!strchr(s, ','))
			return s;
		for (; *s; s++)
			kim_buf_addc(out, *s == ',' ? ';' : *s);
		sh->converted++;
		return kim_buf_str(out);
	default:
		return s;
	}
}

const char *
kim_sheet_place(struct kim_sheet *sh, const struct kim_wilayah *w,
    const char *desa, const char *kec, struct kim_diag *d, const char *file,
    long line, long col)
{
	struct kim_buf why = { 0 };
	const struct kim_region *r;
	const char *what = *desa ? desa : kec;
	const char *field = kim_field_names[*desa ? KIM_F_DESA : KIM_F_KECAMATAN];
	size_t n;

	if (!sh->places)
		sh->places = kim_places_new(w, sh->area_r);
	r = kim_places_find(sh->places, desa, kec, &n, &why);
	if (r) {
		sh->by_name++;
		kim_buf_free(&why);
		return r->code;
	}
	if (n > 1)
		kim_diagf(d, file, line, col, "%s: '%s'%s%s%s names %zu places in "
		    "-r %s (%s): %s; give the kecamatan, or the code in a "
		    "region column", field, what, *desa && *kec ? " in '" : "",
		    *desa && *kec ? kec : "", *desa && *kec ? "'" : "", n,
		    sh->area_r->code, sh->area_r->name, kim_buf_str(&why));
	else if (why.len)
		kim_diagf(d, file, line, col, "%s: no village '%s' in kecamatan "
		    "'%s' of -r %s (%s); of that name: %s", field, what, kec,
		    sh->area_r->code, sh->area_r->name, kim_buf_str(&why));
	else if (*desa)
		kim_diagf(d, file, line, col, "%s: no village '%s' in -r %s (%s)",
		    field, what, sh->area_r->code, sh->area_r->name);
	else
		kim_diagf(d, file, line, col, "%s: no kecamatan '%s' in -r %s "
		    "(%s)", field, what, sh->area_r->code, sh->area_r->name);
	kim_buf_free(&why);
	return NULL;
}

/* line and column of byte off of text, for messages */
static void
place(const char *text, size_t off, long *line, long *col)
{
	const char *bol = text;

	*line = 1;
	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n') {
			++*line;
			bol = text + i + 1;
		}
	*col = (long)(text + off - bol) + 1;
}

int
kim_sheet_recode(struct kim_sheet *sh, int fd, const char *name,
    struct kim_buf *out, struct kim_diag *d)
{
	struct kim_buf in = { 0 };
	iconv_t cd;
	int r = kim_read_all(fd, &in, (size_t)RECODE_MAX);

	if (r > 0) {
		kim_diagf(d, name, 0, 0, "more than %ld bytes to convert "
		    "from %s: that is the limit of --encoding; convert "
		    "it with iconv -f %s -t UTF-8 first", RECODE_MAX,
		    sh->encoding, sh->encoding);
		kim_buf_free(&in);
		return -1;
	}
	if (r < 0) {
		kim_diagf(d, name, 0, 0, "cannot read: %s", strerror(errno));
		kim_buf_free(&in);
		return -2;
	}
	cd = iconv_open("UTF-8", sh->encoding);
	kim_buf_reset(out);
	char *ip = in.s;
	size_t il = in.len;
	while (il > 0) {
		char buf[1 << 16], *op = buf;
		size_t ol = sizeof buf;
		size_t k = iconv(cd, &ip, &il, &op, &ol);
		kim_buf_add(out, buf, (size_t)(op - buf));
		if (k == (size_t)-1 && errno != E2BIG) {
			long line, col;
			size_t off = (size_t)(ip - in.s);
			place(in.s, off, &line, &col);
			kim_diagf(d, name, line, col, "byte 0x%02X is not %s text "
			    "(--encoding %s)", (unsigned char)*ip, sh->encoding,
			    sh->encoding);
			r = -1;
			break;
		}
	}
	iconv_close(cd);
	kim_buf_free(&in);
	return r;
}

void
kim_sheet_summary(const struct kim_sheet *sh, int dry_run)
{
	struct kim_buf m = { 0 };

	/* a plain import in a script stays quiet */
	if (!isatty(2) && !sh->aliased && !sh->empty && !sh->from_year &&
	    !sh->updated && !sh->unchanged && !sh->skipped && !sh->nignored &&
	    !sh->derived.len && !sh->converted && !sh->by_name)
		return;
	kim_buf_addf(&m, _("%s: %ld row%s read, %ld added, %ld updated, "
	    "%ld unchanged, %ld skipped, %ld empty"), dry_run ?
	    _("import (dry run, nothing written)") : _("import"), sh->rows,
	    sh->rows == 1 ? "" : "s", sh->added, sh->updated, sh->unchanged,
	    sh->skipped, sh->empty);
	if (sh->from_year > 0)
		kim_buf_addf(&m, _("; %ld date%s from a bare year (1 January)"),
		    sh->from_year, sh->from_year == 1 ? "" : "s");
	if (sh->by_name > 0)
		kim_buf_addf(&m, "; %ld region code%s found by the names of desa "
		    "and kecamatan (-r %s)", sh->by_name, sh->by_name == 1 ?
		    "" : "s", sh->area);
	if (sh->added > 0 && !sh->has_col[KIM_F_REGISTERED])
		kim_buf_adds(&m, _("; registered: the day of the import (the "
		    "file has no registered column)"));
	kim_warn("%s", kim_buf_str(&m));
	kim_buf_free(&m);
}

void
kim_sheet_free(struct kim_sheet *sh)
{
	kim_buf_free(&sh->ignored);
	kim_places_free(sh->places);
	free(sh->where);
	kim_buf_free(&sh->derived);
}
