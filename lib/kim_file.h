/* kim_file: opening and reading files */
#ifndef KIM_FILE_H
#define KIM_FILE_H

#include <stddef.h>
#include <sys/types.h>

/* read(2), again when a signal interrupts it */
ssize_t kim_read(int fd, void *buf, size_t n);

/* What a file of this mode is, for messages: "a FIFO", "a directory", ... */
const char *kim_file_kind(mode_t);

struct kim_diag;
enum {
	KIM_OPEN_REGULAR = 1,	/* a file of the data folder: regular only */
	KIM_OPEN_MISSING = 2	/* one that may be missing: not reported */
};
/*
 * Open a file to read; the one way every reader opens one.  With
 * KIM_OPEN_REGULAR, as every file of the data folder is opened, the open
 * never waits (a FIFO without a writer) and anything but a regular file,
 * reached through symbolic links or not (a FIFO, a device, a directory),
 * is refused: reported to d with its path, and -2 returned (invalid data,
 * exit 3).  Without it (a file named on the command line: a pipe is
 * fine), a plain open.  -1 when it cannot be opened, reported to d unless
 * KIM_OPEN_MISSING is given and it does not exist (errno is ENOENT).  d
 * may be NULL: nothing reported.
 */
int kim_open_read(const char *path, int flags, struct kim_diag *d);

struct kim_buf;
/*
 * Read fd to its end, appended to out (out->s is then set, even for an
 * empty file), as the files read whole before they are parsed are read
 * (rule sets, rubrics, text to convert): 0 when read whole; 1 when it
 * holds more than max bytes, read that far only; -1 when read(2) failed
 * (errno says why).  fd stays open.
 */
int kim_read_all(int fd, struct kim_buf *out, size_t max);

#endif
