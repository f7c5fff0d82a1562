/*
 * fuzz.h: what the libFuzzer harnesses of tests/fuzz/ share.
 *
 * Each harness is one C file defining LLVMFuzzerTestOneInput; `make fuzz`
 * builds it with clang -fsanitize=fuzzer,address,undefined against the
 * sources of lib/.  KIM_FUZZ_DEMO is the demonstration data folder
 * (share/kim/demo), whose region list and records the harnesses read once.
 * Problems are counted into a sink that prints nothing: only a crash, a
 * sanitizer report or a broken invariant (abort) is a finding.
 */
#ifndef KIM_FUZZ_H
#define KIM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"

#ifndef KIM_FUZZ_DEMO
#define KIM_FUZZ_DEMO "share/kim/demo"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void
fuzz_quiet(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	(void)d; (void)file; (void)line; (void)col; (void)msg;
}

/* A sink that counts problems and prints nothing. */
static inline void
fuzz_diag(struct kim_diag *d)
{
	memset(d, 0, sizeof *d);
	d->report = fuzz_quiet;
}

/* A broken invariant: say which, then abort so libFuzzer keeps the input. */
#define FUZZ_ASSERT(c) do { if (!(c)) { \
	fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/* The demonstration folder's region list and as-of day, loaded once. */
static inline struct kim_ctx *
fuzz_ctx(void)
{
	static struct kim_ctx ctx;
	static int loaded;

	if (!loaded) {
		struct kim_diag d;
		fuzz_diag(&d);
		if (kim_wilayah_load(&ctx.w, KIM_FUZZ_DEMO "/wilayah.csv", &d) != 0) {
			fprintf(stderr, "fuzz: cannot load %s/wilayah.csv\n",
			    KIM_FUZZ_DEMO);
			exit(1);
		}
		kim_date_parse("2025-06-30", &ctx.as_of);
		loaded = 1;
	}
	return &ctx;
}

/* The input as a NUL-terminated string (freed by the caller). */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
