/* kim_util: the program's name and exit, memory, growable buffers, UTF-8 */
#ifndef KIM_UTIL_H
#define KIM_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <sys/types.h>

enum {
	KIM_EXIT_OK    = 0,	/* success */
	KIM_EXIT_NO    = 1,	/* a negative answer */
	KIM_EXIT_USAGE = 2,	/* usage error */
	KIM_EXIT_DATA  = 3,	/* invalid data, nothing written */
	KIM_EXIT_IO    = 4,	/* I/O or system error */
	KIM_EXIT_LOCK  = 5	/* lock held by another writer */
};

/* The program's name for messages (kim_setprog sets it) */
extern const char *kim_prog;
/*
 * kim_leave claims the way out before an error is said: the first caller
 * returns; a later one in another thread waits for the first one's exit,
 * and one in the same thread (an error while exit runs) ends at once with
 * STATUS.  kim_quit(status) is kim_leave then exit(status).  Memory that
 * cannot be had ends so, with exit 4.
 */
void kim_leave(int status);
noreturn void kim_quit(int status);

/* The most threads a command starts for one piece of work */
#define KIM_THREADS_MAX 8
/* Threads for n pieces of work: one per core, at most KIM_THREADS_MAX, at
   most n. */
size_t kim_threads(size_t n);
/*
 * fn(arg, i) for each i of [0, n), on kim_threads(n) threads (this one
 * among them), in no set order; returns when all are done.
 */
void kim_each(size_t n, void (*fn)(void *arg, size_t i), void *arg);

void *kim_malloc(size_t);
void *kim_calloc(size_t, size_t);
void *kim_realloc(void *, size_t);
void *kim_reallocarray(void *, size_t, size_t);
char *kim_strdup(const char *);
char *kim_strndup(const char *, size_t);

/*
 * Tables: the large arrays a command fills once, one row per region (the
 * region list, its names, its hash, the counts by region).  Zeroed.  A
 * large one is mapped on its own, 2 MiB-aligned and in whole 2 MiB
 * pieces, and the kernel is asked for transparent huge pages
 * (MADV_HUGEPAGE): one page fault per 2 MiB instead of one per 4 KiB,
 * which on the national list was half of a command's start-up.  Where the
 * kernel gives none, the same memory comes in small pages.  A table is
 * freed with kim_table_free only; kim_table_grow keeps its bytes and
 * zeroes the new rows.
 */
void *kim_table(size_t n, size_t size);
void *kim_table_grow(void *, size_t n, size_t size);
void kim_table_free(void *);

/* A growable byte buffer, always NUL-terminated once anything is added. */
struct kim_buf {
	char *s;
	size_t len, cap;
};

void kim_buf_add(struct kim_buf *, const void *, size_t);
/* Room for more bytes at once, when their number is known beforehand. */
void kim_buf_reserve(struct kim_buf *, size_t more);
/*
 * The room to take at once for what a file of size bytes will hold: the
 * size, but never over 32 MiB, so that a file larger than memory is still
 * read to its limits (what grows past it grows as always).
 */
size_t kim_room(uintmax_t size);
void kim_buf_adds(struct kim_buf *, const char *);
void kim_buf_addc(struct kim_buf *, int);
void kim_buf_addf(struct kim_buf *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void kim_buf_vaddf(struct kim_buf *, const char *fmt, va_list)
    __attribute__((format(printf, 2, 0)));
void kim_buf_reset(struct kim_buf *);
void kim_buf_free(struct kim_buf *);
const char *kim_buf_str(struct kim_buf *);

/*
 * Memory handed out from big blocks and freed all at once: for the many
 * small objects of one command (a register's records), without a malloc
 * and its header each.  Aligned for any object, not zeroed.
 */
struct kim_pool {
	char *next;		/* the free part of the current block */
	size_t left;
	void **blocks;
	size_t n, cap;
};

void *kim_pool_alloc(struct kim_pool *, size_t);
/* All of it freed, but for the block it hands out from, kept for reuse */
void kim_pool_reset(struct kim_pool *);
void kim_pool_free(struct kim_pool *);

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

/*
 * The base name of path, as a report names a file the user gave:
 * "kabupaten.geojson" of "/a/b/kabupaten.geojson"
 */
const char *kim_base_name(const char *path);
/* ASCII case-insensitive substring search; NULL when absent */
const char *kim_strcasestr(const char *hay, const char *needle);
/* A hash of a string for tables (FNV-1a). */
uint32_t kim_hash(const char *);
/* The same hash of the first len bytes of s. */
uint32_t kim_hashn(const char *s, size_t len);
/* parse a whole non-negative decimal number; -1 on anything else */
long kim_parse_count(const char *s, long max);

#endif
