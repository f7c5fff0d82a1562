/* kim_rules: eligibility rule sets, loaded and checked, applied to records */
#ifndef KIM_RULES_H
#define KIM_RULES_H

#include <stddef.h>

#include "kim_date.h"
#include "kim_err.h"
#include "kim_out.h"
#include "kim_record.h"
#include "kim_util.h"

enum kim_test {
	KIM_TEST_IS, KIM_TEST_MIN, KIM_TEST_MAX, KIM_TEST_ALL, KIM_TEST_ANY,
	KIM_TEST_NONE, KIM_TEST_PREFIX, KIM_TEST_PRESENT, KIM_NTESTS
};

extern const char *const kim_test_names[KIM_NTESTS];

struct kim_criterion {
	int field;		/* a column known in rules (KIM_IN_RULES) */
	const char *name;	/* the field as the rule set spells it */
	enum kim_test test;
	char *label;		/* NULL when none */
	char **list;		/* is, all, any, none, prefix */
	size_t nlist;
	double num;		/* min, max of a number */
	struct kim_date date;	/* min, max of a date */
	int present;		/* present */
	long line, col;		/* where its test's value is in the file */
};

struct kim_rules {
	char *path;		/* as messages name it */
	char *name, *comment;	/* NULL when not given */
	struct kim_date as_of;
	int has_as_of;
	struct kim_criterion *c;
	size_t n;
};

/*
 * Where a value is in JSON text, for messages that give the line and column
 * of a key or value (rule sets, rubrics): one step of a path is a key of an
 * object, or (key NULL) an array index.  kim_json_locate gives the offset
 * of the value at path in well-formed JSON text, from the value at offset
 * start (of its key, with at_key, when the last step is a key), or -1 when
 * it is not there.
 */
struct kim_jstep {
	const char *key;
	size_t index;
};
long kim_json_locate(const char *s, size_t n, size_t start,
    const struct kim_jstep *path, size_t npath, int at_key);

/* A rule set file is read whole: at most this many bytes (kim-data(5)) */
#define KIM_RULES_MAX	(16L * 1024 * 1024)

/*
 * Load a rule set from a file, checking every key, field, test and value.
 * Each problem is reported to d with its line and column (and the index of
 * its criterion).  Returns the number of problems (the rules are usable
 * only when it is 0), or -1 when the file cannot be read (also reported).
 * how is for kim_open_read: KIM_OPEN_REGULAR for a file of the data
 * folder, 0 for one named on the command line.
 * kim_rules_parse does the same on text in memory, named name.
 */
long kim_rules_load(struct kim_rules *, const char *path, int how,
    struct kim_diag *d);
long kim_rules_parse(struct kim_rules *, const char *text, size_t len,
    const char *name, struct kim_diag *d);
void kim_rules_free(struct kim_rules *);
/* Report each region code of the rules that is not in w; their number. */
long kim_rules_check_regions(const struct kim_rules *,
    const struct kim_wilayah *w, struct kim_diag *d);

/*
 * The day a rule set is applied on: given (kim-eligible's --as-of, alias
 * --rules-as-of; kim-report's --rules-as-of) when not NULL, else the rule
 * set's own as_of, else dflt (today, or the day of the report); *why says
 * which of the three, and kim_rules_day_why words it for a sentence ("the
 * rule set's as_of").
 */
enum kim_rules_why { KIM_RULES_GIVEN, KIM_RULES_OWN, KIM_RULES_DEFAULT };
struct kim_date kim_rules_day(const struct kim_rules *,
    const struct kim_date *given, const struct kim_date *dflt,
    enum kim_rules_why *why);
const char *kim_rules_day_why(enum kim_rules_why why, const char *option,
    const char *dflt);

/* The failed criteria of one record, each with its reason. */
struct kim_verdict {
	size_t n, cap;
	size_t *crit;		/* index of the failed criterion */
	size_t *off;		/* where its reason starts in text */
	struct kim_buf text;
};

/*
 * Apply the rules to r on the day ctx->as_of: 1 when r meets every
 * criterion, 0 when not.  With a verdict every criterion is tried and each
 * failed one recorded with its reason ("age: formed 2021-03-01, 2 years
 * on 2023-06-21, needs at least 5"); without, the first failure decides.
 */
int kim_rules_apply(const struct kim_rules *, const struct kim_record *r,
    const struct kim_ctx *ctx, struct kim_verdict *v);
/* The reason of the i-th failure, naming the field first. */
const char *kim_verdict_reason(const struct kim_verdict *, size_t i);
void kim_verdict_free(struct kim_verdict *);

/*
 * The rows of kim-eligible --explain: id, name, eligible and failed.  In
 * JSON failed is an array of objects {criterion, field, test, label,
 * reason}; in text each failure is its label (else its field), ": " and
 * what was found against what was needed, joined with " | ".
 */
#define KIM_EXPLAIN_NCOLS 4
extern const struct kim_col kim_explain_cols[KIM_EXPLAIN_NCOLS];
void kim_explain_row(struct kim_out *, const struct kim_rules *,
    const struct kim_record *r, const struct kim_verdict *v);

#endif
