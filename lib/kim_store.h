/* kim_store: the data folder's lock and atomic replacement of its files */
#ifndef KIM_STORE_H
#define KIM_STORE_H

#include <stdio.h>

#include "kim_err.h"

/*
 * The lock is DIR/.kim.lock, held with flock(2): writers hold it
 * exclusively, readers of the whole register shared.  The kernel drops it
 * when its holder dies, so a dead writer never blocks the next one.  A
 * second lock, on the folder itself, is held by a writer while it waits,
 * so that readers arriving later queue behind it.
 * kim_lock waits up to wait seconds, then exits 5.  Taking it exclusively
 * first completes a write that a crash interrupted (see kim_txn_commit)
 * and removes temporary files left behind.
 */
struct kim_lock {
	int fd;
};

/*
 * How kim_lock takes the lock: shared (a reader), exclusive (a writer),
 * or shared leaving a journal as it is (kim-check, which reports one).
 * Readers and writers complete a journal first (see kim_txn_commit).
 */
enum { KIM_LOCK_SHARED, KIM_LOCK_EXCLUSIVE, KIM_LOCK_LOOK };

void kim_lock(struct kim_lock *, const char *dir, int how, double wait);
void kim_unlock(struct kim_lock *);

/*
 * A transaction replaces one or more files of the data folder together,
 * and when it is given a message and the folder is in a git work tree,
 * commits them.  Each new file is written to a temporary file in its own
 * directory; at commit every temporary file is flushed to disk (several in
 * one directory by one syncfs, on Linux), a journal (kim/.txn) naming them,
 * and the commit's message and author, is written when there is more than
 * one file or a commit to make, the files are renamed over the old ones,
 * the directory is flushed, the git commit is made and the journal
 * removed.  A crash before the journal is on disk leaves the old files;
 * after it, the next command that takes the lock completes the renames
 * and the commit.
 */
struct kim_txn;

struct kim_txn *kim_txn_new(const char *dir);
/* A stream for the new content of DIR/rel; exits 4 when it cannot. */
FILE *kim_txn_open(struct kim_txn *, const char *rel);
/* Commit the files in git with message (when dir is in a work tree). */
void kim_txn_message(struct kim_txn *, const char *message);
/*
 * Replace the files, then commit them in git when a message was given.
 * Exits 4 (after removing the temporary files) when the files cannot be
 * written.  Returns 0, or -1 when the files are in place but the git
 * commit failed (said; the journal stays, so that the next command that
 * takes the lock makes it).
 */
int kim_txn_commit(struct kim_txn *);
void kim_txn_abort(struct kim_txn *);
/* The files the transaction replaced, relative to the data folder. */
size_t kim_txn_count(const struct kim_txn *);
const char *kim_txn_file(const struct kim_txn *, size_t i);
void kim_txn_free(struct kim_txn *);

/*
 * Where a command's -o PATH writes.  "-" is standard output.  A character
 * device or a FIFO (/dev/null, a named pipe) is written straight into,
 * never replaced.  A regular file, or a path where nothing is, is replaced
 * atomically by a transaction: a reader sees the old file or the new one.
 * Anything else, a symbolic link, a directory, a block device, a socket,
 * is refused with its path: exit 4.
 */
struct kim_output {
	FILE *fp;		/* write here */
	struct kim_txn *t;	/* replacing a regular file, or NULL */
	char *path;
};

void kim_output_open(struct kim_output *, const char *path);
/* Commit or flush and close; exits 4 on an error (a closed pipe is none). */
void kim_output_close(struct kim_output *);
/* End the output written nowhere: a file to replace is left as it was. */
void kim_output_drop(struct kim_output *);

/*
 * A journal left in dir, checked as the tools check it before they complete
 * it (names, shapes, limits) but not completed: 0 when there is none,
 * else 1 after reporting it to d (a valid journal is a write that was
 * interrupted; an invalid one is refused, with its line).
 */
int kim_journal_check(const char *dir, struct kim_diag *d);

/* Test hook: KIM_CRASH_AT=NAME kills the process at the point NAME. */
void kim_crash_point(const char *name);

#endif
