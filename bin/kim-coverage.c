/* kim-coverage: how many villages have a KIM, against each target */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"
#include "kim_actsum.h"

static const char usage[] =
    "[-r CODE]... [--by LEVEL] [--unit UNIT] [--status LIST] [--evidence DAYS]\n"
    " [-d DIR] [-f FMT] [-o FILE] [--excel[=id]] [--as-of DATE]\n"
    " [--at DATE|REV | FILE ...]\n"
    "--missing [-c] [-r CODE]... [--unit UNIT] [--status LIST] [-d DIR] [-f FMT]\n"
    " [-o FILE] [--excel[=id]] [--as-of DATE] [--at DATE|REV | FILE ...]\n"
    "--value -r CODE [--unit UNIT] [--status LIST] [-d DIR] [-o FILE]\n"
    " [--as-of DATE] [--at DATE|REV | FILE ...]\n"
    "-f svg [--map FILE] [--labels WHAT] [-r CODE]... [--by LEVEL] [--unit UNIT]\n"
    " [--status LIST] [-d DIR] [-o FILE] [--as-of DATE] [--at DATE|REV | FILE ...]";

static const char help[] = N_(
    "  -r, --region CODE       regions inside CODE (repeatable: any of them)\n"
    "      --by LEVEL          a row per provinsi, kabupaten (the default;\n"
    "                          kota too) or kecamatan\n"
    "      --unit UNIT         what is covered: village (the default), or\n"
    "                          kecamatan (by a KIM of the kecamatan itself)\n"
    "      --status LIST       the KIM counted: aktif (the default),\n"
    "                          nonaktif, bubar (comma-separated)\n"
    "      --evidence DAYS     count only KIM with an activity in the last\n"
    "                          DAYS days (the activity log)\n"
    "      --missing           list the villages without a KIM instead\n"
    "  -c, --count             with --missing: print only their number\n"
    "      --value             print only the percent of the one -r region\n"
    "  -d, --data DIR          the data folder (else $KIM_DATA, else .)\n"
    "  -f, --format FMT        csv, tsv, json, jsonl, table, xlsx; svg: a map;\n"
    "                          opendata: the open-data portals' table\n"
    "  -o, --output FILE       write to FILE, replaced atomically (-f xlsx:\n"
    "                          a workbook; not to a terminal)\n"
    "      --map FILE          the map's boundaries (GeoJSON; else the data\n"
    "                          folder's boundaries/LEVEL.geojson); -f svg\n"
    "      --labels WHAT       the map's labels: name (the default), code, none\n"
    "      --excel[=id]        CSV for spreadsheets (=id: ';', decimal comma)\n"
    "      --as-of DATE        the day to answer for (default today)\n"
    "      --at DATE|REV       the register as committed then (git)\n");

enum { OPT_BY = KIM_OPT, OPT_STATUS, OPT_MISSING, OPT_VALUE, OPT_MAP,
    OPT_UNIT, OPT_LABELS, OPT_EVIDENCE };

static const struct option longopts[] = {
	KIM_COMMON_LONG,
	KIM_OUTPUT_LONG,
	KIM_AT_LONG,
	{ "region",  required_argument, NULL, 'r' },
	{ "by",      required_argument, NULL, OPT_BY },
	{ "status",  required_argument, NULL, OPT_STATUS },
	{ "missing", no_argument,       NULL, OPT_MISSING },
	{ "count",   no_argument,       NULL, 'c' },
	{ "value",   no_argument,       NULL, OPT_VALUE },
	{ "map",     required_argument, NULL, OPT_MAP },
	{ "unit",    required_argument, NULL, OPT_UNIT },
	{ "labels",  required_argument, NULL, OPT_LABELS },
	{ "evidence", required_argument, NULL, OPT_EVIDENCE },
	{ NULL, 0, NULL, 0 }
};

struct job {
	struct kim_ctx ctx;
	struct kim_filter filter;	/* the statuses counted */
	struct kim_actsum activity;	/* --evidence */
	struct kim_coverage cov;
	struct kim_cov_sel sel;
	int by;				/* depth of the rows: 1-3 */
	int unit;			/* KIM_UNIT_VILLAGE or _KECAMATAN */
	struct kim_map map;		/* with -f svg, the boundaries */
};

/* Load the boundaries of the regions selected, before any record. */
static void
load_map(struct job *j, struct kim_cli *cli, const char *given)
{
	char *path = kim_cli_map_file(cli, given, j->by);
	long r = kim_map_load(&j->map, path, given ? 0 : KIM_OPEN_REGULAR,
	    &j->ctx.w, j->by, &j->sel, &cli->diag);

	free(path);
	if (r < 0)
		exit(KIM_EXIT_IO);
	if (r > 0)
		exit(KIM_EXIT_DATA);
	if (j->map.n == 0)
		kim_diefile(KIM_EXIT_DATA, j->map.path, 0, 0, "no boundary of a "
		    "%s %s", kim_map_level(j->by), j->sel.n ? "inside the "
		    "regions of -r" : "of the region list");
}

int
main(int argc, char **argv)
{
	struct kim_cli cli;
	struct job j;
	const char **codes = NULL, *bad, *map = NULL;
	size_t ncodes = 0;
	long *sel;
	int c, status, missing = 0, value = 0, nstatus = 0, svg = 0, count = 0;
	int labels = -1;

	memset(&j, 0, sizeof j);
	j.by = 2;
	kim_filter_init(&j.filter);
	kim_filter_status(&j.filter, kim_status_names[KIM_ST_AKTIF], &bad);
	kim_cli_init(&cli, argv, usage, help);
	cli.formats = &kim_cov_formats;
	while ((c = getopt_long(argc, argv, KIM_COMMON_SHORT KIM_OUTPUT_SHORT
	    "r:c", longopts, NULL)) != -1) {
		if (kim_cli_option(&cli, c, optarg))
			continue;
		switch (c) {
		case 'r':
			codes = kim_reallocarray(codes, ncodes + 1,
			    sizeof *codes);
			codes[ncodes++] = kim_cli_code(&cli, "-r", optarg);
			break;
		case OPT_BY:
			if (!(j.by = kim_depth_lookup(optarg)))
				kim_usage(&cli, "--by: '%s' is not one of "
				    "provinsi, kabupaten, kecamatan", optarg);
			break;
		case OPT_STATUS:
			/* the first list replaces aktif; more add to it */
			if (!nstatus++)
				memset(j.filter.status, 0,
				    sizeof j.filter.status);
			if (kim_filter_status(&j.filter, optarg, &bad) < 0)
				kim_usage(&cli, "--status: '%s' is not one of "
				    "aktif, nonaktif, bubar", bad);
			break;
		case OPT_MISSING:
			missing = 1;
			break;
		case 'c':
			count = 1;
			break;
		case OPT_VALUE:
			value = 1;
			break;
		case OPT_MAP:
			map = optarg;
			break;
		case OPT_LABELS:
			if ((labels = kim_map_labels_lookup(optarg)) < 0)
				kim_usage(&cli, "--labels: '%s' is not one of "
				    "none, code, name", optarg);
			break;
		case OPT_EVIDENCE:
			j.filter.evidence = kim_cli_count(&cli, "--evidence",
			    optarg);
			break;
		case OPT_UNIT:
			if ((j.unit = kim_cov_unit_lookup(optarg)) < 0)
				kim_usage(&cli, "--unit: '%s' is not one of "
				    "village, kecamatan", optarg);
			break;
		default:
			kim_usage(&cli, NULL);
		}
	}
	cli.number = value ? "--value" : count ? "-c" : NULL;
	kim_cli_done(&cli, argc, argv);
	svg = cli.fmt == KIM_FMT_SVG;
	if ((map || labels >= 0) && !svg && cli.fmt_set)
		kim_usage(&cli, "--%s draws a map: it goes with -f svg, not "
		    "with another format", map ? "map" : "labels");
	svg |= map != NULL || labels >= 0;
	if (svg && (missing || value))
		kim_usage(&cli, "-f svg draws the rows: it does not go with "
		    "--%s", missing ? "missing" : "value");
	if (svg && cli.excel)
		kim_usage(&cli, "--excel goes with csv or tsv output");
	if (count && !missing)
		kim_usage(&cli, "-c counts the villages without a KIM: it goes "
		    "with --missing");
	if (cli.fmt == KIM_FMT_OPENDATA && (missing || value || svg))
		kim_usage(&cli, "-f opendata is a table of the rows: it does not "
		    "go with --missing, --value or --map");
	if (missing && value)
		kim_usage(&cli, "--missing and --value do not go together");
	if (value && ncodes != 1)
		kim_usage(&cli, "--value prints the percent of one region: "
		    "give exactly one -r (%zu given)", ncodes);
	/* on the as-of day, a KIM formed after it did not exist yet */
	j.filter.before = kim_date_from_days(kim_date_days(&cli.as_of) + 1);
	j.filter.has_before = 1;
	kim_cli_context(&cli, &j.ctx);
	j.ctx.regions = codes;	/* only their files are read */
	j.ctx.nregions = ncodes;
	kim_cli_activity(&cli, &j.ctx, &j.activity, j.filter.evidence >= 0);

	/* the regions asked for, as indexes of the region list */
	j.sel.r = sel = kim_calloc(ncodes ? ncodes : 1, sizeof *sel);
	j.sel.n = ncodes;
	for (size_t i = 0; i < ncodes; i++)
		sel[i] = kim_cli_region_rows(&cli, &j.ctx.w, codes[i],
		    missing || value ? 0 : j.by);

	if (svg)
		load_map(&j, &cli, map);
	kim_coverage_init(&j.cov, &j.ctx.w);
	kim_coverage_unit(&j.cov, j.unit);
	j.cov.filter = &j.filter;
	j.cov.ctx = &j.ctx;
	status = kim_cli_records_parts(&cli, &j.ctx, &kim_coverage_parts,
	    &j.cov);
	if (status == KIM_EXIT_OK) {
		/* no figure is printed from part of the records */
		kim_coverage_sum(&j.cov);
		if (value)
			status = kim_cov_print_value(kim_cli_out(&cli), &j.cov,
			    sel[0]);
		else if (missing)
			status = kim_cov_print_missing(kim_cli_out(&cli), count ?
			    -1 : (int)cli.fmt, cli.excel, &j.cov, &j.sel);
		else if (svg)
			status = kim_map_print(kim_cli_out(&cli), &j.map, &j.cov,
			    &j.sel, j.by, j.filter.status, cli.dir, &cli.as_of,
			    labels < 0 ? KIM_LABELS_NAME : labels, &cli.diag);
		else if (cli.fmt == KIM_FMT_OPENDATA)
			status = kim_cov_print_opendata(kim_cli_out(&cli),
			    cli.excel, &j.cov, &j.sel, j.by, cli.as_of.y);
		else
			status = kim_cov_print_table(kim_cli_out(&cli), cli.fmt,
			    cli.excel, &j.cov, &j.sel, j.by, cli.dir, &cli.diag);
	}
	kim_cli_out_end(&cli, status);
	kim_coverage_free(&j.cov);
	kim_map_free(&j.map);
	kim_filter_free(&j.filter);
	kim_actsum_free(&j.activity);
	kim_wilayah_free(&j.ctx.w);
	free(sel);
	free(codes);
	return kim_exit(status);
}
