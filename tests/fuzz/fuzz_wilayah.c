/*
 * Harness: the wilayah loader (kim_wilayah_load), given the input as its
 * file through a memfd.  Whatever it keeps must be a proper tree: codes
 * valid, unique and sorted, each region's parent before it and one level
 * up, each region's extent inside its parent's, the village count right,
 * and every region found again by its code.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	struct kim_wilayah w;
	struct kim_diag d;
	size_t villages = 0;

	if (fd < 0) {
		if ((fd = memfd_create("wilayah.csv", 0)) < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	fuzz_diag(&d);
	long p = kim_wilayah_load(&w, path, &d);
	FUZZ_ASSERT(p >= 0 && p == d.count);
	for (size_t i = 0; i < w.n; i++) {
		const struct kim_region *r = &w.r[i];
		int depth = kim_level_depth(r->level);
		FUZZ_ASSERT(r->level == kim_code_level(r->code) && depth > 0);
		FUZZ_ASSERT(i == 0 || strcmp(w.r[i - 1].code, r->code) < 0);
		FUZZ_ASSERT(r->end > (long)i && r->end <= (long)w.n);
		if (depth == 1)
			FUZZ_ASSERT(r->parent == -1);
		else {
			FUZZ_ASSERT(r->parent >= 0 && r->parent < (long)i);
			const struct kim_region *up = &w.r[r->parent];
			FUZZ_ASSERT(kim_level_depth(up->level) == depth - 1);
			FUZZ_ASSERT(kim_code_within(r->code, up->code));
			FUZZ_ASSERT(r->end <= up->end);
			FUZZ_ASSERT(kim_wilayah_up(&w, r, depth - 1) == up);
		}
		FUZZ_ASSERT(kim_wilayah_find(&w, r->code) == r);
		if (kim_level_is_village(r->level))
			villages++;
	}
	FUZZ_ASSERT(villages == w.villages);
	kim_wilayah_free(&w);
	return 0;
}
