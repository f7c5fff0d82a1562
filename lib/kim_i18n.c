/* kim_i18n: messages in the user's language (GNU gettext, domain kim-tools) */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kim_i18n.h"

#ifndef KIM_LOCALEDIR
#define KIM_LOCALEDIR "/usr/local/share/locale"
#endif

void
kim_i18n_init(void)
{
	static char dir[PATH_MAX + 32];
	struct stat st;
	ssize_t n;
	char *slash;

	if (!setlocale(LC_MESSAGES, ""))
		return;		/* an unknown locale: English, as in C */
	n = readlink("/proc/self/exe", dir, PATH_MAX);
	if (n > 0 && (dir[n] = '\0', slash = strrchr(dir, '/'))) {
		strcpy(slash, "/../share/locale");
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
			bindtextdomain(KIM_DOMAIN, dir);
			bind_textdomain_codeset(KIM_DOMAIN, "UTF-8");
			return;
		}
	}
	bindtextdomain(KIM_DOMAIN, KIM_LOCALEDIR);
	bind_textdomain_codeset(KIM_DOMAIN, "UTF-8");
}
