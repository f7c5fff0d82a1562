/*
 * Harness: the CSV reader's fast path (issue 23) against libcsv.
 *
 * kim_csv_read splits a line that holds no quote without libcsv.  The
 * input is read the way libcsv alone reads it (kim_csv_fast 0, the whole
 * input at once), then with the fast path, the bytes arriving whole and
 * in reads of 1, 2, 3, 7 and 64 bytes (lines cut anywhere, as a pipe cuts
 * them), and without it in reads of 1 byte; a reader that stops after its
 * second row too.  Every row (its fields and their lengths, its line, its
 * index, whether it is clean), every problem (place and message) and the
 * count returned must be the same, byte for byte; else the two dumps are
 * printed and the harness aborts.
 */
#include "fuzz.h"

struct dump {
	FILE *fp;
	long stop_after;	/* rows, header included; 0: never stop */
	long rows;
};

static int
on_row(void *ctx, const struct kim_csv_row *row)
{
	struct dump *dp = ctx;

	fprintf(dp->fp, "row %ld line %ld clean %d fields %zu\n", row->index,
	    row->line, row->clean, row->n);
	for (size_t i = 0; i < row->n; i++) {
		FUZZ_ASSERT(row->f[i][row->len[i]] == '\0');
		fprintf(dp->fp, "  %zu:", row->len[i]);
		fwrite(row->f[i], 1, row->len[i], dp->fp);
		fputc('\n', dp->fp);
	}
	FUZZ_ASSERT(row->f[row->n] == NULL);
	return dp->stop_after && ++dp->rows >= dp->stop_after;
}

static void
on_problem(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	struct dump *dp = d->ctx;

	fprintf(dp->fp, "problem %s:%ld:%ld: %s\n", file, line, col, msg);
}

/* What reading data gives, as text (freed by the caller) */
static char *
read_as(const uint8_t *data, size_t size, int fast, size_t readmax,
    long stop_after, size_t *len)
{
	struct dump dp = { NULL, stop_after, 0 };
	struct kim_diag d;
	char *text = NULL;

	memset(&d, 0, sizeof d);
	d.report = on_problem;
	d.ctx = &dp;
	if (!(dp.fp = open_memstream(&text, len)))
		abort();
	kim_csv_fast = fast;
	kim_csv_readmax = readmax;
	long n = kim_csv_read(-1, (const char *)data, size, "in.csv", on_row,
	    &dp, &d);
	fprintf(dp.fp, "returned %ld, %ld problems counted\n", n, d.count);
	fclose(dp.fp);
	kim_csv_fast = 1;
	kim_csv_readmax = 0;
	return text;
}

static void
same(const uint8_t *data, size_t size, int fast, size_t readmax,
    long stop_after)
{
	size_t wantlen, gotlen;
	char *want = read_as(data, size, 0, 0, stop_after, &wantlen);
	char *got = read_as(data, size, fast, readmax, stop_after, &gotlen);

	if (wantlen != gotlen || memcmp(want, got, wantlen) != 0) {
		fprintf(stderr, "fuzz_csvfast: fast path %d, reads of %zu "
		    "bytes, stop after %ld rows: not what libcsv reads\n"
		    "--- libcsv:\n%.4000s\n--- this way:\n%.4000s\n", fast,
		    readmax, stop_after, want, got);
		abort();
	}
	free(want);
	free(got);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t reads[] = { 0, 1, 2, 3, 7, 64 };

	for (size_t i = 0; i < sizeof reads / sizeof *reads; i++) {
		same(data, size, 1, reads[i], 0);
		same(data, size, 1, reads[i], 2);
	}
	same(data, size, 0, 1, 0);
	return 0;
}
