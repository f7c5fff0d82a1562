/* kim_cli: the options every command shares, and its input */
#ifndef KIM_CLI_H
#define KIM_CLI_H

#include <getopt.h>
#include <stdnoreturn.h>

#include "kim_date.h"
#include "kim_input.h"
#include "kim_out.h"
#include "kim_record.h"
#include "kim_store.h"

#define KIM_VERSION "0.1.0"

/* long-only options: the common ones, then each command's from KIM_OPT */
enum { KIM_OPT_VERSION = 0x100, KIM_OPT_ASOF, KIM_OPT_EXCEL, KIM_OPT_AT,
    KIM_OPT_LANG, KIM_OPT_PERSONAL, KIM_OPT };

#define KIM_COMMON_SHORT "hd:f:"
#define KIM_COMMON_LONG \
	{ "help",    no_argument,       NULL, 'h' }, \
	{ "version", no_argument,       NULL, KIM_OPT_VERSION }, \
	{ "data",    required_argument, NULL, 'd' }, \
	{ "format",  required_argument, NULL, 'f' }, \
	{ "as-of",   required_argument, NULL, KIM_OPT_ASOF }, \
	{ "excel",   optional_argument, NULL, KIM_OPT_EXCEL }, \
	{ "lang",    required_argument, NULL, KIM_OPT_LANG }
/* for the commands that print records: kim_cli_hide_personal */
#define KIM_PERSONAL_LONG \
	{ "with-personal", no_argument, NULL, KIM_OPT_PERSONAL }
/* for the commands that write to a file: -o FILE (kim_cli_out) */
#define KIM_OUTPUT_SHORT "o:"
#define KIM_OUTPUT_LONG { "output", required_argument, NULL, 'o' }
/* for the commands that read the register at a date or revision */
#define KIM_AT_LONG { "at", required_argument, NULL, KIM_OPT_AT }

struct kim_cli {
	const char *usage;	/* the SYNOPSIS forms, one a line; a line
				   starting with a blank goes on with the last */
	const char *help_head;	/* options --help shows before help, as they
				   are (not translated); NULL for none */
	const char *help;	/* the options, one a line */
	const char *help_tail;	/* more of them, after help; or NULL */
	const char *dir;	/* the data folder */
	const struct kim_formats *formats;	/* what -f takes (default
					   kim_formats_rows) */
	enum kim_fmt fmt;
	int fmt_set;
	int excel;		/* --excel, --excel=id: enum kim_excel */
	struct kim_date as_of;
	int as_of_set;
	int lang_set;		/* --lang given */
	const char *at;		/* --at DATE|REV */
	const char *within;	/* a region code: kim_cli_context loads only
				   its provinsi's regions, or NULL */
	const char *output;	/* -o FILE, or NULL: standard output */
	int with_personal;	/* --with-personal */
	const char *number;	/* the option given that prints a number
				   instead of rows (-c), or NULL */
	struct kim_output out;	/* kim_cli_out's */
	char **args;		/* operands */
	int nargs;
	struct kim_diag diag;	/* messages to standard error */
};

/* Set the program name, the defaults and what --help prints. */
void kim_cli_init(struct kim_cli *, char **argv, const char *usage,
    const char *help);
/*
 * The --FIELD options of the columns a user gives (all but those the
 * register assigns), each returning base + its column, into o (room for
 * KIM_NFIELDS); their number.  kim_cli_field_help: their lines of --help,
 * "      --name, --region, ..., --notes VALUE\n".
 */
size_t kim_cli_field_options(struct option *o, int base);
const char *kim_cli_field_help(void);
/*
 * The --FIELD options given (set, by column) fit the change: with add,
 * every required column is given; with refusing (the change's name),
 * none may be ("--members does not go with --import").  Usage error
 * (exit 2) else; returns whether any was given.
 */
int kim_cli_fields_given(struct kim_cli *, const int set[KIM_NFIELDS],
    int add, const char *refusing);
/* Handle a common option; 0 when opt is not one. */
int kim_cli_option(struct kim_cli *, int opt, const char *arg);
/* After the options: operands, and defaults that depend on them. */
void kim_cli_done(struct kim_cli *, int argc, char **argv);
/* A usage error: the message, the usage, exit 2. */
noreturn void kim_usage(const struct kim_cli *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Parse an option's date or number, or exit 2 naming the option. */
struct kim_date kim_cli_date(const struct kim_cli *, const char *opt,
    const char *arg);
long kim_cli_count(const struct kim_cli *, const char *opt, const char *arg);
/* A region code given on the command line (exit 2 if not one). */
const char *kim_cli_code(const struct kim_cli *, const char *opt,
    const char *arg);

/* Exit 2 unless a code given to opt is in the region list. */
const struct kim_region *kim_cli_region(const struct kim_cli *,
    const struct kim_wilayah *, const char *opt, const char *code);
/*
 * The index of a -r region whose rows at depth by (1-3; 0: no rows) lie
 * inside it; exit 2 when it is not in the list or is below the rows.
 */
long kim_cli_region_rows(const struct kim_cli *, const struct kim_wilayah *,
    const char *code, int by);

/*
 * Where the command's output goes: -o FILE (replaced atomically at
 * kim_cli_out_end, kim_output_open), else standard output.  status: the
 * command's exit status so far; on one but 0 and 1 (a negative answer
 * is an answer) a file to replace is left as it was.
 */
FILE *kim_cli_out(struct kim_cli *);
/*
 * Does the output go to people (--excel, -f xlsx) without
 * --with-personal, so that the personal columns are left out?
 */
int kim_cli_hide_personal(const struct kim_cli *);
void kim_cli_out_end(struct kim_cli *, int status);

/*
 * Load the data folder's wilayah.csv (of within's provinsi only, when it
 * is set: kim_wilayah_load_within) and the as-of date (exit 3/4).
 */
void kim_cli_context(struct kim_cli *, struct kim_ctx *);
/*
 * The data folder's activity log summed up in sum, by KIM, for the
 * derived columns last_activity and activities_90d and --dormant
 * (ctx->activity points to it): only the files that can hold ctx's
 * regions are read, under a shared lock.  A bad row is reported and the
 * command exits 3 (4 when a file cannot be read).  With need 0 nothing
 * is read (the columns are not asked for).
 */
struct kim_actsum;
void kim_cli_activity(struct kim_cli *, struct kim_ctx *,
    struct kim_actsum *sum, int need);
/* Does col need the activity log (last_activity, activities_90d)? */
#define KIM_COLUMN_ACTIVITY(col) \
	((col) == KIM_F_LAST_ACTIVITY || (col) == KIM_F_ACTIVITIES_90D)

/*
 * Every record of the input: the operands ("-" is standard input), or else
 * the register, read under a shared lock (or as committed at --at).  Bad records are reported and
 * left out.  Returns the exit status the reading calls for: 0, 3 for bad
 * data, 4 when a file cannot be read.
 */
int kim_cli_records(struct kim_cli *, const struct kim_ctx *,
    kim_record_fn, void *arg);
/* The same, the records added into parts (kim_read_register_parts) */
int kim_cli_records_parts(struct kim_cli *, const struct kim_ctx *,
    const struct kim_parts *, void *arg);

/*
 * The boundary file of -f svg: given (--map FILE), else the data folder's
 * file for rows at depth by; a usage error when there is none.  Free it.
 */
char *kim_cli_map_file(const struct kim_cli *, const char *given, int by);

#endif
