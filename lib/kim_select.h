/* kim_select: choosing records (filters) and the columns to print */
#ifndef KIM_SELECT_H
#define KIM_SELECT_H

#include "kim_out.h"
#include "kim_input.h"
#include "kim_record.h"

struct kim_filter {
	const char **regions;	/* code prefixes: any of them */
	size_t nregions;
	int status[KIM_NSTATUS];	/* by enum kim_status: allowed */
	int any_status;
	const char **ids;	/* --id: any of them, or a former id */
	size_t nids;
	const char **sectors;	/* tags: all of them */
	size_t nsectors;
	struct kim_date before, after;
	int has_before, has_after;
	const char *name;	/* substring, ASCII case ignored */
	long stale;		/* months; -1 for no test */
	long dormant;		/* days: aktif and no activity in them (the
				   ctx's activity loaded); -1 for no test */
	long evidence;		/* days: an activity in them (the same);
				   -1 for no test */
};

void kim_filter_init(struct kim_filter *);
/* Add a comma-separated list of statuses; -1 and *bad for a wrong word */
int kim_filter_status(struct kim_filter *, const char *list, const char **bad);
/* Add a region code to the prefixes (-r, repeatable: any of them) */
void kim_filter_region(struct kim_filter *, const char *code);
int kim_filter_match(const struct kim_filter *, const struct kim_record *,
    const struct kim_ctx *);
void kim_filter_free(struct kim_filter *);

/*
 * Counting the records a filter matches on every reading thread
 * (kim_cli_records_parts, whose arg is the struct kim_count).
 */
struct kim_count {
	const struct kim_filter *filter;
	const struct kim_ctx *ctx;
	long n;
};
extern const struct kim_parts kim_count_parts;

/* Is tag one of the ';'-list? */
int kim_has_tag(const char *list, const char *tag);
/*
 * Not verified for months or more; never verified: registered months or more
 * before (formed, when the record has no registered date).
 */
int kim_is_stale(const struct kim_record *, long months,
    const struct kim_date *as_of);
/*
 * Aktif, and no activity in the days days up to the as-of day of ctx,
 * whose activity log is loaded (kim_actsum)?
 */
int kim_is_dormant(const struct kim_record *, long days,
    const struct kim_ctx *ctx);
/* An activity in the days days up to the as-of day of ctx (loaded)? */
int kim_has_evidence(const struct kim_record *, long days,
    const struct kim_ctx *ctx);

/* The columns printed of each record. */
struct kim_fields {
	int col[KIM_NCOLUMNS * 2];
	struct kim_col out[KIM_NCOLUMNS * 2];
	size_t n;
	int chosen;		/* by kim_fields_parse (--fields) */
};

/* All stored columns, in the register's order, but the KEPT ones. */
void kim_fields_all(struct kim_fields *);
/*
 * The KEPT columns (former_ids) after them, unless the columns were
 * chosen, when fmt is JSON or JSON Lines: an object has the key only when
 * the record has a value, so records without one print as before.  CSV,
 * TSV and tables print them when --fields names them.
 */
void kim_fields_kept(struct kim_fields *, enum kim_fmt fmt);
/* A comma-separated list of column names; -1 with *bad set when unknown */
int kim_fields_parse(struct kim_fields *, const char *list, char **bad);
/* Leave out the columns the field table marks personal (UU 27/2022). */
void kim_fields_drop_personal(struct kim_fields *);
void kim_out_record(struct kim_out *, const struct kim_fields *,
    const struct kim_record *, const struct kim_ctx *);

/* Records held to be printed in another order (this one grows with them). */
struct kim_sort {
	int key, desc;
	struct kim_record **r;
	size_t n, cap;
};

/* "FIELD" or "-FIELD" (descending); -1 for an unknown column */
int kim_sort_init(struct kim_sort *, const char *spec);
void kim_sort_add(struct kim_sort *, const struct kim_record *);
/* Order by the key (numbers as numbers), ties in the order added. */
void kim_sort_run(struct kim_sort *, const struct kim_ctx *);
void kim_sort_free(struct kim_sort *);

#endif
