/* kim_extlib: libxlsxwriter, minizip and expat, opened when first used */
#include <pthread.h>
#include <string.h>

#define KIM_EXTLIB_TABLE	/* the names are the table's here */
#include "kim_dl.h"
#include "kim_extlib.h"
#include "kim_util.h"
#include "kim_err.h"

struct kim_extlib kim_extlib;

static const char *failed[3];
static pthread_once_t once[3] = { PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT,
    PTHREAD_ONCE_INIT };

#define KIM_EXT_LOAD(f)	KIM_DL_LOAD(kim_extlib, lib, why, f)

static void
load_xlsxwriter(void)
{
	const char **why = &failed[KIM_EXT_XLSXWRITER];
	void *lib = kim_dl_open(KIM_XLSXWRITER_SONAME, why);

	if (lib) {
		KIM_XLSXWRITER_FUNCS(KIM_EXT_LOAD)
	}
}

static void
load_minizip(void)
{
	const char **why = &failed[KIM_EXT_MINIZIP];
	void *lib = kim_dl_open(KIM_MINIZIP_SONAME, why);

	if (lib) {
		KIM_MINIZIP_FUNCS(KIM_EXT_LOAD)
	}
}

static void
load_expat(void)
{
	const char **why = &failed[KIM_EXT_EXPAT];
	void *lib = kim_dl_open(KIM_EXPAT_SONAME, why);

	if (lib) {
		KIM_EXPAT_FUNCS(KIM_EXT_LOAD)
	}
}

void
kim_extlib_need(enum kim_ext which)
{
	static void (*const load[3])(void) = { load_xlsxwriter, load_minizip,
	    load_expat };

	pthread_once(&once[which], load[which]);
	if (failed[which])
		kim_die(KIM_EXIT_IO, "%s", failed[which]);
}
