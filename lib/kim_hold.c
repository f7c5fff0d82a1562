/* kim_hold: output held back until the command knows its input was good */
#define _GNU_SOURCE	/* fopencookie: glibc, musl, FreeBSD */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim_err.h"
#include "kim_file.h"
#include "kim_hold.h"
#include "kim_util.h"

/* the held stream's buffer: what it hands on in one write */
#define HOLD_BUF (64 * 1024)

struct kim_hold {
	FILE *fp;		/* the held stream */
	FILE *dest;
	char *mem;		/* the first bytes, up to KIM_HOLD_MEM */
	size_t len, cap;
	int fd;			/* the rest: the temporary file, or -1 */
	const char *dir;	/* where the temporary file is (messages) */
	int err;		/* errno of a failed write to it, else 0 */
	int dropped;		/* what is still written goes nowhere */
};

/* The temporary file, unlinked at once; never one of fds 0-2, which a
 * caller may have closed: stdout closed must stay an error, not land here. */
static int
spill_open(struct kim_hold *h)
{
	const char *dir = getenv("TMPDIR");
	struct kim_buf path = { 0 };
	int fd, high;

	h->dir = dir && *dir ? dir : "/tmp";
	kim_buf_addf(&path, "%s/kim-hold-XXXXXX", h->dir);
	fd = mkstemp(path.s);
	if (fd >= 0)
		unlink(path.s);
	kim_buf_free(&path);
	if (fd >= 0 && fd <= 2) {
		high = fcntl(fd, F_DUPFD_CLOEXEC, 3);
		close(fd);
		fd = high;
	} else if (fd >= 0)
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

static int
write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, buf, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		buf += k;
		n -= (size_t)k;
	}
	return 0;
}

/* fopencookie's write: the number of bytes taken, 0 on an error */
static ssize_t
hold_write(void *cookie, const char *buf, size_t n)
{
	struct kim_hold *h = cookie;

	if (h->dropped)
		return (ssize_t)n;
	if (h->err) {
		errno = h->err;
		return 0;
	}
	if (h->fd < 0 && h->len + n <= KIM_HOLD_MEM) {
		if (h->len + n > h->cap) {
			h->cap = h->cap ? h->cap : HOLD_BUF;
			while (h->cap < h->len + n)
				h->cap *= 2;
			if (h->cap > KIM_HOLD_MEM)
				h->cap = KIM_HOLD_MEM;
			h->mem = kim_realloc(h->mem, h->cap);
		}
		memcpy(h->mem + h->len, buf, n);
		h->len += n;
		return (ssize_t)n;
	}
	if ((h->fd < 0 && (h->fd = spill_open(h)) < 0) ||
	    write_all(h->fd, buf, n) != 0) {
		h->err = errno ? errno : EIO;
		return 0;
	}
	return (ssize_t)n;
}

struct kim_hold *
kim_hold_new(FILE *dest)
{
	struct kim_hold *h = kim_calloc(1, sizeof *h);
	cookie_io_functions_t io = { NULL, hold_write, NULL, NULL };

	h->dest = dest;
	h->fd = -1;
	if (!(h->fp = fopencookie(h, "w", io)) ||
	    setvbuf(h->fp, NULL, _IOFBF, HOLD_BUF) != 0)
		kim_die(KIM_EXIT_IO, "out of memory");
	return h;
}

FILE *
kim_hold_fp(struct kim_hold *h)
{
	return h->fp;
}

void
kim_hold_check(struct kim_hold *h)
{
	if (!h->err && !ferror(h->fp))
		return;
	errno = h->err ? h->err : EIO;
	kim_die(KIM_EXIT_IO, "%s: cannot keep the output in a temporary file "
	    "until the input is read (TMPDIR):", h->dir ? h->dir : "/tmp");
}

static void
hold_free(struct kim_hold *h)
{
	if (h->fd >= 0)
		close(h->fd);
	free(h->mem);
	free(h);
}

void
kim_hold_release(struct kim_hold *h)
{
	char *buf;
	ssize_t n;

	if (fflush(h->fp) != 0)
		kim_hold_check(h);
	kim_hold_check(h);
	fclose(h->fp);
	if (h->len > 0)
		fwrite(h->mem, 1, h->len, h->dest);
	kim_write_check(h->dest);
	if (h->fd >= 0) {
		buf = kim_malloc(HOLD_BUF);
		if (lseek(h->fd, 0, SEEK_SET) != 0)
			kim_die(KIM_EXIT_IO, "%s: cannot read back the held "
			    "output:", h->dir);
		while ((n = kim_read(h->fd, buf, HOLD_BUF)) != 0) {
			if (n < 0)
				kim_die(KIM_EXIT_IO, "%s: cannot read back the "
				    "held output:", h->dir);
			fwrite(buf, 1, (size_t)n, h->dest);
			kim_write_check(h->dest);
		}
		free(buf);
	}
	hold_free(h);
}

void
kim_hold_drop(struct kim_hold *h)
{
	h->dropped = 1;
	fclose(h->fp);
	hold_free(h);
}
