/* kim_git: the data folder's git history, through libgit2 */
#ifndef KIM_GIT_H
#define KIM_GIT_H

#include <time.h>

#include <stddef.h>

#include "kim_date.h"
#include "kim_input.h"

/* Was this kim-tools built with libgit2? */
int kim_git_built(void);

struct kim_git;

/*
 * The git work tree the data folder dir is in, or NULL when it is in none
 * (or when built without libgit2).  Exits 4 on a damaged repository.
 */
struct kim_git *kim_git_open(const char *dir);
void kim_git_close(struct kim_git *);

/* The author of a commit, as the journal records it. */
struct kim_sig {
	char *name, *email;
	long long when;		/* seconds since 1970 */
	int offset;		/* minutes east of UTC */
};

/*
 * The author of a commit made now where the data folder dir is: the user's
 * git identity, else "kim-tools <kim-tools@localhost>"; the time is now,
 * or KIM_COMMIT_DATE (YYYY-MM-DD, noon UTC, or YYYY-MM-DDTHH:MM:SS UTC).
 * 1 when dir is in a git work tree (sig filled, its strings new), 0 when
 * it is in none, -1 after a message.
 */
int kim_git_identity(const char *dir, struct kim_sig *sig);
/*
 * Commit exactly the files rel[0..n) (relative to the data folder dir) as
 * they are in the work tree, on top of HEAD, whatever else is staged; the
 * index is brought up to date for those files only.  Author and committer
 * are sig.  With only_changed, nothing is committed when the files are as
 * HEAD has them (a commit made before a crash).  A lock of git's that
 * another git holds for a moment (index.lock, HEAD.lock, the branch's) is
 * waited for, KIM_GIT_TRIES times KIM_GIT_NAP milliseconds at most.
 * Returns 0 (also when dir is in no git work tree), or -1 after a message.
 */
#define KIM_GIT_TRIES	100
#define KIM_GIT_NAP	20
int kim_git_commit_files(const char *dir, const char *const *rel, size_t n,
    const char *message, const struct kim_sig *sig, int only_changed);
/*
 * What git holds of the data folder dir that it should not, reported to
 * d: register files (kim/NAME.csv) that differ from HEAD (changed, new, or
 * removed, staged or not), and a journal (kim/.txn) that git tracks, which
 * a pull would deliver to every clone.  Returns the number of problems
 * (0 when dir is in no git work tree).
 */
long kim_git_check(const char *dir, struct kim_diag *d);
/*
 * Can a commit be made where the data folder dir is (nothing to do when it
 * is in no git work tree)?  HEAD names a commit or a branch yet to be
 * born, the index can be read, no index.lock is left behind (one that goes
 * away within the wait of kim_git_commit_files is another git's, at work).  Asked before
 * the register is written, so that a broken repository changes nothing.
 * Returns 0, or -1 after a message.
 */
int kim_git_ready(const char *dir);
/*
 * Remove the locks of git's (those kim_git_ready looks for) made at since
 * or later, by the git commit of an interrupted write that was killed
 * while it held them: asked only when that commit, completed from the
 * journal written at since, found them still there after its wait.
 * Returns how many were removed (each said).
 */
int kim_git_unlock_left(const char *dir, const struct timespec *since);
/* Is KIM_COMMIT_DATE, if set, a time?  -1 after a message if not. */
int kim_git_check_env(void);

/*
 * Read the register as committed at at: a revision (HEAD~1, a hash, a tag)
 * or a date YYYY-MM-DD, meaning the newest commit on HEAD's first-parent
 * line made on or before that day (in the committer's time zone).  Exits 2
 * when at is neither, or when dir is not in a git work tree.  Returns as
 * kim_read_register.
 */
/* Exit 2 unless at names a commit (or a date) of dir's git history. */
void kim_git_check_at(const char *dir, const char *at);
/*
 * The region list as committed at at (a date or a revision, as
 * kim_git_read_register takes it): that commit's wilayah.csv read into w,
 * named AT:wilayah.csv in messages; what kim_wilayah_load returns.  -2,
 * w untouched, when there is no such commit or it has no wilayah.csv
 * (or only a symbolic link of that name).
 */
long kim_git_wilayah_at(const char *dir, const char *at,
    struct kim_wilayah *w, struct kim_diag *d);
long kim_git_read_register(const char *dir, const char *at, int flags,
    const struct kim_ctx *, kim_record_fn, void *arg, struct kim_diag *);

/*
 * The file rel of the data folder (a path inside it: rubrics/x.json) as
 * committed at at (as kim_git_read_register takes it), into out: 1 when
 * read, 0 when that commit has no such file (or only a link of that name).
 */
int kim_git_read_at(const char *dir, const char *at, const char *rel,
    struct kim_buf *out);

/* One commit of HEAD's first-parent line. */
struct kim_git_rev {
	char id[41];		/* its hash in hex */
	char *author;		/* the author's name */
	struct kim_date day;	/* in the committer's time zone */
	int merge;		/* it has more than one parent */
};

/* HEAD's first-parent line, newest first (none before the first commit). */
struct kim_git_rev *kim_git_log(struct kim_git *, size_t *n);
void kim_git_log_free(struct kim_git_rev *, size_t n);

/* A commit's id in hex, as kim_git_rev holds it */
typedef char kim_git_id[41];
/*
 * Commit id: its author and day into rev (rev->author new), and its
 * parents' ids, in git's order, into a new array *parent of *np.
 */
void kim_git_commit(struct kim_git *, const char *id, struct kim_git_rev *rev,
    kim_git_id **parent, size_t *np);
/*
 * What merge commit id brought to its first parent's line: the commits
 * reachable from its other parents and not from its first (git log
 * ^P1 P2...), sorted by id for bsearch (strcmp); a new array of *n.
 */
kim_git_id *kim_git_brought(struct kim_git *, const char *id, size_t *n);

/* One register file as committed: kim/NAME.csv and its blob. */
struct kim_git_file {
	char *name;		/* NAME.csv */
	char oid[41];		/* the blob's hash in hex: same bytes, same hash */
};

/* The register files of commit id, in the order of their codes. */
struct kim_git_file *kim_git_files(struct kim_git *, const char *id,
    size_t *n);
void kim_git_files_free(struct kim_git_file *, size_t n);
/* The blob of register file kim/NAME in commit id: 1 (oid filled) or 0 */
int kim_git_file_at(struct kim_git *, const char *id, const char *name,
    kim_git_id oid);
/* The bytes of blob oid, into out (reset first). */
void kim_git_blob(struct kim_git *, const char *oid, struct kim_buf *out);

/*
 * The set-up of the data folder's repository (kim-register --init).
 * kim_git_init: make dir a git repository when it is in none: 1 when
 * made, 0 when it was in one already, -1 after a message.
 * kim_git_commit_all: commit everything in the work tree that is not
 * ignored, as the first commit of a new repository (0, or -1 after a
 * message).  kim_git_config_get/set: a value of the repository's own
 * config (not the user's); get gives a new string or NULL.
 * kim_git_where: the repository's hooks folder, and in *prefix the data
 * folder's place in the work tree ("" or "data/"); new strings, NULL when
 * dir is in no repository.
 */
int kim_git_init(const char *dir);
int kim_git_commit_all(const char *dir, const char *message);
char *kim_git_config_get(const char *dir, const char *key);
int kim_git_config_set(const char *dir, const char *key, const char *value);
char *kim_git_where(const char *dir, char **prefix);
/* Is the file rel of dir there, and neither tracked by git nor ignored? */
int kim_git_untracked(const char *dir, const char *rel);
/*
 * The path of name in the git directory of the repository the data folder
 * dir is in (.git/NAME), for a file of the tools' own that git must
 * neither track nor touch; a new string, NULL when dir is in none.
 */
char *kim_git_private(const char *dir, const char *name);
/*
 * Warn when the data folder's .gitattributes gives register files the
 * merge driver kim but this clone's git config does not say what it is:
 * git then merges them as text, silently (a clone does not copy config).
 */
void kim_git_warn_driver(const char *dir);

#endif
