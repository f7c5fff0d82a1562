/*
 * kim_util: the base of libkim, which includes no other module: the
 * program's name and exit, memory, growable buffers, UTF-8
 */
#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "kim_i18n.h"
#include "kim_util.h"

const char *kim_prog = "kim";

/*
 * The way out is taken once.  The first caller of kim_leave, in any
 * thread, goes on to say why and exit; another thread that fails
 * meanwhile (two reading threads out of memory at once) waits for that
 * exit without a word, so the message is said once and is the first
 * one's; an error in the leaving thread itself while exit(3) runs (no
 * memory to flush a held stream) ends at once, quietly.
 */
static pthread_mutex_t way_out = PTHREAD_MUTEX_INITIALIZER;
static pthread_t leaver;
static atomic_int dying;

void
kim_leave(int status)
{
	if (atomic_load(&dying) && pthread_equal(leaver, pthread_self()))
		_exit(status);
	pthread_mutex_lock(&way_out);	/* a second thread stays here */
	leaver = pthread_self();
	atomic_store(&dying, 1);
}

void
kim_quit(int status)
{
	kim_leave(status);
	exit(status);
}

size_t
kim_threads(size_t n)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t t = cpus > 1 ? (size_t)cpus : 1;

	if (t > KIM_THREADS_MAX)
		t = KIM_THREADS_MAX;
	return t < n ? t : n;
}

struct each {
	void (*fn)(void *, size_t);
	void *arg;
	size_t n;
	atomic_size_t next;
};

static void *
each_run(void *arg)
{
	struct each *e = arg;
	size_t i;

	while ((i = atomic_fetch_add(&e->next, 1)) < e->n)
		e->fn(e->arg, i);
	return NULL;
}

void
kim_each(size_t n, void (*fn)(void *arg, size_t i), void *arg)
{
	struct each e = { fn, arg, n, 0 };
	pthread_t t[KIM_THREADS_MAX];
	size_t started = 0, want = kim_threads(n);

	/* this thread is one of them; one that cannot start is not needed */
	while (started + 1 < want &&
	    pthread_create(&t[started], NULL, each_run, &e) == 0)
		started++;
	each_run(&e);
	for (size_t i = 0; i < started; i++)
		pthread_join(t[i], NULL);
}

/* Out of memory: said without asking for any */
static noreturn void
oom(void)
{
	kim_leave(KIM_EXIT_IO);
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", kim_prog, _("out of memory"));
	exit(KIM_EXIT_IO);
}

static void *
check(void *p)
{
	if (!p)
		oom();
	return p;
}

void *kim_malloc(size_t n) { return check(malloc(n ? n : 1)); }
void *kim_calloc(size_t n, size_t m) { return check(calloc(n ? n : 1, m ? m : 1)); }
void *kim_realloc(void *p, size_t n) { return check(realloc(p, n ? n : 1)); }
char *kim_strdup(const char *s) { return check(strdup(s)); }
char *kim_strndup(const char *s, size_t n) { return check(strndup(s, n)); }

void *
kim_reallocarray(void *p, size_t n, size_t m)
{
	if (m && n > SIZE_MAX / m)
		oom();
	return kim_realloc(p, n * m);
}

/*
 * A table starts with its head: the bytes asked for, and the length of
 * its mapping (0: it came from calloc).  Below TABLE_MAP bytes a table is
 * not worth a huge page of its own.
 */
struct table_head {
	size_t size, map;
};
#define TABLE_ALIGN	_Alignof(max_align_t)
#define TABLE_HEAD	((sizeof(struct table_head) + TABLE_ALIGN - 1) / \
    TABLE_ALIGN * TABLE_ALIGN)
#define TABLE_MAP	((size_t)256 << 10)
#define HUGE_PAGE	((size_t)2 << 20)

static struct table_head *
table_map(size_t size)
{
	size_t len = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	char *raw, *base;

	if (len < size || len + HUGE_PAGE < len)
		oom();
	raw = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	base = (char *)(((uintptr_t)raw + HUGE_PAGE - 1) &
	    ~(uintptr_t)(HUGE_PAGE - 1));
	if (base > raw)
		munmap(raw, (size_t)(base - raw));
	if (raw + HUGE_PAGE > base)
		munmap(base + len, (size_t)(raw + HUGE_PAGE - base));
#ifdef MADV_HUGEPAGE
	(void)madvise(base, len, MADV_HUGEPAGE);	/* a wish, not a need */
#endif
	((struct table_head *)(void *)base)->map = len;
	return (struct table_head *)(void *)base;
}

void *
kim_table(size_t n, size_t m)
{
	struct table_head *h = NULL;
	size_t size;

	if (m && n > (SIZE_MAX - TABLE_HEAD) / m)
		oom();
	size = TABLE_HEAD + n * m;
	if (size >= TABLE_MAP)
		h = table_map(size);	/* fresh pages are zero */
	if (!h) {
		h = kim_calloc(1, size);
		h->map = 0;
	}
	h->size = size - TABLE_HEAD;
	return (char *)h + TABLE_HEAD;
}

void *
kim_table_grow(void *p, size_t n, size_t m)
{
	struct table_head *h;
	char *q;

	if (!p)
		return kim_table(n, m);
	h = (struct table_head *)(void *)((char *)p - TABLE_HEAD);
	q = kim_table(n, m);
	memcpy(q, p, h->size < n * m ? h->size : n * m);
	kim_table_free(p);
	return q;
}

void
kim_table_free(void *p)
{
	struct table_head *h;

	if (!p)
		return;
	h = (struct table_head *)(void *)((char *)p - TABLE_HEAD);
	if (h->map)
		munmap(h, h->map);
	else
		free(h);
}

static void
grow(struct kim_buf *b, size_t more)
{
	size_t need = b->len + more + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = kim_realloc(b->s, b->cap);
}

void
kim_buf_reserve(struct kim_buf *b, size_t more)
{
	grow(b, more);
}

size_t
kim_room(uintmax_t size)
{
	return size < (32u << 20) ? (size_t)size : (32u << 20);
}

void
kim_buf_add(struct kim_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap)
		grow(b, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void kim_buf_adds(struct kim_buf *b, const char *s) { kim_buf_add(b, s, strlen(s)); }

void
kim_buf_addc(struct kim_buf *b, int c)
{
	if (b->len + 2 > b->cap)
		grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
kim_buf_addf(struct kim_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kim_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
kim_buf_vaddf(struct kim_buf *b, const char *fmt, va_list ap)
{
	char small[256];
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= 0 && (size_t)n < sizeof small)
		kim_buf_add(b, small, (size_t)n);
	else if (n >= 0) {
		grow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

void
kim_buf_reset(struct kim_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
kim_buf_free(struct kim_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

const char *kim_buf_str(struct kim_buf *b) { return b->s ? b->s : ""; }

/* a block of a pool; an object bigger than a quarter of it has its own */
#define POOL_BLOCK (256 * 1024)
#define POOL_ALIGN _Alignof(max_align_t)

static void *
pool_block(struct kim_pool *p, size_t size)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->blocks = kim_reallocarray(p->blocks, p->cap,
		    sizeof *p->blocks);
	}
	return p->blocks[p->n++] = kim_malloc(size);
}

void *
kim_pool_alloc(struct kim_pool *p, size_t size)
{
	char *s;

	size = (size + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1);
	if (size > POOL_BLOCK / 4)
		return pool_block(p, size);
	if (size > p->left) {
		p->next = pool_block(p, POOL_BLOCK);
		p->left = POOL_BLOCK;
	}
	s = p->next;
	p->next += size;
	p->left -= size;
	return s;
}

void
kim_pool_reset(struct kim_pool *p)
{
	/* the block being handed out, where next points into it */
	char *cur = p->next ? p->next + p->left - POOL_BLOCK : NULL;
	size_t kept = 0;

	for (size_t i = 0; i < p->n; i++) {
		if (p->blocks[i] == cur)
			p->blocks[kept++] = cur;
		else
			free(p->blocks[i]);
	}
	p->n = kept;
	p->next = cur;
	p->left = cur ? POOL_BLOCK : 0;
}

void
kim_pool_free(struct kim_pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->blocks[i]);
	free(p->blocks);
	memset(p, 0, sizeof *p);
}

size_t
kim_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1; cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2; cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3; cp = c & 0x07;
		} else
			return i;
		if (i + n >= len)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

void
kim_buf_add_utf8(struct kim_buf *b, const char *s, size_t len)
{
	for (;;) {
		size_t ok = kim_utf8_valid(s, len);
		kim_buf_add(b, s, ok);
		if (ok == len)
			return;
		kim_buf_add(b, "\xef\xbf\xbd", 3);
		s += ok + 1;
		len -= ok + 1;
	}
}

static int
control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

void
kim_buf_add_shown(struct kim_buf *b, const char *s, size_t len)
{
	for (;;) {
		size_t ok = kim_utf8_valid(s, len), from = 0;
		for (size_t i = 0; i < ok; i++)
			if (control((unsigned char)s[i])) {
				kim_buf_add(b, s + from, i - from);
				kim_buf_addf(b, "\\x%02x", (unsigned char)s[i]);
				from = i + 1;
			}
		kim_buf_add(b, s + from, ok - from);
		if (ok == len)
			return;
		kim_buf_addf(b, "\\x%02x", (unsigned char)s[ok]);
		s += ok + 1;
		len -= ok + 1;
	}
}

int
kim_needs_showing(const char *s, size_t len)
{
	int high = 0;

	for (size_t i = 0; i < len; i++) {
		if (control((unsigned char)s[i]))
			return 1;
		high |= s[i] & 0x80;
	}
	return high && kim_utf8_valid(s, len) != len;
}

size_t
kim_utf8_width(const char *s)
{
	static locale_t utf8;
	locale_t old;
	mbstate_t st;
	size_t w = 0, n, len = strlen(s);
	wchar_t wc;

	if (!utf8)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (!utf8)
		return len;
	old = uselocale(utf8);
	memset(&st, 0, sizeof st);
	while (len > 0) {
		n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2) {
			w++; s++; len--;
			memset(&st, 0, sizeof st);
			continue;
		}
		if (n == 0)
			break;
		int cw = wcwidth(wc);
		w += cw > 0 ? (size_t)cw : 0;
		s += n;
		len -= n;
	}
	uselocale(old);
	return w;
}

const char *
kim_base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

const char *
kim_strcasestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return n == 0 ? hay : NULL;
}

long
kim_parse_count(const char *s, long max)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	return v;
}

uint32_t
kim_hash(const char *s)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

uint32_t
kim_hashn(const char *s, size_t len)
{
	uint32_t h = 2166136261u;	/* FNV-1a, as kim_hash */

	for (size_t k = 0; k < len; k++)
		h = (h ^ (unsigned char)s[k]) * 16777619u;
	return h;
}
