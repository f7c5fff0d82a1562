/*
 * kim_score_cli: the options of a ranking and the rubric and score sheets
 * they name, loaded and checked, for kim-score and kim-report alike
 */
#include <stdlib.h>
#include <string.h>

#include "kim_git.h"
#include "kim_score_cli.h"
#include "kim_xlsx_in.h"

void
kim_score_option(struct kim_score_args *a, struct kim_cli *cli, int k,
    const char *arg)
{
	if (k == 0)
		a->rubric = arg;
	else if (k == 1) {
		a->sheets = kim_reallocarray(a->sheets, a->nsheets + 1,
		    sizeof *a->sheets);
		a->sheets[a->nsheets++] = arg;
	} else if (strcmp(arg, "zero") == 0)
		a->missing = KIM_MISSING_ZERO;
	else if (strcmp(arg, "skip") == 0)
		a->missing = KIM_MISSING_SKIP;
	else
		kim_usage(cli, "--missing: '%s' is not zero or skip", arg);
}

/* A file of the data folder as committed at --at: its path in the folder */
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

void
kim_score_load(const struct kim_score_args *a, struct kim_cli *cli,
    struct kim_rubric *rb, struct kim_scores *s)
{
	struct kim_buf b = { 0 };
	long problems;

	if (cli->at) {
		const char *rel = committed(cli, a->rubric, &b);
		problems = kim_rubric_parse(rb, b.s, b.len, rel, &cli->diag);
	} else
		problems = kim_rubric_load(rb, a->rubric, 0, &cli->diag);
	if (problems != 0)
		exit(problems < 0 ? KIM_EXIT_IO : KIM_EXIT_DATA);
	kim_scores_init(s, rb, &cli->diag);
	s->missing = a->missing;
	for (size_t i = 0; i < a->nsheets; i++) {
		long r;
		if (cli->at) {
			const char *rel = committed(cli, a->sheets[i], &b);
			r = kim_scores_read(s, rel, b.s ? b.s : "", b.len);
		} else
			r = kim_scores_read(s, a->sheets[i], NULL, 0);
		if (r < 0)
			exit(KIM_EXIT_IO);
		problems += r;
	}
	kim_buf_free(&b);
	if (problems)
		exit(KIM_EXIT_DATA);
}

void
kim_score_args_free(struct kim_score_args *a)
{
	free(a->sheets);
	a->sheets = NULL;
	a->nsheets = 0;
}
