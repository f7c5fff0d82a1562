/*
 * kim_out: rows out as csv, tsv, json, jsonl or an aligned table; and the
 * registry of output formats every command's -f is parsed with
 */
#ifndef KIM_OUT_H
#define KIM_OUT_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "kim_i18n.h"

/*
 * Every output format, by its -f name in kim_fmt_names: the rows kim_out
 * writes, then those of one command, written by its own code: kim-coverage's
 * map (svg, kim_map) and kim-report's documents (md, html; its json is
 * the name of the rows' json), and kim-coverage's open-data table (opendata:
 * CSV in the layout of Satu Data Indonesia portals).  A new format is a line here and a name in
 * kim_fmt_names, and joins the struct kim_formats of the commands that
 * take it.
 */
enum kim_fmt { KIM_FMT_CSV, KIM_FMT_TSV, KIM_FMT_JSON, KIM_FMT_JSONL,
    KIM_FMT_TABLE, KIM_FMT_XLSX, KIM_FMT_SVG, KIM_FMT_MD, KIM_FMT_HTML,
    KIM_FMT_OPENDATA, KIM_NFMTS };
extern const char *const kim_fmt_names[KIM_NFMTS];

/* The formats of rows, kim_out's: the start of a struct kim_formats's f */
#define KIM_FMTS_ROWS KIM_FMT_CSV, KIM_FMT_TSV, KIM_FMT_JSON, KIM_FMT_JSONL, \
    KIM_FMT_TABLE
#define KIM_NFMTS_ROWS 5
/* and a workbook, for the commands that write to -o FILE */
#define KIM_FMTS_SHEETS KIM_FMTS_ROWS, KIM_FMT_XLSX
#define KIM_NFMTS_SHEETS (KIM_NFMTS_ROWS + 1)
/* The message for an unknown -f: the word given, the list of formats. */
#define KIM_FMT_UNKNOWN N_("-f: '%s' is not a format (%s)")

/* The formats a command takes with -f, and how it names them. */
struct kim_formats {
	enum kim_fmt f[KIM_NFMTS];	/* in the order of its messages */
	size_t n;
	size_t named;		/* the first named by the message */
	const char *unknown;	/* the message for another word (N_) */
};
/* the rows formats, -f of the commands that print rows */
extern const struct kim_formats kim_formats_rows;
/* those and xlsx: kim-list's and kim-eligible's -f */
extern const struct kim_formats kim_formats_sheets;
/* The format of that name among fs, or -1. */
int kim_fmt_lookup(const struct kim_formats *fs, const char *name);
/*
 * The first n formats of fs as a list: "csv, tsv, json, jsonl or table"
 * (the "or" in the language of the messages).  A static buffer.
 */
const char *kim_fmt_list(const struct kim_formats *fs, size_t n);

/* how a column is shown in JSON (text is always as is in CSV and tables) */
enum kim_type {
	KIM_T_TEXT,	/* a string; "" is null */
	KIM_T_NUM,	/* a number written as text; "" is null */
	KIM_T_LIST,	/* a ';'-list, an array in JSON; "" is null */
	KIM_T_BOOL,	/* "yes"/"no" in text, true/false in JSON */
	KIM_T_JSON,	/* JSON text, embedded as a value in JSON; as is in text */
	KIM_T_DATE,	/* YYYY-MM-DD: a string in JSON, a date in a workbook */
	KIM_T_IDS	/* a ';'-list as KIM_T_LIST, but "" leaves the key out
			   of a JSON object (former_ids: JSON of records
			   without one stays as it was) */
};

struct kim_col {
	const char *name;
	enum kim_type type;
};

struct kim_out;

/*
 * What --excel asks of CSV and TSV output: nothing (0); CSV that
 * spreadsheets open safely (--excel); and that with ';' between CSV's
 * fields and a decimal comma in numbers, as Excel in an Indonesian locale
 * reads them (--excel=id).  The locale alone never changes the output.
 */
enum kim_excel { KIM_EXCEL_NONE, KIM_EXCEL_PLAIN, KIM_EXCEL_ID };

/*
 * Start output of rows with these columns.  excel (enum kim_excel, CSV
 * and TSV only) writes a BOM, CRLF, and prefixes a field starting with
 * = + - @ with '; KIM_EXCEL_ID also ';' as CSV's separator and a ','
 * for the '.' of a number (a column of KIM_T_NUM).  xlsx
 * is a workbook of one sheet named after the command (kim_xlsx_out),
 * written to fp at kim_out_end.
 */
struct kim_out *kim_out_new(FILE *, enum kim_fmt, int excel,
    const struct kim_col *cols, size_t ncols);
/* One row: a value for each column ("" when empty). */
void kim_out_row(struct kim_out *, const char *const *vals);
/*
 * The total row, after the last row: a table shows it as a footer under a
 * rule of dashes; csv, tsv, jsonl and json as their last row or object.
 * The caller marks it in its first column (kim-coverage: "total") so that
 * scripts can drop it.
 */
void kim_out_total(struct kim_out *, const char *const *vals);
/*
 * A caption, what the rows count: a line under a table (-f table), a note
 * under a workbook's rows (-f xlsx); csv, tsv, json and jsonl stay rows
 * only, for scripts.  Given before kim_out_end, copied.
 */
void kim_out_caption(struct kim_out *, const char *text);
/* End the output and free it. */
void kim_out_end(struct kim_out *);
/*
 * As kim_out_new, for a command that prints rows while it reads its
 * input: nothing reaches fp before kim_out_end (kim_hold; a table is held
 * whole anyway), so that kim_out_drop can end it on bad input with
 * nothing written at all.
 */
struct kim_out *kim_out_held(FILE *, enum kim_fmt, int excel,
    const struct kim_col *cols, size_t ncols);
/* End held output without writing any of it, and free it. */
void kim_out_drop(struct kim_out *);
/* A row as a JSON object, each value typed by its column. */
json_t *kim_out_object(const struct kim_col *cols, size_t ncols,
    const char *const *vals);
/* Is the output JSON or JSON Lines (where a KIM_T_JSON column is JSON)? */
int kim_out_json(const struct kim_out *);

/*
 * Text for XML and HTML, in content or a "-quoted attribute: & < > "
 * escaped, other control characters but the line end as blanks, bytes
 * that are not UTF-8 as ?.
 */
void kim_xml_text(FILE *, const char *);

#endif
