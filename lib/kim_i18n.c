/*
 * kim_i18n: messages in the user's language (GNU gettext, domain
 * kim-tools), and the language a command is told to use (--lang, the data
 * folder's settings), read from the catalogue itself so that it needs no
 * installed locale: a cron job has none.  Also the words of dates and
 * numbers as a reader of that language writes them.
 */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kim_i18n.h"

#ifndef KIM_LOCALEDIR
#define KIM_LOCALEDIR "/usr/local/share/locale"
#endif

#define MO_MAX	(8L * 1024 * 1024)	/* a catalogue is read whole */

static char localedir[PATH_MAX + 32];

/* The language given (--lang, settings): its catalogue, or none for en */
static struct {
	int forced;		/* 0: the locale's, through gettext */
	char lang[8];		/* "id", "en" */
	unsigned char *mo;
	size_t len, n;
	uint32_t orig, trans;	/* offsets of the two tables */
	int swap;
} cat;

void
kim_i18n_init(void)
{
	struct stat st;
	ssize_t n;
	char *slash;

	snprintf(localedir, sizeof localedir, "%s", KIM_LOCALEDIR);
	n = readlink("/proc/self/exe", localedir, PATH_MAX);
	if (n > 0 && (localedir[n] = '\0', slash = strrchr(localedir, '/'))) {
		strcpy(slash, "/../share/locale");
		if (stat(localedir, &st) != 0 || !S_ISDIR(st.st_mode))
			snprintf(localedir, sizeof localedir, "%s",
			    KIM_LOCALEDIR);
	} else
		snprintf(localedir, sizeof localedir, "%s", KIM_LOCALEDIR);
	if (!setlocale(LC_MESSAGES, ""))
		return;		/* an unknown locale: English, as in C */
	bindtextdomain(KIM_DOMAIN, localedir);
	bind_textdomain_codeset(KIM_DOMAIN, "UTF-8");
}

static uint32_t
word(size_t off)
{
	const unsigned char *p = cat.mo + off;

	if (off + 4 > cat.len)
		return 0;
	return cat.swap ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3] : (uint32_t)p[3] << 24 |
	    (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* String i of the table at off, or NULL when it does not fit the file */
static const char *
entry(uint32_t table, size_t i)
{
	uint32_t len = word(table + 8 * i), off = word(table + 8 * i + 4);

	if ((size_t)off + len >= cat.len || cat.mo[off + len] != '\0')
		return NULL;
	return (const char *)cat.mo + off;
}

/* Read LOCALEDIR/lang/LC_MESSAGES/kim-tools.mo; 0, or -1 */
static int
load(const char *lang)
{
	char path[sizeof localedir + 64];
	FILE *fp;
	struct stat st;

	snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", localedir, lang,
	    KIM_DOMAIN);
	if (!(fp = fopen(path, "rb")))
		return -1;
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < 28 || st.st_size > MO_MAX) {
		fclose(fp);
		return -1;
	}
	cat.len = (size_t)st.st_size;
	cat.mo = malloc(cat.len);
	if (!cat.mo || fread(cat.mo, 1, cat.len, fp) != cat.len) {
		fclose(fp);
		free(cat.mo);
		cat.mo = NULL;
		return -1;
	}
	fclose(fp);
	cat.swap = 0;
	if (word(0) != 0x950412deu) {
		cat.swap = 1;
		if (word(0) != 0x950412deu) {
			free(cat.mo);
			cat.mo = NULL;
			return -1;
		}
	}
	cat.n = word(8);
	cat.orig = word(12);
	cat.trans = word(16);
	if (cat.n > cat.len / 16 || (size_t)cat.orig + 8 * cat.n > cat.len ||
	    (size_t)cat.trans + 8 * cat.n > cat.len) {
		free(cat.mo);
		cat.mo = NULL;
		return -1;
	}
	return 0;
}

int
kim_i18n_set(const char *lang)
{
	if (strcmp(lang, "en") != 0 && strcmp(lang, "id") != 0)
		return -1;
	if (cat.forced && strcmp(cat.lang, lang) == 0)
		return 0;
	free(cat.mo);
	cat.mo = NULL;
	cat.n = 0;
	cat.forced = 1;
	memcpy(cat.lang, lang, 3);	/* "en" or "id", as checked above */
	if (strcmp(lang, "en") != 0 && load(lang) != 0)
		return -1;
	return 0;
}

int
kim_i18n_forced(void)
{
	return cat.forced;
}

const char *
kim_gettext(const char *s)
{
	size_t lo = 0, hi;

	if (!cat.forced)
		return dgettext(KIM_DOMAIN, s);
	if (!cat.mo || !*s)
		return s;
	hi = cat.n;
	while (lo < hi) {	/* msgfmt sorts the originals */
		size_t mid = lo + (hi - lo) / 2;
		const char *o = entry(cat.orig, mid);
		int c;
		if (!o)
			return s;
		c = strcmp(s, o);
		if (c == 0) {
			const char *t = entry(cat.trans, mid);
			return t && *t ? t : s;
		} else if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return s;
}

int
kim_i18n_id(void)
{
	if (cat.forced)
		return strcmp(cat.lang, "id") == 0;
	/* the locale's catalogue says its language in its header */
	const char *h = dgettext(KIM_DOMAIN, "");
	return *h && strstr(h, "Language: id") != NULL;
}

static const char *const months_id[12] = { "Januari", "Februari", "Maret",
    "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
    "November", "Desember" };
static const char *const months_en[12] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };

const char *
kim_date_words(int year, int month, int day, char *buf, size_t size)
{
	if (month < 1 || month > 12)
		snprintf(buf, size, "%04d-%02d-%02d", year, month, day);
	else if (kim_i18n_id())
		snprintf(buf, size, "%d %s %d", day, months_id[month - 1], year);
	else
		snprintf(buf, size, "%d %s %d", day, months_en[month - 1], year);
	return buf;
}

const char *
kim_date_short(int month, int day, char *buf, size_t size)
{
	/* the first three letters, but Agustus is Agu (Agt is also seen) */
	if (month < 1 || month > 12)
		snprintf(buf, size, "%02d-%02d", month, day);
	else
		snprintf(buf, size, "%d %.3s", day, kim_i18n_id() ?
		    months_id[month - 1] : months_en[month - 1]);
	return buf;
}

char *
kim_decimal(char *s)
{
	char *dot;

	if (kim_i18n_id() && (dot = strchr(s, '.')))
		*dot = ',';
	return s;
}
