/* kim_record: the KIM record, its columns, validation and canonical form */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kim_csv.h"
#include "kim_actsum.h"
#include "kim_record.h"

/* The functions of the derived columns (KIM_DERIVED) */

/* The name of the region's ancestor at depth: "" when there is none. */
static const char *
kim_value_region_name(const struct kim_record *r, int depth,
    const struct kim_ctx *ctx, char *buf)
{
	const struct kim_region *reg;

	(void)buf;
	reg = kim_wilayah_find(&ctx->w, r->f[KIM_F_REGION]);
	reg = kim_wilayah_up(&ctx->w, reg, depth);
	return reg ? reg->name : "";
}

/* The code of the region's ancestor at depth: "" when it is above it. */
static const char *
kim_value_region_code(const struct kim_record *r, int depth,
    const struct kim_ctx *ctx, char *buf)
{
	const char *region = r->f[KIM_F_REGION];

	(void)ctx;
	snprintf(buf, KIM_VALUE_MAX, "%.*s",
	    (int)kim_code_prefix_len(region, depth), region);
	return buf;
}

/* Whole years from formed to the as-of day. */
static const char *
kim_value_age(const struct kim_record *r, int depth,
    const struct kim_ctx *ctx, char *buf)
{
	struct kim_date f;

	(void)depth;
	buf[0] = '\0';
	if (kim_date_parse(r->f[KIM_F_FORMED], &f) == 0)
		snprintf(buf, KIM_VALUE_MAX, "%d",
		    kim_date_years(&f, &ctx->as_of));
	return buf;
}

/* Whole months from verified to the as-of day; "" when never verified. */
static const char *
kim_value_stale_months(const struct kim_record *r, int depth,
    const struct kim_ctx *ctx, char *buf)
{
	struct kim_date v;

	(void)depth;
	buf[0] = '\0';
	if (kim_date_parse(r->f[KIM_F_VERIFIED], &v) == 0)
		snprintf(buf, KIM_VALUE_MAX, "%d",
		    kim_date_months(&v, &ctx->as_of));
	return buf;
}

/* The day of the KIM's last activity in the log; "" when none */
static const char *
kim_value_last_activity(const struct kim_record *r, int depth,
    const struct kim_ctx *ctx, char *buf)
{
	long last, recent;
	struct kim_date d;

	(void)depth;
	buf[0] = '\0';
	kim_record_activity(r, ctx, &last, &recent);
	if (last != KIM_ACTSUM_NONE) {
		d = kim_date_from_days(last);
		kim_date_fmt(&d, buf);
	}
	return buf;
}

/* Its activities in the KIM_ACTIVITY_WINDOW days up to the as-of day */
static const char *
kim_value_activities(const struct kim_record *r, int depth,
    const struct kim_ctx *ctx, char *buf)
{
	long last, recent;

	(void)depth;
	kim_record_activity(r, ctx, &last, &recent);
	snprintf(buf, KIM_VALUE_MAX, "%ld", recent);
	return buf;
}

#define STORED(e, n, type, given, json, personal, aliases) \
	{ n, KIM_FT_##type, KIM_GIVEN_##given, KIM_T_##json, \
	  KIM_IN_REGISTER | KIM_IN_FIELDS | KIM_IN_RULES, personal, aliases, \
	  0, NULL, NULL },
#define DERIVED(e, n, type, where, depth, value, rule_alias, aliases) \
	{ n, KIM_FT_##type, KIM_GIVEN_DERIVED, \
	  KIM_FT_##type == KIM_FT_NUMBER ? KIM_T_NUM : KIM_T_TEXT, where, 0, \
	  aliases, depth, rule_alias, value },
const struct kim_column kim_columns[KIM_NCOLUMNS] = {
	KIM_FIELDS(STORED)
	KIM_DERIVED(DERIVED)
};
#undef STORED
#undef DERIVED

#define NAME(e, n, ...) n,
const char *const kim_field_names[KIM_NCOLUMNS] = {
	KIM_FIELDS(NAME)
	KIM_DERIVED(NAME)
};
#undef NAME

/* ",id,name,...": the header is what follows the first comma */
#define HEADER(e, n, ...) "," n
static const char header[] = KIM_FIELDS(HEADER);
#undef HEADER
/* the same without the KEPT columns: the header of most files */
#define BASE(e, n, type, given, ...) BASE_##given(n)
#define BASE_OPTIONAL(n) "," n
#define BASE_REQUIRED(n) "," n
#define BASE_DEFAULT(n) "," n
#define BASE_ASSIGNED(n) "," n
#define BASE_KEPT(n) ""
static const char base[] = KIM_FIELDS(BASE);
#undef BASE
const char *const kim_header = base + 1;

const char *
kim_header_for(int kept)
{
	return kept ? header + 1 : base + 1;
}

int
kim_record_kept(const struct kim_record *r)
{
	for (int f = KIM_NBASE; f < KIM_NFIELDS; f++)
		if (*r->f[f])
			return 1;
	return 0;
}

int
kim_former_next(const char **s, char *id, size_t n)
{
	const char *e;

	while (**s) {
		e = strchr(*s, ';');
		if (!e)
			e = *s + strlen(*s);
		if ((size_t)(e - *s) < n) {
			memcpy(id, *s, (size_t)(e - *s));
			id[e - *s] = '\0';
			*s = *e ? e + 1 : e;
			return 1;
		}
		*s = *e ? e + 1 : e;	/* longer than any id */
	}
	return 0;
}

int
kim_record_is(const struct kim_record *r, const char *id)
{
	const char *s = r->f[KIM_F_FORMER_IDS];
	char was[KIM_ID_MAX];

	if (strcmp(r->f[KIM_F_ID], id) == 0)
		return 1;
	while (kim_former_next(&s, was, sizeof was))
		if (strcmp(was, id) == 0)
			return 2;
	return 0;
}

/* Add what the log says of id to *last and *recent */
static void
activity_of(const struct kim_actsum *sum, const char *id, long *last,
    long *recent)
{
	const struct kim_actsum_kim *k = kim_actsum_get(sum, id);

	if (!k)
		return;
	if (k->last != KIM_ACTSUM_NONE && k->last > *last)
		*last = k->last;
	*recent += k->recent;
}

void
kim_record_activity(const struct kim_record *r, const struct kim_ctx *ctx,
    long *last, long *recent)
{
	const char *s = r->f[KIM_F_FORMER_IDS];
	char was[KIM_ID_MAX];

	*last = KIM_ACTSUM_NONE;
	*recent = 0;
	if (!ctx->activity)
		return;
	activity_of(ctx->activity, r->f[KIM_F_ID], last, recent);
	while (kim_former_next(&s, was, sizeof was))
		activity_of(ctx->activity, was, last, recent);
}

/* A column's name where: a derived one in rules by its older spelling */
static const char *
listed_name(int c, unsigned where)
{
	if (where == KIM_IN_RULES && kim_columns[c].rule_alias)
		return kim_columns[c].rule_alias;
	return kim_columns[c].name;
}

const char *
kim_column_list(unsigned where)
{
	static char list[KIM_IN_RULES + 1][512];	/* by one KIM_IN_ */
	char *s = list[where];

	if (!*s)
		for (int c = 0, n = 0; c < KIM_NCOLUMNS; c++)
			if (kim_columns[c].where & where)
				snprintf(s + strlen(s), sizeof list[0] - strlen(s),
				    "%s%s", n++ ? ", " : "", listed_name(c, where));
	return s;
}

int
kim_column_lookupn(const char *name, size_t len, unsigned where)
{
	for (int c = 0; c < KIM_NCOLUMNS; c++) {
		const struct kim_column *k = &kim_columns[c];
		if (!(k->where & where))
			continue;
		if (strlen(k->name) == len && memcmp(k->name, name, len) == 0)
			return c;
	}
	/* an older spelling in rules, once no column has the name */
	for (int c = KIM_NFIELDS; c < KIM_NCOLUMNS && where == KIM_IN_RULES; c++) {
		const char *a = kim_columns[c].rule_alias;
		if (a && strlen(a) == len && memcmp(a, name, len) == 0)
			return c;
	}
	return -1;
}

int
kim_column_lookup(const char *name, unsigned where)
{
	return kim_column_lookupn(name, strlen(name), where);
}

void
kim_recbuf_clear(struct kim_recbuf *rb)
{
	kim_buf_reset(&rb->b);
	kim_buf_addc(&rb->b, '\0');	/* offset 0 is the empty string */
	memset(rb->off, 0, sizeof rb->off);
	memset(rb->set, 0, sizeof rb->set);
	memset(rb->col, 0, sizeof rb->col);
}

void
kim_recbuf_set(struct kim_recbuf *rb, int f, const char *s, size_t len,
    long col)
{
	if (rb->b.len == 0)
		kim_recbuf_clear(rb);
	rb->off[f] = rb->b.len;
	kim_buf_add(&rb->b, s, len);
	kim_buf_addc(&rb->b, '\0');
	rb->set[f] = 1;
	rb->col[f] = col;
}

void
kim_recbuf_get(struct kim_recbuf *rb, struct kim_record *r)
{
	if (rb->b.len == 0)
		kim_recbuf_clear(rb);
	for (int i = 0; i < KIM_NFIELDS; i++) {
		r->f[i] = rb->b.s + rb->off[i];
		r->col[i] = rb->col[i];
	}
	r->seq = kim_id_seq(r->f[KIM_F_ID], r->f[KIM_F_REGION]);
	r->file = NULL;
	r->line = 0;
	r->clean = 0;
	r->short_fields = 0;
}

void
kim_recbuf_free(struct kim_recbuf *rb)
{
	kim_buf_free(&rb->b);
}

static uint32_t
colset_hash(const int32_t *c)
{
	uint32_t h = 2166136261u;

	for (int i = 0; i < KIM_NFIELDS; i++)
		h = (h ^ (uint32_t)c[i]) * 16777619u;
	return h;
}

static size_t
colset_slot(const struct kim_colsets *cs, const int32_t *c)
{
	size_t i = colset_hash(c) & (cs->cap - 1);

	while (cs->slot[i] && memcmp(cs->slot[i], c,
	    KIM_NFIELDS * sizeof *c) != 0)
		i = (i + 1) & (cs->cap - 1);
	return i;
}

const int32_t *
kim_colset(struct kim_colsets *cs, const long col[KIM_NFIELDS])
{
	int32_t c[KIM_NFIELDS], *set;
	size_t i;

	for (int f = 0; f < KIM_NFIELDS; f++)
		c[f] = (int32_t)col[f];
	if (2 * (cs->n + 1) > cs->cap) {
		const int32_t **old = cs->slot;
		size_t n = cs->cap;
		cs->cap = n ? n * 2 : 16;
		cs->slot = kim_calloc(cs->cap, sizeof *cs->slot);
		for (i = 0; i < n; i++)
			if (old[i])
				cs->slot[colset_slot(cs, old[i])] = old[i];
		free(old);
	}
	i = colset_slot(cs, c);
	if (!cs->slot[i]) {
		set = kim_pool_alloc(&cs->pool, sizeof c);
		memcpy(set, c, sizeof c);
		cs->slot[i] = set;
		cs->n++;
	}
	return cs->slot[i];
}

void
kim_colsets_free(struct kim_colsets *cs)
{
	free(cs->slot);
	kim_pool_free(&cs->pool);
	memset(cs, 0, sizeof *cs);
}

struct kim_record *
kim_record_dup(const struct kim_record *r)
{
	size_t len[KIM_NFIELDS], total = sizeof *r;
	struct kim_record *c;
	char *p;

	for (int i = 0; i < KIM_NFIELDS; i++)
		total += len[i] = strlen(r->f[i]) + 1;
	c = kim_malloc(total);
	*c = *r;
	p = (char *)(c + 1);
	for (int i = 0; i < KIM_NFIELDS; i++) {
		memcpy(p, r->f[i], len[i]);
		c->f[i] = p;
		p += len[i];
	}
	return c;
}

void
kim_record_free(struct kim_record *r)
{
	free(r);
}

const char *
kim_conflict_inner(const char *s, size_t *len)
{
	size_t n, o = strlen(KIM_CONFLICT_OPEN), c = strlen(KIM_CONFLICT_CLOSE);

	/* every field of every record comes here: most leave at once */
	if (s[0] != KIM_CONFLICT_OPEN[0])
		return NULL;
	n = strlen(s);
	if (n < o + c || strncmp(s, KIM_CONFLICT_OPEN, o) != 0 ||
	    strcmp(s + n - c, KIM_CONFLICT_CLOSE) != 0)
		return NULL;
	*len = n - o - c;
	return s + o;
}

unsigned long
kim_record_conflicts(const struct kim_record *r)
{
	unsigned long m = 0;
	size_t len;

	for (int i = 0; i < KIM_NFIELDS; i++)
		if (kim_conflict_inner(r->f[i], &len))
			m |= 1ul << i;
	return m;
}

long
kim_id_seq(const char *id, const char *region)
{
	size_t n = strlen(region);

	if (n == 0 || strncmp(id, region, n) != 0 || id[n] != '-' ||
	    id[n + 1] == '0')
		return 0;
	long v = kim_parse_count(id + n + 1, 999999999L);
	return v > 0 ? v : 0;
}

int
kim_record_cmp(const struct kim_record *a, const struct kim_record *b)
{
	return kim_record_cmp_key(a->f[KIM_F_REGION], a->seq, a->f[KIM_F_ID],
	    b);
}

int
kim_record_cmp_key(const char *region, long seq, const char *id,
    const struct kim_record *b)
{
	int c = strcmp(region, b->f[KIM_F_REGION]);

	if (c)
		return c;
	if (seq != b->seq)
		return seq < b->seq ? -1 : 1;
	return strcmp(id, b->f[KIM_F_ID]);
}

void
kim_sectors_normalize(char *s)
{
	char *w = s;
	int blank = 0;

	for (const char *r = s; *r; r++) {
		if (*r == ' ' || *r == '\t') {
			blank = 1;
			continue;
		}
		/* blanks around a tag go, blanks inside one become '-' */
		if (blank && w > s && w[-1] != ';' && *r != ';')
			*w++ = '-';
		blank = 0;
		*w++ = *r >= 'A' && *r <= 'Z' ? (char)(*r + 32) : *r;
	}
	*w = '\0';
}

void
kim_record_normalize(struct kim_record *r)
{
	/* no blanks around a value */
	for (int f = 0; f < KIM_NFIELDS; f++) {
		char *s = r->f[f];
		size_t n;
		while (*s == ' ' || *s == '\t')
			s++;
		n = strlen(s);
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			s[--n] = '\0';
		r->f[f] = s;
	}
	char *m = r->f[KIM_F_MEMBERS];

	if (!*r->f[KIM_F_STATUS])
		r->f[KIM_F_STATUS] = (char *)kim_status_names[KIM_ST_AKTIF];
	kim_sectors_normalize(r->f[KIM_F_SECTORS]);
	while (m[0] == '0' && m[1] >= '0' && m[1] <= '9')
		m++;
	r->f[KIM_F_MEMBERS] = m;
}

/* The next character of a name as compared, from *p; 0 at the end. */
static int
folded(const char **p, int *started)
{
	const char *s = *p;
	int blank = 0;

	while (*s == ' ' || *s == '\t') {
		blank = 1;
		s++;
	}
	if (!*s) {
		*p = s;
		return 0;
	}
	if (blank && *started) {
		*p = s;		/* the run of blanks counts as one */
		return ' ';
	}
	*started = 1;
	*p = s + 1;
	return *s >= 'A' && *s <= 'Z' ? *s + 32 : (unsigned char)*s;
}

void
kim_name_fold(const char *name, struct kim_buf *out)
{
	int started = 0, c;

	/* never longer than the name: the room made once */
	kim_buf_reserve(out, strlen(name));
	while ((c = folded(&name, &started)))
		out->s[out->len++] = (char)c;
	out->s[out->len] = '\0';
}

void
kim_record_key(const struct kim_record *r, struct kim_buf *out)
{
	kim_buf_adds(out, r->f[KIM_F_REGION]);
	kim_buf_addc(out, '\t');
	kim_name_fold(r->f[KIM_F_NAME], out);
}

int
kim_name_cmp(const char *a, const char *b)
{
	int sa = 0, sb = 0, x, y;

	do {
		x = folded(&a, &sa);
		y = folded(&b, &sb);
	} while (x && x == y);
	return x - y;
}

void
kim_field_vproblem(struct kim_diag *d, const char *file, long line,
    long col, const char *name, const char *fmt, va_list ap)
{
	char msg[2048];

	vsnprintf(msg, sizeof msg, _(fmt), ap);
	if (col == KIM_COL_OPTION)
		kim_diagf(d, NULL, 0, 0, "--%s: %s", name, msg);
	else
		kim_diagf(d, file, line, col, "%s: %s", name, msg);
}

void
kim_record_problem(struct kim_diag *d, const struct kim_record *r, int f,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kim_field_vproblem(d, r->file, r->line, f >= 0 ? r->col[f] : 0,
	    f >= 0 ? kim_field_names[f] : "record", fmt, ap);
	va_end(ap);
}

long
kim_field_limit(int f)
{
	/* KIM_LIMIT_LEAST is the least of these */
	switch (f) {
	case KIM_F_NAME:	return 200;
	case KIM_F_SK: case KIM_F_CHAIR: case KIM_F_SECRETARY:
	case KIM_F_TREASURER: case KIM_F_CONTACT:
				return 100;
	case KIM_F_WEBSITE:	return 300;
	case KIM_F_NOTES:	return 2000;
	default:		return 0;
	}
}

size_t
kim_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * The characters of field f of r when they are over its limit, else 0; a
 * value of no more bytes than the limit is not counted.
 */
static size_t
over_limit(const struct kim_record *r, int f)
{
	long max = kim_field_limit(f);
	size_t n;

	if (max == 0 || strnlen(r->f[f], (size_t)max + 1) <= (size_t)max)
		return 0;
	n = kim_utf8_chars(r->f[f]);
	return n > (size_t)max ? n : 0;
}

long
kim_record_check_limits(const struct kim_record *r, unsigned long fields,
    struct kim_diag *d)
{
	long before = d->count;

	for (int f = 0; f < KIM_NFIELDS; f++) {
		size_t n;
		if (!(fields & 1ul << f) || !(n = over_limit(r, f)))
			continue;
		kim_record_problem(d, r, f, "%zu characters: the limit is %ld "
		    "(kim-data(5), LIMITS)", n, kim_field_limit(f));
	}
	return d->count - before;
}

void
kim_record_warn_limits(const struct kim_record *r, struct kim_diag *d)
{
	if (r->short_fields)
		return;		/* the reader saw every field's length */
	for (int f = 0; f < KIM_NFIELDS; f++) {
		size_t n = over_limit(r, f);
		if (n)
			kim_diag_warnf(d, r->file, r->line, r->col[f], "%s: %zu "
			    "characters: the limit is %ld (kim-data(5), LIMITS); "
			    "read as it is", kim_field_names[f], n,
			    kim_field_limit(f));
	}
}

/* a value shown in a message: at most 60 bytes, whole UTF-8 characters */
static const char *
shown(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	if (n < size && n <= 60)
		return s;
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	snprintf(buf, size, "%.*s...", (int)n, s);
	return buf;
}

long
kim_record_check_text(const struct kim_record *r, struct kim_diag *d)
{
	long before = d->count;
	size_t total = KIM_NFIELDS - 1;	/* the commas between the fields */

	if (r->clean)
		return 0;	/* the reader has held it to all of this */
	for (int f = 0; f < KIM_NFIELDS; f++) {
		const char *s = r->f[f];
		int control = 0, high = 0;
		size_t n;

		for (n = 0; s[n]; n++) {
			unsigned char c = (unsigned char)s[n];
			if ((c < 0x20 && !(kim_columns[f].type == KIM_FT_LINES &&
			    (c == '\n' || c == '\t'))) || c == 0x7f)
				control = 1;
			high |= c & 0x80;
		}
		total += n;
		if (n > KIM_FIELD_MAX)
			kim_record_problem(d, r, f, "a field of %zu bytes: the "
			    "limit is %ld bytes (kim-data(5), LIMITS)", n,
			    KIM_FIELD_MAX);
		else if (high && kim_utf8_valid(s, n) != n)
			kim_record_problem(d, r, f, "invalid UTF-8 at byte %zu "
			    "(text must be UTF-8)", kim_utf8_valid(s, n) + 1);
		else if (control)
			kim_record_problem(d, r, f, "contains a control "
			    "character (a line break is allowed only in notes)");
	}
	if (total > KIM_RECORD_MAX)
		kim_record_problem(d, r, -1, "its fields take %zu bytes: the "
		    "limit of a record is %ld bytes (kim-data(5), LIMITS)",
		    total, KIM_RECORD_MAX);
	return d->count - before;
}

static int
check_date(const struct kim_record *r, int f, const struct kim_ctx *ctx,
    int flags, struct kim_diag *d, struct kim_date *out)
{
	char a[11];

	if (kim_date_parse(r->f[f], out) != 0) {
		char b[80];
		kim_record_problem(d, r, f,
		    "'%s' is not a real date (expected YYYY-MM-DD)",
		    shown(r->f[f], b, sizeof b));
		return -1;
	}
	if ((flags & KIM_CHECK_FUTURE) && kim_date_cmp(out, &ctx->as_of) > 0) {
		kim_record_problem(d, r, f, "%s is after the as-of date %s",
		    r->f[f], kim_date_fmt(&ctx->as_of, a));
		return -1;
	}
	return 0;
}

struct tag {
	const char *s;
	size_t n;
};

static int
bytag(const void *a, const void *b)
{
	const struct tag *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);

	return c ? c : x->n < y->n ? -1 : x->n > y->n;
}

static long
check_tags(const struct kim_record *r, int f, struct kim_diag *d)
{
	const char *s = r->f[f], *t, *u;
	struct tag few[16] = { { NULL, 0 } }, *tags = few;
	size_t ntags = 0, cap = sizeof few / sizeof *few;
	int sorted = 1;		/* each tag after the one before */
	long bad = 0;

	for (t = s; *t; t = *u ? u + 1 : u) {
		size_t n;
		u = strchr(t, ';');
		if (!u)
			u = t + strlen(t);
		n = (size_t)(u - t);
		int ok = n > 0;
		for (size_t i = 0; i < n && ok; i++)
			ok = (t[i] >= 'a' && t[i] <= 'z') ||
			    (t[i] >= '0' && t[i] <= '9') || t[i] == '-';
		if (!ok) {
			bad++;
			if (n == 0)
				kim_record_problem(d, r, f,
				    "empty tag in '%s' (tags are separated by "
				    "single ';')", s);
			else if (memchr(t, ',', n))
				kim_record_problem(d, r, f,
				    "'%.*s' is not a tag: tags are separated by "
				    "';', not ',' (e.g. umkm;pariwisata)", (int)n, t);
			else
				kim_record_problem(d, r, f,
				    "'%.*s' is not a lower-case tag (letters "
				    "a-z, digits and '-', e.g. umkm)", (int)n, t);
			continue;
		}
		if (ntags == cap) {
			cap *= 2;
			if (tags == few) {
				tags = kim_reallocarray(NULL, cap, sizeof *tags);
				memcpy(tags, few, sizeof few);
			} else
				tags = kim_reallocarray(tags, cap, sizeof *tags);
		}
		tags[ntags].s = t;
		tags[ntags].n = n;
		if (ntags > 0 && bytag(&tags[ntags - 1], &tags[ntags]) >= 0)
			sorted = 0;
		ntags++;
	}
	/* a repeated tag: neighbours once sorted (in order, there is none) */
	if (!sorted)
		qsort(tags, ntags, sizeof *tags, bytag);
	for (size_t i = 1; i < ntags; i++) {
		int again = i >= 2 && bytag(&tags[i - 2], &tags[i]) == 0;
		if (!again && bytag(&tags[i - 1], &tags[i]) == 0) {
			bad++;
			kim_record_problem(d, r, f,
			    "tag '%.*s' is given twice", (int)tags[i].n,
			    tags[i].s);
		}
	}
	if (tags != few)
		free(tags);
	return bad;
}

/*
 * A ';'-list of ids REGION-N (former_ids): each well formed, none the
 * record's own id, none twice.  The regions need not be in wilayah.csv:
 * a former id names a region a recode left.
 */
static void
check_ids(const struct kim_record *r, int f, struct kim_diag *d)
{
	const char *s = r->f[f], *t, *u;
	char code[32];

	for (t = s; *t; t = *u ? u + 1 : u) {
		const char *dash;
		size_t n;
		u = strchr(t, ';');
		if (!u)
			u = t + strlen(t);
		n = (size_t)(u - t);
		dash = memchr(t, '-', n);
		while (dash && memchr(dash + 1, '-', (size_t)(u - dash - 1)))
			dash = memchr(dash + 1, '-', (size_t)(u - dash - 1));
		if (n == 0) {
			kim_record_problem(d, r, f, "empty id in '%s' (ids are "
			    "separated by single ';')", s);
			continue;
		}
		int ok = dash && (size_t)(dash - t) < sizeof code;
		if (ok) {
			snprintf(code, sizeof code, "%.*s", (int)(dash - t), t);
			char *id = kim_strndup(t, n);
			ok = kim_code_level(code) != KIM_LV_INVALID &&
			    kim_id_seq(id, code) > 0;
			free(id);
		}
		if (!ok)
			kim_record_problem(d, r, f, "'%.*s' is not an id "
			    "(expected REGION-N, e.g. 51.02.01.2001-1; ids are "
			    "separated by ';')", (int)(n > 60 ? 60 : n), t);
		else if (strlen(r->f[KIM_F_ID]) == n &&
		    memcmp(r->f[KIM_F_ID], t, n) == 0)
			kim_record_problem(d, r, f, "%.*s is the KIM's own id "
			    "(former_ids holds the ids it had before)", (int)n, t);
		else
			for (const char *p = s; p < t; ) {
				const char *q = strchr(p, ';');
				if ((size_t)(q - p) == n && memcmp(p, t, n) == 0) {
					kim_record_problem(d, r, f, "%.*s is "
					    "given twice", (int)n, t);
					break;
				}
				p = q + 1;
			}
	}
}

/*
 * a region code that wilayah.csv has (a list of one provinsi cannot tell
 * of another's: a record of it in that provinsi's file is misplaced)
 */
static void
check_region(const struct kim_record *r, int f, const struct kim_ctx *ctx,
    struct kim_diag *d)
{
	const char *region = r->f[f];
	char b[80];

	if (kim_code_level(region) == KIM_LV_INVALID)
		kim_record_problem(d, r, f, "'%s' is not a region code "
		    "(expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)",
		    shown(region, b, sizeof b));
	else if (kim_wilayah_knows(&ctx->w, region) &&
	    !kim_wilayah_find(&ctx->w, region))
		kim_record_problem(d, r, f, "%s is not in %s", region,
		    ctx->w.path);
}

/* the id is REGION-N of its region */
static void
check_id(const struct kim_record *r, struct kim_diag *d)
{
	const char *id = r->f[KIM_F_ID], *dash = strrchr(id, '-');
	const char *region = r->f[KIM_F_REGION];
	char code[16], b[80];

	if (dash && (size_t)(dash - id) < sizeof code) {
		snprintf(code, sizeof code, "%.*s", (int)(dash - id), id);
		if (kim_code_level(code) == KIM_LV_INVALID ||
		    kim_id_seq(id, code) == 0)
			dash = NULL;
	} else
		dash = NULL;
	if (dash)
		kim_record_problem(d, r, KIM_F_ID, "%s does not belong "
		    "to region %s (an id is REGION-N)", id, region);
	else
		kim_record_problem(d, r, KIM_F_ID, "'%s' is not an id "
		    "(expected REGION-N, e.g. %s-1)", shown(id, b, sizeof b),
		    region);
}

/* the value of a column of type t, not empty */
static void
check_value(const struct kim_record *r, int f, enum kim_ftype t,
    struct kim_diag *d)
{
	const char *v = r->f[f];
	char b[80];

	switch (t) {
	case KIM_FT_NUMBER:
		if (kim_parse_count(v, 999999999L) < 0)
			kim_record_problem(d, r, f, "'%s' is not a whole number "
			    ">= 0", shown(v, b, sizeof b));
		break;
	case KIM_FT_TAGS:
		check_tags(r, f, d);
		break;
	case KIM_FT_STATUS:
		if (kim_status_index(v) < 0)
			kim_record_problem(d, r, f, "'%s' is not one of aktif, "
			    "nonaktif, bubar", shown(v, b, sizeof b));
		break;
	case KIM_FT_IDS:
		check_ids(r, f, d);
		break;
	case KIM_FT_URL:
		if (strpbrk(v, " \t"))
			kim_record_problem(d, r, f, "'%s' contains a blank "
			    "(expected an address such as https://maju.kim.id)",
			    shown(v, b, sizeof b));
		break;
	default:
		break;
	}
}

/*
 * The fields of each kind of check, in the order checked, made once from
 * the field table: every record read comes through kim_record_check, and
 * a loop over the whole table for each check would cost more than the
 * checks themselves.
 */
static struct {
	int required[KIM_NFIELDS], assigned[KIM_NFIELDS];
	int region[KIM_NFIELDS], date[KIM_NFIELDS], later[KIM_NFIELDS];
	int nrequired, nassigned, nregion, ndate, nlater;
} plan;
static pthread_once_t plan_once = PTHREAD_ONCE_INIT;

static void
make_plan(void)
{
	/* the values of these kinds after the regions and dates */
	static const enum kim_ftype later[] = { KIM_FT_NUMBER, KIM_FT_TAGS,
	    KIM_FT_STATUS, KIM_FT_URL, KIM_FT_IDS };

	for (int i = 0; i < KIM_NFIELDS; i++) {
		const struct kim_column *c = &kim_columns[i];
		if (c->given == KIM_GIVEN_REQUIRED)
			plan.required[plan.nrequired++] = i;
		if (c->given == KIM_GIVEN_ASSIGNED ||
		    c->given == KIM_GIVEN_DEFAULT)
			plan.assigned[plan.nassigned++] = i;
		if (c->type == KIM_FT_REGION)
			plan.region[plan.nregion++] = i;
		if (c->type == KIM_FT_DATE)
			plan.date[plan.ndate++] = i;
	}
	for (size_t k = 0; k < sizeof later / sizeof *later; k++)
		for (int i = 0; i < KIM_NFIELDS; i++)
			if (kim_columns[i].type == later[k])
				plan.later[plan.nlater++] = i;
}

/*
 * Each column's check comes from its type; the problems come column by
 * column within a type, in this order of types.
 */
long
kim_record_check(const struct kim_record *r, const struct kim_ctx *ctx,
    int flags, struct kim_diag *d)
{
	long before = d->count;
	struct kim_date date[KIM_NFIELDS];
	int have[KIM_NFIELDS] = { 0 };
	const char *in;
	size_t len;

	/*
	 * a merge conflict: the one thing to say until a person resolves it
	 * (its first byte tested here: a call a field costs more than the test)
	 */
	for (int i = 0; i < KIM_NFIELDS && !(flags & KIM_CHECK_DATES); i++)
		if (r->f[i][0] == KIM_CONFLICT_OPEN[0] &&
		    (in = kim_conflict_inner(r->f[i], &len)))
			kim_diagf(d, r->file, r->line, r->col[i] > 0 ? r->col[i] :
			    0, "id %s: %s: %.*s: a merge conflict (keep one "
			    "value)", r->f[KIM_F_ID], kim_field_names[i],
			    (int)len, in);
	if (d->count > before)
		return d->count - before;

	pthread_once(&plan_once, make_plan);
	for (int k = 0; k < plan.nrequired && !(flags & KIM_CHECK_DATES); k++)
		if (!*r->f[plan.required[k]])
			kim_record_problem(d, r, plan.required[k],
			    "missing (the field is required)");
	for (int k = 0; k < plan.nassigned && (flags & KIM_CHECK_ASSIGNED); k++)
		if (!*r->f[plan.assigned[k]])
			kim_record_problem(d, r, plan.assigned[k],
			    "missing (the register assigns it)");
	if (!(flags & KIM_CHECK_DATES)) {
		kim_record_check_text(r, d);
		for (int k = 0; k < plan.nregion; k++)
			if (*r->f[plan.region[k]])
				check_region(r, plan.region[k], ctx, d);
		if (*r->f[KIM_F_ID] && *r->f[KIM_F_REGION] && r->seq == 0)
			check_id(r, d);
	}
	for (int k = 0; k < plan.ndate; k++) {
		int i = plan.date[k];
		if (*r->f[i])
			have[i] = check_date(r, i, ctx, flags, d, &date[i]) == 0;
	}
	if (have[KIM_F_FORMED] && have[KIM_F_REGISTERED] &&
	    kim_date_cmp(&date[KIM_F_FORMED], &date[KIM_F_REGISTERED]) > 0)
		kim_record_problem(d, r, KIM_F_FORMED,
		    "%s is after the day it was registered, %s",
		    r->f[KIM_F_FORMED], r->f[KIM_F_REGISTERED]);
	if (have[KIM_F_REGISTERED] && have[KIM_F_UPDATED] &&
	    kim_date_cmp(&date[KIM_F_REGISTERED], &date[KIM_F_UPDATED]) > 0)
		kim_record_problem(d, r, KIM_F_UPDATED,
		    "%s is before the day it was registered, %s",
		    r->f[KIM_F_UPDATED], r->f[KIM_F_REGISTERED]);
	for (int k = 0; k < plan.nlater && !(flags & KIM_CHECK_DATES); k++)
		if (*r->f[plan.later[k]])
			check_value(r, plan.later[k],
			    kim_columns[plan.later[k]].type, d);
	return d->count - before;
}

int
kim_record_misplaced(const struct kim_record *r, const char *rel,
    struct kim_diag *d)
{
	char want[64];

	if (!*r->f[KIM_F_REGION])
		return 0;
	kim_record_file(r->f[KIM_F_REGION], want, sizeof want);
	if (strcmp(want, rel) == 0)
		return 0;
	kim_record_problem(d, r, KIM_F_REGION, "a KIM of %s belongs in %s, not "
	    "%s", r->f[KIM_F_REGION], want, rel);
	return 1;
}

void
kim_record_write(FILE *fp, const struct kim_record *r, int kept)
{
	kim_csv_put_row(fp, (const char *const *)r->f,
	    kept ? KIM_NFIELDS : KIM_NBASE);
}

void
kim_record_add(struct kim_buf *b, const struct kim_record *r, int kept)
{
	kim_csv_add_row(b, (const char *const *)r->f,
	    kept ? KIM_NFIELDS : KIM_NBASE);
}


const char *
kim_record_value(const struct kim_record *r, int col,
    const struct kim_ctx *ctx, char *buf)
{
	const struct kim_column *k = &kim_columns[col];

	return k->value ? k->value(r, k->depth, ctx, buf) : r->f[col];
}
