/* kim-list: select and print KIM records */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"
#include "kim_actsum.h"

static const char usage[] =
    "[-c] [-r PREFIX]... [--id ID]... [--status LIST] [--sector TAG]...\n"
    " [--formed-before DATE] [--formed-after DATE] [--name TEXT]\n"
    " [--stale MONTHS] [--dormant DAYS] [--fields LIST] [--sort [-]FIELD]\n"
    " [-d DIR] [-f FMT] [-o FILE] [--excel[=id]] [--with-personal] [--as-of DATE]\n"
    " [--at DATE|REV | FILE ...]";

static const char help[] = N_(
    "  -r, --region PREFIX     KIM in this region (repeatable: any of them)\n"
    "      --id ID             the KIM of this id or former id (repeatable)\n"
    "      --status LIST       aktif, nonaktif, bubar (comma-separated)\n"
    "      --sector TAG        KIM working in TAG (repeatable: all of them)\n"
    "      --formed-before DATE, --formed-after DATE\n"
    "      --name TEXT         name contains TEXT, case ignored\n"
    "      --stale MONTHS      not verified for MONTHS or more\n"
    "      --dormant DAYS      aktif, without an activity in DAYS days\n"
    "      --fields LIST       columns to print (also desa, kecamatan,\n"
    "                          kabupaten, provinsi, age, last_activity,\n"
    "                          activities_90d)\n"
    "      --sort [-]FIELD     order by FIELD ('-': descending)\n"
    "  -c, --count             print only the number of records\n"
    "  -d, --data DIR          the data folder (else $KIM_DATA, else .)\n"
    "  -f, --format FMT        {formats}\n"
    "  -o, --output FILE       write to FILE, replaced atomically (-f xlsx:\n"
    "                          a workbook; not to a terminal)\n"
    "      --excel[=id]        CSV for spreadsheets (=id: ';', decimal comma)\n"
    "      --with-personal     keep chair, secretary, treasurer and contact\n"
    "                          in --excel and xlsx output\n"
    "      --as-of DATE        the day to answer for (default today)\n"
    "      --at DATE|REV       the register as committed then (git)\n");

enum { OPT_STATUS = KIM_OPT, OPT_SECTOR, OPT_BEFORE, OPT_AFTER, OPT_NAME,
    OPT_STALE, OPT_DORMANT, OPT_FIELDS, OPT_SORT, OPT_ID };

static const struct option longopts[] = {
	KIM_COMMON_LONG,
	KIM_OUTPUT_LONG,
	KIM_PERSONAL_LONG,
	KIM_AT_LONG,
	{ "region",        required_argument, NULL, 'r' },
	{ "count",         no_argument,       NULL, 'c' },
	{ "status",        required_argument, NULL, OPT_STATUS },
	{ "sector",        required_argument, NULL, OPT_SECTOR },
	{ "formed-before", required_argument, NULL, OPT_BEFORE },
	{ "formed-after",  required_argument, NULL, OPT_AFTER },
	{ "name",          required_argument, NULL, OPT_NAME },
	{ "stale",         required_argument, NULL, OPT_STALE },
	{ "dormant",       required_argument, NULL, OPT_DORMANT },
	{ "fields",        required_argument, NULL, OPT_FIELDS },
	{ "sort",          required_argument, NULL, OPT_SORT },
	{ "id",            required_argument, NULL, OPT_ID },
	{ NULL, 0, NULL, 0 }
};

struct listing {
	struct kim_ctx ctx;
	struct kim_filter filter;
	struct kim_fields fields;
	struct kim_out *out;
	int count;
	long matched;
	struct kim_sort sort;
	struct kim_actsum activity;	/* when a column or --dormant asks */
};

static int
on_record(void *arg, struct kim_record *r)
{
	struct listing *l = arg;

	if (!kim_filter_match(&l->filter, r, &l->ctx))
		return 0;
	l->matched++;
	if (l->sort.key >= 0)
		kim_sort_add(&l->sort, r);
	else
		kim_out_record(l->out, &l->fields, r, &l->ctx);
	return 0;
}

/* Do the columns, the order or --dormant need the activity log? */
static int
needs_activity(const struct listing *l)
{
	int need = l->filter.dormant >= 0 || (l->sort.key >= 0 &&
	    KIM_COLUMN_ACTIVITY(l->sort.key));

	for (size_t i = 0; i < l->fields.n && !l->count; i++)
		need |= KIM_COLUMN_ACTIVITY(l->fields.col[i]);
	return need;
}

int
main(int argc, char **argv)
{
	struct kim_cli cli;
	struct listing l;
	const char *bad;
	char *badf;
	int c, status;

	memset(&l, 0, sizeof l);
	kim_filter_init(&l.filter);
	kim_fields_all(&l.fields);
	l.sort.key = -1;
	kim_cli_init(&cli, argv, usage, help);
	cli.formats = &kim_formats_sheets;
	while ((c = getopt_long(argc, argv, KIM_COMMON_SHORT KIM_OUTPUT_SHORT
	    "r:c", longopts, NULL)) != -1) {
		if (kim_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case 'r':
			kim_filter_region(&l.filter, kim_cli_code(&cli, "-r",
			    optarg));
			break;
		case 'c':
			l.count = 1;
			break;
		case OPT_STATUS:
			if (kim_filter_status(&l.filter, optarg, &bad) < 0)
				kim_usage(&cli, "--status: '%s' is not one of "
				    "aktif, nonaktif, bubar", bad);
			break;
		case OPT_SECTOR:
			/* as the tags of input are: UMKM finds umkm */
			kim_sectors_normalize(optarg);
			l.filter.sectors = kim_reallocarray(l.filter.sectors,
			    l.filter.nsectors + 1, sizeof(char *));
			l.filter.sectors[l.filter.nsectors++] = optarg;
			break;
		case OPT_BEFORE:
			l.filter.before = kim_cli_date(&cli, "--formed-before",
			    optarg);
			l.filter.has_before = 1;
			break;
		case OPT_AFTER:
			l.filter.after = kim_cli_date(&cli, "--formed-after",
			    optarg);
			l.filter.has_after = 1;
			break;
		case OPT_NAME:
			l.filter.name = optarg;
			break;
		case OPT_ID:
			l.filter.ids = kim_reallocarray(l.filter.ids,
			    l.filter.nids + 1, sizeof(char *));
			l.filter.ids[l.filter.nids++] = optarg;
			break;
		case OPT_STALE:
			l.filter.stale = kim_cli_count(&cli, "--stale", optarg);
			break;
		case OPT_DORMANT:
			l.filter.dormant = kim_cli_count(&cli, "--dormant",
			    optarg);
			break;
		case OPT_FIELDS:
			if (kim_fields_parse(&l.fields, optarg, &badf) < 0)
				kim_usage(&cli, "--fields: unknown column '%s' "
				    "(the columns are %s)", badf,
				    kim_column_list(KIM_IN_FIELDS));
			break;
		case OPT_SORT:
			if (kim_sort_init(&l.sort, optarg) < 0)
				kim_usage(&cli, "--sort: unknown column '%s'",
				    optarg);
			break;
		default:
			kim_usage(&cli, NULL);
		}
	}
	cli.number = l.count ? "-c" : NULL;
	kim_cli_done(&cli, argc, argv);
	kim_fields_kept(&l.fields, cli.fmt);
	if (kim_cli_hide_personal(&cli))
		kim_fields_drop_personal(&l.fields);
	if (l.count)
		l.sort.key = -1;	/* a count needs no order */
	kim_cli_context(&cli, &l.ctx);
	l.ctx.regions = l.filter.regions;	/* only their files are read */
	l.ctx.nregions = l.filter.nregions;
	for (size_t i = 0; i < l.filter.nregions; i++)
		kim_cli_region(&cli, &l.ctx.w, "-r", l.filter.regions[i]);
	kim_cli_activity(&cli, &l.ctx, &l.activity, needs_activity(&l));

	/*
	 * A count or a sorted list is printed after the last record; a
	 * streamed list is held until then: on invalid data, nothing at all.
	 */
	if (l.count) {
		/* counted on every reading thread */
		struct kim_count n = { &l.filter, &l.ctx, 0 };
		status = kim_cli_records_parts(&cli, &l.ctx, &kim_count_parts,
		    &n);
		l.matched = n.n;
	} else {
		if (l.sort.key < 0)
			l.out = kim_out_held(kim_cli_out(&cli), cli.fmt,
			    cli.excel, l.fields.out, l.fields.n);
		status = kim_cli_records(&cli, &l.ctx, on_record, &l);
	}
	if (l.sort.key >= 0 && status == KIM_EXIT_OK) {
		kim_sort_run(&l.sort, &l.ctx);
		l.out = kim_out_new(kim_cli_out(&cli), cli.fmt, cli.excel,
		    l.fields.out, l.fields.n);
		for (size_t i = 0; i < l.sort.n; i++)
			kim_out_record(l.out, &l.fields, l.sort.r[i], &l.ctx);
	}
	kim_sort_free(&l.sort);
	if (l.count && status == KIM_EXIT_OK)
		fprintf(kim_cli_out(&cli), "%ld\n", l.matched);
	else if (l.out && status == KIM_EXIT_OK)
		kim_out_end(l.out);
	else if (l.out)
		kim_out_drop(l.out);
	kim_filter_free(&l.filter);
	kim_actsum_free(&l.activity);
	kim_wilayah_free(&l.ctx.w);
	kim_cli_out_end(&cli, status);
	if (status == KIM_EXIT_OK && l.matched == 0)
		status = KIM_EXIT_NO;
	return kim_exit(status);
}
