/* kim_actread: the activity log's files summed up or checked */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim_activity.h"
#include "kim_actread.h"
#include "kim_csv.h"
#include "kim_file.h"
#include "kim_folder.h"
#include "kim_record.h"

static int
counted(void *arg, const struct kim_activity *a)
{
	struct kim_date day;

	if (kim_date_parse(a->f[KIM_A_DATE], &day) == 0)
		kim_actsum_count(arg, a->f[KIM_A_KIM], &day);
	return 0;
}

/* The files read one after another, into s, their problems told to d */
static long
sum_files(struct kim_actsum *s, char **files, size_t nf, size_t from,
    size_t step, struct kim_diag *d)
{
	long r = 0;

	for (size_t i = from; i < nf && r >= 0; i += step) {
		long k = kim_activity_read(files[i], KIM_ACT_LOG, NULL, counted,
		    s, d);
		r = k < 0 ? -1 : r + k;
	}
	return r;
}

static void
quiet(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	(void)d; (void)file; (void)line; (void)col; (void)msg;
}

/* A reading thread: every step-th file from its own, into its own table */
struct part {
	pthread_t t;
	struct kim_actsum sum;
	char **files;
	size_t nf, from, step;
	long r;
};

static void *
run_part(void *arg)
{
	struct part *p = arg;
	struct kim_diag d = { .report = quiet };

	p->r = sum_files(&p->sum, p->files, p->nf, p->from, p->step, &d);
	return NULL;
}

long
kim_actread_sum(struct kim_actsum *s, const char *dir,
    const char *const *regions, size_t n, struct kim_diag *d)
{
	size_t nf, kims = 0;
	char **files = kim_activity_files(dir, &nf);
	long r = 0;
	struct part parts[KIM_THREADS_MAX];

	nf = kim_files_holding(files, nf, regions, n);	/* the regions asked */
	size_t nt = kim_threads(nf);
	/*
	 * Each thread sums its files into a table of its own, told of no
	 * problem; the tables are added up.  A file with a problem is read
	 * again on this thread, in order, to say every problem where it is.
	 */
	for (size_t t = 0; nt > 1 && t < nt; t++) {
		parts[t] = (struct part){ .files = files, .nf = nf, .from = t,
		    .step = nt };
		kim_actsum_part(&parts[t].sum, s);
		if (pthread_create(&parts[t].t, NULL, run_part, &parts[t]) != 0)
			kim_die(KIM_EXIT_IO, "cannot start a thread:");
	}
	for (size_t t = 0; nt > 1 && t < nt; t++) {
		pthread_join(parts[t].t, NULL);
		r = r < 0 || parts[t].r < 0 ? -1 : r + parts[t].r;
		kims += parts[t].sum.n;	/* at most: the tables may share KIM */
	}
	if (nt > 1)	/* grown once, not at each doubling */
		kim_actsum_reserve(s, s->n + kims);
	for (size_t t = 0; nt > 1 && t < nt; t++) {
		kim_actsum_add(s, &parts[t].sum);
		kim_actsum_free(&parts[t].sum);
	}
	if (nt > 1 && r != 0) {
		/* counted again below: the threads' counts dropped */
		struct kim_actsum again;
		kim_actsum_part(&again, s);
		kim_actsum_free(s);
		*s = again;
	}
	if (nt <= 1 || r != 0)
		r = sum_files(s, files, nf, 0, 1, d);	/* said in order */
	kim_free_list(files, nf);
	return r;
}

/* Checking a file of the log */

struct filecheck {
	struct kim_actsum *sum;
	const char *rel;
	struct kim_diag *d;
	long problems;
	/* the rows of the current KIM and day, to find one twice */
	struct kim_activity *day;
	size_t nday, capday;
	struct kim_pool pool;
	struct kim_activity prev;	/* in pool too */
	int have_prev, unsorted;
	/* the file as the tools write it, compared as it is read */
	FILE *cf;
	char *canon;
	size_t canonlen;
	FILE *in;			/* the file, read again, buffered */
	long differs;			/* the first line that differs, or 0 */
	long lines;			/* lines compared */
};

static struct kim_activity
copy(struct kim_pool *p, const struct kim_activity *a)
{
	struct kim_activity c = *a;

	for (int f = 0; f < KIM_A_NFIELDS; f++) {
		size_t n = strlen(a->f[f]) + 1;
		char *s = kim_pool_alloc(p, n);
		memcpy(s, a->f[f], n);
		c.f[f] = s;
	}
	return c;
}

/* The canonical bytes written so far against the file's next ones */
static void
compare(struct filecheck *fc)
{
	char buf[8192];
	size_t len;

	fflush(fc->cf);
	len = (size_t)ftello(fc->cf);
	for (size_t at = 0; at < len && !fc->differs; ) {
		size_t want = len - at < sizeof buf ? len - at : sizeof buf;
		size_t got = fread(buf, 1, want, fc->in);
		if (got != want || memcmp(buf, fc->canon + at, want) != 0) {
			fc->differs = fc->lines + 1;
			for (size_t i = 0; i < got && buf[i] == fc->canon[at + i];
			    i++)
				fc->differs += buf[i] == '\n';
		}
		at += want;
	}
	for (size_t i = 0; i < len; i++)
		fc->lines += fc->canon[i] == '\n';
	rewind(fc->cf);
}

static int
on_activity(void *arg, const struct kim_activity *a)
{
	struct filecheck *fc = arg;
	struct kim_actsum_kim *k = kim_actsum_find(fc->sum, a->f[KIM_A_KIM], 0);
	char region[32], rel[64];
	struct kim_date day;

	if (!k || k->formed == KIM_ACTSUM_NONE) {
		fc->problems++;
		kim_activity_problem(fc->d, a, KIM_A_KIM, "no KIM has the id "
		    "%s in the register", a->f[KIM_A_KIM]);
	} else if (kim_date_parse(a->f[KIM_A_DATE], &day) == 0 &&
	    kim_date_days(&day) < k->formed) {
		struct kim_date formed = kim_date_from_days(k->formed);
		char f[11];
		fc->problems++;
		kim_activity_problem(fc->d, a, KIM_A_DATE, "%s is before the "
		    "KIM was formed, %s", a->f[KIM_A_DATE],
		    kim_date_fmt(&formed, f));
	}
	if (kim_activity_region(a->f[KIM_A_KIM], region, sizeof region) == 0) {
		kim_activity_file(region, rel, sizeof rel);
		if (strcmp(rel, fc->rel) != 0) {
			fc->problems++;
			kim_activity_problem(fc->d, a, KIM_A_KIM, "%s belongs in "
			    "%s, the file of its kabupaten/kota", a->f[KIM_A_KIM],
			    rel);
		}
	}
	if (fc->have_prev && kim_activity_cmp(&fc->prev, a) > 0) {
		fc->problems++;
		fc->unsorted = 1;
		kim_activity_problem(fc->d, a, KIM_A_KIM, "comes after the "
		    "activity of %s on %s: activities are sorted by kim, then "
		    "by date", fc->prev.f[KIM_A_KIM], fc->prev.f[KIM_A_DATE]);
	}
	if (fc->nday > 0 && (strcmp(fc->day[0].f[KIM_A_KIM],
	    a->f[KIM_A_KIM]) != 0 || strcmp(fc->day[0].f[KIM_A_DATE],
	    a->f[KIM_A_DATE]) != 0)) {
		fc->nday = 0;
		kim_pool_reset(&fc->pool);
	}
	for (size_t i = 0; i < fc->nday; i++)
		if (kim_activity_same(&fc->day[i], a)) {
			fc->problems++;
			kim_diagf(fc->d, a->file, a->line, a->col[KIM_A_URL],
			    "the activity of %s on %s is also on line %ld",
			    a->f[KIM_A_KIM], a->f[KIM_A_DATE], fc->day[i].line);
			break;
		}
	if (fc->nday == fc->capday) {
		fc->capday = fc->capday ? fc->capday * 2 : 16;
		fc->day = kim_reallocarray(fc->day, fc->capday, sizeof *fc->day);
	}
	fc->day[fc->nday++] = copy(&fc->pool, a);
	fc->prev = fc->day[fc->nday - 1];
	fc->have_prev = 1;
	kim_activity_write(fc->cf, a);
	compare(fc);
	return 0;
}

long
kim_actread_check(struct kim_actsum *sum, const char *path,
    const char *rel, const struct kim_date *as_of, struct kim_diag *d)
{
	struct filecheck fc = { .sum = sum, .rel = rel, .d = d };
	const char *base = strrchr(rel, '/');
	char code[64];
	long r;

	snprintf(code, sizeof code, "%.*s", (int)(strlen(base + 1) - 4),
	    base + 1);
	int depth = kim_level_depth(kim_code_level(code));
	if (depth < 1 || depth > 2) {
		kim_diagf(d, path, 0, 0, "the activity files are named by a "
		    "kabupaten/kota or provinsi code (e.g. activity/51.02.csv)");
		return 1;
	}
	int fd = kim_open_read(path, KIM_OPEN_REGULAR, NULL);
	if (fd >= 0 && !(fc.in = fdopen(fd, "r")))
		close(fd);
	if (!(fc.cf = open_memstream(&fc.canon, &fc.canonlen)))
		kim_die(KIM_EXIT_IO, "out of memory");
	fputs(KIM_ACTIVITY_HEADER "\n", fc.cf);
	if (fc.in)
		compare(&fc);
	r = kim_activity_read(path, KIM_ACT_LOG | KIM_ACT_FUTURE, as_of,
	    on_activity, &fc, d);
	if (r == 0 && fc.problems == 0 && fc.in) {
		if (!fc.differs && getc(fc.in) != EOF)
			fc.differs = fc.lines + 1;	/* more than the rows */
		if (fc.differs) {
			fc.problems++;
			kim_diagf(d, path, fc.differs, 0, "not written the way "
			    "kim-activity writes (quoting, blanks, line ends or "
			    "a BOM differ)");
		}
	}
	if (fc.in)
		fclose(fc.in);
	fclose(fc.cf);
	free(fc.canon);
	free(fc.day);
	kim_pool_free(&fc.pool);
	return r < 0 ? 1 : r + fc.problems;
}
