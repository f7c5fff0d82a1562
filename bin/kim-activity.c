/* kim-activity: log what each KIM does, and list it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"
#include "kim_actchange.h"
#include "kim_actlist.h"
#include "kim_feed.h"

static const char usage[] =
    "--kim ID --date DATE --kind KIND --title TITLE [--url URL] [--notes TEXT]\n"
    "--import FILE [--ignore-columns] | --feed ID FILE\n"
    "[-c] [-r PREFIX]... [--kim ID] [--since DATE] [--until DATE] [--kind KIND]\n"
    " [FILE ...]\n"
    "[-n] [--no-commit] [--wait SECONDS] [-d DIR] [-f FMT] [--excel[=id]]\n"
    " [--as-of DATE]";

static const char help[] = N_(
    "      --kim ID            the KIM (to add; to list: its activities)\n"
    "      --date DATE         the day of the activity\n"
    "      --kind KIND         berita, kegiatan, pelatihan, pertemuan, lomba\n"
    "                          or lainnya (to list: that kind only)\n"
    "      --title TITLE, --url URL, --notes TEXT\n"
    "                          what it was, where it is published, notes\n"
    "      --import FILE       add the activities of FILE (CSV, JSON Lines or\n"
    "                          .xlsx; - for standard input), all or nothing\n"
    "      --ignore-columns    with --import: leave out the columns of no\n"
    "                          field (one warning lists them)\n"
    "      --feed ID FILE      add the items of KIM ID's saved RSS or Atom\n"
    "                          feed FILE (-: standard input) not logged yet\n"
    "  -r, --region PREFIX     list the activities of KIM in this region\n"
    "                          (repeatable: any of them)\n"
    "      --since DATE, --until DATE\n"
    "                          list the activities of these days only\n"
    "  -c, --count             print only the number of activities\n"
    "  -n, --dry-run           check everything, write nothing\n"
    "      --no-commit         write, but do not commit to git\n"
    "      --wait SECONDS      wait for another writer (default 10)\n"
    "  -d, --data DIR          the data folder (else $KIM_DATA, else .)\n"
    "  -f, --format FMT        {formats}\n"
    "      --excel[=id]        CSV for spreadsheets (=id: ';', decimal comma)\n"
    "      --as-of DATE        no activity after this day (default today)\n");

enum { OPT_KIM = KIM_OPT, OPT_DATE, OPT_KIND, OPT_TITLE, OPT_URL, OPT_NOTES,
    OPT_IMPORT, OPT_FEED, OPT_SINCE, OPT_UNTIL, OPT_WAIT, OPT_NO_COMMIT,
    OPT_IGNORE };

static const struct option longopts[] = {
	KIM_COMMON_LONG,
	{ "kim",       required_argument, NULL, OPT_KIM },
	{ "date",      required_argument, NULL, OPT_DATE },
	{ "kind",      required_argument, NULL, OPT_KIND },
	{ "title",     required_argument, NULL, OPT_TITLE },
	{ "url",       required_argument, NULL, OPT_URL },
	{ "notes",     required_argument, NULL, OPT_NOTES },
	{ "import",    required_argument, NULL, OPT_IMPORT },
	{ "feed",      required_argument, NULL, OPT_FEED },
	{ "region",    required_argument, NULL, 'r' },
	{ "since",     required_argument, NULL, OPT_SINCE },
	{ "until",     required_argument, NULL, OPT_UNTIL },
	{ "count",     no_argument,       NULL, 'c' },
	{ "dry-run",   no_argument,       NULL, 'n' },
	{ "no-commit", no_argument,       NULL, OPT_NO_COMMIT },
	{ "wait",      required_argument, NULL, OPT_WAIT },
	{ "ignore-columns", no_argument,  NULL, OPT_IGNORE },
	{ NULL, 0, NULL, 0 }
};

struct job {
	struct kim_cli cli;
	struct kim_ctx ctx;
	struct kim_activity given;	/* --kim ... --notes */
	int set[KIM_A_NFIELDS];
	const char *import, *feed;	/* --import FILE, --feed ID */
	const char **regions;
	size_t nregions;
	const char *since, *until;
	int count, dry_run, no_commit, ignore;
	long wait;
	struct kim_actlog batch;	/* an import, read before the lock */
	struct kim_actchange ch;
};

static void
give(struct job *j, int f, const char *value)
{
	if (j->set[f])
		kim_usage(&j->cli, "--%s is given twice", kim_activity_fields[f]);
	j->set[f] = 1;
	j->given.f[f] = value;
	j->given.col[f] = KIM_COL_OPTION;
}

/* Add the activity given, or those of --import; exit 3 on a problem */
static int
add(struct job *j)
{
	int status;

	if ((j->feed && kim_feed_read(j->import, j->feed, kim_actlog_hold, &j->batch,
	    &j->cli.diag) != 0) || (j->import && !j->feed && kim_activity_read(
	    j->import, KIM_ACT_FUTURE | (j->ignore ? KIM_ACT_IGNORE : 0),
	    &j->ctx.as_of, kim_actlog_hold, &j->batch, &j->cli.diag) != 0))
		kim_change_refuse(j->cli.diag.count);
	if (!j->import && kim_activity_check(&j->given, KIM_ACT_FUTURE,
	    &j->ctx.as_of, &j->cli.diag) > 0)
		kim_change_refuse(j->cli.diag.count);
	j->ch.skip_early = j->feed != NULL;
	kim_actchange_begin(&j->ch, j->cli.dir, (double)j->wait,
	    !j->no_commit && !j->dry_run, &j->ctx, &j->cli.diag);
	if (j->import)
		for (size_t i = 0; i < j->batch.n; i++)
			kim_actchange_add(&j->ch, &j->batch.a[i]);
	else
		kim_actchange_add(&j->ch, &j->given);
	if (j->ch.problems > 0)
		kim_change_refuse(j->ch.problems);
	status = kim_actchange_finish(&j->ch, j->import ? NULL : &j->given,
	    j->import, j->no_commit ? 0 : 1, j->dry_run);
	kim_actchange_end(&j->ch);
	return status;
}

/* List the activities asked for; exit 1 when there are none */
static int
list(struct job *j)
{
	struct kim_actlist l = { .regions = j->regions, .nregions =
	    j->nregions, .kim = j->set[KIM_A_KIM] ? j->given.f[KIM_A_KIM] : NULL,
	    .since = j->since, .until = j->until,
	    .kind = j->set[KIM_A_KIND] ? j->given.f[KIM_A_KIND] : NULL };
	struct kim_lock lock;
	long r;

	if (!j->count)
		l.out = kim_out_held(stdout, j->cli.fmt, j->cli.excel,
		    kim_actlist_cols, KIM_A_NFIELDS);
	if (j->cli.nargs == 0)
		kim_lock(&lock, j->cli.dir, KIM_LOCK_SHARED, 10);
	if (l.kim)	/* and the ids it had before a recode */
		kim_actlist_ids(&l, &j->cli, &j->ctx);
	r = kim_actlist_read(&l, j->cli.dir, j->cli.args, (size_t)j->cli.nargs,
	    &j->ctx.as_of, &j->cli.diag);
	kim_actlist_free(&l);
	if (j->cli.nargs == 0)
		kim_unlock(&lock);
	if (r != 0) {
		if (l.out)
			kim_out_drop(l.out);
		return r < 0 ? KIM_EXIT_IO : KIM_EXIT_DATA;
	}
	if (l.out)
		kim_out_end(l.out);
	else
		printf("%ld\n", l.matched);
	return l.matched > 0 ? KIM_EXIT_OK : KIM_EXIT_NO;
}

/* The options given go together, else exit 2 */
static int
check_usage(struct job *j)
{
	int adding = j->set[KIM_A_DATE] || j->set[KIM_A_TITLE] ||
	    j->set[KIM_A_URL] || j->set[KIM_A_NOTES];
	char region[32];

	if (j->feed && (j->import || j->cli.nargs != 1))
		kim_usage(&j->cli, "--feed %s: give the feed's FILE (- for "
		    "standard input), and no --import", j->feed);
	if (j->feed)
		j->import = j->cli.args[0];
	for (int f = 0; f < KIM_A_NFIELDS; f++) {
		if (!j->set[f])
			j->given.f[f] = "";
		if (adding && f <= KIM_A_TITLE && !j->set[f])
			kim_usage(&j->cli, "--%s is required to add an activity",
			    kim_activity_fields[f]);
		if (j->import && j->set[f])
			kim_usage(&j->cli, "--%s does not go with --import or "
			    "--feed", kim_activity_fields[f]);
	}
	if ((adding || j->import) && (j->nregions || j->since || j->until ||
	    j->count || (j->cli.nargs && !j->feed)))
		kim_usage(&j->cli, "-r, --since, --until, -c and files list "
		    "activities: not with --import or --title");
	if (j->ignore && (!j->import || j->feed))
		kim_usage(&j->cli, "%s goes with --import only",
		    "--ignore-columns");
	if (!adding && !j->import && (j->dry_run || j->no_commit))
		kim_usage(&j->cli, "-n and --no-commit go with a change");
	if (!adding && !j->import && j->set[KIM_A_KIM] &&
	    kim_activity_region(j->given.f[KIM_A_KIM], region, sizeof region))
		kim_usage(&j->cli, "--kim: '%s' is not a KIM id (expected "
		    "REGION-N)", j->given.f[KIM_A_KIM]);
	if (!adding && !j->import && j->set[KIM_A_KIND] &&
	    kim_activity_kind(j->given.f[KIM_A_KIND]) < 0)
		kim_usage(&j->cli, "--kind: '%s' is not one of %s",
		    j->given.f[KIM_A_KIND], kim_activity_kind_list());
	if ((adding || j->import) && !j->no_commit && !j->dry_run &&
	    kim_git_check_env() != 0)
		kim_usage(&j->cli, NULL);
	return adding || j->import;
}

int
main(int argc, char **argv)
{
	static struct job j = { .wait = 10 };
	int c, status;

	kim_cli_init(&j.cli, argv, usage, help);
	while ((c = getopt_long(argc, argv, KIM_COMMON_SHORT "r:cn", longopts,
	    NULL)) != -1) {
		if (kim_cli_option(&j.cli, c, optarg))
			continue;
		if (c >= OPT_KIM && c <= OPT_NOTES)
			give(&j, c - OPT_KIM, optarg);
		else if (c == OPT_IMPORT || c == OPT_FEED)
			*(c == OPT_IMPORT ? &j.import : &j.feed) = optarg;
		else if (c == 'r') {
			j.regions = kim_reallocarray(j.regions, j.nregions + 1,
			    sizeof *j.regions);
			j.regions[j.nregions++] = kim_cli_code(&j.cli, "-r", optarg);
		} else if (c == OPT_SINCE || c == OPT_UNTIL) {
			kim_cli_date(&j.cli, c == OPT_SINCE ? "--since" :
			    "--until", optarg);
			*(c == OPT_SINCE ? &j.since : &j.until) = optarg;
		} else if (c == 'c' || c == 'n' || c == OPT_NO_COMMIT ||
		    c == OPT_IGNORE)
			*(c == 'c' ? &j.count : c == 'n' ? &j.dry_run :
			    c == OPT_IGNORE ? &j.ignore : &j.no_commit) = 1;
		else if (c == OPT_WAIT)
			j.wait = kim_cli_count(&j.cli, "--wait", optarg);
		else
			kim_usage(&j.cli, NULL);
	}
	kim_cli_done(&j.cli, argc, argv);
	if (check_usage(&j)) {
		kim_cli_context(&j.cli, &j.ctx);
		status = add(&j);
		kim_actlog_free(&j.batch);
	} else {
		j.ctx.as_of = j.cli.as_of;
		status = list(&j);
	}
	kim_wilayah_free(&j.ctx.w);
	free(j.regions);
	return kim_exit(status);
}
