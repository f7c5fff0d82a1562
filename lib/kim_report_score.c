/*
 * kim_report_score: kim-report's section of a competition.  The rubric
 * and the score sheets are those of kim-score (kim_score_cli), read as
 * the files are now, as the report's lists are; the entrants take their
 * names from the register the report reads, and are ranked by
 * kim_score_rank, the whole competition as kim-score ranks it without
 * --stage.
 */
#include <stdlib.h>
#include <string.h>

#include "kim_i18n.h"
#include "kim_report_doc.h"
#include "kim_report_score.h"
#include "kim_util.h"

struct kim_report_score {
	struct kim_rubric rb;
	struct kim_scores s;
	struct kim_ranking *k;
	size_t left_out;	/* entrants outside the report's regions */
};

/* How the judges' scores of a component join, in a sentence */
static const char *const combined[3] = { N_("the mean"), N_("the median"),
    N_("the trimmed mean (without the highest and the lowest score)") };

struct kim_report_score *
kim_report_score_load(const struct kim_score_args *a, struct kim_cli *cli)
{
	struct kim_report_score *x = kim_calloc(1, sizeof *x);

	kim_score_load(a, cli, &x->rb, &x->s);
	return x;
}

void
kim_report_score_record(struct kim_report_score *x,
    const struct kim_record *k)
{
	kim_scores_record(&x->s, k);
}

void
kim_report_score_rank(struct kim_report_score *x, int limited)
{
	if (kim_scores_known(&x->s, limited) || kim_score_rank(&x->s))
		exit(KIM_EXIT_DATA);
	x->k = kim_ranking_new(&x->s, -1, 0);
	x->left_out = x->s.n - kim_ranking_n(x->k);
}

/* The rubric's day against the period: -1 before, 0 in, 1 after; 2 none */
static int
when(const struct kim_rubric *rb, const struct kim_period *p,
    struct kim_date *day)
{
	if (!rb->date || kim_date_parse(rb->date, day) != 0)
		return 2;
	return kim_date_cmp(day, &p->from) < 0 ? -1 :
	    kim_date_cmp(day, &p->to) > 0 ? 1 : 0;
}

/* The KIM that entered stage st */
static size_t
entered(const struct kim_report_score *x, size_t st)
{
	size_t n = 0;

	for (size_t i = 0; i < kim_ranking_n(x->k); i++)
		n += kim_ranking_entrant(x->k, i)->reached >= (int)st;
	return n;
}

static const char *
region_name(const struct kim_ctx *ctx, const char *code)
{
	const struct kim_region *reg = kim_wilayah_find(&ctx->w, code);

	return reg ? reg->name : code;
}

void
kim_report_score_doc(struct doc *d, struct kim_report_score *x,
    const struct kim_period *p, const struct kim_ctx *ctx, size_t limit)
{
	static const char *const head[] = { N_("rank"), "id", N_("name"),
	    N_("region"), N_("total"), N_("stage") };
	const struct kim_rubric *rb = &x->rb;
	struct kim_buf title = { 0 };
	struct kim_date day;
	size_t ncols, n = kim_ranking_n(x->k), tot;
	int at = when(rb, p, &day), stages = rb->nstages > 0;
	char words[32], total[32];

	kim_ranking_cols(x->k, &ncols);
	tot = ncols - 1 - (size_t)stages;
	if (rb->name)
		kim_buf_addf(&title, "'%s' (%s)", rb->name,
		    kim_base_name(rb->path));
	else
		kim_buf_adds(&title, kim_base_name(rb->path));
	kim_doc_heading(d, 2, _("Competition ranking"));
	if (at == 2)
		kim_doc_paraf(d, _("The competition %s, its rubric without a "
		    "date: KIM ranked: %zu; judges: %zu; the scores of each "
		    "component combined by %s."), kim_buf_str(&title), n,
		    x->s.njudges, _(combined[rb->combine]));
	else
		kim_doc_paraf(d, _("The competition %s, held on %s: KIM "
		    "ranked: %zu; judges: %zu; the scores of each component "
		    "combined by %s."), kim_buf_str(&title),
		    kim_doc_day(&day, words), n, x->s.njudges,
		    _(combined[rb->combine]));
	kim_buf_free(&title);
	if (at == -1 || at == 1)
		kim_doc_paraf(d, _("Its day is %s the period of this report: "
		    "the ranking is of the score sheets as they are now."),
		    at < 0 ? _("before") : _("after"));
	if (x->left_out && n)
		kim_doc_paraf(d, _("KIM scored outside the regions of this "
		    "report, not ranked: %zu; the ranks are among the others."),
		    x->left_out);
	if (n == 0 && x->s.n)
		kim_doc_paraf(d, _("None of the %zu KIM scored is inside the "
		    "regions of this report."), x->s.n);
	else if (n == 0)
		kim_doc_paraf(d, _("The score sheets hold no scores."));
	if (n == 0 && !kim_doc_book(d))
		return;		/* a workbook's sheet has its header row */
	for (size_t st = 0; st < rb->nstages; st++)
		kim_doc_paraf(d, st + 1 < rb->nstages ?
		    _("Stage %s: KIM: %zu; the best %ld go on.") :
		    _("Stage %s: KIM: %zu; the best %ld win."),
		    rb->s[st].name, entered(x, st), rb->s[st].advance);
	kim_doc_table(d, (const char *[]){ _(head[0]), head[1], _(head[2]),
	    _(head[3]), _(head[4]), _(head[5]) }, 5 + (size_t)stages,
	    "rlllrl");
	for (size_t i = 0; i < n && i < limit; i++) {
		const char *const *v = kim_ranking_row(x->k, i);
		snprintf(total, sizeof total, "%s", v[tot]);
		if (!kim_doc_book(d))
			kim_decimal(total);	/* 85,50 in Indonesian */
		kim_doc_row(d, (const char *[]){ v[0], v[1], v[2],
		    region_name(ctx, v[3]), total, stages ? v[tot + 1] : "" });
	}
	kim_doc_table_end(d);
	if (n > limit)
		kim_doc_paraf(d, _("And %zu more, in the report's JSON and "
		    "workbook (-f json, -f xlsx) and by kim-score."), n - limit);
}

json_t *
kim_report_score_json(struct kim_report_score *x, const struct kim_period *p,
    const struct kim_ctx *ctx)
{
	const struct kim_rubric *rb = &x->rb;
	const struct kim_col *cols;
	struct kim_date day;
	json_t *o = json_object(), *a;
	size_t ncols;
	int at = when(rb, p, &day);

	cols = kim_ranking_cols(x->k, &ncols);
	json_object_set_new(o, "rubric", json_string(rb->path));
	json_object_set_new(o, "name", rb->name ? json_string(rb->name) :
	    json_null());
	json_object_set_new(o, "date", rb->date ? json_string(rb->date) :
	    json_null());
	json_object_set_new(o, "in_period", at == 2 ? json_null() :
	    json_boolean(at == 0));
	json_object_set_new(o, "combine", json_string(
	    kim_combine_names[rb->combine]));
	json_object_set_new(o, "judges", json_integer((json_int_t)
	    x->s.njudges));
	json_object_set_new(o, "scored", json_integer((json_int_t)x->s.n));
	json_object_set_new(o, "ranked", json_integer((json_int_t)
	    kim_ranking_n(x->k)));
	if (rb->nstages) {
		a = json_array();
		for (size_t st = 0; st < rb->nstages; st++) {
			json_t *y = json_object();
			json_object_set_new(y, "name", json_string(
			    rb->s[st].name));
			json_object_set_new(y, "entrants", json_integer(
			    (json_int_t)entered(x, st)));
			json_object_set_new(y, "advance", json_integer(
			    rb->s[st].advance));
			json_array_append_new(a, y);
		}
		json_object_set_new(o, "stages", a);
	} else
		json_object_set_new(o, "stages", json_null());
	/* each row as kim-score -f json writes it, with region_name */
	a = json_array();
	for (size_t i = 0; i < kim_ranking_n(x->k); i++) {
		const char *const *v = kim_ranking_row(x->k, i);
		json_t *row = kim_out_object(cols, ncols, v), *y = json_object();
		for (void *it = json_object_iter(row); it;
		    it = json_object_iter_next(row, it)) {
			const char *key = json_object_iter_key(it);
			json_object_set(y, key, json_object_iter_value(it));
			if (strcmp(key, "region") == 0)
				json_object_set_new(y, "region_name",
				    json_string(region_name(ctx, v[3])));
		}
		json_decref(row);
		json_array_append_new(a, y);
	}
	json_object_set_new(o, "ranking", a);
	return o;
}

void
kim_report_score_free(struct kim_report_score *x)
{
	if (!x)
		return;
	kim_ranking_free(x->k);
	kim_scores_free(&x->s);
	kim_rubric_free(&x->rb);
	free(x);
}
