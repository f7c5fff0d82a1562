/*
 * kim_input: records from CSV, JSON Lines and JSON files, one file at a
 * time; the whole register on every core is kim_register_read.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>

#include "kim_csv.h"
#include "kim_file.h"
#include "kim_input.h"
#include "kim_sheet.h"
#include "kim_xlsx_in.h"

struct reading {
	const char *name;
	int flags;
	const struct kim_ctx *ctx;
	kim_record_fn fn;
	void *arg;
	struct kim_diag *d;
	struct kim_recbuf rb;
	int map[KIM_NFIELDS + 64];	/* CSV column -> field */
	size_t ncols;
	long problems;
	long records;		/* JSON objects read, for KIM_RECORDS_MAX */
	int stop;
	struct kim_sheet *sheet;	/* an import's: headers and values as
					   spreadsheets write them; or NULL */
	struct kim_buf vals[KIM_NFIELDS];	/* values it rewrote */
};

/* A record read: its default status, its check, then on to the caller. */
static void
emit(struct reading *rd, struct kim_record *r, long line)
{
	/* a row that updates a KIM: what it leaves empty stays as it is */
	int update = rd->sheet && rd->sheet->update && *r->f[KIM_F_ID];
	static char empty[] = "";

	if (!(rd->flags & KIM_READ_REGISTER)) {
		int keep = update && !*r->f[KIM_F_STATUS];
		kim_record_normalize(r);
		if (keep)
			r->f[KIM_F_STATUS] = empty;
	}
	r->file = rd->name;
	r->line = line;
	if (update) {
		/* checked whole once it is merged with the KIM it changes */
		long n = kim_record_check_text(r, rd->d);
		rd->problems += n;
		if (n == 0 && rd->fn(rd->arg, r))
			rd->stop = 1;
		return;
	}
	if ((rd->flags & KIM_READ_CHECK) && !((rd->flags &
	    KIM_READ_CONFLICTS) && kim_record_conflicts(r))) {
		long n = kim_record_check(r, rd->ctx,
		    (rd->flags & KIM_READ_REGISTER ? KIM_CHECK_ASSIGNED : 0) |
		    (rd->flags & KIM_READ_FUTURE ? KIM_CHECK_FUTURE : 0), rd->d);
		if (n > 0) {
			rd->problems += n;
			return;
		}
	}
	if (rd->flags & KIM_READ_LIMITS)
		kim_record_warn_limits(r, rd->d);
	if (rd->fn(rd->arg, r))
		rd->stop = 1;
}

static void
problem(struct reading *rd, long line, long col, const char *fmt,
    const char *a, const char *b)
{
	rd->problems++;
	kim_diagf(rd->d, rd->name, line, col, fmt, a, b);
}

/* the cell of column col (1-based, 0: none) of a row, "" when none */
static const char *
cell(const struct kim_csv_row *row, long col)
{
	return col > 0 && (size_t)col <= row->n ? row->f[col - 1] : "";
}

/*
 * A row without a region code: the code its desa and kecamatan name
 * inside -r, if it names them (kim_sheet_place); -1 after a problem.
 */
static int
place(struct reading *rd, const struct kim_csv_row *row,
    struct kim_record *r)
{
	struct kim_sheet *sh = rd->sheet;
	const char *desa = cell(row, sh->place_col[0]);
	const char *kec = cell(row, sh->place_col[1]);
	const char *comma = strrchr(desa, ',');
	struct kim_buf both = { 0 };
	long col;
	const char *code;

	desa += strspn(desa, " \t");
	kec += strspn(kec, " \t");
	if (!*desa && !*kec)
		return 0;	/* the record's check says region is missing */
	col = sh->place_col[*desa ? 0 : 1];
	if (!*kec && comma && strncasecmp(comma + 1 + strspn(comma + 1, " "),
	    "kec", 3) == 0) {
		/* both in one cell: "Desa Sukamaju, Kec. Kediri" */
		kim_buf_add(&both, desa, (size_t)(comma - desa));
		kim_buf_addc(&both, '\0');
		desa = both.s;
		kec = comma + 1;
	}
	code = kim_sheet_place(sh, &rd->ctx->w, desa, kec, rd->d, rd->name,
	    row->line, col);
	kim_buf_free(&both);
	if (!code) {
		rd->problems++;
		return -1;
	}
	r->f[KIM_F_REGION] = (char *)code;
	r->col[KIM_F_REGION] = col;
	return 0;
}

static int
on_csv_row(void *arg, const struct kim_csv_row *row)
{
	struct reading *rd = arg;

	if (row->index == 0) {
		int seen[KIM_NCOLUMNS] = { 0 };
		char noted[sizeof rd->map / sizeof *rd->map] = { 0 };
		size_t i;

		if (rd->flags & KIM_READ_REGISTER) {
			struct kim_buf h = { 0 };
			for (i = 0; i < row->n; i++) {
				if (i)
					kim_buf_addc(&h, ',');
				kim_buf_adds(&h, row->f[i]);
			}
			int same = strcmp(kim_buf_str(&h), kim_header) == 0 ||
			    strcmp(kim_buf_str(&h), kim_header_for(1)) == 0;
			kim_buf_free(&h);
			if (!same) {
				problem(rd, row->line, 0, "the header is not the "
				    "register's: expected %s%s", kim_header, "");
				return 1;
			}
		}
		if (row->n > sizeof rd->map / sizeof *rd->map) {
			problem(rd, row->line, 0, "%s%s",
			    "too many columns in the header", "");
			return 1;
		}
		/* every problem of the header, then stop: rows mean nothing */
		long before = rd->problems;
		for (i = 0; i < row->n; i++) {
			int f = rd->sheet ? kim_sheet_column(row->f[i]) :
			    kim_column_lookup(row->f[i], KIM_IN_FIELDS);
			if (f < 0 && rd->sheet && kim_sheet_ignore(rd->sheet,
			    row->f[i])) {
				rd->map[i] = -1;
				continue;
			}
			if (f < 0 && rd->sheet) {
				problem(rd, row->line, (long)i + 1, "unknown "
				    "column '%s' (the columns are %s, or the "
				    "other names of kim-data(5); --ignore-columns "
				    "leaves such columns out)", row->f[i],
				    kim_column_list(KIM_IN_REGISTER));
				continue;
			}
			if (f < 0) {
				char low[64];
				size_t k;
				for (k = 0; row->f[i][k] && k + 1 < sizeof low; k++)
					low[k] = (char)(row->f[i][k] >= 'A' &&
					    row->f[i][k] <= 'Z' ? row->f[i][k] + 32 :
					    row->f[i][k]);
				low[k] = '\0';
				if (kim_column_lookup(low, KIM_IN_FIELDS) >= 0)
					problem(rd, row->line, (long)i + 1, "unknown "
					    "column '%s' (column names are lower "
					    "case: %s)", row->f[i], low);
				else
					problem(rd, row->line, (long)i + 1, "unknown "
					    "column '%s' (the columns are %s)",
					    row->f[i], kim_column_list(KIM_IN_REGISTER));
				continue;
			}
			if (f >= KIM_NFIELDS) {
				rd->map[i] = -1;	/* derived: ignored */
				if (rd->sheet && !seen[f]++)	/* named once */
					noted[i] = 1;
				if (rd->sheet && (f == KIM_F_DESA ||
				    f == KIM_F_KECAMATAN) && !rd->sheet->
				    place_col[f == KIM_F_KECAMATAN])
					rd->sheet->place_col[f ==
					    KIM_F_KECAMATAN] = (long)i + 1;
				continue;
			}
			if (seen[f]++)
				problem(rd, row->line, (long)i + 1,
				    strcmp(row->f[i], kim_field_names[f]) ?
				    "column '%s' is given twice (as %s)" :
				    "column '%s' is given twice%s", row->f[i],
				    strcmp(row->f[i], kim_field_names[f]) ?
				    kim_field_names[f] : "");
			rd->map[i] = f;
			if (rd->sheet) {
				rd->sheet->has_col[f] = 1;
				rd->sheet->aliased |= strcmp(row->f[i],
				    kim_field_names[f]) != 0;
			}
		}
		rd->ncols = row->n;
		for (i = 0; i < row->n; i++)
			/* without a region column, the places name the region */
			if (noted[i] && (seen[KIM_F_REGION] || ((long)i + 1 !=
			    rd->sheet->place_col[0] &&
			    (long)i + 1 != rd->sheet->place_col[1])))
				kim_buf_addf(&rd->sheet->derived, "%s%s",
				    rd->sheet->derived.len ? ", " : "", row->f[i]);
		/* a workbook's "BOOK.xlsx:Sheet!" names its header row */
		struct kim_buf at = { 0 };
		size_t nl = strlen(rd->name);
		kim_buf_addf(&at, nl > 0 && rd->name[nl - 1] == '!' ?
		    "%s%ld" : "%s", rd->name, row->line);
		if (rd->sheet && rd->sheet->derived.len > 0)
			kim_warn("%s: note: %s, derived from region, ignored",
			    kim_buf_str(&at), kim_buf_str(&rd->sheet->derived));
		if (rd->sheet)
			kim_sheet_warn_ignored(rd->sheet, kim_buf_str(&at));
		kim_buf_free(&at);
		for (int f = 0; f < KIM_NFIELDS; f++) {
			int places = f == KIM_F_REGION && rd->sheet &&
			    (rd->sheet->place_col[0] || rd->sheet->place_col[1]);
			if (seen[f] || kim_columns[f].given != KIM_GIVEN_REQUIRED ||
			    (rd->sheet && rd->sheet->update && seen[KIM_F_ID]) ||
			    (places && rd->sheet->area))
				continue;
			if (places)
				problem(rd, row->line, 0, "the header has no "
				    "column '%s': give -r REGION to find the "
				    "codes by the names of its %s columns",
				    kim_field_names[f], "desa and kecamatan");
			else
				problem(rd, row->line, 0, "the header has no "
				    "column '%s' (name, region and formed are "
				    "required)%s", kim_field_names[f], "");
		}
		return rd->problems > before;
	}
	/* the record's fields point into the row: no copy */
	struct kim_record r = { .seq = 0 };
	static char empty[] = "";
	for (int f = 0; f < KIM_NFIELDS; f++) {
		r.f[f] = empty;
		r.col[f] = 0;
	}
	if (rd->sheet) {
		rd->sheet->rows++;
		if (kim_sheet_empty_row(row->f, row->n)) {
			rd->sheet->empty++;
			return 0;
		}
	}
	/* a sheet's values are not its cells: their lengths are not known */
	int bad = 0, short_fields = !rd->sheet;
	for (size_t i = 0; i < row->n; i++) {
		int f = rd->map[i];
		char *s = row->f[i];
		if (f < 0)
			continue;
		short_fields &= row->len[i] <= KIM_LIMIT_LEAST;
		if (rd->sheet) {
			kim_buf_reset(&rd->vals[f]);
			s = (char *)kim_sheet_value(rd->sheet, f, s, &rd->vals[f],
			    rd->d, rd->name, row->line, (long)i + 1);
			if (!s) {
				rd->problems++;
				bad = 1;
				continue;
			}
		}
		r.f[f] = s;
		r.col[f] = (long)i + 1;
	}
	if (bad)
		return 0;
	if (rd->sheet && rd->sheet->area && !*r.f[KIM_F_REGION] &&
	    !(rd->sheet->update && *r.f[KIM_F_ID]) && place(rd, row, &r) < 0)
		return 0;
	r.seq = kim_id_seq(r.f[KIM_F_ID], r.f[KIM_F_REGION]);
	r.clean = row->clean;
	r.short_fields = short_fields;
	emit(rd, &r, row->line);
	return rd->stop;
}

/* A row of a workbook: its cells are named in the sheet */
static int
on_xlsx_row(void *arg, const struct kim_csv_row *row)
{
	struct reading *rd = arg;

	rd->name = rd->sheet->where;
	return on_csv_row(arg, row);
}

/*
 * The column of "key" in an object whose text is line[off..end), line
 * being the start of the line it begins on, for messages; 0 if not found.
 */
static long
keycol(const char *line, size_t off, size_t end, const char *key)
{
	size_t n = strlen(key);

	/* "key", quotes included: a key of any length */
	for (size_t i = off; i + n + 2 <= end; i++)
		if (line[i] == '"' && memcmp(line + i + 1, key, n) == 0 &&
		    line[i + n + 1] == '"')
			return (long)i + 1;
	return 0;
}

/* Set a field from a JSON value; -1 (reported) when the type is wrong. */
static int
json_field(struct reading *rd, int f, json_t *v, long line, long col)
{
	char num[32];
	struct kim_buf b = { 0 };

	switch (json_typeof(v)) {
	case JSON_NULL:
		return 0;
	case JSON_STRING:
		if (json_string_length(v) > KIM_FIELD_MAX) {
			rd->problems++;
			kim_diagf(rd->d, rd->name, line, col, "%s: a field of %zu "
			    "bytes: the limit is %ld bytes (kim-data(5), LIMITS)",
			    kim_field_names[f], json_string_length(v),
			    KIM_FIELD_MAX);
			return -1;
		}
		kim_recbuf_set(&rd->rb, f, json_string_value(v),
		    json_string_length(v), col);
		return 0;
	case JSON_INTEGER:
		if (kim_columns[f].json != KIM_T_NUM)
			break;
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		kim_recbuf_set(&rd->rb, f, num, strlen(num), col);
		return 0;
	case JSON_ARRAY:
		if (kim_columns[f].json != KIM_T_LIST &&
		    kim_columns[f].json != KIM_T_IDS)
			break;
		for (size_t i = 0; i < json_array_size(v); i++) {
			json_t *e = json_array_get(v, i);
			if (!json_is_string(e)) {
				problem(rd, line, col, "%s: the array must hold "
				    "strings%s", kim_field_names[f], "");
				kim_buf_free(&b);
				return -1;
			}
			if (i)
				kim_buf_addc(&b, ';');
			kim_buf_adds(&b, json_string_value(e));
		}
		if (b.len > KIM_FIELD_MAX) {
			rd->problems++;
			kim_diagf(rd->d, rd->name, line, col, "%s: a field of %zu "
			    "bytes: the limit is %ld bytes (kim-data(5), LIMITS)",
			    kim_field_names[f], b.len, KIM_FIELD_MAX);
			kim_buf_free(&b);
			return -1;
		}
		kim_recbuf_set(&rd->rb, f, kim_buf_str(&b), b.len, col);
		kim_buf_free(&b);
		return 0;
	default:
		break;
	}
	problem(rd, line, col, "%s: %s", kim_field_names[f],
	    kim_columns[f].json == KIM_T_NUM ? "expected a whole number or null" :
	    kim_columns[f].json == KIM_T_LIST ?
	    "expected an array of tags, a string or null" :
	    kim_columns[f].json == KIM_T_IDS ?
	    "expected an array of ids, a string or null" :
	    "expected a string or null");
	return -1;
}

static void
json_record(struct reading *rd, json_t *obj, long line, const char *text,
    size_t off, size_t end)
{
	const char *key;
	json_t *v;
	int bad = 0;

	if (!json_is_object(obj)) {
		problem(rd, line, 0, "%s%s", "expected a JSON object", "");
		return;
	}
	if (++rd->records > KIM_RECORDS_MAX) {
		rd->problems++;
		kim_diagf(rd->d, rd->name, line, 1, "more than %ld records "
		    "in one file: that is the limit (kim-data(5), LIMITS)",
		    KIM_RECORDS_MAX);
		rd->stop = 1;
		return;
	}
	kim_recbuf_clear(&rd->rb);
	json_object_foreach(obj, key, v) {
		int f = kim_column_lookup(key, KIM_IN_FIELDS);
		long col = keycol(text, off, end, key);
		if (f >= KIM_NFIELDS)
			continue;	/* a derived column: ignored */
		if (f < 0) {
			problem(rd, line, col, "unknown key '%s' (the keys are "
			    "%s)", key, kim_column_list(KIM_IN_REGISTER));
			bad = 1;
			continue;
		}
		if (json_field(rd, f, v, line, col) < 0)
			bad = 1;
	}
	if (!bad) {
		struct kim_record r;
		kim_recbuf_get(&rd->rb, &r);
		emit(rd, &r, line);
	}
}

struct lines {
	int fd;
	const char *pre;
	size_t prelen;
	struct kim_buf buf;	/* unread bytes */
	size_t pos;
	size_t seen;		/* after pos, known to hold no line end */
	int eof;
};

/*
 * The next line, without its end, or NULL at the end; *err is -1 on a
 * read error, 1 at a line longer than KIM_RECORD_MAX: no more of it is
 * read than its first byte past the limit (and a chunk), so that an
 * endless line takes no more memory than a record.
 */
static char *
nextline(struct lines *ls, size_t *len, int *err)
{
	char chunk[1 << 16];

	for (;;) {
		char *s = ls->buf.s + ls->pos;
		/* bytes already looked at hold no line end: not again */
		char *nl = ls->buf.len > ls->pos + ls->seen ? memchr(s + ls->seen,
		    '\n', ls->buf.len - ls->pos - ls->seen) : NULL;
		if (nl || (ls->eof && ls->buf.len > ls->pos)) {
			size_t n = nl ? (size_t)(nl - s) : ls->buf.len - ls->pos;
			ls->pos += n + (nl != NULL);
			ls->seen = 0;
			if (nl)
				*nl = '\0';
			if (n > 0 && s[n - 1] == '\r')
				s[--n] = '\0';
			*len = n;
			return s;
		}
		if (ls->eof)
			return NULL;
		ls->seen = ls->buf.len - ls->pos;
		/* the limit, and the CR of a CR LF line end */
		if (ls->seen > (size_t)KIM_RECORD_MAX + 1) {
			*err = 1;
			return NULL;
		}
		/* move the rest to the front, then read more */
		if (ls->pos > 0) {
			memmove(ls->buf.s, ls->buf.s + ls->pos,
			    ls->buf.len - ls->pos);
			ls->buf.len -= ls->pos;
			ls->pos = 0;
		}
		ssize_t n;
		if (ls->prelen) {
			kim_buf_add(&ls->buf, ls->pre, ls->prelen);
			ls->prelen = 0;
			continue;
		}
		if (ls->fd < 0) {
			ls->eof = 1;
			continue;
		}
		n = kim_read(ls->fd, chunk, sizeof chunk);
		if (n < 0) {
			*err = -1;
			return NULL;
		}
		if (n == 0)
			ls->eof = 1;
		else
			kim_buf_add(&ls->buf, chunk, (size_t)n);
	}
}

/* Skip blanks and line ends, counting the lines; *bol: where one begins */
static size_t
blanks(const char *s, size_t i, size_t len, long *line, size_t *bol)
{
	for (; i < len && strchr(" \t\r\n", s[i]); i++)
		if (s[i] == '\n') {
			++*line;
			*bol = i + 1;
		}
	return i;
}

/*
 * A JSON array of records, read one object at a time as its lines come,
 * so that each is named by the line it starts on (Jansson gives no
 * positions inside a value) and only the object being read is held.
 */
enum { A_OPEN, A_FIRST, A_ITEM, A_NEXT, A_DONE };

struct array {
	struct kim_buf text;	/* lines not yet read, from a line's start */
	size_t i;		/* where reading is in text */
	size_t bol;		/* the start of the line of i */
	long line;		/* the line of i */
	int state;
};

/* Jansson out of memory is no fault of the file: exit 4 */
static void
oom(const struct reading *rd, const json_error_t *e, long line)
{
	if (json_error_code(e) == json_error_out_of_memory)
		kim_diefile(KIM_EXIT_IO, rd->name, line, 0, "out of memory");
}

static void
array_error(struct reading *rd, struct array *a, long line, long col,
    const char *msg)
{
	problem(rd, line, col, "not JSON: %s%s", msg, "");
	a->state = A_DONE;
	rd->stop = 1;
}

/*
 * Read what the text holds, up to an object not yet whole; with obj, an
 * object is tried (each try parses it from its start: done only when a
 * line may end one); at the end of the file, final.
 */
static void
array_read(struct reading *rd, struct array *a, int obj, int final)
{
	const char *s = a->text.s;
	size_t len = a->text.len;
	json_error_t e;

	while (!rd->stop) {
		size_t i = a->i = blanks(s, a->i, len, &a->line, &a->bol);
		if (i == len)
			break;
		if (a->state == A_OPEN && s[i] == '[') {
			a->i++;
			a->state = A_FIRST;
		} else if ((a->state == A_FIRST || a->state == A_NEXT) &&
		    s[i] == ']') {
			a->i++;
			a->state = A_DONE;
		} else if (a->state == A_NEXT && s[i] == ',') {
			a->i++;
			a->state = A_ITEM;
		} else if (a->state == A_FIRST || a->state == A_ITEM) {
			if (!obj && !final)
				break;
			json_t *o = json_loadb(s + i, len - i,
			    JSON_REJECT_DUPLICATES | JSON_DISABLE_EOF_CHECK, &e);
			if (!o && !final && json_error_code(&e) ==
			    json_error_premature_end_of_input)
				break;	/* not whole yet */
			if (!o) {
				oom(rd, &e, a->line + e.line - 1);
				array_error(rd, a, a->line + e.line - 1, e.column,
				    e.text);
				break;
			}
			size_t used = (size_t)e.position, bol = a->bol;
			long at = a->line;
			for (size_t k = i; k < i + used; k++)
				if (s[k] == '\n') {
					a->line++;
					a->bol = k + 1;
				}
			json_record(rd, o, at, s + bol, i - bol, i + used - bol);
			json_decref(o);
			a->i = i + used;
			a->state = A_NEXT;
		} else {
			array_error(rd, a, a->line, (long)(i - a->bol) + 1,
			    "expected an array of objects, separated by ',', "
			    "ending in ']'");
			break;
		}
	}
	if (final && !rd->stop && a->state != A_DONE)
		array_error(rd, a, a->line, 0, "expected an array of objects, "
		    "separated by ',', ending in ']'");
	/* what was read is dropped; the line being read is kept */
	if (a->bol > 0) {
		memmove(a->text.s, a->text.s + a->bol, a->text.len - a->bol);
		a->text.len -= a->bol;
		a->text.s[a->text.len] = '\0';
		a->i -= a->bol;
		a->bol = 0;
	}
}

/* Can this line end an object ("}", "},", "}]", blanks after)? */
static int
may_end(const char *s, size_t len)
{
	while (len > 0 && strchr(" \t,]", s[len - 1]))
		len--;
	return len > 0 && s[len - 1] == '}';
}

static void
too_long(struct reading *rd, long line)
{
	rd->problems++;
	rd->stop = 1;
	kim_diagf(rd->d, rd->name, line, KIM_RECORD_MAX + 1, "a line of more "
	    "than %ld bytes: that is the limit (kim-data(5), LIMITS)",
	    KIM_RECORD_MAX);
}

static long
read_json(struct reading *rd, int fd, const char *pre, size_t prelen)
{
	struct lines ls = { .fd = fd, .pre = pre, .prelen = prelen };
	struct array a;
	json_error_t e;
	size_t len;
	long line = 0;
	int err = 0, array = -1;
	char *s;

	memset(&a, 0, sizeof a);
	kim_buf_add(&ls.buf, "", 0);
	kim_buf_add(&a.text, "", 0);
	while (!rd->stop && (s = nextline(&ls, &len, &err))) {
		line++;
		if (line == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3, len -= 3;
		if (array < 0) {
			size_t k = strspn(s, " \t");
			if (k == len)
				continue;
			array = s[k] == '[';
			a.line = line;
		}
		if (len > KIM_RECORD_MAX) {
			too_long(rd, line);
			break;
		}
		if (array) {
			kim_buf_add(&a.text, s, len);
			kim_buf_addc(&a.text, '\n');
			array_read(rd, &a, may_end(s, len), 0);
			if (!rd->stop && a.text.len - a.i > (size_t)KIM_RECORD_MAX) {
				rd->problems++;
				rd->stop = 1;
				kim_diagf(rd->d, rd->name, a.line, 0, "an object of "
				    "more than %ld bytes: that is the limit "
				    "(kim-data(5), LIMITS)", KIM_RECORD_MAX);
			}
			continue;
		}
		if (strspn(s, " \t") == len)
			continue;
		json_t *obj = json_loadb(s, len, JSON_REJECT_DUPLICATES, &e);
		if (!obj) {
			oom(rd, &e, line);
			problem(rd, line, e.column, "not JSON: %s%s", e.text, "");
			continue;
		}
		json_record(rd, obj, line, s, 0, len);
		json_decref(obj);
	}
	if (err < 0) {
		kim_diagf(rd->d, rd->name, 0, 0, "cannot read: %s",
		    strerror(errno));
		rd->problems = -1;
	} else if (err > 0)
		too_long(rd, line + 1);
	else if (array == 1 && !rd->stop)
		array_read(rd, &a, 1, 1);
	kim_buf_free(&ls.buf);
	kim_buf_free(&a.text);
	return rd->problems;
}

/* Where the content starts: past a BOM and blanks (have if nowhere yet) */
static size_t
content(const char *pre, size_t have)
{
	size_t k = have >= 3 && memcmp(pre, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	while (k < have && strchr(" \t\r\n", pre[k]))
		k++;
	return k;
}

static void
reading_start(struct reading *rd, const char *name, int flags,
    const struct kim_ctx *ctx, struct kim_sheet *sheet, kim_record_fn fn,
    void *arg, struct kim_diag *d)
{
	memset(rd, 0, sizeof *rd);
	rd->name = name;
	rd->flags = flags;
	rd->ctx = ctx;
	rd->fn = fn;
	rd->arg = arg;
	rd->d = d;
	rd->sheet = sheet;
}

static void
reading_end(struct reading *rd)
{
	kim_recbuf_free(&rd->rb);
	for (int f = 0; f < KIM_NFIELDS; f++)
		kim_buf_free(&rd->vals[f]);
}

/* Read records from bytes already read (pre) and then from fd, if >= 0. */
static long
read_records(const char *name, int fd, const char *pre, size_t have,
    int flags, const struct kim_ctx *ctx, struct kim_sheet *sheet,
    kim_record_fn fn, void *arg, struct kim_diag *d)
{
	struct reading rd;
	size_t k;
	long r;

	reading_start(&rd, name, flags, ctx, sheet, fn, arg, d);
	/* CSV or JSON: the first byte that is not a BOM or a blank tells */
	k = content(pre, have);
	if (k < have && (pre[k] == '{' || pre[k] == '['))
		r = read_json(&rd, fd, pre, have);
	else {
		r = kim_csv_read(fd, pre, have, rd.name, on_csv_row, &rd, d);
		if (r == 0 && rd.ncols == 0 && rd.problems == 0) {
			rd.problems++;
			kim_diagf(d, rd.name, 0, 0, "empty file: expected a "
			    "header line (%s)", (flags & KIM_READ_REGISTER) ?
			    kim_header : "name,region,formed,...");
		}
		if (r >= 0)
			r += rd.problems;
	}
	reading_end(&rd);
	return r;
}

long
kim_read_file(const char *path, int flags, const struct kim_ctx *ctx,
    kim_record_fn fn, void *arg, struct kim_diag *d)
{
	return kim_read_sheet(path, flags, ctx, NULL, fn, arg, d);
}

/* The records of the sheet of a workbook (kim_xlsx_in) */
static long
read_xlsx(const char *path, int flags, const struct kim_ctx *ctx,
    struct kim_sheet *sheet, kim_record_fn fn, void *arg, struct kim_diag *d)
{
	struct reading rd;
	long r;

	reading_start(&rd, NULL, flags, ctx, sheet, fn, arg, d);
	sheet->serials = 1;
	/* rows name their cells: "BOOK.xlsx:Sheet1!" once the sheet is found */
	r = kim_xlsx_read(path, sheet->sheet, on_xlsx_row, &rd, d,
	    &sheet->where, &sheet->date1904);
	if (r == 0 && rd.ncols == 0 && rd.problems == 0) {
		rd.problems++;
		kim_diagf(d, path, 0, 0, "%s", "the sheet is empty: expected a "
		    "header row (name, region, formed, ...)");
	}
	if (r >= 0)
		r += rd.problems;
	reading_end(&rd);
	return r;
}

long
kim_read_sheet(const char *path, int flags, const struct kim_ctx *ctx,
    struct kim_sheet *sheet, kim_record_fn fn, void *arg, struct kim_diag *d)
{
	char pre[4096];
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	size_t have = 0;
	int fd = name == path ? kim_open_read(path, flags & KIM_READ_REGISTER ?
	    KIM_OPEN_REGULAR : 0, d) : 0;
	long r;

	if (fd < 0)
		return fd == -2 ? 1 : -1;	/* -2: reported, invalid data */
	if (sheet && name == path && kim_xlsx_is(path)) {
		close(fd);
		return read_xlsx(path, flags, ctx, sheet, fn, arg, d);
	}
	if (sheet && sheet->encoding) {
		/* converted to UTF-8 whole, then read as any other */
		struct kim_buf u = { 0 };
		int k = kim_sheet_recode(sheet, fd, name, &u, d);
		if (fd > 0)
			close(fd);
		r = k == 0 ? read_records(name, -1, u.s ? u.s : "", u.len,
		    flags, ctx, sheet, fn, arg, d) : k == -1 ? 1 : -1;
		kim_buf_free(&u);
		return r;
	}
	/* enough of the start to tell CSV from JSON */
	for (;;) {
		ssize_t n = kim_read(fd, pre + have, sizeof pre - have);
		if (n < 0) {
			kim_diagf(d, name, 0, 0, "cannot read: %s",
			    strerror(errno));
			if (fd > 0)
				close(fd);
			return -1;
		}
		have += (size_t)n;
		if (content(pre, have) < have || n == 0 || have == sizeof pre)
			break;
	}
	r = read_records(name, fd, pre, have, flags, ctx, sheet, fn, arg, d);
	if (fd > 0)
		close(fd);
	return r;
}

long
kim_read_buf(const char *name, const char *buf, size_t len, int flags,
    const struct kim_ctx *ctx, kim_record_fn fn, void *arg,
    struct kim_diag *d)
{
	return read_records(name, -1, buf, len, flags, ctx, NULL, fn, arg, d);
}
