/* kim_record: the KIM record, its columns, validation and canonical form */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kim_csv.h"
#include "kim_record.h"

const char *const kim_field_names[KIM_NCOLUMNS] = {
	"id", "name", "region", "formed", "sk", "chair", "secretary",
	"treasurer", "members", "sectors", "status", "website", "contact",
	"verified", "registered", "updated", "notes",
	"desa", "kecamatan", "kabupaten", "provinsi", "age"
};

const char kim_header[] = "id,name,region,formed,sk,chair,secretary,"
    "treasurer,members,sectors,status,website,contact,verified,registered,"
    "updated,notes";

const char *
kim_column_list(int n)
{
	static char list[2][512];
	char *s = list[n == KIM_NCOLUMNS];

	if (!*s)
		for (int i = 0; i < n; i++)
			snprintf(s + strlen(s), sizeof list[0] - strlen(s), "%s%s",
			    i ? ", " : "", kim_field_names[i]);
	return s;
}

int
kim_field_lookupn(const char *name, size_t len)
{
	for (int i = 0; i < KIM_NCOLUMNS; i++)
		if (strlen(kim_field_names[i]) == len &&
		    memcmp(kim_field_names[i], name, len) == 0)
			return i;
	return -1;
}

int
kim_field_lookup(const char *name)
{
	return kim_field_lookupn(name, strlen(name));
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
}

void
kim_recbuf_free(struct kim_recbuf *rb)
{
	kim_buf_free(&rb->b);
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
	int c = strcmp(a->f[KIM_F_REGION], b->f[KIM_F_REGION]);

	if (c)
		return c;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return strcmp(a->f[KIM_F_ID], b->f[KIM_F_ID]);
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
		r->f[KIM_F_STATUS] = "aktif";
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

	while ((c = folded(&name, &started)))
		kim_buf_addc(out, c);
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
kim_record_problem(struct kim_diag *d, const struct kim_record *r, int f,
    const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	kim_diagf(d, r->file, r->line, f >= 0 ? r->col[f] : 0, "%s: %s",
	    f >= 0 ? kim_field_names[f] : "record", msg);
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

static int
has_control(const char *s, int lines)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && !(lines && (c == '\n' || c == '\t'))) || c == 0x7f)
			return 1;
	}
	return 0;
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
check_sectors(const struct kim_record *r, struct kim_diag *d)
{
	const char *s = r->f[KIM_F_SECTORS], *t, *u;
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
				kim_record_problem(d, r, KIM_F_SECTORS,
				    "empty tag in '%s' (tags are separated by "
				    "single ';')", s);
			else if (memchr(t, ',', n))
				kim_record_problem(d, r, KIM_F_SECTORS,
				    "'%.*s' is not a tag: tags are separated by "
				    "';', not ',' (e.g. umkm;pariwisata)", (int)n, t);
			else
				kim_record_problem(d, r, KIM_F_SECTORS,
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
			kim_record_problem(d, r, KIM_F_SECTORS,
			    "tag '%.*s' is given twice", (int)tags[i].n,
			    tags[i].s);
		}
	}
	if (tags != few)
		free(tags);
	return bad;
}

long
kim_record_check(const struct kim_record *r, const struct kim_ctx *ctx,
    int flags, struct kim_diag *d)
{
	long before = d->count;
	const char *region = r->f[KIM_F_REGION];
	struct kim_date formed = { 0, 0, 0 }, reg = formed, upd = formed, ver;
	int have_formed = 0, have_reg = 0, have_upd = 0;
	char b[80];

	static const int required[] = { KIM_F_NAME, KIM_F_REGION, KIM_F_FORMED };
	static const int assigned[] = { KIM_F_ID, KIM_F_STATUS,
	    KIM_F_REGISTERED, KIM_F_UPDATED };
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		if (!*r->f[required[i]])
			kim_record_problem(d, r, required[i],
			    "missing (the field is required)");
	if (flags & KIM_CHECK_ASSIGNED)
		for (size_t i = 0; i < sizeof assigned / sizeof *assigned; i++)
			if (!*r->f[assigned[i]])
				kim_record_problem(d, r, assigned[i],
				    "missing (the register assigns it)");

	for (int f = 0; f < KIM_NFIELDS && !r->clean; f++)
		if (has_control(r->f[f], f == KIM_F_NOTES))
			kim_record_problem(d, r, f, "contains a control "
			    "character (a line break is allowed only in notes)");

	if (*region) {
		if (kim_code_level(region) == KIM_LV_INVALID)
			kim_record_problem(d, r, KIM_F_REGION,
			    "'%s' is not a region code (expected PP, PP.KK, "
			    "PP.KK.CC or PP.KK.CC.VVVV)", shown(region, b, sizeof b));
		else if (!kim_wilayah_find(&ctx->w, region))
			kim_record_problem(d, r, KIM_F_REGION,
			    "%s is not in %s", region, ctx->w.path);
	}
	if (*r->f[KIM_F_ID] && *region && r->seq == 0) {
		const char *id = r->f[KIM_F_ID], *dash = strrchr(id, '-');
		char code[16];

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
			    "(expected REGION-N, e.g. %s-1)",
			    shown(id, b, sizeof b), region);
	}
	if (*r->f[KIM_F_FORMED])
		have_formed = check_date(r, KIM_F_FORMED, ctx, flags, d, &formed) == 0;
	if (*r->f[KIM_F_VERIFIED])
		check_date(r, KIM_F_VERIFIED, ctx, flags, d, &ver);
	if (*r->f[KIM_F_REGISTERED])
		have_reg = check_date(r, KIM_F_REGISTERED, ctx, flags, d, &reg) == 0;
	if (*r->f[KIM_F_UPDATED])
		have_upd = check_date(r, KIM_F_UPDATED, ctx, flags, d, &upd) == 0;
	if (have_formed && have_reg && kim_date_cmp(&formed, &reg) > 0)
		kim_record_problem(d, r, KIM_F_FORMED,
		    "%s is after the day it was registered, %s",
		    r->f[KIM_F_FORMED], r->f[KIM_F_REGISTERED]);
	if (have_reg && have_upd && kim_date_cmp(&reg, &upd) > 0)
		kim_record_problem(d, r, KIM_F_UPDATED,
		    "%s is before the day it was registered, %s",
		    r->f[KIM_F_UPDATED], r->f[KIM_F_REGISTERED]);

	if (*r->f[KIM_F_MEMBERS] &&
	    kim_parse_count(r->f[KIM_F_MEMBERS], 999999999L) < 0)
		kim_record_problem(d, r, KIM_F_MEMBERS,
		    "'%s' is not a whole number >= 0",
		    shown(r->f[KIM_F_MEMBERS], b, sizeof b));
	if (*r->f[KIM_F_SECTORS])
		check_sectors(r, d);
	const char *st = r->f[KIM_F_STATUS];
	if (*st && strcmp(st, "aktif") && strcmp(st, "nonaktif") &&
	    strcmp(st, "bubar"))
		kim_record_problem(d, r, KIM_F_STATUS,
		    "'%s' is not one of aktif, nonaktif, bubar",
		    shown(st, b, sizeof b));
	if (strpbrk(r->f[KIM_F_WEBSITE], " \t"))
		kim_record_problem(d, r, KIM_F_WEBSITE,
		    "'%s' contains a blank (expected an address such as "
		    "https://maju.kim.id)", shown(r->f[KIM_F_WEBSITE], b, sizeof b));
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
kim_record_write(FILE *fp, const struct kim_record *r)
{
	for (int i = 0; i < KIM_NFIELDS; i++) {
		if (i)
			fputc_unlocked(',', fp);
		kim_csv_put(fp, r->f[i], ',');
	}
	fputc_unlocked('\n', fp);
}

void
kim_record_file(const char *region, char *buf, size_t size)
{
	size_t n = kim_code_prefix_len(region, 2);

	if (n == 0)
		n = kim_code_prefix_len(region, 1);
	snprintf(buf, size, "kim/%.*s.csv", (int)n, region);
}

const char *
kim_record_value(const struct kim_record *r, int col,
    const struct kim_ctx *ctx, char *buf)
{
	const struct kim_region *reg;
	struct kim_date f;

	if (col < KIM_NFIELDS)
		return r->f[col];
	if (col == KIM_F_AGE) {
		buf[0] = '\0';
		if (kim_date_parse(r->f[KIM_F_FORMED], &f) == 0)
			snprintf(buf, KIM_VALUE_MAX, "%d",
			    kim_date_years(&f, &ctx->as_of));
		return buf;
	}
	reg = kim_wilayah_find(&ctx->w, r->f[KIM_F_REGION]);
	reg = kim_wilayah_up(&ctx->w, reg, 4 - (col - KIM_F_DESA));
	return reg ? reg->name : "";
}
