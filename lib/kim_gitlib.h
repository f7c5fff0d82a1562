/*
 * kim_gitlib: libgit2, opened when a repository is first used.
 *
 * Linked at start-up, libgit2 and the libraries it needs (libcrypto,
 * Kerberos, libssh2, mbed TLS, PCRE2, ...: thirteen) cost every
 * command a third of reading the national wilayah.csv, though most
 * commands read no repository.  So libgit2 is opened with dlopen by
 * kim_git.c, the only module that calls it, when a data folder in a git
 * work tree is first seen; its functions are called through one table.
 * Only kim_git.c includes this header: each git_ function it calls is a
 * name for the table's entry, and a function called that is not in
 * KIM_GIT_FUNCS does not link (the program is not linked with libgit2).
 */
#ifndef KIM_GITLIB_H
#define KIM_GITLIB_H

#include <git2.h>

/* every libgit2 function kim-tools calls */
#define KIM_GIT_FUNCS(X) \
	X(git_attr_get) X(git_attr_value) X(git_blob_create_from_workdir) \
	X(git_blob_free) X(git_blob_lookup) X(git_blob_rawcontent) \
	X(git_blob_rawsize) X(git_buf_dispose) X(git_commit_author) \
	X(git_commit_create) X(git_commit_free) X(git_commit_id) \
	X(git_commit_lookup) X(git_commit_parent) X(git_commit_parent_id) \
	X(git_commit_parentcount) X(git_commit_time) \
	X(git_commit_time_offset) X(git_commit_tree) X(git_config_free) \
	X(git_config_get_string_buf) X(git_config_open_level) \
	X(git_config_set_string) X(git_error_last) X(git_index_add) \
	X(git_index_add_all) X(git_index_add_bypath) X(git_index_free) \
	X(git_index_get_bypath) X(git_index_read) X(git_index_remove_bypath) \
	X(git_index_write) X(git_index_write_tree) X(git_libgit2_init) \
	X(git_libgit2_shutdown) X(git_object_free) X(git_object_peel) \
	X(git_oid_equal) X(git_oid_fromstr) X(git_oid_tostr) \
	X(git_reference_free) X(git_reference_lookup) X(git_reference_peel) \
	X(git_reference_symbolic_target) X(git_reference_type) \
	X(git_repository_commondir) X(git_repository_config) \
	X(git_repository_config_snapshot) X(git_repository_free) \
	X(git_repository_head) X(git_repository_index) X(git_repository_init) \
	X(git_repository_is_bare) X(git_repository_open_ext) \
	X(git_repository_path) X(git_repository_state) \
	X(git_repository_workdir) X(git_revparse_single) X(git_revwalk_free) \
	X(git_revwalk_hide) X(git_revwalk_new) X(git_revwalk_next) \
	X(git_revwalk_push) X(git_signature_default) X(git_signature_free) \
	X(git_signature_new) X(git_status_byindex) X(git_status_file) \
	X(git_status_list_entrycount) X(git_status_list_free) \
	X(git_status_list_new) X(git_status_options_init) \
	X(git_tree_create_updated) X(git_tree_entry_byindex) \
	X(git_tree_entry_bypath) X(git_tree_entry_filemode) \
	X(git_tree_entry_free) X(git_tree_entry_id) X(git_tree_entry_name) \
	X(git_tree_entry_type) X(git_tree_entrycount) X(git_tree_free) \
	X(git_tree_id) X(git_tree_lookup) X(git_treebuilder_free) \
	X(git_treebuilder_new) X(git_treebuilder_write)

struct kim_gitlib {
#define KIM_GIT_ENTRY(f) __typeof__(f) *f;
	KIM_GIT_FUNCS(KIM_GIT_ENTRY)
#undef KIM_GIT_ENTRY
};
extern struct kim_gitlib kim_gitlib;

/*
 * Open libgit2 (KIM_GIT_SONAME, the library the build found) and fill
 * the table, once a process; 0, or -1 with what failed in why.
 */
int kim_gitlib_open(const char **why);

#ifndef KIM_GITLIB_TABLE
#define git_attr_get	(kim_gitlib.git_attr_get)
#define git_attr_value	(kim_gitlib.git_attr_value)
#define git_blob_create_from_workdir	(kim_gitlib.git_blob_create_from_workdir)
#define git_blob_free	(kim_gitlib.git_blob_free)
#define git_blob_lookup	(kim_gitlib.git_blob_lookup)
#define git_blob_rawcontent	(kim_gitlib.git_blob_rawcontent)
#define git_blob_rawsize	(kim_gitlib.git_blob_rawsize)
#define git_buf_dispose	(kim_gitlib.git_buf_dispose)
#define git_commit_author	(kim_gitlib.git_commit_author)
#define git_commit_create	(kim_gitlib.git_commit_create)
#define git_commit_free	(kim_gitlib.git_commit_free)
#define git_commit_id	(kim_gitlib.git_commit_id)
#define git_commit_lookup	(kim_gitlib.git_commit_lookup)
#define git_commit_parent	(kim_gitlib.git_commit_parent)
#define git_commit_parent_id	(kim_gitlib.git_commit_parent_id)
#define git_commit_parentcount	(kim_gitlib.git_commit_parentcount)
#define git_commit_time	(kim_gitlib.git_commit_time)
#define git_commit_time_offset	(kim_gitlib.git_commit_time_offset)
#define git_commit_tree	(kim_gitlib.git_commit_tree)
#define git_config_free	(kim_gitlib.git_config_free)
#define git_config_get_string_buf	(kim_gitlib.git_config_get_string_buf)
#define git_config_open_level	(kim_gitlib.git_config_open_level)
#define git_config_set_string	(kim_gitlib.git_config_set_string)
#define git_error_last	(kim_gitlib.git_error_last)
#define git_index_add	(kim_gitlib.git_index_add)
#define git_index_add_all	(kim_gitlib.git_index_add_all)
#define git_index_add_bypath	(kim_gitlib.git_index_add_bypath)
#define git_index_free	(kim_gitlib.git_index_free)
#define git_index_get_bypath	(kim_gitlib.git_index_get_bypath)
#define git_index_read	(kim_gitlib.git_index_read)
#define git_index_remove_bypath	(kim_gitlib.git_index_remove_bypath)
#define git_index_write	(kim_gitlib.git_index_write)
#define git_index_write_tree	(kim_gitlib.git_index_write_tree)
#define git_libgit2_init	(kim_gitlib.git_libgit2_init)
#define git_libgit2_shutdown	(kim_gitlib.git_libgit2_shutdown)
#define git_object_free	(kim_gitlib.git_object_free)
#define git_object_peel	(kim_gitlib.git_object_peel)
#define git_oid_equal	(kim_gitlib.git_oid_equal)
#define git_oid_fromstr	(kim_gitlib.git_oid_fromstr)
#define git_oid_tostr	(kim_gitlib.git_oid_tostr)
#define git_reference_free	(kim_gitlib.git_reference_free)
#define git_reference_lookup	(kim_gitlib.git_reference_lookup)
#define git_reference_peel	(kim_gitlib.git_reference_peel)
#define git_reference_symbolic_target	(kim_gitlib.git_reference_symbolic_target)
#define git_reference_type	(kim_gitlib.git_reference_type)
#define git_repository_commondir	(kim_gitlib.git_repository_commondir)
#define git_repository_config	(kim_gitlib.git_repository_config)
#define git_repository_config_snapshot	(kim_gitlib.git_repository_config_snapshot)
#define git_repository_free	(kim_gitlib.git_repository_free)
#define git_repository_head	(kim_gitlib.git_repository_head)
#define git_repository_index	(kim_gitlib.git_repository_index)
#define git_repository_init	(kim_gitlib.git_repository_init)
#define git_repository_is_bare	(kim_gitlib.git_repository_is_bare)
#define git_repository_open_ext	(kim_gitlib.git_repository_open_ext)
#define git_repository_path	(kim_gitlib.git_repository_path)
#define git_repository_state	(kim_gitlib.git_repository_state)
#define git_repository_workdir	(kim_gitlib.git_repository_workdir)
#define git_revparse_single	(kim_gitlib.git_revparse_single)
#define git_revwalk_free	(kim_gitlib.git_revwalk_free)
#define git_revwalk_hide	(kim_gitlib.git_revwalk_hide)
#define git_revwalk_new	(kim_gitlib.git_revwalk_new)
#define git_revwalk_next	(kim_gitlib.git_revwalk_next)
#define git_revwalk_push	(kim_gitlib.git_revwalk_push)
#define git_signature_default	(kim_gitlib.git_signature_default)
#define git_signature_free	(kim_gitlib.git_signature_free)
#define git_signature_new	(kim_gitlib.git_signature_new)
#define git_status_byindex	(kim_gitlib.git_status_byindex)
#define git_status_file	(kim_gitlib.git_status_file)
#define git_status_list_entrycount	(kim_gitlib.git_status_list_entrycount)
#define git_status_list_free	(kim_gitlib.git_status_list_free)
#define git_status_list_new	(kim_gitlib.git_status_list_new)
#define git_status_options_init	(kim_gitlib.git_status_options_init)
#define git_tree_create_updated	(kim_gitlib.git_tree_create_updated)
#define git_tree_entry_byindex	(kim_gitlib.git_tree_entry_byindex)
#define git_tree_entry_bypath	(kim_gitlib.git_tree_entry_bypath)
#define git_tree_entry_filemode	(kim_gitlib.git_tree_entry_filemode)
#define git_tree_entry_free	(kim_gitlib.git_tree_entry_free)
#define git_tree_entry_id	(kim_gitlib.git_tree_entry_id)
#define git_tree_entry_name	(kim_gitlib.git_tree_entry_name)
#define git_tree_entry_type	(kim_gitlib.git_tree_entry_type)
#define git_tree_entrycount	(kim_gitlib.git_tree_entrycount)
#define git_tree_free	(kim_gitlib.git_tree_free)
#define git_tree_id	(kim_gitlib.git_tree_id)
#define git_tree_lookup	(kim_gitlib.git_tree_lookup)
#define git_treebuilder_free	(kim_gitlib.git_treebuilder_free)
#define git_treebuilder_new	(kim_gitlib.git_treebuilder_new)
#define git_treebuilder_write	(kim_gitlib.git_treebuilder_write)
#endif

#endif
