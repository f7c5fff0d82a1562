/* kim_register: the register's files, loaded to be changed and written */
#ifndef KIM_REGISTER_H
#define KIM_REGISTER_H

#include <stdint.h>

#include "kim_record.h"
#include "kim_store.h"

/*
 * A record as the register holds it, in one allocation and about half the
 * size of a struct kim_record copy: the fields one after another, each
 * NUL-terminated, and the columns they were read from.  A view gives the
 * struct kim_record to pass to the rest of libkim.
 */
struct kim_held {
	const char *file;
	long line;
	long seq;
	int32_t col[KIM_NFIELDS];	/* KIM_COL_OPTION kept */
	int clean;
	char s[];		/* the id first */
};

/* A copy of r (free it with free). */
struct kim_held *kim_held_pack(const struct kim_record *r);
/* r's fields point into h, valid while h is. */
void kim_held_view(const struct kim_held *h, struct kim_record *r);

struct kim_regfile {
	char *rel;		/* "kim/51.02.csv" */
	char *path;		/* as messages name it */
	struct kim_held **r;
	size_t n, cap;
	int changed;
};

struct kim_register {
	const char *dir;
	const struct kim_ctx *ctx;
	struct kim_diag *d;
	struct kim_regfile **f;
	size_t n;
	long problems;		/* found in the files as they were loaded */
	long *maxseq;		/* the highest sequence used, by wilayah index */
	struct kim_regfile **fileof; /* a kabupaten's (provinsi's) file, same */
	struct kim_held **ids;	/* the records by id: an open hash table */
	size_t nids, capids;
	char today[11];		/* the as-of day, YYYY-MM-DD */
};

void kim_register_open(struct kim_register *, const char *dir,
    const struct kim_ctx *, struct kim_diag *);
/* The file a region's records live in, loaded (exit 4 if unreadable). */
struct kim_regfile *kim_register_file(struct kim_register *,
    const char *region);
/* The record with that id, or NULL; *fp is its file. */
struct kim_held *kim_register_find(struct kim_register *, const char *id,
    struct kim_regfile **fp);
/* One more than the highest sequence used in region (its file loaded). */
long kim_register_next(const struct kim_register *, const char *region);
/* Add a copy of r to f (or put it in place of old); returns the copy. */
struct kim_held *kim_register_put(struct kim_register *,
    struct kim_regfile *f, const struct kim_record *r, struct kim_held *old);
/*
 * Put r in the register: a new KIM (no id) gets its id, one more than the
 * highest sequence of its region, and registered and updated dates of the
 * as-of day; a change (old given) gets updated.  The result is checked
 * (problems counted in problems) and its copy returned.
 */
struct kim_held *kim_register_place(struct kim_register *,
    const struct kim_record *r, struct kim_held *old);
/* The commit message of an import of n KIM into the files of t. */
void kim_register_import_message(struct kim_buf *, size_t n,
    const struct kim_txn *t);
/*
 * Report KIM of one name in one region (not counting bubar ones) among the
 * changed files; a record that was not in the file before is the one
 * named.  Returns the number of problems.
 */
long kim_register_check_names(struct kim_register *);
/* Write every changed file, in order, into t. */
void kim_register_write(struct kim_register *, struct kim_txn *t);
void kim_register_close(struct kim_register *);

#endif
