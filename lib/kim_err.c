/* kim_err: one error style for every tool */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim_err.h"

const char *kim_prog = "kim";

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

void
kim_vdiagf(struct kim_diag *d, const char *file, long line, long col,
    const char *fmt, va_list ap)
{
	char msg[4096];

	d->count++;
	if (d->max > 0 && d->count > d->max)
		return;
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	d->report(d, file, line, col, msg);
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

	kim_place(place, sizeof place, file, line, col);
	fflush(stdout);
	fprintf(stderr, "%s: %s", kim_prog, place);
	vfprintf(stderr, _(fmt), ap);
	if (len > 0 && fmt[len - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
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

	va_start(ap, fmt);
	vwarn(file, line, col, fmt, ap);
	va_end(ap);
	exit(status);
}
