/* kim_record: the KIM record, its columns, validation and canonical form */
#ifndef KIM_RECORD_H
#define KIM_RECORD_H

#include <stdarg.h>
#include <stdio.h>

#include "kim_date.h"
#include "kim_err.h"
#include "kim_folder.h"
#include "kim_out.h"
#include "kim_status.h"
#include "kim_util.h"
#include "kim_wilayah.h"

/*
 * The record's columns, one row each, in the order of the register's
 * header; everything else about a column (the enum, its name, the header,
 * its check, how --fields, rules, JSON and kim-register treat it) comes
 * from this table.
 *
 *   X(ENUM, name, type, given, json, personal, aliases)
 *   type      what the value is: its check, the rule tests that apply
 *             (KIM_FT_)
 *   given     who gives it (KIM_GIVEN_): kim-register has a --NAME option
 *             for every column but the ASSIGNED ones
 *   json      how JSON writes and reads it (enum kim_type of kim_out.h)
 *   personal  personal data under UU 27/2022 (Pelindungan Data Pribadi)
 *   aliases   the other header names a spreadsheet may give the column,
 *             '|'-separated ("" for none)
 *
 * The KEPT columns come last: a register file carries them only when a
 * record of it has a value (kim_header_for), so files written before
 * they existed read, check and write byte for byte as they were.
 */
#define KIM_FIELDS(X) \
	X(ID,         "id",         TEXT,   ASSIGNED, TEXT, 0, "") \
	X(NAME,       "name",       TEXT,   REQUIRED, TEXT, 0, \
	    "nama|nama kim") \
	X(REGION,     "region",     REGION, REQUIRED, TEXT, 0, \
	    "kode wilayah|kode desa|kode kelurahan|kode") \
	X(FORMED,     "formed",     DATE,   REQUIRED, DATE, 0, \
	    "tanggal pembentukan|tgl dibentuk|tahun berdiri") \
	X(SK,         "sk",         TEXT,   OPTIONAL, TEXT, 0, \
	    "nomor sk|no sk|sk pengukuhan") \
	X(CHAIR,      "chair",      TEXT,   OPTIONAL, TEXT, 1, "ketua") \
	X(SECRETARY,  "secretary",  TEXT,   OPTIONAL, TEXT, 1, "sekretaris") \
	X(TREASURER,  "treasurer",  TEXT,   OPTIONAL, TEXT, 1, "bendahara") \
	X(MEMBERS,    "members",    NUMBER, OPTIONAL, NUM,  0, \
	    "jumlah anggota|anggota") \
	X(SECTORS,    "sectors",    TAGS,   OPTIONAL, LIST, 0, \
	    "bidang|sektor") \
	X(STATUS,     "status",     STATUS, DEFAULT,  TEXT, 0, \
	    "keterangan status") \
	X(WEBSITE,    "website",    URL,    OPTIONAL, TEXT, 0, "situs|blog") \
	X(CONTACT,    "contact",    TEXT,   OPTIONAL, TEXT, 1, \
	    "kontak|no hp|telepon|email") \
	X(VERIFIED,   "verified",   DATE,   OPTIONAL, DATE, 0, \
	    "diverifikasi|tanggal verifikasi") \
	X(REGISTERED, "registered", DATE,   ASSIGNED, DATE, 0, \
	    "terdaftar|tanggal terdaftar") \
	X(UPDATED,    "updated",    DATE,   ASSIGNED, DATE, 0, "diperbarui") \
	X(NOTES,      "notes",      LINES,  OPTIONAL, TEXT, 0, "keterangan|catatan") \
	X(FORMER_IDS, "former_ids", IDS,    KEPT,     IDS,  0, "id lama")

/*
 * The derived columns, computed from a record on output and in rules:
 * one row and one function each (kim_record.c).
 *
 *   X(ENUM, name, type, where, depth, value, rule_alias, aliases)
 *   where       KIM_IN_FIELDS: kim-list --fields and --sort;
 *               KIM_IN_RULES: the field of a rule set's criterion
 *   depth       the level of the region it is about (1 provinsi ...
 *               4 desa), 0 for none
 *   value       the function that computes it (see struct kim_column)
 *   rule_alias  the name rule sets gave it before it had its own, still
 *               read in rule sets; NULL for none
 *   aliases     the other header names a spreadsheet may give it, as for
 *               the stored columns: the names of the places desa and
 *               kecamatan, by which an import finds a region code when a
 *               row has none (kim_places)
 */
#define KIM_DERIVED(X) \
	X(DESA,           KIM_LVS_DESA,       TEXT,   KIM_IN_FIELDS, 4, \
	    kim_value_region_name, NULL, "kelurahan|nama desa|nama kelurahan") \
	X(KECAMATAN,      KIM_LVS_KECAMATAN,  TEXT,   KIM_IN_FIELDS, 3, \
	    kim_value_region_name, NULL, "kec|nama kecamatan") \
	X(KABUPATEN,      KIM_LVS_KABUPATEN,  TEXT,   KIM_IN_FIELDS, 2, \
	    kim_value_region_name, NULL, "") \
	X(PROVINSI,       KIM_LVS_PROVINSI,   TEXT,   KIM_IN_FIELDS, 1, \
	    kim_value_region_name, NULL, "") \
	X(AGE,            "age",            NUMBER, KIM_IN_FIELDS | KIM_IN_RULES, \
	    0, kim_value_age, NULL, "") \
	X(KABUPATEN_CODE, "kabupaten_code", REGION, KIM_IN_RULES, 2, \
	    kim_value_region_code, KIM_LVS_KABUPATEN, "") \
	X(KECAMATAN_CODE, "kecamatan_code", REGION, KIM_IN_RULES, 3, \
	    kim_value_region_code, KIM_LVS_KECAMATAN, "") \
	X(STALE_MONTHS,   "stale_months",   NUMBER, KIM_IN_RULES, 0, \
	    kim_value_stale_months, NULL, "") \
	X(LAST_ACTIVITY,  "last_activity",  DATE,   KIM_IN_FIELDS | KIM_IN_RULES, \
	    0, kim_value_last_activity, NULL, "") \
	X(ACTIVITIES_90D, "activities_90d", NUMBER, KIM_IN_FIELDS | KIM_IN_RULES, \
	    0, kim_value_activities, NULL, "")

#define KIM_F_ENUM(e, ...) KIM_F_##e,
enum kim_field {
	KIM_FIELDS(KIM_F_ENUM)
	KIM_NFIELDS,
	KIM_F_DERIVED_ = KIM_NFIELDS - 1,	/* the next one is KIM_NFIELDS */
	KIM_DERIVED(KIM_F_ENUM)
	KIM_NCOLUMNS
};
#undef KIM_F_ENUM

/* What a column's value is. */
enum kim_ftype {
	KIM_FT_TEXT,	/* one line of text */
	KIM_FT_LINES,	/* text that may hold line breaks and tabs */
	KIM_FT_DATE,	/* YYYY-MM-DD */
	KIM_FT_NUMBER,	/* a whole number >= 0 */
	KIM_FT_TAGS,	/* a ';'-list of lower-case tags */
	KIM_FT_STATUS,	/* a status word */
	KIM_FT_URL,	/* an address, without blanks */
	KIM_FT_REGION,	/* a region code of wilayah.csv */
	KIM_FT_IDS	/* a ';'-list of ids REGION-N (former_ids) */
};

/* Who gives a column's value. */
enum kim_given {
	KIM_GIVEN_OPTIONAL,	/* the user, when known */
	KIM_GIVEN_REQUIRED,	/* the user, always */
	KIM_GIVEN_DEFAULT,	/* the user, else the register (status aktif) */
	KIM_GIVEN_ASSIGNED,	/* the register only (id, dates of the entry) */
	KIM_GIVEN_KEPT,		/* the register only, when it has one: the ids
				   a recode took from the KIM (former_ids) */
	KIM_GIVEN_DERIVED	/* computed, never stored */
};

/* Where a column's name is known (stored columns: everywhere). */
enum {
	KIM_IN_REGISTER = 1,	/* the register's header, input files */
	KIM_IN_FIELDS   = 2,	/* --fields, --sort */
	KIM_IN_RULES    = 4	/* a criterion's "field" */
};

struct kim_record;
struct kim_ctx;
struct kim_actsum;

struct kim_column {
	const char *name;
	enum kim_ftype type;
	enum kim_given given;
	enum kim_type json;
	unsigned where;		/* KIM_IN_ */
	int personal;
	const char *aliases;	/* other header names, '|'-separated */
	int depth;		/* derived: the level of region it is about */
	const char *rule_alias;	/* derived: an older spelling in rule sets */
	/*
	 * derived: its value ("" for none) in buf (KIM_VALUE_MAX bytes) or
	 * in memory that outlives the record
	 */
	const char *(*value)(const struct kim_record *, int depth,
	    const struct kim_ctx *, char *buf);
};

extern const struct kim_column kim_columns[KIM_NCOLUMNS];
extern const char *const kim_field_names[KIM_NCOLUMNS];
/* The column of that name known where (KIM_IN_), or -1. */
int kim_column_lookup(const char *name, unsigned where);
int kim_column_lookupn(const char *name, size_t len, unsigned where);
/*
 * The names of the columns known where, ", "-separated, for messages
 * (in rules a derived column by its rule_alias, when it has one).
 */
const char *kim_column_list(unsigned where);

/*
 * the register files' header line, without the line end: kim_header
 * without the KEPT columns, kim_header_for(1) with them
 */
extern const char *const kim_header;
const char *kim_header_for(int kept);
/* The columns every register file has: those before the KEPT ones. */
#define KIM_NBASE KIM_F_FORMER_IDS
/* Does r hold a value in a KEPT column (its file then has them)? */
int kim_record_kept(const struct kim_record *r);

/*
 * A record: every field a NUL-terminated string, "" when empty.  Where it
 * came from is kept for messages: col[f] is the 1-based column the field
 * was read from (0 when the input had no such column, KIM_COL_OPTION when
 * it was given on the command line as --FIELD: messages then name the
 * option).
 */
#define KIM_COL_OPTION	(-1L)
struct kim_record {
	char *f[KIM_NFIELDS];
	long col[KIM_NFIELDS];
	const char *file;
	long line;
	long seq;		/* N of the id REGION-N, 0 if none */
	int clean;		/* known to hold only printable ASCII (the
				   reader saw it): no control character */
	int short_fields;	/* known to hold no field of more than
				   KIM_LIMIT_LEAST bytes (the reader saw
				   their lengths): none over its limit */
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

/*
 * The columns of records held in memory, each distinct set once: the
 * records of one file share the set of its header, so a record held
 * needs a pointer, not a column number a field.
 */
struct kim_colsets {
	const int32_t **slot;	/* an open hash table */
	size_t n, cap;
	struct kim_pool pool;
};

/* The set equal to col (KIM_COL_OPTION kept), valid until the free. */
const int32_t *kim_colset(struct kim_colsets *, const long col[KIM_NFIELDS]);
void kim_colsets_free(struct kim_colsets *);

/* An owned copy in one allocation; free with kim_record_free. */
struct kim_record *kim_record_dup(const struct kim_record *);
void kim_record_free(struct kim_record *);

/* The N of an id REGION-N whose REGION is region; 0 when not of that form */
long kim_id_seq(const char *id, const char *region);
/* Order of the register: by region code, then sequence number. */
int kim_record_cmp(const struct kim_record *, const struct kim_record *);
/* The same, of a record held as its region, sequence number and id */
int kim_record_cmp_key(const char *region, long seq, const char *id,
    const struct kim_record *);

struct kim_ctx {
	struct kim_wilayah w;
	struct kim_date as_of;
	/*
	 * The regions asked for (-r): the register is read only from the
	 * files that can hold them (kim_register_file_holds), so a bad file
	 * of another office stops nothing.  None: every file.
	 */
	const char *const *regions;
	size_t nregions;
	/*
	 * The activity log summed up by KIM (kim_actsum), for the derived
	 * columns last_activity and activities_90d; NULL when not loaded
	 * (kim_cli_activity): they are then empty.
	 */
	const struct kim_actsum *activity;
};

enum {
	KIM_CHECK_ASSIGNED = 1,	/* id, status, registered, updated required */
	KIM_CHECK_FUTURE   = 2,	/* no date may be after the as-of day */
	KIM_CHECK_DATES    = 4	/* only the dates, their order and the
				   assigned fields: the rest was checked */
};

/*
 * A value that both sides of a merge changed, differently, as kim-merge
 * writes it into the field: "<<<<<<< OURS (ours) or THEIRS (theirs) >>>>>>>".
 * kim_record_check names such a field as a merge conflict, and nothing else
 * of the record.
 */
#define KIM_CONFLICT_OPEN	"<<<<<<< "
#define KIM_CONFLICT_CLOSE	" >>>>>>>"
/* Is s such a conflict?  Its inner text, and the length in *len. */
const char *kim_conflict_inner(const char *s, size_t *len);
/* The fields of r that hold a conflict, a bit (1ul << field) each */
unsigned long kim_record_conflicts(const struct kim_record *r);

/* Check every field of r; report each problem to d; return their number. */
long kim_record_check(const struct kim_record *r, const struct kim_ctx *,
    int flags, struct kim_diag *d);
/*
 * The part of kim_record_check that holds for the text of any value, as
 * every reader holds a field read from a file to it (kim-data(5),
 * LIMITS): UTF-8, no NUL, no control character (but line breaks and tabs
 * in notes), at most KIM_FIELD_MAX bytes a field and KIM_RECORD_MAX bytes
 * the record as a register file holds it.  What passes can be written and
 * read again.  Returns the number of problems reported.
 */
long kim_record_check_text(const struct kim_record *r, struct kim_diag *d);
/*
 * The lengths a person would give a free-text field, in characters
 * (kim-data(5), LIMITS): name 200, sk, chair, secretary, treasurer and
 * contact 100, website 300, notes 2000; 0 for a field with none.  A record
 * written (kim-register, its imports) is held to them: each field of
 * fields (a bit 1ul << f each) over its limit is reported to d, and their
 * number returned.  Records already in a file are not: a reader warns.
 */
long kim_field_limit(int f);
/* The least of those limits: a field of no more bytes is within its own */
#define KIM_LIMIT_LEAST	100
long kim_record_check_limits(const struct kim_record *r, unsigned long fields,
    struct kim_diag *d);
/*
 * A record already in a file (readers, kim-check): a warning to d for each
 * field over its limit, "FILE:LINE:COLUMN: warning: name: 254 characters:
 * the limit is 200 (kim-data(5), LIMITS); read as it is"; no problem, so
 * a new limit locks no office out of its register.  A record whose
 * short_fields is set has none: nothing is counted.
 */
void kim_record_warn_limits(const struct kim_record *r, struct kim_diag *d);
/* The number of UTF-8 characters of s */
size_t kim_utf8_chars(const char *s);

/* Report one problem about field f of r. */
void kim_record_problem(struct kim_diag *, const struct kim_record *r,
    int field, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/*
 * Report one problem about the field name of a row of file, read from
 * line and column col: "FILE:LINE:COL: name: message", or "--name:
 * message" when col is KIM_COL_OPTION (given on the command line); fmt is
 * translated.  What kim_record_problem and kim_activity_problem say.
 */
void kim_field_vproblem(struct kim_diag *, const char *file, long line,
    long col, const char *name, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));
/*
 * A name as names are compared: ASCII lower case, runs of blanks as one,
 * none at the ends ("KIM  Maju " is "kim maju"); appended to out.
 */
void kim_name_fold(const char *name, struct kim_buf *out);
/*
 * Which KIM r is, as the register tells KIM apart (no two in a region
 * under one name): its region, a tab and its folded name, appended to out.
 */
void kim_record_key(const struct kim_record *r, struct kim_buf *out);
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

/*
 * Write r in the canonical form, as one CSV line with an LF: with the KEPT
 * columns when kept (its file's header has them, kim_header_for).
 */
void kim_record_write(FILE *, const struct kim_record *, int kept);
/* The same line added to b */
void kim_record_add(struct kim_buf *b, const struct kim_record *, int kept);

/* The bytes of an id with its NUL, with room (a code of 13, '-', the number) */
#define KIM_ID_MAX 64

/*
 * Is id r's id, or one of its former_ids (a recode's alias, kim-data(5))?
 * 1 for its id, 2 for a former one, else 0.  Every command that takes an
 * id finds a KIM so (kim_select: kim-list --id; kim_register_find).
 */
int kim_record_is(const struct kim_record *r, const char *id);

/*
 * The next id of a former_ids value: copied from *s into id (n bytes),
 * *s moved past it; 0 at the end.  A part too long for id is skipped.
 */
int kim_former_next(const char **s, char *id, size_t n);

/*
 * What the activity log (ctx->activity, when loaded) says of r, under its
 * id and its former ones alike: the day of its last activity, or
 * KIM_ACTSUM_NONE, and its count in the window.
 */
void kim_record_activity(const struct kim_record *r,
    const struct kim_ctx *ctx, long *last, long *recent);

/* The value of a column, derived ones included (buf: KIM_VALUE_MAX bytes) */
#define KIM_VALUE_MAX 24
const char *kim_record_value(const struct kim_record *, int column,
    const struct kim_ctx *, char *buf);

#endif
