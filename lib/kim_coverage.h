/* kim_coverage: villages with a KIM, by region, against the targets */
#ifndef KIM_COVERAGE_H
#define KIM_COVERAGE_H

#include <stddef.h>
#include <stdint.h>

#include "kim_input.h"
#include "kim_out.h"
#include "kim_record.h"
#include "kim_select.h"
#include "kim_targets.h"
#include "kim_wilayah.h"

/*
 * Counts held per region of the list, indexed like w->r: memory grows with
 * the regions, never with the records.  Records are counted as they stream
 * by (a village's covered count is its mark), then kim_coverage_sum adds
 * every region into its parent in one pass from the end of the list, so
 * that each region's counts include all of its descendants.
 */
struct kim_coverage {
	const struct kim_wilayah *w;
	uint32_t *villages;	/* 1 for a village, then summed */
	uint32_t *covered;	/* 1 for a village with a KIM, then summed */
	uint32_t *kim;		/* KIM whose region this is, then summed */
	int summed;
	/* with kim_coverage_parts, the KIM counted: those filter matches */
	const struct kim_filter *filter;
	const struct kim_ctx *ctx;
	int unit;		/* what is covered: a KIM_UNIT_ */
};

/*
 * The unit counted: a village covered by a KIM of that village (the
 * default), or a kecamatan covered by a KIM of the kecamatan itself.
 */
enum { KIM_UNIT_VILLAGE, KIM_UNIT_KECAMATAN };
/* The unit of that --unit word ("village", "kecamatan"), or -1. */
int kim_cov_unit_lookup(const char *);

void kim_coverage_init(struct kim_coverage *, const struct kim_wilayah *);
/* Count kecamatan instead of villages: before any record. */
void kim_coverage_unit(struct kim_coverage *, int unit);
/* Count one KIM (the caller chooses which); -1 if its region is unknown. */
int kim_coverage_add(struct kim_coverage *, const struct kim_record *);
/*
 * Counting on every reading thread (kim_cli_records_parts, whose arg is
 * the struct kim_coverage): each thread counts into a part of its own,
 * the villages shared, and the parts are added up at the end.
 */
extern const struct kim_parts kim_coverage_parts;
/* Add each region's counts into its ancestors', once, after the records. */
void kim_coverage_sum(struct kim_coverage *);
void kim_coverage_free(struct kim_coverage *);

/* The regions asked for: indexes in the list (n == 0: every region). */
struct kim_cov_sel {
	const long *r;
	size_t n;
};

/* Is region i one of the selected regions or inside one? */
int kim_cov_selected(const struct kim_coverage *, const struct kim_cov_sel *,
    long i);
/*
 * The next row from index i on: a region at depth (1 provinsi, 2
 * kabupaten/kota, 3 kecamatan) that is selected and has villages; -1 when
 * there is none.  Rows come in the order of their codes.
 */
long kim_cov_next_row(const struct kim_coverage *, const struct kim_cov_sel *,
    int depth, long i);
/* The next selected unit (village or kecamatan) from index i on that no
 * counted KIM covers. */
long kim_cov_next_missing(const struct kim_coverage *,
    const struct kim_cov_sel *, long i);

/* One row of figures; percents and points in tenths. */
struct kim_cov_row {
	const char *region, *name;
	long villages, covered, kim;
	long percent;		/* covered / villages, rounded half up */
	int has_target;
	long target;		/* tenths of a percent */
	const char *due;
	long gap;		/* target - percent, in tenths of a point */
	int has_needed;
	long needed;		/* villages to cover to reach the target */
	int overdue;		/* its due day is before the as-of day (the
				   kim_coverage's ctx) and needed > 0 */
};

/* A row with the index of its region in the region list (maps draw it). */
struct kim_cov_at {
	long i;			/* index in the region list */
	struct kim_cov_row cov;
};

/*
 * Every row at depth by inside sel (kim_cov_next_row), with its target
 * from t (NULL: none): their number, the rows in *rows (free it; NULL
 * when none).
 */
size_t kim_cov_rows(const struct kim_coverage *, const struct kim_cov_sel *,
    int by, const struct kim_targets *t, struct kim_cov_at **rows);

/* The row of region i (after kim_coverage_sum); t may be NULL. */
void kim_cov_row(const struct kim_coverage *, const struct kim_targets *t,
    long i, struct kim_cov_row *);
/* The percent, in tenths, of covered out of villages (> 0). */
long kim_cov_percent(long covered, long villages);
/* The total row: start it empty, add each row, then end it. */
void kim_cov_total_add(struct kim_cov_row *total, const struct kim_cov_row *);
void kim_cov_total_end(struct kim_cov_row *total);

/* region,name,villages,covered,percent,kim,target,due,gap,needed,overdue */
#define KIM_COV_NCOLS 11
extern const struct kim_col kim_cov_cols[KIM_COV_NCOLS];
/* The same with kecamatan for villages: the columns of KIM_UNIT_KECAMATAN */
extern const struct kim_col kim_cov_cols_kec[KIM_COV_NCOLS];
/* The values of a row as text, in the columns' order, made in b. */
#define KIM_COV_NBUF 7
void kim_cov_values(const struct kim_cov_row *, char b[][24],
    const char *v[KIM_COV_NCOLS]);
/* Print a row, or the total row (its region is "total"). */
void kim_cov_out(struct kim_out *, const struct kim_cov_row *, int total);

/* code,name,kecamatan,kabupaten of a village */
/* kim-coverage's formats: the rows', and svg for a map (kim_map_svg) */
extern const struct kim_formats kim_cov_formats;

#define KIM_MISSING_NCOLS 4
extern const struct kim_col kim_missing_cols[KIM_MISSING_NCOLS];
void kim_missing_out(struct kim_out *, const struct kim_wilayah *, long i);

/*
 * What --evidence DAYS counts, in a sentence for the captions of the table
 * and the map (days >= 0).  Free it.
 */
char *kim_cov_evidence_caption(long days);

/*
 * kim-coverage's answers, after kim_coverage_sum; each returns the exit
 * status: 1 when there is no row.  The table: a row per region at depth by
 * inside sel with the targets of dir's targets.csv (3 when it is bad,
 * reported to d), then the total.  The villages inside sel that no counted
 * KIM covers (fmt -1: only their number, on a line).  The percent of
 * region i alone on a line.
 */
int kim_cov_print_table(FILE *, enum kim_fmt, int excel,
    const struct kim_coverage *, const struct kim_cov_sel *, int by,
    const char *dir, struct kim_diag *d);
int kim_cov_print_missing(FILE *, int fmt, int excel,
    const struct kim_coverage *, const struct kim_cov_sel *);
int kim_cov_print_value(FILE *, const struct kim_coverage *, long i);
/*
 * -f opendata: the rows at depth by inside sel as the open-data portals
 * (Satu Data Indonesia) publish them, CSV with one row per region and no
 * total: the code without dots and the name of the province, then of the
 * kabupaten/kota and the kecamatan down to depth by, then jumlah_kim,
 * jumlah_desa_kelurahan, desa_kelurahan_ber_kim (jumlah_kecamatan,
 * kecamatan_ber_kim with KIM_UNIT_KECAMATAN), persentase, satuan (KIM) and
 * tahun (year).  No personal field is in it.
 */
int kim_cov_print_opendata(FILE *, int excel, const struct kim_coverage *,
    const struct kim_cov_sel *, int by, int year);

#endif
