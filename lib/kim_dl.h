/*
 * kim_dl: a shared library opened when first used (dlopen), its functions
 * looked up into a table of typed pointers (dlsym).  kim_gitlib (libgit2)
 * and kim_extlib (libxlsxwriter, minizip, expat) fill their tables so.
 */
#ifndef KIM_DL_H
#define KIM_DL_H

#include <stddef.h>

/* dlopen soname, never closed; NULL with *why the loader's reason */
void *kim_dl_open(const char *soname, const char **why);
/*
 * Unless *why is set already, look name up in lib into *dst, a function
 * pointer of size bytes; *why the loader's reason when it is not there.
 */
void kim_dl_sym(void *lib, const char *name, void *dst, size_t size,
    const char **why);

/* KIM_DL_LOAD(table, f): table.f from lib, with why (for X-macro lists) */
#define KIM_DL_LOAD(table, lib, why, f) \
	kim_dl_sym(lib, #f, &(table).f, sizeof (table).f, why);

#endif
