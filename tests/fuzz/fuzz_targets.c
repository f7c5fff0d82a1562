/*
 * Harness: the targets reader (kim_targets_read) on the input as
 * targets.csv, against the demo's regions.  What it keeps is a target of
 * 0-100 % for a known region, once, with a real due date; the target of
 * every region is its own or its nearest ancestor's.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct kim_ctx *ctx = fuzz_ctx();
	const struct kim_wilayah *w = &ctx->w;
	struct kim_targets t;
	struct kim_diag d;
	struct kim_date due;

	fuzz_diag(&d);
	long p = kim_targets_read(&t, -1, (const char *)data, size,
	    "targets.csv", w, &d);
	FUZZ_ASSERT(p >= 0 && p == d.count);
	for (size_t i = 0; i < t.n; i++) {
		FUZZ_ASSERT(t.t[i].region >= 0 && t.t[i].region < (long)w->n);
		FUZZ_ASSERT(t.t[i].tenths >= 0 && t.t[i].tenths <= 1000);
		FUZZ_ASSERT(kim_date_parse(t.t[i].due, &due) == 0);
		FUZZ_ASSERT(t.of[t.t[i].region] == (long)i);	/* once */
	}
	for (size_t i = 0; i < w->n; i++) {
		const struct kim_target *g = kim_targets_find(&t, w, (long)i);
		if (g)
			FUZZ_ASSERT(kim_code_within(w->r[i].code,
			    w->r[g->region].code));
	}
	char *s = fuzz_str(data, size);
	int tenths = kim_percent_parse(s);
	FUZZ_ASSERT(tenths >= -1 && tenths <= 1000);
	free(s);
	kim_targets_free(&t);
	return 0;
}
