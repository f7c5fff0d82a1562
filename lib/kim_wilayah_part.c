/* kim_wilayah_part: the rows of one provinsi of a region list */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim_csv.h"
#include "kim_file.h"
#include "kim_util.h"
#include "kim_wilayah.h"

/*
 * Adding a KIM to kim/51.02.csv needs the regions of that file's records
 * (Bali's, 783 rows of the national list's 91,599) and no others, but
 * parsing the whole list cost that command nine tenths of its time.  So
 * the file is cut into records by its line ends outside quotes, without
 * parsing, and the header and the records that may be Bali's go to
 * kim_wilayah_read_buf: those that start with "51" (not "511"), and
 * those that start with a blank or a quote, which the parser may trim or
 * unquote into a code of Bali.  That holds when the code is the first
 * column (the header starts with it, and names no second one); else, or
 * when the part read has any problem at all (to be reported with its
 * place in the whole file), the whole list is loaded, as
 * kim_wilayah_load does.
 */

#define CHUNK	65536

struct part {
	char pp[2];		/* the provinsi */
	int header;		/* the header was seen */
	int whole;		/* no part can be taken: read the whole list */
	struct kim_buf out;	/* the header and the records taken */
};

/*
 * One past the end of the record at s (its '\n'), or NULL: not in s..end.
 * q is the first '"' at s or after (end: none).
 */
static const char *
record_end(const char *s, const char *end, const char *q)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	int quoted = 0;

	if (q >= (nl ? nl : end))
		return nl ? nl + 1 : NULL;
	/* a quoted field may hold a line end: "" inside it turns twice */
	for (; s < end; s++)
		if (*s == '"')
			quoted = !quoted;
		else if (*s == '\n' && !quoted)
			return s + 1;
	return NULL;
}

/* Does the header name the code first, and once? */
static int
code_first(const char *s, size_t n)
{
	static const char bom[] = "\xef\xbb\xbf";
	size_t k = 0;

	if (n >= 3 && memcmp(s, bom, 3) == 0)
		s += 3, n -= 3;
	if (n < 5 || memcmp(s, "code", 4) != 0 || !strchr(",;\t \r\n", s[4]))
		return 0;
	for (size_t i = 0; i + 4 <= n; i++)
		k += memcmp(s + i, "code", 4) == 0;
	return k == 1;
}

static void
take(struct part *p, const char *s, size_t n)
{
	if (!p->header) {
		p->header = 1;
		p->whole = !code_first(s, n);
	} else if (!(n >= 3 && s[0] == p->pp[0] && s[1] == p->pp[1] &&
	    (s[2] < '0' || s[2] > '9')) && s[0] != ' ' && s[0] != '\t' &&
	    s[0] != '"')
		return;
	kim_buf_add(&p->out, s, n);
}

/* The first '"' in buf at at or after, as an index (have: none) */
static size_t
next_quote(const char *buf, size_t at, size_t have)
{
	const char *q = memchr(buf + at, '"', have - at);

	return q ? (size_t)(q - buf) : have;
}

/* The records of fd into p; -1 on a read error */
static int
cut(struct part *p, int fd)
{
	size_t cap = CHUNK, have = 0, at = 0, q;
	char *buf = kim_malloc(cap);
	const char *e;
	ssize_t got = 1;

	while (got > 0 && !p->whole) {
		memmove(buf, buf + at, have - at);
		have -= at;
		at = 0;
		if (have == cap) {
			/* a record longer than any may be: reported whole */
			if (cap > 2 * (size_t)KIM_RECORD_MAX) {
				p->whole = 1;
				break;
			}
			buf = kim_realloc(buf, cap *= 2);
		}
		if ((got = kim_read(fd, buf + have, cap - have)) < 0)
			break;
		have += (size_t)got;
		/* the next quote, looked for again once passed: few have one */
		q = next_quote(buf, at, have);
		for (; at < have && !p->whole; at = (size_t)(e - buf)) {
			if (q < at)
				q = next_quote(buf, at, have);
			if (!(e = record_end(buf + at, buf + have, buf + q))) {
				if (got > 0)
					break;
				e = buf + have;	/* the last, without '\n' */
			}
			take(p, buf + at, (size_t)(e - (buf + at)));
		}
	}
	free(buf);
	return got < 0 ? -1 : 0;
}

/* a sink for the part's messages: any one sends to the whole list */
static void
heard(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	(void)file, (void)line, (void)col, (void)msg;
	(*(long *)d->ctx)++;
}

long
kim_wilayah_load_within(struct kim_wilayah *w, const char *path,
    const char *code, struct kim_diag *d)
{
	struct part p = { { 0 }, 0, 0, { 0 } };
	long said = 0, r;
	struct kim_diag quiet = { .report = heard, .ctx = &said };
	int fd;

	if (kim_code_level(code) == KIM_LV_INVALID)
		return kim_wilayah_load(w, path, d);
	memcpy(p.pp, code, 2);
	memset(w, 0, sizeof *w);
	w->path = kim_strdup(path);
	if ((fd = kim_open_read(path, KIM_OPEN_REGULAR, d)) < 0)
		return fd == -2 ? 1 : -1;
	r = cut(&p, fd);
	close(fd);
	if (r == 0 && !p.whole && p.header) {
		kim_wilayah_free(w);
		r = kim_wilayah_read_buf(w, path, p.out.s, p.out.len, &quiet);
		if (r == 0 && said == 0) {
			memcpy(w->within, p.pp, 2);
			kim_buf_free(&p.out);
			return 0;
		}
	}
	kim_buf_free(&p.out);
	kim_wilayah_free(w);
	return kim_wilayah_load(w, path, d);
}

int
kim_wilayah_knows(const struct kim_wilayah *w, const char *code)
{
	return !w->within[0] || (code[0] == w->within[0] &&
	    code[1] == w->within[1] && (code[2] == '\0' || code[2] == '.'));
}
