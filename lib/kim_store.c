/* kim_store: the data folder's lock and atomic replacement of its files */
#define _GNU_SOURCE	/* syncfs */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kim_err.h"
#include "kim_input.h"
#include "kim_store.h"
#include "kim_util.h"

#define TMP_PREFIX ".kimtmp-"
#define JOURNAL "kim/.txn"
/* never through a link, never waiting for a FIFO's writer */
#define LOCK_OPEN (O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)

void
kim_crash_point(const char *name)
{
	const char *at = getenv("KIM_CRASH_AT");

	if (at && strcmp(at, name) == 0)
		raise(SIGKILL);
}

static void
fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);

	if (fd < 0)
		kim_die(KIM_EXIT_IO, "%s: cannot open:", path);
	if (fsync(fd) != 0 && errno != EINVAL)
		kim_die(KIM_EXIT_IO, "%s: cannot flush to disk:", path);
	close(fd);
}

struct txfile {
	char *rel, *path, *tmp, *tmprel;
	FILE *fp;
};

struct kim_txn {
	char *dir;
	struct txfile *f;
	size_t n;
	int dirfd;		/* the first file's folder, opened before it is written */
};

void kim_txn_abort(struct kim_txn *);

/* the directory part of a path, "." when there is none */
static char *
dirpart(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? kim_strndup(path, (size_t)(s - path) + (s == path)) :
	    kim_strdup(".");
}

static void
remove_temps(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	if (!dp)
		return;
	while ((e = readdir(dp)))
		if (strncmp(e->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) == 0) {
			char *p = kim_path(dir, e->d_name);
			unlink(p);
			free(p);
		}
	closedir(dp);
}

/* Complete the renames of a journal left by a crash, then clean up. */
static void
recover(const char *dir)
{
	char *jpath = kim_path(dir, JOURNAL), *kdir = kim_path(dir, "kim");
	FILE *fp = fopen(jpath, "r");

	if (fp) {
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;

		while ((n = getline(&line, &cap, fp)) > 0) {
			char *tab = strchr(line, '\t');
			if (line[n - 1] == '\n')
				line[n - 1] = '\0';
			if (!tab)
				continue;
			*tab = '\0';
			char *from = kim_path(dir, line), *to = kim_path(dir, tab + 1);
			if (rename(from, to) != 0 && errno != ENOENT)
				kim_die(KIM_EXIT_IO, "%s: cannot complete an "
				    "interrupted write:", to);
			free(from);
			free(to);
		}
		free(line);
		fclose(fp);
		fsync_dir(kdir);
		if (unlink(jpath) != 0)
			kim_die(KIM_EXIT_IO, "%s: cannot remove:", jpath);
		fsync_dir(kdir);
	}
	remove_temps(dir);
	remove_temps(kdir);
	free(jpath);
	free(kdir);
}

/* flock op on fd, trying until wait seconds after start, then exit 5. */
static void
take_since(int fd, int op, const struct timespec *since, double wait,
    const char *path)
{
	struct timespec start = *since, now, nap = { 0, 20 * 1000 * 1000 };

	while (flock(fd, op | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			kim_die(KIM_EXIT_IO, "%s: cannot lock:", path);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((double)(now.tv_sec - start.tv_sec) +
		    (double)(now.tv_nsec - start.tv_nsec) / 1e9 >= wait)
			kim_die(KIM_EXIT_LOCK, "%s: the data folder is locked "
			    "by another %s (waited %g s)", path, op == LOCK_EX ?
			    "kim-tools command" : "writer", wait);
		nanosleep(&nap, NULL);
	}
}

/* flock op on fd, trying for wait seconds, then exit 5. */
static void
take(int fd, int op, double wait, const char *path)
{
	struct timespec start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	take_since(fd, op, &start, wait, path);
}

static noreturn void
not_regular(const char *path, mode_t mode)
{
	kim_die(KIM_EXIT_DATA, "%s: %s: the lock file must be a regular file "
	    "(kim-data(5))", path, kim_file_kind(mode));
}

void
kim_lock(struct kim_lock *l, const char *dir, int exclusive, double wait)
{
	char *path = kim_path(dir, ".kim.lock");

	/*
	 * Readers never create the lock file: reading changes nothing.  A
	 * folder never written to, or one they may not write (an installed
	 * demo), is read as it is.
	 */
	l->fd = exclusive ? open(path, O_RDWR | O_CREAT | LOCK_OPEN, 0666) :
	    open(path, O_RDONLY | LOCK_OPEN);
	struct stat st;
	/* a link (O_NOFOLLOW) or, for a writer, a directory: named as such */
	if (l->fd < 0 && (errno == ELOOP || errno == EISDIR) &&
	    lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		not_regular(path, st.st_mode);
	if (l->fd < 0 && !exclusive) {
		free(path);
		return;
	}
	if (l->fd < 0)
		kim_die(KIM_EXIT_IO, "%s: cannot create the lock file:", path);
	if (fstat(l->fd, &st) != 0)
		kim_die(KIM_EXIT_IO, "%s: cannot open:", path);
	if (!S_ISREG(st.st_mode))
		not_regular(path, st.st_mode);
	fcntl(l->fd, F_SETFL, fcntl(l->fd, F_GETFL) & ~O_NONBLOCK);
	/*
	 * The gate, a lock on the folder itself, keeps readers from starving
	 * writers: a writer holds it while it waits for the readers of the
	 * moment to finish, so that new readers wait behind it instead of
	 * keeping .kim.lock shared for ever; a reader holds it only while it
	 * takes .kim.lock.  A folder that cannot be opened has no gate.
	 */
	struct timespec start;
	int gate = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	clock_gettime(CLOCK_MONOTONIC, &start);
	if (gate >= 0)
		take_since(gate, exclusive ? LOCK_EX : LOCK_SH, &start, wait, path);
	take_since(l->fd, exclusive ? LOCK_EX : LOCK_SH, &start, wait, path);
	if (gate >= 0)
		close(gate);
	if (!exclusive) {
		/*
		 * A write a crash interrupted is completed before anything
		 * is read, so that a reader never sees half of it.
		 */
		char *j = kim_path(dir, JOURNAL);
		if (access(j, F_OK) == 0) {
			take(l->fd, LOCK_EX, wait, path);
			recover(dir);
			take(l->fd, LOCK_SH, wait, path);
		}
		free(j);
	} else
		recover(dir);
	free(path);
}

void
kim_unlock(struct kim_lock *l)
{
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
}

struct kim_txn *
kim_txn_new(const char *dir)
{
	struct kim_txn *t = kim_calloc(1, sizeof *t);

	t->dir = kim_strdup(dir);
	t->dirfd = -1;
	return t;
}

static noreturn void
fail(struct kim_txn *t, const char *path, int err, const char *what)
{
	kim_txn_abort(t);
	errno = err;
	kim_die(KIM_EXIT_IO, "%s: %s; nothing was changed:", path, what);
}

/*
 * The mode of the file that replaces path: the permission bits of the
 * file there now, or for a new file (or a symbolic link, which the
 * rename replaces by a file) 0666 less the umask, as open(2) would give.
 */
static mode_t
new_mode(const char *path)
{
	struct stat st;
	mode_t mask;

	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
		return st.st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/* A temporary file beside DIR/rel, open for writing. */
static void
open_temp(struct kim_txn *t, const char *rel, struct txfile *f)
{
	const char *base = strrchr(rel, '/');
	size_t dl = base ? (size_t)(base - rel) + 1 : 0;
	struct kim_buf b = { 0 };
	int fd;

	memset(f, 0, sizeof *f);
	f->rel = kim_strdup(rel);
	f->path = kim_path(t->dir, rel);
	kim_buf_add(&b, rel, dl);
	kim_buf_addf(&b, TMP_PREFIX "%s-XXXXXX", rel + dl);
	f->tmprel = b.s;
	f->tmp = kim_path(t->dir, f->tmprel);
	if (dl > 0) {
		/* the first write into a folder holding only wilayah.csv */
		char *d = dirpart(f->path);
		int err = mkdir(d, 0777) != 0 && errno != EEXIST ? errno : 0;
		free(d);
		if (err)
			fail(t, f->path, err, "cannot create its folder");
	}
	if ((fd = mkstemp(f->tmp)) < 0) {
		int err = errno;
		free(f->tmp);
		f->tmp = NULL;
		fail(t, f->path, err, "cannot create a temporary file");
	}
	/* the journal names the temporary file as mkstemp made it */
	memcpy(f->tmprel + strlen(f->tmprel) - 6, f->tmp + strlen(f->tmp) - 6, 6);
	if (fchmod(fd, new_mode(f->path)) != 0) {
		int err = errno;
		close(fd);
		fail(t, f->path, err, "cannot set the mode of a temporary file");
	}
	if (!(f->fp = fdopen(fd, "w"))) {
		close(fd);
		fail(t, f->path, errno, "cannot write");
	}
}

FILE *
kim_txn_open(struct kim_txn *t, const char *rel)
{
	t->f = kim_reallocarray(t->f, t->n + 1, sizeof *t->f);
	t->n++;
	open_temp(t, rel, &t->f[t->n - 1]);
	if (t->n == 1) {
		/* before anything is written: see kim_txn_commit */
		char *d = dirpart(t->f[0].path);
		t->dirfd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		free(d);
	}
	return t->f[t->n - 1].fp;
}

/* Write a temporary file out and close it; flush it to disk if sync. */
static void
settle(struct kim_txn *t, struct txfile *f, int sync)
{
	FILE *fp = f->fp;
	const char *what = NULL;
	int err = 0;

	f->fp = NULL;
	if (fflush(fp) != 0 || ferror(fp))
		what = "cannot write";
	else if (sync && fsync(fileno(fp)) != 0)
		what = "cannot flush to disk";
	err = errno;
	if (fclose(fp) != 0 && !what) {
		what = "cannot write";
		err = errno;
	}
	if (what)
		fail(t, f->path, err, what);
}

static void
free_file(struct txfile *f)
{
	free(f->rel);
	free(f->path);
	free(f->tmp);
	free(f->tmprel);
}

void
kim_txn_commit(struct kim_txn *t)
{
	struct txfile j;
	size_t i;
	int batch = 0;

#ifdef __linux__
	/*
	 * Many files of one folder (an import writes every kabupaten's) are
	 * flushed to disk by one syncfs(2) rather than an fsync each, which
	 * costs the disk a flush each: 514 took 1.1 s on a busy disk, one
	 * syncfs 0.07 s.  (It also waits for what other programs left
	 * unwritten on that file system.)  Its folder was opened before any
	 * of them was written, so a write-back error since then is reported
	 * (Linux 5.8 on), as fsync would report it.
	 */
	batch = t->n > 1 && t->dirfd >= 0;
	for (i = 1; batch && i < t->n; i++) {
		char *a = dirpart(t->f[0].path), *b = dirpart(t->f[i].path);
		batch = strcmp(a, b) == 0;
		free(a);
		free(b);
	}
#endif
	for (i = 0; i < t->n; i++)
		settle(t, &t->f[i], !batch);
#ifdef __linux__
	if (batch && syncfs(t->dirfd) != 0)
		fail(t, t->f[0].path, errno, "cannot flush to disk");
#endif
	kim_crash_point("after-temp");
	if (t->n > 1) {
		open_temp(t, JOURNAL, &j);
		for (i = 0; i < t->n; i++)
			fprintf(j.fp, "%s\t%s\n", t->f[i].tmprel, t->f[i].rel);
		settle(t, &j, 1);
		if (rename(j.tmp, j.path) != 0) {
			unlink(j.tmp);
			fail(t, j.path, errno, "cannot write the journal");
		}
		char *d = dirpart(j.path);
		fsync_dir(d);
		free(d);
		kim_crash_point("after-journal");
	}
	for (i = 0; i < t->n; i++) {
		if (rename(t->f[i].tmp, t->f[i].path) != 0) {
			if (t->n == 1)
				fail(t, t->f[i].path, errno, "cannot replace");
			kim_die(KIM_EXIT_IO, "%s: cannot replace; the next "
			    "writer completes the change:", t->f[i].path);
		}
		free(t->f[i].tmp);
		t->f[i].tmp = NULL;
		kim_crash_point("after-rename");
	}
	for (i = 0; i < t->n; i++) {
		char *d = dirpart(t->f[i].path);
		char *prev = i ? dirpart(t->f[i - 1].path) : NULL;
		if (!prev || strcmp(d, prev) != 0)
			fsync_dir(d);
		free(d);
		free(prev);
	}
	if (t->n > 1) {
		char *d = dirpart(j.path);
		if (unlink(j.path) != 0)
			kim_die(KIM_EXIT_IO, "%s: cannot remove:", j.path);
		fsync_dir(d);
		free(d);
		free_file(&j);
	}
	kim_crash_point("after-commit");
}

void
kim_txn_abort(struct kim_txn *t)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->f[i].fp)
			fclose(t->f[i].fp);
		t->f[i].fp = NULL;
		if (t->f[i].tmp)
			unlink(t->f[i].tmp);
	}
}

size_t kim_txn_count(const struct kim_txn *t) { return t->n; }
const char *kim_txn_file(const struct kim_txn *t, size_t i) { return t->f[i].rel; }

void
kim_txn_free(struct kim_txn *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free_file(&t->f[i]);
	if (t->dirfd >= 0)
		close(t->dirfd);
	free(t->dir);
	free(t->f);
	free(t);
}

void
kim_output_open(struct kim_output *o, const char *path)
{
	struct stat st;
	int fd;

	memset(o, 0, sizeof *o);
	o->path = kim_strdup(path);
	if (strcmp(path, "-") == 0) {
		o->fp = stdout;
		return;
	}
	int absent = lstat(path, &st) != 0;
	if (absent && errno != ENOENT)
		kim_die(KIM_EXIT_IO, "%s: cannot write:", path);
	if (absent || S_ISREG(st.st_mode)) {
		const char *base = strrchr(path, '/');
		char *dir = base ? kim_strndup(path, (size_t)(base - path + 1)) :
		    kim_strdup(".");
		o->t = kim_txn_new(dir);
		o->fp = kim_txn_open(o->t, base ? base + 1 : path);
		free(dir);
		return;
	}
	if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode))
		kim_die(KIM_EXIT_IO, "%s: %s: the output is written to a "
		    "regular file (replaced), a character device or a FIFO",
		    path, kim_file_kind(st.st_mode));
	/* a FIFO waits here for its reader, as for any other writer */
	if ((fd = open(path, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC)) < 0)
		kim_die(KIM_EXIT_IO, "%s: cannot write:", path);
	if (fstat(fd, &st) != 0 || (!S_ISCHR(st.st_mode) &&
	    !S_ISFIFO(st.st_mode)))
		kim_die(KIM_EXIT_IO, "%s: replaced while it was opened",
		    path);
	if (!(o->fp = fdopen(fd, "w")))
		kim_die(KIM_EXIT_IO, "%s: cannot write:", path);
}

void
kim_output_close(struct kim_output *o)
{
	if (o->t) {
		kim_txn_commit(o->t);
		kim_txn_free(o->t);
	} else if (o->fp != stdout) {
		int bad = fflush(o->fp) != 0 || ferror(o->fp);
		int err = errno;
		if (fclose(o->fp) != 0 && !bad) {
			bad = 1;
			err = errno;
		}
		errno = err;
		if (bad && err != EPIPE)
			kim_die(KIM_EXIT_IO, "%s: cannot write:", o->path);
	}
	free(o->path);
	memset(o, 0, sizeof *o);
}
