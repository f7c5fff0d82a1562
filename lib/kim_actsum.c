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
slot(const struct kim_actsum *s, const char *id)
{
	size_t i = kim_hash(id) & (s->cap - 1);

	while (s->slot[i].id && strcmp(s->slot[i].id, id) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

struct kim_actsum_kim *
kim_actsum_find(struct kim_actsum *s, const char *id, int add)
{
	size_t i, n;
	char *p;

	if (s->cap && s->slot[i = slot(s, id)].id)
		return &s->slot[i];
	if (!add)
		return NULL;
	if (2 * (s->n + 1) > s->cap) {
		struct kim_actsum_kim *old = s->slot;
		size_t oldcap = s->cap;
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->slot = kim_calloc(s->cap, sizeof *s->slot);
		for (size_t k = 0; k < oldcap; k++)
			if (old[k].id)
				s->slot[slot(s, old[k].id)] = old[k];
		free(old);
	}
	i = slot(s, id);
	n = strlen(id) + 1;
	p = kim_pool_alloc(&s->pool, n);
	memcpy(p, id, n);
	s->slot[i].id = p;
	s->slot[i].formed = s->slot[i].last = KIM_ACTSUM_NONE;
	s->slot[i].recent = s->slot[i].period = 0;
	s->n++;
	return &s->slot[i];
}

const struct kim_actsum_kim *
kim_actsum_get(const struct kim_actsum *s, const char *id)
{
	size_t i;

	return s->cap && s->slot[i = slot(s, id)].id ? &s->slot[i] : NULL;
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
		k = kim_actsum_find(to, e->id, 1);
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
	struct kim_actsum_kim *k = kim_actsum_find(s, id, 1);
	long d = kim_date_days(day);

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

