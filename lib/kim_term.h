/* kim_term: what only a person at a terminal sees: colour, pager, progress */
#ifndef KIM_TERM_H
#define KIM_TERM_H

#include <stdio.h>

/*
 * Colour for fp: only when it is a terminal, TERM is not "dumb" and
 * NO_COLOR is unset or empty (https://no-color.org).
 */
int kim_term_color(FILE *fp);
/* The SGR colour of a status word (aktif, nonaktif, bubar), or NULL. */
const char *kim_term_status_color(const char *status);
#define KIM_TERM_RESET "\033[0m"

/*
 * Where a table of lines lines goes: fp itself, or, when fp is standard
 * output on a terminal and the table is taller than the terminal, a pipe
 * to $PAGER (else "pager", Debian's alternative, when on PATH; none when
 * $PAGER is empty or "cat").  LESS defaults to FRX so colour passes.
 */
FILE *kim_term_pager(FILE *fp, long lines);
/* Wait for the pager, if page is one. */
void kim_term_pager_close(FILE *page, const FILE *fp);

/*
 * Progress of reading a file of records on standard error: percent (of
 * the file's lines, when it is a regular file), records and records per
 * second, at most ten times a second, on one line rewritten with \r.
 */
struct kim_progress {
	int on;
	const char *name;
	long lines;		/* the file's lines; 0 when not known */
	long n;			/* records so far */
	long line;		/* the last record's line */
	double start, last;
};

/* force: -1 only when standard error is a terminal, 0 never, 1 always */
void kim_progress_start(struct kim_progress *, int force, const char *path);
void kim_progress_tick(struct kim_progress *, long line);
/* The final figures, and a newline. */
void kim_progress_end(struct kim_progress *);

#endif
