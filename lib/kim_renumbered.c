/* kim_renumbered: the log of the ids kim-merge renumbered */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim_csv.h"
#include "kim_date.h"
#include "kim_file.h"
#include "kim_record.h"
#include "kim_renumbered.h"
#include "kim_util.h"
#include "kim_wilayah.h"

enum { DATE, OLD, NEW, NAME, NCOLS };

static const char *const columns[NCOLS] = { "date", "old", "new", "name" };

struct reading {
	struct kim_renumbered *l;
	const char *name;
	struct kim_diag *d;
	long problems;
	int header;
};

/* Is id REGION-N, with REGION a region code and N a number from 1? */
static int
is_id(const char *id)
{
	const char *dash = strrchr(id, '-');
	char region[32];

	if (!dash || (size_t)(dash - id) >= sizeof region)
		return 0;
	memcpy(region, id, (size_t)(dash - id));
	region[dash - id] = '\0';
	return kim_code_level(region) != KIM_LV_INVALID &&
	    kim_id_seq(id, region) > 0;
}

static int
on_row(void *arg, const struct kim_csv_row *row)
{
	struct reading *r = arg;
	struct kim_date day;
	const char *const *f = (const char *const *)row->f;
	long bad = r->problems;

	if (row->index == 0) {
		r->header = 1;
		for (int c = 0; c < NCOLS; c++)
			if (row->n != NCOLS || strcmp(f[c], columns[c]) != 0) {
				kim_diagf(r->d, r->name, row->line, 1, "the "
				    "header is not '" KIM_RENUMBERED_HEADER "'");
				r->problems++;
				return 1;
			}
		return 0;
	}
	if (kim_date_parse(f[DATE], &day) != 0) {
		kim_diagf(r->d, r->name, row->line, DATE + 1, "date: '%s' is "
		    "not a real date (expected YYYY-MM-DD)", f[DATE]);
		r->problems++;
	}
	for (int c = OLD; c <= NEW; c++)
		if (!is_id(f[c])) {
			kim_diagf(r->d, r->name, row->line, c + 1, "%s: '%s' is "
			    "not an id (expected REGION-N, e.g. "
			    "51.02.03.2001-2)", columns[c], f[c]);
			r->problems++;
		}
	if (r->problems == bad && strcmp(f[OLD], f[NEW]) == 0) {
		kim_diagf(r->d, r->name, row->line, NEW + 1, "new: '%s' is the "
		    "old id itself", f[NEW]);
		r->problems++;
	}
	if (!*f[NAME]) {
		kim_diagf(r->d, r->name, row->line, NAME + 1, "name: empty");
		r->problems++;
	}
	if (r->problems == bad) {
		kim_renumbered_add(r->l, f[DATE], f[OLD], f[NEW], f[NAME]);
		r->l->r[r->l->n - 1].line = row->line;
	}
	return 0;
}

static void
drop(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	(void)d; (void)file; (void)line; (void)col; (void)msg;
}

long
kim_renumbered_read(struct kim_renumbered *l, const char *path,
    struct kim_diag *d)
{
	struct kim_diag quiet = { .report = drop };
	struct reading r = { .l = l, .name = path, .d = d ? d : &quiet };
	int fd = kim_open_read(path, KIM_OPEN_REGULAR | KIM_OPEN_MISSING, r.d);
	long k;

	memset(l, 0, sizeof *l);
	if (fd < 0)
		return fd == -2 ? 1 : errno == ENOENT ? 0 : -1;
	k = kim_csv_read(fd, NULL, 0, path, on_row, &r, r.d);
	close(fd);
	if (k < 0)
		return -1;
	if (!r.header && k == 0) {
		kim_diagf(r.d, path, 0, 0, "empty file (expected a header "
		    KIM_RENUMBERED_HEADER ")");
		r.problems++;
	}
	return k + r.problems;
}

void
kim_renumbered_add(struct kim_renumbered *l, const char *date,
    const char *old, const char *new, const char *name)
{
	struct kim_renumbered_row *x;

	l->r = kim_reallocarray(l->r, l->n + 1, sizeof *l->r);
	x = &l->r[l->n++];
	x->date = kim_strdup(date);
	x->old = kim_strdup(old);
	x->new = kim_strdup(new);
	x->name = kim_strdup(name);
	x->line = 0;
}

static int
cmp_row(const void *a, const void *b)
{
	const struct kim_renumbered_row *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	if (!c)
		c = strcmp(x->old, y->old);
	if (!c)
		c = strcmp(x->new, y->new);
	return c ? c : strcmp(x->name, y->name);
}

void
kim_renumbered_write(FILE *fp, struct kim_renumbered *l)
{
	if (l->n > 1)
		qsort(l->r, l->n, sizeof *l->r, cmp_row);
	fputs(KIM_RENUMBERED_HEADER "\n", fp);
	for (size_t i = 0; i < l->n; i++) {
		const struct kim_renumbered_row *x = &l->r[i];
		if (i > 0 && cmp_row(x, &l->r[i - 1]) == 0)
			continue;
		const char *row[] = { x->date, x->old, x->new, x->name };
		kim_csv_put_row(fp, row, 4);
	}
}

int
kim_renumbered_save(const char *path, struct kim_renumbered *l)
{
	struct kim_buf tmp = { 0 };
	FILE *fp = NULL;
	int fd, ok;

	kim_buf_addf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp.s)) < 0 || !(fp = fdopen(fd, "w"))) {
		kim_warn("%s: cannot write: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp.s);
		}
		kim_buf_free(&tmp);
		return -1;
	}
	kim_renumbered_write(fp, l);
	ok = fflush(fp) == 0 && fsync(fd) == 0;
	ok = (fclose(fp) == 0) && ok && rename(tmp.s, path) == 0;
	if (!ok) {
		kim_warn("%s: cannot write: %s", path, strerror(errno));
		unlink(tmp.s);
	}
	kim_buf_free(&tmp);
	return ok ? 0 : -1;
}

void
kim_renumbered_free(struct kim_renumbered *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->r[i].date);
		free(l->r[i].old);
		free(l->r[i].new);
		free(l->r[i].name);
	}
	free(l->r);
	memset(l, 0, sizeof *l);
}
