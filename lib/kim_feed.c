/* kim_feed: RSS 2.0 and Atom feeds, through expat */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>


#include "kim_date.h"
#include "kim_csv.h"
#include "kim_extlib.h"
#include "kim_feed.h"
#include "kim_file.h"

/* The fields of an item kept, by the element they come from */
enum { TITLE, LINK, RFCDATE, ISODATE, UPDATED, NPARTS };

struct feed {
	XML_Parser p;
	const char *name, *kim;
	kim_activity_fn fn;
	void *arg;
	struct kim_diag *d;
	long problems, items;
	int root;		/* 1 RSS, 2 Atom, -1 neither */
	int depth, item;	/* the item's depth, 0 outside one */
	int part;		/* the part being read, or -1 */
	struct kim_buf text[NPARTS];
	int have[NPARTS];
	long line, col;		/* where the item starts */
};

static const char *
attr(const XML_Char **a, const char *name)
{
	for (; a && *a; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}

static void
problem(struct feed *f, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kim_vdiagf(f->d, f->name, line, col, fmt, ap);
	va_end(ap);
	f->problems++;
}

static void XMLCALL
on_start(void *arg, const XML_Char *el, const XML_Char **a)
{
	struct feed *f = arg;

	f->depth++;
	if (f->depth == 1) {
		f->root = strcmp(el, "rss") == 0 ? 1 :
		    strcmp(el, "feed") == 0 ? 2 : -1;
		if (f->root < 0) {
			problem(f, XML_GetCurrentLineNumber(f->p),
			    XML_GetCurrentColumnNumber(f->p) + 1, "not a feed: "
			    "the document is <%s>, not RSS <rss> or Atom <feed>",
			    el);
			XML_StopParser(f->p, XML_FALSE);
		}
		return;
	}
	if (!f->item && strcmp(el, f->root == 1 ? "item" : "entry") == 0) {
		f->item = f->depth;
		f->line = XML_GetCurrentLineNumber(f->p);
		f->col = XML_GetCurrentColumnNumber(f->p) + 1;
		for (int i = 0; i < NPARTS; i++) {
			kim_buf_reset(&f->text[i]);
			f->have[i] = 0;
		}
		return;
	}
	if (!f->item || f->depth != f->item + 1)
		return;
	f->part = strcmp(el, "title") == 0 ? TITLE :
	    strcmp(el, "pubDate") == 0 ? RFCDATE :
	    strcmp(el, "published") == 0 || strcmp(el, "dc:date") == 0 ?
	    ISODATE : strcmp(el, "updated") == 0 ? UPDATED : -1;
	if (strcmp(el, "link") == 0 && f->root == 1)
		f->part = LINK;
	else if (strcmp(el, "link") == 0 && !f->have[LINK]) {
		const char *rel = attr(a, "rel"), *href = attr(a, "href");
		if (href && (!rel || strcmp(rel, "alternate") == 0)) {
			kim_buf_adds(&f->text[LINK], href);
			f->have[LINK] = 1;
		}
	}
	if (f->part >= 0 && f->have[f->part])
		f->part = -1;	/* the first of each is the one */
	if (f->part >= 0)
		f->have[f->part] = 1;
}

static void XMLCALL
on_text(void *arg, const XML_Char *s, int len)
{
	struct feed *f = arg;

	if (f->part >= 0 && f->text[f->part].len + (size_t)len <=
	    (size_t)KIM_FIELD_MAX)
		kim_buf_add(&f->text[f->part], s, (size_t)len);
}

/* s with its runs of blanks and line breaks as one blank, none at the ends */
static char *
squeeze(struct kim_buf *b)
{
	char *s, *w;
	int blank = 0;

	if (!b->s)
		kim_buf_addc(b, ' ');	/* an element without text: "" */
	s = w = b->s;

	for (char *r = s; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			blank = w > s;
			continue;
		}
		if (blank)
			*w++ = ' ';
		blank = 0;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* An RFC 822 date, "Mon, 02 Nov 2026 08:00:00 +0700", as YYYY-MM-DD */
static int
rfc822(const char *s, char *out)
{
	const char *comma = strchr(s, ',');
	char mon[4];
	int d, y, m, n = 0;
	struct kim_date day;

	if (comma)
		s = comma + 1;
	if (sscanf(s, " %2d %3s %4d%n", &d, mon, &y, &n) != 3 || n == 0)
		return -1;
	for (m = 0; m < 12 && strcmp(mon, months[m]) != 0; m++)
		;
	if (m == 12 || y < 1000 || d < 1)
		return -1;
	/* unsigned: the widths are bounded for the compiler too */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)(m + 1) % 100u, (unsigned)d % 100u);
	return kim_date_parse(out, &day);
}

/* An RFC 3339 date, "2026-11-02T08:00:00+07:00", as YYYY-MM-DD */
static int
rfc3339(const char *s, char *out)
{
	struct kim_date day;

	snprintf(out, 11, "%s", s);
	if (strlen(s) > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ')
		return -1;
	return kim_date_parse(out, &day);
}

static void XMLCALL
on_end(void *arg, const XML_Char *el)
{
	struct feed *f = arg;
	struct kim_activity a = { .file = f->name };
	char date[11];
	int kind;
	const char *when;

	(void)el;
	f->part = -1;
	if (f->depth-- != f->item)
		return;
	f->item = 0;
	f->items++;
	kind = f->have[ISODATE] ? ISODATE : f->have[RFCDATE] ? RFCDATE :
	    f->have[UPDATED] ? UPDATED : -1;
	when = kind >= 0 ? squeeze(&f->text[kind]) : "";
	if (kind < 0) {
		problem(f, f->line, f->col, "%s: no date (pubDate, published "
		    "or updated)", f->root == 1 ? "item" : "entry");
		return;
	}
	if ((kind == RFCDATE ? rfc822(when, date) : rfc3339(when, date)) != 0) {
		struct kim_buf b = { 0 };
		kim_buf_add_shown(&b, when, strlen(when) > 60 ? 60 : strlen(when));
		if (kind == RFCDATE)
			problem(f, f->line, f->col, "'%s' is not a date (expected "
			    "RFC 822, e.g. Mon, 02 Nov 2026 08:00:00 +0700)",
			    b.s ? b.s : "");
		else
			problem(f, f->line, f->col, "'%s' is not a date (expected "
			    "RFC 3339, e.g. 2026-11-02T08:00:00+07:00)",
			    b.s ? b.s : "");
		kim_buf_free(&b);
		return;
	}
	a.f[KIM_A_KIM] = f->kim;
	a.f[KIM_A_DATE] = date;
	a.f[KIM_A_KIND] = "berita";
	a.f[KIM_A_TITLE] = squeeze(&f->text[TITLE]);
	a.f[KIM_A_URL] = squeeze(&f->text[LINK]);
	a.f[KIM_A_NOTES] = "";
	a.line = f->line;
	for (int i = 0; i < KIM_A_NFIELDS; i++)
		a.col[i] = f->col;
	if (kim_activity_check(&a, 0, NULL, f->d) > 0)
		f->problems++;
	else if (f->problems == 0 && f->fn(f->arg, &a) != 0)
		XML_StopParser(f->p, XML_FALSE);
}

static void XMLCALL
on_doctype(void *arg, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	struct feed *f = arg;

	(void)sysid; (void)pubid; (void)internal;
	if (name && strcasecmp(name, "html") == 0)	/* a page saved */
		problem(f, XML_GetCurrentLineNumber(f->p),
		    XML_GetCurrentColumnNumber(f->p) + 1, "not a feed: an "
		    "HTML page (<!DOCTYPE html>), not RSS or Atom; save the "
		    "address of the site's feed, such as .../feed");
	else
		problem(f, XML_GetCurrentLineNumber(f->p),
		    XML_GetCurrentColumnNumber(f->p) + 1, "a feed with a "
		    "DOCTYPE is refused: its entities are not expanded");
	XML_StopParser(f->p, XML_FALSE);
}

long
kim_feed_read(const char *path, const char *kim, kim_activity_fn fn,
    void *arg, struct kim_diag *d)
{
	struct feed f = { .name = path, .kim = kim, .fn = fn, .arg = arg,
	    .d = d, .part = -1 };
	int fd = strcmp(path, "-") == 0 ? 0 : kim_open_read(path, 0, d);
	char buf[65536];
	ssize_t n;
	int done = 0;

	kim_extlib_need(KIM_EXT_EXPAT);
	if (fd < 0)
		return -1;
	if (!(f.p = XML_ParserCreate("UTF-8")))
		kim_die(KIM_EXIT_IO, "out of memory");
	XML_SetUserData(f.p, &f);
	XML_SetElementHandler(f.p, on_start, on_end);
	XML_SetCharacterDataHandler(f.p, on_text);
	XML_SetStartDoctypeDeclHandler(f.p, on_doctype);
	while (!done && !f.problems) {
		if ((n = kim_read(fd, buf, sizeof buf)) < 0) {
			kim_diagf(d, path, 0, 0, "cannot read: %s",
			    strerror(errno));
			f.problems = -1;
			break;
		}
		done = n == 0;
		if (XML_Parse(f.p, buf, (int)n, done) == XML_STATUS_ERROR &&
		    XML_GetErrorCode(f.p) != XML_ERROR_ABORTED) {
			problem(&f, XML_GetCurrentLineNumber(f.p),
			    XML_GetCurrentColumnNumber(f.p) + 1, "not XML: %s",
			    XML_ErrorString(XML_GetErrorCode(f.p)));
			break;
		}
		if (XML_GetErrorCode(f.p) == XML_ERROR_ABORTED)
			break;
	}
	if (f.problems == 0 && f.items == 0)
		problem(&f, 0, 0, "no items: the feed holds nothing to log");
	XML_ParserFree(f.p);
	for (int i = 0; i < NPARTS; i++)
		kim_buf_free(&f.text[i]);
	if (fd > 0)
		close(fd);
	return f.problems;
}
