/* kim_date: ISO 8601 calendar dates */
#ifndef KIM_DATE_H
#define KIM_DATE_H

struct kim_date {
	int y, m, d;
};

/* Parse exactly YYYY-MM-DD, a real calendar date; 0 on success, -1 if not */
int kim_date_parse(const char *s, struct kim_date *);
/* "YYYY-MM-DD" into buf (at least 11 bytes) */
char *kim_date_fmt(const struct kim_date *, char *buf);
int kim_date_cmp(const struct kim_date *, const struct kim_date *);
struct kim_date kim_date_today(void);

/* A data folder's time zone when its kim.conf names none (kim-data(5)) */
#define KIM_TZ_DEFAULT	"Asia/Jakarta"
/*
 * The data folder's time zone tz, a name of the system's zoneinfo such as
 * "Asia/Jayapura", whatever the machine's own, becomes the program's (TZ):
 * today, and the day of a commit, are taken there.  Call it before any
 * thread is started.
 */
void kim_date_zone(const char *tz);
/* The day, in days since 1970, of the moment t (seconds since 1970) */
long kim_date_day_of(long long t);
/*
 * Is tz the name of a time zone in the system's zoneinfo ($TZDIR, else
 * /usr/share/zoneinfo)?  A name that could leave it, or that glibc would
 * read as a rule (a leading ':' or a digit), is not.
 */
int kim_tz_known(const char *tz);
int kim_date_leap(int y);
int kim_date_mdays(int y, int m);
/* days since 1970-01-01, and back */
long kim_date_days(const struct kim_date *);
struct kim_date kim_date_from_days(long);
/* whole years from a to b (29 February + N years lands on 28 February) */
int kim_date_years(const struct kim_date *a, const struct kim_date *b);
/* whole months from a to b (a day past the end of a month is its last) */
int kim_date_months(const struct kim_date *a, const struct kim_date *b);
/* a + n months, the day clamped to the end of the month */
struct kim_date kim_date_add_months(const struct kim_date *, int n);

#endif
