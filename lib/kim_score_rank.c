/*
 * kim_score_rank: the entrants ranked by the rubric, stage by stage, in
 * exact integers: a judge's score is in hundredths of a point, a combined
 * score in 1/(100 UNIT) of a point (UNIT = lcm(1..20), so that the mean of
 * up to 20 judges, their median and their trimmed mean are whole), a total
 * the sum of combined scores times weights (in hundredths); only what is
 * shown is rounded, half up, to two decimals.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kim_score.h"

#define UNIT 232792560LL	/* lcm(1, 2, ..., KIM_SCORE_JUDGES) */
/* a KIM's id now (the sheets may give a former one) */
#define ID(e) ((e)->shown ? (e)->shown : (e)->id)

/* One stage, or the rubric as one when it has none */
struct stage {
	long index;
	const char *name;	/* NULL: no stages */
	const size_t *comp;
	size_t ncomp;
	long weight;
	long advance;		/* 0: none */
};

static void
stage_of(const struct kim_rubric *rb, long i, struct stage *st, size_t *all)
{
	st->index = i;
	if (rb->nstages == 0) {
		for (size_t c = 0; c < rb->n; c++)
			all[c] = c;
		st->name = NULL;
		st->comp = all;
		st->ncomp = rb->n;
		st->weight = rb->weight;
		st->advance = 0;
		return;
	}
	st->name = rb->s[i].name;
	st->comp = rb->s[i].comp;
	st->ncomp = rb->s[i].ncomp;
	st->weight = rb->s[i].weight;
	st->advance = rb->s[i].advance;
}

/* n/d rounded half up, n >= 0, d > 0 */
static long
half_up(__int128 n, __int128 d)
{
	return (long)((2 * n + d) / (2 * d));
}

/* ---- the order of a stage ---- */

static const struct kim_scores *by_s;
static const struct stage *by_st;

/* <0 when a ranks before b; 0 when they tie (the id aside) */
static int
tie(const struct kim_entrant *a, const struct kim_entrant *b)
{
	const struct kim_rubric *rb = by_s->rb;
	long i = by_st->index;

	if (a->total[i] != b->total[i])
		return a->total[i] > b->total[i] ? -1 : 1;
	for (size_t k = 0; k < rb->ntie; k++) {
		size_t c = rb->tie[k];
		if (rb->nstages && rb->c[c].stage != i)
			continue;	/* a stage's own components only */
		if (a->value[c] != b->value[c])
			return a->value[c] > b->value[c] ? -1 : 1;
	}
	/* the earlier formed; a KIM without the date after */
	if (!*a->formed != !*b->formed)
		return *a->formed ? -1 : 1;
	return strcmp(a->formed, b->formed);
}

static int
by_rank(const void *x, const void *y)
{
	const struct kim_entrant *a = &by_s->e[*(const size_t *)x];
	const struct kim_entrant *b = &by_s->e[*(const size_t *)y];
	int r = tie(a, b);

	return r ? r : strcmp(ID(a), ID(b));
}

/* ---- combining a component's scores ---- */

static void
sort_small(int32_t *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && v[k - 1] > v[k]; k--) {
			int32_t t = v[k];
			v[k] = v[k - 1];
			v[k - 1] = t;
		}
}

static int64_t
combine(enum kim_combine how, int32_t *v, size_t n)
{
	int64_t sum = 0;

	if (n == 0)
		return 0;
	sort_small(v, n);
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	if (how == KIM_COMBINE_MEDIAN)
		return n % 2 ? v[n / 2] * UNIT :
		    (int64_t)(v[n / 2 - 1] + v[n / 2]) * (UNIT / 2);
	if (how == KIM_COMBINE_TRIMMED && n >= 3)
		return (sum - v[0] - v[n - 1]) * (UNIT / (int64_t)(n - 2));
	return sum * (UNIT / (int64_t)n);
}

/* Who a judge left unscored, for one message a judge */
struct gaps {
	long n;
	struct kim_buf list;
};

/* Do a and b differ by case or by at most two letters (one mistyped)? */
static int
alike(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), row[65], prev, t;

	if (strcasecmp(a, b) == 0)
		return 1;
	if (n > 64 || m > 64 || n < 3 || m < 3)
		return 0;
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {	/* Levenshtein, one row */
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			t = row[j];
			row[j] = prev + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (t + 1 < row[j])
				row[j] = t + 1;
			prev = t;
		}
	}
	return row[m] <= 2;
}

/* The judge whose id judge j's is like, or -1 */
static long
like_judge(const struct kim_scores *s, size_t j)
{
	for (size_t k = 0; k < s->njudges; k++)
		if (k != j && alike(s->judge[j], s->judge[k]))
			return (long)k;
	return -1;
}

/* Say what judge j did not score: an error, or how --missing took it */
static void
say_gaps(struct kim_scores *s, size_t j, const struct gaps *g,
    const char *ofs)
{
	long k = like_judge(s, j);
	char hint[160];

	if (k >= 0)
		snprintf(hint, sizeof hint, s->missing == KIM_MISSING_ERROR ?
		    _("is '%s' the judge '%s' mistyped? If not, ") :
		    _("is '%s' the judge '%s' mistyped?"), s->judge[j],
		    s->judge[k]);
	else
		hint[0] = '\0';
	if (s->missing == KIM_MISSING_ERROR) {
		kim_diagf(s->d, s->sheet[s->judge_sheet[j]], s->judge_line[j], 0,
		    "judge '%s' did not score %ld of the scores%s: %s%s (%sgive "
		    "--missing zero or --missing skip)", s->judge[j], g->n, ofs,
		    g->list.s, g->n > 10 ? ", ..." : "", hint);
		s->problems++;
	} else
		kim_diag_warnf(s->d, s->sheet[s->judge_sheet[j]],
		    s->judge_line[j], 0, s->missing == KIM_MISSING_ZERO ?
		    "judge '%s' did not score %ld of the scores%s: %s%s, each "
		    "counted as 0 (--missing zero)%s%s" : "judge '%s' did not "
		    "score %ld of the scores%s: %s%s, left out (--missing "
		    "skip)%s%s", s->judge[j], g->n, ofs, g->list.s, g->n > 10 ?
		    ", ..." : "", *hint ? "; " : "", *hint ? hint : "");
}

static void
stage_scores(struct kim_scores *s, const struct stage *st, const size_t *E,
    size_t nE)
{
	const struct kim_rubric *rb = s->rb;
	struct gaps gap[KIM_SCORE_JUDGES];
	int32_t v[KIM_SCORE_JUDGES];
	uint32_t *jmask = s->jmask;
	char ofs[64];

	memset(gap, 0, sizeof gap);
	for (size_t k = 0; k < st->ncomp; k++) {
		size_t c = st->comp[k];
		unsigned most = 0;
		jmask[c] = 0;
		for (size_t i = 0; i < nE; i++)
			for (size_t j = 0; j < s->njudges; j++)
				if (s->e[E[i]].cell[c * KIM_SCORE_JUDGES + j] >= 0)
					jmask[c] |= 1u << j;
		for (size_t i = 0; i < nE; i++) {
			struct kim_entrant *e = &s->e[E[i]];
			size_t n = 0;
			for (size_t j = 0; j < s->njudges; j++) {
				int32_t x = e->cell[c * KIM_SCORE_JUDGES + j];
				if (!(jmask[c] & (1u << j)))
					continue;
				if (x >= 0)
					v[n++] = x;
				else {
					if (s->missing == KIM_MISSING_ZERO)
						v[n++] = 0;
					if (gap[j].n++ < 10)
						kim_buf_addf(&gap[j].list, "%s%s "
						    "(%s)", gap[j].n > 1 ? ", " :
						    "", ID(e), rb->c[c].id);
				}
			}
			e->judges[c] = (unsigned char)n;
			if (n > most)
				most = (unsigned)n;
			e->value[c] = combine(rb->combine, v, n);
		}
		for (size_t i = 0; i < nE && s->missing == KIM_MISSING_SKIP; i++)
			if (s->e[E[i]].judges[c] < most)
				kim_diag_warnf(s->d, NULL, 0, 0, "KIM %s has %u "
				    "judges' scores in %s, others %u",
				    ID(&s->e[E[i]]), s->e[E[i]].judges[c],
				    rb->c[c].id, most);
	}
	if (st->name)
		snprintf(ofs, sizeof ofs, _(" of stage %s"), st->name);
	else
		ofs[0] = '\0';
	for (size_t j = 0; j < s->njudges; j++) {
		if (gap[j].n)
			say_gaps(s, j, &gap[j], ofs);
		kim_buf_free(&gap[j].list);
	}
}

long
kim_score_rank(struct kim_scores *s)
{
	const struct kim_rubric *rb = s->rb;
	size_t nst = rb->nstages ? rb->nstages : 1, all[KIM_RUBRIC_COMPONENTS];
	size_t *E = kim_calloc(s->n + 1, sizeof *E), nE;
	long before = s->problems;

	for (size_t st = 0; st < nst; st++) {
		struct stage S;
		stage_of(rb, (long)st, &S, all);
		nE = 0;
		for (size_t i = 0; i < s->n; i++) {
			struct kim_entrant *e = &s->e[i];
			if (!e->in)
				continue;
			if (e->reached == (int)st || (e->reached > (int)st))
				E[nE++] = i;
			else {
				/* scores of a KIM that did not advance */
				int any = 0;
				for (size_t k = 0; k < S.ncomp && !any; k++)
					for (size_t j = 0; j < s->njudges; j++)
						any |= e->cell[S.comp[k] *
						    KIM_SCORE_JUDGES + j] >= 0;
				if (any)
					kim_diag_warnf(s->d, NULL, 0, 0, "KIM %s "
					    "has scores in stage %s but did not "
					    "advance into it: they are left out",
					    ID(e), S.name);
			}
		}
		stage_scores(s, &S, E, nE);
		if (s->problems > before)
			break;	/* no ranking on scores that are wrong */
		for (size_t i = 0; i < nE; i++) {
			struct kim_entrant *e = &s->e[E[i]];
			e->total[st] = 0;
			for (size_t k = 0; k < S.ncomp; k++)
				e->total[st] += (__int128)e->value[S.comp[k]] *
				    rb->c[S.comp[k]].weight;
		}
		by_s = s;
		by_st = &S;
		qsort(E, nE, sizeof *E, by_rank);
		for (size_t i = 0; i < nE; i++) {
			struct kim_entrant *e = &s->e[E[i]];
			e->rank[st] = i > 0 && tie(&s->e[E[i - 1]], e) == 0 ?
			    s->e[E[i - 1]].rank[st] : (long)i + 1;
			if (st + 1 < nst && e->rank[st] <= S.advance)
				e->reached = (int)st + 1;
		}
	}
	free(E);
	return s->problems - before;
}

/* ---- the ranking out ---- */

struct kim_ranking {
	const struct kim_scores *s;
	long stage;		/* -1: the whole competition */
	int explain;
	struct kim_col *cols;
	size_t ncols;
	size_t comp[KIM_RUBRIC_COMPONENTS];	/* the components shown */
	size_t ncomp;
	size_t *order;
	size_t n;
	long *rank;		/* the rank shown, of each row */
	/* the row given by kim_ranking_row */
	const char **v;
	char (*num)[24];
	struct kim_buf ex;
};

static int
by_overall(const void *x, const void *y)
{
	const struct kim_entrant *a = &by_s->e[*(const size_t *)x];
	const struct kim_entrant *b = &by_s->e[*(const size_t *)y];

	if (a->reached != b->reached)
		return a->reached > b->reached ? -1 : 1;
	if (a->rank[a->reached] != b->rank[b->reached])
		return a->rank[a->reached] < b->rank[b->reached] ? -1 : 1;
	return strcmp(ID(a), ID(b));
}

static int
by_stage_rank(const void *x, const void *y)
{
	const struct kim_entrant *a = &by_s->e[*(const size_t *)x];
	const struct kim_entrant *b = &by_s->e[*(const size_t *)y];
	long i = by_st->index;

	if (a->rank[i] != b->rank[i])
		return a->rank[i] < b->rank[i] ? -1 : 1;
	return strcmp(ID(a), ID(b));
}

struct kim_ranking *
kim_ranking_new(const struct kim_scores *s, long stage, int explain)
{
	const struct kim_rubric *rb = s->rb;
	struct kim_ranking *k = kim_calloc(1, sizeof *k);
	struct stage S;
	size_t all[KIM_RUBRIC_COMPONENTS];
	static const char *const head[] = { "rank", "id", "name", "region" };

	k->s = s;
	k->stage = rb->nstages ? stage : -1;
	k->explain = explain;
	stage_of(rb, k->stage < 0 ? 0 : k->stage, &S, all);
	if (k->stage >= 0)
		for (size_t i = 0; i < S.ncomp; i++)
			k->comp[k->ncomp++] = S.comp[i];
	else
		for (size_t i = 0; i < rb->n; i++)
			k->comp[k->ncomp++] = i;
	k->cols = kim_calloc(k->ncomp + 9, sizeof *k->cols);
	for (size_t i = 0; i < 4; i++)
		k->cols[k->ncols++] = (struct kim_col){ head[i],
		    i ? KIM_T_TEXT : KIM_T_NUM };
	for (size_t i = 0; i < k->ncomp; i++)
		k->cols[k->ncols++] = (struct kim_col){ rb->c[k->comp[i]].id,
		    KIM_T_NUM };
	k->cols[k->ncols++] = (struct kim_col){ "total", KIM_T_NUM };
	if (rb->nstages && stage < 0)
		k->cols[k->ncols++] = (struct kim_col){ "stage", KIM_T_TEXT };
	if (rb->nstages && stage >= 0)
		k->cols[k->ncols++] = (struct kim_col){ "advances",
		    KIM_T_BOOL };
	if (explain)
		k->cols[k->ncols++] = (struct kim_col){ "explain", KIM_T_TEXT };

	k->v = kim_calloc(k->ncols, sizeof *k->v);
	k->num = kim_calloc(k->ncomp + 2, sizeof *k->num);
	k->order = kim_calloc(s->n + 1, sizeof *k->order);
	k->rank = kim_calloc(s->n + 1, sizeof *k->rank);
	for (size_t i = 0; i < s->n; i++)
		if (s->e[i].in && (k->stage < 0 || s->e[i].reached >= k->stage))
			k->order[k->n++] = i;
	by_s = s;
	by_st = &S;
	qsort(k->order, k->n, sizeof *k->order, k->stage >= 0 ?
	    by_stage_rank : by_overall);
	for (size_t i = 0; i < k->n; i++) {
		const struct kim_entrant *e = &s->e[k->order[i]];
		const struct kim_entrant *p = i ? &s->e[k->order[i - 1]] : NULL;
		if (k->stage >= 0)
			k->rank[i] = e->rank[k->stage];
		else if (p && p->reached == e->reached &&
		    p->rank[p->reached] == e->rank[e->reached])
			k->rank[i] = k->rank[i - 1];
		else
			k->rank[i] = (long)i + 1;
	}
	return k;
}

const struct kim_col *
kim_ranking_cols(const struct kim_ranking *k, size_t *n)
{
	*n = k->ncols;
	return k->cols;
}

/* A number of hundredths as a rubric writes it: 20, 12.5 as 12.50 */
static const char *
plain(long v, char *buf)
{
	if (v % 100 == 0)
		snprintf(buf, 24, "%ld", v / 100);
	else
		kim_hundredths_fmt(v, buf);
	return buf;
}

static void
explain(const struct kim_ranking *k, const struct kim_entrant *e, size_t c,
    long W, long shown, struct kim_buf *b)
{
	const struct kim_scores *s = k->s;
	const struct kim_rubric *rb = s->rb;
	int32_t lo = -1, hi = -1;
	size_t n = 0;
	char x[24], y[24], z[24];

	kim_buf_addf(b, "%s%s: ", b->len ? " | " : "", rb->c[c].id);
	for (size_t j = 0; j < s->njudges; j++) {
		int32_t v = e->cell[c * KIM_SCORE_JUDGES + j];
		int given = v >= 0;
		if (!(s->jmask[c] & (1u << j)) || (!given &&
		    s->missing != KIM_MISSING_ZERO))
			continue;
		if (!given)
			v = 0;	/* --missing zero */
		kim_buf_addf(b, "%s%s %s%s", n ? ", " : "", s->judge[j],
		    plain(v, x), given ? "" : " (none given)");
		if (n == 0 || v < lo)
			lo = v;
		if (n == 0 || v > hi)
			hi = v;
		n++;
	}
	if (rb->combine == KIM_COMBINE_MEDIAN)
		kim_buf_adds(b, "; median ");
	else if (rb->combine == KIM_COMBINE_TRIMMED && n >= 3)
		kim_buf_addf(b, "; trimmed mean (without %s and %s) ",
		    plain(lo, x), plain(hi, y));
	else
		kim_buf_adds(b, n == 1 ? "; " : "; mean ");
	kim_buf_addf(b, "%s x %s/%s = ", kim_hundredths_fmt(
	    half_up(e->value[c], UNIT), x), plain(rb->c[c].weight, y),
	    plain(W, z));
	kim_buf_adds(b, kim_hundredths_fmt(shown, x));
}

size_t
kim_ranking_n(const struct kim_ranking *k)
{
	return k->n;
}

const struct kim_entrant *
kim_ranking_entrant(const struct kim_ranking *k, size_t r)
{
	return &k->s->e[k->order[r]];
}

const char *const *
kim_ranking_row(struct kim_ranking *k, size_t r)
{
	const struct kim_scores *s = k->s;
	const struct kim_rubric *rb = s->rb;
	const struct kim_entrant *e = &s->e[k->order[r]];
	long at = k->stage >= 0 ? k->stage : e->reached;
	const char **v = k->v;
	char (*num)[24] = k->num;
	size_t all[KIM_RUBRIC_COMPONENTS];
	struct stage S;
	size_t f = 0;

	stage_of(rb, at, &S, all);
	snprintf(num[0], 24, "%ld", k->rank[r]);
	v[f++] = num[0];
	v[f++] = ID(e);
	v[f++] = e->name;
	v[f++] = e->region;
	kim_buf_reset(&k->ex);
	kim_buf_add(&k->ex, "", 0);
	for (size_t i = 0; i < k->ncomp; i++) {
		size_t c = k->comp[i];
		long cs = rb->nstages ? rb->c[c].stage : 0;
		struct stage C;
		if (cs > e->reached) {
			v[f++] = "";
			continue;
		}
		stage_of(rb, cs, &C, all);
		long h = half_up((__int128)e->value[c] * rb->c[c].weight,
		    (__int128)C.weight * UNIT);
		v[f++] = kim_hundredths_fmt(h, num[i + 1]);
		if (k->explain)
			explain(k, e, c, C.weight, h, &k->ex);
	}
	v[f++] = kim_hundredths_fmt(half_up(e->total[at],
	    (__int128)S.weight * UNIT), num[k->ncomp + 1]);
	if (rb->nstages && k->stage < 0)
		v[f++] = S.name;
	if (rb->nstages && k->stage >= 0)
		v[f++] = S.advance && e->rank[at] <= S.advance ? "yes" : "no";
	if (k->explain)
		v[f++] = k->ex.s;
	return v;
}

size_t
kim_ranking_out(struct kim_ranking *k, struct kim_out *out)
{
	for (size_t r = 0; r < k->n; r++)
		kim_out_row(out, kim_ranking_row(k, r));
	return k->n;
}

void
kim_ranking_free(struct kim_ranking *k)
{
	if (!k)
		return;
	free(k->cols);
	free(k->order);
	free(k->rank);
	free(k->v);
	free(k->num);
	kim_buf_free(&k->ex);
	free(k);
}
