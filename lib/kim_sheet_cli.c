/*
 * kim_sheet_cli: the options of kim-register --import that kim_sheet
 * obeys, parsed into its struct kim_sheet (apart from kim_sheet, which
 * the readers use and kim_cli must not be below)
 */
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "kim_sheet_cli.h"

enum { O_IGNORE, O_DATE_FORMAT, O_ENCODING, O_SKIP, O_SHEET };

const char kim_sheet_help[] = N_(
    "      --ignore-columns    with --import: leave out the columns of no\n"
    "                          field (one warning lists them)\n"
    "      --date-format ORDER dates with '/' or '-' are dmy (default),\n"
    "                          mdy or ymd\n"
    "      --encoding NAME     the file is in NAME (e.g. CP1252), not UTF-8\n"
    "      --import FILE --update\n"
    "                          a row with an id changes that KIM\n"
    "      --skip-existing     with --import: skip the rows whose id, or\n"
    "                          name in the village, is in the register\n"
    "      --sheet NAME        the sheet of an .xlsx to import (default:\n"
    "                          the first)\n"
    "  -r REGION               with --import: a row without a region code\n"
    "                          takes the code its desa and kecamatan names\n"
    "                          have inside REGION\n");

void
kim_sheet_prescan(struct kim_sheet *s, int argc, char **argv,
    struct option *longopts)
{
	int import = 0;

	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		import |= strcmp(argv[i], "--import") == 0 ||
		    strncmp(argv[i], "--import=", 9) == 0;
	for (; longopts->name; longopts++)
		if (strcmp(longopts->name, "update") == 0) {
			s->update_opt = longopts->val;
			if (import)
				longopts->has_arg = no_argument;
		}
}

void
kim_sheet_options(struct option *o, int base)
{
	const struct option mine[KIM_SHEET_NOPTIONS] = {
		{ "ignore-columns", no_argument,       NULL, base + O_IGNORE },
		{ "date-format",    required_argument, NULL, base + O_DATE_FORMAT },
		{ "encoding",       required_argument, NULL, base + O_ENCODING },
		{ "skip-existing",  no_argument,       NULL, base + O_SKIP },
		{ "sheet",          required_argument, NULL, base + O_SHEET }
	};

	memcpy(o, mine, sizeof mine);
}

int
kim_sheet_option(struct kim_sheet *s, struct kim_cli *cli, int base, int c,
    const char *arg)
{
	static const char *const orders[] = { "dmy", "mdy", "ymd" };
	iconv_t cd;

	if (c == s->update_opt && !arg) {
		s->update = 1;		/* --import FILE --update */
		return 1;
	}
	if (c == 'r') {
		s->area = kim_cli_code(cli, "-r", arg);
		s->given = "-r";
		return 1;
	}
	if (c < base || c >= base + KIM_SHEET_NOPTIONS)
		return 0;
	s->given = c == base + O_IGNORE ? "--ignore-columns" :
	    c == base + O_DATE_FORMAT ? "--date-format" :
	    c == base + O_SKIP ? "--skip-existing" :
	    c == base + O_SHEET ? "--sheet" : "--encoding";
	switch (c - base) {
	case O_IGNORE:
		s->ignore_columns = 1;
		return 1;
	case O_SKIP:
		s->skip_existing = 1;
		return 1;
	case O_SHEET:
		s->sheet = arg;
		return 1;
	case O_DATE_FORMAT:
		for (size_t k = 0; k < sizeof orders / sizeof *orders; k++)
			if (strcasecmp(arg, orders[k]) == 0) {
				s->order = (enum kim_dorder)k;
				return 1;
			}
		kim_usage(cli, "--date-format %s: expected dmy, mdy or ymd", arg);
	case O_ENCODING:
		if ((cd = iconv_open("UTF-8", arg)) == (iconv_t)-1)
			kim_usage(cli, "--encoding %s: not an encoding this "
			    "system knows (iconv -l lists them)", arg);
		iconv_close(cd);
		s->encoding = arg;
		return 1;
	}
	return 0;
}

void
kim_sheet_check(const struct kim_sheet *s, struct kim_cli *cli, int importing)
{
	if (s->given && !importing)
		kim_usage(cli, "%s goes with --import only", s->given);
	if (s->update && cli->nargs > 0)
		kim_usage(cli, "--update takes no ID with --import: the ids of "
		    "the file's rows say which KIM change ('%s')", cli->args[0]);
	if (s->update && s->skip_existing)
		kim_usage(cli, "--update and --skip-existing do not go together: "
		    "a row of a KIM in the register either changes it or is "
		    "skipped");
}


struct kim_sheet *
kim_sheet_context(struct kim_sheet *s, struct kim_cli *cli,
    const struct kim_ctx *ctx)
{
	if (s->area)
		s->area_r = kim_cli_region(cli, &ctx->w, "-r", s->area);
	return s;
}
