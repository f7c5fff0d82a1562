/* kim-register: add, change and import KIM records */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kim.h"

static const char usage[] =
    "--name NAME --region CODE --formed DATE [--FIELD VALUE ...]\n"
    "--update ID --FIELD VALUE ...\n"
    "--deactivate ID | --dissolve ID | --activate ID | --verify ID\n"
    "--import FILE\n"
    "[-n] [--no-commit] [--wait SECONDS] [-d DIR] [-f FMT] [--excel]\n"
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
    "  -n, --dry-run           check everything, write nothing\n"
    "      --no-commit         write, but do not commit to git\n"
    "      --wait SECONDS      wait for another writer (default 10)\n"
    "  -d, --data DIR          the data folder (else $KIM_DATA, else .)\n"
    "  -f, --format FMT        print the ids as csv, tsv, json, jsonl or\n"
    "                          table rows (default: one a line)\n"
    "      --excel             CSV for spreadsheets\n"
    "      --as-of DATE        the day of the change (default today)\n");

enum { OPT_UPDATE = KIM_OPT, OPT_DEACTIVATE, OPT_DISSOLVE, OPT_ACTIVATE,
    OPT_VERIFY, OPT_IMPORT, OPT_WAIT, OPT_NO_COMMIT, OPT_PROGRESS,
    OPT_NO_PROGRESS, OPT_FIELD };

static const struct option fixed[] = {
	KIM_COMMON_LONG,
	{ "update",     required_argument, NULL, OPT_UPDATE },
	{ "deactivate", required_argument, NULL, OPT_DEACTIVATE },
	{ "dissolve",   required_argument, NULL, OPT_DISSOLVE },
	{ "activate",   required_argument, NULL, OPT_ACTIVATE },
	{ "verify",     required_argument, NULL, OPT_VERIFY },
	{ "import",     required_argument, NULL, OPT_IMPORT },
	{ "dry-run",    no_argument,       NULL, 'n' },
	{ "wait",       required_argument, NULL, OPT_WAIT },
	{ "no-commit",  no_argument,       NULL, OPT_NO_COMMIT },
	{ "progress",   no_argument,       NULL, OPT_PROGRESS },
	{ "no-progress", no_argument,      NULL, OPT_NO_PROGRESS }
};
#define NFIXED (sizeof fixed / sizeof *fixed)

enum mode { ADD, UPDATE, IMPORT };

struct job {
	struct kim_cli cli;
	struct kim_ctx ctx;
	struct kim_register reg;
	enum mode mode;
	const char *id, *import;
	const char *action;		/* register, update, dissolve, ... */
	struct kim_recbuf given;	/* the fields given as options */
	int dry_run, verify, no_commit;
	int progress;			/* -1 on a terminal, 0 never, 1 always */
	struct kim_progress prog;
	struct kim_batch *batch;	/* --import: read before the lock */
	long wait;
	long problems;
	/*
	 * The ids written, in the order of the input: strings of the
	 * register's records (or of the command line), which live until it
	 * is closed; NULL for an imported KIM whose id is yet to be given.
	 */
	const char **ids;
	size_t nids, capids;
	struct kim_held **pending;	/* imported without an id */
	size_t npending, cappending;
};

static void
wrote(struct job *j, const char *id)
{
	if (j->nids == j->capids) {
		j->capids = j->capids ? j->capids * 2 : 16;
		j->ids = kim_reallocarray(j->ids, j->capids, sizeof *j->ids);
	}
	j->ids[j->nids++] = id;
}

/* The ids written: one a line, or with -f as rows of one column, id. */
static void
print_ids(struct job *j)
{
	static const struct kim_col col = { "id", KIM_T_TEXT };
	struct kim_out *o = NULL;

	if (j->cli.fmt_set || j->cli.excel)
		o = kim_out_new(stdout, j->cli.fmt, j->cli.excel, &col, 1);
	for (size_t i = 0; i < j->nids; i++) {
		if (o)
			kim_out_row(o, &j->ids[i]);
		else
			printf("%s\n", j->ids[i]);
	}
	if (o)
		kim_out_end(o);
	free(j->ids);
}

/* Nothing is written: say so once, after the problems, and exit 3. */
static noreturn void
refuse(long problems)
{
	kim_warn("nothing was written: %ld problem%s", problems,
	    problems == 1 ? "" : "s");
	exit(KIM_EXIT_DATA);
}

static void
add(struct job *j)
{
	struct kim_record r;
	long n;

	kim_recbuf_get(&j->given, &r);
	kim_record_normalize(&r);
	if ((n = kim_record_check(&r, &j->ctx, KIM_CHECK_FUTURE,
	    &j->cli.diag)) > 0)
		refuse(n);
	wrote(j, kim_register_place(&j->reg, &r, NULL)->s);
}

static void
update(struct job *j)
{
	struct kim_record was, r, given;
	struct kim_recbuf rb = { 0 };
	struct kim_held *old;
	int changed = 0;

	old = kim_register_find(&j->reg, j->id, NULL);
	if (!old) {
		kim_warn("%s: no KIM has this id", j->id);
		refuse(1);
	}
	kim_held_view(old, &was);
	/* the fields given, as input is kept; the others as they are */
	kim_recbuf_get(&j->given, &given);
	kim_record_normalize(&given);
	kim_recbuf_clear(&rb);
	for (int i = 0; i < KIM_NFIELDS; i++) {
		const char *v = j->given.set[i] ? given.f[i] : was.f[i];
		kim_recbuf_set(&rb, i, v, strlen(v),
		    j->given.set[i] ? KIM_COL_OPTION : 0);
	}
	kim_recbuf_get(&rb, &r);
	for (int i = 0; i < KIM_NFIELDS; i++)
		changed |= strcmp(r.f[i], was.f[i]) != 0;
	if (changed)
		kim_register_place(&j->reg, &r, old);
	wrote(j, j->id);
	kim_recbuf_free(&rb);
}

static int
import_one(void *arg, struct kim_record *r)
{
	struct job *j = arg;
	struct kim_regfile *f;

	if (!*r->f[KIM_F_ID]) {
		/* ids are given once every kept id is known */
		if (j->npending == j->cappending) {
			j->cappending = j->cappending ? j->cappending * 2 : 16;
			j->pending = kim_reallocarray(j->pending, j->cappending,
			    sizeof *j->pending);
		}
		j->pending[j->npending++] = kim_held_pack(r);
		wrote(j, NULL);
		return 0;
	}
	if (kim_register_find(&j->reg, r->f[KIM_F_ID], &f)) {
		j->problems++;
		kim_record_problem(&j->cli.diag, r, KIM_F_ID, "%s is taken "
		    "(an imported record keeps its id only when it is new "
		    "to the register)", r->f[KIM_F_ID]);
		return 0;
	}
	wrote(j, kim_register_place(&j->reg, r, NULL)->s);
	return 0;
}

static int
import_tick(void *arg, struct kim_record *r)
{
	struct job *j = arg;

	kim_progress_tick(&j->prog, r->line);
	return 0;
}

/*
 * The import is read whole (within the limits of kim-data(5)) before the
 * lock is taken: readers are not kept waiting while a pipe trickles.
 */
static void
import_read(struct job *j)
{
	kim_progress_start(&j->prog, j->progress, j->import);
	j->batch = kim_batch_read(j->import, KIM_READ_CHECK | KIM_READ_FUTURE,
	    &j->ctx, import_tick, j);
	kim_progress_end(&j->prog);
}

/* Under the lock: the records read, into the register */
static void
import(struct job *j)
{
	long r;
	size_t k = 0;

	r = kim_batch_replay(j->batch, import_one, j, &j->cli.diag);
	kim_batch_free(j->batch);
	j->batch = NULL;
	if (r < 0)
		exit(KIM_EXIT_IO);
	j->problems += r;
	for (size_t i = 0; i < j->nids; i++) {
		if (j->ids[i])
			continue;
		struct kim_held *p = j->pending[k++];
		struct kim_record rec;
		kim_held_view(p, &rec);
		j->ids[i] = kim_register_place(&j->reg, &rec, NULL)->s;
		free(p);
	}
	free(j->pending);
}

/* What the commit says: the action and the records. */
static void
message(struct job *j, struct kim_txn *t, struct kim_buf *m)
{
	struct kim_held *h;
	struct kim_record r;

	if (j->mode == IMPORT) {
		kim_register_import_message(m, j->nids, t);
		return;
	}
	if ((h = kim_register_find(&j->reg, j->ids[0], NULL)))
		kim_held_view(h, &r);
	kim_buf_addf(m, "%s %s %s", j->action, j->ids[0],
	    h ? r.f[KIM_F_NAME] : "");
	if (j->mode == UPDATE) {
		/* the fields changed besides the one the action names */
		int own = strcmp(j->action, "verify") == 0 ? KIM_F_VERIFIED :
		    strcmp(j->action, "update") == 0 ? -1 : KIM_F_STATUS;
		const char *sep = ": ";
		for (int i = 0; i < KIM_NFIELDS; i++)
			if (j->given.set[i] && i != own) {
				kim_buf_addf(m, "%s%s", sep, kim_field_names[i]);
				sep = ", ";
			}
	}
	kim_buf_addc(m, '\n');
}

static void
give(struct job *j, int field, const char *value)
{
	if (j->given.set[field])
		kim_usage(&j->cli, "--%s is given twice", kim_field_names[field]);
	kim_recbuf_set(&j->given, field, value, strlen(value), KIM_COL_OPTION);
}

static void
set_mode(struct job *j, enum mode m, const char *action, const char *arg)
{
	if (j->id || j->import)
		kim_usage(&j->cli, "one change at a time: --update, "
		    "--deactivate, --dissolve, --activate, --verify or --import");
	j->mode = m;
	j->action = action;
	if (m == IMPORT)
		j->import = arg;
	else
		j->id = arg;
}

int
main(int argc, char **argv)
{
	static struct job j;
	struct kim_lock lock;
	char today[11];
	int c;

	j.wait = 10;
	j.progress = -1;
	j.action = "register";
	kim_cli_init(&j.cli, argv, usage, help);
	j.cli.help_head = kim_cli_field_help();
	/* the fixed options, then a --FIELD of each column a user gives */
	static struct option longopts[NFIXED + KIM_NFIELDS + 1];
	memcpy(longopts, fixed, sizeof fixed);
	kim_cli_field_options(longopts + NFIXED, OPT_FIELD);
	kim_recbuf_clear(&j.given);
	while ((c = getopt_long(argc, argv, KIM_COMMON_SHORT "n", longopts,
	    NULL)) != -1) {
		if (kim_cli_option(&j.cli, c, optarg))
			continue;
		switch (c) {
		case OPT_UPDATE:
			set_mode(&j, UPDATE, "update", optarg);
			break;
		case OPT_DEACTIVATE:
			set_mode(&j, UPDATE, "deactivate", optarg);
			give(&j, KIM_F_STATUS, kim_status_names[KIM_ST_NONAKTIF]);
			break;
		case OPT_DISSOLVE:
			set_mode(&j, UPDATE, "dissolve", optarg);
			give(&j, KIM_F_STATUS, kim_status_names[KIM_ST_BUBAR]);
			break;
		case OPT_ACTIVATE:
			set_mode(&j, UPDATE, "activate", optarg);
			give(&j, KIM_F_STATUS, kim_status_names[KIM_ST_AKTIF]);
			break;
		case OPT_VERIFY:
			set_mode(&j, UPDATE, "verify", optarg);
			j.verify = 1;
			break;
		case OPT_IMPORT:
			set_mode(&j, IMPORT, "import", optarg);
			break;
		case OPT_NO_COMMIT:
			j.no_commit = 1;
			break;
		case 'n':
			j.dry_run = 1;
			break;
		case OPT_PROGRESS:
			j.progress = 1;
			break;
		case OPT_NO_PROGRESS:
			j.progress = 0;
			break;
		case OPT_WAIT:
			j.wait = kim_cli_count(&j.cli, "--wait", optarg);
			break;
		default:
			if (c >= OPT_FIELD && c < OPT_FIELD + KIM_NFIELDS) {
				give(&j, c - OPT_FIELD, optarg);
				break;
			}
			kim_usage(&j.cli, NULL);
		}
	}
	kim_cli_done(&j.cli, argc, argv);
	/*
	 * With standard output closed the ids written could not be told, and
	 * a file opened later would take its descriptor: refuse first.
	 */
	if (fcntl(STDOUT_FILENO, F_GETFD) == -1 && errno == EBADF)
		kim_die(KIM_EXIT_IO, "standard output is closed: nothing was "
		    "written (the new id could not be printed)");
	if (j.cli.nargs > 0)
		kim_usage(&j.cli, "unexpected operand '%s'", j.cli.args[0]);
	if (j.verify && !j.given.set[KIM_F_VERIFIED])
		/* confirmed in the field on the as-of day, or on --verified */
		give(&j, KIM_F_VERIFIED, kim_date_fmt(&j.cli.as_of, today));
	if (j.mode == ADD) {
		for (int i = 0; i < KIM_NFIELDS; i++)
			if (!j.given.set[i] &&
			    kim_columns[i].given == KIM_GIVEN_REQUIRED)
				kim_usage(&j.cli, "--%s is required to register "
				    "a KIM", kim_field_names[i]);
	} else if (j.mode == IMPORT) {
		for (int i = 0; i < KIM_NFIELDS; i++)
			if (j.given.set[i])
				kim_usage(&j.cli, "--%s does not go with "
				    "--import", kim_field_names[i]);
	} else {
		if (j.given.set[KIM_F_REGION])
			kim_usage(&j.cli, "--region cannot change: the id is "
			    "made of it (dissolve the KIM and register it anew)");
		int any = 0;
		for (int i = 0; i < KIM_NFIELDS; i++)
			any |= j.given.set[i];
		if (!any)
			kim_usage(&j.cli, "--update %s: nothing to change", j.id);
	}

	/*
	 * The values given, held to what every reader holds a file to before
	 * the lock is taken: what one command writes, every tool reads again.
	 */
	struct kim_record given;
	long bad;
	kim_recbuf_get(&j.given, &given);
	if ((bad = kim_record_check_text(&given, &j.cli.diag)) > 0)
		refuse(bad);

	if (!j.no_commit && kim_git_check_env() != 0)
		kim_usage(&j.cli, NULL);
	kim_cli_context(&j.cli, &j.ctx);
	if (j.mode == IMPORT)
		import_read(&j);
	kim_lock(&lock, j.cli.dir, 1, (double)j.wait);
	/* under the lock: no other kim-register is committing */
	if (!j.no_commit && !j.dry_run && kim_git_ready(j.cli.dir) != 0)
		kim_die(KIM_EXIT_IO, "nothing was written: the change could not "
		    "be committed (--no-commit writes without committing)");
	kim_register_open(&j.reg, j.cli.dir, &j.ctx, &j.cli.diag);
	switch (j.mode) {
	case ADD:
		add(&j);
		break;
	case UPDATE:
		update(&j);
		break;
	case IMPORT:
		import(&j);
		break;
	}
	j.problems += j.reg.problems + kim_register_check_names(&j.reg);
	if (j.problems > 0)
		refuse(j.problems);
	int status = KIM_EXIT_OK;
	if (!j.dry_run) {
		struct kim_txn *t = kim_txn_new(j.cli.dir);
		kim_register_write(&j.reg, t);
		if (!j.no_commit && kim_txn_count(t) > 0) {
			/* in the journal: a crash leaves the commit to the next */
			struct kim_buf m = { 0 };
			message(&j, t, &m);
			kim_txn_message(t, m.s);
			kim_buf_free(&m);
		}
		if (kim_txn_commit(t) != 0)
			status = KIM_EXIT_IO;
		kim_txn_free(t);
	}
	kim_unlock(&lock);
	print_ids(&j);
	kim_register_close(&j.reg);
	kim_recbuf_free(&j.given);
	kim_wilayah_free(&j.ctx.w);
	return kim_exit(status);
}
