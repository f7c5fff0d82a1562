/* kim_gitlib: libgit2, opened when a repository is first used */
#if KIM_WITH_GIT

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

#define KIM_GITLIB_TABLE	/* the names are the table's here */
#include "kim_gitlib.h"

struct kim_gitlib kim_gitlib;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failed;

static void
load(void)
{
	/* never closed: libgit2 stays until the process ends */
	void *lib = dlopen(KIM_GIT_SONAME, RTLD_NOW | RTLD_LOCAL), *fn;

	if (!lib) {
		failed = dlerror();
		return;
	}
#define KIM_GIT_LOAD(f) \
	if (!failed) { \
		if ((fn = dlsym(lib, #f)) != NULL) \
			memcpy(&kim_gitlib.f, &fn, sizeof fn); \
		else \
			failed = dlerror(); \
	}
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
