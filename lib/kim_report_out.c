/* kim_report_out: the report written as Markdown, HTML, JSON or a workbook */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kim_cli.h"
#include "kim_report.h"
#include "kim_report_doc.h"
#include "kim_report_score.h"
#include "kim_xlsx_out.h"

const struct kim_formats kim_report_formats = { { KIM_FMT_MD, KIM_FMT_HTML,
    KIM_FMT_JSON, KIM_FMT_XLSX }, 4, 4, N_("-f: '%s' is not a report format (%s)") };

/* the rows of a depth 1-3, in a sentence */
static const char *
level_text(int depth)
{
	return depth == 2 ? _("kabupaten and kota") : kim_depth_name(depth);
}

/* --- figures as text -------------------------------------------------- */

static const char *
date_s(const struct kim_date *d, char *buf)
{
	return kim_date_fmt(d, buf);
}

/* A day in prose: in Indonesian "5 Desember 2026", in English as ever */
static const char *
day_words(const struct kim_date *d, char *buf)
{
	if (!kim_i18n_id())
		return kim_date_fmt(d, buf);
	return kim_date_words(d->y, d->m, d->d, buf, 32);
}

struct doc;
static int in_book(const struct doc *);

/*
 * Tenths with one decimal, with the decimal comma in Indonesian; in a
 * workbook a number, which the spreadsheet shows in its reader's way
 */
static char *
tenths(const struct doc *d, long t, char *buf, size_t size)
{
	kim_tenths_fmt(t, buf, size);
	return in_book(d) ? buf : kim_decimal(buf);
}

/* A change of a count: "+2", "-1", "0" */
static const char *
delta(long n, char *buf, size_t size)
{
	snprintf(buf, size, n > 0 ? "+%ld" : "%ld", n);
	return buf;
}

static long
percent(long covered, long villages)
{
	return villages > 0 ? kim_cov_percent(covered, villages) : 0;
}

static const char *
region_name(const struct kim_ctx *ctx, long i)
{
	return i < 0 ? "" : ctx->w.r[i].name;
}

static const char *
region_code(const struct kim_ctx *ctx, long i)
{
	return i < 0 ? "" : ctx->w.r[i].code;
}

/*
 * --- a document of headings, paragraphs and tables, in md, html or a
 * workbook ---
 *
 * In a workbook (-f xlsx) each section (a heading of level 2 or 3) is a
 * sheet named by its heading; its first table is the sheet's header row
 * and rows, and its paragraphs are notes below it, each in a row of its
 * own, before the next table of the section or at its end.  The title and
 * the paragraphs before the first section are notes of the first sheet.
 */

struct doc {
	FILE *fp;
	int html;
	size_t ncols;
	const char *align;	/* per column, see cell_class */
	/* a workbook */
	struct kim_xlsx *x;
	char *sheet;		/* the name of the section's sheet, not yet
				   begun (NULL: begun, or none yet) */
	int begun;		/* a sheet is begun */
	struct kim_xlsx_col *cols;	/* of its table, names owned */
	struct kim_buf para;	/* the paragraph being written */
	char **notes;		/* the section's paragraphs */
	size_t nnotes;
};

static int
in_book(const struct doc *d)
{
	return d->x != NULL;
}

static void
put_text(struct doc *d, const char *s)
{
	if (d->x) {
		kim_buf_adds(&d->para, s);
		return;
	}
	if (d->html) {
		kim_xml_text(d->fp, s);
		return;
	}
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((strchr("\\`*_[]<>|~", c) && c) || (c == '&' &&
		    (s[1] == '#' || isalpha((unsigned char)s[1])))) {
			/* what would start markup: escaped (CommonMark) */
			fputc('\\', d->fp);
		} else if (c == '\n' || c == '\r' || c == '\t') {
			fputc(' ', d->fp);
			continue;
		} else if (c < 0x20 || c == 0x7f) {
			/* ESC, BEL, ...: shown, never sent to a terminal */
			fprintf(d->fp, "\\x%02x", c);
			continue;
		}
		fputc(c, d->fp);
	}
}

static void __attribute__((format(printf, 2, 3)))
textf(struct doc *d, const char *fmt, ...)
{
	struct kim_buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	kim_buf_vaddf(&b, _(fmt), ap);
	va_end(ap);
	put_text(d, kim_buf_str(&b));
	kim_buf_free(&b);
}

static void
free_cols(struct doc *d)
{
	for (size_t i = 0; d->cols && i < d->ncols; i++)
		free((char *)d->cols[i].name);
	free(d->cols);
	d->cols = NULL;
}

/* The section's sheet ends: begun if it had no table, its notes below */
static void
sheet_end(struct doc *d)
{
	if (d->sheet) {
		kim_xlsx_sheet(d->x, d->sheet, NULL, 0);
		free(d->sheet);
		d->sheet = NULL;
		d->begun = 1;
	}
	if (!d->begun)
		return;		/* the notes go to the first sheet */
	for (size_t i = 0; i < d->nnotes; i++) {
		if (i == 0)
			kim_xlsx_note(d->x, "");
		kim_xlsx_note(d->x, d->notes[i]);
		free(d->notes[i]);
	}
	d->nnotes = 0;
}

static void
heading(struct doc *d, int level, const char *text)
{
	if (d->x) {
		if (level == 1) {	/* the title: a note */
			d->notes = kim_reallocarray(d->notes, d->nnotes + 1,
			    sizeof *d->notes);
			d->notes[d->nnotes++] = kim_strdup(_(text));
			return;
		}
		sheet_end(d);
		d->sheet = kim_strdup(_(text));
		return;
	}
	if (d->html) {
		fprintf(d->fp, "<h%d>", level);
		put_text(d, _(text));
		fprintf(d->fp, "</h%d>\n", level);
	} else {
		fprintf(d->fp, "%.*s ", level, "######");
		put_text(d, _(text));
		fputs("\n\n", d->fp);
	}
}

/* A paragraph: start it, write text into it, end it. */
static void
para(struct doc *d)
{
	if (d->x)
		kim_buf_free(&d->para);
	else if (d->html)
		fputs("<p>", d->fp);
}

static void
para_end(struct doc *d)
{
	if (d->x) {
		d->notes = kim_reallocarray(d->notes, d->nnotes + 1,
		    sizeof *d->notes);
		d->notes[d->nnotes++] = kim_strdup(kim_buf_str(&d->para));
		kim_buf_free(&d->para);
		return;
	}
	fputs(d->html ? "</p>\n" : "\n\n", d->fp);
}

#define paraf(d, ...) do { \
	para(d); \
	textf(d, __VA_ARGS__); \
	para_end(d); \
} while (0)

/*
 * Columns: 'l' text, 'r' numbers (right), 'd' days (left, unbroken), 'D'
 * days on the right (a column of numbers or days)
 */
static const char *
cell_class(char align)
{
	return align == 'r' || align == 'D' ? " class=\"num\"" :
	    align == 'd' ? " class=\"day\"" : "";
}

/* A table of a workbook: the sheet's, or one below its rows */
static void
book_table(struct doc *d, const char *const *head, size_t n,
    const char *align)
{
	free_cols(d);
	d->cols = kim_calloc(n ? n : 1, sizeof *d->cols);
	for (size_t i = 0; i < n; i++) {
		d->cols[i].name = kim_strdup(head[i]);
		d->cols[i].kind = align[i] == 'r' ? KIM_XLSX_NUMBER :
		    align[i] == 'd' || align[i] == 'D' ? KIM_XLSX_DATE :
		    KIM_XLSX_TEXT;
	}
	d->ncols = n;
	if (d->sheet) {
		kim_xlsx_sheet(d->x, d->sheet, d->cols, n);
		free(d->sheet);
		d->sheet = NULL;
		d->begun = 1;
	} else {
		sheet_end(d);	/* what was said so far, between the tables */
		kim_xlsx_table(d->x, d->cols, n);
	}
}

static void
table(struct doc *d, const char *const *head, size_t n, const char *align)
{
	if (d->x) {
		book_table(d, head, n, align);
		return;
	}
	d->ncols = n;
	d->align = align;
	if (d->html) {
		fputs("<div class=\"wide\"><table>\n<thead><tr>", d->fp);
		for (size_t i = 0; i < n; i++) {
			fprintf(d->fp, "<th%s>", cell_class(align[i]));
			put_text(d, head[i]);
			fputs("</th>", d->fp);
		}
		fputs("</tr></thead>\n<tbody>\n", d->fp);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		fputs("| ", d->fp);
		put_text(d, head[i]);
		fputc(' ', d->fp);
	}
	fputs("|\n", d->fp);
	for (size_t i = 0; i < n; i++)
		fputs(align[i] == 'r' || align[i] == 'D' ? "|---:" : "|:---",
		    d->fp);
	fputs("|\n", d->fp);
}

/* A row; raw columns (a bit set) are written as they are. */
static void
row(struct doc *d, const char *const *v, int total, unsigned raw)
{
	if (d->x) {
		kim_xlsx_row(d->x, v);
		return;
	}
	if (d->html)
		fputs(total ? "<tr class=\"total\">" : "<tr>", d->fp);
	for (size_t i = 0; i < d->ncols; i++) {
		if (d->html)
			fprintf(d->fp, "<td%s>", cell_class(d->align[i]));
		else
			fputs(total && i == 0 ? "| **" : "| ", d->fp);
		if (raw & (1u << i))
			fputs(v[i], d->fp);
		else
			put_text(d, v[i]);
		if (d->html)
			fputs("</td>", d->fp);
		else
			fputs(total && i == 0 ? "** " : " ", d->fp);
	}
	fputs(d->html ? "</tr>\n" : "|\n", d->fp);
}

static void
table_end(struct doc *d)
{
	if (d->x)
		return;
	fputs(d->html ? "</tbody></table></div>\n" : "\n", d->fp);
}

/* A code fence of n backticks, on a line of its own */
static void
fence(FILE *fp, size_t n)
{
	while (n-- > 0)
		fputc('`', fp);
	fputc('\n', fp);
}

/* Lines shown as they are: in md a fence longer than any run of ` in them */
static void
verbatim(struct doc *d, const struct kim_report *r, size_t from, size_t limit)
{
	size_t run = 0, longest = 2;
	char place[512];

	for (size_t i = from; i < limit; i++)
		for (const char *s = r->problems[i].msg; *s; s++) {
			run = *s == '`' ? run + 1 : 0;
			if (run > longest)
				longest = run;
		}
	if (d->html)
		fputs("<pre>", d->fp);
	else
		fence(d->fp, longest + 1);
	for (size_t i = from; i < limit; i++) {
		const struct kim_problem *p = &r->problems[i];
		kim_place(place, sizeof place, *p->file ? p->file : NULL,
		    p->line, p->col);
		if (d->html) {
			put_text(d, place);
			put_text(d, p->msg);
			fputc('\n', d->fp);
		} else
			fprintf(d->fp, "%s%s\n", place, p->msg);
	}
	if (d->html)
		fputs("</pre>\n", d->fp);
	else {
		fence(d->fp, longest + 1);
		fputc('\n', d->fp);
	}
}

/* --- the charts ------------------------------------------------------- */

/* tenths as text with one decimal, for coordinates */
static const char *
px(long tenths, char *buf)
{
	snprintf(buf, 24, "%s%ld.%ld", tenths < 0 ? "-" : "",
	    labs(tenths) / 10, labs(tenths) % 10);
	return buf;
}

/* An SVG document of its own, in the colours of the page */
static void
svg_start(struct doc *d, int width, long height)
{
	fprintf(d->fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%ld\" viewBox=\"0 0 %d %ld\">\n<style>text{font-family:"
	    "sans-serif;font-size:12px;fill:#111}.bar{fill:#1f5f99}"
	    ".track{fill:#e3e3e3}.target{stroke:#000;stroke-width:2}"
	    ".note{fill:#555;font-size:11px}</style>\n", width, height, width,
	    height);
}

/*
 * A chart drawn by draw, as an image whose source is the SVG itself
 * (base64 in a data: URI): one self-contained file that any HTML parser
 * reads, with nothing to fetch.
 */
/* What draw writes, as a string of *len bytes (free it) */
static char *
drawn(struct doc *d, const struct kim_report *r,
    void (*draw)(struct doc *, const struct kim_report *), size_t *len)
{
	FILE *page = d->fp;
	char *svg = NULL;

	*len = 0;
	if (!(d->fp = open_memstream(&svg, len)))
		kim_die(KIM_EXIT_IO, "cannot draw a chart:");
	draw(d, r);
	if (fclose(d->fp) != 0)
		kim_die(KIM_EXIT_IO, "cannot draw a chart:");
	d->fp = page;
	return svg;
}

static void
figure(struct doc *d, const struct kim_report *r, const char *alt,
    void (*draw)(struct doc *, const struct kim_report *))
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	FILE *page = d->fp;
	size_t len;
	char *svg = drawn(d, r, draw, &len);

	fputs("<div class=\"figure\"><img class=\"chart\" alt=\"", page);
	put_text(d, alt);
	fputs("\" src=\"data:image/svg+xml;base64,", page);
	for (size_t i = 0; i < len; i += 3) {
		unsigned long v = (unsigned long)(unsigned char)svg[i] << 16;
		if (i + 1 < len)
			v |= (unsigned long)(unsigned char)svg[i + 1] << 8;
		if (i + 2 < len)
			v |= (unsigned char)svg[i + 2];
		fputc(b64[v >> 18 & 63], page);
		fputc(b64[v >> 12 & 63], page);
		fputc(i + 1 < len ? b64[v >> 6 & 63] : '=', page);
		fputc(i + 2 < len ? b64[v & 63] : '=', page);
	}
	fputs("\"></div>\n", page);
	free(svg);
}

/* Coverage: a bar per region, a mark at its target. */
static void
svg_coverage(struct doc *d, const struct kim_report *r)
{
	const long label = 2000, bar = 3600, rowh = 22;	/* tenths of px */
	long height = (long)r->nrows * rowh + 40;
	char a[24], b[24], c[24];

	svg_start(d, 640, height);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct kim_cov_row *w = &r->rows[i];
		long y = (long)i * rowh + 4;
		fprintf(d->fp, "<g><title>");
		textf(d, "%s: %s %% of %ld villages", w->name,
		    tenths(d, w->percent, a, sizeof a), w->villages);
		if (w->has_target)
			textf(d, ", target %s %%",
			    tenths(d, w->target, b, sizeof b));
		fprintf(d->fp, "</title>\n<text x=\"%s\" y=\"%ld\" "
		    "text-anchor=\"end\">", px(label - 50, a), y + 15);
		put_text(d, w->name);
		fprintf(d->fp, "</text>\n<rect class=\"track\" x=\"%s\" y=\"%ld\" "
		    "width=\"%s\" height=\"16\"/>\n", px(label + 50, a), y + 2,
		    px(bar, b));
		fprintf(d->fp, "<rect class=\"bar\" x=\"%s\" y=\"%ld\" "
		    "width=\"%s\" height=\"16\"/>\n", px(label + 50, a), y + 2,
		    px(w->percent * bar / 1000, b));
		if (w->has_target)
			fprintf(d->fp, "<line class=\"target\" x1=\"%s\" y1=\"%ld\" "
			    "x2=\"%s\" y2=\"%ld\"/>\n",
			    px(label + 50 + w->target * bar / 1000, a), y,
			    px(label + 50 + w->target * bar / 1000, b), y + 20);
		fprintf(d->fp, "<text x=\"%s\" y=\"%ld\">%s %%</text></g>\n",
		    px(label + bar + 100, c), y + 15,
		    tenths(d, w->percent, a, sizeof a));
	}
	fprintf(d->fp, "<text class=\"note\" x=\"205\" y=\"%ld\">",
	    height - 12);
	textf(d, "bar: villages covered, in percent; line: the target");
	fputs("</text>\n</svg>\n", d->fp);
}

/* Covered villages at the end of each of the last periods. */
static void
svg_history(struct doc *d, const struct kim_report *r)
{
	long max = 1;
	char from[11], to[11], label[32];

	for (size_t i = 0; i < r->nhistory; i++)
		if (r->history[i].covered > max)
			max = r->history[i].covered;
	svg_start(d, 640, 190);
	for (size_t i = 0; i < r->nhistory; i++) {
		const struct kim_point *p = &r->history[i];
		long h = p->covered * 1200 / max;	/* tenths of px */
		long x = 20 + (long)i * 52;
		char y[24], hh[24];
		date_s(&p->period.from, from);
		date_s(&p->period.to, to);
		fputs("<g><title>", d->fp);
		textf(d, "%s to %s: %ld villages covered", from, to,
		    p->covered);
		fprintf(d->fp, "</title>\n<rect class=\"bar\" x=\"%ld\" "
		    "y=\"%s\" width=\"40\" height=\"%s\"/>\n", x,
		    px(1500 - h, y), px(h, hh));
		fprintf(d->fp, "<text x=\"%ld\" y=\"%s\" text-anchor=\"middle\">"
		    "%ld</text>\n<text class=\"note\" x=\"%ld\" y=\"170\" "
		    "text-anchor=\"middle\">%s</text></g>\n", x + 20,
		    px(1500 - h - 40, y), p->covered, x + 20,
		    kim_date_short(p->period.to.m, p->period.to.d, label,
		    sizeof label));
	}
	fputs("<text class=\"note\" x=\"20\" y=\"186\">", d->fp);
	textf(d, "villages covered at the end of each period (last day "
	    "shown)");
	fputs("</text>\n</svg>\n", d->fp);
}

/* The coverage map of the rows, from the boundaries. */
static void
svg_map(struct doc *d, const struct kim_report *r)
{
	struct kim_map_style st = { 0 };
	char caption[128], asof[32];

	snprintf(caption, sizeof caption, _("Villages with an aktif KIM, by %s"),
	    level_text(r->depth));
	st.caption = caption;
	st.as_of = day_words(&r->period.to, asof);	/* the table's day */
	st.labels = r->labels;
	kim_map_svg(d->fp, &r->map, r->map_rows, r->nrows, &st);
}

/*
 * The map inline in the page, not an image as the charts: its labels are
 * text of the page, which a reader finds and copies; alt is the figure's
 * label, and the XML declaration is left out.
 */
static void
map_figure(struct doc *d, const struct kim_report *r, const char *alt)
{
	size_t len;
	char *svg = drawn(d, r, svg_map, &len);
	/* kim_map_svg's first line is the XML declaration */
	size_t skip = strcspn(svg, "\n") + 1;

	fputs("<div class=\"figure\" role=\"figure\" aria-label=\"", d->fp);
	put_text(d, alt);
	fputs("\">\n", d->fp);
	if (skip < len)
		fwrite(svg + skip, 1, len - skip, d->fp);
	fputs("</div>\n", d->fp);
	free(svg);
}

/* --- the sections, shared by md and html ------------------------------ */

static void
intro(struct doc *d, const struct kim_report *r, const struct kim_ctx *ctx)
{
	char from[32], to[32], asof[32], s[32], e[32];
	struct kim_buf t = { 0 };

	kim_buf_adds(&t, _("KIM report: "));
	for (size_t i = 0; i < r->nregions; i++) {
		const struct kim_region *reg = kim_wilayah_find(&ctx->w,
		    r->regions[i]);
		kim_buf_addf(&t, "%s%s (%s)", i ? ", " : "", reg->name,
		    reg->code);
	}
	if (r->nregions == 0)
		kim_buf_adds(&t, _("all regions"));
	day_words(&r->period.from, from);
	day_words(&r->period.to, to);
	day_words(&r->as_of, asof);
	/* the first line says which days */
	kim_buf_addf(&t, _(", %s to %s"), from, to);
	heading(d, 1, kim_buf_str(&t));
	kim_buf_free(&t);
	if (r->period.kind == KIM_PERIOD_SPAN)
		paraf(d, "The period %s to %s, as of %s.", from, to, asof);
	else if (r->period.kind == KIM_PERIOD_WTD)
		paraf(d, "This week so far, %s to %s, as of %s.", from, to,
		    asof);
	else if (r->period.kind == KIM_PERIOD_MTD)
		paraf(d, "This month so far, %s to %s, as of %s.", from, to,
		    asof);
	else
		paraf(d, "The %s %s to %s, as of %s.",
		    _(kim_period_name(r->period.kind)), from, to, asof);
	day_words(&r->start_day, s);
	day_words(&r->period.to, e);
	if (r->git)
		paraf(d, "Figures at the start and the end of the period: the "
		    "register as committed on %s (%s%.7s) and on %s (%s%.7s), "
		    "from the git history.", s,
		    *r->start_commit ? _("commit ") : _("nothing committed yet"),
		    r->start_commit, e,
		    *r->end_commit ? _("commit ") : _("nothing committed yet"),
		    r->end_commit);
	else
		paraf(d, "Figures at the start and the end of the period are "
		    "estimated from the records' registered dates, as there is "
		    "no git history: each KIM is taken to have had its status "
		    "of now.");
}

/* A workbook's history chart: a table of the periods' last days */
static void
history_rows(struct doc *d, const struct kim_report *r)
{
	char day[11], n[24];

	paraf(d, "villages covered at the end of each period (last day shown)");
	table(d, (const char *[]){ _("date"), _("villages covered") }, 2,
	    "dr");
	for (size_t i = 0; i < r->nhistory; i++) {
		snprintf(n, sizeof n, "%ld", r->history[i].covered);
		row(d, (const char *[]){ date_s(&r->history[i].period.to, day),
		    n }, 0, 0);
	}
}

static void
headline(struct doc *d, const struct kim_report *r)
{
	static const char *const head[] = { "", "start", "end", N_("change") };
	const struct kim_figures *a = &r->start, *b = &r->end;
	char v[3][32], s[32], e[32], h0[32], h1[32];
	const char *cells[4];
	long pa = percent(a->covered, r->villages);
	long pb = percent(b->covered, r->villages);

	heading(d, 2, "Headline");
	snprintf(h0, sizeof h0, "%s", day_words(&r->start_day, s));
	snprintf(h1, sizeof h1, "%s", day_words(&r->period.to, e));
	table(d, (const char *[]){ head[0], h0, h1, _(head[3]) }, 4, "lrrr");
	for (int k = -1; k < 3; k++) {
		long x = k < 0 ? a->total : a->status[k];
		long y = k < 0 ? b->total : b->status[k];
		snprintf(v[0], sizeof v[0], "%ld", x);
		snprintf(v[1], sizeof v[1], "%ld", y);
		delta(y - x, v[2], sizeof v[2]);
		cells[0] = k < 0 ? "KIM" : kim_status_names[k];
		cells[1] = v[0];
		cells[2] = v[1];
		cells[3] = v[2];
		row(d, cells, 0, 0);
	}
	/* in a workbook a number a cell */
	snprintf(v[0], sizeof v[0], in_book(d) ? "%ld" : _("%ld of %ld"),
	    a->covered, r->villages);
	snprintf(v[1], sizeof v[1], in_book(d) ? "%ld" : _("%ld of %ld"),
	    b->covered, r->villages);
	delta(b->covered - a->covered, v[2], sizeof v[2]);
	row(d, (const char *[]){ _("villages covered"), v[0], v[1], v[2] }, 0, 0);
	tenths(d, pa, v[0], sizeof v[0] - 2);
	tenths(d, pb, v[1], sizeof v[1] - 2);
	tenths(d, pb - pa, v[2] + 1, sizeof v[2] - 1);
	v[2][0] = '+';
	if (!in_book(d)) {
		strcat(v[0], " %");
		strcat(v[1], " %");
	}
	row(d, (const char *[]){ _("percent covered"), v[0], v[1],
	    pb - pa > 0 ? v[2] : v[2] + 1 }, 0, 0);
	table_end(d);
	if (d->html && r->nhistory)
		figure(d, r, _("A bar chart of the villages covered at the end "
		    "of each of the last periods"), svg_history);
	if (in_book(d) && r->nhistory)
		history_rows(d, r);
}

/* A text bar of 20 cells of 5 %, the target marked. */
static const char *
text_bar(const struct kim_cov_row *w, char *buf, size_t size)
{
	size_t n = 0;
	long cells = (w->percent + 25) / 50;
	long mark = w->has_target ? (w->target + 25) / 50 : -1;

	n += (size_t)snprintf(buf + n, size - n, "`");
	for (long i = 0; i <= 20; i++) {
		if (i == mark)
			n += (size_t)snprintf(buf + n, size - n, "\u2503");
		if (i < 20)
			n += (size_t)snprintf(buf + n, size - n, "%s",
			    i < cells ? "\u2588" : "\u2591");
	}
	snprintf(buf + n, size - n, "`");
	return buf;
}

static void
coverage(struct doc *d, const struct kim_report *r)
{
	static const char *const head[] = { N_("region"), N_("name"),
	    N_("coverage"), N_("percent"), N_("covered"), N_("villages"),
	    N_("target"), N_("due"), N_("gap"), N_("needed"), N_("kim") };
	char b[KIM_COV_NBUF][24], bar[128], due[64], day[32];
	const char *v[KIM_COV_NCOLS], *cells[11];
	size_t late = 0;
	/* html shows the chart instead of text bars, a workbook neither */
	int skip = d->html || in_book(d);
	/* a workbook's due is a date: overdue is a column of its own */
	size_t ncols = 11 - (size_t)skip + (size_t)in_book(d);

	heading(d, 2, "Coverage against targets");
	/* of the day the headline ends on: one meaning of the figures */
	paraf(d, "By %s, on %s, the furthest behind their target first. A "
	    "village is covered when an aktif KIM has it as its region; gap is "
	    "the target minus the percent, needed the villages still to cover.",
	    level_text(r->depth), day_words(&r->period.to, day));
	for (size_t i = 0; i < r->nrows; i++)
		late += r->rows[i].overdue;
	if (late)
		paraf(d, "Overdue, the due day passed with the target not "
		    "met: %zu of %zu regions.", late, r->nrows);
	if (r->nrows == 0) {
		paraf(d, "No region of the selection has villages.");
		return;
	}
	if (d->html)
		figure(d, r, _("A bar chart of the percent of villages covered "
		    "in each region, with its target marked"), svg_coverage);
	if (d->html && r->has_map)
		map_figure(d, r, _("A map of the regions, each coloured by the "
		    "percent of its villages covered"));
	cells[0] = _(head[0]);
	cells[1] = _(head[1]);
	for (int i = 2 + skip; i < 11; i++)
		cells[i - skip] = _(head[i]);
	if (in_book(d))
		cells[10] = _("overdue");
	table(d, cells, ncols, in_book(d) ? "llrrrrdrrrl" : skip ?
	    "llrrrrdrrr" : "lllrrrrdrrr");
	for (size_t i = 0; i <= r->nrows; i++) {
		const struct kim_cov_row *w = i < r->nrows ? &r->rows[i] :
		    &r->total;
		kim_cov_values(w, b, v);
		if (!in_book(d)) {	/* percent, target, gap for people */
			kim_decimal(b[3]);
			kim_decimal(b[4]);
			kim_decimal(b[5]);
		}
		cells[0] = i < r->nrows ? v[0] : _(N_("total"));
		cells[1] = v[1];
		if (!skip)
			cells[2] = text_bar(w, bar, sizeof bar);
		cells[3 - skip] = v[4];
		cells[4 - skip] = v[3];
		cells[5 - skip] = v[2];
		cells[6 - skip] = v[6];
		/* a due day passed with the target not met is marked */
		snprintf(due, sizeof due, _("%s, overdue"), v[7]);
		cells[7 - skip] = w->overdue && !in_book(d) ? due : v[7];
		cells[8 - skip] = v[8];
		cells[9 - skip] = v[9];
		cells[10 - skip] = v[5];
		if (in_book(d))
			cells[10] = w->overdue ? _("yes") : "";
		row(d, cells, i == r->nrows, skip ? 0 : 1u << 2);
	}
	table_end(d);
}

/* s as one shell word: quoted when it holds more than plain characters */
static void
shell_word(struct kim_buf *b, const char *s)
{
	if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_./:=,+-@%") == strlen(s)) {
		kim_buf_adds(b, s);
		return;
	}
	kim_buf_addc(b, '\'');
	for (; *s; s++)
		if (*s == '\'')
			kim_buf_adds(b, "'\\''");
		else
			kim_buf_addc(b, *s);
	kim_buf_addc(b, '\'');
}

/* The command that lists all of list l, for the reader to run */
enum { L_CHANGES, L_STALE, L_ELIGIBLE, L_PROBLEMS, L_DORMANT };

static void
command(struct kim_buf *b, const struct kim_report *r, int l)
{
	static const char *const tool[] = { "kim-report", "kim-list",
	    "kim-eligible", "kim-check", "kim-list" };
	char day[11], to[11];

	kim_buf_adds(b, tool[l]);
	if (strcmp(r->dir, ".") != 0) {
		kim_buf_adds(b, " -d ");
		shell_word(b, r->dir);
	}
	if (l == L_ELIGIBLE) {
		kim_buf_adds(b, " --rules ");
		shell_word(b, r->rules->path);
		kim_buf_addf(b, " --as-of %s", kim_date_fmt(&r->rules_as_of,
		    day));
	} else
		kim_buf_addf(b, " --as-of %s", kim_date_fmt(&r->as_of, day));
	if (l == L_CHANGES)
		kim_buf_addf(b, " --period %s..%s", kim_date_fmt(
		    &r->period.from, day), kim_date_fmt(&r->period.to, to));
	if (l == L_STALE)
		kim_buf_addf(b, " --stale %ld --status aktif,nonaktif",
		    r->stale);
	if (l == L_DORMANT)
		kim_buf_addf(b, " --dormant %ld --fields id,name,region,"
		    "last_activity --sort last_activity", r->activity.window);
	for (size_t i = 0; l != L_PROBLEMS && i < r->nregions; i++)
		kim_buf_addf(b, " -r %s", r->regions[i]);
	if (l == L_CHANGES)
		kim_buf_adds(b, " --full");
}

/* text as code: in md a code span whose backticks outnumber any run in it */
static void
code(struct doc *d, const char *text)
{
	size_t run = 0, longest = 0;

	if (d->x) {
		put_text(d, text);
		return;
	}
	if (d->html) {
		fputs("<code>", d->fp);
		kim_xml_text(d->fp, text);
		fputs("</code>", d->fp);
		return;
	}
	for (const char *s = text; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	for (size_t i = 0; i <= longest; i++)
		fputc('`', d->fp);
	fprintf(d->fp, longest ? " %s " : "%s", text);
	for (size_t i = 0; i <= longest; i++)
		fputc('`', d->fp);
}

/* After the first limit of n rows of list l: how to see the others */
static void
more(struct doc *d, const struct kim_report *r, size_t n, size_t limit, int l)
{
	struct kim_buf b = { 0 };

	if (limit >= n)
		return;
	para(d);
	if (r->full) {
		textf(d, "And %zu more, in the appendix.", n - limit);
		para_end(d);
		return;
	}
	textf(d, "And %zu more: ", n - limit);
	command(&b, r, l);
	code(d, kim_buf_str(&b));
	kim_buf_free(&b);
	para_end(d);
}

static void changes_rows(struct doc *, const struct kim_report *,
    const struct kim_ctx *, size_t, size_t);
static void stale_rows(struct doc *, const struct kim_report *,
    const struct kim_ctx *, size_t, size_t);
static void eligible_rows(struct doc *, const struct kim_report *,
    const struct kim_ctx *, size_t, size_t);

static void
changes(struct doc *d, const struct kim_report *r, const struct kim_ctx *ctx,
    size_t limit)
{
	heading(d, 2, "Changes in the period");
	if (r->changes.total == 0) {
		paraf(d, "No KIM was registered or changed in the period.");
		if (in_book(d))	/* a sheet of the same columns every week */
			changes_rows(d, r, ctx, 0, limit);
		return;
	}
	paraf(d, "%zu change%s to the register%s.", r->changes.total,
	    r->changes.total == 1 ? "" : "s", r->git ? _(", from its git history") :
	    _(", from the records' registered and updated dates"));
	changes_rows(d, r, ctx, 0, limit);
	more(d, r, r->changes.total, limit, L_CHANGES);
}

static void
changes_rows(struct doc *d, const struct kim_report *r,
    const struct kim_ctx *ctx, size_t from, size_t limit)
{
	static const char *const head[] = { N_("date"), N_("change"), "id",
	    N_("name"), N_("region"), N_("author") };
	char day[11];

	table(d, (const char *[]){ _(head[0]), _(head[1]), head[2],
	    _(head[3]), _(head[4]), _(head[5]) }, r->git ? 6 : 5, "dlllll");
	for (size_t i = from; i < r->changes.n && i < limit; i++) {
		const struct kim_entry *e = &r->changes.v[i];
		row(d, (const char *[]){ date_s(&e->day, day),
		    _(kim_change_names[e->kind]), e->id, e->name,
		    region_name(ctx, e->region), e->author ? e->author : "" },
		    0, 0);
	}
	table_end(d);
}

static void
stale(struct doc *d, const struct kim_report *r, const struct kim_ctx *ctx,
    size_t limit)
{
	heading(d, 2, "Stale records");
	if (r->stale_list.total == 0) {
		paraf(d, "Every aktif and nonaktif KIM was verified, or "
		    "registered, in the last %ld months.", r->stale);
		if (in_book(d))
			stale_rows(d, r, ctx, 0, limit);
		return;
	}
	paraf(d, "%zu aktif or nonaktif KIM not verified for %ld months or "
	    "more, the never verified first.", r->stale_list.total, r->stale);
	stale_rows(d, r, ctx, 0, limit);
	more(d, r, r->stale_list.total, limit, L_STALE);
}

/*
 * The rows of a list of KIM with a day (or "never") and a number of
 * months (stale: none without a day) or days (dormant), from..limit
 */
static void
day_rows(struct doc *d, const struct kim_ctx *ctx,
    const struct kim_entries *l, size_t from, size_t limit,
    const char *dayhead, const char *numhead, int months)
{
	char day[11], num[24];

	table(d, (const char *[]){ "id", _("name"), _("region"), _(dayhead),
	    _(numhead) }, 5, "lllDr");
	for (size_t i = from; i < l->n && i < limit; i++) {
		const struct kim_entry *e = &l->v[i];
		snprintf(num, sizeof num, "%ld", months ? e->months : e->days);
		row(d, (const char *[]){ e->id, e->name,
		    region_name(ctx, e->region),
		    e->has_day ? date_s(&e->day, day) : _("never"),
		    e->has_day || !months ? num : "" }, 0, 0);
	}
	table_end(d);
}

static void
stale_rows(struct doc *d, const struct kim_report *r,
    const struct kim_ctx *ctx, size_t from, size_t limit)
{
	day_rows(d, ctx, &r->stale_list, from, limit, N_("verified"),
	    N_("months"), 1);
}

/* --- activity -------------------------------------------------------- */

/* Week w of the report's period: its days inside the period */
static void
week_days(const struct kim_report *r, size_t w, struct kim_date *from,
    struct kim_date *to)
{
	long a = r->activity.week0 + 7 * (long)w, b = a + 6;

	*from = kim_date_from_days(a < r->activity.from ? r->activity.from : a);
	*to = kim_date_from_days(b > r->activity.to ? r->activity.to : b);
}

static long
weeks_max(const struct kim_report *r)
{
	long max = 1;

	for (size_t w = 0; w < r->activity.nweeks; w++)
		if (r->activity.weeks[w] > max)
			max = r->activity.weeks[w];
	return max;
}

/* The activities of each week of the period: a bar a week. */
static void
svg_weeks(struct doc *d, const struct kim_report *r)
{
	size_t n = r->activity.nweeks;
	long max = weeks_max(r), slot = 6000 / (long)(n ? n : 1);
	size_t every = (n + 11) / 12;	/* at most 12 days written under */
	char from[11], to[11], label[32], a[24], b[24], c[24];

	svg_start(d, 640, 190);
	for (size_t i = 0; i < n; i++) {
		struct kim_date f, t;
		long count = r->activity.weeks[i], h = count * 1200 / max;
		long x = 200 + (long)i * slot;	/* tenths of px */
		week_days(r, i, &f, &t);
		fputs("<g><title>", d->fp);
		textf(d, "%s to %s, activities: %ld", date_s(&f, from),
		    date_s(&t, to), count);
		fprintf(d->fp, "</title>\n<rect class=\"bar\" x=\"%s\" y=\"%s\" "
		    "width=\"%s\" height=\"%s\"/>\n", px(x, a), px(1500 - h, b),
		    px(slot * 8 / 10, c), px(h, label));
		if (n <= 26)
			fprintf(d->fp, "<text x=\"%s\" y=\"%s\" "
			    "text-anchor=\"middle\">%ld</text>\n",
			    px(x + slot * 4 / 10, a), px(1500 - h - 40, b),
			    count);
		if (i % every == 0)
			fprintf(d->fp, "<text class=\"note\" x=\"%s\" y=\"170\" "
			    "text-anchor=\"middle\">%s</text>\n",
			    px(x + slot * 4 / 10, a), kim_date_short(f.m, f.d,
			    label, sizeof label));
		fputs("</g>\n", d->fp);
	}
	fputs("<text class=\"note\" x=\"20\" y=\"186\">", d->fp);
	textf(d, "activities logged each week (its first day shown)");
	fputs("</text>\n</svg>\n", d->fp);
}

/* A text bar of 20 cells: n of max */
static const char *
count_bar(long n, long max, char *buf, size_t size)
{
	size_t k = 0;
	long cells = (n * 20 + max / 2) / max;

	k += (size_t)snprintf(buf + k, size - k, "`");
	for (long i = 0; i < 20; i++)
		k += (size_t)snprintf(buf + k, size - k, "%s",
		    i < cells ? "\u2588" : "\u2591");
	snprintf(buf + k, size - k, "`");
	return buf;
}

/* The weeks of the period: md with a bar each, html after the chart */
static void
week_rows(struct doc *d, const struct kim_report *r)
{
	static const char *const head[] = { N_("from"), N_("to"),
	    N_("activities"), N_("chart") };
	int bars = !d->html && !in_book(d);
	char from[11], to[11], n[24], bar[128];
	long max = weeks_max(r);

	table(d, (const char *[]){ _(head[0]), _(head[1]), _(head[2]),
	    _(head[3]) }, bars ? 4 : 3, "ddrl");
	for (size_t w = 0; w < r->activity.nweeks; w++) {
		struct kim_date f, t;
		week_days(r, w, &f, &t);
		snprintf(n, sizeof n, "%ld", r->activity.weeks[w]);
		row(d, (const char *[]){ date_s(&f, from), date_s(&t, to), n,
		    bars ? count_bar(r->activity.weeks[w], max, bar,
		    sizeof bar) : "" }, 0, bars ? 1u << 3 : 0);
	}
	table_end(d);
}

static void dormant_rows(struct doc *, const struct kim_report *,
    const struct kim_ctx *, size_t, size_t);

/*
 * The period's activities, week by week, and the dormant KIM; left out
 * when the folder keeps no activity log.
 */
static void
activity(struct doc *d, const struct kim_report *r, const struct kim_ctx *ctx,
    size_t limit)
{
	char day[32];

	if (!r->logged)
		return;
	heading(d, 2, "Activity");
	if (r->activities == 0)
		paraf(d, "No activity was logged in the period.");
	else if (r->activities == 1)
		paraf(d, "1 activity was logged in the period, by 1 KIM.");
	else
		paraf(d, "%ld activities were logged in the period, by %ld "
		    "KIM.", r->activities, r->active);
	if (d->html && r->activity.nweeks)
		figure(d, r, _("A bar chart of the activities logged in each "
		    "week of the period"), svg_weeks);
	week_rows(d, r);
	heading(d, 3, "Dormant KIM");
	day_words(&r->as_of, day);
	if (r->dormant.total == 0) {
		paraf(d, "Every aktif KIM has an activity in the %ld days up to "
		    "%s.", r->activity.window, day);
		if (in_book(d))
			dormant_rows(d, r, ctx, 0, limit);
		return;
	}
	paraf(d, "%zu aktif KIM without an activity in the %ld days up to %s, "
	    "idle the longest first: days since the last activity, or since "
	    "the KIM was formed when it has none.", r->dormant.total,
	    r->activity.window, day);
	dormant_rows(d, r, ctx, 0, limit);
	more(d, r, r->dormant.total, limit, L_DORMANT);
}

static void
dormant_rows(struct doc *d, const struct kim_report *r,
    const struct kim_ctx *ctx, size_t from, size_t limit)
{
	day_rows(d, ctx, &r->dormant, from, limit, N_("last activity"),
	    N_("days"), 0);
}

static void
eligible_rows(struct doc *d, const struct kim_report *r,
    const struct kim_ctx *ctx, size_t from, size_t limit)
{
	static const char *const head[] = { "id", N_("name"), N_("region"),
	    N_("formed") };
	char day[11];

	table(d, (const char *[]){ head[0], _(head[1]), _(head[2]),
	    _(head[3]) }, 4, "llld");
	for (size_t i = from; i < r->eligible.n && i < limit; i++) {
		const struct kim_entry *e = &r->eligible.v[i];
		row(d, (const char *[]){ e->id, e->name,
		    region_name(ctx, e->region),
		    e->has_day ? date_s(&e->day, day) : "" }, 0, 0);
	}
	table_end(d);
}

/* The criterion as people read it: its label, else field and test */
static const char *
criterion(const struct kim_criterion *c, char *buf, size_t size)
{
	if (c->label)
		return c->label;
	snprintf(buf, size, "%s %s", c->name,
	    kim_test_names[c->test]);
	return buf;
}

/* The criteria that failed, the most failed first: indexes into c */
static size_t *
by_failures(const struct kim_report *r, size_t *n)
{
	size_t *v = kim_calloc(r->rules->n ? r->rules->n : 1, sizeof *v);

	*n = 0;
	for (size_t i = 0; i < r->rules->n; i++) {
		size_t j = (*n)++;
		if (r->failed[i] == 0) {
			(*n)--;
			continue;
		}
		/* insertion: the list is a rule set's criteria, a handful */
		while (j > 0 && r->failed[v[j - 1]] < r->failed[i]) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = i;
	}
	return v;
}

static void
eligible(struct doc *d, const struct kim_report *r, const struct kim_ctx *ctx,
    size_t limit)
{
	static const char *const fhead[] = { N_("criterion"),
	    N_("KIM failing") };
	char day[32], num[24], label[128];
	size_t n, *order;

	if (!r->rules)
		return;
	heading(d, 2, "Eligible KIM");
	paraf(d, "%zu of %ld KIM meet the rules %s%s%s(%s), applied on %s "
	    "(%s).", r->eligible.total, r->considered,
	    r->rules->name ? "'" : "", r->rules->name ? r->rules->name : "",
	    r->rules->name ? "' " : "", kim_base_name(r->rules->path),
	    day_words(&r->rules_as_of, day), kim_rules_day_why(r->rules_why,
	    "--rules-as-of", N_("the day of the report")));
	if (r->eligible.n || in_book(d)) {
		eligible_rows(d, r, ctx, 0, limit);
		more(d, r, r->eligible.total, limit, L_ELIGIBLE);
	}
	order = by_failures(r, &n);
	if (n) {
		paraf(d, "The most common reasons for failing:");
		table(d, (const char *[]){ _(fhead[0]), _(fhead[1]) }, 2, "lr");
		for (size_t i = 0; i < n; i++) {
			snprintf(num, sizeof num, "%ld", r->failed[order[i]]);
			row(d, (const char *[]){ criterion(&r->rules->c[order[i]],
			    label, sizeof label), num }, 0, 0);
		}
		table_end(d);
	}
	free(order);
}

/* In a workbook the problems are a table: file, line, column, message */
static void
problem_rows(struct doc *d, const struct kim_report *r)
{
	static const char *const head[] = { N_("file"), N_("line"),
	    N_("column"), N_("message") };
	char line[24], col[24];

	table(d, (const char *[]){ _(head[0]), _(head[1]), _(head[2]),
	    _(head[3]) }, 4, "lrrl");
	for (size_t i = 0; i < r->nproblems; i++) {
		const struct kim_problem *p = &r->problems[i];
		snprintf(line, sizeof line, p->line ? "%ld" : "", p->line);
		snprintf(col, sizeof col, p->col ? "%ld" : "", p->col);
		row(d, (const char *[]){ p->file, line, col, p->msg }, 0, 0);
	}
}

static void
problems(struct doc *d, const struct kim_report *r, size_t limit)
{
	heading(d, 2, "Data problems");
	if (r->nproblems == 0) {
		paraf(d, "None: the checks of kim-check find no problem in the "
		    "data folder.");
		if (in_book(d))
			problem_rows(d, r);
		return;
	}
	paraf(d, "%zu problem%s found by the checks of kim-check:",
	    r->nproblems, r->nproblems == 1 ? "" : "s");
	if (in_book(d)) {
		problem_rows(d, r);
		return;
	}
	verbatim(d, r, 0, r->nproblems < limit ? r->nproblems : limit);
	more(d, r, r->nproblems, limit, L_PROBLEMS);
}

/* With --full: the rows of each list after its first limit */
static void
appendix(struct doc *d, const struct kim_report *r, const struct kim_ctx *ctx,
    size_t limit)
{
	size_t big = (size_t)-1;

	if (!r->full || (r->changes.total <= limit && r->stale_list.total <=
	    limit && r->eligible.total <= limit && r->nproblems <= limit &&
	    r->dormant.total <= limit))
		return;
	heading(d, 2, "Appendix: the lists in full");
	if (r->changes.total > limit) {
		heading(d, 3, "Changes in the period");
		changes_rows(d, r, ctx, limit, big);
	}
	if (r->stale_list.total > limit) {
		heading(d, 3, "Stale records");
		stale_rows(d, r, ctx, limit, big);
	}
	if (r->dormant.total > limit) {
		heading(d, 3, "Dormant KIM");
		dormant_rows(d, r, ctx, limit, big);
	}
	if (r->rules && r->eligible.total > limit) {
		heading(d, 3, "Eligible KIM");
		eligible_rows(d, r, ctx, limit, big);
	}
	if (r->nproblems > limit) {
		heading(d, 3, "Data problems");
		verbatim(d, r, limit, r->nproblems);
	}
}

static const char css[] =
    "body{font-family:sans-serif;line-height:1.4;max-width:60rem;"
    "margin:0 auto;padding:0 1rem;color:#111;background:#fff}\n"
    "h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;"
    "border-bottom:1px solid #999}\n"
    ".wide{overflow-x:auto}table{border-collapse:collapse;margin:.5rem 0}\n"
    "th,td{padding:.2rem .5rem;border-bottom:1px solid #ccc;"
    "text-align:left;vertical-align:top}\n"
    ".num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td:first-child,.num,.day{white-space:nowrap}\n"
    "tr.total td{font-weight:bold;border-top:2px solid #333}\n"
    ".figure{margin:1rem 0}img.chart,.figure svg{width:100%;height:auto;"
    "max-width:40rem}\n"
    "pre{white-space:pre-wrap;background:#f4f4f4;padding:.5rem}\n"
    "@media (max-width:40rem){body{padding:0 .4rem}th,td{padding:.2rem}}\n"
    "@media print{body{max-width:none;font-size:10pt}"
    "h2{page-break-after:avoid}tr,.figure{page-break-inside:avoid}"
    ".wide{overflow:visible}}\n";

/* The report for people: md, html, or (book) a workbook */
static void
text_report(FILE *fp, int html, int book, const struct kim_report *r,
    const struct kim_ctx *ctx, size_t limit)
{
	struct doc d = { fp, html, 0, NULL, .x = book ? kim_xlsx_new() : NULL };

	if (book)	/* made on the day of the report */
		kim_xlsx_day(d.x, &r->as_of);

	if (html) {
		fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\">\n"
		    "<title>", kim_i18n_id() ? "id" : "en");
		textf(&d, "KIM report %s..", date_s(&r->period.from,
		    (char[11]){ 0 }));
		textf(&d, "%s", date_s(&r->period.to, (char[11]){ 0 }));
		fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
		    css);
	}
	intro(&d, r, ctx);
	headline(&d, r);
	coverage(&d, r);
	changes(&d, r, ctx, limit);
	stale(&d, r, ctx, limit);
	activity(&d, r, ctx, limit);
	eligible(&d, r, ctx, limit);
	if (r->score)
		kim_report_score_doc(&d, r->score, &r->period, ctx,
		    r->full ? (size_t)-1 : limit);
	problems(&d, r, limit);
	appendix(&d, r, ctx, limit);
	if (html)
		fputs("</body>\n</html>\n", fp);
	if (book) {
		sheet_end(&d);
		kim_xlsx_end(d.x, fp);
		free_cols(&d);
		free(d.notes);
		kim_buf_free(&d.para);
	}
}

/* --- JSON ------------------------------------------------------------- */

static json_t *
jdate(const struct kim_date *d, int has)
{
	char b[11];

	return has ? json_string(kim_date_fmt(d, b)) : json_null();
}

static json_t *
jtenths(long tenths)
{
	return json_real((double)tenths / 10);
}

static json_t *
jfigures(const struct kim_report *r, const struct kim_figures *f,
    const struct kim_date *day, const char *commit)
{
	json_t *o = json_object();

	json_object_set_new(o, "date", jdate(day, 1));
	if (r->git)
		json_object_set_new(o, "commit", *commit ?
		    json_string(commit) : json_null());
	json_object_set_new(o, "kim", json_integer(f->total));
	for (int s = 0; s < 3; s++)
		json_object_set_new(o, kim_status_names[s],
		    json_integer(f->status[s]));
	json_object_set_new(o, "covered", json_integer(f->covered));
	json_object_set_new(o, "percent", r->villages ?
	    jtenths(percent(f->covered, r->villages)) : json_null());
	return o;
}

static json_t *
jrow(const struct kim_cov_row *w)
{
	char b[KIM_COV_NBUF][24];
	const char *v[KIM_COV_NCOLS];

	kim_cov_values(w, b, v);
	return kim_out_object(kim_cov_cols, KIM_COV_NCOLS, v);
}

/* id, name, region, region_name: what every list says of a KIM */
static json_t *
jentry(const struct kim_entry *e, const struct kim_ctx *ctx)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(e->id));
	json_object_set_new(o, "name", json_string(e->name));
	json_object_set_new(o, "region", json_string(region_code(ctx,
	    e->region)));
	json_object_set_new(o, "region_name", json_string(region_name(ctx,
	    e->region)));
	return o;
}

/* The lists of the JSON report, written one item at a time */
enum { KIM_JL_CHANGES, KIM_JL_STALE, KIM_JL_ELIGIBLE, KIM_JL_PROBLEMS,
    KIM_JL_DORMANT, KIM_JL_N };

/* Item i of list l as a JSON object. */
static json_t *
jitem(const struct kim_report *r, const struct kim_ctx *ctx, int l, size_t i)
{
	const struct kim_problem *p;
	const struct kim_entry *e;
	json_t *y, *x;

	switch (l) {
	case KIM_JL_CHANGES:
		e = &r->changes.v[i];
		y = json_object();
		json_object_set_new(y, "date", jdate(&e->day, 1));
		json_object_set_new(y, "change", json_string(
		    kim_change_names[e->kind]));
		json_object_update(y, x = jentry(e, ctx));
		json_decref(x);
		json_object_set_new(y, "author", e->author ?
		    json_string(e->author) : json_null());
		return y;
	case KIM_JL_STALE:
		e = &r->stale_list.v[i];
		y = jentry(e, ctx);
		json_object_set_new(y, "verified", jdate(&e->day, e->has_day));
		json_object_set_new(y, "months", e->has_day ?
		    json_integer(e->months) : json_null());
		return y;
	case KIM_JL_ELIGIBLE:
		e = &r->eligible.v[i];
		y = jentry(e, ctx);
		json_object_set_new(y, "formed", jdate(&e->day, e->has_day));
		return y;
	case KIM_JL_DORMANT:
		e = &r->dormant.v[i];
		y = jentry(e, ctx);
		json_object_set_new(y, "last_activity", jdate(&e->day,
		    e->has_day));
		json_object_set_new(y, "days", json_integer(e->days));
		return y;
	default:
		p = &r->problems[i];
		y = json_object();
		json_object_set_new(y, "file", *p->file ? json_string(p->file) :
		    json_null());
		json_object_set_new(y, "line", p->line ? json_integer(p->line) :
		    json_null());
		json_object_set_new(y, "column", p->col ? json_integer(p->col) :
		    json_null());
		json_object_set_new(y, "message", json_string(p->msg));
		return y;
	}
}

static size_t
jitems(const struct kim_report *r, int l)
{
	return l == KIM_JL_CHANGES ? r->changes.n : l == KIM_JL_STALE ?
	    r->stale_list.n : l == KIM_JL_ELIGIBLE ? r->eligible.n :
	    l == KIM_JL_DORMANT ? r->dormant.n : r->nproblems;
}

/* The activity section: figures, weeks, the dormant list lazy */
static json_t *
jactivity(const struct kim_report *r, json_t **dormant)
{
	json_t *o = json_object(), *a = json_array(), *x;

	json_object_set_new(o, "activities", json_integer(r->activities));
	json_object_set_new(o, "kim", json_integer(r->active));
	for (size_t w = 0; w < r->activity.nweeks; w++) {
		struct kim_date f, t;
		week_days(r, w, &f, &t);
		x = json_object();
		json_object_set_new(x, "from", jdate(&f, 1));
		json_object_set_new(x, "to", jdate(&t, 1));
		json_object_set_new(x, "activities",
		    json_integer(r->activity.weeks[w]));
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "weeks", a);
	x = json_object();
	json_object_set_new(x, "days", json_integer(r->activity.window));
	json_object_set_new(x, "count",
	    json_integer((json_int_t)r->dormant.total));
	json_object_set_new(x, "records", *dormant = json_object());
	json_object_set_new(o, "dormant", x);
	return o;
}

/*
 * The report's figures as a JSON tree; each of its lists is an empty
 * object, lazy[l], for jwrite to fill in as it writes, so that the lists
 * are never a tree in memory.
 */
static json_t *
json_report(const struct kim_report *r, const struct kim_ctx *ctx,
    json_t *lazy[KIM_JL_N])
{
	json_t *o = json_object(), *x, *a;
	size_t n, *order;

	json_object_set_new(o, "as_of", jdate(&r->as_of, 1));
	x = json_object();
	json_object_set_new(x, "kind", json_string(kim_period_name(
	    r->period.kind)));
	json_object_set_new(x, "from", jdate(&r->period.from, 1));
	json_object_set_new(x, "to", jdate(&r->period.to, 1));
	json_object_set_new(o, "period", x);
	a = json_array();
	for (size_t i = 0; i < r->nregions; i++)
		json_array_append_new(a, json_string(r->regions[i]));
	json_object_set_new(o, "regions", a);
	json_object_set_new(o, "method", json_string(r->git ? "git" : "dates"));

	x = json_object();
	json_object_set_new(x, "villages", json_integer(r->villages));
	json_object_set_new(x, "start", jfigures(r, &r->start, &r->start_day,
	    r->start_commit));
	json_object_set_new(x, "end", jfigures(r, &r->end, &r->period.to,
	    r->end_commit));
	json_t *c = json_object();
	json_object_set_new(c, "kim", json_integer(r->end.total -
	    r->start.total));
	for (int s = 0; s < 3; s++)
		json_object_set_new(c, kim_status_names[s], json_integer(
		    r->end.status[s] - r->start.status[s]));
	json_object_set_new(c, "covered", json_integer(r->end.covered -
	    r->start.covered));
	json_object_set_new(c, "percent", r->villages ?
	    jtenths(percent(r->end.covered, r->villages) -
	    percent(r->start.covered, r->villages)) : json_null());
	json_object_set_new(x, "change", c);
	json_object_set_new(o, "headline", x);

	x = json_object();
	json_object_set_new(x, "by", json_string(kim_depth_name(r->depth)));
	a = json_array();
	for (size_t i = 0; i < r->nrows; i++)
		json_array_append_new(a, jrow(&r->rows[i]));
	json_object_set_new(x, "rows", a);
	json_object_set_new(x, "total", r->nrows ? jrow(&r->total) :
	    json_null());
	json_object_set_new(o, "coverage", x);

	json_object_set_new(o, "changes", lazy[KIM_JL_CHANGES] = json_object());

	x = json_object();
	json_object_set_new(x, "months", json_integer(r->stale));
	json_object_set_new(x, "count",
	    json_integer((json_int_t)r->stale_list.total));
	json_object_set_new(x, "records", lazy[KIM_JL_STALE] = json_object());
	json_object_set_new(o, "stale", x);
	json_object_set_new(o, "activity", r->logged ? jactivity(r,
	    &lazy[KIM_JL_DORMANT]) : json_null());

	if (r->rules) {
		x = json_object();
		json_object_set_new(x, "rules", json_string(r->rules->path));
		json_object_set_new(x, "name", r->rules->name ?
		    json_string(r->rules->name) : json_null());
		json_object_set_new(x, "as_of", jdate(&r->rules_as_of, 1));
		json_object_set_new(x, "considered", json_integer(r->considered));
		json_object_set_new(x, "count",
		    json_integer((json_int_t)r->eligible.total));
		json_object_set_new(x, "records",
		    lazy[KIM_JL_ELIGIBLE] = json_object());
		a = json_array();
		order = by_failures(r, &n);
		for (size_t i = 0; i < n; i++) {
			const struct kim_criterion *k = &r->rules->c[order[i]];
			json_t *y = json_object();
			json_object_set_new(y, "criterion",
			    json_integer((json_int_t)order[i] + 1));
			json_object_set_new(y, "field", json_string(
			    k->name));
			json_object_set_new(y, "test", json_string(
			    kim_test_names[k->test]));
			json_object_set_new(y, "label", k->label ?
			    json_string(k->label) : json_null());
			json_object_set_new(y, "count",
			    json_integer(r->failed[order[i]]));
			json_array_append_new(a, y);
		}
		free(order);
		json_object_set_new(x, "failing", a);
		json_object_set_new(o, "eligible", x);
	} else
		json_object_set_new(o, "eligible", json_null());
	json_object_set_new(o, "competition", r->score ?
	    kim_report_score_json(r->score, &r->period, ctx) : json_null());

	x = json_object();
	json_object_set_new(x, "count", json_integer((json_int_t)r->nproblems));
	json_object_set_new(x, "list", lazy[KIM_JL_PROBLEMS] = json_object());
	json_object_set_new(o, "problems", x);

	if (r->nhistory) {
		a = json_array();
		for (size_t i = 0; i < r->nhistory; i++) {
			const struct kim_point *p = &r->history[i];
			json_t *y = json_object();
			json_object_set_new(y, "from", jdate(&p->period.from, 1));
			json_object_set_new(y, "to", jdate(&p->period.to, 1));
			json_object_set_new(y, "covered", json_integer(p->covered));
			json_array_append_new(a, y);
		}
		json_object_set_new(o, "history", a);
	} else
		json_object_set_new(o, "history", json_null());
	return o;
}

struct jw {
	FILE *fp;
	const struct kim_report *r;
	const struct kim_ctx *ctx;
	json_t **lazy;
};

/* v as JSON at depth, indented by two spaces a level, as JSON_INDENT(2) */
static void
jwrite(struct jw *w, json_t *v, int depth)
{
	void *it;
	size_t n = 0, i;
	int l;

	for (l = 0; l < KIM_JL_N && w->lazy[l] != v; l++)
		;
	if (l < KIM_JL_N || json_is_array(v)) {
		size_t count = l < KIM_JL_N ? jitems(w->r, l) : json_array_size(v);
		fputc('[', w->fp);
		for (i = 0; i < count; i++) {
			json_t *item = l < KIM_JL_N ? jitem(w->r, w->ctx, l, i) :
			    json_incref(json_array_get(v, i));
			fprintf(w->fp, "%s\n%*s", i ? "," : "", 2 * depth + 2, "");
			jwrite(w, item, depth + 1);
			json_decref(item);
		}
		fprintf(w->fp, count ? "\n%*s]" : "]", 2 * depth, "");
	} else if (json_is_object(v)) {
		fputc('{', w->fp);
		for (it = json_object_iter(v); it;
		    it = json_object_iter_next(v, it), n++) {
			json_t *k = json_string(json_object_iter_key(it));
			fprintf(w->fp, "%s\n%*s", n ? "," : "", 2 * depth + 2,
			    "");
			json_dumpf(k, w->fp, JSON_ENCODE_ANY);
			fputs(": ", w->fp);
			json_decref(k);
			jwrite(w, json_object_iter_value(it), depth + 1);
		}
		fprintf(w->fp, n ? "\n%*s}" : "}", 2 * depth, "");
	} else {
		/* a write error shows in fp, for kim_write_check */
		json_dumpf(v, w->fp, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
	}
}

void
kim_report_write(FILE *fp, enum kim_fmt f, const struct kim_report *r,
    const struct kim_ctx *ctx, long limit)
{
	size_t lim = limit > 0 ? (size_t)limit : (size_t)-1;

	if (f == KIM_FMT_JSON) {
		json_t *lazy[KIM_JL_N] = { NULL };
		json_t *o = json_report(r, ctx, lazy);
		struct jw w = { fp, r, ctx, lazy };
		jwrite(&w, o, 0);
		fputc('\n', fp);
		json_decref(o);
		kim_write_check(fp);	/* a closed pipe: quietly */
		return;
	}
	/* a workbook has every row of each list, as JSON */
	text_report(fp, f == KIM_FMT_HTML, f == KIM_FMT_XLSX, r, ctx,
	    f == KIM_FMT_XLSX ? (size_t)-1 : lim);
}

/* --- the face of the document, for sections of their own (kim_report_doc.h) */

void
kim_doc_heading(struct doc *d, int level, const char *text)
{
	heading(d, level, text);
}

void
kim_doc_paraf(struct doc *d, const char *fmt, ...)
{
	struct kim_buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	kim_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	para(d);
	put_text(d, kim_buf_str(&b));
	para_end(d);
	kim_buf_free(&b);
}

void
kim_doc_table(struct doc *d, const char *const *head, size_t n,
    const char *align)
{
	table(d, head, n, align);
}

void
kim_doc_row(struct doc *d, const char *const *v)
{
	row(d, v, 0, 0);
}

void
kim_doc_table_end(struct doc *d)
{
	table_end(d);
}

int
kim_doc_book(const struct doc *d)
{
	return in_book(d);
}

const char *
kim_doc_day(const struct kim_date *day, char *buf)
{
	return day_words(day, buf);
}
