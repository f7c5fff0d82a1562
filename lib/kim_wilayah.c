/* kim_wilayah: region codes and the wilayah.csv reference */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kim_csv.h"
#include "kim_file.h"
#include "kim_util.h"
#include "kim_wilayah.h"

static int
twodigits(const char *s, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

enum kim_level
kim_code_level(const char *s)
{
	int pp, kk, cc;

	if (twodigits(s, &pp) || pp == 0)
		return KIM_LV_INVALID;
	if (s[2] == '\0')
		return KIM_LV_PROVINSI;
	if (s[2] != '.' || twodigits(s + 3, &kk) || kk == 0 || kk == 70)
		return KIM_LV_INVALID;
	if (s[5] == '\0')
		return kk < 70 ? KIM_LV_KABUPATEN : KIM_LV_KOTA;
	if (s[5] != '.' || twodigits(s + 6, &cc) || cc == 0)
		return KIM_LV_INVALID;
	if (s[8] == '\0')
		return KIM_LV_KECAMATAN;
	if (s[8] != '.')
		return KIM_LV_INVALID;
	for (int i = 9; i < 13; i++)
		if (s[i] < '0' || s[i] > '9')
			return KIM_LV_INVALID;
	if (s[13] != '\0')
		return KIM_LV_INVALID;
	switch (s[9]) {
	case '1': return KIM_LV_KELURAHAN;
	case '2': return KIM_LV_DESA;
	case '3': return KIM_LV_DESA_ADAT;
	default:  return KIM_LV_INVALID;
	}
}

int
kim_level_depth(enum kim_level l)
{
	switch (l) {
	case KIM_LV_PROVINSI:	return 1;
	case KIM_LV_KABUPATEN:
	case KIM_LV_KOTA:	return 2;
	case KIM_LV_KECAMATAN:	return 3;
	case KIM_LV_INVALID:	return 0;
	default:		return 4;
	}
}

int
kim_level_is_village(enum kim_level l)
{
	return kim_level_depth(l) == 4;
}

const char *const kim_level_names[KIM_NLEVELS] = {
	KIM_LVS_PROVINSI, KIM_LVS_KABUPATEN, KIM_LVS_KOTA, KIM_LVS_KECAMATAN,
	KIM_LVS_KELURAHAN, KIM_LVS_DESA, KIM_LVS_DESA_ADAT
};

const char *
kim_level_name(enum kim_level l)
{
	return l == KIM_LV_INVALID ? "invalid" : kim_level_names[l];
}

/* the level that names each depth 1-3 */
static const enum kim_level depth_level[] = { KIM_LV_PROVINSI,
    KIM_LV_KABUPATEN, KIM_LV_KECAMATAN };

int
kim_depth_lookup(const char *name)
{
	for (int d = 1; d <= 3; d++)
		if (strcmp(name, kim_level_names[depth_level[d - 1]]) == 0)
			return d;
	return 0;
}

const char *
kim_depth_name(int depth)
{
	return kim_level_names[depth_level[depth - 1]];
}

size_t
kim_code_prefix_len(const char *code, int depth)
{
	static const size_t len[] = { 0, 2, 5, 8, 13 };

	if (depth < 1 || depth > 4 || strlen(code) < len[depth])
		return 0;
	return len[depth];
}

int
kim_code_within(const char *code, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(code, prefix, n) == 0 &&
	    (code[n] == '\0' || code[n] == '.');
}

struct loader {
	struct kim_wilayah *w;
	struct kim_diag *d;
	const char *path;
	char *arena;		/* the codes and names, each NUL-terminated */
	size_t alen, acap;
	size_t cap, capbad;
	long icode, iname;
	long problems;
	const char *within;	/* NULL, or a code: only its provinsi's rows */
};

/*
 * Room for cap regions.  Until the list is read, a region's end holds the
 * line it was read from (for messages), and its code and name point into
 * the arena as it is then (rebased if it moved).
 */
static void
reserve(struct loader *l, size_t cap)
{
	l->cap = cap;
	l->w->r = kim_table_grow(l->w->r, cap, sizeof *l->w->r);
}

/* Room for more bytes in the arena; the codes and names move with it */
static void
reserve_arena(struct loader *l, size_t more)
{
	struct kim_wilayah *w = l->w;
	const char *was = l->arena;
	size_t cap = l->acap ? l->acap : 4096;

	while (cap < l->alen + more)
		cap *= 2;
	l->arena = kim_table_grow(l->arena, cap, 1);
	l->acap = cap;
	if (was)
		for (size_t i = 0; i < w->n; i++) {
			w->r[i].code = l->arena + (w->r[i].code - was);
			w->r[i].name = l->arena + (w->r[i].name - was);
		}
}

/*
 * A name that holds a control character, kept with its place for
 * kim_wilayah_check_names; a clean row holds none.
 */
static void
keep_badname(struct loader *l, const struct kim_csv_row *row)
{
	struct kim_wilayah *w = l->w;
	const char *name = row->f[l->iname];

	for (size_t i = 0; name[i]; i++) {
		unsigned char ch = (unsigned char)name[i];
		if (ch >= 0x20 && ch != 0x7f)
			continue;
		if (w->nbad == l->capbad) {
			l->capbad = l->capbad ? 2 * l->capbad : 8;
			w->bad = kim_reallocarray(w->bad, l->capbad,
			    sizeof *w->bad);
		}
		w->bad[w->nbad++] = (struct kim_badname){ row->line,
		    l->iname + 1, i + 1, kim_strdup(name) };
		return;
	}
}

static int
on_row(void *ctx, const struct kim_csv_row *row)
{
	struct loader *l = ctx;
	struct kim_wilayah *w = l->w;

	if (row->index == 0) {
		for (size_t i = 0; i < row->n; i++) {
			if (strcmp(row->f[i], "code") == 0)
				l->icode = (long)i;
			else if (strcmp(row->f[i], "name") == 0)
				l->iname = (long)i;
		}
		if (l->icode < 0 || l->iname < 0) {
			l->problems++;
			kim_diagf(l->d, l->path, row->line, 0,
			    "header has no %s column (expected code,name)",
			    l->icode < 0 ? "code" : "name");
			return 1;
		}
		return 0;
	}
	const char *code = row->f[l->icode], *name = row->f[l->iname];
	/*
	 * Of one provinsi, a row whose code starts with another's is left
	 * here, before anything of it is kept or checked ("51" followed by
	 * a digit is another's; "51x" is checked, and found bad).
	 */
	if (l->within && (code[0] != l->within[0] || code[1] != l->within[1] ||
	    (code[2] >= '0' && code[2] <= '9')))
		return 0;
	if (!row->clean)
		keep_badname(l, row);
	enum kim_level level = kim_code_level(code);
	if (level == KIM_LV_INVALID) {
		l->problems++;
		kim_diagf(l->d, l->path, row->line, l->icode + 1,
		    "'%s' is not a region code (expected PP, PP.KK, PP.KK.CC "
		    "or PP.KK.CC.VVVV)", code);
		return 0;
	}
	if (!*name) {
		l->problems++;
		kim_diagf(l->d, l->path, row->line, l->iname + 1,
		    "region %s has no name", code);
		return 0;
	}
	size_t lcode = row->len[l->icode] + 1, lname = row->len[l->iname] + 1;
	if (w->n == l->cap)
		reserve(l, l->cap ? l->cap * 2 : 1024);
	if (l->alen + lcode + lname > l->acap)
		reserve_arena(l, lcode + lname);
	struct kim_region *reg = &w->r[w->n++];
	char *at = l->arena + l->alen;
	memcpy(at, code, lcode);
	memcpy(at + lcode, name, lname);
	l->alen += lcode + lname;
	reg->code = at;
	reg->name = at + lcode;
	reg->level = level;
	reg->parent = -1;
	reg->end = row->line;
	return 0;
}

static int
bycode(const void *a, const void *b)
{
	const struct kim_region *x = a, *y = b;

	return strcmp(x->code, y->code);
}

/*
 * A hash of a code, eight bytes at a time (a village's code is 13): a
 * fraction of what a byte at a time (kim_hash) costs, the probes as few
 * on the 91,599 codes of the national list (1.27 a code).
 */
static size_t
code_hash(const char *s)
{
	const uint64_t k = 0x9e3779b97f4a7c15ULL;
	size_t n = strlen(s), i = 0;
	uint64_t h = n, x = 0;

	if (n >= 8) {
		/* the last eight bytes overlap the eights before: no tail */
		for (; i + 8 < n; i += 8) {
			memcpy(&x, s + i, 8);
			h = (h ^ x) * k;
			h ^= h >> 32;
		}
		memcpy(&x, s + n - 8, 8);
	} else
		for (; i < n; i++)
			x |= (uint64_t)(unsigned char)s[i] << (8 * i);
	h = (h ^ x) * k;
	h ^= h >> 32;
	h *= 0xff51afd7ed558ccdULL;
	return (size_t)(h ^ (h >> 33));
}

/* Every code in a table of twice as many slots, probed linearly. */
static void
index_codes(struct kim_wilayah *w)
{
	size_t size = 16;

	while (size < 2 * w->n)
		size *= 2;
	w->slot = kim_table(size, sizeof *w->slot);
	w->mask = size - 1;
	for (size_t i = 0; i < w->n; i++) {
		size_t k = code_hash(w->r[i].code) & w->mask;
		while (w->slot[k])
			k = (k + 1) & w->mask;
		w->slot[k] = (uint32_t)i + 1;
	}
}

/*
 * The list of w->path from fd (-1: none) after the len bytes at buf, of
 * size bytes in all (0: not known); of the provinsi of within only, when
 * it is not NULL.
 */
static long
load(struct kim_wilayah *w, int fd, const char *buf, size_t len,
    uintmax_t size, const char *within, struct kim_diag *d)
{
	struct loader l;
	long stack[5];
	const char *path = w->path;
	int sorted = 1;
	size_t i, k;

	memset(&l, 0, sizeof l);
	l.w = w;
	l.d = d;
	l.path = path;
	l.icode = l.iname = -1;
	l.within = within;
	/*
	 * The room for all at once, by the file's size: the codes and names
	 * with their NULs are never longer than their lines, and a line of
	 * the list is some 27 bytes (no copying as the tables grow).  One
	 * provinsi's are a few of them: the tables grow as they are read.
	 */
	if (size > 0 && !within) {
		reserve_arena(&l, kim_room(size) + 2);
		reserve(&l, kim_room(size) / 16 + 16);
	}
	long r = kim_csv_read(fd, buf, len, path, on_row, &l, d);
	w->arena = l.arena;
	if (r < 0)
		return -1;	/* kim_wilayah_free frees what was read */
	l.problems += r;
	if (l.icode < 0 && l.problems == 0) {
		l.problems++;
		kim_diagf(d, path, 0, 0, "empty file (expected a header code,name)");
	}

	/*
	 * Each region's end is still the line it was read from.  A list in
	 * strictly ascending order (the official one) holds no code twice.
	 */
	for (i = 1; i < w->n && sorted; i++)
		sorted = strcmp(w->r[i - 1].code, w->r[i].code) < 0;
	if (!sorted)
		qsort(w->r, w->n, sizeof *w->r, bycode);
	/* drop repeated codes, find parents and the extent of each region */
	for (i = k = 0; i < w->n && !sorted; i++) {
		if (k > 0 && strcmp(w->r[k - 1].code, w->r[i].code) == 0) {
			l.problems++;
			kim_diagf(d, path, w->r[i].end, l.icode + 1,
			    "region %s is listed twice", w->r[i].code);
			continue;
		}
		w->r[k++] = w->r[i];
	}
	if (!sorted)
		w->n = k;
	for (i = 0; i < 5; i++)
		stack[i] = -1;
	for (i = k = 0; i < w->n; i++) {
		struct kim_region *reg = &w->r[i];
		int depth = kim_level_depth(reg->level);
		long parent = depth > 1 ? stack[depth - 1] : -1;

		/* the parent's code is the code's prefix of its depth */
		if (depth > 1 && (parent < 0 || memcmp(reg->code,
		    w->r[parent].code, kim_code_prefix_len(reg->code,
		    depth - 1)) != 0)) {
			l.problems++;
			kim_diagf(d, path, reg->end, l.icode + 1,
			    "region %s has no parent region in the list",
			    reg->code);
			continue;
		}
		/* the parent's index moves down by the rows dropped so far */
		if (k != i)
			w->r[k] = *reg;
		w->r[k].parent = parent;
		w->r[k].end = (long)k + 1;
		stack[depth] = (long)k;
		for (int j = depth + 1; j < 5; j++)
			stack[j] = -1;
		if (kim_level_is_village(reg->level))
			w->villages++;
		k++;
	}
	w->n = k;
	/* a region extends to the end of its last descendant */
	for (i = w->n; i-- > 0;) {
		long p = w->r[i].parent;
		if (p >= 0 && w->r[i].end > w->r[p].end)
			w->r[p].end = w->r[i].end;
	}
	index_codes(w);
	return l.problems;
}

/* The list at path, of the provinsi of within only when not NULL */
static long
load_file(struct kim_wilayah *w, const char *path, const char *within,
    struct kim_diag *d)
{
	struct stat st;
	long r;
	int fd;

	memset(w, 0, sizeof *w);
	w->path = kim_strdup(path);
	if ((fd = kim_open_read(path, KIM_OPEN_REGULAR, d)) < 0)
		return fd == -2 ? 1 : -1;
	r = load(w, fd, NULL, 0, fstat(fd, &st) == 0 && st.st_size > 0 ?
	    (uintmax_t)st.st_size : 0, within, d);
	close(fd);
	return r;
}

long
kim_wilayah_load(struct kim_wilayah *w, const char *path, struct kim_diag *d)
{
	return load_file(w, path, NULL, d);
}

/* The messages of a provinsi's rows: any one sends to the whole list */
static void
unsaid(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	(void)d, (void)file, (void)line, (void)col, (void)msg;
}

long
kim_wilayah_load_within(struct kim_wilayah *w, const char *path,
    const char *code, struct kim_diag *d)
{
	struct kim_diag quiet = { .report = unsaid };

	if (kim_code_level(code) != KIM_LV_INVALID) {
		if (load_file(w, path, code, &quiet) == 0 && quiet.count == 0) {
			memcpy(w->within, code, 2);
			return 0;
		}
		kim_wilayah_free(w);
	}
	return kim_wilayah_load(w, path, d);
}

int
kim_wilayah_knows(const struct kim_wilayah *w, const char *code)
{
	return !w->within[0] || (code[0] == w->within[0] &&
	    code[1] == w->within[1] && (code[2] == '\0' || code[2] == '.'));
}

long
kim_wilayah_read_buf(struct kim_wilayah *w, const char *name,
    const char *buf, size_t len, struct kim_diag *d)
{
	memset(w, 0, sizeof *w);
	w->path = kim_strdup(name);
	return load(w, -1, buf, len, len, NULL, d);
}

long
kim_wilayah_check_names(const struct kim_wilayah *w, struct kim_diag *d)
{
	for (size_t i = 0; i < w->nbad; i++)
		kim_diagf(d, w->path, w->bad[i].line, w->bad[i].col,
		    "the name '%s' contains a control character at byte %zu "
		    "(names are text)", w->bad[i].name, w->bad[i].byte);
	return (long)w->nbad;
}

void
kim_wilayah_free(struct kim_wilayah *w)
{
	kim_table_free(w->r);
	kim_table_free(w->slot);
	kim_table_free(w->arena);
	for (size_t i = 0; i < w->nbad; i++)
		free(w->bad[i].name);
	free(w->bad);
	free(w->path);
	memset(w, 0, sizeof *w);
}

const struct kim_region *
kim_wilayah_find(const struct kim_wilayah *w, const char *code)
{
	struct kim_region key = { .code = code };

	if (!w->slot)
		return bsearch(&key, w->r, w->n, sizeof *w->r, bycode);
	for (size_t k = code_hash(code) & w->mask; w->slot[k];
	    k = (k + 1) & w->mask)
		if (strcmp(w->r[w->slot[k] - 1].code, code) == 0)
			return &w->r[w->slot[k] - 1];
	return NULL;
}

const struct kim_region *
kim_wilayah_up(const struct kim_wilayah *w, const struct kim_region *r,
    int depth)
{
	while (r && kim_level_depth(r->level) > depth)
		r = r->parent >= 0 ? &w->r[r->parent] : NULL;
	return r && kim_level_depth(r->level) == depth ? r : NULL;
}
