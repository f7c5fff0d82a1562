/*
 * kim_score_read: the judges' score sheets, long or wide, CSV or .xlsx,
 * read into the table of entrants; every problem at FILE:LINE:COLUMN
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim_csv.h"
#include "kim_file.h"
#include "kim_score.h"
#include "kim_xlsx_in.h"

/* What a column of a sheet holds */
enum role { R_KIM, R_JUDGE, R_COMPONENT, R_SCORE, R_IGNORED, R_NROLES };

/* the header names of each role, '|'-separated (kim-data(5)) */
static const char *const names[R_NROLES] = {
	[R_KIM] = "kim|id|id kim|kode kim|kim id",
	[R_JUDGE] = "judge|juri|penilai|dewan juri",
	[R_COMPONENT] = "component|komponen|aspek|kriteria|unsur",
	[R_SCORE] = "score|nilai|skor|poin",
	[R_IGNORED] = "name|nama|nama kim|region|wilayah|desa",
};

static const char *const role_name[R_NROLES] = { "kim", "judge",
    "component", "score", "name" };

/* the role of a header name, or -1 */
static int
role_of(const char *h)
{
	char one[64];

	for (int r = 0; r < R_NROLES; r++)
		for (const char *p = names[r]; *p; ) {
			size_t n = strcspn(p, "|");
			snprintf(one, sizeof one, "%.*s", (int)n, p);
			if (kim_name_same(h, one))
				return r;
			p += n + (p[n] == '|');
		}
	return -1;
}

struct reading {
	struct kim_scores *s;
	const char *name;	/* the sheet, as messages name it */
	char *where;		/* a workbook's sheet, "BOOK.xlsx:Sheet!",
				   set before its rows: a cell is named C7 */
	uint32_t sheet;
	char *judge;		/* the judge of a sheet without the column */
	long col[R_NROLES];	/* the column (0-based) of each role, -1 */
	long *comp;		/* wide: the component of each column, -1 */
	size_t ncols;
	int wide;
};

static void __attribute__((format(printf, 4, 5)))
problem(struct reading *rd, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kim_vdiagf(rd->s->d, rd->where ? rd->where : rd->name, line, col, fmt,
	    ap);
	va_end(ap);
	rd->s->problems++;
}

static void
ids(const struct kim_rubric *rb, struct kim_buf *b)
{
	for (size_t i = 0; i < rb->n; i++)
		kim_buf_addf(b, "%s%s", i ? ", " : "", rb->c[i].id);
}

static int
header(struct reading *rd, const struct kim_csv_row *row)
{
	const struct kim_rubric *rb = rd->s->rb;
	struct kim_buf l = { 0 };
	int bad = 0;

	rd->ncols = row->n;
	rd->comp = kim_calloc(row->n, sizeof *rd->comp);
	for (int r = 0; r < R_NROLES; r++)
		rd->col[r] = -1;
	for (size_t i = 0; i < row->n; i++) {
		int r = role_of(row->f[i]);
		long c = kim_rubric_component(rb, row->f[i]);
		rd->comp[i] = -1;
		if (r >= 0 && r != R_IGNORED && rd->col[r] >= 0) {
			problem(rd, row->line, (long)i + 1, "a second %s column "
			    "('%s')", role_name[r], row->f[i]);
			bad = 1;
		} else if (r >= 0)
			rd->col[r] = (long)i;
		else if (c >= 0) {
			rd->comp[i] = c;
			rd->wide = 1;
		} else {
			kim_buf_reset(&l);
			ids(rb, &l);
			problem(rd, row->line, (long)i + 1, "unknown column "
			    "'%s' (a score sheet has kim, judge and either "
			    "component and score, or a column for each "
			    "component: %s)", row->f[i], l.s);
			bad = 1;
		}
	}
	kim_buf_free(&l);
	if (bad)
		return -1;
	if (rd->col[R_KIM] < 0) {
		problem(rd, row->line, 0, "no kim column (the id of the KIM "
		    "scored; also: id, id kim, kode kim)");
		return -1;
	}
	if (rd->wide && (rd->col[R_COMPONENT] >= 0 || rd->col[R_SCORE] >= 0)) {
		problem(rd, row->line, rd->col[R_COMPONENT] >= 0 ?
		    rd->col[R_COMPONENT] + 1 : rd->col[R_SCORE] + 1,
		    "a sheet is long (component, score) or wide (a column "
		    "per component), not both");
		return -1;
	}
	if (!rd->wide && (rd->col[R_COMPONENT] < 0 || rd->col[R_SCORE] < 0)) {
		problem(rd, row->line, 0, "no %s column (a long sheet has kim, "
		    "judge, component and score; a wide one a column per "
		    "component)", rd->col[R_COMPONENT] < 0 ? "component" :
		    "score");
		return -1;
	}
	return 0;
}

static size_t
slot_of(const struct kim_scores *s, const char *id)
{
	size_t i = kim_hash(id) & (s->nslot - 1);

	while (s->slot[i] && strcmp(s->e[s->slot[i] - 1].id, id) != 0)
		i = (i + 1) & (s->nslot - 1);
	return i;
}

struct kim_entrant *
kim_scores_find(const struct kim_scores *s, const char *id)
{
	size_t i;

	if (!s->nslot)
		return NULL;
	i = slot_of(s, id);
	return s->slot[i] ? &s->e[s->slot[i] - 1] : NULL;
}

static struct kim_entrant *
entrant(struct reading *rd, const char *id, long line, long col)
{
	struct kim_scores *s = rd->s;
	struct kim_entrant *e;
	size_t cells = s->rb->n * KIM_SCORE_JUDGES;

	if ((e = kim_scores_find(s, id)))
		return e;
	if (2 * (s->n + 1) > s->nslot) {
		size_t *old = s->slot, nold = s->nslot;
		s->nslot = s->nslot ? 2 * s->nslot : 1024;
		s->slot = kim_calloc(s->nslot, sizeof *s->slot);
		for (size_t k = 0; k < nold; k++)
			if (old[k])
				s->slot[slot_of(s, s->e[old[k] - 1].id)] = old[k];
		free(old);
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->e = kim_reallocarray(s->e, s->cap, sizeof *s->e);
	}
	e = &s->e[s->n];
	memset(e, 0, sizeof *e);
	e->id = kim_pool_alloc(&s->pool, strlen(id) + 1);
	strcpy(e->id, id);
	e->sheet = rd->sheet;
	e->line = line;
	e->col = col;
	e->cell = kim_pool_alloc(&s->pool, cells * sizeof *e->cell);
	memset(e->cell, 0xff, cells * sizeof *e->cell);
	s->slot[slot_of(s, id)] = ++s->n;
	return e;
}

static long
judge(struct reading *rd, const char *name, long line, long col)
{
	struct kim_scores *s = rd->s;

	for (size_t j = 0; j < s->njudges; j++)
		if (strcmp(s->judge[j], name) == 0)
			return (long)j;
	if (s->njudges == KIM_SCORE_JUDGES) {
		problem(rd, line, col, "judge '%s' is one more than %d: that is "
		    "the limit (kim-data(5), LIMITS)", name, KIM_SCORE_JUDGES);
		return -1;
	}
	s->judge[s->njudges] = kim_strdup(name);
	s->judge_sheet[s->njudges] = rd->sheet;
	s->judge_line[s->njudges] = line;
	return (long)s->njudges++;
}

/* One score of one cell: checked and put in its place */
static void
score(struct reading *rd, struct kim_entrant *e, long j, long c,
    const char *v, long line, long col)
{
	const struct kim_rubric *rb = rd->s->rb;
	int32_t *cell = &e->cell[c * KIM_SCORE_JUDGES + j];
	char lo[24], hi[24], first[24];
	long x;

	if (kim_hundredths(v, &x) < 0) {
		problem(rd, line, col, "score '%s' is not a number (at most two "
		    "decimals, e.g. 85 or 85.5)", v);
		return;
	}
	if (x < rb->min || x > rb->max) {
		problem(rd, line, col, "score %s is outside the scale %s to %s",
		    v, kim_hundredths_fmt(rb->min, lo),
		    kim_hundredths_fmt(rb->max, hi));
		return;
	}
	if (*cell >= 0) {
		problem(rd, line, col, "judge '%s' scored %s in %s twice (the "
		    "first score: %s)", rd->s->judge[j], e->id, rb->c[c].id,
		    kim_hundredths_fmt(*cell, first));
		return;
	}
	*cell = (int32_t)x;
}

static int
on_row(void *arg, const struct kim_csv_row *row)
{
	struct reading *rd = arg;
	const struct kim_rubric *rb = rd->s->rb;
	struct kim_entrant *e;
	const char *id, *jn;
	long j, kc = rd->col[R_KIM], jc = rd->col[R_JUDGE];

	if (row->index == 0)
		return header(rd, row) < 0;	/* a bad header stops */
	id = row->f[kc];
	if (!*id) {
		for (size_t i = 0; i < row->n; i++)
			if (*row->f[i]) {
				problem(rd, row->line, kc + 1, "no KIM id");
				return 0;
			}
		return 0;	/* an empty row */
	}
	jn = jc >= 0 ? row->f[jc] : rd->judge;
	if (!*jn) {
		problem(rd, row->line, jc + 1, "no judge");
		return 0;
	}
	if ((j = judge(rd, jn, row->line, jc + 1)) < 0)
		return 0;
	e = entrant(rd, id, row->line, kc + 1);
	if (!rd->wide) {
		long cc = rd->col[R_COMPONENT], sc = rd->col[R_SCORE];
		long c = kim_rubric_component(rb, row->f[cc]);
		if (c < 0) {
			struct kim_buf l = { 0 };
			ids(rb, &l);
			problem(rd, row->line, cc + 1, "unknown component '%s' "
			    "(the rubric's: %s)", row->f[cc], l.s);
			kim_buf_free(&l);
		} else if (*row->f[sc])
			score(rd, e, j, c, row->f[sc], row->line, sc + 1);
		return 0;
	}
	for (size_t i = 0; i < row->n; i++)
		if (rd->comp[i] >= 0 && *row->f[i])
			score(rd, e, j, rd->comp[i], row->f[i], row->line,
			    (long)i + 1);
	return 0;
}

void
kim_scores_init(struct kim_scores *s, const struct kim_rubric *rb,
    struct kim_diag *d)
{
	memset(s, 0, sizeof *s);
	s->rb = rb;
	s->d = d;
}

long
kim_scores_read(struct kim_scores *s, const char *path, const char *buf,
    size_t len)
{
	struct reading rd;
	const char *base = kim_base_name(path);
	long before = s->problems, r;
	int fd, date1904;

	memset(&rd, 0, sizeof rd);
	rd.s = s;
	rd.sheet = (uint32_t)s->nsheets;
	rd.judge = kim_strndup(base, strrchr(base, '.') && strrchr(base, '.')
	    != base ? (size_t)(strrchr(base, '.') - base) : strlen(base));
	s->sheet = kim_reallocarray(s->sheet, s->nsheets + 1, sizeof *s->sheet);
	s->sheet[s->nsheets++] = kim_strdup(path);
	rd.name = path;
	if (!buf && kim_xlsx_is(path)) {
		r = kim_xlsx_read(path, NULL, on_row, &rd, s->d, &rd.where,
		    &date1904);
		if (rd.where) {
			free(s->sheet[rd.sheet]);
			s->sheet[rd.sheet] = rd.where;
		}
	} else if (buf)
		r = kim_csv_read(-1, buf, len, path, on_row, &rd, s->d);
	else if ((fd = kim_open_read(path, 0, s->d)) < 0)
		r = -1;
	else {
		r = kim_csv_read(fd, NULL, 0, path, on_row, &rd, s->d);
		close(fd);
	}
	free(rd.comp);
	free(rd.judge);
	return r < 0 ? -1 : r + s->problems - before;
}

void
kim_scores_record(struct kim_scores *s, const struct kim_record *r)
{
	struct kim_entrant *e = kim_scores_find(s, r->f[KIM_F_ID]), *f;
	const char *const v[3] = { r->f[KIM_F_NAME], r->f[KIM_F_REGION],
	    r->f[KIM_F_FORMED] };
	const char *p = r->f[KIM_F_FORMER_IDS];
	char **to[3], id[128];

	/* an id it had before a recode: the same KIM */
	while (*p) {
		size_t n = strcspn(p, ";");
		snprintf(id, sizeof id, "%.*s", (int)n, p);
		p += n + (p[n] == ';');
		if (!(f = kim_scores_find(s, id)) || f->in ||
		    kim_record_is(r, id) != 2)
			continue;
		if (e) {
			kim_diagf(s->d, s->sheet[f->sheet], f->line, f->col,
			    "KIM %s is scored under two of its ids, %s and "
			    "%s (former_ids): give one", r->f[KIM_F_ID], e->id,
			    f->id);
			s->twice++;
			continue;
		}
		e = f;
		e->shown = kim_pool_alloc(&s->pool,
		    strlen(r->f[KIM_F_ID]) + 1);
		strcpy(e->shown, r->f[KIM_F_ID]);
	}
	if (!e || e->in)
		return;
	to[0] = &e->name, to[1] = &e->region, to[2] = &e->formed;
	for (int k = 0; k < 3; k++) {
		*to[k] = kim_pool_alloc(&s->pool, strlen(v[k]) + 1);
		strcpy(*to[k], v[k]);
	}
	e->in = 1;
}

long
kim_scores_known(struct kim_scores *s, int limit)
{
	long problems = s->twice;

	for (size_t i = 0; i < s->n && !limit; i++)
		if (!s->e[i].in) {
			kim_diagf(s->d, s->sheet[s->e[i].sheet], s->e[i].line,
			    s->e[i].col, "KIM %s is not in the register",
			    s->e[i].id);
			problems++;
		}
	return problems;
}

void
kim_scores_free(struct kim_scores *s)
{
	for (size_t j = 0; j < s->njudges; j++)
		free(s->judge[j]);
	for (size_t i = 0; i < s->nsheets; i++)
		free(s->sheet[i]);
	free(s->sheet);
	free(s->e);
	free(s->slot);
	kim_pool_free(&s->pool);
	memset(s, 0, sizeof *s);
}
