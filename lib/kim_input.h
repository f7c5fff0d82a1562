/* kim_input: records from CSV, JSON Lines and JSON files, and the register */
#ifndef KIM_INPUT_H
#define KIM_INPUT_H

#include <stddef.h>

#include "kim_folder.h"
#include "kim_record.h"

/* Called for every record read; non-zero stops the reading. */
typedef int (*kim_record_fn)(void *arg, struct kim_record *);

enum {
	KIM_READ_REGISTER = 1,	/* a register file: its exact header */
	KIM_READ_CHECK    = 2,	/* check each record, and pass on only good ones */
	KIM_READ_FUTURE   = 4,	/* with CHECK: no date after the as-of day */
	KIM_READ_LIMITS   = 8,	/* warn of free text over kim-data(5)'s
				   LIMITS (readers: writers refuse it) */
	KIM_READ_CONFLICTS = 16	/* with CHECK: pass on, unchecked, a record
				   that holds a merge conflict: fn decides */
};

/*
 * Read the records of a file ("-" is standard input): CSV (any subset of
 * the columns, in any order, with name, region and formed), JSON Lines, or
 * a JSON array of objects.  Outside KIM_READ_REGISTER a missing or empty
 * status is aktif.  Returns the number of problems reported to d (the
 * records with problems are not passed on), or -1 when the file cannot be
 * read.
 */
long kim_read_file(const char *path, int flags, const struct kim_ctx *,
    kim_record_fn, void *arg, struct kim_diag *);

/*
 * The same for kim-register --import: with sheet (kim_sheet.h), its
 * header names, values and encoding as spreadsheets write them, and the
 * counts of what was read kept in it.
 */
struct kim_sheet;
long kim_read_sheet(const char *path, int flags, const struct kim_ctx *,
    struct kim_sheet *sheet, kim_record_fn, void *arg, struct kim_diag *);

/* The same over bytes in memory (a blob of git), named name in messages */
long kim_read_buf(const char *name, const char *buf, size_t len, int flags,
    const struct kim_ctx *, kim_record_fn, void *arg, struct kim_diag *);

/*
 * A file read whole before its records are used: its records and messages
 * held in the order they came (tick, if not NULL, sees each record as it
 * is read, with arg), to be replayed later as if read then.  kim-register
 * reads an import so before it takes the lock.  kim_batch_replay passes
 * the records to fn and the messages to d; it returns what
 * kim_read_file returned, or the problems so far if fn stopped it.
 * kim_batch_record views the batch's record i (0 the first replayed);
 * its values live as long as the batch.  kim_batch_count: how many.
 * kim_batch_keep hands the text that holds the values (len bytes) to the
 * caller, to free after the batch: they then live as long as it keeps it.
 */
struct kim_batch;
struct kim_batch *kim_batch_read(const char *path, int flags,
    const struct kim_ctx *, struct kim_sheet *, kim_record_fn tick,
    void *arg);
long kim_batch_replay(struct kim_batch *, kim_record_fn, void *arg,
    struct kim_diag *);
void kim_batch_record(const struct kim_batch *, size_t i,
    struct kim_record *);
size_t kim_batch_count(const struct kim_batch *);
char *kim_batch_keep(struct kim_batch *, size_t *len);
void kim_batch_free(struct kim_batch *);

/*
 * Read the whole register (see kim_read_file); -1 on an I/O error.  The
 * files are parsed and checked on every core (one thread per core, up to
 * 8), but fn is called from the calling thread only, and records and
 * messages come in the order one thread reading file after file gives.
 */
long kim_read_register(const char *dir, int flags, const struct kim_ctx *,
    kim_record_fn, void *arg, struct kim_diag *);

/*
 * What reads one file as kim_read_file does; fn may be NULL.  The files
 * files[0..n), each read by readone, as kim_read_register reads the
 * register's: on every core, fn and d seeing the records and messages in
 * the order of the files.  With fn NULL no record is held, only messages.
 */
typedef long (*kim_file_fn)(const char *path, int flags,
    const struct kim_ctx *, kim_record_fn, void *arg, struct kim_diag *);
long kim_read_files(char **files, size_t n, kim_file_fn readone, int flags,
    const struct kim_ctx *, kim_record_fn, void *arg, struct kim_diag *);

/*
 * Work that is a sum, split over the reading threads: make gives a thread
 * its own part of arg; add counts a record into a part, on any thread, in
 * any order; merge adds a part into arg and frees it, on the calling
 * thread, after the last record.
 */
struct kim_parts {
	void *(*make)(void *arg);
	kim_record_fn add;
	void (*merge)(void *arg, void *part);
};

/*
 * kim_read_register with each record added into the part of the thread
 * that read it: no record waits for the calling thread.  Messages still
 * come in the order of the files.
 */
long kim_read_register_parts(const char *dir, int flags,
    const struct kim_ctx *, const struct kim_parts *, void *arg,
    struct kim_diag *);

#endif
