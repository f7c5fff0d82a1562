/* kim-register: add, change and import KIM records */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"

static const char usage[] =
    "--name NAME --region CODE --formed DATE [--FIELD VALUE ...]\n"
    "--update ID --FIELD VALUE ...\n"
    "--deactivate ID | --dissolve ID | --activate ID | --verify ID\n"
    "--import FILE [-r REGION]\n"
    "--renumber ID | --init | --recode MAP.csv [--wilayah NEW.csv]\n"
    "[-n] [--no-commit] [--wait SECONDS] [-d DIR] [-f FMT] [--excel[=id]]\n"
    " [--as-of DATE]";

/* after the --FIELD options, kim_cli_field_help() */
static const char help[] = N_(
    "                          the fields of the KIM to add or change\n"
    "      --update ID         change the fields given of KIM ID\n"
    "      --deactivate ID     set its status to nonaktif\n"
    "      --dissolve ID       set its status to bubar (it is kept)\n"
    "      --activate ID       set its status to aktif\n"
    "      --verify ID         confirmed in the field today (--as-of)\n"
    "      --import FILE       add the records of FILE (CSV or JSON Lines,\n"
    "                          - for standard input), all or nothing\n"
    "      --progress, --no-progress\n"
    "                          show how far --import is on standard error\n"
    "                          (default: when it is a terminal)\n"
    "      --renumber ID       give it the next free number of its region\n"
    "      --init              set the data folder up for git and offices\n"
    "      --recode MAP.csv    move the KIM of the regions MAP.csv maps to\n"
    "                          their new codes (--wilayah NEW.csv: the new list)\n"
    "  -n, --dry-run           check everything, write nothing\n"
    "      --no-commit         write, but do not commit to git\n"
    "      --wait SECONDS      wait for another writer (default 10)\n"
    "  -d, --data DIR          the data folder (else $KIM_DATA, else .)\n"
    "  -f, --format FMT        print the ids as csv, tsv, json, jsonl or\n"
    "                          table rows (default: one a line)\n"
    "      --excel[=id]        CSV for spreadsheets (=id: ';', decimal comma)\n"
    "      --as-of DATE        the day of the change (default today)\n");

enum { OPT_UPDATE = KIM_OPT, OPT_DEACTIVATE, OPT_DISSOLVE, OPT_ACTIVATE,
    OPT_VERIFY, OPT_IMPORT, OPT_RENUMBER, OPT_RECODE, OPT_INIT, OPT_WAIT,
    OPT_NO_COMMIT, OPT_WILAYAH,
    OPT_PROGRESS, OPT_NO_PROGRESS, OPT_FIELD,
    OPT_SHEET = OPT_FIELD + KIM_NFIELDS };

static const struct option fixed[] = {
	KIM_COMMON_LONG,
	{ "update",     required_argument, NULL, OPT_UPDATE },
	{ "deactivate", required_argument, NULL, OPT_DEACTIVATE },
	{ "dissolve",   required_argument, NULL, OPT_DISSOLVE },
	{ "activate",   required_argument, NULL, OPT_ACTIVATE },
	{ "verify",     required_argument, NULL, OPT_VERIFY },
	{ "import",     required_argument, NULL, OPT_IMPORT },
	{ "renumber",   required_argument, NULL, OPT_RENUMBER },
	{ "init",       no_argument,       NULL, OPT_INIT },
	{ "recode",     required_argument, NULL, OPT_RECODE },
	{ "wilayah",    required_argument, NULL, OPT_WILAYAH },
	{ "dry-run",    no_argument,       NULL, 'n' },
	{ "wait",       required_argument, NULL, OPT_WAIT },
	{ "no-commit",  no_argument,       NULL, OPT_NO_COMMIT },
	{ "progress",   no_argument,       NULL, OPT_PROGRESS },
	{ "no-progress", no_argument,      NULL, OPT_NO_PROGRESS }
};
#define NFIXED (sizeof fixed / sizeof *fixed)

enum mode { ADD, UPDATE, IMPORT, RENUMBER, RECODE, INIT };

/* The changes but adding one: the mode, the action, the status it sets */
static const struct {
	int opt;
	enum mode mode;
	const char *action;
	int status;		/* enum kim_status, or -1 */
} changes[] = {
	{ OPT_UPDATE,     UPDATE, "update",     -1 },
	{ OPT_DEACTIVATE, UPDATE, "deactivate", KIM_ST_NONAKTIF },
	{ OPT_DISSOLVE,   UPDATE, "dissolve",   KIM_ST_BUBAR },
	{ OPT_ACTIVATE,   UPDATE, "activate",   KIM_ST_AKTIF },
	{ OPT_VERIFY,     UPDATE, "verify",     -1 },
	{ OPT_IMPORT,     IMPORT, "import",     -1 },
	{ OPT_RENUMBER,   RENUMBER, "renumber", -1 },
	{ OPT_RECODE,     RECODE, "recode",     -1 },
	{ OPT_INIT,       INIT,   "init",       -1 }
};

struct job {
	struct kim_cli cli;
	struct kim_ctx ctx;
	struct kim_register reg;
	struct kim_change ch;
	enum mode mode;
	const char *id, *wilayah;	/* the KIM, or file; --recode's list */
	struct kim_recbuf given;	/* the fields given as options */
	struct kim_sheet sheet;		/* an import's options and counts */
	int dry_run, no_commit, progress; /* progress: -1 on a terminal */
	long wait;
};

static void
give(struct job *j, int field, const char *value)
{
	if (j->given.set[field])
		kim_usage(&j->cli, "--%s is given twice", kim_field_names[field]);
	kim_recbuf_set(&j->given, field, value, strlen(value), KIM_COL_OPTION);
}

/* An option of changes[]: one change at a time. */
static void
set_change(struct job *j, int opt, const char *arg)
{
	size_t k = 0;

	while (changes[k].opt != opt)
		k++;
	if (j->mode != ADD)
		kim_usage(&j->cli, "one change at a time: --update, --deactivate, "
		    "--dissolve, --activate, --verify, --import, --renumber, "
		    "--recode or --init");
	j->mode = changes[k].mode;
	j->ch.action = changes[k].action;
	j->id = arg;
	if (changes[k].status >= 0)
		give(j, KIM_F_STATUS, kim_status_names[changes[k].status]);
}

/* The options given go together (else exit 2), their values are text (3) */
static void
check_usage(struct job *j)
{
	struct kim_record r;
	long bad;
	char today[11];

	kim_sheet_check(&j->sheet, &j->cli, j->mode == IMPORT);
	if (j->cli.nargs > 0)
		kim_usage(&j->cli, "unexpected operand '%s'", j->cli.args[0]);
	if (strcmp(j->ch.action, "verify") == 0 &&
	    !j->given.set[KIM_F_VERIFIED])
		/* confirmed in the field on the as-of day, or on --verified */
		give(j, KIM_F_VERIFIED, kim_date_fmt(&j->cli.as_of, today));
	int any = kim_cli_fields_given(&j->cli, j->given.set, j->mode == ADD,
	    j->mode >= IMPORT ? j->ch.action : NULL);
	if (j->wilayah && j->mode != RECODE)
		kim_usage(&j->cli, "--wilayah goes with --recode");
	if (j->mode == UPDATE && j->given.set[KIM_F_REGION])
		kim_usage(&j->cli, "--region cannot change: the id is made of "
		    "it (dissolve the KIM and register it anew)");
	if (j->mode == UPDATE && !any)
		kim_usage(&j->cli, "--update %s: nothing to change", j->id);
	if (!j->no_commit && kim_git_check_env() != 0)
		kim_usage(&j->cli, NULL);
	/* held, before the lock, to what every reader holds a file to */
	kim_recbuf_get(&j->given, &r);
	if (j->mode == ADD)	/* needs its provinsi's regions only */
		j->cli.within = r.f[KIM_F_REGION];
	if ((bad = kim_record_check_text(&r, &j->cli.diag)) > 0)
		kim_change_refuse(bad);
}

/* The change, made in the register in memory; exit 3 on a problem. */
static void
change(struct job *j)
{
	if (j->mode == ADD)
		kim_change_add(&j->ch, &j->given);
	if (j->mode == ADD && j->ch.problems > 0)
		kim_change_refuse(j->ch.problems);
	if (j->mode == UPDATE && kim_change_update(&j->ch, j->id, &j->given) < 0)
		kim_change_refuse(1);
	if (j->mode == RENUMBER && kim_change_renumber(&j->ch, j->id) < 0)
		kim_change_refuse(1);
	if (j->mode == IMPORT && kim_change_import(&j->ch) < 0)
		exit(KIM_EXIT_IO);
	if (j->mode == RECODE)
		kim_change_recode(&j->ch, j->id, j->wilayah);
	j->ch.problems += j->reg.problems + kim_register_check_names(&j->reg);
	if (j->ch.problems > 0)
		kim_change_refuse(j->ch.problems);
}

int
main(int argc, char **argv)
{
	static struct job j;
	static struct option longopts[NFIXED + KIM_NFIELDS +
	    KIM_SHEET_NOPTIONS + 1];
	struct kim_lock lock;
	int c, status = KIM_EXIT_OK;

	j.wait = 10;
	j.progress = -1;
	j.ch.action = "register";
	kim_cli_init(&j.cli, argv, usage, help);
	/* the fixed options, then a --FIELD of each column a user gives */
	j.cli.help_head = kim_cli_field_help();
	memcpy(longopts, fixed, sizeof fixed);
	kim_sheet_options(longopts + NFIXED + kim_cli_field_options(longopts +
	    NFIXED, OPT_FIELD), OPT_SHEET);
	kim_sheet_prescan(&j.sheet, argc, argv, longopts);
	j.cli.help_tail = kim_sheet_help;
	kim_recbuf_clear(&j.given);
	while ((c = getopt_long(argc, argv, KIM_COMMON_SHORT KIM_SHEET_SHORT "n",
	    longopts, NULL)) != -1) {
		if (kim_cli_option(&j.cli, c, optarg) ||
		    kim_sheet_option(&j.sheet, &j.cli, OPT_SHEET, c, optarg))
			continue;
		if (c >= OPT_UPDATE && c <= OPT_INIT)
			set_change(&j, c, optarg);
		else if (c == OPT_NO_COMMIT || c == 'n')
			*(c == 'n' ? &j.dry_run : &j.no_commit) = 1;
		else if (c == OPT_PROGRESS || c == OPT_NO_PROGRESS)
			j.progress = c == OPT_PROGRESS;
		else if (c == OPT_WILAYAH)
			j.wilayah = optarg;
		else if (c == OPT_WAIT)
			j.wait = kim_cli_count(&j.cli, "--wait", optarg);
		else if (c >= OPT_FIELD && c < OPT_FIELD + KIM_NFIELDS)
			give(&j, c - OPT_FIELD, optarg);
		else
			kim_usage(&j.cli, NULL);
	}
	kim_cli_done(&j.cli, argc, argv);
	kim_change_need_stdout();
	check_usage(&j);
	if (j.mode == INIT)
		return kim_exit(kim_setup_init(j.cli.dir, j.dry_run, !j.no_commit));
	kim_cli_context(&j.cli, &j.ctx);
	j.ch.sheet = kim_sheet_context(&j.sheet, &j.cli, &j.ctx);
	if (j.mode == IMPORT)
		kim_change_import_read(&j.ch, j.id, j.progress, &j.ctx);
	kim_change_begin(&j.ch, &j.reg, &lock, j.cli.dir, (double)j.wait,
	    !j.no_commit && !j.dry_run, &j.ctx, &j.cli.diag);
	change(&j);
	if (!j.dry_run)
		status = kim_change_write(&j.ch, j.cli.dir, !j.no_commit);
	kim_unlock(&lock);
	if (j.mode == IMPORT)
		kim_sheet_summary(&j.sheet, j.dry_run);
	kim_change_print(&j.ch, stdout, j.cli.fmt_set || j.cli.excel,
	    j.cli.fmt, j.cli.excel);
	kim_change_free(&j.ch);
	kim_register_close(&j.reg);
	kim_recbuf_free(&j.given);
	kim_sheet_free(&j.sheet);
	kim_wilayah_free(&j.ctx.w);
	return kim_exit(status);
}
