/* kim_period: the span of days a report is about */
#ifndef KIM_PERIOD_H
#define KIM_PERIOD_H

#include "kim_date.h"

enum kim_period_kind {
	KIM_PERIOD_WEEK, KIM_PERIOD_MONTH, KIM_PERIOD_QUARTER, KIM_PERIOD_YEAR,
	KIM_PERIOD_SPAN,	/* FROM..TO as given */
	KIM_PERIOD_WTD,		/* week-to-date: Monday to the as-of day */
	KIM_PERIOD_MTD		/* month-to-date: the 1st to the as-of day */
};

/* The days from and to, both included. */
struct kim_period {
	enum kim_period_kind kind;
	struct kim_date from, to;
};

/*
 * The period spec names on the day as_of: week, month, quarter or year is
 * the last full one that ended before as_of (a week runs Monday to
 * Sunday); week-to-date and month-to-date are the days of the week or
 * month that holds as_of, up to as_of itself; FROM..TO is those days, FROM
 * not after TO, TO not after as_of.
 * Returns 0, or -1 with *why saying what is wrong.
 */
int kim_period_parse(const char *spec, const struct kim_date *as_of,
    struct kim_period *, const char **why);
/* The period of the same kind (or length) just before p; before a week
 * or month to date, the full week or month. */
struct kim_period kim_period_prev(const struct kim_period *p);
/* The name of its kind: week, month, quarter, year, span, week-to-date or
 * month-to-date */
const char *kim_period_name(enum kim_period_kind);

#endif
