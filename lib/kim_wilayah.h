/* kim_wilayah: region codes and the wilayah.csv reference */
#ifndef KIM_WILAYAH_H
#define KIM_WILAYAH_H

#include <stddef.h>
#include <stdint.h>

#include "kim_err.h"

/*
 * The region levels and their names: the only place a level's name is
 * spelled.  A static table that needs a name as a constant (the derived
 * columns of kim_record.h) takes its KIM_LVS_ macro.
 */
#define KIM_LVS_PROVINSI	"provinsi"
#define KIM_LVS_KABUPATEN	"kabupaten"
#define KIM_LVS_KOTA		"kota"
#define KIM_LVS_KECAMATAN	"kecamatan"
#define KIM_LVS_KELURAHAN	"kelurahan"
#define KIM_LVS_DESA		"desa"
#define KIM_LVS_DESA_ADAT	"desa adat"

enum kim_level {
	KIM_LV_INVALID = -1,
	KIM_LV_PROVINSI,
	KIM_LV_KABUPATEN,
	KIM_LV_KOTA,
	KIM_LV_KECAMATAN,
	KIM_LV_KELURAHAN,
	KIM_LV_DESA,
	KIM_LV_DESA_ADAT,
	KIM_NLEVELS
};

/* kim_level_names[KIM_LV_KOTA] is KIM_LVS_KOTA */
extern const char *const kim_level_names[KIM_NLEVELS];

/* The level a code's shape gives, or KIM_LV_INVALID. */
enum kim_level kim_code_level(const char *code);
/* 1 for the four shapes of depth: PP, PP.KK, PP.KK.CC, PP.KK.CC.VVVV */
int kim_level_depth(enum kim_level);
int kim_level_is_village(enum kim_level);
const char *kim_level_name(enum kim_level);
/*
 * The levels of depth 1-3 by name, as --by takes them: provinsi 1,
 * kabupaten 2 (kota too), kecamatan 3; 0 for another word.
 */
int kim_depth_lookup(const char *name);
/* The name of depth 1-3: provinsi, kabupaten, kecamatan */
const char *kim_depth_name(int depth);
/* Length of the code's ancestor at depth (1-4): "51.02" of "51.02.01" is 5 */
size_t kim_code_prefix_len(const char *code, int depth);
/* Is code equal to prefix, or inside it? */
int kim_code_within(const char *code, const char *prefix);

struct kim_region {
	const char *code;
	const char *name;
	long parent;		/* index of the parent, -1 for a provinsi */
	long end;		/* one past the last index inside this region */
	enum kim_level level;
};

/* A name of the list that holds a control character, where it is */
struct kim_badname {
	long line, col;
	size_t byte;		/* the first control character, from 1 */
	char *name;
};

struct kim_wilayah {
	struct kim_region *r;
	size_t n;
	char *path;
	char *arena;
	size_t villages;
	uint32_t *slot;		/* hash of the codes: index + 1, 0 empty */
	size_t mask;		/* number of slots - 1 */
	char within[3];		/* "" the whole list; "51" the regions of
				   that provinsi only (kim_wilayah_load_within) */
	struct kim_badname *bad;	/* every row's, as loading read it */
	size_t nbad;
};

/*
 * Load a region list: a CSV with columns code and name (others ignored).
 * Problems (a bad or repeated code, a region whose parent is missing) are
 * reported to d and the row is left out; returns the number of problems,
 * or -1 when the file cannot be read.  A name that holds a control
 * character is not a problem of loading: it is kept in w->bad, with its
 * place, for kim_wilayah_check_names (a list whose header has no code or
 * no name column is read no further, and has none).
 */
long kim_wilayah_load(struct kim_wilayah *, const char *path,
    struct kim_diag *d);
/*
 * Load of the list at path only the regions of the provinsi of code,
 * which are all that a register file of that provinsi needs: the whole
 * file is read as CSV, and the rows of other provinces are left as they
 * are read, unchecked (kim-check's job).  When the part has a problem, or
 * the file one as CSV (a row whose field count differs from the header's,
 * bad quoting, bytes that are not UTF-8 ...), wherever it is, the whole
 * list is loaded, and the problems reported, as kim_wilayah_load does.
 */
long kim_wilayah_load_within(struct kim_wilayah *, const char *path,
    const char *code, struct kim_diag *d);
/* Can w tell whether code is in the list (it holds the part of code)? */
int kim_wilayah_knows(const struct kim_wilayah *, const char *code);
/* The same over bytes in memory (a blob of git), named name in messages */
long kim_wilayah_read_buf(struct kim_wilayah *, const char *name,
    const char *buf, size_t len, struct kim_diag *d);
void kim_wilayah_free(struct kim_wilayah *);
/*
 * What kim-check adds to loading: every name of the list that holds a
 * control character (ESC, BEL, ... that would reach a terminal), in the
 * order of its rows, the region left out or not, is reported to d with its
 * place, as kim_wilayah_load found it (the file is not read again;
 * kim_wilayah_load_within keeps its provinsi's only).  Returns their
 * number.
 */
long kim_wilayah_check_names(const struct kim_wilayah *, struct kim_diag *d);
/* The region with that code, or NULL. */
const struct kim_region *kim_wilayah_find(const struct kim_wilayah *,
    const char *code);
/* The ancestor of r at a depth (1-4), or NULL. */
const struct kim_region *kim_wilayah_up(const struct kim_wilayah *,
    const struct kim_region *r, int depth);

#endif
