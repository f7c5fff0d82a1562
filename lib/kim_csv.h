/* kim_csv: CSV read through libcsv with positions; canonical field writing */
#ifndef KIM_CSV_H
#define KIM_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "kim_err.h"
#include "kim_util.h"

/*
 * The limits of every file read (kim-data(5), LIMITS): a field, a record
 * (a CSV row, or a JSON Lines line), and the records of one file.  Past
 * them a reader reports the place and the record is not passed on.
 */
#define KIM_FIELD_MAX	(64L * 1024)
#define KIM_RECORD_MAX	(1024L * 1024)
#define KIM_RECORDS_MAX	1000000L

/* One row as read: n NUL-terminated fields, and where it starts. */
struct kim_csv_row {
	size_t n;
	char **f;
	size_t *len;
	long line;	/* physical line the row starts on; the header is 1 */
	long index;	/* 0 for the header, then 1, 2, ... */
	int clean;	/* every field printable ASCII: no control character */
};

/* Called for every row, the header first; non-zero stops reading. */
typedef int (*kim_csv_fn)(void *ctx, const struct kim_csv_row *);

/*
 * Read CSV: first the prelen bytes at pre (bytes already read, or a whole
 * buffer when fd is -1), then fd to its end (name is used in messages).  A UTF-8 BOM is skipped, the
 * delimiter (',' ';' or TAB) is chosen from the header line, CRLF and LF
 * are both line ends, blanks around unquoted fields are dropped and blank
 * lines skipped.  Rows whose field count differs from the header's and
 * fields that are not UTF-8 are reported and skipped.  The limits above
 * hold while reading: a field or a row is reported at its first byte past
 * the limit, and the read stops there, as it does at malformed quoting or
 * at the row after KIM_RECORDS_MAX, so that no input, however long or
 * endless, takes more memory than a record.  No memory for libcsv exits 4
 * ("out of memory").  Returns the number of problems reported to d, or -1
 * on an I/O error (also reported).
 */
long kim_csv_read(int fd, const char *pre, size_t prelen, const char *name,
    kim_csv_fn fn, void *ctx, struct kim_diag *d);

/*
 * For tests/fuzz/fuzz_csvfast.c, which holds the two ways of reading
 * equal: kim_csv_fast 0 sends every record through libcsv (1: a line with
 * no quote is split without it); kim_csv_readmax, when not 0, is the most
 * bytes one read takes, as a pipe may give them.
 */
extern int kim_csv_fast;
extern size_t kim_csv_readmax;

/* Write one field with RFC 4180 minimal quoting. */
void kim_csv_put(FILE *, const char *s, int delim);
/* Write the row f[0..n) as the data folder's files hold it: ',' between
   minimally quoted fields, '\n' at the end, in one write. */
void kim_csv_put_row(FILE *, const char *const *f, size_t n);
/* The same row added to b */
void kim_csv_add_row(struct kim_buf *b, const char *const *f, size_t n);
int kim_csv_needs_quote(const char *s, int delim);

#endif
