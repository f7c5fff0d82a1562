/* kim_setup: a data folder set up for git and offices (kim-register --init) */
#ifndef KIM_SETUP_H
#define KIM_SETUP_H

/*
 * Set the data folder dir up for offices sharing it through git: make it
 * a git repository when it is in none; .gitattributes giving register
 * files the merge driver kim; .gitignore naming the lock and the journal;
 * in the repository's config the driver (kim-merge beside this program),
 * pull.rebase false, and kim.data when the folder is not the top of the
 * work tree; the pre-commit hook linked to share/kim/pre-commit beside
 * this program, when there is none.  Says each thing done on standard
 * output, one a line, and when there was nothing to do, that.  With commit
 * the files written are committed (in a new repository, the whole folder
 * as it is).  With dry_run says what it would do and does nothing.
 * Returns the exit status: 0, or 4 after a message.
 */
int kim_setup_init(const char *dir, int dry_run, int commit);

#endif
