/* kim_git: the data folder's git history, through libgit2 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kim_err.h"
#include "kim_folder.h"
#include "kim_git.h"
#include "kim_util.h"

/* Is one of the names in the folder real (a resolved path) or above it? */
static int
above(const char *real, const char *const *names)
{
	char path[PATH_MAX];
	size_t n = strlen(real);
	struct stat st;

	for (;;) {
		for (size_t i = 0; names[i]; i++)
			if (n + 1 + strlen(names[i]) < sizeof path) {
				memcpy(path, real, n);
				path[n] = '/';
				strcpy(path + n + 1, names[i]);
				if (stat(path, &st) == 0)
					return 1;
			}
		if (n == 0)
			return 0;
		do
			n--;
		while (n > 0 && real[n] != '/');
	}
}

void
kim_git_log_free(struct kim_git_rev *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].author);
	free(v);
}

void
kim_git_files_free(struct kim_git_file *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i].name);
	free(f);
}

#if KIM_WITH_GIT

#include <time.h>
#include <unistd.h>

#include "kim_gitlib.h"

static int commit_time(git_time_t *);

struct kim_git {
	git_repository *repo;
	char *prefix;		/* the data folder inside the work tree: "" or "data/" */
	char *real;		/* the data folder, resolved */
	int refs;		/* kim_git_open's callers, and kept */
};

/*
 * The repository opened last stays open for the next kim_git_open of the
 * same folder.  Adding one KIM opened it four times (to see that git can
 * commit, to look for the merge driver, for the author, for the commit),
 * and each repository read the index anew (4.5 M instructions a time on
 * a register of 514 files) and the attributes.  libgit2 reads again what
 * changed on disk since: the index (kim_git_commit_files discards what
 * it added in memory when it could not write it), references, attribute
 * and config files.
 */
static struct kim_git *kept;

static void
release(struct kim_git *g)
{
	if (!g || --g->refs > 0)
		return;
	git_repository_free(g->repo);
	free(g->prefix);
	free(g->real);
	free(g);
	git_libgit2_shutdown();
}

/* the hold kim_git_open takes on libgit2 for the whole process */
static void
shutdown(void)
{
	release(kept);
	kept = NULL;
	git_libgit2_shutdown();
}

int kim_git_built(void) { return 1; }

static const char *
gerr(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

/* libgit2, opened on first use (kim_gitlib.h): without it, exit 4 */
static void
gitlib(void)
{
	const char *why;

	if (kim_gitlib_open(&why) < 0)
		kim_die(KIM_EXIT_IO, "git: %s", why);
}

struct kim_git *
kim_git_open(const char *dir)
{
	git_repository *repo;
	char real[PATH_MAX], top[PATH_MAX];
	const char *wd;
	struct kim_git *g;
	size_t n;
	static const char *const marks[] = { ".git", "HEAD", NULL };
	static int held;

	/*
	 * Starting libgit2 costs a quarter of reading wilayah.csv (it loads
	 * the TLS certificates): not for a folder no repository can hold --
	 * one with no .git (nor a git directory's HEAD) in it or above it
	 * -- and once a process, however often a repository is opened.
	 */
	if (!realpath(dir, real) || !above(real, marks))
		return NULL;
	if (kept && strcmp(kept->real, real) == 0) {
		kept->refs++;
		return kept;
	}
	if (!held) {
		gitlib();
		git_libgit2_init();
		atexit(shutdown);
		held = 1;
	}
	git_libgit2_init();
	if (git_repository_open_ext(&repo, real, 0, NULL) != 0) {
		git_libgit2_shutdown();
		return NULL;
	}
	if (git_repository_is_bare(repo) || !(wd = git_repository_workdir(repo)) ||
	    !realpath(wd, top)) {
		git_repository_free(repo);
		git_libgit2_shutdown();
		return NULL;
	}
	n = strlen(top);
	if (strncmp(real, top, n) != 0 || (real[n] != '/' && real[n] != '\0')) {
		git_repository_free(repo);
		git_libgit2_shutdown();
		return NULL;
	}
	g = kim_calloc(1, sizeof *g);
	g->repo = repo;
	g->prefix = kim_strdup(real[n] ? real + n + 1 : "");
	if (*g->prefix) {
		char *p = kim_malloc(strlen(g->prefix) + 2);
		sprintf(p, "%s/", g->prefix);
		free(g->prefix);
		g->prefix = p;
	}
	g->real = kim_strdup(real);
	g->refs = 2;
	release(kept);
	kept = g;
	return g;
}

void
kim_git_close(struct kim_git *g)
{
	release(g);
}

int
kim_git_check_env(void)
{
	git_time_t t;

	return commit_time(&t);
}

/* KIM_COMMIT_DATE, or now */
static int
commit_time(git_time_t *t)
{
	const char *s = getenv("KIM_COMMIT_DATE");
	struct kim_date d;
	char day[11];
	int hh = 12, mm = 0, ss = 0;

	if (!s || !*s) {
		*t = (git_time_t)time(NULL);
		return 0;
	}
	snprintf(day, sizeof day, "%s", s);
	if (kim_date_parse(day, &d) != 0 || (s[10] && (s[10] != 'T' ||
	    sscanf(s + 11, "%2d:%2d:%2d", &hh, &mm, &ss) != 3 || hh > 23 ||
	    mm > 59 || ss > 59))) {
		kim_warn("KIM_COMMIT_DATE: '%s' is not YYYY-MM-DD or "
		    "YYYY-MM-DDTHH:MM:SS", s);
		return -1;
	}
	*t = (git_time_t)kim_date_days(&d) * 86400 + hh * 3600 + mm * 60 + ss;
	return 0;
}

static int
signature(git_repository *repo, git_signature **sig)
{
	git_signature *def = NULL;
	git_time_t t;
	int r;

	if (commit_time(&t) != 0)
		return -1;
	if (git_signature_default(&def, repo) == 0) {
		r = git_signature_new(sig, def->name, def->email, t,
		    getenv("KIM_COMMIT_DATE") ? 0 : def->when.offset);
		git_signature_free(def);
	} else
		r = git_signature_new(sig, "kim-tools", "kim-tools@localhost",
		    t, 0);
	return r;
}

int
kim_git_identity(const char *dir, struct kim_sig *out)
{
	struct kim_git *g = kim_git_open(dir);
	git_signature *sig = NULL;
	int r = 1;

	memset(out, 0, sizeof *out);
	if (!g)
		return 0;
	if (signature(g->repo, &sig) != 0) {
		if (sig == NULL && git_error_last())
			kim_warn("git: %s", gerr());
		r = -1;
	} else {
		out->name = kim_strdup(sig->name);
		out->email = kim_strdup(sig->email);
		out->when = (long long)sig->when.time;
		out->offset = sig->when.offset;
	}
	git_signature_free(sig);
	kim_git_close(g);
	return r;
}

/*
 * One try at the commit: 0 when made (or, with only_changed, when there
 * was nothing to commit), else libgit2's error code, what went wrong in
 * why.
 */
static int
commit_once(struct kim_git *g, const char *const *rel, size_t n,
    const char *message, const git_signature *sig, int only_changed,
    char *why, size_t whysize)
{
	git_tree_update *up = kim_calloc(n, sizeof *up);
	char **paths = kim_calloc(n, sizeof *paths);
	git_index_entry *old = kim_calloc(n, sizeof *old);
	int *had = kim_calloc(n, sizeof *had);
	git_reference *head = NULL;
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_treebuilder *tb = NULL;
	git_index *index = NULL;
	git_oid oid;
	int e = 0;
	size_t i;

	*why = '\0';
	for (i = 0; i < n; i++) {
		paths[i] = kim_malloc(strlen(g->prefix) + strlen(rel[i]) + 1);
		sprintf(paths[i], "%s%s", g->prefix, rel[i]);
		if ((e = git_blob_create_from_workdir(&up[i].id, g->repo, paths[i])))
			goto out;
		up[i].action = GIT_TREE_UPDATE_UPSERT;
		up[i].filemode = GIT_FILEMODE_BLOB;
		up[i].path = paths[i];
	}
	if (git_repository_head(&head, g->repo) == 0) {
		if ((e = git_reference_peel((git_object **)&parent, head,
		    GIT_OBJECT_COMMIT)) || (e = git_commit_tree(&base, parent)))
			goto out;
	} else {
		/* the first commit of the repository */
		if ((e = git_treebuilder_new(&tb, g->repo, NULL)) ||
		    (e = git_treebuilder_write(&oid, tb)) ||
		    (e = git_tree_lookup(&base, g->repo, &oid)))
			goto out;
	}
	if ((e = git_tree_create_updated(&oid, g->repo, base, n, up)) ||
	    (e = git_tree_lookup(&tree, g->repo, &oid)))
		goto out;
	if (only_changed && parent && git_oid_equal(&oid, git_tree_id(base)))
		/* committed before the crash that left the journal */
		goto out;
	/*
	 * The index agrees with the new commit for these files.  It is
	 * written first: when another git holds it, nothing is committed.
	 */
	if ((e = git_repository_index(&index, g->repo)) ||
	    (e = git_index_read(index, 0)))
		goto out;
	for (i = 0; i < n; i++) {
		const git_index_entry *x = git_index_get_bypath(index, paths[i], 0);
		if (x) {
			old[i] = *x;
			old[i].path = paths[i];
			had[i] = 1;
		}
		if ((e = git_index_add_bypath(index, paths[i])))
			goto out;
	}
	if ((e = git_index_write(index)))
		goto out;
	if ((e = git_commit_create(&oid, g->repo, "HEAD", sig, sig, NULL,
	    message, tree, parent ? 1 : 0, (const git_commit **)&parent))) {
		/* not committed: the index is put back as it was */
		snprintf(why, whysize, "%s", gerr());
		for (i = 0; i < n; i++)
			if (had[i] ? git_index_add(index, &old[i]) :
			    git_index_remove_bypath(index, paths[i]))
				break;
		git_index_write(index);
	}
out:
	if (e && !*why)
		snprintf(why, whysize, "%s", gerr());
	if (e && index)	/* the repository stays open: as on disk again */
		git_index_read(index, 1);
	git_index_free(index);
	git_tree_free(tree);
	git_tree_free(base);
	git_treebuilder_free(tb);
	git_commit_free(parent);
	git_reference_free(head);
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(up);
	free(old);
	free(had);
	return e;
}

static void
nap(void)
{
	struct timespec ts = { 0, KIM_GIT_NAP * 1000L * 1000L };

	nanosleep(&ts, NULL);
}

int
kim_git_commit_files(const char *dir, const char *const *rel, size_t n,
    const char *message, const struct kim_sig *s, int only_changed)
{
	struct kim_git *g = kim_git_open(dir);
	git_signature *sig = NULL;
	char why[1024];
	int e;

	if (!g)
		return 0;
	if (git_signature_new(&sig, s->name, s->email, (git_time_t)s->when,
	    s->offset)) {
		kim_warn("git: cannot commit: the author: %s", gerr());
		kim_git_close(g);
		return -1;
	}
	/*
	 * A lock of git's (index.lock while git status refreshes the index,
	 * a branch's while a commit moves it) is held for a moment by a git
	 * at work: wait for it, a bounded while.
	 */
	for (int i = 1; (e = commit_once(g, rel, n, message, sig,
	    only_changed, why, sizeof why)) == GIT_ELOCKED &&
	    i < KIM_GIT_TRIES; i++)
		nap();
	if (e)
		kim_warn("git: cannot commit: %s", why);
	git_signature_free(sig);
	kim_git_close(g);
	return e ? -1 : 0;
}

/* What git's status of a register file says is not committed, or NULL. */
static const char *
uncommitted(unsigned int st)
{
	if (st & (GIT_STATUS_INDEX_DELETED | GIT_STATUS_WT_DELETED))
		return "not committed: removed, but HEAD has it";
	if ((st & GIT_STATUS_WT_NEW) && !(st & GIT_STATUS_INDEX_NEW))
		return "not committed: git does not track it";
	if (st & GIT_STATUS_INDEX_NEW)
		return "not committed: added to the index, not to HEAD";
	if (st & (GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_WT_MODIFIED |
	    GIT_STATUS_INDEX_RENAMED | GIT_STATUS_WT_RENAMED |
	    GIT_STATUS_INDEX_TYPECHANGE | GIT_STATUS_WT_TYPECHANGE))
		return "not committed: it differs from HEAD";
	return NULL;
}

long
kim_git_check(const char *dir, struct kim_diag *d)
{
	struct kim_git *g = kim_git_open(dir);
	git_status_options o;
	git_status_list *list = NULL;
	git_index *index = NULL;
	struct kim_buf b = { 0 };
	char *spec;
	long r = 0;

	if (!g)
		return 0;
	git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
	kim_buf_addf(&b, "%s" KIM_JOURNAL_FILE, g->prefix);
	if (git_repository_index(&index, g->repo) == 0 &&
	    git_index_read(index, 0) == 0 &&
	    git_index_get_bypath(index, b.s, 0)) {
		char *p = kim_path(dir, KIM_JOURNAL_FILE);
		kim_diagf(d, p, 0, 0, "git tracks the journal: a pull would "
		    "deliver it to every clone (git rm --cached it, and list "
		    "it in .gitignore)");
		free(p);
		r++;
	}
	git_index_free(index);
	kim_buf_reset(&b);
	kim_buf_addf(&b, "%s" KIM_REGISTER_DIR "/", g->prefix);
	spec = b.s;
	o.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	o.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	    GIT_STATUS_OPT_EXCLUDE_SUBMODULES | GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
	o.pathspec.strings = &spec;
	o.pathspec.count = 1;
	if (git_status_list_new(&list, g->repo, &o) != 0) {
		kim_diagf(d, dir, 0, 0, "git: cannot tell what is committed: %s",
		    gerr());
		r++;
	}
	for (size_t i = 0; list && i < git_status_list_entrycount(list); i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *dd = e->head_to_index ? e->head_to_index :
		    e->index_to_workdir;
		const char *path, *why, *name;
		if (!dd || !(why = uncommitted(e->status)))
			continue;
		path = dd->new_file.path ? dd->new_file.path : dd->old_file.path;
		if (strncmp(path, b.s, b.len) != 0)
			continue;
		name = path + b.len;
		size_t len = strlen(name);
		/* the register's files, as kim-check reads them */
		if (name[0] == '.' || strchr(name, '/') || len <= 4 ||
		    strcmp(name + len - 4, ".csv") != 0)
			continue;
		char *p = kim_path(dir, path + strlen(g->prefix));
		kim_diagf(d, p, 0, 0, "%s (kim-register commits what it "
		    "writes)", why);
		free(p);
		r++;
	}
	git_status_list_free(list);
	kim_buf_free(&b);
	kim_git_close(g);
	return r;
}

/*
 * A lock file of git's that the commit would have to take, left by a git
 * that is running or was killed: the index's, HEAD's, or that of the
 * branch HEAD names (refs/heads/BRANCH.lock), where libgit2 would fail
 * only after the register is written.  Its path in lock, else 0.
 */
static int
lock_left(struct kim_git *g, struct kim_buf *lock)
{
	git_reference *sym = NULL;
	const char *branch = NULL;
	int found = 0;

	if (git_reference_lookup(&sym, g->repo, "HEAD") == 0 &&
	    git_reference_type(sym) == GIT_REFERENCE_SYMBOLIC)
		branch = git_reference_symbolic_target(sym);
	for (int i = 0; i < 3 && !found; i++) {
		kim_buf_reset(lock);
		if (i == 0)
			kim_buf_addf(lock, "%sindex.lock",
			    git_repository_path(g->repo));
		else if (i == 1)
			kim_buf_addf(lock, "%sHEAD.lock",
			    git_repository_path(g->repo));
		else if (branch)
			kim_buf_addf(lock, "%s%s.lock",
			    git_repository_commondir(g->repo), branch);
		else
			break;
		found = access(lock->s, F_OK) == 0;
	}
	git_reference_free(sym);
	return found;
}

int
kim_git_unlock_left(const char *dir, const struct timespec *since)
{
	struct kim_git *g = kim_git_open(dir);
	struct kim_buf lock = { 0 };
	struct stat st;
	int n = 0;

	if (!g)
		return 0;
	while (lock_left(g, &lock) && lstat(lock.s, &st) == 0 &&
	    S_ISREG(st.st_mode) && (st.st_mtim.tv_sec > since->tv_sec ||
	    (st.st_mtim.tv_sec == since->tv_sec &&
	    st.st_mtim.tv_nsec >= since->tv_nsec)) && unlink(lock.s) == 0) {
		kim_warn("git: %s removed: left by the commit of the "
		    "interrupted write, killed while it held it", lock.s);
		n++;
	}
	kim_buf_free(&lock);
	kim_git_close(g);
	return n;
}

/* A lock of git's left (after a bounded wait for it to go): -1, else 0. */
static int
lock_gone(struct kim_git *g, struct kim_buf *lock)
{
	for (int i = 1; lock_left(g, lock); i++) {
		if (i >= KIM_GIT_TRIES)
			return -1;
		nap();
	}
	return 0;
}

int
kim_git_ready(const char *dir)
{
	struct kim_git *g = kim_git_open(dir);
	git_reference *head = NULL;
	git_object *top = NULL;
	git_index *index = NULL;
	struct kim_buf lock = { 0 };
	int r, ok = -1;

	if (!g)
		return 0;
	r = git_repository_head(&head, g->repo);
	if (r != 0 && r != GIT_EUNBORNBRANCH)
		kim_warn("git: HEAD is broken: %s", gerr());
	else if (r == 0 && git_reference_peel(&top, head, GIT_OBJECT_COMMIT))
		kim_warn("git: HEAD names no commit: %s", gerr());
	else if (lock_gone(g, &lock) != 0)
		kim_warn("git: %s exists: another git command is running, or "
		    "one was killed (then remove the file)", lock.s);
	else if (git_repository_index(&index, g->repo) ||
	    git_index_read(index, 0))
		kim_warn("git: cannot read the index: %s", gerr());
	else if (git_repository_state(g->repo) != GIT_REPOSITORY_STATE_NONE)
		/* a commit of HEAD's tree would leave out what git merged */
		kim_warn("git: a merge, rebase or cherry-pick is in progress: "
		    "write with --no-commit, then git add and git commit end "
		    "it");
	else
		ok = 0;
	git_index_free(index);
	git_object_free(top);
	git_reference_free(head);
	kim_buf_free(&lock);
	kim_git_close(g);
	return ok;
}

/*
 * The day of a commit, in days since 1970, in the data folder's time zone
 * (kim_date_zone), as its records' dates are: not the committer's, whose
 * clock may run on UTC.
 */
static long
commit_day(const git_commit *c)
{
	return kim_date_day_of((long long)git_commit_time(c));
}

/* The commit at: a date on the first-parent line, or a revision. */
static git_commit *
resolve(struct kim_git *g, const char *at, int *none)
{
	struct kim_date day;
	git_object *obj = NULL;
	git_commit *c = NULL, *next;
	git_reference *head;

	*none = 0;
	if (kim_date_parse(at, &day) != 0) {
		if (strlen(at) == 10 && strspn(at, "0123456789-") == 10 &&
		    at[4] == '-' && at[7] == '-')
			kim_die(KIM_EXIT_USAGE, "--at: '%s' is not a real date", at);
		if (git_revparse_single(&obj, g->repo, at) != 0)
			kim_die(KIM_EXIT_USAGE, "--at: '%s' is neither a date "
			    "(YYYY-MM-DD) nor a revision of %s", at,
			    git_repository_workdir(g->repo));
		if (git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT))
			kim_die(KIM_EXIT_USAGE, "--at: '%s' is not a commit", at);
		git_object_free(obj);
		return c;
	}
	if (git_repository_head(&head, g->repo) != 0) {
		*none = 1;	/* nothing committed yet */
		return NULL;
	}
	if (git_reference_peel((git_object **)&c, head, GIT_OBJECT_COMMIT))
		kim_die(KIM_EXIT_IO, "git: %s", gerr());
	git_reference_free(head);
	for (;;) {
		if (commit_day(c) <= kim_date_days(&day))
			return c;
		if (git_commit_parentcount(c) == 0 ||
		    git_commit_parent(&next, c, 0) != 0) {
			git_commit_free(c);
			*none = 1;	/* the register did not exist yet */
			return NULL;
		}
		git_commit_free(c);
		c = next;
	}
}

static int
bycode(const void *a, const void *b)
{
	const git_tree_entry *x = *(const git_tree_entry *const *)a;
	const git_tree_entry *y = *(const git_tree_entry *const *)b;
	const char *p = git_tree_entry_name(x), *q = git_tree_entry_name(y);
	size_t n = strlen(p) - 4, m = strlen(q) - 4;	/* without ".csv" */
	int c = strncmp(p, q, n < m ? n : m);

	return c ? c : n < m ? -1 : n > m;
}

/*
 * The repository of dir, into *gp, and its commit at (resolve): NULL
 * there, with *gp NULL, when nothing is committed yet; dies when dir is
 * in no git work tree or at names no commit.
 */
static git_commit *
open_at(const char *dir, const char *at, struct kim_git **gp)
{
	struct kim_git *g = kim_git_open(dir);
	git_commit *c;
	int none;

	if (!g)
		kim_die(KIM_EXIT_USAGE, "--at: %s is not in a git work tree",
		    dir);
	c = resolve(g, at, &none);
	if (none) {
		kim_git_close(g);
		g = NULL;
	}
	*gp = g;
	return c;
}

void
kim_git_check_at(const char *dir, const char *at)
{
	struct kim_git *g;
	/*
	 * libgit2 is opened by open_at: git_commit_free, a pointer of its
	 * table (kim_gitlib.h), is read only after it
	 */
	git_commit *c = open_at(dir, at, &g);

	git_commit_free(c);
	kim_git_close(g);
}

/*
 * The register files of commit c, kim/NAME.csv, in the order of their
 * codes; the entries live as long as *kim (free it with git_tree_free).
 */
static const git_tree_entry **
register_entries(struct kim_git *g, git_commit *c, git_tree **kim, size_t *n)
{
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	const git_tree_entry **v = NULL;
	char *path = kim_malloc(strlen(g->prefix) + sizeof KIM_REGISTER_DIR);

	*kim = NULL;
	*n = 0;
	sprintf(path, "%s" KIM_REGISTER_DIR, g->prefix);
	if (git_commit_tree(&root, c))
		kim_die(KIM_EXIT_IO, "git: %s", gerr());
	if (git_tree_entry_bypath(&e, root, path) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_TREE &&
	    git_tree_lookup(kim, g->repo, git_tree_entry_id(e)) == 0) {
		for (size_t i = 0; i < git_tree_entrycount(*kim); i++) {
			const git_tree_entry *te = git_tree_entry_byindex(*kim, i);
			const char *name = git_tree_entry_name(te);
			size_t len = strlen(name);
			if (name[0] == '.' || len < 5 ||
			    strcmp(name + len - 4, ".csv") != 0 ||
			    !kim_register_name(name) ||
			    git_tree_entry_type(te) != GIT_OBJECT_BLOB)
				continue;
			v = kim_reallocarray(v, *n + 1, sizeof *v);
			v[(*n)++] = te;
		}
	}
	if (*n > 1)
		qsort(v, *n, sizeof *v, bycode);
	free(path);
	git_tree_entry_free(e);
	git_tree_free(root);
	return v;
}

long
kim_git_read_register(const char *dir, const char *at, int flags,
    const struct kim_ctx *ctx, kim_record_fn fn, void *arg,
    struct kim_diag *d)
{
	struct kim_git *g;
	git_commit *c = open_at(dir, at, &g);
	git_tree *kim;
	const git_tree_entry **v;
	size_t n;
	long total = 0;

	if (!g)
		return 0;
	v = register_entries(g, c, &kim, &n);
	for (size_t i = 0; i < n; i++) {
		git_blob *b;
		char *name;
		if (!kim_register_file_holds(git_tree_entry_name(v[i]),
		    ctx->regions, ctx->nregions))
			continue;
		if (git_blob_lookup(&b, g->repo, git_tree_entry_id(v[i])))
			kim_die(KIM_EXIT_IO, "git: %s", gerr());
		name = kim_malloc(strlen(at) + strlen(git_tree_entry_name(v[i])) +
		    sizeof KIM_REGISTER_DIR + 2);
		sprintf(name, "%s:" KIM_REGISTER_DIR "/%s", at,
		    git_tree_entry_name(v[i]));
		long r = kim_read_buf(name, git_blob_rawcontent(b),
		    (size_t)git_blob_rawsize(b), flags | KIM_READ_REGISTER, ctx,
		    fn, arg, d);
		free(name);
		git_blob_free(b);
		if (r < 0) {
			total = -1;
			break;
		}
		total += r;
	}
	free(v);
	git_tree_free(kim);
	git_commit_free(c);
	kim_git_close(g);
	return total;
}

int
kim_git_read_at(const char *dir, const char *at, const char *rel,
    struct kim_buf *out)
{
	struct kim_git *g;
	git_commit *c = open_at(dir, at, &g);
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	git_blob *b;
	char *path;
	int r = 0;

	if (!g)
		return 0;
	path = kim_malloc(strlen(g->prefix) + strlen(rel) + 1);
	sprintf(path, "%s%s", g->prefix, rel);
	if (git_commit_tree(&root, c))
		kim_die(KIM_EXIT_IO, "git: %s", gerr());
	/* a file, not a link: no path read from the folder leaves it */
	if (git_tree_entry_bypath(&e, root, path) == 0 &&
	    (git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB ||
	    git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB_EXECUTABLE)) {
		if (git_blob_lookup(&b, g->repo, git_tree_entry_id(e)))
			kim_die(KIM_EXIT_IO, "git: %s", gerr());
		kim_buf_reset(out);
		kim_buf_add(out, git_blob_rawcontent(b),
		    (size_t)git_blob_rawsize(b));
		git_blob_free(b);
		r = 1;
	}
	git_tree_entry_free(e);
	git_tree_free(root);
	free(path);
	git_commit_free(c);
	kim_git_close(g);
	return r;
}

struct kim_git_rev *
kim_git_log(struct kim_git *g, size_t *n)
{
	struct kim_git_rev *v = NULL;
	git_reference *head;
	git_commit *c, *next;

	*n = 0;
	if (git_repository_head(&head, g->repo) != 0)
		return NULL;	/* nothing committed yet */
	if (git_reference_peel((git_object **)&c, head, GIT_OBJECT_COMMIT))
		kim_die(KIM_EXIT_IO, "git: %s", gerr());
	git_reference_free(head);
	for (;;) {
		const git_signature *a = git_commit_author(c);
		v = kim_reallocarray(v, *n + 1, sizeof *v);
		git_oid_tostr(v[*n].id, sizeof v[*n].id, git_commit_id(c));
		v[*n].author = kim_strdup(a && a->name ? a->name : "");
		v[*n].day = kim_date_from_days(commit_day(c));
		v[*n].merge = git_commit_parentcount(c) > 1;
		(*n)++;
		if (git_commit_parentcount(c) == 0)
			break;
		if (git_commit_parent(&next, c, 0) != 0)
			kim_die(KIM_EXIT_IO, "git: %s", gerr());
		git_commit_free(c);
		c = next;
	}
	git_commit_free(c);
	return v;
}

static git_commit *
commit_by_id(struct kim_git *g, const char *id)
{
	git_commit *c;
	git_oid oid;

	if (git_oid_fromstr(&oid, id) != 0 ||
	    git_commit_lookup(&c, g->repo, &oid) != 0)
		kim_die(KIM_EXIT_IO, "git: %s", gerr());
	return c;
}

void
kim_git_commit(struct kim_git *g, const char *id, struct kim_git_rev *rev,
    kim_git_id **parent, size_t *np)
{
	git_commit *c = commit_by_id(g, id);
	const git_signature *a = git_commit_author(c);

	snprintf(rev->id, sizeof rev->id, "%s", id);
	rev->author = kim_strdup(a && a->name ? a->name : "");
	rev->day = kim_date_from_days(commit_day(c));
	*np = git_commit_parentcount(c);
	rev->merge = *np > 1;
	*parent = kim_calloc(*np ? *np : 1, sizeof **parent);
	for (size_t i = 0; i < *np; i++)
		git_oid_tostr((*parent)[i], sizeof (*parent)[i],
		    git_commit_parent_id(c, (unsigned)i));
	git_commit_free(c);
}

static int
cmp_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

kim_git_id *
kim_git_brought(struct kim_git *g, const char *id, size_t *n)
{
	git_commit *c = commit_by_id(g, id);
	git_revwalk *w;
	kim_git_id *v = NULL;
	size_t cap = 0;
	git_oid oid;

	*n = 0;
	if (git_revwalk_new(&w, g->repo) != 0)
		kim_die(KIM_EXIT_IO, "git: %s", gerr());
	for (unsigned i = 0; i < git_commit_parentcount(c); i++)
		if ((i ? git_revwalk_push(w, git_commit_parent_id(c, i)) :
		    git_revwalk_hide(w, git_commit_parent_id(c, i))) != 0)
			kim_die(KIM_EXIT_IO, "git: %s", gerr());
	while (git_revwalk_next(&oid, w) == 0) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			v = kim_reallocarray(v, cap, sizeof *v);
		}
		git_oid_tostr(v[*n], sizeof v[*n], &oid);
		(*n)++;
	}
	if (*n > 1)
		qsort(v, *n, sizeof *v, cmp_id);
	git_revwalk_free(w);
	git_commit_free(c);
	return v;
}

char *
kim_git_private(const char *dir, const char *name)
{
	struct kim_git *g = kim_git_open(dir);
	struct kim_buf b = { 0 };

	if (!g)
		return NULL;
	kim_buf_addf(&b, "%s%s", git_repository_path(g->repo), name);
	kim_git_close(g);
	return b.s;
}

int
kim_git_file_at(struct kim_git *g, const char *id, const char *name,
    kim_git_id oid)
{
	git_commit *c = commit_by_id(g, id);
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	char *path = kim_malloc(strlen(g->prefix) + strlen(name) +
	    sizeof KIM_REGISTER_DIR + 1);
	int found;

	sprintf(path, "%s" KIM_REGISTER_DIR "/%s", g->prefix, name);
	if (git_commit_tree(&root, c))
		kim_die(KIM_EXIT_IO, "git: %s", gerr());
	found = git_tree_entry_bypath(&e, root, path) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_BLOB;
	if (found)
		git_oid_tostr(oid, sizeof (kim_git_id), git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_tree_free(root);
	git_commit_free(c);
	free(path);
	return found;
}

struct kim_git_file *
kim_git_files(struct kim_git *g, const char *id, size_t *n)
{
	struct kim_git_file *f;
	git_commit *c = commit_by_id(g, id);
	git_tree *kim;
	const git_tree_entry **v;

	v = register_entries(g, c, &kim, n);
	f = kim_calloc(*n ? *n : 1, sizeof *f);
	for (size_t i = 0; i < *n; i++) {
		f[i].name = kim_strdup(git_tree_entry_name(v[i]));
		git_oid_tostr(f[i].oid, sizeof f[i].oid,
		    git_tree_entry_id(v[i]));
	}
	free(v);
	git_tree_free(kim);
	git_commit_free(c);
	return f;
}

void
kim_git_blob(struct kim_git *g, const char *oid, struct kim_buf *out)
{
	git_blob *b;
	git_oid o;

	if (git_oid_fromstr(&o, oid) != 0 ||
	    git_blob_lookup(&b, g->repo, &o) != 0)
		kim_die(KIM_EXIT_IO, "git: %s", gerr());
	kim_buf_reset(out);
	kim_buf_add(out, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
}

/* ---- the set-up of a data folder's repository (kim-register --init) ---- */

int
kim_git_init(const char *dir)
{
	git_repository *repo = NULL;
	struct kim_git *g = kim_git_open(dir);

	if (g) {
		kim_git_close(g);
		return 0;
	}
	gitlib();
	git_libgit2_init();
	if (git_repository_init(&repo, dir, 0) != 0) {
		kim_warn("%s: git: cannot make a repository: %s", dir, gerr());
		git_libgit2_shutdown();
		return -1;
	}
	git_repository_free(repo);
	git_libgit2_shutdown();
	return 1;
}

int
kim_git_commit_all(const char *dir, const char *message)
{
	struct kim_git *g = kim_git_open(dir);
	git_signature *sig = NULL;
	git_index *index = NULL;
	git_tree *tree = NULL;
	git_oid oid;
	int e;

	if (!g)
		return 0;
	if ((e = signature(g->repo, &sig)) == 0 &&
	    (e = git_repository_index(&index, g->repo)) == 0 &&
	    (e = git_index_add_all(index, NULL, 0, NULL, NULL)) == 0 &&
	    (e = git_index_write(index)) == 0 &&
	    (e = git_index_write_tree(&oid, index)) == 0 &&
	    (e = git_tree_lookup(&tree, g->repo, &oid)) == 0)
		e = git_commit_create(&oid, g->repo, "HEAD", sig, sig, NULL,
		    message, tree, 0, NULL);
	if (e)
		kim_warn("git: cannot commit: %s", gerr());
	git_tree_free(tree);
	git_index_free(index);
	git_signature_free(sig);
	kim_git_close(g);
	return e ? -1 : 0;
}

/* The repository's own config file (not the user's), or NULL. */
static git_config *
local_config(struct kim_git *g)
{
	git_config *all = NULL, *local = NULL;

	if (git_repository_config(&all, g->repo) == 0)
		git_config_open_level(&local, all, GIT_CONFIG_LEVEL_LOCAL);
	git_config_free(all);
	return local;
}

char *
kim_git_config_get(const char *dir, const char *key)
{
	struct kim_git *g = kim_git_open(dir);
	git_config *c = g ? local_config(g) : NULL;
	git_buf b = { 0 };
	char *v = NULL;

	if (!g)		/* libgit2 is not even opened (kim_gitlib.h) */
		return NULL;
	if (c && git_config_get_string_buf(&b, c, key) == 0)
		v = kim_strdup(b.ptr);
	git_buf_dispose(&b);
	git_config_free(c);
	kim_git_close(g);
	return v;
}

int
kim_git_config_set(const char *dir, const char *key, const char *value)
{
	struct kim_git *g = kim_git_open(dir);
	git_config *c = g ? local_config(g) : NULL;
	int e = c ? git_config_set_string(c, key, value) : -1;

	if (e)
		kim_warn("git config %s: %s", key, g ? gerr() : "no repository");
	if (g)		/* else libgit2 is not even opened (kim_gitlib.h) */
		git_config_free(c);
	kim_git_close(g);
	return e ? -1 : 0;
}

char *
kim_git_where(const char *dir, char **prefix)
{
	struct kim_git *g = kim_git_open(dir);
	char *hooks = NULL;

	*prefix = NULL;
	if (!g)
		return NULL;
	hooks = kim_path(git_repository_commondir(g->repo), "hooks");
	*prefix = kim_strdup(g->prefix);
	kim_git_close(g);
	return hooks;
}

int
kim_git_untracked(const char *dir, const char *rel)
{
	struct kim_git *g = kim_git_open(dir);
	unsigned int st = 0;
	char *path;
	int r;

	if (!g)
		return 0;
	path = kim_malloc(strlen(g->prefix) + strlen(rel) + 1);
	sprintf(path, "%s%s", g->prefix, rel);
	r = git_status_file(&st, g->repo, path) == 0 &&
	    (st & GIT_STATUS_WT_NEW) && !(st & GIT_STATUS_IGNORED);
	free(path);
	kim_git_close(g);
	return r;
}

void
kim_git_warn_driver(const char *dir)
{
	struct kim_git *g = kim_git_open(dir);
	const char *merge = NULL;
	git_config *c = NULL;
	git_buf b = { 0 };
	char *path;

	if (!g)
		return;
	path = kim_malloc(strlen(g->prefix) + 16);
	sprintf(path, "%s" KIM_REGISTER_DIR "/00.csv", g->prefix);
	if (git_attr_get(&merge, g->repo, 0, path, "merge") == 0 && merge &&
	    git_attr_value(merge) == GIT_ATTR_VALUE_STRING &&
	    strcmp(merge, "kim") == 0 &&
	    git_repository_config_snapshot(&c, g->repo) == 0 &&
	    git_config_get_string_buf(&b, c, "merge.kim.driver") != 0)
		kim_warn("%s gives register files merge=kim, but this clone "
		    "has no merge.kim.driver: git merges them as text "
		    "(kim-register%s%s --init sets it)", KIM_GITATTRIBUTES_FILE,
		    strcmp(dir, ".") ? " -d " : "", strcmp(dir, ".") ? dir : "");
	git_buf_dispose(&b);
	git_config_free(c);
	free(path);
	kim_git_close(g);
}

#else /* without libgit2 */

int kim_git_built(void) { return 0; }

int
kim_git_unlock_left(const char *dir, const struct timespec *since)
{
	(void)dir;
	(void)since;
	return 0;
}

int
kim_git_ready(const char *dir)
{
	(void)dir;
	return 0;
}

struct kim_git *
kim_git_open(const char *dir)
{
	static const char *const marks[] = { ".git", NULL };
	char real[PATH_MAX];

	/* say so when a change cannot be committed where it would be */
	if (realpath(dir, real) && above(real, marks))
		kim_warn("%s is in a git work tree, but this kim-tools was "
		    "built without git: the change is not committed", dir);
	return NULL;
}

void
kim_git_check_at(const char *dir, const char *at)
{
	(void)dir;
	(void)at;
	kim_die(KIM_EXIT_USAGE, "--at: this kim-tools was built without git "
	    "(make WITH_GIT=0); rebuild it with libgit2");
}

void kim_git_close(struct kim_git *g) { (void)g; }

/* kim_git_open gives no repository to ask these of */
struct kim_git_rev *
kim_git_log(struct kim_git *g, size_t *n)
{
	(void)g;
	*n = 0;
	return NULL;
}

struct kim_git_file *
kim_git_files(struct kim_git *g, const char *id, size_t *n)
{
	(void)g; (void)id;
	*n = 0;
	return NULL;
}

void
kim_git_blob(struct kim_git *g, const char *oid, struct kim_buf *out)
{
	(void)g; (void)oid;
	kim_buf_reset(out);
}

void
kim_git_commit(struct kim_git *g, const char *id, struct kim_git_rev *rev,
    kim_git_id **parent, size_t *np)
{
	(void)g; (void)id;
	memset(rev, 0, sizeof *rev);
	rev->author = kim_strdup("");
	*parent = kim_calloc(1, sizeof **parent);
	*np = 0;
}

kim_git_id *
kim_git_brought(struct kim_git *g, const char *id, size_t *n)
{
	(void)g; (void)id;
	*n = 0;
	return NULL;
}

int
kim_git_file_at(struct kim_git *g, const char *id, const char *name,
    kim_git_id oid)
{
	(void)g; (void)id; (void)name; (void)oid;
	return 0;
}

char *
kim_git_private(const char *dir, const char *name)
{
	(void)dir; (void)name;
	return NULL;
}

int kim_git_check_env(void) { return 0; }

int
kim_git_identity(const char *dir, struct kim_sig *sig)
{
	memset(sig, 0, sizeof *sig);
	kim_git_close(kim_git_open(dir));	/* says it cannot commit */
	return 0;
}

int
kim_git_commit_files(const char *dir, const char *const *rel, size_t n,
    const char *message, const struct kim_sig *sig, int only_changed)
{
	(void)dir; (void)rel; (void)n; (void)message; (void)sig;
	(void)only_changed;
	return 0;
}

long
kim_git_check(const char *dir, struct kim_diag *d)
{
	(void)dir; (void)d;
	return 0;
}

long
kim_git_read_register(const char *dir, const char *at, int flags,
    const struct kim_ctx *ctx, kim_record_fn fn, void *arg,
    struct kim_diag *d)
{
	(void)dir; (void)at; (void)flags; (void)ctx; (void)fn; (void)arg;
	(void)d;
	kim_die(KIM_EXIT_USAGE, "--at: this kim-tools was built without git "
	    "(make WITH_GIT=0); rebuild it with libgit2");
}

int
kim_git_read_at(const char *dir, const char *at, const char *rel,
    struct kim_buf *out)
{
	(void)dir; (void)at; (void)rel; (void)out;
	return 0;
}

/* there is no repository to set up without libgit2 */
int
kim_git_init(const char *dir)
{
	(void)dir;
	kim_warn("--init: this kim-tools was built without git (make "
	    "WITH_GIT=0); rebuild it with libgit2");
	return -1;
}

int kim_git_commit_all(const char *dir, const char *message)
{
	(void)dir; (void)message;
	return 0;
}

char *kim_git_config_get(const char *dir, const char *key)
{
	(void)dir; (void)key;
	return NULL;
}

int kim_git_config_set(const char *dir, const char *key, const char *value)
{
	(void)dir; (void)key; (void)value;
	return -1;
}

char *kim_git_where(const char *dir, char **prefix)
{
	(void)dir;
	*prefix = NULL;
	return NULL;
}

void kim_git_warn_driver(const char *dir) { (void)dir; }
int kim_git_untracked(const char *dir, const char *rel)
{
	(void)dir;
	(void)rel;
	return 0;
}

#endif

long
kim_git_wilayah_at(const char *dir, const char *at, struct kim_wilayah *w,
    struct kim_diag *d)
{
	struct kim_buf b = { 0 };
	char *name;
	long r = -2;

	if (kim_git_read_at(dir, at, KIM_WILAYAH_FILE, &b)) {
		name = kim_malloc(strlen(at) + sizeof KIM_WILAYAH_FILE + 1);
		sprintf(name, "%s:" KIM_WILAYAH_FILE, at);
		r = kim_wilayah_read_buf(w, name, b.s ? b.s : "", b.len, d);
		free(name);
	}
	kim_buf_free(&b);
	return r;
}
