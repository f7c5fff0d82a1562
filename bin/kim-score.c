/* kim-score: rank a competition's entrants by a rubric and the judges' sheets */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"
#include "kim_rubric.h"
#include "kim_xlsx_in.h"
#include "kim_score.h"

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

enum { OPT_RUBRIC = KIM_OPT, OPT_SCORES, OPT_MISSING, OPT_EXPLAIN, OPT_STAGE };

static const struct option longopts[] = {
	KIM_COMMON_LONG,
	KIM_OUTPUT_LONG,
	KIM_AT_LONG,
	{ "rubric",  required_argument, NULL, OPT_RUBRIC },
	{ "scores",  required_argument, NULL, OPT_SCORES },
	{ "missing", required_argument, NULL, OPT_MISSING },
	{ "explain", no_argument,       NULL, OPT_EXPLAIN },
	{ "stage",   required_argument, NULL, OPT_STAGE },
	{ NULL, 0, NULL, 0 }
};

/* A file of the data folder as committed at --at, or -1 */
static const char *
committed(const struct kim_cli *cli, const char *path, struct kim_buf *b)
{
	size_t n = strlen(cli->dir);
	const char *rel = path;

	if (strncmp(path, cli->dir, n) == 0 && path[n] == '/')
		rel = path + n + 1;
	while (strncmp(rel, "./", 2) == 0)
		rel += 2;
	if (kim_xlsx_is(rel))
		kim_usage(cli, "--at: %s: a workbook is read from the folder "
		    "only; give its CSV", path);
	if (!kim_git_read_at(cli->dir, cli->at, rel, b))
		kim_die(KIM_EXIT_DATA, "--at %s: %s is not in the data folder "
		    "as committed then", cli->at, rel);
	return rel;
}

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
	struct kim_buf b = { 0 };
	const char *rubric = NULL, *stage = NULL, **sheets = NULL;
	enum kim_missing missing = KIM_MISSING_ERROR;
	int c, explain = 0, status;
	size_t nsheets = 0, ncols, rows;
	long problems, st = -1;

	kim_cli_init(&cli, argv, usage, help);
	cli.formats = &kim_formats_sheets;
	while ((c = getopt_long(argc, argv, KIM_COMMON_SHORT KIM_OUTPUT_SHORT,
	    longopts, NULL)) != -1) {
		if (kim_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_RUBRIC:
			rubric = optarg;
			break;
		case OPT_SCORES:
			sheets = kim_reallocarray(sheets, nsheets + 1,
			    sizeof *sheets);
			sheets[nsheets++] = optarg;
			break;
		case OPT_MISSING:
			if (strcmp(optarg, "zero") == 0)
				missing = KIM_MISSING_ZERO;
			else if (strcmp(optarg, "skip") == 0)
				missing = KIM_MISSING_SKIP;
			else
				kim_usage(&cli, "--missing: '%s' is not zero or "
				    "skip", optarg);
			break;
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
	if (!rubric)
		kim_usage(&cli, "--rubric FILE is required");
	if (!nsheets)
		kim_usage(&cli, "--scores FILE is required (one or more)");

	/* the rubric, then every sheet, each checked whole */
	if (cli.at) {
		const char *rel = committed(&cli, rubric, &b);
		problems = kim_rubric_parse(&rb, b.s, b.len, rel, &cli.diag);
	} else
		problems = kim_rubric_load(&rb, rubric, 0, &cli.diag);
	if (problems != 0)
		exit(problems < 0 ? KIM_EXIT_IO : KIM_EXIT_DATA);
	if (stage && rb.nstages == 0)
		kim_usage(&cli, "--stage: %s has no stages", rubric);
	if (stage && (st = kim_rubric_stage(&rb, stage)) < 0)
		kim_usage(&cli, "--stage: %s has no stage '%s'", rubric, stage);
	kim_scores_init(&s, &rb, &cli.diag);
	s.missing = missing;
	for (size_t i = 0; i < nsheets; i++) {
		long r;
		if (cli.at) {
			const char *rel = committed(&cli, sheets[i], &b);
			r = kim_scores_read(&s, rel, b.s ? b.s : "", b.len);
		} else
			r = kim_scores_read(&s, sheets[i], NULL, 0);
		if (r < 0)
			exit(KIM_EXIT_IO);
		problems += r;
	}
	if (problems)
		exit(KIM_EXIT_DATA);

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
	kim_buf_free(&b);
	free(sheets);
	status = rows ? KIM_EXIT_OK : KIM_EXIT_NO;
	kim_cli_out_end(&cli, status);
	return kim_exit(status);
}
