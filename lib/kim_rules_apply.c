/*
 * kim_rules_apply: a loaded rule set applied to records: each criterion's
 * test, the reason a record fails it, and the rows of kim-eligible
 * --explain.  Loading is kim_rules.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim_rules.h"
#include "kim_select.h"

/* ---- applying ---- */

/* A record's value as a reason shows it: at most 60 bytes. */
static void
add_shown(struct kim_buf *b, int field, const char *s)
{
	size_t n = strlen(s);

	if (!*s) {
		kim_buf_adds(b, "empty");
		return;
	}
	if (field == KIM_F_CONTACT) {
		kim_buf_adds(b, "given");	/* personal data stays out */
		return;
	}
	if (n <= 60) {
		kim_buf_adds(b, s);
		return;
	}
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	kim_buf_add(b, s, n);
	kim_buf_adds(b, "...");
}

static void
add_list(struct kim_buf *b, const struct kim_criterion *c)
{
	for (size_t i = 0; i < c->nlist; i++)
		kim_buf_addf(b, "%s%s", i ? ", " : "", c->list[i]);
}

static void
add_num(struct kim_buf *b, double x)
{
	if (x == floor(x) && fabs(x) < 1e15)
		kim_buf_addf(b, "%.0f", x);
	else
		kim_buf_addf(b, "%g", x);
}

static void
add_count(struct kim_buf *b, long n, const char *unit)
{
	kim_buf_addf(b, "%ld %s%s", n, unit, n == 1 ? "" : "s");
}

/*
 * A number field: its value, and whether it has one.  Age and stale_months
 * count from a date, kept in from for the reason; none is below 0.
 */
static int
number(const struct kim_criterion *c, const struct kim_record *r,
    const struct kim_ctx *ctx, long *v, struct kim_date *from)
{
	char buf[KIM_VALUE_MAX];
	const char *s;

	if (c->field == KIM_F_AGE || c->field == KIM_F_STALE_MONTHS) {
		if (kim_date_parse(r->f[c->field == KIM_F_AGE ? KIM_F_FORMED :
		    KIM_F_VERIFIED], from) != 0)
			return 0;
		*v = c->field == KIM_F_AGE ? kim_date_years(from, &ctx->as_of) :
		    kim_date_months(from, &ctx->as_of);
		if (*v < 0)
			*v = 0;		/* as-of before the date: none yet */
		return 1;
	}
	s = kim_record_value(r, c->field, ctx, buf);
	*v = kim_parse_count(s, 999999999L);
	return *v >= 0;
}

/* What a number field was found to be, for a reason. */
static void
add_number(struct kim_buf *b, const struct kim_criterion *c, long v,
    int have, const struct kim_date *from, const struct kim_ctx *ctx)
{
	char d1[11], d2[11];

	if (c->field == KIM_F_AGE) {
		kim_buf_addf(b, "formed %s, ", kim_date_fmt(from, d1));
		add_count(b, v, "year");
		kim_buf_addf(b, " on %s", kim_date_fmt(&ctx->as_of, d2));
	} else if (c->field != KIM_F_STALE_MONTHS) {
		if (have)
			kim_buf_addf(b, "%ld", v);
		else
			kim_buf_adds(b, "empty");
	} else if (!have)
		kim_buf_adds(b, "never verified");
	else {
		kim_buf_addf(b, "verified %s, ", kim_date_fmt(from, d1));
		add_count(b, v, "month");
		kim_buf_addf(b, " before %s", kim_date_fmt(&ctx->as_of, d2));
	}
}

static int
test_number(const struct kim_criterion *c, const struct kim_record *r,
    const struct kim_ctx *ctx, struct kim_buf *why)
{
	struct kim_date from = { 0, 0, 0 };
	long v = 0;
	int have = number(c, r, ctx, &v, &from), ok;

	switch (c->test) {
	case KIM_TEST_MIN:
		/* never verified: as stale as can be */
		ok = have ? v >= c->num : c->field == KIM_F_STALE_MONTHS;
		break;
	case KIM_TEST_MAX:
		ok = have && v <= c->num;
		break;
	default:
		ok = have == c->present;
	}
	if (ok || !why)
		return ok;
	add_number(why, c, v, have, &from, ctx);
	if (c->test == KIM_TEST_PRESENT)
		kim_buf_adds(why, c->present ? ", needs a value" :
		    ", needs to be empty");
	else {
		kim_buf_adds(why, c->test == KIM_TEST_MIN ? ", needs at least " :
		    ", needs at most ");
		add_num(why, c->num);
	}
	return 0;
}

static int
test_date(const struct kim_criterion *c, const struct kim_record *r,
    const struct kim_ctx *ctx, struct kim_buf *why)
{
	char buf[11], value[KIM_VALUE_MAX];
	/* a stored date, or a derived one (last_activity) */
	const char *s = kim_record_value(r, c->field, ctx, value);
	struct kim_date d;
	int have = kim_date_parse(s, &d) == 0, ok;

	if (c->test == KIM_TEST_PRESENT)
		ok = (*s != '\0') == c->present;
	else if (!have)
		ok = 0;
	else if (c->test == KIM_TEST_MIN)
		ok = kim_date_cmp(&d, &c->date) >= 0;
	else
		ok = kim_date_cmp(&d, &c->date) <= 0;
	if (ok || !why)
		return ok;
	add_shown(why, c->field, s);
	if (c->test == KIM_TEST_PRESENT)
		kim_buf_adds(why, c->present ? ", needs a value" :
		    ", needs to be empty");
	else
		kim_buf_addf(why, ", needs %s or %s", kim_date_fmt(&c->date, buf),
		    c->test == KIM_TEST_MIN ? "later" : "earlier");
	return 0;
}

static int
test_list(const struct kim_criterion *c, const struct kim_record *r,
    struct kim_buf *why)
{
	const char *s = r->f[c->field];
	size_t hits = 0;
	int ok;

	if (c->test == KIM_TEST_PRESENT)
		ok = (*s != '\0') == c->present;
	else {
		for (size_t i = 0; i < c->nlist; i++)
			hits += kim_has_tag(s, c->list[i]);
		ok = c->test == KIM_TEST_ALL ? hits == c->nlist :
		    c->test == KIM_TEST_ANY ? hits > 0 : hits == 0;
	}
	if (ok || !why)
		return ok;
	add_shown(why, c->field, s);
	if (c->test == KIM_TEST_PRESENT) {
		kim_buf_adds(why, c->present ? ", needs a value" :
		    ", needs to be empty");
		return 0;
	}
	kim_buf_addf(why, ", needs %s of ", kim_test_names[c->test]);
	add_list(why, c);
	if (!*s || c->test == KIM_TEST_ANY)
		return 0;
	/* name the tags missing, or the ones there that must not be */
	kim_buf_adds(why, c->test == KIM_TEST_ALL ? " (missing " : " (has ");
	for (size_t i = 0, k = 0; i < c->nlist; i++)
		if (kim_has_tag(s, c->list[i]) == (c->test == KIM_TEST_NONE))
			kim_buf_addf(why, "%s%s", k++ ? ", " : "", c->list[i]);
	kim_buf_addc(why, ')');
	return 0;
}

static int
test_text(const struct kim_criterion *c, const struct kim_record *r,
    const struct kim_ctx *ctx, struct kim_buf *why)
{
	const char *region = r->f[KIM_F_REGION], *s;
	char buf[KIM_VALUE_MAX];
	size_t i;
	int ok = 0;

	s = kim_record_value(r, c->field, ctx, buf);
	switch (c->test) {
	case KIM_TEST_IS:
		for (i = 0; i < c->nlist && strcmp(s, c->list[i]); i++)
			;
		ok = i < c->nlist;
		break;
	case KIM_TEST_PREFIX:
		for (i = 0; i < c->nlist && !(*s &&
		    kim_code_within(s, c->list[i])); i++)
			;
		ok = i < c->nlist;
		break;
	default:
		ok = (*s != '\0') == c->present;
	}
	if (ok || !why)
		return ok;
	add_shown(why, c->field, s);
	if (c->field >= KIM_NFIELDS)	/* derived from the region */
		kim_buf_addf(why, " (region %s)", region);
	switch (c->test) {
	case KIM_TEST_IS:
		kim_buf_adds(why, ", needs one of ");
		add_list(why, c);
		break;
	case KIM_TEST_PREFIX:
		kim_buf_adds(why, c->nlist > 1 ? ", needs to be within one of " :
		    ", needs to be within ");
		add_list(why, c);
		break;
	default:
		kim_buf_adds(why, c->present ? ", needs a value" :
		    ", needs to be empty");
	}
	return 0;
}

/* A criterion's test is of its field's type (see kind() of kim_rules.c) */
static int
check_one(const struct kim_criterion *c, const struct kim_record *r,
    const struct kim_ctx *ctx, struct kim_buf *why)
{
	switch (kim_columns[c->field].type) {
	case KIM_FT_NUMBER:
		return test_number(c, r, ctx, why);
	case KIM_FT_DATE:
		return test_date(c, r, ctx, why);
	case KIM_FT_TAGS:
	case KIM_FT_IDS:
		return test_list(c, r, why);
	default:
		return test_text(c, r, ctx, why);
	}
}

int
kim_rules_apply(const struct kim_rules *rs, const struct kim_record *r,
    const struct kim_ctx *ctx, struct kim_verdict *v)
{
	if (!v) {
		for (size_t i = 0; i < rs->n; i++)
			if (!check_one(&rs->c[i], r, ctx, NULL))
				return 0;
		return 1;
	}
	v->n = 0;
	kim_buf_reset(&v->text);
	for (size_t i = 0; i < rs->n; i++) {
		size_t off = v->text.len;

		kim_buf_addf(&v->text, "%s: ", rs->c[i].name);
		if (check_one(&rs->c[i], r, ctx, &v->text)) {
			v->text.len = off;
			v->text.s[off] = '\0';
			continue;
		}
		kim_buf_addc(&v->text, '\0');
		if (v->n == v->cap) {
			v->cap = v->cap ? v->cap * 2 : 8;
			v->crit = kim_reallocarray(v->crit, v->cap,
			    sizeof *v->crit);
			v->off = kim_reallocarray(v->off, v->cap, sizeof *v->off);
		}
		v->crit[v->n] = i;
		v->off[v->n++] = off;
	}
	return v->n == 0;
}

struct kim_date
kim_rules_day(const struct kim_rules *rs, const struct kim_date *given,
    const struct kim_date *dflt, enum kim_rules_why *why)
{
	*why = given ? KIM_RULES_GIVEN : rs->has_as_of ? KIM_RULES_OWN :
	    KIM_RULES_DEFAULT;
	return given ? *given : rs->has_as_of ? rs->as_of : *dflt;
}

const char *
kim_rules_day_why(enum kim_rules_why why, const char *option,
    const char *dflt)
{
	return why == KIM_RULES_GIVEN ? option : why == KIM_RULES_OWN ?
	    _("the rule set's as-of date") : _(dflt);
}

const char *
kim_verdict_reason(const struct kim_verdict *v, size_t i)
{
	return v->text.s + v->off[i];
}

void
kim_verdict_free(struct kim_verdict *v)
{
	free(v->crit);
	free(v->off);
	kim_buf_free(&v->text);
	memset(v, 0, sizeof *v);
}

/* ---- explaining ---- */

const struct kim_col kim_explain_cols[KIM_EXPLAIN_NCOLS] = {
	{ "id", KIM_T_TEXT },
	{ "name", KIM_T_TEXT },
	{ "eligible", KIM_T_BOOL },
	{ "failed", KIM_T_JSON }
};

/* s as a JSON string: quoted, with '"', '\\' and control characters escaped */
static void
add_json_string(struct kim_buf *b, const char *s)
{
	kim_buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			kim_buf_addc(b, '\\');
			kim_buf_addc(b, c);
		} else if (c < 0x20 || c == 0x7f)
			kim_buf_addf(b, "\\u%04x", c);
		else
			kim_buf_addc(b, c);
	}
	kim_buf_addc(b, '"');
}

void
kim_explain_row(struct kim_out *o, const struct kim_rules *rs,
    const struct kim_record *r, const struct kim_verdict *v)
{
	const char *vals[KIM_EXPLAIN_NCOLS];
	struct kim_buf failed = { 0 };

	kim_buf_add(&failed, "", 0);
	if (kim_out_json(o)) {
		/* written as text: kim_out embeds it as it is */
		kim_buf_addc(&failed, '[');
		for (size_t i = 0; i < v->n; i++) {
			const struct kim_criterion *c = &rs->c[v->crit[i]];
			kim_buf_addf(&failed, "%s{\"criterion\":%zu,\"field\":\"%s\","
			    "\"test\":\"%s\",\"label\":", i ? "," : "", v->crit[i],
			    c->name, kim_test_names[c->test]);
			if (c->label)
				add_json_string(&failed, c->label);
			else
				kim_buf_adds(&failed, "null");
			kim_buf_adds(&failed, ",\"reason\":");
			add_json_string(&failed, kim_verdict_reason(v, i));
			kim_buf_addc(&failed, '}');
		}
		kim_buf_addc(&failed, ']');
	} else
		for (size_t i = 0; i < v->n; i++) {
			const struct kim_criterion *c = &rs->c[v->crit[i]];
			const char *why = kim_verdict_reason(v, i);
			if (i)
				kim_buf_adds(&failed, " | ");
			if (c->label) {
				/* the label in place of the field's name */
				kim_buf_addf(&failed, "%s: %s", c->label,
				    why + strlen(c->name) + 2);
			} else
				kim_buf_adds(&failed, why);
		}
	vals[0] = r->f[KIM_F_ID];
	vals[1] = r->f[KIM_F_NAME];
	vals[2] = v->n == 0 ? "yes" : "no";
	vals[3] = failed.s;
	kim_out_row(o, vals);
	kim_buf_free(&failed);
}
