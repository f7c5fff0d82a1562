/*
 * kim_rubric: a competition's rubric (rubrics/NAME.json): its scale,
 * components and weights, how judges' scores combine, its tie-breaks and
 * stages; loaded and checked, every problem at its JSON path
 */
#ifndef KIM_RUBRIC_H
#define KIM_RUBRIC_H

#include <stddef.h>

#include "kim_err.h"

/* The limits of a rubric (kim-data(5), LIMITS) */
#define KIM_RUBRIC_MAX		(1024L * 1024)	/* bytes of the file */
#define KIM_RUBRIC_COMPONENTS	64
#define KIM_RUBRIC_STAGES	16
#define KIM_RUBRIC_SCALE_MAX	100000	/* the highest max, in hundredths */
#define KIM_RUBRIC_WEIGHT_MAX	100000	/* the highest weight, in hundredths */

/* How the judges' scores of one component join */
enum kim_combine { KIM_COMBINE_MEAN, KIM_COMBINE_MEDIAN, KIM_COMBINE_TRIMMED };
extern const char *const kim_combine_names[3];

struct kim_component {
	char *id, *label;	/* label: the id when not given */
	long weight;		/* in hundredths: 20 is 2000 */
	int stage;		/* the stage it is judged in; -1: no stages */
};

struct kim_stage {
	char *name;
	size_t *comp;		/* its components, by index */
	size_t ncomp;
	long advance;		/* how many go on (or win, in the last) */
	long weight;		/* its components' weights added */
};

struct kim_rubric {
	char *path;		/* as messages name it */
	char *name, *date;	/* NULL when not given */
	long min, max;		/* the scale, in hundredths */
	enum kim_combine combine;
	int normalize;
	struct kim_component *c;
	size_t n;
	long weight;		/* the components' weights added */
	size_t *tie;		/* tie_break: components, by index */
	size_t ntie;
	struct kim_stage *s;
	size_t nstages;
};

/*
 * Load a rubric from text in memory, named name in messages, checking every
 * key and value; each problem is reported to d with its line, column and
 * JSON path ("components[2].weight: ...").  Returns the number of problems:
 * the rubric is usable only when it is 0.  kim_rubric_load reads the file
 * path first (how: as kim_open_read); -1 when it cannot be read.
 */
long kim_rubric_parse(struct kim_rubric *, const char *text, size_t len,
    const char *name, struct kim_diag *d);
long kim_rubric_load(struct kim_rubric *, const char *path, int how,
    struct kim_diag *d);
void kim_rubric_free(struct kim_rubric *);

/* The component of this id (case and '_' '-' ' ' '.' alike), or -1 */
long kim_rubric_component(const struct kim_rubric *, const char *id);
/* Are the names the same, case and '_' '-' ' ' '.' alike? */
int kim_name_same(const char *a, const char *b);
/* The stage of this name, or -1 */
long kim_rubric_stage(const struct kim_rubric *, const char *name);

/*
 * A number of at most two decimals (a '.' or a ',' before them) in
 * hundredths into *v: 0, or -1 when s is no such number.
 */
int kim_hundredths(const char *s, long *v);
/* v hundredths as text, "85.5" as "85.50", into buf (24 bytes) */
char *kim_hundredths_fmt(long v, char *buf);

#endif
