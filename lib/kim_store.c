/* kim_store: the data folder's lock and atomic replacement of its files */
#define _GNU_SOURCE	/* syncfs */
#include <ctype.h>
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
#include "kim_file.h"
#include "kim_folder.h"
#include "kim_git.h"
#include "kim_input.h"
#include "kim_store.h"
#include "kim_util.h"

#define TMP_PREFIX ".kimtmp-"
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
	struct txfile j;	/* the journal */
	char *message;		/* of the git commit to make, or NULL */
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

/*
 * The journal.  Each line is one of
 *
 *	FOLDER/.kimtmp-NAME-XXXXXX TAB FOLDER/NAME	a rename to complete
 *	.author TAB NAME TAB EMAIL TAB TIME TAB OFFSET	the commit's author
 *	.message TAB MESSAGE				and its message
 *
 * NAME, EMAIL and MESSAGE escaped (\\, \t, \n, \xHH), so that the journal
 * is lines of UTF-8 without control characters.  Everything in the data
 * folder may have come from elsewhere by git pull: a journal is read whole,
 * within its limits, and every line checked before the first rename.
 */
#define JOURNAL_MAX	(1L << 20)	/* bytes */
#define JOURNAL_LINE	65536		/* bytes of a line */

/* KK.csv, KK.KK.csv: a file of one provinsi or kabupaten */
static int
region_file_name(const char *s, size_t len)
{
	static const char *const shapes[] = { "DD.csv", "DD.DD.csv", NULL };

	for (int i = 0; shapes[i]; i++) {
		size_t k = 0;
		if (strlen(shapes[i]) != len)
			continue;
		while (k < len && (shapes[i][k] == 'D' ? s[k] >= '0' &&
		    s[k] <= '9' : s[k] == shapes[i][k]))
			k++;
		if (k == len)
			return 1;
	}
	return 0;
}

/* kim/KK.csv, kim/KK.KK.csv: the register's files; kim/renumbered.csv */
static int
register_name(const char *s, size_t len)
{
	return (len == strlen(KIM_RENUMBERED_NAME) &&
	    memcmp(s, KIM_RENUMBERED_NAME, len) == 0) ||
	    region_file_name(s, len);
}

/*
 * The folders a journal may name files in, and the shape of the names of
 * the files the tools write there: one row each.  A command that comes to
 * write into another folder (rubrics/) adds its row.
 */
static const struct {
	const char *folder;
	int (*name)(const char *, size_t);
	const char *shapes;	/* for messages */
} journal_folders[] = {
	{ KIM_REGISTER_DIR, register_name,
	    KIM_REGISTER_DIR "/KK.csv, " KIM_REGISTER_DIR "/KK.KK.csv, "
	    KIM_RENUMBERED_FILE },
	{ KIM_ACTIVITY_DIR, region_file_name,
	    KIM_ACTIVITY_DIR "/KK.csv, " KIM_ACTIVITY_DIR "/KK.KK.csv" },
};
#define NFOLDERS (sizeof journal_folders / sizeof journal_folders[0])

/* Is rel FOLDER/NAME of a row of journal_folders?  Its row, else -1. */
static int
journal_file(const char *rel)
{
	const char *slash = strchr(rel, '/');

	if (!slash)
		return -1;
	for (size_t i = 0; i < NFOLDERS; i++)
		if (strlen(journal_folders[i].folder) == (size_t)(slash - rel) &&
		    strncmp(rel, journal_folders[i].folder,
		    (size_t)(slash - rel)) == 0 &&
		    journal_folders[i].name(slash + 1, strlen(slash + 1)))
			return (int)i;
	return -1;
}

/* Is tmp FOLDER/.kimtmp-NAME-XXXXXX for the file rel, as mkstemp makes it? */
static int
journal_temp(const char *tmp, const char *rel)
{
	const char *slash = strchr(rel, '/');
	size_t dl = (size_t)(slash - rel) + 1, nl = strlen(slash + 1);
	size_t pl = strlen(TMP_PREFIX), tl = strlen(tmp);

	if (tl != dl + pl + nl + 7 || strncmp(tmp, rel, dl) != 0 ||
	    strncmp(tmp + dl, TMP_PREFIX, pl) != 0 ||
	    strncmp(tmp + dl + pl, slash + 1, nl) != 0 || tmp[dl + pl + nl] != '-')
		return 0;
	for (size_t i = tl - 6; i < tl; i++)
		if (!(tmp[i] >= '0' && tmp[i] <= '9') &&
		    !(tmp[i] >= 'a' && tmp[i] <= 'z') &&
		    !(tmp[i] >= 'A' && tmp[i] <= 'Z'))
			return 0;
	return 1;
}

/* s escaped for a line of the journal, onto b */
static void
jescape(struct kim_buf *b, const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		size_t ok = kim_utf8_valid(s, len);
		for (size_t i = 0; i < ok; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c == '\\')
				kim_buf_adds(b, "\\\\");
			else if (c == '\t')
				kim_buf_adds(b, "\\t");
			else if (c == '\n')
				kim_buf_adds(b, "\\n");
			else if (c < 0x20 || c == 0x7f)
				kim_buf_addf(b, "\\x%02x", c);
			else
				kim_buf_addc(b, c);
		}
		if (ok < len) {
			/* a byte that is not UTF-8 (an author's name can be) */
			kim_buf_addf(b, "\\x%02x", (unsigned char)s[ok]);
			ok++;
		}
		s += ok;
		len -= ok;
	}
}

/* A field of the journal unescaped: a new string, or NULL. */
static char *
junescape(const char *s)
{
	struct kim_buf b = { 0 };

	kim_buf_adds(&b, "");
	for (; *s; s++) {
		unsigned int x;
		if (*s != '\\') {
			kim_buf_addc(&b, *s);
			continue;
		}
		s++;
		if (*s == '\\' || *s == 't' || *s == 'n')
			kim_buf_addc(&b, *s == 't' ? '\t' : *s == 'n' ? '\n' : '\\');
		else if (*s == 'x' && strspn(s + 1, "0123456789abcdef") >= 2 &&
		    sscanf(s + 1, "%2x", &x) == 1 && x > 0) {
			kim_buf_addc(&b, (int)x);
			s += 2;
		} else {
			kim_buf_free(&b);
			return NULL;
		}
	}
	return b.s;
}

struct journal {
	char **from, **to;	/* the renames, relative to the data folder */
	size_t n;
	int author, message;	/* lines seen */
	struct kim_sig sig;	/* the commit to make, when message */
	char *text;		/* its message */
};

static void
journal_free(struct journal *jn)
{
	for (size_t i = 0; i < jn->n; i++) {
		free(jn->from[i]);
		free(jn->to[i]);
	}
	free(jn->from);
	free(jn->to);
	free(jn->sig.name);
	free(jn->sig.email);
	free(jn->text);
	memset(jn, 0, sizeof *jn);
}

/* The fields of a line, split at its tabs (in place): their number. */
static size_t
fields(char *line, char **f, size_t max)
{
	size_t n = 0;

	f[n++] = line;
	for (char *p = line; *p; p++)
		if (*p == '\t') {
			*p = '\0';
			if (n == max)
				return max + 1;
			f[n++] = p + 1;
		}
	return n;
}

/* One line of the journal into jn: NULL, or what is wrong with it. */
static const char *
journal_line(char *line, struct journal *jn, struct kim_buf *why)
{
	char *f[6];
	size_t n = fields(line, f, 5);
	long long when;
	int off, k;

	if (n == 1)
		return "no tab: a line of a journal is TEMPORARY-FILE<TAB>FILE";
	if (strcmp(f[0], ".author") == 0) {
		if (n != 5 || jn->author++)
			return "'.author' is NAME<TAB>EMAIL<TAB>TIME<TAB>OFFSET, "
			    "once";
		if (sscanf(f[3], "%lld%n", &when, &k) != 1 || f[3][k] ||
		    !isdigit((unsigned char)f[3][0]) ||
		    sscanf(f[4], "%d%n", &off, &k) != 1 || f[4][k] ||
		    off < -24 * 60 || off > 24 * 60)
			return "'.author': the time is seconds since 1970, the "
			    "offset minutes east of UTC";
		if (!(jn->sig.name = junescape(f[1])) ||
		    !(jn->sig.email = junescape(f[2])))
			return "'.author': a backslash that is not \\\\, \\t, "
			    "\\n or \\xHH";
		jn->sig.when = when;
		jn->sig.offset = off;
		return NULL;
	}
	if (strcmp(f[0], ".message") == 0) {
		if (n != 2 || jn->message++)
			return "'.message' is one field, once";
		if (!(jn->text = junescape(f[1])))
			return "'.message': a backslash that is not \\\\, \\t, "
			    "\\n or \\xHH";
		return NULL;
	}
	if (n != 2)
		return "more than one tab: a line of a journal is "
		    "TEMPORARY-FILE<TAB>FILE";
	if ((k = journal_file(f[1])) < 0) {
		kim_buf_addf(why, "'%s' is not a file the tools write: a journal "
		    "names %s", f[1], journal_folders[0].shapes);
		for (size_t i = 1; i < NFOLDERS; i++)
			kim_buf_addf(why, ", %s", journal_folders[i].shapes);
		return why->s;
	}
	if (!journal_temp(f[0], f[1])) {
		kim_buf_addf(why, "'%s' is not the temporary file of %s "
		    "(%.*s" TMP_PREFIX "%s-XXXXXX)", f[0], f[1],
		    (int)strlen(journal_folders[k].folder) + 1, f[1],
		    f[1] + strlen(journal_folders[k].folder) + 1);
		return why->s;
	}
	jn->from = kim_reallocarray(jn->from, jn->n + 1, sizeof *jn->from);
	jn->to = kim_reallocarray(jn->to, jn->n + 1, sizeof *jn->to);
	jn->from[jn->n] = kim_strdup(f[0]);
	jn->to[jn->n++] = kim_strdup(f[1]);
	return NULL;
}

/*
 * Read DIR/kim/.txn whole and check every line: 1 when it is a journal
 * to complete (into jn), 0 when there is none, -1 when it is refused:
 * what is wrong in why, at line (0: the journal as a whole).  Exits 4 when
 * it cannot be read.
 */
static int
journal_load(const char *dir, struct journal *jn, struct kim_buf *why,
    long *line)
{
	char *path = kim_path(dir, KIM_JOURNAL_FILE), *buf;
	struct stat st;
	size_t have = 0;
	int fd;
	const char *bad = NULL;

	memset(jn, 0, sizeof *jn);
	*line = 0;
	kim_buf_reset(why);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		free(path);
		return 0;
	}
	if (fd < 0 && errno == ELOOP) {
		kim_buf_adds(why, "a symbolic link, not a journal");
		free(path);
		return -1;
	}
	if (fd < 0 || fstat(fd, &st) != 0)
		kim_die(KIM_EXIT_IO, "%s: cannot read:", path);
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		kim_buf_adds(why, "not a regular file, so not a journal");
		free(path);
		return -1;
	}
	buf = kim_malloc(JOURNAL_MAX + 2);
	for (;;) {
		ssize_t n = kim_read(fd, buf + have, JOURNAL_MAX + 1 - have);
		if (n < 0)
			kim_die(KIM_EXIT_IO, "%s: cannot read:", path);
		if (n == 0 || (have += (size_t)n) > JOURNAL_MAX)
			break;
	}
	close(fd);
	free(path);
	buf[have] = '\0';
	if (have > JOURNAL_MAX)
		kim_buf_addf(why, "larger than %ld bytes: not a journal of "
		    "kim-tools", JOURNAL_MAX);
	for (size_t at = 0; !why->len && at < have; ) {
		char *nl = memchr(buf + at, '\n', have - at);
		size_t len = nl ? (size_t)(nl - buf) - at : have - at, ok;
		++*line;
		if (len > JOURNAL_LINE)
			kim_buf_addf(why, "a line longer than %d bytes",
			    JOURNAL_LINE);
		else if (!nl)
			kim_buf_adds(why, "the last line has no newline: not "
			    "a whole journal");
		else if (memchr(buf + at, '\0', len))
			kim_buf_adds(why, "a NUL byte");
		else if ((ok = kim_utf8_valid(buf + at, len)) < len)
			kim_buf_addf(why, "not valid UTF-8 at byte %zu", ok + 1);
		else {
			buf[at + len] = '\0';
			for (size_t i = at; i < at + len && !bad; i++)
				if ((unsigned char)buf[i] < 0x20 && buf[i] != '\t')
					bad = "a control character";
			if (!bad)
				bad = journal_line(buf + at, jn, why);
			if (bad && bad != why->s)
				kim_buf_adds(why, bad);
		}
		at += len + 1;
	}
	if (!why->len && jn->n == 0)
		kim_buf_adds(why, "it names no file");
	else if (!why->len && jn->author != jn->message)
		kim_buf_adds(why, "a commit needs both '.author' and '.message'");
	free(buf);
	if (why->len) {
		journal_free(jn);
		return -1;
	}
	return 1;
}

int
kim_journal_check(const char *dir, struct kim_diag *d)
{
	struct journal jn;
	struct kim_buf why = { 0 };
	char *path = kim_path(dir, KIM_JOURNAL_FILE);
	long line;
	int r = journal_load(dir, &jn, &why, &line);

	if (r < 0)
		kim_diagf(d, path, line, 0, "%s: kim-tools refuse this journal "
		    "and rename nothing (remove it)", why.s);
	else if (r > 0)
		kim_diagf(d, path, 0, 0, "a write was interrupted; the next "
		    "kim-register completes it%s", jn.message ?
		    ", and its git commit" : "");
	journal_free(&jn);
	kim_buf_free(&why);
	free(path);
	return r != 0;
}

/*
 * Complete the renames of a journal left by a crash, and its git commit,
 * then clean up.  A writer that cannot make the commit exits 4; a reader
 * says so and leaves the journal for the next.
 */
static void
recover(const char *dir, int writer)
{
	char *jpath = kim_path(dir, KIM_JOURNAL_FILE), *kdir = kim_path(dir, KIM_REGISTER_DIR);
	struct journal jn;
	struct kim_buf why = { 0 };
	long line;
	int r = journal_load(dir, &jn, &why, &line), keep = 0;
	struct stat jst;	/* when the journal was written */
	int written = r > 0 && stat(jpath, &jst) == 0;

	if (r < 0)
		kim_diefile(KIM_EXIT_DATA, jpath, line, 0, "%s; nothing was "
		    "renamed", why.s);
	if (r > 0) {
		for (size_t i = 0; i < jn.n; i++) {
			char *from = kim_path(dir, jn.from[i]);
			char *to = kim_path(dir, jn.to[i]);
			if (rename(from, to) != 0 && errno != ENOENT)
				kim_die(KIM_EXIT_IO, "%s: cannot complete an "
				    "interrupted write:", to);
			free(from);
			free(to);
		}
		for (size_t i = 0; i < jn.n; i++) {
			char *d = dirpart(jn.to[i]), *p;
			if (i > 0 && strncmp(jn.to[i], jn.to[i - 1], strlen(d) + 1) == 0) {
				free(d);
				continue;
			}
			p = kim_path(dir, d);
			fsync_dir(p);
			free(p);
			free(d);
		}
		if (jn.message && kim_git_commit_files(dir,
		    (const char *const *)jn.to, jn.n, jn.text, &jn.sig, 1) != 0 &&
		    (!written || kim_git_unlock_left(dir, &jst.st_mtim) == 0 ||
		    kim_git_commit_files(dir, (const char *const *)jn.to, jn.n,
		    jn.text, &jn.sig, 1) != 0)) {
			if (writer)
				kim_die(KIM_EXIT_IO, "%s: the git commit of an "
				    "interrupted write cannot be made; nothing "
				    "was written", jpath);
			kim_warn("%s: the git commit of an interrupted write "
			    "cannot be made now; the next command that takes "
			    "the lock tries again", jpath);
			keep = 1;
		}
		if (!keep) {
			if (unlink(jpath) != 0)
				kim_die(KIM_EXIT_IO, "%s: cannot remove:", jpath);
			fsync_dir(kdir);
		}
	}
	journal_free(&jn);
	kim_buf_free(&why);
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
kim_lock(struct kim_lock *l, const char *dir, int how, double wait)
{
	char *path = kim_path(dir, KIM_LOCK_FILE);
	int exclusive = how == KIM_LOCK_EXCLUSIVE;

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
	if (how == KIM_LOCK_SHARED) {
		/*
		 * A write a crash interrupted is completed before anything
		 * is read, so that a reader never sees half of it.
		 */
		char *j = kim_path(dir, KIM_JOURNAL_FILE);
		if (lstat(j, &st) == 0) {
			take(l->fd, LOCK_EX, wait, path);
			recover(dir, 0);
			take(l->fd, LOCK_SH, wait, path);
		}
		free(j);
	} else if (exclusive)
		recover(dir, 1);
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
kim_txn_message(struct kim_txn *t, const char *message)
{
	free(t->message);
	t->message = kim_strdup(message);
}

/* The journal: the renames, and the commit to make after them. */
static void
write_journal(struct kim_txn *t, const struct kim_sig *sig)
{
	struct txfile *j = &t->j;
	struct kim_buf b = { 0 };

	open_temp(t, KIM_JOURNAL_FILE, j);
	for (size_t i = 0; i < t->n; i++)
		kim_buf_addf(&b, "%s\t%s\n", t->f[i].tmprel, t->f[i].rel);
	if (sig) {
		kim_buf_adds(&b, ".author\t");
		jescape(&b, sig->name);
		kim_buf_addc(&b, '\t');
		jescape(&b, sig->email);
		kim_buf_addf(&b, "\t%lld\t%d\n.message\t", sig->when,
		    sig->offset);
		jescape(&b, t->message);
		kim_buf_addc(&b, '\n');
	}
	if (b.len > JOURNAL_MAX) {
		/* more than a journal may hold: it would be refused */
		kim_buf_free(&b);
		errno = EFBIG;
		fail(t, j->path, EFBIG, "cannot write the journal");
	}
	fwrite(b.s, 1, b.len, j->fp);
	kim_buf_free(&b);
	settle(t, j, 1);
	if (rename(j->tmp, j->path) != 0)
		fail(t, j->path, errno, "cannot write the journal");
	free(j->tmp);
	j->tmp = NULL;
	char *d = dirpart(j->path);
	fsync_dir(d);
	free(d);
}

int
kim_txn_commit(struct kim_txn *t)
{
	struct kim_sig sig = { 0 };
	size_t i;
	int batch = 0, commit = 0, journal, r = 0;

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
	/*
	 * The commit's author and time are taken now and kept in the journal,
	 * so that a commit the next command makes for this one is the same.
	 */
	if (t->message && t->n > 0 && (commit = kim_git_identity(t->dir, &sig)) < 0) {
		kim_txn_abort(t);
		kim_die(KIM_EXIT_IO, "%s: nothing was changed: the change could "
		    "not be committed", t->f[0].path);
	}
	journal = t->n > 1 || commit;
	if (journal) {
		write_journal(t, commit ? &sig : NULL);
		kim_crash_point("after-journal");
	}
	for (i = 0; i < t->n; i++) {
		if (rename(t->f[i].tmp, t->f[i].path) != 0) {
			if (t->n == 1) {
				int err = errno;
				if (journal)
					unlink(t->j.path);
				fail(t, t->f[i].path, err, "cannot replace");
			}
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
	if (commit) {
		const char **rel = kim_calloc(t->n, sizeof *rel);
		for (i = 0; i < t->n; i++)
			rel[i] = t->f[i].rel;
		kim_crash_point("before-git-commit");
		if (kim_git_commit_files(t->dir, rel, t->n, t->message, &sig,
		    0) != 0) {
			kim_warn("%s is written but not committed: the next "
			    "kim-tools command that takes the lock commits it "
			    "(the journal %s says how)", rel[0], t->j.path);
			r = -1;
		} else
			kim_crash_point("after-git-commit");
		free(rel);
		free(sig.name);
		free(sig.email);
	}
	if (journal && r == 0) {
		char *d = dirpart(t->j.path);
		if (unlink(t->j.path) != 0)
			kim_die(KIM_EXIT_IO, "%s: cannot remove:", t->j.path);
		fsync_dir(d);
		free(d);
	}
	kim_crash_point("after-commit");
	return r;
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
	/* a journal not yet in place, never left behind */
	if (t->j.fp)
		fclose(t->j.fp);
	t->j.fp = NULL;
	if (t->j.tmp)
		unlink(t->j.tmp);
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
	free_file(&t->j);
	free(t->message);
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

void
kim_output_drop(struct kim_output *o)
{
	if (o->t) {
		kim_txn_abort(o->t);
		kim_txn_free(o->t);
	} else if (o->fp && o->fp != stdout)
		fclose(o->fp);
	free(o->path);
	memset(o, 0, sizeof *o);
}
