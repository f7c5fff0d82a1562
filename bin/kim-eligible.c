/* kim-eligible: apply a rule set, print the eligible KIM or explain */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"
#include "kim_actsum.h"

static const char usage[] =
    "--rules FILE [--explain] [--ineligible]\n"
    "[-c] [-r PREFIX]... [-d DIR] [-f FMT] [-o FILE] [--excel[=id]]\n"
    " [--with-personal] [--as-of DATE] [--at DATE|REV | FILE ...]";

static const char help[] = N_(
    "      --rules FILE        the rule set (JSON, see kim-data(5))\n"
    "      --explain           one row per KIM: id, name, eligible and the\n"
    "                          failed criteria with their reasons\n"
    "      --ineligible        the KIM that fail instead\n"
    "  -r, --region PREFIX     KIM in this region (repeatable: any of them)\n"
    "  -c, --count             print only the number of KIM it would list\n"
    "  -d, --data DIR          the data folder (else $KIM_DATA, else .)\n"
    "  -f, --format FMT        {formats}\n"
    "  -o, --output FILE       write to FILE, replaced atomically (-f xlsx:\n"
    "                          a workbook; not to a terminal)\n"
    "      --excel[=id]        CSV for spreadsheets (=id: ';', decimal comma)\n"
    "      --with-personal     keep chair, secretary, treasurer and contact\n"
    "                          in --excel and xlsx output\n"
    "      --as-of DATE        the day the rules are applied on (default\n"
    "                          the rule set's as_of, else today); also\n"
    "                          --rules-as-of DATE\n"
    "      --at DATE|REV       the register as committed then (git)\n");

enum { OPT_RULES = KIM_OPT, OPT_EXPLAIN, OPT_INELIGIBLE, OPT_RULES_ASOF };

static const struct option longopts[] = {
	KIM_COMMON_LONG,
	KIM_OUTPUT_LONG,
	KIM_PERSONAL_LONG,
	KIM_AT_LONG,
	{ "rules",      required_argument, NULL, OPT_RULES },
	{ "explain",    no_argument,       NULL, OPT_EXPLAIN },
	{ "ineligible", no_argument,       NULL, OPT_INELIGIBLE },
	{ "rules-as-of", required_argument, NULL, OPT_RULES_ASOF },
	{ "region",     required_argument, NULL, 'r' },
	{ "count",      no_argument,       NULL, 'c' },
	{ NULL, 0, NULL, 0 }
};

struct judging {
	struct kim_ctx ctx;
	struct kim_rules rules;
	struct kim_fields fields;
	struct kim_verdict verdict;
	struct kim_out *out;
	struct kim_filter where;	/* -r */
	struct kim_actsum activity;	/* when a criterion asks */
	int explain, ineligible, count;
	long eligible, listed;
};

static int
on_record(void *arg, struct kim_record *r)
{
	struct judging *j = arg;
	int ok;

	if (!kim_filter_match(&j->where, r, &j->ctx))
		return 0;
	ok = kim_rules_apply(&j->rules, r, &j->ctx,
	    j->explain ? &j->verdict : NULL);
	j->eligible += ok;
	/* --explain shows every KIM; with --ineligible, those that fail */
	if (j->ineligible ? ok : !ok && !j->explain)
		return 0;
	j->listed++;
	if (j->count)
		return 0;
	if (j->explain)
		kim_explain_row(j->out, &j->rules, r, &j->verdict);
	else
		kim_out_record(j->out, &j->fields, r, &j->ctx);
	return 0;
}

int
main(int argc, char **argv)
{
	struct kim_cli cli;
	struct judging j;
	const char *rules = NULL;
	enum kim_rules_why why;
	long problems;
	int c, status, need = 0;
	char day[11];

	memset(&j, 0, sizeof j);
	kim_filter_init(&j.where);
	kim_fields_all(&j.fields);
	kim_cli_init(&cli, argv, usage, help);
	cli.formats = &kim_formats_sheets;
	while ((c = getopt_long(argc, argv, KIM_COMMON_SHORT KIM_OUTPUT_SHORT
	    "r:c", longopts, NULL)) != -1) {
		if (kim_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_RULES:
			rules = optarg;
			break;
		case OPT_EXPLAIN:
			j.explain = 1;
			break;
		case OPT_INELIGIBLE:
			j.ineligible = 1;
			break;
		case OPT_RULES_ASOF:	/* a synonym of --as-of */
			cli.as_of = kim_cli_date(&cli, "--rules-as-of", optarg);
			cli.as_of_set = 1;
			break;
		case 'r':
			kim_filter_region(&j.where, kim_cli_code(&cli, "-r",
			    optarg));
			break;
		case 'c':
			j.count = 1;
			break;
		default:
			kim_usage(&cli, NULL);
		}
	}
	cli.number = j.count ? "-c" : NULL;
	kim_cli_done(&cli, argc, argv);
	kim_fields_kept(&j.fields, cli.fmt);
	if (kim_cli_hide_personal(&cli))
		kim_fields_drop_personal(&j.fields);
	if (!rules)
		kim_usage(&cli, "--rules FILE is required");
	if (j.count && j.explain)
		kim_usage(&cli, "-c counts the KIM; --explain explains them: "
		    "give one of the two");

	problems = kim_rules_load(&j.rules, rules, 0, &cli.diag);
	if (problems != 0)
		exit(problems < 0 ? KIM_EXIT_IO : KIM_EXIT_DATA);
	cli.as_of = kim_rules_day(&j.rules, cli.as_of_set ? &cli.as_of : NULL,
	    &cli.as_of, &why);
	kim_cli_context(&cli, &j.ctx);
	j.ctx.regions = j.where.regions;	/* only their files are read */
	j.ctx.nregions = j.where.nregions;
	if (kim_rules_check_regions(&j.rules, &j.ctx.w, &cli.diag) > 0)
		exit(KIM_EXIT_DATA);
	for (size_t i = 0; i < j.where.nregions; i++)
		kim_cli_region(&cli, &j.ctx.w, "-r", j.where.regions[i]);
	for (size_t i = 0; i < j.rules.n; i++)
		need |= KIM_COLUMN_ACTIVITY(j.rules.c[i].field);
	for (size_t i = 0; i < j.fields.n; i++)
		need |= KIM_COLUMN_ACTIVITY(j.fields.col[i]);
	kim_cli_activity(&cli, &j.ctx, &j.activity, need);
	if (kim_term_color(stderr))	/* a person reads: which day */
		kim_warn(_("the rules are applied on %s (%s)"),
		    kim_date_fmt(&cli.as_of, day), kim_rules_day_why(why,
		    "--as-of", N_("today")));

	/* the rows are held until the last record: on bad input, none */
	if (j.count)
		j.out = NULL;
	else if (j.explain)
		j.out = kim_out_held(kim_cli_out(&cli), cli.fmt, cli.excel,
		    kim_explain_cols, KIM_EXPLAIN_NCOLS);
	else
		j.out = kim_out_held(kim_cli_out(&cli), cli.fmt, cli.excel,
		    j.fields.out, j.fields.n);
	status = kim_cli_records(&cli, &j.ctx, on_record, &j);
	if (j.count && status == KIM_EXIT_OK)
		fprintf(kim_cli_out(&cli), "%ld\n", j.listed);
	else if (j.out && status == KIM_EXIT_OK)
		kim_out_end(j.out);
	else if (j.out)
		kim_out_drop(j.out);
	kim_filter_free(&j.where);

	kim_verdict_free(&j.verdict);
	kim_rules_free(&j.rules);
	kim_actsum_free(&j.activity);
	kim_wilayah_free(&j.ctx.w);
	kim_cli_out_end(&cli, status);
	if (status == KIM_EXIT_OK && j.eligible == 0)
		status = KIM_EXIT_NO;
	return kim_exit(status);
}
