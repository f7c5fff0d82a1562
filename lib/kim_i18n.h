/* kim_i18n: messages in the user's language (GNU gettext, domain kim-tools) */
#ifndef KIM_I18N_H
#define KIM_I18N_H

#include <libintl.h>

#define KIM_DOMAIN "kim-tools"

/* a message translated; N_ only marks a string for xgettext */
#define _(s) dgettext(KIM_DOMAIN, s)
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

#endif
