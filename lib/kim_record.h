/* kim_record: the KIM record, its columns, validation and canonical form */
#ifndef KIM_RECORD_H
#define KIM_RECORD_H

#include <stdio.h>

#include "kim_date.h"
#include "kim_err.h"
#include "kim_util.h"
#include "kim_wilayah.h"

enum kim_field {
	KIM_F_ID, KIM_F_NAME, KIM_F_REGION, KIM_F_FORMED, KIM_F_SK,
	KIM_F_CHAIR, KIM_F_SECRETARY, KIM_F_TREASURER, KIM_F_MEMBERS,
	KIM_F_SECTORS, KIM_F_STATUS, KIM_F_WEBSITE, KIM_F_CONTACT,
	KIM_F_VERIFIED, KIM_F_REGISTERED, KIM_F_UPDATED, KIM_F_NOTES,
	KIM_NFIELDS,
	/* derived columns, computed on output */
	KIM_F_DESA = KIM_NFIELDS, KIM_F_KECAMATAN, KIM_F_KABUPATEN,
	KIM_F_PROVINSI, KIM_F_AGE,
	KIM_NCOLUMNS
};

extern const char *const kim_field_names[KIM_NCOLUMNS];
/* The field with that column name, or -1. */
int kim_field_lookup(const char *name);
int kim_field_lookupn(const char *name, size_t len);

/* the register files' header line, without the line end */
extern const char kim_header[];
/* The first n column names, ", "-separated, for messages. */
const char *kim_column_list(int n);

/*
 * A record: every field a NUL-terminated string, "" when empty.  Where it
 * came from is kept for messages: col[f] is the 1-based column the field
 * was read from (0 when the input had no such column).
 */
struct kim_record {
	char *f[KIM_NFIELDS];
	long col[KIM_NFIELDS];
	const char *file;
	long line;
	long seq;		/* N of the id REGION-N, 0 if none */
	int clean;		/* known to hold only printable ASCII (the
				   reader saw it): no control character */
};

/* Building a record from pieces; the strings live in the builder. */
struct kim_recbuf {
	struct kim_buf b;
	size_t off[KIM_NFIELDS];
	int set[KIM_NFIELDS];
	long col[KIM_NFIELDS];
};

void kim_recbuf_clear(struct kim_recbuf *);
void kim_recbuf_set(struct kim_recbuf *, int field, const char *s,
    size_t len, long col);
/* Point r's fields into the builder (valid until the next clear). */
void kim_recbuf_get(struct kim_recbuf *, struct kim_record *r);
void kim_recbuf_free(struct kim_recbuf *);

/* An owned copy in one allocation; free with kim_record_free. */
struct kim_record *kim_record_dup(const struct kim_record *);
void kim_record_free(struct kim_record *);

/* The N of an id REGION-N whose REGION is region; 0 when not of that form */
long kim_id_seq(const char *id, const char *region);
/* Order of the register: by region code, then sequence number. */
int kim_record_cmp(const struct kim_record *, const struct kim_record *);

struct kim_ctx {
	struct kim_wilayah w;
	struct kim_date as_of;
};

enum {
	KIM_CHECK_ASSIGNED = 1,	/* id, status, registered, updated required */
	KIM_CHECK_FUTURE   = 2	/* no date may be after the as-of day */
};

/* Check every field of r; report each problem to d; return their number. */
long kim_record_check(const struct kim_record *r, const struct kim_ctx *,
    int flags, struct kim_diag *d);
/* Report one problem about field f of r. */
void kim_record_problem(struct kim_diag *, const struct kim_record *r,
    int field, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/*
 * A name as names are compared: ASCII lower case, runs of blanks as one,
 * none at the ends ("KIM  Maju " is "kim maju"); appended to out.
 */
void kim_name_fold(const char *name, struct kim_buf *out);
int kim_name_cmp(const char *, const char *);

/* Input's sectors as the register keeps them: lower case, no blanks. */
void kim_sectors_normalize(char *);
/*
 * Input as the register keeps it: status aktif when none is given, sectors
 * normalised, leading zeros of members dropped (in place).
 */
void kim_record_normalize(struct kim_record *);

/* Is r in the register file rel (kim/51.02.csv)?  If not, says so: 1. */
int kim_record_misplaced(const struct kim_record *r, const char *rel,
    struct kim_diag *);

/* Write r in the canonical form, as one CSV line with an LF. */
void kim_record_write(FILE *, const struct kim_record *);
/* The register file a region's records go in: "kim/51.02.csv", "kim/51.csv" */
void kim_record_file(const char *region, char *buf, size_t size);

/* The value of a column, derived ones included (buf: KIM_VALUE_MAX bytes) */
#define KIM_VALUE_MAX 24
const char *kim_record_value(const struct kim_record *, int column,
    const struct kim_ctx *, char *buf);

#endif
