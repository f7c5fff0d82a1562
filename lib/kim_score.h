/*
 * kim_score: the judges' score sheets of a competition read into a table
 * of entrants (kim_score_read.c), and the entrants ranked by the rubric,
 * in stages, every rank explained (kim_score_rank.c)
 */
#ifndef KIM_SCORE_H
#define KIM_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "kim_err.h"
#include "kim_out.h"
#include "kim_record.h"
#include "kim_rubric.h"
#include "kim_util.h"

/* At most this many judges (kim-data(5), LIMITS): the exact arithmetic */
#define KIM_SCORE_JUDGES	20

/* What --missing says of a score a judge did not give */
enum kim_missing { KIM_MISSING_ERROR, KIM_MISSING_ZERO, KIM_MISSING_SKIP };

/* One KIM that was scored */
struct kim_entrant {
	char *id;		/* as the sheets give it */
	char *shown;		/* its KIM's id now, when the sheets give a
				   former one (former_ids); else NULL */
	char *name, *region, *formed;	/* from its record; NULL: none read */
	uint32_t sheet;		/* where its id is first: sheet, line, col */
	long line, col;
	int32_t *cell;		/* [component * KIM_SCORE_JUDGES + judge]:
				   hundredths, -1 when not given */
	int in;			/* ranked (its record was read) */
	int reached;		/* the last stage it entered (0 without) */
	long rank[KIM_RUBRIC_STAGES];	/* in each stage entered */
	int64_t value[KIM_RUBRIC_COMPONENTS];	/* combined: in units of
				   1/(100 KIM_SCORE_UNIT) of a point */
	unsigned char judges[KIM_RUBRIC_COMPONENTS];	/* scores combined */
	__int128 total[KIM_RUBRIC_STAGES];	/* sum of value * weight, of
				   each stage entered */
};

struct kim_scores {
	const struct kim_rubric *rb;
	enum kim_missing missing;
	struct kim_entrant *e;
	size_t n, cap;
	size_t *slot;		/* entrants by id: an open hash table, +1 */
	size_t nslot;
	char *judge[KIM_SCORE_JUDGES];
	uint32_t judge_sheet[KIM_SCORE_JUDGES];	/* its first score */
	long judge_line[KIM_SCORE_JUDGES];
	size_t njudges;
	uint32_t jmask[KIM_RUBRIC_COMPONENTS];	/* the judges of each
				   component, among its stage's entrants */
	char **sheet;		/* the sheets' names, as messages give them */
	size_t nsheets;
	struct kim_pool pool;
	struct kim_diag *d;
	long problems;
	long twice;		/* KIM scored under two of their ids */
};

void kim_scores_init(struct kim_scores *, const struct kim_rubric *,
    struct kim_diag *d);
/*
 * Read a score sheet: CSV (path, or the len bytes at buf when buf is not
 * NULL, a file as committed) or an .xlsx workbook, long (kim, judge,
 * component, score) or wide (kim, judge, a column per component id), by
 * the header names or their aliases (kim-data(5)); without a judge
 * column, the judge is the file's name without its extension.  Each
 * problem is reported at its FILE:LINE:COLUMN.  Returns the problems, or
 * -1 when the file cannot be read.
 */
long kim_scores_read(struct kim_scores *, const char *path, const char *buf,
    size_t len);
/* The entrant of this id, or NULL */
struct kim_entrant *kim_scores_find(const struct kim_scores *,
    const char *id);
/*
 * A record read: its entrant (if any) takes its name, region and formed
 * and is ranked.  An entrant whose id is one of the record's former_ids
 * (kim_record_is) is that KIM, shown by its id now; a KIM scored under two
 * of its ids is reported (kim_scores_known counts it).
 */
void kim_scores_record(struct kim_scores *, const struct kim_record *r);
/*
 * After the records: with every (0) each entrant that no record named is
 * reported at its first place as not in the register; with limit (1,
 * records given as input), such entrants are not ranked.  Returns the
 * problems.
 */
long kim_scores_known(struct kim_scores *, int limit);
void kim_scores_free(struct kim_scores *);

/*
 * Rank the entrants: each stage in turn (or the rubric as one), its
 * entrants those that advanced from the one before; the judges' missing
 * scores are reported (or zero or skipped, by s->missing), and KIM scored
 * by fewer judges than others warned of.  Returns the problems.
 */
long kim_score_rank(struct kim_scores *);

/*
 * The ranking out: stage -1 the whole competition (the last stage each
 * KIM entered, then its rank there), else that stage's ranking with
 * `advances`; explain adds each judge's scores and the combination.
 * Returns the number of rows.
 */
struct kim_ranking;
struct kim_ranking *kim_ranking_new(const struct kim_scores *, long stage,
    int explain);
const struct kim_col *kim_ranking_cols(const struct kim_ranking *,
    size_t *n);
size_t kim_ranking_out(struct kim_ranking *, struct kim_out *);
/*
 * Its rows one at a time: their number, and row r as the values of its
 * columns (valid until the next call), or as its entrant
 */
size_t kim_ranking_n(const struct kim_ranking *);
const char *const *kim_ranking_row(struct kim_ranking *, size_t r);
const struct kim_entrant *kim_ranking_entrant(const struct kim_ranking *,
    size_t r);
void kim_ranking_free(struct kim_ranking *);

#endif
