/*
 * kim_rubric: a competition's rubric loaded and checked; each problem is
 * said at its JSON path and at the line and column of the key or value
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "kim_date.h"
#include "kim_file.h"
#include "kim_rubric.h"
#include "kim_rules.h"

const char *const kim_combine_names[3] = { "mean", "median", "trimmed" };

/* the columns of kim-score's output that a component id may not take */
static const char *const taken[] = { "rank", "id", "name", "region", "total",
    "stage", "advances", "explain" };

struct loading {
	struct kim_rubric *rb;
	const char *text;
	size_t len;
	struct kim_diag *d;
	long problems;
};

#define MAXSTEPS 4

/*
 * Report a problem at the value at path (its key, with at_key), the path
 * written before the message: "components[2].weight: ..."
 */
static void __attribute__((format(printf, 5, 6)))
problem(struct loading *ld, const struct kim_jstep *path, size_t npath,
    int at_key, const char *fmt, ...)
{
	long line = 0, col = 0, off;
	char msg[2048];
	struct kim_buf p = { 0 };
	va_list ap;

	off = npath ? kim_json_locate(ld->text, ld->len, 0, path, npath,
	    at_key) : 0;
	if (off >= 0) {
		line = col = 1;
		for (long i = 0; i < off; i++)
			if (ld->text[i] == '\n')
				line++, col = 1;
			else if (((unsigned char)ld->text[i] & 0xc0) != 0x80)
				col++;
	}
	for (size_t k = 0; k < npath; k++)
		if (path[k].key)
			kim_buf_addf(&p, "%s%s", k ? "." : "", path[k].key);
		else
			kim_buf_addf(&p, "[%zu]", path[k].index);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	ld->problems++;
	if (p.len)
		kim_diagf(ld->d, ld->rb->path, line, col, "%s: %s", p.s, msg);
	else
		kim_diagf(ld->d, ld->rb->path, line, col, "%s", msg);
	kim_buf_free(&p);
}

/* A JSON value as a message shows it: compact, at most about 60 bytes. */
static const char *
shown(const json_t *v, char *buf, size_t size)
{
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

	if (!s)
		snprintf(buf, size, "?");
	else if (strlen(s) > 60)
		snprintf(buf, size, "%.57s...", s);
	else
		snprintf(buf, size, "%s", s);
	free(s);
	return buf;
}

/* A JSON number of at most two decimals, in hundredths: 0, or -1 */
static int
number(const json_t *v, long *out)
{
	double x, r;

	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);
		if (i < -10000000 || i > 10000000)
			return -1;
		*out = (long)i * 100;
		return 0;
	}
	if (!json_is_real(v))
		return -1;
	x = json_real_value(v) * 100;
	r = round(x);
	if (!isfinite(x) || fabs(x - r) > 1e-6 || fabs(r) > 1e9)
		return -1;
	*out = (long)r;
	return 0;
}

/* Letters, digits, '_' and '-', starting with a letter: an id */
static int
is_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static int
fold(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	if (c == ' ' || c == '-' || c == '.')
		return '_';
	return c;
}

int
kim_name_same(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (fold((unsigned char)*a) != fold((unsigned char)*b))
			return 0;
	return *a == *b;
}

long
kim_rubric_component(const struct kim_rubric *rb, const char *id)
{
	for (size_t i = 0; i < rb->n; i++)
		if (kim_name_same(rb->c[i].id, id))
			return (long)i;
	return -1;
}

long
kim_rubric_stage(const struct kim_rubric *rb, const char *name)
{
	for (size_t i = 0; i < rb->nstages; i++)
		if (strcmp(rb->s[i].name, name) == 0)
			return (long)i;
	return -1;
}

static void
ids_list(const struct kim_rubric *rb, struct kim_buf *b)
{
	for (size_t i = 0; i < rb->n; i++)
		kim_buf_addf(b, "%s%s", i ? ", " : "", rb->c[i].id);
	if (!rb->n)
		kim_buf_adds(b, "none");
}

/* An array of component ids into *out (a new array of *n); 0 when good */
static int
id_array(struct loading *ld, struct kim_jstep *path, size_t npath,
    json_t *v, size_t **out, size_t *n, int nonempty)
{
	struct kim_rubric *rb = ld->rb;
	char b[80];
	int bad = 0;

	*out = NULL;
	*n = 0;
	if (!json_is_array(v) || (nonempty && json_array_size(v) == 0)) {
		problem(ld, path, npath, 0, "expected an array of component "
		    "ids, not %s", shown(v, b, sizeof b));
		return -1;
	}
	*out = kim_calloc(json_array_size(v) + 1, sizeof **out);
	for (size_t k = 0; k < json_array_size(v); k++) {
		json_t *e = json_array_get(v, k);
		long c = json_is_string(e) ?
		    kim_rubric_component(rb, json_string_value(e)) : -1;
		path[npath].key = NULL;
		path[npath].index = k;
		if (c < 0) {
			struct kim_buf l = { 0 };
			ids_list(rb, &l);
			problem(ld, path, npath + 1, 0, "%s is not a component "
			    "(the rubric's: %s)", shown(e, b, sizeof b), l.s);
			kim_buf_free(&l);
			bad = 1;
			continue;
		}
		for (size_t j = 0; j < *n; j++)
			if ((*out)[j] == (size_t)c) {
				problem(ld, path, npath + 1, 0, "%s is given "
				    "twice", rb->c[c].id);
				bad = 1;
			}
		(*out)[(*n)++] = (size_t)c;
	}
	return bad ? -1 : 0;
}

static void
load_scale(struct loading *ld, json_t *v)
{
	struct kim_rubric *rb = ld->rb;
	struct kim_jstep p[2] = { { "scale", 0 }, { NULL, 0 } };
	const char *key;
	json_t *x;
	char b[80];
	long lim[2] = { 0, 10000 };

	if (!json_is_object(v)) {
		problem(ld, p, 1, 0, "expected an object such as {\"min\": 0, "
		    "\"max\": 100}, not %s", shown(v, b, sizeof b));
		return;
	}
	json_object_foreach(v, key, x) {
		int k = strcmp(key, "min") == 0 ? 0 : strcmp(key, "max") == 0 ?
		    1 : -1;
		p[1].key = key;
		if (k < 0)
			problem(ld, p, 2, 1, "unknown key \"%s\" (a scale has "
			    "min and max)", key);
		else if (number(x, &lim[k]) < 0 || lim[k] < 0 ||
		    lim[k] > KIM_RUBRIC_SCALE_MAX)
			problem(ld, p, 2, 0, "expected a number from 0 to %d "
			    "with at most two decimals, not %s",
			    KIM_RUBRIC_SCALE_MAX / 100, shown(x, b, sizeof b));
	}
	if (lim[1] <= lim[0])
		problem(ld, p, 1, 0, "max must be above min");
	rb->min = lim[0];
	rb->max = lim[1];
}

static void
load_components(struct loading *ld, json_t *v)
{
	struct kim_rubric *rb = ld->rb;
	struct kim_jstep p[3] = { { "components", 0 }, { NULL, 0 },
	    { NULL, 0 } };
	char b[80], w1[24];
	size_t n = json_is_array(v) ? json_array_size(v) : 0;

	if (!json_is_array(v) || n == 0 || n > KIM_RUBRIC_COMPONENTS) {
		problem(ld, p, 1, 0, "expected an array of 1 to %d components "
		    "such as {\"id\": \"blog\", \"label\": \"Penilaian blog\", "
		    "\"weight\": 20}, not %s", KIM_RUBRIC_COMPONENTS,
		    n > KIM_RUBRIC_COMPONENTS ? "more" : shown(v, b, sizeof b));
		return;
	}
	rb->c = kim_calloc(n, sizeof *rb->c);
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(v, i), *x;
		struct kim_component *c = &rb->c[rb->n];
		const char *key;
		int bad = 0;

		p[1].index = i;
		if (!json_is_object(o)) {
			problem(ld, p, 2, 0, "expected an object such as "
			    "{\"id\": \"blog\", \"weight\": 20}, not %s",
			    shown(o, b, sizeof b));
			continue;
		}
		json_object_foreach(o, key, x) {
			p[2].key = key;
			if (strcmp(key, "id") && strcmp(key, "label") &&
			    strcmp(key, "weight")) {
				problem(ld, p, 3, 1, "unknown key \"%s\" (a "
				    "component has id, label and weight)", key);
				bad = 1;
			} else if (strcmp(key, "weight") && !json_is_string(x)) {
				problem(ld, p, 3, 0, "expected a string, not %s",
				    shown(x, b, sizeof b));
				bad = 1;
			}
		}
		p[2].key = "id";
		x = json_object_get(o, "id");
		if (!x) {
			problem(ld, p, 2, 0, "no \"id\" (letters, digits, '_' "
			    "and '-', e.g. \"blog\")");
			bad = 1;
		} else if (json_is_string(x)) {
			const char *id = json_string_value(x);
			if (!is_id(id) || strlen(id) > 40) {
				problem(ld, p, 3, 0, "\"%.60s\" is not an id "
				    "(up to 40 letters, digits, '_' and '-', "
				    "starting with a letter)", id);
				bad = 1;
			} else if (kim_rubric_component(rb, id) >= 0) {
				problem(ld, p, 3, 0, "\"%s\" is the id of "
				    "another component too", id);
				bad = 1;
			}
			for (size_t k = 0; k < sizeof taken / sizeof *taken;
			    k++)
				if (kim_name_same(id, taken[k])) {
					problem(ld, p, 3, 0, "\"%s\" is a column "
					    "of the ranking: give the component "
					    "another id", id);
					bad = 1;
				}
		}
		p[2].key = "weight";
		x = json_object_get(o, "weight");
		if (!x) {
			problem(ld, p, 2, 0, "no \"weight\" (its share of the "
			    "total, e.g. 20 for 20 %%)");
			bad = 1;
		} else if (number(x, &c->weight) < 0 || c->weight <= 0 ||
		    c->weight > KIM_RUBRIC_WEIGHT_MAX) {
			problem(ld, p, 3, 0, "expected a number above 0 and at "
			    "most %d, with at most two decimals, not %s",
			    KIM_RUBRIC_WEIGHT_MAX / 100, shown(x, b, sizeof b));
			bad = 1;
		}
		if (bad)
			continue;
		c->id = kim_strdup(json_string_value(json_object_get(o, "id")));
		x = json_object_get(o, "label");
		c->label = kim_strdup(x ? json_string_value(x) : c->id);
		c->stage = -1;
		rb->weight += c->weight;
		rb->n++;
	}
	if (rb->n == n && !rb->normalize && rb->weight != 10000)
		problem(ld, p, 1, 0, "the weights add up to %s, not 100 (give "
		    "\"normalize\": true to scale them to 100)",
		    kim_hundredths_fmt(rb->weight, w1));
}

static void
load_stages(struct loading *ld, json_t *v)
{
	struct kim_rubric *rb = ld->rb;
	struct kim_jstep p[4] = { { "stages", 0 }, { NULL, 0 }, { NULL, 0 },
	    { NULL, 0 } };
	size_t n = json_is_array(v) ? json_array_size(v) : 0;
	char b[80];

	if (!json_is_array(v) || n == 0 || n > KIM_RUBRIC_STAGES) {
		problem(ld, p, 1, 0, "expected an array of 1 to %d stages such "
		    "as {\"name\": \"final\", \"components\": [\"blog\"], "
		    "\"advance\": 1}, not %s", KIM_RUBRIC_STAGES,
		    n > KIM_RUBRIC_STAGES ? "more" : shown(v, b, sizeof b));
		return;
	}
	rb->s = kim_calloc(n, sizeof *rb->s);
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(v, i), *x;
		struct kim_stage *s = &rb->s[rb->nstages];
		const char *key;
		json_int_t adv = 0;
		int bad = 0;

		p[1].index = i;
		if (!json_is_object(o)) {
			problem(ld, p, 2, 0, "expected an object such as "
			    "{\"name\": \"final\", \"components\": [\"blog\"], "
			    "\"advance\": 1}, not %s", shown(o, b, sizeof b));
			continue;
		}
		json_object_foreach(o, key, x) {
			p[2].key = key;
			if (strcmp(key, "name") && strcmp(key, "components") &&
			    strcmp(key, "advance")) {
				problem(ld, p, 3, 1, "unknown key \"%s\" (a stage "
				    "has name, components and advance)", key);
				bad = 1;
			}
		}
		p[2].key = "name";
		x = json_object_get(o, "name");
		if (!x || !json_is_string(x) || !*json_string_value(x)) {
			problem(ld, p, x ? 3 : 2, 0, "expected a name such as "
			    "\"final\", not %s", x ? shown(x, b, sizeof b) :
			    "none");
			bad = 1;
		} else if (kim_rubric_stage(rb, json_string_value(x)) >= 0) {
			problem(ld, p, 3, 0, "\"%s\" is the name of another "
			    "stage too", json_string_value(x));
			bad = 1;
		}
		p[2].key = "advance";
		x = json_object_get(o, "advance");
		if (!x || !json_is_integer(x) ||
		    (adv = json_integer_value(x)) < 1 || adv > 1000000) {
			problem(ld, p, x ? 3 : 2, 0, "expected how many KIM go "
			    "on, a whole number of at least 1, not %s",
			    x ? shown(x, b, sizeof b) : "none");
			bad = 1;
		}
		p[2].key = "components";
		x = json_object_get(o, "components");
		if (!x) {
			problem(ld, p, 2, 0, "no \"components\" (the ids of "
			    "the components judged in it)");
			bad = 1;
		} else if (id_array(ld, p, 3, x, &s->comp, &s->ncomp, 1) < 0)
			bad = 1;
		for (size_t k = 0; !bad && k < s->ncomp; k++) {
			struct kim_component *c = &rb->c[s->comp[k]];
			p[3].key = NULL;
			p[3].index = k;
			if (c->stage >= 0) {
				problem(ld, p, 4, 0, "%s is judged in stage "
				    "\"%s\" already", c->id,
				    rb->s[c->stage].name);
				bad = 1;
			}
		}
		if (bad) {
			free(s->comp);
			s->comp = NULL;
			continue;
		}
		s->name = kim_strdup(json_string_value(json_object_get(o,
		    "name")));
		s->advance = (long)adv;
		for (size_t k = 0; k < s->ncomp; k++) {
			rb->c[s->comp[k]].stage = (int)rb->nstages;
			s->weight += rb->c[s->comp[k]].weight;
		}
		rb->nstages++;
	}
	if (rb->nstages < n)
		return;
	for (size_t i = 0; i < rb->n; i++)
		if (rb->c[i].stage < 0)
			problem(ld, p, 1, 0, "component %s is judged in no "
			    "stage", rb->c[i].id);
	for (size_t i = 1; i < rb->nstages; i++)
		if (rb->s[i].advance > rb->s[i - 1].advance) {
			p[1].index = i;
			p[2].key = "advance";
			problem(ld, p, 3, 0, "%ld go on from a stage that %ld "
			    "enter", rb->s[i].advance, rb->s[i - 1].advance);
		}
}

static const char *const top_keys[] = { "name", "date", "comment", "scale",
    "combine", "normalize", "components", "tie_break", "stages" };
#define NTOP (sizeof top_keys / sizeof *top_keys)

static void
load_top(struct loading *ld, json_t *root)
{
	struct kim_rubric *rb = ld->rb;
	struct kim_jstep p[2] = { { NULL, 0 }, { NULL, 0 } };
	const char *key;
	json_t *v;
	char b[80];
	struct kim_date day;

	if (!json_is_object(root)) {
		problem(ld, p, 0, 0, "a rubric is a JSON object with "
		    "\"components\", not %s", shown(root, b, sizeof b));
		return;
	}
	json_object_foreach(root, key, v) {
		size_t k;
		for (k = 0; k < NTOP && strcmp(key, top_keys[k]); k++)
			;
		p[0].key = key;
		if (k == NTOP)
			problem(ld, p, 1, 1, "unknown key \"%s\" (the keys are "
			    "name, date, comment, scale, combine, normalize, "
			    "components, tie_break, stages)", key);
		else if (k <= 2 && !json_is_string(v))
			problem(ld, p, 1, 0, "expected a string, not %s",
			    shown(v, b, sizeof b));
		else if (k == 0)
			rb->name = kim_strdup(json_string_value(v));
		else if (k == 1 && kim_date_parse(json_string_value(v),
		    &day) != 0)
			problem(ld, p, 1, 0, "expected a real date as "
			    "\"YYYY-MM-DD\", not %s", shown(v, b, sizeof b));
		else if (k == 1)
			rb->date = kim_strdup(json_string_value(v));
		else if (k == 3)
			load_scale(ld, v);
		else if (k == 4) {
			size_t m;
			for (m = 0; m < 3 && !(json_is_string(v) &&
			    strcmp(json_string_value(v), kim_combine_names[m])
			    == 0); m++)
				;
			if (m == 3)
				problem(ld, p, 1, 0, "expected \"mean\", "
				    "\"median\" or \"trimmed\", not %s",
				    shown(v, b, sizeof b));
			else
				rb->combine = (enum kim_combine)m;
		} else if (k == 5) {
			if (!json_is_boolean(v))
				problem(ld, p, 1, 0, "expected true or false, "
				    "not %s", shown(v, b, sizeof b));
			else
				rb->normalize = json_is_true(v);
		}
	}
	p[0].key = "components";
	if (!(v = json_object_get(root, "components"))) {
		problem(ld, p, 0, 0, "no \"components\" (an array of the "
		    "components judged, with their weights)");
		return;
	}
	load_components(ld, v);
	if (ld->problems)
		return;		/* the rest names components */
	p[0].key = "tie_break";
	if ((v = json_object_get(root, "tie_break")))
		(void)id_array(ld, p, 1, v, &rb->tie, &rb->ntie, 0);
	if ((v = json_object_get(root, "stages")))
		load_stages(ld, v);
}

long
kim_rubric_parse(struct kim_rubric *rb, const char *text, size_t len,
    const char *name, struct kim_diag *d)
{
	struct loading ld = { rb, text, len, d, 0 };
	json_error_t e;
	json_t *root;

	memset(rb, 0, sizeof *rb);
	rb->path = kim_strdup(name);
	rb->max = 10000;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		ld.text += 3, ld.len -= 3;
	root = json_loadb(ld.text, ld.len, JSON_REJECT_DUPLICATES, &e);
	if (!root && json_error_code(&e) == json_error_out_of_memory)
		kim_diefile(KIM_EXIT_IO, rb->path, 0, 0, "out of memory");
	if (!root) {
		kim_diagf(d, rb->path, e.line > 0 ? e.line : 0,
		    e.column > 0 ? e.column : 0, "not JSON: %s", e.text);
		return 1;
	}
	load_top(&ld, root);
	json_decref(root);
	return ld.problems;
}

long
kim_rubric_load(struct kim_rubric *rb, const char *path, int how,
    struct kim_diag *d)
{
	struct kim_buf b = { 0 };
	long r;
	int fd;

	memset(rb, 0, sizeof *rb);
	if ((fd = kim_open_read(path, how, d)) < 0)
		return fd == -2 ? 1 : -1;
	r = kim_read_all(fd, &b, (size_t)KIM_RUBRIC_MAX);
	close(fd);
	if (r < 0) {
		kim_diagf(d, path, 0, 0, "cannot read: %s", strerror(errno));
		kim_buf_free(&b);
		return -1;
	}
	if (r > 0) {
		kim_diagf(d, path, 0, 0, "a rubric of more than %ld bytes: "
		    "that is the limit (kim-data(5), LIMITS)", KIM_RUBRIC_MAX);
		kim_buf_free(&b);
		return 1;
	}
	r = kim_rubric_parse(rb, b.s, b.len, path, d);
	kim_buf_free(&b);
	return r;
}

void
kim_rubric_free(struct kim_rubric *rb)
{
	for (size_t i = 0; i < rb->n; i++) {
		free(rb->c[i].id);
		free(rb->c[i].label);
	}
	for (size_t i = 0; i < rb->nstages; i++) {
		free(rb->s[i].name);
		free(rb->s[i].comp);
	}
	free(rb->c);
	free(rb->s);
	free(rb->tie);
	free(rb->path);
	free(rb->name);
	free(rb->date);
	memset(rb, 0, sizeof *rb);
}

int
kim_hundredths(const char *s, long *v)
{
	long x = 0;
	int digits = 0, dec = -1;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (dec >= 2 || x > 100000000)
				return -1;
			x = 10 * x + (*s - '0');
			digits++;
			if (dec >= 0)
				dec++;
		} else if ((*s == '.' || *s == ',') && dec < 0 && digits)
			dec = 0;
		else
			return -1;
	}
	if (!digits || dec == 0)
		return -1;
	for (int k = dec < 0 ? 0 : dec; k < 2; k++)
		x *= 10;
	*v = x;
	return 0;
}

char *
kim_hundredths_fmt(long v, char *buf)
{
	snprintf(buf, 24, "%s%ld.%02ld", v < 0 ? "-" : "", labs(v) / 100,
	    labs(v) % 100);
	return buf;
}
