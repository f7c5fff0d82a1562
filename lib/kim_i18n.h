/* kim_i18n: messages in the user's language (GNU gettext, domain kim-tools) */
#ifndef KIM_I18N_H
#define KIM_I18N_H

#include <libintl.h>
#include <stddef.h>

#define KIM_DOMAIN "kim-tools"

/* a message translated; N_ only marks a string for xgettext */
#define _(s) kim_gettext(s)
#define N_(s) s

/*
 * Messages in the language of LC_ALL / LC_MESSAGES / LANG (and LANGUAGE),
 * read from LOCALEDIR/LANG/LC_MESSAGES/kim-tools.mo, where LOCALEDIR is
 * ../share/locale beside the program when it is there (the source tree's
 * bin/, or an installed PREFIX/bin), else KIM_LOCALEDIR as built, always
 * as UTF-8.  Only LC_MESSAGES follows the environment: character classes,
 * numbers, dates and sorting stay those of the C locale, so data never
 * changes with the language.
 */
void kim_i18n_init(void);
/*
 * Use the language lang, "id" or "en", whatever the locale (--lang, the
 * data folder's lang setting): its catalogue is read by kim-tools itself,
 * so no locale needs to be installed.  -1 for another language, or when
 * its catalogue cannot be read (messages stay English then).
 */
int kim_i18n_set(const char *lang);
/* 1 when kim_i18n_set chose the language */
int kim_i18n_forced(void);
/* s in the language of the messages (the macro _) */
const char *kim_gettext(const char *s);
/* 1 when the messages are Indonesian */
int kim_i18n_id(void);
/* A day in words: "5 Desember 2026" (id), "5 December 2026" (en) */
const char *kim_date_words(int year, int month, int day, char *buf,
    size_t size);
/* A day of a chart's axis, short: "5 Des" (id), "5 Dec" (en) */
const char *kim_date_short(int month, int day, char *buf, size_t size);
/* A number written with a '.' gets the decimal comma in Indonesian: s */
char *kim_decimal(char *s);

#endif
