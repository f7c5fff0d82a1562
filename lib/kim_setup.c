/*
 * kim_setup: the set-up of a data folder for offices that share it
 * through git, kim-register --init: what .gitattributes, .gitignore, the
 * repository's config and its pre-commit hook must hold, and how each is
 * brought there when it does not yet.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kim_err.h"
#include "kim_folder.h"
#include "kim_git.h"
#include "kim_setup.h"
#include "kim_store.h"
#include "kim_util.h"

/* The lines each file must have */
static const char *const attributes[] = {
	KIM_REGISTER_DIR "/*" KIM_REGISTER_EXT " merge=kim",
	KIM_ACTIVITY_DIR "/*" KIM_REGISTER_EXT " merge=kim", NULL
};
static const char *const ignored[] = {
	KIM_LOCK_FILE, KIM_JOURNAL_FILE, NULL
};

struct setup {
	const char *dir;
	int dry_run;
	int done;		/* things done (or to do) */
	int failed;
	const char *wrote[3];	/* the files written or added, to commit */
	size_t nwrote;
	int region;		/* the region list among them */
};

/* path beside this program: ../share/kim/pre-commit, kim-merge; or NULL */
static char *
beside(const char *rel)
{
	char exe[PATH_MAX], real[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct kim_buf b = { 0 };

	if (n <= 0 || (exe[n] = '\0', !(slash = strrchr(exe, '/'))))
		return NULL;
	slash[1] = '\0';
	kim_buf_addf(&b, "%s%s", exe, rel);
	slash = realpath(b.s, real) ? kim_strdup(real) : NULL;
	kim_buf_free(&b);
	return slash;
}

/* Add the lines of want that the folder's file rel lacks. */
static void
lines(struct setup *s, const char *rel, const char *const *want)
{
	char *path = kim_path(s->dir, rel);
	struct kim_buf have = { 0 }, add = { 0 };
	FILE *fp = NULL;
	char line[4096];
	int noeol;
	struct stat st;

	/* a file of the folder may have come from anyone: a regular file */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		kim_warn("%s: not a regular file: left as it is", path);
		s->failed = 1;
	} else if (!(fp = fopen(path, "r")) && errno != ENOENT) {
		kim_warn("%s: cannot read:", path);
		s->failed = 1;
	}
	kim_buf_addc(&have, '\n');
	while (fp && fgets(line, sizeof line, fp))
		kim_buf_adds(&have, line);
	if (fp)
		fclose(fp);
	noeol = have.s[have.len - 1] != '\n';
	if (noeol)
		kim_buf_addc(&have, '\n');
	for (size_t i = 0; want[i] && !s->failed; i++) {
		struct kim_buf l = { 0 };
		kim_buf_addf(&l, "\n%s\n", want[i]);
		if (!strstr(have.s, l.s)) {
			printf("%s: %s\n", path, want[i]);
			kim_buf_addf(&add, "%s\n", want[i]);
		}
		kim_buf_free(&l);
	}
	if (add.len && !s->dry_run && (!(fp = fopen(path, "a")) ||
	    fprintf(fp, "%s%s", noeol ? "\n" : "", add.s) < 0 ||
	    fclose(fp) != 0)) {
		kim_warn("%s: cannot write:", path);
		s->failed = 1;
	}
	if (add.len) {
		s->done++;
		s->wrote[s->nwrote++] = rel;
	}
	kim_buf_free(&have);
	kim_buf_free(&add);
	free(path);
}

/* A value of the repository's config. */
static void
config(struct setup *s, const char *key, const char *value)
{
	char *was = kim_git_config_get(s->dir, key);

	if (!was || strcmp(was, value) != 0) {
		printf("git config %s '%s'\n", key, value);
		s->done++;
		if (!s->dry_run && kim_git_config_set(s->dir, key, value) != 0)
			s->failed = 1;
	}
	free(was);
}

/* The driver's command: kim-merge beside this program, else on PATH */
static char *
driver(void)
{
	char *merge = beside("kim-merge");
	struct kim_buf b = { 0 };

	if (merge && strspn(merge, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._+-") != strlen(merge)) {
		/* for the shell git runs it with: quoted */
		kim_buf_addc(&b, '\'');
		for (const char *p = merge; *p; p++)
			kim_buf_adds(&b, *p == '\'' ? "'\\''" : (char[]){ *p, 0 });
		kim_buf_addc(&b, '\'');
	} else
		kim_buf_adds(&b, merge ? merge : "kim-merge");
	kim_buf_adds(&b, " %O %A %B %P");
	free(merge);
	return b.s;
}

/* The pre-commit hook, a link to share/kim/pre-commit, unless one is there */
static void
hook(struct setup *s, const char *hooks)
{
	char *target = beside("../share/kim/pre-commit");
	char *path = hooks ? kim_path(hooks, "pre-commit") : NULL;
	char link[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (!target)
		kim_warn("no pre-commit hook: share/kim/pre-commit is not "
		    "beside this kim-register (make install puts it there)");
	else if (!path)
		printf("%s/.git/hooks/pre-commit -> %s\n", s->dir, target);
	else if (lstat(path, &st) == 0) {
		n = readlink(path, link, sizeof link - 1);
		if (n < 0 || (link[n] = '\0', strcmp(link, target) != 0))
			kim_warn("%s: a pre-commit hook is there already: left "
			    "as it is (kim-register --init would link %s)",
			    path, target);
	} else {
		printf("%s -> %s\n", path, target);
		s->done++;
		if (!s->dry_run && ((mkdir(hooks, 0777) != 0 &&
		    errno != EEXIST) || symlink(target, path) != 0)) {
			kim_warn("%s: cannot link:", path);
			s->failed = 1;
		}
	}
	if (!path && target)
		s->done++;
	free(target);
	free(path);
}

int
kim_setup_init(const char *dir, int dry_run, int commit)
{
	struct setup s = { dir, dry_run, 0, 0, { NULL }, 0, 0 };
	char *prefix, *hooks = kim_git_where(dir, &prefix), *drv;
	int made = 0;
	struct kim_sig sig;

	if (!hooks) {
		printf("git init %s\n", dir);
		s.done++;
		if (!dry_run && (made = kim_git_init(dir)) < 0)
			return KIM_EXIT_IO;
		if (made)
			hooks = kim_git_where(dir, &prefix);
	}
	lines(&s, KIM_GITATTRIBUTES_FILE, attributes);
	lines(&s, KIM_GITIGNORE_FILE, ignored);
	/* (a dry run in no repository says all it would set) */
	config(&s, "merge.kim.name", "KIM register files, record by record "
	    "(kim-merge)");
	config(&s, "merge.kim.driver", drv = driver());
	free(drv);
	config(&s, "pull.rebase", "false");
	if (prefix && *prefix) {
		prefix[strlen(prefix) - 1] = '\0';
		config(&s, "kim.data", prefix);
	}
	hook(&s, hooks);
	/* a repository made before: the region list, which clones need */
	if (!made && hooks && kim_git_untracked(dir, KIM_WILAYAH_FILE)) {
		printf("git add %s\n", KIM_WILAYAH_FILE);
		s.done++;
		s.wrote[s.nwrote++] = KIM_WILAYAH_FILE;
		s.region = 1;
	}
	if (!s.failed && commit && !dry_run && made) {
		printf("git commit: the data folder as it is\n");
		if (kim_git_commit_all(dir, "kim-register --init: the data "
		    "folder as it was\n") != 0)
			s.failed = 1;
	} else if (!s.failed && commit && !dry_run && s.nwrote > 0) {
		printf("git commit:");
		for (size_t i = 0; i < s.nwrote; i++)
			printf(" %s", s.wrote[i]);
		printf("\n");
		if (kim_git_identity(dir, &sig) < 0 ||
		    kim_git_commit_files(dir, s.wrote, s.nwrote, s.region ?
		    "kim-register --init: merge=kim, the lock and the journal "
		    "ignored, the region list added\n" : "kim-register --init: "
		    "merge=kim, the lock and the journal ignored\n", &sig,
		    1) != 0)
			s.failed = 1;
		free(sig.name);
		free(sig.email);
	}
	if (!s.done)
		printf("%s is set up for git already: nothing to do\n", dir);
	free(hooks);
	free(prefix);
	return s.failed ? KIM_EXIT_IO : KIM_EXIT_OK;
}
