/* kim_cli: the options every command shares, and its input */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim_actread.h"
#include "kim_cli.h"
#include "kim_folder.h"
#include "kim_git.h"
#include "kim_map.h"
#include "kim_store.h"

void
kim_cli_init(struct kim_cli *c, char **argv, const char *usage,
    const char *help)
{
	memset(c, 0, sizeof *c);
	kim_setprog(argv[0]);
	argv[0] = (char *)kim_prog;	/* getopt's messages name the tool so */
	signal(SIGPIPE, SIG_IGN);	/* a closed pipe is seen as EPIPE */
	c->usage = usage;
	c->help = help;
	c->formats = &kim_formats_rows;
	kim_diag_init_stderr(&c->diag);
}

size_t
kim_cli_field_options(struct option *o, int base)
{
	size_t n = 0;

	for (int f = 0; f < KIM_NFIELDS; f++)
		if (kim_columns[f].given != KIM_GIVEN_ASSIGNED &&
		    kim_columns[f].given != KIM_GIVEN_KEPT)
			o[n++] = (struct option){ kim_field_names[f],
			    required_argument, NULL, base + f };
	return n;
}

int
kim_cli_fields_given(struct kim_cli *c, const int set[KIM_NFIELDS], int add,
    const char *refusing)
{
	int any = 0;

	for (int i = 0; i < KIM_NFIELDS; i++) {
		any |= set[i];
		if (add && !set[i] && kim_columns[i].given == KIM_GIVEN_REQUIRED)
			kim_usage(c, "--%s is required to register a KIM",
			    kim_field_names[i]);
		if (refusing && set[i])
			kim_usage(c, "--%s does not go with --%s",
			    kim_field_names[i], refusing);
	}
	return any;
}

const char *
kim_cli_field_help(void)
{
	static struct kim_buf b;
	struct option o[KIM_NFIELDS];
	size_t n = kim_cli_field_options(o, 0), line = 0;

	if (b.len)
		return b.s;
	for (size_t i = 0; i < n; i++) {
		/* lines of at most 70 columns, each option on the one it fits */
		size_t w = strlen(o[i].name) + 3;
		if (i > 0 && b.len - line + 1 + w > 70) {
			kim_buf_addc(&b, '\n');
			line = b.len;
		}
		kim_buf_addf(&b, "%s--%s%s", b.len == line ? "      " : " ",
		    o[i].name, i + 1 < n ? "," : " VALUE\n");
	}
	return kim_buf_str(&b);
}

static void
print_usage(const struct kim_cli *c, FILE *fp)
{
	const char *s = c->usage, *e, *word = _("usage: ");
	int first = 1, w = (int)kim_utf8_width(word);

	/* a line starting with blanks goes on with the form above it */
	for (; *s; s = *e ? e + 1 : e, first = 0) {
		e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		if (*s == ' ')
			fprintf(fp, "%*s%.*s\n", w + (int)strlen(kim_prog), "",
			    (int)(e - s), s);
		else
			fprintf(fp, "%*s%s %.*s\n", first ? 0 : w, first ? word : "",
			    kim_prog, (int)(e - s), s);
	}
}

void
kim_usage(const struct kim_cli *c, const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		/* the one error style, values quoted as every message quotes */
		va_start(ap, fmt);
		kim_vwarn(fmt, ap);
		va_end(ap);
	}
	print_usage(c, stderr);
	exit(KIM_EXIT_USAGE);
}

struct kim_date
kim_cli_date(const struct kim_cli *c, const char *opt, const char *arg)
{
	struct kim_date d;

	if (kim_date_parse(arg, &d) != 0)
		kim_usage(c, "%s: '%s' is not a real date (expected YYYY-MM-DD)",
		    opt, arg);
	return d;
}

long
kim_cli_count(const struct kim_cli *c, const char *opt, const char *arg)
{
	long n = kim_parse_count(arg, 999999999L);

	if (n < 0)
		kim_usage(c, "%s: '%s' is not a whole number from 0 to "
		    "999999999", opt, arg);
	return n;
}

const char *
kim_cli_code(const struct kim_cli *c, const char *opt, const char *arg)
{
	if (kim_code_level(arg) == KIM_LV_INVALID)
		kim_usage(c, "%s: '%s' is not a region code (expected PP, "
		    "PP.KK, PP.KK.CC or PP.KK.CC.VVVV)", opt, arg);
	return arg;
}

/*
 * The options of --help, translated; {formats} in them is the list of the
 * formats -f takes ("csv, tsv, json, jsonl or table").
 */
static void
print_help(const struct kim_cli *c)
{
	const char *h = _(c->help), *at = strstr(h, "{formats}");

	if (!at)
		fputs(h, stdout);
	else
		printf("%.*s%s%s", (int)(at - h), h, kim_fmt_list(c->formats,
		    c->formats->n), at + strlen("{formats}"));
	fputs(_("      --lang id|en        the language of messages and reports\n"
	    "                          (else the data folder's lang, else the\n"
	    "                          locale)\n"), stdout);
}

int
kim_cli_option(struct kim_cli *c, int opt, const char *arg)
{
	int f;

	switch (opt) {
	case 'h':
		print_usage(c, stdout);
		printf("\n%s", c->help_head ? c->help_head : "");
		print_help(c);
		if (c->help_tail)
			fputs(_(c->help_tail), stdout);
		exit(kim_exit(KIM_EXIT_OK));
	case KIM_OPT_VERSION:
		printf("%s (kim-tools) %s%s\n", kim_prog, KIM_VERSION,
		    kim_git_built() ? " +git" : "");
		exit(kim_exit(KIM_EXIT_OK));
	case 'd':
		c->dir = arg;
		return 1;
	case 'f':
		if ((f = kim_fmt_lookup(c->formats, arg)) < 0)
			kim_usage(c, c->formats->unknown, arg,
			    kim_fmt_list(c->formats, c->formats->named));
		c->fmt = (enum kim_fmt)f;
		c->fmt_set = 1;
		return 1;
	case KIM_OPT_ASOF:
		c->as_of = kim_cli_date(c, "--as-of", arg);
		c->as_of_set = 1;
		return 1;
	case KIM_OPT_EXCEL:
		if (arg && strcmp(arg, "id") != 0)
			kim_usage(c, "--excel=%s: expected --excel, or --excel=id "
			    "for Excel in an Indonesian locale", arg);
		c->excel = arg ? KIM_EXCEL_ID : KIM_EXCEL_PLAIN;
		return 1;
	case KIM_OPT_LANG:
		if (kim_i18n_set(arg) != 0)
			kim_usage(c, "--lang: '%s' is not one of id, en (or its "
			    "messages cannot be read)", arg);
		c->lang_set = 1;
		return 1;
	case KIM_OPT_AT:
		c->at = arg;
		return 1;
	case KIM_OPT_PERSONAL:
		c->with_personal = 1;
		return 1;
	case 'o':	/* only where the command has KIM_OUTPUT_SHORT */
		c->output = arg;
		return 1;
	case '?':
	case ':':
		kim_usage(c, NULL);
	default:
		return 0;
	}
}

/* The data folder's lang setting, when --lang is not given */
static void
kim_cli_lang(struct kim_cli *c)
{
	char lang[16];
	char *path;

	if (!kim_setting(c->dir, "lang", lang, sizeof lang, &c->diag))
		return;
	if (kim_i18n_set(lang) != 0) {
		path = kim_path(c->dir, KIM_SETTINGS_FILE);
		kim_warn("warning: %s: lang '%s' is not one of id, en: left "
		    "out", path, lang);
		free(path);
	}
}

static void
unsaid(struct kim_diag *d, const char *file, long line, long col,
    const char *msg)
{
	(void)d, (void)file, (void)line, (void)col, (void)msg;
}

/* The data folder's time zone: kim.conf's tz, else KIM_TZ_DEFAULT */
static const char *
kim_cli_tz(struct kim_cli *c)
{
	static char tz[160];
	/* the lines of kim.conf that are no setting were said for lang */
	struct kim_diag said = { .report = unsaid };
	char *path;

	if (!kim_setting(c->dir, "tz", tz, sizeof tz,
	    c->lang_set ? &c->diag : &said))
		return KIM_TZ_DEFAULT;
	if (kim_tz_known(tz))
		return tz;
	path = kim_path(c->dir, KIM_SETTINGS_FILE);
	kim_warn("warning: %s: tz '%s' is not a time zone of this system's "
	    "zoneinfo (such as Asia/Jakarta, Asia/Makassar, Asia/Jayapura): "
	    "left out, today is taken in %s", path, tz, KIM_TZ_DEFAULT);
	free(path);
	return KIM_TZ_DEFAULT;
}

void
kim_cli_done(struct kim_cli *c, int argc, char **argv)
{
	const char *env = getenv("KIM_DATA");

	c->args = argv + optind;
	c->nargs = argc - optind;
	if (!c->dir)
		c->dir = env && *env ? env : ".";
	if (!c->lang_set)
		kim_cli_lang(c);
	if (!c->fmt_set)
		c->fmt = c->excel || !isatty(1) ? KIM_FMT_CSV : KIM_FMT_TABLE;
	/* a command's own formats check --excel themselves */
	if (c->excel && (c->fmt < KIM_NFMTS_ROWS || c->fmt == KIM_FMT_XLSX) &&
	    c->fmt != KIM_FMT_CSV && c->fmt != KIM_FMT_TSV)
		kim_usage(c, "--excel goes with csv or tsv output");
	if (c->fmt == KIM_FMT_XLSX && (!c->output ||
	    strcmp(c->output, "-") == 0) && isatty(1))
		kim_usage(c, "-f xlsx writes a workbook, not text for a "
		    "terminal: give -o FILE");
	if (c->fmt == KIM_FMT_XLSX && c->number)
		kim_usage(c, "%s prints a number, not a workbook", c->number);
	kim_date_zone(kim_cli_tz(c));	/* the office's day */
	if (!c->as_of_set)
		c->as_of = kim_date_today();
	if (c->at && c->nargs > 0)
		kim_usage(c, "--at reads the register as committed; it does "
		    "not go with files to read");
}

const struct kim_region *
kim_cli_region(const struct kim_cli *c, const struct kim_wilayah *w,
    const char *opt, const char *code)
{
	const struct kim_region *r = kim_wilayah_find(w, code);

	if (!r)
		kim_usage(c, "%s: %s is not in %s", opt, code, w->path);
	return r;
}

long
kim_cli_region_rows(const struct kim_cli *cli, const struct kim_wilayah *w,
    const char *code, int by)
{
	const struct kim_region *r = kim_cli_region(cli, w, "-r", code);
	int depth;

	if ((depth = kim_level_depth(r->level)) == 4 && by)
		kim_usage(cli, "-r: %s is a %s: no rows are inside a village "
		    "(give --value or --missing)", code,
		    kim_level_name(r->level));
	else if (by && depth > by)
		kim_usage(cli, "-r: %s is a %s, below the rows of --by %s "
		    "(give --by %s, or --value)", code,
		    kim_level_name(r->level), kim_depth_name(by),
		    kim_depth_name(depth));
	return r - w->r;
}

void
kim_cli_context(struct kim_cli *c, struct kim_ctx *ctx)
{
	char *path = kim_path(c->dir, KIM_WILAYAH_FILE);
	long r;

	memset(ctx, 0, sizeof *ctx);
	ctx->as_of = c->as_of;
	r = -2;
	if (c->at) {
		/* the region list the register was committed with */
		kim_git_check_at(c->dir, c->at);
		r = kim_git_wilayah_at(c->dir, c->at, &ctx->w, &c->diag);
	}
	if (r == -2)
		r = c->within ? kim_wilayah_load_within(&ctx->w, path,
		    c->within, &c->diag) : kim_wilayah_load(&ctx->w, path,
		    &c->diag);
	free(path);
	if (r < 0)
		exit(KIM_EXIT_IO);
	if (r > 0)
		exit(KIM_EXIT_DATA);
}

void
kim_cli_activity(struct kim_cli *c, struct kim_ctx *ctx,
    struct kim_actsum *sum, int need)
{
	struct kim_lock lock;
	long r;

	if (!need)
		return;
	kim_actsum_init(sum, &ctx->as_of, KIM_ACTIVITY_WINDOW);
	kim_lock(&lock, c->dir, KIM_LOCK_SHARED, 10);
	r = kim_actread_sum(sum, c->dir, ctx->regions, ctx->nregions,
	    &c->diag);
	kim_unlock(&lock);
	if (r != 0)
		exit(r < 0 ? KIM_EXIT_IO : KIM_EXIT_DATA);
	ctx->activity = sum;
}

/* A reader's records: checked, and a value over a limit said, not refused */
#define READING	(KIM_READ_CHECK | KIM_READ_LIMITS)

static int
records(struct kim_cli *c, const struct kim_ctx *ctx,
    const struct kim_parts *parts, kim_record_fn fn, void *arg)
{
	struct kim_lock lock;
	long r = 0;
	void *whole = arg, *part = NULL;

	if (parts && (c->at || c->nargs > 0)) {
		/* read by this thread alone: all in one part */
		arg = part = parts->make(whole);
		fn = parts->add;
	}
	if (c->at)
		r = kim_git_read_register(c->dir, c->at, READING, ctx,
		    fn, arg, &c->diag);
	else if (c->nargs == 0) {
		kim_lock(&lock, c->dir, 0, 10);
		r = parts ? kim_read_register_parts(c->dir, READING, ctx,
		    parts, arg, &c->diag) :
		    kim_read_register(c->dir, READING, ctx, fn, arg,
		    &c->diag);
		kim_unlock(&lock);
	}
	for (int i = 0; i < c->nargs && r >= 0; i++) {
		long n = kim_read_file(c->args[i], READING, ctx, fn, arg,
		    &c->diag);
		r = n < 0 ? n : r + n;
	}
	if (part)
		parts->merge(whole, part);
	return r < 0 ? KIM_EXIT_IO : r > 0 ? KIM_EXIT_DATA : KIM_EXIT_OK;
}

int
kim_cli_records(struct kim_cli *c, const struct kim_ctx *ctx,
    kim_record_fn fn, void *arg)
{
	return records(c, ctx, NULL, fn, arg);
}

int
kim_cli_records_parts(struct kim_cli *c, const struct kim_ctx *ctx,
    const struct kim_parts *parts, void *arg)
{
	return records(c, ctx, parts, NULL, arg);
}

/*
 * The boundary file of -f svg: --map FILE, else the data folder's file for
 * the level of the rows; a usage error when there is none.
 */
char *
kim_cli_map_file(const struct kim_cli *cli, const char *given, int by)
{
	char *path;

	if (given)
		return kim_strdup(given);
	if ((path = kim_map_boundaries(cli->dir, by)))
		return path;
	path = kim_path(cli->dir, kim_boundaries_file(by));
	kim_usage(cli, "-f svg: no boundaries: %s is not there; give --map "
	    "FILE", path);
}

FILE *
kim_cli_out(struct kim_cli *c)
{
	if (!c->out.fp)
		kim_output_open(&c->out, c->output ? c->output : "-");
	return c->out.fp;
}

void
kim_cli_out_end(struct kim_cli *c, int status)
{
	if (!c->out.fp)
		return;
	if (status == KIM_EXIT_OK || status == KIM_EXIT_NO)
		kim_output_close(&c->out);
	else
		kim_output_drop(&c->out);
}

int
kim_cli_hide_personal(const struct kim_cli *c)
{
	return !c->with_personal && (c->excel || c->fmt == KIM_FMT_XLSX);
}
