/* kim-check: validate a whole data folder */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"

static const char usage[] =
    "[-d DIR] [-f FMT] [--excel[=id]] [--as-of DATE]\n"
    "--wilayah NEW.csv [--recode MAP.csv] [-d DIR] [-f FMT] [--excel[=id]]";

static const char help[] = N_(
    "  -d, --data DIR          the data folder (else $KIM_DATA, else .)\n"
    "  -f, --format FMT        print the problems as csv, tsv, json, jsonl\n"
    "                          or table rows (default: FILE:LINE:COLUMN: text)\n"
    "      --excel[=id]        CSV for spreadsheets (=id: ';', decimal comma)\n"
    "      --as-of DATE        no date may be later (default today)\n"
    "      --wilayah NEW.csv   list instead the records whose region NEW.csv,\n"
    "                          a new region list, does not have\n"
    "      --recode MAP.csv    with --wilayah: only those that the region\n"
    "                          mapping MAP.csv does not move into NEW.csv\n");

enum { OPT_WILAYAH = KIM_OPT, OPT_RECODE };

static const struct option longopts[] = {
	KIM_COMMON_LONG,
	{ "wilayah", required_argument, NULL, OPT_WILAYAH },
	{ "recode", required_argument, NULL, OPT_RECODE },
	{ NULL, 0, NULL, 0 }
};

static const struct kim_col cols[] = {
	{ "file", KIM_T_TEXT }, { "line", KIM_T_NUM },
	{ "column", KIM_T_NUM }, { "message", KIM_T_TEXT }
};

/*
 * The problems found, held until the check has run to its end (kim_hold),
 * so that a check cut short by an error prints none of them.  The last
 * one is kept: when wilayah.csv cannot be read, that is the error.
 */
struct findings {
	struct kim_out *out;	/* -f or --excel: rows of that format */
	struct kim_hold *hold;	/* else lines of text held here */
	struct kim_buf last;	/* the last problem's message */
	char *file;		/* and its file */
};

/* A problem as a line of text, or as a row of the chosen format. */
static void
report(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	struct findings *f = d->ctx;
	char place[4096], l[24], c[24];

	kim_buf_reset(&f->last);
	kim_buf_adds(&f->last, msg);
	free(f->file);
	f->file = file ? kim_strdup(file) : NULL;
	if (!f->out) {
		kim_place(place, sizeof place, file, line, col);
		fprintf(kim_hold_fp(f->hold), "%s%s\n", place, msg);
		kim_hold_check(f->hold);
		return;
	}
	snprintf(l, sizeof l, "%ld", line);
	snprintf(c, sizeof c, "%ld", col);
	const char *vals[] = { file ? file : "", line ? l : "", col ? c : "", msg };
	kim_out_row(f->out, vals);
}

/*
 * --wilayah NEW.csv [--recode MAP.csv]: the records whose region the new
 * list does not have (and the mapping does not move into it), a row per
 * region (kim_gone), the data folder and its list untouched.
 */
static int
gone(struct kim_cli *cli, const char *path, const char *mapping)
{
	struct kim_ctx ctx;
	struct kim_wilayah new = { 0 };
	struct kim_recode *map = NULL;
	struct kim_lock lock;
	struct kim_out *out;
	struct kim_gone *g;
	long r, rows = 0;

	kim_cli_context(cli, &ctx);
	r = kim_wilayah_load(&new, path, &cli->diag);
	if (r == 0 && mapping)
		r = kim_recode_load(&map, mapping, &ctx.w, &new, &cli->diag);
	if (r == 0) {
		out = kim_out_held(stdout, cli->fmt, cli->excel, kim_gone_cols,
		    kim_gone_ncols);
		g = kim_gone_new(&ctx.w, &new, map, out);
		kim_lock(&lock, cli->dir, KIM_LOCK_LOOK, 10);
		r = kim_read_register(cli->dir, 0, &ctx, kim_gone_record, g,
		    &cli->diag);
		kim_unlock(&lock);
		rows = kim_gone_end(g);
		if (r == 0)
			kim_out_end(out);
		else
			kim_out_drop(out);
	}
	kim_recode_free(map);
	kim_wilayah_free(&new);
	kim_wilayah_free(&ctx.w);
	if (r != 0)
		return kim_exit(r < 0 ? KIM_EXIT_IO : KIM_EXIT_DATA);
	return kim_exit(rows > 0 ? KIM_EXIT_NO : KIM_EXIT_OK);
}

int
main(int argc, char **argv)
{
	struct kim_cli cli;
	struct kim_diag d;
	struct findings f;
	struct kim_lock lock;
	const char *wilayah = NULL, *mapping = NULL;
	long n;
	int c;

	kim_cli_init(&cli, argv, usage, help);
	while ((c = getopt_long(argc, argv, KIM_COMMON_SHORT, longopts,
	    NULL)) != -1)
		if (c == OPT_WILAYAH)
			wilayah = optarg;
		else if (c == OPT_RECODE)
			mapping = optarg;
		else if (!kim_cli_option(&cli, c, optarg))
			kim_usage(&cli, NULL);
	kim_cli_done(&cli, argc, argv);
	if (cli.nargs > 0)
		kim_usage(&cli, "unexpected operand '%s'", cli.args[0]);
	if (mapping && !wilayah)
		kim_usage(&cli, "--recode: give the new list with --wilayah "
		    "NEW.csv too");
	if (wilayah)
		return gone(&cli, wilayah, mapping);

	memset(&d, 0, sizeof d);
	memset(&f, 0, sizeof f);
	d.report = report;
	d.ctx = &f;
	if (cli.fmt_set || cli.excel)
		f.out = kim_out_held(stdout, cli.fmt, cli.excel, cols, 4);
	else
		f.hold = kim_hold_new(stdout);
	kim_lock(&lock, cli.dir, KIM_LOCK_LOOK, 10);
	n = kim_check_folder(cli.dir, &cli.as_of, &d);
	kim_unlock(&lock);
	if (n < 0) {
		/* wilayah.csv cannot be read: an error, not a finding */
		if (f.out)
			kim_out_drop(f.out);
		else
			kim_hold_drop(f.hold);
		kim_diagf(&cli.diag, f.file, 0, 0, "%s", kim_buf_str(&f.last));
	} else if (f.out)
		kim_out_end(f.out);
	else
		kim_hold_release(f.hold);
	kim_buf_free(&f.last);
	free(f.file);
	if (n < 0)
		return kim_exit(KIM_EXIT_IO);
	return kim_exit(n > 0 ? KIM_EXIT_NO : KIM_EXIT_OK);
}
