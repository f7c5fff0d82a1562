/*
 * Harness: kim-report's period parser (kim_period_parse) and the period
 * before a period.  The input is the --period text, then optionally a NUL
 * and the as-of day (else 2025-06-30).  A period it accepts runs forward,
 * ends before the as-of day (a calendar one) or on it at the latest (a
 * span), and has its kind's shape: a week from a Monday to a Sunday, a
 * month, quarter or year from its first day to its last.  The period
 * before one ends the day before it starts, and is of the same kind (or,
 * for a span, of the same length); week-to-date and month-to-date run from
 * the first day of the week or month of the as-of day to that day, and the
 * period before them is the whole week or month before.
 */
#include "fuzz.h"
#include "kim_period.h"

static long
day(const struct kim_date *d)
{
	return kim_date_days(d);
}

static void
shape(const struct kim_period *p)
{
	struct kim_date next;
	int months;

	FUZZ_ASSERT(day(&p->from) <= day(&p->to));
	switch (p->kind) {
	case KIM_PERIOD_WEEK:
		FUZZ_ASSERT(((day(&p->from) + 3) % 7 + 7) % 7 == 0);
		FUZZ_ASSERT(day(&p->to) - day(&p->from) == 6);
		return;
	case KIM_PERIOD_SPAN:
		return;
	case KIM_PERIOD_WTD:
		FUZZ_ASSERT(((day(&p->from) + 3) % 7 + 7) % 7 == 0);
		FUZZ_ASSERT(day(&p->to) - day(&p->from) <= 6);
		return;
	case KIM_PERIOD_MTD:
		FUZZ_ASSERT(p->from.d == 1 && p->from.y == p->to.y &&
		    p->from.m == p->to.m);
		return;
	default:
		months = p->kind == KIM_PERIOD_MONTH ? 1 :
		    p->kind == KIM_PERIOD_QUARTER ? 3 : 12;
		FUZZ_ASSERT(p->from.d == 1 && (p->from.m - 1) % months == 0);
		next = kim_date_add_months(&p->from, months);
		FUZZ_ASSERT(day(&p->to) + 1 == day(&next));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	size_t n = strlen(s);
	struct kim_date as_of = { 2025, 6, 30 };
	struct kim_period p, q;
	const char *why = NULL;

	/* a year after 1 has a year before it to hold the period before */
	if (n < size && kim_date_parse(s + n + 1, &as_of) != 0)
		as_of = (struct kim_date){ 2025, 6, 30 };
	if (as_of.y < 3) {
		as_of.y += 3;
		if (as_of.m == 2 && as_of.d == 29)
			as_of.d = 28;
	}
	if (kim_period_parse(s, &as_of, &p, &why) != 0) {
		FUZZ_ASSERT(why != NULL && *why);
	} else {
		FUZZ_ASSERT(kim_period_name(p.kind) != NULL);
		shape(&p);
		if (p.kind == KIM_PERIOD_WTD || p.kind == KIM_PERIOD_MTD)
			FUZZ_ASSERT(day(&p.to) == day(&as_of));
		else if (p.kind == KIM_PERIOD_SPAN)
			FUZZ_ASSERT(day(&p.to) <= day(&as_of));
		else
			FUZZ_ASSERT(day(&p.to) < day(&as_of));
		q = kim_period_prev(&p);
		FUZZ_ASSERT(q.kind == (p.kind == KIM_PERIOD_WTD ?
		    KIM_PERIOD_WEEK : p.kind == KIM_PERIOD_MTD ?
		    KIM_PERIOD_MONTH : p.kind));
		FUZZ_ASSERT(day(&q.to) + 1 == day(&p.from));
		shape(&q);
		if (p.kind == KIM_PERIOD_SPAN)
			FUZZ_ASSERT(day(&q.to) - day(&q.from) ==
			    day(&p.to) - day(&p.from));
	}
	free(s);
	return 0;
}
