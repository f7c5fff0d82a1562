/*
 * kim_rules: eligibility rule sets, loaded and checked: the keys, fields,
 * tests and values of a rule file, with the position of each problem.
 * Applying them to records is kim_rules_apply.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "kim_file.h"
#include "kim_rules.h"
#include "kim_select.h"

const char *const kim_test_names[KIM_NTESTS] = {
	"is", "min", "max", "all", "any", "none", "prefix", "present"
};

static const char *const top_keys[] = { "name", "comment", "as_of",
    "criteria" };

/* What a field holds decides the tests that apply to it. */
enum kind { K_TEXT, K_CODE, K_STATUS, K_DATE, K_NUM, K_LIST };

#define T(t) (1u << KIM_TEST_##t)
static const unsigned applies[] = {
	[K_TEXT]   = T(IS) | T(PRESENT),
	[K_CODE]   = T(IS) | T(PREFIX) | T(PRESENT),
	[K_STATUS] = T(IS) | T(PRESENT),
	[K_DATE]   = T(MIN) | T(MAX) | T(PRESENT),
	[K_NUM]    = T(MIN) | T(MAX) | T(PRESENT),
	[K_LIST]   = T(ALL) | T(ANY) | T(NONE) | T(PRESENT)
};
#undef T

static enum kind
kind(int field)
{
	switch (kim_columns[field].type) {
	case KIM_FT_REGION:
		return K_CODE;
	case KIM_FT_STATUS:
		return K_STATUS;
	case KIM_FT_DATE:
		return K_DATE;
	case KIM_FT_NUMBER:
		return K_NUM;
	case KIM_FT_TAGS:
	case KIM_FT_IDS:
		return K_LIST;
	default:
		return K_TEXT;
	}
}

/* ---- where a key or value is in the JSON text ---- */

struct scan {
	const char *s;
	size_t n, i;
};

static void
blanks(struct scan *c)
{
	while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' ||
	    c->s[c->i] == '\r' || c->s[c->i] == '\n'))
		c->i++;
}

static void
skip_string(struct scan *c)
{
	for (c->i++; c->i < c->n; c->i++) {
		if (c->s[c->i] == '\\')
			c->i++;
		else if (c->s[c->i] == '"') {
			c->i++;
			return;
		}
	}
}

static void
skip_value(struct scan *c)
{
	int depth = 0;

	blanks(c);
	do {
		if (c->i >= c->n)
			return;
		char ch = c->s[c->i];
		if (ch == '"') {
			skip_string(c);
			continue;
		}
		if (ch == '{' || ch == '[')
			depth++;
		else if (ch == '}' || ch == ']')
			depth--;
		else if (depth == 0) {
			/* a number, true, false or null */
			while (c->i < c->n && !strchr(",]} \t\r\n", c->s[c->i]))
				c->i++;
			return;
		}
		c->i++;
	} while (depth > 0);
}

/* Is the string token at s (with its quotes) the key k? */
static int
key_is(const char *s, size_t len, const char *k)
{
	json_t *j;
	int eq;

	if (len < 2)
		return 0;
	if (!memchr(s, '\\', len))
		return len - 2 == strlen(k) && memcmp(s + 1, k, len - 2) == 0;
	if (!(j = json_loadb(s, len, JSON_DECODE_ANY, NULL)))
		return 0;
	eq = json_is_string(j) && strcmp(json_string_value(j), k) == 0;
	json_decref(j);
	return eq;
}

/*
 * The offset of the value at path in well-formed JSON text, from the
 * value at offset start (of its key, with at_key, when the last step is a
 * key), or -1 when it is not there.
 */
long
kim_json_locate(const char *s, size_t n, size_t start,
    const struct kim_jstep *path, size_t npath, int at_key)
{
	struct scan c = { s, n, start };

	for (size_t k = 0; k < npath; k++) {
		int last = k + 1 == npath;

		blanks(&c);
		if (path[k].key) {
			if (c.i >= n || s[c.i] != '{')
				return -1;
			c.i++;
			for (;;) {
				blanks(&c);
				if (c.i >= n || s[c.i] != '"')
					return -1;
				size_t ks = c.i;
				skip_string(&c);
				int match = key_is(s + ks, c.i - ks, path[k].key);
				blanks(&c);
				c.i++;			/* ':' */
				blanks(&c);
				if (match) {
					if (last)
						return (long)(at_key ? ks : c.i);
					break;
				}
				skip_value(&c);
				blanks(&c);
				if (c.i >= n || s[c.i] != ',')
					return -1;
				c.i++;
			}
		} else {
			if (c.i >= n || s[c.i] != '[')
				return -1;
			c.i++;
			for (size_t j = 0; ; j++) {
				blanks(&c);
				if (c.i >= n || s[c.i] == ']')
					return -1;
				if (j == path[k].index) {
					if (last)
						return (long)c.i;
					break;
				}
				skip_value(&c);
				blanks(&c);
				if (c.i >= n || s[c.i] != ',')
					return -1;
				c.i++;
			}
		}
	}
	blanks(&c);
	return (long)c.i;
}

/* ---- loading ---- */

struct loading {
	struct kim_rules *rules;
	const char *name;
	const char *text;
	size_t len;
	struct kim_diag *d;
	long problems;
	/*
	 * Places are found in one pass, not from the start each time (40,000
	 * criteria took most of a minute): the offsets of the criteria,
	 * indexed once, and the last offset whose line and column are known.
	 */
	size_t *crit, ncrit;
	int indexed;
	size_t at;
	long at_line, at_col;
};

/*
 * Line and character column of an offset, counted as Jansson counts: on
 * from the last one asked for when it is not further on.
 */
static void
position(struct loading *ld, size_t off, long *line, long *col)
{
	if (off < ld->at || ld->at_line == 0) {
		ld->at = 0;
		ld->at_line = ld->at_col = 1;
	}
	for (size_t i = ld->at; i < off; i++) {
		if (ld->text[i] == '\n') {
			ld->at_line++;
			ld->at_col = 1;
		} else if (((unsigned char)ld->text[i] & 0xc0) != 0x80)
			ld->at_col++;
	}
	ld->at = off;
	*line = ld->at_line;
	*col = ld->at_col;
}

/* The offset of criterion i in the text, or -1: the array indexed once. */
static long
criterion_at(struct loading *ld, size_t i)
{
	if (!ld->indexed) {
		struct kim_jstep top = { "criteria", 0 };
		long a = kim_json_locate(ld->text, ld->len, 0, &top, 1, 0);
		size_t cap = 0;

		ld->indexed = 1;
		if (a >= 0 && ld->text[a] == '[') {
			struct scan c = { ld->text, ld->len, (size_t)a + 1 };
			for (;;) {
				blanks(&c);
				if (c.i >= c.n || c.s[c.i] == ']')
					break;
				if (ld->ncrit == cap) {
					cap = cap ? 2 * cap : 64;
					ld->crit = kim_reallocarray(ld->crit, cap,
					    sizeof *ld->crit);
				}
				ld->crit[ld->ncrit++] = c.i;
				skip_value(&c);
				blanks(&c);
				if (c.i >= c.n || c.s[c.i] != ',')
					break;
				c.i++;
			}
		}
	}
	return i < ld->ncrit ? (long)ld->crit[i] : -1;
}

/*
 * Where the key (at_key) or value named by key is, inside criterion crit
 * (-1: at the top), or the criterion itself (key NULL); 0 0 if nowhere.
 */
static void
place(struct loading *ld, long crit, const char *key, int at_key, long *line,
    long *col)
{
	struct kim_jstep step = { key, 0 };
	long off = 0;

	*line = *col = 0;
	if (crit >= 0)
		off = criterion_at(ld, (size_t)crit);
	if (off >= 0 && (key || crit < 0))
		off = kim_json_locate(ld->text, ld->len, (size_t)off, &step,
		    key != NULL, at_key);
	if (off >= 0)
		position(ld, (size_t)off, line, col);
}

/*
 * Report a problem at the key (at_key) or value named by key, inside
 * criterion crit (-1: at the top), or at the criterion itself (key NULL).
 */
static void __attribute__((format(printf, 5, 6)))
problem(struct loading *ld, long crit, const char *key, int at_key,
    const char *fmt, ...)
{
	long line, col;
	char msg[3072];
	va_list ap;

	place(ld, crit, key, at_key, &line, &col);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	ld->problems++;
	if (crit >= 0)
		kim_diagf(ld->d, ld->name, line, col, "criteria[%ld]: %s", crit,
		    msg);
	else
		kim_diagf(ld->d, ld->name, line, col, "%s", msg);
}

/* A JSON value as a message shows it: compact, at most about 60 bytes. */
static char *
json_shown(const json_t *v, char *buf, size_t size)
{
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	size_t n;

	if (!s) {
		snprintf(buf, size, "?");
		return buf;
	}
	n = strlen(s);
	if (n > 60) {
		n = 60;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		snprintf(buf, size, "%.*s...", (int)n, s);
	} else
		snprintf(buf, size, "%s", s);
	free(s);
	return buf;
}

static void
names_list(struct kim_buf *b, const char *const *names, size_t n,
    unsigned mask)
{
	int first = 1;

	for (size_t i = 0; i < n; i++)
		if (mask & (1u << i)) {
			kim_buf_addf(b, "%s%s", first ? "" : ", ", names[i]);
			first = 0;
		}
}

static int
is_tag(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

/* The array of strings of is, all, any, none or prefix; 0 when good. */
static int
load_list(struct loading *ld, long i, struct kim_criterion *c, json_t *v)
{
	const char *test = kim_test_names[c->test];
	const char *field = c->name;
	char b[80];
	size_t n = json_is_array(v) ? json_array_size(v) : 0;
	int bad = 0;

	if (!json_is_array(v)) {
		problem(ld, i, test, 0, "%s: expected an array of %s, not %s",
		    test, c->test == KIM_TEST_PREFIX ? "region codes" :
		    c->test == KIM_TEST_IS ? "strings" : "tags",
		    json_shown(v, b, sizeof b));
		return -1;
	}
	if (n == 0) {
		problem(ld, i, test, 0, "%s: the array is empty (give at least "
		    "one value)", test);
		return -1;
	}
	c->list = kim_calloc(n, sizeof *c->list);
	for (size_t k = 0; k < n; k++) {
		json_t *e = json_array_get(v, k);
		if (!json_is_string(e)) {
			problem(ld, i, test, 0, "%s: expected an array of "
			    "strings, not %s", test, json_shown(e, b, sizeof b));
			return -1;
		}
		char *s = kim_strdup(json_string_value(e));
		const char *shown = json_shown(e, b, sizeof b);
		c->list[c->nlist++] = s;
		if (c->test == KIM_TEST_ALL || c->test == KIM_TEST_ANY ||
		    c->test == KIM_TEST_NONE) {
			kim_sectors_normalize(s);
			if (!is_tag(s)) {
				problem(ld, i, test, 0, "%s: %s is not a tag "
				    "(letters a-z, digits and '-', e.g. umkm)",
				    test, shown);
				bad = 1;
			}
		} else if (kind(c->field) == K_STATUS) {
			if (kim_status_index(s) < 0) {
				problem(ld, i, test, 0, "%s: %s is not a status "
				    "(aktif, nonaktif or bubar)", test, shown);
				bad = 1;
			}
		} else if (kind(c->field) == K_CODE) {
			int depth = kim_level_depth(kim_code_level(s));
			int want = kim_columns[c->field].depth;
			if (kim_code_level(s) == KIM_LV_INVALID) {
				problem(ld, i, test, 0, "%s: %s is not a region "
				    "code (PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)",
				    test, shown);
				bad = 1;
			} else if (want && (c->test == KIM_TEST_IS ?
			    depth != want : depth > want)) {
				problem(ld, i, test, 0, "%s: %s can never match: "
				    "a %s code is %s", test, shown, field,
				    want == 2 ? "PP.KK" : "PP.KK.CC");
				bad = 1;
			}
		}
	}
	return bad ? -1 : 0;
}

/* The value of min or max; 0 when good. */
static int
load_bound(struct loading *ld, long i, struct kim_criterion *c, json_t *v)
{
	const char *test = kim_test_names[c->test];
	const char *field = c->name;
	char b[80];

	if (kind(c->field) == K_NUM) {
		if (!json_is_number(v) || !isfinite(json_number_value(v))) {
			problem(ld, i, test, 0, "%s: %s takes a number, not %s",
			    test, field, json_shown(v, b, sizeof b));
			return -1;
		}
		c->num = json_number_value(v);
		return 0;
	}
	if (!json_is_string(v) ||
	    kim_date_parse(json_string_value(v), &c->date) != 0) {
		problem(ld, i, test, 0, "%s: %s takes a real date as "
		    "\"YYYY-MM-DD\", not %s", test, field,
		    json_shown(v, b, sizeof b));
		return -1;
	}
	return 0;
}

static void
load_criterion(struct loading *ld, long i, json_t *obj)
{
	struct kim_criterion *c = &ld->rules->c[ld->rules->n];
	const char *key, *test1 = NULL;
	json_t *v, *tv = NULL, *fv;
	char b[80];
	int bad = 0;

	memset(c, 0, sizeof *c);
	c->field = -1;
	if (!json_is_object(obj)) {
		problem(ld, i, NULL, 0, "expected an object such as "
		    "{\"field\": \"status\", \"is\": [\"aktif\"]}, not %s",
		    json_shown(obj, b, sizeof b));
		return;
	}
	json_object_foreach(obj, key, v) {
		int t;

		if (strcmp(key, "field") == 0)
			continue;
		if (strcmp(key, "label") == 0) {
			if (!json_is_string(v)) {
				problem(ld, i, "label", 0, "label: expected a "
				    "string, not %s", json_shown(v, b, sizeof b));
				bad = 1;
			} else
				c->label = kim_strdup(json_string_value(v));
			continue;
		}
		for (t = 0; t < KIM_NTESTS && strcmp(key, kim_test_names[t]); t++)
			;
		if (t == KIM_NTESTS) {
			problem(ld, i, key, 1, "unknown test \"%s\" (a criterion "
			    "has a \"field\", one test of is, min, max, all, "
			    "any, none, prefix, present, and may have a "
			    "\"label\")", key);
			bad = 1;
		} else if (test1) {
			problem(ld, i, key, 1, "more than one test (\"%s\" and "
			    "\"%s\"): give each test its own criterion", test1,
			    key);
			bad = 1;
		} else {
			test1 = key;
			c->test = (enum kim_test)t;
			tv = v;
		}
	}
	if (!(fv = json_object_get(obj, "field"))) {
		problem(ld, i, NULL, 0, "no \"field\" (the field the test is "
		    "about, e.g. \"status\")");
		bad = 1;
	} else if (!json_is_string(fv)) {
		problem(ld, i, "field", 0, "field: expected the name of a "
		    "field, not %s", json_shown(fv, b, sizeof b));
		bad = 1;
	} else {
		const char *f = json_string_value(fv);
		c->field = kim_column_lookup(f, KIM_IN_RULES);
		if (c->field < 0) {
			problem(ld, i, "field", 0, "unknown field %s (the fields "
			    "are %s)", json_shown(fv, b, sizeof b),
			    kim_column_list(KIM_IN_RULES));
			bad = 1;
		} else
			c->name = strcmp(f, kim_columns[c->field].name) == 0 ?
			    kim_columns[c->field].name :
			    kim_columns[c->field].rule_alias;
	}
	if (!test1 && !bad) {
		problem(ld, i, NULL, 0, "no test (one of is, min, max, all, "
		    "any, none, prefix, present)");
		bad = 1;
	}
	if (bad || c->field < 0 || !test1)
		goto fail;
	if (!(applies[kind(c->field)] & (1u << c->test))) {
		struct kim_buf l = { 0 };
		names_list(&l, kim_test_names, KIM_NTESTS,
		    applies[kind(c->field)]);
		problem(ld, i, test1, 1, "test \"%s\" does not apply to %s "
		    "(it takes %s)", test1, c->name, l.s);
		kim_buf_free(&l);
		goto fail;
	}
	switch (c->test) {
	case KIM_TEST_MIN:
	case KIM_TEST_MAX:
		if (load_bound(ld, i, c, tv) < 0)
			goto fail;
		break;
	case KIM_TEST_PRESENT:
		if (!json_is_boolean(tv)) {
			problem(ld, i, test1, 0, "present: expected true or "
			    "false, not %s", json_shown(tv, b, sizeof b));
			goto fail;
		}
		c->present = json_is_true(tv);
		break;
	default:
		if (load_list(ld, i, c, tv) < 0)
			goto fail;
	}
	place(ld, i, test1, 0, &c->line, &c->col);
	ld->rules->n++;
	return;
fail:
	free(c->label);
	for (size_t k = 0; k < c->nlist; k++)
		free(c->list[k]);
	free(c->list);
	memset(c, 0, sizeof *c);
}

static void
load_top(struct loading *ld, json_t *root)
{
	struct kim_rules *rs = ld->rules;
	const char *key;
	json_t *v, *crit;
	char b[80];

	if (!json_is_object(root)) {
		problem(ld, -1, NULL, 0, "a rule set is a JSON object with "
		    "\"criteria\", not %s", json_shown(root, b, sizeof b));
		return;
	}
	json_object_foreach(root, key, v) {
		size_t k;
		for (k = 0; k < 4 && strcmp(key, top_keys[k]); k++)
			;
		if (k == 4)
			problem(ld, -1, key, 1, "unknown key \"%s\" (the keys are "
			    "name, comment, as_of, criteria)", key);
		else if (k < 2 && !json_is_string(v))
			problem(ld, -1, key, 0, "%s: expected a string, not %s",
			    key, json_shown(v, b, sizeof b));
		else if (k == 0)
			rs->name = kim_strdup(json_string_value(v));
		else if (k == 1)
			rs->comment = kim_strdup(json_string_value(v));
		else if (k == 2) {
			if (!json_is_string(v) || kim_date_parse(
			    json_string_value(v), &rs->as_of) != 0)
				problem(ld, -1, key, 0, "as_of: expected a real "
				    "date as \"YYYY-MM-DD\", not %s",
				    json_shown(v, b, sizeof b));
			else
				rs->has_as_of = 1;
		}
	}
	if (!(crit = json_object_get(root, "criteria"))) {
		problem(ld, -1, NULL, 0, "no \"criteria\" (an array of "
		    "criteria, all of which a KIM must meet)");
		return;
	}
	if (!json_is_array(crit)) {
		problem(ld, -1, "criteria", 0, "criteria: expected an array of "
		    "criteria, not %s", json_shown(crit, b, sizeof b));
		return;
	}
	if (json_array_size(crit) == 0) {
		problem(ld, -1, "criteria", 0, "criteria: the array is empty "
		    "(a rule set needs at least one criterion; one that lets "
		    "every KIM through is {\"field\": \"id\", \"present\": true})");
		return;
	}
	rs->c = kim_calloc(json_array_size(crit), sizeof *rs->c);
	for (size_t i = 0; i < json_array_size(crit); i++)
		load_criterion(ld, (long)i, json_array_get(crit, i));
}

long
kim_rules_parse(struct kim_rules *rs, const char *text, size_t len,
    const char *name, struct kim_diag *d)
{
	struct loading ld;
	json_error_t e;
	json_t *root;

	memset(rs, 0, sizeof *rs);
	rs->path = kim_strdup(name);
	/* a UTF-8 BOM, as some editors write, is no part of the JSON */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3, len -= 3;
	memset(&ld, 0, sizeof ld);
	ld.rules = rs;
	ld.name = rs->path;
	ld.text = text;
	ld.len = len;
	ld.d = d;
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	if (!root && json_error_code(&e) == json_error_out_of_memory)
		kim_diefile(KIM_EXIT_IO, rs->path, 0, 0, "out of memory");
	if (!root) {
		kim_diagf(d, rs->path, e.line > 0 ? e.line : 0,
		    e.column > 0 ? e.column : 0, "not JSON: %s", e.text);
		return 1;
	}
	load_top(&ld, root);
	json_decref(root);
	free(ld.crit);
	return ld.problems;
}

long
kim_rules_load(struct kim_rules *rs, const char *path, int how,
    struct kim_diag *d)
{
	struct kim_buf b = { 0 };
	long r;
	int fd;

	memset(rs, 0, sizeof *rs);
	if ((fd = kim_open_read(path, how, d)) < 0)
		return fd == -2 ? 1 : -1;
	/* read whole to be parsed: no more of it than the limit */
	r = kim_read_all(fd, &b, (size_t)KIM_RULES_MAX);
	close(fd);
	if (r > 0) {
		kim_diagf(d, path, 0, 0, "a rule set of more than %ld "
		    "bytes: that is the limit (kim-data(5), LIMITS)",
		    KIM_RULES_MAX);
		kim_buf_free(&b);
		return 1;
	}
	if (r < 0) {
		kim_diagf(d, path, 0, 0, "cannot read: %s", strerror(errno));
		kim_buf_free(&b);
		return -1;
	}
	r = kim_rules_parse(rs, b.s, b.len, path, d);
	kim_buf_free(&b);
	return r;
}

void
kim_rules_free(struct kim_rules *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->c[i].label);
		for (size_t k = 0; k < rs->c[i].nlist; k++)
			free(rs->c[i].list[k]);
		free(rs->c[i].list);
	}
	free(rs->c);
	free(rs->path);
	free(rs->name);
	free(rs->comment);
	memset(rs, 0, sizeof *rs);
}

long
kim_rules_check_regions(const struct kim_rules *rs,
    const struct kim_wilayah *w, struct kim_diag *d)
{
	long r = 0;

	for (size_t i = 0; i < rs->n; i++) {
		const struct kim_criterion *c = &rs->c[i];
		if (kind(c->field) != K_CODE)
			continue;
		for (size_t k = 0; k < c->nlist; k++)
			if (!kim_wilayah_find(w, c->list[k])) {
				r++;
				kim_diagf(d, rs->path, c->line, c->col,
				    "criteria[%zu]: %s: \"%s\" is not in %s", i,
				    kim_test_names[c->test], c->list[k], w->path);
			}
	}
	return r;
}
