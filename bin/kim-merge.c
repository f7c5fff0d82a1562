/* kim-merge: git's merge driver for register files, record by record */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"
#include "kim_actmerge.h"

static const char usage[] = "BASE OURS THEIRS PATH";

static const char help[] = N_(
    "  BASE OURS THEIRS PATH   as git gives them: %O %A %B %P; the result\n"
    "                          replaces OURS\n");

static const struct option longopts[] = {
	{ "help",    no_argument,       NULL, 'h' },
	{ "version", no_argument,       NULL, KIM_OPT_VERSION },
	{ "lang",    required_argument, NULL, KIM_OPT_LANG },
	{ NULL, 0, NULL, 0 }
};

/* The merged file, held in memory until every version has been read */
struct held {
	char *s;
	size_t len;
	FILE *fp;
};

/* Replace OURS with the merged file; exit 4 when it cannot. */
static void
replace(const char *path, struct held *h)
{
	FILE *fp = fopen(path, "w");

	if (!fp || fwrite(h->s, 1, h->len, fp) != h->len || fclose(fp) != 0)
		kim_die(KIM_EXIT_IO, "%s: cannot write:", path);
}

/* Say what took a new number. */
static void
tell(const char *path, const struct kim_merge *m)
{
	for (size_t i = 0; i < m->nrenum; i++)
		if (m->renum[i].why == KIM_RENUMBERED_TWICE)
			kim_warn("%s: %s '%s' is renumbered %s: the two sides "
			    "had given it new numbers, %s and %s", path,
			    m->renum[i].old, m->renum[i].name, m->renum[i].new,
			    m->renum[i].new, m->renum[i].old);
		else
			kim_warn("%s: %s '%s' is renumbered %s: both sides gave "
			    "%s to a new KIM", path, m->renum[i].old,
			    m->renum[i].name, m->renum[i].new, m->renum[i].old);
}

/* Log the renumberings for the data folder, and say where. */
static void
log_them(struct kim_cli *cli, const char *path, const struct kim_merge *m)
{
	char *dir = kim_merge_folder(path), *log, date[11];
	int waiting;
	long n;

	kim_date_fmt(&cli->as_of, date);
	log = kim_path(dir, KIM_RENUMBERED_FILE);
	n = kim_merge_log(dir, m, date, &waiting, &cli->diag);
	if (n > 0 && waiting)
		kim_warn("%s: %ld row%s to add, which kim-register's next "
		    "change adds and commits (git leaves out of a merge what "
		    "a merge driver writes)", log, n, n == 1 ? "" : "s");
	else if (n > 0)
		kim_warn("%s: %ld row%s added", log, n, n == 1 ? "" : "s");
	else if (n < 0)
		kim_warn("%s: not a good log: the renumbering%s above %s not "
		    "in it", log, m->nrenum == 1 ? "" : "s",
		    m->nrenum == 1 ? "is" : "are");
	free(log);
	free(dir);
}

int
main(int argc, char **argv)
{
	struct kim_cli cli;
	struct kim_merge m = { 0 };
	struct held h = { 0 };
	int c, status = KIM_EXIT_OK, r;
	char *folder = NULL;

	kim_cli_init(&cli, argv, usage, help);
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1)
		if (!kim_cli_option(&cli, c, optarg))
			kim_usage(&cli, NULL);
	if (argc - optind == 4)	/* the data folder, for its time zone */
		cli.dir = folder = kim_merge_folder(argv[argc - 1]);
	kim_cli_done(&cli, argc, argv);
	if (cli.nargs != 4)
		kim_usage(&cli, "four operands are needed (git's %%O %%A %%B "
		    "%%P), not %d", cli.nargs);

	if (!(h.fp = open_memstream(&h.s, &h.len)))
		kim_die(KIM_EXIT_IO, "out of memory");
	if (kim_actmerge_is_activity(cli.args[3])) {
		/* an activity file: both sides changed one activity, ours */
		long both = kim_actmerge(cli.args[0], cli.args[1], cli.args[2],
		    h.fp, &cli.diag);
		if (both > 0)
			kim_warn("%s: %ld activit%s both sides changed: ours "
			    "kept", cli.args[3], both, both == 1 ? "y" : "ies");
		r = both < 0 ? -1 : 0;
	} else
		r = kim_merge_is_log(cli.args[3]) ?
		    kim_merge_logs(cli.args[1], cli.args[2], h.fp, &cli.diag) :
		    kim_merge_files(cli.args[0], cli.args[1], cli.args[2],
		    cli.args[3], h.fp, &m, &cli.diag);
	if (r != 0) {
		/* git keeps the conflict, with OURS as it was */
		kim_warn("%s: not merged: OURS is left as it was", cli.args[3]);
		fclose(h.fp);
		free(h.s);
		free(folder);
		return kim_exit(KIM_EXIT_DATA);
	}
	if (fclose(h.fp) != 0)
		kim_die(KIM_EXIT_IO, "out of memory");
	replace(cli.args[1], &h);
	tell(cli.args[3], &m);
	log_them(&cli, cli.args[3], &m);
	if (m.conflicts > 0) {
		kim_warn("%s: %ld conflict%s: a field both sides changed, "
		    "differently; kim-check names each", cli.args[3],
		    m.conflicts, m.conflicts == 1 ? "" : "s");
		status = KIM_EXIT_NO;
	}
	kim_merge_free(&m);
	free(h.s);
	free(folder);
	return kim_exit(status);
}
