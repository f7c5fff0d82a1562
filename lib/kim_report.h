/* kim_report: the figures and lists of the periodic report */
#ifndef KIM_REPORT_H
#define KIM_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "kim_actsum.h"
#include "kim_coverage.h"
#include "kim_map.h"
#include "kim_period.h"
#include "kim_record.h"
#include "kim_rules.h"
#include "kim_select.h"

struct kim_report_score;	/* kim_report_score.h */

/* The register at one moment, inside the selection. */
struct kim_figures {
	long total;
	long status[3];		/* aktif, nonaktif, bubar */
	long covered;		/* villages with an aktif KIM */
};

enum kim_change_kind {
	KIM_CH_REGISTERED, KIM_CH_UPDATED, KIM_CH_DEACTIVATED,
	KIM_CH_DISSOLVED, KIM_CH_REACTIVATED, KIM_CH_REMOVED,
	KIM_CH_VERIFIED,	/* only verified (and updated) changed */
	KIM_CH_IMPORTED,	/* first there, registered before the period */
	KIM_CH_N
};
extern const char *const kim_change_names[KIM_CH_N];

/* A KIM a list names: never its contact. */
struct kim_entry {
	char *id, *name;
	long region;		/* index in the region list, -1 if not in it */
	struct kim_date day;	/* of the change; verified (stale); formed */
	int has_day;
	int kind;		/* changes: a kim_change_kind */
	char *author;		/* changes read from git: who made it */
	long months;		/* stale: months since verified, -1 never */
	long days;		/* dormant: days since its last activity
				   (has_day), or since it was formed */
	long order;		/* the order it was found in, for ties */
};

/*
 * A list of the report, in the order of cmp.  With keep > 0 only the first
 * keep of that order are held (n), however many there are (total), so that
 * memory stays bounded where only those are shown.
 */
struct kim_entries {
	struct kim_entry *v;
	size_t n, cap;
	size_t total;
	size_t keep;		/* 0: all */
	int (*cmp)(const void *, const void *);
	int full;		/* v[0..keep) are the first keep of all so far,
				   in order: one after v[keep - 1] never shows */
};

struct kim_problem {
	char *file;
	long line, col;
	char *msg;
};

/* Covered villages at the end of one of the periods before the report's. */
struct kim_point {
	struct kim_period period;
	long covered;
};

struct kim_report {
	/* what was asked */
	const char *dir;
	struct kim_period period;
	struct kim_date as_of;
	const char **regions;	/* -r codes; none: the whole list */
	size_t nregions;
	long stale;		/* --stale months */
	size_t keep;		/* rows to hold per list of KIM (0: all) */
	const struct kim_rules *rules;	/* --rules, or NULL */
	struct kim_date rules_as_of;	/* the day they are applied on */
	enum kim_rules_why rules_why;	/* and why that day */
	const char *map_path;	/* --map FILE, else the data folder's */
	int labels;		/* the map's: KIM_LABELS_* (--labels) */
	int full;		/* --full: md and html lists end in an
				   appendix of their other rows */
	struct kim_report_score *score;	/* --rubric, --scores: the
				   competition's section, or NULL */

	/* headline: the register at the end of the day before the period,
	   and at the end of its last day */
	int git;		/* 1: from git history; 0: from the dates */
	char start_commit[41], end_commit[41];	/* "" when none yet */
	struct kim_date start_day;
	struct kim_figures start, end;
	long villages;		/* in the selection */

	/* coverage on the period's last day (the headline's end: the
	   register as committed then, or without git the KIM registered
	   by then), a row per region one level below the selection,
	   the furthest behind their target first */
	int depth;
	struct kim_cov_row *rows;
	size_t nrows;
	struct kim_cov_row total;
	int has_map;		/* the boundaries of the rows' level */
	struct kim_map map;
	struct kim_cov_at *map_rows;	/* the rows in the list's order */

	struct kim_entries changes, stale_list, eligible;
	long considered;	/* KIM the rules were applied to */
	long *failed;		/* per criterion: KIM failing it */

	struct kim_problem *problems;
	size_t nproblems;

	struct kim_point *history;	/* oldest first; git only */
	size_t nhistory;

	/*
	 * Activity, when the folder has activity/ (logged): the log summed
	 * up (its period's weeks, from activity.week0), the period's
	 * activities of the KIM inside the selection and how many KIM had
	 * one; the aktif KIM of the register now without an activity in
	 * the KIM_ACTIVITY_WINDOW days up to the as-of day, idle the
	 * longest first (since their last activity, or since formed).
	 */
	int logged;
	struct kim_actsum activity;
	long activities, active;
	struct kim_entries dormant;

	/* owned */
	struct kim_filter where;	/* the records inside the selection */
	struct kim_coverage cov;
	struct kim_targets targets;
};

/*
 * Gather the report of the data folder r->dir with the fields of "what was
 * asked" set, on the region list and as-of day of ctx.  Exits on an error
 * of the system (4); data problems are the report's to list, but problems
 * of the boundary file are reported to d (exit 3).
 */
void kim_report_build(struct kim_report *, const struct kim_ctx *ctx,
    struct kim_diag *d);
void kim_report_free(struct kim_report *);

/* The report as Markdown, HTML or JSON; lists in text at most limit rows
 * (0: all). */
/* the report's formats: md, html and json */
extern const struct kim_formats kim_report_formats;
void kim_report_write(FILE *, enum kim_fmt, const struct kim_report *,
    const struct kim_ctx *ctx, long limit);

#endif
