/* kim_period: the span of days a report is about */
#include <string.h>

#include "kim_i18n.h"
#include "kim_period.h"

/* marked for the report's text; the JSON report has them as they are */
static const char *const names[] = { N_("week"), N_("month"),
    N_("quarter"), N_("year"), N_("span"), "week-to-date", "month-to-date" };

const char *
kim_period_name(enum kim_period_kind k)
{
	return names[k];
}

static struct kim_date
plus_days(const struct kim_date *d, long n)
{
	return kim_date_from_days(kim_date_days(d) + n);
}

/* The calendar period of kind k that holds the day d. */
static struct kim_period
holding(enum kim_period_kind k, const struct kim_date *d)
{
	struct kim_period p = { k, *d, *d };
	int months = k == KIM_PERIOD_MONTH ? 1 : k == KIM_PERIOD_QUARTER ? 3 : 12;
	long days;

	if (k == KIM_PERIOD_WEEK) {
		/* 1970-01-01 was a Thursday: day 0 is weekday 3 from Monday */
		days = kim_date_days(d);
		days -= ((days + 3) % 7 + 7) % 7;
		p.from = kim_date_from_days(days);
		p.to = kim_date_from_days(days + 6);
		return p;
	}
	p.from.d = 1;
	p.from.m = (d->m - 1) / months * months + 1;
	p.to = kim_date_add_months(&p.from, months);
	p.to = plus_days(&p.to, -1);
	return p;
}

struct kim_period
kim_period_prev(const struct kim_period *p)
{
	struct kim_period q = *p;
	long len;

	if (p->kind != KIM_PERIOD_SPAN) {
		struct kim_date d = plus_days(&p->from, -1);
		return holding(p->kind == KIM_PERIOD_WTD ? KIM_PERIOD_WEEK :
		    p->kind == KIM_PERIOD_MTD ? KIM_PERIOD_MONTH : p->kind, &d);
	}
	len = kim_date_days(&p->to) - kim_date_days(&p->from) + 1;
	q.to = plus_days(&p->from, -1);
	q.from = plus_days(&p->from, -len);
	return q;
}

int
kim_period_parse(const char *spec, const struct kim_date *as_of,
    struct kim_period *p, const char **why)
{
	const char *dots = strstr(spec, "..");
	char from[16];

	for (int k = KIM_PERIOD_WEEK; k < KIM_PERIOD_SPAN; k++)
		if (strcmp(spec, names[k]) == 0) {
			/* the one holding as_of is not over yet */
			struct kim_period now = holding(k, as_of);
			*p = kim_period_prev(&now);
			return 0;
		}
	for (int k = KIM_PERIOD_WTD; k <= KIM_PERIOD_MTD; k++)
		if (strcmp(spec, names[k]) == 0) {
			*p = holding(k == KIM_PERIOD_WTD ? KIM_PERIOD_WEEK :
			    KIM_PERIOD_MONTH, as_of);
			p->kind = (enum kim_period_kind)k;
			p->to = *as_of;
			return 0;
		}
	*why = "expected week, month, quarter, year, week-to-date, "
	    "month-to-date or FROM..TO (YYYY-MM-DD..YYYY-MM-DD)";
	if (!dots || dots - spec >= (long)sizeof from)
		return -1;
	memcpy(from, spec, (size_t)(dots - spec));
	from[dots - spec] = '\0';
	p->kind = KIM_PERIOD_SPAN;
	if (kim_date_parse(from, &p->from) != 0) {
		*why = kim_date_parse(dots + 2, &p->to) == 0 ?
		    "FROM is not a real date (YYYY-MM-DD)" : *why;
		return -1;
	}
	if (kim_date_parse(dots + 2, &p->to) != 0) {
		*why = "TO is not a real date (YYYY-MM-DD)";
		return -1;
	}
	if (kim_date_cmp(&p->from, &p->to) > 0) {
		*why = "FROM is after TO";
		return -1;
	}
	if (kim_date_cmp(&p->to, as_of) > 0) {
		*why = "TO is after the as-of day";
		return -1;
	}
	return 0;
}
