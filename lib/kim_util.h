/* kim_util: memory, growable buffers, UTF-8 */
#ifndef KIM_UTIL_H
#define KIM_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

void *kim_malloc(size_t);
void *kim_calloc(size_t, size_t);
void *kim_realloc(void *, size_t);
void *kim_reallocarray(void *, size_t, size_t);
char *kim_strdup(const char *);
char *kim_strndup(const char *, size_t);

/* A growable byte buffer, always NUL-terminated once anything is added. */
struct kim_buf {
	char *s;
	size_t len, cap;
};

void kim_buf_add(struct kim_buf *, const void *, size_t);
void kim_buf_adds(struct kim_buf *, const char *);
void kim_buf_addc(struct kim_buf *, int);
void kim_buf_addf(struct kim_buf *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void kim_buf_vaddf(struct kim_buf *, const char *fmt, va_list)
    __attribute__((format(printf, 2, 0)));
void kim_buf_reset(struct kim_buf *);
void kim_buf_free(struct kim_buf *);
const char *kim_buf_str(struct kim_buf *);

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

/* Length of the valid UTF-8 prefix of s; == len when all is valid. */
size_t kim_utf8_valid(const char *s, size_t len);
/* s[0..len) as UTF-8: each byte that is not part of a character as U+FFFD */
void kim_buf_add_utf8(struct kim_buf *, const char *s, size_t len);
/*
 * s[0..len) as a terminal may be shown it: each control character (below
 * 0x20, and DEL) and each byte that is not UTF-8 as \xHH (ESC as \x1b).
 * Every value a diagnostic or a Markdown report quotes goes through it.
 */
void kim_buf_add_shown(struct kim_buf *, const char *s, size_t len);
/* Does s[0..len) hold anything kim_buf_add_shown would change? */
int kim_needs_showing(const char *s, size_t len);
/* Columns a UTF-8 string takes on a terminal. */
size_t kim_utf8_width(const char *s);

/* ASCII case-insensitive substring search; NULL when absent */
const char *kim_strcasestr(const char *hay, const char *needle);
/* A hash of a string for tables (FNV-1a). */
uint32_t kim_hash(const char *);
/* parse a whole non-negative decimal number; -1 on anything else */
long kim_parse_count(const char *s, long max);

#endif
