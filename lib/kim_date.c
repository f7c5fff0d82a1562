/* kim_date: ISO 8601 calendar dates */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kim_date.h"

int
kim_date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
kim_date_mdays(int y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && kim_date_leap(y) ? 29 : md[m - 1];
}

static int
digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int
kim_date_parse(const char *s, struct kim_date *dt)
{
	struct kim_date t;

	if (digits(s, 4, &t.y) || s[4] != '-' || digits(s + 5, 2, &t.m) ||
	    s[7] != '-' || digits(s + 8, 2, &t.d) || s[10] != '\0')
		return -1;
	if (t.y < 1 || t.m < 1 || t.m > 12 || t.d < 1 ||
	    t.d > kim_date_mdays(t.y, t.m))
		return -1;
	*dt = t;
	return 0;
}

char *
kim_date_fmt(const struct kim_date *dt, char *buf)
{
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)dt->y % 10000u,
	    (unsigned)dt->m % 100u, (unsigned)dt->d % 100u);
	return buf;
}

int
kim_date_cmp(const struct kim_date *a, const struct kim_date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

struct kim_date
kim_date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	struct kim_date d = { 1970, 1, 1 };

	if (localtime_r(&t, &tm)) {
		d.y = tm.tm_year + 1900;
		d.m = tm.tm_mon + 1;
		d.d = tm.tm_mday;
	}
	return d;
}

void
kim_date_zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

long
kim_date_day_of(long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	struct kim_date d;

	if (!localtime_r(&tt, &tm))
		return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
	d.y = tm.tm_year + 1900;
	d.m = tm.tm_mon + 1;
	d.d = tm.tm_mday;
	return kim_date_days(&d);
}

int
kim_tz_known(const char *tz)
{
	const char *dir = getenv("TZDIR");
	char path[4096];
	struct stat st;

	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	if (!*tz || strlen(tz) > 128 || !isalpha((unsigned char)tz[0]) ||
	    strstr(tz, ".."))
		return 0;
	for (const char *p = tz; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("/_+-", *p))
			return 0;
	snprintf(path, sizeof path, "%s/%s", dir, tz);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Howard Hinnant's days_from_civil */
long
kim_date_days(const struct kim_date *dt)
{
	long y = dt->y - (dt->m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (dt->m + (dt->m > 2 ? -3 : 9)) + 2) / 5 + dt->d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct kim_date
kim_date_from_days(long z)
{
	struct kim_date d;
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.y = (int)(yoe + era * 400 + (d.m <= 2));
	return d;
}

struct kim_date
kim_date_add_months(const struct kim_date *a, int n)
{
	struct kim_date r;
	long m = (long)a->y * 12 + (a->m - 1) + n;

	r.y = (int)(m / 12);
	r.m = (int)(m % 12) + 1;
	r.d = a->d;
	if (r.d > kim_date_mdays(r.y, r.m))
		r.d = kim_date_mdays(r.y, r.m);
	return r;
}

int
kim_date_months(const struct kim_date *a, const struct kim_date *b)
{
	int n = (b->y - a->y) * 12 + (b->m - a->m);
	struct kim_date t;

	if (n > 0) {
		t = kim_date_add_months(a, n);
		if (kim_date_cmp(&t, b) > 0)
			n--;
	} else if (n < 0) {
		t = kim_date_add_months(a, n);
		if (kim_date_cmp(&t, b) < 0)
			n++;
	}
	return n;
}

int
kim_date_years(const struct kim_date *a, const struct kim_date *b)
{
	return kim_date_months(a, b) / 12;
}
