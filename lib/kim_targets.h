/* kim_targets: targets.csv, the coverage each region should reach */
#ifndef KIM_TARGETS_H
#define KIM_TARGETS_H

#include <stddef.h>

#include "kim_err.h"
#include "kim_wilayah.h"

struct kim_target {
	long region;		/* index in the wilayah */
	int tenths;		/* the percent times ten: 0 to 1000 */
	char due[11];		/* YYYY-MM-DD */
	long line;		/* where it is in targets.csv */
};

struct kim_targets {
	struct kim_target *t;	/* in the order of the file */
	size_t n;
	long *of;		/* region index -> index in t, or -1 */
	size_t nregions;
};

/*
 * Load DIR/targets.csv against the region list w: header region,target,due
 * in any order; region a code of w, listed once; target a percent from 0
 * to 100, whole or with one decimal; due a real date.  A missing file is
 * no targets.  Every problem is reported to d and its row left out;
 * returns their number, or -1 when the file cannot be read (reported too).
 */
long kim_targets_load(struct kim_targets *, const char *dir,
    const struct kim_wilayah *w, struct kim_diag *d);
/* The same from fd, or from len bytes at buf when fd is -1. */
long kim_targets_read(struct kim_targets *, int fd, const char *buf,
    size_t len, const char *name, const struct kim_wilayah *w,
    struct kim_diag *d);
/* The target of region i: its own, else its nearest ancestor's; or NULL. */
const struct kim_target *kim_targets_find(const struct kim_targets *,
    const struct kim_wilayah *w, long i);
void kim_targets_free(struct kim_targets *);

/* A percent given as text ("90", "92.5") in tenths; -1 if not 0-100 with at
 * most one decimal. */
int kim_percent_parse(const char *);
/* Tenths of a percent or point as text with one decimal: "46.7", "-5.0". */
char *kim_tenths_fmt(long tenths, char *buf, size_t size);

#endif
