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
	s->slot[i].recent = 0;
	s->n++;
	return &s->slot[i];
}

const struct kim_actsum_kim *
kim_actsum_get(const struct kim_actsum *s, const char *id)
{
	size_t i;

	return s->cap && s->slot[i = slot(s, id)].id ? &s->slot[i] : NULL;
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
}

void
kim_actsum_free(struct kim_actsum *s)
{
	free(s->slot);
	kim_pool_free(&s->pool);
	memset(s, 0, sizeof *s);
}

