/* kim_map: coverage maps, SVG choropleths drawn from GeoJSON boundaries */
#ifndef KIM_MAP_H
#define KIM_MAP_H

#include <stddef.h>
#include <stdio.h>

#include "kim_coverage.h"
#include "kim_err.h"
#include "kim_wilayah.h"

/*
 * The boundaries of the regions a map draws: loaded from a GeoJSON
 * FeatureCollection (RFC 7946) whose features carry the dotted region code
 * in properties.code.  Only what the map needs is kept: the Polygon and
 * MultiPolygon rings (holes included, as further rings) of the features
 * whose code is a region of the list, at the depth asked for, inside the
 * selection, as longitude/latitude pairs; Jansson's tree is freed once the
 * file is read.  Memory grows with the vertices kept, never with the
 * records.
 *
 * A region is one shape, however many features carry its code: their
 * rings are drawn together as one path.
 */
struct kim_map_shape {
	long i;			/* the region's index in the region list */
	size_t ring, nring;	/* its rings: ring .. ring + nring - 1 */
};

struct kim_map {
	const struct kim_wilayah *w;
	char *path;		/* the file, as given */
	int depth;		/* of the regions: 1 provinsi, 2 kabupaten/kota,
				   3 kecamatan */
	struct kim_map_shape *s; /* in the order of the region list */
	size_t n;
	size_t *ring;		/* ring k has the points ring[k] .. ring[k+1]-1 */
	unsigned char *hole;	/* ring k is a hole of the polygon before it */
	size_t nring;
	double *pt;		/* longitude, latitude, longitude, ... */
	size_t npt;		/* points (pairs) */
	double west, south, east, north;	/* the bounding box of all */
	char *source;		/* the file's "source", or NULL */
};

/*
 * Load the boundaries of path for the regions of w at depth (1-3) inside
 * sel (NULL or sel->n == 0: every region).  Features outside the selection
 * are passed over unread.
 *
 * A feature that cannot be drawn is skipped: a code that is missing or not
 * in the region list, a region at another depth, a null or empty geometry,
 * a geometry other than Polygon and MultiPolygon.  The skipped features
 * are counted in ONE warning to d, naming the first of each kind; it is
 * not a problem and is not in the returned count.
 *
 * The file's source, for the caption, is its top-level "source" member
 * (a foreign member, RFC 7946 section 6.1), when it is a string: its
 * first 160 bytes, whole UTF-8 characters, control characters shown as
 * \xHH.
 *
 * Problems, reported to d and returned as their number (the caller exits
 * 3): JSON that does not parse (FILE:LINE:COLUMN from Jansson), a file
 * that is not a FeatureCollection, and, in a feature to be drawn,
 * coordinates that are not rings of at least 4 [longitude, latitude]
 * positions within -180..180 and -90..90 (named by the feature's number,
 * 1-based, and code).  Returns -1 when the file cannot be read (reported,
 * the caller exits 4).  how is for kim_open_read: KIM_OPEN_REGULAR for the
 * data folder's boundaries, 0 for --map FILE.  In every case kim_map_free
 * must be called.
 */
long kim_map_load(struct kim_map *, const char *path, int how,
    const struct kim_wilayah *w, int depth, const struct kim_cov_sel *sel,
    struct kim_diag *d);
void kim_map_free(struct kim_map *);
/* The shape of region i, or NULL. */
const struct kim_map_shape *kim_map_find(const struct kim_map *, long i);

/*
 * The data folder's boundary file for rows at depth (kim_boundaries_file):
 * 1 provinsi, 2 kabupaten/kota, 3 kecamatan.  A new string (kim_path's
 * form) when the file exists, else NULL.
 */
char *kim_map_boundaries(const char *dir, int depth);

/* What the regions are labelled with (--labels) */
enum { KIM_LABELS_NONE, KIM_LABELS_CODE, KIM_LABELS_NAME };
/* "none", "code", "name" as that enum; -1 for another word */
int kim_map_labels_lookup(const char *);

struct kim_map_style {
	const char *caption;	/* what the map shows: its title, first
				   line of the caption */
	const char *as_of;	/* YYYY-MM-DD, in the caption */
	int labels;		/* KIM_LABELS_*: 0, none, is the zero */
};

/*
 * Draw the map on fp: one <path> per shape of m, in the order of the
 * region list, filled by the percent of its row and with a <title>
 * "NAME: P% (COVERED/VILLAGES), target T%" (or "no target"), shown by a
 * browser on hover; a shape without a row, or whose row has no villages,
 * is hatched and titled "NAME: no data".  rows must be in the order of
 * their index (as kim_cov_next_row gives them); a row without a shape is
 * not drawn, and the caption says how many.
 *
 * Labels (style->labels): each region drawn gets its short name (the
 * name without a leading "Kabupaten "; a kota keeps "Kota ") or its code,
 * in a <text> at the pole of inaccessibility of its largest polygon (the
 * point farthest from its edges, outside its holes: kim_geom_pole, to a
 * pixel, at most 1024 cells), when the label's box, 10 px type at 0.6 em a
 * character, lies inside that polygon; a name that does not fit gives way
 * to the code, and a code that does not fit is not drawn.  The caption
 * says how many labels are hidden.
 *
 * Then a legend and the caption: the caption text, "As of DATE." and
 * "Boundaries: FILE, source: SOURCE." with FILE the boundary file's base
 * name (never the folders above it) and SOURCE its "source", or that the
 * file names none.
 *
 * Colours: ColorBrewer's YlGnBu in five classes of 20 points (0-19.9,
 * 20-39.9, 40-59.9, 60-79.9, 80-100), which is safe for colour-blind
 * readers and whose lightness falls with each class, so it prints in
 * grey; no data is grey hatching.  Paths use the even-odd fill rule, so
 * holes are holes whatever the rings' direction.
 *
 * Projection: equirectangular, longitude scaled by the cosine of the
 * middle latitude of the shapes' bounding box, fitted to that box in a
 * map area of at most 780 x 560 px (the SVG is 800 px wide).
 * Coordinates are rounded to 0.1 px and a vertex closer than 0.5 px to the
 * last one kept is dropped; a ring left with fewer than 3 vertices is
 * dropped, unless it is the shape's last chance to be seen.  Numbers are
 * written from integers: the same input gives the same bytes, with no
 * date or time of drawing.
 *
 * Returns the number of rows drawn (those with a shape).  Write errors
 * are left in fp's error flag for the caller.
 */
size_t kim_map_svg(FILE *fp, const struct kim_map *m,
    const struct kim_cov_at *rows, size_t nrows,
    const struct kim_map_style *style);

/*
 * kim-coverage -f svg: the map of the rows of c at depth by inside sel,
 * with the targets of dir (problems to d: exit 3), the caption of the
 * statuses counted and unit, the as-of day, style's labels, and a warning
 * for rows without a boundary.  The exit status: 0, 1 when there is no row.
 */
int kim_map_print(FILE *fp, const struct kim_map *m,
    const struct kim_coverage *c, const struct kim_cov_sel *sel, int by,
    const int *status, const char *dir, const struct kim_date *as_of,
    int labels, struct kim_diag *d);

/* The rows of depth by (1-3) as a map names them: "kabupaten/kota" */
const char *kim_map_level(int by);
/*
 * What a map shows, for its caption: "Villages with a KIM (aktif), by
 * kabupaten/kota: Bali" for the statuses counted (status[enum kim_status]
 * set) and, with evidence >= 0 (--evidence), "aktif, with an activity in
 * the last 90 days", the rows' depth by, the unit counted (KIM_UNIT_KECAMATAN: "Kecamatan
 * with a KIM of their own (aktif)...") and the regions of sel.  Free it.
 */
char *kim_map_caption(const int *status, long evidence, int by, int unit,
    const struct kim_wilayah *, const struct kim_cov_sel *sel);
/*
 * A warning on standard error when some of the n rows have no boundary
 * in m (drawn of them were drawn): how many, and the first.
 */
void kim_map_warn_undrawn(const struct kim_map *m, const struct kim_cov_at *rows,
    size_t n, size_t drawn);

#endif
