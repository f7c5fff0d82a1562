/*
 * records.h: the body of the two record-reader harnesses (fuzz_csv.c,
 * fuzz_jsonl.c), which differ only in the inputs they take.
 *
 * The input is read by kim_read_buf one of three ways, chosen by its
 * length: as input, as input checked against the demo's regions, or as a
 * register file.  Every record passed
 * on is checked, its columns derived, normalised and written canonically;
 * a record that passed the checks must read back from its canonical line
 * with every field unchanged.
 */
#ifndef KIM_FUZZ_RECORDS_H
#define KIM_FUZZ_RECORDS_H

#include "fuzz.h"

struct seen {
	const struct kim_ctx *ctx;
	int flags;
	const struct kim_record *want;	/* when reading back */
	long n;
};

static int
reread(void *arg, struct kim_record *r)
{
	struct seen *s = arg;

	s->n++;
	for (int f = 0; f < KIM_NFIELDS; f++)
		if (strcmp(r->f[f], s->want->f[f]) != 0) {
			fprintf(stderr, "field %s: wrote \"%s\", read \"%s\"\n",
			    kim_field_names[f], s->want->f[f], r->f[f]);
			abort();
		}
	return 0;
}

static int
on_record(void *arg, struct kim_record *r)
{
	struct seen *s = arg;
	struct kim_diag d;
	char buf[KIM_VALUE_MAX], file[64];

	fuzz_diag(&d);
	s->n++;
	for (int f = 0; f < KIM_NFIELDS; f++)
		FUZZ_ASSERT(r->f[f] != NULL);
	kim_record_check(r, s->ctx, KIM_CHECK_FUTURE, &d);
	for (int c = 0; c < KIM_NCOLUMNS; c++)
		(void)kim_record_value(r, c, s->ctx, buf);
	kim_record_file(r->f[KIM_F_REGION], file, sizeof file);
	(void)kim_record_misplaced(r, file, &d);
	(void)kim_id_seq(r->f[KIM_F_ID], r->f[KIM_F_REGION]);

	struct kim_record *c = kim_record_dup(r);
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	if (!fp)
		abort();
	kim_record_normalize(c);
	fprintf(fp, "%s\n", kim_header_for(kim_record_kept(c)));
	kim_record_write(fp, c, kim_record_kept(c));
	if (fclose(fp) != 0)
		abort();
	if (s->flags & KIM_READ_CHECK) {
		struct seen back = { s->ctx, 0, c, 0 };
		fuzz_diag(&d);
		long p = kim_read_buf("canonical.csv", text, len, 0, s->ctx,
		    reread, &back, &d);
		FUZZ_ASSERT(p == 0 && back.n == 1);
	}
	free(text);
	kim_record_free(c);
	return 0;
}

static const int modes[] = {
	0,
	KIM_READ_CHECK | KIM_READ_FUTURE,
	KIM_READ_REGISTER | KIM_READ_CHECK,
};

/* One way per input, by its length: the fuzzer varies lengths freely. */
static void
read_all(const uint8_t *data, size_t size, const char *name)
{
	const struct kim_ctx *ctx = fuzz_ctx();
	int mode = modes[size % (sizeof modes / sizeof *modes)];
	struct seen s = { ctx, mode, NULL, 0 };
	struct kim_diag d;

	fuzz_diag(&d);
	long r = kim_read_buf(name, (const char *)data, size, mode, ctx,
	    on_record, &s, &d);
	FUZZ_ASSERT(r >= 0);	/* memory cannot fail to be read */
	FUZZ_ASSERT(r == d.count);
}

/* Is the input JSON: its first byte after a BOM and blanks { or [ ? */
static int
is_json(const uint8_t *data, size_t size)
{
	size_t k = size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	while (k < size && strchr(" \t\r\n", data[k]) && data[k])
		k++;
	return k < size && (data[k] == '{' || data[k] == '[');
}

#endif
