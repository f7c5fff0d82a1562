/*
 * genact: an activity log for a register made by gen, for the benchmark
 * of issue 22: N activities for each KIM of the register files
 * DIR/kim/PP.KK.csv, written to DIR/activity/ in the files of their
 * kabupaten, as kim-activity writes them (sorted by KIM, then date, kind,
 * url and title).
 *
 *   genact N DIR [SEED]
 *
 * Each KIM's days are spread evenly at random from its formed date to
 * 2026-11-22 (the benchmark's as-of day); kinds cycle through the six,
 * every other activity has a url.  The same SEED gives the same files.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>

#include "kim_date.h"

static const char *const kinds[] = { "berita", "kegiatan", "pelatihan",
    "pertemuan", "lomba", "lainnya" };

/* One activity of the KIM being written */
struct act {
	long day, i;
	int kind;
	long kim;
};

static void
url(const struct act *a, char *buf, size_t size)
{
	if (a->i % 2 == 0)
		snprintf(buf, size, "https://kim%ld.kim.id/p/%ld", a->kim, a->i);
	else
		buf[0] = '\0';
}

/* The log's order within one KIM: date, kind, url, title */
static int
byorder(const void *pa, const void *pb)
{
	const struct act *a = pa, *b = pb;
	char x[96], y[96];
	int c;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if ((c = strcmp(kinds[a->kind], kinds[b->kind])) != 0)
		return c;
	url(a, x, sizeof x);
	url(b, y, sizeof y);
	if ((c = strcmp(x, y)) != 0)
		return c;
	snprintf(x, sizeof x, "Kegiatan %ld nomor %ld", a->kim, a->i);
	snprintf(y, sizeof y, "Kegiatan %ld nomor %ld", b->kim, b->i);
	return strcmp(x, y);
}

struct gen {
	FILE *out;
	long n, field, row, kims, written;
	unsigned long long seed;
	char id[64], formed[16];
	struct act *a;
};

static unsigned long
next(struct gen *g)
{
	g->seed = g->seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(g->seed >> 33);
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct gen *g = arg;

	if (g->row > 0 && g->field == 0)
		snprintf(g->id, sizeof g->id, "%.*s", (int)len, (char *)s);
	if (g->row > 0 && g->field == 3)
		snprintf(g->formed, sizeof g->formed, "%.*s", (int)len,
		    (char *)s);
	g->field++;
}

static void
on_row(int c, void *arg)
{
	struct gen *g = arg;
	struct kim_date f, asof = { 2026, 11, 22 }, d;
	long from, span;
	char day[11];

	(void)c;
	if (g->row++ == 0 || kim_date_parse(g->formed, &f) != 0) {
		g->field = 0;
		return;
	}
	g->field = 0;
	from = kim_date_days(&f);
	span = kim_date_days(&asof) - from + 1;
	for (long i = 0; i < g->n; i++)
		g->a[i] = (struct act){ from + (long)(next(g) % (unsigned long)span),
		    i, (int)((g->kims + i) % 6), g->kims };
	qsort(g->a, (size_t)g->n, sizeof *g->a, byorder);
	for (long i = 0; i < g->n; i++) {
		char u[96];
		d = kim_date_from_days(g->a[i].day);
		kim_date_fmt(&d, day);
		url(&g->a[i], u, sizeof u);
		fprintf(g->out, "%s,%s,%s,Kegiatan %ld nomor %ld,%s,\n", g->id,
		    day, kinds[g->a[i].kind], g->kims, g->a[i].i, u);
		g->written++;
	}
	g->kims++;
}

int
main(int argc, char **argv)
{
	struct gen g = { 0 };
	struct csv_parser p;
	char path[4096], buf[1 << 16];
	struct dirent *e;
	DIR *dp;
	size_t k;

	if (argc < 3 || (g.n = atol(argv[1])) < 1) {
		fprintf(stderr, "usage: genact N DIR [SEED]\n");
		return 2;
	}
	g.seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 20231121ULL;
	g.a = malloc((size_t)g.n * sizeof *g.a);
	snprintf(path, sizeof path, "%s/activity", argv[2]);
	if (!g.a || (mkdir(path, 0777) != 0 && errno != EEXIST)) {
		perror(path);
		return 4;
	}
	snprintf(path, sizeof path, "%s/kim", argv[2]);
	if (!(dp = opendir(path))) {
		perror(path);
		return 4;
	}
	while ((e = readdir(dp))) {
		FILE *in;
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 5 ||
		    strcmp(e->d_name + len - 4, ".csv") != 0 ||
		    strcmp(e->d_name, "renumbered.csv") == 0)
			continue;
		snprintf(path, sizeof path, "%s/kim/%s", argv[2], e->d_name);
		in = fopen(path, "r");
		snprintf(path, sizeof path, "%s/activity/%s", argv[2],
		    e->d_name);
		g.out = fopen(path, "w");
		if (!in || !g.out || csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
			perror(path);
			return 4;
		}
		fputs("kim,date,kind,title,url,notes\n", g.out);
		g.row = g.field = 0;
		while ((k = fread(buf, 1, sizeof buf, in)) > 0)
			csv_parse(&p, buf, k, on_field, on_row, &g);
		csv_fini(&p, on_field, on_row, &g);
		csv_free(&p);
		fclose(in);
		if (fclose(g.out) != 0) {
			perror(path);
			return 4;
		}
	}
	closedir(dp);
	printf("%ld activities of %ld KIM\n", g.written, g.kims);
	free(g.a);
	return 0;
}
