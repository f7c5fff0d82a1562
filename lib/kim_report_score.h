/*
 * kim_report_score: kim-report's section of a competition (--rubric,
 * --scores): the rubric's name and date and the ranking, ranked by the
 * code of kim-score, in every format of the report
 */
#ifndef KIM_REPORT_SCORE_H
#define KIM_REPORT_SCORE_H

#include <stddef.h>

#include <jansson.h>

#include "kim_cli.h"
#include "kim_period.h"
#include "kim_record.h"
#include "kim_score_cli.h"

struct doc;
struct kim_report_score;

/*
 * The rubric and sheets of a, loaded and checked (every problem at its
 * place, exit 3), before the register is read
 */
struct kim_report_score *kim_report_score_load(const struct kim_score_args *a,
    struct kim_cli *cli);
/* A record of the report's selection, read: an entrant takes its name */
void kim_report_score_record(struct kim_report_score *,
    const struct kim_record *);
/*
 * After the register: every entrant must be one of its KIM, unless limited
 * (the report has regions: only the entrants inside them are ranked); the
 * ranking, or its problems said (exit 3).
 */
void kim_report_score_rank(struct kim_report_score *, int limited);
/* The section in md, html or a workbook; at most limit rows (md, html) */
void kim_report_score_doc(struct doc *, struct kim_report_score *,
    const struct kim_period *, const struct kim_ctx *, size_t limit);
/* The section as JSON (every row) */
json_t *kim_report_score_json(struct kim_report_score *,
    const struct kim_period *, const struct kim_ctx *);
void kim_report_score_free(struct kim_report_score *);

#endif
