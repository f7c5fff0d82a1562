/*
 * Harness: the rule-set parser (kim_rules_parse) and evaluator.  A rule
 * set without problems is checked against the demo's regions and applied
 * to every record of the demo register and to records with odd values
 * (empty, not numbers, not dates, repeated tags); with and without
 * explanations it must reach the same verdict, and every failed criterion
 * has a reason that names its field.
 */
#include "fuzz.h"

static struct kim_record **recs;
static size_t nrecs;

static int
keep(void *arg, struct kim_record *r)
{
	(void)arg;
	recs = realloc(recs, (nrecs + 1) * sizeof *recs);
	if (!recs)
		abort();
	recs[nrecs++] = kim_record_dup(r);
	return 0;
}

/* Records whose fields are what a rule may not expect. */
static const char *const odd[][KIM_NFIELDS] = {
	{ "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "" },
	{ "99.01.01.2001-1", "KIM A", "99.01.01.2001", "2029-02-29", "x",
	  "", "", "", "-1", ";;UMKM; umkm;;", "AKTIF", "", "", "2025-13-01",
	  "0000-00-00", "99999-01-01", "" },
	{ "99-1", "KIM B", "99", "2020-02-29", "", "", "", "", "abc",
	  "umkm;pariwisata;pertanian", "bubar", "", "", "2025-06-30",
	  "2020-02-29", "2025-06-30", "" },
	{ "x", "KIM C", "../../etc", "1-1-1", "", "", "", "",
	  "99999999999999999999", "literasi", "nonaktif", "", "", "2024-02-29",
	  "", "", "" },
};

static void
load(void)
{
	const struct kim_ctx *ctx = fuzz_ctx();
	struct kim_diag d;

	fuzz_diag(&d);
	if (kim_read_register(KIM_FUZZ_DEMO, 0, ctx, keep, NULL, &d) != 0 ||
	    nrecs == 0) {
		fprintf(stderr, "fuzz_rules: cannot read the demo register\n");
		exit(1);
	}
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
		struct kim_record r;
		memset(&r, 0, sizeof r);
		for (int f = 0; f < KIM_NFIELDS; f++)
			r.f[f] = (char *)(odd[i][f] ? odd[i][f] : "");
		r.seq = kim_id_seq(r.f[KIM_F_ID], r.f[KIM_F_REGION]);
		keep(NULL, &r);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct kim_ctx *ctx = fuzz_ctx();
	struct kim_rules rs;
	struct kim_diag d;
	struct kim_verdict v;

	if (!recs)
		load();
	fuzz_diag(&d);
	memset(&rs, 0, sizeof rs);
	long p = kim_rules_parse(&rs, (const char *)data, size, "fuzz.json", &d);
	FUZZ_ASSERT(p >= 0 && p == d.count);
	if (p == 0) {
		struct kim_ctx c = *ctx;
		(void)kim_rules_check_regions(&rs, &c.w, &d);
		if (rs.has_as_of)
			c.as_of = rs.as_of;
		memset(&v, 0, sizeof v);
		for (size_t i = 0; i < nrecs; i++) {
			int quick = kim_rules_apply(&rs, recs[i], &c, NULL);
			int full = kim_rules_apply(&rs, recs[i], &c, &v);
			FUZZ_ASSERT(quick == full && full == (v.n == 0));
			for (size_t k = 0; k < v.n; k++) {
				const struct kim_criterion *cr = &rs.c[v.crit[k]];
				const char *why = kim_verdict_reason(&v, k);
				const char *f = cr->name;
				FUZZ_ASSERT(v.crit[k] < rs.n);
				FUZZ_ASSERT(strncmp(why, f, strlen(f)) == 0 &&
				    why[strlen(f)] == ':');
			}
		}
		kim_verdict_free(&v);
	}
	kim_rules_free(&rs);
	return 0;
}
