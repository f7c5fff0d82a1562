/* kim_check: every rule of the data folder, checked */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "kim_activity.h"
#include "kim_actread.h"
#include "kim_check.h"
#include "kim_csv.h"
#include "kim_file.h"
#include "kim_folder.h"
#include "kim_git.h"
#include "kim_input.h"
#include "kim_record.h"
#include "kim_rules.h"
#include "kim_store.h"
#include "kim_renumbered.h"
#include "kim_targets.h"

/*
 * What must not repeat, up to its NUL: an id, or a name's key (see
 * name_key).  Where it is in the file's keys, and once all are read (and
 * they move no more) the key itself.
 */
struct seen {
	size_t at;
	const char *key;
	long line;
};

struct filecheck {
	const struct kim_ctx *ctx;
	struct kim_diag *d;
	const char *path, *rel;
	long problems;
	struct kim_buf prev;	/* the last record's region and id, NUL-ended */
	size_t prev_id;		/* where its id starts */
	long prev_seq;
	int unsorted;
	struct kim_buf keys;	/* the ids and name_keys, each NUL-ended */
	struct seen *ids, *names;
	size_t nids, nnames, capids, capnames;
	struct kim_buf canon;	/* the file as the register would write it */
	int started;		/* the canonical header is written */
	int kept_col, kept_val;	/* the file has the KEPT columns; a value */
	kim_record_fn fn;	/* given each record read, problems or not */
	void *arg;
};

static void
remember(struct seen **v, size_t *n, size_t *cap, size_t at, long line)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = kim_reallocarray(*v, *cap, sizeof **v);
	}
	(*v)[*n].at = at;
	(*v)[*n].line = line;
	(*n)++;
}

static int
bykey(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : x->line < y->line ? -1 : x->line > y->line;
}

/*
 * A name's key, added to k: its region, a blank and its name in lower
 * case (what must not repeat), then after the NUL the region and the name
 * as they are written, for a message; its room made at once (the folded
 * name is never longer).  Most names never repeat: the message is put
 * together only for those that do.  Where it starts in k.
 */
static size_t
name_key(struct kim_buf *k, const struct kim_record *r)
{
	const char *region = r->f[KIM_F_REGION], *name = r->f[KIM_F_NAME];
	size_t lr = strlen(region), ln = strlen(name), at = k->len;

	kim_buf_reserve(k, 2 * (lr + ln) + 4);
	kim_buf_add(k, region, lr);
	kim_buf_addc(k, ' ');
	kim_name_fold(name, k);
	kim_buf_addc(k, '\0');
	kim_buf_add(k, region, lr + 1);
	kim_buf_add(k, name, ln + 1);
	return at;
}

/*
 * Report the ids (col 1) or the names (col 2) that occur twice among the
 * keys; forget them.
 */
static long
twice(struct kim_diag *d, const char *path, const struct kim_buf *keys,
    struct seen *v, size_t n, long col)
{
	long r = 0;

	for (size_t i = 0; i < n; i++)
		v[i].key = keys->s + v[i].at;
	if (n > 1)
		qsort(v, n, sizeof *v, bykey);
	for (size_t i = 1; i < n; i++) {
		const char *k = v[i].key, *region, *name;
		if (strcmp(v[i - 1].key, k) != 0)
			continue;
		r++;
		if (col == 1) {
			kim_diagf(d, path, v[i].line, col, "id %s is also on "
			    "line %ld", k, v[i - 1].line);
			continue;
		}
		region = k + strlen(k) + 1;
		name = region + strlen(region) + 1;
		kim_diagf(d, path, v[i].line, col, "name '%s' in region %s is "
		    "also on line %ld", name, region, v[i - 1].line);
	}
	free(v);
	return r;
}

static int
on_record(void *arg, struct kim_record *r)
{
	struct filecheck *fc = arg;
	fc->problems += kim_record_check(r, fc->ctx,
	    KIM_CHECK_ASSIGNED | KIM_CHECK_FUTURE, fc->d);
	fc->problems += kim_record_misplaced(r, fc->rel, fc->d);
	kim_record_warn_limits(r, fc->d);	/* a warning: not a problem */
	if (fc->prev.len && kim_record_cmp_key(fc->prev.s, fc->prev_seq,
	    fc->prev.s + fc->prev_id, r) > 0) {
		fc->problems++;
		fc->unsorted = 1;
		kim_record_problem(fc->d, r, KIM_F_ID, "%s comes after %s: "
		    "records are sorted by region, then by the number of the "
		    "id", r->f[KIM_F_ID], fc->prev.s + fc->prev_id);
	}
	fc->prev.len = 0;
	kim_buf_add(&fc->prev, r->f[KIM_F_REGION],
	    strlen(r->f[KIM_F_REGION]) + 1);
	fc->prev_id = fc->prev.len;
	kim_buf_add(&fc->prev, r->f[KIM_F_ID], strlen(r->f[KIM_F_ID]) + 1);
	fc->prev_seq = r->seq;
	if (*r->f[KIM_F_ID]) {
		remember(&fc->ids, &fc->nids, &fc->capids, fc->keys.len,
		    r->line);
		kim_buf_add(&fc->keys, r->f[KIM_F_ID],
		    strlen(r->f[KIM_F_ID]) + 1);
	}
	/* the region and the name in lower case must not repeat */
	if (kim_status_index(r->f[KIM_F_STATUS]) != KIM_ST_BUBAR)
		remember(&fc->names, &fc->nnames, &fc->capnames,
		    name_key(&fc->keys, r), r->line);
	if (!fc->started) {	/* the header of the file's columns */
		fc->started = 1;
		fc->kept_col = r->col[KIM_F_FORMER_IDS] != 0;
		kim_buf_adds(&fc->canon, kim_header_for(fc->kept_col));
		kim_buf_addc(&fc->canon, '\n');
	}
	fc->kept_val |= kim_record_kept(r);
	kim_record_add(&fc->canon, r, fc->kept_col);
	return fc->fn ? fc->fn(fc->arg, r) : 0;
}

/* Is the file byte for byte what the register would write? */
static void
canonical(struct filecheck *fc)
{
	struct stat st;
	char *buf;
	int fd;
	size_t have = 0;
	const char *canon = fc->canon.s;
	size_t canonlen = fc->canon.len;

	if ((fd = kim_open_read(fc->path, KIM_OPEN_REGULAR, NULL)) < 0 ||
	    fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return;
	}
	buf = kim_malloc((size_t)st.st_size + 1);
	while (have < (size_t)st.st_size) {
		ssize_t n = kim_read(fd, buf + have, (size_t)st.st_size - have);
		if (n <= 0)
			break;
		have += (size_t)n;
	}
	close(fd);
	if (have != canonlen || memcmp(buf, canon, have) != 0) {
		long line = 1;
		size_t i;
		for (i = 0; i < have && i < canonlen && buf[i] == canon[i]; i++)
			line += buf[i] == '\n';
		fc->problems++;
		kim_diagf(fc->d, fc->path, line, 0, "not written the way the "
		    "register writes (quoting, blanks, line ends or a BOM "
		    "differ)%s", i >= have ? ": the last line has no newline" : "");
	}
	free(buf);
}

/* Does the file at path hold the register's header line and nothing else? */
static int
header_only(const char *path)
{
	char buf[512];
	size_t want = strlen(kim_header) + 1;
	ssize_t n;
	int fd = kim_open_read(path, KIM_OPEN_REGULAR, NULL);

	if (fd < 0)
		return 0;
	n = kim_read(fd, buf, sizeof buf);
	close(fd);
	return n == (ssize_t)want && memcmp(buf, kim_header, want - 1) == 0 &&
	    buf[want - 1] == '\n';
}

/* A register file, checked as kim_file_fn reads one (flags: its own) */
static long
check_register_file(const char *path, int flags, const struct kim_ctx *ctx,
    kim_record_fn fn, void *arg, struct kim_diag *d)
{
	struct filecheck fc;
	const char *base = strrchr(path, '/');
	char code[64];
	long r;

	memset(&fc, 0, sizeof fc);
	fc.ctx = ctx;
	fc.d = d;
	fc.fn = fn;
	fc.arg = arg;
	fc.path = path;
	fc.rel = path + strlen(path) - strlen(KIM_REGISTER_DIR "/") -
	    strlen(base + 1);
	(void)flags;
	snprintf(code, sizeof code, "%.*s", (int)(strlen(base + 1) - 4), base + 1);
	enum kim_level lv = kim_code_level(code);
	if (kim_level_depth(lv) >= 1 && kim_level_depth(lv) <= 2 &&
	    !kim_wilayah_find(&ctx->w, code) && header_only(path))
		return 0;	/* a kabupaten a recode emptied and the list left */
	if (kim_level_depth(lv) < 1 || kim_level_depth(lv) > 2 ||
	    !kim_wilayah_find(&ctx->w, code)) {
		kim_diagf(d, path, 0, 0, "the register's files are named by a "
		    "kabupaten/kota or provinsi code of wilayah.csv "
		    "(e.g. kim/51.02.csv)");
		return 1;
	}
	r = kim_read_file(path, KIM_READ_REGISTER, ctx, on_record, &fc, d);
	if (!fc.started) {
		kim_buf_adds(&fc.canon, kim_header);
		kim_buf_addc(&fc.canon, '\n');
	}
	fc.problems += twice(d, path, &fc.keys, fc.ids, fc.nids, 1);
	fc.problems += twice(d, path, &fc.keys, fc.names, fc.nnames, 2);
	if (r == 0 && fc.problems == 0 && fc.kept_col && !fc.kept_val) {
		fc.problems++;
		kim_diagf(d, path, 1, 0, "the column former_ids holds no value: "
		    "the register leaves it out of such a file%s", "");
	} else if (r == 0 && fc.problems == 0)
		canonical(&fc);
	kim_buf_free(&fc.canon);
	kim_buf_free(&fc.prev);
	kim_buf_free(&fc.keys);
	return r < 0 ? 1 : r + fc.problems;
}

/* targets.csv: the same loader kim-coverage reads it with */
static long
check_targets(const char *dir, const struct kim_ctx *ctx, struct kim_diag *d)
{
	struct kim_targets t;
	long r = kim_targets_load(&t, dir, &ctx->w, d);

	kim_targets_free(&t);
	return r < 0 ? 1 : r;
}

/* each rules/NAME.json, in the order of the names, as kim-eligible loads it */
static long
check_rules(const char *dir, const struct kim_ctx *ctx, struct kim_diag *d)
{
	size_t n;
	char **files = kim_rules_files(dir, &n);
	long r = 0;

	for (size_t i = 0; i < n; i++) {
		struct kim_rules rules;
		long k = kim_rules_load(&rules, files[i], KIM_OPEN_REGULAR, d);
		if (k == 0)
			k = kim_rules_check_regions(&rules, &ctx->w, d);
		r += k < 0 ? 1 : k;
		kim_rules_free(&rules);
	}
	kim_free_list(files, n);
	return r;
}

/* kim/renumbered.csv, kim-merge's log, row by row */
static long
check_renumbered(const char *dir, struct kim_diag *d)
{
	struct kim_renumbered log;
	char *path = kim_path(dir, KIM_RENUMBERED_FILE);
	long r = kim_renumbered_read(&log, path, d);

	kim_renumbered_free(&log);
	free(path);
	return r < 0 ? 1 : r;
}

/*
 * Each KIM of the register, by id, with the day it was formed; by its
 * former ids too (an activity logged before a recode is still its own),
 * unless another KIM has the id now.
 */
static int
known(void *arg, struct kim_record *r)
{
	const char *s = r->f[KIM_F_FORMER_IDS];
	char was[KIM_ID_MAX];
	struct kim_actsum_kim *k;
	struct kim_date day;

	if (!*r->f[KIM_F_ID] || kim_date_parse(r->f[KIM_F_FORMED], &day) != 0)
		return 0;
	kim_actsum_find(arg, r->f[KIM_F_ID], 1)->formed = kim_date_days(&day);
	while (kim_former_next(&s, was, sizeof was))
		if ((k = kim_actsum_find(arg, was, 1))->formed ==
		    KIM_ACTSUM_NONE)
			k->formed = kim_date_days(&day);
	return 0;
}

/* activity/NAME.csv, the activity log, file by file (files[0..n)) */
static long
check_activity(char **files, size_t n, struct kim_actsum *kims,
    const struct kim_date *as_of, struct kim_diag *d)
{
	long r = 0;

	for (size_t i = 0; i < n; i++)
		r += kim_actread_check(kims, files[i], files[i] +
		    strlen(files[i]) - strlen(strrchr(files[i], '/')) -
		    strlen(KIM_ACTIVITY_DIR), as_of, d);
	return r;
}

long
kim_check_folder(const char *dir, const struct kim_date *as_of,
    struct kim_diag *d)
{
	struct kim_ctx ctx = { .as_of = *as_of };	/* every file */
	char *path = kim_path(dir, KIM_WILAYAH_FILE);
	struct kim_actsum kims;
	size_t nact;
	char **act = kim_activity_files(dir, &nact);
	long r;

	kim_actsum_init(&kims, as_of, KIM_ACTIVITY_WINDOW);
	r = kim_wilayah_load(&ctx.w, path, d);
	free(path);
	if (r >= 0) {
		/* the KIM the activity log names, known only if there is one */
		r += kim_check_register(dir, &ctx, d, nact ? known : NULL,
		    &kims);
		r += check_renumbered(dir, d);
		r += check_activity(act, nact, &kims, as_of, d);
		/* the folder's state, kim-check's alone: a report is of records */
		r += kim_journal_check(dir, d);
		r += kim_git_check(dir, d);
		kim_git_warn_driver(dir);	/* a warning, not a problem */
	}
	kim_free_list(act, nact);
	kim_wilayah_free(&ctx.w);
	kim_actsum_free(&kims);
	return r;
}

long
kim_check_register(const char *dir, const struct kim_ctx *ctx,
    struct kim_diag *d, kim_record_fn fn, void *arg)
{
	char **files;
	size_t n, kept;
	long r = 0;

	/* names that would send ESC and the like to a terminal */
	r += kim_wilayah_check_names(&ctx->w, d);
	files = kim_register_files(dir, &n);
	kept = kim_files_holding(files, n, ctx->regions, ctx->nregions);
	/* the files on every core, what they say in their order */
	r += kim_read_files(files, kept, check_register_file,
	    KIM_READ_REGISTER, ctx, fn, arg, d);
	kim_free_list(files, kept);
	r += check_targets(dir, ctx, d);
	r += check_rules(dir, ctx, d);
	return r;
}
