/* kim_places: region codes found by the names of places inside a region */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kim_places.h"

/* a name of the index: its folded text in the arena, and its region */
struct entry {
	union {
		size_t off;	/* while the arena grows */
		const char *s;	/* once it is whole */
	} key;
	long region;		/* index in the region list */
};

struct kim_places {
	const struct kim_wilayah *w;
	struct kim_buf arena;	/* the folded names, NUL-terminated */
	struct entry *vil, *kec;	/* sorted by name */
	size_t nvil, nkec;
};

/* the words that say what a place is, not which */
static const char *const kinds[] = { "desa", "kelurahan", "kel", "kec",
    "kecamatan" };

void
kim_place_fold(const char *name, struct kim_buf *out)
{
	const char *s = name;

	kim_buf_reset(out);
	while (*s) {
		size_t n, k, start;
		while (*s == ' ' || *s == '\t' || *s == '.')
			s++;
		n = strcspn(s, " \t.");
		if (n == 0)
			break;
		for (k = 0; k < sizeof kinds / sizeof *kinds; k++)
			if (strlen(kinds[k]) == n && strncasecmp(s, kinds[k], n) == 0)
				break;
		if (k == sizeof kinds / sizeof *kinds) {
			if (out->len)
				kim_buf_addc(out, ' ');
			start = out->len;
			kim_buf_add(out, s, n);
			for (size_t i = start; i < out->len; i++)
				out->s[i] = (char)tolower((unsigned char)out->s[i]);
		}
		s += n;
	}
	kim_buf_addc(out, '\0');	/* terminated, not counted */
	out->len--;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->key.s, y->key.s);

	return c ? c : (x->region > y->region) - (x->region < y->region);
}

struct kim_places *
kim_places_new(const struct kim_wilayah *w, const struct kim_region *r)
{
	struct kim_places *p = kim_calloc(1, sizeof *p);
	struct kim_buf f = { 0 };
	long first = r - w->r, end = r->end;
	size_t n = (size_t)(end - first);

	p->w = w;
	p->vil = kim_calloc(n, sizeof *p->vil);
	p->kec = kim_calloc(n, sizeof *p->kec);
	for (long i = first; i < end; i++) {
		const struct kim_region *g = &w->r[i];
		int depth = kim_level_depth(g->level);
		struct entry e;
		if (depth < 3)
			continue;
		kim_place_fold(g->name, &f);
		e.key.off = p->arena.len;
		e.region = i;
		kim_buf_add(&p->arena, f.s, f.len + 1);
		if (depth == 4)
			p->vil[p->nvil++] = e;
		else
			p->kec[p->nkec++] = e;
	}
	kim_buf_free(&f);
	for (size_t i = 0; i < p->nvil; i++)
		p->vil[i].key.s = p->arena.s + p->vil[i].key.off;
	for (size_t i = 0; i < p->nkec; i++)
		p->kec[i].key.s = p->arena.s + p->kec[i].key.off;
	qsort(p->vil, p->nvil, sizeof *p->vil, entry_cmp);
	qsort(p->kec, p->nkec, sizeof *p->kec, entry_cmp);
	return p;
}

void
kim_places_free(struct kim_places *p)
{
	if (!p)
		return;
	kim_buf_free(&p->arena);
	free(p->vil);
	free(p->kec);
	free(p);
}

/* the entries of e[0..n) named key: their first in *lo, their number */
static size_t
range(const struct entry *e, size_t n, const char *key, size_t *lo)
{
	size_t a = 0, b = n, hi;

	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (strcmp(e[m].key.s, key) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	for (hi = a; hi < n && strcmp(e[hi].key.s, key) == 0; hi++)
		;
	return hi - a;
}

/* does the kecamatan of village v fold to kec? */
static int
in_kec(const struct kim_places *p, long v, const char *kec,
    struct kim_buf *f)
{
	const struct kim_region *k = kim_wilayah_up(p->w, &p->w->r[v], 3);

	if (!k)
		return 0;
	kim_place_fold(k->name, f);
	return strcmp(kim_buf_str(f), kec) == 0;
}

static void
list(const struct kim_places *p, long v, struct kim_buf *why)
{
	const struct kim_region *g = &p->w->r[v];
	const struct kim_region *k = kim_wilayah_up(p->w, g, 3);

	kim_buf_addf(why, "%s%s", why->len ? ", " : "", g->code);
	if (k && k != g)
		kim_buf_addf(why, " (%s %s)", KIM_LVS_KECAMATAN, k->name);
}

const struct kim_region *
kim_places_find(const struct kim_places *p, const char *desa,
    const char *kec, size_t *n, struct kim_buf *why)
{
	struct kim_buf d = { 0 }, k = { 0 }, f = { 0 };
	const struct kim_region *found = NULL;
	size_t lo, m, fit = 0;
	long one = -1;

	kim_buf_reset(why);
	kim_place_fold(desa, &d);
	kim_place_fold(kec, &k);
	if (d.len == 0) {
		/* a kecamatan alone: the KIM of the kecamatan */
		m = range(p->kec, p->nkec, kim_buf_str(&k), &lo);
		for (size_t i = lo; i < lo + m; i++)
			list(p, p->kec[i].region, why);
		fit = m;
		if (m == 1)
			one = p->kec[lo].region;
	} else {
		m = range(p->vil, p->nvil, kim_buf_str(&d), &lo);
		for (size_t i = lo; i < lo + m; i++) {
			if (k.len && !in_kec(p, p->vil[i].region, k.s, &f))
				continue;
			fit++;
			one = p->vil[i].region;
		}
		/* the candidates: those that fit, else all of that name */
		for (size_t i = lo; i < lo + m; i++)
			if (fit == 0 || !k.len ||
			    in_kec(p, p->vil[i].region, k.s, &f))
				list(p, p->vil[i].region, why);
	}
	if (fit == 1)
		found = &p->w->r[one];
	*n = fit;
	kim_buf_free(&d);
	kim_buf_free(&k);
	kim_buf_free(&f);
	return found;
}
