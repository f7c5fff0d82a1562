/*
 * Harness: the region-code parser (kim_code_level) and what is built on
 * it: ancestors' lengths, containment, lookups in the demo's region list,
 * the register file of a region, the sequence number of an id.  A code
 * the parser accepts has the length of its depth, and its ancestors are
 * codes of the levels above.  The input is a code, or a code and an id
 * separated by a NUL.
 */
#include "fuzz.h"

static const size_t depth_len[] = { 0, 2, 5, 8, 13 };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct kim_ctx *ctx = fuzz_ctx();
	char *s = fuzz_str(data, size), file[64];
	const char *id = strlen(s) < size ? s + strlen(s) + 1 : s;
	enum kim_level lv = kim_code_level(s);
	int depth = kim_level_depth(lv);

	FUZZ_ASSERT(depth >= 0 && depth <= 4);
	FUZZ_ASSERT(kim_level_name(lv) != NULL);
	if (lv != KIM_LV_INVALID) {
		FUZZ_ASSERT(depth >= 1 && strlen(s) == depth_len[depth]);
		for (int k = 1; k <= depth; k++) {
			size_t n = kim_code_prefix_len(s, k);
			FUZZ_ASSERT(n == depth_len[k]);
			char *up = fuzz_str((const uint8_t *)s, n);
			FUZZ_ASSERT(kim_level_depth(kim_code_level(up)) == k);
			FUZZ_ASSERT(kim_code_within(s, up));
			free(up);
		}
	}
	for (int k = 0; k <= 5; k++)
		FUZZ_ASSERT(kim_code_prefix_len(s, k) <= strlen(s));
	(void)kim_code_within(id, s);
	(void)kim_code_within(s, id);
	const struct kim_region *r = kim_wilayah_find(&ctx->w, s);
	if (r) {
		FUZZ_ASSERT(strcmp(r->code, s) == 0 && r->level == lv);
		for (int k = 1; k <= 4; k++) {
			const struct kim_region *u = kim_wilayah_up(&ctx->w, r, k);
			FUZZ_ASSERT(!u || kim_code_within(s, u->code));
		}
	}
	kim_record_file(s, file, sizeof file);
	FUZZ_ASSERT(strncmp(file, "kim/", 4) == 0);
	long seq = kim_id_seq(id, s);
	FUZZ_ASSERT(seq >= 0);
	free(s);
	return 0;
}
