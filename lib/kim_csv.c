/* kim_csv: CSV read through libcsv, with the positions libcsv does not give */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "kim_csv.h"
#include "kim_file.h"
#include "kim_util.h"

struct reader {
	const char *name;
	struct kim_diag *d;
	kim_csv_fn fn;
	void *ctx;

	struct kim_buf fields;	/* the row's fields, each NUL-terminated */
	size_t *off, *len;
	char **ptr;
	size_t n, cap;
	size_t ncols;		/* the header's field count */
	size_t rowbytes;	/* the row's bytes so far, for KIM_RECORD_MAX */
	long line;		/* current physical line */
	long rowline;		/* the line the row being read starts on */
	long index;
	int bad;		/* this row has a problem already reported */
	int clean;		/* every field so far printable ASCII */
	int inplace;		/* the row's fields are in the read buffer */
	int stop;
	long problems;
};

static void
problem(struct reader *r, long line, long col, const char *fmt, const char *arg)
{
	r->problems++;
	kim_diagf(r->d, r->name, line, col, fmt, _(arg));
}

/*
 * All bytes printable ASCII, 0x20 to 0x7e?  (Most fields are: they take
 * the fast way.)  Eight at a time: a byte below 0x20 borrows in x - 0x20..,
 * 0x7f carries into the top bit in x + 0x01.., and 0x80 and up have it.
 */
static int
clean(const char *p, size_t len)
{
	const uint64_t lo = 0x2020202020202020ULL, one = 0x0101010101010101ULL,
	    top = 0x8080808080808080ULL;
	size_t i = 0;

	uint64_t x;

	if (len >= 8) {
		/* the last eight bytes overlap the eights before: no tail */
		for (; i + 8 < len; i += 8) {
			memcpy(&x, p + i, 8);
			if ((x | (x - lo) | (x + one)) & top)
				return 0;
		}
		memcpy(&x, p + len - 8, 8);
		return !((x | (x - lo) | (x + one)) & top);
	}
	for (; i < len; i++)
		if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] >= 0x7f)
			return 0;
	return 1;
}

/*
 * A field over KIM_FIELD_MAX, or one that takes its row over
 * KIM_RECORD_MAX: p[0..len) are its bytes so far, the first past the
 * limit among them, and before the bytes of the row before it.  The place
 * is the line that byte is on; reading stops there, so that no more of an
 * endless field or line is read.
 */
static void
too_long(struct reader *r, const char *p, size_t len, size_t before)
{
	size_t upto = before < (size_t)KIM_RECORD_MAX ?
	    (size_t)KIM_RECORD_MAX - before : 0;
	long line = r->line;

	if (upto > (size_t)KIM_FIELD_MAX)
		upto = KIM_FIELD_MAX;
	for (size_t i = 0; i < len && i < upto; i++)
		line += p[i] == '\n';
	r->bad = 1;
	r->stop = 1;
	r->problems++;
	if (len > KIM_FIELD_MAX)
		kim_diagf(r->d, r->name, line, (long)r->n + 1,
		    "a field of more than %ld bytes: that is the limit "
		    "(kim-data(5), LIMITS)", KIM_FIELD_MAX);
	else
		kim_diagf(r->d, r->name, line, (long)r->n + 1,
		    "a record of more than %ld bytes: that is the "
		    "limit (kim-data(5), LIMITS)", KIM_RECORD_MAX);
}

/* Room for one more field */
static void
grow(struct reader *r)
{
	r->cap = r->cap ? r->cap * 2 : 32;
	r->off = kim_reallocarray(r->off, r->cap, sizeof *r->off);
	r->len = kim_reallocarray(r->len, r->cap, sizeof *r->len);
	r->ptr = kim_reallocarray(r->ptr, r->cap + 1, sizeof *r->ptr);
}

/*
 * The last field kept, p[0..len), has a byte outside printable ASCII: a
 * NUL or bad UTF-8 is a problem, the first of its row reported.
 */
static void
unclean(struct reader *r, const char *p, size_t len)
{
	r->clean = 0;
	if (r->bad)
		return;
	if (memchr(p, '\0', len)) {
		r->bad = 1;
		problem(r, r->line, (long)r->n, "%s", "contains a NUL byte "
		    "(the file is not text)");
		return;
	}

	size_t ok = kim_utf8_valid(p, len);
	if (ok != len) {
		long line = r->line;
		char what[32];
		for (size_t i = 0; i < ok; i++)
			line += p[i] == '\n';
		r->bad = 1;
		snprintf(what, sizeof what, "%zu", ok + 1);
		problem(r, line, (long)r->n, "invalid UTF-8 at byte %s of the "
		    "field (the file must be UTF-8: convert it with iconv -f "
		    "CP1252 -t UTF-8, or import it with --encoding CP1252)",
		    what);
	}
}

/*
 * The line breaks in the last field kept, p[0..len) as libcsv gave it,
 * are counted, and a CR LF in it becomes LF in the copy kept.
 */
static void
fold_breaks(struct reader *r, const char *p, size_t len)
{
	char *dst = r->fields.s + r->off[r->n - 1];
	size_t k = 0;

	for (size_t i = 0; i < len; i++) {
		r->line += p[i] == '\n';
		if (p[i] != '\r' || i + 1 >= len || p[i + 1] != '\n')
			dst[k++] = p[i];
	}
	dst[k] = '\0';
	r->fields.len = r->off[r->n - 1] + k + 1;
	r->len[r->n - 1] = k;
}

/* A field from libcsv: copied out of its buffer, which it reuses */
static void
on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	const char *p = s ? s : "";

	if (r->stop)
		return;
	if (r->n == 0)
		r->rowline = r->line;
	r->rowbytes += len + (r->n > 0);	/* and the delimiter before */
	if (len > KIM_FIELD_MAX || r->rowbytes > KIM_RECORD_MAX) {
		too_long(r, p, len, r->rowbytes - len);
		return;
	}
	if (r->n == r->cap)
		grow(r);
	if (r->fields.len + len + 2 > r->fields.cap) {
		kim_buf_add(&r->fields, p, len);
		r->fields.len -= len;
	}
	/* the field and its NUL, in one step */
	char *dst = r->fields.s + r->fields.len;
	memcpy(dst, p, len);
	dst[len] = '\0';
	r->off[r->n] = r->fields.len;
	r->fields.len += len + 1;
	r->len[r->n] = len;
	r->n++;
	if (!clean(p, len)) {
		unclean(r, p, len);
		fold_breaks(r, p, len);
	}
}

/*
 * A field of the fast path: p[0..len) in the read buffer, where it stays
 * until its row is passed on, ended there by a NUL over the byte after it
 * (a delimiter, a blank, CR or LF); it holds no line break.
 */
static void
on_field_at(struct reader *r, char *p, size_t len)
{
	if (r->n == 0)
		r->rowline = r->line;
	if (r->n == r->cap)
		grow(r);
	p[len] = '\0';
	r->ptr[r->n] = p;
	r->len[r->n] = len;
	r->n++;
	r->inplace = 1;
	if (!clean(p, len))
		unclean(r, p, len);
}

/* A line git writes into a file whose merge conflicts */
static int
is_marker(const char *s)
{
	static const char *const m[] = { "<<<<<<<", "=======", ">>>>>>>",
	    "|||||||" };

	for (size_t i = 0; i < 4; i++)
		if (strncmp(s, m[i], 7) == 0 && (s[7] == '\0' || s[7] == ' '))
			return 1;
	return 0;
}

static void
on_row(int c, void *data)
{
	struct reader *r = data;
	struct kim_csv_row row;

	if (c == '\n')
		r->line++;
	if (r->stop || r->n == 0)
		goto next;
	for (size_t i = 0; i < r->n && !r->inplace; i++)
		r->ptr[i] = r->fields.s + r->off[i];
	r->ptr[r->n] = NULL;
	if (r->n == 1 && !r->bad && is_marker(r->ptr[0])) {
		r->bad = 1;
		problem(r, r->rowline, 1, "%s", "a merge conflict marker: "
		    "resolve the conflict, keep each record once, then check "
		    "again");
	}
	if (r->index > KIM_RECORDS_MAX) {
		r->problems++;
		kim_diagf(r->d, r->name, r->rowline, 1, "more than %ld records "
		    "in one file: that is the limit (kim-data(5), LIMITS)",
		    KIM_RECORDS_MAX);
		r->stop = 1;
		goto next;
	}
	if (r->index == 0)
		r->ncols = r->n;
	else if (r->n != r->ncols && !r->bad) {
		char msg[128];
		snprintf(msg, sizeof msg, "%zu fields, the header has %zu",
		    r->n, r->ncols);
		r->bad = 1;
		problem(r, r->rowline,
		    (long)(r->n > r->ncols ? r->ncols + 1 : r->n), "%s", msg);
	}
	if (!r->bad) {
		row.n = r->n;
		row.f = r->ptr;
		row.len = r->len;
		row.line = r->rowline;
		row.index = r->index;
		row.clean = r->clean;
		if (r->fn(r->ctx, &row))
			r->stop = 1;
	}
	else if (r->index == 0)
		r->stop = 1;	/* without a header nothing else can be read */
	r->index++;
next:
	r->n = 0;
	r->rowbytes = 0;
	r->bad = 0;
	r->clean = 1;
	r->inplace = 0;
	kim_buf_reset(&r->fields);
}

/*
 * The delimiter most used outside quotes on the header row of p[0..len),
 * ',' if none, into *delim; returns whether the row's end is among those
 * bytes (the delimiter is then that of the whole row, however the bytes
 * arrived).
 */
static int
sniff(const char *p, size_t len, unsigned char *delim)
{
	size_t comma = 0, semi = 0, tab = 0, i;
	int q = 0;

	for (i = 0; i < len && (q || (p[i] != '\n' && p[i] != '\r')); i++) {
		if (p[i] == '"')
			q = !q;
		else if (!q && p[i] == ',')
			comma++;
		else if (!q && p[i] == ';')
			semi++;
		else if (!q && p[i] == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		*delim = ';';
	else if (tab > comma && tab > semi)
		*delim = '\t';
	else
		*delim = ',';
	return i < len;
}

int kim_csv_fast = 1;
size_t kim_csv_readmax;

struct source {
	int fd;
	const char *mem;
	size_t memlen, mempos;
};

static ssize_t
fill(struct source *s, char *buf, size_t size)
{
	if (kim_csv_readmax && size > kim_csv_readmax)
		size = kim_csv_readmax;
	if (s->mempos < s->memlen) {
		size_t n = s->memlen - s->mempos;
		if (n > size)
			n = size;
		memcpy(buf, s->mem + s->mempos, n);
		s->mempos += n;
		return (ssize_t)n;
	}
	if (s->fd < 0)
		return 0;
	return kim_read(s->fd, buf, size);
}

/* A blank that libcsv drops around an unquoted field */
static int
blank(char c, int delim)
{
	return (c == ' ' || c == '\t') && c != delim;
}

static char *
skip_blanks(char *p, const char *end, int delim)
{
	while (p < end && blank(*p, delim))
		p++;
	return p;
}

/*
 * The fields of a line p[0..end) with no quote, CR or LF in it, kept as
 * libcsv gives them: split at each delimiter, the blanks around each
 * field dropped, and none at all for a blank line.
 */
static void
split_line(struct reader *r, char *p, char *end, int delim)
{
	p = skip_blanks(p, end, delim);
	if (p == end)
		return;
	for (;;) {
		char *d = memchr(p, delim, (size_t)(end - p));
		char *t = d ? d : end;

		while (t > p && blank(t[-1], delim))
			t--;
		on_field_at(r, p, (size_t)(t - p));
		if (!d)
			return;
		p = skip_blanks(d + 1, end, delim);
	}
}

/*
 * The fast path (issue 23): the whole lines at the start of buf[at, have)
 * that hold no quote, no CR but the one of a CR LF, and no more bytes than
 * a field may have, split without libcsv into the fields and rows libcsv
 * would give on_field and on_row (so no limit can be passed in them);
 * libcsv must be between rows.  Returns where it stopped: at have, or at
 * the first line it leaves to libcsv.  tests/fuzz/fuzz_csvfast.c holds
 * both ways equal.
 */
static size_t
split_lines(struct reader *r, char *buf, size_t at, size_t have, int delim)
{
	char *p = buf + at, *end = buf + have;
	char *quote = memchr(p, '"', (size_t)(end - p)), *cr = NULL;

	if (!quote)
		quote = end;
	while (p < end && !r->stop) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *eol;

		if (!nl || nl - p > KIM_FIELD_MAX || quote < nl)
			break;
		if (!cr || cr < p)
			if (!(cr = memchr(p, '\r', (size_t)(end - p))))
				cr = end;
		eol = nl;
		if (cr < nl) {
			if (cr + 1 != nl)
				break;	/* a CR that ends a row of its own */
			eol = cr;
		}
		split_line(r, p, eol, delim);
		if (eol != nl)
			on_row('\r', r);
		on_row('\n', r);
		p = nl + 1;
	}
	return (size_t)(p - buf);
}

/*
 * How many more bytes libcsv may be given: up to the first byte past the
 * limit of the field it holds (p->entry_pos bytes so far) or of the row
 * (r->rowbytes in the fields before it, and a delimiter); 0 when that
 * byte is already in.
 */
static size_t
room(const struct reader *r, const struct csv_parser *p)
{
	size_t field = p->entry_pos, row = r->rowbytes + field + (r->n > 0);

	if (field > (size_t)KIM_FIELD_MAX || row > (size_t)KIM_RECORD_MAX)
		return 0;
	field = (size_t)KIM_FIELD_MAX + 1 - field;
	row = (size_t)KIM_RECORD_MAX + 1 - row;
	return field < row ? field : row;
}

/* What csv_parse stopped on: bad quoting, or no memory for the field */
static void
parse_error(struct reader *r, struct csv_parser *p)
{
	if (r->stop)
		;	/* reading stopped already: nothing more is said */
	else if (csv_error(p) == CSV_EPARSE)
		problem(r, r->line, (long)r->n + 1, "%s",
		    "malformed quoting: a quote inside an unquoted field, "
		    "or text after a closing quote");
	else
		kim_diefile(KIM_EXIT_IO, r->name, r->line, 0, "out of memory");
}

static long
readall(struct source *src, const char *name, kim_csv_fn fn, void *ctx,
    struct kim_diag *d)
{
	enum { CHUNK = 1 << 16 };
	struct csv_parser p;
	struct reader r;
	char *buf = kim_malloc(CHUNK);
	size_t have = 0, start = 0;
	int first = 1, eof = 0, broken = 0, idle;
	unsigned char delim = ',';

	memset(&r, 0, sizeof r);
	r.name = name;
	r.d = d;
	r.fn = fn;
	r.ctx = ctx;
	r.line = 1;
	r.clean = 1;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		kim_die(KIM_EXIT_IO, "out of memory");
	idle = p.pstate;	/* libcsv between rows */
	/*
	 * libcsv grows its field buffer by this much at a time: the default
	 * 128 bytes makes an over-long field (refused at the end, at
	 * KIM_FIELD_MAX) cost a realloc per 128 bytes, quadratic where
	 * realloc moves (10 MB: minutes under ASan).
	 */
	csv_set_blk_size(&p, KIM_FIELD_MAX);

	while (!eof && !r.stop) {
		ssize_t n = fill(src, buf + have, CHUNK - have);
		if (n < 0) {
			kim_diagf(d, name, 0, 0, "cannot read: %s", strerror(errno));
			r.problems = -1;
			broken = 1;
			break;
		}
		eof = n == 0;
		have += (size_t)n;
		if (first) {
			if (have >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
				start = 3;
			/* the header row must be whole to sniff the delimiter */
			if (!sniff(buf + start, have - start, &delim) && !eof &&
			    have < CHUNK) {
				start = 0;
				continue;
			}
			csv_set_delim(&p, delim);
			first = 0;
		}
		/*
		 * Quote-free lines take the fast path; the rest, and a line
		 * longer than the buffer, go to libcsv a line at a time, the
		 * lines of a quoted field's line breaks too (given the rest of
		 * the buffer, libcsv would read the quote-free records after
		 * it, a byte at a time: most of 1,000,000 KIM).  An
		 * incomplete line is kept for the next read.  The limits hold
		 * while reading: libcsv is given no more bytes than keep the
		 * field it holds, and the row, one byte past their limits (a
		 * byte read adds at most one to either), so that an endless
		 * field stops there, and memory stays bounded.
		 */
		while (start < have && !r.stop) {
			size_t end = have, len;
			if (kim_csv_fast) {
				if (p.pstate == idle)
					start = split_lines(&r, buf, start,
					    have, delim);
				if (start == have || r.stop)
					break;
				char *nl = memchr(buf + start, '\n', have - start);
				if (nl)
					end = (size_t)(nl + 1 - buf);
				else if (!eof && (start > 0 || have < CHUNK))
					break;
			}
			if ((len = room(&r, &p)) == 0) {
				too_long(&r, (const char *)p.entry_buf,
				    p.entry_pos, r.rowbytes + (r.n > 0));
				break;
			}
			if (len > end - start)
				len = end - start;
			if (csv_parse(&p, buf + start, len, on_field, on_row,
			    &r) != len) {
				parse_error(&r, &p);
				broken = 1;
				break;
			}
			start += len;
		}
		if (broken)
			break;
		memmove(buf, buf + start, have - start);
		have -= start;
		start = 0;
	}
	if (!r.stop && !broken &&
	    csv_fini(&p, on_field, on_row, &r) != 0) {
		if (csv_error(&p) != CSV_EPARSE)
			kim_diefile(KIM_EXIT_IO, name, r.line, 0, "out of memory");
		problem(&r, r.line, (long)r.n + 1, "%s",
		    "unterminated quoted field: a closing quote is missing");
	}
	csv_free(&p);
	free(buf);
	kim_buf_free(&r.fields);
	free(r.off);
	free(r.len);
	free(r.ptr);
	return r.problems;
}

long
kim_csv_read(int fd, const char *pre, size_t prelen, const char *name,
    kim_csv_fn fn, void *ctx, struct kim_diag *d)
{
	struct source s = { fd, pre, pre ? prelen : 0, 0 };

	return readall(&s, name, fn, ctx, d);
}

/* Does a field of length n need quotes to be read back as it is? */
static int
needs_quote(const char *s, size_t n, int delim)
{
	static const char comma[] = ",\"\r\n", semi[] = ";\"\r\n",
	    tab[] = "\t\"\r\n";

	if (n == 0)
		return 0;
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return 1;
	return strcspn(s, delim == ';' ? semi : delim == '\t' ? tab : comma) < n;
}

int
kim_csv_needs_quote(const char *s, int delim)
{
	return needs_quote(s, strlen(s), delim);
}

/*
 * s with minimal quoting added to b after the byte sep (none if 0), and
 * room left for one more byte: a row's field, its delimiter before it.
 */
static void
add_field(struct kim_buf *b, int sep, const char *s, int delim)
{
	size_t n = strlen(s), q = n;
	int quote = needs_quote(s, n, delim);

	if (quote)
		q = csv_write(NULL, 0, s, n);
	kim_buf_reserve(b, q + 2);
	if (sep)
		b->s[b->len++] = (char)sep;
	if (quote)
		b->len += csv_write(b->s + b->len, q, s, n);
	else {
		memcpy(b->s + b->len, s, n);
		b->len += n;
	}
	b->s[b->len] = '\0';
}

void
kim_csv_add_row(struct kim_buf *b, const char *const *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		add_field(b, i ? ',' : 0, f[i], ',');
	kim_buf_addc(b, '\n');
}

void
kim_csv_put_row(FILE *fp, const char *const *f, size_t n)
{
	struct kim_buf line = { 0 };	/* one write a row, not a field */

	kim_buf_reserve(&line, 512);
	kim_csv_add_row(&line, f, n);
	fwrite_unlocked(line.s, 1, line.len, fp);
	kim_buf_free(&line);
}

void
kim_csv_put(FILE *fp, const char *s, int delim)
{
	size_t n = strlen(s);

	if (needs_quote(s, n, delim))
		csv_fwrite(fp, s, n);
	else
		fwrite_unlocked(s, 1, n, fp);
}
