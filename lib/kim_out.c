/* kim_out: rows out as csv, tsv, json, jsonl or an aligned table */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kim_csv.h"
#include "kim_err.h"
#include "kim_hold.h"
#include "kim_i18n.h"
#include "kim_out.h"
#include "kim_term.h"
#include "kim_util.h"
#include "kim_xlsx_out.h"

struct kim_out {
	FILE *fp;
	enum kim_fmt fmt;
	enum kim_excel excel;
	const struct kim_col *cols;
	size_t ncols;
	long rows;
	/* a table is held until its widths are known */
	char **cells;
	size_t ncells, cap;
	size_t *width;
	char **total;
	int color;	/* status words in colour (a terminal) */
	struct kim_hold *hold;	/* kim_out_held: fp is its stream */
	struct kim_xlsx *xlsx;	/* the workbook of -f xlsx */
	struct kim_xlsx_col *xcols;	/* its columns */
	char *caption;		/* kim_out_caption, or NULL */
	/* -f json and jsonl: one object for every row, its values, and the
	   buffer it is written into */
	json_t *obj;
	json_t **jv;		/* each column's value, or NULL: no key */
	void **jit;		/* and its place in obj, or NULL */
	struct kim_buf json;
};

const char *const kim_fmt_names[KIM_NFMTS] = { "csv", "tsv", "json",
    "jsonl", "table", "xlsx", "svg", "md", "html", "opendata" };

const struct kim_formats kim_formats_rows = { { KIM_FMTS_ROWS },
    KIM_NFMTS_ROWS, KIM_NFMTS_ROWS, KIM_FMT_UNKNOWN };

const struct kim_formats kim_formats_sheets = { { KIM_FMTS_SHEETS },
    KIM_NFMTS_SHEETS, KIM_NFMTS_SHEETS, KIM_FMT_UNKNOWN };

int
kim_fmt_lookup(const struct kim_formats *fs, const char *name)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(name, kim_fmt_names[fs->f[i]]) == 0)
			return (int)fs->f[i];
	return -1;
}

const char *
kim_fmt_list(const struct kim_formats *fs, size_t n)
{
	static char buf[128];
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && i < fs->n; i++) {
		/* TRANSLATORS: the last joint of a list of formats: "json,
		   jsonl or table" */
		const char *or = _(" or ");
		int k = snprintf(buf + len, sizeof buf - len, "%s%s", i == 0 ?
		    "" : i + 1 < n ? ", " : or, kim_fmt_names[fs->f[i]]);
		if (k < 0 || (size_t)k >= sizeof buf - len)
			break;
		len += (size_t)k;
	}
	return buf;
}

int
kim_out_json(const struct kim_out *o)
{
	return o->fmt == KIM_FMT_JSON || o->fmt == KIM_FMT_JSONL;
}

/* After a write: stop on an error (a closed pipe quietly). */
static void
check(struct kim_out *o)
{
	if (o->hold)
		kim_hold_check(o->hold);
	else
		kim_write_check(o->fp);
}

static void
newline(struct kim_out *o)
{
	fputs(o->excel ? "\r\n" : "\n", o->fp);
}

static void
put_delimited(struct kim_out *o, const char *const *vals, int header)
{
	int delim = o->fmt == KIM_FMT_TSV ? '\t' :
	    o->excel == KIM_EXCEL_ID ? ';' : ',';

	for (size_t i = 0; i < o->ncols; i++) {
		const char *v = vals[i];
		int quote = o->excel && !header && *v && strchr("=+-@", *v);
		int comma = o->excel == KIM_EXCEL_ID && !header &&
		    o->cols[i].type == KIM_T_NUM && strchr(v, '.');
		if (i)
			fputc_unlocked(delim, o->fp);
		if (quote || comma) {
			struct kim_buf b = { 0 };
			if (quote)
				kim_buf_addc(&b, '\'');
			for (; *v; v++)	/* 46.4 as 46,4 */
				kim_buf_addc(&b, comma && *v == '.' ? ',' : *v);
			kim_csv_put(o->fp, kim_buf_str(&b), delim);
			kim_buf_free(&b);
		} else
			kim_csv_put(o->fp, v, delim);
	}
	newline(o);
}

/*
 * v[0..n) as a JSON string, or NULL when it is not UTF-8 (which
 * json_stringn refuses: the key or element is left out).  Checked here
 * once, at a few instructions a byte, so that Jansson need not check it
 * again (_nocheck).  A string cur is changed in place and returned.
 */
static json_t *
json_text(json_t *cur, const char *v, size_t n)
{
	if (kim_utf8_valid(v, n) != n)
		return NULL;
	if (!json_is_string(cur))
		return json_stringn_nocheck(v, n);
	if (json_string_length(cur) != n ||
	    memcmp(json_string_value(cur), v, n) != 0)
		json_string_setn_nocheck(cur, v, n);
	return cur;
}

/* a ';'-list as an array of strings, cur's elements reused if an array */
static json_t *
json_list(json_t *cur, const char *v)
{
	json_t *a = json_is_array(cur) ? cur : json_array();
	size_t k = 0;

	for (const char *s = v, *e; *s; s = *e ? e + 1 : e) {
		e = strchr(s, ';');
		if (!e)
			e = s + strlen(s);
		json_t *el = json_array_get(a, k);
		json_t *nv = json_text(el, s, (size_t)(e - s));
		if (!nv)
			continue;
		if (nv != el && (el ? json_array_set_new(a, k, nv) :
		    json_array_append_new(a, nv)) != 0)
			continue;
		k++;
	}
	while (json_array_size(a) > k)
		json_array_remove(a, json_array_size(a) - 1);
	return a;
}

/*
 * The JSON value of v in column c, or NULL where the object has no key
 * for it (an empty KIM_T_IDS; text that is not UTF-8).  cur is the
 * column's value in the row before, or NULL: a string, number or array is
 * changed in place and returned, so that rows after the first build no
 * new tree.
 */
static json_t *
json_value(json_t *cur, const struct kim_col *c, const char *v)
{
	switch (c->type) {
	case KIM_T_NUM:
		if (!*v)
			return json_null();
		if (strpbrk(v, ".eE")) {
			double d = strtod(v, NULL);
			if (!json_is_real(cur))
				return json_real(d);
			json_real_set(cur, d);
		} else {
			json_int_t i = strtoll(v, NULL, 10);
			if (!json_is_integer(cur))
				return json_integer(i);
			json_integer_set(cur, i);
		}
		return cur;
	case KIM_T_LIST:
	case KIM_T_IDS:
		if (!*v)
			return c->type == KIM_T_IDS ? NULL : json_null();
		return json_list(cur, v);
	case KIM_T_BOOL:
		return *v ? json_boolean(strcmp(v, "yes") == 0) : json_null();
	case KIM_T_JSON: {
		json_t *j = *v ? json_loads(v, JSON_DECODE_ANY, NULL) : NULL;
		return j ? j : *v ? json_string(v) : json_null();
	}
	default:
		return *v ? json_text(cur, v, strlen(v)) : json_null();
	}
}

json_t *
kim_out_object(const struct kim_col *cols, size_t ncols,
    const char *const *vals)
{
	json_t *obj = json_object();

	for (size_t i = 0; i < ncols; i++) {
		json_t *v = json_value(NULL, &cols[i], vals[i]);
		if (v)
			json_object_set_new(obj, cols[i].name, v);
	}
	return obj;
}

/*
 * o->obj as kim_out_object would build it for vals, in place: each
 * column's value is changed, or replaced where its type changed (through
 * the key's iterator, not its hash); only a key come or gone builds the
 * object's keys again, in the columns' order.
 */
static void
json_fill(struct kim_out *o, const char *const *vals)
{
	size_t n = o->ncols ? o->ncols : 1;
	int rekey = o->obj == NULL;

	if (!o->obj) {
		o->obj = json_object();
		o->jv = kim_calloc(n, sizeof *o->jv);
		o->jit = kim_calloc(n, sizeof *o->jit);
	}
	for (size_t i = 0; i < o->ncols; i++) {
		json_t *cur = o->jv[i];
		json_t *nv = json_value(cur, &o->cols[i], vals[i]);
		if (nv == cur)
			continue;
		if (!nv || !cur)
			rekey = 1;
		else if (!rekey && o->jit[i])
			json_object_iter_set(o->obj, o->jit[i], nv);
		json_decref(cur);
		o->jv[i] = nv;
	}
	if (!rekey)
		return;
	json_object_clear(o->obj);
	for (size_t i = 0; i < o->ncols; i++) {
		o->jit[i] = NULL;
		if (o->jv[i] && json_object_set(o->obj, o->cols[i].name,
		    o->jv[i]) == 0)
			o->jit[i] = json_object_iter_at(o->obj, o->cols[i].name);
	}
}

/* o->obj out, after the separator of json, with jsonl's line end */
static void
put_json(struct kim_out *o)
{
	const char *sep = o->fmt != KIM_FMT_JSON ? "" : o->rows ? ",\n" :
	    "[\n";
	size_t pre = strlen(sep), n;
	/* 15 digits: a number written "46.4" comes out as 46.4 */
	size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15);

	for (;;) {	/* into the buffer of the rows before, or a larger */
		size_t room = o->json.cap > pre + 1 ? o->json.cap - pre - 1 : 0;
		n = json_dumpb(o->obj, room ? o->json.s + pre : NULL, room,
		    flags);
		if (n == 0)
			kim_die(KIM_EXIT_IO, "cannot write a JSON object");
		if (n <= room)
			break;
		kim_buf_reset(&o->json);
		kim_buf_reserve(&o->json, pre + n + 1);
	}
	memcpy(o->json.s, sep, pre);
	if (o->fmt == KIM_FMT_JSONL)
		o->json.s[pre + n++] = '\n';
	fwrite(o->json.s, 1, pre + n, o->fp);
}

/* a table cell shows no line breaks or tabs */
static char *
cell(const char *v)
{
	char *s = kim_strdup(v);

	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	return s;
}

static void
hold(struct kim_out *o, const char *const *vals)
{
	if (o->ncells + o->ncols > o->cap) {
		o->cap = (o->cap ? o->cap * 2 : 256) + o->ncols;
		o->cells = kim_reallocarray(o->cells, o->cap, sizeof *o->cells);
	}
	for (size_t i = 0; i < o->ncols; i++) {
		char *c = cell(vals[i]);
		size_t w = kim_utf8_width(c);
		if (w > o->width[i])
			o->width[i] = w;
		o->cells[o->ncells++] = c;
	}
}

struct kim_out *
kim_out_new(FILE *fp, enum kim_fmt fmt, int excel, const struct kim_col *cols,
    size_t ncols)
{
	struct kim_out *o = kim_calloc(1, sizeof *o);
	const char **names = kim_calloc(ncols, sizeof *names);

	o->fp = fp;
	o->fmt = fmt;
	o->excel = fmt == KIM_FMT_CSV || fmt == KIM_FMT_TSV ?
	    (enum kim_excel)excel : KIM_EXCEL_NONE;
	o->cols = cols;
	o->ncols = ncols;
	for (size_t i = 0; i < ncols; i++)
		names[i] = cols[i].name;
	if (o->excel)
		fputs("\xef\xbb\xbf", fp);
	if (fmt == KIM_FMT_XLSX) {
		o->xlsx = kim_xlsx_new();
		o->xcols = kim_calloc(ncols ? ncols : 1, sizeof *o->xcols);
		for (size_t i = 0; i < ncols; i++) {
			o->xcols[i].name = cols[i].name;
			o->xcols[i].kind = cols[i].type == KIM_T_NUM ?
			    KIM_XLSX_NUMBER : cols[i].type == KIM_T_DATE ?
			    KIM_XLSX_DATE : KIM_XLSX_TEXT;
		}
		kim_xlsx_sheet(o->xlsx, kim_prog, o->xcols, ncols);
	} else if (fmt == KIM_FMT_CSV || fmt == KIM_FMT_TSV)
		put_delimited(o, names, 1);	/* a header is never a formula */
	else if (fmt == KIM_FMT_TABLE) {
		o->width = kim_calloc(ncols, sizeof *o->width);
		hold(o, names);
	}
	free(names);
	return o;
}

void
kim_out_row(struct kim_out *o, const char *const *vals)
{
	switch (o->fmt) {
	case KIM_FMT_CSV:
	case KIM_FMT_TSV:
		put_delimited(o, vals, 0);
		break;
	case KIM_FMT_JSON:
	case KIM_FMT_JSONL:
		json_fill(o, vals);
		put_json(o);
		break;
	case KIM_FMT_XLSX:
		kim_xlsx_row(o->xlsx, vals);
		break;
	default:	/* KIM_FMT_TABLE: kim_out writes the rows formats only */
		hold(o, vals);
		break;
	}
	o->rows++;
	check(o);
}

void
kim_out_total(struct kim_out *o, const char *const *vals)
{
	if (o->fmt != KIM_FMT_TABLE || o->total) {
		kim_out_row(o, vals);
		return;
	}
	o->total = kim_calloc(o->ncols, sizeof *o->total);
	for (size_t i = 0; i < o->ncols; i++) {
		o->total[i] = cell(vals[i]);
		size_t w = kim_utf8_width(o->total[i]);
		if (w > o->width[i])
			o->width[i] = w;
	}
}

static void
table_line(struct kim_out *o, char **row, int color)
{
	struct kim_buf b = { 0 };

	for (size_t i = 0; i < o->ncols; i++) {
		size_t pad = o->width[i] - kim_utf8_width(row[i]);
		int right = o->cols[i].type == KIM_T_NUM;
		const char *sgr = color && strcmp(o->cols[i].name, "status") == 0 ?
		    kim_term_status_color(row[i]) : NULL;

		if (i)
			kim_buf_adds(&b, "  ");
		if (right)
			kim_buf_addf(&b, "%*s", (int)pad, "");
		if (sgr)
			kim_buf_adds(&b, sgr);
		kim_buf_adds(&b, row[i]);
		if (sgr)
			kim_buf_adds(&b, KIM_TERM_RESET);
		if (!right)
			kim_buf_addf(&b, "%*s", (int)pad, "");
	}
	while (b.len > 0 && b.s[b.len - 1] == ' ')
		b.len--;
	kim_buf_addc(&b, '\n');
	fwrite(b.s, 1, b.len, o->fp);
	kim_buf_free(&b);
	kim_write_check(o->fp);
}

static void
out_free(struct kim_out *o)
{
	for (size_t i = 0; i < o->ncells; i++)
		free(o->cells[i]);
	if (o->total)
		for (size_t i = 0; i < o->ncols; i++)
			free(o->total[i]);
	free(o->total);
	free(o->xcols);
	free(o->cells);
	free(o->width);
	free(o->caption);
	if (o->jv)
		for (size_t i = 0; i < o->ncols; i++)
			json_decref(o->jv[i]);
	free(o->jv);
	free(o->jit);
	json_decref(o->obj);
	kim_buf_free(&o->json);
	free(o);
}

void
kim_out_caption(struct kim_out *o, const char *text)
{
	free(o->caption);
	o->caption = kim_strdup(text);
}

void
kim_out_end(struct kim_out *o)
{
	switch (o->fmt) {
	case KIM_FMT_JSON:
		fputs(o->rows ? "\n]\n" : "[]\n", o->fp);
		break;
	case KIM_FMT_XLSX:
		if (o->caption) {
			kim_xlsx_note(o->xlsx, "");
			kim_xlsx_note(o->xlsx, o->caption);
		}
		kim_xlsx_end(o->xlsx, o->fp);
		o->xlsx = NULL;
		break;
	case KIM_FMT_TABLE: {
		/* a table taller than the terminal goes to the pager */
		FILE *fp = o->fp;
		o->fp = kim_term_pager(fp, (long)(o->ncells / (o->ncols ?
		    o->ncols : 1)) + (o->total ? 2 : 0) + (o->caption ? 2 : 0));
		o->color = kim_term_color(fp);
		for (size_t i = 0; i < o->ncells; i += o->ncols)
			table_line(o, &o->cells[i], i > 0 && o->color);
		if (o->total) {
			size_t w = 0;
			for (size_t i = 0; i < o->ncols; i++)
				w += o->width[i] + (i ? 2 : 0);
			for (size_t i = 0; i < w; i++)
				fputc('-', o->fp);
			fputc('\n', o->fp);
			table_line(o, o->total, 0);
		}
		if (o->caption)
			fprintf(o->fp, "\n%s\n", o->caption);
		kim_write_check(o->fp);
		kim_term_pager_close(o->fp, fp);
		o->fp = fp;
		break;
	}
	default:
		break;
	}
	check(o);
	if (o->hold)
		kim_hold_release(o->hold);
	out_free(o);
}

struct kim_out *
kim_out_held(FILE *fp, enum kim_fmt fmt, int excel,
    const struct kim_col *cols, size_t ncols)
{
	struct kim_hold *h;
	struct kim_out *o;

	/* a table and a workbook are held whole already; a table must
	   see its terminal */
	if (fmt == KIM_FMT_TABLE || fmt == KIM_FMT_XLSX)
		return kim_out_new(fp, fmt, excel, cols, ncols);
	h = kim_hold_new(fp);
	o = kim_out_new(kim_hold_fp(h), fmt, excel, cols, ncols);
	o->hold = h;
	return o;
}

void
kim_out_drop(struct kim_out *o)
{
	if (o->hold)
		kim_hold_drop(o->hold);
	if (o->xlsx)
		kim_xlsx_drop(o->xlsx);
	out_free(o);
}

void
kim_xml_text(FILE *fp, const char *s)
{
	size_t len = strlen(s), ok;

	while (len > 0) {
		ok = kim_utf8_valid(s, len);
		for (size_t k = 0; k < ok; k++) {
			unsigned char c = (unsigned char)s[k];

			if (c == '&')
				fputs("&amp;", fp);
			else if (c == '<')
				fputs("&lt;", fp);
			else if (c == '>')
				fputs("&gt;", fp);
			else if (c == '"')
				fputs("&quot;", fp);
			else if ((c < 0x20 && c != '\n') || c == 0x7f)
				putc(' ', fp);
			else
				putc(c, fp);
		}
		if (ok == len)
			break;
		putc('?', fp);
		s += ok + 1;
		len -= ok + 1;
	}
}
