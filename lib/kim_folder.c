/*
 * kim_folder: the data folder's layout.  The one place that names its
 * files and folders (kim_folder.h), makes the path of one, lists the
 * register files and the rule sets, and knows which register file holds a
 * region's records.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim_err.h"
#include "kim_file.h"
#include "kim_folder.h"
#include "kim_util.h"
#include "kim_wilayah.h"

char *
kim_path(const char *dir, const char *rel)
{
	struct kim_buf b = { 0 };

	if (strcmp(dir, ".") != 0) {
		kim_buf_adds(&b, dir);
		if (b.len && b.s[b.len - 1] != '/')
			kim_buf_addc(&b, '/');
	}
	kim_buf_adds(&b, rel);
	return b.s;
}

static int
bycode(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
kim_folder_files(const char *dir, const char *sub, const char *ext,
    size_t *np)
{
	char *folder = kim_path(dir, sub);
	DIR *dp = opendir(folder);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0, el = strlen(ext);

	*np = 0;
	if (!dp) {
		if (errno != ENOENT)
			kim_die(KIM_EXIT_IO, "%s: cannot open:", folder);
		free(folder);
		return NULL;
	}
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len <= el ||
		    strcmp(e->d_name + len - el, ext) != 0)
			continue;
		v = kim_reallocarray(v, n + 1, sizeof *v);
		/* without the ending, "51" comes before "51.02" */
		v[n++] = kim_strndup(e->d_name, len - el);
	}
	closedir(dp);
	if (n > 1)
		qsort(v, n, sizeof *v, bycode);
	for (size_t i = 0; i < n; i++) {
		struct kim_buf b = { 0 };
		kim_buf_addf(&b, "%s/%s%s", sub, v[i], ext);
		free(v[i]);
		v[i] = kim_path(dir, b.s);
		kim_buf_free(&b);
	}
	free(folder);
	*np = n;
	return v;
}

char **
kim_register_files(const char *dir, size_t *np)
{
	char **v = kim_folder_files(dir, KIM_REGISTER_DIR, KIM_REGISTER_EXT,
	    np);
	size_t n = 0;

	for (size_t i = 0; i < *np; i++)
		if (kim_register_name(v[i]))
			v[n++] = v[i];
		else
			free(v[i]);
	*np = n;
	return v;
}

int
kim_register_name(const char *name)
{
	const char *base = strrchr(name, '/');

	return strcmp(base ? base + 1 : name, KIM_RENUMBERED_NAME) != 0;
}

char **
kim_activity_files(const char *dir, size_t *np)
{
	return kim_folder_files(dir, KIM_ACTIVITY_DIR, KIM_REGISTER_EXT, np);
}

char **
kim_rules_files(const char *dir, size_t *np)
{
	return kim_folder_files(dir, KIM_RULES_DIR, KIM_RULES_EXT, np);
}

void
kim_free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
kim_register_file_holds(const char *path, const char *const *regions,
    size_t n)
{
	const char *name = strrchr(path, '/');
	size_t len, el = strlen(KIM_REGISTER_EXT);
	char code[32];

	if (n == 0)
		return 1;
	name = name ? name + 1 : path;
	len = strlen(name);
	if (len <= el || len - el >= sizeof code)
		return 0;	/* no code: it holds no region */
	memcpy(code, name, len - el);
	code[len - el] = '\0';
	for (size_t i = 0; i < n; i++)
		/* the file of a kabupaten, or of a province, inside the region;
		   or the region inside a kabupaten's file */
		if (kim_code_within(code, regions[i]) ||
		    (kim_code_within(regions[i], code) &&
		    kim_code_prefix_len(code, 2) == len - el))
			return 1;
	return 0;
}

size_t
kim_files_holding(char **files, size_t n, const char *const *regions,
    size_t nregions)
{
	size_t kept = 0;

	for (size_t i = 0; i < n; i++)
		if (kim_register_file_holds(files[i], regions, nregions))
			files[kept++] = files[i];
		else
			free(files[i]);
	return kept;
}

/*
 * DIR/KK.KK.csv, or DIR/KK.csv for a province's own region, cut to size
 * as snprintf would cut it; put together by hand, as kim-check and
 * kim-report name the file of every record they read (snprintf took
 * some 1,100 instructions a name).
 */
static void
region_file(const char *dir, const char *region, char *buf, size_t size)
{
	const char *part[] = { dir, "/", region, KIM_REGISTER_EXT };
	size_t len[] = { strlen(dir), 1, kim_code_prefix_len(region, 2),
	    strlen(KIM_REGISTER_EXT) };
	size_t at = 0;

	if (len[2] == 0)
		len[2] = kim_code_prefix_len(region, 1);
	if (size == 0)
		return;
	for (int i = 0; i < 4; i++) {
		size_t n = len[i] < size - 1 - at ? len[i] : size - 1 - at;
		memcpy(buf + at, part[i], n);
		at += n;
	}
	buf[at] = '\0';
}

void
kim_record_file(const char *region, char *buf, size_t size)
{
	region_file(KIM_REGISTER_DIR, region, buf, size);
}

void
kim_activity_file(const char *region, char *buf, size_t size)
{
	region_file(KIM_ACTIVITY_DIR, region, buf, size);
}

const char *
kim_boundaries_file(int depth)
{
	static const char *const files[] = {
	    KIM_BOUNDARIES_DIR "/provinsi.geojson",
	    KIM_BOUNDARIES_DIR "/kabupaten.geojson",
	    KIM_BOUNDARIES_DIR "/kecamatan.geojson" };

	return depth >= 1 && depth <= 3 ? files[depth - 1] : NULL;
}

#define SETTINGS_MAX	65536

int
kim_setting(const char *dir, const char *key, char *buf, size_t size,
    struct kim_diag *d)
{
	char *path = kim_path(dir, KIM_SETTINGS_FILE), text[SETTINGS_MAX + 1];
	int fd = kim_open_read(path, KIM_OPEN_REGULAR | KIM_OPEN_MISSING, d);
	ssize_t n, len = 0;
	long line = 0;
	int found = 0;

	if (fd < 0) {
		free(path);
		return 0;
	}
	while (len <= SETTINGS_MAX &&
	    (n = read(fd, text + len, (size_t)(SETTINGS_MAX + 1 - len))) > 0)
		len += n;
	close(fd);
	if (len > SETTINGS_MAX) {
		kim_diagf(d, path, 0, 0, "over %d bytes: its settings are "
		    "left out", SETTINGS_MAX);
		free(path);
		return 0;
	}
	text[len] = '\0';
	for (char *s = text, *e; s && *s; s = e) {
		char *k, *v, *end;
		line++;
		if ((e = strchr(s, '\n')))
			*e++ = '\0';
		while (isspace((unsigned char)*s))
			s++;
		if (*s == '\0' || *s == '#')
			continue;
		k = s;
		if (!(v = strchr(s, '='))) {
			kim_diagf(d, path, line, 1, "not KEY = VALUE: left out");
			continue;
		}
		for (end = v; end > k && isspace((unsigned char)end[-1]); end--)
			;
		*end = '\0';
		for (v++; isspace((unsigned char)*v); v++)
			;
		for (end = v + strlen(v); end > v &&
		    isspace((unsigned char)end[-1]); end--)
			;
		*end = '\0';
		if (strcmp(k, key) == 0) {
			snprintf(buf, size, "%s", v);
			found = 1;	/* the last one holds */
		}
	}
	free(path);
	return found;
}
