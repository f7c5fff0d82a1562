/* kim_register: the register's files, loaded to be changed and written */
#ifndef KIM_REGISTER_H
#define KIM_REGISTER_H

#include <stdint.h>

#include "kim_out.h"
#include "kim_record.h"
#include "kim_store.h"
#include "kim_term.h"
#include "kim_util.h"

/*
 * A record as the register holds it: the fields one after another from s,
 * each NUL-terminated, and the columns they were read from.  A record of
 * an import lives where the import's batch put it (the register keeps
 * that text): the fields the register assigned it (its id, the day it was
 * registered) are then apart, one after another after the struct, and
 * the ones in s at their places are not read.  A view gives the struct
 * kim_record to pass to the rest of libkim.
 */
struct kim_held {
	const char *file;
	long line;
	long seq;
	const int32_t *col;	/* a set of the register's cols */
	int clean;
	uint32_t apart;		/* the fields apart: 1 << field */
	const char *s;
	const char *id;		/* its id, where it is */
	char text[];		/* the fields apart, or all when s is here */
};

/* r's fields point into h, valid while h is. */
void kim_held_view(const struct kim_held *h, struct kim_record *r);

struct kim_regfile {
	char *rel;		/* "kim/51.02.csv" */
	char *path;		/* as messages name it */
	struct kim_held **r;
	size_t n, cap;
	int changed;
	int named;		/* its names are in the change's names */
};

struct kim_alias {
	char *id;		/* a former id */
	struct kim_held *h;	/* the KIM that had it */
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
	struct kim_alias *aliases;	/* by former id: an open hash table */
	size_t naliases, capaliases;
	int all;		/* every file of the register is loaded */
	char today[11];		/* the as-of day, YYYY-MM-DD */
	const char *renumber;	/* an id that may be there twice (a merge
				   made by hand): --renumber ID */
	struct kim_held *first;	/* its first record, when it is */
	const char *resolve;	/* --update ID: the KIM it changes, loaded */
	unsigned long resolving; /* even with merge conflicts in these fields
				   (the fields it sets, 1ul << field each) */
	unsigned long unresolved; /* its conflicts in fields not set */
	struct kim_pool held;	/* the records: a record replaced stays
				   there until the register is closed */
	struct kim_colsets cols;	/* the columns they were read from */
	struct kim_buf *kept;	/* the text of imports, lent to records */
	size_t nkept;
};

/* The files loaded, g->f, in the order of their names (kim/11.01.csv ...). */
void kim_register_sort_files(struct kim_register *g);

/* Load every file of the register (once). */
void kim_register_load_all(struct kim_register *);
/* The region of a record held (a field the register never assigns) */
const char *kim_held_region(const struct kim_held *);

void kim_register_open(struct kim_register *, const char *dir,
    const struct kim_ctx *, struct kim_diag *);
/* The file a region's records live in, loaded (exit 4 if unreadable). */
struct kim_regfile *kim_register_file(struct kim_register *,
    const char *region);
/*
 * The text of an import's batch (from kim_batch_keep), kept until the
 * register is closed: the records placed from it are not copied.
 */
void kim_register_keep(struct kim_register *, char *text, size_t len);
/* Room in the table of ids for more records (one grows it at once). */
void kim_register_expect(struct kim_register *, size_t more);
/*
 * The record with that id, or NULL; *fp is its file.  An id the KIM had
 * before a recode (former_ids) finds it too: in the file of the id's
 * region, else, once, in every file of the register.
 */
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
 * (problems counted in problems) and its copy returned: whole, or, when
 * r was checked whole already (checked), only in what was assigned.
 */
struct kim_held *kim_register_place(struct kim_register *,
    const struct kim_record *r, struct kim_held *old, int checked);
/*
 * Report KIM of one name in one region (not counting bubar ones) among the
 * changed files; a record that was not in the file before is the one
 * named.  Returns the number of problems.
 */
long kim_register_check_names(struct kim_register *);
/* Write every changed file, in order, into t. */
void kim_register_write(struct kim_register *, struct kim_txn *t);
void kim_register_close(struct kim_register *);

/*
 * One change of kim-register: a KIM added, one changed, or a file
 * imported, and the ids it wrote in the order of its input (strings of the
 * register's records or of the command line, which live until the
 * register is closed).
 */
struct kim_change {
	struct kim_register *reg;
	const char *action;	/* register, update, deactivate, ... import */
	char renumbered[64];	/* renumber: the id the KIM had */
	const char **ids;
	size_t nids, capids;
	size_t *pending;	/* the batch's records imported without an
				   id, yet (their indexes) */
	size_t npending, cappending;
	size_t replayed;	/* records of the batch replayed so far */
	struct kim_progress prog;	/* of an import */
	struct kim_batch *batch;	/* an import, read before the lock */
	struct kim_sheet *sheet;	/* an import's options and counts */
	char **names;			/* --skip-existing: "region\tname" of
					   the KIM in the files seen, hashed */
	size_t nnames, capnames;
	long problems;			/* found by the change */
	unsigned long changed;		/* an update's fields whose values
					   changed, a bit each (1ul << field) */
	char *message;			/* a recode's commit message */
	const char *install;		/* a recode's new region list, to
					   become wilayah.csv in the change */
	struct kim_ctx *relisted;	/* the context of that list */
};

/* The change wrote id (printed at the end, in this order). */
void kim_change_wrote(struct kim_change *, const char *id);
/*
 * The register goes on with the region list of ctx (a recode's new one):
 * the next numbers and the files of regions are looked up in it.
 */
void kim_register_relist(struct kim_register *, const struct kim_ctx *ctx);

/* Add the KIM of the fields given (problems counted in problems). */
void kim_change_add(struct kim_change *, struct kim_recbuf *given);
/*
 * Change KIM id: the fields set in given, the others as they are; nothing
 * changes when the values are the same.  -1 when no KIM has the id
 * (said on standard error).
 */
int kim_change_update(struct kim_change *, const char *id,
    struct kim_recbuf *given);
/*
 * Give KIM id the next free number of its region (kim_register_next); the
 * rest of the record stays, but for updated.  When two records have the
 * id, the later in the file is renumbered and the first keeps it: that
 * is no problem of the register then.  -1 when no KIM has the id (said on
 * standard error).
 */
int kim_change_renumber(struct kim_change *, const char *id);
/*
 * Read the records of file (kim_read_file, checked, no date after the
 * as-of day of ctx) whole, before the lock is taken: readers are not kept
 * waiting while a pipe trickles.  progress as kim_progress_start's force.
 */
void kim_change_import_read(struct kim_change *, const char *file,
    int progress, const struct kim_ctx *ctx);
/*
 * Under the lock, put the records read into the register: a record keeps
 * its id only when it is new to the register; those without one get theirs
 * after the last, in the order of the file.  -1 when the file could not
 * be read.
 */
int kim_change_import(struct kim_change *);
/*
 * The commit message of the change written into t: the action, the id and
 * name, and the other fields whose values it changed; or the import's.
 */
void kim_change_message(struct kim_change *, const struct kim_txn *t,
    struct kim_buf *m);
/*
 * Write the files the change touched, in one transaction, and with commit
 * commit them to git with kim_change_message (the message goes in the
 * journal first: a crash leaves the commit to the next kim-register); the
 * exit status (4 when the write or the commit failed).
 */
int kim_change_write(struct kim_change *, const char *dir, int commit);
/* The ids written to fp: one a line, or with rows as rows of column id. */
void kim_change_print(const struct kim_change *, FILE *fp, int rows,
    enum kim_fmt, int excel);
void kim_change_free(struct kim_change *);
/*
 * The start of every change of the register of dir: take the folder's
 * lock for writing (waiting up to wait seconds, else exit 5); with commit,
 * see that git can commit (else exit 4, nothing written); then reg is the
 * register of ctx and d that c changes.
 */
void kim_change_begin(struct kim_change *c, struct kim_register *reg,
    struct kim_lock *lock, const char *dir, double wait, int commit,
    const struct kim_ctx *ctx, struct kim_diag *d);
/* Nothing is written: say so once, after the problems, and exit 3. */
noreturn void kim_change_refuse(long problems);
/*
 * With standard output closed the ids written could not be told, and a
 * file opened later would take its descriptor: exit 4 before anything.
 */
void kim_change_need_stdout(void);

#endif
