/*
 * kim_status: the status words of a KIM (aktif, nonaktif, bubar), below
 * kim_record and kim_term, which both need them
 */
#include <ctype.h>
#include <string.h>

#include "kim_status.h"

const char *const kim_status_names[KIM_NSTATUS] = { "aktif", "nonaktif",
    "bubar" };

int
kim_status_index(const char *s)
{
	for (int i = 0; i < KIM_NSTATUS; i++)
		if (strcmp(s, kim_status_names[i]) == 0)
			return i;
	return -1;
}

/* What spreadsheets write for each, besides the word itself */
static const struct {
	const char *word;
	enum kim_status status;
} synonyms[] = {
	{ "tidak aktif", KIM_ST_NONAKTIF },
	{ "non aktif",   KIM_ST_NONAKTIF },
	{ "pasif",       KIM_ST_NONAKTIF },
	{ "vakum",       KIM_ST_NONAKTIF },
	{ "dibubarkan",  KIM_ST_BUBAR }
};

int
kim_status_synonym(const char *s)
{
	char w[32];
	size_t n = 0;

	/* lower case, '-' '_' and runs of blanks as one blank, none at the ends */
	for (; *s && n + 1 < sizeof w; s++) {
		int c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '-' || c == '_') {
			if (n > 0 && w[n - 1] != ' ')
				w[n++] = ' ';
			continue;
		}
		w[n++] = (char)tolower(c);
	}
	if (*s)
		return -1;
	while (n > 0 && w[n - 1] == ' ')
		n--;
	w[n] = '\0';
	for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++)
		if (strcmp(w, synonyms[i].word) == 0)
			return (int)synonyms[i].status;
	return kim_status_index(w);
}
