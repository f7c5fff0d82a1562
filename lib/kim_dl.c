/* kim_dl: libraries opened when first used */
#include <dlfcn.h>
#include <string.h>

#include "kim_dl.h"

void *
kim_dl_open(const char *soname, const char **why)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!lib)
		*why = dlerror();
	return lib;
}

void
kim_dl_sym(void *lib, const char *name, void *dst, size_t size,
    const char **why)
{
	void *fn;

	if (*why)
		return;
	if ((fn = dlsym(lib, name)) != NULL && size == sizeof fn)
		memcpy(dst, &fn, sizeof fn);
	else
		*why = fn ? "a function pointer of another size" : dlerror();
}
