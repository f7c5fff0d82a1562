/*
 * kim_folder: the data folder's layout.  The one place that names its
 * files and folders; every other module asks here for a path.
 */
#ifndef KIM_FOLDER_H
#define KIM_FOLDER_H

#include <stddef.h>

/* The files and folders of a data folder, relative to it (kim-data(5)) */
#define KIM_WILAYAH_FILE	"wilayah.csv"	/* the region list */
#define KIM_REGISTER_DIR	"kim"		/* the register files */
#define KIM_REGISTER_EXT	".csv"
#define KIM_TARGETS_FILE	"targets.csv"	/* coverage targets */
#define KIM_RULES_DIR		"rules"		/* rule sets, *.json */
#define KIM_RULES_EXT		".json"
#define KIM_ACTIVITY_DIR	"activity"	/* the activity log files */
#define KIM_BOUNDARIES_DIR	"boundaries"	/* GeoJSON of the map */
#define KIM_LOCK_FILE		".kim.lock"	/* writers' and readers' lock */
#define KIM_JOURNAL_FILE	"kim/.txn"	/* a transaction's journal */
#define KIM_SETTINGS_FILE	"kim.conf"	/* the folder's own defaults */
#define KIM_GITATTRIBUTES_FILE	".gitattributes"	/* merge=kim */
#define KIM_GITIGNORE_FILE	".gitignore"	/* the lock, the journal */
/* kim-merge's log of the ids it renumbered, beside the register files */
#define KIM_RENUMBERED_NAME	"renumbered.csv"
#define KIM_RENUMBERED_FILE	KIM_REGISTER_DIR "/" KIM_RENUMBERED_NAME
/*
 * Its rows that wait for kim-register's next commit, in the repository's
 * git directory (kim_git_private): git neither tracks nor overwrites it
 */
#define KIM_RENUMBERED_PENDING	"kim-renumbered.csv"

/* A file of the data folder as messages name it: "kim/51.02.csv" for dir "." */
char *kim_path(const char *dir, const char *rel);

/*
 * The files SUB/NAME.EXT of the data folder (EXT with its dot), as paths,
 * in the order of their NAMEs; none when SUB is missing.
 */
char **kim_folder_files(const char *dir, const char *sub, const char *ext,
    size_t *n);
/* The register's files, kim/NAME.csv, in the order of their codes. */
char **kim_register_files(const char *dir, size_t *n);
/* Is NAME.csv in kim/ (or a path ending in it) a register file, not the log? */
int kim_register_name(const char *name);
/* The activity log's files, activity/NAME.csv, in the order of their codes */
char **kim_activity_files(const char *dir, size_t *n);
/* The data folder's rule sets, rules/NAME.json, in the order of their names */
char **kim_rules_files(const char *dir, size_t *n);
void kim_free_list(char **, size_t n);

/*
 * Can the register file path (kim/NAME.csv, or its NAME.csv) hold a record
 * inside one of the n regions?  kim/51.02.csv can for 51, 51.02 and
 * 51.02.03; kim/51.csv for 51 only.  With n == 0, every file can.
 */
int kim_register_file_holds(const char *path, const char *const *regions,
    size_t n);
/*
 * Of files[0..n) (kim_register_files, kim_activity_files) the ones that
 * can hold a record of the nregions regions, kept in order at the front;
 * the others freed.  Returns how many are kept.
 */
size_t kim_files_holding(char **files, size_t n, const char *const *regions,
    size_t nregions);

/* The register file a region's records go in: "kim/51.02.csv", "kim/51.csv" */
void kim_record_file(const char *region, char *buf, size_t size);

/* The activity file of a region's KIM: "activity/51.02.csv" */
void kim_activity_file(const char *region, char *buf, size_t size);

/*
 * The boundaries of the regions at depth 1 (provinsi), 2 (kabupaten and
 * kota) or 3 (kecamatan), relative to the folder:
 * "boundaries/provinsi.geojson", "boundaries/kabupaten.geojson",
 * "boundaries/kecamatan.geojson"; NULL for other depths.
 */
const char *kim_boundaries_file(int depth);

/*
 * The value of key in the data folder's settings file (KEY = VALUE lines,
 * # comments), into buf: 1 when set, 0 when not (or no file).  A line that
 * is not KEY = VALUE, and a file that is not a regular file or is over
 * 64 KiB, are reported to d and left out.
 */
struct kim_diag;
int kim_setting(const char *dir, const char *key, char *buf, size_t size,
    struct kim_diag *d);

#endif
