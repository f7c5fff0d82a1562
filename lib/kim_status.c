/*
 * kim_status: the status words of a KIM (aktif, nonaktif, bubar), below
 * kim_record and kim_term, which both need them
 */
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
