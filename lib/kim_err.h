/* kim_err: exit status, the one error style, diagnostics sinks */
#ifndef KIM_ERR_H
#define KIM_ERR_H

#include <stdarg.h>
#include <stdio.h>
#include <stdnoreturn.h>

#include "kim_i18n.h"	/* _(): every message in the user's language */
#include "kim_util.h"	/* the exit statuses, kim_prog */

/*
 * A diagnostic names a place (file, line, column; any may be absent: NULL
 * or 0) and says what is wrong.  Code that finds problems reports them to
 * a sink, so that the same checks can print at once (kim_diag_stderr) or be
 * collected (kim-check, kim-report).
 */
struct kim_diag {
	void (*report)(struct kim_diag *, const char *file, long line,
	    long col, const char *msg);
	long count;
	long max;	/* stop counting into report after this many; 0: none */
	void *ctx;
	int warning;	/* set while report is given a warning */
};

/* The program's name for messages, and their language (kim_i18n_init). */
void kim_setprog(const char *argv0);
void kim_diag_init_stderr(struct kim_diag *);
void kim_diagf(struct kim_diag *, const char *file, long line, long col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void kim_vdiagf(struct kim_diag *, const char *file, long line, long col,
    const char *fmt, va_list);
/*
 * A warning at a place: "warning: " and the message to d's report, with
 * d->warning set meanwhile (a sink that holds messages keeps it one); it
 * is not a problem: d->count stays.
 */
void kim_diag_warnf(struct kim_diag *, const char *file, long line, long col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * "FILE:LINE:COLUMN: " with the parts that apply, into buf; a FILE that
 * ends in '!' is a sheet of a workbook ("BOOK.xlsx:Sheet1!"), whose
 * places are cells: "BOOK.xlsx:Sheet1!C7: "
 */
void kim_place(char *buf, size_t size, const char *file, long line, long col);

/* kim-TOOL: message; a format ending in ':' appends strerror(errno) */
void kim_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kim_vwarn(const char *fmt, va_list) __attribute__((format(printf, 1, 0)));
noreturn void kim_die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
noreturn void kim_diefile(int status, const char *file, long line, long col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * The policy for output: a closed pipe (the reader went away, as head
 * does) is a quiet success; another write error is exit 4.
 *
 * kim_exit: check standard output when a command ends and return status,
 * or KIM_EXIT_IO after the message for a write error.
 */
int kim_exit(int status);
/* After writes to fp: exit 0 on a closed pipe, exit 4 on another error. */
void kim_write_check(FILE *fp);

#endif
