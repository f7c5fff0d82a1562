/* kim_targets: targets.csv, the coverage each region should reach */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim_csv.h"
#include "kim_date.h"
#include "kim_file.h"
#include "kim_folder.h"
#include "kim_input.h"
#include "kim_targets.h"
#include "kim_util.h"

int
kim_percent_parse(const char *s)
{
	long v = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((v = v * 10 + (*p - '0')) > 100)
			return -1;
	v *= 10;
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9' || p[2] != '\0')
			return -1;
		v += p[1] - '0';
	} else if (*p != '\0')
		return -1;
	return v > 1000 ? -1 : (int)v;
}

char *
kim_tenths_fmt(long tenths, char *buf, size_t size)
{
	unsigned long a = tenths < 0 ? 0UL - (unsigned long)tenths :
	    (unsigned long)tenths;

	snprintf(buf, size, "%s%lu.%lu", tenths < 0 ? "-" : "", a / 10, a % 10);
	return buf;
}

struct loading {
	struct kim_targets *t;
	const struct kim_wilayah *w;
	struct kim_diag *d;
	const char *name;
	int col[3];		/* region, target, due */
	int order[3];		/* the fields (0-2) in the order of the file */
	int header;
	long problems;
};

static void
problem(struct loading *l, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(struct loading *l, long line, long col, const char *fmt, ...)
{
	va_list ap;

	l->problems++;
	va_start(ap, fmt);
	kim_vdiagf(l->d, l->name, line, col, fmt, ap);
	va_end(ap);
}

static int
on_header(struct loading *l, const struct kim_csv_row *row)
{
	static const char *names[] = { "region", "target", "due" };
	int nseen = 0;

	l->header = 1;
	for (int k = 0; k < 3; k++)
		l->col[k] = -1;
	for (size_t i = 0; i < row->n; i++) {
		int k;
		for (k = 0; k < 3 && strcmp(row->f[i], names[k]) != 0; k++)
			;
		if (k == 3 || l->col[k] >= 0) {
			problem(l, row->line, (long)i + 1, "%s column '%s' "
			    "(the columns are region, target, due)",
			    k == 3 ? "unknown" : "repeated", row->f[i]);
			return 1;
		}
		l->col[k] = (int)i;
		l->order[nseen++] = k;
	}
	for (int k = 0; k < 3; k++)
		if (l->col[k] < 0) {
			problem(l, row->line, 0, "the header has no column "
			    "'%s'", names[k]);
			return 1;
		}
	return 0;
}

/* Check field k (0 region, 1 target, 2 due) of a row; 0 when good. */
static int
check_field(struct loading *l, const struct kim_csv_row *row, int k,
    struct kim_target *out)
{
	const char *v = row->f[l->col[k]];
	const struct kim_region *reg;
	struct kim_date due;
	long col = l->col[k] + 1;

	switch (k) {
	case 0:
		if (kim_code_level(v) == KIM_LV_INVALID ||
		    !(reg = kim_wilayah_find(l->w, v))) {
			problem(l, row->line, col, "region: '%s' is not a "
			    "region of wilayah.csv", v);
			return -1;
		}
		out->region = reg - l->w->r;
		if (l->t->of[out->region] >= 0) {
			problem(l, row->line, col, "a target for %s is also "
			    "on line %ld", v, l->t->t[l->t->of[out->region]].line);
			return -1;
		}
		return 0;
	case 1:
		if ((out->tenths = kim_percent_parse(v)) < 0) {
			problem(l, row->line, col, "target: '%s' is not a "
			    "percent from 0 to 100 (a whole number or one "
			    "decimal, e.g. 100 or 92.5)", v);
			return -1;
		}
		return 0;
	default:
		if (kim_date_parse(v, &due) != 0) {
			problem(l, row->line, col, "due: '%s' is not a real "
			    "date (expected YYYY-MM-DD)", v);
			return -1;
		}
		kim_date_fmt(&due, out->due);
		return 0;
	}
}

static int
on_row(void *arg, const struct kim_csv_row *row)
{
	struct loading *l = arg;
	struct kim_targets *t = l->t;
	struct kim_target tg;
	int bad = 0;

	if (row->index == 0)
		return on_header(l, row);
	memset(&tg, 0, sizeof tg);
	tg.line = row->line;
	/* the fields in the order of the columns, for the messages */
	for (int c = 0; c < 3; c++)
		bad |= check_field(l, row, l->order[c], &tg);
	if (bad)
		return 0;
	t->t = kim_reallocarray(t->t, t->n + 1, sizeof *t->t);
	t->t[t->n] = tg;
	t->of[tg.region] = (long)t->n++;
	return 0;
}

static void
init(struct kim_targets *t, const struct kim_wilayah *w)
{
	memset(t, 0, sizeof *t);
	t->nregions = w->n;
	t->of = kim_table(w->n ? w->n : 1, sizeof *t->of);
	for (size_t i = 0; i < w->n; i++)
		t->of[i] = -1;
}

long
kim_targets_read(struct kim_targets *t, int fd, const char *buf, size_t len,
    const char *name, const struct kim_wilayah *w, struct kim_diag *d)
{
	struct loading l;
	long r;

	init(t, w);
	memset(&l, 0, sizeof l);
	l.t = t;
	l.w = w;
	l.d = d;
	l.name = name;
	r = kim_csv_read(fd, buf, len, name, on_row, &l, d);
	if (r < 0)
		return -1;
	if (!l.header && r == 0)
		problem(&l, 0, 0, "empty file (expected a header "
		    "region,target,due)");
	return r + l.problems;
}

long
kim_targets_load(struct kim_targets *t, const char *dir,
    const struct kim_wilayah *w, struct kim_diag *d)
{
	char *path = kim_path(dir, KIM_TARGETS_FILE);
	int fd = kim_open_read(path, KIM_OPEN_REGULAR | KIM_OPEN_MISSING, d);
	long r = 0;

	if (fd < 0) {
		init(t, w);
		if (fd == -2)
			r = 1;
		else if (errno != ENOENT)
			r = -1;
	} else {
		r = kim_targets_read(t, fd, NULL, 0, path, w, d);
		close(fd);
	}
	free(path);
	return r;
}

const struct kim_target *
kim_targets_find(const struct kim_targets *t, const struct kim_wilayah *w,
    long i)
{
	if (!t->n || i < 0 || (size_t)i >= t->nregions)
		return NULL;
	for (; i >= 0; i = w->r[i].parent)
		if (t->of[i] >= 0)
			return &t->t[t->of[i]];
	return NULL;
}

void
kim_targets_free(struct kim_targets *t)
{
	free(t->t);
	kim_table_free(t->of);
	memset(t, 0, sizeof *t);
}
