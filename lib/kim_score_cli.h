/*
 * kim_score_cli: the options of a ranking (--rubric, --scores, --missing)
 * and the rubric and score sheets loaded by them, shared by kim-score and
 * kim-report
 */
#ifndef KIM_SCORE_CLI_H
#define KIM_SCORE_CLI_H

#include <getopt.h>
#include <stddef.h>

#include "kim_cli.h"
#include "kim_rubric.h"
#include "kim_score.h"

struct kim_score_args {
	const char *rubric;	/* --rubric FILE, or NULL */
	const char **sheets;	/* --scores FILE... */
	size_t nsheets;
	enum kim_missing missing;	/* --missing */
};

/* The long options, of the values base, base + 1 and base + 2 */
#define KIM_SCORE_LONG(base) \
	{ "rubric",  required_argument, NULL, (base) }, \
	{ "scores",  required_argument, NULL, (base) + 1 }, \
	{ "missing", required_argument, NULL, (base) + 2 }
#define KIM_SCORE_NOPTIONS 3
/*
 * Option base + k (k from 0 to KIM_SCORE_NOPTIONS - 1) with its argument
 * into a; a bad --missing is a usage error.
 */
void kim_score_option(struct kim_score_args *, struct kim_cli *, int k,
    const char *arg);
/*
 * The rubric and every sheet, each checked whole: read as committed at
 * cli->at when it is given (the paths are then of the data folder), else
 * from the files.  Each problem is said at its place; any problem exits
 * (3, or 4 when a file cannot be read).  s is ready for the records
 * (kim_scores_record).
 */
void kim_score_load(const struct kim_score_args *, struct kim_cli *,
    struct kim_rubric *, struct kim_scores *);
void kim_score_args_free(struct kim_score_args *);

#endif
