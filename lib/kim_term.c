/* kim_term: what only a person at a terminal sees: colour, pager, progress */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kim_err.h"
#include "kim_status.h"
#include "kim_term.h"

int
kim_term_color(FILE *fp)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (no && *no)
		return 0;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(fp));
}

const char *
kim_term_status_color(const char *status)
{
	/* by enum kim_status: green, yellow, red */
	static const char *const color[KIM_NSTATUS] = { "\033[32m",
	    "\033[33m", "\033[31m" };
	int s = kim_status_index(status);

	return s < 0 ? NULL : color[s];
}

/* The terminal's height: the tty's, else $LINES, else 24. */
static long
term_rows(int fd)
{
	struct winsize ws;
	const char *s = getenv("LINES");
	long n;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
		return ws.ws_row;
	if (s && (n = strtol(s, NULL, 10)) > 0)
		return n;
	return 24;
}

/* Is the command's first word a program on PATH? */
static int
on_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	while (path && *path) {
		size_t n = strcspn(path, ":");
		if (n > 0 && snprintf(buf, sizeof buf, "%.*s/%s", (int)n, path,
		    prog) < (int)sizeof buf && access(buf, X_OK) == 0)
			return 1;
		path += n + (path[n] == ':');
	}
	return 0;
}

FILE *
kim_term_pager(FILE *fp, long lines)
{
	const char *pager = getenv("PAGER");
	FILE *p;

	if (fp != stdout || !isatty(STDOUT_FILENO))
		return fp;
	if (lines < term_rows(STDOUT_FILENO))
		return fp;
	if (!pager)
		pager = on_path("pager") ? "pager" : NULL;
	if (!pager || !*pager || strcmp(pager, "cat") == 0)
		return fp;
	setenv("LESS", "FRX", 0);	/* quit if one screen; keep colour */
	fflush(fp);
	if (!(p = popen(pager, "w")))
		return fp;
	return p;
}

void
kim_term_pager_close(FILE *page, const FILE *fp)
{
	if (page == fp)
		return;
	/* the pager quit before the end: not an error */
	pclose(page);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The lines of a regular file (0 for a pipe or when it cannot be read). */
static long
count_lines(const char *path)
{
	struct stat st;
	char buf[65536];
	long n = 0;
	size_t r;
	int last = '\n';
	FILE *fp;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode) || !(fp = fopen(path, "rb")))
		return 0;
	while ((r = fread(buf, 1, sizeof buf, fp)) > 0) {
		for (const char *p = buf; (p = memchr(p, '\n', r -
		    (size_t)(p - buf))); p++)
			n++;
		last = (unsigned char)buf[r - 1];
	}
	fclose(fp);
	return n + (last != '\n');
}

static void
show(struct kim_progress *p, int final)
{
	double t = now() - p->start;
	long rate = (long)((double)p->n / (t > 0.001 ? t : 0.001));

	fprintf(stderr, "\r%s: %s: ", kim_prog, p->name);
	if (p->lines > 0) {
		long pct = final ? 100 : p->line * 100 / p->lines;
		fprintf(stderr, "%3ld%% ", pct > 100 ? 100 : pct);
	}
	fprintf(stderr, _("%ld records, %ld records/s"), p->n, rate);
	fputs(final ? "\n" : "\033[K", stderr);
	fflush(stderr);
	p->last = now();
}

void
kim_progress_start(struct kim_progress *p, int force, const char *path)
{
	memset(p, 0, sizeof *p);
	p->on = force >= 0 ? force : isatty(STDERR_FILENO);
	if (!p->on)
		return;
	p->name = strcmp(path, "-") == 0 ? _("standard input") : path;
	p->lines = count_lines(path);
	p->start = p->last = now();
}

void
kim_progress_tick(struct kim_progress *p, long line)
{
	if (!p->on)
		return;
	p->n++;
	p->line = line;
	if ((p->n & 63) == 0 && now() - p->last >= 0.1)
		show(p, 0);
}

void
kim_progress_end(struct kim_progress *p)
{
	if (p->on)
		show(p, 1);
}
