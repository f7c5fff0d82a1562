/* kim-score: rank a competition's entrants by a rubric and the judges' sheets */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"
#include "kim_rubric.h"
#include "kim_score.h"
#include "kim_score_cli.h"

static const char usage[] =
    "--rubric FILE --scores FILE... [--missing zero|skip] [--explain]\n"
    " [--stage NAME] [-d DIR] [-f FMT] [-o FILE] [--excel[=id]]\n"
    " [--as-of DATE] [--at DATE|REV | FILE ...]";

static const char help[] = N_(
    "      --rubric FILE       the rubric (JSON, see kim-data(5))\n"
    "      --scores FILE       a score sheet, CSV or .xlsx, long or wide\n"
    "                          (repeatable: one per judge, or one for all)\n"
    "      --missing zero|skip a score a judge did not give counts as 0,\n"
    "                          or is left out (default: an error)\n"
    "      --explain           each judge's scores and how they combine\n"
    "      --stage NAME        that stage's ranking, and who advances\n"
    "  -d, --data DIR          the data folder (else $KIM_DATA, else .)\n"
    "  -f, --format FMT        {formats}\n"
    "  -o, --output FILE       write to FILE, replaced atomically\n"
    "      --excel[=id]        CSV for spreadsheets (=id: ';', decimal comma)\n"
    "      --as-of DATE        the day the records are checked on\n"
    "      --at DATE|REV       the register, rubric and sheets as committed\n"
    "                          then (git); FILEs are then paths in the folder\n"
    "  FILE                    the KIM to rank (records, '-' standard input),\n"
    "                          e.g. the output of kim-eligible\n");

enum { OPT_RUBRIC = KIM_OPT, OPT_EXPLAIN = OPT_RUBRIC + KIM_SCORE_NOPTIONS,
    OPT_STAGE };

static const struct option longopts[] = {
	KIM_COMMON_LONG,
	KIM_OUTPUT_LONG,
	KIM_AT_LONG,
	KIM_SCORE_LONG(OPT_RUBRIC),
	{ "explain", no_argument,       NULL, OPT_EXPLAIN },
	{ "stage",   required_argument, NULL, OPT_STAGE },
	{ NULL, 0, NULL, 0 }
};

static int
on_record(void *arg, struct kim_record *r)
{
	kim_scores_record(arg, r);
	return 0;
}

int
main(int argc, char **argv)
{
	struct kim_cli cli;
	struct kim_ctx ctx;
	struct kim_rubric rb;
	struct kim_scores s;
	struct kim_ranking *k;
	struct kim_out *out;
	const struct kim_col *cols;
	struct kim_score_args a = { 0 };
	const char *stage = NULL;
	int c, explain = 0, status;
	size_t ncols, rows;
	long st = -1;

	kim_cli_init(&cli, argv, usage, help);
	cli.formats = &kim_formats_sheets;
	while ((c = getopt_long(argc, argv, KIM_COMMON_SHORT KIM_OUTPUT_SHORT,
	    longopts, NULL)) != -1) {
		if (kim_cli_option(&cli, c, optarg))
			continue;
		if (c >= OPT_RUBRIC && c < OPT_EXPLAIN) {
			kim_score_option(&a, &cli, c - OPT_RUBRIC, optarg);
			continue;
		}
		switch (c) {
		case OPT_EXPLAIN:
			explain = 1;
			break;
		case OPT_STAGE:
			stage = optarg;
			break;
		default:
			kim_usage(&cli, NULL);
		}
	}
	kim_cli_done(&cli, argc, argv);
	if (!a.rubric)
		kim_usage(&cli, "--rubric FILE is required");
	if (!a.nsheets)
		kim_usage(&cli, "--scores FILE is required (one or more)");

	/* the rubric, then every sheet, each checked whole */
	kim_score_load(&a, &cli, &rb, &s);
	if (stage && rb.nstages == 0)
		kim_usage(&cli, "--stage: %s has no stages", a.rubric);
	if (stage && (st = kim_rubric_stage(&rb, stage)) < 0)
		kim_usage(&cli, "--stage: %s has no stage '%s'", a.rubric,
		    stage);

	/* the KIM: the register's, or those given, which limit the ranking */
	kim_cli_context(&cli, &ctx);
	status = kim_cli_records(&cli, &ctx, on_record, &s);
	if (status != KIM_EXIT_OK)
		exit(status);
	if (kim_scores_known(&s, cli.nargs > 0) || kim_score_rank(&s))
		exit(KIM_EXIT_DATA);

	k = kim_ranking_new(&s, st, explain);
	cols = kim_ranking_cols(k, &ncols);
	out = kim_out_new(kim_cli_out(&cli), cli.fmt, cli.excel, cols, ncols);
	rows = kim_ranking_out(k, out);
	kim_out_end(out);
	kim_ranking_free(k);
	kim_scores_free(&s);
	kim_rubric_free(&rb);
	kim_wilayah_free(&ctx.w);
	kim_score_args_free(&a);
	status = rows ? KIM_EXIT_OK : KIM_EXIT_NO;
	kim_cli_out_end(&cli, status);
	return kim_exit(status);
}
