/* kim-report: the periodic report in Markdown, HTML or JSON */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"
#include "kim_report_score.h"

static const char usage[] =
    "[--period week|month|quarter|year|week-to-date|month-to-date|FROM..TO]\n"
    " [-r CODE]... [--rules FILE [--rules-as-of DATE]] [--stale MONTHS]\n"
    " [--rubric FILE --scores FILE... [--missing zero|skip]]\n"
    " [--limit N] [--full] [--map FILE] [--labels WHAT] [-d DIR]\n"
    " [-f md|html|json|xlsx] [-o FILE] [--as-of DATE]";

static const char help[] = N_(
    "      --period P          week (the default), month, quarter or year:\n"
    "                          the last full one before the as-of day;\n"
    "                          week-to-date or month-to-date: up to the\n"
    "                          as-of day; or FROM..TO (YYYY-MM-DD..YYYY-MM-DD)\n"
    "  -r, --region CODE       regions inside CODE (repeatable: any of them)\n"
    "      --rules FILE        list the KIM this rule set finds eligible\n"
    "      --rules-as-of DATE  the day the rules are applied on (default\n"
    "                          the rule set's as_of, else the report's)\n"
    "      --rubric FILE       a competition's rubric: its ranking by the\n"
    "                          score sheets of --scores (see kim-score(1))\n"
    "      --scores FILE       a score sheet, CSV or .xlsx (repeatable)\n"
    "      --missing zero|skip a score a judge did not give counts as 0,\n"
    "                          or is left out (default: an error)\n"
    "      --stale MONTHS      not verified for this long is stale (12)\n"
    "      --limit N           rows per list in md and html (100; 0: all)\n"
    "      --full              and the other rows in an appendix\n"
    "      --map FILE          GeoJSON boundaries for the HTML map (else\n"
    "                          the data folder's boundaries/, if there)\n"
    "      --labels WHAT       the map's labels: name (the default), code, none\n"
    "  -d, --data DIR          the data folder (else $KIM_DATA, else .)\n"
    "  -f, --format FMT        md (the default), html, json or xlsx\n"
    "  -o, --output FILE       write the report to FILE, atomically (a\n"
    "                          device or a FIFO: straight into it)\n"
    "      --as-of DATE        the day of the report (default today)\n");

enum { OPT_PERIOD = KIM_OPT, OPT_RULES, OPT_STALE, OPT_LIMIT, OPT_MAP,
    OPT_RULES_ASOF, OPT_FULL, OPT_LABELS, OPT_RUBRIC,
    OPT_SCORE_END = OPT_RUBRIC + KIM_SCORE_NOPTIONS };

static const struct option longopts[] = {
	KIM_COMMON_LONG,
	{ "region", required_argument, NULL, 'r' },
	KIM_OUTPUT_LONG,
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "rules",  required_argument, NULL, OPT_RULES },
	{ "stale",  required_argument, NULL, OPT_STALE },
	{ "limit",  required_argument, NULL, OPT_LIMIT },
	{ "map",    required_argument, NULL, OPT_MAP },
	{ "rules-as-of", required_argument, NULL, OPT_RULES_ASOF },
	{ "full",   no_argument,       NULL, OPT_FULL },
	{ "labels", required_argument, NULL, OPT_LABELS },
	KIM_SCORE_LONG(OPT_RUBRIC),
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char **argv)
{
	struct kim_cli cli;
	struct kim_ctx ctx;
	struct kim_report r;
	struct kim_rules rules;
	struct kim_output o;
	struct kim_date rules_day;
	struct kim_score_args score = { 0 };
	int rules_day_set = 0;
	const char *period = "week", *rules_path = NULL, *why;
	long limit = 100, problems;
	int c;

	memset(&r, 0, sizeof r);
	r.stale = 12;
	r.labels = KIM_LABELS_NAME;
	kim_cli_init(&cli, argv, usage, help);
	cli.formats = &kim_report_formats;
	cli.fmt = KIM_FMT_MD;
	cli.fmt_set = 1;
	while ((c = getopt_long(argc, argv, KIM_COMMON_SHORT KIM_OUTPUT_SHORT
	    "r:", longopts, NULL)) != -1) {
		if (kim_cli_option(&cli, c, optarg))
			continue;
		if (c >= OPT_RUBRIC && c < OPT_SCORE_END) {
			kim_score_option(&score, &cli, c - OPT_RUBRIC, optarg);
			continue;
		}
		switch (c) {
		case 'r':
			r.regions = kim_reallocarray(r.regions, r.nregions + 1,
			    sizeof *r.regions);
			r.regions[r.nregions++] = kim_cli_code(&cli, "-r", optarg);
			break;
		case OPT_PERIOD:
			period = optarg;
			break;
		case OPT_RULES:
			rules_path = optarg;
			break;
		case OPT_STALE:
			r.stale = kim_cli_count(&cli, "--stale", optarg);
			break;
		case OPT_LIMIT:
			limit = kim_cli_count(&cli, "--limit", optarg);
			break;
		case OPT_MAP:
			r.map_path = optarg;
			break;
		case OPT_FULL:
			r.full = 1;
			break;
		case OPT_LABELS:
			if ((r.labels = kim_map_labels_lookup(optarg)) < 0)
				kim_usage(&cli, "--labels: '%s' is not one of "
				    "none, code, name", optarg);
			break;
		case OPT_RULES_ASOF:
			rules_day = kim_cli_date(&cli, "--rules-as-of", optarg);
			rules_day_set = 1;
			break;
		default:
			kim_usage(&cli, NULL);
		}
	}
	if (cli.excel)
		kim_usage(&cli, "--excel is for CSV output, not for reports");
	kim_cli_done(&cli, argc, argv);
	if (rules_day_set && !rules_path)
		kim_usage(&cli, "--rules-as-of is the day of --rules: give both");
	if (!score.rubric != !score.nsheets || (score.missing &&
	    !score.rubric))
		kim_usage(&cli, "--rubric and --scores go together (and "
		    "--missing with them)");
	if (cli.nargs > 0)
		kim_usage(&cli, "the report is of the data folder: no files to "
		    "read ('%s')", cli.args[0]);
	if (kim_period_parse(period, &cli.as_of, &r.period, &why) != 0)
		kim_usage(&cli, "--period: '%s': %s", period, why);

	kim_cli_context(&cli, &ctx);
	ctx.regions = r.regions;	/* only their files are read */
	ctx.nregions = r.nregions;
	for (size_t i = 0; i < r.nregions; i++)
		if (kim_level_is_village(kim_cli_region(&cli, &ctx.w, "-r",
		    r.regions[i])->level))
			kim_usage(&cli, "-r: %s is a village: give its kecamatan "
			    "or a region above", r.regions[i]);
	if (rules_path) {
		problems = kim_rules_load(&rules, rules_path, 0, &cli.diag);
		if (problems == 0)
			problems = kim_rules_check_regions(&rules, &ctx.w,
			    &cli.diag);
		if (problems != 0)
			exit(problems < 0 ? KIM_EXIT_IO : KIM_EXIT_DATA);
		r.rules = &rules;
		/* --rules-as-of, else the rules' as_of, else the report's day */
		r.rules_as_of = kim_rules_day(&rules, rules_day_set ?
		    &rules_day : NULL, &cli.as_of, &r.rules_why);
	}
	if (score.rubric)	/* checked whole before the register is read */
		r.score = kim_report_score_load(&score, &cli);
	r.dir = cli.dir;
	/* md and html show limit rows a list: hold no more */
	r.keep = cli.fmt == KIM_FMT_JSON || cli.fmt == KIM_FMT_XLSX ||
	    r.full ? 0 : (size_t)limit;
	r.as_of = cli.as_of;
	kim_report_build(&r, &ctx, &cli.diag);
	if (r.score)	/* with regions, the entrants inside them */
		kim_report_score_rank(r.score, r.nregions > 0);
	if (r.nproblems)
		kim_warn("warning: %zu problem%s in %s: the report lists %s "
		    "(kim-check shows %s too)", r.nproblems,
		    r.nproblems == 1 ? "" : "s", cli.dir,
		    r.nproblems == 1 ? "it" : "them",
		    r.nproblems == 1 ? "it" : "them");
	kim_output_open(&o, cli.output ? cli.output : "-");
	kim_report_write(o.fp, cli.fmt, &r, &ctx, limit);
	kim_output_close(&o);

	kim_report_free(&r);
	kim_report_score_free(r.score);
	kim_score_args_free(&score);
	if (rules_path)
		kim_rules_free(&rules);
	free(r.regions);
	kim_wilayah_free(&ctx.w);
	return kim_exit(KIM_EXIT_OK);
}
