/* kim_gitlib: libgit2, opened when a repository is first used */
#if KIM_WITH_GIT

#include <pthread.h>
#include <string.h>

#define KIM_GITLIB_TABLE	/* the names are the table's here */
#include "kim_dl.h"
#include "kim_gitlib.h"

struct kim_gitlib kim_gitlib;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failed;

static void
load(void)
{
	/* never closed: libgit2 stays until the process ends */
	void *lib = kim_dl_open(KIM_GIT_SONAME, &failed);
	const char **why = &failed;

	if (!lib)
		return;
#define KIM_GIT_LOAD(f)	KIM_DL_LOAD(kim_gitlib, lib, why, f)
	KIM_GIT_FUNCS(KIM_GIT_LOAD)
#undef KIM_GIT_LOAD
}

int
kim_gitlib_open(const char **why)
{
	pthread_once(&once, load);
	*why = failed;
	return failed ? -1 : 0;
}

#else

typedef int kim_gitlib_none;	/* built without libgit2: nothing here */

#endif
