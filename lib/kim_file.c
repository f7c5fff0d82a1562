/*
 * kim_file: opening and reading files, the one way every reader opens one
 * (files of the data folder regular only).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kim_err.h"
#include "kim_file.h"
#include "kim_util.h"

ssize_t
kim_read(int fd, void *buf, size_t n)
{
	ssize_t k;

	do
		k = read(fd, buf, n);
	while (k < 0 && errno == EINTR);
	return k;
}

const char *
kim_file_kind(mode_t m)
{
	return S_ISREG(m) ? _("a regular file") : S_ISDIR(m) ? _("a directory") :
	    S_ISFIFO(m) ? _("a FIFO") : S_ISCHR(m) ? _("a character device") :
	    S_ISBLK(m) ? _("a block device") : S_ISSOCK(m) ? _("a socket") :
	    S_ISLNK(m) ? _("a symbolic link") : _("not a regular file");
}

int
kim_open_read(const char *path, int flags, struct kim_diag *d)
{
	int reg = flags & KIM_OPEN_REGULAR;
	int fd = open(path, O_RDONLY | O_CLOEXEC | (reg ? O_NONBLOCK | O_NOCTTY : 0));
	struct stat st;

	if (fd < 0) {
		int err = errno;
		if (d && !(err == ENOENT && (flags & KIM_OPEN_MISSING)))
			kim_diagf(d, path, 0, 0, "cannot open: %s", strerror(err));
		errno = err;
		return -1;
	}
	if (!reg)
		return fd;
	if (fstat(fd, &st) != 0) {
		int err = errno;
		if (d)
			kim_diagf(d, path, 0, 0, "cannot open: %s", strerror(err));
		close(fd);
		errno = err;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		if (d)
			kim_diagf(d, path, 0, 0, "%s: the files of the data folder "
			    "must be regular files (kim-data(5))",
			    kim_file_kind(st.st_mode));
		close(fd);
		return -2;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

int
kim_read_all(int fd, struct kim_buf *out, size_t max)
{
	char chunk[1 << 14];
	ssize_t n;

	kim_buf_add(out, "", 0);
	while ((n = kim_read(fd, chunk, sizeof chunk)) > 0) {
		kim_buf_add(out, chunk, (size_t)n);
		if (out->len > max)
			return 1;
	}
	return n < 0 ? -1 : 0;
}
