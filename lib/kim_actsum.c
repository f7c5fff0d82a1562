/* kim_actsum: each KIM's activities summed up */
#include <stdlib.h>
#include <string.h>

#include "kim_actsum.h"

void
kim_actsum_init(struct kim_actsum *s, const struct kim_date *as_of,
    long window)
{
	memset(s, 0, sizeof *s);
	s->as_of = kim_date_days(as_of);
	s->window = window;
}

static size_t
slot(const struct kim_actsum *s, const char *id, uint32_t h)
{
	size_t i = h & (s->cap - 1);

	while (s->slot[i].id && (s->slot[i].hash != h ||
	    strcmp(s->slot[i].id, id) != 0))
		i = (i + 1) & (s->cap - 1);
	return i;
}

/* Room for n entries at most half full: grown in one step */
void
kim_actsum_reserve(struct kim_actsum *s, size_t n)
{
	struct kim_actsum_kim *old = s->slot;
	size_t oldcap = s->cap, i;

	if (2 * n <= s->cap)
		return;
	if (!s->cap)
		s->cap = 1024;
	while (2 * n > s->cap)
		s->cap *= 2;
	s->hint_id = NULL;	/* the slots move */
	s->slot = kim_calloc(s->cap, sizeof *s->slot);
	for (size_t k = 0; k < oldcap; k++) {
		if (!old[k].id)
			continue;
		/* the ids differ: the first free slot from its hash */
		for (i = old[k].hash & (s->cap - 1); s->slot[i].id;
		    i = (i + 1) & (s->cap - 1))
			;
		s->slot[i] = old[k];
	}
	free(old);
}

/* kim_actsum_find of id whose kim_hash is h */
static struct kim_actsum_kim *
find(struct kim_actsum *s, const char *id, uint32_t h, int add)
{
	size_t i, n;
	char *p;

	if (s->cap && s->slot[i = slot(s, id, h)].id)
		return &s->slot[i];
	if (!add)
		return NULL;
	kim_actsum_reserve(s, s->n + 1);
	i = slot(s, id, h);
	n = strlen(id) + 1;
	p = kim_pool_alloc(&s->pool, n);
	memcpy(p, id, n);
	s->slot[i].id = p;
	s->slot[i].hash = h;
	s->slot[i].formed = s->slot[i].last = KIM_ACTSUM_NONE;
	s->slot[i].recent = s->slot[i].period = 0;
	s->n++;
	return &s->slot[i];
}

struct kim_actsum_kim *
kim_actsum_find(struct kim_actsum *s, const char *id, int add)
{
	return find(s, id, kim_hash(id), add);
}

const struct kim_actsum_kim *
kim_actsum_get(const struct kim_actsum *s, const char *id)
{
	size_t i;

	return s->cap && s->slot[i = slot(s, id, kim_hash(id))].id ?
	    &s->slot[i] : NULL;
}

/* Is the KIM of id inside the period's regions? */
static int
inside(const struct kim_actsum *s, const char *id)
{
	for (size_t i = 0; i < s->nregions; i++) {
		size_t n = strlen(s->regions[i]);
		if (strncmp(id, s->regions[i], n) == 0 &&
		    (id[n] == '.' || id[n] == '-'))
			return 1;
	}
	return s->nregions == 0;
}

void
kim_actsum_period(struct kim_actsum *s, const struct kim_date *from,
    const struct kim_date *to, const char *const *regions, size_t n)
{
	s->from = kim_date_days(from);
	s->to = kim_date_days(to);
	if (s->to > s->as_of)
		s->to = s->as_of;
	/* 1970-01-01 was a Thursday: day 0 is weekday 3 from Monday */
	s->week0 = s->from - ((s->from + 3) % 7 + 7) % 7;
	s->nweeks = s->to < s->from ? 0 : (size_t)((s->to - s->week0) / 7 + 1);
	free(s->weeks);
	s->weeks = kim_calloc(s->nweeks ? s->nweeks : 1, sizeof *s->weeks);
	s->regions = regions;
	s->nregions = n;
}

void
kim_actsum_part(struct kim_actsum *part, const struct kim_actsum *whole)
{
	memset(part, 0, sizeof *part);
	part->as_of = whole->as_of;
	part->window = whole->window;
	if (whole->weeks) {
		part->from = whole->from;
		part->to = whole->to;
		part->week0 = whole->week0;
		part->nweeks = whole->nweeks;
		part->weeks = kim_calloc(part->nweeks ? part->nweeks : 1,
		    sizeof *part->weeks);
		part->regions = whole->regions;
		part->nregions = whole->nregions;
	}
}

void
kim_actsum_add(struct kim_actsum *to, const struct kim_actsum *part)
{
	for (size_t i = 0; i < part->cap; i++) {
		const struct kim_actsum_kim *e = &part->slot[i];
		struct kim_actsum_kim *k;
		if (!e->id)
			continue;
		k = find(to, e->id, e->hash, 1);
		if (e->last != KIM_ACTSUM_NONE && (k->last == KIM_ACTSUM_NONE ||
		    e->last > k->last))
			k->last = e->last;
		k->recent += e->recent;
		k->period += e->period;
	}
	for (size_t w = 0; to->weeks && w < to->nweeks; w++)
		to->weeks[w] += part->weeks[w];
}

void
kim_actsum_count(struct kim_actsum *s, const char *id,
    const struct kim_date *day)
{
	struct kim_actsum_kim *k;
	long d = kim_date_days(day);

	/* the rows of one KIM follow each other: found once for them all */
	if (s->hint_id && strcmp(s->hint_id, id) == 0)
		k = &s->slot[s->hint];
	else {
		k = kim_actsum_find(s, id, 1);
		s->hint = (size_t)(k - s->slot);
		s->hint_id = k->id;
	}

	if (d > s->as_of)
		return;		/* after the as-of day: not yet */
	if (k->last == KIM_ACTSUM_NONE || d > k->last)
		k->last = d;
	if (d > s->as_of - s->window)
		k->recent++;
	if (s->weeks && d >= s->from && d <= s->to && inside(s, id)) {
		k->period++;
		s->weeks[(d - s->week0) / 7]++;
	}
}

void
kim_actsum_free(struct kim_actsum *s)
{
	free(s->slot);
	free(s->weeks);
	kim_pool_free(&s->pool);
	memset(s, 0, sizeof *s);
}

