/* kim_report: the figures and lists of the periodic report */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kim_actread.h"
#include "kim_check.h"
#include "kim_file.h"
#include "kim_folder.h"
#include "kim_git.h"
#include "kim_input.h"
#include "kim_origin.h"
#include "kim_report.h"
#include "kim_report_score.h"
#include "kim_select.h"
#include "kim_store.h"

const char *const kim_change_names[KIM_CH_N] = {
	N_("registered"), N_("updated"), N_("deactivated"), N_("dissolved"),
	N_("reactivated"), N_("removed"), N_("verified"), N_("imported")
};

/* How many periods the history chart shows, the report's own included */
#define HISTORY 12

/* A diagnostic sink that keeps nothing: the reader's findings are kim-check's */
static void
drop(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	(void)d; (void)file; (void)line; (void)col; (void)msg;
}

static void
keep_problem(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	struct kim_report *r = d->ctx;
	char place[4096];

	if (d->warning) {
		/* a warning (a name over its limit) is said as readers say it */
		kim_place(place, sizeof place, file, line, col);
		kim_warn("%s%s", place, msg);
		return;
	}
	r->problems = kim_reallocarray(r->problems, r->nproblems + 1,
	    sizeof *r->problems);
	r->problems[r->nproblems++] = (struct kim_problem){
		kim_strdup(file ? file : ""), line, col, kim_strdup(msg)
	};
}

static int cmp_day(const void *, const void *);
static int cmp_stale(const void *, const void *);
static int cmp_order(const void *, const void *);

/* qsort, which may not be given a null array even of no elements */
static void
sort(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, cmp);
}

static long
region_of(const struct kim_ctx *ctx, const struct kim_record *k)
{
	const struct kim_region *reg = kim_wilayah_find(&ctx->w,
	    k->f[KIM_F_REGION]);

	return reg ? reg - ctx->w.r : -1;
}

static void
entry_free(struct kim_entry *x)
{
	free(x->id);
	free(x->name);
	free(x->author);
}

/* Sort the list, and keep only its first keep entries. */
static void
entries_trim(struct kim_entries *e)
{
	sort(e->v, e->n, sizeof *e->v, e->cmp);
	for (; e->keep && e->n > e->keep; e->n--)
		entry_free(&e->v[e->n - 1]);
	e->full = e->keep && e->n == e->keep;
}

/* An entry of kind, of the day d (NULL: of none) */
static struct kim_entry
entry_on(int kind, const struct kim_date *d)
{
	struct kim_entry x = { .kind = kind, .months = -1 };

	if (d) {
		x.day = *d;
		x.has_day = 1;
	}
	return x;
}

/*
 * x, its place in the order filled in (day, has_day, kind, months, days),
 * added as record k's: unless the list is full and the first keep already
 * come before x, as ties do (they were found first).  x's names are copied
 * only when it is kept.  The entry held, or NULL.
 */
static struct kim_entry *
entry_add(struct kim_entries *e, struct kim_entry x, const struct kim_record *k,
    long region)
{
	x.order = (long)e->total++;
	if (e->full && e->cmp(&x, &e->v[e->keep - 1]) > 0)
		return NULL;
	if (e->keep && e->n == 2 * e->keep)
		entries_trim(e);	/* the first keep in order stay */
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 64;
		e->v = kim_reallocarray(e->v, e->cap, sizeof *e->v);
	}
	x.id = kim_strdup(k->f[KIM_F_ID]);
	x.name = kim_strdup(k->f[KIM_F_NAME]);
	x.region = region;
	e->v[e->n] = x;
	return &e->v[e->n++];
}

static void
entries_free(struct kim_entries *e)
{
	for (size_t i = 0; i < e->n; i++)
		entry_free(&e->v[i]);
	free(e->v);
}

/* One KIM counted into figures; marks[i] == stamp: village i counted. */
static void
count(struct kim_figures *f, const struct kim_ctx *ctx, long region,
    int status, uint32_t *marks, uint32_t stamp)
{
	f->total++;
	f->status[status]++;
	if (status == 0 && kim_level_is_village(ctx->w.r[region].level) &&
	    marks[region] != stamp) {
		marks[region] = stamp;
		f->covered++;
	}
}

/*
 * Without git: the day the KIM came into the register, in *d: the day it
 * was registered (a record without the date: formed); 0 when the record
 * cannot say.  It is in the register at the end of that day and of every
 * day after, with the status it has now: the records do not say what it
 * was before their last update.
 */
static int
entered(const struct kim_record *k, struct kim_date *d)
{
	return kim_date_parse(k->f[KIM_F_REGISTERED], d) == 0 ||
	    kim_date_parse(k->f[KIM_F_FORMED], d) == 0;
}

static int
in_period(const struct kim_report *r, const char *s, struct kim_date *d)
{
	return kim_date_parse(s, d) == 0 &&
	    kim_date_cmp(d, &r->period.from) >= 0 &&
	    kim_date_cmp(d, &r->period.to) <= 0;
}

/*
 * Without git, the changes of the period from the dates: registered then,
 * and updated then (what the update was, the record does not say, but an
 * update on the day of its verified date is taken for a verification).
 */
static void
dated_changes(struct kim_report *r, const struct kim_record *k, long region)
{
	struct kim_date reg, upd;
	int registered = in_period(r, k->f[KIM_F_REGISTERED], &reg);

	if (registered)
		entry_add(&r->changes, entry_on(KIM_CH_REGISTERED, &reg), k,
		    region);
	if (in_period(r, k->f[KIM_F_UPDATED], &upd) &&
	    (!registered || kim_date_cmp(&upd, &reg) != 0))
		/* updated on the day it was verified: a verification */
		entry_add(&r->changes, entry_on(strcmp(k->f[KIM_F_UPDATED],
		    k->f[KIM_F_VERIFIED]) ? KIM_CH_UPDATED : KIM_CH_VERIFIED,
		    &upd), k, region);
}

struct pass {
	struct kim_report *r;
	const struct kim_ctx *ctx;
	uint32_t *marks;	/* dates method: start, then end */
	struct kim_ctx rules_ctx;	/* on the day the rules are applied */
	struct kim_ctx act_ctx;		/* with the activity log */
	struct kim_verdict v;
};

/*
 * Without git, the figures at the start and the end of the period from
 * the day the KIM came into the register
 */
static void
dated_counts(struct pass *p, const struct kim_record *k, long region,
    int status)
{
	struct kim_report *r = p->r;
	struct kim_date in;

	if (!entered(k, &in))
		return;
	int at_end = kim_date_cmp(&in, &r->period.to) <= 0;
	/* coverage on the period's last day, as the headline's end */
	if (status == 0 && at_end)
		kim_coverage_add(&r->cov, k);
	if (kim_date_cmp(&in, &r->start_day) <= 0)
		count(&r->start, p->ctx, region, status, p->marks, 1);
	if (at_end)
		count(&r->end, p->ctx, region, status, p->marks + p->ctx->w.n,
		    1);
}

/*
 * An aktif KIM: on the dormant list when it has no activity in the
 * window, with the day it was last active (else formed) and the days since
 */
static void
dormant(struct kim_report *r, const struct kim_ctx *ctx,
    const struct kim_record *k, long region)
{
	long as_of = kim_date_days(&r->as_of), since, last, recent;
	struct kim_entry x = entry_on(0, NULL);
	struct kim_date formed;

	/* under its id and its former ones (kim-register --recode) */
	kim_record_activity(k, ctx, &last, &recent);
	if (recent > 0)
		return;
	if (last != KIM_ACTSUM_NONE) {
		x.has_day = 1;
		x.day = kim_date_from_days(since = last);
	} else if (kim_date_parse(k->f[KIM_F_FORMED], &formed) == 0) {
		x.day = formed;
		since = kim_date_days(&formed);
	} else
		since = as_of;	/* not a date: kim-check says so */
	x.days = as_of - since;
	entry_add(&r->dormant, x, k, region);
}

/* Every record of the register as it is now. */
static int
on_record(void *arg, struct kim_record *k)
{
	struct pass *p = arg;
	struct kim_report *r = p->r;
	long region = region_of(p->ctx, k);
	int status = kim_status_index(k->f[KIM_F_STATUS]);
	struct kim_entry x;

	if (region < 0 || status < 0 || !kim_filter_match(&r->where, k, p->ctx))
		return 0;
	if (r->score)	/* an entrant of the competition takes its name */
		kim_report_score_record(r->score, k);
	if (!r->git) {
		dated_counts(p, k, region, status);
		dated_changes(r, k, region);
	}
	if (status != 2 && kim_is_stale(k, r->stale, &r->as_of)) {
		x = entry_on(0, NULL);
		if (kim_date_parse(k->f[KIM_F_VERIFIED], &x.day) == 0) {
			x.has_day = 1;
			x.months = kim_date_months(&x.day, &r->as_of);
		}
		entry_add(&r->stale_list, x, k, region);
	}
	if (r->logged && status == KIM_ST_AKTIF)
		dormant(r, &p->act_ctx, k, region);
	if (r->rules) {
		r->considered++;
		p->v.n = 0;
		if (kim_rules_apply(r->rules, k, &p->rules_ctx, &p->v)) {
			x = entry_on(0, NULL);
			x.has_day = kim_date_parse(k->f[KIM_F_FORMED],
			    &x.day) == 0;
			entry_add(&r->eligible, x, k, region);
		}
		for (size_t i = 0; i < p->v.n; i++)
			r->failed[p->v.crit[i]]++;
	}
	return 0;
}

/* --- from git history ------------------------------------------------- */

/* The figures of one register file as committed, kept by its blob. */
struct blobfig {
	char oid[41];
	struct kim_figures f;
};

struct history {
	struct kim_report *r;
	const struct kim_ctx *ctx;
	struct kim_git *g;
	struct kim_git_rev *log;	/* newest first */
	size_t nlog;
	struct blobfig *cache;		/* in the order of oid */
	size_t ncache;
	uint32_t *marks, stamp;
	struct kim_buf blob;
	struct kim_figures *fig;	/* counted into */
	struct kim_coverage *cov;	/* or its aktif KIM added to */
	struct kim_record **held;	/* or records held to compare */
	size_t nheld;
	int holding;
	struct kim_diag quiet;
	struct kim_origin *origin;	/* of the merge being read, or NULL */
};

static int
cmp_blobfig(const void *a, const void *b)
{
	return strcmp(((const struct blobfig *)a)->oid,
	    ((const struct blobfig *)b)->oid);
}

/* Can register file NAME.csv hold a record inside the selection? */
static int
file_selected(const struct kim_report *r, const char *name)
{
	return kim_register_file_holds(name, r->regions, r->nregions);
}

static int
on_blob_record(void *arg, struct kim_record *k)
{
	struct history *h = arg;
	long region = region_of(h->ctx, k);
	int status = kim_status_index(k->f[KIM_F_STATUS]);

	if (region < 0 || status < 0 || !kim_filter_match(&h->r->where, k,
	    h->ctx))
		return 0;
	if (h->fig)
		count(h->fig, h->ctx, region, status, h->marks, h->stamp);
	if (h->cov && status == 0)
		kim_coverage_add(h->cov, k);
	if (h->holding) {
		h->held = kim_reallocarray(h->held, h->nheld + 1,
		    sizeof *h->held);
		h->held[h->nheld++] = kim_record_dup(k);
	}
	return 0;
}

/* Read one committed register file into the figures and/or the list. */
static void
read_blob(struct history *h, const struct kim_git_file *f)
{
	kim_git_blob(h->g, f->oid, &h->blob);
	h->stamp++;
	kim_read_buf(f->name, h->blob.s ? h->blob.s : "", h->blob.len,
	    KIM_READ_REGISTER, h->ctx, on_blob_record, h, &h->quiet);
}

/* The figures of one committed register file: read once per blob. */
static struct kim_figures
blob_figures(struct history *h, const struct kim_git_file *f)
{
	struct blobfig key = { .f = { 0 } }, *c;
	size_t at;

	memcpy(key.oid, f->oid, sizeof key.oid);
	c = h->ncache ? bsearch(&key, h->cache, h->ncache, sizeof *h->cache,
	    cmp_blobfig) : NULL;
	if (c)
		return c->f;
	h->fig = &key.f;
	read_blob(h, f);
	h->fig = NULL;
	h->cache = kim_reallocarray(h->cache, h->ncache + 1, sizeof *h->cache);
	for (at = h->ncache; at > 0 && strcmp(h->cache[at - 1].oid, key.oid) > 0;
	    at--)
		h->cache[at] = h->cache[at - 1];
	h->cache[at] = key;
	h->ncache++;
	return key.f;
}

/* The figures of the register as committed in commit id ("": none yet). */
static struct kim_figures
figures_at(struct history *h, const char *id)
{
	struct kim_figures sum = { 0 };
	struct kim_git_file *files;
	size_t n;

	if (!*id)
		return sum;
	files = kim_git_files(h->g, id, &n);
	for (size_t i = 0; i < n; i++) {
		if (!file_selected(h->r, files[i].name))
			continue;
		struct kim_figures f = blob_figures(h, &files[i]);
		sum.total += f.total;
		for (int s = 0; s < 3; s++)
			sum.status[s] += f.status[s];
		sum.covered += f.covered;
	}
	kim_git_files_free(files, n);
	return sum;
}

/*
 * The coverage of the register as committed in commit id ("": none yet):
 * the table of the report is of the day of the headline's end.
 */
static void
coverage_at(struct history *h, const char *id)
{
	struct kim_git_file *files;
	size_t n;

	if (!*id)
		return;
	files = kim_git_files(h->g, id, &n);
	h->cov = &h->r->cov;
	for (size_t i = 0; i < n; i++)
		if (file_selected(h->r, files[i].name))
			read_blob(h, &files[i]);
	h->cov = NULL;
	kim_git_files_free(files, n);
}

/* The newest commit made on or before day d: its index in the log, or -1 */
static long
commit_on(const struct history *h, const struct kim_date *d)
{
	for (size_t i = 0; i < h->nlog; i++)
		if (kim_date_cmp(&h->log[i].day, d) <= 0)
			return (long)i;
	return -1;
}

static const char *
commit_id(const struct history *h, long i)
{
	return i < 0 ? "" : h->log[i].id;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct kim_git_file *)a)->name,
	    ((const struct kim_git_file *)b)->name);
}

static int
cmp_id(const void *a, const void *b)
{
	return strcmp((*(struct kim_record *const *)a)->f[KIM_F_ID],
	    (*(struct kim_record *const *)b)->f[KIM_F_ID]);
}

/* The records of a committed register file inside the selection, by id */
static struct kim_record **
hold(struct history *h, const struct kim_git_file *f, size_t *n)
{
	struct kim_record **v;

	h->held = NULL;
	h->nheld = 0;
	if (f && file_selected(h->r, f->name)) {
		h->holding = 1;
		read_blob(h, f);
		h->holding = 0;
		sort(h->held, h->nheld, sizeof *h->held, cmp_id);
	}
	v = h->held;
	*n = h->nheld;
	h->held = NULL;
	return v;
}

/*
 * Record k of register file name changed in commit i from was (NULL: k is
 * new; k itself: k is gone): credited to the commit that made the change,
 * which is not commit i when commit i is a merge that brought it
 * (kim_origin_of).
 */
static void
change(struct history *h, const char *name, const struct kim_record *was,
    const struct kim_record *k, int kind, long i)
{
	const struct kim_git_rev *by = &h->log[i];
	struct kim_entry *e;
	struct kim_buf author = { 0 };

	if (by->merge) {
		if (!h->origin)
			h->origin = kim_origin_new(h->g, h->ctx, by->id);
		by = kim_origin_of(h->origin, name, k->f[KIM_F_ID], was,
		    kind == KIM_CH_REMOVED ? NULL : k);
	}
	e = entry_add(&h->r->changes, entry_on(kind, &by->day), k,
	    region_of(h->ctx, k));
	if (!e)
		return;		/* after the first keep: never shown */
	/* a name git holds in another encoding: UTF-8 for every format */
	kim_buf_add_utf8(&author, by->author, strlen(by->author));
	e->author = kim_strdup(kim_buf_str(&author));
	kim_buf_free(&author);
}

/* What changed between a and b of one status: 0 nothing, else a kind */
static int
what_changed(const struct kim_record *a, const struct kim_record *b)
{
	int other = 0, verified = 0;

	for (int f = 0; f < KIM_NFIELDS; f++)
		if (strcmp(a->f[f], b->f[f]) != 0) {
			if (f == KIM_F_VERIFIED)
				verified = 1;
			else if (f != KIM_F_UPDATED)
				other = 1;
		}
	return other ? KIM_CH_UPDATED : verified ? KIM_CH_VERIFIED :
	    strcmp(a->f[KIM_F_UPDATED], b->f[KIM_F_UPDATED]) ? KIM_CH_UPDATED :
	    0;
}

/* r's kim_record_key, a new string */
static char *
key_of(const struct kim_record *r)
{
	struct kim_buf k = { 0 };

	kim_record_key(r, &k);
	kim_buf_str(&k);
	return k.s;
}

/*
 * Which record of old each of now is (an index, or -1): the one at its id
 * that is the same KIM; else the same KIM at another id (a merge gave it a
 * new number, and another KIM its id); else the one at its id (renamed).
 */
static long *
pair(struct kim_record **old, size_t nold, struct kim_record **now,
    size_t nnow)
{
	long *p = kim_calloc(nnow ? nnow : 1, sizeof *p);
	char *paired = kim_calloc(nold ? nold : 1, 1);
	char **ko = kim_calloc(nold ? nold : 1, sizeof *ko);
	char **kn = kim_calloc(nnow ? nnow : 1, sizeof *kn);
	size_t a = 0, b;

	for (b = 0; b < nnow; b++) {
		p[b] = -1;
		while (a < nold && strcmp(old[a]->f[KIM_F_ID],
		    now[b]->f[KIM_F_ID]) < 0)
			a++;
		if (a < nold && !strcmp(old[a]->f[KIM_F_ID], now[b]->f[KIM_F_ID]))
			p[b] = (long)a;
	}
	for (a = 0; a < nold; a++)
		ko[a] = key_of(old[a]);
	for (b = 0; b < nnow; b++) {
		kn[b] = key_of(now[b]);
		if (p[b] >= 0 && strcmp(ko[p[b]], kn[b]) != 0)
			p[b] = -1;
		else if (p[b] >= 0)
			paired[p[b]] = 1;
	}
	for (b = 0; b < nnow; b++)
		for (a = 0; p[b] < 0 && a < nold; a++)
			if (!paired[a] && !strcmp(ko[a], kn[b]) &&
			    strcmp(old[a]->f[KIM_F_ID], now[b]->f[KIM_F_ID])) {
				p[b] = (long)a;
				paired[a] = 1;
			}
	for (b = 0, a = 0; b < nnow; b++) {
		while (a < nold && strcmp(old[a]->f[KIM_F_ID],
		    now[b]->f[KIM_F_ID]) < 0)
			a++;
		if (p[b] < 0 && a < nold && !paired[a] &&
		    !strcmp(old[a]->f[KIM_F_ID], now[b]->f[KIM_F_ID])) {
			p[b] = (long)a;
			paired[a] = 1;
		}
	}
	for (a = 0; a < nold; a++)
		free(ko[a]);
	for (b = 0; b < nnow; b++)
		free(kn[b]);
	free(ko);
	free(kn);
	free(paired);
	return p;
}

/* The records of one register file that commit i changed. */
static void
compare(struct history *h, long i, const char *name,
    const struct kim_git_file *was, const struct kim_git_file *is)
{
	static const int to[3] = { KIM_CH_REACTIVATED, KIM_CH_DEACTIVATED,
	    KIM_CH_DISSOLVED };
	size_t a = 0, b = 0, nold, nnow;
	int kind;
	struct kim_record **old = hold(h, was, &nold);
	struct kim_record **now = hold(h, is, &nnow);
	long *p = pair(old, nold, now, nnow);
	char *kept = kim_calloc(nold ? nold : 1, 1);

	for (b = 0; b < nnow; b++)
		if (p[b] >= 0)
			kept[p[b]] = 1;
	for (b = 0; a < nold || b < nnow;) {
		int c = a == nold ? 1 : b == nnow ? -1 :
		    strcmp(old[a]->f[KIM_F_ID], now[b]->f[KIM_F_ID]);
		if (c <= 0 && !kept[a])
			change(h, name, old[a], old[a], KIM_CH_REMOVED, i);
		if (c <= 0)
			a++;
		if (c < 0)
			continue;
		if (p[b] < 0) {
			/* a legacy KIM brought in with its own earlier date */
			struct kim_date reg;
			kind = kim_date_parse(now[b]->f[KIM_F_REGISTERED],
			    &reg) == 0 && kim_date_cmp(&reg,
			    &h->r->period.from) < 0 ? KIM_CH_IMPORTED :
			    KIM_CH_REGISTERED;
			change(h, name, NULL, now[b], kind, i);
		} else {
			const struct kim_record *o = old[p[b]], *n = now[b];
			int s = kim_status_index(n->f[KIM_F_STATUS]);
			if (s != kim_status_index(o->f[KIM_F_STATUS]))
				change(h, name, o, n, to[s], i);
			else if ((kind = what_changed(o, n)) != 0)
				change(h, name, o, n, kind, i);
		}
		b++;
	}
	free(p);
	free(kept);
	for (a = 0; a < nold; a++)
		kim_record_free(old[a]);
	for (b = 0; b < nnow; b++)
		kim_record_free(now[b]);
	free(old);
	free(now);
}

/*
 * The changes commit i made to the register, against its first parent;
 * a merge's, each credited to the commit that made it.
 */
static void
commit_changes(struct history *h, long i)
{
	struct kim_git_file *was = NULL, *is;
	size_t nwas = 0, nis, a = 0, b = 0;

	is = kim_git_files(h->g, h->log[i].id, &nis);
	if ((size_t)i + 1 < h->nlog)
		was = kim_git_files(h->g, h->log[i + 1].id, &nwas);
	sort(is, nis, sizeof *is, cmp_name);
	sort(was, nwas, sizeof *was, cmp_name);
	while (a < nwas || b < nis) {
		int c = a == nwas ? 1 : b == nis ? -1 :
		    strcmp(was[a].name, is[b].name);
		if (c < 0) {
			compare(h, i, was[a].name, &was[a], NULL);
			a++;
		} else if (c > 0) {
			compare(h, i, is[b].name, NULL, &is[b]);
			b++;
		} else {
			if (strcmp(was[a].oid, is[b].oid) != 0)
				compare(h, i, is[b].name, &was[a], &is[b]);
			a++;
			b++;
		}
	}
	kim_git_files_free(was, nwas);
	kim_git_files_free(is, nis);
	kim_origin_free(h->origin);
	h->origin = NULL;
}

/* The headline, the changes and the history chart from git. */
static void
from_git(struct kim_report *r, const struct kim_ctx *ctx, struct kim_git *g,
    struct kim_git_rev *log, size_t nlog)
{
	struct history h = { .r = r, .ctx = ctx, .g = g, .log = log,
	    .nlog = nlog };
	struct kim_period p = r->period;
	long i;

	h.quiet.report = drop;
	h.marks = kim_calloc(ctx->w.n ? ctx->w.n : 1, sizeof *h.marks);
	snprintf(r->start_commit, sizeof r->start_commit, "%s",
	    commit_id(&h, commit_on(&h, &r->start_day)));
	snprintf(r->end_commit, sizeof r->end_commit, "%s",
	    commit_id(&h, commit_on(&h, &r->period.to)));
	r->start = figures_at(&h, r->start_commit);
	r->end = figures_at(&h, r->end_commit);
	coverage_at(&h, r->end_commit);
	/* the commits of the period, oldest first */
	for (i = (long)nlog - 1; i >= 0; i--)
		if (kim_date_cmp(&log[i].day, &r->period.from) >= 0 &&
		    kim_date_cmp(&log[i].day, &r->period.to) <= 0)
			commit_changes(&h, i);
	/* the last periods, from the first that ends after a commit: before
	   it the register was not kept here, which is no zero to draw */
	r->history = kim_calloc(HISTORY, sizeof *r->history);
	r->nhistory = 0;
	for (int k = HISTORY - 1; k >= 0; k--) {
		long c = commit_on(&h, &p.to);
		if (c < 0)
			break;
		r->history[k].period = p;
		r->history[k].covered = figures_at(&h, commit_id(&h, c)).covered;
		r->nhistory++;
		p = kim_period_prev(&p);
	}
	memmove(r->history, r->history + HISTORY - r->nhistory,
	    r->nhistory * sizeof *r->history);
	free(h.cache);
	free(h.marks);
	kim_buf_free(&h.blob);
}

/* --- the rows and lists in their order -------------------------------- */

static int
cmp_row(const void *a, const void *b)
{
	const struct kim_cov_row *x = a, *y = b;

	if (x->has_target != y->has_target)
		return x->has_target ? -1 : 1;
	if (x->has_target && x->gap != y->gap)
		return x->gap > y->gap ? -1 : 1;
	return strcmp(x->region, y->region);
}

/* In the order they were found (the register's) */
static int
cmp_order(const void *a, const void *b)
{
	const struct kim_entry *x = a, *y = b;

	return (x->order > y->order) - (x->order < y->order);
}

static int
cmp_day(const void *a, const void *b)
{
	const struct kim_entry *x = a, *y = b;
	int c = kim_date_cmp(&x->day, &y->day);

	return c ? c : cmp_order(a, b);
}

/* Never verified first, then the longest ago. */
static int
cmp_stale(const void *a, const void *b)
{
	const struct kim_entry *x = a, *y = b;

	if (x->has_day != y->has_day)
		return x->has_day ? 1 : -1;
	return cmp_day(a, b);
}

/*
 * Idle the longest first: by the day last active, a KIM never active by
 * the day it was formed and before one last active that day
 */
static int
cmp_dormant(const void *a, const void *b)
{
	const struct kim_entry *x = a, *y = b;

	if (x->days != y->days)
		return x->days > y->days ? -1 : 1;
	if (x->has_day != y->has_day)
		return x->has_day ? 1 : -1;
	return cmp_order(a, b);
}

/*
 * The activity log summed up, when the folder has one: by KIM, and the
 * period's activities of the selection by week; its bad rows are the
 * report's problems.
 */
static void
read_activity(struct kim_report *r, struct kim_diag *keep)
{
	char *path = kim_path(r->dir, KIM_ACTIVITY_DIR);
	struct stat st;
	long n;

	r->logged = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	free(path);
	kim_actsum_init(&r->activity, &r->as_of, KIM_ACTIVITY_WINDOW);
	if (!r->logged)
		return;
	kim_actsum_period(&r->activity, &r->period.from, &r->period.to,
	    r->regions, r->nregions);
	n = kim_actread_sum(&r->activity, r->dir, r->regions, r->nregions,
	    keep);
	if (n < 0) {
		const struct kim_problem *p = &r->problems[r->nproblems - 1];
		char place[4096];
		kim_place(place, sizeof place, p->file, p->line, p->col);
		kim_die(KIM_EXIT_IO, "%s%s", place, p->msg);
	}
	for (size_t w = 0; w < r->activity.nweeks; w++)
		r->activities += r->activity.weeks[w];
	for (size_t i = 0; i < r->activity.cap; i++)
		r->active += r->activity.slot[i].id &&
		    r->activity.slot[i].period > 0;
}

/* The boundaries of the rows' level: --map FILE, else the data folder's. */
static void
load_map(struct kim_report *r, const struct kim_ctx *ctx,
    const struct kim_cov_sel *sel, struct kim_diag *d)
{
	char *path = r->map_path ? kim_strdup(r->map_path) :
	    kim_map_boundaries(r->dir, r->depth);
	long n;

	if (!path)
		return;
	n = kim_map_load(&r->map, path, r->map_path ? 0 : KIM_OPEN_REGULAR,
	    &ctx->w, r->depth, sel, d);
	free(path);
	if (n != 0)
		exit(n < 0 ? KIM_EXIT_IO : KIM_EXIT_DATA);
	r->has_map = r->map.n > 0;
}

static void
coverage_rows(struct kim_report *r, const struct kim_ctx *ctx,
    struct kim_diag *d)
{
	long *idx = kim_calloc(r->nregions ? r->nregions : 1, sizeof *idx);
	struct kim_cov_sel sel = { idx, r->nregions };
	struct kim_diag quiet = { .report = drop };
	int top = 4;

	for (size_t i = 0; i < r->nregions; i++) {
		const struct kim_region *reg = kim_wilayah_find(&ctx->w,
		    r->regions[i]);
		idx[i] = reg - ctx->w.r;
		if (kim_level_depth(reg->level) < top)
			top = kim_level_depth(reg->level);
	}
	r->depth = r->nregions == 0 ? 1 : top + 1 > 3 ? 3 : top + 1;
	load_map(r, ctx, &sel, d);
	kim_targets_load(&r->targets, r->dir, &ctx->w, &quiet);
	kim_coverage_sum(&r->cov);
	r->nrows = kim_cov_rows(&r->cov, &sel, r->depth, &r->targets,
	    &r->map_rows);
	if (r->nrows > 0)
		r->rows = kim_reallocarray(NULL, r->nrows, sizeof *r->rows);
	for (size_t i = 0; i < r->nrows; i++) {
		r->rows[i] = r->map_rows[i].cov;
		kim_cov_total_add(&r->total, &r->rows[i]);
	}
	if (!r->has_map) {
		free(r->map_rows);
		r->map_rows = NULL;
	}
	kim_cov_total_end(&r->total);
	r->villages = r->total.villages;
	sort(r->rows, r->nrows, sizeof *r->rows, cmp_row);
	free(idx);
}

/* Has HEAD any register file?  (A folder in someone's dotfiles has not.) */
static int
committed(struct kim_git *g, const struct kim_git_rev *head)
{
	size_t n;
	struct kim_git_file *f = kim_git_files(g, head->id, &n);

	kim_git_files_free(f, n);
	return n > 0;
}

void
kim_report_build(struct kim_report *r, const struct kim_ctx *ctx,
    struct kim_diag *d)
{
	struct pass p = { .r = r, .ctx = ctx };
	struct kim_diag keep = { .report = keep_problem, .ctx = r };
	struct kim_git *g = kim_git_open(r->dir);
	struct kim_git_rev *log = NULL;
	size_t nlog = 0;
	struct kim_lock lock;

	r->start_day = kim_date_from_days(kim_date_days(&r->period.from) - 1);
	r->changes = (struct kim_entries){ .keep = r->keep, .cmp = cmp_day };
	r->stale_list = (struct kim_entries){ .keep = r->keep,
	    .cmp = cmp_stale };
	r->eligible = (struct kim_entries){ .keep = r->keep, .cmp = cmp_order };
	r->dormant = (struct kim_entries){ .keep = r->keep,
	    .cmp = cmp_dormant };
	kim_filter_init(&r->where);
	r->where.regions = r->regions;
	r->where.nregions = r->nregions;
	if (g)
		log = kim_git_log(g, &nlog);
	r->git = nlog > 0 && committed(g, log);
	if (nlog > 0 && !r->git)
		kim_warn("%s is in a git work tree, but its register was never "
		    "committed: the headline and the changes come from the "
		    "records' dates", r->dir);
	kim_coverage_init(&r->cov, &ctx->w);
	r->cov.ctx = ctx;	/* its as-of day: which targets are overdue */
	p.act_ctx = *ctx;
	p.act_ctx.activity = &r->activity;
	p.rules_ctx = *ctx;
	p.rules_ctx.as_of = r->rules_as_of;
	if (r->rules)
		r->failed = kim_calloc(r->rules->n ? r->rules->n : 1,
		    sizeof *r->failed);
	p.marks = kim_calloc(ctx->w.n ? 2 * ctx->w.n : 1, sizeof *p.marks);

	/* one reading: kim-check's findings, and the records */
	kim_lock(&lock, r->dir, 0, 10);
	read_activity(r, &keep);
	kim_check_register(r->dir, ctx, &keep, on_record, &p);
	kim_unlock(&lock);
	if (r->git)
		from_git(r, ctx, g, log, nlog);

	coverage_rows(r, ctx, d);
	entries_trim(&r->changes);
	entries_trim(&r->stale_list);
	entries_trim(&r->eligible);
	entries_trim(&r->dormant);
	kim_verdict_free(&p.v);
	free(p.marks);
	kim_git_log_free(log, nlog);
	kim_git_close(g);
}

void
kim_report_free(struct kim_report *r)
{
	entries_free(&r->changes);
	entries_free(&r->stale_list);
	entries_free(&r->eligible);
	entries_free(&r->dormant);
	kim_actsum_free(&r->activity);
	for (size_t i = 0; i < r->nproblems; i++) {
		free(r->problems[i].file);
		free(r->problems[i].msg);
	}
	free(r->problems);
	free(r->failed);
	free(r->rows);
	free(r->map_rows);
	kim_map_free(&r->map);
	free(r->history);
	kim_coverage_free(&r->cov);
	kim_targets_free(&r->targets);
}
