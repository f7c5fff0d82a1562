/* kim_actchange: a change of the activity log, locked, written, committed */
#include <stdlib.h>
#include <string.h>

#include "kim_actchange.h"
#include "kim_git.h"

void
kim_actchange_begin(struct kim_actchange *c, const char *dir, double wait,
    int commit, const struct kim_ctx *ctx, struct kim_diag *d)
{
	int skip = c->skip_early;

	memset(c, 0, sizeof *c);
	c->skip_early = skip;
	c->dir = dir;
	c->ctx = ctx;
	c->d = d;
	kim_lock(&c->lock, dir, KIM_LOCK_EXCLUSIVE, wait);
	/* under the lock: no other writer is committing */
	if (commit && kim_git_ready(dir) != 0)
		kim_die(KIM_EXIT_IO, "nothing was written: the change could not "
		    "be committed (--no-commit writes without committing)");
	kim_register_open(&c->reg, dir, ctx, d);
}

/* The loaded file of the log that holds region's KIM */
static struct kim_actlog *
log_of(struct kim_actchange *c, const char *region)
{
	char rel[64];
	struct kim_actlog *l;
	long r;

	kim_activity_file(region, rel, sizeof rel);
	for (size_t i = 0; i < c->nlogs; i++)
		if (strcmp(c->logs[i]->rel, rel) == 0)
			return c->logs[i];
	l = kim_malloc(sizeof *l);
	if ((r = kim_actlog_load(l, c->dir, region, c->d)) < 0)
		exit(KIM_EXIT_IO);
	c->problems += r;
	c->logs = kim_reallocarray(c->logs, c->nlogs + 1, sizeof *c->logs);
	c->logs[c->nlogs++] = l;
	return l;
}

/* Is url logged for the KIM r already, under its id or a former one? */
static int
url_logged(struct kim_actchange *c, const struct kim_record *r,
    const char *url)
{
	const char *s = r->f[KIM_F_FORMER_IDS];
	char id[KIM_ID_MAX], region[32];

	snprintf(id, sizeof id, "%s", r->f[KIM_F_ID]);
	do
		if (kim_activity_region(id, region, sizeof region) == 0 &&
		    kim_actlog_has_url(log_of(c, region), id, url))
			return 1;
	while (kim_former_next(&s, id, sizeof id));
	return 0;
}

int
kim_actchange_add(struct kim_actchange *c, const struct kim_activity *a)
{
	struct kim_held *h = kim_register_find(&c->reg, a->f[KIM_A_KIM], NULL);
	struct kim_activity now;
	struct kim_record r;
	struct kim_actlog *l;
	char region[32];

	if (!h) {
		c->problems++;
		kim_activity_problem(c->d, a, KIM_A_KIM, "no KIM has the id %s "
		    "in the register", a->f[KIM_A_KIM]);
		return -1;
	}
	kim_held_view(h, &r);
	now = *a;		/* logged under the id the KIM has now */
	now.f[KIM_A_KIM] = r.f[KIM_F_ID];
	a = &now;
	if (strcmp(a->f[KIM_A_DATE], r.f[KIM_F_FORMED]) < 0) {
		if (c->skip_early) {
			c->early++;
			return 0;
		}
		c->problems++;
		kim_activity_problem(c->d, a, KIM_A_DATE, "%s is before the KIM "
		    "was formed, %s", a->f[KIM_A_DATE], r.f[KIM_F_FORMED]);
		return -1;
	}
	kim_activity_region(a->f[KIM_A_KIM], region, sizeof region);
	l = log_of(c, region);
	if ((c->skip_early && *a->f[KIM_A_URL] && url_logged(c, &r,
	    a->f[KIM_A_URL])) || !kim_actlog_add(l, a, NULL)) {
		c->known++;
		return 0;
	}
	if (c->added++ == 0)
		c->first = h->id;
	return 1;
}

int
kim_actchange_write(struct kim_actchange *c, int commit, const char *message)
{
	struct kim_txn *t;
	int status = KIM_EXIT_OK;

	if (c->added == 0)
		return status;
	t = kim_txn_new(c->dir);
	for (size_t i = 0; i < c->nlogs; i++)
		if (c->logs[i]->added > 0)
			kim_actlog_write(c->logs[i], kim_txn_open(t,
			    c->logs[i]->rel));
	if (commit) {
		kim_git_warn_driver(c->dir);
		kim_txn_message(t, message);
	}
	if (kim_txn_commit(t) != 0)
		status = KIM_EXIT_IO;
	kim_txn_free(t);
	return status;
}

int
kim_actchange_finish(struct kim_actchange *c, const struct kim_activity *one,
    const char *file, int commit, int dry_run)
{
	struct kim_buf m = { 0 };
	const char *dry = dry_run ? _(" (dry run: nothing written)") : "";
	int status;

	if (one)
		kim_buf_addf(&m, "activity %s %s %s: %s\n", one->f[KIM_A_KIM],
		    one->f[KIM_A_DATE], one->f[KIM_A_KIND], one->f[KIM_A_TITLE]);
	else
		kim_buf_addf(&m, "activity %s %s: %ld added\n", c->skip_early ?
		    "feed" : "import", kim_base_name(file), c->added);
	status = dry_run ? KIM_EXIT_OK : kim_actchange_write(c, commit, m.s);
	kim_buf_free(&m);
	if (!one && c->skip_early)
		kim_warn("%ld added, %ld logged already, %ld before the KIM was "
		    "formed (skipped)%s", c->added, c->known, c->early, dry);
	else if (!one)
		kim_warn("%ld added, %ld logged already%s", c->added, c->known,
		    dry);
	else if (c->known > 0) {
		kim_warn("the activity of %s on %s is logged already: nothing "
		    "was written", one->f[KIM_A_KIM], one->f[KIM_A_DATE]);
		return status == KIM_EXIT_OK ? KIM_EXIT_NO : status;
	}
	return status;
}

void
kim_actchange_end(struct kim_actchange *c)
{
	kim_unlock(&c->lock);
	for (size_t i = 0; i < c->nlogs; i++) {
		kim_actlog_free(c->logs[i]);
		free(c->logs[i]);
	}
	free(c->logs);
	kim_register_close(&c->reg);
}
