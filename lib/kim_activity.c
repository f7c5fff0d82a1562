/* kim_activity: the activity log, its rows read, checked and written */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "kim_activity.h"
#include "kim_csv.h"
#include "kim_file.h"
#include "kim_folder.h"
#include "kim_record.h"
#include "kim_sheet.h"
#include "kim_wilayah.h"
#include "kim_xlsx_in.h"

const char *const kim_activity_fields[KIM_A_NFIELDS] = {
	"kim", "date", "kind", "title", "url", "notes"
};

const char *const kim_activity_kinds[] = {
	"berita", "kegiatan", "pelatihan", "pertemuan", "lomba", "lainnya",
	NULL
};

/*
 * The other names a spreadsheet's header may give each column, compared
 * as kim-register --import compares them (kim_sheet_name_is)
 */
static const char *const aliases[KIM_A_NFIELDS] = {
	"id kim|kode kim",
	"tanggal|tgl|tanggal kegiatan",
	"jenis|jenis kegiatan",
	"judul|kegiatan|nama kegiatan",
	"tautan|link|alamat",
	"catatan|keterangan"
};

/* The limits of a person's text, in characters (kim-data(5), LIMITS) */
static const long limits[KIM_A_NFIELDS] = { 0, 0, 0, 300, 500, 2000 };

int
kim_activity_kind(const char *kind)
{
	for (int i = 0; kim_activity_kinds[i]; i++)
		if (strcmp(kind, kim_activity_kinds[i]) == 0)
			return i;
	return -1;
}

const char *
kim_activity_kind_list(void)
{
	static char list[128];

	if (!*list)
		for (int i = 0; kim_activity_kinds[i]; i++) {
			if (i)
				strcat(list, ", ");
			strcat(list, kim_activity_kinds[i]);
		}
	return list;
}

void
kim_activity_problem(struct kim_diag *d, const struct kim_activity *a, int f,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kim_field_vproblem(d, a->file, a->line, f >= 0 ? a->col[f] : 0,
	    f >= 0 ? kim_activity_fields[f] : "activity", fmt, ap);
	va_end(ap);
}

int
kim_activity_region(const char *id, char *buf, size_t size)
{
	const char *dash = strrchr(id, '-');

	if (!dash || (size_t)(dash - id) >= size)
		return -1;
	memcpy(buf, id, (size_t)(dash - id));
	buf[dash - id] = '\0';
	if (kim_code_level(buf) == KIM_LV_INVALID || kim_id_seq(id, buf) <= 0)
		return -1;
	return 0;
}

/* s as a message quotes it: at most 60 bytes, control characters shown */
static const char *
quoted(const char *s, char *buf, size_t size)
{
	struct kim_buf b = { 0 };
	size_t n = strlen(s);

	kim_buf_add_shown(&b, s, n > 60 ? 60 : n);
	snprintf(buf, size, "%s%s", b.s ? b.s : "", n > 60 ? "..." : "");
	kim_buf_free(&b);
	return buf;
}

long
kim_activity_check(const struct kim_activity *a, int flags,
    const struct kim_date *as_of, struct kim_diag *d)
{
	long before = d->count;
	struct kim_date day;
	char region[32], q[96], b[11];

	if (!*a->f[KIM_A_KIM])
		kim_activity_problem(d, a, KIM_A_KIM, "empty (the id of a KIM "
		    "is required)");
	else if (kim_activity_region(a->f[KIM_A_KIM], region, sizeof region))
		kim_activity_problem(d, a, KIM_A_KIM, "'%s' is not a KIM id "
		    "(expected REGION-N, e.g. 51.02.03.2001-2)",
		    quoted(a->f[KIM_A_KIM], q, sizeof q));
	if (kim_date_parse(a->f[KIM_A_DATE], &day) != 0)
		kim_activity_problem(d, a, KIM_A_DATE, "'%s' is not a real date "
		    "(expected YYYY-MM-DD)", quoted(a->f[KIM_A_DATE], q,
		    sizeof q));
	else if ((flags & KIM_ACT_FUTURE) && as_of &&
	    kim_date_cmp(&day, as_of) > 0)
		kim_activity_problem(d, a, KIM_A_DATE, "%s is after the as-of "
		    "date %s", a->f[KIM_A_DATE], kim_date_fmt(as_of, b));
	if (kim_activity_kind(a->f[KIM_A_KIND]) < 0)
		kim_activity_problem(d, a, KIM_A_KIND, "'%s' is not a kind of "
		    "activity (%s)", quoted(a->f[KIM_A_KIND], q, sizeof q),
		    kim_activity_kind_list());
	if (!*a->f[KIM_A_TITLE])
		kim_activity_problem(d, a, KIM_A_TITLE, "empty (every activity "
		    "has a title)");
	for (int f = KIM_A_TITLE; f < KIM_A_NFIELDS; f++) {
		const char *s = a->f[f];
		size_t n = strlen(s), chars;
		int control = 0;
		if (a->clean && (f != KIM_A_URL || !strchr(s, ' '))) {
			if (n > (size_t)limits[f])	/* ASCII: a byte a character */
				kim_activity_problem(d, a, f, "%zu characters: "
				    "the limit is %ld (kim-data(5), LIMITS)", n,
				    limits[f]);
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if ((c < 0x20 && !(f == KIM_A_NOTES && (c == '\n' ||
			    c == '\t'))) || c == 0x7f || (f == KIM_A_URL &&
			    c == ' '))
				control = 1;
		}
		if (kim_utf8_valid(s, n) != n)
			kim_activity_problem(d, a, f, "invalid UTF-8 at byte %zu "
			    "(text must be UTF-8)", kim_utf8_valid(s, n) + 1);
		else if (control && f == KIM_A_URL)
			kim_activity_problem(d, a, f, "an address holds no blank "
			    "or control character");
		else if (control)
			kim_activity_problem(d, a, f, "contains a control "
			    "character (a line break is allowed only in notes)");
		else if ((chars = kim_utf8_chars(s)) > (size_t)limits[f])
			kim_activity_problem(d, a, f, "%zu characters: the limit "
			    "is %ld (kim-data(5), LIMITS)", chars, limits[f]);
	}
	return d->count - before;
}

/* The register's order of ids: region code, then the number */
static int
cmp_kim(const char *a, const char *b)
{
	const char *da = strrchr(a, '-'), *db = strrchr(b, '-');
	size_t la, lb, na, nb;
	int c;

	if (!da || !db)
		return strcmp(a, b);
	la = (size_t)(da - a);
	lb = (size_t)(db - b);
	/* the regions as strings: "51.02" before "51.02.01" */
	if ((c = strncmp(a, b, la < lb ? la : lb)) != 0)
		return c;
	if (la != lb)
		return la < lb ? -1 : 1;
	na = strlen(da + 1);
	nb = strlen(db + 1);
	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(da + 1, db + 1);
}

int
kim_activity_cmp(const struct kim_activity *a, const struct kim_activity *b)
{
	static const int order[] = { KIM_A_DATE, KIM_A_KIND, KIM_A_URL,
	    KIM_A_TITLE, KIM_A_NOTES };
	int c = cmp_kim(a->f[KIM_A_KIM], b->f[KIM_A_KIM]);

	for (size_t i = 0; !c && i < sizeof order / sizeof *order; i++)
		c = strcmp(a->f[order[i]], b->f[order[i]]);
	return c;
}

/* The key that two records of one activity share (kim_activity_same) */
static void
same_key(const struct kim_activity *a, struct kim_buf *k)
{
	kim_buf_reset(k);
	if (*a->f[KIM_A_URL])
		kim_buf_addf(k, "%s\t%s\t\t%s", a->f[KIM_A_KIM],
		    a->f[KIM_A_DATE], a->f[KIM_A_URL]);
	else
		kim_buf_addf(k, "%s\t%s\t%s\t\t%s", a->f[KIM_A_KIM],
		    a->f[KIM_A_DATE], a->f[KIM_A_KIND], a->f[KIM_A_TITLE]);
}

int
kim_activity_same(const struct kim_activity *a, const struct kim_activity *b)
{
	if (strcmp(a->f[KIM_A_KIM], b->f[KIM_A_KIM]) != 0 ||
	    strcmp(a->f[KIM_A_DATE], b->f[KIM_A_DATE]) != 0 ||
	    strcmp(a->f[KIM_A_URL], b->f[KIM_A_URL]) != 0)
		return 0;
	return *a->f[KIM_A_URL] ||
	    (strcmp(a->f[KIM_A_KIND], b->f[KIM_A_KIND]) == 0 &&
	    strcmp(a->f[KIM_A_TITLE], b->f[KIM_A_TITLE]) == 0);
}

void
kim_activity_write(FILE *fp, const struct kim_activity *a)
{
	kim_csv_put_row(fp, a->f, KIM_A_NFIELDS);
}

/* Reading */

struct reading {
	const char *name;
	int flags;
	const struct kim_date *as_of;
	kim_activity_fn fn;
	void *arg;
	struct kim_diag *d;
	long problems;
	int map[KIM_A_NFIELDS];		/* the column of each field, or -1 */
	struct kim_sheet sheet;		/* an import's: --ignore-columns,
					   dates as spreadsheets write them */
	int header;
	int stop;
	long records;
	/* a workbook: "BOOK.xlsx:Sheet!" for places, its date system */
	char *where;
	int date1904;
};

/* The field a key of JSON names, or (alias) a column of an import */
static int
field_of(const char *name, int alias)
{
	for (int f = 0; f < KIM_A_NFIELDS; f++)
		if (alias ? kim_sheet_name_is(name, kim_activity_fields[f],
		    aliases[f]) : strcmp(name, kim_activity_fields[f]) == 0)
			return f;
	return -1;
}

/* A kind as people type it: blanks around it and its case forgiven */
static const char *
kind_read(const char *s, char *buf, size_t size)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	for (n = 0; s[n] && n + 1 < size; n++)
		buf[n] = s[n] >= 'A' && s[n] <= 'Z' ? (char)(s[n] + 32) : s[n];
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		n--;
	buf[n] = '\0';
	return kim_activity_kind(buf) >= 0 ? buf : s;
}

/*
 * A date of an import as kim-register --import reads it (dd/mm/yyyy,
 * d-m-yyyy, dd.mm.yyyy); not a bare year, which names no day
 */
static const char *
import_day(struct reading *rd, const struct kim_activity *a,
    struct kim_buf *out)
{
	const char *s = a->f[KIM_A_DATE];

	kim_buf_reset(out);
	if ((rd->flags & KIM_ACT_LOG) || strspn(s, "0123456789") == strlen(s))
		return s;
	switch (kim_sheet_date(&rd->sheet, kim_activity_fields[KIM_A_DATE], s,
	    out, rd->d, a->file, a->line, a->col[KIM_A_DATE])) {
	case 1:
		return kim_buf_str(out);
	case -1:
		return NULL;
	}
	return s;
}

/* Pass a on when it is good; 1 when the reading stops. */
static int
emit(struct reading *rd, struct kim_activity *a)
{
	struct kim_buf day = { 0 };
	char kind[32];

	if (++rd->records > KIM_RECORDS_MAX) {
		rd->problems++;
		kim_diagf(rd->d, rd->name, a->line, 1, "more than %ld records "
		    "in one file: that is the limit (kim-data(5), LIMITS)",
		    KIM_RECORDS_MAX);
		return rd->stop = 1;
	}
	if (!(rd->flags & KIM_ACT_LOG))
		a->f[KIM_A_KIND] = kind_read(a->f[KIM_A_KIND], kind, sizeof kind);
	if (!(a->f[KIM_A_DATE] = import_day(rd, a, &day)) ||
	    kim_activity_check(a, rd->flags, rd->as_of, rd->d) > 0) {
		kim_buf_free(&day);
		rd->problems++;
		return 0;
	}
	rd->stop = rd->fn(rd->arg, a) != 0;
	kim_buf_free(&day);
	return rd->stop;
}

/*
 * A workbook's date cell without a date format is a serial number of a
 * day (2023-05-01 is 45047): that day, into buf (11 bytes); else s
 */
static const char *
serial_day(const struct reading *rd, const char *s, char *buf)
{
	char *end;
	double v;

	if (!rd->where || strspn(s, "0123456789") == 0 ||
	    strspn(s, "0123456789") > 7)
		return s;
	v = strtod(s, &end);
	return *end == '\0' && kim_xlsx_serial_date(v, rd->date1904, buf) == 0 ?
	    buf : s;
}

static int
on_row(void *arg, const struct kim_csv_row *row)
{
	struct reading *rd = arg;
	struct kim_activity a = { .line = row->line, .clean = row->clean };
	char day[16];

	if (rd->where)		/* the workbook's cells are named C7 */
		rd->name = rd->where;
	a.file = rd->name;

	if (row->index == 0) {
		rd->header = 1;
		for (int f = 0; f < KIM_A_NFIELDS; f++)
			rd->map[f] = -1;
		if (rd->flags & KIM_ACT_LOG) {
			for (int f = 0; f < KIM_A_NFIELDS; f++)
				if (row->n != KIM_A_NFIELDS ||
				    strcmp(row->f[f], kim_activity_fields[f])) {
					kim_diagf(rd->d, rd->name, row->line, 1,
					    "the header is not '%s'",
					    KIM_ACTIVITY_HEADER);
					rd->problems++;
					return 1;
				}
		}
		for (size_t c = 0; c < row->n; c++) {
			int f = field_of(row->f[c], 1);
			char q[96];
			if (f < 0 && kim_sheet_ignore(&rd->sheet, row->f[c]))
				continue;
			if (f < 0)
				kim_diagf(rd->d, rd->name, row->line, (long)c + 1,
				    "unknown column '%s' (the columns are %s, or "
				    "the other names of kim-data(5); "
				    "--ignore-columns leaves such columns out)",
				    quoted(row->f[c], q, sizeof q),
				    KIM_ACTIVITY_HEADER);
			else if (rd->map[f] >= 0)
				kim_diagf(rd->d, rd->name, row->line, (long)c + 1,
				    strcmp(row->f[c], kim_activity_fields[f]) ?
				    "column '%s' is there twice (as %s)" :
				    "column '%s' is there twice%s",
				    quoted(row->f[c], q, sizeof q),
				    strcmp(row->f[c], kim_activity_fields[f]) ?
				    kim_activity_fields[f] : "");
			if (f < 0 || rd->map[f] >= 0) {
				rd->problems++;
				return 1;
			}
			rd->map[f] = (int)c;
		}
		if (!(rd->flags & KIM_ACT_LOG)) {
			struct kim_buf at = { 0 };
			size_t nl = strlen(rd->name);
			kim_buf_addf(&at, nl > 0 && rd->name[nl - 1] == '!' ?
			    "%s%ld" : "%s", rd->name, row->line);
			kim_sheet_warn_ignored(&rd->sheet, kim_buf_str(&at));
			kim_buf_free(&at);
		}
		for (int f = 0; f <= KIM_A_TITLE; f++)
			if (rd->map[f] < 0) {
				kim_diagf(rd->d, rd->name, row->line, 0,
				    "no column '%s' (required: kim, date, kind, "
				    "title)", kim_activity_fields[f]);
				rd->problems++;
				return 1;
			}
		return 0;
	}
	for (int f = 0; f < KIM_A_NFIELDS; f++) {
		a.f[f] = rd->map[f] >= 0 ? row->f[rd->map[f]] : "";
		a.col[f] = rd->map[f] + 1;
	}
	a.f[KIM_A_DATE] = serial_day(rd, a.f[KIM_A_DATE], day);
	return emit(rd, &a);
}


/* Where key starts in the line text (its column), or 0 */
static long
keycol(const char *text, const char *key)
{
	struct kim_buf k = { 0 };
	const char *at;

	kim_buf_addf(&k, "\"%s\"", key);
	at = strstr(text, k.s);
	kim_buf_free(&k);
	return at ? (long)(at - text) + 1 : 0;
}

static void
json_line(struct reading *rd, char *text, size_t len, long line)
{
	struct kim_activity a = { .file = rd->name, .line = line };
	json_error_t e;
	json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e), *v;
	const char *key;
	int bad = 0;

	if (!o) {
		kim_diagf(rd->d, rd->name, line, e.column > 0 ? e.column : 0,
		    "not JSON: %s", e.text);
		rd->problems++;
		return;
	}
	if (!json_is_object(o)) {
		kim_diagf(rd->d, rd->name, line, 1, "expected a JSON object");
		rd->problems++;
		json_decref(o);
		return;
	}
	for (int f = 0; f < KIM_A_NFIELDS; f++)
		a.f[f] = "";
	json_object_foreach(o, key, v) {
		int f = field_of(key, 0);
		long col = keycol(text, key);
		char q[96];
		if (f < 0) {
			kim_diagf(rd->d, rd->name, line, col, "unknown key '%s' "
			    "(the keys are %s)", quoted(key, q, sizeof q),
			    KIM_ACTIVITY_HEADER);
			bad = 1;
		} else if (json_is_string(v)) {
			a.f[f] = json_string_value(v);
			a.col[f] = col;
		} else if (!json_is_null(v)) {
			kim_diagf(rd->d, rd->name, line, col, "%s: expected a "
			    "string or null", key);
			bad = 1;
		}
	}
	if (bad)
		rd->problems++;
	else
		emit(rd, &a);
	json_decref(o);
}

/* JSON Lines from fd, after the pre bytes already read */
static long
read_jsonl(struct reading *rd, int fd, const char *pre, size_t prelen)
{
	struct kim_buf b = { 0 };
	char chunk[65536];
	long line = 1;
	ssize_t got;
	int eof = 0;

	kim_buf_add(&b, pre, prelen);
	while (!rd->stop) {
		char *nl;
		size_t start = 0;
		if (!eof && (got = kim_read(fd, chunk, sizeof chunk)) < 0) {
			kim_diagf(rd->d, rd->name, 0, 0, "cannot read: %s",
			    strerror(errno));
			kim_buf_free(&b);
			return -1;
		} else if (!eof) {
			eof = got == 0;
			kim_buf_add(&b, chunk, (size_t)got);
		}
		while (!rd->stop && b.len > start &&
		    ((nl = memchr(b.s + start, '\n', b.len - start)) || eof)) {
			size_t end = nl ? (size_t)(nl - b.s) : b.len;
			size_t n = end - start;
			if (n > 0 && b.s[start + n - 1] == '\r')
				n--;
			b.s[start + n] = '\0';
			if (strspn(b.s + start, " \t") < n)
				json_line(rd, b.s + start, n, line);
			line++;
			start = nl ? end + 1 : b.len;
		}
		if (start > 0) {
			memmove(b.s, b.s + start, b.len - start);
			b.len -= start;
		}
		if (b.len > (size_t)KIM_RECORD_MAX) {
			kim_diagf(rd->d, rd->name, line, 1, "a line of more than "
			    "%ld bytes: that is the limit (kim-data(5), LIMITS)",
			    KIM_RECORD_MAX);
			rd->problems++;
			break;
		}
		if (eof && b.len == 0)
			break;
	}
	kim_buf_free(&b);
	return 0;
}

long
kim_activity_read(const char *path, int flags, const struct kim_date *as_of,
    kim_activity_fn fn, void *arg, struct kim_diag *d)
{
	struct reading rd = { .name = path, .flags = flags, .as_of = as_of,
	    .fn = fn, .arg = arg, .d = d,
	    .sheet = { .ignore_columns = !!(flags & KIM_ACT_IGNORE),
	    .day_first = 1 } };
	int stdin_ = strcmp(path, "-") == 0 && !(flags & KIM_ACT_LOG);
	int fd;
	char pre[4096];
	ssize_t have = 0, got;
	size_t skip = 0;
	long k;

	if (!stdin_ && !(flags & KIM_ACT_LOG) && kim_xlsx_is(path)) {
		/* a workbook's first sheet, its cells as CSV's fields */
		k = kim_xlsx_read(path, NULL, on_row, &rd, d, &rd.where,
		    &rd.date1904);
		free(rd.where);
		kim_sheet_free(&rd.sheet);
		return k < 0 ? -1 : k + rd.problems;
	}
	fd = stdin_ ? 0 : kim_open_read(path, (flags & KIM_ACT_LOG) ?
	    KIM_OPEN_REGULAR : 0, d);
	if (stdin_)
		rd.name = "-";
	if (fd < 0)
		return fd == -2 ? 1 : -1;
	/* the first bytes tell JSON Lines ('{' first) from CSV */
	while (have < (ssize_t)sizeof pre &&
	    (got = kim_read(fd, pre + have, sizeof pre - (size_t)have)) > 0) {
		have += got;
		skip = 0;
		while (skip < (size_t)have && strchr(" \t\r\n", pre[skip]))
			skip++;
		if (skip < (size_t)have)
			break;
	}
	if (have > 0 && skip < (size_t)have && pre[skip] == '{' &&
	    !(flags & KIM_ACT_LOG))
		k = read_jsonl(&rd, fd, pre, (size_t)have);
	else
		k = kim_csv_read(fd, pre, have > 0 ? (size_t)have : 0, rd.name,
		    on_row, &rd, d);
	if (!stdin_)
		close(fd);
	kim_sheet_free(&rd.sheet);
	if (k < 0)
		return -1;
	if (!rd.header && k == 0 && rd.records == 0 && (flags & KIM_ACT_LOG)) {
		kim_diagf(d, rd.name, 0, 0, "empty file: expected a header "
		    "line (%s)", KIM_ACTIVITY_HEADER);
		rd.problems++;
	}
	return k + rd.problems;
}

/* The log of one file, held */

static int
bylog(const void *a, const void *b)
{
	return kim_activity_cmp(a, b);
}

static const char *
pooled(struct kim_actlog *l, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = kim_pool_alloc(&l->pool, n);

	memcpy(p, s, n);
	return p;
}

static int
hold(void *arg, const struct kim_activity *a)
{
	struct kim_actlog *l = arg;
	struct kim_activity *c;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->a = kim_reallocarray(l->a, l->cap, sizeof *l->a);
	}
	c = &l->a[l->n++];
	*c = *a;
	for (int f = 0; f < KIM_A_NFIELDS; f++)
		c->f[f] = pooled(l, a->f[f]);
	/* else where it was read (a batch): a workbook's name is freed
	   once it is read, so the batch holds its own */
	if (l->path)
		c->file = l->path;
	else if (l->n > 1 && strcmp(l->a[l->n - 2].file, a->file) == 0)
		c->file = l->a[l->n - 2].file;
	else
		c->file = pooled(l, a->file);
	return 0;
}

long
kim_actlog_load(struct kim_actlog *l, const char *dir, const char *region,
    struct kim_diag *d)
{
	char rel[64];
	int fd;

	memset(l, 0, sizeof *l);
	kim_activity_file(region, rel, sizeof rel);
	l->rel = kim_strdup(rel);
	l->path = kim_path(dir, rel);
	fd = kim_open_read(l->path, KIM_OPEN_REGULAR | KIM_OPEN_MISSING, d);
	if (fd < 0)
		return fd == -2 ? 1 : errno == ENOENT ? 0 : -1;
	close(fd);
	return kim_activity_read(l->path, KIM_ACT_LOG, NULL, hold, l, d);
}

/* The slot of a's key in the table of the log's rows (l->nslot slots) */
static size_t
slot(const struct kim_actlog *l, const struct kim_activity *a,
    struct kim_buf *k)
{
	size_t i;

	same_key(a, k);
	i = kim_hash(k->s) & (l->nslot - 1);
	while (l->slot[i] && !kim_activity_same(&l->a[l->slot[i] - 1], a))
		i = (i + 1) & (l->nslot - 1);
	return i;
}

/* Room in the table for one more row: rehashed when half full */
static void
grow(struct kim_actlog *l, struct kim_buf *k)
{
	if (l->nslot > 2 * (l->n + 1))
		return;
	free(l->slot);
	l->nslot = l->nslot ? l->nslot * 2 : 256;
	while (l->nslot <= 2 * (l->n + 1))
		l->nslot *= 2;
	l->slot = kim_calloc(l->nslot, sizeof *l->slot);
	for (size_t i = 0; i < l->n; i++) {
		size_t s = slot(l, &l->a[i], k);
		if (!l->slot[s])
			l->slot[s] = i + 1;
	}
}

int
kim_actlog_add(struct kim_actlog *l, const struct kim_activity *a,
    const struct kim_activity **old)
{
	struct kim_buf k = { 0 };
	size_t s;

	grow(l, &k);
	s = slot(l, a, &k);
	kim_buf_free(&k);
	if (l->slot[s]) {
		if (old)
			*old = &l->a[l->slot[s] - 1];
		return 0;
	}
	hold(l, a);
	l->slot[s] = l->n;
	l->added++;
	return 1;
}

int
kim_actlog_hold(void *arg, const struct kim_activity *a)
{
	return kim_actlog_add(arg, a, NULL) < 0;
}

const struct kim_activity *
kim_actlog_find(struct kim_actlog *l, const struct kim_activity *a)
{
	struct kim_buf k = { 0 };
	size_t s;

	if (l->n == 0)
		return NULL;
	grow(l, &k);
	s = slot(l, a, &k);
	kim_buf_free(&k);
	return l->slot[s] ? &l->a[l->slot[s] - 1] : NULL;
}

int
kim_actlog_has_url(const struct kim_actlog *l, const char *kim,
    const char *url)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->a[i].f[KIM_A_URL], url) == 0 &&
		    strcmp(l->a[i].f[KIM_A_KIM], kim) == 0)
			return 1;
	return 0;
}

void
kim_actlog_write(struct kim_actlog *l, FILE *fp)
{
	if (l->n > 1)
		qsort(l->a, l->n, sizeof *l->a, bylog);
	free(l->slot);		/* its indexes are of the old order */
	l->slot = NULL;
	l->nslot = 0;
	fputs(KIM_ACTIVITY_HEADER "\n", fp);
	for (size_t i = 0; i < l->n; i++)
		kim_activity_write(fp, &l->a[i]);
}

void
kim_actlog_free(struct kim_actlog *l)
{
	free(l->a);
	free(l->slot);
	free(l->rel);
	free(l->path);
	kim_pool_free(&l->pool);
	memset(l, 0, sizeof *l);
}
