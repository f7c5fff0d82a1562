/*
 * kim_err: one error style for every tool, and the exit status of output
 * (a closed pipe is quiet)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim_err.h"
#include "kim_util.h"

void
kim_setprog(const char *argv0)
{
	const char *p;

	if (!argv0 || !*argv0)
		return;
	p = strrchr(argv0, '/');
	kim_prog = p ? p + 1 : argv0;
	kim_i18n_init();
}

void
kim_place(char *buf, size_t size, const char *file, long line, long col)
{
	size_t n = 0;

	buf[0] = '\0';
	if (file && line > 0 && *file && file[strlen(file) - 1] == '!') {
		/* a sheet of a workbook, "BOOK.xlsx:Sheet1!": a cell, C7 */
		char ref[16];
		size_t k = sizeof ref - 1;
		ref[k] = '\0';
		for (long c = col; c > 0 && k > 0; c = (c - 1) / 26)
			ref[--k] = (char)('A' + (c - 1) % 26);
		snprintf(buf, size, "%s%s%ld: ", file, ref + k, line);
		return;
	}
	if (file && n < size)
		n += snprintf(buf + n, size - n, "%s:", file);
	if (line > 0 && n < size)
		n += snprintf(buf + n, size - n, "%ld:", line);
	if (line > 0 && col > 0 && n < size)
		n += snprintf(buf + n, size - n, "%ld:", col);
	if (n > 0 && n < size)
		snprintf(buf + n, size - n, " ");
}

static void
report_stderr(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	char place[4096];

	(void)d;
	kim_place(place, sizeof place, file, line, col);
	fflush(stdout);
	fprintf(stderr, "%s: %s%s\n", kim_prog, place, msg);
}

void
kim_diag_init_stderr(struct kim_diag *d)
{
	memset(d, 0, sizeof *d);
	d->report = report_stderr;
}

/*
 * s, or where it holds a control character or a byte that is not UTF-8
 * (a value quoted from a file or an option: ESC would reach the terminal)
 * a copy in b with them as \xHH.
 */
static const char *
shown(const char *s, struct kim_buf *b)
{
	if (!s || !kim_needs_showing(s, strlen(s)))
		return s;
	kim_buf_add_shown(b, s, strlen(s));
	return kim_buf_str(b);
}

void
kim_vdiagf(struct kim_diag *d, const char *file, long line, long col,
    const char *fmt, va_list ap)
{
	struct kim_buf bf = { 0 }, bm = { 0 };
	char msg[4096];

	d->count++;
	if (d->max > 0 && d->count > d->max)
		return;
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	d->report(d, shown(file, &bf), line, col, shown(msg, &bm));
	kim_buf_free(&bf);
	kim_buf_free(&bm);
}

void
kim_diag_warnf(struct kim_diag *d, const char *file, long line, long col,
    const char *fmt, ...)
{
	struct kim_buf bf = { 0 }, bm = { 0 }, msg = { 0 };
	va_list ap;

	va_start(ap, fmt);
	kim_buf_adds(&msg, _("warning: "));
	kim_buf_vaddf(&msg, _(fmt), ap);
	va_end(ap);
	d->warning = 1;
	d->report(d, shown(file, &bf), line, col, shown(kim_buf_str(&msg), &bm));
	d->warning = 0;
	kim_buf_free(&bf);
	kim_buf_free(&bm);
	kim_buf_free(&msg);
}

void
kim_diagf(struct kim_diag *d, const char *file, long line, long col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kim_vdiagf(d, file, line, col, fmt, ap);
	va_end(ap);
}

static void
vwarn(const char *file, long line, long col, const char *fmt, va_list ap)
{
	int saved = errno;
	char place[4096];
	size_t len = strlen(fmt);

	struct kim_buf bf = { 0 }, bm = { 0 }, msg = { 0 };

	kim_buf_vaddf(&msg, _(fmt), ap);
	kim_place(place, sizeof place, shown(file, &bf), line, col);
	fflush(stdout);
	fprintf(stderr, "%s: %s%s", kim_prog, place,
	    shown(kim_buf_str(&msg), &bm));
	if (len > 0 && fmt[len - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
	kim_buf_free(&bf);
	kim_buf_free(&bm);
	kim_buf_free(&msg);
}

void
kim_vwarn(const char *fmt, va_list ap)
{
	vwarn(NULL, 0, 0, fmt, ap);
}

void
kim_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
kim_die(int status, const char *fmt, ...)
{
	va_list ap;

	kim_leave(status);
	va_start(ap, fmt);
	vwarn(NULL, 0, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
kim_diefile(int status, const char *file, long line, long col,
    const char *fmt, ...)
{
	va_list ap;

	kim_leave(status);
	va_start(ap, fmt);
	vwarn(file, line, col, fmt, ap);
	va_end(ap);
	exit(status);
}

int
kim_exit(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE)
			return status;
		kim_warn("cannot write the output:");
		return KIM_EXIT_IO;
	}
	return status;
}

void
kim_write_check(FILE *fp)
{
	if (!ferror(fp))
		return;
	if (errno == EPIPE)
		exit(KIM_EXIT_OK);
	kim_die(KIM_EXIT_IO, "cannot write the output:");
}
