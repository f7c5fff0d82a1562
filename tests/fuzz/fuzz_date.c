/*
 * Harness: the date parser (kim_date_parse) and the arithmetic on what it
 * accepts.  A date it accepts is formatted back to the same text, survives
 * the trip through days since 1970, and ages and month sums agree with
 * the calendar.  The input is one date, or two separated by a NUL.
 */
#include "fuzz.h"

static void
one(const struct kim_date *a, const char *text)
{
	char buf[11];
	struct kim_date b, c;

	FUZZ_ASSERT(strcmp(kim_date_fmt(a, buf), text) == 0);
	b = kim_date_from_days(kim_date_days(a));
	FUZZ_ASSERT(kim_date_cmp(a, &b) == 0);
	FUZZ_ASSERT(a->d <= kim_date_mdays(a->y, a->m));
	/* back one month only where there is one: year 1 is the first */
	for (int n = a->y > 1 || a->m > 1 ? -1 : 0; n <= 13; n++) {
		c = kim_date_add_months(a, n);
		FUZZ_ASSERT(c.m >= 1 && c.m <= 12 && c.d >= 1 &&
		    c.d <= kim_date_mdays(c.y, c.m));
	}
}

static void
two(const struct kim_date *a, const struct kim_date *b)
{
	int cmp = kim_date_cmp(a, b);
	long da = kim_date_days(a), db = kim_date_days(b);

	FUZZ_ASSERT((cmp < 0) == (da < db) && (cmp == 0) == (da == db));
	if (cmp > 0)
		return;
	int y = kim_date_years(a, b), m = kim_date_months(a, b);
	FUZZ_ASSERT(m >= 0 && y == m / 12);
	/* a + m months is on or before b, a + m + 1 months after it */
	struct kim_date p = kim_date_add_months(a, m);
	struct kim_date q = kim_date_add_months(a, m + 1);
	FUZZ_ASSERT(kim_date_cmp(&p, b) <= 0 && kim_date_cmp(&q, b) > 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	size_t n1 = strlen(s);
	struct kim_date a, b;
	int oka = kim_date_parse(s, &a) == 0;

	if (oka)
		one(&a, s);
	if (n1 < size) {
		const char *t = s + n1 + 1;
		if (kim_date_parse(t, &b) == 0) {
			one(&b, t);
			if (oka) {
				two(&a, &b);
				two(&b, &a);
			}
		}
	}
	free(s);
	return 0;
}
